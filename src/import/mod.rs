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
mod container;
mod csv;
pub(crate) mod draft;
pub(crate) mod emit;
mod emit_evaluation;
pub(crate) mod evaluation;
mod existing;
mod html;
mod limits;
pub(crate) mod map;
mod numfmt;
mod planner;
mod report;
pub(crate) mod slug;
mod styles;
pub(crate) mod table;
mod text;
mod xlsx;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use draft::Draft;
use planner::Planner;
pub use report::{EvaluationPlan, NotPlaced, Planned, Report, Source, Status};
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

/// Reads, maps and plans every file; writes them unless `dry_run`.
/// Unchanged projects are never written.
pub fn run(options: &ImportOptions) -> Result<Report> {
    let mut report = plan(options)?;
    if !options.dry_run {
        for planned in report.planned.iter().filter(|p| p.writes()) {
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

/// Everything but the writing: the files, their text, the flags, what
/// each source left unplaced.
pub fn plan(options: &ImportOptions) -> Result<Report> {
    if !options.root.join("site.toml").is_file() {
        return Err(Error::NoSite {
            path: options.root.join("site.toml"),
        });
    }
    if let Some(code) = &options.department
        && !is_unit_code(code)
    {
        return Err(Error::Import {
            file: PathBuf::from("--department"),
            place: String::new(),
            message: crate::t!("import-bad-department", code = code),
            help: crate::t!("import-bad-department-help"),
        });
    }
    let mut report = Report::default();
    let mut all: Vec<(usize, Draft)> = Vec::new();
    for file in &options.files {
        let (drafts, source) = read_file(file)?;
        all.extend(drafts.into_iter().map(|d| (report.sources.len(), d)));
        report.sources.push(source);
    }
    let mut planner = Planner::new(options);
    for (source, draft) in &all {
        let file = &options.files[*source];
        let planned = planner.project(file, *source, draft)?;
        report.planned.push(planned);
    }
    planner.refuse_conflicts()?;
    report.planned.extend(planner.departments());
    Ok(report)
}

/// A 单位编码 safe to be a folder name: letters and digits only, so that
/// no source can make the import write outside `content/`.
fn is_unit_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 40 && code.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Reads one file into drafts, with its format's reader and the mappers,
/// and accounts for every source item that landed in no draft. The file
/// is read only up to the size limit of its format.
fn read_file(file: &Path) -> Result<(Vec<Draft>, Source)> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let max = match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "csv" | "txt" => limits::MAX_FILE_BYTES,
        "html" | "htm" => limits::MAX_HTML_BYTES,
        other => {
            return Err(Error::Import {
                file: file.to_path_buf(),
                place: String::new(),
                message: crate::t!("import-file-type", extension = other),
                help: crate::t!("import-file-type-help"),
            });
        }
    };
    let bytes = limits::read(file, max).map_err(|failure| match failure {
        limits::ReadFailure::Io(e) => Error::read(file, e),
        limits::ReadFailure::Refused(r) => refused(file, r),
    })?;
    read_source(file, &ext, &bytes)
}

/// The import error for a source refused by its reader or a limit.
fn refused(file: &Path, refusal: limits::Refusal) -> Error {
    Error::Import {
        file: file.to_path_buf(),
        place: refusal.place(),
        message: refusal.message,
        help: refusal.help,
    }
}

/// [`read_file`] for bytes already read: `file` names the source in
/// messages, `ext` (lower case) says which reader to use. The fuzz target
/// for the importer calls it with arbitrary bytes.
pub(crate) fn read_source(file: &Path, ext: &str, bytes: &[u8]) -> Result<(Vec<Draft>, Source)> {
    let import_error = |place: String, message: String, help: String| Error::Import {
        file: file.to_path_buf(),
        place,
        message,
        help,
    };
    let mut source = Source {
        file: file.to_path_buf(),
        ..Source::default()
    };
    let mut budget = limits::Budget::new();
    let (tables, ocr): (Vec<Table>, bool) = match ext {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            let tables = xlsx::read(bytes, ext, &mut budget).map_err(|r| refused(file, r))?;
            (tables, false)
        }
        "csv" | "txt" | "html" | "htm" => {
            let Some((text, encoding)) = csv::decode(bytes) else {
                return Err(import_error(
                    String::new(),
                    crate::t!("import-encoding"),
                    crate::t!("import-encoding-help"),
                ));
            };
            source.encoding = Some(encoding.to_string());
            match ext {
                "csv" => {
                    let table = csv::parse(&text, "CSV", &mut budget).map_err(|e| match e {
                        csv::Failure::Malformed(at, message) => import_error(
                            format!(", {at}"),
                            message,
                            crate::t!("import-csv-quoting-help"),
                        ),
                        csv::Failure::Refused(r) => refused(file, r.in_part("CSV")),
                    })?;
                    (vec![table], false)
                }
                "txt" => {
                    limits::ocr_text(&text).map_err(|r| refused(file, r))?;
                    let pages = text::read(&text);
                    source
                        .not_placed
                        .extend(pages.loose.into_iter().map(|l| NotPlaced {
                            at: crate::t!("unplaced-line", line = l.line),
                            text: l.text,
                            reason: crate::t!("unplaced-outside-table"),
                        }));
                    (pages.tables, true)
                }
                _ => (
                    html::read(&text, &mut budget).map_err(|r| refused(file, r))?,
                    false,
                ),
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
    // overall targets, a summary); those are skipped and reported. In a
    // workbook or text file every table must fit a layout.
    let lenient = matches!(ext, "html" | "htm");
    let mut drafts = Vec::new();
    let mut first_problem = None;
    for table in &tables {
        let found = match map::map_table(table, ocr) {
            Ok(found) => found,
            Err(p) if lenient && p.no_header => {
                source.skipped.push((table.part.clone(), p.message.clone()));
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
        source.parts.push((table.part.clone(), found.len()));
        source.not_placed.extend(table.not_placed());
        drafts.extend(found);
    }
    if drafts.is_empty()
        && let Some((part, p)) = first_problem
    {
        let at = p.at.map(|a| format!(", {a}")).unwrap_or_default();
        return Err(import_error(format!(", {part}{at}"), p.message, p.help));
    }
    Ok((drafts, source))
}
