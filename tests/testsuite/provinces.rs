//! The province layouts (issue 10), built from `tests/fixtures/provinces`:
//! the site builds with exit 0, every figure of every file is on its page
//! exactly as written, totals are exact across 元 and 万元, optional columns
//! appear only where a row fills them, and the new table shapes are pinned
//! by snapshots.

use scraper::{ElementRef, Html, Selector};

use crate::common::{TestSite, provinces_root};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

fn built() -> TestSite {
    let site = TestSite::copy_of(&provinces_root());
    site.build();
    site
}

fn page(site: &TestSite, rel: &str) -> Html {
    Html::parse_document(&site.read(rel))
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector)).map(text).collect()
}

/// Every project file of the fixture: department, slug and YAML document.
fn sources() -> Vec<(String, String, serde_yaml::Value)> {
    let mut out = Vec::new();
    for dept in std::fs::read_dir(provinces_root().join("content")).unwrap() {
        let dept = dept.unwrap().path();
        if !dept.join("_department.yaml").is_file() {
            continue;
        }
        for file in std::fs::read_dir(&dept).unwrap() {
            let file = file.unwrap().path();
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            if stem.starts_with('_') {
                continue;
            }
            let doc = serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let code = dept.file_name().unwrap().to_string_lossy().into_owned();
            out.push((code, stem, doc));
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

/// The figure as the file spells it (quoted, so never a float).
fn written(v: &serde_yaml::Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("figures in the fixture are quoted: {v:?}"))
        .to_owned()
}

#[test]
fn every_figure_is_shown_exactly_as_written() {
    let site = built();
    let sources = sources();
    assert_eq!(sources.len(), 5);
    for (code, slug, doc) in &sources {
        let year = doc["year"].as_u64().unwrap();
        let html = page(&site, &format!("public/{year}/{code}/{slug}/index.html"));
        let cells: Vec<String> = texts(&html, "td, dd");
        let mut figures = vec![written(&doc["amount"])];
        for source in doc["funding"].as_sequence().into_iter().flatten() {
            figures.push(written(&source["amount"]));
            for part in source["parts"].as_sequence().into_iter().flatten() {
                figures.push(written(&part["amount"]));
            }
        }
        for key in ["indicators", "long_term_indicators"] {
            for row in doc[key].as_sequence().into_iter().flatten() {
                if !row["weight"].is_null() {
                    figures.push(written(&row["weight"]));
                }
            }
        }
        for figure in figures {
            assert!(
                cells.contains(&figure),
                "{code}/{slug}: no cell reads exactly {figure:?}; cells: {cells:?}"
            );
        }
    }
}

#[test]
fn totals_are_exact_across_yuan_and_wan() {
    let site = built();
    // 2023: 330.984 (3309840.00 元) + 10606.7522 + 85.50 + 48.00; the
    // 150.00 of 2022 is never added to it.
    let index = page(&site, "public/2023/index.html");
    assert!(texts(&index, ".facts dd").contains(&"11071.2362".to_owned()));
    let feet = texts(&index, "tfoot td.num");
    assert_eq!(feet, ["10692.2522", "48.00", "330.984"]);
    let earlier = page(&site, "public/2022/index.html");
    assert_eq!(texts(&earlier, "tfoot td.num"), ["150.00"]);
    // The 元 project in a 万元 list: converted exactly, its own figure kept.
    let rows = texts(&index, "table.projects tbody td.num");
    assert!(
        rows.contains(&"330.984（原表 3309840.00 元）".to_owned()),
        "{rows:?}"
    );
    let caption = texts(&index, "caption");
    assert!(
        caption.iter().all(|c| c.contains("金额单位：万元")),
        "{caption:?}"
    );
}

#[test]
fn optional_columns_only_where_filled() {
    let site = built();
    let heads = |rel: &str| texts(&page(&site, rel), "table.indicators thead th");
    assert_eq!(
        heads("public/2023/510001/xueqian-jiaoyu-zizhu/index.html"),
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "指标方向性",
            "权重（分值）"
        ]
    );
    assert_eq!(
        heads("public/2023/500001/yanglao-fuwu/index.html"),
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "权重（分值）",
            "指标解释"
        ]
    );
    assert_eq!(
        heads("public/2023/430001/gaobiaozhun-nongtian/index.html"),
        ["一级指标", "二级指标", "三级指标", "指标值"]
    );
    // Both tables of the form-style page have 绩效标准.
    let form = heads("public/2023/430001/nongtian-guanhu/index.html");
    assert_eq!(form.len(), 10, "{form:?}");
    assert_eq!(form.iter().filter(|h| *h == "绩效标准").count(), 2);
}

#[test]
fn form_fields_long_term_table_and_missing_marks() {
    let site = built();
    let form = page(&site, "public/2023/430001/nongtian-guanhu/index.html");
    assert_eq!(
        texts(&form, "dl.details dt"),
        [
            "主管部门",
            "项目属性",
            "项目分类",
            "起止时间",
            "政策依据",
            "项目概况"
        ]
    );
    assert_eq!(form.select(&sel("dl.details dd strong")).count(), 1);
    let headings = texts(&form, "h2");
    let annual = headings.iter().position(|h| h == "绩效指标").unwrap();
    let long = headings
        .iter()
        .position(|h| h == "实施期/长期绩效指标")
        .unwrap();
    assert!(annual < long, "{headings:?}");
    let captions = texts(&form, "table.indicators caption");
    assert!(
        captions[1].contains("实施期/长期绩效指标表"),
        "{captions:?}"
    );

    let unreadable = page(&site, "public/2023/500001/yanglao-fuwu/index.html");
    assert_eq!(texts(&unreadable, "td .missing"), ["原件无法辨认"]);
    assert_eq!(texts(&unreadable, ".notice li .missing"), ["原件无法辨认"]);
    let blank = page(&site, "public/2022/420001/jiceng-yiliao/index.html");
    assert_eq!(texts(&blank, "td .missing"), ["未填报"]);
}

#[test]
fn the_fixture_has_no_errors_and_the_older_template_is_recognised() {
    let site = TestSite::copy_of(&provinces_root());
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["value-missing", "value-missing"]);
}

/// The HTML of what the new shapes add: the funding table, the details
/// list, the missing-marks notice and every indicator table.
fn shapes(site: &TestSite, rel: &str) -> String {
    let doc = page(site, rel);
    doc.select(&sel("table, dl.details, .notice"))
        .map(|e| e.html())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn snapshots_of_the_new_table_shapes() {
    let site = built();
    for (name, rel) in [
        (
            "list_style_yuan_weights",
            "public/2023/510001/xueqian-jiaoyu-zizhu/index.html",
        ),
        (
            "form_style_long_term",
            "public/2023/430001/nongtian-guanhu/index.html",
        ),
        (
            "four_decimals_nested_funding",
            "public/2023/430001/gaobiaozhun-nongtian/index.html",
        ),
        (
            "older_template",
            "public/2022/420001/jiceng-yiliao/index.html",
        ),
        (
            "explanation_unreadable",
            "public/2023/500001/yanglao-fuwu/index.html",
        ),
    ] {
        insta::assert_snapshot!(name, shapes(&site, rel));
    }
}

/// Every complete example in docs/schema.md is a valid project with no
/// errors, so the documentation cannot drift from the parser.
#[test]
fn schema_doc_examples_build() {
    let doc = std::fs::read_to_string(crate::common::repo_root().join("docs/schema.md")).unwrap();
    let examples: Vec<&str> = doc
        .split("```yaml\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .filter(|block| block.starts_with("year:"))
        .collect();
    assert_eq!(examples.len(), 6, "one per layout");
    let site = TestSite::empty();
    site.department("100001", "示例单位");
    for (i, example) in examples.iter().enumerate() {
        site.write(&format!("content/100001/example-{i}.yaml"), example);
    }
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(output.status.code(), Some(0));
    site.build();
}
