//! The command line: one clap definition, the single source of `--help`.
//!
//! The doc comments below are for maintainers; the help a person reads
//! comes from the message catalogue ([`gongkai::i18n`]), under the key
//! `cli-<command>-<argument>`, set by [`command`] once the language is
//! known. A test checks that every argument has its key.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};
use gongkai::i18n::{self, Lang};

#[derive(Debug, Parser)]
#[command(name = "gongkai", version)]
pub(crate) struct Cli {
    /// The site root: the folder with site.toml.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// The language of messages: zh (中文) or en. Default: site.toml's
    /// `language`, overridden by GONGKAI_LANG.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

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
    /// Upload the built site to the host that serves it (docs/deploy.md).
    Deploy(DeployArgs),
    /// Write the bundle a portal's CMS imports (`--cms FILE.zip`).
    Export(ExportArgs),
    /// Sign the output's SHA256SUMS with minisign (docs/integrity.md).
    Sign(SignArgs),
    /// Check a built or published site against its SHA256SUMS and signature.
    Verify(VerifyArgs),
    /// Compare two versions of the site in the domain's terms (docs/diff.md).
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The built output to sign instead of site.toml's output_dir.
    #[arg(short, long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Make a new key pair in DIR (outside the site) instead of signing.
    #[arg(long, value_name = "DIR")]
    pub generate: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// An output folder, or the http(s):// address of a published site.
    #[arg(value_name = "DIR|URL")]
    pub target: String,
    /// The publisher's minisign public key (its base64 line).
    #[arg(long, value_name = "KEY", conflicts_with = "public_key_file")]
    pub public_key: Option<String>,
    /// The publisher's public key file (.pub).
    #[arg(long, value_name = "FILE")]
    pub public_key_file: Option<PathBuf>,
}

/// `gongkai diff [OLD] [NEW]`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The old side: a git revision, or a folder with site.toml. Default HEAD.
    #[arg(value_name = "OLD")]
    pub old: Option<String>,
    /// The new side, the same way. Default: the working tree (--root).
    #[arg(value_name = "NEW")]
    pub new: Option<String>,
    /// text for a terminal, markdown for a pull-request comment, json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Only the summary, the totals and one line per project.
    #[arg(long)]
    pub stat: bool,
    /// Print FILE as one line per fact, for git's textconv.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["old", "new", "record", "stat"])]
    pub textconv: Option<PathBuf>,
    /// Append a `revisions:` skeleton to each changed project file of the
    /// working tree.
    #[arg(long)]
    pub record: bool,
    /// The date `--record` writes (else a placeholder to complete).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "record")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The zip to write: one record per project (HTML fragment,
    /// meta.json, downloads) and a manifest with SHA-256 sums.
    #[arg(long, required = true, value_name = "FILE.zip")]
    pub cms: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct DeployArgs {
    /// Where to: sftp://user@host/path, ftp://user@host/path,
    /// ftps://user@host/path or a local folder. Default: site.toml's
    /// `[deploy] to`.
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// The built output to publish instead of site.toml's output_dir.
    #[arg(short, long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Print what would be uploaded, replaced and deleted; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also write that list to FILE (JSON when it ends in .json).
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// Refuse a deploy that deletes more than N files (default 256).
    #[arg(long, value_name = "N")]
    pub max_deletes: Option<usize>,
    /// The SSH private key file for SFTP (else GONGKAI_DEPLOY_KEY, else
    /// the SSH agent).
    #[arg(short, long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
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
    /// Replace the existing file of a project whose source changed
    /// (same year and 项目编码, or same name); keeps the fields and
    /// comments only the file has.
    #[arg(long)]
    pub force: bool,
    /// Also write the import report (projects, flags, items not placed)
    /// as JSON to this file.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Write here instead of site.toml's output_dir (default public/).
    #[arg(short, long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Build into a folder gongkai did not make, or over the user's files
    /// in the way; the user's other files stay.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// How to print findings. JSON is stable and documented in docs/check.md.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print every rule id with its default severity, then exit.
    #[arg(long)]
    pub list_rules: bool,
    /// List every finding with its snippet; by default warnings and notes
    /// are grouped by rule, with their first places.
    #[arg(long, short = 'v', alias = "all")]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in; it must be missing or empty.
    pub dir: PathBuf,
    /// The site title (default: derived from the folder name).
    #[arg(long)]
    pub title: Option<String>,
    /// 主办单位. Footer and publication values not given as flags are
    /// asked for when stdin is a terminal.
    #[arg(long)]
    pub organizer: Option<String>,
    /// 网站标识码.
    #[arg(long)]
    pub site_code: Option<String>,
    /// ICP 备案号.
    #[arg(long)]
    pub icp: Option<String>,
    /// 公安机关备案号.
    #[arg(long)]
    pub police: Option<String>,
    /// 联系方式.
    #[arg(long)]
    pub contact: Option<String>,
    /// 信息来源.
    #[arg(long)]
    pub source: Option<String>,
    /// 发布日期.
    #[arg(long)]
    pub published: Option<String>,
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

/// Parses the command line, in the language of the site it names: the
/// language is needed before clap builds `--help`, so `--lang` and
/// `--root` are looked for first, by hand.
pub(crate) fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    i18n::set_lang(language(&args));
    // `init DIR` makes a new site wherever DIR is; the global --root means
    // nothing to it, so its help does not offer it. (Hidden before clap
    // builds the command: changing a propagated global afterwards breaks
    // parsing.)
    let init = args.iter().skip(1).any(|a| a == "init");
    let matches = command_with(init)
        .try_get_matches_from(args)
        .unwrap_or_else(|e| crate::cli_error::exit(e));
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| crate::cli_error::exit(e))
}

/// `--lang`, then `GONGKAI_LANG`, then the `language` of the site.toml
/// under `--root` (or the current folder).
fn language(args: &[OsString]) -> Lang {
    let value_of = |name: &str| {
        let flag = format!("--{name}");
        let prefix = format!("--{name}=");
        args.iter().enumerate().find_map(|(i, a)| {
            let a = a.to_str()?;
            if a == flag {
                args.get(i + 1)?.to_str().map(str::to_owned)
            } else {
                a.strip_prefix(&prefix).map(str::to_owned)
            }
        })
    };
    let root = value_of("root").unwrap_or_else(|| ".".to_owned());
    let site = site_language(Path::new(&root));
    let env = std::env::var("GONGKAI_LANG").ok();
    Lang::choose(value_of("lang").as_deref(), env.as_deref(), site.as_deref())
}

/// The `language` key of `root/site.toml`, if the file reads.
fn site_language(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    Some(table.get("language")?.as_str()?.to_owned())
}

/// The clap command with every help text from the catalogue;
/// `hide_root` leaves `--root` out of the help (for `init`).
fn command_with(hide_root: bool) -> clap::Command {
    let mut cmd = Cli::command()
        .mut_arg("root", |a| a.hide(hide_root))
        .about(i18n::message("cli-about", &[]))
        .after_help(i18n::message("cli-after-help", &[]));
    cmd = localize_args(cmd, "cli");
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let sub = sub.about(i18n::message(&format!("cli-{name}"), &[]));
            localize_args(sub, &format!("cli-{name}"))
        });
    }
    cmd.build();
    // clap's own words: the headings, and the -h and -V flags it adds.
    cmd = frame(cmd).mut_arg("version", |a| {
        a.help(i18n::message("cli-version-flag", &[]))
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, frame);
    }
    // The `help` subcommand clap adds has its own English about.
    cmd.mut_subcommand("help", |sub| {
        sub.about(i18n::message("cli-help-command", &[]))
    })
}

/// The help template, headings and `--help` text of one (sub)command in
/// the catalogue's words.
fn frame(cmd: clap::Command) -> clap::Command {
    let heading = i18n::message("cli-options-heading", &[]);
    let positional = i18n::message("cli-arguments-heading", &[]);
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let has_help = cmd.get_arguments().any(|a| a.get_id() == "help");
    let mut cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            i18n::message("cli-usage-heading", &[])
        ))
        .subcommand_help_heading(i18n::message("cli-commands-heading", &[]));
    if has_help {
        cmd = cmd.mut_arg("help", |a| a.help(i18n::message("cli-help-flag", &[])));
    }
    for (id, is_positional) in ids {
        let heading = if is_positional {
            positional.clone()
        } else {
            heading.clone()
        };
        cmd = cmd.mut_arg(&id, |a| a.help_heading(heading));
    }
    cmd
}

/// Sets the help of each argument of `cmd` that the catalogue has as
/// `<prefix>-<argument id>`, followed by its possible and default values
/// in the catalogue's words: clap would append them as `[possible values:
/// …]` and `[default: …]`, in English whatever the language.
fn localize_args(mut cmd: clap::Command, prefix: &str) -> clap::Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let key = format!("{prefix}-{}", id.replace('_', "-"));
        if i18n::has(&key) {
            cmd = cmd.mut_arg(&id, |a| {
                let mut help = i18n::message(&key, &[]);
                // A flag shows neither (its default is `false`).
                if !a.get_action().takes_values() {
                    return a.help(help);
                }
                let possible: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_owned())
                    .collect();
                let a = a.hide_possible_values(!possible.is_empty());
                if !possible.is_empty() {
                    help.push(' ');
                    help.push_str(&i18n::message(
                        "cli-possible-values",
                        &[("values", possible.join(", "))],
                    ));
                }
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                let a = a.hide_default_value(!defaults.is_empty());
                if !defaults.is_empty() {
                    help.push(' ');
                    help.push_str(&i18n::message(
                        "cli-default-value",
                        &[("value", defaults.join(", "))],
                    ));
                }
                a.help(help)
            });
        }
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument and command a person can see has its help text in
    /// the catalogue, so `--help` is never half English.
    #[test]
    fn every_help_text_is_in_the_catalogue() {
        let cmd = Cli::command();
        let mut missing = Vec::new();
        for arg in cmd.get_arguments() {
            let key = format!("cli-{}", arg.get_id().as_str().replace('_', "-"));
            if !i18n::has(&key) {
                missing.push(key);
            }
        }
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            if !i18n::has(&format!("cli-{name}")) {
                missing.push(format!("cli-{name}"));
            }
            for arg in sub.get_arguments() {
                let key = format!("cli-{name}-{}", arg.get_id().as_str().replace('_', "-"));
                if !i18n::has(&key) {
                    missing.push(key);
                }
            }
        }
        assert!(missing.is_empty(), "no catalogue entry for {missing:?}");
        command_with(false).debug_assert();
    }

    #[test]
    fn init_help_does_not_offer_root() {
        let mut cmd = command_with(true);
        let init = cmd.find_subcommand_mut("init").unwrap();
        let help = init.render_help().to_string();
        assert!(!help.contains("--root"), "{help}");
    }
}
