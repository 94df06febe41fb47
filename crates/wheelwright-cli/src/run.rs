//! Runs one parsed command against the engine and prints its result.

use crate::alerts;
use crate::args::{Cli, Command, FillCommand, FillFields, PortfolioCommand, RollFields, SymbolCommand, WatchlistCommand, WheelCommand};
use crate::broker;
use crate::health;
use crate::jobs;
use crate::market;
use crate::performance;
use crate::quant;
use crate::risk;
use crate::show;
use crate::strategy;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::csv_format::{self, OPTIONAL, REQUIRED};
use wheelwright_engine::model::{FillInput, NewPortfolio, NewWheel, Profile};
use wheelwright_engine::ports::{NoEvents, SystemClock};
use wheelwright_engine::rolls::RollInput;
use wheelwright_engine::symbols::SymbolNote;
use wheelwright_engine::watchlists::Screen;
use wheelwright_engine::{paths, Engine, EngineError, Result};

fn money(field: &str, text: Option<&str>) -> Result<Option<Decimal>> {
    text.map(|t| {
        Decimal::from_str(t.trim())
            .map_err(|_| EngineError::field(ErrorCode::InvalidInput, field, format!("--{field} '{t}' is not a plain decimal number")))
    })
    .transpose()
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| EngineError::new(ErrorCode::Internal, e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// Prints `value` as JSON with `--json`, else as the human view.
pub(crate) fn emit<T: serde::Serialize>(json: bool, value: &T, human: impl FnOnce(&T) -> String) -> Result<()> {
    if json {
        print_json(value)
    } else {
        print!("{}", human(value));
        Ok(())
    }
}

pub async fn run(cli: Cli) -> Result<()> {
    // The pricing commands need no database.
    match &cli.command {
        Command::Price => return quant::stream(quant::price_line),
        Command::Iv => return quant::stream(quant::iv_line),
        Command::AnalyzeChain { file, rate, div_yield } => {
            let analytics = quant::analyze_chain(file, *rate, *div_yield)?;
            return emit(cli.json, &analytics, show::chain);
        }
        Command::Listings { sector } => {
            return emit(cli.json, &wheelwright_engine::market::listings(sector.as_deref())?, |list| market::listing_table(list))
        }
        Command::Calendar { from, to } => {
            let span = quant::calendar_span(from, to)?;
            return emit(cli.json, &span, |s| {
                format!("{} sessions; closed: {}; early closes: {}\n", s["sessions"], s["holidays"], s["early_closes"])
            });
        }
        _ => {}
    }
    let db = match cli.db {
        Some(path) => path,
        None => {
            paths::default_database().ok_or_else(|| EngineError::new(ErrorCode::Io, "cannot find the OS data folder: pass --db FILE"))?
        }
    };
    let keychain = Arc::new(wheelwright_engine::keychain::OsKeychain::new(wheelwright_engine::keychain::SERVICE));
    let engine = Arc::new(Engine::open(&db, Arc::new(SystemClock), Arc::new(NoEvents), "cli").await?.with_keychain(keychain));
    let json = cli.json;
    let result = dispatch(&engine, cli.command, json).await;
    engine.store().close().await;
    result
}

async fn dispatch(engine: &Arc<Engine>, command: Command, json: bool) -> Result<()> {
    match command {
        Command::Jobs(command) => jobs::run(engine, command, json).await,
        Command::Alerts(command) => alerts::run(engine, command, json).await,
        command @ (Command::Positions { .. }
        | Command::Expiration { .. }
        | Command::Recommend { .. }
        | Command::Roll { .. }
        | Command::Scan { .. }
        | Command::Profile { .. }
        | Command::Wheel(WheelCommand::Criteria { .. })) => strategy::run(engine, command, json).await,
        command @ (Command::Risk { .. } | Command::Limits { .. } | Command::CheckTrade { .. }) => risk::run(engine, command, json).await,
        command @ (Command::Dashboard { .. } | Command::Performance { .. } | Command::Snapshot(_)) => {
            performance::run(engine, command, json).await
        }
        Command::Health { probe } => health::run(engine, probe, json).await,
        Command::RunScheduler { tick } => jobs::daemon(engine, tick).await,
        Command::Portfolio(command) => match command {
            PortfolioCommand::Create { name, description, capital, account } => {
                let input =
                    NewPortfolio { name, description, default_capital: money("capital", capital.as_deref())?, account_link: account };
                let portfolio = engine.create_portfolio(input).await?;
                emit(json, &portfolio, |p| format!("created portfolio '{}'\n", p.name))
            }
            PortfolioCommand::List => emit(json, &engine.list_portfolios().await?, |list| show::portfolios(list)),
            PortfolioCommand::Show { name } => emit(json, &engine.portfolio_overview(&name).await?, show::portfolio),
            PortfolioCommand::Delete { name, force } => {
                engine.delete_portfolio(&name, force).await?;
                emit(json, &serde_json::json!({"deleted": name}), |_| format!("deleted portfolio '{name}'\n"))
            }
        },
        Command::Wheel(command) => match command {
            WheelCommand::Create { symbol, portfolio, profile, capital, notes } => {
                let input = NewWheel {
                    symbol,
                    profile: Profile::parse(&profile)?,
                    capital_allocated: money("capital", capital.as_deref())?,
                    notes,
                };
                let wheel = engine.create_wheel(&portfolio, input).await?;
                emit(json, &wheel, |w| format!("created wheel {} in '{portfolio}'\n", w.symbol))
            }
            WheelCommand::List { portfolio } => emit(json, &engine.list_wheels(&portfolio).await?, |list| show::wheels(list)),
            WheelCommand::Show { symbol, portfolio } => emit(json, &engine.wheel(&portfolio, &symbol).await?, show::wheel),
            WheelCommand::Criteria { .. } => unreachable!("dispatched to the strategy commands"),
        },
        Command::Fill(command) => match *command {
            FillCommand::Add { portfolio, fields } => {
                let named: HashMap<&str, &str> = fields.named().into_iter().collect();
                let fill = csv_format::parse_fields(|name| named.get(name).copied())?;
                let outcome = engine.add_fill(FillInput { portfolio, fill }).await?;
                emit(json, &outcome, show::outcome)
            }
            FillCommand::List { portfolio, symbol } => {
                emit(json, &engine.list_fills(&portfolio, symbol.as_deref()).await?, |list| show::fills(list))
            }
            FillCommand::Edit { id, fields } => {
                let fill = merged(&engine.fill(id).await?.fill.data, &fields)?;
                let outcome = engine.edit_fill(id, fill).await?;
                emit(json, &outcome, show::edited)
            }
            FillCommand::Delete { id } => {
                let removed = engine.delete_fill(id).await?;
                emit(json, &removed, |r| {
                    format!(
                        "deleted fill {} ({} {}) — change {}, undo with `wheelwright fill undo {}`\n",
                        r.fill.id, r.fill.data.date, r.fill.data.action, r.change, r.change
                    )
                })
            }
            FillCommand::Preview { portfolio, fields } => {
                let named: HashMap<&str, &str> = fields.named().into_iter().collect();
                let fill = csv_format::parse_fields(|name| named.get(name).copied())?;
                emit(json, &engine.preview_fill(FillInput { portfolio, fill }).await?, show::preview)
            }
            FillCommand::PreviewEdit { id, fields } => {
                let fill = merged(&engine.fill(id).await?.fill.data, &fields)?;
                emit(json, &engine.preview_edit(id, fill).await?, show::preview)
            }
            FillCommand::Roll { portfolio, roll, preview } => {
                let close = leg_fill(&roll, "close")?;
                let open = leg_fill(&roll, "open")?;
                let input = RollInput { portfolio, close, open };
                if preview {
                    emit(json, &engine.preview_roll(input).await?, show::preview)
                } else {
                    emit(json, &engine.add_roll(input).await?, show::rolled)
                }
            }
            FillCommand::Undo { change } => emit(json, &engine.undo_change(change).await?, |u| {
                format!("{} in '{}' (change {})\n", u.description, u.portfolio, u.change)
            }),
            FillCommand::Changes { portfolio, limit } => emit(json, &engine.fill_changes(&portfolio, limit).await?, |c| show::changes(c)),
        },
        Command::Quote { symbols } => emit(json, &engine.quotes(&symbols).await?, |list| market::quotes(list)),
        Command::Chain { symbol, expiry, from, to, strikes, right } => {
            let request = market::chain_request(symbol, expiry, from, to, strikes, right)?;
            emit(json, &engine.chain(request).await?, market::chain)
        }
        Command::Expirations { symbol } => emit(json, &engine.expirations(&symbol).await?, |list| market::dates(list)),
        Command::History { symbol, from, to, interval } => {
            let request = market::history_request(engine, symbol, from, to, &interval)?;
            emit(json, &engine.history(request).await?, market::history)
        }
        Command::Symbol(SymbolCommand::Note { symbol, sector, earnings }) => {
            let kept = engine.symbol_notes(std::slice::from_ref(&symbol)).await?.into_iter().next();
            let cleared = |text: &Option<String>| text.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case("none"));
            let note = SymbolNote {
                sector: if cleared(&sector) { None } else { sector.or_else(|| kept.as_ref().and_then(|k| k.sector.clone())) },
                next_earnings: if cleared(&earnings) {
                    None
                } else {
                    match earnings {
                        Some(text) => Some(crate::quant::parse_date("earnings", &text)?),
                        None => kept.as_ref().and_then(|k| k.next_earnings),
                    }
                },
                symbol,
            };
            let saved = engine.set_symbol_note(note).await?;
            emit(json, &saved, |n| match n {
                Some(note) => market::notes(std::slice::from_ref(note)),
                None => "note removed\n".to_string(),
            })
        }
        Command::Symbol(SymbolCommand::Notes { symbols }) => emit(json, &engine.symbol_notes(&symbols).await?, |list| market::notes(list)),
        Command::Watchlist(command) => watchlist(engine, command, json).await,
        Command::Clock(command) => emit(json, &market::clock(engine, command).await?, market::clock_line),
        Command::Broker(command) => broker::run(engine, command, json).await,
        Command::Import { file, portfolio } => {
            let bytes =
                std::fs::read(&file).map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot read {}: {e}", file.display())))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                EngineError::new(ErrorCode::CsvFormat, format!("{} is not UTF-8 text: save it as UTF-8 CSV", file.display()))
            })?;
            emit(json, &engine.import_csv(&portfolio, &text).await?, show::import)
        }
        Command::Price | Command::Iv | Command::Calendar { .. } | Command::AnalyzeChain { .. } | Command::Listings { .. } => {
            unreachable!("answered before the database opens")
        }
        Command::Export(command) => performance::export(engine, command).await,
        Command::Chart { chart, look } => performance::chart(engine, chart, look, json).await,
    }
}

async fn watchlist(engine: &Engine, command: WatchlistCommand, json: bool) -> Result<()> {
    match command {
        WatchlistCommand::Import { file, name } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot read {}: {e}", file.display())))?;
            let name = name.unwrap_or_else(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
            emit(json, &engine.import_watchlist(&name, &text).await?, market::import_line)
        }
        WatchlistCommand::List => emit(json, &engine.list_watchlists().await?, |list| market::watchlists(list)),
        WatchlistCommand::Show { name, max_price, min_price, sector, min_dollar_volume } => {
            let screen = Screen { min_price, max_price, sector, min_dollar_volume };
            emit(json, &engine.screen_watchlist(&name, &screen).await?, market::screen)
        }
        WatchlistCommand::Create { name } => emit(json, &engine.create_watchlist(&name).await?, market::watchlist),
        WatchlistCommand::Add { name, symbols } => emit(json, &engine.add_to_watchlist(&name, &symbols).await?, market::watchlist),
        WatchlistCommand::Remove { name, symbol } => emit(json, &engine.remove_from_watchlist(&name, &symbol).await?, market::watchlist),
        WatchlistCommand::Delete { name } => engine.delete_watchlist(&name).await,
    }
}

/// One leg of a roll from its flags; a field at fault is named by its flag (`close_strike`).
fn leg_fill(roll: &RollFields, leg: &str) -> Result<wheelwright_domain::FillData> {
    let named: HashMap<&str, &str> = roll.leg(leg).into_iter().collect();
    csv_format::parse_fields(|name| named.get(name).copied()).map_err(|e| {
        let own = |f: &str| leg == "close" && ["strike", "expiry", "price", "fees"].contains(&f);
        let field = e.field.clone().map(|f| if own(&f) { format!("close_{f}") } else { f });
        EngineError { field, ..e }
    })
}

/// The stored fill with the given flags applied on top (an empty flag clears the field).
fn merged(current: &wheelwright_domain::FillData, fields: &FillFields) -> Result<wheelwright_domain::FillData> {
    let record = csv_format::record_of(current);
    let mut named: HashMap<&str, String> = REQUIRED.iter().chain(OPTIONAL.iter()).copied().zip(record).collect();
    for (name, value) in fields.named() {
        named.insert(name, value.to_string());
    }
    csv_format::parse_fields(|name| named.get(name).map(String::as_str))
}
