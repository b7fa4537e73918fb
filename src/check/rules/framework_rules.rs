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
        (false, _) => crate::t!("edition-configured", edition = edition),
        (true, Edition::Caiyu2015) => crate::t!("edition-detected-2015", edition = edition),
        (true, Edition::Caiyu2021) => crate::t!("edition-detected-2021", edition = edition),
        (true, Edition::Older) => crate::t!("edition-detected-older", edition = edition),
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
        let message = crate::t!(
            "framework-pair",
            level1 = row.level1,
            level2 = row.level2,
            edition = which(edition, detected)
        );
        let help = match wrong.suggestion {
            Some((l1, l2)) => {
                let siblings = edition.children(l1).unwrap_or_default();
                crate::t!(
                    "framework-pair-suggest",
                    level1 = l1,
                    level2 = l2,
                    siblings = list(siblings)
                )
            }
            None => {
                let level1: Vec<&str> = edition.tree().iter().map(|(l1, _)| l1).copied().collect();
                crate::t!(
                    "framework-pair-level1",
                    edition = edition,
                    names = list(&level1)
                )
            }
        };
        let help = if detected {
            crate::t!("framework-choose", help = help)
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
                crate::t!("framework-synonym", written = written, name = name.name),
                crate::t!(
                    "framework-synonym-help",
                    edition = edition,
                    name = name.name
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
                crate::t!("missing-group", group = group),
                crate::t!(
                    "missing-output-or-benefit-help",
                    group = group,
                    examples = examples
                ),
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
        crate::t!("missing-group", group = SATISFACTION),
        crate::t!("missing-satisfaction-help"),
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
        .map(|(i, r)| {
            crate::t!(
                "framework-row",
                row = i + 1,
                level1 = r.level1,
                level2 = r.level2
            )
        })
        .collect();
    out.report(
        "indicators",
        crate::t!(
            "framework-mixed",
            nearest = nearest,
            fits = fits,
            known = known
        ),
        crate::t!(
            "framework-mixed-help",
            rows = others.join(", "),
            nearest = nearest
        ),
    );
}
