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
//! `amount_unit: 万元`, and a duplicated key, at its second occurrence.

use std::collections::BTreeMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::source::Location;

/// One slip: where it is, what it is, and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// `ime-slip` for a mistyped character or unit, `duplicate-key` for a
    /// key written twice.
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
        if let Some(slip) = scan_line(i + 1, line) {
            slips.push(slip);
        }
    }
    slips.extend(duplicate_keys(text));
    slips.sort_by_key(|s| s.location);
    slips
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

/// Keys written twice in one mapping, each at its second occurrence.
fn duplicate_keys(text: &str) -> Vec<Slip> {
    let mut finder = DuplicateFinder::default();
    let mut parser = Parser::new_from_str(text);
    // A document that does not parse has its own slip or error; the
    // duplicates found before the failure still count.
    let _ = parser.load(&mut finder, false);
    finder.found
}

/// Walks the event stream, keeping the keys of each open mapping.
#[derive(Default)]
struct DuplicateFinder {
    /// Per open collection: for a mapping, each key with its line and
    /// whether the next scalar is a key; `None` for a sequence.
    stack: Vec<Option<(BTreeMap<String, usize>, bool)>>,
    found: Vec<Slip>,
}

impl DuplicateFinder {
    /// A value (scalar or collection) has been read in the enclosing
    /// mapping, so the next scalar is a key again.
    fn value_done(&mut self) {
        if let Some(Some((_, expecting_key))) = self.stack.last_mut() {
            *expecting_key = true;
        }
    }
}

impl MarkedEventReceiver for DuplicateFinder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => match self.stack.last_mut() {
                Some(Some((keys, expecting_key))) if *expecting_key => {
                    *expecting_key = false;
                    let location = Location {
                        line: mark.line(),
                        column: mark.col() + 1,
                    };
                    if let Some(first) = keys.get(&value) {
                        self.found.push(Slip {
                            rule: "duplicate-key",
                            location,
                            message: crate::t!(
                                "slip-duplicate-key",
                                key = value,
                                line = location.line,
                                column = location.column,
                                first = first
                            ),
                            help: crate::t!("slip-duplicate-key-help", key = value),
                        });
                    } else {
                        keys.insert(value, location.line);
                    }
                }
                _ => self.value_done(),
            },
            Event::Alias(_) => self.value_done(),
            Event::MappingStart(..) => self.stack.push(Some((BTreeMap::new(), true))),
            Event::SequenceStart(..) => self.stack.push(None),
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
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
    fn same_key_in_two_rows_is_no_duplicate() {
        let text = "indicators:\n  - {name: a, value: 1}\n  - name: b\n    value: 2\n";
        assert!(scan(text).is_empty(), "{:#?}", scan(text));
    }

    #[test]
    fn nested_duplicate_is_found_in_its_row() {
        let s = one("indicators:\n  - name: a\n    value: 1\n    name: b\n");
        assert_eq!(s.location, loc(4, 5));
    }
}
