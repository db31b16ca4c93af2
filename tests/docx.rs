//! End-to-end: Word DOCX and OpenDocument ODT forms through the `chc` binary, scored against
//! their gold files (fixtures/docx/ and fixtures/odt/, made by scripts/make-docx-fixtures.sh
//! and scripts/make-word-form-fixtures.py), and damaged DOCX files failing alone while the
//! batch goes on.

use chc_eval::{evaluate_pair, Gold};

mod common;
use common::*;

const FIXTURES: &[&str] = &[
    "fixtures/docx/docx_seed000_landscape.docx",
    "fixtures/docx/docx_2022_merged_subheadings.docx",
    "fixtures/docx/docx_2024_rag_ticks.docx",
    "fixtures/docx/docx_larkfield_checkboxes.docx",
    "fixtures/docx/docx_marshbrook_libreoffice.docx",
    "fixtures/odt/odt_marshbrook_libreoffice.odt",
];

#[test]
fn docx_fixtures_match_gold() {
    let out = tmp("gold");
    let mut args = vec!["extract"];
    args.extend(FIXTURES);
    args.extend(["--out", out.to_str().unwrap(), "--quiet"]);
    let o = chc(&args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    for path in FIXTURES {
        let (name, extension) = path.rsplit('/').next().unwrap().rsplit_once('.').unwrap();
        let stem = &name;
        let doc = load_doc(&out, stem);
        let g = Gold::load(&repo().join("fixtures/gold").join(format!("{stem}.json"))).unwrap();
        let m = evaluate_pair(&g, &doc).metrics;
        let ctx = format!("{stem}: {}", serde_json::to_string(&m).unwrap());
        assert_eq!(doc.source.format.as_str(), extension, "{stem}");
        // Headers, footers and notes are context: no fragment of them is warned about.
        assert!(doc.warnings.iter().all(|w| !w.kind.contains("fragment")) && doc.warnings.len() <= 1, "{stem}: {:?}", doc.warnings);
        assert_eq!(m.provision_f1, 1.0, "provision F1: {ctx}");
        assert_eq!(m.comply_accuracy, 1.0, "comply accuracy: {ctx}");
        for (name, v) in [("requirement", m.requirement_similarity), ("evidence", m.evidence_similarity), ("commentary", m.commentary_similarity)] {
            assert!(v >= 0.98, "{name} similarity {v:.3} below 0.98: {ctx}");
        }
        assert_eq!(doc.landlord, g.landlord, "{stem}: landlord");
        assert_eq!(doc.code_version.map(|v| v.to_string()), g.code_version, "{stem}: version");
        assert_eq!(doc.document_date, g.document_date, "{stem}: date");
        assert_eq!(Some(doc.draft), g.draft, "{stem}: draft");
    }
    let _ = std::fs::remove_dir_all(out);
}

/// A ZIP with one deflated entry, written by hand so sizes and CRC can lie.
fn zip_one(name: &str, deflated: &[u8], crc: u32, declared_size: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let name = name.as_bytes();
    let header = |sig: u32, central: bool| {
        let mut h = Vec::new();
        h.extend(sig.to_le_bytes());
        if central {
            h.extend(20u16.to_le_bytes()); // made by
        }
        h.extend(20u16.to_le_bytes()); // version needed
        h.extend(0u16.to_le_bytes()); // flags
        h.extend(8u16.to_le_bytes()); // deflate
        h.extend(0u32.to_le_bytes()); // time, date
        h.extend(crc.to_le_bytes());
        h.extend((deflated.len() as u32).to_le_bytes());
        h.extend(declared_size.to_le_bytes());
        h.extend((name.len() as u16).to_le_bytes());
        h.extend(0u16.to_le_bytes()); // extra
        if central {
            h.extend([0u8; 10]); // comment len, disk, internal attrs, external attrs
            h.extend(0u32.to_le_bytes()); // local header offset
        }
        h.extend(name);
        h
    };
    out.extend(header(0x04034b50, false));
    out.extend(deflated);
    let cd_start = out.len() as u32;
    out.extend(header(0x02014b50, true));
    let cd_len = out.len() as u32 - cd_start;
    out.extend(0x06054b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(1u16.to_le_bytes());
    out.extend(1u16.to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// Raw deflate of `chunks` × 1 MiB of spaces after a document start tag: independent
/// full-flushed blocks repeated, so building it costs one small compression.
fn deflate_bomb(chunks: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let compress = |data: &[u8], flush: FlushCompress| {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(data.len() + 4096);
        c.compress_vec(data, &mut out, flush).unwrap();
        assert_eq!(c.total_in(), data.len() as u64);
        out
    };
    let start = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#;
    let mut s = compress(start, FlushCompress::Full);
    let chunk = compress(&vec![b' '; 1 << 20], FlushCompress::Full);
    for _ in 0..chunks {
        s.extend(&chunk);
    }
    s.extend(compress(b"</w:t></w:r></w:p></w:body></w:document>", FlushCompress::Finish));
    s
}

#[test]
fn damaged_docx_and_zip_bombs_fail_alone_and_the_batch_goes_on() {
    let dir = tmp("bad-in");
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read(repo().join("fixtures/docx/docx_2024_rag_ticks.docx")).unwrap();
    std::fs::write(dir.join("truncated.docx"), &good[..good.len() / 2]).unwrap();
    std::fs::write(dir.join("garbage.docx"), b"PK\x03\x04word/document.xml\x00\x00\xff\xfe not a zip at all").unwrap();
    // 1.1 GiB of document.xml from ~1 MB, over the default 1 GiB decompression limit; once
    // with an honest size in the header, once claiming 1 KB.
    let bomb = deflate_bomb(1100);
    assert!(bomb.len() < 8 << 20, "{}", bomb.len());
    std::fs::write(dir.join("bomb_honest.docx"), zip_one("word/document.xml", &bomb, 0, 0xFFFF_FFFE)).unwrap();
    std::fs::write(dir.join("bomb_lying.docx"), zip_one("word/document.xml", &bomb, 0, 1000)).unwrap();
    std::fs::write(dir.join("workbook.docx"), zip_one("xl/workbook.xml", &deflate_bomb(0), 0, 100)).unwrap();
    std::fs::write(dir.join("good.docx"), &good).unwrap();
    let files: Vec<String> = ["bomb_honest", "bomb_lying", "garbage", "good", "truncated", "workbook"]
        .iter()
        .map(|s| dir.join(format!("{s}.docx")).to_string_lossy().to_string())
        .collect();
    let out = tmp("bad-out");
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", out.to_str().unwrap()]);
    let o = chc(&args);
    assert_eq!(o.status.code(), Some(1), "some inputs failed → exit 1");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    let kinds = error_kinds(&out);
    assert_eq!(
        kinds,
        vec![
            ("bomb_honest.docx".into(), "limit_exceeded".into()),
            ("bomb_lying.docx".into(), "limit_exceeded".into()),
            ("garbage.docx".into(), "corrupt_docx".into()),
            ("truncated.docx".into(), "corrupt_docx".into()),
            ("workbook.docx".into(), "unsupported_format".into()),
        ],
        "{errors}"
    );
    assert_eq!(load_doc(&out, "good").rows.len(), 19);
    let _ = (std::fs::remove_dir_all(dir), std::fs::remove_dir_all(out));
}

#[test]
fn docx_sniffed_by_content_not_name() {
    // A DOCX saved with a .pdf name is still read as DOCX.
    let dir = tmp("sniff");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(repo().join("fixtures/docx/docx_2022_merged_subheadings.docx"), dir.join("form.pdf")).unwrap();
    let out = dir.join("out");
    let o = chc(&["extract", dir.join("form.pdf").to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = load_doc(&out, "form");
    assert_eq!(doc.source.format.as_str(), "docx");
    assert_eq!(doc.rows.len(), 19);
    let _ = std::fs::remove_dir_all(dir);
}
