-- Findings: one row per (check, resource[, discriminator]) identified by a fingerprint over
-- lower-cased ids, with its lifecycle state, change marker and latest evidence.
CREATE TABLE finding (
    id                uuid PRIMARY KEY,
    fingerprint       varchar(64)   NOT NULL UNIQUE,
    check_id          varchar(100)  NOT NULL,
    check_title       varchar(300)  NOT NULL,
    severity          varchar(16)   NOT NULL,
    category          varchar(32)   NOT NULL,
    resource_id       varchar(1024) NOT NULL,
    resource_key      varchar(1024) NOT NULL,
    resource_type     varchar(200)  NOT NULL,
    resource_name     varchar(300)  NOT NULL,
    subscription_id   varchar(64)   NOT NULL,
    resource_group    varchar(100),
    discriminator     varchar(512),
    state             varchar(16)   NOT NULL,
    change            varchar(16)   NOT NULL,
    first_seen_at     timestamptz   NOT NULL,
    last_seen_at      timestamptz   NOT NULL,
    resolved_at       timestamptz,
    state_changed_at  timestamptz   NOT NULL,
    occurrences       integer       NOT NULL,
    last_scan_id      uuid,
    evidence_path     varchar(300),
    evidence_observed varchar(2000),
    evidence_expected varchar(500),
    detail            varchar(2000),
    remediation       varchar(2000),
    suppression_id    uuid,
    CONSTRAINT finding_state_chk CHECK (state IN ('OPEN', 'RESOLVED', 'SUPPRESSED')),
    CONSTRAINT finding_change_chk CHECK (change IN ('NEW', 'UNCHANGED', 'CHANGED', 'REGRESSED')),
    CONSTRAINT finding_severity_chk CHECK (severity IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'))
);

CREATE INDEX finding_state_severity_idx ON finding (state, severity);
CREATE INDEX finding_scope_idx ON finding (subscription_id, check_id, state);
CREATE INDEX finding_check_idx ON finding (check_id, state);
CREATE INDEX finding_resource_idx ON finding (resource_key);
CREATE INDEX finding_changed_idx ON finding (state_changed_at DESC, id);
CREATE INDEX finding_suppression_idx ON finding (suppression_id) WHERE suppression_id IS NOT NULL;

-- The workspaces a finding is reported under (the workspace itself, or the workspaces that depend
-- on the resource).
CREATE TABLE finding_workspace (
    finding_id    uuid          NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
    workspace_key varchar(1024) NOT NULL,
    PRIMARY KEY (finding_id, workspace_key)
);
CREATE INDEX finding_workspace_key_idx ON finding_workspace (workspace_key);

-- Append-only history of every state change of a finding.
CREATE TABLE finding_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id  uuid         NOT NULL REFERENCES finding (id),
    occurred_at timestamptz  NOT NULL,
    from_state  varchar(16),
    to_state    varchar(16)  NOT NULL,
    change      varchar(16)  NOT NULL,
    scan_id     uuid,
    reason      varchar(300) NOT NULL
);
CREATE INDEX finding_event_finding_idx ON finding_event (finding_id, id);

-- Suppressions: typed, justified, approved by a second person, always expiring. Match one finding
-- or a rule (check + scope prefix + optional resource-name pattern).
CREATE TABLE suppression (
    id                    uuid PRIMARY KEY,
    type                  varchar(20)   NOT NULL,
    justification         varchar(2000) NOT NULL,
    finding_id            uuid REFERENCES finding (id),
    check_id              varchar(100),
    scope_prefix          varchar(1024),
    resource_name_pattern varchar(260),
    requested_by          varchar(128)  NOT NULL,
    requested_by_name     varchar(256),
    requested_at          timestamptz   NOT NULL,
    approved_by           varchar(128),
    approved_at           timestamptz,
    revoked_by            varchar(128),
    revoked_at            timestamptz,
    expires_at            timestamptz   NOT NULL,
    status                varchar(16)   NOT NULL,
    version               bigint        NOT NULL,
    CONSTRAINT suppression_type_chk CHECK (type IN ('RISK_ACCEPTED', 'MITIGATED', 'FALSE_POSITIVE')),
    CONSTRAINT suppression_status_chk CHECK (status IN ('PENDING', 'ACTIVE', 'REVOKED', 'EXPIRED')),
    CONSTRAINT suppression_target_chk CHECK (finding_id IS NOT NULL OR check_id IS NOT NULL)
);
CREATE INDEX suppression_status_idx ON suppression (status, expires_at);

ALTER TABLE finding
    ADD CONSTRAINT finding_suppression_fk FOREIGN KEY (suppression_id) REFERENCES suppression (id);

-- History tables are append-only; the database refuses anything else.
CREATE FUNCTION refuse_change_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;

CREATE TRIGGER finding_event_no_change
    BEFORE UPDATE OR DELETE ON finding_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
