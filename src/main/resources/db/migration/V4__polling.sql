-- The poller's durable state. Timers live in memory and are rebuilt from these rows and the instances.

-- One row per instance with events on: its poll lease (one run at a time across nodes), the due time of
-- its next scheduled run (so with several nodes each interval is polled once, not once per node), and
-- why it is not polling (quota pause, invalid credentials).
CREATE TABLE poll_state (
    instance_id      BIGINT PRIMARY KEY REFERENCES element_instance (id) ON DELETE CASCADE,
    lease_owner      VARCHAR(100),
    lease_until      TIMESTAMP WITH TIME ZONE,
    next_due         TIMESTAMP WITH TIME ZONE,
    paused_until     TIMESTAMP WITH TIME ZONE,
    pause_reason     VARCHAR(2000),
    last_run_started TIMESTAMP WITH TIME ZONE,
    last_run_ended   TIMESTAMP WITH TIME ZONE,
    last_run_trigger VARCHAR(16),
    last_error       VARCHAR(2000)
);

-- One row per polled resource: the true cursor (the largest changed timestamp seen in records, never
-- the clock), the baseline (nothing older is emitted), the progress of a pass cut short by the page
-- limit, and what the last runs saw.
CREATE TABLE poll_cursor (
    instance_id         BIGINT        NOT NULL REFERENCES element_instance (id) ON DELETE CASCADE,
    resource            VARCHAR(100)  NOT NULL,
    baseline            TIMESTAMP WITH TIME ZONE NOT NULL,
    cursor_at           TIMESTAMP WITH TIME ZONE,
    pass_since          TIMESTAMP WITH TIME ZONE,
    pass_started        TIMESTAMP WITH TIME ZONE,
    pass_next_page      VARCHAR(8192),
    pass_max            TIMESTAMP WITH TIME ZONE,
    last_run_started    TIMESTAMP WITH TIME ZONE,
    last_run_ended      TIMESTAMP WITH TIME ZONE,
    last_success        TIMESTAMP WITH TIME ZONE,
    records_read        BIGINT        NOT NULL DEFAULT 0,
    events_recorded     BIGINT        NOT NULL DEFAULT 0,
    skipped_missing_id  BIGINT        NOT NULL DEFAULT 0,
    skipped_missing_date BIGINT       NOT NULL DEFAULT 0,
    skipped_bad_date    BIGINT        NOT NULL DEFAULT 0,
    last_skip           VARCHAR(2000),
    last_error_kind     VARCHAR(32),
    last_error          VARCHAR(2000),
    last_error_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (instance_id, resource)
);

-- The latest change recorded per object: a record not newer than this is ignored, so re-reading the
-- overlap window emits nothing twice while a later update of the same object is a new event.
CREATE TABLE poll_object_version (
    instance_id BIGINT        NOT NULL REFERENCES element_instance (id) ON DELETE CASCADE,
    resource    VARCHAR(100)  NOT NULL,
    object_id   VARCHAR(1024) NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    change_type VARCHAR(16)   NOT NULL,
    PRIMARY KEY (instance_id, resource, object_id)
);

CREATE INDEX change_event_detected_ix ON change_event (organization_id, event_type, detected_at);
