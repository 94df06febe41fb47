//! Exact decimal money and the two rounding rules the ledger uses: allocations round to the
//! cent with the remainder going to the last part (so parts always add up to the whole), and
//! per-share figures are shown half-even to 4 decimals but never fed back into calculations.
//! And the one way amounts are grouped for reading (chart labels, a candidate's reason).

use rust_decimal::{Decimal, RoundingStrategy};

pub type Money = Decimal;

/// Rounds to the cent, half-even (banker's rounding, as brokers and tax forms do).
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

/// A per-share figure for display: half-even to exactly 4 decimals.
pub fn per_share(total: Decimal, shares: Decimal) -> Option<Decimal> {
    if shares.is_zero() {
        return None;
    }
    let mut value = (total / shares).round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven);
    value.rescale(4);
    Some(value)
}

/// Shows a total with at least two decimals, keeping every digit it has (totals are exact).
pub fn exact(mut amount: Decimal) -> Decimal {
    amount = amount.normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount
}

/// The part of `whole` that belongs to `part` out of `of`, for an allocation that is not the
/// last one: rounded to the cent. The last part must take `whole − Σ earlier parts` instead,
/// which [`Allocation`] does.
fn pro_rata(whole: Decimal, part: Decimal, of: Decimal) -> Decimal {
    if of.is_zero() {
        return Decimal::ZERO;
    }
    round_cents(whole * part / of)
}

/// Splits an amount over parts in proportion to their weights, rounded to the cent, the
/// remainder going to the last part so that the parts add up to the amount exactly.
pub fn split_pro_rata(amount: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    let total: Decimal = weights.iter().copied().sum();
    let mut parts = Vec::with_capacity(weights.len());
    let mut given = Decimal::ZERO;
    for (i, w) in weights.iter().enumerate() {
        let share = if i + 1 == weights.len() { amount - given } else { pro_rata(amount, *w, total) };
        given += share;
        parts.push(share);
    }
    parts
}

/// An amount handed out piece by piece over time (a leg's opening fees over its closes, a lot's
/// basis over its sales): each piece is pro rata and rounded, and the piece that empties the
/// source takes exactly what is left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    pub total: Decimal,
    pub given: Decimal,
}

impl Allocation {
    pub fn new(total: Decimal) -> Self {
        Allocation { total, given: Decimal::ZERO }
    }

    /// Takes the share for `part` units out of `of` original units, `remaining_after` units being
    /// left once this part is gone.
    pub fn take(&mut self, part: Decimal, of: Decimal, remaining_after: Decimal) -> Decimal {
        let share = if remaining_after.is_zero() { self.total - self.given } else { pro_rata(self.total, part, of) };
        self.given += share;
        share
    }

    pub fn left(&self) -> Decimal {
        self.total - self.given
    }
}

/// A whole, non-negative number with comma separators: "12,500".
pub fn thousands(whole: f64) -> String {
    let digits = format!("{whole:.0}");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn thousands_are_grouped_from_the_right() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_000.0), "1,000");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
    }

    #[test]
    fn split_gives_remainder_to_last_part() {
        assert_eq!(split_pro_rata(dec!(1.95), &[dec!(2), dec!(1)]), vec![dec!(1.30), dec!(0.65)]);
        assert_eq!(split_pro_rata(dec!(1.00), &[dec!(1), dec!(1), dec!(1)]), vec![dec!(0.33), dec!(0.33), dec!(0.34)]);
    }

    #[test]
    fn allocation_over_time_adds_up() {
        let mut fees = Allocation::new(dec!(3.25));
        assert_eq!(fees.take(dec!(1), dec!(5), dec!(4)), dec!(0.65));
        assert_eq!(fees.take(dec!(3), dec!(5), dec!(1)), dec!(1.95));
        assert_eq!(fees.take(dec!(1), dec!(5), dec!(0)), dec!(0.65));
        assert_eq!(fees.left(), dec!(0));
    }

    #[test]
    fn per_share_is_half_even_to_four_places() {
        assert_eq!(per_share(dec!(4801), dec!(100)).unwrap().to_string(), "48.0100");
        assert_eq!(per_share(dec!(1.00005), dec!(1)).unwrap().to_string(), "1.0000");
        assert_eq!(per_share(dec!(1.00015), dec!(1)).unwrap().to_string(), "1.0002");
        assert_eq!(per_share(dec!(1), dec!(0)), None);
    }

    #[test]
    fn exact_keeps_digits_and_shows_cents() {
        assert_eq!(exact(dec!(200.0000)).to_string(), "200.00");
        assert_eq!(exact(dec!(0.005)).to_string(), "0.005");
        assert_eq!(exact(dec!(-3)).to_string(), "-3.00");
    }
}
