//! Damaged files: a cross-reference table that is wrong or missing, or a download cut short.
//! Viewers rebuild the object table by scanning the file for `N G obj` headers; so do we,
//! then hand lopdf the same bytes followed by a fresh cross-reference table and trailer.
//! When the catalog or the page tree did not survive (a truncated file keeps its first
//! objects), a new page tree lists every page object found, in file order.

use memchr::memmem;

/// One object header found by scanning: number, generation, byte offset of the header.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found {
    id: u32,
    gen: u16,
    offset: usize,
}

/// Highest object number accepted (a damaged file can claim absurd numbers).
const MAX_ID: u32 = 8_000_000;

/// Every `N G obj` header at the start of a line (or after white space), in file order.
fn object_headers(bytes: &[u8]) -> Vec<Found> {
    let mut out = Vec::new();
    for at in memmem::find_iter(bytes, b"obj") {
        // "obj" must end the keyword: not "objstm", not "endobj".
        if bytes.get(at + 3).is_some_and(|&c| !is_delimiter_or_white(c)) || at >= 3 && &bytes[at - 3..at] == b"end" {
            continue;
        }
        let Some((gen, gen_start)) = number_before(bytes, at) else { continue };
        let Some((id, id_start)) = number_before(bytes, gen_start) else { continue };
        if id_start > 0 && !is_white(bytes[id_start - 1]) {
            continue;
        }
        if id == 0 || id > MAX_ID as u64 || gen > u16::MAX as u64 {
            continue;
        }
        out.push(Found { id: id as u32, gen: gen as u16, offset: id_start });
    }
    out
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter_or_white(c: u8) -> bool {
    is_white(c) || matches!(c, b'<' | b'>' | b'[' | b']' | b'(' | b')' | b'/' | b'%' | b'{' | b'}')
}

/// The unsigned integer that ends right before `end` (after at least one white-space byte):
/// its value and where it starts.
fn number_before(bytes: &[u8], end: usize) -> Option<(u64, usize)> {
    let mut i = end;
    let mut spaces = 0;
    while i > 0 && is_white(bytes[i - 1]) && spaces < 8 {
        i -= 1;
        spaces += 1;
    }
    if spaces == 0 {
        return None;
    }
    let digits_end = i;
    while i > 0 && bytes[i - 1].is_ascii_digit() && digits_end - i < 10 {
        i -= 1;
    }
    if i == digits_end {
        return None;
    }
    let value = std::str::from_utf8(&bytes[i..digits_end]).ok()?.parse().ok()?;
    Some((value, i))
}

/// The bytes of the object whose header is at `offset`, up to `endobj` (or 64 kB).
fn object_text(bytes: &[u8], offset: usize) -> &[u8] {
    let rest = &bytes[offset..];
    let head = &rest[..rest.len().min(64 * 1024)];
    match memmem::find(head, b"endobj") {
        Some(end) => &head[..end],
        None => head,
    }
}

/// The object's dictionary (before any stream data) names `/Type /<kind>`.
fn has_type(obj: &[u8], kind: &[u8]) -> bool {
    let dict = match memmem::find(obj, b"stream") {
        Some(s) => &obj[..s],
        None => obj,
    };
    memmem::find_iter(dict, b"/Type").any(|at| {
        let mut i = at + 5;
        while i < dict.len() && is_white(dict[i]) {
            i += 1;
        }
        dict[i..].starts_with(b"/") && dict[i + 1..].starts_with(kind) && dict.get(i + 1 + kind.len()).is_none_or(|&c| is_delimiter_or_white(c))
    })
}

/// What the scan found and the bytes to load instead of the file's own.
pub(crate) struct Rebuilt {
    pub bytes: Vec<u8>,
    /// Objects found by scanning.
    pub objects: usize,
    /// Page objects found.
    pub pages: usize,
}

/// The file with a fresh cross-reference table and trailer appended; `fresh_tree` also
/// appends a new catalog whose page tree lists every page object found (for a file whose
/// own catalog or page tree is lost). `None` when the scan finds no page object.
pub(crate) fn rebuild(bytes: &[u8], fresh_tree: bool) -> Option<Rebuilt> {
    let found = object_headers(bytes);
    // The last definition of a number wins (incremental updates append newer versions).
    let mut latest: std::collections::BTreeMap<u32, Found> = std::collections::BTreeMap::new();
    for f in &found {
        latest.insert(f.id, *f);
    }
    let by_offset = {
        let mut v: Vec<Found> = latest.values().copied().collect();
        v.sort_by_key(|f| f.offset);
        v
    };
    let pages: Vec<Found> = by_offset.iter().copied().filter(|f| has_type(object_text(bytes, f.offset), b"Page")).collect();
    if pages.is_empty() {
        return None;
    }
    let catalog = by_offset.iter().rev().find(|f| has_type(object_text(bytes, f.offset), b"Catalog")).copied();
    let mut out = bytes.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut next_id = latest.keys().next_back().copied().unwrap_or(0) + 1;
    let mut offsets: Vec<(u32, u16, usize)> = latest.values().map(|f| (f.id, f.gen, f.offset)).collect();
    let root = match catalog {
        Some(c) if !fresh_tree => (c.id, c.gen),
        _ => {
            let (tree, cat) = (next_id, next_id + 1);
            next_id += 2;
            let kids: Vec<String> = pages.iter().map(|p| format!("{} {} R", p.id, p.gen)).collect();
            offsets.push((tree, 0, out.len()));
            out.extend_from_slice(format!("{tree} 0 obj\n<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n", kids.join(" "), pages.len()).as_bytes());
            offsets.push((cat, 0, out.len()));
            out.extend_from_slice(format!("{cat} 0 obj\n<< /Type /Catalog /Pages {tree} 0 R >>\nendobj\n").as_bytes());
            (cat, 0)
        }
    };
    offsets.sort_by_key(|o| o.0);
    let size = next_id;
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    let mut k = 0;
    for id in 1..size {
        match offsets.get(k) {
            Some(&(oid, gen, off)) if oid == id => {
                out.extend_from_slice(format!("{off:010} {gen:05} n \n").as_bytes());
                k += 1;
            }
            _ => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    out.extend_from_slice(format!("trailer\n<< /Size {size} /Root {} {} R >>\nstartxref\n{xref_at}\n%%EOF\n", root.0, root.1).as_bytes());
    Some(Rebuilt { bytes: out, objects: latest.len(), pages: pages.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\n";

    #[test]
    fn headers_found_and_keywords_ignored() {
        let found = object_headers(SMALL);
        assert_eq!(found.iter().map(|f| f.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert!(object_headers(b"12 0 objstm 3 0 endobj x0 0 obj").is_empty());
    }

    #[test]
    fn a_file_without_xref_loads_after_rebuilding() {
        let r = rebuild(SMALL, false).unwrap();
        assert_eq!((r.objects, r.pages), (4, 1));
        let doc = lopdf::Document::load_mem(&r.bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        // Without its catalog and page tree the page is still found.
        let start = SMALL.windows(7).position(|w| w == b"1 0 obj").unwrap();
        let end = SMALL.windows(7).position(|w| w == b"3 0 obj").unwrap();
        let mut cut = SMALL.to_vec();
        cut[start..end].fill(b' ');
        let r = rebuild(&cut, true).unwrap();
        let doc = lopdf::Document::load_mem(&r.bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn page_type_is_not_pages() {
        assert!(has_type(b"<< /Type /Page /Parent 2 0 R >>", b"Page"));
        assert!(!has_type(b"<< /Type /Pages /Kids [] >>", b"Page"));
        assert!(has_type(b"<</Type/Page>>", b"Page"));
    }
}
