use wheelwright_alerts::{Rule, RuleInput, RuleKind};

#[test]
fn every_standing_default_is_valid_and_documented() {
    for kind in RuleKind::ALL {
        assert_eq!(RuleKind::parse(kind.as_str()).unwrap(), kind);
        assert!(!kind.description().is_empty());
        if kind.standing() {
            Rule::standing_default(kind).validate().unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        }
    }
    assert_eq!(RuleKind::parse("Take-Profit").unwrap(), RuleKind::TakeProfit);
    let error = RuleKind::parse("itm").unwrap_err();
    assert_eq!(error.field, "kind");
    assert!(error.message.contains("in_the_money"), "{}", error.message);
    // The documented defaults.
    assert_eq!(Rule::standing_default(RuleKind::TakeProfit).threshold, Some(50.0));
    assert_eq!(Rule::standing_default(RuleKind::ExpiringSoon).threshold, Some(2.0));
    assert_eq!(Rule::standing_default(RuleKind::JobFailing).cooldown_minutes, 360);
    assert_eq!(Rule::standing_default(RuleKind::EarlyAssignment).cooldown_minutes, 1200, "a daily check alerts every day");
    assert!(!Rule::standing_default(RuleKind::Opportunity).enabled);
}

#[test]
fn inputs_are_checked_field_by_field() {
    let price = Rule { id: 7, kind: RuleKind::PriceCrosses, symbol: None, threshold: None, enabled: true, cooldown_minutes: 60 };
    let no_symbol = RuleInput { threshold: Some(180.0), ..RuleInput::default() }.apply(&price).unwrap_err();
    assert_eq!(no_symbol.field, "symbol");
    let ok = RuleInput { symbol: Some(" aapl ".into()), threshold: Some(180.0), ..RuleInput::default() }.apply(&price).unwrap();
    assert_eq!((ok.symbol.as_deref(), ok.threshold), (Some("AAPL"), Some(180.0)));
    let no_level = RuleInput { symbol: Some("AAPL".into()), ..RuleInput::default() }.apply(&price).unwrap_err();
    assert_eq!(no_level.field, "threshold");
    assert!(no_level.message.contains("the level in dollars"), "{}", no_level.message);

    let itm = Rule::standing_default(RuleKind::InTheMoney);
    assert_eq!(RuleInput { threshold: Some(1.0), ..RuleInput::default() }.apply(&itm).unwrap_err().field, "threshold");
    assert_eq!(RuleInput { symbol: Some("KO".into()), ..RuleInput::default() }.apply(&itm).unwrap_err().field, "symbol");

    let dte = Rule::standing_default(RuleKind::ExpiringSoon);
    for (value, ok) in [(0.0, true), (60.0, true), (60.5, false), (-1.0, false), (1.5, false), (f64::NAN, false)] {
        let result = RuleInput { threshold: Some(value), ..RuleInput::default() }.apply(&dte);
        assert_eq!(result.is_ok(), ok, "{value}: {result:?}");
    }
    let profit = Rule::standing_default(RuleKind::TakeProfit);
    assert_eq!(RuleInput { threshold: Some(100.0), ..RuleInput::default() }.apply(&profit).unwrap().threshold, Some(100.0));
    assert!(RuleInput { threshold: Some(100.01), ..RuleInput::default() }.apply(&profit).is_err());

    let cooldown = RuleInput { cooldown_minutes: Some(90 * 24 * 60 + 1), ..RuleInput::default() }.apply(&profit).unwrap_err();
    assert_eq!(cooldown.field, "cooldown_minutes");
    let off = RuleInput { enabled: Some(false), cooldown_minutes: Some(0), ..RuleInput::default() }.apply(&profit).unwrap();
    assert_eq!((off.enabled, off.cooldown_minutes, off.threshold), (false, 0, Some(50.0)));
}
