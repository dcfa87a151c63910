-- Append-only trail of every mutating request and every authentication/authorization failure.
CREATE TABLE audit_event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at      timestamptz  NOT NULL,
    principal_id     varchar(128) NOT NULL,
    principal_app_id varchar(128),
    principal_name   varchar(256),
    roles            varchar(128) NOT NULL,
    method           varchar(16)  NOT NULL,
    action           varchar(600) NOT NULL,
    target           varchar(1024),
    outcome          varchar(16)  NOT NULL,
    status           integer      NOT NULL,
    correlation_id   varchar(128) NOT NULL,
    client_address   varchar(64),
    CONSTRAINT audit_event_outcome_chk CHECK (outcome IN ('SUCCESS', 'REJECTED', 'UNAUTHENTICATED', 'DENIED', 'FAILED'))
);

CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC, id DESC);
CREATE INDEX audit_event_principal_idx ON audit_event (lower(principal_id), occurred_at DESC);
CREATE INDEX audit_event_outcome_idx ON audit_event (outcome, occurred_at DESC);

-- The service never updates or deletes audit rows; the database makes sure of it. Retention is an
-- operator's job, done as the table owner with the triggers disabled for that session.
CREATE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END
$$;

CREATE TRIGGER audit_event_no_change
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
