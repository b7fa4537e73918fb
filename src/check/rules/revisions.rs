//! `revision-basis`: a 调整 (an approved change of an amount, a target or
//! the indicator set) must name its basis, the approval's 文号 or date.
//!
//! 财预〔2015〕88号 第二十八条: targets once set are adjusted only through
//! the budget-adjustment procedure, so a reader of a changed table must be
//! able to find the approval. A warning, like every rule that judges what
//! a person still has to write in; `check --deny-warnings` makes CI refuse
//! it. `gongkai diff --record` writes such entries with an empty basis,
//! which this rule then flags until it is filled in.

use crate::check::{Context, Findings};
use crate::model::{Project, RevisionKind};

pub(super) fn revision_basis(project: &Project, _: &Context, out: &mut Findings) {
    for (i, revision) in project.revisions.iter().enumerate() {
        let blank = revision
            .basis
            .as_deref()
            .is_none_or(|b| b.trim().is_empty());
        if revision.kind == Some(RevisionKind::Adjustment) && blank {
            let field = if revision.basis.is_some() {
                format!("revisions[{i}].basis")
            } else {
                format!("revisions[{i}]")
            };
            out.report(
                field,
                crate::t!("revision-basis", date = revision.date),
                crate::t!("revision-basis-help"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::config::Config;
    use crate::diagnostics::Severity;
    use crate::model::{Project, Site};

    fn findings(revisions: &str) -> Vec<String> {
        let mut project: Project = crate::yaml::from_str(&format!(
            "{{year: 2023, name: p, amount: 1, goals: [g], indicators: [], revisions: {revisions}}}"
        ))
        .unwrap();
        project.source = "content/1/p.yaml".into();
        let site = Site::of_projects(Config::new("t"), vec![Arc::new(project)]);
        crate::check::check_site(&site, Severity::Info)
            .into_iter()
            .filter(|d| d.rule == "revision-basis")
            .map(|d| d.field.unwrap_or_default())
            .collect()
    }

    #[test]
    fn an_adjustment_needs_a_basis() {
        assert_eq!(
            findings("[{date: 2024-05-01, note: n, kind: 调整}]"),
            ["revisions[0]"]
        );
        assert_eq!(
            findings("[{date: 2024-05-01, note: n, kind: 调整, basis: ' '}]"),
            ["revisions[0].basis"]
        );
        assert!(
            findings("[{date: 2024-05-01, note: n, kind: 调整, basis: 财预〔2024〕1号}]")
                .is_empty()
        );
        assert!(findings("[{date: 2024-05-01, note: n, kind: 勘误}]").is_empty());
        assert!(findings("[{date: 2024-05-01, note: n}]").is_empty());
    }
}
