//! The source revision a site is built from: the commit that `HEAD` of
//! the git checkout holding the site root points at, read with `gix`.
//!
//! Whether the working tree has uncommitted changes is not checked: at
//! 100,000 files a status walk on every save under `watch` costs more
//! than the answer is worth, so `manifest.json` says `"dirty": null`
//! (unknown) rather than a `false` it has not verified (docs/integrity.md).

use std::path::Path;

/// A git commit, as hex.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Revision {
    pub commit: String,
}

/// The commit `HEAD` points at in the git checkout holding `root`; `None`
/// outside a checkout, in a repository without commits, or when it cannot
/// be read (a build never fails over it).
pub(crate) fn revision(root: &Path) -> Option<Revision> {
    let repo = gix::discover(root).ok()?;
    let id = repo.head_id().ok()?;
    Some(Revision {
        commit: id.detach().to_string(),
    })
}
