//! The Atom feeds ([RFC 4287](https://www.rfc-editor.org/rfc/rfc4287)):
//! `feed.xml` for the site and `<year>/feed.xml` for each budget year,
//! listing new and corrected disclosures, newest first.
//!
//! One entry per project. Its `<published>` is the project's 发布日期
//! (its own, else the site's `[publication] published`); its `<updated>`
//! is its latest revision's date, or the 发布日期 when it has none, so a
//! correction brings the project back to the top of the feed and a
//! reader shows it as updated (same id, newer `<updated>`). Dates are
//! days; RFC 3339 wants a time, so a day is written as its start in China
//! Standard Time, `T00:00:00+08:00`. A project with no readable date is
//! left out (`check` reports it as `feed-undated`): placing it in time
//! would mean inventing a date.
//!
//! An entry's `<id>` is the absolute URL of the project's page. It is
//! unique, needs no registry, and stays the same for as long as the page
//! does: the identity of a project within a year is its department and
//! file name, which is exactly its URL. (A `tag:` URI would be no more
//! stable: it needs the same domain, plus a date that no content gives.)
//!
//! A feed lists the [`Feeds::entries`](crate::config::Feeds) most recent
//! (100 by default): ordered by `<updated>`, newest first, then by
//! department, year and file name, so equal days keep one order in every
//! build. The feed's own `<updated>` is its newest entry's. A feed without
//! any dated entry has nothing to date it by, and Atom requires a date:
//! it says `1970-01-01T00:00:00Z`, the conventional "never", which no
//! reader can take for news.
//!
//! An entry's summary names its latest revision: date, kind (勘误 or
//! 调整, when stated), what changed and the basis, so that a correction
//! is visible in a reader without opening the page.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Feed, element, path, title, url, xml};
use crate::config::BaseUrl;
use crate::model::date::{Date, Dates};
use crate::model::{Project, Revision, RevisionKind, Site};
use crate::render::plan::{self, PageKind};
use crate::render::views::revisions::kind_words;

const NEVER: &str = "1970-01-01T00:00:00Z";

/// The feed of `year`, or of the whole site for `None`.
pub(super) fn render(
    site: &Site,
    base: &BaseUrl,
    year: Option<u16>,
    strings: &BTreeMap<String, String>,
) -> String {
    let string = |key: &str, default: &'static str| {
        strings.get(key).map_or(default, String::as_str).to_owned()
    };
    let config = &site.config;
    let entries = newest(site, year, config.feeds.entries);
    let page = match year {
        Some(y) => PageKind::Year(y),
        None => PageKind::Index,
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml(&mut out, &config.language);
    out.push_str("\">\n");
    let own = url(base, &path(&Feed::Atom(year)));
    element(&mut out, "id", &own);
    element(&mut out, "title", &title(site, year, strings));
    if let Some(description) = &config.description {
        element(&mut out, "subtitle", description);
    }
    let updated = entries.first().map(|e| e.updated.rfc3339());
    element(&mut out, "updated", updated.as_deref().unwrap_or(NEVER));
    link(&mut out, "self", "application/atom+xml", &own);
    link(
        &mut out,
        "alternate",
        "text/html",
        &url(base, &plan::href_of(&page)),
    );
    out.push_str("<author>\n");
    let author = config.footer.organizer.as_deref().unwrap_or(&config.title);
    element(&mut out, "name", author);
    out.push_str("</author>\n");
    out.push_str("<generator>gongkai</generator>\n");
    let year_suffix = string("year_suffix", "年");
    let last_updated = string("last_updated", "上次更新");
    for entry in &entries {
        let project = entry.project;
        let href = url(base, &plan::href_of(&PageKind::Project(project.key())));
        let department = site
            .department(&project.department)
            .map_or(project.department.as_str(), |d| d.name.as_str());
        out.push_str("<entry>\n");
        element(&mut out, "id", &href);
        element(&mut out, "title", &project.name);
        link(&mut out, "alternate", "text/html", &href);
        if let Some(published) = entry.dates.published {
            element(&mut out, "published", &published.rfc3339());
        }
        element(&mut out, "updated", &entry.updated.rfc3339());
        out.push_str("<author>\n");
        element(&mut out, "name", department);
        out.push_str("</author>\n");
        let mut summary = format!("{department} · {}{year_suffix}", project.year);
        if let Some((_, revision)) = entry.dates.revised {
            summary.push_str(&revised(revision, &last_updated, strings));
        }
        element(&mut out, "summary", &summary);
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The summary's account of the latest revision: ` · 上次更新：2023-05-10
/// 调整（…；依据：…）`. The kind is named when the file states it; the
/// basis when it is given (an adjustment without one says so, as its page
/// does), so a collector sees a correction and an approved change apart.
fn revised(revision: &Revision, last_updated: &str, strings: &BTreeMap<String, String>) -> String {
    let mut text = format!(" · {last_updated}：{}", revision.date.trim());
    if revision.kind.is_some() {
        let (_, kind) = kind_words(revision.kind, strings);
        let _ = write!(text, " {kind}");
    }
    let _ = write!(text, "（{}", revision.note.trim());
    let basis = revision
        .basis
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty());
    let word = |key: &str, default: &'static str| {
        strings.get(key).map_or(default, String::as_str).to_owned()
    };
    match (basis, revision.kind) {
        (Some(basis), _) => {
            let _ = write!(text, "；{}：{basis}", word("revision_basis", "依据"));
        }
        (None, Some(RevisionKind::Adjustment)) => {
            let _ = write!(
                text,
                "；{}：{}",
                word("revision_basis", "依据"),
                word("revision_unstated", "未注明")
            );
        }
        _ => {}
    }
    text.push('）');
    text
}

/// A project in a feed, with its dates read once.
struct Entry<'a> {
    project: &'a Project,
    dates: Dates<'a>,
    updated: Date,
}

/// The `limit` most recently updated dated projects of `year` (all years
/// for `None`), newest first; equal days in the projects' own order
/// (department, year, file name).
fn newest(site: &Site, year: Option<u16>, limit: usize) -> Vec<Entry<'_>> {
    let published = site.config.publication.published.as_deref();
    let mut entries: Vec<Entry> = site
        .projects
        .iter()
        .filter(|p| year.is_none_or(|y| p.year == y))
        .filter_map(|p| {
            let dates = Dates::of(p, published);
            Some(Entry {
                project: p,
                updated: dates.updated()?,
                dates,
            })
        })
        .collect();
    // `site.projects` is in key order already, so a stable sort by day
    // alone keeps that order among equal days.
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    entries.truncate(limit);
    entries
}

fn link(out: &mut String, rel: &str, kind: &str, href: &str) {
    let _ = write!(out, "<link rel=\"{rel}\" type=\"{kind}\" href=\"");
    xml(out, href);
    out.push_str("\"/>\n");
}
