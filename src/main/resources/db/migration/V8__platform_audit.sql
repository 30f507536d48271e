-- Administrative actions (accounts, devices, API tokens): who did what to which account, and when.
-- Secrets and passwords are never written here.
CREATE TABLE platform.audit_log (
    id           bigserial   PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor_staff_id bigint,
    action       text        NOT NULL,
    target       text        NOT NULL
);
CREATE INDEX audit_log_time ON platform.audit_log (occurred_at);
