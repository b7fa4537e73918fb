//! The registry of every check, in the order findings are listed.
//!
//! Errors are kept for content that cannot be read or shown faithfully (a
//! file that contradicts itself, a negative amount). Every rule that judges
//! the source table itself is a warning or a note by default: the approved
//! table must be publishable as it is, and `--deny-warnings` stays strict
//! for CI.
//!
//! To add a rule: write a `fn(&Project, &Context, &mut Findings)` in the
//! module of its topic, give it an entry here with a stable kebab-case id,
//! and add a test with a passing and a failing case. Ids are part of the
//! public interface (users switch rules off by id), so never rename one.
//! A rule that compares a project with the rest of its department also
//! goes in [`PEER_RULES`]: only those rules are given the peers, and only
//! their findings are worked out again for the whole department when one
//! of its projects changes (see [`crate::check::cache`]).

mod basics;
mod consistency;
mod costs;
mod evaluation;
mod formula_like;
mod framework_rules;
mod plausibility;
mod privacy;
pub(crate) mod review;
mod revisions;
mod values;

use super::Rule;
use crate::diagnostics::Severity;

/// The rules that read [`Context::peers`](crate::check::Context::peers),
/// the other projects of the department. Every other rule is given no
/// peers, so a rule that starts reading them without being listed here
/// sees none, and its own tests fail, instead of its findings silently
/// going stale when a neighbour is edited under `serve`.
pub(crate) static PEER_RULES: &[&str] = &["amount-unit"];

/// Every rule, in the order `gongkai check --list-rules` prints them. A new rule is one entry
/// here and one function in a sibling module.
pub static ALL: &[Rule] = &[
    Rule {
        id: "required-text",
        default_severity: Severity::Error,
        summary: "name, goals, indicators and their levels must not be empty",
        check: basics::required_text,
    },
    Rule {
        id: "year-range",
        default_severity: Severity::Error,
        summary: "the budget year must be a plausible four-digit year",
        check: basics::year_range,
    },
    Rule {
        id: "amount-sign",
        default_severity: Severity::Error,
        summary: "no figure (amount, funding source or part) may be negative",
        check: basics::amount_sign,
    },
    Rule {
        id: "amount-precision",
        default_severity: Severity::Error,
        summary: "no figure may be finer than one 分 (more than 2 decimals in 元, 6 in 万元)",
        check: basics::amount_precision,
    },
    Rule {
        id: "funding-sum",
        default_severity: Severity::Error,
        summary: "the funding sources add up to the amount, and each source's parts to the source",
        check: basics::funding_sum,
    },
    Rule {
        id: "value-missing",
        default_severity: Severity::Warning,
        summary: "an indicator value is null (未填报 or 原件无法辨认) or empty",
        check: basics::value_missing,
    },
    Rule {
        id: "missing-conflict",
        default_severity: Severity::Error,
        summary: "`missing:` is set on a row whose value is given",
        check: basics::missing_conflict,
    },
    Rule {
        id: "framework-pair",
        default_severity: Severity::Warning,
        summary: "the 一级/二级 pair should exist in the indicator framework (2015, 2021 or the older template)",
        check: framework_rules::framework_pair,
    },
    Rule {
        id: "framework-mixed",
        default_severity: Severity::Warning,
        summary: "the rows follow more than one framework; names the nearest",
        check: framework_rules::framework_mixed,
    },
    Rule {
        id: "framework-synonym",
        default_severity: Severity::Info,
        summary: "a variant name such as 社会效益 is read as its canonical name 社会效益指标",
        check: framework_rules::framework_synonym,
    },
    Rule {
        id: "missing-output-or-benefit",
        default_severity: Severity::Warning,
        summary: "a project should have 产出指标 and 效益指标 rows",
        check: framework_rules::missing_output_or_benefit,
    },
    Rule {
        id: "missing-satisfaction",
        default_severity: Severity::Warning,
        summary: "a project should have 满意度指标 rows",
        check: framework_rules::missing_satisfaction,
    },
    Rule {
        id: "value-ocr",
        default_severity: Severity::Warning,
        summary: "a value was read only after correcting likely OCR slips (二 for =, 〉 for >)",
        check: values::value_ocr,
    },
    Rule {
        id: "value-normalised",
        default_severity: Severity::Info,
        summary: "a value in full-width or two-character forms (＞＝９０％, >=) is read in its usual form",
        check: values::value_normalised,
    },
    Rule {
        id: "value-unreadable",
        default_severity: Severity::Warning,
        summary: "a value with digits does not read as comparator, number and unit",
        check: values::value_unreadable,
    },
    Rule {
        id: "qualitative-target",
        default_severity: Severity::Warning,
        summary: "数量, 质量, 时效, 成本 and 满意度 values must be measurable, not 提高/保障/完善",
        check: values::qualitative_target,
    },
    Rule {
        id: "qualitative-benefit",
        default_severity: Severity::Info,
        summary: "a qualitative 效益 value is allowed but better quantified",
        check: values::qualitative_benefit,
    },
    Rule {
        id: "percent-range",
        default_severity: Severity::Warning,
        summary: "a percentage should lie between 0% and 100%",
        check: values::percent_range,
    },
    Rule {
        id: "satisfaction-floor",
        default_severity: Severity::Warning,
        summary: "a 满意度 target must be at least satisfaction_floor (default 85%)",
        check: values::satisfaction_floor,
    },
    Rule {
        id: "cost-unit",
        default_severity: Severity::Warning,
        summary: "a cost indicator needs a money unit (元, 万元, 元/人, 元/册 …)",
        check: costs::cost_unit,
    },
    Rule {
        id: "cost-exceeds-amount",
        default_severity: Severity::Warning,
        summary: "a total-cost indicator should not exceed the project amount",
        check: costs::cost_exceeds_amount,
    },
    Rule {
        id: "unit-costs-exceed-amount",
        default_severity: Severity::Warning,
        summary: "unit costs times their matched quantities should not exceed the amount",
        check: costs::unit_costs_exceed_amount,
    },
    Rule {
        id: "costs-reconcile",
        default_severity: Severity::Info,
        summary: "unit costs times their matched quantities equal the amount exactly",
        check: costs::costs_reconcile,
    },
    Rule {
        id: "year-mismatch",
        default_severity: Severity::Warning,
        summary: "a year mentioned in an indicator differs from the budget year",
        check: consistency::year_mismatch,
    },
    Rule {
        id: "duplicate-indicator",
        default_severity: Severity::Warning,
        summary: "an indicator name appears twice in one project",
        check: consistency::duplicate_indicator,
    },
    Rule {
        id: "duplicate-goal",
        default_severity: Severity::Warning,
        summary: "a goal appears twice in one project",
        check: consistency::duplicate_goal,
    },
    Rule {
        id: "amount-unit",
        default_severity: Severity::Warning,
        summary: "an amount in 万元 is implausibly large (> 100000 万元, or ≥ 1000× the department's median): probably 元",
        check: plausibility::amount_unit,
    },
    Rule {
        id: "period-year",
        default_severity: Severity::Warning,
        summary: "the budget year lies outside the years of `period`",
        check: plausibility::period_year,
    },
    Rule {
        id: "value-stray-unit",
        default_severity: Severity::Warning,
        summary: "a value has a doubled or stray unit character (%%, &, 36听)",
        check: plausibility::value_stray_unit,
    },
    Rule {
        id: "satisfaction-percent",
        default_severity: Severity::Warning,
        summary: "a 满意度 target is a bare number without %",
        check: plausibility::satisfaction_percent,
    },
    Rule {
        id: "personal-data",
        default_severity: Severity::Warning,
        summary: "a mobile number or resident ID would be published",
        check: privacy::personal_data,
    },
    Rule {
        id: "formula-like-text",
        default_severity: Severity::Warning,
        summary: "published text starts like a spreadsheet formula (=HYPERLINK(, +cmd, @SUM(); =100% is a value, not a formula",
        check: formula_like::formula_like_text,
    },
    Rule {
        id: "evaluation-score",
        default_severity: Severity::Warning,
        summary: "a 得分 of the 绩效自评 is above its 分值",
        check: evaluation::score_above_weight,
    },
    Rule {
        id: "evaluation-weights",
        default_severity: Severity::Warning,
        summary: "the 分值 of the 绩效自评 add up to 100, counting 10 for 预算执行率 when unstated",
        check: evaluation::weight_sum,
    },
    Rule {
        id: "evaluation-total",
        default_severity: Severity::Warning,
        summary: "the 总分 of the 绩效自评 agrees with its rows, and the 等级 with the total's band",
        check: evaluation::total,
    },
    Rule {
        id: "evaluation-unmatched",
        default_severity: Severity::Warning,
        summary: "a 绩效自评 row matches no row of the target table by 一级, 二级 and 三级 name",
        check: evaluation::unmatched,
    },
    Rule {
        id: "evaluation-levels",
        default_severity: Severity::Info,
        summary: "a 绩效自评 row was matched by its 三级 name alone: its 一级 or 二级 differs",
        check: evaluation::levels_differ,
    },
    Rule {
        id: "evaluation-not-evaluated",
        default_severity: Severity::Warning,
        summary: "a target of the target table has no row in the 绩效自评",
        check: evaluation::not_evaluated,
    },
    Rule {
        id: "evaluation-deviation",
        default_severity: Severity::Warning,
        summary: "a 未达成 row of the 绩效自评 gives no 偏差原因",
        check: evaluation::missed_without_reason,
    },
    Rule {
        id: "evaluation-overspent",
        default_severity: Severity::Warning,
        summary: "an execution rate above 100% needs `budget.note` saying why",
        check: evaluation::overspent,
    },
    Rule {
        id: "evaluation-actual-missing",
        default_severity: Severity::Warning,
        summary: "a 绩效自评 row has no 实际完成值 (null or empty)",
        check: evaluation::actual_missing,
    },
    Rule {
        id: "evaluation-conflict",
        default_severity: Severity::Error,
        summary: "the 绩效自评 contradicts itself: `missing:` beside a value, or a negative figure",
        check: evaluation::conflict,
    },
    Rule {
        id: "evaluation-target-differs",
        default_severity: Severity::Warning,
        summary: "the 绩效自评 restates a target other than the target table's",
        check: evaluation::target_differs,
    },
    Rule {
        id: "evaluation-name",
        default_severity: Severity::Warning,
        summary: "the 绩效自评 names the project otherwise than its target table",
        check: evaluation::name_differs,
    },
    Rule {
        id: "review-pending",
        default_severity: Severity::Warning,
        summary: "a `# 待核对` comment left by import is still in the file: a guess no one has reviewed",
        check: review::review_pending,
    },
    Rule {
        id: "revision-basis",
        default_severity: Severity::Warning,
        summary: "a 调整 revision must name its basis (the approval's 文号 or date)",
        check: revisions::revision_basis,
    },
];
