//! The Ministry of Finance indicator frameworks, as data.
//!
//! Three frameworks are in use: 财预〔2015〕88号, where 成本指标 is a 二级
//! indicator under 产出指标; 财预〔2021〕101号, where 成本指标 is a 一级
//! indicator of its own with 经济, 社会 and 生态环境 costs under it; and the
//! older template family, where 社会公众或服务对象满意度指标 is a 二级
//! indicator under 效益指标.
//! A site chooses one in `site.toml` (`[check] framework = "2015"`); with
//! the default `auto`, each project is judged by the framework its own rows
//! follow (see `resolve`).
//!
//! Names are matched after removing blanks (OCR splits 服务对象 满意度指标),
//! and common variants are accepted as synonyms of the canonical name (社会效益
//! for 社会效益指标), so that rules can report them as notes rather than
//! errors.

use std::fmt;

use crate::config::Framework;
use crate::model::{Indicator, Project};
use crate::suggest;

pub(crate) const OUTPUT: &str = "产出指标";
pub(crate) const BENEFIT: &str = "效益指标";
pub(crate) const SATISFACTION: &str = "满意度指标";
pub(crate) const COST: &str = "成本指标";

const QUANTITY: &str = "数量指标";
const QUALITY: &str = "质量指标";
const TIMELINESS: &str = "时效指标";
const ECONOMIC_BENEFIT: &str = "经济效益指标";
const SOCIAL_BENEFIT: &str = "社会效益指标";
const ECOLOGICAL_BENEFIT: &str = "生态效益指标";
const SUSTAINABILITY: &str = "可持续影响指标";
const SERVED_SATISFACTION: &str = "服务对象满意度指标";
const ECONOMIC_COST: &str = "经济成本指标";
const SOCIAL_COST: &str = "社会成本指标";
const ECOLOGICAL_COST: &str = "生态环境成本指标";

const BENEFITS: &[&str] = &[
    ECONOMIC_BENEFIT,
    SOCIAL_BENEFIT,
    ECOLOGICAL_BENEFIT,
    SUSTAINABILITY,
];

type Tree = &'static [(&'static str, &'static [&'static str])];

const TREE_2015: Tree = &[
    (OUTPUT, &[QUANTITY, QUALITY, TIMELINESS, COST]),
    (BENEFIT, BENEFITS),
    (SATISFACTION, &[SERVED_SATISFACTION]),
];

/// The older template family (as in many 2020–2022 Hunan and Hubei
/// tables): 社会公众或服务对象满意度指标 is a 二级 indicator under 效益指标,
/// and there is no 满意度指标 at 一级.
const TREE_OLDER: Tree = &[
    (OUTPUT, &[QUANTITY, QUALITY, TIMELINESS, COST]),
    (
        BENEFIT,
        &[
            ECONOMIC_BENEFIT,
            SOCIAL_BENEFIT,
            ECOLOGICAL_BENEFIT,
            SUSTAINABILITY,
            SERVED_SATISFACTION,
        ],
    ),
];

const TREE_2021: Tree = &[
    (OUTPUT, &[QUANTITY, QUALITY, TIMELINESS]),
    (COST, &[ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST]),
    (BENEFIT, BENEFITS),
    (SATISFACTION, &[SERVED_SATISFACTION]),
];

/// Accepted variants of 一级 names (blanks already removed).
const LEVEL1_SYNONYMS: &[(&str, &str)] = &[
    ("产出", OUTPUT),
    ("效益", BENEFIT),
    ("满意度", SATISFACTION),
    ("成本", COST),
];

/// Accepted variants of 二级 names (blanks already removed).
const LEVEL2_SYNONYMS: &[(&str, &str)] = &[
    ("数量", QUANTITY),
    ("质量", QUALITY),
    ("时效", TIMELINESS),
    ("成本", COST),
    ("经济效益", ECONOMIC_BENEFIT),
    ("社会效益", SOCIAL_BENEFIT),
    ("生态效益", ECOLOGICAL_BENEFIT),
    ("环境效益", ECOLOGICAL_BENEFIT),
    ("环境效益指标", ECOLOGICAL_BENEFIT),
    ("生态环境效益", ECOLOGICAL_BENEFIT),
    ("生态环境效益指标", ECOLOGICAL_BENEFIT),
    ("可持续影响", SUSTAINABILITY),
    ("服务对象满意度", SERVED_SATISFACTION),
    ("社会公众或服务对象满意度", SERVED_SATISFACTION),
    ("社会公众或服务对象满意度指标", SERVED_SATISFACTION),
    ("社会公众满意度", SERVED_SATISFACTION),
    ("社会公众满意度指标", SERVED_SATISFACTION),
    ("经济成本", ECONOMIC_COST),
    ("社会成本", SOCIAL_COST),
    ("生态环境成本", ECOLOGICAL_COST),
    ("环境成本指标", ECOLOGICAL_COST),
    ("生态成本指标", ECOLOGICAL_COST),
];

/// One of the frameworks, once `auto` has been decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Edition {
    Caiyu2015,
    Caiyu2021,
    /// The older template family, 满意度 under 效益指标.
    Older,
}

impl Edition {
    /// Every edition, in the order ties are broken when detecting.
    pub(crate) const ALL: [Edition; 3] = [Edition::Caiyu2015, Edition::Caiyu2021, Edition::Older];
}

impl Edition {
    /// The document that defines the framework.
    pub(crate) fn document(self) -> String {
        match self {
            Edition::Caiyu2015 => "财预〔2015〕88号".to_owned(),
            Edition::Caiyu2021 => "财预〔2021〕101号".to_owned(),
            Edition::Older => crate::t!("edition-older"),
        }
    }

    /// Every 一级 name with its 二级 names, in the order of the document.
    pub(crate) fn tree(self) -> Tree {
        match self {
            Edition::Caiyu2015 => TREE_2015,
            Edition::Caiyu2021 => TREE_2021,
            Edition::Older => TREE_OLDER,
        }
    }

    /// The 二级 names allowed under `level1`.
    pub(crate) fn children(self, level1: &str) -> Option<&'static [&'static str]> {
        self.tree()
            .iter()
            .find(|(l1, _)| *l1 == level1)
            .map(|(_, l2)| *l2)
    }

    pub(crate) fn contains(self, level1: &str, level2: &str) -> bool {
        self.children(level1).is_some_and(|c| c.contains(&level2))
    }

    /// The 一级 names under which `level2` is allowed.
    fn parents_of(self, level2: &str) -> impl Iterator<Item = &'static str> + '_ {
        self.tree()
            .iter()
            .filter(move |(_, c)| c.contains(&level2))
            .map(|(l1, _)| *l1)
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.document())
    }
}

/// The framework a project is judged by, and whether it was detected
/// (`framework = "auto"`) rather than set in `site.toml`.
pub(crate) fn resolve(config: Framework, project: &Project) -> (Edition, bool) {
    match config {
        Framework::Caiyu2015 => (Edition::Caiyu2015, false),
        Framework::Caiyu2021 => (Edition::Caiyu2021, false),
        Framework::Older => (Edition::Older, false),
        Framework::Auto => (detect(project), true),
    }
}

/// 2021 when the project uses 成本指标 as a 一级 indicator (or one of the
/// three cost 二级 names that only 2021 has); the older template when it
/// files 满意度 under 效益指标; 2015 otherwise. Should another edition fit
/// more of the rows, that one is taken (see [`nearest_edition`]).
pub(crate) fn detect(project: &Project) -> Edition {
    let uses_2021 = project.indicators.iter().any(|row| {
        level1(&row.level1).is_some_and(|n| n.name == COST)
            || level2(&row.level2)
                .is_some_and(|n| [ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST].contains(&n.name))
    });
    let uses_older = project.indicators.iter().any(|row| {
        level1(&row.level1).is_some_and(|n| n.name == BENEFIT)
            && level2(&row.level2).is_some_and(|n| n.name == SERVED_SATISFACTION)
    });
    let hinted = if uses_2021 {
        Edition::Caiyu2021
    } else if uses_older {
        Edition::Older
    } else {
        Edition::Caiyu2015
    };
    let (best, fits) = nearest_edition(project);
    if fits > fitting(hinted, project) {
        best
    } else {
        hinted
    }
}

/// How many rows of the project are valid pairs of `edition`.
pub(crate) fn fitting(edition: Edition, project: &Project) -> usize {
    project
        .indicators
        .iter()
        .filter(|row| check_pair(edition, row).is_none())
        .count()
}

/// The edition that fits the most rows, and how many; ties go to the
/// earlier edition in [`Edition::ALL`].
pub(crate) fn nearest_edition(project: &Project) -> (Edition, usize) {
    let mut best = (Edition::Caiyu2015, 0);
    for edition in Edition::ALL {
        let fits = fitting(edition, project);
        if fits > best.1 {
            best = (edition, fits);
        }
    }
    best
}

/// A name as written, resolved to its canonical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    /// The canonical name from the framework.
    pub name: &'static str,
    /// True when the text differs from the canonical name (a synonym, or
    /// stray blanks).
    pub variant: bool,
}

/// `text` without whitespace (OCR splits names with stray spaces);
/// borrowed when there is none, which is nearly always.
fn compact(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(char::is_whitespace) {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

fn lookup(
    text: &str,
    canonical: &[&'static str],
    synonyms: &[(&str, &'static str)],
) -> Option<Name> {
    let key = compact(text);
    let name = canonical
        .iter()
        .find(|n| **n == key)
        .copied()
        .or_else(|| synonyms.iter().find(|(s, _)| *s == key).map(|(_, n)| *n))?;
    Some(Name {
        name,
        variant: text != name,
    })
}

/// Every canonical 一级 name, in either framework.
const LEVEL1_NAMES: &[&str] = &[OUTPUT, COST, BENEFIT, SATISFACTION];

/// Every canonical 二级 name, in either framework.
const LEVEL2_NAMES: &[&str] = &[
    QUANTITY,
    QUALITY,
    TIMELINESS,
    COST,
    ECONOMIC_BENEFIT,
    SOCIAL_BENEFIT,
    ECOLOGICAL_BENEFIT,
    SUSTAINABILITY,
    SERVED_SATISFACTION,
    ECONOMIC_COST,
    SOCIAL_COST,
    ECOLOGICAL_COST,
];

/// True when `text` is written as a full level name (`…指标`, or a
/// benefit such as 社会效益) rather than a bare stem such as 数量 or 成本.
/// A reader of a damaged table (import) takes a word for a level only in
/// its full form, because a stem can as well be a 三级指标 or a value.
fn full_form(text: &str) -> bool {
    let key = compact(text);
    ["指标", "效益", "影响"]
        .iter()
        .any(|end| key.ends_with(end))
}

/// The 一级 name a word stands for, when written in full (see
/// [`full_form`]): 产出指标 is one, 产出 is not.
pub(crate) fn level1_word(text: &str) -> Option<&'static str> {
    level1(text).filter(|_| full_form(text)).map(|n| n.name)
}

/// The standard 一级 a 二级 word belongs to, when written in full: 数量指标
/// → 产出指标, 可持续影响 → 效益指标, 经济成本指标 → 成本指标. 成本指标
/// itself is a 二级 under 产出指标 here, as in 财预〔2015〕88号; whether it
/// is a 一级 (2021) depends on its neighbours, which only the reader sees.
pub(crate) fn parent_word(text: &str) -> Option<&'static str> {
    let name = level2(text).filter(|_| full_form(text))?.name;
    Edition::ALL
        .iter()
        .find_map(|edition| edition.parents_of(name).next())
}

/// True for the three 二级 names that only 2021's 成本指标 has, which make a
/// 成本指标 before them a 一级.
pub(crate) fn is_cost_level2(text: &str) -> bool {
    parent_word(text) == Some(COST)
}

/// The canonical 一级 name `text` stands for, in either framework.
pub fn level1(text: &str) -> Option<Name> {
    lookup(text, LEVEL1_NAMES, LEVEL1_SYNONYMS)
}

/// The canonical 二级 name `text` stands for, in either framework.
pub fn level2(text: &str) -> Option<Name> {
    lookup(text, LEVEL2_NAMES, LEVEL2_SYNONYMS)
}

/// What an indicator measures, which decides what a good value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// 数量指标: a count with its unit.
    Quantity,
    /// 质量指标: usually a rate.
    Quality,
    /// 时效指标: a deadline or a rate of timeliness.
    Timeliness,
    /// 成本指标 (2015) or 经济成本指标 (2021): money.
    Cost,
    /// 社会成本指标, 生态环境成本指标 (2021): an impact, often described.
    ImpactCost,
    /// Any 效益指标.
    Benefit,
    /// 满意度指标.
    Satisfaction,
}

impl Category {
    /// Where the guidance asks for a measurable target.
    pub(crate) fn needs_measure(self) -> bool {
        !matches!(self, Category::Benefit | Category::ImpactCost)
    }

    /// What a good target of this kind looks like, for help texts.
    pub fn example(self) -> String {
        match self {
            Category::Quantity => crate::t!("example-quantity"),
            Category::Quality => crate::t!("example-quality"),
            Category::Timeliness => crate::t!("example-timeliness"),
            Category::Cost => crate::t!("example-cost"),
            Category::ImpactCost | Category::Benefit => crate::t!("example-benefit"),
            Category::Satisfaction => crate::t!("example-satisfaction"),
        }
    }

    /// The canonical Chinese name of the category, as printed in tables and messages.
    pub fn label(self) -> &'static str {
        match self {
            Category::Quantity => "数量指标",
            Category::Quality => "质量指标",
            Category::Timeliness => "时效指标",
            Category::Cost => "成本指标",
            Category::ImpactCost => "社会/生态环境成本指标",
            Category::Benefit => "效益指标",
            Category::Satisfaction => "满意度指标",
        }
    }
}

/// The category of a row, from its 二级 name when known, else its 一级.
pub fn category(row: &Indicator) -> Option<Category> {
    let by_level2 = level2(&row.level2).and_then(|n| match n.name {
        QUANTITY => Some(Category::Quantity),
        QUALITY => Some(Category::Quality),
        TIMELINESS => Some(Category::Timeliness),
        COST | ECONOMIC_COST => Some(Category::Cost),
        SOCIAL_COST | ECOLOGICAL_COST => Some(Category::ImpactCost),
        SERVED_SATISFACTION => Some(Category::Satisfaction),
        n if BENEFITS.contains(&n) => Some(Category::Benefit),
        _ => None,
    });
    by_level2.or_else(|| match level1(&row.level1)?.name {
        BENEFIT => Some(Category::Benefit),
        SATISFACTION => Some(Category::Satisfaction),
        _ => None,
    })
}

/// Why a 一级/二级 pair is not in a framework, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misfiled {
    /// Which field is wrong: `level1` or `level2`.
    pub field: &'static str,
    /// The nearest valid pair.
    pub suggestion: Option<(&'static str, &'static str)>,
}

/// Checks one row's pair against `edition`; `None` when it is valid
/// (synonyms included).
pub(crate) fn check_pair(edition: Edition, row: &Indicator) -> Option<Misfiled> {
    let l1 = level1(&row.level1).map(|n| n.name);
    let l2 = level2(&row.level2).map(|n| n.name);
    if matches!((l1, l2), (Some(a), Some(b)) if edition.contains(a, b)) {
        return None;
    }
    let field = match l1 {
        Some(a) if edition.children(a).is_some() => "level2",
        _ => "level1",
    };
    Some(Misfiled {
        field,
        suggestion: nearest_pair(edition, l1, l2, row),
    })
}

fn nearest_pair(
    edition: Edition,
    l1: Option<&'static str>,
    l2: Option<&'static str>,
    row: &Indicator,
) -> Option<(&'static str, &'static str)> {
    // A known 二级 under the wrong 一级: move it to its parent.
    if let Some(b) = l2 {
        let mut parents = edition.parents_of(b);
        if let (Some(parent), None) = (parents.next(), parents.next()) {
            return Some((parent, b));
        }
        // 成本 between the two frameworks.
        match (edition, b) {
            (Edition::Caiyu2015, ECONOMIC_COST | SOCIAL_COST | ECOLOGICAL_COST) => {
                return Some((OUTPUT, COST));
            }
            (Edition::Caiyu2021, COST) => return Some((COST, ECONOMIC_COST)),
            _ => {}
        }
    }
    if edition == Edition::Caiyu2015 && l1 == Some(COST) {
        return Some((OUTPUT, COST));
    }
    // A 二级 name in the 一级 column, as when OCR shifts a column.
    if l1.is_none()
        && let Some(b) = level2(&row.level1).map(|n| n.name)
    {
        let mut parents = edition.parents_of(b);
        if let (Some(parent), None) = (parents.next(), parents.next()) {
            return Some((parent, b));
        }
    }
    // A valid 一级 with an unknown 二级: the closest child.
    if let Some(children) = l1.and_then(|a| edition.children(a)) {
        let best = suggest::closest(&compact(&row.level2), children, suggest::INDICATOR_NAME)?;
        return Some((l1?, *best));
    }
    // Otherwise the closest pair as a whole.
    let pairs: Vec<(&'static str, &'static str)> = edition
        .tree()
        .iter()
        .flat_map(|(a, c)| c.iter().map(move |b| (*a, *b)))
        .collect();
    let joined = format!("{}{}", row.level1, row.level2);
    let written = compact(&joined);
    let joined: Vec<String> = pairs.iter().map(|(a, b)| format!("{a}{b}")).collect();
    let best = suggest::closest(&written, &joined, suggest::INDICATOR_NAME)?;
    let index = joined.iter().position(|r| r == best)?;
    pairs.get(index).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(level1: &str, level2: &str) -> Indicator {
        Indicator::new(level1, level2, "指标", Some("1次"))
    }

    #[test]
    fn pairs_of_the_older_template() {
        let e = Edition::Older;
        assert_eq!(
            check_pair(e, &row("效益指标", "社会公众或服务对象满意度指标")),
            None
        );
        assert_eq!(check_pair(e, &row("产出指标", "成本指标")), None);
        assert!(check_pair(e, &row("满意度指标", "服务对象满意度指标")).is_some());
        assert!(check_pair(Edition::Caiyu2015, &row("效益指标", "服务对象满意度指标")).is_some());
    }

    #[test]
    fn synonyms_resolve_to_canonical_names() {
        for (written, canonical) in [
            ("社会效益", "社会效益指标"),
            ("经济效益", "经济效益指标"),
            ("生态效益", "生态效益指标"),
            ("环境效益", "生态效益指标"),
            ("环境效益指标", "生态效益指标"),
            ("可持续影响", "可持续影响指标"),
            ("社会公众或服务对象满意度指标", "服务对象满意度指标"),
            ("服务对象满意度", "服务对象满意度指标"),
            ("服务对象 满意度指标", "服务对象满意度指标"),
            ("数量", "数量指标"),
            ("时效", "时效指标"),
        ] {
            let name = level2(written).unwrap();
            assert_eq!(
                name,
                Name {
                    name: canonical,
                    variant: true
                },
                "{written}"
            );
        }
        assert_eq!(
            level2("数量指标"),
            Some(Name {
                name: "数量指标",
                variant: false
            })
        );
        assert_eq!(level1("产出").unwrap().name, OUTPUT);
        assert_eq!(level2("社会效应"), None);
    }

    #[test]
    fn pairs_of_2015() {
        let e = Edition::Caiyu2015;
        assert_eq!(check_pair(e, &row("产出指标", "成本指标")), None);
        assert_eq!(check_pair(e, &row("效益指标", "社会效益")), None);
        assert_eq!(
            check_pair(e, &row("满意度指标", "服务对象满意度指标")),
            None
        );
        let wrong = check_pair(e, &row("效益指标", "数量指标")).unwrap();
        assert_eq!(wrong.field, "level2");
        assert_eq!(wrong.suggestion, Some((OUTPUT, QUANTITY)));
        let wrong = check_pair(e, &row("成本指标", "经济成本指标")).unwrap();
        assert_eq!(wrong.suggestion, Some((OUTPUT, COST)));
        assert_eq!(wrong.field, "level1");
    }

    #[test]
    fn pairs_of_2021() {
        let e = Edition::Caiyu2021;
        assert_eq!(check_pair(e, &row("成本指标", "经济成本指标")), None);
        assert_eq!(check_pair(e, &row("成本指标", "生态环境成本指标")), None);
        assert_eq!(check_pair(e, &row("效益指标", "可持续影响指标")), None);
        let wrong = check_pair(e, &row("产出指标", "成本指标")).unwrap();
        assert_eq!(wrong.suggestion, Some((COST, ECONOMIC_COST)));
    }

    #[test]
    fn nearest_name_for_typos() {
        let wrong = check_pair(Edition::Caiyu2015, &row("效益指标", "社会效应指标")).unwrap();
        assert_eq!(wrong.suggestion, Some((BENEFIT, SOCIAL_BENEFIT)));
        let wrong = check_pair(Edition::Caiyu2015, &row("产出目标", "质量指标")).unwrap();
        assert_eq!(wrong.field, "level1");
        assert_eq!(wrong.suggestion, Some((OUTPUT, QUALITY)));
        let wrong = check_pair(Edition::Caiyu2015, &row("满意指标", "服务满意度")).unwrap();
        assert_eq!(wrong.suggestion, Some((SATISFACTION, SERVED_SATISFACTION)));
    }

    #[test]
    fn a_level2_name_in_the_level1_column() {
        let wrong = check_pair(
            Edition::Caiyu2015,
            &row("可持续影响指标", "残疾人事业稳定发展"),
        )
        .unwrap();
        assert_eq!(wrong.field, "level1");
        assert_eq!(wrong.suggestion, Some((BENEFIT, SUSTAINABILITY)));
    }

    #[test]
    fn name_lists_cover_both_trees() {
        for edition in Edition::ALL {
            for (l1, children) in edition.tree() {
                assert!(LEVEL1_NAMES.contains(l1), "{l1}");
                assert!(
                    children.iter().all(|c| LEVEL2_NAMES.contains(c)),
                    "{children:?}"
                );
            }
        }
        for (_, canonical) in LEVEL1_SYNONYMS {
            assert!(LEVEL1_NAMES.contains(canonical));
        }
        for (_, canonical) in LEVEL2_SYNONYMS {
            assert!(LEVEL2_NAMES.contains(canonical));
        }
    }

    #[test]
    fn categories() {
        assert_eq!(category(&row("产出指标", "成本指标")), Some(Category::Cost));
        assert_eq!(
            category(&row("成本指标", "经济成本指标")),
            Some(Category::Cost)
        );
        assert_eq!(
            category(&row("成本指标", "社会成本指标")),
            Some(Category::ImpactCost)
        );
        assert_eq!(
            category(&row("效益指标", "社会效益")),
            Some(Category::Benefit)
        );
        assert_eq!(
            category(&row("满意度指标", "其他")),
            Some(Category::Satisfaction)
        );
        assert_eq!(category(&row("其他", "其他")), None);
    }
}
