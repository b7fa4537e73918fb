//! Build: the pipeline load → check → render → write, whole or incremental.
//!
//! [`build`] runs it once for the `build` command; [`Session`] keeps its
//! state between runs for `watch` and `serve`, where
//! [`Session::rebuild`] re-reads only the files that changed and
//! re-renders only the outputs the page plan says they feed. Both are the
//! same pipeline ([`session`]): a full build is the first step from an
//! empty state. [`preflight`] is what `gongkai check` runs instead of
//! writing, so that it refuses exactly what a build refuses.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::check::{self, PendingReviews};
use crate::config::Config;
use crate::diagnostics::{Diagnostics, Severity};
use crate::error::{Error, Result};
use crate::load;
use crate::model::Site;
use crate::write::WriteStats;

mod cache;
mod integrity;
mod preflight;
mod session;
mod writer;

pub use session::{RebuildReport, Session};

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
    /// Outputs rendered by this build: all of them, or, when the build
    /// cache let it skip the rest, only those its changes feed.
    pub rendered: usize,
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

/// Builds print errors and warnings; infos are for `gongkai check`.
pub(crate) const BUILD_DETAIL: Severity = Severity::Warning;

/// How many warnings a build prints in full (every error is printed).
/// `gongkai check` lists them all; a build log of thousands helps no one.
pub const BUILD_SHOWN_WARNINGS: usize = 50;

/// Builds the site once into its output directory.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, Config::load(&options.root)?, &Quiet)
}

/// [`build`] with the configuration already loaded, reporting progress.
/// The build cache ([`cache`]) lets it skip what the last build into the
/// same folder made from the same inputs.
pub fn build_with(
    options: &BuildOptions,
    config: Config,
    progress: &dyn Progress,
) -> Result<BuildReport> {
    let started = std::time::Instant::now();
    let out_dir = options.out_dir(&config);
    let file = cache::file(&out_dir);
    let saved = cache::load(&file);
    let now = cache::fingerprint(&options.root, &out_dir, saved.as_ref());
    let (session, report) = match cache::decide(saved, &now, &out_dir) {
        // A new commit of the same files: only the manifest names it.
        cache::Decision::Unchanged(saved) if saved.source_moved(&options.root) => {
            Session::resume(options, config, (&saved, &[]), progress)?
        }
        cache::Decision::Unchanged(saved) => return Ok(saved.report(out_dir, started.elapsed())),
        cache::Decision::Projects(saved, changed) => {
            Session::resume(options, config, (&saved, &changed), progress)?
        }
        cache::Decision::Full => Session::start_with(options, config, progress)?,
    };
    cache::save(&file, now, session.built(&report));
    Ok(report)
}
