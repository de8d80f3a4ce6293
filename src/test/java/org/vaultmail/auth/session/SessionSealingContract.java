package org.vaultmail.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.TestSessions;
import org.vaultmail.auth.signin.SignIn;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Attacks on the double sealing of session credentials (G2, G5), and the session store's rotation
 * rules, on a real database: the attacker has the whole database and the vault's keys.
 */
abstract class SessionSealingContract {

    static final String CANARY = "Canary-Pw-7f3a9c1e";
    static final GreenMailFixture MAIL = GreenMailFixture.start();

    @TempDir
    Path dataDir;

    TestDatabase db;
    ConfigurableApplicationContext node;
    Sessions sessions;
    SignIn signIn;
    Vault vault;
    JdbcTemplate jdbc;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void start() {
        db = TestDatabase.create(kind(), dataDir);
        List<String> args = new ArrayList<>();
        MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        node = VaultmailNode.start(db, args);
        sessions = node.getBean(Sessions.class);
        signIn = node.getBean(SignIn.class);
        vault = node.getBean(Vault.class);
        jdbc = new JdbcTemplate(node.getBean(DataSource.class));
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
    }

    @Test
    void withTheDatabaseAndTheKeysButWithoutTheUnsealSecretTheCredentialsDoNotOpen() {
        Issued issued = signIn(newUser());
        byte[] row = credentials(issued.sessionId());

        try (Secret inner = vault.unseal(Purpose.SESSION, CredentialSeal.COLUMN.location(issued.sessionId(), issued.userId()), row)) {
            assertThat(new String(inner.revealBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(CANARY);
        }
        CredentialSeal seal = node.getBean(CredentialSeal.class);
        assertThatThrownBy(() -> seal.open(issued.sessionId(), issued.userId(), new byte[32], row)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> seal.open(issued.sessionId(), issued.userId(), Randoms.bytes(32), row)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> credentials().imapPassword(session(issued, null))).isInstanceOf(VaultException.class);
        try (Secret pw = credentials().imapPassword(session(issued, Randoms.text(issued.unsealSecret())))) {
            assertThat(pw.revealUtf8()).isEqualTo(CANARY);
        }
    }

    @Test
    void aValidUnsealSecretDoesNotOpenAnotherSessionsCredentials() {
        String address = newUser();
        Issued a = signIn(address);
        Issued b = signIn(address);
        byte[] rowA = credentials(a.sessionId());
        byte[] rowB = credentials(b.sessionId());
        CredentialSeal seal = node.getBean(CredentialSeal.class);

        // swapped rows: the outer layer names the row
        jdbc.update("UPDATE sessions SET credentials = ? WHERE id = ?", rowB, a.sessionId());
        jdbc.update("UPDATE sessions SET credentials = ? WHERE id = ?", rowA, b.sessionId());
        assertThatThrownBy(() -> credentials().imapPassword(session(a, Randoms.text(a.unsealSecret()))))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> credentials().imapPassword(session(b, Randoms.text(b.unsealSecret()))))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> seal.open(a.sessionId(), a.userId(), b.unsealSecret(), rowB)).isInstanceOf(VaultException.class);

        // an attacker with the keys re-seals B's inner layer for A's row: the inner layer names the session too
        try (Secret innerB = vault.unseal(Purpose.SESSION, CredentialSeal.COLUMN.location(b.sessionId(), b.userId()), rowB)) {
            byte[] moved = vault.seal(Purpose.SESSION, CredentialSeal.COLUMN.location(a.sessionId(), a.userId()), innerB).ciphertext();
            assertThatThrownBy(() -> seal.open(a.sessionId(), a.userId(), b.unsealSecret(), moved)).isInstanceOf(VaultException.class);
            assertThatThrownBy(() -> seal.open(a.sessionId(), a.userId(), a.unsealSecret(), moved)).isInstanceOf(VaultException.class);
        }

        // put back, and each opens with its own secret
        jdbc.update("UPDATE sessions SET credentials = ? WHERE id = ?", rowA, a.sessionId());
        try (Secret payload = seal.open(a.sessionId(), a.userId(), a.unsealSecret(), rowA);
             CredentialPayload opened = CredentialPayload.decode(payload)) {
            assertThat(opened.imapPassword().revealUtf8()).isEqualTo(CANARY);
        }
    }

    @Test
    void theDatabaseNeverHoldsThePasswordOrTheClientSecrets() {
        Issued issued = signIn(newUser());
        Issued rotated = sessions.refresh(issued.refreshSecret(), issued.unsealSecret(), true, new Sessions.Client("198.51.100.7", "t"));

        String dump = DatabaseDump.of(node.getBean(DataSource.class));

        assertThat(dump).contains(issued.sessionId()).contains("sessions").contains("auth_signing_keys");
        assertThat(dump).doesNotContain(CANARY);
        for (byte[] secret : List.of(issued.unsealSecret(), issued.refreshSecret(), rotated.refreshSecret())) {
            assertThat(dump).doesNotContain(Randoms.text(secret))
                    .doesNotContain(java.util.HexFormat.of().formatHex(secret));
        }
    }

    @Test
    void anApiAccessTokenOpensItsOwnSessionsCredentialsOnly() {
        String address = newUser();
        Issued a = signIn(address, true);
        Issued b = signIn(address, true);
        AccessTokens tokens = node.getBean(AccessTokens.class);
        String uskA = tokens.verify(a.accessToken()).orElseThrow().sealedUnseal();

        assertThat(uskA).isNotNull().doesNotContain(Randoms.text(a.unsealSecret()));
        try (Secret pw = credentials().imapPassword(TestSessions.of(a.userId(), a.sessionId(), address, null, uskA))) {
            assertThat(pw.revealUtf8()).isEqualTo(CANARY);
        }
        assertThatThrownBy(() -> credentials().imapPassword(TestSessions.of(b.userId(), b.sessionId(), address, null, uskA)))
                .isInstanceOf(VaultException.class);
        assertThat(tokens.verify(signIn(address).accessToken()).orElseThrow().sealedUnseal()).as("browser tokens carry no usk").isNull();
    }

    @Test
    void purgeDeletesRevokedAndExpiredSessionsOnly() {
        String address = newUser();
        Issued kept = signIn(address);
        Issued revoked = signIn(address);
        Issued expired = signIn(address);
        sessions.revoke(revoked.userId(), revoked.sessionId(), SessionRevoked.Reason.LOGOUT);
        jdbc.update("UPDATE sessions SET expires_at = ? WHERE id = ?",
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1), expired.sessionId());

        assertThat(sessions.purge()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT id FROM sessions", String.class)).containsExactly(kept.sessionId());
    }

    @Test
    void keyStatusAndRewrapCoverTheSessionColumns() {
        signIn(newUser());
        var keys = node.getBean(org.vaultmail.vault.KeyManagement.class);

        assertThat(keys.columns()).extracting(c -> c.qualifiedName())
                .contains("sessions.credentials", "session_successors.token", "auth_signing_keys.secret");
        keys.rotate();
        var done = keys.rewrap(org.vaultmail.vault.RewrapOptions.defaults(), p -> { });

        assertThat(done.failed()).isZero();
        assertThat(done.rewrapped()).isGreaterThanOrEqualTo(2);
    }

    private String newUser() {
        String address = "u" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, CANARY);
        return address;
    }

    /**
     * A session that has ended by time opens no credentials either, though its row stays until the purge: an IMAP
     * watch or a pooled connection that reconnects after the expiry gets nothing (ADR 0029).
     */
    @Test
    void anExpiredSessionsCredentialsDoNotOpen() {
        Issued storedExpiry = signIn(newUser());
        Issued idleUnderPolicy = signIn(newUser());
        java.time.OffsetDateTime past = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1);
        jdbc.update("UPDATE sessions SET expires_at = ? WHERE id = ?", past, storedExpiry.sessionId());
        // stored expiry still ahead, but unused for longer than the policy's idle limit (remember: 30 days)
        jdbc.update("UPDATE sessions SET last_seen_at = ? WHERE id = ?", past.minusDays(31), idleUnderPolicy.sessionId());

        assertThatThrownBy(() -> credentials().imapPassword(session(storedExpiry, Randoms.text(storedExpiry.unsealSecret()))))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> credentials().imapPassword(session(idleUnderPolicy, Randoms.text(idleUnderPolicy.unsealSecret()))))
                .isInstanceOf(VaultException.class);
    }

    /** V58 on this database: each path records its method; a row from before (NULL) has none, so the page shows it as before. */
    @Test
    void eachSessionRecordsHowItSignedIn() {
        String address = newUser();
        Issued page = signIn(address);
        Issued api = signIn(address, true);
        Issued passkey;
        try (Secret pw = Secret.ofUtf8(CANARY)) {
            passkey = sessions.openWithPasskey(address, pw, false, new Sessions.Client("198.51.100.7", "JUnit"));
        }
        Issued old = signIn(address);
        jdbc.update("UPDATE sessions SET sign_in_method = NULL WHERE id = ?", old.sessionId());

        Map<String, Optional<SignInMethod>> methods = new HashMap<>();
        sessions.list(page.userId()).forEach(r -> methods.put(r.id(), Optional.ofNullable(r.signInMethod())));
        assertThat(methods).containsOnly(Map.entry(page.sessionId(), Optional.of(SignInMethod.PASSWORD)),
                Map.entry(api.sessionId(), Optional.of(SignInMethod.PASSWORD)),
                Map.entry(passkey.sessionId(), Optional.of(SignInMethod.PASSKEY)), Map.entry(old.sessionId(), Optional.empty()));
        assertThat(SignInMethod.messageKey(null)).as("a session from before V58 shows as a password's, as before")
                .isEqualTo(SignInMethod.messageKey(SignInMethod.PASSWORD));
    }

    private Issued signIn(String address) {
        return signIn(address, false);
    }

    private Issued signIn(String address, boolean api) {
        try (Secret pw = Secret.ofUtf8(CANARY)) {
            return signIn.signIn(address, pw, true, api, new Sessions.Client("198.51.100.7", "JUnit"), null);
        }
    }

    private byte[] credentials(String sessionId) {
        return jdbc.queryForObject("SELECT credentials FROM sessions WHERE id = ?", byte[].class, sessionId);
    }

    private SessionCredentials credentials() {
        return node.getBean(SessionCredentials.class);
    }

    private static AuthenticatedSession session(Issued issued, String unsealCookie) {
        return TestSessions.of(issued.userId(), issued.sessionId(), "x", unsealCookie, null);
    }
}
