//! Typing slips that a Chinese input method leaves in YAML, found in the
//! text itself.
//!
//! When a document does not parse, the YAML parser reports where it gave
//! up, which for these slips is often the next line and never names the
//! character: a full-width colon (`：`) makes the key part of a plain
//! scalar, a full-width space (U+3000) is not indentation, a tab is
//! forbidden. This scan runs after a failed parse, looks at each line as
//! written, and names the character, its exact line and column, and the
//! line as it should read. It also catches `2024年` as a year and
//! `125.60万元` as an amount, which belong in `year: 2024` and
//! `amount_unit: 万元`, and a byte-order mark (U+FEFF) left in the middle
//! of a file where two files were joined. (A key written twice is refused
//! before parsing, by [`super::limits`].)

use crate::source::Location;

/// One slip: where it is, what it is, and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// `ime-slip` for a mistyped character or unit, `byte-order-mark` for
    /// a U+FEFF inside the text.
    pub rule: &'static str,
    /// The line and column (in characters, from 1) of the character.
    pub location: Location,
    /// The message, naming the character.
    pub message: String,
    /// The fix, with the corrected line where there is one.
    pub help: String,
}

/// Keys whose value is a number (or a year), where a full-width digit,
/// `％` or a unit cannot be read.
const NUMERIC_KEYS: &[&str] = &["year", "amount", "weight"];

/// The slips in `text`, in the order they appear.
pub fn scan(text: &str) -> Vec<Slip> {
    let mut slips = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(slip) = byte_order_mark(i + 1, line).or_else(|| scan_line(i + 1, line)) {
            slips.push(slip);
        }
    }
    slips.sort_by_key(|s| s.location);
    slips
}

/// A byte-order mark inside the text: invisible in every editor, and no
/// YAML parser reads past it where a key should start. It comes from
/// joining two files saved with a mark (`cat a.yaml b.yaml`); the one at
/// the very start of a file is dropped when the file is read.
fn byte_order_mark(line_no: usize, line: &str) -> Option<Slip> {
    let column = line.chars().position(|c| c == '\u{FEFF}')? + 1;
    Some(Slip {
        rule: "byte-order-mark",
        location: Location {
            line: line_no,
            column,
        },
        message: crate::t!("limit-bom", line = line_no, column = column),
        help: crate::t!("limit-bom-help"),
    })
}

/// The full-width form of an ASCII character an IME types, as the ASCII
/// character.
fn half_width(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '．' => Some('.'),
        '％' => Some('%'),
        _ => None,
    }
}

fn scan_line(line_no: usize, line: &str) -> Option<Slip> {
    let at = |column: usize| Location {
        line: line_no,
        column,
    };
    let chars: Vec<char> = line.chars().collect();
    // Indentation: the leading run of spaces, tabs and full-width spaces.
    let indent = chars
        .iter()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
        .count();
    let rest_of_line: String = chars[indent..].iter().collect();
    let reindented = format!("{}{}", " ".repeat(indent * 2), rest_of_line.trim_end());
    if let Some(pos) = chars[..indent].iter().position(|c| *c == '\u{3000}') {
        return Some(Slip {
            rule: "ime-slip",
            location: at(pos + 1),
            message: crate::t!("slip-ideographic-space", line = line_no, column = pos + 1),
            help: crate::t!("slip-indent-help", fixed = reindented),
        });
    }
    if let Some(pos) = chars[..indent].iter().position(|c| *c == '\t') {
        return Some(Slip {
            rule: "ime-slip",
            location: at(pos + 1),
            message: crate::t!("slip-tab", line = line_no, column = pos + 1),
            help: crate::t!("slip-indent-help", fixed = reindented),
        });
    }
    // The key: after the indentation and any `- ` item markers.
    let mut start = indent;
    while chars.get(start) == Some(&'-') && chars.get(start + 1) == Some(&' ') {
        start += 2;
        while chars.get(start) == Some(&' ') {
            start += 1;
        }
    }
    let key_len = chars[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
        .count();
    if key_len == 0 {
        return None;
    }
    let lead: String = chars[..start].iter().collect();
    let key: String = chars[start..start + key_len].iter().collect();
    let after = start + key_len;
    if chars.get(after) == Some(&'：') {
        let rest: String = chars[after + 1..].iter().collect();
        let fixed = format!("{lead}{key}: {}", rest.trim());
        return Some(Slip {
            rule: "ime-slip",
            location: at(after + 1),
            message: crate::t!("slip-colon", line = line_no, column = after + 1, key = key),
            help: crate::t!("slip-fix-line", fixed = fixed.trim_end()),
        });
    }
    if chars.get(after) != Some(&':') || !NUMERIC_KEYS.contains(&key.as_str()) {
        return None;
    }
    // A numeric value, up to a trailing comment.
    let value_start = after + 1;
    let value: String = chars[value_start..].iter().collect();
    let value = value.split(" #").next().unwrap_or_default().to_owned();
    let column_of = |offset: usize| value_start + 1 + offset;
    if let Some((offset, c)) = value
        .chars()
        .enumerate()
        .find(|(_, c)| half_width(*c).is_some())
    {
        let plain = half_width(c).unwrap_or(c);
        let fixed_value: String = value.chars().map(|c| half_width(c).unwrap_or(c)).collect();
        let column = column_of(offset);
        let message = if c == '％' {
            crate::t!("slip-percent", line = line_no, column = column, key = key)
        } else {
            crate::t!(
                "slip-full-width-digit",
                line = line_no,
                column = column,
                character = c,
                plain = plain,
                key = key
            )
        };
        return Some(Slip {
            rule: "ime-slip",
            location: at(column),
            message,
            help: crate::t!(
                "slip-fix-line",
                fixed = format!("{lead}{key}:{}", fixed_value.trim_end())
            ),
        });
    }
    let bare = value.trim().trim_matches(['"', '\'']);
    if key == "year" {
        let pos = bare.find('年')?;
        let offset = value.chars().take_while(|c| *c != '年').count();
        return Some(Slip {
            rule: "ime-slip",
            location: at(column_of(offset)),
            message: crate::t!(
                "slip-year-suffix",
                line = line_no,
                column = column_of(offset)
            ),
            help: crate::t!(
                "slip-fix-line",
                fixed = format!("{lead}year: {}", bare[..pos].trim())
            ),
        });
    }
    if key == "amount" {
        let pos = bare.find('万').or_else(|| bare.find('元'))?;
        // Only a figure with a unit; words such as 一万元 are another
        // mistake, which the parser's own message covers.
        let figure = bare[..pos].trim();
        if figure.is_empty() || !figure.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        let unit = if bare[pos..].starts_with('万') {
            "万元"
        } else {
            "元"
        };
        let offset = value
            .chars()
            .take_while(|c| *c != '万' && *c != '元')
            .count();
        return Some(Slip {
            rule: "ime-slip",
            location: at(column_of(offset)),
            message: crate::t!(
                "slip-amount-unit",
                line = line_no,
                column = column_of(offset),
                unit = unit
            ),
            help: crate::t!(
                "slip-amount-unit-help",
                fixed = format!("{lead}amount: \"{}\"", bare[..pos].trim()),
                unit = unit
            ),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Slip {
        let slips = scan(text);
        assert_eq!(slips.len(), 1, "{slips:#?}");
        slips.into_iter().next().unwrap()
    }

    fn loc(line: usize, column: usize) -> Location {
        Location { line, column }
    }

    #[test]
    fn values_with_colons_are_left_alone() {
        assert!(scan("notes: 联系电话：0970\nname: 测试：一\n").is_empty());
    }

    #[test]
    fn a_byte_order_mark_inside_the_text_is_named() {
        let s = one("year: 2023\nname: x\n\u{FEFF}amount: \"1\"\n");
        assert_eq!((s.rule, s.location), ("byte-order-mark", loc(3, 1)));
        assert!(s.message.contains("U+FEFF"), "{}", s.message);
    }
}
