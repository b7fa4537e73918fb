//! Rules about a project agreeing with itself: years mentioned match the
//! budget year, and nothing is listed twice.

use std::collections::HashMap;

use crate::check::{Context, Findings};
use crate::indicator::value::years_mentioned;
use crate::model::Project;

/// The years a project may mention: its budget year, and for a multi-year
/// project every year of its 实施期限 (`2024年—2026年`).
fn allowed_years(project: &Project) -> Vec<u16> {
    let mut years = vec![project.year];
    if let Some(period) = &project.period {
        let named = years_mentioned(period);
        if let (Some(first), Some(last)) = (named.iter().min(), named.iter().max()) {
            years.extend(*first..=*last);
        }
    }
    years
}

pub(super) fn year_mismatch(project: &Project, _: &Context, out: &mut Findings) {
    let allowed = allowed_years(project);
    for (i, row) in project.indicators.iter().enumerate() {
        let fields = [
            ("name", Some(&row.name)),
            ("value", row.value.as_ref()),
            ("note", row.note.as_ref()),
        ];
        for (field, text) in fields {
            let Some(text) = text else { continue };
            let mut foreign: Vec<u16> = years_mentioned(text)
                .into_iter()
                .filter(|y| !allowed.contains(y))
                .collect();
            foreign.sort_unstable();
            foreign.dedup();
            for year in foreign {
                out.report(
                    format!("indicators[{i}].{field}"),
                    crate::t!(
                        "year-mismatch",
                        text = text,
                        year = year,
                        budget = project.year
                    ),
                    crate::t!("year-mismatch-help", budget = project.year),
                );
            }
        }
    }
}

/// Text compared for duplicates: blanks and trailing punctuation removed.
fn key(text: &str) -> String {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .trim_end_matches(['；', ';', '。', '.', '，', ','])
        .to_owned()
}

pub(super) fn duplicate_indicator(project: &Project, _: &Context, out: &mut Findings) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, row) in project.indicators.iter().enumerate() {
        let k = key(&row.name);
        if k.is_empty() {
            continue;
        }
        match first.get(&k) {
            Some(&j) => out.report(
                format!("indicators[{i}].name"),
                crate::t!("duplicate-indicator", name = row.name, first = j + 1),
                crate::t!("duplicate-indicator-help"),
            ),
            None => {
                first.insert(k, i);
            }
        }
    }
}

pub(super) fn duplicate_goal(project: &Project, _: &Context, out: &mut Findings) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, goal) in project.goals.iter().enumerate() {
        let k = key(goal);
        if k.is_empty() {
            continue;
        }
        match first.get(&k) {
            Some(&j) => out.report(
                format!("goals[{i}]"),
                crate::t!("duplicate-goal", first = j + 1),
                crate::t!("duplicate-goal-help"),
            ),
            None => {
                first.insert(k, i);
            }
        }
    }
}
