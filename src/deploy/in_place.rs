//! Updating a site in place on a server (SFTP, FTP), one file at a time,
//! through the few file operations every such server offers ([`Store`]).
//!
//! A server has no atomic switch of a whole folder, so the site changes
//! file by file; what this module guarantees is that each file is either
//! wholly old or wholly new. Each one is written to `.<name>.gongkai-tmp`
//! in its own folder and renamed over its final name. Servers whose
//! rename does not replace an existing file (OpenSSH's SFTP, many FTP
//! servers) get the old file removed first, so at most the one file in
//! flight is briefly missing, never half written.
//!
//! A deploy runs in two phases, so that being cut off leaves the live
//! site old wherever that is possible. First every new and changed file
//! is uploaded to its temporary name, with the state file listing all of
//! them as `pending`: this is the slow part, and the live site is still
//! wholly the old one throughout. Then the temporary copies are renamed
//! into place, new files first and the front page last; renames are quick,
//! so the site is mixed only for that short moment, and a deploy cut off
//! inside it is finished by the next one. The next deploy removes the
//! temporary copies pending paths may have left, sends them again (their
//! hash on the server is not known) and goes on from there; a pending path
//! the site no longer has is deleted. Deletions come after every upload,
//! and the final state file is written last, itself through a temporary
//! name.

use std::collections::BTreeSet;
use std::io;

use super::plan::{Plan, STATE_FILE, Snapshot, State, temp_name};
use super::{Applied, failed, fault};
use crate::error::Result;

/// The file operations of a server, on paths relative to the site folder
/// (`/`-separated, no leading slash).
pub(crate) trait Store {
    /// How the target is named in messages.
    fn name(&self) -> String;
    /// A file's bytes; `None` when there is no such file.
    fn read(&mut self, path: &str) -> io::Result<Option<Vec<u8>>>;
    /// Creates the site folder (and its parents) if missing.
    fn prepare(&mut self) -> io::Result<()>;
    /// Creates one folder whose parent exists; an existing one is fine.
    fn make_dir(&mut self, path: &str) -> io::Result<()>;
    /// Writes a whole file, replacing any file of that name.
    fn write(&mut self, path: &str, bytes: &[u8]) -> io::Result<()>;
    /// Renames a file; may fail when `to` exists.
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()>;
    /// Removes a file; a missing one is fine.
    fn remove(&mut self, path: &str) -> io::Result<()>;
    /// Removes a folder if it is empty; failing is fine (it is not).
    fn remove_dir(&mut self, path: &str);
}

impl<S: Store> super::Target for S {
    fn read_state(&mut self) -> io::Result<Option<Vec<u8>>> {
        self.read(STATE_FILE)
    }

    fn apply(&mut self, site: &Snapshot, plan: &Plan, previous: &State) -> Result<Applied> {
        Run {
            store: self,
            made: BTreeSet::new(),
        }
        .apply(site, plan, previous)
    }
}

struct Run<'a, S: Store> {
    store: &'a mut S,
    /// Folders known to exist on the server.
    made: BTreeSet<String>,
}

impl<S: Store> Run<'_, S> {
    fn apply(&mut self, site: &Snapshot, plan: &Plan, previous: &State) -> Result<Applied> {
        let name = self.store.name();
        let fail = |path: &str, e: io::Error| failed(&name, path, &e);
        self.store.prepare().map_err(|e| fail("", e))?;
        // Temporary copies a cut-off deploy may have left.
        for path in &previous.pending {
            let temp = temp_name(path);
            self.store.remove(&temp).map_err(|e| fail(&temp, e))?;
        }
        // A pending path stays pending until this run has dealt with it.
        let mut state = State::complete(previous.files.clone());
        state.pending = previous.pending.clone();
        let transfers = plan.transfers();
        let mut applied = Applied::default();
        state
            .pending
            .extend(transfers.iter().map(|p| (*p).to_owned()));
        self.save(&state).map_err(|e| fail(STATE_FILE, e))?;
        // Phase 1: every file to its temporary name; the live site is
        // still the old one.
        for path in &transfers {
            let bytes = site.read(path)?;
            self.upload(path, &bytes).map_err(|e| fail(path, e))?;
            fault::after_upload().map_err(|e| fail(path, e))?;
        }
        // Phase 2: the switch, file by file, in the plan's order.
        for path in &transfers {
            self.switch(path).map_err(|e| fail(path, e))?;
            state
                .files
                .insert((*path).to_owned(), site.files[*path].clone());
            applied.transferred += 1;
        }
        for path in &transfers {
            state.pending.remove(*path);
        }
        if !plan.delete.is_empty() {
            state.pending.extend(plan.delete.iter().cloned());
            self.save(&state).map_err(|e| fail(STATE_FILE, e))?;
            let mut folders = BTreeSet::new();
            for path in &plan.delete {
                self.store.remove(path).map_err(|e| fail(path, e))?;
                let temp = temp_name(path);
                self.store.remove(&temp).map_err(|e| fail(&temp, e))?;
                folders.extend(parents(path).map(str::to_owned));
                applied.deleted += 1;
            }
            // Deepest first; a folder the site still uses is not empty.
            for folder in folders.iter().rev() {
                self.store.remove_dir(folder);
            }
        }
        self.save(&State::complete(site.files.clone()))
            .map_err(|e| fail(STATE_FILE, e))?;
        Ok(applied)
    }

    /// Writes `path`'s bytes to its temporary name, making its folders.
    fn upload(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let folders: Vec<&str> = parents(path).collect();
        for folder in folders.into_iter().rev() {
            if self.made.insert(folder.to_owned()) {
                self.store.make_dir(folder)?;
            }
        }
        self.store.write(&temp_name(path), bytes)
    }

    /// Renames `path`'s uploaded temporary copy over it.
    fn switch(&mut self, path: &str) -> io::Result<()> {
        let temp = temp_name(path);
        if self.store.rename(&temp, path).is_err() {
            self.store.remove(path)?;
            self.store.rename(&temp, path)?;
        }
        Ok(())
    }

    fn save(&mut self, state: &State) -> io::Result<()> {
        let temp = temp_name(STATE_FILE);
        self.store.write(&temp, &state.to_bytes())?;
        if self.store.rename(&temp, STATE_FILE).is_err() {
            self.store.remove(STATE_FILE)?;
            self.store.rename(&temp, STATE_FILE)?;
        }
        Ok(())
    }
}

/// The folders above `path`, deepest first: `a/b/c` gives `a/b`, `a`.
fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').rev().map(move |(i, _)| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_are_deepest_first() {
        assert_eq!(parents("a/b/c.html").collect::<Vec<_>>(), ["a/b", "a"]);
        assert_eq!(parents("index.html").count(), 0);
    }
}
