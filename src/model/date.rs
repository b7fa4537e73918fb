//! Calendar dates as clerks write them: `2023-03-01`, `2023/3/1`,
//! `2023.3.1` or `2023年3月1日`, with full-width digits folded.
//!
//! Content keeps every date as written (the page shows 发布日期 the way
//! the department printed it); this module only *reads* one when a
//! machine needs it, as the Atom feeds and the sitemap do. Reading is
//! strict: anything else around the date (`（示例）2023-03-01`, `2023年春`)
//! is not a date, because a feed dated from a guess would tell collectors
//! something the department never said. `check` names such text when
//! feeds are on (`feed-date-unreadable`).

use std::fmt;

use super::{Project, Revision};

/// A day of the Gregorian calendar, compared by year, month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 1900 to 2100.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to its last day.
    pub day: u8,
}

impl Date {
    /// Reads `text` as a date, or `None`. Surrounding white space is
    /// ignored; nothing else may surround the date.
    pub fn parse(text: &str) -> Option<Date> {
        let folded: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '－' => '-',
                '／' => '/',
                '．' => '.',
                other => other,
            })
            .collect();
        let (year, rest) = split_number(&folded)?;
        let (year_sep, rest) = separator(rest)?;
        let (month, rest) = split_number(rest)?;
        let (month_sep, rest) = separator(rest)?;
        let (day, rest) = split_number(rest)?;
        // The three ways agree with themselves: 年…月…日, or one of
        // `-`, `/`, `.` twice; ISO's leading zeros are optional.
        let ok = match year_sep {
            '年' => month_sep == '月' && (rest == "日" || rest == "号"),
            sep => month_sep == sep && rest.is_empty(),
        };
        if !ok || year.len() != 4 || month.len() > 2 || day.len() > 2 {
            return None;
        }
        let date = Date {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        date.is_valid().then_some(date)
    }

    fn is_valid(self) -> bool {
        (1900..=2100).contains(&self.year)
            && (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
    }

    /// The start of the day in China Standard Time, as RFC 3339 requires
    /// (Atom's `<updated>`): `2023-03-01T00:00:00+08:00`. A disclosure is
    /// dated by the day it was published in China, so the day begins at
    /// midnight Beijing time, not UTC (which would move it to the day
    /// before for every reader's clock that converts).
    pub fn rfc3339(self) -> String {
        format!("{self}T00:00:00+08:00")
    }
}

/// `YYYY-MM-DD`, the W3C date a sitemap's `<lastmod>` takes.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A project's dates as the feeds read them: when it was published, and
/// its latest correction. One definition for `check` (which reports what
/// cannot be read) and the feeds (which use what can).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates<'a> {
    /// 发布日期: the project's own when it writes one (an unreadable one
    /// is not replaced by the site's, which is only a default for projects
    /// that state none), else the site's `[publication] published`.
    pub published: Option<Date>,
    /// The latest revision with a readable date (the later one in the
    /// list when two share a day), and that date.
    pub revised: Option<(Date, &'a Revision)>,
}

impl<'a> Dates<'a> {
    /// The dates of `project`, with `site_published` the site's default
    /// 发布日期 as written. Blank text counts as unwritten, as on the page.
    pub fn of(project: &'a Project, site_published: Option<&str>) -> Dates<'a> {
        let own = project
            .published
            .as_deref()
            .filter(|t| !t.trim().is_empty());
        let published = match own {
            Some(own) => Date::parse(own),
            None => site_published
                .filter(|t| !t.trim().is_empty())
                .and_then(Date::parse),
        };
        let revised = project
            .revisions
            .iter()
            .filter_map(|r| Some((Date::parse(&r.date)?, r)))
            .fold(
                None,
                |latest: Option<(Date, &Revision)>, next| match latest {
                    Some(l) if l.0 > next.0 => Some(l),
                    _ => Some(next),
                },
            );
        Dates { published, revised }
    }

    /// The day the disclosure last changed: its latest readable revision,
    /// else its publication; `None` when it has no readable date at all.
    pub fn updated(&self) -> Option<Date> {
        self.published.max(self.revised.map(|(d, _)| d))
    }
}

fn split_number(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    (end > 0).then(|| text.split_at(end))
}

fn separator(text: &str) -> Option<(char, &str)> {
    let c = text.chars().next()?;
    matches!(c, '-' | '/' | '.' | '年' | '月').then(|| (c, &text[c.len_utf8()..]))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Option<String> {
        Date::parse(text).map(|d| d.to_string())
    }

    #[test]
    fn the_ways_clerks_write_a_date() {
        for text in [
            "2023-03-01",
            "2023-3-1",
            "2023/3/1",
            "2023.03.01",
            "2023年3月1日",
            "2023年03月01日",
            "2023年3月1号",
            " ２０２３年３月１日 ",
            "２０２３－０３－０１",
        ] {
            assert_eq!(d(text).as_deref(), Some("2023-03-01"), "{text}");
        }
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for text in [
            "（示例）2023-03-01",
            "2023年春",
            "2023年3月",
            "2023-03",
            "2023-03/01",
            "2023年3-1",
            "2023-02-29",
            "2023-13-01",
            "23-03-01",
            "2023-03-01T08:00",
            "2023-003-01",
            "",
        ] {
            assert_eq!(d(text), None, "{text}");
        }
        assert_eq!(d("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(d("1900-02-29"), None);
    }

    #[test]
    fn rfc3339_is_midnight_in_china() {
        let date = Date::parse("2023年3月1日").unwrap();
        assert_eq!(date.rfc3339(), "2023-03-01T00:00:00+08:00");
        assert!(Date::parse("2023-03-02").unwrap() > date);
    }
}
