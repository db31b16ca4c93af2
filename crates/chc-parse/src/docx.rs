//! Word DOCX input: the body of `word/document.xml` as text lines, like a text export.
//!
//! A DOCX is a ZIP holding WordprocessingML. The body is walked in document order and
//! becomes one page of [`PageContent::Lines`], so the table stage reads it exactly as it
//! reads tab-separated text:
//! - a paragraph outside tables is a line (`w:tab` stays a tab, `w:br` ends the line);
//! - a table row (`w:tr`) is one line, its cells (`w:tc`) joined by `\t`; a cell spanning
//!   columns (`w:gridSpan`, `w:gridBefore`/`w:gridAfter`) is padded with empty cells so
//!   columns stay aligned, and a vertically merged continuation cell (`w:vMerge`) is empty;
//! - inside a cell, paragraphs and line breaks are joined with `<br>` (list paragraphs start
//!   with `• `) and the text is escaped, so `clean::clean_text` turns them into lines; tabs
//!   and newlines inside a cell are spaces; nested tables are flattened into the cell.
//!
//! Kept: hyperlink, smart-tag, content-control and inserted (`w:ins`) text, field results.
//! Dropped: field instructions (`w:instrText`), deleted and moved-away text (`w:del`,
//! `w:moveFrom`), content-control placeholder text, the fallback copy of alternate content.
//! Symbol-font ticks and crosses (`w:sym`, or Wingdings/Symbol/Webdings text) become ✓/✗.
//!
//! Safety: `word/document.xml` is read through `take` and refused past
//! `Limits::max_decompressed_bytes` (zip bombs lie about sizes); encrypted entries and
//! unsupported compression are refused; the XML scanner never recurses and never panics on
//! broken markup.

use crate::symbols::{is_symbol_font, private_use_tick, symbol_char};
use crate::{budget, Limits, ParseError};
use chc_model::{ParsedDocument, SourceFormat, SourceInfo};
use std::borrow::Cow;
use std::io::{Cursor, Read};

/// The main document part.
pub const MAIN_PART: &str = "word/document.xml";

/// Largest `word/document.xml` read (see `parse_docx`).
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

/// What a ZIP container is: DOCX when it holds `word/document.xml`, otherwise an
/// `Unsupported` error naming what it looks like. Entry names are stored uncompressed in
/// the local headers and the central directory, so a byte search is enough.
pub fn sniff_zip(bytes: &[u8]) -> Result<SourceFormat, ParseError> {
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    if has(MAIN_PART.as_bytes()) {
        return Ok(SourceFormat::Docx);
    }
    let what = if has(b"xl/workbook.xml") {
        "an Excel workbook (XLSX), not a Word document; save the form as DOCX or PDF"
    } else if has(b"ppt/presentation.xml") {
        "a PowerPoint presentation (PPTX), not a Word document; save the form as DOCX or PDF"
    } else if has(b"application/vnd.oasis.opendocument") {
        "an OpenDocument file (ODT/ODS), not a Word document; save the form as DOCX or PDF"
    } else {
        "a ZIP archive without a Word document (no word/document.xml)"
    };
    Err(ParseError::Unsupported(format!("the file is {what}")))
}

/// Parse a DOCX into one page of text lines (see the module documentation).
pub fn parse_docx(mut source: SourceInfo, bytes: &[u8], limits: &Limits) -> Result<ParsedDocument, ParseError> {
    source.format = SourceFormat::Docx;
    let deadline = budget::current();
    // A real form's document.xml is well under a megabyte; a bomb that lies about its size
    // is inflated up to this cap before it is refused, so keep the cap small.
    let xml = read_part(bytes, MAIN_PART, limits.max_decompressed_bytes.min(MAX_DOCUMENT_XML), deadline)?;
    deadline.check()?;
    let text = decode_xml(&xml);
    drop(xml);
    let mut walker = Walker::default();
    for (i, ev) in Scanner::new(&text).enumerate() {
        if i % 16_384 == 0 {
            deadline.check()?;
        }
        walker.event(ev);
    }
    walker.finish();
    if !walker.saw_body {
        return Err(ParseError::CorruptDocx("word/document.xml holds no WordprocessingML body".into()));
    }
    crate::text::lines_document(source, walker.lines.iter().map(String::as_str), limits, deadline, Vec::new())
}

fn zip_error(e: zip::result::ZipError) -> ParseError {
    use zip::result::ZipError;
    match e {
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => {
            ParseError::Unsupported("the DOCX is encrypted (password-protected ZIP entries); save an unprotected copy".into())
        }
        ZipError::UnsupportedArchive(m) => ParseError::Unsupported(format!("the DOCX uses an unsupported ZIP feature ({m})")),
        ZipError::InvalidPassword => ParseError::Unsupported("the DOCX is encrypted; save an unprotected copy".into()),
        other => ParseError::CorruptDocx(format!("not a readable ZIP archive ({other})")),
    }
}

/// One entry of the archive, decompressed, refused past `max` bytes whatever its header says.
fn read_part(bytes: &[u8], name: &str, max: u64, deadline: budget::Deadline) -> Result<Vec<u8>, ParseError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(ParseError::CorruptDocx(format!("it has no {name} (a damaged or partial Word file?)")))
        }
        Err(e) => return Err(zip_error(e)),
    };
    if file.encrypted() {
        return Err(ParseError::Unsupported("the DOCX is encrypted; save an unprotected copy".into()));
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
    let mut out = Vec::with_capacity(file.size().min(64 << 20) as usize);
    let mut reader = file.take(max.saturating_add(1));
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut chunk).map_err(|e| ParseError::CorruptDocx(format!("its {name} cannot be decompressed ({e})")))?;
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
    Ok(out)
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

// ---------------------------------------------------------------------------------------
// A small XML event scanner: enough for WordprocessingML, lenient on broken input.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ev<'a> {
    Start { name: &'a str, attrs: &'a str, empty: bool },
    End { name: &'a str },
    /// Character data with entities still encoded.
    Text(&'a str),
    /// CDATA content, literal.
    CData(&'a str),
}

struct Scanner<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str) -> Self {
        Scanner { s, pos: 0 }
    }

    /// Index just past `pat` at or after `from`, or the end of input.
    fn past(&self, from: usize, pat: &str) -> usize {
        self.s[from..].find(pat).map_or(self.s.len(), |i| from + i + pat.len())
    }
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Ev<'a>;

    fn next(&mut self) -> Option<Ev<'a>> {
        let s = self.s;
        loop {
            if self.pos >= s.len() {
                return None;
            }
            let rest = &s[self.pos..];
            if !rest.starts_with('<') {
                let end = rest.find('<').map_or(s.len(), |i| self.pos + i);
                let text = &s[self.pos..end];
                self.pos = end;
                return Some(Ev::Text(text));
            }
            if rest.starts_with("<!--") {
                self.pos = self.past(self.pos + 4, "-->");
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                let start = self.pos + 9;
                let end = s[start..].find("]]>").map_or(s.len(), |i| start + i);
                self.pos = (end + 3).min(s.len());
                return Some(Ev::CData(&s[start..end]));
            }
            if rest.starts_with("<?") {
                self.pos = self.past(self.pos + 2, "?>");
                continue;
            }
            if rest.starts_with("<!") {
                // DOCTYPE (entities are never expanded) or other declarations.
                let close = if rest[..rest.find('>').unwrap_or(rest.len())].contains('[') { "]>" } else { ">" };
                self.pos = self.past(self.pos + 2, close);
                continue;
            }
            // A tag: find its '>' outside quoted attribute values.
            let mut quote: Option<u8> = None;
            let mut end = None;
            for (i, &b) in rest.as_bytes().iter().enumerate().skip(1) {
                match (quote, b) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"') | (None, b'\'') => quote = Some(b),
                    (None, b'>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                self.pos = s.len();
                return None;
            };
            let inner = &rest[1..end];
            self.pos += end + 1;
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Ev::End { name: name.trim() });
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let name_end = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
            let name = &inner[..name_end];
            if name.is_empty() {
                continue;
            }
            return Some(Ev::Start { name, attrs: &inner[name_end..], empty });
        }
    }
}

/// The value of the attribute whose local name (after any prefix) is `local`.
fn attr<'a>(attrs: &'a str, local: &str) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let q = after.chars().next()?;
        if q != '"' && q != '\'' {
            return None;
        }
        let close = after[1..].find(q)? + 1;
        let value = &after[1..close];
        let name_local = name.rsplit(':').next().unwrap_or(name);
        if name_local == local && !name.starts_with("xmlns") {
            return Some(decode_entities(value));
        }
        rest = &after[close + 1..];
    }
}

/// Decode the five XML entities and numeric character references.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest[..rest.len().min(12)].find(';');
        let decoded = semi.and_then(|semi| {
            let body = &rest[1..semi];
            let c = match body {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let num = body.strip_prefix('#')?;
                    let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse::<u32>().ok()?,
                    };
                    char::from_u32(code).unwrap_or('\u{FFFD}')
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------
// The body walker.

#[derive(Default)]
struct Para {
    /// Text with `\t` for tabs and `\n` for line breaks.
    text: String,
    list: bool,
}

#[derive(Default)]
struct Cell {
    paras: Vec<String>,
    span: usize,
    continued: bool,
}

#[derive(Default)]
struct Walker {
    lines: Vec<String>,
    saw_body: bool,
    /// Namespace prefixes of WordprocessingML and markup compatibility, from the root.
    w: Option<String>,
    mc: String,
    rooted: bool,
    /// >0 while inside a dropped subtree (its element depth).
    skip: usize,
    paras: Vec<Para>,
    table_depth: usize,
    row: Option<Vec<String>>,
    grid_after: usize,
    cell: Option<Cell>,
    in_text: bool,
    in_run: usize,
    run_font: Option<String>,
    /// Per open `w:sdt`: whether it shows placeholder text.
    sdt: Vec<bool>,
}

fn clamp_count(v: Option<Cow<'_, str>>) -> usize {
    v.and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 64)
}

impl Walker {
    /// The WordprocessingML local name of `name`, if it is in that namespace.
    fn wname<'n>(&self, name: &'n str) -> Option<&'n str> {
        let prefix = self.w.as_deref().unwrap_or("w");
        if prefix.is_empty() {
            (!name.contains(':')).then_some(name)
        } else {
            name.strip_prefix(prefix)?.strip_prefix(':')
        }
    }

    fn is_mc(&self, name: &str, local: &str) -> bool {
        name.strip_prefix(self.mc.as_str()).and_then(|n| n.strip_prefix(':')) == Some(local)
    }

    fn root(&mut self, attrs: &str) {
        self.rooted = true;
        self.mc = "mc".into();
        let mut rest = attrs;
        while let Some(i) = rest.find("xmlns") {
            rest = &rest[i + 5..];
            let prefix = match rest.strip_prefix(':') {
                Some(r) => r[..r.find(|c: char| c == '=' || c.is_ascii_whitespace()).unwrap_or(r.len())].to_string(),
                None if rest.trim_start().starts_with('=') => String::new(),
                None => continue,
            };
            let Some(q) = rest.find(['"', '\'']) else { break };
            let quote = &rest[q..q + 1];
            let Some(close) = rest[q + 1..].find(quote) else { break };
            let uri = &rest[q + 1..q + 1 + close];
            if uri.ends_with("/wordprocessingml/2006/main") || uri == "http://purl.oclc.org/ooxml/wordprocessingml/main" {
                self.w = Some(prefix);
            } else if uri.ends_with("/markup-compatibility/2006") {
                self.mc = prefix;
            }
            rest = &rest[q + 1 + close..];
        }
    }

    fn push_text(&mut self, s: &str) {
        let Some(p) = self.paras.last_mut() else { return };
        let font = self.run_font.as_deref().filter(|f| is_symbol_font(f));
        for c in s.chars() {
            let c = match font {
                Some(f) => match symbol_char(f, c as u32) {
                    Some(m) => m,
                    None => continue,
                },
                None => private_use_tick(c).unwrap_or(c),
            };
            p.text.push(match c {
                '\t' | '\n' | '\r' => ' ',
                c => c,
            });
        }
    }

    fn push_char(&mut self, c: char) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push(c);
        }
    }

    fn event(&mut self, ev: Ev<'_>) {
        if self.skip > 0 {
            match ev {
                Ev::Start { empty: false, .. } => self.skip += 1,
                Ev::End { .. } => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match ev {
            Ev::Start { name, attrs, empty } => {
                if !self.rooted {
                    self.root(attrs);
                }
                if self.start(name, attrs, empty) && !empty {
                    self.skip = 1;
                    return;
                }
                if empty {
                    self.end(name);
                }
            }
            Ev::End { name } => self.end(name),
            Ev::Text(t) if self.in_text => {
                let t = decode_entities(t);
                self.push_text(&t);
            }
            Ev::CData(t) if self.in_text => self.push_text(t),
            _ => {}
        }
    }

    /// Handle a start tag; `true` drops the element's whole subtree.
    fn start(&mut self, name: &str, attrs: &str, empty: bool) -> bool {
        if self.is_mc(name, "Fallback") {
            return true;
        }
        let Some(local) = self.wname(name) else { return false };
        match local {
            "body" => self.saw_body = true,
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" => return true,
            "p" => self.paras.push(Para::default()),
            "numPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.list = true;
                }
            }
            "numId" if attr(attrs, "val").as_deref() == Some("0") => {
                if let Some(p) = self.paras.last_mut() {
                    p.list = false;
                }
            }
            "pStyle" => {
                let v = attr(attrs, "val").unwrap_or_default().to_ascii_lowercase();
                if v.starts_with("listbullet") || v.starts_with("listnumber") {
                    if let Some(p) = self.paras.last_mut() {
                        p.list = true;
                    }
                }
            }
            "r" => {
                self.in_run += 1;
                self.run_font = None;
            }
            "rFonts" if self.in_run > 0 => {
                self.run_font = attr(attrs, "ascii").or_else(|| attr(attrs, "hAnsi")).or_else(|| attr(attrs, "cs")).map(Cow::into_owned);
            }
            "t" if !empty => self.in_text = true,
            "tab" | "ptab" if self.in_run > 0 => self.push_char('\t'),
            "br" | "cr" => self.push_char('\n'),
            "noBreakHyphen" => self.push_char('-'),
            "sym" => {
                let font = attr(attrs, "font").unwrap_or_default();
                let code = attr(attrs, "char").and_then(|c| u32::from_str_radix(c.trim(), 16).ok());
                if let Some(c) = code.and_then(|code| symbol_char(&font, code)) {
                    self.push_char(c);
                }
            }
            "sdt" => self.sdt.push(false),
            "showingPlcHdr" => {
                if let Some(s) = self.sdt.last_mut() {
                    *s = !matches!(attr(attrs, "val").as_deref(), Some("0" | "false"));
                }
            }
            "sdtContent" if self.sdt.last() == Some(&true) => return true,
            "tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.flush_row();
                }
            }
            "tr" if self.table_depth == 1 => {
                self.flush_row();
                self.row = Some(Vec::new());
                self.grid_after = 0;
            }
            "gridBefore" if self.table_depth == 1 && self.cell.is_none() => {
                let n = clamp_count(attr(attrs, "val"));
                if let Some(r) = self.row.as_mut() {
                    r.extend(std::iter::repeat_n(String::new(), n));
                }
            }
            "gridAfter" if self.table_depth == 1 && self.cell.is_none() => self.grid_after = clamp_count(attr(attrs, "val")),
            "tc" if self.table_depth == 1 => {
                if self.row.is_none() {
                    self.row = Some(Vec::new());
                }
                self.finish_cell();
                self.cell = Some(Cell { span: 1, ..Cell::default() });
            }
            "gridSpan" if self.table_depth == 1 => {
                if let Some(c) = self.cell.as_mut() {
                    c.span = clamp_count(attr(attrs, "val"));
                }
            }
            "vMerge" if self.table_depth == 1 => {
                if let Some(c) = self.cell.as_mut() {
                    c.continued = matches!(attr(attrs, "val").as_deref(), None | Some("continue"));
                }
            }
            _ => {}
        }
        false
    }

    fn end(&mut self, name: &str) {
        let Some(local) = self.wname(name) else { return };
        match local {
            "t" => self.in_text = false,
            "r" => {
                self.in_run = self.in_run.saturating_sub(1);
                self.run_font = None;
            }
            "p" => {
                if let Some(p) = self.paras.pop() {
                    self.finish_para(p);
                }
            }
            "sdt" => {
                self.sdt.pop();
            }
            "tc" if self.table_depth == 1 => self.finish_cell(),
            "tr" if self.table_depth == 1 => self.flush_row(),
            "tbl" => {
                if self.table_depth == 1 {
                    self.flush_row();
                }
                self.table_depth = self.table_depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn finish_para(&mut self, p: Para) {
        let bullet = if p.list { "• " } else { "" };
        if self.table_depth > 0 {
            let Some(cell) = self.cell.as_mut() else { return };
            for (i, piece) in p.text.split('\n').enumerate() {
                let piece = piece.replace('\t', " ");
                if piece.trim().is_empty() {
                    continue;
                }
                let mut s = String::with_capacity(piece.len() + 4);
                if i == 0 {
                    s.push_str(bullet);
                }
                for c in piece.chars() {
                    match c {
                        '&' => s.push_str("&amp;"),
                        '<' => s.push_str("&lt;"),
                        c => s.push(c),
                    }
                }
                cell.paras.push(s);
            }
        } else {
            for (i, piece) in p.text.split('\n').enumerate() {
                if i == 0 {
                    self.lines.push(format!("{bullet}{piece}"));
                } else {
                    self.lines.push(piece.to_string());
                }
            }
        }
    }

    fn finish_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        let Some(row) = self.row.as_mut() else { return };
        row.push(if cell.continued { String::new() } else { cell.paras.join("<br>") });
        row.extend(std::iter::repeat_n(String::new(), cell.span - 1));
    }

    fn flush_row(&mut self) {
        self.finish_cell();
        if let Some(mut row) = self.row.take() {
            row.extend(std::iter::repeat_n(String::new(), self.grid_after));
            self.grid_after = 0;
            if row.iter().any(|c| !c.trim().is_empty()) {
                self.lines.push(row.join("\t"));
            }
        }
    }

    /// End of input: close whatever a truncated document left open.
    fn finish(&mut self) {
        while let Some(p) = self.paras.pop() {
            self.finish_para(p);
        }
        self.flush_row();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chc_model::PageContent;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        let xml = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#);
        zip_of(
            &[("[Content_Types].xml", b"<Types/>".as_slice()), (MAIN_PART, xml.as_bytes())],
            zip::CompressionMethod::Deflated,
        )
    }

    fn source() -> SourceInfo {
        SourceInfo { path: "t.docx".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 }
    }

    fn lines_of(bytes: &[u8]) -> Vec<String> {
        let doc = parse_docx(source(), bytes, &Limits::default()).unwrap();
        assert_eq!(doc.source.format, SourceFormat::Docx);
        match &doc.pages[0].content {
            PageContent::Lines(l) => l.iter().map(|l| l.text.clone()).collect(),
            _ => panic!("lines expected"),
        }
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn tc(inner: &str) -> String {
        if inner.starts_with("<w:tcPr>") {
            format!("<w:tc>{inner}</w:tc>")
        } else {
            format!("<w:tc><w:tcPr><w:tcW w:w=\"100\" w:type=\"dxa\"/></w:tcPr>{inner}</w:tc>")
        }
    }

    /// One hand-written form covering the WordprocessingML features the walker handles.
    fn feature_form() -> String {
        let header = format!(
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}</w:tr>",
            tc(&p("Code provision")),
            tc(&p("Code requirement")),
            tc(&p("Comply: Yes/No")),
            tc(&p("Evidence &amp; commentary"))
        );
        // A section heading spanning the whole table.
        let heading = "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4\"/></w:tcPr><w:p><w:r><w:t>Section 1: Definition</w:t></w:r></w:p></w:tc></w:tr>";
        // 1.2: list paragraphs, a hyperlink, a field (instruction dropped, result kept),
        // deleted and inserted text, a Wingdings tick, a vertically merged evidence cell.
        let row12 = format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc(&p("1.2")),
            tc(&format!(
                "{}<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>first point</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>second</w:t></w:r><w:r><w:tab/><w:t>point</w:t></w:r></w:p>",
                p("A complaint must be defined as:")
            )),
            tc("<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r><w:r><w:t xml:space=\"preserve\"> Yes</w:t></w:r></w:p>"),
            tc("<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:hyperlink r:id=\"rId5\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t>https://example.gov.uk/complaints</w:t></w:r></w:hyperlink></w:p><w:p><w:r><w:t xml:space=\"preserve\">Policy </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> REF policy \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>4.1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText> (old)</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\"> (new)</w:t></w:r></w:ins><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>, p.7</w:t></w:r></w:fldSimple></w:p>"),
        );
        // 1.3: a Wingdings 2 cross typed as text, the merged continuation cell, a smart tag,
        // a line break, a nested table, placeholder text, alternate content.
        let row13 = format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc(&p("1.3")),
            tc("<w:p><w:smartTag w:uri=\"urn:x\" w:element=\"place\"><w:r><w:t>Landlords</w:t></w:r></w:smartTag><w:r><w:t xml:space=\"preserve\"> must</w:t><w:br/><w:t>accept</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>nested b</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"),
            tc("<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Wingdings 2\" w:hAnsi=\"Wingdings 2\"/></w:rPr><w:t>O</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt></w:p>"),
            tc("<w:tcPr><w:vMerge/></w:tcPr><w:p/>"),
        );
        // 1.4: a cell before the grid starts, a sdt that is not a placeholder, a < and a tab
        // in the text, and a moved-away run.
        let row14 = format!(
            "<w:tr><w:trPr><w:gridAfter w:val=\"1\"/></w:trPr>{}{}{}</w:tr>",
            tc(&p("1.4")),
            tc("<w:p><w:sdt><w:sdtContent><w:r><w:t>under &lt;10 days&#9;ok</w:t></w:r></w:sdtContent></w:sdt><w:moveFrom w:id=\"9\"><w:r><w:t>moved</w:t></w:r></w:moveFrom></w:p>"),
            tc("<w:p><w:r><w:t>No</w:t></w:r></w:p>"),
        );
        format!(
            "{}<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Self</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>-assessment</w:t></w:r><w:r><w:tab/><w:t>May 2024</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"1\"/></w:tblGrid>{header}{heading}{row12}{row13}{row14}</w:tbl>{}<w:sectPr/>",
            p("Ashdown Council"),
            "<w:p><w:r><w:t>Signed off</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>text box</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>text box</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        )
    }

    #[test]
    fn wordprocessingml_features_become_tabbed_lines() {
        let lines = lines_of(&docx(&feature_form()));
        let expected = vec![
            "Ashdown Council".to_string(),
            "Self-assessment\tMay 2024".to_string(),
            "Code provision\tCode requirement\tComply: Yes/No\tEvidence &amp; commentary".to_string(),
            "Section 1: Definition\t\t\t".to_string(),
            "1.2\tA complaint must be defined as:<br>• first point<br>• second point\t✓ Yes\thttps://example.gov.uk/complaints<br>Policy 4.1 (new), p.7".to_string(),
            "1.3\tLandlords must<br>accept<br>nested a<br>nested b\t✗\t".to_string(),
            "1.4\tunder &lt;10 days ok\tNo\t".to_string(),
            "text box".to_string(),
            "Signed off".to_string(),
        ];
        assert_eq!(lines, expected);
        // The cell clean-up gives the text back as lines.
        use crate::clean::clean_text;
        let cells: Vec<&str> = lines[4].split('\t').collect();
        assert_eq!(clean_text(cells[1]), "A complaint must be defined as:\n• first point\n• second point");
        assert_eq!(clean_text(cells[3]), "https://example.gov.uk/complaints\nPolicy 4.1 (new), p.7");
        assert_eq!(clean_text(lines[6].split('\t').nth(1).unwrap()), "under <10 days ok");
        assert_eq!(clean_text(lines[2].split('\t').nth(3).unwrap()), "Evidence & commentary");
    }

    #[test]
    fn stored_entries_and_other_prefixes_work_too() {
        let xml = r#"<?xml version="1.0"?><!-- c --><x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t><![CDATA[a<b]]></x:t></x:r></x:p><x:tbl><x:tr><x:tc><x:p><x:r><x:t>1.2</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:rPr><x:rFonts x:ascii="Symbol"/></x:rPr><x:t>&#xF0D6;</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>"#;
        let bytes = zip_of(&[(MAIN_PART, xml.as_bytes())], zip::CompressionMethod::Stored);
        assert_eq!(lines_of(&bytes), vec!["a<b".to_string(), "1.2\t✓".to_string()]);
    }

    #[test]
    fn symbol_fonts_map_ticks_and_crosses() {
        assert_eq!(symbol_char("Wingdings", 0xF0FC), Some('✓'));
        assert_eq!(symbol_char("Wingdings", 0xFB), Some('✗'));
        assert_eq!(symbol_char("Wingdings 2", 0xF050), Some('✓'));
        assert_eq!(symbol_char("Wingdings 2", 0x4F), Some('✗'));
        assert_eq!(symbol_char("Symbol", 0xF0D6), Some('✓'));
        assert_eq!(symbol_char("Symbol", 0xF0B7), Some('•'));
        assert_eq!(symbol_char("MS Gothic", 0x2612), Some('☒'));
        assert_eq!(symbol_char("Wingdings", 0x41), None);
    }

    #[test]
    fn sniffing_tells_docx_from_other_zips() {
        assert_eq!(sniff_zip(&docx("")), Ok(SourceFormat::Docx));
        let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>".as_slice())], zip::CompressionMethod::Deflated);
        let e = sniff_zip(&xlsx).unwrap_err();
        assert_eq!(e.kind(), "unsupported_format");
        assert!(e.to_string().contains("XLSX"), "{e}");
        let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text".as_slice())], zip::CompressionMethod::Stored);
        assert!(sniff_zip(&odt).unwrap_err().to_string().contains("OpenDocument"));
        let other = zip_of(&[("a.txt", b"hello".as_slice())], zip::CompressionMethod::Stored);
        assert!(sniff_zip(&other).unwrap_err().to_string().contains("ZIP archive"));
    }

    #[test]
    fn zip_bombs_are_refused_while_reading() {
        let body = p(&"A".repeat(200_000));
        let bytes = docx(&body);
        assert!(bytes.len() < 20_000, "compresses well: {}", bytes.len());
        let limits = Limits { max_decompressed_bytes: 100_000, ..Limits::default() };
        let e = parse_docx(source(), &bytes, &limits).unwrap_err();
        assert_eq!(e.kind(), "limit_exceeded", "{e}");
        // A header claiming a small size does not help: the reader stops at the limit.
        let mut lying = bytes.clone();
        let xml_len = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#).len() as u32;
        let needle = xml_len.to_le_bytes();
        let mut patched = 0;
        for i in 0..lying.len().saturating_sub(4) {
            if lying[i..i + 4] == needle {
                lying[i..i + 4].copy_from_slice(&1000u32.to_le_bytes());
                patched += 1;
            }
        }
        assert!(patched >= 2, "local and central sizes patched");
        let e = parse_docx(source(), &lying, &limits).unwrap_err();
        assert!(matches!(e.kind(), "limit_exceeded" | "corrupt_docx"), "{e}");
        assert!(parse_docx(source(), &bytes, &Limits::default()).is_ok());
    }

    #[test]
    fn truncated_and_garbage_zips_are_errors_not_panics() {
        let good = docx(&feature_form());
        for cut in (0..good.len()).step_by(7) {
            let _ = parse_docx(source(), &good[..cut], &Limits::default());
        }
        let e = parse_docx(source(), &good[..good.len() / 2], &Limits::default()).unwrap_err();
        assert_eq!(e.kind(), "corrupt_docx", "{e}");
        // Flipped bytes anywhere.
        let mut seed = 12345u64;
        for _ in 0..400 {
            let mut b = good.clone();
            for _ in 0..4 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let i = (seed >> 33) as usize % b.len();
                b[i] ^= (seed >> 13) as u8 | 1;
            }
            let _ = parse_docx(source(), &b, &Limits::default());
        }
        let e = parse_docx(source(), b"PK\x03\x04word/document.xml garbage", &Limits::default()).unwrap_err();
        assert_eq!(e.kind(), "corrupt_docx");
        // A readable zip whose document is not WordprocessingML.
        let junk = zip_of(&[(MAIN_PART, b"\x00\x01 not xml <<<".as_slice())], zip::CompressionMethod::Deflated);
        assert_eq!(parse_docx(source(), &junk, &Limits::default()).unwrap_err().kind(), "corrupt_docx");
        // No text at all.
        assert_eq!(parse_docx(source(), &docx("<w:p/>"), &Limits::default()).unwrap_err().kind(), "empty_file");
    }

    #[test]
    fn broken_xml_does_not_panic() {
        for s in ["<", "<w:p", "<w:t>a</w:t", "<!--", "<![CDATA[x", "<!DOCTYPE [ <!ENTITY x 'y'>", "&#xFFFFFFFF;", "<w:body><w:p><w:r><w:t>é&", "<a b='>'/>", "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x"] {
            let mut w = Walker::default();
            for ev in Scanner::new(s) {
                w.event(ev);
            }
            w.finish();
        }
        assert_eq!(decode_entities("a &amp; &#65;&#x42; &bogus; &"), "a & AB &bogus; &");
    }
}
