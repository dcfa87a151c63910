-- Key rotation. A policy targets one key (or follows a workspace's CMK); a plan is a stored dry run;
-- a rotation carries one new key version to every dependent and records each step as an append-only
-- event. key_id is always the lower-cased ARM id of the key: <vault ARM id>/keys/<name>.

CREATE TABLE rotation_policy (
    id                  uuid PRIMARY KEY,
    name                varchar(200)  NOT NULL,
    target_kind         varchar(16)   NOT NULL,
    workspace_id        varchar(1024),
    vault_id            varchar(1024) NOT NULL,
    vault_url           varchar(300)  NOT NULL,
    key_name            varchar(127)  NOT NULL,
    key_id              varchar(1200) NOT NULL,
    rotation_period     varchar(32)   NOT NULL,
    expiry_period       varchar(32),
    window_days         varchar(64),
    window_start_hour   integer,
    window_end_hour     integer,
    max_jitter          varchar(32)   NOT NULL,
    notify_before       varchar(200)  NOT NULL,
    approval_required   boolean       NOT NULL,
    native_rotation     boolean       NOT NULL,
    enabled             boolean       NOT NULL,
    -- When the current version was created (or last rotated by us): the period counts from here and is
    -- never recomputed on update of unrelated fields.
    anchor_at           timestamptz   NOT NULL,
    next_due_at         timestamptz,
    next_due_reason     varchar(500),
    deferred_until      timestamptz,
    created_by          varchar(200)  NOT NULL,
    created_at          timestamptz   NOT NULL,
    updated_at          timestamptz   NOT NULL,
    version             bigint        NOT NULL,
    CONSTRAINT rotation_policy_kind_chk CHECK (target_kind IN ('KEY', 'WORKSPACE')),
    CONSTRAINT rotation_policy_hours_chk CHECK (
        (window_start_hour IS NULL AND window_end_hour IS NULL)
        OR (window_start_hour BETWEEN 0 AND 23 AND window_end_hour BETWEEN 1 AND 24))
);
-- One policy per key: two schedules for one key would race each other.
CREATE UNIQUE INDEX rotation_policy_key_uq ON rotation_policy (key_id);
CREATE INDEX rotation_policy_due_idx ON rotation_policy (next_due_at) WHERE enabled;

CREATE TABLE rotation_plan (
    id               uuid PRIMARY KEY,
    policy_id        uuid REFERENCES rotation_policy (id) ON DELETE SET NULL,
    key_id           varchar(1200) NOT NULL,
    vault_id         varchar(1024) NOT NULL,
    vault_url        varchar(300)  NOT NULL,
    key_name         varchar(127)  NOT NULL,
    current_version  varchar(64),
    blocked          boolean       NOT NULL,
    plan_json        jsonb         NOT NULL,
    created_by       varchar(200)  NOT NULL,
    created_at       timestamptz   NOT NULL,
    expires_at       timestamptz   NOT NULL
);
CREATE INDEX rotation_plan_key_idx ON rotation_plan (key_id, created_at DESC);

CREATE TABLE rotation (
    id                  uuid PRIMARY KEY,
    plan_id             uuid REFERENCES rotation_plan (id),
    policy_id           uuid REFERENCES rotation_policy (id) ON DELETE SET NULL,
    key_id              varchar(1200) NOT NULL,
    vault_id            varchar(1024) NOT NULL,
    vault_url           varchar(300)  NOT NULL,
    key_name            varchar(127)  NOT NULL,
    trigger             varchar(16)   NOT NULL,
    status              varchar(16)   NOT NULL,
    step                varchar(24)   NOT NULL,
    from_version        varchar(64),
    to_version          varchar(64),
    to_kid              varchar(1200),
    requested_by        varchar(200)  NOT NULL,
    requested_by_name   varchar(300),
    approved_by         varchar(200),
    approved_at         timestamptz,
    approval_expires_at timestamptz,
    idempotency_key     varchar(200),
    request_hash        varchar(64),
    window_start        timestamptz,
    window_end          timestamptz,
    jitter_seconds      bigint,
    attempts            integer       NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz   NOT NULL,
    rotate_requested_at timestamptz,
    locked_by           varchar(200),
    locked_until        timestamptz,
    lock_token          uuid,
    error               varchar(2000),
    created_at          timestamptz   NOT NULL,
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz   NOT NULL,
    CONSTRAINT rotation_trigger_chk CHECK (trigger IN ('SCHEDULED', 'ON_DEMAND', 'NEAR_EXPIRY', 'OUT_OF_BAND')),
    CONSTRAINT rotation_status_chk CHECK (status IN ('PLANNED', 'APPROVED', 'RUNNING', 'PROPAGATING', 'VERIFIED',
        'DEFERRED', 'FAILED', 'ROLLED_BACK'))
);
-- Exactly one rotation in flight per key, whatever the number of replicas or callers.
CREATE UNIQUE INDEX rotation_in_flight_uq ON rotation (key_id)
    WHERE status IN ('PLANNED', 'APPROVED', 'RUNNING', 'PROPAGATING', 'DEFERRED');
CREATE UNIQUE INDEX rotation_idempotency_uq ON rotation (requested_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX rotation_work_idx ON rotation (next_attempt_at) WHERE status IN ('APPROVED', 'RUNNING', 'PROPAGATING', 'DEFERRED');
CREATE INDEX rotation_key_idx ON rotation (key_id, created_at DESC);
CREATE INDEX rotation_created_idx ON rotation (created_at DESC, id);

-- Per-dependent results of a rotation (current state; every change is also an event).
CREATE TABLE rotation_dependent (
    rotation_id   uuid          NOT NULL REFERENCES rotation (id),
    resource_id   varchar(1024) NOT NULL,
    resource_key  varchar(1024) NOT NULL,
    kind          varchar(24)   NOT NULL,
    action        varchar(16)   NOT NULL,
    state         varchar(16)   NOT NULL,
    before_kid    varchar(1200),
    after_kid     varchar(1200),
    verified_at   timestamptz,
    error         varchar(1000),
    updated_at    timestamptz   NOT NULL,
    PRIMARY KEY (rotation_id, resource_key),
    CONSTRAINT rotation_dependent_kind_chk CHECK (kind IN ('WORKSPACE', 'STORAGE_PINNED', 'STORAGE_AUTO')),
    CONSTRAINT rotation_dependent_action_chk CHECK (action IN ('UPDATE', 'VERIFY')),
    CONSTRAINT rotation_dependent_state_chk CHECK (state IN ('PENDING', 'VERIFIED', 'FAILED', 'ROLLED_BACK'))
);
CREATE INDEX rotation_dependent_resource_idx ON rotation_dependent (resource_key);

-- Append-only history of a rotation: every transition and step, with Azure request ids.
CREATE TABLE rotation_event (
    id                bigserial PRIMARY KEY,
    rotation_id       uuid          NOT NULL REFERENCES rotation (id),
    occurred_at       timestamptz   NOT NULL,
    type              varchar(40)   NOT NULL,
    from_status       varchar(16),
    to_status         varchar(16),
    resource_id       varchar(1024),
    detail            varchar(2000),
    azure_request_ids varchar(1000),
    actor             varchar(200)  NOT NULL
);
CREATE INDEX rotation_event_rotation_idx ON rotation_event (rotation_id, id);

-- Key versions we know about, to tell our own rotations from out-of-band ones.
CREATE TABLE rotation_key_version (
    key_id        varchar(1200) NOT NULL,
    version       varchar(64)   NOT NULL,
    source        varchar(16)   NOT NULL,
    created_at    timestamptz,
    first_seen_at timestamptz   NOT NULL,
    PRIMARY KEY (key_id, version),
    CONSTRAINT rotation_key_version_source_chk CHECK (source IN ('BASELINE', 'WARDEN', 'OUT_OF_BAND'))
);

-- Notices sent, so that each threshold fires exactly once per key version.
CREATE TABLE rotation_notice (
    key_id      varchar(1200) NOT NULL,
    version     varchar(64)   NOT NULL,
    notice      varchar(40)   NOT NULL,
    sent_at     timestamptz   NOT NULL,
    PRIMARY KEY (key_id, version, notice)
);
