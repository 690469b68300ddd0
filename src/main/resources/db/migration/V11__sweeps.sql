-- Issue 14: sweeps list a resource whatever its updated date and compare each record with its recorded
-- version, so changes that do not move the updated date (an unsubscribe) and records that vanish
-- without a marker (a hard delete) are found. A sweep is resumable across runs and nodes like a pass:
-- its progress is here, committed with each page.
CREATE TABLE poll_sweep (
    instance_id       BIGINT        NOT NULL REFERENCES element_instance (id) ON DELETE CASCADE,
    resource          VARCHAR(100)  NOT NULL,
    sweep             VARCHAR(100)  NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    next_page         VARCHAR(8192),
    pass_read         BIGINT        NOT NULL DEFAULT 0,
    pass_events       BIGINT        NOT NULL DEFAULT 0,
    last_started_at   TIMESTAMP WITH TIME ZONE,
    last_completed_at TIMESTAMP WITH TIME ZONE,
    last_read         BIGINT        NOT NULL DEFAULT 0,
    last_events       BIGINT        NOT NULL DEFAULT 0,
    last_gone         BIGINT        NOT NULL DEFAULT 0,
    last_error        VARCHAR(2000),
    last_error_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (instance_id, resource, sweep)
);

-- When a version was last seen in a listing (a poll's page or a sweep's): after a complete sweep, a
-- version not seen since the sweep started is a record that is gone. NULL: recorded before V11.
ALTER TABLE poll_object_version ADD COLUMN seen_at TIMESTAMP WITH TIME ZONE;
