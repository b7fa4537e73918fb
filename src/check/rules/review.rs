//! The review gate: the `# 待核对：<why>` comments that `gongkai import`
//! writes above each of its guesses, until a person deletes them.
//!
//! Each remaining comment is a `review-pending` warning at the comment's
//! own line and column, quoting the reason. A warning, never an error: a
//! guess may well be right, and a plausibility judgement never blocks
//! publication; `check --deny-warnings` is what makes CI refuse to publish
//! unreviewed guesses. The comments are found when a file is loaded
//! ([`crate::yaml::review_comments`]) and kept with its project or
//! department, so nothing here reads text again; the same list feeds the
//! preview's overlay ([`pending_reviews`]).

use std::path::{Path, PathBuf};

use crate::check::{Context, Findings, Rule, severity_of};
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::model::{Project, Site};
use crate::yaml::ReviewComment;

/// The rule's id.
const ID: &str = "review-pending";

pub(super) fn review_pending(project: &Project, _: &Context, out: &mut Findings) {
    for (file, review) in flags(project) {
        out.report_at_in(
            file,
            review.location,
            message(review),
            crate::t!("review-pending-help"),
        );
    }
}

/// A project's open flags and its evaluation's, each with its file.
fn flags(project: &Project) -> impl Iterator<Item = (&Path, &ReviewComment)> {
    let own = project
        .reviews
        .iter()
        .map(|r| (project.source.as_path(), r));
    let evaluation = project
        .evaluation
        .iter()
        .flat_map(|e| e.reviews.iter().map(|r| (e.source.as_path(), r)));
    own.chain(evaluation)
}

fn message(review: &ReviewComment) -> String {
    if review.reason.is_empty() {
        crate::t!("review-pending-bare")
    } else {
        crate::t!("review-pending", reason = review.reason)
    }
}

/// The rule's entry in the table, for its level.
fn rule() -> Option<&'static Rule> {
    super::ALL.iter().find(|r| r.id == ID)
}

/// The flags in the `_department.yaml` files, which no per-project rule
/// sees, at the rule's level (nothing when it is off or below `floor`).
pub(crate) fn departments(site: &Site, floor: Severity) -> Vec<Diagnostic> {
    let config = &site.config.check;
    let Some(severity) = rule().and_then(|r| severity_of(r, config)) else {
        return Vec::new();
    };
    if severity > floor {
        return Vec::new();
    }
    site.departments
        .iter()
        .flat_map(|d| d.reviews.iter().map(move |r| (&d.source, r)))
        .map(|(file, review)| {
            Diagnostic::new(severity, ID, file, message(review))
                .at(Some(review.location))
                .help(crate::t!("review-pending-help"))
        })
        .collect()
}

/// One open review flag, for the preview's list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingReview {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Where the comment's `#` is.
    pub location: Location,
    /// The reason after `待核对：`; empty for a bare marker.
    pub reason: String,
}

/// The open review flags of a site: how many there are, and the first
/// ones in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingReviews {
    /// Every open flag of the site.
    pub total: usize,
    /// The first [`PendingReviews::SHOWN`] of them, by file, line and
    /// column.
    pub first: Vec<PendingReview>,
}

impl PendingReviews {
    /// How many flags the list holds in full: an imported site may carry
    /// thousands, and the overlay is a reminder, not the report (`check`
    /// lists them all).
    pub const SHOWN: usize = 100;
}

/// The site's open review flags, projects and departments, when the rule
/// runs as a warning; none when `site.toml` switched it off or re-levelled
/// it (as an error, they fail the build and show among its errors).
pub fn pending_reviews(site: &Site) -> PendingReviews {
    let severity = rule().and_then(|r| severity_of(r, &site.config.check));
    if severity != Some(Severity::Warning) {
        return PendingReviews::default();
    }
    let projects = site.projects.iter().flat_map(|p| flags(p));
    let departments = site
        .departments
        .iter()
        .flat_map(|d| d.reviews.iter().map(move |r| (d.source.as_path(), r)));
    let mut all: Vec<(&Path, &ReviewComment)> = projects.chain(departments).collect();
    all.sort_by(|a, b| (a.0, a.1.location).cmp(&(b.0, b.1.location)));
    PendingReviews {
        total: all.len(),
        first: all
            .into_iter()
            .take(PendingReviews::SHOWN)
            .map(|(file, review)| PendingReview {
                file: file.to_path_buf(),
                location: review.location,
                reason: review.reason.clone(),
            })
            .collect(),
    }
}
