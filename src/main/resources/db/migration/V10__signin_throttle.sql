-- Sign-in throttling (G9): failed sign-ins per account (normalized address, also for unknown domains) and
-- per client address, shared by every node. A counter starts again after the reset period without failures;
-- an account's counter is deleted on a successful sign-in.
CREATE TABLE signin_failures (
    kind            VARCHAR(8)   NOT NULL,
    subject         VARCHAR(320) NOT NULL,
    failures        INTEGER      NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX signin_failures_last ON signin_failures (last_failure_at);
