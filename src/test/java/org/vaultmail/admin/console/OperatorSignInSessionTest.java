package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * Console sign-in through Spring Security (ADR 0055): the session a sign-in opens has a new id (the pre-sign-in one is
 * not reused and is not signed in), sign-out ends it, and Spring's authentication events and the authenticated token
 * carry no password or code. H2, GreenMail.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorSignInSessionTest extends ConsoleTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String OPERATOR_PASSWORD = "Session-Operator-Canary-7c3e";
    static final String SESSION_COOKIE = "__Host-vm-admin";

    OperatorSignInSessionTest() {
        super(OPERATOR_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-op-session-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void signingInGivesANewSessionIdAndThePreSignInIdIsNotSignedIn() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(name);
        Operator op = new Operator();
        op.get("/admin/signin");
        String before = op.jar.get(SESSION_COOKIE);
        assertThat(before).as("the form opens a session (its CSRF token)").isNotBlank();

        Reply signedIn = op.post("/admin/signin", "/admin/signin",
                Map.of("username", name, "password", OPERATOR_PASSWORD, "code", code(secret, 0)));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/admin/audit");
        String after = op.jar.get(SESSION_COOKIE);
        assertThat(after).as("a new session id").isNotBlank().isNotEqualTo(before);

        assertThat(op.get("/admin/audit").status()).as("the new id is signed in").isEqualTo(200);
        Reply old = op.http.get("/admin/audit", "Cookie", CookieJars.header(Map.of(SESSION_COOKIE, before)));
        assertThat(old.status()).as("the pre-sign-in id is not").isEqualTo(302);
        assertThat(old.header("Location")).endsWith("/admin/signin");

        op.post("/admin/audit", "/admin/signout", Map.of());
        Reply afterSignOut = op.http.get("/admin/audit", "Cookie", CookieJars.header(Map.of(SESSION_COOKIE, after)));
        assertThat(afterSignOut.status()).as("signed out: the session id is dead").isEqualTo(302);
    }

    @Test
    void authenticationEventsAndTheSignedInOperatorCarryNoPasswordOrCode() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(name);
        List<AbstractAuthenticationEvent> events = new CopyOnWriteArrayList<>();
        ApplicationListener<AbstractAuthenticationEvent> listener = e -> {
            if (name.equals(e.getAuthentication().getName())) events.add(e);
        };
        context.addApplicationListener(listener);
        String wrongCode = code(secret, 7);
        String rightCode = code(secret, 0);
        try {
            Reply wrong = new Operator().post("/admin/signin", "/admin/signin",
                    Map.of("username", name, "password", OPERATOR_PASSWORD, "code", wrongCode));
            assertThat(wrong.status()).isEqualTo(200);
            signedIn(name, secret);
        } finally {
            context.removeApplicationListener(listener);
        }

        assertThat(events).hasExactlyElementsOfTypes(AuthenticationFailureBadCredentialsEvent.class, AuthenticationSuccessEvent.class);
        AbstractAuthenticationFailureEvent failure = (AbstractAuthenticationFailureEvent) events.get(0);
        assertThat(failure.getAuthentication().getCredentials()).as("the request's password is erased").isNull();
        assertThat(failure.getException().getMessage()).isEqualTo("Wrong name, password or code.");
        var operator = events.get(1).getAuthentication();
        assertThat(operator.isAuthenticated()).isTrue();
        assertThat(operator.getName()).isEqualTo(name);
        assertThat(operator.getCredentials()).isNull();
        assertThat(operator.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");
        for (AbstractAuthenticationEvent e : events) {
            String shown = e + " " + e.getAuthentication() + " " + e.getAuthentication().getCredentials() + " "
                    + e.getAuthentication().getDetails()
                    + (e instanceof AbstractAuthenticationFailureEvent f ? " " + f.getException() : "");
            assertThat(shown).doesNotContain(OPERATOR_PASSWORD).doesNotContain(wrongCode).doesNotContain(rightCode);
        }
    }
}
