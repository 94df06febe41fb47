//! A tiny builder for fill sequences so scenarios read like a trade blotter.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use wheelwright_domain::{replay, Action, Fill, FillData, OptionSpec, Right, Symbol, WheelBook};

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn n(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[derive(Default, Clone)]
pub struct Blotter {
    pub fills: Vec<Fill>,
}

pub struct Contract {
    pub right: Right,
    pub strike: &'static str,
    pub expiry: &'static str,
    pub multiplier: &'static str,
    pub deliverable: &'static str,
}

pub fn put(strike: &'static str, expiry: &'static str) -> Contract {
    Contract { right: Right::Put, strike, expiry, multiplier: "100", deliverable: "100" }
}

pub fn call(strike: &'static str, expiry: &'static str) -> Contract {
    Contract { right: Right::Call, strike, expiry, multiplier: "100", deliverable: "100" }
}

pub fn base(date: &str, action: Action) -> FillData {
    FillData {
        date: d(date),
        time: None,
        action,
        symbol: Some(Symbol::parse("AAPL").unwrap()),
        option: None,
        quantity: Decimal::ZERO,
        price: Decimal::ZERO,
        fees: Decimal::ZERO,
        account: None,
        external_id: None,
        roll_id: None,
        note: None,
    }
}

impl Blotter {
    pub fn push(&mut self, data: FillData) -> i64 {
        let id = self.fills.len() as i64 + 1;
        self.fills.push(Fill { id, seq: id, data });
        id
    }

    pub fn option(&mut self, date: &str, action: Action, c: &Contract, qty: &str, price: &str, fees: &str) -> i64 {
        self.option_rolled(date, action, c, qty, price, fees, None)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn option_rolled(
        &mut self,
        date: &str,
        action: Action,
        c: &Contract,
        qty: &str,
        price: &str,
        fees: &str,
        roll: Option<&str>,
    ) -> i64 {
        let mut data = base(date, action);
        data.option = Some(OptionSpec {
            right: c.right,
            strike: n(c.strike),
            expiry: d(c.expiry),
            multiplier: n(c.multiplier),
            deliverable: n(c.deliverable),
        });
        data.quantity = n(qty);
        data.price = n(price);
        data.fees = n(fees);
        data.roll_id = roll.map(str::to_string);
        self.push(data)
    }

    pub fn shares(&mut self, date: &str, action: Action, qty: &str, price: &str, fees: &str) -> i64 {
        let mut data = base(date, action);
        data.quantity = n(qty);
        data.price = n(price);
        data.fees = n(fees);
        self.push(data)
    }

    pub fn fee(&mut self, date: &str, amount: &str) -> i64 {
        let mut data = base(date, Action::Fee);
        data.fees = n(amount);
        self.push(data)
    }

    pub fn book(&self) -> WheelBook {
        let book = replay(&self.fills).unwrap_or_else(|e| panic!("replay failed: {e:?}"));
        assert_cash_identity(&book);
        book
    }
}

/// ACCOUNTING.md's cash identity: net cash = realized − Σ open-lot basis + Σ open short credits
/// net of their fees − Σ open long debits incl. fees. Checked on every book a scenario builds.
pub fn assert_cash_identity(book: &WheelBook) {
    let lots: Decimal = book.lots.iter().map(|l| l.basis).sum();
    let open_options: Decimal = book.open_legs().map(|l| l.open_cash()).sum();
    assert_eq!(book.net_cash, book.realized_pnl() - lots + open_options, "cash identity broken");
}
