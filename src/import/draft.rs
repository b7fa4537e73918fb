//! What the mappers produce and the emitter writes: a project as read from
//! a source, before it becomes a YAML file.
//!
//! It mirrors the v2 project schema (issue 10) field for field, plus the
//! review flags that become `# 待核对：` comments. It is deliberately not
//! [`crate::model::Project`]: a draft may lack what a loaded project must
//! have (a value nobody could read), and it carries where each guess was
//! made.

use rust_decimal::Decimal;

use super::amount::Unit;

/// Chinese numerals used in 目标一, 目标十二.
fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Why a value is absent (the v2 `missing` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// The source left the cell empty.
    Blank,
    /// The source could not be read there (OCR, a damaged scan).
    Unreadable,
}

impl Missing {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Missing::Blank => "blank",
            Missing::Unreadable => "unreadable",
        }
    }
}

/// One indicator row (指标行).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Row {
    pub(crate) level1: String,
    pub(crate) level2: String,
    pub(crate) name: String,
    pub(crate) value: Option<String>,
    pub(crate) missing: Option<Missing>,
    pub(crate) weight: Option<Decimal>,
    pub(crate) standard: Option<String>,
    pub(crate) explanation: Option<String>,
    pub(crate) direction: Option<String>,
    /// 备注 of this row.
    pub(crate) note: Option<String>,
    /// Why this row needs a human look; each becomes a `# 待核对：` line.
    pub(crate) flags: Vec<String>,
}

/// One funding source (资金来源) with optional sub-parts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Funding {
    pub(crate) source: String,
    pub(crate) amount: Decimal,
    pub(crate) parts: Vec<Funding>,
}

/// The unit (单位) a project belongs to, as far as the source says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct UnitRef {
    pub(crate) code: Option<String>,
    pub(crate) name: Option<String>,
}

/// A project read from one table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// Sheet, table or page, for the header comment.
    pub(crate) part: String,
    pub(crate) unit: UnitRef,
    pub(crate) year: Option<u16>,
    pub(crate) name: String,
    pub(crate) code: Option<String>,
    pub(crate) amount: Option<Decimal>,
    pub(crate) amount_unit: Option<Unit>,
    pub(crate) funding: Vec<Funding>,
    pub(crate) period: Option<String>,
    pub(crate) implementer: Option<String>,
    pub(crate) details: Vec<(String, String)>,
    pub(crate) goals: Vec<String>,
    pub(crate) indicators: Vec<Row>,
    pub(crate) long_term_goals: Vec<String>,
    pub(crate) long_term_indicators: Vec<Row>,
    /// The project's 备注.
    pub(crate) notes: Option<String>,
    /// Project-level review notes, written above `indicators`.
    pub(crate) flags: Vec<String>,
    /// Plain remarks for the header comment (ignored signature lines…).
    pub(crate) remarks: Vec<String>,
    /// Set when the table is a 绩效自评表: the draft then becomes a
    /// `<slug>.evaluation.yaml` beside its project, not a project file.
    pub(crate) evaluation: Option<Box<super::evaluation::EvalDraft>>,
}

impl Draft {
    pub(crate) fn rows(&self) -> usize {
        self.indicators.len()
            + self.long_term_indicators.len()
            + self.evaluation.as_ref().map_or(0, |e| e.indicators.len())
    }

    pub(crate) fn flagged_rows(&self) -> usize {
        self.indicators
            .iter()
            .chain(&self.long_term_indicators)
            .filter(|r| !r.flags.is_empty())
            .count()
            + self.evaluation.as_ref().map_or(0, |e| e.flagged_rows())
    }
}

/// Splits a 绩效目标 cell into goals: `目标一：…； 目标二：…` becomes two
/// items; HTML paragraph tags left in OCR output are dropped. Text without
/// such markers is one goal per non-empty line.
pub(crate) fn split_goals(text: &str) -> Vec<String> {
    let text = strip_tags(text);
    let chars: Vec<char> = text.chars().collect();
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 2 < chars.len() {
        if chars[i] == '目' && chars[i + 1] == '标' {
            let mut j = i + 2;
            while j < chars.len() && (is_numeral(chars[j]) || chars[j].is_ascii_digit()) {
                j += 1;
            }
            if j > i + 2 && j < chars.len() && matches!(chars[j], '：' | ':' | '、' | '.') {
                starts.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    if starts.is_empty() {
        return unnumbered(&text).unwrap_or_else(|| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        });
    }
    let mut goals = Vec::new();
    for (k, &(_, body)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(chars.len(), |s| s.0);
        let goal: String = chars[body..end].iter().collect();
        let goal = goal.trim();
        if !goal.is_empty() {
            goals.push(goal.to_owned());
        }
    }
    goals
}

/// The goals of a cell numbered 1, 2, 3 … in order (`1. …`, `2、…`,
/// `（3）…`), without their numbers: the page numbers goals itself, and
/// gongkai's own downloads write them so. Lines between two numbers
/// continue the goal above (a goal may be a paragraph with a list).
/// `None` when the text does not start with `1`, since a number may then
/// be part of the text.
fn unnumbered(text: &str) -> Option<Vec<String>> {
    let mut goals: Vec<String> = Vec::new();
    for line in text.lines() {
        let n = (goals.len() + 1).to_string();
        let trimmed = line.trim();
        let rest = trimmed
            .strip_prefix(['（', '('])
            .and_then(|l| l.strip_prefix(n.as_str()))
            .and_then(|l| l.strip_prefix(['）', ')']))
            .or_else(|| {
                trimmed
                    .strip_prefix(n.as_str())
                    .and_then(|l| l.strip_prefix(['.', '、', '．']))
            });
        match (rest, goals.last_mut()) {
            (Some(rest), _) => goals.push(rest.trim_start().to_owned()),
            (None, Some(goal)) => {
                goal.push('\n');
                goal.push_str(line);
            }
            (None, None) if trimmed.is_empty() => {}
            (None, None) => return None,
        }
    }
    let goals: Vec<String> = goals.into_iter().map(|g| g.trim_end().to_owned()).collect();
    (!goals.is_empty() && goals.iter().all(|g| !g.is_empty())).then_some(goals)
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn goals_numbered_in_order_lose_their_numbers() {
        assert_eq!(
            super::split_goals("1. 甲；\n2、乙。\n（3）丙"),
            ["甲；", "乙。", "丙"]
        );
        // Out of order or partly numbered: the numbers may be text.
        assert_eq!(super::split_goals("2. 甲\n1. 乙"), ["2. 甲", "1. 乙"]);
        // Lines between numbers continue the goal above them.
        assert_eq!(
            super::split_goals("1. 甲，其中：\n\n- 乙\n2. 丙"),
            ["甲，其中：\n\n- 乙", "丙"]
        );
        assert_eq!(super::split_goals("10万元用于康复"), ["10万元用于康复"]);
    }

    use super::*;

    #[test]
    fn goals_split_on_markers() {
        assert_eq!(
            split_goals("目标一：甲； 目标二：乙。"),
            vec!["甲；".to_owned(), "乙。".to_owned()]
        );
        assert_eq!(
            split_goals("<p>目标一：甲。</p> <p>目标十二：乙</p>"),
            vec!["甲。".to_owned(), "乙".to_owned()]
        );
        assert_eq!(
            split_goals("完成任务\n\n提高质量"),
            vec!["完成任务", "提高质量"]
        );
    }
}
