-- Connected mailboxes (issue 13 item 1, ADR 0035): a notification can be about something other than the account
-- itself, e.g. the connected mailbox whose stored password the mail server refused. Holds an address, never a secret.
ALTER TABLE notification_outbox ADD COLUMN about VARCHAR(320);
