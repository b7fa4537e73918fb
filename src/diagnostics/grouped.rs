//! The short human report: every error in full, with its snippet, and the
//! other findings one group per rule, with a count, the first few places
//! and the advice once.
//!
//! A real site has hundreds of warnings and notes, mostly a few rules
//! repeated; listed one by one with their snippets they buried the one
//! finding that mattered (the example's `check` printed 477 lines). Errors
//! stop the build, so each is shown whole. The full listing stays one flag
//! away (`check --verbose`), and the JSON report is always complete.

use std::path::Path;

use super::{Diagnostic, Diagnostics, Severity};

impl Diagnostics {
    /// The short report of the files under `root`: errors in full, then
    /// warnings and notes grouped by rule, each group showing at most
    /// `per_rule` places; then the summary.
    pub fn render_grouped(&self, root: &Path, color: bool, per_rule: usize) -> String {
        self.render_grouped_from(
            |file| crate::source::read_inside_text(root, file),
            color,
            per_rule,
        )
    }

    /// [`render_grouped`](Self::render_grouped), with the files' texts
    /// coming from `read`.
    pub fn render_grouped_from(
        &self,
        read: impl Fn(&Path) -> Option<String>,
        color: bool,
        per_rule: usize,
    ) -> String {
        let errors: Vec<&Diagnostic> = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let mut out = super::snippet::render_snippets(&errors, read, color);
        for group in groups(&self.items) {
            out.push_str(&heading(&group));
            for d in group.items.iter().take(per_rule) {
                out.push_str("    ");
                out.push_str(&place(d));
                out.push_str("  ");
                out.push_str(&d.message);
                out.push('\n');
            }
            if let Some(help) = group.items[0].help.as_deref() {
                out.push_str("    ");
                out.push_str(&crate::t!("findings-group-help", help = help));
                out.push('\n');
            }
            if group.items.len() > per_rule {
                out.push_str("    ");
                out.push_str(&crate::t!(
                    "findings-group-more",
                    count = group.items.len() - per_rule
                ));
                out.push('\n');
            }
        }
        out.push_str(&format!("{}\n", self.summary()));
        let hidden = self.dropped.warnings + self.dropped.infos;
        if hidden > 0 {
            out.push_str(&crate::t!("findings-hidden", count = hidden));
            out.push('\n');
        }
        out
    }
}

/// The findings of one rule at one severity, in report order.
struct Group<'a> {
    severity: Severity,
    rule: &'a str,
    items: Vec<&'a Diagnostic>,
}

/// The non-error findings grouped by severity and rule: warnings before
/// notes, then the larger groups first, then by rule id, so the order never
/// depends on anything but the findings.
fn groups(items: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: std::collections::HashMap<(Severity, &str), usize> =
        std::collections::HashMap::new();
    for d in items.iter().filter(|d| d.severity != Severity::Error) {
        let key = (d.severity, d.rule.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                severity: d.severity,
                rule: &d.rule,
                items: Vec::new(),
            });
            groups.len() - 1
        });
        groups[i].items.push(d);
    }
    groups.sort_by(|a, b| {
        (a.severity, std::cmp::Reverse(a.items.len()), a.rule).cmp(&(
            b.severity,
            std::cmp::Reverse(b.items.len()),
            b.rule,
        ))
    });
    groups
}

/// `⚠ rule：N 条 — what the rule checks`.
fn heading(group: &Group<'_>) -> String {
    let glyph = match group.severity {
        Severity::Error => "×",
        Severity::Warning => "⚠",
        Severity::Info => "☞",
    };
    let summary_key = format!("rule-{}", group.rule);
    let mut line = crate::t!(
        "findings-group",
        glyph = glyph,
        rule = group.rule,
        count = group.items.len()
    );
    if crate::i18n::has(&summary_key) {
        line.push_str(" — ");
        line.push_str(&crate::i18n::message(&summary_key, &[]));
    }
    line.push('\n');
    line
}

/// `file:line:column`, as far as the finding knows it.
fn place(d: &Diagnostic) -> String {
    let file = d.file.display();
    match d.location {
        Some(l) => format!("{file}:{}:{}", l.line, l.column),
        None => file.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(severity: Severity, rule: &str, line: usize) -> Diagnostic {
        Diagnostic::new(
            severity,
            rule,
            Path::new("content/1/p.yaml"),
            format!("m{line}"),
        )
        .at(Some(crate::source::Location { line, column: 3 }))
        .help("fix it")
    }

    #[test]
    fn errors_in_full_then_groups_with_their_first_places() {
        let mut all = Diagnostics::default();
        for line in 1..=5 {
            all.push(d(Severity::Info, "framework-synonym", line));
        }
        all.push(d(Severity::Warning, "value-missing", 9));
        all.push(d(Severity::Error, "schema", 7));
        let out = all.render_grouped_from(|_| Some("a\n".repeat(10)), false, 3);
        let error = out.find("m7").unwrap();
        let warning = out.find("value-missing").unwrap();
        let info = out.find("framework-synonym").unwrap();
        assert!(error < warning && warning < info, "{out}");
        assert!(out.contains("content/1/p.yaml:3:3  m3"), "{out}");
        assert!(!out.contains("m4"), "{out}");
        assert_eq!(out.matches("fix it").count(), 3, "{out}");
        assert!(out.contains('2'), "{out}");
    }
}
