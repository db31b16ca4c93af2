//! End-to-end: run the `chc` binary on the corpus and fixtures and compare with the
//! hand-checked gold files in fixtures/gold/.

use chc_eval::evaluate_pair;
use std::path::Path;

mod common;
use common::*;

/// Minimum scores one document must reach.
struct Bar {
    stem: &'static str,
    f1: f64,
    comply: f64,
    text: f64,
}

fn check(out: &Path, bar: &Bar) {
    let doc = load_doc(out, bar.stem);
    let g = gold(bar.stem);
    let r = evaluate_pair(&g, &doc);
    let m = &r.metrics;
    let ctx = format!("{}: {}", bar.stem, serde_json::to_string(m).unwrap());
    assert!(m.provision_f1 >= bar.f1, "provision F1 below {}: {ctx}", bar.f1);
    assert!(m.comply_accuracy >= bar.comply, "comply accuracy below {}: {ctx}", bar.comply);
    for (name, v) in [("requirement", m.requirement_similarity), ("evidence", m.evidence_similarity), ("commentary", m.commentary_similarity)] {
        assert!(v >= bar.text, "{name} similarity {v:.3} below {}: {ctx}", bar.text);
    }
    assert_eq!(doc.landlord, g.landlord, "{}: landlord", bar.stem);
    assert_eq!(doc.code_version.map(|v| v.to_string()), g.code_version, "{}: version", bar.stem);
    assert_eq!(doc.document_date, g.document_date, "{}: date", bar.stem);
    assert_eq!(Some(doc.draft), g.draft, "{}: draft", bar.stem);
}

#[test]
fn corpus_and_text_fixtures_match_gold() {
    let out = tmp("gold");
    let o = chc(&["extract", "corpus", "fixtures/text", "fixtures/html/stevenage_webpage.html", "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // The bar: every provision, every comply value, text ≥ 0.98.
    let full = |stem| Bar { stem, f1: 1.0, comply: 1.0, text: 0.98 };
    for stem in [
        "000_6a94297636c6b8f1",
        "002_d01d9c5920f93ed2",
        "northbridge_homes_2024_ticks",
        "kestrel_district_2022_yn",
        "harbour_homes_2024_windows1252",
        "stevenage_webpage",
        "layout_unruled_landscape",
        "layout_ruled_portrait_tagged",
    ] {
        check(&out, &full(stem));
    }
    // Known gaps, held where they are so they can only improve (see the issue notes):
    // 001 5.15 has no number and its columns slid left; 004 drops whole empty columns on
    // some pages, so evidence and commentary cannot be told apart by position.
    check(&out, &Bar { stem: "001_76db0eb272d0a5af", f1: 1.0, comply: 1.0, text: 0.98 });
    check(&out, &Bar { stem: "003_1904f7c888377993", f1: 1.0, comply: 1.0, text: 0.98 });
    check(&out, &Bar { stem: "004_1686af67d298cf97", f1: 1.0, comply: 1.0, text: 0.85 });
    check(&out, &Bar { stem: "ashdown_council_2024_runtogether", f1: 1.0, comply: 1.0, text: 0.95 });
    check(&out, &Bar { stem: "marlow_vale_2024_pipes", f1: 1.0, comply: 1.0, text: 0.93 });
    check(&out, &Bar { stem: "fenwick_housing_2024_vertical", f1: 1.0, comply: 1.0, text: 0.95 });
    let _ = std::fs::remove_dir_all(out);
}

fn strip_timings(summary: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(summary).unwrap();
    v.as_object_mut().unwrap().remove("timings");
    v
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let (a, b) = (tmp("jobs1"), tmp("jobs2"));
    for (dir, jobs) in [(&a, "1"), (&b, "2")] {
        let o = chc(&["extract", "corpus", "fixtures/text", "--out", dir.to_str().unwrap(), "--jobs", jobs, "--quiet"]);
        assert_eq!(o.status.code(), Some(0));
    }
    for f in ["provisions.csv", "errors.csv"] {
        assert_eq!(std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), "{f} differs");
    }
    let mut names: Vec<_> = std::fs::read_dir(a.join("documents")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names.len(), 5 + std::fs::read_dir(repo().join("fixtures/text")).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt")).count());
    for n in names {
        assert_eq!(std::fs::read(a.join("documents").join(&n)).unwrap(), std::fs::read(b.join("documents").join(&n)).unwrap(), "{n:?} differs");
    }
    let sa = strip_timings(&std::fs::read_to_string(a.join("summary.json")).unwrap());
    let sb = strip_timings(&std::fs::read_to_string(b.join("summary.json")).unwrap());
    assert_eq!(sa, sb);
    let _ = (std::fs::remove_dir_all(a), std::fs::remove_dir_all(b));
}

/// Every output file of `out` (path relative to it → bytes), `summary.json` without timings.
fn output_files(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for dir in [out.to_path_buf(), out.join("documents")] {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.path().is_file() {
                let name = e.path().strip_prefix(out).unwrap().to_string_lossy().to_string();
                let bytes = std::fs::read(e.path()).unwrap();
                let bytes = if name == "summary.json" { strip_timings(&String::from_utf8(bytes).unwrap()).to_string().into_bytes() } else { bytes };
                files.insert(name, bytes);
            }
        }
    }
    files
}

#[test]
fn a_rerun_into_the_same_folder_writes_what_a_first_run_writes() {
    // Unchanged documents are left in place on a rerun; changed, new and removed inputs must
    // still leave exactly what a first run into an empty folder leaves.
    let (inputs, rerun, fresh) = (tmp_dir("rerun-in"), tmp("rerun-out"), tmp("rerun-fresh"));
    let texts: Vec<_> = std::fs::read_dir(repo().join("fixtures/text")).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    for p in &texts[..4] {
        std::fs::copy(p, inputs.join(p.file_name().unwrap())).unwrap();
    }
    let extract = |out: &Path| assert_eq!(chc(&["extract", inputs.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]).status.code(), Some(0));
    extract(&rerun);
    let first = output_files(&rerun);
    let unchanged = inputs.join(texts[1].file_name().unwrap());
    let stem = unchanged.file_stem().unwrap().to_string_lossy().to_string();
    let written_at = std::fs::metadata(rerun.join("documents").join(format!("{stem}.json"))).unwrap().modified().unwrap();
    // One input changed (its landlord renamed), one removed, one added.
    let changed = inputs.join(texts[0].file_name().unwrap());
    let text = std::fs::read_to_string(&changed).unwrap_or_else(|_| String::from_utf8_lossy(&std::fs::read(&changed).unwrap()).into_owned());
    std::fs::write(&changed, format!("Rerun Test District Council\n{text}")).unwrap();
    std::fs::remove_file(inputs.join(texts[2].file_name().unwrap())).unwrap();
    std::fs::copy(&texts[4], inputs.join(texts[4].file_name().unwrap())).unwrap();
    extract(&rerun);
    extract(&fresh);
    let (again, expected) = (output_files(&rerun), output_files(&fresh));
    assert_eq!(again.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
    for (name, bytes) in &expected {
        assert!(again[name] == *bytes, "{name} differs from a first run's");
    }
    assert_ne!(again, first, "the changes must show");
    let kept_at = std::fs::metadata(rerun.join("documents").join(format!("{stem}.json"))).unwrap().modified().unwrap();
    assert_eq!(kept_at, written_at, "an unchanged document is left in place");
}

#[test]
fn bad_inputs_fail_alone_and_the_batch_goes_on() {
    let dir = tmp("bad-in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("image.pdf"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("letter.txt"), "Dear resident,\nThank you for your complaint.\n").unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 1, 2, 3, 0, 0xff, 0xfe, 0, 7]).unwrap();
    std::fs::copy(repo().join("corpus/000_6a94297636c6b8f1.txt"), dir.join("good.txt")).unwrap();
    let out = tmp("bad-out");
    let o = chc(&["extract", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "some inputs failed → exit 1");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let kinds = error_kinds(&out);
    assert_eq!(
        kinds,
        vec![
            ("binary.txt".into(), "unsupported_format".into()),
            ("empty.txt".into(), "empty_file".into()),
            ("image.pdf".into(), "unsupported_format".into()),
            ("letter.txt".into(), "not_a_form".into()),
        ]
    );
    for name in ["binary.txt", "empty.txt", "image.pdf", "letter.txt"] {
        assert!(stderr.contains(name), "stderr names {name}: {stderr}");
    }
    assert_eq!(load_doc(&out, "good").rows.len(), 72);
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).filter(|n| n.contains(".tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let _ = (std::fs::remove_dir_all(dir), std::fs::remove_dir_all(out));
}

#[test]
fn manifest_overrides_detection() {
    let dir = tmp("manifest");
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("m.csv");
    std::fs::write(&manifest, "path,landlord,code_version,document_date\n003_1904f7c888377993.txt,Luton Borough Council (manifest),2024,2025-10\n").unwrap();
    let out = dir.join("out");
    let o = chc(&["extract", "corpus/003_1904f7c888377993.txt", "--out", out.to_str().unwrap(), "--manifest", manifest.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = load_doc(&out, "003_1904f7c888377993");
    assert_eq!(doc.landlord.as_deref(), Some("Luton Borough Council (manifest)"));
    assert_eq!(doc.document_date.as_deref(), Some("2025-10"));
    assert_eq!(doc.detection.landlord.method, "manifest");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(chc(&["extract"]).status.code(), Some(2));
    assert_eq!(chc(&["extract", "no/such/path", "--out", "/tmp/x"]).status.code(), Some(2));
    assert_eq!(chc(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn long_csv_has_one_line_per_row_and_opens_in_excel() {
    let out = tmp("csv");
    let o = chc(&["extract", "corpus", "--out", out.to_str().unwrap(), "--csv-bom", "--quiet"]);
    assert_eq!(o.status.code(), Some(0));
    let bytes = std::fs::read(out.join("provisions.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "source");
    let rows = rdr.records().count();
    let total: usize = ["000_6a94297636c6b8f1", "001_76db0eb272d0a5af", "002_d01d9c5920f93ed2", "003_1904f7c888377993", "004_1686af67d298cf97"]
        .iter()
        .map(|s| load_doc(&out, s).rows.len())
        .sum();
    assert_eq!(rows, total);
    let _ = std::fs::remove_dir_all(out);
}

/// The stems of the PDFs directly in a folder of the repository, sorted.
fn pdf_stems(folder: &str) -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(repo().join(folder))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "pdf").then(|| p.file_stem().unwrap().to_string_lossy().to_string())
        })
        .collect();
    stems.sort();
    stems
}

/// Issue 4's bar for every fixture PDF, and PDFs of the seed forms scored against the same
/// gold as their text: the PDF reading must not lose what the text reading gets.
#[test]
fn pdf_fixtures_match_gold_and_keep_up_with_text() {
    let out = tmp("pdf");
    let o = chc(&["extract", "fixtures/pdf", "corpus", "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let pdfs = pdf_stems("fixtures/pdf");
    assert!(pdfs.len() >= 8);
    for stem in &pdfs {
        let stem: &'static str = Box::leak(stem.clone().into_boxed_str());
        check(&out, &Bar { stem, f1: 0.99, comply: 0.99, text: 0.97 });
    }
    // Same content, two formats: the PDF may not score lower than the text on any field
    // beyond rounding (seed 004's PDF misses 6.9, whose number and answer are both absent
    // and whose text the unruled layout joins to 6.8's continuation: F1 0.993 vs 1.0).
    for (pdf, text, f1_slack) in [("pdf_seed000_ruled_landscape", "000_6a94297636c6b8f1", 0.0), ("pdf_seed004_unruled_11pt", "004_1686af67d298cf97", 0.01)] {
        let p = evaluate_pair(&gold(text), &load_doc(&out, pdf)).metrics;
        let t = evaluate_pair(&gold(text), &load_doc(&out, text)).metrics;
        assert!(p.provision_f1 + f1_slack >= t.provision_f1, "{pdf}: F1 {} < text {}", p.provision_f1, t.provision_f1);
        assert!(p.comply_accuracy >= t.comply_accuracy, "{pdf}: comply");
        let mean = |m: &chc_eval::Metrics| (m.requirement_similarity + m.evidence_similarity + m.commentary_similarity) / 3.0;
        assert!(mean(&p) + 0.005 >= mean(&t), "{pdf}: text similarity {} < text input's {}", mean(&p), mean(&t));
    }
    let _ = std::fs::remove_dir_all(out);
}

/// Issue 14: the producer matrix (fixtures/pdf/matrix/mx_<form>_<writer>.pdf), the same forms
/// printed by six PDF writers. Every writer must read as well as any other: provision F1 and
/// comply accuracy >= 0.998, requirement/evidence/commentary similarity >= 0.98, metadata right.
#[test]
fn producer_matrix_reads_the_same_from_every_writer() {
    let out = tmp("matrix");
    let o = chc(&["extract", "fixtures/pdf/matrix", "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let stems = pdf_stems("fixtures/pdf/matrix");
    let writers: std::collections::BTreeSet<&str> = stems.iter().filter_map(|s| s.rsplit('_').next()).collect();
    assert!(writers.len() >= 5, "writers: {writers:?}");
    assert!(stems.len() >= 15);
    for stem in &stems {
        let stem: &'static str = Box::leak(stem.clone().into_boxed_str());
        // Cells centred or bottom-aligned (mx_bottom_, mx_centred_, mx_ruledmid_) are held to
        // the same bar: rows from anchors and the alignment read off the table, rows cut by
        // page breaks re-joined whichever part holds the number.
        let bar = Bar { stem, f1: 0.998, comply: 0.998, text: 0.98 };
        check(&out, &bar);
    }
}
