-- Detection (issue 9).

-- The content hash of the latest recorded version of each object: a record whose updated date did not
-- move but whose content did (two changes within a second-precision timestamp) is a new version, while
-- a re-read of an unchanged record is not. Rows recorded before this have none: the date alone decides.
ALTER TABLE poll_object_version ADD COLUMN content_hash VARCHAR(64);

-- A pass past its first page that keeps failing (say, a next-page link the element cannot follow) is
-- restarted from its window after changewire.poller.max-pass-failures runs in a row, and the poller
-- status says so, instead of retrying the same page for ever.
ALTER TABLE poll_cursor ADD COLUMN pass_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE poll_cursor ADD COLUMN pass_restarts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE poll_cursor ADD COLUMN last_pass_restart VARCHAR(2000);
ALTER TABLE poll_cursor ADD COLUMN last_pass_restart_at TIMESTAMP WITH TIME ZONE;

-- The rotated Constant Contact tokens of an instance's last refresh, committed in their own transaction
-- the moment the provider hands them out (the exchange spends the old refresh token and cannot be
-- undone). A refresh whose own transaction then rolls back leaves the newer entry here, and the next
-- read uses it instead of the spent token in instance_provider_token. Times in epoch milliseconds.
CREATE TABLE constantcontact_token_rotation (
    instance_id   BIGINT PRIMARY KEY REFERENCES element_instance (id) ON DELETE CASCADE,
    access_token  VARCHAR(16384),
    refresh_token VARCHAR(16384),
    expires_at_ms BIGINT,
    scope         VARCHAR(1000),
    rotated_at_ms BIGINT NOT NULL
);
