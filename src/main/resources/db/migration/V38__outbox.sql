-- The sending gateway's durable outbox (issue 13 items 3-5; ADR 0038 describes the exactly-once discipline).
-- A message and its first history row are written in one transaction before the API answers 202 (G11).
--   id:              a UUID (text), the API's message id
--   status:          queued | scheduled | sending | sent | failed | held | delivery_uncertain | cancelled
--   content:         sealed (Purpose.MESSAGES, associated data outbox_messages|content|id|user_id): the envelope
--                    (sender, recipients) and the complete MIME message; never stored in clear (G12)
--   message_id:      the Message-ID header (without angle brackets), shown to the user and found by tests over IMAP
--   send_at:         not before (scheduled sends); next_attempt_at: when the worker may take it next
--   lease_owner/lease_until: the node that is working on it; a lease that ran out belongs to nobody
--   data_sent_at:    set durably the moment the SMTP DATA command is about to be sent; a message found with it set
--                    and no recorded reply after its lease ran out is delivery_uncertain, never resent automatically
--   reply_code, reply_text: the server's final reply (sent or failed); failure_reason: a typed reason
--   held_until:      while held (the mailbox needs re-authentication), when the hold gives up and the message fails
CREATE TABLE outbox_messages (
    id               VARCHAR(36) NOT NULL PRIMARY KEY,
    user_id          BIGINT NOT NULL,
    mailbox_id       BIGINT NOT NULL,
    api_key_id       BIGINT,
    status           VARCHAR(24) NOT NULL,
    message_id       VARCHAR(250) NOT NULL,
    content          BYTEA NOT NULL,
    content_key_id   BIGINT NOT NULL,
    size_bytes       BIGINT NOT NULL,
    recipient_count  INT NOT NULL,
    metadata         VARCHAR(4000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    send_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INT NOT NULL DEFAULT 0,
    lease_owner      VARCHAR(100),
    lease_until      TIMESTAMP WITH TIME ZONE,
    data_sent_at     TIMESTAMP WITH TIME ZONE,
    reply_code       INT,
    reply_text       VARCHAR(500),
    failure_reason   VARCHAR(60),
    held_until       TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX outbox_messages_due_idx ON outbox_messages (status, next_attempt_at);
CREATE INDEX outbox_messages_user_idx ON outbox_messages (user_id, created_at);
CREATE INDEX outbox_messages_mailbox_idx ON outbox_messages (mailbox_id, status);

-- Each status a message passed through, in order (the API's history): detail is a short non-secret text
-- (a reply code and line, a failure reason, "retried by the user").
CREATE TABLE outbox_history (
    message_id   VARCHAR(36) NOT NULL,
    seq          INT NOT NULL,
    status       VARCHAR(24) NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    detail       VARCHAR(500),
    PRIMARY KEY (message_id, seq)
);

-- Idempotency-Key with Stripe's semantics (issue 13 item 4), scoped to the key's owner and mailbox, kept 24 h.
--   request_hash: SHA-256 of the request (method, path, body) for "same key, different body" (422)
--   state:        processing | done; response_status/response_body: the first answer, replayed while kept
CREATE TABLE outbox_idempotency (
    user_id          BIGINT NOT NULL,
    mailbox_id       BIGINT NOT NULL,
    idem_key         VARCHAR(255) NOT NULL,
    request_hash     VARCHAR(64) NOT NULL,
    state            VARCHAR(12) NOT NULL,
    response_status  INT,
    response_body    VARCHAR(4000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, mailbox_id, idem_key)
);
CREATE INDEX outbox_idempotency_expiry_idx ON outbox_idempotency (expires_at);
