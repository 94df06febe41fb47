//! The chain page's volatility charts, drawn from the pricing crate's chain analytics so they
//! show the IV the chain analytics define: the smile of one expiry (European IV from the mid of
//! the out-of-the-money side, by strike) and the term structure (each expiry's at-the-money IV).
//! A strike whose quote does not solve is left out and counted in the notes, never drawn at a
//! guessed value.

use crate::charts::{day_number, dollars, provider_name, ChartView};
use crate::error::{EngineError, Result};
use crate::market::ChainRequest;
use crate::Engine;
use chrono::{Duration, NaiveDate};
use chrono_tz::America::New_York;
use wheelwright_charts::{AxisSpec, LineSpec, MarkAxis, MarkSpec, Role, Scale, SeriesSpec, Size, Theme};
use wheelwright_domain::market::ChainFilter;
use wheelwright_domain::{ErrorCode, Right};
use wheelwright_pricing::calendar::Underlying;
use wheelwright_pricing::chain::{analyze, Chain, ChainAnalytics};
use wheelwright_strategy::value::Context;

/// How far out the term structure reaches, and how many strikes around the money each expiry
/// brings (enough to straddle the forward, few enough to keep a year of expiries cheap).
const TERM_DAYS: i64 = 400;
const TERM_STRIKES: u32 = 12;

/// How the IVs are computed, for the notes under both charts.
const IV_NOTE: &str = "IV: European (Black) from each strike's mid on its out-of-the-money side (puts below the forward, calls above)";

fn percent(iv: f64) -> String {
    format!("{:.1}%", iv * 100.0)
}

impl Engine {
    /// The chain as the analytics take it, with where its numbers come from and the notes every
    /// IV chart carries; `None` when the provider has no price for the underlying now.
    async fn analytics(&self, symbol: &str, filter: ChainFilter) -> Result<(Option<ChainAnalytics>, String, Vec<String>)> {
        let mut chain = self.chain(ChainRequest { symbol: symbol.to_string(), filter }).await?;
        // A broker's chain carries no dividend schedule; its quote may.
        if chain.underlying.dividend.is_none() {
            if let Ok(mut quotes) = self.quotes(&[symbol.to_string()]).await {
                chain.underlying.dividend = quotes.pop().and_then(|q| q.dividend);
            }
        }
        let mut notes = vec![IV_NOTE.to_string()];
        if chain.underlying.dividend.is_none() {
            notes.push(format!("the provider states no dividend for {symbol}: if it pays one, its puts read high and its calls low here"));
        }
        let source =
            format!("{} · {}", provider_name(self.market_provider()), chain.time.with_timezone(&New_York).format("%b %-d %H:%M ET"));
        let analytics = Context::of(&chain).map(|_| analyze(&Chain::of(&chain, Underlying::Equity)));
        Ok((analytics, source, notes))
    }

    pub(crate) async fn smile_chart(&self, symbol: &str, expiry: NaiveDate, size: Size, theme: Theme) -> Result<ChartView> {
        let today = self.market_today();
        if expiry < today {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "expiry",
                format!("{expiry} has expired: pick an expiry from {today} on"),
            ));
        }
        let symbol = symbol.trim().to_uppercase();
        let title = format!("{symbol} IV smile · {}", expiry.format("%b %-d, %Y"));
        let filter = ChainFilter { from: Some(expiry), to: Some(expiry), ..ChainFilter::default() };
        let (analytics, source, mut notes) = self.analytics(&symbol, filter).await?;
        let Some(analytics) = analytics else { return Ok(ChartView::no_price(title, &symbol, source)) };
        let Some(smile) = analytics.expiries.iter().find(|e| e.expiry == expiry) else {
            return Ok(ChartView::empty(
                title,
                format!("{symbol} lists no options expiring {expiry}: pick one of its expirations"),
                source,
            ));
        };
        if smile.smile.len() < 2 {
            return Ok(ChartView::empty(
                title,
                "too few strikes have a two-sided quote to draw a smile: try again when the market is open",
                source,
            ));
        }
        let out_of_the_money = |right: Right, strike: f64| (right == Right::Put) == (strike < smile.forward);
        // Adjusted contracts never get an IV on the curve: they are not a quoting fault.
        let unsolved = analytics
            .contracts
            .iter()
            .filter(|c| c.expiry == expiry && out_of_the_money(c.right, c.strike) && c.iv.is_none() && c.no_iv != Some("non_standard"))
            .count();
        if unsolved > 0 {
            notes.push(format!("{unsolved} strikes have no IV (a one-sided quote, or a mid at or below intrinsic) and are left out"));
        }
        if let Some(skew) = smile.skew_25d {
            notes.push(format!("25-delta skew (put IV − call IV): {:+.1} points", skew * 100.0));
        }
        let spot = analytics.underlying_price;
        let mut marks = vec![MarkSpec { label: format!("Now {}", dollars(spot)), axis: MarkAxis::X, value: spot, role: Role::Spot }];
        if let Some(atm) = smile.atm_iv {
            marks.push(MarkSpec { label: format!("ATM {}", percent(atm)), axis: MarkAxis::Y, value: atm, role: Role::Neutral });
        }
        let spec = LineSpec {
            title: title.clone(),
            x: AxisSpec { label: "Strike".into(), scale: Scale::Price },
            y: AxisSpec { label: "IV".into(), scale: Scale::Percent },
            series: vec![SeriesSpec {
                name: "IV".into(),
                role: Role::Primary,
                dashed: false,
                points: smile.smile.iter().map(|p| [p.strike, p.iv]).collect(),
            }],
            marks,
        };
        ChartView::drawn(title, wheelwright_charts::line(&spec, size, theme), notes, source)
    }

    pub(crate) async fn term_structure_chart(&self, symbol: &str, size: Size, theme: Theme) -> Result<ChartView> {
        let symbol = symbol.trim().to_uppercase();
        let title = format!("{symbol} IV term structure");
        let filter = ChainFilter {
            to: Some(self.market_today() + Duration::days(TERM_DAYS)),
            strike_count: Some(TERM_STRIKES),
            ..ChainFilter::default()
        };
        let (analytics, source, mut notes) = self.analytics(&symbol, filter).await?;
        let Some(analytics) = analytics else { return Ok(ChartView::no_price(title, &symbol, source)) };
        let points: Vec<[f64; 2]> =
            analytics.term_structure.iter().filter_map(|(expiry, atm)| atm.map(|iv| [day_number(*expiry), iv])).collect();
        if points.len() < 2 {
            return Ok(ChartView::empty(
                title,
                "fewer than two expiries have an at-the-money IV: try again when the market is open",
                source,
            ));
        }
        notes.push("At the money: the smile read at each expiry's forward".to_string());
        let missing = analytics.term_structure.len() - points.len();
        if missing > 0 {
            notes.push(format!("{missing} expiries have no at-the-money IV (too few two-sided quotes about the forward) and are left out"));
        }
        let spec = LineSpec {
            title: title.clone(),
            x: AxisSpec { label: "Expiry".into(), scale: Scale::Date },
            y: AxisSpec { label: "ATM IV".into(), scale: Scale::Percent },
            series: vec![SeriesSpec { name: "ATM IV".into(), role: Role::Primary, dashed: false, points }],
            marks: Vec::new(),
        };
        ChartView::drawn(title, wheelwright_charts::line(&spec, size, theme), notes, source)
    }
}
