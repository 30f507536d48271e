-- Metrics scrapers (Prometheus): a device kind whose token reads /actuator/prometheus and nothing else.
-- A scraper belongs to no office; kiosks and boards still always do.
ALTER TABLE platform.device DROP CONSTRAINT device_kind_check;
ALTER TABLE platform.device ADD CONSTRAINT device_kind_check CHECK (kind IN ('KIOSK', 'DISPLAY', 'METRICS'));
ALTER TABLE platform.device ALTER COLUMN office_id DROP NOT NULL;
ALTER TABLE platform.device ADD CONSTRAINT device_office_check CHECK ((kind = 'METRICS') = (office_id IS NULL));
