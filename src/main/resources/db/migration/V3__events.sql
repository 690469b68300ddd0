-- Detected changes: the outbox between the poller and the notifications. A poll page's events and
-- its advanced cursor commit in one transaction; the notifications component reads from here.
CREATE SEQUENCE change_event_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE change_event (
    id              BIGINT PRIMARY KEY,
    instance_id     BIGINT         NOT NULL REFERENCES element_instance (id) ON DELETE CASCADE,
    organization_id BIGINT         NOT NULL,
    object_type     VARCHAR(255)   NOT NULL,
    object_id       VARCHAR(1024)  NOT NULL,
    event_type      VARCHAR(16)    NOT NULL,
    -- the record's own date of this change (updated, or deleted for DELETED)
    event_date      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the record's updated timestamp: (instance, type, object, version_at, event type) is recorded once;
    -- the event type is part of it for providers that delete without touching the updated date
    version_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    detected_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    record          VARCHAR(1048576) NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    CONSTRAINT change_event_version_uk UNIQUE (instance_id, object_type, object_id, version_at, event_type)
);

CREATE INDEX change_event_instance_ix ON change_event (instance_id, id);
CREATE INDEX change_event_organization_ix ON change_event (organization_id, detected_at);
CREATE INDEX change_event_status_ix ON change_event (status, instance_id);
