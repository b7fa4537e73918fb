//! Rules about what a 指标值 says: whether it reads as a target, whether
//! the reader had to correct it, whether it is measurable where the guidance
//! asks for a measure, and whether percentages are plausible.

use rust_decimal::Decimal;

use crate::check::{Context, Findings};
use crate::indicator::framework::Category;
use crate::indicator::value::{Comparator, FixKind, Kind, Value};
use crate::model::{Indicator, Project};

/// Every row with a value, read.
fn values<'a>(
    project: &'a Project,
    ctx: &'a Context,
) -> impl Iterator<Item = (usize, &'a Indicator, &'a Value)> {
    project
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(i, row)| ctx.readings.value(i).map(|v| (i, row, v)))
}

fn fix_list(value: &Value, ocr: bool) -> String {
    value
        .fixes
        .iter()
        .filter(|f| (f.kind == FixKind::Ocr) == ocr)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn value_ocr(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, _, value) in values(project, ctx) {
        if value.has_ocr_fix() {
            out.report(
                format!("indicators[{i}].value"),
                format!(
                    "「{}」 is read as 「{}」 ({}: likely OCR slips)",
                    value.original,
                    value.normalised,
                    fix_list(value, true)
                ),
                format!(
                    "check the published table and write value: \"{}\" if that is what it says",
                    value.normalised
                ),
            );
        }
    }
}

pub(super) fn value_normalised(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, _, value) in values(project, ctx) {
        if !value.fixes.is_empty() && !value.has_ocr_fix() {
            out.report(
                format!("indicators[{i}].value"),
                format!(
                    "「{}」 is read as 「{}」 ({})",
                    value.original,
                    value.normalised,
                    fix_list(value, false)
                ),
                format!(
                    "nothing is wrong if that reading is right; value: \"{}\" says the same in the usual form",
                    value.normalised
                ),
            );
        }
    }
}

pub(super) fn value_unreadable(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, _, value) in values(project, ctx) {
        if value.kind == Kind::Unreadable {
            out.report(
                format!("indicators[{i}].value"),
                format!(
                    "「{}」 does not read as a target (comparator, number and unit)",
                    value.original
                ),
                "write one target per value, such as ≥90%, 3000册 or ≤200元/人, and put explanations in note:",
            );
        }
    }
}

fn qualitative(value: &Value) -> Option<Option<&'static str>> {
    match value.kind {
        Kind::Qualitative { keyword } => Some(keyword),
        _ => None,
    }
}

pub(super) fn qualitative_target(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, _, value) in values(project, ctx) {
        let Some(category) = ctx.readings.category(i).filter(|c| c.needs_measure()) else {
            continue;
        };
        let Some(keyword) = qualitative(value) else {
            continue;
        };
        let what = match keyword {
            Some(word) => format!("states a direction ({word}), not a measurable target"),
            None => "is not a measurable target".to_owned(),
        };
        out.report(
            format!("indicators[{i}].value"),
            format!("「{}」 under {} {what}", value.original, category.label()),
            format!(
                "the guidance asks for a measurable {}: write {}",
                category.label(),
                category.example()
            ),
        );
    }
}

pub(super) fn qualitative_benefit(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, _, value) in values(project, ctx) {
        if ctx.readings.category(i) != Some(Category::Benefit) {
            continue;
        }
        if qualitative(value).is_none() {
            continue;
        }
        out.report(
            format!("indicators[{i}].value"),
            format!("「{}」 is a qualitative 效益 target", value.original),
            "the guidance allows it, but a number is easier to verify: state the change as a measure, \
             such as 知晓率 ≥85% or 投诉数 ≤5件",
        );
    }
}

pub(super) fn percent_range(project: &Project, ctx: &Context, out: &mut Findings) {
    let hundred = Decimal::from(100);
    for (i, _, value) in values(project, ctx) {
        for m in value.measures().iter().filter(|m| m.is_percent()) {
            if m.number.is_sign_negative() || m.number > hundred {
                out.report(
                    format!("indicators[{i}].value"),
                    format!("{m} is outside 0–100%"),
                    "a rate lies between 0% and 100%: check for a typo (100% rather than 1000%), \
                     or state a count instead",
                );
            }
        }
    }
}

pub(super) fn satisfaction_floor(project: &Project, ctx: &Context, out: &mut Findings) {
    let floor = Decimal::from(ctx.config.satisfaction_floor);
    for (i, _, value) in values(project, ctx) {
        if ctx.readings.category(i) != Some(Category::Satisfaction) {
            continue;
        }
        for m in value.measures().iter().filter(|m| m.is_percent()) {
            let upper_bound = matches!(m.comparator, Some(Comparator::AtMost | Comparator::Below));
            if m.number < floor || upper_bound {
                let why = if upper_bound {
                    format!("{m} caps satisfaction instead of setting a minimum")
                } else {
                    format!("the 满意度 target {m} is below the floor of {floor}%")
                };
                out.report(
                    format!("indicators[{i}].value"),
                    why,
                    format!(
                        "write a minimum of at least {floor}%, such as ≥{floor}% \
                         (the floor is satisfaction_floor under [check] in site.toml)"
                    ),
                );
            }
        }
    }
}
