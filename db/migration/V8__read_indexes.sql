-- Indexes for the read API under load (docs/load.md).

-- GET /api/v1/findings filtered by subscription, state and severity: the count of totalItems is an
-- index-only scan and the page (sorted by last_seen_at DESC, id once the severity is fixed) an
-- ordered index scan that stops after OFFSET + LIMIT rows.
CREATE INDEX finding_scope_sort_idx ON finding (subscription_id, state, severity, last_seen_at DESC, id);

-- The default SEVERITY sort of the unfiltered list: the same expression as FindingSort.SEVERITY, so
-- a page is read in index order instead of sorting every finding.
CREATE INDEX finding_severity_rank_idx ON finding ((CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1
    WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END), last_seen_at DESC, id);

-- GET /api/v1/workspaces counts the open findings of each workspace on the page by severity:
-- both sides of that join are read from indexes alone (no heap visit per linked finding).
CREATE INDEX finding_workspace_key_finding_idx ON finding_workspace (workspace_key, finding_id);
CREATE INDEX finding_open_severity_idx ON finding (id) INCLUDE (severity) WHERE state = 'OPEN';
