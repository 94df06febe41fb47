//! The alert rules' validation, the evaluation tables (every definition at its edge) and the
//! delivery decisions (cooldowns, quiet hours, pauses).

mod deliver;
mod evaluate;
mod rules;
