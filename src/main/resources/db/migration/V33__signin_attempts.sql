-- Sign-in attempts in progress (G9, ADR 0025): reserved in the same transaction that checks the failure counters,
-- before the IMAP login, and deleted when the attempt is settled (a failure is then counted in signin_failures).
-- Until then each counts as a failure, so parallel attempts cannot all pass the check. A node that dies mid-attempt
-- leaves its rows behind; they stop counting at expires_at and go with the session purge.
CREATE TABLE signin_attempts (
    id         VARCHAR(43)  NOT NULL,
    kind       VARCHAR(8)   NOT NULL,
    subject    VARCHAR(320) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id, kind)
);
CREATE INDEX signin_attempts_subject ON signin_attempts (kind, subject, expires_at);
CREATE INDEX signin_attempts_expires ON signin_attempts (expires_at);
