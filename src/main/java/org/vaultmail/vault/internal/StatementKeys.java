package org.vaultmail.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.subtle.Hkdf;
import org.vaultmail.vault.VaultException;

/**
 * Ed25519 key pairs derived from the root keyset (HKDF-SHA256, info {@code vaultmail/v1/statement-signing}),
 * one per root key: statements signed with them (audit checkpoints) can be checked outside the database, by
 * anyone holding only the public key, and cannot be forged by someone who holds only the database, because
 * the root keys never enter it. Every node with the same root keyset derives the same pairs.
 */
public final class StatementKeys {

    private static final byte[] INFO = "vaultmail/v1/statement-signing".getBytes(StandardCharsets.US_ASCII);

    private record Pair(byte[] publicKey, Ed25519Sign signer) {
    }

    private final List<Pair> pairs;
    private final Pair primary;

    StatementKeys(KeysetHandle root) {
        List<Pair> all = new ArrayList<>();
        Pair first = null;
        for (int i = 0; i < root.size(); i++) {
            KeysetHandle.Entry entry = root.getAt(i);
            byte[] ikm = ((AesGcmKey) entry.getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
            byte[] seed = null;
            try {
                seed = Hkdf.computeHkdf("HMACSHA256", ikm, new byte[0], INFO, 32);
                Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
                Pair p = new Pair(pair.getPublicKey(), new Ed25519Sign(pair.getPrivateKey()));
                all.add(p);
                if (entry.isPrimary()) first = p;
            } catch (GeneralSecurityException e) {
                throw new VaultException("cannot derive the statement-signing key of root key "
                        + Tink.unsigned(entry.getId()) + ": " + e.getClass().getSimpleName());
            } finally {
                Arrays.fill(ikm, (byte) 0);
                if (seed != null) Arrays.fill(seed, (byte) 0);
            }
        }
        this.pairs = List.copyOf(all);
        this.primary = first == null ? all.getFirst() : first;
    }

    /** The primary root key's public key (32 bytes). */
    public byte[] publicKey() {
        return primary.publicKey().clone();
    }

    /** Every root key's public key, primary first: statements signed before a root rotation still verify. */
    public List<byte[]> publicKeys() {
        List<byte[]> keys = new ArrayList<>();
        keys.add(primary.publicKey().clone());
        for (Pair p : pairs) if (p != primary) keys.add(p.publicKey().clone());
        return keys;
    }

    public byte[] sign(byte[] statement) {
        try {
            return primary.signer().sign(statement);
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot sign a statement: " + e.getClass().getSimpleName());
        }
    }

    /** Whether {@code publicKey} is one of ours. */
    public boolean holds(byte[] publicKey) {
        return pairs.stream().anyMatch(p -> MessageDigest.isEqual(p.publicKey(), publicKey));
    }

    /** A signature check with any Ed25519 public key (the caller decides whether it trusts the key). */
    public static boolean valid(byte[] publicKey, byte[] statement, byte[] signature) {
        if (publicKey.length != 32 || signature.length != 64) return false;
        try {
            new Ed25519Verify(publicKey).verify(signature, statement);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
