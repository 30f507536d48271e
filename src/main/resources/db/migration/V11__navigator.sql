-- Procedure navigator (org.madoguchi.navigator). No personal data: a plan is departments and procedures only.
CREATE SCHEMA IF NOT EXISTS navigator;

-- Short codes for typing (N + 6 characters) and the plan they stand for. One code per plan, so the table grows
-- only with the number of distinct answer outcomes, not with visitors.
CREATE TABLE navigator.plan_code (
    code       text PRIMARY KEY CHECK (code ~ '^N[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$'),
    plan       text NOT NULL UNIQUE,
    flow_id    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Anonymous usage per flow and day (Asia/Tokyo): flows started, completed (outcome reached) and plans scanned
-- or typed at the kiosk or counter.
CREATE TABLE navigator.usage_daily (
    day       date NOT NULL,
    flow_id   text NOT NULL,
    started   bigint NOT NULL DEFAULT 0,
    completed bigint NOT NULL DEFAULT 0,
    scanned   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, flow_id)
);
