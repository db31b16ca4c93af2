//! Provision matching: table records into normalised rows tied to Code provisions, and
//! the document-level facts (landlord, Code version, date, draft) read from the text.

pub mod detect;
pub mod landlord;
pub mod provisions;
pub mod version;

use chc_code::answers::{parse_comply, parse_rag};
use chc_code::Registry;
use chc_model::{Comply, Detection, Document, FieldDetection, Overrides, Row, TableDocument, Warning, SCHEMA_VERSION};

/// Leave out the rows of another table that the reader took for the form's: a committee
/// pack's budget lines ("1.1 | Repairs and maintenance | 19.5m | 20.4m"), performance
/// indicators ("2.1 | Stage 1 complaints answered within 10 working days | 95% | 87.4%"),
/// an action plan keyed by provision ("5.6 | Add the desired outcome to the letter |
/// Complaints Manager | July 2025"), read under the form's header where their own header was
/// not one. Such a table is a run of three or more rows, each with no answer where the
/// answer goes, a few words of evidence at most, and wording none of the Code's; at least
/// half hold something else in the answer's place (a form whose ticks were lost holds
/// nothing there, and keeps its rows). Returns how many rows were left out.
fn drop_other_tables_rows(records: &mut Vec<chc_model::RawRecord>, registry: &Registry) -> usize {
    let words = |t: &str| t.split_whitespace().count();
    // A figure where the answer goes ("95%", "19.5m") answers no requirement of the Code;
    // only a question of the 2020 form, worded as such, is answered so.
    let figure = |r: &chc_model::RawRecord| r.comply_raw.chars().any(|c| c.is_ascii_digit()) && words(&r.comply_raw) <= 2;
    let brief = |r: &chc_model::RawRecord| parse_comply(&r.comply_raw).is_none() && words(&r.evidence) + words(&r.commentary) <= 12;
    let foreign: Vec<bool> = records
        .iter()
        .map(|r| {
            let unlike = if figure(r) { 0.5 } else { 0.3 };
            brief(r) && words(&r.requirement) >= 1 && registry.best(None, &r.requirement).is_none_or(|(_, score)| score < unlike)
        })
        .collect();
    let mut drop = vec![false; records.len()];
    let mut start = 0;
    while start < records.len() {
        if !foreign[start] {
            start += 1;
            continue;
        }
        let end = foreign[start..].iter().position(|f| !f).map_or(records.len(), |n| start + n);
        let filled = records[start..end].iter().filter(|r| !r.comply_raw.trim().is_empty()).count();
        if end - start >= 3 && 2 * filled >= end - start {
            // Rows either side with a figure for an answer are the same table's, however
            // near their wording comes to the Code's ("Stage 1 complaints answered within
            // 10 working days | 95%").
            let like_it = |r: &chc_model::RawRecord| figure(r) && brief(r);
            let first = (0..start).rev().take_while(|&i| like_it(&records[i])).last().unwrap_or(start);
            let last = (end..records.len()).take_while(|&i| like_it(&records[i])).last().map_or(end, |i| i + 1);
            drop[first..last].iter_mut().for_each(|d| *d = true);
        }
        start = end;
    }
    remove_marked(records, &drop)
}

/// Remove the records `marked` says to; returns how many.
fn remove_marked(records: &mut Vec<chc_model::RawRecord>, marked: &[bool]) -> usize {
    let mut i = 0;
    records.retain(|_| {
        i += 1;
        !marked[i - 1]
    });
    marked.iter().filter(|m| **m).count()
}

/// Join the parts of rows that a wide sheet printed on several pages: the number column
/// repeated on each, the requirement on the first page and the answer, evidence and
/// commentary on the next ("1.2 | A complaint must…", then "1.2 | Yes | Definition checked…").
/// A row whose number was seen before, with no requirement of its own, whose cells clash
/// with none of the earlier row's (each filled in one of them only, or the same), joins it.
/// Returns how many rows were joined.
fn merge_rows_printed_again(records: &mut Vec<chc_model::RawRecord>) -> usize {
    fn fields(r: &mut chc_model::RawRecord) -> [&mut String; 4] {
        [&mut r.comply_raw, &mut r.evidence, &mut r.commentary, &mut r.rag_raw]
    }
    let mut joined = vec![false; records.len()];
    let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for i in 0..records.len() {
        let Some(number) = records[i].number.clone() else { continue };
        let Some(&at) = first.get(&number) else {
            first.insert(number, i);
            continue;
        };
        if !records[i].requirement.trim().is_empty() {
            continue;
        }
        let (head, tail) = records.split_at_mut(i);
        let (earlier, later) = (&mut head[at], &mut tail[0]);
        let clash = fields(earlier).iter().zip(fields(later).iter()).any(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty() && a.trim() != b.trim());
        if !clash {
            for (a, b) in fields(earlier).into_iter().zip(fields(later)) {
                if a.trim().is_empty() {
                    *a = std::mem::take(b);
                }
            }
            joined[i] = true;
            continue;
        }
        // A third page read under the second's columns: its cells are the columns right of
        // those the row has filled so far (answer, evidence, commentary, in that order).
        let mut ahead = fields(earlier).into_iter().take(3).collect::<Vec<_>>();
        let filled = ahead.iter().rposition(|a| !a.trim().is_empty()).map_or(0, |p| p + 1);
        let parts = fields(later).iter().take(3).filter(|b| !b.trim().is_empty()).count();
        if parts > 0 && later.rag_raw.trim().is_empty() && parts <= ahead.len() - filled {
            let parts = fields(later).into_iter().take(3).filter(|b| !b.trim().is_empty()).map(std::mem::take);
            for (slot, part) in ahead[filled..].iter_mut().zip(parts) {
                **slot = part;
            }
            joined[i] = true;
        }
    }
    remove_marked(records, &joined)
}

/// Turn a reconstructed table into the normalised document.
pub fn match_document(mut table: TableDocument, registry: &Registry, overrides: &Overrides) -> Document {
    let dropped = drop_other_tables_rows(&mut table.records, registry);
    let merged = merge_rows_printed_again(&mut table.records);
    let mut warnings = table.warnings.clone();
    if merged > 0 {
        warnings.push(Warning::new("rows_printed_again", format!("{merged} rows printed again with the table's other columns (a wide sheet printed across pages) were joined to their first part")));
    }
    if dropped > 0 {
        warnings.push(Warning::new("other_table_rows", format!("{dropped} numbered rows of another table (figures, names or nothing where the answer goes, no Code wording) were left out")));
    }
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
    // An answer on a line of its own above the evidence, where a reader joined a narrow
    // answer column to the evidence ("Complia- nt" / "Our policy …").
    if let Some((first_line, _)) = evidence.trim_start().split_once('\n') {
        if first_line.split_whitespace().count() <= 4 {
            if let Some(c) = parse_comply(first_line) {
                return (c, Some(Warning::new("comply_from_evidence", "the comply cell is empty; the answer was read from the evidence")));
            }
        }
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
        assert_eq!(normalise_comply("", "Non-com- pliant\nNot yet in the policy.").0, Comply::No);
        assert_eq!(normalise_comply("", "Policy 4\nSee the leaflet.").0, Comply::Unknown);
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

    #[test]
    fn rows_a_wide_sheet_printed_again_on_later_pages_are_joined() {
        let rec = |n: &str, requirement: &str, comply: &str, evidence: &str| chc_model::RawRecord { number: Some(n.into()), requirement: requirement.into(), comply_raw: comply.into(), evidence: evidence.into(), ..Default::default() };
        // Page 1: numbers and requirements; page 2: numbers, answers and evidence; page 3:
        // numbers and commentary, read under page 2's columns.
        let mut records = vec![
            rec("1.2", "A complaint must be defined as", "", ""),
            rec("1.3", "A resident does not have to use the word complaint", "", ""),
            rec("1.2", "", "Yes", "Tarnfield Homes policy 2.1"),
            rec("1.3", "", "No", "Training is due in May"),
            rec("1.2", "", "", "No change needed"),
        ];
        assert_eq!(merge_rows_printed_again(&mut records), 3);
        assert_eq!(records.len(), 2);
        assert_eq!((records[0].comply_raw.as_str(), records[0].evidence.as_str(), records[0].commentary.as_str()), ("Yes", "Tarnfield Homes policy 2.1", "No change needed"));
        assert_eq!(records[1].comply_raw, "No");
        // The same number with its own requirement (a provision printed twice) stays a row.
        let mut records = vec![rec("5.3", "Landlords must address all points", "Yes", "Policy 5"), rec("5.3", "Landlords must address all points", "Yes", "Policy 5")];
        assert_eq!(merge_rows_printed_again(&mut records), 0);
    }

    #[test]
    fn rows_of_another_table_in_the_document_are_left_out() {
        let registry = chc_code::Registry::embedded();
        let rec = |n: &str, requirement: &str, comply: &str, evidence: &str| chc_model::RawRecord { number: Some(n.into()), requirement: requirement.into(), comply_raw: comply.into(), evidence: evidence.into(), ..Default::default() };
        let form = || {
            vec![
                rec("1.2", "A complaint must be defined as an expression of dissatisfaction, however made, about the standard of service", "Yes", "Policy 2.1"),
                rec("1.3", "A resident does not have to use the word complaint for it to be treated as such.", "Yes", "Staff training"),
            ]
        };
        // A budget and a performance table of Fernleigh Council's cabinet pack, read under
        // the form's header: figures where the answer goes, no Code wording.
        let mut records = form();
        records.extend([
            rec("1.1", "Repairs and maintenance", "19.5m", "20.4m"),
            rec("1.2", "Depreciation", "16.1m", "16.2m"),
            rec("2.1", "Interest on borrowing", "21.6m", "21.0m"),
            rec("2.2", "Stage 1 complaints answered within 10 working days", "95%", "87.4%"),
            rec("3.1", "Rent collected as a share of rent due", "98.0%", "90.6%"),
        ]);
        assert_eq!(drop_other_tables_rows(&mut records, registry), 5);
        assert_eq!(records.len(), 2);
        // A form whose ticks were lost holds nothing where the answer goes: it keeps its rows,
        // paraphrased or not; so does a row or two with a figure.
        let mut records = form();
        records.extend([rec("2.1", "Policy on the website", "", "Yes, page 4"), rec("2.2", "Easy-read leaflet", "", ""), rec("2.3", "Staff know the policy", "", "")]);
        assert_eq!(drop_other_tables_rows(&mut records, registry), 0);
        let mut records = form();
        records.extend([rec("4.1", "Repairs and maintenance", "19.5m", "20.4m"), rec("4.2", "Depreciation", "16.1m", "16.2m")]);
        assert_eq!(drop_other_tables_rows(&mut records, registry), 0);
    }
}
