//! The budget disclosure as data: departments, projects, indicators, pages.
//!
//! These types are defined once and shared by every stage. They are exactly
//! what the user writes (the YAML schema is derived from them, so the
//! documentation and the parser cannot drift apart) plus the identity that
//! comes from the file's place in the tree (department, slug, source path).
//! Totals are deliberately absent: they are computed from amounts when
//! needed, never stored, so they cannot disagree with the rows they sum.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

pub use crate::config::AmountUnit;
pub use amount::{Amount, checked_total_of, total_of};
pub(crate) use amount::{exact_add, exact_sub};
pub use attachment::{Attachment, AttachmentFormat};
pub use evaluation::{Budget, Evaluation, IndicatorResult};

mod amount;
mod attachment;
pub mod date;
pub mod evaluation;
pub mod revision;
use crate::config::Config;
use crate::yaml::ReviewComment;

/// A budget unit (预算单位), from `content/<folder>/_department.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// 单位编码, digits only; it is also the department's URL segment.
    pub code: String,
    /// 单位名称.
    pub name: String,
    /// 上级单位编码, for units that report to another unit.
    #[serde(default)]
    pub parent: Option<String>,
    /// Path of `_department.yaml`, relative to the site root.
    #[serde(skip)]
    pub source: PathBuf,
    /// The `# 待核对` comments still in the file, which `check` reports
    /// until a person has reviewed the guess and deleted them.
    #[serde(skip)]
    pub reviews: Vec<ReviewComment>,
}

/// One project's performance-target table (项目支出绩效目标表).
///
/// Every field after `indicators` is optional, so that each province's
/// layout fits: list-style tables with 权重 and 指标方向性 (Sichuan,
/// Chongqing), form-style tables with 绩效标准 and 实施期 goals (Hunan),
/// funding split into several sources with sub-parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 预算年度. Written `2024` or `"2024"`: spreadsheets and some editors
    /// quote it, and both mean the same year.
    #[serde(deserialize_with = "year_number")]
    pub year: u16,
    /// 项目名称.
    pub name: String,
    /// 项目编码.
    #[serde(default)]
    pub code: Option<String>,
    /// The project's identity across budget years, when the department and
    /// file name do not give it (a 项目编码 that stays the same from year
    /// to year, say). See [`crate::history`].
    #[serde(default)]
    pub id: Option<String>,
    /// The identities (`id`, or file name in the same department) this
    /// project had in earlier years, when it was renamed or re-coded; the
    /// history joins them, it never guesses.
    #[serde(default)]
    pub previous_ids: Vec<String>,
    /// True when this is the project's last year: `check` then does not
    /// warn that it is missing from the next year.
    #[serde(default)]
    pub ended: bool,
    /// The unit of `amount` and of every funding figure; `None` takes the
    /// site's `amount_unit` (see [`Project::unit`]).
    #[serde(default)]
    pub amount_unit: Option<AmountUnit>,
    /// 金额, in `amount_unit`.
    pub amount: Amount,
    /// 资金来源: how the amount splits between sources, in published order.
    #[serde(default)]
    pub funding: Vec<FundingSource>,
    /// 实施期限.
    #[serde(default)]
    pub period: Option<String>,
    /// 实施单位.
    #[serde(default)]
    pub implementer: Option<String>,
    /// The form fields around the table (主管部门, 项目属性, 项目概况 …), in
    /// file order; each text is Markdown.
    #[serde(default)]
    pub details: Details,
    /// 年度绩效目标, each a Markdown string.
    pub goals: Vec<String>,
    /// 年度绩效指标, in the order of the published table.
    pub indicators: Vec<Indicator>,
    /// 实施期/长期目标.
    #[serde(default)]
    pub long_term_goals: Vec<String>,
    /// 实施期/长期绩效指标.
    #[serde(default)]
    pub long_term_indicators: Vec<Indicator>,
    /// 备注, Markdown.
    #[serde(default)]
    pub notes: Option<String>,
    /// 发布日期 of this table, when it differs from the site's.
    #[serde(default)]
    pub published: Option<String>,
    /// 信息来源 of this table, when it differs from the site's.
    #[serde(default, rename = "source")]
    pub info_source: Option<String>,
    /// 索引号 of this page, as the portal assigned it; overrides the
    /// `[disclosure] index_template` (see [`crate::disclosure`]). Once
    /// published it must never change.
    #[serde(default)]
    pub index_no: Option<String>,
    /// 文号 of the document the table was published with, where there is
    /// one (such as 祁残联〔2023〕5号).
    #[serde(default)]
    pub document_no: Option<String>,
    /// 成文日期, as written, when it differs from `[disclosure] written`.
    #[serde(default)]
    pub written: Option<String>,
    /// 时效性 (有效, 失效 …), when it differs from `[disclosure] validity`.
    #[serde(default)]
    pub validity: Option<String>,
    /// Corrections made after publication, each with its date and what
    /// changed; the page lists them as 修订记录 (newest first, see
    /// [`revision::newest_first`]) and shows the latest as 上次更新.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// The original signed document(s) the table was transcribed from,
    /// each beside the project file; copied into the output and linked.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The file stem, which is also the URL segment.
    #[serde(skip)]
    pub slug: String,
    /// 单位编码 of the department folder the file sits in.
    #[serde(skip)]
    pub department: String,
    /// Path of the YAML file, relative to the site root.
    #[serde(skip)]
    pub source: PathBuf,
    /// The `# 待核对` comments still in the file: import's guesses that no
    /// one has reviewed yet. Kept with the project, so that a rebuild that
    /// re-reads one file and the preview's list of open flags both see
    /// them without reading the text again.
    #[serde(skip)]
    pub reviews: Vec<ReviewComment>,
    /// The 绩效自评 from the sibling `<slug>.evaluation.yaml`, when there
    /// is one (see [`evaluation`]). Loading reads it with the project, so
    /// every stage that sees a project sees its results too.
    #[serde(skip)]
    pub evaluation: Option<Arc<Evaluation>>,
}

impl Project {
    /// Who the project is, independent of where it sits in the site.
    pub fn key(&self) -> ProjectKey {
        ProjectKey {
            department: self.department.clone(),
            year: self.year,
            slug: self.slug.clone(),
        }
    }

    /// The key as borrowed parts, in the order projects sort by; two
    /// projects with equal parts would be written to one URL.
    pub(crate) fn key_parts(&self) -> (&str, u16, &str) {
        (&self.department, self.year, &self.slug)
    }

    /// The unit of this file's amounts: its own `amount_unit`, else the
    /// site's.
    pub fn unit(&self, site_default: AmountUnit) -> AmountUnit {
        self.amount_unit.unwrap_or(site_default)
    }

    /// The amount in `to`, exactly (see [`Amount::convert`]).
    pub(crate) fn amount_in(&self, site_default: AmountUnit, to: AmountUnit) -> Option<Amount> {
        self.amount.convert(self.unit(site_default), to)
    }

    /// Both indicator tables, each with its field name, for rules that look
    /// at every row.
    pub fn tables(&self) -> [(&'static str, &[Indicator]); 2] {
        [
            ("indicators", &self.indicators),
            ("long_term_indicators", &self.long_term_indicators),
        ]
    }
}

/// A project's identity: its department's code, its budget year and its
/// slug. It is what the URL of the project's page is made of, and what
/// pages, rebuilds and lookups name a project by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ProjectKey {
    /// The department's code, the folder the project lives in.
    pub department: String,
    /// The budget year.
    pub year: u16,
    /// The file name without `.yaml`, `[a-z0-9-]`.
    pub slug: String,
}

impl ProjectKey {
    fn parts(&self) -> (&str, u16, &str) {
        (&self.department, self.year, &self.slug)
    }
}

/// One 资金来源 (财政拨款, 自有资金 …) with its amount and, optionally, its
/// parts (上级 / 本级), which must add up to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// The source's name as written (财政拨款, 自有资金 …).
    pub source: String,
    /// The amount, exact, in the project's unit.
    pub amount: Amount,
    /// One level of sub-parts; parts have no parts of their own.
    #[serde(default)]
    pub parts: Vec<FundingPart>,
}

/// A sub-part of a [`FundingSource`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingPart {
    /// The part's name as written (上级补助, 本级安排 …).
    pub source: String,
    /// The amount, exact, in the project's unit.
    pub amount: Amount,
}

/// The `details` mapping: label → Markdown text, in file order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Details(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for Details {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ordered;
        impl<'de> serde::de::Visitor<'de> for Ordered {
            type Value = Details;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::t!("details-expecting"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Details, A::Error> {
                let mut entries: Vec<(String, String)> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                while let Some((label, text)) = map.next_entry::<String, String>()? {
                    // A label written twice would show one of its texts
                    // and lose the other without a word; the parser's
                    // caller finds where (see `yaml::limits`).
                    if !seen.insert(label.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate entry with key `{label}`"
                        )));
                    }
                    entries.push((label, text));
                }
                Ok(Details(entries))
            }
        }
        deserializer.deserialize_map(Ordered)
    }
}

/// Why a 指标值 is absent (`missing:` on a row whose value is null).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Missing {
    /// The source table left the cell empty: shown as 未填报. The default,
    /// because a clerk copying the approved table sees an empty cell.
    #[default]
    Blank,
    /// The source could not be read (a blurred scan, an OCR gap): shown as
    /// 原件无法辨认, so the page never claims the cell was empty.
    Unreadable,
}

/// A 权重/分值, held exactly as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Weight(pub Decimal);

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Read exactly or not at all, like an amount: `Decimal`'s own reader
/// would skip an underscore (`1_0` is 10) and round a 29th digit.
impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let shown: String = text.chars().take(40).collect();
        if text.contains(['_', 'e', 'E']) {
            return Err(serde::de::Error::custom(crate::t!(
                "weight-invalid",
                shown = shown
            )));
        }
        Decimal::from_str_exact(text.trim())
            .map(Weight)
            .map_err(|_| serde::de::Error::custom(crate::t!("weight-invalid", shown = shown)))
    }
}

impl Serialize for Weight {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(&self.0, serializer)
    }
}

/// One row of the indicator table: 一级 › 二级 › 三级 and its 指标值.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标, such as 产出指标. Shared (see `Interner`): a handful of
    /// names repeat on every row of every project. Omitted in the file, it
    /// repeats the row above (a merged cell of the paper table); loading
    /// fills it in, so every later stage sees the name.
    #[serde(default)]
    pub level1: Arc<str>,
    /// 二级指标, such as 数量指标; omitted, it repeats the row above.
    #[serde(default)]
    pub level2: Arc<str>,
    /// 三级指标: the indicator itself.
    pub name: String,
    /// 指标值. `null` records that the table has no value here (`missing`
    /// says why); the key itself is required, so an omission is never
    /// mistaken for that.
    #[serde(deserialize_with = "nullable_text")]
    pub value: Option<String>,
    /// Why `value` is null.
    #[serde(default)]
    pub missing: Option<Missing>,
    /// 权重/分值.
    #[serde(default)]
    pub weight: Option<Weight>,
    /// 绩效标准.
    #[serde(default)]
    pub standard: Option<String>,
    /// 指标解释.
    #[serde(default)]
    pub explanation: Option<String>,
    /// 指标方向性, such as 正向指标 or 反向指标.
    #[serde(default)]
    pub direction: Option<String>,
    /// A remark on this row.
    #[serde(default)]
    pub note: Option<String>,
}

impl Indicator {
    /// A row with just the four columns every table has.
    pub fn new(level1: &str, level2: &str, name: &str, value: Option<&str>) -> Indicator {
        Indicator {
            level1: level1.into(),
            level2: level2.into(),
            name: name.to_owned(),
            value: value.map(str::to_owned),
            missing: None,
            weight: None,
            standard: None,
            explanation: None,
            direction: None,
            note: None,
        }
    }

    /// Why the value is absent, when it is: `missing`, else blank.
    pub fn missing_reason(&self) -> Option<Missing> {
        self.value
            .is_none()
            .then(|| self.missing.unwrap_or_default())
    }
}

/// One change of a published table (修订记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The date of the change, as written (2023-05-10).
    pub date: String,
    /// What was changed.
    pub note: String,
    /// 勘误 (the table did not match what was approved) or 调整 (an
    /// approved change of an amount, a target or the indicator set).
    /// Unstated in files written before the distinction was made.
    #[serde(default)]
    pub kind: Option<RevisionKind>,
    /// The basis of an adjustment: the approval's 文号 or date. 财预〔2015〕88号
    /// 第二十八条: targets once set are adjusted only through the
    /// budget-adjustment approval, so an adjustment names it.
    #[serde(default, deserialize_with = "nullable_text")]
    pub basis: Option<String>,
}

/// What kind of change a [`Revision`] records. Written in YAML in Chinese
/// (`勘误`, `调整`) as clerks say it; the English words are accepted too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RevisionKind {
    /// 勘误: a correction that brings the page back to the approved table;
    /// every parsed value stays equal (spacing, full-width digits, an OCR
    /// slip) or the published figure was a transcription error.
    #[serde(rename = "勘误", alias = "correction")]
    Correction,
    /// 调整 (实质变更): an approved change of an amount, a target or the
    /// indicator set; it needs its basis.
    #[serde(rename = "调整", alias = "adjustment", alias = "实质变更")]
    Adjustment,
}

/// A year written as a number or as quoted digits. Anything else (`2024年`,
/// full-width digits) fails here and is named by the YAML slip scan.
fn year_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.trim()
        .parse()
        .map_err(|_| serde::de::Error::custom(crate::t!("year-not-a-number", text = text)))
}

fn nullable_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(deserializer)
}

/// Shares equal 一级 and 二级 names between rows. A few names repeat on
/// every row of every project, so a portal of 100,000 projects would
/// otherwise hold millions of copies of 产出指标.
#[derive(Debug, Default)]
pub(crate) struct Interner(std::collections::HashSet<Arc<str>>);

impl Interner {
    /// Replaces each row's level names by the shared copy.
    pub(crate) fn share_levels(&mut self, project: &mut Project) {
        let rows = project
            .indicators
            .iter_mut()
            .chain(project.long_term_indicators.iter_mut());
        for row in rows {
            self.share(&mut row.level1);
            self.share(&mut row.level2);
        }
    }

    fn share(&mut self, name: &mut Arc<str>) {
        match self.0.get(&**name) {
            Some(shared) => *name = Arc::clone(shared),
            None => {
                self.0.insert(Arc::clone(name));
            }
        }
    }
}

/// A free-standing Markdown page such as 说明, from `content/pages/<slug>.md`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// The file name without `.md`; the page's URL.
    pub slug: String,
    /// From the front matter; the navigation label and `<title>`.
    pub title: String,
    /// Lower weights come first in the navigation.
    pub weight: i32,
    /// The Markdown body, front matter removed.
    pub body: String,
    /// The file, relative to the site root, for findings.
    pub source: PathBuf,
}

/// Front matter of a Markdown page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageFrontMatter {
    pub title: String,
    #[serde(default)]
    pub weight: i32,
}

/// Everything a site is made of, loaded and sorted into a stable order:
/// departments by code, projects by department, year and slug, pages by
/// weight and slug. Every stage after loading reads it and none mutates it.
#[derive(Debug, Clone)]
pub struct Site {
    /// The parsed `site.toml`.
    pub config: Config,
    /// Sorted by code, so lookups can binary-search.
    pub departments: Vec<Department>,
    /// Shared so that watch mode can copy the site cheaply, change one
    /// project and keep the old copy until the new one passes its checks.
    pub projects: Vec<Arc<Project>>,
    /// Sorted by weight, then slug: the navigation order.
    pub pages: Vec<Page>,
}

impl Site {
    /// A site of these parts, in the canonical order (see [`Site::sort`]):
    /// what loading, `gongkai diff` and the tests build a site with.
    pub fn new(
        config: Config,
        departments: Vec<Department>,
        projects: Vec<Arc<Project>>,
        pages: Vec<Page>,
    ) -> Site {
        let mut site = Site {
            config,
            departments,
            projects,
            pages,
        };
        site.sort();
        site
    }

    /// A site of `projects` alone, without departments or pages: enough
    /// for the checks of a project.
    pub fn of_projects(config: Config, projects: Vec<Arc<Project>>) -> Site {
        Site::new(config, Vec::new(), projects, Vec::new())
    }

    /// Restores the canonical order after loading or an incremental update.
    pub fn sort(&mut self) {
        self.departments.sort_by(|a, b| a.code.cmp(&b.code));
        self.projects
            .sort_by(|a, b| a.key_parts().cmp(&b.key_parts()));
        self.pages
            .sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    }

    /// The department with this code, if any.
    pub fn department(&self, code: &str) -> Option<&Department> {
        self.departments
            .binary_search_by(|d| d.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.departments[i])
    }

    /// The index of a project in `projects`, by key.
    pub(crate) fn position(&self, key: &ProjectKey) -> Option<usize> {
        self.projects
            .binary_search_by(|p| p.key_parts().cmp(&key.parts()))
            .ok()
    }

    /// Finds a project by key; projects are sorted by exactly this key.
    pub fn project(&self, key: &ProjectKey) -> Option<&Project> {
        self.projects
            .binary_search_by(|p| p.key_parts().cmp(&key.parts()))
            .ok()
            .map(|i| &*self.projects[i])
    }

    /// The projects of one department, in canonical order.
    pub(crate) fn projects_of(&self, code: &str) -> &[Arc<Project>] {
        let start = self
            .projects
            .partition_point(|p| p.department.as_str() < code);
        let end = self
            .projects
            .partition_point(|p| p.department.as_str() <= code);
        &self.projects[start..end]
    }

    /// The distinct budget years, ascending.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.projects.iter().map(|p| p.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The sum of every project's amount, exact, in the site's `amount_unit`.
    pub fn total(&self) -> Amount {
        self.total_in(self.config.amount_unit)
    }

    /// The sum of every project's amount, in `unit`, exactly.
    pub(crate) fn total_in(&self, unit: AmountUnit) -> Amount {
        total_of(
            self.projects.iter().map(|p| &**p),
            self.config.amount_unit,
            unit,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn interner_shares_equal_names() {
        let row = |l1: &str| Indicator::new(l1, "数量指标", "n", None);
        let mut project: Project =
            crate::yaml::from_str("{year: 2023, name: p, amount: 1, goals: [g], indicators: []}")
                .unwrap();
        project.indicators = vec![row("产出指标"), row("产出指标"), row("效益指标")];
        Interner::default().share_levels(&mut project);
        let rows = &project.indicators;
        assert!(Arc::ptr_eq(&rows[0].level1, &rows[1].level1));
        assert!(Arc::ptr_eq(&rows[0].level2, &rows[2].level2));
        assert_eq!(&*rows[2].level1, "效益指标");
    }

    #[test]
    fn value_key_is_required_but_may_be_null() {
        let row: Indicator =
            crate::yaml::from_str("{level1: a, level2: b, name: c, value: null}").unwrap();
        assert_eq!(row.value, None);
        let err = crate::yaml::from_str::<Indicator>("{level1: a, level2: b, name: c}");
        assert!(err.unwrap_err().message.contains("value"));
    }

    #[test]
    fn details_keep_file_order() {
        let d: Details =
            crate::yaml::from_str("主管部门: 县财政局\n项目属性: 延续\n起止时间: 2023年\n")
                .unwrap();
        let labels: Vec<&str> = d.0.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["主管部门", "项目属性", "起止时间"]);
    }

    #[test]
    fn a_details_label_written_twice_is_an_error_at_its_second_line() {
        let err = crate::yaml::from_str::<Details>(
            "主管部门: 县财政局\n项目属性: 延续\n主管部门: 县民政局\n",
        )
        .unwrap_err();
        assert_eq!(err.rule, Some("duplicate-key"));
        assert_eq!(err.location.map(|l| (l.line, l.column)), Some((3, 1)));
        assert!(err.message.contains("`主管部门`"), "{}", err.message);
    }
}
