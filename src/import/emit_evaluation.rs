//! Writes an evaluation draft as the text of one `<slug>.evaluation.yaml`
//! (the schema of [`crate::model::Evaluation`]).
//!
//! Built line by line with the project emitter's header and flag writer
//! ([`super::emit`]), for the same reason: every guess sits as a
//! `# 待核对：` line right above what it concerns. Scalars go through
//! [`crate::yaml`], so every value reads back exactly as written. The
//! execution rate is never written: the site computes it.

use rust_decimal::Decimal;

use super::draft::Draft;
use super::emit::{Emitted, Out, decimal_text, header};
use super::evaluation::{EvalDraft, ResultRow};
use crate::yaml::{quoted, scalar};

/// The text of `draft` (which carries `eval`) as an evaluation file for
/// `year`. `source` names the file it came from; `notes` are extra flags
/// for the top of the file (an override, a missing target table).
pub(crate) fn evaluation(
    draft: &Draft,
    eval: &EvalDraft,
    year: u16,
    source: &str,
    notes: &[String],
) -> Emitted {
    let mut out = header(draft, source, notes);
    for flag in &draft.flags {
        out.flag("", flag);
    }
    out.line(format!("year: {year}"));
    if !draft.name.is_empty() {
        out.line(format!("name: {}", scalar(&draft.name)));
    }
    if let Some(unit) = eval.amount_unit {
        out.line(format!("amount_unit: {}", unit.as_str()));
    }
    for flag in &eval.budget_flags {
        out.flag("", flag);
    }
    let b = &eval.budget;
    let figures = [
        ("initial", b.initial),
        ("full_year", b.full_year),
        ("executed", b.executed),
        ("weight", b.weight),
        ("score", b.score),
    ];
    if figures.iter().any(|(_, v)| v.is_some()) || b.note.is_some() {
        out.line("budget:");
        for (key, value) in figures {
            number(&mut out, "  ", key, value);
        }
        if let Some(note) = &b.note {
            out.line(format!("  note: {}", scalar(note)));
        }
    }
    text(&mut out, "objective", eval.objective.as_deref());
    text(&mut out, "outcome", eval.outcome.as_deref());
    rows(&mut out, &eval.indicators);
    number(&mut out, "", "total_score", eval.total_score);
    text(&mut out, "grade", eval.grade.as_deref());
    if !eval.notes.is_empty() {
        text(&mut out, "notes", Some(&eval.notes.join("\n\n")));
    }
    Emitted {
        text: out.text,
        flags: out.flags,
    }
}

fn number(out: &mut Out, indent: &str, key: &str, value: Option<Decimal>) {
    if let Some(value) = value {
        out.line(format!("{indent}{key}: {}", quoted(&decimal_text(value))));
    }
}

fn text(out: &mut Out, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        out.line(format!("{key}: {}", scalar(value)));
    }
}

fn rows(out: &mut Out, rows: &[ResultRow]) {
    if rows.is_empty() {
        out.flag("", &crate::t!("flag-no-indicators"));
        return;
    }
    out.line("indicators:");
    for row in rows {
        out.row_head(&row.flags, [&row.level1, &row.level2, &row.name]);
        if let Some(target) = &row.target {
            out.line(format!("    target: {}", scalar(target)));
        }
        match &row.actual {
            Some(actual) => out.line(format!("    actual: {}", scalar(actual))),
            None => out.line("    actual: null"),
        }
        if let Some(missing) = row.missing.filter(|_| row.actual.is_none()) {
            out.line(format!("    missing: {}", missing.as_str()));
        }
        number(out, "    ", "weight", row.weight);
        number(out, "    ", "score", row.score);
        if let Some(deviation) = &row.deviation {
            out.line(format!("    deviation: {}", scalar(deviation)));
        }
    }
}
