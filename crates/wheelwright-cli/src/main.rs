//! `wheelwright`: the headless command over the same engine as the desktop app, for scripting,
//! automation and checks. Every read command takes `--json`; errors go to stderr with a
//! non-zero exit code, as JSON with `--json`.

mod alerts;
mod args;
mod broker;
mod health;
mod jobs;
mod market;
mod performance;
mod quant;
mod risk;
mod run;
mod show;
mod strategy;

use clap::Parser;
use std::process::ExitCode;
use wheelwright_engine::EngineError;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(usage) => return usage_error(usage),
    };
    let json = cli.json;
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("wheelwright: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error, json);
            ExitCode::FAILURE
        }
    }
}

/// Help and version print as usual; a usage error is reported like any other error, as JSON
/// when `--json` was asked for, so scripts can rely on one error shape.
fn usage_error(usage: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let wants_json = std::env::args().any(|a| a == "--json");
    if matches!(usage.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand)
        || !wants_json
    {
        usage.exit();
    }
    let message = usage.to_string().lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ").to_string();
    report(&EngineError::new(wheelwright_domain::ErrorCode::InvalidInput, message), true);
    ExitCode::from(2)
}

fn report(error: &EngineError, json: bool) {
    if json {
        let body = serde_json::json!({"error": {"code": error.code, "message": error.message, "field": error.field, "row": error.row}});
        eprintln!("{body}");
    } else {
        let place = match &error.field {
            Some(field) => format!(" [{}: {field}]", error.code),
            None => format!(" [{}]", error.code),
        };
        eprintln!("error: {}{place}", error.message);
    }
}
