//! The Demo clock: live with an offset, or stepped to the close, the next session, the next
//! expiration — holidays and early closes respected.

use crate::ny;
use wheelwright_demo::{ClockStep, DemoClock};

#[test]
fn a_live_clock_follows_the_wall_with_its_offset() {
    let wall = ny(2026, 3, 2, 10, 0);
    assert_eq!(DemoClock::default().now(wall), wall);
    let stepped = DemoClock::Stepped { at: ny(2026, 3, 6, 16, 0) };
    let live = stepped.run(wall);
    assert_eq!(live.now(wall), ny(2026, 3, 6, 16, 0));
    assert_eq!(live.now(wall + chrono::Duration::minutes(5)), ny(2026, 3, 6, 16, 5));
}

#[test]
fn steps_land_on_the_bells_and_expirations() {
    let wall = ny(2026, 3, 2, 10, 0);
    let step = |from, step| DemoClock::Stepped { at: from }.step(wall, step).unwrap();
    // Monday morning → Monday's close; after it, Tuesday's.
    assert_eq!(step(ny(2026, 3, 2, 10, 0), ClockStep::ToClose), DemoClock::Stepped { at: ny(2026, 3, 2, 16, 0) });
    assert_eq!(step(ny(2026, 3, 2, 16, 0), ClockStep::ToClose), DemoClock::Stepped { at: ny(2026, 3, 3, 16, 0) });
    // The day after Thanksgiving closes at 13:00.
    assert_eq!(step(ny(2026, 11, 27, 9, 0), ClockStep::ToClose), DemoClock::Stepped { at: ny(2026, 11, 27, 13, 0) });
    // Good Friday 2026-04-03 is closed: from Thursday evening the next session is Monday 04-06.
    assert_eq!(step(ny(2026, 4, 2, 17, 0), ClockStep::NextSession), DemoClock::Stepped { at: ny(2026, 4, 6, 9, 30) });
    // The next expiration from Monday is Friday's close; in Good Friday week, Thursday's.
    assert_eq!(step(ny(2026, 3, 2, 10, 0), ClockStep::NextExpiration), DemoClock::Stepped { at: ny(2026, 3, 6, 16, 0) });
    assert_eq!(step(ny(2026, 3, 30, 10, 0), ClockStep::NextExpiration), DemoClock::Stepped { at: ny(2026, 4, 2, 16, 0) });
    // A live clock steps from its own now.
    let live = DemoClock::Live { offset_seconds: 0 }.step(wall, ClockStep::ToClose).unwrap();
    assert_eq!(live, DemoClock::Stepped { at: ny(2026, 3, 2, 16, 0) });
}
