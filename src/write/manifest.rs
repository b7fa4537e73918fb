//! Which files of the output folder are gongkai's: the manifest, and the
//! judgement of a folder that has none.
//!
//! `.gongkai-manifest` in the output root is plain text: two comment
//! lines, then every file gongkai wrote there, one output path per line,
//! sorted. It changes in the same atomic step as the files it lists (the
//! swap of a full build, the journal of an incremental one), so it always
//! describes the site on disk. gongkai replaces and removes only files it
//! lists; anything else in the folder (a `CNAME`, `.git`, a hand-made
//! page) is the user's and is carried into every new site untouched.
//!
//! A folder without a manifest is judged by [`decide`]: missing, empty or
//! holding only dot-files is fine; the output of a gongkai from before
//! manifests is recognised by its shape and adopted; anything else is
//! refused, unless `--force`, which builds into it and keeps every file it
//! does not overwrite. A file of the user's where this build writes one
//! (or needs a folder) is refused the same way.
//!
//! The manifest holds only names the site publishes anyway, so a web
//! server that serves it reveals nothing; it is a dot-file, which many
//! hosts do not serve, and `manifest.json` stays free for the public
//! download manifest.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::layout::{OUTPUT_MANIFEST, OutputPath};

/// The manifest's first line; a file that does not start with it is not
/// one of ours.
const HEADER: &str = "# gongkai: the files of this folder that gongkai wrote, one per line.";
/// The second line, for a person who opens the file.
const NOTE: &str =
    "# gongkai replaces and removes only these; every other file here is yours and stays.";

/// The text of the manifest listing `outputs`.
pub(crate) fn render<'a>(outputs: impl IntoIterator<Item = &'a str>) -> String {
    let sorted: BTreeSet<&str> = outputs.into_iter().collect();
    let mut text = format!("{HEADER}\n{NOTE}\n");
    for path in sorted {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// The paths a manifest lists, or `None` when `text` is not a manifest.
/// Lines that are not a safe output path are skipped: a manifest can never
/// make gongkai touch anything outside the folder.
pub(crate) fn parse(text: &str) -> Option<BTreeSet<String>> {
    let mut lines = text.lines();
    (lines.next()? == HEADER).then(|| {
        lines
            .filter(|line| !line.starts_with('#'))
            .filter_map(OutputPath::new)
            .map(|p| p.as_str().to_owned())
            .collect()
    })
}

/// The paths the manifest of `out_dir` lists; `None` without one.
pub(crate) fn read(out_dir: &Path) -> Option<BTreeSet<String>> {
    let bytes = fs::read(out_dir.join(OUTPUT_MANIFEST)).ok()?;
    parse(&String::from_utf8_lossy(&bytes))
}

/// What is in an existing output folder.
#[derive(Debug, Default)]
pub(crate) struct Survey {
    /// Every file, link or other non-folder, as a `/`-separated relative
    /// path, except the manifest.
    pub files: BTreeSet<String>,
    /// The inode of each of those files (Unix), so that a publish can tell
    /// a link to it from another file without a further look.
    pub inodes: BTreeMap<String, u64>,
    /// Folders without anything in them.
    pub empty_dirs: Vec<String>,
    /// The paths the manifest lists; `None` without a (valid) manifest.
    pub manifest: Option<BTreeSet<String>>,
    /// The manifest's bytes, to tell whether it must be rewritten.
    pub manifest_text: Option<String>,
}

impl Survey {
    /// Walks `out_dir` without following links; a missing folder is empty.
    pub(crate) fn of(out_dir: &Path) -> Result<Survey> {
        let mut survey = Survey::default();
        if !out_dir.is_dir() {
            return Ok(survey);
        }
        let manifest_text = fs::read(out_dir.join(OUTPUT_MANIFEST))
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        survey.manifest = manifest_text.as_deref().and_then(parse);
        survey.manifest_text = manifest_text;
        // A folder is empty when nothing below it was seen.
        let mut dirs = Vec::new();
        let mut parents = BTreeSet::new();
        for entry in WalkDir::new(out_dir).min_depth(1) {
            let entry = entry.map_err(|e| Error::read(out_dir, e.into()))?;
            let rel = relative(out_dir, entry.path());
            if let Some((parent, _)) = rel.rsplit_once('/') {
                parents.insert(parent.to_owned());
            }
            if entry.file_type().is_dir() {
                dirs.push(rel);
            } else if rel != OUTPUT_MANIFEST {
                if let Some(ino) = inode(&entry) {
                    survey.inodes.insert(rel.clone(), ino);
                }
                survey.files.insert(rel);
            }
        }
        survey.empty_dirs = dirs.into_iter().filter(|d| !parents.contains(d)).collect();
        Ok(survey)
    }

    /// True when the folder holds nothing but dot-files at its top (a
    /// fresh clone of a `gh-pages` branch holds only `.git`).
    fn is_bare(&self) -> bool {
        self.files
            .iter()
            .chain(&self.empty_dirs)
            .all(|rel| rel.starts_with('.'))
    }
}

/// The inode of a walked entry, read from the directory listing itself.
pub(crate) fn inode(entry: &walkdir::DirEntry) -> Option<u64> {
    #[cfg(unix)]
    {
        use walkdir::DirEntryExt as _;
        Some(entry.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = entry;
        None
    }
}

/// `path` relative to `root`, with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Who owns what in an output folder, as a build about to write `outputs`
/// sees it.
#[derive(Debug, Default)]
pub(crate) struct Ownership {
    /// Files gongkai wrote: it may replace or remove them.
    pub owned: BTreeSet<String>,
    /// Files that are not gongkai's and that the new site keeps.
    pub foreign: Vec<String>,
    /// Empty folders, which the new site keeps too.
    pub empty_dirs: Vec<String>,
}

/// Decides which files of the surveyed folder are gongkai's, or refuses
/// the folder (see the module documentation). `force` builds into a
/// folder gongkai did not make and replaces files of the user's that are
/// in the way. Takes the manifest's list out of the survey.
pub(crate) fn decide(
    out_dir: &Path,
    survey: &mut Survey,
    outputs: &BTreeSet<&str>,
    force: bool,
) -> Result<Ownership> {
    let refuse = |reason: String| Error::OutputNotOwned {
        path: out_dir.to_path_buf(),
        reason,
    };
    let owned: BTreeSet<String> = match survey.manifest.take() {
        Some(listed) => listed,
        None if survey.is_bare() => BTreeSet::new(),
        None if looks_like_an_earlier_build(survey, outputs) => survey
            .files
            .iter()
            .filter(|rel| !rel.starts_with('.'))
            .cloned()
            .collect(),
        None if force => BTreeSet::new(),
        None => {
            let theirs: Vec<&String> = survey
                .files
                .iter()
                .filter(|rel| !rel.starts_with('.'))
                .collect();
            let example = theirs
                .iter()
                .find(|rel| !rel.contains('/'))
                .or(theirs.first())
                .map_or_else(String::new, |rel| (*rel).clone());
            return Err(refuse(crate::t!(
                "output-not-made-by-gongkai",
                count = theirs.len(),
                example = example,
                manifest = OUTPUT_MANIFEST
            )));
        }
    };
    let folders: BTreeSet<&str> = outputs
        .iter()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| &path[..i]))
        .collect();
    let in_the_way = |rel: &str| {
        outputs.contains(rel)
            || folders.contains(rel)
            || rel
                .match_indices('/')
                .any(|(i, _)| outputs.contains(&rel[..i]))
    };
    let mut foreign = Vec::new();
    let mut blocking = Vec::new();
    for rel in survey.files.iter().filter(|rel| !owned.contains(*rel)) {
        if in_the_way(rel) {
            blocking.push(rel.clone());
        } else {
            foreign.push(rel.clone());
        }
    }
    if let Some(first) = blocking.first()
        && !force
    {
        return Err(refuse(crate::t!(
            "output-file-in-the-way",
            count = blocking.len(),
            example = first.as_str(),
            manifest = OUTPUT_MANIFEST
        )));
    }
    let empty_dirs = survey
        .empty_dirs
        .iter()
        .filter(|rel| !outputs.contains(rel.as_str()))
        .cloned()
        .collect();
    Ok(Ownership {
        owned,
        foreign,
        empty_dirs,
    })
}

/// True for the output of a gongkai from before manifests: the front
/// page, the 404 page and the style sheet, and at the top nothing but
/// what this build writes, the folders of its features and numbered
/// folders (years and departments since removed). A hand-made site fails
/// this (its `CNAME`, its `guide.html`), and is refused.
fn looks_like_an_earlier_build(survey: &Survey, outputs: &BTreeSet<&str>) -> bool {
    const SKELETON: [&str; 3] = ["index.html", "404.html", "static/style.css"];
    const FEATURES: [&str; 4] = ["static", "search", "open-data", "pages"];
    let top = |rel: &str| rel.split('/').next().unwrap_or_default().to_owned();
    let ours: BTreeSet<String> = outputs
        .iter()
        .map(|p| top(p))
        .chain(FEATURES.iter().map(|f| (*f).to_owned()))
        .collect();
    SKELETON.iter().all(|f| survey.files.contains(*f))
        && survey
            .files
            .iter()
            .chain(&survey.empty_dirs)
            .map(|rel| (rel.contains('/'), top(rel)))
            .all(|(nested, name)| {
                name.starts_with('.')
                    || ours.contains(&name)
                    || (nested && name.bytes().all(|b| b.is_ascii_digit()))
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey(files: &[&str], manifest: Option<&[&str]>) -> Survey {
        Survey {
            files: files.iter().map(|f| (*f).to_owned()).collect(),
            inodes: BTreeMap::new(),
            empty_dirs: Vec::new(),
            manifest: manifest.map(|m| m.iter().map(|f| (*f).to_owned()).collect()),
            manifest_text: None,
        }
    }

    fn outputs() -> BTreeSet<&'static str> {
        [
            "index.html",
            "404.html",
            "static/style.css",
            "2023/index.html",
            "2023/504001/a/index.html",
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn the_manifest_reads_back_and_refuses_what_is_not_a_path() {
        let text = render(["b.html", "a/index.html"]);
        assert!(text.starts_with(HEADER));
        assert_eq!(
            parse(&text).unwrap(),
            ["a/index.html", "b.html"].map(str::to_owned).into()
        );
        let hostile = format!("{HEADER}\n../../etc/passwd\n/etc/passwd\nok.html\n");
        assert_eq!(parse(&hostile).unwrap(), ["ok.html".to_owned()].into());
        assert!(parse("index.html\n").is_none(), "no header, no manifest");
    }

    #[test]
    fn a_hand_made_site_is_refused_unless_forced() {
        let out = Path::new("docs");
        let hand_made = || survey(&["index.html", "CNAME", "guide.html"], None);
        let error = decide(out, &mut hand_made(), &outputs(), false).unwrap_err();
        assert!(matches!(error, Error::OutputNotOwned { .. }), "{error}");
        let forced = decide(out, &mut hand_made(), &outputs(), true).unwrap();
        assert!(forced.owned.is_empty());
        assert_eq!(forced.foreign, ["CNAME", "guide.html"]);
    }

    #[test]
    fn dot_files_alone_and_an_earlier_build_are_accepted() {
        let out = Path::new("public");
        let mut git = survey(&[".git/HEAD", ".nojekyll"], None);
        let ownership = decide(out, &mut git, &outputs(), false).unwrap();
        assert_eq!(ownership.foreign, [".git/HEAD", ".nojekyll"]);
        let mut earlier = survey(
            &[
                ".git/HEAD",
                "404.html",
                "index.html",
                "static/style.css",
                "2022/index.html",
                "search/0.js",
            ],
            None,
        );
        let ownership = decide(out, &mut earlier, &outputs(), false).unwrap();
        assert!(ownership.owned.contains("2022/index.html"));
        assert_eq!(ownership.foreign, [".git/HEAD"]);
    }

    #[test]
    fn a_file_of_the_users_in_the_way_is_refused() {
        let out = Path::new("public");
        let listed: &[&str] = &["index.html"];
        for mine in ["2023/index.html", "2023", "2023/504001/a/index.html/x"] {
            let folder = || survey(&["index.html", mine], Some(listed));
            let error = decide(out, &mut folder(), &outputs(), false).unwrap_err();
            assert!(matches!(error, Error::OutputNotOwned { .. }), "{mine}");
            let forced = decide(out, &mut folder(), &outputs(), true).unwrap();
            assert!(forced.owned.contains("index.html"), "{mine}");
            assert!(forced.foreign.is_empty(), "{mine}");
        }
        let mut beside = survey(&["index.html", "2023/notes.txt"], Some(listed));
        let ownership = decide(out, &mut beside, &outputs(), false).unwrap();
        assert_eq!(ownership.foreign, ["2023/notes.txt"]);
    }
}
