//! Write: putting rendered bytes on disk without ever leaving a half site.
//!
//! A full build goes through [`Staging`]: every output is placed in a
//! temporary sibling of the output directory, which is then swapped in.
//! Until the swap the old site is untouched, and a failed or interrupted
//! build leaves it exactly as it was; files of removed projects vanish with
//! the old directory. An output whose bytes did not change is hard-linked
//! from the old site instead of written, so it keeps its modification time
//! and `rsync`-style uploads skip it. Watch mode uses [`update_file`] and
//! [`remove_file`], which replace single files atomically in place.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};
use crate::render::plan::OutputPath;

/// How many files a write touched.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files whose bytes were written.
    pub written: usize,
    /// Files kept from the previous build because their bytes were equal.
    pub unchanged: usize,
}

/// A build in progress: outputs go to a sibling directory that replaces the
/// output directory on [`Staging::commit`], or is removed when dropped.
pub struct Staging {
    out_dir: PathBuf,
    staging: PathBuf,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    committed: bool,
}

impl Staging {
    /// Prepares an empty staging directory beside `out_dir`.
    pub fn begin(out_dir: &Path) -> Result<Staging> {
        let staging = sibling(out_dir, "staging");
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            staging,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            committed: false,
        })
    }

    /// Stages one output. Safe to call from many threads at once.
    pub fn put(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        let target = path.under(&self.staging);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        let previous = path.under(&self.out_dir);
        if same_bytes(&previous, bytes) && fs::hard_link(&previous, &target).is_ok() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        fs::write(&target, bytes).map_err(|e| Error::write(&target, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Swaps the staged site in place of the old one.
    pub fn commit(mut self) -> Result<WriteStats> {
        let backup = sibling(&self.out_dir, "previous");
        if backup.exists() {
            fs::remove_dir_all(&backup).map_err(|e| Error::write(&backup, e))?;
        }
        let had_previous = self.out_dir.exists();
        if had_previous {
            fs::rename(&self.out_dir, &backup).map_err(|e| Error::write(&self.out_dir, e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.out_dir) {
            if had_previous {
                // Put the old site back so the failure changes nothing.
                let _ = fs::rename(&backup, &self.out_dir);
            }
            return Err(Error::write(&self.out_dir, e));
        }
        self.committed = true;
        if had_previous {
            fs::remove_dir_all(&backup).map_err(|e| Error::write(&backup, e))?;
        }
        Ok(WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// `.<name>.gongkai-<what>` beside `dir`: hidden, on the same file system
/// (so renames are atomic) and never inside the output itself.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_owned());
    dir.with_file_name(format!(".{name}.gongkai-{what}"))
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
pub fn update_file(out_dir: &Path, path: &OutputPath, bytes: &[u8]) -> Result<bool> {
    let target = path.under(out_dir);
    if same_bytes(&target, bytes) {
        return Ok(false);
    }
    let parent = target.parent().unwrap_or(out_dir);
    fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    let temp = parent.join(format!(
        ".{}.gongkai-tmp",
        target.file_name().unwrap_or_default().to_string_lossy()
    ));
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
pub fn validate_out_dir(root: &Path, out_dir: &Path) -> Result<()> {
    let unsafe_dir = |reason| Error::UnsafeOutputDir {
        path: out_dir.to_path_buf(),
        reason,
    };
    let root = fs::canonicalize(root).map_err(|e| Error::read(root, e))?;
    let out = resolve(out_dir);
    if root.starts_with(&out) {
        return Err(unsafe_dir("it contains the site itself"));
    }
    for protected in [crate::load::CONTENT_DIR, crate::render::theme::THEMES_DIR] {
        if out.starts_with(root.join(protected)) {
            return Err(unsafe_dir("it is inside the site's sources"));
        }
    }
    if out.is_file() {
        return Err(unsafe_dir("it is a file"));
    }
    let non_empty = fs::read_dir(&out).is_ok_and(|mut entries| entries.next().is_some());
    if non_empty && !out.join("index.html").is_file() {
        return Err(unsafe_dir(
            "it is not empty and does not look like a built site",
        ));
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
    fn unchanged_files_keep_their_inode_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::begin(&out).unwrap();
        first.put(&p("a/index.html"), b"same").unwrap();
        first.put(&p("old.html"), b"gone soon").unwrap();
        first.commit().unwrap();
        let before = fs::metadata(out.join("a/index.html"))
            .unwrap()
            .modified()
            .unwrap();

        let second = Staging::begin(&out).unwrap();
        second.put(&p("a/index.html"), b"same").unwrap();
        second.put(&p("b.html"), b"new").unwrap();
        let stats = second.commit().unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
        let after = fs::metadata(out.join("a/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
        assert!(!out.join("old.html").exists());
        assert!(!sibling(&out, "previous").exists());
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
        assert!(!sibling(&out, "staging").exists());
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
