package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.SlowImapServer;


/**
 * G9 under concurrency (issue 12, item 3): a burst of parallel wrong passwords, each of which takes the mail
 * server a while to refuse, reaches the server at most the threshold times, because every attempt is reserved in
 * the database before the IMAP login and every reservation counts until it is settled.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class ParallelSignInTest {

    static final SlowImapServer SLOW = SlowImapServer.start(Duration.ofMillis(1000));
    static final int BURST = 32;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws java.io.IOException {
        String dir = java.nio.file.Files.createTempDirectory("vaultmail-parallel-signin-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        AuthAppTestSupport.appProperties(registry);
        SLOW.domainProperties(2, "slow.test").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("vaultmail.auth.throttle.account-failures", () -> "5");
        registry.add("vaultmail.auth.throttle.client-failures", () -> "8");
        registry.add("vaultmail.auth.throttle.min-failure-duration", () -> "0ms");
        registry.add("vaultmail.auth.throttle.failure-jitter", () -> "0ms");
        registry.add("vaultmail.auth.throttle.bind-wait", () -> "5s");
    }

    @AfterAll
    static void stop() {
        SLOW.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.vaultmail.testing.MutableClock clock;

    @BeforeEach
    void clean() {
        jdbc.sql("DELETE FROM signin_failures").update();
        jdbc.sql("DELETE FROM signin_attempts").update();
        SLOW.reset();
    }

    @Test
    void thirtyTwoParallelWrongPasswordsForOneAccountReachTheMailServerAtMostThresholdTimes() throws Exception {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8) + "@slow.test";
        List<Integer> statuses = burst(BURST, i -> new HttpCalls(port).send("POST", "/api/v1/sessions",
                HttpCalls.json("address", victim, "password", "guess-" + i)).status());

        assertThat(statuses).as("every guess is refused alike").allMatch(s -> s == 401);
        assertThat(SLOW.logins()).as("LOGINs the mail server saw (account threshold 5)").isLessThanOrEqualTo(5);
        assertThat(SLOW.logins()).as("the first guesses do get through").isPositive();
    }

    @Test
    void thirtyTwoParallelWrongPasswordsForManyAccountsFromOneClientReachTheMailServerAtMostTheClientThreshold()
            throws Exception {
        List<Integer> statuses = burst(BURST, i -> new HttpCalls(port).send("POST", "/api/v1/sessions",
                HttpCalls.json("address", "spray-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@slow.test",
                        "password", "guess")).status());

        assertThat(statuses).allMatch(s -> s == 401);
        assertThat(SLOW.logins()).as("LOGINs the mail server saw (client threshold 8)").isLessThanOrEqualTo(8);
    }

    @Test
    void theReservationIsReleasedWhenTheServerCannotBeReachedSoNothingIsCounted() {
        HttpCalls http = new HttpCalls(port);
        String address = "someone@down.test";

        for (int i = 0; i < 7; i++) {
            assertThat(http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw")).status())
                    .isEqualTo(503);
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM signin_failures WHERE failures > 0").query(Long.class).single()).isZero();
    }

    @Test
    void reservationsLeftByANodeThatDiedCountOnlyUntilTheirHoldEnds() {
        String address = "left-" + UUID.randomUUID().toString().substring(0, 8) + "@slow.test";
        java.time.OffsetDateTime expires = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plus(SignInThrottle.HOLD).atOffset(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 5; i++) {
            jdbc.sql("INSERT INTO signin_attempts (id, kind, subject, expires_at) VALUES (?, 'account', ?, ?)")
                    .params("dead-node-" + i, address, expires).update();
        }
        HttpCalls http = new HttpCalls(port);

        assertThat(http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "x")).status()).isEqualTo(401);
        assertThat(SLOW.logins()).as("five attempts in progress: the sixth waits").isZero();
        clock.advance(SignInThrottle.HOLD);
        assertThat(http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "x")).status()).isEqualTo(401);
        assertThat(SLOW.logins()).as("expired reservations no longer count").isEqualTo(1);
    }

    /** Starts {@code n} calls at once (each on its own thread) and returns their results. */
    static <T> List<T> burst(int n, IntFunction<T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(index);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        }
    }
}
