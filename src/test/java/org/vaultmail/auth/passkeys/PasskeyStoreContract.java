package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;

/**
 * V53 with Spring Security's JDBC repositories and the ceremony store, on a real database (H2 and PostgreSQL) with the
 * real migrations: binary columns round-trip, a 320-character address fits, counters update, challenges are single-use
 * and bound to their purpose, owner and account.
 */
abstract class PasskeyStoreContract {

    @TempDir
    Path dataDir;

    TestDatabase db;
    SingleConnectionDataSource dataSource;
    JdbcUserCredentialRepository credentials;
    JdbcPublicKeyCredentialUserEntityRepository users;
    PasskeyCeremonies ceremonies;
    MutableClock clock = new MutableClock();

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind(), dataDir);
        boolean h2 = kind() == TestDatabase.Kind.H2;
        dataSource = new SingleConnectionDataSource(db.jdbcUrl(), h2 ? "sa" : TestDatabase.POSTGRES_USER, "", true);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (!h2) flyway.schemas(db.jdbcUrl().substring(db.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length()));
        flyway.load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        credentials = new JdbcUserCredentialRepository(jdbc);
        users = new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
        ceremonies = new PasskeyCeremonies(JdbcClient.create(dataSource), clock);
    }

    @AfterEach
    void tearDown() {
        if (dataSource != null) dataSource.destroy();
        if (db != null) db.close();
    }

    @Test
    void aCredentialRoundTripsAndItsCounterUpdates() {
        String address = "a".repeat(64) + "@" + "d".repeat(250) + ".test"; // 320 characters, the longest address
        var user = ImmutablePublicKeyCredentialUserEntity.builder().id(Bytes.random()).name(address).displayName(address).build();
        users.save(user);
        assertThat(users.findByUsername(address).getId()).isEqualTo(user.getId());

        byte[] key = new byte[77];
        for (int i = 0; i < key.length; i++) key[i] = (byte) (i * 7);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CredentialRecord record = ImmutableCredentialRecord.builder().credentialId(Bytes.random()).userEntityUserId(user.getId())
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY).publicKey(new ImmutablePublicKeyCose(key)).signatureCount(1)
                .uvInitialized(true).backupEligible(false).backupState(false).transports(Set.of(AuthenticatorTransport.INTERNAL))
                .attestationObject(new Bytes(new byte[] {1, 2, 3})).attestationClientDataJSON(new Bytes(new byte[] {4, 5}))
                .label("Laptop").created(now).lastUsed(now).build();
        credentials.save(record);

        CredentialRecord read = credentials.findByCredentialId(record.getCredentialId());
        assertThat(read.getPublicKey().getBytes()).isEqualTo(key);
        assertThat(read.getLabel()).isEqualTo("Laptop");
        assertThat(credentials.findByUserId(user.getId())).hasSize(1);

        credentials.save(ImmutableCredentialRecord.fromCredentialRecord(read).signatureCount(9).build());
        assertThat(credentials.findByCredentialId(record.getCredentialId()).getSignatureCount()).isEqualTo(9);
        credentials.delete(record.getCredentialId());
        assertThat(credentials.findByUserId(user.getId())).isEmpty();
    }

    @Test
    void aChallengeIsTakenOnceByItsOwnerForItsPurposeAndAccount() {
        byte[] challenge = {9, 8, 7};
        String id = ceremonies.start(PasskeyCeremonies.Purpose.SIGN_IN, "pending:p1", "a@example.test", challenge);

        assertThat(ceremonies.take(id, PasskeyCeremonies.Purpose.REGISTER, "pending:p1", "a@example.test")).isEmpty();
        assertThat(ceremonies.take(id, PasskeyCeremonies.Purpose.SIGN_IN, "pending:p2", "a@example.test")).isEmpty();
        assertThat(ceremonies.take(id, PasskeyCeremonies.Purpose.SIGN_IN, "pending:p1", "b@example.test")).isEmpty();
        assertThat(ceremonies.take(id, PasskeyCeremonies.Purpose.SIGN_IN, "pending:p1", "a@example.test")).hasValue(challenge);
        assertThat(ceremonies.take(id, PasskeyCeremonies.Purpose.SIGN_IN, "pending:p1", "a@example.test")).as("used up").isEmpty();
    }

    @Test
    void aChallengeExpiresAfterFiveMinutes() {
        String id = ceremonies.start(PasskeyCeremonies.Purpose.REGISTER, "session:s1", "a@example.test", new byte[] {1});
        clock.advance(PasskeyCeremonies.LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(ceremonies.take(id, PasskeyCeremonies.Purpose.REGISTER, "session:s1", "a@example.test")).isEmpty();
    }
    /** V55: the two-layer seal round-trips; only the PRF output opens it; removing the passkey removes the seal. */
    @Test
    void aPasswordSealedForAPasskeyOpensOnlyWithItsPrfOutputAndGoesWithThePasskey() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)")
                .params("u@example.test", java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now()).update();
        long userId = jdbc.sql("SELECT id FROM users WHERE address = 'u@example.test'").query(Long.class).single();
        var user = ImmutablePublicKeyCredentialUserEntity.builder().id(Bytes.random()).name("u@example.test").build();
        users.save(user);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CredentialRecord record = ImmutableCredentialRecord.builder().credentialId(Bytes.random()).userEntityUserId(user.getId())
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY).publicKey(new ImmutablePublicKeyCose(new byte[] {1}))
                .signatureCount(0).uvInitialized(true).backupEligible(false).backupState(false).transports(Set.of())
                .label("Key").created(now).lastUsed(now).build();
        credentials.save(record);
        String id = record.getCredentialId().toBase64UrlString();

        org.vaultmail.vault.Vault vault = org.vaultmail.vault.Vault.inMemory();
        UnlockSeal seal = new UnlockSeal(vault);
        byte[] salt = UnlockSeal.newSalt();
        byte[] prf = new byte[32];
        prf[0] = 42;
        try (var out = org.vaultmail.vault.Secret.copyOf(prf); var pw = org.vaultmail.vault.Secret.ofUtf8("canary-password")) {
            var sealed = seal.seal(id, userId, out, salt, pw);
            jdbc.sql("INSERT INTO passkey_unlock (credential_id, user_id, prf_supported, salt, sealed, sealed_key_id, enabled_at)"
                    + " VALUES (?, ?, TRUE, ?, ?, ?, ?)").params(id, userId, salt, sealed.ciphertext(), sealed.keyId(),
                    java.time.OffsetDateTime.now()).update();
        }
        byte[] stored = jdbc.sql("SELECT sealed FROM passkey_unlock WHERE credential_id = ?").param(id).query(byte[].class).single();
        byte[] storedSalt = jdbc.sql("SELECT salt FROM passkey_unlock WHERE credential_id = ?").param(id).query(byte[].class).single();
        try (var right = org.vaultmail.vault.Secret.copyOf(prf); var opened = seal.open(id, userId, right, storedSalt, stored)) {
            assertThat(opened.revealUtf8()).isEqualTo("canary-password");
        }
        prf[0] = 43;
        try (var wrong = org.vaultmail.vault.Secret.copyOf(prf)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> seal.open(id, userId, wrong, storedSalt, stored))
                    .isInstanceOf(org.vaultmail.vault.VaultException.class);
        }
        // a row copied to another user does not open (associated data names credential and user)
        try (var right = org.vaultmail.vault.Secret.copyOf(new byte[32])) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> seal.open(id, userId + 1, right, storedSalt, stored))
                    .isInstanceOf(org.vaultmail.vault.VaultException.class);
        }
        credentials.delete(record.getCredentialId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM passkey_unlock").query(Long.class).single()).as("cascade").isZero();
    }

    /** V56: allow, forbid and back to the default, per domain, case-folded; published for the audit log. */
    @Test
    void thePolicyStoresAllowAndForbidPerDomainAndFallsBackToTheDefault() {
        var published = new java.util.ArrayList<Object>();
        var policy = new PasskeySignInPolicy(JdbcClient.create(dataSource), published::add, clock);
        assertThat(policy.allows("a@Example.TEST")).isEqualTo(PasskeySignInPolicy.DEFAULT_ALLOWED);
        policy.set("Example.test", false, "op", "192.0.2.1");
        assertThat(policy.allows("a@example.test")).isFalse();
        assertThat(policy.allows("a@other.test")).isTrue();
        policy.set("example.test", true, "op2", null);
        assertThat(policy.rules()).singleElement().satisfies(r -> {
            assertThat(r.domain()).isEqualTo("example.test");
            assertThat(r.allowed()).isTrue();
            assertThat(r.changedBy()).isEqualTo("op2");
        });
        policy.set("example.test", null, "op", null);
        assertThat(policy.rules()).isEmpty();
        assertThat(published).hasSize(3).last().isEqualTo(new PasskeyPolicyChanged("example.test", null, "op", null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> policy.set("not a domain", true, "op", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
