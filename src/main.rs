//! The `gongkai` binary: parse the command line, run the library, map the
//! outcome to an exit code. All behaviour lives in the library.

mod cli;

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use clap::Parser as _;

use cli::{Cli, Command, Format};
use gongkai::build::{self, BuildOptions};
use gongkai::check;
use gongkai::diagnostics::{Diagnostics, Severity};
use gongkai::error::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err((error, root)) => {
            let code = error.exit_code();
            report_error(error, &root);
            ExitCode::from(code)
        }
    }
}

type Outcome = Result<ExitCode, (Error, std::path::PathBuf)>;

fn run(cli: Cli) -> Outcome {
    let root = cli.root.clone();
    let fail = |e: Error| (e, root.clone());
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                root: cli.root.clone(),
                output_dir: args.output_dir,
                progress: true,
            };
            let report = build::build(&options).map_err(fail)?;
            print_warnings(&report.diagnostics, &cli.root);
            eprintln!(
                "built {} project(s), {} page(s) in {:.2} s ({} written, {} unchanged) → {}",
                report.projects,
                report.pages,
                report.elapsed.as_secs_f64(),
                report.files.written,
                report.files.unchanged,
                report.out_dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => run_check(&cli.root, &args).map_err(fail),
        Command::Init(args) => {
            let files = gongkai::init::init(&args.dir, args.title.as_deref()).map_err(fail)?;
            for file in files {
                eprintln!("created {}", args.dir.join(file).display());
            }
            eprintln!("next: gongkai build --root {}", args.dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Watch(args) => {
            let color = use_color(std::io::stderr().is_terminal());
            gongkai::watch::run(&watch_options(&cli.root, args), color).map_err(fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let options = gongkai::serve::ServeOptions {
                color: use_color(std::io::stderr().is_terminal()),
                port: args.port,
                bind: args.bind,
                open: args.open,
                watch: watch_options(&cli.root, args.watch),
            };
            gongkai::serve::run(&options).map_err(fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => run_import(&cli.root, args).map_err(fail),
    }
}

/// Imports, then checks what was written. Findings of `check` on the new
/// files are printed, and make the exit code 1 when they are errors.
fn run_import(root: &std::path::Path, args: cli::ImportArgs) -> Result<ExitCode, Error> {
    let options = gongkai::import::ImportOptions {
        root: root.to_path_buf(),
        files: args.files,
        department: args.department,
        year: args.year,
        dry_run: args.dry_run,
        force: args.force,
    };
    let report = gongkai::import::run(&options)?;
    let mut out = std::io::stdout().lock();
    for note in &report.notes {
        eprintln!("{note}");
    }
    for planned in &report.planned {
        let verb = match (report.written, planned.replaces) {
            (true, true) => "replaced",
            (true, false) => "wrote",
            (false, true) => "would replace",
            (false, false) => "would write",
        };
        eprintln!("{verb} {}", planned.path.display());
        if !report.written {
            let _ = writeln!(out, "--- {}\n{}", planned.path.display(), planned.text);
        }
    }
    for planned in &report.planned {
        for (line, why) in &planned.flags {
            eprintln!("{}:{line}: 待核对：{why}", planned.path.display());
        }
    }
    let mut failed = false;
    if report.written {
        let written: Vec<_> = report.planned.iter().map(|p| p.path.clone()).collect();
        let diagnostics = match build::load_and_check(root, Severity::Warning) {
            Ok((_, diagnostics)) | Err(Error::Content(diagnostics)) => diagnostics,
            Err(other) => {
                // The files are written; a site that cannot be checked
                // (say, a broken site.toml) is reported, not hidden.
                eprintln!("{:?}", miette::Report::new(other));
                Diagnostics::default()
            }
        };
        let mut mine = Diagnostics::default();
        mine.extend(
            diagnostics
                .iter()
                .filter(|d| written.iter().any(|w| d.file.ends_with(w)))
                .cloned(),
        );
        if !mine.is_empty() {
            let color = use_color(std::io::stderr().is_terminal());
            eprint!("{}", mine.render_human(root, color));
        }
        failed = mine.has_errors();
    }
    eprintln!(
        "import: {} file(s) read, {} project(s) {}, {} indicator row(s), {} row(s) flagged for review ({} 待核对 comment(s))",
        report.files_read,
        report.projects(),
        if report.written {
            "written"
        } else {
            "to write (dry run)"
        },
        report.rows(),
        report.flagged_rows(),
        report.flags(),
    );
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn watch_options(root: &std::path::Path, args: cli::WatchArgs) -> gongkai::watch::WatchOptions {
    gongkai::watch::WatchOptions {
        build: BuildOptions {
            root: root.to_path_buf(),
            output_dir: args.build.output_dir,
            progress: true,
        },
        poll: args.poll.map(std::time::Duration::from_millis),
    }
}

fn run_check(root: &std::path::Path, args: &cli::CheckArgs) -> Result<ExitCode, Error> {
    if args.list_rules {
        let width = check::rules::ALL
            .iter()
            .map(|r| r.id.len())
            .max()
            .unwrap_or(0);
        for rule in check::rules::ALL {
            let severity = rule.default_severity.to_string();
            println!("{:<width$}  {severity:<7}  {}", rule.id, rule.summary);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let diagnostics = match build::load_and_check(root, Severity::Info) {
        Ok((_, diagnostics)) => diagnostics,
        Err(Error::Content(diagnostics)) => diagnostics,
        Err(other) => return Err(other),
    };
    let text = match args.format {
        Format::Human => diagnostics.render_human(root, use_color(std::io::stdout().is_terminal())),
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

/// Prints a build's findings to stderr: every error, and the first
/// warnings only, so that a large site's log stays readable (`check`
/// prints them all).
fn print_warnings(diagnostics: &Diagnostics, root: &std::path::Path) {
    const MAX_WARNINGS: usize = 50;
    if !diagnostics.is_empty() {
        let color = use_color(std::io::stderr().is_terminal());
        eprint!(
            "{}",
            diagnostics.render_human_capped(root, color, MAX_WARNINGS)
        );
    }
}

/// Content errors print every finding with its snippet, then one line;
/// other errors print through miette with their help text.
fn report_error(error: Error, root: &std::path::Path) {
    if let Error::Content(diagnostics) = &error {
        print_warnings(diagnostics, root);
        eprintln!("error: {error}; nothing was written");
        return;
    }
    eprintln!("{:?}", miette::Report::new(error));
}

fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none()
}
