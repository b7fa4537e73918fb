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
pub fn to_html(markdown: &str, min_heading: u8) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level, min_heading),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => {
            Event::End(TagEnd::Heading(shift(level, min_heading)))
        }
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
pub fn to_inline_html(markdown: &str) -> String {
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

fn shift(level: HeadingLevel, min: u8) -> HeadingLevel {
    let shifted = (level as u8 + min.saturating_sub(1)).min(6);
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
        assert!(to_html("###### x", 3).contains("<h6>"));
    }

    #[test]
    fn single_paragraph_is_unwrapped() {
        assert_eq!(to_inline_html("**重点**内容"), "<strong>重点</strong>内容");
        assert!(to_inline_html("a\n\nb").contains("<p>"));
    }
}
