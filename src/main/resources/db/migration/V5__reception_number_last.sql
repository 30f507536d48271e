-- A ticket's number is now allocated as the last step of issuing, so the per-office number row stays locked
-- only for the commit: the ticket, its visits and its events are written first and numbered at the end of the
-- same transaction. Committed rows always have a number.
ALTER TABLE reception.ticket ALTER COLUMN number DROP NOT NULL;
ALTER TABLE reception.visit ALTER COLUMN ticket_number DROP NOT NULL;
-- Closing a day marks its number row, so the statement that takes a number also learns, under the same lock,
-- whether the day was closed meanwhile.
ALTER TABLE reception.ticket_number ADD COLUMN closed boolean NOT NULL DEFAULT false;
