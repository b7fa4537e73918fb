//! The rows of the rule table for the 绩效自评 rules (issue 27): each case
//! is the clean project with a clean evaluation beside it, changed in one
//! place; every finding is expected in the evaluation file.

use gongkai::diagnostics::Severity::{Error, Info, Warning};

use super::harness::{Case, Input, fails, good, passes};

const FILE: &str = "content/100001/xiangmu.evaluation.yaml";

/// A clean evaluation of [`good`]: every row met, the 分值 add up to 100
/// with the 预算执行率's 10, the total is the sum of the scores.
const CLEAN: &str = "year: 2023
name: 测试项目
budget: {initial: \"1.00\", full_year: \"1.00\", executed: \"0.98\", weight: \"10\", score: \"10\"}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 宣传手册订制数, actual: 3000册, weight: \"15\", score: \"15\"}
  - {level1: 产出指标, level2: 质量指标, name: 宣传知晓率, actual: 88%, weight: \"15\", score: \"15\"}
  - {level1: 产出指标, level2: 时效指标, name: 宣传完成及时率, actual: 100%, weight: \"15\", score: \"15\"}
  - {level1: 产出指标, level2: 成本指标, name: 宣传手册单册成本, actual: 3元/册, weight: \"15\", score: \"15\"}
  - {level1: 效益指标, level2: 社会效益指标, name: 政策知晓率提高, actual: 90%, weight: \"15\", score: \"15\"}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 服务对象满意度, actual: 95%, weight: \"15\", score: \"15\"}
total_score: \"100\"
grade: 优
";

/// The clean project with `CLEAN`, `from` replaced by `to`, beside it.
fn with(from: &str, to: &str) -> Input {
    assert!(CLEAN.contains(from), "{from}");
    good().also(FILE, &CLEAN.replacen(from, to, 1))
}

/// Row `i`'s line in the evaluation file.
fn row_line(i: usize) -> usize {
    5 + i
}

pub(super) fn cases() -> Vec<Case> {
    let all = || -> &'static [&'static str] {
        &[
            "evaluation-score",
            "evaluation-weights",
            "evaluation-total",
            "evaluation-unmatched",
            "evaluation-levels",
            "evaluation-not-evaluated",
            "evaluation-deviation",
            "evaluation-overspent",
            "evaluation-actual-missing",
            "evaluation-conflict",
            "evaluation-target-differs",
            "evaluation-name",
        ]
    };
    vec![
        passes("evaluation-score", with("", "")).quiet(all()),
        fails(
            "evaluation-score",
            Warning,
            with("actual: 95%, weight: \"15\", score: \"15\"", "actual: 95%, weight: \"15\", score: \"16\""),
        )
        .file(FILE)
        .field("indicators[5].score")
        .line(row_line(5))
        .message(&["服务对象满意度", "16", "15"]),
        fails(
            "evaluation-weights",
            Warning,
            with("actual: 3000册, weight: \"15\"", "actual: 3000册, weight: \"20\""),
        )
        .file(FILE)
        .field("indicators")
        .message(&["105"]),
        fails("evaluation-total", Warning, with("total_score: \"100\"", "total_score: \"99\""))
            .file(FILE)
            .field("total_score")
            .message(&["99", "100"]),
        fails("evaluation-total", Warning, with("grade: 优", "grade: 良"))
            .file(FILE)
            .field("grade"),
        fails(
            "evaluation-unmatched",
            Warning,
            with("name: 服务对象满意度, actual", "name: 群众满意度, actual"),
        )
        .file(FILE)
        .field("indicators[5]")
        .line(row_line(5))
        .message(&["群众满意度"]),
        fails(
            "evaluation-levels",
            Info,
            with("level2: 数量指标, name: 宣传手册订制数", "level2: 质量指标, name: 宣传手册订制数"),
        )
        .file(FILE)
        .field("indicators[0]"),
        fails(
            "evaluation-not-evaluated",
            Warning,
            with(
                "  - {level1: 产出指标, level2: 时效指标, name: 宣传完成及时率, actual: 100%, weight: \"15\", score: \"15\"}\n",
                "",
            ),
        )
        .file(FILE)
        .message(&["宣传完成及时率"]),
        fails("evaluation-deviation", Warning, with("actual: 88%", "actual: 80%"))
            .file(FILE)
            .field("indicators[1]")
            .line(row_line(1)),
        passes(
            "evaluation-deviation",
            with("actual: 88%", "actual: 80%, deviation: 宣传覆盖不足"),
        ),
        fails("evaluation-overspent", Warning, with("executed: \"0.98\"", "executed: \"1.05\""))
            .file(FILE)
            .field("budget.executed")
            .message(&["105.00%"]),
        passes(
            "evaluation-overspent",
            with("executed: \"0.98\",", "executed: \"1.05\", note: 追加资金,"),
        ),
        fails("evaluation-actual-missing", Warning, with("actual: 88%", "actual: null"))
            .file(FILE)
            .field("indicators[1].actual"),
        fails(
            "evaluation-conflict",
            Error,
            with("actual: 88%", "actual: 88%, missing: unreadable"),
        )
        .file(FILE)
        .field("indicators[1].missing")
        .line(row_line(1)),
        fails(
            "evaluation-target-differs",
            Warning,
            with("name: 宣传知晓率, actual", "name: 宣传知晓率, target: \"≥80%\", actual"),
        )
        .file(FILE)
        .field("indicators[1].target")
        .message(&["≥80%", "≥85%"]),
        fails("evaluation-name", Warning, with("name: 测试项目", "name: 另一项目"))
            .file(FILE)
            .field("name")
            .line(2),
    ]
}
