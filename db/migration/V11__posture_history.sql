-- Posture history: one row per (workspace, scan) with the score and the results by status and by
-- severity of failure, and one roll-up per scan for the tenant and for each subscription the scan
-- covered. workspace_posture keeps only the latest state; these rows keep how it got there.
-- Rows are never updated; the retention job deletes those older than warden.posture.history-retention.
CREATE TABLE posture_history (
    scan_id          uuid          NOT NULL REFERENCES scan (id),
    workspace_uuid   uuid          NOT NULL,
    workspace_key    varchar(1024) NOT NULL,
    subscription_id  varchar(64)   NOT NULL,
    scanned_at       timestamptz   NOT NULL,
    -- the scan could not read everything: the point may understate failures
    partial          boolean       NOT NULL,
    score            integer       NOT NULL,
    passed           integer       NOT NULL,
    failed           integer       NOT NULL,
    unknown          integer       NOT NULL,
    not_applicable   integer       NOT NULL,
    failed_critical  integer       NOT NULL,
    failed_high      integer       NOT NULL,
    failed_medium    integer       NOT NULL,
    failed_low       integer       NOT NULL,
    PRIMARY KEY (workspace_uuid, scanned_at, scan_id)
);
CREATE INDEX posture_history_scanned_idx ON posture_history (scanned_at);

-- The state of the tenant (subscription_id NULL) and of each subscription a scan covered, as of
-- that scan: every workspace's latest posture once the scan's results were stored.
CREATE TABLE posture_rollup (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scan_id          uuid          NOT NULL REFERENCES scan (id),
    subscription_id  varchar(64),
    scanned_at       timestamptz   NOT NULL,
    partial          boolean       NOT NULL,
    workspaces       integer       NOT NULL,
    score            integer       NOT NULL,
    failed_critical  integer       NOT NULL,
    failed_high      integer       NOT NULL,
    failed_medium    integer       NOT NULL,
    failed_low       integer       NOT NULL
);
CREATE UNIQUE INDEX posture_rollup_scan_uq ON posture_rollup (scan_id, coalesce(subscription_id, ''));
CREATE INDEX posture_rollup_series_idx ON posture_rollup (coalesce(subscription_id, ''), scanned_at);

CREATE FUNCTION refuse_update() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% rows are never updated', TG_TABLE_NAME;
END
$$;

CREATE TRIGGER posture_history_no_update BEFORE UPDATE ON posture_history
    FOR EACH ROW EXECUTE FUNCTION refuse_update();
CREATE TRIGGER posture_rollup_no_update BEFORE UPDATE ON posture_rollup
    FOR EACH ROW EXECUTE FUNCTION refuse_update();

-- The findings trend counts state changes by time.
CREATE INDEX finding_event_occurred_idx ON finding_event (occurred_at, to_state, from_state);

-- Scan list filters.
CREATE INDEX scan_subscriptions_idx ON scan USING gin (subscription_ids);
