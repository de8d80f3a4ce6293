-- OAuth subject per session (ADR 0047 amendment): the provider's stable account of an OAuth sign-in, its ID token's
-- `iss` and `sub`, so a re-authentication (sudo mode) must come back with the same account, not just the same
-- (mutable, at Microsoft not always verified) email. Not secret: it names an account at the provider, opens nothing.
-- Sessions signed in before this migration have none and must sign in again before they can re-authenticate.
ALTER TABLE sessions ADD COLUMN oauth_issuer VARCHAR(512);
ALTER TABLE sessions ADD COLUMN oauth_subject VARCHAR(255);
ALTER TABLE pending_sign_ins ADD COLUMN oauth_issuer VARCHAR(512);
ALTER TABLE pending_sign_ins ADD COLUMN oauth_subject VARCHAR(255);
