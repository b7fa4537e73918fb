//! Source text that a spreadsheet would run as a formula: `=HYPERLINK(…)`,
//! `+cmd`, `@SUM(…)` in a name, goal, detail or note. The CSV downloads
//! already neutralise such text (see [`crate::formula`]), so this is a
//! warning for the publisher, never an error: text like that in a
//! published table is most likely pasted from a spreadsheet by mistake,
//! or planted. A comparator before a figure (`=100%`, an 指标值 real
//! tables print) is not formula-like.

use crate::check::{Context, Findings};
use crate::model::Project;

use super::privacy::texts;

pub(super) fn formula_like_text(project: &Project, _: &Context, out: &mut Findings) {
    for (field, text) in texts(project) {
        if crate::formula::looks_like_formula(text) {
            let start: String = text.trim_start().chars().take(24).collect();
            out.report(
                field,
                crate::t!("formula-like-text", start = start),
                crate::t!("formula-like-text-help"),
            );
        }
    }
}
