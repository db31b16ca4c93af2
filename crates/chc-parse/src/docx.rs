//! Word DOCX input: WordprocessingML (`word/document.xml`, through roxmltree) into structured
//! blocks, the same shape web pages give ([`chc_model::Block`]):
//! - paragraphs become [`BlockKind::Paragraph`], or [`BlockKind::Heading`] when their style
//!   is a heading (by the style's name in `word/styles.xml`, its outline level, or a
//!   `HeadingN`/`Title` id); list paragraphs start with "• "; `w:br` ends a line;
//! - tables become grids ([`crate::grid`]): `w:gridSpan` merges across, `w:vMerge`
//!   restart/continue merges down (a continued slot is covered and repeats the text above),
//!   `w:gridBefore`/`w:gridAfter` leave slots empty, "repeat as header row"
//!   (`w:tblHeader`) marks header rows, `w:tblCaption` is the caption; a table that only
//!   frames a larger table inside it is read as a container, a small table inside a cell is
//!   that cell's text (a line per row); rows and cells wrapped in content controls or custom
//!   XML are read through the wrappers;
//! - what Word shows, not how it stores it: inserted text (`w:ins`, `w:moveTo`) is kept and
//!   deleted text (`w:del`, `w:moveFrom`) never appears; hyperlinks, smart tags and simple
//!   fields give their display text; complex fields (`w:fldChar` begin/separate/end, nested
//!   too, across runs and paragraphs) give their result, never their code; content controls
//!   give their shown value (drop-downs, dates, text) and nothing while they show placeholder
//!   text; check boxes read ☒ (ticked) or ☐: content-control check boxes (`w14:checkbox`,
//!   from `w14:checked`), legacy form check boxes (`FORMCHECKBOX` fields, from `w:checked` or
//!   else `w:default`) and symbol-font glyphs (`w:sym`, Wingdings typed as text);
//!   of alternate content only the first choice is read;
//! - running headers and footers, footnotes and endnotes are context paragraphs (headers
//!   first, the rest after the body), never rows.
//!
//! Safety: parts are inflated with a cap whatever the ZIP says ([`crate::package`]), XML
//! with a DOCTYPE or past a node limit is refused, the tree is walked without recursion
//! except into nested tables and content-control wrappers, which stop at [`MAX_NESTING`].

use crate::grid::{self, GridBuilder, RepeatBudget};
use crate::package::{parse_xml, walk, Office, Package, Step};
use crate::symbols::{is_symbol_font, private_use_tick, symbol_char};
use crate::{budget, Limits, ParseError};
use chc_model::{Block, BlockKind, ParsedDocument, SourceFormat, SourceInfo, StructuredTable};
use roxmltree::Node;
use std::collections::HashMap;

/// The main document part.
pub const MAIN_PART: &str = "word/document.xml";

/// Deepest nesting of tables and block wrappers (content controls, custom XML) followed.
pub const MAX_NESTING: usize = 32;

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

pub use crate::package::sniff_zip;

/// Parse a DOCX into one page of structured blocks (see the module documentation).
pub fn parse_docx(mut source: SourceInfo, bytes: &[u8], limits: &Limits) -> Result<ParsedDocument, ParseError> {
    source.format = SourceFormat::Docx;
    let deadline = budget::current();
    let mut package = Package::open(Office::Word, bytes, limits.max_decompressed_bytes)?;
    let main = package.required_part(MAIN_PART, deadline)?;
    deadline.check()?;
    let styles = match package.part("word/styles.xml", deadline) {
        Ok(Some(xml)) => heading_styles(&xml),
        _ => HashMap::new(),
    };
    let doc = parse_xml(Office::Word, MAIN_PART, &main)?;
    let root = doc.root_element();
    let w = root.tag_name().namespace().filter(|ns| *ns == W_TRANSITIONAL || *ns == W_STRICT).unwrap_or(W_TRANSITIONAL);
    let body = root.children().find(|n| n.tag_name().name() == "body" && n.tag_name().namespace() == Some(w));
    let Some(body) = body else {
        return Err(ParseError::CorruptDocx("word/document.xml holds no WordprocessingML body".into()));
    };
    let mut reader = Reader { w, styles, budget: RepeatBudget::default(), fields: Vec::new(), location: 0, deadline, picture_descriptions: Vec::new() };
    reader.describe_pictures(root);
    let mut blocks = Vec::new();
    // Running headers (context: the landlord's name is often there), the body, then notes
    // and footers.
    let names = package.names();
    let (mut before, mut after): (Vec<&String>, Vec<&String>) = (Vec::new(), Vec::new());
    for name in &names {
        let Some(file) = name.strip_prefix("word/").filter(|f| !f.contains('/') && f.ends_with(".xml")) else { continue };
        if file.starts_with("header") {
            before.push(name);
        } else if file.starts_with("footer") || file == "footnotes.xml" || file == "endnotes.xml" {
            after.push(name);
        }
    }
    before.sort();
    after.sort_by_key(|n| (!n.contains("note"), n.to_string()));
    reader.context_parts(&mut package, &before, &mut blocks)?;
    reader.blocks(body, 0, &mut blocks)?;
    reader.context_parts(&mut package, &after, &mut blocks)?;
    let mut furniture = crate::package::document_properties(&mut package, deadline);
    furniture.append(&mut reader.picture_descriptions);
    crate::structured_document(source, blocks, furniture, Vec::new())
}

/// Heading level of each paragraph style that is a heading: named "heading N" or "Title",
/// or with an outline level, in `word/styles.xml`.
fn heading_styles(xml: &str) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    let Ok(doc) = parse_xml(Office::Word, "word/styles.xml", xml) else { return out };
    for style in doc.root_element().children().filter(|n| n.tag_name().name() == "style") {
        let Some(id) = attr_local(style, "styleId") else { continue };
        let name = style.children().find(|n| n.tag_name().name() == "name").and_then(|n| attr_local(n, "val")).unwrap_or("");
        let outline = style
            .descendants()
            .find(|n| n.tag_name().name() == "outlineLvl")
            .and_then(|n| attr_local(n, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9);
        if let Some(level) = heading_level_of_name(name).or(outline.map(|l| l + 1)) {
            out.insert(id.to_string(), level);
        }
    }
    out
}

/// "heading 2" → 2, "Title" → 1.
fn heading_level_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_ascii_lowercase().replace(' ', "");
    if lower == "title" {
        return Some(1);
    }
    lower.strip_prefix("heading").and_then(|n| n.parse::<u8>().ok()).filter(|l| (1..=9).contains(l))
}

/// An attribute by local name, whatever its namespace (`w:val`, `w14:val`).
fn attr_local<'a>(n: Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == local).map(|a| a.value())
}

/// A Word on/off property (`<w:b/>`, `<w:checked w:val="0"/>`): on unless its value says off.
fn on(n: Node<'_, '_>) -> bool {
    !matches!(attr_local(n, "val"), Some("0" | "false" | "off"))
}

fn glyph(ticked: bool) -> char {
    if ticked {
        '☒'
    } else {
        '☐'
    }
}

struct Reader<'s> {
    /// The WordprocessingML namespace of this document (transitional or strict).
    w: &'s str,
    styles: HashMap<String, u8>,
    budget: RepeatBudget,
    /// Open complex fields, outermost first: `true` while in the field's code (before
    /// `separate`), whose text is never shown.
    fields: Vec<bool>,
    /// Body blocks read so far: a block's location is its index.
    location: u32,
    deadline: budget::Deadline,
    /// What the pictures of the body, headers and footers are described as (their alt
    /// text): a logo often says whose document it is ("Fenmoor Homes logo") where no text does.
    picture_descriptions: Vec<String>,
}

/// Whether `n` is the WordprocessingML element `local` (in namespace `w`).
fn is_w(w: &str, n: Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(w)
}

fn child_w<'a, 'i>(w: &str, n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is_w(w, *c, local))
}

impl Reader<'_> {
    fn is(&self, n: Node<'_, '_>, local: &str) -> bool {
        is_w(self.w, n, local)
    }

    fn child<'a, 'i>(&self, n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
        child_w(self.w, n, local)
    }

    fn val<'a>(&self, n: Node<'a, '_>) -> Option<&'a str> {
        n.attribute((self.w, "val"))
    }

    fn showing(&self) -> bool {
        !self.fields.iter().any(|in_code| *in_code)
    }

    /// The block-level content of a container (body, cell of a layout table, content
    /// control), in order.
    fn blocks(&mut self, container: Node<'_, '_>, depth: usize, out: &mut Vec<Block>) -> Result<(), ParseError> {
        if depth > MAX_NESTING {
            return Err(ParseError::LimitExceeded(format!("tables or content controls nested over {MAX_NESTING} deep")));
        }
        for n in container.children().filter(Node::is_element) {
            self.deadline.check()?;
            if self.is(n, "p") {
                self.location += 1;
                let para = self.paragraph(n);
                if para.text.trim().is_empty() {
                    continue;
                }
                let kind = match para.heading {
                    Some(level) => BlockKind::Heading { level, text: para.text.replace('\t', " ") },
                    None => BlockKind::Paragraph(para.text),
                };
                out.push(Block { location: self.location, kind });
            } else if self.is(n, "tbl") {
                self.location += 1;
                if self.is_layout(n) {
                    let cells: Vec<Node<'_, '_>> = self.rows(n).iter().flat_map(|r| self.cells(*r)).collect();
                    for cell in cells {
                        self.blocks(cell, depth + 1, out)?;
                    }
                } else {
                    let location = self.location;
                    let t = self.table(n, location, depth)?;
                    if !t.rows.is_empty() {
                        out.push(Block { location, kind: BlockKind::Table(t) });
                    }
                }
            } else if let Some(inner) = self.wrapped_content(n) {
                self.blocks(inner, depth + 1, out)?;
            }
        }
        Ok(())
    }

    /// The content inside a wrapper element: a content control's `sdtContent` (none while it
    /// shows placeholder text), custom XML and smart tags' children, alternate content's
    /// first choice.
    fn wrapped_content<'a, 'i>(&self, n: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        if self.is(n, "sdt") {
            if self.placeholder(n) {
                return None;
            }
            return self.child(n, "sdtContent");
        }
        if self.is(n, "customXml") || self.is(n, "smartTag") {
            return Some(n);
        }
        if n.tag_name().namespace() == Some(MC) && n.tag_name().name() == "AlternateContent" {
            return n.children().find(|c| c.tag_name().namespace() == Some(MC) && c.tag_name().name() == "Choice");
        }
        None
    }

    /// A content control showing its placeholder ("Click or tap here to enter text.").
    fn placeholder(&self, sdt: Node<'_, '_>) -> bool {
        self.child(sdt, "sdtPr").and_then(|pr| self.child(pr, "showingPlcHdr")).is_some_and(on)
    }

    /// A content control's check box state, when it is one.
    fn sdt_checkbox(&self, sdt: Node<'_, '_>) -> Option<bool> {
        let pr = self.child(sdt, "sdtPr")?;
        let cb = pr.children().find(|c| c.tag_name().namespace() == Some(W14) && c.tag_name().name() == "checkbox")?;
        let checked = cb.children().find(|c| c.tag_name().name() == "checked");
        Some(checked.is_some_and(|c| matches!(c.attribute((W14, "val")).or_else(|| attr_local(c, "val")), Some("1" | "true" | "on"))))
    }

    /// A legacy form check box's state, from the `w:ffData` of its field's `begin`.
    fn form_checkbox(&self, fld_char: Node<'_, '_>) -> Option<bool> {
        let cb = self.child(self.child(fld_char, "ffData")?, "checkBox")?;
        if let Some(checked) = self.child(cb, "checked") {
            return Some(on(checked));
        }
        Some(self.child(cb, "default").and_then(|d| self.val(d)).is_some_and(|v| matches!(v, "1" | "true" | "on")))
    }

    /// A legacy drop-down form field's chosen entry, from the `w:ffData` of its field's
    /// `begin`: Word writes no text for it, only the entries and the chosen one's index
    /// (`w:result`, else `w:default`, else the first).
    fn form_dropdown<'a>(&self, fld_char: Node<'a, '_>) -> Option<&'a str> {
        let list = self.child(self.child(fld_char, "ffData")?, "ddList")?;
        let index = ["result", "default"].iter().find_map(|k| self.child(list, k).and_then(|r| self.val(r))).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0);
        list.children().filter(|c| self.is(*c, "listEntry")).nth(index).and_then(|e| self.val(e))
    }

    /// Rows of a table, through row-level content controls and custom XML.
    fn rows<'a, 'i>(&self, tbl: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
        self.through_wrappers(tbl, "tr")
    }

    /// Cells of a row, through cell-level content controls and custom XML.
    fn cells<'a, 'i>(&self, tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
        self.through_wrappers(tr, "tc")
    }

    fn through_wrappers<'a, 'i>(&self, parent: Node<'a, 'i>, local: &str) -> Vec<Node<'a, 'i>> {
        let mut out = Vec::new();
        let mut stack = vec![parent];
        while let Some(p) = stack.pop() {
            let mut wrapped = Vec::new();
            for c in p.children().filter(Node::is_element) {
                if self.is(c, local) {
                    out.push((c.id().get(), c));
                } else if let Some(inner) = self.wrapped_content(c) {
                    wrapped.push(inner);
                }
            }
            if stack.len() + wrapped.len() > MAX_NESTING * 4 {
                break;
            }
            stack.extend(wrapped);
        }
        out.sort_by_key(|(id, _)| *id);
        out.into_iter().map(|(_, n)| n).collect()
    }

    /// A table that frames a larger one (see [`grid::is_layout_table`]).
    fn is_layout(&self, tbl: Node<'_, '_>) -> bool {
        let own = |t: Node<'_, '_>| self.rows(t).iter().map(|r| self.cells(*r).len()).sum::<usize>();
        let nested = tbl.descendants().skip(1).filter(|d| self.is(*d, "tbl")).map(own).max();
        grid::is_layout_table(own(tbl), nested)
    }

    fn table(&mut self, tbl: Node<'_, '_>, location: u32, depth: usize) -> Result<StructuredTable, ParseError> {
        let caption = self.child(tbl, "tblPr").and_then(|pr| self.child(pr, "tblCaption")).and_then(|c| self.val(c)).map(str::to_string).filter(|c| !c.trim().is_empty());
        let mut grid = GridBuilder::default();
        grid.start_group(None);
        let w = self.w;
        let number = |n: Option<Node<'_, '_>>| n.and_then(|n| n.attribute((w, "val"))).and_then(|v| v.trim().parse::<usize>().ok());
        for tr in self.rows(tbl) {
            self.deadline.check()?;
            let props = child_w(w, tr, "trPr");
            let prop = |local: &str| props.and_then(|p| child_w(w, p, local));
            let header = prop("tblHeader").is_some_and(on);
            let (before, after) = (number(prop("gridBefore")).unwrap_or(0), number(prop("gridAfter")).unwrap_or(0));
            grid.start_row(location, header);
            grid.empty_slots(before, &mut self.budget)?;
            for tc in self.cells(tr) {
                let props = child_w(w, tc, "tcPr");
                let prop = |local: &str| props.and_then(|p| child_w(w, p, local));
                let span = number(prop("gridSpan")).unwrap_or(1);
                let continued = prop("vMerge").is_some_and(|m| m.attribute((w, "val")).is_none_or(|v| v == "continue"));
                if continued {
                    grid.continue_above(header, span, &mut self.budget)?;
                } else {
                    let text = self.cell_text(tc, depth + 1)?;
                    grid.cell(text, header, span, 1, &mut self.budget)?;
                }
            }
            grid.empty_slots(after, &mut self.budget)?;
            grid.end_row(&mut self.budget)?;
        }
        grid.end_group();
        Ok(StructuredTable { location, caption, rows: grid.finish() })
    }

    /// A cell's text: paragraphs as lines (tabs as spaces), a nested table a line per row.
    fn cell_text(&mut self, container: Node<'_, '_>, depth: usize) -> Result<String, ParseError> {
        if depth > MAX_NESTING {
            return Err(ParseError::LimitExceeded(format!("tables or content controls nested over {MAX_NESTING} deep")));
        }
        let mut lines: Vec<String> = Vec::new();
        for n in container.children().filter(Node::is_element) {
            if self.is(n, "p") {
                let para = self.paragraph(n);
                lines.extend(para.text.split('\n').map(|l| l.replace('\t', " ")).filter(|l| !l.trim().is_empty()));
            } else if self.is(n, "tbl") {
                for tr in self.rows(n) {
                    let mut cells = Vec::new();
                    for tc in self.cells(tr) {
                        let t = self.cell_text(tc, depth + 1)?;
                        if !t.is_empty() {
                            cells.push(t.replace('\n', " "));
                        }
                    }
                    if !cells.is_empty() {
                        lines.push(cells.join(" "));
                    }
                }
            } else if let Some(inner) = self.wrapped_content(n) {
                let t = self.cell_text(inner, depth + 1)?;
                lines.extend(t.split('\n').map(str::to_string).filter(|l| !l.is_empty()));
            }
        }
        Ok(lines.join("\n"))
    }

    /// A paragraph's shown text (see the module documentation) and what its properties say.
    fn paragraph(&mut self, p: Node<'_, '_>) -> Paragraph {
        let mut text = String::new();
        let mut run_font: Option<String> = None;
        // A run struck through (an answer the writer replaced: "~~No~~ Yes") or hidden says
        // nothing the page means.
        let mut run_unsaid = false;
        let mut heading = None;
        let mut list = false;
        if let Some(ppr) = self.child(p, "pPr") {
            if let Some(style) = self.child(ppr, "pStyle").and_then(|s| self.val(s)) {
                heading = self.styles.get(style).copied().or_else(|| heading_level_of_name(style));
                let lower = style.to_ascii_lowercase();
                list |= lower.starts_with("listbullet") || lower.starts_with("listnumber");
            }
            if let Some(num) = self.child(ppr, "numPr") {
                list = self.child(num, "numId").and_then(|n| self.val(n)) != Some("0");
            }
            if let Some(level) = self.child(ppr, "outlineLvl").and_then(|o| self.val(o)).and_then(|v| v.parse::<u8>().ok()) {
                heading = (level < 9).then_some(level + 1);
            }
        }
        let root = p;
        walk(p, |step| match step {
            Step::Open(n) => {
                if !n.is_element() {
                    return false;
                }
                if n.tag_name().namespace() == Some(MC) {
                    // Alternate content: the first choice, never the fallback copy.
                    return n.tag_name().name() == "AlternateContent" || (n.tag_name().name() == "Choice" && n.prev_sibling_element().is_none());
                }
                if n.tag_name().namespace() != Some(self.w) {
                    return n.tag_name().namespace() != Some(W14);
                }
                match n.tag_name().name() {
                    "pPr" | "rPr" | "sdtPr" | "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "fldData" | "commentReference" => false,
                    "p" if n != root => {
                        // A paragraph in a text box inside this one.
                        if !text.is_empty() && !text.ends_with('\n') {
                            text.push('\n');
                        }
                        true
                    }
                    "r" => {
                        let rpr = self.child(n, "rPr");
                        run_unsaid = rpr.is_some_and(|rpr| ["strike", "dstrike", "vanish"].iter().any(|k| self.child(rpr, k).is_some_and(on)));
                        run_font = rpr
                            .and_then(|rpr| self.child(rpr, "rFonts"))
                            .and_then(|f| f.attribute((self.w, "ascii")).or_else(|| f.attribute((self.w, "hAnsi"))).or_else(|| f.attribute((self.w, "cs"))))
                            .map(str::to_string);
                        true
                    }
                    "t" => {
                        if self.showing() && !run_unsaid {
                            let font = run_font.as_deref().filter(|f| is_symbol_font(f));
                            for c in n.text().unwrap_or("").chars() {
                                let c = match font {
                                    Some(f) => match symbol_char(f, c as u32) {
                                        Some(m) => m,
                                        None => continue,
                                    },
                                    None => private_use_tick(c).unwrap_or(c),
                                };
                                text.push(if matches!(c, '\n' | '\r') { ' ' } else { c });
                            }
                        }
                        false
                    }
                    "tab" | "ptab" => {
                        if self.showing() && n.parent().is_some_and(|p| self.is(p, "r")) {
                            text.push('\t');
                        }
                        false
                    }
                    "br" | "cr" => {
                        if self.showing() {
                            text.push('\n');
                        }
                        false
                    }
                    "noBreakHyphen" => {
                        if self.showing() {
                            text.push('-');
                        }
                        false
                    }
                    "sym" => {
                        let font = attr_local(n, "font").unwrap_or_default();
                        let code = attr_local(n, "char").and_then(|c| u32::from_str_radix(c.trim(), 16).ok());
                        if let (true, Some(c)) = (self.showing(), code.and_then(|code| symbol_char(font, code))) {
                            text.push(c);
                        }
                        false
                    }
                    "fldChar" => {
                        match attr_local(n, "fldCharType") {
                            Some("begin") => {
                                if let (true, Some(ticked)) = (self.showing(), self.form_checkbox(n)) {
                                    text.push(glyph(ticked));
                                }
                                if let (true, Some(chosen)) = (self.showing(), self.form_dropdown(n)) {
                                    text.push_str(chosen);
                                }
                                self.fields.push(true);
                            }
                            Some("separate") => {
                                if let Some(top) = self.fields.last_mut() {
                                    *top = false;
                                }
                            }
                            Some("end") => {
                                self.fields.pop();
                            }
                            _ => {}
                        }
                        false
                    }
                    "sdt" => {
                        if let Some(ticked) = self.sdt_checkbox(n) {
                            if self.showing() {
                                text.push(glyph(ticked));
                            }
                            return false;
                        }
                        !self.placeholder(n)
                    }
                    _ => true,
                }
            }
            Step::Close(n) => {
                if self.is(n, "r") {
                    run_font = None;
                }
                true
            }
        });
        if list && !text.trim().is_empty() {
            text.insert_str(0, "• ");
        }
        Paragraph { text: text.trim_end_matches('\n').to_string(), heading }
    }

    /// The alt text of each picture under `root` (DrawingML's `wp:docPr` description or
    /// title), once each.
    fn describe_pictures(&mut self, root: Node<'_, '_>) {
        // A logo is among the first pictures; a file of hundreds keeps the furniture short.
        const MOST: usize = 32;
        for pr in root.descendants().filter(|n| n.tag_name().name() == "docPr") {
            if self.picture_descriptions.len() >= MOST {
                return;
            }
            for said in ["descr", "title"].iter().filter_map(|a| attr_local(pr, a)) {
                let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
                if !said.is_empty() && !self.picture_descriptions.contains(&said) {
                    self.picture_descriptions.push(chc_model::furniture_line(&said).to_string());
                }
            }
        }
    }

    /// Paragraphs of running headers, footers and notes, as context (tables flattened to a
    /// line per row); separator notes and repeats are left out.
    fn context_parts(&mut self, package: &mut Package<'_>, names: &[&String], out: &mut Vec<Block>) -> Result<(), ParseError> {
        let mut seen: Vec<String> = out.iter().filter_map(|b| b.kind.text().map(str::to_string)).collect();
        for name in names {
            let Some(xml) = package.part(name, self.deadline)? else { continue };
            let Ok(doc) = parse_xml(Office::Word, name, &xml) else { continue };
            let root = doc.root_element();
            self.describe_pictures(root);
            let notes: Vec<Node<'_, '_>> = if name.ends_with("notes.xml") {
                root.children().filter(|n| n.is_element() && !matches!(attr_local(*n, "type"), Some("separator" | "continuationSeparator" | "continuationNotice"))).collect()
            } else {
                vec![root]
            };
            for note in notes {
                let text = self.cell_text(note, 0)?;
                for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
                    if !seen.iter().any(|s| s == line) {
                        seen.push(line.to_string());
                        out.push(Block { location: 0, kind: BlockKind::Paragraph(line.to_string()) });
                    }
                }
            }
        }
        Ok(())
    }
}

struct Paragraph {
    text: String,
    heading: Option<u8>,
}

#[cfg(test)]
mod tests;
