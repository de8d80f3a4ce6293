-- Local operator accounts for the admin console (ADR 0006). password_hash: DelegatingPasswordEncoder
-- output ({argon2}…, Argon2id m=19 MiB t=2 p=1); totp_secret: sealed with Purpose.TOTP (G1), mandatory.
CREATE TABLE operators (
    username        VARCHAR(64) PRIMARY KEY,
    password_hash   VARCHAR(255) NOT NULL,
    totp_secret     BYTEA NOT NULL,
    totp_key_id     BIGINT NOT NULL,
    totp_last_step  BIGINT NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
