//! The one door to YAML.
//!
//! `serde_yaml` is archived upstream, so every YAML call in gongkai goes
//! through this module: swapping in a maintained fork (for example
//! `serde_norway` or `serde_yaml_ng`, which keep the same API) is a change to
//! the single `use` line below. The module owns two things: typed parsing with
//! a precise error location, and a `SpanIndex` that maps a field path such
//! as `indicators[3].value` back to its line and column, so that rules which
//! run long after parsing can still point at the exact spot in the file.
//! When a document does not parse, [`slips`] looks for the input-method
//! slips behind most such failures, so the message names the character.
//! The parser drops comments; [`comment`] finds them in the text, and with
//! them the `# 待核对` review flags that `import` leaves for a person.

pub mod comment;
pub mod slips;

pub use comment::{REVIEW_MARKER, ReviewComment, review_comments};

use serde::de::DeserializeOwned;
use serde_yaml as backend;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::source::Location;

/// `text` as a one-line YAML scalar that reads back as exactly `text`.
///
/// Plain style where the backend judges it safe (`3次`, `≥95%`); quoted
/// where plain text would change type or meaning (`1.00`, `null`, `yes`,
/// `: `). Text with line breaks or control characters is written as a
/// double-quoted JSON string, which is valid YAML, so every scalar fits on
/// the line of its key and `import` can put comments beside rows.
pub fn scalar(text: &str) -> String {
    if text.chars().any(char::is_control) {
        return serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    }
    match backend::to_string(text) {
        Ok(out) if !out.trim_end().contains('\n') => out.trim_end().to_owned(),
        _ => serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned()),
    }
}

/// `text` always in double quotes, for figures (`"1.00"`) that must stay
/// text whatever they look like.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Why a YAML document could not be turned into the expected type.
#[derive(Debug, Clone)]
pub struct ParseError {
    /// The message without the backend's trailing "at line X column Y".
    pub message: String,
    /// Where the backend stopped, when it knows.
    pub location: Option<Location>,
    /// The field the error is about, for "unknown field" errors.
    pub unknown_field: Option<String>,
    /// The fields that would have been accepted, for "unknown field" errors.
    pub expected_fields: Vec<String>,
    /// The rule id when the failure is a typing slip (`ime-slip`,
    /// `duplicate-key`); `None` for other schema errors.
    pub rule: Option<&'static str>,
    /// The fix, when the failure is a typing slip.
    pub help: Option<String>,
}

/// Parses `text` into `T`, reporting where and why it failed.
///
/// Scalars are handed to `T` as written, so a field declared as a decimal
/// string receives `1.00` as the text "1.00", never as a float.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    backend::from_str(text).map_err(|err| {
        // The parser's own location is where it gave up; a slip in the
        // text is the cause, at its own line and column.
        match slips::scan(text).into_iter().next() {
            Some(slip) => ParseError {
                message: slip.message,
                location: Some(slip.location),
                unknown_field: None,
                expected_fields: Vec::new(),
                rule: Some(slip.rule),
                help: Some(slip.help),
            },
            None => ParseError::from_backend(&err).relocated(text),
        }
    })
}

impl ParseError {
    fn from_backend(err: &backend::Error) -> Self {
        let location = err.location().map(|loc| Location {
            line: loc.line(),
            column: loc.column(),
        });
        let full = err.to_string();
        let message = strip_location_suffix(&full).to_owned();
        let (unknown_field, expected_fields) = parse_unknown_field(&message);
        ParseError {
            message,
            location,
            unknown_field,
            expected_fields,
            rule: None,
            help: None,
        }
    }
}

impl ParseError {
    /// Two errors for which the backend reports the document's start
    /// (1:1) instead of the offending spot: a key written twice in one
    /// mapping, and a raw control character. Both are found again here,
    /// so the clerk is sent to the right line and column.
    fn relocated(mut self, text: &str) -> Self {
        if self.message.starts_with("duplicate field") || self.message.contains("duplicate entry") {
            if let Some(location) = SpanIndex::new(text).duplicate {
                self.location = Some(location);
                self.message = match self.message.split('`').nth(1) {
                    Some(key) => crate::t!("yaml-duplicate-key", key = key),
                    None => crate::t!("yaml-duplicate-entry"),
                };
            }
        } else if let Some(rest) = ["amount `", "金额 `"]
            .iter()
            .find_map(|p| self.message.strip_prefix(p))
        {
            // An amount refused by its own reader (exponent notation, too
            // many digits): the backend only knows the document, so the
            // figure is found again by its text, which the message quotes
            // (its first 40 characters).
            let quoted = rest.split('`').next().unwrap_or("");
            let quoted = quoted.strip_suffix('…').unwrap_or(quoted);
            if let Some(offset) = text.find(quoted).filter(|_| !quoted.is_empty()) {
                self.location = Some(crate::source::location_of(text, offset));
            }
        } else if self
            .message
            .starts_with("control characters are not allowed")
        {
            if let Some((offset, c)) = text.char_indices().find(|(_, c)| is_forbidden(*c)) {
                self.location = Some(crate::source::location_of(text, offset));
                self.message = crate::t!(
                    "yaml-control-character",
                    code = format!("U+{:04X}", u32::from(c))
                );
            }
        }
        self
    }
}

/// Characters YAML does not allow in a document (YAML 1.2, 5.1): C0
/// controls other than tab, line feed and carriage return, DEL, C1
/// controls other than NEL, and the two non-characters U+FFFE/U+FFFF.
fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The backend appends " at line L column C" to its messages; we show the
/// location separately, with a snippet, so it is dropped from the text.
fn strip_location_suffix(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(pos) => &message[..pos],
        None => message,
    }
}

/// Reads serde's stable "unknown field `x`, expected one of `a`, `b`" wording,
/// so that the checker can suggest the closest valid field name.
fn parse_unknown_field(message: &str) -> (Option<String>, Vec<String>) {
    let Some(start) = message.find("unknown field `") else {
        return (None, Vec::new());
    };
    let rest = &message[start + "unknown field `".len()..];
    let Some(end) = rest.find('`') else {
        return (None, Vec::new());
    };
    let field = rest[..end].to_owned();
    let expected = rest[end..]
        .split('`')
        .skip(2)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    (Some(field), expected)
}

/// Where each node of a YAML document starts, keyed by field path.
///
/// Paths use the same spelling as diagnostics: `name`, `goals[0]`,
/// `indicators[3].value`. The document root is the empty path.
#[derive(Debug, Default, Clone)]
pub(crate) struct SpanIndex {
    entries: Vec<(String, Location)>,
    /// Where a key is first written a second time in the same mapping.
    pub duplicate: Option<Location>,
}

impl SpanIndex {
    /// Indexes `text`. A document that does not parse yields an empty index;
    /// its parse error is reported elsewhere with the backend's location.
    pub(crate) fn new(text: &str) -> Self {
        let mut builder = SpanBuilder::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut builder, false).is_err() {
            return SpanIndex::default();
        }
        SpanIndex {
            entries: builder.entries,
            duplicate: builder.duplicate,
        }
    }

    /// The location of `path`, or of its nearest indexed ancestor, so that a
    /// finding about a missing field still points at the enclosing mapping.
    pub(crate) fn locate(&self, path: &str) -> Option<Location> {
        let mut path = path;
        loop {
            if let Some((_, loc)) = self.entries.iter().find(|(p, _)| p == path) {
                return Some(*loc);
            }
            if path.is_empty() {
                return None;
            }
            path = parent_path(path);
        }
    }
}

impl SpanIndex {
    /// Whether the document has a node at exactly `path`: a key written
    /// with any value, even an empty one. Tells an omitted key from `""`.
    pub(crate) fn contains(&self, path: &str) -> bool {
        self.entries.iter().any(|(p, _)| p == path)
    }
}

fn parent_path(path: &str) -> &str {
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    &path[..cut]
}

/// Builds [`SpanIndex`] entries from the marked event stream.
#[derive(Default)]
struct SpanBuilder {
    entries: Vec<(String, Location)>,
    stack: Vec<Frame>,
    duplicate: Option<Location>,
}

/// One open collection while walking the event stream.
enum Frame {
    /// A mapping; `key` holds the pending key once it has been read, and
    /// `seen` every key read so far.
    Mapping {
        path: String,
        key: Option<String>,
        seen: std::collections::HashSet<String>,
    },
    /// A sequence and the index of its next item.
    Sequence { path: String, next: usize },
}

impl SpanBuilder {
    /// The path of the node that starts now, advancing the parent's state.
    fn next_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { path, next }) => {
                let child = format!("{path}[{next}]");
                *next += 1;
                Some(child)
            }
            Some(Frame::Mapping { path, key, .. }) => {
                let key = key.take()?;
                Some(if path.is_empty() {
                    key
                } else {
                    format!("{path}.{key}")
                })
            }
        }
    }

    /// True when the next scalar is a mapping key rather than a value.
    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }

    fn record(&mut self, path: String, mark: Marker) {
        self.entries.push((
            path,
            Location {
                line: mark.line(),
                column: mark.col() + 1,
            },
        ));
    }
}

impl MarkedEventReceiver for SpanBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) if self.expecting_key() => {
                if let Some(Frame::Mapping { key, seen, .. }) = self.stack.last_mut() {
                    if !seen.insert(value.clone()) && self.duplicate.is_none() {
                        self.duplicate = Some(Location {
                            line: mark.line(),
                            column: mark.col() + 1,
                        });
                    }
                    *key = Some(value);
                }
            }
            Event::Scalar(..) | Event::Alias(_) => {
                if let Some(path) = self.next_path() {
                    self.record(path, mark);
                }
            }
            Event::MappingStart(..) => {
                let path = self.next_path().unwrap_or_default();
                self.record(path.clone(), mark);
                self.stack.push(Frame::Mapping {
                    path,
                    key: None,
                    seen: Default::default(),
                });
            }
            Event::SequenceStart(..) => {
                let path = self.next_path().unwrap_or_default();
                self.record(path.clone(), mark);
                self.stack.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "year: 2023\nname: 测试\ngoals:\n  - 一\n  - 二\nindicators:\n  - level1: 产出指标\n    value: 3次\n  - level1: 效益指标\n    value: null\n";

    #[test]
    fn locates_nested_paths() {
        let index = SpanIndex::new(DOC);
        assert_eq!(index.locate("year"), Some(Location { line: 1, column: 7 }));
        assert_eq!(
            index.locate("goals[1]"),
            Some(Location { line: 5, column: 5 })
        );
        assert_eq!(
            index.locate("indicators[1].value"),
            Some(Location {
                line: 10,
                column: 12
            })
        );
    }

    #[test]
    fn missing_path_falls_back_to_parent() {
        let index = SpanIndex::new(DOC);
        assert_eq!(
            index.locate("indicators[0].note"),
            index.locate("indicators[0]")
        );
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Named {
        name: String,
        year: u16,
    }

    #[test]
    fn a_duplicated_key_is_located_at_its_second_occurrence() {
        let err = from_str::<Named>("name: a\nyear: 1\nname: b\n").unwrap_err();
        assert_eq!(err.location, Some(Location { line: 3, column: 1 }));
        // The slip scan names the key and where it was first written.
        assert!(err.message.contains("`name`"), "{}", err.message);
        assert_eq!(err.rule, Some("duplicate-key"), "{err:?}");
    }

    #[test]
    fn a_control_character_is_located() {
        for (text, column) in [
            ("name: a\0b\nyear: 1\n", 8),
            ("year: 1\nname: \"甲\u{7}\"\n", 9),
        ] {
            let err = from_str::<Named>(text).unwrap_err();
            let line = if text.starts_with("name") { 1 } else { 2 };
            assert_eq!(err.location, Some(Location { line, column }), "{text:?}");
            assert!(err.message.contains("control character"), "{}", err.message);
        }
    }

    #[test]
    fn scalars_read_back_as_written() {
        for text in [
            "3次",
            "≥95%",
            "1.00",
            "null",
            "yes",
            "a: b",
            "- x",
            "#1",
            "多行\n文本",
            "'q'",
            "",
        ] {
            let doc = format!("k: {}\n", scalar(text));
            let back: std::collections::BTreeMap<String, String> = from_str(&doc).unwrap();
            assert_eq!(back["k"], text, "{doc}");
        }
        assert_eq!(scalar("3次"), "3次");
        assert_eq!(quoted("1.00"), "\"1.00\"");
    }

    #[test]
    fn unknown_field_is_understood() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            name: String,
            year: u16,
        }
        let err = from_str::<T>("name: a\nyaer: 1\n").unwrap_err();
        assert_eq!(err.unknown_field.as_deref(), Some("yaer"));
        assert_eq!(err.expected_fields, vec!["name", "year"]);
        assert_eq!(err.location.map(|l| l.line), Some(2));
    }
}
