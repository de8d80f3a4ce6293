-- Sudo mode (ADR 0026): when the user last proved who they are inside this session (their password, or their
-- second factor when they have one), for actions that need a recent proof (changing the second factor).
-- Bound to the session row, so a proof in one browser covers no other session; NULL until the first proof
-- (signing in does not count). Only compared with the clock, never sent to the client.
ALTER TABLE sessions ADD COLUMN reauthenticated_at TIMESTAMP WITH TIME ZONE;

-- Notifications about changes the user made themselves (second factor added, removed, recovery codes replaced)
-- have no operator.
ALTER TABLE notification_outbox ALTER COLUMN operator DROP NOT NULL;
