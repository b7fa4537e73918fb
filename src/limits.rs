//! Limits before work on Markdown: how deep block quotes and list items
//! may nest in a page or a Markdown field, measured before the text is
//! rendered. (YAML's limits are in [`crate::yaml::limits`]; the TOML
//! parser refuses nesting past 80 levels on its own.)
//!
//! Nesting costs every later stage time per level: the Markdown parser
//! matches each line against every open container, and the HTML sanitiser
//! looks through every open element for each tag, so 100,000 nested `>`
//! took a build 50 seconds, and 10,000 of them followed by lazy lines
//! most of that again. Loading measures the nesting first and refuses a
//! text past [`MAX_MARKDOWN_DEPTH`] with its line. The measure is a
//! bound read from each line's leading markers, which costs one pass over
//! the bytes; only text whose bound passes the limit is parsed to find
//! the true depth, and only when that parse is itself cheap.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The deepest nesting of block quotes and list items a Markdown text may
/// have. A page needs a handful; thirty-two leaves room for any outline.
pub const MAX_MARKDOWN_DEPTH: usize = 32;

/// The most line × level steps the exact measure may take: past this, a
/// text whose bound exceeds the limit is refused without parsing it.
const PARSE_BUDGET: usize = 20_000_000;

/// The byte offset of the first line of `markdown` where block quotes and
/// list items nest deeper than [`MAX_MARKDOWN_DEPTH`], or `None`.
pub fn markdown_too_deep(markdown: &str) -> Option<usize> {
    let mut lines = 0usize;
    let mut worst: Option<(usize, usize)> = None;
    let mut start = 0;
    for line in markdown.split_inclusive('\n') {
        lines += 1;
        if let Some(bound) = prefix_bound(line).filter(|&n| worst.is_none_or(|(b, _)| n > b)) {
            worst = Some((bound, start));
        }
        start += line.len();
    }
    let (bound, offset) = worst.filter(|(bound, _)| *bound > MAX_MARKDOWN_DEPTH)?;
    if lines.saturating_mul(bound) > PARSE_BUDGET {
        return Some(offset);
    }
    exact_depth(markdown)
}

/// An upper bound of how deep the containers reach on `line`, when its
/// prefix opens one: a container open after a line was either matched
/// by it (a block quote by a `>`, a list item by at least two columns of
/// indentation) or opened by a marker on it. `None` for a line whose
/// prefix has no marker, which opens nothing.
fn prefix_bound(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let blank_at = |i: usize| matches!(bytes.get(i), None | Some(b' ' | b'\t' | b'\n' | b'\r'));
    let (mut i, mut columns, mut markers) = (0, 0, 0);
    loop {
        match bytes.get(i) {
            Some(b' ') => columns += 1,
            Some(b'\t') => columns += 4,
            Some(b'>') => markers += 1,
            Some(b'-' | b'+' | b'*') if blank_at(i + 1) => markers += 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let end = i + digits;
                if digits > 9 || !matches!(bytes.get(end), Some(b'.' | b')')) || !blank_at(end + 1)
                {
                    break;
                }
                markers += 1;
                i = end;
            }
            _ => break,
        }
        i += 1;
    }
    (markers > 0).then_some(markers + columns / 2)
}

/// The true nesting, from the parser's events: the offset of the first
/// block quote or list item past the limit.
fn exact_depth(markdown: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (event, range) in
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).into_offset_iter()
    {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::Item) => {
                depth += 1;
                if depth > MAX_MARKDOWN_DEPTH {
                    let line_start = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
                    return Some(line_start);
                }
            }
            Event::End(pulldown_cmark::TagEnd::BlockQuote(_) | pulldown_cmark::TagEnd::Item) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, offset: usize) -> usize {
        text[..offset].matches('\n').count() + 1
    }

    #[test]
    fn ordinary_pages_pass() {
        let page = "# 说明\n\n> 引用\n> > 嵌套\n\n- 一\n  - 二\n    1. 三\n\n```\n                                                                                x\n```\n\n* * *\n";
        assert_eq!(markdown_too_deep(page), None);
    }

    #[test]
    fn deep_block_quotes_are_refused_at_their_line() {
        for text in [
            format!("前言\n\n{} x\n", ">".repeat(10_000)),
            format!(
                "前言\n\n{} x\n{}",
                ">".repeat(10_000),
                "y\n".repeat(100_000)
            ),
            format!("前言\n\n{}x\n", "- ".repeat(40_000)),
        ] {
            let offset = markdown_too_deep(&text).expect("refused");
            assert_eq!(line_of(&text, offset), 3);
        }
    }

    #[test]
    fn a_bound_past_the_limit_is_measured_exactly() {
        // Deep indentation before a marker, but only two real levels: an
        // indented code block shows the rest as text.
        let text = format!("- a\n\n{}- b\n", " ".repeat(80));
        assert!(prefix_bound(&format!("{}- b\n", " ".repeat(80))).unwrap() > MAX_MARKDOWN_DEPTH);
        assert_eq!(markdown_too_deep(&text), None);
        // Nested list items by indentation, each two columns deeper.
        let nested: String = (0..40)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let offset = markdown_too_deep(&nested).expect("refused");
        assert_eq!(line_of(&nested, offset), MAX_MARKDOWN_DEPTH + 1);
    }
}
