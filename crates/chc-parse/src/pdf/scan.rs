//! Checks on bytes before a PDF reader sees them, and bounded measuring of stream sizes.
//!
//! - [`nesting_depth`]: how deep arrays and dictionaries nest. Readers parse nesting by
//!   recursion; a file of 100,000 `[` must be refused before it reaches them.
//! - [`raw_streams_inflate_to`]: lopdf inflates object streams while *loading*, before any of
//!   our checks on the loaded document can run; this measures every zlib stream in the raw
//!   bytes (peeling nested zlib layers, as a `[/FlateDecode /FlateDecode]` bomb has) by
//!   streaming through a fixed buffer, so a bomb costs time, never memory.
//! - [`inflated_size`]: the same measure for a loaded stream, following its `/Filter` chain.

use super::lexer::{is_regular, is_white};
use crate::Deadline;
use crate::ParseError;
use flate2::read::ZlibDecoder;
use lopdf::{Object, Stream};
use std::io::{BufRead, BufReader, Read};

/// Deepest nesting of `[` and `<<` in PDF syntax, skipping strings, comments and (when
/// `skip_streams`) stream data. Stops counting as soon as `limit` is passed. Nesting never
/// crosses an object, so `endobj` resets the count (a damaged file's stray brackets do not add
/// up across the file).
pub(crate) fn nesting_depth(bytes: &[u8], skip_streams: bool, limit: usize) -> usize {
    let n = bytes.len();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    let endstream = memchr::memmem::Finder::new(b"endstream");
    while i < n {
        match bytes[i] {
            b'%' => {
                while i < n && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut level = 1usize;
                i += 1;
                while i < n && level > 0 {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => level -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                continue;
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => {
                // Hex string.
                while i < n && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'e' if bytes[i..].starts_with(b"endobj") => depth = 0,
            b's' if skip_streams && is_stream_keyword(bytes, i) => {
                i = match endstream.find(&bytes[i + 6..]) {
                    Some(p) => i + 6 + p + 9,
                    None => n,
                };
                continue;
            }
            _ => {}
        }
        if depth > max {
            max = depth;
            if max > limit {
                return max;
            }
        }
        i += 1;
    }
    max
}

/// `stream` as a keyword at `i`: not the tail of `endstream`, followed by an end of line.
fn is_stream_keyword(bytes: &[u8], i: usize) -> bool {
    bytes[i..].starts_with(b"stream")
        && (i == 0 || is_white(bytes[i - 1]) || bytes[i - 1] == b'>')
        && {
            // Some writers put spaces between the keyword and its end of line.
            let mut j = i + 6;
            while j < bytes.len() && j < i + 64 && bytes[j] == b' ' {
                j += 1;
            }
            matches!(bytes.get(j), Some(b'\r') | Some(b'\n'))
        }
}

/// Where each stream's data starts and ends in raw PDF bytes.
fn raw_stream_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let finder = memchr::memmem::Finder::new(b"stream");
    let endstream = memchr::memmem::Finder::new(b"endstream");
    let (mut from, mut last_end) = (0, 0);
    while let Some(p) = finder.find(&bytes[from..]) {
        let i = from + p;
        from = i + 6;
        if !is_stream_keyword(bytes, i) {
            continue;
        }
        let mut start = i + 6;
        while bytes.get(start) == Some(&b' ') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = endstream.find(&bytes[start..]).map(|q| start + q).unwrap_or(bytes.len());
        // The stream's dictionary: from its object's "obj" (near and after the last stream).
        let window = i.saturating_sub(16 * 1024).max(last_end);
        let dict_start = memchr::memmem::rfind(&bytes[window..i], b"obj").map_or(window, |o| window + o);
        if !declares_image(&bytes[dict_start..i]) {
            spans.push((start, end));
        }
        from = end.max(from);
        last_end = end;
    }
    spans
}

/// Whether a stream dictionary's raw bytes say `/Subtype /Image`. Images are never
/// decoded (they are blanked after loading), so a bomb among them cannot hurt; the
/// photographs and logos of a form are most of its compressed bytes. A dictionary this test
/// misreads is measured like any other stream.
fn declares_image(dict: &[u8]) -> bool {
    memchr::memmem::find_iter(dict, b"/Subtype").any(|at| {
        let rest = &dict[at + 8..];
        let value = &rest[rest.iter().take_while(|&&b| is_white(b)).count()..];
        // The name ends where its regular characters do ("/ImageB" is another name).
        value.starts_with(b"/Image") && value.get(6).is_none_or(|&b| !is_regular(b))
    })
}

fn looks_zlib(head: &[u8]) -> bool {
    head.len() >= 2 && head[0] & 0x0F == 8 && head[0] >> 4 <= 7 && (u16::from(head[0]) * 256 + u16::from(head[1])) % 31 == 0
}

/// Count the bytes `reader` gives, stopping once past `cap`.
fn count(mut reader: impl Read, cap: u64, deadline: &Deadline) -> Result<u64, ParseError> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut n: u64 = 0;
    let mut rounds = 0u32;
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => return Ok(n),
            Ok(k) => {
                n += k as u64;
                if n > cap {
                    return Ok(n);
                }
            }
        }
        rounds += 1;
        if rounds & 63 == 0 {
            deadline.check()?;
        }
    }
}

/// Decompressed size of a zlib stream found in raw bytes, peeling up to four nested zlib
/// layers; non-zlib data counts 0 (lopdf does not inflate it while loading).
fn raw_inflated_size(data: &[u8], cap: u64, deadline: &Deadline) -> Result<u64, ParseError> {
    if !looks_zlib(data) {
        return Ok(0);
    }
    let mut reader: Box<dyn BufRead + '_> = Box::new(BufReader::new(ZlibDecoder::new(data)));
    for _ in 0..4 {
        let nested = matches!(reader.fill_buf(), Ok(head) if looks_zlib(head));
        if !nested {
            break;
        }
        reader = Box::new(BufReader::new(ZlibDecoder::new(reader)));
    }
    count(reader, cap, deadline)
}

/// Refuse raw PDF bytes whose zlib streams (images aside) inflate to more than `max` in total.
pub(crate) fn raw_streams_inflate_to(bytes: &[u8], max: u64, deadline: &Deadline) -> Result<u64, ParseError> {
    let mut total: u64 = 0;
    for (start, end) in raw_stream_spans(bytes) {
        let remaining = max.saturating_sub(total);
        total = total.saturating_add(raw_inflated_size(&bytes[start..end], remaining, deadline)?);
        if total > max {
            return Err(too_big(max));
        }
    }
    Ok(total)
}

pub(crate) fn too_big(max: u64) -> ParseError {
    ParseError::LimitExceeded(format!("the PDF's streams decompress to more than {max} bytes (a decompression bomb?)"))
}

/// LZW decoding as a reader, so that an LZW bomb can be measured in constant memory.
struct LzwReader<R> {
    inner: R,
    dec: weezl::decode::Decoder,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    done: bool,
}

impl<R: Read> LzwReader<R> {
    fn new(inner: R) -> Self {
        LzwReader {
            inner,
            dec: weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8),
            buf: vec![0; 16 * 1024],
            pos: 0,
            len: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for LzwReader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        while !self.done {
            if self.pos == self.len {
                self.len = self.inner.read(&mut self.buf)?;
                self.pos = 0;
            }
            let input_end = self.len == 0;
            let r = self.dec.decode_bytes(&self.buf[self.pos..self.len], out);
            self.pos += r.consumed_in;
            match r.status {
                Ok(weezl::LzwStatus::Done) | Err(_) => self.done = true,
                Ok(weezl::LzwStatus::NoProgress) if input_end => self.done = true,
                _ => {}
            }
            if r.consumed_out > 0 {
                return Ok(r.consumed_out);
            }
            if r.consumed_in == 0 {
                // No input taken and no output given: the decoder is stuck (or finished).
                self.done = true;
            }
        }
        Ok(0)
    }
}

/// Decompressed size of a loaded stream, following its filter chain the way lopdf decodes it
/// (Flate, LZW, ASCII85; any other filter makes lopdf refuse to decode, so the stored size
/// counts). Streams through a fixed buffer; stops once past `cap`.
pub(crate) fn inflated_size(stream: &Stream, cap: u64, deadline: &Deadline) -> Result<u64, ParseError> {
    let Ok(filters) = stream.filters() else { return Ok(stream.content.len() as u64) };
    let supported = |f: &[u8]| matches!(f, b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode");
    if filters.is_empty() || !filters.iter().all(|f| supported(f)) {
        return Ok(stream.content.len() as u64);
    }
    // ASCII85 never grows data more than 4×: decode it in memory, stream everything else.
    let mut owned: Option<Vec<u8>> = None;
    let mut rest: &[&[u8]] = &filters;
    while let Some((first, tail)) = rest.split_first() {
        if *first != b"ASCII85Decode" {
            break;
        }
        let input = owned.as_deref().unwrap_or(&stream.content);
        let mut dict = lopdf::Dictionary::new();
        dict.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
        let decoded = Stream::new(dict, input.to_vec()).decompressed_content().unwrap_or_default();
        owned = Some(decoded);
        rest = tail;
    }
    let data: &[u8] = owned.as_deref().unwrap_or(&stream.content);
    let mut reader: Box<dyn Read + '_> = Box::new(data);
    for f in rest {
        reader = match *f {
            b"FlateDecode" => Box::new(ZlibDecoder::new(reader)),
            b"LZWDecode" => Box::new(LzwReader::new(reader)),
            // ASCII85 after another filter: its output is smaller than its input.
            _ => reader,
        };
    }
    count(reader, cap, deadline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn nesting_counts_arrays_and_dicts_not_strings_or_streams() {
        assert_eq!(nesting_depth(b"<< /A [1 [2] (([[[[) <5b5b> ] >>", true, 100), 3);
        assert_eq!(nesting_depth(b"1 0 obj [[[ endobj 2 0 obj [ endobj", true, 100), 3);
        let mut s = b"<< /Length 6 >>\nstream\n[[[[[[\nendstream".to_vec();
        assert_eq!(nesting_depth(&s, true, 100), 1);
        s.extend(b"[".repeat(1000));
        assert_eq!(nesting_depth(&s, true, 100), 101, "stops at the limit");
        assert_eq!(nesting_depth(b"% [[[[\n[", true, 100), 1);
    }

    #[test]
    fn images_are_not_measured_but_everything_else_is() {
        let big = zlib(&vec![0u8; 2_000_000]);
        let object = |n: u32, dict: &str| {
            let mut o = format!("{n} 0 obj\n{dict}\nstream\n").into_bytes();
            o.extend(&big);
            o.extend(b"\nendstream\nendobj\n");
            o
        };
        let d = Deadline::NONE;
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend(object(1, "<< /Type /XObject /Subtype /Image /Filter /FlateDecode >>"));
        pdf.extend(object(2, "<</Subtype/Image/Width 9>>"));
        assert_eq!(raw_streams_inflate_to(&pdf, 1_000_000, &d).unwrap(), 0);
        // "/ImageB" in a form's resources, or no subtype at all: measured.
        pdf.extend(object(3, "<< /Subtype /Form /Resources << /ProcSet [/PDF /ImageB] >> >>"));
        assert_eq!(raw_streams_inflate_to(&pdf, 10_000_000, &d).unwrap(), 2_000_000);
        pdf.extend(object(4, "<< /Filter /FlateDecode >>"));
        assert_eq!(raw_streams_inflate_to(&pdf, 10_000_000, &d).unwrap(), 4_000_000);
        // "/Image-2" is a name of its own, as PDF reads names.
        pdf.extend(object(5, "<< /Subtype /Image-2 >>"));
        assert_eq!(raw_streams_inflate_to(&pdf, 10_000_000, &d).unwrap(), 6_000_000);
    }

    #[test]
    fn nested_zlib_layers_are_measured_without_inflating_them() {
        let inner = zlib(&vec![0u8; 5_000_000]);
        let outer = zlib(&inner);
        let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Filter [/FlateDecode /FlateDecode] >>\nstream\n".to_vec();
        pdf.extend(&outer);
        pdf.extend(b"\nendstream\nendobj\n");
        let d = Deadline::NONE;
        assert!(raw_streams_inflate_to(&pdf, 10_000_000, &d).unwrap() >= 5_000_000);
        assert_eq!(raw_streams_inflate_to(&pdf, 1_000_000, &d).unwrap_err().kind(), "limit_exceeded");
        let mut dict = lopdf::Dictionary::new();
        dict.set("Filter", Object::Array(vec![Object::Name(b"FlateDecode".to_vec()), Object::Name(b"FlateDecode".to_vec())]));
        let s = Stream::new(dict, outer);
        assert_eq!(inflated_size(&s, u64::MAX, &d).unwrap(), 5_000_000);
        assert!(inflated_size(&s, 1000, &d).unwrap() > 1000);
    }

    #[test]
    fn lzw_is_measured_as_a_stream() {
        let data = vec![b'a'; 100_000];
        let mut enc = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let packed = enc.encode(&data).unwrap();
        let mut dict = lopdf::Dictionary::new();
        dict.set("Filter", Object::Name(b"LZWDecode".to_vec()));
        let s = Stream::new(dict, packed);
        assert_eq!(s.decompressed_content().unwrap().len(), 100_000, "lopdf agrees on the data");
        assert_eq!(inflated_size(&s, u64::MAX, &Deadline::NONE).unwrap(), 100_000);
    }
}
