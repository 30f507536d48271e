-- Rollups of statistics.visit_fact so that the audit's tables and the dashboard answer from a few thousand rows
-- instead of millions. They are kept by statement-level triggers on visit_fact: every writer (live ingestion,
-- legacy import, history generator, a hand-written INSERT) refreshes the days it touched, so no writer can
-- forget. A refresh recomputes whole (office, department, day) groups from visit_fact rather than adding
-- deltas, because minimum, maximum and the histogram cannot be subtracted when a row changes or goes away.

-- Hours of day are local time in this zone; StatisticsRollups rewrites it and rebuilds when the setting
-- madoguchi.statistics.time-zone differs.
CREATE TABLE statistics.rollup_config (
    id        int  PRIMARY KEY CHECK (id = 1),
    time_zone text NOT NULL
);
INSERT INTO statistics.rollup_config VALUES (1, 'Asia/Tokyo');

-- One row per office, department, service date and step of the itinerary (1, 2, 3 = third or later; 工程別).
CREATE TABLE statistics.rollup_day (
    office_id        text   NOT NULL,
    department_id    text   NOT NULL,
    service_date     date   NOT NULL,
    step             int    NOT NULL,
    visits           int    NOT NULL,
    first_steps      int    NOT NULL,   -- seq = 1: tickets issued here (図表3)
    handed_over      int    NOT NULL,
    called           int    NOT NULL,
    absent           int    NOT NULL,
    wait_n           int    NOT NULL,
    wait_sum         double precision NOT NULL,
    wait_min         double precision,
    wait_max         double precision,
    service_n        int    NOT NULL,
    service_sum      double precision NOT NULL,
    service_min      double precision,
    service_max      double precision,
    since_n          int    NOT NULL,   -- original issue → first call, handed-over visits only
    since_sum        double precision NOT NULL,
    -- Wait histogram in whole seconds, sparse: wait_hist_counts[i] waits were in [wait_hist_seconds[i], +1 s).
    wait_hist_seconds int[] NOT NULL,
    wait_hist_counts  int[] NOT NULL,
    PRIMARY KEY (office_id, department_id, service_date, step)
);
CREATE INDEX rollup_day_office_date ON statistics.rollup_day (office_id, service_date);

-- One row per office, department, counter ('' = never called), service date and local hour of arrival.
CREATE TABLE statistics.rollup_hour (
    office_id     text NOT NULL,
    department_id text NOT NULL,
    counter_id    text NOT NULL,
    service_date  date NOT NULL,
    hour          int  NOT NULL,
    visits        int  NOT NULL,
    called        int  NOT NULL,
    completed     int  NOT NULL,
    wait_n        int  NOT NULL,
    wait_sum      double precision NOT NULL,
    service_n     int  NOT NULL,
    service_sum   double precision NOT NULL,
    PRIMARY KEY (office_id, department_id, service_date, counter_id, hour)
);
CREATE INDEX rollup_hour_office_date ON statistics.rollup_hour (office_id, service_date);

-- One row per office, department, service date and procedure ('' = none recorded); a visit for two procedures
-- counts in both.
CREATE TABLE statistics.rollup_procedure (
    office_id     text NOT NULL,
    department_id text NOT NULL,
    service_date  date NOT NULL,
    procedure_id  text NOT NULL,
    visits        int  NOT NULL,
    wait_n        int  NOT NULL,
    wait_sum      double precision NOT NULL,
    service_n     int  NOT NULL,
    service_sum   double precision NOT NULL,
    PRIMARY KEY (office_id, department_id, service_date, procedure_id)
);
CREATE INDEX rollup_procedure_office_date ON statistics.rollup_procedure (office_id, service_date);

-- Recomputes the groups (o[i], d[i], s[i]) from visit_fact.
-- Custom plans always: PL/pgSQL caches plans per session, and after a few small refreshes (the live ingestion's
-- one-day groups) a generic plan would be chosen that scans far more of visit_fact for a year-sized refresh.
CREATE FUNCTION statistics.refresh_rollups(o text[], d text[], s date[]) RETURNS void
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
    TRUNCATE rollup_rows;
END $$;

CREATE FUNCTION statistics.visit_fact_rollup_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM statistics.refresh_rollups(array_agg(office_id), array_agg(department_id), array_agg(service_date))
    FROM (SELECT DISTINCT office_id, department_id, service_date FROM new_rows) k;
    RETURN NULL;
END $$;

CREATE FUNCTION statistics.visit_fact_rollup_old() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM statistics.refresh_rollups(array_agg(office_id), array_agg(department_id), array_agg(service_date))
    FROM (SELECT DISTINCT office_id, department_id, service_date FROM old_rows) k;
    RETURN NULL;
END $$;

CREATE FUNCTION statistics.visit_fact_rollup_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- A row may move to another day or department: both the old and the new group change.
    PERFORM statistics.refresh_rollups(array_agg(office_id), array_agg(department_id), array_agg(service_date))
    FROM (SELECT office_id, department_id, service_date FROM old_rows
          UNION SELECT office_id, department_id, service_date FROM new_rows) k;
    RETURN NULL;
END $$;

CREATE FUNCTION statistics.visit_fact_rollup_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE statistics.rollup_day, statistics.rollup_hour, statistics.rollup_procedure;
    RETURN NULL;
END $$;

-- PostgreSQL allows transition tables only on single-event triggers, hence one trigger per event.
CREATE TRIGGER visit_fact_rollup_insert AFTER INSERT ON statistics.visit_fact
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics.visit_fact_rollup_new();
CREATE TRIGGER visit_fact_rollup_update AFTER UPDATE ON statistics.visit_fact
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics.visit_fact_rollup_changed();
CREATE TRIGGER visit_fact_rollup_delete AFTER DELETE ON statistics.visit_fact
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics.visit_fact_rollup_old();
CREATE TRIGGER visit_fact_rollup_truncate AFTER TRUNCATE ON statistics.visit_fact
    FOR EACH STATEMENT EXECUTE FUNCTION statistics.visit_fact_rollup_truncate();

-- Rows already present.
SELECT statistics.refresh_rollups(array_agg(office_id), array_agg(department_id), array_agg(service_date))
FROM (SELECT DISTINCT office_id, department_id, service_date FROM statistics.visit_fact) k;

-- Monthly report per department (月次報告), generated on the first of each month for the previous month and on
-- demand for any month; the page and the CSV are stored as generated, so what a manager opened stays the same.
CREATE TABLE statistics.monthly_report (
    office_id     text        NOT NULL,
    department_id text        NOT NULL,
    month         date        NOT NULL CHECK (extract(day FROM month) = 1),
    generated_at  timestamptz NOT NULL,
    visits        int         NOT NULL,
    average_wait_seconds double precision,
    html          text        NOT NULL,
    csv           text        NOT NULL,
    PRIMARY KEY (office_id, department_id, month)
);
