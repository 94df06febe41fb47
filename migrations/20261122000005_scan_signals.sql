-- Scanner results kept as signals: what was found, when, with which filter, and why (the
-- candidate as JSON: its figures, score parts, warnings and reason).
CREATE TABLE scans (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    provider TEXT NOT NULL,
    filter TEXT NOT NULL,
    symbols INTEGER NOT NULL
);

CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    occ TEXT NOT NULL,
    score REAL NOT NULL,
    candidate TEXT NOT NULL,
    UNIQUE (scan_id, rank)
);
CREATE INDEX signals_by_symbol ON signals(symbol, scan_id);
