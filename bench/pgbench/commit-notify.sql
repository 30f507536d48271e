-- The same transaction plus a NOTIFY, as every madoguchi operation sends (EventLog -> pg_notify).
-- PostgreSQL takes a cluster-wide lock for NOTIFY at commit and keeps it until the commit record is
-- flushed, so notifying transactions commit one after the other: no group commit.
BEGIN;
INSERT INTO bench_log (n) VALUES (1);
SELECT pg_notify('bench_events', '1');
END;
