//! Limits before work: how deep a YAML document may nest, how many
//! aliases it may use, and that no mapping names a key twice, all checked
//! in one pass over the event stream before the typed parser sees the text.
//!
//! The typed parser (`serde_yaml` over `unsafe-libyaml`) has no limit of
//! its own that holds before it has done the damage: 100,000 nested flow
//! collections take it minutes (each token looks at every open level),
//! 100,000 nested block sequences overflowed the stack of the span index's
//! recursive walk, and 50,000 aliases of one row expand to gigabytes. This
//! pass walks the same text with `yaml_rust2`'s event parser, which keeps
//! its state on the heap and yields one event at a time, and stops at the
//! first event past a limit, so its own cost is linear in the text it
//! reads. The limits are far above anything a budget table needs (a
//! project file nests five levels deep and uses no alias), so no real file
//! is refused; every file of the example site and the test fixtures is
//! loaded by a test to keep it so.
//!
//! The same walk is the one door for every other reader of YAML events
//! ([`walk`]): the span index and the slip scan run after it, on text it
//! has passed, and never recurse.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError};

use crate::source::Location;

/// The deepest nesting of collections a document may have. A project file
/// needs five (`funding[0].parts[0].amount`); the limit leaves room for
/// any hand-written structure, and keeps the typed parser's work per token
/// small.
pub const MAX_DEPTH: usize = 64;

/// The most aliases (`*name`) a document may use. gongkai never writes
/// one; a clerk may reuse a row or two.
pub const MAX_ALIASES: usize = 1_000;

/// The most nodes the aliases of a document may add to it once expanded:
/// 1,000 aliases of a 100-node row, but not 50,000 aliases of one row, nor
/// aliases of aliases that double at every step ("a billion laughs").
pub const MAX_EXPANSION: usize = 100_000;

/// Flow collections nested deeper than this in the raw text are refused
/// even when the event parser gave up earlier for another reason: the
/// typed parser would otherwise spend time per level on every token
/// before reporting its own error. The event parser's own cap.
const MAX_RAW_FLOW_DEPTH: usize = 255;

/// More `[` and `{` than this in a text, or any `*`, and the text is
/// walked before the typed parser reads it (see [`needs_walk`]).
const QUICK_FLOW: usize = MAX_DEPTH / 2;

/// Which limit a document went past, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exceeded {
    /// Collections nested deeper than [`MAX_DEPTH`].
    Depth(Location),
    /// More than [`MAX_ALIASES`] aliases.
    Aliases(Location),
    /// Aliases that expand to more than [`MAX_EXPANSION`] nodes.
    Expansion(Location),
    /// A key written a second time in one mapping: the key, where it is
    /// written again, and the line it was first written on.
    DuplicateKey {
        /// The key as written.
        key: String,
        /// Its second occurrence.
        location: Location,
        /// The line of its first occurrence.
        first_line: usize,
    },
}

impl Exceeded {
    /// Where the document went past the limit.
    pub fn location(&self) -> Location {
        match self {
            Exceeded::Depth(l) | Exceeded::Aliases(l) | Exceeded::Expansion(l) => *l,
            Exceeded::DuplicateKey { location, .. } => *location,
        }
    }

    /// The rule id of the finding.
    pub fn rule(&self) -> &'static str {
        match self {
            Exceeded::Depth(_) => "nesting-limit",
            Exceeded::Aliases(_) | Exceeded::Expansion(_) => "alias-limit",
            Exceeded::DuplicateKey { .. } => "duplicate-key",
        }
    }

    /// The message, naming the line and column.
    pub fn message(&self) -> String {
        let Location { line, column } = self.location();
        match self {
            Exceeded::Depth(_) => crate::t!(
                "limit-yaml-depth",
                line = line,
                column = column,
                max = MAX_DEPTH
            ),
            Exceeded::Aliases(_) => crate::t!(
                "limit-yaml-aliases",
                line = line,
                column = column,
                max = MAX_ALIASES
            ),
            Exceeded::Expansion(_) => crate::t!(
                "limit-yaml-expansion",
                line = line,
                column = column,
                max = MAX_EXPANSION
            ),
            Exceeded::DuplicateKey {
                key, first_line, ..
            } => crate::t!(
                "slip-duplicate-key",
                key = key,
                line = line,
                column = column,
                first = first_line
            ),
        }
    }

    /// The fix.
    pub fn help(&self) -> String {
        match self {
            Exceeded::Depth(_) => crate::t!("limit-yaml-depth-help"),
            Exceeded::Aliases(_) | Exceeded::Expansion(_) => crate::t!("limit-yaml-aliases-help"),
            Exceeded::DuplicateKey { key, .. } => crate::t!("slip-duplicate-key-help", key = key),
        }
    }
}

/// Why a [`walk`] stopped before the end of the text.
#[derive(Debug)]
pub enum Stop {
    /// The document went past a limit.
    Exceeded(Exceeded),
    /// The document is not YAML; the typed parser names the fault.
    Syntax(ScanError),
}

/// Whether the typed parser could pay for `text` before it fails: true
/// when the text may hold an alias (a `*` where a node can start: at the
/// start, after a blank, or after `[`, `{`, `,` or `:`; Markdown's `**`
/// inside a quoted goal is not one) or more than [`QUICK_FLOW`] flow
/// brackets (flows could nest deep, which costs the parser time per level
/// on every token). Other text reads in linear time whatever its shape,
/// and the typed parser keeps no deeper than 128 levels on its stack:
/// nesting deep in block style only, or naming a key twice, makes it fail
/// at once on every type gongkai reads content into (each refuses unknown
/// fields, a collection where it wants text, and a key written twice), and
/// the walk then runs to name the cause. A byte scan, so that the
/// ordinary file costs one parse, not two.
pub fn needs_walk(text: &str) -> bool {
    let mut brackets = 0;
    let mut previous = b'\n';
    for b in text.bytes() {
        let before = std::mem::replace(&mut previous, b);
        match b {
            b'*' if matches!(
                before,
                b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':'
            ) =>
            {
                return true;
            }
            b'[' | b'{' => {
                brackets += 1;
                if brackets > QUICK_FLOW {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Checks `text` against every limit. A document that is not YAML passes
/// (the typed parser reports it), unless its raw flow brackets nest so
/// deep that the typed parser would take quadratic time to say so.
pub fn check(text: &str) -> Result<(), Exceeded> {
    match walk(text, |_, _| {}) {
        Ok(()) => Ok(()),
        Err(Stop::Exceeded(e)) => Err(e),
        Err(Stop::Syntax(_)) => match raw_flow_depth(text) {
            Some(offset) => Err(Exceeded::Depth(crate::source::location_of(text, offset))),
            None => Ok(()),
        },
    }
}

/// Walks the events of `text` in order, calling `on_event` for each, and
/// stops at the first limit passed or the first syntax error. Never
/// recurses: the nesting is kept in a vector.
pub fn walk(text: &str, mut on_event: impl FnMut(&Event, Marker)) -> Result<(), Stop> {
    let mut parser = Parser::new_from_str(text);
    let mut state = State::default();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            // The event parser refuses more than 255 nested flow
            // collections on its own: that is the depth limit too.
            if e.info().contains("recursion limit") {
                Stop::Exceeded(Exceeded::Depth(location(*e.marker())))
            } else {
                Stop::Syntax(e)
            }
        })?;
        if event == Event::StreamEnd {
            return Ok(());
        }
        state.step(&event, mark).map_err(Stop::Exceeded)?;
        on_event(&event, mark);
    }
}

fn location(mark: Marker) -> Location {
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

/// The walk's bookkeeping: open collections, nodes counted, aliases used.
#[derive(Default)]
struct State {
    open: Vec<Frame>,
    /// Nodes so far, each alias counting as the nodes it stands for.
    nodes: usize,
    /// Nodes added by aliases.
    expanded: usize,
    aliases: usize,
    /// Anchor id → the nodes its node counts.
    anchors: HashMap<usize, usize>,
}

/// One open collection.
struct Frame {
    /// The anchor id of the collection (0 for none).
    anchor: usize,
    /// `nodes` when it opened.
    start: usize,
    /// For a mapping, its keys so far with the line of each, and whether
    /// the next node is a key; `None` for a sequence.
    mapping: Option<(HashMap<String, usize>, bool)>,
}

impl State {
    fn step(&mut self, event: &Event, mark: Marker) -> Result<(), Exceeded> {
        match event {
            Event::Scalar(value, _, anchor, _) => {
                if self.next_is_key() {
                    self.key(value, mark)?;
                }
                self.nodes += 1;
                if *anchor > 0 {
                    self.anchors.insert(*anchor, 1);
                }
            }
            Event::Alias(id) => {
                self.next_is_key();
                self.aliases += 1;
                if self.aliases > MAX_ALIASES {
                    return Err(Exceeded::Aliases(location(mark)));
                }
                let size = self.anchors.get(id).copied().unwrap_or(1);
                self.nodes = self.nodes.saturating_add(size);
                self.expanded = self.expanded.saturating_add(size);
                if self.expanded > MAX_EXPANSION {
                    return Err(Exceeded::Expansion(location(mark)));
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.next_is_key();
                if self.open.len() >= MAX_DEPTH {
                    return Err(Exceeded::Depth(location(mark)));
                }
                let mapping = matches!(event, Event::MappingStart(..));
                self.open.push(Frame {
                    anchor: *anchor,
                    start: self.nodes,
                    mapping: mapping.then(|| (HashMap::new(), true)),
                });
                self.nodes += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(frame) = self.open.pop().filter(|f| f.anchor > 0) {
                    self.anchors.insert(frame.anchor, self.nodes - frame.start);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// True when the node that starts now is a key of the enclosing
    /// mapping; advances the mapping to expect the other half of the pair.
    fn next_is_key(&mut self) -> bool {
        match self.open.last_mut().and_then(|f| f.mapping.as_mut()) {
            Some((_, expecting_key)) => {
                let is_key = *expecting_key;
                *expecting_key = !is_key;
                is_key
            }
            None => false,
        }
    }

    fn key(&mut self, key: &str, mark: Marker) -> Result<(), Exceeded> {
        let Some((keys, _)) = self.open.last_mut().and_then(|f| f.mapping.as_mut()) else {
            return Ok(());
        };
        match keys.get(key) {
            Some(&first_line) => Err(Exceeded::DuplicateKey {
                key: key.to_owned(),
                location: location(mark),
                first_line,
            }),
            None => {
                keys.insert(key.to_owned(), mark.line());
                Ok(())
            }
        }
    }
}

/// The byte offset of the first flow bracket nested deeper than
/// [`MAX_RAW_FLOW_DEPTH`], counting every `[`, `{`, `]` and `}` of the raw
/// text outside comments and quotes. A rough count, used only for text the
/// event parser could not read.
fn raw_flow_depth(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if comment {
            comment = b != b'\n';
            continue;
        }
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'')
                if i > 0 && !matches!(bytes[i - 1], b' ' | b'[' | b'{' | b',' | b':' | b'\n') => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'#') if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                comment = true
            }
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_RAW_FLOW_DEPTH {
                    return Some(i);
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Location {
        Location { line, column }
    }

    #[test]
    fn only_text_that_could_be_slow_is_walked_first() {
        assert!(!needs_walk("year: 2023\ngoals:\n  - 一\nrows: [{a: 1}]\n"));
        assert!(needs_walk("a: &r x\nb: *r\n"));
        assert!(needs_walk("*r: x\n"));
        assert!(needs_walk("a: [x,*r]\nb: {\"k\":*r}\n"));
        assert!(!needs_walk("goals:\n  - \"**重点任务**：做好\"\n"));
        assert!(needs_walk(&"[".repeat(QUICK_FLOW + 1)));
        assert!(!needs_walk(&format!(
            "goals:\n  {}x\n",
            "- ".repeat(100_000)
        )));
    }

    #[test]
    fn ordinary_documents_pass() {
        let text = "year: 2023\nfunding:\n  - source: a\n    amount: 1\n    parts: [{source: b, amount: 1}]\ngoals: [g]\nrow: &r {name: a}\nagain: *r\n";
        assert_eq!(check(text), Ok(()));
    }

    #[test]
    fn deep_block_nesting_is_refused_where_it_passes_the_limit() {
        let text = format!("goals:\n  {}x\n", "- ".repeat(100_000));
        let err = check(&text).unwrap_err();
        assert_eq!(err.rule(), "nesting-limit");
        assert_eq!(err.location().line, 2);
        let text = format!("goals:\n  {}x\n", "- ".repeat(MAX_DEPTH - 1));
        assert_eq!(check(&text), Ok(()), "the root mapping and 63 sequences");
    }

    #[test]
    fn deep_maps_and_flows_are_refused() {
        let mut text = String::from("details:\n");
        for i in 0..5_000 {
            text.push_str(&format!("{}k{i}:\n", " ".repeat(2 * i + 2)));
        }
        assert!(matches!(check(&text), Err(Exceeded::Depth(l)) if l.line == 65));
        let text = format!("goals: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(check(&text), Err(Exceeded::Depth(l)) if l.line == 1));
    }

    #[test]
    fn a_broken_document_with_deep_flows_is_refused_too() {
        let text = format!("a: b: c\nx: {}\n", "[".repeat(5_000));
        assert!(matches!(check(&text), Err(Exceeded::Depth(l)) if l.line == 2));
        // Quoted brackets are text.
        let text = format!("a: b: c\nx: \"{}\"\n", "[".repeat(5_000));
        assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn aliases_are_counted_and_expanded() {
        let row = "  - &r {level1: a, level2: b, name: c, value: d}\n";
        let many = format!("rows:\n{row}{}", "  - *r\n".repeat(50_000));
        assert_eq!(check(&many), Err(Exceeded::Aliases(at(1_003, 5))));
        // Each level doubles: 2^20 nodes from 40 aliases.
        let mut laughs = String::from("a0: &a0 [x, x]\n");
        for i in 1..=20 {
            laughs.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
        }
        assert!(matches!(check(&laughs), Err(Exceeded::Expansion(_))));
    }

    #[test]
    fn a_key_written_twice_is_found_at_any_depth() {
        let text = "details:\n  主管部门: a\n  主管部门: b\n";
        let err = check(text).unwrap_err();
        assert_eq!(
            err,
            Exceeded::DuplicateKey {
                key: "主管部门".into(),
                location: at(3, 3),
                first_line: 2
            }
        );
        // The same key in two rows, and a value equal to a key, are fine.
        assert_eq!(check("rows:\n  - {a: 1, b: a}\n  - {a: 2}\n"), Ok(()));
        assert_eq!(check("a: a\nb: [a, a]\n"), Ok(()));
    }
}

#[cfg(test)]
mod repository {
    use super::*;

    /// Every YAML file and page front matter of the example site, the
    /// test fixtures and the examples passes the limits (and has no key
    /// twice): the limits are far from anything real.
    #[test]
    fn every_yaml_file_of_the_repository_passes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["content", "tests/fixtures", "examples"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let path = entry.path();
                let extension = path.extension().and_then(|e| e.to_str());
                if !matches!(extension, Some("yaml" | "yml" | "md")) {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                let yaml = match extension {
                    Some("md") => match text
                        .strip_prefix("---\n")
                        .and_then(|t| t.split_once("\n---"))
                    {
                        Some((front, _)) => front,
                        None => continue,
                    },
                    _ => text,
                };
                assert_eq!(check(yaml), Ok(()), "{}", path.display());
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} files");
    }
}
