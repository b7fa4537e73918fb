//! The rules on a project's 绩效自评: its scores, its totals, its rows
//! against the target table, and what a reader is owed an explanation for.
//!
//! Every finding is about the evaluation file, so it names that file and
//! its field. They are warnings, except where the file contradicts itself
//! (`missing:` on a row that has a value, a negative figure): the 自评表
//! was approved and filed as it is, and a score above its 分值 or a total
//! that disagrees is something to correct in the source, not a reason to
//! withhold the rest of the disclosure; `--deny-warnings` makes CI strict.
//! What a row means (which target it matches, whether it was met) comes
//! from [`crate::indicator::results`], which the pages and downloads read
//! too, so a row flagged here is the row the reader sees marked.

use rust_decimal::Decimal;

use crate::check::{Context, Findings};
use crate::indicator::results::{Assessment, Grade, Mark, rate_text, restated_target};
use crate::model::evaluation::STANDARD_BUDGET_WEIGHT;
use crate::model::{Evaluation, Project};

/// The evaluation and its assessment, when the project has one.
fn evaluated<'a>(
    project: &'a Project,
    cx: &'a Context,
) -> Option<(&'a Evaluation, &'a Assessment)> {
    Some((project.evaluation.as_deref()?, cx.assessment.as_ref()?))
}

fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

/// `evaluation-score`: a 得分 above its 分值.
pub(super) fn score_above_weight(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, _)) = evaluated(project, cx) else {
        return;
    };
    let budget_weight = e
        .budget
        .weight
        .map_or(Decimal::from(STANDARD_BUDGET_WEIGHT), |w| w.0);
    if let Some(score) = e.budget.score.filter(|s| s.0 > budget_weight) {
        out.report_in(
            &e.source,
            "budget.score",
            crate::t!(
                "evaluation-score",
                name = "预算执行率",
                score = score,
                weight = budget_weight
            ),
            crate::t!("evaluation-score-help"),
        );
    }
    for (i, row) in e.indicators.iter().enumerate() {
        let (Some(score), Some(weight)) = (row.score, row.weight) else {
            continue;
        };
        if score.0 > weight.0 {
            out.report_in(
                &e.source,
                format!("indicators[{i}].score"),
                crate::t!(
                    "evaluation-score",
                    name = row.name.as_str(),
                    score = score,
                    weight = weight
                ),
                crate::t!("evaluation-score-help"),
            );
        }
    }
}

/// `evaluation-weights`: the 分值 do not add up to 100, counting the
/// standard 10 of 预算执行率 when the form does not state it.
pub(super) fn weight_sum(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    let Some(sum) = a.weight_sum else { return };
    if sum != Decimal::ONE_HUNDRED {
        out.report_in(
            &e.source,
            "indicators",
            crate::t!("evaluation-weights", sum = sum.normalize()),
            crate::t!("evaluation-weights-help", standard = STANDARD_BUDGET_WEIGHT),
        );
    }
}

/// `evaluation-total`: the written 总分 differs from the sum of the
/// scores, or the written 等级 from the total's band.
pub(super) fn total(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    if let (Some(written), Some(computed)) = (e.total_score, a.computed_total)
        && written.0 != computed
    {
        out.report_in(
            &e.source,
            "total_score",
            crate::t!(
                "evaluation-total",
                written = written,
                computed = computed.normalize()
            ),
            crate::t!("evaluation-total-help"),
        );
    }
    let total = e.total_score.map(|w| w.0).or(a.computed_total);
    if let (Some(grade), Some(total)) = (e.grade.as_deref(), total) {
        let band = Grade::of(total);
        if Grade::read(grade) != Some(band) {
            out.report_in(
                &e.source,
                "grade",
                crate::t!(
                    "evaluation-grade",
                    grade = grade,
                    total = total.normalize(),
                    band = band.name()
                ),
                crate::t!("evaluation-grade-help"),
            );
        }
    }
}

/// `evaluation-unmatched`: a row of the 自评表 that matches no row of the
/// target table. It is shown in a table of its own and kept in the
/// downloads; the warning asks for the name to be made to match.
pub(super) fn unmatched(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    for r in a.unmatched().filter_map(|p| p.result) {
        let row = &e.indicators[r];
        out.report_in(
            &e.source,
            format!("indicators[{r}]"),
            crate::t!(
                "evaluation-unmatched",
                level1 = &*row.level1,
                level2 = &*row.level2,
                name = row.name.as_str()
            ),
            crate::t!(
                "evaluation-unmatched-help",
                project = project.source.display()
            ),
        );
    }
}

/// `evaluation-levels`: a row joined with its target by its 三级 name alone,
/// because the 一级 or 二级 names differ.
pub(super) fn levels_differ(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    for pair in a.pairs.iter().filter(|p| p.levels_differ) {
        let (Some(t), Some(r)) = (pair.target, pair.result) else {
            continue;
        };
        let (target, row) = (&project.indicators[t], &e.indicators[r]);
        out.report_in(
            &e.source,
            format!("indicators[{r}]"),
            crate::t!(
                "evaluation-levels",
                name = row.name.as_str(),
                levels = format!("{} › {}", row.level1, row.level2),
                target = format!("{} › {}", target.level1, target.level2)
            ),
            crate::t!("evaluation-levels-help"),
        );
    }
}

/// `evaluation-not-evaluated`: a target the 自评表 does not report on.
pub(super) fn not_evaluated(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    for t in a
        .pairs
        .iter()
        .filter(|p| p.result.is_none())
        .filter_map(|p| p.target)
    {
        out.report_in(
            &e.source,
            "indicators",
            crate::t!(
                "evaluation-not-evaluated",
                name = project.indicators[t].name.as_str()
            ),
            crate::t!("evaluation-not-evaluated-help"),
        );
    }
}

/// `evaluation-deviation`: a row marked 未达成 with no 偏差原因.
pub(super) fn missed_without_reason(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    for pair in a.pairs.iter().filter(|p| p.mark == Mark::Missed) {
        let Some(r) = pair.result else { continue };
        let row = &e.indicators[r];
        if blank(row.deviation.as_deref()) {
            out.report_in(
                &e.source,
                format!("indicators[{r}]"),
                crate::t!(
                    "evaluation-deviation",
                    name = row.name.as_str(),
                    actual = row.actual.as_deref().unwrap_or_default()
                ),
                crate::t!("evaluation-deviation-help"),
            );
        }
    }
}

/// `evaluation-overspent`: an execution rate above 100% with no
/// `budget.note` saying why.
pub(super) fn overspent(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    let Some(rate) = a.execution_rate else { return };
    if rate > Decimal::ONE_HUNDRED && blank(e.budget.note.as_deref()) {
        out.report_in(
            &e.source,
            "budget.executed",
            crate::t!("evaluation-overspent", rate = rate_text(rate)),
            crate::t!("evaluation-overspent-help"),
        );
    }
}

/// `evaluation-actual-missing`: a row with no 实际完成值 (null or empty).
pub(super) fn actual_missing(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, _)) = evaluated(project, cx) else {
        return;
    };
    for (i, row) in e.indicators.iter().enumerate() {
        if blank(row.actual.as_deref()) {
            out.report_in(
                &e.source,
                format!("indicators[{i}].actual"),
                crate::t!("evaluation-actual-missing", name = row.name.as_str()),
                crate::t!("evaluation-actual-missing-help"),
            );
        }
    }
}

/// `evaluation-conflict`: the file contradicts itself, so the page cannot
/// show it faithfully: `missing:` on a row whose value is given, or a
/// negative budget figure or score.
pub(super) fn conflict(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, _)) = evaluated(project, cx) else {
        return;
    };
    for (i, row) in e.indicators.iter().enumerate() {
        if let (Some(actual), Some(_)) = (&row.actual, row.missing) {
            out.report_in(
                &e.source,
                format!("indicators[{i}].missing"),
                crate::t!("evaluation-missing-conflict", actual = actual.as_str()),
                crate::t!("evaluation-missing-conflict-help"),
            );
        }
        for (field, figure) in [("weight", row.weight), ("score", row.score)] {
            if figure.is_some_and(|w| w.0.is_sign_negative()) {
                out.report_in(
                    &e.source,
                    format!("indicators[{i}].{field}"),
                    crate::t!("evaluation-negative", field = field),
                    crate::t!("evaluation-negative-help"),
                );
            }
        }
    }
    let b = &e.budget;
    for (field, figure) in [
        ("budget.initial", b.initial),
        ("budget.full_year", b.full_year),
        ("budget.executed", b.executed),
    ] {
        if figure.is_some_and(|a| a.0.is_sign_negative()) {
            out.report_in(
                &e.source,
                field,
                crate::t!("evaluation-negative", field = field),
                crate::t!("evaluation-negative-help"),
            );
        }
    }
}

/// `evaluation-target-differs`: the 自评表 restates a target other than the
/// target table's. The row is judged against the target table (the
/// promise), and the page shows both.
pub(super) fn target_differs(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, a)) = evaluated(project, cx) else {
        return;
    };
    for pair in &a.pairs {
        let (Some(t), Some(r)) = (pair.target, pair.result) else {
            continue;
        };
        let target = &project.indicators[t];
        let Some(promised) = target.value.as_deref() else {
            continue;
        };
        if let Some(restated) = restated_target(Some(target), &e.indicators[r]) {
            out.report_in(
                &e.source,
                format!("indicators[{r}].target"),
                crate::t!(
                    "evaluation-target-differs",
                    name = e.indicators[r].name.as_str(),
                    restated = restated,
                    promised = promised
                ),
                crate::t!("evaluation-target-differs-help"),
            );
        }
    }
}

/// `evaluation-name`: the 自评表 names the project otherwise than its
/// target table (the pairing is by file name, so a wrong pairing shows
/// here first).
pub(super) fn name_differs(project: &Project, cx: &Context, out: &mut Findings) {
    let Some((e, _)) = evaluated(project, cx) else {
        return;
    };
    let Some(name) = e.name.as_deref() else {
        return;
    };
    let squeeze = |s: &str| crate::indicator::results::name_key(s);
    if squeeze(name) != squeeze(&project.name) {
        out.report_in(
            &e.source,
            "name",
            crate::t!(
                "evaluation-name",
                name = name,
                project = project.name.as_str()
            ),
            crate::t!("evaluation-name-help"),
        );
    }
}

#[cfg(test)]
mod tests;
