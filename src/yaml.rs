//! The one door to YAML.
//!
//! `serde_yaml` is archived upstream, so every YAML call in gongkai goes
//! through this module: swapping in a maintained fork (for example
//! `serde_norway` or `serde_yaml_ng`, which keep the same API) is a change to
//! the single `use` line below. The module owns two things: typed parsing with
//! a precise error location, and a `SpanIndex` that maps a field path such
//! as `indicators[3].value` back to its line and column, so that rules which
//! run long after parsing can still point at the exact spot in the file.
//! Before the typed parser sees a document, [`limits`] walks it once and
//! refuses nesting too deep, too many aliases and a key written twice, so
//! no input can crash, hang or silently lose a value; the span index
//! ([`spans`]) and the slip scan walk events through the same door. When
//! a document does not parse, [`slips`] looks for the input-method slips
//! behind most such failures, so the message names the character.
//! The parser drops comments; [`comment`] finds them in the text, and with
//! them the `# 待核对` review flags that `import` leaves for a person.

pub mod comment;
pub mod limits;
pub mod slips;
mod spans;

pub use comment::{REVIEW_MARKER, ReviewComment, review_comments};
pub(crate) use spans::SpanIndex;

use serde::de::DeserializeOwned;
use serde_yaml as backend;

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
    /// The top-level field a limit was passed in (`goals`, `details`),
    /// when the document is written in block style.
    pub field: Option<String>,
    /// The rule id when the failure is a typing slip (`ime-slip`,
    /// `byte-order-mark`) or a limit (`nesting-limit`, `alias-limit`,
    /// `duplicate-key`); `None` for other schema errors.
    pub rule: Option<&'static str>,
    /// The fix, when the failure is a typing slip.
    pub help: Option<String>,
}

/// Parses `text` into `T`, reporting where and why it failed.
///
/// Scalars are handed to `T` as written, so a field declared as a decimal
/// string receives `1.00` as the text "1.00", never as a float. The typed
/// parser never sees a document it could not read in linear time, and a
/// failure that a limit explains (nesting, aliases, a key written twice)
/// is reported as that limit, at its line (see [`limits`]).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    // Text that could make the typed parser slow is walked first; any
    // other text makes it fail at once if it passes a limit, and is
    // walked then, so that the error names the cause.
    let walked = limits::needs_walk(text);
    if walked {
        limits::check(text).map_err(|e| ParseError::exceeded(e, text))?;
    }
    backend::from_str(text).map_err(|err| {
        if let Some(exceeded) = limits::check(text).err().filter(|_| !walked) {
            return ParseError::exceeded(exceeded, text);
        }
        // The parser's own location is where it gave up; a slip in the
        // text is the cause, at its own line and column.
        match slips::scan(text).into_iter().next() {
            Some(slip) => ParseError {
                message: slip.message,
                location: Some(slip.location),
                unknown_field: None,
                expected_fields: Vec::new(),
                field: None,
                rule: Some(slip.rule),
                help: Some(slip.help),
            },
            None => ParseError::from_backend(&err).relocated(text),
        }
    })
}

impl ParseError {
    /// A limit the text went past (see [`limits`]).
    fn exceeded(exceeded: limits::Exceeded, text: &str) -> Self {
        let location = exceeded.location();
        ParseError {
            message: exceeded.message(),
            location: Some(location),
            unknown_field: None,
            expected_fields: Vec::new(),
            field: top_level_key(text, location.line),
            rule: Some(exceeded.rule()),
            help: Some(exceeded.help()),
        }
    }

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
            field: None,
            rule: None,
            help: None,
        }
    }
}

impl ParseError {
    /// Errors for which the backend reports the document's start (1:1)
    /// instead of the offending spot: a figure (amount, weight) its own
    /// reader refused, and a raw control character. Both are found again here, so the
    /// clerk is sent to the right line and column. (A key written twice
    /// never reaches the backend: [`limits`] refuses it first.)
    fn relocated(mut self, text: &str) -> Self {
        let figure = [
            ("amount `", "amount"),
            ("金额 `", "amount"),
            ("weight `", "weight"),
            ("权重 `", "weight"),
        ]
        .iter()
        .find_map(|(prefix, key)| {
            // Inside a list the backend puts the path first:
            // `funding[1]: amount `…``.
            let message = self.message.as_str();
            let after_path = message
                .split_once(": ")
                .filter(|(path, _)| !path.contains(' '))
                .map_or(message, |(_, rest)| rest);
            let rest = message
                .strip_prefix(prefix)
                .or_else(|| after_path.strip_prefix(prefix))?;
            Some((rest, *key))
        });
        if let Some((rest, key)) = figure {
            // A figure refused by its own reader (exponent notation, too
            // many digits, an underscore, empty): the backend only knows
            // the document, so the figure is found again as the first value
            // of its key with the text the message quotes (its first 40
            // characters), or at the key when it is empty.
            let quoted = rest.split('`').next().unwrap_or("");
            let (quoted, cut) = match quoted.strip_suffix('…') {
                Some(start) => (start, true),
                None => (quoted, false),
            };
            let refused = |value: &str| {
                let value = value.trim();
                if quoted.is_empty() {
                    matches!(value, "" | "~" | "null")
                } else if cut {
                    value.starts_with(quoted)
                } else {
                    value == quoted
                }
            };
            if let Some(location) = spans::locate_value(text, key, refused) {
                self.location = Some(location);
            }
        } else if self
            .message
            .starts_with("control characters are not allowed")
            && let Some((offset, c)) = text.char_indices().find(|(_, c)| is_forbidden(*c))
        {
            self.location = Some(crate::source::location_of(text, offset));
            self.message = crate::t!(
                "yaml-control-character",
                code = format!("U+{:04X}", u32::from(c))
            );
        }
        self
    }
}

/// The top-level key whose value holds `line` in a block-style document:
/// the last key written at the start of a line, up to and including that
/// line. `None` for a document whose root is a flow mapping.
fn top_level_key(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .filter(|l| !l.starts_with([' ', '\t', '#', '-', '{', '[']))
        .filter_map(|l| l.split_once(':').map(|(key, _)| key.trim()))
        .last()
        .map(|key| key.trim_matches(['"', '\'']).to_owned())
        .filter(|key| !key.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Like a project: every field known, `details` read in order.
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        name: String,
        #[serde(default)]
        goals: Vec<String>,
        #[serde(default)]
        details: crate::model::Details,
    }

    #[test]
    fn a_limit_names_the_top_level_field_it_was_passed_in() {
        let deep = format!("name: a\ngoals:\n  {}x\n", "- ".repeat(100));
        let err = from_str::<Strict>(&deep).unwrap_err();
        assert_eq!(
            (err.rule, err.field.as_deref()),
            (Some("nesting-limit"), Some("goals"))
        );
        let twice = "name: a\ndetails:\n  甲: x\n  甲: y\n";
        let err = from_str::<Strict>(twice).unwrap_err();
        assert_eq!(
            (err.rule, err.field.as_deref()),
            (Some("duplicate-key"), Some("details"))
        );
        assert_eq!(top_level_key("{a: [", 1), None);
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
