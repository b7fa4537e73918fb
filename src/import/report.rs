//! What an import did, source by source: the projects each file gave, the
//! rows and review flags, and every source item that landed in no field.
//!
//! This is the import's account of itself. The promise it makes checkable
//! is that nothing is lost in silence: every non-empty cell (or OCR line)
//! of a source is either in a project file or listed here as not placed,
//! with where it is and why. The driver prints it; `--report FILE.json`
//! writes it with the schema in [`Report::to_json`], which tools and the
//! corpus tests read.

use std::path::PathBuf;

use serde_json::{Value, json};

pub use super::table::NotPlaced;

/// What became of one project file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A new file.
    New,
    /// An existing file of the same project, replaced (`--force`).
    Replaced,
    /// The existing file already says what the source says; not written.
    Unchanged,
    /// A `_department.yaml` for a unit that had none.
    Department,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Replaced => "replaced",
            Status::Unchanged => "unchanged",
            Status::Department => "department",
        }
    }
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
    /// New, replaced, unchanged, or a department file.
    pub status: Status,
    /// Index into [`Report::sources`] of the file it came from.
    pub source: Option<usize>,
    /// 项目名称 and 预算年度, for the report.
    pub name: String,
    /// The year the project was filed under.
    pub year: Option<u16>,
    /// Set for a 绩效自评 file (`<slug>.evaluation.yaml`).
    pub evaluation: Option<EvaluationPlan>,
}

/// Where an imported 自评表 stands against its target table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationPlan {
    /// The target table it was placed beside, relative to the site root;
    /// `None` when no target table of that year and name exists, so the
    /// file was written under its own slug and `check` refuses it
    /// (`evaluation-orphan`) until the target table is added or renamed.
    pub target: Option<PathBuf>,
}

impl Planned {
    /// A project file, as opposed to a `_department.yaml`.
    pub fn is_project(&self) -> bool {
        self.status != Status::Department
    }

    /// True when the file is (or would be) written.
    pub fn writes(&self) -> bool {
        self.status != Status::Unchanged
    }
}

/// One source file, as read.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The path as given on the command line.
    pub file: PathBuf,
    /// The text encoding used (CSV, HTML, text), when there was a choice.
    pub encoding: Option<String>,
    /// Each sheet, table or page read, with the projects it gave.
    pub parts: Vec<(String, usize)>,
    /// Sheets or tables left out because they fit no layout, and why.
    pub skipped: Vec<(String, String)>,
    /// Every non-empty source item no field took.
    pub not_placed: Vec<NotPlaced>,
}

/// The outcome of one import.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every source file, in the order given.
    pub sources: Vec<Source>,
    /// Every file to write or left unchanged, in the order reported.
    pub planned: Vec<Planned>,
    /// False for `--dry-run`, so the summary can say "would write".
    pub written: bool,
}

impl Report {
    /// Project files planned, unchanged ones included.
    pub fn projects(&self) -> usize {
        self.planned.iter().filter(|p| p.is_project()).count()
    }
    /// Project files the source already matched exactly.
    pub fn unchanged(&self) -> usize {
        self.status_count(Status::Unchanged)
    }
    /// New project files.
    pub fn new_files(&self) -> usize {
        self.status_count(Status::New)
    }
    /// Existing project files replaced (`--force`).
    pub fn replaced(&self) -> usize {
        self.status_count(Status::Replaced)
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
    /// 绩效自评 files planned.
    pub fn evaluations(&self) -> usize {
        self.planned
            .iter()
            .filter(|p| p.evaluation.is_some())
            .count()
    }
    /// 绩效自评 files with no target table beside them.
    pub fn orphans(&self) -> impl Iterator<Item = &Planned> {
        self.planned
            .iter()
            .filter(|p| p.evaluation.as_ref().is_some_and(|e| e.target.is_none()))
    }
    /// Source items listed as not placed, over every source.
    pub fn not_placed(&self) -> usize {
        self.sources.iter().map(|s| s.not_placed.len()).sum()
    }

    fn status_count(&self, status: Status) -> usize {
        self.planned.iter().filter(|p| p.status == status).count()
    }

    /// The report as JSON. The schema is stable: keys are only ever
    /// added.
    ///
    /// ```json
    /// {"written": true,
    ///  "totals": {"sources", "projects", "new", "replaced", "unchanged", "rows", "flagged_rows", "flags", "not_placed",
    ///             "evaluations", "orphans"},
    ///  "sources": [{"file", "encoding", "parts": [{"part", "projects"}],
    ///               "skipped": [{"part", "reason"}],
    ///               "projects": [{"path", "name", "year", "status", "rows", "flagged_rows",
    ///                             "kind" ("project" | "evaluation"), "target" (an evaluation's
    ///                             target table, null when it has none),
    ///                             "flags": [{"line", "reason"}]}],
    ///               "not_placed": [{"at", "text", "reason"}]}]}
    /// ```
    pub fn to_json(&self) -> Value {
        let sources: Vec<Value> = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, source)| {
                let projects: Vec<Value> = self
                    .planned
                    .iter()
                    .filter(|p| p.source == Some(i) && p.is_project())
                    .map(planned_json)
                    .collect();
                json!({
                    "file": source.file.display().to_string(),
                    "encoding": source.encoding,
                    "parts": source.parts.iter()
                        .map(|(part, n)| json!({"part": part, "projects": n}))
                        .collect::<Vec<_>>(),
                    "skipped": source.skipped.iter()
                        .map(|(part, why)| json!({"part": part, "reason": why}))
                        .collect::<Vec<_>>(),
                    "projects": projects,
                    "not_placed": source.not_placed.iter()
                        .map(|n| json!({"at": n.at, "text": n.text, "reason": n.reason}))
                        .collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "written": self.written,
            "totals": {
                "sources": self.sources.len(),
                "projects": self.projects(),
                "new": self.new_files(),
                "replaced": self.replaced(),
                "unchanged": self.unchanged(),
                "rows": self.rows(),
                "flagged_rows": self.flagged_rows(),
                "flags": self.flags(),
                "not_placed": self.not_placed(),
                "evaluations": self.evaluations(),
                "orphans": self.orphans().count(),
            },
            "sources": sources,
        })
    }
}

fn planned_json(p: &Planned) -> Value {
    json!({
        "path": p.path.display().to_string().replace('\\', "/"),
        "name": p.name,
        "year": p.year,
        "status": p.status.as_str(),
        "rows": p.rows,
        "flagged_rows": p.flagged_rows,
        "kind": if p.evaluation.is_some() { "evaluation" } else { "project" },
        "target": p.evaluation.as_ref().and_then(|e| e.target.as_ref())
            .map(|t| t.display().to_string().replace('\\', "/")),
        "flags": p.flags.iter()
            .map(|(line, why)| json!({"line": line, "reason": why}))
            .collect::<Vec<_>>(),
    })
}
