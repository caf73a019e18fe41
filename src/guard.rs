//! A wall between documents: a bug that panics while one document is read,
//! resolved, checked or rendered ends that document's work, not the run.
//!
//! reckon is written not to panic, but a linter in a pre-publish hook must not
//! lose every other file's findings to one bug. Each face runs the work of one
//! document (and the pass over the set) in [`isolate`]; a panic there becomes a
//! [`Crash`], which the face reports as an internal error naming the file, and
//! the run goes on. The release profile unwinds for this (see ARCHITECTURE.md).

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

/// What a caught panic said, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crash {
    /// The panic message.
    pub message: String,
    /// `file:line:column` in reckon's source, when known.
    pub location: Option<String>,
}

impl Crash {
    /// The report for a user: which input, what went wrong, and what to do.
    pub fn report(&self, input: &str) -> String {
        let at = self
            .location
            .as_deref()
            .map(|l| format!(" (at {l})"))
            .unwrap_or_default();
        format!(
            "error: internal error while processing {input}: {}{at}\n  \
             This is a bug in reckon, not in your file. The other inputs were still processed.\n  \
             Please report it, with the input that caused it, to the reckon issue tracker.",
            self.message
        )
    }
}

thread_local! {
    /// The last panic on this thread, recorded by the hook for [`isolate`] to pick up.
    static LAST: RefCell<Option<Crash>> = const { RefCell::new(None) };
}

/// Replaces the default panic hook, which prints to stderr, with one that
/// records the panic for [`isolate`]; the face prints it as a report instead.
/// Only the command line calls this: tests keep the default hook.
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "a panic with no message".to_string()
        };
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        LAST.with(|c| *c.borrow_mut() = Some(Crash { message, location }));
    }));
}

/// Runs `work`; a panic inside it is caught and returned as a [`Crash`].
///
/// `work` must leave nothing shared half-updated when it panics: the faces pass
/// closures that build their own output and hand it back only on success.
pub fn isolate<T>(work: impl FnOnce() -> T) -> Result<T, Crash> {
    LAST.with(|c| c.borrow_mut().take());
    panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        LAST.with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| Crash {
                message: payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic with no message".to_string()),
                location: None,
            })
    })
}

/// Debug builds only: panics when `RECKON_PANIC_ON` is set and `text` holds
/// it, so the tests can prove that a crash in one document spares the others.
/// Release builds compile this to nothing.
pub fn test_trap(text: &str) {
    #[cfg(debug_assertions)]
    if let Some(marker) = std::env::var_os("RECKON_PANIC_ON") {
        let marker = marker.to_string_lossy();
        if !marker.is_empty() && text.contains(&*marker) {
            panic!("RECKON_PANIC_ON trap");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = text;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_crash_and_the_caller_goes_on() {
        let r: Result<(), Crash> = isolate(|| {
            let s = "a—b";
            let _ = &s[..2];
        });
        let c = r.unwrap_err();
        assert!(c.message.contains("char boundary"), "{c:?}");
        assert_eq!(isolate(|| 41 + 1), Ok(42));
    }

    #[test]
    fn the_report_names_the_input_and_asks_for_a_bug_report() {
        let c = Crash {
            message: "boom".into(),
            location: Some("src/x.rs:1:2".into()),
        };
        let r = c.report("news/a.md");
        assert!(r.contains("news/a.md") && r.contains("boom") && r.contains("src/x.rs:1:2"));
        assert!(r.contains("bug in reckon"));
    }
}
