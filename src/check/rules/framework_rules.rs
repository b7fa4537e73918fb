//! Rules about the indicator framework: every 一级/二级 pair must exist in
//! the framework the project follows, variants are noted with their
//! canonical name, and the three 一级 groups must be present.

use crate::check::{Context, Findings};
use crate::indicator::framework::{self, BENEFIT, Category, Edition, OUTPUT, SATISFACTION};
use crate::model::Project;

/// What the older template calls its 满意度 二级 indicator.
const OLDER_SATISFACTION: &str = "社会公众或服务对象满意度指标";

/// Why this framework applies, for messages.
fn which(edition: Edition, detected: bool) -> String {
    match (detected, edition) {
        (false, _) => format!("{edition} (set in site.toml)"),
        (true, Edition::Caiyu2015) => format!("{edition} (detected: no 成本指标 at 一级)"),
        (true, Edition::Caiyu2021) => format!("{edition} (detected: 成本指标 is used at 一级)"),
        (true, Edition::Older) => format!("{edition} (detected: 满意度 is filed under 效益指标)"),
    }
}

fn list(names: &[&str]) -> String {
    names.join("、")
}

pub(super) fn framework_pair(project: &Project, ctx: &Context, out: &mut Findings) {
    let (edition, detected) = framework::resolve(ctx.config.framework, project);
    for (i, row) in project.indicators.iter().enumerate() {
        if row.level1.trim().is_empty() || row.level2.trim().is_empty() {
            continue; // required-text reports it
        }
        let Some(wrong) = framework::check_pair(edition, row) else {
            continue;
        };
        let message = format!(
            "「{} › {}」 is not an indicator pair of {}",
            row.level1,
            row.level2,
            which(edition, detected)
        );
        let help = match wrong.suggestion {
            Some((l1, l2)) => {
                let siblings = edition.children(l1).unwrap_or_default();
                format!(
                    "did you mean level1: {l1}, level2: {l2}? Under {l1} the 二级 indicators are {}",
                    list(siblings)
                )
            }
            None => {
                let level1: Vec<&str> = edition.tree().iter().map(|(l1, _)| l1).copied().collect();
                format!("the 一级 indicators of {edition} are {}", list(&level1))
            }
        };
        let help = if detected {
            format!(
                "{help}; to choose the framework, set framework = \"2015\", \"2021\" or \"older\" under [check] in site.toml"
            )
        } else {
            help
        };
        out.report(format!("indicators[{i}].{}", wrong.field), message, help);
    }
}

pub(super) fn framework_synonym(project: &Project, ctx: &Context, out: &mut Findings) {
    let (edition, _) = framework::resolve(ctx.config.framework, project);
    for (i, row) in project.indicators.iter().enumerate() {
        let names = [
            ("level1", &row.level1, framework::level1(&row.level1)),
            ("level2", &row.level2, framework::level2(&row.level2)),
        ];
        for (field, written, name) in names {
            let Some(name) = name.filter(|n| n.variant) else {
                continue;
            };
            // The older template's own name for its 二级 满意度 indicator.
            if edition == Edition::Older && written.trim() == OLDER_SATISFACTION {
                continue;
            }
            out.report(
                format!("indicators[{i}].{field}"),
                format!("「{written}」 is read as 「{}」", name.name),
                format!(
                    "{edition} names it {}; write that to match the framework exactly",
                    name.name
                ),
            );
        }
    }
}

/// The canonical 一级 names the project uses.
fn groups(project: &Project) -> Vec<&'static str> {
    project
        .indicators
        .iter()
        .filter_map(|row| framework::level1(&row.level1))
        .map(|n| n.name)
        .collect()
}

pub(super) fn missing_output_or_benefit(project: &Project, _: &Context, out: &mut Findings) {
    if project.indicators.is_empty() {
        return; // required-text reports it
    }
    let present = groups(project);
    for (group, examples) in [
        (OUTPUT, "数量指标、质量指标、时效指标"),
        (
            BENEFIT,
            "社会效益指标、经济效益指标、生态效益指标、可持续影响指标",
        ),
    ] {
        if !present.contains(&group) {
            out.report(
                "indicators",
                format!("the project has no {group}"),
                format!("every project needs 产出指标 and 效益指标: add at least one {group} row ({examples})"),
            );
        }
    }
}

pub(super) fn missing_satisfaction(project: &Project, ctx: &Context, out: &mut Findings) {
    let filed_elsewhere = (0..project.indicators.len())
        .any(|i| ctx.readings.category(i) == Some(Category::Satisfaction));
    if project.indicators.is_empty() || groups(project).contains(&SATISFACTION) || filed_elsewhere {
        return;
    }
    out.report(
        "indicators",
        format!("the project has no {SATISFACTION}"),
        "add a row with level1: 满意度指标, level2: 服务对象满意度指标 and a target such as ≥90%",
    );
}

/// A table whose rows follow two frameworks at once: each row may be valid
/// somewhere, but no single framework holds them all. Reported once per
/// project, naming the framework that fits the most rows, since the fix is
/// usually to move the few rows that follow the other one.
pub(super) fn framework_mixed(project: &Project, _: &Context, out: &mut Findings) {
    let rows = &project.indicators;
    let valid_somewhere = |row| {
        Edition::ALL
            .iter()
            .any(|e| framework::check_pair(*e, row).is_none())
    };
    let known = rows.iter().filter(|r| valid_somewhere(r)).count();
    if known < 2 {
        return;
    }
    let (nearest, fits) = framework::nearest_edition(project);
    if fits >= known {
        return; // one framework holds every recognised row
    }
    let others: Vec<String> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| valid_somewhere(r) && framework::check_pair(nearest, r).is_some())
        .map(|(i, r)| format!("row {} ({} › {})", i + 1, r.level1, r.level2))
        .collect();
    out.report(
        "indicators",
        format!(
            "the table mixes indicator frameworks; the nearest is {nearest} ({fits} of {known} rows fit it)"
        ),
        format!(
            "rows that follow another framework: {}. Publish the table as approved if that is what it says; \
             otherwise file these rows as {nearest} does",
            others.join(", ")
        ),
    );
}
