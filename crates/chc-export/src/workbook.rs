//! `chc report DIR --xlsx book.xlsx`: the report as an Excel workbook, for regulators who
//! compare landlords in a spreadsheet. Sheets:
//!
//! - **Summary**: the report's counts, documents by Code version, the colour key and what
//!   each sheet holds;
//! - **Compliance <version>**, one per Code version: a row per document, a column per
//!   provision (the columns of `compliance_wide`), each cell the comply value coloured as
//!   in the HTML heatmap; header row and landlord column frozen, autofilter on;
//! - **Provisions**: the long table, the columns of `provisions.csv` (scores, sections and
//!   locations as numbers);
//! - **Actions**: `actions.csv`, target dates as Excel dates;
//! - **Errors**: `errors.csv` of the output folder.
//!
//! The same documents give the same bytes (the creation date is fixed).

use crate::actions::actions_of;
use crate::long::{row_fields, Cells, COLUMNS};
use crate::read::NamedDocument;
use crate::report::{counts, doc_name, heatmap_colours, version_label, HEATMAP_COLOURS};
use crate::wide::{first_rows, WideTables};
use chc_model::{CodeVersion, Comply, FileError, SCHEMA_VERSION};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeSet;

/// Longest text Excel keeps in a cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Rows of a sheet, header included.
const MAX_ROWS: usize = 1_048_576;
/// Columns of `provisions.csv` that hold numbers.
const NUMERIC_COLUMNS: &[&str] = &["section", "match_score", "quote_fidelity", "source_location"];

/// The workbook for these documents and, when known, the batch's errors.
pub fn render_xlsx(docs: &[NamedDocument], errors: Option<&[FileError]>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation date: the same documents give the same file.
    book.set_properties(&DocProperties::new().set_title("Complaint Handling Code self-assessments").set_creation_datetime(&ExcelDateTime::from_ymd(2024, 1, 1)?));
    let styles = Styles::new();
    let total_rows: usize = docs.iter().map(|d| d.doc.rows.len()).sum();
    let provisions_cut = total_rows >= MAX_ROWS;
    summary_sheet(book.add_worksheet(), docs, errors, provisions_cut, &styles)?;
    let mut versions: Vec<Option<CodeVersion>> = docs.iter().map(|d| d.doc.code_version).collect::<BTreeSet<_>>().into_iter().collect();
    versions.sort_by_key(|v| (v.is_none(), *v));
    let mut wide = WideTables::new();
    for d in docs {
        wide.add(&d.doc);
    }
    for v in versions {
        compliance_sheet(book.add_worksheet(), docs, v, &wide.provision_columns(v), &styles)?;
    }
    provisions_sheet(book.add_worksheet(), docs, &styles)?;
    actions_sheet(book.add_worksheet(), docs, &styles)?;
    errors_sheet(book.add_worksheet(), errors, &styles)?;
    book.save_to_buffer()
}

/// The name of the Compliance sheet of a Code version.
pub fn compliance_sheet_name(version: Option<CodeVersion>) -> String {
    format!("Compliance {}", version_label(version))
}

struct Styles {
    header: Format,
    title: Format,
    month: Format,
    /// One per entry of HEATMAP_COLOURS, in its order.
    comply: Vec<Format>,
}

impl Styles {
    fn new() -> Self {
        let comply = HEATMAP_COLOURS.iter().map(|&(_, bg, fg)| Format::new().set_background_color(Color::RGB(bg)).set_font_color(Color::RGB(fg))).collect();
        Styles { header: Format::new().set_bold().set_background_color(Color::RGB(0xf0f2f5)), title: Format::new().set_bold().set_font_size(14), month: Format::new().set_num_format("yyyy-mm"), comply }
    }

    fn comply(&self, c: Option<Comply>) -> &Format {
        let colours = heatmap_colours(c);
        let i = HEATMAP_COLOURS.iter().position(|&(_, bg, fg)| (bg, fg) == colours).unwrap_or(HEATMAP_COLOURS.len() - 1);
        &self.comply[i]
    }
}

/// Text, cut to what a cell holds.
fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
    if s.is_empty() {
        return Ok(());
    }
    if s.chars().count() > MAX_CELL_CHARS {
        let cut: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
        ws.write_string(row, col, format!("{cut}…"))?;
    } else {
        ws.write_string(row, col, s)?;
    }
    Ok(())
}

fn header_row(ws: &mut Worksheet, names: &[&str], styles: &Styles) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &styles.header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A "YYYY-MM" month as the first day of that month, for a date cell.
fn month_date(month: &str) -> Option<ExcelDateTime> {
    let (y, m) = month.split_once('-')?;
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, 1).ok()
}

/// A "YYYY-MM" cell as a date shown as such; other text as it is.
fn month_cell(ws: &mut Worksheet, row: u32, col: u16, month: &str, styles: &Styles) -> Result<(), XlsxError> {
    match month_date(month) {
        Some(date) => ws.write_datetime_with_format(row, col, &date, &styles.month).map(|_| ()),
        None => text(ws, row, col, month),
    }
}

fn summary_sheet(ws: &mut Worksheet, docs: &[NamedDocument], errors: Option<&[FileError]>, provisions_cut: bool, styles: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Summary")?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 70)?;
    let c = counts(docs);
    ws.write_string_with_format(0, 0, "Complaint Handling Code self-assessments", &styles.title)?;
    ws.write_string(1, 0, format!("made by chc {} from documents/*.json (schema {SCHEMA_VERSION})", env!("CARGO_PKG_VERSION")))?;
    let mut row = 3;
    ws.write_string_with_format(row, 0, "count", &styles.header)?;
    ws.write_string_with_format(row, 1, "", &styles.header)?;
    row += 1;
    let mut figures: Vec<(String, usize)> = vec![("documents".into(), c.documents), ("provision rows".into(), c.rows)];
    for comply in Comply::ALL {
        let label = if comply == Comply::NotApplicable { "not applicable" } else { comply.as_str() };
        figures.push((format!("rows answered {label}"), c.by_comply.get(comply.as_str()).copied().unwrap_or(0)));
    }
    figures.push(("non-compliances / actions".into(), c.actions));
    figures.push(("with a target date".into(), c.actions_dated));
    figures.push(("extraction warnings".into(), c.warnings));
    if let Some(errors) = errors {
        figures.push(("inputs that failed (Errors sheet)".into(), errors.len()));
    }
    for (label, n) in figures {
        ws.write_string(row, 0, label)?;
        ws.write_number(row, 1, n as f64)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "documents by Code version", &styles.header)?;
    ws.write_string_with_format(row, 1, "", &styles.header)?;
    row += 1;
    for (version, n) in &c.by_version {
        ws.write_string(row, 0, version.as_str())?;
        ws.write_number(row, 1, *n as f64)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "colour key (Compliance sheets)", &styles.header)?;
    ws.write_string_with_format(row, 1, "", &styles.header)?;
    row += 1;
    for (c, label) in [(Some(Comply::Yes), "yes"), (Some(Comply::No), "no"), (Some(Comply::Partial), "partial"), (Some(Comply::NotApplicable), "not applicable"), (Some(Comply::Unknown), "unknown"), (None, "no row for the provision")] {
        ws.write_string(row, 0, label)?;
        ws.write_string_with_format(row, 1, c.map_or("", |c| c.as_str()), styles.comply(c))?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "sheet", &styles.header)?;
    ws.write_string_with_format(row, 1, "", &styles.header)?;
    ws.write_string_with_format(row, 2, "what it holds", &styles.header)?;
    row += 1;
    let provisions_note = if provisions_cut { format!(" CUT at {} rows, the most a sheet holds: provisions.csv has them all.", MAX_ROWS - 1) } else { String::new() };
    let sheets = [
        ("Compliance <version>".to_string(), "one row per document of that Code version, one column per provision: its comply value (the first row with that number), coloured as above".to_string()),
        ("Provisions".to_string(), format!("one row per document × provision, the columns of provisions.csv (docs/schema.md).{provisions_note}")),
        ("Actions".to_string(), "every no/partial row with the action and target month its text states (actions.csv)".to_string()),
        ("Errors".to_string(), if errors.is_some() { "each input that produced no document (errors.csv)".to_string() } else { "empty: there was no errors.csv beside the documents".to_string() }),
    ];
    for (name, what) in sheets {
        ws.write_string(row, 0, name)?;
        ws.write_string(row, 2, what)?;
        row += 1;
    }
    Ok(())
}

fn compliance_sheet(ws: &mut Worksheet, docs: &[NamedDocument], version: Option<CodeVersion>, provisions: &[String], styles: &Styles) -> Result<(), XlsxError> {
    ws.set_name(compliance_sheet_name(version))?;
    const LEAD: [&str; 3] = ["landlord", "document_date", "source"];
    let names: Vec<&str> = LEAD.iter().copied().chain(provisions.iter().map(String::as_str)).collect();
    header_row(ws, &names, styles)?;
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 24)?;
    for c in 0..provisions.len() {
        ws.set_column_width((LEAD.len() + c) as u16, 6.5)?;
    }
    let mut row = 0;
    for d in docs.iter().filter(|d| d.doc.code_version == version) {
        row += 1;
        text(ws, row, 0, &doc_name(d))?;
        month_cell(ws, row, 1, d.doc.document_date.as_deref().unwrap_or(""), styles)?;
        text(ws, row, 2, &d.doc.source.path)?;
        let first = first_rows(&d.doc);
        for (c, p) in provisions.iter().enumerate() {
            let comply = first.get(p.as_str()).map(|r| r.comply);
            ws.write_string_with_format(row, (LEAD.len() + c) as u16, comply.map_or("", |c| c.as_str()), styles.comply(comply))?;
        }
    }
    ws.autofilter(0, 0, row, (names.len() - 1) as u16)?;
    Ok(())
}

fn provisions_sheet(ws: &mut Worksheet, docs: &[NamedDocument], styles: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Provisions")?;
    header_row(ws, COLUMNS, styles)?;
    let numeric: Vec<bool> = COLUMNS.iter().map(|c| NUMERIC_COLUMNS.contains(c)).collect();
    for (c, name) in COLUMNS.iter().enumerate() {
        let width = match *name {
            "requirement" | "evidence" | "commentary" => 50.0,
            "source" | "landlord" => 28.0,
            "sha256" => 12.0,
            _ => 11.0,
        };
        ws.set_column_width(c as u16, width)?;
    }
    let mut row: u32 = 0;
    'docs: for d in docs {
        for r in &d.doc.rows {
            if row as usize + 1 >= MAX_ROWS {
                break 'docs;
            }
            row += 1;
            for (c, value) in row_fields(&d.doc, r, Cells::Raw).iter().enumerate() {
                match value.parse::<f64>() {
                    Ok(x) if numeric[c] => ws.write_number(row, c as u16, x).map(|_| ())?,
                    _ => text(ws, row, c as u16, value)?,
                }
            }
        }
    }
    ws.autofilter(0, 0, row, (COLUMNS.len() - 1) as u16)?;
    Ok(())
}

fn actions_sheet(ws: &mut Worksheet, docs: &[NamedDocument], styles: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Actions")?;
    header_row(ws, crate::actions::COLUMNS, styles)?;
    for (c, width) in [28.0, 30.0, 10.0, 9.0, 9.0, 70.0, 11.0, 24.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    let mut row = 0;
    for d in docs {
        for a in actions_of(&d.doc) {
            row += 1;
            text(ws, row, 0, &a.source)?;
            text(ws, row, 1, &a.landlord)?;
            text(ws, row, 2, &a.code_version)?;
            text(ws, row, 3, &a.provision)?;
            text(ws, row, 4, a.comply.as_str())?;
            text(ws, row, 5, &a.action)?;
            month_cell(ws, row, 6, a.target_date.as_deref().unwrap_or(""), styles)?;
            text(ws, row, 7, &a.target_date_text)?;
        }
    }
    ws.autofilter(0, 0, row, (crate::actions::COLUMNS.len() - 1) as u16)?;
    Ok(())
}

fn errors_sheet(ws: &mut Worksheet, errors: Option<&[FileError]>, styles: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Errors")?;
    header_row(ws, &["file", "stage", "kind", "message"], styles)?;
    for (c, width) in [40.0, 8.0, 16.0, 90.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    let mut row = 0;
    for e in errors.unwrap_or_default() {
        row += 1;
        text(ws, row, 0, &e.file)?;
        text(ws, row, 1, e.stage.as_str())?;
        text(ws, row, 2, &e.kind)?;
        text(ws, row, 3, &e.message)?;
    }
    ws.autofilter(0, 0, row, 3)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{doc, row};
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;
    use std::path::PathBuf;

    fn named(stem: &str, d: chc_model::Document) -> NamedDocument {
        NamedDocument { stem: stem.into(), path: PathBuf::from(format!("{stem}.json")), doc: d }
    }

    fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
        let range = book.worksheet_range(name).unwrap();
        // A date cell reads as "date:<Excel serial>", so that a test can tell it from text.
        let cell = |c: &Data| match c {
            Data::Empty => String::new(),
            Data::DateTime(d) => format!("date:{}", d.as_f64()),
            other => other.to_string(),
        };
        range.rows().map(|r| r.iter().map(cell).collect()).collect()
    }

    fn docs() -> Vec<NamedDocument> {
        let v24 = Some(CodeVersion::V2024);
        let mut a = doc("corpus/a.txt", "Alpha Homes", v24, Some("2024-06"), vec![row("1.2", Comply::Yes, "", ""), row("1.3", Comply::No, "We will fix this by August 2025.", "")]);
        a.rows.push(row("1.2", Comply::No, "a second 1.2 row: the first counts", ""));
        let b = doc("corpus/b.txt", "=Beta", v24, None, vec![row("1.3", Comply::Partial, "", "")]);
        let c = doc("corpus/c.txt", "Gamma", Some(CodeVersion::V2022), Some("2023-05"), vec![row("1.2", Comply::Unknown, "", "")]);
        vec![named("a", a), named("b", b), named("c", c)]
    }

    #[test]
    fn sheets_hold_one_row_per_document_and_one_column_per_provision() {
        let docs = docs();
        let errors = vec![FileError { file: "bad.pdf".into(), stage: chc_model::Stage::Parse, kind: "corrupt_pdf".into(), message: "damaged".into() }];
        let bytes = render_xlsx(&docs, Some(&errors)).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Summary", "Compliance 2022", "Compliance 2024", "Provisions", "Actions", "Errors"]);
        let c24 = sheet(&mut book, "Compliance 2024");
        let mut wide = WideTables::new();
        docs.iter().for_each(|d| wide.add(&d.doc));
        let provisions = wide.provision_columns(Some(CodeVersion::V2024));
        assert_eq!(c24[0][..3], ["landlord", "document_date", "source"]);
        assert_eq!(c24[0][3..], provisions[..], "one column per provision, in Code order");
        assert_eq!(c24.len(), 3, "a header and one row per 2024 document");
        let col = |p: &str| 3 + provisions.iter().position(|x| x == p).unwrap();
        assert_eq!(c24[1][0], "Alpha Homes");
        assert_eq!((c24[1][col("1.2")].as_str(), c24[1][col("1.3")].as_str(), c24[1][col("1.4")].as_str()), ("yes", "no", ""));
        assert_eq!(c24[2][0], "=Beta", "text, never a formula");
        assert_eq!(c24[2][col("1.3")], "partial");
        assert_eq!(sheet(&mut book, "Compliance 2022").len(), 2);
        let long = sheet(&mut book, "Provisions");
        assert_eq!(long[0], COLUMNS);
        assert_eq!(long.len(), 1 + 5);
        let actions = sheet(&mut book, "Actions");
        assert_eq!(actions[0], crate::actions::COLUMNS);
        let dated = actions.iter().find(|r| r[3] == "1.3" && r[1] == "Alpha Homes").unwrap();
        assert_eq!(dated[6], "date:45870", "a real date, 1 August 2025: {dated:?}");
        assert_eq!(c24[1][1], "date:45444", "document date 2024-06 as 1 June 2024");
        assert_eq!(sheet(&mut book, "Errors")[1], ["bad.pdf", "parse", "corrupt_pdf", "damaged"]);
        let summary = sheet(&mut book, "Summary");
        assert!(summary.iter().any(|r| r[0] == "documents" && r[1] == "3"), "{summary:?}");
    }

    /// The cells' fills are the heatmap's colours of their values: read from the sheet XML
    /// (cell style index → cellXfs → fill).
    #[test]
    fn compliance_cells_are_coloured_like_the_heatmap() {
        let bytes = render_xlsx(&docs(), None).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut read = |name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        let workbook = read("xl/workbook.xml");
        let styles = read("xl/styles.xml");
        // Sheets are numbered in workbook order: Summary is sheet1, Compliance 2022 sheet2, Compliance 2024 sheet3.
        assert!(workbook.find("Compliance 2022").unwrap() < workbook.find("Compliance 2024").unwrap());
        let sheet = read("xl/worksheets/sheet3.xml");
        let between = |s: &str, start: &str, end: &str| -> Vec<String> { s.split(start).skip(1).map(|p| p.split(end).next().unwrap().to_string()).collect() };
        let fills: Vec<String> = between(&between(&styles, "<fills", "</fills>")[0], "<fill>", "</fill>");
        let xfs: Vec<String> = between(&between(&styles, "<cellXfs", "</cellXfs>")[0], "<xf ", "/>");
        let fill_of_style = |s: usize| -> String {
            let fill_id: usize = between(&xfs[s], "fillId=\"", "\"")[0].parse().unwrap();
            between(&fills[fill_id], "rgb=\"", "\"").first().cloned().unwrap_or_default()
        };
        // Cells with a shared-string value and a style: <c r="D2" s="N" t="s">.
        let shared = read("xl/sharedStrings.xml");
        let strings: Vec<String> = between(&shared, "<si>", "</si>").iter().map(|si| si.split_once('>').map_or("", |(_, t)| t).trim_end_matches("</t>").to_string()).collect();
        let mut checked = 0;
        for cell in between(&sheet, "<c ", "</c>") {
            let (Some(style), Some(value), true) = (between(&cell, "s=\"", "\"").first().cloned(), between(&cell, "<v>", "</v>").first().cloned(), cell.contains("t=\"s\"")) else { continue };
            let text = &strings[value.parse::<usize>().unwrap()];
            let Some(&(_, bg, _)) = HEATMAP_COLOURS.iter().find(|(k, _, _)| k == text) else { continue };
            assert_eq!(fill_of_style(style.parse().unwrap()), format!("FF{bg:06X}"), "{text}");
            checked += 1;
        }
        assert!(checked >= 3, "yes, no and partial cells checked: {checked}");
    }

    #[test]
    fn same_documents_same_bytes_and_long_text_is_cut() {
        let mut docs = docs();
        docs[0].doc.rows[0].evidence = "x".repeat(40_000);
        let one = render_xlsx(&docs, None).unwrap();
        assert_eq!(one, render_xlsx(&docs, None).unwrap());
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(one)).unwrap();
        let long = sheet(&mut book, "Provisions");
        let evidence = COLUMNS.iter().position(|c| *c == "evidence").unwrap();
        assert_eq!(long[1][evidence].chars().count(), MAX_CELL_CHARS);
    }
}
