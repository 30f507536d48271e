-- Reception module (受付案内システム): floor configuration, tickets, visits and the event log.

CREATE TABLE reception.office (
    id            text PRIMARY KEY,
    name_ja       text NOT NULL,
    name_en       text NOT NULL,
    time_zone     text NOT NULL DEFAULT 'Asia/Tokyo',
    opens_at      time NOT NULL,
    closes_at     time NOT NULL,
    -- What close-of-day does with visits still open: every such visit is recorded as UNSERVED either way;
    -- the policy only says whether the day closes automatically at closes_at.
    auto_close    boolean NOT NULL DEFAULT true
);

CREATE TABLE reception.department (
    id          text PRIMARY KEY,
    office_id   text    NOT NULL REFERENCES reception.office (id),
    name_ja     text    NOT NULL,
    name_en     text    NOT NULL,
    floor       text    NOT NULL,
    area        text    NOT NULL,
    -- Linked (窓口連携) departments can be booked together on one ticket at the first counter.
    linked      boolean NOT NULL,
    sort_order  int     NOT NULL
);

CREATE TABLE reception.section (
    id             text PRIMARY KEY,
    department_id  text NOT NULL REFERENCES reception.department (id),
    name_ja        text NOT NULL
);

CREATE TABLE reception.counter_group (
    id         text PRIMARY KEY,
    office_id  text    NOT NULL REFERENCES reception.office (id),
    name_ja    text    NOT NULL,
    name_en    text    NOT NULL,
    -- 担当者入れ換え型: the visitor stays seated and staff of each department come to them.
    staff_rotate boolean NOT NULL DEFAULT false
);

CREATE TABLE reception.counter (
    id                text PRIMARY KEY,
    office_id         text NOT NULL REFERENCES reception.office (id),
    counter_group_id  text REFERENCES reception.counter_group (id),
    label_ja          text NOT NULL,
    label_en          text NOT NULL,
    -- Who is signed in at the counter now; NULL means the counter is closed.
    open_staff_id     bigint,
    opened_at         timestamptz
);

CREATE TABLE reception.counter_department (
    counter_id     text NOT NULL REFERENCES reception.counter (id),
    department_id  text NOT NULL REFERENCES reception.department (id),
    PRIMARY KEY (counter_id, department_id)
);

CREATE TABLE reception.procedure (
    id               text PRIMARY KEY,
    department_id    text NOT NULL REFERENCES reception.department (id),
    section_id       text REFERENCES reception.section (id),
    name_ja          text NOT NULL,
    name_en          text NOT NULL,
    typical_minutes  int  NOT NULL CHECK (typical_minutes > 0)
);

CREATE TABLE reception.priority_class (
    id       text PRIMARY KEY,
    -- Lower rank is served first; ordinary visitors have the highest rank number.
    rank     int  NOT NULL,
    name_ja  text NOT NULL,
    name_en  text NOT NULL
);

-- One row per office and service day; incremented in the issuing transaction so numbers are gap-free.
CREATE TABLE reception.ticket_number (
    office_id     text NOT NULL REFERENCES reception.office (id),
    service_date  date NOT NULL,
    last_number   int  NOT NULL,
    PRIMARY KEY (office_id, service_date)
);

CREATE TABLE reception.ticket (
    id               uuid        PRIMARY KEY,
    office_id        text        NOT NULL REFERENCES reception.office (id),
    service_date     date        NOT NULL,
    number           int         NOT NULL,
    issued_at        timestamptz NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('KIOSK', 'COUNTER', 'MODULE')),
    priority_class   text        NOT NULL REFERENCES reception.priority_class (id),
    priority_rank    int         NOT NULL,
    public_token     text        NOT NULL UNIQUE,
    status           text        NOT NULL CHECK (status IN ('OPEN', 'FINISHED', 'CANCELLED', 'CLOSED_UNSERVED')),
    idempotency_key  text,
    request_hash     text,
    UNIQUE (office_id, service_date, number),
    UNIQUE (office_id, idempotency_key)
);

CREATE TABLE reception.visit (
    id              bigserial   PRIMARY KEY,
    ticket_id       uuid        NOT NULL REFERENCES reception.ticket (id),
    seq             int         NOT NULL,
    department_id   text        NOT NULL REFERENCES reception.department (id),
    status          text        NOT NULL CHECK (status IN ('PENDING', 'WAITING', 'CALLED', 'SERVING', 'COMPLETED',
                                                          'ABSENT', 'CANCELLED', 'DROPPED', 'UNSERVED')),
    -- Copied from the ticket: the queue order at every department is (priority_rank, original_issued_at).
    priority_rank       int         NOT NULL,
    original_issued_at  timestamptz NOT NULL,
    ticket_number       int         NOT NULL,
    queued_at       timestamptz,
    called_at       timestamptz,
    recall_count    int         NOT NULL DEFAULT 0,
    started_at      timestamptz,
    completed_at    timestamptz,
    absent_at       timestamptz,
    ended_at        timestamptz,
    counter_id      text        REFERENCES reception.counter (id),
    -- Set when the visitor stays seated at a shared counter and the next department comes to them.
    seated_counter_id text      REFERENCES reception.counter (id),
    UNIQUE (ticket_id, seq)
);

CREATE INDEX visit_queue ON reception.visit (department_id, priority_rank, original_issued_at, ticket_number)
    WHERE status = 'WAITING';
CREATE INDEX visit_ticket ON reception.visit (ticket_id);
CREATE INDEX visit_seated ON reception.visit (seated_counter_id) WHERE status = 'WAITING' AND seated_counter_id IS NOT NULL;
CREATE INDEX ticket_day ON reception.ticket (office_id, service_date) WHERE status = 'OPEN';
CREATE INDEX visit_absent ON reception.visit (absent_at) WHERE status = 'ABSENT';
CREATE INDEX visit_open ON reception.visit (department_id, status)
    WHERE status IN ('WAITING', 'CALLED', 'SERVING', 'ABSENT');

CREATE TABLE reception.visit_procedure (
    visit_id      bigint NOT NULL REFERENCES reception.visit (id),
    procedure_id  text   NOT NULL REFERENCES reception.procedure (id),
    PRIMARY KEY (visit_id, procedure_id)
);

-- The event log: every transition, the source of the statistics and of the audit trail.
CREATE TABLE reception.event (
    id             bigserial   PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    type           text        NOT NULL,
    office_id      text        NOT NULL,
    ticket_id      uuid,
    ticket_number  int,
    visit_id       bigint,
    department_id  text,
    counter_id     text,
    staff_id       bigint,
    device_id      bigint,
    from_status    text,
    to_status      text,
    detail         jsonb
);

CREATE INDEX event_office ON reception.event (office_id, id);
CREATE INDEX event_ticket ON reception.event (ticket_id);
CREATE INDEX event_time ON reception.event (occurred_at);

-- What close-of-day did, kept so that nothing is closed silently.
CREATE TABLE reception.day_closing (
    office_id      text        NOT NULL REFERENCES reception.office (id),
    service_date   date        NOT NULL,
    closed_at      timestamptz NOT NULL,
    closed_by      text        NOT NULL,
    unserved_visits int        NOT NULL,
    unserved_tickets int       NOT NULL,
    PRIMARY KEY (office_id, service_date)
);
