-- Ticket-number shape plus NOTIFY.
BEGIN;
INSERT INTO bench_number VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = bench_number.n + 1 RETURNING n;
INSERT INTO bench_log (n) VALUES (1);
SELECT pg_notify('bench_events', '1');
END;
