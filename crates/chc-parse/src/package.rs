//! Office documents as ZIP packages of XML parts (Word DOCX, OpenDocument ODT): which kind
//! a ZIP is, reading one part with a bound on what it inflates to, and the XML tree of a
//! part (roxmltree: namespaces resolved, no DTD, a node limit) walked without recursion.

use crate::{budget, ParseError};
use chc_model::SourceFormat;
use std::io::{Cursor, Read};

/// Largest XML part read: a real form's content is well under a megabyte; a bomb that lies
/// about its size is inflated up to this cap before it is refused, so the cap stays small.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Most XML nodes one part may hold (a 72-row form has about 100,000).
pub const MAX_XML_NODES: u32 = 8_000_000;

/// Which office format a package is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    Word,
    OpenDocument,
}

impl Office {
    fn name(self) -> &'static str {
        match self {
            Office::Word => "DOCX",
            Office::OpenDocument => "ODT",
        }
    }

    /// The error for a damaged file of this format.
    pub fn corrupt(self, why: impl Into<String>) -> ParseError {
        match self {
            Office::Word => ParseError::CorruptDocx(why.into()),
            Office::OpenDocument => ParseError::CorruptOdt(why.into()),
        }
    }
}

/// What a ZIP container is: DOCX when it holds `word/document.xml`, ODT when its mimetype
/// says OpenDocument text; otherwise an `Unsupported` error naming what it looks like.
/// Entry names and the stored `mimetype` are uncompressed in the archive, so a byte search
/// is enough.
pub fn sniff_zip(bytes: &[u8]) -> Result<SourceFormat, ParseError> {
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    if has(b"word/document.xml") {
        return Ok(SourceFormat::Docx);
    }
    if has(b"application/vnd.oasis.opendocument.text") && !has(b"application/vnd.oasis.opendocument.text-") {
        return Ok(SourceFormat::Odt);
    }
    let what = if has(b"xl/workbook.xml") {
        "an Excel workbook (XLSX), not a Word document; save the form as DOCX or PDF"
    } else if has(b"ppt/presentation.xml") {
        "a PowerPoint presentation (PPTX), not a Word document; save the form as DOCX or PDF"
    } else if has(b"application/vnd.oasis.opendocument") {
        "an OpenDocument spreadsheet or presentation, not a text document; save the form as DOCX, ODT or PDF"
    } else {
        "a ZIP archive without a Word or OpenDocument text in it (no word/document.xml, no content.xml)"
    };
    Err(ParseError::Unsupported(format!("the file is {what}")))
}

fn zip_error(kind: Office, e: zip::result::ZipError) -> ParseError {
    use zip::result::ZipError;
    let name = kind.name();
    match e {
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => {
            ParseError::Unsupported(format!("the {name} is encrypted (password-protected ZIP entries); save an unprotected copy"))
        }
        ZipError::UnsupportedArchive(m) => ParseError::Unsupported(format!("the {name} uses an unsupported ZIP feature ({m})")),
        ZipError::InvalidPassword => ParseError::Unsupported(format!("the {name} is encrypted; save an unprotected copy")),
        other => kind.corrupt(format!("not a readable ZIP archive ({other})")),
    }
}

/// An opened package.
pub struct Package<'a> {
    kind: Office,
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    max: u64,
}

impl<'a> Package<'a> {
    pub fn open(kind: Office, bytes: &'a [u8], max_decompressed: u64) -> Result<Self, ParseError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(kind, e))?;
        Ok(Package { kind, archive, max: max_decompressed.min(MAX_PART_BYTES) })
    }

    /// Names of the parts, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(str::to_string).collect()
    }

    /// One part, decompressed and decoded to text, refused past the cap whatever its header
    /// says. `Ok(None)` when the package has no such part.
    pub fn part(&mut self, name: &str, deadline: budget::Deadline) -> Result<Option<String>, ParseError> {
        let (kind, max) = (self.kind, self.max);
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(zip_error(kind, e)),
        };
        if file.encrypted() {
            return Err(ParseError::Unsupported(format!("the {} is encrypted; save an unprotected copy", kind.name())));
        }
        let over = |n: u64| {
            ParseError::LimitExceeded(format!(
                "{name} expands to {}{n} bytes, the limit is {max} (a ZIP bomb?)",
                if n > max && n == max.saturating_add(1) { "more than " } else { "" }
            ))
        };
        if file.size() > max {
            return Err(over(file.size()));
        }
        let mut out = Vec::with_capacity(file.size().min(max) as usize);
        let mut reader = file.take(max.saturating_add(1));
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            let n = reader.read(&mut chunk).map_err(|e| kind.corrupt(format!("its {name} cannot be decompressed ({e})")))?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&chunk[..n]);
            if out.len() as u64 > max {
                return Err(over(max.saturating_add(1)));
            }
            if out.len() % (16 << 20) < n {
                deadline.check()?;
            }
        }
        Ok(Some(decode_xml(&out)))
    }

    /// A part that must be there.
    pub fn required_part(&mut self, name: &str, deadline: budget::Deadline) -> Result<String, ParseError> {
        let kind = self.kind;
        self.part(name, deadline)?.ok_or_else(|| kind.corrupt(format!("it has no {name} (a damaged or partial file?)")))
    }
}

/// What a package's document properties say of who made it, a line each: the organisation
/// Office fills in from its installation (`docProps/app.xml` Company), the document's title
/// and its creator (`docProps/core.xml`, OpenDocument `meta.xml`; a person as a rule, which
/// names no landlord, sometimes the organisation). Kept as furniture, where a file that never
/// prints its publisher's name still says it (`docs/gold-format.md`). A part missing or
/// unreadable gives nothing: properties are never worth an error.
pub fn document_properties(package: &mut Package<'_>, deadline: budget::Deadline) -> Vec<String> {
    const PROPERTIES: [(&str, &[&str]); 3] = [("docProps/app.xml", &["Company"]), ("docProps/core.xml", &["title", "creator"]), ("meta.xml", &["title", "initial-creator"])];
    let mut lines = Vec::new();
    for (part, elements) in PROPERTIES {
        let Ok(Some(xml)) = package.part(part, deadline) else { continue };
        let Ok(doc) = parse_xml(package.kind, part, &xml) else { continue };
        for element in elements {
            let value = doc.descendants().find(|n| n.tag_name().name() == *element).and_then(|n| n.text()).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                lines.push(chc_model::furniture_line(&v).to_string());
            }
        }
    }
    lines
}

/// XML bytes to text: UTF-8 (the norm), or UTF-16 with a byte-order mark.
fn decode_xml(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE.decode(rest).0.into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE.decode(rest).0.into_owned();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// The XML tree of a part. A DOCTYPE is refused (office parts never have one; entities are
/// how XML bombs work), as is a tree past [`MAX_XML_NODES`].
pub fn parse_xml<'x>(kind: Office, name: &str, text: &'x str) -> Result<roxmltree::Document<'x>, ParseError> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_XML_NODES, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => ParseError::LimitExceeded(format!("{name} holds more than {MAX_XML_NODES} XML nodes")),
        e => kind.corrupt(format!("its {name} is not well-formed XML ({e})")),
    })
}

/// A step of a walk over a tree: entering a node, or leaving one entered.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a, 'i> {
    Open(roxmltree::Node<'a, 'i>),
    Close(roxmltree::Node<'a, 'i>),
}

/// Walk the subtree at `root` in document order without recursion. `visit` is called on
/// every step; returning `false` on an `Open` skips that node's children (its `Close`
/// still follows).
pub fn walk<'a, 'i>(root: roxmltree::Node<'a, 'i>, mut visit: impl FnMut(Step<'a, 'i>) -> bool) {
    let mut node = root;
    loop {
        if visit(Step::Open(node)) {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        loop {
            visit(Step::Close(node));
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_visits_in_order_and_skips_on_request() {
        let doc = roxmltree::Document::parse("<a><b><c/>x</b><d>y</d></a>").unwrap();
        let mut seen = Vec::new();
        walk(doc.root_element(), |s| match s {
            Step::Open(n) => {
                seen.push(format!("+{}", if n.is_text() { n.text().unwrap() } else { n.tag_name().name() }));
                n.tag_name().name() != "b"
            }
            Step::Close(n) => {
                seen.push(format!("-{}", if n.is_text() { n.text().unwrap() } else { n.tag_name().name() }));
                true
            }
        });
        assert_eq!(seen, ["+a", "+b", "-b", "+d", "+y", "-y", "-d", "-a"]);
    }

    #[test]
    fn doctype_and_node_bombs_are_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><x>&a;</x>"#;
        assert_eq!(parse_xml(Office::Word, "word/document.xml", bomb).unwrap_err().kind(), "corrupt_docx");
        assert_eq!(parse_xml(Office::OpenDocument, "content.xml", "<x><y></x>").unwrap_err().kind(), "corrupt_odt");
    }
}
