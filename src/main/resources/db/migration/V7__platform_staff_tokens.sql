-- API tokens for staff tools and integrations: looked up by SHA-256 like device tokens, so a script does not
-- pay a password hash on every request and needs no browser session or CSRF token.
CREATE TABLE platform.staff_token (
    id          bigserial PRIMARY KEY,
    staff_id    bigint      NOT NULL REFERENCES platform.staff (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    token_hash  text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked     boolean     NOT NULL DEFAULT false
);
