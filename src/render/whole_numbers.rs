//! Numbers that never break across lines (issue 26).
//!
//! Body text breaks long words only where they would overflow
//! (`overflow-wrap: break-word`), which never splits a number that fits on
//! a line. Table cells need more: a cell that may break only whole words
//! widens its table to the longest one, so a 30-character code or a
//! hostile 60-digit 指标值 would push the table past a phone screen. Cells
//! therefore break anywhere (`overflow-wrap: anywhere`), and that lets a
//! narrow cell break 「≥1000人」 into 「≥10」 and 「00人」, which reads as
//! two different numbers. CSS cannot tell a number from the text around
//! it, so the text of every table on a rendered page is walked once and
//! every number token, with its comparator, decimals and per cent sign, is
//! wrapped in `<span class="nw">` (`white-space: nowrap` in the theme).
//! Breaks between the number and the words around it stay allowed.
//!
//! A token is a maximal run matching `[≥≤><＞＜≧≦=±]?\d[\d.,]*%?`, the same
//! definition the browser audit (`tests/audit/audit.mjs`) checks at 320 px.
//! Tokens longer than [`LONGEST`] characters are left breakable: they are
//! wider than a phone's line and would otherwise push the page sideways.
//!
//! The walk works on the site's own template output, which is well-formed:
//! it skips tags, comments, the elements whose text is not laid out as
//! HTML (`<script>`, `<style>`, `<svg>`, `<option>` …) and cells already
//! kept whole (`class="num"`). Text outside tables is left as it is.

/// The longest token kept on one line, in characters: 24 digits at the
/// body's 16 px are about 215 px, which fits a 320 px screen's line.
pub(crate) const LONGEST: usize = 24;

/// Elements whose content is left exactly as rendered.
const SKIPPED: [&str; 7] = [
    "head", "script", "style", "svg", "option", "textarea", "select",
];

/// `html` with every number token in a table wrapped in `<span class="nw">`.
pub(crate) fn keep_numbers_whole(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    // How many tables the text is in (tables may nest in principle).
    let mut tables = 0usize;
    while let Some(lt) = rest.find('<') {
        let (text, from_tag) = rest.split_at(lt);
        if tables > 0 {
            wrap_text(text, &mut out);
        } else {
            out.push_str(text);
        }
        if let Some(comment) = from_tag.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(from_tag.len(), |e| e + 7);
            out.push_str(&from_tag[..end]);
            rest = &from_tag[end..];
            continue;
        }
        let end = tag_end(from_tag);
        let tag = &from_tag[..end];
        out.push_str(tag);
        rest = &from_tag[end..];
        let name = tag_name(tag);
        let opening = !tag.starts_with("</") && !tag.ends_with("/>");
        if name == "table" {
            if opening {
                tables += 1;
            } else {
                tables = tables.saturating_sub(1);
            }
        }
        if opening && (SKIPPED.contains(&name.as_str()) || has_class(tag, "num")) {
            let skipped = element_rest(rest, &name);
            out.push_str(&rest[..skipped]);
            rest = &rest[skipped..];
        }
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `s`, up to and including its `>`,
/// stepping over quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The lower-case element name of a start or end tag.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn has_class(tag: &str, class: &str) -> bool {
    let Some(start) = tag.find(" class=\"") else {
        return false;
    };
    let value = &tag[start + 8..];
    let value = &value[..value.find('"').unwrap_or(value.len())];
    value.split_ascii_whitespace().any(|c| c == class)
}

/// How far the content of an open `name` element reaches in `rest`,
/// through its end tag, counting nested elements of the same name.
fn element_rest(rest: &str, name: &str) -> usize {
    let mut depth = 1;
    let mut at = 0;
    while let Some(lt) = rest[at..].find('<') {
        let start = at + lt;
        let end = start + tag_end(&rest[start..]);
        let tag = &rest[start..end];
        if tag_name(tag) == name && !tag.starts_with("<!") {
            if tag.starts_with("</") {
                depth -= 1;
                if depth == 0 {
                    return end;
                }
            } else if !tag.ends_with("/>") {
                depth += 1;
            }
        }
        at = end;
    }
    rest.len()
}

/// A comparator at the start of `s` (escaped `&gt;` and `&lt;` count as one
/// character), and its length in bytes.
fn comparator(s: &str) -> Option<usize> {
    if s.starts_with("&gt;") || s.starts_with("&lt;") {
        return Some(4);
    }
    let c = s.chars().next()?;
    "≥≤><＞＜≧≦=±".contains(c).then(|| c.len_utf8())
}

/// The length in bytes and characters of the number token at the start
/// of `s`, if one starts there.
fn token(s: &str) -> Option<(usize, usize)> {
    let lead = comparator(s).unwrap_or(0);
    let bytes = s.as_bytes();
    if !bytes.get(lead).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut end = lead + 1;
    while bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
    {
        end += 1;
    }
    if bytes.get(end) == Some(&b'%') {
        end += 1;
    }
    let chars = usize::from(lead > 0) + end - lead;
    Some((end, chars))
}

/// The length of the numeric character reference (`&#39;`, `&#x2F;`) at
/// the start of `s`, if one is there.
fn numeric_reference(s: &str) -> Option<usize> {
    let body = s.strip_prefix("&#")?;
    let end = body.find(';')?;
    let digits = body[..end]
        .strip_prefix(['x', 'X'])
        .map_or((&body[..end], 10), |hex| (hex, 16));
    (!digits.0.is_empty() && digits.0.chars().all(|c| c.is_digit(digits.1))).then_some(2 + end + 1)
}

fn wrap_text(text: &str, out: &mut String) {
    let mut i = 0;
    let mut copied = 0;
    // A digit right after a digit, point or comma continues a token that
    // began before it (a run of more than LONGEST characters that was left
    // alone): it does not start one.
    let mut after_number = false;
    while i < text.len() {
        let here = &text[i..];
        // A numeric character reference (`&#39;`, what Tera writes for an
        // apostrophe) is one character, not a number: a span inside it
        // would break the reference and print `&#39;` as text.
        if let Some(len) = numeric_reference(here) {
            i += len;
            after_number = false;
            continue;
        }
        if !after_number && let Some((len, chars)) = token(here) {
            if (2..=LONGEST).contains(&chars) {
                out.push_str(&text[copied..i]);
                out.push_str("<span class=\"nw\">");
                out.push_str(&here[..len]);
                out.push_str("</span>");
                copied = i + len;
            }
            i += len;
            after_number = true;
            continue;
        }
        let c = here.chars().next().unwrap_or(' ');
        after_number = after_number && (c.is_ascii_digit() || c == '.' || c == ',');
        i += c.len_utf8();
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::keep_numbers_whole as k;

    #[test]
    fn wraps_numbers_with_their_comparator_decimals_and_per_cent() {
        assert_eq!(
            k("<table><td>≥1000人</td></table>"),
            "<table><td><span class=\"nw\">≥1000</span>人</td></table>"
        );
        assert_eq!(
            k("<table><td>40元/天，&lt;12.5%，±3</td></table>"),
            "<table><td><span class=\"nw\">40</span>元/天，<span class=\"nw\">&lt;12.5%</span>，<span class=\"nw\">±3</span></td></table>"
        );
        // One character cannot break; a lone comparator is no number.
        assert_eq!(
            k("<table><td>第1项 ≥ 人</td></table>"),
            "<table><td>第1项 ≥ 人</td></table>"
        );
        // A character reference is no number (an escaped apostrophe).
        assert_eq!(
            k("<table><td>&#39;a&#39; &#x2F;12</td></table>"),
            "<table><td>&#39;a&#39; &#x2F;<span class=\"nw\">12</span></td></table>"
        );
        // Outside tables text breaks only where a word overflows.
        assert_eq!(k("<p>≥1000人</p>"), "<p>≥1000人</p>");
    }

    #[test]
    fn leaves_markup_and_text_that_is_not_laid_out_alone() {
        let page = concat!(
            "<head><title>2023年</title></head><table>",
            "<a href=\"2023/504001/\" aria-label=\"2023\">x</a>",
            "<!-- 2023 --><td class=\"num\">29.95</td>",
            "<select><option>2023</option></select><svg><text>10.00</text></svg></table>"
        );
        assert_eq!(k(page), page);
    }

    #[test]
    fn leaves_numbers_longer_than_a_line_breakable() {
        let long = "9".repeat(super::LONGEST + 1);
        let cell = format!("<table><td>≥{long}个</td></table>");
        assert_eq!(k(&cell), cell);
        assert_eq!(
            k("<table><td>20231</td></table>"),
            "<table><td><span class=\"nw\">20231</span></td></table>"
        );
    }
}
