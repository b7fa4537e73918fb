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
                crate::t!(
                    "value-ocr",
                    original = value.original,
                    read = value.normalised,
                    fixes = fix_list(value, true)
                ),
                crate::t!("value-ocr-help", read = value.normalised),
            );
        }
    }
}

pub(super) fn value_normalised(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, _, value) in values(project, ctx) {
        if !value.fixes.is_empty() && !value.has_ocr_fix() {
            out.report(
                format!("indicators[{i}].value"),
                crate::t!(
                    "value-normalised",
                    original = value.original,
                    read = value.normalised,
                    fixes = fix_list(value, false)
                ),
                crate::t!("value-normalised-help", read = value.normalised),
            );
        }
    }
}

pub(super) fn value_unreadable(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, _, value) in values(project, ctx) {
        if value.kind == Kind::Unreadable {
            out.report(
                format!("indicators[{i}].value"),
                crate::t!("value-unreadable", original = value.original),
                crate::t!("value-unreadable-help"),
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
        let message = match keyword {
            Some(word) => crate::t!(
                "qualitative-target-word",
                original = value.original,
                category = category.label(),
                word = word
            ),
            None => crate::t!(
                "qualitative-target",
                original = value.original,
                category = category.label()
            ),
        };
        out.report(
            format!("indicators[{i}].value"),
            message,
            crate::t!(
                "qualitative-target-help",
                category = category.label(),
                example = category.example()
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
            crate::t!("qualitative-benefit", original = value.original),
            crate::t!("qualitative-benefit-help"),
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
                    crate::t!("percent-range", value = m),
                    crate::t!("percent-range-help"),
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
                    crate::t!("satisfaction-cap", value = m)
                } else {
                    crate::t!("satisfaction-floor", value = m, floor = floor)
                };
                out.report(
                    format!("indicators[{i}].value"),
                    why,
                    crate::t!("satisfaction-floor-help", floor = floor),
                );
            }
        }
    }
}
