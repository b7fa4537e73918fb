//! `gongkai diff`: what an edit changes in the published disclosure, in
//! the domain's terms rather than as YAML lines.
//!
//! A reviewer of a pull request sees line diffs of YAML; published figures
//! must never change unnoticed. This module owns the domain-aware
//! comparison of two versions of a site: loading each side from a git
//! revision or a folder ([`source`]), matching projects by identity and
//! indicators by their three levels ([`compare`], [`project`]), judging
//! each change ([`classify`]: a target 收紧 or 放宽, an edit 勘误 or
//! 实质变更, a 实质变更 that still needs its `revisions` entry), and the
//! reports ([`report`]: terminal, Markdown for a pull-request comment,
//! JSON). [`textconv`] is the one-line-per-indicator view for `git diff`,
//! and [`record`] appends the `revisions:` skeletons an edit needs. It
//! reads the site only through `load`, values only through `indicator`,
//! and runs the same `check` as a build on both sides; it prints nothing
//! (the driver is `cmd/diff.rs`).

pub mod classify;
pub mod compare;
mod evaluation;
pub mod project;
pub mod record;
pub mod report;
pub mod source;
pub mod textconv;

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::Revision;

pub use compare::diff;
pub use source::{Snapshot, Spec};

/// Why a diff could not be made (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// The repository could not be opened or the revision not read.
    #[error("{0}")]
    Git(String),
    /// A side is not a site (no `site.toml`, or one that does not parse).
    #[error("{0}")]
    Site(String),
    /// An argument combination that means nothing.
    #[error("{0}")]
    Usage(String),
}

/// The whole comparison: what the report prints, in its order.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The old side's name (a revision or a folder).
    pub old: String,
    /// The new side's name.
    pub new: String,
    /// The unit of every total: the new side's `amount_unit`.
    pub unit: String,
    /// (1) Totals per department and year that changed.
    pub totals: Vec<Total>,
    /// (2)–(6) One entry per project added, removed or changed, by
    /// department, year and file.
    pub projects: Vec<ProjectDiff>,
    /// (7) The check findings the edit introduced and resolved.
    pub findings: FindingsDiff,
}

impl Diff {
    /// True when any project changed, or any finding came or went.
    pub fn has_changes(&self) -> bool {
        !self.projects.is_empty()
            || !self.findings.introduced.is_empty()
            || !self.findings.resolved.is_empty()
    }

    /// The projects whose change needs a `revisions` entry with a basis.
    pub fn needing_revision(&self) -> impl Iterator<Item = &ProjectDiff> {
        self.projects.iter().filter(|p| p.revision_needed)
    }
}

/// A department's total for one year, before and after, in [`Diff::unit`].
#[derive(Debug, Clone, Serialize)]
pub struct Total {
    /// 单位编码.
    pub department: String,
    /// 单位名称, when the department file names it.
    pub department_name: Option<String>,
    /// 预算年度.
    pub year: u16,
    /// The old total (zero when the department had no project that year).
    #[serde(with = "rust_decimal::serde::str")]
    pub old: Decimal,
    /// The new total.
    #[serde(with = "rust_decimal::serde::str")]
    pub new: Decimal,
    /// `new - old`, exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub delta: Decimal,
    /// The change in percent of `old`, rounded to 2 places; `None` when
    /// `old` is zero.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub percent: Option<Decimal>,
}

/// Whether a project is new, gone or edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Only on the new side.
    Added,
    /// Only on the old side.
    Removed,
    /// On both sides, with some difference.
    Changed,
}

/// What an edit is, for the record: 勘误 leaves every parsed value equal;
/// 实质变更 (调整) changes an amount, a target or the indicator set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// 勘误: spacing, full-width forms, an OCR slip, a wording fix.
    Erratum,
    /// 实质变更: needs an approval, recorded as a 调整 revision with basis.
    Substantive,
}

/// How a target moved, judged by its comparator and the indicator's
/// direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// 收紧: harder to meet (≥90% → ≥95%, ≤220元 → ≤200元).
    Tightened,
    /// 放宽: easier to meet.
    Loosened,
    /// 变更: different, in a way that has no direction (unit, kind).
    Changed,
    /// 写法: the text changed, the parsed value did not (勘误).
    Reworded,
}

/// Project `a` was renamed to `b`: shown with the names' similarity, never
/// merged without a word.
#[derive(Debug, Clone, Serialize)]
pub struct Rename {
    /// The old name.
    pub from: String,
    /// The new name.
    pub to: String,
    /// 0–1, normalised Levenshtein over the characters of the names.
    pub similarity: f64,
}

/// An added project that looks like a removed one (same department and
/// year, a similar name) but has no identity in common with it: shown as
/// a hint to write `previous_ids`, not merged.
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    /// The removed project's file.
    pub file: PathBuf,
    /// Its name.
    pub name: String,
    /// 0–1, as in [`Rename`].
    pub similarity: f64,
}

/// The project amount before and after, in the new file's unit.
#[derive(Debug, Clone, Serialize)]
pub struct AmountChange {
    /// Absent for an added project.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub old: Option<Decimal>,
    /// Absent for a removed project.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub new: Option<Decimal>,
    /// 万元 or 元.
    pub unit: String,
}

/// One funding source or part whose amount changed, came or went.
#[derive(Debug, Clone, Serialize)]
pub struct FundingChange {
    /// `财政拨款`, or `财政拨款 › 上级补助` for a part.
    pub source: String,
    /// Absent when the source is new.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub old: Option<Decimal>,
    /// Absent when the source was removed.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub new: Option<Decimal>,
}

/// An indicator row added or removed.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    /// `产出指标 › 数量指标 › 名称`, with `实施期 › ` before a long-term row.
    pub path: String,
    /// 指标值 as written.
    pub value: Option<String>,
}

/// The 一级 groups of the annual table, when the edit changed which are
/// present (a table with no 效益指标 left is out of balance).
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkChange {
    /// Canonical 一级 names before.
    pub old: Vec<String>,
    /// Canonical 一级 names after.
    pub new: Vec<String>,
    /// Of 产出指标, 效益指标 and 满意度指标, those the old table had and
    /// the new one lacks.
    pub lost: Vec<String>,
}

/// A 指标值 compared as parsed values.
#[derive(Debug, Clone, Serialize)]
pub struct TargetChange {
    /// The row's path, as in [`IndicatorRow`].
    pub path: String,
    /// The old value as written.
    pub old: Option<String>,
    /// The new value as written.
    pub new: Option<String>,
    /// 收紧, 放宽, 变更 or only reworded.
    pub verdict: Verdict,
}

/// A 权重 that changed.
#[derive(Debug, Clone, Serialize)]
pub struct WeightChange {
    /// The row's path.
    pub path: String,
    /// Absent when the row had no weight.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub old: Option<Decimal>,
    /// Absent when the row has none now.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub new: Option<Decimal>,
}

/// The sum of the annual table's weights, re-checked after a weight
/// change (or a weighted row added or removed).
#[derive(Debug, Clone, Serialize)]
pub struct WeightSum {
    /// Before.
    #[serde(with = "rust_decimal::serde::str")]
    pub old: Decimal,
    /// After.
    #[serde(with = "rust_decimal::serde::str")]
    pub new: Decimal,
}

/// A text field that changed (goals, the name, notes, a details entry, a
/// row's 绩效标准 …), to be shown as a character diff.
#[derive(Debug, Clone, Serialize)]
pub struct TextChange {
    /// The field's path (`goals`, `name`, `details.项目概况`,
    /// `产出指标 › 数量指标 › 名称 › standard`, `indicator name`).
    pub field: String,
    /// The old text (goals joined by line breaks); empty when absent.
    pub old: String,
    /// The new text.
    pub new: String,
}

/// Everything that differs about one project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectDiff {
    /// Added, removed or changed.
    pub status: Status,
    /// 勘误 or 实质变更.
    pub class: Class,
    /// 单位编码.
    pub department: String,
    /// 预算年度.
    pub year: u16,
    /// The project's name (the new one, when both sides have it).
    pub name: String,
    /// The file on the new side (the old side for a removed project).
    pub file: PathBuf,
    /// The old file, when it differs from `file` (moved or renamed file).
    pub old_file: Option<PathBuf>,
    /// Set when the project's name changed.
    pub rename: Option<Rename>,
    /// For an added project: a removed one it may be.
    pub similar_to: Option<Similar>,
    /// Set when the amount differs (or the project came or went).
    pub amount: Option<AmountChange>,
    /// Funding sources and parts that differ.
    pub funding: Vec<FundingChange>,
    /// Indicator rows only on the new side.
    pub indicators_added: Vec<IndicatorRow>,
    /// Indicator rows only on the old side.
    pub indicators_removed: Vec<IndicatorRow>,
    /// Set when the 一级 groups present changed.
    pub framework: Option<FrameworkChange>,
    /// Target values that differ, as text or as value.
    pub targets: Vec<TargetChange>,
    /// Weights that differ.
    pub weights: Vec<WeightChange>,
    /// Set with a weight change: the annual table's sum before and after.
    pub weight_sum: Option<WeightSum>,
    /// Text fields that differ.
    pub texts: Vec<TextChange>,
    /// `revisions` entries only on the new side.
    pub revisions_added: Vec<Revision>,
    /// Figures and texts of the 绩效自评 that differ, or all of them for an
    /// evaluation added or removed. Not part of the target table, so they
    /// never call for one of its revisions.
    pub evaluation: Vec<TextChange>,
    /// A 实质变更 of a project on both sides without a new 调整 entry
    /// that names its basis.
    pub revision_needed: bool,
}

/// One check finding, as the diff compares it: by rule, file, field and
/// message (a line number moves with every edit above it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FindingRow {
    /// `error` or `warning`.
    pub severity: String,
    /// The rule id.
    pub rule: String,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// The field path, if the finding names one.
    pub field: Option<String>,
    /// The message, in the language of the run.
    pub message: String,
}

/// The findings only on one side.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingsDiff {
    /// On the new side only: the edit introduced them.
    pub introduced: Vec<FindingRow>,
    /// On the old side only: the edit resolved them.
    pub resolved: Vec<FindingRow>,
}
