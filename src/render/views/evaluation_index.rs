//! 绩效自评 on the indexes: each project's execution rate and score in the
//! project tables, and the totals of 全年预算数 and 全年执行数 per
//! department and year.
//!
//! The two totals are summed apart by [`BudgetTotals`] and printed side by
//! side, never added together; each covers one budget year, like every
//! 合计 of the indexes (see [`super::years`]), and only the projects that
//! give both figures, which the tables say. A project without an
//! evaluation says 未自评 in words, never an empty cell a reader could take
//! for a zero.

use std::collections::BTreeMap;

use serde::Serialize;

use super::figures::string;
use crate::indicator::results::{Assessment, BudgetTotals, rate_text};
use crate::model::{AmountUnit, Project};

/// The theme's UI strings.
type Strings = BTreeMap<String, String>;

/// A project's 绩效自评 as two cells of a project table.
#[derive(Debug, Serialize)]
pub(crate) struct RowEvaluation {
    /// 执行率, or 未填报 when a budget figure is not given.
    pub rate: String,
    pub rate_missing: bool,
    /// 总分 and 等级 (`98.85（优）`), or 未填报.
    pub score: String,
    pub score_missing: bool,
}

impl RowEvaluation {
    /// `None` for a project without an evaluation.
    pub(crate) fn of(project: &Project, strings: &Strings) -> Option<RowEvaluation> {
        let assessment = Assessment::of(project)?;
        let none = string(strings, "ev_none", "未填报");
        let score = match (assessment.total, assessment.grade) {
            (Some(total), Some(grade)) => Some(format!("{total}（{}）", grade.name())),
            (Some(total), None) => Some(total.to_string()),
            (None, Some(grade)) => Some(grade.name().to_owned()),
            (None, None) => None,
        };
        Some(RowEvaluation {
            rate_missing: assessment.execution_rate.is_none(),
            rate: assessment
                .execution_rate
                .map_or_else(|| none.to_owned(), rate_text),
            score_missing: score.is_none(),
            score: score.unwrap_or_else(|| none.to_owned()),
        })
    }
}

/// The budget totals of a set of projects, ready to print.
#[derive(Debug, Serialize)]
pub(crate) struct TotalsView {
    /// Projects with an evaluation.
    pub evaluated: usize,
    /// Of them, those giving both 全年预算数 and 全年执行数.
    pub counted: usize,
    /// Sum of 全年预算数, exact, in the site's unit.
    pub full_year: String,
    /// Sum of 全年执行数, exact, in the site's unit.
    pub executed: String,
    /// 全年执行数合计 ÷ 全年预算数合计, when computable.
    pub rate: Option<String>,
}

impl TotalsView {
    /// The totals of `projects` in the site's unit; `None` when none has an
    /// evaluation (or, beyond any real budget, a sum does not fit).
    pub(crate) fn of<'a>(
        projects: impl IntoIterator<Item = &'a Project>,
        unit: AmountUnit,
    ) -> Option<TotalsView> {
        let totals = BudgetTotals::of(projects, unit, unit)?;
        (totals.evaluated > 0).then(|| TotalsView {
            evaluated: totals.evaluated,
            counted: totals.counted,
            full_year: totals.full_year.to_string(),
            executed: totals.executed.to_string(),
            rate: totals.rate().map(rate_text),
        })
    }
}

/// One department's totals in a year, as a row of the year's table.
#[derive(Debug, Serialize)]
pub(crate) struct DepartmentTotals<'a> {
    pub name: &'a str,
    pub href: String,
    pub totals: TotalsView,
}

/// The year's 绩效自评 totals: per department, and the year's own.
#[derive(Debug, Serialize)]
pub(crate) struct YearTotals<'a> {
    pub rows: Vec<DepartmentTotals<'a>>,
    pub total: TotalsView,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evaluation;

    fn project(evaluation: Option<&str>) -> Project {
        let mut p: Project = crate::yaml::from_str(
            "{year: 2023, name: p, amount: '10', goals: [g], indicators: [{level1: 产出指标, level2: 数量指标, name: 次数, value: 3次}]}",
        )
        .unwrap();
        p.evaluation = evaluation.map(|e| {
            let e: Evaluation = crate::yaml::from_str(e).unwrap();
            std::sync::Arc::new(e)
        });
        p
    }

    #[test]
    fn rows_show_rate_and_score_or_say_what_is_missing() {
        let strings = Strings::new();
        let p = project(Some(
            "year: 2023\nbudget: {full_year: '120', executed: '126'}\nindicators: [{name: 次数, actual: 3次, score: '88.5'}]\n",
        ));
        let row = RowEvaluation::of(&p, &strings).unwrap();
        assert_eq!(row.rate, "105.00%");
        assert_eq!(row.score, "88.5（良）");
        let bare = project(Some("year: 2023\n"));
        let row = RowEvaluation::of(&bare, &strings).unwrap();
        assert!(row.rate_missing && row.score_missing);
        assert_eq!(row.rate, "未填报");
        assert!(RowEvaluation::of(&project(None), &strings).is_none());
    }

    #[test]
    fn totals_keep_budget_and_execution_apart() {
        let a = project(Some(
            "year: 2023\nbudget: {full_year: '120.00', executed: '118.20'}\n",
        ));
        let b = project(Some(
            "year: 2023\nbudget: {full_year: '80', executed: '84'}\n",
        ));
        let c = project(None);
        let t = TotalsView::of([&a, &b, &c], AmountUnit::Wan).unwrap();
        assert_eq!((t.evaluated, t.counted), (2, 2));
        assert_eq!(t.full_year, "200.00");
        assert_eq!(t.executed, "202.20");
        assert_eq!(t.rate.as_deref(), Some("101.10%"));
        assert!(TotalsView::of([&c], AmountUnit::Wan).is_none());
    }
}
