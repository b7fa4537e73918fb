//! Site-level rules about a project across budget years, on the identity
//! that [`crate::history`] decides; and [`SITE_RULES`], the table of every
//! site-level rule (with `project-duplicate`, in `duplicates.rs`).
//!
//! They look at the whole site at once (a project vanishes only relative to
//! the next year), so they are not per-project [`Rule`](super::Rule)s:
//! they run once per full check and once per incremental rebuild, over the
//! new site (both through `check_across_projects`). The history rules are
//! warnings: a project may end, and two years' names may look alike without
//! being one project. A suggestion to join two years is only ever a
//! suggestion; `previous_ids` is written by a person.

use std::collections::{BTreeMap, HashSet};

use crate::config::CheckConfig;
use crate::diagnostics::{Diagnostic, Severity};
use crate::history::{History, closest_name};
use crate::model::{Project, Site};

/// A rule over the whole site: an id and level like [`super::Rule`], for
/// `[check.rules]` and `--list-rules`, without a per-project function.
pub struct SiteRule {
    /// Stable id, used in output and in `[check.rules]`; its summary is
    /// the catalogue's `rule-<id>`.
    pub id: &'static str,
    /// The severity when `[check.rules]` does not re-level the rule.
    pub default_severity: Severity,
}

/// Every site-level rule, listed after the per-project ones.
pub static SITE_RULES: &[SiteRule] = &[
    SiteRule {
        id: "history-vanished",
        default_severity: Severity::Warning,
    },
    SiteRule {
        id: "history-renamed",
        default_severity: Severity::Warning,
    },
    SiteRule {
        id: "history-unknown-previous",
        default_severity: Severity::Warning,
    },
    SiteRule {
        id: "history-same-year",
        default_severity: Severity::Warning,
    },
    SiteRule {
        id: "project-duplicate",
        default_severity: Severity::Error,
    },
    // The feed rules, in `feeds.rs`.
    SiteRule {
        id: "feeds-no-base-url",
        default_severity: Severity::Info,
    },
    SiteRule {
        id: "feed-date-unreadable",
        default_severity: Severity::Warning,
    },
    SiteRule {
        id: "feed-undated",
        default_severity: Severity::Info,
    },
    SiteRule {
        id: "index-number-duplicate",
        default_severity: Severity::Error,
    },
    SiteRule {
        id: "index-number-missing",
        default_severity: Severity::Warning,
    },
];

/// The level the site rule `id` runs at under `config`, or `None` when it
/// is switched off.
pub(super) fn site_rule_level(id: &str, config: &CheckConfig) -> Option<Severity> {
    let rule = SITE_RULES.iter().find(|r| r.id == id)?;
    match config.rules.get(id) {
        Some(level) => level.severity(),
        None => Some(rule.default_severity),
    }
}

/// Runs the history rules over `site`, at the levels `config` sets.
pub(crate) fn check_history(site: &Site, config: &CheckConfig) -> Vec<Diagnostic> {
    let level = |id: &str| site_rule_level(id, config);
    let history = History::of(site);
    let mut out = Vec::new();
    let vanished = level("history-vanished");
    let renamed = level("history-renamed");
    if vanished.is_some() || renamed.is_some() {
        next_year_rules(site, &history, vanished, renamed, &mut out);
    }
    if let Some(severity) = level("history-unknown-previous") {
        unknown_previous(site, severity, &mut out);
    }
    if let Some(severity) = level("history-same-year") {
        same_year(site, &history, severity, &mut out);
    }
    out
}

/// The identity a `previous_ids` entry should name: the `id`, else the
/// file name.
fn identity_of(p: &Project) -> &str {
    p.id.as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .unwrap_or(&p.slug)
}

/// Each department's consecutive years: the projects of year `y` that are
/// missing from the department's next year, and the next year's projects
/// that have no earlier year at all.
fn next_year_rules(
    site: &Site,
    history: &History,
    vanished: Option<Severity>,
    renamed: Option<Severity>,
    out: &mut Vec<Diagnostic>,
) {
    let years_of_chain = |i: usize| -> Vec<u16> {
        history
            .chain(i)
            .iter()
            .map(|&j| site.projects[j].year)
            .collect()
    };
    let mut start = 0;
    while start < site.projects.len() {
        let code = site.projects[start].department.as_str();
        let end = start
            + site.projects[start..]
                .iter()
                .take_while(|p| p.department == code)
                .count();
        let mut by_year: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
        for i in start..end {
            by_year.entry(site.projects[i].year).or_default().push(i);
        }
        let years: Vec<u16> = by_year.keys().copied().collect();
        for pair in years.windows(2) {
            let (year, next) = (pair[0], pair[1]);
            let mut gone: Vec<&Project> = Vec::new();
            for &i in &by_year[&year] {
                let p = &*site.projects[i];
                if p.ended || years_of_chain(i).contains(&next) {
                    continue;
                }
                gone.push(p);
                if let Some(severity) = vanished {
                    out.push(
                        Diagnostic::new(
                            severity,
                            "history-vanished",
                            &p.source,
                            crate::t!("history-vanished", name = p.name, year = year, next = next),
                        )
                        .field("name")
                        .help(crate::t!(
                            "history-vanished-help",
                            year = year,
                            next = next
                        )),
                    );
                }
            }
            let Some(severity) = renamed else { continue };
            if gone.is_empty() {
                continue;
            }
            for &i in &by_year[&next] {
                let p = &*site.projects[i];
                if years_of_chain(i).iter().any(|y| *y < next) {
                    continue;
                }
                let Some(old) = closest_name(&p.name, &gone) else {
                    continue;
                };
                out.push(
                    Diagnostic::new(
                        severity,
                        "history-renamed",
                        &p.source,
                        crate::t!(
                            "history-renamed",
                            name = p.name,
                            old = old.name,
                            year = old.year,
                            file = old.source.display()
                        ),
                    )
                    .field("name")
                    .help(crate::t!(
                        "history-renamed-help",
                        id = identity_of(old),
                        old = old.name
                    )),
                );
            }
        }
        start = end;
    }
}

/// `previous_ids` entries that match no project of an earlier year (an
/// `id` anywhere, or a file name in the same department).
fn unknown_previous(site: &Site, severity: Severity, out: &mut Vec<Diagnostic>) {
    let ids: HashSet<&str> = site
        .projects
        .iter()
        .filter_map(|p| p.id.as_deref().map(str::trim))
        .collect();
    let locals: HashSet<(&str, &str)> = site
        .projects
        .iter()
        .filter(|p| p.id.as_deref().is_none_or(|id| id.trim().is_empty()))
        .map(|p| (p.department.as_str(), p.slug.as_str()))
        .collect();
    for p in &site.projects {
        for (n, previous) in p.previous_ids.iter().enumerate() {
            let previous = previous.trim();
            if ids.contains(previous) || locals.contains(&(p.department.as_str(), previous)) {
                continue;
            }
            let candidates: Vec<&str> = site
                .projects_of(&p.department)
                .iter()
                .filter(|q| q.year < p.year)
                .map(|q| identity_of(q))
                .collect();
            let help = crate::suggest::did_you_mean(previous, &candidates)
                .unwrap_or_else(|| crate::t!("history-unknown-previous-help"));
            out.push(
                Diagnostic::new(
                    severity,
                    "history-unknown-previous",
                    &p.source,
                    crate::t!("history-unknown-previous", id = previous),
                )
                .field(format!("previous_ids[{n}]"))
                .help(help),
            );
        }
    }
}

/// Two projects of one year in one chain: an `id` copied into another
/// file, or `previous_ids` naming a project of the same year.
fn same_year(site: &Site, history: &History, severity: Severity, out: &mut Vec<Diagnostic>) {
    for chain in history.chains() {
        for pair in chain.windows(2) {
            let (a, b) = (&site.projects[pair[0]], &site.projects[pair[1]]);
            if a.year == b.year {
                out.push(
                    Diagnostic::new(
                        severity,
                        "history-same-year",
                        &b.source,
                        crate::t!(
                            "history-same-year",
                            year = b.year,
                            other = a.source.display()
                        ),
                    )
                    .help(crate::t!("history-same-year-help")),
                );
            }
        }
    }
}
