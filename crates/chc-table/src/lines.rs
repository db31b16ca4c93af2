//! What a single line or cell is: a provision number, a heading, a border.

use chc_code::regexes::cached as re;
use chc_model::{RequirementKind, TextLine};
use std::collections::HashMap;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::OnceLock;

/// The provision number a provision cell starts with: "1.2", "6.15", "1.2.", "1.2 A complaint…".
/// Only numbers that look like Code provisions (section 1-12, item 1-40).
pub fn provision_number_cell(cell: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let cell = cell.trim();
    if !may_start_with_number(cell) {
        return None;
    }
    let (section, item) = match number_opening(cell.as_bytes()) {
        Opening::Number(section, item) => (section, item),
        Opening::NotANumber => return None,
        Opening::Undecided => {
            let caps = re(&RE, r"^(?i:(?:(?:code\s+)?(?:provision|section|requirement|ref(?:erence)?\.?)|chc|code)(?:\s+(?:no\.?|number))?(?:\s*[:\-–])?\s+)?(\d{1,2})\.(\d{1,2})(?:\.|\b)(?:\s|$)").captures(cell)?;
            (caps[1].parse().ok()?, caps[2].parse().ok()?)
        }
    };
    ((1..=12).contains(&section) && (1..=40).contains(&item)).then(|| format!("{section}.{item}"))
}

/// What [`number_opening`] read.
#[derive(Debug, PartialEq, Eq)]
enum Opening {
    Number(u32, u32),
    NotANumber,
    /// The cell opens with a word, or a non-ASCII character stands where it matters: the
    /// pattern decides.
    Undecided,
}

/// [`provision_number_cell`]'s pattern read by hand for a cell that opens with an ASCII
/// digit, as most numbered cells do: `(\d{1,2})\.(\d{1,2})`, then a dot or a word boundary,
/// then white space or the end. Every cell of every line is tested, and running the
/// capturing pattern cost more than the rest of the line's classification.
fn number_opening(b: &[u8]) -> Opening {
    use Opening::*;
    // Where a run of up to two ASCII digits from `from` ends; `None` when a non-ASCII
    // character follows it, which may be a digit of another script (the pattern's `\d` and
    // `\s` are Unicode's).
    let digits = |from: usize| -> Option<usize> {
        let mut end = from;
        while end < from + 2 && b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        b.get(end).is_none_or(u8::is_ascii).then_some(end)
    };
    // White space or the end at `i`; `None` for a non-ASCII character.
    let space_or_end = |i: usize| match b.get(i) {
        None => Some(true),
        Some(c) if c.is_ascii() => Some(matches!(c, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ')),
        Some(_) => None,
    };
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return Undecided;
    }
    let Some(section_end) = digits(0) else { return Undecided };
    if b.get(section_end) != Some(&b'.') {
        return NotANumber;
    }
    let item_start = section_end + 1;
    let Some(item_end) = digits(item_start) else { return Undecided };
    if item_end == item_start {
        return NotANumber;
    }
    // After the item's last digit (a word character): a dot then white space or the end;
    // or a boundary, then white space or the end. A shorter item would end before a digit,
    // where no boundary is.
    let ends = match b.get(item_end) {
        Some(b'.') => space_or_end(item_end + 1),
        Some(c) if c.is_ascii_alphanumeric() || *c == b'_' => Some(false),
        _ => space_or_end(item_end),
    };
    let number = |from: usize, to: usize| std::str::from_utf8(&b[from..to]).expect("ASCII digits").parse().expect("one or two digits");
    match ends {
        Some(true) => Number(number(0, section_end), number(item_start, item_end)),
        Some(false) => NotANumber,
        None => Undecided,
    }
}

/// Whether `text` can start the way the provision-number patterns need: a digit, or a
/// letter of "code", "provision" or "section" ("ſ" folds to "s" case-insensitively), with a
/// dot somewhere. Most cells and lines fail this, and cheaper than the patterns.
fn may_start_with_number(text: &str) -> bool {
    // A list item per provision opens with its bullet: "• Code provision: 2.2".
    let text = text.strip_prefix(['•', '*']).map_or(text, str::trim_start);
    text.starts_with(|c: char| c.is_numeric() || starts_heading_word(c, &['c', 'p', 's', 'r'])) && text.contains('.')
}

/// `c` is one of the lower-case ASCII `letters` in either case, or the long s when `s` is one
/// of them: the first letters a case-insensitive (Unicode) pattern can match.
fn starts_heading_word(c: char, letters: &[char]) -> bool {
    letters.contains(&c.to_ascii_lowercase()) || (c == 'ſ' && letters.contains(&'s'))
}

/// A provision number glued to the start of a line with no separator ("1.2A complaint…").
pub fn leading_number(line: &str) -> Option<(String, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    if !may_start_with_number(line.trim_start()) {
        return None;
    }
    let caps = re(&RE, r"^\s*(?:[•*]\s*)?(?i:(?:code\s+)?(?:provision|section|requirement|ref(?:erence)?\.?)(?:\s+(?:no\.?|number))?(?:\s*[:\-–])?\s+)?(\d{1,2})\.(\d{1,2})(?:[.:)]|\s|[A-Z'\x22(‘“]|[/&]\d|$)").captures(line)?;
    let section: u32 = caps[1].parse().ok()?;
    let item: u32 = caps[2].parse().ok()?;
    if !(1..=12).contains(&section) || !(1..=40).contains(&item) {
        return None;
    }
    let m = caps.get(2).expect("group 2");
    let mut end = m.end();
    // Keep a glued capital letter or quote: it is the requirement's first character.
    if line[end..].starts_with(['.', ':', ')']) {
        end += 1;
    }
    Some((format!("{section}.{item}"), end))
}

/// More provision numbers right after a row's own ("5.4 & 5.5", "5.2/5.3", "1.2 and 1.3"):
/// provisions answered together in one row. The numbers, and how many bytes of `rest` they
/// take (0 when there are none).
pub fn joint_numbers(rest: &str) -> (Vec<String>, usize) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let joined = re(&RE, r"^\s*(?:&|and|/|,)\s*(\d{1,2})\.(\d{1,2})\b");
    let (mut numbers, mut used) = (Vec::new(), 0);
    while let Some(c) = joined.captures(&rest[used..]) {
        let (section, item): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        if !(1..=12).contains(&section) || !(1..=40).contains(&item) {
            break;
        }
        numbers.push(format!("{section}.{item}"));
        used += c.get(0).expect("whole match").end();
    }
    (numbers, used)
}

/// A cell or line that is an answer and nothing more ("Yes", "Partially met", "N/A"): short,
/// and read by the answer vocabulary. The readers' one test for an answer standing alone.
pub fn is_short_answer(text: &str) -> bool {
    text.chars().count() <= 40 && chc_code::answers::parse_comply(text).is_some()
}

/// Page furniture: "Page 3 of 12", "Page 3", "3 / 12", "- 3 -".
pub fn is_page_number(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"(?i)^\s*(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*(?:of|/)\s*\d{1,4}|[-–]\s*\d{1,4}\s*[-–])\s*$").is_match(text)
}

/// The lines with a provision's number that a narrow column split over two lines read as one
/// ("6." / "12" is "6.12"), or `None` where no number is split. Only a section's number and a
/// full stop alone on a line, then one or two digits alone on the next.
pub fn numbers_joined(lines: &[TextLine]) -> Option<Vec<TextLine>> {
    let section = |t: &str| t.len() <= 3 && t.ends_with('.') && t[..t.len() - 1].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n));
    let rest = |t: &str| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let split_at = |i: usize| section(lines[i].text.trim()) && lines.get(i + 1).is_some_and(|n| rest(n.text.trim()));
    if !(0..lines.len()).any(split_at) {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if split_at(i) {
            out.push(TextLine { number: lines[i].number, text: format!("{}{}", lines[i].text.trim(), lines[i + 1].text.trim()) });
            i += 2;
        } else {
            out.push(lines[i].clone());
            i += 1;
        }
    }
    Some(out)
}

/// The running headers and footers of a text a PDF was turned into: lines that carry a page
/// number among other words ("Fenmoor Homes | Self-assessment 2024/25 | Page 1 of 2") and
/// come back, the numbers aside, on another page. They are no row's text: a column reader
/// would cut them into the cells of the row they interrupt. Returns the lines without them
/// and one copy of each; `None` where there are none (the common case costs no copy).
pub fn running_page_lines(lines: &[TextLine]) -> Option<(Vec<TextLine>, Vec<String>)> {
    static PAGE: OnceLock<Regex> = OnceLock::new();
    let page = re(&PAGE, r"(?i)\bpage\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\b");
    let masked = |t: &str| t.trim().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for l in lines {
        let t = l.text.trim();
        if t.len() > 12 && t.len() < 300 && (t.contains("age ") || t.contains("AGE ")) && page.is_match(t) && !is_page_number(t) {
            *seen.entry(masked(t)).or_default() += 1;
        }
    }
    seen.retain(|_, n| *n >= 2);
    if seen.is_empty() {
        return None;
    }
    // (A count set to 0 once its line is kept: one copy of each.)
    let mut running: Vec<String> = Vec::new();
    let kept = lines
        .iter()
        .filter(|l| {
            let t = l.text.trim();
            if t.len() <= 12 || t.len() >= 300 {
                return true;
            }
            let Some(count) = seen.get_mut(&masked(t)) else { return true };
            if *count != 0 {
                running.push(t.to_string());
                *count = 0;
            }
            false
        })
        .cloned()
        .collect();
    Some((kept, running))
}

/// A running line without the page number set in it ("Fenmoor Homes    Page 2" → "Fenmoor
/// Homes", "Fenmoor Homes | Page 2 of 9" → "Fenmoor Homes |"): the line is the same on every
/// page, and its words are read on their own.
pub fn without_page_number(text: &str) -> &str {
    static TRAILING: OnceLock<Regex> = OnceLock::new();
    let trailing = re(&TRAILING, r"(?i)\s+(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$|\s+page\s+\d{1,4}\s*$");
    match trailing.find(text) {
        // (Only a page number: "Page 2" alone, or a year alone after words, is left as it is.)
        Some(m) if m.start() > 0 && (is_page_number(m.as_str()) || m.as_str().trim().to_ascii_lowercase().starts_with("page")) => text[..m.start()].trim_end(),
        _ => text,
    }
}

/// Dashes or underscores only: a table border drawn with characters.
pub fn is_border(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '–' | '—' | '_' | '=' | '+' | '|' | ' '))
}

/// Page furniture a crawler or a copy of a web page brings along: short lines of
/// navigation, sharing, feedback and cookie widgets.
pub fn is_chrome(text: &str) -> bool {
    const PHRASES: &[&str] = &[
        "share on",
        "share via",
        "accept all cookies",
        "reject all cookies",
        "accept cookies",
        "cookie settings",
        "manage cookies",
        "we use cookies",
        "follow us on",
        "all rights reserved",
        "opens in a new window",
        "opens in new tab",
        "registered provider of social housing",
        "registered charity",
        "registered society",
        "company number",
        "registered office",
        "registered in england",
        "privacy notice",
        "privacy policy",
        "privacy statement",
        "accessibility statement",
        "cookie policy",
        "terms and conditions",
        "terms of use",
        "site map",
    ];
    // Phrases that are chrome only where they open the line: inside a sentence of a cell
    // ("… published on this page.", "… in this section of the policy") they are text.
    const OPENINGS: &[&str] = &[
        "skip to main content",
        "skip to content",
        "skip to footer",
        "skip to navigation",
        "toggle menu",
        "main menu",
        "search this site",
        "share this page",
        "was this page helpful",
        "is this page useful",
        "did you find what you were looking for",
        "rate this page",
        "report a problem with this page",
        "tell us what you think of this page",
        "back to top",
        "print this page",
        "email this page",
        "text size",
        "change contrast",
        "listen to this page",
        "translate this page",
        "accessibility tools",
        "you are here:",
        "related content",
        "related pages",
        "related links",
        "related information",
        "useful links",
        "more in this section",
        "in this section",
        "on this page",
        "sign up to our newsletter",
    ];
    const WHOLE: &[&str] = &[
        "menu", "search", "home", "close", "share", "print", "facebook", "twitter", "x", "linkedin", "instagram", "youtube", "whatsapp", "email", "copy link", "yesno", "yes no",
        "cookies", "privacy", "accessibility", "sitemap", "contact us", "breadcrumb", "previous", "next", "top", "listen", "translate", "login", "log in", "sign in", "my account",
    ];
    // Chrome is short: a line of more than fourteen words (or a long cell) is text. Every row
    // and cell of a form is tested, so the cheap tests come first.
    let text = text.trim();
    if text.is_empty() || text.len() > 200 || text.split_whitespace().nth(14).is_some() {
        return false;
    }
    static PHRASE_SEARCH: OnceLock<AhoCorasick> = OnceLock::new();
    let phrases = PHRASE_SEARCH.get_or_init(|| AhoCorasick::builder().ascii_case_insensitive(true).build(PHRASES).expect("fixed phrases"));
    if phrases.is_match(text) || text.starts_with('©') {
        return true;
    }
    static OPENING_SEARCH: OnceLock<AhoCorasick> = OnceLock::new();
    let openings = OPENING_SEARCH.get_or_init(|| AhoCorasick::builder().ascii_case_insensitive(true).start_kind(aho_corasick::StartKind::Anchored).build(OPENINGS).expect("fixed phrases"));
    let opening = text.trim_start_matches(['•', '-', '*', '|', ' ']);
    if openings.is_match(aho_corasick::Input::new(opening).anchored(aho_corasick::Anchored::Yes)) {
        return true;
    }
    let bare = text.trim_end_matches(['.', ':', '?', '!']);
    if bare.len() <= 16 && WHOLE.iter().any(|w| w.eq_ignore_ascii_case(bare)) {
        return true;
    }
    // Breadcrumbs and menus: "Home > Housing > Complaints", "Home | About us | News";
    // "Copyright © 2025 …".
    let starts = |word: &str| text.get(..word.len()).is_some_and(|t| t.eq_ignore_ascii_case(word));
    let trail = [" > ", " | ", " \u{bb} ", " / "].iter().any(|s| text.contains(s));
    let home = starts("home") && !text[4..].starts_with(|c: char| c.is_alphanumeric());
    // A footer's menu of short links, most of them chrome words: "Contact us | Accessibility
    // | Privacy | Jobs".
    let menu = || {
        let items: Vec<&str> = text.split(['|', '\u{b7}']).map(|i| i.trim().trim_end_matches('.')).collect();
        items.len() >= 2 && items.iter().all(|i| i.split_whitespace().count() <= 4) && 2 * items.iter().filter(|i| WHOLE.iter().any(|w| w.eq_ignore_ascii_case(i))).count() > items.len()
    };
    (home && trail) || starts("copyright ©") || text.contains(" | ") && menu()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    /// "Section 3: Accessibility and awareness" (may carry a sub-table kind on the same line).
    Section { number: u32, title: String, kind: Option<RequirementKind> },
    /// "Mandatory 'must' requirements" / "Best practice 'should' requirements".
    SubTable(RequirementKind),
    /// "Stage 1", "Stage 2".
    Stage(u32),
    None,
}

pub fn parse_heading(text: &str) -> Heading {
    static SECTION: OnceLock<Regex> = OnceLock::new();
    static STAGE: OnceLock<Regex> = OnceLock::new();
    let t = text.trim();
    // The patterns below cost more than these first-letter tests, and the sub-table words
    // matter only to a section heading or a short line.
    let may_start_word = starts_heading_word(t.chars().next().unwrap_or(' '), &['s']);
    let kind = if may_start_word || t.len() <= 120 { sub_table_kind(t) } else { None };
    // "Section 7.1 of our policy" is a reference to a paragraph, not a heading.
    let section_heading = re(&SECTION, r"(?i)^section\s+(\d{1,2})(?:\s*[:\-–—]\s*|\.\s+|\.$|\s+|$)(.*)$");
    if let Some(c) = may_start_word.then(|| section_heading.captures(t)).flatten() {
        // Contents lines ("Section 1: Definition …..... 3") are headings too; the dots go.
        let number: u32 = c[1].parse().unwrap_or(0);
        let mut title = c[2].trim_end_matches(|ch: char| ch.is_ascii_digit() || ch == '.' || ch.is_whitespace()).to_string();
        if let Some(k) = kind {
            title = strip_sub_table_words(&title, k);
        }
        // A heading names its section in a few words; a sentence is prose that cites one.
        if (1..=12).contains(&number) && t.len() <= 160 && title.split_whitespace().count() <= 12 {
            return Heading::Section { number, title: title.trim().to_string(), kind };
        }
    }
    if let Some(k) = kind {
        if t.len() <= 120 {
            return Heading::SubTable(k);
        }
    }
    if let Some(c) = may_start_word.then(|| re(&STAGE, r"(?i)^stage\s+(\d|one|two|three)\b[^a-z]*$").captures(t)).flatten() {
        let n = match c[1].to_lowercase().as_str() {
            "1" | "one" => 1,
            "2" | "two" => 2,
            _ => 3,
        };
        return Heading::Stage(n);
    }
    Heading::None
}

fn sub_table_kind(t: &str) -> Option<RequirementKind> {
    static MUST: OnceLock<Regex> = OnceLock::new();
    static SHOULD: OnceLock<Regex> = OnceLock::new();
    if !may_name_sub_table(t) {
        return None;
    }
    if re(&SHOULD, r#"(?i)(best\s+practice|['"]should['"]\s+requirements)"#).is_match(t) {
        Some(RequirementKind::Should)
    } else if re(&MUST, r#"(?i)(mandatory|['"]must['"]\s+requirements)"#).is_match(t) {
        Some(RequirementKind::Must)
    } else {
        None
    }
}

/// Every pattern of [`sub_table_kind`] holds "practice", "mandatory" or "requirement", whose
/// letters match, in any case, only ASCII letters (unlike `s` and `k`, which also match `ſ`
/// and the Kelvin sign): one pass over a line for the three words tells most lines apart
/// from sub-table headings more cheaply than the two case-insensitive patterns.
fn may_name_sub_table(t: &str) -> bool {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS.get_or_init(|| AhoCorasick::builder().ascii_case_insensitive(true).build(["practice", "mandatory", "requirement"]).expect("fixed words")).is_match(t)
}

fn strip_sub_table_words(title: &str, kind: RequirementKind) -> String {
    let lower = title.to_lowercase();
    let marker = match kind {
        RequirementKind::Must => "mandatory",
        RequirementKind::Should => "best practice",
    };
    match lower.find(marker) {
        Some(i) => title[..i].trim().to_string(),
        None => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn provisions_answered_together_in_one_number_cell() {
        assert_eq!(joint_numbers(" & 5.5 | Where a landlord…"), (vec!["5.5".to_string()], 6));
        assert_eq!(joint_numbers("/5.3"), (vec!["5.3".to_string()], 4));
        assert_eq!(joint_numbers(" and 5.13, 5.14 The person"), (vec!["5.13".to_string(), "5.14".to_string()], 15));
        assert_eq!(joint_numbers(" of our policy"), (vec![], 0));
        assert_eq!(joint_numbers(" and 45.2"), (vec![], 0));
        assert_eq!(leading_number("5.2/5.3").map(|(n, _)| n).as_deref(), Some("5.2"));
    }

    proptest! {
        // The hand reader of a number opening a cell decides exactly as the pattern would, or
        // leaves it to the pattern: digits of other scripts, odd spaces, dots, letters and
        // underscores next to the number.
        #[test]
        fn number_opening_agrees_with_the_pattern(text in "[0-9١]{1,3}(?:[.][0-9١]{0,3})?(?:[.:)_a A\t\u{b}\u{a0}\u{2003}é0-9١]{0,3})(?: x)?") {
            let pattern = regex::Regex::new(r"^(\d{1,2})\.(\d{1,2})(?:\.|(?-u:\b))(?:\s|$)").unwrap();
            let by_pattern = pattern.captures(&text).map(|c| (c[1].parse::<u32>().ok(), c[2].parse::<u32>().ok()));
            match number_opening(text.as_bytes()) {
                Opening::Number(section, item) => prop_assert_eq!(by_pattern, Some((Some(section), Some(item)))),
                Opening::NotANumber => prop_assert_eq!(by_pattern, None),
                Opening::Undecided => prop_assert!(!text.is_ascii(), "an ASCII opening is always decided"),
            }
        }
    }

    proptest! {
        // The word test in front of the sub-table patterns only skips lines they cannot match,
        // whatever the letter case and with the characters that fold to ASCII letters.
        #[test]
        fn sub_table_words_test_skips_only_what_the_patterns_miss(text in "(?:[ '\"ſKİı]|[bB]est|PRACT[iI]CE|practİce|Pract|[mM]andatory|MANDATORY|[sS]hould|ſhould|must|muſt|MUST|[rR]equirements|REQUİREMENTS|requirement|\\s)*") {
            if sub_table_kind(&text).is_some() {
                prop_assert!(may_name_sub_table(&text), "{}", text);
            }
        }
    }

    #[test]
    fn sub_table_words_test_in_every_spelling() {
        for line in ["Best practice 'should' requirements", "BEST PRACTICE", "Mandatory \"must\" requirements", "'MUST' REQUIREMENTS", "'muſt' requirements", "\"ſhould\" requirements"] {
            assert!(sub_table_kind(line).is_some(), "{line}");
        }
        // Dotted and dotless i fold to no ASCII letter: neither pattern reads these.
        for line in ["Best practİce", "Best practıce", "'must' requİrements", "MANDATORY"] {
            assert_eq!(sub_table_kind(line).is_some(), may_name_sub_table(line), "{line}");
        }
    }

    #[test]
    fn number_opening_read_by_hand() {
        assert_eq!(number_opening(b"1.2"), Opening::Number(1, 2));
        assert_eq!(number_opening(b"6.15. Landlords"), Opening::Number(6, 15));
        assert_eq!(number_opening(b"01.05\tYes"), Opening::Number(1, 5));
        for not_one in ["1.2a", "1.234", "123.4", "1.2.3", "1.2)", "1.", "1,2"] {
            assert_eq!(number_opening(not_one.as_bytes()), Opening::NotANumber, "{not_one}");
        }
        assert_eq!(number_opening("1.2\u{a0}x".as_bytes()), Opening::Undecided);
        assert_eq!(number_opening(b"Code provision 1.2"), Opening::Undecided);
        assert_eq!(provision_number_cell("1.2\u{a0}A complaint"), Some("1.2".to_string()));
    }

    proptest! {
        // The first-letter tests only skip texts the patterns cannot match.
        #[test]
        fn prefilters_agree_with_the_patterns(text in "[ \t]{0,2}(?:[cCpPsSſ1-9١٢.:)A-Z' ]|ection |rovision |ode |tage |one|two)*[0-9 .]{0,4}") {
            let number = regex::Regex::new(r"^(?i:(?:code\s+)?(?:provision|section)(?:\s+(?:no\.?|number))?(?:\s*[:\-–])?\s+)?(\d{1,2})\.(\d{1,2})(?:\.|(?-u:\b))(?:\s|$)").unwrap();
            prop_assert_eq!(provision_number_cell(&text).is_some(), number.captures(text.trim()).is_some_and(|c| {
                let (s, i): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
                (1..=12).contains(&s) && (1..=40).contains(&i)
            }));
            let glued = regex::Regex::new(r"^\s*(?i:(?:code\s+)?(?:provision|section)(?:\s+(?:no\.?|number))?(?:\s*[:\-–])?\s+)?(\d{1,2})\.(\d{1,2})").unwrap();
            if leading_number(&text).is_some() {
                prop_assert!(glued.is_match(&text));
            }
            let heading = regex::Regex::new(r"(?i)^(?:section\s+\d|stage\s)").unwrap();
            if matches!(parse_heading(&text), Heading::Section { .. } | Heading::Stage(_)) {
                prop_assert!(heading.is_match(text.trim()));
            }
        }
    }

    #[test]
    fn long_s_starts_a_section_heading_as_the_pattern_reads_it() {
        assert_eq!(provision_number_cell("ſection 1.2"), Some("1.2".into()));
        assert!(matches!(parse_heading("ſection 3: Stage 1"), Heading::Section { number: 3, .. }));
        assert_eq!(parse_heading("STAGE TWO"), Heading::Stage(2));
    }

    #[test]
    fn provision_numbers_in_the_provision_cell() {
        assert_eq!(provision_number_cell("1.2"), Some("1.2".into()));
        assert_eq!(provision_number_cell(" 6.15 "), Some("6.15".into()));
        assert_eq!(provision_number_cell("1.2."), Some("1.2".into()));
        assert_eq!(provision_number_cell("Code section 5.1"), Some("5.1".into()));
        assert_eq!(provision_number_cell("Provision: 5.15"), Some("5.15".into()));
        assert_eq!(provision_number_cell("Code provision number - 6.2"), Some("6.2".into()));
        assert_eq!(provision_number_cell("2.2 The issue"), Some("2.2".into()));
        // The Code's initials or name before the number: "CHC 5.4", "Code 6.2".
        assert_eq!(provision_number_cell("CHC 5.4"), Some("5.4".into()));
        assert_eq!(provision_number_cell("Code 6.2 Landlords must"), Some("6.2".into()));
        assert_eq!(provision_number_cell("Chcs 5.4"), None);
        assert_eq!(provision_number_cell("2010. Landlords"), None);
        assert_eq!(provision_number_cell("Section 10"), None);
        assert_eq!(provision_number_cell("4.1.2"), None);
        assert_eq!(provision_number_cell("99.1"), None);
    }

    #[test]
    fn quirk25_number_glued_to_text() {
        assert_eq!(leading_number("1.2A complaint must"), Some(("1.2".into(), 3)));
        assert_eq!(leading_number("6.15 Landlords"), Some(("6.15".into(), 4)));
        assert_eq!(leading_number("2010 was a year"), None);
        assert_eq!(leading_number("12.50 pounds"), None);
        // "Ref 6.2", "Code ref. 6.2", "Reference 6.2": the form says it is a provision.
        assert_eq!(leading_number("Ref 6.2"), Some(("6.2".into(), 7)));
        assert_eq!(leading_number("Code ref. 6.2"), Some(("6.2".into(), 13)));
        assert_eq!(leading_number("Reference 6.2 Complaints must be acknowledged"), Some(("6.2".into(), 13)));
        assert_eq!(leading_number("Residents get 6.2% more"), None);
    }

    #[test]
    fn quirk13_sub_table_headings() {
        assert_eq!(parse_heading(&"Mandatory ‘must’ requirements".replace(['‘', '’'], "'")), Heading::SubTable(RequirementKind::Must));
        assert_eq!(parse_heading("Best practice 'should' requirements"), Heading::SubTable(RequirementKind::Should));
        assert_eq!(
            parse_heading("Section 2 - Accessibility and awareness Mandatory 'must' requirements"),
            Heading::Section { number: 2, title: "Accessibility and awareness".into(), kind: Some(RequirementKind::Must) }
        );
        assert_eq!(parse_heading("Mandatory 'must' requirements Stage 1"), Heading::SubTable(RequirementKind::Must));
    }

    #[test]
    fn section_and_stage_headings() {
        assert_eq!(parse_heading("Section 8: Putting things right"), Heading::Section { number: 8, title: "Putting things right".into(), kind: None });
        assert_eq!(parse_heading("Section 1: Definition of a complaint....."), Heading::Section { number: 1, title: "Definition of a complaint".into(), kind: None });
        assert_eq!(parse_heading("Stage 2"), Heading::Stage(2));
        assert_eq!(parse_heading("Stage 1 complaints must be acknowledged"), Heading::None);
        // A paragraph of a policy cited in evidence, and a sentence that names a section.
        assert_eq!(parse_heading("Section 7.1 of the Housing Service Complaints Policy gives five working days"), Heading::None);
        assert_eq!(parse_heading("Section 3 of our policy explains how residents can complain by phone, e-mail, letter or in person"), Heading::None);
        assert_eq!(parse_heading("Section 3"), Heading::Section { number: 3, title: String::new(), kind: None });
    }

    #[test]
    fn a_running_line_loses_its_page_number() {
        assert_eq!(without_page_number("Harwick Vale Homes    Page 2"), "Harwick Vale Homes");
        assert_eq!(without_page_number("Harwick Vale Homes | Page 2 of 9"), "Harwick Vale Homes |");
        assert_eq!(without_page_number("Harwick Vale Homes 3/9"), "Harwick Vale Homes");
        assert_eq!(without_page_number("Annual report 2024"), "Annual report 2024");
        assert_eq!(without_page_number("Page 2"), "Page 2");
    }

    #[test]
    fn a_provision_number_split_by_a_narrow_column_is_one() {
        let lines = |t: &str| t.lines().enumerate().map(|(i, l)| TextLine { number: i as u32 + 1, text: l.to_string() }).collect::<Vec<_>>();
        let joined = numbers_joined(&lines("5.\n10\nLandlords must make\n6.\n2\nYes")).expect("two numbers split");
        assert_eq!(joined.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["5.10", "Landlords must make", "6.2", "Yes"]);
        assert_eq!(joined[1].number, 3);
        // A number whole on its line, or a section's number before words, is left alone.
        assert!(numbers_joined(&lines("5.10\nLandlords\n5.\nComplaint stages\n2024")).is_none());
    }

    #[test]
    fn running_page_lines_of_a_pdf_text_are_furniture() {
        let lines = |texts: &[&str]| texts.iter().enumerate().map(|(i, t)| TextLine { number: i as u32 + 1, text: t.to_string() }).collect::<Vec<_>>();
        let text = lines(&[
            "1.1   A complaint is ...   Yes   Policy 2.1",
            "        Harwick Vale Homes | Code self-assessment 2024/25 | Page 1 of 2",
            "\u{c}1.2   ...   Yes   Staff briefed",
            "        Harwick Vale Homes | Code self-assessment 2024/25 | Page 2 of 2",
        ]);
        let (kept, running) = running_page_lines(&text).expect("a running footer");
        assert_eq!(running, ["Harwick Vale Homes | Code self-assessment 2024/25 | Page 1 of 2"]);
        assert_eq!(kept.iter().map(|l| l.number).collect::<Vec<_>>(), [1, 3]);
        // Once only, or a page number alone (read elsewhere), or a row that cites a page: kept.
        assert!(running_page_lines(&lines(&["Harwick Vale Homes | Page 1 of 2", "1.1 See page 3 of the policy. Yes"])).is_none());
        assert!(running_page_lines(&lines(&["Page 1 of 2", "Page 2 of 2"])).is_none());
    }

    #[test]
    fn quirk22_page_numbers_are_furniture() {
        for t in ["Page 1 of 3", "page 12", "3 / 12", "- 4 -", "Page 2/9"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["Page 1 of the policy", "2024", "Section 3", "1.2"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn chrome_lines_are_known() {
        for t in ["Skip to main content", "Share this page", "On this page", "• Related links", "Was this page helpful?", "Home > Housing > Complaints", "Home | About Wrenfield Homes | News", "Home » Complaints", "Contact us | Accessibility | Privacy", "Facebook", "© 2025 Wrenfield Homes", "Accept all cookies"] {
            assert!(is_chrome(t), "{t}");
        }
        for t in ["Our complaints policy is on the website.", "Section 2: Exclusions", "Yes", "Homes for older people | sheltered schemes", "Provision | Comply | Evidence", "1.2 | Yes | Privacy", "Reported to the board and published on this page."] {
            assert!(!is_chrome(t), "{t}");
        }
    }

    #[test]
    fn quirk12_dashed_borders() {
        assert!(is_border("-----"));
        assert!(is_border("--------------------"));
        assert!(!is_border("- see policy"));
    }
}
