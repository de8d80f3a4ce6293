package org.vaultmail.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.SecretKey;

import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Seals a session's mail credentials twice (G2): inside with AES-256-GCM under
 * HKDF-SHA256(unseal secret, session id, user id), a key that needs the secret only the client holds;
 * outside with the vault at {@code sessions.credentials}, so master-key rotation covers it.
 */
public final class CredentialSeal {

    static final SealedColumn COLUMN = new SealedColumn("sessions", "id", "credentials", "credentials_key_id", "user_id",
            Purpose.SESSION);
    public static final int UNSEAL_SECRET_BYTES = 32;
    private static final byte[] SALT = "vaultmail/session-credentials/v1".getBytes(StandardCharsets.UTF_8);

    private final Vault vault;
    private final SealedColumn column;

    CredentialSeal(Vault vault) {
        this(vault, COLUMN);
    }

    /** The same double seal for another column keyed by a string id (pending sign-ins). */
    public CredentialSeal(Vault vault, SealedColumn column) {
        this.vault = vault;
        this.column = column;
    }

    public Sealed seal(String sessionId, long userId, byte[] unsealSecret, Secret credentials) {
        byte[] plain = credentials.revealBytes();
        byte[] inner = null;
        try {
            inner = InnerSeal.seal(innerKey(sessionId, userId, unsealSecret), binding(sessionId, userId), plain);
            try (Secret innerSecret = Secret.copyOf(inner)) {
                return vault.seal(Purpose.SESSION, column.location(sessionId, userId), innerSecret);
            }
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot seal the credentials of a session: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(plain, (byte) 0);
            if (inner != null) Arrays.fill(inner, (byte) 0);
        }
    }

    /** Opens the credentials; throws {@link VaultException} for a wrong unseal secret or a moved ciphertext. */
    public Secret open(String sessionId, long userId, byte[] unsealSecret, byte[] ciphertext) {
        try (Secret innerSecret = vault.unseal(Purpose.SESSION, column.location(sessionId, userId), ciphertext)) {
            byte[] inner = innerSecret.revealBytes();
            try {
                if (InnerSeal.tooShort(inner)) throw new VaultException("session credentials are too short");
                return InnerSeal.open(innerKey(sessionId, userId, unsealSecret), binding(sessionId, userId), inner);
            } catch (GeneralSecurityException e) {
                throw new VaultException("session credentials do not open with this unseal secret (wrong secret, or moved)");
            } finally {
                Arrays.fill(inner, (byte) 0);
            }
        }
    }

    private SecretKey innerKey(String sessionId, long userId, byte[] unsealSecret) throws GeneralSecurityException {
        if (unsealSecret.length != UNSEAL_SECRET_BYTES) throw new GeneralSecurityException("unseal secret has the wrong length");
        return InnerSeal.key(unsealSecret, SALT, binding(sessionId, userId));
    }

    private byte[] binding(String sessionId, long userId) {
        return (column.table() + "|" + column.ciphertextColumn() + "|" + sessionId + "|" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
