//! Turning one file's bytes into one model value.
//!
//! Each function here reads a single file and returns either the value or
//! the diagnostics that explain why it could not be read. Nothing here knows
//! about other files, so the caller can parse in parallel.

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Department, Page, PageFrontMatter, Project};
use crate::source::{ReadError, read_inside};
use crate::yaml::{self, ParseError, SpanIndex};

/// Reads a file as UTF-8 text, dropping a byte-order mark (Windows editors
/// add one), or explains where the first invalid byte is.
///
/// Content must come from inside the site: the path is resolved with every
/// symbolic link followed, and a file that ends up outside the site root
/// (a link to `/etc/passwd`, to a folder elsewhere, to `/dev/zero`) is
/// refused without being opened, naming the link and never the target or
/// its contents. Anything that is not a regular file (a FIFO, a device) is
/// refused before it is opened, so it can neither hang nor flood the build.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = read_inside(root, rel).map_err(|e| match e {
        ReadError::Outside => outside_site(rel),
        ReadError::NotRegular => not_regular(rel),
        ReadError::Io(e) => Diagnostic::error("io", rel, crate::t!("file-unreadable", error = e))
            .help(crate::t!("file-unreadable-help")),
    })?;
    decode(&bytes, rel)
}

/// The finding for a symbolic link that leaves the site.
pub(super) fn outside_site(rel: &Path) -> Diagnostic {
    Diagnostic::error("link-outside", rel, crate::t!("link-outside"))
        .help(crate::t!("link-outside-help"))
}

/// The finding for a FIFO, socket or device named like content.
pub(super) fn not_regular(rel: &Path) -> Diagnostic {
    Diagnostic::error("file-type", rel, crate::t!("file-type")).help(crate::t!("file-type-help"))
}

/// Decodes a file's bytes as UTF-8 text, dropping a byte-order mark, or
/// explains where the first invalid byte is. Separate from [`read_text`] so
/// that the fuzz targets and tests can feed bytes without a file.
pub fn decode(bytes: &[u8], rel: &Path) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(Diagnostic::error(
                "encoding",
                rel,
                crate::t!("not-utf8", offset = e.valid_up_to()),
            )
            .at(Some(crate::source::location_of(valid, valid.len())))
            .help(crate::t!("not-utf8-help")))
        }
    }
}

/// Parses a YAML document into `T`, turning a failure into a diagnostic with
/// the field, the location and, for a misspelt field, the closest valid one.
pub(super) fn parse_yaml<T: DeserializeOwned>(text: &str, rel: &Path) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("schema", rel, crate::t!("file-empty"))
            .at(Some(Location { line: 1, column: 1 }))
            .help(crate::t!("file-empty-help")));
    }
    yaml::from_str(text).map_err(|err| schema_diagnostic(err, rel))
}

fn schema_diagnostic(err: ParseError, rel: &Path) -> Diagnostic {
    if let (Some(rule), Some(help)) = (err.rule, err.help) {
        let diagnostic = Diagnostic::error(rule, rel, err.message)
            .at(err.location)
            .help(help);
        return match err.field {
            Some(field) => diagnostic.field(field),
            None => diagnostic,
        };
    }
    // The parser's own words stay inside, for the field names they quote.
    let message = match &err.unknown_field {
        Some(field) => crate::t!("unknown-field", field = field),
        None => crate::t!("schema-error", detail = err.message),
    };
    let diagnostic = Diagnostic::error("schema", rel, message).at(err.location);
    match err.unknown_field {
        Some(field) => {
            let help =
                crate::suggest::did_you_mean(&field, &err.expected_fields).unwrap_or_else(|| {
                    crate::t!("valid-fields", fields = err.expected_fields.join(", "))
                });
            diagnostic.field(field).help(help)
        }
        None => diagnostic,
    }
}

pub(crate) fn department(text: &str, rel: &Path) -> Result<Department, Diagnostic> {
    let mut department: Department = parse_yaml(text, rel)?;
    department.source = rel.to_path_buf();
    department.reviews = yaml::review_comments(text);
    if department.code.is_empty() || !department.code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Diagnostic::error(
            "department-code",
            rel,
            crate::t!("department-code", code = department.code),
        )
        .field("code")
        .help(crate::t!("department-code-help")));
    }
    Ok(department)
}

pub(crate) fn project(text: &str, rel: &Path, department: &str) -> Result<Project, Diagnostic> {
    let mut project: Project = parse_yaml(text, rel).map_err(|d| project_hint(d, text, rel))?;
    markdown_limits(&project, rel)?;
    fill_levels(&mut project, text, rel)?;
    project.slug = slug_of(rel)?;
    project.department = department.to_owned();
    project.source = rel.to_path_buf();
    // Only a file that holds the marker is scanned (see `review_comments`).
    project.reviews = yaml::review_comments(text);
    Ok(project)
}

/// The fields a project file must have, with what they are in the table.
const REQUIRED: &[(&str, &str)] = &[
    ("year", "预算年度"),
    ("name", "项目名称"),
    ("amount", "金额"),
    ("goals", "绩效目标"),
    ("indicators", "绩效指标"),
];

/// The fields every indicator row must have.
const REQUIRED_IN_ROW: &[(&str, &str)] = &[("name", "三级指标"), ("value", "指标值")];

/// Improves a schema error of a project file: a missing field is reported
/// together with every other missing field, so the clerk fixes them in one
/// go; the old `funding: {fiscal, other}` shape gets the new shape as help.
fn project_hint(d: Diagnostic, text: &str, rel: &Path) -> Diagnostic {
    if d.message.contains("missing field") {
        let index = SpanIndex::new(text);
        let mut missing: Vec<(String, &str)> = REQUIRED
            .iter()
            .filter(|(f, _)| !index.contains(f))
            .map(|(f, what)| ((*f).to_owned(), *what))
            .collect();
        for table in ["indicators", "long_term_indicators"] {
            for i in (0..).take_while(|i| index.contains(&format!("{table}[{i}]"))) {
                for (f, what) in REQUIRED_IN_ROW {
                    let path = format!("{table}[{i}].{f}");
                    if !index.contains(&path) {
                        missing.push((path, what));
                    }
                }
            }
        }
        if missing.is_empty() {
            return d;
        }
        let location = index
            .locate(&missing[0].0)
            .or(Some(Location { line: 1, column: 1 }));
        let list: Vec<String> = missing
            .iter()
            .map(|(f, what)| format!("`{f}` ({what})"))
            .collect();
        let message = if missing.len() == 1 {
            crate::t!("missing-field", field = list[0])
        } else {
            crate::t!(
                "missing-fields",
                count = missing.len(),
                fields = list.join(", ")
            )
        };
        return Diagnostic::error("schema", rel, message)
            .field(missing[0].0.clone())
            .at(location)
            .help(crate::t!("missing-fields-help"));
    }
    if d.message.contains("funding") && d.message.contains("expected a sequence") {
        return d.help(crate::t!("funding-shape-help"));
    }
    d
}

/// Refuses a Markdown field (a goal, a detail, the notes, a row's note)
/// that nests deeper than any page can show (see [`crate::limits`]):
/// rendering it would take time per level on every line. The finding
/// names the field, which locating turns into its line, and the line
/// inside the text.
fn markdown_limits(project: &Project, rel: &Path) -> Result<(), Diagnostic> {
    let goals = [
        ("goals", &project.goals),
        ("long_term_goals", &project.long_term_goals),
    ];
    let goals = goals.into_iter().flat_map(|(table, goals)| {
        goals
            .iter()
            .enumerate()
            .map(move |(i, g)| (format!("{table}[{i}]"), g))
    });
    let details = project
        .details
        .0
        .iter()
        .map(|(label, text)| (format!("details.{label}"), text));
    let notes = project.notes.iter().map(|n| ("notes".to_owned(), n));
    let row_notes = project.tables().into_iter().flat_map(|(table, rows)| {
        rows.iter()
            .enumerate()
            .filter_map(move |(i, r)| Some((format!("{table}[{i}].note"), r.note.as_ref()?)))
    });
    markdown_fields_within_limits(goals.chain(details).chain(notes).chain(row_notes), rel)
}

/// Refuses the first of `fields` (field path and Markdown text) that
/// nests deeper than [`crate::limits::MAX_MARKDOWN_DEPTH`], naming the
/// field and the line inside its text.
pub(super) fn markdown_fields_within_limits<'t>(
    fields: impl IntoIterator<Item = (String, &'t String)>,
    rel: &Path,
) -> Result<(), Diagnostic> {
    for (field, text) in fields {
        if let Some(offset) = crate::limits::markdown_too_deep(text) {
            let line = text[..offset].matches('\n').count() + 1;
            return Err(Diagnostic::error(
                "nesting-limit",
                rel,
                crate::t!(
                    "limit-markdown-field-depth",
                    field = field.clone(),
                    line = line,
                    max = crate::limits::MAX_MARKDOWN_DEPTH
                ),
            )
            .field(field)
            .help(crate::t!("limit-markdown-depth-help")));
        }
    }
    Ok(())
}

/// Fills each indicator row's omitted `level1`/`level2` from the row above,
/// as the merged cells of the paper table repeat them. An omitted key is
/// told from an empty one (`level1: ""`, which the checks report) by the
/// source; the first row has nothing above it, so it must name both.
fn fill_levels(project: &mut Project, text: &str, rel: &Path) -> Result<(), Diagnostic> {
    fn levels(rows: &mut [crate::model::Indicator]) -> Vec<Levels<'_>> {
        rows.iter_mut()
            .map(|r| (&mut r.level1, &mut r.level2))
            .collect()
    }
    fill_level_tables(
        vec![
            ("indicators", levels(&mut project.indicators)),
            (
                "long_term_indicators",
                levels(&mut project.long_term_indicators),
            ),
        ],
        text,
        rel,
    )
}

/// A row's 一级 and 二级 names, to fill in.
pub(super) type Levels<'a> = (&'a mut Arc<str>, &'a mut Arc<str>);

/// [`fill_levels`] for any table of rows with levels: a project's two
/// tables, an evaluation's one.
pub(super) fn fill_level_tables(
    tables: Vec<(&str, Vec<Levels<'_>>)>,
    text: &str,
    rel: &Path,
) -> Result<(), Diagnostic> {
    let needs = tables
        .iter()
        .flat_map(|(_, rows)| rows)
        .any(|(l1, l2)| l1.is_empty() || l2.is_empty());
    if !needs {
        return Ok(());
    }
    let index = SpanIndex::new(text);
    for (table, rows) in tables {
        let mut above: Option<(Arc<str>, Arc<str>)> = None;
        for (i, (level1, level2)) in rows.into_iter().enumerate() {
            for (field, slot) in [("level1", &mut *level1), ("level2", &mut *level2)] {
                let path = format!("{table}[{i}].{field}");
                if !slot.is_empty() || index.contains(&path) {
                    continue;
                }
                match &above {
                    Some((l1, l2)) => *slot = if field == "level1" { l1 } else { l2 }.clone(),
                    None => {
                        return Err(Diagnostic::error(
                            "schema",
                            rel,
                            crate::t!("first-row-level", table = table, field = field),
                        )
                        .field(format!("{table}[{i}]"))
                        .at(index.locate(&format!("{table}[{i}]")))
                        .help(crate::t!("first-row-level-help")));
                    }
                }
            }
            above = Some((level1.clone(), level2.clone()));
        }
    }
    Ok(())
}

/// Splits `---` front matter from a Markdown page and parses both.
pub(super) fn page(text: &str, rel: &Path) -> Result<Page, Diagnostic> {
    let missing = || {
        Diagnostic::error("schema", rel, crate::t!("no-front-matter"))
            .at(Some(Location { line: 1, column: 1 }))
            .help(crate::t!("no-front-matter-help"))
    };
    let rest = text.strip_prefix("---").ok_or_else(missing)?;
    let rest = rest
        .trim_start_matches([' ', '\t', '\r'])
        .strip_prefix('\n')
        .ok_or_else(missing)?;
    let end = rest.find("\n---").ok_or_else(missing)?;
    let front: PageFrontMatter = parse_yaml(&rest[..end + 1], rel).map_err(|mut d| {
        // The front matter starts on the file's second line.
        d.location = d.location.map(|l| Location {
            line: l.line + 1,
            ..l
        });
        d
    })?;
    let body = rest[end + 4..].split_once('\n').map_or("", |(_, b)| b);
    if let Some(offset) = crate::limits::markdown_too_deep(body) {
        let body_start = text.len() - body.len();
        let location = crate::source::location_of(text, body_start + offset);
        return Err(Diagnostic::error(
            "nesting-limit",
            rel,
            crate::t!(
                "limit-markdown-depth",
                line = location.line,
                max = crate::limits::MAX_MARKDOWN_DEPTH
            ),
        )
        .at(Some(location))
        .help(crate::t!("limit-markdown-depth-help")));
    }
    Ok(Page {
        slug: slug_of(rel)?,
        title: front.title,
        weight: front.weight,
        body: body.to_owned(),
        source: rel.to_path_buf(),
    })
}

/// The URL slug of a content file: its stem, which must be `[a-z0-9-]`.
pub(super) fn slug_of(rel: &Path) -> Result<String, Diagnostic> {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_slug(&stem) {
        return Ok(stem);
    }
    let extension = rel
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    let suggestion = suggest_slug(&stem);
    let help = if suggestion.is_empty() {
        crate::t!("slug-help-pinyin", extension = extension)
    } else {
        crate::t!(
            "slug-help-rename",
            name = format!("{suggestion}.{extension}")
        )
    };
    Err(Diagnostic::error("slug", rel, crate::t!("slug", stem = stem)).help(help))
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn suggest_slug(stem: &str) -> String {
    let mapped: String = stem
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    mapped
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("kangfu-2023"));
        assert!(!is_slug("Kangfu"));
        assert!(!is_slug("康复"));
        assert_eq!(suggest_slug("My Project_1"), "my-project-1");
        assert_eq!(suggest_slug("康复"), "");
    }

    #[test]
    fn misspelt_field_gets_a_suggestion() {
        let err =
            parse_yaml::<Department>("code: \"1\"\nnmae: x\n", Path::new("d.yaml")).unwrap_err();
        assert_eq!(err.help.as_deref(), Some("did you mean `name`?"));
        assert_eq!(err.location.map(|l| l.line), Some(2));
    }

    #[test]
    fn a_page_nested_too_deep_is_refused_at_its_line() {
        let text = format!(
            "---\ntitle: 说明\n---\n# 正文\n\n{} x\n",
            ">".repeat(10_000)
        );
        let err = page(&text, Path::new("content/pages/about.md")).unwrap_err();
        assert_eq!(err.rule, "nesting-limit");
        assert_eq!(err.location.map(|l| (l.line, l.column)), Some((6, 1)));
    }

    #[test]
    fn page_front_matter() {
        let page = page(
            "---\ntitle: 说明\nweight: 2\n---\n# 正文\n",
            Path::new("content/pages/about.md"),
        )
        .unwrap();
        assert_eq!(page.title, "说明");
        assert_eq!(page.weight, 2);
        assert_eq!(page.body, "# 正文\n");
    }
}

#[cfg(test)]
mod project_tests {
    use super::*;

    const HEAD: &str = "year: 2023\nname: 测试\namount: 1\ngoals: [目标]\n";

    #[test]
    fn omitted_levels_repeat_the_row_above() {
        let text = format!(
            "{HEAD}indicators:\n  - {{level1: 产出指标, level2: 数量指标, name: a, value: 1次}}\n  - {{name: b, value: 2次}}\n  - {{level2: 质量指标, name: c, value: 100%}}\n"
        );
        let p = project(&text, Path::new("content/1/p.yaml"), "1").unwrap();
        let levels: Vec<(&str, &str)> = p
            .indicators
            .iter()
            .map(|r| (&*r.level1, &*r.level2))
            .collect();
        assert_eq!(
            levels,
            [
                ("产出指标", "数量指标"),
                ("产出指标", "数量指标"),
                ("产出指标", "质量指标")
            ]
        );
    }

    #[test]
    fn an_empty_level_is_not_inherited() {
        let text = format!(
            "{HEAD}indicators:\n  - {{level1: 产出指标, level2: 数量指标, name: a, value: 1次}}\n  - {{level1: \"\", name: b, value: 2次}}\n"
        );
        let p = project(&text, Path::new("content/1/p.yaml"), "1").unwrap();
        assert_eq!(&*p.indicators[1].level1, "");
        assert_eq!(&*p.indicators[1].level2, "数量指标");
    }

    #[test]
    fn the_first_row_must_name_both_levels() {
        let text =
            format!("{HEAD}indicators:\n  - level1: 产出指标\n    name: a\n    value: 1次\n");
        let err = project(&text, Path::new("content/1/p.yaml"), "1").unwrap_err();
        assert!(err.message.contains("level2"), "{}", err.message);
        assert_eq!(err.location.map(|l| l.line), Some(6));
    }

    #[test]
    fn every_missing_field_is_reported_at_once() {
        let text = "name: 测试\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: a}\n";
        let err = project(text, Path::new("content/1/p.yaml"), "1").unwrap_err();
        for field in ["`year`", "`amount`", "`goals`", "`indicators[0].value`"] {
            assert!(err.message.contains(field), "{field}: {}", err.message);
        }
        assert!(err.message.starts_with('4'), "{}", err.message);
    }

    #[test]
    fn an_empty_or_refused_amount_is_reported_at_its_own_line() {
        for (amount, line, column) in [
            ("amount:", 3, 1),
            ("amount: \"\"", 3, 9),
            ("amount: 1_0.5", 3, 9),
            ("amount: \"7922816251426433759354395033.5\"", 3, 9),
        ] {
            let text = format!("year: 2023\nname: 测试\n{amount}\ngoals: [目标]\nindicators: []\n");
            let err = project(&text, Path::new("content/1/p.yaml"), "1").unwrap_err();
            assert_eq!(
                err.location.map(|l| (l.line, l.column)),
                Some((line, column)),
                "{amount}: {}",
                err.message
            );
        }
        let text = format!(
            "{HEAD}funding:\n  - {{source: a, amount: \"1\"}}\n  - source: b\n    amount:\nindicators: []\n"
        );
        let err = project(&text, Path::new("content/1/p.yaml"), "1").unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(8), "{}", err.message);
    }

    #[test]
    fn a_markdown_field_nested_too_deep_is_refused_by_its_field() {
        let deep = "> ".repeat(5_000);
        let text = format!("{HEAD}notes: \"前言\\n{deep}x\"\nindicators: []\n");
        let err = project(&text, Path::new("content/1/p.yaml"), "1").unwrap_err();
        assert_eq!(err.rule, "nesting-limit");
        assert_eq!(err.field.as_deref(), Some("notes"));
        assert!(err.message.contains("notes"), "{}", err.message);
    }

    #[test]
    fn the_old_funding_shape_gets_the_new_one_as_help() {
        let text = format!("{HEAD}funding: {{fiscal: 1, other: 0}}\nindicators: []\n");
        let err = project(&text, Path::new("content/1/p.yaml"), "1").unwrap_err();
        assert!(err.help.unwrap_or_default().contains("source: 财政拨款"));
    }
}
