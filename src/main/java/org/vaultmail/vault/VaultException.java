package org.vaultmail.vault;

/** A key or ciphertext problem. Messages name key ids and locations, never key or plaintext bytes. */
public class VaultException extends RuntimeException {

    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
