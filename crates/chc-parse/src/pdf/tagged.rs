//! Tables from a tagged PDF's structure tree: Table → (THead/TBody/TFoot →) TR → TD/TH, each
//! cell's text gathered from the marked-content sequences (MCIDs) it owns, resolved to a
//! [`StructuredTable`] grid: TH cells (and rows under THead) are headers, a cell's
//! `ColSpan`/`RowSpan` table attributes mark the slots it covers.

use chc_model::{Covered, StructuredCell, StructuredRow, StructuredTable};
use super::deref;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

const MAX_DEPTH: usize = 64;
const MAX_ELEMENTS: usize = 500_000;

struct Ctx<'a> {
    doc: &'a Document,
    role_map: Option<&'a Dictionary>,
    page_numbers: HashMap<ObjectId, u32>,
    texts: HashMap<u32, &'a HashMap<i64, String>>,
    visited: HashSet<ObjectId>,
    seen: usize,
    /// The alternate text of elements outside the tables (a logo's "Fenmoor Homes logo").
    alt_texts: Vec<String>,
}

/// At most this many alternate texts are kept: a logo's is among the first.
const MAX_ALT_TEXTS: usize = 16;

/// The tables of the structure tree, and the alternate text of its other elements (a
/// figure's: the only place a logo's name is text).
pub(crate) fn tables(
    doc: &Document,
    pages: &[(u32, ObjectId)],
    mcid_texts: &[(u32, HashMap<i64, String>)],
) -> (Vec<StructuredTable>, Vec<String>) {
    let Ok(catalog) = doc.catalog() else { return (Vec::new(), Vec::new()) };
    let Some(root) = catalog.get(b"StructTreeRoot").ok().and_then(|o| deref(doc, o).as_dict().ok()) else {
        return (Vec::new(), Vec::new());
    };
    let role_map = root.get(b"RoleMap").ok().and_then(|o| deref(doc, o).as_dict().ok());
    let mut ctx = Ctx {
        doc,
        role_map,
        page_numbers: pages.iter().map(|(n, id)| (*id, *n)).collect(),
        texts: mcid_texts.iter().map(|(n, m)| (*n, m)).collect(),
        visited: HashSet::new(),
        seen: 0,
        alt_texts: Vec::new(),
    };
    let mut out = Vec::new();
    if let Ok(k) = root.get(b"K") {
        find_tables(&mut ctx, k, None, 0, &mut out);
    }
    out.retain(|t: &StructuredTable| !t.rows.is_empty());
    (out, ctx.alt_texts)
}

/// One cell as the tree gives it, before spans are laid out on the grid.
struct TreeCell {
    text: String,
    header: bool,
    col_span: usize,
    row_span: usize,
}

/// Most columns or rows one cell may span (a damaged attribute could claim millions).
const MAX_SPAN: usize = 200;

/// `ColSpan`/`RowSpan` from the element's `/A` attributes (a dictionary, or an array of
/// dictionaries and revision numbers) owned by `/Table`.
fn span(ctx: &Ctx, elem: &Dictionary, key: &[u8]) -> usize {
    let Ok(a) = elem.get(b"A") else { return 1 };
    let dicts: Vec<&Dictionary> = match deref(ctx.doc, a) {
        Object::Dictionary(d) => vec![d],
        Object::Array(items) => items.iter().filter_map(|o| deref(ctx.doc, o).as_dict().ok()).collect(),
        _ => Vec::new(),
    };
    dicts
        .into_iter()
        .filter_map(|d| d.get(key).ok().and_then(|v| deref(ctx.doc, v).as_i64().ok()))
        .next()
        .map_or(1, |n| (n.max(1) as usize).min(MAX_SPAN))
}

/// Lay rows of tree cells out on a grid: a cell spanning rows covers the slots below it, a
/// cell spanning columns the slots to its right; covered slots repeat the cell's text.
fn to_grid(page: u32, rows: Vec<(bool, Vec<TreeCell>)>) -> StructuredTable {
    // Per grid column: (rows still covered from above, text, header).
    let mut from_above: Vec<(usize, String, bool)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (row_header, cells) in rows {
        let mut slots: Vec<StructuredCell> = Vec::new();
        let mut cells = cells.into_iter();
        let mut col = 0;
        loop {
            if let Some((left, text, header)) = from_above.get_mut(col).filter(|c| c.0 > 0) {
                *left -= 1;
                slots.push(StructuredCell { text: text.clone(), header: *header, covered: Covered::FromAbove });
                col += 1;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            for k in 0..cell.col_span {
                if from_above.len() <= col + k {
                    from_above.resize(col + k + 1, (0, String::new(), false));
                }
                from_above[col + k] = (cell.row_span - 1, cell.text.clone(), cell.header);
                let covered = if k == 0 { Covered::No } else { Covered::FromLeft };
                slots.push(StructuredCell { text: cell.text.clone(), header: cell.header, covered });
            }
            col += cell.col_span;
        }
        let header = row_header || (!slots.is_empty() && slots.iter().all(|c| c.header));
        out.push(StructuredRow { location: page, header, cells: slots });
    }
    StructuredTable { location: page, caption: None, rows: out }
}


/// The element's kind after the role map (custom names mapped to standard ones).
fn kind(ctx: &Ctx, elem: &Dictionary) -> Vec<u8> {
    let mut name = elem.get(b"S").and_then(Object::as_name).map(|n| n.to_vec()).unwrap_or_default();
    if let Some(rm) = ctx.role_map {
        for _ in 0..8 {
            match rm.get(&name).ok().map(|o| deref(ctx.doc, o)).and_then(|o| o.as_name().ok()) {
                Some(n) if n != name.as_slice() => name = n.to_vec(),
                _ => break,
            }
        }
    }
    name
}

fn page_of(ctx: &Ctx, dict: &Dictionary, inherited: Option<u32>) -> Option<u32> {
    dict.get(b"Pg")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| ctx.page_numbers.get(&id).copied())
        .or(inherited)
}

/// Iterate the kids of `k` (an array, a single object, or a reference to either).
fn kids<'a>(doc: &'a Document, k: &'a Object) -> Vec<(Option<ObjectId>, &'a Object)> {
    let (id, obj) = match k {
        Object::Reference(id) => (Some(*id), deref(doc, k)),
        o => (None, o),
    };
    match obj {
        Object::Array(items) => items
            .iter()
            .map(|it| match it {
                Object::Reference(id) => (Some(*id), deref(doc, it)),
                o => (None, o),
            })
            .collect(),
        o => vec![(id, o)],
    }
}

fn enter(ctx: &mut Ctx, id: Option<ObjectId>) -> bool {
    ctx.seen += 1;
    if ctx.seen > MAX_ELEMENTS {
        return false;
    }
    match id {
        Some(id) => ctx.visited.insert(id),
        None => true,
    }
}

fn find_tables(ctx: &mut Ctx, k: &Object, page: Option<u32>, depth: usize, out: &mut Vec<StructuredTable>) {
    if depth > MAX_DEPTH {
        return;
    }
    for (id, obj) in kids(ctx.doc, k) {
        let Object::Dictionary(elem) = obj else { continue };
        if !elem.has(b"S") || !enter(ctx, id) {
            continue;
        }
        let pg = page_of(ctx, elem, page);
        if ctx.alt_texts.len() < MAX_ALT_TEXTS {
            let alt = elem.get(b"Alt").ok().and_then(|o| super::fields::text_string(deref(ctx.doc, o)));
            if let Some(alt) = alt.map(|a| a.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|a| !a.is_empty()) {
                ctx.alt_texts.push(chc_model::furniture_line(&alt).to_string());
            }
        }
        if kind(ctx, elem) == b"Table" {
            let mut rows = Vec::new();
            let mut first_page = None;
            collect_rows(ctx, elem, pg, depth + 1, false, &mut rows, &mut first_page);
            out.push(to_grid(first_page.or(pg).unwrap_or(1), rows));
        } else if let Ok(k) = elem.get(b"K") {
            find_tables(ctx, k, pg, depth + 1, out);
        }
    }
}

fn collect_rows(
    ctx: &mut Ctx,
    elem: &Dictionary,
    page: Option<u32>,
    depth: usize,
    in_head: bool,
    rows: &mut Vec<(bool, Vec<TreeCell>)>,
    first_page: &mut Option<u32>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(k) = elem.get(b"K") else { return };
    for (id, obj) in kids(ctx.doc, k) {
        let Object::Dictionary(child) = obj else { continue };
        if !child.has(b"S") || !enter(ctx, id) {
            continue;
        }
        let pg = page_of(ctx, child, page);
        match kind(ctx, child).as_slice() {
            b"TR" => {
                let mut cells = Vec::new();
                if let Ok(ck) = child.get(b"K") {
                    for (cid, cobj) in kids(ctx.doc, ck) {
                        let Object::Dictionary(cell) = cobj else { continue };
                        if !cell.has(b"S") || !enter(ctx, cid) {
                            continue;
                        }
                        let cpg = page_of(ctx, cell, pg);
                        let cell_kind = kind(ctx, cell);
                        if matches!(cell_kind.as_slice(), b"TD" | b"TH") {
                            let mut parts = Vec::new();
                            cell_text(ctx, cell, cpg, depth + 1, &mut parts, first_page);
                            cells.push(TreeCell {
                                text: parts.join("\n"),
                                header: cell_kind == b"TH",
                                col_span: span(ctx, cell, b"ColSpan"),
                                row_span: span(ctx, cell, b"RowSpan"),
                            });
                        }
                    }
                }
                rows.push((in_head, cells));
            }
            b"Table" => {} // a nested table belongs to its cell, not to this table's rows
            b"THead" => collect_rows(ctx, child, pg, depth + 1, true, rows, first_page),
            _ => collect_rows(ctx, child, pg, depth + 1, in_head, rows, first_page),
        }
    }
}

/// Text of an element: each child element's text is its own line; MCIDs directly under one
/// element (a paragraph broken by a page break) are joined with a space.
fn cell_text(ctx: &mut Ctx, elem: &Dictionary, page: Option<u32>, depth: usize, parts: &mut Vec<String>, first_page: &mut Option<u32>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(k) = elem.get(b"K") else { return };
    let mut own = String::new();
    for (id, obj) in kids(ctx.doc, k) {
        let (mcid, pg) = match obj {
            Object::Integer(i) => (Some(*i), page),
            Object::Dictionary(d) if d.has(b"S") => {
                if !own.is_empty() {
                    parts.push(std::mem::take(&mut own));
                }
                if enter(ctx, id) {
                    let pg = page_of(ctx, d, page);
                    cell_text(ctx, d, pg, depth + 1, parts, first_page);
                }
                continue;
            }
            Object::Dictionary(d) => (d.get(b"MCID").ok().and_then(|m| m.as_i64().ok()), page_of(ctx, d, page)),
            _ => (None, page),
        };
        let (Some(mcid), Some(pg)) = (mcid, pg) else { continue };
        if first_page.is_none() {
            *first_page = Some(pg);
        }
        if let Some(t) = ctx.texts.get(&pg).and_then(|m| m.get(&mcid)) {
            super::glyphs::join_line(&mut own, t.trim());
        }
    }
    if !own.is_empty() {
        parts.push(own);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str, header: bool, col_span: usize, row_span: usize) -> TreeCell {
        TreeCell { text: text.into(), header, col_span, row_span }
    }

    #[test]
    fn spans_and_headers_resolve_to_a_grid() {
        let t = to_grid(
            3,
            vec![
                (false, vec![c("Provision", true, 1, 1), c("Requirement", true, 1, 1), c("Comply", true, 1, 1)]),
                (false, vec![c("Section 1: Definition", false, 3, 1)]),
                (false, vec![c("1.2", false, 1, 2), c("A complaint", false, 1, 1), c("Yes", false, 1, 1)]),
                (false, vec![c("continued", false, 1, 1), c("", false, 1, 1)]),
            ],
        );
        assert_eq!(t.location, 3);
        assert!(t.rows[0].header && !t.rows[2].header);
        let covered: Vec<Vec<Covered>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.covered).collect()).collect();
        assert_eq!(covered[1], [Covered::No, Covered::FromLeft, Covered::FromLeft]);
        assert_eq!(covered[3], [Covered::FromAbove, Covered::No, Covered::No]);
        assert_eq!(t.rows[3].cells[1].text, "continued");
    }

    #[test]
    fn a_figures_alternate_text_is_kept() {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.7");
        let figure = doc.add_object(dictionary! { "S" => "Figure", "Alt" => Object::string_literal("Fenmoor Homes logo") });
        let root = doc.add_object(dictionary! { "Type" => "StructTreeRoot", "K" => vec![Object::Reference(figure)] });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "StructTreeRoot" => root });
        doc.trailer.set("Root", catalog);
        let (tables, alts) = tables(&doc, &[], &[]);
        assert!(tables.is_empty());
        assert_eq!(alts, ["Fenmoor Homes logo"]);
    }
}
