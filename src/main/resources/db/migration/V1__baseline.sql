-- Baseline: the schema grows feature by feature in later migrations.
CREATE TABLE vaultmail_info (
    info_key   VARCHAR(64) PRIMARY KEY,
    info_value VARCHAR(256) NOT NULL
);
INSERT INTO vaultmail_info (info_key, info_value) VALUES ('schema', 'vaultmail');
