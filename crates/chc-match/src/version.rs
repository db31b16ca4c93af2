//! Which Code a form answers (QUIRKS 2): the version is never a field, so it is read from
//! the form's structure (header words, must/should sub-tables, sections, which provision
//! numbers exist, section titles) and from how its requirement cells read against each
//! version's wording.

use crate::provisions::Probe;
use chc_code::{normalise_title, CodeVersion, Registry};
use chc_model::{ColumnRole, FieldDetection, RequirementKind, TableDocument};
use chc_code::regexes::cached as re;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The versions a table form can be (the 2020 form is told apart first, by its questions).
const TABLE_VERSIONS: [CodeVersion; 2] = [CodeVersion::V2022, CodeVersion::V2024];

fn slot(v: CodeVersion) -> usize {
    CodeVersion::ALL.iter().position(|x| *x == v).expect("in ALL")
}

/// Structure votes for a version; wording votes louder when the registry can tell.
/// `probes[i]` is the [`Probe`] of `table.records[i]`.
pub fn code_version(table: &TableDocument, probes: &[Probe], registry: &Registry) -> (Option<CodeVersion>, FieldDetection) {
    // The 2020 form is phrased as questions ("Does the policy…?"); later forms quote the Code.
    // (Or opens as a question where the question mark was lost to a cut line: "Does the
    // complaints process use the", "Do we keep a record of complaint". No provision of the
    // later Codes opens so.)
    let asks = |r: &str| {
        const OPENINGS: [&str; 9] = ["Does ", "Do ", "Are ", "Is ", "Were ", "Was ", "Has ", "Have ", "Can "];
        let r = r.trim();
        r.ends_with('?') || OPENINGS.iter().any(|o| r.starts_with(o))
    };
    let asked = table.records.iter().filter(|r| asks(&r.requirement)).count();
    if !table.records.is_empty() && asked * 2 >= table.records.len() {
        let share = asked as f64 / table.records.len() as f64;
        return (
            Some(CodeVersion::V2020),
            FieldDetection { method: "structure".into(), confidence: round2((0.5 + share / 2.0).min(0.95)), evidence: format!("{asked} of {} requirements are questions (the 2020 form)", table.records.len()) },
        );
    }
    let mut evidence: Vec<String> = Vec::new();
    let mut structure = [0.0f64; 3];
    header_cues(table, &mut structure, &mut evidence);
    number_cues(table, registry, &mut structure, &mut evidence);
    title_cues(table, registry, &mut structure, &mut evidence);
    words_around_cues(table, &mut structure, &mut evidence);

    // A few questions among statements still lean to the 2020 form.
    if asked > 0 {
        structure[slot(CodeVersion::V2020)] += 2.0 * asked as f64 / table.records.len() as f64;
        evidence.push(format!("{asked} of {} requirements are questions", table.records.len()));
    }

    // Wording: how well the requirement cells read as each version's provisions, the 2020
    // form's questions included (a copy that lost its question marks still asks them).
    let texts: Vec<&Probe> = table.records.iter().zip(probes).filter(|(r, _)| r.requirement.split_whitespace().nth(7).is_some()).map(|(_, p)| p).collect();
    let mut wording: [Option<f64>; 3] = [None; 3];
    for t in &texts {
        for (v, best) in registry.best_score_per_version_of(&t.profile) {
            *wording[slot(v)].get_or_insert(0.0) += best / texts.len() as f64;
        }
    }
    // Where the wording reads alike in both Codes, the printed numbers may still tell.
    if let (Some(old), Some(new)) = (wording[slot(CodeVersion::V2022)], wording[slot(CodeVersion::V2024)]) {
        if (old - new).abs() < AGREEMENT_NEEDED_BELOW {
            agreement_cues(table, probes, registry, &mut structure, &mut evidence);
        }
    }
    let score: Vec<f64> = (0..3).map(|i| structure[i] * 0.1 + wording[i].unwrap_or(0.0)).collect();
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

/// The header's words and the table's shape.
fn header_cues(table: &TableDocument, structure: &mut [f64; 3], evidence: &mut Vec<String>) {
    let provision_header = table.columns.iter().zip(&table.roles).find(|(_, r)| **r == ColumnRole::Provision).map(|(c, _)| c.to_lowercase());
    // Landlords reuse the older template's header on newer forms ("Code section" and one
    // merged evidence column on 2024 forms): a weaker cue than the Code's own structure.
    if let Some(h) = &provision_header {
        if h.contains("code section") {
            structure[slot(CodeVersion::V2022)] += 0.5;
            evidence.push("first column \"Code section\"".into());
        } else if h.contains("provisio") {
            structure[slot(CodeVersion::V2024)] += 1.0;
            evidence.push("first column \"Code provision\"".into());
        }
    }
    if table.records.iter().any(|r| r.requirement_kind == Some(RequirementKind::Should)) {
        structure[slot(CodeVersion::V2022)] += 1.0;
        evidence.push("must/should sub-tables".into());
    }
    if table.roles.contains(&ColumnRole::EvidenceCommentary) {
        structure[slot(CodeVersion::V2022)] += 0.25;
    }
    if table.roles.contains(&ColumnRole::Evidence) && table.roles.contains(&ColumnRole::Commentary) {
        structure[slot(CodeVersion::V2024)] += 0.5;
    }
    let max_section = table.records.iter().filter_map(|r| r.number.as_deref()?.split('.').next()?.parse::<u32>().ok()).max();
    if max_section == Some(9) {
        structure[slot(CodeVersion::V2024)] += 1.0;
        evidence.push("nine sections".into());
    }
}

/// Printed numbers that only one version has (2022 1.8, 5.18; 2024 6.16, 9.4): each is a
/// vote for that version, however the row's wording reads.
fn number_cues(table: &TableDocument, registry: &Registry, structure: &mut [f64; 3], evidence: &mut Vec<String>) {
    let numbers: BTreeSet<&str> = table.records.iter().filter_map(|r| r.number.as_deref()).collect();
    for v in TABLE_VERSIONS {
        let only_here: Vec<&str> = numbers.iter().copied().filter(|n| registry.get(v, n).is_some() && TABLE_VERSIONS.iter().all(|&o| o == v || registry.get(o, n).is_none())).collect();
        if !only_here.is_empty() {
            structure[slot(v)] += (0.75 * only_here.len() as f64).min(3.0);
            evidence.push(format!("provisions only the {v} Code has: {}", only_here.iter().take(4).copied().collect::<Vec<_>>().join(", ")));
        }
    }
}

/// How close the two Codes' wording scores must be for the printed numbers to be read
/// ([`agreement_cues`]); further apart, the wording has decided.
const AGREEMENT_NEEDED_BELOW: f64 = 0.1;

/// A printed number whose row quotes that number's wording in one version only (2024 7.3
/// and 2022 6.5 are the same sentence; a row printed "7.3" with it is 2024's): where the
/// wording alone cannot tell the versions apart, the numbering can.
fn agreement_cues(table: &TableDocument, probes: &[Probe], registry: &Registry, structure: &mut [f64; 3], evidence: &mut Vec<String>) {
    const AGREES: f64 = 0.6;
    let mut agree = [0usize; 3];
    for (r, p) in table.records.iter().zip(probes) {
        let Some(n) = r.number.as_deref() else { continue };
        if r.requirement.split_whitespace().nth(7).is_none() {
            continue;
        }
        for v in TABLE_VERSIONS {
            if registry.affinity_of(v, n, &p.profile).is_some_and(|a| a >= AGREES) {
                agree[slot(v)] += 1;
            }
        }
    }
    let (old, new) = (agree[slot(CodeVersion::V2022)], agree[slot(CodeVersion::V2024)]);
    if old != new {
        let (v, lead) = if new > old { (CodeVersion::V2024, new - old) } else { (CodeVersion::V2022, old - new) };
        structure[slot(v)] += (0.5 * lead as f64).min(2.0);
        evidence.push(format!("printed numbers agree with the {v} wording ({lead} more rows)"));
    }
}

/// Section headings whose title only one version uses ("Exclusions" and "Complaint
/// handling staff" are 2024's; "Complaint handling personnel" and "Complaint handling
/// principles" 2022's).
fn title_cues(table: &TableDocument, registry: &Registry, structure: &mut [f64; 3], evidence: &mut Vec<String>) {
    let titles_of = |v: CodeVersion| -> BTreeSet<&str> { registry.section_titles().iter().filter(|(_, tv, _)| *tv == v).map(|(t, _, _)| t.as_str()).collect() };
    let (old, new) = (titles_of(CodeVersion::V2022), titles_of(CodeVersion::V2024));
    // The headings the table stage recognised ("Section 2: Exclusions", a title alone on a
    // line of the record reader): the rows carry their titles, and section lines stay in
    // the context.
    let sections = table.context.iter().map(|c| c.text.as_str()).filter(|t| t.len() <= 90 && t.get(..7).is_some_and(|w| w.eq_ignore_ascii_case("section")));
    let printed: BTreeSet<&str> = table.records.iter().filter_map(|r| r.heading_title.as_deref()).chain(sections).collect();
    let headings: BTreeSet<String> = printed
        .into_iter()
        .map(|t| {
            // "Section 2: Exclusions", "2. Exclusions": the title after the number.
            let t = t.trim();
            let t = match t.get(..7) {
                Some(word) if word.eq_ignore_ascii_case("section") => &t[7..],
                _ => t,
            };
            normalise_title(t.trim_start_matches(|c: char| c.is_ascii_digit() || " .:-–".contains(c)))
        })
        .collect();
    for (v, own, other) in [(CodeVersion::V2022, &old, &new), (CodeVersion::V2024, &new, &old)] {
        let unique: Vec<&String> = headings.iter().filter(|h| own.contains(h.as_str()) && !other.contains(h.as_str())).collect();
        if !unique.is_empty() {
            structure[slot(v)] += (0.75 * unique.len() as f64).min(2.0);
            evidence.push(format!("section titles of the {v} Code: {}", unique.iter().take(3).map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
    }
}

/// What the text around the table says of its Code: a year printed with "Code" ("the 2024
/// Code", "Complaint Handling Code self-assessment 2022", "the Code published in July 2020"),
/// "the statutory Code" (2024's), and the form's own instructions, which each version words
/// differently ("reviewed and approved by the landlord's governing body" in 2024, "discussed
/// at the landlord's governing body" in 2022). A page about one Code may name another in
/// passing, so only a version named alone counts.
fn words_around_cues(table: &TableDocument, structure: &mut [f64; 3], evidence: &mut Vec<String>) {
    static YEAR_AFTER: OnceLock<Regex> = OnceLock::new();
    static YEAR_BEFORE: OnceLock<Regex> = OnceLock::new();
    let after = re(&YEAR_AFTER, r"(?i)\bcode\b[^.\n]{0,40}?\b(?:2020|2022|2024)\b");
    let before = re(&YEAR_BEFORE, r"(?i)\b(?:2020|2022|2024)\s+(?:complaint\s+handling\s+)?code\b");
    let mut named = [false; 3];
    for line in table.context.iter().map(|c| c.text.as_str()) {
        // Most context lines name no year and no governing body: tested before any pattern.
        if ["2020", "2022", "2024"].iter().any(|y| line.contains(y)) {
            // The year ends one pattern's match and starts the other's: no captures needed.
            let years = after.find_iter(line).map(|m| &m.as_str()[m.len() - 4..]).chain(before.find_iter(line).map(|m| &m.as_str()[..4]));
            for year in years {
                if let Some(v) = CodeVersion::parse(year) {
                    named[slot(v)] = true;
                }
            }
        }
        if line.contains("tatutory") || line.contains("overning body") {
            let lower = line.to_ascii_lowercase().replace('\u{2019}', "'");
            if lower.contains("statutory code") || lower.contains("approved by the landlord's governing body") {
                named[slot(CodeVersion::V2024)] = true;
            }
            if lower.contains("discussed at the landlord's governing body") {
                named[slot(CodeVersion::V2022)] = true;
            }
        }
    }
    if let [only] = named.iter().enumerate().filter(|(_, n)| **n).map(|(i, _)| i).collect::<Vec<_>>()[..] {
        structure[only] += 1.5;
        evidence.push(format!("the text around the form names the {} Code", CodeVersion::ALL[only]));
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provisions::probes;
    use chc_model::{ContextLine, LayoutKind, RawRecord, SourceFormat, SourceInfo};

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
            furniture: vec![],
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
    fn the_2020_questions_without_their_question_marks() {
        // A copy that lost the question marks still asks the 2020 form's questions.
        let reg = Registry::embedded();
        let asked: Vec<String> = reg.of_version(CodeVersion::V2020).filter(|q| q.text.split_whitespace().nth(7).is_some()).take(6).map(|q| q.text.replace('?', "")).collect();
        let reqs: Vec<(&str, Option<RequirementKind>)> = asked.iter().map(|t| (t.as_str(), None)).collect();
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::EvidenceCommentary];
        let t = table(&["Ref", "Question", "Answer", "Evidence"], &roles, &reqs);
        let (v, d) = code_version(&t, &probes(&t.records), reg);
        assert_eq!(v, Some(CodeVersion::V2020), "{d:?}");
    }

    #[test]
    fn the_2020_questions_cut_short_by_a_narrow_column() {
        // A PDF-to-text tool that interleaves columns leaves each question's first line only.
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::EvidenceCommentary];
        let q = [("Does the complaints process use the", None), ("Do we keep a record of complaint", None), ("Are residents kept informed and", None), ("Where timescales have been", None)];
        let t = table(&["Ref", "Self-assessment question", "Answer", "Evidence and comments"], &roles, &q);
        let (v, d) = code_version(&t, &probes(&t.records), Registry::embedded());
        assert_eq!(v, Some(CodeVersion::V2020), "{d:?}");
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

    #[test]
    fn numbers_only_one_code_has_decide_a_short_excerpt_in_paraphrase() {
        // Three rows of a 2022 form in the landlord's own words: 1.7-1.9 exist only in 2022.
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::Evidence, ColumnRole::Commentary];
        let mut t = table(&["Code provision", "Code requirement", "Comply", "Evidence", "Commentary"], &roles, &[("We take every complaint unless it is excluded by our policy", None); 3]);
        for (r, n) in t.records.iter_mut().zip(["1.7", "1.8", "1.9"]) {
            r.number = Some(n.into());
        }
        let (v, d) = code_version(&t, &probes(&t.records), Registry::embedded());
        assert_eq!(v, Some(CodeVersion::V2022), "{d:?}");
        assert!(d.evidence.contains("only the 2022 Code has"), "{d:?}");
    }

    #[test]
    fn a_printed_number_tells_a_sentence_both_codes_share() {
        // 2024 7.3 and 2022 6.5 are the same sentence: the number printed beside it decides.
        let remedy = "The remedy offer must clearly set out what will happen and by when, in agreement with the resident where appropriate. Any remedy proposed must be followed through to completion.";
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::Evidence];
        for (n, want) in [("7.3", CodeVersion::V2024), ("6.5", CodeVersion::V2022)] {
            let mut t = table(&["Ref", "Requirement", "Comply", "Evidence"], &roles, &[(remedy, None)]);
            t.records[0].number = Some(n.into());
            let (v, d) = code_version(&t, &probes(&t.records), Registry::embedded());
            assert_eq!(v, Some(want), "{n}: {d:?}");
            assert!(d.evidence.contains("printed numbers agree"), "{d:?}");
        }
    }

    #[test]
    fn the_text_around_the_form_names_its_code() {
        // A sentence both Codes share, without a number: the title or the form's own
        // instructions tell; a page that names both Codes leaves it to the rest.
        let remedy = "The remedy offer must clearly set out what will happen and by when, in agreement with the resident where appropriate. Any remedy proposed must be followed through to completion.";
        let roles = [ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::Evidence];
        let with = |lines: &[&str]| {
            let mut t = table(&["Requirement", "Comply", "Evidence"], &roles, &[(remedy, None)]);
            t.records[0].number = None;
            t.context = lines.iter().enumerate().map(|(i, l)| ContextLine { location: i as u32 + 1, text: l.to_string() }).collect();
            code_version(&t, &probes(&t.records), Registry::embedded())
        };
        for (lines, want) in [
            (&["Wexley Homes: Complaint Handling Code self-assessment 2022"][..], CodeVersion::V2022),
            (&["How we meet the 2024 Code"][..], CodeVersion::V2024),
            (&["This form must be reviewed and approved by the landlord's governing body at least annually."][..], CodeVersion::V2024),
            (&["This form should be discussed at the landlord's governing body annually."][..], CodeVersion::V2022),
        ] {
            let (v, d) = with(lines);
            assert_eq!(v, Some(want), "{lines:?}: {d:?}");
            assert!(d.evidence.contains("names the"), "{d:?}");
        }
        let (_, d) = with(&["We moved from the 2022 Code to the 2024 Code in April."]);
        assert!(!d.evidence.contains("names the"), "{d:?}");
    }

    #[test]
    fn section_titles_one_code_uses_are_a_cue() {
        let roles = [ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::EvidenceCommentary];
        let mut t = table(&["Code section", "Code requirement", "Comply", "Evidence, commentary and any explanations"], &roles, &[("We take every complaint unless it is excluded by our policy", None)]);
        t.context = vec![ContextLine { location: 1, text: "Section 2: Exclusions".into() }, ContextLine { location: 2, text: "Section 4 - Complaint handling staff".into() }];
        let (v, d) = code_version(&t, &probes(&t.records), Registry::embedded());
        assert_eq!(v, Some(CodeVersion::V2024), "{d:?}");
        assert!(d.evidence.contains("section titles of the 2024 Code"), "{d:?}");
    }
}
