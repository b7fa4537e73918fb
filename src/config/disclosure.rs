//! `[disclosure]` and `[export.cms]` in `site.toml`: what the portal's
//! information-disclosure system needs to know about every page.
//!
//! County departments publish through the portal's 集约化 CMS, in the
//! column 政府信息公开 → 法定主动公开内容 → 财政预决算 → 部门预算, and every
//! disclosure there carries a metadata panel (索引号, 发布机构, 成文日期,
//! 发布日期, 文号, 主题分类, 时效性) and the `<meta>` tags that monitoring
//! systems read. This module owns those settings and the 索引号 template,
//! which it validates strictly: an 索引号 never changes once published, so
//! the template may only use fields that do not change either, and a
//! mistake is reported at its line and column before anything is built.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::source::location_of;

use super::FILE_NAME;

/// `[disclosure]`: the metadata panel's site-wide values and defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// The portal's domain (`SiteDomain`), such as `www.qilian.gov.cn`.
    #[serde(default)]
    pub domain: Option<String>,
    /// The column path in the portal, outermost first; its last entry is
    /// the `ColumnName`.
    #[serde(default)]
    pub column: Vec<String>,
    /// 主题分类, such as 财政、金融、审计.
    #[serde(default)]
    pub topic: Option<String>,
    /// 时效性 of pages that do not state their own (`validity:`), such as 有效.
    #[serde(default)]
    pub validity: Option<String>,
    /// 发布机构 of every page; unset, each department's full name.
    #[serde(default)]
    pub publisher: Option<String>,
    /// 成文日期 of pages that do not state their own (`written:`).
    #[serde(default)]
    pub written: Option<String>,
    /// The organisation code that `{org}` stands for (组织机构代码 or
    /// 统一社会信用代码, as the portal's template wants it).
    #[serde(default)]
    pub org_code: Option<String>,
    /// The 索引号 template, such as `"{org}/{year}-{department}-{code}"`.
    /// Spanned, so that a bad placeholder is reported where it is written.
    #[serde(default)]
    pub index_template: Option<Spanned<String>>,
}

/// A placeholder of the 索引号 template: only fields that never change
/// once a page is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// `{org}`: `[disclosure] org_code`.
    Org,
    /// `{year}`: the budget year.
    Year,
    /// `{department}`: the 单位编码 (the department's folder).
    Department,
    /// `{code}`: the 项目编码.
    Code,
    /// `{id}`: the project's `id` (its identity across years).
    Id,
    /// `{project}`: the 项目编码, or the `id` when there is no code.
    Project,
}

impl Placeholder {
    /// Every placeholder, with its name in the template.
    pub const ALL: [(&'static str, Placeholder); 6] = [
        ("org", Placeholder::Org),
        ("year", Placeholder::Year),
        ("department", Placeholder::Department),
        ("code", Placeholder::Code),
        ("id", Placeholder::Id),
        ("project", Placeholder::Project),
    ];

    /// True for the placeholders that tell two projects of one
    /// department-year apart; a template needs one.
    pub fn names_the_project(self) -> bool {
        matches!(
            self,
            Placeholder::Code | Placeholder::Id | Placeholder::Project
        )
    }
}

/// Names people reach for that would change an 索引号 after publication,
/// each refused with the reason (the message key's suffix).
const UNSTABLE: [(&str, &str); 10] = [
    ("slug", "file"),
    ("file", "file"),
    ("name", "name"),
    ("seq", "position"),
    ("serial", "position"),
    ("n", "position"),
    ("index", "position"),
    ("date", "date"),
    ("published", "date"),
    ("amount", "amount"),
];

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text copied as written.
    Text(String),
    /// A value filled in per project.
    Field(Placeholder),
}

/// Why a template does not parse: the byte offset in the template and the
/// message.
type TemplateError = (usize, String);

/// Parses an 索引号 template into pieces. Braces only ever open and close
/// a placeholder, so a stray one is an error rather than literal text.
pub fn parse_template(template: &str) -> Result<Vec<Piece>, TemplateError> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = template.char_indices();
    while let Some((at, c)) = rest.next() {
        match c {
            '{' => {
                let close = template[at..]
                    .find('}')
                    .ok_or_else(|| (at, crate::t!("config-index-brace")))?;
                let name = &template[at + 1..at + close];
                let Some((_, field)) = Placeholder::ALL.iter().find(|(n, _)| *n == name) else {
                    let message = match UNSTABLE.iter().find(|(n, _)| *n == name) {
                        Some((_, why)) => crate::t!(
                            "config-index-unstable",
                            name = name,
                            reason = crate::i18n::message(&format!("config-index-why-{why}"), &[])
                        ),
                        None => crate::t!("config-index-unknown", name = name),
                    };
                    return Err((at, message));
                };
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Field(*field));
                for _ in 0..name.chars().count() + 1 {
                    rest.next();
                }
            }
            '}' => return Err((at, crate::t!("config-index-brace"))),
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

impl Disclosure {
    /// The parsed 索引号 template, when one is configured and valid
    /// (`validate` has refused any other by the time a site loads).
    pub fn template(&self) -> Option<Vec<Piece>> {
        parse_template(self.index_template.as_ref()?.get_ref()).ok()
    }

    /// The `ColumnName`: the last entry of the column path.
    pub fn column_name(&self) -> Option<&str> {
        self.column.last().map(String::as_str)
    }

    /// Checks the template against `text`, the whole of `site.toml`, so
    /// that an error names the placeholder's line and column.
    pub(super) fn validate(&self, text: &str) -> Result<(), Diagnostic> {
        let Some(template) = &self.index_template else {
            return Ok(());
        };
        // The span covers the quoted value; the template starts after the
        // opening quote (an escape before the error shifts the column by
        // its length, which is still the right line).
        let start = template.span().start + 1;
        let error = |offset: usize, message: String| {
            Diagnostic::error("config", FILE_NAME, message)
                .field("disclosure.index_template")
                .at(Some(location_of(text, start + offset)))
                .help(crate::t!("config-index-help"))
        };
        let pieces = parse_template(template.get_ref()).map_err(|(at, m)| error(at, m))?;
        let fields: Vec<Placeholder> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Field(f) => Some(*f),
                Piece::Text(_) => None,
            })
            .collect();
        if !fields.iter().any(|f| f.names_the_project()) {
            return Err(error(0, crate::t!("config-index-no-project")));
        }
        if fields.contains(&Placeholder::Org)
            && self.org_code.as_deref().is_none_or(|c| c.trim().is_empty())
        {
            let at = template.get_ref().find("{org}").unwrap_or(0);
            return Err(error(at, crate::t!("config-index-no-org")));
        }
        Ok(())
    }
}

/// `[export]`: settings of `gongkai export`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// `[export.cms]`: the CMS bundle.
    #[serde(default)]
    pub cms: CmsExport,
}

/// `[export.cms]`: the bundle `gongkai export --cms` writes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CmsExport {
    /// `[export.cms.fields]`: the names `meta.json` gives its fields.
    #[serde(default)]
    pub fields: CmsFields,
}

macro_rules! cms_fields {
    ($($field:ident),* $(,)?) => {
        /// `[export.cms.fields]`: each `meta.json` field's name in the
        /// bundle, for provinces whose CMS names them differently
        /// (`index_no = "syh"`). A key that is not a field is an error, so
        /// a misspelt mapping never silently keeps the default name.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct CmsFields {
            $(
                #[allow(missing_docs)]
                #[serde(default)]
                pub $field: Option<String>,
            )*
        }

        impl CmsFields {
            /// Every field's default name, in `meta.json`'s order.
            pub const DEFAULT_NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The name the bundle gives the field `key`.
            pub fn name_of<'a>(&'a self, key: &'a str) -> &'a str {
                match key {
                    $(stringify!($field) => self.$field.as_deref().unwrap_or(key),)*
                    _ => key,
                }
            }
        }
    };
}

cms_fields!(
    title,
    index_no,
    publisher,
    written,
    published,
    document_no,
    topic,
    validity,
    source,
    column,
    summary,
    keywords,
    year,
    department_code,
    department_name,
    project_code,
    content,
    attachments,
);

impl Export {
    /// Two fields mapped to one name would overwrite each other in
    /// `meta.json`; an empty name is no name.
    pub(super) fn validate(&self) -> Result<(), Diagnostic> {
        let fields = &self.cms.fields;
        let mut seen = std::collections::BTreeMap::new();
        for key in CmsFields::DEFAULT_NAMES {
            let name = fields.name_of(key);
            let error = |message: String| {
                Diagnostic::error("config", FILE_NAME, message)
                    .field(format!("export.cms.fields.{key}"))
                    .help(crate::t!("config-cms-field-help"))
            };
            if name.trim().is_empty() {
                return Err(error(crate::t!("config-cms-field-empty", key = *key)));
            }
            if let Some(other) = seen.insert(name, *key) {
                return Err(error(crate::t!(
                    "config-cms-field-clash",
                    key = *key,
                    other = other,
                    name = name
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn with(disclosure: &str) -> Result<Config, Diagnostic> {
        Config::parse(&format!("title = \"t\"\n[disclosure]\n{disclosure}"))
    }

    #[test]
    fn a_stable_template_parses() {
        let config =
            with("org_code = \"X1\"\nindex_template = \"{org}/{year}-{department}-{code}\"\n")
                .unwrap();
        let pieces = config.disclosure.template().unwrap();
        assert_eq!(pieces[0], Piece::Field(Placeholder::Org));
        assert_eq!(pieces[1], Piece::Text("/".into()));
        assert_eq!(pieces.len(), 7);
    }

    #[test]
    fn unknown_and_unstable_placeholders_are_located() {
        let err = with("index_template = \"{year}-{colour}\"\n").unwrap_err();
        let at = err.location.unwrap();
        assert_eq!((at.line, at.column), (3, 26), "{}", err.message);
        assert!(err.message.contains("colour"), "{}", err.message);
        let err = with("index_template = \"{year}-{seq}\"\n").unwrap_err();
        assert!(err.message.contains("seq"), "{}", err.message);
        let err = with("index_template = \"{year}-{slug}\"\n").unwrap_err();
        assert!(err.message.contains("slug"), "{}", err.message);
        assert!(with("index_template = \"{year}-{code\"\n").is_err());
        assert!(with("index_template = \"{year}}\"\n").is_err());
    }

    #[test]
    fn a_template_must_name_the_project_and_have_its_org() {
        assert!(with("index_template = \"{department}/{year}\"\n").is_err());
        assert!(with("index_template = \"{org}/{year}-{id}\"\n").is_err());
        assert!(with("index_template = \"X/{year}-{project}\"\n").is_ok());
    }

    #[test]
    fn cms_field_names_map_and_unknown_keys_are_errors() {
        let config =
            Config::parse("title = \"t\"\n[export.cms.fields]\nindex_no = \"syh\"\n").unwrap();
        assert_eq!(config.export.cms.fields.name_of("index_no"), "syh");
        assert_eq!(config.export.cms.fields.name_of("title"), "title");
        let err = Config::parse("title = \"t\"\n[export.cms.fields]\nindex_number = \"syh\"\n")
            .unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(3));
        let err = Config::parse("title = \"t\"\n[export.cms.fields]\nindex_no = \"title\"\n")
            .unwrap_err();
        assert!(err.message.contains("title"), "{}", err.message);
    }
}
