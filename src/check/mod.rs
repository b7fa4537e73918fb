//! Check: the rules a loaded site must satisfy before it is published.
//!
//! A rule is a named function over one project (see [`Rule`]); the registry
//! in [`rules`] lists them all, each with a stable id and a default severity
//! that `site.toml` can change or switch off under `[check.rules]`. Rules
//! report a field path and a message that says what to write instead; the
//! line and column are filled in later by
//! [`Diagnostics::locate`](crate::diagnostics::Diagnostics::locate).
//! Checking is read-only and runs projects in parallel.

mod cache;
mod duplicates;
mod feeds;
mod footer;
pub mod history;
mod index_numbers;
pub mod rules;

use std::path::Path;

use crate::config::CheckConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity};
use crate::indicator::Readings;
use crate::indicator::results::Assessment;
use crate::model::{Project, Site};

pub(crate) use cache::{CheckCache, Dirty, check_changed, check_site_cached};
pub use rules::review::{PendingReview, PendingReviews, pending_reviews};

/// One named check.
pub struct Rule {
    /// Stable id, used in output and in `[check.rules]`. Its one-line
    /// summary for `check --list-rules` is the catalogue's `rule-<id>`, in
    /// the user's language (a test checks every id has one).
    pub id: &'static str,
    /// The severity when `[check.rules]` in `site.toml` does not re-level the rule.
    pub default_severity: Severity,
    /// Runs the rule on one project, pushing any findings; a plain function so the rule table
    /// can be a `static`.
    pub check: fn(&Project, &Context, &mut Findings),
}

/// What a rule may consult besides the project itself.
pub struct Context<'a> {
    /// The site's amount unit, which a project that names none is in.
    pub site_unit: crate::model::AmountUnit,
    /// The projects of the project's department (the project included),
    /// for the rules in [`rules::PEER_RULES`]; empty for every other rule.
    pub peers: &'a [std::sync::Arc<Project>],
    /// The `[check]` settings, such as the framework edition and the 满意度 floor.
    pub config: &'a CheckConfig,
    /// The project's values and categories, worked out once for all rules.
    pub readings: Readings,
    /// The project's 绩效自评 set beside its targets, worked out once for
    /// all rules; `None` without an evaluation.
    pub assessment: Option<Assessment>,
}

/// The most findings one rule reports on one file; the rest are counted
/// in one more finding. A file of 100,000 identical goals would otherwise
/// give 100,000 findings that say one thing, and gigabytes of report.
pub const MAX_PER_RULE: usize = 100;

/// Collects one rule's findings on one project, at the rule's severity.
pub struct Findings<'a> {
    rule: &'static str,
    severity: Severity,
    file: &'a Path,
    out: Vec<Diagnostic>,
    /// Findings past [`MAX_PER_RULE`], counted but not kept.
    more: usize,
}

impl Findings<'_> {
    /// Reports a finding about `field` (a path such as `indicators[2].value`;
    /// empty for the whole file).
    pub fn report(
        &mut self,
        field: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let file = self.file;
        self.report_in(file, field, message, help);
    }

    /// Reports a finding about `field` of another file than the project's:
    /// its 绩效自评 beside it (see [`crate::model::evaluation`]), whose
    /// findings the project's rules make.
    pub fn report_in(
        &mut self,
        file: &Path,
        field: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        if self.full() {
            return;
        }
        let field = field.into();
        let mut d = Diagnostic::new(self.severity, self.rule, file, message).help(help);
        if !field.is_empty() {
            d = d.field(field);
        }
        self.out.push(d);
    }

    /// Reports a finding at a place that no field path names, such as a
    /// comment line.
    pub fn report_at(
        &mut self,
        location: Location,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let file = self.file;
        self.report_at_in(file, location, message, help);
    }

    /// [`report_at`](Self::report_at) in another file (see
    /// [`report_in`](Self::report_in)).
    pub fn report_at_in(
        &mut self,
        file: &Path,
        location: Location,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        if self.full() {
            return;
        }
        let d = Diagnostic::new(self.severity, self.rule, file, message)
            .at(Some(location))
            .help(help);
        self.out.push(d);
    }

    /// True once [`MAX_PER_RULE`] findings are kept: the next is counted.
    fn full(&mut self) -> bool {
        let full = self.out.len() >= MAX_PER_RULE;
        self.more += usize::from(full);
        full
    }

    /// The findings, and one that counts those left out, if any.
    fn finish(mut self) -> Vec<Diagnostic> {
        if self.more > 0 {
            self.out.push(
                Diagnostic::new(
                    self.severity,
                    self.rule,
                    self.file,
                    crate::t!("limit-findings-more", count = self.more, rule = self.rule),
                )
                .help(crate::t!("limit-findings-more-help")),
            );
        }
        self.out
    }
}

/// The severity a rule runs at under `config`, or `None` when it is off.
fn severity_of(rule: &Rule, config: &CheckConfig) -> Option<Severity> {
    match config.rules.get(rule.id) {
        Some(level) => level.severity(),
        None => Some(rule.default_severity),
    }
}

/// The enabled rules at or above `floor`, with the severity each runs at.
/// Rules less severe than `floor` are not run at all: a build shows no
/// infos, and on a site with many findings producing them only to drop
/// them was a third of the build.
fn enabled_rules(config: &CheckConfig, floor: Severity) -> Vec<(&'static Rule, Severity)> {
    rules::ALL
        .iter()
        .filter_map(|rule| severity_of(rule, config).map(|s| (rule, s)))
        .filter(|(_, severity)| *severity <= floor)
        .collect()
}

/// Runs `rules` on one project. `peers` are the projects of its
/// department, given only to the rules of [`rules::PEER_RULES`].
fn run_rules(
    site: &Site,
    project: &Project,
    rules: &[(&'static Rule, Severity)],
    peers: &[std::sync::Arc<Project>],
) -> Vec<Diagnostic> {
    let mut context = Context {
        site_unit: site.config.amount_unit,
        peers: &[],
        config: &site.config.check,
        readings: Readings::of(project),
        assessment: Assessment::of(project),
    };
    let mut out = Vec::new();
    for (rule, severity) in rules {
        context.peers = if rules::PEER_RULES.contains(&rule.id) {
            peers
        } else {
            &[]
        };
        let mut findings = Findings {
            rule: rule.id,
            severity: *severity,
            file: &project.source,
            out: Vec::new(),
            more: 0,
        };
        (rule.check)(project, &context, &mut findings);
        out.extend(findings.finish());
    }
    out
}

/// Runs every check on the whole site, down to `floor` (the few site-wide
/// findings are cheap and always made). A rebuild runs the same check
/// through [`cache::check_site_cached`], reusing what its changes cannot
/// have moved.
pub(crate) fn check_site(site: &Site, floor: Severity) -> Diagnostics {
    cache::check_site_cached(site, floor, None, &Dirty::Everything).1
}

/// The findings about the site as a whole rather than one project file:
/// departments, totals, the rules across projects, the footer. Cheap, and
/// made afresh by every check, whole or incremental.
fn check_site_wide(site: &Site, floor: Severity) -> Vec<Diagnostic> {
    let mut out = check_departments(site);
    out.extend(rules::review::departments(site, floor));
    out.extend(check_totals(site));
    out.extend(check_across_projects(site, floor));
    out.extend(footer::check_footer(&site.config.footer));
    out
}

/// The site-level rules of [`history::SITE_RULES`], down to `floor`: one
/// call for a full check and for an incremental rebuild, so that the two
/// cannot differ in which of them they run.
pub(crate) fn check_across_projects(site: &Site, floor: Severity) -> Vec<Diagnostic> {
    let mut out = history::check_history(site, &site.config.check);
    out.extend(duplicates::project_duplicates(site, &site.config.check));
    out.extend(feeds::check_feeds(site));
    out.extend(index_numbers::index_numbers(site));
    out.retain(|d| d.severity <= floor);
    out
}

/// Site-level consistency: a department's `parent` must exist (a warning:
/// the parent may simply not publish here), and must not be the department
/// itself or lead back to it (an error: the hierarchy would be a loop).
fn check_departments(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &site.departments {
        let Some(parent) = d.parent.as_deref() else {
            continue;
        };
        if parent == d.code {
            out.push(
                Diagnostic::error(
                    "department-parent",
                    &d.source,
                    crate::t!("department-parent-self", parent = parent),
                )
                .field("parent")
                .help(crate::t!("department-parent-self-help")),
            );
            continue;
        }
        if site.department(parent).is_none() {
            out.push(
                Diagnostic::warning(
                    "unknown-parent",
                    &d.source,
                    crate::t!("unknown-parent", parent = parent),
                )
                .field("parent")
                .help(crate::t!("unknown-parent-help")),
            );
            continue;
        }
        // Follow the chain of parents; at most one step per department, so
        // the walk ends even when some other chain loops.
        let mut chain = vec![d.code.as_str()];
        let mut next = Some(parent);
        while let Some(code) = next.take() {
            if code == d.code {
                chain.push(code);
                out.push(
                    Diagnostic::error(
                        "department-parent",
                        &d.source,
                        crate::t!("department-parent-cycle", chain = chain.join(" → ")),
                    )
                    .field("parent")
                    .help(crate::t!("department-parent-cycle-help")),
                );
                break;
            }
            if chain.contains(&code) || chain.len() > site.departments.len() {
                break;
            }
            chain.push(code);
            next = site.department(code).and_then(|p| p.parent.as_deref());
        }
    }
    out
}

/// The totals the pages show (the site's and each department's, in the
/// site's unit) must fit in a decimal: every figure near the limit is legal
/// on its own, so only the sum can tell. The error names the project whose
/// amount tipped the sum over, and the largest figures it was added to.
pub fn check_totals(site: &Site) -> Vec<Diagnostic> {
    let unit = site.config.amount_unit;
    let projects = site.projects.iter().map(|p| &**p);
    let Err(culprit) = crate::model::checked_total_of(projects, unit, unit) else {
        return Vec::new();
    };
    let mut largest: Vec<&crate::model::Project> = site
        .projects
        .iter()
        .map(|p| &**p)
        .filter(|p| p.source != culprit.source)
        .collect();
    largest.sort_by_key(|p| std::cmp::Reverse(p.amount.0.abs()));
    let mut named: Vec<String> = largest
        .iter()
        .take(3)
        .map(|p| format!("{} ({})", p.source.display(), p.amount))
        .collect();
    if largest.len() > 3 {
        named.push(crate::t!("and-more", count = largest.len() - 3));
    }
    let message = if named.is_empty() {
        crate::t!("amount-unconvertible", amount = culprit.amount, unit = unit)
    } else {
        crate::t!(
            "amount-total-overflow",
            amount = culprit.amount,
            unit = unit,
            largest = named.join(", ")
        )
    };
    vec![
        Diagnostic::error("amount-total", &culprit.source, message)
            .field("amount")
            .help(crate::t!("amount-total-help")),
    ]
}

/// Rejects `site.toml` rule names that no rule has, which would otherwise
/// silently leave a rule at its default level.
pub(crate) fn check_rule_names(config: &CheckConfig) -> Vec<Diagnostic> {
    let ids: Vec<&str> = rules::ALL
        .iter()
        .map(|r| r.id)
        .chain(history::SITE_RULES.iter().map(|r| r.id))
        .collect();
    config
        .rules
        .keys()
        .filter(|name| !ids.contains(&name.as_str()))
        .map(|name| {
            let help = crate::suggest::did_you_mean(name, &ids)
                .unwrap_or_else(|| crate::t!("list-rules-hint"));
            Diagnostic::error(
                "config",
                crate::config::FILE_NAME,
                crate::t!("unknown-rule", name = name),
            )
            .help(help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;

    #[test]
    fn one_rule_reports_at_most_its_cap_on_one_file_and_counts_the_rest() {
        let goals = vec!["同一个目标"; 250].join(", ");
        let mut project: Project = crate::yaml::from_str(&format!(
            "{{year: 2023, name: p, amount: 1, goals: [{goals}], indicators: []}}"
        ))
        .unwrap();
        project.source = "content/1/p.yaml".into();
        let site = Site::of_projects(Config::new("t"), vec![Arc::new(project)]);
        let found: Vec<Diagnostic> = check_site(&site, Severity::Info)
            .into_iter()
            .filter(|d| d.rule == "duplicate-goal")
            .collect();
        assert_eq!(found.len(), MAX_PER_RULE + 1);
        let last = found.last().unwrap();
        assert!(
            last.field.is_none() && last.message.contains("149"),
            "{last:?}"
        );
    }
}
