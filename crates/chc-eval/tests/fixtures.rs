//! The repository's gold files load, and each scores perfectly against itself.

use std::path::Path;

#[test]
fn gold_fixtures_score_one_against_themselves() {
    let gold_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/gold");
    if !gold_dir.is_dir() || chc_eval::json_files(&gold_dir).unwrap().is_empty() {
        eprintln!("no gold fixtures; skipped");
        return;
    }
    let start = std::time::Instant::now();
    let report = chc_eval::evaluate(&gold_dir, &gold_dir).unwrap();
    eprintln!("{} documents in {:?}", report.documents.len(), start.elapsed());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.missing_documents.is_empty());
    let o = &report.overall;
    assert!(o.counts.gold_rows > 0);
    for x in [o.provision_f1, o.comply_accuracy, o.requirement_similarity, o.evidence_similarity, o.structure_f1] {
        assert_eq!(x, 1.0);
    }
    assert_eq!(o.landlord_accuracy, 1.0);
    assert!(report.worst_rows.is_empty(), "{:?}", report.worst_rows);
    assert_eq!(report.overall_f1(), 1.0);
}
