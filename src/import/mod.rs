//! `gongkai import`: spreadsheets, CSV, saved web pages and OCR text in,
//! reviewed-ready v2 project YAML out.
//!
//! The flow has three stages with one shape between each:
//!
//! ```text
//! reader (xlsx · csv · html · text)  →  Table  →  map  →  Draft  →  emit  →  YAML text
//! ```
//!
//! Every file is read and mapped before anything is written, so a bad
//! input anywhere (a password-protected workbook, an unparsable amount, a
//! unit code that cannot be determined) stops the run with nothing
//! changed. Guesses never stop it: they become `# 待核对：` comments on the
//! row concerned and are counted in the [`Report`].

pub(crate) mod amount;
mod csv;
pub(crate) mod draft;
pub(crate) mod emit;
mod existing;
mod html;
pub(crate) mod levels;
pub(crate) mod map;
pub(crate) mod slug;
pub(crate) mod table;
mod text;
mod xlsx;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use draft::Draft;
use table::Table;

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site root; files are planned under its `content/`.
    pub root: PathBuf,
    /// The sources to read, in order: `.xlsx`/`.xls`, `.csv`, `.html` or OCR text.
    pub files: Vec<PathBuf>,
    /// The unit code (单位编码) to file projects under. It wins over a code
    /// the source names (with a note), and is needed when the source names
    /// none.
    pub department: Option<String>,
    /// The budget year. It wins over a year the source states (with a
    /// note), and is needed when the source states none.
    pub year: Option<u16>,
    /// Plan and report, but write nothing.
    pub dry_run: bool,
    /// Replace existing files; without it an existing file is an error, so earlier hand edits
    /// are never lost.
    pub force: bool,
}

/// One file the import will write (or, with `--dry-run`, would write).
#[derive(Debug, Clone)]
pub struct Planned {
    /// Relative to the site root: `content/504001/liang-jie-wei-wen-jin.yaml`.
    pub path: PathBuf,
    /// The YAML text, review-flag comments included.
    pub text: String,
    /// Line and reason of each review flag in `text`.
    pub flags: Vec<(usize, String)>,
    /// Indicator rows in the file (0 for `_department.yaml`).
    pub rows: usize,
    /// Rows with at least one flag.
    pub flagged_rows: usize,
    /// An existing file is replaced (only with `--force`).
    pub replaces: bool,
    /// A project file, as opposed to a `_department.yaml`.
    pub is_project: bool,
}

/// The outcome, for the one-line summary and the review list.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Source files read.
    pub files_read: usize,
    /// Per-file remarks: encoding used, tables found.
    pub notes: Vec<String>,
    /// Every file to write, in the order they are reported.
    pub planned: Vec<Planned>,
    /// False for `--dry-run`, so the summary can say "would write".
    pub written: bool,
}

impl Report {
    /// Project files planned (department files not counted).
    pub fn projects(&self) -> usize {
        self.planned.iter().filter(|p| p.is_project).count()
    }
    /// Indicator rows over all planned files.
    pub fn rows(&self) -> usize {
        self.planned.iter().map(|p| p.rows).sum()
    }
    /// Rows a clerk should check against the source.
    pub fn flagged_rows(&self) -> usize {
        self.planned.iter().map(|p| p.flagged_rows).sum()
    }
    /// Review flags (`# 待核对：`) over all planned files.
    pub fn flags(&self) -> usize {
        self.planned.iter().map(|p| p.flags.len()).sum()
    }
}

/// Reads, maps and plans every file; writes them unless `dry_run`.
pub fn run(options: &ImportOptions) -> Result<Report> {
    let mut report = plan(options)?;
    if !options.dry_run {
        for planned in &report.planned {
            let path = options.root.join(&planned.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
            }
            std::fs::write(&path, &planned.text).map_err(|e| Error::write(&path, e))?;
        }
        report.written = true;
    }
    Ok(report)
}

/// Everything but the writing: the files, their text, the flags.
pub fn plan(options: &ImportOptions) -> Result<Report> {
    if !options.root.join("site.toml").is_file() {
        return Err(Error::NoSite {
            path: options.root.join("site.toml"),
        });
    }
    if let Some(code) = &options.department
        && (code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(Error::Import {
            file: PathBuf::from("--department"),
            place: String::new(),
            message: crate::t!("import-bad-department", code = code),
            help: crate::t!("import-bad-department-help"),
        });
    }
    let mut report = Report::default();
    let mut all: Vec<(PathBuf, Draft)> = Vec::new();
    for file in &options.files {
        let drafts = read_file(file, &mut report.notes)?;
        report.files_read += 1;
        all.extend(drafts.into_iter().map(|d| (file.clone(), d)));
    }
    let mut taken: BTreeSet<(String, String)> = BTreeSet::new();
    let mut on_disk: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut known: BTreeMap<String, existing::Existing> = BTreeMap::new();
    let mut departments: Vec<(String, Option<String>)> = Vec::new();
    for (file, draft) in &all {
        let fail = |message: String, help: String| Error::Import {
            file: file.clone(),
            place: format!(", {}", draft.part),
            message,
            help,
        };
        if draft.name.trim().is_empty() {
            return Err(fail(
                crate::t!("import-empty-name"),
                crate::t!("import-empty-name-help"),
            ));
        }
        let mut notes = Vec::new();
        let code = match (&options.department, &draft.unit.code) {
            (Some(given), Some(found)) if given != found => {
                notes.push(crate::t!(
                    "flag-department-overridden",
                    found = found,
                    given = given
                ));
                given.clone()
            }
            (Some(given), _) => given.clone(),
            (None, Some(found)) => found.clone(),
            (None, None) => {
                return Err(fail(
                    crate::t!("import-no-department", name = draft.name),
                    crate::t!("import-no-department-help"),
                ));
            }
        };
        let year = match (options.year, draft.year) {
            (Some(given), Some(found)) if given != found => {
                notes.push(crate::t!(
                    "flag-year-overridden",
                    found = found,
                    given = given
                ));
                given
            }
            (Some(given), _) => given,
            (None, Some(found)) => found,
            (None, None) => {
                return Err(fail(
                    crate::t!("import-no-year", name = draft.name),
                    crate::t!("import-no-year-help"),
                ));
            }
        };
        if !departments.iter().any(|(c, _)| *c == code) {
            departments.push((code.clone(), draft.unit.name.clone()));
        } else if let Some(entry) = departments
            .iter_mut()
            .find(|(c, n)| *c == code && n.is_none())
        {
            entry.1 = draft.unit.name.clone();
        }
        let dir = Path::new("content").join(&code);
        let existing = on_disk
            .entry(code.clone())
            .or_insert_with(|| existing_slugs(&options.root.join(&dir)));
        // With --force, the same project (year and 项目编码 or name) keeps
        // its file, so a re-imported download replaces what it came from.
        let same = options
            .force
            .then(|| {
                known
                    .entry(code.clone())
                    .or_insert_with(|| existing::Existing::read(&options.root.join(&dir)))
                    .find(year, draft.code.as_deref(), &draft.name)
                    .map(str::to_owned)
            })
            .flatten()
            .filter(|slug| taken.insert((code.clone(), slug.clone())));
        let (slug, replaces) = match same {
            Some(slug) => (slug, true),
            None => choose_slug(
                existing,
                &options.root.join(&dir),
                &code,
                &draft.name,
                options.force,
                &mut taken,
            ),
        };
        let source = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let emitted = emit::project(draft, year, &source, &notes);
        let path = dir.join(format!("{slug}.yaml"));
        let mut text = emitted.text;
        if replaces {
            // What only the file knows (发布日期, corrections, attachments)
            // survives a forced import of a workbook that cannot hold it.
            let old = std::fs::read_to_string(options.root.join(&path)).unwrap_or_default();
            let kept = existing::kept_fields(&old, &text);
            if !kept.is_empty() {
                text.push_str(&format!("# {}\n", crate::t!("emit-kept")));
                text.push_str(&kept);
            }
        }
        report.planned.push(Planned {
            path,
            text,
            flags: emitted.flags,
            rows: draft.rows(),
            flagged_rows: draft.flagged_rows(),
            replaces,
            is_project: true,
        });
    }
    for (code, name) in departments {
        let path = Path::new("content").join(&code).join("_department.yaml");
        if options.root.join(&path).exists() {
            continue;
        }
        let text = emit::department(&code, name.as_deref());
        let flags = if name.is_none() {
            vec![(1, "来源中未找到单位名称，请填写".to_owned())]
        } else {
            Vec::new()
        };
        report.planned.push(Planned {
            path,
            text,
            flags,
            rows: 0,
            flagged_rows: 0,
            replaces: false,
            is_project: false,
        });
    }
    Ok(report)
}

/// A slug unique within the department: never one used earlier in this
/// run, and never an existing file's unless `force` allows replacing a
/// file at the top of the department folder.
fn choose_slug(
    on_disk: &BTreeSet<String>,
    dir: &Path,
    code: &str,
    name: &str,
    force: bool,
    taken: &mut BTreeSet<(String, String)>,
) -> (String, bool) {
    let base = slug::slug(name);
    let mut candidate = base.clone();
    let mut n = 1;
    loop {
        let used_now = taken.contains(&(code.to_owned(), candidate.clone()));
        let top = dir.join(format!("{candidate}.yaml")).is_file();
        let exists = on_disk.contains(&candidate);
        if !used_now && (!exists || (force && top)) {
            taken.insert((code.to_owned(), candidate.clone()));
            return (candidate, exists);
        }
        n += 1;
        candidate = format!("{base}-{n}");
    }
}

/// The stems of every project file under a department folder, at any depth.
fn existing_slugs(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect()
}

/// Reads one file into drafts, with its format's reader and the mappers.
fn read_file(file: &Path, notes: &mut Vec<String>) -> Result<Vec<Draft>> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let import_error = |place: String, message: String, help: String| Error::Import {
        file: file.to_path_buf(),
        place,
        message,
        help,
    };
    let (tables, ocr): (Vec<Table>, bool) = match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            if !file.is_file() {
                return Err(Error::read(
                    file,
                    std::io::Error::from(std::io::ErrorKind::NotFound),
                ));
            }
            let tables = xlsx::read(file).map_err(|e| {
                let place = e
                    .sheet
                    .map(|s| format!(", {}", crate::t!("part-sheet", name = s)))
                    .unwrap_or_default();
                import_error(place, e.message, e.help)
            })?;
            (tables, false)
        }
        "csv" | "txt" | "html" | "htm" => {
            let bytes = std::fs::read(file).map_err(|e| Error::read(file, e))?;
            let Some((text, encoding)) = csv::decode(&bytes) else {
                return Err(import_error(
                    String::new(),
                    crate::t!("import-encoding"),
                    crate::t!("import-encoding-help"),
                ));
            };
            notes.push(crate::t!(
                "import-note-encoding",
                file = file.display(),
                encoding = encoding
            ));
            match ext.as_str() {
                "csv" => {
                    let table = csv::parse(&text, "CSV").map_err(|(at, message)| {
                        import_error(
                            format!(", {at}"),
                            message,
                            crate::t!("import-csv-quoting-help"),
                        )
                    })?;
                    (vec![table], false)
                }
                "txt" => (text::read(&text), true),
                _ => (html::read(&text), false),
            }
        }
        other => {
            return Err(import_error(
                String::new(),
                crate::t!("import-file-type", extension = other),
                crate::t!("import-file-type-help"),
            ));
        }
    };
    if tables.is_empty() {
        return Err(import_error(
            String::new(),
            crate::t!("import-no-table"),
            crate::t!("import-no-table-help"),
        ));
    }
    // A saved page often holds other tables that mention 指标 (a unit's
    // overall targets, a summary); those are skipped with a note. In a
    // workbook or text file every table must fit a layout.
    let lenient = matches!(ext.as_str(), "html" | "htm");
    let mut drafts = Vec::new();
    let mut first_problem = None;
    for table in &tables {
        let found = match map::map_table(table, ocr) {
            Ok(found) => found,
            Err(p) if lenient && p.no_header => {
                notes.push(crate::t!(
                    "import-note-skipped",
                    file = file.display(),
                    part = table.part,
                    why = p.message
                ));
                first_problem.get_or_insert((table.part.clone(), p));
                continue;
            }
            Err(p) => {
                let at = p.at.map(|a| format!(", {a}")).unwrap_or_default();
                return Err(import_error(
                    format!(", {}{at}", table.part),
                    p.message,
                    p.help,
                ));
            }
        };
        notes.push(crate::t!(
            "import-note-found",
            file = file.display(),
            part = table.part,
            count = found.len()
        ));
        drafts.extend(found);
    }
    if drafts.is_empty()
        && let Some((part, p)) = first_problem
    {
        let at = p.at.map(|a| format!(", {a}")).unwrap_or_default();
        return Err(import_error(format!(", {part}{at}"), p.message, p.help));
    }
    Ok(drafts)
}
