//! Charles Schwab's Trader API formats. For now: option chains, read from a response file or
//! body into the pricing crate's neutral chain. (The HTTP client and OAuth come with the broker
//! issue.)

pub mod chain;
