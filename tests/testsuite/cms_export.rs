//! Issue 24, parts 1 and 4: the disclosure metadata panel, its 索引号,
//! and `gongkai export --cms`, the bundle a portal's CMS imports.
//!
//! The bundle is read back by independent readers: Python's `zipfile`
//! (with every file's SHA-256 against the manifest), `jsonschema` against
//! `docs/schema/cms-meta.schema.json`, and the Nu Html Checker on every
//! HTML fragment wrapped in a minimal document. Without python3's
//! `jsonschema` or Java and `vnu.jar` those parts print how to install
//! them and pass, unless `GONGKAI_REQUIRE_AUDIT=1` (CI).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TestSite, repo_root, succeeded};

fn require_or_skip(message: &str) {
    crate::skips::skip("CMS export", message);
}

/// Runs `export --cms` on `site`, into `name` under its root.
fn export(site: &TestSite, name: &str) -> PathBuf {
    let path = site.root().join(name);
    succeeded(
        site.cmd(&["export", "--cms", path.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    path
}

/// Python: opens the zip, checks the manifest's sums, validates every
/// meta.json against the schema and writes each fragment, wrapped in a
/// minimal document, under `out`. Prints a JSON report.
const READER: &str = r#"
import hashlib, json, os, sys, zipfile
import jsonschema
bundle, schema_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
schema = json.load(open(schema_path, encoding="utf-8"))
z = zipfile.ZipFile(bundle)
assert z.testzip() is None
names = z.namelist()
assert names == sorted(names), names
assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
manifest = json.loads(z.read("manifest.json"))
listed = {f["path"]: f for f in manifest["files"]}
assert set(listed) == set(names) - {"manifest.json"}, (sorted(listed), names)
for path, f in listed.items():
    data = z.read(path)
    assert hashlib.sha256(data).hexdigest() == f["sha256"], path
    assert len(data) == f["size"], path
records = []
for meta_path in manifest["records"]:
    meta = json.loads(z.read(meta_path))
    jsonschema.validate(meta, schema)
    folder = meta_path.rsplit("/", 1)[0]
    for a in meta["attachments"]:
        data = z.read(folder + "/" + a["file"])
        assert hashlib.sha256(data).hexdigest() == a["sha256"]
    fragment = z.read(folder + "/" + meta["content"]).decode("utf-8")
    doc = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
           '<title>' + meta["title"].replace("&", "&amp;").replace("<", "&lt;") + '</title>\n'
           '</head>\n<body>\n' + fragment + '</body>\n</html>\n')
    name = folder.replace("/", "_") + ".html"
    open(os.path.join(out, name), "w", encoding="utf-8").write(doc)
    records.append({"index_no": meta["index_no"], "summary": meta["summary"],
                    "fragment": fragment, "meta": meta})
print(json.dumps({"records": records, "manifest": manifest}, ensure_ascii=False))
"#;

fn python_has_jsonschema() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        require_or_skip(
            "CMS bundle check: python3 module jsonschema missing; install with: pip install jsonschema",
        );
    }
    ok
}

/// The reader's report on `bundle`, with the wrapped fragments in `out`.
fn read_bundle(bundle: &Path, out: &Path) -> serde_json::Value {
    let output = Command::new("python3")
        .args(["-c", READER])
        .arg(bundle)
        .arg(repo_root().join("docs/schema/cms-meta.schema.json"))
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The Nu Html Checker's errors on the HTML files in `dir`, or `None`
/// when Java or vnu.jar is missing.
fn vnu_errors(dir: &Path) -> Option<String> {
    let jar = repo_root().join("tests/audit/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !jar.is_file() || !java {
        require_or_skip(&format!(
            "Nu check of the CMS fragments: java or vnu.jar missing; install with: {}",
            crate::audit::INSTALL
        ));
        return None;
    }
    let output = Command::new("java")
        .args(["-Xss4m", "-jar"])
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    // vnu writes its JSON report to stderr.
    let report: serde_json::Value = serde_json::from_slice(&output.stderr)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    Some(
        messages
            .iter()
            .map(|m| format!("{}: {}", m["url"], m["message"]))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn cms_bundle_is_deterministic_complete_and_valid() {
    let site = TestSite::example();
    let first = std::fs::read(export(&site, "a.zip")).unwrap();
    let second = std::fs::read(export(&site, "b.zip")).unwrap();
    assert!(first == second, "two exports differ");
    if !python_has_jsonschema() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let report = read_bundle(&site.root().join("a.zip"), out.path());
    let records = report["records"].as_array().unwrap();
    assert_eq!(records.len(), 8);
    for record in records {
        let summary = record["summary"].as_str().unwrap();
        assert!(summary.chars().count() <= 100, "{summary}");
        assert!(summary.starts_with("祁连县残疾人联合会2023年"), "{summary}");
        let index = record["index_no"].as_str().unwrap();
        assert!(
            index.starts_with("（示例）000000000/2023-504001-"),
            "{index}"
        );
        let fragment = record["fragment"].as_str().unwrap();
        for banned in ["<script", "<link", "href=", "src=", "<header", "<nav"] {
            assert!(!fragment.contains(banned), "{banned} in {fragment}");
        }
        assert!(fragment.contains("<dt>索引号</dt>"), "{fragment}");
        assert!(fragment.contains("<table class=\"indicators"), "{fragment}");
        let meta = &record["meta"];
        assert_eq!(
            meta["column"],
            serde_json::json!(["政府信息公开", "法定主动公开内容", "财政预决算", "部门预算"])
        );
        assert_eq!(meta["publisher"], "祁连县残疾人联合会");
        assert_eq!(meta["document_no"], serde_json::Value::Null);
    }
    assert_eq!(report["manifest"]["fields"]["index_no"], "index_no");
    if let Some(errors) = vnu_errors(out.path()) {
        assert!(errors.is_empty(), "Nu checker:\n{errors}");
    }
}

#[test]
fn cms_field_names_are_mapped_and_unknown_ones_refused() {
    let site = TestSite::example();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[export.cms.fields]\nindex_no = \"syh\"\npublisher = \"fbjg\"\n"),
    );
    let path = export(&site, "mapped.zip");
    let listing = Command::new("python3")
        .args([
            "-c",
            "import json,sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);m=json.loads(z.read(json.loads(z.read('manifest.json'))['records'][0]));print(json.dumps(sorted(m)))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let keys = String::from_utf8_lossy(&listing.stdout);
    assert!(
        keys.contains("\"syh\"") && keys.contains("\"fbjg\""),
        "{keys}"
    );
    assert!(!keys.contains("\"index_no\""), "{keys}");

    let lines = toml.lines().count();
    site.write(
        "site.toml",
        format!("{toml}\n[export.cms.fields]\nindex_number = \"syh\"\n"),
    );
    let output = site.cmd(&["export", "--cms", "x.zip"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("index_number"), "{stderr}");
    assert!(
        stderr.contains(&format!("site.toml:{}:1", lines + 3)),
        "{stderr}"
    );
    assert!(!site.root().join("x.zip").exists());
}

/// A site of department 100001 whose 索引号 come from the template.
fn indexed_site() -> TestSite {
    let site = TestSite::empty();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            "{toml}[disclosure]\norg_code = \"ORG\"\nindex_template = \"{{org}}/{{year}}-{{department}}-{{project}}\"\n"
        ),
    );
    site.department("100001", "测试单位");
    site
}

fn add(site: &TestSite, slug: &str, name: &str, extra: &str) {
    let yaml = crate::common::project_yaml(name, "1.00") + extra;
    site.write(&format!("content/100001/{slug}.yaml"), yaml);
}

/// Every project page's 索引号, by page.
fn index_numbers(site: &TestSite) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for (path, bytes) in site.output_tree() {
        let text = String::from_utf8_lossy(&bytes);
        if let Some(at) = text.find("<dt>索引号</dt><dd>") {
            let rest = &text[at + "<dt>索引号</dt><dd>".len()..];
            out.insert(path, rest[..rest.find("</dd>").unwrap()].to_owned());
        }
    }
    out
}

#[test]
fn index_numbers_never_change_when_other_projects_come_and_go() {
    let site = indexed_site();
    add(&site, "m", "中间项目", "code: \"M-1\"\n");
    add(&site, "z", "最后项目", "id: zuihou\n");
    add(&site, "own", "自有编号", "index_no: \"门户/2023-0007\"\n");
    site.build();
    let before = index_numbers(&site);
    assert_eq!(before.len(), 3, "{before:?}");
    assert!(
        before.values().any(|n| n == "ORG/2023-100001-M-1"),
        "{before:?}"
    );
    assert!(
        before.values().any(|n| n == "ORG/2023-100001-zuihou"),
        "{before:?}"
    );
    assert!(before.values().any(|n| n == "门户/2023-0007"), "{before:?}");
    // A project that sorts first, one removed, one added at the end.
    add(&site, "a", "最先项目", "code: \"A-0\"\n");
    site.remove("content/100001/own.yaml");
    add(&site, "zz", "新增项目", "code: \"Z-9\"\n");
    site.build();
    let after = index_numbers(&site);
    for (page, number) in &before {
        if !page.contains("/own/") {
            assert_eq!(after.get(page), Some(number), "{page}");
        }
    }
    assert_eq!(after.len(), 4, "{after:?}");
}

#[test]
fn a_shared_index_number_is_an_error_and_a_missing_one_a_warning() {
    let site = indexed_site();
    add(&site, "a", "甲项目", "index_no: \"ORG/2023-100001-X\"\n");
    add(&site, "b", "乙项目", "code: X\n");
    let stderr = site.build_fails();
    assert!(stderr.contains("index-number-duplicate"), "{stderr}");
    assert!(stderr.contains("content/100001/b.yaml"), "{stderr}");

    add(&site, "b", "乙项目", "");
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("\"index-number-missing\""), "{text}");
    assert!(text.contains("\"warning\""), "{text}");
    site.build();
    let page = site.read("public/2023/100001/b/index.html");
    assert!(
        page.contains("<dt>索引号</dt><dd class=\"missing\">未编制</dd>"),
        "{page}"
    );
    // The bundle refuses what the page admits: a CMS would number it.
    let output = site.cmd(&["export", "--cms", "x.zip"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("index-number-missing"));
}

#[test]
fn a_template_with_an_unstable_placeholder_is_refused_where_it_is_written() {
    let site = TestSite::empty();
    let toml = site.read("site.toml");
    let line = toml.lines().count() + 2;
    site.write(
        "site.toml",
        format!("{toml}[disclosure]\nindex_template = \"{{year}}-{{seq}}\"\n"),
    );
    let stderr = site.build_fails();
    assert!(stderr.contains(&format!("site.toml:{line}:26")), "{stderr}");
    assert!(stderr.contains("{seq}"), "{stderr}");
}

#[test]
fn every_page_head_names_the_site_and_project_pages_the_article() {
    let site = TestSite::example();
    site.build();
    let index = site.read("public/index.html");
    for tag in [
        "<meta name=\"SiteName\" content=\"部门预算项目支出绩效目标公开\">",
        "<meta name=\"SiteIDCode\" content=\"（示例）0000000000\">",
        "<meta name=\"ColumnName\" content=\"部门预算\">",
    ] {
        assert!(index.contains(tag), "{tag}");
    }
    assert!(!index.contains("ArticleTitle"));
    let page = site.read("public/2023/504001/jiuye-baozhangjin/index.html");
    for tag in [
        "<meta name=\"ArticleTitle\" content=\"残疾人就业保障金\">",
        "<meta name=\"PubDate\" content=\"（示例）2023-03-01\">",
        "<meta name=\"ContentSource\" content=\"",
        "<meta name=\"Keywords\" content=\"",
        "<meta name=\"Description\" content=\"祁连县残疾人联合会2023年残疾人就业保障金",
        "<dt>成文日期</dt><dd>（示例）2023-02-20</dd>",
        "<dt>时效性</dt><dd>有效</dd>",
    ] {
        assert!(page.contains(tag), "{tag}");
    }
}
