-- OAuth sign-in (issue 15 item 3, ADR 0045): which sessions (and parked second steps) hold OAuth tokens instead of
-- a password. The tokens themselves are inside the sealed credentials (cookie-held secret, G2); this only names the
-- provider, so the pool knows to log in with XOAUTH2 and the sessions page can say "Google".
ALTER TABLE sessions ADD COLUMN oauth_provider VARCHAR(64);
ALTER TABLE pending_sign_ins ADD COLUMN oauth_provider VARCHAR(64);
