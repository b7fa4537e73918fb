//! The index after an edit under `serve`: a save changes one project, and
//! re-indexing 10,000 to learn that would take longer than the rest of
//! the rebuild. When the list of projects is the same (same keys in the
//! same order, so every id stays), only the edited projects' pairs are
//! taken out of and put back into their shards, and only those shards,
//! the chunks holding the edited projects and the manifest are encoded
//! again. Anything else (a project added or removed, a department
//! renamed) builds the index afresh. `tests/testsuite/incremental.rs`
//! checks the result equals a clean build byte for byte.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{
    CHUNK, SearchFile, SearchIndex, encode_manifest, encode_meta, encode_shard, pairs_of,
    shard_count, version_of,
};
use crate::model::Site;

impl SearchIndex {
    /// The index of `site`, from `self`, the index of the site before a
    /// rebuild. `everything` (the configuration, a department or the
    /// theme changed) rebuilds it whole.
    pub(crate) fn update(&self, site: &Site, everything: bool) -> SearchIndex {
        if !site.config.search.enabled {
            return SearchIndex::default();
        }
        let same_ids = self.docs.len() == site.projects.len()
            && !self.postings.is_empty()
            && self
                .docs
                .iter()
                .zip(&site.projects)
                .all(|(a, b)| a.key_parts() == b.key_parts());
        if everything || !same_ids {
            return SearchIndex::new(site);
        }
        let edited: Vec<usize> = (0..site.projects.len())
            .filter(|&i| !Arc::ptr_eq(&self.docs[i], &site.projects[i]))
            .collect();
        let mut next = self.clone();
        next.docs = site.projects.clone();
        let mut changed: BTreeSet<SearchFile> = BTreeSet::new();
        if edited.is_empty() {
            next.changed = Some(changed);
            return next;
        }
        let shards = shard_count(site.projects.len());
        let mut touched: BTreeSet<u32> = BTreeSet::new();
        for &id in &edited {
            let before = pairs_of(site, &self.docs[id]);
            let after = pairs_of(site, &site.projects[id]);
            // Only shards holding a pair the edit added, removed or moved
            // to another field: an edited amount or value touches none,
            // a renamed project a handful.
            let here: BTreeSet<u32> = before
                .iter()
                .filter(|entry| after.binary_search(entry).is_err())
                .chain(
                    after
                        .iter()
                        .filter(|entry| before.binary_search(entry).is_err()),
                )
                .map(|(p, _)| p.shard(shards))
                .collect();
            for &shard in &here {
                let postings = Arc::make_mut(&mut next.postings[shard as usize]);
                postings.retain(|(_, doc, _)| *doc as usize != id);
                postings.extend(
                    after
                        .iter()
                        .filter(|(p, _)| p.shard(shards) == shard)
                        .map(|(p, m)| (*p, id as u32, *m)),
                );
                postings.sort_by_key(|(pair, doc, _)| (*pair, *doc));
            }
            touched.extend(here);
            changed.insert(SearchFile::Text(site.projects[id].key()));
        }
        for &shard in &touched {
            let text: Arc<str> =
                Arc::from(encode_shard(shard as usize, &next.postings[shard as usize]));
            if text != next.shards[shard as usize] {
                next.shards[shard as usize] = text;
                changed.insert(SearchFile::Shard(shard));
            }
        }
        let chunks: BTreeSet<usize> = edited.iter().map(|id| id / CHUNK).collect();
        for n in chunks {
            let end = ((n + 1) * CHUNK).min(site.projects.len());
            let text: Arc<str> = Arc::from(encode_meta(site, n, &site.projects[n * CHUNK..end]));
            if text != next.metas[n] {
                next.metas[n] = text;
                changed.insert(SearchFile::Meta(n as u32));
            }
        }
        // The manifest names only counts, ranges (the same ids) and the
        // version of the shards and chunks: unchanged when they are.
        if !changed
            .iter()
            .any(|f| matches!(f, SearchFile::Shard(_) | SearchFile::Meta(_)))
        {
            next.changed = Some(changed);
            return next;
        }
        let version = version_of(next.shards.iter().chain(&next.metas));
        let manifest = encode_manifest(site, shards, &version);
        if manifest != next.manifest {
            next.manifest = manifest;
            changed.insert(SearchFile::Manifest);
        }
        next.changed = Some(changed);
        next
    }
}
