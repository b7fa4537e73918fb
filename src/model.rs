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

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize};

use crate::config::Config;

/// An amount of money in 万元 (ten thousand yuan), held exactly.
///
/// YAML numbers reach it as text (`1.00` is read as the characters "1.00"),
/// so no amount ever passes through a binary float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl Amount {
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The sum of `amounts`, exactly.
    pub fn sum<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Amount {
        Amount(amounts.into_iter().map(|a| a.0).sum())
    }
}

/// Two decimals, rounding half away from zero as Chinese fiscal tables do.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = self
            .0
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        write!(f, "{rounded:.2}")
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rust_decimal::serde::str::deserialize(deserializer).map(Amount)
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 预算年度.
    pub year: u16,
    /// 项目名称.
    pub name: String,
    /// 项目编码.
    #[serde(default)]
    pub code: Option<String>,
    /// 金额（万元）.
    pub amount: Amount,
    /// 资金来源: how the amount splits between sources.
    #[serde(default)]
    pub funding: Option<Funding>,
    /// 实施期限.
    #[serde(default)]
    pub period: Option<String>,
    /// 实施单位.
    #[serde(default)]
    pub implementer: Option<String>,
    /// 绩效目标, each a Markdown string.
    pub goals: Vec<String>,
    /// 绩效指标, in the order of the published table.
    pub indicators: Vec<Indicator>,
    /// 备注, Markdown.
    #[serde(default)]
    pub notes: Option<String>,
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
    pub fn key_parts(&self) -> (&str, u16, &str) {
        (&self.department, self.year, &self.slug)
    }
}

/// A project's identity: its department's code, its budget year and its
/// slug. It is what the URL of the project's page is made of, and what
/// pages, rebuilds and lookups name a project by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProjectKey {
    pub department: String,
    pub year: u16,
    pub slug: String,
}

impl ProjectKey {
    fn parts(&self) -> (&str, u16, &str) {
        (&self.department, self.year, &self.slug)
    }
}

/// 资金来源. Parts left out count as zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// 财政拨款.
    #[serde(default)]
    pub fiscal: Amount,
    /// 其他资金.
    #[serde(default)]
    pub other: Amount,
}

impl Funding {
    pub fn total(&self) -> Amount {
        Amount::sum([&self.fiscal, &self.other])
    }
}

/// One row of the indicator table: 一级 › 二级 › 三级 and its 指标值.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标, such as 产出指标. Shared (see [`Interner`]): a handful of
    /// names repeat on every row of every project.
    pub level1: Arc<str>,
    /// 二级指标, such as 数量指标.
    pub level2: Arc<str>,
    /// 三级指标: the indicator itself.
    pub name: String,
    /// 指标值. `null` records that the source table left it empty; the key
    /// itself is required, so an omission is never mistaken for that.
    #[serde(deserialize_with = "nullable_text")]
    pub value: Option<String>,
    /// A remark on this row.
    #[serde(default)]
    pub note: Option<String>,
}

fn nullable_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(deserializer)
}

/// Shares equal 一级 and 二级 names between rows. A few names repeat on
/// every row of every project, so a portal of 100,000 projects would
/// otherwise hold millions of copies of 产出指标.
#[derive(Debug, Default)]
pub struct Interner(std::collections::HashSet<Arc<str>>);

impl Interner {
    /// Replaces each row's level names by the shared copy.
    pub fn share_levels(&mut self, project: &mut Project) {
        for row in &mut project.indicators {
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
    pub slug: String,
    pub title: String,
    /// Lower weights come first in the navigation.
    pub weight: i32,
    /// The Markdown body, front matter removed.
    pub body: String,
    pub source: PathBuf,
}

/// Front matter of a Markdown page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: String,
    #[serde(default)]
    pub weight: i32,
}

/// Everything a site is made of, loaded and sorted into a stable order:
/// departments by code, projects by department, year and slug, pages by
/// weight and slug. Every stage after loading reads it and none mutates it.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub departments: Vec<Department>,
    /// Shared so that watch mode can copy the site cheaply, change one
    /// project and keep the old copy until the new one passes its checks.
    pub projects: Vec<Arc<Project>>,
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
    pub fn projects_of(&self, code: &str) -> &[Arc<Project>] {
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

    pub fn total(&self) -> Amount {
        Amount::sum(self.projects.iter().map(|p| &p.amount))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_display_rounds_half_away_from_zero() {
        let a = Amount("1.005".parse().unwrap());
        assert_eq!(a.to_string(), "1.01");
        assert_eq!(Amount("200".parse().unwrap()).to_string(), "200.00");
    }

    #[test]
    fn amounts_never_pass_through_floats() {
        // 0.1 + 0.2 is 0.30000000000000004 in f64; exact decimals sum to 0.3.
        let a: Amount = crate::yaml::from_str("0.1").unwrap();
        let b: Amount = crate::yaml::from_str("\"0.2\"").unwrap();
        assert_eq!(Amount::sum([&a, &b]).0, "0.3".parse::<Decimal>().unwrap());
        // Seventeen significant digits survive, which an f64 cannot hold.
        let big: Amount = crate::yaml::from_str("12345678901234567.89").unwrap();
        assert_eq!(big.0.to_string(), "12345678901234567.89");
    }

    #[test]
    fn interner_shares_equal_names() {
        let row = |l1: &str| Indicator {
            level1: l1.into(),
            level2: "数量指标".into(),
            name: "n".into(),
            value: None,
            note: None,
        };
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
}
