-- PostgreSQL only (ADR 0028). Retention purges go through vaultmail_audit_purge, a SECURITY DEFINER
-- function owned by the role that ran this migration (the schema owner); the guard trigger lets a DELETE
-- of audit_entry through only when it runs as the table's owner AND from inside that function. A flag
-- the application's role could set (V22's vaultmail.audit_purge) is no longer trusted. With a separate
-- application role (not the owner, not a member of it), the application can neither delete entries nor
-- switch the trigger off; it can only ask the function to cut a prefix that a chained audit.purge entry at
-- the head names. Run as one role (the application owns the tables), nothing here binds the owner:
-- the external checkpoints are the evidence then (README, docs/security.md).

CREATE OR REPLACE FUNCTION vaultmail_audit_guard() RETURNS trigger AS $$
DECLARE
    stack TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        GET DIAGNOSTICS stack = PG_CONTEXT;
        IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
                AND position('vaultmail_audit_purge(' IN stack) > 0 THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only (% refused; retention purges go through vaultmail_audit_purge)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

-- audit_chain: the head only moves forward, and the purge checkpoint only moves inside the purge function.
CREATE FUNCTION vaultmail_audit_chain_guard() RETURNS trigger AS $$
DECLARE
    stack TEXT;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id <> OLD.id OR NEW.last_seq < OLD.last_seq THEN
            RAISE EXCEPTION 'audit_chain head only moves forward (from % to % refused)', OLD.last_seq, NEW.last_seq
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.first_seq IS DISTINCT FROM OLD.first_seq OR NEW.hash_before_first IS DISTINCT FROM OLD.hash_before_first
                OR NEW.checkpoint_mac IS DISTINCT FROM OLD.checkpoint_mac THEN
            GET DIAGNOSTICS stack = PG_CONTEXT;
            IF current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
                    OR position('vaultmail_audit_purge(' IN stack) = 0 THEN
                RAISE EXCEPTION 'audit_chain purge checkpoint moves only through vaultmail_audit_purge'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_chain keeps its one row (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_chain_forward_only
    BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION vaultmail_audit_chain_guard();

CREATE TRIGGER audit_chain_no_truncate
    BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION vaultmail_audit_chain_guard();

-- Deletes entries first_seq..p_through_seq, but only when the chain's head is an audit.purge entry
-- (p_purge_seq, appended in the caller's transaction) whose details name exactly this range and the hash
-- the cut leaves before the first remaining entry: a purge is itself a chained, MAC'd event. The caller
-- (holding the audit key) passes the MAC of the new purge checkpoint, which cannot be computed here.
CREATE FUNCTION vaultmail_audit_purge(p_purge_seq BIGINT, p_through_seq BIGINT, p_checkpoint_mac BYTEA)
    RETURNS BIGINT AS $$
DECLARE
    chain audit_chain%ROWTYPE;
    purge audit_entry%ROWTYPE;
    facts JSONB;
    cut BYTEA;
    deleted BIGINT;
BEGIN
    SELECT * INTO chain FROM audit_chain WHERE id = 1 FOR UPDATE;
    SELECT * INTO purge FROM audit_entry WHERE seq = p_purge_seq;
    IF NOT FOUND OR purge.action <> 'audit.purge' OR p_purge_seq <> chain.last_seq THEN
        RAISE EXCEPTION 'vaultmail_audit_purge: sequence % is not an audit.purge entry at the chain head', p_purge_seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    facts := purge.details::jsonb;
    IF (facts ->> 'from_seq')::BIGINT IS DISTINCT FROM chain.first_seq
            OR (facts ->> 'through_seq')::BIGINT IS DISTINCT FROM p_through_seq
            OR p_through_seq < chain.first_seq OR p_through_seq >= p_purge_seq THEN
        RAISE EXCEPTION 'vaultmail_audit_purge: the audit.purge entry % does not name the range %..%', p_purge_seq,
            chain.first_seq, p_through_seq USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT hash INTO cut FROM audit_entry WHERE seq = p_through_seq;
    IF NOT FOUND OR encode(cut, 'hex') IS DISTINCT FROM facts ->> 'hash_before_first' THEN
        RAISE EXCEPTION 'vaultmail_audit_purge: entry % is missing or its hash differs from the audit.purge entry', p_through_seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM audit_entry WHERE seq <= p_through_seq;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    UPDATE audit_chain SET first_seq = p_through_seq + 1, hash_before_first = cut, checkpoint_mac = p_checkpoint_mac
        WHERE id = 1;
    RETURN deleted;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- A SECURITY DEFINER function must not resolve names through a schema others can write: pin it to this one.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION vaultmail_audit_purge(BIGINT, BIGINT, BYTEA) SET search_path = %I, pg_temp',
        current_schema());
END;
$$;
