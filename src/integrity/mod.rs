//! The integrity manifest: a published file anyone can check.
//!
//! Every build ends by writing, at the root of the output, three lists of
//! every other file it published: `manifest.json` (path, size, SHA-256 and
//! SM3 of each, and the git commit the site was built from), and
//! `SHA256SUMS` and `SM3SUMS` in the `sha256sum -c` format, so that a
//! reader can check a downloaded file with the tools of any system. They
//! are computed over the final bytes of all outputs and sorted by path;
//! nothing in them depends on the build clock, so two builds of one tree,
//! and an incremental rebuild and a clean build, write the same bytes.
//! The lists leave out themselves, the signature `gongkai sign` adds
//! ([`SIGNATURE`]) and the output's bookkeeping (`.gongkai-manifest`, the
//! list of files gongkai wrote, a different thing).
//!
//! [`sign`] signs `SHA256SUMS` with minisign; [`verify`] checks an output
//! folder or a published site ([`fetch`]) against the lists and the
//! signature; [`source`] reads the commit.

pub mod fetch;
pub mod sign;
pub(crate) mod source;
pub mod verify;

use std::collections::HashMap;
use std::fmt::Write as _;

use sha2::{Digest as _, Sha256};
use sm3::Sm3;

use crate::layout::OutputPath;

/// The JSON manifest of every published file.
pub const MANIFEST: &str = "manifest.json";
/// The SHA-256 sums, which `gongkai sign` signs.
pub const SHA256SUMS: &str = "SHA256SUMS";
/// The SM3 sums (GB/T 32905).
pub const SM3SUMS: &str = "SM3SUMS";
/// The minisign signature of [`SHA256SUMS`], written by `gongkai sign`.
pub const SIGNATURE: &str = "SHA256SUMS.minisig";

/// What `manifest.json` says it is, for readers that check.
const FORMAT: &str = "gongkai-integrity/1";

/// One of the three lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum IntegrityFile {
    Manifest,
    Sha256Sums,
    Sm3Sums,
}

impl IntegrityFile {
    pub(crate) const ALL: [IntegrityFile; 3] = [
        IntegrityFile::Manifest,
        IntegrityFile::Sha256Sums,
        IntegrityFile::Sm3Sums,
    ];

    /// Its name at the output's root.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            IntegrityFile::Manifest => MANIFEST,
            IntegrityFile::Sha256Sums => SHA256SUMS,
            IntegrityFile::Sm3Sums => SM3SUMS,
        }
    }
}

/// True for the names the lists never list: themselves and the signature.
pub fn is_integrity_file(path: &str) -> bool {
    [MANIFEST, SHA256SUMS, SM3SUMS, SIGNATURE].contains(&path)
}

/// The size and both hashes of one file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Digests {
    pub bytes: u64,
    #[serde(with = "hex32")]
    pub sha256: [u8; 32],
    #[serde(with = "hex32")]
    pub sm3: [u8; 32],
}

impl Digests {
    /// Hashes `bytes` with both algorithms.
    pub(crate) fn of(bytes: &[u8]) -> Digests {
        Digests {
            bytes: bytes.len() as u64,
            sha256: Sha256::digest(bytes).into(),
            sm3: Sm3::digest(bytes).into(),
        }
    }
}

/// Every published file's digests, by path; a build session keeps it, so
/// that a save rehashes only the files it wrote.
pub(crate) type Hashes = HashMap<OutputPath, Digests>;

/// Lower-case hex, as `sha256sum` prints it.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The bytes of one of the lists for `hashes`, with the git commit the
/// site was built from (`source`), if any.
pub(crate) fn render(
    file: IntegrityFile,
    hashes: &Hashes,
    source: Option<&source::Revision>,
) -> Vec<u8> {
    let mut files: Vec<(&str, &Digests)> = hashes
        .iter()
        .map(|(p, d)| (p.as_str(), d))
        .filter(|(p, _)| !is_integrity_file(p))
        .collect();
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut out = String::with_capacity(files.len() * 200 + 256);
    match file {
        IntegrityFile::Sha256Sums | IntegrityFile::Sm3Sums => {
            for (path, d) in &files {
                let hash = match file {
                    IntegrityFile::Sha256Sums => &d.sha256,
                    _ => &d.sm3,
                };
                // Output paths hold no newline or backslash (OutputPath),
                // so no line needs coreutils' escaping.
                let _ = writeln!(out, "{}  {path}", hex(hash));
            }
        }
        IntegrityFile::Manifest => {
            // One file per line: a diff of two manifests reads as the
            // list of files that changed.
            let quote = |s: &str| serde_json::Value::from(s).to_string();
            let source = match source {
                Some(r) => format!(
                    "{{\"vcs\":\"git\",\"commit\":{},\"dirty\":null}}",
                    quote(&r.commit)
                ),
                None => "null".to_owned(),
            };
            let _ = write!(
                out,
                "{{\n\"format\":{},\n\"generator\":{},\n\"source\":{source},\n\"algorithms\":[\"sha256\",\"sm3\"],\n\"files\":[",
                quote(FORMAT),
                quote(&format!("gongkai {}", env!("CARGO_PKG_VERSION"))),
            );
            for (i, (path, d)) in files.iter().enumerate() {
                let sep = if i == 0 { "\n" } else { ",\n" };
                let _ = write!(
                    out,
                    "{sep}{{\"path\":{},\"bytes\":{},\"sha256\":\"{}\",\"sm3\":\"{}\"}}",
                    quote(path),
                    d.bytes,
                    hex(&d.sha256),
                    hex(&d.sm3)
                );
            }
            out.push_str("\n]\n}\n");
        }
    }
    out.into_bytes()
}

/// Reads a `sha256sum`-style list: `(hex, path)` per line, or `None` for a
/// line that is not one (binary-mode `*` markers are accepted).
pub(crate) fn parse_sums(text: &str) -> Option<Vec<(String, String)>> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (hash, rest) = line.split_once(' ')?;
            let path = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('*'))?;
            let ok = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
            ok.then(|| (hash.to_ascii_lowercase(), path.to_owned()))
        })
        .collect()
}

/// `[u8; 32]` as hex in the build cache.
mod hex32 {
    use serde::{Deserialize as _, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::hex(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let text = String::deserialize(d)?;
        let mut out = [0u8; 32];
        if text.len() != 64 {
            return Err(serde::de::Error::custom("not a 32-byte hex string"));
        }
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
                .map_err(serde::de::Error::custom)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        let d = Digests::of(b"abc");
        assert_eq!(
            hex(&d.sha256),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // GB/T 32905-2016, appendix A, example 1.
        assert_eq!(
            hex(&d.sm3),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
    }

    #[test]
    fn lists_are_sorted_and_leave_themselves_out() {
        let mut hashes = Hashes::new();
        for p in ["b.html", "a/b.csv", "SHA256SUMS", "manifest.json"] {
            hashes.insert(OutputPath::new(p).unwrap(), Digests::of(p.as_bytes()));
        }
        let sums = String::from_utf8(render(IntegrityFile::Sha256Sums, &hashes, None)).unwrap();
        let paths: Vec<String> = parse_sums(&sums)
            .unwrap()
            .into_iter()
            .map(|l| l.1)
            .collect();
        assert_eq!(paths, ["a/b.csv", "b.html"]);
        let manifest = render(IntegrityFile::Manifest, &hashes, None);
        let value: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
        assert_eq!(value["files"][1]["path"], "b.html");
        assert_eq!(value["files"].as_array().unwrap().len(), 2);
    }
}
