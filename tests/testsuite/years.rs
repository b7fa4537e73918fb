//! A site that spans budget years (issue 12), on `tests/fixtures/years`:
//! three years, two departments. Every total is the exact sum of one
//! year's projects, and no figure anywhere, on a page or in a download,
//! is a sum of projects from two different years.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use scraper::{ElementRef, Html, Selector};

use crate::common::{TestSite, years_root};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The fixture's projects: (department, year, amount in 万元), written
/// out by hand from the YAML files (d-2024 is 3309840.00 元).
const PROJECTS: [(&str, u16, &str); 7] = [
    ("200001", 2022, "10.10"),
    ("200002", 2022, "1.01"),
    ("200001", 2023, "20.20"),
    ("200001", 2023, "0.05"),
    ("200001", 2024, "330.984"),
    ("200002", 2024, "100.00"),
    ("200002", 2024, "0.001"),
];

fn built() -> TestSite {
    let site = TestSite::copy_of(&years_root());
    site.build();
    site
}

fn page(site: &TestSite, rel: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{rel}")))
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector)).map(text).collect()
}

/// The exact sum of the projects matching `keep`.
fn sum(keep: impl Fn(&str, u16) -> bool) -> Decimal {
    PROJECTS
        .iter()
        .filter(|(d, y, _)| keep(d, *y))
        .map(|(_, _, a)| dec(a))
        .sum()
}

#[test]
fn per_year_totals_are_exact_sums_of_that_year() {
    let site = built();
    for year in [2022u16, 2023, 2024] {
        let index = page(&site, &format!("{year}/index.html"));
        let facts = texts(&index, ".facts dd");
        assert_eq!(dec(facts.last().unwrap()), sum(|_, y| y == year), "{year}");
        // One 合计 per department present that year, each exact.
        let feet: Vec<Decimal> = texts(&index, "tfoot td.num")
            .iter()
            .map(|t| dec(t))
            .collect();
        let expected: Vec<Decimal> = ["200001", "200002"]
            .into_iter()
            .map(|d| sum(|dd, y| dd == d && y == year))
            .filter(|s| !s.is_zero())
            .collect();
        assert_eq!(feet, expected, "{year}");
    }
    // Written values, not just equal decimals: the 2024 total keeps the
    // three decimals its addends need.
    let index = page(&site, "2024/index.html");
    assert_eq!(texts(&index, ".facts dd").last().unwrap(), "430.985");
    // The front page: one row per year, newest first, each its own total,
    // and no grand total row.
    let front = page(&site, "index.html");
    let rows: Vec<Vec<String>> = front
        .select(&sel("table.projects"))
        .next()
        .unwrap()
        .select(&sel("tbody tr"))
        .map(|tr| tr.select(&sel("th, td")).map(text).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["2024年", "2", "3", "430.985"],
            ["2023年", "1", "2", "20.25"],
            ["2022年", "2", "2", "11.11"],
        ]
    );
    // The newest year's departments follow, with that year's 合计.
    assert_eq!(texts(&front, "tfoot td.num"), ["430.985"]);
}

/// Every sum of two or more projects from at least two different years,
/// less those that happen to equal a sum within one year.
fn cross_year_sums() -> BTreeSet<Decimal> {
    let n = PROJECTS.len();
    let mut cross = BTreeSet::new();
    let mut single = BTreeSet::new();
    for mask in 1u32..(1 << n) {
        let chosen: Vec<_> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        let years: BTreeSet<u16> = chosen.iter().map(|i| PROJECTS[*i].1).collect();
        let total: Decimal = chosen.iter().map(|i| dec(PROJECTS[*i].2)).sum();
        if years.len() > 1 {
            cross.insert(total.normalize());
        } else {
            single.insert(total.normalize());
        }
    }
    &cross - &single
}

/// Every decimal figure in `text`.
fn figures(text: &str) -> Vec<Decimal> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty() && !current.contains('.')) {
            current.push(c);
        } else {
            if current.contains('.')
                && let Ok(d) = current.trim_end_matches('.').parse::<Decimal>()
            {
                out.push(d.normalize());
            }
            current.clear();
        }
    }
    out
}

#[test]
fn no_page_or_download_adds_two_years_together() {
    let site = built();
    let forbidden = cross_year_sums();
    // The fixture is built so that the forbidden set is large and the
    // test can fail: 2022 + 2023 alone would read 31.36.
    assert!(forbidden.contains(&dec("31.36")));
    assert!(forbidden.len() > 50, "{}", forbidden.len());
    let mut checked = 0;
    for (path, bytes) in site.output_tree() {
        let content = if path.ends_with(".html") {
            // Only what a reader sees: the text of the page, less the
            // changes from one year to the next (`td.change`), which are
            // differences between two years by design and may happen to
            // equal a sum across them (20.25 − 10.10 = 10.10 + 0.05).
            let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
            html.root_element()
                .descendants()
                .filter_map(|node| {
                    let text = node.value().as_text()?;
                    let in_change = node.ancestors().any(|a| {
                        a.value().as_element().is_some_and(|e| {
                            e.has_class("change", scraper::CaseSensitivity::CaseSensitive)
                        })
                    });
                    (!in_change).then(|| text.to_string())
                })
                .collect::<Vec<_>>()
                .join(" ")
        } else if path.ends_with(".csv") || path.ends_with(".json") {
            String::from_utf8_lossy(&bytes).into_owned()
        } else if path.ends_with(".zip") {
            // A year's CSV files and their package, zipped.
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
            let mut text = String::new();
            for i in 0..archive.len() {
                std::io::Read::read_to_string(&mut archive.by_index(i).unwrap(), &mut text)
                    .unwrap();
            }
            text
        } else {
            continue;
        };
        checked += 1;
        for figure in figures(&content) {
            assert!(
                !forbidden.contains(&figure),
                "{path} shows {figure}, a sum across budget years"
            );
        }
    }
    assert!(checked > 40, "{checked} files checked");
    // The check bites: a page that did add two years would be caught.
    assert!(
        figures("合计 31.36 万元")
            .iter()
            .any(|f| forbidden.contains(f))
    );
}

#[test]
fn every_page_carries_the_year_switcher() {
    let site = built();
    let mut pages = 0;
    for (path, bytes) in site.output_tree() {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        pages += 1;
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let switcher = html
            .select(&sel("nav.year-switcher[aria-label]"))
            .next()
            .unwrap_or_else(|| panic!("{path}: no year switcher"));
        let years: Vec<String> = switcher.select(&sel("li a")).map(text).collect();
        assert_eq!(years, ["2024年", "2023年", "2022年"], "{path}");
        let current: Vec<(String, String)> = switcher
            .select(&sel("a[aria-current]"))
            .map(|a| (text(a), a.value().attr("aria-current").unwrap().to_owned()))
            .collect();
        // The page's own year is marked; pages of no year mark none. The
        // own year's link is this very page (the switcher keeps the
        // department or project), so it is the current page.
        let year = path.split('/').next().unwrap();
        match year.parse::<u16>() {
            Ok(y) => assert_eq!(current, [(format!("{y}年"), "page".to_owned())], "{path}"),
            Err(_) => assert!(current.is_empty(), "{path}: {current:?}"),
        }
    }
    assert!(pages >= 17, "{pages}");
}

#[test]
fn department_pages_show_one_year_and_link_the_others() {
    let site = built();
    let page_2023 = page(&site, "2023/200001/index.html");
    assert_eq!(texts(&page_2023, "tfoot td.num"), ["20.25"]);
    assert_eq!(
        texts(&page_2023, "table.projects tbody th"),
        ["甲局二〇二三年项目", "甲局二〇二三年小项目"]
    );
    let links: Vec<(String, Option<String>)> = page_2023
        .select(&sel(".other-years a"))
        .map(|a| (text(a), a.value().attr("href").map(str::to_owned)))
        .collect();
    assert_eq!(
        links,
        [
            (
                "2024年".to_owned(),
                Some("../../2024/200001/index.html".to_owned())
            ),
            (
                "2023年".to_owned(),
                Some("../../2023/200001/index.html".to_owned())
            ),
            (
                "2022年".to_owned(),
                Some("../../2022/200001/index.html".to_owned())
            ),
        ]
    );
    // 乙局 has no 2023 page, and its pages do not offer one.
    assert!(!site.public().join("2023/200002/index.html").exists());
    let yi = page(&site, "2024/200002/index.html");
    assert_eq!(texts(&yi, ".other-years a"), ["2024年", "2022年"]);
}

#[test]
fn the_old_department_url_lists_its_years() {
    let site = built();
    // Before years, /<code>/ was the department page; it stays, listing
    // every year with that year's own total, and no sum across them.
    let landing = page(&site, "200001/index.html");
    let rows: Vec<Vec<String>> = landing
        .select(&sel("table.projects tbody tr"))
        .map(|tr| tr.select(&sel("th, td")).map(text).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["2024年", "1", "330.984"],
            ["2023年", "2", "20.25"],
            ["2022年", "1", "10.10"],
        ]
    );
    assert!(landing.select(&sel("tfoot")).next().is_none());
    let hrefs: Vec<&str> = landing
        .select(&sel("table.projects tbody a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "../2024/200001/index.html",
            "../2023/200001/index.html",
            "../2022/200001/index.html"
        ]
    );
}

#[test]
fn a_new_year_updates_every_page_incrementally() {
    use gongkai::build::{BuildOptions, Session};
    let site = TestSite::copy_of(&years_root());
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        force: false,
    };
    let (mut session, _) = Session::start(&options).unwrap();
    let text = site
        .read("content/200002/e-2022.yaml")
        .replace("year: 2022", "year: 2025");
    site.write("content/200002/e-2022.yaml", text);
    let report = session
        .rebuild(&[std::path::PathBuf::from("content/200002/e-2022.yaml")])
        .unwrap();
    assert!(report.full, "a new year moves every page's year switcher");
    let fresh = site.root().join("clean");
    gongkai::build::build(&BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(fresh.clone()),
        force: false,
    })
    .unwrap();
    assert_eq!(site.output_tree(), crate::common::tree(&fresh));
    assert!(site.read("public/index.html").contains("2025年"));
}

#[test]
fn a_large_year_lists_its_departments_not_every_project() {
    // 501 projects (one more than a year page lists) in three departments.
    let site = TestSite::empty();
    let mut count = 0;
    for (code, n) in [("300001", 200), ("300002", 200), ("300003", 101)] {
        site.department(code, &format!("大年度测试单位{code}"));
        for i in 0..n {
            site.project(
                code,
                &format!("p{i:03}"),
                &format!("项目{code}-{i}"),
                "1.00",
            );
            count += 1;
        }
    }
    assert_eq!(count, 501);
    site.build();
    let year = site.read("public/2023/index.html");
    let html = Html::parse_document(&year);
    // No project is linked from the year page; every department is, with
    // its count and exact total, and the year's total stays.
    assert!(
        !year.contains("p000/index.html"),
        "the year page lists projects"
    );
    for (code, n, total) in [
        ("300001", 200, "200.00"),
        ("300002", 200, "200.00"),
        ("300003", 101, "101.00"),
    ] {
        let link = format!("{code}/index.html");
        let row = html
            .select(&sel("table.totals tbody tr"))
            .find(|r| r.html().contains(&link))
            .unwrap_or_else(|| panic!("no row for {code}"));
        let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
        assert_eq!(cells, [n.to_string(), total.to_owned()], "{code}");
    }
    assert!(texts(&html, "dd.num").contains(&"501.00".to_owned()));
    assert!(year.contains("按单位分页列出"));
    // Each department's page lists all of its projects.
    // (Counted by the links' text: the numbers in it are wrapped in spans
    // that keep them whole on phones.)
    let dept = Html::parse_document(&site.read("public/2023/300003/index.html"));
    let listed = dept
        .select(&sel("a"))
        .filter(|a| text(*a).starts_with("项目300003-"))
        .count();
    assert_eq!(listed, 101);
}
