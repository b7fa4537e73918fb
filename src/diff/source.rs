//! The two sides of a diff: a git revision, read through gix from the
//! object database, or a site folder on disk (the working tree is the site
//! root itself).
//!
//! A revision is loaded with the same parsers as a folder
//! ([`crate::load::parse_project`] and friends take text, not paths), so a
//! file means the same thing in either; only attachments, which live beside
//! the YAML as binary files, are not read from a revision (the diff never
//! compares them). YAML is parsed in parallel; blobs are read on one thread,
//! because decompressing them is cheap next to parsing.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gix::bstr::ByteSlice as _;
use rayon::prelude::*;

use super::DiffError;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::layout::{CONTENT_DIR, SourceKind, classify};
use crate::model::{Interner, Site};

/// Where one side of the comparison comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    /// A revision of the git repository around the site root (`HEAD`,
    /// `main`, `HEAD~2`, a commit id).
    Revision(String),
    /// Another site root on disk (a folder with `site.toml`).
    Folder(PathBuf),
    /// The site root as it is now, saved files and all.
    WorkTree,
}

impl Spec {
    /// Reads a command-line argument: a folder that holds a `site.toml` is
    /// a folder, anything else a revision. A folder is looked for first so
    /// that `gongkai diff old/ new/` never asks git about paths.
    pub fn from_arg(arg: &str) -> Spec {
        let path = Path::new(arg);
        if path.join(crate::config::FILE_NAME).is_file() {
            Spec::Folder(path.to_path_buf())
        } else {
            Spec::Revision(arg.to_owned())
        }
    }

    /// How the side is named in reports.
    pub fn label(&self) -> String {
        match self {
            Spec::Revision(rev) => rev.clone(),
            Spec::Folder(path) => path.display().to_string(),
            Spec::WorkTree => crate::t!("diff-worktree"),
        }
    }
}

/// One side, loaded and checked.
#[derive(Debug)]
pub struct Snapshot {
    /// The side's name in reports (the revision or folder as given).
    pub label: String,
    /// Every department and project that loaded (pages are not compared).
    pub site: Site,
    /// Files that exist on this side but did not load: a project missing
    /// from `site` for this reason is unreadable, not removed.
    pub failed: BTreeSet<PathBuf>,
    /// The load and check findings, warnings and errors.
    pub findings: Vec<Diagnostic>,
}

/// The findings a diff compares: what a build shows (warnings and
/// errors). Infos are suggestions, and would drown the edit's own.
const FINDINGS_FLOOR: Severity = Severity::Warning;

/// Loads one side. `root` is the site root the command runs on: the
/// working tree, and the place the repository is discovered from.
pub fn load(root: &Path, spec: &Spec) -> Result<Snapshot, DiffError> {
    let (site, diagnostics) = match spec {
        Spec::WorkTree => load_folder(root)?,
        Spec::Folder(dir) => load_folder(dir)?,
        Spec::Revision(rev) => load_revision(root, rev)?,
    };
    Ok(finish(spec.label(), site, diagnostics))
}

/// Loads both sides, and checks each only where the two differ (see
/// [`crate::check::check_changed`]): findings of a project that is the
/// same on both sides, in a department that is the same, cancel out, and
/// checking them would be most of the diff's time on a large site.
pub fn load_pair(root: &Path, old: &Spec, new: &Spec) -> Result<(Snapshot, Snapshot), DiffError> {
    let side = |spec: &Spec| -> Result<(Site, Diagnostics), DiffError> {
        match spec {
            Spec::WorkTree => load_folder(root),
            Spec::Folder(dir) => load_folder(dir),
            Spec::Revision(rev) => load_revision(root, rev),
        }
    };
    // Each side parses in parallel already; loading both at once keeps
    // both cores busy while one side waits on its reads.
    let (a, b) = rayon::join(|| side(old), || side(new));
    let ((a, a_found), (b, b_found)) = (a?, b?);
    let (files, departments) = differing(&a, &b);
    let check =
        |site: &Site| crate::check::check_changed(site, FINDINGS_FLOOR, &files, &departments);
    let (a_checked, b_checked) = rayon::join(|| check(&a), || check(&b));
    Ok((
        snapshot(old.label(), a, a_found, a_checked),
        snapshot(new.label(), b, b_found, b_checked),
    ))
}

/// The project files that differ between two sides (on one side only, or
/// not equal), and the departments they are in on either side.
fn differing(a: &Site, b: &Site) -> (BTreeSet<PathBuf>, BTreeSet<String>) {
    use std::collections::HashMap;
    let index = |site: &Site| -> HashMap<PathBuf, usize> {
        site.projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.clone(), i))
            .collect()
    };
    let (ia, ib) = (index(a), index(b));
    let mut files = BTreeSet::new();
    let mut departments = BTreeSet::new();
    for (site, this, other, other_site) in [(a, &ia, &ib, b), (b, &ib, &ia, a)] {
        for (source, &i) in this {
            let same = other
                .get(source)
                .is_some_and(|&j| site.projects[i] == other_site.projects[j]);
            if !same {
                files.insert(source.clone());
                departments.insert(site.projects[i].department.clone());
            }
        }
    }
    (files, departments)
}

fn load_folder(dir: &Path) -> Result<(Site, Diagnostics), DiffError> {
    let config = Config::load(dir).map_err(|e| DiffError::Site(e.to_string()))?;
    Ok(crate::load::load_site(dir, config))
}

/// Runs the check on a loaded side and keeps what the diff needs.
fn finish(label: String, site: Site, diagnostics: Diagnostics) -> Snapshot {
    let checked = crate::check::check_site(&site, FINDINGS_FLOOR);
    snapshot(label, site, diagnostics, checked)
}

/// A loaded side with its load findings and check findings.
fn snapshot(
    label: String,
    site: Site,
    mut diagnostics: Diagnostics,
    checked: Diagnostics,
) -> Snapshot {
    diagnostics.extend(checked);
    diagnostics.retain_at_least(FINDINGS_FLOOR);
    let findings: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
    let failed = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.file.clone())
        .filter(|file| site.projects.iter().all(|p| p.source != *file))
        .collect();
    Snapshot {
        label,
        site,
        failed,
        findings,
    }
}

/// The site at `rev` of the repository that holds `root`.
fn load_revision(root: &Path, rev: &str) -> Result<(Site, Diagnostics), DiffError> {
    let git = |e: &dyn std::fmt::Display| DiffError::Git(format!("{rev}: {e}"));
    let repo = gix::discover(root).map_err(|e| DiffError::Git(e.to_string()))?;
    let prefix = site_prefix(&repo, root)?;
    let tree = repo
        .rev_parse_single(rev)
        .map_err(|e| git(&e))?
        .object()
        .map_err(|e| git(&e))?
        .peel_to_tree()
        .map_err(|e| git(&e))?;
    let blob = |rel: &Path| -> Result<Option<Vec<u8>>, DiffError> {
        let Some(entry) = tree
            .lookup_entry_by_path(prefix.join(rel))
            .map_err(|e| git(&e))?
        else {
            return Ok(None);
        };
        if !entry.mode().is_blob() {
            return Ok(None);
        }
        let object = entry.object().map_err(|e| git(&e))?;
        Ok(Some(object.detach().data))
    };
    let toml = blob(Path::new(crate::config::FILE_NAME))?.ok_or_else(|| {
        DiffError::Site(crate::t!(
            "diff-no-site-at",
            rev = rev,
            path = prefix.join(crate::config::FILE_NAME).display()
        ))
    })?;
    let config = Config::from_bytes(&toml).map_err(|d| DiffError::Site(d.message))?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(entry) = tree
        .lookup_entry_by_path(prefix.join(CONTENT_DIR))
        .map_err(|e| git(&e))?
    {
        let content = entry
            .object()
            .map_err(|e| git(&e))?
            .peel_to_tree()
            .map_err(|e| git(&e))?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        content
            .traverse()
            .breadthfirst(&mut recorder)
            .map_err(|e| git(&e))?;
        for record in recorder.records {
            if !record.mode.is_blob() {
                continue;
            }
            let Ok(path) = record.filepath.to_str() else {
                continue;
            };
            let rel = Path::new(CONTENT_DIR).join(path);
            if matches!(
                classify(&rel),
                SourceKind::Department | SourceKind::Project { .. } | SourceKind::Evaluation
            ) {
                let data = repo
                    .find_object(record.oid)
                    .map_err(|e| git(&e))?
                    .detach()
                    .data;
                files.push((rel, data));
            }
        }
    }
    Ok(parse_files(files, config))
}

/// The site root's path inside the repository's work tree (empty when the
/// site is the repository).
fn site_prefix(repo: &gix::Repository, root: &Path) -> Result<PathBuf, DiffError> {
    let workdir = repo
        .workdir()
        .ok_or_else(|| DiffError::Git(crate::t!("diff-bare-repository")))?;
    let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    Ok(real(root)
        .strip_prefix(real(workdir))
        .map(Path::to_path_buf)
        .unwrap_or_default())
}

/// Parses a tree's department and project files, as loading does from
/// disk: departments first (a project's department is its folder's), then
/// projects in parallel, then the same duplicate checks.
pub(crate) fn parse_files(files: Vec<(PathBuf, Vec<u8>)>, config: Config) -> (Site, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let (evaluations, files): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(rel, _)| matches!(classify(rel), SourceKind::Evaluation));
    let (departments, projects): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(rel, _)| matches!(classify(rel), SourceKind::Department));
    let project_files = projects.iter().map(|(rel, _)| rel.as_path()).collect();
    diagnostics.extend(crate::load::orphan_evaluations(
        evaluations.iter().map(|(rel, _)| rel),
        &project_files,
    ));
    let evaluations: HashMap<PathBuf, &Vec<u8>> = evaluations
        .iter()
        .filter_map(|(rel, bytes)| Some((crate::layout::project_of_evaluation(rel)?, bytes)))
        .collect();
    let departments: Vec<_> = departments
        .par_iter()
        .map(|(rel, bytes)| {
            let text = crate::load::decode(bytes, rel)?;
            crate::load::parse_department(&text, rel)
        })
        .collect();
    let departments = crate::load::collect(departments, &mut diagnostics);
    let folders = crate::load::department_folders(&departments, &mut diagnostics);
    let projects: Vec<_> = projects
        .par_iter()
        .map_init(Interner::default, |interner, (rel, bytes)| {
            let SourceKind::Project { folder } = classify(rel) else {
                unreachable!("partitioned above")
            };
            let Some(code) = folders.get(&folder) else {
                return Err(Diagnostic::error(
                    "no-department",
                    rel,
                    crate::t!(
                        "no-department",
                        folder = folder.display(),
                        file = crate::layout::DEPARTMENT_FILE
                    ),
                ));
            };
            let text = crate::load::decode(bytes, rel)?;
            let mut project = crate::load::parse_project(&text, rel, code)?;
            if let Some(bytes) = evaluations.get(rel) {
                let file = crate::layout::evaluation_of(rel);
                let text = crate::load::decode(bytes, &file)?;
                crate::load::attach_evaluation(&mut project, &text, &file, rel)?;
            }
            interner.share_levels(&mut project);
            Ok(project)
        })
        .collect();
    let projects = crate::load::collect(projects, &mut diagnostics);
    let projects = projects.into_iter().map(Arc::new).collect();
    let site = Site::new(config, departments, projects, Vec::new());
    diagnostics.extend(crate::load::duplicate_projects(&site.projects));
    (site, diagnostics)
}
