-- Pre-entry hardening (security review findings 4 and 10).
-- A finished entry is opened only by its QR or short code, no longer by the browser's draft cookie: the next
-- person at a shared computer must not see it. The draft token hash is cleared when the entry is finished.
ALTER TABLE preentry.entry ALTER COLUMN draft_token_hash DROP NOT NULL;
UPDATE preentry.entry SET draft_token_hash = NULL WHERE completed_at IS NOT NULL;

-- Short codes (P + 8, about 2^40) were plain SHA-256, reversed from a dump in hours. They are now keyed hashes
-- (platform CodeHasher), which SQL cannot compute: the old hashes go now, and the application stores the keyed
-- ones from the sealed entries at start-up (preentry ShortCodeRekeying).
UPDATE preentry.entry SET short_code_hash = NULL;
