//! What the parse stage produces: text as it sits on the page, before any table logic.

use crate::{SourceInfo, Warning};
use serde::{Deserialize, Serialize};

/// One input file turned into pages of text. Text input is one page of lines;
/// PDF input is pages of positioned runs and ruling lines; HTML, DOCX and ODT input is
/// one page of structured blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedDocument {
    pub source: SourceInfo,
    pub pages: Vec<Page>,
    /// Tables read from a tagged PDF's structure tree (Table/TR/TH/TD), in document order,
    /// resolved to a grid like every structured source's (`location` is the page of the
    /// first cell; header rows from TH, merged slots from ColSpan/RowSpan). Empty when the
    /// file carries no structure tree.
    pub tagged_tables: Vec<crate::StructuredTable>,
    /// Page furniture the reader left out of the document (a web page's banner, footer and
    /// cookie notice; the hosts of its links and e-mail addresses), a line each: never a
    /// cell or front matter, but where a page often names its publisher. Bounded by
    /// [`FURNITURE_LINES`].
    #[serde(default)]
    pub furniture: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// At most this many furniture lines are kept per document (of at most
/// [`FURNITURE_LINE_BYTES`] each): enough for a page's footer, banner and link hosts.
pub const FURNITURE_LINES: usize = 64;
pub const FURNITURE_LINE_BYTES: usize = 300;

/// `line` cut to [`FURNITURE_LINE_BYTES`] at a character boundary.
pub fn furniture_line(line: &str) -> &str {
    let mut end = line.len().min(FURNITURE_LINE_BYTES);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    /// Page box in PDF points after rotation is applied; 0 for text input.
    pub width: f32,
    pub height: f32,
    pub content: PageContent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PageContent {
    /// Text input: lines as they are in the file, already decoded to UTF-8.
    Lines(Vec<TextLine>),
    /// PDF input: glyph runs and the ruling lines drawn on the page.
    Positioned { runs: Vec<TextRun>, rules: Vec<Rule> },
    /// A source with real structure (HTML, DOCX, ODT): its blocks and tables as the author
    /// made them. Such a document is one page.
    Structured(Vec<crate::Block>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    /// 1-based line number in the source file.
    pub number: u32,
    pub text: String,
}

/// A run of glyphs set in one font on one baseline. Coordinates are PDF points with the
/// origin at the page's top-left and y growing downwards (reading order friendly).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRun {
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub width: f32,
    pub font_size: f32,
    pub text: String,
}

/// A stroked line or a thin filled rectangle: the borders of a ruled table.
/// Normalised so that `x0 <= x1` and `y0 <= y1`, same coordinates as [`TextRun`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= 2.0 && (self.x1 - self.x0) > 2.0
    }
    pub fn is_vertical(&self) -> bool {
        (self.x1 - self.x0).abs() <= 2.0 && (self.y1 - self.y0) > 2.0
    }
}
