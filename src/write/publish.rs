//! A full build's publish: the whole new site is made beside the output
//! folder and swapped in by one atomic rename.
//!
//! [`Staging`] makes the new site in `.public.gongkai-staging`: changed
//! files are written there as new files, and, once every page has
//! rendered, unchanged ones and the user's files become hard links to the
//! live ones (the same inode, so their modification time survives and
//! `rsync`-style uploads skip them), with the new manifest beside them.
//! Then `renameat2(RENAME_EXCHANGE)` swaps the two folders in one step: a
//! process killed at any moment leaves the output either the whole old
//! site or the whole new one, and a web server pointed at the output
//! folder never sees a mix. A build that changes nothing swaps nothing.
//!
//! The staging folder is kept between builds, holding the old site as a
//! tree of links to the live files (the old versions of what changed are
//! removed at once, so it costs no disk space beyond its folders). The
//! next build only corrects what differs ([`Staging::commit`] walks it
//! once), instead of making and deleting a folder per page every time,
//! which cost seconds on a busy disk. Whatever state a killed build left
//! it in, that walk brings it to exactly the new site; deleting it is
//! always safe.
//!
//! Where `RENAME_EXCHANGE` is missing (not Linux, or a file system without
//! it), three renames do the swap: old site aside to `.public.gongkai-old`,
//! new site in, old site to staging. Between the first two the folder is
//! briefly missing, never mixed, and the next build puts the old one back
//! if the process died there.
//!
//! The output folder itself is a new folder after each publish: its
//! permission bits are copied over, but a process holding it open (a shell
//! whose working directory it is) keeps seeing the old one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::fault::{self, Step};
use super::lock::OutputLock;
use super::manifest::{self, Ownership, Survey};
use super::{WriteStats, link_or_copy, real_dir, recover, same_bytes};
use crate::error::{Error, Result};
use crate::layout::{self, OUTPUT_MANIFEST, OutputPath};

/// A build in progress: changed outputs wait in the staging folder until
/// [`Staging::commit`] swaps it in; dropping it instead leaves the live
/// site as it was. Holds the output's lock from [`Staging::begin`] on.
pub(crate) struct Staging {
    out_dir: PathBuf,
    staging: PathBuf,
    survey: Survey,
    ownership: Ownership,
    /// Outputs written into the staging folder.
    written: Mutex<Vec<String>>,
    /// Outputs whose live file has the same bytes, with its inode.
    unchanged: Mutex<Vec<(String, Option<u64>)>>,
    /// Set once the new site is live; until then, dropping this removes
    /// the files written into the staging folder.
    published: bool,
    _lock: OutputLock,
}

/// What a file of the new site in the staging folder must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Written by this build: already in place.
    Written,
    /// A hard link to the live file of the same path (whose inode is given
    /// when known): an unchanged output, or a file of the user's.
    Link(Option<u64>),
}

impl Staging {
    /// Locks `out_dir`, cleans up after a build that was killed, and
    /// decides which of its files are gongkai's (refusing a folder gongkai
    /// did not make, unless `force`). `waiting` is told if another build
    /// holds the lock.
    pub(crate) fn begin<'a>(
        out_dir: &Path,
        outputs: impl IntoIterator<Item = &'a OutputPath>,
        force: bool,
        waiting: &dyn Fn(Option<u32>),
    ) -> Result<Staging> {
        let out_dir = real_dir(out_dir);
        let lock = OutputLock::acquire(&out_dir, waiting)?;
        recover(&out_dir, &lock)?;
        let outputs: BTreeSet<&str> = outputs.into_iter().map(OutputPath::as_str).collect();
        let mut survey = Survey::of(&out_dir)?;
        let ownership = manifest::decide(&out_dir, &mut survey, &outputs, force)?;
        let staging = layout::staging_dir(&out_dir, "staging");
        if fs::symlink_metadata(&staging).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&staging).map_err(|e| Error::write(&staging, e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
        Ok(Staging {
            out_dir,
            staging,
            survey,
            ownership,
            written: Mutex::new(Vec::new()),
            unchanged: Mutex::new(Vec::new()),
            published: false,
            _lock: lock,
        })
    }

    /// Stages one output unless the live site already has these bytes;
    /// returns whether it will be written. Safe to call from many threads
    /// at once.
    pub(crate) fn put(&self, path: &OutputPath, bytes: &[u8]) -> Result<bool> {
        let rel = path.as_str();
        if self.survey.files.contains(rel) && same_bytes(&path.under(&self.out_dir), bytes) {
            self.keep(path);
            return Ok(false);
        }
        write_new(&self.staging, rel, bytes)?;
        lock(&self.written).push(rel.to_owned());
        Ok(true)
    }

    /// Keeps the live file of one output as it is, without rendering it:
    /// the build cache knows its inputs are unchanged. Returns false when
    /// there is no live file to keep (someone deleted it), and the output
    /// must be rendered after all.
    pub(crate) fn keep(&self, path: &OutputPath) -> bool {
        let rel = path.as_str();
        if !self.survey.files.contains(rel) {
            return false;
        }
        let inode = self.survey.inodes.get(rel).copied();
        lock(&self.unchanged).push((rel.to_owned(), inode));
        true
    }

    /// Publishes the staged site: `outputs` is the complete list of this
    /// build. Files gongkai wrote before and that are not in it are gone
    /// afterwards; the user's files stay.
    pub(crate) fn commit<'a>(
        mut self,
        outputs: impl IntoIterator<Item = &'a OutputPath>,
    ) -> Result<WriteStats> {
        let outputs: BTreeSet<&str> = outputs.into_iter().map(OutputPath::as_str).collect();
        let written = lock(&self.written).clone();
        let unchanged = std::mem::take(&mut *lock(&self.unchanged));
        let stale: Vec<&String> = self
            .ownership
            .owned
            .iter()
            .filter(|rel| self.survey.files.contains(*rel) && !outputs.contains(rel.as_str()))
            .collect();
        let stats = WriteStats {
            written: written.len(),
            unchanged: unchanged.len(),
            removed: stale.len(),
        };
        let manifest = manifest::render(outputs.iter().copied());
        let existed = self.out_dir.is_dir();
        if existed
            && written.is_empty()
            && stale.is_empty()
            && self.survey.manifest_text.as_deref() == Some(manifest.as_str())
        {
            // The output already is this site, byte for byte.
            return Ok(stats);
        }
        let mut wanted: BTreeMap<&str, Want> = BTreeMap::new();
        wanted.extend(written.iter().map(|rel| (rel.as_str(), Want::Written)));
        wanted.extend(
            unchanged
                .iter()
                .map(|(rel, ino)| (rel.as_str(), Want::Link(*ino))),
        );
        wanted.extend(self.ownership.foreign.iter().map(|rel| {
            let ino = self.survey.inodes.get(rel).copied();
            (rel.as_str(), Want::Link(ino))
        }));
        self.correct_the_staging_folder(&wanted)?;
        write_new(&self.staging, OUTPUT_MANIFEST, manifest.as_bytes())?;
        fault::pause();
        if !existed {
            fs::rename(&self.staging, &self.out_dir).map_err(|e| swap_error(&self.out_dir, e))?;
            self.published = true;
            return Ok(stats);
        }
        if let Ok(meta) = fs::metadata(&self.out_dir) {
            let _ = fs::set_permissions(&self.staging, meta.permissions());
        }
        swap(&self.out_dir, &self.staging)?;
        self.published = true;
        fault::pause();
        // The staging folder now holds the old site.
        self.rescue_late_files();
        let replaced = written.iter().chain(stale.iter().copied());
        self.trim(replaced);
        Ok(stats)
    }

    /// Makes the staging folder exactly the new site: removes what is not
    /// wanted, links what is missing, makes the user's empty folders. One
    /// walk; a link already pointing at the right file costs nothing more.
    fn correct_the_staging_folder(&self, wanted: &BTreeMap<&str, Want>) -> Result<()> {
        let mut folders: BTreeSet<&str> = wanted
            .keys()
            .flat_map(|rel| rel.match_indices('/').map(|(i, _)| &rel[..i]))
            .collect();
        for dir in &self.ownership.empty_dirs {
            folders.insert(dir);
            folders.extend(dir.match_indices('/').map(|(i, _)| &dir[..i]));
        }
        let mut in_place: BTreeSet<&str> = BTreeSet::new();
        let mut walker = WalkDir::new(&self.staging).min_depth(1).into_iter();
        while let Some(entry) = walker.next() {
            fault::pause();
            let entry = entry.map_err(|e| Error::read(&self.staging, e.into()))?;
            let rel = manifest::relative(&self.staging, entry.path());
            let remove = if entry.file_type().is_dir() {
                if folders.contains(rel.as_str()) {
                    continue;
                }
                walker.skip_current_dir();
                fs::remove_dir_all(entry.path())
            } else {
                match wanted.get_key_value(rel.as_str()) {
                    Some((key, Want::Written)) => {
                        in_place.insert(key);
                        continue;
                    }
                    Some((key, Want::Link(Some(ino)))) if manifest::inode(&entry) == Some(*ino) => {
                        in_place.insert(key);
                        continue;
                    }
                    _ => fs::remove_file(entry.path()),
                }
            };
            remove.map_err(|e| Error::write(entry.path(), e))?;
        }
        for dir in &self.ownership.empty_dirs {
            let dir = self.staging.join(dir);
            fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        }
        let missing: Vec<&str> = wanted
            .keys()
            .copied()
            .filter(|rel| !in_place.contains(rel))
            .collect();
        missing.par_iter().try_for_each(|rel| {
            fault::pause();
            let target = make_room(&self.staging, rel)?;
            link_or_copy(&self.out_dir.join(rel), &target).map_err(|e| Error::write(&target, e))
        })
    }

    /// Moves into the new site any file of the user's that appeared in the
    /// old one while this build ran (the swap took it along), so that
    /// nothing of theirs is lost.
    fn rescue_late_files(&self) {
        let ours = |rel: &str| rel == OUTPUT_MANIFEST || self.ownership.owned.contains(rel);
        let known = |rel: &str| self.survey.files.contains(rel);
        for entry in WalkDir::new(&self.staging)
            .min_depth(1)
            .into_iter()
            .flatten()
        {
            fault::pause();
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = manifest::relative(&self.staging, entry.path());
            if ours(&rel) || known(&rel) {
                continue;
            }
            let target = self.out_dir.join(&rel);
            if fs::symlink_metadata(&target).is_err() {
                let _ = target
                    .parent()
                    .map_or(Ok(()), fs::create_dir_all)
                    .and_then(|()| fs::rename(entry.path(), &target));
            }
        }
    }

    /// Removes from the staging folder (now the old site) the old versions
    /// of the files this build replaced or removed, and the old manifest:
    /// what stays are links to the live files, which take no space.
    /// Failures only leave more for the next build to correct.
    fn trim<'a>(&self, replaced: impl Iterator<Item = &'a String>) {
        let _ = fs::remove_file(self.staging.join(OUTPUT_MANIFEST));
        for rel in replaced {
            fault::pause();
            let path = self.staging.join(rel);
            if fs::remove_file(&path).is_ok() {
                let mut dir = path.parent();
                while let Some(d) = dir {
                    if d == self.staging || fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A build that failed takes back what it wrote, so that the staging
        // folder holds only links to the live files, as after a publish. (A
        // build killed here leaves them; the next one removes the folder.)
        if !self.published {
            for rel in lock(&self.written).iter() {
                let _ = fs::remove_file(self.staging.join(rel));
            }
            let _ = fs::remove_file(self.staging.join(OUTPUT_MANIFEST));
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Clears the way for a file at `rel` under `dir`: whatever is there goes
/// (a file, which may be a link to a live file, or a folder), and so does
/// a file where a parent folder must be. Returns the path, ready for a
/// new file. Never writes into an existing file: that could be a live one.
fn make_room(dir: &Path, rel: &str) -> Result<PathBuf> {
    let target = dir.join(rel);
    let parent = target.parent().unwrap_or(dir);
    if fs::create_dir_all(parent).is_err() {
        for (i, _) in rel.match_indices('/') {
            let ancestor = dir.join(&rel[..i]);
            if fs::symlink_metadata(&ancestor).is_ok_and(|m| !m.is_dir()) {
                let _ = fs::remove_file(&ancestor);
            }
        }
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(&target),
        Ok(_) => fs::remove_file(&target),
        Err(_) => Ok(()),
    }
    .map_err(|e| Error::write(&target, e))?;
    Ok(target)
}

/// Writes `bytes` as a new file at `rel` under `dir`.
fn write_new(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let target = make_room(dir, rel)?;
    fault::check(Step::Write)
        .and_then(|()| {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&target)
        })
        .and_then(|mut file| file.write_all(bytes))
        .map_err(|e| Error::write(&target, e))
}

/// Puts `staging` in the place of `out_dir`, and the old site in the place
/// of `staging`.
fn swap(out_dir: &Path, staging: &Path) -> Result<()> {
    match exchange(out_dir, staging) {
        Ok(true) => return Ok(()),
        Ok(false) => {}
        Err(e) => return Err(swap_error(out_dir, e)),
    }
    let old = layout::staging_dir(out_dir, "old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::write(&old, e))?;
    }
    fs::rename(out_dir, &old).map_err(|e| swap_error(out_dir, e))?;
    if let Err(e) = fs::rename(staging, out_dir) {
        let _ = fs::rename(&old, out_dir);
        return Err(swap_error(out_dir, e));
    }
    // Only the spare is missing if this fails; the next build makes one.
    let _ = fs::rename(&old, staging);
    Ok(())
}

fn swap_error(out_dir: &Path, source: std::io::Error) -> Error {
    Error::Swap {
        path: out_dir.to_path_buf(),
        source,
    }
}

/// Exchanges two existing paths in one atomic step. `Ok(false)` when this
/// system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are NUL-terminated paths that outlive the call; the
    // syscall only reads them. The raw syscall, because older C libraries
    // lack the renameat2 wrapper.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(true);
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> OutputPath {
        OutputPath::new(s).unwrap()
    }

    fn publish(out: &Path, files: &[(&str, &str)]) -> WriteStats {
        let paths: Vec<OutputPath> = files.iter().map(|(path, _)| p(path)).collect();
        let staging = Staging::begin(out, &paths, false, &|_| {}).unwrap();
        for (path, bytes) in files {
            staging.put(&p(path), bytes.as_bytes()).unwrap();
        }
        staging.commit(&paths).unwrap()
    }

    fn mtime(path: &Path) -> std::time::SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    /// Every file of the staging folder is a link to the live file of the
    /// same path: it holds no old version, so it takes no space.
    #[cfg(unix)]
    fn staging_mirrors(out: &Path) {
        use std::os::unix::fs::MetadataExt as _;
        let staging = layout::staging_dir(out, "staging");
        for entry in WalkDir::new(&staging).min_depth(1).into_iter().flatten() {
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = manifest::relative(&staging, entry.path());
            let live = fs::metadata(out.join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert_eq!(live.ino(), entry.metadata().unwrap().ino(), "{rel}");
        }
    }

    #[test]
    fn unchanged_files_keep_their_mtime_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(
            &out,
            &[("a/index.html", "same"), ("old/index.html", "gone soon")],
        );
        let before = mtime(&out.join("a/index.html"));
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        fs::write(out.join("CNAME"), "example.org").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        for round in 0..3 {
            let stats = publish(&out, &[("a/index.html", "same"), ("b.html", "new")]);
            let expected = WriteStats {
                written: usize::from(round == 0),
                unchanged: 2 - usize::from(round == 0),
                removed: usize::from(round == 0),
            };
            assert_eq!(stats, expected, "round {round}");
            assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
            assert_eq!(
                fs::read_to_string(out.join("CNAME")).unwrap(),
                "example.org"
            );
            assert_eq!(before, mtime(&out.join("a/index.html")));
            assert!(!out.join("old").exists());
            #[cfg(unix)]
            staging_mirrors(&out);
        }
        let manifest = fs::read_to_string(out.join(OUTPUT_MANIFEST)).unwrap();
        assert!(manifest.ends_with("\na/index.html\nb.html\n"), "{manifest}");
        for what in ["old", "lock", "update"] {
            assert!(!layout::staging_dir(&out, what).exists(), "{what}");
        }
    }

    #[test]
    fn a_staging_folder_in_any_state_becomes_exactly_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[("a/index.html", "1"), ("b/index.html", "1")]);
        publish(&out, &[("a/index.html", "2"), ("b/index.html", "1")]);
        // What a killed build might leave: junk, a folder where a file goes,
        // a file where a folder goes, a half-written page.
        let staging = layout::staging_dir(&out, "staging");
        fs::create_dir_all(staging.join("junk/deep")).unwrap();
        fs::write(staging.join("junk/deep/x"), "x").unwrap();
        let _ = fs::remove_file(staging.join("b/index.html"));
        fs::create_dir_all(staging.join("b/index.html/inner")).unwrap();
        fs::remove_dir_all(staging.join("a")).unwrap_or_default();
        fs::write(staging.join("a"), "a file where a folder goes").unwrap();
        fs::write(staging.join("c.html"), "half").unwrap();
        publish(
            &out,
            &[
                ("a/index.html", "3"),
                ("b/index.html", "1"),
                ("c.html", "c"),
            ],
        );
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "3");
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "1");
        assert_eq!(fs::read_to_string(out.join("c.html")).unwrap(), "c");
        assert!(!out.join("junk").exists());
        #[cfg(unix)]
        staging_mirrors(&out);
    }

    #[test]
    fn a_build_that_changes_nothing_swaps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[("index.html", "x")]);
        let folder = fs::metadata(&out).unwrap();
        let stats = publish(&out, &[("index.html", "x")]);
        assert_eq!((stats.written, stats.unchanged, stats.removed), (0, 1, 0));
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            assert_eq!(folder.ino(), fs::metadata(&out).unwrap().ino());
        }
        let _ = folder;
    }

    #[test]
    fn a_dropped_staging_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[("index.html", "old")]);
        publish(&out, &[("index.html", "older")]);
        let staging = Staging::begin(&out, [&p("index.html")], false, &|_| {}).unwrap();
        staging.put(&p("index.html"), b"new").unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "older");
        assert!(!layout::staging_dir(&out, "lock").exists());
    }

    #[test]
    fn a_linked_output_folder_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("www");
        fs::create_dir_all(&real).unwrap();
        let link = dir.path().join("public");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&real, &link).unwrap();
        #[cfg(not(unix))]
        return;
        publish(&link, &[("index.html", "1")]);
        publish(&link, &[("index.html", "2")]);
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(real.join("index.html")).unwrap(), "2");
    }

    #[test]
    fn an_old_site_set_aside_by_a_killed_swap_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // Killed between the first two renames of the fallback swap: no
        // output, the old site aside.
        let old = layout::staging_dir(&out, "old");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "old site").unwrap();
        fs::write(old.join(OUTPUT_MANIFEST), manifest::render(["index.html"])).unwrap();
        let stats = publish(&out, &[("index.html", "old site")]);
        assert_eq!(stats.written, 0, "the old site came back first");
        assert!(!old.exists());
    }
}
