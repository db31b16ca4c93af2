//! Crafted cases with exact expected metrics.

use super::*;
use chc_model::RequirementKind;
use std::path::PathBuf;

fn row(provision: Option<&str>, requirement: &str, comply: Comply, evidence: &str) -> GoldRow {
    GoldRow {
        provision: provision.map(str::to_string),
        number_in_source: Some(provision.is_some()),
        requirement_kind: Some(RequirementKind::Must),
        requirement: requirement.to_string(),
        comply,
        comply_raw: match comply {
            Comply::Yes => "Yes",
            Comply::No => "No",
            Comply::Partial => "Partially",
            Comply::NotApplicable => "N/A",
            Comply::Unknown => "",
        }
        .to_string(),
        evidence: evidence.to_string(),
        commentary: String::new(),
        rag: None,
    }
}

fn gold(rows: Vec<GoldRow>) -> Gold {
    Gold {
        source: Some("corpus/test_doc.txt".to_string()),
        landlord: Some("Test Homes".to_string()),
        code_version: Some("2024".to_string()),
        document_date: Some("2024-04".to_string()),
        draft: Some(false),
        rows,
    }
}

fn three() -> Vec<GoldRow> {
    vec![
        row(Some("1.1"), "The landlord must define a complaint", Comply::Yes, "Policy section 2"),
        row(Some("1.2"), "Complaints must be acknowledged", Comply::Yes, "Acknowledged within 5 days"),
        row(Some("1.3"), "A complaint must be logged", Comply::No, "Not yet logged"),
    ]
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn identical_documents_score_one_everywhere() {
    let g = gold(three());
    let r = evaluate_pair(&g, &g.to_document());
    let m = &r.metrics;
    assert_eq!(r.stem, "test_doc");
    assert!(r.found);
    assert_eq!(m.counts.matched_rows, 3);
    for x in [
        m.provision_precision,
        m.provision_recall,
        m.provision_f1,
        m.row_f1,
        m.comply_accuracy,
        m.requirement_similarity,
        m.evidence_similarity,
        m.commentary_similarity,
        m.structure_precision,
        m.structure_recall,
        m.structure_f1,
        m.landlord_accuracy,
        m.code_version_accuracy,
        m.document_date_accuracy,
        m.draft_accuracy,
    ] {
        assert_eq!(x, 1.0);
    }
    assert_eq!(m.number_in_source_accuracy, Some(1.0));
    assert_eq!(m.rag_accuracy, None);
    assert!(r.worst_rows.is_empty());
    assert_eq!(m.counts.confusion.get(Comply::Yes, Comply::Yes), 2);
    assert_eq!(m.counts.confusion.get(Comply::No, Comply::No), 1);
}

#[test]
fn missing_row() {
    let g = gold(three());
    let mut e = g.clone();
    e.rows.remove(1);
    let r = evaluate_pair(&g, &e.to_document());
    let m = &r.metrics;
    assert_eq!(
        (m.counts.gold_rows, m.counts.extracted_rows, m.counts.matched_rows, m.counts.provision_tp),
        (3, 2, 2, 2)
    );
    assert_eq!(m.provision_precision, 1.0);
    close(m.provision_recall, 2.0 / 3.0);
    close(m.provision_f1, 0.8);
    assert_eq!(m.comply_accuracy, 1.0);
    assert_eq!(m.evidence_similarity, 1.0);
    // Structure: 2 identical rows = 8 cells of mass; 12 gold cells, 8 extracted.
    assert_eq!(m.counts.structure_matched, 8.0);
    assert_eq!(m.structure_precision, 1.0);
    close(m.structure_recall, 8.0 / 12.0);
    close(m.structure_f1, 16.0 / 20.0);
    assert_eq!(r.worst_rows.len(), 1);
    let w = &r.worst_rows[0];
    assert_eq!(
        (w.reason.as_str(), w.provision.as_deref(), w.gold_index, w.extracted_index, w.score),
        ("missing row", Some("1.2"), Some(1), None, 0.0)
    );
}

#[test]
fn extra_row() {
    let g = gold(three()[..2].to_vec());
    let e = gold(three());
    let r = evaluate_pair(&g, &e.to_document());
    let m = &r.metrics;
    close(m.provision_precision, 2.0 / 3.0);
    assert_eq!(m.provision_recall, 1.0);
    close(m.provision_f1, 0.8);
    close(m.row_f1, 0.8);
    assert_eq!(m.comply_accuracy, 1.0);
    assert_eq!(r.worst_rows.len(), 1);
    let w = &r.worst_rows[0];
    assert_eq!(
        (w.reason.as_str(), w.provision.as_deref(), w.gold_index, w.extracted_index),
        ("extra row", Some("1.3"), None, Some(2))
    );
}

#[test]
fn wrong_comply_value() {
    let g = gold(three());
    let mut e = g.clone();
    e.rows[1].comply = Comply::No;
    e.rows[1].comply_raw = "No".to_string();
    let r = evaluate_pair(&g, &e.to_document());
    let m = &r.metrics;
    assert_eq!(m.provision_f1, 1.0);
    close(m.comply_accuracy, 2.0 / 3.0);
    let c = &m.counts.confusion;
    assert_eq!(c.get(Comply::Yes, Comply::Yes), 1);
    assert_eq!(c.get(Comply::Yes, Comply::No), 1);
    assert_eq!(c.get(Comply::No, Comply::No), 1);
    assert_eq!(c.matrix.iter().flatten().sum::<usize>(), 3);
    // "yes" vs "no": 3 edits over 3 characters, so one cell of twelve scores 0.
    assert_eq!(m.counts.structure_matched, 11.0);
    close(m.structure_f1, 22.0 / 24.0);
    assert_eq!(r.worst_rows.len(), 1);
    assert_eq!(r.worst_rows[0].reason, "comply yes != no");
    close(r.worst_rows[0].score, 0.8);
}

#[test]
fn text_diff() {
    let g =
        gold(vec![row(Some("1.1"), "Req one", Comply::Yes, "same"), row(Some("1.2"), "Req two", Comply::Yes, "abcd")]);
    let mut e = g.clone();
    e.rows[1].evidence = "ABCF".to_string(); // case does not count, one letter does
    let r = evaluate_pair(&g, &e.to_document());
    let m = &r.metrics;
    assert_eq!(m.evidence_similarity, 0.875);
    assert_eq!(m.requirement_similarity, 1.0);
    assert_eq!(m.comply_accuracy, 1.0);
    assert_eq!(m.provision_f1, 1.0);
    assert_eq!(m.counts.structure_matched, 7.75);
    assert_eq!(r.worst_rows.len(), 1);
    assert_eq!(r.worst_rows[0].reason, "evidence similarity 0.75");
    close(r.worst_rows[0].score, 4.75 / 5.0);
}

#[test]
fn whitespace_quotes_and_case_do_not_count() {
    let g = gold(vec![row(Some("1.1"), "The landlord's policy", Comply::Yes, "Line one\nLine two")]);
    let mut e = g.clone();
    e.rows[0].requirement = "  THE LANDLORD\u{2019}S\tpolicy ".to_string();
    e.rows[0].evidence = "Line one Line   two".to_string();
    let r = evaluate_pair(&g, &e.to_document());
    assert_eq!(r.metrics.requirement_similarity, 1.0);
    assert_eq!(r.metrics.evidence_similarity, 1.0);
    assert!(r.worst_rows.is_empty());
}

#[test]
fn duplicates_align_in_document_order() {
    let g = gold(vec![
        row(Some("2.1"), "Dup", Comply::Yes, "first"),
        row(Some("2.1"), "Dup", Comply::No, "second"),
        row(Some("2.2"), "Other", Comply::Yes, ""),
    ]);
    let same = evaluate_pair(&g, &g.to_document());
    assert_eq!(same.metrics.comply_accuracy, 1.0);
    assert_eq!(align(&g, &g.to_document()).pairs, vec![(0, 0), (1, 1), (2, 2)]);

    // The extraction lists the duplicates the other way round: still k-th with k-th.
    let mut swapped = g.clone();
    swapped.rows.swap(0, 1);
    let a = align(&g, &swapped.to_document());
    assert_eq!(a.pairs, vec![(0, 0), (1, 1), (2, 2)]);
    let r = evaluate_pair(&g, &swapped.to_document());
    close(r.metrics.comply_accuracy, 1.0 / 3.0);
    assert_eq!(r.metrics.provision_f1, 1.0);

    // Only one copy extracted: the first gold copy is matched, the second is missing.
    let mut one = g.clone();
    one.rows.remove(1);
    let a = align(&g, &one.to_document());
    assert_eq!(a.pairs, vec![(0, 0), (2, 1)]);
    assert_eq!(a.missing, vec![1]);
    assert!(a.extra.is_empty());
    let r = evaluate_pair(&g, &one.to_document());
    close(r.metrics.provision_recall, 2.0 / 3.0);
    assert_eq!(r.metrics.provision_precision, 1.0);
}

#[test]
fn empty_documents() {
    // Both empty: everything 1.0, nothing to judge for nis/rag.
    let g = gold(vec![]);
    let m = evaluate_pair(&g, &g.to_document()).metrics;
    for x in [
        m.provision_precision,
        m.provision_recall,
        m.provision_f1,
        m.row_f1,
        m.comply_accuracy,
        m.requirement_similarity,
        m.evidence_similarity,
        m.commentary_similarity,
        m.structure_precision,
        m.structure_recall,
        m.structure_f1,
    ] {
        assert_eq!(x, 1.0);
    }
    assert_eq!(m.number_in_source_accuracy, None);
    assert_eq!(m.rag_accuracy, None);

    // Gold empty, extraction not: 0.0.
    let m = evaluate_pair(&g, &gold(three()).to_document()).metrics;
    for x in [
        m.provision_precision,
        m.provision_recall,
        m.provision_f1,
        m.comply_accuracy,
        m.evidence_similarity,
        m.structure_f1,
    ] {
        assert_eq!(x, 0.0);
    }
    assert_eq!(m.landlord_accuracy, 1.0);

    // Extraction empty, gold not: 0.0, and nis is judged (0 of 3 matched) as 0.0.
    let r = evaluate_pair(&gold(three()), &g.to_document());
    let m = &r.metrics;
    for x in [
        m.provision_precision,
        m.provision_recall,
        m.provision_f1,
        m.comply_accuracy,
        m.requirement_similarity,
        m.structure_precision,
        m.structure_recall,
        m.structure_f1,
    ] {
        assert_eq!(x, 0.0);
    }
    assert_eq!(m.number_in_source_accuracy, Some(0.0));
    assert_eq!(r.worst_rows.len(), 3);
    assert!(r.worst_rows.iter().all(|w| w.reason == "missing row"));
    assert!(m.provision_f1.is_finite() && m.structure_f1.is_finite());
}

#[test]
fn unnumbered_rows_match_by_requirement_text() {
    let g = gold(vec![
        row(Some("1.1"), "The landlord must publish its policy", Comply::Yes, ""),
        row(Some("1.2"), "Complaints must be acknowledged", Comply::Yes, ""),
    ]);
    let mut e = g.clone();
    e.rows[1].provision = None;
    e.rows[1].number_in_source = Some(false);
    e.rows[1].requirement = "Complaints must be acknowledged.".to_string();
    let a = align(&g, &e.to_document());
    assert_eq!(a.pairs, vec![(0, 0), (1, 1)]);
    let r = evaluate_pair(&g, &e.to_document());
    let m = &r.metrics;
    assert_eq!((m.counts.matched_rows, m.counts.provision_tp), (2, 1));
    assert_eq!((m.provision_precision, m.provision_recall, m.provision_f1), (0.5, 0.5, 0.5));
    assert_eq!(m.row_f1, 1.0);
    assert_eq!(m.comply_accuracy, 1.0);
    close(m.requirement_similarity, (1.0 + (1.0 - 1.0 / 32.0)) / 2.0);
    assert_eq!(m.number_in_source_accuracy, Some(0.5));
    assert_eq!(
        r.worst_rows[0].reason,
        "provision 1.2 != none; requirement similarity 0.96; number_in_source true != false"
    );

    // Too different: unmatched (missing + extra).
    e.rows[1].requirement = "Something else entirely".to_string();
    let a = align(&g, &e.to_document());
    assert_eq!((a.pairs.clone(), a.missing.clone(), a.extra.clone()), (vec![(0, 0)], vec![1], vec![1]));

    // Both sides numbered, differently: never matched on text.
    let mut e = g.clone();
    e.rows[1].provision = Some("1.9".to_string());
    let a = align(&g, &e.to_document());
    assert_eq!((a.pairs, a.missing, a.extra), (vec![(0, 0)], vec![1], vec![1]));
}

#[test]
fn best_text_match_wins() {
    let g = gold(vec![row(None, "alpha beta gamma", Comply::Yes, ""), row(None, "alpha beta delta", Comply::No, "")]);
    let e = gold(vec![row(None, "alpha beta delta", Comply::No, ""), row(None, "alpha beta gamma", Comply::Yes, "")]);
    let a = align(&g, &e.to_document());
    assert_eq!(a.pairs, vec![(0, 1), (1, 0)]);
    let m = evaluate_pair(&g, &e.to_document()).metrics;
    // null == null counts as agreeing provisions.
    assert_eq!(m.provision_f1, 1.0);
    assert_eq!(m.comply_accuracy, 1.0);
}

#[test]
fn structure_ignores_provision_numbers_but_not_order() {
    let g = gold(three());
    let mut e = g.clone();
    for (i, r) in e.rows.iter_mut().enumerate() {
        r.provision = Some(format!("9.{i}"));
    }
    let m = evaluate_pair(&g, &e.to_document()).metrics;
    assert_eq!(m.provision_f1, 0.0);
    assert_eq!(m.structure_f1, 1.0);

    let mut a = row(Some("1.1"), "aaaa", Comply::Yes, "aaaa");
    a.commentary = String::new();
    let mut b = row(Some("1.2"), "bbbb", Comply::No, "bbbb");
    b.commentary = "x".to_string();
    let g = gold(vec![a.clone(), b.clone()]);
    let e = gold(vec![b, a]);
    let m = evaluate_pair(&g, &e.to_document()).metrics;
    assert_eq!(m.provision_f1, 1.0);
    assert_eq!(m.counts.structure_matched, 4.0);
    assert_eq!(m.structure_f1, 0.5);
}

#[test]
fn rag_scored_only_where_gold_has_it() {
    let mut g = gold(three()[..2].to_vec());
    g.rows[0].rag = Some(Rag::Green);
    let mut e = g.clone();
    e.rows[1].rag = Some(Rag::Red);
    let m = evaluate_pair(&g, &e.to_document()).metrics;
    assert_eq!(m.rag_accuracy, Some(1.0));
    assert_eq!((m.counts.rag_gold, m.counts.rag_judged, m.counts.rag_correct), (1, 1, 1));
    e.rows[0].rag = Some(Rag::Amber);
    let r = evaluate_pair(&g, &e.to_document());
    assert_eq!(r.metrics.rag_accuracy, Some(0.0));
    assert_eq!(r.worst_rows.len(), 0, "a rag fault alone does not lower the row score");
}

#[test]
fn document_fields() {
    let g = gold(three());
    let mut e = g.clone();
    e.landlord = Some("  TEST\n homes ".to_string());
    e.document_date = Some("2024-05".to_string());
    e.draft = None;
    e.code_version = Some("2024".to_string());
    let r = evaluate_pair(&g, &e.to_document());
    assert!(r.fields.landlord.correct);
    assert!(r.fields.code_version.correct);
    assert!(!r.fields.document_date.correct);
    assert!(r.fields.draft.correct);
    assert_eq!(r.metrics.document_date_accuracy, 0.0);
    assert_eq!(r.metrics.landlord_accuracy, 1.0);

    e.landlord = None;
    e.code_version = Some("2022".to_string());
    e.draft = Some(true);
    let r = evaluate_pair(&g, &e.to_document());
    assert!(!r.fields.landlord.correct && !r.fields.code_version.correct && !r.fields.draft.correct);

    // null == null.
    let mut g2 = g.clone();
    g2.document_date = None;
    let mut e2 = g.clone();
    e2.document_date = None;
    assert!(evaluate_pair(&g2, &e2.to_document()).fields.document_date.correct);
}

#[test]
fn overall_is_micro_averaged_and_missing_documents_count() {
    let golds = BTreeMap::from([("a".to_string(), gold(three())), ("b".to_string(), gold(three()[..1].to_vec()))]);
    let docs =
        BTreeMap::from([("a".to_string(), gold(three()).to_document()), ("z".to_string(), gold(vec![]).to_document())]);
    let r = evaluate_documents(&golds, &docs);
    assert_eq!(r.missing_documents, vec!["b"]);
    assert_eq!(r.unscored_documents, vec!["z"]);
    let o = &r.overall;
    assert_eq!((o.counts.documents, o.counts.gold_rows, o.counts.extracted_rows, o.counts.provision_tp), (2, 4, 3, 3));
    assert_eq!(o.provision_precision, 1.0);
    assert_eq!(o.provision_recall, 0.75);
    close(o.provision_f1, 6.0 / 7.0);
    close(r.overall_f1(), 6.0 / 7.0);
    assert!(r.passes(0.85) && !r.passes(0.86));
    assert_eq!(o.comply_accuracy, 1.0);
    assert_eq!(o.landlord_accuracy, 0.5);
    assert_eq!(o.draft_accuracy, 0.5);
    close(o.structure_f1, 24.0 / 28.0);
    let b = &r.documents[1];
    assert!(!b.found);
    assert_eq!(b.metrics.provision_f1, 0.0);
    assert!(!b.fields.draft.correct);
    assert_eq!(r.worst_rows.len(), 1);
    assert_eq!(r.worst_rows[0].document, "b");
}

#[test]
fn worst_rows_are_sorted_and_capped() {
    let rows: Vec<GoldRow> = (1..=30)
        .map(|i| row(Some(&format!("3.{i}")), &format!("requirement {i}"), Comply::Yes, "evidence text"))
        .collect();
    let g = gold(rows);
    let mut e = g.clone();
    e.rows.truncate(25); // 5 missing
    e.rows[0].comply = Comply::No; // one wrong comply
    e.rows[1].evidence = "evidence texts".to_string(); // one small diff
    let r = evaluate_pair(&g, &e.to_document());
    assert_eq!(r.worst_rows.len(), 7);
    assert!(r.worst_rows[..5].iter().all(|w| w.reason == "missing row"));
    assert_eq!(r.worst_rows[5].reason, "comply yes != no");
    assert!(r.worst_rows[6].reason.starts_with("evidence similarity 0.92"));
    assert!(r.worst_rows.windows(2).all(|w| w[0].score <= w[1].score));

    let e = gold(vec![]);
    let r = evaluate_pair(&g, &e.to_document());
    assert_eq!(r.worst_rows.len(), WORST_ROWS_PER_DOC);
    assert_eq!(r.worst_rows[0].gold_index, Some(0));
}

#[test]
fn long_texts_are_scored_exactly() {
    let long: String = (0..600).map(|i| format!("word{} ", i % 37)).collect();
    assert!(long.len() > LONG_TEXT_CHARS);
    let mut changed = long.clone();
    changed.replace_range(100..104, "WXYZ");
    let g = gold(vec![row(Some("1.1"), "r", Comply::Yes, &long)]);
    let mut e = g.clone();
    e.rows[0].evidence = changed.clone();
    let m = evaluate_pair(&g, &e.to_document()).metrics;
    let expected = strsim::normalized_levenshtein(&normalise(&long), &normalise(&changed));
    assert_eq!(m.evidence_similarity, expected);
    assert_eq!(text_similarity(&long, &changed), expected);
}

struct TempDir(PathBuf);
impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("chc-eval-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn evaluate_pairs_a_gold_file_with_the_document_of_the_source_it_names() {
    // extract names its output after the source with spaces and brackets made safe; the
    // gold file keeps the source's own name.
    let t = TempDir::new("source-names");
    let gold_dir = t.0.join("gold");
    let out = t.0.join("out");
    write(&gold_dir.join("Self assessment 2024 (Zoë's copy).json"), &serde_json::to_string(&gold(three())).unwrap());
    let mut doc = gold(three()).to_document();
    doc.source.path = "forms/Self assessment 2024 (Zoë's copy).txt".into();
    write(&out.join("documents/Self_assessment_2024__Zoë_s_copy_.json"), &serde_json::to_string_pretty(&doc).unwrap());
    let r = evaluate(&gold_dir, &out).unwrap();
    assert!(r.missing_documents.is_empty(), "{:?}", r.missing_documents);
    assert!(r.unscored_documents.is_empty(), "{:?}", r.unscored_documents);
    close(r.documents[0].metrics.comply_accuracy, 1.0);
}

#[test]
fn evaluate_pairs_files_by_stem() {
    let t = TempDir::new("pairs");
    let gold_dir = t.0.join("gold");
    let out = t.0.join("out");
    write(&gold_dir.join("a.json"), &serde_json::to_string(&gold(three())).unwrap());
    write(&gold_dir.join("a.notes.md"), "# notes");
    write(&gold_dir.join("b.json"), &serde_json::to_string(&gold(three()[..1].to_vec())).unwrap());
    let mut ea = gold(three());
    ea.rows[2].comply = Comply::Yes;
    write(&out.join("documents/a.json"), &serde_json::to_string_pretty(&ea.to_document()).unwrap());
    write(&out.join("documents/b.json"), "{ not json");
    write(&out.join("documents/c.json"), r#"{"rows": []}"#);
    write(&out.join("summary.json"), "{}"); // outside documents/: ignored

    let r = evaluate(&gold_dir, &out).unwrap();
    assert_eq!(r.documents.iter().map(|d| d.stem.as_str()).collect::<Vec<_>>(), vec!["a", "b"]);
    assert_eq!(r.missing_documents, vec!["b"]);
    assert_eq!(r.unscored_documents, vec!["c"]);
    assert_eq!(r.errors.len(), 1);
    assert!(r.errors[0].starts_with("b: "), "{:?}", r.errors);
    close(r.documents[0].metrics.comply_accuracy, 2.0 / 3.0);
    assert_eq!(r.overall.counts.confusion.get(Comply::No, Comply::Yes), 1);

    // A plain directory of document JSONs, peer style (gold keys only).
    let flat = t.0.join("flat");
    write(
        &flat.join("a.json"),
        r#"{"rows": [{"provision": "1.1", "requirement": "The landlord must define a complaint", "comply": "Yes", "evidence": "Policy section 2"}]}"#,
    );
    let r = evaluate(&gold_dir, &flat).unwrap();
    let a = &r.documents[0].metrics;
    close(a.provision_recall, 1.0 / 3.0);
    assert_eq!(a.provision_precision, 1.0);
    assert_eq!(a.comply_accuracy, 1.0);
    assert!(!r.documents[0].fields.landlord.correct);

    // A single document file.
    let r = evaluate(&gold_dir, &flat.join("a.json")).unwrap();
    assert_eq!(r.missing_documents, vec!["b"]);

    // Errors: no gold, missing output, broken gold.
    std::fs::create_dir_all(t.0.join("empty")).unwrap();
    assert!(evaluate(&t.0.join("empty"), &out).is_err());
    assert!(evaluate(&gold_dir, &t.0.join("nowhere")).is_err());
    write(&gold_dir.join("broken.json"), "[");
    assert!(evaluate(&gold_dir, &out).is_err());
}

#[test]
fn report_renders_and_serialises() {
    let golds = BTreeMap::from([("alpha_doc".to_string(), gold(three())), ("beta".to_string(), gold(three()))]);
    let mut e = gold(three());
    e.rows.remove(0);
    e.rows[0].comply = Comply::Partial;
    let docs = BTreeMap::from([("alpha_doc".to_string(), e.to_document())]);
    let r = evaluate_documents(&golds, &docs);
    let t = r.render_table();
    assert!(t.contains("alpha_doc"));
    assert!(t.contains("beta (missing)"));
    assert!(t.contains("OVERALL"));
    assert!(t.contains("missing row"));
    assert!(t.contains("comply yes != partial"));
    assert!(t.contains("No output document for: beta"));
    // Fixed width: every metrics line of the main table is equally long.
    let lines: Vec<&str> = t.lines().take_while(|l| !l.is_empty()).filter(|l| !l.starts_with('-')).collect();
    assert_eq!(lines.len(), 4);
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["overall"]["counts"]["gold_rows"], 6);
    assert_eq!(json["documents"][0]["stem"], "alpha_doc");
    assert_eq!(json["overall"]["counts"]["confusion"]["labels"][3], "not_applicable");
    assert!(json["overall"]["provision_f1"].as_f64().unwrap() > 0.0);
    assert!(json["documents"][1]["metrics"]["rag_accuracy"].is_null());
}
