//! The 修订记录 of a project page and the site's 更正说明 page.
//!
//! 财预〔2015〕88号 第二十八条: targets once set are 一般不予调整, and a real
//! change goes through the budget-adjustment approval; the 政府信息公开条例
//! wants changed information republished. A reader therefore needs to see,
//! for every change, when it was made, whether it was a 勘误 (the table
//! did not match what was approved) or a 调整 (an approved change), what
//! changed, and on what basis. This module computes those rows once, for
//! both pages, in the order [`newest_first`] defines, with the words from
//! the theme's strings. Nothing is made up: a revision without a kind says
//! 未注明, an adjustment without its basis says 未注明, and a correction,
//! which needs no approval, says 不适用 unless it names a basis anyway.
//! A superseded table (an attachment with `superseded`) is linked in the
//! row of the revision that replaced it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Sizes;
use super::attachments::AttachmentLink;
use super::figures::string;
use crate::model::date::Date;
use crate::model::revision::{is_day_of, newest_first};
use crate::model::{Evaluation, Project, Revision, RevisionKind, Site};
use crate::render::plan::{PageKind, href_of};

/// One revision as a table row.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RevisionRow {
    /// As written.
    pub date: String,
    /// `correction`, `adjustment` or `unstated`, for the row's class.
    pub kind: &'static str,
    /// 勘误, 调整 or 未注明.
    pub kind_label: String,
    pub note: String,
    /// The stated basis, else 未注明 (or 不适用 for a correction).
    pub basis: String,
    /// True when a basis is wanted but not given (an adjustment, or a
    /// revision of unstated kind, without one): `basis` says 未注明.
    pub basis_missing: bool,
    /// The tables this revision replaced.
    pub superseded: Vec<AttachmentLink>,
}

impl RevisionRow {
    fn new(
        revision: &Revision,
        superseded: &[(&str, AttachmentLink)],
        strings: &BTreeMap<String, String>,
    ) -> RevisionRow {
        let (kind, kind_label) = kind_words(revision.kind, strings);
        let stated = revision
            .basis
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty());
        let basis = match (stated, revision.kind) {
            (Some(b), _) => b.to_owned(),
            (None, Some(RevisionKind::Correction)) => {
                string(strings, "revision_basis_not_needed", "不适用").to_owned()
            }
            (None, _) => string(strings, "revision_unstated", "未注明").to_owned(),
        };
        RevisionRow {
            date: revision.date.trim().to_owned(),
            kind,
            kind_label,
            note: revision.note.trim().to_owned(),
            basis,
            basis_missing: stated.is_none() && revision.kind != Some(RevisionKind::Correction),
            superseded: superseded
                .iter()
                .filter(|(day, _)| is_day_of(revision, day))
                .map(|(_, link)| link.clone())
                .collect(),
        }
    }
}

/// The class key and the theme's word for a revision's kind.
pub(crate) fn kind_words(
    kind: Option<RevisionKind>,
    strings: &BTreeMap<String, String>,
) -> (&'static str, String) {
    let (key, string_key, default) = match kind {
        Some(RevisionKind::Correction) => ("correction", "revision_correction", "勘误"),
        Some(RevisionKind::Adjustment) => ("adjustment", "revision_adjustment", "调整"),
        None => ("unstated", "revision_unstated", "未注明"),
    };
    (key, string(strings, string_key, default).to_owned())
}

/// A project page's 修订记录: its rows, newest first.
#[derive(Debug, Serialize)]
pub(crate) struct RevisionsView {
    pub rows: Vec<RevisionRow>,
    /// Some row links a superseded table, so the table has that column.
    pub has_superseded: bool,
    /// The site's 更正说明 page, relative to the site root.
    pub corrections_href: String,
    /// The section's id: `revisions`, or `ev-revisions` for the 自评表's
    /// own, which the same page may show too.
    pub id: &'static str,
    /// The 修订记录 of the 绩效自评表 rather than of the target table.
    pub evaluation: bool,
}

impl RevisionsView {
    /// `None` for a project without revisions: the page has no section.
    pub(crate) fn new(
        project: &Project,
        sizes: &Sizes,
        strings: &BTreeMap<String, String>,
    ) -> Option<RevisionsView> {
        let rows = rows_of(project, sizes, strings);
        (!rows.is_empty()).then(|| RevisionsView {
            has_superseded: rows.iter().any(|r| !r.superseded.is_empty()),
            rows,
            corrections_href: href_of(&PageKind::Corrections),
            id: "revisions",
            evaluation: false,
        })
    }

    /// The 修订记录 of a project's 绩效自评表, in the same order and words;
    /// `None` without revisions. Attachments belong to the target table,
    /// so no row links a superseded one.
    pub(crate) fn of_evaluation(
        evaluation: &Evaluation,
        strings: &BTreeMap<String, String>,
    ) -> Option<RevisionsView> {
        let rows: Vec<RevisionRow> = newest_first(&evaluation.revisions)
            .into_iter()
            .map(|(_, r)| RevisionRow::new(r, &[], strings))
            .collect();
        (!rows.is_empty()).then(|| RevisionsView {
            has_superseded: false,
            rows,
            corrections_href: href_of(&PageKind::Corrections),
            id: "ev-revisions",
            evaluation: true,
        })
    }
}

fn rows_of(
    project: &Project,
    sizes: &Sizes,
    strings: &BTreeMap<String, String>,
) -> Vec<RevisionRow> {
    let superseded = AttachmentLink::superseded(project, sizes);
    newest_first(&project.revisions)
        .into_iter()
        .map(|(_, r)| RevisionRow::new(r, &superseded, strings))
        .collect()
}

/// One row of the 更正说明 page: a revision with its project.
#[derive(Debug, Serialize)]
pub(crate) struct CorrectionRow {
    pub project: String,
    pub href: String,
    pub department: String,
    pub year: u16,
    /// Set for a revision of the project's 绩效自评 rather than of its
    /// target table: the document's name, for the row's label.
    pub document: Option<String>,
    pub revision: RevisionRow,
}

/// The 更正说明 page: every revision of every project.
#[derive(Debug, Serialize)]
pub(crate) struct CorrectionsView {
    pub rows: Vec<CorrectionRow>,
    pub has_superseded: bool,
    /// How many rows are 勘误, 调整 and of unstated kind.
    pub corrections: usize,
    pub adjustments: usize,
    pub unstated: usize,
}

impl CorrectionsView {
    /// Rows newest first by readable date (unreadable dates last); on one
    /// day in the projects' order (department, year, file name), and
    /// within a project in its own [`newest_first`] order.
    pub(crate) fn new(
        site: &Site,
        sizes: &Sizes,
        strings: &BTreeMap<String, String>,
    ) -> CorrectionsView {
        let mut keyed: Vec<(Option<Date>, usize, usize, CorrectionRow)> = Vec::new();
        let evaluation_name = string(strings, "ev_document", "绩效自评表");
        for (p, project) in site.projects.iter().enumerate() {
            let evaluation = project.evaluation.as_deref();
            let own = evaluation.map_or(&[][..], |e| e.revisions.as_slice());
            if project.revisions.is_empty() && own.is_empty() {
                continue;
            }
            let department = site
                .department(&project.department)
                .map_or(project.department.as_str(), |d| d.name.as_str());
            let superseded = AttachmentLink::superseded(project, sizes);
            let href = href_of(&PageKind::Project(project.key()));
            // The target table's revisions, then its 绩效自评's, which has
            // no superseded originals and is linked at its section.
            let documents = [
                (&project.revisions[..], None, href.clone(), &superseded[..]),
                (
                    own,
                    Some(evaluation_name),
                    format!("{href}#evaluation"),
                    &[][..],
                ),
            ];
            let mut n = 0;
            for (revisions, document, href, superseded) in documents {
                for (_, revision) in newest_first(revisions) {
                    let row = CorrectionRow {
                        project: project.name.clone(),
                        href: href.clone(),
                        department: department.to_owned(),
                        year: project.year,
                        document: document.map(str::to_owned),
                        revision: RevisionRow::new(revision, superseded, strings),
                    };
                    keyed.push((Date::parse(&revision.date), p, n, row));
                    n += 1;
                }
            }
        }
        keyed.sort_by(|a, b| (b.0, a.1, a.2).cmp(&(a.0, b.1, b.2)));
        let rows: Vec<CorrectionRow> = keyed.into_iter().map(|(.., row)| row).collect();
        let count = |kind: &str| rows.iter().filter(|r| r.revision.kind == kind).count();
        CorrectionsView {
            has_superseded: rows.iter().any(|r| !r.revision.superseded.is_empty()),
            corrections: count("correction"),
            adjustments: count("adjustment"),
            unstated: count("unstated"),
            rows,
        }
    }
}
