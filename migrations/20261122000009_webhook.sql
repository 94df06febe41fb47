-- The webhook channel's delivery log: one row per delivery (a check's new alerts, or a test),
-- with every attempt it took. The endpoint's address is not here: webhook URLs often carry a
-- token (Slack, Discord), so the engine keeps the URL and the signing secret in the OS keychain
-- and logs only the host.

CREATE TABLE webhook_deliveries (
    id           INTEGER PRIMARY KEY,
    event        TEXT NOT NULL,         -- alerts | test
    alert_ids    TEXT NOT NULL,         -- JSON array of the alerts it carried
    host         TEXT NOT NULL,
    outcome      TEXT NOT NULL,         -- delivered | failed
    http_status  INTEGER,               -- of the last attempt that got an answer
    error        TEXT,                  -- why the last attempt failed
    attempts     TEXT NOT NULL,         -- JSON: [{at, status?, error?}] in order
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_started ON webhook_deliveries (started_at);
