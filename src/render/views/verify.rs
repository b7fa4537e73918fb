//! The 核验 page: how a reader checks a downloaded file against the
//! published lists, and the signature against the published key. The
//! view names the files and spells out each command with a real file of
//! the site, so that the template only places words.

use serde::Serialize;

use crate::integrity::{MANIFEST, SHA256SUMS, SIGNATURE, SM3SUMS};
use crate::model::Site;
use crate::render::plan::{Download, PageKind, Scope, SetFormat, href_of};

/// What the 核验 page shows.
#[derive(Debug, Serialize)]
pub(crate) struct VerifyView {
    /// The lists' hrefs from the site root.
    pub sha256sums: &'static str,
    pub sm3sums: &'static str,
    pub manifest: &'static str,
    pub signature: &'static str,
    /// A file of this site to show the commands with, from the root.
    pub example: String,
    /// The commands, each with the example file.
    pub sha256sum: String,
    pub shasum: String,
    pub certutil: String,
    pub sm3: String,
    /// The published minisign public key, if the site signs.
    pub public_key: Option<String>,
    /// `minisign -Vm SHA256SUMS -P <key>`, with the key.
    pub minisign: Option<String>,
}

impl VerifyView {
    pub(crate) fn new(site: &Site) -> Self {
        // The newest year's workbook, the download most readers take; a
        // site without downloads has its front page.
        let example = site
            .years()
            .last()
            .filter(|_| site.config.open_data.downloads)
            .map(|y| {
                href_of(&PageKind::Download(Download::Set(
                    Scope::Year(*y),
                    SetFormat::Xlsx,
                )))
            })
            .unwrap_or_else(|| href_of(&PageKind::Index));
        let file = example.rsplit('/').next().unwrap_or(&example).to_owned();
        let public_key = site
            .config
            .integrity
            .public_key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned);
        VerifyView {
            sha256sums: SHA256SUMS,
            sm3sums: SM3SUMS,
            manifest: MANIFEST,
            signature: SIGNATURE,
            sha256sum: format!("sha256sum {file}"),
            shasum: format!("shasum -a 256 {file}"),
            certutil: format!("certutil -hashfile {file} SHA256"),
            sm3: format!("openssl dgst -sm3 {file}"),
            minisign: public_key
                .as_ref()
                .map(|k| format!("minisign -Vm {SHA256SUMS} -P {k}")),
            public_key,
            example,
        }
    }
}
