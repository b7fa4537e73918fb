//! The indicator vocabulary the mappers recognise: which words are 一级 and
//! 二级 指标 names, and which 一级 each 二级 belongs to in the Ministry of
//! Finance frameworks. It lets the OCR mapper tell a level name that slid
//! into the wrong column from a 三级指标 or a value.

/// The 一级指标 a 二级指标 belongs to, or `None` when `word` is not a known
/// 二级指标. Spaces inside the word (an OCR artefact) are ignored.
pub(crate) fn parent_of(word: &str) -> Option<&'static str> {
    let w = squash(word);
    let parent = match w.as_str() {
        "数量指标" | "质量指标" | "时效指标" | "成本指标" => "产出指标",
        "经济成本指标" | "社会成本指标" | "生态环境成本指标" => "成本指标",
        "社会效益"
        | "社会效益指标"
        | "经济效益"
        | "经济效益指标"
        | "生态效益"
        | "生态效益指标"
        | "可持续影响指标"
        | "可持续影响" => "效益指标",
        "服务对象满意度指标" | "社会公众满意度指标" | "社会公众或服务对象满意度指标" => {
            "满意度指标"
        }
        _ => return None,
    };
    Some(parent)
}

/// True for the 一级指标 names of the 2015 and 2021 frameworks.
pub(crate) fn is_level1(word: &str) -> bool {
    matches!(
        squash(word).as_str(),
        "产出指标" | "效益指标" | "满意度指标" | "成本指标"
    )
}

/// True for 成本指标's own 二级指标 (2021 framework), which make a
/// preceding 成本指标 a 一级 rather than a 二级 name.
pub(crate) fn is_cost_level2(word: &str) -> bool {
    parent_of(word) == Some("成本指标")
}

/// The word without any whitespace (OCR splits `服务对象 满意度指标`).
pub(crate) fn squash(word: &str) -> String {
    word.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Chinese numerals used in 目标一, 目标十二.
pub(crate) fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}
