//! The web-page reader on arbitrary bytes (HTML, or MHTML when the bytes look like MIME),
//! then table reconstruction and matching. Looks for panics, aborts (stack overflow on deep
//! nesting), hangs and memory blow-ups, and checks the reader's promises: every table is a
//! rectangular grid, the page's furniture is within its bounds.
#![no_main]

use chc_model::{PageContent, SourceFormat, SourceInfo};
use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let source = SourceInfo { path: "fuzz.html".into(), sha256: String::new(), format: SourceFormat::Html, bytes: data.len() as u64 };
    let deadline = chc_parse::Deadline::after(Some(Duration::from_secs(10)));
    let Ok(doc) = chc_parse::html::parse_html(source, data, deadline) else { return };
    assert!(doc.furniture.len() <= chc_model::FURNITURE_LINES, "{} furniture lines", doc.furniture.len());
    for line in &doc.furniture {
        assert!(!line.is_empty() && line.len() <= chc_model::FURNITURE_LINE_BYTES, "furniture line {line:?}");
    }
    for page in &doc.pages {
        if let PageContent::Structured(blocks) = &page.content {
            if let Err(e) = chc_parse::grid::check_tables(blocks) {
                panic!("a table the reader gave breaks its promise: {e}");
            }
        }
    }
    let registry = chc_code::Registry::embedded();
    let Ok(table) = chc_table::reconstruct(&doc, registry) else { return };
    let _ = chc_match::match_document(table, registry, &chc_model::Overrides::default());
});
