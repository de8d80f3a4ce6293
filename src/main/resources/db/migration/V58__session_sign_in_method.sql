-- How a session signed in (ADR 0052 amendment, session 12): 'password', 'passkey' (a passkey alone, its PRF unlocking
-- the sealed password, ADR 0051) or 'oauth' (the provider is oauth_provider, V49). Shown on the sessions page in the
-- user's language. NULL for sessions opened before this migration: the page shows them as before (the provider when
-- oauth_provider is set, else "password").
ALTER TABLE sessions ADD COLUMN sign_in_method VARCHAR(16);
