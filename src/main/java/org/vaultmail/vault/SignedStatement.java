package org.vaultmail.vault;

/**
 * A statement's Ed25519 signature and the public key that checks it (both public values). The key is
 * derived from a root key, so it never lives in the database; see {@link Vault#signStatement}.
 */
public record SignedStatement(byte[] publicKey, byte[] signature) {

    /** How a signature checks out against this vault's keys. */
    public enum Check {
        /** Signed by a key derived from one of this vault's root keys. */
        VALID,
        /** The key is ours but the signature does not match the statement (edited or forged). */
        INVALID,
        /** Not one of this vault's keys (another installation, a retired root key, or forged). */
        UNKNOWN_KEY
    }
}
