-- Per connected mailbox send limits (issue 13 item 5, ADR 0038): one row per mailbox with the current minute's and
-- day's counts. The worker takes a slot with one conditional UPDATE in the transaction that claims a message, so the
-- limits hold across nodes; a mailbox over a limit has its due messages deferred to the next window (queued, not refused).
--   minute_start/day_start: the start of the current window (UTC); *_count: messages claimed for sending in it
CREATE TABLE outbox_send_windows (
    mailbox_id    BIGINT NOT NULL PRIMARY KEY,
    minute_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    minute_count  INT NOT NULL,
    day_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    day_count     INT NOT NULL
);
-- The recovery sweep looks for leases that ran out.
CREATE INDEX outbox_messages_lease_idx ON outbox_messages (status, lease_until);
