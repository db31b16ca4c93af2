//! Text input: decode (UTF-8, UTF-16 with BOM, Windows-1252 fallback) and split into lines.

use crate::{Deadline, Limits, ParseError};
use chc_model::{Page, PageContent, ParsedDocument, SourceInfo, TextLine, Warning};
use std::borrow::Cow;

/// Which decoding was used, for a warning when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Decode text bytes (UTF-8 is borrowed, not copied). Returns `Err` for content that is
/// binary rather than text.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ParseError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((String::from_utf8_lossy(rest), Encoding::Utf8));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (s, _, _) = encoding_rs::UTF_16LE.decode(rest);
        return Ok((s, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (s, _, _) = encoding_rs::UTF_16BE.decode(rest);
        return Ok((s, Encoding::Utf16Be));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (s, _, _) = enc.decode(bytes);
        let e = if enc == encoding_rs::UTF_16LE { Encoding::Utf16Le } else { Encoding::Utf16Be };
        return Ok((s, e));
    }
    let nul_count = bytes.iter().take(8192).filter(|&&b| b == 0).count();
    if nul_count > 0 {
        return Err(ParseError::Unsupported("the file is binary, not text".into()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), Encoding::Utf8)),
        Err(_) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((s, Encoding::Windows1252))
        }
    }
}

/// UTF-16 saved without a byte-order mark shows as ASCII with every other byte zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 >= pairs * 9 && even_zero * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 10 >= pairs * 9 && odd_zero * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

pub fn parse_text(source: SourceInfo, bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<ParsedDocument, ParseError> {
    let (text, encoding) = decode(bytes)?;
    deadline.check()?;
    let mut warnings = Vec::new();
    if encoding != Encoding::Utf8 {
        warnings.push(Warning::new("text_encoding", format!("decoded as {encoding:?}")));
    }
    let lines = text.split('\n').map(|raw| raw.strip_suffix('\r').unwrap_or(raw));
    lines_document(source, lines, limits, deadline, warnings)
}

/// One page of numbered lines: what text and DOCX input both become. Lines over
/// `limits.max_line_chars` are cut with a warning; a document of blank lines is empty.
pub(crate) fn lines_document<'a>(
    source: SourceInfo,
    raw_lines: impl Iterator<Item = &'a str>,
    limits: &Limits,
    deadline: Deadline,
    mut warnings: Vec<Warning>,
) -> Result<ParsedDocument, ParseError> {
    let mut lines = Vec::new();
    let mut cut = 0usize;
    for (i, line) in raw_lines.enumerate() {
        if i & 4095 == 0 {
            deadline.check()?;
        }
        let line = if line.len() > limits.max_line_chars {
            cut += 1;
            let mut end = limits.max_line_chars;
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            &line[..end]
        } else {
            line
        };
        lines.push(TextLine { number: (i + 1) as u32, text: line.to_string() });
    }
    if cut > 0 {
        warnings.push(Warning::new(
            "line_truncated",
            format!("{cut} line(s) longer than {} characters were cut", limits.max_line_chars),
        ));
    }
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(ParseError::Empty);
    }
    Ok(ParsedDocument {
        source,
        pages: vec![Page { number: 1, width: 0.0, height: 0.0, content: PageContent::Lines(lines) }],
        tagged_tables: Vec::new(),
        furniture: Vec::new(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf16_with_and_without_bom() {
        let s = "Code provision\t1.2";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&le);
        assert_eq!(decode(&with_bom).unwrap(), (s.into(), Encoding::Utf16Le));
        assert_eq!(decode(&le).unwrap(), (s.into(), Encoding::Utf16Le));
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).unwrap().1, Encoding::Utf16Be);
    }

    #[test]
    fn windows_1252_falls_back_when_not_utf8() {
        let bytes = b"Comply \x96 Yes \x93quoted\x94";
        let (s, e) = decode(bytes).unwrap();
        assert_eq!(e, Encoding::Windows1252);
        assert_eq!(s, "Comply \u{2013} Yes \u{201C}quoted\u{201D}");
    }

    #[test]
    fn binary_is_not_text() {
        assert_eq!(decode(b"abc\0\x01\x02def\0").unwrap_err().kind(), "unsupported_format");
    }
}
