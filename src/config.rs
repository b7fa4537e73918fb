//! `site.toml`: the settings a site owner writes once.
//!
//! This module owns the file's schema, its defaults and its error reporting.
//! Unknown keys are rejected with a suggestion, because a misspelt footer key
//! would otherwise silently drop the 备案号 that a government site must show.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::error::{Error, Result};
use crate::layout;
use crate::source::location_of;

mod feeds;
pub use feeds::{BaseUrl, Feeds};
mod disclosure;
pub use disclosure::{
    CmsExport, CmsFields, Disclosure, Export, Piece, Placeholder, parse_template,
};

/// The file name of the site configuration, relative to the site root
/// (the name itself belongs to [`layout`](crate::layout)).
pub(crate) use crate::layout::CONFIG_FILE as FILE_NAME;

/// The contents of `site.toml`. Unknown keys are errors, so a misspelt setting is never
/// silently ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Shown in the header and in every `<title>`.
    pub title: String,
    /// One sentence under the title on the index page.
    #[serde(default)]
    pub description: Option<String>,
    /// BCP 47 language tag for `<html lang>`; also selects the UI strings.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme folder under `themes/`; files there override the embedded default.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Where `build` writes, relative to the site root.
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Absolute URL path the site is served from, used only by the 404 page
    /// (which the host serves at arbitrary depths, so relative links fail
    /// there). Every other page uses relative links and needs no setting.
    #[serde(default = "default_base_path")]
    pub base_path: String,
    /// The unit of `amount` in project files that do not set their own
    /// `amount_unit`, and the unit totals are shown in.
    #[serde(default)]
    pub amount_unit: AmountUnit,
    /// The footer of every page: organiser and contact.
    #[serde(default)]
    pub footer: Footer,
    /// 发布日期 and 信息来源 of every project that does not state its own.
    #[serde(default)]
    pub publication: Publication,
    /// `[check]`: rule levels and plausibility thresholds.
    #[serde(default)]
    pub check: CheckConfig,
    /// `[open_data]`: which downloads are generated, and their licence and
    /// source.
    #[serde(default)]
    pub open_data: OpenData,
    /// `[search]`: the search box and its index.
    #[serde(default)]
    pub search: Search,
    /// `[feeds]`: the sitemap and Atom feeds, made only when the site's
    /// address (`base_url`) is known.
    #[serde(default)]
    pub feeds: Feeds,
    /// `[deploy]`: the defaults of `gongkai deploy` (docs/deploy.md).
    #[serde(default)]
    pub deploy: DeployConfig,
    /// `[disclosure]`: the metadata panel and `<meta>` tags of the
    /// portal's information-disclosure system.
    #[serde(default)]
    pub disclosure: Disclosure,
    /// `[export]`: the CMS bundle of `gongkai export`.
    #[serde(default)]
    pub export: Export,
    /// `[integrity]`: the public key the 核验 page publishes.
    #[serde(default)]
    pub integrity: Integrity,
}

/// `[integrity]`: what the 核验 page says about signatures
/// (docs/integrity.md). Only the public key: the secret key comes from
/// the environment, never from this file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Integrity {
    /// The minisign public key (the base64 line of the `.pub` file) that
    /// `SHA256SUMS.minisig` verifies with. Without it the page says that
    /// no signature is published.
    #[serde(default)]
    pub public_key: Option<String>,
}

/// `[deploy]`: where `gongkai deploy` publishes when `--to` is not given.
/// It has no place for a user's password or key: unknown keys are errors,
/// and credentials come from the environment only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// The address, as `--to` takes it (`sftp://user@host/path` …).
    #[serde(default)]
    pub to: Option<String>,
    /// The default of `--max-deletes`.
    #[serde(default)]
    pub max_deletes: Option<usize>,
}

/// `[search]`: the search box on every page and the index it reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Build the index, the search page and the box in every header. Off,
    /// readers browse by year and department only.
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for Search {
    fn default() -> Self {
        Search { enabled: true }
    }
}

/// `[open_data]`: the downloads generated beside the pages (CSV, Excel,
/// JSON and a Frictionless Data Package per project, department-year and
/// year) and what they say about themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenData {
    /// Generate the downloads and the 开放数据 page. Off, the site is
    /// pages only (and builds faster).
    #[serde(default = "yes")]
    pub downloads: bool,
    /// Start CSV files with a UTF-8 byte-order mark, so that Excel on a
    /// Chinese Windows reads them as UTF-8 instead of GBK.
    #[serde(default = "yes")]
    pub csv_bom: bool,
    /// The creation time written into every .xlsx file, as
    /// `YYYY-MM-DDTHH:MM:SS` (UTC). Fixed, because a build must not read
    /// the clock: the same content gives byte-identical workbooks.
    #[serde(default = "default_created")]
    pub created: String,
    /// The licence the data is published under, for `datapackage.json`.
    #[serde(default)]
    pub license: Option<License>,
    /// Where the data comes from, for `datapackage.json`; the site title
    /// when unset.
    #[serde(default)]
    pub source: Option<DataSource>,
}

impl Default for OpenData {
    fn default() -> Self {
        OpenData {
            downloads: true,
            csv_bom: true,
            created: default_created(),
            license: None,
            source: None,
        }
    }
}

/// A licence as the Data Package standard spells one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    /// An Open Definition licence id such as `CC-BY-4.0`.
    #[serde(default)]
    pub name: Option<String>,
    /// A URL of the licence text.
    #[serde(default)]
    pub path: Option<String>,
    /// The licence's human-readable name, such as 知识共享署名 4.0.
    #[serde(default)]
    pub title: Option<String>,
}

/// The source of the data, as the Data Package standard spells one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    /// Who published the data, such as the department or the finance bureau.
    pub title: String,
    /// A URL of the source, such as the publishing site.
    #[serde(default)]
    pub path: Option<String>,
}

fn yes() -> bool {
    true
}

fn default_created() -> String {
    "2000-01-01T00:00:00".to_owned()
}

/// True for `YYYY-MM-DDTHH:MM:SS` with plausible fields.
fn is_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(99);
    b.len() == 19
        && text.is_ascii()
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && num(0..4) >= 1900
        && (1..=12).contains(&num(5..7))
        && (1..=31).contains(&num(8..10))
        && num(11..13) < 24
        && num(14..16) < 60
        && num(17..19) < 60
}

/// What a disclosure page says about its own publication. Dates are
/// written in the configuration, never taken from the clock, so that two
/// builds of the same input stay byte-identical.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// 发布日期, as written (for example 2023-03-01).
    #[serde(default)]
    pub published: Option<String>,
    /// 信息来源: who published the table.
    #[serde(default)]
    pub source: Option<String>,
}

/// The footer every Chinese government site must carry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// 主办单位.
    #[serde(default)]
    pub organizer: Option<String>,
    /// 联系方式: a phone number, address or e-mail, as free text.
    #[serde(default)]
    pub contact: Option<String>,
    /// 网站标识码.
    #[serde(default)]
    pub site_code: Option<String>,
    /// ICP备案号.
    #[serde(default)]
    pub icp: Option<String>,
    /// 公安机关备案号.
    #[serde(default)]
    pub police: Option<String>,
}

/// Settings of the performance-target linter (`gongkai check`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Which MoF indicator framework the site follows.
    #[serde(default)]
    pub framework: Framework,
    /// Lowest acceptable 满意度 target, in percent.
    #[serde(default = "default_satisfaction_floor")]
    pub satisfaction_floor: u32,
    /// Per-rule severity overrides, by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            framework: Framework::default(),
            satisfaction_floor: default_satisfaction_floor(),
            rules: BTreeMap::new(),
        }
    }
}

/// The indicator frameworks in use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Framework {
    /// Decide per project from the indicators it uses.
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// 财预〔2015〕88号: 成本指标 sits under 产出指标.
    #[serde(rename = "2015")]
    Caiyu2015,
    /// 财预〔2021〕101号: 成本指标 is a first-level indicator.
    #[serde(rename = "2021")]
    Caiyu2021,
    /// The older template family: 社会公众或服务对象满意度指标 is a 二级
    /// indicator under 效益指标, with no 满意度指标 at 一级.
    #[serde(rename = "older")]
    Older,
}

/// The unit a file's amounts are written in (`amount_unit`).
///
/// Provinces publish in either: Qinghai and Hunan in 万元, Sichuan in 元.
/// Defined here, where `site.toml` sets the default, and used by
/// [`crate::model`]. Figures stay in the unit they were written in; only totals convert.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AmountUnit {
    /// 万元, the unit budget tables are usually printed in.
    #[default]
    #[serde(rename = "万元")]
    Wan,
    /// 元, used by some provinces' exports and by small projects.
    #[serde(rename = "元")]
    Yuan,
}

impl AmountUnit {
    /// The unit as printed after a figure.
    pub fn label(self) -> &'static str {
        match self {
            AmountUnit::Wan => "万元",
            AmountUnit::Yuan => "元",
        }
    }
}

impl fmt::Display for AmountUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A severity override for one rule, or `off` to disable it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// A finding stops the build.
    Error,
    /// A finding is printed; the build goes on.
    Warning,
    /// A finding is printed as a remark; the build goes on.
    Info,
}

impl RuleLevel {
    /// The severity a finding gets, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
        }
    }
}

fn default_language() -> String {
    "zh-CN".to_owned()
}

fn default_theme() -> String {
    layout::DEFAULT_THEME.to_owned()
}

fn default_output_dir() -> PathBuf {
    PathBuf::from(layout::DEFAULT_OUTPUT_DIR)
}

fn default_base_path() -> String {
    "/".to_owned()
}

fn default_satisfaction_floor() -> u32 {
    85
}

impl Config {
    /// Reads `site.toml` under `root`. Schema problems come back as content
    /// diagnostics with line and column; a missing file is a usage error.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        if !root.is_dir() {
            return Err(Error::NoSite {
                path: root.to_path_buf(),
            });
        }
        if !path.is_file() {
            return Err(Error::NoSite { path });
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
        Config::from_bytes(&bytes).map_err(|d| Error::Content(Diagnostics::from_iter([d])))
    }

    /// Parses the bytes of `site.toml`. Invalid UTF-8 is reported at the
    /// line and column of the first bad byte, like a content file, so that
    /// a clerk who saved the file as GBK can find the character to retype.
    pub fn from_bytes(bytes: &[u8]) -> Result<Config, Diagnostic> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Diagnostic::error("encoding", FILE_NAME, crate::t!("config-not-utf8"))
                .at(Some(location_of(valid, valid.len())))
                .help(crate::t!("config-not-utf8-help"))
        })?;
        Config::parse(text)
    }

    /// Parses configuration text; the error names the line and column.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let location = e.span().map(|span| location_of(text, span.start));
            Diagnostic::error("config", FILE_NAME, e.message().to_owned())
                .at(location)
                .help(crate::t!("config-help"))
        })?;
        config.validate()?;
        config.disclosure.validate(text)?;
        config.export.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), Diagnostic> {
        let lang_ok = !self.language.is_empty()
            && self
                .language
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
        if !lang_ok {
            return Err(
                Diagnostic::error("config", FILE_NAME, crate::t!("config-language"))
                    .field("language")
                    .help(crate::t!("config-language-help")),
            );
        }
        if !self.base_path.starts_with('/') {
            return Err(
                Diagnostic::error("config", FILE_NAME, crate::t!("config-base-path"))
                    .field("base_path")
                    .help(crate::t!("config-base-path-help")),
            );
        }
        if !is_timestamp(&self.open_data.created) {
            return Err(
                Diagnostic::error("config", FILE_NAME, crate::t!("config-created"))
                    .field("open_data.created")
                    .help(crate::t!("config-created-help")),
            );
        }
        Ok(())
    }

    /// A minimal configuration, used by `init` and by tests.
    pub fn new(title: &str) -> Config {
        Config::parse(&format!("title = {}\n", toml_string(title)))
            .expect("a title-only config is valid")
    }
}

/// Quotes a string as a TOML basic string.
pub(crate) fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let config = Config::parse("title = \"测试\"\n").unwrap();
        assert_eq!(config.language, "zh-CN");
        assert_eq!(config.output_dir, PathBuf::from("public"));
        assert_eq!(config.check.satisfaction_floor, 85);
    }

    #[test]
    fn amount_unit_is_wan_or_yuan() {
        assert_eq!(
            Config::parse("title = \"t\"\n").unwrap().amount_unit,
            AmountUnit::Wan
        );
        let config = Config::parse("title = \"t\"\namount_unit = \"元\"\n").unwrap();
        assert_eq!(config.amount_unit, AmountUnit::Yuan);
        let err = Config::parse("title = \"t\"\namount_unit = \"千元\"\n").unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(2));
    }

    #[test]
    fn open_data_defaults_and_checks() {
        let config = Config::parse("title = \"t\"\n").unwrap();
        assert!(config.open_data.downloads && config.open_data.csv_bom);
        let config = Config::parse(
            "title = \"t\"\n[open_data]\ncsv_bom = false\ncreated = \"2024-03-01T08:00:00\"\n",
        )
        .unwrap();
        assert!(!config.open_data.csv_bom);
        assert!(Config::parse("title = \"t\"\n[open_data]\ncreated = \"2024-13-01\"\n").is_err());
    }

    #[test]
    fn unknown_footer_key_is_located() {
        let err = Config::parse("title = \"t\"\n[footer]\nicp_no = \"x\"\n").unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(3));
        assert!(err.message.contains("icp_no"), "{}", err.message);
    }
}
