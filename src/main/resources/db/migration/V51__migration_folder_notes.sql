-- A folder report's notes (issue 14 gaps): mapping decisions (renamed, numbered, merged, added parent, \Noselect
-- parent), "mirror needs UIDPLUS; deletions skipped", and the flags the destination refused, by name.
--   notes: JSON [{kind, detail}]; NULL when there is nothing to say. Folder and flag names only, never a credential.
ALTER TABLE migration_job_folders ADD COLUMN notes VARCHAR(20000);
