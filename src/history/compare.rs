//! The comparison of one project's years: the amount in each year with its
//! change, and the indicators side by side.
//!
//! Figures stay exact: amounts are converted exactly into the site's unit,
//! changes are exact differences, and the change rate is the exact
//! quotient (to `rust_decimal`'s 28 digits); rounding it is the display's
//! business. Indicator rows are matched on their 一级, 二级 and 三级 names,
//! with 一级 and 二级 read through the framework's synonyms (社会效益 is
//! 社会效益指标) and blanks ignored, so a re-typed table still lines up.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::indicator::framework;
use crate::model::{AmountUnit, Indicator, Project};

/// One year of a project's amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct AmountRow<'a> {
    /// The project in that year.
    pub project: &'a Project,
    /// The amount in the site's unit, exactly.
    pub amount: Decimal,
    /// `amount` minus the previous row's; `None` on the first row.
    pub change: Option<Decimal>,
    /// `change` as a percentage of the previous amount, exact (not
    /// rounded); `None` on the first row and when the previous amount is 0.
    pub rate: Option<Decimal>,
}

/// The change of each amount from the one before it, and that change as
/// an exact percentage of the one before: `(None, None)` for the first,
/// and no rate after an amount of 0. Department totals across years use
/// it too, so every change on the site is computed here.
pub fn changes(amounts: &[Decimal]) -> Vec<(Option<Decimal>, Option<Decimal>)> {
    let mut out = Vec::with_capacity(amounts.len());
    let mut previous: Option<Decimal> = None;
    for amount in amounts {
        // Exact or absent: never a rounded change.
        let change = previous.and_then(|p| crate::model::exact_sub(*amount, p));
        let rate = match (change, previous) {
            (Some(c), Some(p)) if !p.is_zero() => c
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|c| c.checked_div(p)),
            _ => None,
        };
        out.push((change, rate));
        previous = Some(*amount);
    }
    out
}

/// The amounts of a chain of projects (oldest first) in `unit`, each with
/// its change from the row before.
pub fn amounts<'a>(chain: &[&'a Project], unit: AmountUnit) -> Vec<AmountRow<'a>> {
    let values: Vec<Decimal> = chain
        .iter()
        .map(|p| p.amount_in(unit, unit).map_or(p.amount.0, |a| a.0))
        .collect();
    chain
        .iter()
        .zip(&values)
        .zip(changes(&values))
        .map(|((project, amount), (change, rate))| AmountRow {
            project,
            amount: *amount,
            change,
            rate,
        })
        .collect()
}

/// How an indicator stands in one year compared with the year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Present in both years, or absent in both, or the first year.
    Same,
    /// 新增: present now, absent the year before.
    Added,
    /// 取消: absent now, present the year before.
    Dropped,
}

/// One indicator across the years: the row in each year, if any.
#[derive(Debug, Clone)]
pub struct IndicatorLine<'a> {
    /// 一级, 二级 and 三级 as the first year that has the row writes them.
    pub level1: &'a str,
    /// 二级 name.
    pub level2: &'a str,
    /// 三级 name.
    pub name: &'a str,
    /// One cell per year of the comparison: the row, and its mark.
    pub cells: Vec<(Option<&'a Indicator>, Mark)>,
}

/// Text without blanks, borrowed when it has none (the usual case).
fn compact(text: &str) -> Cow<'_, str> {
    if text.contains(char::is_whitespace) {
        Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The matching key of a row: canonical 一级 and 二级, 三级 without blanks.
fn key(row: &Indicator) -> (Cow<'_, str>, Cow<'_, str>, Cow<'_, str>) {
    let level1 =
        framework::level1(&row.level1).map_or_else(|| compact(&row.level1), |n| n.name.into());
    let level2 =
        framework::level2(&row.level2).map_or_else(|| compact(&row.level2), |n| n.name.into());
    (level1, level2, compact(&row.name))
}

/// The annual indicators of `chain` (oldest first) side by side, in the
/// order they first appear. A row present in a year and absent the year
/// before is marked [`Mark::Added`]; a row absent in a year and present the
/// year before, [`Mark::Dropped`].
pub fn indicators<'a>(chain: &[&'a Project]) -> Vec<IndicatorLine<'a>> {
    let mut lines: Vec<IndicatorLine<'a>> = Vec::new();
    type Key<'k> = (Cow<'k, str>, Cow<'k, str>, Cow<'k, str>);
    let mut index: HashMap<Key<'a>, usize> = HashMap::new();
    for (year, project) in chain.iter().enumerate() {
        for row in &project.indicators {
            let k = key(row);
            let line = match index.get(&k) {
                Some(&i) => i,
                None => {
                    index.insert(k, lines.len());
                    lines.push(IndicatorLine {
                        level1: &row.level1,
                        level2: &row.level2,
                        name: &row.name,
                        cells: vec![(None, Mark::Same); chain.len()],
                    });
                    lines.len() - 1
                }
            };
            // A name listed twice in one year keeps its first row.
            if lines[line].cells[year].0.is_none() {
                lines[line].cells[year].0 = Some(row);
            }
        }
    }
    for line in &mut lines {
        for year in 1..line.cells.len() {
            let before = line.cells[year - 1].0.is_some();
            let now = line.cells[year].0.is_some();
            line.cells[year].1 = match (before, now) {
                (false, true) => Mark::Added,
                (true, false) => Mark::Dropped,
                _ => Mark::Same,
            };
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(amount: &str, rows: &[(&str, &str)]) -> Project {
        let rows: String = rows
            .iter()
            .map(|(l2, name)| {
                format!("{{level1: 产出指标, level2: {l2}, name: {name}, value: \"1\"}},")
            })
            .collect();
        crate::yaml::from_str(&format!(
            "{{year: 2023, name: p, amount: \"{amount}\", goals: [g], indicators: [{rows}]}}"
        ))
        .unwrap()
    }

    #[test]
    fn changes_are_exact() {
        let a = project("10.10", &[]);
        let b = project("20.20", &[]);
        let c = project("0", &[]);
        let d = project("3.3", &[]);
        let rows = amounts(&[&a, &b, &c, &d], AmountUnit::Wan);
        assert_eq!(rows[0].change, None);
        assert_eq!(rows[1].change, Some("10.10".parse().unwrap()));
        assert_eq!(rows[1].rate, Some(Decimal::ONE_HUNDRED));
        assert_eq!(rows[2].rate, Some("-100".parse().unwrap()));
        // From 0 there is no rate.
        assert_eq!(rows[3].change, Some("3.3".parse().unwrap()));
        assert_eq!(rows[3].rate, None);
    }

    #[test]
    fn rows_match_on_canonical_levels() {
        let a = project("1", &[("数量指标", "人数"), ("质量指标", "合格率")]);
        let b = project("1", &[("数量", "人 数"), ("时效指标", "及时率")]);
        let lines = indicators(&[&a, &b]);
        let names: Vec<&str> = lines.iter().map(|l| l.name).collect();
        assert_eq!(names, ["人数", "合格率", "及时率"]);
        assert_eq!(lines[0].cells[1].1, Mark::Same);
        assert_eq!(lines[1].cells[1].1, Mark::Dropped);
        assert_eq!(lines[2].cells[1].1, Mark::Added);
        assert!(lines[2].cells[0].0.is_none());
    }
}
