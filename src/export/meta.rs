//! One record's `meta.json`: the disclosure panel's fields, the column
//! path, the 内容概述 and the attachments, under the names
//! `[export.cms.fields]` gives them.
//!
//! The values are the page's own (from [`crate::disclosure`] and the
//! project view's summary), so the CMS shows what the site shows. A value
//! the site does not have is `null`, never a guess.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::config::CmsFields;
use crate::disclosure::Panel;
use crate::model::{Department, Project, Site};
use crate::render::views::disclosure::{keywords, summary};

/// An attachment of a record: a download rendered beside its fragment.
#[derive(Debug, Clone)]
pub(super) struct Attachment {
    /// The file name inside the record's folder.
    pub file: String,
    /// `xlsx` or `csv`.
    pub format: &'static str,
    pub media_type: &'static str,
    pub size: u64,
    pub sha256: String,
}

/// One record's fields, by their default names.
pub(super) struct Record {
    fields: Vec<(&'static str, Value)>,
}

impl Record {
    pub(super) fn new(
        project: &Project,
        department: &Department,
        site: &Site,
        strings: &BTreeMap<String, String>,
        attachments: Vec<Attachment>,
    ) -> Self {
        let config = &site.config;
        let panel = Panel::of(project, Some(department), config);
        let code = project
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let attachments: Vec<Value> = attachments
            .into_iter()
            .map(|a| {
                json!({
                    "file": a.file,
                    "format": a.format,
                    "media_type": a.media_type,
                    "size": a.size,
                    "sha256": a.sha256,
                })
            })
            .collect();
        let fields = vec![
            ("title", json!(project.name)),
            ("index_no", json!(panel.index_no.as_str())),
            ("publisher", json!(panel.publisher)),
            ("written", json!(panel.written)),
            ("published", json!(panel.published)),
            ("document_no", json!(panel.document_no)),
            ("topic", json!(panel.topic)),
            ("validity", json!(panel.validity)),
            ("source", json!(panel.source)),
            ("column", json!(config.disclosure.column)),
            ("summary", json!(summary(project, department, strings))),
            ("keywords", json!(keywords(project, department, strings))),
            ("year", json!(project.year)),
            ("department_code", json!(department.code)),
            ("department_name", json!(department.name)),
            ("project_code", json!(code)),
            ("content", json!(super::CONTENT)),
            ("attachments", Value::Array(attachments)),
        ];
        debug_assert_eq!(
            fields.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            CmsFields::DEFAULT_NAMES
        );
        Record { fields }
    }

    /// The JSON object, each field under the name `names` maps it to.
    pub(super) fn to_json(&self, names: &CmsFields) -> Value {
        let map: Map<String, Value> = self
            .fields
            .iter()
            .map(|(key, value)| (names.name_of(key).to_owned(), value.clone()))
            .collect();
        Value::Object(map)
    }
}
