//! Document-level facts read from the document itself: Code version, date, draft status
//! (QUIRKS 2, 3, 5).

use chc_code::regexes::cached as re;
use crate::provisions::Probe;
use chc_code::{CodeVersion, Registry};
use chc_model::{ColumnRole, FieldDetection, RequirementKind, TableDocument, Warning};
use chc_code::dates::dates_in;
use regex::Regex;
use std::sync::OnceLock;

/// Structure votes for a version; wording votes louder when the registry can tell.
/// `probes[i]` is the [`Probe`] of `table.records[i]`.
pub fn code_version(table: &TableDocument, probes: &[Probe], registry: &Registry) -> (Option<CodeVersion>, FieldDetection) {
    let mut evidence: Vec<String> = Vec::new();
    let mut structure: [f64; 3] = [0.0; 3];
    let idx = |v: CodeVersion| CodeVersion::ALL.iter().position(|x| *x == v).expect("in ALL");

    let provision_header = table.columns.iter().zip(&table.roles).find(|(_, r)| **r == ColumnRole::Provision).map(|(c, _)| c.to_lowercase());
    if let Some(h) = &provision_header {
        if h.contains("code section") {
            structure[idx(CodeVersion::V2022)] += 1.0;
            evidence.push("first column \"Code section\"".into());
        } else if h.contains("provisio") {
            structure[idx(CodeVersion::V2024)] += 1.0;
            evidence.push("first column \"Code provision\"".into());
        } else if h.contains("question") {
            structure[idx(CodeVersion::V2020)] += 1.0;
        }
    }
    if table.records.iter().any(|r| r.requirement_kind == Some(RequirementKind::Should)) {
        structure[idx(CodeVersion::V2022)] += 1.0;
        evidence.push("must/should sub-tables".into());
    }
    if table.roles.contains(&ColumnRole::EvidenceCommentary) {
        structure[idx(CodeVersion::V2022)] += 0.5;
    }
    if table.roles.contains(&ColumnRole::Evidence) && table.roles.contains(&ColumnRole::Commentary) {
        structure[idx(CodeVersion::V2024)] += 0.5;
    }
    // The 2020 form is phrased as questions ("Does the policy…?"); later forms quote the Code.
    let asked = table.records.iter().filter(|r| r.requirement.trim_end().ends_with('?')).count();
    if !table.records.is_empty() && asked * 2 >= table.records.len() {
        let share = asked as f64 / table.records.len() as f64;
        return (
            Some(CodeVersion::V2020),
            FieldDetection { method: "structure".into(), confidence: round2((0.5 + share / 2.0).min(0.95)), evidence: format!("{asked} of {} requirements are questions (the 2020 form)", table.records.len()) },
        );
    }
    let max_section = table.records.iter().filter_map(|r| r.number.as_deref()?.split('.').next()?.parse::<u32>().ok()).max();
    if max_section == Some(9) {
        structure[idx(CodeVersion::V2024)] += 1.0;
        evidence.push("nine sections".into());
    }

    // Wording: how well the requirement cells read as each version's provisions.
    let texts: Vec<&Probe> = table.records.iter().zip(probes).filter(|(r, _)| r.requirement.split_whitespace().nth(7).is_some()).map(|(_, p)| p).collect();
    let mut wording: [Option<f64>; 3] = [None; 3];
    if !texts.is_empty() {
        for t in &texts {
            for (v, best) in registry.best_score_per_version_of(&t.profile) {
                *wording[idx(v)].get_or_insert(0.0) += best / texts.len() as f64;
            }
        }
    }
    let mut score = [0.0f64; 3];
    for i in 0..3 {
        score[i] = structure[i] * 0.1 + wording[i].unwrap_or(0.0);
    }
    let mut order: Vec<usize> = (0..3).collect();
    order.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
    let (best, second) = (order[0], order[1]);
    if score[best] <= 0.0 {
        return (None, FieldDetection { method: "none".into(), confidence: 0.0, evidence: "no structural or wording cues".into() });
    }
    let margin = score[best] - score[second];
    let method = if wording[best].is_some() { "wording+structure" } else { "structure" };
    if let (Some(b), Some(s)) = (wording[best], wording[second]) {
        evidence.push(format!("wording {:.2} vs {:.2} ({})", b, s, CodeVersion::ALL[second]));
    }
    let confidence = (0.5 + margin).clamp(0.3, 0.99);
    (Some(CodeVersion::ALL[best]), FieldDetection { method: method.into(), confidence: round2(confidence), evidence: evidence.join("; ") })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The document's own date: the title's date, else a page-date line anywhere around the
/// form ("Last updated …" above it, "Last modified on …" below it), else the first date in
/// the front matter. Dates inside rows (action deadlines) and dates of the Code's own
/// history ("The Ombudsman published its Code in July 2020") are not the document's date.
pub fn document_date(table: &TableDocument) -> (Option<String>, FieldDetection) {
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    let labelled = re(&LABELLED, r"(?i)(last\s+updated|updated|modified|edited|published|date|version|approved|reviewed|completed)");
    let front: Vec<&chc_model::ContextLine> = table.context[..table.front_matter_lines.min(table.context.len())].iter().collect();
    for (i, line) in front.iter().enumerate().take(3) {
        if line.text.chars().count() <= 140 {
            if let Some(d) = own_date(&line.text) {
                return (Some(d), FieldDetection { method: if i == 0 { "title" } else { "heading" }.into(), confidence: 0.9, evidence: short(&line.text) });
            }
        }
    }
    for line in table.context.iter() {
        if labelled.is_match(&line.text) && line.text.chars().count() <= 200 {
            if let Some(d) = own_date(&line.text) {
                return (Some(d), FieldDetection { method: "labelled_line".into(), confidence: 0.85, evidence: short(&line.text) });
            }
        }
    }
    // Page chrome the table reader left inside a cell ("…clearly.\nLast modified on 2 May 2025").
    let cells = table.records.iter().flat_map(|r| [&r.evidence, &r.commentary]);
    if let Some((d, line)) = cells.flat_map(|c| c.lines()).find_map(|l| page_date_line(l).map(|d| (d, l))) {
        return (Some(d), FieldDetection { method: "labelled_line".into(), confidence: 0.8, evidence: short(line) });
    }
    for line in front.iter() {
        if let Some(d) = own_date(&line.text) {
            return (Some(d), FieldDetection { method: "front_matter".into(), confidence: 0.5, evidence: short(&line.text) });
        }
    }
    (None, FieldDetection { method: "none".into(), confidence: 0.0, evidence: String::new() })
}

/// A line that is only a page-date label and its date: "Last modified on 2 May 2025",
/// "Page last updated: 03/06/2025", "Updated 28 June 2024" (not "Updated policy approved in
/// June 2024", which dates a policy).
fn page_date_line(line: &str) -> Option<String> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    static GAP: OnceLock<Regex> = OnceLock::new();
    let label = re(&LABEL, r"(?i)^\s*(?:page\s+)?(?:last\s+)?(?:updated|modified|edited|reviewed|published)\b").find(line)?;
    let (at, date) = dates_in(line).into_iter().next()?;
    let gap = line.get(label.end()..at)?;
    re(&GAP, r"(?i)^[\s:\x{2013}-]*(?:on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?$").is_match(gap).then_some(date)
}

/// The first date in `line` that dates something other than the Code itself.
fn own_date(line: &str) -> Option<String> {
    dates_in(line).into_iter().find(|(at, _)| !tells_the_codes_history(&line[..*at])).map(|(_, d)| d)
}

/// Whether the sentence that runs up to a date is the Code's history: its subject is the
/// Code or the Ombudsman and its verb brings the Code out ("The Housing Ombudsman published
/// its Code in", "the Code, first published in", "The 2024 Code came into force on"). A
/// form or page dated in the same words ("Our Code self-assessment, published on", "…
/// against the Code, reviewed in") is not history.
fn tells_the_codes_history(before: &str) -> bool {
    static SUBJECT: OnceLock<Regex> = OnceLock::new();
    static VERB: OnceLock<Regex> = OnceLock::new();
    static DOCUMENT: OnceLock<Regex> = OnceLock::new();
    static DATING: OnceLock<Regex> = OnceLock::new();
    let sentence = before.rsplit(['.', ';', '!', '?']).next().unwrap_or("").to_ascii_lowercase();
    let verbs = re(&VERB, r"\b(published|introduced|launched|issued|released|revised|updated|amended|came\s+into|comes\s+into|took\s+effect|takes\s+effect|brought\s+in|in\s+force|effective)\b");
    let subject = re(&SUBJECT, r"\b(code|ombudsman)\b");
    let document = re(&DOCUMENT, r"\b(self-assessment|assessment|form|page|report|document|policy|we|our|this)\b");
    let dating = re(&DATING, r"\b(updated|modified|reviewed|assessed|approved|completed|signed)\b");
    verbs.find_iter(&sentence).any(|verb| {
        let head = &sentence[..verb.start()];
        subject.find_iter(head).last().is_some_and(|s| !document.is_match(&head[s.end()..])) && !dating.is_match(&sentence[verb.end()..])
    })
}

/// Draft when the title or a status line says so; "draft" inside rows ("draft policy")
/// does not make the document a draft.
pub fn draft(table: &TableDocument) -> (bool, FieldDetection) {
    static DRAFT: OnceLock<Regex> = OnceLock::new();
    let r = re(&DRAFT, r"(?i)(^\s*draft\b|\bdraft\s+(self[- ]assessment|version|for\s+(consultation|approval|comment))|\bstatus\s*:\s*draft|\(draft\)|\bdraft\s*$|\bversion\s*:?\s*[\d.]+\s*\(?draft)");
    for line in table.context[..table.front_matter_lines.min(table.context.len())].iter().take(12) {
        if r.is_match(&line.text) {
            return (true, FieldDetection { method: "front_matter".into(), confidence: 0.9, evidence: short(&line.text) });
        }
    }
    (false, FieldDetection { method: "no_draft_marker".into(), confidence: 0.7, evidence: String::new() })
}

fn short(s: &str) -> String {
    s.chars().take(100).collect()
}

/// Section headings whose title is not the Code's title for that section (QUIRKS 5: the
/// 2024 template itself calls section 8 "Putting things right").
pub fn heading_title_warnings(table: &TableDocument, version: Option<CodeVersion>, registry: &Registry) -> Vec<Warning> {
    let Some(v) = version else { return Vec::new() };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &table.records {
        let (Some(s), Some(t)) = (r.heading_section, &r.heading_title) else { continue };
        if !seen.insert(s) || t.is_empty() {
            continue;
        }
        if let Some(code_title) = registry.section_title(v, s) {
            if chc_code::wording_similarity(t, code_title) < 0.5 && !t.to_lowercase().contains(&code_title.to_lowercase()) {
                out.push(Warning::new("heading_title_mismatch", format!("section {s} is headed {t:?}; the {v} Code calls it {code_title:?}")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provisions::probes;
    use chc_model::{LayoutKind, RawRecord, SourceFormat, SourceInfo};

    fn table(columns: &[&str], roles: &[ColumnRole], requirements: &[(&str, Option<RequirementKind>)]) -> TableDocument {
        TableDocument {
            source: SourceInfo { path: "x".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 },
            layout: LayoutKind::Tabbed,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            roles: roles.to_vec(),
            records: requirements
                .iter()
                .enumerate()
                .map(|(i, (t, k))| RawRecord { number: Some(format!("1.{}", i + 2)), requirement: t.to_string(), requirement_kind: *k, ..Default::default() })
                .collect(),
            context: vec![],
            front_matter_lines: 0,
            warnings: vec![],
        }
    }

    #[test]
    fn quirk2_version_from_structure_when_wording_is_silent() {
        let blank = Registry::new(Vec::new());
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::EvidenceCommentary];
        let t = table(&["Code section", "Code requirement", "Comply", "Evidence, commentary and any explanations"], &roles, &[("x", Some(RequirementKind::Should))]);
        let (v, d) = code_version(&t, &probes(&t.records), &blank);
        assert_eq!(v, Some(CodeVersion::V2022));
        assert_eq!(d.method, "structure");
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::Evidence, ColumnRole::Commentary];
        let t = table(&["Code provision", "Code requirement", "Comply", "Evidence", "Commentary"], &roles, &[("x", None)]);
        assert_eq!(code_version(&t, &probes(&t.records), &blank).0, Some(CodeVersion::V2024));
    }

    #[test]
    fn quirk2_question_form_is_the_2020_code() {
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::EvidenceCommentary];
        let q = [("Does the complaints policy define a complaint as the Code does?", None), ("Are residents told how to complain?", None), ("Policy reviewed annually", None)];
        let t = table(&["Code section", "Question", "Comply", "Evidence, commentary and any explanations"], &roles, &q);
        let (v, d) = code_version(&t, &probes(&t.records), Registry::embedded());
        assert_eq!(v, Some(CodeVersion::V2020), "{d:?}");
        assert!(d.evidence.contains("2 of 3"));
    }

    #[test]
    fn quirk2_wording_outweighs_a_2024_looking_header() {
        let reg = Registry::embedded();
        let old: Vec<String> = reg.of_version(CodeVersion::V2022).take(12).map(|p| p.text.clone()).collect();
        let reqs: Vec<(&str, Option<RequirementKind>)> = old.iter().map(|t| (t.as_str(), None)).collect();
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::Evidence, ColumnRole::Commentary];
        let t = table(&["Code provision", "Code requirement", "Comply", "Evidence", "Commentary"], &roles, &reqs);
        let (v, d) = code_version(&t, &probes(&t.records), reg);
        assert_eq!(v, Some(CodeVersion::V2022), "{d:?}");
        assert_eq!(d.method, "wording+structure");
    }

    fn dated(front: &[&str], rows: usize, after: &[&str]) -> TableDocument {
        let mut t = table(&[], &[], &vec![("x", None); rows]);
        let line = |location: u32, text: &&str| chc_model::ContextLine { location, text: text.to_string() };
        t.context = front.iter().enumerate().map(|(i, text)| line(i as u32, text)).collect();
        t.context.extend(after.iter().enumerate().map(|(i, text)| line(1000 + i as u32, text)));
        t.front_matter_lines = front.len();
        t
    }

    #[test]
    fn the_codes_history_does_not_date_the_form() {
        let cases: [(&[&str], &[&str], Option<&str>); 6] = [
            (&["Self-assessment", "The Ombudsman issued the Complaint Handling Code in July 2020.", "Harbour Vale Homes reviewed its practice against the Code in October 2023."], &[], Some("2023-10")),
            (&["Our complaints", "The Housing Ombudsman's Code, first introduced in July 2020, sets what residents can expect."], &["Contact us"], None),
            (&["Complaints self-assessment", "The 2024 Code came into force on 1 April 2024; we completed this assessment in June 2024."], &[], Some("2024-06")),
            (&["Code self-assessment, published 3 May 2025"], &[], Some("2025-05")),
            // A page date after the form counts, wherever the history sentence stands.
            (&["The Code was launched by the Ombudsman in July 2020."], &["Share this page", "Page last modified on 14 Feb 2025"], Some("2025-02")),
            (&["How we handle complaints"], &["Last edited: 02/09/2024"], Some("2024-09")),
        ];
        for (front, after, want) in cases {
            assert_eq!(document_date(&dated(front, 2, after)).0.as_deref(), want, "{front:?} {after:?}");
        }
    }

    #[test]
    fn a_page_date_left_inside_the_last_cell_dates_the_form() {
        let mut t = dated(&["Complaints self-assessment"], 2, &[]);
        t.records[0].evidence = "Updated policy approved in June 2024".into();
        t.records[1].evidence = "Call handlers log it.\nPage last updated: 14th March 2025".into();
        assert_eq!(document_date(&t).0.as_deref(), Some("2025-03"));
        t.records[1].evidence = "Call handlers log it.\nLast reviewed - 09/10/2024".into();
        assert_eq!(document_date(&t).0.as_deref(), Some("2024-10"));
        t.records[1].evidence = "Call handlers log it. Reviewed by the Board in May 2024".into();
        assert_eq!(document_date(&t).0, None);
        assert_eq!(page_date_line("Updated policy approved in June 2024"), None);
    }
}
