//! Where each node of a YAML document starts, keyed by field path, so
//! that rules which run long after parsing can point at the exact spot.
//!
//! Lookups are hashed: a file of 100,000 identical goals has 100,000
//! findings, and finding each one's line must not read the whole index
//! again (it did, and `check` took minutes). When only a few paths are
//! wanted ([`SpanIndex::of_paths`]), only those and their ancestors are
//! kept, so a large file costs one walk and little memory.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::Event;
use yaml_rust2::scanner::Marker;

use crate::source::Location;

/// Where each node of a YAML document starts, keyed by field path.
///
/// Paths use the same spelling as diagnostics: `name`, `goals[0]`,
/// `indicators[3].value`. The document root is the empty path.
#[derive(Debug, Default, Clone)]
pub(crate) struct SpanIndex {
    entries: HashMap<String, Location>,
}

impl SpanIndex {
    /// Indexes every node of `text`. A document that does not parse, or
    /// passes a limit (see [`super::limits`]), yields an empty index; its
    /// error is reported elsewhere.
    pub(crate) fn new(text: &str) -> Self {
        SpanIndex::build(text, None)
    }

    /// Indexes only `paths` and their ancestors, which [`locate`](Self::locate)
    /// falls back to.
    pub(crate) fn of_paths<'a>(text: &str, paths: impl IntoIterator<Item = &'a str>) -> Self {
        let mut wanted = HashSet::new();
        for path in paths {
            let mut path = path;
            while wanted.insert(path.to_owned()) && !path.is_empty() {
                path = parent_path(path);
            }
        }
        SpanIndex::build(text, Some(wanted))
    }

    fn build(text: &str, wanted: Option<HashSet<String>>) -> Self {
        let mut builder = SpanBuilder {
            wanted,
            ..SpanBuilder::default()
        };
        match super::limits::walk(text, |event, mark| builder.on_event(event, mark)) {
            Ok(()) => SpanIndex {
                entries: builder.entries,
            },
            Err(_) => SpanIndex::default(),
        }
    }

    /// The location of `path`, or of its nearest indexed ancestor, so that a
    /// finding about a missing field still points at the enclosing mapping.
    pub(crate) fn locate(&self, path: &str) -> Option<Location> {
        let mut path = path;
        loop {
            if let Some(loc) = self.entries.get(path) {
                return Some(*loc);
            }
            if path.is_empty() {
                return None;
            }
            path = parent_path(path);
        }
    }

    /// Whether the document has a node at exactly `path`: a key written
    /// with any value, even an empty one. Tells an omitted key from `""`.
    pub(crate) fn contains(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }
}

/// Where the first value of a key named `key` whose text satisfies
/// `refused` is written: the value, or its key when the value is empty
/// (`amount:` alone, whose empty scalar the parser places on the next
/// token, often the next line). For errors the typed parser reports
/// without a place, such as an amount its own reader refused.
pub(crate) fn locate_value(
    text: &str,
    key: &str,
    refused: impl Fn(&str) -> bool,
) -> Option<Location> {
    // Per open collection: for a mapping, whether the next node is a key,
    // and where the pending key named `key` was written.
    let mut open: Vec<Option<(bool, Option<Marker>)>> = Vec::new();
    let mut found = None;
    let at = |mark: Marker| Location {
        line: mark.line(),
        column: mark.col() + 1,
    };
    let _ = super::limits::walk(text, |event, mark| {
        if found.is_some() {
            return;
        }
        // The pending key this node is the value of, if it is `key`.
        let mut value_of = None;
        if let Some(Some((expecting_key, pending))) = open.last_mut() {
            if *expecting_key {
                *pending = match event {
                    Event::Scalar(k, ..) if k == key => Some(mark),
                    _ => None,
                };
            } else {
                value_of = pending.take();
            }
            *expecting_key = !*expecting_key;
        }
        match event {
            Event::Scalar(value, style, ..) => {
                if let Some(key_mark) = value_of.filter(|_| refused(value)) {
                    let empty = *style == yaml_rust2::scanner::TScalarStyle::Plain
                        && matches!(value.as_str(), "" | "~" | "null");
                    found = Some(at(if empty { key_mark } else { mark }));
                }
            }
            Event::MappingStart(..) => open.push(Some((true, None))),
            Event::SequenceStart(..) => open.push(None),
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
            }
            _ => {}
        }
    });
    found
}

fn parent_path(path: &str) -> &str {
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    &path[..cut]
}

/// Builds [`SpanIndex`] entries from the marked event stream.
#[derive(Default)]
struct SpanBuilder {
    entries: HashMap<String, Location>,
    /// Only these paths are kept, when set.
    wanted: Option<HashSet<String>>,
    stack: Vec<Frame>,
}

/// One open collection while walking the event stream.
enum Frame {
    /// A mapping; `key` holds the pending key once it has been read.
    Mapping { path: String, key: Option<String> },
    /// A sequence and the index of its next item.
    Sequence { path: String, next: usize },
    /// A collection no wanted path lies in (the wanted paths include
    /// their ancestors), whose nodes are passed over without a path.
    Pruned,
}

impl SpanBuilder {
    /// The path of the node that starts now, advancing the parent's state.
    fn next_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Pruned) => None,
            Some(Frame::Sequence { path, next }) => {
                let child = format!("{path}[{next}]");
                *next += 1;
                Some(child)
            }
            Some(Frame::Mapping { path, key }) => {
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

    /// True when `path` is to be kept.
    fn wanted(&self, path: &str) -> bool {
        self.wanted.as_ref().is_none_or(|w| w.contains(path))
    }

    /// The frame of a collection that starts now at `mark`, recorded when
    /// its path is wanted.
    fn open(&mut self, mark: Marker, frame: impl FnOnce(String) -> Frame) -> Frame {
        if matches!(self.stack.last(), Some(Frame::Pruned)) {
            return Frame::Pruned;
        }
        let path = self.next_path().unwrap_or_default();
        if !self.wanted(&path) {
            return Frame::Pruned;
        }
        self.record(&path, mark);
        frame(path)
    }

    fn record(&mut self, path: &str, mark: Marker) {
        if !self.wanted(path) {
            return;
        }
        // The first node at a path wins, as it did when the index was a
        // list searched from the start.
        self.entries
            .entry(path.to_owned())
            .or_insert_with(|| Location {
                line: mark.line(),
                column: mark.col() + 1,
            });
    }

    fn on_event(&mut self, event: &Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) if self.expecting_key() => {
                if let Some(Frame::Mapping { key, .. }) = self.stack.last_mut() {
                    *key = Some(value.clone());
                }
            }
            Event::Scalar(..) | Event::Alias(_) => {
                if let Some(path) = self.next_path() {
                    self.record(&path, mark);
                }
            }
            Event::MappingStart(..) => {
                let frame = self.open(mark, |path| Frame::Mapping { path, key: None });
                self.stack.push(frame);
            }
            Event::SequenceStart(..) => {
                let frame = self.open(mark, |path| Frame::Sequence { path, next: 0 });
                self.stack.push(frame);
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

    #[test]
    fn an_index_of_some_paths_agrees_with_the_whole_index() {
        let whole = SpanIndex::new(DOC);
        let some = SpanIndex::of_paths(DOC, ["goals[1]", "indicators[0].note", "nothing"]);
        for path in ["goals[1]", "indicators[0].note", "nothing"] {
            assert_eq!(some.locate(path), whole.locate(path), "{path}");
        }
        assert!(!some.contains("year"));
        // The root, `goals`, `goals[1]`, `indicators` and `indicators[0]`.
        assert_eq!(some.entries.len(), 5, "{:?}", some.entries);
    }

    #[test]
    fn a_refused_value_is_found_at_its_key_when_empty() {
        let text = "year: 2023\nfunding:\n  - {source: a, amount: \"1\"}\n  - source: b\n    amount:\nname: x\namount: 7\n";
        let empty = |v: &str| matches!(v, "" | "~");
        assert_eq!(
            locate_value(text, "amount", empty),
            Some(Location { line: 5, column: 5 })
        );
        assert_eq!(
            locate_value(text, "amount", |v| v == "7"),
            Some(Location { line: 7, column: 9 })
        );
        assert_eq!(locate_value(text, "amount", |v| v == "2023"), None);
    }

    #[test]
    fn a_document_past_a_limit_gives_an_empty_index() {
        let text = format!("goals:\n  {}x\n", "- ".repeat(100_000));
        assert_eq!(SpanIndex::new(&text).locate("goals"), None);
    }
}
