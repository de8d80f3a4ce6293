package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.InternetAddress;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;

/** Idempotency keys and contacts on a real database (H2, PostgreSQL) with the real migrations. */
abstract class ComposeStorageContract {

    @TempDir
    Path dataDir;

    TestDatabase db;
    JdbcClient jdbc;
    IdempotencyKeys keys;
    MutableClock clock;
    Contacts contacts;
    long alice;
    long bob;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind(), dataDir);
        boolean h2 = kind() == TestDatabase.Kind.H2;
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), h2 ? "sa" : TestDatabase.POSTGRES_USER, "");
        var flyway = Flyway.configure().dataSource(dataSource);
        if (!h2) flyway.schemas(db.jdbcUrl().substring(db.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length()));
        flyway.load().migrate();
        jdbc = JdbcClient.create(dataSource);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", Clock.systemUTC());
        clock = new MutableClock();
        keys = new IdempotencyKeys(jdbc, clock, java.time.Duration.ofMinutes(15));
        contacts = new Contacts(jdbc, beans.getBeanProvider(Clock.class));
        alice = user("alice@example.test");
        bob = user("bob@example.test");
    }

    @AfterEach
    void tearDown() {
        if (db != null) db.close();
    }

    @Test
    void aKeyIsClaimedOnceThenReplaysItsMessageIdPerUser() {
        assertThat(keys.claim(alice, "k1")).isInstanceOf(IdempotencyKeys.Claim.Claimed.class);
        assertThat(keys.claim(alice, "k1")).isInstanceOf(IdempotencyKeys.Claim.InProgress.class);
        keys.sent(alice, "k1", "<m1@example.test>");
        assertThat(keys.claim(alice, "k1")).isEqualTo(new IdempotencyKeys.Claim.AlreadySent("<m1@example.test>"));
        assertThat(keys.claim(bob, "k1")).as("keys are per user").isInstanceOf(IdempotencyKeys.Claim.Claimed.class);
    }

    @Test
    void aReleasedKeyMayBeClaimedAgainButASentOneStays() {
        keys.claim(alice, "k2");
        keys.release(alice, "k2");
        assertThat(keys.claim(alice, "k2")).isInstanceOf(IdempotencyKeys.Claim.Claimed.class);
        keys.sent(alice, "k2", "<m2@example.test>");
        keys.release(alice, "k2");
        assertThat(keys.claim(alice, "k2")).isInstanceOf(IdempotencyKeys.Claim.AlreadySent.class);
    }

    @Test
    void aPendingKeyLeftByACrashExpiresSoARetryCanSendButASentOneNever() throws Exception {
        keys.claim(alice, "crash");
        clock.advance(java.time.Duration.ofMinutes(14));
        assertThat(keys.claim(alice, "crash")).as("still sending, maybe").isInstanceOf(IdempotencyKeys.Claim.InProgress.class);
        clock.advance(java.time.Duration.ofMinutes(2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long winners = 0;
            List<Callable<IdempotencyKeys.Claim>> retries = java.util.Collections.nCopies(8, () -> keys.claim(alice, "crash"));
            for (Future<IdempotencyKeys.Claim> f : pool.invokeAll(retries)) {
                if (f.get() instanceof IdempotencyKeys.Claim.Claimed) winners++;
            }
            assertThat(winners).as("exactly one retry takes the stale key over").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        keys.sent(alice, "crash", "<m3@example.test>");
        clock.advance(java.time.Duration.ofDays(2));
        assertThat(keys.claim(alice, "crash")).isEqualTo(new IdempotencyKeys.Claim.AlreadySent("<m3@example.test>"));
    }

    @Test
    void concurrentClaimsOfOneKeyLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<IdempotencyKeys.Claim>> tasks = java.util.Collections.nCopies(16, () -> keys.claim(alice, "race"));
            long winners = 0;
            for (Future<IdempotencyKeys.Claim> f : pool.invokeAll(tasks)) if (f.get() instanceof IdempotencyKeys.Claim.Claimed) winners++;
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void contactsAreSuggestedByAddressOrNameMostUsedFirstAndOnlyToTheirOwner() throws Exception {
        contacts.record(alice, List.of(new InternetAddress("Zoë Müller <zoe@example.org>"), new InternetAddress("zed@example.org")));
        contacts.record(alice, List.of(new InternetAddress("zed@example.org")));
        contacts.record(bob, List.of(new InternetAddress("zara@example.org")));
        assertThat(contacts.search(alice, "z", 10)).extracting(Contacts.Contact::address).containsExactly("zed@example.org", "zoe@example.org");
        assertThat(contacts.search(alice, "MÜLLER".toLowerCase(java.util.Locale.ROOT), 10)).extracting(Contacts.Contact::name).containsExactly("Zoë Müller");
        assertThat(contacts.search(alice, "zara", 10)).isEmpty();
        assertThat(contacts.search(alice, "%", 10)).as("LIKE wildcards are literal").isEmpty();
        assertThat(contacts.search(bob, "z", 10)).extracting(Contacts.Contact::address).containsExactly("zara@example.org");
    }

    private long user(String address) {
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)").params(address, now, now).update();
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }
}
