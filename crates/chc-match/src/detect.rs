//! Document-level facts read from the document itself: date, draft status, headings that
//! disagree with the Code (QUIRKS 3, 5). The Code version is `version.rs`.

use chc_code::regexes::cached as re;
use chc_code::{CodeVersion, Registry};
use chc_model::{FieldDetection, TableDocument, Warning};
use chc_code::dates::dates_in;
use regex::Regex;
use std::sync::OnceLock;

/// The document's own date: the title's date, else a page-date line anywhere around the
/// form ("Last updated …" above it, "Last modified on …" below it), else the first date in
/// the front matter. Dates inside rows (action deadlines) and dates of the Code's own
/// history ("The Ombudsman published its Code in July 2020") are not the document's date.
pub fn document_date(table: &TableDocument) -> (Option<String>, FieldDetection) {
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    let labelled = re(&LABELLED, r"(?i)(last\s+updated|updated|modified|edited|published|date|version|approved|reviewed|completed|\bsigned\b|\bsign-off\b)");
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
        if let Some(d) = sign_off_date(&line.text) {
            return (Some(d), FieldDetection { method: "sign_off".into(), confidence: 0.8, evidence: short(&line.text) });
        }
    }
    // Page chrome the table reader left inside a cell ("…clearly.\nLast modified on 2 May 2025").
    let cells = table.records.iter().flat_map(|r| [&r.evidence, &r.commentary]);
    if let Some((d, line)) = cells.flat_map(|c| c.lines()).find_map(|l| page_date_line(l).or_else(|| sign_off_date(l)).map(|d| (d, l))) {
        return (Some(d), FieldDetection { method: "labelled_line".into(), confidence: 0.8, evidence: short(line) });
    }
    for line in front.iter() {
        if let Some(d) = own_date(&line.text) {
            return (Some(d), FieldDetection { method: "front_matter".into(), confidence: 0.5, evidence: short(&line.text) });
        }
    }
    // A running header or footer that names the form with its date ("Self-assessment,
    // January 2025" on every page); a browser's print header, dated with the time of day, is
    // the printing's date, not the form's.
    static TIME_OF_DAY: OnceLock<Regex> = OnceLock::new();
    let time_of_day = re(&TIME_OF_DAY, r"\b\d{1,2}:\d{2}\b");
    for f in &table.furniture {
        let lower = f.text.to_lowercase();
        let names_the_form = lower.contains("self-assessment") || lower.contains("self assessment") || lower.contains("complaint handling code");
        if names_the_form && f.text.chars().count() <= 140 && !time_of_day.is_match(&f.text) {
            if let Some(d) = own_date(&f.text) {
                return (Some(d), FieldDetection { method: "running_header".into(), confidence: 0.6, evidence: short(&f.text) });
            }
        }
    }
    (None, FieldDetection { method: "none".into(), confidence: 0.0, evidence: String::new() })
}

/// A line that is only a page-date or form-date label and its date: "Last modified on 2 May
/// 2025", "Page last updated: 03/06/2025", "Updated 28 June 2024", "Date of assessment: 19
/// November 2024" (not "Updated policy approved in June 2024", which dates a policy).
fn page_date_line(line: &str) -> Option<String> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    static GAP: OnceLock<Regex> = OnceLock::new();
    let label = re(
        &LABEL,
        r"(?i)^\s*(?:signed|(?:page\s+)?(?:last\s+)?(?:updated|modified|edited|reviewed|published)|(?:considered|approved|agreed|endorsed)\s+on|date\s+of\s+(?:the\s+)?(?:self[\s-]?)?assessment|(?:self[\s-]?)?assessment\s+date|date\s+(?:completed|reviewed|approved))\b",
    )
    .find(line)?;
    let (at, date) = dates_in(line).into_iter().next()?;
    // A sign-off dates the form whatever it names first ("Signed on behalf of X Homes,
    // March 2023").
    if label.as_str().trim_start().to_ascii_lowercase().starts_with("signed") {
        return Some(date);
    }
    let gap = line.get(label.end()..at)?;
    re(&GAP, r"(?i)^[\s:\x{2013}-]*(?:on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?$").is_match(gap).then_some(date)
}

/// A sign-off line: who signs, a comma, the date, nothing more ("Marlcombe Homes, March
/// 2023", "Approved by the Board, November 2022", "Resident Services Committee, 9 December
/// 2020"). Who signs is a few words, each capitalised or a small joining word.
fn sign_off_date(line: &str) -> Option<String> {
    let line = line.trim().trim_end_matches('.');
    // Asked of every line around the form: most end in no year or hold no comma.
    if line.len() > 120 || !line.ends_with(|c: char| c.is_ascii_digit()) || !line.contains(',') {
        return None;
    }
    const JOINING: [&str; 7] = ["of", "and", "the", "for", "on", "by", "behalf"];
    dates_in(line).into_iter().find_map(|(at, date)| {
        let (signer, when) = (line[..at].trim_end(), &line[at..]);
        // The day before the month ("9 December 2020", "9th December").
        let day = signer.rsplit(' ').next().filter(|w| w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']).parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)));
        let signer = day.map_or(signer, |d| signer[..signer.len() - d.len()].trim_end());
        let date_only = when.split_whitespace().count() <= 3 && when.ends_with(|c: char| c.is_ascii_digit());
        let signer = signer.strip_suffix(',')?.trim();
        let words: Vec<&str> = signer.split_whitespace().collect();
        let names = (1..=10).contains(&words.len()) && words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase() || c == '(' || c == '&') || JOINING.contains(w));
        (date_only && names).then_some(date)
    })
}

/// The first date in `line` that dates something other than the Code itself, and is not a
/// deadline.
fn own_date(line: &str) -> Option<String> {
    dates_in(line)
        .into_iter()
        .find(|(at, _)| !tells_the_codes_history(&line[..*at]) && !is_deadline(&line[..*at]) && !is_print_date(&line[..*at]) && !is_print_stamp(&line[*at..]))
        .map(|(_, d)| d)
}

/// Whether a date is a browser's print stamp, the time of day after it ("11/06/2025, 13:30
/// Complaints self-assessment | X Homes" atop every printed page): when the page was
/// printed, not when the form was made.
fn is_print_stamp(from_date: &str) -> bool {
    static STAMP: OnceLock<Regex> = OnceLock::new();
    re(&STAMP, r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d{2}\b").is_match(from_date)
}

/// Whether the text up to a date makes it the day the copy was printed ("Printed:
/// 05/12/2026", a Word DATE field in the page header): the day of the copy, not of the form.
fn is_print_date(before: &str) -> bool {
    static PRINTED: OnceLock<Regex> = OnceLock::new();
    re(&PRINTED, r"(?i)\b(printed|print\s+date|date\s+printed)\s*(on)?\s*:?\s*$").is_match(before.trim_end())
}

/// Whether the text up to a date makes it a deadline ("publish the result by 31 December
/// 2020", "to be put right before April 2021", "due: March 2025"): a date something must
/// happen by, not the date the form was made.
fn is_deadline(before: &str) -> bool {
    static DEADLINE: OnceLock<Regex> = OnceLock::new();
    re(&DEADLINE, r"(?i)\b(by|before|until|till|no\s+later\s+than|due|deadline)\s*:?(\s*the\s+end\s+of)?(\s*\d{1,2}(st|nd|rd|th)?)?\s*$").is_match(before.trim_end())
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
    use chc_model::{LayoutKind, RawRecord, SourceFormat, SourceInfo};

    /// A form with `front` lines before `rows` rows and `after` lines after them.
    fn dated(front: &[&str], rows: usize, after: &[&str]) -> TableDocument {
        let mut t = TableDocument {
            source: SourceInfo { path: "x".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 },
            layout: LayoutKind::Tabbed,
            columns: vec![],
            roles: vec![],
            records: (0..rows).map(|i| RawRecord { number: Some(format!("1.{}", i + 2)), location: 100 + i as u32, ..Default::default() }).collect(),
            context: vec![],
            front_matter_lines: 0,
            furniture: vec![],
            warnings: vec![],
        };
        let line = |location: u32, text: &&str| chc_model::ContextLine { location, text: text.to_string() };
        t.context = front.iter().enumerate().map(|(i, text)| line(i as u32, text)).collect();
        t.context.extend(after.iter().enumerate().map(|(i, text)| line(1000 + i as u32, text)));
        t.front_matter_lines = front.len();
        t
    }

    #[test]
    fn the_codes_history_does_not_date_the_form() {
        let cases: [(&[&str], &[&str], Option<&str>); 12] = [
            // Deadlines the Code sets are not the form's date either.
            (&["Our self-assessment", "Every landlord is asked to publish the result by 31 December 2020, and to put right what falls short by 31 March 2021."], &[], None),
            (&["Self-assessment", "We must publish it no later than the end of June 2025; this version was approved in May 2025."], &[], Some("2025-05")),
            (&["Self-assessment", "The Ombudsman issued the Complaint Handling Code in July 2020.", "Harbour Vale Homes reviewed its practice against the Code in October 2023."], &[], Some("2023-10")),
            (&["Our complaints", "The Housing Ombudsman's Code, first introduced in July 2020, sets what residents can expect."], &["Contact us"], None),
            (&["Complaints self-assessment", "The 2024 Code came into force on 1 April 2024; we completed this assessment in June 2024."], &[], Some("2024-06")),
            (&["Code self-assessment, published 3 May 2025"], &[], Some("2025-05")),
            // A page date after the form counts, wherever the history sentence stands.
            (&["The Code was launched by the Ombudsman in July 2020."], &["Share this page", "Page last modified on 14 Feb 2025"], Some("2025-02")),
            (&["How we handle complaints"], &["Last edited: 02/09/2024"], Some("2024-09")),
            // A sign-off dates the form it signs; a signed policy in a sentence is no date line.
            (&["How we handle complaints"], &["Signed for Tollbrook Homes by the chair, April 2024"], Some("2024-04")),
            // The meeting that considered the form dates it.
            (&["How we handle complaints", "Considered on 19 January 2021 by Tollbrook Council's Scrutiny Board."], &[], Some("2021-01")),
            (&["How we handle complaints"], &["Our designers redrew the leaflet in April 2024"], None),
            // The day a copy was printed is not the form's.
            (&["Printed: 05/12/2026", "Self-assessment, March 2025"], &[], Some("2025-03")),
        ];
        for (front, after, want) in cases {
            assert_eq!(document_date(&dated(front, 2, after)).0.as_deref(), want, "{front:?} {after:?}");
        }
    }

    #[test]
    fn a_browsers_print_stamp_does_not_date_the_form() {
        assert_eq!(own_date("11/06/2025, 13:30 Fenmoor Homes | Complaint Handling Code self-assessment 2025"), None);
        assert_eq!(own_date("2025-06-11 13:30 Self-assessment"), None);
        assert_eq!(own_date("Self-assessment, 11/06/2025"), Some("2025-06".into()));
    }

    #[test]
    fn a_running_header_that_names_the_form_with_its_date_dates_it() {
        let mut t = dated(&["How we meet the Code"], 2, &[]);
        t.furniture.push(chc_model::ContextLine { location: 1, text: "Harnwick Homes".into() });
        assert_eq!(document_date(&t).0, None);
        t.furniture.push(chc_model::ContextLine { location: 1, text: "Self-assessment, January 2025".into() });
        assert_eq!(document_date(&t).0.as_deref(), Some("2025-01"));
        // A browser's print header is dated with the time of printing.
        let mut t = dated(&["How we meet the Code"], 2, &[]);
        t.furniture.push(chc_model::ContextLine { location: 1, text: "05/12/2026, 14:33 Complaint Handling Code self-assessment".into() });
        assert_eq!(document_date(&t).0, None, "{:?}", document_date(&t).1);
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
        // The form's own date under its last row ("Date of assessment: …").
        t.records[1].evidence = "Call handlers log it.\nDate of self-assessment: 19 November 2024\nSigned on behalf of the Board".into();
        assert_eq!(document_date(&t).0.as_deref(), Some("2024-11"));
        assert_eq!(page_date_line("Assessment date - 02/04/2025"), Some("2025-04".into()));
        assert_eq!(page_date_line("Date of assessment of the policy changes in 2023"), None);
        // A sign-off run into the last cell.
        t.records[1].evidence = "Call handlers log it.\nSigned on behalf of Tollbrook Homes, March 2023".into();
        assert_eq!(document_date(&t).0.as_deref(), Some("2023-03"));
        assert_eq!(page_date_line("Designed with residents in 2023"), None);
        // Who signs, a comma and the date.
        assert_eq!(sign_off_date("Tollbrook Homes Board, 9 December 2020"), Some("2020-12".into()));
        assert_eq!(sign_off_date("Approved by the Board, November 2022"), Some("2022-11".into()));
        assert_eq!(sign_off_date("Our new policy was adopted, March 2023"), None);
        assert_eq!(sign_off_date("Tollbrook Homes, March 2023 and reviewed since"), None);
    }
}
