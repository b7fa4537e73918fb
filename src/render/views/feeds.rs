//! The `<link rel="alternate">` a page's head shows for the Atom feeds
//! (see [`crate::render::feeds`]): the site's feed on every page, and a
//! budget year's feed first on that year's pages. Hrefs are relative to
//! the page, like every other link, so the site still works under any
//! sub-path; only the feeds' own contents need the absolute base URL.
//! Which links a page shows depends on the configuration and the page
//! alone, never on the feeds' entries, so a project edit changes no other
//! page's head.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Site;
use crate::render::feeds::{self, Feed};
use crate::render::plan::{PageKind, href_of};

/// One feed link of a page's head.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedLink {
    /// Relative to the page (its root prefix included).
    pub href: String,
    pub title: String,
}

/// The feed links of the page `kind`, whose path back to the root is
/// `root` and whose budget year is `year`: none without a base URL, and
/// none on `404.html`, which hosts serve at any depth.
pub(crate) fn links(
    site: &Site,
    kind: &PageKind,
    root: &str,
    year: Option<u16>,
    strings: &BTreeMap<String, String>,
) -> Vec<FeedLink> {
    if site.config.feeds.base_url.is_none() || *kind == PageKind::NotFound {
        return Vec::new();
    }
    let link = |year: Option<u16>| FeedLink {
        href: format!("{root}{}", href_of(&PageKind::Feed(Feed::Atom(year)))),
        title: feeds::title(site, year, strings),
    };
    year.map(|y| link(Some(y)))
        .into_iter()
        .chain([link(None)])
        .collect()
}
