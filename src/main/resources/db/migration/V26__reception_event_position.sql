-- Live streams and their catch-up (Last-Event-ID) read the event log in the order transactions COMMITTED. Ids are
-- taken when a row is inserted, so a slow transaction can commit id 10 after id 11 was already sent: a client that
-- saw 11 and reconnected would never receive 10. The position is taken as the last thing before the commit, one
-- transaction at a time (EventLog, under a transaction-scoped advisory lock), so positions grow in commit order.
-- It stays empty only while the inserting transaction is still open, when nobody else can see the row anyway.
CREATE SEQUENCE reception.event_position;

ALTER TABLE reception.event ADD COLUMN position bigint;

-- Rows written so far keep their order; new positions continue above every existing id.
UPDATE reception.event SET position = id;
SELECT setval('reception.event_position', coalesce((SELECT max(id) FROM reception.event), 0) + 1, false);

CREATE UNIQUE INDEX event_position_unique ON reception.event (position);
CREATE INDEX event_office_position ON reception.event (office_id, position);
