//! The site's shape on disk: every folder and file name gongkai gives a
//! meaning to, and what a path under the root is.
//!
//! A site is `site.toml`, `content/` (one folder per department with its
//! `_department.yaml` and project files, plus `pages/`), optional
//! `themes/<name>/` overrides, and an output folder (`public/` unless
//! configured). Loading, watching, writing, theming and `init` all ask this
//! module instead of spelling the names themselves, so a new kind of source
//! (downloads, imports) is added in one place. `classify` says what a file
//! under `content/` is; `change_kind` says, as Zola's `ChangeKind` does,
//! what a changed path means for a rebuild; [`OutputPath`] is the one safe
//! spelling of a file inside the output folder. This module reads nothing
//! from disk and imports nothing from the rest of the crate.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// The site configuration, relative to the site root.
pub(crate) const CONFIG_FILE: &str = "site.toml";
/// The content folder, relative to the site root.
pub(crate) const CONTENT_DIR: &str = "content";
/// The folder of Markdown pages, relative to the content folder.
pub(crate) const PAGES_DIR: &str = "pages";
/// The file that makes a folder a department.
pub(crate) const DEPARTMENT_FILE: &str = "_department.yaml";
/// What ends the name of a project's 绩效自评 file, beside the project's
/// `<slug>.yaml` (see [`crate::model::evaluation`]).
pub(crate) const EVALUATION_SUFFIX: &str = ".evaluation.yaml";
/// The folder of themes, relative to the site root.
pub(crate) const THEMES_DIR: &str = "themes";
/// The theme compiled into the binary.
pub(crate) const DEFAULT_THEME: &str = "default";
/// Where `build` writes when `site.toml` does not say, relative to the root.
pub(crate) const DEFAULT_OUTPUT_DIR: &str = "public";
/// The source folders watched recursively, relative to the root.
pub(crate) const WATCHED_DIRS: [&str; 2] = [CONTENT_DIR, THEMES_DIR];

/// What a file under `content/` is, judged by its place and name alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SourceKind {
    /// `content/<folder>/_department.yaml`.
    Department,
    /// A `.yaml` file inside `content/<folder>/`, at any depth.
    Project { folder: PathBuf },
    /// A `<slug>.evaluation.yaml` beside a project file: the project's
    /// 绩效自评, read together with it (see [`project_of_evaluation`]).
    Evaluation,
    /// `content/pages/<slug>.md`.
    Page,
    /// A file that looks like content but sits where it cannot be used;
    /// the text is the catalogue key of the reason (see [`crate::i18n`]).
    Misplaced(&'static str),
    /// A file in a folder that holds only content, such as an image in
    /// `content/pages/`, which nothing uses: reported as a warning, so
    /// that no file there is passed over without a word.
    Unused(&'static str),
    /// Not content: editor backups, hidden files, images and the like.
    Ignored,
}

/// The names of a path's parts below `content/`; `None` outside it.
fn content_parts(rel: &Path) -> Option<Vec<&str>> {
    let inside = rel.strip_prefix(CONTENT_DIR).ok()?;
    Some(
        inside
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect(),
    )
}

/// Classifies a path relative to the site root.
pub(crate) fn classify(rel: &Path) -> SourceKind {
    let Some(parts) = content_parts(rel) else {
        return SourceKind::Ignored;
    };
    let Some(name) = parts.last() else {
        return SourceKind::Ignored;
    };
    if parts.iter().any(|p| is_hidden(p)) || is_editor_artifact(name) {
        return SourceKind::Ignored;
    }
    let extension = Path::new(name).extension().and_then(|e| e.to_str());
    let is = |wanted: &[&str]| {
        extension.is_some_and(|e| wanted.iter().any(|w| w.eq_ignore_ascii_case(e)))
    };
    match (parts.as_slice(), extension) {
        ([PAGES_DIR, _], Some("md")) => SourceKind::Page,
        ([PAGES_DIR, ..], _) if is(&["md", "markdown", "mdown", "mkd", "mkdn"]) => {
            SourceKind::Misplaced(match parts.len() {
                2 => "misplaced-page-extension",
                _ => "misplaced-page-folder",
            })
        }
        ([PAGES_DIR, ..], _) if is(&["yaml", "yml"]) => {
            SourceKind::Misplaced("misplaced-page-yaml")
        }
        ([PAGES_DIR, ..], _) => SourceKind::Unused("unused-in-pages"),
        (_, Some("yml")) => SourceKind::Misplaced("misplaced-yml"),
        ([_], Some("yaml")) => SourceKind::Misplaced("misplaced-outside-department"),
        ([_, file], Some("yaml")) if *file == DEPARTMENT_FILE => SourceKind::Department,
        ([_, .., file], Some("yaml")) if file.ends_with(EVALUATION_SUFFIX) => {
            SourceKind::Evaluation
        }
        ([folder, ..], Some("yaml")) => SourceKind::Project {
            folder: Path::new(CONTENT_DIR).join(folder),
        },
        _ => SourceKind::Ignored,
    }
}

/// What a changed path (relative to the root) means for a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    /// `site.toml`.
    Config,
    /// Anything under `themes/`.
    Theme,
    /// A `_department.yaml`.
    Department,
    /// A project file; only it needs reading again.
    Project,
    /// A project's 绩效自评 file: its project is read again with it.
    Evaluation,
    /// A Markdown page.
    Page,
    /// A PDF or image in a department folder, which a project may attach:
    /// the projects naming it are read again.
    Attachment,
    /// A content file in a place where it cannot be used (it is reported).
    Misplaced,
    /// A folder under `content/` that appeared or vanished, taking whole
    /// departments or projects with it.
    ContentFolder,
    /// Editor clutter, hidden files, or anything outside the sources.
    Ignored,
}

/// Classifies one changed path. `is_folder` tells a folder (whose
/// appearance or removal can add or remove whole departments) from a stray
/// file such as an editor's temporary copy, which has usually been renamed
/// away by the time the change is seen.
pub(crate) fn change_kind(rel: &Path, is_folder: impl Fn(&Path) -> bool) -> ChangeKind {
    if rel == Path::new(CONFIG_FILE) {
        return ChangeKind::Config;
    }
    if rel.starts_with(THEMES_DIR) {
        return ChangeKind::Theme;
    }
    match classify(rel) {
        SourceKind::Department => ChangeKind::Department,
        SourceKind::Project { .. } => ChangeKind::Project,
        SourceKind::Evaluation => ChangeKind::Evaluation,
        SourceKind::Page => ChangeKind::Page,
        SourceKind::Misplaced(_) | SourceKind::Unused(_) => ChangeKind::Misplaced,
        SourceKind::Ignored if rel.starts_with(CONTENT_DIR) && is_folder(rel) => {
            ChangeKind::ContentFolder
        }
        SourceKind::Ignored if is_attachment_candidate(rel) => ChangeKind::Attachment,
        SourceKind::Ignored => ChangeKind::Ignored,
    }
}

/// The 绩效自评 file of the project file `project` (both relative to the
/// root): `<slug>.evaluation.yaml` beside `<slug>.yaml`.
pub(crate) fn evaluation_of(project: &Path) -> PathBuf {
    let stem = project.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    project.with_file_name(format!("{stem}{EVALUATION_SUFFIX}"))
}

/// The project file an evaluation file belongs to: the inverse of
/// [`evaluation_of`]; `None` when `evaluation` is not named like one.
pub(crate) fn project_of_evaluation(evaluation: &Path) -> Option<PathBuf> {
    let name = evaluation.file_name()?.to_str()?;
    let stem = name.strip_suffix(EVALUATION_SUFFIX)?;
    Some(evaluation.with_file_name(format!("{stem}.yaml")))
}

/// The project file a source file belongs to: an evaluation's project
/// file, else the file itself. Rebuilds, the build cache and the check
/// cache all key a project's files by it.
pub(crate) fn owning_project(rel: &Path) -> PathBuf {
    project_of_evaluation(rel).unwrap_or_else(|| rel.to_path_buf())
}

/// The extensions an attachment may have (compared ignoring case). `ofd`
/// is among them only so that its change is noticed and its refusal, with
/// the way to a PDF, is reported as soon as it is saved.
pub(crate) const ATTACHMENT_EXTENSIONS: [&str; 5] = ["pdf", "png", "jpg", "jpeg", "ofd"];

/// Where the attachment `file` of the project file `project` (both relative
/// to the root, `file` to the project's folder) lies, relative to the root.
pub(crate) fn attachment_source(project: &Path, file: &str) -> PathBuf {
    project.parent().unwrap_or(Path::new("")).join(file)
}

/// True for a file in a department folder that could be a project's
/// attachment: its extension is one of [`ATTACHMENT_EXTENSIONS`], and it is
/// neither hidden nor an editor's artifact nor under `pages/`.
fn is_attachment_candidate(rel: &Path) -> bool {
    let Some(parts) = content_parts(rel) else {
        return false;
    };
    let [first, .., name] = parts.as_slice() else {
        return false;
    };
    let extension = Path::new(name).extension().and_then(|e| e.to_str());
    *first != PAGES_DIR
        && !parts.iter().any(|p| is_hidden(p) || is_editor_artifact(p))
        && extension.is_some_and(|e| {
            ATTACHMENT_EXTENSIONS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(e))
        })
}

/// True for a path (relative to the root) whose change can affect the
/// site and is worth waking a watcher for: `site.toml`, or anything under
/// `content/` or `themes/` that is not hidden and not an editor's temporary
/// or backup file. Folders count, so their appearance is noticed.
pub(crate) fn is_source_path(rel: &Path) -> bool {
    let mut parts = rel.components().map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    let Some(Some(first)) = parts.next() else {
        return false;
    };
    let mut rest = parts.peekable();
    if first == CONFIG_FILE {
        return rest.peek().is_none();
    }
    if !WATCHED_DIRS.contains(&first) {
        return false;
    }
    rest.all(|part| part.is_some_and(|p| !is_hidden(p) && !is_editor_artifact(p)))
}

/// True for a name that is never content and is passed over before it is
/// even looked at: hidden entries and editor artifacts. An Emacs lock file
/// (`.#x.yaml`) is a dangling symbolic link, so it must be skipped by name,
/// before following it could fail.
pub fn is_ignored_name(name: &str) -> bool {
    is_hidden(name) || is_editor_artifact(name)
}

/// True for a dot-file or dot-folder name, which is never a source.
pub(crate) fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// True for the temporary and backup files editors leave beside the file
/// being saved: vim's `.swp`/`~`/`4913`, Emacs's `.#x` and `#x#`, JetBrains'
/// `___jb_tmp___`, and generic `.tmp`. Loading, themes and watching all
/// ignore the same set.
pub(crate) fn is_editor_artifact(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
        || name == "4913"
}

/// The file in the output root that lists every file gongkai wrote there;
/// only those are ever replaced or removed (see `write::manifest`).
pub(crate) const OUTPUT_MANIFEST: &str = ".gongkai-manifest";

/// `.<name>.gongkai-<what>` beside `dir`: hidden, on the same file system
/// (so renames are atomic) and never inside the output itself. A full
/// build stages the new site in `staging_dir(out_dir, "staging")`, an
/// incremental one its files in `"update"`; `"lock"` is the lock file and
/// `"old"` the old site while a swap without `renameat2` is under way.
pub(crate) fn staging_dir(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| DEFAULT_OUTPUT_DIR.to_owned());
    dir.with_file_name(format!(".{name}.gongkai-{what}"))
}

/// The longest file or folder name an output may have, in bytes: the 255
/// that file systems allow, less a margin for a hidden sibling that marks
/// it (`.<name>.gongkai-tmp`), so that no rename of the write phase can
/// fail on a name that check passed.
pub(crate) const MAX_OUTPUT_NAME: usize = 255 - ".".len() - ".gongkai-tmp".len();

/// A relative output path with `/` separators and only normal components.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutputPath(String);

impl OutputPath {
    /// Accepts a relative path made only of normal components; `None` for
    /// anything with `..`, a root, a drive prefix or an empty segment.
    pub fn new(path: &str) -> Option<OutputPath> {
        let ok = !path.is_empty()
            && !path.contains('\\')
            && path
                .split('/')
                .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
            && Path::new(path)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        ok.then(|| OutputPath(path.to_owned()))
    }

    /// The path as a `/`-separated string, as used in URLs and reports.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its longest file or folder name, which must fit in
    /// [`MAX_OUTPUT_NAME`] bytes to be written.
    pub(crate) fn longest_name(&self) -> &str {
        self.0
            .split('/')
            .max_by_key(|s| s.len())
            .unwrap_or_default()
    }

    /// The path under `dir`.
    pub fn under(&self, dir: &Path) -> PathBuf {
        dir.join(&self.0)
    }

    /// The relative prefix from this file back to the site root, such as
    /// `../../` for `2023/504001/index.html`.
    pub(crate) fn root_prefix(&self) -> String {
        "../".repeat(self.0.matches('/').count())
    }
}

impl fmt::Display for OutputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let k = |p: &str| classify(Path::new(p));
        assert_eq!(k("content/504001/_department.yaml"), SourceKind::Department);
        assert_eq!(
            k("content/504001/2023/a.yaml"),
            SourceKind::Project {
                folder: PathBuf::from("content/504001")
            }
        );
        assert_eq!(k("content/pages/about.md"), SourceKind::Page);
        for stray in [
            "content/pages/b.MD",
            "content/pages/c.markdown",
            "content/pages/d.yaml",
            "content/pages/sub/e.md",
        ] {
            assert!(matches!(k(stray), SourceKind::Misplaced(_)), "{stray}");
        }
        assert!(matches!(k("content/pages/logo.png"), SourceKind::Unused(_)));
        assert_eq!(k("content/pages/.about.md.swp"), SourceKind::Ignored);
        assert!(matches!(k("content/a.yaml"), SourceKind::Misplaced(_)));
        assert!(matches!(
            k("content/504001/a.yml"),
            SourceKind::Misplaced(_)
        ));
        assert_eq!(k("content/504001/.a.yaml.swp"), SourceKind::Ignored);
        assert_eq!(k("content/504001/a.yaml~"), SourceKind::Ignored);
        assert_eq!(k("content/504001/4913"), SourceKind::Ignored);
        assert_eq!(k("content/504001/a.yaml___jb_tmp___"), SourceKind::Ignored);
    }

    #[test]
    fn change_kinds() {
        let folders = [Path::new("content/504002")];
        let k = |p: &str| change_kind(Path::new(p), |p| folders.contains(&p));
        assert_eq!(k("site.toml"), ChangeKind::Config);
        assert_eq!(k("themes/default/templates/base.html"), ChangeKind::Theme);
        assert_eq!(k("content/504001/_department.yaml"), ChangeKind::Department);
        assert_eq!(k("content/504001/a.yaml"), ChangeKind::Project);
        assert_eq!(k("content/pages/about.md"), ChangeKind::Page);
        assert_eq!(k("content/a.yaml"), ChangeKind::Misplaced);
        assert_eq!(k("content/504002"), ChangeKind::ContentFolder);
        assert_eq!(k("content/504001/sedqd1uYU"), ChangeKind::Ignored);
        assert_eq!(k("content/504001/原件.pdf"), ChangeKind::Attachment);
        assert_eq!(k("content/504001/scans/1.JPG"), ChangeKind::Attachment);
        assert_eq!(k("content/504001/.原件.pdf.swp"), ChangeKind::Ignored);
        assert_eq!(k("content/504001/.hidden.pdf"), ChangeKind::Ignored);
        assert_eq!(k("content/pages/a.pdf"), ChangeKind::Misplaced);
        assert_eq!(k("content/a.pdf"), ChangeKind::Ignored);
        assert_eq!(k("content/504001/a.docx"), ChangeKind::Ignored);
        assert_eq!(k("content/504001/.a.yaml.swp"), ChangeKind::Ignored);
        assert_eq!(k("public/index.html"), ChangeKind::Ignored);
    }

    #[test]
    fn source_paths() {
        let yes = |p: &str| is_source_path(Path::new(p));
        assert!(yes("site.toml"));
        assert!(yes("content"));
        assert!(yes("content/504001/a.yaml"));
        assert!(yes("content/504002"));
        assert!(yes("themes/default/templates/base.html"));
        assert!(!yes("site.toml/x"));
        assert!(!yes("public/index.html"));
        assert!(!yes("target/debug/gongkai"));
        assert!(!yes(".git/index"));
        assert!(!yes("README.md"));
        assert!(!yes("content/504001/.a.yaml.swp"));
        assert!(!yes("content/504001/a.yaml~"));
        assert!(!yes("content/504001/4913"));
        assert!(!yes("content/504001/a.yaml___jb_tmp___"));
        assert!(!yes("content/504001/.#a.yaml"));
        assert!(!yes("content/.hidden/a.yaml"));
        assert!(!yes(""));
    }

    #[test]
    fn output_paths_cannot_escape() {
        for bad in [
            "",
            "../x",
            "a/../b",
            "/etc/passwd",
            "a//b",
            "a\\b",
            "./a",
            "a/.",
        ] {
            assert!(OutputPath::new(bad).is_none(), "{bad}");
        }
        assert!(OutputPath::new("2023/504001/a/index.html").is_some());
    }
}
