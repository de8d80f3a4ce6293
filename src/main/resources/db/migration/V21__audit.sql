-- Hash-chained audit log (G10, ADR 0020). The application only ever INSERTs into audit_entry; the
-- retention purge deletes the oldest rows and moves the signed checkpoint in audit_chain forward.
-- hash = HMAC-SHA-256(audit MAC key, canonical(entry) || prev_hash); the key is sealed in audit_mac_key.
CREATE TABLE audit_entry (
    seq             BIGINT PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_type      VARCHAR(16) NOT NULL,
    actor_id        VARCHAR(320) NOT NULL,
    action          VARCHAR(64) NOT NULL,
    target          VARCHAR(400),
    client_address  VARCHAR(64),
    user_agent      VARCHAR(512),
    outcome         VARCHAR(32) NOT NULL,
    details         VARCHAR(4000) NOT NULL,
    mac_key         BIGINT NOT NULL,
    prev_hash       BYTEA NOT NULL,
    hash            BYTEA NOT NULL
);
CREATE INDEX audit_entry_time ON audit_entry (occurred_at);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id);

-- One row (id = 1): the chain head, locked FOR UPDATE by every append and purge so that nodes sharing
-- one database never fork the chain; and the checkpoint left by the last purge. Both are MAC'd.
-- A NULL hash stands for the genesis value (32 zero bytes), which has no portable literal.
CREATE TABLE audit_chain (
    id                 INT PRIMARY KEY,
    last_seq           BIGINT NOT NULL,
    last_hash          BYTEA,
    head_mac           BYTEA,
    first_seq          BIGINT NOT NULL,
    hash_before_first  BYTEA,
    checkpoint_mac     BYTEA,
    mac_key            BIGINT
);
INSERT INTO audit_chain (id, last_seq, first_seq) VALUES (1, 0, 1);

-- The HMAC keys of the chain: random 32 bytes sealed by the vault (Purpose.AUDIT), so rotation and
-- rewrap of the data keys re-seal them without changing them, and old entries keep verifying.
CREATE TABLE audit_mac_key (
    id          BIGINT PRIMARY KEY,
    sealed      BYTEA NOT NULL,
    key_id      BIGINT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Spring Modulith's event publication registry (its v2 schema): audit events are stored here before
-- any listener runs and marked complete only when the entry is in the chain (transactional outbox).
CREATE TABLE event_publication (
    id                      UUID NOT NULL PRIMARY KEY,
    listener_id             VARCHAR(512) NOT NULL,
    event_type              VARCHAR(512) NOT NULL,
    serialized_event        VARCHAR(65535) NOT NULL,
    publication_date        TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date         TIMESTAMP WITH TIME ZONE,
    status                  VARCHAR(20),
    completion_attempts     INT,
    last_resubmission_date  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
