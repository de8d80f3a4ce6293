-- Send-only OAuth mailboxes (issue 15 item 1; ADR 0044): a connected mailbox of kind google or microsoft holds the id
-- of its grant (module oauth, OAuthGrants: tokens sealed in its own table) instead of a sealed password; its
-- credentials column stays NULL. No foreign key: the gateway uses the oauth module through its API only, never its
-- tables; disconnecting deletes the mailbox row and then the grant (OAuthGrants.delete), and a grant that is gone
-- makes the mailbox unusable (MailboxUnavailableException), never another grant's.
--   kind: own | shared (password, ADR 0035) | google | microsoft (OAuth: sends through the provider's API)
ALTER TABLE connected_mailboxes ADD COLUMN oauth_grant_id BIGINT;
CREATE UNIQUE INDEX connected_mailboxes_oauth_grant_idx ON connected_mailboxes (oauth_grant_id);
