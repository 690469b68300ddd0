-- Retention (changewire.retention.events): delivered notifications, the attempts of the delivery log
-- and notified events older than the retention period are deleted in batches; these indexes let each
-- batch find its oldest rows without reading the whole table.
CREATE INDEX notification_delivered_ix ON notification (status, delivered_at);
CREATE INDEX notification_attempt_started_ix ON notification_attempt (started_at);
CREATE INDEX change_event_retention_ix ON change_event (status, detected_at);
