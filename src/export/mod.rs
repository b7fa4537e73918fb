//! `gongkai export --cms`: the bundle a portal's CMS administrator imports.
//!
//! County departments publish through the portal's 集约化 CMS (TRS WCM,
//! 大汉 …), so the site's tables must also reach that CMS. This module owns
//! the bundle: one record per project (an HTML fragment of the project's
//! tables and disclosure panel with no site chrome, scripts or links; a
//! `meta.json` with the panel's fields, the column path, a 内容概述 and its
//! attachments; and the project's `.xlsx` and `.csv` downloads, rendered by
//! the same code as the site's), and `manifest.json`, which lists every
//! other file with its SHA-256. The format is documented in
//! `docs/cms-export.md`, and `meta.json` has a JSON Schema in
//! `docs/schema/cms-meta.schema.json`.
//!
//! The bundle is deterministic: entries sorted by path, fixed timestamps
//! and permissions, JSON with sorted keys, no clock and no random order,
//! so that exporting the same site twice gives byte-identical zips and an
//! administrator can tell an unchanged bundle by its checksum.

mod meta;

use std::collections::BTreeMap;
use std::io::{Cursor, Write as _};
use std::path::Path;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::disclosure::{IndexNo, index_no};
use crate::error::{Error, Result};
use crate::history::History;
use crate::model::{Project, Site};
use crate::render::Renderer;
use crate::render::data::{self, SetTables};
use crate::render::plan::{Download, ProjectFormat};
use crate::render::theme::Theme;

/// The manifest's name at the bundle's root.
pub const MANIFEST: &str = "manifest.json";
/// The fragment's name inside a record's folder.
pub const CONTENT: &str = "content.html";
/// The metadata's name inside a record's folder.
pub const META: &str = "meta.json";
/// The format's name and version, in the manifest.
const FORMAT: &str = "gongkai-cms-bundle";
const VERSION: u32 = 1;

/// The bundle's files, by their path inside the zip.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    /// Path (`/`-separated) to bytes, sorted, manifest included.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// The folder of a project's record: `records/<year>/<单位编码>/<file name>`.
fn record_dir(project: &Project) -> String {
    format!(
        "records/{}/{}/{}",
        project.year, project.department, project.slug
    )
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The bundle of `site` (loaded and checked from `root`, whose theme
/// renders the fragments).
///
/// Refused, with a finding per project, when the site uses 索引号 and a
/// project has none (`index-number-missing`): the CMS would then assign a
/// number of its own that the site never shows.
pub fn cms_bundle(root: &Path, site: &Site) -> Result<Bundle> {
    let missing: Diagnostics = site
        .projects
        .iter()
        .filter_map(|p| match index_no(p, &site.config) {
            IndexNo::Missing(fields) => Some(
                Diagnostic::error(
                    "index-number-missing",
                    &p.source,
                    crate::t!("index-number-missing", fields = fields.join(", ")),
                )
                .field("name")
                .help(crate::t!("export-index-missing-help")),
            ),
            _ => None,
        })
        .collect();
    if !missing.is_empty() {
        let mut missing = missing;
        missing.locate(root);
        return Err(Error::Content(missing));
    }
    let theme = Theme::load(root, &site.config)?;
    let strings = theme.strings.clone();
    let renderer = Renderer::new(theme)?;
    let history = History::of(site);
    let cache = SetTables::default();
    let mut files = BTreeMap::new();
    let mut records = Vec::new();
    let fields = &site.config.export.cms.fields;
    for project in &site.projects {
        let key = project.key();
        let Some(department) = site.department(&project.department) else {
            continue;
        };
        let dir = record_dir(project);
        let fragment = renderer
            .render_fragment(site, &key)?
            .unwrap_or_default()
            .into_bytes();
        let mut attachments = Vec::new();
        for (format, ext, media_type) in [
            (
                ProjectFormat::Xlsx,
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (ProjectFormat::Csv, "csv", "text/csv"),
        ] {
            let download = Download::Project(key.clone(), format);
            let bytes = data::render(site, &cache, &history, &download)?;
            let file = format!("{}.{ext}", project.slug);
            attachments.push(meta::Attachment {
                file: file.clone(),
                format: ext,
                media_type,
                size: bytes.len() as u64,
                sha256: sha256_hex(&bytes),
            });
            files.insert(format!("{dir}/{file}"), bytes);
        }
        let record = meta::Record::new(project, department, site, &strings, attachments);
        let meta = to_json(&record.to_json(fields))?;
        files.insert(format!("{dir}/{CONTENT}"), fragment);
        files.insert(format!("{dir}/{META}"), meta);
        records.push(format!("{dir}/{META}"));
    }
    let manifest = manifest(site, &files, &records)?;
    files.insert(MANIFEST.to_owned(), manifest);
    Ok(Bundle { files })
}

/// `manifest.json`: the format, the site, the field names in use, the
/// records and every other file's size and SHA-256.
fn manifest(site: &Site, files: &BTreeMap<String, Vec<u8>>, records: &[String]) -> Result<Vec<u8>> {
    let config = &site.config;
    let names = &config.export.cms.fields;
    let field_names: serde_json::Map<String, Value> = crate::config::CmsFields::DEFAULT_NAMES
        .iter()
        .map(|k| ((*k).to_owned(), json!(names.name_of(k))))
        .collect();
    let listed: Vec<Value> = files
        .iter()
        .map(
            |(path, bytes)| json!({"path": path, "size": bytes.len(), "sha256": sha256_hex(bytes)}),
        )
        .collect();
    to_json(&json!({
        "format": FORMAT,
        "version": VERSION,
        "site": {
            "title": config.title,
            "domain": config.disclosure.domain,
            "site_code": config.footer.site_code,
        },
        "column": config.disclosure.column,
        "fields": field_names,
        "records": records,
        "files": listed,
    }))
}

/// Pretty JSON with sorted keys (serde_json's map is ordered) and a final
/// newline.
fn to_json(value: &Value) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value).map_err(|e| writer_error("json", e))?;
    out.push(b'\n');
    Ok(out)
}

/// An error of the JSON or zip writer, named by the file kind.
fn writer_error(what: &str, error: impl std::fmt::Display) -> Error {
    Error::Template {
        name: what.to_owned(),
        message: error.to_string(),
    }
}

impl Bundle {
    /// The zip: entries in path order, each deflated with the fixed
    /// 1980-01-01 timestamp and mode 0644, so the bytes depend on the
    /// files only.
    pub fn to_zip(&self) -> Result<Vec<u8>> {
        let total: usize = self.files.values().map(Vec::len).sum();
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(total / 4 + 4096)));
        let fail = |e: zip::result::ZipError| writer_error("zip", e);
        for (path, bytes) in &self.files {
            let options = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .compression_level(Some(6))
                .last_modified_time(DateTime::default())
                .unix_permissions(0o644)
                .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
            zip.start_file(path.as_str(), options).map_err(fail)?;
            zip.write_all(bytes).map_err(|e| writer_error("zip", e))?;
        }
        Ok(zip.finish().map_err(fail)?.into_inner())
    }

    /// Writes the zip to `path` through a temporary file beside it, so a
    /// failed export never leaves half a bundle under the final name.
    pub fn write(&self, path: &Path) -> Result<()> {
        let bytes = self.to_zip()?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let tmp = path.with_file_name(format!(".{}.tmp", name.unwrap_or_default()));
        let write_err = |e: std::io::Error| Error::Write {
            path: path.to_path_buf(),
            source: e,
        };
        std::fs::write(&tmp, &bytes).map_err(write_err)?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            write_err(e)
        })
    }

    /// The number of records (projects) in the bundle.
    pub fn records(&self) -> usize {
        self.files
            .keys()
            .filter(|k| k.ends_with(&format!("/{META}")))
            .count()
    }
}
