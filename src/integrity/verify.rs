//! `gongkai verify`: re-hash every file the lists name and check the
//! signature, for an output folder or a published site.
//!
//! `SHA256SUMS` is the list of record (it is what the signature covers);
//! `SM3SUMS` and `manifest.json` must list the same files with the same
//! sums, and each file must match both hashes and the size. A folder is
//! also walked for files no list names ("added"); a site over HTTP cannot
//! be listed, so only missing and altered files are found there.

use std::collections::{BTreeMap, BTreeSet};

use minisign::PublicKey;
use rayon::prelude::*;

use super::fetch::Site;
use super::{Digests, MANIFEST, SHA256SUMS, SIGNATURE, SM3SUMS, hex, parse_sums};
use crate::error::{Error, Result};
use crate::layout::{OUTPUT_MANIFEST, OutputPath};

/// What the signature check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// No public key was given.
    NotChecked,
    /// Valid for the given key.
    Valid,
    /// There is no `SHA256SUMS.minisig`.
    Missing,
    /// It does not verify with the key (the reason, in minisign's words).
    Invalid(String),
}

/// What a verification found.
#[derive(Debug, Clone)]
pub struct Report {
    /// Files the lists name.
    pub listed: usize,
    /// Listed, but not there.
    pub missing: Vec<String>,
    /// There, but not the bytes listed.
    pub altered: Vec<String>,
    /// There, but not listed (a folder only).
    pub added: Vec<String>,
    /// Where the lists disagree with one another, or are malformed.
    pub inconsistent: Vec<String>,
    /// The signature.
    pub signature: Signature,
}

impl Report {
    /// True when everything checked out (an unchecked signature is not a
    /// failure: none was asked for).
    pub fn ok(&self) -> bool {
        self.missing.is_empty()
            && self.altered.is_empty()
            && self.added.is_empty()
            && self.inconsistent.is_empty()
            && matches!(self.signature, Signature::NotChecked | Signature::Valid)
    }
}

/// One file as the lists describe it.
#[derive(Default)]
struct Expected {
    sha256: Option<String>,
    sm3: Option<String>,
    bytes: Option<u64>,
}

/// Verifies `site` against its lists, and its signature against `key`.
pub fn verify(site: &Site, key: Option<&PublicKey>) -> Result<Report> {
    let name = |n: &str| OutputPath::new(n).expect("the lists' names are valid paths");
    let sums = site
        .get(&name(SHA256SUMS))?
        .ok_or_else(|| Error::Integrity {
            message: crate::t!("verify-no-sums", site = site.name()),
            help: crate::t!("verify-no-sums-help"),
        })?;
    let signature = match key {
        None => Signature::NotChecked,
        Some(key) => match site.get(&name(SIGNATURE))? {
            None => Signature::Missing,
            Some(sig) => match super::sign::check(key, &sig, &sums) {
                Ok(()) => Signature::Valid,
                Err(reason) => Signature::Invalid(reason),
            },
        },
    };
    let mut inconsistent = Vec::new();
    let mut expected: BTreeMap<String, Expected> = BTreeMap::new();
    let text = String::from_utf8_lossy(&sums);
    match parse_sums(&text) {
        Some(lines) => {
            for (hash, path) in lines {
                expected.entry(path).or_default().sha256 = Some(hash);
            }
        }
        None => inconsistent.push(crate::t!("verify-malformed", file = SHA256SUMS)),
    }
    let listed: BTreeSet<String> = expected.keys().cloned().collect();
    let compare = |inconsistent: &mut Vec<String>, file: &str, paths: BTreeSet<String>| {
        for path in paths.symmetric_difference(&listed) {
            inconsistent.push(crate::t!("verify-lists-differ", file = file, path = path));
        }
    };
    match site.get(&name(SM3SUMS))? {
        None => compare(&mut inconsistent, SM3SUMS, BTreeSet::new()),
        Some(bytes) => match parse_sums(&String::from_utf8_lossy(&bytes)) {
            Some(lines) => {
                let paths = lines.iter().map(|(_, p)| p.clone()).collect();
                for (hash, path) in lines {
                    if let Some(e) = expected.get_mut(&path) {
                        e.sm3 = Some(hash);
                    }
                }
                compare(&mut inconsistent, SM3SUMS, paths);
            }
            None => inconsistent.push(crate::t!("verify-malformed", file = SM3SUMS)),
        },
    }
    match site.get(&name(MANIFEST))?.map(|b| manifest_files(&b)) {
        None => compare(&mut inconsistent, MANIFEST, BTreeSet::new()),
        Some(None) => inconsistent.push(crate::t!("verify-malformed", file = MANIFEST)),
        Some(Some(files)) => {
            let paths = files.iter().map(|f| f.0.clone()).collect();
            for (path, bytes, sha256, sm3) in files {
                if let Some(e) = expected.get_mut(&path) {
                    e.bytes = Some(bytes);
                    let agrees = |mine: &Option<String>, theirs: &str| {
                        mine.as_deref().is_none_or(|m| m == theirs)
                    };
                    if !agrees(&e.sha256, &sha256) || !agrees(&e.sm3, &sm3) {
                        inconsistent.push(crate::t!(
                            "verify-lists-differ",
                            file = MANIFEST,
                            path = path
                        ));
                    }
                }
            }
            compare(&mut inconsistent, MANIFEST, paths);
        }
    }
    let checked: Vec<(String, Option<bool>)> = expected
        .par_iter()
        .map(|(path, e)| {
            let Some(output) =
                OutputPath::new(path).filter(|p| !super::is_integrity_file(p.as_str()))
            else {
                return Ok((path.clone(), Some(false)));
            };
            let Some(bytes) = site.get(&output)? else {
                return Ok((path.clone(), None));
            };
            let d = Digests::of(&bytes);
            let same = e.sha256.as_deref() == Some(hex(&d.sha256).as_str())
                && e.sm3.as_deref().is_none_or(|h| h == hex(&d.sm3))
                && e.bytes.is_none_or(|b| b == d.bytes);
            Ok((path.clone(), Some(same)))
        })
        .collect::<Result<_>>()?;
    let mut report = Report {
        listed: expected.len(),
        missing: Vec::new(),
        altered: Vec::new(),
        added: Vec::new(),
        inconsistent,
        signature,
    };
    for (path, state) in checked {
        match state {
            None => report.missing.push(path),
            Some(false) => report.altered.push(path),
            Some(true) => {}
        }
    }
    if let Some(dir) = site.dir() {
        report.added = unlisted(dir, &listed);
    }
    Ok(report)
}

/// `(path, bytes, sha256, sm3)` of each file `manifest.json` lists.
fn manifest_files(bytes: &[u8]) -> Option<Vec<(String, u64, String, String)>> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    value
        .get("files")?
        .as_array()?
        .iter()
        .map(|f| {
            Some((
                f.get("path")?.as_str()?.to_owned(),
                f.get("bytes")?.as_u64()?,
                f.get("sha256")?.as_str()?.to_ascii_lowercase(),
                f.get("sm3")?.as_str()?.to_ascii_lowercase(),
            ))
        })
        .collect()
}

/// The files under `dir` that no list names, but for the lists, the
/// signature and gongkai's own bookkeeping.
fn unlisted(dir: &std::path::Path, listed: &BTreeSet<String>) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let parts: Vec<&str> = rel.iter().map(|s| s.to_str()).collect::<Option<_>>()?;
            Some(parts.join("/"))
        })
        .filter(|p| p != OUTPUT_MANIFEST && !super::is_integrity_file(p) && !listed.contains(p))
        .collect()
}
