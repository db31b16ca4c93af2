//! Start-up work done ahead of need, on a core that is otherwise idle while the main thread
//! lists the inputs and opens the output files. Every document needs the registry, the
//! gazetteer and some forty compiled patterns: built lazily, they cost the first documents
//! of a batch ~10 ms and a few megabytes of fresh memory, with one core waiting on the
//! other. A small form sent through every stage builds exactly what real documents use.
//! The statics it fills are the ones the workers would fill, with the same values, so no
//! output can depend on whether it ran first.

use chc_code::Registry;
use chc_model::Overrides;

/// A minimal tabbed form: title, dates, a heading, the header and rows with evidence,
/// an action sentence with a target date, a link and a page break.
const FORM: &str = "Kestrel District Council – Complaint Handling Code self-assessment\n\
Published: June 2024\n\n\
Section 1: Definition of a complaint\n\
Code provision\tCode requirement\tComply: Yes/No\tEvidence\tCommentary / explanation\n\
1.2\tA complaint must be defined as an expression of dissatisfaction, however made.\tYes\tComplaints policy, see www.kestrel.gov.uk/complaints\tWe will review the policy by March 2025.\n\
1.3\tA resident does not have to use the word 'complaint' for it to be treated as such.\tNo\tStage 1 – policy section 4.1\tThe team is currently reviewing this and plans to finish by the end of Q2 2025/26.\n\n\n\
Page 2 of 3\n\
Section 2: Exclusions\n\
2.1\tLandlords must accept a complaint unless there is a valid reason not to do so.\tPartial\t\"Policy\" states: exclusions are listed\tNext steps: training within six months.\n";

/// Build the shared state on a background thread. Nothing joins it: a worker that needs a
/// static the warm-up is still building waits for it, as it would otherwise build it itself.
pub fn start() {
    let spawned = std::thread::Builder::new().name("chc-warm-up".into()).spawn(|| {
        // A failure here only means the workers build the state themselves.
        let _ = std::panic::catch_unwind(run);
    });
    if let Err(e) = spawned {
        tracing::debug!("no warm-up thread: {e}");
    }
}

fn run() {
    // In the order the first documents need them.
    if let Some(doc) = extract_form() {
        let _ = chc_export::actions::actions_of(&doc);
        let _ = chc_export::long::write_jsonl(&mut std::io::sink(), &doc);
    }
    // Needed by the wide tables of a batch with 2022 forms, at its very end.
    let _ = chc_code::crosswalk::embedded();
}

fn extract_form() -> Option<chc_model::Document> {
    let registry = Registry::embedded();
    let parsed = chc_parse::parse("warm-up.txt", FORM.as_bytes(), &chc_parse::Limits::default()).ok()?;
    let table = chc_table::reconstruct(&parsed, registry).ok()?;
    Some(chc_match::match_document(table, registry, &Overrides::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form must reach every stage a real one does, or the warm-up builds too little.
    #[test]
    fn the_form_goes_through_every_stage() {
        let doc = extract_form().expect("the form reads");
        assert_eq!(doc.rows.len(), 3);
        assert_eq!(doc.landlord.as_deref(), Some("Kestrel District Council"));
        assert!(doc.document_date.is_some());
        let actions = chc_export::actions::actions_of(&doc);
        assert_eq!(doc.rows.iter().map(|r| r.provision.as_deref().unwrap_or("")).collect::<Vec<_>>(), ["1.2", "1.3", "2.1"]);
        assert!(doc.rows.iter().all(|r| r.warnings.is_empty()), "{:?}", doc.rows);
        assert!(actions.len() >= 2 && actions.iter().all(|a| a.target_date.is_some()), "{actions:?}");
    }
}
