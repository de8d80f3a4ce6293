package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.vault.Secret;

/** The per-session connection pool on GreenMail. */
class MailConnectionsTest {

    static final String ADDRESS = "pool@example.test";
    static final String PASSWORD = "pool-pw";
    static final String OTHER = "pool-other@example.test";
    static GreenMailFixture mail;
    static MailServers servers;

    final MutableClock clock = new MutableClock();
    final AtomicInteger logins = new AtomicInteger();
    final List<Secret> secrets = new CopyOnWriteArrayList<>();
    final CredentialSource credentials = () -> {
        logins.incrementAndGet();
        Secret secret = Secret.ofUtf8(PASSWORD);
        secrets.add(secret);
        return secret;
    };
    MailConnections pool;

    @BeforeAll
    static void start() {
        mail = GreenMailFixture.start();
        mail.createUser(ADDRESS, PASSWORD);
        mail.createUser(OTHER, PASSWORD);
        servers = new MailServers("example.test",
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.imapPort(), Security.PLAIN),
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN), Optional.empty());
    }

    @AfterAll
    static void stop() {
        if (mail != null) mail.close();
    }

    @BeforeEach
    void newPool() {
        pool = new MailConnections(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10)), 2, 100,
                Duration.ofMinutes(5), Duration.ofMillis(500), clock);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private int otherUsersFolders(String session) {
        return pool.withStore(session, servers, OTHER, credentials, store -> store.folders().size());
    }

    private int folders(String session) {
        return pool.withStore(session, servers, ADDRESS, credentials, store -> store.folders().size());
    }

    @Test
    void twoCallsOnOneSessionShareOneConnectionAndTheSecretIsDestroyedAfterConnecting() {
        assertThat(folders("s1")).isPositive();
        assertThat(folders("s1")).isPositive();
        assertThat(logins).hasValue(1);
        assertThat(pool.openConnections("s1")).isEqualTo(1);
        assertThat(secrets).hasSize(1).allSatisfy(s -> assertThat(s.isDestroyed()).isTrue());

        folders("s2");
        assertThat(logins).hasValue(2);
    }

    @Test
    void atMostNConnectionsPerSessionAndAFurtherCallerGetsBusy() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> holders = List.of(executor.submit(() -> hold("s1", inside, release)),
                    executor.submit(() -> hold("s1", inside, release)));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.openConnections("s1")).isEqualTo(2);

            assertThatThrownBy(() -> folders("s1")).isInstanceOfSatisfying(MailStoreException.class, e -> {
                assertThat(e.reason()).isEqualTo(MailStoreException.Reason.UNAVAILABLE);
                assertThat(e.getMessage()).contains("busy");
            });
            release.countDown();
            for (Future<Integer> holder : holders) assertThat(holder.get(10, TimeUnit.SECONDS)).isPositive();
            folders("s1");
            assertThat(logins).hasValue(2);
            assertThat(pool.openConnections("s1")).isEqualTo(2);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    private int hold(String session, CountDownLatch inside, CountDownLatch release) {
        return pool.withStore(session, servers, ADDRESS, credentials, store -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.folders().size();
        });
    }

    @Test
    void aWaitingCallerGetsTheConnectionWhenItIsReturned() throws Exception {
        pool.close();
        pool = new MailConnections(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10)), 1, 100,
                Duration.ofMinutes(5), Duration.ofSeconds(5), clock);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> holder = executor.submit(() -> hold("s1", inside, release));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            Thread releaser = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200); // folders("s1") below is waiting for the held connection by then
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            });
            assertThat(folders("s1")).isPositive();
            releaser.join();
            assertThat(holder.get(10, TimeUnit.SECONDS)).isPositive();
            assertThat(logins).hasValue(1);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void perServerCapIsSharedAcrossSessions() {
        pool.close();
        pool = new MailConnections(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10)), 2, 1,
                Duration.ofMinutes(5), Duration.ofMillis(300), clock);
        folders("s1");
        // another user's session: the idle connection of the first user is not theirs to take (ADR 0029)
        assertThatThrownBy(() -> otherUsersFolders("s2")).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.UNAVAILABLE));
        pool.closeSession("s1");
        assertThat(otherUsersFolders("s2")).isPositive();
    }

    @Test
    void closeSessionClosesItsConnectionsAndTheNextCallReconnects() {
        AtomicReference<MailStore> first = new AtomicReference<>();
        pool.withStore("s1", servers, ADDRESS, credentials, store -> {
            first.set(store);
            return null;
        });
        pool.closeSession("s1");
        assertThat(first.get().isConnected()).isFalse();
        assertThat(pool.openConnections("s1")).isZero();

        folders("s1");
        assertThat(logins).hasValue(2);
    }

    @Test
    void idleSweepClosesConnectionsIdleForLongerThanTheTimeout() {
        AtomicReference<MailStore> first = new AtomicReference<>();
        pool.withStore("s1", servers, ADDRESS, credentials, store -> {
            first.set(store);
            return null;
        });
        clock.advance(Duration.ofMinutes(4));
        pool.closeIdle();
        assertThat(first.get().isConnected()).isTrue();
        assertThat(pool.openConnections("s1")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        pool.closeIdle();
        assertThat(first.get().isConnected()).isFalse();
        assertThat(pool.openConnections("s1")).isZero();
        folders("s1");
        assertThat(logins).hasValue(2);
    }

    @Test
    void aDroppedConnectionIsReplacedOnceTransparently() {
        AtomicReference<MailStore> first = new AtomicReference<>();
        pool.withStore("s1", servers, ADDRESS, credentials, store -> {
            first.set(store);
            return null;
        });
        first.get().close(); // as if the server had dropped it

        assertThat(folders("s1")).isPositive();
        assertThat(logins).hasValue(2);
        assertThat(pool.openConnections("s1")).isEqualTo(1);
    }

    @Test
    void aSecondFailureOnAFreshConnectionPropagates() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> pool.withStore("s1", servers, ADDRESS, credentials, store -> {
            attempts.incrementAndGet();
            throw new MailStoreException(MailStoreException.Reason.UNAVAILABLE, "gone");
        })).isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.getMessage()).isEqualTo("gone"));
        assertThat(attempts).hasValue(2);
        assertThat(logins).hasValue(2);
        assertThat(pool.openConnections("s1")).isZero();
    }

    @Test
    void otherFailuresAreNotRetriedAndKeepTheConnection() {
        assertThatThrownBy(() -> pool.withStore("s1", servers, ADDRESS, credentials, store -> {
            throw new MailStoreException(MailStoreException.Reason.NOT_FOUND, "no such folder");
        })).isInstanceOf(MailStoreException.class);
        folders("s1");
        assertThat(logins).hasValue(1);
    }

    @Test
    void wrongCredentialsPropagateAndFreeTheSlot() {
        CredentialSource wrong = () -> Secret.ofUtf8("wrong");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> pool.withStore("s1", servers, ADDRESS, wrong, MailStore::folders))
                    .isInstanceOfSatisfying(MailStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.WRONG_CREDENTIALS));
        }
        assertThat(pool.openConnections("s1")).isZero();
        assertThat(folders("s1")).isPositive();
    }
}
