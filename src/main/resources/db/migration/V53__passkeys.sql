-- Passkeys as a second factor (ADR 0048). user_entities and user_credentials are Spring Security's WebAuthn schema
-- (JdbcPublicKeyCredentialUserEntityRepository, JdbcUserCredentialRepository) with BYTEA for the binary columns (H2
-- and PostgreSQL) and a name long enough for a mail address (RFC 5321: 320). Nothing here is secret: public keys,
-- credential ids, signature counters, the attestation the browser sent at registration.
CREATE TABLE user_entities (
    id           VARCHAR(1000) NOT NULL PRIMARY KEY,
    name         VARCHAR(320)  NOT NULL,
    display_name VARCHAR(320)
);
CREATE UNIQUE INDEX user_entities_name ON user_entities (name);

CREATE TABLE user_credentials (
    credential_id                VARCHAR(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          VARCHAR(1000) NOT NULL,
    public_key                   BYTEA         NOT NULL,
    signature_count              BIGINT,
    uv_initialized               BOOLEAN,
    backup_eligible              BOOLEAN       NOT NULL,
    authenticator_transports     VARCHAR(1000),
    public_key_credential_type   VARCHAR(100),
    backup_state                 BOOLEAN       NOT NULL,
    attestation_object           BYTEA,
    attestation_client_data_json BYTEA,
    created                      TIMESTAMP,
    last_used                    TIMESTAMP,
    label                        VARCHAR(1000) NOT NULL
);
CREATE INDEX user_credentials_user ON user_credentials (user_entity_user_id);

-- A ceremony in progress: the challenge the server sent, single-use, bound to who asked (a session for registration,
-- a pending sign-in for the second step), five minutes. Kept in the database so any node can finish it.
CREATE TABLE passkey_ceremonies (
    id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    purpose    VARCHAR(16)              NOT NULL,
    owner      VARCHAR(128)             NOT NULL,
    address    VARCHAR(320)             NOT NULL,
    challenge  BYTEA                    NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
