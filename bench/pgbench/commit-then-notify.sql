-- The insert commits first; the NOTIFY follows in its own statement (autocommit). A transaction that
-- wrote nothing but the notification is committed without waiting for a WAL flush, so the cluster-wide
-- NOTIFY lock is held only briefly.
BEGIN;
INSERT INTO bench_log (n) VALUES (1);
END;
SELECT pg_notify('bench_events', '1');
