package org.vaultmail.vault.internal;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import org.vaultmail.vault.VaultException;

/** Tink set-up and the few helpers every key class needs. */
public final class Tink {

    private static final Configuration CONFIGURATION;
    private static final AesGcmParameters AES256_GCM_TINK;

    static {
        try {
            AeadConfig.register();
            CONFIGURATION = RegistryConfiguration.get();
            AES256_GCM_TINK = AesGcmParameters.builder()
                    .setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.TINK).build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tink() {
    }

    /** AES-256-GCM, 12-byte IV, 16-byte tag, 5-byte key-id prefix. */
    public static AesGcmParameters aes256Gcm() {
        return AES256_GCM_TINK;
    }

    /** The configuration every Tink call passes explicitly (the implicit-registry overloads are deprecated). */
    public static Configuration configuration() {
        return CONFIGURATION;
    }

    public static KeysetHandle generate() throws GeneralSecurityException {
        return KeysetHandle.generateNew(AES256_GCM_TINK, CONFIGURATION);
    }

    public static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(CONFIGURATION, Aead.class);
    }

    /** Tink key ids are signed ints on the wire; Vaultmail shows and stores them unsigned. */
    public static long unsigned(int keyId) {
        return Integer.toUnsignedLong(keyId);
    }

    /** The key id in a Tink-prefixed ciphertext, or -1 when there is no TINK prefix. */
    public static long keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < 5 || ciphertext[0] != 0x01) return -1;
        int id = ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16)
                | ((ciphertext[3] & 0xff) << 8) | (ciphertext[4] & 0xff);
        return unsigned(id);
    }

    /** Checks that every key is AES-256-GCM with a TINK prefix; {@code what} names the source in the message. */
    public static void requireAes256Gcm(KeysetHandle handle, String what) {
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            if (!(entry.getKey() instanceof AesGcmKey key) || !key.getParameters().equals(AES256_GCM_TINK)) {
                throw new VaultException(what + ": key " + unsigned(entry.getId())
                        + " is not an AES-256-GCM key with TINK prefix (" + entry.getKey().getParameters() + ")");
            }
        }
    }
}
