-- Users' second factor (ADR 0006). secret: the TOTP key sealed with Purpose.TOTP (G1); confirmed_at is
-- null until the user typed a current code; last_step is the last accepted time step (no replay).
CREATE TABLE user_mfa (
    user_id        BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         BYTEA NOT NULL,
    secret_key_id  BIGINT NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at   TIMESTAMP WITH TIME ZONE,
    last_step      BIGINT NOT NULL
);

-- Single-use recovery codes, stored as SHA-256 only (50 random bits each; ADR 0006).
CREATE TABLE user_mfa_recovery (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  BYTEA NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, code_hash)
);

-- A browser sign-in whose password was right but whose second factor is still owed. credentials:
-- the password sealed twice like sessions.credentials (inside under a key from the cookie secret).
CREATE TABLE pending_sign_ins (
    id                  VARCHAR(32) PRIMARY KEY,
    user_id             BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address             VARCHAR(320) NOT NULL,
    remember            BOOLEAN NOT NULL,
    credentials         BYTEA NOT NULL,
    credentials_key_id  BIGINT NOT NULL,
    failures            INT NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
