//! Reading a project's 绩效自评 file, `<slug>.evaluation.yaml`, together
//! with the project beside it.
//!
//! The pairing is by file name alone (see [`layout::evaluation_of`]), so a
//! rename of the project that forgets its evaluation leaves a file with no
//! project, which [`orphans`] refuses by name rather than dropping it from
//! the site. What the evaluation says about its rows (which target each
//! matches, whether it was met) is not decided here: it is domain logic,
//! in [`crate::indicator::results`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::parse::{self, Levels, fill_level_tables, parse_yaml};
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::model::{Evaluation, Project};
use crate::yaml;

/// Reads the evaluation beside the project file `rel`, if there is one,
/// and attaches it to `project`.
pub(super) fn read_beside(
    root: &Path,
    rel: &Path,
    project: &mut Project,
) -> Result<(), Diagnostic> {
    let file = layout::evaluation_of(rel);
    // Anything at that name is read, links and FIFOs included, so that it
    // is refused exactly as a project file would be, never passed over.
    if std::fs::symlink_metadata(root.join(&file)).is_err() {
        return Ok(());
    }
    let text = parse::read_text(root, &file)?;
    attach(project, &text, &file, rel)
}

/// Parses the evaluation `text` of the file `file` and attaches it to
/// `project` (whose file is `rel`), refusing one of another year. Shared
/// with `gongkai diff`, which reads both from a git tree.
pub(crate) fn attach(
    project: &mut Project,
    text: &str,
    file: &Path,
    rel: &Path,
) -> Result<(), Diagnostic> {
    let evaluation = evaluation(text, file)?;
    if evaluation.year != project.year {
        return Err(Diagnostic::error(
            "evaluation-year",
            file,
            crate::t!(
                "evaluation-year",
                year = evaluation.year,
                project_year = project.year,
                project = rel.display()
            ),
        )
        .field("year")
        .help(crate::t!("evaluation-year-help")));
    }
    project.evaluation = Some(Arc::new(evaluation));
    Ok(())
}

/// Parses one evaluation file's text, without touching the disk.
pub(crate) fn evaluation(text: &str, rel: &Path) -> Result<Evaluation, Diagnostic> {
    let mut evaluation: Evaluation = parse_yaml(text, rel)?;
    markdown_limits(&evaluation, rel)?;
    let rows: Vec<Levels<'_>> = evaluation
        .indicators
        .iter_mut()
        .map(|r| (&mut r.level1, &mut r.level2))
        .collect();
    fill_level_tables(vec![("indicators", rows)], text, rel)?;
    evaluation.source = rel.to_path_buf();
    evaluation.reviews = yaml::review_comments(text);
    Ok(evaluation)
}

/// Refuses a Markdown field nested deeper than a page can show, as
/// `parse::markdown_limits` does for a project.
fn markdown_limits(evaluation: &Evaluation, rel: &Path) -> Result<(), Diagnostic> {
    let fields = [
        ("objective", evaluation.objective.as_ref()),
        ("outcome", evaluation.outcome.as_ref()),
        ("notes", evaluation.notes.as_ref()),
        ("budget.note", evaluation.budget.note.as_ref()),
    ];
    let present = fields
        .into_iter()
        .filter_map(|(field, text)| Some((field.to_owned(), text?)));
    parse::markdown_fields_within_limits(present, rel)
}

/// The evaluation files among `evaluations` with no project file beside
/// them in `projects`, each refused: there is no target table to show its
/// results against, and dropping it from the site without a word would
/// lose a published document.
pub(crate) fn orphans<'a>(
    evaluations: impl IntoIterator<Item = &'a PathBuf>,
    projects: &BTreeSet<&Path>,
) -> Vec<Diagnostic> {
    evaluations
        .into_iter()
        .filter_map(|file| {
            let project = layout::project_of_evaluation(file)?;
            (!projects.contains(project.as_path())).then(|| orphan(file, &project))
        })
        .collect()
}

/// The finding for an evaluation whose project file `project` is absent.
pub(crate) fn orphan(file: &Path, project: &Path) -> Diagnostic {
    Diagnostic::error(
        "evaluation-orphan",
        file,
        crate::t!("evaluation-orphan", project = project.display()),
    )
    .help(crate::t!(
        "evaluation-orphan-help",
        project = project.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_repeat_the_levels_above() {
        let e = evaluation(
            "year: 2023\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: a, actual: 1次}\n  - {name: b, actual: 2次}\n",
            Path::new("content/1/p.evaluation.yaml"),
        )
        .unwrap();
        assert_eq!(&*e.indicators[1].level2, "数量指标");
        assert_eq!(e.source, Path::new("content/1/p.evaluation.yaml"));
    }

    #[test]
    fn an_evaluation_without_its_project_is_named() {
        let files = [
            PathBuf::from("content/1/a.evaluation.yaml"),
            PathBuf::from("content/1/b.evaluation.yaml"),
        ];
        let a = Path::new("content/1/a.yaml");
        let found = orphans(&files, &BTreeSet::from([a]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "evaluation-orphan");
        assert_eq!(found[0].file, Path::new("content/1/b.evaluation.yaml"));
    }
}
