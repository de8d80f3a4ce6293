-- Passkey sign-in with PRF unlock (ADR 0051). One row per passkey once anything is known about it beyond Spring's
-- user_credentials row: whether its authenticator evaluates the PRF extension, and, once the user enabled "sign in
-- with this passkey", the mail password sealed twice: inside under AES-256-GCM with a key only the authenticator can
-- help derive (HKDF over its PRF output, salted with salt), outside under the master keyset (sealed_key_id), so
-- `keys status/rewrap/retire` cover it. A dump plus the master keys opens the outer layer only.
CREATE TABLE passkey_unlock (
    credential_id VARCHAR(1000) NOT NULL PRIMARY KEY
        REFERENCES user_credentials (credential_id) ON DELETE CASCADE,
    user_id       BIGINT                   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    prf_supported BOOLEAN,
    salt          BYTEA,
    sealed        BYTEA,
    sealed_key_id BIGINT,
    enabled_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX passkey_unlock_user ON passkey_unlock (user_id);
