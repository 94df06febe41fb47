//! Which fills a broker's activity means. Pure: the activities and a view of the ledger in,
//! planned fills and "needs attention" items out. The rules follow ACCOUNTING.md's broker
//! section: option legs by their opening/closing effect and direction; an option removal is an
//! expiration, assignment or exercise by the broker's marker, else by the share movement that
//! came with it (deliverable × contracts at the strike, between the expiry and the next
//! session); that share trade is folded into the ASSIGN/EXERCISE (the ledger books the shares
//! itself) and never booked twice. Anything ambiguous needs attention — it is never guessed.
//! The import key of a fill is broker:activity:leg; an activity's fees are split across its
//! option legs by contracts (a roll sent as one order pays one commission).

use super::{Activity, ActivityKind, ActivityLeg, Effect, Instrument, RemovalMarker};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::{Action, FillData, OptionSpec, Symbol};

/// An option the ledger already settled by assignment or exercise, with its share delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettledOption {
    pub symbol: Symbol,
    pub spec: OptionSpec,
    pub contracts: Decimal,
    pub date: NaiveDate,
    pub assigned: bool,
}

/// An option the ledger holds open: a share trade at its strike may be its assignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldOption {
    pub symbol: Symbol,
    pub spec: OptionSpec,
    pub contracts: Decimal,
    pub short: bool,
}

/// What the translation needs to know of the portfolio before the sync.
#[derive(Clone, Debug, Default)]
pub struct LedgerView {
    pub settled: Vec<SettledOption>,
    pub open: Vec<HeldOption>,
}

/// One activity (or part of one) the sync could not book by itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Attention {
    pub activity: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub description: String,
    /// What is unclear and what the user can do about it.
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    Fill(FillData),
    /// A cash dividend: its share count is the ledger's holding on its date, known at insert.
    Dividend {
        fill: FillData,
        amount: Decimal,
    },
    Attention(Attention),
    /// Booked as part of another fill, or without ledger effect.
    Ignored {
        activity: String,
        reason: String,
    },
}

/// The window in which the shares of an assignment or exercise are delivered.
fn delivery_window(expiry: NaiveDate, removed: NaiveDate) -> (NaiveDate, NaiveDate) {
    (removed.min(expiry) - Duration::days(1), removed.max(expiry) + Duration::days(4))
}

/// The share movement an assignment or exercise causes: (shares signed, at the strike).
fn delivery(spec: &OptionSpec, contracts: Decimal, assigned_short: bool) -> Decimal {
    let shares = spec.deliverable * contracts;
    // A put assigned to us or a call we exercise brings shares in; the other two take them out.
    let shares_in = assigned_short == (spec.right == wheelwright_domain::Right::Put);
    if shares_in {
        shares
    } else {
        -shares
    }
}

/// Splits an activity's fees across legs by weight (contracts), in cents, the remainder on the
/// last leg so the parts add up exactly.
pub fn split_fees(total: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    let sum: Decimal = weights.iter().sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum.is_zero() {
        let mut parts = vec![Decimal::ZERO; weights.len()];
        parts[weights.len() - 1] = total;
        return parts;
    }
    let mut parts: Vec<Decimal> = weights[..weights.len() - 1].iter().map(|w| (total * w / sum).round_dp(2)).collect();
    let given: Decimal = parts.iter().sum();
    parts.push(total - given);
    parts
}

struct Translator<'a> {
    broker: &'a str,
    account: &'a str,
    activities: &'a [Activity],
    ledger: &'a LedgerView,
    /// Share legs (activity index, leg index) folded into an assignment or exercise.
    folded: Vec<(usize, usize)>,
}

/// Plans the fills for `activities` of one account, in date order.
pub fn translate(broker: &str, account: &str, activities: &[Activity], ledger: &LedgerView) -> Vec<Planned> {
    let mut order: Vec<usize> = (0..activities.len()).collect();
    order.sort_by(|&a, &b| {
        (activities[a].date, activities[a].time, &activities[a].id).cmp(&(activities[b].date, activities[b].time, &activities[b].id))
    });
    let mut t = Translator { broker, account, activities, ledger, folded: Vec::new() };
    // Removals first, so that the share trades they fold are known before share trades are read.
    let mut planned_by_activity: Vec<Vec<Planned>> = vec![Vec::new(); activities.len()];
    for &i in &order {
        if activities[i].valid && activities[i].kind == ActivityKind::Delivery {
            planned_by_activity[i] = t.delivery(i);
        }
    }
    for &i in &order {
        let a = &activities[i];
        if !a.valid {
            planned_by_activity[i] = vec![Planned::Ignored { activity: a.id.clone(), reason: "not a valid (booked) activity".into() }];
            continue;
        }
        planned_by_activity[i] = match a.kind {
            ActivityKind::Delivery => std::mem::take(&mut planned_by_activity[i]),
            ActivityKind::Trade => t.trade(i),
            ActivityKind::Income => vec![t.income(a)],
            ActivityKind::Transfer => vec![t.transfer(a)],
            ActivityKind::Informational => {
                vec![Planned::Ignored { activity: a.id.clone(), reason: format!("{}: no cash or position effect", a.broker_type) }]
            }
        };
    }
    order.into_iter().flat_map(|i| std::mem::take(&mut planned_by_activity[i])).collect()
}

impl Translator<'_> {
    fn external_id(&self, activity: &Activity, leg: usize) -> String {
        format!("{}:{}:{leg}", self.broker, activity.id)
    }

    fn attention(&self, activity: &Activity, reason: impl Into<String>) -> Planned {
        Planned::Attention(Attention {
            activity: activity.id.clone(),
            date: activity.date,
            description: activity.description.clone(),
            reason: reason.into(),
        })
    }

    fn fill(&self, activity: &Activity, leg: usize, action: Action, symbol: Option<Symbol>) -> FillData {
        FillData {
            date: activity.date,
            time: activity.time,
            action,
            symbol,
            option: None,
            quantity: Decimal::ZERO,
            price: Decimal::ZERO,
            fees: Decimal::ZERO,
            account: Some(self.account.to_string()),
            external_id: Some(self.external_id(activity, leg)),
            roll_id: None,
            note: (!activity.description.is_empty()).then(|| activity.description.clone()),
        }
    }

    fn trade(&mut self, i: usize) -> Vec<Planned> {
        let activity = &self.activities[i];
        if activity.fees < Decimal::ZERO {
            return vec![
                self.attention(activity, "the fees of this trade add up to a credit: record the trade by hand and the rebate as ADJUST")
            ];
        }
        let priced: Vec<(usize, &ActivityLeg)> =
            activity.legs.iter().enumerate().filter(|(leg, _)| !self.folded.contains(&(i, *leg))).collect();
        if priced.is_empty() {
            return vec![Planned::Ignored {
                activity: activity.id.clone(),
                reason: "the share delivery of an assignment or exercise, booked with it".into(),
            }];
        }
        if let Some(reason) = self.net_mismatch(activity) {
            return vec![self.attention(activity, reason)];
        }
        let weights: Vec<Decimal> = priced.iter().map(|(_, l)| l.quantity.abs()).collect();
        let fees = split_fees(activity.fees, &weights);
        let options = priced.iter().filter(|(_, l)| matches!(l.instrument, Instrument::Option { .. })).count();
        let opens_and_closes =
            priced.iter().any(|(_, l)| l.effect == Some(Effect::Opening)) && priced.iter().any(|(_, l)| l.effect == Some(Effect::Closing));
        let roll_id = (options >= 2 && opens_and_closes).then(|| format!("{}:{}", self.broker, activity.id));
        let mut planned = Vec::new();
        for ((leg_index, leg), fee) in priced.into_iter().zip(fees) {
            let mut fill = match self.trade_leg(activity, leg_index, leg) {
                Ok(fill) => fill,
                Err(attention) => {
                    planned.push(*attention);
                    continue;
                }
            };
            fill.fees = fee;
            fill.roll_id = roll_id.clone();
            planned.push(Planned::Fill(fill));
        }
        planned
    }

    /// A trade whose legs and fees do not add up to the cash the broker moved was misread or
    /// is incomplete: booking it could lose or invent money.
    fn net_mismatch(&self, activity: &Activity) -> Option<String> {
        let gross: Decimal = activity
            .legs
            .iter()
            .map(|leg| {
                let per_unit = leg.instrument.option_spec().map_or(Decimal::ONE, |spec| spec.multiplier);
                -leg.quantity * leg.price * per_unit
            })
            .sum();
        let expected = gross - activity.fees;
        (expected != activity.net_amount).then(|| {
            format!(
                "the legs and fees of this trade add up to {expected}, but the broker moved {}: a leg is missing or unreadable — record it by hand",
                activity.net_amount
            )
        })
    }

    fn trade_leg(&self, activity: &Activity, leg_index: usize, leg: &ActivityLeg) -> Result<FillData, Box<Planned>> {
        match &leg.instrument {
            Instrument::Option { contract, non_standard, .. } => {
                if *non_standard {
                    return Err(Box::new(self.attention(activity, format!("{contract} is an adjusted contract with several deliverables: record it by hand with its multiplier and deliverable"))));
                }
                let action = match (leg.effect, leg.quantity > Decimal::ZERO) {
                    (Some(Effect::Opening), false) => Action::Sto,
                    (Some(Effect::Opening), true) => Action::Bto,
                    (Some(Effect::Closing), true) => Action::Btc,
                    (Some(Effect::Closing), false) => Action::Stc,
                    (None, _) => {
                        let reason = format!("the {contract} leg says neither opening nor closing: record it by hand");
                        return Err(Box::new(self.attention(activity, reason)));
                    }
                };
                let mut fill = self.fill(activity, leg_index, action, Some(contract.underlying.clone()));
                fill.option = leg.instrument.option_spec();
                fill.quantity = leg.quantity.abs();
                fill.price = leg.price;
                Ok(fill)
            }
            Instrument::Shares { symbol } => {
                if let Some(reason) = self.share_trade_doubt(activity, symbol, leg) {
                    return Err(Box::new(reason));
                }
                let action = if leg.quantity > Decimal::ZERO { Action::Buy } else { Action::Sell };
                let mut fill = self.fill(activity, leg_index, action, Some(symbol.clone()));
                fill.quantity = leg.quantity.abs();
                fill.price = leg.price;
                Ok(fill)
            }
            Instrument::Other { symbol, asset_type } => {
                let reason = format!("{symbol} is a {asset_type}, which the wheel ledger does not hold: it stays out of the ledger");
                Err(Box::new(self.attention(activity, reason)))
            }
        }
    }

    /// A share trade at the strike of an option the ledger settled or holds may be that
    /// option's delivery: booking it as a BUY/SELL could count the shares twice.
    fn share_trade_doubt(&self, activity: &Activity, symbol: &Symbol, leg: &ActivityLeg) -> Option<Planned> {
        for settled in self.ledger.settled.iter().filter(|s| &s.symbol == symbol && s.spec.strike == leg.price) {
            let (from, to) = delivery_window(settled.spec.expiry, settled.date);
            if delivery(&settled.spec, settled.contracts, settled.assigned) == leg.quantity && (from..=to).contains(&activity.date) {
                return Some(Planned::Ignored {
                    activity: activity.id.clone(),
                    reason: format!("the share delivery of the {} {} assignment or exercise already in the ledger", symbol, settled.spec),
                });
            }
        }
        for held in self.ledger.open.iter().filter(|h| &h.symbol == symbol && h.spec.strike == leg.price) {
            // Some or all of the held contracts' shares, in the direction their settlement moves them.
            let per_contract = delivery(&held.spec, Decimal::ONE, held.short);
            let contracts = leg.quantity / per_contract;
            let moves = contracts > Decimal::ZERO && contracts.fract().is_zero() && contracts <= held.contracts;
            if moves && activity.date <= held.spec.expiry + Duration::days(4) {
                let kind = if held.short { "assigned" } else { "exercised" };
                return Some(self.attention(activity, format!(
                    "these shares moved at the strike of the open {symbol} {}: if it was {kind}, sync again once the broker posts the option's removal; if it was an ordinary trade, record it by hand",
                    held.spec
                )));
            }
        }
        None
    }

    /// Option removals: expiration, assignment or exercise.
    fn delivery(&mut self, i: usize) -> Vec<Planned> {
        let activity = &self.activities[i];
        let mut planned = Vec::new();
        let options: Vec<(usize, &ActivityLeg)> =
            activity.legs.iter().enumerate().filter(|(_, l)| matches!(l.instrument, Instrument::Option { .. })).collect();
        if options.is_empty() {
            return vec![self.attention(activity, "positions moved into or out of the account outside a trade (a transfer?): record shares received as BUY at your cost basis")];
        }
        let weights: Vec<Decimal> = options.iter().map(|(_, l)| l.quantity.abs()).collect();
        let removal_fees = split_fees(activity.fees.max(Decimal::ZERO), &weights);
        for ((leg_index, leg), removal_fee) in options.into_iter().zip(removal_fees) {
            let Instrument::Option { contract, non_standard, .. } = &leg.instrument else { unreachable!("filtered to options") };
            if *non_standard {
                planned.push(self.attention(
                    activity,
                    format!("{contract} is an adjusted contract with several deliverables: record its settlement by hand"),
                ));
                continue;
            }
            let spec = leg.instrument.option_spec().expect("an option leg has a spec");
            let contracts = leg.quantity.abs();
            // Removing a short position adds contracts back; removing a long one takes them away.
            let was_short = leg.quantity > Decimal::ZERO;
            let shares = self.find_delivery(i, &contract.underlying, &spec, contracts, was_short);
            let action = match (activity.marker, &shares) {
                (Some(RemovalMarker::Expiration), Some(_)) => {
                    planned.push(self.attention(activity, format!("the broker calls the {contract} removal an expiration, but shares moved at its strike: check whether it was exercised")));
                    continue;
                }
                (Some(RemovalMarker::Expiration), None) => Action::Expire,
                (Some(RemovalMarker::Assignment), _) if !was_short => {
                    planned.push(
                        self.attention(activity, format!("the broker reports an assignment of a long {contract}: check the position")),
                    );
                    continue;
                }
                (Some(RemovalMarker::Exercise), _) if was_short => {
                    planned.push(
                        self.attention(activity, format!("the broker reports an exercise of a short {contract}: check the position")),
                    );
                    continue;
                }
                (Some(RemovalMarker::Assignment | RemovalMarker::Exercise), _) | (None, Some(_)) => {
                    if was_short {
                        Action::Assign
                    } else {
                        Action::Exercise
                    }
                }
                (None, None) if activity.date >= contract.expiry => Action::Expire,
                (None, None) => {
                    planned.push(self.attention(activity, format!("{contract} left the account before its expiry with no marker and no share delivery: record how it closed by hand")));
                    continue;
                }
            };
            let mut fill = self.fill(activity, leg_index, action, Some(contract.underlying.clone()));
            fill.option = Some(spec.clone());
            fill.quantity = contracts;
            fill.fees = removal_fee;
            if action == Action::Expire {
                // Realized on the expiry date, whatever day the broker posts the removal.
                fill.date = contract.expiry;
                fill.time = None;
            }
            if let Some((share_activity, share_leg)) = shares {
                let share = &self.activities[share_activity];
                // The shares moved on the expiry (or early-assignment) day; the removal may post later.
                fill.date = fill.date.min(share.date);
                fill.time = None;
                // The assignment fee is the share delivery's commission.
                let weight_total: Decimal = share.legs.iter().map(|l| l.quantity.abs()).sum();
                let share_qty = share.legs[share_leg].quantity.abs();
                fill.fees += if weight_total.is_zero() { share.fees } else { (share.fees * share_qty / weight_total).round_dp(2) };
                self.folded.push((share_activity, share_leg));
                let note = format!("{} (shares: activity {})", fill.note.clone().unwrap_or_default(), share.id);
                fill.note = Some(note.trim().to_string());
            }
            planned.push(Planned::Fill(fill));
        }
        planned
    }

    /// The share leg that delivers this option's shares, in this activity or a trade nearby.
    fn find_delivery(&self, i: usize, symbol: &Symbol, spec: &OptionSpec, contracts: Decimal, was_short: bool) -> Option<(usize, usize)> {
        let expected = delivery(spec, contracts, was_short);
        let removal = &self.activities[i];
        let (from, to) = delivery_window(spec.expiry, removal.date);
        let candidates = self
            .activities
            .iter()
            .enumerate()
            .filter(|(j, a)| a.valid && (*j == i || a.kind == ActivityKind::Trade) && (from..=to).contains(&a.date));
        for (j, a) in candidates {
            for (leg_index, leg) in a.legs.iter().enumerate() {
                let shares_of = matches!(&leg.instrument, Instrument::Shares { symbol: s } if s == symbol);
                if shares_of && leg.quantity == expected && leg.price == spec.strike && !self.folded.contains(&(j, leg_index)) {
                    return Some((j, leg_index));
                }
            }
        }
        None
    }

    fn income(&self, activity: &Activity) -> Planned {
        let symbol = activity.legs.iter().find_map(|l| match &l.instrument {
            Instrument::Shares { symbol } => Some(symbol.clone()),
            _ => None,
        });
        let net = activity.net_amount;
        if net.is_zero() {
            return Planned::Ignored { activity: activity.id.clone(), reason: "income of zero".into() };
        }
        match (symbol, net > Decimal::ZERO) {
            (Some(symbol), true) => {
                let fill = self.fill(activity, 0, Action::Dividend, Some(symbol));
                Planned::Dividend { fill, amount: net }
            }
            (Some(symbol), false) => {
                // Withholding or an ADR fee charged against the holding.
                let mut fill = self.fill(activity, 0, Action::Fee, Some(symbol));
                fill.fees = -net;
                Planned::Fill(fill)
            }
            (None, true) => {
                let mut fill = self.fill(activity, 0, Action::Interest, None);
                fill.price = net;
                Planned::Fill(fill)
            }
            (None, false) => {
                // Margin interest charged.
                let mut fill = self.fill(activity, 0, Action::Fee, None);
                fill.fees = -net;
                Planned::Fill(fill)
            }
        }
    }

    fn transfer(&self, activity: &Activity) -> Planned {
        let net = activity.net_amount;
        if net.is_zero() {
            return Planned::Ignored { activity: activity.id.clone(), reason: format!("{} of zero", activity.broker_type) };
        }
        let action = if net > Decimal::ZERO { Action::Deposit } else { Action::Withdraw };
        let mut fill = self.fill(activity, 0, action, None);
        fill.price = net.abs();
        Planned::Fill(fill)
    }
}

#[cfg(test)]
mod tests {
    use super::split_fees;
    use rust_decimal_macros::dec;

    #[test]
    fn fees_split_by_contracts_add_up_exactly() {
        assert_eq!(split_fees(dec!(1.32), &[dec!(1), dec!(1)]), vec![dec!(0.66), dec!(0.66)]);
        assert_eq!(split_fees(dec!(1.00), &[dec!(1), dec!(1), dec!(1)]), vec![dec!(0.33), dec!(0.33), dec!(0.34)]);
        assert_eq!(split_fees(dec!(2.63), &[dec!(3), dec!(1)]), vec![dec!(1.97), dec!(0.66)]);
        assert_eq!(split_fees(dec!(0.5), &[dec!(0)]), vec![dec!(0.5)]);
    }
}
