package org.vaultmail.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.vault.VaultException;

/**
 * The node's cached copy of the data keyset. Every node reads the one stored row, re-reads it when
 * its version changes, and changes it only by compare-and-set, so there is no deploy order to get wrong.
 */
public final class DataKeys {

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);
    private static final byte[] ASSOCIATED_DATA = "vault_keyset|keyset|1".getBytes(StandardCharsets.US_ASCII);
    private static final int CAS_ATTEMPTS = 5;

    private final KeysetStore store;
    private final RootKeys root;
    private volatile DataKeyring current;

    public DataKeys(KeysetStore store, RootKeys root) {
        this.store = store;
        this.root = root;
        this.current = loadOrCreate();
    }

    public DataKeyring current() {
        return current;
    }

    public RootKeys root() {
        return root;
    }

    /** Re-reads the stored keyset now (e.g. a ciphertext names a key this node does not know yet). */
    public synchronized DataKeyring reload() {
        KeysetStore.Row row = store.read().orElseThrow(() -> new VaultException("vault_keyset row disappeared"));
        if (row.version() != current.version()) {
            current = unwrap(row);
            log.info("Data keyset reloaded: version {}, primary key {}", current.version(), current.primaryKeyId());
        }
        return current;
    }

    /** The cheap poll (one small query): reloads only when the stored version differs from the cached one. */
    public DataKeyring refreshIfChanged() {
        OptionalLong stored = store.version();
        if (stored.isPresent() && stored.getAsLong() != current.version()) {
            return reload();
        }
        return current;
    }

    /** Adds a freshly generated key as primary; returns the ring before and after. */
    public Change rotate() {
        Change change = update(handle -> {
            try {
                return KeysetHandle.newBuilder(handle)
                        .addEntry(KeysetHandle.generateEntryFromParameters(Tink.aes256Gcm()).withRandomId().makePrimary())
                        .build();
            } catch (GeneralSecurityException e) {
                throw new VaultException("cannot generate a data key: " + e.getMessage());
            }
        });
        store.recordCreated(change.after().primaryKeyId());
        return change;
    }

    /** When each data key was created, where known. */
    public Map<Long, Instant> createdTimes() {
        return store.createdTimes();
    }

    /** Removes a non-primary key. The caller has checked that nothing is sealed under it. */
    public Change remove(long keyId) {
        return update(handle -> {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder();
            boolean found = false;
            for (int i = 0; i < handle.size(); i++) {
                KeysetHandle.Entry e = handle.getAt(i);
                if (Tink.unsigned(e.getId()) == keyId) {
                    if (e.isPrimary()) throw new VaultException("key " + keyId + " is the primary data key; rotate first");
                    found = true;
                    continue;
                }
                KeysetHandle.Builder.Entry copy = KeysetHandle.importKey(e.getKey());
                builder.addEntry(e.isPrimary() ? copy.makePrimary() : copy);
            }
            if (!found) throw new VaultException("key " + keyId + " is not in the data keyset");
            try {
                return builder.build();
            } catch (GeneralSecurityException e) {
                throw new VaultException("cannot rebuild the data keyset: " + e.getMessage());
            }
        });
    }

    /** Re-encrypts the stored keyset under the current root primary if another root key wraps it. */
    public boolean rewrapUnderRootPrimary() {
        if (reload().wrappedByRootKeyId() == root.primaryKeyId()) return false;
        update(UnaryOperator.identity());
        return true;
    }

    /** The keyset before and after a change. */
    public record Change(DataKeyring before, DataKeyring after) {
    }

    private synchronized Change update(UnaryOperator<KeysetHandle> change) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            DataKeyring before = reload();
            KeysetHandle next = change.apply(before.handle());
            if (store.compareAndSet(before.version(), wrap(next), root.primaryKeyId())) {
                return new Change(before, reload());
            }
        }
        throw new VaultException("the data keyset kept changing under us (" + CAS_ATTEMPTS + " attempts); try again");
    }

    private DataKeyring loadOrCreate() {
        var existing = store.read();
        if (existing.isPresent()) return unwrap(existing.get());
        try {
            KeysetHandle fresh = Tink.generate();
            if (store.insertIfAbsent(wrap(fresh), root.primaryKeyId())) {
                store.recordCreated(Tink.unsigned(fresh.getPrimary().getId()));
                log.info("Created the data keyset (primary key {})", Tink.unsigned(fresh.getPrimary().getId()));
            }
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot generate the data keyset: " + e.getMessage());
        }
        // Whoever won the insert, every node uses the stored row.
        return unwrap(store.read().orElseThrow(() -> new VaultException("vault_keyset row missing after insert")));
    }

    private byte[] wrap(KeysetHandle handle) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, root.aead(), ASSOCIATED_DATA, Tink.configuration());
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot wrap the data keyset under root key " + root.primaryKeyId() + ": " + e.getMessage());
        }
    }

    private DataKeyring unwrap(KeysetStore.Row row) {
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(row.ciphertext(), root.aead(), ASSOCIATED_DATA, Tink.configuration());
            return new DataKeyring(handle, row.version(), row.rootKeyId());
        } catch (GeneralSecurityException e) {
            String why = root.keyIds().contains(row.rootKeyId())
                    ? "does not decrypt under it (tampered?)"
                    : "which is not in the root keyset " + root.keyIds();
            throw new VaultException("the data keyset in vault_keyset is wrapped by root key " + row.rootKeyId() + ", "
                    + why + "; root keys come from " + root.description());
        }
    }
}
