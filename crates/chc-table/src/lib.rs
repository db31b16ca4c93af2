//! Table reconstruction: from parsed pages to the form's provision rows.

pub mod geometry;

use serde::{Deserialize, Serialize};

/// One line of the form as cells, whatever the source: a tab-separated text line, or a
/// PDF row whose glyphs were assigned to columns by geometry. A line with one cell is
/// plain text (a heading, a paragraph); a line whose cells are all empty is a blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GridLine {
    /// 1-based page (PDF) or line (text).
    pub location: u32,
    pub cells: Vec<String>,
    /// True for the first line of a new PDF page: a row that continues across the break
    /// may follow. Text input never knows, and relies on repeated headers instead.
    pub page_break_before: bool,
}
