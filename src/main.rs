//! The `gongkai` binary: parse the command line, hand it to the command's
//! driver in [`cmd`], map the outcome to an exit code. The pipeline lives
//! in the library; what talks to a terminal lives in `cmd`.

// A binary exports nothing, so `pub` inside it would only mislead.
#![warn(unreachable_pub)]

mod cli;
mod cli_error;
mod cmd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cli::{Cli, Command};
use gongkai::error::Error;

/// A build allocates and frees millions of small strings and template
/// values across threads; glibc's malloc spent about a fifth of a 10,000
/// project build in its own bookkeeping (bench/README.md has the profile).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::parse();
    let root = cli.root.clone();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            let code = error.exit_code();
            report_error(error, &root);
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let root: PathBuf = cli.root;
    match cli.command {
        Command::Build(args) => cmd::build::run(&root, args)?,
        Command::Check(args) => return cmd::check::run(&root, &args),
        Command::Init(args) => cmd::init::run(args)?,
        Command::Watch(args) => cmd::watch::run(&root, args)?,
        Command::Serve(args) => cmd::serve::run(&root, args)?,
        Command::Import(args) => return cmd::import::run(&root, args),
        Command::Deploy(args) => cmd::deploy::run(&root, args)?,
        Command::Export(args) => cmd::export::run(&root, &args)?,
        Command::Sign(args) => cmd::sign::run(&root, args)?,
        Command::Verify(args) => return cmd::verify::run(&args),
        Command::Diff(args) => return Ok(cmd::diff::run(&root, &args)),
    }
    Ok(ExitCode::SUCCESS)
}

/// Content errors print every finding with its snippet, then one line;
/// other errors print through miette with their help text.
fn report_error(error: Error, root: &Path) {
    if let Error::Content(diagnostics) = &error {
        cmd::print_warnings(diagnostics, root);
        eprintln!("{}", gongkai::t!("content-failed", error = error));
        return;
    }
    let report = format!("{:?}", miette::Report::new(error));
    eprintln!("{}", gongkai::i18n::localise_report(&report));
}
