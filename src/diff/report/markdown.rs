//! The pull-request comment: a summary and the totals open, then one
//! `<details>` block per department. A forge refuses a comment past
//! 65,536 characters, so the report is cut to fit, whole departments at a
//! time (a department too large on its own is shown as one line per
//! project), with a note that says what is missing and where to see it.

use std::collections::BTreeMap;

use super::{Style, sections, stat_line, summary};
use crate::diff::{Diff, FindingRow, ProjectDiff};

/// The most characters a comment may have (GitHub's limit).
pub const MAX_CHARS: usize = 65_536;

/// Room kept for the note that says the report was cut.
const NOTE_ROOM: usize = 600;

/// GitHub-flavoured Markdown.
pub struct Markdown;

impl Style for Markdown {
    fn heading(&self, text: &str) -> String {
        format!("#### {text}")
    }
    fn add(&self, text: &str) -> String {
        format!("<ins>{text}</ins>")
    }
    fn del(&self, text: &str) -> String {
        format!("<del>{text}</del>")
    }
    fn warn(&self, text: &str) -> String {
        format!("⚠️ **{text}**")
    }
    fn code(&self, text: &str) -> String {
        format!("`{}`", text.replace('`', "'"))
    }
    fn escape(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '*' | '_' | '`' | '[' | ']' | '\\' | '|' | '#' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' => out.push(' '),
                c => out.push(c),
            }
        }
        out
    }
    fn item(&self, depth: usize, text: &str) -> String {
        format!("{}- {text}\n", "  ".repeat(depth))
    }
}

/// One department's part of the report: its projects, and the findings
/// introduced and resolved in its files.
type Department<'a> = (
    Vec<&'a ProjectDiff>,
    Vec<&'a FindingRow>,
    Vec<&'a FindingRow>,
);

/// The department folder a file sits in (`content/<dept>/…`), if any.
fn department_of(path: &std::path::Path) -> Option<String> {
    path.iter().nth(1).map(|c| c.to_string_lossy().into_owned())
}

/// The report, at most [`MAX_CHARS`] characters.
pub fn render(diff: &Diff) -> String {
    let style = Markdown;
    let mut out = format!(
        "### {}\n\n{}\n\n",
        style.escape(&crate::t!("diff-title", old = diff.old, new = diff.new)),
        summary(diff)
    );
    if !diff.has_changes() {
        out.push_str(&crate::t!("diff-no-changes"));
        out.push('\n');
        return out;
    }
    let needing: Vec<&ProjectDiff> = diff.needing_revision().collect();
    if !needing.is_empty() {
        out.push_str(&style.warn(&crate::t!(
            "diff-revision-needed-count",
            count = needing.len()
        )));
        out.push_str("\n\n");
    }
    // Totals are what a reviewer must not miss: always open, always first.
    let totals: Vec<_> = diff.totals.iter().collect();
    out.push_str(&sections(&style, &diff.unit, &totals, &[], &[], &[]));
    // Each department's projects and findings; site-wide findings apart.
    let mut departments: BTreeMap<String, Department<'_>> = BTreeMap::new();
    for p in &diff.projects {
        departments
            .entry(p.department.clone())
            .or_default()
            .0
            .push(p);
    }
    for (rows, introduced) in [
        (&diff.findings.introduced, true),
        (&diff.findings.resolved, false),
    ] {
        for r in rows {
            let key = department_of(&r.file).unwrap_or_default();
            let entry = departments.entry(key).or_default();
            if introduced {
                entry.1.push(r)
            } else {
                entry.2.push(r)
            }
        }
    }
    let mut used = out.chars().count();
    let mut cut = 0usize;
    let mut shortened = 0usize;
    let total = departments.len();
    for (shown, (code, (projects, introduced, resolved))) in departments.iter().enumerate() {
        let name = diff
            .totals
            .iter()
            .find(|t| t.department == *code)
            .and_then(|t| t.department_name.clone())
            .unwrap_or_default();
        let title = if code.is_empty() {
            crate::t!("diff-site-wide")
        } else {
            format!("{code} {}", style.escape(&name)).trim().to_owned()
        };
        let summary = format!(
            "<summary>{title}: {}</summary>",
            crate::t!(
                "diff-department-count",
                projects = projects.len(),
                findings = introduced.len() + resolved.len()
            )
        );
        let full = format!(
            "<details>\n{summary}\n\n{}</details>\n\n",
            sections(&style, &diff.unit, &[], projects, introduced, resolved)
        );
        let piece = if used + full.chars().count() + NOTE_ROOM <= MAX_CHARS {
            full
        } else {
            shortened += 1;
            let lines: String = projects
                .iter()
                .map(|p| style.item(0, &stat_line(&style, p)))
                .collect();
            format!("<details>\n{summary}\n\n{lines}\n</details>\n\n")
        };
        let len = piece.chars().count();
        if used + len + NOTE_ROOM > MAX_CHARS {
            cut = total - shown;
            break;
        }
        used += len;
        out.push_str(&piece);
    }
    if shortened > 0 || cut > 0 {
        let shortened = shortened - usize::from(cut > 0);
        out.push_str(&style.warn(&crate::t!(
            "diff-markdown-cut",
            shortened = shortened,
            cut = cut,
            max = MAX_CHARS
        )));
        out.push('\n');
    }
    out
}
