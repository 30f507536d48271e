-- Statistics module (統計): one row per ended department visit, from the live event log now and later from
-- imported legacy logs and the history generator. Measures and the audit's tables are computed from here so
-- that statistics queries never hold transactions on the live reception tables.

CREATE SCHEMA IF NOT EXISTS statistics;

CREATE TABLE statistics.visit_fact (
    -- live: reception visit id; import: file and line; generated: the generator's own key.
    source            text        NOT NULL CHECK (source IN ('live', 'import', 'generated')),
    source_id         text        NOT NULL,
    office_id         text        NOT NULL,
    department_id     text        NOT NULL,
    counter_id        text,
    service_date      date        NOT NULL,
    ticket_number     int,
    -- Step in the ticket's itinerary; above 1 the visitor was handed over from another department.
    seq               int         NOT NULL CHECK (seq >= 1),
    issued_at         timestamptz NOT NULL,
    arrived_at        timestamptz,
    first_called_at   timestamptz,
    completed_at      timestamptz,
    ended_at          timestamptz NOT NULL,
    recall_count      int         NOT NULL DEFAULT 0,
    ever_absent       boolean     NOT NULL DEFAULT false,
    outcome           text        NOT NULL CHECK (outcome IN ('COMPLETED', 'DROPPED', 'CANCELLED', 'UNSERVED')),
    procedure_ids     text[]      NOT NULL DEFAULT '{}',
    -- Kept with the row so that aggregates over years need no per-row date arithmetic.
    wait_seconds      double precision GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (first_called_at - arrived_at))::double precision) STORED,
    service_seconds   double precision GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (completed_at - first_called_at))::double precision) STORED,
    since_issue_seconds double precision GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (first_called_at - issued_at))::double precision) STORED,
    ingested_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, source_id)
);

CREATE INDEX visit_fact_date_department ON statistics.visit_fact (service_date, department_id);
CREATE INDEX visit_fact_department_date ON statistics.visit_fact (department_id, service_date);
CREATE INDEX visit_fact_office_date ON statistics.visit_fact (office_id, service_date);

-- How far each source has been read: for 'live' the last reception event id whose visit is safely copied.
CREATE TABLE statistics.ingest_watermark (
    source         text        PRIMARY KEY,
    last_event_id  bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);

INSERT INTO statistics.ingest_watermark (source, last_event_id, updated_at) VALUES ('live', 0, now());
