-- Issue 13: the quota planner projects each API key's day from what runs really cost. A run's requests
-- (pages of its resources and sweeps) are averaged here, 0.8 of the old average and 0.2 of the run, so a
-- daily sweep's pages weigh in without one run moving the plan. NULL: the instance has not run since V12.
ALTER TABLE poll_state ADD COLUMN requests_per_run DOUBLE PRECISION;
