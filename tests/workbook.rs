//! `chc report DIR --xlsx`: the workbook read back (calamine) against the CSV files of the
//! same extraction: each Compliance sheet holds compliance_wide_<version>.csv's values, one
//! row per document, one column per provision; Provisions is provisions.csv, Errors is
//! errors.csv, Actions has actions.csv's lines with real dates. (scripts/check-xlsx-libreoffice.sh
//! opens the same workbook in LibreOffice.)

use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::*;

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<Data>> {
    book.worksheet_range(name).unwrap_or_else(|e| panic!("{name}: {e}")).rows().map(|r| r.to_vec()).collect()
}

fn text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn workbook_holds_the_csv_files_of_the_same_extraction() {
    let out = tmp("extract");
    let o = chc(&["extract", "corpus", "fixtures/bad", "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "fixtures/bad has failing inputs: {}", String::from_utf8_lossy(&o.stderr));
    let xlsx = out.join("book.xlsx");
    let r = chc(&["report", out.to_str().unwrap(), "--xlsx", xlsx.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let names = book.sheet_names();
    let compliance: Vec<&String> = names.iter().filter(|n| n.starts_with("Compliance ")).collect();
    assert_eq!(names.first().map(String::as_str), Some("Summary"));
    assert_eq!(names[names.len() - 3..], ["Provisions", "Actions", "Errors"]);

    // Compliance <version> = compliance_wide_<version>.csv, document by document.
    let mut wide_files = 0;
    for name in &compliance {
        let version = name.trim_start_matches("Compliance ");
        let (header, rows) = read_csv(&out.join(format!("compliance_wide_{version}.csv")));
        wide_files += 1;
        let sheet = sheet(&mut book, name);
        let lead = 3; // landlord, document_date, source
        assert_eq!(sheet[0][lead..].iter().map(text).collect::<Vec<_>>(), header[5..], "{name}: one column per provision, as the wide file");
        assert_eq!(sheet.len() - 1, rows.len(), "{name}: one row per document of that version");
        let by_source: BTreeMap<&str, &Vec<String>> = rows.iter().map(|r| (r[0].as_str(), r)).collect();
        for line in &sheet[1..] {
            let wide = by_source[text(&line[2]).as_str()];
            assert_eq!(line[lead..].iter().map(text).collect::<Vec<_>>(), wide[5..], "{name}: {}", wide[0]);
            match (&line[1], wide[3].as_str()) {
                (Data::DateTime(_), date) => assert!(!date.is_empty()),
                (Data::Empty, "") => {}
                (other, date) => panic!("{name}: document date {other:?} for {date:?}"),
            }
        }
    }
    assert_eq!(wide_files, 2, "the corpus mixes the 2022 and 2024 Codes");

    // Provisions = provisions.csv, numbers as numbers, text as extracted (the CSV neutralises
    // formula-like text with a quote; a workbook's text cell is never a formula).
    let (header, rows) = read_csv(&out.join("provisions.csv"));
    let long = sheet(&mut book, "Provisions");
    assert_eq!(long[0].iter().map(text).collect::<Vec<_>>(), header);
    assert_eq!(long.len() - 1, rows.len());
    for (line, csv_row) in long[1..].iter().zip(&rows) {
        for ((cell, want), column) in line.iter().zip(csv_row).zip(&header) {
            match cell {
                Data::Float(x) => assert!((x - want.parse::<f64>().unwrap()).abs() < 1e-9, "{column}: {x} vs {want}"),
                Data::Int(x) => assert_eq!(x.to_string(), *want, "{column}"),
                other => assert_eq!(text(other), want.strip_prefix('\'').filter(|t| t.starts_with(['=', '+', '-', '@'])).unwrap_or(want), "{column}"),
            }
        }
    }

    // Errors = errors.csv; Actions has actions.csv's lines, target months as dates.
    let (_, errors) = read_csv(&out.join("errors.csv"));
    let errors_sheet = sheet(&mut book, "Errors");
    assert!(errors.len() > 20);
    assert_eq!(errors_sheet[1..].iter().map(|r| r.iter().map(text).collect::<Vec<_>>()).collect::<Vec<_>>(), errors);
    let (_, actions) = read_csv(&out.join("actions.csv"));
    let actions_sheet = sheet(&mut book, "Actions");
    assert_eq!(actions_sheet.len() - 1, actions.len());
    let dated = actions.iter().filter(|a| !a[6].is_empty()).count();
    assert!(dated > 0);
    assert_eq!(actions_sheet[1..].iter().filter(|r| matches!(r[6], Data::DateTime(_))).count(), dated, "every target month is a date cell");
}

#[test]
fn report_needs_html_or_xlsx() {
    let r = chc(&["report", "corpus"]);
    assert_eq!(r.status.code(), Some(2), "{}", String::from_utf8_lossy(&r.stderr));
}
