//! 修订记录 and 更正说明 (issue 25) on the fixture `tests/fixtures/revisions`:
//! the project page's table (kinds, an unstated kind, a missing basis,
//! newest first), the site-wide 更正说明 page (order across projects,
//! links), superseded tables (copied, linked in their revision's row, not
//! listed as the current original, refused when they name no revision),
//! the feeds' summaries, escaping, determinism, and incremental rebuilds
//! after editing revisions, which must equal a clean build.

use std::path::PathBuf;

use crate::common::{TestSite, clean_build, project_yaml, revisions_root, session};

const ZIZHU: &str = "content/400001/xuesheng-zizhu.yaml";
const ZIZHU_PAGE: &str = "public/2023/400001/xuesheng-zizhu/index.html";
const CORRECTIONS: &str = "public/corrections/index.html";

/// `html` without the no-wrap spans the renderer puts around numbers in
/// tables (`<span class="nw">2023</span>年`), which hold only text.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<span class=\"nw\">") {
        out.push_str(&rest[..i]);
        rest = &rest[i + "<span class=\"nw\">".len()..];
        let end = rest.find("</span>").unwrap_or(rest.len());
        out.push_str(&rest[..end]);
        rest = rest.get(end + "</span>".len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn fixture() -> TestSite {
    TestSite::copy_of(&revisions_root())
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start}:\n{text}"));
    let rest = &text[from..];
    let after = start.len();
    &rest[..rest[after..]
        .find(end)
        .map_or(rest.len(), |e| after + e + end.len())]
}

/// The `<tbody>` rows of the table captioned `caption` on `page`.
fn table_rows(page: &str, caption: &str) -> Vec<String> {
    let table = between(page, caption, "</table>");
    between(table, "<tbody>", "</tbody>")
        .split("<tr")
        .skip(1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_project_page_lists_its_revisions_newest_first() {
    let site = fixture();
    site.build();
    let page = plain(&site.read(ZIZHU_PAGE));
    let section = between(
        &page,
        "<section aria-labelledby=\"revisions\">",
        "</section>",
    );
    assert!(
        section.contains("<h2 id=\"revisions\">修订记录</h2>"),
        "{section}"
    );
    assert!(
        section.contains("<caption id=\"revisions-caption\">修订记录（最新的在前）</caption>"),
        "{section}"
    );
    for header in ["修订日期", "类型", "修订内容", "依据", "被替代的原表"] {
        assert!(
            section.contains(&format!("<th scope=\"col\">{header}</th>")),
            "{header}: {section}"
        );
    }
    let rows = table_rows(section, "revisions-caption");
    assert_eq!(rows.len(), 2, "{section}");
    // 2023年6月20日 is after 2023-03-15, however each is written.
    assert!(rows[0].contains("<th scope=\"row\">2023年6月20日</th><td>调整</td>"));
    assert!(
        rows[0].contains("<td>修财预〔2023〕12号</td>"),
        "{}",
        rows[0]
    );
    assert!(rows[1].contains("<th scope=\"row\">2023-03-15</th><td>勘误</td>"));
    // A correction needs no approval: its basis is not missing.
    assert!(rows[1].contains("<td>不适用（勘误）</td>"), "{}", rows[1]);
    // The panel's 上次更新 names the same revision.
    let panel = between(&page, "上次更新", "</dd>");
    assert!(panel.contains("2023年6月20日"), "{panel}");
    // And the section links the site's 更正说明.
    assert!(section.contains("href=\"../../../corrections/index.html\">本站全部更正说明</a>"));
}

#[test]
fn an_unstated_kind_and_a_missing_basis_say_so() {
    let site = fixture();
    site.build();
    let page = plain(&site.read("public/2023/400001/jiaoshi-peixun/index.html"));
    let rows = table_rows(&page, "revisions-caption");
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0]
            .contains("<td>未注明</td><td>更正实施单位名称</td><td class=\"unstated\">未注明</td>"),
        "{}",
        rows[0]
    );
    // No superseded tables on this project: no such column.
    assert!(!page.contains("被替代的原表"), "{page}");
    let page = plain(&site.read("public/2024/400003/yimiao-jiezhong/index.html"));
    let rows = table_rows(&page, "revisions-caption");
    assert!(rows[0].contains("<td>调整</td>"), "{}", rows[0]);
    assert!(
        rows[0].contains("<td class=\"unstated\">未注明</td>"),
        "{}",
        rows[0]
    );
    // A project without revisions has no section.
    let page = plain(&site.read("public/2023/400002/weisheng-jiandu/index.html"));
    assert!(!page.contains("id=\"revisions\""), "{page}");
}

#[test]
fn the_corrections_page_lists_every_revision_newest_first_with_links() {
    let site = fixture();
    site.build();
    let page = plain(&site.read(CORRECTIONS));
    assert!(page.contains("<h1>更正说明</h1>"));
    let rows = table_rows(&page, "corrections-caption");
    let summary: Vec<(String, String)> = rows
        .iter()
        .map(|row| {
            let date = between(row, "<td>", "</td>");
            let href = between(row, "href=\"", "\"");
            (date.to_owned(), href.to_owned())
        })
        .collect();
    let expected = [
        ("2024-05-08", "2024/400003/yimiao-jiezhong"),
        ("2023年6月20日", "2023/400001/xuesheng-zizhu"),
        // One day in two projects: department order.
        ("2023-04-02", "2023/400001/jiaoshi-peixun"),
        ("2023年4月2日", "2023/400002/laonian-jiankang"),
        ("2023-03-15", "2023/400001/xuesheng-zizhu"),
    ];
    assert_eq!(summary.len(), expected.len(), "{summary:?}");
    for ((date, href), (want_date, want_href)) in summary.iter().zip(expected) {
        assert_eq!(date, &format!("<td>{want_date}</td>"));
        assert_eq!(href, &format!("href=\"../{want_href}/index.html\""));
        // Every link leads to a page that exists.
        let target = site.public().join(want_href).join("index.html");
        assert!(target.is_file(), "{}", target.display());
    }
    assert!(rows[2].contains("<td>未注明</td>"), "{}", rows[2]);
    assert!(
        rows[1].contains("修订记录测试县教育局 · 2023年"),
        "{}",
        rows[1]
    );
    // Every page's footer links it.
    assert!(
        plain(&site.read("public/index.html"))
            .contains("<a href=\"corrections/index.html\">更正说明</a>")
    );
    assert!(
        plain(&site.read(CORRECTIONS))
            .contains("<a href=\"../corrections/index.html\" aria-current=\"page\">更正说明</a>")
    );
}

#[test]
fn a_site_without_revisions_says_so_plainly() {
    let site = TestSite::example();
    site.build();
    let page = plain(&site.read(CORRECTIONS));
    assert!(
        page.contains("本站公开的绩效目标表发布后尚无修订。"),
        "{page}"
    );
    assert!(!page.contains("<table"), "{page}");
}

#[test]
fn superseded_tables_are_copied_and_linked_in_their_revision_row() {
    let site = fixture();
    site.build();
    let folder = site.public().join("2023/400001/xuesheng-zizhu");
    let pdf = std::fs::read(folder.join("xuesheng-zizhu-1.pdf")).unwrap();
    let source = std::fs::read(site.root().join("content/400001/原表-2023-03-01.pdf")).unwrap();
    assert_eq!(pdf, source);
    let csv = std::fs::read(folder.join("xuesheng-zizhu-2.csv")).unwrap();
    assert!(String::from_utf8(csv).unwrap().contains("≥1200人"));
    let page = plain(&site.read(ZIZHU_PAGE));
    let rows = table_rows(&page, "revisions-caption");
    let size = source.len();
    assert!(
        rows[0].contains(&format!(
            "<a href=\"../../../2023/400001/xuesheng-zizhu/xuesheng-zizhu-1.pdf\" type=\"application/pdf\">被替代的原表：2023年3月1日公开的绩效目标表 PDF（{size} B）</a>"
        )),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("type=\"text/csv\">被替代的原表：2023年3月1日公开的指标表 CSV（"));
    // The correction replaced no file.
    assert!(!rows[1].contains("<a "), "{}", rows[1]);
    // Not presented as the current original.
    assert!(!page.contains("id=\"attachments\""), "{page}");
    // The 更正说明 page links it too, from the site root.
    let corrections = plain(&site.read(CORRECTIONS));
    assert!(corrections.contains("href=\"../2023/400001/xuesheng-zizhu/xuesheng-zizhu-1.pdf\""));
}

#[test]
fn a_superseded_table_must_name_a_revision_day() {
    let site = fixture();
    let text = plain(&site.read(ZIZHU))
        .replace("superseded: \"2023-06-20\"", "superseded: \"2023-06-21\"");
    site.write(ZIZHU, text);
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "attachment")
        .cloned()
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(finding["field"], "attachments[1].superseded", "{finding}");
    assert_eq!(finding["file"], ZIZHU);
    assert!(finding["line"].as_u64().is_some(), "{finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("2023-06-21"), "{message}");
    assert!(finding["help"].as_str().unwrap().contains("2023年6月20日"));

    // A spreadsheet is no current original; the help names the way.
    let site = TestSite::empty();
    site.department("100001", "测试局");
    site.write(
        "content/100001/p.yaml",
        format!(
            "{}attachments:\n  - file: 原表.xlsx\n",
            project_yaml("测试项目", "1.00")
        ),
    );
    site.write("content/100001/原表.xlsx", b"PK\x03\x04");
    let output = site.cmd_in_site_language(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let all = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(all.contains("不是 PDF、PNG 或 JPEG 文件"), "{all}");
    assert!(all.contains("被替代的原表"), "{all}");
}

#[test]
fn dates_order_by_day_not_by_text_and_text_is_escaped() {
    let site = TestSite::empty();
    site.department("100001", "测试局");
    site.write(
        "content/100001/p.yaml",
        format!(
            "{}revisions:\n  - {{date: 2023年9月1日, kind: 勘误, note: 九月}}\n  \
             - {{date: 2023年10月1日, kind: 调整, note: \"<script>alert(1)</script>\", \
             basis: \"<b>文号</b>\"}}\n",
            project_yaml("测试项目", "1.00")
        ),
    );
    site.build();
    let page = plain(&site.read("public/2023/100001/p/index.html"));
    let rows = table_rows(&page, "revisions-caption");
    // As text, 2023年9月1日 sorts after 2023年10月1日; as days it is older.
    assert!(rows[0].contains("2023年10月1日"), "{}", rows[0]);
    assert!(rows[1].contains("2023年9月1日"), "{}", rows[1]);
    let panel = between(&page, "上次更新", "</dd>");
    assert!(panel.contains("2023年10月1日"), "{panel}");
    for page in [page, plain(&site.read(CORRECTIONS))] {
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("<b>文号"), "{page}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
    }
}

#[test]
fn feed_entries_name_the_latest_revision_kind_and_basis() {
    let site = fixture();
    site.build();
    let feed = plain(&site.read("public/feed.xml"));
    assert!(
        feed.contains(
            "上次更新：2023年6月20日 调整（预算调整后项目金额由 120.00 万元调整为 135.00 万元，\
             “受助学生人数”相应由“≥1200人”调整为“≥1350人”；依据：修财预〔2023〕12号）"
        ),
        "{feed}"
    );
    assert!(feed.contains("2024-05-08 调整（"), "{feed}");
    assert!(feed.contains("；依据：未注明）"), "{feed}");
    assert!(feed.contains("上次更新：2023年4月2日 勘误（"), "{feed}");
    // An unstated kind is not guessed.
    assert!(
        feed.contains("上次更新：2023-04-02（更正实施单位名称）"),
        "{feed}"
    );
    // The sitemap lists the 更正说明 page.
    let sitemap = plain(&site.read("public/sitemap.xml"));
    assert!(sitemap.contains("https://www.example.gov.cn/xiuding/corrections/index.html"));
}

#[test]
fn builds_are_deterministic() {
    let site = fixture();
    site.build();
    let first = site.output_tree();
    std::fs::remove_dir_all(site.public()).unwrap();
    site.build();
    assert_eq!(first, site.output_tree());
}

#[test]
fn editing_revisions_rebuilds_to_a_clean_build() {
    let site = fixture();
    let mut session = session(&site);
    let rebuild = |session: &mut gongkai::build::Session, paths: &[&str]| {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        session.rebuild(&paths).unwrap()
    };
    // A new revision on a project that had none: its page, 更正说明 and
    // the feeds change.
    let path = "content/400002/weisheng-jiandu.yaml";
    let text = plain(&site.read(path));
    site.write(
        path,
        format!("{text}revisions:\n  - {{date: \"2024-01-05\", kind: 勘误, note: 新的勘误}}\n"),
    );
    let report = rebuild(&mut session, &[path]);
    assert!(!report.full);
    let written: Vec<String> = report.written.iter().map(|p| p.to_string()).collect();
    assert!(
        written.contains(&"corrections/index.html".to_owned()),
        "{written:?}"
    );
    assert!(plain(&site.read(CORRECTIONS)).contains("新的勘误"));
    assert_eq!(site.output_tree(), clean_build(&site));

    // A kind changed and the superseded CSV dropped (its file stays in
    // the content folder, unnamed).
    let text = plain(&site.read(ZIZHU))
        .replace("kind: 勘误", "kind: 调整\n    basis: 2023年3月14日批复")
        .replace(
            "  - {file: 原表-2023-03-01.csv, title: 2023年3月1日公开的指标表, superseded: \"2023-06-20\"}\n",
            "",
        );
    site.write(ZIZHU, text);
    rebuild(&mut session, &[ZIZHU]);
    let page = plain(&site.read(CORRECTIONS));
    assert!(page.contains("2023年3月14日批复"), "{page}");
    assert!(!page.contains(".csv"), "{page}");
    assert!(
        !site
            .public()
            .join("2023/400001/xuesheng-zizhu/xuesheng-zizhu-2.csv")
            .exists()
    );
    assert_eq!(site.output_tree(), clean_build(&site));

    // A department renamed: its name in 更正说明 follows.
    site.write(
        "content/400002/_department.yaml",
        "code: \"400002\"\nname: 修订记录测试县卫生健康局\n",
    );
    rebuild(&mut session, &["content/400002/_department.yaml"]);
    assert!(plain(&site.read(CORRECTIONS)).contains("修订记录测试县卫生健康局 · 2023年"));
    assert_eq!(site.output_tree(), clean_build(&site));

    // Every revision removed: the page says there are none.
    for path in [
        ZIZHU,
        "content/400001/jiaoshi-peixun.yaml",
        "content/400002/laonian-jiankang.yaml",
        "content/400003/yimiao-jiezhong.yaml",
        "content/400002/weisheng-jiandu.yaml",
    ] {
        let text = plain(&site.read(path));
        let kept = text.split("revisions:").next().unwrap().to_owned();
        site.write(path, kept);
    }
    rebuild(
        &mut session,
        &[
            ZIZHU,
            "content/400001/jiaoshi-peixun.yaml",
            "content/400002/laonian-jiankang.yaml",
            "content/400003/yimiao-jiezhong.yaml",
            "content/400002/weisheng-jiandu.yaml",
        ],
    );
    assert!(plain(&site.read(CORRECTIONS)).contains("尚无修订"));
    assert_eq!(site.output_tree(), clean_build(&site));
}
