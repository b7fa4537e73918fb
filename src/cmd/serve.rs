//! `gongkai serve`: watch, and serve the output over HTTP with live reload,
//! until Ctrl-C or SIGTERM, leaving the output in place.
//!
//! The watch runs on its own thread and hands each event to the
//! [`Preview`]; the server runs on [`serve::runtime`] (one worker, a few
//! file readers) on this one. The watch starts, with its first build,
//! before the first connection is accepted, and the server's
//! [`Limits`] (read once, here) keep clients from taking the descriptors
//! that rebuilds need. Stopping the watch closes the browsers' event
//! streams, which lets the server end.

use std::io::IsTerminal as _;
use std::path::Path;

use gongkai::config::Config;
use gongkai::error::{Error, Result};
use gongkai::serve::{self, Limits, Preview};
use gongkai::watch::Watch;

use super::{Bar, on_interrupt, print_event, use_color};
use crate::cli::ServeArgs;

pub(crate) fn run(root: &Path, args: ServeArgs) -> Result<()> {
    let color = use_color(std::io::stderr().is_terminal());
    let limits = Limits::for_this_process();
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
    let preview = Preview::new(
        watch.out_dir(),
        &base_path,
        args.bind.is_loopback(),
        &limits,
    );
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

    let runtime =
        serve::runtime().map_err(|e| Error::Serve(gongkai::t!("serve-no-runtime", error = e)))?;
    runtime.block_on(serve::serve(listener, preview.router(), stopped, limits))?;
    let out_dir = watcher
        .join()
        .map_err(|_| Error::Serve(gongkai::t!("serve-watcher-failed")))?;
    eprintln!("{}", gongkai::t!("stopped", dir = out_dir.display()));
    Ok(())
}

/// Opens `url` in the default browser (or `$BROWSER`); failures are only
/// reported. The `opener` crate hands the URL over as one argument, where
/// `cmd /C start` would have cut it at a `&` on Windows.
fn open_browser(url: &str) {
    if opener::open_browser(url).is_err() {
        eprintln!("{}", gongkai::t!("serve-no-browser", url = url));
    }
}
