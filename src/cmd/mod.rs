//! The commands' drivers: everything that talks to a terminal.
//!
//! Each command module turns parsed arguments into library calls and owns
//! what only a program run by a person needs: printed findings and status
//! lines, colours, a progress bar, the Ctrl-C handler and the browser. The
//! library underneath prints nothing, so tools and tests can drive it too.
//! Each command reads `site.toml` once and passes it down.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod deploy;
pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod serve;
pub(crate) mod sign;
pub(crate) mod verify;
pub(crate) mod watch;

use std::io::IsTerminal as _;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use gongkai::build::Progress;
use gongkai::diagnostics::Diagnostics;
use gongkai::error::{Error, Result};
use gongkai::watch::{Event, Stopper};

/// Colour only on a terminal, and never when `NO_COLOR` is set.
pub(crate) fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none()
}

/// Prints a build's findings to stderr: every error in full, the
/// warnings grouped by rule with their first places, so that a large
/// site's log stays readable (`check --verbose` lists each one).
pub(crate) fn print_warnings(diagnostics: &Diagnostics, root: &Path) {
    if !diagnostics.is_empty() {
        let color = use_color(std::io::stderr().is_terminal());
        eprint!(
            "{}",
            diagnostics.render_grouped(root, color, check::SHOWN_PER_RULE)
        );
    }
}

/// Prints a watch event to stderr: the diagnostics first, then the status
/// line.
pub(crate) fn print_event(event: &Event, root: &Path, color: bool) {
    if let Some(text) = event
        .error_report(root, color)
        .or_else(|| event.warnings(root, color))
    {
        eprint!("{text}");
        if !text.ends_with('\n') {
            eprintln!();
        }
    }
    eprintln!("{}", event.status_line());
}

/// Installs the process-wide Ctrl-C (and SIGTERM, SIGHUP) handler: the
/// first signal stops the watch cleanly, a second one exits at once.
pub(crate) fn on_interrupt(stopper: Stopper) -> Result<()> {
    let mut signalled = false;
    ctrlc::set_handler(move || {
        if signalled {
            std::process::exit(130);
        }
        signalled = true;
        stopper.stop();
    })
    .map_err(|e| Error::Serve(gongkai::t!("ctrlc-failed", error = e)))
}

/// A progress bar on stderr for long renders on a terminal; nothing
/// otherwise, so logs and CI output stay clean.
#[derive(Default)]
pub(crate) struct Bar(Mutex<Option<ProgressBar>>);

impl Bar {
    fn bar(&self) -> Option<ProgressBar> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Progress for Bar {
    fn begin(&self, total: usize) {
        const LONG_RUN: usize = 2_000;
        if total < LONG_RUN || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(&gongkai::t!("progress-template")) {
            bar.set_style(style);
        }
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar);
    }

    fn advance(&self) {
        if let Some(bar) = self.bar() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        let bar = self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
    }

    fn waiting(&self, out_dir: &Path, holder: Option<u32>) {
        let dir = out_dir.display();
        match holder {
            Some(pid) => eprintln!("{}", gongkai::t!("output-waiting", pid = pid, dir = dir)),
            None => eprintln!("{}", gongkai::t!("output-waiting-unknown", dir = dir)),
        }
    }
}
