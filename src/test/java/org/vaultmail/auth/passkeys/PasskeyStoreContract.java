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
}
