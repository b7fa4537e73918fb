//! Attachments: the original signed document a table was transcribed from.
//!
//! A disclosure page is only trusted when a reader can see the stamped
//! original next to the transcription, so a project may name its scans or
//! PDFs (`attachments: [{file: 原件.pdf, title: …}]`). The file sits beside
//! the project YAML; loading reads its bytes once (see `load`), so that
//! rendering stays pure and an incremental rebuild copies exactly what a
//! clean build copies.
//!
//! An attachment may also be a table as it stood before a revision
//! (`superseded: 2023-05-10`, the day of the 修订记录 entry that replaced
//! it): a site has no history of its own at build time, so the clerk keeps
//! the previous version's file in the content tree, and the page lists it
//! under 修订记录 as 被替代的原表 rather than as the current original. Such
//! a file may also be one of the site's own download formats (Excel,
//! CSV), since those are what readers downloaded before the change.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// One attached file, as written in the project file, plus what loading
/// learnt about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file, relative to the project file's folder (`原件.pdf`,
    /// `scans/504001-1.png`).
    pub file: String,
    /// What the file is, as the link names it; `原件` when omitted.
    #[serde(default)]
    pub title: Option<String>,
    /// The date of the revision that replaced this file, as written and
    /// equal to that revision's `date` (see
    /// [`crate::model::revision::is_day_of`]); `None` for a current
    /// original.
    #[serde(default)]
    pub superseded: Option<String>,
    /// The format, known once the file has been read.
    #[serde(skip)]
    pub format: Option<AttachmentFormat>,
    /// The bytes, read at load time from inside the site only; shared so
    /// that cloning a site for a rebuild copies no document.
    #[serde(skip)]
    pub bytes: Arc<[u8]>,
}

/// The formats of attachments. A current original must be one a citizen's
/// browser can open without installing anything (PDF, PNG, JPEG, see
/// [`AttachmentFormat::is_original`]); a superseded table may also be a
/// spreadsheet or CSV kept from the site's downloads.
///
/// OFD (the national fixed-layout format, GB/T 33190) is deliberately not
/// among them: no browser and no phone opens it without a separate reader,
/// so a link to it would be a dead end for most readers and for screen
/// readers. The OFD reader exports a PDF of the stamped page, which is
/// what gets published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum AttachmentFormat {
    /// A PDF document.
    Pdf,
    /// A PNG image.
    Png,
    /// A JPEG image (`.jpg` or `.jpeg`).
    Jpeg,
    /// An Excel workbook, only as a superseded table.
    Xlsx,
    /// A CSV file (UTF-8), only as a superseded table.
    Csv,
}

impl AttachmentFormat {
    /// The format of a file name's extension, ignoring case; `None` for any
    /// other extension.
    pub fn from_extension(ext: &str) -> Option<AttachmentFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(AttachmentFormat::Pdf),
            "png" => Some(AttachmentFormat::Png),
            "jpg" | "jpeg" => Some(AttachmentFormat::Jpeg),
            "xlsx" => Some(AttachmentFormat::Xlsx),
            "csv" => Some(AttachmentFormat::Csv),
            _ => None,
        }
    }

    /// True for the formats a current original may have: those every
    /// browser and phone opens in place.
    pub fn is_original(self) -> bool {
        matches!(
            self,
            AttachmentFormat::Pdf | AttachmentFormat::Png | AttachmentFormat::Jpeg
        )
    }

    /// True when `bytes` start as this format's files do, so that a Word
    /// file renamed to `.pdf` is caught before it is published.
    pub fn matches(self, bytes: &[u8]) -> bool {
        match self {
            AttachmentFormat::Pdf => bytes.starts_with(b"%PDF-"),
            AttachmentFormat::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            AttachmentFormat::Jpeg => bytes.starts_with(b"\xFF\xD8\xFF"),
            // A workbook is a zip; a CSV is UTF-8 text (a GBK export
            // would show as mojibake, and a NUL means a binary file).
            AttachmentFormat::Xlsx => bytes.starts_with(b"PK\x03\x04"),
            AttachmentFormat::Csv => std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')),
        }
    }

    /// The extension of the published copy, always lower case.
    pub fn extension(self) -> &'static str {
        match self {
            AttachmentFormat::Pdf => "pdf",
            AttachmentFormat::Png => "png",
            AttachmentFormat::Jpeg => "jpg",
            AttachmentFormat::Xlsx => "xlsx",
            AttachmentFormat::Csv => "csv",
        }
    }

    /// The name a reader knows the format by, for the link text.
    pub fn label(self) -> &'static str {
        match self {
            AttachmentFormat::Pdf => "PDF",
            AttachmentFormat::Png => "PNG",
            AttachmentFormat::Jpeg => "JPEG",
            AttachmentFormat::Xlsx => "Excel",
            AttachmentFormat::Csv => "CSV",
        }
    }

    /// The media type, for the link's `type` attribute.
    pub fn media_type(self) -> &'static str {
        match self {
            AttachmentFormat::Pdf => "application/pdf",
            AttachmentFormat::Png => "image/png",
            AttachmentFormat::Jpeg => "image/jpeg",
            AttachmentFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            AttachmentFormat::Csv => "text/csv",
        }
    }
}
