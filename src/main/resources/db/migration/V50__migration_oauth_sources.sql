-- OAuth migration sources (issue 15 item 4; ADR 0046).
--   source_grant_id: the oauth_grants row (purpose migration-source) the job's source logs in with (SASL XOAUTH2),
--                    instead of a sealed password (source_credentials stays NULL). Kept after the job ended until the
--                    grant is deleted (and revoked at the provider where possible), then set to NULL: a sweep finds
--                    ended jobs that still name a grant (a node that died between the two) and finishes the deletion.
--                    No foreign key: oauth_grants belongs to the oauth module and may be dropped there first.
ALTER TABLE migration_jobs ADD COLUMN source_grant_id BIGINT;
CREATE INDEX migration_jobs_grant_idx ON migration_jobs (source_grant_id);

-- A user's OAuth import between "Import from <provider>" and the provider's callback: the options and the user's
-- own mailbox login (the destination) wait here, referenced by id in the flow's server-side context.
--   destination_credentials: sealed (Purpose.CREDENTIALS) login + password of the user's own mailbox, taken from the
--                            browser session at the start (the callback may arrive without it); associated data
--                            migration_oauth_drafts|destination_credentials|id|owner_user_id
--   expires_at:              a draft is used once; unused ones are deleted after it
CREATE TABLE migration_oauth_drafts (
    id                              VARCHAR(36) NOT NULL PRIMARY KEY,
    owner_user_id                   BIGINT NOT NULL,
    provider_id                     VARCHAR(100) NOT NULL,
    destination_server              VARCHAR(100) NOT NULL,
    destination_login               VARCHAR(320) NOT NULL,
    destination_credentials         BYTEA,
    destination_credentials_key_id  BIGINT,
    options                         VARCHAR(20000) NOT NULL,
    created_at                      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX migration_oauth_drafts_expiry_idx ON migration_oauth_drafts (expires_at);
CREATE INDEX migration_oauth_drafts_key_idx ON migration_oauth_drafts (destination_credentials_key_id);
