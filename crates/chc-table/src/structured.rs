//! Sources with real structure (HTML, DOCX, ODT): the author's tables become
//! [`GridLine`]s for the shared assembler cell for cell, never re-split from text; the
//! text between tables is context. A document whose form is not a table at all (an
//! accordion per provision, "Label: value" paragraphs, `<dl>` pairs) is read by the record
//! reader (`records.rs`) from its blocks, headings and terms kept as what they are.

use crate::GridLine;
use chc_model::{Block, BlockKind, Covered, StructuredTable};

/// The grid lines of every table, with each non-table block as a one-cell line. `None` when
/// the document holds no table with at least two columns: then it is not laid out as a table.
pub fn tables_to_grid(blocks: &[Block]) -> Option<Vec<GridLine>> {
    if !blocks.iter().any(|b| matches!(&b.kind, BlockKind::Table(t) if is_real_table(t))) {
        return None;
    }
    let mut out = Vec::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Table(t) if is_real_table(t) => table_lines(t, &mut out),
            BlockKind::Table(t) => {
                // A one-column table is a layout box: its cells are text.
                for row in &t.rows {
                    for cell in row.cells.iter().filter(|c| c.covered == Covered::No) {
                        push_text(&mut out, row.location, &cell.text);
                    }
                }
            }
            kind => push_text(&mut out, b.location, kind.text().unwrap_or_default()),
        }
    }
    Some(out)
}

/// Tables that are one record each (a two-column table per provision: "Provision | 7.1",
/// "What the Code says | …", "Compliant | Yes", "Evidence | …") become their labels and
/// values, [`BlockKind::Term`] then [`BlockKind::Definition`], as a `<dl>` gives them: the
/// record reader reads them, not the grid. `None` when no table is such a record.
pub fn record_tables_as_terms(blocks: &[Block]) -> Option<Vec<Block>> {
    let mut out = Vec::new();
    let mut any = false;
    for b in blocks {
        // The heading or paragraph right before a table, which may be its requirement.
        let wording_before = out.last().and_then(|p: &Block| match &p.kind {
            BlockKind::Heading { text, .. } if text.split_whitespace().count() >= 6 => Some(text.clone()),
            _ => None,
        });
        let shape = match &b.kind {
            BlockKind::Table(t) => record_table(t, wording_before.is_some()).map(|shape| (t, shape)),
            _ => None,
        };
        match shape {
            Some((t, shape)) => {
                any = true;
                match (requirement_caption(t), shape) {
                    // The caption is the record's requirement where no row holds it; else the
                    // heading above the table ("<h4>Landlords must …</h4>" then the table).
                    (caption, RecordTable::CaptionedAnswers | RecordTable::CaptionedRow) => {
                        let requirement = match caption {
                            Some(c) => c.clone(),
                            None => {
                                out.pop();
                                wording_before.clone().expect("checked")
                            }
                        };
                        out.push(Block { location: t.location, kind: BlockKind::Term("Requirement".into()) });
                        out.push(Block { location: t.location, kind: BlockKind::Definition(requirement) });
                    }
                    (Some(caption), _) => out.push(Block { location: t.location, kind: BlockKind::Paragraph(caption.clone()) }),
                    (None, _) => {}
                }
                // A header and one row under the caption: each column's name labels its cell.
                if shape == RecordTable::CaptionedRow {
                    for (label, value) in t.rows[0].cells.iter().zip(&t.rows[1].cells) {
                        out.push(Block { location: t.rows[1].location, kind: BlockKind::Term(label.text.clone()) });
                        out.push(Block { location: t.rows[1].location, kind: BlockKind::Definition(value.text.clone()) });
                    }
                    continue;
                }
                // One record per column after the labels (one column: a table per provision;
                // more: a table turned on its side, a provision per column).
                let width = t.rows[0].cells.len();
                for column in 1..width {
                    for row in &t.rows {
                        let (label, value) = (&row.cells[0], &row.cells[column]);
                        out.push(Block { location: row.location, kind: BlockKind::Term(label.text.clone()) });
                        out.push(Block { location: row.location, kind: BlockKind::Definition(value.text.clone()) });
                    }
                }
            }
            None => out.push(b.clone()),
        }
    }
    any.then_some(out)
}

/// A table's caption long enough to be a provision's wording.
fn requirement_caption(t: &StructuredTable) -> Option<&String> {
    t.caption.as_ref().filter(|c| c.split_whitespace().count() >= 6)
}

/// How a table whose first column names cells holds its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordTable {
    /// Labels then one value column per record: the answer's, and the provision's or the
    /// requirement's, among three or more labels.
    Labelled,
    /// Two columns whose labels name the answer and the evidence, the requirement being the
    /// table's caption ("<caption>Landlords must …</caption>", "Do we comply? | Yes").
    CaptionedAnswers,
    /// A header naming the answer and the evidence over one row, the requirement being the
    /// table's caption: a table per provision.
    CaptionedRow,
}

/// Whether the first column of `t` names cells (every row as wide, two columns or more), and
/// how its records are held; `None` for a table of rows.
fn record_table(t: &StructuredTable, wording_before: bool) -> Option<RecordTable> {
    use chc_model::ColumnRole;
    let width = t.rows.first()?.cells.len();
    if t.rows.len() < 2 || width < 2 || t.rows.iter().any(|r| r.cells.len() != width) {
        return None;
    }
    // (Its requirement the caption, or the heading right before it.)
    let has_caption = requirement_caption(t).is_some();
    if (has_caption || wording_before) && t.rows.len() == 2 && width <= 4 {
        let header: Vec<ColumnRole> = t.rows[0].cells.iter().map(|c| crate::header::column_role(&c.text)).collect();
        let names = |r: ColumnRole| header.contains(&r);
        if names(ColumnRole::Comply) && (names(ColumnRole::Evidence) || names(ColumnRole::EvidenceCommentary)) && !names(ColumnRole::Requirement) && !names(ColumnRole::Provision) {
            return Some(RecordTable::CaptionedRow);
        }
    }
    let roles: Vec<ColumnRole> = t.rows.iter().map(|r| crate::header::column_role(&r.cells[0].text)).collect();
    let named = roles.iter().filter(|r| **r != ColumnRole::Other).count();
    let has = |r: ColumnRole| roles.contains(&r);
    // (A table of three columns or more is on its side only where a row labelled as the
    // provisions' holds a provision number in every other column: a table of rows can name
    // cells down its first column too.)
    let sideways = || {
        t.rows.iter().zip(&roles).any(|(r, role)| *role == ColumnRole::Provision && r.cells[1..].iter().all(|c| crate::lines::provision_number_cell(&c.text).is_some()))
            && crate::header::classify_header(&t.rows[0].cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()).is_none()
    };
    if t.rows.len() >= 3 && named >= 3 && has(ColumnRole::Comply) && (has(ColumnRole::Provision) || has(ColumnRole::Requirement)) && (width == 2 || sideways()) {
        return Some(RecordTable::Labelled);
    }
    let captioned = has_caption && width == 2 && !has(ColumnRole::Requirement);
    (captioned && named >= 2 && has(ColumnRole::Comply) && (has(ColumnRole::Evidence) || has(ColumnRole::EvidenceCommentary))).then_some(RecordTable::CaptionedAnswers)
}

fn is_real_table(t: &StructuredTable) -> bool {
    t.rows.iter().any(|r| r.cells.iter().filter(|c| c.covered == Covered::No && !c.text.trim().is_empty()).count() >= 2)
}

fn push_text(out: &mut Vec<GridLine>, location: u32, text: &str) {
    for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
        out.push(GridLine { location, cells: vec![line.to_string()], page_break_before: false });
    }
}

/// A table's rows as grid lines. A cell merged across its row leaves the slots it covers
/// empty, so a title row spanning the table reads as one-cell text (a heading); a cell
/// merged down repeats in each row it covers. A leading
/// column merged down the rows ("Section" with `rowspan`) labels the rows beside it: its
/// text is printed once, as a heading line, and the column is left out of the rows.
/// Also reads a tagged PDF's structure-tree tables.
pub fn table_lines(t: &StructuredTable, out: &mut Vec<GridLine>) {
    if let Some(caption) = &t.caption {
        push_text(out, t.location, caption);
    }
    let label_columns = leading_label_columns(t);
    for row in &t.rows {
        let mut cells = Vec::with_capacity(row.cells.len());
        for (i, cell) in row.cells.iter().enumerate() {
            if i < label_columns {
                if cell.covered == Covered::No && !cell.text.trim().is_empty() {
                    push_text(out, row.location, &cell.text);
                }
                continue;
            }
            cells.push(match cell.covered {
                // A cell merged down over several provision rows (one comply value or one
                // piece of evidence for all of them) belongs to each of those rows.
                Covered::No | Covered::FromAbove => cell.text.replace(['\t', '\r'], " "),
                Covered::FromLeft => String::new(),
            });
        }
        if cells.iter().any(|c| !c.trim().is_empty()) {
            out.push(GridLine { location: row.location, cells, page_break_before: false });
        }
    }
}

/// How many leading columns are labels merged down over several rows (a "Section" column
/// with `rowspan`): in at least a third of the rows below the first, the slot is covered
/// from above.
fn leading_label_columns(t: &StructuredTable) -> usize {
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let body = t.rows.len().saturating_sub(1).max(1);
    let mut n = 0;
    while n + 2 < width {
        let covered = t.rows.iter().skip(1).filter(|r| r.cells.get(n).is_some_and(|c| c.covered == Covered::FromAbove)).count();
        if covered * 3 < body {
            break;
        }
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use chc_model::{StructuredCell, StructuredRow};

    fn cell(text: &str, covered: Covered) -> StructuredCell {
        StructuredCell { text: text.into(), header: false, covered }
    }

    fn row(location: u32, cells: Vec<StructuredCell>) -> StructuredRow {
        StructuredRow { location, header: false, cells }
    }

    #[test]
    fn a_section_column_merged_down_becomes_a_heading_and_a_title_across_stays_one_cell() {
        use Covered::*;
        let t = StructuredTable {
            location: 1,
            caption: None,
            rows: vec![
                row(1, vec![cell("Section", No), cell("Provision", No), cell("Requirement", No), cell("Comply", No)]),
                row(2, vec![cell("Section 1: Definition", No), cell("1.2", No), cell("A complaint…", No), cell("Yes", No)]),
                row(3, vec![cell("Section 1: Definition", FromAbove), cell("1.3", No), cell("The resident…", No), cell("No", No)]),
                row(4, vec![cell("Stage 1", No), cell("Stage 1", FromLeft), cell("Stage 1", FromLeft), cell("Stage 1", FromLeft)]),
                row(5, vec![cell("Section 2: Exclusions", No), cell("2.1", No), cell("Before accepting…", No), cell("Yes", No)]),
                row(6, vec![cell("Section 2: Exclusions", FromAbove), cell("2.2", No), cell("Where a landlord…", No), cell("Yes", No)]),
            ],
        };
        let mut out = Vec::new();
        table_lines(&t, &mut out);
        let cells: Vec<Vec<&str>> = out.iter().map(|g| g.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(cells[0], vec!["Section"]);
        assert_eq!(cells[1], vec!["Provision", "Requirement", "Comply"]);
        assert_eq!(cells[2], vec!["Section 1: Definition"]);
        assert_eq!(cells[3], vec!["1.2", "A complaint…", "Yes"]);
        assert_eq!(cells[4], vec!["1.3", "The resident…", "No"]);
        assert_eq!(cells[5], vec!["Stage 1"]);
    }

    #[test]
    fn a_cell_merged_down_over_provision_rows_belongs_to_each() {
        use Covered::*;
        let t = StructuredTable {
            location: 1,
            caption: None,
            rows: vec![
                row(1, vec![cell("Provision", No), cell("Requirement", No), cell("Comply", No), cell("Evidence", No)]),
                row(2, vec![cell("6.3", No), cell("Stage 1 within 10 days", No), cell("Yes", No), cell("Complaints policy 5.2", No)]),
                row(3, vec![cell("6.4", No), cell("Extensions", No), cell("Yes", FromAbove), cell("Complaints policy 5.2", FromAbove)]),
            ],
        };
        let mut out = Vec::new();
        table_lines(&t, &mut out);
        assert_eq!(out[2].cells, vec!["6.4", "Extensions", "Yes", "Complaints policy 5.2"]);
    }

    #[test]
    fn a_two_column_table_per_provision_is_a_record_of_labels_and_values() {
        use Covered::*;
        let record = |number: &str, answer: &str| StructuredTable {
            location: 1,
            caption: None,
            rows: vec![
                row(1, vec![cell("Provision", No), cell(number, No)]),
                row(2, vec![cell("What the Code says", No), cell("Landlords must …", No)]),
                row(3, vec![cell("Compliant", No), cell(answer, No)]),
                row(4, vec![cell("Evidence", No), cell("Policy 2.", No)]),
            ],
        };
        let blocks = vec![Block { location: 1, kind: BlockKind::Table(record("7.1", "Yes")) }, Block { location: 5, kind: BlockKind::Table(record("7.2", "No")) }];
        let terms = record_tables_as_terms(&blocks).expect("record tables");
        let texts: Vec<String> = terms.iter().map(|b| format!("{:?}", b.kind)).collect();
        assert_eq!(texts.len(), 16);
        assert_eq!(texts[0], r#"Term("Provision")"#);
        assert_eq!(texts[1], r#"Definition("7.1")"#);
        assert_eq!(texts[13], r#"Definition("No")"#);
        // A two-column table of something else stays a table.
        let other = StructuredTable { location: 1, caption: None, rows: vec![row(1, vec![cell("Name", No), cell("Role", No)]), row(2, vec![cell("A", No), cell("B", No)]), row(3, vec![cell("C", No), cell("D", No)])] };
        assert!(record_tables_as_terms(&[Block { location: 1, kind: BlockKind::Table(other) }]).is_none());
    }

    #[test]
    fn a_table_on_its_side_and_tables_under_their_requirement_are_records() {
        use Covered::*;
        let show = |blocks: &[Block]| record_tables_as_terms(blocks).map(|terms| terms.iter().map(|b| format!("{:?}", b.kind)).collect::<Vec<_>>());
        // Provisions as columns: a record per column.
        let sideways = StructuredTable {
            location: 1,
            caption: None,
            rows: vec![
                row(1, vec![cell("Provision", No), cell("1.2", No), cell("1.3", No)]),
                row(2, vec![cell("Requirement", No), cell("A complaint …", No), cell("A resident …", No)]),
                row(3, vec![cell("Do we comply?", No), cell("Yes", No), cell("No", No)]),
                row(4, vec![cell("Evidence", No), cell("Policy 2.", No), cell("Policy 3.", No)]),
            ],
        };
        let terms = show(&[Block { location: 1, kind: BlockKind::Table(sideways) }]).expect("records");
        assert_eq!(terms.len(), 16);
        assert_eq!(terms[9], r#"Definition("1.3")"#);
        assert_eq!(terms[13], r#"Definition("No")"#);
        // A header and one row, the requirement its caption or the heading above it.
        let answers = |caption: Option<&str>| StructuredTable {
            location: 2,
            caption: caption.map(str::to_string),
            rows: vec![row(2, vec![cell("Compliance", No), cell("Evidence", No)]), row(3, vec![cell("Met", No), cell("Policy 2.", No)])],
        };
        let wording = "Landlords must have a single policy in place for dealing with complaints.";
        let captioned = show(&[Block { location: 2, kind: BlockKind::Table(answers(Some(wording))) }]).expect("records");
        assert_eq!(captioned[..4], [r#"Term("Requirement")"#.to_string(), format!("Definition({wording:?})"), r#"Term("Compliance")"#.into(), r#"Definition("Met")"#.into()]);
        let headed = show(&[Block { location: 1, kind: BlockKind::Heading { level: 4, text: wording.into() } }, Block { location: 2, kind: BlockKind::Table(answers(None)) }]).expect("records");
        assert_eq!(headed, captioned);
        // Without a requirement anywhere, the table stays a table.
        assert!(show(&[Block { location: 1, kind: BlockKind::Heading { level: 3, text: "6.1".into() } }, Block { location: 2, kind: BlockKind::Table(answers(None)) }]).is_none());
    }
}