//! `gongkai watch`: build, then print one status line per rebuild until
//! Ctrl-C (or SIGTERM), leaving the output in place.

use std::io::IsTerminal as _;
use std::path::Path;

use gongkai::build::BuildOptions;
use gongkai::config::Config;
use gongkai::error::Result;
use gongkai::watch::{Watch, WatchOptions};

use super::{Bar, on_interrupt, print_event, use_color};
use crate::cli::WatchArgs;

pub(crate) fn run(root: &Path, args: WatchArgs) -> Result<()> {
    let color = use_color(std::io::stderr().is_terminal());
    let options = options(root, args);
    let config = Config::load(root);
    let (mut watch, first) = Watch::start(&options, config, Box::new(Bar::default()))?;
    print_event(&first, root, color);
    on_interrupt(watch.stopper())?;
    eprintln!("{}", gongkai::t!("watching"));
    for event in watch.by_ref() {
        print_event(&event, root, color);
    }
    eprintln!(
        "{}",
        gongkai::t!("stopped", dir = watch.out_dir().display())
    );
    Ok(())
}

/// The library's watch options from the command line.
pub(crate) fn options(root: &Path, args: WatchArgs) -> WatchOptions {
    WatchOptions {
        build: BuildOptions {
            root: root.to_path_buf(),
            output_dir: args.build.output_dir,
            force: args.build.force,
        },
        poll: args.poll.map(std::time::Duration::from_millis),
    }
}
