//! The per-document time budget.
//!
//! A hostile file must not hold a worker for minutes. Nothing can interrupt a thread from
//! outside, so the budget is cooperative: long loops (PDF pages, glyphs, content operators,
//! stream inflation, text lines, table layout) call [`Deadline::check`] or [`expired`] and stop
//! with [`ParseError::TimeLimit`] (kind `time_limit`). [`start`] also records the deadline for
//! the calling thread, so the later stages that run on it (table, match) can look at
//! [`expired`] without an extra parameter.

use crate::ParseError;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// When the current document's budget runs out. `Copy`, so it travels into parallel page
/// readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    at: Option<Instant>,
    budget: Duration,
}

impl Deadline {
    /// No limit.
    pub const NONE: Deadline = Deadline { at: None, budget: Duration::ZERO };

    pub fn after(budget: Option<Duration>) -> Deadline {
        match budget {
            Some(b) => Deadline { at: Instant::now().checked_add(b), budget: b },
            None => Deadline::NONE,
        }
    }

    pub fn expired(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    pub fn check(&self) -> Result<(), ParseError> {
        if self.expired() {
            Err(self.error())
        } else {
            Ok(())
        }
    }

    /// The error for a document that ran out of time.
    pub fn error(&self) -> ParseError {
        ParseError::TimeLimit(format!("{:?}", self.budget))
    }
}

thread_local! {
    static CURRENT: Cell<Deadline> = const { Cell::new(Deadline::NONE) };
}

/// Start a document's budget and make it the calling thread's current deadline.
pub fn start(budget: Option<Duration>) -> Deadline {
    let d = Deadline::after(budget);
    CURRENT.with(|c| c.set(d));
    d
}

/// The calling thread's current deadline (set by the last [`start`] on this thread).
pub fn current() -> Deadline {
    CURRENT.with(|c| c.get())
}

/// Make `d` the calling thread's deadline (for work handed to another thread).
pub fn set_current(d: Deadline) {
    CURRENT.with(|c| c.set(d));
}

/// Has the calling thread's current document run out of time?
pub fn expired() -> bool {
    current().expired()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_expires_and_none_never_does() {
        assert!(!Deadline::NONE.expired());
        let d = Deadline::after(Some(Duration::ZERO));
        assert!(d.expired());
        assert_eq!(d.check().unwrap_err().kind(), "time_limit");
        let d = Deadline::after(Some(Duration::from_secs(3600)));
        assert!(d.check().is_ok());
        start(Some(Duration::ZERO));
        assert!(expired());
        start(None);
        assert!(!expired());
    }
}
