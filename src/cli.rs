//! The command line: one clap definition, the single source of `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Publish budget performance-target tables (绩效目标公开表) as an accessible static site",
    after_help = "Exit codes: 0 success, 1 content errors (or warnings with --deny-warnings), 2 usage or I/O errors."
)]
pub(crate) struct Cli {
    /// The site root: the folder with site.toml.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check the content and build the site into the output directory.
    Build(BuildArgs),
    /// Check the content without writing anything.
    Check(CheckArgs),
    /// Create a new, empty site in DIR.
    Init(InitArgs),
    /// Build, then rebuild whenever a source file changes.
    Watch(WatchArgs),
    /// Watch, and preview the site over HTTP with live reload.
    Serve(ServeArgs),
    /// Turn spreadsheets, CSV, saved web pages or OCR text into project YAML.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The files to read: .xlsx, .xls, .csv, .html/.htm or OCR .txt.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The unit code (单位编码) to file every project under, when the
    /// source does not give it (or gives another one).
    #[arg(long, value_name = "CODE")]
    pub department: Option<String>,
    /// The budget year (预算年度), when the source does not state it.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u16>,
    /// Print what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace existing project files with the same name instead of
    /// writing the import next to them with a -2 suffix.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Write here instead of site.toml's output_dir (default public/).
    #[arg(short, long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// How to print findings. JSON is stable and documented in the README.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print every rule id with its default severity, then exit.
    #[arg(long)]
    pub list_rules: bool,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in; it must be missing or empty.
    pub dir: PathBuf,
    /// The site title (default: derived from the folder name).
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Poll for changes every MS milliseconds instead of using native file
    /// events; for network drives, containers and WSL.
    #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
    pub poll: Option<u64>,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub watch: WatchArgs,
    /// Port to listen on; if it is taken, a free one is used.
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// Address to bind. Keep the loopback default unless you mean to share
    /// an unpublished draft with your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}
