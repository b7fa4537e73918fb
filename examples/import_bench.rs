//! Times `gongkai import` on a large list-style workbook (issue 11).
//!
//! ```text
//! cargo run --release --example import_bench -- [ROWS]
//! ```
//!
//! Generates a Sichuan-style 申报表 with ROWS indicator rows (default 5000):
//! 10 indicators per project, 20 projects per unit, amounts in 元 with
//! thousands separators, project columns merged vertically. It is written
//! into a temporary site with rust_xlsxwriter, then imported through the
//! library exactly as the CLI does (read, map, write files, no dry run).
//! The import time excludes generating the workbook; it includes check.

use std::time::Instant;

use rust_xlsxwriter::{Format, Workbook};

const HEADER: [&str; 12] = [
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

const LEVELS: [(&str, &str, &str, &str, &str); 10] = [
    ("产出指标", "数量指标", "完成数量", "≥", "个"),
    ("产出指标", "数量指标", "覆盖人数", "≥", "人"),
    ("产出指标", "质量指标", "验收合格率", "≥", "%"),
    ("产出指标", "时效指标", "完成及时率", "=", "%"),
    ("产出指标", "成本指标", "单位成本", "≤", "元"),
    ("效益指标", "社会效益指标", "服务水平", "定性", ""),
    ("效益指标", "经济效益指标", "带动增收", "≥", "万元"),
    ("效益指标", "生态效益指标", "环境改善", "定性", ""),
    ("效益指标", "可持续影响指标", "长效机制", "定性", ""),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "%"),
];

/// `1234567` → `1,234,567`, as the 一体化 system exports amounts.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: u32 = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(5000);
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("site.toml"), "title = \"导入测速\"\n")?;
    let file = dir.path().join("list.xlsx");

    let started = Instant::now();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet.write_string(0, 0, "2024年部门预算项目绩效目标申报表")?;
    sheet.write_string(1, 0, "单位：元")?;
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16, *h)?;
    }
    let per_project = LEVELS.len() as u32;
    for project in 0..rows.div_ceil(per_project) {
        let first = 3 + project * per_project;
        let last = (first + per_project - 1).min(2 + rows);
        let unit = format!(
            "{}-测试县第{}乡镇人民政府",
            820001 + project / 20,
            project / 20 + 1
        );
        let yuan = 100_000 + u64::from(project) * 1_237;
        let amount = format!("{}.{:02}", thousands(yuan), project % 100);
        let fields = [
            unit,
            format!("测试项目{project}"),
            amount,
            "完成年度任务".to_owned(),
        ];
        for (col, text) in fields.iter().enumerate() {
            if last > first {
                sheet.merge_range(first, col as u16, last, col as u16, text, &plain)?;
            } else {
                sheet.write_string(first, col as u16, text)?;
            }
        }
        for (i, r) in (first..=last).enumerate() {
            let (l1, l2, name, op, measure) = LEVELS[i];
            let value = if op == "定性" {
                "提高".to_owned()
            } else {
                format!("{}", 90 + i)
            };
            let cells = [l1, l2, name, op, &value, measure, "10", "正向指标"];
            for (c, text) in cells.iter().enumerate() {
                sheet.write_string(r, 4 + c as u16, *text)?;
            }
        }
    }
    book.save(&file)?;
    let generated = started.elapsed();

    let options = gongkai::import::ImportOptions {
        root: dir.path().to_path_buf(),
        files: vec![file],
        department: None,
        year: None,
        dry_run: false,
        force: false,
    };
    let started = Instant::now();
    let report = gongkai::import::run(&options)?;
    let imported = started.elapsed();
    let started = Instant::now();
    let checked =
        gongkai::build::load_and_check(dir.path(), gongkai::diagnostics::Severity::Warning);
    let check_time = started.elapsed();
    println!(
        "generated {rows} rows in {:.2} s; import: {} project(s), {} row(s), {} file(s) written in {:.3} s; check after import: {:.3} s ({})",
        generated.as_secs_f64(),
        report.projects(),
        report.rows(),
        report.planned.len(),
        imported.as_secs_f64(),
        check_time.as_secs_f64(),
        match checked {
            Ok(_) => "clean".to_owned(),
            Err(e) => format!("{e}"),
        }
    );
    assert_eq!(report.rows(), rows as usize);
    Ok(())
}
