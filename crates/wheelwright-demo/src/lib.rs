//! The Demo market: a deterministic simulated market that needs no network and makes every
//! feature usable without a broker. 525 listings with simulated daily and minute prices
//! (market regimes, jumps, earnings moves, ex-dividend drops), quarterly dividends and earnings,
//! option chains priced by our American engine on a surface with skew, term structure and the
//! earnings bump, spreads, open interest and volume; and the Demo clock. Same seed and same
//! instant give the same data. Pure: no I/O, and time is always passed in.

pub mod chain;
pub mod clock;
pub mod events;
mod intraday;
pub mod market;
pub mod path;
mod random;
pub mod surface;
pub mod universe;

pub use clock::{ClockStep, DemoClock};
pub use market::{DemoChain, DemoError, DemoMarket, RATE};
pub use universe::{listings, Listing};
