package org.vaultmail.gateway.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.vaultmail.auth.BearerCredentials;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.gateway.apikeys.ApiKeyAuthentication;
import org.vaultmail.gateway.apikeys.ApiKeyGrant;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.vault.Vault;

/**
 * Test stand-ins until the API keys and connected mailboxes features land: {@code vmk_test_<n>} bearer tokens whose
 * grants the test chooses, connected mailboxes read from {@code connected_mailboxes} rows the test inserts, a
 * settable clock, an outbox store that can hold a request inside its transaction, and the gateway events seen.
 */
@TestConfiguration(proxyBeanMethods = false)
class OutboxTestBeans {

    static final MutableClock CLOCK = new MutableClock();
    static final Map<String, ApiKeyGrant> KEYS = new ConcurrentHashMap<>();
    static final List<GatewayEvent> EVENTS = new CopyOnWriteArrayList<>();
    /** Set both to hold the next enqueue inside its transaction until {@code release} opens. */
    static volatile @Nullable CountDownLatch entered;
    static volatile @Nullable CountDownLatch release;

    @Bean
    @Primary
    Clock testClock() {
        return CLOCK;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    BearerCredentials testApiKeys() {
        return new BearerCredentials() {
            @Override
            public boolean recognises(String token) {
                return token.startsWith("vmk_test_");
            }

            @Override
            public RequestMatcher paths() {
                return new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/api/v1/outbox"),
                        PathPatternRequestMatcher.pathPattern("/api/v1/outbox/**"));
            }

            @Override
            public String wrongPlace() {
                return "API keys work only on the sending API.";
            }

            @Override
            public Optional<Authentication> authenticate(String token, HttpServletRequest request) {
                return Optional.ofNullable(KEYS.get(token)).map(ApiKeyAuthentication::new);
            }
        };
    }

    @Bean
    @Primary
    ConnectedMailboxes testConnectedMailboxes(JdbcClient jdbc) {
        return new ConnectedMailboxes() {
            @Override
            public Optional<ConnectedMailbox> byId(long mailboxId) {
                return jdbc.sql("SELECT id, user_id, address, kind, state FROM connected_mailboxes WHERE id = ?")
                        .param(mailboxId).query(this::row).optional();
            }

            @Override
            public Optional<ConnectedMailbox> byAddress(long userId, String address) {
                return jdbc.sql("SELECT id, user_id, address, kind, state FROM connected_mailboxes WHERE user_id = ? AND LOWER(address) = LOWER(?)")
                        .params(userId, address).query(this::row).optional();
            }

            private ConnectedMailbox row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
                return new ConnectedMailbox(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        ConnectedMailbox.Kind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), MailboxState.of(rs.getString(5)));
            }

            @Override
            public <T> T withSmtp(long mailboxId, MailWork<SMTPTransport, T> work) throws MessagingException {
                throw new UnsupportedOperationException("no delivery in the outbox API tests");
            }

            @Override
            public <T> T withImap(long mailboxId, MailWork<Store, T> work) throws MessagingException {
                throw new UnsupportedOperationException("no delivery in the outbox API tests");
            }

            @Override
            public org.vaultmail.gateway.mailboxes.SendApi sendApi(long mailboxId) {
                throw new UnsupportedOperationException("no delivery in the outbox API tests");
            }

            @Override
            public void authenticationFailed(long mailboxId) {
            }
        };
    }

    @Bean
    @Primary
    OutboxStore latchedOutboxStore(JdbcClient jdbc, Vault vault) {
        return new LatchedOutboxStore(jdbc, vault, CLOCK);
    }

    @Bean
    EventCollector gatewayEventCollector() {
        return new EventCollector();
    }

    static class EventCollector {
        @EventListener
        void on(GatewayEvent event) {
            EVENTS.add(event);
        }
    }

    /** Holds an enqueue inside the transaction when a test asks for it (the in-flight 409). */
    static class LatchedOutboxStore extends OutboxStore {
        LatchedOutboxStore(JdbcClient jdbc, Vault vault, Clock clock) {
            super(jdbc, vault, clock);
        }

        @Override // what OutboxAcceptance calls inside its transaction
        Enqueued store(NewMessage message, OutboxContent content) {
            Enqueued stored = super.store(message, content);
            CountDownLatch in = entered;
            CountDownLatch out = release;
            if (in != null && out != null) {
                entered = null;
                in.countDown();
                try {
                    if (!out.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the request");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return stored;
        }
    }

    /** A user row, a connected mailbox row for it, and helpers to mint test keys. */
    static long user(JdbcClient jdbc, String address) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)").params(address, now, now).update();
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }

    static long mailbox(JdbcClient jdbc, long userId, String address, MailboxState state) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("""
                INSERT INTO connected_mailboxes (user_id, address, kind, state, created_at, credentials_set_at, state_changed_at)
                VALUES (?, ?, 'own', ?, ?, ?, ?)""").params(userId, address, state.label(), now, now, now).update();
        return jdbc.sql("SELECT id FROM connected_mailboxes WHERE user_id = ? AND address = ?").params(userId, address)
                .query(Long.class).single();
    }

    static String key(String token, long keyId, long userId, String owner, Set<org.vaultmail.gateway.apikeys.ApiScope> scopes,
                      @Nullable Set<Long> mailboxIds) {
        KEYS.put(token, new ApiKeyGrant(keyId, userId, owner, token.substring(0, Math.min(12, token.length())), scopes, mailboxIds));
        return "Bearer " + token;
    }
}
