//! The one clock every "now"-dependent decision reads.
//!
//! Windows, leadtime, "too old" and status expirations never call the system
//! time directly: they take a [`Clock`], which commands build from `--now`, so a
//! recorded stream of incidents can be replayed as of its own time.

use chrono::{DateTime, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock, in UTC.
    #[default]
    System,
    /// A fixed instant (`--now TIME`).
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current instant according to this clock.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_does_not_move() {
        let t = DateTime::parse_from_rfc3339("2019-01-25T01:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let c = Clock::Fixed(t);
        assert_eq!(c.now(), t);
        assert_eq!(c.now(), c.now());
    }
}
