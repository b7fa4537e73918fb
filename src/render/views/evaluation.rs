//! A project page's 绩效自评: the result columns of its target table, the
//! rows the 自评表 adds, the budget lines with their chart, and the
//! summary.
//!
//! Every judgement comes from [`crate::indicator::results`] (the marks, the
//! execution rate, the totals, the grade); this module only turns the
//! [`Assessment`] into words and strings for `project_tables.html` and
//! `evaluation.html`, so the page cannot disagree with `check` or the
//! downloads. A mark is always written as a word (达成, 未达成, 无法比较),
//! with the reason of a 无法比较 beside it, never carried by colour alone.
//! The words of marks and reasons are the theme's strings keyed by the
//! catalogue keys of [`Mark::key`] and [`Why::key`], so a site's theme can
//! reword them like any other string. Amounts are printed exactly as
//! written; only the rate, a ratio, is rounded for display.

use std::collections::BTreeMap;

use serde::Serialize;

use super::charts::{BarChart, Item};
use super::figures::{rest_label, string};
use super::revisions::RevisionsView;
use super::{IndicatorTable, Section};
use crate::i18n::{Lang, message_in};
use crate::indicator::results::{Assessment, Mark, Pair, promise, rate_text, restated_target};
use crate::model::{Amount, Evaluation, Indicator, IndicatorResult, Missing, Project};
use crate::render::markdown::{to_html, to_inline_html};

/// The theme's UI strings.
type Strings = BTreeMap<String, String>;

/// The theme's word for a catalogue key (`mark-met`, `why-units` …), else
/// the catalogue's own Chinese word, which the default theme repeats.
pub(crate) fn word(strings: &Strings, key: &str) -> String {
    strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| message_in(Lang::Zh, key, &[]))
}

/// A mark as the page prints it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MarkView {
    /// `met`, `missed` or `not-comparable`, for the class.
    pub code: &'static str,
    /// 达成, 未达成 or 无法比较.
    pub word: String,
    /// Why a row is 无法比较, in words.
    pub why: Option<String>,
}

impl MarkView {
    pub(crate) fn new(mark: Mark, strings: &Strings) -> MarkView {
        MarkView {
            code: mark.code(),
            word: word(strings, mark.key()),
            why: match mark {
                Mark::NotComparable(why) => Some(word(strings, why.key())),
                _ => None,
            },
        }
    }
}

/// `blank` or `unreadable`, the words the target table uses for a value
/// that is not there.
fn missing_code(missing: Missing) -> &'static str {
    match missing {
        Missing::Blank => "blank",
        Missing::Unreadable => "unreadable",
    }
}

/// The ids of the result columns of a target table.
#[derive(Debug, Serialize)]
pub(crate) struct ResultColumns {
    pub actual: String,
    /// Present when some row of the 自评表 gives a 分值.
    pub weight: Option<String>,
    pub score: String,
    pub mark: String,
}

/// What the 自评表 says of one target row: the cells after the target
/// table's own.
#[derive(Debug, Serialize)]
pub(crate) struct ResultCells<'a> {
    /// False when the 自评表 has no row for this target.
    pub evaluated: bool,
    /// 实际完成值 as written.
    pub actual: Option<&'a str>,
    /// `blank` or `unreadable` for an evaluated row without a value.
    pub missing: Option<&'static str>,
    pub weight: Option<String>,
    pub score: Option<String>,
    pub mark: MarkView,
    /// 偏差原因 as written (plain text).
    pub deviation: Option<&'a str>,
    /// The 年度指标值 the 自评表 repeats, when it differs from the target
    /// table's.
    pub own_target: Option<&'a str>,
    /// The target table has no value: the row was judged against the
    /// 自评表's own (`own_target`).
    pub judged_on_own_target: bool,
    /// The 一级 or 二级 names differ; the rows were joined by name.
    pub levels_differ: bool,
    /// The `headers` of the 实际完成值, 分值, 得分 and 达成情况 cells.
    pub headers_actual: String,
    pub headers_weight: String,
    pub headers_score: String,
    pub headers_mark: String,
}

fn result_cells<'a>(
    target: &'a Indicator,
    result: Option<&'a IndicatorResult>,
    pair: &Pair,
    levels: &str,
    columns: &ResultColumns,
    strings: &Strings,
) -> ResultCells<'a> {
    // Shown when it says something the target table does not (see
    // `restated_target`), including a row judged against it because the
    // target table has no value.
    let own_target = result.and_then(|r| restated_target(Some(target), r));
    let judged_on_own_target =
        target.value.is_none() && result.is_some_and(|r| promise(Some(target), r).is_some());
    let headers = |id: &str| format!("{levels} {id}");
    ResultCells {
        evaluated: result.is_some(),
        actual: result.and_then(|r| r.actual.as_deref()),
        missing: result.and_then(|r| r.missing_reason()).map(missing_code),
        weight: result.and_then(|r| r.weight).map(|w| w.to_string()),
        score: result.and_then(|r| r.score).map(|w| w.to_string()),
        mark: MarkView::new(pair.mark, strings),
        deviation: result
            .and_then(|r| r.deviation.as_deref())
            .filter(|d| !d.trim().is_empty()),
        own_target,
        judged_on_own_target,
        levels_differ: pair.levels_differ,
        headers_actual: headers(&columns.actual),
        headers_weight: columns.weight.as_deref().map(headers).unwrap_or_default(),
        headers_score: headers(&columns.score),
        headers_mark: headers(&columns.mark),
    }
}

impl<'a> IndicatorTable<'a> {
    /// Adds the 自评表's columns to the annual target table `targets`:
    /// every row gets its result, or says that the 自评表 does not list it.
    pub(crate) fn add_results(
        &mut self,
        targets: &'a [Indicator],
        evaluation: &'a Evaluation,
        assessment: &Assessment,
        strings: &Strings,
    ) {
        let prefix = self.prefix;
        let columns = ResultColumns {
            actual: format!("{prefix}col-actual"),
            weight: evaluation
                .indicators
                .iter()
                .any(|r| r.weight.is_some())
                .then(|| format!("{prefix}col-ev-weight")),
            score: format!("{prefix}col-score"),
            mark: format!("{prefix}col-mark"),
        };
        let rows = self.groups.iter_mut().flat_map(|g| g.rows.iter_mut());
        for (t, row) in rows.enumerate() {
            let Some(pair) = assessment.pairs.iter().find(|p| p.target == Some(t)) else {
                continue;
            };
            let Some(target) = targets.get(t) else {
                continue;
            };
            let result = pair.result.and_then(|r| evaluation.indicators.get(r));
            // "l1 l2 l3 col-value" without the column: the row's headers.
            let levels = row
                .headers
                .rsplit_once(' ')
                .map_or(row.headers.as_str(), |(l, _)| l)
                .to_owned();
            row.result = Some(result_cells(
                target, result, pair, &levels, &columns, strings,
            ));
        }
        self.results = Some(columns);
        self.wide = true;
    }
}

/// One entry of the legend under the table.
#[derive(Debug, Serialize)]
pub(crate) struct LegendEntry {
    pub code: &'static str,
    pub word: String,
    pub text: String,
}

/// A row of the 自评表 that matches no target.
#[derive(Debug, Serialize)]
pub(crate) struct UnmatchedRow<'a> {
    pub level1: &'a str,
    pub level2: &'a str,
    pub name: &'a str,
    /// The 自评表's own 年度指标值.
    pub target: Option<&'a str>,
    pub actual: Option<&'a str>,
    pub missing: Option<&'static str>,
    pub weight: Option<String>,
    pub score: Option<String>,
    pub mark: MarkView,
    pub deviation: Option<&'a str>,
}

/// One line of the budget table.
#[derive(Debug, Serialize)]
pub(crate) struct BudgetRow {
    pub label: String,
    /// `None` prints as 未填报 (or, for the rate, 无法计算).
    pub value: Option<String>,
    /// An explanation under the label (how the rate is computed).
    pub note: Option<String>,
    /// The value is a rate, which is computed rather than written.
    pub computed: bool,
}

/// The counts of the summary sentence.
#[derive(Debug, Serialize)]
pub(crate) struct CountsView {
    /// Rows of the 自评表 (matched or not).
    pub evaluated: usize,
    pub met: usize,
    pub missed: usize,
    pub not_comparable: usize,
    /// Target rows the 自评表 does not list.
    pub not_evaluated: usize,
    /// 达成, 未达成 and 无法比较 with their counts, for the sentence.
    pub parts: Vec<CountPart>,
}

/// One mark's word and count.
#[derive(Debug, Serialize)]
pub(crate) struct CountPart {
    pub code: &'static str,
    pub word: String,
    pub count: usize,
}

/// The 绩效自评 section of a project page.
#[derive(Debug, Serialize)]
pub(crate) struct EvaluationView<'a> {
    pub legend: Vec<LegendEntry>,
    /// 执行率, computed.
    pub rate: Option<String>,
    /// 总分 as written, else computed.
    pub total: Option<String>,
    /// The 总分 is the one the 自评表 writes.
    pub total_written: bool,
    /// The sum of the scores, shown beside a written 总分 it differs from.
    pub computed_total: Option<String>,
    /// 优, 良, 中 or 差.
    pub grade: Option<&'static str>,
    /// The 自评表 gives no readable grade: it is the total's band.
    pub grade_from_band: bool,
    pub counts: CountsView,
    /// 金额单位 of the budget figures.
    pub unit: &'static str,
    pub budget: Vec<BudgetRow>,
    /// Why execution differs from the budget (sanitised Markdown).
    pub budget_note: Option<String>,
    /// 全年预算数 against 全年执行数; its table is the budget table.
    pub chart: Option<BarChart>,
    /// The 总体目标: the 自评表's (sanitised Markdown) …
    pub objective: Option<String>,
    /// … else the target table's goals, each inline HTML.
    pub goals: Vec<String>,
    /// 实际完成情况 (sanitised Markdown).
    pub outcome: Option<String>,
    pub unmatched: Vec<UnmatchedRow<'a>>,
    pub notes: Option<String>,
    pub published: Option<&'a str>,
    /// The 自评表's 修订记录: none or one table (a list, so that the
    /// template can include `revisions.html` with its own `revisions`).
    pub revision_tables: Vec<RevisionsView>,
}

/// The three marks in the order pages list them (any reason stands for
/// 无法比较: only the mark's word is used).
pub(crate) fn legend_marks() -> [Mark; 3] {
    [
        Mark::Met,
        Mark::Missed,
        Mark::NotComparable(crate::indicator::results::Why::NoTarget),
    ]
}

/// The id of the budget table's caption, which the chart names as its data.
pub(crate) const BUDGET_CAPTION_ID: &str = "ev-budget-caption";

impl<'a> EvaluationView<'a> {
    /// The section for `project`, `None` without an evaluation. `section`
    /// is the page's annual section, whose table gains the result columns.
    pub(crate) fn new(
        project: &'a Project,
        site_unit: crate::model::AmountUnit,
        section: &mut Section<'a>,
        strings: &Strings,
    ) -> Option<EvaluationView<'a>> {
        let evaluation = project.evaluation.as_deref()?;
        let assessment = Assessment::of(project)?;
        if let Some(table) = section.table.as_mut() {
            table.add_results(&project.indicators, evaluation, &assessment, strings);
        }
        let s = |key: &str, default: &'static str| string(strings, key, default).to_owned();
        let legend = legend_marks()
            .into_iter()
            .zip([
                "ev_legend_met",
                "ev_legend_missed",
                "ev_legend_not_comparable",
            ])
            .map(|(mark, text)| LegendEntry {
                code: mark.code(),
                word: word(strings, mark.key()),
                text: s(text, ""),
            })
            .collect();
        let unit = evaluation.unit(project.unit(site_unit));
        let budget = &evaluation.budget;
        let amount = |a: Option<Amount>| a.map(|a| a.to_string());
        let weight = |w: Option<crate::model::Weight>| w.map(|w| w.to_string());
        let rate = assessment.execution_rate.map(rate_text);
        let rows = vec![
            BudgetRow {
                label: s("ev_initial", "年初预算数"),
                value: amount(budget.initial),
                note: None,
                computed: false,
            },
            BudgetRow {
                label: s("ev_full_year", "全年预算数"),
                value: amount(budget.full_year),
                note: None,
                computed: false,
            },
            BudgetRow {
                label: s("ev_executed", "全年执行数"),
                value: amount(budget.executed),
                note: None,
                computed: false,
            },
            BudgetRow {
                label: s("ev_rate", "执行率"),
                value: rate.clone(),
                note: Some(s("ev_rate_explained", "")),
                computed: true,
            },
            BudgetRow {
                label: s("ev_budget_weight", "预算执行率 分值"),
                value: weight(budget.weight),
                note: None,
                computed: false,
            },
            BudgetRow {
                label: s("ev_budget_score", "预算执行率 得分"),
                value: weight(budget.score),
                note: None,
                computed: false,
            },
        ];
        let chart = budget_chart(evaluation, unit.label(), rate.as_deref(), strings);
        let unmatched = assessment
            .unmatched()
            .filter_map(|pair| {
                let r = evaluation.indicators.get(pair.result?)?;
                Some(UnmatchedRow {
                    level1: &r.level1,
                    level2: &r.level2,
                    name: &r.name,
                    target: r.target.as_deref(),
                    actual: r.actual.as_deref(),
                    missing: r.missing_reason().map(missing_code),
                    weight: r.weight.map(|w| w.to_string()),
                    score: r.score.map(|w| w.to_string()),
                    mark: MarkView::new(pair.mark, strings),
                    deviation: r.deviation.as_deref().filter(|d| !d.trim().is_empty()),
                })
            })
            .collect();
        let total_written = evaluation.total_score.is_some();
        let computed_total = assessment
            .computed_total
            .filter(|c| total_written && Some(*c) != assessment.total);
        let grade_from_band = evaluation
            .grade
            .as_deref()
            .and_then(crate::indicator::results::Grade::read)
            .is_none();
        let counts = assessment.counts;
        Some(EvaluationView {
            legend,
            rate,
            total: assessment.total.map(|t| t.to_string()),
            total_written,
            computed_total: computed_total.map(|c| c.to_string()),
            grade: assessment.grade.map(|g| g.name()),
            grade_from_band,
            counts: CountsView {
                evaluated: counts.met + counts.missed + counts.not_comparable,
                met: counts.met,
                missed: counts.missed,
                not_comparable: counts.not_comparable,
                not_evaluated: assessment
                    .pairs
                    .iter()
                    .filter(|p| p.target.is_some() && p.result.is_none())
                    .count(),
                parts: legend_marks()
                    .into_iter()
                    .zip([counts.met, counts.missed, counts.not_comparable])
                    .map(|(mark, count)| CountPart {
                        code: mark.code(),
                        word: word(strings, mark.key()),
                        count,
                    })
                    .collect(),
            },
            unit: unit.label(),
            budget: rows,
            budget_note: budget.note.as_deref().map(|n| to_html(n, 4)),
            chart,
            objective: evaluation.objective.as_deref().map(|o| to_html(o, 4)),
            goals: if evaluation.objective.is_some() {
                Vec::new()
            } else {
                project.goals.iter().map(|g| to_inline_html(g)).collect()
            },
            outcome: evaluation.outcome.as_deref().map(|o| to_html(o, 4)),
            unmatched,
            notes: evaluation.notes.as_deref().map(|n| to_html(n, 4)),
            published: evaluation.published.as_deref(),
            revision_tables: RevisionsView::of_evaluation(evaluation, strings)
                .into_iter()
                .collect(),
        })
    }
}

/// The bar of 全年预算数 against 全年执行数, when both are given.
fn budget_chart(
    evaluation: &Evaluation,
    unit: &'static str,
    rate: Option<&str>,
    strings: &Strings,
) -> Option<BarChart> {
    let budget = &evaluation.budget;
    let (full, done) = (budget.full_year?, budget.executed?);
    let full_label = string(strings, "ev_full_year", "全年预算数");
    let done_label = string(strings, "ev_executed", "全年执行数");
    let items = vec![
        Item {
            label: full_label.to_owned(),
            value: full.0.max(rust_decimal::Decimal::ZERO),
            current: false,
        },
        Item {
            label: done_label.to_owned(),
            value: done.0.max(rust_decimal::Decimal::ZERO),
            current: true,
        },
    ];
    let mut description = format!(
        "{}：{full_label} {full} {unit}，{done_label} {done} {unit}",
        string(strings, "ev_budget_chart_desc", "")
    );
    if let Some(rate) = rate {
        description.push_str(&format!(
            "，{} {rate}",
            string(strings, "ev_rate", "执行率")
        ));
    }
    description.push('。');
    let chart = BarChart::new(
        "chart-budget",
        BUDGET_CAPTION_ID,
        items,
        false,
        rest_label(strings),
    );
    Some(chart.in_unit(unit).described(description))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(targets: &str, evaluation: &str) -> Project {
        let mut p: Project = crate::yaml::from_str(&format!(
            "{{year: 2023, name: p, amount: '10', goals: [目标], indicators: [{targets}]}}"
        ))
        .unwrap();
        let e: Evaluation = crate::yaml::from_str(evaluation).unwrap();
        p.evaluation = Some(std::sync::Arc::new(e));
        p
    }

    fn strings() -> Strings {
        let text = include_str!("../../../themes/default/i18n/zh-CN.toml");
        toml::from_str(text).unwrap()
    }

    #[test]
    fn the_theme_repeats_the_catalogue_words_of_every_mark_and_reason() {
        use crate::indicator::results::Why;
        let strings = strings();
        let whys = Why::ALL;
        let keys = [Mark::Met, Mark::Missed]
            .iter()
            .map(|m| m.key())
            .chain(whys.iter().map(|w| w.key()))
            .chain([Mark::NotComparable(Why::Units).key()]);
        for key in keys {
            assert_eq!(
                strings.get(key).map(String::as_str),
                Some(message_in(Lang::Zh, key, &[]).as_str()),
                "{key}"
            );
        }
    }

    #[test]
    fn rows_get_their_result_or_say_they_have_none() {
        let p = project(
            "{level1: 产出指标, level2: 数量指标, name: 次数, value: 3次},
             {level1: 产出指标, level2: 质量指标, name: 合格率, value: null},
             {level1: 效益指标, level2: 社会效益指标, name: 知晓率, value: 提高}",
            "year: 2023
budget: {full_year: '100', executed: '105', score: '10'}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 次数, target: 3 次, actual: 2次, weight: '20', score: '10', deviation: 延期}
  - {level1: 产出指标, level2: 质量指标, name: 合格率, target: ≥90%, actual: 95%}
  - {level1: 产出指标, level2: 时效指标, name: 完成时间, actual: null, missing: unreadable}
total_score: '30'
",
        );
        let strings = strings();
        let mut section = Section::new(&p.goals, &p.indicators, false);
        let view =
            EvaluationView::new(&p, crate::model::AmountUnit::Wan, &mut section, &strings).unwrap();
        let table = section.table.unwrap();
        assert!(table.wide);
        let rows: Vec<&ResultCells> = table
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .map(|r| r.result.as_ref().unwrap())
            .collect();
        assert_eq!(rows[0].mark.word, "未达成");
        assert_eq!(rows[0].deviation, Some("延期"));
        // 3 次 repeats 3次 with a blank: not shown as another target.
        assert_eq!(rows[0].own_target, None);
        assert_eq!(rows[0].headers_mark, "l1-0 l2-0-0 l3-0-0-0 col-mark");
        assert!(rows[1].judged_on_own_target);
        assert_eq!(rows[1].own_target, Some("≥90%"));
        assert_eq!(rows[1].mark.word, "达成");
        assert!(!rows[2].evaluated);
        assert_eq!(rows[2].mark.why.as_deref(), Some("自评表未列此指标"));
        assert_eq!(view.unmatched.len(), 1);
        assert_eq!(view.unmatched[0].missing, Some("unreadable"));
        assert_eq!(
            view.unmatched[0].mark.why.as_deref(),
            Some("原件中的实际完成值无法辨认")
        );
        assert_eq!(view.rate.as_deref(), Some("105.00%"));
        // Written 30, rows and budget 20: both shown.
        assert_eq!(view.total.as_deref(), Some("30"));
        assert_eq!(view.computed_total.as_deref(), Some("20"));
        assert_eq!(view.grade, Some("差"));
        assert!(view.grade_from_band);
        assert_eq!(
            (view.counts.evaluated, view.counts.met, view.counts.missed),
            (3, 1, 1)
        );
        assert_eq!(view.counts.not_evaluated, 1);
        assert_eq!(view.budget[2].value.as_deref(), Some("105.00"));
        assert_eq!(view.budget[0].value, None);
        let chart = view.chart.unwrap();
        assert_eq!(chart.unit.as_deref(), Some("万元"));
        assert!(chart.description.unwrap().contains("执行率 105.00%"));
        // The target table's goals stand in for a missing 总体目标.
        assert_eq!(view.goals, ["目标"]);
    }
}
