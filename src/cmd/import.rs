//! `gongkai import`: spreadsheets, web pages and OCR text in, reviewed YAML
//! out. The library reads and maps every file before anything is written;
//! this driver prints what was (or would be) written, every review flag,
//! the findings of `check` on the new files, and the one-line summary.

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use gongkai::build;
use gongkai::diagnostics::{Diagnostics, Severity};
use gongkai::error::{Error, Result};
use gongkai::import::{ImportOptions, Report};

use super::use_color;
use crate::cli::ImportArgs;

/// Imports, then checks what was written. Findings of `check` on the new
/// files are printed, and make the exit code 1 when they are errors: the
/// files stay written (they are the user's to fix), but CI sees the failure.
pub(crate) fn run(root: &Path, args: ImportArgs) -> Result<ExitCode> {
    let options = ImportOptions {
        root: root.to_path_buf(),
        files: args.files,
        department: args.department,
        year: args.year,
        dry_run: args.dry_run,
        force: args.force,
    };
    let report = gongkai::import::run(&options)?;
    print_plan(&report);
    let failed = report.written && check_written(root, &report);
    let summary = if report.written {
        gongkai::t!(
            "import-summary",
            files = report.files_read,
            projects = report.projects(),
            rows = report.rows(),
            flagged = report.flagged_rows(),
            flags = report.flags()
        )
    } else {
        gongkai::t!(
            "import-summary-dry-run",
            files = report.files_read,
            projects = report.projects(),
            rows = report.rows(),
            flagged = report.flagged_rows(),
            flags = report.flags()
        )
    };
    eprintln!("{summary}");
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The notes, each file written (or, in a dry run, its text on stdout),
/// then every review flag with its line.
fn print_plan(report: &Report) {
    let mut out = std::io::stdout().lock();
    for note in &report.notes {
        eprintln!("{note}");
    }
    for planned in &report.planned {
        let path = planned.path.display();
        let line = match (report.written, planned.replaces) {
            (true, true) => gongkai::t!("import-replaced", path = path),
            (true, false) => gongkai::t!("import-wrote", path = path),
            (false, true) => gongkai::t!("import-would-replace", path = path),
            (false, false) => gongkai::t!("import-would-write", path = path),
        };
        eprintln!("{line}");
        if !report.written {
            // A closed pipe (for example `| head`) is not worth a panic.
            let _ = writeln!(out, "--- {}\n{}", planned.path.display(), planned.text);
        }
    }
    for planned in &report.planned {
        for (line, why) in &planned.flags {
            eprintln!("{}:{line}: 待核对：{why}", planned.path.display());
        }
    }
}

/// Runs `check` on the site and prints the findings about the files just
/// written; true when any of them is an error.
fn check_written(root: &Path, report: &Report) -> bool {
    let diagnostics = match build::load_and_check(root, Severity::Warning) {
        Ok((_, diagnostics)) | Err(Error::Content(diagnostics)) => diagnostics,
        Err(other) => {
            // The files are written; a site that cannot be checked (say, a
            // broken site.toml) is reported, not hidden.
            eprintln!("{:?}", miette::Report::new(other));
            return true;
        }
    };
    let mut mine = Diagnostics::default();
    mine.extend(
        diagnostics
            .iter()
            .filter(|d| report.planned.iter().any(|p| d.file.ends_with(&p.path)))
            .cloned(),
    );
    if !mine.is_empty() {
        let color = use_color(std::io::stderr().is_terminal());
        eprint!("{}", mine.render_human(root, color));
    }
    mine.has_errors()
}
