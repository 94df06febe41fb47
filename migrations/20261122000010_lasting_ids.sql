-- Ids that are never given out twice. Portfolios, wheels, fills and watchlists were declared
-- `INTEGER PRIMARY KEY`, so SQLite handed the largest id out again once its row was deleted:
-- the audit log then showed two different fills under one number, and undoing the first
-- one's deletion could not put it back under its own id. `AUTOINCREMENT` keeps a high-water
-- mark (sqlite_sequence) instead. SQLite cannot add it to a table, so each table is rebuilt:
-- created anew, filled with every row under its own id, the old one dropped and the new one
-- renamed (SQLite's documented way to change a table's definition).
--
-- This needs foreign keys off: dropping a parent table with them on would cascade the delete
-- to every wheel and fill. `Store::open` migrates on a connection of its own with them off and
-- checks the keys (`PRAGMA foreign_key_check`) before the app uses the file; a backup of the
-- file was taken before.

CREATE TABLE portfolios_lasting (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL COLLATE NOCASE UNIQUE,
    description     TEXT NOT NULL DEFAULT '',
    default_capital TEXT,
    account_link    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
INSERT INTO portfolios_lasting (id, name, description, default_capital, account_link, created_at, updated_at)
    SELECT id, name, description, default_capital, account_link, created_at, updated_at FROM portfolios;
DROP TABLE portfolios;
ALTER TABLE portfolios_lasting RENAME TO portfolios;

CREATE TABLE wheels_lasting (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    portfolio_id      INTEGER NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
    symbol            TEXT NOT NULL,
    profile           TEXT NOT NULL DEFAULT 'moderate'
                      CHECK (profile IN ('conservative', 'moderate', 'aggressive')),
    capital_allocated TEXT,
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (portfolio_id, symbol)
);
INSERT INTO wheels_lasting (id, portfolio_id, symbol, profile, capital_allocated, notes, created_at, updated_at)
    SELECT id, portfolio_id, symbol, profile, capital_allocated, notes, created_at, updated_at FROM wheels;
DROP TABLE wheels;
ALTER TABLE wheels_lasting RENAME TO wheels;

-- `wheel_id` is NULL for account cash; `seq` is the entry order that breaks ties within a date.
CREATE TABLE fills_lasting (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    portfolio_id INTEGER NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
    wheel_id     INTEGER REFERENCES wheels(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL UNIQUE,
    date         TEXT NOT NULL,
    time         TEXT,
    action       TEXT NOT NULL,
    option_right TEXT CHECK (option_right IN ('P', 'C')),
    strike       TEXT,
    expiry       TEXT,
    multiplier   TEXT,
    deliverable  TEXT,
    quantity     TEXT NOT NULL,
    price        TEXT NOT NULL,
    fees         TEXT NOT NULL,
    account      TEXT,
    external_id  TEXT NOT NULL,
    roll_id      TEXT,
    note         TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (portfolio_id, external_id)
);
INSERT INTO fills_lasting (id, portfolio_id, wheel_id, seq, date, time, action, option_right, strike, expiry, multiplier,
                           deliverable, quantity, price, fees, account, external_id, roll_id, note, created_at, updated_at)
    SELECT id, portfolio_id, wheel_id, seq, date, time, action, option_right, strike, expiry, multiplier,
           deliverable, quantity, price, fees, account, external_id, roll_id, note, created_at, updated_at FROM fills;
DROP TABLE fills;
ALTER TABLE fills_lasting RENAME TO fills;
CREATE INDEX fills_by_wheel ON fills (wheel_id, date, seq);
CREATE INDEX fills_by_portfolio ON fills (portfolio_id, date, seq);

CREATE TABLE watchlists_lasting (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO watchlists_lasting (id, name, created_at, updated_at) SELECT id, name, created_at, updated_at FROM watchlists;
DROP TABLE watchlists;
ALTER TABLE watchlists_lasting RENAME TO watchlists;

-- The high-water marks start above every id in use (the copies above set them to the largest
-- id each table holds; an empty table gets a mark of 0) and above every id the audit log has
-- named, so an id already reused before this migration is still not given out a third time.
INSERT INTO sqlite_sequence (name, seq)
    SELECT tables.name, 0 FROM (SELECT 'portfolios' AS name UNION ALL SELECT 'wheels' UNION ALL SELECT 'fills' UNION ALL SELECT 'watchlists') AS tables
    WHERE tables.name NOT IN (SELECT name FROM sqlite_sequence);
WITH audited (tbl, entity) AS (
    VALUES ('portfolios', 'portfolio'), ('wheels', 'wheel'), ('wheels', 'wheel_criteria'), ('fills', 'fill'), ('watchlists', 'watchlist')
)
UPDATE sqlite_sequence SET seq = MAX(seq, COALESCE((
    SELECT MAX(audit_log.entity_id) FROM audit_log JOIN audited ON audited.entity = audit_log.entity WHERE audited.tbl = sqlite_sequence.name
), 0))
WHERE name IN (SELECT tbl FROM audited);

-- The list of a portfolio's recent fill changes finds them by the portfolio their entries carry.
CREATE INDEX audit_fills_by_portfolio ON audit_log (json_extract(COALESCE(after, before), '$.portfolio_id')) WHERE entity = 'fill';
