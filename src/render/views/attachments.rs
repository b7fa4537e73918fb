//! The links of a project page to its attached originals.
//!
//! A link's text names the document, its format and its size
//! ("原件 PDF（123 KB）"), with the size written by the same
//! [`format_size`] as every download, so that a reader on a metered phone
//! knows what a scan costs before tapping it. The size comes from the
//! bytes the build copied ([`Sizes`]); the link carries the media type,
//! and has no `download` attribute so that a browser may show the
//! document in place.

use serde::Serialize;

use super::downloads::{Sizes, format_size};
use crate::model::{Attachment, Project};
use crate::render::plan::{PageKind, href_of, path_of};

/// One attachment, as a link.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AttachmentLink {
    /// Relative to the site root.
    pub href: String,
    /// The file's `title`; `None` leaves the theme's word for 原件.
    pub title: Option<String>,
    /// PDF, PNG, JPEG.
    pub format: &'static str,
    /// For the link's `type` attribute.
    pub media_type: &'static str,
    pub size: String,
}

impl AttachmentLink {
    /// The links to `project`'s current originals that were copied, in
    /// list order; superseded tables are listed under 修订记录 instead
    /// ([`AttachmentLink::superseded`]).
    pub(crate) fn all(project: &Project, sizes: &Sizes) -> Vec<AttachmentLink> {
        links(project, sizes)
            .into_iter()
            .filter(|(a, _)| a.superseded.is_none())
            .map(|(_, link)| link)
            .collect()
    }

    /// The links to `project`'s superseded tables, in list order, each
    /// with the day of the revision that replaced it, as written.
    pub(crate) fn superseded<'p>(
        project: &'p Project,
        sizes: &Sizes,
    ) -> Vec<(&'p str, AttachmentLink)> {
        links(project, sizes)
            .into_iter()
            .filter_map(|(a, link)| Some((a.superseded.as_deref()?, link)))
            .collect()
    }
}

/// Every copied attachment of `project` with its link.
fn links<'p>(project: &'p Project, sizes: &Sizes) -> Vec<(&'p Attachment, AttachmentLink)> {
    let key = project.key();
    project
        .attachments
        .iter()
        .enumerate()
        .filter_map(|(n, attachment)| {
            let format = attachment.format?;
            let kind = PageKind::Attachment(key.clone(), n, format);
            let size = sizes.get(&path_of(&kind)?)?;
            let link = AttachmentLink {
                href: href_of(&kind),
                title: attachment
                    .title
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned),
                format: format.label(),
                media_type: format.media_type(),
                size: format_size(*size),
            };
            Some((attachment, link))
        })
        .collect()
}
