//! `sitemap.xml` (the [sitemaps.org protocol](https://www.sitemaps.org/protocol.html)):
//! every HTML page's absolute URL, in plan order.
//!
//! One file holds at most [`MAX_URLS`] URLs (the protocol's limit; at
//! about 100 bytes a URL it stays far below the 50 MB limit too). A site
//! that fits has one plain `sitemap.xml`; a larger one gets
//! `sitemap-1.xml`, `sitemap-2.xml` … and `sitemap.xml` becomes the index
//! naming them. Plain when small, because nearly every site here is one
//! department's few hundred pages, and a single list is what every
//! crawler, search console and person reading the file understands
//! without a second fetch; the index only when the limit forces it. The
//! address owners submit and `robots.txt` names is `sitemap.xml` in both
//! forms, so growing past the limit changes no one's settings.
//!
//! A project's page carries `<lastmod>`: the day its disclosure last
//! changed (latest readable revision, else 发布日期), from the content
//! only. Other pages have none; their contents change with every project
//! and a date there would be made up.

use std::fmt::Write;

use super::{element, in_sitemap, url, xml};
use crate::config::BaseUrl;
use crate::model::Site;
use crate::model::date::{Date, Dates};
use crate::render::plan::{self, PageKind};

/// The most URLs one sitemap file may list.
pub(crate) const MAX_URLS: usize = 50_000;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// How many `sitemap-<n>.xml` parts `count` URLs need at `max` a file:
/// none while they fit in `sitemap.xml` itself.
pub(super) fn parts(count: usize, max: usize) -> usize {
    if count <= max { 0 } else { count.div_ceil(max) }
}

/// A page's address, relative to the site root, and its `<lastmod>`.
struct Entry {
    path: String,
    lastmod: Option<Date>,
}

/// `sitemap.xml` (`part` is `None`) or `sitemap-<part>.xml`, at `max`
/// URLs a file.
pub(super) fn render(site: &Site, base: &BaseUrl, part: Option<usize>, max: usize) -> String {
    write(&entries(site), base, part, max)
}

fn entries(site: &Site) -> Vec<Entry> {
    let published = site.config.publication.published.as_deref();
    plan::pages(site)
        .into_iter()
        .filter(in_sitemap)
        .map(|kind| {
            let lastmod = match &kind {
                PageKind::Project(key) => site
                    .project(key)
                    .and_then(|p| Dates::of(p, published).updated()),
                _ => None,
            };
            Entry {
                path: plan::href_of(&kind),
                lastmod,
            }
        })
        .collect()
}

fn write(entries: &[Entry], base: &BaseUrl, part: Option<usize>, max: usize) -> String {
    let count = parts(entries.len(), max);
    match part {
        None if count > 0 => index(base, count),
        None => urlset(base, entries),
        Some(n) => urlset(base, entries.chunks(max).nth(n - 1).unwrap_or_default()),
    }
}

fn urlset(base: &BaseUrl, entries: &[Entry]) -> String {
    let mut out = String::with_capacity(100 * entries.len() + 200);
    out.push_str(HEAD);
    let _ = writeln!(out, "<urlset xmlns=\"{NAMESPACE}\">");
    for entry in entries {
        out.push_str("<url>");
        element_inline(&mut out, "loc", &url(base, &entry.path));
        if let Some(date) = entry.lastmod {
            let _ = write!(out, "<lastmod>{date}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn index(base: &BaseUrl, parts: usize) -> String {
    let mut out = String::from(HEAD);
    let _ = writeln!(out, "<sitemapindex xmlns=\"{NAMESPACE}\">");
    for n in 1..=parts {
        out.push_str("<sitemap>");
        element(
            &mut out,
            "loc",
            &url(base, &super::path(&super::Feed::SitemapPart(n))),
        );
        out.push_str("</sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// `<name>text</name>` without a line end.
fn element_inline(out: &mut String, name: &str, text: &str) {
    let _ = write!(out, "<{name}>");
    xml(out, text);
    let _ = write!(out, "</{name}>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                path: format!("p{i}/index.html"),
                lastmod: (i == 0).then(|| Date::parse("2023年3月1日").unwrap()),
            })
            .collect()
    }

    fn locs(xml: &str) -> usize {
        xml.matches("<loc>").count()
    }

    #[test]
    fn a_small_site_has_one_plain_sitemap() {
        let base = BaseUrl::parse("https://x.gov.cn/a").unwrap();
        let text = write(&entries(3), &base, None, 3);
        assert!(text.contains("<urlset"), "{text}");
        assert_eq!(locs(&text), 3);
        assert!(text.contains(
            "<url><loc>https://x.gov.cn/a/p0/index.html</loc><lastmod>2023-03-01</lastmod></url>"
        ));
        assert_eq!(parts(3, 3), 0);
    }

    #[test]
    fn past_the_limit_sitemap_xml_is_the_index_of_its_parts() {
        let base = BaseUrl::parse("https://x.gov.cn/").unwrap();
        let all = entries(7);
        assert_eq!(parts(7, 3), 3);
        let index = write(&all, &base, None, 3);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>https://x.gov.cn/sitemap-3.xml</loc>"));
        assert_eq!(locs(&index), 3);
        let sizes: Vec<usize> = (1..=3)
            .map(|n| locs(&write(&all, &base, Some(n), 3)))
            .collect();
        assert_eq!(sizes, [3, 3, 1]);
        assert!(write(&all, &base, Some(3), 3).contains("p6/index.html"));
    }

    /// The protocol's own limit, on URLs made in memory: 50,000 fit in one
    /// file, one more makes an index of two.
    #[test]
    fn the_real_limit_is_fifty_thousand() {
        let base = BaseUrl::parse("https://x.gov.cn/").unwrap();
        let all = entries(MAX_URLS + 1);
        assert!(write(&all[..MAX_URLS], &base, None, MAX_URLS).contains("<urlset"));
        let index = write(&all, &base, None, MAX_URLS);
        assert_eq!(locs(&index), 2);
        assert_eq!(locs(&write(&all, &base, Some(1), MAX_URLS)), MAX_URLS);
        assert_eq!(locs(&write(&all, &base, Some(2), MAX_URLS)), 1);
    }
}
