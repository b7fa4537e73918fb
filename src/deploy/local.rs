//! Local destinations (a folder on this machine or a mounted share): each
//! deploy is a whole release, made live by one atomic switch of a link.
//!
//! ```text
//!   DIR/current -> releases/<content hash>    what the web server serves
//!   DIR/releases/<content hash>/              one folder per deployed site
//!   DIR/releases/.staging.gongkai-tmp/        the release being made
//! ```
//!
//! A release is assembled in the staging folder: files the plan leaves
//! alone are hard links to the live release's (copies where links are not
//! possible), new and changed files are copied, each through a temporary
//! name. The state file goes in last, the folder is renamed to its
//! content hash, and a new link `DIR/.current.gongkai-tmp` is renamed over
//! `DIR/current`, which swaps the whole site at once: a visitor sees the
//! old site or the new one, never a mix. A deploy cut off before that
//! leaves the live site untouched and the staging folder behind; the next
//! one keeps every staged file whose hash is right and sends only the
//! rest. The live release and the one before it are kept (to switch back
//! by hand), older ones are removed.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::plan::{Plan, STATE_FILE, Snapshot, State, sha256_file, temp_name};
use super::{Applied, Target, failed, fault};
use crate::error::{Error, Result};

const CURRENT: &str = "current";
const RELEASES: &str = "releases";
const STAGING: &str = ".staging.gongkai-tmp";

/// A local folder of releases.
pub(crate) struct Releases {
    dir: PathBuf,
}

impl Releases {
    /// Names the folder; nothing is read or made yet.
    pub(crate) fn open(dir: &Path) -> Releases {
        Releases {
            dir: dir.to_path_buf(),
        }
    }

    fn name(&self) -> String {
        self.dir.display().to_string()
    }

    /// The live release folder, if `current` is a link to one.
    fn live(&self) -> Option<PathBuf> {
        let link = self.dir.join(CURRENT);
        fs::symlink_metadata(&link)
            .ok()
            .filter(|m| m.file_type().is_symlink())?;
        fs::canonicalize(&link).ok()
    }
}

impl Target for Releases {
    fn read_state(&mut self) -> io::Result<Option<Vec<u8>>> {
        let Some(live) = self.live() else {
            return Ok(None);
        };
        match fs::read(live.join(STATE_FILE)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn apply(&mut self, site: &Snapshot, plan: &Plan, _previous: &State) -> Result<Applied> {
        let current = self.dir.join(CURRENT);
        if fs::symlink_metadata(&current).is_ok_and(|m| !m.file_type().is_symlink()) {
            return Err(Error::Deploy {
                message: crate::t!("deploy-local-not-link", path = current.display()),
                help: crate::t!("deploy-local-not-link-help", path = current.display()),
            });
        }
        let name = self.name();
        let io_fail = |path: &Path, e: io::Error| failed(&name, &path.display().to_string(), &e);
        let releases = self.dir.join(RELEASES);
        let staging = releases.join(STAGING);
        fs::create_dir_all(&staging).map_err(|e| io_fail(&staging, e))?;
        let live = self.live();
        let mut applied = Applied {
            deleted: plan.delete.len(),
            ..Applied::default()
        };
        tidy(&staging, site).map_err(|e| io_fail(&staging, e))?;
        let sent: BTreeSet<&str> = plan.transfers().into_iter().collect();
        for (rel, hash) in &site.files {
            let to = staging.join(rel);
            if sha256_file(&to).is_ok_and(|h| &h == hash) {
                continue;
            }
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| io_fail(parent, e))?;
            }
            let temp = staging.join(temp_name(rel));
            let _ = fs::remove_file(&temp);
            let from_live = live.as_ref().map(|l| l.join(rel));
            let linked = !sent.contains(rel.as_str())
                && from_live.is_some_and(|from| fs::hard_link(&from, &temp).is_ok());
            if !linked {
                fs::copy(site.dir.join(rel), &temp).map_err(|e| io_fail(&to, e))?;
                fault::after_upload().map_err(|e| io_fail(&to, e))?;
                applied.transferred += 1;
            }
            fs::rename(&temp, &to).map_err(|e| io_fail(&to, e))?;
        }
        let state = staging.join(STATE_FILE);
        fs::write(&state, State::complete(site.files.clone()).to_bytes())
            .map_err(|e| io_fail(&state, e))?;
        let hash = site.content_hash();
        let release = releases.join(&hash);
        if release.exists() {
            // An earlier release of the same site, not live (or the plan
            // would have been empty): made anew from the staging folder.
            fs::remove_dir_all(&release).map_err(|e| io_fail(&release, e))?;
        }
        fs::rename(&staging, &release).map_err(|e| io_fail(&release, e))?;
        let temp_link = self.dir.join(format!(".{CURRENT}.gongkai-tmp"));
        let _ = fs::remove_file(&temp_link);
        symlink(&Path::new(RELEASES).join(&hash), &temp_link)
            .map_err(|e| io_fail(&temp_link, e))?;
        fs::rename(&temp_link, &current).map_err(|e| io_fail(&current, e))?;
        prune(&releases, &release, live.as_deref());
        applied.release = Some(hash);
        Ok(applied)
    }
}

/// Removes from a staging folder left by a cut-off deploy every file the
/// site does not have (temporary copies, files since removed, an old state
/// file) and the folders that leaves empty.
fn tidy(staging: &Path, site: &Snapshot) -> io::Result<()> {
    for entry in WalkDir::new(staging).min_depth(1).contents_first(true) {
        let entry = entry.map_err(io::Error::from)?;
        let rel = entry.path().strip_prefix(staging).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            let _ = fs::remove_dir(entry.path());
        } else if !site.files.contains_key(&rel) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Keeps the new release and the one it replaced; removes the others
/// (quietly: an old release that cannot go is no reason to fail).
fn prune(releases: &Path, new: &Path, old: Option<&Path>) {
    let Ok(entries) = fs::read_dir(releases) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let keep = path == new
            || old.is_some_and(|old| fs::canonicalize(&path).is_ok_and(|p| p == old))
            || entry.file_name().to_string_lossy().starts_with('.');
        if !keep {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
}
