//! Native file events: the platform's notifications through `notify`.
//!
//! This module owns what is watched and which raw events count. The root
//! folder is watched on its own (to see `site.toml`, and `content/` or
//! `themes/` appear or vanish) and the source folders recursively; a folder
//! recreated under the same name is watched afresh by [`Native::watch_tree`].
//! Mere reads are not changes: the build itself opens every source. The
//! batching of events into rebuilds is the [watch](super)'s job.

use std::path::Path;
use std::sync::mpsc::Sender;

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind, RenameMode};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use super::Message;
use crate::error::{Error, Result};
use crate::layout::WATCHED_DIRS;

/// The platform's notifications (inotify, FSEvents, ReadDirectoryChanges).
pub(super) struct Native(RecommendedWatcher);

impl Native {
    /// Starts a watcher that sends every event to `sender`; nothing is
    /// watched until [`Native::watch_tree`].
    pub(super) fn start(root: &Path, sender: Sender<Message>) -> Result<Native> {
        let handler = move |event| {
            let _ = sender.send(Message::Fs(event));
        };
        RecommendedWatcher::new(handler, notify::Config::default())
            .map(Native)
            .map_err(|source| Error::Watch {
                path: root.to_path_buf(),
                source,
            })
    }

    /// (Re-)establishes every watch. Missing folders are skipped; the root
    /// watch reports their creation.
    pub(super) fn watch_tree(&mut self, root: &Path) -> Result<()> {
        let watcher = &mut self.0;
        let watch_error = |path: &Path, source| Error::Watch {
            path: path.to_path_buf(),
            source,
        };
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
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
}

/// True for events that end a save: the writer closed the file, or moved
/// its temporary copy into place.
pub(super) fn completes_save(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// True for event kinds that can change what a file holds or where it is.
/// Opening and reading a file (the build does both) is not a change.
pub(super) fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
