-- Posture scans: one row per scan, queued by the API or a schedule and claimed by one replica.
CREATE TABLE scan (
    id                  uuid PRIMARY KEY,
    scope_key           varchar(4000) NOT NULL,
    subscription_ids    text[]        NOT NULL,
    resource_groups     text[]        NOT NULL,
    workspace_ids       text[]        NOT NULL,
    profile             varchar(16)   NOT NULL,
    trigger             varchar(16)   NOT NULL,
    schedule_name       varchar(100),
    requested_by        varchar(128)  NOT NULL,
    state               varchar(16)   NOT NULL,
    created_at          timestamptz   NOT NULL,
    started_at          timestamptz,
    finished_at         timestamptz,
    heartbeat_at        timestamptz,
    owner               varchar(200),
    workspaces          integer,
    results             integer,
    failed_results      integer,
    unknown_results     integer,
    findings_opened     integer,
    findings_regressed  integer,
    findings_resolved   integer,
    arm_requests        bigint,
    graph_requests      bigint,
    key_vault_requests  bigint,
    throttled_requests  bigint,
    unreadable          text,
    error               varchar(1000),
    CONSTRAINT scan_state_chk CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED')),
    CONSTRAINT scan_trigger_chk CHECK (trigger IN ('API', 'SCHEDULE', 'RETRY'))
);

-- At most one queued or running scan per scope, whichever replica tries to start another.
CREATE UNIQUE INDEX scan_one_active_per_scope ON scan (scope_key) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX scan_created_idx ON scan (created_at DESC, id);
CREATE INDEX scan_queued_idx ON scan (created_at) WHERE state = 'QUEUED';

-- When each configured schedule last fired, so that every replica agrees on the next tick.
CREATE TABLE scan_schedule (
    name          varchar(100) PRIMARY KEY,
    last_fired_at timestamptz  NOT NULL,
    last_scan_id  uuid REFERENCES scan (id),
    retried       boolean      NOT NULL DEFAULT false
);

-- The latest posture of each workspace (with its dependencies), replaced by every scan that
-- evaluates it.
CREATE TABLE workspace_posture (
    workspace_key      varchar(1024) PRIMARY KEY,
    workspace_uuid     uuid          NOT NULL UNIQUE,
    workspace_id       varchar(1024) NOT NULL,
    workspace_name     varchar(260)  NOT NULL,
    subscription_id    varchar(64)   NOT NULL,
    resource_group     varchar(100),
    scan_id            uuid          NOT NULL REFERENCES scan (id),
    evaluated_at       timestamptz   NOT NULL,
    profile            varchar(16)   NOT NULL,
    score              integer       NOT NULL,
    passed             integer       NOT NULL,
    failed             integer       NOT NULL,
    unknown            integer       NOT NULL,
    not_applicable     integer       NOT NULL,
    failed_critical    integer       NOT NULL,
    failed_high        integer       NOT NULL,
    failed_medium      integer       NOT NULL,
    failed_low         integer       NOT NULL,
    results            text          NOT NULL
);
CREATE INDEX workspace_posture_subscription_idx ON workspace_posture (subscription_id);
