package org.vaultmail.vault;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.vaultmail.vault.internal.CryptoThreads;
import org.vaultmail.vault.internal.DataKeyring;
import org.vaultmail.vault.internal.DataKeys;
import org.vaultmail.vault.internal.InMemoryKeysetStore;
import org.vaultmail.vault.internal.RootKeys;
import org.vaultmail.vault.internal.StatementKeys;
import org.vaultmail.vault.internal.Tink;

/**
 * Seals and unseals values for one purpose and one location (G1, G5). The only way features touch
 * key material: they hand in and get back {@link Secret}s and ciphertext bytes.
 */
public final class Vault {

    private final DataKeys keys;

    Vault(DataKeys keys) {
        this.keys = keys;
    }

    /** A vault with a fresh random root and data keyset held only in memory: for benchmarks and tests. */
    public static Vault inMemory() {
        try {
            RootKeys root = new RootKeys(Tink.generate(), RootKeySource.GENERATED_IN_DATA_DIR, "in-memory keyset");
            return new Vault(new DataKeys(new InMemoryKeysetStore(), root));
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot generate an in-memory keyset: " + e.getMessage());
        }
    }

    /** Encrypts {@code plaintext} under the primary data key's {@code purpose} subkey, bound to {@code location}. */
    public Sealed seal(Purpose purpose, SealedLocation location, Secret plaintext) {
        DataKeyring ring = keys.current();
        byte[] bytes = plaintext.revealBytes();
        byte[] ad = location.associatedData();
        try {
            var aead = ring.aead(purpose);
            return new Sealed(CryptoThreads.run(() -> aead.encrypt(bytes, ad)), ring.primaryKeyId());
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot seal " + purpose.label() + " at " + location.describe()
                    + " under key " + ring.primaryKeyId() + ": " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Decrypts a ciphertext sealed for {@code purpose} at {@code location}. A key id this node does
     * not know makes it re-read the stored keyset once (another node may have rotated).
     */
    public Secret unseal(Purpose purpose, SealedLocation location, byte[] ciphertext) {
        long keyId = Tink.keyIdOf(ciphertext);
        if (keyId < 0 || ciphertext.length < 5 + 12 + 16) {
            throw new VaultException("ciphertext for " + purpose.label() + " at " + location.describe()
                    + " is not a Vaultmail ciphertext (no key id prefix, or too short)");
        }
        DataKeyring ring = keys.current();
        if (!ring.contains(keyId)) {
            ring = keys.refreshIfChanged();
            if (!ring.contains(keyId)) {
                throw new VaultException("ciphertext for " + purpose.label() + " at " + location.describe()
                        + " needs key " + keyId + ", which is not in the keyset (retired?)");
            }
        }
        try {
            var aead = ring.aead(purpose);
            byte[] ad = location.associatedData();
            return Secret.adopt(CryptoThreads.run(() -> aead.decrypt(ciphertext, ad)));
        } catch (GeneralSecurityException e) {
            throw new VaultException("ciphertext for " + purpose.label() + " at " + location.describe()
                    + " does not decrypt under key " + keyId + " (tampered, moved, or wrong key)");
        }
    }

    /**
     * Signs a statement meant to be checked outside the database (an audit checkpoint) with the Ed25519
     * key derived from the primary root key, which, like every root key, never enters the database.
     */
    public SignedStatement signStatement(byte[] statement) {
        StatementKeys statementKeys = keys.root().statementKeys();
        return new SignedStatement(statementKeys.publicKey(), statementKeys.sign(statement));
    }

    /** Checks a signature from {@link #signStatement}; keys derived from older root keys still count. */
    public SignedStatement.Check checkStatement(byte[] publicKey, byte[] statement, byte[] signature) {
        if (!keys.root().statementKeys().holds(publicKey)) return SignedStatement.Check.UNKNOWN_KEY;
        return StatementKeys.valid(publicKey, statement, signature) ? SignedStatement.Check.VALID : SignedStatement.Check.INVALID;
    }

    /** The public key {@link #signStatement} signs with now (for operators who check checkpoints elsewhere). */
    public byte[] statementPublicKey() {
        return keys.root().statementKeys().publicKey();
    }

    /** The primary data key id: what {@link #seal} uses now. */
    public long primaryKeyId() {
        return keys.current().primaryKeyId();
    }

    DataKeys dataKeys() {
        return keys;
    }

    @Override
    public String toString() {
        return "Vault[primary=" + keys.current().primaryKeyId() + "]";
    }
}
