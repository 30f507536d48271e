-- A visit's procedure list never holds an empty element: every writer (ingestion, import, generator) gives ids.
-- Saying so lets a bad row fail with a clear constraint name rather than deep inside the rollup trigger.
ALTER TABLE statistics.visit_fact
    ADD CONSTRAINT visit_fact_procedure_ids_without_null CHECK (array_position(procedure_ids, NULL) IS NULL);
