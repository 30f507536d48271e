-- Platform module: who may sign in (staff) and which devices may act without a person (kiosks, boards).

CREATE TABLE platform.staff (
    id            bigserial PRIMARY KEY,
    login         text        NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9._-]{3,64}$'),
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'STAFF')),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Department ids are owned by the reception module; no foreign key so that the two schemas stay apart.
CREATE TABLE platform.staff_department (
    staff_id      bigint NOT NULL REFERENCES platform.staff (id) ON DELETE CASCADE,
    department_id text   NOT NULL,
    PRIMARY KEY (staff_id, department_id)
);

CREATE TABLE platform.device (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('KIOSK', 'DISPLAY')),
    office_id   text        NOT NULL,
    -- Only the SHA-256 of the token is kept: a stolen database does not yield working tokens.
    token_hash  text        NOT NULL UNIQUE,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
