-- E-mail call notification (org.madoguchi.liveinfo.mail); see docs/privacy-mail.md.
-- The address and the ticket's token are stored only sealed (AES-GCM, key from configuration). Everything
-- but the access log is deleted at the end of each service day.

-- Also here, not only in spring.flyway.schemas: Flyway creates listed schemas only on a fresh database.
CREATE SCHEMA IF NOT EXISTS liveinfo;

CREATE TABLE liveinfo.mail_subscription (
    id                uuid        PRIMARY KEY,
    -- Which ticket, without the token: office, day and number match the public events.
    office_id         text        NOT NULL,
    service_date      date        NOT NULL,
    ticket_number     integer     NOT NULL,
    -- SHA-256 of the ticket's token: counts the addresses per ticket; the token cannot be recovered from it.
    ticket_token_hash text        NOT NULL,
    -- SHA-256 of the unsubscribe token (the token itself is only in the mails and in secrets_sealed).
    unsubscribe_hash  text        NOT NULL UNIQUE,
    -- The configured key both sealed values were encrypted with.
    key_id            text        NOT NULL,
    -- AES-GCM(address), associated data = id.
    address_nonce     bytea       NOT NULL,
    address_sealed    bytea       NOT NULL,
    -- AES-GCM(ticket token and unsubscribe token), associated data = id: needed to follow the ticket and
    -- to write the links into the mails.
    secrets_nonce     bytea       NOT NULL,
    secrets_sealed    bytea       NOT NULL,
    notify_ahead5     boolean     NOT NULL,
    notify_ahead3     boolean     NOT NULL,
    notify_called     boolean     NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    -- The end of the ticket's service day in the office's time zone.
    expires_at        timestamptz NOT NULL,
    -- The ticket is over; the row goes as soon as nothing is left to send.
    finished_at       timestamptz,
    CHECK (notify_ahead5 OR notify_ahead3 OR notify_called)
);
CREATE INDEX mail_subscription_office ON liveinfo.mail_subscription (office_id) WHERE finished_at IS NULL;
CREATE INDEX mail_subscription_ticket ON liveinfo.mail_subscription (ticket_token_hash);
CREATE INDEX mail_subscription_expiry ON liveinfo.mail_subscription (expires_at);

-- Mails to send. One row per subscription, level and itinerary step: each notice is sent at most once,
-- however many nodes see the event. No address here; it is opened from the subscription when sending.
CREATE TABLE liveinfo.mail_outbox (
    id                 bigserial   PRIMARY KEY,
    subscription_id    uuid        NOT NULL REFERENCES liveinfo.mail_subscription (id) ON DELETE CASCADE,
    kind               text        NOT NULL CHECK (kind IN ('AHEAD_5', 'AHEAD_3', 'CALLED')),
    step_index         integer     NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    ticket_number      integer     NOT NULL,
    department_name_ja text        NOT NULL,
    place_ja           text,
    counter_label_ja   text,
    ahead              integer,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    -- The exception's type only: SMTP replies may quote the address.
    last_error         text,
    created_at         timestamptz NOT NULL,
    sent_at            timestamptz,
    UNIQUE (subscription_id, kind, step_index)
);
CREATE INDEX mail_outbox_due ON liveinfo.mail_outbox (next_attempt_at) WHERE status = 'PENDING';

-- Every storing, reading and deleting of a sealed address, without the address. Kept after the purge
-- (the subscription id leads nowhere once the row is gone).
CREATE TABLE liveinfo.mail_access_log (
    id              bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL,
    subscription_id uuid        NOT NULL,
    action          text        NOT NULL,
    actor           text        NOT NULL,
    outbox_id       bigint
);
CREATE INDEX mail_access_log_at ON liveinfo.mail_access_log (at);
CREATE INDEX mail_access_log_subscription ON liveinfo.mail_access_log (subscription_id);
