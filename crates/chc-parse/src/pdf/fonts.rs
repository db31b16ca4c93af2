//! Fonts for our own text extraction: what each character code reads as and how far it
//! advances, built once per font per document and shared by every page.
//!
//! pdf-extract builds every font again on each page, parsing its ToUnicode CMap each time;
//! that was a third of PDF parse time. We cover what forms are made with (Word, LibreOffice,
//! Acrobat): simple TrueType/Type1 fonts with widths, and Type0 fonts with `Identity-H`
//! encoding and a ToUnicode map, and the standard 14 Latin fonts without widths (their
//! metrics are in `data/core_font_widths.tsv`). Anything else (Type3, vertical writing,
//! predefined CJK CMaps, Symbol/ZapfDingbats without widths, a built-in encoding we cannot
//! read) is [`Unsupported`], and the page falls back to pdf-extract.

use super::{deref, number};
use super::lexer::{Lexer, Operand};
use crate::symbols::{is_symbol_font, symbol_char};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Why a font is left to pdf-extract.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unsupported(pub String);

/// Character codes are small integers: hash them with one multiply, not SipHash.
#[derive(Default)]
pub(crate) struct CodeHasher(u64);

impl Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type CodeMap<V> = HashMap<u32, V, BuildHasherDefault<CodeHasher>>;

#[derive(Debug)]
pub(crate) struct Font {
    /// Codes are two bytes (`Identity-H`); otherwise one.
    pub two_byte: bool,
    /// Glyph widths in thousandths of text space.
    widths: CodeMap<f64>,
    default_width: f64,
    text: CodeMap<Box<str>>,
}

impl Font {
    pub fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
    /// What the code reads as; empty when nothing is known.
    pub fn text(&self, code: u32) -> &str {
        self.text.get(&code).map(|s| &**s).unwrap_or("")
    }
    /// (code, byte length) for each character of a shown string.
    pub fn codes<'s>(&self, s: &'s [u8]) -> impl Iterator<Item = (u32, usize)> + 's {
        let step = if self.two_byte { 2 } else { 1 };
        s.chunks(step).map(move |c| match c {
            [a, b] => ((*a as u32) << 8 | *b as u32, 2),
            [a] => (*a as u32, step),
            _ => (0, step),
        })
    }
}

/// Fonts of one document by object id, built on first use by whichever page needs them.
#[derive(Default)]
pub(crate) struct FontCache {
    fonts: Mutex<HashMap<ObjectId, Result<Arc<Font>, Unsupported>>>,
}

impl FontCache {
    /// For text whose font is missing from the page's resources: Latin text (the standard
    /// encoding), every glyph half an em wide.
    pub fn stand_in() -> Arc<Font> {
        static STAND_IN: OnceLock<Arc<Font>> = OnceLock::new();
        STAND_IN
            .get_or_init(|| {
                let table = &glyph_names().tables[BaseEncoding::Standard as usize];
                let text = (0..256u32).filter_map(|c| Some((c, table[c as usize]?.to_string().into_boxed_str()))).collect();
                Arc::new(Font { two_byte: false, widths: CodeMap::default(), default_width: 500.0, text })
            })
            .clone()
    }

    /// The font named by a resource dictionary's `/Font` entry value.
    pub fn get(&self, doc: &Document, font_ref: &Object) -> Result<Arc<Font>, Unsupported> {
        let Object::Reference(id) = font_ref else {
            // Fonts written inline in the resources are rare: build them each time.
            let dict = deref(doc, font_ref).as_dict().map_err(|_| Unsupported("font is not a dictionary".into()))?;
            return build(doc, dict).map(Arc::new);
        };
        if let Some(found) = self.fonts.lock().map(|m| m.get(id).cloned()).ok().flatten() {
            return found;
        }
        // Built outside the lock: two pages may build the same font once each, which is
        // cheaper than making every other page wait.
        let built = match doc.get_dictionary(*id) {
            Ok(dict) => build(doc, dict).map(Arc::new),
            Err(_) => Err(Unsupported("font is not a dictionary".into())),
        };
        if let Ok(mut m) = self.fonts.lock() {
            m.insert(*id, built.clone());
        }
        built
    }
}

fn name_of<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    dict.get(key).ok().map(|o| deref(doc, o)).and_then(|o| o.as_name().ok())
}

fn dict_of<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    dict.get(key).ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())
}


fn build(doc: &Document, dict: &Dictionary) -> Result<Font, Unsupported> {
    match name_of(doc, dict, b"Subtype") {
        Some(b"Type0") => composite(doc, dict),
        Some(b"Type3") => Err(Unsupported("Type3 font".into())),
        _ => simple(doc, dict),
    }
}

fn to_unicode(doc: &Document, dict: &Dictionary) -> Option<CodeMap<Box<str>>> {
    let stream = deref(doc, dict.get(b"ToUnicode").ok()?).as_stream().ok()?;
    let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    Some(parse_to_unicode(&data))
}

/// Most code → text entries a CMap may give (a 16-bit code space is 65,536).
const MAX_CMAP_ENTRIES: usize = 1 << 17;

/// A ToUnicode CMap: `bfchar` and `bfrange` blocks (destinations are UTF-16BE).
pub(crate) fn parse_to_unicode(data: &[u8]) -> CodeMap<Box<str>> {
    let mut map = CodeMap::default();
    let mut lx = Lexer::with_operand_cap(data, 3 * 10_000);
    let mut operands = Vec::new();
    let code = |o: &Operand| match o {
        Operand::Str(s) if !s.is_empty() && s.len() <= 4 => Some(s.iter().fold(0u32, |acc, &b| acc << 8 | b as u32)),
        _ => None,
    };
    while let Some(op) = lx.next_op(&mut operands) {
        match op {
            b"endbfchar" => {
                for pair in operands.chunks(2) {
                    if let [src, Operand::Str(dst)] = pair {
                        if let Some(c) = code(src) {
                            map.insert(c, utf16(dst).into_boxed_str());
                        }
                    }
                }
            }
            b"endbfrange" => {
                for triple in operands.chunks(3) {
                    let [lo, hi, dst] = triple else { continue };
                    let (Some(lo), Some(hi)) = (code(lo), code(hi)) else { continue };
                    if hi < lo || (hi - lo) as usize > MAX_CMAP_ENTRIES || map.len() > MAX_CMAP_ENTRIES {
                        continue;
                    }
                    match dst {
                        Operand::Str(first) => {
                            let units = utf16_units(first);
                            for (i, c) in (lo..=hi).enumerate() {
                                let mut u = units.clone();
                                // "Incrementing the last byte": in practice the last UTF-16 unit.
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add(i as u16);
                                }
                                map.insert(c, String::from_utf16_lossy(&u).into_boxed_str());
                            }
                        }
                        Operand::Array(items) => {
                            for (c, item) in (lo..=hi).zip(items) {
                                if let Operand::Str(s) = item {
                                    map.insert(c, utf16(s).into_boxed_str());
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if map.len() > MAX_CMAP_ENTRIES {
            break;
        }
    }
    map
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|c| if c.len() == 2 { (c[0] as u16) << 8 | c[1] as u16 } else { c[0] as u16 }).collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

/// Type0 font: only `Identity-H` (codes are glyph ids, two bytes each) with a ToUnicode map.
fn composite(doc: &Document, dict: &Dictionary) -> Result<Font, Unsupported> {
    match name_of(doc, dict, b"Encoding") {
        Some(b"Identity-H") => {}
        Some(other) => return Err(Unsupported(format!("Type0 font with encoding {}", String::from_utf8_lossy(other)))),
        None => return Err(Unsupported("Type0 font with an embedded CMap".into())),
    }
    let text = to_unicode(doc, dict).ok_or_else(|| Unsupported("Type0 font without ToUnicode".into()))?;
    let descendant = dict
        .get(b"DescendantFonts")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| Unsupported("Type0 font without a descendant font".into()))?;
    let default_width = descendant.get(b"DW").ok().and_then(|o| number(doc, o)).unwrap_or(1000.0);
    let mut widths = CodeMap::default();
    if let Some(w) = descendant.get(b"W").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
        cid_widths(doc, w, &mut widths);
    }
    Ok(Font { two_byte: true, widths, default_width, text })
}

/// The `/W` array: `c [w1 w2 …]` (consecutive ids from c) or `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object], out: &mut CodeMap<f64>) {
    let mut i = 0;
    while i < w.len() && out.len() <= MAX_CMAP_ENTRIES {
        let Some(first) = number(doc, &w[i]) else { break };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = number(doc, v) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(v)) = (number(doc, o), w.get(i + 2).and_then(|x| number(doc, x))) else { break };
                let last = (last.max(0.0) as u32).min(first.saturating_add(MAX_CMAP_ENTRIES as u32));
                for c in first..=last {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// Which column of the Appendix D table.
#[derive(Clone, Copy)]
enum BaseEncoding {
    Standard = 0,
    MacRoman = 1,
    WinAnsi = 2,
    PdfDoc = 3,
}

struct GlyphNames {
    /// Per base encoding, code → Unicode.
    tables: [[Option<char>; 256]; 4],
    by_name: HashMap<&'static str, char>,
}

fn glyph_names() -> &'static GlyphNames {
    static NAMES: OnceLock<GlyphNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut g = GlyphNames { tables: [[None; 256]; 4], by_name: HashMap::new() };
        for line in include_str!("../../data/latin_encodings.tsv").lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            let Some(ch) = f.get(1).and_then(|u| u32::from_str_radix(u, 16).ok()).and_then(char::from_u32) else { continue };
            g.by_name.entry(f[0]).or_insert(ch);
            for (col, code) in f[2..].iter().take(4).enumerate() {
                if let Ok(code) = code.parse::<u8>() {
                    g.tables[col][code as usize] = Some(ch);
                }
            }
        }
        g
    })
}

/// Unicode for a glyph name: the Latin table, then `uniXXXX` / `uXXXX[XX]` names.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    // "a.sc", "f_i": the part before a suffix names the glyph.
    let base = name.split('.').next().unwrap_or(name);
    if let Some(&c) = glyph_names().by_name.get(base) {
        return Some(c);
    }
    let hex = base.strip_prefix("uni").filter(|h| h.len() == 4).or_else(|| base.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())))?;
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

/// The symbol-font family of a PDF font name ("ABCDEF+Wingdings-Regular", "SymbolMT").
fn symbol_family(base_font: &[u8]) -> Option<&'static str> {
    let name = String::from_utf8_lossy(base_font).to_ascii_lowercase();
    let name = name.split_once('+').map_or(name.as_str(), |(_, n)| n);
    let compact: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let family = if compact.starts_with("wingdings2") {
        "Wingdings 2"
    } else if compact.starts_with("wingdings3") {
        "Wingdings 3"
    } else if compact.starts_with("wingdings") {
        "Wingdings"
    } else if compact.starts_with("webdings") {
        "Webdings"
    } else if compact.starts_with("symbol") {
        "Symbol"
    } else {
        return None;
    };
    debug_assert!(is_symbol_font(family));
    Some(family)
}

/// Widths by character of the standard 14 Latin fonts (`data/core_font_widths.tsv`).
fn core_fonts() -> &'static HashMap<&'static str, HashMap<char, u16>> {
    static CORE: OnceLock<HashMap<&'static str, HashMap<char, u16>>> = OnceLock::new();
    CORE.get_or_init(|| {
        include_str!("../../data/core_font_widths.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, pairs) = l.split_once('\t')?;
                let widths = pairs
                    .split(' ')
                    .filter_map(|p| {
                        let (hex, w) = p.split_once(':')?;
                        Some((char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, w.parse().ok()?))
                    })
                    .collect();
                Some((name, widths))
            })
            .collect()
    })
}

/// The standard 14 font a `/BaseFont` names, with the names Word and others use for the same
/// metrics ("ArialMT", "Arial,Bold", "TimesNewRomanPS-ItalicMT", "CourierNew").
fn core_font_widths(base_font: &[u8]) -> Option<&'static HashMap<char, u16>> {
    let name = String::from_utf8_lossy(base_font);
    let name = name.split_once('+').map_or(name.as_ref(), |(_, n)| n);
    let lower = name.to_ascii_lowercase();
    let family = if lower.starts_with("helvetica") || lower.starts_with("arial") {
        "Helvetica"
    } else if lower.starts_with("times") {
        "Times"
    } else if lower.starts_with("courier") {
        "Courier"
    } else {
        return None;
    };
    let bold = lower.contains("bold");
    let italic = lower.contains("italic") || lower.contains("oblique");
    let face = match (family, bold, italic) {
        ("Times", false, false) => "Times-Roman".to_string(),
        ("Times", true, false) => "Times-Bold".to_string(),
        ("Times", false, true) => "Times-Italic".to_string(),
        ("Times", true, true) => "Times-BoldItalic".to_string(),
        (f, false, false) => f.to_string(),
        (f, true, false) => format!("{f}-Bold"),
        (f, false, true) => format!("{f}-Oblique"),
        (f, true, true) => format!("{f}-BoldOblique"),
    };
    core_fonts().get(face.as_str())
}

fn base_encoding(name: &[u8]) -> Option<BaseEncoding> {
    match name {
        b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
        b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
        b"StandardEncoding" => Some(BaseEncoding::Standard),
        b"PDFDocEncoding" => Some(BaseEncoding::PdfDoc),
        _ => None,
    }
}

/// Simple (one-byte) TrueType or Type1 font.
fn simple(doc: &Document, dict: &Dictionary) -> Result<Font, Unsupported> {
    let unicode = to_unicode(doc, dict);
    let descriptor = dict_of(doc, dict, b"FontDescriptor");
    let embedded_type1 = descriptor.is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile3"))
        && !matches!(name_of(doc, dict, b"Subtype"), Some(b"TrueType"));

    let enc_obj = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
    let (base, differences) = match enc_obj {
        Some(Object::Name(n)) => (base_encoding(n), None),
        Some(Object::Dictionary(d)) => {
            (name_of(doc, d, b"BaseEncoding").and_then(base_encoding), d.get(b"Differences").ok().map(|o| deref(doc, o)))
        }
        _ => (None, None),
    };
    // An embedded Type1 font's own encoding is inside the font program: without a base
    // encoding or a ToUnicode map we cannot say what its codes read as.
    if base.is_none() && embedded_type1 && unicode.is_none() {
        return Err(Unsupported("Type1 font with its built-in encoding".into()));
    }
    let base = base.unwrap_or(BaseEncoding::Standard);
    let mut chars: [Option<char>; 256] = glyph_names().tables[base as usize];
    if matches!(base, BaseEncoding::WinAnsi) {
        // WinAnsiEncoding shows every unused code above 32 as a bullet (ReportLab writes its
        // list bullets as code 127).
        for c in chars.iter_mut().skip(33).filter(|c| c.is_none()) {
            *c = Some('•');
        }
    }
    let mut unknown_names: Vec<u32> = Vec::new();
    if let Some(Object::Array(diffs)) = differences {
        let mut code: u32 = 0;
        for d in diffs {
            match deref(doc, d) {
                Object::Integer(i) => code = (*i).clamp(0, 255) as u32,
                Object::Name(n) => {
                    if code < 256 {
                        chars[code as usize] = glyph_char(n);
                        if chars[code as usize].is_none() {
                            unknown_names.push(code);
                        }
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    let mut text: CodeMap<Box<str>> = CodeMap::default();
    for (code, ch) in chars.iter().enumerate() {
        if let Some(c) = ch {
            text.insert(code as u32, c.to_string().into_boxed_str());
        }
    }
    if let Some(map) = unicode {
        text.extend(map);
    }
    if let Some(family) = name_of(doc, dict, b"BaseFont").and_then(symbol_family) {
        // Whatever the font claims its codes mean, read them as the DOCX reader does.
        text = (0..256u32).filter_map(|code| Some((code, symbol_char(family, code)?.to_string().into_boxed_str()))).collect();
        unknown_names.clear();
    }
    if let Some(code) = unknown_names.iter().find(|c| !text.contains_key(c)) {
        return Err(Unsupported(format!("glyph name for code {code} not known and no ToUnicode entry")));
    }

    let first = dict.get(b"FirstChar").ok().and_then(|o| number(doc, o));
    let list = dict.get(b"Widths").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok());
    let (Some(first), Some(list)) = (first, list) else {
        // A standard 14 font (or Arial/Times New Roman/Courier New standing for one) may come
        // without widths: its metrics are known.
        let core = name_of(doc, dict, b"BaseFont").and_then(core_font_widths);
        let Some(core) = core else {
            return Err(Unsupported("simple font without /Widths".into()));
        };
        let widths = chars.iter().enumerate().filter_map(|(code, ch)| Some((code as u32, *core.get(&(*ch)?)? as f64))).collect();
        return Ok(Font { two_byte: false, widths, default_width: core.get(&'n').copied().unwrap_or(500) as f64, text });
    };
    let mut widths = CodeMap::default();
    for (k, w) in list.iter().enumerate().take(256) {
        if let Some(w) = number(doc, w) {
            widths.insert(first.max(0.0) as u32 + k as u32, w);
        }
    }
    let default_width = descriptor.and_then(|d| d.get(b"MissingWidth").ok()).and_then(|o| number(doc, o)).unwrap_or(0.0);
    Ok(Font { two_byte: false, widths, default_width, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
            2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<2713> <D83DDE00>] endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let m = parse_to_unicode(cmap);
        assert_eq!(&*m[&3], " ");
        assert_eq!(&*m[&0x11], "fi");
        assert_eq!(&*m[&0x24], "A");
        assert_eq!(&*m[&0x26], "C");
        assert_eq!(&*m[&0x30], "✓");
        assert_eq!(&*m[&0x31], "😀");
    }

    #[test]
    fn glyph_names_resolve() {
        assert_eq!(glyph_char(b"quoteright"), Some('’'));
        assert_eq!(glyph_char(b"uni2713"), Some('✓'));
        assert_eq!(glyph_char(b"u1F600"), Some('😀'));
        assert_eq!(glyph_char(b"a.sc"), Some('a'));
        assert_eq!(glyph_char(b"g123"), None);
        let t = &glyph_names().tables;
        assert_eq!(t[BaseEncoding::WinAnsi as usize][0x92], Some('’'));
        assert_eq!(t[BaseEncoding::Standard as usize][0x27], Some('’'));
        assert_eq!(t[BaseEncoding::MacRoman as usize][0xD5], Some('’'));
    }

    #[test]
    fn symbol_fonts_read_as_ticks() {
        assert_eq!(symbol_family(b"ABCDEF+Wingdings-Regular"), Some("Wingdings"));
        assert_eq!(symbol_family(b"Wingdings2"), Some("Wingdings 2"));
        assert_eq!(symbol_family(b"SymbolMT"), Some("Symbol"));
        assert_eq!(symbol_family(b"ArialMT"), None);
    }

    #[test]
    fn win_ansi_unused_codes_are_bullets() {
        let mut doc = Document::with_version("1.4");
        let id = doc.add_object(lopdf::dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" });
        let font = FontCache::default().get(&doc, &Object::Reference(id)).unwrap();
        assert_eq!(font.text(127), "•");
        assert_eq!(font.text(0x95), "•");
        assert_eq!(font.text(b'A' as u32), "A");
        assert_eq!(font.width(127), 350.0);
    }

    #[test]
    fn standard_fonts_have_their_metrics() {
        let helvetica = core_font_widths(b"Helvetica").unwrap();
        assert_eq!(helvetica[&' '], 278);
        assert_eq!(helvetica[&'W'], 944);
        assert_eq!(core_font_widths(b"ABCDEF+Arial,Bold").unwrap()[&'a'], 556);
        assert_eq!(core_font_widths(b"TimesNewRomanPS-ItalicMT").unwrap()[&'m'], 722);
        assert_eq!(core_font_widths(b"Courier").unwrap()[&'i'], 600);
        assert!(core_font_widths(b"Calibri").is_none());
    }

    #[test]
    fn hostile_ranges_are_bounded() {
        let m = parse_to_unicode(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(m.is_empty());
    }
}
