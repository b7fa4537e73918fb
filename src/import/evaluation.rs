//! What the 自评表 mappers produce and the evaluation emitter writes: a
//! 项目支出绩效自评表 as read from a source, before it becomes a
//! `<slug>.evaluation.yaml` file beside its project.
//!
//! It mirrors [`crate::model::Evaluation`] field for field, plus the review
//! flags that become `# 待核对：` comments. The execution rate a form
//! states is never kept: the site computes it from 全年执行数 and 全年预算数
//! ([`crate::indicator::results::rate`]), so [`stated_rate_flag`] only
//! compares the two and flags a disagreement for the clerk.

use rust_decimal::Decimal;

use super::amount::Unit;
use super::draft::Missing;
use crate::model::Amount;

/// The budget block (年度资金总额 row) of a 自评表.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BudgetDraft {
    pub(crate) initial: Option<Decimal>,
    pub(crate) full_year: Option<Decimal>,
    pub(crate) executed: Option<Decimal>,
    pub(crate) weight: Option<Decimal>,
    pub(crate) score: Option<Decimal>,
    pub(crate) note: Option<String>,
}

/// One indicator row of a 自评表.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ResultRow {
    pub(crate) level1: String,
    pub(crate) level2: String,
    pub(crate) name: String,
    pub(crate) target: Option<String>,
    pub(crate) actual: Option<String>,
    pub(crate) missing: Option<Missing>,
    pub(crate) weight: Option<Decimal>,
    pub(crate) score: Option<Decimal>,
    pub(crate) deviation: Option<String>,
    /// Why this row needs a human look; each becomes a `# 待核对：` line.
    pub(crate) flags: Vec<String>,
}

/// A 自评表 read from one table. The project fields it shares with a
/// target table (name, unit, year, part) live in the [`super::draft::Draft`]
/// that carries it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EvalDraft {
    pub(crate) amount_unit: Option<Unit>,
    pub(crate) budget: BudgetDraft,
    pub(crate) objective: Option<String>,
    pub(crate) outcome: Option<String>,
    pub(crate) indicators: Vec<ResultRow>,
    pub(crate) total_score: Option<Decimal>,
    pub(crate) grade: Option<String>,
    /// 评价结论, 存在问题, 改进措施 and the 资金来源 sub-rows, one paragraph
    /// each, in the order of the form.
    pub(crate) notes: Vec<String>,
    /// Review notes about the budget block, written above `budget`.
    pub(crate) budget_flags: Vec<String>,
}

impl EvalDraft {
    pub(crate) fn flagged_rows(&self) -> usize {
        self.indicators
            .iter()
            .filter(|r| !r.flags.is_empty())
            .count()
    }
}

/// A blank cell, or a mark saying the cell does not apply (`/`, `—`).
pub(crate) fn is_none_mark(text: &str) -> bool {
    matches!(text.trim(), "" | "/" | "-" | "—" | "－" | "／")
}

/// The figure of a stated 执行率 (`86%`, `100.00%`, `0.862`, `0`) in
/// percent, and the number of decimals it was written with.
pub(crate) fn read_rate(text: &str) -> Option<(Decimal, u32)> {
    let t = super::amount::halfwidth(text);
    let t = t.trim();
    let (figure, percent) = match t.strip_suffix(['%', '％']) {
        Some(f) => (f.trim(), true),
        None => (t, false),
    };
    let value: Decimal = figure.parse().ok()?;
    // A bare fraction (0.862) is a ratio; a bare figure above 1 is percent.
    if percent || value > Decimal::ONE {
        return Some((value, value.scale()));
    }
    let dp = value.scale().saturating_sub(2);
    Some((value.checked_mul(Decimal::ONE_HUNDRED)?, dp))
}

/// A review flag when the 执行率 a form states disagrees with 全年执行数 ÷
/// 全年预算数, or cannot be checked because the figures are missing. A
/// stated rate agrees when the computed one, rounded or cut to the
/// decimals written, equals it.
pub(crate) fn stated_rate_flag(stated: &str, budget: &BudgetDraft, at: &str) -> Option<String> {
    let stated = stated.trim();
    if is_none_mark(stated) {
        return None;
    }
    let Some((value, dp)) = read_rate(stated) else {
        return Some(crate::t!(
            "flag-eval-rate-unreadable",
            cell = at,
            text = stated
        ));
    };
    let computed = match (budget.executed, budget.full_year) {
        (Some(e), Some(f)) => crate::indicator::results::rate(Amount(e), Amount(f)),
        _ => None,
    };
    let Some(computed) = computed else {
        return Some(crate::t!(
            "flag-eval-rate-unchecked",
            cell = at,
            text = stated
        ));
    };
    let rounded =
        computed.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let cut = computed.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToZero);
    if rounded == value || cut == value {
        return None;
    }
    Some(crate::t!(
        "flag-eval-rate-differs",
        cell = at,
        text = stated,
        computed = crate::indicator::results::rate_text(computed)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(full: &str, executed: &str) -> BudgetDraft {
        BudgetDraft {
            full_year: Some(full.parse().unwrap()),
            executed: Some(executed.parse().unwrap()),
            ..BudgetDraft::default()
        }
    }

    #[test]
    fn a_stated_rate_is_compared_at_its_own_precision() {
        let b = budget("43.2", "37.24");
        assert_eq!(stated_rate_flag("86%", &b, "F7"), None);
        assert_eq!(stated_rate_flag("86.2%", &b, "F7"), None);
        assert_eq!(stated_rate_flag("0.862", &b, "F7"), None);
        assert!(
            stated_rate_flag("90%", &b, "F7")
                .unwrap()
                .contains("86.20%")
        );
        assert_eq!(
            stated_rate_flag("100.00%", &budget("251.89", "251.89"), "F7"),
            None
        );
        assert_eq!(stated_rate_flag("", &b, "F7"), None);
        assert!(stated_rate_flag("0", &budget("0", "0"), "F7").is_some());
        assert!(stated_rate_flag("很好", &b, "F7").is_some());
    }
}
