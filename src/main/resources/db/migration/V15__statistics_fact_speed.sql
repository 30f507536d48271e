-- Issue 5: a faster legacy import (and history load) into statistics.visit_fact.
--
-- 1. Two of visit_fact's three secondary indexes go. Every query on visit_fact filters a service_date range and
--    optionally office, department or counter; (service_date, department_id) serves all of them: a department
--    belongs to one office, so (date, department) already narrows an office's rows, and the department is an
--    index condition on the date range (EXPLAIN: a year of one department reads 804 index pages at most, a day of
--    an office reads that day's entries). (department_id, service_date) duplicated it in the other order, and
--    (office_id, service_date) was a date index while there is one office. Measured on 200,000 imported rows
--    into the 3.87M-row history: about 0.6 s less per index maintained.
-- 2. The INSERT trigger aggregates the statement's own rows (the transition table) when every day and department
--    it touched had no visits before (no rollup_day row: the rollups hold a row for every non-empty group), which
--    is the case for an import or a generated year into empty days. It no longer reads those rows back from
--    visit_fact through an index join. Any other insert recomputes whole groups from visit_fact as before.

DROP INDEX statistics.visit_fact_department_date;
DROP INDEX statistics.visit_fact_office_date;

-- The aggregation of refresh_rollups (V14), unchanged, on whatever rows are in the temporary table rollup_rows:
-- the caller has emptied the groups' rollup rows (or they were empty).
CREATE FUNCTION statistics.rollup_aggregate(zone text) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    -- Without statistics on the fresh temporary table the planner guessed a few rows and joined every visit to
    -- the histograms in a nested loop (seconds per 100,000 visits); aggregate first, then join group to group.
    ANALYZE rollup_rows;
    INSERT INTO statistics.rollup_day
    SELECT a.*, coalesce(h.secs, '{}'), coalesce(h.counts, '{}')
    FROM (
        SELECT office_id, department_id, service_date, least(seq, 3) AS step, count(*), count(*) FILTER (WHERE seq = 1),
               count(*) FILTER (WHERE seq > 1), count(first_called_at), count(*) FILTER (WHERE ever_absent),
               count(wait_seconds), coalesce(sum(wait_seconds), 0), min(wait_seconds), max(wait_seconds),
               count(service_seconds), coalesce(sum(service_seconds), 0), min(service_seconds), max(service_seconds),
               count(since_issue_seconds) FILTER (WHERE seq > 1),
               coalesce(sum(since_issue_seconds) FILTER (WHERE seq > 1), 0)
        FROM rollup_rows GROUP BY 1, 2, 3, 4) a
    LEFT JOIN (
        SELECT office_id, department_id, service_date, step, array_agg(b ORDER BY b) AS secs, array_agg(n ORDER BY b) AS counts
        FROM (SELECT office_id, department_id, service_date, least(seq, 3) AS step, floor(wait_seconds)::int AS b,
                     count(*)::int AS n
              FROM rollup_rows WHERE wait_seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5) b
        GROUP BY 1, 2, 3, 4) h
      ON h.office_id = a.office_id AND h.department_id = a.department_id AND h.service_date = a.service_date
     AND h.step = a.step;

    INSERT INTO statistics.rollup_hour
    SELECT office_id, department_id, coalesce(counter_id, ''), service_date,
           extract(hour FROM (coalesce(arrived_at, issued_at) AT TIME ZONE zone))::int,
           count(*), count(first_called_at), count(*) FILTER (WHERE outcome = 'COMPLETED'),
           count(wait_seconds), coalesce(sum(wait_seconds), 0), count(service_seconds), coalesce(sum(service_seconds), 0)
    FROM rollup_rows
    GROUP BY 1, 2, 3, 4, 5;

    INSERT INTO statistics.rollup_procedure
    SELECT office_id, department_id, service_date, p.procedure_id, count(*), count(wait_seconds),
           coalesce(sum(wait_seconds), 0), count(service_seconds), coalesce(sum(service_seconds), 0)
    FROM rollup_rows CROSS JOIN LATERAL unnest(CASE WHEN cardinality(procedure_ids) = 0 THEN ARRAY['']
                                                    ELSE procedure_ids END) AS p(procedure_id)
    GROUP BY 1, 2, 3, 4;
END $$;

CREATE OR REPLACE FUNCTION statistics.refresh_rollups(o text[], d text[], s date[]) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    zone text := (SELECT time_zone FROM statistics.rollup_config WHERE id = 1);
    lo date := (SELECT min(x) FROM unnest(s) x);
    hi date := (SELECT max(x) FROM unnest(s) x);
BEGIN
    IF lo IS NULL THEN
        RETURN;
    END IF;
    -- One refresher at a time, until its transaction ends. Without this, two writers refreshing the same group
    -- (the live ingestion and an import, say) both delete the old rows, and the later one's insert meets the
    -- earlier one's rows, invisible to its delete: a unique violation. Waiting here, the later writer's next
    -- statements see the earlier one's committed rows and recompute from everything. A single lock, not one per
    -- group: a writer refreshing in several statements cannot deadlock with another.
    PERFORM pg_advisory_xact_lock(20231, 14);
    CREATE TEMP TABLE IF NOT EXISTS rollup_keys (office_id text, department_id text, service_date date) ON COMMIT DROP;
    TRUNCATE rollup_keys;
    INSERT INTO rollup_keys SELECT DISTINCT * FROM unnest(o, d, s);
    ANALYZE rollup_keys;

    DELETE FROM statistics.rollup_day r USING rollup_keys k
    WHERE r.office_id = k.office_id AND r.department_id = k.department_id AND r.service_date = k.service_date;
    DELETE FROM statistics.rollup_hour r USING rollup_keys k
    WHERE r.office_id = k.office_id AND r.department_id = k.department_id AND r.service_date = k.service_date;
    DELETE FROM statistics.rollup_procedure r USING rollup_keys k
    WHERE r.office_id = k.office_id AND r.department_id = k.department_id AND r.service_date = k.service_date;

    CREATE TEMP TABLE IF NOT EXISTS rollup_rows ON COMMIT DROP AS
        SELECT office_id, department_id, counter_id, service_date, seq, first_called_at, ever_absent, outcome,
               wait_seconds, service_seconds, since_issue_seconds, issued_at, arrived_at, procedure_ids
        FROM statistics.visit_fact WITH NO DATA;
    TRUNCATE rollup_rows;
    INSERT INTO rollup_rows
        SELECT f.office_id, f.department_id, f.counter_id, f.service_date, f.seq, f.first_called_at, f.ever_absent,
               f.outcome, f.wait_seconds, f.service_seconds, f.since_issue_seconds, f.issued_at, f.arrived_at,
               f.procedure_ids
        FROM statistics.visit_fact f JOIN rollup_keys k
          ON f.office_id = k.office_id AND f.department_id = k.department_id AND f.service_date = k.service_date
        WHERE f.service_date BETWEEN lo AND hi;

    PERFORM statistics.rollup_aggregate(zone);
    TRUNCATE rollup_rows;
END $$;

CREATE OR REPLACE FUNCTION statistics.visit_fact_rollup_new() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text := (SELECT time_zone FROM statistics.rollup_config WHERE id = 1);
    o text[];
    d text[];
    s date[];
    seen boolean;
BEGIN
    -- The same lock as refresh_rollups, taken before deciding that a group is new: a concurrent writer's rows in
    -- the same group are then either committed (and their rollup row seen here) or wait behind this transaction.
    PERFORM pg_advisory_xact_lock(20231, 14);
    SELECT array_agg(k.office_id), array_agg(k.department_id), array_agg(k.service_date),
           bool_or(EXISTS (SELECT 1 FROM statistics.rollup_day r WHERE r.office_id = k.office_id
                           AND r.department_id = k.department_id AND r.service_date = k.service_date))
    INTO o, d, s, seen
    FROM (SELECT DISTINCT office_id, department_id, service_date FROM new_rows) k;
    IF o IS NULL THEN
        RETURN NULL;
    END IF;
    IF seen THEN
        PERFORM statistics.refresh_rollups(o, d, s);
        RETURN NULL;
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS rollup_rows ON COMMIT DROP AS
        SELECT office_id, department_id, counter_id, service_date, seq, first_called_at, ever_absent, outcome,
               wait_seconds, service_seconds, since_issue_seconds, issued_at, arrived_at, procedure_ids
        FROM statistics.visit_fact WITH NO DATA;
    TRUNCATE rollup_rows;
    INSERT INTO rollup_rows
        SELECT office_id, department_id, counter_id, service_date, seq, first_called_at, ever_absent, outcome,
               wait_seconds, service_seconds, since_issue_seconds, issued_at, arrived_at, procedure_ids
        FROM new_rows;
    PERFORM statistics.rollup_aggregate(zone);
    TRUNCATE rollup_rows;
    RETURN NULL;
END $$;
