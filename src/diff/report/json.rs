//! The machine-readable report: a stable schema, documented in
//! docs/diff.md. Keys are English and never translated; figures are
//! strings holding exact decimals (a float would round a budget).
//! `schema` names the version: a key is only ever added within one.

use serde::Serialize;

use crate::diff::{Class, Diff};

/// The version of the JSON schema, the `schema` key's value.
pub const SCHEMA: &str = "gongkai-diff/1";

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    changed: bool,
    summary: Summary,
    #[serde(flatten)]
    diff: &'a Diff,
}

#[derive(Serialize)]
struct Summary {
    added: usize,
    removed: usize,
    changed: usize,
    substantive: usize,
    errata: usize,
    revision_needed: usize,
    findings_introduced: usize,
    findings_resolved: usize,
}

/// The report as pretty-printed JSON, with a final line break.
pub fn render(diff: &Diff) -> String {
    use crate::diff::Status;
    let count = |s: Status| diff.projects.iter().filter(|p| p.status == s).count();
    let class = |c: Class| diff.projects.iter().filter(|p| p.class == c).count();
    let document = Document {
        schema: SCHEMA,
        changed: diff.has_changes(),
        summary: Summary {
            added: count(Status::Added),
            removed: count(Status::Removed),
            changed: count(Status::Changed),
            substantive: class(Class::Substantive),
            errata: class(Class::Erratum),
            revision_needed: diff.needing_revision().count(),
            findings_introduced: diff.findings.introduced.len(),
            findings_resolved: diff.findings.resolved.len(),
        },
        diff,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
