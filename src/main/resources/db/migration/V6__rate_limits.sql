-- Provider rate limits per API key, shared by every node on this database.
-- Bucket4j's token buckets (PostgreSQL: SELECT ... FOR UPDATE on the row; H2 keeps them in memory,
-- single node). The id is "<sha-256 of the API key>:<window>:<limit>", the state Bucket4j's own bytes.
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(255) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

-- A daily quota that Constant Contact said is used up (quota_exceeded), or that our own day bucket
-- ran out of: nothing is sent with that API key until paused_until (the next 00:00 UTC), on any node.
CREATE TABLE provider_quota_pause (
    api_key_hash VARCHAR(64) PRIMARY KEY,
    paused_until TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(1000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
