//! `gongkai serve`: watch, and serve the output over HTTP with live reload,
//! until Ctrl-C or SIGTERM, leaving the output in place.
//!
//! The watch runs on its own thread and hands each event to the
//! [`Preview`]; the server runs on a single-threaded tokio runtime on this
//! one. Stopping the watch closes the browsers' event streams, which lets
//! the server end.

use std::io::IsTerminal as _;
use std::path::Path;

use gongkai::config::Config;
use gongkai::error::{Error, Result};
use gongkai::serve::{self, Preview};
use gongkai::watch::Watch;

use super::{Bar, on_interrupt, print_event, use_color};
use crate::cli::ServeArgs;

pub(crate) fn run(root: &Path, args: ServeArgs) -> Result<()> {
    let color = use_color(std::io::stderr().is_terminal());
    let (listener, moved) = serve::bind(args.bind, args.port)?;
    if moved {
        eprintln!("{}", gongkai::t!("serve-port-taken", port = args.port));
    }
    let local = listener
        .local_addr()
        .map_err(|e| Error::Serve(gongkai::t!("serve-no-address", error = e)))?;
    let options = super::watch::options(root, args.watch);
    let config = Config::load(root);
    // A broken site.toml fails the first build; the preview still serves
    // the overlay that says so, from the root.
    let base_path = config
        .as_ref()
        .map_or_else(|_| "/".to_owned(), |c| c.base_path.clone());
    let (mut watch, first) = Watch::start(&options, config, Box::new(Bar::default()))?;
    print_event(&first, root, color);
    let preview = Preview::new(watch.out_dir(), &base_path, args.bind.is_loopback());
    preview.publish(&first, root);
    on_interrupt(watch.stopper())?;

    let url = format!("http://{}{}", local, base_path);
    eprintln!("{}", gongkai::t!("serve-serving", url = url));
    if args.open {
        open_browser(&url);
    }

    let (stop_server, stopped) = tokio::sync::watch::channel(false);
    let watcher = std::thread::spawn({
        let preview = preview.clone();
        let root = root.to_path_buf();
        move || {
            for event in watch.by_ref() {
                print_event(&event, &root, color);
                preview.publish(&event, &root);
            }
            preview.close();
            let _ = stop_server.send(true);
            watch.out_dir().to_path_buf()
        }
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Serve(gongkai::t!("serve-no-runtime", error = e)))?;
    runtime.block_on(serve::serve(listener, preview.router(), stopped))?;
    let out_dir = watcher
        .join()
        .map_err(|_| Error::Serve(gongkai::t!("serve-watcher-failed")))?;
    eprintln!("{}", gongkai::t!("stopped", dir = out_dir.display()));
    Ok(())
}

/// Opens `url` in the default browser; failures are only reported.
fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let mut command = if cfg!(target_os = "windows") {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        Command::new("open")
    } else {
        Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("{}", gongkai::t!("serve-no-browser", url = url));
    }
}
