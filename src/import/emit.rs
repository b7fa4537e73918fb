//! Writes a draft as the text of one v2 project file.
//!
//! The text is built line by line rather than serialised from a struct,
//! because the comments are the point: the header names the source, and
//! every guess sits as a `# 待核对：` line right above the row it concerns,
//! where the clerk reviewing the file will see it. Scalars go through
//! [`crate::yaml::scalar`], so every value reads back exactly as written.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::draft::{Draft, Funding, Row};
use crate::yaml::{quoted, scalar};

/// The review marker; `grep -rn 待核对 content/` lists what is left to do,
/// and `check` reports each as `review-pending` (one marker for both).
pub(crate) const REVIEW: &str = crate::yaml::REVIEW_MARKER;

/// A written file and where its review flags ended up.
pub(crate) struct Emitted {
    pub(crate) text: String,
    /// One-based line of each `# 待核对：` comment, with its reason.
    pub(crate) flags: Vec<(usize, String)>,
}

pub(super) struct Out {
    pub(super) text: String,
    pub(super) flags: Vec<(usize, String)>,
}

impl Out {
    pub(super) fn line(&mut self, line: impl AsRef<str>) {
        self.text.push_str(line.as_ref());
        self.text.push('\n');
    }

    pub(super) fn flag(&mut self, indent: &str, why: &str) {
        let why = one_line(why);
        let line = self.text.matches('\n').count() + 1;
        self.flags.push((line, why.clone()));
        self.line(format!("{indent}# {REVIEW}：{why}"));
    }

    /// The start of an indicator row of a list: its review flags, then its
    /// three levels (a target table's row and a 自评表's alike).
    pub(super) fn row_head(&mut self, flags: &[String], levels: [&str; 3]) {
        for flag in flags {
            self.flag("  ", flag);
        }
        self.line(format!("  - level1: {}", scalar(levels[0])));
        self.line(format!("    level2: {}", scalar(levels[1])));
        self.line(format!("    name: {}", scalar(levels[2])));
    }
}

pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of `draft` as a project file for `year`. `source` names the
/// file it came from; `notes` are extra project-level flags (a --year or
/// --department that overrode the source).
pub(crate) fn project(draft: &Draft, year: u16, source: &str, notes: &[String]) -> Emitted {
    let mut out = header(draft, source, notes);
    out.line(format!("year: {year}"));
    out.line(format!("name: {}", scalar(&draft.name)));
    project_body(&mut out, draft);
    Emitted {
        text: out.text,
        flags: out.flags,
    }
}

/// The header comment every imported file opens with: the source, the
/// review marker's meaning, the draft's remarks and the run's notes.
pub(super) fn header(draft: &Draft, source: &str, notes: &[String]) -> Out {
    let mut out = Out {
        text: String::new(),
        flags: Vec::new(),
    };
    out.line(format!(
        "# {}",
        crate::t!(
            "emit-source",
            source = one_line(source),
            part = one_line(&draft.part)
        )
    ));
    out.line(format!(
        "# {}",
        crate::t!("emit-generated", marker = REVIEW)
    ));
    for remark in &draft.remarks {
        out.line(format!("# {}", one_line(remark)));
    }
    for note in notes {
        out.flag("", note);
    }
    out
}

fn project_body(out: &mut Out, draft: &Draft) {
    if let Some(code) = &draft.code {
        out.line(format!("code: {}", quoted(code)));
    }
    match draft.amount {
        Some(amount) => out.line(format!("amount: {}", quoted(&amount.to_string()))),
        None => {
            out.flag("", &crate::t!("flag-no-amount"));
            out.line("amount: null");
        }
    }
    match draft.amount_unit {
        Some(unit) => out.line(format!("amount_unit: {}", unit.as_str())),
        None => out.flag("", &crate::t!("flag-no-unit")),
    }
    if !draft.funding.is_empty() {
        out.line("funding:");
        funding(out, &draft.funding, "  ");
    }
    if let Some(period) = &draft.period {
        out.line(format!("period: {}", scalar(period)));
    }
    if let Some(implementer) = &draft.implementer {
        out.line(format!("implementer: {}", scalar(implementer)));
    }
    if !draft.details.is_empty() {
        out.line("details:");
        for (label, text) in &draft.details {
            out.line(format!("  {}: {}", scalar(label), scalar(text)));
        }
    }
    if draft.goals.is_empty() {
        out.flag("", &crate::t!("flag-no-goals"));
        out.line("goals: []");
    } else {
        list(out, "goals", &draft.goals);
    }
    for flag in &draft.flags {
        out.flag("", flag);
    }
    rows(out, "indicators", &draft.indicators);
    if !draft.long_term_goals.is_empty() {
        list(out, "long_term_goals", &draft.long_term_goals);
    }
    if !draft.long_term_indicators.is_empty() {
        rows(out, "long_term_indicators", &draft.long_term_indicators);
    }
    if let Some(notes) = &draft.notes {
        out.line(format!("notes: {}", scalar(notes)));
    }
}

fn list(out: &mut Out, key: &str, items: &[String]) {
    out.line(format!("{key}:"));
    for item in items {
        out.line(format!("  - {}", scalar(item)));
    }
}

fn funding(out: &mut Out, items: &[Funding], indent: &str) {
    for item in items {
        out.line(format!("{indent}- source: {}", scalar(&item.source)));
        out.line(format!(
            "{indent}  amount: {}",
            quoted(&item.amount.to_string())
        ));
        if !item.parts.is_empty() {
            out.line(format!("{indent}  parts:"));
            funding(out, &item.parts, &format!("{indent}    "));
        }
    }
}

fn rows(out: &mut Out, key: &str, rows: &[Row]) {
    if rows.is_empty() {
        out.flag("", &crate::t!("flag-no-indicators"));
        out.line(format!("{key}: []"));
        return;
    }
    out.line(format!("{key}:"));
    for row in rows {
        out.row_head(&row.flags, [&row.level1, &row.level2, &row.name]);
        match &row.value {
            Some(value) => out.line(format!("    value: {}", scalar(value))),
            None => out.line("    value: null"),
        }
        if let Some(missing) = row.missing.filter(|_| row.value.is_none()) {
            out.line(format!("    missing: {}", missing.as_str()));
        }
        if let Some(weight) = row.weight {
            out.line(format!("    weight: {}", quoted(&decimal_text(weight))));
        }
        for (key, text) in [
            ("standard", &row.standard),
            ("explanation", &row.explanation),
            ("direction", &row.direction),
            ("note", &row.note),
        ] {
            if let Some(text) = text {
                out.line(format!("    {key}: {}", scalar(text)));
            }
        }
    }
}

pub(super) fn decimal_text(d: Decimal) -> String {
    d.to_string()
}

/// The text of a missing `_department.yaml`.
pub(crate) fn department(code: &str, name: Option<&str>) -> String {
    let mut text = format!("code: {}\n", quoted(code));
    match name {
        Some(name) => {
            let _ = writeln!(text, "name: {}", scalar(name));
        }
        None => {
            let _ = writeln!(text, "# {REVIEW}：{}", crate::t!("flag-no-unit-name"));
            text.push_str("name: \"\"\n");
        }
    }
    text
}
