package org.vaultmail.auth.passkeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.SecretKey;

import org.vaultmail.auth.session.InnerSeal;
import org.vaultmail.auth.session.Randoms;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * The two layers around a password that a passkey unlocks (ADR 0051): inside, AES-256-GCM under
 * {@code k = HKDF-SHA256(ikm = PRF output, salt = the row's random salt, info = binding)}, which needs the authenticator;
 * outside, the vault at {@code passkey_unlock.sealed} (master keyset, rotation covers it). The PRF input is one constant
 * of the site ({@link #PRF_INPUT}): a discoverable sign-in cannot name per-credential inputs (WebAuthn's
 * {@code evalByCredential} needs {@code allowCredentials}), so the per-credential randomness is the HKDF salt.
 */
final class UnlockSeal {

    static final SealedColumn COLUMN = new SealedColumn("passkey_unlock", "credential_id", "sealed", "sealed_key_id", "user_id",
            Purpose.CREDENTIALS);
    /** What the browser asks the authenticator's PRF to evaluate: SHA-256 of a fixed label, 32 bytes. */
    static final byte[] PRF_INPUT = sha256("Vaultmail passkey sign-in v1");
    static final int PRF_OUTPUT_BYTES = 32;
    static final int SALT_BYTES = 32;

    private final Vault vault;

    UnlockSeal(Vault vault) {
        this.vault = vault;
    }

    static byte[] newSalt() {
        return Randoms.bytes(SALT_BYTES);
    }

    /** Seals {@code password} for the passkey {@code credentialId} of {@code userId} under the PRF output and {@code salt}. */
    Sealed seal(String credentialId, long userId, Secret prfOutput, byte[] salt, Secret password) {
        byte[] plain = password.revealBytes();
        byte[] inner = null;
        try {
            inner = InnerSeal.seal(key(credentialId, userId, prfOutput, salt), binding(credentialId, userId), plain);
            try (Secret innerSecret = Secret.copyOf(inner)) {
                return vault.seal(COLUMN.purpose(), COLUMN.location(credentialId, userId), innerSecret);
            }
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot seal a password for passkey sign-in: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(plain, (byte) 0);
            if (inner != null) Arrays.fill(inner, (byte) 0);
        }
    }

    /** Opens the password; {@link VaultException} when the PRF output (another authenticator, a forged value) does not fit. */
    Secret open(String credentialId, long userId, Secret prfOutput, byte[] salt, byte[] ciphertext) {
        try (Secret innerSecret = vault.unseal(COLUMN.purpose(), COLUMN.location(credentialId, userId), ciphertext)) {
            return openInner(credentialId, userId, prfOutput, salt, innerSecret.revealBytes());
        }
    }

    /** The inner layer alone (what a dump plus the master keys yields): opens only with the right PRF output. */
    static Secret openInner(String credentialId, long userId, Secret prfOutput, byte[] salt, byte[] inner) {
        try {
            if (InnerSeal.tooShort(inner)) throw new VaultException("sealed password is too short");
            return InnerSeal.open(key(credentialId, userId, prfOutput, salt), binding(credentialId, userId), inner);
        } catch (GeneralSecurityException e) {
            throw new VaultException("the sealed password does not open with this passkey's PRF output");
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }

    private static SecretKey key(String credentialId, long userId, Secret prfOutput, byte[] salt) throws GeneralSecurityException {
        if (prfOutput.length() != PRF_OUTPUT_BYTES) throw new GeneralSecurityException("PRF output has the wrong length");
        byte[] ikm = prfOutput.revealBytes();
        try {
            return InnerSeal.key(ikm, salt, ("vaultmail/passkey-unlock/v1|" + credentialId + "|" + userId).getBytes(StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    private static byte[] binding(String credentialId, long userId) {
        return (COLUMN.table() + "|" + COLUMN.ciphertextColumn() + "|" + credentialId + "|" + userId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
