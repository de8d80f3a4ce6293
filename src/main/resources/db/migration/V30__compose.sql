-- Writing mail (issue 5, ADR 0017).

-- Display name and signature per From identity (the sign-in address or an operator-configured alias), per user.
CREATE TABLE compose_identities (
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address      VARCHAR(320) NOT NULL,
    display_name VARCHAR(200),
    signature    VARCHAR(4000),
    PRIMARY KEY (user_id, address)
);

-- Idempotency-Key of a send, per user: the same key never sends twice. state: PENDING while sending, SENT after.
CREATE TABLE send_idempotency_keys (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idem_key    VARCHAR(200) NOT NULL,
    state       VARCHAR(10) NOT NULL,
    message_id  VARCHAR(250),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

-- Addresses a user wrote to or received from, for autocomplete; strictly per user. address: lower case.
CREATE TABLE contacts (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address     VARCHAR(320) NOT NULL,
    name        VARCHAR(200),
    uses        INTEGER NOT NULL,
    last_used   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, address)
);
