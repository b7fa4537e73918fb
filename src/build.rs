//! Build: the pipeline load → check → render → write, whole or incremental.
//!
//! [`build`] runs it once for the `build` command. [`Session`] keeps the
//! loaded site, compiled templates and page plan between runs for `watch`
//! and `serve`: [`Session::rebuild`] re-reads only the files that changed,
//! checks them, and re-renders only the pages the [plan]
//! says they feed. A rebuild that finds errors changes nothing, neither the
//! output nor the session, so the last good site stays in place. Either way
//! the bytes on disk equal those of a clean build of the same tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, PendingReviews};
use crate::config::Config;
use crate::diagnostics::{Diagnostics, Severity};
use crate::error::{Error, Result};
use crate::history::{self, History};
use crate::layout::{self, ChangeKind, OutputPath, SourceKind};
use crate::load;
use crate::model::Site;
use crate::render::Renderer;
use crate::render::plan::{self, Change, Planned};
use crate::render::search::SearchIndex;
use crate::render::theme::Theme;
use crate::render::views::Sizes;
use crate::write::{self, Staging, Update, WriteStats};

mod preflight;

/// Where to read and write.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (the folder with `site.toml`).
    pub root: PathBuf,
    /// Overrides `output_dir` from `site.toml`; relative to the current
    /// directory, like any command-line path.
    pub output_dir: Option<PathBuf>,
    /// Build into an output folder that gongkai did not make, replacing
    /// the user's files where the site has its own (`--force`); without it
    /// such a folder is refused. Other files of the user's stay either way.
    pub force: bool,
}

impl BuildOptions {
    /// The output directory a build with `config` writes to.
    pub fn out_dir(&self, config: &Config) -> PathBuf {
        match &self.output_dir {
            Some(dir) => dir.clone(),
            None => self.root.join(&config.output_dir),
        }
    }
}

/// Told how far a full render has come. The library only counts; the
/// binary decides whether that is worth a progress bar.
pub trait Progress: Sync {
    /// Rendering of `total` outputs begins.
    fn begin(&self, total: usize);
    /// One more output is rendered.
    fn advance(&self);
    /// Rendering is over, successfully or not.
    fn finish(&self);
    /// Another gongkai (process `holder`, if known) is writing into
    /// `out_dir`; this build waits for it to finish.
    fn waiting(&self, out_dir: &Path, holder: Option<u32>) {
        let _ = (out_dir, holder);
    }
}

/// No progress reporting, for tests and tools.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn begin(&self, _total: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Projects loaded (all departments and years).
    pub projects: usize,
    /// HTML pages rendered (static files not counted).
    pub pages: usize,
    /// What the writer did: files written, left alone because their bytes matched, and removed.
    pub files: WriteStats,
    /// Wall time of the whole build, for the summary line.
    pub elapsed: Duration,
    /// Warnings and infos; errors would have stopped the build.
    pub diagnostics: Diagnostics,
    /// The output folder actually written, after `--output` and `site.toml` are resolved.
    pub out_dir: PathBuf,
    /// Every `# 待核对` flag of the site still open, for the preview's list.
    pub reviews: PendingReviews,
}

/// Loads and checks the site at `root` without writing anything: the
/// content, and everything else a build would refuse (the theme, the
/// output paths, a template failing on a page; see [`preflight`]). Errors
/// come back as [`Error::Content`]; findings down to `detail` ride along
/// with the site (less severe ones are dropped before they cost a source
/// lookup).
pub fn load_and_check(root: &Path, detail: Severity) -> Result<(Site, Diagnostics)> {
    let (site, mut diagnostics) = check_content(root, Config::load(root)?, detail, usize::MAX);
    let content_ok = !diagnostics.has_errors();
    diagnostics.extend(preflight::findings(root, &site, content_ok)?);
    finish(root, site, diagnostics)
}

/// The content's findings on the site at `root` (see [`check_with`]).
fn check_content(
    root: &Path,
    config: Config,
    detail: Severity,
    keep_others: usize,
) -> (Site, Diagnostics) {
    let rule_errors = check::check_rule_names(&config.check);
    let (site, mut diagnostics) = load::load_site(root, config);
    diagnostics.extend(rule_errors);
    diagnostics.extend(check::check_site(&site, detail));
    diagnostics.retain_at_least(detail);
    diagnostics.keep_first(keep_others);
    (site, diagnostics)
}

/// Locates the findings, and fails on an error.
fn finish(root: &Path, site: Site, mut diagnostics: Diagnostics) -> Result<(Site, Diagnostics)> {
    diagnostics.locate(root);
    if diagnostics.has_errors() {
        return Err(Error::Content(diagnostics));
    }
    Ok((site, diagnostics))
}

/// The content check of a build, with the configuration already loaded,
/// keeping every error but only the first `keep_others` other findings
/// (the rest are counted; see [`Diagnostics::keep_first`]). The build
/// then runs the steps [`preflight`] stands in for itself.
pub(crate) fn check_with(
    root: &Path,
    config: Config,
    detail: Severity,
    keep_others: usize,
) -> Result<(Site, Diagnostics)> {
    let (site, diagnostics) = check_content(root, config, detail, keep_others);
    finish(root, site, diagnostics)
}

/// Builds print errors and warnings; infos are for `gongkai check`.
const BUILD_DETAIL: Severity = Severity::Warning;

/// How many warnings a build prints in full (every error is printed).
/// `gongkai check` lists them all; a build log of thousands helps no one.
pub const BUILD_SHOWN_WARNINGS: usize = 50;

/// The check a full build or reload runs: errors and warnings only, and
/// the warnings beyond those printed only counted.
fn check_for_build(root: &Path, config: Config) -> Result<(Site, Diagnostics)> {
    check_with(root, config, BUILD_DETAIL, BUILD_SHOWN_WARNINGS)
}

/// Builds the site once into its output directory.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, Config::load(&options.root)?, &Quiet)
}

/// [`build`] with the configuration already loaded, reporting progress.
pub fn build_with(
    options: &BuildOptions,
    config: Config,
    progress: &dyn Progress,
) -> Result<BuildReport> {
    Session::start_with(options, config, progress).map(|(_, report)| report)
}

/// A built site kept in memory, so that later changes rebuild only what
/// they affect.
pub struct Session {
    root: PathBuf,
    out_dir: PathBuf,
    /// `--force`: the user's files in the way of an output are replaced.
    force: bool,
    site: Site,
    renderer: Renderer,
    plan: Vec<Planned>,
    /// The size of every download on disk, which the pages' links show.
    sizes: Sizes,
    /// The search index of the current output, updated in place by edits.
    search: SearchIndex,
    /// Changed paths of rebuilds that failed, and so were not applied. They
    /// join every later rebuild until one succeeds, so that a good save
    /// elsewhere can neither publish past a broken file nor forget an edit
    /// that arrived while the site was broken.
    pending: BTreeSet<PathBuf>,
}

/// What one incremental rebuild did, for the status line.
#[derive(Debug, Default)]
pub struct RebuildReport {
    /// The changed inputs, relative to the root.
    pub changed: Vec<PathBuf>,
    /// Output files rendered, written (bytes differed) and removed.
    pub rendered: usize,
    /// Outputs whose bytes changed; a live-reloading browser needs only these.
    pub written: Vec<OutputPath>,
    /// Outputs that no longer exist (a deleted or renamed project).
    pub removed: Vec<OutputPath>,
    /// True when a configuration or theme change re-rendered everything.
    pub full: bool,
    /// Wall time of the rebuild, for the one-line summary.
    pub elapsed: Duration,
    /// Warnings and infos of the new content; errors fail the rebuild instead.
    pub diagnostics: Diagnostics,
    /// Every `# 待核对` flag of the whole site still open after the rebuild,
    /// not only those of the changed files: the preview lists them all.
    pub reviews: PendingReviews,
}

impl Session {
    /// Runs a full build and keeps its state.
    pub fn start(options: &BuildOptions) -> Result<(Session, BuildReport)> {
        Session::start_with(options, Config::load(&options.root)?, &Quiet)
    }

    /// [`Session::start`] with the configuration already loaded, reporting
    /// progress.
    pub(crate) fn start_with(
        options: &BuildOptions,
        config: Config,
        progress: &dyn Progress,
    ) -> Result<(Session, BuildReport)> {
        let started = Instant::now();
        let root = options.root.clone();
        let (site, diagnostics) = check_for_build(&root, config)?;
        let out_dir = options.out_dir(&site.config);
        write::validate_out_dir(&root, &out_dir)?;
        let renderer = Renderer::new(Theme::load(&root, &site.config)?)?;
        let plan = plan::checked_plan(&site, &renderer.static_files())?;
        let (files, sizes, search) =
            render_all(&site, &renderer, &plan, &out_dir, options.force, progress)?;
        let report = BuildReport {
            projects: site.projects.len(),
            pages: plan::html_pages(&plan),
            files,
            elapsed: started.elapsed(),
            diagnostics,
            out_dir: out_dir.clone(),
            reviews: check::pending_reviews(&site),
        };
        let session = Session {
            root,
            out_dir,
            force: options.force,
            site,
            renderer,
            plan,
            sizes,
            search,
            pending: BTreeSet::new(),
        };
        Ok((session, report))
    }

    /// The output folder this session writes to; the preview server serves it.
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    /// The site root; changed paths are reported relative to it.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Applies a batch of changed paths (absolute or relative to the root).
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Result<RebuildReport> {
        let started = Instant::now();
        let mut changed: BTreeSet<PathBuf> = paths.iter().map(|p| self.relative(p)).collect();
        changed.append(&mut self.pending);
        // Only the inputs that matter, not an editor's temporary files;
        // judged before the rebuild, while a vanished folder's content is
        // still known.
        let (relevant, scope) = self.triage(changed);
        let outcome = match scope {
            Scope::Nothing => return Ok(RebuildReport::default()),
            Scope::Projects => self.update_projects(&relevant),
            Scope::Everything => self.reload_everything(),
        };
        let applied = outcome.and_then(|(next, change, diagnostics)| {
            let mut report = self.apply(next, &change)?;
            report.diagnostics = diagnostics;
            Ok(report)
        });
        let mut report = applied.inspect_err(|_| self.pending.extend(relevant.iter().cloned()))?;
        report.reviews = check::pending_reviews(&self.site);
        report.changed = relevant;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// The changed paths that can affect the site, and the widest scope
    /// among them.
    fn triage(&self, changed: BTreeSet<PathBuf>) -> (Vec<PathBuf>, Scope) {
        let mut scope = Scope::Nothing;
        let mut relevant = Vec::new();
        for rel in changed {
            let this = Scope::of(&rel, |p| self.is_folder(p));
            if this != Scope::Nothing {
                scope = scope.max(this);
                relevant.push(rel);
            }
        }
        (relevant, scope)
    }

    /// True when `rel` is a folder now, or was one holding loaded content
    /// (a folder that vanished takes its departments and projects along).
    fn is_folder(&self, rel: &Path) -> bool {
        self.root.join(rel).is_dir()
            || self
                .site
                .departments
                .iter()
                .any(|d| d.source.starts_with(rel))
            || self.site.projects.iter().any(|p| p.source.starts_with(rel))
    }

    fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    /// The project files to read again for `changed`: the changed project
    /// files themselves, and those naming a changed attachment.
    fn projects_to_read(&self, changed: &[PathBuf]) -> BTreeSet<PathBuf> {
        let attachments: BTreeSet<&PathBuf> = changed
            .iter()
            .filter(|rel| layout::change_kind(rel, |_| false) == ChangeKind::Attachment)
            .collect();
        let naming = self.site.projects.iter().filter(|p| {
            p.attachments
                .iter()
                .any(|a| attachments.contains(&layout::attachment_source(&p.source, &a.file)))
        });
        changed
            .iter()
            .cloned()
            .chain(naming.map(|p| p.source.clone()))
            .collect()
    }

    /// Re-reads only the changed project files, and those whose
    /// attachments changed.
    fn update_projects(&self, changed: &[PathBuf]) -> Result<(Next, Change, Diagnostics)> {
        let mut site = self.site.clone();
        let mut change = Change::default();
        let mut diagnostics = Diagnostics::default();
        let folders = load::department_folders(&site.departments, &mut diagnostics);
        let mut fresh = Vec::new();
        for rel in &self.projects_to_read(changed) {
            let SourceKind::Project { folder } = layout::classify(rel) else {
                continue;
            };
            if let Some(i) = site.projects.iter().position(|p| &p.source == rel) {
                change.projects.insert(site.projects.remove(i).key());
            }
            // Gone means gone from the folder. Anything still there (a
            // FIFO, a link leaving the site) is read, so that it is refused
            // exactly as a full build refuses it, not dropped silently.
            let present =
                std::fs::symlink_metadata(self.root.join(rel)).is_ok_and(|meta| !meta.is_dir());
            if !present {
                continue;
            }
            match load::load_project(&self.root, rel, folders.get(&folder).map(String::as_str)) {
                Ok(project) => {
                    change.projects.insert(project.key());
                    fresh.push(Arc::new(project));
                }
                Err(d) => diagnostics.push(d),
            }
        }
        diagnostics.extend(check::check_projects(
            &site,
            fresh.par_iter().map(|p| &**p),
            BUILD_DETAIL,
        ));
        diagnostics.retain_at_least(BUILD_DETAIL);
        site.projects.extend(fresh);
        site.sort();
        diagnostics.extend(load::duplicate_projects(&site.projects));
        diagnostics.extend(check::check_totals(&site));
        // Whether a project vanished, or another file is the same project,
        // depends on the files that did not change: judged on the whole
        // new site, as a full check does.
        diagnostics.extend(check::check_across_projects(&site, BUILD_DETAIL));
        self.finish_check(site, change, diagnostics, false)
    }

    /// Reloads configuration, theme and content from scratch.
    fn reload_everything(&self) -> Result<(Next, Change, Diagnostics)> {
        let config = Config::load(&self.root)?;
        let (site, diagnostics) = check_for_build(&self.root, config)?;
        let change = Change {
            everything: true,
            ..Change::default()
        };
        self.finish_check(site, change, diagnostics, true)
    }

    fn finish_check(
        &self,
        site: Site,
        change: Change,
        mut diagnostics: Diagnostics,
        new_theme: bool,
    ) -> Result<(Next, Change, Diagnostics)> {
        diagnostics.locate(&self.root);
        if diagnostics.has_errors() {
            return Err(Error::Content(diagnostics));
        }
        let renderer = if new_theme {
            Some(Renderer::new(Theme::load(&self.root, &site.config)?)?)
        } else {
            None
        };
        Ok((Next { site, renderer }, change, diagnostics))
    }

    /// Renders what `change` affects, downloads before pages (whose links
    /// show the downloads' sizes), and writes the changed files and
    /// removes the outputs that no longer exist in one all-or-nothing
    /// [`Update`]; then adopts the new state. On any failure the output
    /// and the session stay as they were.
    fn apply(&mut self, next: Next, change: &Change) -> Result<RebuildReport> {
        let renderer = next.renderer.as_ref().unwrap_or(&self.renderer);
        let site = &next.site;
        // A year that appears or vanishes changes every page's year
        // switcher.
        let mut change = change.clone();
        change.everything |= site.years() != self.site.years();
        // A project's page shows its other years: an edit of one year
        // re-renders the others, as the chains were before and are after.
        let history = History::of(site);
        if !change.everything && !change.projects.is_empty() {
            let old = History::of(&self.site);
            change.related =
                history::related((&self.site, &old), (site, &history), &change.projects);
        }
        let plan = plan::checked_plan(site, &renderer.static_files())?;
        let old_paths: BTreeSet<&OutputPath> = self.plan.iter().map(|p| &p.path).collect();
        let new_paths: BTreeSet<&OutputPath> = plan.iter().map(|p| &p.path).collect();
        let mut targets: BTreeMap<&OutputPath, &Planned> = plan::affected(&plan, &change)
            .into_iter()
            .map(|p| (&p.path, p))
            .collect();
        for entry in &plan {
            if !old_paths.contains(&entry.path) {
                targets.insert(&entry.path, entry);
            }
        }
        // Index files whose bytes an edit left as they were need no render.
        let search = self.search.update(site, change.everything);
        targets.retain(|_, entry| match &entry.kind {
            plan::PageKind::SearchFile(file) => {
                search.changed(file) || !old_paths.contains(&entry.path)
            }
            _ => true,
        });
        let (downloads, pages): (Vec<_>, Vec<_>) = targets
            .into_iter()
            .partition(|(_, entry)| plan::is_download(&entry.kind));
        let tables = crate::render::data::SetTables::default();
        let writer = Update::begin(&self.out_dir)?;
        let update = |shared: Option<&crate::render::Shared>,
                      (path, entry): &(&OutputPath, &Planned)| {
            let bytes = match shared {
                Some(shared) => renderer.render(site, shared, entry)?,
                None => renderer.render_download(site, &tables, &history, entry)?,
            };
            let ours = self.force || old_paths.contains(*path);
            let wrote = writer.put(path, &bytes, ours)?;
            Ok(((*path).clone(), wrote, bytes.len() as u64))
        };
        let rendered: Vec<(OutputPath, bool, u64)> = downloads
            .par_iter()
            .map(|target| update(None, target))
            .collect::<Result<_>>()?;
        let mut sizes: Sizes = self
            .sizes
            .iter()
            .filter(|(path, _)| new_paths.contains(path))
            .map(|(p, s)| (p.clone(), *s))
            .collect();
        sizes.extend(rendered.iter().map(|(p, _, size)| (p.clone(), *size)));
        let shared = renderer.shared(site, &sizes, &search, &history);
        let mut outcomes: Vec<(OutputPath, bool, u64)> = pages
            .par_iter()
            .map(|target| update(Some(&shared), target))
            .collect::<Result<_>>()?;
        drop(shared);
        outcomes.extend(rendered);
        let removed: Vec<OutputPath> = old_paths
            .difference(&new_paths)
            .map(|p| (*p).clone())
            .collect();
        // The list of what gongkai wrote changes only with the set of outputs.
        let manifest = (old_paths != new_paths)
            .then(|| write::manifest_text(new_paths.iter().map(|p| p.as_str())));
        writer.commit(&removed, manifest.as_deref())?;
        let report = RebuildReport {
            rendered: outcomes.len(),
            written: outcomes
                .into_iter()
                .filter(|(_, w, _)| *w)
                .map(|(p, _, _)| p)
                .collect(),
            removed,
            full: change.everything,
            ..RebuildReport::default()
        };
        self.plan = plan;
        self.sizes = sizes;
        self.search = search;
        self.site = next.site;
        if let Some(renderer) = next.renderer {
            self.renderer = renderer;
        }
        Ok(report)
    }
}

/// The state a successful rebuild moves to.
struct Next {
    site: Site,
    /// A recompiled renderer, when the theme or configuration changed.
    renderer: Option<Renderer>,
}

/// How much of the site a batch of changed paths can affect, from least to
/// most.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    /// Only editor clutter or files outside the site changed.
    Nothing,
    /// Only project files changed: re-read those.
    Projects,
    /// Configuration, theme, a department, a page or the tree's shape
    /// changed: reload everything.
    Everything,
}

impl Scope {
    /// What one changed path can affect; see [`layout::change_kind`].
    fn of(rel: &Path, is_folder: impl Fn(&Path) -> bool) -> Scope {
        match layout::change_kind(rel, is_folder) {
            ChangeKind::Ignored => Scope::Nothing,
            ChangeKind::Project | ChangeKind::Attachment => Scope::Projects,
            ChangeKind::Config
            | ChangeKind::Theme
            | ChangeKind::Department
            | ChangeKind::Page
            | ChangeKind::Misplaced
            | ChangeKind::ContentFolder => Scope::Everything,
        }
    }
}

/// Renders every planned output in parallel into a staging directory and
/// swaps it in: first the downloads, then the pages, whose links show the
/// downloads' sizes. `force` is [`BuildOptions::force`]. Returns the write
/// statistics, those sizes and the search index, which a session keeps for
/// its rebuilds.
fn render_all(
    site: &Site,
    renderer: &Renderer,
    plan: &[Planned],
    out_dir: &Path,
    force: bool,
    progress: &dyn Progress,
) -> Result<(WriteStats, Sizes, SearchIndex)> {
    let waiting = |holder: Option<u32>| progress.waiting(out_dir, holder);
    let staging = Staging::begin(out_dir, plan.iter().map(|p| &p.path), force, &waiting)?;
    progress.begin(plan.len());
    let history = History::of(site);
    let (downloads, pages): (Vec<&Planned>, Vec<&Planned>) =
        plan.iter().partition(|p| plan::is_download(&p.kind));
    let tables = crate::render::data::SetTables::default();
    let sizes = downloads
        .par_iter()
        .map(|entry| {
            let bytes = renderer.render_download(site, &tables, &history, entry)?;
            staging.put(&entry.path, &bytes)?;
            progress.advance();
            Ok((entry.path.clone(), bytes.len() as u64))
        })
        .collect::<Result<Sizes>>();
    let sizes = match sizes {
        Ok(sizes) => sizes,
        Err(e) => {
            progress.finish();
            return Err(e);
        }
    };
    let search = SearchIndex::of(site);
    let shared = renderer.shared(site, &sizes, &search, &history);
    let rendered = pages.par_iter().try_for_each(|entry| {
        let bytes = renderer.render(site, &shared, entry)?;
        staging.put(&entry.path, &bytes)?;
        progress.advance();
        Ok::<_, Error>(())
    });
    progress.finish();
    rendered?;
    drop(shared);
    let stats = staging.commit(plan.iter().map(|p| &p.path))?;
    Ok((stats, sizes, search))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_of_changes() {
        let folders = [Path::new("content/504002")];
        let s = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            paths
                .iter()
                .map(|rel| Scope::of(rel, |p| folders.contains(&p)))
                .max()
                .unwrap()
        };
        assert_eq!(s(&["content/504001/a.yaml"]), Scope::Projects);
        assert_eq!(
            s(&["content/504001/.a.yaml.swp", "content/504001/4913"]),
            Scope::Nothing
        );
        assert_eq!(s(&["public/index.html"]), Scope::Nothing);
        assert_eq!(s(&["content/504001/_department.yaml"]), Scope::Everything);
        assert_eq!(s(&["site.toml"]), Scope::Everything);
        assert_eq!(
            s(&["themes/default/templates/base.html"]),
            Scope::Everything
        );
        assert_eq!(s(&["content/504002"]), Scope::Everything);
        assert_eq!(s(&["content/504001/sedqd1uYU"]), Scope::Nothing);
        assert_eq!(s(&["content/pages/about.md"]), Scope::Everything);
        assert_eq!(s(&["content/504001/原件.pdf"]), Scope::Projects);
    }
}
