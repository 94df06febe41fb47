-- Watchlists: named lists of symbols in the user's order, optionally grouped in sections (as a
-- TradingView export has them) and remembering the exchange the list named.

CREATE TABLE watchlists (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE watchlist_symbols (
    watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    symbol       TEXT NOT NULL,
    exchange     TEXT,
    section      TEXT,
    position     INTEGER NOT NULL,
    PRIMARY KEY (watchlist_id, symbol)
);
