-- The data keyset (DEKs), encrypted under the root keyset, which never enters the database.
-- One row (id 1); version is bumped by every change so nodes can poll it and update by compare-and-set.
CREATE TABLE vault_keyset (
    id          INTEGER PRIMARY KEY,
    ciphertext  BYTEA NOT NULL,
    root_key_id BIGINT NOT NULL,
    version     BIGINT NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT vault_keyset_single_row CHECK (id = 1)
);

-- When each data key was created (Tink keysets carry no timestamps); shown by `keys status`.
CREATE TABLE vault_data_key (
    key_id     BIGINT PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
