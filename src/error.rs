//! The one error type for everything that can stop a command.
//!
//! Problems in the user's content are not errors in this sense: they are
//! [`Diagnostics`](crate::diagnostics::Diagnostics), collected in full and
//! carried by [`Error::Content`]. Everything else (unreadable files, a bad
//! output directory, a broken template) is a variant here, with help text,
//! and maps to the process exit code the CLI documents: 1 for content that
//! must be fixed, 2 for usage and I/O.

use std::path::PathBuf;

use miette::Diagnostic as MietteDiagnostic;
use thiserror::Error;

use crate::diagnostics::Diagnostics;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error, MietteDiagnostic)]
pub enum Error {
    /// The content has errors; the findings say which.
    #[error("the content has {} error(s)", .0.summary().errors)]
    #[diagnostic(
        code(gongkai::content),
        help("fix the errors above; nothing was written")
    )]
    Content(Diagnostics),

    #[error("cannot read {path}")]
    #[diagnostic(code(gongkai::io::read))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write {path}")]
    #[diagnostic(
        code(gongkai::io::write),
        help("check that the disk has space and that the directory is writable")
    )]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("no site found: {path} does not exist")]
    #[diagnostic(
        code(gongkai::no_site),
        help(
            "run gongkai inside a site (a folder with site.toml), pass --root DIR, or create one with `gongkai init DIR`"
        )
    )]
    NoSite { path: PathBuf },

    #[error("refusing to use {path} as the output directory: {reason}")]
    #[diagnostic(
        code(gongkai::output_dir),
        help(
            "choose a directory of its own, such as public/; gongkai replaces its whole content on every build"
        )
    )]
    UnsafeOutputDir { path: PathBuf, reason: &'static str },

    #[error("{path} already exists and is not empty")]
    #[diagnostic(
        code(gongkai::init),
        help("choose a new or empty directory for the new site")
    )]
    InitNotEmpty { path: PathBuf },

    #[error("template {name}: {message}")]
    #[diagnostic(
        code(gongkai::template),
        help("fix the template, or delete your override to fall back to the default theme")
    )]
    Template { name: String, message: String },

    #[error("cannot watch {path} for changes")]
    #[diagnostic(
        code(gongkai::watch),
        help(
            "on network drives, containers and WSL, try --poll; on Linux, a large tree may need a higher fs.inotify.max_user_watches"
        )
    )]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },

    #[error("cannot listen on {addr}")]
    #[diagnostic(
        code(gongkai::serve::bind),
        help(
            "choose another --port, or --bind an address of this machine (the default is 127.0.0.1)"
        )
    )]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{0}")]
    #[diagnostic(code(gongkai::serve))]
    Serve(String),

    /// A rebuild under `watch` or `serve` panicked. The panic was caught
    /// so that the preview survives it: the last good site stays in place
    /// and the next change runs a full build.
    #[error("gongkai failed while rebuilding: {message}")]
    #[diagnostic(
        code(gongkai::internal),
        help(
            "this is a bug in gongkai, not in your content; the last good site is still in place. \
             Please report it with the file you were editing"
        )
    )]
    Internal { message: String },
}

impl Error {
    /// The process exit code for this error: 1 when the user's content or
    /// templates must change, 2 for usage and I/O problems.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Template { .. } => 1,
            _ => 2,
        }
    }

    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }
}

/// The causes of `error`, nearest first, without `error` itself. Several
/// reports (a template error, a failed rebuild's overlay) print the whole
/// chain on one screen, so the walk is written once, here.
pub fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(error.source(), |cause| cause.source())
}
