-- The customer-managed keys of the last collection, one row per key and subscription of
-- the workspaces and storage accounts that use it, so that the keys page reads the stored
-- inventory instead of calling Azure. Owned by the inventory module; written after every
-- collection together with inventory_workspace.
CREATE TABLE inventory_key (
    -- The key's lower-cased ARM id (.../vaults/<vault>/keys/<name>).
    key_key         varchar(1200) NOT NULL,
    -- Subscription of the dependents listed in this row (lower-cased).
    subscription_id varchar(64)   NOT NULL,
    key_id          varchar(1200) NOT NULL,
    vault_id        varchar(1024) NOT NULL,
    name            varchar(127)  NOT NULL,
    current_version varchar(64),
    created_at      timestamptz,
    expires_at      timestamptz,
    -- ARM ids of the workspaces and storage accounts of this subscription using the key.
    dependents      jsonb         NOT NULL,
    collected_at    timestamptz   NOT NULL,
    PRIMARY KEY (key_key, subscription_id)
);

CREATE INDEX inventory_key_subscription_idx ON inventory_key (subscription_id, key_key);
