//! One writer per output folder: an advisory lock on a hidden sibling file,
//! `.public.gongkai-lock`.
//!
//! Two builds into one folder would otherwise clear each other's staging
//! and both report success over a site with files missing. Every write
//! phase (a whole build, or one incremental rebuild of `watch`/`serve`)
//! holds this lock; a second writer waits for it and then starts from
//! the site the first one left. On Unix it is `flock(2)`, which the kernel
//! releases when its holder ends in any way, `kill -9` included, so a lock
//! file left by a dead process never blocks anyone. The holder writes its
//! process id into the file, so that a waiter can say whom it waits for;
//! a lock taken on a file that still holds an id was left by a process
//! that died holding it ([`OutputLock::after_crash`]), which tells the new
//! holder to clean up after it.
//!
//! The file is removed when the lock is released, so nothing stays beside
//! the output. A waiter that was queued on a file removed meanwhile notices
//! (the path no longer names the file it locked) and locks the new one.
//! Without `flock` (not Unix) there is no lock; the README says so.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::layout;

/// The lock on one output folder, held until dropped.
pub(crate) struct OutputLock {
    path: PathBuf,
    after_crash: bool,
    #[cfg(unix)]
    _file: File,
}

impl OutputLock {
    /// Takes the lock of `out_dir`, waiting while another process holds
    /// it; `waiting` is told once, with that process's id if known, before
    /// the wait begins.
    pub(crate) fn acquire(out_dir: &Path, waiting: &dyn Fn(Option<u32>)) -> Result<OutputLock> {
        let path = layout::staging_dir(out_dir, "lock");
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        acquire_at(path, waiting)
    }

    /// True when the previous holder died holding the lock (its process
    /// id was still in the file), so that what it was writing may be
    /// half done.
    pub(crate) fn after_crash(&self) -> bool {
        self.after_crash
    }
}

#[cfg(unix)]
fn acquire_at(path: PathBuf, waiting: &dyn Fn(Option<u32>)) -> Result<OutputLock> {
    use std::io::Write as _;
    use std::os::unix::fs::MetadataExt as _;

    let lock_error = |source: std::io::Error| Error::Lock {
        path: path.clone(),
        source,
    };
    let mut told = false;
    loop {
        let mut file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(lock_error)?;
        if !flock(&file, libc::LOCK_EX | libc::LOCK_NB).map_err(lock_error)? {
            if !told {
                told = true;
                let holder = fs::read_to_string(&path)
                    .ok()
                    .and_then(|text| text.trim().parse().ok());
                waiting(holder);
            }
            flock(&file, libc::LOCK_EX).map_err(lock_error)?;
        }
        // The holder before us may have removed the file on release: then
        // our lock is on a file no one else will see. Start again.
        let held = file.metadata().map_err(lock_error)?;
        let current = fs::metadata(&path);
        if !current.is_ok_and(|now| now.ino() == held.ino() && now.dev() == held.dev()) {
            continue;
        }
        // A holder that ended normally removed the file: one that still
        // names a process was left by a crash.
        let after_crash = held.len() > 0;
        // For waiters, and for the next holder should this one die.
        let _ = file
            .set_len(0)
            .and_then(|()| writeln!(file, "{}", std::process::id()));
        return Ok(OutputLock {
            path,
            after_crash,
            _file: file,
        });
    }
}

/// `flock(2)` on `file`, retried when a signal interrupts it. `Ok(false)`
/// when `LOCK_NB` was given and another process holds the lock.
#[cfg(unix)]
fn flock(file: &File, operation: libc::c_int) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd as _;
    loop {
        // SAFETY: flock reads only the descriptor, which `file` keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(true);
        }
        let error = std::io::Error::last_os_error();
        match error.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) if operation & libc::LOCK_NB != 0 => return Ok(false),
            _ => return Err(error),
        }
    }
}

#[cfg(not(unix))]
fn acquire_at(path: PathBuf, _waiting: &dyn Fn(Option<u32>)) -> Result<OutputLock> {
    Ok(OutputLock {
        path,
        after_crash: false,
    })
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked (the descriptor closes after this), so
        // that no one can lock the file between its release and removal.
        // A waiter queued on it sees it gone and starts again.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_writer_waits_and_the_file_goes_with_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = OutputLock::acquire(&out, &|_| panic!("nobody holds it yet")).unwrap();
        let lock_file = layout::staging_dir(&out, "lock");
        assert_eq!(
            fs::read_to_string(&lock_file).unwrap().trim(),
            std::process::id().to_string()
        );
        let (tx, rx) = mpsc::channel();
        let second = std::thread::spawn({
            let out = out.clone();
            move || {
                let told = std::sync::Mutex::new(None);
                let lock = OutputLock::acquire(&out, &|holder| {
                    *told.lock().unwrap() = Some(holder);
                })
                .unwrap();
                tx.send(()).unwrap();
                drop(lock);
                told.into_inner().unwrap()
            }
        });
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "it did not wait"
        );
        drop(first);
        rx.recv_timeout(Duration::from_secs(10))
            .expect("it never got the lock");
        // flock is per open file, so a thread of this process waits like
        // another process would; it was told who held the lock.
        assert_eq!(second.join().unwrap(), Some(Some(std::process::id())));
        assert!(!lock_file.exists(), "the lock file stays behind");
    }
}
