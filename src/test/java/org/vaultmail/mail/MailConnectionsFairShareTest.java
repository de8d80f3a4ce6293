package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.vault.Secret;

/**
 * The pool's fair shares (issue 12 item 8, ADR 0029): one user, however many sessions, holds at most
 * {@code per-user} connections; at that cap, or when the server's cap is reached, their own least recently used idle
 * connection makes room, never another user's.
 */
class MailConnectionsFairShareTest {

    static final String ALICE = "fair-alice@example.test";
    static final String BOB = "fair-bob@example.test";
    static final String CAROL = "fair-carol@example.test";
    static GreenMailFixture mail;
    static MailServers servers;

    final MutableClock clock = new MutableClock();
    MailConnections pool;

    @BeforeAll
    static void start() {
        mail = GreenMailFixture.start();
        for (String user : new String[] {ALICE, BOB, CAROL}) mail.createUser(user, "fair-pw");
        servers = new MailServers("example.test",
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.imapPort(), Security.PLAIN),
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN), Optional.empty());
    }

    @AfterAll
    static void stop() {
        if (mail != null) mail.close();
    }

    @AfterEach
    void closePool() {
        if (pool != null) pool.close();
    }

    private void pool(int perSession, int perUser, int perServer) {
        pool = new MailConnections(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10)), perSession, perUser,
                perServer, Duration.ofMinutes(5), Duration.ofMillis(400), clock);
    }

    private int folders(String session, String address) {
        int n = pool.withStore(session, servers, address, () -> Secret.ofUtf8("fair-pw"), store -> store.folders().size());
        clock.advance(Duration.ofSeconds(1)); // each use a second after the last: "least recently used" is well defined
        return n;
    }

    @Test
    void oneUserWithManySessionsCannotTakeEveryConnectionToTheServer() {
        pool(2, 3, 4);
        for (int s = 1; s <= 4; s++) folders("alice-" + s, ALICE);

        int alices = 0;
        for (int s = 1; s <= 4; s++) alices += pool.openConnections("alice-" + s);
        assertThat(alices).as("alice's connections, four sessions").isEqualTo(3);
        assertThat(folders("bob-1", BOB)).as("bob still gets a connection").isPositive();
    }

    @Test
    void atTheirCapTheUsersLeastRecentlyUsedIdleConnectionGoesNeverAnotherUsers() {
        pool(2, 2, 10);
        folders("alice-1", ALICE);
        folders("bob-1", BOB);
        folders("alice-2", ALICE);

        folders("alice-3", ALICE);

        assertThat(pool.openConnections("alice-1")).as("alice's least recently used").isZero();
        assertThat(pool.openConnections("alice-2")).isEqualTo(1);
        assertThat(pool.openConnections("alice-3")).isEqualTo(1);
        assertThat(pool.openConnections("bob-1")).as("bob's, although older").isEqualTo(1);
    }

    @Test
    void whenTheServerIsFullTheUsersOwnIdleConnectionMakesRoomButNobodyElses() {
        pool(2, 2, 2);
        folders("alice-1", ALICE);
        folders("bob-1", BOB);

        folders("alice-2", ALICE);

        assertThat(pool.openConnections("alice-1")).isZero();
        assertThat(pool.openConnections("bob-1")).isEqualTo(1);
        assertThatThrownBy(() -> folders("carol-1", CAROL)).as("carol cannot take alice's or bob's")
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.UNAVAILABLE));
    }

    @Test
    void atTheirCapWithEveryConnectionBusyTheUserWaitsAndOthersDoNot() throws Exception {
        pool(2, 1, 10);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> busy = executor.submit(() -> pool.withStore("alice-1", servers, ALICE, () -> Secret.ofUtf8("fair-pw"), store -> {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> folders("alice-2", ALICE)).isInstanceOfSatisfying(MailStoreException.class,
                    e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.UNAVAILABLE));
            assertThat(folders("bob-1", BOB)).isPositive();
            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
            assertThat(folders("alice-2", ALICE)).as("once alice's connection is back, it makes room").isPositive();
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }
}
