//! The plan's own checks: two outputs that would land on one path (a
//! department coded like a year), and output names too long to write.
//! Each finding points at the file the offending page comes from, so that
//! `check` and `build` report it alike.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Download, PageKind, Planned, plan};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::layout::CONFIG_FILE;
use crate::model::Site;
use crate::render::search::SearchFile;

/// The page plan, or an error naming two outputs that would collide.
/// `statics` are the theme's static file names.
pub(crate) fn checked_plan(site: &Site, statics: &[String]) -> Result<Vec<Planned>> {
    let plan = plan(site, statics);
    let mut errors = collision_errors(site, &plan);
    errors.extend(long_name_errors(site, &plan));
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(Error::Content(errors))
    }
}

/// Outputs with a file or folder name longer than
/// [`MAX_OUTPUT_NAME`](crate::layout::MAX_OUTPUT_NAME) bytes, which could
/// not be written: one error per source file, naming its longest such
/// name (a slug of 231 characters gives a 243-byte history file name).
pub(crate) fn long_name_errors(site: &Site, plan: &[Planned]) -> Diagnostics {
    let mut longest: BTreeMap<PathBuf, &str> = BTreeMap::new();
    for entry in plan {
        let name = entry.path.longest_name();
        if name.len() <= crate::layout::MAX_OUTPUT_NAME {
            continue;
        }
        let known = longest.entry(source_of(site, &entry.kind)).or_default();
        if name.len() > known.len() {
            *known = name;
        }
    }
    longest
        .into_iter()
        .map(|(source, name)| {
            let shown: String = name.chars().take(40).collect();
            let max = crate::layout::MAX_OUTPUT_NAME;
            let message = crate::t!(
                "output-name-too-long",
                name = format!("{shown}…"),
                bytes = name.len(),
                max = max
            );
            Diagnostic::error("file-name", source, message).help(crate::t!(
                "output-name-too-long-help",
                over = name.len() - max
            ))
        })
        .collect()
}

/// The outputs' paths collide: each pair as an error on the second
/// page's source, naming both pages.
pub(crate) fn collision_errors(site: &Site, plan: &[Planned]) -> Diagnostics {
    collisions(plan)
        .into_iter()
        .map(|(a, b)| {
            Diagnostic::error(
                "path-collision",
                source_of(site, &b.kind),
                crate::t!(
                    "path-collision",
                    first = describe(&a.kind),
                    second = describe(&b.kind),
                    path = a.path
                ),
            )
            .help(crate::t!("path-collision-help"))
        })
        .collect()
}

/// The file a page comes from, for pointing a finding at it; `site.toml`
/// for pages that come from no single file.
fn source_of(site: &Site, kind: &PageKind) -> PathBuf {
    match kind {
        PageKind::Department(code) | PageKind::DepartmentYear(code, _) => {
            site.department(code).map(|d| d.source.clone())
        }
        PageKind::Project(key)
        | PageKind::Download(Download::Project(key, _))
        | PageKind::Attachment(key, ..)
        | PageKind::Download(Download::History(key))
        | PageKind::SearchFile(SearchFile::Text(key)) => {
            site.project(key).map(|p| p.source.clone())
        }
        _ => None,
    }
    .unwrap_or_else(|| PathBuf::from(CONFIG_FILE))
}

/// A page as a reader of an error message knows it.
fn describe(kind: &PageKind) -> String {
    match kind {
        PageKind::Department(code) => crate::t!("page-department", code = code),
        PageKind::Year(year) => crate::t!("page-year", year = year),
        PageKind::Project(key) => crate::t!(
            "page-project",
            path = format!("{}/{}/{}", key.year, key.department, key.slug)
        ),
        other => format!("{other:?}"),
    }
}

/// The outputs whose paths collide, as (first, second) pairs. A department
/// code equal to a year, for instance, would put two pages at one path.
fn collisions(plan: &[Planned]) -> Vec<(&Planned, &Planned)> {
    let mut sorted: Vec<&Planned> = plan.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted
        .windows(2)
        .filter(|w| w[0].path == w[1].path)
        .map(|w| (w[0], w[1]))
        .collect()
}
