//! The build cache: what the last `gongkai build` read and made, so that
//! the next one can skip what is up to date.
//!
//! A build hashes its inputs before it reads them: every file under
//! `content/` (SHA-256, re-read only when its size or modification time
//! moved, as git's index does), and, as one "environment" hash, `site.toml`,
//! everything under `themes/`, the gongkai binary itself, the message
//! language and the output folder. Then:
//! - nothing changed, the output still holds exactly the files of the last
//!   build, and none was deleted: the build is done, with 0 files written
//!   and the last build's findings printed again;
//! - only project files or their attachments changed: the site is loaded
//!   and checked whole (indexes and totals need every project), but only
//!   the outputs the page plan says those projects feed are rendered; the
//!   rest are kept as they are on disk;
//! - anything else (or no usable cache): a full build.
//!
//! The cache lives beside the output folder, outside what is published,
//! in `.public.gongkai-cache/` (for an output folder `public`), next to
//! the staging folders of the write stage. It is only a shortcut:
//! one that is missing, stale, from another version or corrupt is ignored
//! and replaced, and a rebuild under `watch`/`serve` (which changes the
//! output without it) deletes it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use super::BuildReport;
use crate::check::PendingReviews;
use crate::diagnostics::Diagnostics;
use crate::history::History;
use crate::integrity::source::{self, Revision};
use crate::integrity::{Digests, Hashes};
use crate::layout::{self, CONTENT_DIR, ChangeKind, OUTPUT_MANIFEST, OutputPath, THEMES_DIR};
use crate::model::{ProjectKey, Site};
use crate::render::views::Sizes;
use crate::write::{WriteStats, manifest_paths};

/// Bumped whenever the saved layout or its meaning changes.
const FORMAT: u32 = 2;

/// Files modified less than this long before a build began are hashed
/// again by the next build, whatever their time says: two writes within
/// one tick of the file system's clock leave the same time.
const RACY_WINDOW_NANOS: i128 = 2_000_000_000;

/// One input file as the last build saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Input {
    len: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    modified: i128,
    /// SHA-256 of the bytes, in hex.
    hash: String,
}

/// What a project was at the last build: its key, and the keys of the
/// projects its page compares it with (its chain across years), which an
/// edit of it re-renders.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SavedProject {
    key: ProjectKey,
    chain: Vec<ProjectKey>,
}

/// The cache file's content.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Saved {
    format: u32,
    environment: String,
    inputs: BTreeMap<String, Input>,
    /// SHA-256 of the output's manifest after the build.
    manifest: String,
    projects: BTreeMap<PathBuf, SavedProject>,
    sizes: BTreeMap<String, u64>,
    /// The digests of every output but the integrity lists, so that a
    /// build keeping most of them need not read them back.
    hashes: BTreeMap<String, Digests>,
    /// The commit the output's `manifest.json` names.
    source: Option<Revision>,
    years: Vec<u16>,
    report: SavedReport,
    /// The outputs listed by the output's manifest, read once by
    /// [`decide`] while it checks that the output is still this build's.
    #[serde(skip)]
    outputs: BTreeSet<OutputPath>,
}

/// The parts of the last build's report that a skipped build repeats.
#[derive(Debug, Serialize, Deserialize)]
struct SavedReport {
    projects: usize,
    pages: usize,
    outputs: usize,
    diagnostics: Diagnostics,
    reviews: PendingReviews,
}

/// The inputs as they are now.
pub(super) struct Fingerprint {
    environment: String,
    inputs: BTreeMap<String, Input>,
    /// False when some entry could not be walked (a broken link, a link
    /// loop, no permission): the load reports it, and no cache may
    /// vouch for a tree it could not see whole.
    complete: bool,
}

/// What the cache allows this build to skip.
pub(super) enum Decision {
    /// Nothing: build everything.
    Full,
    /// Everything: the output is this site already.
    Unchanged(Box<Saved>),
    /// All but what these changed project files and attachments feed.
    Projects(Box<Saved>, Vec<PathBuf>),
}

/// The cache file for builds into `out_dir`. The environment hash
/// records the site root, so a build of another site into the same folder
/// ignores it.
pub(super) fn file(out_dir: &Path) -> PathBuf {
    layout::staging_dir(out_dir, "cache").join("build.json")
}

/// The saved state in `path`, if it is readable and of this format.
pub(super) fn load(path: &Path) -> Option<Saved> {
    let bytes = fs::read(path).ok()?;
    let saved: Saved = serde_json::from_slice(&bytes).ok()?;
    (saved.format == FORMAT).then_some(saved)
}

/// Removes the cache of builds into `out_dir`; a failure leaves a file
/// whose manifest hash no longer matches, which is ignored anyway.
pub(super) fn forget(out_dir: &Path) {
    forget_file(&file(out_dir));
}

fn forget_file(path: &Path) {
    let _ = fs::remove_file(path);
}

/// Hashes the inputs of the site at `root`, re-reading only the files
/// whose size or time differ from `prior`'s record.
pub(super) fn fingerprint(root: &Path, out_dir: &Path, prior: Option<&Saved>) -> Fingerprint {
    // A file written within a clock tick of this moment can change again
    // without its time moving (file times advance in ticks of a few
    // milliseconds): its time is not recorded, so the next build hashes
    // it again rather than trust it ("racy git").
    let racy_after = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(i128::MAX, |d| d.as_nanos() as i128 - RACY_WINDOW_NANOS);
    let mut env = Sha256::new();
    env.update(format!("gongkai {} {FORMAT}\n", env!("CARGO_PKG_VERSION")));
    // The binary itself: a gongkai built from other sources renders other
    // bytes under the same version number.
    if let Ok(exe) = std::env::current_exe().and_then(fs::metadata) {
        env.update(format!("exe {} {}\n", exe.len(), modified(&exe)));
    }
    env.update(format!("lang {:?}\n", crate::i18n::lang()));
    env.update(format!("out {}\n", out_dir.display()));
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    env.update(format!("site {}\n", site.display()));
    env.update(fs::read(root.join(crate::config::FILE_NAME)).unwrap_or_default());
    let (themes, themes_whole) = files_under(&root.join(THEMES_DIR));
    for path in &themes {
        env.update(format!("\n{}\n", path.display()));
        env.update(fs::read(path).unwrap_or_default());
    }
    let (content, content_whole) = files_under(&root.join(CONTENT_DIR));
    let inputs = content
        .par_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(root).ok()?.to_str()?.to_owned();
            let meta = fs::metadata(path).ok()?;
            let (len, modified) = (meta.len(), modified(&meta));
            let known = prior
                .and_then(|p| p.inputs.get(&rel))
                .filter(|i| i.len == len && i.modified == modified && modified != 0);
            let hash = match known {
                Some(input) => input.hash.clone(),
                // Unreadable now: a hash no file has, so it counts as changed.
                None => fs::read(path).map_or_else(|_| "?".into(), |b| hex(&Sha256::digest(&b))),
            };
            let modified = if modified >= racy_after { 0 } else { modified };
            Some((
                rel,
                Input {
                    len,
                    modified,
                    hash,
                },
            ))
        })
        .collect();
    Fingerprint {
        environment: hex(&env.finalize()),
        inputs,
        complete: themes_whole && content_whole,
    }
}

/// Every file under `dir` (links followed, hidden and editor files
/// skipped), sorted, and whether every entry could be walked. A missing
/// `dir` is whole and empty.
fn files_under(dir: &Path) -> (Vec<PathBuf>, bool) {
    let hidden = |e: &walkdir::DirEntry| {
        e.depth() > 0 && e.file_name().to_str().is_none_or(layout::is_ignored_name)
    };
    if !dir.exists() {
        return (Vec::new(), fs::symlink_metadata(dir).is_err());
    }
    let mut whole = true;
    let mut files = Vec::new();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            // A FIFO or device where content belongs is the load's to refuse.
            Ok(e) if !e.file_type().is_dir() => whole = false,
            Ok(_) => {}
            Err(_) => whole = false,
        }
    }
    (files, whole)
}

fn modified(meta: &fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `saved` lets a build of `now` into `out_dir` skip.
pub(super) fn decide(saved: Option<Saved>, now: &Fingerprint, out_dir: &Path) -> Decision {
    let Some(mut saved) = saved else {
        return Decision::Full;
    };
    if !now.complete || saved.environment != now.environment {
        return Decision::Full;
    }
    match output_is(&saved, out_dir) {
        Some(outputs) => saved.outputs = outputs,
        None => return Decision::Full,
    }
    let mut changed: Vec<PathBuf> = Vec::new();
    for (rel, input) in &now.inputs {
        if saved
            .inputs
            .get(rel)
            .is_none_or(|old| old.hash != input.hash)
        {
            changed.push(rel.into());
        }
    }
    changed.extend(
        saved
            .inputs
            .keys()
            .filter(|rel| !now.inputs.contains_key(*rel))
            .map(PathBuf::from),
    );
    if changed.is_empty() {
        return Decision::Unchanged(Box::new(saved));
    }
    let projects_only = changed.iter().all(|rel| {
        matches!(
            layout::change_kind(rel, |_| false),
            ChangeKind::Project | ChangeKind::Evaluation | ChangeKind::Attachment
        )
    });
    if projects_only {
        Decision::Projects(Box::new(saved), changed)
    } else {
        Decision::Full
    }
}

/// The outputs of the last build when the output folder still holds
/// them: the same manifest, every file it lists still there, and no write
/// left halfway; `None` otherwise.
fn output_is(saved: &Saved, out_dir: &Path) -> Option<BTreeSet<OutputPath>> {
    let text = fs::read_to_string(out_dir.join(OUTPUT_MANIFEST)).ok()?;
    if hex(&Sha256::digest(text.as_bytes())) != saved.manifest {
        return None;
    }
    let leftovers = ["update", "old"]
        .iter()
        .any(|kind| layout::staging_dir(out_dir, kind).exists());
    let paths = manifest_paths(&text)?;
    let whole = !leftovers
        && paths
            .par_iter()
            .all(|rel| fs::symlink_metadata(out_dir.join(rel)).is_ok());
    whole.then(|| {
        paths
            .iter()
            .filter_map(|p| OutputPath::new(p))
            .filter(|p| p.as_str() != OUTPUT_MANIFEST)
            .collect()
    })
}

impl Saved {
    /// The report of a build the cache made unnecessary.
    pub(super) fn report(&self, out_dir: PathBuf, elapsed: std::time::Duration) -> BuildReport {
        BuildReport {
            projects: self.report.projects,
            pages: self.report.pages,
            rendered: 0,
            files: WriteStats {
                written: 0,
                unchanged: self.report.outputs,
                removed: 0,
            },
            elapsed,
            diagnostics: self.report.diagnostics.clone(),
            out_dir,
            reviews: self.report.reviews.clone(),
        }
    }

    /// The years of the last build.
    pub(super) fn years(&self) -> &[u16] {
        &self.years
    }

    /// The outputs of the last build, as [`decide`] found them listed.
    pub(super) fn outputs(&self) -> &BTreeSet<OutputPath> {
        &self.outputs
    }

    /// The downloads' sizes at the last build.
    pub(super) fn sizes(&self) -> Sizes {
        self.sizes
            .iter()
            .filter_map(|(p, s)| Some((OutputPath::new(p)?, *s)))
            .collect()
    }

    /// The outputs' digests at the last build.
    pub(super) fn hashes(&self) -> Hashes {
        self.hashes
            .iter()
            .filter_map(|(p, d)| Some((OutputPath::new(p)?, *d)))
            .collect()
    }

    /// True when the site root's git `HEAD` is no longer the commit the
    /// last build's `manifest.json` names.
    pub(super) fn source_moved(&self, root: &Path) -> bool {
        self.source != source::revision(root)
    }

    /// The key a project file had at the last build.
    pub(super) fn key_of(&self, source: &Path) -> Option<&ProjectKey> {
        self.projects.get(source).map(|p| &p.key)
    }

    /// The projects whose pages showed `keys` at the last build.
    pub(super) fn chains_of(&self, keys: &BTreeSet<ProjectKey>) -> BTreeSet<ProjectKey> {
        self.projects
            .values()
            .filter(|p| keys.contains(&p.key))
            .flat_map(|p| p.chain.iter().cloned())
            .collect()
    }
}

/// Saves what the build just made, for the next one. A cache that cannot
/// be written is only a slower next build: the failure is ignored.
pub(super) fn save(path: &Path, now: Fingerprint, built: Built<'_>) {
    if !now.complete {
        forget_file(path);
        return;
    }
    let Ok(manifest) = fs::read(built.out_dir.join(OUTPUT_MANIFEST)) else {
        return;
    };
    let history = History::of(built.site);
    let projects = built
        .site
        .projects
        .iter()
        .map(|p| {
            let key = p.key();
            let chain = history
                .chain_of_key(built.site, &key)
                .iter()
                .map(|&i| built.site.projects[i].key())
                .collect();
            (p.source.clone(), SavedProject { key, chain })
        })
        .collect();
    let saved = Saved {
        format: FORMAT,
        environment: now.environment,
        inputs: now.inputs,
        manifest: hex(&Sha256::digest(&manifest)),
        projects,
        sizes: built
            .sizes
            .iter()
            .map(|(p, s)| (p.as_str().to_owned(), *s))
            .collect(),
        hashes: built
            .hashes
            .iter()
            .map(|(p, d)| (p.as_str().to_owned(), *d))
            .collect(),
        source: source::revision(built.root),
        years: built.site.years(),
        report: SavedReport {
            projects: built.report.projects,
            pages: built.report.pages,
            outputs: built.outputs,
            diagnostics: built.report.diagnostics.clone(),
            reviews: built.report.reviews.clone(),
        },
        outputs: BTreeSet::new(),
    };
    let Ok(bytes) = serde_json::to_vec(&saved) else {
        return;
    };
    let Some(dir) = path.parent() else {
        return;
    };
    let temp = dir.join(format!(".build-{}.tmp", std::process::id()));
    let written = fs::create_dir_all(dir)
        .and_then(|()| fs::write(&temp, &bytes))
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
}

/// What a finished build hands to [`save`].
pub(super) struct Built<'a> {
    pub(super) site: &'a Site,
    pub(super) sizes: &'a Sizes,
    pub(super) hashes: &'a Hashes,
    pub(super) root: &'a Path,
    pub(super) report: &'a BuildReport,
    pub(super) out_dir: &'a Path,
    pub(super) outputs: usize,
}
