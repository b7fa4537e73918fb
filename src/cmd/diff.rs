//! `gongkai diff`: loads both sides, prints the report in the chosen
//! format, and maps the outcome to the exit code: 0 no change, 1 changes,
//! 2 an error (a bad revision, no site). Also the textconv mode and
//! `--record`. Everything it prints is made in `gongkai::diff`.

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use gongkai::config::Config;
use gongkai::diff::{self, DiffError, Spec, report};

use super::use_color;
use crate::cli::{DiffArgs, DiffFormat};

pub(crate) fn run(root: &Path, args: &DiffArgs) -> ExitCode {
    match compare(root, args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", gongkai::t!("diff-error", error = error));
            ExitCode::from(2)
        }
    }
}

fn compare(root: &Path, args: &DiffArgs) -> Result<ExitCode, DiffError> {
    if let Some(file) = &args.textconv {
        return textconv(root, file);
    }
    let old = args
        .old
        .as_deref()
        .map_or_else(|| Spec::Revision("HEAD".to_owned()), Spec::from_arg);
    let new = args.new.as_deref().map_or(Spec::WorkTree, Spec::from_arg);
    if args.record && new != Spec::WorkTree {
        return Err(DiffError::Usage(gongkai::t!("diff-record-worktree")));
    }
    if let Some(date) = &args.date
        && !is_date(date)
    {
        return Err(DiffError::Usage(gongkai::t!(
            "diff-record-date",
            date = date
        )));
    }
    let (a, b) = diff::source::load_pair(root, &old, &new)?;
    let diff = diff::diff(&a, &b);
    let text = match args.format {
        DiffFormat::Text => {
            report::text::render(&diff, use_color(std::io::stdout().is_terminal()), args.stat)
        }
        DiffFormat::Markdown => report::markdown::render(&diff),
        DiffFormat::Json => report::json::render(&diff),
    };
    // A closed pipe (`| head`) is not worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if args.record {
        for r in diff::record::record(root, &diff, args.date.as_deref()) {
            let file = r.file.display();
            if r.written {
                eprintln!("{}", gongkai::t!("diff-record-written", file = file));
            } else {
                eprintln!(
                    "{}\n{}",
                    gongkai::t!("diff-record-paste", file = file),
                    r.snippet
                );
            }
        }
    }
    Ok(if diff.has_changes() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `YYYY-MM-DD` with digits.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Prints `file` converted for git; the site's unit from `--root` when
/// there is a site there (git runs textconv at the top of the work tree).
fn textconv(root: &Path, file: &Path) -> Result<ExitCode, DiffError> {
    let bytes =
        std::fs::read(file).map_err(|e| DiffError::Usage(format!("{}: {e}", file.display())))?;
    let unit = Config::load(root)
        .map(|c| c.amount_unit)
        .unwrap_or_default();
    let out = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)) {
        Ok(text) => diff::textconv::convert(text, unit).into_bytes(),
        Err(_) => bytes,
    };
    let _ = std::io::stdout().write_all(&out);
    Ok(ExitCode::SUCCESS)
}
