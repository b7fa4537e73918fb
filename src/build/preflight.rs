//! What a build refuses beyond the content, found without writing, so
//! that `gongkai check` passes only what `gongkai build` then builds.
//!
//! A build also loads the theme (every override must be readable, every
//! template must compile), plans the outputs (no two may share a path, no
//! name may be too long to write) and renders every page (a template can
//! fail on the data it is given). `check` once stopped after the content,
//! and passed a department coded `2023`, a 240-character file name and a
//! broken template that the build then refused. This module runs the same
//! steps (the same functions the build calls) and turns each failure into
//! a finding with its file, line and column. Rendering every page costs a
//! build's render pass, so it runs only when the site overrides a
//! template: the embedded theme is tested with the crate.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::history::History;
use crate::layout::{CONFIG_FILE, THEMES_DIR};
use crate::model::Site;
use crate::render::Renderer;
use crate::render::plan::{self, PageKind, Planned};
use crate::render::search::SearchIndex;
use crate::render::theme::Theme;
use crate::render::views::Sizes;

/// The findings of the build's own steps on `site`: theme, output plan
/// and, when the content has no errors and the theme overrides a
/// template, a render of every page in memory. Errors other than a
/// theme's (an unreadable folder) stop the check as they stop the build.
pub(super) fn findings(root: &Path, site: &Site, content_ok: bool) -> Result<Diagnostics> {
    let mut out = Diagnostics::default();
    let renderer = match Theme::load(root, &site.config).and_then(Renderer::new) {
        Ok(renderer) => Some(renderer),
        Err(Error::Template { name, message }) => {
            out.push(theme_finding(root, &site.config, &name, &message, None));
            None
        }
        Err(other) => return Err(other),
    };
    let statics = renderer
        .as_ref()
        .map(Renderer::static_files)
        .unwrap_or_default();
    let plan = plan::plan(site, &statics);
    out.extend(plan::collision_errors(site, &plan));
    out.extend(plan::long_name_errors(site, &plan));
    let overrides = has_template_overrides(root, &site.config);
    if let Some(renderer) = renderer.filter(|_| content_ok && out.is_empty() && overrides) {
        out.extend(render_all(root, site, &renderer, &plan));
    }
    Ok(out)
}

/// True when the site's theme folder has a `templates/` folder with a
/// file in it.
fn has_template_overrides(root: &Path, config: &Config) -> bool {
    let templates = root.join(THEMES_DIR).join(&config.theme).join("templates");
    walkdir::WalkDir::new(templates)
        .into_iter()
        .flatten()
        .any(|e| !e.file_type().is_dir())
}

/// Renders every HTML page of `plan` in memory, as a build would (the
/// downloads' sizes aside, which only change the text of links), and
/// reports the first failure of each template once.
fn render_all(root: &Path, site: &Site, renderer: &Renderer, plan: &[Planned]) -> Diagnostics {
    let sizes = Sizes::default();
    let search = SearchIndex::default();
    let history = History::of(site);
    let shared = renderer.shared(site, &sizes, &search, &history);
    let pages: Vec<&Planned> = plan.iter().filter(|p| is_template_page(&p.kind)).collect();
    let mut failures: Vec<(String, String, String)> = pages
        .par_iter()
        .filter_map(|page| match renderer.render(site, &shared, page) {
            Err(Error::Template { name, message }) => {
                Some((name, message, page.path.as_str().to_owned()))
            }
            _ => None,
        })
        .collect();
    failures.sort();
    failures.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    failures
        .into_iter()
        .map(|(name, message, page)| {
            theme_finding(root, &site.config, &name, &message, Some(&page))
        })
        .collect()
}

/// The outputs a template renders: pages, not downloads, static files,
/// attachments or the search index's data files.
fn is_template_page(kind: &PageKind) -> bool {
    !matches!(
        kind,
        PageKind::Static(_)
            | PageKind::Download(_)
            | PageKind::SearchFile(_)
            | PageKind::Attachment(..)
            | PageKind::Integrity(_)
    )
}

/// A theme error as a finding on the file concerned, at the line and
/// column the template engine or the TOML reader gives; `page` is the
/// page whose rendering failed, if it was a render.
fn theme_finding(
    root: &Path,
    config: &Config,
    name: &str,
    message: &str,
    page: Option<&str>,
) -> Diagnostic {
    let theme_dir = Path::new(THEMES_DIR).join(&config.theme);
    let (file, location) = match tera_place(message) {
        Some((template, location)) => (theme_dir.join("templates").join(template), Some(location)),
        None => {
            let file = [
                PathBuf::from(name),
                theme_dir.join(name),
                theme_dir.join("templates").join(name),
            ]
            .into_iter()
            .find(|f| f.starts_with(THEMES_DIR) && root.join(f).symlink_metadata().is_ok())
            .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
            let location = toml_place(root, &file);
            (file, location)
        }
    };
    // Tera's own rendering quotes the line with a caret: the snippet shows
    // it, so only the words are kept.
    let words: Vec<&str> = message
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim_start().starts_with("-->") && !l.trim_start().starts_with('|'))
        .filter(|l| {
            !l.trim().is_empty()
                && !l
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
        })
        .map(|l| {
            l.trim_start()
                .strip_prefix("error: ")
                .unwrap_or(l.trim_start())
        })
        .collect();
    let words = words.join(" ");
    let message = match page {
        Some(page) => crate::t!("theme-render-failed", page = page, message = words),
        None => crate::t!("theme-failed", message = words),
    };
    let help = if file == Path::new(CONFIG_FILE) {
        crate::t!("theme-missing-help")
    } else {
        crate::t!("error-template-help")
    };
    Diagnostic::error("theme", file, message)
        .at(location)
        .help(help)
}

/// The template and place of a Tera error, from its ` --> name:line:col`.
fn tera_place(message: &str) -> Option<(String, Location)> {
    let place = message
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = place.trim().rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let template = parts.next()?.to_owned();
    Some((template, Location { line, column }))
}

/// Where a theme's strings file fails to parse, read again from the file.
fn toml_place(root: &Path, file: &Path) -> Option<Location> {
    if file.extension().is_none_or(|e| e != "toml") {
        return None;
    }
    let text = std::fs::read_to_string(root.join(file)).ok()?;
    let error = toml::from_str::<toml::Table>(&text).err()?;
    Some(crate::source::location_of(&text, error.span()?.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_of_a_tera_error_is_read() {
        let message = "error: Variable `x` is not defined.\n --> project.html:3:14\n  |\n3 | {{ x }}\n  |    ^";
        assert_eq!(
            tera_place(message),
            Some((
                "project.html".to_owned(),
                Location {
                    line: 3,
                    column: 14
                }
            ))
        );
        assert_eq!(tera_place("no place"), None);
    }
}
