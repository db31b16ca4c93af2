//! End-to-end: web pages through the `chc` binary, scored against their gold files
//! (fixtures/html/, made by scripts/make-html-fixtures.py; see fixtures/html/README.md).

use chc_eval::evaluate_pair;
use std::path::Path;

mod common;
use common::*;

/// Pages that lay the form out without a table (fixtures/html/README.md).
const FORMS_WITHOUT_TABLES: &[&str] = &[
    "brackenhurst_accordion",
    "otterbrook_homes_accordion",
    "fairmead_summary_list",
    "linthorpe_ha_definitions",
    "kingsmere_cards",
    "wrenfield_homes_cards",
    "northcote_label_paragraphs",
    "saltmarsh_housing_label_lines",
];

/// The issue's bar for one page: provision F1 and comply accuracy ≥ 0.998, text similarity
/// ≥ 0.98, document fields right, and no row, comply value or warning from page chrome
/// (so no row beyond the gold's and no row-level warning about extra cells).
fn check_page(out: &Path, stem: &str) {
    let doc = load_doc(out, stem);
    let g = gold(stem);
    let m = evaluate_pair(&g, &doc).metrics;
    let ctx = format!("{stem}: {}", serde_json::to_string(&m).unwrap());
    assert_eq!(doc.source.format.as_str(), "html", "{stem}");
    assert!(m.provision_f1 >= 0.998, "provision F1: {ctx}");
    assert!(m.comply_accuracy >= 0.998, "comply accuracy: {ctx}");
    for (name, v) in [("requirement", m.requirement_similarity), ("evidence", m.evidence_similarity), ("commentary", m.commentary_similarity)] {
        assert!(v >= 0.98, "{name} similarity {v:.3} below 0.98: {ctx}");
    }
    assert_eq!(doc.rows.len(), g.rows.len(), "{stem}: rows beyond the form's");
    assert_eq!(doc.landlord, g.landlord, "{stem}: landlord");
    assert_eq!(doc.code_version.map(|v| v.to_string()), g.code_version, "{stem}: version");
    assert_eq!(doc.document_date, g.document_date, "{stem}: date");
    assert_eq!(Some(doc.draft), g.draft, "{stem}: draft");
    // Chrome (navigation, cookie banner, "Was this page helpful? Yes No", share links,
    // footer) is one page's worth of elements: a warning per element would show here.
    assert!(doc.warnings.len() <= 3, "{stem}: document warnings {:?}", doc.warnings);
    let row_warnings: usize = doc.rows.iter().map(|r| r.warnings.len()).sum();
    assert!(row_warnings <= doc.rows.len() / 4, "{stem}: {row_warnings} row warnings");
}

fn extract(files: &[String], name: &str) -> Scratch {
    let out = tmp(name);
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", out.to_str().unwrap(), "--quiet"]);
    let o = chc(&args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Pages whose form is a table, and pages saved by browsers and Word (fixtures/html/README.md).
const TABLE_PAGES: &[&str] = &[
    "fixtures/html/stevenage_webpage.html",
    "fixtures/html/cressbrook_rowspan_sections.html",
    "fixtures/html/holmedale_homes_colspan_titles.html",
    "fixtures/html/thornbury_vale_nested_layout.html",
    "fixtures/html/ravensworth_ha_checkboxes.html",
    "fixtures/html/cressbrook_saved_chrome.mhtml",
    "fixtures/html/holmedale_saved_word.mht",
];

fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap();
    &name[..name.rfind('.').unwrap()]
}

#[test]
fn table_pages_and_saved_pages_match_gold() {
    let files: Vec<String> = TABLE_PAGES.iter().map(|s| s.to_string()).collect();
    let out = extract(&files, "tables");
    for path in TABLE_PAGES {
        check_page(&out, stem(path));
    }
}

#[test]
fn a_page_saved_complete_is_read_without_its_files_folder() {
    // The folder beside the page holds a consent frame (.htm) with a table of its own.
    let out = extract(&["fixtures/html/saved_complete".to_string()], "complete");
    let docs: Vec<_> = std::fs::read_dir(out.join("documents")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(docs, vec!["thornbury_saved.json"]);
    assert_eq!(std::fs::read_to_string(out.join("errors.csv")).unwrap().lines().count(), 1, "only the header line");
    check_page(&out, "thornbury_saved");
}

#[test]
fn table_markup_in_scripts_comments_templates_and_hidden_copies_is_never_a_form() {
    // Everything a page's furniture can hold, around no form at all: not a form, and no
    // row, comply value or warning from any of it.
    let dir = tmp_dir("chrome-only");
    let row = "<tr><td>1.2</td><td>A complaint must be defined as an expression of dissatisfaction</td><td>Yes</td><td>Policy</td></tr>";
    let header = "<tr><th>Code provision</th><th>Code requirement</th><th>Comply: Yes/No</th><th>Evidence</th></tr>";
    let table = format!("<table>{header}{row}</table>");
    let page = format!(
        r#"<!DOCTYPE html><html><head><title>Complaints | Kestrel District Council</title>
<script>document.write('{table}');</script><style>/* {table} */</style></head><body>
<!-- {table} -->
<template>{table}</template><noscript>{table}</noscript>
<div hidden>{table}</div><div aria-hidden="true">{table}</div><div style="display:none">{table}</div>
<header>{table}</header><nav>{table}</nav>
<main><h1>Complaints</h1><p>Our self-assessment will be published here in June.</p></main>
<div class="cookie-banner">{table}</div><footer>{table}</footer>
<script type="text/template">{table}</script></body></html>"#
    );
    std::fs::write(dir.join("chrome_only.html"), &page).unwrap();
    let out = tmp("chrome-only-out");
    let o = chc(&["extract", dir.join("chrome_only.html").to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(error_kinds(&out), vec![("chrome_only.html".to_string(), "not_a_form".to_string())]);
    // The same furniture around a real form adds nothing to it.
    let form = format!("<table>{header}{}</table>", row.replace("<td>Policy</td>", "<td>Complaints policy section 2</td>"));
    std::fs::write(dir.join("with_form.html"), page.replace("<p>Our self-assessment will be published here in June.</p>", &form)).unwrap();
    let out2 = tmp("chrome-form-out");
    let o = chc(&["extract", dir.join("with_form.html").to_str().unwrap(), "--out", out2.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = load_doc(&out2, "with_form");
    assert_eq!(doc.rows.len(), 1);
    assert_eq!(doc.rows[0].evidence, "Complaints policy section 2");
    assert!(doc.warnings.iter().all(|w| w.kind != "stray_fragment"), "{:?}", doc.warnings);
}

/// Forms laid out without a table go through the record reader on the page's blocks.
#[test]
fn forms_without_tables_match_gold() {
    let files: Vec<String> = FORMS_WITHOUT_TABLES.iter().map(|s| format!("fixtures/html/{s}.html")).collect();
    let out = extract(&files, "no-tables");
    for stem in FORMS_WITHOUT_TABLES {
        check_page(&out, stem);
    }
}

/// Pages that name their landlord only in page furniture the reader leaves out of the
/// document (fixtures/html/README.md): a copyright line in the footer (a name the gazetteer
/// lacks), the address of a mailto link (a gazetteer landlord, known by its domain).
const NAMED_ONLY_IN_FURNITURE: &[(&str, &str)] = &[("copperfold_homes_footer_only", "footer"), ("accent_housing_mailto_only", "email_domain")];

#[test]
fn a_landlord_named_only_in_the_footer_or_a_mailto_link_is_found() {
    let files: Vec<String> = NAMED_ONLY_IN_FURNITURE.iter().map(|(s, _)| format!("fixtures/html/{s}.html")).collect();
    let out = extract(&files, "furniture");
    for (stem, method) in NAMED_ONLY_IN_FURNITURE {
        check_page(&out, stem);
        let doc = load_doc(&out, stem);
        assert_eq!(doc.detection.landlord.method, *method, "{stem}: {:?}", doc.detection.landlord);
    }
}
