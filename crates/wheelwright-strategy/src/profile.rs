//! Selection criteria for new short options, and the three documented profiles. A wheel names
//! its profile; a request may override any single criterion.
//!
//! | profile      | |Δ| band    | DTE    | min bid | min annualized | min OI | max spread | take profit |
//! |--------------|-------------|--------|---------|----------------|--------|------------|-------------|
//! | conservative | 0.15 – 0.20 | 30–45  | 0.10    | 6%             | 100    | 10% of mid | 50%         |
//! | moderate     | 0.25 – 0.30 | 30–45  | 0.15    | 10%            | 100    | 10% of mid | 50%         |
//! | aggressive   | 0.35 – 0.40 | 7–21   | 0.10    | 15%            | 50     | 15% of mid | 65%         |
//!
//! Every profile keeps the covered-call basis guard on the adjusted basis (ACCOUNTING.md).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which basis a covered call's strike must not be below.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BasisGuard {
    /// The wheel's adjusted basis (net of all premium): the default.
    #[default]
    Adjusted,
    /// The shares' tax basis.
    Tax,
    /// No guard: strikes below basis are offered, with a warning.
    Off,
}

/// The criteria a request or a wheel can override, listed once: hands them to `$apply`.
macro_rules! overridable_fields {
    ($apply:ident) => {
        $apply!(
            delta_min,
            delta_max,
            dte_min,
            dte_max,
            min_premium,
            min_annualized_yield,
            min_open_interest,
            max_spread,
            basis_guard,
            take_profit
        )
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Criteria {
    /// |delta| band, inclusive.
    pub delta_min: f64,
    pub delta_max: f64,
    /// Calendar days to expiry, inclusive.
    pub dte_min: i64,
    pub dte_max: i64,
    /// The bid, a share: what selling at the market would get.
    pub min_premium: f64,
    /// Premium yield a year (0.10 = 10%).
    pub min_annualized_yield: f64,
    pub min_open_interest: u64,
    /// (ask − bid) ÷ mid; a spread 0.05 wide or less always passes.
    pub max_spread: f64,
    pub basis_guard: BasisGuard,
    /// Close a short option once this share of its maximum profit is captured.
    pub take_profit: f64,
}

impl Criteria {
    pub const CONSERVATIVE: Criteria = Criteria {
        delta_min: 0.15,
        delta_max: 0.20,
        dte_min: 30,
        dte_max: 45,
        min_premium: 0.10,
        min_annualized_yield: 0.06,
        min_open_interest: 100,
        max_spread: 0.10,
        basis_guard: BasisGuard::Adjusted,
        take_profit: 0.50,
    };
    pub const MODERATE: Criteria =
        Criteria { delta_min: 0.25, delta_max: 0.30, min_premium: 0.15, min_annualized_yield: 0.10, ..Criteria::CONSERVATIVE };
    pub const AGGRESSIVE: Criteria = Criteria {
        delta_min: 0.35,
        delta_max: 0.40,
        dte_min: 7,
        dte_max: 21,
        min_premium: 0.10,
        min_annualized_yield: 0.15,
        min_open_interest: 50,
        max_spread: 0.15,
        basis_guard: BasisGuard::Adjusted,
        take_profit: 0.65,
    };

    /// The documented profiles by name, mildest first.
    pub const NAMED: [(&'static str, Criteria); 3] =
        [("conservative", Criteria::CONSERVATIVE), ("moderate", Criteria::MODERATE), ("aggressive", Criteria::AGGRESSIVE)];

    /// The named profile's criteria.
    pub fn named(profile: &str) -> Option<Criteria> {
        Criteria::NAMED.iter().find(|(name, _)| *name == profile).map(|(_, criteria)| *criteria)
    }

    /// These criteria with the overrides that are set, checked.
    pub fn with(mut self, o: &Overrides) -> Result<Criteria, (&'static str, String)> {
        macro_rules! take {
            ($($field:ident),*) => { $(if let Some(v) = o.$field { self.$field = v; })* };
        }
        overridable_fields!(take);
        self.check()?;
        Ok(self)
    }

    /// Field and fix for the first criterion that cannot select anything.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        check_window(self.delta_min, self.delta_max, self.dte_min, self.dte_max)?;
        if !self.min_premium.is_finite() || self.min_premium < 0.0 {
            return Err(("min_premium", format!("minimum premium must be ≥ 0 a share, got {}", self.min_premium)));
        }
        if !self.min_annualized_yield.is_finite() || self.min_annualized_yield < 0.0 {
            return Err(("min_annualized_yield", "minimum annualized yield must be ≥ 0 (0.10 for 10%)".into()));
        }
        if !self.max_spread.is_finite() || self.max_spread <= 0.0 {
            return Err(("max_spread", "maximum spread must be > 0 (0.10 for 10% of the mid)".into()));
        }
        if !self.take_profit.is_finite() || self.take_profit <= 0.0 || self.take_profit > 1.0 {
            return Err(("take_profit", format!("take profit must be a share of the maximum in (0, 1], got {}", self.take_profit)));
        }
        Ok(())
    }
}

/// The |Δ| band (0 ≤ min ≤ max ≤ 1) and the days-to-expiry window (0 ≤ min ≤ max ≤ 1100) that
/// profiles and scan filters share: the field and fix of the first that cannot select anything.
pub fn check_window(delta_min: f64, delta_max: f64, dte_min: i64, dte_max: i64) -> Result<(), (&'static str, String)> {
    let unit = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
    if !unit(delta_min) || !unit(delta_max) || delta_min > delta_max {
        return Err(("delta_min", format!("the delta band must be 0 ≤ min ≤ max ≤ 1, got {delta_min} – {delta_max}")));
    }
    if dte_min < 0 || dte_min > dte_max || dte_max > 1100 {
        return Err(("dte_min", format!("days to expiry must be 0 ≤ min ≤ max ≤ 1100, got {dte_min} – {dte_max}")));
    }
    Ok(())
}

/// Criteria a request overrides (unset fields keep the profile's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Overrides {
    #[ts(optional)]
    pub delta_min: Option<f64>,
    #[ts(optional)]
    pub delta_max: Option<f64>,
    #[ts(optional)]
    pub dte_min: Option<i64>,
    #[ts(optional)]
    pub dte_max: Option<i64>,
    #[ts(optional)]
    pub min_premium: Option<f64>,
    #[ts(optional)]
    pub min_annualized_yield: Option<f64>,
    #[ts(optional)]
    pub min_open_interest: Option<u64>,
    #[ts(optional)]
    pub max_spread: Option<f64>,
    #[ts(optional)]
    pub basis_guard: Option<BasisGuard>,
    #[ts(optional)]
    pub take_profit: Option<f64>,
}

impl Overrides {
    /// These overrides with `newer`'s set fields taking their place.
    pub fn merged(self, newer: &Overrides) -> Overrides {
        macro_rules! pick {
            ($($field:ident),*) => { Overrides { $($field: newer.$field.or(self.$field)),* } };
        }
        overridable_fields!(pick)
    }
}
