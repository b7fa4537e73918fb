//! Whether an achieved value meets its target: 达成, 未达成 or 无法比较.
//!
//! Both sides go through the same value reader ([`crate::indicator::value`]),
//! so `≥９０％` against `93%` is compared as ≥90 against 93. A figure is
//! judged only when the answer is certain: one figure on each side, in the
//! same unit (money in any of 元, 万元 … with the same "per"), and a
//! direction known from the comparator, the row's 指标方向性 or, for a bare
//! number, its kind (a cost is met at or below it, anything else at or
//! above). Everything else is 无法比较 with the reason, because a mark the
//! reader cannot trust is worse than none. Texts are met only when the
//! result repeats the target word for word (提高 against 提高).

use rust_decimal::Decimal;

use crate::indicator::value::{self, Comparator, Kind, Measure};
use crate::model::Missing;

/// The verdict on one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// 达成: the achieved value meets the target.
    Met,
    /// 未达成: it falls short.
    Missed,
    /// 无法比较, and why.
    NotComparable(Why),
}

/// Why a row cannot be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Why {
    /// The 自评表 gives no achieved value (blank or unreadable).
    NoActual(Missing),
    /// Neither the target table nor the 自评表 gives a target.
    NoTarget,
    /// The 自评表 has no row for this target.
    NotEvaluated,
    /// A described target (提高, 有效保障) that the result does not repeat.
    Described,
    /// The two figures are in different units.
    Units,
    /// A side has several figures, a date, a change against a baseline or
    /// digits that do not read as a figure.
    NotOneFigure,
    /// The result states a bound (≥95%) that does not settle the target.
    Bound,
}

impl Mark {
    /// The catalogue key of the mark's word (达成 …).
    pub fn key(self) -> &'static str {
        match self {
            Mark::Met => "mark-met",
            Mark::Missed => "mark-missed",
            Mark::NotComparable(_) => "mark-not-comparable",
        }
    }

    /// A stable ASCII code for downloads: `met`, `missed`, `not-comparable`.
    pub fn code(self) -> &'static str {
        match self {
            Mark::Met => "met",
            Mark::Missed => "missed",
            Mark::NotComparable(_) => "not-comparable",
        }
    }
}

impl Why {
    /// Every reason, for tests and tables that must cover them all (a test
    /// below fails when a new variant is not listed).
    pub const ALL: [Why; 8] = [
        Why::NoActual(Missing::Blank),
        Why::NoActual(Missing::Unreadable),
        Why::NoTarget,
        Why::NotEvaluated,
        Why::Described,
        Why::Units,
        Why::NotOneFigure,
        Why::Bound,
    ];

    /// The catalogue key of the reason, for the page and the downloads.
    pub fn key(self) -> &'static str {
        match self {
            Why::NoActual(Missing::Blank) => "why-no-actual",
            Why::NoActual(Missing::Unreadable) => "why-actual-unreadable",
            Why::NoTarget => "why-no-target",
            Why::NotEvaluated => "why-not-evaluated",
            Why::Described => "why-described",
            Why::Units => "why-units",
            Why::NotOneFigure => "why-not-one-figure",
            Why::Bound => "why-bound",
        }
    }
}

/// Which way a bare figure is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// At or above the figure (正向指标, and most rows).
    Up,
    /// At or below it (反向指标, costs).
    Down,
}

/// Judges `actual` against `target`; `direction` decides a target with no
/// comparator. `missing` is why `actual` is absent, when it is.
pub fn judge(
    target: Option<&str>,
    actual: Option<&str>,
    missing: Missing,
    direction: Direction,
) -> Mark {
    let Some(actual) = actual.filter(|a| !a.trim().is_empty()) else {
        return Mark::NotComparable(Why::NoActual(missing));
    };
    let Some(target) = target.filter(|t| !t.trim().is_empty()) else {
        return Mark::NotComparable(Why::NoTarget);
    };
    let (t, a) = (value::parse(target), value::parse(actual));
    if same_words(&t.normalised, &a.normalised) {
        return Mark::Met;
    }
    match (&t.kind, &a.kind) {
        (Kind::Measures(t), Kind::Measures(a)) => match (t.as_slice(), a.as_slice()) {
            ([t], [a]) => figures(t, a, direction),
            _ => Mark::NotComparable(Why::NotOneFigure),
        },
        (Kind::Qualitative { .. }, _) => Mark::NotComparable(Why::Described),
        _ => Mark::NotComparable(Why::NotOneFigure),
    }
}

/// Texts equal once blanks are ignored: the judge's test of a result
/// that repeats its target, and [`super::same_target`]'s of two targets.
pub(super) fn same_words(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(a) == squeeze(b)
}

/// Two single figures, compared in one unit.
fn figures(target: &Measure, actual: &Measure, direction: Direction) -> Mark {
    let Some((t, a)) = in_one_unit(target, actual) else {
        return Mark::NotComparable(Why::Units);
    };
    let wanted = match target.comparator {
        Some(c) => c,
        None => match direction {
            Direction::Up => Comparator::AtLeast,
            Direction::Down => Comparator::AtMost,
        },
    };
    // A result written as a bound (`≥95%`) settles only a target bounded
    // the same way: at least 95 is at least 90, but says nothing of ≤98.
    let settles = match actual.comparator {
        None | Some(Comparator::Equal) => Some(holds(wanted, a, t)),
        Some(Comparator::AtLeast | Comparator::Above) => {
            matches!(wanted, Comparator::AtLeast | Comparator::Above)
                .then(|| holds(wanted, a, t))
                .filter(|met| *met)
        }
        Some(Comparator::AtMost | Comparator::Below) => {
            matches!(wanted, Comparator::AtMost | Comparator::Below)
                .then(|| holds(wanted, a, t))
                .filter(|met| *met)
        }
    };
    match settles {
        Some(true) => Mark::Met,
        Some(false) => Mark::Missed,
        None => Mark::NotComparable(Why::Bound),
    }
}

/// Whether `actual` stands in relation `c` to `target`.
fn holds(c: Comparator, actual: Decimal, target: Decimal) -> bool {
    match c {
        Comparator::AtLeast => actual >= target,
        Comparator::AtMost => actual <= target,
        Comparator::Above => actual > target,
        Comparator::Below => actual < target,
        Comparator::Equal => actual == target,
    }
}

/// The two numbers in a common unit: the same unit as written, or money
/// per the same things (`1万元` and `9000元`).
fn in_one_unit(target: &Measure, actual: &Measure) -> Option<(Decimal, Decimal)> {
    if unit_key(&target.unit) == unit_key(&actual.unit) {
        return Some((target.number, actual.number));
    }
    let (t, a) = (target.money()?, actual.money()?);
    (t.per == a.per).then_some((t.yuan, a.yuan))
}

/// A unit as compared: blanks and the qualifiers 以上/以下/以内 dropped.
fn unit_key(unit: &str) -> String {
    let mut key: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
    for tail in ["以上", "以下", "以内", "及以上", "及以下"] {
        if let Some(stripped) = key.strip_suffix(tail) {
            key = stripped.trim_end_matches('及').to_owned();
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(target: &str, actual: &str) -> Mark {
        judge(Some(target), Some(actual), Missing::Blank, Direction::Up)
    }

    #[test]
    fn every_reason_is_listed_with_its_own_key() {
        for why in Why::ALL {
            // Exhaustive: a new variant fails to compile until listed.
            match why {
                Why::NoActual(_)
                | Why::NoTarget
                | Why::NotEvaluated
                | Why::Described
                | Why::Units
                | Why::NotOneFigure
                | Why::Bound => {}
            }
            assert!(crate::i18n::has(why.key()), "{why:?}");
        }
        let keys: std::collections::BTreeSet<_> = Why::ALL.iter().map(|w| w.key()).collect();
        assert_eq!(keys.len(), Why::ALL.len());
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(j("≥90%", "93%"), Mark::Met);
        assert_eq!(j("≤200元/人", "215元/人"), Mark::Missed);
    }

    #[test]
    fn full_width_and_ocr_forms_are_read_alike() {
        assert_eq!(j("＞＝９０％", "89.9%"), Mark::Missed);
        assert_eq!(j(">=90%", "90%"), Mark::Met);
    }

    #[test]
    fn a_bare_figure_follows_the_direction() {
        assert_eq!(j("3次", "4次"), Mark::Met);
        assert_eq!(j("3次", "2次"), Mark::Missed);
        let down = judge(
            Some("100元/条"),
            Some("120元/条"),
            Missing::Blank,
            Direction::Down,
        );
        assert_eq!(down, Mark::Missed);
        assert_eq!(j("=100%", "99%"), Mark::Missed);
    }

    #[test]
    fn money_compares_across_units() {
        assert_eq!(j("≤1万元", "9000元"), Mark::Met);
        assert_eq!(j("≤1万元/人", "9000元"), Mark::NotComparable(Why::Units));
    }

    #[test]
    fn units_that_differ_are_not_compared() {
        assert_eq!(j("≥90%", "93"), Mark::NotComparable(Why::Units));
        assert_eq!(j("3次", "3人"), Mark::NotComparable(Why::Units));
    }

    #[test]
    fn words_are_met_only_when_repeated() {
        assert_eq!(j("提高", "提高"), Mark::Met);
        assert_eq!(j("提高", "有所提高"), Mark::NotComparable(Why::Described));
        assert_eq!(
            j("2023年12月底前", "2023年11月"),
            Mark::NotComparable(Why::NotOneFigure)
        );
    }

    #[test]
    fn a_missing_side_says_which() {
        let m = judge(Some("3次"), None, Missing::Unreadable, Direction::Up);
        assert_eq!(m, Mark::NotComparable(Why::NoActual(Missing::Unreadable)));
        assert_eq!(
            judge(None, Some("3次"), Missing::Blank, Direction::Up),
            Mark::NotComparable(Why::NoTarget)
        );
    }

    #[test]
    fn a_bound_as_result_settles_only_the_same_bound() {
        assert_eq!(j("≥90%", "≥95%"), Mark::Met);
        assert_eq!(j("≥90%", "≥85%"), Mark::NotComparable(Why::Bound));
        assert_eq!(j("≤5%", "≥1%"), Mark::NotComparable(Why::Bound));
    }
}
