package org.vaultmail.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.subtle.Hkdf;
import org.vaultmail.vault.internal.InMemoryKeysetStore;
import org.vaultmail.vault.internal.RootKeys;
import org.vaultmail.vault.internal.Tink;

/** Digs the raw data keys and purpose subkeys out of a store, so tests can prove they are never printed. */
final class KeyBytes {

    private KeyBytes() {
    }

    static List<byte[]> dataAndPurposeKeys(InMemoryKeysetStore store, RootKeys root) throws Exception {
        KeysetHandle data = TinkProtoKeysetFormat.parseEncryptedKeyset(store.read().orElseThrow().ciphertext(), root.aead(),
                "vault_keyset|keyset|1".getBytes(StandardCharsets.US_ASCII), Tink.configuration());
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            byte[] key = ((AesGcmKey) data.getAt(i).getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
            keys.add(key);
            for (Purpose p : Purpose.values()) {
                keys.add(Hkdf.computeHkdf("HMACSHA256", key, new byte[0], p.hkdfInfo().getBytes(StandardCharsets.US_ASCII), 32));
            }
        }
        return keys;
    }
}
