//! One table model for every reader with real tables (HTML, DOCX, ODT): cells placed on a
//! grid of slots as their spans say, each slot covered by a merged cell marked as such and
//! repeating that cell's text (see [`StructuredTable`]).
//!
//! Readers say what their format says: a cell with its column and row spans (HTML `colspan`/
//! `rowspan`, ODT `number-columns-spanned`/`number-rows-spanned`, Word `gridSpan`), a cell
//! that continues the one above (Word `vMerge`), slots left empty before or after a row's
//! cells (Word `gridBefore`/`gridAfter`). Bounds keep hostile tables small: at most
//! [`MAX_COLUMNS`] slots a row, spans clamped to the rows left in their group, and at most
//! [`MAX_REPEATED_BYTES`] of text repeated into covered slots per document.

use crate::ParseError;
use chc_model::{Block, BlockKind, Covered, StructuredCell, StructuredRow, StructuredTable};

/// Widest table read: cells past this column are dropped (forms have under a dozen).
pub const MAX_COLUMNS: usize = 100;
/// Most text merged cells may repeat into the slots they cover, per document.
pub const MAX_REPEATED_BYTES: usize = 64 << 20;

/// Text a document's merged cells repeat, against [`MAX_REPEATED_BYTES`].
#[derive(Debug, Default)]
pub struct RepeatBudget(usize);

impl RepeatBudget {
    fn spend(&mut self, text: &str) -> Result<(), ParseError> {
        self.0 += text.len();
        if self.0 > MAX_REPEATED_BYTES {
            return Err(ParseError::LimitExceeded(format!("merged table cells repeat more than {MAX_REPEATED_BYTES} bytes of text")));
        }
        Ok(())
    }
}

/// A cell carried down into the rows below it by a row span.
#[derive(Debug, Clone)]
struct Carry {
    rows_left: usize,
    text: String,
    header: bool,
}

/// Builds one table's rows (one row group at a time, see [`GridBuilder::end_group`]).
#[derive(Debug, Default)]
pub struct GridBuilder {
    rows: Vec<StructuredRow>,
    carry: Vec<Option<Carry>>,
    /// Rows left in the current row group, when the reader knows it (row spans stop there).
    group_rows_left: Option<usize>,
}

impl GridBuilder {
    /// Start a row group of `rows` rows (`None`: unknown, spans are not clamped).
    pub fn start_group(&mut self, rows: Option<usize>) {
        self.carry.clear();
        self.group_rows_left = rows;
    }

    /// End a row group: spans from it do not reach the next one.
    pub fn end_group(&mut self) {
        self.carry.clear();
        self.group_rows_left = None;
    }

    pub fn start_row(&mut self, location: u32, header: bool) {
        self.rows.push(StructuredRow { location, header, cells: Vec::new() });
    }

    fn row(&mut self) -> &mut StructuredRow {
        if self.rows.is_empty() {
            self.start_row(0, false);
        }
        self.rows.last_mut().expect("a row is open")
    }

    /// Slots of the open row taken by cells carried from above, up to the next free one.
    fn take_carried(&mut self, budget: &mut RepeatBudget) -> Result<(), ParseError> {
        loop {
            let col = self.row().cells.len();
            if col >= MAX_COLUMNS {
                return Ok(());
            }
            let Some(Some(c)) = self.carry.get_mut(col) else { return Ok(()) };
            budget.spend(&c.text)?;
            let cell = StructuredCell { text: c.text.clone(), header: c.header, covered: Covered::FromAbove };
            c.rows_left -= 1;
            if c.rows_left == 0 {
                self.carry[col] = None;
            }
            self.row().cells.push(cell);
        }
    }

    /// `n` empty slots (Word's `gridBefore`/`gridAfter`).
    pub fn empty_slots(&mut self, n: usize, budget: &mut RepeatBudget) -> Result<(), ParseError> {
        for _ in 0..n {
            self.take_carried(budget)?;
            if self.row().cells.len() >= MAX_COLUMNS {
                break;
            }
            self.row().cells.push(StructuredCell::default());
        }
        Ok(())
    }

    /// A cell spanning `colspan` columns and `rowspan` rows (0: to the end of its group).
    pub fn cell(&mut self, text: String, header: bool, colspan: usize, rowspan: usize, budget: &mut RepeatBudget) -> Result<(), ParseError> {
        self.take_carried(budget)?;
        let col = self.row().cells.len();
        if col >= MAX_COLUMNS {
            return Ok(());
        }
        let colspan = colspan.clamp(1, MAX_COLUMNS - col);
        let rows_left = self.group_rows_left.unwrap_or(usize::MAX);
        let rowspan = match rowspan {
            0 => rows_left,
            n => n.min(rows_left),
        };
        for _ in 1..colspan {
            budget.spend(&text)?;
        }
        if rowspan > 1 {
            if self.carry.len() < col + colspan {
                self.carry.resize(col + colspan, None);
            }
            for slot in &mut self.carry[col..col + colspan] {
                *slot = Some(Carry { rows_left: rowspan - 1, text: text.clone(), header });
            }
        } else {
            // A cell spanning across slots a cell above still covers (cells that overlap, an
            // error the HTML table model lets stand): the one above stops here, so the slots
            // below do not claim to repeat a cell they do not stand under.
            for slot in self.carry.iter_mut().skip(col).take(colspan) {
                *slot = None;
            }
        }
        let row = self.row();
        row.cells.push(StructuredCell { text: text.clone(), header, covered: Covered::No });
        for _ in 1..colspan {
            row.cells.push(StructuredCell { text: text.clone(), header, covered: Covered::FromLeft });
        }
        Ok(())
    }

    /// A cell that continues the cell above it (Word's `vMerge` continuation), spanning
    /// `colspan` columns: covered from above, with the text of the slot above. A
    /// continuation with nothing above is an empty cell.
    pub fn continue_above(&mut self, header: bool, colspan: usize, budget: &mut RepeatBudget) -> Result<(), ParseError> {
        self.take_carried(budget)?;
        let col = self.row().cells.len();
        if col >= MAX_COLUMNS {
            return Ok(());
        }
        let colspan = colspan.clamp(1, MAX_COLUMNS - col);
        let above = self.rows.len().checked_sub(2).and_then(|i| self.rows[i].cells.get(col)).map(|c| (c.text.clone(), c.header));
        match above {
            Some((text, above_header)) => {
                for _ in 0..colspan {
                    budget.spend(&text)?;
                    self.row().cells.push(StructuredCell { text: text.clone(), header: above_header || header, covered: Covered::FromAbove });
                }
                Ok(())
            }
            None => self.cell(String::new(), header, colspan, 1, budget),
        }
    }

    /// Close the open row; a row group of known length counts it.
    pub fn end_row(&mut self, budget: &mut RepeatBudget) -> Result<(), ParseError> {
        // Cells carried into the row past its last own cell.
        while self.row().cells.len() < self.carry.len().min(MAX_COLUMNS) {
            let before = self.row().cells.len();
            self.take_carried(budget)?;
            if self.row().cells.len() == before {
                self.row().cells.push(StructuredCell::default());
            }
        }
        if let Some(n) = self.group_rows_left.as_mut() {
            *n = n.saturating_sub(1);
        }
        Ok(())
    }

    /// The rows, every one as wide as the widest.
    pub fn finish(mut self) -> Vec<StructuredRow> {
        let width = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for r in &mut self.rows {
            r.cells.resize(width, StructuredCell::default());
        }
        self.rows
    }
}

/// A table that lays out a page rather than holding data: it has no more cells of its own
/// than the largest table nested inside it (the frame around a form).
pub fn is_layout_table(own_cells: usize, largest_nested: Option<usize>) -> bool {
    largest_nested.is_some_and(|inner| own_cells <= inner)
}

/// What every reader promises of a table (checked by property tests and fuzz targets): all
/// rows as wide, no wider than [`MAX_COLUMNS`], each covered slot repeating the slot it is
/// covered from. The first broken promise, said.
pub fn check_table(t: &StructuredTable) -> Result<(), String> {
    let width = t.rows.first().map_or(0, |r| r.cells.len());
    if width > MAX_COLUMNS {
        return Err(format!("{width} columns"));
    }
    for (i, r) in t.rows.iter().enumerate() {
        if r.cells.len() != width {
            return Err(format!("row {i} has {} slots, the first {width}", r.cells.len()));
        }
        for (j, c) in r.cells.iter().enumerate() {
            let ok = match c.covered {
                Covered::No => true,
                Covered::FromLeft => j > 0 && r.cells[j - 1].text == c.text,
                Covered::FromAbove => i > 0 && t.rows[i - 1].cells[j].text == c.text,
            };
            if !ok {
                return Err(format!("slot ({i}, {j}) is covered ({:?}) but does not repeat its cell", c.covered));
            }
        }
    }
    Ok(())
}

/// [`check_table`] for every table among a structured page's blocks.
pub fn check_tables(blocks: &[Block]) -> Result<(), String> {
    blocks.iter().try_for_each(|b| match &b.kind {
        BlockKind::Table(t) => check_table(t),
        _ => Ok(()),
    })
}

/// Rows as strings for tests: `text` for a slot holding its cell, `<text` covered from the
/// left, `^text` covered from above.
#[cfg(test)]
pub(crate) fn slot_strings(rows: &[StructuredRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| match c.covered {
                    Covered::No => c.text.clone(),
                    Covered::FromLeft => format!("<{}", c.text),
                    Covered::FromAbove => format!("^{}", c.text),
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(rows: &[StructuredRow]) -> Vec<Vec<String>> {
        slot_strings(rows)
    }

    #[test]
    fn spans_continuations_and_empty_slots() {
        let mut b = RepeatBudget::default();
        let mut g = GridBuilder::default();
        g.start_group(Some(3));
        g.start_row(1, true);
        g.cell("S".into(), true, 1, 2, &mut b).unwrap();
        g.cell("T".into(), true, 2, 1, &mut b).unwrap();
        g.end_row(&mut b).unwrap();
        g.start_row(2, false);
        g.cell("a".into(), false, 1, 1, &mut b).unwrap();
        g.continue_above(false, 1, &mut b).unwrap();
        g.end_row(&mut b).unwrap();
        g.start_row(3, false);
        g.empty_slots(1, &mut b).unwrap();
        g.cell("c".into(), false, 1, 9, &mut b).unwrap();
        g.end_row(&mut b).unwrap();
        g.end_group();
        let rows = g.finish();
        assert_eq!(show(&rows), vec![vec!["S", "T", "<T"], vec!["^S", "a", "^T"], vec!["", "c", ""]]);
    }

    #[test]
    fn a_cell_spanning_across_a_cell_merged_down_stops_it() {
        // `<td><td rowspan=3>t<tr><th colspan=5><tr>`: the wide cell overlaps the tall one.
        let mut b = RepeatBudget::default();
        let mut g = GridBuilder::default();
        g.start_group(None);
        g.start_row(1, false);
        g.cell(String::new(), false, 1, 1, &mut b).unwrap();
        g.cell("t".into(), false, 1, 3, &mut b).unwrap();
        g.end_row(&mut b).unwrap();
        g.start_row(2, false);
        g.cell("w".into(), true, 5, 1, &mut b).unwrap();
        g.end_row(&mut b).unwrap();
        g.start_row(3, false);
        g.end_row(&mut b).unwrap();
        g.end_group();
        let t = StructuredTable { location: 1, caption: None, rows: g.finish() };
        assert_eq!(check_table(&t), Ok(()));
        assert_eq!(show(&t.rows), vec![vec!["", "t", "", "", ""], vec!["w", "<w", "<w", "<w", "<w"], vec!["", "", "", "", ""]]);
    }

    #[test]
    fn repeated_text_is_bounded() {
        let mut b = RepeatBudget::default();
        let mut g = GridBuilder::default();
        let big = "x".repeat(1 << 20);
        g.start_row(1, false);
        let e = (0..200).try_for_each(|_| g.cell(big.clone(), false, 100, 1, &mut b).and_then(|_| g.end_row(&mut b)).map(|_| g.start_row(1, false)));
        assert_eq!(e.unwrap_err().kind(), "limit_exceeded");
    }

    #[test]
    fn layout_tables_are_no_larger_than_what_they_hold() {
        assert!(is_layout_table(2, Some(20)));
        assert!(is_layout_table(1, Some(1)));
        assert!(!is_layout_table(40, Some(4)));
        assert!(!is_layout_table(4, None));
    }
}
