-- Issue 5: the legacy import computes the rollups of the rows it adds while it parses the file (on the
-- application's core, while PostgreSQL inserts) and tells this trigger to leave its COPY alone. The function is
-- V15's, restated with that one check first; every other writer is refreshed exactly as before.

CREATE OR REPLACE FUNCTION statistics.visit_fact_rollup_new() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text := (SELECT time_zone FROM statistics.rollup_config WHERE id = 1);
    o text[];
    d text[];
    s date[];
    seen boolean;
BEGIN
    -- A writer that computes the rollups of its own rows (the legacy import, ImportRollups) says so for its
    -- statements with SET LOCAL; everyone else is refreshed here as before.
    IF current_setting('madoguchi.rollups_by_writer', true) = 'on' THEN
        RETURN NULL;
    END IF;
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
