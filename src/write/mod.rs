//! Write: the output folder, which gongkai owns only as far as it wrote it.
//!
//! Three promises live here, each in its own file.
//!
//! * **Nothing half-done is ever visible.** A full build (`publish.rs`)
//!   makes the complete new site in a hidden sibling folder and swaps it
//!   in with one atomic rename, so a build that fails, or is killed at any
//!   moment, leaves the whole old site. An incremental rebuild of `watch`
//!   or `serve` (`update.rs`) moves its few files in under a journal that
//!   puts the old ones back if a step fails, so a full disk leaves the
//!   last good site.
//! * **Nothing gongkai did not write is deleted.** The manifest
//!   (`manifest.rs`) lists every file gongkai wrote; only those are
//!   replaced or removed. Everything else (`.git`, a `CNAME`, a page of
//!   the user's) is carried into each new site, and a folder that gongkai
//!   did not make is refused unless `--force`.
//! * **One writer at a time.** Each write phase holds an advisory lock
//!   beside the output (`lock.rs`); the operating system releases it when
//!   its holder dies.
//!
//! Files whose bytes did not change keep their inode and modification
//! time, so `rsync`-style uploads skip them. `fault.rs` holds the test
//! hooks that simulate a full disk and slow a publish down.

mod fault;
mod lock;
mod manifest;
mod publish;
mod update;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::layout::{self, CONTENT_DIR, THEMES_DIR};

pub(crate) use manifest::{parse as manifest_paths, render as manifest_text};
pub(crate) use publish::Staging;
pub(crate) use update::Update;

/// The files the output's manifest lists, or `None` when `out_dir` has no
/// manifest (it was never built); what `deploy` publishes.
pub(crate) fn built_files(out_dir: &Path) -> Option<std::collections::BTreeSet<String>> {
    manifest::read(out_dir)
}

/// Takes the output's writer lock (finishing what a killed writer left,
/// as a build would), so that no build changes the files while a deploy
/// reads them; held until the value is dropped.
pub(crate) fn lock_output(out_dir: &Path) -> Result<impl Sized + use<>> {
    let out_dir = real_dir(out_dir);
    let lock = lock::OutputLock::acquire(&out_dir, &|_| {})?;
    recover(&out_dir, &lock)?;
    Ok(lock)
}

/// How many files a write touched.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files whose bytes were written.
    pub written: usize,
    /// Files left as they were because their bytes were equal.
    pub unchanged: usize,
    /// Files of the previous build that no longer exist.
    pub removed: usize,
}

/// Cleans up after a writer that was killed, before anything else is
/// done to `out_dir` (the caller holds its `lock`): an incremental update
/// is rolled back from its journal, an old site set aside by a swap
/// without `RENAME_EXCHANGE` that stopped halfway comes back, and after a
/// crash the staging folder goes, since it may hold pages, old or new,
/// that are not links to the live ones (the next publish makes it anew).
fn recover(out_dir: &Path, lock: &lock::OutputLock) -> Result<()> {
    update::roll_back_leftover(out_dir)?;
    let old = layout::staging_dir(out_dir, "old");
    let staging = layout::staging_dir(out_dir, "staging");
    if lock.after_crash() && staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
    }
    if old.exists() {
        if fs::symlink_metadata(out_dir).is_err() {
            fs::rename(&old, out_dir).map_err(|e| Error::write(out_dir, e))?;
        } else {
            fs::remove_dir_all(&old).map_err(|e| Error::write(&old, e))?;
        }
    }
    Ok(())
}

/// The folder to write into: `out_dir`, or the folder it links to, so
/// that a swap replaces the site and not the user's link, and the
/// siblings (staging, lock) are beside the site, on its file system.
fn real_dir(out_dir: &Path) -> PathBuf {
    match fs::symlink_metadata(out_dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(out_dir).unwrap_or_else(|_| out_dir.to_path_buf())
        }
        _ => out_dir.to_path_buf(),
    }
}

/// True when `path` is a regular file holding exactly `bytes`. A link is
/// never "the same": gongkai writes files, not links.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Puts `from` at `to` as a hard link: the same file, with its bytes,
/// permissions and modification time. Where links fail (another owner's
/// file under `protected_hardlinks`, a file system without them), a copy
/// with the same modification time; a symbolic link is made anew.
fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        #[cfg(unix)]
        return std::os::unix::fs::symlink(fs::read_link(from)?, to);
    }
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    fs::copy(from, to)?;
    let copy = fs::OpenOptions::new().write(true).open(to)?;
    copy.set_modified(meta.modified()?)
}

/// Refuses output directories whose replacement would destroy the user's
/// work: the site root, an ancestor of it, the content or theme folders,
/// or a file. A folder of someone else's files is judged later, by the
/// manifest (see `manifest.rs`), once the build knows what it writes.
pub(crate) fn validate_out_dir(root: &Path, out_dir: &Path) -> Result<()> {
    let unsafe_dir = |reason: String| Error::UnsafeOutputDir {
        path: out_dir.to_path_buf(),
        reason,
    };
    let root = fs::canonicalize(root).map_err(|e| Error::read(root, e))?;
    let out = resolve(out_dir);
    if root.starts_with(&out) {
        return Err(unsafe_dir(crate::t!("output-dir-contains-site")));
    }
    for protected in [CONTENT_DIR, THEMES_DIR] {
        if out.starts_with(root.join(protected)) {
            return Err(unsafe_dir(crate::t!("output-dir-in-sources")));
        }
    }
    if out.is_file() {
        return Err(unsafe_dir(crate::t!("output-dir-is-file")));
    }
    Ok(())
}

/// The absolute form of `path`, resolving symlinks as far as it exists.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            return absolute;
        };
        rest.push(name.to_owned());
        existing = parent;
    }
    let mut resolved = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_output_dirs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(validate_out_dir(root, root).is_err());
        assert!(validate_out_dir(root, &root.join("content/x")).is_err());
        assert!(validate_out_dir(root, root.parent().unwrap()).is_err());
        fs::write(root.join("notes.txt"), "mine").unwrap();
        assert!(validate_out_dir(root, &root.join("notes.txt")).is_err());
        assert!(validate_out_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn a_copy_keeps_the_modification_time() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("a");
        fs::write(&from, "x").unwrap();
        let then = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::OpenOptions::new()
            .write(true)
            .open(&from)
            .unwrap()
            .set_modified(then)
            .unwrap();
        link_or_copy(&from, &dir.path().join("b")).unwrap();
        let linked = fs::metadata(dir.path().join("b")).unwrap();
        assert_eq!(linked.modified().unwrap(), then);
    }
}
