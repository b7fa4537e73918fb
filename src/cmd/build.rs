//! `gongkai build`: build once, print the findings and one summary line.

use std::path::Path;

use gongkai::build::{self, BuildOptions};
use gongkai::config::Config;
use gongkai::error::Result;

use super::{Bar, print_warnings};
use crate::cli::BuildArgs;

pub(crate) fn run(root: &Path, args: BuildArgs) -> Result<()> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output_dir: args.output_dir,
        force: args.force,
    };
    let config = Config::load(root)?;
    let report = build::build_with(&options, config, &Bar::default())?;
    print_warnings(&report.diagnostics, root);
    eprintln!(
        "{}",
        gongkai::t!(
            "build-summary",
            projects = report.projects,
            pages = report.pages,
            elapsed = gongkai::watch::millis(report.elapsed),
            written = report.files.written,
            unchanged = report.files.unchanged,
            dir = report.out_dir.display()
        )
    );
    Ok(())
}
