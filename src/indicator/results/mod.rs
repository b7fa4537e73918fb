//! Targets against results: what a project's 绩效自评 says once it is set
//! beside the target table.
//!
//! [`Assessment::of`] ties each row of the evaluation to the target row of
//! the same 一级, 二级 and 三级 names (the framework's synonyms and
//! full-width forms folded, so 服务对象满意度 finds 服务对象满意度指标),
//! judges each pair ([`judge`]), and works out the figures the form only
//! implies: the execution rate (全年执行数 ÷ 全年预算数, computed, never
//! typed), the total of the scores, the sum of the 分值 with the standard
//! 10 for 预算执行率, and the grade by the standard bands. A row that
//! matches no target is kept, unmatched, for the page to show and `check`
//! to flag. Check, the project page, the indexes, the downloads and the
//! charts all read this one assessment, so they cannot disagree.

mod judge;

use std::collections::{HashMap, VecDeque};

use rust_decimal::Decimal;

pub use judge::{Direction, Mark, Why, judge};

use crate::indicator::framework;
use crate::model::evaluation::STANDARD_BUDGET_WEIGHT;
use crate::model::{Amount, AmountUnit, Evaluation, Indicator, IndicatorResult, Project};

/// One row of the combined table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The row of the target table (`project.indicators`), if any.
    pub target: Option<usize>,
    /// The row of the evaluation (`evaluation.indicators`), if any.
    pub result: Option<usize>,
    /// The verdict; rows without a result are not comparable.
    pub mark: Mark,
    /// True when the pair was joined by name alone because the 一级 or
    /// 二级 names differ; `check` says so.
    pub levels_differ: bool,
}

/// The grade of a total score, by the standard bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    /// 优: 90 or more.
    Excellent,
    /// 良: 80 to below 90.
    Good,
    /// 中: 60 to below 80.
    Fair,
    /// 差: below 60.
    Poor,
}

impl Grade {
    /// The band a score falls in.
    pub fn of(score: Decimal) -> Grade {
        if score >= Decimal::from(90) {
            Grade::Excellent
        } else if score >= Decimal::from(80) {
            Grade::Good
        } else if score >= Decimal::from(60) {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    /// The grade's name as forms write it.
    pub fn name(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }

    /// Reads a grade as written (`优`, `优秀`, `良好` …).
    pub fn read(text: &str) -> Option<Grade> {
        let t = text.trim();
        [
            (Grade::Excellent, "优"),
            (Grade::Good, "良"),
            (Grade::Fair, "中"),
            (Grade::Poor, "差"),
        ]
        .into_iter()
        .find(|(_, w)| t.starts_with(w))
        .map(|(g, _)| g)
    }
}

/// A project's evaluation set beside its targets.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The target table's rows in order, each with its result if any, then
    /// the evaluation rows that match no target, in their order.
    pub pairs: Vec<Pair>,
    /// 全年执行数 ÷ 全年预算数 × 100, exact; `None` without both figures or
    /// with a 全年预算数 of zero.
    pub execution_rate: Option<Decimal>,
    /// The 预算执行率 row's score plus every row's 得分, when any is given.
    pub computed_total: Option<Decimal>,
    /// The 预算执行率 row's 分值 (the standard 10 when not given) plus every
    /// row's 分值, when any row gives one.
    pub weight_sum: Option<Decimal>,
    /// The total shown: as written, else computed.
    pub total: Option<Decimal>,
    /// The grade shown: as written, else from the total's band.
    pub grade: Option<Grade>,
    /// Rows met, missed and not comparable, among those with a result.
    pub counts: Counts,
}

/// How many evaluated rows got each mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// 达成.
    pub met: usize,
    /// 未达成.
    pub missed: usize,
    /// 无法比较.
    pub not_comparable: usize,
}

impl Assessment {
    /// The assessment of `project`, when it has an evaluation. Worked out
    /// once per loaded evaluation and kept with it (see
    /// [`crate::model::evaluation::Memo`]); later calls copy it.
    pub fn of(project: &Project) -> Option<Assessment> {
        let evaluation = project.evaluation.as_deref()?;
        evaluation
            .assessment
            .get_or_init(|| assess(&project.indicators, evaluation))
            .cloned()
    }

    /// The rows of the evaluation that match no target.
    pub fn unmatched(&self) -> impl Iterator<Item = &Pair> {
        self.pairs.iter().filter(|p| p.target.is_none())
    }
}

/// Sets `evaluation` beside the target rows `targets`.
pub fn assess(targets: &[Indicator], evaluation: &Evaluation) -> Assessment {
    let results = &evaluation.indicators;
    let matched = match_rows(targets, results);
    let mut pairs = Vec::with_capacity(targets.len() + results.len());
    let mut used = vec![false; results.len()];
    for (t, found) in matched.iter().enumerate() {
        let target = &targets[t];
        let pair = match *found {
            Some((r, levels_differ)) => {
                used[r] = true;
                let result = &results[r];
                let promised = promise(Some(target), result);
                Pair {
                    target: Some(t),
                    result: Some(r),
                    mark: judge_result(promised, result, direction(target)),
                    levels_differ,
                }
            }
            None => Pair {
                target: Some(t),
                result: None,
                mark: Mark::NotComparable(Why::NotEvaluated),
                levels_differ: false,
            },
        };
        pairs.push(pair);
    }
    for (r, result) in results.iter().enumerate().filter(|(r, _)| !used[*r]) {
        let row = Indicator::new(&result.level1, &result.level2, &result.name, None);
        pairs.push(Pair {
            target: None,
            result: Some(r),
            mark: judge_result(promise(None, result), result, direction(&row)),
            levels_differ: false,
        });
    }
    let mut counts = Counts::default();
    for pair in pairs.iter().filter(|p| p.result.is_some()) {
        match pair.mark {
            Mark::Met => counts.met += 1,
            Mark::Missed => counts.missed += 1,
            Mark::NotComparable(_) => counts.not_comparable += 1,
        }
    }
    let budget = &evaluation.budget;
    let scores: Vec<Decimal> = budget
        .score
        .iter()
        .chain(results.iter().filter_map(|r| r.score.as_ref()))
        .map(|w| w.0)
        .collect();
    let computed_total = sum(&scores);
    let weights: Vec<Decimal> = results
        .iter()
        .filter_map(|r| r.weight.map(|w| w.0))
        .collect();
    let weight_sum = (!weights.is_empty()).then(|| {
        let budget_weight = budget
            .weight
            .map_or(Decimal::from(STANDARD_BUDGET_WEIGHT), |w| w.0);
        sum(&weights).and_then(|s| s.checked_add(budget_weight))
    });
    let total = evaluation.total_score.map(|w| w.0).or(computed_total);
    let grade = evaluation
        .grade
        .as_deref()
        .and_then(Grade::read)
        .or_else(|| total.map(Grade::of));
    Assessment {
        pairs,
        execution_rate: execution_rate(evaluation),
        computed_total,
        weight_sum: weight_sum.flatten(),
        total,
        grade,
        counts,
    }
}

/// The target a result is judged against: the target table's value, the
/// promise as approved; else, when the target table has none or the row
/// has no target row, the value the 自评表 repeats. Pages say which it was.
pub fn promise<'a>(target: Option<&'a Indicator>, result: &'a IndicatorResult) -> Option<&'a str> {
    target
        .and_then(|t| t.value.as_deref())
        .or(result.target.as_deref())
}

/// The 年度指标值 the 自评表 states for a row when it says something the
/// target table does not: the row has no target row or no value there, or
/// the two differ once read (`＞＝９０％` and `≥90%` are one target). Check
/// warns about it, the page shows it beside the promise, the downloads
/// list it; a target repeated as published is the promise, said once.
pub fn restated_target<'a>(
    target: Option<&Indicator>,
    result: &'a IndicatorResult,
) -> Option<&'a str> {
    let own = result.target.as_deref()?;
    match target.and_then(|t| t.value.as_deref()) {
        Some(promised) if same_target(promised, own) => None,
        _ => Some(own),
    }
}

/// Two targets that read alike: equal after the value reader's folding,
/// blanks ignored.
pub fn same_target(a: &str, b: &str) -> bool {
    let read = |s: &str| crate::indicator::value::parse(s).normalised;
    judge::same_words(&read(a), &read(b))
}

/// Exact sum, `None` for no addends or beyond range.
fn sum(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    values
        .iter()
        .try_fold(Decimal::ZERO, |s, v| crate::model::exact_add(s, *v))
}

fn judge_result(target: Option<&str>, result: &IndicatorResult, direction: Direction) -> Mark {
    judge(
        target,
        result.actual.as_deref(),
        result.missing_reason().unwrap_or_default(),
        direction,
    )
}

/// The direction of a bare figure: the row's 指标方向性 when it says, else
/// down for costs and up for everything else.
pub fn direction(row: &Indicator) -> Direction {
    match row.direction.as_deref() {
        Some(d) if d.contains("反向") || d.contains("越小") => return Direction::Down,
        Some(d) if d.contains("正向") || d.contains("越大") => return Direction::Up,
        _ => {}
    }
    match framework::category(row) {
        Some(framework::Category::Cost) => Direction::Down,
        _ => Direction::Up,
    }
}

/// 全年执行数 ÷ 全年预算数 × 100, exact to 28 digits.
pub fn execution_rate(evaluation: &Evaluation) -> Option<Decimal> {
    let budget = &evaluation.budget;
    rate(budget.executed?, budget.full_year?)
}

/// `part ÷ whole × 100`, `None` for a whole of zero.
pub fn rate(part: Amount, whole: Amount) -> Option<Decimal> {
    if whole.0.is_zero() {
        return None;
    }
    part.0
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(whole.0)
}

/// A rate as pages and downloads show it: two decimals, half away from
/// zero, with `%` (`98.53%`). A rate is a ratio, not money, so rounding
/// it invents no figure; the figures it comes from are shown exactly.
pub fn rate_text(rate: Decimal) -> String {
    let rounded =
        rate.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{rounded:.2}%")
}

/// Matches each target row with at most one result row: first by 一级,
/// 二级 and 三级 names (rows of equal names pair in order), then, for rows
/// still unmatched on both sides, by 三级 name alone when it is unique
/// among the unmatched rows of both sides. Returns, per target row, the
/// result row and whether the levels differ. Hashed, so a form of 100,000
/// rows against a table of as many is linear, not quadratic.
fn match_rows(targets: &[Indicator], results: &[IndicatorResult]) -> Vec<Option<(usize, bool)>> {
    type Key = (String, String, String);
    let key = |l1: &str, l2: &str, name: &str| -> Key {
        (level_key(l1, 1), level_key(l2, 2), name_key(name))
    };
    let target_keys: Vec<Key> = targets
        .iter()
        .map(|t| key(&t.level1, &t.level2, &t.name))
        .collect();
    let result_keys: Vec<Key> = results
        .iter()
        .map(|r| key(&r.level1, &r.level2, &r.name))
        .collect();
    let mut by_key: HashMap<&Key, VecDeque<usize>> = HashMap::new();
    for (r, k) in result_keys.iter().enumerate() {
        by_key.entry(k).or_default().push_back(r);
    }
    let mut taken = vec![false; results.len()];
    let mut matched: Vec<Option<(usize, bool)>> = vec![None; targets.len()];
    for (t, k) in target_keys.iter().enumerate() {
        if let Some(r) = by_key.get_mut(k).and_then(VecDeque::pop_front) {
            taken[r] = true;
            matched[t] = Some((r, false));
        }
    }
    // The unmatched rows of each side, by 三级 name.
    let mut free_targets: HashMap<&str, Vec<usize>> = HashMap::new();
    for (t, k) in target_keys
        .iter()
        .enumerate()
        .filter(|(t, _)| matched[*t].is_none())
    {
        free_targets.entry(k.2.as_str()).or_default().push(t);
    }
    let mut free_results: HashMap<&str, Vec<usize>> = HashMap::new();
    for (r, k) in result_keys.iter().enumerate().filter(|(r, _)| !taken[*r]) {
        free_results.entry(k.2.as_str()).or_default().push(r);
    }
    for (name, ts) in &free_targets {
        if let (&[t], Some(&[r])) = (ts.as_slice(), free_results.get(name).map(Vec::as_slice)) {
            matched[t] = Some((r, true));
        }
    }
    matched
}

/// A level name as matched: the framework's canonical name when known.
fn level_key(text: &str, level: u8) -> String {
    let known = if level == 1 {
        framework::level1(text)
    } else {
        framework::level2(text)
    };
    known.map_or_else(|| name_key(text), |n| n.name.to_owned())
}

/// A name as matched: blanks dropped, full-width ASCII folded.
pub(crate) fn name_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Budget figures of many projects, kept apart: 全年预算数 and 全年执行数
/// are summed separately, never added together, in one unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BudgetTotals {
    /// The projects with an evaluation.
    pub evaluated: usize,
    /// Sum of 全年预算数 over projects giving both figures.
    pub full_year: Amount,
    /// Sum of 全年执行数 over the same projects.
    pub executed: Amount,
    /// Projects giving both figures.
    pub counted: usize,
}

impl BudgetTotals {
    /// The totals of `projects` in `unit`; `None` when a sum does not fit.
    pub fn of<'a>(
        projects: impl IntoIterator<Item = &'a Project>,
        site_unit: AmountUnit,
        unit: AmountUnit,
    ) -> Option<BudgetTotals> {
        let mut totals = BudgetTotals::default();
        let (mut full, mut done) = (Decimal::ZERO, Decimal::ZERO);
        for p in projects {
            let Some(e) = p.evaluation.as_deref() else {
                continue;
            };
            totals.evaluated += 1;
            let from = e.unit(p.unit(site_unit));
            let (Some(f), Some(x)) = (e.budget.full_year, e.budget.executed) else {
                continue;
            };
            full = crate::model::exact_add(full, f.convert(from, unit)?.0)?;
            done = crate::model::exact_add(done, x.convert(from, unit)?.0)?;
            totals.counted += 1;
        }
        totals.full_year = Amount(full);
        totals.executed = Amount(done);
        Some(totals)
    }

    /// The overall execution rate of the projects counted.
    pub fn rate(&self) -> Option<Decimal> {
        (self.counted > 0)
            .then(|| rate(self.executed, self.full_year))
            .flatten()
    }
}

#[cfg(test)]
mod tests;
