//! The terminal report: plain text, or coloured with ANSI escapes when
//! the driver says so (a terminal, and `NO_COLOR` unset). In plain text a
//! deletion is `[-…-]` and an insertion `{+…+}`, as `git diff
//! --word-diff` writes them, so a log read without colour still shows
//! each character that changed.

use super::{Style, sections, stat_line, summary};
use crate::diff::Diff;

/// ANSI colours, or none.
pub struct Terminal {
    /// Colour the output.
    pub color: bool,
}

impl Terminal {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

impl Style for Terminal {
    fn heading(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn add(&self, text: &str) -> String {
        if self.color {
            self.paint("32", text)
        } else {
            format!("{{+{text}+}}")
        }
    }
    fn del(&self, text: &str) -> String {
        if self.color {
            self.paint("31", text)
        } else {
            format!("[-{text}-]")
        }
    }
    fn ok(&self, text: &str) -> String {
        self.paint("32", text)
    }
    fn warn(&self, text: &str) -> String {
        self.paint("33", text)
    }
    fn code(&self, text: &str) -> String {
        self.paint("36", text)
    }
    fn escape(&self, text: &str) -> String {
        // Control characters from a file must not drive the terminal.
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    '�'
                } else {
                    c
                }
            })
            .collect()
    }
    fn item(&self, depth: usize, text: &str) -> String {
        format!("{}{text}\n", "  ".repeat(depth + 1))
    }
}

/// The whole report, or with `stat` the summary and one line per project.
pub fn render(diff: &Diff, color: bool, stat: bool) -> String {
    let style = Terminal { color };
    let mut out = format!(
        "{}\n{}\n\n",
        style.heading(&crate::t!("diff-title", old = diff.old, new = diff.new)),
        summary(diff)
    );
    if !diff.has_changes() {
        out.push_str(&crate::t!("diff-no-changes"));
        out.push('\n');
        return out;
    }
    if stat {
        for t in &diff.totals {
            let name = t.department_name.as_deref().unwrap_or("");
            out.push_str(&style.item(
                0,
                &format!(
                    "{} {name} {}: {}",
                    t.department,
                    t.year,
                    super::total_line(t, &diff.unit)
                ),
            ));
        }
        for p in &diff.projects {
            out.push_str(&style.item(0, &stat_line(&style, p)));
        }
        return out;
    }
    let totals: Vec<_> = diff.totals.iter().collect();
    let projects: Vec<_> = diff.projects.iter().collect();
    let introduced: Vec<_> = diff.findings.introduced.iter().collect();
    let resolved: Vec<_> = diff.findings.resolved.iter().collect();
    out.push_str(&sections(
        &style,
        &diff.unit,
        &totals,
        &projects,
        &introduced,
        &resolved,
    ));
    out
}
