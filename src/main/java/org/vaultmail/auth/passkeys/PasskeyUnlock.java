package org.vaultmail.auth.passkeys;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.mfa.SecondFactorChanged;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/**
 * Sign-in with a passkey alone (ADR 0051): turning it on for one passkey (an assertion with the PRF extension while
 * signed in with the password, in sudo mode), the discoverable ceremony of {@code /signin}, and unlocking the password
 * sealed under the PRF-derived key. The caller ({@code auth.signin}) throttles, binds to IMAP and opens the session.
 *
 * <p>Why this is long: the three ceremonies of sign-in with a passkey alone (turning it on, signing in, resealing after
 * a password change) share the challenge rows, the PRF checks and the refusals; each public method is one step of one
 * ceremony.
 */
public final class PasskeyUnlock {

    /** What a passkey can do: confirm a password sign-in only; the same because its authenticator has no PRF; sign in alone. */
    public enum Mode { SECOND_FACTOR, NO_PRF, SIGN_IN }

    /** Who an assertion claims to be, from its credential's unlock row: nothing is verified yet. */
    public record Candidate(String credentialId, long userId, String address, String name) {
    }

    /** A verified, unlocked passkey sign-in: the password and the PRF output (for a re-seal); close both. */
    public static final class Unlocked implements AutoCloseable {
        private final Candidate candidate;
        private final Secret prf;
        private final Secret password;

        Unlocked(Candidate candidate, Secret prf, Secret password) {
            this.candidate = candidate;
            this.prf = prf;
            this.password = password;
        }

        public Candidate candidate() {
            return candidate;
        }

        public Secret password() {
            return password;
        }

        @Override
        public void close() {
            prf.close();
            password.close();
        }

        @Override
        public String toString() {
            return "Unlocked[PROTECTED]";
        }
    }

    static final String SIGN_IN_OWNER = "signin";
    static final String RESEAL_OWNER = "reseal";

    private final Passkeys passkeys;
    private final UnlockSeal seal;
    private final PasskeySignInPolicy policy;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    PasskeyUnlock(Passkeys passkeys, UnlockSeal seal, PasskeySignInPolicy policy, JdbcClient jdbc, ApplicationEventPublisher events,
                  TransactionTemplate tx, Clock clock) {
        this.passkeys = passkeys;
        this.seal = seal;
        this.policy = policy;
        this.jdbc = jdbc;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** The PRF input the page hands the authenticator (base64url); the same for every passkey of the site. */
    public static String prfInput() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(UnlockSeal.PRF_INPUT);
    }

    /** Each of the user's passkeys' mode by public credential id; missing: {@link Mode#SECOND_FACTOR}. */
    public Map<String, Mode> modes(long userId) {
        Map<String, Mode> modes = new HashMap<>();
        jdbc.sql("SELECT credential_id, prf_supported, sealed FROM passkey_unlock WHERE user_id = ?").param(userId)
                .query(rs -> {
                    Object prf = rs.getObject(2);
                    modes.put(rs.getString(1), rs.getBytes(3) != null ? Mode.SIGN_IN
                            : Boolean.FALSE.equals(prf) ? Mode.NO_PRF : Mode.SECOND_FACTOR);
                });
        return modes;
    }

    /** Whether the operator lets users of {@code address} sign in with a passkey alone. */
    public boolean allowed(String address) {
        return policy.allows(address);
    }

    /** What the authenticator said at registration about PRF (the client's word: it decides only what the page offers). */
    public void recordPrf(AuthenticatedSession me, String credentialId, boolean supported) {
        if (jdbc.sql("UPDATE passkey_unlock SET prf_supported = ? WHERE credential_id = ? AND user_id = ?")
                .params(supported, credentialId, me.userId()).update() == 0) {
            jdbc.sql("INSERT INTO passkey_unlock (credential_id, user_id, prf_supported) VALUES (?, ?, ?)")
                    .params(credentialId, me.userId(), supported).update();
        }
    }

    /** Starts turning on sign-in with the user's passkey {@code credentialId}: an assertion for that passkey, with PRF. */
    public Passkeys.Ceremony startEnable(AuthenticatedSession me, String credentialId) {
        if (!policy.allows(me.address())) throw new PasskeyException(PasskeyException.Problem.FORBIDDEN);
        if (passkeys.list(me.address()).stream().noneMatch(p -> p.id().equals(credentialId))) {
            throw new PasskeyException(PasskeyException.Problem.UNKNOWN_CREDENTIAL);
        }
        var options = passkeys.rp.requestOptions(List.of(Bytes.fromBase64(credentialId)));
        String id = passkeys.ceremonies.start(PasskeyCeremonies.Purpose.ENABLE, Passkeys.owner(me), me.address(),
                options.getChallenge().getBytes());
        return new Passkeys.Ceremony(id, passkeys.rp.toJson(options));
    }

    /**
     * Verifies the assertion for {@link #startEnable} and seals {@code password} (the session's) under the key its PRF
     * output gives; mails the user. A missing PRF output records the passkey as second factor only ({@link PasskeyException}).
     */
    public void enable(AuthenticatedSession me, String ceremonyId, String credentialId, String assertionJson, String prfOutput,
                       Secret password, @Nullable String clientAddress) {
        if (!policy.allows(me.address())) throw refuse(me.userId(), me.address(), credentialId, PasskeyException.Problem.FORBIDDEN, clientAddress);
        if (!credentialId.equals(assertedId(assertionJson))) {
            throw refuse(me.userId(), me.address(), credentialId, PasskeyException.Problem.UNKNOWN_CREDENTIAL, clientAddress);
        }
        passkeys.verify(PasskeyCeremonies.Purpose.ENABLE, Passkeys.owner(me), me.address(), me.userId(), me.address(), ceremonyId,
                assertionJson, clientAddress);
        try (Secret prf = decode(prfOutput)) {
            if (prf == null) {
                recordPrf(me, credentialId, false);
                throw refuse(me.userId(), me.address(), credentialId, PasskeyException.Problem.NO_PRF, clientAddress);
            }
            store(me.userId(), credentialId, prf, password, true);
        }
        events.publishEvent(new PasskeyEvent(me.userId(), me.address(), PasskeyEvent.Action.SIGNIN_ENABLE, label(credentialId),
                Passkeys.shortId(credentialId), null, clientAddress));
    }

    /** Turns sign-in with this passkey off (the sealed password is deleted); false when it was not on or not the user's. */
    public boolean disable(AuthenticatedSession me, String credentialId, @Nullable String clientAddress) {
        int n = jdbc.sql("""
                        UPDATE passkey_unlock SET salt = NULL, sealed = NULL, sealed_key_id = NULL, enabled_at = NULL
                        WHERE credential_id = ? AND user_id = ? AND sealed IS NOT NULL""").params(credentialId, me.userId()).update();
        if (n == 0) return false;
        events.publishEvent(new PasskeyEvent(me.userId(), me.address(), PasskeyEvent.Action.SIGNIN_DISABLE, label(credentialId),
                Passkeys.shortId(credentialId), null, clientAddress));
        return true;
    }

    /** The ceremony of "Sign in with a passkey": no account yet, so no allowed list (a discoverable credential). */
    public Passkeys.Ceremony startSignIn() {
        var options = passkeys.rp.requestOptions(List.of());
        String id = passkeys.ceremonies.start(PasskeyCeremonies.Purpose.UNLOCK, SIGN_IN_OWNER, "", options.getChallenge().getBytes());
        return new Passkeys.Ceremony(id, passkeys.rp.toJson(options));
    }

    /** The password-changed step for {@code c}: a new assertion of the same account (the password is typed beside it). */
    public Passkeys.Ceremony startReseal(Candidate c) {
        var options = passkeys.rp.requestOptions(List.of(Bytes.fromBase64(c.credentialId())));
        String id = passkeys.ceremonies.start(PasskeyCeremonies.Purpose.RESEAL, RESEAL_OWNER, c.address(), options.getChallenge().getBytes());
        return new Passkeys.Ceremony(id, passkeys.rp.toJson(options));
    }

    /** The account whose enabled passkey made {@code assertionJson}, unverified; empty for a passkey not enabled (or unknown). */
    public Optional<Candidate> identify(String assertionJson) {
        String id = assertedId(assertionJson);
        if (id == null) return Optional.empty();
        return jdbc.sql("""
                        SELECT u.credential_id, u.user_id, e.name, c.label FROM passkey_unlock u
                        JOIN user_credentials c ON c.credential_id = u.credential_id
                        JOIN user_entities e ON e.id = c.user_entity_user_id
                        WHERE u.credential_id = ? AND u.sealed IS NOT NULL""").param(id)
                .query((rs, n) -> new Candidate(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4))).optional();
    }

    /**
     * Verifies the assertion (ceremony, the account's passkey, user verification, counter) and opens the password with
     * its PRF output. {@code again}: the password-changed step's ceremony. Audited; {@link PasskeyException} when refused.
     */
    public Unlocked unlock(Candidate c, String ceremonyId, String assertionJson, String prfOutput, boolean again,
                           @Nullable String clientAddress) {
        if (again) {
            passkeys.verify(PasskeyCeremonies.Purpose.RESEAL, RESEAL_OWNER, c.address(), c.userId(), c.address(), ceremonyId,
                    assertionJson, clientAddress);
        } else {
            passkeys.verify(PasskeyCeremonies.Purpose.UNLOCK, SIGN_IN_OWNER, "", c.userId(), c.address(), ceremonyId, assertionJson,
                    clientAddress);
        }
        Secret prf = decode(prfOutput);
        if (prf == null) throw refuse(c.userId(), c.address(), c.credentialId(), PasskeyException.Problem.UNLOCK_FAILED, clientAddress);
        var row = jdbc.sql("SELECT salt, sealed FROM passkey_unlock WHERE credential_id = ? AND sealed IS NOT NULL").param(c.credentialId())
                .query((rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}).optional();
        try {
            if (row.isEmpty()) throw new VaultException("turned off meanwhile");
            return new Unlocked(c, prf, seal.open(c.credentialId(), c.userId(), prf, row.get()[0], row.get()[1]));
        } catch (VaultException e) {
            prf.close();
            throw refuse(c.userId(), c.address(), c.credentialId(), PasskeyException.Problem.UNLOCK_FAILED, clientAddress);
        }
    }

    /** Seals {@code newPassword} (just checked by an IMAP login) in place of the stale one, under a new salt. */
    public void reseal(Unlocked unlocked, Secret newPassword) {
        store(unlocked.candidate.userId(), unlocked.candidate.credentialId(), unlocked.prf, newPassword, false);
    }

    /** Records a refusal the caller found (the policy, a changed password) for the audit log. */
    public void refused(Candidate c, String reason, @Nullable String clientAddress) {
        events.publishEvent(new PasskeyEvent(c.userId(), c.address(), PasskeyEvent.Action.UNLOCK_REFUSE, c.name(),
                Passkeys.shortId(c.credentialId()), reason, clientAddress));
    }

    /** A passkey-only sign-in succeeded. */
    public void signedIn(Candidate c, @Nullable String clientAddress) {
        events.publishEvent(new PasskeyEvent(c.userId(), c.address(), PasskeyEvent.Action.SIGNIN, c.name(),
                Passkeys.shortId(c.credentialId()), null, clientAddress));
    }

    private void store(long userId, String credentialId, Secret prf, Secret password, boolean announce) {
        byte[] salt = UnlockSeal.newSalt();
        Sealed sealed = seal.seal(credentialId, userId, prf, salt, password);
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        tx.executeWithoutResult(s -> {
            if (jdbc.sql("""
                            UPDATE passkey_unlock SET prf_supported = TRUE, salt = ?, sealed = ?, sealed_key_id = ?, enabled_at = ?
                            WHERE credential_id = ? AND user_id = ?""")
                    .params(salt, sealed.ciphertext(), sealed.keyId(), now, credentialId, userId).update() == 0) {
                jdbc.sql("""
                                INSERT INTO passkey_unlock (credential_id, user_id, prf_supported, salt, sealed, sealed_key_id, enabled_at)
                                VALUES (?, ?, TRUE, ?, ?, ?, ?)""")
                        .params(credentialId, userId, salt, sealed.ciphertext(), sealed.keyId(), now).update();
            }
            if (announce) passkeys.changed(userId, addressOf(credentialId), SecondFactorChanged.Change.PASSKEY_SIGNIN_ENABLED);
        });
    }

    private PasskeyException refuse(long userId, String address, String credentialId, PasskeyException.Problem problem,
                                    @Nullable String clientAddress) {
        events.publishEvent(new PasskeyEvent(userId, address, PasskeyEvent.Action.UNLOCK_REFUSE, null, Passkeys.shortId(credentialId),
                problem.name().toLowerCase(java.util.Locale.ROOT), clientAddress));
        return new PasskeyException(problem);
    }

    private @Nullable String assertedId(String assertionJson) {
        try {
            return passkeys.rp.parseAssertion(assertionJson).getRawId().toBase64UrlString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String label(String credentialId) {
        return jdbc.sql("SELECT label FROM user_credentials WHERE credential_id = ?").param(credentialId).query(String.class)
                .optional().orElse("");
    }

    private String addressOf(String credentialId) {
        return jdbc.sql("SELECT e.name FROM user_credentials c JOIN user_entities e ON e.id = c.user_entity_user_id"
                + " WHERE c.credential_id = ?").param(credentialId).query(String.class).single();
    }

    /** The PRF output the page sent (base64url of 32 bytes), or null when there is none (an authenticator without PRF). */
    private static @Nullable Secret decode(String text) {
        if (text.isBlank()) return null;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text.strip());
            try {
                return bytes.length == UnlockSeal.PRF_OUTPUT_BYTES ? Secret.copyOf(bytes) : null;
            } finally {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
