//! The Word and OpenDocument readers on arbitrary input. The first byte chooses what the rest
//! is: 0 the file's bytes as they are (ZIP handling), 1 `word/document.xml` of a DOCX,
//! 2 `content.xml` of an ODT (most random bytes would otherwise never get past the ZIP
//! reader). Then table reconstruction. Looks for panics, aborts, hangs and memory blow-ups,
//! and checks that every table is a rectangular grid.
#![no_main]

use chc_model::{PageContent, SourceFormat, SourceInfo};
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};
use std::time::Duration;

fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        w.start_file(*name, stored).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let limits = chc_parse::Limits {
        max_decompressed_bytes: 64 * 1024 * 1024,
        time_budget: Some(Duration::from_secs(10)),
        ..Default::default()
    };
    let bytes = match mode % 3 {
        0 => rest.to_vec(),
        1 => package(&[("word/document.xml", rest)]),
        _ => package(&[("mimetype", b"application/vnd.oasis.opendocument.text".as_slice()), ("content.xml", rest)]),
    };
    let source = SourceInfo { path: "fuzz.docx".into(), sha256: String::new(), format: SourceFormat::Docx, bytes: bytes.len() as u64 };
    chc_parse::budget::start(limits.time_budget);
    let parsed = match chc_parse::sniff_format(&bytes) {
        Ok(SourceFormat::Odt) => chc_parse::odt::parse_odt(source, &bytes, &limits),
        _ => chc_parse::docx::parse_docx(source, &bytes, &limits),
    };
    let Ok(doc) = parsed else { return };
    for page in &doc.pages {
        if let PageContent::Structured(blocks) = &page.content {
            if let Err(e) = chc_parse::grid::check_tables(blocks) {
                panic!("a table the reader gave breaks its promise: {e}");
            }
        }
    }
    let _ = chc_table::reconstruct(&doc, chc_code::Registry::embedded());
});
