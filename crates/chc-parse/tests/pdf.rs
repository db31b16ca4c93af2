//! PDF parsing over the committed fixtures and over damaged inputs.

use chc_model::PageContent;
use chc_parse::{parse, Limits, ParseError};
use std::path::PathBuf;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture_pdfs() -> Vec<PathBuf> {
    let dir = repo_root().join("fixtures/pdf");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn text_of(doc: &chc_model::ParsedDocument) -> String {
    let mut s = String::new();
    for p in &doc.pages {
        if let PageContent::Positioned { runs, .. } = &p.content {
            for r in runs {
                s.push_str(&r.text);
                s.push('\n');
            }
        }
    }
    s
}

#[test]
fn every_fixture_pdf_parses_and_has_text() {
    let pdfs = fixture_pdfs();
    assert!(!pdfs.is_empty(), "no fixtures/pdf/*.pdf");
    for path in pdfs {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = parse(&format!("fixtures/pdf/{name}"), &bytes, &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!doc.pages.is_empty(), "{name}: no pages");
        let text = text_of(&doc);
        assert!(text.contains("Code requirement") || text.contains("Code section"), "{name}: header text not found");
        assert!(text.contains("complaint"), "{name}: body text not found");
        for p in &doc.pages {
            assert!(p.width > 100.0 && p.height > 100.0, "{name}: page {} has no size", p.number);
            if let PageContent::Positioned { runs, rules } = &p.content {
                for r in runs {
                    assert!(r.x >= -1.0 && r.x <= p.width + 1.0 && r.y >= -1.0 && r.y <= p.height + 1.0,
                        "{name}: run {:?} outside page {}", r.text, p.number);
                }
                for r in rules {
                    assert!(r.x0 <= r.x1 && r.y0 <= r.y1);
                }
            }
        }
        assert!(doc.warnings.is_empty(), "{name}: warnings {:?}", doc.warnings);
    }
}

#[test]
fn ruled_fixtures_have_rules_and_unruled_have_none_vertical() {
    for path in fixture_pdfs() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = parse(&name, &std::fs::read(&path).unwrap(), &Limits::default()).unwrap();
        let verticals: usize = doc
            .pages
            .iter()
            .map(|p| match &p.content {
                PageContent::Positioned { rules, .. } => rules.iter().filter(|r| r.is_vertical()).count(),
                _ => 0,
            })
            .sum();
        if name.contains("_ruled_") {
            assert!(verticals > 10, "{name}: {verticals} vertical rules");
        } else {
            assert_eq!(verticals, 0, "{name}");
        }
    }
}

#[test]
fn tagged_fixtures_give_structure_tree_tables() {
    for path in fixture_pdfs() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = parse(&name, &std::fs::read(&path).unwrap(), &Limits::default()).unwrap();
        if name.contains("tagged") {
            assert!(!doc.tagged_tables.is_empty(), "{name}: no tagged tables");
            let rows: usize = doc.tagged_tables.iter().map(|t| t.rows.len()).sum();
            assert!(rows >= 10, "{name}: {rows} tagged rows");
        }
    }
}

#[test]
fn truncated_pdf_is_an_error_not_a_panic() {
    let path = fixture_pdfs().into_iter().next().expect("a fixture");
    let bytes = std::fs::read(path).unwrap();
    for cut in [20usize, 200, 1000, bytes.len() / 3, bytes.len() / 2, bytes.len() - 200] {
        let r = parse("cut.pdf", &bytes[..cut], &Limits::default());
        // A cut file may still yield its first pages; it must never panic.
        if let Err(e) = r {
            assert!(matches!(e, ParseError::Corrupt(_) | ParseError::ReaderPanic(_) | ParseError::NoTextLayer), "{e:?}");
        }
    }
}

#[test]
fn random_bytes_with_a_pdf_header_are_an_error() {
    let mut state: u64 = 0x9E3779B97F4A7C15;
    for len in [0usize, 10, 1000, 50_000] {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push((state >> 24) as u8);
        }
        let e = parse("random.pdf", &bytes, &Limits::default()).unwrap_err();
        assert!(matches!(e, ParseError::Corrupt(_) | ParseError::ReaderPanic(_) | ParseError::NoTextLayer), "{e:?}");
    }
}

#[test]
fn garbled_fixture_never_panics() {
    // Flip bytes through a real file: the reader must report, not crash.
    let path = fixture_pdfs().into_iter().next().expect("a fixture");
    let orig = std::fs::read(path).unwrap();
    for step in [97usize, 1013, 4099] {
        let mut bytes = orig.clone();
        let mut i = 50;
        while i < bytes.len() {
            bytes[i] ^= 0x5A;
            i += step;
        }
        let _ = parse("garbled.pdf", &bytes, &Limits::default());
    }
}

#[test]
fn page_limit_is_enforced() {
    let path = fixture_pdfs().into_iter().next().expect("a fixture");
    let limits = Limits { max_pages: 1, ..Limits::default() };
    let e = parse("x.pdf", &std::fs::read(path).unwrap(), &limits).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded");
}

#[test]
fn decompressed_size_limit_is_enforced() {
    let path = fixture_pdfs().into_iter().next().expect("a fixture");
    let limits = Limits { max_decompressed_bytes: 1000, ..Limits::default() };
    let e = parse("x.pdf", &std::fs::read(path).unwrap(), &limits).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded");
}

/// `CHC_DUMP=fixtures/pdf/x.pdf cargo test -p chc-parse --test pdf dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    let Ok(p) = std::env::var("CHC_DUMP") else { return };
    let bytes = std::fs::read(repo_root().join(&p)).unwrap();
    let doc = parse(&p, &bytes, &Limits::default()).unwrap();
    for page in &doc.pages {
        println!("== page {} {}x{}", page.number, page.width, page.height);
        if let PageContent::Positioned { runs, rules } = &page.content {
            for r in runs {
                println!("{:7.1} {:7.1} w{:6.1} s{:4.1} {:?}", r.x, r.y, r.width, r.font_size, r.text);
            }
            for r in rules {
                println!("rule {:7.1} {:7.1} {:7.1} {:7.1}", r.x0, r.y0, r.x1, r.y1);
            }
        }
    }
    for t in &doc.tagged_tables {
        println!("== tagged table page {}", t.page);
        for r in &t.rows {
            println!("{:?}", r);
        }
    }
    println!("warnings {:?}", doc.warnings);
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)).unwrap()
}

#[test]
fn encrypted_with_empty_user_password_opens() {
    for name in ["encrypted_aes256_empty_user_password.pdf", "encrypted_rc4_empty_user_password.pdf"] {
        let doc = parse(name, &data(name), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = text_of(&doc);
        assert!(text.contains("Code requirement"), "{name}: {text:.200}");
    }
}

#[test]
fn encrypted_with_a_user_password_is_reported() {
    let e = parse("x.pdf", &data("encrypted_aes256_user_password.pdf"), &Limits::default()).unwrap_err();
    assert_eq!(e, ParseError::Encrypted);
}
