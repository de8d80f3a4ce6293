package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.mail.MailAuthenticator;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.Await;

/**
 * G9: scripted password sprays against one account and against many accounts from one client
 * address, with the clock moved instead of sleeping; GreenMail is the IMAP server and every bind is counted.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({AuthAppTestSupport.ClockConfig.class, SignInThrottleTest.CountBinds.class})
class SignInThrottleTest {

    static final AtomicInteger BINDS = new AtomicInteger();
    static final Duration STEP = Duration.ofSeconds(30);
    static final java.util.Map<String, String> PASSWORDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Wraps the IMAP authenticator to count the logins that reach the mail server. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountBinds {
        @Bean
        static BeanPostProcessor countingAuthenticator() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof MailAuthenticator real)) return bean;
                    return (MailAuthenticator) (servers, address, password) -> {
                        BINDS.incrementAndGet();
                        return real.bind(servers, address, password);
                    };
                }
            };
        }
    }

    @DynamicPropertySource
    static void throttling(DynamicPropertyRegistry registry) throws java.io.IOException {
        String dir = java.nio.file.Files.createTempDirectory("vaultmail-throttle-test-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        AuthAppTestSupport.appProperties(registry);
        registry.add("vaultmail.auth.throttle.account-failures", () -> "5");
        registry.add("vaultmail.auth.throttle.client-failures", () -> "20");
        registry.add("vaultmail.auth.throttle.base-wait", () -> "1m");
        registry.add("vaultmail.auth.throttle.max-wait", () -> "15m");
        registry.add("vaultmail.auth.throttle.min-failure-duration", () -> "0ms");
        registry.add("vaultmail.auth.throttle.failure-jitter", () -> "0ms");
    }

    @Autowired
    JdbcClient jdbc;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    org.vaultmail.testing.MutableClock clock;

    Reply signIn(String address, String password) {
        return new org.vaultmail.testing.HttpCalls(port).send("POST", "/api/v1/sessions",
                org.vaultmail.testing.HttpCalls.json("address", address, "password", password));
    }

    @Autowired
    AuthAppTestSupport.RecordedEvents recorded;

    @BeforeEach
    void clearCounters() {
        jdbc.sql("DELETE FROM signin_failures").update();
    }

    @Test
    void sprayAgainstOneAccountWaitsOneTwoFourEightThenFifteenMinutesWithoutAskingImapAndAnswersLikeAWrongPassword() {
        String victim = user("right-pw");
        Reply reference = signIn(victim, "wrong-pw-0");
        List<Duration> gaps = spray(List.of(victim), 199, 5);

        assertThat(gaps).startsWith(STEP, STEP, STEP, STEP, Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15));
        assertThat(gaps.subList(8, gaps.size())).allMatch(g -> g.equals(Duration.ofMinutes(15)));
        assertLockedOutAnswersLikeAWrongPassword(victim, reference);
        assertTheRealUserSignsInAfterTheWait(victim);
    }

    @Test
    void sprayOfFiftyAccountsFromOneAddressMakesThatAddressWait() {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 50; i++) accounts.add(user("pw-" + i));
        Reply reference = signIn(accounts.get(0), "wrong-pw-0");
        List<Duration> gaps = spray(accounts, 199, 20);

        assertThat(gaps.subList(0, 19)).allMatch(g -> g.equals(STEP));
        assertThat(gaps.subList(19, 24)).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(15));
        assertLockedOutAnswersLikeAWrongPassword(accounts.get(7), reference);
        assertThat(lockoutStarts(null).stream().filter(e -> e.kind() == SignInLockoutStarted.Kind.CLIENT).toList())
                .as("one client lockout start, however many attempts it refused")
                .singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(SignInLockoutStarted.Kind.CLIENT);
                    assertThat(e.subject()).isEqualTo("127.0.0.1");
                    assertThat(e.failures()).isEqualTo(20);
                });
        awaitAudit("action = 'signin.lockout' AND actor_type = 'system' AND target = 'client:127.0.0.1' AND client_address = '127.0.0.1'");
        // no single account failed often enough for its own wait: each got about four tries
        assertTheRealUserSignsInAfterTheWait(accounts.get(7));
    }

    @Test
    void aLockoutStartIsPublishedAndAuditedOnceNotForEveryRefusedAttemptNorWhenTheWaitGrows() {
        String victim = user("right-pw");
        Instant fifthFailure = null;
        int lockedOut = 0;
        for (int i = 0; i < 12; i++) {
            clock.advance(STEP);
            int before = recorded.events.size();
            signIn(victim, "wrong-pw-" + i);
            List<Object> these = recorded.events.subList(before, recorded.events.size());
            if (i == 4) fifthFailure = clock.instant();
            if (these.stream().anyMatch(e -> e instanceof SignInFailed f && f.reason() == SignInFailed.Reason.LOCKED_OUT)) lockedOut++;
        }
        assertThat(lockedOut).as("attempts refused during the waits").isGreaterThanOrEqualTo(4);
        List<SignInLockoutStarted> starts = lockoutStarts(victim);
        assertThat(starts).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SignInLockoutStarted.Kind.ACCOUNT);
            assertThat(e.failures()).isEqualTo(5);
        });
        assertThat(starts.getFirst().until()).isEqualTo(fifthFailure.truncatedTo(java.time.temporal.ChronoUnit.MICROS).plus(Duration.ofMinutes(1)));
        awaitAudit("action = 'signin.lockout' AND actor_id = '" + victim + "' AND target = 'account:" + victim
                + "' AND outcome = 'locked_out' AND details LIKE '%\"until\":\"" + starts.getFirst().until() + "\"%'");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'signin.lockout' AND actor_id = ?").param(victim)
                .query(Long.class).single()).isEqualTo(1);

        // after a reset of the counter (a success), crossing the threshold again is a new start
        clock.advance(Duration.ofMinutes(15));
        assertThat(signIn(victim, "right-pw").status()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            clock.advance(STEP);
            signIn(victim, "wrong-again-" + i);
        }
        assertThat(lockoutStarts(victim)).hasSize(2);
    }

    private List<SignInLockoutStarted> lockoutStarts(@org.jspecify.annotations.Nullable String subject) {
        return recorded.events.stream().filter(e -> e instanceof SignInLockoutStarted s && (subject == null || s.subject().equals(subject)))
                .map(SignInLockoutStarted.class::cast).toList();
    }

    private void awaitAudit(String where) {
        Await.until("an audit entry where " + where, Duration.ofSeconds(15),
                () -> jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE " + where).query(Long.class).single() > 0);
    }

    @Test
    void unknownDomainsAreCountedLikeAnyOtherAccount() {
        String nobody = "nobody@unknown-domain.test";
        for (int i = 0; i < 5; i++) assertThat(signIn(nobody, "x").status()).isEqualTo(401);
        int before = recorded.events.size();

        assertThat(signIn(nobody, "x").status()).isEqualTo(401);
        assertThat(recorded.events.subList(before, recorded.events.size()))
                .anyMatch(e -> e instanceof SignInFailed f && f.reason() == SignInFailed.Reason.LOCKED_OUT);
    }

    @Test
    void countersStartAgainTwelveHoursAfterTheLastFailure() {
        String user = user("right-pw");
        for (int i = 0; i < 5; i++) signIn(user, "wrong");
        clock.advance(Duration.ofHours(12));
        int before = BINDS.get();

        assertThat(signIn(user, "wrong").status()).isEqualTo(401);
        assertThat(signIn(user, "wrong").status()).isEqualTo(401);
        assertThat(BINDS.get() - before).isEqualTo(2);
    }

    private static String user(String password) {
        String address = "u" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        AuthAppTestSupport.MAIL.createUser(address, password);
        PASSWORDS.put(address, password);
        return address;
    }

    /**
     * One wrong password every {@link #STEP} (the first already sent) across {@code accounts} in turn;
     * checks each attempt against the expected schedule and returns the time between attempts that reached IMAP.
     */
    private List<Duration> spray(List<String> accounts, int attempts, int threshold) {
        Instant lastBind = clock.instant();
        int failures = 1;
        Instant waitUntil = Instant.MIN;
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i <= attempts; i++) {
            clock.advance(STEP);
            Instant now = clock.instant();
            int binds = BINDS.get();
            int events = recorded.events.size();
            Reply reply = signIn(accounts.get(i % accounts.size()), "wrong-pw-" + i);
            boolean reachedImap = BINDS.get() > binds;

            assertThat(reply.status()).as("attempt %d", i).isEqualTo(401);
            assertThat(reachedImap).as("attempt %d at %s, wait until %s; %s", i, now, waitUntil,
                    jdbc.sql("SELECT * FROM signin_failures").query().listOfRows()).isEqualTo(!now.isBefore(waitUntil));
            Object event = recorded.events.get(events);
            assertThat(event).isInstanceOf(SignInFailed.class);
            assertThat(((SignInFailed) event).reason()).isEqualTo(reachedImap ? SignInFailed.Reason.WRONG_CREDENTIALS
                    : SignInFailed.Reason.LOCKED_OUT);
            if (reachedImap) {
                gaps.add(Duration.between(lastBind, now));
                lastBind = now;
                failures++;
                if (failures >= threshold) {
                    long minutes = Math.min(15, 1L << Math.min(failures - threshold, 10));
                    waitUntil = now.plus(Duration.ofMinutes(minutes));
                }
            }
        }
        return gaps;
    }

    private void assertLockedOutAnswersLikeAWrongPassword(String address, Reply reference) {
        int binds = BINDS.get();
        Reply locked = signIn(address, "wrong-pw-locked");
        Reply lockedRight = signIn(address, PASSWORDS.get(address));

        assertThat(BINDS.get()).isEqualTo(binds);
        for (Reply r : List.of(locked, lockedRight)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(reference.body());
            assertThat(r.header("Content-Type")).isEqualTo(reference.header("Content-Type"));
            assertThat(r.header("Retry-After")).isNull();
        }
    }

    private void assertTheRealUserSignsInAfterTheWait(String address) {
        clock.advance(Duration.ofMinutes(15));
        assertThat(signIn(address, PASSWORDS.get(address)).status()).isEqualTo(201);
    }
}
