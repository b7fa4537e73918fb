//! Watch mode: build once, then rebuild whenever a source file changes.
//!
//! [`Watch`] is a thin driver around [`Session`]: it owns a `notify`
//! watcher, turns bursts of file events into one batch of changed paths,
//! and hands each batch to [`Session::rebuild`], which re-renders only what
//! the batch affects. A `Watch` is an iterator that blocks: callers pull
//! one [`Event`] per rebuild (the `watch` command prints it; `serve` prints
//! it and tells the browsers) and end the iteration from any thread, for
//! example a Ctrl-C handler, with a [`Stopper`].
//!
//! ```no_run
//! # fn main() -> gongkai::Result<()> {
//! use gongkai::build::BuildOptions;
//! use gongkai::watch::{Watch, WatchOptions};
//!
//! let options = WatchOptions {
//!     build: BuildOptions { root: ".".into(), output_dir: None, progress: false },
//!     poll: None,
//! };
//! let (watch, first) = Watch::start(&options)?;
//! println!("{}", first.status_line());
//! for event in watch {
//!     println!("{}", event.status_line());
//! }
//! # Ok(())
//! # }
//! ```
//!
//! What is watched: `site.toml` and the root folder itself (not
//! recursively), and `content/` and `themes/` recursively. Watching whole
//! folders rather than single files keeps the watch alive when an editor
//! saves by writing a temporary file and renaming it over the original, and
//! picks up new folders. When `content/` or `themes/` themselves are
//! removed and created again, the root watch sees it and they are watched
//! anew. Hidden files, editor temporaries and backups
//! ([`is_editor_artifact`]) and the output directory never trigger a
//! rebuild, nor do mere reads (the build itself opens every source).
//!
//! With `--poll MS`, a scanning thread compares file metadata instead
//! (modification times to the nanosecond, sizes), for network drives,
//! containers and WSL.
//!
//! A batch that breaks the content yields [`Event::Failed`]; the session
//! and the output stay as they were, so the last good site is still the one
//! on disk, and the loop goes on. The next good save rebuilds as usual.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use miette::Diagnostic as _;
use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind, RenameMode};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::build::{BuildOptions, BuildReport, RebuildReport, Session};
use crate::config::{self, Config};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::load::{self, is_editor_artifact};
use crate::render::theme::THEMES_DIR;

/// How long the file system must stay quiet before a burst of events is
/// rebuilt as one batch. Editors touch several files per save within a few
/// milliseconds; 75 ms merges those and still feels immediate.
pub const QUIET_PERIOD: Duration = Duration::from_millis(75);

/// How long to wait for stragglers once an event says a save is complete
/// (the file was closed after writing, or renamed into place). The rest of
/// an editor's burst (removing its backup, say) follows within a few
/// milliseconds, so the preview need not wait the full quiet period.
pub const SETTLE_AFTER_SAVE: Duration = Duration::from_millis(8);

/// A batch is rebuilt at the latest this long after its first event, even
/// if events keep coming (a script rewriting many files, say).
const MAX_BATCH_DELAY: Duration = Duration::from_secs(1);

/// The folders watched recursively, relative to the root.
const WATCHED_DIRS: [&str; 2] = [load::CONTENT_DIR, THEMES_DIR];

/// How to build and how to learn about changes.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub build: BuildOptions,
    /// Poll the file system at this interval instead of using native
    /// events; for network drives, containers and WSL.
    pub poll: Option<Duration>,
}

/// What happened in response to a batch of changes (or at start).
#[derive(Debug)]
pub enum Event {
    /// A full build succeeded: the first one, or the first good one after
    /// a start with broken content.
    Built(BuildReport),
    /// An incremental rebuild succeeded.
    Rebuilt(RebuildReport),
    /// The build or rebuild failed; the output still holds the last good
    /// site. `changed` is empty for the first build.
    Failed { changed: Vec<PathBuf>, error: Error },
}

impl Event {
    /// True when the event changed files in the output directory.
    pub fn changed_output(&self) -> bool {
        match self {
            Event::Built(_) => true,
            Event::Rebuilt(report) => !report.written.is_empty() || !report.removed.is_empty(),
            Event::Failed { .. } => false,
        }
    }

    /// One line for the terminal: what changed, what was rendered, how
    /// long it took; for a failure, what changed and that the old site
    /// stays (the details come from [`Event::error_report`]).
    pub fn status_line(&self) -> String {
        match self {
            Event::Built(report) => format!(
                "built {} project(s), {} page(s) in {} → {}",
                report.projects,
                report.pages,
                millis(report.elapsed),
                report.out_dir.display()
            ),
            Event::Rebuilt(report) => format!(
                "{} changed → {}{} rendered, {} written, {} removed in {}",
                describe_paths(&report.changed),
                if report.full { "full rebuild: " } else { "" },
                plural(report.rendered, "page"),
                report.written.len(),
                report.removed.len(),
                millis(report.elapsed)
            ),
            Event::Failed { changed, error } if changed.is_empty() => {
                format!("build failed: {error}; watching for a fix")
            }
            Event::Failed { changed, error } => format!(
                "{} changed → not rebuilt: {error}; the last good site stays",
                describe_paths(changed)
            ),
        }
    }

    /// The full report of a failure as `check` prints it (file, line,
    /// column and snippet for content errors), or `None` on success.
    pub fn error_report(&self, root: &Path, color: bool) -> Option<String> {
        let Event::Failed { error, .. } = self else {
            return None;
        };
        Some(match error {
            Error::Content(diagnostics) => diagnostics.render_human(root, color),
            other => plain_error(other),
        })
    }

    /// Warnings and infos worth showing after a successful build: all of
    /// them after a full build, only those about the changed files after a
    /// rebuild (the rest were shown before).
    pub fn warnings(&self, root: &Path, color: bool) -> Option<String> {
        let diagnostics: Diagnostics = match self {
            Event::Built(report) => report.diagnostics.clone(),
            Event::Rebuilt(report) => report
                .diagnostics
                .iter()
                .filter(|d| report.changed.contains(&d.file))
                .cloned()
                .collect(),
            Event::Failed { .. } => return None,
        };
        (!diagnostics.is_empty()).then(|| diagnostics.render_human(root, color))
    }
}

/// Prints an event to stderr: the diagnostics first, then the status line.
pub fn print_event(event: &Event, root: &Path, color: bool) {
    if let Some(text) = event
        .error_report(root, color)
        .or_else(|| event.warnings(root, color))
    {
        eprint!("{text}");
        if !text.ends_with('\n') {
            eprintln!();
        }
    }
    eprintln!("{}", event.status_line());
}

/// Stops a [`Watch`] from another thread: its iteration ends once the
/// rebuild in progress, if any, is done.
#[derive(Debug, Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    pub fn stop(&self) {
        // The watch may already be gone; then there is nothing to stop.
        let _ = self.0.send(Message::Stop);
    }
}

#[derive(Debug)]
enum Message {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// A running watch: a session (once a build has succeeded) and a watcher.
pub struct Watch {
    options: BuildOptions,
    /// The canonical root, as the watcher reports paths under it.
    root: PathBuf,
    out_dir: PathBuf,
    session: Option<Session>,
    backend: Backend,
    events: Receiver<Message>,
    sender: Sender<Message>,
}

impl Watch {
    /// Starts watching, then builds once. A start with broken content is
    /// not fatal: the first event is then [`Event::Failed`] and the next
    /// change tries a full build again. Problems no edit can fix (no site,
    /// an unsafe output directory, a watcher that cannot start) are errors.
    pub fn start(options: &WatchOptions) -> Result<(Watch, Event)> {
        let given = &options.build.root;
        // Config::load names the problem best when there is no site.
        if !given.join(config::FILE_NAME).is_file() {
            Config::load(given)?;
        }
        let root = std::fs::canonicalize(given).map_err(|e| Error::read(given, e))?;
        let (sender, events) = mpsc::channel();
        let backend = Backend::start(&root, options.poll, sender.clone())?;
        let out_dir = guess_out_dir(&options.build);
        let mut watch = Watch {
            options: options.build.clone(),
            root,
            out_dir,
            session: None,
            backend,
            events,
            sender,
        };
        watch.watch_tree()?;
        let first = watch.full_build(Vec::new())?;
        Ok((watch, first))
    }

    /// A handle that ends the loop; give it to a Ctrl-C handler.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// The site root as given in the options.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The absolute output directory (known even before the first good
    /// build).
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    fn apply(&mut self, paths: Vec<PathBuf>) -> Option<Event> {
        // Still no good build, or the output folder was deleted under us:
        // any relevant change runs a full build.
        let session = match &mut self.session {
            Some(session) if self.out_dir.is_dir() => session,
            _ => return self.retry_full_build(paths),
        };
        match session.rebuild(&paths) {
            Ok(report) if report.changed.is_empty() => None,
            Ok(report) => Some(Event::Rebuilt(report)),
            Err(error) => Some(Event::Failed {
                changed: paths,
                error,
            }),
        }
    }

    fn retry_full_build(&mut self, paths: Vec<PathBuf>) -> Option<Event> {
        match self.full_build(paths) {
            Ok(event) => Some(event),
            Err(error) => Some(Event::Failed {
                changed: Vec::new(),
                error,
            }),
        }
    }

    /// Runs a full build. Content and template problems become a
    /// [`Event::Failed`]; anything else is an error.
    fn full_build(&mut self, changed: Vec<PathBuf>) -> Result<Event> {
        match Session::start(&self.options) {
            Ok((session, report)) => {
                self.out_dir = absolute_dir(session.out_dir());
                self.session = Some(session);
                Ok(Event::Built(report))
            }
            Err(error @ (Error::Content(_) | Error::Template { .. } | Error::Read { .. })) => {
                Ok(Event::Failed { changed, error })
            }
            Err(error) => Err(error),
        }
    }

    /// (Re-)establishes every watch. Missing folders are skipped; the root
    /// watch reports their creation.
    fn watch_tree(&mut self) -> Result<()> {
        let Backend::Native(watcher) = &mut self.backend else {
            // A poller scans the folders afresh each time.
            return Ok(());
        };
        let watch_error = |path: &Path, source| Error::Watch {
            path: path.to_path_buf(),
            source,
        };
        watcher
            .watch(&self.root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&self.root, e))?;
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            if path.is_dir() {
                // Watching a watched folder again is harmless, but a stale
                // watch on a recreated folder must go first.
                let _ = watcher.unwatch(&path);
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&path, e))?;
            }
        }
        Ok(())
    }

    /// Blocks until a relevant event arrives, then collects events until
    /// the file system has been quiet for [`QUIET_PERIOD`], or for
    /// [`SETTLE_AFTER_SAVE`] once a save has visibly completed.
    fn next_batch(&mut self) -> Option<Batch> {
        let mut batch = Batch::default();
        while batch.is_empty() {
            match self.events.recv() {
                Ok(Message::Fs(event)) => self.absorb(event, &mut batch),
                Ok(Message::Stop) | Err(_) => return None,
            }
        }
        let first = Instant::now();
        loop {
            let left = MAX_BATCH_DELAY.saturating_sub(first.elapsed());
            if left.is_zero() {
                return Some(batch);
            }
            let quiet = if batch.saved {
                SETTLE_AFTER_SAVE
            } else {
                QUIET_PERIOD
            };
            match self.events.recv_timeout(quiet.min(left)) {
                Ok(Message::Fs(event)) => self.absorb(event, &mut batch),
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => return Some(batch),
            }
        }
    }

    /// Adds the relevant paths of one notify event to the batch.
    fn absorb(&self, event: notify::Result<notify::Event>, batch: &mut Batch) {
        let event = match event {
            Ok(event) => event,
            Err(_) => {
                // The watcher lost track (a queue overflow, say): rescan.
                batch.rescan();
                return;
            }
        };
        if event.need_rescan() {
            batch.rescan();
            return;
        }
        if !changes_content(&event.kind) {
            return;
        }
        for path in &event.paths {
            let Some(rel) = self.relevant(path) else {
                continue;
            };
            batch.saved |= completes_save(&event.kind);
            if WATCHED_DIRS.iter().any(|dir| rel == Path::new(dir)) {
                batch.rewatch = true;
            }
            batch.paths.insert(rel);
        }
    }

    /// The path relative to the root, if a change to it can matter.
    fn relevant(&self, path: &Path) -> Option<PathBuf> {
        if path.starts_with(&self.out_dir) {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        is_source_path(rel).then(|| rel.to_path_buf())
    }
}

/// Each item is the outcome of one batch of changes; the iterator blocks
/// until there is one, and ends once a [`Stopper`] stopped the watch.
impl Iterator for Watch {
    type Item = Event;

    /// Waits for the next batch of changes that matters, rebuilds, and
    /// returns what happened. Returns `None` once stopped.
    fn next(&mut self) -> Option<Event> {
        loop {
            let batch = self.next_batch()?;
            if batch.rewatch {
                // A folder that vanishes loses its watch; a new one has none.
                // An error here only means the folder is gone for now.
                let _ = self.watch_tree();
            }
            if let Some(event) = self.apply(batch.paths.into_iter().collect()) {
                return Some(event);
            }
        }
    }
}

/// The changed paths of one batch.
#[derive(Debug, Default)]
struct Batch {
    paths: BTreeSet<PathBuf>,
    /// A watched folder appeared or vanished.
    rewatch: bool,
    /// A relevant file was closed after writing or renamed into place.
    saved: bool,
}

impl Batch {
    fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rewatch
    }

    /// Events were lost: treat the whole content tree as changed, which
    /// makes the session reload everything.
    fn rescan(&mut self) {
        self.rewatch = true;
        self.paths.insert(PathBuf::from(load::CONTENT_DIR));
    }
}

/// True for a path (relative to the root) whose change can affect the
/// site: `site.toml`, or anything under `content/` or `themes/` that is
/// not hidden and not an editor's temporary or backup file.
pub fn is_source_path(rel: &Path) -> bool {
    let mut parts = rel.components().map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    let Some(Some(first)) = parts.next() else {
        return false;
    };
    let mut rest = parts.peekable();
    if first == config::FILE_NAME {
        return rest.peek().is_none();
    }
    if !WATCHED_DIRS.contains(&first) {
        return false;
    }
    rest.all(|part| part.is_some_and(|p| !p.starts_with('.') && !is_editor_artifact(p)))
}

/// True for events that end a save: the writer closed the file, or moved
/// its temporary copy into place.
fn completes_save(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// True for event kinds that can change what a file holds or where it is.
/// Opening and reading a file (the build does both) is not a change.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Where file events come from.
enum Backend {
    /// The platform's notifications (inotify, FSEvents, ReadDirectoryChanges).
    Native(RecommendedWatcher),
    /// Our own polling, for file systems without reliable notifications.
    /// Held for its `Drop`, which stops the scanning thread.
    Poll(#[expect(dead_code, reason = "kept alive until the watch ends")] Poller),
}

impl Backend {
    fn start(root: &Path, poll: Option<Duration>, sender: Sender<Message>) -> Result<Backend> {
        if let Some(interval) = poll {
            return Ok(Backend::Poll(Poller::start(root, interval, sender)));
        }
        let handler = move |event| {
            let _ = sender.send(Message::Fs(event));
        };
        RecommendedWatcher::new(handler, notify::Config::default())
            .map(Backend::Native)
            .map_err(|source| Error::Watch {
                path: root.to_path_buf(),
                source,
            })
    }
}

/// Polls `site.toml`, `content/` and `themes/` by comparing file metadata
/// between scans: modification time to the nanosecond, size, and on Unix
/// the inode and status-change time. (notify's `PollWatcher` compares
/// modification times in whole seconds, so it misses a second save within
/// the same second.) Reading metadata only keeps a scan cheap on network
/// drives; the scanning thread stops when the poller is dropped.
struct Poller {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Poller {
    fn start(root: &Path, interval: Duration, sender: Sender<Message>) -> Poller {
        let interval = interval.max(Duration::from_millis(10));
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let thread = std::thread::spawn({
            let stop = Arc::clone(&stop);
            move || {
                let mut before = scan(&root);
                loop {
                    std::thread::park_timeout(interval);
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let now = scan(&root);
                    let changed = changed_paths(&before, &now);
                    before = now;
                    if changed.is_empty() {
                        continue;
                    }
                    let event = changed
                        .into_iter()
                        .fold(notify::Event::new(EventKind::Any), notify::Event::add_path);
                    if sender.send(Message::Fs(Ok(event))).is_err() {
                        return;
                    }
                }
            }
        });
        Poller { stop, thread }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.thread().unpark();
    }
}

/// What a scan remembers of one path.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    dir: bool,
    #[cfg(unix)]
    inode: (u64, i64, i64),
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt as _;
    Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        dir: meta.is_dir(),
        #[cfg(unix)]
        inode: (meta.ino(), meta.ctime(), meta.ctime_nsec()),
    }
}

/// Every watched path under `root` with its stamp.
fn scan(root: &Path) -> BTreeMap<PathBuf, Stamp> {
    let mut found = BTreeMap::new();
    let config = root.join(config::FILE_NAME);
    if let Ok(meta) = std::fs::metadata(&config) {
        found.insert(config, stamp(&meta));
    }
    for dir in WATCHED_DIRS {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if let Ok(meta) = entry.metadata() {
                found.insert(entry.into_path(), stamp(&meta));
            }
        }
    }
    found
}

/// Paths added, removed or changed between two scans.
fn changed_paths(
    before: &BTreeMap<PathBuf, Stamp>,
    now: &BTreeMap<PathBuf, Stamp>,
) -> Vec<PathBuf> {
    let gone = before.keys().filter(|path| !now.contains_key(*path));
    let new_or_changed = now
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| path);
    gone.chain(new_or_changed).cloned().collect()
}

/// The absolute output directory as a build would choose it, for use
/// before any build has succeeded.
fn guess_out_dir(options: &BuildOptions) -> PathBuf {
    let dir = match &options.output_dir {
        Some(dir) => dir.clone(),
        None => {
            let name = Config::load(&options.root)
                .map(|c| c.output_dir)
                .unwrap_or_else(|_| PathBuf::from("public"));
            options.root.join(name)
        }
    };
    absolute_dir(&dir)
}

/// `dir` made absolute, with symlinks resolved when it exists, so that it
/// compares equal to the paths the watcher reports.
fn absolute_dir(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    std::fs::canonicalize(&absolute).unwrap_or(absolute)
}

/// An error's message, its causes and its help, without colour.
fn plain_error(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text.push('\n');
    if let Some(help) = error.help() {
        text.push_str(&format!("help: {help}\n"));
    }
    text
}

/// `a changed`, `a, b changed`, `5 files (a, b, c, …) changed`.
fn describe_paths(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    match paths.len() {
        0 => "nothing".to_owned(),
        1..=SHOWN => names.join(", "),
        n => format!("{n} files ({}, …)", names.join(", ")),
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn millis(elapsed: Duration) -> String {
    let ms = elapsed.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{} ms", ms.round() as u64)
    }
}

/// Runs `gongkai watch`: prints one status line per rebuild until Ctrl-C
/// (or SIGTERM), then returns, leaving the output in place.
pub fn run(options: &WatchOptions, color: bool) -> Result<()> {
    let (mut watch, first) = Watch::start(options)?;
    print_event(&first, &options.build.root, color);
    on_interrupt(watch.stopper())?;
    eprintln!("watching for changes; press Ctrl-C to stop");
    for event in watch.by_ref() {
        print_event(&event, &options.build.root, color);
    }
    eprintln!("stopped; the site stays in {}", watch.out_dir().display());
    Ok(())
}

/// Installs the process-wide Ctrl-C (and SIGTERM, SIGHUP) handler: the
/// first signal stops the watch cleanly, a second one exits at once.
pub fn on_interrupt(stopper: Stopper) -> Result<()> {
    let mut signalled = false;
    ctrlc::set_handler(move || {
        if signalled {
            std::process::exit(130);
        }
        signalled = true;
        stopper.stop();
    })
    .map_err(|e| Error::Serve(format!("cannot install the Ctrl-C handler: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths() {
        let yes = |p: &str| is_source_path(Path::new(p));
        assert!(yes("site.toml"));
        assert!(yes("content"));
        assert!(yes("content/504001/a.yaml"));
        assert!(yes("content/504002"));
        assert!(yes("themes/default/templates/base.html"));
        assert!(!yes("site.toml/x"));
        assert!(!yes("public/index.html"));
        assert!(!yes("target/debug/gongkai"));
        assert!(!yes(".git/index"));
        assert!(!yes("README.md"));
        assert!(!yes("content/504001/.a.yaml.swp"));
        assert!(!yes("content/504001/a.yaml~"));
        assert!(!yes("content/504001/4913"));
        assert!(!yes("content/504001/a.yaml___jb_tmp___"));
        assert!(!yes("content/504001/.#a.yaml"));
        assert!(!yes("content/.hidden/a.yaml"));
        assert!(!yes(""));
    }

    #[test]
    fn reads_are_not_changes() {
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Any)));
        assert!(changes_content(&EventKind::Remove(
            notify::event::RemoveKind::File
        )));
    }

    #[test]
    fn describes_paths() {
        let paths = |n: usize| {
            (0..n)
                .map(|i| PathBuf::from(format!("f{i}")))
                .collect::<Vec<_>>()
        };
        assert_eq!(describe_paths(&paths(1)), "f0");
        assert_eq!(describe_paths(&paths(2)), "f0, f1");
        assert_eq!(describe_paths(&paths(5)), "5 files (f0, f1, f2, …)");
    }
}
