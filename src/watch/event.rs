//! What a watch reports after each batch of changes, and its words.
//!
//! An [`Event`] is the outcome of one build or rebuild. Its text (a status
//! line, the full error report, the warnings worth showing) is made here,
//! once, because two readers need the same words: the `watch` and `serve`
//! commands print them, and the preview server shows a failure in the
//! browser's overlay. Nothing here prints.

use std::path::{Path, PathBuf};
use std::time::Duration;

use miette::Diagnostic as _;

use crate::build::{BuildReport, RebuildReport};
use crate::check::PendingReviews;
use crate::diagnostics::Diagnostics;
use crate::error::{self, Error};

/// What happened in response to a batch of changes (or at start).
#[derive(Debug)]
pub enum Event {
    /// A full build succeeded: the first one, or the first good one after
    /// a start with broken content.
    Built(BuildReport),
    /// An incremental rebuild succeeded.
    Rebuilt(RebuildReport),
    /// The build or rebuild failed; the output still holds the last good
    /// site. `changed` is empty for the first build.
    Failed {
        /// The changed inputs, relative to the root.
        changed: Vec<PathBuf>,
        /// Why the build failed: content findings or an I/O error.
        error: Error,
    },
}

impl Event {
    /// True when the event changed files in the output directory.
    pub(crate) fn changed_output(&self) -> bool {
        match self {
            Event::Built(_) => true,
            Event::Rebuilt(report) => !report.written.is_empty() || !report.removed.is_empty(),
            Event::Failed { .. } => false,
        }
    }

    /// One line for the terminal: what changed, what was rendered, how
    /// long it took; for a failure, what changed and that the old site
    /// stays (the details come from [`Event::error_report`]).
    pub fn status_line(&self) -> String {
        match self {
            Event::Built(report) => crate::t!(
                "watch-built",
                projects = report.projects,
                pages = report.pages,
                elapsed = millis(report.elapsed),
                dir = report.out_dir.display()
            ),
            Event::Rebuilt(report) if report.full => crate::t!(
                "watch-rebuilt-full",
                changed = describe_paths(&report.changed),
                rendered = report.rendered,
                written = report.written.len(),
                removed = report.removed.len(),
                elapsed = millis(report.elapsed)
            ),
            Event::Rebuilt(report) => crate::t!(
                "watch-rebuilt",
                changed = describe_paths(&report.changed),
                rendered = report.rendered,
                written = report.written.len(),
                removed = report.removed.len(),
                elapsed = millis(report.elapsed)
            ),
            Event::Failed { changed, error } if changed.is_empty() => {
                crate::t!("watch-first-failed", error = error)
            }
            Event::Failed {
                changed,
                error: error @ Error::OutputMixed { .. },
            } => crate::t!(
                "watch-failed-mixed",
                changed = describe_paths(changed),
                error = error
            ),
            Event::Failed { changed, error } => crate::t!(
                "watch-failed",
                changed = describe_paths(changed),
                error = error
            ),
        }
    }

    /// The whole site's open `# 待核对` flags after a successful build or
    /// rebuild, or `None` after a failure, which leaves the last good
    /// site's flags as they were.
    pub fn reviews(&self) -> Option<&PendingReviews> {
        match self {
            Event::Built(report) => Some(&report.reviews),
            Event::Rebuilt(report) => Some(&report.reviews),
            Event::Failed { .. } => None,
        }
    }

    /// The report of a failure as `check` prints it (file, line, column and
    /// snippet for each content error, warnings grouped), or `None` on
    /// success.
    pub fn error_report(&self, root: &Path, color: bool) -> Option<String> {
        let Event::Failed { error, .. } = self else {
            return None;
        };
        Some(match error {
            Error::Content(diagnostics) => diagnostics.render_grouped(root, color, SHOWN_PER_RULE),
            other => plain_error(other),
        })
    }

    /// Warnings and infos worth showing after a successful build: all of
    /// them after a full build, grouped by rule, and only those about the
    /// changed files after a rebuild, each in full (the rest were shown
    /// before).
    pub fn warnings(&self, root: &Path, color: bool) -> Option<String> {
        let diagnostics: Diagnostics = match self {
            Event::Built(report) => report.diagnostics.clone(),
            Event::Rebuilt(report) => report
                .diagnostics
                .iter()
                .filter(|d| report.changed.contains(&d.file))
                .cloned()
                .collect(),
            Event::Failed { .. } => return None,
        };
        let full = matches!(self, Event::Rebuilt(_));
        (!diagnostics.is_empty()).then(|| {
            if full {
                diagnostics.render_human(root, color)
            } else {
                diagnostics.render_grouped(root, color, SHOWN_PER_RULE)
            }
        })
    }
}

/// The places a grouped report shows per rule, as `check` does.
const SHOWN_PER_RULE: usize = 3;
/// An error's message, its causes and its help, without colour.
fn plain_error(error: &Error) -> String {
    let mut text = error.to_string();
    for cause in error::causes(error) {
        text.push_str(&format!(": {cause}"));
    }
    text.push('\n');
    if let Some(help) = error.help() {
        text.push_str(&crate::t!("help-line", help = help));
        text.push('\n');
    }
    text
}

/// `a changed`, `a, b changed`, `5 files (a, b, c, …) changed`.
fn describe_paths(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    match paths.len() {
        0 => crate::t!("changed-nothing"),
        1..=SHOWN => names.join(", "),
        n => crate::t!("changed-files", count = n, names = names.join(", ")),
    }
}

/// An elapsed time in milliseconds, the unit every status line uses.
pub fn millis(elapsed: Duration) -> String {
    let ms = elapsed.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{} ms", ms.round() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_paths() {
        let paths = |n: usize| {
            (0..n)
                .map(|i| PathBuf::from(format!("f{i}")))
                .collect::<Vec<_>>()
        };
        assert_eq!(describe_paths(&paths(1)), "f0");
        assert_eq!(describe_paths(&paths(2)), "f0, f1");
        assert!(describe_paths(&paths(5)).contains("f0, f1, f2, …"));
    }
}
