//! Rules every disclosure must pass whatever framework it follows: the
//! required parts are present and the money adds up.

use crate::check::{Context, Findings};
use crate::model::{Amount, AmountUnit, Missing, Project};

/// The indicator table needs its text; blank strings would render as empty
/// cells that a screen reader announces as nothing.
pub(super) fn required_text(project: &Project, _: &Context, out: &mut Findings) {
    if project.name.trim().is_empty() {
        out.report(
            "name",
            crate::t!("name-empty"),
            crate::t!("name-empty-help"),
        );
    }
    if project.goals.is_empty() {
        out.report(
            "goals",
            crate::t!("goals-empty"),
            crate::t!("goals-empty-help"),
        );
    }
    for (i, goal) in project.goals.iter().enumerate() {
        if goal.trim().is_empty() {
            out.report(
                format!("goals[{i}]"),
                crate::t!("goal-empty"),
                crate::t!("goal-empty-help"),
            );
        }
    }
    if project.indicators.is_empty() {
        out.report(
            "indicators",
            crate::t!("indicators-empty"),
            crate::t!("indicators-empty-help"),
        );
    }
    for (table, rows) in project.tables() {
        for (i, row) in rows.iter().enumerate() {
            for (field, text) in [
                ("level1", &*row.level1),
                ("level2", &*row.level2),
                ("name", row.name.as_str()),
            ] {
                if text.trim().is_empty() {
                    out.report(
                        format!("{table}[{i}].{field}"),
                        crate::t!("row-field-empty", field = field),
                        crate::t!("row-field-empty-help"),
                    );
                }
            }
        }
    }
}

pub(super) fn year_range(project: &Project, _: &Context, out: &mut Findings) {
    if !(1990..=2100).contains(&project.year) {
        out.report(
            "year",
            crate::t!("year-range", year = project.year),
            crate::t!("year-range-help"),
        );
    }
}

/// Every figure of the file with its field path: the amount, each funding
/// source and each of its parts.
fn figures(project: &Project) -> Vec<(String, Amount)> {
    let mut all = vec![("amount".to_owned(), project.amount)];
    for (i, f) in project.funding.iter().enumerate() {
        all.push((format!("funding[{i}].amount"), f.amount));
        for (j, part) in f.parts.iter().enumerate() {
            all.push((format!("funding[{i}].parts[{j}].amount"), part.amount));
        }
    }
    all
}

/// A negative figure cannot be shown faithfully as a budget: the file
/// contradicts itself, so this is an error.
pub(super) fn amount_sign(project: &Project, _: &Context, out: &mut Findings) {
    for (field, amount) in figures(project) {
        if amount.0.is_sign_negative() && !amount.0.is_zero() {
            out.report(
                field,
                crate::t!("amount-sign", amount = amount),
                crate::t!("amount-sign-help"),
            );
        }
    }
}

/// A figure finer than one 分 (0.01 元) is an error: no budget has one, it
/// usually means a slip of the decimal point or of `amount_unit`, and a
/// figure with thirty decimals is what a float that went through a
/// spreadsheet looks like (`0.1000000000000000055511151231257827`), which
/// the page could only show by rounding (issue 16).
pub(super) fn amount_precision(project: &Project, ctx: &Context, out: &mut Findings) {
    let unit = project.unit(ctx.site_unit);
    let finest = match unit {
        AmountUnit::Yuan => 2,
        AmountUnit::Wan => 6,
    };
    for (field, amount) in figures(project) {
        if amount.0.normalize().scale() > finest {
            out.report(
                field,
                crate::t!("amount-precision", amount = amount, unit = unit),
                crate::t!("amount-precision-help", unit = unit, finest = finest),
            );
        }
    }
}

/// Funding that does not add up means the file contradicts itself: the
/// page could not show both figures as true. An error.
pub(super) fn funding_sum(project: &Project, ctx: &Context, out: &mut Findings) {
    if project.funding.is_empty() {
        return;
    }
    let unit = project.unit(ctx.site_unit);
    let listed = |items: Vec<(&str, Amount)>| {
        items
            .iter()
            .map(|(s, a)| format!("{s} {a}"))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let too_large = |field: String, what: String| {
        (
            field,
            crate::t!("funding-too-large", what = what),
            crate::t!("amount-too-large-help"),
        )
    };
    let Some(total) = Amount::sum(project.funding.iter().map(|f| &f.amount)) else {
        let (field, message, help) = too_large("funding".to_owned(), crate::t!("funding-sources"));
        out.report(field, message, help);
        return;
    };
    if total != project.amount {
        out.report(
            "funding",
            crate::t!(
                "funding-sum",
                sources = listed(
                    project
                        .funding
                        .iter()
                        .map(|f| (f.source.as_str(), f.amount))
                        .collect()
                ),
                total = total,
                unit = unit,
                amount = project.amount
            ),
            crate::t!("funding-sum-help"),
        );
    }
    for (i, f) in project.funding.iter().enumerate() {
        if f.parts.is_empty() {
            continue;
        }
        let Some(parts) = Amount::sum(f.parts.iter().map(|p| &p.amount)) else {
            let (field, message, help) = too_large(
                format!("funding[{i}].parts"),
                crate::t!("funding-parts-of", source = f.source),
            );
            out.report(field, message, help);
            continue;
        };
        if parts != f.amount {
            out.report(
                format!("funding[{i}].parts"),
                crate::t!(
                    "funding-parts",
                    source = f.source,
                    parts = listed(
                        f.parts
                            .iter()
                            .map(|p| (p.source.as_str(), p.amount))
                            .collect()
                    ),
                    total = parts,
                    unit = unit,
                    amount = f.amount
                ),
                crate::t!("funding-parts-help", source = f.source),
            );
        }
    }
}

pub(super) fn value_missing(project: &Project, _: &Context, out: &mut Findings) {
    for (table, rows) in project.tables() {
        for (i, row) in rows.iter().enumerate() {
            let shown = match row.missing_reason() {
                Some(Missing::Unreadable) => "原件无法辨认".to_owned(),
                Some(Missing::Blank) => "未填报".to_owned(),
                None if row.value.as_deref().is_some_and(|v| v.trim().is_empty()) => {
                    crate::t!("empty-cell")
                }
                None => continue,
            };
            out.report(
                format!("{table}[{i}].value"),
                crate::t!("value-missing", name = row.name, shown = shown),
                crate::t!("value-missing-help"),
            );
        }
    }
}

/// `missing:` explains a null value; next to a value it contradicts it.
pub(super) fn missing_conflict(project: &Project, _: &Context, out: &mut Findings) {
    for (table, rows) in project.tables() {
        for (i, row) in rows.iter().enumerate() {
            if let (Some(value), Some(missing)) = (&row.value, row.missing) {
                let said = match missing {
                    Missing::Blank => "blank",
                    Missing::Unreadable => "unreadable",
                };
                out.report(
                    format!("{table}[{i}].missing"),
                    crate::t!("missing-conflict", said = said, value = value),
                    crate::t!("missing-conflict-help"),
                );
            }
        }
    }
}
