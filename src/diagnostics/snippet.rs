//! The human report's snippets: each finding with the lines around it,
//! the offending spot underlined, through miette.
//!
//! A file with 100,000 findings is shown in time linear in its size: its
//! line starts are found once, and each finding hands miette only the few
//! lines around it (an [`Excerpt`] that keeps their true line numbers),
//! where miette would otherwise count lines from the start of the file for
//! every finding, and cutting long lines once read the whole file each
//! time. Long lines are cut to a window around the column.

use std::fmt;
use std::path::{Path, PathBuf};

use miette::{
    GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use super::{Diagnostic, Location, Severity};

/// One block per finding with its snippet, under a heading per file.
pub(super) fn render_snippets(
    items: &[&Diagnostic],
    read: impl Fn(&Path) -> Option<String>,
    color: bool,
) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    // Findings come grouped by file: one file's text and line starts are
    // kept at a time.
    let mut source: Option<(PathBuf, Option<Lines>)> = None;
    let mut out = String::new();
    for (i, d) in items.iter().enumerate() {
        if i == 0 || items[i - 1].file != d.file {
            let count = items[i..].iter().take_while(|o| o.file == d.file).count();
            out.push_str(&crate::t!(
                "findings-heading",
                file = d.file.display(),
                count = count
            ));
            out.push('\n');
        }
        if source.as_ref().is_none_or(|(file, _)| *file != d.file) {
            source = Some((d.file.clone(), read(&d.file).map(Lines::new)));
        }
        let lines = source.as_ref().and_then(|(_, lines)| lines.as_ref());
        let report = Snippet::new(d, lines);
        // Writing into a String cannot fail.
        let _ = handler.render_report(&mut out, &report);
    }
    crate::i18n::localise_report(&out)
}

/// Adapts a [`Diagnostic`] to miette, with a label on the offending line.
#[derive(Debug)]
struct Snippet {
    severity: Severity,
    message: String,
    rule: String,
    help: Option<String>,
    source: Option<Excerpt>,
    span: Option<SourceSpan>,
    label: String,
}

impl Snippet {
    fn new(d: &Diagnostic, lines: Option<&Lines>) -> Self {
        let file = d.file.to_string_lossy().replace('\\', "/");
        let position = match d.location {
            Some(loc) => format!("{file}:{}:{}", loc.line, loc.column),
            None => file.clone(),
        };
        // Long lines are cut to a window around the column first: miette
        // pads with the column as a format width, which panics beyond
        // 65,535 (a YAML error on a 1 MB line did), and no one reads a
        // megabyte of snippet anyway.
        let shown = lines.zip(d.location).map(|(lines, loc)| {
            let (first_line, excerpt) = lines.around(loc.line);
            let within = Location {
                line: loc.line - first_line,
                column: loc.column,
            };
            let (text, within) = shorten_lines(excerpt, within);
            (text, within, first_line)
        });
        let span = shown.as_ref().map(|(t, loc, _)| line_span(t, *loc));
        let label = clip(
            &d.field.clone().unwrap_or_else(|| crate::t!("label-here")),
            MAX_LINE,
        );
        Snippet {
            severity: d.severity,
            message: format!("{position}: {}", clip(&d.message, MAX_MESSAGE)),
            rule: d.rule.clone(),
            help: d.help.as_deref().map(|h| clip(h, MAX_MESSAGE)),
            source: shown.map(|(text, _, first_line)| Excerpt {
                name: file,
                text,
                first_line,
            }),
            span,
            label,
        }
    }
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Snippet {}

impl miette::Diagnostic for Snippet {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some(self.label.clone()), span),
        )))
    }
}

/// A file's text with the byte offset where each line starts.
struct Lines {
    text: String,
    starts: Vec<usize>,
}

/// Lines shown before and after a finding's own line. miette shows one
/// each side; one more each side keeps its view of the context whole.
const AROUND: usize = 2;

impl Lines {
    fn new(text: String) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        Lines { text, starts }
    }

    /// The lines around the 1-based `line`: how many lines come before
    /// them, and their text.
    fn around(&self, line: usize) -> (usize, &str) {
        let count = self.starts.len();
        let first = line.saturating_sub(1 + AROUND).min(count);
        let end = (line + AROUND).min(count);
        let from = self.starts.get(first).copied().unwrap_or(self.text.len());
        let to = self.starts.get(end).copied().unwrap_or(self.text.len());
        (first, &self.text[from..to])
    }
}

/// A few lines of a file, which tell miette the line numbers they have in
/// the whole file.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    /// How many lines of the file come before the excerpt.
    first_line: usize,
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// The longest line a snippet shows, in characters; longer lines are cut
/// to a window of this width around the finding's column.
const MAX_LINE: usize = 160;

/// The longest message or help text shown, in characters (a message may
/// quote a value, and a value may be a megabyte long).
const MAX_MESSAGE: usize = 2_000;

/// `s`, cut to `max` characters with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_owned(),
    }
}

/// `text` with every line longer than [`MAX_LINE`] characters cut down,
/// and `loc` moved to the same character in the cut text. Lines are kept
/// (never joined or dropped), so line numbers stay true; the finding's own
/// line keeps a window around its column, the others their start.
fn shorten_lines(text: &str, loc: Location) -> (String, Location) {
    let mut out = String::with_capacity(text.len().min(1 << 16));
    let mut column = loc.column;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body.strip_suffix('\r').unwrap_or(body), "\n"),
            None => (line, ""),
        };
        let chars = body.chars().count();
        if chars <= MAX_LINE {
            out.push_str(body);
        } else if i + 1 == loc.line {
            let col = loc.column.saturating_sub(1).min(chars);
            let start = col.saturating_sub(MAX_LINE / 2).min(chars - MAX_LINE);
            if start > 0 {
                out.push('…');
            }
            out.extend(body.chars().skip(start).take(MAX_LINE));
            if start + MAX_LINE < chars {
                out.push('…');
            }
            column = col - start + 1 + usize::from(start > 0);
        } else {
            out.extend(body.chars().take(MAX_LINE));
            out.push('…');
        }
        out.push_str(end);
    }
    (
        out,
        Location {
            line: loc.line,
            column,
        },
    )
}

/// The byte span from `loc` to the end of its line, for the snippet label.
fn line_span(text: &str, loc: Location) -> SourceSpan {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(loc.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = text[line_start..].lines().next().unwrap_or("");
    let col_offset: usize = line
        .chars()
        .take(loc.column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    // Stop before a trailing YAML comment, which is not part of the value.
    let code = match line[col_offset.min(line.len())..].find(" #") {
        Some(comment) => &line[..col_offset + comment],
        None => line,
    };
    let len = code.trim_end().len().saturating_sub(col_offset).max(1);
    (line_start + col_offset, len).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    #[test]
    fn line_span_counts_characters_not_bytes() {
        let text = "name: 测试\nvalue: 三次\n";
        let span = line_span(text, Location { line: 2, column: 8 });
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "三次");
    }

    #[test]
    fn a_finding_on_a_megabyte_line_renders_a_short_snippet() {
        let line = format!("name: {}: x\n", "长".repeat(400_000));
        let text = format!("year: 2023\n{line}goals: []\n");
        let d = Diagnostic::error("schema", "a.yaml", "mapping values are not allowed").at(Some(
            Location {
                line: 2,
                column: 400_007,
            },
        ));
        let out = Diagnostics::from_iter([d]).render_human_from(|_| Some(text.clone()), false, 9);
        assert!(out.contains("a.yaml:2:400007"), "{out}");
        assert!(out.len() < 4_000, "{} bytes", out.len());
        assert!(out.contains(": x"), "the window shows the column: {out}");
    }

    #[test]
    fn shortened_lines_keep_their_number_and_column() {
        let text = format!("a\n{}X{}\nb", "y".repeat(1000), "z".repeat(1000));
        let (short, loc) = shorten_lines(
            &text,
            Location {
                line: 2,
                column: 1001,
            },
        );
        assert_eq!(short.lines().count(), 3);
        let line = short.lines().nth(1).unwrap();
        assert_eq!(line.chars().nth(loc.column - 1), Some('X'), "{line}");
    }

    #[test]
    fn line_span_stops_before_a_comment() {
        let text = "value: null  # 原表为空\n";
        let span = line_span(text, Location { line: 1, column: 8 });
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "null");
    }

    #[test]
    fn an_excerpt_shows_the_lines_a_whole_file_would() {
        let text: String = (1..=40).map(|i| format!("key{i}: value {i}\n")).collect();
        let lines = Lines::new(text.clone());
        for line in [1, 2, 3, 20, 39, 40] {
            let d = Diagnostic::error("r", "a.yaml", "m").at(Some(Location { line, column: 3 }));
            let excerpted = Diagnostics::from_iter([d.clone()]).render_human_from(
                |_| Some(text.clone()),
                false,
                9,
            );
            assert!(
                excerpted.contains(&format!("key{line}: value {line}")),
                "{excerpted}"
            );
            assert!(excerpted.contains(&format!(" {line} │")), "{excerpted}");
            let (first, excerpt) = lines.around(line);
            assert!(excerpt.lines().count() <= 2 * AROUND + 1);
            assert_eq!(
                excerpt.lines().nth(line - first - 1),
                text.lines().nth(line - 1)
            );
        }
    }
}
