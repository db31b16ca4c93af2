//! Table reconstruction: from parsed pages to the form's provision rows.
//!
//! Every source shape (tabbed text, pipes, vertical text, run-together web text, PDF
//! geometry) is brought to [`GridLine`]s or read straight into records; one assembler
//! then handles headers, page-break continuations, shifted cells and headings, so a
//! quirk fixed once is fixed for every format.

mod assemble;
pub mod geometry;
pub mod header;
pub mod lines;
mod records;
pub mod structured;
pub mod text_layout;

#[cfg(test)]
mod layout_tests;
#[cfg(test)]
mod quirk_tests;

use assemble::Assembler;
use chc_code::Registry;
use chc_model::{LayoutKind, PageContent, ParsedDocument, TableDocument, TextLine, Warning};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One line of the form as cells, whatever the source: a tab-separated text line, or a
/// PDF row whose glyphs were assigned to columns by geometry. A line with one cell is
/// plain text (a heading, a paragraph); a line whose cells are all empty is a blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GridLine {
    /// 1-based page (PDF) or line (text).
    pub location: u32,
    pub cells: Vec<String>,
    /// True for the first line of a new PDF page: a row that continues across the break
    /// may follow. Text input never knows, and relies on repeated headers instead.
    pub page_break_before: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("no self-assessment table found (no header row and no numbered provision rows); is this a Complaint Handling Code form?")]
    NotAForm,
}

impl TableError {
    pub fn kind(&self) -> &'static str {
        match self {
            TableError::NotAForm => "not_a_form",
        }
    }
}

/// The blocks of a structured source (HTML, DOCX, ODT), which is one page.
fn structured_blocks(doc: &ParsedDocument) -> Option<&[chc_model::Block]> {
    match doc.pages.as_slice() {
        [chc_model::Page { content: PageContent::Structured(blocks), .. }] => Some(blocks),
        _ => None,
    }
}

fn numbered(asm: &Assembler) -> std::collections::BTreeSet<String> {
    asm.records.iter().filter_map(|r| r.record.number.clone()).collect()
}

/// A tagged PDF's structure tree (Table/TR/TD) is the author's own table. Geometry is used
/// while the two agree; when the tree holds provision rows that geometry missed, the rows
/// come from the tree instead (with the page text before the table kept as context).
fn prefer_structure_tree<'r>(doc: &ParsedDocument, grid: &[GridLine], geometric: &Assembler<'r>, registry: &'r Registry) -> Option<Assembler<'r>> {
    if doc.tagged_tables.is_empty() {
        return None;
    }
    let first_table_line = grid.iter().position(|g| g.cells.iter().filter(|c| !c.trim().is_empty()).count() > 1).unwrap_or(grid.len());
    let mut lines: Vec<GridLine> = grid[..first_table_line].to_vec();
    let mut last_page = 0;
    for t in &doc.tagged_tables {
        // The same table-to-grid reading as HTML and DOCX tables.
        let first = lines.len();
        structured::table_lines(t, &mut lines);
        if let Some(l) = lines.get_mut(first) {
            l.page_break_before = t.location != last_page;
        }
        last_page = t.location;
    }
    let mut tagged = Assembler::new(registry);
    tagged.grid(&lines);
    let (from_tree, from_geometry) = (numbered(&tagged), numbered(geometric));
    let missed_by_geometry = from_tree.difference(&from_geometry).count();
    if missed_by_geometry >= 2 && from_tree.len() > from_geometry.len() {
        tagged.warnings.push(Warning::new(
            "structure_tree_used",
            format!("the PDF's structure tree holds {missed_by_geometry} provision rows the page layout did not show; rows taken from the tree"),
        ));
        Some(tagged)
    } else {
        None
    }
}

/// Each provision a row answers together with its own ("5.4 & 5.5") as a row of its own,
/// with the same cells, right after it.
fn with_joint_rows(records: impl Iterator<Item = chc_model::RawRecord>) -> Vec<chc_model::RawRecord> {
    let mut out = Vec::new();
    for mut r in records {
        let also = std::mem::take(&mut r.answers_also);
        let first = r.number.clone().unwrap_or_default();
        out.push(r);
        for number in also {
            let mut joint = out.last().expect("pushed").clone();
            joint.number = Some(number);
            joint.warnings.push(Warning::new("joint_row", format!("answered together with {first} in one row")));
            out.push(joint);
        }
    }
    out
}

/// Rebuild the form's table. `registry` supplies the Code's wording where layout alone
/// cannot tell where a cell ends (run-together text, numbers printed on a later line).
pub fn reconstruct(doc: &ParsedDocument, registry: &Registry) -> Result<TableDocument, TableError> {
    let mut asm = Assembler::new(registry);
    // Text and DOCX are one page of lines: borrowed, not copied.
    let text_lines: Cow<[TextLine]> = match doc.pages.as_slice() {
        [chc_model::Page { content: PageContent::Lines(l), .. }] => Cow::Borrowed(l),
        pages => Cow::Owned(
            pages
                .iter()
                .flat_map(|p| match &p.content {
                    PageContent::Lines(l) => l.clone(),
                    // A structured source is one page, read from its blocks below.
                    PageContent::Structured(_) | PageContent::Positioned { .. } => Vec::new(),
                })
                .collect(),
        ),
    };
    // Running headers and footers found in a text's lines, kept for the document's fields.
    let mut running_furniture: Vec<String> = Vec::new();
    let layout = if doc.pages.iter().any(|p| matches!(p.content, PageContent::Positioned { .. })) {
        let pdf = geometry::PdfRead::of(doc);
        asm.grid(&pdf.grid);
        for text in &pdf.running_text {
            asm.furniture(0, text);
        }
        let ruled = doc.pages.iter().any(|p| matches!(&p.content, PageContent::Positioned { rules, .. } if rules.len() >= 4));
        let geometric = if ruled { LayoutKind::PdfRuled } else { LayoutKind::PdfUnruled };
        let layout = match prefer_structure_tree(doc, &pdf.grid, &asm, registry) {
            Some(tagged) => {
                asm = tagged;
                LayoutKind::PdfTagged
            }
            None => geometric,
        };
        // No table in the page geometry (numbered paragraphs, answers at a line's end, a
        // header no column words name): the PDF's lines of text, read as a text document is.
        if asm.records.is_empty() {
            let text = ParsedDocument {
                source: doc.source.clone(),
                pages: vec![chc_model::Page { number: 1, width: 0.0, height: 0.0, content: PageContent::Lines(pdf.text_lines(doc)) }],
                tagged_tables: Vec::new(),
                furniture: doc.furniture.iter().chain(&pdf.running_text).cloned().collect(),
                warnings: doc.warnings.clone(),
            };
            if let Ok(mut table) = reconstruct(&text, registry) {
                table.warnings.push(Warning::new("pdf_read_as_text", "no table in the page layout; the PDF's lines were read as text"));
                return Ok(table);
            }
        }
        layout
    } else if let Some(blocks) = structured_blocks(doc) {
        asm.structured = true;
        let terms = structured::record_tables_as_terms(blocks);
        let blocks = terms.as_deref().unwrap_or(blocks);
        let grid = structured::tables_to_grid(blocks);
        if let Some(grid) = &grid {
            asm.grid(grid);
        }
        match grid {
            Some(_) if !asm.records.is_empty() => LayoutKind::HtmlTable,
            // A form laid out without a table: the record reader, on the blocks as they are;
            // so too where the tables hold no row (a document-control table beside the form).
            found => {
                if found.is_some() {
                    asm = Assembler::new(registry);
                    asm.structured = true;
                }
                records::read_blocks(blocks, &mut asm);
                LayoutKind::Vertical
            }
        }
    } else {
        // Running headers and footers a PDF-to-text tool left between the pages: furniture.
        let text_lines = match lines::running_page_lines(&text_lines) {
            Some((kept, running)) => {
                running_furniture = running;
                Cow::Owned(kept)
            }
            None => text_lines,
        };
        // A provision's number a narrow column split over two lines.
        let text_lines = lines::numbers_joined(&text_lines).map_or(text_lines, Cow::Owned);
        let layout = text_layout::detect_layout(&text_lines);
        match layout {
            LayoutKind::Tabbed => {
                asm.grid(&text_layout::tabbed_grid(&text_lines));
                asm.resolve_dropped_columns();
            }
            LayoutKind::Delimited => asm.grid(&text_layout::delimited_grid(&text_lines)),
            LayoutKind::SpaceAligned => asm.grid(&text_layout::space_aligned_grid(&text_lines)),
            LayoutKind::Vertical | LayoutKind::RunTogether => records::read_records(&text_lines, &mut asm),
            _ => {}
        }
        // Cells that looked like a grid and gave no row (a questionnaire whose only tabs are
        // its Yes/No tick columns): one record per provision or question instead.
        // So too a header without a comply column whose rows answered nowhere.
        let unanswered = asm.answers_inside_cells && !asm.records.iter().any(|r| r.has_comply());
        if (asm.records.is_empty() || unanswered) && matches!(layout, LayoutKind::Tabbed | LayoutKind::Delimited | LayoutKind::SpaceAligned) {
            asm = Assembler::new(registry);
            records::read_records(&text_lines, &mut asm);
            if !asm.records.is_empty() {
                asm.warnings.push(Warning::new("layout_fallback", format!("the text looked like a {layout:?} table but gave no row; read as one record per provision")));
                LayoutKind::Vertical
            } else {
                layout
            }
        } else {
            layout
        }
    };
    if asm.records.is_empty() {
        return Err(TableError::NotAForm);
    }
    // Parse-stage warnings (encoding, unreadable pages, cut lines) travel with the table.
    let mut warnings = doc.warnings.clone();
    warnings.append(&mut asm.warnings);
    if asm.header_variants.len() > 1 {
        warnings.push(Warning::new(
            "header_variants",
            format!("the header is printed in {} spellings; columns were mapped by meaning", asm.header_variants.len()),
        ));
    }
    let roles = asm.roles.clone().unwrap_or_default();
    for line in doc.furniture.iter().chain(&running_furniture) {
        asm.furniture(0, line);
    }
    Ok(TableDocument {
        source: doc.source.clone(),
        layout,
        columns: asm.columns,
        roles,
        records: with_joint_rows(asm.records.into_iter().map(|r| r.record)),
        context: asm.context,
        front_matter_lines: asm.front_matter_lines,
        furniture: asm.furniture,
        warnings,
    })
}
