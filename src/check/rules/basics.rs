//! Rules every disclosure must pass whatever framework it follows: the
//! required parts are present and the money adds up.

use crate::check::{Context, Findings};
use crate::model::Project;

/// The indicator table needs its text; blank strings would render as empty
/// cells that a screen reader announces as nothing.
pub fn required_text(project: &Project, _: &Context, out: &mut Findings) {
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
    for (i, row) in project.indicators.iter().enumerate() {
        for (field, text) in [
            ("level1", &*row.level1),
            ("level2", &*row.level2),
            ("name", row.name.as_str()),
        ] {
            if text.trim().is_empty() {
                out.report(
                    format!("indicators[{i}].{field}"),
                    format!("{field} is empty"),
                    "every row needs its 一级, 二级 and 三级 indicator",
                );
            }
        }
    }
}

pub fn year_range(project: &Project, _: &Context, out: &mut Findings) {
    if !(1990..=2100).contains(&project.year) {
        out.report(
            "year",
            format!("{} is not a plausible budget year", project.year),
            "write the four-digit budget year, for example year: 2023",
        );
    }
}

pub fn amount_sign(project: &Project, _: &Context, out: &mut Findings) {
    if project.amount.0.is_sign_negative() {
        out.report(
            "amount",
            "the amount is negative",
            "write the budgeted amount in 万元 as a positive number",
        );
    }
}

pub fn amount_precision(project: &Project, _: &Context, out: &mut Findings) {
    let amounts = std::iter::once(("amount", project.amount)).chain(
        project
            .funding
            .iter()
            .flat_map(|f| [("funding.fiscal", f.fiscal), ("funding.other", f.other)]),
    );
    for (field, amount) in amounts {
        if amount.0.normalize().scale() > 2 {
            out.report(
                field,
                format!(
                    "{} has more than two decimals and is shown as {amount}",
                    amount.0
                ),
                "amounts are in 万元; round to two decimals (¥100) as the published table does",
            );
        }
    }
}

pub fn funding_sum(project: &Project, _: &Context, out: &mut Findings) {
    let Some(funding) = &project.funding else {
        return;
    };
    let total = funding.total();
    if total != project.amount {
        out.report(
            "funding",
            format!(
                "财政拨款 {} + 其他资金 {} = {} 万元, but the amount is {} 万元",
                funding.fiscal, funding.other, total, project.amount
            ),
            "correct one of the parts so that they add up to the amount",
        );
    }
}

pub fn value_missing(project: &Project, _: &Context, out: &mut Findings) {
    for (i, row) in project.indicators.iter().enumerate() {
        let missing = row.value.as_deref().is_none_or(|v| v.trim().is_empty());
        if missing {
            out.report(
                format!("indicators[{i}].value"),
                format!("指标值 of 「{}」 is not filled in (shown as 未填报)", row.name),
                "write the target value from the approved table; keep null only if the source really left it empty",
            );
        }
    }
}
