-- The sign-in and session policy an operator changes in the console (ADR 0022). auth_policy is one row whose
-- version every save increments (optimistic concurrency: a save names the version it was based on).
-- auth_policy_values holds one row per field an operator set; a field without a row uses the configured default
-- (vaultmail.auth.*). Values: ISO-8601 durations, decimal counts, true/false. No secrets.
CREATE TABLE auth_policy (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     BIGINT NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE,
    updated_by  VARCHAR(64)
);
INSERT INTO auth_policy (id, version) VALUES (1, 0);

CREATE TABLE auth_policy_values (
    name          VARCHAR(64) PRIMARY KEY,
    stored_value  VARCHAR(64) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(64) NOT NULL
);
