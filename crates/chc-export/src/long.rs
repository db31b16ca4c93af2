//! The long table: one line per document × provision (`provisions.csv`).

use chc_model::Document;

pub const COLUMNS: &[&str] = &[
    "source",
    "sha256",
    "landlord",
    "code_version",
    "document_date",
    "draft",
    "provision",
    "number_in_source",
    "section",
    "requirement_kind",
    "comply",
    "comply_raw",
    "rag",
    "requirement",
    "evidence",
    "commentary",
    "match_method",
    "match_score",
    "quote_fidelity",
    "source_location",
    "warnings",
];

/// CSV writer over an in-memory buffer; `bom` prefixes a UTF-8 byte-order mark so Excel
/// opens the file as UTF-8.
pub struct LongCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl LongCsv {
    pub fn new(bom: bool) -> Self {
        let buf = if bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
        let mut writer = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Necessary).from_writer(buf);
        writer.write_record(COLUMNS).expect("in-memory write");
        LongCsv { writer }
    }

    pub fn add(&mut self, doc: &Document) {
        let opt = |s: Option<String>| s.unwrap_or_default();
        for r in &doc.rows {
            let warnings: Vec<&str> = r.warnings.iter().map(|w| w.kind.as_str()).collect();
            let record: [String; 21] = [
                doc.source.path.clone(),
                doc.source.sha256.clone(),
                opt(doc.landlord.clone()),
                opt(doc.code_version.map(|v| v.to_string())),
                opt(doc.document_date.clone()),
                doc.draft.to_string(),
                opt(r.provision.clone()),
                r.number_in_source.to_string(),
                opt(r.section.map(|s| s.to_string())),
                opt(r.requirement_kind.map(|k| k.as_str().to_string())),
                r.comply.to_string(),
                excel_safe(&r.comply_raw),
                opt(r.rag.map(|g| g.as_str().to_string())),
                excel_safe(&r.requirement),
                excel_safe(&r.evidence),
                excel_safe(&r.commentary),
                opt(r.matching.as_ref().map(|m| serde_json::to_value(m.method).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())),
                opt(r.matching.as_ref().map(|m| format!("{:.3}", m.score))),
                opt(r.quote_fidelity.map(|f| format!("{f:.3}"))),
                r.source_location.to_string(),
                warnings.join(";"),
            ];
            self.writer.write_record(&record).expect("in-memory write");
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner().expect("in-memory flush")
    }
}

/// A cell starting with = + - @ is a formula to Excel: prefix a quote so it stays text.
pub fn excel_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.len() > 1 && !s[1..].starts_with(|c: char| c.is_ascii_digit() || c == ' ')) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_but_text_is_kept() {
        assert_eq!(excel_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(excel_safe("-5"), "-5");
        assert_eq!(excel_safe("- see policy"), "- see policy");
        assert_eq!(excel_safe("Yes"), "Yes");
    }

    #[test]
    fn bom_prefix_when_asked() {
        let b = LongCsv::new(true).into_bytes();
        assert!(b.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(!LongCsv::new(false).into_bytes().starts_with(&[0xEF]));
    }
}
