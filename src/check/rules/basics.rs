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
            "项目名称 is empty",
            "write the project name as published",
        );
    }
    if project.goals.is_empty() {
        out.report(
            "goals",
            "the project has no 绩效目标",
            "add at least one goal under goals:",
        );
    }
    for (i, goal) in project.goals.iter().enumerate() {
        if goal.trim().is_empty() {
            out.report(
                format!("goals[{i}]"),
                "this goal is empty",
                "write the goal or delete the line",
            );
        }
    }
    if project.indicators.is_empty() {
        out.report(
            "indicators",
            "the project has no 绩效指标",
            "add the indicator rows of the published table under indicators:",
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
                        format!("{field} is empty"),
                        "every row needs its 一级, 二级 and 三级 indicator",
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
            format!("{} is not a plausible budget year", project.year),
            "write the four-digit budget year, for example year: 2023",
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
                format!("the figure {amount} is negative"),
                "write the budgeted figure as a positive number, as the published table does",
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
    let unit = project.unit(ctx.site.config.amount_unit);
    let finest = match unit {
        AmountUnit::Yuan => 2,
        AmountUnit::Wan => 6,
    };
    for (field, amount) in figures(project) {
        if amount.0.normalize().scale() > finest {
            out.report(
                field,
                format!("{amount} {unit} is finer than one 分 (0.01 元)"),
                format!(
                    "in {unit} a figure has at most {finest} decimals; check the decimal point, and amount_unit (万元 or 元)"
                ),
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
    let unit = project.unit(ctx.site.config.amount_unit);
    let listed = |items: Vec<(&str, Amount)>| {
        items
            .iter()
            .map(|(s, a)| format!("{s} {a}"))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let too_large = |field: String, what: &str| {
        (
            field,
            format!("the {what} are too large to add up (the sum has more than 28 digits)"),
            "check the decimal point and amount_unit (万元 or 元): no budget figure comes near this size",
        )
    };
    let Some(total) = Amount::sum(project.funding.iter().map(|f| &f.amount)) else {
        let (field, message, help) = too_large("funding".to_owned(), "funding sources");
        out.report(field, message, help);
        return;
    };
    if total != project.amount {
        out.report(
            "funding",
            format!(
                "{} = {total} {unit}, but the amount is {} {unit}",
                listed(
                    project
                        .funding
                        .iter()
                        .map(|f| (f.source.as_str(), f.amount))
                        .collect()
                ),
                project.amount
            ),
            "correct one of the sources so that they add up to the amount",
        );
    }
    for (i, f) in project.funding.iter().enumerate() {
        if f.parts.is_empty() {
            continue;
        }
        let Some(parts) = Amount::sum(f.parts.iter().map(|p| &p.amount)) else {
            let (field, message, help) = too_large(
                format!("funding[{i}].parts"),
                &format!("parts of {}", f.source),
            );
            out.report(field, message, help);
            continue;
        };
        if parts != f.amount {
            out.report(
                format!("funding[{i}].parts"),
                format!(
                    "the parts of {}: {} = {parts} {unit}, but {} is {} {unit}",
                    f.source,
                    listed(
                        f.parts
                            .iter()
                            .map(|p| (p.source.as_str(), p.amount))
                            .collect()
                    ),
                    f.source,
                    f.amount
                ),
                format!(
                    "correct one of the parts so that they add up to {}",
                    f.source
                ),
            );
        }
    }
}

pub(super) fn value_missing(project: &Project, _: &Context, out: &mut Findings) {
    for (table, rows) in project.tables() {
        for (i, row) in rows.iter().enumerate() {
            let shown = match row.missing_reason() {
                Some(Missing::Unreadable) => "原件无法辨认",
                Some(Missing::Blank) => "未填报",
                None if row.value.as_deref().is_some_and(|v| v.trim().is_empty()) => {
                    "an empty cell"
                }
                None => continue,
            };
            out.report(
                format!("{table}[{i}].value"),
                format!("指标值 of 「{}」 is not given (shown as {shown})", row.name),
                "write the target value from the approved table; keep value: null with missing: blank \
                 if the source left it empty, or missing: unreadable if the source cannot be read",
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
                    format!("the row says missing: {said}, but its value is 「{value}」"),
                    "remove missing: when the value is known, or write value: null when it is not",
                );
            }
        }
    }
}
