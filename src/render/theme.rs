//! Themes: templates, static files and UI strings.
//!
//! The default theme is compiled into the binary, so a new site builds with
//! no theme folder at all. A site overrides any single file by putting its
//! own copy at the same place under `themes/<name>/` (`templates/x.html`,
//! `static/x.css`, `i18n/<language>.toml`); everything it does not override
//! falls back to the embedded copy. UI strings merge key by key, so a
//! translation may be partial.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::layout::{DEFAULT_THEME, THEMES_DIR, is_editor_artifact, is_hidden};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $name)))),*]
    };
}

/// Every file of the default theme, by its path inside the theme folder.
/// A test checks this list against the folder, so a new file cannot be
/// forgotten here.
pub(crate) static EMBEDDED: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/index.html",
    "templates/department.html",
    "templates/department_year.html",
    "templates/year.html",
    "templates/department_table.html",
    "templates/chart_bar.html",
    "templates/chart_marks.html",
    "templates/evaluation.html",
    "templates/evaluation_totals.html",
    "templates/evaluation_totals_cells.html",
    "templates/history.html",
    "templates/open_data.html",
    "templates/downloads.html",
    "templates/project.html",
    "templates/project_facts.html",
    "templates/project_tables.html",
    "templates/disclosure_panel.html",
    "templates/cms_fragment.html",
    "templates/page.html",
    "templates/404.html",
    "templates/search.html",
    "templates/search_attrs.html",
    "templates/revisions.html",
    "templates/superseded_links.html",
    "templates/corrections.html",
    "templates/verify.html",
    "static/style.css",
    "static/search.js",
    "i18n/zh-CN.toml",
];

/// A resolved theme: embedded defaults with the site's overrides applied.
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// Template name (such as `project.html`) to source.
    pub templates: BTreeMap<String, String>,
    /// Static file path under `static/` to bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// UI string key to text, for the site's language.
    pub strings: BTreeMap<String, String>,
}

impl Theme {
    /// Resolves the theme `config.theme` for the site at `root`.
    pub(crate) fn load(root: &Path, config: &Config) -> Result<Theme> {
        let dir = root.join(THEMES_DIR).join(&config.theme);
        if config.theme != DEFAULT_THEME && !dir.is_dir() {
            return Err(Error::Template {
                name: config.theme.clone(),
                message: crate::t!("theme-missing", path = dir.display()),
            });
        }
        let mut files: BTreeMap<String, Vec<u8>> = EMBEDDED
            .iter()
            .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
            .collect();
        let default_strings = parse_strings("i18n/zh-CN.toml", &files["i18n/zh-CN.toml"])?;
        for (name, path) in override_files(&dir)? {
            // Like content, a theme file must come from inside the site:
            // a linked-in `/etc/passwd` would otherwise be published.
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let bytes = crate::source::read_inside(root, rel).map_err(|e| match e {
                crate::source::ReadError::Io(e) => Error::read(&path, e),
                crate::source::ReadError::Outside => Error::Template {
                    name: rel.display().to_string(),
                    message: crate::t!("link-outside"),
                },
                crate::source::ReadError::NotRegular => Error::Template {
                    name: rel.display().to_string(),
                    message: crate::t!("file-type"),
                },
            })?;
            files.insert(name, bytes);
        }
        Theme::from_files(files, default_strings, &config.language)
    }

    fn from_files(
        files: BTreeMap<String, Vec<u8>>,
        mut strings: BTreeMap<String, String>,
        language: &str,
    ) -> Result<Theme> {
        let mut theme = Theme::default();
        let wanted = format!("i18n/{language}.toml");
        for (name, bytes) in files {
            if let Some(template) = name.strip_prefix("templates/") {
                let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                    name: template.to_owned(),
                    message: crate::t!("template-not-utf8"),
                })?;
                theme.templates.insert(template.to_owned(), text);
            } else if let Some(file) = name.strip_prefix("static/") {
                theme.statics.insert(file.to_owned(), bytes);
            } else if name == wanted || name == "i18n/zh-CN.toml" {
                // The chosen language's keys override the Chinese defaults.
                let parsed = parse_strings(&name, &bytes)?;
                if name == wanted {
                    strings.extend(parsed);
                }
            }
        }
        theme.strings = strings;
        Ok(theme)
    }
}

/// The files of a site's theme folder, keyed like [`EMBEDDED`], skipping
/// hidden files and editor clutter.
///
/// Symbolic links are followed, as in `content/`: a link to a template
/// elsewhere in the site is an override like any other (it was once
/// skipped without a word), and one that leaves the site is refused when
/// it is read. A link to nothing, or a loop, is an error naming it, never
/// passed over.
fn override_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    let name_of = |path: &Path| {
        let rel = path.strip_prefix(dir).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    };
    let skipped = |name: &str| {
        name.split('/').any(is_hidden) || name.rsplit('/').next().is_some_and(is_editor_artifact)
    };
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let name = e.path().map(name_of).unwrap_or_default();
                if skipped(&name) || e.path().is_some_and(|p| p == dir) {
                    continue;
                }
                return Err(Error::Template {
                    name,
                    message: crate::t!("theme-file-unreadable", error = e),
                });
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = name_of(entry.path());
        if !skipped(&name) {
            files.push((name, entry.path().to_path_buf()));
        }
    }
    Ok(files)
}

fn parse_strings(name: &str, bytes: &[u8]) -> Result<BTreeMap<String, String>> {
    let fail = |message: String| Error::Template {
        name: name.to_owned(),
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|_| fail(crate::t!("template-not-utf8")))?;
    toml::from_str(text).map_err(|e| {
        // The error's own rendering quotes the whole line, which may be a
        // megabyte long: the place and the reason are enough.
        let location = crate::source::location_of(text, e.span().map_or(0, |s| s.start));
        fail(crate::t!(
            "theme-strings-error",
            line = location.line,
            column = location.column,
            reason = e.message()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = override_files(&dir)
            .unwrap()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        let mut embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_override_is_used_and_a_broken_link_named() {
        let dir = tempfile::tempdir().unwrap();
        let theme_dir = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&theme_dir).unwrap();
        std::fs::write(dir.path().join("shared.html"), "linked").unwrap();
        std::os::unix::fs::symlink("../../../shared.html", theme_dir.join("page.html")).unwrap();
        let theme = Theme::load(dir.path(), &Config::new("t")).unwrap();
        assert_eq!(theme.templates["page.html"], "linked");
        std::os::unix::fs::symlink("../../../nothing.html", theme_dir.join("404.html")).unwrap();
        match Theme::load(dir.path(), &Config::new("t")) {
            Err(Error::Template { name, .. }) => assert_eq!(name, "templates/404.html"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn overrides_replace_single_files() {
        let dir = tempfile::tempdir().unwrap();
        let theme_dir = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&theme_dir).unwrap();
        std::fs::write(theme_dir.join("page.html"), "custom").unwrap();
        let theme = Theme::load(dir.path(), &Config::new("t")).unwrap();
        assert_eq!(theme.templates["page.html"], "custom");
        assert!(theme.templates["project_tables.html"].contains("caption"));
        assert!(theme.statics.contains_key("style.css"));
        assert!(theme.strings.contains_key("skip_link"));
    }
}
