//! `project-duplicate`: two project files that are one project.
//!
//! A project is identified by its budget year and 项目编码 (`code`), or,
//! when either file has no code, by its year, department and name: the
//! identity by which `gongkai import` recognises a project it has written
//! before. Two files with one identity (an import run twice, a copy left
//! beside the original) would count the amount twice in every total, so
//! the site cannot be shown faithfully: an error, unlike the plausibility
//! rules. It is reported on the later file in path order, at its `code:`
//! or `name:` line, naming the earlier one. Files that share their URL as
//! well (department, year and file name) are left to `duplicate-slug`,
//! which already stops the build.
//!
//! A site-level rule: it runs on every full check and on every incremental
//! rebuild, over the whole new site, because a save can create a duplicate
//! of a file that did not change.

use std::collections::HashMap;

use super::history::site_rule_level;
use crate::config::CheckConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Project, Site};

/// Which part of the identity two files share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shared {
    /// The year and the 项目编码.
    Code,
    /// The year, the department and the name; one file has no code.
    Name,
}

/// The project's 项目编码, when it has one that is not blank.
fn code_of(p: &Project) -> Option<&str> {
    p.code.as_deref().map(str::trim).filter(|c| !c.is_empty())
}

/// The findings of `project-duplicate` on `site`, at the level `config`
/// sets.
pub(super) fn project_duplicates(site: &Site, config: &CheckConfig) -> Vec<Diagnostic> {
    let Some(severity) = site_rule_level("project-duplicate", config) else {
        return Vec::new();
    };
    let mut projects: Vec<&Project> = site.projects.iter().map(|p| &**p).collect();
    projects.sort_by(|a, b| a.source.cmp(&b.source));
    // The first file (in path order) of each identity: by code; by name
    // among every file; and by name among the files without a code.
    let mut by_code: HashMap<(u16, &str), &Project> = HashMap::new();
    let mut by_name: HashMap<(u16, &str, &str), &Project> = HashMap::new();
    let mut uncoded: HashMap<(u16, &str, &str), &Project> = HashMap::new();
    let mut out = Vec::new();
    for p in projects {
        let code = code_of(p);
        let name = p.name.trim();
        // An empty name is `required-text`'s to report; it names nothing.
        let name_key = (!name.is_empty()).then_some((p.year, p.department.as_str(), name));
        let earlier = match code {
            Some(code) => by_code
                .get(&(p.year, code))
                .map(|q| (*q, Shared::Code))
                .or_else(|| {
                    name_key
                        .and_then(|k| uncoded.get(&k))
                        .map(|q| (*q, Shared::Name))
                }),
            None => name_key
                .and_then(|k| by_name.get(&k))
                .map(|q| (*q, Shared::Name)),
        };
        if let Some(code) = code {
            by_code.entry((p.year, code)).or_insert(p);
        }
        if let Some(key) = name_key {
            by_name.entry(key).or_insert(p);
            if code.is_none() {
                uncoded.entry(key).or_insert(p);
            }
        }
        let Some((first, shared)) = earlier else {
            continue;
        };
        if first.key_parts() == p.key_parts() {
            continue;
        }
        let other = first.source.display();
        let (field, message, help) = match shared {
            Shared::Code => (
                "code",
                crate::t!(
                    "project-duplicate-code",
                    year = p.year,
                    code = code.unwrap_or_default(),
                    other = other
                ),
                crate::t!("project-duplicate-code-help", other = other),
            ),
            Shared::Name => (
                "name",
                crate::t!(
                    "project-duplicate-name",
                    year = p.year,
                    department = p.department,
                    name = name,
                    other = other
                ),
                crate::t!("project-duplicate-name-help", other = other),
            ),
        };
        out.push(
            Diagnostic::new(severity, "project-duplicate", &p.source, message)
                .field(field)
                .help(help),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;

    /// A project of department 504001 from (file name, year, code, name).
    fn project(slug: &str, year: u16, code: Option<&str>, name: &str) -> Arc<Project> {
        let mut p: Project = crate::yaml::from_str(&format!(
            "{{year: {year}, name: {name}, amount: 1, goals: [g], indicators: []}}"
        ))
        .unwrap();
        p.code = code.map(str::to_owned);
        p.slug = slug.to_owned();
        p.department = "504001".to_owned();
        p.source = format!("content/504001/{slug}.yaml").into();
        Arc::new(p)
    }

    /// (file, field, the earlier file it names) of each finding.
    fn found(projects: Vec<Arc<Project>>) -> Vec<(String, String, String)> {
        let site = Site::of_projects(Config::new("t"), projects);
        project_duplicates(&site, &site.config.check)
            .into_iter()
            .map(|d| {
                let named = site
                    .projects
                    .iter()
                    .map(|p| p.source.display().to_string())
                    .find(|f| d.message.contains(f.as_str()))
                    .unwrap_or_default();
                (
                    d.file.display().to_string(),
                    d.field.unwrap_or_default(),
                    named,
                )
            })
            .collect()
    }

    /// A finding on `file` at `field` that names `other`.
    fn at(file: &str, field: &str, other: &str) -> (String, String, String) {
        let path = |f: &str| format!("content/504001/{f}.yaml");
        (path(file), field.to_owned(), path(other))
    }

    #[test]
    fn the_same_year_and_code_is_one_project() {
        // Reported on the later file in path order, whatever the names.
        let found = found(vec![
            project("b", 2023, Some("X1"), "乙"),
            project("a", 2023, Some(" X1 "), "甲"),
        ]);
        assert_eq!(found, vec![at("b", "code", "a")]);
        // Another year, or another code, is another project.
        assert!(
            super::tests::found(vec![
                project("a", 2023, Some("X1"), "甲"),
                project("b", 2024, Some("X1"), "甲"),
                project("c", 2023, Some("X2"), "甲"),
            ])
            .is_empty()
        );
    }

    #[test]
    fn without_a_code_the_name_decides() {
        let found = found(vec![
            project("a", 2023, None, "康复经费"),
            project("b", 2023, Some("X1"), "康复经费"),
            project("c", 2023, None, "\" 康复经费 \""),
        ]);
        assert_eq!(found, vec![at("b", "name", "a"), at("c", "name", "a")]);
        // A file with a code matches one without it, by name.
        assert_eq!(
            super::tests::found(vec![
                project("a", 2023, Some("X1"), "康复经费"),
                project("b", 2023, Some("X2"), "其他"),
                project("c", 2023, None, "康复经费"),
            ]),
            vec![at("c", "name", "a")]
        );
        // Two codes that differ keep two projects apart, names alike.
        assert!(
            super::tests::found(vec![
                project("a", 2023, Some("X1"), "康复经费"),
                project("b", 2023, Some("X2"), "康复经费"),
            ])
            .is_empty()
        );
        // An empty name identifies nothing.
        assert!(
            super::tests::found(vec![
                project("a", 2023, None, "\"\""),
                project("b", 2023, None, "\"\""),
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_third_copy_names_the_first() {
        let found = found(vec![
            project("a", 2023, Some("X1"), "甲"),
            project("b", 2023, Some("X1"), "甲"),
            project("c", 2023, Some("X1"), "甲"),
        ]);
        assert_eq!(found, vec![at("b", "code", "a"), at("c", "code", "a")]);
    }
}
