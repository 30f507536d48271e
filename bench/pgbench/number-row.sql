-- The shape of issuing a ticket number: every transaction increments the same row (locked until commit).
BEGIN;
INSERT INTO bench_number VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = bench_number.n + 1 RETURNING n;
INSERT INTO bench_log (n) VALUES (1);
END;
