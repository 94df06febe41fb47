-- Market data kept for a while so the app does not ask a provider the same thing twice a
-- minute: quotes and chains for seconds, expirations for hours, past price history for days.
-- Rows are provider answers already in Wheelwright's shape (JSON), never secrets.

CREATE TABLE market_cache (
    provider   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    payload    TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (provider, kind, key)
);

CREATE INDEX market_cache_expiry ON market_cache (expires_at);

-- What no broker provides and the user knows: a symbol's sector and next earnings date.
CREATE TABLE symbol_notes (
    symbol        TEXT PRIMARY KEY,
    sector        TEXT,
    next_earnings TEXT,
    updated_at    TEXT NOT NULL
);
