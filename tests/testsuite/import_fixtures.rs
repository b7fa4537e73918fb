//! Import fixtures built with code: workbooks through rust_xlsxwriter, CSV
//! in UTF-8 and GBK, and a saved web page. Each holds what real files do:
//! merged cells, several projects per sheet, amounts in 元, labels with
//! line breaks and full-width spaces.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// One list-style row: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级 | 二级 |
/// 三级 | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性.
pub type ListRow = [&'static str; 12];

pub const LIST_HEADER: ListRow = [
    "单位名称",
    "项目名称",
    "预算数",
    "年度目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "权重",
    "指标方向性",
];

/// Three projects of two units, amounts in 元 with thousands separators.
pub const LIST_ROWS: &[ListRow] = &[
    [
        "820001-井研县马踏镇人民政府",
        "农村道路养护",
        "3,309,840.00",
        "完成村道养护；\n保障群众出行",
        "产出指标",
        "数量指标",
        "养护里程",
        "≥",
        "120",
        "公里",
        "20",
        "正向指标",
    ],
    [
        "820001-井研县马踏镇人民政府",
        "农村道路养护",
        "3,309,840.00",
        "完成村道养护；\n保障群众出行",
        "产出指标",
        "质量指标",
        "养护合格率",
        "≥",
        "95",
        "%",
        "20",
        "正向指标",
    ],
    [
        "820001-井研县马踏镇人民政府",
        "农村道路养护",
        "3,309,840.00",
        "完成村道养护；\n保障群众出行",
        "效益指标",
        "社会效益指标",
        "群众出行条件",
        "定性",
        "明显改善",
        "",
        "30",
        "正向指标",
    ],
    [
        "820001-井研县马踏镇人民政府",
        "农村道路养护",
        "3,309,840.00",
        "完成村道养护；\n保障群众出行",
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥",
        "90",
        "%",
        "30",
        "正向指标",
    ],
    [
        "820001-井研县马踏镇人民政府",
        "场镇环境卫生",
        "86,000.50",
        "场镇垃圾日产日清",
        "产出指标",
        "成本指标",
        "人均清扫成本",
        "≤",
        "1,200",
        "元/人",
        "50",
        "反向指标",
    ],
    [
        "820001-井研县马踏镇人民政府",
        "场镇环境卫生",
        "86,000.50",
        "场镇垃圾日产日清",
        "产出指标",
        "时效指标",
        "清运及时率",
        "＝",
        "",
        "%",
        "50",
        "正向指标",
    ],
    [
        "820002-井研县千佛镇人民政府",
        "农村道路养护",
        "500,000",
        "完成村道养护",
        "产出指标",
        "数量指标",
        "养护里程",
        "≥",
        "40",
        "公里",
        "100",
        "正向指标",
    ],
];

/// The list table as a workbook: a title, `单位：元`, the header, then the
/// rows with the project columns and 一级指标 merged vertically, and one
/// amount stored as a number, as exports from the 一体化 system do.
pub fn list_workbook(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("申报表").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 11, "2024年部门预算项目绩效目标申报表", &plain)
        .unwrap();
    sheet.write_string(1, 0, "单位：元").unwrap();
    for (c, h) in LIST_HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let first = 3u32;
    for (i, row) in LIST_ROWS.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet
                .write_string(first + i as u32, c as u16, *text)
                .unwrap();
        }
    }
    // Project columns merged per project; 一级指标 merged where it repeats.
    for (from, to) in [(0u32, 3u32), (4, 5), (6, 6)] {
        for col in 0..4u16 {
            if from != to {
                let text = LIST_ROWS[from as usize][col as usize];
                sheet
                    .merge_range(first + from, col, first + to, col, text, &plain)
                    .unwrap();
            }
        }
    }
    sheet
        .merge_range(first, 4, first + 1, 4, "产出指标", &plain)
        .unwrap();
    // The last project's amount as a binary number, not text.
    sheet.write_number(first + 6, 2, 500000.0).unwrap();
    book.save(path).unwrap();
}

/// The list table as CSV text (project columns repeated, as CSV must).
pub fn list_csv() -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    writer.write_record(LIST_HEADER).unwrap();
    for row in LIST_ROWS {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Writes the list CSV in GBK, as WPS and Excel on Chinese Windows save it.
pub fn list_csv_gbk(path: &Path) {
    let text = list_csv();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(path, bytes).unwrap();
}

/// Writes the list CSV as UTF-8 with a BOM.
pub fn list_csv_bom(path: &Path) {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(list_csv().bytes());
    std::fs::write(path, bytes).unwrap();
}

fn form_sheet(sheet: &mut Worksheet, name: &str, amount: f64, second_goal: bool) {
    let plain = Format::new();
    let s = sheet;
    s.merge_range(0, 0, 0, 6, "项目支出绩效目标申报表", &plain)
        .unwrap();
    s.write_string(1, 0, "（2024年度）").unwrap();
    s.write_string(2, 0, "金额单位：万元").unwrap();
    s.write_string(3, 0, "项目名称").unwrap();
    s.merge_range(3, 1, 3, 6, name, &plain).unwrap();
    s.write_string(4, 0, "主管部门").unwrap();
    s.merge_range(4, 1, 4, 2, "[301001]某某县民政局", &plain)
        .unwrap();
    s.write_string(4, 3, "实施单位").unwrap();
    s.merge_range(4, 4, 4, 6, "某某县养老服务中心", &plain)
        .unwrap();
    s.write_string(5, 0, "项目属性").unwrap();
    s.write_string(5, 1, "延续").unwrap();
    s.write_string(5, 3, "项目期限").unwrap();
    s.write_string(5, 4, "2024年1月—12月").unwrap();
    s.merge_range(6, 0, 9, 0, "项目资金\n（万元）", &plain)
        .unwrap();
    s.write_string(6, 1, "年度资金总额").unwrap();
    s.write_number(6, 2, amount).unwrap();
    s.write_string(7, 1, "其中：财政拨款").unwrap();
    s.write_number(7, 2, amount - 20.0).unwrap();
    s.write_string(8, 1, "上级补助").unwrap();
    s.write_number(8, 2, 60.5).unwrap();
    s.write_string(8, 3, "本级").unwrap();
    s.write_number(8, 4, amount - 80.5).unwrap();
    s.write_string(9, 1, "其他资金").unwrap();
    s.write_string(9, 2, "20").unwrap();
    s.write_string(10, 0, "年度\u{3000}目标").unwrap();
    let goals = if second_goal {
        "目标一：为500名老人提供助餐服务；\n目标二：新建助餐点8个。"
    } else {
        "目标一：为500名老人提供助餐服务；"
    };
    s.merge_range(10, 1, 10, 6, goals, &plain).unwrap();
    s.write_string(11, 0, "实施期目标").unwrap();
    s.merge_range(11, 1, 11, 6, "三年内覆盖全县社区", &plain)
        .unwrap();
    s.merge_range(12, 0, 19, 0, "绩效指标", &plain).unwrap();
    for (c, h) in [
        "一级\n指标",
        "二级指标",
        "三级指标",
        "指标值",
        "绩效标准",
        "权重",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(12, c as u16 + 1, *h).unwrap();
    }
    s.merge_range(13, 1, 16, 1, "产出指标", &plain).unwrap();
    s.merge_range(13, 2, 14, 2, "数量指标", &plain).unwrap();
    let rows: [[&str; 5]; 7] = [
        ["", "服务老人人数", "≥500人", "按花名册核定", "20"],
        ["", "助餐点数量", "8个", "", "10"],
        ["质量指标", "服务合格率", "≥95%", "", "10"],
        ["时效指标", "补助发放及时率", "", "", "10"],
        ["社会效益指标", "老人生活质量", "提高", "", "20"],
        ["可持续影响指标", "服务长效机制", "健全", "", "10"],
        ["服务对象满意度指标", "老人满意度", "≥90%", "", "20"],
    ];
    for (i, [l2, name, value, standard, weight]) in rows.iter().enumerate() {
        let r = 13 + i as u32;
        if !l2.is_empty() {
            s.write_string(r, 2, *l2).unwrap();
        }
        s.write_string(r, 3, *name).unwrap();
        if !value.is_empty() {
            s.write_string(r, 4, *value).unwrap();
        }
        if !standard.is_empty() {
            s.write_string(r, 5, *standard).unwrap();
        }
        s.write_string(r, 6, *weight).unwrap();
    }
    s.write_string(17, 1, "效益指标").unwrap();
    // B19 leaves 一级指标 blank without merging: a guess to flag.
    s.write_string(19, 1, "满意度指标").unwrap();
    s.write_string(20, 0, "填表人：张三").unwrap();
}

/// Two form-style sheets, one project each.
pub fn form_workbook(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("社区养老").unwrap();
    form_sheet(sheet, "社区养老服务补助", 120.5, true);
    let sheet = book.add_worksheet();
    sheet.set_name("居家养老").unwrap();
    form_sheet(sheet, "居家养老上门服务", 180.25, false);
    book.save(path).unwrap();
}

/// A workbook whose only sheet has no recognisable header.
pub fn headerless_workbook(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("填表说明").unwrap();
    sheet.write_string(0, 0, "请按模板填写").unwrap();
    book.save(path).unwrap();
}

/// A saved government page: navigation, a layout table, and two projects
/// as form tables with rowspan and colspan.
pub const HTML_PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某某县农业农村局2024年项目支出绩效目标公开</title></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; 财政预决算</div>
<table class="layout"><tr><td>
<h2>某某县农业农村局2024年项目支出绩效目标表</h2>
<p>金额单位：万元</p>
<table border="1">
<tr><td>项目名称</td><td colspan="4">高标准农田建设</td></tr>
<tr><td>主管部门</td><td colspan="2">610001-某某县农业农村局</td><td>项目分类</td><td>其他运转类</td></tr>
<tr><td>年度资金总额</td><td colspan="4">1,250.0000</td></tr>
<tr><td>年度目标</td><td colspan="4"><p>目标一：新建高标准农田1万亩。</p><p>目标二：亩均增产50公斤。</p></td></tr>
<tr><th rowspan="5">绩效指标</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>新建面积</td><td>10000亩</td></tr>
<tr><td>质量指标</td><td>验收合格率</td><td>100%</td></tr>
<tr><td>效益指标</td><td>经济效益指标</td><td>亩均增产</td><td>≥50公斤</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>农户满意度</td><td>≥90%</td></tr>
</table>
<table border="1">
<tr><td>项目名称</td><td colspan="4">农机购置补贴</td></tr>
<tr><td>主管部门</td><td colspan="4">610001-某某县农业农村局</td></tr>
<tr><td>年度资金总额</td><td colspan="4">300</td></tr>
<tr><td>年度目标</td><td colspan="4">补贴农机200台</td></tr>
<tr><th rowspan="3">绩效指标</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>补贴台数</td><td>200台</td></tr>
<tr><td>时效指标</td><td>补贴兑付及时率</td><td>100%</td></tr>
</table>
</td></tr></table>
<table><tr><td>部门整体绩效指标见附件</td></tr></table>
<div class="footer">主办单位：某某县人民政府</div>
</body></html>
"#;

/// A path in `dir` for a fixture file.
pub fn at(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
