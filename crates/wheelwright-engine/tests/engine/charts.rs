//! Charts through the engine on the Demo market: a short put's payoff and price chart carry its
//! strike and breakeven where the ledger says; income and cumulative P&L follow the realized
//! figures; a wheel with nothing open, a portfolio with nothing realized come back empty with what
//! to do; saving writes new SVG files; bad sizes and folders are refused with their field.

use super::strategy::{fill, wheel_portfolio};
use super::{db_in, open};
use resvg::tiny_skia::Pixmap;
use rust_decimal::Decimal;
use wheelwright_charts::{MarkAxis, Scale, Theme};
use wheelwright_domain::{Action, ErrorCode, OptionSpec, Right};
use wheelwright_engine::charts::{ChartFormat, ChartKind, ChartRequest, IncomeView};
use wheelwright_engine::model::FillInput;
use wheelwright_engine::performance::PerformanceRequest;

fn request(chart: ChartKind) -> ChartRequest {
    ChartRequest { chart, theme: Theme::Light, width: 800, height: 320 }
}

fn payoff_of(symbol: &str) -> ChartKind {
    ChartKind::Payoff { portfolio: "Wheel".into(), symbol: symbol.into() }
}

fn wheel() -> PerformanceRequest {
    PerformanceRequest { portfolio: Some("Wheel".into()), ..Default::default() }
}

fn f(x: Decimal) -> f64 {
    x.try_into().unwrap()
}

#[tokio::test]
async fn a_short_put_draws_its_payoff_and_price_with_strike_and_breakeven() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let strike = f(wheel_portfolio(&engine).await);

    let view = engine.chart(request(payoff_of("KO"))).await.unwrap();
    assert_eq!(view.title, "KO payoff");
    assert!(view.source.starts_with("Demo"), "{}", view.source);
    let chart = view.chart.expect("an open put has a payoff");
    assert_eq!(chart.x.scale, Scale::Price);
    let expiry = &chart.series[0];
    assert_eq!(expiry.name, "At expiry Dec 18");
    // The most a $1.10 put can make is $110; at the lowest price drawn it loses (strike − p − 1.10) × 100.
    let best = expiry.points.iter().map(|p| p[1]).fold(f64::MIN, f64::max);
    assert!((best - 110.0).abs() < 1e-9, "{best}");
    let [low, at_low] = expiry.points[0];
    assert!((at_low - (1.10 - (strike - low)) * 100.0).abs() < 1e-6);
    assert_eq!(chart.series[1].name, "Today", "the Demo chain quotes the put, so today's line is drawn");
    let mark =
        |label: &str| chart.marks.iter().find(|m| m.label.starts_with(label)).unwrap_or_else(|| panic!("no {label} in {:?}", chart.marks));
    assert!((mark("Breakeven").value - (strike - 1.10)).abs() < 1e-9);
    assert_eq!((mark("Put").value, mark("Put").axis), (strike, MarkAxis::X));
    assert!(mark("Now").value > 0.0);

    let price = engine.chart(request(ChartKind::Price { portfolio: "Wheel".into(), symbol: "KO".into(), days: Some(90) })).await.unwrap();
    let chart = price.chart.unwrap();
    let closes = &chart.series[0].points;
    // About 62 sessions in 90 days, oldest first, on the date axis.
    assert!((55..=66).contains(&closes.len()), "{}", closes.len());
    assert!(closes.windows(2).all(|w| w[0][0] < w[1][0]));
    assert_eq!(chart.x.scale, Scale::Date);
    let labels: Vec<_> = chart.marks.iter().map(|m| (m.label.as_str(), m.axis)).collect();
    assert!(labels.contains(&(format!("Put {strike}").as_str(), MarkAxis::Y)), "{labels:?}");
    assert!(labels.iter().any(|(l, _)| *l == format!("Breakeven ${:.2}", strike - 1.10)), "{labels:?}");

    // PEP has no position: nothing to draw, and the way forward.
    let idle = engine.chart(request(payoff_of("PEP"))).await.unwrap();
    assert!(idle.chart.is_none());
    assert!(idle.empty.unwrap().contains("sell a put"));
}

#[tokio::test]
async fn income_and_cumulative_pnl_follow_what_was_realized() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let income = ChartKind::Income { scope: wheel(), view: IncomeView::Realized };
    let cumulative = ChartKind::CumulativePnl { scope: wheel() };
    let strike = wheel_portfolio(&engine).await;
    let before = engine.chart(request(cumulative.clone())).await.unwrap();
    assert!(before.chart.is_none() && before.empty.unwrap().contains("nothing realized yet"));

    // Bought back at 0.50: $60 realized in November.
    let put = OptionSpec {
        right: Right::Put,
        strike,
        expiry: chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        multiplier: 100.into(),
        deliverable: 100.into(),
    };
    engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: fill(Action::Btc, Some("KO"), Some(put), "1", "0.50") }).await.unwrap();
    let bars = engine.chart(request(income)).await.unwrap().chart.unwrap();
    assert_eq!(bars.x.categories, ["Nov 2026"]);
    assert_eq!(bars.series[0].points, vec![[0.0, 60.0]]);
    let cash = engine.chart(request(ChartKind::Income { scope: wheel(), view: IncomeView::CashFlow })).await.unwrap();
    assert_eq!(cash.title, "Option cash flow by month");
    assert_eq!(cash.chart.unwrap().series[0].points, vec![[0.0, 60.0]], "110 premium − 50 buyback");
    let line = engine.chart(request(cumulative)).await.unwrap().chart.unwrap();
    let points = &line.series[0].points;
    // From zero on Oct 31 to 60 today, Nov 23 (days since 1970-01-01): November is still running,
    // so its point is today, not Nov 30.
    assert_eq!(points, &vec![[20_757.0, 0.0], [20_780.0, 60.0]]);
}

#[tokio::test]
async fn charts_save_as_new_svg_files_and_bad_requests_name_their_field() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    wheel_portfolio(&engine).await;
    let out = tempfile::tempdir().unwrap();
    let first = engine.save_chart(request(payoff_of("KO")), out.path(), ChartFormat::Svg).await.unwrap();
    let second = engine.save_chart(request(payoff_of("KO")), out.path(), ChartFormat::Svg).await.unwrap();
    assert!(first.ends_with(".svg") && second.ends_with("-2.svg"), "{first} {second}");
    let svg = std::fs::read_to_string(&first).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("KO payoff"));

    // The same chart as a PNG at twice its size, with its lines and its labels drawn.
    let png = engine.save_chart(request(payoff_of("KO")), out.path(), ChartFormat::Png).await.unwrap();
    assert!(png.ends_with(".png"), "{png}");
    let image = Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!((image.width(), image.height()), (1600, 640));
    let drawn = engine.chart(request(payoff_of("KO"))).await.unwrap().chart.unwrap();
    let count = |colour: &str| {
        let rgb: Vec<u8> = (0..3).map(|i| u8::from_str_radix(&colour[1 + 2 * i..3 + 2 * i], 16).unwrap()).collect();
        image.pixels().iter().filter(|p| [p.red(), p.green(), p.blue()] == rgb[..]).count()
    };
    assert!(count(&drawn.series[0].color) > 1000, "the expiry line is drawn in its colour");
    // The title is text: with a font on the system, its band above the plot holds dark pixels.
    assert!(wheelwright_engine::raster::has_text_font(), "this machine has fonts (the desktop needs them too)");
    let title_band = (0..(drawn.plot.top as u32 * 2)).flat_map(|y| (0..1600).map(move |x| (x, y)));
    let ink = title_band.filter(|&(x, y)| image.pixel(x, y).is_some_and(|p| p.red() < 80 && p.green() < 80 && p.blue() < 80)).count();
    assert!(ink > 200, "the title was drawn ({ink} dark pixels)");

    let nothing = engine.save_chart(request(payoff_of("PEP")), out.path(), ChartFormat::Svg).await.unwrap_err();
    assert_eq!(nothing.code, ErrorCode::NotFound);
    let missing = engine.save_chart(request(payoff_of("KO")), &out.path().join("nope"), ChartFormat::Png).await.unwrap_err();
    assert_eq!(missing.field.as_deref(), Some("directory"));
    let tiny = ChartRequest { width: 20, ..request(payoff_of("KO")) };
    let err = engine.chart(tiny).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("width")));
    let long = engine.chart(request(ChartKind::Price { portfolio: "Wheel".into(), symbol: "KO".into(), days: Some(2) })).await.unwrap_err();
    assert_eq!(long.field.as_deref(), Some("days"));
    let unknown = engine.chart(request(payoff_of("XOM"))).await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn the_volatility_charts_draw_the_chains_own_iv_with_its_put_skew() {
    use wheelwright_domain::market::ChainFilter;
    use wheelwright_engine::market::ChainRequest;
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let quote = engine.quotes(&["KO".into()]).await.unwrap().remove(0);
    let today = wheelwright_pricing::calendar::new_york_date(quote.time);
    let expiries = engine.expirations("KO").await.unwrap();
    let expiry = *expiries.iter().find(|e| (**e - today).num_days() >= 20).unwrap();

    // The smile: strikes rising, each IV the one the Demo market priced that contract at — the
    // analytics solve it back from the mid with KO's cash dividend escrowed (it goes ex inside
    // this expiry: spread as a yield, puts read 2–3 points high), so they agree to within the
    // tick-rounded mid and the early-exercise premium — with the Demo surface's put skew, and
    // the spot and ATM lines.
    let view = engine.chart(request(ChartKind::Smile { symbol: "ko".into(), expiry })).await.unwrap();
    assert!(view.title.starts_with("KO IV smile"), "{}", view.title);
    let chart = view.chart.expect("drawn");
    let (x, y) = (chart.x.scale, chart.y.scale);
    assert_eq!((x, y), (Scale::Price, Scale::Percent));
    let points = &chart.series[0].points;
    assert!(points.len() >= 10, "{}", points.len());
    assert!(points.windows(2).all(|w| w[0][0] < w[1][0]), "strikes rise");
    let chain = engine
        .chain(ChainRequest { symbol: "KO".into(), filter: ChainFilter { from: Some(expiry), to: Some(expiry), ..Default::default() } })
        .await
        .unwrap();
    let spot = chain.underlying.last.unwrap();
    for p in points {
        let right = if p[0] < spot { Right::Put } else { Right::Call };
        let priced = chain.contracts.iter().find(|c| c.strike == p[0] && c.right == right).unwrap().iv.unwrap();
        assert!((p[1] - priced).abs() < 0.006, "strike {}: {} vs the Demo's {priced}", p[0], p[1]);
    }
    let atm = chart.marks.iter().find(|m| m.label.starts_with("ATM")).unwrap();
    assert_eq!(atm.axis, MarkAxis::Y);
    assert!(points[0][1] > atm.value + 0.01, "the lowest strike's IV {} stands above the ATM {}", points[0][1], atm.value);
    let now = chart.marks.iter().find(|m| m.label.starts_with("Now")).unwrap();
    assert_eq!((now.axis, now.value), (MarkAxis::X, spot));
    assert!(view.notes[0].starts_with("IV: European (Black)"), "{:?}", view.notes);

    // The term structure: one point per expiry with an ATM IV, in date order, each near the
    // smile's ATM of its expiry.
    let term = engine.chart(request(ChartKind::TermStructure { symbol: "KO".into() })).await.unwrap().chart.expect("drawn");
    assert_eq!(term.x.scale, Scale::Date);
    let line = &term.series[0].points;
    assert!(line.len() >= 6, "{}", line.len());
    assert!(line.windows(2).all(|w| w[0][0] < w[1][0]));
    let day = (expiry - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as f64;
    let same = line.iter().find(|p| p[0] == day).expect("the smile's expiry is on the term structure");
    assert!((same[1] - atm.value).abs() < 0.01, "{} vs {}", same[1], atm.value);

    // A day with no expiry comes back empty, saying what to do; a past one is refused by field.
    let saturday = expiries.iter().map(|e| *e + chrono::Duration::days(1)).find(|d| !expiries.contains(d)).unwrap();
    let none = engine.chart(request(ChartKind::Smile { symbol: "KO".into(), expiry: saturday })).await.unwrap();
    assert!(none.chart.is_none() && none.empty.unwrap().contains("lists no options expiring"));
    let past =
        engine.chart(request(ChartKind::Smile { symbol: "KO".into(), expiry: today - chrono::Duration::days(3) })).await.unwrap_err();
    assert_eq!((past.code, past.field.as_deref()), (ErrorCode::InvalidInput, Some("expiry")));
}
