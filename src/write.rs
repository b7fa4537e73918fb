//! Write: putting rendered bytes on disk without ever leaving a half site.
//!
//! A full build goes through `Staging`. Outputs whose bytes differ from the
//! current site are written into a temporary sibling of the output
//! directory; outputs whose bytes are equal are not written at all, so they
//! keep their modification time and `rsync`-style uploads skip them. Only
//! when every page has rendered does `Staging::commit` move the staged
//! files into place (each by an atomic rename) and delete the files of
//! removed pages. Until then the old site is untouched, so a failed or
//! interrupted build changes nothing. Dot-files at the top of the output
//! directory (such as `.git` when the site is published with git) are left
//! alone. Watch mode uses `update_file` and `remove_file`, which replace
//! single files atomically in place.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::layout::{self, CONTENT_DIR, OutputPath, THEMES_DIR};

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

/// A build in progress: changed outputs wait in a sibling directory until
/// [`Staging::commit`]; dropping it instead discards them.
pub(crate) struct Staging {
    out_dir: PathBuf,
    staging: PathBuf,
    /// Whether an earlier build exists to compare with and update.
    previous: bool,
    staged: Mutex<Vec<OutputPath>>,
    unchanged: AtomicUsize,
}

impl Staging {
    /// Prepares an empty staging directory beside `out_dir`.
    pub(crate) fn begin(out_dir: &Path) -> Result<Staging> {
        let staging = layout::staging_dir(out_dir, "staging");
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            staging,
            previous: out_dir.is_dir(),
            staged: Mutex::new(Vec::new()),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Stages one output unless the current site already has these bytes.
    /// Safe to call from many threads at once.
    pub(crate) fn put(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        if self.previous && same_bytes(&path.under(&self.out_dir), bytes) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        let target = path.under(&self.staging);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        fs::write(&target, bytes).map_err(|e| Error::write(&target, e))?;
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.clone());
        Ok(())
    }

    /// Moves the staged files into the output directory and removes every
    /// file that is not in `outputs`, the complete list of this build.
    pub(crate) fn commit<'a>(
        self,
        outputs: impl IntoIterator<Item = &'a OutputPath>,
    ) -> Result<WriteStats> {
        let staged = std::mem::take(&mut *self.staged.lock().unwrap_or_else(|e| e.into_inner()));
        let mut stats = WriteStats {
            written: staged.len(),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed: 0,
        };
        if !self.previous {
            fs::rename(&self.staging, &self.out_dir).map_err(|e| Error::write(&self.out_dir, e))?;
            return Ok(stats);
        }
        for path in &staged {
            let target = path.under(&self.out_dir);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
            }
            fs::rename(path.under(&self.staging), &target).map_err(|e| Error::write(&target, e))?;
        }
        let keep: BTreeSet<&str> = outputs.into_iter().map(OutputPath::as_str).collect();
        stats.removed = remove_stale(&self.out_dir, &keep)?;
        Ok(stats)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // After a first-build commit the directory was renamed away; after
        // any other commit it holds only empty folders; after a failure it
        // holds the discarded outputs.
        let _ = fs::remove_dir_all(&self.staging);
    }
}

/// Deletes files under `out_dir` that are not in `keep`, then the folders
/// that leaves empty. Top-level dot-files and dot-folders are not ours.
fn remove_stale(out_dir: &Path, keep: &BTreeSet<&str>) -> Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    let walker = WalkDir::new(out_dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| e.depth() > 1 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| Error::read(out_dir, e.into()))?;
        let rel = entry.path().strip_prefix(out_dir).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
        } else if !keep.contains(rel.to_string_lossy().replace('\\', "/").as_str()) {
            fs::remove_file(entry.path()).map_err(|e| Error::write(entry.path(), e))?;
            removed += 1;
        }
    }
    // Deepest first, so a parent is tried after its children.
    for dir in dirs.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
    Ok(removed)
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Replaces one output file in place, atomically, if its bytes changed.
/// Returns whether it wrote.
pub(crate) fn update_file(out_dir: &Path, path: &OutputPath, bytes: &[u8]) -> Result<bool> {
    let target = path.under(out_dir);
    if same_bytes(&target, bytes) {
        return Ok(false);
    }
    let parent = target.parent().unwrap_or(out_dir);
    fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    let temp = layout::temp_file(&target);
    let mut file = fs::File::create(&temp).map_err(|e| Error::write(&temp, e))?;
    file.write_all(bytes).map_err(|e| Error::write(&temp, e))?;
    drop(file);
    fs::rename(&temp, &target).map_err(|e| Error::write(&target, e))?;
    Ok(true)
}

/// Removes one output file and any directories it leaves empty.
pub fn remove_file(out_dir: &Path, path: &OutputPath) -> Result<()> {
    let target = path.under(out_dir);
    match fs::remove_file(&target) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::write(&target, e)),
    }
    let mut dir = target.parent();
    while let Some(d) = dir {
        if d == out_dir || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Refuses output directories whose replacement would destroy the user's
/// work: the site root, an ancestor of it, the content or theme folders, or
/// an unrelated non-empty folder.
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
    let non_empty = fs::read_dir(&out).is_ok_and(|mut entries| entries.next().is_some());
    if non_empty && !out.join("index.html").is_file() {
        return Err(unsafe_dir(crate::t!("output-dir-not-a-site")));
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

    fn p(s: &str) -> OutputPath {
        OutputPath::new(s).unwrap()
    }

    #[test]
    fn unchanged_files_keep_their_mtime_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::begin(&out).unwrap();
        first.put(&p("a/index.html"), b"same").unwrap();
        first.put(&p("old.html"), b"gone soon").unwrap();
        first.commit([&p("a/index.html"), &p("old.html")]).unwrap();
        let before = fs::metadata(out.join("a/index.html"))
            .unwrap()
            .modified()
            .unwrap();

        let second = Staging::begin(&out).unwrap();
        second.put(&p("a/index.html"), b"same").unwrap();
        second.put(&p("b.html"), b"new").unwrap();
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        let stats = second.commit([&p("a/index.html"), &p("b.html")]).unwrap();
        let expected = WriteStats {
            written: 1,
            unchanged: 1,
            removed: 1,
        };
        assert_eq!(stats, expected);
        assert!(out.join(".git/HEAD").exists(), "dot-files are not ours");
        let after = fs::metadata(out.join("a/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
        assert!(!out.join("old.html").exists());
        assert!(!layout::staging_dir(&out, "staging").exists());
    }

    #[test]
    fn dropped_staging_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        let staging = Staging::begin(&out).unwrap();
        staging.put(&p("index.html"), b"new").unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!layout::staging_dir(&out, "staging").exists());
    }

    #[test]
    fn dangerous_output_dirs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(validate_out_dir(root, root).is_err());
        assert!(validate_out_dir(root, &root.join("content/x")).is_err());
        assert!(validate_out_dir(root, root.parent().unwrap()).is_err());
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::write(root.join("docs/notes.txt"), "mine").unwrap();
        assert!(validate_out_dir(root, &root.join("docs")).is_err());
        assert!(validate_out_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn update_and_remove_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        assert!(update_file(out, &p("x/y/index.html"), b"1").unwrap());
        assert!(!update_file(out, &p("x/y/index.html"), b"1").unwrap());
        remove_file(out, &p("x/y/index.html")).unwrap();
        assert!(!out.join("x").exists());
    }
}
