//! The registry of every check, in the order findings are listed.
//!
//! To add a rule: write a `fn(&Project, &Context, &mut Findings)` in the
//! module of its topic, give it an entry here with a stable kebab-case id,
//! and add a test with a passing and a failing case. Ids are part of the
//! public interface (users switch rules off by id), so never rename one.

mod basics;

use super::Rule;
use crate::diagnostics::Severity;

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
        summary: "the amount must not be negative",
        check: basics::amount_sign,
    },
    Rule {
        id: "amount-precision",
        default_severity: Severity::Warning,
        summary: "amounts are shown with two decimals; more digits are rounded on the page",
        check: basics::amount_precision,
    },
    Rule {
        id: "funding-sum",
        default_severity: Severity::Error,
        summary: "财政拨款 and 其他资金 must add up to the amount",
        check: basics::funding_sum,
    },
    Rule {
        id: "value-missing",
        default_severity: Severity::Warning,
        summary: "an indicator value is null (未填报) or empty",
        check: basics::value_missing,
    },
];
