//! Decides, for each draft, which file it becomes: a new file, the
//! existing file of the same project (replaced with `--force`, or left
//! alone when unchanged), or a refusal that says what changed.
//!
//! Identity is the project's, not the file name's: year and 项目编码, or
//! year, department and name where there is no code (see
//! [`super::existing`]). So importing the same table twice never adds a
//! twin that would double every total, and a slug is only ever suffixed
//! (`-2`) for a different project that happens to share a pinyin name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::evaluation::EvalDraft;
use super::existing::{self, Existing};
use super::map::evaluation::split_code;
use super::report::{EvaluationPlan, Planned, Status};
use super::{ImportOptions, emit, emit_evaluation, is_unit_code, slug};
use crate::error::{Error, Result};

/// How many differences a refusal lists per project.
const CHANGES_SHOWN: usize = 6;

pub(super) struct Planner<'a> {
    options: &'a ImportOptions,
    /// The projects on disk, per department folder, read once.
    known: BTreeMap<String, Existing>,
    /// Identities planned in this run, with the source that gave them.
    seen: BTreeMap<(u16, String, String), String>,
    /// Files planned in this run: `(department, stem)`.
    taken: BTreeSet<(String, PathBuf)>,
    /// Departments met, with the unit name the source gave.
    departments: Vec<(String, Option<String>)>,
    /// Changed projects refused for want of `--force`.
    conflicts: Vec<String>,
}

impl<'a> Planner<'a> {
    pub(super) fn new(options: &'a ImportOptions) -> Self {
        Planner {
            options,
            known: BTreeMap::new(),
            seen: BTreeMap::new(),
            taken: BTreeSet::new(),
            departments: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// The file for one draft read from `file` (source number `source`).
    pub(super) fn project(&mut self, file: &Path, source: usize, draft: &Draft) -> Result<Planned> {
        let fail = |message: String, help: String| Error::Import {
            file: file.to_path_buf(),
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
        let code = match (&self.options.department, &draft.unit.code) {
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
        if !is_unit_code(&code) {
            return Err(fail(
                crate::t!("import-bad-department", code = code),
                crate::t!("import-bad-department-help"),
            ));
        }
        let year = match (self.options.year, draft.year) {
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
        if let Some(eval) = &draft.evaluation {
            return self.evaluation(file, source, draft, eval, code, year, &notes);
        }
        // The same project twice in one run would be two files for one
        // identity: every total doubled.
        let identity = match draft.code.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => (year, String::new(), c.to_owned()),
            _ => (year, code.clone(), draft.name.trim().to_owned()),
        };
        self.note_twice(file, draft, identity, year)?;
        self.note_department(&code, draft.unit.name.as_deref());
        let dir = Path::new("content").join(&code);
        let found = self
            .known(&code)
            .find(year, draft.code.as_deref(), &draft.name)
            .cloned();
        let emitted = emit::project(draft, year, &source_name(file), &notes);
        let mut planned = new_file(PathBuf::new(), emitted, draft, source, year);
        match found {
            Some(same) => {
                planned.path = dir.join(&same.stem).with_extension("yaml");
                self.taken.insert((code.clone(), same.stem.clone()));
                self.settle(&mut planned, &same.text, &draft.name);
            }
            None => {
                let stem = self.free_stem(&code, &draft.name);
                planned.path = dir.join(stem).with_extension("yaml");
            }
        }
        Ok(planned)
    }

    /// The projects of department folder `code`, read once.
    fn known(&mut self, code: &str) -> &Existing {
        let root = self.options.root.clone();
        self.known
            .entry(code.to_owned())
            .or_insert_with(|| Existing::read(&root.join("content").join(code)))
    }

    /// Refuses a second draft of an identity already planned in this run.
    fn note_twice(
        &mut self,
        file: &Path,
        draft: &Draft,
        identity: (u16, String, String),
        year: u16,
    ) -> Result<()> {
        let here = format!("{}, {}", file.display(), draft.part);
        if let Some(before) = self.seen.insert(identity, here.clone()) {
            return Err(Error::Import {
                file: file.to_path_buf(),
                place: format!(", {}", draft.part),
                message: crate::t!(
                    "import-twice",
                    name = draft.name,
                    year = year,
                    first = before,
                    second = here
                ),
                help: crate::t!("import-twice-help"),
            });
        }
        Ok(())
    }

    /// Unchanged, replaced (`--force`) or refused, for a draft whose file
    /// exists with text `old`.
    fn settle(&mut self, planned: &mut Planned, old: &str, name: &str) {
        let changed = existing::changes(old, &planned.text, CHANGES_SHOWN);
        if changed.is_empty() {
            planned.status = Status::Unchanged;
        } else if self.options.force {
            planned.status = Status::Replaced;
            let kept = existing::kept_fields(old, &planned.text);
            let mut text = existing::carry_comments(old, &planned.text);
            if !kept.is_empty() {
                text.push_str(&format!("# {}\n", crate::t!("emit-kept")));
                text.push_str(&kept);
            }
            planned.text = text;
        } else {
            self.conflicts.push(crate::t!(
                "import-changed",
                path = planned.path.display(),
                name = name,
                changes = changed.join("\n    ")
            ));
        }
    }

    /// The `<slug>.evaluation.yaml` for a 自评表: beside the target table
    /// of the same year and 项目编码 or name, with its slug; else under a
    /// slug of its own, reported as having no target table (never dropped).
    #[allow(clippy::too_many_arguments)]
    fn evaluation(
        &mut self,
        file: &Path,
        source: usize,
        draft: &Draft,
        eval: &EvalDraft,
        code: String,
        year: u16,
        notes: &[String],
    ) -> Result<Planned> {
        let (written_code, bare) = split_code(&draft.name);
        let project_code = draft.code.as_deref().or(written_code);
        let identity = (
            year,
            format!("{code}/evaluation"),
            draft.name.trim().to_owned(),
        );
        self.note_twice(file, draft, identity, year)?;
        self.note_department(&code, draft.unit.name.as_deref());
        let dir = Path::new("content").join(&code);
        let known = self.known(&code);
        let target = known
            .find(year, project_code, bare)
            .or_else(|| known.find(year, project_code, &draft.name))
            .map(|k| k.stem.clone());
        if let Some(stem) = &target {
            self.taken.insert((code.clone(), stem.clone()));
        }
        let mut notes = notes.to_vec();
        let stem = match &target {
            Some(stem) => stem.clone(),
            None => {
                notes.push(crate::t!(
                    "flag-eval-no-target",
                    name = draft.name,
                    year = year
                ));
                self.free_stem(&code, bare)
            }
        };
        let emitted = emit_evaluation::evaluation(draft, eval, year, &source_name(file), &notes);
        let path = dir.join(format!(
            "{}{}",
            stem.display(),
            crate::layout::EVALUATION_SUFFIX
        ));
        let mut planned = new_file(path.clone(), emitted, draft, source, year);
        planned.evaluation = Some(EvaluationPlan {
            target: target.map(|stem| dir.join(stem).with_extension("yaml")),
        });
        if let Ok(old) = std::fs::read_to_string(self.options.root.join(&path)) {
            self.settle(&mut planned, &old, &draft.name);
        }
        Ok(planned)
    }

    /// A slug no file in the department uses and no file of this run
    /// took: the pinyin name, else with `-2`, `-3` …
    fn free_stem(&mut self, code: &str, name: &str) -> PathBuf {
        let base = slug::slug(name);
        let known = &self.known[code];
        let mut n = 1;
        loop {
            let stem = PathBuf::from(if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            });
            if !known.has_stem(&stem) && self.taken.insert((code.to_owned(), stem.clone())) {
                return stem;
            }
            n += 1;
        }
    }

    fn note_department(&mut self, code: &str, name: Option<&str>) {
        match self.departments.iter_mut().find(|(c, _)| c == code) {
            None => self
                .departments
                .push((code.to_owned(), name.map(str::to_owned))),
            Some(entry) if entry.1.is_none() => entry.1 = name.map(str::to_owned),
            Some(_) => {}
        }
    }

    /// Stops the run when a changed project would be overwritten without
    /// `--force`: nothing is written, and every such project is named.
    pub(super) fn refuse_conflicts(&self) -> Result<()> {
        if self.conflicts.is_empty() {
            return Ok(());
        }
        Err(Error::Import {
            file: self.options.root.join("content"),
            place: String::new(),
            message: crate::t!(
                "import-changed-refused",
                count = self.conflicts.len(),
                list = self.conflicts.join("\n  ")
            ),
            help: crate::t!("import-changed-help"),
        })
    }

    /// A `_department.yaml` for each unit met that has none.
    pub(super) fn departments(&self) -> Vec<Planned> {
        let mut out = Vec::new();
        for (code, name) in &self.departments {
            let path = Path::new("content")
                .join(code)
                .join(crate::layout::DEPARTMENT_FILE);
            if self.options.root.join(&path).exists() {
                continue;
            }
            let flags = if name.is_none() {
                vec![(1, crate::t!("flag-no-unit-name"))]
            } else {
                Vec::new()
            };
            out.push(Planned {
                text: emit::department(code, name.as_deref()),
                path,
                flags,
                rows: 0,
                flagged_rows: 0,
                status: Status::Department,
                source: None,
                name: name.clone().unwrap_or_default(),
                year: None,
                evaluation: None,
            });
        }
        out
    }
}

/// The file name of a source, for the header comment.
fn source_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A new file for `draft`, read from source number `source`.
fn new_file(
    path: PathBuf,
    emitted: emit::Emitted,
    draft: &Draft,
    source: usize,
    year: u16,
) -> Planned {
    Planned {
        path,
        text: emitted.text,
        flags: emitted.flags,
        rows: draft.rows(),
        flagged_rows: draft.flagged_rows(),
        status: Status::New,
        source: Some(source),
        name: draft.name.clone(),
        year: Some(year),
        evaluation: None,
    }
}
