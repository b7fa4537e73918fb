//! Watch mode: build once, then rebuild whenever a source file changes.
//!
//! [`Watch`] is the event source around a [`Session`]: it owns a native
//! watcher (`native.rs`) or a poller (`poller.rs`), turns bursts of file
//! events into one batch of changed paths, and hands each batch to
//! [`Session::rebuild`], which re-renders only what the batch affects. A
//! `Watch` is an iterator that blocks: callers pull one [`Event`] per
//! rebuild (the `watch` command prints it; `serve` prints it and tells the
//! browsers) and end the iteration from any thread, for example a Ctrl-C
//! handler, with a [`Stopper`].
//!
//! ```no_run
//! # fn main() -> gongkai::Result<()> {
//! use gongkai::build::BuildOptions;
//! use gongkai::watch::{Watch, WatchOptions};
//!
//! let options = WatchOptions {
//!     build: BuildOptions { root: ".".into(), output_dir: None, force: false },
//!     poll: None,
//! };
//! let config = gongkai::config::Config::load(&options.build.root);
//! let (watch, first) = Watch::start(&options, config, Box::new(gongkai::build::Quiet))?;
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
//! (`layout::is_source_path`) and the output directory never trigger a
//! rebuild, nor do mere reads (the build itself opens every source).
//!
//! With `--poll MS`, a scanning thread compares file metadata instead
//! (modification times to the nanosecond, sizes), for network drives,
//! containers and WSL.
//!
//! A batch that breaks the content yields [`Event::Failed`]; the session
//! and the output stay as they were, so the last good site is still the one
//! on disk, and the loop goes on. The next good save rebuilds as usual.

mod event;
mod native;
mod poller;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, Progress, Session};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::layout::{self, CONTENT_DIR, DEFAULT_OUTPUT_DIR, WATCHED_DIRS};

pub use event::{Event, millis};
use native::Native;
use poller::Poller;

/// How long the file system must stay quiet before a burst of events is
/// rebuilt as one batch. Editors touch several files per save within a few
/// milliseconds; 75 ms merges those and still feels immediate.
pub(crate) const QUIET_PERIOD: Duration = Duration::from_millis(75);

/// How long to wait for stragglers once an event says a save is complete
/// (the file was closed after writing, or renamed into place). The rest of
/// an editor's burst (removing its backup, say) follows within a few
/// milliseconds, so the preview need not wait the full quiet period.
pub(crate) const SETTLE_AFTER_SAVE: Duration = Duration::from_millis(8);

/// A batch is rebuilt at the latest this long after its first event, even
/// if events keep coming (a script rewriting many files, say).
const MAX_BATCH_DELAY: Duration = Duration::from_secs(1);

/// How to build and how to learn about changes.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// How each build and rebuild is made.
    pub build: BuildOptions,
    /// Poll the file system at this interval instead of using native
    /// events; for network drives, containers and WSL.
    pub poll: Option<Duration>,
}

/// Stops a [`Watch`] from another thread: its iteration ends once the
/// rebuild in progress, if any, is done.
#[derive(Debug, Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    /// Asks the watch to stop; harmless if it already has.
    pub fn stop(&self) {
        // The watch may already be gone; then there is nothing to stop.
        let _ = self.0.send(Message::Stop);
    }
}

#[derive(Debug)]
pub(crate) enum Message {
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
    /// Told about full builds, which render every page.
    progress: Box<dyn Progress + Send>,
}

impl Watch {
    /// Starts watching, then builds once. A start with broken content is
    /// not fatal: the first event is then [`Event::Failed`] and the next
    /// change tries a full build again. Problems no edit can fix (no site,
    /// an unsafe output directory, a watcher that cannot start) are errors.
    ///
    /// `config` is the command's one reading of `site.toml`: a broken file
    /// only fails the first build, but no site at all is an error.
    pub fn start(
        options: &WatchOptions,
        config: Result<Config>,
        progress: Box<dyn Progress + Send>,
    ) -> Result<(Watch, Event)> {
        let given = &options.build.root;
        if let Err(error @ Error::NoSite { .. }) = config {
            return Err(error);
        }
        let root = std::fs::canonicalize(given).map_err(|e| Error::read(given, e))?;
        let (sender, events) = mpsc::channel();
        let backend = Backend::start(&root, options.poll, sender.clone())?;
        let out_dir = guess_out_dir(&options.build, config.as_ref().ok());
        let mut watch = Watch {
            options: options.build.clone(),
            root,
            out_dir,
            session: None,
            backend,
            events,
            sender,
            progress,
        };
        watch.watch_tree()?;
        let first = watch.full_build(Vec::new(), config)?;
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
        match contain(|| session.rebuild(&paths)) {
            Ok(Ok(report)) if report.changed.is_empty() => None,
            Ok(Ok(report)) => Some(Event::Rebuilt(report)),
            Ok(Err(error)) => {
                if matches!(error, Error::OutputMixed { .. }) {
                    // The output may be part old, part new: only a full
                    // build, swapped in whole, repairs it.
                    self.session = None;
                }
                Some(Event::Failed {
                    changed: self.named(paths),
                    error,
                })
            }
            Err(error) => {
                // The session may be half-updated: forget it, so that the
                // next change runs a full build, which stages its output
                // and swaps it in whole.
                self.session = None;
                Some(Event::Failed {
                    changed: self.named(paths),
                    error,
                })
            }
        }
    }

    /// The changed paths worth naming in a status line: relative to the
    /// root, without the temporary files an editor writes and renames
    /// over the real one (`sedqd1uYU`, `.a.yaml.swp`), which would
    /// otherwise be all the log shows of a save.
    fn named(&self, paths: Vec<PathBuf>) -> Vec<PathBuf> {
        let root = absolute_dir(&self.options.root);
        let sources: Vec<PathBuf> = paths
            .into_iter()
            .map(|p| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(p))
            .filter(|rel| layout::is_source_path(rel))
            .collect();
        let meaningful: Vec<PathBuf> = sources
            .iter()
            .filter(|rel| {
                layout::change_kind(rel, |f| root.join(f).is_dir()) != layout::ChangeKind::Ignored
            })
            .cloned()
            .collect();
        // A folder that vanished reads as nothing in particular; name it
        // rather than nothing.
        if meaningful.is_empty() {
            sources
        } else {
            meaningful
        }
    }

    fn retry_full_build(&mut self, paths: Vec<PathBuf>) -> Option<Event> {
        // The configuration may be what changed: read it afresh.
        let config = Config::load(&self.options.root);
        match self.full_build(paths, config) {
            Ok(event) => Some(event),
            Err(error) => Some(Event::Failed {
                changed: Vec::new(),
                error,
            }),
        }
    }

    /// Runs a full build. Content and template problems become a
    /// [`Event::Failed`]; anything else is an error.
    fn full_build(&mut self, changed: Vec<PathBuf>, config: Result<Config>) -> Result<Event> {
        let started = config.and_then(|config| {
            contain(|| Session::start_with(&self.options, config, &*self.progress))
                .and_then(|started| started)
        });
        match started {
            Ok((session, report)) => {
                self.out_dir = absolute_dir(session.out_dir());
                self.session = Some(session);
                Ok(Event::Built(report))
            }
            Err(
                error @ (Error::Content(_)
                | Error::Template { .. }
                | Error::Read { .. }
                | Error::Internal { .. }),
            ) => Ok(Event::Failed { changed, error }),
            Err(error) => Err(error),
        }
    }

    /// (Re-)establishes every watch. Missing folders are skipped; the root
    /// watch reports their creation.
    fn watch_tree(&mut self) -> Result<()> {
        match &mut self.backend {
            Backend::Native(native) => native.watch_tree(&self.root),
            // A poller scans the folders afresh each time.
            Backend::Poll(_) => Ok(()),
        }
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
        if !native::changes_content(&event.kind) {
            return;
        }
        for path in &event.paths {
            let Some(rel) = self.relevant(path) else {
                continue;
            };
            batch.saved |= native::completes_save(&event.kind);
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
        layout::is_source_path(rel).then(|| rel.to_path_buf())
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
        self.paths.insert(PathBuf::from(CONTENT_DIR));
    }
}

/// Where file events come from.
enum Backend {
    Native(Native),
    /// Held for its `Drop`, which stops the scanning thread.
    Poll(#[expect(dead_code, reason = "kept alive until the watch ends")] Poller),
}

impl Backend {
    fn start(root: &Path, poll: Option<Duration>, sender: Sender<Message>) -> Result<Backend> {
        match poll {
            Some(interval) => Ok(Backend::Poll(Poller::start(root, interval, sender))),
            None => Native::start(root, sender).map(Backend::Native),
        }
    }
}

/// The absolute output directory as a build would choose it, for use
/// before any build has succeeded.
/// Runs one build or rebuild, turning a panic into [`Error::Internal`]:
/// `watch` and `serve` must outlive any one rebuild, and the README
/// promises that the last good site stays served. Known bad input never
/// relies on this: it is a finding. This is the net under unknown bugs.
fn contain<T>(run: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        test_hook();
        run()
    }))
    .map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| crate::t!("panic-without-message"));
        Error::Internal { message }
    })
}

/// Test-only: with `GONGKAI_TEST_PANIC_IF` naming a file, a rebuild panics
/// while that file exists under the root (debug builds only), so that the
/// suite can prove a panic is contained without keeping a real bug around.
fn test_hook() {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("GONGKAI_TEST_PANIC_IF")
        && Path::new(&path).exists()
    {
        panic!("test hook: {} exists", Path::new(&path).display());
    }
}

fn guess_out_dir(options: &BuildOptions, config: Option<&Config>) -> PathBuf {
    let dir = match config {
        Some(config) => options.out_dir(config),
        None => match &options.output_dir {
            Some(dir) => dir.clone(),
            None => options.root.join(DEFAULT_OUTPUT_DIR),
        },
    };
    absolute_dir(&dir)
}

/// `dir` made absolute, with symlinks resolved when it exists, so that it
/// compares equal to the paths the watcher reports.
fn absolute_dir(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    std::fs::canonicalize(&absolute).unwrap_or(absolute)
}
