//! Wheelwright's engine: everything with I/O that the desktop app and the CLI share. It opens
//! the SQLite store, runs the ledger services (portfolios, wheels, fills, CSV import/export) on
//! top of the pure domain crate, answers market data through one provider interface (the Demo
//! market by default), and talks to its host only through the ports in [`ports`].
//! It never depends on tauri.

pub mod alerts;
pub mod audit;
pub mod broker;
pub mod charts;
pub mod criteria;
pub mod csv_format;
pub mod dashboard;
mod engine;
pub mod error;
pub mod export;
mod files;
mod fills;
pub mod health;
pub mod http;
mod import;
pub mod keychain;
pub mod market;
pub mod metrics;
pub mod model;
mod other_writers;
pub mod paths;
pub mod performance;
mod portfolios;
pub mod ports;
pub mod preview;
pub mod raster;
pub mod redact;
pub mod risk;
mod risk_charts;
pub mod rolls;
pub mod scheduler;
pub mod schwab;
pub mod settings;
pub mod snapshots;
pub mod store;
pub mod strategy;
pub mod symbols;
pub mod tradier;
pub mod tradingview;
pub mod undo;
mod vol_charts;
pub mod watchlists;
pub mod webhook;
mod wheels;

pub use engine::Engine;
pub use error::{EngineError, Result};
