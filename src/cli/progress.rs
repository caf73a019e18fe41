//! A count of the files checked, on standard error, for a long run seen on a
//! terminal: drawn after the first second, at most ten times a second, and
//! wiped before anything else is written, so a report on the same terminal
//! never mixes with it. Nothing is drawn when standard error is a pipe or a
//! file (a CI log gets no carriage returns).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// How long a run goes before its progress is shown.
const QUIET_START: Duration = Duration::from_secs(1);
/// The shortest time between two redraws.
const REDRAW: Duration = Duration::from_millis(100);

/// The progress line of one run.
pub(super) struct Progress {
    total: usize,
    done: usize,
    started: Instant,
    drawn_at: Option<Instant>,
    /// A line is on the terminal now.
    shown: bool,
    /// Standard error is a terminal.
    on: bool,
}

impl Progress {
    /// Progress over `total` files; off unless standard error is a terminal.
    pub(super) fn new(total: usize) -> Progress {
        Progress::with(total, total > 1 && std::io::stderr().is_terminal())
    }

    fn with(total: usize, on: bool) -> Progress {
        Progress {
            total,
            done: 0,
            started: Instant::now(),
            drawn_at: None,
            shown: false,
            on,
        }
    }

    /// One more file is done; redraws when it is time.
    pub(super) fn tick(&mut self) {
        self.done += 1;
        if !self.on {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.started) < QUIET_START
            || self
                .drawn_at
                .is_some_and(|t| now.duration_since(t) < REDRAW)
        {
            return;
        }
        self.drawn_at = Some(now);
        self.shown = true;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{}", self.line());
        let _ = err.flush();
    }

    /// "reckon: checked 1,200 of 96,000 files (1%)".
    fn line(&self) -> String {
        let percent = self.done * 100 / self.total.max(1);
        format!(
            "reckon: checked {} of {} files ({percent}%)",
            self.done, self.total
        )
    }

    /// Wipes the line, before a report or a message is written.
    pub(super) fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_drawn_off_a_terminal() {
        let mut p = Progress::with(10, false);
        p.started -= Duration::from_secs(5);
        for _ in 0..10 {
            p.tick();
        }
        assert!(!p.shown);
        assert_eq!(p.done, 10);
    }

    #[test]
    fn a_run_shorter_than_a_second_draws_nothing() {
        let mut p = Progress::with(10, true);
        p.tick();
        assert!(!p.shown);
    }

    #[test]
    fn the_line_counts_files() {
        let mut p = Progress::with(400, false);
        p.done = 100;
        assert_eq!(p.line(), "reckon: checked 100 of 400 files (25%)");
    }
}
