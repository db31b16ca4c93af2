//! `actions.csv`: for every row answered no/partial, the stated action and target date (issue 6).
//!
//! A row is listed when its comply value is `no` or `partial` (always, even when no action
//! is stated: then `action` is empty), or `unknown` when its evidence/commentary states an
//! action (a sentence with an action cue, see [`action_sentences`]).
//!
//! The action is the sentence(s) of the evidence and commentary (in that order, duplicates
//! dropped) that say what will be done. The target date is read from those sentences only
//! (see [`target_date`] for the rules), so a date describing the past ("the policy was
//! reviewed in May 2022") is not taken for a target unless it sits in an action sentence.

use chc_code::regexes::cached as re;
use chc_code::dates::{month_year, numeric_date};
use chc_model::{Comply, Document, Row};
use regex::Regex;
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::OnceLock;

pub const COLUMNS: &[&str] = &["source", "landlord", "code_version", "provision", "comply", "action", "target_date", "target_date_text"];

/// One line of `actions.csv`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActionRow {
    pub source: String,
    pub landlord: String,
    pub code_version: String,
    pub provision: String,
    pub comply: Comply,
    /// The action sentence(s), joined with a space; empty when none is stated.
    pub action: String,
    /// "YYYY-MM" when a date could be read.
    pub target_date: Option<String>,
    /// The words the date was read from ("August 2024", "by end of Q2 2025").
    pub target_date_text: String,
}

/// `actions.csv`, streamed: each document's action lines are written as it is added.
pub struct ActionsCsv<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> ActionsCsv<W> {
    pub fn new(sink: W) -> io::Result<Self> {
        let mut writer = csv::Writer::from_writer(sink);
        writer.write_record(COLUMNS)?;
        Ok(ActionsCsv { writer })
    }

    pub fn add(&mut self, doc: &Document) -> io::Result<()> {
        for r in actions_of(doc) {
            self.writer.write_record(
                [
                    crate::long::excel_safe(&r.source),
                    crate::long::excel_safe(&r.landlord),
                    Cow::Borrowed(r.code_version.as_str()),
                    Cow::Borrowed(r.provision.as_str()),
                    Cow::Borrowed(r.comply.as_str()),
                    crate::long::excel_safe(&r.action),
                    Cow::Borrowed(r.target_date.as_deref().unwrap_or_default()),
                    crate::long::excel_safe(&r.target_date_text),
                ]
                .iter()
                .map(|field| field.as_bytes()),
            )?;
        }
        Ok(())
    }

    /// The sink, flushed.
    pub fn into_inner(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

/// The action lines of one document, in row order.
pub fn actions_of(doc: &Document) -> Vec<ActionRow> {
    doc.rows.iter().filter_map(|r| action_of(doc, r)).collect()
}

fn action_of(doc: &Document, row: &Row) -> Option<ActionRow> {
    let listed = matches!(row.comply, Comply::No | Comply::Partial);
    if !listed && row.comply != Comply::Unknown {
        return None;
    }
    let mut sentences: Vec<String> = Vec::new();
    for text in [&row.evidence, &row.commentary] {
        for s in action_sentences(text) {
            if !sentences.contains(&s) {
                sentences.push(s);
            }
        }
    }
    if !listed && sentences.is_empty() {
        return None;
    }
    let action = sentences.join(" ");
    let target = target_date(&action, doc.document_date.as_deref());
    Some(ActionRow {
        source: doc.source.path.clone(),
        landlord: doc.landlord.clone().unwrap_or_default(),
        code_version: doc.code_version.map(|v| v.to_string()).unwrap_or_default(),
        provision: row.provision.clone().unwrap_or_default(),
        comply: row.comply,
        action,
        target_date: target.as_ref().map(|t| t.month.clone()),
        target_date_text: target.map(|t| t.text).unwrap_or_default(),
    })
}

const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "nos", "approx", "inc", "ltd", "vs", "cllr", "para", "ref"];

/// Split cleaned cell text into sentences: at . ! ? followed by a space and a capital,
/// digit, quote or bracket (not after common abbreviations), and at line breaks.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split(['\n', '\r']) {
        let mut start = 0;
        for (pos, c) in line.char_indices() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let rest = &line[pos + c.len_utf8()..];
            if !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let Some(after) = rest.chars().find(|ch| !ch.is_whitespace()) else { continue };
            if !(after.is_uppercase() || after.is_ascii_digit() || "'\"‘“(".contains(after)) {
                continue;
            }
            let before = &line[start..pos];
            let last_word = before.rsplit(|ch: char| ch.is_whitespace() || ch == '(').next().unwrap_or("").to_lowercase();
            if ABBREVIATIONS.contains(&last_word.as_str()) || (last_word.len() == 1 && last_word.chars().all(char::is_alphabetic)) {
                continue;
            }
            let end = pos + c.len_utf8();
            push_sentence(&mut out, &line[start..end]);
            start = end;
        }
        push_sentence(&mut out, &line[start..]);
    }
    out
}

/// `s` with its whitespace collapsed to single spaces, if it holds a letter or digit.
fn push_sentence(out: &mut Vec<String>, s: &str) {
    if !s.chars().any(char::is_alphanumeric) {
        return;
    }
    let mut collapsed = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    out.push(collapsed);
}

/// Does this sentence (whitespace collapsed, as [`sentences`] gives it) state something that
/// will be done?
pub fn is_action_sentence(sentence: &str) -> bool {
    static QUOTE: OnceLock<Regex> = OnceLock::new();
    // "The policy states: … will …" quotes the policy; it is not an action.
    let quote = re(&QUOTE, r"(?i)\b(?:policy|procedure|code|guidance)\b[^.]{0,40}\b(?:states|says|sets out|provides that)\b");
    cue().is_match(sentence) && !quote.is_match(sentence)
}

/// [`CUE_PATTERN`] with any run of white space between its words. On a sentence, whose
/// white space is single spaces, it reads as the pattern does; on a whole cell it finds
/// every cue a sentence of the cell could have. One compiled pattern serves both (the
/// biggest of the workspace's, ~1.5 ms to compile).
fn cue() -> &'static Regex {
    static CUE: OnceLock<Regex> = OnceLock::new();
    // Word boundaries as in the other patterns (`chc_code::regexes`).
    CUE.get_or_init(|| chc_code::regexes::compile(&CUE_PATTERN.replace(r"\ ", r"\s+")))
}

/// The action cues of [`is_action_sentence`].
const CUE_PATTERN: &str = r"(?ix)
        \b(?:will|shall)\b
        | \bto\ be\ [a-z]+(?:ed|en|t)\b
        | \b(?:is|are)\ being\b
        | \bunder\ (?:review|way|development|consideration)\b
        | \bunderway\b | \bin\ progress\b | \bongoing\ work\b
        | \b(?:we|council|team|landlord)\ (?:are|is)\ (?:currently\ |now\ )?(?:introducing|looking|working|reviewing|developing|updating|planning|considering|implementing|revising|drafting|exploring|preparing|creating|procuring|recruiting|moving)\b
        | \bworking\ (?:to|on|towards)\b
        | \blook(?:ing)?\ to\b
        | \bplan(?:s|ned|ning)?\ to\b | \bintend(?:s|ed)?\ to\b | \baim(?:s|ing)?\ to\b
        | \bproposed\b | \bscheduled\b | \bdue\ (?:to|in|by|for)\b
        | \bnext\ steps?\b | \bgoing\ forward\b
        | \b(?:an|as\ an|further)\ actions?\b | \baction\ plan\b
        | \bneeds?\ to\ be\b | \bwe\ need\ to\b
        | \b(?:by|before)\ (?:the\ )?end\ of\b
        ";

/// The sentences of `text` that state an action.
pub fn action_sentences(text: &str) -> Vec<String> {
    // Most cells state no action. A sentence is a piece of the text with its whitespace
    // collapsed, so where no cue matches the text with any whitespace between its words,
    // no sentence can have one, and the text need not be split.
    if !cue().is_match(text) {
        return Vec::new();
    }
    sentences(text).into_iter().filter(|s| is_action_sentence(s)).collect()
}

/// A target date read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetDate {
    /// "YYYY-MM".
    pub month: String,
    /// The words it was read from.
    pub text: String,
}

struct Candidate {
    start: usize,
    end: usize,
    month: String,
}

fn ym(year: i32, month: i32) -> String {
    // Normalise month overflow (relative dates).
    let total = year * 12 + (month - 1);
    format!("{:04}-{:02}", total.div_euclid(12), total.rem_euclid(12) + 1)
}

fn two_digit_follow(first: i32, second: &str) -> bool {
    let n: i32 = second.parse().unwrap_or(-1);
    if second.len() == 4 {
        n == first + 1
    } else {
        n == (first + 1) % 100
    }
}

fn word_number(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    Some(match s.to_lowercase().as_str() {
        "one" | "a" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "six" => 6,
        "nine" => 9,
        "twelve" => 12,
        "eighteen" => 18,
        "twenty-four" => 24,
        _ => return None,
    })
}

/// The target date stated in `text`, as "YYYY-MM", with the words it came from.
///
/// Recognised (case-insensitive), each mapped to the **last month** of the period named:
/// - "August 2024", "Aug. 2024", "31 March 2025" → that month (via `chc_code::dates::month_year`);
/// - "31/03/2025", "2025-03-31" → that month (via `chc_code::dates::numeric_date`); "03/2025";
/// - calendar quarters "Q2 2025", "quarter 2 2025" → 2025-03/06/09/12 for Q1..Q4;
/// - financial-year quarters "Q2 2024/25" (UK April–March year) → Q1 2024-06, Q2 2024-09,
///   Q3 2024-12, Q4 2025-03;
/// - financial years "2024/25", "2024-25", "2024/2025", "FY 2024/25" → 2025-03;
/// - seasons "Spring 2024" → 2024-05, "Summer 2024" → 2024-08, "Autumn/Fall 2024" → 2024-11,
///   "Winter 2024" → 2024-12, "Winter 2024/25" → 2025-02;
/// - "early 2025" / "start of 2025" → 2025-03, "mid 2025" / "first half of 2025" → 2025-06,
///   "late 2025" / "end of 2025" / "second half of 2025" → 2025-12;
/// - a bare year after by/in/during/before/within ("by 2025") → 2025-12;
/// - relative to the document's date (only when it is known): "over the coming year",
///   "within the next 12 months" → document date + 12 months; "within six months" → + 6;
///   "next year" → December of the following year; "by the end of the year" → December of
///   the document's year.
///
/// When several dates are stated: dates before the document's date are set aside (unless
/// there is nothing else), then a date introduced as a deadline (by, before, until, no later
/// than, due, target, deadline) is preferred, then the first in reading order.
pub fn target_date(text: &str, document_date: Option<&str>) -> Option<TargetDate> {
    let mut cands = candidates(text, document_date);
    if cands.is_empty() {
        return None;
    }
    // Drop candidates inside a longer one ("March 2025" inside "end of March 2025").
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        if kept.iter().any(|k| k.start <= c.start && c.end <= k.end) {
            continue;
        }
        kept.retain(|k| !(c.start <= k.start && k.end <= c.end));
        kept.push(c);
    }
    if let Some(doc) = document_date.filter(|d| d.len() == 7) {
        if kept.iter().any(|c| c.month.as_str() >= doc) {
            kept.retain(|c| c.month.as_str() >= doc);
        }
    }
    static DEADLINE: OnceLock<Regex> = OnceLock::new();
    let deadline = re(&DEADLINE, r"(?i)\b(?:by|before|until|no later than|due(?: in| by)?|target(?: date)?:?|deadline:?)\s+(?:the\s+)?(?:end\s+of\s+)?$");
    let chosen = kept
        .iter()
        .find(|c| {
            let mut from = c.start.saturating_sub(40);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            deadline.is_match(&text[from..c.start])
        })
        .or_else(|| kept.first())?;
    Some(TargetDate { month: chosen.month.clone(), text: text[chosen.start..chosen.end].trim().to_string() })
}

fn candidates(text: &str, document_date: Option<&str>) -> Vec<Candidate> {
    static MONTH: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    static MONTH_NUM: OnceLock<Regex> = OnceLock::new();
    static QUARTER: OnceLock<Regex> = OnceLock::new();
    static FY: OnceLock<Regex> = OnceLock::new();
    static SEASON: OnceLock<Regex> = OnceLock::new();
    static PART: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    static COMING: OnceLock<Regex> = OnceLock::new();
    static WITHIN: OnceLock<Regex> = OnceLock::new();
    static NEXT_YEAR: OnceLock<Regex> = OnceLock::new();
    static END_YEAR: OnceLock<Regex> = OnceLock::new();
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize, month: Option<String>| {
        if let Some(month) = month {
            out.push(Candidate { start, end, month });
        }
    };
    // Every pattern up to the relative ones names a year "20xx".
    if text.contains("20") {
        let month_re = re(&MONTH, r"(?i)\b(?:end\s+of\s+|(?:\d{1,2}(?:st|nd|rd|th)?\s+))?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+20\d\d\b");
        for m in month_re.find_iter(text) {
            push(m.start(), m.end(), month_year(m.as_str()));
        }
        for m in re(&NUMERIC, r"\b(?:\d{1,2}/\d{1,2}/20\d\d|20\d\d-\d{2}-\d{2})\b").find_iter(text) {
            push(m.start(), m.end(), numeric_date(m.as_str()));
        }
        for c in re(&MONTH_NUM, r"\b(0?[1-9]|1[0-2])/(20\d\d)\b").captures_iter(text) {
            let m = c.get(0).unwrap();
            // Not the tail of a dd/mm/yyyy date.
            if text[..m.start()].ends_with('/') {
                continue;
            }
            let month: i32 = c[1].parse().unwrap();
            let year: i32 = c[2].parse().unwrap();
            push(m.start(), m.end(), Some(ym(year, month)));
        }
        for c in re(&QUARTER, r"(?i)\b(?:end\s+of\s+)?(?:q|quarter\s*)([1-4])\s*(?:of\s+)?(?:the\s+)?(?:(?:financial|fiscal)\s+year\s+)?(20\d\d)(?:\s*[/-]\s*(\d{2}(?:\d{2})?))?\b").captures_iter(text) {
            let m = c.get(0).unwrap();
            let q: i32 = c[1].parse().unwrap();
            let year: i32 = c[2].parse().unwrap();
            let month = match c.get(3) {
                Some(second) if two_digit_follow(year, second.as_str()) => Some(ym(year, 3 + q * 3)),
                Some(_) => None,
                None => Some(ym(year, q * 3)),
            };
            push(m.start(), m.end(), month);
        }
        for c in re(&FY, r"(?i)\b(?:(?:end\s+of\s+)?(?:the\s+)?(?:(?:financial|fiscal)\s+year\s+|fy\s*))?(20\d\d)\s*[/-]\s*(\d{2}(?:\d{2})?)\b").captures_iter(text) {
            let m = c.get(0).unwrap();
            let year: i32 = c[1].parse().unwrap();
            // "2025-03-31" is an ISO date, not a financial year.
            if text[m.end()..].starts_with('-') || !two_digit_follow(year, &c[2]) {
                continue;
            }
            push(m.start(), m.end(), Some(ym(year + 1, 3)));
        }
        for c in re(&SEASON, r"(?i)\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(20\d\d)(?:\s*[/-]\s*(\d{2}(?:\d{2})?))?\b").captures_iter(text) {
            let m = c.get(0).unwrap();
            let year: i32 = c[2].parse().unwrap();
            let month = match (c[1].to_lowercase().as_str(), c.get(3)) {
                ("winter", Some(s)) if two_digit_follow(year, s.as_str()) => Some(ym(year + 1, 2)),
                (_, Some(_)) => None,
                ("spring", None) => Some(ym(year, 5)),
                ("summer", None) => Some(ym(year, 8)),
                ("winter", None) => Some(ym(year, 12)),
                _ => Some(ym(year, 11)),
            };
            push(m.start(), m.end(), month);
        }
        for c in re(&PART, r"(?i)\b(early|beginning\s+of|start\s+of|mid|middle\s+of|first\s+half\s+of|h1|second\s+half\s+of|h2|late|(?:the\s+)?end\s+of)[\s-]+(?:the\s+)?(?:year\s+)?(20\d\d)(\s*[/-]\s*\d)?").captures_iter(text) {
            if c.get(3).is_some() {
                continue; // a financial year: read by the FY pattern
            }
            let m = c.get(0).unwrap();
            let year: i32 = c[2].parse().unwrap();
            let part = c[1].to_lowercase();
            let month = if part.starts_with("early") || part.starts_with("beginning") || part.starts_with("start") {
                3
            } else if part.starts_with("mid") || part.starts_with("middle") || part.starts_with("first") || part == "h1" {
                6
            } else {
                12
            };
            push(m.start(), m.end(), Some(ym(year, month)));
        }
        for c in re(&BARE, r"(?i)\b(?:by|in|during|before|within|throughout)\s+(?:the\s+)?(?:year\s+)?(20\d\d)\b").captures_iter(text) {
            let m = c.get(0).unwrap();
            let rest = &text[m.end()..];
            if rest.starts_with('/') || rest.starts_with('-') {
                continue;
            }
            let year: i32 = c[1].parse().unwrap();
            push(m.start(), m.end(), Some(ym(year, 12)));
        }
    }
    let Some((dy, dm)) = document_date.and_then(parse_ym) else { return out };
    // Each relative pattern needs one of these words (no letter of them has a Unicode case
    // fold outside ASCII), and most action texts have none.
    let lower = text.to_ascii_lowercase();
    let (coming, next, month, year) = (lower.contains("coming"), lower.contains("next"), lower.contains("month"), lower.contains("year"));
    if !(coming || next || month || year) {
        return out;
    }
    for m in (coming || next).then(|| re(&COMING, r"(?i)\b(?:over|in|within|during)\s+(?:the\s+)?(?:coming|next)\s+(?:12\s+months|twelve\s+months|year)\b").find_iter(text)).into_iter().flatten() {
        push(m.start(), m.end(), Some(ym(dy, dm + 12)));
    }
    for c in month.then(|| re(&WITHIN, r"(?i)\b(?:within|over|in)\s+(?:the\s+)?(?:next\s+)?(\d{1,2}|one|two|three|four|six|nine|twelve|eighteen|twenty-four)\s+months?\b").captures_iter(text)).into_iter().flatten() {
        let m = c.get(0).unwrap();
        if let Some(n) = word_number(&c[1]) {
            push(m.start(), m.end(), Some(ym(dy, dm + n)));
        }
    }
    for m in next.then(|| re(&NEXT_YEAR, r"(?i)\bnext\s+year\b").find_iter(text)).into_iter().flatten() {
        push(m.start(), m.end(), Some(ym(dy + 1, 12)));
    }
    for m in year.then(|| re(&END_YEAR, r"(?i)\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this)\s+(?:calendar\s+)?year\b").find_iter(text)).into_iter().flatten() {
        push(m.start(), m.end(), Some(ym(dy, 12)));
    }
    out
}

fn parse_ym(s: &str) -> Option<(i32, i32)> {
    let (y, m) = s.split_once('-')?;
    Some((y.parse().ok()?, m.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chc_model::CodeVersion;

    #[test]
    fn on_sentences_the_loose_cue_reads_as_the_pattern() {
        let strict = chc_code::regexes::compile(CUE_PATTERN);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut checked = 0;
        for dir in ["corpus", "fixtures/text"] {
            for f in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let text = String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).replace('\t', "  ");
                for s in sentences(&text) {
                    assert_eq!(cue().is_match(&s), strict.is_match(&s), "{s}");
                    checked += usize::from(strict.is_match(&s));
                }
            }
        }
        assert!(checked > 50, "only {checked} sentences with a cue");
    }

    #[test]
    fn the_quick_filter_never_drops_a_sentence_the_cue_accepts() {
        // Also where a cue word is glued to a non-ASCII letter: both read word boundaries alike.
        for s in ["The team will review this.", "Policyéwill be updated.", "Nothing to see here."] {
            assert_eq!(!action_sentences(s).is_empty(), is_action_sentence(s), "{s}");
        }
    }

    fn td(text: &str) -> Option<(String, String)> {
        target_date(text, Some("2024-06")).map(|t| (t.month, t.text))
    }

    fn month(text: &str) -> Option<String> {
        target_date(text, Some("2024-06")).map(|t| t.month)
    }

    #[test]
    fn target_dates_in_varied_phrasings() {
        assert_eq!(td("This is being updated and considered by Cabinet in August 2024."), Some(("2024-08".into(), "August 2024".into())));
        assert_eq!(td("The policy will be approved by the Board in October 2025."), Some(("2025-10".into(), "October 2025".into())));
        assert_eq!(td("Training to be delivered by end of Q2 2025."), Some(("2025-06".into(), "end of Q2 2025".into())));
        assert_eq!(month("New leaflets will be ready Summer 2024"), Some("2024-08".into()));
        assert_eq!(month("Review planned for Spring 2025"), Some("2025-05".into()));
        assert_eq!(month("to be completed in Autumn 2024"), Some("2024-11".into()));
        assert_eq!(month("will be rolled out in Winter 2024/25"), Some("2025-02".into()));
        assert_eq!(td("Self-assessment to be refreshed during 2024/25."), Some(("2025-03".into(), "2024/25".into())));
        assert_eq!(month("included in the 2025-26 action plan which will be delivered"), Some("2026-03".into()));
        assert_eq!(month("to be delivered in the financial year 2024/2025"), Some("2025-03".into()));
        assert_eq!(month("will be in place by Q3 2024/25"), Some("2024-12".into()));
        assert_eq!(month("will be in place by Q4 2024/25"), Some("2025-03".into()));
        assert_eq!(month("will be in place by Q1 2025"), Some("2025-03".into()));
        assert_eq!(month("deadline 31/03/2025 for the new system to be launched"), Some("2025-03".into()));
        assert_eq!(month("Go-live is scheduled for 2025-01-15."), Some("2025-01".into()));
        assert_eq!(month("will be published 09/2024"), Some("2024-09".into()));
        assert_eq!(td("to be reviewed by the end of Sept. 2025"), Some(("2025-09".into(), "end of Sept. 2025".into())));
        assert_eq!(month("we will launch the portal on 1st December 2024"), Some("2024-12".into()));
        assert_eq!(month("will be reviewed in early 2025"), Some("2025-03".into()));
        assert_eq!(month("will be reviewed mid-2025"), Some("2025-06".into()));
        assert_eq!(month("will be complete by the end of 2025"), Some("2025-12".into()));
        assert_eq!(td("The new system will be implemented by 2026."), Some(("2026-12".into(), "by 2026".into())));
    }

    #[test]
    fn relative_dates_need_the_document_date() {
        assert_eq!(target_date("Over the coming year we will be reviewing our survey process", Some("2023-12")).map(|t| t.month), Some("2024-12".into()));
        assert_eq!(target_date("to be introduced within six months", Some("2024-09")).map(|t| t.month), Some("2025-03".into()));
        assert_eq!(target_date("will be reviewed next year", Some("2024-03")).map(|t| t.month), Some("2025-12".into()));
        assert_eq!(target_date("to be done by the end of the year", Some("2024-03")).map(|t| t.month), Some("2024-12".into()));
        assert_eq!(target_date("Over the coming year we will be reviewing", None), None);
    }

    #[test]
    fn choosing_between_several_dates() {
        // A deadline wins over an earlier-mentioned date.
        assert_eq!(month("Following the survey in July 2024 we will review the policy by December 2024."), Some("2024-12".into()));
        // Past dates are set aside when a later one is stated.
        assert_eq!(month("Reviewed in May 2022; will be reviewed again in September 2024."), Some("2024-09".into()));
        // Otherwise the first.
        assert_eq!(month("To Cabinet in August 2024 and Council in October 2024."), Some("2024-08".into()));
    }

    #[test]
    fn no_date_where_none_is_stated() {
        assert_eq!(month("This is being reviewed."), None);
        assert_eq!(month("In line with the Equality Act 2010 we will review this."), None);
        assert_eq!(month("Tenant Satisfaction Measures (TSM) Survey 2024 will be used"), None);
        assert_eq!(month("in May we will start"), None);
        assert_eq!(month("See pages 2024-25 of the report"), Some("2025-03".into())); // documented: reads as a financial year
    }

    #[test]
    fn sentences_split_and_action_cues() {
        let s = sentences("We are introducing a new Resident Vulnerability Policy. This is to be considered by Cabinet in August 2024. Work is underway to review record keeping.");
        assert_eq!(s.len(), 3);
        assert_eq!(sentences("See e.g. the policy. Done"), vec!["See e.g. the policy.", "Done"]);
        assert!(is_action_sentence("This is to be considered by Cabinet in August 2024."));
        assert!(is_action_sentence("'How to make a complaint' to be included on all survey forms."));
        assert!(is_action_sentence("Our approach to Lessons Learned is currently under review."));
        assert!(is_action_sentence("This is being reviewed."));
        assert!(is_action_sentence("As part of this review, we will look to add a link."));
        assert!(!is_action_sentence("Advice received from the Housing Ombudsman has confirmed that this is acceptable"));
        assert!(!is_action_sentence("The Corporate Complaints Policy states; Any restrictions will be appropriate to their needs."));
        assert!(!is_action_sentence("Refer to 8.1."));
    }

    fn doc(rows: Vec<(&str, Comply, &str, &str)>) -> Document {
        let rows = rows.into_iter().map(|(p, c, e, m)| crate::testutil::row(p, c, e, m)).collect();
        crate::testutil::doc("corpus/x.txt", "Example Council", Some(CodeVersion::V2024), Some("2024-06"), rows)
    }

    #[test]
    fn which_rows_are_listed() {
        let d = doc(vec![
            ("1.1", Comply::Yes, "We will keep doing this.", ""),
            ("1.2", Comply::No, "It was decided otherwise.", ""),
            ("1.3", Comply::Partial, "Policy in place.", "This will be approved by the Board in October 2025."),
            ("1.4", Comply::Unknown, "Refer to 8.1.", ""),
            ("1.5", Comply::Unknown, "This will be reiterated in the guide for staff.", ""),
            ("1.6", Comply::NotApplicable, "Will be done in May 2025.", ""),
        ]);
        let rows = actions_of(&d);
        let got: Vec<(&str, &str, Option<&str>)> = rows.iter().map(|r| (r.provision.as_str(), r.action.as_str(), r.target_date.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("1.2", "", None),
                ("1.3", "This will be approved by the Board in October 2025.", Some("2025-10")),
                ("1.5", "This will be reiterated in the guide for staff.", None),
            ]
        );
        let mut a = ActionsCsv::new(Vec::new()).unwrap();
        a.add(&d).unwrap();
        let csv = String::from_utf8(a.into_inner().unwrap()).unwrap();
        assert!(csv.starts_with("source,landlord,code_version,provision,comply,action,target_date,target_date_text\n"));
        assert!(csv.contains("corpus/x.txt,Example Council,2024,1.3,partial,This will be approved by the Board in October 2025.,2025-10,October 2025\n"), "{csv}");
    }
}
