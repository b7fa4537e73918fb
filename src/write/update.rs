//! An incremental rebuild's write (`watch`, `serve`): only the changed
//! files, moved into the live output under a journal that puts everything
//! back if any step fails.
//!
//! A save changes a handful of files of a site that may have tens of
//! thousands, so [`Update`] does not rebuild the whole tree the way a full
//! build's swap does. It works in two phases, in `.public.gongkai-update`:
//!
//! 1. **Prepare**, while rendering: each changed file is written to
//!    `new/<path>`; then each live file about to be replaced or removed is
//!    hard-linked to `old/<path>`, and `journal` lists every step. Nothing
//!    in the output has changed yet, so a failure here (a full disk) just
//!    deletes the folder: the last good site stays, as the message says.
//! 2. **Apply**: every new file is renamed into place and every removed
//!    one unlinked. Should a step fail, the steps already taken are undone
//!    from `old/` (renames and unlinks, which a full disk does not stop),
//!    and the site is the last good one again. Only if that too fails is the error
//!    [`Error::OutputMixed`], which says so, and the watch then runs a full
//!    build at the next change.
//!
//! A process killed during apply leaves the folder and its journal; the
//! next writer (build or serve) rolls the output back from it before it
//! does anything else ([`roll_back_leftover`]). Between the kill and that
//! next run, the output may mix old and new pages: the promise of an
//! output that is always whole belongs to `gongkai build`, whose swap is
//! a single rename.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::fault::{self, Step};
use super::lock::OutputLock;
use super::{link_or_copy, real_dir, recover, same_bytes};
use crate::error::{Error, Result};
use crate::layout::{self, OUTPUT_MANIFEST, OutputPath};

/// One step of the apply phase.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    /// A new file where there was none.
    Add(String),
    /// A new file over an existing one, kept in `old/`.
    Replace(String),
    /// A removed file, kept in `old/`.
    Remove(String),
}

impl Action {
    fn path(&self) -> &str {
        match self {
            Action::Add(p) | Action::Replace(p) | Action::Remove(p) => p,
        }
    }

    fn line(&self) -> String {
        match self {
            Action::Add(p) => format!("+ {p}"),
            Action::Replace(p) => format!("~ {p}"),
            Action::Remove(p) => format!("- {p}"),
        }
    }

    /// A journal line back into a step; `None` for anything else, so a
    /// damaged journal can never name a path outside the output.
    fn parse(line: &str) -> Option<Action> {
        let (mark, path) = line.split_once(' ')?;
        let path = OutputPath::new(path)?.as_str().to_owned();
        match mark {
            "+" => Some(Action::Add(path)),
            "~" => Some(Action::Replace(path)),
            "-" => Some(Action::Remove(path)),
            _ => None,
        }
    }
}

/// An incremental write in progress; see the module documentation.
/// Dropping it without [`Update::commit`] discards the prepared files.
pub(crate) struct Update {
    out_dir: PathBuf,
    dir: PathBuf,
    staged: Mutex<Vec<String>>,
    _lock: OutputLock,
}

impl Update {
    /// Locks `out_dir` (cleaning up after a killed writer) and prepares an
    /// empty update folder beside it.
    pub(crate) fn begin(out_dir: &Path) -> Result<Update> {
        let out_dir = &real_dir(out_dir);
        let lock = OutputLock::acquire(out_dir, &|_| {})?;
        recover(out_dir, &lock)?;
        let dir = layout::staging_dir(out_dir, "update");
        let new = dir.join("new");
        fs::create_dir_all(&new).map_err(|e| Error::write(&new, e))?;
        Ok(Update {
            out_dir: out_dir.to_path_buf(),
            dir,
            staged: Mutex::new(Vec::new()),
            _lock: lock,
        })
    }

    /// Prepares one output unless the live one has these bytes already;
    /// returns whether it will be written. `ours` says whether gongkai
    /// wrote the live file, if there is one: a file of the user's in the
    /// way is refused (and replaced under `--force`, which passes true).
    pub(crate) fn put(&self, path: &OutputPath, bytes: &[u8], ours: bool) -> Result<bool> {
        let live = path.under(&self.out_dir);
        if same_bytes(&live, bytes) {
            return Ok(false);
        }
        if !ours && fs::symlink_metadata(&live).is_ok() {
            return Err(Error::OutputNotOwned {
                path: self.out_dir.clone(),
                reason: crate::t!(
                    "output-file-in-the-way",
                    count = 1,
                    example = path.as_str(),
                    manifest = OUTPUT_MANIFEST
                ),
            });
        }
        self.prepare(path.as_str(), bytes)?;
        Ok(true)
    }

    fn prepare(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let target = self.dir.join("new").join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        fault::check(Step::Write)
            .and_then(|()| fs::write(&target, bytes))
            .map_err(|e| Error::write(&target, e))?;
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(rel.to_owned());
        Ok(())
    }

    /// Applies the prepared files, removes `removed` and writes `manifest`
    /// (given when the set of outputs changed): all of it, or (on a
    /// failure) none of it.
    pub(crate) fn commit(self, removed: &[OutputPath], manifest: Option<&str>) -> Result<()> {
        if let Some(text) = manifest
            && !same_bytes(&self.out_dir.join(OUTPUT_MANIFEST), text.as_bytes())
        {
            self.prepare(OUTPUT_MANIFEST, text.as_bytes())?;
        }
        let mut staged =
            std::mem::take(&mut *self.staged.lock().unwrap_or_else(|e| e.into_inner()));
        staged.sort();
        let exists = |rel: &str| fs::symlink_metadata(self.out_dir.join(rel)).is_ok();
        let mut steps: Vec<Action> = staged
            .into_iter()
            .map(|rel| {
                if exists(&rel) {
                    Action::Replace(rel)
                } else {
                    Action::Add(rel)
                }
            })
            .collect();
        steps.extend(
            removed
                .iter()
                .filter(|p| exists(p.as_str()))
                .map(|p| Action::Remove(p.as_str().to_owned())),
        );
        if steps.is_empty() {
            return Ok(());
        }
        for step in &steps {
            if let Action::Replace(rel) | Action::Remove(rel) = step {
                let backup = self.dir.join("old").join(rel);
                if let Some(parent) = backup.parent() {
                    fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
                }
                link_or_copy(&self.out_dir.join(rel), &backup)
                    .map_err(|e| Error::write(&backup, e))?;
            }
        }
        let journal: String = steps.iter().map(|s| s.line() + "\n").collect();
        let (draft, journal_path) = (self.dir.join("journal.tmp"), self.dir.join("journal"));
        fault::check(Step::Write)
            .and_then(|()| fs::write(&draft, journal))
            .and_then(|()| fs::rename(&draft, &journal_path))
            .map_err(|e| Error::write(&journal_path, e))?;
        // From here on, the output changes.
        for (done, step) in steps.iter().enumerate() {
            if let Err(error) = self.apply(step) {
                return Err(match roll_back(&self.out_dir, &self.dir, &steps[..=done]) {
                    Ok(()) => {
                        let _ = fs::remove_file(&journal_path);
                        error
                    }
                    Err(source) => Error::OutputMixed {
                        path: self.out_dir.clone(),
                        source,
                    },
                });
            }
        }
        // The commit point: without a journal, nothing is rolled back.
        let _ = fs::remove_file(&journal_path);
        for step in &steps {
            if let Action::Remove(rel) = step {
                remove_empty_parents(&self.out_dir, &self.out_dir.join(rel));
            }
        }
        Ok(())
    }

    fn apply(&self, step: &Action) -> Result<()> {
        let target = self.out_dir.join(step.path());
        let result = match step {
            Action::Add(rel) | Action::Replace(rel) => target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fault::check(Step::Apply))
                .and_then(|()| fs::rename(self.dir.join("new").join(rel), &target)),
            Action::Remove(_) => {
                fault::check(Step::Apply).and_then(|()| match fs::remove_file(&target) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => Ok(()),
                })
            }
        };
        result.map_err(|e| Error::write(&target, e))
    }
}

impl Drop for Update {
    fn drop(&mut self) {
        // A journal still here means apply began and did not finish (a
        // panic, or a roll-back that failed): put the old files back, then
        // the folder goes. If that fails, it stays for the next writer to
        // try again.
        let _ = roll_back_leftover(&self.out_dir);
    }
}

/// Undoes `steps` (those taken, or possibly taken): an added file is
/// removed, a replaced or removed one comes back from `old/`. Each undo
/// is a rename or an unlink, and doing one twice is harmless.
fn roll_back(out_dir: &Path, dir: &Path, steps: &[Action]) -> std::io::Result<()> {
    let mut first_error = None;
    for step in steps.iter().rev() {
        let target = out_dir.join(step.path());
        let undone = match step {
            // Not there (never applied, or its folder cannot exist): done.
            Action::Add(_) if fs::symlink_metadata(&target).is_err() => Ok(()),
            Action::Add(_) => fs::remove_file(&target).map(|()| {
                remove_empty_parents(out_dir, &target);
            }),
            Action::Replace(rel) | Action::Remove(rel) => {
                let backup = dir.join("old").join(rel);
                if backup.exists() {
                    target
                        .parent()
                        .map_or(Ok(()), fs::create_dir_all)
                        .and_then(|()| fs::rename(&backup, &target))
                } else {
                    Ok(())
                }
            }
        };
        if let Err(e) = undone {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// After a killed incremental write: rolls the output back from the
/// journal it left, then removes its folder. Called under the lock.
pub(crate) fn roll_back_leftover(out_dir: &Path) -> Result<()> {
    let dir = layout::staging_dir(out_dir, "update");
    if !dir.exists() {
        return Ok(());
    }
    if let Ok(journal) = fs::read_to_string(dir.join("journal")) {
        let steps: Vec<Action> = journal.lines().filter_map(Action::parse).collect();
        roll_back(out_dir, &dir, &steps).map_err(|e| Error::OutputMixed {
            path: out_dir.to_path_buf(),
            source: e,
        })?;
    }
    fs::remove_dir_all(&dir).map_err(|e| Error::write(&dir, e))
}

/// Removes the folders above `file` that are left empty, up to `out_dir`.
fn remove_empty_parents(out_dir: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out_dir || !d.starts_with(out_dir) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::OutputPath;

    fn p(s: &str) -> OutputPath {
        OutputPath::new(s).unwrap()
    }

    fn site(out: &Path) {
        for (rel, text) in [("index.html", "old index"), ("a/index.html", "old a")] {
            let path = out.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        fs::write(out.join(OUTPUT_MANIFEST), "m1").unwrap();
    }

    fn read(out: &Path, rel: &str) -> Option<String> {
        fs::read_to_string(out.join(rel)).ok()
    }

    #[test]
    fn an_update_replaces_adds_and_removes_and_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        site(&out);
        let update = Update::begin(&out).unwrap();
        assert!(update.put(&p("index.html"), b"new index", true).unwrap());
        assert!(!update.put(&p("a/index.html"), b"old a", true).unwrap());
        assert!(update.put(&p("b/c/index.html"), b"new c", false).unwrap());
        update.commit(&[p("a/index.html")], Some("m2")).unwrap();
        assert_eq!(read(&out, "index.html").as_deref(), Some("new index"));
        assert_eq!(read(&out, "b/c/index.html").as_deref(), Some("new c"));
        assert_eq!(read(&out, OUTPUT_MANIFEST).as_deref(), Some("m2"));
        assert!(!out.join("a").exists(), "emptied folders go");
        for what in ["update", "lock"] {
            assert!(!layout::staging_dir(&out, what).exists(), "{what}");
        }
    }

    #[test]
    fn a_failing_step_puts_the_old_site_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        site(&out);
        // A file of the user's where a folder is needed: the apply step for
        // `x/index.html` fails after the manifest and `index.html` were
        // already replaced (removals would come last).
        fs::write(out.join("x"), "mine").unwrap();
        let update = Update::begin(&out).unwrap();
        update.put(&p("index.html"), b"new index", true).unwrap();
        update.put(&p("x/index.html"), b"new x", true).unwrap();
        let error = update.commit(&[p("a/index.html")], Some("m2")).unwrap_err();
        assert!(matches!(error, Error::Write { .. }), "{error}");
        assert_eq!(read(&out, "index.html").as_deref(), Some("old index"));
        assert_eq!(read(&out, "a/index.html").as_deref(), Some("old a"));
        assert_eq!(read(&out, OUTPUT_MANIFEST).as_deref(), Some("m1"));
        assert_eq!(read(&out, "x").as_deref(), Some("mine"));
        assert!(!layout::staging_dir(&out, "update").exists());
    }

    #[test]
    fn a_journal_left_by_a_killed_writer_is_rolled_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        site(&out);
        // What a writer killed halfway through apply leaves: index.html
        // replaced (its backup in old/), new.html added, the rest not yet.
        let update = layout::staging_dir(&out, "update");
        fs::create_dir_all(update.join("old")).unwrap();
        fs::hard_link(out.join("index.html"), update.join("old/index.html")).unwrap();
        fs::write(out.join("index.html.new"), "new index").unwrap();
        fs::rename(out.join("index.html.new"), out.join("index.html")).unwrap();
        fs::write(out.join("new.html"), "new").unwrap();
        fs::write(
            update.join("journal"),
            "~ index.html\n+ new.html\n+ later.html\n",
        )
        .unwrap();
        roll_back_leftover(&out).unwrap();
        assert_eq!(read(&out, "index.html").as_deref(), Some("old index"));
        assert!(!out.join("new.html").exists());
        assert!(!update.exists());
    }
}
