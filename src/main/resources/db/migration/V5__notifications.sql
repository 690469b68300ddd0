-- Notifications: what is POSTed to an instance's callback URL, stored BEFORE the first attempt so that
-- a crash loses nothing; the sweeper sends whatever is due (retries, and anything a crash left behind).
-- The id is the public message id (message.eventId, Elements-Webhook-Id, webhook-id), random and unique.
CREATE TABLE notification (
    id               VARCHAR(64)   PRIMARY KEY,
    instance_id      BIGINT        NOT NULL REFERENCES element_instance (id) ON DELETE CASCADE,
    organization_id  BIGINT        NOT NULL,
    object_type      VARCHAR(255)  NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    -- detection order within an instance: the first event's detection time, then its id
    ordering_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    first_event_id   BIGINT        NOT NULL,
    event_count      INT           NOT NULL,
    -- the exact body bytes (UTF-8), the same on every attempt; NULL when too large to keep (rebuilt from the events)
    body             VARCHAR(1048576),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- attempts in the current round (a redelivery starts a new round); attempts_total counts all
    round_attempts   INT           NOT NULL,
    attempts_total   INT           NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    -- an attempt in flight: which node claimed it, and until when the claim holds (a crash lets it expire)
    claim_owner      VARCHAR(64),
    claim_expires_at TIMESTAMP WITH TIME ZONE,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000)
);

CREATE INDEX notification_due_ix ON notification (status, next_attempt_at);
CREATE INDEX notification_instance_ix ON notification (instance_id, ordering_at, first_event_id);
CREATE INDEX notification_organization_ix ON notification (organization_id, created_at, id);

-- The events a notification carries, in their order; an event belongs to one notification at most.
CREATE TABLE notification_event (
    notification_id VARCHAR(64) NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    position        INT         NOT NULL,
    event_id        BIGINT      NOT NULL REFERENCES change_event (id) ON DELETE CASCADE,
    PRIMARY KEY (notification_id, position),
    CONSTRAINT notification_event_uk UNIQUE (event_id)
);

-- The delivery log: one row per attempt.
CREATE SEQUENCE notification_attempt_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE notification_attempt (
    id              BIGINT PRIMARY KEY,
    notification_id VARCHAR(64)  NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    attempt_number  INT          NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms     BIGINT       NOT NULL,
    http_status     INT,
    error           VARCHAR(1000),
    outcome         VARCHAR(32)  NOT NULL,
    response_body   VARCHAR(2048),
    next_attempt_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX notification_attempt_notification_ix ON notification_attempt (notification_id, id);

-- Per instance: whether notifications are sent (deactivated after a 410 or the last failed attempt,
-- or by the operator), and the previous webhook secret while a rotation overlaps.
CREATE TABLE delivery_subscription (
    instance_id                 BIGINT PRIMARY KEY REFERENCES element_instance (id) ON DELETE CASCADE,
    active                      BOOLEAN      NOT NULL,
    changed_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason                      VARCHAR(1000),
    previous_secret_encrypted   VARCHAR(1000),
    previous_secret_expires_at  TIMESTAMP WITH TIME ZONE
);
