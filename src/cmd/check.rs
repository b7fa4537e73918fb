//! `gongkai check`: every finding, to stdout, as text or JSON; or the list
//! of rules.

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use gongkai::build;
use gongkai::check;
use gongkai::diagnostics::Severity;
use gongkai::error::{Error, Result};

use super::use_color;
use crate::cli::{CheckArgs, Format};

/// The places a grouped report shows for each rule; `--verbose` shows all.
pub(crate) const SHOWN_PER_RULE: usize = 3;

pub(crate) fn run(root: &Path, args: &CheckArgs) -> Result<ExitCode> {
    if args.list_rules {
        list_rules();
        return Ok(ExitCode::SUCCESS);
    }
    let diagnostics = match build::load_and_check(root, Severity::Info) {
        Ok((_, diagnostics)) => diagnostics,
        Err(Error::Content(diagnostics)) => diagnostics,
        Err(other) => return Err(other),
    };
    let text = match args.format {
        Format::Human => {
            let color = use_color(std::io::stdout().is_terminal());
            if args.verbose {
                diagnostics.render_human(root, color)
            } else {
                diagnostics.render_grouped(root, color, SHOWN_PER_RULE)
            }
        }
        Format::Json => diagnostics.render_json(),
    };
    // A closed pipe (for example `| head`) is not worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    let summary = diagnostics.summary();
    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn list_rules() {
    let rules = check::rules::ALL
        .iter()
        .map(|r| (r.id, r.default_severity))
        .chain(
            check::history::SITE_RULES
                .iter()
                .map(|r| (r.id, r.default_severity)),
        );
    let width = rules.clone().map(|(id, _)| id.len()).max().unwrap_or(0);
    for (id, severity) in rules {
        let severity = severity.to_string();
        let summary = gongkai::i18n::message(&format!("rule-{id}"), &[]);
        println!("{id:<width$}  {severity:<7}  {summary}");
    }
}
