//! Damaged files: a cross-reference table that is wrong or missing, or a download cut short.
//! Viewers rebuild the object table by scanning the file for `N G obj` headers; so do we,
//! then hand lopdf the same bytes followed by a fresh cross-reference table and trailer.
//! When the catalog or the page tree did not survive (a truncated file keeps its first
//! objects), a new page tree lists every page object found, in file order. Objects kept in
//! object streams (whose only index was the lost cross-reference stream) are found by
//! reading each object stream's own header; the table is then written as a
//! cross-reference stream, which can point into object streams.

use memchr::memmem;
use std::io::Read;

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

/// Largest object stream inflated while rebuilding (the pre-check has already refused bombs).
const MAX_OBJSTM_BYTES: u64 = 32 << 20;

/// An object inside an object stream: its number, the stream's number, its index there, and
/// its text (for type checks).
struct Packed {
    id: u32,
    stream: u32,
    index: u16,
    /// Where the stream sits in the file: page order.
    offset: usize,
    text: Vec<u8>,
}

/// The integer after `key` in a dictionary's text (`/N 12`).
fn int_after(dict: &[u8], key: &[u8]) -> Option<usize> {
    let at = memmem::find_iter(dict, key).find(|&i| dict.get(i + key.len()).is_some_and(|&c| is_delimiter_or_white(c)))?;
    let rest = &dict[at + key.len()..];
    let start = rest.iter().position(|c| !is_white(*c))?;
    let digits: Vec<u8> = rest[start..].iter().take_while(|c| c.is_ascii_digit()).copied().collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// The objects of every object stream found by scanning (Flate-compressed or plain).
fn packed_objects(bytes: &[u8], streams: &[Found]) -> Vec<Packed> {
    let mut out = Vec::new();
    for f in streams {
        let obj = object_text(bytes, f.offset);
        let Some(s) = memmem::find(obj, b"stream") else { continue };
        let dict = &obj[..s];
        let (Some(n), Some(first)) = (int_after(dict, b"/N"), int_after(dict, b"/First")) else { continue };
        let mut data_start = s + 6;
        if obj.get(data_start) == Some(&b'\r') {
            data_start += 1;
        }
        if obj.get(data_start) == Some(&b'\n') {
            data_start += 1;
        }
        let raw = &obj[data_start.min(obj.len())..];
        let raw = &raw[..memmem::find(raw, b"endstream").unwrap_or(raw.len())];
        let mut data = Vec::new();
        if memmem::find(dict, b"/FlateDecode").is_some() {
            let _ = flate2::read::ZlibDecoder::new(raw).take(MAX_OBJSTM_BYTES).read_to_end(&mut data);
        } else if memmem::find(dict, b"/Filter").is_none() {
            data = raw.to_vec();
        } else {
            continue;
        }
        let header = String::from_utf8_lossy(&data[..first.min(data.len())]).into_owned();
        let nums: Vec<usize> = header.split_ascii_whitespace().filter_map(|t| t.parse().ok()).collect();
        let pairs: Vec<(usize, usize)> = nums.chunks_exact(2).take(n.min(u16::MAX as usize)).map(|c| (c[0], c[1])).collect();
        for (i, &(id, off)) in pairs.iter().enumerate() {
            let start = first.saturating_add(off);
            let end = pairs.get(i + 1).map_or(data.len(), |p| first.saturating_add(p.1)).min(data.len());
            if id == 0 || id > MAX_ID as usize || start >= end {
                continue;
            }
            out.push(Packed { id: id as u32, stream: f.id, index: i as u16, offset: f.offset, text: data[start..end].to_vec() });
        }
    }
    out
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
    let streams: Vec<Found> = by_offset.iter().copied().filter(|f| has_type(object_text(bytes, f.offset), b"ObjStm")).collect();
    // Objects defined outside any object stream win over packed copies of the same number.
    let packed: Vec<Packed> = packed_objects(bytes, &streams).into_iter().filter(|p| !latest.contains_key(&p.id)).collect();
    // Page and catalog objects, plain or packed, as (number, generation, file order).
    let typed = |kind: &[u8]| -> Vec<(u32, u16, (usize, u16))> {
        let mut v: Vec<(u32, u16, (usize, u16))> = by_offset
            .iter()
            .filter(|f| has_type(object_text(bytes, f.offset), kind))
            .map(|f| (f.id, f.gen, (f.offset, 0)))
            .chain(packed.iter().filter(|p| has_type(&p.text, kind)).map(|p| (p.id, 0, (p.offset, p.index + 1))))
            .collect();
        v.sort_by_key(|t| t.2);
        v
    };
    let pages = typed(b"Page");
    if pages.is_empty() {
        return None;
    }
    let catalog = typed(b"Catalog").last().map(|c| (c.0, c.1));
    let mut out = bytes.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let highest = latest.keys().next_back().copied().unwrap_or(0).max(packed.iter().map(|p| p.id).max().unwrap_or(0));
    let mut next_id = highest + 1;
    let mut offsets: Vec<(u32, u16, usize)> = latest.values().map(|f| (f.id, f.gen, f.offset)).collect();
    let root = match catalog {
        Some(c) if !fresh_tree => c,
        _ => {
            let (tree, cat) = (next_id, next_id + 1);
            next_id += 2;
            let kids: Vec<String> = pages.iter().map(|p| format!("{} {} R", p.0, p.1)).collect();
            offsets.push((tree, 0, out.len()));
            out.extend_from_slice(format!("{tree} 0 obj\n<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n", kids.join(" "), pages.len()).as_bytes());
            offsets.push((cat, 0, out.len()));
            out.extend_from_slice(format!("{cat} 0 obj\n<< /Type /Catalog /Pages {tree} 0 R >>\nendobj\n").as_bytes());
            (cat, 0)
        }
    };
    offsets.sort_by_key(|o| o.0);
    if !packed.is_empty() {
        write_xref_stream(&mut out, &offsets, &packed, next_id, root);
        return Some(Rebuilt { bytes: out, objects: latest.len() + packed.len(), pages: pages.len() });
    }
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

/// A cross-reference stream (uncompressed, `/W [1 4 2]`) for plain objects at `offsets`
/// and objects packed in object streams, as object number `id`, then `startxref`.
fn write_xref_stream(out: &mut Vec<u8>, offsets: &[(u32, u16, usize)], packed: &[Packed], id: u32, root: (u32, u16)) {
    let size = id + 1;
    let mut entries = vec![[0u8; 7]; size as usize];
    entries[0] = [0, 0, 0, 0, 0, 0xFF, 0xFF];
    let put = |e: &mut [u8; 7], kind: u8, a: u32, b: u16| {
        e[0] = kind;
        e[1..5].copy_from_slice(&a.to_be_bytes());
        e[5..7].copy_from_slice(&b.to_be_bytes());
    };
    for p in packed {
        put(&mut entries[p.id as usize], 2, p.stream, p.index);
    }
    for &(oid, gen, off) in offsets {
        put(&mut entries[oid as usize], 1, off as u32, gen);
    }
    let xref_at = out.len();
    put(&mut entries[id as usize], 1, xref_at as u32, 0);
    let data: Vec<u8> = entries.concat();
    out.extend_from_slice(
        format!("{id} 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] /Root {} {} R /Length {} >>\nstream\n", root.0, root.1, data.len()).as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
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
    fn objects_in_an_object_stream_are_found_without_the_xref_stream() {
        // Catalog and page tree packed in a Flate object stream; the page and its content
        // plain; no cross-reference at all.
        let inner = b"1 0 2 44 << /Type /Catalog /Pages 2 0 R >>\n          << /Type /Pages /Kids [3 0 R] /Count 1 >>";
        let first = 9;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, inner).unwrap();
        let packed = z.finish().unwrap();
        let mut pdf = b"%PDF-1.5\n".to_vec();
        pdf.extend_from_slice(format!("5 0 obj\n<< /Type /ObjStm /N 2 /First {first} /Filter /FlateDecode /Length {} >>\nstream\n", packed.len()).as_bytes());
        pdf.extend_from_slice(&packed);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        pdf.extend_from_slice(&SMALL[SMALL.windows(7).position(|w| w == b"3 0 obj").unwrap()..]);
        let r = rebuild(&pdf, false).unwrap();
        assert_eq!(r.pages, 1);
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
