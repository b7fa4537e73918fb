//! The fields of the open-data tables: name, Chinese title, type and
//! description, defined once for the CSV header, the workbook header, the
//! JSON keys, the Data Package schema and the 开放数据 page.

use serde::Serialize;

/// A field's type, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FieldType {
    String,
    Integer,
    /// An exact decimal, written as text (`200.00`), never a float.
    Number,
}

/// One column of an open-data table.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Field {
    /// The machine name: CSV header, JSON key, schema field name.
    pub name: &'static str,
    /// The Chinese heading, for workbooks and the 开放数据 page.
    pub title: &'static str,
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// What the column holds; `{unit}` stands for the site's money unit.
    pub description: &'static str,
    /// The Chinese words a workbook shows for the column's machine codes
    /// (`annual` → 年度绩效指标): a person reading the .xlsx in Excel or
    /// WPS reads the site's words, while CSV and JSON keep the codes the
    /// Data Package documents for programs.
    #[serde(skip)]
    pub labels: &'static [(&'static str, &'static str)],
}

impl Field {
    /// The field with workbook words for its codes.
    const fn labelled(self, labels: &'static [(&'static str, &'static str)]) -> Field {
        Field { labels, ..self }
    }

    /// What a workbook shows for `value` in this column.
    pub(crate) fn label<'a>(&self, value: &'a str) -> &'a str {
        self.labels
            .iter()
            .find(|(code, _)| *code == value)
            .map_or(value, |(_, label)| label)
    }
}

/// A field, compactly, for the tables of fields.
pub(crate) const fn f(
    name: &'static str,
    title: &'static str,
    kind: FieldType,
    description: &'static str,
) -> Field {
    Field {
        name,
        title,
        kind,
        description,
        labels: &[],
    }
}

use FieldType::{Integer, Number, String as Text};

/// The key of a project: budget year, department code and file name.
pub(crate) const PROJECT_KEY: [&str; 3] = ["year", "department_code", "project_slug"];

/// `projects.csv`: one row per project.
pub(crate) const PROJECT_FIELDS: &[Field] = &[
    f("year", "预算年度", Integer, "预算年度"),
    f("department_code", "单位编码", Text, "预算单位编码"),
    f("department_name", "单位名称", Text, "预算单位名称"),
    f(
        "project_slug",
        "项目标识",
        Text,
        "项目在网站中的标识（网址中的一段），同一单位同一年度内唯一",
    ),
    f("project_name", "项目名称", Text, "项目名称"),
    f("project_code", "项目编码", Text, "项目编码，原表未列时为空"),
    f(
        "amount",
        "金额",
        Number,
        "项目金额，单位：{unit}；由原表金额精确换算，未经四舍五入",
    ),
    f(
        "funding",
        "资金来源",
        Text,
        "资金来源及金额（单位：{unit}），多项以“；”分隔，“其中”列出其组成部分",
    ),
    f("period", "实施期限", Text, "实施期限，原表未列时为空"),
    f(
        "indicator_count",
        "指标数",
        Integer,
        "绩效指标行数（年度指标与实施期指标合计），与 indicators.csv 中该项目的行数一致",
    ),
    f("url", "页面地址", Text, "项目页面相对网站根目录的地址"),
];

/// The indicator columns after the project key.
const INDICATOR_COLUMNS: &[Field] = &[
    f(
        "table",
        "指标表",
        Text,
        "annual 为年度绩效指标，long_term 为实施期/长期绩效指标（Excel 文件中写作中文）",
    )
    .labelled(&[
        ("annual", "年度绩效指标"),
        ("long_term", "实施期/长期绩效指标"),
    ]),
    f(
        "row",
        "行号",
        Integer,
        "该行在所属指标表中的序号，从 1 开始",
    ),
    f("level1", "一级指标", Text, "一级指标"),
    f("level2", "二级指标", Text, "二级指标"),
    f("name", "三级指标", Text, "三级指标（指标名称）"),
    f(
        "value",
        "指标值",
        Text,
        "指标值，与原表一致；原表为空或无法辨认时为空",
    ),
    f(
        "comparator",
        "比较符",
        Text,
        "从指标值读出的比较关系（≥ ≤ > < =），读不出单一数值时为空",
    ),
    f(
        "number",
        "数值",
        Number,
        "从指标值读出的数值（精确小数），读不出单一数值时为空",
    ),
    f("unit", "计量单位", Text, "从指标值读出的计量单位"),
    f(
        "direction",
        "指标方向性",
        Text,
        "指标方向性，原表未列时为空",
    ),
    f("weight", "权重", Number, "权重（分值），原表未列时为空"),
    f("standard", "绩效标准", Text, "绩效标准，原表未列时为空"),
    f("explanation", "指标解释", Text, "指标解释，原表未列时为空"),
    f(
        "missing",
        "缺失说明",
        Text,
        "指标值为空的原因：blank 为原表未填报，unreadable 为原件无法辨认（Excel 文件中写作中文）",
    )
    .labelled(&[("blank", "未填报"), ("unreadable", "原件无法辨认")]),
    f("note", "备注", Text, "该行的备注"),
];

/// `indicators.csv`: the project key, then the indicator columns.
pub(crate) fn indicator_fields() -> Vec<Field> {
    PROJECT_FIELDS
        .iter()
        .filter(|f| PROJECT_KEY.contains(&f.name))
        .chain(INDICATOR_COLUMNS)
        .copied()
        .collect()
}

/// The project columns that begin every row of a project's own CSV, so
/// that a file found on its own (mailed, or saved among others) still says
/// whose indicators it holds (issues 22 and 26).
pub(crate) const PROJECT_CSV_KEY: [&str; 5] = [
    "year",
    "department_code",
    "department_name",
    "project_name",
    "project_code",
];

/// A project's own CSV: the project's key, then the indicator columns.
pub(crate) fn project_indicator_fields() -> Vec<Field> {
    PROJECT_CSV_KEY
        .iter()
        .filter_map(|name| PROJECT_FIELDS.iter().find(|f| f.name == *name))
        .chain(INDICATOR_COLUMNS)
        .copied()
        .collect()
}

impl Field {
    /// The description with the money unit filled in.
    pub(crate) fn describe(&self, unit: &str) -> String {
        self.description.replace("{unit}", unit)
    }
}
