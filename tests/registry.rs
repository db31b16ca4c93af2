//! The Code registry at work end to end (issue 5): rows without numbers, rows with wrong
//! numbers, and 2022 wording dressed as a 2024 form.

use chc_eval::evaluate_pair;
use chc_model::{CodeVersion, Document};
use std::path::Path;
use std::process::Command;

mod common;
use common::*;

const SEEDS: [&str; 5] = ["000_6a94297636c6b8f1", "001_76db0eb272d0a5af", "002_d01d9c5920f93ed2", "003_1904f7c888377993", "004_1686af67d298cf97"];

fn extract(input: &Path, out: &Path, extra: &[&str]) -> Vec<Document> {
    let mut args = vec!["extract", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"];
    args.extend_from_slice(extra);
    let o = Command::new(env!("CARGO_BIN_EXE_chc")).args(&args).output().unwrap();
    assert!(o.status.code() == Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let mut docs: Vec<Document> = std::fs::read_dir(out.join("documents"))
        .unwrap()
        .map(|e| serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap())
        .collect();
    docs.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    docs
}

/// A provision number at the start of a line, followed by its cell separator.
fn strip_number(line: &str) -> String {
    let mut chars = line.char_indices().peekable();
    let mut end = 0;
    let mut dots = 0;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() || (c == '.' && dots == 0) {
            dots += usize::from(c == '.');
            end = i + 1;
            chars.next();
        } else {
            break;
        }
    }
    if dots == 1 && end > 2 && line[end..].starts_with('\t') {
        line[end..].to_string()
    } else {
        line.to_string()
    }
}

#[test]
fn rows_without_numbers_are_still_matched() {
    let dir = tmp_dir("nonumbers");
    for stem in SEEDS {
        let text = std::fs::read_to_string(repo().join("corpus").join(format!("{stem}.txt"))).unwrap();
        let stripped: Vec<String> = text.split('\n').map(strip_number).collect();
        assert_ne!(stripped.join("\n"), text);
        std::fs::write(dir.join(format!("{stem}.txt")), stripped.join("\n")).unwrap();
    }
    let out = tmp_dir("nonumbers-out");
    let docs = extract(&dir, &out, &[]);
    let (mut right, mut total) = (0usize, 0usize);
    for (stem, doc) in SEEDS.iter().zip(&docs) {
        let m = evaluate_pair(&gold(stem), doc).metrics;
        right += m.counts.provision_tp;
        total += m.counts.gold_rows;
        assert!(doc.rows.iter().all(|r| !r.number_in_source), "{stem}: no number was printed");
        eprintln!("{stem}: provision recall {:.3}", m.provision_recall);
    }
    let share = right as f64 / total as f64;
    eprintln!("rows matched to the right provision without numbers: {right}/{total} = {share:.3}");
    assert!(share >= 0.98, "{right}/{total} = {share:.3}");
}

#[test]
fn wrong_numbers_are_corrected_with_a_warning() {
    let dir = tmp_dir("wrong");
    let text = std::fs::read_to_string(repo().join("corpus/000_6a94297636c6b8f1.txt")).unwrap();
    // 2.3 printed as 9.2 (a real 2024 number, other wording); 7.2 as 4.9 (no such provision).
    let edited: Vec<String> = text
        .split('\n')
        .map(|l| {
            if let Some(rest) = l.strip_prefix("2.3\t") {
                format!("9.2\t{rest}")
            } else if let Some(rest) = l.strip_prefix("7.2\t") {
                format!("4.9\t{rest}")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(dir.join("form.txt"), edited.join("\n")).unwrap();
    let out = tmp_dir("wrong-out");
    let doc = &extract(&dir, &out, &[])[0];
    for (printed, right) in [("9.2", "2.3"), ("4.9", "7.2")] {
        let row = doc.rows.iter().find(|r| r.provision.as_deref() == Some(right)).unwrap_or_else(|| panic!("{right} not found"));
        assert!(!row.number_in_source, "{right}");
        let w = row.warnings.iter().find(|w| w.kind == "number_wording_disagree").unwrap_or_else(|| panic!("{right}: {:?}", row.warnings));
        assert!(w.detail.contains(printed), "{}", w.detail);
    }
    assert_eq!(doc.rows.iter().filter(|r| r.provision.as_deref() == Some("9.2")).count(), 1);
}

#[test]
fn old_wording_under_a_new_title_is_detected_as_2022() {
    let dir = tmp_dir("disguised");
    let text = std::fs::read_to_string(repo().join("corpus/002_d01d9c5920f93ed2.txt")).unwrap();
    let disguised: Vec<String> = std::iter::once("Self-assessment form against the Complaint Handling Code 2024 (May 2024)".to_string())
        .chain(
            text.split('\n')
                .filter(|l| !l.contains("'must' requirements") && !l.contains("'should' requirements") && !l.contains("‘must’") && !l.contains("‘should’"))
                .map(|l| l.replace("Code section\t", "Code provision\t").replace("Evidence, commentary and any explanations", "Evidence\tCommentary / explanation")),
        )
        .collect();
    std::fs::write(dir.join("form.txt"), disguised.join("\n")).unwrap();
    let out = tmp_dir("disguised-out");
    let doc = &extract(&dir, &out, &[])[0];
    assert_eq!(doc.code_version, Some(CodeVersion::V2022), "{:?}", doc.detection.code_version);
    assert!(doc.detection.code_version.evidence.contains("wording"), "{:?}", doc.detection.code_version);
}

#[test]
fn align_adds_2024_counterparts_to_2022_rows() {
    let out = tmp_dir("align");
    let doc = &extract(&repo().join("corpus/002_d01d9c5920f93ed2.txt"), &out, &["--align", "2024"])[0];
    let find = |p: &str| doc.rows.iter().find(|r| r.provision.as_deref() == Some(p)).unwrap();
    assert_eq!(find("1.7").aligned_2024.as_ref().unwrap().provision, "2.1");
    assert_eq!(find("5.1").aligned_2024.as_ref().unwrap().provision, "6.3");
    let csv = std::fs::read_to_string(out.join("provisions.csv")).unwrap();
    assert!(csv.lines().next().unwrap().contains("aligned_2024"));
}

#[test]
fn registry_build_reproduces_the_committed_registry() {
    let dir = tmp_dir("registry-build");
    let out = dir.join("registry.json");
    let o = chc(&["registry", "build", "corpus", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let built = std::fs::read(&out).unwrap();
    let committed = std::fs::read(repo().join("crates/chc-code/data/registry.json")).unwrap();
    assert!(built == committed, "crates/chc-code/data/registry.json is not what `chc registry build corpus` makes; rebuild and review it");
}
