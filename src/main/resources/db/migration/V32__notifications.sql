-- Mail to users about what an operator did to their account (ADR 0023).
-- A row is written (from the durable event) before the first attempt; when the mail was accepted by the
-- notification SMTP server or given up, done_at and outcome are set, and the row is kept for 7 days so a
-- republished event (a crash between delivery and the publication's completion) finds it and sends
-- nothing twice. Holds no secret and no message text: the mail is composed at each attempt from these facts.
--   id:              the event's id; also the Message-ID's left-hand side (a retried mail keeps its id)
--   kind:            mfa_reset | sessions_ended
--   attempts:        attempts started so far
--   next_attempt_at: when the next attempt is due; while one runs, a lease (a crashed node's attempt is redone)
--   last_error:      the last failure's kind (an exception class or SMTP code), never a server's text
--   done_at, outcome: when and how it ended (sent | failed); NULL while waiting
CREATE TABLE notification_outbox (
    id               VARCHAR(36) NOT NULL PRIMARY KEY,
    kind             VARCHAR(40) NOT NULL,
    user_id          BIGINT NOT NULL,
    recipient        VARCHAR(320) NOT NULL,
    operator         VARCHAR(200) NOT NULL,
    operator_client  VARCHAR(100),
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INT NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(200),
    done_at          TIMESTAMP WITH TIME ZONE,
    outcome          VARCHAR(20)
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (done_at, next_attempt_at);
