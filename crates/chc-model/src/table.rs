//! What table reconstruction produces: the form's rows with cells assigned to roles,
//! page-break continuations merged, headers and front matter removed.

use crate::{RequirementKind, SourceInfo, Warning};
use serde::{Deserialize, Serialize};

/// What a column of the form holds, recognised from its header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    Provision,
    Requirement,
    Comply,
    Evidence,
    Commentary,
    /// One merged "Evidence, commentary and any explanations" column (2022 form).
    EvidenceCommentary,
    Rag,
    Other,
}

/// How the table was laid out in the source, for diagnostics and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutKind {
    /// Tab-separated cells, one row per line (text extraction of a table).
    Tabbed,
    /// Cells separated by `|`.
    Delimited,
    /// Columns aligned with runs of spaces (`pdftotext -layout`, fixed-width exports).
    SpaceAligned,
    /// Each cell on its own line, or "Label: value" lines per provision.
    Vertical,
    /// Cells run together with no separator (copied from a web page).
    RunTogether,
    /// PDF table with ruling lines.
    PdfRuled,
    /// PDF table aligned by whitespace only.
    PdfUnruled,
    /// PDF structure tree (Table/TR/TD).
    PdfTagged,
    /// An HTML page's `<table>`.
    HtmlTable,
    /// No table found.
    None,
}

/// A line of text outside the table (title, headings, notes): what document-level
/// detection (landlord, date, draft, version cues) reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextLine {
    pub location: u32,
    pub text: String,
}

/// One provision row of the form as printed, cells already cleaned to plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RawRecord {
    /// The provision number exactly as found in the provision column, if any.
    pub number: Option<String>,
    /// The number was printed, but not at the start of the row's own provision cell
    /// (e.g. on the middle line of a multi-line cell).
    pub number_misplaced: bool,
    pub requirement: String,
    pub comply_raw: String,
    pub evidence: String,
    pub commentary: String,
    pub rag_raw: String,
    /// Section number from the nearest heading above ("Section 3: …"), if any.
    pub heading_section: Option<u32>,
    pub heading_title: Option<String>,
    /// From a "Mandatory 'must'" / "Best practice 'should'" sub-table heading.
    pub requirement_kind: Option<RequirementKind>,
    /// 1-based page (PDF) or line (text) where the row starts.
    pub location: u32,
    pub warnings: Vec<Warning>,
    /// Other provisions the row answers together with its own ("5.4 & 5.5" in its number
    /// cell): each gets a row of its own, the same cells, when the table is done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers_also: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDocument {
    pub source: SourceInfo,
    pub layout: LayoutKind,
    /// The table header as first printed.
    pub columns: Vec<String>,
    pub roles: Vec<ColumnRole>,
    pub records: Vec<RawRecord>,
    /// Text outside the table, in document order.
    pub context: Vec<ContextLine>,
    /// How many of `context` come before the first row: the title and front matter.
    pub front_matter_lines: usize,
    /// Page furniture left out of the table and its context (navigation, cookie notices,
    /// footers; a web page's link hosts): only document-level detection reads it, for the
    /// publisher's name.
    #[serde(default)]
    pub furniture: Vec<ContextLine>,
    pub warnings: Vec<Warning>,
}
