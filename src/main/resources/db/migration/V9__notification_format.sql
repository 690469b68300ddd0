-- The envelope a notification was stored in (NotificationFormat); NULL: Cloud Elements' body, as before formats existed.
ALTER TABLE notification ADD COLUMN body_format VARCHAR(32);
