//! The last part of every build step: the digests of every output, and
//! the integrity lists made from them ([`crate::integrity`]).
//!
//! A step knows the bytes of what it rendered; the digests of the outputs
//! it kept come from the session (under `watch`) or from the build cache
//! (a `build` that skipped them), so a save rehashes only the files it
//! wrote. An output with no digest on record is read back from the live
//! output and hashed, so the lists are never short of a file.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::writer::Writer;
use crate::error::{Error, Result};
use crate::integrity::{self, Digests, Hashes, IntegrityFile};
use crate::layout::OutputPath;
use crate::render::plan::{PageKind, Planned};

/// One rendered output: its path, whether its bytes changed on disk, and
/// their digests.
pub(super) type Outcome = (OutputPath, bool, Digests);

/// The digests of every output of `plan` but the lists: `prior`'s for the
/// files this step kept, the fresh ones of `rendered`, and any other read
/// from `out_dir`.
pub(super) fn digests(
    mut prior: Hashes,
    plan: &[Planned],
    rendered: &[Outcome],
    out_dir: &std::path::Path,
) -> Result<Hashes> {
    let wanted: BTreeSet<&OutputPath> = plan
        .iter()
        .filter(|p| !matches!(p.kind, PageKind::Integrity(_)))
        .map(|p| &p.path)
        .collect();
    prior.retain(|path, _| wanted.contains(path));
    prior.extend(rendered.iter().map(|(p, _, d)| (p.clone(), *d)));
    let unknown: Vec<&OutputPath> = wanted
        .into_iter()
        .filter(|p| !prior.contains_key(*p))
        .collect();
    let read: Vec<(OutputPath, Digests)> = unknown
        .par_iter()
        .map(|path| {
            let file = path.under(out_dir);
            let bytes = std::fs::read(&file).map_err(|e| Error::read(file, e))?;
            Ok(((*path).clone(), Digests::of(&bytes)))
        })
        .collect::<Result<_>>()?;
    prior.extend(read);
    Ok(prior)
}

/// Renders the three lists for `hashes` and hands them to the writer.
pub(super) fn put_lists(
    writer: &Writer,
    root: &std::path::Path,
    hashes: &Hashes,
    ours: impl Fn(&OutputPath) -> bool,
) -> Result<Vec<Outcome>> {
    let source = integrity::source::revision(root);
    IntegrityFile::ALL
        .into_iter()
        .map(|file| {
            let Some(path) = OutputPath::new(file.file_name()) else {
                unreachable!("the lists' names are valid output paths");
            };
            let bytes = integrity::render(file, hashes, source.as_ref());
            let wrote = writer.put(&path, &bytes, ours(&path))?;
            let digests = Digests::of(&bytes);
            Ok((path, wrote, digests))
        })
        .collect()
}
