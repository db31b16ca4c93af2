//! PDF input: positioned text runs and ruling lines per page (lopdf + pdf-extract).
//!
//! - lopdf loads the file (encrypted files open when the user password is empty).
//! - Safety limits (pages, decompressed stream bytes) are checked before any page is read.
//! - Our content-stream walker ([`content`], over the [`lexer`]) reads each page once: every
//!   glyph with its position (fonts decoded once per document by [`fonts`]), ruling lines
//!   (stroked segments and thin filled rectangles), and the marked-content id of every glyph,
//!   which the structure tree reader ([`tagged`]) uses to rebuild Table/TR/TD tables.
//! - A page using a font we do not decode (Type3, CJK CMaps, standard 14 fonts without widths)
//!   has its text read by pdf-extract's [`pdf_extract::OutputDev`] instead.
//! - Glyphs become [`chc_model::TextRun`]s in top-left-origin page coordinates with the page's
//!   `/Rotate` applied ([`glyphs`]).
//! - pdf-extract panics on many damaged files: every document and every page runs under
//!   `catch_unwind` with the default panic message silenced ([`guard`]).

mod content;
mod fields;
mod fonts;
mod glyphs;
mod guard;
mod lexer;
mod repair;
mod scan;
mod tagged;

use crate::{Deadline, Limits, ParseError};
use chc_model::{Page, PageContent, ParsedDocument, Rule, SourceInfo, Warning};
use lopdf::{Document, Object, ObjectId};
use rayon::prelude::*;
use std::collections::HashSet;

pub use glyphs::{join_line, join_line_with, Spellings, LINE_END_HYPHENS};
pub use guard::run_quietly;

/// What one page gave: its runs and rules, plus marked-content text for the structure tree.
pub(crate) struct PageOut {
    pub page: Page,
    /// Text per marked-content id on this page, in content order.
    pub mcid_text: std::collections::HashMap<i64, String>,
    pub warnings: Vec<Warning>,
}

/// Why one page could not be read.
pub(crate) enum PageFail {
    /// Over a safety limit (nesting, form recursion, operator count): a hostile file.
    Limit(String),
    /// The document's time budget ran out.
    Time,
    /// The reader failed or panicked on this page.
    Reader(String),
}

/// Who reads the glyphs of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEngine {
    /// Our walker, with pdf-extract for pages whose fonts it does not decode.
    Own,
    /// pdf-extract for every page: to compare the two readers.
    PdfExtract,
}

/// Parse PDF bytes into positioned pages. Never panics: reader panics become
/// [`ParseError::ReaderPanic`].
pub fn parse_pdf(source: SourceInfo, bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<ParsedDocument, ParseError> {
    parse_pdf_with(source, bytes, limits, deadline, TextEngine::Own)
}

/// [`parse_pdf`] with a chosen text reader.
pub fn parse_pdf_with(source: SourceInfo, bytes: &[u8], limits: &Limits, deadline: Deadline, engine: TextEngine) -> Result<ParsedDocument, ParseError> {
    match guard::run_quietly(|| parse_pdf_inner(source, bytes, limits, deadline, engine)) {
        Ok(result) => result,
        Err(msg) => Err(ParseError::ReaderPanic(format!("the PDF reader crashed on this file ({msg})"))),
    }
}

/// Checks on the raw bytes, before lopdf parses (recursively) and inflates (object streams,
/// while loading) anything.
/// Returns the inflated size of the raw streams when the file is not encrypted (`None` when
/// it is: its raw streams are ciphertext and must be measured after decryption).
fn precheck(bytes: &[u8], limits: &Limits, deadline: &Deadline) -> Result<Option<u64>, ParseError> {
    let depth = scan::nesting_depth(bytes, true, limits.max_nesting_depth);
    if depth > limits.max_nesting_depth {
        return Err(ParseError::LimitExceeded(format!(
            "arrays or dictionaries nested more than {} deep",
            limits.max_nesting_depth
        )));
    }
    let raw = scan::raw_streams_inflate_to(bytes, limits.max_decompressed_bytes, deadline)?;
    deadline.check()?;
    let encrypted = memchr::memmem::find(bytes, b"/Encrypt").is_some();
    Ok((!encrypted).then_some(raw))
}

fn parse_pdf_inner(source: SourceInfo, bytes: &[u8], limits: &Limits, deadline: Deadline, engine: TextEngine) -> Result<ParsedDocument, ParseError> {
    let raw_checked = precheck(bytes, limits, &deadline)?;
    let (mut doc, damaged) = load(bytes)?;
    deadline.check()?;
    let page_ids: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    if page_ids.is_empty() {
        return Err(ParseError::Corrupt("no pages could be found (damaged page tree?)".into()));
    }
    if page_ids.len() as u64 > limits.max_pages as u64 {
        return Err(ParseError::LimitExceeded(format!(
            "the PDF has {} pages, the limit is {}",
            page_ids.len(),
            limits.max_pages
        )));
    }
    check_decompressed_size(&doc, limits.max_decompressed_bytes, raw_checked, &deadline)?;
    blank_images(&mut doc);
    let mut warnings: Vec<Warning> = damaged.into_iter().collect();
    let cut = break_parent_loops(&mut doc, &page_ids);
    if cut > 0 {
        warnings.push(Warning::new("pdf_page_tree_loop", format!("the page tree's /Parent links loop; {cut} link(s) ignored")));
    }
    let doc = doc;
    let tagged = doc.catalog().is_ok_and(|c| c.has(b"StructTreeRoot"));
    let reading = Reading { doc: &doc, limits, deadline, fonts: fonts::FontCache::default(), engine, tagged };

    // Pages are independent: read them in parallel when there are enough to pay for it.
    let read_one = |&(number, id): &(u32, ObjectId)| -> Result<PageOut, PageFail> {
        if deadline.expired() {
            return Err(PageFail::Time);
        }
        match guard::run_quietly(|| read_page(&reading, number, id)) {
            Ok(r) => r,
            Err(msg) => Err(PageFail::Reader(msg)),
        }
    };
    let outs: Vec<Result<PageOut, PageFail>> = if page_ids.len() >= 4 {
        page_ids.par_iter().map(read_one).collect()
    } else {
        page_ids.iter().map(read_one).collect()
    };

    deadline.check()?;
    let mut pages = Vec::with_capacity(outs.len());
    let mut mcid_texts = Vec::with_capacity(outs.len());
    let mut failed = Vec::new();
    for (out, &(number, _)) in outs.into_iter().zip(page_ids.iter()) {
        match out {
            Ok(p) => {
                warnings.extend(p.warnings);
                mcid_texts.push((number, p.mcid_text));
                pages.push(p.page);
            }
            Err(PageFail::Time) => return Err(deadline.error()),
            // A page built to exhaust a reader makes the whole file suspect.
            Err(PageFail::Limit(msg)) => return Err(ParseError::LimitExceeded(format!("page {number}: {msg}"))),
            Err(PageFail::Reader(msg)) => {
                failed.push(number);
                warnings.push(Warning::new("pdf_page_unreadable", format!("page {number} could not be read: {msg}")));
                pages.push(Page {
                    number,
                    width: 0.0,
                    height: 0.0,
                    content: PageContent::Positioned { runs: Vec::new(), rules: Vec::new() },
                });
            }
        }
    }
    if failed.len() == page_ids.len() {
        let first = warnings.first().map(|w| w.detail.clone()).unwrap_or_default();
        return Err(ParseError::ReaderPanic(format!("no page could be read; {first}")));
    }
    let has_text = pages.iter().any(|p| match &p.content {
        PageContent::Positioned { runs, .. } => runs.iter().any(|r| !r.text.trim().is_empty()),
        PageContent::Lines(l) => !l.is_empty(),
        PageContent::Structured(blocks) => !blocks.is_empty(),
    });
    if !has_text {
        return Err(ParseError::NoTextLayer);
    }
    deadline.check()?;
    let (tagged_tables, alt_texts) = match guard::run_quietly(|| tagged::tables(&doc, &page_ids, &mcid_texts)) {
        Ok(t) => t,
        Err(msg) => {
            warnings.push(Warning::new("pdf_structure_tree_unreadable", msg));
            (Vec::new(), Vec::new())
        }
    };
    let mut furniture = info_lines(&doc);
    furniture.extend(alt_texts);
    Ok(ParsedDocument { source, pages, tagged_tables, furniture, warnings })
}

/// What the document information dictionary says of who made the file, a line each: its
/// Title, Author and Subject (a writer fills them from the source document's properties;
/// an organisation is often the author). Kept as furniture, where a file that never prints
/// its publisher's name still says it.
fn info_lines(doc: &Document) -> Vec<String> {
    let Ok(info) = doc.trailer.get(b"Info") else { return Vec::new() };
    let Object::Dictionary(info) = deref(doc, info) else { return Vec::new() };
    [&b"Title"[..], b"Author", b"Subject"]
        .iter()
        .filter_map(|key| info.get(key).ok())
        .filter_map(|o| fields::text_string(deref(doc, o)))
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
        .map(|v| chc_model::furniture_line(&v).to_string())
        .collect()
}

/// Load the file; a file whose cross-reference table is wrong or missing, or whose page tree
/// is lost, is loaded again with its object table rebuilt by scanning ([`repair`]), with a
/// warning that it is damaged.
fn load(bytes: &[u8]) -> Result<(Document, Option<Warning>), ParseError> {
    let why = match Document::load_mem(bytes) {
        Err(lopdf::Error::InvalidPassword) | Err(lopdf::Error::Decryption(_)) => return Err(ParseError::Encrypted),
        // lopdf decrypts with the empty user password while loading and then drops /Encrypt;
        // when that password did not work the dictionary is still there.
        Ok(doc) if doc.is_encrypted() => return Err(ParseError::Encrypted),
        Ok(doc) if !doc.objects.is_empty() && !doc.get_pages().is_empty() => return Ok((doc, None)),
        Ok(doc) if doc.objects.is_empty() => "no objects could be read".to_string(),
        Ok(_) => "no pages could be found (damaged page tree?)".to_string(),
        Err(e) => describe_lopdf_error(&e),
    };
    load_repaired(bytes).ok_or(ParseError::Corrupt(why.clone())).map(|(doc, (objects, pages))| {
        let warning = Warning::new(
            "pdf_damaged",
            format!("the file is damaged ({why}); its object table was rebuilt by scanning ({objects} objects, {pages} page objects found) and the pages that survive are read"),
        );
        (doc, Some(warning))
    })
}

/// The document as [`repair::rebuild`] makes it loadable, and how many objects and page
/// objects the scan found. The file's own catalog is used when its page tree reaches every page found;
/// otherwise a new page tree lists them in file order.
fn load_repaired(bytes: &[u8]) -> Option<(Document, (usize, usize))> {
    let mut best: Option<(Document, (usize, usize))> = None;
    for fresh_tree in [false, true] {
        let Some(rebuilt) = repair::rebuild(bytes, fresh_tree) else { break };
        let Ok(doc) = Document::load_mem(&rebuilt.bytes) else { continue };
        if doc.is_encrypted() {
            continue;
        }
        let n = doc.get_pages().len();
        let found = (rebuilt.objects, rebuilt.pages);
        if n >= rebuilt.pages {
            return Some((doc, found));
        }
        if n > best.as_ref().map_or(0, |b| b.0.get_pages().len()) {
            best = Some((doc, found));
        }
    }
    best
}

fn describe_lopdf_error(e: &lopdf::Error) -> String {
    let s = e.to_string();
    // lopdf's "unimplemented" messages ask users to file issues upstream: not our users' job.
    match s.find("; please open an issue") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn is_image(dict: &lopdf::Dictionary) -> bool {
    matches!(dict.get(b"Subtype").and_then(Object::as_name), Ok(b"Image"))
}

/// Sum the decompressed size of every stream we may decode, stopping at the limit so that a
/// decompression bomb costs no memory (every filter layer is streamed, see [`scan`]). Images
/// are never decoded, so they do not count.
///
/// `raw_checked`: what the pre-check measured inflating every zlib stream in the file's bytes
/// (`None` for an encrypted file, whose bytes were ciphertext); single-Flate streams it
/// measured are not inflated a second time.
fn check_decompressed_size(doc: &Document, max: u64, raw_checked: Option<u64>, deadline: &Deadline) -> Result<(), ParseError> {
    let mut total: u64 = raw_checked.unwrap_or(0);
    for obj in doc.objects.values() {
        let Object::Stream(stream) = obj else { continue };
        if is_image(&stream.dict) {
            continue;
        }
        let single_flate = stream.filters().is_ok_and(|f| f == [b"FlateDecode".as_slice()]);
        if raw_checked.is_some() && single_flate {
            continue;
        }
        let remaining = max.saturating_sub(total);
        let size = scan::inflated_size(stream, remaining, deadline)?;
        total = total.saturating_add(size);
        if total > max {
            return Err(scan::too_big(max));
        }
    }
    Ok(())
}

/// pdf-extract looks up inherited page attributes by following /Parent with no limit: a
/// page tree whose /Parent links loop would hang it. Cut each loop where it closes.
fn break_parent_loops(doc: &mut Document, pages: &[(u32, ObjectId)]) -> usize {
    let mut cut: HashSet<ObjectId> = HashSet::new();
    for &(_, page) in pages {
        let mut seen = HashSet::from([page]);
        let mut cur = page;
        while let Ok(parent) = doc.get_dictionary(cur).and_then(|d| d.get(b"Parent")).and_then(Object::as_reference) {
            if !seen.insert(parent) || seen.len() > 256 {
                cut.insert(cur);
                break;
            }
            cur = parent;
        }
    }
    for id in &cut {
        if let Ok(d) = doc.get_dictionary_mut(*id) {
            d.remove(b"Parent");
        }
    }
    cut.len()
}

/// Replace image XObjects by empty forms: pdf-extract would try to run image data as a
/// content stream, and images carry no text.
fn blank_images(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        if let Object::Stream(stream) = obj {
            if is_image(&stream.dict) {
                let mut dict = lopdf::Dictionary::new();
                dict.set("Type", Object::Name(b"XObject".to_vec()));
                dict.set("Subtype", Object::Name(b"Form".to_vec()));
                dict.set(
                    "BBox",
                    Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
                );
                *stream = lopdf::Stream::new(dict, Vec::new());
            }
        }
    }
}

/// A page's geometry: the box in default user space and its rotation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageGeom {
    pub llx: f64,
    pub lly: f64,
    pub urx: f64,
    pub ury: f64,
    /// 0, 90, 180 or 270: how far the page is turned clockwise when shown.
    pub rotate: i64,
}

impl PageGeom {
    fn width(&self) -> f64 {
        (self.urx - self.llx).abs()
    }
    fn height(&self) -> f64 {
        (self.ury - self.lly).abs()
    }
    /// Page size as shown (after rotation).
    pub fn shown_size(&self) -> (f64, f64) {
        if self.rotate % 180 == 0 {
            (self.width(), self.height())
        } else {
            (self.height(), self.width())
        }
    }
    /// A point in PDF user space to shown page coordinates (origin top-left, y down).
    pub fn to_shown(self, x: f64, y: f64) -> (f64, f64) {
        let tx = x - self.llx.min(self.urx);
        let ty = self.ury.max(self.lly) - y;
        let (w, h) = (self.width(), self.height());
        match self.rotate {
            90 => (h - ty, tx),
            180 => (w - tx, h - ty),
            270 => (ty, w - tx),
            _ => (tx, ty),
        }
    }
    /// A direction vector in user space to shown page coordinates.
    pub fn dir_to_shown(&self, dx: f64, dy: f64) -> (f64, f64) {
        let (tx, ty) = (dx, -dy);
        match self.rotate {
            90 => (-ty, tx),
            180 => (-tx, -ty),
            270 => (ty, -tx),
            _ => (tx, ty),
        }
    }
}

/// A page attribute, from the page or the nearest ancestor that has it (references followed).
pub(crate) fn inherited<'a>(doc: &'a Document, page: &'a lopdf::Dictionary, key: &[u8]) -> Option<&'a Object> {
    inherited_within(doc, page, key, 32)
}

/// A key of `dict`, else of the nearest `/Parent` that has it, at most `hops` dictionaries up
/// (parent chains can loop): a page's attributes, a form field's type and value.
pub(crate) fn inherited_within<'a>(doc: &'a Document, dict: &'a lopdf::Dictionary, key: &[u8], hops: usize) -> Option<&'a Object> {
    let mut dict = dict;
    for _ in 0..hops {
        if let Ok(v) = dict.get(key) {
            return Some(deref(doc, v));
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// Follow references (a bounded number of hops: reference chains can loop).
pub(crate) fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    let mut o = o;
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return o,
            },
            _ => return o,
        }
    }
    o
}

/// A number, references followed.
pub(crate) fn number(doc: &Document, o: &Object) -> Option<f64> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

pub(crate) fn page_geom(doc: &Document, page_id: ObjectId) -> Result<PageGeom, String> {
    let dict = doc.get_dictionary(page_id).map_err(|e| format!("page object: {e}"))?;
    let media = inherited(doc, dict, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| {
            let v: Vec<f64> = a.iter().filter_map(|o| number(doc, o)).collect();
            (v.len() == 4).then(|| (v[0], v[1], v[2], v[3]))
        })
        // A page without a usable MediaBox: assume A4, as viewers do with Letter.
        .unwrap_or((0.0, 0.0, 595.0, 842.0));
    let rotate = inherited(doc, dict, b"Rotate").and_then(|o| number(doc, o)).unwrap_or(0.0) as i64;
    let rotate = rotate.rem_euclid(360) / 90 * 90;
    Ok(PageGeom { llx: media.0, lly: media.1, urx: media.2, ury: media.3, rotate })
}

/// What every page of one document is read with.
struct Reading<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    deadline: Deadline,
    fonts: fonts::FontCache,
    engine: TextEngine,
    /// The file has a structure tree, which needs each marked-content sequence's text.
    tagged: bool,
}

fn read_page(r: &Reading, number: u32, page_id: ObjectId) -> Result<PageOut, PageFail> {
    let &Reading { doc, limits, deadline, ref fonts, engine, tagged } = r;
    let geom = page_geom(doc, page_id).map_err(PageFail::Reader)?;
    let data = doc.get_page_content(page_id).unwrap_or_default();
    let walked = content::walk_page(doc, page_id, &data, &geom, &deadline, fonts, limits.max_nesting_depth);
    if let Some(msg) = walked.limit {
        return Err(PageFail::Limit(msg));
    }
    if deadline.expired() {
        return Err(PageFail::Time);
    }
    let mut warnings = Vec::new();
    let collector = match walked.text {
        Ok(own) if engine == TextEngine::Own => own,
        text => {
            if let Err(why) = text {
                tracing::debug!(page = number, "text read by pdf-extract: {why}");
            }
            // lopdf parses content recursively for pdf-extract and may tokenize some bytes
            // differently from our lexer (inline image data): check nesting its way too.
            if scan::nesting_depth(&data, false, limits.max_nesting_depth) > limits.max_nesting_depth {
                return Err(PageFail::Limit(format!("content nested more than {} deep", limits.max_nesting_depth)));
            }
            let mut dev = glyphs::Collector::for_pdf_extract(geom, walked.string_mcids, deadline);
            let extract = pdf_extract::output_doc_page(doc, &mut dev, number);
            if deadline.expired() {
                return Err(PageFail::Time);
            }
            if let Err(e) = extract {
                // Keep what was read before the error: a page cut short still has its first rows.
                warnings.push(Warning::new("pdf_page_partial", format!("page {number}: {e}")));
            }
            dev
        }
    };
    drop(data);
    let mut collector = collector;
    for b in &walked.bullets {
        collector.push(b.trm, b.advance, b.size, "•", b.mcid);
    }
    // Filled-in form fields, set where their widgets sit, a line below another.
    for field in fields::field_texts(doc, page_id) {
        let [left, bottom, right, top] = field.rect;
        if field.is_box {
            // A box's mark is drawn in its middle.
            let size = (top - bottom).min(right - left).clamp(4.0, 24.0) * 0.8;
            collector.push([1.0, 0.0, 0.0, 1.0, (left + right - size) / 2.0, (top + bottom - size) / 2.0], 1.0, size, &field.lines[0], None);
            continue;
        }
        for (i, line) in field.lines.iter().enumerate() {
            let baseline = top - field.size * (1.0 + 1.2 * i as f64);
            // An average glyph is half the size wide: the run's width, for column finding.
            collector.push([1.0, 0.0, 0.0, 1.0, left + 2.0, baseline], 0.5 * line.chars().count() as f64, field.size, line, None);
        }
    }
    let (runs, mcid_text, rotated, quadrant) = collector.finish(tagged);
    if rotated > 0 {
        warnings.push(Warning::new(
            "pdf_rotated_text_dropped",
            format!("page {number}: {rotated} glyphs set at an angle were left out"),
        ));
    }
    let (mut w, mut h) = geom.shown_size();
    let mut rules = walked.rules;
    if quadrant != 0 {
        // The page's text runs sideways: turn the rules with it.
        for r in &mut rules {
            let (ax, ay) = glyphs::turn(quadrant, r.x0 as f64, r.y0 as f64, w, h);
            let (bx, by) = glyphs::turn(quadrant, r.x1 as f64, r.y1 as f64, w, h);
            *r = Rule { x0: ax.min(bx) as f32, y0: ay.min(by) as f32, x1: ax.max(bx) as f32, y1: ay.max(by) as f32 };
        }
        if quadrant % 2 == 1 {
            std::mem::swap(&mut w, &mut h);
        }
    }
    Ok(PageOut {
        page: Page {
            number,
            width: w as f32,
            height: h as f32,
            content: PageContent::Positioned { runs, rules },
        },
        mcid_text,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_maps_corners() {
        let g = PageGeom { llx: 0.0, lly: 0.0, urx: 600.0, ury: 800.0, rotate: 0 };
        assert_eq!(g.to_shown(0.0, 800.0), (0.0, 0.0));
        let g = PageGeom { rotate: 90, ..g };
        // Shown top-left of a page turned clockwise is the unrotated bottom-left.
        assert_eq!(g.to_shown(0.0, 0.0), (0.0, 0.0));
        assert_eq!(g.shown_size(), (800.0, 600.0));
        let g = PageGeom { rotate: 270, ..g };
        assert_eq!(g.to_shown(600.0, 800.0), (0.0, 0.0));
        let g = PageGeom { rotate: 180, ..g };
        assert_eq!(g.to_shown(600.0, 0.0), (0.0, 0.0));
    }
}

#[cfg(test)]
mod info_tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn the_information_dictionary_is_kept_as_furniture() {
        let mut doc = Document::with_version("1.5");
        let author = doc.add_object(Object::string_literal("Tarnmoor Homes"));
        let info = doc.add_object(dictionary! {
            "Title" => Object::String(b"\xFE\xFF\x00S\x00e\x00l\x00f\x00-\x00a\x00s\x00s\x00e\x00s\x00s\x00m\x00e\x00n\x00t".to_vec(), lopdf::StringFormat::Literal),
            "Author" => author,
            "Producer" => Object::string_literal("Microsoft Word"),
        });
        doc.trailer.set("Info", info);
        assert_eq!(info_lines(&doc), ["Self-assessment", "Tarnmoor Homes"]);
        doc.trailer.remove(b"Info");
        assert!(info_lines(&doc).is_empty());
    }
}
