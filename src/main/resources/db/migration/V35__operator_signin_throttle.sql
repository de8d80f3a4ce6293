-- Operator sign-in throttling (issue 12 item 5, ADR 0027): failed console sign-ins per operator name (also
-- for names that are no operator, so lockout reveals no names) and per client address, shared by every node.
-- An attempt is counted before its Argon2id check (a reservation), so parallel guesses cannot pass the
-- "is it locked?" check together; a success takes the name's counter away and gives the client's attempt back.
-- Kept apart from users' signin_failures: an operator name and a mail address never share a counter.
CREATE TABLE operator_signin_failures (
    kind            VARCHAR(8)   NOT NULL,
    subject         VARCHAR(320) NOT NULL,
    failures        INTEGER      NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX operator_signin_failures_last ON operator_signin_failures (last_failure_at);
