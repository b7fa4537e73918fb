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
        check: basics::required_text,
    },
    Rule {
        id: "year-range",
        default_severity: Severity::Error,
        check: basics::year_range,
    },
    Rule {
        id: "amount-sign",
        default_severity: Severity::Error,
        check: basics::amount_sign,
    },
    Rule {
        id: "amount-precision",
        default_severity: Severity::Error,
        check: basics::amount_precision,
    },
    Rule {
        id: "funding-sum",
        default_severity: Severity::Error,
        check: basics::funding_sum,
    },
    Rule {
        id: "value-missing",
        default_severity: Severity::Warning,
        check: basics::value_missing,
    },
    Rule {
        id: "missing-conflict",
        default_severity: Severity::Error,
        check: basics::missing_conflict,
    },
    Rule {
        id: "framework-pair",
        default_severity: Severity::Warning,
        check: framework_rules::framework_pair,
    },
    Rule {
        id: "framework-mixed",
        default_severity: Severity::Warning,
        check: framework_rules::framework_mixed,
    },
    Rule {
        id: "framework-synonym",
        default_severity: Severity::Info,
        check: framework_rules::framework_synonym,
    },
    Rule {
        id: "missing-output-or-benefit",
        default_severity: Severity::Warning,
        check: framework_rules::missing_output_or_benefit,
    },
    Rule {
        id: "missing-satisfaction",
        default_severity: Severity::Warning,
        check: framework_rules::missing_satisfaction,
    },
    Rule {
        id: "value-ocr",
        default_severity: Severity::Warning,
        check: values::value_ocr,
    },
    Rule {
        id: "value-normalised",
        default_severity: Severity::Info,
        check: values::value_normalised,
    },
    Rule {
        id: "value-unreadable",
        default_severity: Severity::Warning,
        check: values::value_unreadable,
    },
    Rule {
        id: "qualitative-target",
        default_severity: Severity::Warning,
        check: values::qualitative_target,
    },
    Rule {
        id: "qualitative-benefit",
        default_severity: Severity::Info,
        check: values::qualitative_benefit,
    },
    Rule {
        id: "percent-range",
        default_severity: Severity::Warning,
        check: values::percent_range,
    },
    Rule {
        id: "satisfaction-floor",
        default_severity: Severity::Warning,
        check: values::satisfaction_floor,
    },
    Rule {
        id: "cost-unit",
        default_severity: Severity::Warning,
        check: costs::cost_unit,
    },
    Rule {
        id: "cost-exceeds-amount",
        default_severity: Severity::Warning,
        check: costs::cost_exceeds_amount,
    },
    Rule {
        id: "unit-costs-exceed-amount",
        default_severity: Severity::Warning,
        check: costs::unit_costs_exceed_amount,
    },
    Rule {
        id: "costs-reconcile",
        default_severity: Severity::Info,
        check: costs::costs_reconcile,
    },
    Rule {
        id: "year-mismatch",
        default_severity: Severity::Warning,
        check: consistency::year_mismatch,
    },
    Rule {
        id: "duplicate-indicator",
        default_severity: Severity::Warning,
        check: consistency::duplicate_indicator,
    },
    Rule {
        id: "duplicate-goal",
        default_severity: Severity::Warning,
        check: consistency::duplicate_goal,
    },
    Rule {
        id: "amount-unit",
        default_severity: Severity::Warning,
        check: plausibility::amount_unit,
    },
    Rule {
        id: "period-year",
        default_severity: Severity::Warning,
        check: plausibility::period_year,
    },
    Rule {
        id: "value-stray-unit",
        default_severity: Severity::Warning,
        check: plausibility::value_stray_unit,
    },
    Rule {
        id: "satisfaction-percent",
        default_severity: Severity::Warning,
        check: plausibility::satisfaction_percent,
    },
    Rule {
        id: "personal-data",
        default_severity: Severity::Warning,
        check: privacy::personal_data,
    },
    Rule {
        id: "formula-like-text",
        default_severity: Severity::Warning,
        check: formula_like::formula_like_text,
    },
    Rule {
        id: "evaluation-score",
        default_severity: Severity::Warning,
        check: evaluation::score_above_weight,
    },
    Rule {
        id: "evaluation-weights",
        default_severity: Severity::Warning,
        check: evaluation::weight_sum,
    },
    Rule {
        id: "evaluation-total",
        default_severity: Severity::Warning,
        check: evaluation::total,
    },
    Rule {
        id: "evaluation-unmatched",
        default_severity: Severity::Warning,
        check: evaluation::unmatched,
    },
    Rule {
        id: "evaluation-levels",
        default_severity: Severity::Info,
        check: evaluation::levels_differ,
    },
    Rule {
        id: "evaluation-not-evaluated",
        default_severity: Severity::Warning,
        check: evaluation::not_evaluated,
    },
    Rule {
        id: "evaluation-deviation",
        default_severity: Severity::Warning,
        check: evaluation::missed_without_reason,
    },
    Rule {
        id: "evaluation-overspent",
        default_severity: Severity::Warning,
        check: evaluation::overspent,
    },
    Rule {
        id: "evaluation-actual-missing",
        default_severity: Severity::Warning,
        check: evaluation::actual_missing,
    },
    Rule {
        id: "evaluation-conflict",
        default_severity: Severity::Error,
        check: evaluation::conflict,
    },
    Rule {
        id: "evaluation-target-differs",
        default_severity: Severity::Warning,
        check: evaluation::target_differs,
    },
    Rule {
        id: "evaluation-name",
        default_severity: Severity::Warning,
        check: evaluation::name_differs,
    },
    Rule {
        id: "review-pending",
        default_severity: Severity::Warning,
        check: review::review_pending,
    },
    Rule {
        id: "revision-basis",
        default_severity: Severity::Warning,
        check: revisions::revision_basis,
    },
];
