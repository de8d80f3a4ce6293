package org.vaultmail.vault;

/** Where the root keyset (the key-encryption keys) came from, best first. */
public enum RootKeySource {
    /** {@code vaultmail.vault.keyset-file} wrapped by a KMS key ({@code vaultmail.vault.kms-key-uri}). */
    KMS_WRAPPED_FILE,
    /** {@code vaultmail.vault.keyset-file} in cleartext: protected by file permissions only. */
    CLEARTEXT_FILE,
    /** {@code VAULTMAIL_ENCRYPTION_KEYS}: OWASP advises against keys in environment variables. */
    ENVIRONMENT,
    /** Generated under the data directory: the key sits beside the data it protects. */
    GENERATED_IN_DATA_DIR
}
