//! The bodies of the fuzz targets in `fuzz/`, kept in the library so that
//! `cargo test` replays the committed seed corpora through exactly the same
//! code (`tests/testsuite/fuzz_corpus.rs`). Each function takes arbitrary
//! bytes and must return without panicking; the Markdown one also asserts
//! that nothing executable survives sanitising. Not part of the stable API.

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::model::{Department, Site};

/// The department every fuzzed project belongs to.
const DEPARTMENT: &str = "504001";

/// The target table the fuzzed bytes are read as the evaluation of.
const TARGET: &str = "year: 2023\nname: 项目\namount: '1.00'\ngoals: [目标]\nindicators:
  - {level1: 产出指标, level2: 数量指标, name: 次数, value: 3次, weight: '40'}
  - {level1: 产出指标, level2: 成本指标, name: 成本, value: ≤200元/人}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, value: ≥90%}\n";

/// `text` read as the 绩效自评 beside a fixed project, then every rule.
fn evaluation(text: &str, mut site: Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let rel = Path::new("content/504001/target.yaml");
    let file = Path::new("content/504001/target.evaluation.yaml");
    let mut project = crate::load::parse_project(TARGET, rel, DEPARTMENT).expect("a valid target");
    match crate::load::attach_evaluation(&mut project, text, file, rel) {
        Ok(()) => {
            site.projects = vec![Arc::new(project)];
            diagnostics.extend(crate::check::check_site(
                &site,
                crate::diagnostics::Severity::Info,
            ));
        }
        Err(d) => diagnostics.push(d),
    }
    diagnostics
}

/// Bytes → a project file (decoding, YAML, schema, levels) → every check
/// rule → locating and rendering the findings with their snippets. The same
/// bytes are also read as a `_department.yaml` and as the 绩效自评 of a fixed
/// project.
pub fn project(data: &[u8]) {
    let rel = Path::new("content/504001/fuzz.yaml");
    let mut diagnostics = Diagnostics::default();
    let text = match crate::load::decode(data, rel) {
        Ok(text) => text,
        Err(d) => {
            diagnostics.push(d);
            String::new()
        }
    };
    let department = Department {
        code: DEPARTMENT.to_owned(),
        name: "单位".to_owned(),
        parent: None,
        source: "content/504001/_department.yaml".into(),
        reviews: Vec::new(),
    };
    let mut site = Site::new(
        Config::new("fuzz"),
        vec![department],
        Vec::new(),
        Vec::new(),
    );
    if !text.is_empty() {
        match crate::load::parse_project(&text, rel, DEPARTMENT) {
            Ok(project) => {
                site.projects.push(Arc::new(project));
                diagnostics.extend(crate::check::check_site(
                    &site,
                    crate::diagnostics::Severity::Info,
                ));
            }
            Err(d) => diagnostics.push(d),
        }
        if let Err(d) =
            crate::load::parse_department(&text, Path::new("content/1/_department.yaml"))
        {
            diagnostics.push(d);
        }
        diagnostics.extend(evaluation(&text, site.clone()));
    }
    let read = |_: &Path| Some(text.clone());
    diagnostics.locate_with(read);
    let report = diagnostics.render_human_from(read, false, usize::MAX);
    assert!(report.ends_with('\n'));
    let _ = diagnostics.render_json();
}

/// Bytes → `site.toml` → a configuration, or a finding rendered with its
/// snippet.
pub fn site_toml(data: &[u8]) {
    if let Err(d) = Config::from_bytes(data) {
        let text = String::from_utf8_lossy(data).into_owned();
        let diagnostics = Diagnostics::from_iter([d]);
        let _ = diagnostics.render_human_from(|_| Some(text.clone()), false, usize::MAX);
    }
}

/// Text → the indicator value reader, and everything a rule asks of a value.
pub fn indicator_value(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let value = crate::indicator::value::parse(&text);
    let _ = value.has_ocr_fix();
    for measure in value.measures() {
        let _ = measure.is_percent();
        let _ = measure.money();
    }
    let _ = value.single();
    let _ = crate::indicator::value::years_mentioned(&text);
}

/// The formats the importer reads, by extension, as `import` dispatches
/// them.
const IMPORT_FORMATS: [&str; 7] = ["xlsx", "xls", "xlsb", "ods", "csv", "html", "txt"];

/// Bytes → every import reader (workbooks, CSV, a saved page, OCR text)
/// → the layout mappers → each draft written as YAML and read back. A
/// source is refused with an error or read, within the import's limits;
/// nothing may panic. The bytes are read as each format in turn: the
/// seeds are real files of every format, and a workbook reader rejects
/// what is not its container at once.
pub fn import(data: &[u8]) {
    for ext in IMPORT_FORMATS {
        let file = format!("fuzz.{ext}");
        let Ok((drafts, _source)) = crate::import::read_source(Path::new(&file), ext, data) else {
            continue;
        };
        for draft in &drafts {
            let emitted =
                crate::import::emit::project(draft, draft.year.unwrap_or(2024), &file, &[]);
            let rel = Path::new("content/504001/fuzz.yaml");
            let _ = crate::load::parse_project(&emitted.text, rel, DEPARTMENT);
        }
    }
}

/// Text → sanitised HTML (block and inline), asserting that no script
/// element, event-handler attribute or `javascript:` URL survives.
pub fn markdown(data: &[u8]) {
    let (level, text) = match data.split_first() {
        Some((first, rest)) => (first % 6 + 1, String::from_utf8_lossy(rest)),
        None => (1, String::from_utf8_lossy(data)),
    };
    // Loading refuses text nested too deep, so it is never rendered.
    if crate::limits::markdown_too_deep(&text).is_some() {
        return;
    }
    for html in [
        crate::render::markdown::to_html(&text, level),
        crate::render::markdown::to_inline_html(&text),
    ] {
        assert_safe_html(&html);
    }
}

/// Panics when `html` contains an element or attribute that could run code.
/// Text is escaped by the sanitiser, so every `<` here opens a real tag.
pub fn assert_safe_html(html: &str) {
    const FORBIDDEN_TAGS: &[&str] = &[
        "script", "style", "iframe", "object", "embed", "svg", "math", "form", "img", "base",
        "meta", "link",
    ];
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let (attrs, after) = split_tag(tag);
        rest = after;
        let name_end = attrs
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(attrs.len());
        let name = attrs[..name_end]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        assert!(
            !FORBIDDEN_TAGS.contains(&name.as_str()),
            "a <{name}> survived sanitising: {html}"
        );
        for (attr, value) in attributes(&attrs[name_end..]) {
            let attr = attr.to_ascii_lowercase();
            assert!(
                !attr.starts_with("on"),
                "an event handler `{attr}` survived sanitising: {html}"
            );
            let url: String = value
                .replace("&amp;", "&")
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(
                    !url.starts_with(scheme),
                    "a `{scheme}` URL survived sanitising: {html}"
                );
            }
        }
    }
}

/// Splits `tag` (the text after a `<`) at its closing `>`, honouring quoted
/// attribute values.
fn split_tag(tag: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&tag[..i], &tag[i + 1..]),
            _ => {}
        }
    }
    (tag, "")
}

/// The `name="value"` pairs of a serialised tag.
fn attributes(mut s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let name_end = s
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let name = &s[..name_end];
        s = &s[name_end..];
        let mut value = "";
        if let Some(after) = s.strip_prefix('=') {
            let q = after.chars().next().unwrap_or('"');
            if q == '"' || q == '\'' {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                value = &body[..end];
                s = body.get(end + 1..).unwrap_or("");
            } else {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                value = &after[..end];
                s = &after[end..];
            }
        }
        if name.is_empty() {
            // Skip a stray character, so the loop always advances.
            s = s.get(1..).unwrap_or("");
            continue;
        }
        out.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "event handler")]
    fn the_html_check_catches_an_event_handler() {
        assert_safe_html(r#"<a href="x" onclick="alert(1)">x</a>"#);
    }

    #[test]
    #[should_panic(expected = "javascript:")]
    fn the_html_check_catches_a_javascript_url() {
        assert_safe_html(r#"<a href=" JavaScript:alert(1)">x</a>"#);
    }

    #[test]
    #[should_panic(expected = "<script>")]
    fn the_html_check_catches_a_script() {
        assert_safe_html("<p><script>alert(1)</script></p>");
    }

    #[test]
    fn the_html_check_passes_ordinary_markup() {
        assert_safe_html(
            r#"<p>a &lt;script&gt; <a href="https://x.cn/?a=1&amp;b=2" rel="noopener noreferrer">x</a></p>"#,
        );
    }
}
