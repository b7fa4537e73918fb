//! A project across budget years (issue 14), on `tests/fixtures/history`:
//! the 历年对比 rows and their exact changes, the 新增/取消 marks, the
//! charts, the history download, the cross-year warnings, and an
//! incremental edit of one year that must re-render the others.

use std::path::PathBuf;

use gongkai::build::{BuildOptions, Session};
use gongkai::diagnostics::{Diagnostic, Severity};
use scraper::{ElementRef, Html, Selector};

use crate::common::{TestSite, history_root, tree};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

fn built() -> TestSite {
    let site = TestSite::copy_of(&history_root());
    site.build();
    site
}

fn page(site: &TestSite, rel: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{rel}")))
}

/// The body rows of the first table matching `selector`, as cell texts.
fn rows(html: &Html, selector: &str) -> Vec<Vec<String>> {
    html.select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("no {selector}"))
        .select(&sel("tbody tr"))
        .map(|tr| tr.select(&sel("th, td")).map(text).collect())
        .collect()
}

fn findings(root: &std::path::Path) -> Vec<Diagnostic> {
    let (_, diagnostics) = gongkai::build::load_and_check(root, Severity::Info).unwrap();
    diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("history-"))
        .cloned()
        .collect()
}

#[test]
fn the_comparison_rows_carry_exact_changes() {
    let site = built();
    let kangfu = page(&site, "2023/300001/kangfu/index.html");
    assert_eq!(
        rows(&kangfu, "table.history-amounts"),
        [
            ["2022年", "10.00", "—无上年数据", "—无法计算"],
            ["2023年（本页）", "12.50", "+2.50", "+25.00%"],
            ["2024年", "11.25", "-1.25", "-10.00%"],
        ]
    );
    // By id across files of other names; a rate that does not terminate
    // (−1.10 / 3.30 = −33.333…%) is rounded on the page only.
    let peixun = page(&site, "2024/300001/peixun-2024/index.html");
    let last = rows(&peixun, "table.history-amounts").pop().unwrap();
    assert_eq!(last, ["2024年（本页）", "2.20", "-1.10", "-33.33%"]);
    // Renamed through previous_ids: the old name is stated, no change is
    // a plain 0.00.
    let wenhua = page(&site, "2023/300001/wenhua/index.html");
    let amounts = rows(&wenhua, "table.history-amounts");
    assert_eq!(amounts[1], ["2023年（本页）", "5.00", "0.00", "0.00%"]);
    assert_eq!(amounts.len(), 3);
    let names: Vec<String> = wenhua.select(&sel(".history-names")).map(text).collect();
    assert_eq!(
        names,
        ["本项目在其他年度的名称：2022年“残疾人文体活动经费”。"]
    );
    // The other years link to their own pages.
    let links: Vec<String> = wenhua
        .select(&sel("table.history-amounts a"))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        links,
        [
            "../../../2022/300001/wenti/index.html",
            "../../../2024/300001/wenhua/index.html"
        ]
    );
}

#[test]
fn indicators_line_up_with_added_and_dropped_in_words() {
    let site = built();
    let kangfu = page(&site, "2024/300001/kangfu/index.html");
    let table = rows(&kangfu, "table.history-indicators");
    let row = |name: &str| {
        table
            .iter()
            .find(|r| r[0].ends_with(name))
            .unwrap_or_else(|| panic!("no row {name}: {table:?}"))
            .clone()
    };
    assert_eq!(
        row("康复人数"),
        ["产出指标 › 数量指标康复人数", "≥100人", "≥120人", "≥130人"]
    );
    assert_eq!(
        row("康复达标率"),
        ["产出指标 › 质量指标康复达标率", "≥90%", "≥90%", "取消"]
    );
    assert_eq!(
        row("完成及时率"),
        [
            "产出指标 › 时效指标完成及时率",
            "—无此指标",
            "新增100%",
            "100%"
        ]
    );
    // 社会效益 (2024) is the framework's 社会效益指标 (2022, 2023): one row.
    assert_eq!(row("残疾人生活质量")[3], "有所提高");
    assert_eq!(table.len(), 5);
    // Headers: each year's column, this page's said in words.
    let heads: Vec<String> = kangfu
        .select(&sel("table.history-indicators thead th"))
        .map(text)
        .collect();
    assert_eq!(heads, ["三级指标", "2022年", "2023年", "2024年（本页）"]);
}

#[test]
fn only_projects_with_another_year_have_a_comparison() {
    let site = built();
    for (rel, expected) in [
        ("2022/300001/jiaotong/index.html", false),
        ("2024/300001/xinxiang/index.html", false),
        // A close name is a suggestion, never a merge.
        ("2024/300001/diaoyan-gongzuo/index.html", false),
        ("2023/300001/diaoyan/index.html", true),
        ("2022/300002/bangong-2022/index.html", true),
    ] {
        let html = page(&site, rel);
        assert_eq!(
            html.select(&sel("#history")).next().is_some(),
            expected,
            "{rel}"
        );
        let links_history = html
            .select(&sel("a[download]"))
            .any(|a| a.value().attr("href").unwrap().ends_with("-history.csv"));
        assert_eq!(links_history, expected, "{rel}");
    }
}

#[test]
fn the_history_download_has_exact_amounts_and_changes() {
    let site = built();
    let csv = site.read("public/2024/300002/bangong-2024/bangong-2024-history.csv");
    let csv = csv.trim_start_matches('\u{feff}');
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "year,department_code,department_name,project_slug,project_id,project_name,amount,change,page",
            "2022,300002,历年对比测试县办公室,bangong-2022,XM-BG-01,机关日常运转经费,20.00,,2022/300002/bangong-2022/index.html",
            "2023,300002,历年对比测试县办公室,bangong-2023,XM-BG-01,机关日常运转经费,21.00,1.00,2023/300002/bangong-2023/index.html",
            "2024,300002,历年对比测试县办公室,bangong-2024,XM-BG-01,机关日常运转经费,19.95,-1.05,2024/300002/bangong-2024/index.html",
        ]
    );
    // One file per project, beside its newest year, linked from every year.
    let old = site
        .public()
        .join("2022/300002/bangong-2022/bangong-2022-history.csv");
    assert!(!old.exists());
    for year in [2022, 2023, 2024] {
        let html = site.read(&format!("public/{year}/300002/bangong-{year}/index.html"));
        let href = "href=\"../../../2024/300002/bangong-2024/bangong-2024-history.csv\"";
        assert!(html.contains(href), "{year}");
    }
}

#[test]
fn check_warns_about_a_vanished_project_and_suggests_previous_ids() {
    let found = findings(&history_root());
    let summary: Vec<(String, String)> = found
        .iter()
        .map(|d| (d.rule.clone(), d.file.display().to_string()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "history-vanished".to_owned(),
                "content/300001/2023/diaoyan.yaml".to_owned()
            ),
            (
                "history-renamed".to_owned(),
                "content/300001/2024/diaoyan-gongzuo.yaml".to_owned()
            ),
        ]
    );
    assert!(found.iter().all(|d| d.severity == Severity::Warning));
    let renamed = &found[1];
    assert!(
        renamed
            .help
            .as_deref()
            .unwrap()
            .contains("previous_ids: [\"diaoyan\"]"),
        "{renamed:?}"
    );
    assert!(renamed.message.contains("残疾人状况专项调研经费"));
    // The warning points at the name, with line and column.
    assert_eq!(renamed.field.as_deref(), Some("name"));
    assert!(renamed.location.is_some());
}

#[test]
fn check_catches_a_mistyped_previous_id_and_a_shared_id() {
    let site = TestSite::copy_of(&history_root());
    let wenhua = "content/300001/2023/wenhua.yaml";
    site.write(
        wenhua,
        site.read(wenhua)
            .replace("previous_ids: [wenti]", "previous_ids: [wentti]"),
    );
    let xinxiang = "content/300001/2024/xinxiang.yaml";
    site.write(
        xinxiang,
        site.read(xinxiang)
            .replacen("amount:", "id: \"XM-PX-01\"\namount:", 1),
    );
    let found = findings(site.root());
    let rules: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
    assert!(rules.contains(&"history-unknown-previous"), "{rules:?}");
    assert!(rules.contains(&"history-same-year"), "{rules:?}");
    let unknown = found
        .iter()
        .find(|d| d.rule == "history-unknown-previous")
        .unwrap();
    assert_eq!(unknown.field.as_deref(), Some("previous_ids[0]"));
    assert!(
        unknown.help.as_deref().unwrap().contains("wenti"),
        "{unknown:?}"
    );
    // Without its link, wenti (2022) has vanished, and wenhua, whose name
    // is close, is offered as its continuation.
    assert!(
        found
            .iter()
            .any(|d| d.rule == "history-vanished" && d.file.ends_with("wenti.yaml"))
    );
    // Switched off in site.toml, a rule says nothing.
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[check.rules]\nhistory-same-year = \"off\"\n"),
    );
    let found = findings(site.root());
    assert!(!found.iter().any(|d| d.rule == "history-same-year"));
}

#[test]
fn every_chart_is_a_figure_with_a_named_svg_and_its_table() {
    let site = built();
    for (rel, charts) in [
        ("2024/index.html", 1),
        ("2024/300001/index.html", 2),
        ("2023/300002/index.html", 2),
        ("2023/300001/kangfu/index.html", 1),
    ] {
        let html = page(&site, rel);
        let figures: Vec<ElementRef> = html.select(&sel("figure.chart")).collect();
        assert_eq!(figures.len(), charts, "{rel}");
        for figure in figures {
            assert!(figure.select(&sel("figcaption")).next().is_some());
            let svg = figure.select(&sel("svg[role=img]")).next().unwrap();
            let title_id = svg.value().attr("aria-labelledby").unwrap();
            let desc_id = svg.value().attr("aria-describedby").unwrap();
            let title = svg.select(&sel("title")).next().unwrap();
            let desc = svg.select(&sel("desc")).next().unwrap();
            assert_eq!(title.value().attr("id"), Some(title_id));
            assert_eq!(desc.value().attr("id"), Some(desc_id));
            assert!(text(desc).contains("最大") && text(desc).contains("最小"));
            // Its figures are in a table on the page, linked from the caption.
            let link = figure.select(&sel("figcaption a")).next().unwrap();
            let target = link.value().attr("href").unwrap().trim_start_matches('#');
            let table = html
                .select(&sel(&format!("caption#{target}")))
                .next()
                .unwrap_or_else(|| panic!("{rel}: no table #{target}"));
            let table_text = text(table.parent().and_then(ElementRef::wrap).unwrap());
            for value in svg.select(&sel("text.chart-value")).map(text) {
                assert!(
                    table_text.contains(&value),
                    "{rel}: {value} not in the table"
                );
            }
            // Every bar has its value written as text beside it.
            assert_eq!(
                svg.select(&sel("rect")).count(),
                svg.select(&sel("text.chart-value")).count()
            );
        }
    }
    // The year index: departments largest first, with their totals.
    let year = page(&site, "2024/index.html");
    let labels: Vec<String> = year.select(&sel("text.chart-label")).map(text).collect();
    assert_eq!(
        labels,
        ["历年对比测试县残疾人联合会", "历年对比测试县办公室"]
    );
    let desc = text(year.select(&sel("desc")).next().unwrap());
    assert!(
        desc.contains("最大：历年对比测试县残疾人联合会，29.95 万元"),
        "{desc}"
    );
    assert!(
        desc.contains("最小：历年对比测试县办公室，19.95 万元"),
        "{desc}"
    );
    // The department across years: exact totals and changes.
    let dept = page(&site, "2023/300001/index.html");
    assert_eq!(
        rows(&dept, "#department-years-chart ~ div table"),
        [
            ["2022年", "21.00", "—无上年数据", "—无法计算"],
            ["2023年（本页）", "22.80", "+1.80", "+8.57%"],
            ["2024年", "29.95", "+7.15", "+31.36%"],
        ]
    );
}

#[test]
fn a_chart_svg_is_pinned_byte_for_byte() {
    let site = built();
    let html = site.read("public/2023/300001/index.html");
    let start = html.find("<svg").unwrap();
    let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
    insta::assert_snapshot!("department_projects_chart_svg", &html[start..end]);
}

#[test]
fn editing_one_year_re_renders_the_others_like_a_clean_build() {
    let site = TestSite::copy_of(&history_root());
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        force: false,
    };
    let (mut session, _) = Session::start(&options).unwrap();
    let file = "content/300001/2022/kangfu.yaml";
    site.write(
        file,
        site.read(file)
            .replace("amount: \"10.00\"", "amount: \"10.50\""),
    );
    let report = session.rebuild(&[PathBuf::from(file)]).unwrap();
    let written: Vec<String> = report.written.iter().map(|p| p.to_string()).collect();
    for other in [
        "2023/300001/kangfu/index.html",
        "2024/300001/kangfu/index.html",
        "2024/300001/kangfu/kangfu-history.csv",
    ] {
        assert!(
            written.contains(&other.to_owned()),
            "{other} not in {written:?}"
        );
    }
    // Only the chain's pages, not every project's.
    assert!(
        !written.iter().any(|p| p.contains("/peixun-")),
        "{written:?}"
    );
    assert!(
        site.read("public/2023/300001/kangfu/index.html")
            .contains("+2.00")
    );
    // A rename that joins two chains reaches the page of the other year.
    let wenhua = "content/300001/2023/wenhua.yaml";
    site.write(
        wenhua,
        site.read(wenhua).replace("previous_ids: [wenti]\n", ""),
    );
    session.rebuild(&[PathBuf::from(wenhua)]).unwrap();
    assert!(
        !site
            .read("public/2022/300001/wenti/index.html")
            .contains("id=\"history\"")
    );
    let clean = site.root().join("clean");
    gongkai::build::build(&BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(clean.clone()),
        force: false,
    })
    .unwrap();
    assert_eq!(site.output_tree(), tree(&clean));
}

/// The year switcher's links, year by year (newest first), relative to
/// the site root.
fn switcher(site: &TestSite, rel: &str) -> Vec<(String, String)> {
    let html = page(site, rel);
    let depth = rel.matches('/').count();
    // `rel` is relative to public/; links climb back to it.
    html.select(&sel(".year-switcher a"))
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default();
            let href = (0..depth).fold(href, |h, _| h.strip_prefix("../").unwrap_or(h));
            (text(a), href.to_owned())
        })
        .collect()
}

#[test]
fn the_year_switcher_keeps_the_project_or_department() {
    // Issue 26: switching the year stays on the same project (followed
    // by identity across years, even when its file was renamed), else the
    // same department's page for that year, else the year's index.
    let site = built();
    let links =
        |rel: &str| -> Vec<String> { switcher(&site, rel).into_iter().map(|(_, h)| h).collect() };
    assert_eq!(
        links("2024/300001/kangfu/index.html"),
        [
            "2024/300001/kangfu/index.html",
            "2023/300001/kangfu/index.html",
            "2022/300001/kangfu/index.html"
        ]
    );
    // 培训 has one file per year (peixun-2022, -2023, -2024).
    assert_eq!(
        links("2022/300001/peixun-2022/index.html"),
        [
            "2024/300001/peixun-2024/index.html",
            "2023/300001/peixun-2023/index.html",
            "2022/300001/peixun-2022/index.html"
        ]
    );
    // 交通 exists only in 2022: the other years show its department.
    assert_eq!(
        links("2022/300001/jiaotong/index.html"),
        [
            "2024/300001/index.html",
            "2023/300001/index.html",
            "2022/300001/jiaotong/index.html"
        ]
    );
    assert_eq!(
        links("2023/300002/index.html"),
        [
            "2024/300002/index.html",
            "2023/300002/index.html",
            "2022/300002/index.html"
        ]
    );
    // Pages of no year and no department go to the years' indexes.
    assert_eq!(
        links("index.html"),
        ["2024/index.html", "2023/index.html", "2022/index.html"]
    );
    // The page's own year is marked as the current page.
    let html = page(&site, "2023/300001/kangfu/index.html");
    let current: Vec<String> = html
        .select(&sel(".year-switcher a[aria-current=\"page\"]"))
        .map(text)
        .collect();
    assert_eq!(current, ["2023年"]);
}
