-- Per-wheel strategy choices: whether the wheel follows the trader's own (custom) profile instead
-- of its named one, and the criteria overridden for this wheel only (JSON of the fields set).
CREATE TABLE wheel_criteria (
    wheel_id INTEGER PRIMARY KEY REFERENCES wheels(id) ON DELETE CASCADE,
    custom INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1)),
    overrides TEXT NOT NULL DEFAULT '{}'
);
