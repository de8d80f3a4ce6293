package org.vaultmail.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.VaultException;

/**
 * One version of the data keyset, with a ready {@link Aead} per purpose. Each purpose key is
 * HKDF-SHA256(data key, info = "vaultmail/v1/PURPOSE") under the same key id, so ciphertexts of
 * all purposes name the data key they depend on, and one purpose's ciphertext never opens as another's.
 */
public final class DataKeyring {

    /** The data keys, as shown in status: unsigned id and whether it is the primary. */
    public record Key(long id, boolean primary) {
    }

    private final KeysetHandle handle;
    private final long version;
    private final long wrappedByRootKeyId;
    private final Map<Purpose, Aead> aeads = new EnumMap<>(Purpose.class);
    private final List<Key> keys;
    private final long primaryKeyId;

    public DataKeyring(KeysetHandle handle, long version, long wrappedByRootKeyId) {
        Tink.requireAes256Gcm(handle, "data keyset in vault_keyset");
        this.handle = handle;
        this.version = version;
        this.wrappedByRootKeyId = wrappedByRootKeyId;
        List<Key> list = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry e = handle.getAt(i);
            list.add(new Key(Tink.unsigned(e.getId()), e.isPrimary()));
        }
        this.keys = List.copyOf(list);
        this.primaryKeyId = Tink.unsigned(handle.getPrimary().getId());
        for (Purpose purpose : Purpose.values()) {
            aeads.put(purpose, derive(handle, purpose));
        }
    }

    private static Aead derive(KeysetHandle data, Purpose purpose) {
        byte[] info = purpose.hkdfInfo().getBytes(StandardCharsets.US_ASCII);
        KeysetHandle.Builder builder = KeysetHandle.newBuilder();
        try {
            for (int i = 0; i < data.size(); i++) {
                KeysetHandle.Entry entry = data.getAt(i);
                AesGcmKey key = (AesGcmKey) entry.getKey();
                byte[] ikm = key.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
                byte[] sub = Hkdf.computeHkdf("HMACSHA256", ikm, new byte[0], info, 32);
                try {
                    AesGcmKey derived = AesGcmKey.builder()
                            .setParameters(Tink.aes256Gcm())
                            .setKeyBytes(SecretBytes.copyFrom(sub, InsecureSecretKeyAccess.get()))
                            .setIdRequirement(entry.getId())
                            .build();
                    KeysetHandle.Builder.Entry derivedEntry = KeysetHandle.importKey(derived);
                    builder.addEntry(entry.isPrimary() ? derivedEntry.makePrimary() : derivedEntry);
                } finally {
                    Arrays.fill(ikm, (byte) 0);
                    Arrays.fill(sub, (byte) 0);
                }
            }
            return Tink.aead(builder.build());
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot derive " + purpose.label() + " keys from the data keyset: " + e.getMessage());
        }
    }

    public Aead aead(Purpose purpose) {
        return aeads.get(purpose);
    }

    public boolean contains(long keyId) {
        return keys.stream().anyMatch(k -> k.id() == keyId);
    }

    public long primaryKeyId() {
        return primaryKeyId;
    }

    public List<Key> keys() {
        return keys;
    }

    /** The stored row's version this ring was read from (optimistic locking). */
    public long version() {
        return version;
    }

    public long wrappedByRootKeyId() {
        return wrappedByRootKeyId;
    }

    KeysetHandle handle() {
        return handle;
    }

    @Override
    public String toString() {
        return "DataKeyring[version=" + version + ", keys=" + keys + "]";
    }
}
