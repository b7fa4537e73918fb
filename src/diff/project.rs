//! One project against itself: amount, funding, indicators matched by
//! their three levels, targets, weights and texts.
//!
//! Indicator rows are matched by 一级 › 二级 › 三级, with each level read as
//! its canonical framework name where it has one (社会效益 is 社会效益指标)
//! and names compared without blanks, so re-spacing a row keeps it the
//! same row. A row whose name changed but whose levels and value did not,
//! with names at least half alike, is the same row renamed (a wording fix),
//! not one removed and one added.

use std::collections::{BTreeSet, HashMap, VecDeque};

use rust_decimal::Decimal;

use super::classify::{self, compact, same_value};
use super::{
    AmountChange, FrameworkChange, FundingChange, IndicatorRow, ProjectDiff, Rename, Status,
    TargetChange, TextChange, Verdict, WeightChange, WeightSum,
};
use crate::config::AmountUnit;
use crate::indicator::framework;
use crate::model::{Indicator, Project};

/// A project and the default unit of the site it was loaded from.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The project.
    pub project: &'a Project,
    /// Its site's `amount_unit`, which it is in unless it names its own.
    pub site_unit: AmountUnit,
}

impl Side<'_> {
    fn unit(&self) -> AmountUnit {
        self.project.unit(self.site_unit)
    }
}

/// Names alike at least this much (normalised Levenshtein) may be one row
/// renamed.
const ROW_RENAME: f64 = 0.5;

/// 0–1 similarity of two names, over characters, to two places.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    (strsim::normalized_levenshtein(&compact(a), &compact(b)) * 100.0).round() / 100.0
}

fn blank(status: Status, p: &Project) -> ProjectDiff {
    ProjectDiff {
        status,
        class: super::Class::Substantive,
        department: p.department.clone(),
        year: p.year,
        name: p.name.clone(),
        file: p.source.clone(),
        old_file: None,
        rename: None,
        similar_to: None,
        amount: None,
        funding: Vec::new(),
        indicators_added: Vec::new(),
        indicators_removed: Vec::new(),
        framework: None,
        targets: Vec::new(),
        weights: Vec::new(),
        weight_sum: None,
        texts: Vec::new(),
        revisions_added: Vec::new(),
        revision_needed: false,
        evaluation: Vec::new(),
    }
}

/// A project only on the new side (`added`) or only on the old side.
pub fn one_sided(side: Side<'_>, added: bool) -> ProjectDiff {
    let p = side.project;
    let mut d = blank(
        if added {
            Status::Added
        } else {
            Status::Removed
        },
        p,
    );
    let amount = Some(p.amount.0);
    d.amount = Some(AmountChange {
        old: if added { None } else { amount },
        new: if added { amount } else { None },
        unit: side.unit().label().to_owned(),
    });
    if added {
        d.revisions_added = p.revisions.clone();
    }
    d
}

/// Everything that differs between two versions of one project; `None`
/// when nothing does.
pub fn compare(old: Side<'_>, new: Side<'_>) -> Option<ProjectDiff> {
    let (a, b) = (old.project, new.project);
    let mut d = blank(Status::Changed, b);
    if a.source != b.source {
        d.old_file = Some(a.source.clone());
    }
    if a.name != b.name {
        d.rename = Some(Rename {
            from: a.name.clone(),
            to: b.name.clone(),
            similarity: similarity(&a.name, &b.name),
        });
    }
    let unit = new.unit();
    let old_amount = a
        .amount
        .convert(old.unit(), unit)
        .map_or(a.amount.0, |x| x.0);
    if old_amount != b.amount.0 {
        d.amount = Some(AmountChange {
            old: Some(old_amount),
            new: Some(b.amount.0),
            unit: unit.label().to_owned(),
        });
    }
    d.funding = funding(old, new);
    indicators(a, b, &mut d);
    d.framework = framework_change(a, b);
    d.texts.extend(texts(a, b));
    d.revisions_added = added_revisions(a, b);
    d.evaluation = super::evaluation::changes(a.evaluation.as_deref(), b.evaluation.as_deref());
    let unchanged = d.old_file.is_none()
        && d.rename.is_none()
        && d.amount.is_none()
        && d.funding.is_empty()
        && d.indicators_added.is_empty()
        && d.indicators_removed.is_empty()
        && d.targets.is_empty()
        && d.weights.is_empty()
        && d.texts.is_empty()
        && d.revisions_added.is_empty()
        && d.evaluation.is_empty();
    if unchanged {
        return None;
    }
    d.class = classify::class_of(&d);
    d.revision_needed = classify::revision_needed(&d);
    Some(d)
}

/// Every funding source and part as `(path, amount in unit)`.
fn funding_rows(side: Side<'_>, unit: AmountUnit) -> Vec<(String, Decimal)> {
    let convert = |x: crate::model::Amount| x.convert(side.unit(), unit).map_or(x.0, |a| a.0);
    let mut rows = Vec::new();
    for source in &side.project.funding {
        rows.push((source.source.trim().to_owned(), convert(source.amount)));
        for part in &source.parts {
            rows.push((
                format!("{} › {}", source.source.trim(), part.source.trim()),
                convert(part.amount),
            ));
        }
    }
    rows
}

fn funding(old: Side<'_>, new: Side<'_>) -> Vec<FundingChange> {
    let unit = new.unit();
    let mut before: Vec<(String, Decimal)> = funding_rows(old, unit);
    let mut out = Vec::new();
    for (source, amount) in funding_rows(new, unit) {
        match before.iter().position(|(s, _)| *s == source) {
            Some(i) => {
                let (_, was) = before.remove(i);
                if was != amount {
                    out.push(FundingChange {
                        source,
                        old: Some(was),
                        new: Some(amount),
                    });
                }
            }
            None => out.push(FundingChange {
                source,
                old: None,
                new: Some(amount),
            }),
        }
    }
    out.extend(before.into_iter().map(|(source, was)| FundingChange {
        source,
        old: Some(was),
        new: None,
    }));
    out
}

/// A level name as matched: its canonical framework name, else the text
/// without blanks.
fn level(text: &str, read: fn(&str) -> Option<framework::Name>) -> String {
    read(text).map_or_else(|| compact(text), |n| n.name.to_owned())
}

type RowKey = (String, String, String);

fn row_key(row: &Indicator) -> RowKey {
    (
        level(&row.level1, framework::level1),
        level(&row.level2, framework::level2),
        compact(&row.name),
    )
}

/// `产出指标 › 数量指标 › 名称`, as written, with the long-term table's prefix.
pub(crate) fn row_path(prefix: &str, row: &Indicator) -> String {
    format!("{prefix}{} › {} › {}", row.level1, row.level2, row.name)
}

fn indicators(a: &Project, b: &Project, d: &mut ProjectDiff) {
    let long_term = format!("{} › ", crate::t!("diff-long-term"));
    let tables = [
        ("", &a.indicators, &b.indicators),
        (
            long_term.as_str(),
            &a.long_term_indicators,
            &b.long_term_indicators,
        ),
    ];
    let mut weights_touched = false;
    for (prefix, old_rows, new_rows) in tables {
        let annual = prefix.is_empty();
        let mut by_key: HashMap<RowKey, VecDeque<usize>> = HashMap::new();
        for (i, row) in old_rows.iter().enumerate() {
            by_key.entry(row_key(row)).or_default().push_back(i);
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut unmatched_new: Vec<usize> = Vec::new();
        for (j, row) in new_rows.iter().enumerate() {
            match by_key.get_mut(&row_key(row)).and_then(VecDeque::pop_front) {
                Some(i) => pairs.push((i, j)),
                None => unmatched_new.push(j),
            }
        }
        let mut unmatched_old: Vec<usize> = by_key.into_values().flatten().collect();
        unmatched_old.sort_unstable();
        // A row renamed: same levels and value, a similar name.
        unmatched_new.retain(|&j| {
            let row = &new_rows[j];
            let (l1, l2, _) = row_key(row);
            let best = unmatched_old
                .iter()
                .enumerate()
                .filter(|(_, i)| {
                    let old = &old_rows[**i];
                    let (o1, o2, _) = row_key(old);
                    o1 == l1 && o2 == l2 && same_value(old.value.as_deref(), row.value.as_deref())
                })
                .map(|(k, i)| (k, similarity(&old_rows[*i].name, &row.name)))
                .filter(|(_, s)| *s >= ROW_RENAME)
                .max_by(|x, y| x.1.total_cmp(&y.1));
            match best {
                Some((k, _)) => {
                    pairs.push((unmatched_old.remove(k), j));
                    false
                }
                None => true,
            }
        });
        pairs.sort_by_key(|&(_, j)| j);
        for (i, j) in pairs {
            weights_touched |= annual && old_rows[i].weight != new_rows[j].weight;
            row_changes(prefix, &old_rows[i], &new_rows[j], d);
        }
        for j in unmatched_new {
            let row = &new_rows[j];
            weights_touched |= annual && row.weight.is_some();
            d.indicators_added.push(IndicatorRow {
                path: row_path(prefix, row),
                value: row.value.clone(),
            });
        }
        for i in unmatched_old {
            let row = &old_rows[i];
            weights_touched |= annual && row.weight.is_some();
            d.indicators_removed.push(IndicatorRow {
                path: row_path(prefix, row),
                value: row.value.clone(),
            });
        }
    }
    if weights_touched {
        let sum = |rows: &[Indicator]| -> Decimal {
            rows.iter()
                .filter_map(|r| r.weight.map(|w| w.0))
                .fold(Decimal::ZERO, |s, w| s.checked_add(w).unwrap_or(s))
        };
        d.weight_sum = Some(WeightSum {
            old: sum(&a.indicators),
            new: sum(&b.indicators),
        });
    }
}

/// What differs between two rows matched as one.
fn row_changes(prefix: &str, old: &Indicator, new: &Indicator, d: &mut ProjectDiff) {
    let path = row_path(prefix, new);
    if old.name != new.name || old.level1 != new.level1 || old.level2 != new.level2 {
        d.texts.push(TextChange {
            field: crate::t!("diff-field-indicator", path = path),
            old: row_path(prefix, old),
            new: path.clone(),
        });
    }
    let (ov, nv) = (old.value.as_deref(), new.value.as_deref());
    let (od, nd) = (old.direction.as_deref(), new.direction.as_deref());
    if ov != nv || od != nd || old.missing != new.missing {
        d.targets.push(TargetChange {
            path: path.clone(),
            old: old.value.clone(),
            new: new.value.clone(),
            verdict: classify::verdict(ov, nv, od, nd),
        });
    }
    if old.weight != new.weight {
        d.weights.push(WeightChange {
            path: path.clone(),
            old: old.weight.map(|w| w.0),
            new: new.weight.map(|w| w.0),
        });
    }
    for (label, a, b) in [
        ("standard", &old.standard, &new.standard),
        ("explanation", &old.explanation, &new.explanation),
        ("note", &old.note, &new.note),
    ] {
        if a != b {
            d.texts.push(TextChange {
                field: format!("{path} › {label}"),
                old: a.clone().unwrap_or_default(),
                new: b.clone().unwrap_or_default(),
            });
        }
    }
}

/// The canonical 一级 names present in the annual table.
fn groups(p: &Project) -> BTreeSet<&'static str> {
    p.indicators
        .iter()
        .filter_map(|r| framework::level1(&r.level1).map(|n| n.name))
        .collect()
}

fn framework_change(a: &Project, b: &Project) -> Option<FrameworkChange> {
    let (old, new) = (groups(a), groups(b));
    if old == new {
        return None;
    }
    let lost = ["产出指标", "效益指标", "满意度指标"]
        .into_iter()
        .filter(|g| old.contains(g) && !new.contains(g))
        .map(str::to_owned)
        .collect();
    Some(FrameworkChange {
        old: old.into_iter().map(str::to_owned).collect(),
        new: new.into_iter().map(str::to_owned).collect(),
        lost,
    })
}

/// The texts around the table, each as one string.
fn text_fields(p: &Project) -> Vec<(String, String)> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut out = vec![
        ("goals".to_owned(), p.goals.join("\n")),
        ("long_term_goals".to_owned(), p.long_term_goals.join("\n")),
        ("code".to_owned(), opt(&p.code)),
        ("id".to_owned(), opt(&p.id)),
        ("previous_ids".to_owned(), p.previous_ids.join(", ")),
        ("ended".to_owned(), p.ended.to_string()),
        (
            "amount_unit".to_owned(),
            p.amount_unit
                .map(|u| u.label().to_owned())
                .unwrap_or_default(),
        ),
        ("period".to_owned(), opt(&p.period)),
        ("implementer".to_owned(), opt(&p.implementer)),
        ("notes".to_owned(), opt(&p.notes)),
        ("published".to_owned(), opt(&p.published)),
        ("source".to_owned(), opt(&p.info_source)),
        ("index_no".to_owned(), opt(&p.index_no)),
        ("document_no".to_owned(), opt(&p.document_no)),
        ("written".to_owned(), opt(&p.written)),
        ("validity".to_owned(), opt(&p.validity)),
    ];
    out.extend(
        p.details
            .0
            .iter()
            .map(|(label, text)| (format!("details.{label}"), text.clone())),
    );
    out
}

fn texts(a: &Project, b: &Project) -> Vec<TextChange> {
    let old = text_fields(a);
    let new = text_fields(b);
    let mut out = Vec::new();
    for (field, text) in &new {
        let was = old
            .iter()
            .find(|(f, _)| f == field)
            .map_or("", |(_, t)| t.as_str());
        if was != text {
            out.push(TextChange {
                field: field.clone(),
                old: was.to_owned(),
                new: text.clone(),
            });
        }
    }
    for (field, text) in old {
        if !text.is_empty() && !new.iter().any(|(f, _)| *f == field) {
            out.push(TextChange {
                field,
                old: text,
                new: String::new(),
            });
        }
    }
    out
}

/// The `revisions` entries of `b` that `a` does not have.
fn added_revisions(a: &Project, b: &Project) -> Vec<crate::model::Revision> {
    let mut before = a.revisions.clone();
    b.revisions
        .iter()
        .filter(|r| match before.iter().position(|x| x == *r) {
            Some(i) => {
                before.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

impl Verdict {
    /// The label key of the verdict in the catalogue.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Tightened => "diff-tightened",
            Verdict::Loosened => "diff-loosened",
            Verdict::Changed => "diff-changed",
            Verdict::Reworded => "diff-reworded",
        }
    }
}
