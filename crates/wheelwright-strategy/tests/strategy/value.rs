//! The strategy figures read a dividend the way the chain analytics do: a stated ex-date's cash
//! dividend is escrowed from the spot for the expiries after it; the yield reading is kept for
//! the risk simulation only, and is measurably wrong for a short expiry over an ex-date.

use crate::support::{chain, contract, d, underlying, with_dividend};
use wheelwright_domain::Right;
use wheelwright_pricing::calendar::{years_to_expiry, Underlying};
use wheelwright_pricing::european::{self, Dividend, Inputs};
use wheelwright_strategy::value::{european as valued, Context};

#[test]
fn a_put_over_an_ex_date_reads_the_iv_it_was_priced_at() {
    let quote = with_dividend(underlying("KO", 48.0), "2026-12-01", 0.51);
    let empty = chain(quote.clone(), vec![]);
    // The Dec 18 48 put priced at 20% with the 0.51 escrowed from Dec 1's open.
    let t = years_to_expiry(empty.time, d("2026-12-18"), Underlying::Equity).unwrap();
    // The quote is Nov 20 16:00 UTC; Dec 1 opens 09:30 EST = 14:30 UTC: 10 days 22.5 hours.
    let ex = (10.0 * 86_400.0 + 81_000.0) / (365.0 * 86_400.0);
    let dividends = vec![Dividend { t: ex, amount: 0.51 }];
    let inputs = Inputs { right: Right::Put, spot: 48.0, strike: 48.0, rate: 0.04, div_yield: 0.0, vol: 0.20, t, dividends };
    let price = european::value(&inputs).unwrap().price;
    let put = contract("KO", Right::Put, 48.0, "2026-12-18", price - 0.01, price + 0.01, 500);
    let chain = chain(quote, vec![put.clone()]);

    let ctx = Context::of(&chain).unwrap();
    assert_eq!(ctx.div_yield, 0.0);
    assert_eq!(ctx.dividends, vec![Dividend { t: ex, amount: 0.51 }], "only Dec 1 falls before the chain's last expiry");
    let iv = valued(&ctx, &put).iv.unwrap();
    assert!((iv - 0.20).abs() < 1e-6, "{iv}");
    // The probabilities diffuse the spot less the dividend's present value.
    let pv = 0.51 * (-0.04 * ex).exp();
    assert!((ctx.market(iv, t).spot - (48.0 - pv)).abs() < 1e-12);
    assert_eq!(ctx.market(iv, ex * 0.5).spot, 48.0, "nothing paid before then");

    // Spread as a yield (4 × 0.51 over 48), the same mid reads several points too high.
    let as_yield = Context::yield_only(&chain).unwrap();
    assert!((as_yield.div_yield - 4.0 * 0.51 / 48.0).abs() < 1e-12);
    assert!(as_yield.dividends.is_empty());
    let misread = valued(&as_yield, &put).iv.unwrap();
    assert!(misread - iv > 0.03, "{misread} vs {iv}");
}
