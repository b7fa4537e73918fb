//! What a deploy would change: the built files and their SHA-256 hashes
//! ([`Snapshot`]), what the target last received ([`State`], the file
//! `.gongkai-deploy.json` kept on the target), and the difference
//! ([`Plan`]), with its two written forms for `--plan`.
//!
//! The state lives on the target, not on the machine that deploys, so
//! that any machine (a clerk's PC, a CI runner) can deploy next and still
//! upload only what changed. It is JSON with sorted keys and nothing that
//! varies between runs (no time stamps), so two deploys of the same site
//! leave byte-identical state files. Besides the hashes it lists the
//! paths a deploy was about to write when it last saved (`pending`): a
//! deploy cut off there may have left those files or their temporary
//! copies, and the next one sees to both.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::error::{Error, Result};

/// The state file's name, in the target's site folder.
pub const STATE_FILE: &str = ".gongkai-deploy.json";

/// The mark a temporary upload carries: `dir/.<name>.gongkai-tmp`,
/// hidden and in the same folder as the file it becomes, so the final
/// rename never crosses folders (or file systems).
pub(crate) fn temp_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.gongkai-tmp"),
        None => format!(".{path}.gongkai-tmp"),
    }
}

/// The lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The hash of a file on disk, read in pieces (downloads can be large).
pub(crate) fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hex(&hasher.finalize()));
        }
        hasher.update(&buf[..n]);
    }
}

/// The files of a built site, each with its hash: exactly the files the
/// output's `.gongkai-manifest` lists, so that nothing else in the folder
/// (a `.git`, the user's notes) is ever published by accident.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The output folder.
    pub dir: PathBuf,
    /// Output path → SHA-256, sorted.
    pub files: BTreeMap<String, String>,
}

impl Snapshot {
    /// Hashes every file the manifest of `out_dir` lists. A folder that
    /// has no manifest was never built (or not by gongkai): refused.
    pub fn of(out_dir: &Path) -> Result<Snapshot> {
        let listed = crate::write::built_files(out_dir).ok_or_else(|| Error::Deploy {
            message: crate::t!("deploy-not-built", dir = out_dir.display()),
            help: crate::t!("deploy-not-built-help"),
        })?;
        let mut files = BTreeMap::new();
        for rel in listed {
            let path = out_dir.join(&rel);
            let hash = sha256_file(&path).map_err(|e| Error::read(&path, e))?;
            files.insert(rel, hash);
        }
        Ok(Snapshot {
            dir: out_dir.to_path_buf(),
            files,
        })
    }

    /// The bytes of one of the files.
    pub(crate) fn read(&self, rel: &str) -> Result<Vec<u8>> {
        let path = self.dir.join(rel);
        fs::read(&path).map_err(|e| Error::read(&path, e))
    }

    /// A short name for the whole set of files: the first 16 hex digits
    /// of the hash of its state, the same for the same site every time.
    pub fn content_hash(&self) -> String {
        sha256(&State::complete(self.files.clone()).to_bytes())[..16].to_owned()
    }
}

/// `.gongkai-deploy.json`: what the target holds, as its last deploy saw
/// it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Always `"gongkai deploy"`, so a stray file is not taken for ours.
    pub generator: String,
    /// The format's version; 1.
    pub version: u32,
    /// Path → SHA-256 of every file this site put there.
    pub files: BTreeMap<String, String>,
    /// Paths a deploy was writing or removing when it last saved; empty
    /// after a deploy that finished.
    #[serde(default)]
    pub pending: BTreeSet<String>,
}

const GENERATOR: &str = "gongkai deploy";

impl State {
    /// The state of a finished deploy of `files`.
    pub fn complete(files: BTreeMap<String, String>) -> State {
        State {
            generator: GENERATOR.to_owned(),
            version: 1,
            files,
            pending: BTreeSet::new(),
        }
    }

    /// Reads a state file; `None` when it is not one of ours.
    pub fn parse(bytes: &[u8]) -> Option<State> {
        let state: State = serde_json::from_slice(bytes).ok()?;
        (state.generator == GENERATOR && state.version == 1).then_some(state)
    }

    /// The file's bytes: pretty JSON, sorted, ending in a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// What a deploy changes on the target, path by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Files the target does not have yet (新增).
    pub upload: Vec<String>,
    /// Files the target has with other bytes (替换).
    pub replace: Vec<String>,
    /// Files the target has that the site no longer has (删除).
    pub delete: Vec<String>,
}

impl Plan {
    /// Compares the built files with the target's state. A path left
    /// `pending` by a deploy that was cut off may or may not be there, so
    /// it is replaced if the site has it and deleted if not.
    pub fn between(site: &Snapshot, state: &State) -> Plan {
        let mut plan = Plan::default();
        for (path, hash) in &site.files {
            match state.files.get(path) {
                Some(old) if old == hash && !state.pending.contains(path) => {}
                Some(_) => plan.replace.push(path.clone()),
                None if state.pending.contains(path) => plan.replace.push(path.clone()),
                None => plan.upload.push(path.clone()),
            }
        }
        let gone = state.files.keys().chain(&state.pending);
        let gone: BTreeSet<&String> = gone.filter(|p| !site.files.contains_key(*p)).collect();
        plan.delete = gone.into_iter().cloned().collect();
        plan
    }

    /// True when the target already holds this site.
    pub fn is_empty(&self) -> bool {
        self.upload.is_empty() && self.replace.is_empty() && self.delete.is_empty()
    }

    /// The files to send, in the order that keeps the live site's links
    /// working longest: new files first (nothing links to them yet), then
    /// replaced files that are not pages (style sheets, downloads), then
    /// replaced pages, the front page last.
    pub(crate) fn transfers(&self) -> Vec<&str> {
        let mut replaced: Vec<&str> = self.replace.iter().map(String::as_str).collect();
        replaced.sort_by_key(|p| (p.ends_with(".html"), *p == "index.html", *p));
        self.upload
            .iter()
            .map(String::as_str)
            .chain(replaced)
            .collect()
    }

    /// The plan as plain text (`--plan FILE`, `--dry-run`): three sections
    /// headed `# upload`, `# replace` and `# delete`, one path per line
    /// below each; every line that starts with `#` is a heading.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for (heading, paths) in [
            ("# upload", &self.upload),
            ("# replace", &self.replace),
            ("# delete", &self.delete),
        ] {
            text.push_str(heading);
            text.push('\n');
            for path in paths {
                text.push_str(path);
                text.push('\n');
            }
        }
        text
    }

    /// The plan as JSON (`--plan FILE.json`): `{"target", "upload",
    /// "replace", "delete"}`, each list sorted.
    pub fn to_json(&self, target: &str) -> String {
        let value = serde_json::json!({
            "target": target,
            "upload": self.upload,
            "replace": self.replace,
            "delete": self.delete,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(files: &[(&str, &str)]) -> Snapshot {
        Snapshot {
            dir: PathBuf::new(),
            files: files
                .iter()
                .map(|(p, h)| ((*p).to_owned(), (*h).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn the_plan_sorts_paths_into_upload_replace_delete() {
        let old = State::complete(snapshot(&[("a.html", "1"), ("b.html", "2")]).files);
        let new = snapshot(&[("a.html", "1"), ("b.html", "3"), ("c.html", "4")]);
        let plan = Plan::between(&new, &old);
        assert_eq!(plan.upload, ["c.html"]);
        assert_eq!(plan.replace, ["b.html"]);
        assert!(plan.delete.is_empty());
        let fewer = snapshot(&[("a.html", "1")]);
        assert_eq!(Plan::between(&fewer, &old).delete, ["b.html"]);
        assert!(Plan::between(&snapshot(&[("a.html", "1"), ("b.html", "2")]), &old).is_empty());
    }

    #[test]
    fn pending_paths_are_redone_or_removed() {
        let mut state = State::complete(snapshot(&[("a.html", "1")]).files);
        state.pending = ["a.html", "x.html", "y.html"].map(str::to_owned).into();
        let plan = Plan::between(&snapshot(&[("a.html", "1"), ("x.html", "5")]), &state);
        assert_eq!(plan.replace, ["a.html", "x.html"]);
        assert_eq!(plan.delete, ["y.html"]);
    }

    #[test]
    fn the_state_is_deterministic_and_only_ours_reads_back() {
        let state = State::complete(snapshot(&[("b", "2"), ("a", "1")]).files);
        let bytes = state.to_bytes();
        assert_eq!(State::parse(&bytes), Some(state.clone()));
        assert_eq!(bytes, State::parse(&bytes).unwrap().to_bytes());
        assert!(String::from_utf8(bytes).unwrap().find("\"a\"") < Some(usize::MAX));
        assert_eq!(State::parse(b"{\"files\":{}}"), None);
        assert_eq!(temp_name("a/b/c.html"), "a/b/.c.html.gongkai-tmp");
        assert_eq!(temp_name("index.html"), ".index.html.gongkai-tmp");
    }

    #[test]
    fn pages_go_after_the_files_they_link_to() {
        let plan = Plan {
            upload: vec!["new/index.html".into()],
            replace: vec![
                "index.html".into(),
                "a/index.html".into(),
                "style.css".into(),
            ],
            delete: vec![],
        };
        assert_eq!(
            plan.transfers(),
            ["new/index.html", "style.css", "a/index.html", "index.html"]
        );
        let text = plan.to_text();
        assert!(
            text.starts_with("# upload\nnew/index.html\n# replace\n"),
            "{text}"
        );
    }
}
