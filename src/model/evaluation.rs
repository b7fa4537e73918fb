//! A project's 绩效自评 (performance self-evaluation): what was achieved
//! against what the target table promised.
//!
//! A department fills in the 项目支出绩效自评表 a year after the target
//! table, and publishes it with its 决算. It lives in its own file beside
//! the project, `content/<dept>/<slug>.evaluation.yaml`, so that the target
//! table, once published, never changes when the results arrive: its
//! diff, its 修订记录 and its integrity hash stay its own, and the
//! evaluation gets a history of its own. Loading ties the two by file name
//! (see [`crate::layout::evaluation_of`]); a file with no project beside it
//! is refused, since there is nothing to show it against.
//!
//! Like a project, the file holds exactly what the form says: amounts as
//! exact decimals in the project's unit, every text as written. The
//! execution rate, the row marks (达成, 未达成, 无法比较), the computed total
//! and the grade are worked out by [`crate::indicator::results`], never
//! stored, so they cannot disagree with the figures they come from.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Amount, AmountUnit, Missing, Revision, Weight, nullable_text, year_number};
use crate::yaml::ReviewComment;

/// One 项目支出绩效自评表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// 预算年度 evaluated: the project's year, stated again so that a file
    /// paired with the wrong year's project is caught.
    #[serde(deserialize_with = "year_number")]
    pub year: u16,
    /// 项目名称 as the 自评表 writes it, when stated.
    #[serde(default)]
    pub name: Option<String>,
    /// The unit of the budget figures; `None` takes the project's.
    #[serde(default)]
    pub amount_unit: Option<AmountUnit>,
    /// 年初预算数, 全年预算数, 全年执行数 and the 预算执行率 row's score.
    #[serde(default)]
    pub budget: Budget,
    /// 年度总体目标 as the 自评表 states it (Markdown); the page shows the
    /// target table's goals when it is absent.
    #[serde(default)]
    pub objective: Option<String>,
    /// 实际完成情况 against the 总体目标 (Markdown).
    #[serde(default)]
    pub outcome: Option<String>,
    /// The indicator rows, in the order of the 自评表.
    #[serde(default)]
    pub indicators: Vec<IndicatorResult>,
    /// 总分 as written.
    #[serde(default)]
    pub total_score: Option<Weight>,
    /// 评价等级 as written (优, 良, 中, 差).
    #[serde(default)]
    pub grade: Option<String>,
    /// 备注 or the 评价结论, Markdown.
    #[serde(default)]
    pub notes: Option<String>,
    /// 发布日期 of the 自评表.
    #[serde(default)]
    pub published: Option<String>,
    /// Corrections made after publication (修订记录), as in a project file.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// Path of the file, relative to the site root.
    #[serde(skip)]
    pub source: PathBuf,
    /// The `# 待核对` comments still in the file (see [`super::Project::reviews`]).
    #[serde(skip)]
    pub reviews: Vec<ReviewComment>,
    /// The evaluation set beside its project's targets, worked out the
    /// first time it is asked for (see [`Memo`]).
    #[serde(skip)]
    pub(crate) assessment: Memo,
}

/// One value worked out from an evaluation and kept with it, so that the
/// dozen readers of an assessment (check, the project page, the indexes,
/// the charts, every download) read values once, not a dozen times: at
/// 10,000 projects that was two seconds of a build.
///
/// The model cannot name the value's type, which belongs to the domain
/// logic above it ([`crate::indicator::results::Assessment`]); that module
/// stores and reads it. An evaluation belongs to the one project it was
/// loaded with, whose rows never change after loading, so the value stays
/// true. A clone starts empty, and memos never make two evaluations
/// unequal.
#[derive(Default)]
pub(crate) struct Memo(std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>);

impl Memo {
    /// The value, made by `make` the first time.
    pub(crate) fn get_or_init<T: std::any::Any + Send + Sync>(
        &self,
        make: impl FnOnce() -> T,
    ) -> Option<&T> {
        self.0.get_or_init(|| Box::new(make())).downcast_ref()
    }
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// The budget lines of a 自评表. Every figure is optional, because a form
/// may leave one blank; the execution rate needs 全年预算数 and 全年执行数.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 年初预算数.
    #[serde(default)]
    pub initial: Option<Amount>,
    /// 全年预算数 (after adjustments).
    #[serde(default)]
    pub full_year: Option<Amount>,
    /// 全年执行数.
    #[serde(default)]
    pub executed: Option<Amount>,
    /// The 分值 of the 预算执行率 row; the standard form gives it 10.
    #[serde(default)]
    pub weight: Option<Weight>,
    /// The 得分 of the 预算执行率 row.
    #[serde(default)]
    pub score: Option<Weight>,
    /// Why execution ran above the budget or fell short (Markdown).
    #[serde(default)]
    pub note: Option<String>,
}

/// The standard 分值 of the 预算执行率 row (财预〔2020〕10号 annex).
pub const STANDARD_BUDGET_WEIGHT: u32 = 10;

/// One indicator row of the 自评表: the target as the form repeats it,
/// what was achieved, the score and the reason for a shortfall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    /// 一级指标; omitted, it repeats the row above, as in a project file.
    #[serde(default)]
    pub level1: Arc<str>,
    /// 二级指标; omitted, it repeats the row above.
    #[serde(default)]
    pub level2: Arc<str>,
    /// 三级指标: matched with the target table's row of the same levels
    /// and name.
    pub name: String,
    /// 年度指标值 as the 自评表 repeats it; the target table's value is the
    /// promise the row is judged against, this one is shown when they
    /// differ and used for a row the target table does not have.
    #[serde(default, deserialize_with = "nullable_text")]
    pub target: Option<String>,
    /// 实际完成值 as written. `null` records that the form has none
    /// (`missing` says why); the key is required, like a target's value.
    #[serde(deserialize_with = "nullable_text")]
    pub actual: Option<String>,
    /// Why `actual` is null.
    #[serde(default)]
    pub missing: Option<Missing>,
    /// 分值.
    #[serde(default)]
    pub weight: Option<Weight>,
    /// 得分.
    #[serde(default)]
    pub score: Option<Weight>,
    /// 偏差原因分析及改进措施.
    #[serde(default, deserialize_with = "nullable_text")]
    pub deviation: Option<String>,
}

impl IndicatorResult {
    /// Why the achieved value is absent, when it is: `missing`, else blank.
    pub fn missing_reason(&self) -> Option<Missing> {
        self.actual
            .is_none()
            .then(|| self.missing.unwrap_or_default())
    }
}

impl Evaluation {
    /// The unit of the budget figures: the file's own, else the project's.
    pub fn unit(&self, project_unit: AmountUnit) -> AmountUnit {
        self.amount_unit.unwrap_or(project_unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_evaluation_reads() {
        let e: Evaluation = crate::yaml::from_str(
            "year: 2023\nbudget: {full_year: '10.00', executed: '9.5'}\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: 次数, actual: 3次, weight: '10', score: '9.5'}\n",
        )
        .unwrap();
        assert_eq!(e.year, 2023);
        assert_eq!(e.budget.executed.as_ref().unwrap().to_string(), "9.50");
        assert_eq!(e.indicators[0].score.unwrap().to_string(), "9.5");
        assert_eq!(e.indicators[0].actual.as_deref(), Some("3次"));
    }

    #[test]
    fn the_actual_key_is_required_but_may_be_null() {
        let e: IndicatorResult =
            crate::yaml::from_str("{name: c, actual: null, missing: unreadable}").unwrap();
        assert_eq!(e.missing_reason(), Some(Missing::Unreadable));
        let err = crate::yaml::from_str::<IndicatorResult>("{name: c}").unwrap_err();
        assert!(err.message.contains("actual"), "{}", err.message);
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let err = crate::yaml::from_str::<Evaluation>("year: 2023\nscore: 90\n").unwrap_err();
        assert!(err.message.contains("score"), "{}", err.message);
    }
}
