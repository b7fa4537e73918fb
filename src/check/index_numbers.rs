//! `index-number-duplicate` and `index-number-missing`: the 索引号 of
//! every page, as [`crate::disclosure`] resolves it.
//!
//! An 索引号 identifies one disclosure in the portal's catalogue for good,
//! so two pages with one number would make the catalogue name two tables
//! as one: an error, reported on the later file in path order and naming
//! the earlier. A page whose number cannot be made (the template needs a
//! 项目编码 or `id` the file lacks) is a warning: the page says truthfully
//! that it has no number, and its figures are shown faithfully; but
//! `gongkai export --cms` refuses to bundle it, because a CMS would then
//! assign a number of its own that the site never shows.
//!
//! Site-level rules, like `project-duplicate`: a save can give another
//! file's number to a file that did not change.

use std::collections::HashMap;

use super::history::site_rule_level;
use crate::diagnostics::Diagnostic;
use crate::disclosure::{IndexNo, index_no};
use crate::model::{Project, Site};

/// The field of the project file that the 索引号 comes from, for the
/// finding's location.
fn source_field(p: &Project) -> Option<&'static str> {
    let set = |v: &Option<String>| v.as_deref().is_some_and(|t| !t.trim().is_empty());
    if set(&p.index_no) {
        Some("index_no")
    } else if set(&p.code) {
        Some("code")
    } else if set(&p.id) {
        Some("id")
    } else {
        None
    }
}

/// The findings of both rules on `site`, at the levels `[check.rules]` sets.
pub(super) fn index_numbers(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let duplicate = site_rule_level("index-number-duplicate", &config.check);
    let missing = site_rule_level("index-number-missing", &config.check);
    if duplicate.is_none() && missing.is_none() {
        return Vec::new();
    }
    let mut projects: Vec<&Project> = site.projects.iter().map(|p| &**p).collect();
    projects.sort_by(|a, b| a.source.cmp(&b.source));
    let mut first: HashMap<String, &Project> = HashMap::new();
    let mut out = Vec::new();
    for p in projects {
        match index_no(p, config) {
            IndexNo::Assigned(number) => {
                let Some(severity) = duplicate else { continue };
                match first.get(&number) {
                    // Same file twice under one URL is `duplicate-slug`'s.
                    Some(q) if q.key_parts() != p.key_parts() => {
                        let other = q.source.display();
                        let mut d = Diagnostic::new(
                            severity,
                            "index-number-duplicate",
                            &p.source,
                            crate::t!("index-number-duplicate", number = number, other = other),
                        )
                        .help(crate::t!("index-number-duplicate-help", other = other));
                        if let Some(field) = source_field(p) {
                            d = d.field(field);
                        }
                        out.push(d);
                    }
                    Some(_) => {}
                    None => {
                        first.insert(number, p);
                    }
                }
            }
            IndexNo::Missing(fields) => {
                let Some(severity) = missing else { continue };
                out.push(
                    Diagnostic::new(
                        severity,
                        "index-number-missing",
                        &p.source,
                        crate::t!("index-number-missing", fields = fields.join(", ")),
                    )
                    .field("name")
                    .help(crate::t!("index-number-missing-help")),
                );
            }
            IndexNo::NotUsed => {}
        }
    }
    out
}
