//! The one pipeline, load → check → render → write, as a sequence of
//! steps from a kept state.
//!
//! A [`Session`] holds what the last successful step left: the site, the
//! compiled theme, the page plan, the downloads' sizes, the search index
//! and the check's per-file findings. A step takes changed paths, loads
//! what they touch, checks the new site through the same function a full
//! check uses ([`check::check_site_cached`]), asks the [plan] which
//! outputs the change feeds, renders those and writes them. A full build
//! is simply the first step, from an empty state with everything
//! changed: there is no second copy of the pipeline for `watch` to drift
//! from, and site-wide checks, downloads and search follow every save.
//!
//! A step that finds errors changes nothing, neither the output nor the
//! session, so the last good site stays in place; either way the bytes on
//! disk equal those of a clean build of the same tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::cache::{self, Saved};
use super::integrity::{self, Outcome};
use super::writer::Writer;
use super::{BUILD_DETAIL, BUILD_SHOWN_WARNINGS, BuildOptions, BuildReport, Progress, Quiet};
use crate::check::{self, CheckCache, Dirty, PendingReviews};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::error::{Error, Result};
use crate::history::{self, History};
use crate::integrity::Hashes;
use crate::layout::{self, ChangeKind, OutputPath, SourceKind};
use crate::load;
use crate::model::Site;
use crate::render::Renderer;
use crate::render::plan::{self, Change, Planned};
use crate::render::search::SearchIndex;
use crate::render::theme::Theme;
use crate::render::views::Sizes;
use crate::write::{self, WriteStats};

/// A built site kept in memory, so that later changes rebuild only what
/// they affect.
pub struct Session {
    root: PathBuf,
    out_dir: PathBuf,
    /// `--force`: the user's files in the way of an output are replaced.
    force: bool,
    /// Nothing published yet: the next step writes a whole site.
    fresh: bool,
    site: Site,
    /// `None` until the first step compiles the theme.
    renderer: Option<Renderer>,
    plan: Vec<Planned>,
    /// The size of every download on disk, which the pages' links show.
    sizes: Sizes,
    /// The digests of every output but the integrity lists, which are
    /// made from them.
    hashes: Hashes,
    /// The search index of the current output, updated in place by edits.
    search: SearchIndex,
    /// The per-project findings of the last check.
    checks: CheckCache,
    /// The warnings about the content tree itself (a file that is not
    /// used), from the last full load; a project edit cannot change them.
    tree_findings: Vec<Diagnostic>,
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
    /// The warnings the change can have moved, anywhere in the site (see
    /// [`check::Dirty::moved`]); errors fail the rebuild instead.
    pub diagnostics: Diagnostics,
    /// Every `# 待核对` flag of the whole site still open after the rebuild,
    /// not only those of the changed files: the preview lists them all.
    pub reviews: PendingReviews,
}

/// A checked next state, not yet applied.
struct Next {
    site: Site,
    /// A recompiled renderer, when the theme or configuration changed.
    renderer: Option<Renderer>,
    checks: CheckCache,
    tree_findings: Vec<Diagnostic>,
    change: Change,
    diagnostics: Diagnostics,
}

/// What applying a step did.
struct Applied {
    rendered: usize,
    written: Vec<OutputPath>,
    removed: Vec<OutputPath>,
    stats: WriteStats,
    full: bool,
}

impl Session {
    /// Runs a full build and keeps its state.
    pub fn start(options: &BuildOptions) -> Result<(Session, BuildReport)> {
        Session::start_with(options, Config::load(&options.root)?, &Quiet)
    }

    /// [`Session::start`] with the configuration already loaded, reporting
    /// progress: the first step, from nothing, with everything changed.
    pub(crate) fn start_with(
        options: &BuildOptions,
        config: Config,
        progress: &dyn Progress,
    ) -> Result<(Session, BuildReport)> {
        Session::first_step(options, config, None, progress)
    }

    /// The first step of a `build` that the cache `saved` says may skip
    /// all but what the project files `changed` feed: the whole site is
    /// loaded and checked, but only those outputs are rendered, and the
    /// rest of the last build's output is kept.
    pub(super) fn resume(
        options: &BuildOptions,
        config: Config,
        (saved, changed): (&Saved, &[PathBuf]),
        progress: &dyn Progress,
    ) -> Result<(Session, BuildReport)> {
        Session::first_step(options, config, Some((saved, changed)), progress)
    }

    fn first_step(
        options: &BuildOptions,
        config: Config,
        saved: Option<(&Saved, &[PathBuf])>,
        progress: &dyn Progress,
    ) -> Result<(Session, BuildReport)> {
        let started = Instant::now();
        let mut session = Session {
            root: options.root.clone(),
            out_dir: options.out_dir(&config),
            force: options.force,
            fresh: true,
            site: Site::of_projects(Config::new(""), Vec::new()),
            renderer: None,
            plan: Vec::new(),
            sizes: Sizes::new(),
            hashes: Hashes::new(),
            search: SearchIndex::default(),
            checks: CheckCache::default(),
            tree_findings: Vec::new(),
            pending: BTreeSet::new(),
        };
        let mut next = session.load_everything(config)?;
        let diagnostics = next.diagnostics.clone();
        let applied = match saved {
            None => session.apply(next, None, progress)?,
            Some((saved, changed)) => {
                next.change = changed_projects(saved, &next.site, changed);
                session.apply(next, Some(saved), progress)?
            }
        };
        let report = BuildReport {
            projects: session.site.projects.len(),
            pages: plan::html_pages(&session.plan),
            rendered: applied.rendered,
            files: applied.stats,
            elapsed: started.elapsed(),
            diagnostics,
            out_dir: session.out_dir.clone(),
            reviews: check::pending_reviews(&session.site),
        };
        Ok((session, report))
    }

    /// What the cache needs of a finished build.
    pub(super) fn built<'a>(&'a self, report: &'a BuildReport) -> cache::Built<'a> {
        cache::Built {
            site: &self.site,
            sizes: &self.sizes,
            hashes: &self.hashes,
            root: &self.root,
            report,
            out_dir: &self.out_dir,
            outputs: self.plan.len(),
        }
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
        let next = match scope {
            Scope::Nothing => return Ok(RebuildReport::default()),
            Scope::Projects => self.load_projects(&relevant),
            Scope::Everything => Config::load(&self.root).and_then(|c| self.load_everything(c)),
        };
        let applied = next.and_then(|next| {
            let diagnostics = next.diagnostics.clone();
            self.apply(next, None, &Quiet).map(|a| (a, diagnostics))
        });
        let (applied, diagnostics) =
            applied.inspect_err(|_| self.pending.extend(relevant.iter().cloned()))?;
        // The output no longer is what the last `build` made from the
        // inputs it recorded.
        cache::forget(&self.out_dir);
        Ok(RebuildReport {
            changed: relevant,
            rendered: applied.rendered,
            written: applied.written,
            removed: applied.removed,
            full: applied.full,
            elapsed: started.elapsed(),
            diagnostics,
            reviews: check::pending_reviews(&self.site),
        })
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
    /// files themselves, those whose evaluation changed, and those naming a
    /// changed attachment.
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
            .map(|rel| layout::owning_project(rel))
            .chain(naming.map(|p| p.source.clone()))
            .collect()
    }

    /// Loads the whole site afresh (configuration, theme, content).
    fn load_everything(&self, config: Config) -> Result<Next> {
        let rule_errors = check::check_rule_names(&config.check);
        let (site, loaded) = load::load_site(&self.root, config);
        let (checks, found) =
            check::check_site_cached(&site, BUILD_DETAIL, None, &Dirty::Everything);
        let tree_findings: Vec<Diagnostic> = loaded
            .iter()
            .filter(|d| d.severity != Severity::Error)
            .cloned()
            .collect();
        let mut diagnostics = loaded;
        diagnostics.extend(rule_errors);
        diagnostics.extend(found);
        let change = Change {
            everything: true,
            ..Change::default()
        };
        self.finish_check(site, change, (checks, tree_findings), diagnostics, true)
    }

    /// Re-reads only the changed project files, and those whose
    /// attachments changed; checks the new site, reusing the findings the
    /// change cannot have moved.
    fn load_projects(&self, changed: &[PathBuf]) -> Result<Next> {
        let mut site = self.site.clone();
        let mut change = Change::default();
        let mut diagnostics = Diagnostics::default();
        let folders = load::department_folders(&site.departments, &mut diagnostics);
        let mut fresh = Vec::new();
        let mut files = BTreeSet::new();
        for rel in &self.projects_to_read(changed) {
            let SourceKind::Project { folder } = layout::classify(rel) else {
                continue;
            };
            files.insert(rel.clone());
            if let Some(i) = site.projects.iter().position(|p| &p.source == rel) {
                change.projects.insert(site.projects.remove(i).key());
            }
            // Gone means gone from the folder. Anything still there (a
            // FIFO, a link leaving the site) is read, so that it is refused
            // exactly as a full build refuses it, not dropped silently.
            let present =
                std::fs::symlink_metadata(self.root.join(rel)).is_ok_and(|meta| !meta.is_dir());
            if !present {
                let evaluation = layout::evaluation_of(rel);
                if std::fs::symlink_metadata(self.root.join(&evaluation)).is_ok() {
                    diagnostics.push(load::orphan_evaluation(&evaluation, rel));
                }
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
        site.projects.extend(fresh);
        site.sort();
        diagnostics.extend(load::duplicate_projects(&site.projects));
        let dirty = Dirty::Projects {
            files,
            departments: change
                .projects
                .iter()
                .map(|k| k.department.clone())
                .collect(),
        };
        let (checks, found) =
            check::check_site_cached(&site, BUILD_DETAIL, Some(&self.checks), &dirty);
        diagnostics.extend(dirty.moved(&site, &checks, found));
        let kept = (checks, self.tree_findings.clone());
        self.finish_check(site, change, kept, diagnostics, false)
    }

    /// Keeps the findings a build prints (a rebuild's are already only
    /// those its change can have moved), locates them, and fails on an
    /// error; compiles the theme when it may have changed.
    fn finish_check(
        &self,
        site: Site,
        change: Change,
        (checks, tree_findings): (CheckCache, Vec<Diagnostic>),
        mut diagnostics: Diagnostics,
        new_theme: bool,
    ) -> Result<Next> {
        diagnostics.retain_at_least(BUILD_DETAIL);
        diagnostics.keep_first(BUILD_SHOWN_WARNINGS);
        diagnostics.locate(&self.root);
        if diagnostics.has_errors() {
            return Err(Error::Content(diagnostics));
        }
        let renderer = if new_theme {
            Some(Renderer::new(Theme::load(&self.root, &site.config)?)?)
        } else {
            None
        };
        Ok(Next {
            site,
            renderer,
            checks,
            tree_findings,
            change,
            diagnostics,
        })
    }

    /// Renders what the step's change affects, downloads before pages
    /// (whose links show the downloads' sizes), writes the changed files
    /// and removes the outputs that no longer exist in one all-or-nothing
    /// write; then adopts the new state. On any failure the output and the
    /// session stay as they were.
    ///
    /// `saved` is the last build's cache, when this first step continues
    /// from the output it made rather than from nothing: what was on disk
    /// before is then read from it instead of from the session.
    fn apply(
        &mut self,
        next: Next,
        saved: Option<&Saved>,
        progress: &dyn Progress,
    ) -> Result<Applied> {
        let Some(renderer) = next.renderer.as_ref().or(self.renderer.as_ref()) else {
            unreachable!("the first step always compiles the theme");
        };
        let site = &next.site;
        // A year that appears or vanishes changes every page's year
        // switcher; a first step from nothing changes everything.
        let mut change = next.change.clone();
        let old_years = match &saved {
            Some(saved) => saved.years().to_vec(),
            None => self.site.years(),
        };
        change.everything |= (self.fresh && saved.is_none()) || site.years() != old_years;
        // A project's page shows its other years: an edit of one year
        // re-renders the others, as the chains were before and are after.
        let history = History::of(site);
        if !change.everything && !change.projects.is_empty() {
            change.related = match &saved {
                Some(saved) => {
                    let mut related = saved.chains_of(&change.projects);
                    related.extend(history::related(
                        (site, &history),
                        (site, &history),
                        &change.projects,
                    ));
                    related
                }
                None => {
                    let old = History::of(&self.site);
                    history::related((&self.site, &old), (site, &history), &change.projects)
                }
            };
        }
        let plan = plan::checked_plan(site, &renderer.static_files())?;
        let old_paths: BTreeSet<&OutputPath> = match &saved {
            Some(saved) => saved.outputs().iter().collect(),
            None => self.plan.iter().map(|p| &p.path).collect(),
        };
        let new_paths: Vec<&OutputPath> = plan.iter().map(|p| &p.path).collect();
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
        if self.fresh {
            write::validate_out_dir(&self.root, &self.out_dir)?;
        }
        let writer = if self.fresh {
            let waiting = |holder: Option<u32>| progress.waiting(&self.out_dir, holder);
            Writer::whole(
                &self.out_dir,
                new_paths.iter().copied(),
                self.force,
                &waiting,
            )?
        } else {
            Writer::changes(&self.out_dir)?
        };
        // Outputs the change does not feed stay as they are on disk; one
        // that someone deleted is rendered again.
        if !change.everything {
            for entry in &plan {
                if !targets.contains_key(&entry.path) && !writer.keep(&entry.path) {
                    targets.insert(&entry.path, entry);
                }
            }
        }
        // The integrity lists come last, from every other output's bytes.
        targets.retain(|_, entry| !matches!(entry.kind, plan::PageKind::Integrity(_)));
        let (downloads, pages): (Vec<_>, Vec<_>) = targets
            .into_iter()
            .partition(|(_, entry)| plan::is_download(&entry.kind));
        progress.begin(downloads.len() + pages.len());
        // The department-year tables, worked out once and shared by every
        // file made from them (its CSV, xlsx, JSON and the year's parts).
        let tables = crate::render::data::SetTables::default();
        let rendered = render_and_put(
            &writer,
            progress,
            &downloads,
            |entry| renderer.render_download(site, &tables, &history, entry),
            |path| self.force || old_paths.contains(path),
        );
        let rendered = match rendered {
            Ok(rendered) => rendered,
            Err(e) => {
                progress.finish();
                return Err(e);
            }
        };
        let new_set: BTreeSet<&OutputPath> = new_paths.iter().copied().collect();
        let mut sizes: Sizes = match &saved {
            Some(saved) => saved.sizes(),
            None => self.sizes.clone(),
        };
        sizes.retain(|path, _| new_set.contains(path));
        sizes.extend(rendered.iter().map(|(p, _, d)| (p.clone(), d.bytes)));
        let shared = renderer.shared(site, &sizes, &search, &history);
        let outcomes = render_and_put(
            &writer,
            progress,
            &pages,
            |entry| renderer.render(site, &shared, entry),
            |path| self.force || old_paths.contains(path),
        );
        progress.finish();
        let mut outcomes = outcomes?;
        drop(shared);
        outcomes.extend(rendered);
        let prior = match &saved {
            Some(saved) => saved.hashes(),
            None => self.hashes.clone(),
        };
        let hashes = integrity::digests(prior, &plan, &outcomes, &self.out_dir)?;
        let ours = |path: &OutputPath| self.force || old_paths.contains(path);
        outcomes.extend(integrity::put_lists(&writer, &self.root, &hashes, ours)?);
        let removed: Vec<OutputPath> = old_paths
            .iter()
            .filter(|p| !new_set.contains(*p))
            .map(|p| (*p).clone())
            .collect();
        let list_changed = old_paths != new_set;
        let written: Vec<OutputPath> = outcomes
            .iter()
            .filter(|(_, w, _)| *w)
            .map(|(p, _, _)| p.clone())
            .collect();
        let stats = writer.commit(&new_paths, &removed, written.len(), list_changed)?;
        let applied = Applied {
            rendered: outcomes.len(),
            written,
            removed,
            stats,
            full: change.everything,
        };
        self.plan = plan;
        self.sizes = sizes;
        self.hashes = hashes;
        self.search = search;
        self.site = next.site;
        self.checks = next.checks;
        self.tree_findings = next.tree_findings;
        self.fresh = false;
        if let Some(renderer) = next.renderer {
            self.renderer = Some(renderer);
        }
        Ok(applied)
    }
}

/// The projects that the changed files `changed` (project files, their
/// evaluations and attachments) touch, by their key at the last build
/// (`saved`) and in `site`.
fn changed_projects(saved: &Saved, site: &Site, changed: &[PathBuf]) -> Change {
    let files: BTreeSet<PathBuf> = changed
        .iter()
        .map(|rel| layout::owning_project(rel))
        .collect();
    let mut projects: BTreeSet<_> = files
        .iter()
        .filter_map(|rel| saved.key_of(rel).cloned())
        .collect();
    for project in &site.projects {
        let names_changed = project
            .attachments
            .iter()
            .any(|a| files.contains(&layout::attachment_source(&project.source, &a.file)));
        if files.contains(&project.source) || names_changed {
            projects.insert(project.key());
        }
    }
    Change {
        projects,
        ..Change::default()
    }
}

/// Renders `targets` in parallel with `render` and hands each to the
/// writer (`ours` says whether gongkai wrote the live file at a path).
/// Returns each output with whether it was written and the digests of
/// its bytes, for the integrity lists.
fn render_and_put(
    writer: &Writer,
    progress: &dyn Progress,
    targets: &[(&OutputPath, &Planned)],
    render: impl Fn(&Planned) -> Result<Vec<u8>> + Sync,
    ours: impl Fn(&OutputPath) -> bool + Sync,
) -> Result<Vec<Outcome>> {
    targets
        .par_iter()
        .map(|(path, entry)| {
            let bytes = render(entry)?;
            let wrote = writer.put(path, &bytes, ours(path))?;
            let digests = crate::integrity::Digests::of(&bytes);
            progress.advance();
            Ok(((*path).clone(), wrote, digests))
        })
        .collect()
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
            ChangeKind::Project | ChangeKind::Evaluation | ChangeKind::Attachment => {
                Scope::Projects
            }
            ChangeKind::Config
            | ChangeKind::Theme
            | ChangeKind::Department
            | ChangeKind::Page
            | ChangeKind::Misplaced
            | ChangeKind::ContentFolder => Scope::Everything,
        }
    }
}

#[cfg(test)]
mod tests;
