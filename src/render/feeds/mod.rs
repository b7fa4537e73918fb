//! Feeds for collectors and readers: `sitemap.xml` for search engines and
//! archives, an Atom feed per budget year and one for the whole site for
//! anyone who follows new and corrected disclosures, and `robots.txt`
//! pointing at the sitemap.
//!
//! All of them name absolute URLs, which the rest of the site avoids (it
//! links relatively, so it works under any sub-path and from `file://`).
//! So they exist only when `site.toml` states the site's address
//! (`[feeds] base_url`); without it the plan has none of them and `check`
//! says so (`feeds-no-base-url`). Like every output they are pure
//! functions of the loaded site: dates come from the content's 发布日期
//! and `revisions` (read by [`crate::model::date`]), never from the
//! clock, and every list has a fixed order, so two builds of one tree are
//! byte-identical and an incremental rebuild equals a clean one. Which
//! edits re-render which of them is decided in [`affected`], called from
//! the [page plan](super::plan). XML text goes through [`xml`], which
//! escapes markup and replaces the characters XML 1.0 cannot carry.

mod atom;
mod sitemap;

use std::collections::BTreeMap;
use std::fmt::Write;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::config::BaseUrl;
use crate::model::Site;
use crate::render::plan::{Change, PageKind};

pub(crate) use sitemap::MAX_URLS;

/// One of the feed outputs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Feed {
    /// `sitemap.xml`: every page, or, past [`MAX_URLS`] pages, the
    /// sitemap index naming the parts.
    Sitemap,
    /// `sitemap-<n>.xml` (from 1): the `n`th [`MAX_URLS`] pages, when
    /// they do not fit in one file.
    SitemapPart(usize),
    /// `feed.xml` for the whole site (`None`), `<year>/feed.xml` for one
    /// budget year, beside the year's `index.html`.
    Atom(Option<u16>),
    /// `robots.txt`, naming the sitemap.
    Robots,
}

/// The output path of `feed`, relative to the output folder.
pub(crate) fn path(feed: &Feed) -> String {
    match feed {
        Feed::Sitemap => "sitemap.xml".to_owned(),
        Feed::SitemapPart(n) => format!("sitemap-{n}.xml"),
        Feed::Atom(None) => "feed.xml".to_owned(),
        Feed::Atom(Some(year)) => format!("{year}/feed.xml"),
        Feed::Robots => "robots.txt".to_owned(),
    }
}

/// The feed outputs of `site`, whose HTML pages are `pages` (see
/// [`crate::render::plan::pages`]): none without a base URL. A year's
/// feed exists for every year with projects, dated entries or not, so
/// that the pages' links to it depend on the configuration alone (an
/// edit that dates or undates a project then changes no page's head).
pub(crate) fn kinds(site: &Site, pages: &[PageKind]) -> Vec<PageKind> {
    let config = &site.config.feeds;
    let Some(base) = &config.base_url else {
        return Vec::new();
    };
    let urls = pages.iter().filter(|k| in_sitemap(k)).count();
    let mut feeds = vec![Feed::Sitemap];
    feeds.extend((1..=sitemap::parts(urls, MAX_URLS)).map(Feed::SitemapPart));
    feeds.push(Feed::Atom(None));
    feeds.extend(site.years().into_iter().map(|y| Feed::Atom(Some(y))));
    if config.robots && base.is_host_root() {
        feeds.push(Feed::Robots);
    }
    feeds.into_iter().map(PageKind::Feed).collect()
}

/// True for the pages a sitemap lists: every HTML page but `404.html`,
/// which is no page of its own (the host serves it for missing ones).
fn in_sitemap(kind: &PageKind) -> bool {
    !matches!(kind, PageKind::NotFound)
}

/// Whether `change` alters `feed`. Any project or department edit can
/// add or remove a page or move a project's `<lastmod>`, so the sitemap
/// and all its parts are rendered again (a page added early shifts every
/// later part); it costs one pass over the page list. A year's feed shows
/// that year's projects and their departments' names; the site's feed
/// shows every project. `robots.txt` names only the configured address.
pub(crate) fn affected(feed: &Feed, change: &Change) -> bool {
    let any = !change.projects.is_empty() || !change.departments.is_empty();
    match feed {
        Feed::Sitemap | Feed::SitemapPart(_) | Feed::Atom(None) => any,
        Feed::Atom(Some(year)) => {
            !change.departments.is_empty() || change.projects.iter().any(|k| k.year == *year)
        }
        Feed::Robots => false,
    }
}

/// The bytes of `feed`, or `None` when the site has no base URL (the plan
/// then has no feeds). `strings` are the theme's UI strings.
pub(crate) fn render(
    site: &Site,
    feed: &Feed,
    strings: &BTreeMap<String, String>,
) -> Option<Vec<u8>> {
    let base = site.config.feeds.base_url.as_ref()?;
    let text = match feed {
        Feed::Sitemap => sitemap::render(site, base, None, MAX_URLS),
        Feed::SitemapPart(n) => sitemap::render(site, base, Some(*n), MAX_URLS),
        Feed::Atom(year) => atom::render(site, base, *year, strings),
        Feed::Robots => robots(base),
    };
    Some(text.into_bytes())
}

/// `robots.txt`: every crawler may read everything, and the sitemap is
/// here. Planned only for a site at the root of its host, the one place
/// crawlers look for it.
fn robots(base: &BaseUrl) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        url(base, &path(&Feed::Sitemap))
    )
}

/// The title of a feed, which the pages' `<link>` shows too: the site's
/// title, followed by the year (`2023年`) for a year's feed.
pub(crate) fn title(site: &Site, year: Option<u16>, strings: &BTreeMap<String, String>) -> String {
    let title = &site.config.title;
    match year {
        None => title.clone(),
        Some(y) => {
            let suffix = strings.get("year_suffix").map_or("年", String::as_str);
            format!("{title} · {y}{suffix}")
        }
    }
}

/// Bytes of a path a URL must not carry as they are. Output paths are
/// ASCII letters, digits, `-`, `.` and `/` already; this is a second lock.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The absolute URL of the output at `path` (relative, `/`-separated).
/// Pages keep their `index.html`, exactly as the site's own links name
/// them, so that a crawler sees one URL per page, not two.
fn url(base: &BaseUrl, path: &str) -> String {
    let mut url = base.as_str().to_owned();
    let _ = write!(url, "{}", utf8_percent_encode(path, PATH));
    url
}

/// `text` as XML 1.0 character data or attribute value: markup and quotes
/// escaped, and the characters XML 1.0 cannot carry at all (C0 controls
/// other than tab and line ends, U+FFFE, U+FFFF) replaced by U+FFFD, which
/// shows a reader that something was there.
fn xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `<name>text</name>` with the text escaped, and a line end.
fn element(out: &mut String, name: &str, text: &str) {
    let _ = write!(out, "<{name}>");
    xml(out, text);
    let _ = writeln!(out, "</{name}>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_never_invalid() {
        let mut out = String::new();
        xml(&mut out, "a<b>&\"c\"\u{1}\u{FFFF}\t残联");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot;\u{FFFD}\u{FFFD}\t残联");
    }

    #[test]
    fn urls_append_the_path_to_the_base() {
        let base = BaseUrl::parse("https://x.gov.cn/yusuan").unwrap();
        assert_eq!(
            url(&base, "2023/504001/index.html"),
            "https://x.gov.cn/yusuan/2023/504001/index.html"
        );
        assert_eq!(
            url(&base, "a b/#?.html"),
            "https://x.gov.cn/yusuan/a%20b/%23%3F.html"
        );
        assert_eq!(
            robots(&base),
            "User-agent: *\nAllow: /\n\nSitemap: https://x.gov.cn/yusuan/sitemap.xml\n"
        );
    }

    #[test]
    fn an_edit_rerenders_its_years_feed_the_sites_and_the_sitemap() {
        let key = |year: u16| crate::model::ProjectKey {
            department: "1".into(),
            year,
            slug: "a".into(),
        };
        let change = Change {
            projects: [key(2023)].into(),
            ..Change::default()
        };
        let touched: Vec<Feed> = [
            Feed::Sitemap,
            Feed::SitemapPart(2),
            Feed::Atom(None),
            Feed::Atom(Some(2023)),
            Feed::Atom(Some(2024)),
            Feed::Robots,
        ]
        .into_iter()
        .filter(|f| affected(f, &change))
        .collect();
        assert_eq!(
            touched,
            [
                Feed::Sitemap,
                Feed::SitemapPart(2),
                Feed::Atom(None),
                Feed::Atom(Some(2023))
            ]
        );
        assert!(!affected(&Feed::Sitemap, &Change::default()));
        let department = Change {
            departments: ["1".to_owned()].into(),
            ..Change::default()
        };
        assert!(affected(&Feed::Atom(Some(2024)), &department));
    }

    #[test]
    fn paths_fit_the_layout() {
        assert_eq!(path(&Feed::Atom(Some(2023))), "2023/feed.xml");
        assert_eq!(path(&Feed::SitemapPart(2)), "sitemap-2.xml");
    }
}
