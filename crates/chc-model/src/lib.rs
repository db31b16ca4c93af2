//! Plain data shared by every stage of the pipeline.
//!
//! Nothing here does work: the types describe what flows between `chc-parse`
//! (bytes → [`ParsedDocument`]), `chc-table` (→ [`TableDocument`]), `chc-match`
//! (→ [`Document`]) and `chc-export` (→ files). Keeping them in one small crate
//! lets each stage be tested alone and lets tools read our JSON back.

use serde::{Deserialize, Serialize};
use std::fmt;

pub mod layout;
pub mod structure;
pub mod table;

pub use layout::*;
pub use structure::*;
pub use table::*;

/// Schema version written into every output so readers can detect changes.
pub const SCHEMA_VERSION: &str = "1.0";

/// Which edition of the Housing Ombudsman's Complaint Handling Code a form answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CodeVersion {
    #[serde(rename = "2020")]
    V2020,
    #[serde(rename = "2022")]
    V2022,
    #[serde(rename = "2024")]
    V2024,
}

impl CodeVersion {
    pub const ALL: [CodeVersion; 3] = [CodeVersion::V2020, CodeVersion::V2022, CodeVersion::V2024];

    pub fn as_str(self) -> &'static str {
        match self {
            CodeVersion::V2020 => "2020",
            CodeVersion::V2022 => "2022",
            CodeVersion::V2024 => "2024",
        }
    }

    pub fn parse(s: &str) -> Option<CodeVersion> {
        match s.trim() {
            "2020" => Some(CodeVersion::V2020),
            "2022" => Some(CodeVersion::V2022),
            "2024" => Some(CodeVersion::V2024),
            _ => None,
        }
    }
}

impl fmt::Display for CodeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Normalised answer to "Comply: Yes/No".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Comply {
    Yes,
    No,
    Partial,
    NotApplicable,
    #[default]
    Unknown,
}

impl Comply {
    pub const ALL: [Comply; 5] = [Comply::Yes, Comply::No, Comply::Partial, Comply::NotApplicable, Comply::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Comply::Yes => "yes",
            Comply::No => "no",
            Comply::Partial => "partial",
            Comply::NotApplicable => "not_applicable",
            Comply::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Comply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Red/Amber/Green self-rating some landlords add in an extra column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

/// 2022 forms split each section into mandatory "must" and best-practice "should" tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    Must,
    Should,
}

impl RequirementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementKind::Must => "must",
            RequirementKind::Should => "should",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Html,
    Pdf,
    Docx,
    /// OpenDocument text (LibreOffice's own format).
    Odt,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Docx => "docx",
            SourceFormat::Odt => "odt",
        }
    }
}

/// Where a document came from. `path` is as the user gave it (relative stays relative)
/// so that outputs do not depend on the machine they were made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub path: String,
    pub sha256: String,
    pub format: SourceFormat,
    pub bytes: u64,
}

/// A problem worth telling the user about that did not stop extraction.
/// `kind` is a stable snake_case code for filtering; `detail` is for people.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Warning {
    pub kind: String,
    pub detail: String,
}

impl Warning {
    pub fn new(kind: impl Into<String>, detail: impl Into<String>) -> Self {
        Warning { kind: kind.into(), detail: detail.into() }
    }
}

/// How one document-level field was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FieldDetection {
    /// e.g. "manifest", "title", "heading", "body_text", "link_domain", "header_columns", "wording".
    pub method: String,
    /// 0.0 (guess) ..= 1.0 (certain).
    pub confidence: f64,
    /// The text that decided it, shortened.
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Detection {
    pub landlord: FieldDetection,
    pub code_version: FieldDetection,
    pub document_date: FieldDetection,
    pub draft: FieldDetection,
}

/// How a row was tied to a Code provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchMethod {
    /// Printed number, wording agrees (or no registry text to compare).
    NumberText,
    /// Printed number only: the wording could not be compared (empty or unknown text).
    Number,
    /// No usable number: matched on wording alone.
    Text,
    /// No number and no wording: placed between its neighbours.
    Neighbours,
}

impl MatchMethod {
    /// The name it serialises to.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchMethod::NumberText => "number_text",
            MatchMethod::Number => "number",
            MatchMethod::Text => "text",
            MatchMethod::Neighbours => "neighbours",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchInfo {
    pub method: MatchMethod,
    /// Similarity of the requirement text to the registry wording of the chosen provision, 0..=1.
    pub score: f64,
    /// The provision the wording alone points to, when it differs from the chosen one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text_suggests: Option<String>,
}

/// One provision of one landlord's self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// "1.2", "6.15"… `None` only when neither number, wording nor neighbours could place it.
    pub provision: Option<String>,
    /// False when the number was inferred rather than printed in the provision column.
    pub number_in_source: bool,
    pub section: Option<u32>,
    pub requirement_kind: Option<RequirementKind>,
    pub requirement: String,
    pub comply: Comply,
    pub comply_raw: String,
    pub evidence: String,
    pub commentary: String,
    pub rag: Option<Rag>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rag_raw: Option<String>,
    #[serde(rename = "match", skip_serializing_if = "Option::is_none", default)]
    pub matching: Option<MatchInfo>,
    /// How closely the requirement quotes the Code's wording (0..=1), when the registry knows it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quote_fidelity: Option<f64>,
    /// With `--align 2024` on a 2022-Code form: the 2024 provision this row corresponds to.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub aligned_2024: Option<AlignedProvision>,
    /// 1-based page (PDF) or line (text) where the row starts.
    pub source_location: u32,
    pub warnings: Vec<Warning>,
}

/// A row's counterpart in another Code version, from the crosswalk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedProvision {
    pub provision: String,
    /// Wording similarity of the two provisions.
    pub score: f64,
    /// same | reworded | split | merged
    pub kind: String,
}

/// The normalised self-assessment of one input file: what `documents/<stem>.json` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: String,
    pub source: SourceInfo,
    pub landlord: Option<String>,
    pub code_version: Option<CodeVersion>,
    /// "YYYY-MM".
    pub document_date: Option<String>,
    pub draft: bool,
    /// Header of the form's table as first printed.
    pub columns: Vec<String>,
    pub detection: Detection,
    pub warnings: Vec<Warning>,
    pub rows: Vec<Row>,
}

/// Values given by the user (a manifest line) that override what detection finds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    pub landlord: Option<String>,
    pub code_version: Option<CodeVersion>,
    pub document_date: Option<String>,
}

/// The pipeline stage an error happened in, as written to `errors.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Read,
    Parse,
    Table,
    Match,
    Write,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Parse => "parse",
            Stage::Table => "table",
            Stage::Match => "match",
            Stage::Write => "write",
        }
    }
}

/// Why one input file produced no document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileError {
    pub file: String,
    pub stage: Stage,
    /// Stable snake_case code: "empty_file", "encrypted", "no_text_layer", "not_a_form", …
    pub kind: String,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({}): {}", self.file, self.stage.as_str(), self.kind, self.message)
    }
}
