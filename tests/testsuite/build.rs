//! Building the example site and small sites end to end.

use scraper::{ElementRef, Html, Selector};

use crate::common::{TestSite, project_yaml, succeeded, tree};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

#[test]
fn example_site_totals_220_over_eight_projects() {
    let site = TestSite::example();
    site.build();
    let front = Html::parse_document(&site.read("public/index.html"));
    let foot: Vec<String> = front.select(&sel("tfoot td.num")).map(text).collect();
    assert_eq!(foot, ["220.00"]);
    let year_row: Vec<String> = front
        .select(&sel("table.projects"))
        .next()
        .unwrap()
        .select(&sel("tbody td"))
        .map(text)
        .collect();
    assert_eq!(year_row, ["1", "8", "220.00"]);
    let index = Html::parse_document(&site.read("public/2023/index.html"));
    let facts: Vec<String> = index.select(&sel(".facts dd")).map(text).collect();
    assert_eq!(facts, ["1", "8", "220.00"]);
    let rows: Vec<String> = index
        .select(&sel("table.projects tbody tr td.num"))
        .map(text)
        .collect();
    // Sorted by file name: cun, jiuye, kangfu, liangjie, shuju, weiquan, xiang, zhucanri.
    assert_eq!(
        rows,
        [
            "8.00", "200.00", "1.00", "1.00", "1.00", "1.00", "7.00", "1.00"
        ]
    );
    let project_pages = site
        .output_tree()
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with("2023/504001/")
                && path.ends_with("/index.html")
                && path != "2023/504001/index.html"
        })
        .count();
    assert_eq!(project_pages, 8);
    let department = Html::parse_document(&site.read("public/2023/504001/index.html"));
    assert_eq!(
        department
            .select(&sel("tfoot td.num"))
            .map(text)
            .collect::<Vec<_>>(),
        ["220.00"]
    );
}

#[test]
fn build_prints_one_summary_line() {
    let site = TestSite::example();
    let output = site.build();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("built 8 project(s), 18 page(s) in "),
        "{summary}"
    );
}

/// The 一级 and 二级 header cells span exactly their indicator rows, and
/// every header has the scope the table model needs.
#[test]
fn project_table_structure_matches_its_indicator_rows() {
    let site = TestSite::example();
    site.build();
    let (model, _) =
        gongkai::build::load_and_check(site.root(), gongkai::diagnostics::Severity::Info).unwrap();
    let project = model
        .projects
        .iter()
        .find(|p| p.slug == "kangfu-gongzuo-jingfei")
        .unwrap();
    let page =
        Html::parse_document(&site.read("public/2023/504001/kangfu-gongzuo-jingfei/index.html"));
    let table = page.select(&sel("table.indicators")).next().unwrap();
    assert!(
        text(table.select(&sel("caption")).next().unwrap())
            .contains("祁连县残疾人联合会 2023年 残疾人康复工作经费")
    );
    let heads: Vec<_> = table.select(&sel("thead th")).collect();
    assert_eq!(heads.len(), 4);
    assert!(
        heads
            .iter()
            .all(|th| th.value().attr("scope") == Some("col"))
    );

    let mut expected_l1: Vec<(String, usize)> = Vec::new();
    let mut expected_l2: Vec<(String, usize)> = Vec::new();
    for (i, row) in project.indicators.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| &project.indicators[j]);
        match expected_l1.last_mut() {
            Some((name, n)) if **name == *row.level1 => *n += 1,
            _ => expected_l1.push((row.level1.to_string(), 1)),
        }
        match expected_l2.last_mut() {
            Some((name, n))
                if **name == *row.level2 && prev.is_some_and(|p| p.level1 == row.level1) =>
            {
                *n += 1
            }
            _ => expected_l2.push((row.level2.to_string(), 1)),
        }
    }
    let tbodies: Vec<_> = table.select(&sel("tbody")).collect();
    assert_eq!(tbodies.len(), expected_l1.len());
    let mut actual_l1 = Vec::new();
    let mut actual_l2 = Vec::new();
    let mut names = Vec::new();
    let mut values = Vec::new();
    for tbody in &tbodies {
        let rows: Vec<_> = tbody.select(&sel("tr")).collect();
        for th in tbody.select(&sel("th[scope=rowgroup]")) {
            let span: usize = th.value().attr("rowspan").unwrap().parse().unwrap();
            assert_eq!(span, rows.len(), "一级 header spans its whole row group");
            actual_l1.push((text(th), span));
        }
        for th in tbody.select(&sel("th[rowspan]:not([scope=rowgroup])")) {
            assert_eq!(th.value().attr("scope"), Some("row"));
            actual_l2.push((
                text(th),
                th.value().attr("rowspan").unwrap().parse().unwrap(),
            ));
        }
        for tr in rows {
            let row_headers: Vec<_> = tr.select(&sel("th[scope=row]:not([rowspan])")).collect();
            assert_eq!(row_headers.len(), 1, "one 三级 header per row");
            names.push(text(row_headers[0]));
            let td = tr.select(&sel("td")).next().unwrap();
            assert_eq!(td.value().attr("headers").unwrap().split(' ').count(), 4);
            values.push(text(td));
        }
    }
    assert_eq!(actual_l1, expected_l1);
    assert_eq!(actual_l2, expected_l2);
    let expected_names: Vec<String> = project.indicators.iter().map(|r| r.name.clone()).collect();
    assert_eq!(names, expected_names);
    let expected_values: Vec<String> = project
        .indicators
        .iter()
        .map(|r| match r.missing_reason() {
            Some(gongkai::model::Missing::Unreadable) => "原件无法辨认".to_owned(),
            Some(gongkai::model::Missing::Blank) => "未填报".to_owned(),
            None => r.value.clone().unwrap_or_default(),
        })
        .collect();
    assert_eq!(values, expected_values);
}

#[test]
fn output_makes_no_external_requests_and_links_relatively() {
    let site = TestSite::example();
    site.build();
    for (path, bytes) in site.output_tree() {
        // A Data Package names its profile by URL, as the standard asks;
        // that is an identifier, not a request.
        // A workbook's XML names its vocabularies by namespace URIs
        // (`http://schemas.openxmlformats.org/…`): identifiers too. A zip
        // (the year's CSV files and their Data Package) is compressed.
        if path.ends_with("datapackage.json") || path.ends_with(".xlsx") || path.ends_with(".zip") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for needle in [
            "http://",
            "https://",
            "src=\"//",
            "href=\"//",
            "url(//",
            "@import",
        ] {
            assert!(!text.contains(needle), "{path} contains {needle}");
        }
        if path.ends_with(".html") && path != "404.html" {
            let html = Html::parse_document(&text);
            for a in html.select(&sel("a[href], link[href]")) {
                let href = a.value().attr("href").unwrap();
                assert!(!href.starts_with('/'), "{path}: absolute link {href}");
                assert!(
                    href.starts_with('#')
                        || [
                            ".html", ".css", ".csv", ".json", ".xlsx", ".zip", "SUMS", ".minisig"
                        ]
                        .iter()
                        .any(|ext| href.ends_with(ext)),
                    "{path}: {href} would not open from file://"
                );
            }
        }
    }
}

#[test]
fn snapshot_of_a_project_page_and_the_index() {
    let site = TestSite::example();
    site.build();
    insta::assert_snapshot!(
        "project_page",
        site.read("public/2023/504001/kangfu-gongzuo-jingfei/index.html")
    );
    insta::assert_snapshot!("index_page", site.read("public/index.html"));
}

#[test]
fn two_builds_give_identical_bytes() {
    let first = TestSite::example();
    let second = TestSite::example();
    first.build();
    second.build();
    let a = first.output_tree();
    assert!(a.len() > 10);
    assert_eq!(a, second.output_tree());
}

/// Rendering runs in parallel; the bytes must not depend on it.
#[test]
fn parallel_output_equals_sequential_output() {
    for fixture in [TestSite::example, TestSite::stress] {
        let sequential = fixture();
        let parallel = fixture();
        for (site, threads) in [(&sequential, "1"), (&parallel, "8")] {
            let build = site
                .cmd(&["build"])
                .env("RAYON_NUM_THREADS", threads)
                .output();
            succeeded(build.unwrap());
        }
        assert!(sequential.output_tree().len() > 12);
        assert_eq!(sequential.output_tree(), parallel.output_tree());
    }
}

#[test]
fn rebuild_without_changes_writes_nothing() {
    let site = TestSite::example();
    site.build();
    let before = std::fs::metadata(site.public().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    let output = site.build();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("(0 written, 57 unchanged)"), "{stderr}");
    let after = std::fs::metadata(site.public().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn removed_projects_leave_no_stale_files() {
    let site = TestSite::example();
    site.build();
    assert!(
        site.public()
            .join("2023/504001/zhucanri-weiwenjin/index.html")
            .exists()
    );
    site.remove("content/504001/zhucanri-weiwenjin.yaml");
    site.build();
    assert!(
        !site
            .public()
            .join("2023/504001/zhucanri-weiwenjin")
            .exists()
    );
    assert!(!site.read("public/index.html").contains("助残日慰问金"));
    assert!(site.read("public/index.html").contains("219.00"));
}

#[test]
fn scripts_in_yaml_show_as_text() {
    let site = TestSite::empty();
    site.department("100001", "<script>alert('dept')</script>");
    site.write(
        "content/100001/xss.yaml",
        "year: 2023\nname: \"<script>alert('name')</script>\"\namount: \"1\"\n\
         goals:\n  - \"<script>alert('goal')</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\"\n\
         indicators:\n  - {level1: 产出指标, level2: 数量指标, name: \"<b onmouseover=alert(1)>n</b>\", value: \"<script>v</script>\", note: \"<iframe src=x>\"}\n\
         \x20 - {level1: 效益指标, level2: 社会效益指标, name: 效益, value: \"提高\"}\n\
         \x20 - {level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, value: \"≥90%\"}\n\
         notes: \"<script>alert('notes')</script>\"\n",
    );
    site.write(
        "content/100001/link.yaml",
        project_yaml("\"[点我](javascript:alert(1))\"", "1").replace(
            "  - 目标",
            "  - \"[点我](javascript:alert(1)) [好](JaVaScRiPt:alert(2))\"",
        ),
    );
    site.build();
    for (path, bytes) in site.output_tree() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for element in html.select(&sel("*")) {
            let name = element.value().name();
            // The theme's own search script is the one script allowed:
            // external, from static/, with no inline code.
            let theme_script = name == "script"
                && element
                    .value()
                    .attr("src")
                    .is_some_and(|src| src.ends_with("static/search.js"))
                && element.inner_html().is_empty();
            assert!(
                theme_script || !["script", "img", "iframe", "b"].contains(&name),
                "{path}: <{name}> survived"
            );
            // A `<meta name content>` holds text for collection systems
            // (ArticleTitle, Description): the name as written is text
            // there, as in `<title>`, never a URL; no page has a refresh.
            let meta_text = name == "meta" && element.value().attr("name").is_some();
            assert!(element.value().attr("http-equiv").is_none(), "{path}");
            for (attr, value) in element.value().attrs() {
                assert!(!attr.starts_with("on"), "{path}: {attr} attribute survived");
                if meta_text && attr == "content" {
                    continue;
                }
                assert!(
                    !value.to_ascii_lowercase().contains("javascript:"),
                    "{path}: {attr}={value}"
                );
            }
        }
    }
    let link_page = site.read("public/2023/100001/link/index.html");
    assert!(
        link_page.contains("<a rel=\"noopener noreferrer\">点我</a>"),
        "{link_page}"
    );
    let page = site.read("public/2023/100001/xss/index.html");
    assert!(
        page.contains("&lt;script&gt;alert("),
        "the script shows as text"
    );
}

#[test]
fn output_dir_flag_and_config_are_honoured() {
    let site = TestSite::example();
    let out = site.root().join("elsewhere");
    site.cmd(&["build", "-o"]).arg(&out).assert().success();
    assert!(out.join("index.html").exists());
    assert!(!site.public().exists());
}

#[test]
fn init_scaffolds_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    assert_cmd::Command::cargo_bin("gongkai")
        .unwrap()
        .arg("init")
        .arg(&target)
        .assert()
        .success();
    assert!(!target.join("themes").exists(), "the theme stays embedded");
    assert_cmd::Command::cargo_bin("gongkai")
        .unwrap()
        .args(["build", "--root"])
        .arg(&target)
        .assert()
        .success();
    assert!(target.join("public/index.html").exists());
    assert!(target.join("public/pages/about/index.html").exists());
}

#[test]
fn a_theme_override_replaces_one_template() {
    let site = TestSite::example();
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>覆盖 {{ page.title }}</h1>{% endblock content %}",
    );
    site.build();
    assert!(
        site.read("public/pages/about/index.html")
            .contains("<h1>覆盖 说明</h1>")
    );
    assert!(site.read("public/index.html").contains("220.00"));
}

#[test]
fn each_year_has_its_own_index_grouped_by_department() {
    let site = TestSite::empty();
    site.department("100002", "乙局");
    site.department("100001", "甲局");
    site.project("100001", "a", "甲项目", "1.10");
    site.write(
        "content/100001/b.yaml",
        project_yaml("甲项目二", "2.20").replace("year: 2023", "year: 2024"),
    );
    site.project("100002", "c", "乙项目", "3.30");
    site.build();
    let year = Html::parse_document(&site.read("public/2023/index.html"));
    let headings: Vec<String> = year.select(&sel("main h2 a")).map(text).collect();
    assert_eq!(headings, ["甲局", "乙局"]);
    let totals: Vec<String> = year.select(&sel("tfoot td.num")).map(text).collect();
    assert_eq!(totals, ["1.10", "3.30"]);
    let year = Html::parse_document(&site.read("public/2024/index.html"));
    let totals: Vec<String> = year.select(&sel("tfoot td.num")).map(text).collect();
    assert_eq!(totals, ["2.20"]);
    assert!(site.public().join("2024/100001/b/index.html").exists());
    let front = Html::parse_document(&site.read("public/index.html"));
    let years: Vec<String> = front
        .select(&sel("table.projects"))
        .next()
        .unwrap()
        .select(&sel("tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(text)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(years, ["2024年 1 1 2.20", "2023年 2 2 4.40"]);
}

#[test]
fn amounts_are_summed_exactly() {
    let site = TestSite::empty();
    site.department("100001", "甲局");
    site.project("100001", "a", "一", "0.10");
    site.project("100001", "b", "二", "0.20");
    site.write(
        "content/100001/c.yaml",
        project_yaml("三", "0").replace("amount: \"0\"", "amount: 12345678901234.07"),
    );
    site.build();
    let index = site.read("public/index.html");
    assert!(index.contains(">12345678901234.37<"), "exact decimal total");
}

#[test]
fn check_writes_nothing_and_reports_warnings() {
    let site = TestSite::example();
    let output = site.cmd(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!site.public().exists());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("content/504001/kangfu-gongzuo-jingfei.yaml:49:12"),
        "{stdout}"
    );
}

#[test]
fn the_404_page_links_from_the_base_path() {
    let site = TestSite::example();
    site.write("site.toml", "title = \"测试\"\nbase_path = \"/yusuan/\"\n");
    site.build();
    let page = site.read("public/404.html");
    assert!(page.contains("href=\"/yusuan/static/style.css\""), "{page}");
    assert!(page.contains("href=\"/yusuan/index.html\""));
}

#[test]
fn tree_helper_sees_every_file() {
    let site = TestSite::example();
    site.build();
    // 17 pages (更正说明 among them), the style sheet and search script, 2 files per project,
    // 5 for the department-year and 2 for the year, the search index
    // (manifest, one shard, one chunk and a text file per project), and
    // `.gongkai-manifest`, the list of the files gongkai wrote; the 核验
    // page and the three integrity lists.
    assert_eq!(
        tree(&site.public()).len(),
        17 + 2 + 8 * 2 + 5 + 2 + 3 + 8 + 1 + 1 + 3
    );
}
