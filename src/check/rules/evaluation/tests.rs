use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Evaluation, Project, Site};

const TARGETS: &str = "[
    {level1: 产出指标, level2: 数量指标, name: 培训次数, value: 3次},
    {level1: 产出指标, level2: 成本指标, name: 人均成本, value: ≤200元/人},
    {level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, value: ≥90%}]";

/// The findings of `rule` on a project with `TARGETS` and `evaluation`.
fn findings(rule: &str, evaluation: &str) -> Vec<Diagnostic> {
    let mut project: Project = crate::yaml::from_str(&format!(
        "{{year: 2023, name: 培训项目, amount: '10', goals: [g], indicators: {TARGETS}}}"
    ))
    .unwrap();
    project.source = "content/1/p.yaml".into();
    let mut e: Evaluation = crate::yaml::from_str(evaluation).unwrap();
    e.source = "content/1/p.evaluation.yaml".into();
    project.evaluation = Some(Arc::new(e));
    let site = Site::of_projects(Config::new("t"), vec![Arc::new(project)]);
    crate::check::check_site(&site, Severity::Info)
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

fn fields(rule: &str, evaluation: &str) -> Vec<String> {
    findings(rule, evaluation)
        .into_iter()
        .map(|d| {
            assert_eq!(d.file, std::path::Path::new("content/1/p.evaluation.yaml"));
            d.field.unwrap_or_default()
        })
        .collect()
}

/// A clean evaluation: every row met, weights 100, total right.
const CLEAN: &str = "year: 2023
name: 培训项目
budget: {full_year: '10', executed: '9.8', weight: '10', score: '9.8'}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训次数, actual: 3次, weight: '30', score: '30'}
  - {level1: 产出指标, level2: 成本指标, name: 人均成本, actual: 190元/人, weight: '30', score: '30'}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, actual: 95%, weight: '30', score: '30'}
total_score: '99.8'
grade: 优
";

#[test]
fn a_clean_evaluation_has_no_findings() {
    let all: Vec<String> = crate::check::rules::ALL
        .iter()
        .filter(|r| r.id.starts_with("evaluation-"))
        .flat_map(|r| findings(r.id, CLEAN))
        .map(|d| d.message)
        .collect();
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn a_score_above_its_weight() {
    let e = CLEAN.replace(
        "actual: 95%, weight: '30', score: '30'",
        "actual: 95%, weight: '30', score: '31'",
    );
    assert_eq!(fields("evaluation-score", &e), ["indicators[2].score"]);
    let e = CLEAN.replace("weight: '10', score: '9.8'", "score: '12'");
    assert_eq!(fields("evaluation-score", &e), ["budget.score"]);
}

#[test]
fn weights_that_do_not_make_100() {
    let e = CLEAN.replace(
        "name: 培训次数, actual: 3次, weight: '30'",
        "name: 培训次数, actual: 3次, weight: '25'",
    );
    let found = findings("evaluation-weights", &e);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("95"), "{}", found[0].message);
    // The standard 10 of 预算执行率 counts when the form does not state it.
    let e = CLEAN.replace("weight: '10', score: '9.8'", "score: '9.8'");
    assert!(findings("evaluation-weights", &e).is_empty());
}

#[test]
fn a_total_or_grade_that_disagrees() {
    let e = CLEAN.replace("total_score: '99.8'", "total_score: '98'");
    assert_eq!(fields("evaluation-total", &e), ["total_score"]);
    let e = CLEAN.replace("grade: 优", "grade: 良");
    assert_eq!(fields("evaluation-total", &e), ["grade"]);
}

#[test]
fn an_unmatched_row_and_a_target_without_result() {
    let e = CLEAN.replace("name: 满意度, actual", "name: 群众满意度, actual");
    assert_eq!(fields("evaluation-unmatched", &e), ["indicators[2]"]);
    let found = findings("evaluation-not-evaluated", &e);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("满意度"));
}

#[test]
fn a_row_joined_by_name_alone() {
    let e = CLEAN.replace(
        "level2: 数量指标, name: 培训次数",
        "level2: 质量指标, name: 培训次数",
    );
    assert_eq!(fields("evaluation-levels", &e), ["indicators[0]"]);
    assert!(findings("evaluation-unmatched", &e).is_empty());
}

#[test]
fn a_missed_row_needs_its_reason() {
    let e = CLEAN.replace("actual: 190元/人", "actual: 215元/人");
    assert_eq!(fields("evaluation-deviation", &e), ["indicators[1]"]);
    let e = CLEAN.replace("actual: 190元/人", "actual: 215元/人, deviation: 物价上涨");
    assert!(fields("evaluation-deviation", &e).is_empty());
}

#[test]
fn overspending_needs_an_explanation() {
    let e = CLEAN.replace("executed: '9.8'", "executed: '10.5'");
    let found = findings("evaluation-overspent", &e);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("105.00%"), "{}", found[0].message);
    let e = CLEAN.replace("executed: '9.8'", "executed: '10.5', note: 追加资金");
    assert!(findings("evaluation-overspent", &e).is_empty());
}

#[test]
fn missing_values_and_contradictions() {
    let e = CLEAN.replace("actual: 3次", "actual: null");
    assert_eq!(
        fields("evaluation-actual-missing", &e),
        ["indicators[0].actual"]
    );
    let e = CLEAN.replace("actual: 3次", "actual: 3次, missing: blank");
    let found = findings("evaluation-conflict", &e);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].field.as_deref(), Some("indicators[0].missing"));
    let e = CLEAN.replace("executed: '9.8'", "executed: '-1'");
    assert_eq!(fields("evaluation-conflict", &e), ["budget.executed"]);
}

#[test]
fn a_restated_target_and_another_name() {
    let e = CLEAN.replace(
        "name: 培训次数, actual",
        "name: 培训次数, target: 4次, actual",
    );
    assert_eq!(
        fields("evaluation-target-differs", &e),
        ["indicators[0].target"]
    );
    let e = CLEAN.replace(
        "name: 培训次数, actual",
        "name: 培训次数, target: ３次, actual",
    );
    assert!(fields("evaluation-target-differs", &e).is_empty());
    let e = CLEAN.replace("name: 培训项目", "name: 另一个项目");
    assert_eq!(fields("evaluation-name", &e), ["name"]);
}
