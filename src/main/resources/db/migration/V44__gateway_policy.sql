-- The sending gateway's policy an operator changes in the console (issue 13 items 1, 2, 5, 7; ADR 0040), in the form
-- of the sign-in policy (V31, ADR 0022): gateway_policy is one row whose version every save increments (a save names
-- the version it was based on: optimistic concurrency); gateway_policy_values holds one row per field an operator
-- set; a field without a row uses the configured default (vaultmail.gateway.*). Values: decimal counts, true/false,
-- ISO-8601 durations, comma-separated domains, "domain=perMinute/perDay" lists. No secrets.
CREATE TABLE gateway_policy (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     BIGINT NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE,
    updated_by  VARCHAR(200)
);
INSERT INTO gateway_policy (id, version) VALUES (1, 0);

CREATE TABLE gateway_policy_values (
    name          VARCHAR(64) PRIMARY KEY,
    stored_value  VARCHAR(4000) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(200) NOT NULL
);
