-- Counts of findings kept by the database (docs/load.md): the findings list's totalItems for the
-- filters state, severity and subscription (or none) and the workspaces page's open findings by
-- severity, without counting hundreds of thousands of rows on every request.
--
-- Both tables are journals of signed deltas: the triggers below only ever INSERT into them, so
-- concurrent writers never wait on one another's counter rows, and a transaction that changes many
-- findings one statement at a time never updates the same counter row over and over (every such
-- update would leave one more row version that the next one has to step over until commit). A count
-- is the sum of its key's rows. FindingRows.compactCounts folds each key's rows into one at the end
-- of every ledger recording; readers see the same sums before and after.

-- Writers wait until the counts are filled and the triggers exist, so no change falls between them.
LOCK TABLE finding, finding_workspace IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE finding_count (
    subscription_id varchar(64) NOT NULL,
    state           varchar(16) NOT NULL,
    severity        varchar(16) NOT NULL,
    n               bigint      NOT NULL
);
CREATE INDEX finding_count_key_idx ON finding_count (subscription_id, state, severity);

-- Open findings by severity per workspace (lower-cased ARM id, as finding_workspace.workspace_key).
CREATE TABLE workspace_open_count (
    workspace_key varchar(1024) NOT NULL,
    severity      varchar(16)   NOT NULL,
    n             bigint        NOT NULL
);
CREATE INDEX workspace_open_count_key_idx ON workspace_open_count (workspace_key, severity);

-- Inserted and deleted findings: one statement-level trigger per statement, set-based over the
-- transition table (the ledger inserts in multi-row statements).
CREATE FUNCTION finding_count_inserted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO finding_count (subscription_id, state, severity, n)
    SELECT subscription_id, state, severity, count(*) FROM inserted GROUP BY 1, 2, 3;
    RETURN NULL;
END
$$;

CREATE TRIGGER finding_count_insert
    AFTER INSERT ON finding REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION finding_count_inserted();

CREATE FUNCTION finding_count_deleted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO finding_count (subscription_id, state, severity, n)
    SELECT subscription_id, state, severity, -count(*) FROM deleted GROUP BY 1, 2, 3;
    RETURN NULL;
END
$$;

CREATE TRIGGER finding_count_delete
    AFTER DELETE ON finding REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION finding_count_deleted();

-- A deleted open finding leaves its workspaces' counts before ON DELETE CASCADE removes its links:
-- once the finding is gone the link trigger below can no longer see its severity. A row trigger,
-- because only a BEFORE trigger still sees the links; no service path deletes findings.
CREATE FUNCTION workspace_open_count_finding_deleted() RETURNS trigger
    LANGUAGE plpgsql SET enable_seqscan = off AS
$$
BEGIN
    INSERT INTO workspace_open_count (workspace_key, severity, n)
    SELECT w.workspace_key, OLD.severity, -1 FROM finding_workspace w WHERE w.finding_id = OLD.id;
    RETURN OLD;
END
$$;

CREATE TRIGGER workspace_open_count_finding_delete
    BEFORE DELETE ON finding
    FOR EACH ROW WHEN (OLD.state = 'OPEN') EXECUTE FUNCTION workspace_open_count_finding_deleted();

-- Updates: a row trigger restricted to the columns, and the rows, that move a count. The routine
-- rescan's UPDATE of last_seen_at touches every finding on every scan and must not pay for this: a
-- statement-level trigger with transition tables would copy every updated row, changed or not.
CREATE FUNCTION finding_count_updated() RETURNS trigger
    LANGUAGE plpgsql SET enable_seqscan = off AS
$$
BEGIN
    INSERT INTO finding_count (subscription_id, state, severity, n)
    VALUES (OLD.subscription_id, OLD.state, OLD.severity, -1),
           (NEW.subscription_id, NEW.state, NEW.severity, 1);
    IF OLD.state = 'OPEN' OR NEW.state = 'OPEN' THEN
        INSERT INTO workspace_open_count (workspace_key, severity, n)
        SELECT w.workspace_key, OLD.severity, -1 FROM finding_workspace w
        WHERE w.finding_id = OLD.id AND OLD.state = 'OPEN'
        UNION ALL
        SELECT w.workspace_key, NEW.severity, 1 FROM finding_workspace w
        WHERE w.finding_id = NEW.id AND NEW.state = 'OPEN';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER finding_count_update
    AFTER UPDATE OF state, severity, subscription_id ON finding
    FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.severity IS DISTINCT FROM NEW.severity
        OR OLD.subscription_id IS DISTINCT FROM NEW.subscription_id)
    EXECUTE FUNCTION finding_count_updated();

-- Links added, removed or changed: set-based over the transition tables, counting only links of
-- findings that are open (a link removed by the cascade of a finding's deletion no longer finds its
-- finding and counts nothing: the BEFORE DELETE trigger above did).
--
-- The finding of each link is read by its primary key, one probe per link: the subquery names
-- only the id (given state = 'OPEN' as well, the planner read all open findings through another
-- index for every link). Plans of trigger statements are kept for the session, so they must not
-- depend on luck with finding's statistics: a first scan inserts its findings and then their links
-- in one transaction, into a table whose statistics still say it is empty (FindingRows.write runs
-- ANALYZE after a large insert for that reason). Written as a join, such a plan hashed every open
-- finding for each 128-link statement, 0.1-0.8 s each.
CREATE FUNCTION workspace_open_count_linked() RETURNS trigger
    LANGUAGE plpgsql SET enable_seqscan = off AS
$$
BEGIN
    INSERT INTO workspace_open_count (workspace_key, severity, n)
    SELECT l.workspace_key, o.severity, count(*)
    FROM linked l
    CROSS JOIN LATERAL (SELECT CASE WHEN f.state = 'OPEN' THEN f.severity END FROM finding f
                        WHERE f.id = l.finding_id OFFSET 0) o (severity)
    WHERE o.severity IS NOT NULL GROUP BY 1, 2;
    RETURN NULL;
END
$$;

CREATE TRIGGER workspace_open_count_link
    AFTER INSERT ON finding_workspace REFERENCING NEW TABLE AS linked
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_open_count_linked();

CREATE FUNCTION workspace_open_count_unlinked() RETURNS trigger
    LANGUAGE plpgsql SET enable_seqscan = off AS
$$
BEGIN
    INSERT INTO workspace_open_count (workspace_key, severity, n)
    SELECT l.workspace_key, o.severity, -count(*)
    FROM unlinked l
    CROSS JOIN LATERAL (SELECT CASE WHEN f.state = 'OPEN' THEN f.severity END FROM finding f
                        WHERE f.id = l.finding_id OFFSET 0) o (severity)
    WHERE o.severity IS NOT NULL GROUP BY 1, 2;
    RETURN NULL;
END
$$;

CREATE TRIGGER workspace_open_count_unlink
    AFTER DELETE ON finding_workspace REFERENCING OLD TABLE AS unlinked
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_open_count_unlinked();

CREATE FUNCTION workspace_open_count_relinked() RETURNS trigger
    LANGUAGE plpgsql SET enable_seqscan = off AS
$$
BEGIN
    INSERT INTO workspace_open_count (workspace_key, severity, n)
    SELECT l.workspace_key, o.severity, -count(*)
    FROM unlinked l
    CROSS JOIN LATERAL (SELECT CASE WHEN f.state = 'OPEN' THEN f.severity END FROM finding f
                        WHERE f.id = l.finding_id OFFSET 0) o (severity)
    WHERE o.severity IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT l.workspace_key, o.severity, count(*)
    FROM linked l
    CROSS JOIN LATERAL (SELECT CASE WHEN f.state = 'OPEN' THEN f.severity END FROM finding f
                        WHERE f.id = l.finding_id OFFSET 0) o (severity)
    WHERE o.severity IS NOT NULL GROUP BY 1, 2;
    RETURN NULL;
END
$$;

CREATE TRIGGER workspace_open_count_relink
    AFTER UPDATE ON finding_workspace REFERENCING OLD TABLE AS unlinked NEW TABLE AS linked
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_open_count_relinked();

-- TRUNCATE fires no row or transition triggers: empty the counts with the tables.
CREATE FUNCTION finding_count_truncated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_TABLE_NAME = 'finding' THEN
        DELETE FROM finding_count;
    END IF;
    DELETE FROM workspace_open_count;
    RETURN NULL;
END
$$;

CREATE TRIGGER finding_count_truncate
    AFTER TRUNCATE ON finding
    FOR EACH STATEMENT EXECUTE FUNCTION finding_count_truncated();

CREATE TRIGGER workspace_open_count_truncate
    AFTER TRUNCATE ON finding_workspace
    FOR EACH STATEMENT EXECUTE FUNCTION finding_count_truncated();

-- The counts of the findings already recorded.
INSERT INTO finding_count (subscription_id, state, severity, n)
SELECT subscription_id, state, severity, count(*) FROM finding GROUP BY 1, 2, 3;

INSERT INTO workspace_open_count (workspace_key, severity, n)
SELECT w.workspace_key, f.severity, count(*) FROM finding_workspace w JOIN finding f ON f.id = w.finding_id
WHERE f.state = 'OPEN' GROUP BY 1, 2;
