//! The deploy's test hook (debug builds only; release builds compile it to
//! nothing): a connection that drops in the middle of an upload.
//!
//! `GONGKAI_DEPLOY_FAULT_AFTER=N` lets `N` files be uploaded and then
//! fails the next one after its temporary copy was written: a temporary
//! file is left on the target, the state file lists the files as pending,
//! and (on a server) none is live yet. The local target stages whole
//! releases and calls it before its switch. The suite proves that the
//! next deploy cleans up and finishes the job.

use std::io;

/// Called once a file's temporary copy is on the target; fails when the
/// hook says this is the file to fail.
pub(crate) fn after_upload() -> io::Result<()> {
    #[cfg(debug_assertions)]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static DONE: AtomicUsize = AtomicUsize::new(0);
        let Some(limit) = std::env::var("GONGKAI_DEPLOY_FAULT_AFTER")
            .ok()
            .and_then(|n| n.parse::<usize>().ok())
        else {
            return Ok(());
        };
        if DONE.fetch_add(1, Ordering::Relaxed) >= limit {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "GONGKAI_DEPLOY_FAULT_AFTER: connection dropped (test hook)",
            ));
        }
    }
    Ok(())
}
