//! Load: from the content tree on disk to a [`Site`].
//!
//! This stage owns the layout rules of `content/`: which files are
//! departments, projects and pages, which are editor clutter to ignore, and
//! which are mistakes to report (a `.yml` file, a project outside any
//! department, a duplicate). It never stops at the first problem: it loads
//! everything it can and returns every finding, so that a user sees all
//! errors at once. Files are parsed in parallel; the result is sorted, so the
//! order never depends on the file system or on thread scheduling.

mod parse;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use parse::read_text;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Department, Interner, Page, Project, Site};

/// The content folder, relative to the site root.
pub const CONTENT_DIR: &str = "content";
/// The folder of Markdown pages, relative to the content folder.
pub const PAGES_DIR: &str = "pages";
/// The file that makes a folder a department.
pub const DEPARTMENT_FILE: &str = "_department.yaml";

/// What a file under `content/` is, judged by its place and name alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// `content/<folder>/_department.yaml`.
    Department,
    /// A `.yaml` file inside `content/<folder>/`, at any depth.
    Project { folder: PathBuf },
    /// `content/pages/<slug>.md`.
    Page,
    /// A file that looks like content but sits where it cannot be used.
    Misplaced(&'static str),
    /// Not content: editor backups, hidden files, images and the like.
    Ignored,
}

/// Classifies a path relative to the site root.
pub fn classify(rel: &Path) -> SourceKind {
    let Ok(inside) = rel.strip_prefix(CONTENT_DIR) else {
        return SourceKind::Ignored;
    };
    let parts: Vec<&str> = inside
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some(name) = parts.last() else {
        return SourceKind::Ignored;
    };
    if parts.iter().any(|p| p.starts_with('.')) || is_editor_artifact(name) {
        return SourceKind::Ignored;
    }
    let extension = Path::new(name).extension().and_then(|e| e.to_str());
    match (parts.as_slice(), extension) {
        ([PAGES_DIR, _], Some("md")) => SourceKind::Page,
        ([PAGES_DIR, ..], _) => SourceKind::Ignored,
        (_, Some("yml")) => SourceKind::Misplaced("use the extension .yaml, not .yml"),
        ([_], Some("yaml")) => SourceKind::Misplaced(
            "a project must sit in a department folder, content/<单位编码>/<slug>.yaml",
        ),
        ([_, file], Some("yaml")) if *file == DEPARTMENT_FILE => SourceKind::Department,
        ([folder, ..], Some("yaml")) => SourceKind::Project {
            folder: Path::new(CONTENT_DIR).join(folder),
        },
        _ => SourceKind::Ignored,
    }
}

/// True for the temporary and backup files editors leave beside the file
/// being saved: vim's `.swp`/`~`/`4913`, Emacs's `.#x` and `#x#`, JetBrains'
/// `___jb_tmp___`, and generic `.tmp`. Watch mode ignores the same set.
pub fn is_editor_artifact(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
        || name == "4913"
}

/// Every file under `content/`, relative to the root, sorted by path.
///
/// Symbolic links are followed (a department may link a shared file in), and
/// a link loop is reported rather than followed forever. A file name that is
/// not UTF-8 is reported, since it could not become part of a URL.
fn walk_content(root: &Path) -> (Vec<PathBuf>, Diagnostics) {
    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::default();
    let walker = WalkDir::new(root.join(CONTENT_DIR))
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                if rel.to_str().is_none() {
                    diagnostics.push(
                        Diagnostic::error("file-name", rel, "the file name is not valid UTF-8")
                            .help("rename the file with an ASCII name such as project-01.yaml"),
                    );
                    continue;
                }
                files.push(rel.to_path_buf());
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(root).strip_prefix(root).unwrap_or(root);
                diagnostics.push(Diagnostic::error(
                    "io",
                    path,
                    format!("cannot read this part of the content tree: {e}"),
                ));
            }
        }
    }
    (files, diagnostics)
}

/// Loads the whole content tree. The site holds every file that could be
/// read; the diagnostics say what could not and why.
pub fn load_site(root: &Path, config: Config) -> (Site, Diagnostics) {
    let (files, mut diagnostics) = walk_content(root);
    let mut departments = Vec::new();
    let mut projects = Vec::new();
    let mut pages = Vec::new();
    for rel in &files {
        match classify(rel) {
            SourceKind::Department => departments.push(rel.clone()),
            SourceKind::Project { folder } => projects.push((rel.clone(), folder)),
            SourceKind::Page => pages.push(rel.clone()),
            SourceKind::Misplaced(why) => diagnostics
                .push(Diagnostic::error("layout", rel, "this file is not used").help(why)),
            SourceKind::Ignored => {}
        }
    }
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
    let mut site = Site {
        config,
        departments,
        projects: projects.into_iter().map(Arc::new).collect(),
        pages,
    };
    site.sort();
    diagnostics.extend(duplicate_projects(&site.projects));
    (site, diagnostics)
}

fn collect<T>(results: Vec<Result<T, Diagnostic>>, diagnostics: &mut Diagnostics) -> Vec<T> {
    let mut values = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(d) => diagnostics.push(d),
        }
    }
    values
}

pub fn load_department(root: &Path, rel: &Path) -> Result<Department, Diagnostic> {
    parse::department(&read_text(root, rel)?, rel)
}

/// Loads one project; `department` is the code of its folder's department,
/// or `None` when the folder has no usable `_department.yaml`.
pub fn load_project(
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
            format!(
                "the folder {} has no valid {DEPARTMENT_FILE}",
                folder.display()
            ),
        )
        .help(format!(
            "create {}/{DEPARTMENT_FILE} with the lines code: \"<单位编码>\" and name: <单位名称>",
            folder.display()
        )));
    };
    parse::project(&text, rel, code)
}

pub fn load_page(root: &Path, rel: &Path) -> Result<Page, Diagnostic> {
    parse::page(&read_text(root, rel)?, rel)
}

/// Maps each department folder to its code, reporting codes used twice.
/// Departments are sorted by path, so the first file keeps the code.
pub fn department_folders(
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
                    format!("单位编码 {} is already used by {}", d.code, first.display()),
                )
                .field("code")
                .help(
                    "each department needs its own code; merge the two folders or correct one code",
                ),
            );
            continue;
        }
        let folder = d.source.parent().unwrap_or(Path::new(CONTENT_DIR));
        folders.insert(folder.to_path_buf(), d.code.clone());
    }
    folders
}

/// Projects that would be written to the same URL (same year, department
/// and slug), which can happen when a department keeps projects in
/// sub-folders.
pub fn duplicate_projects(projects: &[Arc<Project>]) -> Vec<Diagnostic> {
    projects
        .windows(2)
        .filter(|w| {
            (&w[0].department, w[0].year, &w[0].slug) == (&w[1].department, w[1].year, &w[1].slug)
        })
        .map(|w| {
            let (first, second) = if w[0].source <= w[1].source {
                (&w[0], &w[1])
            } else {
                (&w[1], &w[0])
            };
            Diagnostic::error(
                "duplicate-slug",
                &second.source,
                format!(
                    "project slug `{}` ({}年) is already used by {}",
                    second.slug,
                    second.year,
                    first.source.display()
                ),
            )
            .help("give one of the files another name; the file name is the project's URL")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let k = |p: &str| classify(Path::new(p));
        assert_eq!(k("content/504001/_department.yaml"), SourceKind::Department);
        assert_eq!(
            k("content/504001/2023/a.yaml"),
            SourceKind::Project {
                folder: PathBuf::from("content/504001")
            }
        );
        assert_eq!(k("content/pages/about.md"), SourceKind::Page);
        assert!(matches!(k("content/a.yaml"), SourceKind::Misplaced(_)));
        assert!(matches!(
            k("content/504001/a.yml"),
            SourceKind::Misplaced(_)
        ));
        assert_eq!(k("content/504001/.a.yaml.swp"), SourceKind::Ignored);
        assert_eq!(k("content/504001/a.yaml~"), SourceKind::Ignored);
        assert_eq!(k("content/504001/4913"), SourceKind::Ignored);
        assert_eq!(k("content/504001/a.yaml___jb_tmp___"), SourceKind::Ignored);
    }
}
