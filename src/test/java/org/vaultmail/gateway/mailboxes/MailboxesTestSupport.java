package org.vaultmail.gateway.mailboxes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.vault.Secret;

/**
 * The whole app on H2 with GreenMail serving {@code example.test} (and {@code off.test}, where connected mailboxes are
 * switched off), notifications through GreenMail's SMTP, at most 3 connected mailboxes per user, and recorders for
 * the gateway's events and for every password {@link MailLogins} was handed (to see that it is wiped afterwards).
 * The page's E2E test shares this context.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({AuthAppTestSupport.ClockConfig.class, MailboxesTestSupport.Recorders.class})
abstract class MailboxesTestSupport extends AuthAppTestSupport {

    static final int MAX_PER_USER = 3;

    @DynamicPropertySource
    static void mailboxProperties(DynamicPropertyRegistry registry) {
        MAIL.registerDomain(registry, 2, "off.test");
        registry.add("vaultmail.gateway.mailboxes.max-per-user", () -> Integer.toString(MAX_PER_USER));
        registry.add("vaultmail.gateway.mailboxes.disabled-domains[0]", () -> "off.test");
        registry.add("vaultmail.notifications.smtp.host", () -> "127.0.0.1");
        registry.add("vaultmail.notifications.smtp.port", () -> Integer.toString(MAIL.smtpPort()));
        registry.add("vaultmail.notifications.smtp.security", () -> "plain");
        registry.add("vaultmail.notifications.from", () -> "no-reply@example.test");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recorders {
        @Bean
        GatewayEvents gatewayEvents() {
            return new GatewayEvents();
        }

        @Bean
        static BeanPostProcessor recordingMailLogins() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof MailLogins logins && !(bean instanceof RecordingMailLogins)
                            ? new RecordingMailLogins(logins) : bean;
                }
            };
        }
    }

    /** Every GatewayEvent and MailboxReauthenticated, from any thread. */
    static final class GatewayEvents {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @EventListener({GatewayEvent.class, MailboxReauthenticated.class})
        void on(Object event) {
            events.add(event);
        }

        List<GatewayEvent> withAction(String action, String target) {
            return events.stream().filter(GatewayEvent.class::isInstance).map(GatewayEvent.class::cast)
                    .filter(e -> e.action().equals(action) && target.equals(e.target())).toList();
        }
    }

    /** The real {@link MailLogins}, remembering each password it was handed. */
    static final class RecordingMailLogins implements MailLogins {
        static final List<Secret> PASSWORDS = new CopyOnWriteArrayList<>();
        private final MailLogins delegate;

        RecordingMailLogins(MailLogins delegate) {
            this.delegate = delegate;
        }

        @Override
        public SMTPTransport openSmtp(MailServers servers, String username, Secret password) throws MessagingException {
            PASSWORDS.add(password);
            return delegate.openSmtp(servers, username, password);
        }

        @Override
        public Store openImap(MailServers servers, String username, Secret password) throws MessagingException {
            PASSWORDS.add(password);
            return delegate.openImap(servers, username, password);
        }
    }

    String token(String address, String password) {
        return bearer(signIn(address, password).json().get("accessToken").asString());
    }

    HttpCalls.Reply connect(String token, String address, String password) {
        return http().send("POST", "/api/v1/mailboxes", address == null ? HttpCalls.json("password", password)
                : HttpCalls.json("address", address, "password", password), "Authorization", token);
    }
}
