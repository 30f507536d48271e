-- Account lifecycle: passwords chosen by someone else must be replaced, tokens and devices are revoked with a date.
ALTER TABLE platform.staff
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN password_changed_at  timestamptz;
ALTER TABLE platform.staff_token ADD COLUMN revoked_at timestamptz;
ALTER TABLE platform.device ADD COLUMN revoked_at timestamptz;

-- Until now no password could be changed, so the first administrator still has the generated one.
UPDATE platform.staff SET must_change_password = true WHERE login = 'admin' AND role = 'ADMIN';

-- Sessions written by earlier versions hold the staff member's password hash: end them all.
DELETE FROM platform.spring_session;
