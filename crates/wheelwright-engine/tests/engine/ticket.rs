//! A ticket's preview and undo, worked by hand: a T put sold for 0.40 on 20,000 of cash, then
//! assigned. The preview writes nothing and refuses what recording would refuse; every undo is
//! itself a change (so it can be undone), refuses to throw away a later edit, and leaves the
//! ledger untouched when the ledger would not add up without the fill.

use super::strategy::fill;
use super::{db_in, open};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;
use wheelwright_domain::{Action, ErrorCode, FillData, OptionSpec, Right, Symbol, WheelState};
use wheelwright_engine::model::{FillInput, FillOutcome, NewPortfolio};

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn put() -> OptionSpec {
    OptionSpec {
        right: Right::Put,
        strike: d("25"),
        expiry: NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        multiplier: d("100"),
        deliverable: d("100"),
    }
}

fn input(data: wheelwright_domain::FillData) -> FillInput {
    FillInput { portfolio: "Main".into(), fill: data }
}

/// An engine on a fresh file in `dir` with portfolio "Main" holding 20,000 of cash, and the
/// deposit that put it there.
async fn main_with_cash(dir: &std::path::Path) -> (wheelwright_engine::Engine, FillOutcome) {
    let engine = open(&db_in(dir)).await;
    engine.create_portfolio(NewPortfolio { name: "Main".into(), ..Default::default() }).await.unwrap();
    let deposit = engine.add_fill(input(fill(Action::Deposit, None, None, "0", "20000"))).await.unwrap();
    (engine, deposit)
}

#[tokio::test]
async fn a_preview_shows_the_effect_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, _) = main_with_cash(dir.path()).await;

    let sale = fill(Action::Sto, Some("T"), Some(put()), "1", "0.40");
    let preview = engine.preview_fill(input(sale.clone())).await.unwrap();
    assert!(preview.new_wheel && !preview.duplicate);
    let (before, after) = (&preview.before, &preview.after);
    assert_eq!((before.cash, before.collateral, before.free_cash, before.state), (d("20000"), d("0"), d("20000"), None));
    // 20,000 + 0.40 × 100; 25 × 100 secured.
    assert_eq!((after.cash, after.collateral, after.free_cash), (d("20040"), d("2500"), d("17540")));
    assert_eq!((after.premium_collected, after.state), (d("40"), Some(WheelState::PutOpen)));
    assert_eq!(engine.list_fills("Main", None).await.unwrap().len(), 1, "nothing recorded");
    assert!(engine.list_wheels("Main").await.unwrap().is_empty(), "no wheel started");

    engine.add_fill(input(sale)).await.unwrap();
    let assignment = fill(Action::Assign, Some("T"), Some(put()), "1", "0");
    let preview = engine.preview_fill(input(assignment)).await.unwrap();
    assert!(!preview.new_wheel);
    let after = &preview.after;
    // 20,040 − 25 × 100 for the shares; the premium lives in their basis: (2,500 − 40) ÷ 100.
    assert_eq!((after.cash, after.collateral, after.free_cash), (d("17540"), d("0"), d("17540")));
    assert_eq!((after.shares, after.cost_basis_per_share, after.adjusted_basis_per_share), (d("100"), Some(d("24.6")), Some(d("24.6"))));
    assert_eq!(after.state, Some(WheelState::Shares));
    assert_eq!(preview.before.state, Some(WheelState::PutOpen));

    // What recording would refuse, the preview refuses the same way.
    let too_many = fill(Action::Btc, Some("T"), Some(put()), "2", "0.10");
    let refused = engine.preview_fill(input(too_many.clone())).await.unwrap_err();
    let recorded = engine.add_fill(input(too_many)).await.unwrap_err();
    assert_eq!((refused.code, refused.field.clone()), (recorded.code, recorded.field.clone()));
    assert_eq!(refused.code, ErrorCode::CloseExceedsOpen);
    let unknown = engine.preview_fill(FillInput { portfolio: "Nope".into(), fill: fill(Action::Deposit, None, None, "0", "1") }).await;
    assert_eq!(unknown.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn an_edit_is_previewed_in_place_and_refused_as_saving_would_refuse_it() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, _) = main_with_cash(dir.path()).await;
    let sale = fill(Action::Sto, Some("T"), Some(put()), "1", "0.40");
    let sold = engine.add_fill(input(sale.clone())).await.unwrap().fill.id;

    // Two contracts at 0.55 instead of one at 0.40: 20,000 + 2 × 55 of cash, 2 × 2,500 secured.
    let bigger = fill(Action::Sto, Some("T"), Some(put()), "2", "0.55");
    let preview = engine.preview_edit(sold, bigger.clone()).await.unwrap();
    assert!(!preview.new_wheel && !preview.duplicate);
    assert_eq!((preview.before.cash, preview.before.collateral, preview.before.premium_collected), (d("20040"), d("2500"), d("40")));
    assert_eq!((preview.after.cash, preview.after.collateral, preview.after.free_cash), (d("20110"), d("5000"), d("15110")));
    assert_eq!(preview.after.premium_collected, d("110"));
    let stored = engine.fill(sold).await.unwrap().fill.data;
    assert_eq!((stored.quantity, stored.price), (d("1"), d("0.40")), "nothing saved");
    // Saved, it stands as the preview showed; previewed again as it is, it changes nothing.
    engine.edit_fill(sold, bigger.clone()).await.unwrap();
    let again = engine.preview_edit(sold, bigger.clone()).await.unwrap();
    assert!(again.duplicate);
    assert_eq!((&again.before, &again.after), (&preview.after, &preview.after));
    // Saved again as it is, nothing is written: no audit entry to undo, no new change number.
    let unchanged = engine.edit_fill(sold, bigger.clone()).await.unwrap();
    assert!(unchanged.duplicate);
    assert_eq!((unchanged.change, unchanged.fill.id), (None, sold));
    assert_eq!(engine.fill(sold).await.unwrap().fill.data.price, d("0.55"));
    // Moved to another symbol: that symbol's wheel would start, and T's would be left empty.
    let moved = engine.preview_edit(sold, FillData { symbol: Some(Symbol::parse("VZ").unwrap()), ..bigger.clone() }).await.unwrap();
    assert!(moved.new_wheel);
    assert_eq!((moved.symbol.as_deref(), moved.after.collateral, moved.after.premium_collected), (Some("VZ"), d("5000"), d("110")));
    assert_eq!((moved.before.premium_collected, moved.before.state), (d("0"), None), "VZ has no wheel yet");
    let left = moved.moved_from.expect("the wheel the fill leaves");
    assert_eq!(left.symbol, "T");
    assert_eq!((left.before.premium_collected, left.before.state), (d("110"), Some(WheelState::PutOpen)));
    assert_eq!((left.after.premium_collected, left.after.state), (d("0"), Some(WheelState::Idle)));
    // The portfolio's figures are the same whichever wheel they are read beside.
    assert_eq!((left.after.cash, left.after.collateral), (moved.after.cash, moved.after.collateral));
    assert!(preview.moved_from.is_none(), "an edit on the same symbol changes one wheel");

    // With the put assigned, moving the sale away would leave the assignment nothing to assign:
    // the preview refuses it with the error saving gives.
    engine.add_fill(input(fill(Action::Assign, Some("T"), Some(put()), "2", "0"))).await.unwrap();
    let away = FillData { symbol: Some(Symbol::parse("VZ").unwrap()), ..bigger };
    let refused = engine.preview_edit(sold, away.clone()).await.unwrap_err();
    let saved = engine.edit_fill(sold, away).await.unwrap_err();
    assert_eq!((refused.code, refused.message.clone()), (saved.code, saved.message.clone()));
    assert_eq!(engine.preview_edit(9_999, sale).await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn undo_reverses_a_change_through_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, deposit) = main_with_cash(dir.path()).await;
    let sale = engine.add_fill(input(fill(Action::Sto, Some("T"), Some(put()), "1", "0.40"))).await.unwrap();
    let assigned = engine.add_fill(input(fill(Action::Assign, Some("T"), Some(put()), "1", "0"))).await.unwrap();
    let state = || async { engine.wheel("Main", "T").await.unwrap().summary.state };
    assert_eq!(state().await, WheelState::Shares);

    // Undo the assignment: deleted, the put open again.
    let undone = engine.undo_change(assigned.change.unwrap()).await.unwrap();
    assert_eq!((undone.fill_id, undone.description.as_str()), (assigned.fill.id, &*format!("deleted fill {}", assigned.fill.id)));
    assert_eq!(state().await, WheelState::PutOpen);
    assert_eq!(engine.list_fills("Main", None).await.unwrap().len(), 2);
    // Undo the undo: restored with its id and entry order.
    let redone = engine.undo_change(undone.change).await.unwrap();
    assert_eq!(redone.fill_id, assigned.fill.id);
    assert_eq!(engine.fill(assigned.fill.id).await.unwrap().fill, assigned.fill);
    assert_eq!(state().await, WheelState::Shares);

    // Undoing the sale would leave an assignment of nothing: refused, nothing changed.
    let refused = engine.undo_change(sale.change.unwrap()).await.unwrap_err();
    assert!(refused.message.starts_with(&format!("change {} cannot be undone", sale.change.unwrap())), "{}", refused.message);
    assert_eq!(engine.list_fills("Main", None).await.unwrap().len(), 3);

    // An edit is put back; undoing it again would throw the put-back away: refused by name.
    let mut more = deposit.fill.data.clone();
    more.price = d("25000");
    let edited = engine.edit_fill(deposit.fill.id, more).await.unwrap();
    assert_eq!(engine.portfolio_overview("Main").await.unwrap().cash.cash, d("17540") + d("5000"));
    let put_back = engine.undo_change(edited.change.unwrap()).await.unwrap();
    assert_eq!(put_back.description, format!("put fill {} back as it was", deposit.fill.id));
    assert_eq!(engine.fill(deposit.fill.id).await.unwrap().fill.data.price, d("20000"));
    let stale = engine.undo_change(edited.change.unwrap()).await.unwrap_err();
    assert_eq!((stale.code, stale.field.as_deref()), (ErrorCode::ChangedSince, Some("change")));

    // A deletion is undone the same way.
    let removed = engine.delete_fill(assigned.fill.id).await.unwrap();
    assert_eq!(state().await, WheelState::PutOpen);
    engine.undo_change(removed.change).await.unwrap();
    assert_eq!(state().await, WheelState::Shares);

    // The newest fill deleted and the next one recorded: it gets a new id (an id is never given
    // out twice) but the deleted fill's entry number. The deleted one comes back under its own
    // id, after it in the entry order.
    let dividend = fill(Action::Dividend, Some("T"), None, "100", "0.28");
    let paid = engine.add_fill(input(dividend.clone())).await.unwrap();
    let removed = engine.delete_fill(paid.fill.id).await.unwrap();
    let next = engine.add_fill(input(fill(Action::Interest, None, None, "0", "3.10"))).await.unwrap();
    assert_eq!((next.fill.id, next.fill.seq), (paid.fill.id + 1, paid.fill.seq));
    let back = engine.undo_change(removed.change).await.unwrap();
    assert_eq!(back.fill_id, paid.fill.id);
    let restored = engine.fill(back.fill_id).await.unwrap().fill;
    assert_eq!((restored.data.price, restored.seq), (d("0.28"), next.fill.seq + 1));
    assert_eq!(engine.fill(next.fill.id).await.unwrap().fill.data.price, d("3.1"), "the new fill is untouched");
    // Once only: the fill is back, so undoing its deletion again is refused, and nothing changes.
    let again = engine.undo_change(removed.change).await.unwrap_err();
    assert_eq!((again.code, again.field.as_deref()), (ErrorCode::ChangedSince, Some("change")));
    assert_eq!(engine.list_fills("Main", Some("T")).await.unwrap().iter().filter(|f| f.fill.data.price == d("0.28")).count(), 1);

    // In a file from before ids were kept for good, a deleted fill's id could go to the next
    // fill recorded (SQLite reused the newest id): undoing the deletion brings the deleted fill
    // back beside that one, under a new id, and leaves it alone.
    let interest = |amount: &str| input(fill(Action::Interest, None, None, "0", amount));
    let first = engine.add_fill(interest("1.50")).await.unwrap();
    let removed = engine.delete_fill(first.fill.id).await.unwrap();
    let second = engine.add_fill(interest("0.75")).await.unwrap();
    sqlx::query("UPDATE fills SET id = ? WHERE id = ?")
        .bind(first.fill.id)
        .bind(second.fill.id)
        .execute(engine.store().pool())
        .await
        .unwrap();
    let back = engine.undo_change(removed.change).await.unwrap();
    assert_ne!(back.fill_id, first.fill.id);
    assert_eq!(engine.fill(back.fill_id).await.unwrap().fill.data.price, d("1.50"));
    assert_eq!(engine.fill(first.fill.id).await.unwrap().fill.data.price, d("0.75"), "the fill under the reused id is untouched");

    assert_eq!(engine.undo_change(99_999).await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn undoing_the_fill_that_started_a_wheel_takes_the_wheel_too() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, _) = main_with_cash(dir.path()).await;
    let symbols = || async { engine.list_wheels("Main").await.unwrap().into_iter().map(|w| w.symbol).collect::<Vec<_>>() };

    // The put that started the T wheel, undone: the wheel goes with it, and says so.
    let sale = engine.add_fill(input(fill(Action::Sto, Some("T"), Some(put()), "1", "0.40"))).await.unwrap();
    assert_eq!(symbols().await, ["T"]);
    let undone = engine.undo_change(sale.change.unwrap()).await.unwrap();
    assert_eq!(undone.description, format!("deleted fill {} and the T wheel it started", sale.fill.id));
    assert!(symbols().await.is_empty());
    // Redone: the fill back in a T wheel made anew.
    let redone = engine.undo_change(undone.change).await.unwrap();
    assert_eq!(symbols().await, ["T"]);
    assert_eq!(engine.wheel("Main", "T").await.unwrap().fills.len(), 1);
    assert_eq!(redone.fill_id, sale.fill.id);
    // The redo made the wheel again, so undoing the redo takes it again.
    let again = engine.undo_change(redone.change).await.unwrap();
    assert!(again.description.ends_with("and the T wheel it started"), "{}", again.description);
    assert!(symbols().await.is_empty());
    engine.undo_change(again.change).await.unwrap();

    // A wheel made by hand before its first fill stays when that fill is undone.
    engine.create_wheel("Main", wheelwright_engine::model::NewWheel { symbol: "KO".into(), ..Default::default() }).await.unwrap();
    let ko_sale = engine.add_fill(input(fill(Action::Sto, Some("KO"), Some(put()), "1", "0.50"))).await.unwrap();
    let kept = engine.undo_change(ko_sale.change.unwrap()).await.unwrap();
    assert_eq!(kept.description, format!("deleted fill {}", ko_sale.fill.id));
    assert_eq!(symbols().await, ["KO", "T"]);

    // A second fill's undo leaves the wheel it joined.
    let close = engine.add_fill(input(fill(Action::Btc, Some("T"), Some(put()), "1", "0.10"))).await.unwrap();
    engine.undo_change(close.change.unwrap()).await.unwrap();
    assert_eq!(symbols().await, ["KO", "T"]);
}

#[tokio::test]
async fn a_portfolios_fill_changes_are_listed_newest_first_to_undo_from() {
    use wheelwright_engine::undo::ChangeKind;
    let dir = tempfile::tempdir().unwrap();
    let (engine, deposit) = main_with_cash(dir.path()).await;
    engine.create_portfolio(NewPortfolio { name: "Other".into(), ..Default::default() }).await.unwrap();
    let sale = engine.add_fill(input(fill(Action::Sto, Some("T"), Some(put()), "1", "0.40"))).await.unwrap();
    let elsewhere = FillInput { portfolio: "Other".into(), fill: fill(Action::Deposit, None, None, "0", "5000") };
    engine.add_fill(elsewhere).await.unwrap();
    let edited = engine.edit_fill(sale.fill.id, fill(Action::Sto, Some("T"), Some(put()), "1", "0.45")).await.unwrap();
    let removed = engine.delete_fill(sale.fill.id).await.unwrap();

    let changes = engine.fill_changes("Main", 10).await.unwrap();
    let listed: Vec<(i64, ChangeKind, i64)> = changes.iter().map(|c| (c.change, c.kind, c.fill_id)).collect();
    assert_eq!(
        listed,
        [
            (removed.change, ChangeKind::Deleted, sale.fill.id),
            (edited.change.unwrap(), ChangeKind::Edited, sale.fill.id),
            (sale.change.unwrap(), ChangeKind::Recorded, sale.fill.id),
            (deposit.change.unwrap(), ChangeKind::Recorded, deposit.fill.id),
        ],
        "Other's deposit is not Main's"
    );
    let price = |f: &Option<wheelwright_domain::Fill>| f.as_ref().map(|f| f.data.price);
    assert_eq!((price(&changes[1].before), price(&changes[1].after)), (Some(d("0.40")), Some(d("0.45"))));
    assert_eq!((price(&changes[0].before), price(&changes[0].after)), (Some(d("0.45")), None));
    assert_eq!(changes[0].source, "test");
    // An edit says which fields moved, numbers by value (0.40 was stored as entered).
    let moved: Vec<_> = changes[1].edits.iter().map(|e| (e.field.as_str(), e.before.as_str(), e.after.as_str())).collect();
    assert_eq!(moved, [("price", "0.4", "0.45")]);
    // Only the latest change to each fill can be undone: the sale's recording and edit were
    // followed by its deletion; the deposit's recording is its latest.
    assert_eq!(changes.iter().map(|c| c.undoable).collect::<Vec<_>>(), [true, false, false, true]);
    let stale = engine.undo_change(changes[1].change).await.unwrap_err();
    assert_eq!(stale.code, ErrorCode::ChangedSince);
    assert!(stale.message.ends_with(&format!("undo change {} first", removed.change)), "{}", stale.message);
    // The newest two only; a change taken from the list undoes as any other.
    assert_eq!(engine.fill_changes("Main", 2).await.unwrap().len(), 2);
    engine.undo_change(changes[0].change).await.unwrap();
    assert_eq!(engine.fill(sale.fill.id).await.unwrap().fill.data.price, d("0.45"));
    let now = engine.fill_changes("Main", 2).await.unwrap();
    assert_eq!((now[0].kind, now[0].undoable), (ChangeKind::Recorded, true), "the undo is a change too");
    assert_eq!((now[1].change, now[1].undoable), (removed.change, false));
    // The undo says which change it reversed; the changes made by hand say none.
    assert_eq!((now[0].undoes, now[1].undoes), (Some(removed.change), None));
    assert!(changes.iter().all(|c| c.undoes.is_none()));
    // Deleted again after an edit, the sale cannot come back as it first was by undoing the
    // first deletion: that change is superseded.
    engine.edit_fill(sale.fill.id, fill(Action::Sto, Some("T"), Some(put()), "1", "0.50")).await.unwrap();
    engine.delete_fill(sale.fill.id).await.unwrap();
    assert_eq!(engine.undo_change(removed.change).await.unwrap_err().code, ErrorCode::ChangedSince);
    assert!(engine.fill(sale.fill.id).await.is_err(), "nothing restored");

    let refused = engine.fill_changes("Main", 0).await.unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::InvalidInput, Some("limit")));
    assert_eq!(engine.fill_changes("Nope", 5).await.unwrap_err().code, ErrorCode::NotFound);
}

/// A roll worked by hand: the T 25 put sold at 0.40 (0.65 fees) is bought back at 0.30 and the
/// Jan 24 put sold at 0.55, each leg 0.65 in fees. The roll's net is 55 − 30 − 1.30 = 23.70; the
/// first put realizes 40 − 30 − 1.30 = 8.70; cash goes 20,039.35 → 20,063.05.
#[tokio::test]
async fn a_roll_is_recorded_previewed_and_undone_as_one_action() {
    use wheelwright_engine::rolls::RollInput;
    let dir = tempfile::tempdir().unwrap();
    let (engine, _) = main_with_cash(dir.path()).await;
    let with_fees = |data: FillData| FillData { fees: d("0.65"), ..data };
    let sale = engine.add_fill(input(with_fees(fill(Action::Sto, Some("T"), Some(put()), "1", "0.40")))).await.unwrap();
    let january = OptionSpec { strike: d("24"), expiry: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(), ..put() };
    let roll = |close: FillData, open: FillData| RollInput { portfolio: "Main".into(), close, open };
    let buy_back = with_fees(fill(Action::Btc, Some("T"), Some(put()), "1", "0.30"));
    let new_sale = with_fees(fill(Action::Sto, Some("T"), Some(january.clone()), "1", "0.55"));
    let fills = || async { engine.list_fills("Main", None).await.unwrap().len() };

    // Previewed: both legs at once, nothing written.
    let preview = engine.preview_roll(roll(buy_back.clone(), new_sale.clone())).await.unwrap();
    assert_eq!((preview.before.cash, preview.after.cash), (d("20039.35"), d("20063.05")));
    assert_eq!((preview.before.collateral, preview.after.collateral), (d("2500"), d("2400")));
    assert_eq!((preview.before.realized_pnl, preview.after.realized_pnl), (d("0"), d("8.70")));
    assert_eq!(preview.after.state, Some(WheelState::PutOpen), "a roll-linked buy-back does not end the cycle");
    assert_eq!(fills().await, 2);

    // Recorded: one roll id on both legs, the net said, one change for both.
    let rolled = engine.add_roll(roll(buy_back.clone(), new_sale.clone())).await.unwrap();
    assert_eq!(rolled.net, d("23.70"));
    assert!(rolled.roll_id.starts_with("roll-"), "{}", rolled.roll_id);
    assert_eq!(rolled.close.fill.data.roll_id.as_deref(), Some(&*rolled.roll_id));
    assert_eq!(rolled.open.fill.data.roll_id.as_deref(), Some(&*rolled.roll_id));
    let summary = rolled.open.summary.clone().unwrap();
    assert_eq!((summary.state, summary.realized_pnl, summary.cycle), (WheelState::PutOpen, d("8.70"), Some(1)));
    assert_eq!(summary.rolls.iter().map(|r| (r.roll_id.as_str(), r.net)).collect::<Vec<_>>(), [(&*rolled.roll_id, d("23.70"))]);
    assert_eq!(summary.open_options.iter().map(|o| o.strike).collect::<Vec<_>>(), [d("24")]);
    let changes = engine.fill_changes("Main", 3).await.unwrap();
    assert_eq!(
        changes.iter().map(|c| (c.fill_id, c.part_of, c.undoable)).collect::<Vec<_>>(),
        [(rolled.open.fill.id, Some(rolled.change), true), (rolled.close.fill.id, None, true), (sale.fill.id, None, true)]
    );

    // Undone by either leg's change (here the buy-back's): both legs go, the first put is open again.
    let undone = engine.undo_change(changes[1].change).await.unwrap();
    assert_eq!(undone.description, format!("deleted fill {} and deleted fill {}", rolled.open.fill.id, rolled.close.fill.id));
    assert_eq!(fills().await, 2);
    let wheel = engine.wheel("Main", "T").await.unwrap().summary;
    assert_eq!((wheel.open_options.len(), wheel.open_options[0].strike, wheel.realized_pnl), (1, d("25"), d("0")));
    // The undo is one action too: undoing it brings the whole roll back, under the same ids.
    let redone = engine.undo_change(undone.change).await.unwrap();
    assert_eq!(fills().await, 4);
    assert_eq!(engine.fill(rolled.close.fill.id).await.unwrap().fill, rolled.close.fill);
    assert_eq!(engine.fill(rolled.open.fill.id).await.unwrap().fill, rolled.open.fill);
    let listed = engine.fill_changes("Main", 2).await.unwrap();
    let mut reversed: Vec<i64> = listed.iter().filter_map(|c| c.undoes).collect();
    reversed.sort();
    assert_eq!(reversed, [undone.change, undone.change + 1], "each restoration names the deletion it undid");
    assert_eq!(listed.iter().filter(|c| c.part_of == Some(redone.change)).count(), 1);

    // The buy-back edited since: the roll's undo would throw the edit away, so neither leg offers
    // it — even when the list shows only the new sale — and the sale, undone first, is kept.
    let cheaper = FillData { price: d("0.28"), roll_id: Some(rolled.roll_id.clone()), ..buy_back.clone() };
    engine.edit_fill(rolled.close.fill.id, cheaper).await.unwrap();
    let listed = engine.fill_changes("Main", 3).await.unwrap();
    assert_eq!(listed.iter().map(|c| c.undoable).collect::<Vec<_>>(), [true, false, false], "the edit, then the roll's two legs");
    let newest_two = engine.fill_changes("Main", 2).await.unwrap();
    assert_eq!(newest_two.iter().map(|c| c.undoable).collect::<Vec<_>>(), [true, false]);
    assert_eq!(engine.undo_change(redone.change).await.unwrap_err().code, ErrorCode::ChangedSince);
    assert_eq!(fills().await, 4, "nothing undone");
    assert_eq!(engine.fill(rolled.open.fill.id).await.unwrap().fill, rolled.open.fill);
    // A roll id names one roll: given again, it is refused before anything is written.
    let again = RollInput {
        portfolio: "Main".into(),
        close: buy_back.clone(),
        open: FillData { roll_id: Some(rolled.roll_id.clone()), ..new_sale.clone() },
    };
    assert_eq!(engine.preview_roll(again.clone()).await.unwrap_err().field.as_deref(), Some("roll_id"));
    assert_eq!(engine.add_roll(again).await.unwrap_err().code, ErrorCode::AlreadyExists);

    // Refused before anything is written, naming the leg and field.
    let refused = |close: FillData, open: FillData| {
        let engine = &engine;
        async move { engine.add_roll(roll(close, open)).await.unwrap_err() }
    };
    let e = refused(buy_back.clone(), FillData { action: Action::Btc, ..new_sale.clone() }).await;
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("open.action")));
    let e = refused(buy_back.clone(), FillData { symbol: Some(Symbol::parse("KO").unwrap()), ..new_sale.clone() }).await;
    assert_eq!(e.field.as_deref(), Some("open.symbol"));
    let e = refused(FillData { option: None, ..buy_back.clone() }, new_sale.clone()).await;
    assert_eq!(e.field.as_deref().map(|f| f.starts_with("close.")), Some(true), "{e:?}");
    let e = refused(buy_back.clone(), FillData { date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), ..new_sale.clone() }).await;
    assert_eq!(e.field.as_deref(), Some("open.date"));
    // A roll of a put that is not open (the 25 put was rolled already): the ledger refuses it
    // and neither leg is kept.
    let e = refused(buy_back.clone(), FillData { option: Some(OptionSpec { strike: d("23"), ..january }), ..new_sale }).await;
    assert_eq!(e.code, ErrorCode::CloseExceedsOpen);
    assert_eq!(fills().await, 4);
}
