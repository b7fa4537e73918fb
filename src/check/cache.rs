//! The check of a rebuild: the findings of the last check, kept per
//! project file, and a check that works out again only what a change can
//! have moved.
//!
//! A full check and a rebuild's check are one function,
//! [`check_site_cached`]: a full check is a rebuild with nothing cached. So
//! the two cannot differ in which rules they run, and a site-wide rule added
//! to [`check_site_wide`](super::check_site_wide) follows every save.
//!
//! What a change can move:
//! - a changed project file's own findings (all of its rules run again);
//! - the findings of the rules in [`PEER_RULES`] on every project of a
//!   department that gained, lost or changed a project (an edit moves
//!   the department's median amount, which `amount-unit` compares with);
//! - every site-wide finding (made afresh each time; they are cheap).
//!
//! Everything else is taken from the cache as it was.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::rules::PEER_RULES;
use super::{Rule, check_site_wide, enabled_rules, run_rules};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::layout;
use crate::model::Site;

/// The per-project findings of the last check, by project file.
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckCache {
    /// The floor they were made at; a check at another floor ignores them.
    floor: Option<Severity>,
    files: HashMap<PathBuf, Arc<FileFindings>>,
}

/// One project file's findings, split by what they depend on.
#[derive(Debug, Default)]
struct FileFindings {
    /// Of the rules that read the project alone.
    own: Vec<Diagnostic>,
    /// Of the rules in [`PEER_RULES`], which read its department too.
    peers: Vec<Diagnostic>,
}

/// What changed since a [`CheckCache`] was made.
#[derive(Debug, Clone)]
pub(crate) enum Dirty {
    /// Anything: configuration, theme, the tree. Nothing cached is used.
    Everything,
    /// Only these project files (added, removed or edited), in these
    /// departments (before or after the change).
    Projects {
        files: BTreeSet<PathBuf>,
        departments: BTreeSet<String>,
    },
}

/// Rules with the severity each runs at.
type Rules = Vec<(&'static Rule, Severity)>;

/// The rules enabled down to `floor`: those that read the project alone,
/// and the [`PEER_RULES`], which read its department too.
fn split_rules(site: &Site, floor: Severity) -> (Rules, Rules) {
    enabled_rules(&site.config.check, floor)
        .into_iter()
        .partition(|(rule, _)| !PEER_RULES.contains(&rule.id))
}

/// Checks `site` down to `floor`, reusing from `cache` the findings that
/// `dirty` cannot have moved. Returns the new cache and every finding of
/// the site, exactly those a full check of it gives.
pub(crate) fn check_site_cached(
    site: &Site,
    floor: Severity,
    cache: Option<&CheckCache>,
    dirty: &Dirty,
) -> (CheckCache, Diagnostics) {
    let usable = cache.filter(|c| c.floor == Some(floor) && !matches!(dirty, Dirty::Everything));
    let (own_rules, peer_rules) = split_rules(site, floor);
    let files: Vec<(PathBuf, Arc<FileFindings>)> = site
        .projects
        .par_iter()
        .map(|project| {
            let peers = || site.projects_of(&project.department);
            let cached = usable.and_then(|c| c.files.get(&project.source));
            let findings = match (cached, dirty) {
                (Some(old), Dirty::Projects { files, departments })
                    if !files.contains(&project.source) =>
                {
                    if departments.contains(&project.department) {
                        Arc::new(FileFindings {
                            own: old.own.clone(),
                            peers: run_rules(site, project, &peer_rules, peers()),
                        })
                    } else {
                        Arc::clone(old)
                    }
                }
                _ => Arc::new(FileFindings {
                    own: run_rules(site, project, &own_rules, &[]),
                    peers: run_rules(site, project, &peer_rules, peers()),
                }),
            };
            (project.source.clone(), findings)
        })
        .collect();
    let mut diagnostics = Diagnostics::default();
    for (_, findings) in &files {
        diagnostics.extend(findings.own.iter().cloned());
        diagnostics.extend(findings.peers.iter().cloned());
    }
    diagnostics.extend(check_site_wide(site, floor));
    let cache = CheckCache {
        floor: Some(floor),
        files: files.into_iter().collect(),
    };
    (cache, diagnostics)
}

/// The findings of `site` down to `floor` that can differ from those of
/// another version of it whose projects differ only in `files` (added,
/// removed or changed) in `departments`: every site-wide finding, all of a
/// changed file's rules, and the [`PEER_RULES`] of every project in a
/// changed department. A project outside them has the same findings in
/// both versions, so `gongkai diff` need not check it at all.
pub(crate) fn check_changed(
    site: &Site,
    floor: Severity,
    files: &BTreeSet<PathBuf>,
    departments: &BTreeSet<String>,
) -> Diagnostics {
    let (own_rules, peer_rules) = split_rules(site, floor);
    let found: Vec<Vec<Diagnostic>> = site
        .projects
        .par_iter()
        .filter(|p| files.contains(&p.source) || departments.contains(&p.department))
        .map(|project| {
            let mut out = Vec::new();
            if files.contains(&project.source) {
                out = run_rules(site, project, &own_rules, &[]);
            }
            let peers = site.projects_of(&project.department);
            out.extend(run_rules(site, project, &peer_rules, peers));
            out
        })
        .collect();
    let mut diagnostics: Diagnostics = found.into_iter().flatten().collect();
    diagnostics.extend(check_site_wide(site, floor));
    diagnostics
}

impl Dirty {
    /// The findings among `diagnostics` (all of the site's, from
    /// [`check_site_cached`] with this change) that the change can have
    /// moved: every error, those about the changed files, the
    /// [`PEER_RULES`] findings in the changed departments and every
    /// site-wide one. A save reports these; the rest were reported before,
    /// and locating every warning of a large site on every save would read
    /// all of its files.
    pub(crate) fn moved(
        &self,
        site: &Site,
        cache: &CheckCache,
        diagnostics: Diagnostics,
    ) -> Diagnostics {
        let Dirty::Projects { files, departments } = self else {
            return diagnostics;
        };
        let peers: BTreeSet<&PathBuf> = departments
            .iter()
            .flat_map(|code| site.projects_of(code))
            .map(|p| &p.source)
            .collect();
        diagnostics
            .into_iter()
            .filter(|d| {
                // A finding on an evaluation belongs to its project file,
                // whose rules made it and under whose name it is cached.
                let file = layout::owning_project(&d.file);
                d.severity == Severity::Error
                    || files.contains(&file)
                    || (PEER_RULES.contains(&d.rule.as_str()) && peers.contains(&file))
                    || !cache.files.contains_key(&file)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::Project;

    fn project(dept: &str, name: &str, amount: &str) -> Arc<Project> {
        let mut p: Project = crate::yaml::from_str(&format!(
            "{{year: 2023, name: {name}, amount: \"{amount}\", goals: [g], indicators: []}}"
        ))
        .unwrap();
        p.department = dept.into();
        p.slug = name.into();
        p.source = format!("content/{dept}/{name}.yaml").into();
        Arc::new(p)
    }

    fn site(projects: Vec<Arc<Project>>) -> Site {
        Site::of_projects(Config::new("t"), projects)
    }

    fn sorted(d: Diagnostics) -> Vec<Diagnostic> {
        let mut v: Vec<Diagnostic> = d.into_iter().collect();
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v
    }

    /// An edit of one project moves another's `amount-unit` finding: the
    /// cached check must see it, as a full check does.
    #[test]
    fn a_neighbours_edit_moves_a_peer_finding() {
        let small = |n: &str| project("1", n, "1");
        let big = project("1", "big", "5000");
        let before = site(vec![small("a"), small("b"), small("c"), big.clone()]);
        let (cache, found) =
            check_site_cached(&before, Severity::Warning, None, &Dirty::Everything);
        assert!(found.iter().any(|d| d.rule == "amount-unit"), "{found:?}");
        // `a` becomes large too: the median moves, `big` is no longer out of scale.
        let after = site(vec![
            project("1", "a", "4000"),
            small("b"),
            project("1", "c", "4000"),
            big,
        ]);
        let dirty = Dirty::Projects {
            files: ["content/1/a.yaml", "content/1/c.yaml"]
                .map(PathBuf::from)
                .into(),
            departments: ["1".to_owned()].into(),
        };
        let (_, cached) = check_site_cached(&after, Severity::Warning, Some(&cache), &dirty);
        let full = super::super::check_site(&after, Severity::Warning);
        assert_eq!(sorted(cached), sorted(full));
    }

    /// Checking two versions only where they differ finds the same
    /// introduced and resolved findings as checking both whole.
    #[test]
    fn checking_only_the_difference_finds_the_same_changes() {
        let small = |n: &str| project("1", n, "1");
        let before = site(vec![
            small("a"),
            small("b"),
            project("1", "big", "5000"),
            project("2", "x", "1"),
            project("2", "y", "9000"),
        ]);
        let after = site(vec![
            project("1", "a", "4000"),
            small("b"),
            project("1", "big", "5000"),
            project("2", "x", "1"),
            project("2", "y", "9000"),
        ]);
        let only = |a: Vec<Diagnostic>, b: &[Diagnostic]| -> Vec<Diagnostic> {
            let mut rest = b.to_vec();
            a.into_iter()
                .filter(|d| match rest.iter().position(|r| r == d) {
                    Some(i) => {
                        rest.remove(i);
                        false
                    }
                    None => true,
                })
                .collect()
        };
        let changes = |old: Diagnostics, new: Diagnostics| {
            let (old, new) = (sorted(old), sorted(new));
            (only(new.clone(), &old), only(old, &new))
        };
        let floor = Severity::Warning;
        let whole = changes(
            super::super::check_site(&before, floor),
            super::super::check_site(&after, floor),
        );
        let files: BTreeSet<PathBuf> = [PathBuf::from("content/1/a.yaml")].into();
        let departments: BTreeSet<String> = ["1".to_owned()].into();
        let part = changes(
            check_changed(&before, floor, &files, &departments),
            check_changed(&after, floor, &files, &departments),
        );
        assert_eq!(whole, part);
        assert!(
            !whole.1.is_empty(),
            "the edit resolves a finding: {whole:?}"
        );
    }

    /// A cache made at another floor is never used.
    #[test]
    fn another_floor_checks_everything() {
        let s = site(vec![project("1", "a", "1")]);
        let (cache, _) = check_site_cached(&s, Severity::Error, None, &Dirty::Everything);
        let dirty = Dirty::Projects {
            files: BTreeSet::new(),
            departments: BTreeSet::new(),
        };
        let (_, info) = check_site_cached(&s, Severity::Info, Some(&cache), &dirty);
        assert_eq!(
            sorted(info),
            sorted(super::super::check_site(&s, Severity::Info))
        );
    }
}
