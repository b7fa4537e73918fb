//! The columns of an indicator table, found from its header row: which
//! column holds the levels, the 三级指标, the 指标值 and the optional
//! columns, for the form and list layouts alike.
//!
//! The 指标值 column is the one a mistake here would blank silently, so
//! it is found with care: by its many published names (指标值, 年度指标值,
//! 指标值及单位, 指标目标值, 预期指标值 …), else by position with every
//! row flagged, else the table is refused. A header gongkai does not know
//! never turns a column of figures into `missing: blank`.

use super::Problem;
use crate::import::table::Table;

/// Column positions of one indicator table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    pub(crate) level1: usize,
    pub(crate) level2: Option<usize>,
    pub(crate) name: usize,
    pub(crate) value: Option<usize>,
    /// The 二级 and 三级 columns of a long-term triple beside the annual
    /// one, when the grid has two.
    pub(crate) long_level2: Option<usize>,
    pub(crate) long_name: Option<usize>,
    pub(crate) long_value: Option<usize>,
    pub(crate) standard: Option<usize>,
    pub(crate) weight: Option<usize>,
    pub(crate) explanation: Option<usize>,
    pub(crate) direction: Option<usize>,
    pub(crate) note: Option<usize>,
    /// Set when the 指标值 column was taken by position: the flag every
    /// row of the table carries.
    pub(crate) value_flag: Option<String>,
}

/// Headers of the level columns, as printed (a page may cut 一级指标 to 一级).
pub(crate) const LEVEL1: &[&str] = &["一级指标", "一级", "一级指标名称"];
pub(crate) const LEVEL2: &[&str] = &["二级指标", "二级", "二级指标名称"];
pub(crate) const LEVEL3: &[&str] = &["三级指标", "三级", "指标名称", "三级指标名称", "指标内容"];

/// True for the header row of an indicator table: a 一级 column with a
/// 二级 or 三级 column beside it.
pub(crate) fn is_indicator_header(row: &[crate::import::table::Cell]) -> bool {
    let keys: Vec<String> = row
        .iter()
        .map(|c| crate::import::table::label_key(&c.text))
        .collect();
    let has = |names: &[&str]| keys.iter().any(|k| names.contains(&k.as_str()));
    has(LEVEL1) && (has(LEVEL2) || has(&LEVEL3[..2]))
}

/// Headers of the columns other than the value, by field.
const STANDARD: &[&str] = &["绩效标准", "评分标准", "评价标准", "指标标准"];
pub(crate) const WEIGHT: &[&str] = &["权重", "分值", "权重分值", "指标权重", "权重（分值）"];
const EXPLANATION: &[&str] = &["指标解释", "指标说明", "指标定义"];
const DIRECTION: &[&str] = &["指标方向性", "指标方向", "方向"];
const NOTE: &[&str] = &["备注", "说明"];
/// Headers that are part of a value split over columns (list layout).
const VALUE_PARTS: &[&str] = &[
    "指标性质",
    "运算符号",
    "符号",
    "度量单位",
    "计量单位",
    "单位符号",
    "指标值单位",
];

/// True for a header naming the long-term (实施期) value.
fn is_long(key: &str) -> bool {
    key.contains("实施期") || key.contains("长期")
}

/// True for a header naming the annual 指标值, in its published variants.
pub(crate) fn is_value_header(key: &str) -> bool {
    if is_long(key) || VALUE_PARTS.contains(&key) {
        return false;
    }
    key.contains("指标值")
        || key.contains("目标值")
        || key.contains("数值")
        || matches!(
            key,
            "年度值" | "计划值" | "年度计划值" | "预期值" | "标准值" | "指标目标"
        )
}

impl Columns {
    /// Finds the columns in `keys` (the header row `h` of `table`, label
    /// keys), or says why the table cannot be read.
    pub(crate) fn find(keys: &[String], table: &Table, h: usize) -> Result<Columns, Problem> {
        // A grid may hold a long-term and an annual triple side by side,
        // told apart only by their bracketed notes: 二级指标(长期) …
        // 二级指标(年度). Each header is then taken from its own triple.
        let raw: Vec<String> = table.rows[h]
            .iter()
            .map(|c| c.text.split_whitespace().collect())
            .collect();
        let annotated_long = |c: &usize| raw.get(*c).is_some_and(|r| is_long(r));
        let pick = |names: &[&str], long: bool| {
            let all: Vec<usize> = (0..keys.len())
                .filter(|c| names.contains(&keys[*c].as_str()))
                .collect();
            if all.len() < 2 {
                return if long { None } else { all.first().copied() };
            }
            all.into_iter().find(|c| annotated_long(c) == long)
        };
        let find = |names: &[&str]| pick(names, false);
        let level1 = find(LEVEL1).unwrap_or(0);
        let level2 = find(LEVEL2);
        let name = find(LEVEL3).or(level2.map(|c| c + 1)).unwrap_or(level1 + 1);
        let mut cols = Columns {
            level1,
            level2,
            name,
            long_level2: pick(LEVEL2, true),
            long_name: pick(LEVEL3, true),
            long_value: keys
                .iter()
                .position(|k| is_long(k) && (k.contains("指标值") || k.contains("目标值")))
                .or_else(|| {
                    (0..keys.len()).find(|c| annotated_long(c) && is_value_header(&keys[*c]))
                }),
            standard: find(STANDARD),
            weight: find(WEIGHT),
            explanation: find(EXPLANATION),
            direction: find(DIRECTION),
            note: find(NOTE),
            ..Columns::default()
        };
        cols.value = keys
            .iter()
            .enumerate()
            .position(|(c, k)| c != name && is_value_header(k) && !annotated_long(&c));
        if cols.value.is_none() {
            let claimed = cols.claimed();
            let by_position = (name + 1..keys.len())
                .find(|c| !claimed.contains(c) && !VALUE_PARTS.contains(&keys[*c].as_str()));
            match by_position {
                Some(c) => {
                    cols.value = Some(c);
                    cols.value_flag = Some(crate::t!("flag-value-header", header = keys[c]));
                }
                None => {
                    return Err(Problem {
                        at: table.cell(h, name).map(|c| c.origin),
                        message: crate::t!(
                            "import-no-value-column",
                            row = h + 1,
                            headers = keys
                                .iter()
                                .filter(|k| !k.is_empty())
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" | ")
                        ),
                        help: crate::t!("import-no-value-column-help"),
                        no_header: false,
                    });
                }
            }
        }
        Ok(cols)
    }

    /// Every column this table reads.
    fn claimed(&self) -> Vec<usize> {
        [
            Some(self.level1),
            self.level2,
            Some(self.name),
            self.value,
            self.long_level2,
            self.long_name,
            self.long_value,
            self.standard,
            self.weight,
            self.explanation,
            self.direction,
            self.note,
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Records the cells of row `r` that the row's fields took.
    pub(crate) fn place(&self, table: &Table, r: usize) {
        for c in self.claimed() {
            table.place(r, c);
        }
    }
}

/// The label keys of row `r`.
#[cfg(test)]
pub(crate) fn keys_of(table: &Table, r: usize) -> Vec<String> {
    use crate::import::table::label_key;
    table.rows[r].iter().map(|c| label_key(&c.text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::grid;

    #[test]
    fn value_headers_in_their_variants() {
        for header in [
            "指标值",
            "指标值及单位",
            "指标目标值",
            "预期指标值",
            "年度指标值（含单位）",
        ] {
            let t = grid(&[&["一级指标", "二级指标", "三级指标", header]]);
            let cols = Columns::find(&keys_of(&t, 0), &t, 0).unwrap();
            assert_eq!(cols.value, Some(3), "{header}");
            assert!(cols.value_flag.is_none(), "{header}");
        }
        let t = grid(&[&["一级指标", "二级指标", "三级指标", "实施期指标值", "指标值"]]);
        let cols = Columns::find(&keys_of(&t, 0), &t, 0).unwrap();
        assert_eq!((cols.value, cols.long_value), (Some(4), Some(3)));
        let t = grid(&[&[
            "一级指标",
            "二级指标(长期)",
            "三级指标(长期)",
            "指标值(长期)",
            "二级指标(年度)",
            "三级指标(年度)",
            "指标值(年度)",
        ]]);
        let cols = Columns::find(&keys_of(&t, 0), &t, 0).unwrap();
        assert_eq!((cols.level2, cols.name, cols.value), (Some(4), 5, Some(6)));
        assert_eq!(
            (cols.long_level2, cols.long_name, cols.long_value),
            (Some(1), Some(2), Some(3))
        );
    }

    #[test]
    fn an_unknown_value_header_is_taken_by_position_and_flagged_or_refused() {
        let t = grid(&[&["一级指标", "二级指标", "三级指标", "考核要求", "权重"]]);
        let cols = Columns::find(&keys_of(&t, 0), &t, 0).unwrap();
        assert_eq!(cols.value, Some(3));
        assert!(cols.value_flag.unwrap().contains("考核要求"));
        let t = grid(&[&["一级指标", "二级指标", "三级指标", "权重"]]);
        let problem = Columns::find(&keys_of(&t, 0), &t, 0).unwrap_err();
        assert!(problem.message.contains("权重"), "{}", problem.message);
    }
}
