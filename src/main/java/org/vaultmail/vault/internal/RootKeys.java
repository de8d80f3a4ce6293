package org.vaultmail.vault.internal;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import org.vaultmail.vault.RootKeySource;
import org.vaultmail.vault.VaultException;

/** The root keyset (key-encryption keys), which wraps the data keyset and never enters the database. */
public final class RootKeys {

    private final Aead aead;
    private final RootKeySource source;
    private final String description;
    private final List<Long> keyIds;
    private final long primaryKeyId;
    private final StatementKeys statementKeys;

    public RootKeys(KeysetHandle handle, RootKeySource source, String description) {
        Tink.requireAes256Gcm(handle, description);
        try {
            this.aead = Tink.aead(handle);
        } catch (GeneralSecurityException e) {
            throw new VaultException("root keyset from " + description + " is unusable: " + e.getMessage());
        }
        this.source = source;
        this.description = description;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            ids.add(Tink.unsigned(handle.getAt(i).getId()));
        }
        this.keyIds = List.copyOf(ids);
        this.primaryKeyId = Tink.unsigned(handle.getPrimary().getId());
        this.statementKeys = new StatementKeys(handle);
    }

    /** Signing keys derived from the root keys, for statements checked outside the database. */
    public StatementKeys statementKeys() {
        return statementKeys;
    }

    public Aead aead() {
        return aead;
    }

    public RootKeySource source() {
        return source;
    }

    /** E.g. "keyset file /etc/vaultmail/keyset.json"; never contains key bytes. */
    public String description() {
        return description;
    }

    public List<Long> keyIds() {
        return keyIds;
    }

    public long primaryKeyId() {
        return primaryKeyId;
    }

    @Override
    public String toString() {
        return "RootKeys[" + source + ", " + description + ", ids=" + keyIds + ", primary=" + primaryKeyId + "]";
    }
}
