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

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde_json::json;

use crate::model::{Project, ProjectKey, Site};
use text::Field;

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

/// The built index: every shard and chunk file, ready to write.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    shards: Vec<String>,
    metas: Vec<String>,
    manifest: String,
}

impl SearchIndex {
    /// Indexes every project of `site`. Pairs are collected per project in
    /// parallel, then grouped by shard.
    pub(crate) fn new(site: &Site) -> SearchIndex {
        let shards = shard_count(site.projects.len());
        let per_doc: Vec<Vec<(u32, String, u8)>> = site
            .projects
            .par_iter()
            .map(|p| pairs_of(site, p, shards))
            .collect();
        let mut by_shard: Vec<BTreeMap<&str, Vec<(u32, u8)>>> =
            (0..shards).map(|_| BTreeMap::new()).collect();
        for (doc, pairs) in per_doc.iter().enumerate() {
            for (shard, key, mask) in pairs {
                by_shard[*shard as usize]
                    .entry(key.as_str())
                    .or_default()
                    .push((doc as u32, *mask));
            }
        }
        let shard_files: Vec<String> = by_shard
            .par_iter()
            .enumerate()
            .map(|(n, keys)| encode_shard(n, keys))
            .collect();
        let metas: Vec<String> = site
            .projects
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(n, chunk)| encode_meta(site, n, chunk))
            .collect();
        let version = version_of(shard_files.iter().chain(&metas));
        let manifest = encode_manifest(site, shards, &version);
        SearchIndex {
            shards: shard_files,
            metas,
            manifest,
        }
    }

    /// The bytes of one index file.
    pub(crate) fn render(&self, site: &Site, file: &SearchFile) -> Option<Vec<u8>> {
        let text = match file {
            SearchFile::Manifest => self.manifest.clone(),
            SearchFile::Shard(n) => self.shards.get(*n as usize)?.clone(),
            SearchFile::Meta(n) => self.metas.get(*n as usize)?.clone(),
            SearchFile::Text(key) => encode_text(site.project(key)?),
        };
        Some(text.into_bytes())
    }
}

/// The (shard, pair, fields) of one project, each pair once.
fn pairs_of(site: &Site, project: &Project, shards: u32) -> Vec<(u32, String, u8)> {
    let mut found: BTreeMap<String, u8> = BTreeMap::new();
    let mut add = |text: &str, field: Field| {
        text::bigrams(text, |key| {
            *found.entry(key.to_owned()).or_default() |= field as u8;
        });
    };
    add(&project.name, Field::Name);
    if let Some(department) = site.department(&project.department) {
        add(&department.name, Field::Department);
    }
    for segment in text::segments(project) {
        add(segment, Field::Other);
    }
    let mut name_pairs: Vec<String> = Vec::new();
    text::bigrams(&project.name, |key| name_pairs.push(key.to_owned()));
    if let (Some(first), Some(last)) = (name_pairs.first(), name_pairs.last()) {
        *found.entry(first.clone()).or_default() |= Field::NameStart as u8;
        *found.entry(last.clone()).or_default() |= Field::NameEnd as u8;
    }
    found
        .into_iter()
        .map(|(key, mask)| (text::shard_of(&key, shards), key, mask))
        .collect()
}

/// `gongkaiSearch.shard(N,{"康复":"…"})`: per pair, the projects as
/// base-36 numbers `delta × 32 + fields`, comma-separated, ids ascending.
fn encode_shard(n: usize, keys: &BTreeMap<&str, Vec<(u32, u8)>>) -> String {
    let mut out = format!("gongkaiSearch.shard({n},{{");
    for (i, (key, postings)) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json!(key).to_string());
        out.push_str(":\"");
        let mut previous = 0u32;
        for (j, (doc, mask)) in postings.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let value = u64::from(doc - previous) * 32 + u64::from(*mask);
            push_base36(&mut out, value);
            previous = *doc;
        }
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
fn encode_meta(site: &Site, n: usize, chunk: &[std::sync::Arc<Project>]) -> String {
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
fn version_of<'a>(files: impl Iterator<Item = &'a String>) -> String {
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
        let mut keys = BTreeMap::new();
        keys.insert("康复", vec![(0, 1), (3, 4), (40, 5)]);
        assert_eq!(
            encode_shard(2, &keys),
            "gongkaiSearch.shard(2,{\"康复\":\"1,2s,x1\"});\n"
        );
    }
}
