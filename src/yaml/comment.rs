//! Comments in YAML text, and the review flags among them.
//!
//! The parser drops comments, but `gongkai import` writes every guess as a
//! `# 待核对：<why>` line above the row concerned, and `check` must find
//! the ones a reviewer has not yet deleted. This module reads the text
//! line by line with just enough of YAML's lexical rules to tell a comment
//! from a `#` that is content: a `#` starts a comment only at the start of
//! a line or after a blank, and never inside a quoted scalar (`"…"`, `'…'`,
//! which may run over several lines) or in the body of a block scalar
//! (`|`, `>`), whose lines are text however they look: a Markdown heading
//! `# 说明` in `notes: |` is content. Plain scalars cannot hold ` #`, so
//! they need no care beyond not mistaking a quote inside them
//! (`name: it's`) for the start of a quoted scalar.

use crate::source::Location;

/// The marker `gongkai import` writes in every review comment (the same
/// word as `src/import/emit.rs`'s `REVIEW`, in every language).
pub const REVIEW_MARKER: &str = "待核对";

/// One comment: where its `#` is, and its text after the `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The line and column (in characters, from 1) of the `#`.
    pub location: Location,
    /// The text after the `#`, without surrounding blanks.
    pub text: String,
}

/// A `# 待核对：<why>` comment: an import guess no one has reviewed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewComment {
    /// The line and column (in characters, from 1) of the `#`.
    pub location: Location,
    /// The reason after the marker and its colon; empty for a bare
    /// `# 待核对`.
    pub reason: String,
}

/// The review comments of `text`, in file order. A comment is one when its
/// text starts with [`REVIEW_MARKER`] followed by a colon (full-width `：`
/// as import writes it, or `:`), a blank or the end of the comment. Text
/// without the marker anywhere is not scanned at all, which keeps the cost
/// on a site of reviewed files to one substring search per file.
pub fn review_comments(text: &str) -> Vec<ReviewComment> {
    if !text.contains(REVIEW_MARKER) {
        return Vec::new();
    }
    comments(text)
        .into_iter()
        .filter_map(|c| {
            let reason = review_reason(&c.text)?;
            Some(ReviewComment {
                location: c.location,
                reason: reason.to_owned(),
            })
        })
        .collect()
}

/// The reason of a review comment's text, or `None` when the text is no
/// review flag (`待核对的…` is a sentence that happens to start so).
fn review_reason(text: &str) -> Option<&str> {
    let rest = text.strip_prefix(REVIEW_MARKER)?;
    let trimmed = rest.trim_start();
    if let Some(reason) = trimmed
        .strip_prefix('：')
        .or_else(|| trimmed.strip_prefix(':'))
    {
        return Some(reason.trim());
    }
    (trimmed.is_empty() || trimmed.len() < rest.len()).then_some(trimmed.trim_end())
}

/// Every comment of `text`, in file order.
pub fn comments(text: &str) -> Vec<Comment> {
    let mut lexer = Lexer::default();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        lexer.line(i + 1, line, &mut out);
    }
    out
}

/// Where the lexer is between lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum State {
    /// Ordinary YAML: keys, indicators, plain scalars, flow collections.
    #[default]
    Normal,
    /// Inside a double-quoted scalar that goes on to the next line.
    Double,
    /// Inside a single-quoted scalar that goes on to the next line.
    Single,
    /// After a block scalar header (`key: |`): the body is the following
    /// lines indented more than `parent` (the indentation of the node the
    /// scalar belongs to), or at least `content` when the header gives an
    /// indentation indicator (`|2`).
    Header {
        parent: isize,
        content: Option<usize>,
    },
    /// In a block scalar body whose lines are indented at least this much.
    Body(usize),
}

/// The last indicator on the current line, which decides the indentation
/// a block scalar or a plain scalar's continuation lines must exceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Indicator {
    /// Nothing yet on this line.
    None,
    /// A document marker `---`: a top-level node follows.
    Document,
    /// A `- ` or `? ` at this column.
    Entry(usize),
    /// A `: ` after a key that starts at this column.
    Value(usize),
}

#[derive(Debug, Default)]
struct Lexer {
    state: State,
    /// Depth of open flow collections (`[`, `{`), which may span lines.
    flow: usize,
    /// A plain scalar ran to the end of the previous line: lines indented
    /// more than this continue it (in a flow collection, any line does).
    plain: Option<isize>,
}

impl Lexer {
    fn line(&mut self, number: usize, line: &str, out: &mut Vec<Comment>) {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = chars.iter().all(|c| c.is_whitespace());
        match self.state {
            State::Body(content) if blank || indent >= content => return,
            State::Header { parent, content } if !blank => {
                let body = match content {
                    Some(content) => indent >= content,
                    None => as_signed(indent) > parent,
                };
                if body {
                    self.state = State::Body(content.unwrap_or(indent));
                    return;
                }
                self.state = State::Normal;
            }
            State::Header { .. } => return,
            State::Body(_) => self.state = State::Normal,
            State::Normal | State::Double | State::Single => {}
        }
        if blank {
            return;
        }
        let first = chars[indent..].iter().find(|c| !c.is_whitespace());
        let continues = self.state == State::Normal
            && first != Some(&'#')
            && self
                .plain
                .is_some_and(|bound| self.flow > 0 || as_signed(indent) > bound);
        let carried = if continues { self.plain } else { None };
        self.plain = None;
        let mut scan = Scan {
            chars: &chars,
            k: 0,
            in_plain: continues,
            after_blank: true,
            last: Indicator::None,
            token: indent,
        };
        let header = scan.run(self, number, out);
        if let Some(header) = header {
            self.state = header;
        } else if scan.in_plain && self.state == State::Normal {
            self.plain = Some(match scan.last {
                _ if self.flow > 0 => -1,
                Indicator::Value(key) => as_signed(key),
                Indicator::Entry(column) => as_signed(column),
                Indicator::Document => -1,
                Indicator::None => carried.unwrap_or(as_signed(indent) - 1),
            });
        }
    }
}

/// One line's scan.
struct Scan<'a> {
    chars: &'a [char],
    k: usize,
    /// Inside a plain scalar, where quotes and indicators are text.
    in_plain: bool,
    /// The previous character was a blank, or this is the line's start.
    after_blank: bool,
    last: Indicator,
    /// Where the current token (a key, say) started.
    token: usize,
}

impl Scan<'_> {
    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).copied()
    }

    /// True when the character after `k` ends a token: a blank or the end
    /// of the line.
    fn blank_after(&self, k: usize) -> bool {
        self.at(k + 1).is_none_or(|c| c == ' ' || c == '\t')
    }

    /// Scans the line, pushing its comment, if any. Returns the state a
    /// block scalar header on this line starts.
    fn run(&mut self, lexer: &mut Lexer, number: usize, out: &mut Vec<Comment>) -> Option<State> {
        let mut header = None;
        while let Some(c) = self.at(self.k) {
            match lexer.state {
                State::Double => {
                    match c {
                        '\\' => self.k += 1,
                        '"' => self.close(lexer),
                        _ => {}
                    }
                    self.k += 1;
                    continue;
                }
                State::Single => {
                    if c == '\'' {
                        if self.at(self.k + 1) == Some('\'') {
                            self.k += 1;
                        } else {
                            self.close(lexer);
                        }
                    }
                    self.k += 1;
                    continue;
                }
                _ => {}
            }
            if c == ' ' || c == '\t' {
                self.after_blank = true;
                self.k += 1;
                continue;
            }
            if c == '#' && self.after_blank {
                let text: String = self.chars[self.k + 1..].iter().collect();
                out.push(Comment {
                    location: Location {
                        line: number,
                        column: self.k + 1,
                    },
                    text: text.trim().to_owned(),
                });
                // A comment ends a plain scalar.
                self.in_plain = false;
                return header;
            }
            self.after_blank = false;
            let flow_char = |c: char| matches!(c, ',' | '[' | ']' | '{' | '}');
            if self.in_plain {
                let value = c == ':'
                    && (self.blank_after(self.k)
                        || (lexer.flow > 0 && self.at(self.k + 1).is_some_and(flow_char)));
                if value {
                    self.in_plain = false;
                    self.last = Indicator::Value(self.token);
                } else if lexer.flow > 0 && flow_char(c) {
                    self.in_plain = false;
                    continue;
                }
                self.k += 1;
                continue;
            }
            header = header.or(self.token_start(lexer, c));
        }
        header
    }

    /// A quoted scalar ends; what follows it is a new token.
    fn close(&mut self, lexer: &mut Lexer) {
        lexer.state = State::Normal;
        self.in_plain = false;
    }

    /// Reads the token that starts with `c` at `self.k`, advancing past
    /// it (or into it, for quoted and plain scalars).
    fn token_start(&mut self, lexer: &mut Lexer, c: char) -> Option<State> {
        let k = self.k;
        self.k += 1;
        match c {
            '"' => {
                self.token = k;
                lexer.state = State::Double;
            }
            '\'' => {
                self.token = k;
                lexer.state = State::Single;
            }
            '[' | '{' => lexer.flow += 1,
            ']' | '}' => lexer.flow = lexer.flow.saturating_sub(1),
            ',' if lexer.flow > 0 => {}
            '-' | '?' if self.blank_after(k) && lexer.flow == 0 => {
                self.last = Indicator::Entry(k);
            }
            ':' if self.blank_after(k) => self.last = Indicator::Value(self.token),
            '-' | '.'
                if k == 0
                    && self.chars[..self.chars.len().min(3)] == [c; 3]
                    && self.blank_after(2) =>
            {
                self.k = 3;
                self.last = Indicator::Document;
            }
            '|' | '>' if lexer.flow == 0 => return Some(self.header()),
            '&' | '!' | '*' => {
                // An anchor, tag or alias: one word, then a new token.
                while self.at(self.k).is_some_and(|c| {
                    c != ' ' && c != '\t' && !(lexer.flow > 0 && ",]}".contains(c))
                }) {
                    self.k += 1;
                }
            }
            _ => {
                self.token = k;
                self.in_plain = true;
            }
        }
        None
    }

    /// A block scalar header at `self.k - 1`: reads its chomping and
    /// indentation indicators and returns the state of the lines after it.
    fn header(&mut self) -> State {
        let mut explicit = None;
        while let Some(c) = self.at(self.k) {
            match c {
                '+' | '-' => {}
                '1'..='9' => explicit = c.to_digit(10).map(|d| d as usize),
                _ => break,
            }
            self.k += 1;
        }
        let parent = match self.last {
            Indicator::Value(key) => as_signed(key),
            Indicator::Entry(column) => as_signed(column),
            Indicator::Document => -1,
            Indicator::None => {
                let indent = self.chars.iter().take_while(|c| **c == ' ').count();
                as_signed(indent) - 1
            }
        };
        let content = explicit.map(|m| usize::try_from(parent).map_or(m, |p| p + m));
        State::Header { parent, content }
    }
}

fn as_signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (line, column, text) of every comment of `text`.
    fn found(text: &str) -> Vec<(usize, usize, String)> {
        comments(text)
            .into_iter()
            .map(|c| (c.location.line, c.location.column, c.text))
            .collect()
    }

    fn one(line: usize, column: usize, text: &str) -> Vec<(usize, usize, String)> {
        vec![(line, column, text.to_owned())]
    }

    #[test]
    fn comment_lines_and_trailing_comments() {
        assert_eq!(
            found("# 头\nyear: 2023  # 年度\nname: a#b\n  # 缩进\n"),
            vec![
                (1, 1, "头".to_owned()),
                (2, 13, "年度".to_owned()),
                (4, 3, "缩进".to_owned()),
            ]
        );
    }

    #[test]
    fn a_hash_inside_a_quoted_scalar_is_text() {
        assert!(found("name: \"a # b\"\n").is_empty());
        assert!(found("name: 'a # b'\n").is_empty());
        assert!(found("name: 'it''s # b'\n").is_empty());
        assert!(found("name: \"a \\\" # b\"\n").is_empty());
        // Quoted scalars may run over several lines.
        assert!(found("name: \"first\n  # 待核对：not a comment\n  last\"\n").is_empty());
        assert!(found("name: 'first\n  # 待核对：not a comment\n  last'\n").is_empty());
        // After the closing quote, a comment is a comment again.
        assert_eq!(found("name: \"a # b\" # c\n"), one(1, 15, "c"));
        assert_eq!(found("name: 'x\n  y' # c\n"), one(2, 6, "c"));
        // Quoted keys, and quotes in flow collections.
        assert_eq!(
            found("\"k # 1\": {a: \"# x\", b: '# y'} # z\n"),
            one(1, 31, "z")
        );
    }

    #[test]
    fn a_quote_inside_a_plain_scalar_is_text() {
        // `it's` opens no quoted scalar, so the comment after it counts.
        assert_eq!(found("name: it's # c\nyear: 1\n"), one(1, 12, "c"));
        assert_eq!(
            found("name: 他说 \"好 # 一\nyear: 1 # 二\n"),
            vec![(1, 13, "一".to_owned()), (2, 9, "二".to_owned())]
        );
        // Nor does one on a continuation line of a plain scalar.
        assert_eq!(
            found("goals:\n  - 一行\n    'quoted # 一\n  - 二 # 二\n"),
            vec![(3, 13, "一".to_owned()), (4, 7, "二".to_owned())]
        );
    }

    #[test]
    fn a_block_scalar_body_is_text() {
        let text =
            "notes: |\n  # 说明\n  正文 # 不是注释\n\n  # 待核对：正文\n# 待核对：注释\nyear: 1\n";
        assert_eq!(found(text), one(6, 1, "待核对：注释"));
        let folded = "goals:\n  - >-\n    # 目标\n  - |2\n     # 多缩进\n  # 待核对：a\n";
        assert_eq!(found(folded), one(6, 3, "待核对：a"));
        // A comment on the header line is a comment.
        assert_eq!(found("notes: | # 头\n  # 体\n"), one(1, 10, "头"));
        // In a mapping inside a sequence, the body must be indented more
        // than the key: a line at the key's indentation ends it.
        assert_eq!(
            found("rows:\n  - note: |\n    # 待核对：a\n    name: x\n"),
            one(3, 5, "待核对：a")
        );
        assert!(found("rows:\n  - note: |\n      # 体\n    name: x\n").is_empty());
        // An empty block scalar: the next line at the same indentation.
        assert_eq!(found("a: |\n# c\nb: 1\n"), one(2, 1, "c"));
        // `>` and `|` inside a plain scalar are text.
        assert_eq!(found("value: a > b\n# c\n"), one(2, 1, "c"));
        // In a flow collection they are not block scalars.
        assert_eq!(found("a: [x, y]\n# c\n"), one(2, 1, "c"));
    }

    #[test]
    fn documents_anchors_and_flow_collections() {
        assert_eq!(
            found("--- # d\na: &x 1 # e\nb: *x # f\nc: !!str 2 #g\n"),
            vec![
                (1, 5, "d".to_owned()),
                (2, 9, "e".to_owned()),
                (3, 7, "f".to_owned()),
                (4, 12, "g".to_owned()),
            ]
        );
        assert_eq!(
            found("a: [1, # one\n  \"t # x\", # two\n  3]\n"),
            vec![(1, 8, "one".to_owned()), (2, 12, "two".to_owned())]
        );
        assert!(found("a: [x,#y]\n").is_empty());
        assert_eq!(found("--- |\n  # 体\n# c\n"), one(3, 1, "c"));
    }

    #[test]
    fn review_comments_carry_their_reason() {
        let text = "# 由 gongkai import 生成：请对照原件核对，核对后删去“待核对”注释。\nyear: 2023\n# 待核对：来源未写明金额单位\namount: \"1\"\nindicators:\n  # 待核对：OCR 错位\n  - {name: a, value: b} #待核对: x\n  #   待核对\n  # 待核对的行\n  # 待核对 补充\n";
        let found: Vec<(usize, usize, String)> = review_comments(text)
            .into_iter()
            .map(|r| (r.location.line, r.location.column, r.reason))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, 1, "来源未写明金额单位".to_owned()),
                (6, 3, "OCR 错位".to_owned()),
                (7, 25, "x".to_owned()),
                (8, 3, String::new()),
                (10, 3, "补充".to_owned()),
            ]
        );
        assert!(review_comments("notes: |\n  # 待核对：正文\n").is_empty());
        assert!(review_comments("name: \"# 待核对：名称\"\n").is_empty());
        assert!(review_comments("year: 2023\n").is_empty());
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(found("名称: 值 # 注\n"), one(1, 7, "注"));
        assert_eq!(found("a: b # c\r\nd: e\r\n"), one(1, 6, "c"));
    }

    /// The parser's events for `text`, without positions, or `None` when it
    /// does not parse.
    fn events(text: &str) -> Option<Vec<String>> {
        use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
        use yaml_rust2::scanner::Marker;
        struct Collect(Vec<String>);
        impl MarkedEventReceiver for Collect {
            fn on_event(&mut self, event: Event, _: Marker) {
                self.0.push(format!("{event:?}"));
            }
        }
        let mut collect = Collect(Vec::new());
        Parser::new_from_str(text)
            .load(&mut collect, true)
            .ok()
            .map(|()| collect.0)
    }

    /// `text` with what follows the `#` at `line` and `column` replaced
    /// by other text. The line keeps its indentation and stays non-blank,
    /// so the document's structure is the same whatever the `#` is.
    fn rewrite(text: &str, line: usize, column: usize) -> String {
        text.split_inclusive('\n')
            .enumerate()
            .map(|(i, l)| {
                if i + 1 != line {
                    return l.to_owned();
                }
                let end = if l.ends_with('\n') { "\n" } else { "" };
                let head: String = l.chars().take(column).collect();
                format!("{head}§{end}")
            })
            .collect()
    }

    /// Checks the scan against the parser: rewriting a comment changes
    /// nothing the parser reports, and rewriting the text after any other
    /// `#` after a blank changes something (or breaks the document).
    fn agrees_with_the_parser(text: &str) {
        let Some(original) = events(text) else {
            return;
        };
        let found = comments(text);
        for (i, line) in text.lines().enumerate() {
            let chars: Vec<char> = line.chars().collect();
            for (k, c) in chars.iter().enumerate() {
                if *c != '#' || (k > 0 && !matches!(chars[k - 1], ' ' | '\t')) {
                    continue;
                }
                let location = Location {
                    line: i + 1,
                    column: k + 1,
                };
                let in_comment = found.iter().any(|c| {
                    c.location.line == location.line && c.location.column < location.column
                });
                if in_comment {
                    continue;
                }
                let is_comment = found.iter().any(|c| c.location == location);
                let same = events(&rewrite(text, i + 1, k + 1)).as_ref() == Some(&original);
                assert_eq!(
                    is_comment, same,
                    "# at {}:{} in\n{text}",
                    location.line, location.column
                );
            }
        }
    }

    #[test]
    fn the_scan_agrees_with_the_parser() {
        for text in [
            "# a\nyear: 2023 # b\nname: \"x # y\"\n",
            "notes: |\n  # h\n  t # u\n# c\ngoals:\n  - >\n    # g\n  - b # c\n",
            "rows:\n  - note: |\n    # 待核对：a\n    name: x\n",
            "rows:\n  - note: |\n      # x\n    name: x # y\n",
            "a: 'p # q\n  r # s' # t\nb: \"u\\\"# v\" # w\n",
            "a: [1, # x\n  '# y', {k: \"# z\"}] # w\n",
            "s: it's # c\nt: x#y # d\n",
            "--- |\n  # body\n# c\n",
            "a: |2\n   # x\n  y\nb: 1 # z\n",
            "k: >-\n\n  # 体\n\n# 注\nl: 1\n",
            "- |\n # a\n- b # c\n",
            "? |\n  # k\n: v # c\n",
            "goals:\n  - 一行\n    'quoted # 一\n  - 二 # 二\n",
            "name: 他说 \"好 # 一\nyear: 1 # 二\n",
        ] {
            assert!(events(text).is_some(), "does not parse:\n{text}");
            agrees_with_the_parser(text);
        }
    }

    /// Documents put together from lines that open and close every kind
    /// of scalar, at several indentations; those that parse must agree.
    #[test]
    fn the_scan_agrees_with_the_parser_on_assembled_documents() {
        const LINES: &[&str] = &[
            "a: |",
            "b: >-",
            "  # x",
            "    # y z",
            "c: 'p # q",
            "  r' # s",
            "d: \"t # u",
            "  v\\\" # w\" # k",
            "e: [1, # l",
            "  '# m', 2] # n",
            "- |",
            "- f # o",
            "  - g: |",
            "      # p",
            "    h: 1 # q",
            "# r",
            "i: it's # t",
            "j: x#y",
            "",
            "k: &a 1 # u",
            "  more 'plain # v",
            "l: \"a\\",
            "  b # c\"",
            "--- # doc",
            "m: {n: 'o # p'} # q",
            "  - >2",
            "     # r",
            "? x # s",
            ": y # t",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        let mut parsed = 0;
        for _ in 0..20_000 {
            let count = 2 + next(5);
            let text: String = (0..count)
                .map(|_| format!("{}\n", LINES[next(LINES.len())]))
                .collect();
            if events(&text).is_some() {
                parsed += 1;
                agrees_with_the_parser(&text);
            }
        }
        assert!(parsed > 2_000, "only {parsed} documents parsed");
    }

    /// Any text, however broken, is scanned without a panic.
    #[test]
    fn any_text_is_scanned() {
        let pieces: Vec<&str> = "#¦ ¦\n¦\"¦'¦\\¦|¦>¦-¦:¦[¦]¦{¦}¦,¦&¦*¦!¦---¦待核对¦：¦2¦+¦\t¦\r¦a"
            .split('¦')
            .collect();
        let mut seed: u64 = 7;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..40 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[usize::try_from(seed >> 59).unwrap_or(0) % pieces.len()]);
            }
            for c in review_comments(&text) {
                assert!(c.location.line >= 1 && c.location.column >= 1, "{text:?}");
            }
        }
    }

    /// Every YAML file of the example site and the test fixtures.
    #[test]
    fn the_scan_agrees_with_the_parser_on_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["content", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "yaml")
                    && let Ok(text) = std::fs::read_to_string(path)
                {
                    agrees_with_the_parser(&text);
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "only {checked} files");
    }
}
