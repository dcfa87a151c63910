-- The latest collected state of each ML workspace, one row per workspace (ARM id compared
-- lower-cased). Owned by the inventory module; written after every collection.
CREATE TABLE inventory_workspace (
    -- Opaque, stable id: the name-based UUID of the lower-cased ARM id.
    id              uuid          PRIMARY KEY,
    -- The ARM id as Azure last returned it, and its comparison key.
    arm_id          varchar(1024) NOT NULL,
    arm_key         varchar(1024) NOT NULL UNIQUE,
    subscription_id varchar(64)   NOT NULL,
    resource_group  varchar(100)  NOT NULL,
    name            varchar(260)  NOT NULL,
    kind            varchar(64),
    location        varchar(64),
    -- The scan whose collection last saw the workspace, and when that collection ran.
    last_scan_id    uuid,
    collected_at    timestamptz   NOT NULL,
    first_seen_at   timestamptz   NOT NULL,
    -- Missing from a complete listing of its subscription: kept, flagged.
    deleted         boolean       NOT NULL DEFAULT false,
    deleted_at      timestamptz,
    -- The workspace with its linked resources and read failures (no key material).
    document        jsonb         NOT NULL,
    CONSTRAINT inventory_workspace_deleted_chk CHECK (deleted = (deleted_at IS NOT NULL))
);

CREATE INDEX inventory_workspace_subscription_idx ON inventory_workspace (subscription_id, arm_key);
CREATE INDEX inventory_workspace_resource_group_idx ON inventory_workspace (subscription_id, resource_group);
CREATE INDEX inventory_workspace_name_idx ON inventory_workspace (lower(name));
