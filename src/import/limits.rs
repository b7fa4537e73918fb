//! The import's size limits, and the one refusal they all produce.
//!
//! A source is untrusted: a 2 KB workbook can declare a cell at
//! `XFD1048576`, a 1 MB zip can unpack to gigabytes, an HTML cell can span
//! 500 × 500 cells. Every reader asks this module *before* it allocates
//! for what a file claims, so that a hostile or broken file is refused
//! with a message naming the file, the sheet or line, and the limit —
//! never a panic, an abort for want of memory, or a hang.
//!
//! The limits are far above any real table: a 绩效目标 form has fewer
//! than 1,000 rows, the largest list exports (a county's whole year, one
//! indicator per row) have tens of thousands. Each one is chosen so that
//! the largest source accepted still imports in seconds and well under a
//! gigabyte of memory on the 2-core development machine.

use super::table::a1;

/// Bytes of one source file on disk (.xlsx, .xls, .csv, .txt): 128 MiB,
/// ten times the size of a 100,000-row list export as CSV.
pub(crate) const MAX_FILE_BYTES: u64 = 128 << 20;

/// Bytes of one saved web page: 32 MiB. The HTML parser keeps the whole
/// document tree, several times the file's size; a saved 绩效目标 page is
/// well under 1 MiB.
pub(crate) const MAX_HTML_BYTES: u64 = 32 << 20;

/// Bytes a workbook's zip package unpacks to, all parts together: 256
/// MiB. A 100,000-row list unpacks to about 60 MiB; a zip bomb to
/// gigabytes from a file of a few kilobytes.
pub(crate) const MAX_UNZIPPED_BYTES: u64 = 256 << 20;

/// Parts in one workbook package. A workbook has a few dozen (sheets,
/// styles, relationships, images).
pub(crate) const MAX_ZIP_ENTRIES: usize = 10_000;

/// Rows of one sheet, HTML table or text file: twice the largest list
/// export known.
pub(crate) const MAX_ROWS: u64 = 200_000;

/// Columns of one sheet or table. A form has fewer than 20, a list
/// export fewer than 60.
pub(crate) const MAX_COLUMNS: u64 = 1_024;

/// Cells of one source file, all sheets or tables together, counted as
/// the grid gongkai builds (rows × columns of each sheet's used range, or
/// each row's cells in CSV and text): 4,000,000, a 100,000-row list of
/// 40 columns. Each cell of the grid costs about 60 bytes before its text.
pub(crate) const MAX_CELLS: u64 = 4_000_000;

/// Characters of one cell: 32,767, Excel's own limit, so no real
/// workbook (nor its CSV or web page) has a longer one.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Bytes of text in all cells of one source file: 512 MiB. A shared
/// string is stored once in the file but copied into every cell that uses
/// it, and a merged region's text into every cell it covers, so a small
/// file can name gigabytes of text; a 100,000-row list whose 年度目标 is
/// merged over each project's rows holds about 150 MiB.
pub(crate) const MAX_TEXT_BYTES: u64 = 512 << 20;

/// A source refused for its size: where, what was exceeded, what to do.
/// The caller attaches the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The sheet, table or page (`工作表 Sheet1`), when one is concerned.
    pub(crate) part: Option<String>,
    /// The cell (`XFD1048576`) or line (`第 3 行`), when one is concerned.
    pub(crate) at: Option<String>,
    pub(crate) message: String,
    pub(crate) help: String,
}

impl Refusal {
    /// A refusal with the common advice for a limit.
    pub(crate) fn limit(message: String) -> Refusal {
        Refusal {
            part: None,
            at: None,
            message,
            help: crate::t!("import-limit-help"),
        }
    }

    /// A refusal of a file that no spreadsheet program writes (a part
    /// larger than declared, overlapping merged regions): saving it again
    /// is the fix.
    pub(crate) fn damaged(message: String) -> Refusal {
        Refusal {
            help: crate::t!("import-limit-damaged-help"),
            ..Refusal::limit(message)
        }
    }

    /// The same refusal, about the sheet or table `part`.
    pub(crate) fn in_part(mut self, part: &str) -> Refusal {
        self.part.get_or_insert_with(|| part.to_owned());
        self
    }

    /// The same refusal, about the cell or line `at`.
    pub(crate) fn at(mut self, at: impl ToString) -> Refusal {
        self.at.get_or_insert_with(|| at.to_string());
        self
    }

    /// `, 工作表 Sheet1, XFD1048576`: the suffix of the file name in the
    /// error line, as every import error spells it.
    pub(crate) fn place(&self) -> String {
        let mut out = String::new();
        for piece in [&self.part, &self.at].into_iter().flatten() {
            out.push_str(", ");
            out.push_str(piece);
        }
        out
    }
}

/// `4000000` → `4,000,000`: limits are read by people.
pub(crate) fn grouped(n: u64) -> String {
    super::numfmt::group(&n.to_string())
}

/// `268435456` → `256 MiB`.
pub(crate) fn mib(bytes: u64) -> String {
    format!("{} MiB", grouped(bytes.div_ceil(1 << 20)))
}

/// Refuses a file of `size` bytes when it exceeds `max`.
pub(crate) fn file_size(size: u64, max: u64) -> Result<(), Refusal> {
    if size > max {
        return Err(Refusal::limit(crate::t!(
            "import-limit-file",
            size = mib(size),
            limit = mib(max)
        )));
    }
    Ok(())
}

/// Reads at most `max` bytes of the regular file `path`, refusing a
/// longer file. The length is checked while reading, not from the file's
/// metadata alone, so a file that grows cannot be read without end; the
/// file is opened non-blocking and must be a regular file, so a FIFO or a
/// device named like a source can neither block nor flood the import.
pub(crate) fn read(path: &std::path::Path, max: u64) -> Result<Vec<u8>, ReadFailure> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadFailure::Io)?;
    let meta = file.metadata().map_err(ReadFailure::Io)?;
    if !meta.is_file() {
        return Err(ReadFailure::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            crate::t!("import-not-a-file"),
        )));
    }
    file_size(meta.len(), max).map_err(ReadFailure::Refused)?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    file_size(bytes.len() as u64, max).map_err(ReadFailure::Refused)?;
    Ok(bytes)
}

/// Why [`read`] failed.
#[derive(Debug)]
pub(crate) enum ReadFailure {
    Io(std::io::Error),
    Refused(Refusal),
}

/// Refuses a cell of more than [`MAX_CELL_CHARS`] characters. Counting
/// stops at the limit, so a huge cell costs no more than a long one.
pub(crate) fn cell_text(text: &str) -> Result<(), Refusal> {
    // A char is at most 4 bytes: a short cell needs no counting.
    if text.len() > MAX_CELL_CHARS && text.chars().nth(MAX_CELL_CHARS).is_some() {
        return Err(Refusal::limit(crate::t!(
            "import-limit-text",
            limit = grouped(MAX_CELL_CHARS as u64)
        )));
    }
    Ok(())
}

/// Refuses a grid of `rows` × `cols` (one-based counts) whose far corner
/// is the zero-based `(row, col)`, before it is built.
pub(crate) fn extent(rows: u64, cols: u64) -> Result<(), Refusal> {
    let corner = || {
        a1(
            rows.saturating_sub(1).min(u64::from(u32::MAX)) as u32,
            cols.saturating_sub(1).min(u64::from(u32::MAX - 1)) as u32,
        )
    };
    if rows > MAX_ROWS {
        return Err(Refusal::limit(crate::t!(
            "import-limit-rows",
            corner = corner(),
            rows = grouped(rows),
            limit = grouped(MAX_ROWS)
        )));
    }
    if cols > MAX_COLUMNS {
        return Err(Refusal::limit(crate::t!(
            "import-limit-columns",
            corner = corner(),
            cols = grouped(cols),
            limit = grouped(MAX_COLUMNS)
        )));
    }
    Ok(())
}

/// The cells and the text one source file may still fill, shared by its
/// sheets or tables, so that many sheets under the limit cannot add up
/// past it.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    used: u64,
    text: u64,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget::new()
    }
}

impl Budget {
    pub(crate) fn new() -> Budget {
        Budget { used: 0, text: 0 }
    }

    /// Whether `cells` more would still fit, without taking them.
    pub(crate) fn check(&self, cells: u64) -> Result<(), Refusal> {
        if self.used.saturating_add(cells) > MAX_CELLS {
            return Err(Refusal::limit(crate::t!(
                "import-limit-cells",
                cells = grouped(self.used.saturating_add(cells)),
                limit = grouped(MAX_CELLS)
            )));
        }
        Ok(())
    }

    /// Takes `cells` from the budget, or refuses.
    pub(crate) fn take(&mut self, cells: u64) -> Result<(), Refusal> {
        self.check(cells)?;
        self.used += cells;
        Ok(())
    }

    /// Takes `bytes` of cell text from the budget, or refuses; called
    /// before the text is copied into a cell.
    pub(crate) fn text(&mut self, bytes: u64) -> Result<(), Refusal> {
        self.text = self.text.saturating_add(bytes);
        if self.text > MAX_TEXT_BYTES {
            return Err(Refusal::limit(crate::t!(
                "import-limit-text-total",
                limit = mib(MAX_TEXT_BYTES)
            )));
        }
        Ok(())
    }

    /// Checks a whole grid of `rows` × `cols` and takes its cells.
    pub(crate) fn grid(&mut self, rows: u64, cols: u64) -> Result<(), Refusal> {
        extent(rows, cols)?;
        self.take(rows.saturating_mul(cols))
    }
}

/// Checks OCR text (one row per line, cells at tabs, or at spaces when the
/// tabs were lost) before the reader splits it: lines, cells per line,
/// characters per cell and cells in all.
pub(crate) fn ocr_text(text: &str) -> Result<(), Refusal> {
    let mut budget = Budget::new();
    let mut lines = 0u64;
    for (index, line) in text.lines().enumerate() {
        lines += 1;
        let at = || crate::t!("unplaced-line", line = index + 1);
        extent(lines, 1).map_err(|r| r.at(at()))?;
        // Split at tabs, or at runs of spaces: whichever gives more cells
        // bounds what the reader can make of the line.
        let tabs = line.split('\t').count() as u64;
        let words = line.split_whitespace().count() as u64;
        let cells = tabs.max(words).max(1);
        extent(1, cells).map_err(|r| r.at(at()))?;
        budget.take(cells).map_err(|r| r.at(at()))?;
        for cell in line.split('\t') {
            cell_text(cell).map_err(|r| r.at(at()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(4_000_000), "4,000,000");
        assert_eq!(grouped(999), "999");
        assert_eq!(mib(256 << 20), "256 MiB");
        assert_eq!(mib(1), "1 MiB");
    }

    #[test]
    fn extents_and_budgets_refuse_before_building() {
        assert!(extent(1_048_576, 16_384).is_err());
        assert!(extent(1_000, 20).is_ok());
        let mut budget = Budget::new();
        assert!(budget.grid(100_000, 40).is_ok());
        assert!(budget.grid(1, 1).is_err(), "the file's cells are shared");
        assert!(Budget::new().grid(MAX_ROWS, MAX_COLUMNS).is_err());
        let mut budget = Budget::new();
        assert!(budget.text(MAX_TEXT_BYTES).is_ok());
        assert!(budget.text(1).is_err());
    }

    #[test]
    fn long_cells_are_refused_without_counting_everything() {
        assert!(cell_text(&"字".repeat(MAX_CELL_CHARS)).is_ok());
        assert!(cell_text(&"a".repeat(MAX_CELL_CHARS + 1)).is_err());
    }

    #[test]
    fn ocr_text_is_measured_per_line() {
        assert!(ocr_text("a\tb\tc\n").is_ok());
        assert!(ocr_text(&"\t".repeat(2_000)).is_err());
        assert!(ocr_text(&"a ".repeat(2_000)).is_err());
        let refusal = ocr_text(&format!("x\n{}", "a".repeat(40_000))).unwrap_err();
        assert!(refusal.place().contains('2'), "{refusal:?}");
    }
}
