//! Judging a change: whether two 指标值 are the same value, whether a new
//! target is 收紧 or 放宽, whether an edit is 勘误 or 实质变更, and whether
//! it still needs its `revisions` entry.
//!
//! Values are compared as [`crate::indicator::value`] reads them, so
//! `≥90%`, `>=90%` and `＞＝９０％` are one value and an edit between them is
//! a 勘误. A target's direction comes from its comparator (≥ sets a floor,
//! ≤ a ceiling) and, for a bare number or `=`, from the row's 指标方向性
//! (正向 or 反向); without either the change is only 变更.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::{Class, ProjectDiff, Status, Verdict};
use crate::indicator::value::{self, Comparator, Kind, Measure, Value};
use crate::model::{Revision, RevisionKind};

/// `text` without any whitespace, for comparing what was written apart
/// from spacing (OCR and hand typing scatter blanks).
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// True when both values read the same: equal measures, dates or changes;
/// or, for words, equal text apart from spacing and full-width forms.
pub fn same_value(old: Option<&str>, new: Option<&str>) -> bool {
    match (old, new) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            if a == b {
                return true;
            }
            same_parsed(&value::parse(a), &value::parse(b))
        }
        _ => false,
    }
}

/// Measures and changes are equal when their comparators, exact numbers
/// and units are (the reader has already folded spacing and full-width
/// forms); dates and words when their folded text is, apart from blanks
/// (a date reads only as its year, and 6月底 is not 12月底).
fn same_parsed(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (Kind::Measures(_), Kind::Measures(_)) | (Kind::Change { .. }, Kind::Change { .. }) => {
            a.kind == b.kind
        }
        _ => compact(&a.normalised) == compact(&b.normalised),
    }
}

/// Which way a target points: a floor to reach or a ceiling to stay under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Floor,
    Ceiling,
}

/// The indicator's 指标方向性, when it says: 正向 (more is better) or 反向.
fn direction_bound(direction: Option<&str>) -> Option<Bound> {
    let d = direction?;
    if d.contains("反向") || d.contains("越小越好") {
        Some(Bound::Ceiling)
    } else if d.contains("正向") || d.contains("越大越好") {
        Some(Bound::Floor)
    } else {
        None
    }
}

fn bound_of(comparator: Option<Comparator>, direction: Option<&str>) -> Option<Bound> {
    match comparator {
        Some(Comparator::AtLeast | Comparator::Above) => Some(Bound::Floor),
        Some(Comparator::AtMost | Comparator::Below) => Some(Bound::Ceiling),
        Some(Comparator::Equal) | None => direction_bound(direction),
    }
}

/// The two numbers in one unit, when they can be compared: the same unit
/// as written, or sums of money per the same things (`200元/人` and
/// `0.02万元/人`).
fn comparable(a: &Measure, b: &Measure) -> Option<(Decimal, Decimal)> {
    if a.unit == b.unit {
        return Some((a.number, b.number));
    }
    match (a.money(), b.money()) {
        (Some(x), Some(y)) if x.per == y.per => Some((x.yuan, y.yuan)),
        _ => None,
    }
}

/// 收紧 or 放宽 for a change of `old` to `new` on a row with `direction`;
/// [`Verdict::Reworded`] when they read the same.
pub fn verdict(
    old: Option<&str>,
    new: Option<&str>,
    old_direction: Option<&str>,
    new_direction: Option<&str>,
) -> Verdict {
    if same_value(old, new) {
        return if old_direction.map(compact) == new_direction.map(compact) {
            Verdict::Reworded
        } else {
            Verdict::Changed
        };
    }
    let (Some(old), Some(new)) = (old, new) else {
        return Verdict::Changed;
    };
    let (old, new) = (value::parse(old), value::parse(new));
    match (&old.kind, &new.kind) {
        (Kind::Measures(_), Kind::Measures(_)) => {
            let (Some(a), Some(b)) = (old.single(), new.single()) else {
                return Verdict::Changed;
            };
            measure_verdict(a, b, old_direction, new_direction)
        }
        (Kind::Change { rise: r1, by: a }, Kind::Change { rise: r2, by: b }) if r1 == r2 => {
            // A bigger rise, or a bigger cut, asks for more.
            match comparable(a, b) {
                Some((x, y)) => by_order(y.cmp(&x)),
                None => Verdict::Changed,
            }
        }
        _ => Verdict::Changed,
    }
}

fn measure_verdict(
    a: &Measure,
    b: &Measure,
    old_direction: Option<&str>,
    new_direction: Option<&str>,
) -> Verdict {
    let bound = bound_of(a.comparator, old_direction);
    if bound.is_none() || bound != bound_of(b.comparator, new_direction) {
        return Verdict::Changed;
    }
    let Some((x, y)) = comparable(a, b) else {
        return Verdict::Changed;
    };
    let order = match bound {
        Some(Bound::Floor) => y.cmp(&x),
        _ => x.cmp(&y),
    };
    if order != Ordering::Equal {
        return by_order(order);
    }
    // The same number: only strictness moved (≥90% → >90% asks for more).
    let strict = |c: Option<Comparator>| matches!(c, Some(Comparator::Above | Comparator::Below));
    match (strict(a.comparator), strict(b.comparator)) {
        (false, true) => Verdict::Tightened,
        (true, false) => Verdict::Loosened,
        _ => Verdict::Changed,
    }
}

/// Greater demand is 收紧.
fn by_order(order: Ordering) -> Verdict {
    match order {
        Ordering::Greater => Verdict::Tightened,
        Ordering::Less => Verdict::Loosened,
        Ordering::Equal => Verdict::Changed,
    }
}

/// 实质变更 when the project came or went, or an amount, a funding figure,
/// the indicator set, a target or a weight changed; 勘误 otherwise.
pub fn class_of(p: &ProjectDiff) -> Class {
    let substantive = p.status != Status::Changed
        || p.amount.is_some()
        || !p.funding.is_empty()
        || !p.indicators_added.is_empty()
        || !p.indicators_removed.is_empty()
        || p.targets.iter().any(|t| t.verdict != Verdict::Reworded)
        || !p.weights.is_empty();
    if substantive {
        Class::Substantive
    } else {
        Class::Erratum
    }
}

/// True when a 实质变更 of an existing project has no new `revisions`
/// entry of kind 调整 that names its basis.
pub fn revision_needed(p: &ProjectDiff) -> bool {
    p.status == Status::Changed
        && p.class == Class::Substantive
        && !p.revisions_added.iter().any(has_basis)
}

/// A 调整 entry with a basis written in.
pub(crate) fn has_basis(r: &Revision) -> bool {
    r.kind == Some(RevisionKind::Adjustment)
        && r.basis.as_deref().is_some_and(|b| !b.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(old: &str, new: &str) -> Verdict {
        verdict(Some(old), Some(new), None, None)
    }

    #[test]
    fn comparators_and_directions_decide_tightened_or_loosened() {
        assert_eq!(v("≥90%", "≥95%"), Verdict::Tightened);
        assert_eq!(v("≥95%", "≥90%"), Verdict::Loosened);
        assert_eq!(v("≤200元/人", "≤220元/人"), Verdict::Loosened);
        assert_eq!(v("≤220元/人", "≤200元/人"), Verdict::Tightened);
        assert_eq!(v("≥90%", ">90%"), Verdict::Tightened);
        assert_eq!(v("≥90%", "≤90%"), Verdict::Changed);
        assert_eq!(v("45个", "50个"), Verdict::Changed);
        assert_eq!(
            verdict(
                Some("45个"),
                Some("50个"),
                Some("正向指标"),
                Some("正向指标")
            ),
            Verdict::Tightened
        );
        assert_eq!(
            verdict(
                Some("=3天"),
                Some("=5天"),
                Some("反向指标"),
                Some("反向指标")
            ),
            Verdict::Loosened
        );
        assert_eq!(v("≤200元/人", "≤0.03万元/人"), Verdict::Loosened);
    }

    #[test]
    fn spacing_and_full_width_are_the_same_value() {
        assert_eq!(v("≥90%", "＞＝９０％"), Verdict::Reworded);
        assert_eq!(v("≥90%", ">= 90%"), Verdict::Reworded);
        assert_eq!(v("完善", " 完善 "), Verdict::Reworded);
        assert_eq!(v("完善", "健全"), Verdict::Changed);
    }
}
