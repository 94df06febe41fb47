-- Alerts: the rules (the standing ones are seeded by the engine from the documented defaults in
-- wheelwright-alerts), the inbox, the last firing of every dedupe key (so a cooldown survives a
-- restart and two processes never raise one condition twice) and the last price seen per symbol
-- (so "crosses a level" compares two consecutive observations across restarts too).

CREATE TABLE alert_rules (
    -- Never reused: an alert's rule id, and the dedupe keys built from it, name one rule only.
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT NOT NULL,
    symbol            TEXT,
    threshold         REAL,
    enabled           INTEGER NOT NULL,
    cooldown_minutes  INTEGER NOT NULL,
    updated_at        TEXT NOT NULL
);
-- One standing (symbol-less) rule per kind.
CREATE UNIQUE INDEX alert_rules_standing ON alert_rules (kind) WHERE symbol IS NULL;

CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    rule_id       INTEGER,              -- no foreign key: an alert outlives a deleted rule
    kind          TEXT NOT NULL,
    severity      TEXT NOT NULL,        -- info | warning | critical
    dedupe_key    TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    link          TEXT NOT NULL,        -- JSON: where in the app it leads
    portfolio     TEXT,
    symbol        TEXT,
    created_at    TEXT NOT NULL,
    read_at       TEXT,
    dismissed_at  TEXT,
    delivery      TEXT NOT NULL         -- what the interrupting channels did: notified | quiet_hours | paused | failed: …
);
CREATE INDEX alerts_by_time ON alerts (created_at);

CREATE TABLE alert_marks (
    dedupe_key  TEXT PRIMARY KEY,
    fired_at    TEXT NOT NULL
);

CREATE TABLE price_observations (
    symbol       TEXT PRIMARY KEY,
    price        REAL NOT NULL,
    observed_at  TEXT NOT NULL
);
