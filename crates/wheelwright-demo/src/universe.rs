//! The Demo market's listings: 525 real tickers (stocks across the GICS sectors, and ETFs) with
//! a name, a sector, the level their simulated price wanders around, a typical volatility and a
//! dividend yield — from `data/universe.csv`, embedded. The prices are simulated, never quotes.

use crate::random::key;
use std::sync::OnceLock;
use wheelwright_domain::Symbol;

#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    pub symbol: Symbol,
    pub name: String,
    pub sector: String,
    /// The level the simulated log price reverts to.
    pub base_price: f64,
    /// Typical annual volatility (decimal).
    pub vol: f64,
    /// Annual dividend yield at the base price (decimal); 0 for non-payers.
    pub div_yield: f64,
}

impl Listing {
    pub fn is_etf(&self) -> bool {
        self.sector == "ETF"
    }

    /// Sensitivity to the market factor, by sector (defensive sectors lower, growth higher).
    pub fn beta(&self) -> f64 {
        match self.sector.as_str() {
            "Utilities" | "Consumer Staples" | "Real Estate" => 0.55,
            "Health Care" => 0.75,
            "Energy" | "Materials" => 0.9,
            "ETF" => 0.95,
            "Technology" | "Consumer Discretionary" | "Communication Services" => 1.2,
            _ => 1.0,
        }
    }

    /// ETFs and two in three stocks list weekly expirations; the rest monthlies only.
    pub fn has_weeklies(&self) -> bool {
        self.is_etf() || !key(self.symbol.as_str()).is_multiple_of(3)
    }

    /// Liquidity on a 0.3 (thin) to 1.5 (very liquid) scale: drives spreads, volume and OI.
    pub fn liquidity(&self) -> f64 {
        let size = (self.base_price.ln() / 6.0).clamp(0.0, 1.0);
        let wobble = (key(self.symbol.as_str()) % 100) as f64 / 100.0;
        if self.is_etf() {
            1.5
        } else {
            0.3 + 0.7 * size + 0.3 * wobble
        }
    }
}

const DATA: &str = include_str!("../data/universe.csv");

/// Every listing, in file order.
pub fn listings() -> &'static [Listing] {
    static LISTINGS: OnceLock<Vec<Listing>> = OnceLock::new();
    LISTINGS.get_or_init(|| {
        DATA.lines()
            .filter(|line| !line.starts_with('#') && !line.starts_with("symbol,"))
            .map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                assert_eq!(cells.len(), 6, "universe.csv: '{line}' needs 6 cells");
                let number = |i: usize| cells[i].parse::<f64>().unwrap_or_else(|_| panic!("universe.csv: '{line}' cell {i}"));
                Listing {
                    symbol: Symbol::parse(cells[0]).unwrap_or_else(|e| panic!("universe.csv: {e}")),
                    name: cells[1].to_string(),
                    sector: cells[2].to_string(),
                    base_price: number(3),
                    vol: number(4),
                    div_yield: number(5),
                }
            })
            .collect()
    })
}

pub fn find(symbol: &Symbol) -> Option<&'static Listing> {
    listings().iter().find(|l| &l.symbol == symbol)
}
