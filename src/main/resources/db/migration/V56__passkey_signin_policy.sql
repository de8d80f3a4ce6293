-- The operator's per-domain choice about passkey-only sign-in (ADR 0051): a row allows or forbids it for one mail
-- domain; no row means the default (allowed: a user opts in per passkey, in sudo mode, with user verification).
CREATE TABLE passkey_signin_policy (
    domain     VARCHAR(255)             NOT NULL PRIMARY KEY,
    allowed    BOOLEAN                  NOT NULL,
    changed_by VARCHAR(128)             NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
