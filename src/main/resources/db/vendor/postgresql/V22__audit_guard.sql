-- PostgreSQL only (H2 has no such triggers; there the application simply never issues them):
-- audit_entry refuses UPDATE always, and DELETE unless the retention purge set
-- vaultmail.audit_purge = 'on' for its own transaction (set_config(..., true)). A superuser can still
-- disable the trigger; the HMAC chain is what makes such an edit visible (ADR 0020).
CREATE FUNCTION vaultmail_audit_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('vaultmail.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION vaultmail_audit_guard();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION vaultmail_audit_guard();
