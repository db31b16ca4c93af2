//! The long table: one line per document × provision (`provisions.csv`).

use chc_model::{Document, Row};
use std::borrow::Cow;
use std::io::{self, Write};

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
    "aligned_2024",
    "source_location",
    "warnings",
];

/// Streaming CSV writer; `bom` prefixes a UTF-8 byte-order mark so Excel opens the
/// file as UTF-8.
pub struct LongCsv<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> LongCsv<W> {
    pub fn new(mut sink: W, bom: bool) -> io::Result<Self> {
        if bom {
            sink.write_all(&[0xEF, 0xBB, 0xBF])?;
        }
        let mut writer = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Necessary).from_writer(sink);
        writer.write_record(COLUMNS)?;
        Ok(LongCsv { writer })
    }

    pub fn add(&mut self, doc: &Document) -> io::Result<()> {
        for r in &doc.rows {
            self.writer.write_record(row_fields(doc, r, Cells::Csv).iter().map(|field| field.as_bytes()))?;
        }
        Ok(())
    }

    pub fn into_inner(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| io::Error::other(e.to_string()))
    }
}

/// How free text is written into a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// As `provisions.csv` has it: text that a spreadsheet would read as a formula is
    /// neutralised ([`excel_safe`]).
    Csv,
    /// The text as extracted, for writers whose cells are typed (a workbook's text cells
    /// are never formulas).
    Raw,
}

/// The values of one line of `provisions.csv`, in [`COLUMNS`] order: the one place that
/// says what each column holds (the CSV, the workbook's Provisions sheet and the Python
/// package's `Batch.rows()` all read it).
pub fn row_fields<'a>(doc: &'a Document, r: &'a Row, cells: Cells) -> [Cow<'a, str>; COLUMNS.len()] {
    // Borrowed where the text is already there: this runs once per row of the batch.
    fn text(s: &Option<String>) -> Cow<'_, str> {
        Cow::Borrowed(s.as_deref().unwrap_or_default())
    }
    let word = |s: Option<&'static str>| Cow::Borrowed(s.unwrap_or_default());
    let owned = |s: Option<String>| Cow::Owned(s.unwrap_or_default());
    let free = |s: &'a str| if cells == Cells::Csv { excel_safe(s) } else { Cow::Borrowed(s) };
    let warnings: Vec<&str> = r.warnings.iter().map(|w| w.kind.as_str()).collect();
    [
        Cow::Borrowed(&doc.source.path),
        Cow::Borrowed(&doc.source.sha256),
        text(&doc.landlord),
        word(doc.code_version.map(|v| v.as_str())),
        text(&doc.document_date),
        word(Some(if doc.draft { "true" } else { "false" })),
        text(&r.provision),
        word(Some(if r.number_in_source { "true" } else { "false" })),
        owned(r.section.map(|s| s.to_string())),
        word(r.requirement_kind.map(|k| k.as_str())),
        word(Some(r.comply.as_str())),
        free(&r.comply_raw),
        word(r.rag.map(|g| g.as_str())),
        free(&r.requirement),
        free(&r.evidence),
        free(&r.commentary),
        word(r.matching.as_ref().map(|m| m.method.as_str())),
        r.matching.as_ref().map_or(Cow::Borrowed(""), |m| three_places(m.score)),
        r.quote_fidelity.map_or(Cow::Borrowed(""), three_places),
        Cow::Borrowed(r.aligned_2024.as_ref().map_or("", |a| a.provision.as_str())),
        Cow::Owned(r.source_location.to_string()),
        Cow::Owned(warnings.join(";")),
    ]
}

/// `{:.3}` of a score, without formatting the commonest ones: most rows score exactly 1.
fn three_places(x: f64) -> Cow<'static, str> {
    if x == 1.0 {
        Cow::Borrowed("1.000")
    } else if x == 0.0 && x.is_sign_positive() {
        Cow::Borrowed("0.000")
    } else {
        Cow::Owned(format!("{x:.3}"))
    }
}

/// The document's fields that open every line of `provisions.jsonl`, before its `row`.
#[derive(serde::Serialize)]
struct JsonlDocument<'a> {
    source: &'a str,
    sha256: &'a str,
    landlord: &'a Option<String>,
    code_version: &'a Option<chc_model::CodeVersion>,
    document_date: &'a Option<String>,
    draft: bool,
}

/// One JSON object per line per row, with the document's fields repeated on each line
/// (`provisions.jsonl`): `{<document's fields>,"row":<row>}`.
pub fn write_jsonl<W: Write>(sink: &mut W, doc: &Document) -> io::Result<()> {
    // The document's fields are the same on every line: written (and escaped) once, and
    // copied in front of each row.
    let fields = JsonlDocument {
        source: &doc.source.path,
        sha256: &doc.source.sha256,
        landlord: &doc.landlord,
        code_version: &doc.code_version,
        document_date: &doc.document_date,
        draft: doc.draft,
    };
    let mut opening = serde_json::to_vec(&fields)?;
    opening.pop(); // the closing brace
    opening.extend_from_slice(b",\"row\":");
    // serde_json writes token by token; into a Vec that is a copy, into a writer a call.
    let mut buf = Vec::with_capacity(2048 * doc.rows.len());
    for row in &doc.rows {
        buf.extend_from_slice(&opening);
        serde_json::to_writer(&mut buf, row)?;
        buf.extend_from_slice(b"}\n");
    }
    sink.write_all(&buf)
}

/// A cell starting with = + - @ is a formula to Excel: prefix a quote so it stays text.
pub fn excel_safe(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.len() > 1 && !s[1..].starts_with(|c: char| c.is_ascii_digit() || c == ' ')) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
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
    fn shortcuts_write_what_the_formatters_write() {
        use chc_model::MatchMethod::*;
        for m in [NumberText, Number, Text, Neighbours] {
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
        for x in [1.0, 0.0, -0.0, 0.5, 0.9995, 0.0005, 0.123456, 1.0 - f64::EPSILON] {
            assert_eq!(three_places(x), format!("{x:.3}"), "{x}");
        }
    }

    #[test]
    fn jsonl_lines_repeat_the_document_fields_around_each_row() {
        use crate::testutil::{doc, row};
        let d = doc("forms/a \"quoted\".txt", "Wrenmoor Homes", Some(chc_model::CodeVersion::V2024), None, vec![row("1.2", chc_model::Comply::Yes, "Policy\n4.1", ""), row("1.3", chc_model::Comply::No, "", "None")]);
        let mut out = Vec::new();
        write_jsonl(&mut out, &d).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        for (line, r) in lines.iter().zip(&d.rows) {
            assert!(line.starts_with(r#"{"source":"forms/a \"quoted\".txt","sha256":"0","landlord":"Wrenmoor Homes","code_version":"2024","document_date":null,"draft":false,"row":{"#), "{line}");
            assert!(line.ends_with("}}"));
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(value["row"], serde_json::to_value(r).unwrap());
        }
    }

    #[test]
    fn bom_prefix_when_asked() {
        let b = LongCsv::new(Vec::new(), true).unwrap().into_inner().unwrap();
        assert!(b.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(!LongCsv::new(Vec::new(), false).unwrap().into_inner().unwrap().starts_with(&[0xEF]));
    }
}
