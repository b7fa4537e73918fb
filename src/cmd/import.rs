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
use gongkai::import::{ImportOptions, Report, Status};

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
    if let Some(path) = &args.report {
        let mut text = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
        text.push('\n');
        std::fs::write(path, text).map_err(|e| Error::write(path, e))?;
        eprintln!(
            "{}",
            gongkai::t!("import-report-written", path = path.display())
        );
    }
    let failed = report.written && check_written(root, &report);
    // 绩效自评 files are counted apart from the projects (target tables)
    // when there are any; the new/replaced/unchanged counts cover both.
    let evaluations = report.evaluations();
    let key = match (report.written, evaluations > 0) {
        (true, false) => "import-summary",
        (false, false) => "import-summary-dry-run",
        (true, true) => "import-summary-evaluations",
        (false, true) => "import-summary-dry-run-evaluations",
    };
    eprintln!(
        "{}",
        gongkai::i18n::message(
            key,
            &[
                ("files", report.sources.len().to_string()),
                ("projects", (report.projects() - evaluations).to_string()),
                ("evaluations", evaluations.to_string()),
                ("new", report.new_files().to_string()),
                ("replaced", report.replaced().to_string()),
                ("unchanged", report.unchanged().to_string()),
                ("rows", report.rows().to_string()),
                ("flagged", report.flagged_rows().to_string()),
                ("flags", report.flags().to_string()),
                ("unplaced", report.not_placed().to_string()),
            ]
        )
    );
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Per source: what it gave and every item not placed; then each file
/// written (or, in a dry run, its text on stdout), then every review flag
/// with its line.
fn print_plan(report: &Report) {
    let mut out = std::io::stdout().lock();
    for source in &report.sources {
        let mut parts: Vec<String> = source
            .parts
            .iter()
            .map(|(part, count)| gongkai::t!("import-source-part", part = part, count = count))
            .collect();
        if let Some(encoding) = &source.encoding {
            parts.push(gongkai::t!("import-source-encoding", encoding = encoding));
        }
        let separator = gongkai::t!("list-separator");
        eprintln!(
            "{}",
            gongkai::t!(
                "import-source-line",
                file = source.file.display(),
                parts = parts.join(&separator)
            )
        );
        let unplaced = source.not_placed.len() + source.skipped.len();
        if unplaced > 0 {
            eprintln!(
                "  {}",
                gongkai::t!("import-unplaced-heading", count = unplaced)
            );
        }
        for (part, why) in &source.skipped {
            eprintln!(
                "    {}",
                gongkai::t!("import-skipped-item", part = part, why = why)
            );
        }
        for item in &source.not_placed {
            eprintln!(
                "    {}",
                gongkai::t!(
                    "import-unplaced-item",
                    at = item.at,
                    text = item.text,
                    reason = item.reason
                )
            );
        }
    }
    for planned in &report.planned {
        let path = planned.path.display();
        let line = match (report.written, planned.status) {
            (_, Status::Unchanged) => gongkai::t!("import-unchanged", path = path),
            (true, Status::Replaced) => gongkai::t!("import-replaced", path = path),
            (true, _) => gongkai::t!("import-wrote", path = path),
            (false, Status::Replaced) => gongkai::t!("import-would-replace", path = path),
            (false, _) => gongkai::t!("import-would-write", path = path),
        };
        eprintln!("{line}");
        if let Some(plan) = &planned.evaluation {
            let note = match &plan.target {
                Some(target) => {
                    gongkai::t!("import-eval-beside", path = path, target = target.display())
                }
                None => gongkai::t!("import-eval-orphan", path = path, name = planned.name),
            };
            eprintln!("  {note}");
        }
        if !report.written && planned.writes() {
            // A closed pipe (for example `| head`) is not worth a panic.
            let _ = writeln!(out, "--- {}\n{}", planned.path.display(), planned.text);
        }
    }
    for planned in report.planned.iter().filter(|p| p.writes()) {
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
            // The review flags were just listed, each with its line.
            .filter(|d| d.rule != "review-pending")
            .cloned(),
    );
    if !mine.is_empty() {
        let color = use_color(std::io::stderr().is_terminal());
        eprint!("{}", mine.render_human(root, color));
    }
    mine.has_errors()
}
