package org.vaultmail.auth.session;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;

import org.vaultmail.vault.Secret;

/**
 * The inner layer of a double seal, one way for both users ({@link CredentialSeal}, ADR 0004; the passkey unlock's
 * {@code UnlockSeal}, ADR 0051): AES-256-GCM under an HKDF-SHA256 key, framed as 12-byte random IV ‖ ciphertext ‖
 * 16-byte tag, with associated data naming where the value lives. Stored rows hold this framing: changing it breaks
 * every sealed session and passkey unlock (tests with values sealed before this class existed keep it fixed).
 */
public final class InnerSeal {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private InnerSeal() {
    }

    /** The AES-256 key HKDF-SHA256(ikm, salt) expands to for {@code info}. */
    public static SecretKey key(byte[] ikm, byte[] salt, byte[] info) throws GeneralSecurityException {
        return KDF.getInstance("HKDF-SHA256").deriveKey("AES",
                HKDFParameterSpec.ofExtract().addIKM(ikm).addSalt(salt).thenExpand(info, KEY_BYTES));
    }

    /** IV ‖ ciphertext ‖ tag of {@code plain}; the caller wipes the result once the outer layer has it. */
    public static byte[] seal(SecretKey key, byte[] associatedData, byte[] plain) throws GeneralSecurityException {
        byte[] iv = Randoms.bytes(IV_BYTES);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        aes.updateAAD(associatedData);
        byte[] body = aes.doFinal(plain);
        byte[] framed = new byte[IV_BYTES + body.length];
        System.arraycopy(iv, 0, framed, 0, IV_BYTES);
        System.arraycopy(body, 0, framed, IV_BYTES, body.length);
        Arrays.fill(body, (byte) 0);
        return framed;
    }

    /** Whether {@code framed} is too short to hold an IV and a tag (callers refuse it with their own message). */
    public static boolean tooShort(byte[] framed) {
        return framed.length < IV_BYTES + TAG_BITS / 8;
    }

    /** The plaintext of {@code framed}; a wrong key, associated data or a changed byte fails the tag check. */
    public static Secret open(SecretKey key, byte[] associatedData, byte[] framed) throws GeneralSecurityException {
        if (tooShort(framed)) throw new GeneralSecurityException("too short");
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, framed, 0, IV_BYTES));
        aes.updateAAD(associatedData);
        byte[] plain = aes.doFinal(framed, IV_BYTES, framed.length - IV_BYTES);
        try {
            return Secret.copyOf(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }
}
