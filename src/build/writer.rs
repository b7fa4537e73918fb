//! The two ways a build step reaches the disk, behind one interface.
//!
//! A session's first step publishes a whole site: [`Staging`] makes it
//! beside the output folder and swaps it in with one rename, so a build
//! killed at any moment leaves the old site or the new one. Every later
//! step (a save under `watch` or `serve`) changes a handful of files, and
//! [`Update`] moves just those into place under a journal. The pipeline
//! renders the same way for both; only this choice differs.

use std::path::Path;

use crate::error::Result;
use crate::layout::OutputPath;
use crate::write::{self, Staging, Update, WriteStats};

pub(super) enum Writer {
    /// The whole site, swapped in at the end.
    Whole(Box<Staging>),
    /// Only the changed files, moved into the live output.
    Changes(Update),
}

impl Writer {
    /// A whole-site writer for `outputs` (the complete list), which also
    /// decides which files of an existing output folder are gongkai's.
    pub(super) fn whole<'a>(
        out_dir: &Path,
        outputs: impl IntoIterator<Item = &'a OutputPath>,
        force: bool,
        waiting: &dyn Fn(Option<u32>),
    ) -> Result<Writer> {
        Staging::begin(out_dir, outputs, force, waiting).map(|s| Writer::Whole(Box::new(s)))
    }

    /// A writer of the changed files only.
    pub(super) fn changes(out_dir: &Path) -> Result<Writer> {
        Update::begin(out_dir).map(Writer::Changes)
    }

    /// Prepares one output; returns whether its bytes differ from the live
    /// file's. `ours` says whether gongkai wrote the live file at `path`
    /// (the whole-site writer has decided that for itself).
    pub(super) fn put(&self, path: &OutputPath, bytes: &[u8], ours: bool) -> Result<bool> {
        match self {
            Writer::Whole(staging) => staging.put(path, bytes),
            Writer::Changes(update) => update.put(path, bytes, ours),
        }
    }

    /// Keeps the live file of an output whose inputs did not change,
    /// without rendering it. False when it must be rendered after all
    /// (there is no live file, or this writer cannot keep one).
    pub(super) fn keep(&self, path: &OutputPath) -> bool {
        match self {
            Writer::Whole(staging) => staging.keep(path),
            // An update leaves every file it is not given alone.
            Writer::Changes(_) => true,
        }
    }

    /// Publishes: `outputs` is the new site's complete list, `removed`
    /// those of the old one that are gone, `written` how many files
    /// [`Writer::put`] found changed.
    pub(super) fn commit(
        self,
        outputs: &[&OutputPath],
        removed: &[OutputPath],
        written: usize,
        list_changed: bool,
    ) -> Result<WriteStats> {
        match self {
            Writer::Whole(staging) => (*staging).commit(outputs.iter().copied()),
            Writer::Changes(update) => {
                // The list of what gongkai wrote changes only with the set
                // of outputs.
                let manifest =
                    list_changed.then(|| write::manifest_text(outputs.iter().map(|p| p.as_str())));
                update.commit(removed, manifest.as_deref())?;
                Ok(WriteStats {
                    written,
                    unchanged: outputs.len().saturating_sub(written),
                    removed: removed.len(),
                })
            }
        }
    }
}
