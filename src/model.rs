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
use crate::config::Config;

/// An amount of money, held exactly as written, in the unit of its file
/// (see [`AmountUnit`]).
///
/// YAML numbers reach it as text (`1.00` is read as the characters "1.00"),
/// so no amount ever passes through a binary float, and the number of
/// decimals written is kept: `330.984` stays `330.984`, `10606.7522` keeps
/// its four decimals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

/// How many 元 make one 万元, as a power of ten.
const WAN_SCALE: u32 = 4;

impl Amount {
    /// Nothing: the start of every sum.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The sum of `amounts`, exactly, or `None` when it is beyond the 28
    /// digits a decimal holds (a figure near that limit is legal on its
    /// own, so a sum must never assume it fits). The result keeps the
    /// largest number of decimals among the addends.
    pub fn sum<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Option<Amount> {
        amounts
            .into_iter()
            .try_fold(Decimal::ZERO, |sum, a| sum.checked_add(a.0))
            .map(Amount)
    }

    /// The same sum of money in another unit, exactly: 元 → 万元 moves the
    /// decimal point four places (`3309840.00` 元 is `330.984` 万元), never
    /// dividing. `None` only beyond the 28 digits a decimal holds.
    pub(crate) fn convert(self, from: AmountUnit, to: AmountUnit) -> Option<Amount> {
        let mut d = self.0;
        match (from, to) {
            (a, b) if a == b => return Some(self),
            (AmountUnit::Yuan, AmountUnit::Wan) => {
                let scale = d.scale() + WAN_SCALE;
                if scale > 28 {
                    d = d.normalize();
                    if d.scale() + WAN_SCALE > 28 {
                        return None;
                    }
                    d.set_scale(d.scale() + WAN_SCALE).ok()?;
                } else {
                    d.set_scale(scale).ok()?;
                }
            }
            _ => d = d.checked_mul(Decimal::from(10_000))?,
        }
        Some(Amount(d.normalize()))
    }

    /// The decimals the figure needs to be shown exactly: as written, and
    /// at least two.
    pub fn decimals(self) -> u32 {
        self.0.scale().max(2)
    }

    /// The figure with exactly `decimals` decimals, when that loses nothing
    /// (padding with zeros only; a figure is never rounded).
    pub(crate) fn with_decimals(self, decimals: u32) -> String {
        let mut d = self.0;
        if d.normalize().scale() <= decimals {
            d.rescale(decimals);
        }
        d.to_string()
    }

    /// The yuan value, for rules that compare with costs in 元.
    pub(crate) fn in_yuan(self, unit: AmountUnit) -> Option<Decimal> {
        self.convert(unit, AmountUnit::Yuan).map(|a| a.0)
    }
}

/// The figure as written, never rounded, with at least two decimals
/// (`200` is shown as `200.00`; `330.984` stays `330.984`).
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.with_decimals(self.decimals()))
    }
}

/// Reads an amount from its text, exactly or not at all: exponent notation
/// (`1.26e1`, what a spreadsheet exports for a badly formatted cell) and
/// figures with more digits than a decimal holds (which `Decimal`'s own
/// parser would round silently) are refused, so that the page never shows
/// a figure other than the one in the file.
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let text = String::deserialize(deserializer)?;
        let shown: String = text.chars().take(40).collect();
        let shown = if shown.len() < text.len() {
            format!("{shown}…")
        } else {
            shown
        };
        if text.contains(['e', 'E']) && text.chars().any(|c| c.is_ascii_digit()) {
            return Err(D::Error::custom(format!(
                "amount `{shown}` is in exponent notation; write the figure out in full \
                 (1.26e1 is 12.6), as in the approved table"
            )));
        }
        Decimal::from_str_exact(text.trim())
            .map(Amount)
            .map_err(|e| match e {
                rust_decimal::Error::ErrorString(_) => D::Error::custom(format!(
                    "amount `{shown}` is not a number; write digits with an optional decimal \
                     point, such as \"200.00\", without 万元 or commas"
                )),
                _ => D::Error::custom(format!(
                    "amount `{shown}` has more digits than an amount can hold exactly (28); \
                     write at most 2 decimals in 元 or 6 in 万元"
                )),
            })
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(&self.0, serializer)
    }
}

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
    /// Corrections made after publication, each with its date and what
    /// changed; the page shows the latest as 上次更新.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// The file stem, which is also the URL segment.
    #[serde(skip)]
    pub slug: String,
    /// 单位编码 of the department folder the file sits in.
    #[serde(skip)]
    pub department: String,
    /// Path of the YAML file, relative to the site root.
    #[serde(skip)]
    pub source: PathBuf,
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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
                f.write_str("a mapping of label: text, such as 主管部门: 县财政局")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Details, A::Error> {
                let mut entries = Vec::new();
                while let Some((label, text)) = map.next_entry::<String, String>()? {
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

impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rust_decimal::serde::str::deserialize(deserializer).map(Weight)
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

/// One correction of a published table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The date of the correction, as written (2023-05-10).
    pub date: String,
    /// What was corrected.
    pub note: String,
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

/// The exact sum of `projects`' amounts in `unit`, each converted from its
/// own unit (`site_default` where it names none). The sum carries every
/// decimal an addend needs, and at least two.
///
/// Pages call this only for sites that passed [`check`](crate::check),
/// which rejects a site whose totals do not fit (see [`checked_total_of`]);
/// should one slip through, the total shows as zero rather than panicking.
pub fn total_of<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    site_default: AmountUnit,
    unit: AmountUnit,
) -> Amount {
    checked_total_of(projects, site_default, unit).unwrap_or_default()
}

/// [`total_of`], or the project whose amount could not be converted to
/// `unit` or added to the sum of those before it.
pub fn checked_total_of<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    site_default: AmountUnit,
    unit: AmountUnit,
) -> Result<Amount, &'a Project> {
    let mut sum = Decimal::ZERO;
    let mut decimals = 2;
    for p in projects {
        let a = p.amount_in(site_default, unit).ok_or(p)?;
        sum = sum.checked_add(a.0).ok_or(p)?;
        decimals = decimals.max(a.decimals());
    }
    let mut sum = sum.normalize();
    if sum.scale() < decimals {
        sum.rescale(decimals);
    }
    Ok(Amount(sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_display_keeps_every_written_decimal() {
        let a = |s: &str| Amount(s.parse().unwrap());
        assert_eq!(a("1.005").to_string(), "1.005");
        assert_eq!(a("330.984").to_string(), "330.984");
        assert_eq!(a("10606.7522").to_string(), "10606.7522");
        assert_eq!(a("1.5000").to_string(), "1.5000");
        assert_eq!(a("200").to_string(), "200.00");
        assert_eq!(a("0.1").to_string(), "0.10");
    }

    #[test]
    fn conversion_between_yuan_and_wan_is_exact() {
        let a = |s: &str| Amount(s.parse().unwrap());
        let wan = a("3309840.00")
            .convert(AmountUnit::Yuan, AmountUnit::Wan)
            .unwrap();
        assert_eq!(wan.to_string(), "330.984");
        let yuan = a("10606.7522")
            .convert(AmountUnit::Wan, AmountUnit::Yuan)
            .unwrap();
        assert_eq!(yuan.to_string(), "106067522.00");
        assert_eq!(
            a("0.01")
                .convert(AmountUnit::Yuan, AmountUnit::Wan)
                .unwrap()
                .to_string(),
            "0.000001"
        );
    }

    #[test]
    fn totals_carry_the_decimals_their_addends_need() {
        let p = |amount: &str, unit: Option<AmountUnit>| {
            let mut p: Project = crate::yaml::from_str(&format!(
                "{{year: 2023, name: p, amount: \"{amount}\", goals: [g], indicators: []}}"
            ))
            .unwrap();
            p.amount_unit = unit;
            p
        };
        let projects = [
            p("1.00", None),
            p("3309840.00", Some(AmountUnit::Yuan)),
            p("10606.7522", None),
        ];
        let total = total_of(&projects, AmountUnit::Wan, AmountUnit::Wan);
        assert_eq!(total.to_string(), "10938.7362");
        let total = total_of(&projects[..2], AmountUnit::Wan, AmountUnit::Wan);
        assert_eq!(total.to_string(), "331.984");
        let total = total_of(&projects[..1], AmountUnit::Wan, AmountUnit::Wan);
        assert_eq!(total.to_string(), "1.00");
    }

    #[test]
    fn amounts_never_pass_through_floats() {
        // 0.1 + 0.2 is 0.30000000000000004 in f64; exact decimals sum to 0.3.
        let a: Amount = crate::yaml::from_str("0.1").unwrap();
        let b: Amount = crate::yaml::from_str("\"0.2\"").unwrap();
        assert_eq!(
            Amount::sum([&a, &b]).unwrap().0,
            "0.3".parse::<Decimal>().unwrap()
        );
        // At the decimal limit a sum overflows: `None`, never a panic.
        let max = Amount(Decimal::MAX);
        assert_eq!(Amount::sum([&max, &max]), None);
        // Exponent notation and figures beyond 28 digits are refused.
        assert!(crate::yaml::from_str::<Amount>("1.26e1").is_err());
        assert!(crate::yaml::from_str::<Amount>("\"1.26E1\"").is_err());
        assert!(
            crate::yaml::from_str::<Amount>("\"0.1000000000000000055511151231257827\"").is_err()
        );
        // Seventeen significant digits survive, which an f64 cannot hold.
        let big: Amount = crate::yaml::from_str("12345678901234567.89").unwrap();
        assert_eq!(big.0.to_string(), "12345678901234567.89");
    }

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
}
