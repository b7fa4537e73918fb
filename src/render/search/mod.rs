//! Search: the index files that `static/search.js` reads in the browser.
//!
//! A static government host runs no code, and the site must also work
//! from `file://`, where a page may not `fetch` its neighbours. So the
//! index is a set of small JavaScript files that call one global
//! function (`gongkaiSearch.shard(…)`), loaded on demand by `<script>`
//! tags, which both kinds of page allow. A query loads only what it
//! needs:
//!
//! * `search/manifest.js`: the number of projects, shards and chunks, the
//!   id range of every (year, department), and a version for cache busting;
//! * `search/shard-N.js`: for each character pair (see [`text`]) hashed to
//!   shard N, the projects containing it, as delta-coded ids with the
//!   fields it occurs in (name, department, other) for ranking;
//! * `search/meta-N.js`: name, department, year, amount and link of 64
//!   projects, for showing and checking results;
//! * `<year>/<code>/<slug>/search.js`: one project's goals, indicators and
//!   details, for checking a match and cutting the excerpt.
//!
//! Project ids are positions in the site's sorted project list, so ids of
//! one year and department are contiguous and the filters are ranges.
//! Everything is a pure function of the site: the same content gives the
//! same bytes.

pub(crate) mod text;
mod update;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::json;

use crate::model::{Project, ProjectKey, Site};
use text::{Field, Pair};

/// The theme's static file that reads the index; left out of a site
/// whose search is off.
pub(crate) const SCRIPT: &str = "search.js";

/// Projects per `meta-N.js` file: ten results touch at most ten of them.
pub(crate) const CHUNK: usize = 64;

/// One file of the index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SearchFile {
    Manifest,
    Shard(u32),
    Meta(u32),
    /// A project's searchable text, next to its page.
    Text(ProjectKey),
}

/// How many shards an index of `docs` projects has: about 40 projects'
/// worth of pairs each (some 30 KB), a power of two.
pub(crate) fn shard_count(docs: usize) -> u32 {
    docs.div_ceil(40).next_power_of_two().clamp(1, 4096) as u32
}

/// The files of the index of `site`, in a stable order.
pub(crate) fn files(site: &Site) -> Vec<SearchFile> {
    let docs = site.projects.len();
    let mut files = vec![SearchFile::Manifest];
    files.extend((0..shard_count(docs)).map(SearchFile::Shard));
    files.extend((0..docs.div_ceil(CHUNK) as u32).map(SearchFile::Meta));
    files.extend(site.projects.iter().map(|p| SearchFile::Text(p.key())));
    files
}

/// The built index: every shard and chunk file, ready to write, and the
/// postings behind them, so that an edit under `serve` re-encodes only
/// the shards its pairs fall in (see [`SearchIndex::update`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    /// The projects indexed, by id; an update compares them by pointer to
    /// find the edited ones.
    docs: Vec<Arc<Project>>,
    /// Per shard: (pair, id, fields), sorted by pair then id.
    postings: Vec<Arc<Vec<(Pair, u32, u8)>>>,
    shards: Vec<Arc<str>>,
    metas: Vec<Arc<str>>,
    manifest: String,
    /// The files whose bytes differ from the index this one was updated
    /// from; `None` after a full build, when every file is new.
    changed: Option<BTreeSet<SearchFile>>,
}

impl SearchIndex {
    /// Indexes every project of `site`. Pairs are collected per project in
    /// parallel, then grouped by shard.
    fn new(site: &Site) -> SearchIndex {
        let shards = shard_count(site.projects.len());
        let per_doc: Vec<Vec<(u32, Pair, u8)>> = site
            .projects
            .par_iter()
            .map(|p| {
                pairs_of(site, p)
                    .into_iter()
                    .map(|(pair, mask)| (pair.shard(shards), pair, mask))
                    .collect()
            })
            .collect();
        let mut by_shard: Vec<Vec<(Pair, u32, u8)>> = (0..shards).map(|_| Vec::new()).collect();
        for (doc, pairs) in per_doc.into_iter().enumerate() {
            for (shard, pair, mask) in pairs {
                by_shard[shard as usize].push((pair, doc as u32, mask));
            }
        }
        let postings: Vec<Arc<Vec<(Pair, u32, u8)>>> = by_shard
            .into_par_iter()
            .map(|mut postings| {
                // Pushed in id order; a stable sort by pair keeps it.
                postings.sort_by_key(|(pair, _, _)| *pair);
                Arc::new(postings)
            })
            .collect();
        let shard_files: Vec<Arc<str>> = postings
            .par_iter()
            .enumerate()
            .map(|(n, postings)| Arc::from(encode_shard(n, postings)))
            .collect();
        let metas: Vec<Arc<str>> = site
            .projects
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(n, chunk)| Arc::from(encode_meta(site, n, chunk)))
            .collect();
        let version = version_of(shard_files.iter().chain(&metas));
        SearchIndex {
            docs: site.projects.clone(),
            postings,
            shards: shard_files,
            metas,
            manifest: encode_manifest(site, shards, &version),
            changed: None,
        }
    }

    /// False for a file whose bytes are those of the index this one was
    /// updated from, which a rebuild need not render again.
    pub(crate) fn changed(&self, file: &SearchFile) -> bool {
        self.changed.as_ref().is_none_or(|set| set.contains(file))
    }

    /// The bytes of one index file.
    pub(crate) fn render(&self, site: &Site, file: &SearchFile) -> Option<Vec<u8>> {
        Some(match file {
            SearchFile::Manifest => self.manifest.as_bytes().to_vec(),
            SearchFile::Shard(n) => self.shards.get(*n as usize)?.as_bytes().to_vec(),
            SearchFile::Meta(n) => self.metas.get(*n as usize)?.as_bytes().to_vec(),
            SearchFile::Text(key) => encode_text(site.project(key)?).into_bytes(),
        })
    }
}

/// The pairs of one project with the fields each is in, each pair once.
fn pairs_of(site: &Site, project: &Project) -> Vec<(Pair, u8)> {
    let mut found: Vec<(Pair, u8)> = Vec::new();
    let mut add = |text: &str, field: u8| text::bigrams(text, |pair| found.push((pair, field)));
    add(&project.name, Field::Name as u8);
    if let Some(department) = site.department(&project.department) {
        add(&department.name, Field::Department as u8);
    }
    for segment in text::segments(project) {
        add(segment, Field::Other as u8);
    }
    let (mut first, mut last) = (None, None);
    text::bigrams(&project.name, |pair| {
        first.get_or_insert(pair);
        last = Some(pair);
    });
    found.extend(first.map(|p| (p, Field::NameStart as u8)));
    found.extend(last.map(|p| (p, Field::NameEnd as u8)));
    found.sort_unstable();
    let mut merged: Vec<(Pair, u8)> = Vec::with_capacity(found.len() / 2);
    for (pair, mask) in found {
        match merged.last_mut() {
            Some((p, m)) if *p == pair => *m |= mask,
            _ => merged.push((pair, mask)),
        }
    }
    merged
}

/// `gongkaiSearch.shard(N,{"康复":"…"})`: per pair, the projects as
/// base-36 numbers `delta × 32 + fields`, comma-separated, ids ascending.
fn encode_shard(n: usize, postings: &[(Pair, u32, u8)]) -> String {
    let mut out = format!("gongkaiSearch.shard({n},{{");
    let mut current: Option<Pair> = None;
    let mut previous = 0u32;
    for (pair, doc, mask) in postings {
        if current != Some(*pair) {
            if current.is_some() {
                out.push_str("\",");
            }
            out.push_str(&json!(pair.text()).to_string());
            out.push_str(":\"");
            current = Some(*pair);
            previous = 0;
        } else {
            out.push(',');
        }
        push_base36(&mut out, u64::from(doc - previous) * 32 + u64::from(*mask));
        previous = *doc;
    }
    if current.is_some() {
        out.push('"');
    }
    out.push_str("});\n");
    out
}

fn push_base36(out: &mut String, mut value: u64) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(value % 36) as usize];
        value /= 36;
        if value == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// `gongkaiSearch.meta(N,[[name, department, year, amount, href], …])`.
/// The amount is the figure as the file writes it, with its unit.
fn encode_meta(site: &Site, n: usize, chunk: &[Arc<Project>]) -> String {
    let rows: Vec<serde_json::Value> = chunk
        .iter()
        .map(|p| {
            let department = site
                .department(&p.department)
                .map_or("", |d| d.name.as_str());
            json!([
                p.name,
                department,
                p.year,
                format!("{} {}", p.amount, p.unit(site.config.amount_unit)),
                crate::render::plan::href_of(&crate::render::plan::PageKind::Project(p.key())),
            ])
        })
        .collect();
    format!("gongkaiSearch.meta({n},{});\n", json!(rows))
}

/// `gongkaiSearch.text(href,[segments])`: one project's searchable text.
fn encode_text(project: &Project) -> String {
    let href = crate::render::plan::href_of(&crate::render::plan::PageKind::Project(project.key()));
    format!(
        "gongkaiSearch.text({},{});\n",
        json!(href),
        json!(text::segments(project))
    )
}

/// `gongkaiSearch.manifest({…})`: counts, the id range of each (year,
/// department) for the filters, and the version that busts caches.
fn encode_manifest(site: &Site, shards: u32, version: &str) -> String {
    let mut ranges: Vec<(u16, &str, usize, usize)> = Vec::new();
    for (id, p) in site.projects.iter().enumerate() {
        match ranges.last_mut() {
            Some((y, d, _, end)) if *y == p.year && *d == p.department => *end = id + 1,
            _ => ranges.push((p.year, &p.department, id, id + 1)),
        }
    }
    let manifest = json!({
        "v": version,
        "docs": site.projects.len(),
        "shards": shards,
        "chunk": CHUNK,
        "ranges": ranges.iter().map(|(y, d, s, e)| json!([y, d, s, e])).collect::<Vec<_>>(),
    });
    format!("gongkaiSearch.manifest({manifest});\n")
}

/// A short hash of the index's bytes: pages load `…?v=<hash>`, so a
/// browser never mixes files of two builds.
fn version_of<'a>(files: impl Iterator<Item = &'a Arc<str>>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        for byte in file.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let mut out = String::new();
    let _ = write!(out, "{:010x}", hash & 0xff_ffff_ffff);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base36_and_shard_counts() {
        let mut s = String::new();
        push_base36(&mut s, 0);
        s.push(' ');
        push_base36(&mut s, 35);
        s.push(' ');
        push_base36(&mut s, 36 * 36);
        assert_eq!(s, "0 z 100");
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(8), 1);
        assert_eq!(shard_count(10_000), 256);
    }

    #[test]
    fn postings_are_delta_coded_with_their_fields() {
        let mut pair = None;
        text::bigrams("康复", |p| pair = Some(p));
        let pair = pair.unwrap();
        let postings = [(pair, 0, 1), (pair, 3, 4), (pair, 40, 5)];
        assert_eq!(
            encode_shard(2, &postings),
            "gongkaiSearch.shard(2,{\"康复\":\"1,2s,x1\"});\n"
        );
    }
}
