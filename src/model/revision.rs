//! The order of a project's 修订记录, and which revision a superseded
//! attachment belongs to.
//!
//! A page's 修订记录 table, its 上次更新 line, the site's 更正说明 page
//! and the Atom feeds all need "the newest revision first"; this module is
//! the one definition, so that none of them can name a different latest
//! change. Dates are compared as [`Date`]s read by [`crate::model::date`]
//! (`2023年5月10日` and `2023-05-10` are one day), never as text: as text,
//! `2023年10月1日` would sort before `2023年9月1日`.

use super::Revision;
use super::date::Date;

/// `revisions` newest first: by readable date, later days first; on one
/// day, the one written later in the list first (clerks append, so the
/// later entry is the newer). Revisions whose date cannot be read come
/// last, also later-written first: their place in time is unknown, and
/// putting them first would present a guess as the newest change. Each
/// comes with its position in the list.
pub fn newest_first(revisions: &[Revision]) -> Vec<(usize, &Revision)> {
    let mut rows: Vec<(Option<Date>, usize, &Revision)> = revisions
        .iter()
        .enumerate()
        .map(|(i, r)| (Date::parse(&r.date), i, r))
        .collect();
    // `None` sorts before every date, so a reversed sort puts it last.
    rows.sort_by_key(|&(date, i, _)| std::cmp::Reverse((date, i)));
    rows.into_iter().map(|(_, i, r)| (i, r)).collect()
}

/// The newest revision (the first of [`newest_first`]), shown as 上次更新.
/// Agrees with [`super::date::Dates::revised`] whenever some date is
/// readable.
pub fn latest(revisions: &[Revision]) -> Option<&Revision> {
    newest_first(revisions).first().map(|&(_, r)| r)
}

/// True when an attachment's `superseded` date names the day of
/// `revision`: the same readable day however each is written, else the
/// same text.
pub fn is_day_of(revision: &Revision, superseded: &str) -> bool {
    match (Date::parse(&revision.date), Date::parse(superseded)) {
        (Some(a), Some(b)) => a == b,
        _ => revision.date.trim() == superseded.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(date: &str, note: &str) -> Revision {
        Revision {
            date: date.into(),
            note: note.into(),
            kind: None,
            basis: None,
        }
    }

    #[test]
    fn newest_first_by_day_then_list_order_unreadable_last() {
        let list = [
            revision("2023年9月1日", "a"),
            revision("（示例）", "b"),
            revision("2023-10-01", "c"),
            revision("2023-09-01", "d"),
            revision("2023年春", "e"),
        ];
        let order: Vec<&str> = newest_first(&list)
            .iter()
            .map(|(_, r)| r.note.as_str())
            .collect();
        assert_eq!(order, ["c", "d", "a", "e", "b"]);
        assert_eq!(latest(&list).unwrap().note, "c");
        assert_eq!(latest(&[]), None);
    }

    #[test]
    fn a_day_matches_however_written() {
        let r = revision("2023年5月10日", "x");
        assert!(is_day_of(&r, "2023-05-10"));
        assert!(!is_day_of(&r, "2023-05-11"));
        assert!(is_day_of(&revision("（示例）五月", "x"), " （示例）五月"));
    }
}
