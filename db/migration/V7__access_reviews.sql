-- Access reviews: review definitions (campaigns), their instances, one item per role assignment
-- in scope, and the append-only history of every decision, application and re-grant.

CREATE TABLE access_review_definition (
    id                     uuid PRIMARY KEY,
    name                   varchar(200)  NOT NULL,
    description            varchar(2000),
    -- {"subscriptionIds": [...], "resourceGroups": [...], "workspaceIds": [...]}
    scope                  jsonb         NOT NULL,
    reviewer_mode          varchar(32)   NOT NULL,
    -- Entra object ids of the named reviewers (empty for WORKSPACE_OWNERS)
    reviewer_ids           jsonb         NOT NULL,
    -- ISO-8601 period between instances (e.g. P90D); NULL: on demand only
    recurrence             varchar(32),
    duration               varchar(32)   NOT NULL,
    default_decision       varchar(32)   NOT NULL,
    auto_apply             boolean       NOT NULL,
    justification_required boolean       NOT NULL,
    max_removal_share      numeric(5, 4) NOT NULL,
    next_run_at            timestamptz,
    created_at             timestamptz   NOT NULL,
    created_by             varchar(200)  NOT NULL,
    CONSTRAINT access_review_definition_reviewer_mode_chk CHECK (reviewer_mode IN ('NAMED', 'WORKSPACE_OWNERS')),
    CONSTRAINT access_review_definition_default_chk
        CHECK (default_decision IN ('NONE', 'APPROVE', 'DENY', 'RECOMMENDATION')),
    CONSTRAINT access_review_definition_share_chk CHECK (max_removal_share >= 0 AND max_removal_share <= 1)
);
CREATE INDEX access_review_definition_due_idx ON access_review_definition (next_run_at)
    WHERE next_run_at IS NOT NULL;

CREATE TABLE access_review (
    id                uuid PRIMARY KEY,
    definition_id     uuid          NOT NULL REFERENCES access_review_definition (id),
    status            varchar(16)   NOT NULL,
    opened_at         timestamptz   NOT NULL,
    opened_by         varchar(200)  NOT NULL,
    due_at            timestamptz   NOT NULL,
    warned_at         timestamptz,
    closed_at         timestamptz,
    closed_by         varchar(200),
    applied_at        timestamptz,
    -- an apply run holds the instance until this time; a crashed replica's run expires
    apply_lease_until timestamptz,
    -- removals counted against the cap by the current (or last) apply run
    run_removals      integer       NOT NULL DEFAULT 0,
    item_count        integer       NOT NULL,
    partial           boolean       NOT NULL,
    coverage_note     varchar(2000),
    CONSTRAINT access_review_status_chk CHECK (status IN ('OPEN', 'CLOSED', 'APPLYING', 'APPLIED'))
);
CREATE INDEX access_review_definition_idx ON access_review (definition_id, opened_at DESC);
CREATE INDEX access_review_open_idx ON access_review (due_at) WHERE status = 'OPEN';

CREATE TABLE review_item (
    id                     uuid PRIMARY KEY,
    review_id              uuid          NOT NULL REFERENCES access_review (id),
    assignment_id          varchar(1024) NOT NULL,
    assignment_key         varchar(1024) NOT NULL,
    scope                  varchar(1024) NOT NULL,
    -- the subscription ARM calls about this assignment are routed through
    subscription_id        varchar(64)   NOT NULL,
    role_definition_id     varchar(1024) NOT NULL,
    role_name              varchar(300),
    principal_id           varchar(64)   NOT NULL,
    principal_type         varchar(32),
    principal_name         varchar(300),
    principal_state        varchar(16)   NOT NULL,
    break_glass            boolean       NOT NULL,
    -- the assignment and its role definition exactly as reviewed: compared before removal and
    -- used to re-grant
    assignment_snapshot    jsonb         NOT NULL,
    role_snapshot          jsonb,
    signals                jsonb         NOT NULL,
    recommendation         varchar(16)   NOT NULL,
    reason                 varchar(2000) NOT NULL,
    workspace_ids          jsonb         NOT NULL,
    -- who may decide: Entra object ids; empty means any Warden reviewer
    reviewer_ids           jsonb         NOT NULL,
    decision               varchar(16),
    justification          varchar(2000),
    decided_by             varchar(200),
    decided_at             timestamptz,
    apply_result           varchar(32),
    apply_detail           varchar(2000),
    applied_by             varchar(200),
    applied_at             timestamptz,
    regranted_at           timestamptz,
    regranted_by           varchar(200),
    CONSTRAINT review_item_decision_chk CHECK (decision IN ('APPROVE', 'DENY', 'DONT_KNOW')),
    CONSTRAINT review_item_recommendation_chk CHECK (recommendation IN ('KEEP', 'REMOVE', 'REDUCE_SCOPE')),
    CONSTRAINT review_item_apply_chk CHECK (apply_result IN ('APPLIED_SUCCESSFULLY', 'APPLIED_BUT_OBJECT_NOT_FOUND',
                                                             'NOT_APPLIED', 'FAILED')),
    CONSTRAINT review_item_unique UNIQUE (review_id, assignment_key)
);
CREATE INDEX review_item_review_idx ON review_item (review_id, id);
CREATE INDEX review_item_pending_idx ON review_item (review_id) WHERE decision = 'DENY' AND apply_result IS NULL;

-- Append-only: every decision, apply outcome (with the assignment before and after) and re-grant.
CREATE TABLE review_item_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id     uuid          NOT NULL REFERENCES review_item (id),
    occurred_at timestamptz   NOT NULL,
    kind        varchar(16)   NOT NULL,
    actor       varchar(200)  NOT NULL,
    outcome     varchar(32)   NOT NULL,
    detail      varchar(2000),
    before      jsonb,
    after       jsonb,
    CONSTRAINT review_item_event_kind_chk CHECK (kind IN ('DECISION', 'TIMEOUT', 'APPLY', 'REGRANT'))
);
CREATE INDEX review_item_event_item_idx ON review_item_event (item_id, id);

CREATE TRIGGER review_item_event_no_change
    BEFORE UPDATE OR DELETE ON review_item_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
