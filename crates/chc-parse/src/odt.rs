//! OpenDocument text (ODT, LibreOffice's own format; also a flat `.fodt` XML file) into
//! structured blocks, as for DOCX and web pages:
//! - `text:h` headings (their outline level), `text:p` paragraphs, `text:list` items ("• "),
//!   sections and text boxes read through, `text:line-break` and `text:tab` kept;
//! - `table:table` as a grid ([`crate::grid`]): `number-columns-spanned` and
//!   `number-rows-spanned` merge (the `table:covered-table-cell` placeholders they leave are
//!   the covered slots), header rows (`table:table-header-rows`) marked, repeated rows and
//!   cells (`number-rows-repeated`, `number-columns-repeated`) repeated within bounds, row
//!   groups read in order; a table framing a larger one is a container, a small table inside a
//!   cell is that cell's text;
//! - never read: tracked deletions (`text:tracked-changes`), comments (`office:annotation`),
//!   the table of contents, form and sequence declarations; notes (`text:note`) and the
//!   master pages' headers and footers (`styles.xml`) are context paragraphs after the body.

use crate::grid::{self, GridBuilder, RepeatBudget};
use crate::package::{parse_xml, walk, Office, Package, Step};
use crate::{budget, Limits, ParseError};
use chc_model::{Block, BlockKind, ParsedDocument, SourceFormat, SourceInfo, StructuredTable};
use roxmltree::Node;

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

/// Deepest nesting of tables and sections followed.
pub const MAX_NESTING: usize = 32;
/// Most times a repeated row or cell is repeated (spreadsheets-turned-documents repeat an
/// empty row a million times).
const MAX_REPEAT: usize = 100;

/// Whether the bytes are a flat OpenDocument text (one XML file, `.fodt`).
pub fn is_flat_odt(head: &[u8]) -> bool {
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    has(b"<office:document") && has(b"application/vnd.oasis.opendocument.text")
}

/// Parse an ODT (or flat ODT) into one page of structured blocks.
pub fn parse_odt(mut source: SourceInfo, bytes: &[u8], limits: &Limits) -> Result<ParsedDocument, ParseError> {
    source.format = SourceFormat::Odt;
    let deadline = budget::current();
    let (content, styles, properties) = if bytes.starts_with(b"PK\x03\x04") {
        let mut package = Package::open(Office::OpenDocument, bytes, limits.max_decompressed_bytes)?;
        let content = package.required_part("content.xml", deadline)?;
        let styles = package.part("styles.xml", deadline).ok().flatten();
        let properties = crate::package::document_properties(&mut package, deadline);
        (content, styles, properties)
    } else {
        if bytes.len() as u64 > limits.max_decompressed_bytes.min(crate::package::MAX_PART_BYTES) {
            return Err(ParseError::LimitExceeded(format!("the flat ODT is over {} bytes", crate::package::MAX_PART_BYTES)));
        }
        (String::from_utf8_lossy(bytes).into_owned(), None, Vec::new())
    };
    deadline.check()?;
    let doc = parse_xml(Office::OpenDocument, "content.xml", &content)?;
    let text = doc.descendants().find(|n| is(*n, OFFICE, "text") && n.parent().is_some_and(|p| is(p, OFFICE, "body")));
    let Some(text) = text else {
        return Err(ParseError::CorruptOdt("content.xml holds no office:text body".into()));
    };
    let mut reader = Reader { budget: RepeatBudget::default(), notes: Vec::new(), location: 0, deadline };
    let mut blocks = Vec::new();
    reader.blocks(text, 0, &mut blocks)?;
    let notes = std::mem::take(&mut reader.notes);
    blocks.extend(notes.into_iter().map(|t| Block { location: 0, kind: BlockKind::Paragraph(t) }));
    // Headers and footers: in the flat file they are in the same tree, else in styles.xml.
    let styles_doc = match &styles {
        Some(xml) => parse_xml(Office::OpenDocument, "styles.xml", xml).ok(),
        None => None,
    };
    for tree in [Some(&doc), styles_doc.as_ref()].into_iter().flatten() {
        for part in tree.descendants().filter(|n| n.tag_name().namespace() == Some(STYLE) && matches!(n.tag_name().name(), "header" | "footer" | "header-first" | "footer-first")) {
            let t = reader.cell_text(part, 0)?;
            for line in t.split('\n').filter(|l| !l.trim().is_empty()) {
                if !blocks.iter().any(|b| b.kind.text() == Some(line)) {
                    blocks.push(Block { location: 0, kind: BlockKind::Paragraph(line.to_string()) });
                }
            }
        }
    }
    crate::structured_document(source, blocks, properties, Vec::new())
}

fn is(n: Node<'_, '_>, ns: &str, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(ns)
}

fn number(n: Node<'_, '_>, ns: &str, local: &str) -> Option<usize> {
    n.attribute((ns, local)).and_then(|v| v.trim().parse::<usize>().ok())
}

/// Containers read through as if their content stood in their place.
fn is_container(n: Node<'_, '_>) -> bool {
    is(n, TEXT, "section") || is(n, TEXT, "list") || is(n, TEXT, "list-item") || is(n, TEXT, "list-header") || is(n, DRAW, "frame") || is(n, DRAW, "text-box")
}

/// Never read: tracked deletions, comments, tables of contents and indexes, declarations.
fn is_left_out(n: Node<'_, '_>) -> bool {
    let ns = n.tag_name().namespace();
    (ns == Some(TEXT) && matches!(n.tag_name().name(), "tracked-changes" | "table-of-content" | "alphabetical-index" | "illustration-index" | "sequence-decls" | "variable-decls" | "user-field-decls" | "note"))
        || (ns == Some(OFFICE) && matches!(n.tag_name().name(), "annotation" | "forms"))
}

struct Reader {
    budget: RepeatBudget,
    /// Notes met in the text, read after the body.
    notes: Vec<String>,
    location: u32,
    deadline: budget::Deadline,
}

impl Reader {
    fn blocks(&mut self, container: Node<'_, '_>, depth: usize, out: &mut Vec<Block>) -> Result<(), ParseError> {
        if depth > MAX_NESTING {
            return Err(ParseError::LimitExceeded(format!("tables, lists or sections nested over {MAX_NESTING} deep")));
        }
        for n in container.children().filter(Node::is_element) {
            self.deadline.check()?;
            if is_left_out(n) {
                continue;
            }
            if is(n, TEXT, "p") || is(n, TEXT, "h") {
                self.location += 1;
                let mut text = self.paragraph(n);
                if text.trim().is_empty() {
                    continue;
                }
                let in_list = n.ancestors().skip(1).take_while(|a| !is(*a, OFFICE, "text")).any(|a| is(a, TEXT, "list-item"));
                let first_in_item = n.parent().is_some_and(|p| is(p, TEXT, "list-item")) && n.prev_sibling_element().is_none();
                if in_list && first_in_item {
                    text.insert_str(0, "• ");
                }
                let kind = if is(n, TEXT, "h") {
                    let level = number(n, TEXT, "outline-level").unwrap_or(1).clamp(1, 9) as u8;
                    BlockKind::Heading { level, text: text.replace('\t', " ") }
                } else if n.attribute((TEXT, "style-name")).is_some_and(|s| s == "Title") {
                    BlockKind::Heading { level: 1, text: text.replace('\t', " ") }
                } else {
                    BlockKind::Paragraph(text)
                };
                out.push(Block { location: self.location, kind });
            } else if is(n, TABLE, "table") {
                self.location += 1;
                if self.is_layout(n) {
                    for cell in rows(n).into_iter().flat_map(|(_, r)| r.children().filter(|c| is(*c, TABLE, "table-cell"))) {
                        self.blocks(cell, depth + 1, out)?;
                    }
                } else {
                    let location = self.location;
                    let t = self.table(n, location, depth)?;
                    if !t.rows.is_empty() {
                        out.push(Block { location, kind: BlockKind::Table(t) });
                    }
                }
            } else if is_container(n) {
                self.blocks(n, depth + 1, out)?;
            }
        }
        Ok(())
    }

    fn is_layout(&self, table: Node<'_, '_>) -> bool {
        let own = |t: Node<'_, '_>| rows(t).iter().map(|(_, r)| r.children().filter(|c| is(*c, TABLE, "table-cell")).count()).sum::<usize>();
        let nested = table.descendants().skip(1).filter(|d| is(*d, TABLE, "table")).map(own).max();
        grid::is_layout_table(own(table), nested)
    }

    fn table(&mut self, table: Node<'_, '_>, location: u32, depth: usize) -> Result<StructuredTable, ParseError> {
        let mut grid = GridBuilder::default();
        grid.start_group(None);
        for (header, tr) in rows(table) {
            self.deadline.check()?;
            let mut cells = Vec::new();
            for c in tr.children().filter(|c| is(*c, TABLE, "table-cell") || is(*c, TABLE, "covered-table-cell")) {
                let repeat = number(c, TABLE, "number-columns-repeated").unwrap_or(1).clamp(1, grid::MAX_COLUMNS);
                if is(c, TABLE, "covered-table-cell") {
                    continue;
                }
                let text = self.cell_text(c, depth + 1)?;
                let colspan = number(c, TABLE, "number-columns-spanned").unwrap_or(1);
                let rowspan = number(c, TABLE, "number-rows-spanned").unwrap_or(1).max(1);
                for _ in 0..repeat {
                    cells.push((text.clone(), colspan, rowspan));
                }
            }
            if cells.iter().all(|(t, _, _)| t.is_empty()) {
                // Empty rows (often repeated to the end of the page) hold nothing.
                continue;
            }
            let repeat = number(tr, TABLE, "number-rows-repeated").unwrap_or(1).clamp(1, MAX_REPEAT);
            for _ in 0..repeat {
                grid.start_row(location, header);
                for (text, colspan, rowspan) in &cells {
                    grid.cell(text.clone(), header, *colspan, *rowspan, &mut self.budget)?;
                }
                grid.end_row(&mut self.budget)?;
            }
        }
        grid.end_group();
        let mut rows = grid.finish();
        // Repeated empty cells pad rows out to the sheet's width: drop columns that are empty
        // all the way down.
        let width = rows.iter().map(|r| r.cells.iter().rposition(|c| !c.text.is_empty()).map_or(0, |i| i + 1)).max().unwrap_or(0);
        for r in &mut rows {
            r.cells.truncate(width);
        }
        Ok(StructuredTable { location, caption: None, rows })
    }

    /// A cell's (or header's) text: paragraphs as lines (tabs as spaces), list items "• ",
    /// a nested table a line per row.
    fn cell_text(&mut self, container: Node<'_, '_>, depth: usize) -> Result<String, ParseError> {
        if depth > MAX_NESTING {
            return Err(ParseError::LimitExceeded(format!("tables, lists or sections nested over {MAX_NESTING} deep")));
        }
        let mut lines: Vec<String> = Vec::new();
        for n in container.children().filter(Node::is_element) {
            if is_left_out(n) {
                continue;
            }
            if is(n, TEXT, "p") || is(n, TEXT, "h") {
                let bullet = n.parent().is_some_and(|p| is(p, TEXT, "list-item")) && n.prev_sibling_element().is_none();
                let text = self.paragraph(n);
                for (i, line) in text.split('\n').map(|l| l.replace('\t', " ")).filter(|l| !l.trim().is_empty()).enumerate() {
                    lines.push(if bullet && i == 0 { format!("• {line}") } else { line });
                }
            } else if is(n, TABLE, "table") {
                for (_, tr) in rows(n) {
                    let mut cells = Vec::new();
                    for tc in tr.children().filter(|c| is(*c, TABLE, "table-cell")) {
                        let t = self.cell_text(tc, depth + 1)?;
                        if !t.is_empty() {
                            cells.push(t.replace('\n', " "));
                        }
                    }
                    if !cells.is_empty() {
                        lines.push(cells.join(" "));
                    }
                }
            } else if is_container(n) {
                let t = self.cell_text(n, depth + 1)?;
                lines.extend(t.split('\n').map(str::to_string).filter(|l| !l.is_empty()));
            }
        }
        Ok(lines.join("\n"))
    }

    /// A paragraph's text: white space collapsed as ODF says, `text:s` spaces, tabs and line
    /// breaks kept, spans and links read through, notes set aside, text boxes as lines.
    fn paragraph(&mut self, p: Node<'_, '_>) -> String {
        let mut text = String::new();
        let mut notes = Vec::new();
        walk(p, |step| {
            let Step::Open(n) = step else { return true };
            if n.is_text() {
                let mut space = text.ends_with([' ', '\n', '\t']) || text.is_empty();
                for c in n.text().unwrap_or("").chars() {
                    if c.is_ascii_whitespace() {
                        if !space {
                            text.push(' ');
                            space = true;
                        }
                    } else {
                        text.push(c);
                        space = false;
                    }
                }
                return false;
            }
            if !n.is_element() {
                return false;
            }
            if is(n, TEXT, "note") {
                if let Some(body) = n.children().find(|c| is(*c, TEXT, "note-body")) {
                    let t: Vec<String> = body.descendants().filter(|d| is(*d, TEXT, "p")).map(|d| d.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect::<String>()).collect();
                    notes.push(t.join(" "));
                }
                return false;
            }
            if is_left_out(n) {
                return false;
            }
            if n.tag_name().namespace() == Some(TEXT) {
                match n.tag_name().name() {
                    "s" => {
                        let count = number(n, TEXT, "c").unwrap_or(1).min(100);
                        text.extend(std::iter::repeat_n(' ', count));
                        return false;
                    }
                    "tab" => {
                        text.push('\t');
                        return false;
                    }
                    "line-break" => {
                        text.push('\n');
                        return false;
                    }
                    // A paragraph of a text box inside this one starts a line.
                    "p" | "h" if n != p && !text.is_empty() && !text.ends_with('\n') => text.push('\n'),
                    _ => {}
                }
            }
            true
        });
        self.notes.extend(notes.into_iter().filter(|n| !n.trim().is_empty()));
        text.trim().to_string()
    }
}

/// A table's rows in order, through header rows, row groups and `table:table-rows`, with
/// whether each is a header row.
fn rows<'a, 'i>(table: Node<'a, 'i>) -> Vec<(bool, Node<'a, 'i>)> {
    let mut out = Vec::new();
    let mut stack: Vec<(bool, Node<'a, 'i>)> = vec![(false, table)];
    // Depth-first, children in order: push them reversed.
    let mut pending: Vec<(bool, Node<'a, 'i>)> = Vec::new();
    while let Some((header, n)) = stack.pop() {
        if is(n, TABLE, "table-row") {
            out.push((header, n));
            continue;
        }
        pending.clear();
        for c in n.children().filter(Node::is_element) {
            if is(c, TABLE, "table-row") {
                pending.push((header, c));
            } else if is(c, TABLE, "table-header-rows") {
                pending.push((true, c));
            } else if is(c, TABLE, "table-rows") || is(c, TABLE, "table-row-group") {
                pending.push((header, c));
            }
        }
        if stack.len() + pending.len() > 10_000 {
            break;
        }
        stack.extend(pending.drain(..).rev());
    }
    out
}

#[cfg(test)]
mod tests;
