-- The scheduler: each job's settings and timing, the history of its runs, and the lease that
-- keeps a job to one run at a time across every process using this database (the app and the
-- headless scheduler may both be running).

CREATE TABLE jobs (
    name                TEXT PRIMARY KEY,
    enabled             INTEGER NOT NULL,
    schedule            TEXT NOT NULL,      -- JSON: cadence and window
    next_run_at         TEXT,
    -- The scheduled instant last taken by a run, so two processes never both run it.
    last_scheduled_for  TEXT,
    updated_at          TEXT NOT NULL
);

CREATE TABLE job_runs (
    id             INTEGER PRIMARY KEY,
    job            TEXT NOT NULL,
    trigger        TEXT NOT NULL,           -- schedule | catch_up | manual
    scheduled_for  TEXT,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    status         TEXT NOT NULL,           -- running | succeeded | failed | skipped
    items          INTEGER,
    message        TEXT,
    runner         TEXT NOT NULL            -- app | cli | scheduler, and its process id
);

CREATE INDEX job_runs_by_job ON job_runs (job, id);

CREATE TABLE job_leases (
    job         TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
