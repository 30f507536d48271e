-- One small insert per transaction: the cost of a durable commit, with group commit.
BEGIN;
INSERT INTO bench_log (n) VALUES (1);
END;
