//! The page plan: which output files a site has, and which inputs feed them.
//!
//! `build` renders the whole plan; `watch` asks `affected` which entries a
//! set of changed inputs touches and renders only those. Keeping both
//! answers in this one module is what makes an incremental rebuild produce
//! exactly the bytes of a clean build. Every output path is assembled here
//! from validated parts (digits, years, `[a-z0-9-]` slugs and theme file
//! names checked by [`OutputPath::new`]), so no output can escape the
//! output directory. The plan's own checks live here too: two pages that
//! would land on one path are reported by `checked_plan`, pointing at
//! the file the second page comes from.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::layout::{CONFIG_FILE, OutputPath};
use crate::model::{ProjectKey, Site};

/// What an output file shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// The site's front page: departments and totals.
    Index,
    /// `404.html`, served by the host at any depth.
    NotFound,
    /// One department's page, by its code.
    Department(String),
    /// One project's page.
    Project(ProjectKey),
    /// A free-standing Markdown page, by slug.
    Page(String),
    /// A theme file copied as it is, by its path under `static/`.
    Static(String),
}

/// One output file of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Planned {
    /// What the file shows, and so what feeds it.
    pub kind: PageKind,
    /// Where it goes under the output folder.
    pub path: OutputPath,
}

/// Where each kind of page lives. Directory-style URLs end in `index.html`
/// so that the site also works when opened from `file://`.
pub(crate) fn path_of(kind: &PageKind) -> Option<OutputPath> {
    let path = match kind {
        PageKind::Index => "index.html".to_owned(),
        PageKind::NotFound => "404.html".to_owned(),
        PageKind::Department(code) => format!("{code}/index.html"),
        PageKind::Project(key) => {
            format!("{}/{}/{}/index.html", key.year, key.department, key.slug)
        }
        PageKind::Page(slug) => format!("pages/{slug}/index.html"),
        PageKind::Static(file) => format!("static/{file}"),
    };
    OutputPath::new(&path)
}

/// The href of a page relative to the site root, for use in views.
pub(crate) fn href_of(kind: &PageKind) -> String {
    path_of(kind)
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default()
}

/// Every output of `site`, in a stable order. `statics` are the theme's
/// static file names.
pub fn plan(site: &Site, statics: &[String]) -> Vec<Planned> {
    let kinds = [PageKind::Index, PageKind::NotFound]
        .into_iter()
        .chain(
            site.departments
                .iter()
                .map(|d| PageKind::Department(d.code.clone())),
        )
        .chain(site.projects.iter().map(|p| PageKind::Project(p.key())))
        .chain(site.pages.iter().map(|p| PageKind::Page(p.slug.clone())))
        .chain(statics.iter().map(|s| PageKind::Static(s.clone())));
    kinds
        .filter_map(|kind| path_of(&kind).map(|path| Planned { kind, path }))
        .collect()
}

/// The outputs whose paths collide, as (first, second) pairs. A department
/// code equal to a year, for instance, would put two pages at one path.
pub(crate) fn collisions(plan: &[Planned]) -> Vec<(&Planned, &Planned)> {
    let mut sorted: Vec<&Planned> = plan.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted
        .windows(2)
        .filter(|w| w[0].path == w[1].path)
        .map(|w| (w[0], w[1]))
        .collect()
}

/// What changed between two versions of the inputs, as `watch` sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Change {
    /// Projects added, removed or edited, by old and new key.
    pub projects: BTreeSet<ProjectKey>,
    /// Departments whose `_department.yaml` changed.
    pub departments: BTreeSet<String>,
    /// Anything that every page shows: configuration, theme, page list.
    pub everything: bool,
}

/// The entries of `plan` that must be re-rendered after `change`.
///
/// A project edit touches its own page, its department's page (name, year
/// and amount appear there) and the index (totals); a department edit also
/// touches its projects' pages, which show the department name.
pub(crate) fn affected<'a>(plan: &'a [Planned], change: &Change) -> Vec<&'a Planned> {
    if change.everything {
        return plan.iter().collect();
    }
    let departments: BTreeSet<&str> = change
        .projects
        .iter()
        .map(|k| k.department.as_str())
        .chain(change.departments.iter().map(String::as_str))
        .collect();
    plan.iter()
        .filter(|entry| match &entry.kind {
            PageKind::Index => !departments.is_empty(),
            PageKind::Department(code) => departments.contains(code.as_str()),
            PageKind::Project(key) => {
                change.projects.contains(key) || change.departments.contains(&key.department)
            }
            PageKind::NotFound | PageKind::Page(_) | PageKind::Static(_) => false,
        })
        .collect()
}

/// The page plan, or an error naming two outputs that would collide.
/// `statics` are the theme's static file names.
pub(crate) fn checked_plan(site: &Site, statics: &[String]) -> Result<Vec<Planned>> {
    let plan = plan(site, statics);
    let collisions = collision_errors(site, &plan);
    if collisions.is_empty() {
        Ok(plan)
    } else {
        Err(Error::Content(collisions))
    }
}

/// The outputs' paths collide: each pair as an error on the second
/// page's source, naming both pages.
pub(crate) fn collision_errors(site: &Site, plan: &[Planned]) -> Diagnostics {
    collisions(plan)
        .into_iter()
        .map(|(a, b)| {
            Diagnostic::error(
                "path-collision",
                source_of(site, &b.kind),
                format!(
                    "{} and {} would both be written to {}",
                    describe(&a.kind),
                    describe(&b.kind),
                    a.path
                ),
            )
            .help("a department code must not equal a budget year; rename one of them")
        })
        .collect()
}

/// The file a page comes from, for pointing a finding at it; `site.toml`
/// for pages that come from no single file.
pub(crate) fn source_of(site: &Site, kind: &PageKind) -> PathBuf {
    match kind {
        PageKind::Department(code) => site.department(code).map(|d| d.source.clone()),
        PageKind::Project(key) => site.project(key).map(|p| p.source.clone()),
        _ => None,
    }
    .unwrap_or_else(|| PathBuf::from(CONFIG_FILE))
}

/// A page as a reader of an error message knows it.
pub(crate) fn describe(kind: &PageKind) -> String {
    match kind {
        PageKind::Department(code) => format!("department {code}"),
        PageKind::Project(key) => format!("project {}/{}/{}", key.year, key.department, key.slug),
        other => format!("{other:?}"),
    }
}

/// How many outputs are HTML pages (static files not counted).
pub(crate) fn html_pages(plan: &[Planned]) -> usize {
    plan.iter()
        .filter(|p| !matches!(p.kind, PageKind::Static(_)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_matches_depth() {
        let p = path_of(&PageKind::Project(ProjectKey {
            department: "504001".into(),
            year: 2023,
            slug: "a".into(),
        }))
        .unwrap();
        assert_eq!(p.root_prefix(), "../../../");
        assert_eq!(path_of(&PageKind::Index).unwrap().root_prefix(), "");
    }

    #[test]
    fn project_edit_touches_its_page_department_and_index_only() {
        let key = |d: &str, s: &str| ProjectKey {
            department: d.into(),
            year: 2023,
            slug: s.into(),
        };
        let plan: Vec<Planned> = [
            PageKind::Index,
            PageKind::NotFound,
            PageKind::Department("1".into()),
            PageKind::Department("2".into()),
            PageKind::Project(key("1", "a")),
            PageKind::Project(key("1", "b")),
            PageKind::Project(key("2", "c")),
        ]
        .into_iter()
        .map(|kind| Planned {
            path: path_of(&kind).unwrap(),
            kind,
        })
        .collect();
        let change = Change {
            projects: [key("1", "a")].into(),
            ..Change::default()
        };
        let touched: Vec<&PageKind> = affected(&plan, &change)
            .into_iter()
            .map(|p| &p.kind)
            .collect();
        assert_eq!(
            touched,
            [
                &PageKind::Index,
                &PageKind::Department("1".into()),
                &PageKind::Project(key("1", "a"))
            ]
        );
    }
}
