-- Per-user SMTP login that differs from the IMAP one (ADR 0007). credentials: username and password,
-- sealed with AES-256-GCM under Argon2id(IMAP password, kdf_salt; kdf_* parameters), then by the vault
-- (purpose CREDENTIALS, key id in credentials_key_id). stale: the IMAP password changed since it was
-- sealed, so it no longer opens; kept until the user enters the SMTP password again or clears it.
CREATE TABLE smtp_credentials (
    user_id             BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    credentials         BYTEA NOT NULL,
    credentials_key_id  BIGINT NOT NULL,
    kdf                 VARCHAR(16) NOT NULL,
    kdf_memory_kib      INTEGER NOT NULL,
    kdf_iterations      INTEGER NOT NULL,
    kdf_parallelism     INTEGER NOT NULL,
    kdf_salt            BYTEA NOT NULL,
    stale               BOOLEAN NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
