-- Pre-entry (事前入力, org.madoguchi.preentry); see docs/preentry.md.
-- The entries are stored only sealed (AES-256-GCM, key from configuration, key id per row for rotation).
-- Tokens are stored as SHA-256 hashes: the database alone cannot be turned into working QR codes.

-- Also here, not only in spring.flyway.schemas: Flyway creates listed schemas only on a fresh database.
CREATE SCHEMA IF NOT EXISTS preentry;

CREATE TABLE preentry.entry (
    id               uuid        PRIMARY KEY,
    -- The resident's draft cookie (opaque random token), hashed.
    draft_token_hash text        NOT NULL UNIQUE,
    -- Set when the resident finishes: the QR token (MDGP:…) and the typed short code (P…), hashed.
    qr_token_hash    text        UNIQUE,
    short_code_hash  text        UNIQUE,
    key_id           text        NOT NULL,
    nonce            bytea       NOT NULL,
    sealed           bytea       NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    expires_at       timestamptz NOT NULL,
    scans            integer     NOT NULL DEFAULT 0
);

CREATE INDEX entry_expires_idx ON preentry.entry (expires_at);

-- Who looked at, corrected, printed or deleted an entry, and when. Never the entries themselves; no foreign
-- key, so the trail outlives the entry.
CREATE TABLE preentry.access_log (
    id         bigserial   PRIMARY KEY,
    entry_id   uuid        NOT NULL,
    action     text        NOT NULL CHECK (action IN ('view', 'correct', 'print', 'delete', 'scan',
                                                     'resident-delete', 'expired')),
    staff_id   bigint,
    device_id  bigint,
    at         timestamptz NOT NULL
);

CREATE INDEX access_log_entry_idx ON preentry.access_log (entry_id);
CREATE INDEX access_log_at_idx ON preentry.access_log (at);

-- The audit's table 11 per day: アクセス数 (started), 二次元コード生成数 (completed), 二次元コード受付数 (scanned), printed.
CREATE TABLE preentry.daily_count (
    day     date    NOT NULL,
    measure text    NOT NULL CHECK (measure IN ('started', 'completed', 'scanned', 'printed')),
    count   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, measure)
);
