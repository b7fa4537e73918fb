//! The fields of the open-data tables: name, Chinese title, type and
//! description, defined once for the CSV header, the workbook header, the
//! JSON keys, the Data Package schema and the 开放数据 page.

use std::borrow::Cow;

use serde::Serialize;

use crate::i18n::{Lang, message_in};

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
    pub labels: Labels,
    /// Whether the schema constrains the column to its codes (`enum`).
    #[serde(skip)]
    pub enumerated: bool,
}

/// Where a workbook finds the words for a column's codes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Labels {
    /// Code and word, written here.
    Words(&'static [(&'static str, &'static str)]),
    /// Code and the catalogue key of its word, for words the pages also
    /// use (达成, 无法比较 and its reasons), so that a workbook and a page
    /// never word one verdict two ways. Always the Chinese catalogue: the
    /// workbook's headings are Chinese whatever language the command
    /// line speaks.
    Catalogue(&'static [(&'static str, &'static str)]),
}

impl Labels {
    /// The codes the column may hold.
    pub(crate) fn codes(self) -> impl Iterator<Item = &'static str> {
        let (Labels::Words(pairs) | Labels::Catalogue(pairs)) = self;
        pairs.iter().map(|(code, _)| *code)
    }

    /// The word for `code`, if it is one of the column's codes.
    pub(crate) fn word(self, code: &str) -> Option<Cow<'static, str>> {
        match self {
            Labels::Words(pairs) => pairs
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, w)| Cow::Borrowed(*w)),
            Labels::Catalogue(pairs) => pairs
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, key)| Cow::Owned(message_in(Lang::Zh, key, &[]))),
        }
    }
}

impl Field {
    /// The field with workbook words for its codes.
    const fn labelled(self, labels: &'static [(&'static str, &'static str)]) -> Field {
        Field {
            labels: Labels::Words(labels),
            ..self
        }
    }

    /// The field with workbook words for its codes from the catalogue,
    /// and its codes stated as the schema's `enum` constraint.
    pub(crate) const fn catalogued(self, keys: &'static [(&'static str, &'static str)]) -> Field {
        Field {
            labels: Labels::Catalogue(keys),
            enumerated: true,
            ..self
        }
    }

    /// The field with its codes stated as the schema's `enum` constraint.
    pub(crate) const fn enumerated(self) -> Field {
        Field {
            enumerated: true,
            ..self
        }
    }

    /// What a workbook shows for `value` in this column.
    pub(crate) fn label<'a>(&self, value: &'a str) -> Cow<'a, str> {
        self.labels.word(value).unwrap_or(Cow::Borrowed(value))
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
        labels: Labels::Words(&[]),
        enumerated: false,
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
        "绩效指标行数（年度指标与实施期指标合计），与 indicators.csv 中该项目 table 为 \
         annual 或 long_term 的行数一致",
    ),
    f("url", "页面地址", Text, "项目页面相对网站根目录的地址"),
];

/// The indicator columns after the project key.
const INDICATOR_COLUMNS: &[Field] = &[
    f(
        "table",
        "指标表",
        Text,
        "annual 为年度绩效指标，long_term 为实施期/长期绩效指标，\
         evaluation 为绩效自评表中有而目标表中没有的指标（Excel 文件中写作中文）",
    )
    .labelled(&[
        ("annual", "年度绩效指标"),
        ("long_term", "实施期/长期绩效指标"),
        ("evaluation", "自评表（目标表无此指标）"),
    ]),
    f(
        "row",
        "行号",
        Integer,
        "该行在所属指标表中的序号，从 1 开始；evaluation 行为其在绩效自评表中的序号",
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
    EVALUATION_MATCH,
    f(
        "evaluation_target",
        "自评表指标值",
        Text,
        "绩效自评表中照录的年度指标值，仅在与目标表的指标值不同（读数不同）或目标表无此指标、无指标值时列出；\
         与目标表相同或自评表未列时为空。达成情况以目标表的指标值为准，目标表无此指标或无指标值时以此为准",
    ),
    f(
        "actual",
        "实际完成值",
        Text,
        "绩效自评表中的实际完成值，与自评表一致；未填报或原件无法辨认时为空，原因见 mark_reason",
    ),
    f(
        "evaluation_weight",
        "分值",
        Number,
        "绩效自评表中该指标的分值，与自评表一致（精确小数）；未填时为空",
    ),
    f(
        "score",
        "得分",
        Number,
        "绩效自评表中该指标的得分，与自评表一致（精确小数）；未填时为空",
    ),
    f(
        "mark",
        "达成情况",
        Text,
        "实际完成值与指标值比较的结果（计算得出，不是自评表所填）：met 为达成，missed 为未达成，\
         not-comparable 为无法比较（原因见 mark_reason）（Excel 文件中写作中文）",
    )
    .catalogued(&[
        ("met", "mark-met"),
        ("missed", "mark-missed"),
        ("not-comparable", "mark-not-comparable"),
    ]),
    f(
        "mark_reason",
        "无法比较原因",
        Text,
        "无法比较的原因（Excel 文件中写作中文）：no-actual 自评表未填报实际完成值；\
         actual-unreadable 原件中的实际完成值无法辨认；no-target 没有可比较的指标值；\
         not-evaluated 自评表未列此指标；described 定性指标，实际完成值未照录目标表述；\
         units 单位不同；not-one-figure 不是单一数值；bound 实际完成值只给出范围。\
         达成或未达成时为空",
    )
    .catalogued(WHY_KEYS),
    f(
        "deviation",
        "偏差原因分析及改进措施",
        Text,
        "绩效自评表中的偏差原因分析及改进措施，与自评表一致；未填时为空",
    ),
];

/// The column that says how a row of the target table and a row of the
/// 绩效自评表 were paired. A row of the 自评表 that matches no target is
/// kept (`no-target`), never dropped: it is part of what the department
/// published.
const EVALUATION_MATCH: Field = f(
    "evaluation_match",
    "自评对应情况",
    Text,
    "目标表与绩效自评表的对应（Excel 文件中写作中文）：matched 按一级、二级、三级指标对应；\
     name-only 一级或二级指标名称不同，按唯一的三级指标名称对应；not-evaluated 自评表未列此指标；\
     no-target 自评表中有而目标表中没有此指标（目标表各列为空）。\
     项目没有绩效自评表时，本列及其后各列为空；实施期/长期绩效指标不在自评范围内，亦为空",
)
.labelled(&[
    ("matched", "已对应"),
    ("name-only", "按三级指标名称对应"),
    ("not-evaluated", "自评表未列此指标"),
    ("no-target", "目标表无此指标"),
])
.enumerated();

/// The codes of the reasons a row cannot be judged, with the catalogue
/// keys of their words: [`crate::indicator::results::Why::key`] without
/// its `why-` prefix (a test keeps the two lists equal).
pub(crate) const WHY_KEYS: &[(&str, &str)] = &[
    ("no-actual", "why-no-actual"),
    ("actual-unreadable", "why-actual-unreadable"),
    ("no-target", "why-no-target"),
    ("not-evaluated", "why-not-evaluated"),
    ("described", "why-described"),
    ("units", "why-units"),
    ("not-one-figure", "why-not-one-figure"),
    ("bound", "why-bound"),
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

/// `evaluation.csv`: one row per project with a 绩效自评表. The budget
/// figures are the form's, converted exactly into the site's unit; the
/// execution rate is computed here, the one rounded figure, and says so.
pub(crate) const EVALUATION_FIELDS: &[Field] = &[
    f("year", "预算年度", Integer, "预算年度"),
    f("department_code", "单位编码", Text, "预算单位编码"),
    f(
        "project_slug",
        "项目标识",
        Text,
        "项目在网站中的标识，与 projects.csv 对应",
    ),
    f("project_name", "项目名称", Text, "项目名称"),
    f(
        "budget_initial",
        "年初预算数",
        Number,
        "年初预算数，单位：{unit}；由自评表金额精确换算，未经四舍五入；自评表未填时为空",
    ),
    f(
        "budget_full_year",
        "全年预算数",
        Number,
        "全年预算数（含年中调整），单位：{unit}；由自评表金额精确换算，未经四舍五入；自评表未填时为空",
    ),
    f(
        "budget_executed",
        "全年执行数",
        Number,
        "全年执行数，单位：{unit}；由自评表金额精确换算，未经四舍五入；自评表未填时为空",
    ),
    f(
        "execution_rate",
        "执行率（%）",
        Number,
        "预算执行率，百分数，不带 %。计算值，不是自评表所填：全年执行数 ÷ 全年预算数 × 100，\
         以精确小数计算后四舍五入（0.5 进位，远离零）保留两位小数；两数缺一或全年预算数为零时为空",
    ),
    f(
        "budget_weight",
        "预算执行率分值",
        Number,
        "自评表中预算执行率一行的分值，与自评表一致；未填时为空（标准分值为 10）",
    ),
    f(
        "budget_score",
        "预算执行率得分",
        Number,
        "自评表中预算执行率一行的得分，与自评表一致；未填时为空",
    ),
    f(
        "total_score",
        "总分",
        Number,
        "总分，自评表所填；自评表未填时为空（计算值见 total_computed）",
    ),
    f(
        "total_computed",
        "得分合计",
        Number,
        "预算执行率得分与各指标得分之和，由本站精确计算；都未填时为空。与自评表所填总分不同时，check 会提示",
    ),
    f(
        "grade",
        "等级",
        Text,
        "评价等级，照录自评表；未填时为空（按分数所在档次见 grade_band）",
    ),
    f(
        "grade_band",
        "分数档次",
        Text,
        "按总分（自评表所填，未填时为得分合计）所在档次计算：90 分及以上为优，\
         80 分至不足 90 分为良，60 分至不足 80 分为中，不足 60 分为差；都没有时为空",
    )
    .labelled(&[("优", "优"), ("良", "良"), ("中", "中"), ("差", "差")])
    .enumerated(),
    f(
        "met",
        "达成",
        Integer,
        "自评表中判为达成的指标行数（计算得出），与 indicators.csv 中该项目 mark 为 met 的行数一致",
    ),
    f(
        "missed",
        "未达成",
        Integer,
        "自评表中判为未达成的指标行数（计算得出）",
    ),
    f(
        "not_comparable",
        "无法比较",
        Integer,
        "自评表中无法比较的指标行数（计算得出），含目标表无此指标的行；\
         目标表中有而自评表未列的指标不计",
    ),
];

impl Field {
    /// The description with the money unit filled in.
    pub(crate) fn describe(&self, unit: &str) -> String {
        self.description.replace("{unit}", unit)
    }
}
