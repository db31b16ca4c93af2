//! End-to-end tests of the comparison datasets (issue 6): compliance_wide*.csv,
//! actions.csv, `chc diff` and `chc report` (rendered in headless Chromium).

use chc_code::{number_key, CodeVersion, Registry};
use chc_model::{Comply, Document};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

mod common;
use common::*;

/// One extraction of corpus/ shared by the tests of this file.
fn corpus_out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tmp("corpus");
        let o = chc(&["extract", "corpus", "--out", out.to_str().unwrap(), "--quiet"]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        out.persist()
    })
}

fn documents(out: &Path) -> Vec<Document> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(out.join("documents")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

fn first_comply(doc: &Document) -> BTreeMap<String, Comply> {
    let mut m = BTreeMap::new();
    for r in &doc.rows {
        if let Some(p) = &r.provision {
            m.entry(p.clone()).or_insert(r.comply);
        }
    }
    m
}

const FIXED: [&str; 5] = ["source", "landlord", "code_version", "document_date", "draft"];

#[test]
fn wide_csv_has_one_line_per_document_and_one_column_per_provision() {
    let out = corpus_out();
    let docs = documents(out);
    assert_eq!(docs.len(), 5);
    let versions: BTreeSet<CodeVersion> = docs.iter().map(|d| d.code_version.expect("seed versions are detected")).collect();
    assert_eq!(versions.len(), 2, "the seeds mix the 2022 and 2024 Codes");
    for v in versions {
        let vdocs: Vec<&Document> = docs.iter().filter(|d| d.code_version == Some(v)).collect();
        let (header, rows) = read_csv(&out.join(format!("compliance_wide_{v}.csv")));
        // Columns: the fixed ones, then every provision of the version (registry ∪ seen) in Code order.
        let mut expected: BTreeSet<((u32, u32), String)> = Registry::embedded().of_version(v).map(|p| (number_key(&p.number), p.number.clone())).collect();
        for d in &vdocs {
            expected.extend(first_comply(d).into_keys().map(|p| (number_key(&p), p)));
        }
        let expected: Vec<String> = FIXED.iter().map(|s| s.to_string()).chain(expected.into_iter().map(|(_, p)| p)).collect();
        assert_eq!(header, expected, "{v}: header");
        assert_eq!(rows.len(), vdocs.len(), "{v}: one line per document");
        let distinct: BTreeSet<&String> = header.iter().collect();
        assert_eq!(distinct.len(), header.len(), "{v}: one column per provision");
        for (row, doc) in rows.iter().zip(&vdocs) {
            assert_eq!(row.len(), header.len());
            assert_eq!(row[0], doc.source.path);
            assert_eq!(Some(&row[1]), doc.landlord.as_ref());
            assert_eq!(row[2], v.to_string());
            assert_eq!(Some(&row[3]), doc.document_date.as_ref());
            assert_eq!(row[4], doc.draft.to_string());
            let values = first_comply(doc);
            for (col, cell) in header.iter().zip(row).skip(FIXED.len()) {
                let want = values.get(col).map(|c| c.to_string()).unwrap_or_default();
                assert_eq!(cell, &want, "{}: {col}", doc.source.path);
            }
        }
    }
    // The combined file: every document once, version-qualified columns.
    let (header, rows) = read_csv(&out.join("compliance_wide.csv"));
    assert_eq!(rows.len(), docs.len());
    assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), docs.iter().map(|d| d.source.path.as_str()).collect::<Vec<_>>());
    assert!(header.iter().skip(FIXED.len()).all(|h| h.starts_with("2022:") || h.starts_with("2024:")));
    let welwyn = docs.iter().position(|d| d.source.path.contains("004_")).unwrap();
    let col = header.iter().position(|h| h == "2024:2.3").unwrap();
    assert_eq!(rows[welwyn][col], "no");
    // Aligned on the 2024 numbering: all five documents, the 2024 columns.
    let (header, rows) = read_csv(&out.join("compliance_wide_aligned_2024.csv"));
    assert_eq!(rows.len(), 5);
    assert_eq!(header.len() - FIXED.len(), Registry::embedded().of_version(CodeVersion::V2024).count());
    let old = docs.iter().position(|d| d.code_version == Some(CodeVersion::V2022)).unwrap();
    let filled = rows[old].iter().skip(FIXED.len()).filter(|c| !c.is_empty()).count();
    assert!(filled >= 40, "the crosswalk carries most 2022 answers onto 2024 provisions ({filled})");
}

#[test]
fn actions_list_every_no_and_partial_row_with_its_date() {
    let out = corpus_out();
    let docs = documents(out);
    let (header, rows) = read_csv(&out.join("actions.csv"));
    assert_eq!(header, ["source", "landlord", "code_version", "provision", "comply", "action", "target_date", "target_date_text"]);
    let listed: BTreeSet<(String, String, String)> = rows.iter().map(|r| (r[0].clone(), r[3].clone(), r[4].clone())).collect();
    let mut no_partial = 0;
    for d in &docs {
        for r in d.rows.iter().filter(|r| matches!(r.comply, Comply::No | Comply::Partial)) {
            no_partial += 1;
            let key = (d.source.path.clone(), r.provision.clone().unwrap_or_default(), r.comply.to_string());
            assert!(listed.contains(&key), "missing from actions.csv: {key:?}");
        }
    }
    assert_eq!(no_partial, 16, "the seeds have 15 no and 1 partial rows");
    assert!(rows.iter().all(|r| ["no", "partial", "unknown"].contains(&r[4].as_str())));
    assert_eq!(rows.len(), 17, "16 no/partial rows and 004's 6.9 (unknown, states an action)");
    // Seed 004: every no row whose text says "August 2024" has that target date.
    let welwyn = docs.iter().find(|d| d.source.path.contains("004_")).unwrap();
    let august: BTreeSet<String> = welwyn
        .rows
        .iter()
        .filter(|r| r.comply == Comply::No && format!("{} {}", r.evidence, r.commentary).contains("August 2024"))
        .map(|r| r.provision.clone().unwrap())
        .collect();
    assert_eq!(august, ["2.3", "5.9", "5.10", "6.4", "6.5", "6.6", "6.15", "6.16"].map(String::from).into_iter().collect());
    for r in rows.iter().filter(|r| r[0].contains("004_")) {
        if august.contains(&r[3]) {
            assert_eq!((r[6].as_str(), r[7].as_str()), ("2024-08", "August 2024"), "{r:?}");
            assert!(r[5].contains("Cabinet in August 2024"), "{r:?}");
        } else {
            assert_eq!(r[6], "", "no date stated: {r:?}");
        }
    }
    // Seed 002 1.5: "Over the coming year" from a December 2023 form.
    let r15 = rows.iter().find(|r| r[0].contains("002_") && r[3] == "1.5").unwrap();
    assert_eq!(r15[6], "2024-12");
    assert!(r15[5].starts_with("Over the coming year we will be reviewing"));
    // Rows with no stated action are still listed, with an empty action.
    let r12 = rows.iter().find(|r| r[0].contains("002_") && r[3] == "1.2").unwrap();
    assert_eq!((r12[5].as_str(), r12[6].as_str()), ("", ""));
}

#[test]
fn diff_reports_an_edited_document() {
    let (old_in, new_in) = (tmp("diff-old-in"), tmp("diff-new-in"));
    for d in [&old_in, &new_in] {
        std::fs::create_dir_all(d).unwrap();
        for e in std::fs::read_dir(repo().join("corpus")).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, d.join(p.file_name().unwrap())).unwrap();
        }
    }
    let edited = new_in.join("004_1686af67d298cf97.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    let from = "\tNo\t\tOur approach to Lessons Learned is currently under review.";
    assert!(text.contains(from));
    std::fs::write(&edited, text.replacen(from, "\tYes\t\tLessons Learned reviews now run every month.", 1)).unwrap();
    let (old_out, new_out) = (tmp("diff-old-out"), tmp("diff-new-out"));
    for (i, o) in [(&old_in, &old_out), (&new_in, &new_out)] {
        let r = chc(&["extract", i.to_str().unwrap(), "--out", o.to_str().unwrap(), "--quiet"]);
        assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    }
    // JSON: only Welwyn Hatfield changed, at 9.1.
    let r = chc(&["diff", old_out.to_str().unwrap(), new_out.to_str().unwrap(), "--json"]);
    assert_eq!(r.status.code(), Some(1), "differences → exit 1: {}", String::from_utf8_lossy(&r.stderr));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5, "all five paired");
    assert!(docs.iter().all(|d| d["matched_by"] == "landlord"));
    assert!(v["only_in_old"].as_array().unwrap().is_empty() && v["only_in_new"].as_array().unwrap().is_empty());
    let changed: Vec<&serde_json::Value> = docs.iter().filter(|d| !d["provisions"].as_array().unwrap().is_empty()).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["new"]["landlord"], "Welwyn Hatfield Borough Council");
    let changes: Vec<(String, String)> = changed[0]["provisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["provision"].as_str().unwrap().to_string(), c["change"].as_str().unwrap().to_string()))
        .collect();
    assert!(changes.contains(&("9.1".into(), "comply".into())), "{changes:?}");
    assert!(changes.iter().all(|(p, _)| p == "9.1"), "only 9.1 changed: {changes:?}");
    let comply = changed[0]["provisions"].as_array().unwrap().iter().find(|c| c["change"] == "comply").unwrap();
    assert_eq!((comply["old"].as_str(), comply["new"].as_str()), (Some("no"), Some("yes")));
    // Text: the same, for people; two single files compare with each other.
    let a = old_out.join("documents/004_1686af67d298cf97.json");
    let b = new_out.join("documents/004_1686af67d298cf97.json");
    let r = chc(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(text.contains("Welwyn Hatfield Borough Council"), "{text}");
    assert!(text.lines().any(|l| l.contains("9.1") && l.contains("comply") && l.contains("no → yes")), "{text}");
    // No differences → exit 0.
    let r = chc(&["diff", old_out.to_str().unwrap(), old_out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stdout));
    for d in [old_in, new_in, old_out, new_out] {
        let _ = std::fs::remove_dir_all(d);
    }
}

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Run a command with a deadline; returns (status code, stdout).
fn run_with_timeout(cmd: &mut Command, limit: Duration) -> (Option<i32>, Vec<u8>) {
    let out_file = tmp(&format!("chromium-stdout-{}", rand_suffix()));
    let f = std::fs::File::create(&out_file).unwrap();
    let mut child = cmd.stdout(f).stderr(Stdio::null()).spawn().expect("start chromium");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let out = std::fs::read(&out_file).unwrap_or_default();
    let _ = std::fs::remove_file(out_file);
    (status, out)
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

fn chromium(bin: &Path, profile: &Path, extra: &[&str], url: &str) -> (Option<i32>, Vec<u8>) {
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        &format!("--user-data-dir={}", profile.display()),
        "--window-size=1366,900",
    ])
    .args(extra)
    .arg(url);
    run_with_timeout(&mut cmd, Duration::from_secs(120))
}

#[test]
fn report_renders_in_chromium() {
    let Some(bin) = find_chromium() else {
        if std::env::var("CHC_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("chromium is not installed and CHC_REQUIRE_CHROMIUM=1: run scripts/install-test-deps.sh");
        }
        eprintln!("SKIPPED report_renders_in_chromium: chromium not found (scripts/install-test-deps.sh installs it; CHC_REQUIRE_CHROMIUM=1 makes this a failure)");
        return;
    };
    let out = corpus_out();
    let work = tmp("chromium");
    std::fs::create_dir_all(&work).unwrap();
    let html = work.join("report.html");
    let r = chc(&["report", out.to_str().unwrap(), "--html", html.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<link") && !page.contains(" src=\""), "self-contained: no external resources");
    let url = format!("file://{}", html.display());

    // The DOM after the page's script ran.
    let (code, dom) = chromium(&bin, &work.join("profile-dom"), &["--dump-dom"], &url);
    assert_eq!(code, Some(0), "chromium --dump-dom failed");
    let dom = String::from_utf8_lossy(&dom);
    let body = dom.split("<body").nth(1).and_then(|s| s.split('>').next()).expect("a <body> in the DOM");
    assert!(body.contains("data-ready=\"1\""), "the page script did not finish: <body{body}>");
    assert!(!body.contains("data-error"), "the page script raised: <body{body}>");
    let docs = documents(out);
    assert_eq!(dom.matches("class=\"doc-row").count(), docs.len(), "one heatmap row per document");
    assert_eq!(dom.matches("<table class=\"heatmap").count(), 2, "one heatmap per Code version");
    let (_, actions) = read_csv(&out.join("actions.csv"));
    assert_eq!(dom.matches("class=\"action-row").count(), actions.len(), "one line per action");
    assert!(dom.contains("5 of 5 documents shown"), "filters initialised");

    // The screenshot: a real, laptop-sized PNG.
    let png = work.join("report.png");
    let (code, _) = chromium(&bin, &work.join("profile-shot"), &[&format!("--screenshot={}", png.display())], &url);
    assert_eq!(code, Some(0), "chromium --screenshot failed");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let (w, h) = (u32::from_be_bytes(bytes[16..20].try_into().unwrap()), u32::from_be_bytes(bytes[20..24].try_into().unwrap()));
    assert_eq!((w, h), (1366, 900));
    assert!(bytes.len() > 30_000, "a rendered page, not a blank one ({} bytes)", bytes.len());
    if std::env::var_os("CHC_KEEP_SCREENSHOT").is_none() {
        let _ = std::fs::remove_dir_all(&work);
    } else {
        eprintln!("screenshot kept at {}", png.display());
    }
}

#[test]
fn schema_doc_names_the_version_and_every_column() {
    let doc = std::fs::read_to_string(repo().join("docs/schema.md")).unwrap();
    assert!(doc.contains(&format!("Schema version: **{}**", chc_model::SCHEMA_VERSION)), "docs/schema.md names another schema version");
    for col in chc_export::long::COLUMNS.iter().chain(chc_export::actions::COLUMNS).chain(chc_export::wide::FIXED_COLUMNS) {
        assert!(doc.contains(&format!("| `{col}` |")) || doc.contains(&format!("`{col}`")), "docs/schema.md does not describe column {col}");
    }
    for file in ["provisions.csv", "provisions.jsonl", "compliance_wide.csv", "compliance_wide_aligned_2024.csv", "actions.csv", "errors.csv", "summary.json"] {
        assert!(doc.contains(file), "docs/schema.md does not describe {file}");
    }
}
