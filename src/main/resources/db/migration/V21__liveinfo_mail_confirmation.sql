-- E-mail call notification: proof that the address belongs to the visitor (security review finding 7).
-- A registration sends one mail with a 6-digit code; no call notice goes to the address until the visitor
-- types that code on the ticket's mail page. See docs/privacy-mail.md.

-- NULL until confirmed. Rows registered before this migration (at most the current day's) were never
-- confirmed and stay silent; their visitors can register again.
ALTER TABLE liveinfo.mail_subscription ADD COLUMN confirmed_at timestamptz;
-- Keyed hash (platform CodeHasher, key outside the database) of the code, with the subscription id: a million
-- codes are reversed from a plain hash at once. Cleared once confirmed.
ALTER TABLE liveinfo.mail_subscription ADD COLUMN confirm_code_hash text;
ALTER TABLE liveinfo.mail_subscription ADD COLUMN confirm_expires_at timestamptz;
ALTER TABLE liveinfo.mail_subscription ADD COLUMN confirm_attempts integer NOT NULL DEFAULT 0;

-- One row per confirmation mail, to limit how many one address receives across all tickets. The address is
-- only a keyed hash of its normalised form (never the address); rows go after a day.
CREATE TABLE liveinfo.mail_confirmation_sent (
    address_hash text        NOT NULL,
    sent_at      timestamptz NOT NULL
);
CREATE INDEX mail_confirmation_sent_address ON liveinfo.mail_confirmation_sent (address_hash, sent_at);
CREATE INDEX mail_confirmation_sent_at ON liveinfo.mail_confirmation_sent (sent_at);
