//! Findings about the content, and how they are shown.
//!
//! Every stage that looks at user input (loading, schema checks, the
//! performance-target linter) reports through [`Diagnostic`]. A diagnostic
//! names the file and, where it can, the field path; the line and column are
//! filled in afterwards by [`Diagnostics::locate`], which re-reads each file
//! at most once. That keeps rules free of span bookkeeping and keeps source
//! text out of memory on large sites. Output comes in two forms: a human
//! report with source snippets (miette) and a stable JSON document for CI.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::source::Location;
use crate::yaml::SpanIndex;

mod grouped;
mod snippet;

/// How much a finding matters. Errors stop a build; the rest are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The content cannot be read or shown faithfully; the build stops.
    Error,
    /// A judgement about the source table; printed, never blocking, because the approved table
    /// is published as it is.
    Warning,
    /// A remark worth knowing, such as a value that was normalised.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule's default severity, or the one `site.toml` set for it.
    pub severity: Severity,
    /// Stable identifier of the rule that produced the finding, such as
    /// `schema` or `funding-sum`; `site.toml` can re-level rules by it.
    pub rule: String,
    /// Path relative to the site root, with `/` separators.
    pub file: PathBuf,
    /// Field path inside the file, such as `indicators[3].value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Line and column in the file, when the finding points at one spot.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to write instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding without field, location or help; add them with the builder methods.
    pub fn new(
        severity: Severity,
        rule: impl Into<String>,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            rule: rule.into(),
            file: file.into(),
            field: None,
            location: None,
            message: message.into(),
            help: None,
        }
    }

    /// A finding that stops the build.
    pub fn error(rule: &str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, file, message)
    }

    /// A finding that is printed but does not stop the build.
    pub fn warning(rule: &str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, rule, file, message)
    }

    /// Names the field the finding is about, such as `indicators[3].value`.
    pub fn field(mut self, path: impl Into<String>) -> Self {
        self.field = Some(path.into());
        self
    }

    /// Points the finding at a line and column; `None` leaves it file-wide.
    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// Says what to write instead.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The order findings are printed in: by file, then position. It
    /// covers every field, so that equal findings end up side by side and
    /// one `dedup` removes them all.
    pub(crate) fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.file,
            self.location,
            self.severity,
            &self.rule,
            &self.message,
            &self.field,
            &self.help,
        )
    }
}

/// Counts per severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Findings that stop a build.
    pub errors: usize,
    /// Findings that are printed only.
    pub warnings: usize,
    /// Remarks.
    pub infos: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!(
            "summary",
            errors = self.errors,
            warnings = self.warnings,
            infos = self.infos
        ))
    }
}

/// All findings of one run, kept sorted by file and position.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Findings counted but not kept (see [`Diagnostics::keep_first`]):
    /// a build prints only the first few warnings, and on a large site
    /// locating and holding the rest cost more than checking itself.
    dropped: Summary,
}

impl Diagnostics {
    /// Adds one finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds several findings, such as another stage's.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// The findings, in the order they are kept.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// True when nothing at all was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of findings, of every severity.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when a finding stops the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Counts per severity, for the closing line of `check` and `build`;
    /// findings that were counted but not kept are included.
    pub fn summary(&self) -> Summary {
        let mut summary = self.dropped;
        for d in &self.items {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }

    /// Drops findings less severe than `level` (build shows errors and
    /// warnings; `check` shows infos too).
    pub(crate) fn retain_at_least(&mut self, level: Severity) {
        self.items.retain(|d| d.severity <= level);
    }

    /// Keeps every error and the first `max_others` other findings in the
    /// order [`locate`](Self::locate) sorts them into, and only counts the
    /// rest. Call it before `locate`, which then reads only the files whose
    /// findings are kept.
    ///
    /// The sorted order puts files first, so the first findings lie in the
    /// first files: whole files are kept, in path order, until they hold
    /// `max_others` findings that are not errors. Duplicates are removed
    /// first, as `locate` would, so that the counts equal a full run's.
    pub(crate) fn keep_first(&mut self, max_others: usize) {
        let total_others = self
            .items
            .iter()
            .filter(|d| d.severity != Severity::Error)
            .count();
        if total_others <= max_others {
            return;
        }
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        let mut others = 0;
        let mut last_kept_file: Option<PathBuf> = None;
        let mut kept = Vec::new();
        for d in std::mem::take(&mut self.items) {
            let same_file = last_kept_file.as_ref() == Some(&d.file);
            if d.severity == Severity::Error || others < max_others || same_file {
                if d.severity != Severity::Error {
                    others += 1;
                    last_kept_file = Some(d.file.clone());
                }
                kept.push(d);
            } else if d.severity == Severity::Warning {
                self.dropped.warnings += 1;
            } else {
                self.dropped.infos += 1;
            }
        }
        self.items = kept;
    }

    /// Fills in line and column for findings that only name a field, reading
    /// each affected file once (files in parallel), then sorts everything
    /// into a stable order.
    pub fn locate(&mut self, root: &Path) {
        self.locate_with(|file| crate::source::read_inside_text(root, file));
    }

    /// Like [`locate`](Self::locate), with the files' texts coming from
    /// `read` (the fuzz targets keep their one file in memory).
    pub fn locate_with(&mut self, read: impl Fn(&Path) -> Option<String> + Sync) {
        let mut by_file: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
        for (i, d) in self.items.iter().enumerate() {
            if d.location.is_none() && d.field.is_some() {
                by_file.entry(d.file.clone()).or_default().push(i);
            }
        }
        let items = &self.items;
        let found: Vec<(usize, Option<Location>)> = by_file
            .into_par_iter()
            .flat_map_iter(|(file, indices)| {
                let text = read(&file).unwrap_or_default();
                // Only the fields asked for are indexed: a file of 100,000
                // findings costs one walk, and each lookup is hashed.
                let fields = indices.iter().filter_map(|&i| items[i].field.as_deref());
                let index = SpanIndex::of_paths(&text, fields);
                indices
                    .into_iter()
                    .map(|i| {
                        (
                            i,
                            index.locate(items[i].field.as_deref().unwrap_or_default()),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for (i, location) in found {
            self.items[i].location = location;
        }
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
    }

    /// The human report: findings grouped under a heading per file, each
    /// with a source snippet, then a summary line. `root` is where the files
    /// named by findings live.
    pub fn render_human(&self, root: &Path, color: bool) -> String {
        self.render_human_capped(root, color, usize::MAX)
    }

    /// Like [`render_human`](Self::render_human), but shows at most
    /// `max_others` findings that are not errors, so that a large site's
    /// build log stays readable. Errors are always shown, every one; the
    /// summary counts everything and says how many were left out.
    pub fn render_human_capped(&self, root: &Path, color: bool, max_others: usize) -> String {
        self.render_human_from(
            |file| crate::source::read_inside_text(root, file),
            color,
            max_others,
        )
    }

    /// Like [`render_human_capped`](Self::render_human_capped), with the
    /// files' texts coming from `read`.
    pub fn render_human_from(
        &self,
        read: impl Fn(&Path) -> Option<String>,
        color: bool,
        max_others: usize,
    ) -> String {
        let mut others = 0;
        let shown: Vec<&Diagnostic> = self
            .items
            .iter()
            .filter(|d| {
                let keep = d.severity == Severity::Error || others < max_others;
                others += usize::from(d.severity != Severity::Error);
                keep
            })
            .collect();
        let mut out = snippet::render_snippets(&shown, read, color);
        out.push_str(&format!("{}\n", self.summary()));
        let dropped = self.dropped.warnings + self.dropped.infos;
        let hidden = self.items.len() - shown.len() + dropped;
        if hidden > 0 {
            out.push_str(&crate::t!("findings-hidden", count = hidden));
            out.push('\n');
        }
        out
    }

    /// The JSON report. Its shape is documented in the README and versioned,
    /// so CI integrations can rely on it.
    pub fn render_json(&self) -> String {
        #[derive(Serialize)]
        struct Report<'a> {
            version: u32,
            diagnostics: &'a [Diagnostic],
            summary: Summary,
        }
        let report = Report {
            version: 1,
            diagnostics: &self.items,
            summary: self.summary(),
        };
        // Serialising plain data to a string cannot fail.
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
            dropped: Summary::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A capped run must print exactly what a full run prints under the
    /// same cap, with the same counts: the build relies on it to skip
    /// locating the findings it would not show.
    #[test]
    fn keeping_the_first_findings_prints_what_a_full_run_prints() {
        let text = "name: 项目\nyear: 2023\nindicators:\n  - name: 数量\n    value: 三次\n";
        let read = |_: &Path| Some(text.to_string());
        let mut all = Diagnostics::default();
        for file in ["c.yaml", "a.yaml", "b.yaml", "a.yaml"] {
            for (severity, field) in [
                (Severity::Warning, "indicators[0].value"),
                (Severity::Info, "name"),
                (Severity::Warning, "year"),
            ] {
                all.push(Diagnostic::new(severity, "rule", file, "m").field(field));
            }
        }
        all.push(Diagnostic::error("bad", "c.yaml", "e").field("year"));
        for cap in [0, 1, 3, 4, 5, 100] {
            let mut full = all.clone();
            full.locate_with(read);
            let mut capped = all.clone();
            capped.keep_first(cap);
            capped.locate_with(read);
            assert_eq!(capped.summary(), full.summary(), "cap {cap}");
            assert_eq!(
                capped.render_human_from(read, false, cap),
                full.render_human_from(read, false, cap),
                "cap {cap}"
            );
            assert!(capped.len() <= full.len());
        }
        let mut capped = all.clone();
        capped.keep_first(1);
        // Only a.yaml (3 findings after the duplicate is removed) and the
        // error in c.yaml are kept.
        assert_eq!(capped.len(), 4);
    }

    #[test]
    fn capped_report_keeps_every_error() {
        let mut ds = Diagnostics::default();
        for i in 0..5 {
            ds.push(Diagnostic::warning("w", format!("w{i}.yaml"), "warn"));
        }
        ds.push(Diagnostic::error("e", "z.yaml", "broken"));
        ds.locate(Path::new("/nonexistent"));
        let text = ds.render_human_capped(Path::new("/nonexistent"), false, 2);
        assert!(text.contains("z.yaml"), "{text}");
        assert!(
            text.contains("w1.yaml") && !text.contains("w2.yaml"),
            "{text}"
        );
        assert!(text.contains("1 error(s), 5 warning(s), 0 info"), "{text}");
        assert!(text.contains("3 more finding(s) not shown"), "{text}");
    }

    #[test]
    fn json_is_stable() {
        let mut ds = Diagnostics::default();
        ds.push(
            Diagnostic::warning("value-missing", "content/a/b.yaml", "empty")
                .field("indicators[0].value")
                .at(Some(Location { line: 3, column: 4 })),
        );
        let json = ds.render_json();
        assert!(json.contains("\"line\": 3"), "{json}");
        assert!(json.contains("\"warnings\": 1"), "{json}");
    }
}
