//! `gongkai diff --record`: appends a `revisions:` entry skeleton to each
//! changed project file of the working tree, for a person to complete.
//!
//! The file is edited as text, never re-serialised, so its comments,
//! quoting and key order stay as they are: the entry goes after the last
//! line of an existing top-level `revisions:` list (or replaces an empty
//! `revisions: []`), else a new `revisions:` key is appended at the end.
//! The date is the one given with `--date`, or the placeholder
//! `YYYY-MM-DD`, never the clock: the date of a change is the approval's
//! or the correction's, which only a person knows. The kind follows the
//! classification; `basis` is left empty for a 调整 (the `revision-basis`
//! rule flags it until it is written). Each entry carries a `# 待核对`
//! comment, so `review-pending` keeps the file flagged until a person has
//! read it. The edited text is parsed again before it is written; a file
//! whose layout is not recognised is left alone and its snippet printed.

use std::path::{Path, PathBuf};

use super::{Class, Diff, ProjectDiff, Status};
use crate::yaml::quoted;

/// What `--record` did with one project.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The project file, relative to the site root.
    pub file: PathBuf,
    /// The YAML lines of the entry.
    pub snippet: String,
    /// False when the file was left alone (print the snippet instead).
    pub written: bool,
}

/// The date written when `--date` is not given.
pub const DATE_PLACEHOLDER: &str = "YYYY-MM-DD";

/// The projects of `diff` that need an entry: every changed project to
/// which no `revisions` entry was added yet (a second run does not add
/// another skeleton beside an incomplete one).
fn needs_entry(p: &ProjectDiff) -> bool {
    p.status == Status::Changed && p.revisions_added.is_empty()
}

/// The entry's lines, each item line indented by `indent` spaces.
pub fn snippet(p: &ProjectDiff, date: Option<&str>, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let kind = match p.class {
        Class::Erratum => "勘误",
        Class::Substantive => "调整",
    };
    let note = super::report::change_parts(p).join(", ");
    let mut out = format!(
        "{pad}# {}：{}\n{pad}- date: {}\n{pad}  note: {}\n{pad}  kind: {kind}\n",
        crate::yaml::REVIEW_MARKER,
        crate::t!("diff-record-comment"),
        quoted(date.unwrap_or(DATE_PLACEHOLDER)),
        quoted(&note),
    );
    if p.class == Class::Substantive {
        out.push_str(&format!("{pad}  basis: \"\"\n"));
    }
    out
}

/// The text with the entry added, or `None` when the file's `revisions`
/// is written in a form this does not edit (a flow list with entries).
pub(crate) fn append(text: &str, p: &ProjectDiff, date: Option<&str>) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = lines.iter().position(|l| l.starts_with("revisions:"));
    let mut out = String::with_capacity(text.len() + 200);
    let Some(start) = start else {
        out.push_str(text);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("revisions:\n");
        out.push_str(&snippet(p, date, 2));
        return Some(out);
    };
    let rest = lines[start]["revisions:".len()..].trim();
    let rest = rest.split(" #").next().unwrap_or("").trim();
    if rest == "[]" {
        for (i, l) in lines.iter().enumerate() {
            if i == start {
                out.push_str("revisions:\n");
                out.push_str(&snippet(p, date, 2));
            } else {
                out.push_str(l);
            }
        }
        return Some(out);
    }
    if !rest.is_empty() && !rest.starts_with('#') {
        return None;
    }
    // The block runs while lines are indented, list items at column 0,
    // blank or comments; it ends at the last such line with content.
    let mut end = start + 1;
    let mut indent = None;
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let trimmed = l.trim_start();
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if l.starts_with(' ') || l.starts_with('-') {
            if trimmed.starts_with('-') && indent.is_none() {
                indent = Some(l.len() - trimmed.len());
            }
            end = i + 1;
        } else {
            break;
        }
    }
    for l in &lines[..end] {
        out.push_str(l);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&snippet(p, date, indent.unwrap_or(2)));
    for l in &lines[end..] {
        out.push_str(l);
    }
    Some(out)
}

/// Appends an entry to each project of `diff` that needs one, in the
/// working tree at `root`.
pub fn record(root: &Path, diff: &Diff, date: Option<&str>) -> Vec<Recorded> {
    diff.projects
        .iter()
        .filter(|p| needs_entry(p))
        .map(|p| {
            let path = root.join(&p.file);
            let written = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| {
                    let before = crate::load::parse_project(&text, &p.file, &p.department).ok()?;
                    let edited = append(&text, p, date)?;
                    let after = crate::load::parse_project(&edited, &p.file, &p.department).ok()?;
                    (after.revisions.len() == before.revisions.len() + 1).then_some(edited)
                })
                .is_some_and(|edited| std::fs::write(&path, edited).is_ok());
            Recorded {
                file: p.file.clone(),
                snippet: snippet(p, date, 2),
                written,
            }
        })
        .collect()
}
