-- Wheelwright's first schema. Money and quantities are TEXT holding exact decimals: SQLite has
-- no decimal type, and the ledger never sums money in SQL (totals are derived in Rust by replay).

CREATE TABLE portfolios (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL COLLATE NOCASE UNIQUE,
    description     TEXT NOT NULL DEFAULT '',
    default_capital TEXT,
    account_link    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE wheels (
    id                INTEGER PRIMARY KEY,
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

-- The source of truth. `wheel_id` is NULL for account cash (DEPOSIT, WITHDRAW, INTEREST and a
-- FEE or ADJUST without a symbol). `seq` is the entry order that breaks ties within a date.
CREATE TABLE fills (
    id           INTEGER PRIMARY KEY,
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
CREATE INDEX fills_by_wheel ON fills (wheel_id, date, seq);
CREATE INDEX fills_by_portfolio ON fills (portfolio_id, date, seq);

-- Every create, update and delete, with the row before and after as JSON.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    source    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    operation TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
