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
    #[error("{}", crate::t!("error-content", count = .0.summary().errors))]
    #[diagnostic(
        code(gongkai::content),
        help("{}", crate::t!("error-content-help"))
    )]
    Content(Diagnostics),

    #[error("{}", crate::t!("error-read", path = .path.display()))]
    #[diagnostic(code(gongkai::io::read))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::t!("error-write", path = .path.display()))]
    #[diagnostic(
        code(gongkai::io::write),
        help("{}", crate::t!("error-write-help"))
    )]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::t!("no-site", path = .path.display()))]
    #[diagnostic(
        code(gongkai::no_site),
        help("{}", crate::t!("no-site-help"))
    )]
    NoSite { path: PathBuf },

    #[error("{}", crate::t!("error-output-dir", path = .path.display(), reason = .reason))]
    #[diagnostic(
        code(gongkai::output_dir),
        help("{}", crate::t!("error-output-dir-help"))
    )]
    UnsafeOutputDir { path: PathBuf, reason: String },

    #[error("{}", crate::t!("error-init-not-empty", path = .path.display()))]
    #[diagnostic(
        code(gongkai::init),
        help("{}", crate::t!("error-init-not-empty-help"))
    )]
    InitNotEmpty { path: PathBuf },

    #[error("{}", crate::t!("error-template", name = .name, message = .message))]
    #[diagnostic(
        code(gongkai::template),
        help("{}", crate::t!("error-template-help"))
    )]
    Template { name: String, message: String },

    #[error("{}", crate::t!("error-watch", path = .path.display()))]
    #[diagnostic(
        code(gongkai::watch),
        help("{}", crate::t!("error-watch-help"))
    )]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },

    #[error("{}", crate::t!("error-bind", addr = .addr))]
    #[diagnostic(
        code(gongkai::serve::bind),
        help("{}", crate::t!("error-bind-help"))
    )]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{0}")]
    #[diagnostic(code(gongkai::serve))]
    Serve(String),

    /// A source file for `gongkai import` cannot be read or mapped;
    /// `place` names the sheet, table or page and the cell (A1) or line.
    #[error("{}{place}: {message}", file.display())]
    #[diagnostic(code(gongkai::import), help("{}", crate::t!("error-import-help", help = .help)))]
    Import {
        file: PathBuf,
        place: String,
        message: String,
        help: String,
    },
}

impl Error {
    /// The process exit code for this error: 1 when the user's content or
    /// templates must change, 2 for usage and I/O problems.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Template { .. } | Error::Import { .. } => 1,
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
pub(crate) fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(error.source(), |cause| cause.source())
}
