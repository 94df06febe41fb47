//! `wheelwright broker …`: the Schwab and Tradier connections from a terminal. Secrets are read from
//! standard input, never from arguments (which other users can see in the process list), and
//! are never printed. The login is the paste-the-redirect flow; the app's window intercepts it.

use crate::args::BrokerCommand;
use crate::quant::parse_date;
use crate::show::table;
use std::io::BufRead;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::broker::connection::{BrokerStatus, Provider, SchwabAppInput, SchwabStatus};
use wheelwright_engine::broker::tradier::{TradierInput, TradierStatus};
use wheelwright_engine::broker::{BrokerAccount, Instrument, SyncReport, SyncRequest};
use wheelwright_engine::{Engine, EngineError, Result};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Broker {
    Schwab,
    Tradier,
}

fn which(broker: &str) -> Result<Broker> {
    match broker.trim().to_ascii_lowercase().as_str() {
        "schwab" => Ok(Broker::Schwab),
        "tradier" => Ok(Broker::Tradier),
        other => Err(EngineError::field(ErrorCode::InvalidInput, "broker", format!("unknown broker '{other}': use schwab or tradier"))),
    }
}

/// One line from standard input, without its line end.
pub(crate) fn read_line(what: &str) -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot read {what}: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub async fn run(engine: &Engine, command: BrokerCommand, json: bool) -> Result<()> {
    match command {
        BrokerCommand::Setup { broker, app_key, callback, api_root, sandbox } => match which(&broker)? {
            Broker::Schwab => {
                let app_key = app_key.ok_or_else(|| {
                    EngineError::field(
                        ErrorCode::InvalidInput,
                        "app_key",
                        "--app-key is required: copy it from your app on developer.schwab.com",
                    )
                })?;
                eprintln!("Schwab app secret (one line; it goes to the OS keychain):");
                let app_secret = read_line("the app secret")?;
                let status = engine.schwab_setup(SchwabAppInput { app_key, app_secret, callback, api_root }).await?;
                crate::run::emit(json, &status, schwab_lines)
            }
            Broker::Tradier => {
                eprintln!("Tradier access token (one line; it is checked with Tradier, then goes to the OS keychain):");
                let token = read_line("the token")?;
                let status = engine.tradier_setup(TradierInput { token: Some(token), sandbox, api_root }).await?;
                crate::run::emit(json, &status, tradier_line)
            }
        },
        BrokerCommand::Login { broker, manual: _ } => {
            if which(&broker)? == Broker::Tradier {
                return Err(EngineError::field(
                    ErrorCode::InvalidInput,
                    "broker",
                    "Tradier has no login: store its token with `wheelwright broker setup tradier`",
                ));
            }
            let start = engine.schwab_login_start().await?;
            eprintln!("1. Open this address in a browser and log in to Schwab:\n\n{}\n", start.authorize_url);
            eprintln!("2. The browser then goes to {} (the page may fail to load: that is expected).", start.callback);
            eprintln!("   Copy that whole address from the address bar, paste it here and press Enter (within 30 seconds):");
            let redirect = read_line("the redirect address")?;
            let status = engine.schwab_login_finish(&redirect).await?;
            crate::run::emit(json, &status, schwab_lines)
        }
        BrokerCommand::Status => crate::run::emit(json, &engine.broker_status().await?, status_lines),
        BrokerCommand::Logout { broker } => {
            let status = match which(&broker)? {
                Broker::Schwab => engine.schwab_disconnect().await?,
                Broker::Tradier => engine.tradier_disconnect().await?,
            };
            crate::run::emit(json, &status, status_lines)
        }
        BrokerCommand::Provider { name } => {
            let provider = Provider::parse(&name)?;
            crate::run::emit(json, &engine.set_provider(provider).await?, status_lines)
        }
        BrokerCommand::Accounts => crate::run::emit(json, &engine.broker_accounts().await?, |a| accounts(a)),
        BrokerCommand::Sync { portfolio, account, from, to } => {
            let request = SyncRequest {
                portfolio,
                account,
                from: from.as_deref().map(|d| parse_date("from", d)).transpose()?,
                to: to.as_deref().map(|d| parse_date("to", d)).transpose()?,
            };
            crate::run::emit(json, &engine.broker_sync(&request).await?, sync_lines)
        }
    }
}

fn schwab_lines(s: &SchwabStatus) -> String {
    let set = |b: bool| if b { "set" } else { "not set" };
    let mut out = format!(
        "Schwab: app key {}, app secret {}; callback {}; API {}\n",
        set(s.app_key_set),
        set(s.app_secret_set),
        s.callback,
        s.api_root
    );
    out += &match (&s.login, s.login_expires_at) {
        (Some(state), Some(end)) if s.logged_in => format!("logged in ({state:?}); the login ends {end}\n"),
        (Some(_), _) => "the login has expired: run `wheelwright broker login schwab --manual`\n".into(),
        _ => "not logged in\n".into(),
    };
    if let Some(warning) = &s.warning {
        out += &format!("warning: {warning}\n");
    }
    out
}

fn tradier_line(t: &TradierStatus) -> String {
    let token = if t.token_set { "set" } else { "not set" };
    let mode = if t.sandbox { "sandbox" } else { "production" };
    format!("Tradier: token {token}; {mode}; API {}\n", t.api_root)
}

fn status_lines(s: &BrokerStatus) -> String {
    format!("market data: {}\n{}{}", s.provider.as_str(), schwab_lines(&s.schwab), tradier_line(&s.tradier))
}

fn accounts(list: &[BrokerAccount]) -> String {
    let mut out = String::new();
    for account in list {
        let money = |d: Option<rust_decimal::Decimal>| d.map_or("—".to_string(), |d| d.to_string());
        out += &format!(
            "{} ({}): cash {}, money market {}, value {}\n",
            account.number,
            account.kind,
            money(account.balances.cash),
            account.balances.money_market,
            money(account.balances.liquidation_value)
        );
        let rows = account
            .positions
            .iter()
            .map(|p| {
                let name = match &p.instrument {
                    Instrument::Shares { symbol } => symbol.to_string(),
                    Instrument::Option { contract, .. } => contract.to_string(),
                    Instrument::Other { symbol, asset_type } => format!("{symbol} ({asset_type})"),
                };
                vec![name, p.quantity.to_string()]
            })
            .collect();
        out += &table(&["position", "quantity"], rows);
    }
    out
}

fn sync_lines(r: &SyncReport) -> String {
    let mut out = format!(
        "{} account {} → portfolio {} ({} to {}): {} activities, {} fills added, {} already recorded, {} without a fill, {} need attention\n",
        r.broker,
        r.account,
        r.portfolio,
        r.from,
        r.to,
        r.activities,
        r.added.len(),
        r.skipped,
        r.ignored.len(),
        r.needs_attention.len()
    );
    for item in &r.needs_attention {
        out += &format!("  needs attention: {} activity {} ({}): {}\n", item.date, item.activity, item.description, item.reason);
    }
    let rec = &r.reconciliation;
    if rec.matches() {
        out += &format!("reconciled: the ledger matches the broker ({} positions and cash)\n", rec.compared);
    } else {
        for d in &rec.differences {
            out += &format!("  difference in {}: ledger {}, broker {} — {}\n", d.subject, d.ledger, d.broker, d.explanation);
        }
    }
    out
}
