//! The 绩效自评 in the open data: the result columns of the indicator
//! tables and the department-year's evaluation table (`evaluation.csv`,
//! sheet 自评, `evaluation` in `data.json`).
//!
//! Nothing is judged here. Each row's pairing and mark, the execution
//! rate, the total and the grade come from
//! [`crate::indicator::results::Assessment`], the one assessment the pages
//! and `check` read too, so a download cannot disagree with the page it
//! sits beside. This module only lays those answers out as cells.
//!
//! A project without an evaluation gets empty result cells, never zeros:
//! an absent 自评表 is not a score of nothing. A row of the 自评表 that
//! matches no target is kept as a row of its own (table `evaluation`,
//! numbered by its place in the 自评表), its target columns empty, never
//! dropped: it is part of what the department published.

use rust_decimal::Decimal;

use crate::indicator::results::{
    Assessment, BudgetTotals, Grade, Mark, Pair, Why, rate_text, restated_target,
};
use crate::model::{Amount, Evaluation, Indicator, Project, Site};
use crate::render::plan::Scope;

use super::fields::{self, WHY_KEYS};
use super::table::{Cell, Table, scoped};

/// The number of result columns at the end of an indicator row.
pub(crate) const RESULT_COLUMNS: usize = 8;

/// The target columns of an indicator row, from `value` to `note`, left
/// empty on a row of the 自评表 that matches no target.
const TARGET_COLUMNS: usize = 10;

/// A project's evaluation with its assessment, when it has one.
pub(crate) struct Assessed<'p> {
    pub evaluation: &'p Evaluation,
    pub assessment: Assessment,
    /// The target table's rows, which the pairs index.
    targets: &'p [Indicator],
}

impl<'p> Assessed<'p> {
    pub(crate) fn of(project: &'p Project) -> Option<Assessed<'p>> {
        Some(Assessed {
            evaluation: project.evaluation.as_deref()?,
            assessment: Assessment::of(project)?,
            targets: &project.indicators,
        })
    }

    /// The result cells of the target table's row `target`.
    pub(crate) fn target_cells(&self, target: usize) -> Vec<Cell> {
        match self
            .assessment
            .pairs
            .iter()
            .find(|p| p.target == Some(target))
        {
            Some(pair) => self.cells(pair),
            None => empty_cells(),
        }
    }

    /// The rows of the 自评表 that match no target, whole, without the
    /// project key: `evaluation`, their number in the 自评表, their levels
    /// and name, empty target columns, then their result cells.
    pub(crate) fn unmatched_rows(&self) -> impl Iterator<Item = Vec<Cell>> + '_ {
        self.assessment.unmatched().filter_map(|pair| {
            let r = pair.result?;
            let result = self.evaluation.indicators.get(r)?;
            let mut row = vec![
                Cell::Text("evaluation".into()),
                Cell::Integer(r as i64 + 1),
                Cell::Text(result.level1.clone()),
                Cell::Text(result.level2.clone()),
                Cell::Text(result.name.as_str().into()),
            ];
            row.extend(std::iter::repeat_n(Cell::Empty, TARGET_COLUMNS));
            row.extend(self.cells(pair));
            Some(row)
        })
    }

    /// One pair's result cells, in the order of the indicator fields.
    fn cells(&self, pair: &Pair) -> Vec<Cell> {
        let result = pair.result.and_then(|r| self.evaluation.indicators.get(r));
        let target = pair.target.and_then(|t| self.targets.get(t));
        let matched = match (pair.target, result) {
            (None, _) => "no-target",
            (_, None) => "not-evaluated",
            _ if pair.levels_differ => "name-only",
            _ => "matched",
        };
        let text = |t: Option<&str>| t.map_or(Cell::Empty, |t| Cell::Text(t.into()));
        let number = |w: Option<crate::model::Weight>| {
            w.map_or(Cell::Empty, |w| Cell::Number(w.to_string().into()))
        };
        let reason = match pair.mark {
            Mark::NotComparable(why) => Cell::Text(why_code(why).into()),
            Mark::Met | Mark::Missed => Cell::Empty,
        };
        vec![
            Cell::Text(matched.into()),
            text(result.and_then(|r| restated_target(target, r))),
            text(result.and_then(|r| r.actual.as_deref())),
            number(result.and_then(|r| r.weight)),
            number(result.and_then(|r| r.score)),
            Cell::Text(pair.mark.code().into()),
            reason,
            text(result.and_then(|r| r.deviation.as_deref())),
        ]
    }
}

/// The result cells of a row outside any evaluation: all empty.
pub(crate) fn empty_cells() -> Vec<Cell> {
    vec![Cell::Empty; RESULT_COLUMNS]
}

/// The stable code of a reason: its catalogue key without `why-`.
pub(crate) fn why_code(why: Why) -> &'static str {
    let key = why.key();
    WHY_KEYS
        .iter()
        .find(|(_, k)| *k == key)
        .map_or(key, |(code, _)| code)
}

/// How many rows a project adds to the indicator table beyond its target
/// rows: the rows of its 自评表 that match no target.
pub(crate) fn extra_rows(project: &Project) -> usize {
    Assessment::of(project).map_or(0, |a| a.unmatched().count())
}

/// Whether any project of `scope` has a 自评表, and so the scope has an
/// evaluation table.
pub(crate) fn any(site: &Site, scope: &Scope) -> bool {
    scoped(site, scope).any(|p| p.evaluation.is_some())
}

/// `evaluation.csv` of a scope: one row per evaluated project, in site
/// order.
pub(crate) fn table(site: &Site, scope: &Scope) -> Table<'static> {
    Table {
        fields: fields::EVALUATION_FIELDS.to_vec(),
        rows: scoped(site, scope)
            .filter_map(|p| Some(row(site, p, &Assessed::of(p)?)))
            .collect(),
    }
}

/// A budget figure of the 自评表 in the site's unit, exactly.
fn money(site: &Site, project: &Project, amount: Option<Amount>) -> Cell {
    let Some(amount) = amount else {
        return Cell::Empty;
    };
    let project_unit = project.unit(site.config.amount_unit);
    let from = project
        .evaluation
        .as_deref()
        .map_or(project_unit, |e| e.unit(project_unit));
    // As the project's own amounts: a figure beyond a decimal's 28 digits
    // in the site's unit stays as written.
    let amount = amount
        .convert(from, site.config.amount_unit)
        .unwrap_or(amount);
    Cell::Number(amount.to_string().into())
}

/// A rate as the downloads give it: [`rate_text`]'s two decimals, without
/// the `%` the column's title carries.
pub(crate) fn rate_number(rate: Decimal) -> String {
    let text = rate_text(rate);
    text.trim_end_matches('%').to_owned()
}

fn row(site: &Site, p: &Project, a: &Assessed<'_>) -> Vec<Cell> {
    let (e, x) = (a.evaluation, &a.assessment);
    let budget = &e.budget;
    let number = |d: Option<Decimal>| d.map_or(Cell::Empty, |d| Cell::Number(d.to_string().into()));
    let count = |n: usize| Cell::Integer(n as i64);
    vec![
        Cell::Integer(p.year.into()),
        Cell::Text(p.department.as_str().into()),
        Cell::Text(p.slug.as_str().into()),
        Cell::Text(p.name.as_str().into()),
        money(site, p, budget.initial),
        money(site, p, budget.full_year),
        money(site, p, budget.executed),
        x.execution_rate
            .map_or(Cell::Empty, |r| Cell::Number(rate_number(r).into())),
        number(budget.weight.map(|w| w.0)),
        number(budget.score.map(|w| w.0)),
        // As the form states them, then as worked out: a computed total
        // or band is never put where a reader expects the filed one.
        number(e.total_score.map(|w| w.0)),
        number(x.computed_total),
        e.grade
            .as_deref()
            .map_or(Cell::Empty, |g| Cell::Text(g.into())),
        x.total
            .map_or(Cell::Empty, |t| Cell::Text(Grade::of(t).name().into())),
        count(x.counts.met),
        count(x.counts.missed),
        count(x.counts.not_comparable),
    ]
}

/// The totals of a scope's evaluations for `data.json`: 全年预算数 and
/// 全年执行数 summed apart ([`BudgetTotals`]), never added together, in
/// the site's unit, with the overall rate computed from the two sums.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Totals {
    /// Projects with a 自评表.
    pub evaluated: usize,
    /// Projects giving both 全年预算数 and 全年执行数: the sums cover these.
    pub counted: usize,
    pub budget_full_year: String,
    pub budget_executed: String,
    /// Computed from the two sums, rounded as in `execution_rate`.
    pub execution_rate: Option<String>,
}

/// The totals of `scope`; `None` when a sum does not fit a decimal.
pub(crate) fn totals(site: &Site, scope: &Scope) -> Option<Totals> {
    let unit = site.config.amount_unit;
    let t = BudgetTotals::of(scoped(site, scope), unit, unit)?;
    Some(Totals {
        evaluated: t.evaluated,
        counted: t.counted,
        budget_full_year: t.full_year.to_string(),
        budget_executed: t.executed.to_string(),
        execution_rate: t.rate().map(rate_number),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reason has a code in [`WHY_KEYS`]; a new reason fails here
    /// until it is given one (and the schema's `enum` with it).
    #[test]
    fn every_reason_has_a_code() {
        for why in Why::ALL {
            assert_ne!(why_code(why), why.key(), "{why:?}");
        }
        assert_eq!(WHY_KEYS.len(), Why::ALL.len());
        assert_eq!(rate_number(Decimal::new(105, 0)), "105.00");
    }
}
