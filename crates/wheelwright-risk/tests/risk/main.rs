//! The risk crate against hand-worked books, closed forms and invariants.

mod estimates;
mod exposures;
mod limits;
mod montecarlo;
mod parametric;
mod support;
