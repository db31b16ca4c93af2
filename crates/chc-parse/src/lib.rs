//! Parse stage: the bytes of one input file into a [`ParsedDocument`].
//!
//! The format is sniffed from the content, not trusted from the file name: councils'
//! websites serve HTML error pages named `.pdf` and PNGs named `.pdf`.

pub mod budget;
pub mod clean;
pub mod docx;
pub mod grid;
pub mod html;
pub mod mhtml;
pub mod odt;
pub mod package;
pub mod pdf;
mod symbols;
pub mod text;

pub use budget::Deadline;
use chc_model::{ParsedDocument, SourceFormat, SourceInfo};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// Why a file could not be parsed. Each variant has a stable [`ParseError::kind`] code
/// that goes to `errors.csv`, and a message that tells the user what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("{0}; chc reads PDF, Word DOCX, OpenDocument text (ODT), web pages (HTML, MHTML) and text (UTF-8, UTF-16, Windows-1252) files")]
    Unsupported(String),
    #[error("the PDF is encrypted and needs a password; save an unprotected copy and retry")]
    Encrypted,
    #[error("the PDF has no text layer (a scanned image?); run OCR first, chc does not guess at images")]
    NoTextLayer,
    #[error("the PDF is damaged: {0}")]
    Corrupt(String),
    #[error("the DOCX is damaged: {0}")]
    CorruptDocx(String),
    #[error("the ODT is damaged: {0}")]
    CorruptOdt(String),
    #[error("over a safety limit: {0}")]
    LimitExceeded(String),
    #[error("the PDF reader failed: {0}")]
    ReaderPanic(String),
    #[error("took longer than the time budget of {0} (raise it with --max-seconds)")]
    TimeLimit(String),
}

impl ParseError {
    pub fn kind(&self) -> &'static str {
        match self {
            ParseError::Empty => "empty_file",
            ParseError::Unsupported(_) => "unsupported_format",
            ParseError::Encrypted => "encrypted",
            ParseError::NoTextLayer => "no_text_layer",
            ParseError::Corrupt(_) => "corrupt_pdf",
            ParseError::CorruptDocx(_) => "corrupt_docx",
            ParseError::CorruptOdt(_) => "corrupt_odt",
            ParseError::LimitExceeded(_) => "limit_exceeded",
            ParseError::ReaderPanic(_) => "reader_panic",
            ParseError::TimeLimit(_) => "time_limit",
        }
    }
}

/// Bounds that keep one hostile file from costing the batch its time or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_pages: u32,
    /// Total decompressed stream bytes a PDF may expand to.
    pub max_decompressed_bytes: u64,
    /// Longest text line kept; longer lines are cut with a warning.
    pub max_line_chars: usize,
    /// Deepest nesting of arrays and dictionaries a PDF may have (in its objects and in its
    /// page content). Readers recurse on nesting; deeper files are refused before reading.
    pub max_nesting_depth: usize,
    /// Time one document may take through all stages (`None`: no limit). Checked
    /// cooperatively: parse starts the clock ([`budget`]), later stages look at it.
    pub time_budget: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 * 1024 * 1024,
            max_pages: 2_000,
            max_decompressed_bytes: 1024 * 1024 * 1024,
            max_line_chars: 1_000_000,
            max_nesting_depth: 100,
            time_budget: Some(Duration::from_secs(60)),
        }
    }
}

/// What the bytes are, by content.
pub fn sniff_format(bytes: &[u8]) -> Result<SourceFormat, ParseError> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Ok(SourceFormat::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return package::sniff_zip(bytes);
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(ParseError::Unsupported(legacy_office(bytes)));
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(ParseError::Unsupported(format!("the file is {what}")));
        }
    }
    if odt::is_flat_odt(&bytes[..bytes.len().min(4096)]) {
        return Ok(SourceFormat::Odt);
    }
    if mhtml::looks_like_mime(bytes) {
        return Ok(SourceFormat::Html);
    }
    let decoded_head = text::decode(head).map(|(s, _)| s).unwrap_or_default();
    if opens_like_html(&decoded_head) {
        return Ok(SourceFormat::Html);
    }
    Ok(SourceFormat::Text)
}

/// What a legacy binary Office file (OLE compound file) is, and what to do with it: its
/// directory names its main stream in UTF-16.
fn legacy_office(bytes: &[u8]) -> String {
    let utf16 = |name: &str| name.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let has = |name: &str| memchr::memmem::find(bytes, &utf16(name)).is_some();
    let what = if has("WordDocument") {
        "a legacy Word 97-2003 document (.doc), which chc does not read"
    } else if has("Workbook") || has("Book") {
        "a legacy Excel 97-2003 workbook (.xls), not a document"
    } else {
        "a legacy binary Office file (OLE)"
    };
    format!("the file is {what}; open it in Word or LibreOffice and save it as DOCX or PDF")
}

/// A page opens with its doctype or one of the document's own elements, after any XML
/// declaration and comments (browsers' "saved from url=" comment, a CMS's banner comment).
fn opens_like_html(head: &str) -> bool {
    let mut rest = head.trim_start_matches('\u{FEFF}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<?xml") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let lower = rest.get(..rest.len().min(16)).unwrap_or(rest).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<meta", "<title"].iter().any(|p| {
        lower.starts_with(p) && lower[p.len()..].chars().next().is_none_or(|c| c == '>' || c.is_ascii_whitespace())
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One page of structured blocks (what HTML, DOCX and ODT give), or [`ParseError::Empty`]
/// when no block holds text.
pub(crate) fn structured_document(source: SourceInfo, blocks: Vec<chc_model::Block>, furniture: Vec<String>, warnings: Vec<chc_model::Warning>) -> Result<ParsedDocument, ParseError> {
    use chc_model::{BlockKind, Page, PageContent};
    let has_text = |b: &chc_model::Block| match &b.kind {
        BlockKind::Table(t) => t.rows.iter().any(|r| r.cells.iter().any(|c| !c.text.trim().is_empty())),
        kind => kind.text().is_some_and(|t| !t.trim().is_empty()),
    };
    if !blocks.iter().any(has_text) {
        return Err(ParseError::Empty);
    }
    Ok(ParsedDocument {
        source,
        pages: vec![Page { number: 1, width: 0.0, height: 0.0, content: PageContent::Structured(blocks) }],
        tagged_tables: Vec::new(),
        furniture,
        warnings,
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Parse one file's bytes. `display_path` is what outputs and errors call the file.
///
/// Starts this document's time budget on the calling thread ([`budget::start`]): stages run
/// after parse on the same thread can check [`budget::expired`].
pub fn parse(display_path: &str, bytes: &[u8], limits: &Limits) -> Result<ParsedDocument, ParseError> {
    let deadline = budget::start(limits.time_budget);
    parse_with_deadline(display_path, bytes, limits, deadline)
}

/// [`parse`] against a deadline the caller already started.
pub fn parse_with_deadline(display_path: &str, bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<ParsedDocument, ParseError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ParseError::LimitExceeded(format!(
            "file is {} bytes, the limit is {} (raise it with --max-file-mb)",
            bytes.len(),
            limits.max_file_bytes
        )));
    }
    let format = sniff_format(bytes)?;
    let source = SourceInfo {
        path: display_path.to_string(),
        sha256: sha256_hex(bytes),
        format,
        bytes: bytes.len() as u64,
    };
    match format {
        SourceFormat::Pdf => pdf::parse_pdf(source, bytes, limits, deadline),
        SourceFormat::Text => text::parse_text(source, bytes, limits, deadline),
        SourceFormat::Html => html::parse_html(source, bytes, deadline),
        SourceFormat::Docx => docx::parse_docx(source, bytes, limits),
        SourceFormat::Odt => odt::parse_odt(source, bytes, limits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff_format(b"%PDF-1.7\n..."), Ok(SourceFormat::Pdf));
        assert_eq!(sniff_format(b"<!DOCTYPE html><html>"), Ok(SourceFormat::Html));
        assert_eq!(sniff_format(b"\xEF\xBB\xBF<!-- saved from url=(0042)https://www.example.gov.uk/ -->\r\n<html lang=en>"), Ok(SourceFormat::Html));
        assert_eq!(sniff_format(b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">"), Ok(SourceFormat::Html));
        assert_eq!(sniff_format(b"<head><title>x</title>"), Ok(SourceFormat::Html));
        assert_eq!(sniff_format(b"<headline> is not a page"), Ok(SourceFormat::Text));
        assert_eq!(sniff_format(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x"), Ok(SourceFormat::Html));
        assert_eq!(sniff_format(b"Section 1\tCode provision"), Ok(SourceFormat::Text));
        assert_eq!(sniff_format(b""), Err(ParseError::Empty));
        assert_eq!(sniff_format(b" \n\t "), Err(ParseError::Empty));
        assert_eq!(sniff_format(b"\x89PNG\r\n\x1a\n").unwrap_err().kind(), "unsupported_format");
        let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        doc.extend(vec![0u8; 512]);
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        let e = sniff_format(&doc).unwrap_err();
        assert_eq!(e.kind(), "unsupported_format");
        assert!(e.to_string().contains("Word 97-2003 document (.doc)") && e.to_string().contains("save it as DOCX or PDF"), "{e}");
    }

    #[test]
    fn sha256_of_empty_input_is_the_known_digest() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
