//! Contain panics from the PDF libraries without printing the default panic message.
//!
//! A process-wide hook is installed once; it stays silent (and remembers the message) only on
//! a thread that is inside [`run_quietly`], and defers to the previous hook everywhere else, so
//! real bugs elsewhere still print as usual.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<u32> = const { Cell::new(0) };
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

fn install() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) > 0 {
                let msg = payload_message(info.payload());
                let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
                LAST.with(|l| *l.borrow_mut() = Some(format!("{msg}{at}")));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Run `f`, turning a panic into `Err(message)` without printing anything.
pub fn run_quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install();
    QUIET.with(|q| q.set(q.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get() - 1));
    result.map_err(|payload| {
        let recorded = LAST.with(|l| l.borrow_mut().take());
        let msg = recorded.unwrap_or_else(|| payload_message(payload.as_ref()));
        // Keep messages short: some libraries panic with whole objects in the text.
        let mut msg: String = msg.chars().take(300).collect();
        if msg.is_empty() {
            msg = "panic".into();
        }
        msg
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors() {
        let r: Result<(), String> = run_quietly(|| panic!("boom {}", 42));
        assert!(r.unwrap_err().starts_with("boom 42"));
        assert_eq!(run_quietly(|| 7).unwrap(), 7);
        // Nested use keeps the outer guard active.
        let r = run_quietly(|| {
            let inner: Result<(), String> = run_quietly(|| panic!("inner"));
            assert!(inner.is_err());
            3
        });
        assert_eq!(r.unwrap(), 3);
    }
}
