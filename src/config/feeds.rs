//! `[feeds]` in `site.toml`: the address a sitemap and Atom feeds need.
//!
//! Pages link each other relatively, so a site works under any sub-path
//! and from `file://` without knowing where it lives. A sitemap and a
//! feed cannot: both must name absolute URLs. So they are made only when
//! the owner states the address (`base_url`), and a wrong address is a
//! configuration error at its line and column rather than a sitemap full
//! of URLs no one can open. The values are checked while the file is
//! read (in `Deserialize`), so that the TOML reader's span points at the
//! offending value.

use serde::{Deserialize, Deserializer, Serialize};

/// `[feeds]`: the sitemap, the Atom feeds and `robots.txt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feeds {
    /// The absolute http(s) URL the site is served from, such as
    /// `https://www.example.gov.cn/yusuan/`. Unset, no sitemap or feed is
    /// made (and `check` says so).
    #[serde(default)]
    pub base_url: Option<BaseUrl>,
    /// How many of the most recent disclosures a feed lists (1 to 1,000).
    /// Feed readers fetch the whole file on every poll; a hundred entries
    /// reach back further than any reader looks.
    #[serde(default = "default_entries", deserialize_with = "entries")]
    pub entries: usize,
    /// Write `robots.txt` with a `Sitemap:` line. Crawlers read it only at
    /// the root of a host, so it is written only when `base_url` has no
    /// sub-path; set `false` when the host's `robots.txt` is someone
    /// else's to write.
    #[serde(default = "yes")]
    pub robots: bool,
}

impl Default for Feeds {
    fn default() -> Self {
        Feeds {
            base_url: None,
            entries: default_entries(),
            robots: true,
        }
    }
}

/// The most entries a feed may be configured to list.
const MAX_ENTRIES: usize = 1000;

fn default_entries() -> usize {
    100
}

fn yes() -> bool {
    true
}

fn entries<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    let n = i64::deserialize(deserializer)?;
    usize::try_from(n)
        .ok()
        .filter(|n| (1..=MAX_ENTRIES).contains(n))
        .ok_or_else(|| {
            serde::de::Error::custom(crate::t!("config-feeds-entries", max = MAX_ENTRIES))
        })
}

/// An absolute `http://` or `https://` URL ending in `/`, under which every
/// output path is appended as it is. A missing trailing slash is added:
/// `https://x.gov.cn/yusuan` and `https://x.gov.cn/yusuan/` mean the same
/// folder to an owner, while a URL resolver would drop `yusuan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks and normalises `text`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        let Some(scheme) = ["https://", "http://"]
            .into_iter()
            .find(|s| lower.starts_with(s))
        else {
            return Err(crate::t!("config-base-url-scheme", url = text));
        };
        let rest = &text[scheme.len()..];
        let host = rest.split('/').next().unwrap_or_default();
        let bad = |c: char| {
            !c.is_ascii_graphic()
                || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        };
        if host.is_empty() || host.contains('@') {
            return Err(crate::t!("config-base-url-host", url = text));
        }
        if let Some(c) = rest.chars().find(|&c| bad(c) || c == '?' || c == '#') {
            return Err(crate::t!("config-base-url-char", url = text, char = c));
        }
        let mut url = format!("{scheme}{rest}");
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(BaseUrl(url))
    }

    /// The URL, always ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the site sits at the root of its host, where crawlers
    /// look for `robots.txt`.
    pub fn is_host_root(&self) -> bool {
        let after_scheme = self.0.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/') == Some(after_scheme.len() - 1)
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        BaseUrl::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn base_url_is_absolute_http_and_ends_in_a_slash() {
        let url = |t: &str| BaseUrl::parse(t).map(|u| u.as_str().to_owned());
        assert_eq!(url("https://x.gov.cn").unwrap(), "https://x.gov.cn/");
        assert_eq!(url("HTTP://x.gov.cn/a/b").unwrap(), "http://x.gov.cn/a/b/");
        assert_eq!(
            url("https://x.gov.cn:8080/a/").unwrap(),
            "https://x.gov.cn:8080/a/"
        );
        for bad in [
            "x.gov.cn",
            "/yusuan/",
            "ftp://x.gov.cn/",
            "https:///a",
            "https://u@x.gov.cn/",
            "https://x.gov.cn/a b/",
            "https://x.gov.cn/?q=1",
            "https://x.gov.cn/预算/",
        ] {
            assert!(url(bad).is_err(), "{bad}");
        }
        assert!(BaseUrl::parse("https://x.gov.cn").unwrap().is_host_root());
        assert!(!BaseUrl::parse("https://x.gov.cn/a").unwrap().is_host_root());
    }

    #[test]
    fn a_bad_base_url_is_located_at_its_value() {
        let text = "title = \"t\"\n\n[feeds]\nbase_url = \"www.x.gov.cn\"\n";
        let err = Config::parse(text).unwrap_err();
        let at = err.location.expect("located");
        assert_eq!((at.line, at.column), (4, 12), "{err:?}");
        assert!(err.message.contains("www.x.gov.cn"), "{}", err.message);
        let err = Config::parse("title = \"t\"\n[feeds]\nentries = 0\n").unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(3));
        let config = Config::parse("title = \"t\"\n[feeds]\nbase_url = \"https://a.cn/x\"\n");
        let feeds = config.unwrap().feeds;
        assert_eq!(feeds.base_url.unwrap().as_str(), "https://a.cn/x/");
        assert_eq!(feeds.entries, 100);
    }
}
