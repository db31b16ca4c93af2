//! What a source with real structure (HTML, DOCX, ODT, a tagged PDF) hands to table
//! reconstruction: the author's own blocks and tables, in reading order. Nothing here is
//! inferred from layout: a reader that knows a cell is a cell says so, and table
//! reconstruction never has to guess it again.

use serde::{Deserialize, Serialize};

/// One block of a structured document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// 1-based position of the block in its source (a line of an HTML file, a paragraph or
    /// table index of a Word document): what warnings and rows point back to.
    pub location: u32,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// `<h1>`…`<h6>`, a Word "Heading n" paragraph, an accordion's `<summary>`. Level 1 is
    /// the highest; a summary or a bold-only paragraph acting as a title gets the level of
    /// the structure it sits in (7 when there is none).
    Heading { level: u8, text: String },
    /// Running text: a paragraph, a list item ("• " in front), a `<div>`'s own text. Lines
    /// inside it (`<br>`) are separated by `\n`.
    Paragraph(String),
    /// A label with its value following as [`BlockKind::Definition`]: `<dt>`, a table-less
    /// "Do we comply?" term.
    Term(String),
    /// The value of the [`BlockKind::Term`] before it: `<dd>`.
    Definition(String),
    Table(StructuredTable),
}

impl BlockKind {
    /// The block's text; a table has none of its own.
    pub fn text(&self) -> Option<&str> {
        match self {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) | BlockKind::Term(text) | BlockKind::Definition(text) => Some(text),
            BlockKind::Table(_) => None,
        }
    }
}

/// A table as its source defines it, already resolved to a grid: every row has one slot per
/// grid column, and a slot covered by a merged cell says so ([`Covered`]) and repeats that
/// cell's text, so that a reader can choose between repeating it (a "Section" column merged
/// down) and treating the row as a heading (a title merged across).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct StructuredTable {
    pub location: u32,
    /// `<caption>`, a Word table title: context, not a row.
    pub caption: Option<String>,
    pub rows: Vec<StructuredRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct StructuredRow {
    pub location: u32,
    /// The source marks the row as a header: `<thead>`, a row of `<th>`, Word's "repeat as
    /// header row" (`w:tblHeader`), a tagged PDF's TH cells.
    pub header: bool,
    pub cells: Vec<StructuredCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct StructuredCell {
    /// Plain text: paragraphs and list items separated by `\n`, list items led by "• ",
    /// check boxes as ☒ (ticked) and ☐ (empty), entities decoded, markup gone.
    pub text: String,
    /// `<th>` (including `th scope=row`), or a TH element of a tagged PDF.
    pub header: bool,
    pub covered: Covered,
}

/// Whether a grid slot is the origin of its cell or covered by a merged cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Covered {
    /// The slot holds its own cell.
    #[default]
    No,
    /// Covered by a cell that starts to its left (`colspan`, `w:gridSpan`).
    FromLeft,
    /// Covered by a cell that starts above it (`rowspan`, `w:vMerge`).
    FromAbove,
}
