//! Site-level rules about the sitemap and the Atom feeds (see
//! [`crate::render::feeds`]).
//!
//! Without `[feeds] base_url` nothing is made, and one note says so
//! (`feeds-no-base-url`): a sitemap of relative URLs would be invalid, and
//! guessing the address would publish a wrong one. With it, the feeds are
//! dated only from what the content says, never from the build's clock, so
//! the rules name what they cannot use: a date they cannot read
//! (`feed-date-unreadable`, a warning: the owner most likely meant a date)
//! and a project with no date at all, which the feeds leave out
//! (`feed-undated`, a note: an undated table is legal, only not news).
//! They run with the other site-level rules, in a full check and after
//! every incremental rebuild alike.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::model::date::{Date, Dates};

use super::history::site_rule_level;

/// The findings of the feed rules on `site`, at the levels its `[check]`
/// sets.
pub(crate) fn check_feeds(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let level = |id: &str| site_rule_level(id, &config.check);
    let mut out = Vec::new();
    if config.feeds.base_url.is_none() {
        if let Some(severity) = level("feeds-no-base-url") {
            out.push(
                Diagnostic::new(
                    severity,
                    "feeds-no-base-url",
                    crate::config::FILE_NAME,
                    crate::t!("feeds-no-base-url"),
                )
                .help(crate::t!("feeds-no-base-url-help")),
            );
        }
        return out;
    }
    let unreadable = |text: &str| !text.trim().is_empty() && Date::parse(text).is_none();
    let site_published = config.publication.published.as_deref();
    if let Some(severity) = level("feed-date-unreadable") {
        let finding = |file: &std::path::Path, field: String, text: &str| {
            Diagnostic::new(
                severity,
                "feed-date-unreadable",
                file,
                crate::t!("feed-date-unreadable", text = text.trim()),
            )
            .field(field)
            .help(crate::t!("feed-date-unreadable-help"))
        };
        if let Some(text) = site_published.filter(|t| unreadable(t)) {
            out.push(finding(
                std::path::Path::new(crate::config::FILE_NAME),
                "publication.published".to_owned(),
                text,
            ));
        }
        for project in &site.projects {
            if let Some(text) = project.published.as_deref().filter(|t| unreadable(t)) {
                out.push(finding(&project.source, "published".to_owned(), text));
            }
            for (i, revision) in project.revisions.iter().enumerate() {
                if unreadable(&revision.date) {
                    let field = format!("revisions[{i}].date");
                    out.push(finding(&project.source, field, &revision.date));
                }
            }
        }
    }
    if let Some(severity) = level("feed-undated") {
        for project in &site.projects {
            if Dates::of(project, site_published).updated().is_none() {
                out.push(
                    Diagnostic::new(
                        severity,
                        "feed-undated",
                        &project.source,
                        crate::t!("feed-undated"),
                    )
                    .help(crate::t!("feed-undated-help")),
                );
            }
        }
    }
    out
}
