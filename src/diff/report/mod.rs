//! The reports of a [`Diff`]: the terminal's ([`text`]), a pull-request
//! comment's ([`markdown`]) and the stable machine form ([`json`]).
//!
//! Text and Markdown say the same things in the same order (the seven
//! sections of the brief: totals; projects added, removed and renamed;
//! amounts and funding; indicators and the framework's balance; targets
//! and weights; texts; findings), so both are written once, in
//! [`sections`], through a [`Style`] that knows only how to mark a word
//! up. Every label comes from the catalogue.

pub mod json;
pub mod markdown;
pub mod text;

use std::fmt::Write as _;

use rust_decimal::Decimal;
use similar::{ChangeTag, TextDiff};

use super::{Class, Diff, FindingRow, ProjectDiff, Status, TextChange, Total, Verdict};

/// How a report marks up its words.
pub trait Style {
    /// A section heading.
    fn heading(&self, text: &str) -> String;
    /// Something added or a figure that rose.
    fn add(&self, text: &str) -> String;
    /// Something removed.
    fn del(&self, text: &str) -> String;
    /// A good sign (a target tightened): only coloured, never marked up.
    fn ok(&self, text: &str) -> String {
        text.to_owned()
    }
    /// Something that needs a person's attention.
    fn warn(&self, text: &str) -> String;
    /// A file name or a path.
    fn code(&self, text: &str) -> String;
    /// Text from the site, made safe for the output.
    fn escape(&self, text: &str) -> String;
    /// One line of a list, `depth` levels in.
    fn item(&self, depth: usize, text: &str) -> String;
}

/// An exact figure with at least two decimals, as amounts are printed:
/// `220.2` is `220.20`, `0.123456` stays as it is.
pub fn money(d: Decimal) -> String {
    let mut d = d.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// A change with its sign: `+0.20`, `-1.00`.
pub fn signed(d: Decimal) -> String {
    if d.is_sign_negative() {
        money(d)
    } else {
        format!("+{}", money(d))
    }
}

/// `220.00 → 220.20 万元 (+0.20, +0.09%)`.
pub fn total_line(t: &Total, unit: &str) -> String {
    let percent = match t.percent {
        Some(p) => format!(
            ", {}%",
            if p.is_sign_negative() {
                p.to_string()
            } else {
                format!("+{p}")
            }
        ),
        None => String::new(),
    };
    format!(
        "{} → {} {unit} ({}{percent})",
        money(t.old),
        money(t.new),
        signed(t.delta)
    )
}

/// A figure or "—" when absent.
fn figure(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".to_owned(), money)
}

fn verdict_label(v: Verdict) -> String {
    crate::i18n::message(v.key(), &[])
}

/// 勘误 or 实质变更.
pub fn class_label(c: Class) -> String {
    match c {
        Class::Erratum => crate::t!("diff-class-erratum"),
        Class::Substantive => crate::t!("diff-class-substantive"),
    }
}

/// Runs of equal, deleted and inserted characters (Myers over chars: a
/// word diff means nothing in Chinese).
pub fn char_runs(old: &str, new: &str) -> Vec<(ChangeTag, String)> {
    let diff = TextDiff::from_chars(old, new);
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        match runs.last_mut() {
            Some((last, text)) if *last == tag => text.push_str(change.value()),
            _ => runs.push((tag, change.value().to_owned())),
        }
    }
    runs
}

/// The character diff marked up by `style`, long equal stretches cut to
/// their ends so that one changed character of a long goal stays visible.
fn inline_diff(style: &dyn Style, old: &str, new: &str) -> String {
    const KEEP: usize = 12;
    let runs = char_runs(old, new);
    let last = runs.len().saturating_sub(1);
    let mut out = String::new();
    for (i, (tag, text)) in runs.iter().enumerate() {
        match tag {
            ChangeTag::Equal => {
                let chars: Vec<char> = text.chars().collect();
                let head = if i == 0 { 0 } else { KEEP };
                let tail = if i == last { 0 } else { KEEP };
                if chars.len() > head + tail + 3 {
                    let a: String = chars[..head].iter().collect();
                    let b: String = chars[chars.len() - tail..].iter().collect();
                    out.push_str(&style.escape(&format!("{a}…{b}")));
                } else {
                    out.push_str(&style.escape(text));
                }
            }
            ChangeTag::Delete => out.push_str(&style.del(&style.escape(text))),
            ChangeTag::Insert => out.push_str(&style.add(&style.escape(text))),
        }
    }
    out.replace('\n', " ⏎ ")
}

/// `content/1/a.yaml 项目名称 (2023)`: how a project is named in a line.
fn project_title(style: &dyn Style, p: &ProjectDiff) -> String {
    format!(
        "{} {} ({})",
        style.code(&p.file.display().to_string()),
        style.escape(&p.name),
        p.year
    )
}

/// `新增 content/1/a.yaml 项目名称 (2023) 8.00 万元`: a project that came
/// or went, with the amount of the side it exists on (`side`).
fn came_or_went(
    style: &dyn Style,
    p: &ProjectDiff,
    label: String,
    side: impl Fn(&crate::diff::AmountChange) -> Option<Decimal>,
) -> String {
    let amount = p
        .amount
        .as_ref()
        .and_then(side)
        .map(money)
        .unwrap_or_default();
    let unit = p.amount.as_ref().map_or("", |a| a.unit.as_str());
    format!("{label} {} {amount} {unit}", project_title(style, p))
}

/// What kinds of change a project has, each in a few words: its class
/// first, then amounts, indicators, targets and texts.
pub fn change_parts(p: &ProjectDiff) -> Vec<String> {
    let mut parts = vec![class_label(p.class)];
    if p.amount.is_some() || !p.funding.is_empty() {
        parts.push(crate::t!("diff-stat-amount"));
    }
    let (added, removed) = (p.indicators_added.len(), p.indicators_removed.len());
    if added + removed > 0 {
        parts.push(crate::t!(
            "diff-stat-indicators",
            added = added,
            removed = removed
        ));
    }
    let targets = p
        .targets
        .iter()
        .filter(|t| t.verdict != Verdict::Reworded)
        .count();
    if targets > 0 {
        parts.push(crate::t!("diff-stat-targets", count = targets));
    }
    if !p.texts.is_empty() {
        parts.push(crate::t!("diff-stat-texts", count = p.texts.len()));
    }
    if !p.evaluation.is_empty() {
        parts.push(crate::t!(
            "diff-stat-evaluation",
            count = p.evaluation.len()
        ));
    }
    parts
}

/// One line per project: status, class and what kind of changes it has.
pub fn stat_line(style: &dyn Style, p: &ProjectDiff) -> String {
    let mark = match p.status {
        Status::Added => style.add("+"),
        Status::Removed => style.del("-"),
        Status::Changed => "~".to_owned(),
    };
    let mut line = format!(
        "{mark} {} — {}",
        project_title(style, p),
        change_parts(p).join(", ")
    );
    if p.revision_needed {
        line.push_str(&format!(
            " {}",
            style.warn(&crate::t!("diff-stat-revision-needed"))
        ));
    }
    line
}

/// The summary line: counts of projects by status and class.
pub fn summary(diff: &Diff) -> String {
    let count = |s: Status| diff.projects.iter().filter(|p| p.status == s).count();
    let class = |c: Class| diff.projects.iter().filter(|p| p.class == c).count();
    crate::t!(
        "diff-summary",
        changed = count(Status::Changed),
        added = count(Status::Added),
        removed = count(Status::Removed),
        substantive = class(Class::Substantive),
        errata = class(Class::Erratum),
        introduced = diff.findings.introduced.len(),
        resolved = diff.findings.resolved.len()
    )
}

/// The seven sections and the classification, for `projects` and `totals`
/// (all of them, or one department's), each section only when it has
/// something to say.
pub fn sections(
    style: &dyn Style,
    unit: &str,
    totals: &[&Total],
    projects: &[&ProjectDiff],
    introduced: &[&FindingRow],
    resolved: &[&FindingRow],
) -> String {
    let mut out = String::new();
    let mut section = |key: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "{}", style.heading(&crate::i18n::message(key, &[])));
            for line in lines {
                out.push_str(&line);
            }
            out.push('\n');
        }
    };
    // (1) totals.
    section(
        "diff-section-totals",
        totals
            .iter()
            .map(|t| {
                let name = t.department_name.as_deref().unwrap_or("");
                let who = format!("{} {} {}", t.department, style.escape(name), t.year);
                style.item(0, &format!("{}: {}", who.trim(), total_line(t, unit)))
            })
            .collect(),
    );
    // (2) added, removed, renamed.
    let mut lines = Vec::new();
    for p in projects {
        match p.status {
            Status::Added => {
                let label = style.add(&crate::t!("diff-added"));
                lines.push(style.item(0, &came_or_went(style, p, label, |a| a.new)));
                if let Some(s) = &p.similar_to {
                    lines.push(style.item(
                        1,
                        &style.warn(&crate::t!(
                            "diff-similar-hint",
                            file = s.file.display(),
                            name = style.escape(&s.name),
                            similarity = format!("{:.2}", s.similarity)
                        )),
                    ));
                }
            }
            Status::Removed => {
                let label = style.del(&crate::t!("diff-removed"));
                lines.push(style.item(0, &came_or_went(style, p, label, |a| a.old)));
            }
            Status::Changed => {
                if let Some(r) = &p.rename {
                    lines.push(style.item(
                        0,
                        &crate::t!(
                            "diff-renamed",
                            file = style.code(&p.file.display().to_string()),
                            from = style.escape(&r.from),
                            to = style.escape(&r.to),
                            similarity = format!("{:.2}", r.similarity)
                        ),
                    ));
                }
                if let Some(old) = &p.old_file {
                    lines.push(style.item(
                        0,
                        &crate::t!(
                            "diff-moved",
                            from = style.code(&old.display().to_string()),
                            to = style.code(&p.file.display().to_string())
                        ),
                    ));
                }
            }
        }
    }
    section("diff-section-projects", lines);
    // (3) amounts and funding.
    let mut lines = Vec::new();
    for p in projects.iter().filter(|p| p.status == Status::Changed) {
        let Some(a) = &p.amount else {
            if !p.funding.is_empty() {
                lines.push(style.item(0, &project_title(style, p)));
                funding_lines(style, p, &mut lines);
            }
            continue;
        };
        let (old, new) = (a.old.unwrap_or_default(), a.new.unwrap_or_default());
        let delta = new - old;
        let percent = super::compare::percent(old, delta)
            .map(|x| {
                format!(
                    ", {}%",
                    if x.is_sign_negative() {
                        x.to_string()
                    } else {
                        format!("+{x}")
                    }
                )
            })
            .unwrap_or_default();
        lines.push(style.item(
            0,
            &format!(
                "{}: {} {} → {} {} ({}{percent})",
                project_title(style, p),
                crate::t!("diff-amount"),
                money(old),
                money(new),
                a.unit,
                signed(delta)
            ),
        ));
        funding_lines(style, p, &mut lines);
    }
    section("diff-section-amounts", lines);
    // (4) indicators added, removed; the framework's balance.
    let mut lines = Vec::new();
    for p in projects.iter().filter(|p| p.status == Status::Changed) {
        if p.indicators_added.is_empty() && p.indicators_removed.is_empty() && p.framework.is_none()
        {
            continue;
        }
        lines.push(style.item(0, &project_title(style, p)));
        for row in &p.indicators_added {
            let value = row.value.as_deref().unwrap_or("—");
            lines.push(style.item(
                1,
                &style.add(&format!(
                    "+ {} = {}",
                    style.escape(&row.path),
                    style.escape(value)
                )),
            ));
        }
        for row in &p.indicators_removed {
            let value = row.value.as_deref().unwrap_or("—");
            lines.push(style.item(
                1,
                &style.del(&format!(
                    "- {} = {}",
                    style.escape(&row.path),
                    style.escape(value)
                )),
            ));
        }
        if let Some(f) = &p.framework {
            let text = crate::t!(
                "diff-framework",
                old = f.old.join("、"),
                new = f.new.join("、")
            );
            lines.push(style.item(1, &text));
            if !f.lost.is_empty() {
                let lost = crate::t!("diff-framework-lost", groups = f.lost.join("、"));
                lines.push(style.item(1, &style.warn(&lost)));
            }
        }
    }
    section("diff-section-indicators", lines);
    // (5) targets and weights.
    let mut lines = Vec::new();
    for p in projects.iter().filter(|p| p.status == Status::Changed) {
        if p.targets.is_empty() && p.weights.is_empty() {
            continue;
        }
        lines.push(style.item(0, &project_title(style, p)));
        for t in &p.targets {
            let label = verdict_label(t.verdict);
            let label = match t.verdict {
                Verdict::Tightened => style.ok(&label),
                Verdict::Loosened => style.warn(&label),
                _ => label,
            };
            lines.push(style.item(
                1,
                &format!(
                    "{}: {} → {}  {label}",
                    style.escape(&t.path),
                    style.escape(t.old.as_deref().unwrap_or("—")),
                    style.escape(t.new.as_deref().unwrap_or("—"))
                ),
            ));
        }
        for w in &p.weights {
            lines.push(style.item(
                1,
                &crate::t!(
                    "diff-weight",
                    path = style.escape(&w.path),
                    old = w.old.map_or_else(|| "—".to_owned(), |d| d.to_string()),
                    new = w.new.map_or_else(|| "—".to_owned(), |d| d.to_string())
                ),
            ));
        }
        if let Some(s) = &p.weight_sum {
            let mut text = crate::t!("diff-weight-sum", old = s.old, new = s.new);
            if s.new != Decimal::ONE_HUNDRED && s.old == Decimal::ONE_HUNDRED {
                text = style.warn(&format!("{text} {}", crate::t!("diff-weight-sum-off")));
            }
            lines.push(style.item(1, &text));
        }
    }
    section("diff-section-targets", lines);
    // (6) texts, then the 绩效自评's figures and texts.
    let texts: fn(&ProjectDiff) -> &[TextChange] = |p| &p.texts;
    let evaluation: fn(&ProjectDiff) -> &[TextChange] = |p| &p.evaluation;
    for (key, changes) in [
        ("diff-section-texts", texts),
        ("diff-section-evaluation", evaluation),
    ] {
        let mut lines = Vec::new();
        for p in projects
            .iter()
            .filter(|p| p.status == Status::Changed && !changes(p).is_empty())
        {
            lines.push(style.item(0, &project_title(style, p)));
            for t in changes(p) {
                lines.push(style.item(
                    1,
                    &format!(
                        "{}: {}",
                        style.escape(&t.field),
                        inline_diff(style, &t.old, &t.new)
                    ),
                ));
            }
        }
        section(key, lines);
    }
    // (7) findings.
    let mut lines = Vec::new();
    for (key, rows, mark) in [
        ("diff-findings-introduced", introduced, "+"),
        ("diff-findings-resolved", resolved, "-"),
    ] {
        if rows.is_empty() {
            continue;
        }
        lines.push(style.item(
            0,
            &crate::i18n::message(key, &[("count", rows.len().to_string())]),
        ));
        for r in rows {
            let at = match &r.field {
                Some(f) => format!("{} {}", r.file.display(), f),
                None => r.file.display().to_string(),
            };
            let text = format!(
                "{mark} {} [{}] {}: {}",
                r.severity,
                r.rule,
                style.code(&at),
                style.escape(&r.message)
            );
            lines.push(style.item(
                1,
                &if mark == "+" {
                    style.del(&text)
                } else {
                    style.add(&text)
                },
            ));
        }
    }
    section("diff-section-findings", lines);
    // The classification, and the revisions still owed.
    let lines = projects
        .iter()
        .map(|p| {
            let mut line = format!("{}: {}", project_title(style, p), class_label(p.class));
            for r in &p.revisions_added {
                line.push_str(&format!(
                    "; {}",
                    crate::t!(
                        "diff-revision-added",
                        date = style.escape(&r.date),
                        kind = r.kind.map_or("—", |k| match k {
                            crate::model::RevisionKind::Correction => "勘误",
                            crate::model::RevisionKind::Adjustment => "调整",
                        }),
                        basis = style.escape(r.basis.as_deref().unwrap_or("—"))
                    )
                ));
            }
            if p.revision_needed {
                line.push_str(&format!(
                    " {}",
                    style.warn(&crate::t!("diff-revision-needed"))
                ));
            }
            style.item(0, &line)
        })
        .collect();
    section("diff-section-classification", lines);
    out
}

fn funding_lines(style: &dyn Style, p: &ProjectDiff, lines: &mut Vec<String>) {
    for f in &p.funding {
        lines.push(style.item(
            1,
            &format!(
                "{} {}: {} → {}",
                crate::t!("diff-funding"),
                style.escape(&f.source),
                figure(f.old),
                figure(f.new)
            ),
        ));
    }
}
