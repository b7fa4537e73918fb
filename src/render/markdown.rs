//! Markdown to safe HTML, for goals, notes and pages.
//!
//! Two layers, because one mistake here would put a script on a government
//! site. First, raw HTML in the Markdown is turned into text while parsing,
//! so `<script>` shows up on the page as the characters the author typed
//! and nothing is silently lost. Second, the rendered HTML goes through
//! ammonia with an allow-list: only ordinary text markup survives, links keep
//! only http, https, mailto and tel schemes (a `javascript:` link loses its
//! target), and images are not allowed because they would be external
//! requests.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer"));
    builder
});

/// Renders Markdown as sanitised HTML. Headings are shifted so that the
/// largest one is `min_heading` (a goal must not add an `<h1>` to a page
/// that already has one).
pub(crate) fn to_html(markdown: &str, min_heading: u8) -> String {
    // No Markdown tables: they would have no caption or header scopes, and
    // the one table a disclosure needs is the indicator table.
    let options = Options::ENABLE_STRIKETHROUGH;
    // The largest heading the author used becomes `min_heading`, so that a
    // page body starting at `##` does not skip a level after the page's h1.
    let largest = Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let relevel = |level: HeadingLevel| shift(level, largest, min_heading);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: relevel(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(relevel(level))),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {
            Event::Text(CowStr::Borrowed(""))
        }
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SANITIZER.clean(&html).to_string()
}

/// Like [`to_html`], but without the `<p>` around a single paragraph, for
/// text that sits inside a list item or a table cell.
pub(crate) fn to_inline_html(markdown: &str) -> String {
    let html = to_html(markdown, 4);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

/// Moves `level` so that `largest` lands on `min`, keeping the gaps between
/// levels and clamping at h6.
fn shift(level: HeadingLevel, largest: u8, min: u8) -> HeadingLevel {
    let shifted = (level as u8 + min).saturating_sub(largest).clamp(1, 6);
    HeadingLevel::try_from(shifted as usize).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_inline_html("a <script>alert(1)</script> b");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_link_schemes_are_dropped() {
        let html =
            to_inline_html("[x](javascript:alert(1)) [y](https://example.org) [z](../a.html)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("href=\"../a.html\""), "{html}");
    }

    #[test]
    fn images_are_not_rendered() {
        let html = to_html("![logo](https://cdn.example.org/x.png)", 2);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("cdn.example.org"), "{html}");
    }

    #[test]
    fn headings_are_shifted() {
        assert!(to_html("# 标题", 2).contains("<h2>"));
        assert!(to_html("###### x", 3).contains("<h3>"));
        // The largest heading lands on the minimum; the steps below it stay.
        let html = to_html("## 内容\n\n### 细节\n\n## 阅读说明", 2);
        assert!(
            html.contains("<h2>内容</h2>") && html.contains("<h3>细节</h3>"),
            "{html}"
        );
        assert!(html.contains("<h2>阅读说明</h2>"), "{html}");
        assert!(to_html("# a\n\n###### b", 3).contains("<h6>b</h6>"));
    }

    #[test]
    fn single_paragraph_is_unwrapped() {
        assert_eq!(to_inline_html("**重点**内容"), "<strong>重点</strong>内容");
        assert!(to_inline_html("a\n\nb").contains("<p>"));
    }
}
