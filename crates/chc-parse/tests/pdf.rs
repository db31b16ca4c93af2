//! PDF parsing over the committed fixtures and over damaged inputs.

use chc_model::{PageContent, SourceFormat, SourceInfo, TextRun};
use chc_parse::pdf::{parse_pdf_with, TextEngine};
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
        println!("== tagged table page {}", t.location);
        for r in &t.rows {
            println!("{}{:?}", if r.header { "H " } else { "" }, r.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>());
        }
    }
    println!("warnings {:?}", doc.warnings);
}

/// Our text reader against pdf-extract's on any PDFs, page by page: how much of each page's
/// text both give (word-multiset overlap), and where they differ most.
/// `CHC_COMPARE="a.pdf b.pdf" cargo test -p chc-parse --test pdf compare_engines -- --ignored --nocapture`
#[test]
#[ignore]
fn compare_engines() {
    let Ok(list) = std::env::var("CHC_COMPARE") else { return };
    for p in list.split_whitespace() {
        let bytes = std::fs::read(p).unwrap();
        let source = || SourceInfo { path: p.into(), sha256: String::new(), format: SourceFormat::Pdf, bytes: bytes.len() as u64 };
        let read = |engine| parse_pdf_with(source(), &bytes, &Limits::default(), chc_parse::Deadline::after(None), engine);
        let (ours, theirs) = match (read(TextEngine::Own), read(TextEngine::PdfExtract)) {
            (Ok(a), Ok(b)) => (a, b),
            (a, b) => {
                println!("{p}: own {:?} / pdf-extract {:?}", a.err(), b.err());
                continue;
            }
        };
        let words = |runs: &[TextRun]| {
            let mut w: Vec<String> = runs.iter().flat_map(|r| r.text.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect();
            w.sort();
            w
        };
        let (mut same, mut total) = (0usize, 0usize);
        for (page, (a, b)) in runs_of(&ours).iter().zip(runs_of(&theirs).iter()).enumerate() {
            let (wa, wb) = (words(a), words(b));
            let common = {
                let (mut i, mut j, mut n) = (0, 0, 0);
                while i < wa.len() && j < wb.len() {
                    match wa[i].cmp(&wb[j]) {
                        std::cmp::Ordering::Equal => (n, i, j) = (n + 1, i + 1, j + 1),
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                    }
                }
                n
            };
            same += common;
            total += wa.len().max(wb.len());
            if common < wa.len().max(wb.len()) {
                let only_ours: Vec<&String> = wa.iter().filter(|w| !wb.contains(w)).take(8).collect();
                let only_theirs: Vec<&String> = wb.iter().filter(|w| !wa.contains(w)).take(8).collect();
                println!("{p} page {}: {common}/{} words shared; only ours {only_ours:?}; only pdf-extract {only_theirs:?}", page + 1, wa.len().max(wb.len()));
            }
        }
        println!("{p}: {same}/{total} words shared ({:.3}); warnings ours {:?}", same as f64 / total.max(1) as f64, ours.warnings);
    }
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

/// A valid one-page PDF whose content stream is `content`.
fn tiny_pdf(content: &str) -> Vec<u8> {
    tiny_pdf_page(content, "")
}

fn tiny_pdf_page(content: &str, page_extra: &str) -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] {page_extra} /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
        format!("<< /Length {} >>\nstream\n{}\nendstream", content.len() + 1, content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    pdf_of(&objs)
}

#[test]
fn page_without_text_is_no_text_layer() {
    let e = parse("scan.pdf", &tiny_pdf("0 0 1 rg 10 10 100 100 re f"), &Limits::default()).unwrap_err();
    assert_eq!(e, ParseError::NoTextLayer);
}

#[test]
fn hand_made_pdf_gives_runs_rules_and_rotation() {
    let content = "BT /F1 12 Tf 72 700 Td (Code provision) Tj ET 1 w 50 690 m 550 690 l S 0 0 0 rg 100 100 0.5 500 re f";
    let doc = parse("t.pdf", &tiny_pdf(content), &Limits::default()).unwrap();
    let PageContent::Positioned { runs, rules } = &doc.pages[0].content else { panic!() };
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].text, "Code provision");
    assert!((runs[0].x - 72.0).abs() < 0.01 && (runs[0].y - 100.0).abs() < 0.01, "{:?}", runs[0]);
    assert!((runs[0].font_size - 12.0).abs() < 0.01);
    assert!(runs[0].width > 60.0 && runs[0].width < 100.0, "{}", runs[0].width);
    assert_eq!(rules.len(), 2, "{rules:?}");
    assert!(rules.iter().any(|r| r.is_horizontal() && (r.y0 - 110.0).abs() < 0.01));
    assert!(rules.iter().any(|r| r.is_vertical() && (r.y0 - 200.0).abs() < 0.01 && (r.y1 - 700.0).abs() < 0.01));

    // The same page turned 90°: shown landscape, text still reads left to right.
    // A landscape page made with /Rotate 90 draws its text turned the other way, so that it
    // shows upright: text from (500, 100) going up the unrotated page.
    let landscape = "BT /F1 12 Tf 0 1 -1 0 500 100 Tm (Code provision) Tj ET 1 w 510 50 m 510 550 l S";
    let doc = parse("r.pdf", &tiny_pdf_page(landscape, "/Rotate 90"), &Limits::default()).unwrap();
    assert_eq!((doc.pages[0].width, doc.pages[0].height), (800.0, 600.0));
    let PageContent::Positioned { runs, rules } = &doc.pages[0].content else { panic!() };
    assert_eq!(runs[0].text, "Code provision");
    assert!((runs[0].x - 100.0).abs() < 0.01 && (runs[0].y - 500.0).abs() < 0.01, "{:?}", runs[0]);
    assert!(rules[0].is_horizontal() && (rules[0].y0 - 510.0).abs() < 0.01, "{rules:?}");

    // Sideways text (drawn along x on a /Rotate 90 page) is turned back to read left to right.
    let doc = parse("s.pdf", &tiny_pdf_page(content, "/Rotate 90"), &Limits::default()).unwrap();
    let PageContent::Positioned { runs, .. } = &doc.pages[0].content else { panic!() };
    assert_eq!(runs[0].text, "Code provision");
}

// --- hostile input (issue 9). Each of these aborted, hung or ran out of memory before the
// guards: a failure here kills the test process rather than failing one test.

/// A PDF from object bodies numbered from 1 (object 1 the catalog).
fn pdf_of(objs: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objs.len() + 1, xref).as_bytes());
    out
}

#[test]
fn form_that_draws_itself_is_refused_not_a_stack_overflow() {
    let content = "BT /F1 12 Tf 72 700 Td (Code provision) Tj ET /X1 Do";
    let bytes = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>".into(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", content.len() + 1, content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
        "<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Length 7 >>\nstream\n/X1 Do\nendstream".into(),
    ]);
    let e = parse("cycle.pdf", &bytes, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
}

#[test]
fn deep_nesting_is_refused_before_the_reader() {
    let deep = format!("BT /F1 12 Tf 72 700 Td {}(x){} TJ ET", "[".repeat(20_000), "]".repeat(20_000));
    let e = parse("deep.pdf", &tiny_pdf(&deep), &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
    let page_extra = format!("/Deep {}1{}", "[".repeat(50_000), "]".repeat(50_000));
    let e = parse("deep2.pdf", &tiny_pdf_page("BT /F1 12 Tf 72 700 Td (Code) Tj ET", &page_extra), &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
    // Ordinary nesting is fine.
    assert!(parse("ok.pdf", &tiny_pdf("BT /F1 12 Tf 72 700 Td [(Code) -250 (provision)] TJ ET"), &Limits::default()).is_ok());
}

#[test]
fn time_budget_stops_a_pdf() {
    let path = fixture_pdfs().into_iter().next().expect("a fixture");
    let limits = Limits { time_budget: Some(std::time::Duration::ZERO), ..Limits::default() };
    let e = parse("x.pdf", &std::fs::read(path).unwrap(), &limits).unwrap_err();
    assert_eq!(e.kind(), "time_limit");
    let limits = Limits { time_budget: None, ..Limits::default() };
    assert!(parse("x.txt", b"Code provision\tCode requirement\n1.2\tx\n", &limits).is_ok());
}

// --- our own text reader against pdf-extract's.

fn parse_with(name: &str, bytes: &[u8], engine: TextEngine) -> chc_model::ParsedDocument {
    let source = SourceInfo { path: name.into(), sha256: String::new(), format: SourceFormat::Pdf, bytes: bytes.len() as u64 };
    let deadline = chc_parse::Deadline::after(None);
    parse_pdf_with(source, bytes, &Limits::default(), deadline, engine).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn runs_of(doc: &chc_model::ParsedDocument) -> Vec<Vec<TextRun>> {
    doc.pages
        .iter()
        .map(|p| match &p.content {
            PageContent::Positioned { runs, .. } => runs.clone(),
            PageContent::Lines(_) | PageContent::Structured(_) => Vec::new(),
        })
        .collect()
}

fn assert_same_runs(name: &str, ours: &[Vec<TextRun>], theirs: &[Vec<TextRun>]) {
    assert_eq!(ours.len(), theirs.len(), "{name}: page count");
    for (page, (a, b)) in ours.iter().zip(theirs).enumerate() {
        let text = |rs: &[TextRun]| rs.iter().map(|r| r.text.clone()).collect::<Vec<_>>();
        assert_eq!(text(a), text(b), "{name}: page {}", page + 1);
        for (x, y) in a.iter().zip(b) {
            let close = (x.x - y.x).abs() < 0.01 && (x.y - y.y).abs() < 0.01 && (x.width - y.width).abs() < 0.01;
            assert!(close && (x.font_size - y.font_size).abs() < 0.01, "{name}: page {}: {x:?} vs {y:?}", page + 1);
        }
    }
}

#[test]
fn own_text_reader_matches_pdf_extract_on_every_fixture() {
    for path in fixture_pdfs() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let ours = parse_with(&name, &bytes, TextEngine::Own);
        let theirs = parse_with(&name, &bytes, TextEngine::PdfExtract);
        assert_same_runs(&name, &runs_of(&ours), &runs_of(&theirs));
        // Marked-content text (the structure tree's tables) and rules come out the same too.
        assert_eq!(ours.tagged_tables, theirs.tagged_tables, "{name}");
        for (a, b) in ours.pages.iter().zip(&theirs.pages) {
            let rules = |p: &chc_model::Page| match &p.content {
                PageContent::Positioned { rules, .. } => rules.clone(),
                PageContent::Lines(_) | PageContent::Structured(_) => Vec::new(),
            };
            assert_eq!(rules(a), rules(b), "{name}: page {}", a.number);
        }
    }
}

/// A one-page PDF drawing `content` with the font dictionary `font` (object 5) and `extra`
/// objects from 6 on.
fn font_pdf(content: &str, font: &str, extra: &[String]) -> Vec<u8> {
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", content.len() + 1, content),
        font.to_string(),
    ];
    objs.extend(extra.iter().cloned());
    pdf_of(&objs)
}

fn stream_obj(data: &str) -> String {
    format!("<< /Length {} >>\nstream\n{}\nendstream", data.len() + 1, data)
}

const WIDTHS_32_TO_126: &str = "/FirstChar 32 /LastChar 126 /Widths [278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584]";

#[test]
fn simple_and_identity_fonts_read_as_pdf_extract_reads_them() {
    // A TrueType font with WinAnsi widths and Differences, spacing operators, kerning.
    let truetype = format!(
        "<< /Type /Font /Subtype /TrueType /BaseFont /ArialMT {WIDTHS_32_TO_126} /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [39 /quoteright 96 /quoteleft] >> >>"
    );
    let content = "BT /F1 11 Tf 1 0 0 1 72 700 Tm (Landlord's policy) Tj 0 -14 Td 2 Tc 1.5 Tw (Code provision) Tj \
                   0 -14 Td 0 Tc 0 Tw 120 Tz [(Com) 300 (ply) -2000 (Yes)] TJ ET";
    let bytes = font_pdf(content, &truetype, &[]);
    let ours = parse_with("tt.pdf", &bytes, TextEngine::Own);
    assert_same_runs("tt.pdf", &runs_of(&ours), &runs_of(&parse_with("tt.pdf", &bytes, TextEngine::PdfExtract)));
    let text: Vec<String> = runs_of(&ours)[0].iter().map(|r| r.text.clone()).collect();
    assert_eq!(text, ["Landlord’s policy", "C o d e p r o v i s i o n", "Comply", "Yes"]);

    // A Type0 font, Identity-H, with /W widths and a ToUnicode map (how Word embeds fonts).
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange \
                3 beginbfchar <0003> <0020> <0011> <00660069> <0044> <0043> endbfchar 1 beginbfrange <0050> <0052> <006F> endbfrange endcmap end end";
    let type0 = "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>";
    let descendant = |w: &str| {
        format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /ABCDEF+Calibri /Flags 32 >> /DW 500 /W {w} >>")
    };
    let content = "BT /F1 12 Tf 72 600 Td <00440050005100520003001100510050> Tj ET";
    let bytes = font_pdf(content, type0, &[descendant("[3 [226] 17 [525] 80 [527 527 527]]"), stream_obj(cmap)]);
    let ours = parse_with("cid.pdf", &bytes, TextEngine::Own);
    assert_same_runs("cid.pdf", &runs_of(&ours), &runs_of(&parse_with("cid.pdf", &bytes, TextEngine::PdfExtract)));
    assert_eq!(runs_of(&ours)[0][0].text, "Copq fipo");
    // The `first last width` form of /W gives the same widths (pdf-extract reads it as an
    // empty range).
    let ranged = font_pdf(content, type0, &[descendant("[3 [226] 17 [525] 80 82 527]"), stream_obj(cmap)]);
    assert_eq!(runs_of(&parse_with("cid2.pdf", &ranged, TextEngine::Own)), runs_of(&ours));
}

#[test]
fn standard_fonts_without_widths_read_as_pdf_extract_reads_them() {
    // A standard 14 font without widths: our reader has its metrics (core_font_widths.tsv).
    let helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    let bytes = font_pdf("BT /F1 12 Tf 72 700 Td (Code provision 1.2) Tj ET", helvetica, &[]);
    let ours = parse_with("h.pdf", &bytes, TextEngine::Own);
    assert_eq!(runs_of(&ours)[0][0].text, "Code provision 1.2");
    assert_same_runs("h.pdf", &runs_of(&ours), &runs_of(&parse_with("h.pdf", &bytes, TextEngine::PdfExtract)));
}

#[test]
fn wingdings_ticks_read_as_ticks() {
    // Word writes a ticked box as Wingdings 0xFC (ü in WinAnsi).
    let wingdings = "<< /Type /Font /Subtype /TrueType /BaseFont /BCDEFG+Wingdings-Regular /FirstChar 252 /LastChar 252 /Widths [781] >>";
    let doc = parse_with("w.pdf", &font_pdf("BT /F1 12 Tf 72 700 Td (\\374) Tj ET", wingdings, &[]), TextEngine::Own);
    assert_eq!(runs_of(&doc)[0][0].text, "✓");
}

#[test]
fn quote_operators_and_form_text_are_placed() {
    let truetype = format!("<< /Type /Font /Subtype /TrueType /BaseFont /ArialMT {WIDTHS_32_TO_126} /Encoding /WinAnsiEncoding >>");
    // `'` and `"` move to the next line and show; text inside a form is placed by the form's
    // matrix and the CTM at `Do` (pdf-extract drops both).
    let content = "BT /F1 10 Tf 14 TL 72 700 Td (First) Tj (Second) ' 0 0 (Third) \" ET q 1 0 0 1 100 0 cm /X1 Do Q";
    let form_content = "BT /F1 10 Tf 72 700 Td (Boxed) Tj ET";
    let form = format!(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Matrix [1 0 0 1 0 -300] /Resources << /Font << /F1 5 0 R >> >> /Length {} >>\nstream\n{form_content}\nendstream",
        form_content.len() + 1
    );
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>".to_string(),
        stream_obj(content),
        truetype,
    ];
    objs.push(form);
    let doc = parse_with("q.pdf", &pdf_of(&objs), TextEngine::Own);
    let runs = &runs_of(&doc)[0];
    let at = |t: &str| runs.iter().find(|r| r.text == t).map(|r| (r.x, r.y)).unwrap_or_else(|| panic!("{t} missing: {runs:?}"));
    assert_eq!(at("First"), (72.0, 100.0));
    assert_eq!(at("Second"), (72.0, 114.0));
    assert_eq!(at("Third"), (72.0, 128.0));
    assert_eq!(at("Boxed"), (172.0, 400.0));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Our walker on any jumble of content operators and operands never panics (a panic would
    /// be contained, but as a lost page): the page reads, or fails with a clean error.
    #[test]
    fn walker_survives_operator_soup(parts in proptest::collection::vec(proptest::sample::select(vec![
        "BT", "ET", "q", "Q", "/F1 9 Tf", "/F9 9 Tf", "1 0 0 1 5 5 cm", "2 0 0 2 0 0 Tm", "5 -5 Td", "TD", "T*", "(ab) Tj", "<0041> Tj",
        "[(a) -50 (b) 3] TJ", "(x) '", "1 2 (y) \"", "12 TL", "150 Tz", "2 Tc", "3 Tw", "4 Ts", "0 0 m", "9 9 l", "0 0 5 5 re", "S", "f", "h",
        "/P <</MCID 1>> BDC", "EMC", "/X1 Do", "Tj", "TJ", "Tm", "cm", "1", "-1e", "(", ")", "[", "]", "<<", ">>", "%", "\n",
    ]), 0..120)) {
        let truetype = format!("<< /Type /Font /Subtype /TrueType /BaseFont /ArialMT {WIDTHS_32_TO_126} /Encoding /WinAnsiEncoding >>");
        let content = format!("BT /F1 10 Tf 72 700 Td (Code provision) Tj ET {}", parts.join(" "));
        match parse("soup.pdf", &font_pdf(&content, &truetype, &[]), &Limits::default()) {
            Ok(doc) => proptest::prop_assert!(doc.warnings.iter().all(|w| w.kind != "pdf_page_unreadable"), "{:?}", doc.warnings),
            Err(e) => proptest::prop_assert!(e.kind() != "reader_panic", "{e}"),
        }
    }
}

#[test]
fn a_bullet_drawn_as_a_disc_reads_as_a_bullet() {
    // A 3-point disc of four curves beside the text, as Skia and Qt draw list bullets.
    let disc = "0 g 72 703.5 m 72 704.33 72.67 705 73.5 705 c 74.33 705 75 704.33 75 703.5 c \
                75 702.67 74.33 702 73.5 702 c 72.67 702 72 702.67 72 703.5 c f";
    let content = format!("{disc} BT /F1 10 Tf 82 700 Td (first item) Tj ET 0 g 300 300 50 50 re f");
    let doc = parse("b.pdf", &tiny_pdf(&content), &Limits::default()).unwrap();
    let PageContent::Positioned { runs, .. } = &doc.pages[0].content else { panic!() };
    let bullet = runs.iter().find(|r| r.text == "•").expect("a bullet run");
    assert!((bullet.x - 72.0).abs() < 0.5, "{bullet:?}");
    assert!((bullet.y - runs.iter().find(|r| r.text == "first item").unwrap().y).abs() < 2.0, "{runs:?}");
    // A big filled square is shading, not a bullet.
    assert_eq!(runs.iter().filter(|r| r.text == "•").count(), 1);
}

/// Damaged copies of a matrix PDF (issue 14): a file cut anywhere in its second half, or
/// whose cross-reference table is garbled, never panics; the xref-garbled copy reads exactly
/// like the original, with a warning that it is damaged.
mod damaged {
    use super::*;
    use proptest::prelude::*;

    fn original() -> &'static (Vec<u8>, String) {
        static ORIGINAL: std::sync::OnceLock<(Vec<u8>, String)> = std::sync::OnceLock::new();
        ORIGINAL.get_or_init(|| {
            let bytes = std::fs::read(repo_root().join("fixtures/pdf/matrix/mx_ruled_chromium.pdf")).unwrap();
            let text = text_of(&parse("o.pdf", &bytes, &Limits::default()).unwrap());
            (bytes, text)
        })
    }

    #[test]
    fn garbled_xref_reads_like_the_original() {
        let (bytes, text) = original();
        let x = bytes.windows(5).rposition(|w| w == b"\nxref").expect("a classic xref table");
        let t = bytes.windows(7).rposition(|w| w == b"trailer").unwrap();
        let mut broken = bytes.clone();
        for b in &mut broken[x + 6..t] {
            if b.is_ascii_digit() {
                *b = b'9';
            }
        }
        let doc = parse("x.pdf", &broken, &Limits::default()).unwrap();
        assert!(doc.warnings.iter().any(|w| w.kind == "pdf_damaged"));
        assert_eq!(&text_of(&doc), text);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn a_cut_file_never_panics(frac in 0.5f64..1.0) {
            let (bytes, _) = original();
            let cut = (bytes.len() as f64 * frac) as usize;
            match parse("cut.pdf", &bytes[..cut], &Limits::default()) {
                Ok(doc) => prop_assert!(doc.warnings.iter().any(|w| w.kind == "pdf_damaged")),
                Err(e) => prop_assert!(matches!(e, ParseError::Corrupt(_) | ParseError::ReaderPanic(_) | ParseError::NoTextLayer), "{e:?}"),
            }
        }
    }
}
