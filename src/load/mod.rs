//! Load: from the content tree on disk to a [`Site`].
//!
//! This stage reads what [`layout`](crate::layout) says is content
//! (departments, projects, pages) and reports what it says are mistakes (a
//! `.yml` file, a project outside any department), plus what only the
//! loaded data can show (a duplicate code or slug). It never stops at the first problem: it loads
//! everything it can and returns every finding, so that a user sees all
//! errors at once. Files are parsed in parallel; the result is sorted, so the
//! order never depends on the file system or on thread scheduling.

mod attachments;
mod evaluation;
mod parse;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use parse::{decode, read_text};

/// Parses one department or project file's text, without touching the disk
/// (for the fuzz targets and the corpus replay test).
pub(crate) use evaluation::{
    attach as attach_evaluation, orphan as orphan_evaluation, orphans as orphan_evaluations,
};
pub(crate) use parse::{department as parse_department, project as parse_project};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{self, CONTENT_DIR, DEPARTMENT_FILE, SourceKind, classify};
use crate::model::{Department, Interner, Page, Project, Site};

/// Every file under `content/`, relative to the root, sorted by path.
///
/// Symbolic links are followed within the site (a department may link a
/// shared file in), and a link loop is reported rather than followed
/// forever. A link that resolves outside the site root is refused and
/// named, never followed: a commit must not be able to publish a file of
/// the build machine. Anything named like content that is not a regular
/// file (a FIFO, a device) is an error, never skipped silently and never
/// opened. Hidden folders and editor artifacts (an Emacs lock `.#x.yaml`
/// is a dangling link) are passed over before they are looked at. A file
/// name that is not UTF-8 is reported, since it could not become part of a
/// URL.
fn walk_content(root: &Path) -> (Vec<PathBuf>, Diagnostics) {
    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::default();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let ignored = |path: &Path| {
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(layout::is_ignored_name)
    };
    let mut walker = WalkDir::new(root.join(CONTENT_DIR))
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(root);
                if !ignored(path) {
                    let rel = path.strip_prefix(root).unwrap_or(path);
                    diagnostics.push(
                        Diagnostic::error("io", rel, crate::t!("content-unreadable", error = e))
                            .help(crate::t!("content-unreadable-help")),
                    );
                }
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if entry.depth() > 0 && ignored(entry.path()) {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|real| real.starts_with(&real_root));
            if !inside {
                diagnostics.push(parse::outside_site(rel));
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if is_dir {
            continue;
        }
        if rel.to_str().is_none() {
            diagnostics.push(
                Diagnostic::error("file-name", rel, crate::t!("file-name-not-utf8"))
                    .help(crate::t!("file-name-not-utf8-help")),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            if !matches!(classify(rel), SourceKind::Ignored) {
                diagnostics.push(parse::not_regular(rel));
            }
            continue;
        }
        files.push(rel.to_path_buf());
    }
    (files, diagnostics)
}

/// Loads the whole content tree. The site holds every file that could be
/// read; the diagnostics say what could not and why.
pub(crate) fn load_site(root: &Path, config: Config) -> (Site, Diagnostics) {
    let (files, mut diagnostics) = walk_content(root);
    let mut departments = Vec::new();
    let mut projects = Vec::new();
    let mut pages = Vec::new();
    let mut evaluations = Vec::new();
    for rel in &files {
        match classify(rel) {
            SourceKind::Department => departments.push(rel.clone()),
            SourceKind::Project { folder } => projects.push((rel.clone(), folder)),
            SourceKind::Page => pages.push(rel.clone()),
            SourceKind::Evaluation => evaluations.push(rel.clone()),
            SourceKind::Misplaced(why) => diagnostics.push(
                Diagnostic::error("layout", rel, crate::t!("file-not-used"))
                    .help(crate::i18n::message(why, &[])),
            ),
            SourceKind::Unused(why) => diagnostics.push(
                Diagnostic::warning("unused-file", rel, crate::t!("file-not-used"))
                    .help(crate::i18n::message(why, &[])),
            ),
            SourceKind::Ignored => {}
        }
    }
    let project_files = projects.iter().map(|(rel, _)| rel.as_path()).collect();
    diagnostics.extend(evaluation::orphans(&evaluations, &project_files));
    let departments = collect(
        departments
            .par_iter()
            .map(|rel| load_department(root, rel))
            .collect(),
        &mut diagnostics,
    );
    let folders = department_folders(&departments, &mut diagnostics);
    let projects = collect(
        projects
            .par_iter()
            .map_init(Interner::default, |interner, (rel, folder)| {
                let code = folders.get(folder).map(String::as_str);
                let mut project = load_project(root, rel, code)?;
                interner.share_levels(&mut project);
                Ok(project)
            })
            .collect(),
        &mut diagnostics,
    );
    let pages = collect(
        pages.par_iter().map(|rel| load_page(root, rel)).collect(),
        &mut diagnostics,
    );
    let projects = projects.into_iter().map(Arc::new).collect();
    let site = Site::new(config, departments, projects, pages);
    diagnostics.extend(duplicate_projects(&site.projects));
    (site, diagnostics)
}

/// The values of `results`, with each error moved into `diagnostics`.
pub(crate) fn collect<T>(
    results: Vec<Result<T, Diagnostic>>,
    diagnostics: &mut Diagnostics,
) -> Vec<T> {
    let mut values = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(d) => diagnostics.push(d),
        }
    }
    values
}

pub(crate) fn load_department(root: &Path, rel: &Path) -> Result<Department, Diagnostic> {
    parse::department(&read_text(root, rel)?, rel)
}

/// Loads one project; `department` is the code of its folder's department,
/// or `None` when the folder has no usable `_department.yaml`.
pub(crate) fn load_project(
    root: &Path,
    rel: &Path,
    department: Option<&str>,
) -> Result<Project, Diagnostic> {
    let text = read_text(root, rel)?;
    let Some(code) = department else {
        let folder = rel.iter().take(2).collect::<PathBuf>();
        return Err(Diagnostic::error(
            "no-department",
            rel,
            crate::t!(
                "no-department",
                folder = folder.display(),
                file = DEPARTMENT_FILE
            ),
        )
        .help(crate::t!(
            "no-department-help",
            folder = folder.display(),
            file = DEPARTMENT_FILE
        )));
    };
    let mut project = parse::project(&text, rel, code)?;
    attachments::read_all(root, rel, &mut project)?;
    evaluation::read_beside(root, rel, &mut project)?;
    Ok(project)
}

pub(crate) fn load_page(root: &Path, rel: &Path) -> Result<Page, Diagnostic> {
    parse::page(&read_text(root, rel)?, rel)
}

/// Maps each department folder to its code, reporting codes used twice.
/// Departments are sorted by path, so the first file keeps the code.
pub(crate) fn department_folders(
    departments: &[Department],
    diagnostics: &mut Diagnostics,
) -> BTreeMap<PathBuf, String> {
    let mut by_code: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut folders = BTreeMap::new();
    for d in departments {
        if let Some(first) = by_code.insert(&d.code, &d.source) {
            by_code.insert(&d.code, first);
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-department",
                    &d.source,
                    crate::t!(
                        "duplicate-department",
                        code = d.code,
                        first = first.display()
                    ),
                )
                .field("code")
                .help(crate::t!("duplicate-department-help")),
            );
            continue;
        }
        let folder = d.source.parent().unwrap_or(Path::new(CONTENT_DIR));
        // The code is the department's URL, the folder its place on disk:
        // if they differed, the output would silently take another name
        // than the folder the clerk sees.
        let name = folder.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name != d.code {
            diagnostics.push(
                Diagnostic::error(
                    "department-folder",
                    &d.source,
                    crate::t!("department-folder", code = d.code, name = name),
                )
                .field("code")
                .help(crate::t!("department-folder-help", code = d.code)),
            );
        }
        folders.insert(folder.to_path_buf(), d.code.clone());
    }
    folders
}

/// Projects that would be written to the same URL (same year, department
/// and slug), which can happen when a department keeps projects in
/// sub-folders.
pub(crate) fn duplicate_projects(projects: &[Arc<Project>]) -> Vec<Diagnostic> {
    projects
        .windows(2)
        .filter(|w| w[0].key_parts() == w[1].key_parts())
        .map(|w| {
            let (first, second) = if w[0].source <= w[1].source {
                (&w[0], &w[1])
            } else {
                (&w[1], &w[0])
            };
            Diagnostic::error(
                "duplicate-slug",
                &second.source,
                crate::t!(
                    "duplicate-slug",
                    slug = second.slug,
                    year = second.year,
                    first = first.source.display()
                ),
            )
            .help(crate::t!("duplicate-slug-help"))
        })
        .collect()
}
