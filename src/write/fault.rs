//! Test hooks of the writer (debug builds only; release builds compile them
//! to nothing): a full disk on demand, and a slowed-down publish.
//!
//! The suite must prove that a write failure leaves the last good site and
//! that a kill at any moment leaves a whole site, without root-only tricks
//! (a tiny file system, a read-only folder that root ignores anyway). As
//! with `GONGKAI_TEST_PANIC_IF` in `watch`, an environment variable turns a
//! hook on:
//!
//! * `GONGKAI_TEST_DISK_FULL=<file>`: while `<file>` exists, each writer
//!   step of the kind it names (`write N`: writing a new file; `apply N`:
//!   moving an incremental rebuild's file into place) lets `N` more
//!   through, counting down in the file, and then fails as a full disk
//!   does (`ENOSPC`).
//! * `GONGKAI_TEST_PUBLISH_PAUSE_MS=<ms>`: a pause before each step of a
//!   full build's publish (each entry of the staging folder corrected,
//!   the swap, each entry looked at and trimmed after it), so that a
//!   timed kill lands inside it.

use std::io;

/// A writer step that the disk-full hook can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Writing the bytes of a new or changed file.
    Write,
    /// Moving a staged file into the live output (incremental rebuilds).
    Apply,
}

/// Fails like a full disk when the hook says so; otherwise `Ok`.
pub(crate) fn check(step: Step) -> io::Result<()> {
    #[cfg(debug_assertions)]
    {
        use std::sync::Mutex;
        static COUNTING: Mutex<()> = Mutex::new(());
        let Some(trigger) = std::env::var_os("GONGKAI_TEST_DISK_FULL") else {
            return Ok(());
        };
        let _one_at_a_time = COUNTING.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(text) = std::fs::read_to_string(&trigger) else {
            return Ok(());
        };
        let mut words = text.split_whitespace();
        let kind = match words.next() {
            Some("apply") => Step::Apply,
            _ => Step::Write,
        };
        let left: u64 = words.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        if kind != step {
            return Ok(());
        }
        if left > 0 {
            let word = if kind == Step::Apply {
                "apply"
            } else {
                "write"
            };
            let _ = std::fs::write(&trigger, format!("{word} {}", left - 1));
            return Ok(());
        }
        Err(disk_full())
    }
    #[cfg(not(debug_assertions))]
    {
        let _ = step;
        Ok(())
    }
}

/// The error a full disk gives.
#[cfg(debug_assertions)]
fn disk_full() -> io::Error {
    #[cfg(unix)]
    {
        io::Error::from_raw_os_error(libc::ENOSPC)
    }
    #[cfg(not(unix))]
    {
        io::Error::new(io::ErrorKind::StorageFull, "no space left on device")
    }
}

/// Pauses before a publish step when the hook asks for it.
pub(crate) fn pause() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("GONGKAI_TEST_PUBLISH_PAUSE_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}
