use super::*;
use crate::model::{Evaluation, Project};

fn project(targets: &str, evaluation: &str) -> Project {
    let mut p: Project = crate::yaml::from_str(&format!(
        "{{year: 2023, name: p, amount: '10', goals: [g], indicators: [{targets}]}}"
    ))
    .unwrap();
    let e: Evaluation = crate::yaml::from_str(evaluation).unwrap();
    p.evaluation = Some(std::sync::Arc::new(e));
    p
}

const TARGETS: &str = "{level1: 产出指标, level2: 数量指标, name: 培训次数, value: 3次},
    {level1: 产出指标, level2: 成本指标, name: 人均成本, value: ≤200元/人},
    {level1: 满意度指标, level2: 服务对象满意度指标, name: 群众满意度, value: ≥90%},
    {level1: 效益指标, level2: 社会效益指标, name: 知晓率, value: 提高}";

#[test]
fn rows_match_by_levels_and_name_and_are_judged() {
    let p = project(
        TARGETS,
        "year: 2023
budget: {initial: '10', full_year: '12', executed: '12.6', weight: '10', score: '10'}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训次数, actual: 3次, weight: '30', score: '30'}
  - {level1: 产出指标, level2: 成本指标, name: 人均成本, actual: 215元/人, weight: '20', score: '15', deviation: 物价上涨}
  - {level1: 满意度指标, level2: 服务对象满意度, name: 群众满意度, actual: 93%, weight: '20', score: '20'}
  - {level1: 效益指标, level2: 经济效益指标, name: 就业人数, actual: 12人, weight: '20', score: '18'}
total_score: '93'
",
    );
    let a = Assessment::of(&p).unwrap();
    let marks: Vec<(Option<usize>, Option<usize>, Mark)> = a
        .pairs
        .iter()
        .map(|x| (x.target, x.result, x.mark))
        .collect();
    assert_eq!(
        marks,
        [
            (Some(0), Some(0), Mark::Met),
            (Some(1), Some(1), Mark::Missed),
            (Some(2), Some(2), Mark::Met),
            (Some(3), None, Mark::NotComparable(Why::NotEvaluated)),
            (None, Some(3), Mark::NotComparable(Why::NoTarget)),
        ]
    );
    assert_eq!(a.unmatched().count(), 1);
    assert_eq!(
        a.counts,
        Counts {
            met: 2,
            missed: 1,
            not_comparable: 1
        }
    );
    assert_eq!(a.execution_rate, Some(Decimal::new(105, 0)));
    assert_eq!(rate_text(a.execution_rate.unwrap()), "105.00%");
    assert_eq!(a.computed_total, Some(Decimal::from(93)));
    assert_eq!(a.weight_sum, Some(Decimal::from(100)));
    assert_eq!(a.grade, Some(Grade::Excellent));
}

#[test]
fn a_row_with_other_levels_is_joined_by_a_unique_name_and_flagged() {
    let p = project(
        TARGETS,
        "year: 2023\nindicators:\n  - {level1: 产出指标, level2: 质量指标, name: 培训 次数, actual: 2次}\n",
    );
    let a = Assessment::of(&p).unwrap();
    assert_eq!(a.pairs[0].result, Some(0));
    assert!(a.pairs[0].levels_differ);
    assert_eq!(a.pairs[0].mark, Mark::Missed);
    assert_eq!(a.weight_sum, None);
    assert_eq!(a.total, None);
}

#[test]
fn grades_follow_the_standard_bands() {
    let g = |s: &str| Grade::of(s.parse().unwrap());
    assert_eq!(g("90"), Grade::Excellent);
    assert_eq!(g("89.99"), Grade::Good);
    assert_eq!(g("80"), Grade::Good);
    assert_eq!(g("79.9"), Grade::Fair);
    assert_eq!(g("60"), Grade::Fair);
    assert_eq!(g("59.5"), Grade::Poor);
    assert_eq!(Grade::read("良好"), Some(Grade::Good));
    assert_eq!(Grade::read("A"), None);
}

#[test]
fn the_rate_is_computed_exactly_and_never_from_zero() {
    let r = rate(Amount("2".parse().unwrap()), Amount("3".parse().unwrap())).unwrap();
    assert_eq!(rate_text(r), "66.67%");
    assert_eq!(rate(Amount::ZERO, Amount::ZERO), None);
    let half = rate(
        Amount("0.125".parse().unwrap()),
        Amount("1".parse().unwrap()),
    )
    .unwrap();
    assert_eq!(rate_text(half), "12.50%");
}

#[test]
fn budget_totals_are_kept_apart_and_converted() {
    let mut a = project(
        TARGETS,
        "year: 2023\nbudget: {full_year: '10', executed: '9'}\n",
    );
    a.amount_unit = Some(AmountUnit::Wan);
    let b = project(
        TARGETS,
        "year: 2023\namount_unit: 元\nbudget: {full_year: '50000', executed: '50000'}\n",
    );
    let c = project(TARGETS, "year: 2023\nbudget: {executed: '1'}\n");
    let t = BudgetTotals::of([&a, &b, &c], AmountUnit::Wan, AmountUnit::Wan).unwrap();
    assert_eq!((t.evaluated, t.counted), (3, 2));
    assert_eq!(t.full_year.to_string(), "15.00");
    assert_eq!(t.executed.to_string(), "14.00");
    assert_eq!(rate_text(t.rate().unwrap()), "93.33%");
}

#[test]
fn a_hundred_thousand_rows_match_in_linear_time() {
    let n = 100_000;
    let targets: Vec<Indicator> = (0..n)
        .map(|i| Indicator::new("产出指标", "数量指标", &format!("指标{i}"), Some("≥1次")))
        .collect();
    let mut e: Evaluation = crate::yaml::from_str("year: 2023").unwrap();
    e.indicators = (0..n)
        .rev()
        .map(|i| IndicatorResult {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: format!("指标{i}"),
            target: None,
            actual: Some("2次".into()),
            missing: None,
            weight: None,
            score: None,
            deviation: None,
        })
        .collect();
    let a = assess(&targets, &e);
    assert_eq!(a.counts.met, n);
    assert_eq!(a.pairs[0].result, Some(n - 1));
}
