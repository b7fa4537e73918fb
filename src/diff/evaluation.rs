//! One project's 绩效自评 against its earlier version: every figure and
//! text of the form, by a stable field name.
//!
//! The evaluation is flattened into `field → text` pairs (budget figures,
//! total, grade, and per row `一级 › 二级 › 三级 › 实际完成值` and so on, the
//! row named by its levels so that reordering rows changes nothing), and
//! the two lists are compared. Figures are compared as decimals, so
//! `"96.0"` against `"96"` is no change; texts as written. An evaluation
//! added or removed lists every field on its side.

use std::collections::BTreeMap;

use super::TextChange;
use crate::model::{Evaluation, Missing};

/// The changes between two versions of a project's evaluation.
pub(crate) fn changes(old: Option<&Evaluation>, new: Option<&Evaluation>) -> Vec<TextChange> {
    let (a, b) = (fields(old), fields(new));
    let keys: Vec<&String> = {
        // The new side's order, then fields only the old side has.
        let mut keys: Vec<&String> = b.iter().map(|(k, _)| k).collect();
        keys.extend(
            a.iter()
                .map(|(k, _)| k)
                .filter(|k| !b.iter().any(|(n, _)| n == *k)),
        );
        keys
    };
    let (a, b): (BTreeMap<_, _>, BTreeMap<_, _>) = (
        a.iter().map(|(k, v)| (k, v)).collect(),
        b.iter().map(|(k, v)| (k, v)).collect(),
    );
    keys.into_iter()
        .filter_map(|key| {
            let (old, new) = (a.get(key), b.get(key));
            if old.map(|v| same(v, new)) == Some(true) || (old.is_none() && new.is_none()) {
                return None;
            }
            Some(TextChange {
                field: key.clone(),
                old: old.map(|v| v.text.clone()).unwrap_or_default(),
                new: new.map(|v| v.text.clone()).unwrap_or_default(),
            })
        })
        .collect()
}

/// A field's text, and its figure when it is one.
struct Field {
    text: String,
    figure: Option<rust_decimal::Decimal>,
}

fn same(old: &Field, new: Option<&&Field>) -> bool {
    let Some(new) = new else { return false };
    match (old.figure, new.figure) {
        (Some(a), Some(b)) => a == b,
        _ => old.text == new.text,
    }
}

/// The evaluation as ordered `(field, value)` pairs; nothing for `None`.
fn fields(e: Option<&Evaluation>) -> Vec<(String, Field)> {
    let Some(e) = e else { return Vec::new() };
    let mut out = Vec::new();
    let mut text = |key: String, value: Option<String>| {
        if let Some(text) = value {
            out.push((key, Field { text, figure: None }));
        }
    };
    text("自评 › 项目名称".into(), e.name.clone());
    text("自评 › 年度总体目标".into(), e.objective.clone());
    text("自评 › 实际完成情况".into(), e.outcome.clone());
    text("自评 › 等级".into(), e.grade.clone());
    text("自评 › 备注".into(), e.notes.clone());
    text("自评 › 执行说明".into(), e.budget.note.clone());
    let mut figures = Vec::new();
    let b = &e.budget;
    for (label, amount) in [
        ("自评 › 年初预算数", b.initial),
        ("自评 › 全年预算数", b.full_year),
        ("自评 › 全年执行数", b.executed),
    ] {
        figures.push((label.to_owned(), amount.map(|a| a.0)));
    }
    figures.push(("自评 › 预算执行率分值".into(), b.weight.map(|w| w.0)));
    figures.push(("自评 › 预算执行率得分".into(), b.score.map(|w| w.0)));
    figures.push(("自评 › 总分".into(), e.total_score.map(|w| w.0)));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = Vec::new();
    for row in &e.indicators {
        let mut name = format!("自评 › {} › {} › {}", row.level1, row.level2, row.name);
        // Two rows of one name stay apart, numbered in order.
        let n = seen.entry(name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            name = format!("{name} ({n})");
        }
        let actual = match (&row.actual, row.missing_reason()) {
            (Some(a), _) => Some(a.clone()),
            (None, Some(Missing::Unreadable)) => Some("(unreadable)".to_owned()),
            (None, _) => Some(String::new()),
        };
        rows.push((format!("{name} › 年度指标值"), row.target.clone()));
        rows.push((format!("{name} › 实际完成值"), actual));
        rows.push((format!("{name} › 偏差原因"), row.deviation.clone()));
        figures.push((format!("{name} › 分值"), row.weight.map(|w| w.0)));
        figures.push((format!("{name} › 得分"), row.score.map(|w| w.0)));
    }
    for (key, value) in rows {
        text(key, value);
    }
    for (key, figure) in figures {
        if let Some(figure) = figure {
            out.push((
                key,
                Field {
                    text: figure.to_string(),
                    figure: Some(figure),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(yaml: &str) -> Evaluation {
        crate::yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn figures_compare_as_decimals_and_rows_by_their_levels() {
        let old = e(
            "year: 2023\nbudget: {executed: '96.0'}\nindicators:\n  - {level1: a, level2: b, name: x, actual: 3次, score: '10'}\n  - {level1: a, level2: b, name: y, actual: 1次}\n",
        );
        let new = e(
            "year: 2023\nbudget: {executed: '96'}\nindicators:\n  - {level1: a, level2: b, name: y, actual: 1次}\n  - {level1: a, level2: b, name: x, actual: 2次, score: '8'}\n",
        );
        let found: Vec<(String, String, String)> = changes(Some(&old), Some(&new))
            .into_iter()
            .map(|c| (c.field, c.old, c.new))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "自评 › a › b › x › 实际完成值".into(),
                    "3次".into(),
                    "2次".into()
                ),
                ("自评 › a › b › x › 得分".into(), "10".into(), "8".into()),
            ]
        );
    }

    #[test]
    fn an_added_evaluation_lists_its_fields() {
        let new = e("year: 2023\nbudget: {executed: '9'}\ntotal_score: '90'\n");
        let found = changes(None, Some(&new));
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|c| c.old.is_empty()));
        assert!(changes(Some(&new), Some(&new)).is_empty());
    }
}
