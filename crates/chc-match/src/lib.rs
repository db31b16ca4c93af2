//! Provision matching: table records into normalised rows tied to Code provisions, and
//! the document-level facts (landlord, Code version, date, draft) read from the text.

pub mod detect;
pub mod landlord;
pub mod provisions;
pub mod version;

use chc_code::answers::{parse_comply, parse_rag};
use chc_code::Registry;
use chc_model::{Comply, Detection, Document, FieldDetection, Overrides, Row, TableDocument, Warning, SCHEMA_VERSION};

/// Turn a reconstructed table into the normalised document.
pub fn match_document(table: TableDocument, registry: &Registry, overrides: &Overrides) -> Document {
    let mut warnings = table.warnings.clone();
    let mut detection = Detection::default();
    let probes = provisions::probes(&table.records);

    let (code_version, version_detection) = match overrides.code_version {
        Some(v) => (Some(v), FieldDetection { method: "manifest".into(), confidence: 1.0, evidence: String::new() }),
        None => version::code_version(&table, &probes, registry),
    };
    detection.code_version = version_detection;

    let (landlord, landlord_detection) = match &overrides.landlord {
        Some(l) => (Some(l.clone()), FieldDetection { method: "manifest".into(), confidence: 1.0, evidence: String::new() }),
        None => landlord::detect(&table),
    };
    detection.landlord = landlord_detection;

    let (document_date, date_detection) = match &overrides.document_date {
        Some(d) => (Some(d.clone()), FieldDetection { method: "manifest".into(), confidence: 1.0, evidence: String::new() }),
        None => detect::document_date(&table),
    };
    detection.document_date = date_detection;
    let (draft, draft_detection) = detect::draft(&table);
    detection.draft = draft_detection;

    let placed = provisions::place(&table.records, &probes, code_version, registry);
    let heading_warnings = detect::heading_title_warnings(&table, code_version, registry);
    // A form that answers only with a RAG rating (no comply cell anywhere, a rating in most
    // rows, the key printed above: "G = we fully comply"): the rating is the answer.
    let answers_by_rag = !table.records.iter().any(|r| !r.comply_raw.trim().is_empty())
        && table.records.iter().filter(|r| parse_rag(&r.rag_raw).is_some()).count() * 2 > table.records.len();
    let mut rows = Vec::with_capacity(table.records.len());
    // The records are moved into the rows: their text is most of the document.
    for (record, placement) in table.records.into_iter().zip(placed) {
        let mut row_warnings = record.warnings;
        row_warnings.extend(placement.warnings);
        let rag = parse_rag(&record.rag_raw);
        let (comply, comply_warning) = match rag.filter(|_| answers_by_rag) {
            Some(rating) => (comply_of_rag(rating), Some(Warning::new("comply_from_rag", "the form answers with a RAG rating only; the rating was read as the answer"))),
            None => normalise_comply(&record.comply_raw, &record.evidence),
        };
        row_warnings.extend(comply_warning);
        if rag.is_none() && !record.rag_raw.is_empty() {
            row_warnings.push(Warning::new("rag_unrecognised", format!("RAG value {:?} not recognised", record.rag_raw)));
        }
        let section = placement.provision.as_deref().and_then(|p| p.split('.').next()?.parse().ok());
        if let (Some(s), Some(h)) = (section, record.heading_section) {
            if s != h {
                row_warnings.push(Warning::new("heading_mismatch", format!("printed under the heading of section {h}; the number says section {s}")));
            }
        }
        let requirement_kind = record.requirement_kind.or_else(|| {
            let v = code_version?;
            registry.get(v, placement.provision.as_deref()?)?.kind
        });
        rows.push(Row {
            provision: placement.provision,
            number_in_source: placement.number_in_source,
            section,
            requirement_kind,
            requirement: record.requirement,
            comply,
            comply_raw: record.comply_raw,
            evidence: record.evidence,
            commentary: record.commentary,
            rag,
            rag_raw: (!record.rag_raw.is_empty()).then_some(record.rag_raw),
            matching: Some(placement.matching),
            quote_fidelity: placement.quote_fidelity,
            aligned_2024: None,
            source_location: record.location,
            warnings: row_warnings,
        });
    }
    warnings.extend(heading_warnings);
    if rows.iter().any(|r| r.provision.is_none()) {
        warnings.push(Warning::new("unplaced_rows", "some rows could not be tied to a Code provision"));
    }

    Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source: table.source,
        landlord,
        code_version,
        document_date,
        draft,
        columns: table.columns,
        detection,
        warnings,
        rows,
    }
}

/// Add each row's 2024 counterpart (`--align 2024`), so answers to different Code versions
/// can be compared provision by provision: a 2022 row through the 2022 → 2024 crosswalk, a
/// 2020 question through the hand-made 2020 → 2022 pairs and then that crosswalk (its kind
/// then says "via_2022_same" or "via_2022_related"). Rows with no counterpart stay empty.
pub fn align_to_2024(doc: &mut Document) {
    let from_2020 = match doc.code_version {
        Some(chc_model::CodeVersion::V2022) => false,
        Some(chc_model::CodeVersion::V2020) => true,
        _ => return,
    };
    for row in &mut doc.rows {
        let Some(provision) = row.provision.as_deref() else { continue };
        let (provision_2022, via) = if from_2020 {
            match chc_code::crosswalk::counterpart_2022_of_2020(provision) {
                Some((p, kind)) => (p, Some(kind)),
                None => continue,
            }
        } else {
            (provision, None)
        };
        row.aligned_2024 = chc_code::crosswalk::counterpart_2024(provision_2022).map(|l| chc_model::AlignedProvision {
            provision: l.provision_2024.clone().unwrap_or_default(),
            score: l.score,
            kind: match via {
                Some(kind) => format!("via_2022_{kind}"),
                None => l.kind.as_str().to_string(),
            },
        });
    }
}

/// The comply enum from the comply cell; failing that, from an answer word opening the
/// evidence ("Yes – see policy"), which some landlords write instead of filling the column.
fn normalise_comply(comply_raw: &str, evidence: &str) -> (Comply, Option<Warning>) {
    if let Some(c) = parse_comply(comply_raw) {
        return (c, None);
    }
    if !comply_raw.trim().is_empty() {
        return (Comply::Unknown, Some(Warning::new("comply_unrecognised", format!("comply cell {:?} is not a yes/no answer", shorten(comply_raw)))));
    }
    let first_words: String = evidence.split_whitespace().take(1).collect::<Vec<_>>().join(" ");
    let first_words = first_words.trim_end_matches([',', '.', '-', ':', ';']);
    if matches!(first_words.to_lowercase().as_str(), "yes" | "no" | "partial" | "partially") {
        if let Some(c) = parse_comply(first_words) {
            return (c, Some(Warning::new("comply_from_evidence", "the comply cell is empty; the answer was read from the evidence")));
        }
    }
    (Comply::Unknown, Some(Warning::new("comply_missing", "no comply answer")))
}

/// What a RAG rating says of compliance: green complies, amber in part, red does not.
fn comply_of_rag(rag: chc_model::Rag) -> Comply {
    match rag {
        chc_model::Rag::Green => Comply::Yes,
        chc_model::Rag::Amber => Comply::Partial,
        chc_model::Rag::Red => Comply::No,
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quirk15_comply_inside_evidence() {
        assert_eq!(normalise_comply("", "Yes - the policy says so").0, Comply::Yes);
        assert_eq!(normalise_comply("", "Policy section 4").0, Comply::Unknown);
        let (c, w) = normalise_comply("Corporate Complaints Policy", "");
        assert_eq!(c, Comply::Unknown);
        assert_eq!(w.unwrap().kind, "comply_unrecognised");
        assert_eq!(normalise_comply("", "").1.unwrap().kind, "comply_missing");
    }

    #[test]
    fn a_rating_is_the_answer_only_where_the_form_answers_with_ratings_alone() {
        assert_eq!(comply_of_rag(chc_model::Rag::Amber), Comply::Partial);
        let row = |comply: &str, rag: &str| chc_model::RawRecord { number: Some("1.2".into()), requirement: "A complaint must be defined as".into(), comply_raw: comply.into(), rag_raw: rag.into(), ..Default::default() };
        let table = |rows: Vec<chc_model::RawRecord>| chc_model::TableDocument {
            source: chc_model::SourceInfo { path: "t.txt".into(), sha256: String::new(), format: chc_model::SourceFormat::Text, bytes: 0 },
            layout: chc_model::LayoutKind::Tabbed,
            columns: vec![],
            roles: vec![],
            records: rows,
            context: vec![],
            front_matter_lines: 0,
            furniture: vec![],
            warnings: vec![],
        };
        let comply = |t| match_document(t, chc_code::Registry::embedded(), &chc_model::Overrides::default()).rows.iter().map(|r| r.comply).collect::<Vec<_>>();
        assert_eq!(comply(table(vec![row("", "G"), row("", "Red")])), [Comply::Yes, Comply::No]);
        // A form with a comply column keeps an empty answer unknown beside its rating.
        assert_eq!(comply(table(vec![row("Yes", "G"), row("", "Red")])), [Comply::Yes, Comply::Unknown]);
    }
}
