package org.vaultmail.vault.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.util.SecretBytes;
import org.vaultmail.vault.VaultException;

/**
 * Parses {@code VAULTMAIL_ENCRYPTION_KEYS="2:<base64>,1:<base64>"} (first is primary) into a
 * keyset whose key ids are the given ids. Errors name the variable and the entry, never the value.
 */
public final class EnvironmentKeys {

    public static final String NAME = "VAULTMAIL_ENCRYPTION_KEYS (vaultmail.vault.encryption-keys)";

    private EnvironmentKeys() {
    }

    public static KeysetHandle parse(String value) {
        String[] entries = value.strip().split(",");
        KeysetHandle.Builder builder = KeysetHandle.newBuilder();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int n = i + 1;
            int colon = entry.indexOf(':');
            if (colon < 1) throw problem(n, "is not in the form id:base64");
            long id;
            try {
                id = Long.parseLong(entry.substring(0, colon).strip());
            } catch (NumberFormatException e) {
                throw problem(n, "has an id that is not a number");
            }
            if (id < 1 || id > 0xFFFF_FFFFL) throw problem(n, "has an id outside 1..4294967295");
            if (!seen.add(id)) throw problem(n, "repeats key id " + id);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw problem(n, "(key id " + id + ") is not valid base64");
            }
            try {
                if (key.length != 32) {
                    throw problem(n, "(key id " + id + ") decodes to " + key.length + " bytes; AES-256 needs exactly 32");
                }
                AesGcmKey aesKey = AesGcmKey.builder()
                        .setParameters(Tink.aes256Gcm())
                        .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                        .setIdRequirement((int) id)
                        .build();
                KeysetHandle.Builder.Entry e = KeysetHandle.importKey(aesKey);
                builder.addEntry(i == 0 ? e.makePrimary() : e);
            } catch (GeneralSecurityException e) {
                throw problem(n, "(key id " + id + ") is not a usable AES-256-GCM key");
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        try {
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new VaultException(NAME + ": cannot build a keyset (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static VaultException problem(int entry, String what) {
        return new VaultException(NAME + ": entry " + entry + " " + what);
    }
}
