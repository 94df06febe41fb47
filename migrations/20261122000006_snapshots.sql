-- Position snapshots: every open position of a portfolio with its price, moneyness and P&L at a
-- moment, so trends can be drawn. A daily snapshot is unique per portfolio and trading day (taken
-- again the same day it replaces the earlier one); manual snapshots accumulate.
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    portfolio_id INTEGER NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
    trading_day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('daily', 'manual')),
    taken_at TEXT NOT NULL,
    provider TEXT NOT NULL
);
CREATE UNIQUE INDEX snapshots_one_daily ON snapshots(portfolio_id, trading_day) WHERE kind = 'daily';
CREATE INDEX snapshots_by_day ON snapshots(portfolio_id, trading_day);

CREATE TABLE snapshot_positions (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    symbol TEXT NOT NULL,
    -- 'shares', or 'leg:<opening fill id>' for an option.
    position TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity REAL NOT NULL,
    spot REAL,
    mark REAL,
    moneyness REAL,
    dte INTEGER,
    unrealized_pnl REAL,
    PRIMARY KEY (snapshot_id, symbol, position)
);
