package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.auth.Enrolled;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.auth.FormClient;
import org.vaultmail.auth.mfa.MfaFailed;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.MutableClock;




/**
 * Issue 12, item 2: wrong codes at the browser's second step ({@code /signin/code}) are sign-in failures of the
 * account and of the client address, like wrong codes sent to the API: the same counters, waits and lockout start,
 * so typing the password again gives no fresh tries.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class SecondStepThrottleTest {


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws java.io.IOException {
        String dir = java.nio.file.Files.createTempDirectory("vaultmail-second-step-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        AuthAppTestSupport.appProperties(registry);
        registry.add("vaultmail.auth.throttle.account-failures", () -> "5");
        registry.add("vaultmail.auth.throttle.client-failures", () -> "8");
        registry.add("vaultmail.auth.throttle.base-wait", () -> "1m");
        registry.add("vaultmail.auth.throttle.min-failure-duration", () -> "0ms");
        registry.add("vaultmail.auth.throttle.failure-jitter", () -> "0ms");
    }


    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuthAppTestSupport.RecordedEvents recorded;

    @BeforeEach
    void clearCounters() {
        jdbc.sql("DELETE FROM signin_failures").update();
    }

    @Test
    void wrongBrowserCodesLockTheAccountAndPostingThePasswordAgainGivesNoFreshTries() {
        Enrolled user = enrol();
        clock.advance(Duration.ofSeconds(60));
        FormClient browser = new FormClient(new HttpCalls(port));
        assertThat(browser.signIn(user.address(), "pw").header("Location")).endsWith("/signin/code");
        for (int i = 0; i < 4; i++) {
            String wrong = i == 0 ? "ABCDE-FGHIJ" : "abcdef"; // a wrong recovery code counts like a wrong TOTP code
            assertThat(code(browser, wrong).status()).isEqualTo(401);
        }

        Reply again = browser.signIn(user.address(), "pw");
        assertThat(again.header("Location")).as("four failures: still below the threshold").endsWith("/signin/code");
        Instant fifth = clock.instant();
        assertThat(code(browser, "abcdef").body()).contains(org.vaultmail.testing.ProblemAssertions.english(SignInPageController.CODE_WRONG));

        assertThat(lockoutStarts(user.address())).as("the fifth wrong code starts the account's wait").singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(SignInLockoutStarted.Kind.ACCOUNT);
                    assertThat(e.failures()).isEqualTo(5);
                    assertThat(e.until()).isEqualTo(fifth.truncatedTo(java.time.temporal.ChronoUnit.MICROS).plus(Duration.ofMinutes(1)));
                });
        assertThat(recorded.events.stream().filter(e -> e instanceof MfaFailed f && f.address().equals(user.address())
                && f.reason() == MfaFailed.Reason.SIGN_IN)).as("each audited as a second-factor failure").hasSize(5);

        Reply rightCodeDuringTheWait = code(browser, code(user));
        assertThat(rightCodeDuringTheWait.status()).isEqualTo(401);
        assertThat(rightCodeDuringTheWait.headers("Set-Cookie")).noneMatch(c -> c.startsWith(AuthCookies.ACCESS + "="));
        assertThat(recorded.events).anyMatch(e -> e instanceof SignInFailed f && f.address().equals(user.address())
                && f.reason() == SignInFailed.Reason.LOCKED_OUT);

        Reply passwordDuringTheWait = new FormClient(new HttpCalls(port)).signIn(user.address(), "pw");
        assertThat(passwordDuringTheWait.status()).as("no fresh tries with the password").isEqualTo(401);
        assertThat(passwordDuringTheWait.header("Location")).isNull();

        clock.advance(Duration.ofMinutes(1));
        FormClient later = new FormClient(new HttpCalls(port));
        assertThat(later.signIn(user.address(), "pw").header("Location")).endsWith("/signin/code");
        assertThat(code(later, code(user)).header("Location")).as("after the wait the user gets in").endsWith("/");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signin_failures WHERE kind = 'account' AND subject = ?")
                .param(user.address()).query(Long.class).single()).as("a success clears the account's counter").isZero();
    }

    @Test
    void wrongBrowserCodesForSeveralAccountsMakeTheClientAddressWait() {
        Enrolled first = enrol();
        Enrolled second = enrol();
        String plain = AuthAppTestSupport.newUser("pw");
        clock.advance(Duration.ofSeconds(60));

        for (Enrolled user : List.of(first, second)) {
            FormClient browser = new FormClient(new HttpCalls(port));
            browser.signIn(user.address(), "pw");
            for (int i = 0; i < 4; i++) assertThat(code(browser, "abcdef").status()).isEqualTo(401);
        }

        assertThat(lockoutStarts("127.0.0.1")).as("eight failures from one client").singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(SignInLockoutStarted.Kind.CLIENT));
        Reply other = new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", plain, "password", "pw"));
        assertThat(other.status()).as("the client waits, whatever account it tries").isEqualTo(401);
    }

    private List<SignInLockoutStarted> lockoutStarts(String subject) {
        return recorded.events.stream().filter(e -> e instanceof SignInLockoutStarted s && s.subject().equals(subject))
                .map(SignInLockoutStarted.class::cast).toList();
    }

    private static Reply code(FormClient browser, String code) {
        return browser.submit("/signin/code", "/signin/code", Map.of("code", code));
    }

    private Enrolled enrol() {
        return Enrolled.throughThePage(new HttpCalls(port), clock, AuthAppTestSupport.newUser("pw"), "pw");
    }

    private String code(Enrolled user) {
        return user.code(clock);
    }

}
