//! Single-file web archives (`.mhtml`, `.mht`: "Save page as… single file" in Chrome, Edge,
//! old Internet Explorer and Word): a MIME message (RFC 2557) whose root part is the page.
//! We read the message's headers, walk its multipart bodies (nested ones too), and take the
//! root `text/html` part (the one the `start` parameter names, else the first), decoded from
//! quoted-printable or base64 and from its declared charset. Images, style sheets and frames
//! stored beside it are ignored.
//!
//! No MIME crate fits here (the maintained one needs a newer compiler than the workspace's),
//! and an archive needs only this much of MIME: header unfolding, parameters, boundaries and
//! the two transfer encodings.

use crate::ParseError;

/// Deepest nesting of multiparts followed (archives use one or two levels).
const MAX_DEPTH: usize = 8;

/// Whether the bytes are a MIME message rather than a page: they open with header lines and
/// declare MIME in the first few kilobytes.
pub fn looks_like_mime(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let is_header = first.split_once(':').is_some_and(|(name, _)| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    let lower = text.to_ascii_lowercase();
    is_header && (lower.contains("mime-version:") || lower.contains("content-type: multipart/")) && lower.contains("content-type:")
}

/// The page stored in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedPage {
    pub bytes: Vec<u8>,
    /// The part declared its charset, and `bytes` are already UTF-8 (the declaration wins
    /// over the page's own `<meta>`, as an HTTP header does). Otherwise the bytes are as
    /// stored, for the page's `<meta>` to decide.
    pub utf8: bool,
    /// Where the page was saved from (the part's `Content-Location`), when the archive says.
    pub address: Option<String>,
}

/// The page inside an archive; `None` when the bytes are not an archive.
pub fn html_part(bytes: &[u8]) -> Result<Option<ArchivedPage>, ParseError> {
    if !looks_like_mime(bytes) {
        return Ok(None);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let part = find_html(bytes, 0).ok_or_else(|| ParseError::Unsupported("the file is a MIME web archive (MHTML) without an HTML page in it".into()))?;
    Ok(Some(part))
}

/// A part's headers (names lower-cased, folded lines joined) and the offset of its body.
fn split_headers(part: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut pos = 0;
    while pos < part.len() {
        let end = memchr::memchr(b'\n', &part[pos..]).map_or(part.len(), |i| pos + i);
        let line = String::from_utf8_lossy(&part[pos..end]);
        let line = line.trim_end_matches('\r');
        let next = (end + 1).min(part.len());
        if line.is_empty() {
            return (headers, next);
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        } else {
            // Not a header: the part has no header block.
            return (headers, pos);
        }
        pos = next;
    }
    (headers, part.len())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The media type of a Content-Type value (lower case) and one of its parameters.
fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn parameter(value: &str, name: &str) -> Option<String> {
    let mut rest = value;
    while let Some(semi) = rest.find(';') {
        rest = &rest[semi + 1..];
        let (key, after) = rest.split_once('=')?;
        let after = after.trim_start();
        let (v, tail) = match after.strip_prefix('"') {
            Some(q) => match q.find('"') {
                Some(e) => (&q[..e], &q[e + 1..]),
                None => (q, ""),
            },
            None => {
                let e = after.find(';').unwrap_or(after.len());
                (after[..e].trim(), &after[e..])
            }
        };
        if key.trim().eq_ignore_ascii_case(name) {
            return Some(v.to_string());
        }
        rest = tail;
    }
    None
}

/// The bodies between a multipart's boundary lines.
fn multipart_bodies<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let delimiter = format!("--{boundary}");
    let d = delimiter.as_bytes();
    let mut starts = Vec::new();
    let mut pos = 0;
    while let Some(i) = memchr::memmem::find(&body[pos..], d) {
        let at = pos + i;
        let line_start = at == 0 || body[at - 1] == b'\n';
        pos = at + d.len();
        if line_start {
            let closing = body[pos..].starts_with(b"--");
            starts.push((at, pos, closing));
            if closing {
                break;
            }
        }
    }
    let mut parts = Vec::new();
    for w in starts.windows(2) {
        let (_, after, closing) = w[0];
        if closing {
            break;
        }
        let content_start = memchr::memchr(b'\n', &body[after..]).map_or(body.len(), |i| after + i + 1);
        let mut end = w[1].0;
        // The line break before a boundary belongs to the boundary.
        if end > content_start && body[end - 1] == b'\n' {
            end -= 1;
            if end > content_start && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        parts.push(&body[content_start.min(end)..end]);
    }
    if let Some(&(_, after, false)) = starts.last() {
        // An archive cut short: the last part runs to the end.
        let content_start = memchr::memchr(b'\n', &body[after..]).map_or(body.len(), |i| after + i + 1);
        parts.push(&body[content_start..]);
    }
    parts
}

fn find_html(part: &[u8], depth: usize) -> Option<ArchivedPage> {
    let (headers, body_at) = split_headers(part);
    let body = &part[body_at..];
    let content_type = header(&headers, "content-type").unwrap_or("text/plain");
    let media = media_type(content_type);
    if media.starts_with("multipart/") {
        if depth >= MAX_DEPTH {
            return None;
        }
        let boundary = parameter(content_type, "boundary")?;
        let bodies = multipart_bodies(body, &boundary);
        // The root part: the one `start` names (by Content-ID), else the first page.
        if let Some(start) = parameter(content_type, "start") {
            let start = start.trim_matches(['<', '>']);
            for b in &bodies {
                let (h, _) = split_headers(b);
                if header(&h, "content-id").is_some_and(|id| id.trim_matches(['<', '>', ' ']) == start) {
                    if let Some(found) = find_html(b, depth + 1) {
                        return Some(found);
                    }
                }
            }
        }
        return bodies.iter().find_map(|b| find_html(b, depth + 1));
    }
    if media != "text/html" && media != "application/xhtml+xml" {
        return None;
    }
    let encoding = header(&headers, "content-transfer-encoding").unwrap_or("").trim().to_ascii_lowercase();
    let raw = match encoding.as_str() {
        "quoted-printable" => decode_quoted_printable(body),
        "base64" => decode_base64(body),
        _ => body.to_vec(),
    };
    let charset = parameter(content_type, "charset").and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    let address = header(&headers, "content-location").map(str::to_string);
    Some(match charset {
        Some(enc) => ArchivedPage { bytes: enc.decode_with_bom_removal(&raw).0.into_owned().into_bytes(), utf8: true, address },
        None => ArchivedPage { bytes: raw, utf8: false, address },
    })
}

/// Quoted-printable: `=XX` is a byte, `=` at a line end joins the lines; a stray `=` stays.
pub fn decode_quoted_printable(s: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'=' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        // A soft line break: '=' then optional trailing blanks then CRLF or LF.
        let mut j = i + 1;
        while j < s.len() && matches!(s[j], b' ' | b'\t') {
            j += 1;
        }
        if s[j..].starts_with(b"\r\n") {
            i = j + 2;
        } else if s[j..].starts_with(b"\n") {
            i = j + 1;
        } else if let (Some(&a), Some(&b)) = (s.get(i + 1), s.get(i + 2)) {
            match (hex(a), hex(b)) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
        } else {
            out.push(b'=');
            i += 1;
        }
    }
    out
}

/// Base64, skipping line breaks and anything else outside the alphabet; stops at padding.
pub fn decode_base64(s: &[u8]) -> Vec<u8> {
    let value = |b: u8| -> Option<u32> {
        Some(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut n) = (0u32, 0u32);
    for &b in s {
        if b == b'=' {
            break;
        }
        let Some(v) = value(b) else { continue };
        acc = acc << 6 | v;
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match n {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHROME: &str = "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.gov.uk/sa\r\nSubject: Self-assessment\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n\r\n------MultipartBoundary--abc----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://www.example.gov.uk/sa\r\n\r\n<!DOCTYPE html><html><head><meta http-equiv=3D\"Content-Type\" content=3D\"text/html; charset=3DUTF-8\"></head><body><p>Comply: Yes =E2=98=92 No =E2=98=90 and a long line that is wrapped=\r\n here</p></body></html>\r\n------MultipartBoundary--abc----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://www.example.gov.uk/logo.png\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--abc------\r\n";

    #[test]
    fn chrome_archive_gives_its_page_decoded() {
        assert!(looks_like_mime(CHROME.as_bytes()));
        let page = html_part(CHROME.as_bytes()).unwrap().unwrap();
        assert!(!page.utf8);
        assert_eq!(page.address.as_deref(), Some("https://www.example.gov.uk/sa"), "the page part's Content-Location");
        let page = String::from_utf8(page.bytes).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(page.contains("content=\"text/html; charset=UTF-8\""), "{page}");
        assert!(page.contains("Yes ☒ No ☐ and a long line that is wrapped here</p>"), "{page}");
        assert!(page.ends_with("</html>"), "{page:?}");
    }

    #[test]
    fn word_archive_in_windows_1252_base64_and_a_start_parameter() {
        let html = b"<html><body><p>Caf\xe9 \x93quoted\x94</p></body></html>";
        let b64 = {
            // Encode with the decoder's inverse, wrapped at 76 columns as mail is.
            const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut s = Vec::new();
            for c in html.chunks(3) {
                let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
                for k in 0..4 {
                    s.push(if k <= c.len() { A[(n >> (18 - 6 * k)) as usize & 63] } else { b'=' });
                }
                if s.len() % 77 == 76 {
                    s.push(b'\n');
                }
            }
            String::from_utf8(s).unwrap()
        };
        let msg = format!(
            "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"; start=\"<page@x>\"\n\nThis document is a Single File Web Page.\n\n------=_NextPart_01\nContent-Type: text/html; charset=\"us-ascii\"\nContent-ID: <other@x>\n\n<p>not this one</p>\n------=_NextPart_01\nContent-ID: <page@x>\nContent-Transfer-Encoding: base64\nContent-Type: text/html; charset=\"windows-1252\"\n\n{b64}\n------=_NextPart_01--\n"
        );
        let page = html_part(msg.as_bytes()).unwrap().unwrap();
        assert!(page.utf8);
        let page = String::from_utf8(page.bytes).unwrap();
        assert_eq!(page, "<html><body><p>Café \u{201C}quoted\u{201D}</p></body></html>");
    }

    #[test]
    fn not_an_archive_and_archives_without_a_page() {
        assert_eq!(html_part(b"<!DOCTYPE html><p>x</p>").unwrap(), None);
        assert_eq!(html_part(b"Code provision: 1.2\nComply: Yes\n").unwrap(), None);
        let images_only = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: image/png\n\nxx\n--b--\n";
        assert_eq!(html_part(images_only.as_bytes()).unwrap_err().kind(), "unsupported_format");
    }

    #[test]
    fn transfer_decodings_are_lenient() {
        assert_eq!(decode_quoted_printable(b"a=3Db=\r\nc= \nd=ZZ=4"), b"a=bcd=ZZ=4");
        assert_eq!(decode_base64(b"SGVs\nbG8="), b"Hello");
        assert_eq!(decode_base64(b"SGVsbA"), b"Hell");
        assert_eq!(decode_base64(b"!!"), b"");
    }

    #[test]
    fn truncated_and_hostile_archives_do_not_panic() {
        for cut in 0..CHROME.len() {
            let _ = html_part(&CHROME.as_bytes()[..cut]);
        }
        // Nested deeper than followed.
        let mut msg = String::from("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for d in 1..40 {
            msg.push_str(&format!("--b{}\nContent-Type: multipart/mixed; boundary=b{d}\n\n", d - 1));
        }
        msg.push_str("--b39\nContent-Type: text/html\n\n<p>deep</p>\n");
        assert!(html_part(msg.as_bytes()).is_err());
    }
}
