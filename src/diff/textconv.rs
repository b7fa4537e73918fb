//! `gongkai diff --textconv FILE`: a project file as one line per fact,
//! for git's textconv (`git diff`, `git log -p`, `git show`).
//!
//! Git then diffs these lines instead of the YAML's, so an edited target
//! shows as one changed line that names its row
//! (`产出指标 › 数量指标 › 名称 = ≥45个`), whatever the YAML's layout,
//! quoting or comments. The project's header comes first (name, year,
//! code, amount, funding, goals), then every indicator row, then the
//! revisions. A file that is not a project, or does not parse, is given
//! back unchanged, so git still shows its own diff of it.

use std::fmt::Write as _;
use std::path::Path;

use crate::config::AmountUnit;
use crate::model::{Indicator, Project, RevisionKind};

/// The lines git diffs for a file with `text`; `site_unit` is the unit of
/// a project that names none.
pub fn convert(text: &str, site_unit: AmountUnit) -> String {
    let rel = Path::new("content/0/textconv.yaml");
    match crate::load::parse_project(text, rel, "0") {
        Ok(project) => lines(&project, site_unit),
        Err(_) => text.to_owned(),
    }
}

/// One line: `label = value`, line breaks inside shown as ⏎.
fn line(out: &mut String, label: &str, value: &str) {
    let value = value.trim().replace("\r\n", "\n").replace('\n', " ⏎ ");
    let _ = writeln!(out, "{label} = {value}");
}

fn row(out: &mut String, prefix: &str, r: &Indicator) {
    let mut value = r.value.clone().unwrap_or_else(|| match r.missing_reason() {
        Some(crate::model::Missing::Unreadable) => crate::t!("diff-tc-unreadable"),
        _ => crate::t!("diff-tc-blank"),
    });
    if let Some(w) = r.weight {
        let _ = write!(value, " | {} {w}", crate::t!("diff-tc-weight"));
    }
    for extra in [&r.direction, &r.standard, &r.explanation, &r.note]
        .into_iter()
        .flatten()
    {
        let _ = write!(value, " | {}", extra.trim());
    }
    line(
        out,
        &format!("{prefix}{} › {} › {}", r.level1, r.level2, r.name),
        &value,
    );
}

fn lines(p: &Project, site_unit: AmountUnit) -> String {
    let mut out = String::new();
    let opt = |v: &Option<String>| v.as_deref().map(str::to_owned);
    line(&mut out, &crate::t!("diff-tc-name"), &p.name);
    line(&mut out, &crate::t!("diff-tc-year"), &p.year.to_string());
    for (label, value) in [
        ("code", opt(&p.code)),
        ("id", opt(&p.id)),
        (
            "previous_ids",
            (!p.previous_ids.is_empty()).then(|| p.previous_ids.join(", ")),
        ),
    ] {
        if let Some(v) = value {
            line(&mut out, label, &v);
        }
    }
    let unit = p.unit(site_unit);
    line(
        &mut out,
        &crate::t!("diff-tc-amount"),
        &format!("{} {unit}", crate::diff::report::money(p.amount.0)),
    );
    for f in &p.funding {
        let label = format!("{} › {}", crate::t!("diff-tc-funding"), f.source);
        line(&mut out, &label, &crate::diff::report::money(f.amount.0));
        for part in &f.parts {
            line(
                &mut out,
                &format!("{label} › {}", part.source),
                &crate::diff::report::money(part.amount.0),
            );
        }
    }
    for (label, value) in [
        ("period", &p.period),
        ("implementer", &p.implementer),
        ("notes", &p.notes),
        ("index_no", &p.index_no),
        ("document_no", &p.document_no),
    ] {
        if let Some(v) = value {
            line(&mut out, label, v);
        }
    }
    for (label, text) in &p.details.0 {
        line(&mut out, &format!("details › {label}"), text);
    }
    for (i, goal) in p.goals.iter().enumerate() {
        line(
            &mut out,
            &format!("{} {}", crate::t!("diff-tc-goal"), i + 1),
            goal,
        );
    }
    for r in &p.indicators {
        row(&mut out, "", r);
    }
    for (i, goal) in p.long_term_goals.iter().enumerate() {
        line(
            &mut out,
            &format!(
                "{} › {} {}",
                crate::t!("diff-long-term"),
                crate::t!("diff-tc-goal"),
                i + 1
            ),
            goal,
        );
    }
    let long_term = format!("{} › ", crate::t!("diff-long-term"));
    for r in &p.long_term_indicators {
        row(&mut out, &long_term, r);
    }
    for r in &p.revisions {
        let kind = match r.kind {
            Some(RevisionKind::Correction) => "勘误",
            Some(RevisionKind::Adjustment) => "调整",
            None => "—",
        };
        let basis = r.basis.as_deref().unwrap_or("—");
        line(
            &mut out,
            &format!("{} {}", crate::t!("diff-tc-revision"), r.date),
            &format!("{kind} | {basis} | {}", r.note),
        );
    }
    out
}
