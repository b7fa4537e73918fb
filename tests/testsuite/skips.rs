//! Audits that could not run, said so at the end of the run.
//!
//! The audits need tools cargo does not install (Chromium, Java, Node and
//! npm packages, Python modules, an SSH or FTP server). Without them a test
//! returns early, and libtest, which has no "skipped" outcome a test can
//! choose at run time on stable Rust, reports it as `ok`. So a plain
//! `cargo test` would look like a full audit that it was not. Each skip
//! therefore goes through [`skip`], which
//!
//! - under `GONGKAI_REQUIRE_AUDIT=1` (CI) fails the test instead;
//! - otherwise prints `SKIPPED: …` at once, past the harness's capture;
//! - records it, and when the test binary exits (after libtest's
//!   `test result:` line) prints how many audits were skipped and how to
//!   run them, and writes the list to `target/gongkai-skipped-audits.txt`
//!   for scripts. A run that skips nothing removes that file, so it never
//!   describes an older run.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Mutex, Once};

/// The tests that skipped their audit in this run of the test binary, each
/// with why.
static SKIPPED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// The file listing this run's skips (`target/gongkai-skipped-audits.txt`).
pub(crate) fn skipped_file() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp.
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("gongkai-skipped-audits.txt")
}

/// Skips the calling test's audit `what` because of `message` (which says
/// what is missing and how to install it), or fails under
/// `GONGKAI_REQUIRE_AUDIT=1`.
pub(crate) fn skip(what: &str, message: &str) {
    if std::env::var("GONGKAI_REQUIRE_AUDIT").is_ok_and(|v| v == "1") {
        panic!("GONGKAI_REQUIRE_AUDIT=1 but {what} cannot run: {message}");
    }
    start_run();
    let reason = format!("{what}: {message}");
    // libtest runs each test on a thread named after it.
    let test = std::thread::current()
        .name()
        .unwrap_or("(unnamed test)")
        .to_owned();
    let mut skipped = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    // One line per reason, however many tests share it.
    if !skipped.iter().any(|(_, r)| *r == reason) {
        let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
    }
    skipped.push((test, reason));
    let list: String = skipped
        .iter()
        .map(|(test, reason)| format!("{test}\t{reason}\n"))
        .collect();
    let _ = std::fs::write(skipped_file(), list);
    static AT_EXIT: Once = Once::new();
    AT_EXIT.call_once(|| {
        // SAFETY: `summary` is a plain `extern "C" fn()` that neither
        // panics nor unwinds; registering it has no other precondition.
        unsafe {
            libc::atexit(summary);
        }
    });
}

/// Forgets an older run's list, so that the file describes this run only:
/// called by every new test site and before the first skip is written,
/// and acting once per run.
pub(crate) fn start_run() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        let _ = std::fs::remove_file(skipped_file());
    });
}

/// The last line of the run: how many audits did not run, and how to run
/// them.
extern "C" fn summary() {
    let skipped = match SKIPPED.lock() {
        Ok(s) => s.len(),
        Err(e) => e.into_inner().len(),
    };
    if skipped == 0 {
        return;
    }
    let _ = writeln!(
        std::io::stderr(),
        "\nSKIPPED: {skipped} test(s) did not run their audit and were reported as ok \
         (listed in {}); install the tools the SKIPPED lines above name, or set \
         GONGKAI_REQUIRE_AUDIT=1 to make a missing tool a failure",
        skipped_file().display()
    );
}
