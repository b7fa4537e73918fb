//! Reading a project's attachments: the scans or PDFs named by its
//! `attachments` list.
//!
//! Each file is resolved against the project file's folder and read
//! through [`read_inside`], the same gate every YAML file passes: a path
//! that is absolute or climbs with `..`, a symbolic link leaving the site,
//! a pipe or a device is refused before anything is opened, and the finding
//! names the project file and the `attachments[i].file` field (the report
//! adds its line and column), never the target. The bytes are kept in the
//! model, so that rendering copies them without touching the disk again.
//!
//! A superseded table (`superseded: <date>`) must name the day of one of
//! the project's `revisions`: the page shows it in that revision's row,
//! and a date that matches none would leave it unexplained. It may also be
//! an Excel or CSV file (the site's own download formats); a current
//! original may not.

use std::path::{Component, Path};

use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::model::revision::is_day_of;
use crate::model::{AttachmentFormat, Project};
use crate::source::{ReadError, read_inside};

/// Reads every attachment of `project`, which was loaded from `rel`, or
/// returns the first problem.
pub(super) fn read_all(root: &Path, rel: &Path, project: &mut Project) -> Result<(), Diagnostic> {
    let revisions = &project.revisions;
    for (i, attachment) in project.attachments.iter_mut().enumerate() {
        let field = format!("attachments[{i}].file");
        let error = |rule: &str, message: String, help: String| {
            Diagnostic::error(rule, rel, message)
                .field(field.clone())
                .help(help)
        };
        let file = attachment.file.as_str();
        if !is_plain_relative(file) {
            return Err(error(
                "attachment",
                crate::t!("attachment-path", file = file),
                crate::t!("attachment-path-help"),
            ));
        }
        let extension = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let superseded = attachment.superseded.as_deref();
        if let Some(day) = superseded
            && !revisions.iter().any(|r| is_day_of(r, day))
        {
            let dates: Vec<&str> = revisions.iter().map(|r| r.date.trim()).collect();
            return Err(Diagnostic::error(
                "attachment",
                rel,
                crate::t!("attachment-superseded-unmatched", file = file, date = day),
            )
            .field(format!("attachments[{i}].superseded"))
            .help(crate::t!(
                "attachment-superseded-unmatched-help",
                dates = dates.join("、")
            )));
        }
        let format = AttachmentFormat::from_extension(extension)
            .filter(|f| f.is_original() || superseded.is_some());
        let Some(format) = format else {
            if superseded.is_some() {
                return Err(error(
                    "attachment",
                    crate::t!("attachment-superseded-type", file = file),
                    crate::t!("attachment-superseded-type-help"),
                ));
            }
            let help = if extension.eq_ignore_ascii_case("ofd") {
                crate::t!("attachment-ofd-help")
            } else if AttachmentFormat::from_extension(extension).is_some() {
                crate::t!("attachment-spreadsheet-help")
            } else {
                crate::t!("attachment-type-help")
            };
            return Err(error(
                "attachment",
                crate::t!("attachment-type", file = file),
                help,
            ));
        };
        let source = layout::attachment_source(rel, file);
        let bytes = read_inside(root, &source).map_err(|e| match e {
            ReadError::Outside => error(
                "link-outside",
                crate::t!("attachment-outside", file = file),
                crate::t!("link-outside-help"),
            ),
            ReadError::NotRegular => error(
                "file-type",
                crate::t!("attachment-not-regular", file = file),
                crate::t!("file-type-help"),
            ),
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => error(
                "attachment",
                crate::t!("attachment-missing", file = source.display()),
                crate::t!("attachment-missing-help"),
            ),
            ReadError::Io(e) => error(
                "io",
                crate::t!("attachment-unreadable", file = file, error = e),
                crate::t!("file-unreadable-help"),
            ),
        })?;
        if !format.matches(&bytes) {
            return Err(error(
                "attachment",
                crate::t!("attachment-content", file = file, format = format.label()),
                crate::t!("attachment-content-help", format = format.label()),
            ));
        }
        attachment.format = Some(format);
        attachment.bytes = bytes.into();
    }
    Ok(())
}

/// True for a path made only of ordinary names, such as `原件.pdf` or
/// `scans/1.png`: not empty, not absolute, no `..`, no `.` and no Windows
/// separators or drive letters, so it can only name a file at or below the
/// project's folder.
fn is_plain_relative(file: &str) -> bool {
    !file.trim().is_empty()
        && !file.contains('\\')
        && !file.contains(':')
        && Path::new(file)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths() {
        for good in ["原件.pdf", "scans/1.png", "a b.jpg"] {
            assert!(is_plain_relative(good), "{good}");
        }
        for bad in [
            "",
            " ",
            "../x.pdf",
            "a/../../x.pdf",
            "/etc/x.pdf",
            "./x.pdf",
            "C:\\x.pdf",
            "C:/x.pdf",
            "scans\\1.png",
        ] {
            assert!(!is_plain_relative(bad), "{bad}");
        }
    }
}
