//! The one error type for everything that can stop a command.
//!
//! Problems in the user's content are not errors in this sense: they are
//! [`Diagnostics`], collected in full and
//! carried by [`Error::Content`]. Everything else (unreadable files, a bad
//! output directory, a broken template) is a variant here, with help text,
//! and maps to the process exit code the CLI documents: 1 for content that
//! must be fixed, 2 for usage and I/O.

use std::path::PathBuf;

use miette::Diagnostic as MietteDiagnostic;
use thiserror::Error;

use crate::diagnostics::Diagnostics;

/// The crate's result type: an [`Error`](enum@Error) unless a function says otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a command, each with a help text for the terminal (miette) and an
/// exit code ([`Error::exit_code`]).
#[derive(Debug, Error, MietteDiagnostic)]
pub enum Error {
    /// The content has errors; the findings say which.
    #[error("{}", crate::t!("error-content", count = .0.summary().errors))]
    #[diagnostic(
        code(gongkai::content),
        help("{}", crate::t!("error-content-help"))
    )]
    Content(Diagnostics),

    /// A file or folder could not be read.
    #[error("{}", crate::t!("error-read", path = .path.display()))]
    #[diagnostic(code(gongkai::io::read))]
    Read {
        /// The file or folder that could not be read.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::t!("error-write", path = .path.display()))]
    #[diagnostic(
        code(gongkai::io::write),
        help("{}", write_help(.source))
    )]
    /// A file or folder could not be written.
    Write {
        /// The file or folder that could not be written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::t!("no-site", path = .path.display()))]
    #[diagnostic(
        code(gongkai::no_site),
        help("{}", crate::t!("no-site-help"))
    )]
    /// The root holds no `site.toml`, so it is not a site.
    NoSite {
        /// The root that was looked in.
        path: PathBuf,
    },

    #[error("{}", crate::t!("error-output-dir", path = .path.display(), reason = .reason))]
    #[diagnostic(
        code(gongkai::output_dir),
        help("{}", crate::t!("error-output-dir-help"))
    )]
    /// The output folder is one a build must not replace: the site root or
    /// an ancestor, a folder inside `content/` or `themes/`, or a file.
    /// Whose files are in a folder is judged by [`Error::OutputNotOwned`].
    UnsafeOutputDir {
        /// The output folder asked for.
        path: PathBuf,
        /// Why it is refused, in words for the message.
        reason: String,
    },

    #[error("{}", crate::t!("error-output-not-owned", path = .path.display(), reason = .reason))]
    #[diagnostic(
        code(gongkai::output_not_owned),
        help("{}", crate::t!("error-output-not-owned-help"))
    )]
    /// The output folder holds files that gongkai did not write (it has no
    /// manifest and is not an earlier build), or one of the user's files is
    /// where this build writes; without `--force` nothing is written.
    OutputNotOwned {
        /// The output folder.
        path: PathBuf,
        /// Which files are in the way, in words for the message.
        reason: String,
    },

    #[error("{}", crate::t!("error-output-swap", path = .path.display()))]
    #[diagnostic(
        code(gongkai::io::swap),
        help("{}", crate::t!("error-output-swap-help"))
    )]
    /// The new site was complete but could not take the place of the old
    /// one, which is still there.
    Swap {
        /// The output folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::t!("error-output-mixed", path = .path.display()))]
    #[diagnostic(
        code(gongkai::io::mixed),
        help("{}", crate::t!("error-output-mixed-help"))
    )]
    /// An incremental write failed, and undoing its first steps failed
    /// too: the output may mix old and new files until the next build.
    OutputMixed {
        /// The output folder.
        path: PathBuf,
        /// What the operating system said when undoing.
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::t!("error-output-lock", path = .path.display()))]
    #[diagnostic(
        code(gongkai::io::lock),
        help("{}", crate::t!("error-output-lock-help"))
    )]
    /// The lock file beside the output could not be made or locked.
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::t!("error-init-not-empty", path = .path.display()))]
    #[diagnostic(
        code(gongkai::init),
        help("{}", crate::t!("error-init-not-empty-help"))
    )]
    /// `gongkai init` was pointed at a folder that already holds files, which it will not
    /// overwrite.
    InitNotEmpty {
        /// The folder asked for.
        path: PathBuf,
    },

    #[error("{}", crate::t!("error-template", name = .name, message = .message))]
    #[diagnostic(
        code(gongkai::template),
        help("{}", crate::t!("error-template-help"))
    )]
    /// A Tera template failed to parse or render; `name` is the template, `message` the whole
    /// cause chain.
    Template {
        /// The template's name, such as `project.html`.
        name: String,
        /// The error and its causes, on one line.
        message: String,
    },

    #[error("{}", crate::t!("error-watch", path = .path.display()))]
    #[diagnostic(
        code(gongkai::watch),
        help("{}", crate::t!("error-watch-help"))
    )]
    /// The file system could not be watched.
    Watch {
        /// The folder whose watch failed.
        path: PathBuf,
        /// What the watcher backend said.
        #[source]
        source: notify::Error,
    },

    #[error("{}", crate::t!("error-bind", addr = .addr))]
    #[diagnostic(
        code(gongkai::serve::bind),
        help("{}", crate::t!("error-bind-help"))
    )]
    /// The preview server could not listen on its address.
    Bind {
        /// The address and port asked for.
        addr: String,
        /// What the operating system said (in use, not permitted …).
        #[source]
        source: std::io::Error,
    },

    /// The preview server failed after binding its address: the socket
    /// could not be used, or the server stopped with an error.
    #[error("{0}")]
    #[diagnostic(code(gongkai::serve))]
    Serve(String),

    /// A source file for `gongkai import` cannot be read or mapped;
    /// `place` names the sheet, table or page and the cell (A1) or line.
    #[error("{}{place}: {message}", file.display())]
    #[diagnostic(code(gongkai::import), help("{}", crate::t!("error-import-help", help = .help)))]
    Import {
        /// The source file given to `gongkai import`.
        file: PathBuf,
        /// Sheet, table or page, and the cell or line, as a prefix for the message.
        place: String,
        /// What could not be read or mapped.
        message: String,
        /// What to change in the source, or which option to pass.
        help: String,
    },

    /// `gongkai deploy` could not (or would not) publish: the output was
    /// never built, the address or credentials are wrong, the server
    /// refused, or the plan deletes more than allowed. `message` names the
    /// target (host, user, folder); `help` says what to do.
    #[error("{message}")]
    #[diagnostic(code(gongkai::deploy), help("{help}"))]
    Deploy {
        /// What went wrong, naming the target.
        message: String,
        /// What to change.
        help: String,
    },

    /// `gongkai sign` or `gongkai verify` could not run: no key, a key
    /// inside the site, an unreadable list, a failed download.
    #[error("{message}")]
    #[diagnostic(code(gongkai::integrity), help("{help}"))]
    Integrity {
        /// What went wrong.
        message: String,
        /// What to do.
        help: String,
    },

    /// A rebuild under `watch` or `serve` panicked. The panic was caught
    /// so that the preview survives it: the last good site stays in place
    /// and the next change runs a full build.
    #[error("{}", crate::t!("error-internal", message = .message))]
    #[diagnostic(code(gongkai::internal), help("{}", crate::t!("error-internal-help")))]
    Internal {
        /// The panic's message, as far as it could be recovered.
        message: String,
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

    /// An [`Error::Read`] for `path`.
    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    /// An [`Error::Write`] for `path`.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }
}

/// What to do about a failed write, by its cause: disk space only where
/// the disk is full (`ENOSPC`) or the quota spent (`EDQUOT`); a name too
/// long, or a folder that is not writable, each have their own fix, and
/// any other failure is named by the system's reason, shown above.
pub(crate) fn write_help(source: &std::io::Error) -> String {
    use std::io::ErrorKind;
    #[cfg(unix)]
    let (full, too_long) = {
        let code = source.raw_os_error();
        (
            code.is_some_and(|c| c == libc::ENOSPC || c == libc::EDQUOT),
            code == Some(libc::ENAMETOOLONG),
        )
    };
    #[cfg(not(unix))]
    let (full, too_long) = (false, false);
    match source.kind() {
        ErrorKind::StorageFull => crate::t!("error-write-help-space"),
        _ if full => crate::t!("error-write-help-space"),
        _ if too_long => crate::t!("error-write-help-name"),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            crate::t!("error-write-help-permission")
        }
        _ => crate::t!("error-write-help-other"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_full_disk_gets_the_disk_space_hint() {
        use std::io::{Error as IoError, ErrorKind};
        let space = crate::t!("error-write-help-space");
        assert_eq!(write_help(&IoError::from(ErrorKind::StorageFull)), space);
        #[cfg(unix)]
        for code in [libc::ENOSPC, libc::EDQUOT] {
            assert_eq!(write_help(&IoError::from_raw_os_error(code)), space);
        }
        for other in [
            IoError::from(ErrorKind::PermissionDenied),
            IoError::from(ErrorKind::ReadOnlyFilesystem),
            IoError::from(ErrorKind::NotFound),
            IoError::other("boom"),
        ] {
            assert_ne!(write_help(&other), space, "{other:?}");
        }
        #[cfg(unix)]
        assert_eq!(
            write_help(&IoError::from_raw_os_error(libc::ENAMETOOLONG)),
            crate::t!("error-write-help-name")
        );
    }
}
