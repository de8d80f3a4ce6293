package org.vaultmail.auth.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/** The SMTP credentials store on a real database (H2, PostgreSQL) with the real migrations and an in-memory vault. */
abstract class SmtpCredentialsContract {

    static final String SMTP_CANARY = "Smtp-Canary-4b8e1d";
    static final String IMAP_CANARY = "Imap-Canary-9c2f7a";

    @TempDir
    Path dataDir;

    TestDatabase db;
    SingleConnectionDataSource dataSource;
    JdbcClient jdbc;
    Vault vault = Vault.inMemory();
    SmtpCredentials store;
    long alice;
    long bob;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind(), dataDir);
        boolean h2 = kind() == TestDatabase.Kind.H2;
        dataSource = new SingleConnectionDataSource(db.jdbcUrl(), h2 ? "sa" : TestDatabase.POSTGRES_USER, "", true);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (!h2) flyway.schemas(db.jdbcUrl().substring(db.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length()));
        flyway.load().migrate();
        jdbc = JdbcClient.create(dataSource);
        store = new SmtpCredentials(jdbc, vault, Clock.systemUTC());
        alice = user("alice@example.test");
        bob = user("bob@example.test");
    }

    @AfterEach
    void tearDown() {
        if (dataSource != null) dataSource.destroy();
        if (db != null) db.close();
    }

    abstract TestDatabase.Kind kind();

    @Test
    void savedCredentialsOpenWithTheSameImapPassword() {
        save(alice, "alice-submit", SMTP_CANARY, IMAP_CANARY);

        try (Secret imap = Secret.ofUtf8(IMAP_CANARY); SmtpCredentials.Opened opened = store.open(alice, imap)) {
            assertThat(opened.outcome()).isEqualTo(SmtpCredentials.Outcome.OPENED);
            assertThat(opened.login().username()).isEqualTo("alice-submit");
            assertThat(opened.login().password().revealUtf8()).isEqualTo(SMTP_CANARY);
            assertThat(opened.login().toString()).doesNotContain(SMTP_CANARY);
        }
        assertThat(store.status(alice)).isEqualTo(new SmtpCredentials.Status(true, false));
        assertThat(store.status(bob)).isEqualTo(new SmtpCredentials.Status(false, false));
    }

    @Test
    void nothingStoredOpensAsNone() {
        try (Secret imap = Secret.ofUtf8(IMAP_CANARY); SmtpCredentials.Opened opened = store.open(bob, imap)) {
            assertThat(opened.outcome()).isEqualTo(SmtpCredentials.Outcome.NONE);
            assertThat(opened.login()).isNull();
        }
    }

    @Test
    void rowRecordsOwaspArgon2idParametersAndASixteenByteSalt() {
        save(alice, "a", SMTP_CANARY, IMAP_CANARY);
        save(bob, "b", SMTP_CANARY, IMAP_CANARY);

        var row = jdbc.sql("SELECT kdf, kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt FROM smtp_credentials"
                + " WHERE user_id = ?").param(alice).query().singleRow();
        assertThat(row.get("kdf")).isEqualTo("argon2id");
        assertThat(row.get("kdf_memory_kib")).isEqualTo(19_456);
        assertThat(row.get("kdf_iterations")).isEqualTo(2);
        assertThat(row.get("kdf_parallelism")).isEqualTo(1);
        assertThat((byte[]) row.get("kdf_salt")).hasSize(16);
        byte[] bobSalt = jdbc.sql("SELECT kdf_salt FROM smtp_credentials WHERE user_id = ?").param(bob).query(byte[].class).single();
        assertThat(bobSalt).isNotEqualTo(row.get("kdf_salt"));
    }

    @Test
    void storedParametersAreTheOnesUsedToDeriveTheKey() {
        save(alice, "a", SMTP_CANARY, IMAP_CANARY);
        jdbc.sql("UPDATE smtp_credentials SET kdf_memory_kib = 8192, kdf_iterations = 1 WHERE user_id = ?").param(alice).update();

        try (Secret imap = Secret.ofUtf8(IMAP_CANARY); SmtpCredentials.Opened opened = store.open(alice, imap)) {
            assertThat(opened.outcome()).isEqualTo(SmtpCredentials.Outcome.STALE);
        }
    }

    @Test
    void derivedKeyMatchesArgon2idAndDiffersForAnotherPassword() {
        byte[] salt = new byte[16];
        byte[] k1;
        byte[] k2;
        byte[] k3;
        try (Secret a = Secret.ofUtf8("password"); Secret b = Secret.ofUtf8("Password")) {
            k1 = Argon2id.OWASP.derive(a, salt);
            k2 = Argon2id.OWASP.derive(a, salt);
            k3 = Argon2id.OWASP.derive(b, salt);
        }
        assertThat(k1).hasSize(32).isEqualTo(k2).isNotEqualTo(k3);
        try (Secret a = Secret.ofUtf8("password")) {
            assertThat(new Argon2id(19_456, 3, 1).derive(a, salt)).isNotEqualTo(k1);
        }
    }

    @Test
    void aChangedImapPasswordMarksTheCredentialsStaleWithoutDeletingThem() {
        save(alice, "a", SMTP_CANARY, IMAP_CANARY);

        try (Secret changed = Secret.ofUtf8("new-imap-password"); SmtpCredentials.Opened opened = store.open(alice, changed)) {
            assertThat(opened.outcome()).isEqualTo(SmtpCredentials.Outcome.STALE);
            assertThat(opened.login()).isNull();
        }
        assertThat(store.status(alice)).isEqualTo(new SmtpCredentials.Status(true, true));

        save(alice, "a", SMTP_CANARY, "new-imap-password");
        assertThat(store.status(alice)).isEqualTo(new SmtpCredentials.Status(true, false));
    }

    @Test
    void aRowCopiedToAnotherUserDoesNotOpen() {
        save(alice, "a", SMTP_CANARY, IMAP_CANARY);
        save(bob, "b", "bob-smtp", IMAP_CANARY);
        jdbc.sql("UPDATE smtp_credentials SET (credentials, credentials_key_id, kdf_salt) = "
                + "(SELECT credentials, credentials_key_id, kdf_salt FROM smtp_credentials WHERE user_id = ?) WHERE user_id = ?")
                .params(alice, bob).update();

        try (Secret imap = Secret.ofUtf8(IMAP_CANARY)) {
            assertThatThrownBy(() -> store.open(bob, imap)).isInstanceOf(VaultException.class);
        }
    }

    @Test
    void clearDeletesTheRow() {
        save(alice, "a", SMTP_CANARY, IMAP_CANARY);

        assertThat(store.clear(alice)).isTrue();
        assertThat(store.clear(alice)).isFalse();
        assertThat(store.status(alice).configured()).isFalse();
    }

    @Test
    void databaseDumpContainsNeitherPassword() {
        save(alice, "alice-submit", SMTP_CANARY, IMAP_CANARY);

        String dump = DatabaseDump.of(dataSource);
        assertThat(dump).contains("smtp_credentials").doesNotContain(SMTP_CANARY).doesNotContain(IMAP_CANARY)
                .doesNotContain("alice-submit");
    }

    private void save(long userId, String username, String password, String imapPassword) {
        try (Secret pw = Secret.ofUtf8(password); Secret imap = Secret.ofUtf8(imapPassword)) {
            store.save(userId, username, pw, imap);
        }
    }

    private long user(String address) {
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)").params(address, now, now).update();
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }
}
