-- Indexes that no read uses any more, dropped because every index is one more entry to write on
-- each ledger write: the routine rescan's UPDATE of last_seen_at cannot be a heap-only (HOT) update
-- since V8 indexes last_seen_at for the list's order, so it inserts a new entry into every index of
-- finding, for every finding, on every scan (docs/benchmarks.md, findings persistence).

-- Served GET /api/v1/workspaces' open findings by severity; that now reads workspace_open_count (V9).
DROP INDEX finding_open_severity_idx;

-- (workspace_key) alone: V8's finding_workspace_key_finding_idx (workspace_key, finding_id) serves
-- every lookup by workspace and also covers the finding id.
DROP INDEX finding_workspace_key_idx;

-- Led by check_id, but every query filters on lower(check_id) (the API matches check ids
-- case-insensitively), which these indexes cannot serve. Lookups by subscription use V8's
-- finding_scope_sort_idx, which also leads with subscription_id.
DROP INDEX finding_check_idx;
DROP INDEX finding_scope_idx;
