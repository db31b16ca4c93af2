//! Document-level facts read from the document itself: date, draft status, headings that
//! disagree with the Code (QUIRKS 3, 5). The Code version is `version.rs`.

use chc_code::regexes::cached as re;
use chc_code::{CodeVersion, Registry};
use chc_model::{FieldDetection, TableDocument, Warning};
use chc_code::dates::{month_year, numeric_date};
use regex::Regex;
use std::sync::OnceLock;

/// The document's own date: the title's date, else a "last updated / published / date"
/// line, else the first date in the front matter. Dates inside rows (action deadlines)
/// are not the document's date.
pub fn document_date(table: &TableDocument) -> (Option<String>, FieldDetection) {
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    let labelled = re(&LABELLED, r"(?i)(last\s+updated|updated|published|date|version|approved|reviewed|completed)");
    let front: Vec<&chc_model::ContextLine> = table.context[..table.front_matter_lines.min(table.context.len())].iter().collect();
    let date_of = |t: &str| month_year(t).or_else(|| numeric_date(t));
    for (i, line) in front.iter().enumerate().take(3) {
        if line.text.chars().count() <= 140 {
            if let Some(d) = date_of(&line.text) {
                return (Some(d), FieldDetection { method: if i == 0 { "title" } else { "heading" }.into(), confidence: 0.9, evidence: short(&line.text) });
            }
        }
    }
    for line in table.context.iter() {
        if labelled.is_match(&line.text) && line.text.chars().count() <= 200 {
            if let Some(d) = date_of(&line.text) {
                return (Some(d), FieldDetection { method: "labelled_line".into(), confidence: 0.85, evidence: short(&line.text) });
            }
        }
    }
    for line in front.iter() {
        if let Some(d) = date_of(&line.text) {
            return (Some(d), FieldDetection { method: "front_matter".into(), confidence: 0.5, evidence: short(&line.text) });
        }
    }
    (None, FieldDetection { method: "none".into(), confidence: 0.0, evidence: String::new() })
}

/// Draft when the title or a status line says so; "draft" inside rows ("draft policy")
/// does not make the document a draft.
pub fn draft(table: &TableDocument) -> (bool, FieldDetection) {
    static DRAFT: OnceLock<Regex> = OnceLock::new();
    let r = re(&DRAFT, r"(?i)(^\s*draft\b|\bdraft\s+(self[- ]assessment|version|for\s+(consultation|approval|comment))|\bstatus\s*:\s*draft|\(draft\)|\bdraft\s*$|\bversion\s*:?\s*[\d.]+\s*\(?draft)");
    for line in table.context[..table.front_matter_lines.min(table.context.len())].iter().take(12) {
        if r.is_match(&line.text) {
            return (true, FieldDetection { method: "front_matter".into(), confidence: 0.9, evidence: short(&line.text) });
        }
    }
    (false, FieldDetection { method: "no_draft_marker".into(), confidence: 0.7, evidence: String::new() })
}

fn short(s: &str) -> String {
    s.chars().take(100).collect()
}

/// Section headings whose title is not the Code's title for that section (QUIRKS 5: the
/// 2024 template itself calls section 8 "Putting things right").
pub fn heading_title_warnings(table: &TableDocument, version: Option<CodeVersion>, registry: &Registry) -> Vec<Warning> {
    let Some(v) = version else { return Vec::new() };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &table.records {
        let (Some(s), Some(t)) = (r.heading_section, &r.heading_title) else { continue };
        if !seen.insert(s) || t.is_empty() {
            continue;
        }
        if let Some(code_title) = registry.section_title(v, s) {
            if chc_code::wording_similarity(t, code_title) < 0.5 && !t.to_lowercase().contains(&code_title.to_lowercase()) {
                out.push(Warning::new("heading_title_mismatch", format!("section {s} is headed {t:?}; the {v} Code calls it {code_title:?}")));
            }
        }
    }
    out
}
