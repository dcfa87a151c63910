-- Two database roles: migrations run as the role that owns the schema (spring.flyway.user),
-- the service connects as aml_warden_app, which may only read and write rows. It cannot alter
-- tables, disable the append-only triggers, or change or delete history, so a compromised
-- service (or an SQL injection) cannot rewrite the audit trail.
--
-- The grants are made when a role named aml_warden_app exists (create it before the first
-- migration; see docs/security.md). Without it, or when the service connects as the owner
-- itself, this migration changes nothing: a single-role deployment keeps working, without the
-- separation.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aml_warden_app')
            OR current_user = 'aml_warden_app' THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO aml_warden_app', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO aml_warden_app',
                   current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO aml_warden_app', current_schema());
    -- Tables and sequences later migrations create get the same grants.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES '
                   'TO aml_warden_app', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO aml_warden_app',
                   current_schema());
    -- History is append-only: beyond the triggers, the service may not even ask.
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, finding_event, review_item_event FROM aml_warden_app;
    -- Nor may it touch the migration history.
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM aml_warden_app;
    END IF;
END
$$;
