-- Migration jobs' runner (issue 14; ADR 0042).
--   unreachable_runs: claims in a row that found a server unreachable; after vaultmail.migrate.unreachable-retries
--                     the job fails (an authentication failure fails it at once)
--   not_before:       a job queued again after such a claim waits until then (backoff)
ALTER TABLE migration_jobs ADD COLUMN unreachable_runs INT NOT NULL DEFAULT 0;
ALTER TABLE migration_jobs ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;

-- One row that every claim locks (SELECT … FOR UPDATE) first: claims from all nodes are serialised, so the count of
-- running jobs per host that a claim checks cannot change under it (vaultmail.migrate.max-jobs-per-host).
CREATE TABLE migration_claim_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO migration_claim_lock (id) VALUES (1);
