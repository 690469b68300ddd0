-- Issue 13: the quota planner projects each API key's day from what runs really cost. A run's requests
-- (pages of its resources and sweeps) are averaged here, 0.8 of the old average and 0.2 of the run, so a
-- daily sweep's pages weigh in without one run moving the plan. NULL: the instance has not run since V12.
ALTER TABLE poll_state ADD COLUMN requests_per_run DOUBLE PRECISION;

-- An API key's (client id's) own limits, set by a bootstrap admin: a partner key's 250,000 a day and 10
-- a second, say. A key without a row has changewire.constantcontact.requests-per-day and -per-second.
CREATE TABLE api_key_budget (
    client_id           VARCHAR(255)             PRIMARY KEY,
    requests_per_day    INTEGER                  NOT NULL,
    requests_per_second INTEGER                  NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by          BIGINT
);
