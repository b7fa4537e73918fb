//! Polling for changes, for file systems without reliable notifications
//! (network drives, containers, WSL): `gongkai watch --poll MS`.
//!
//! A scanning thread compares file metadata between scans and sends the
//! changed paths as one synthetic event, which the [watch](super) batches
//! like a native one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::EventKind;

use super::Message;
use crate::layout::{CONFIG_FILE, WATCHED_DIRS};

/// Polls `site.toml`, `content/` and `themes/` by comparing file metadata
/// between scans: modification time to the nanosecond, size, and on Unix
/// the inode and status-change time. (notify's `PollWatcher` compares
/// modification times in whole seconds, so it misses a second save within
/// the same second.) Reading metadata only keeps a scan cheap on network
/// drives; the scanning thread stops when the poller is dropped.
pub(super) struct Poller {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Poller {
    pub(super) fn start(root: &Path, interval: Duration, sender: Sender<Message>) -> Poller {
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
    let config = root.join(CONFIG_FILE);
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
