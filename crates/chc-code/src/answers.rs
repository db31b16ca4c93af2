//! The vocabulary landlords use to answer "Comply: Yes/No" and to rate RAG. The answer
//! words are data (`data/answers.csv`), grown from what published forms show; this module
//! holds only the mechanisms around them: a label in front ("Compliance: YES"), an answer
//! opening a sentence ("Yes - see policy"), and check boxes ("Yes ☒ No ☐").

use chc_model::{Comply, Rag};
use std::collections::HashMap;
use std::sync::OnceLock;

const ANSWERS_CSV: &str = include_str!("../data/answers.csv");

/// Whether a phrase answers only as the whole cell, or may also open one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Whole,
    Lead,
}

struct Vocabulary {
    phrases: HashMap<String, (Comply, Use)>,
    /// The phrases that may stand between two cells run together, longest first.
    glued: Vec<(String, Comply)>,
    /// The other phrases of four letters or more ("partly", "complies"), longest first: they
    /// open prose too often to be read between cells, unless run straight into the next
    /// cell's capital ("…the Code.PartlyContract monitoring…").
    glued_tightly: Vec<(String, Comply)>,
    /// The first words of the phrases that may open a cell ("yes", "partially", "n/a").
    lead_openings: Vec<String>,
    /// The longest phrase that may open a cell, in words: how far a leading answer is looked
    /// for.
    longest: usize,
}

fn vocabulary() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let mut phrases = HashMap::new();
        let mut glued = Vec::new();
        let mut glued_tightly = Vec::new();
        for line in ANSWERS_CSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1) {
            let mut fields = line.rsplitn(4, ',');
            let (Some(may_glue), Some(usage), Some(comply), Some(phrase)) = (fields.next(), fields.next(), fields.next(), fields.next()) else {
                panic!("answers.csv: a line needs phrase,comply,use,glued: {line}");
            };
            let comply = match comply {
                "yes" => Comply::Yes,
                "no" => Comply::No,
                "partial" => Comply::Partial,
                "not_applicable" => Comply::NotApplicable,
                other => panic!("answers.csv: unknown comply value {other}"),
            };
            let usage = if usage == "lead" { Use::Lead } else { Use::Whole };
            phrases.insert(normalise(phrase), (comply, usage));
            if may_glue == "yes" {
                glued.push((normalise(phrase), comply));
            } else if phrase.chars().filter(char::is_ascii_alphabetic).count() >= 4 && phrase.starts_with(|c: char| c.is_ascii_alphabetic()) {
                glued_tightly.push((normalise(phrase), comply));
            }
        }
        glued.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        glued_tightly.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut lead_openings: Vec<String> = phrases.iter().filter(|(_, (_, u))| *u == Use::Lead).filter_map(|(p, _)| p.split(' ').next().map(str::to_string)).collect();
        lead_openings.sort();
        lead_openings.dedup();
        // (Of the phrases that may open a cell: a whole-cell answer's length does not make every
        // cell opening with "We" look further.)
        let longest = phrases.iter().filter(|(_, (_, u))| *u == Use::Lead).map(|(p, _)| p.split(' ').count()).max().unwrap_or(1);
        Vocabulary { phrases, glued, glued_tightly, lead_openings, longest }
    })
}

/// Normalise a comply cell. `None` when the text is not an answer at all (so callers can
/// tell a comply value from evidence that landed in the comply column). A check-box cell
/// with nothing ticked is an answer cell without an answer: `Some(Unknown)`.
pub fn parse_comply(raw: &str) -> Option<Comply> {
    // An answer is read from the cell's opening: every cell of a table is asked whether it
    // is one, and most are long evidence text.
    let raw = raw.trim();
    let head = match raw.char_indices().nth(ANSWER_REACH) {
        Some((at, _)) => &raw[..at],
        None => raw,
    };
    let t = normalise(head);
    if t.is_empty() {
        return None;
    }
    if let Some(boxed) = ticked_option(&t) {
        return Some(boxed);
    }
    let t = strip_label(&t);
    let whole = if head.len() == raw.len() { whole_answer(t) } else { None };
    whole.or_else(|| answer_with_tail(t)).or_else(|| if head.len() == raw.len() { answer_wrapped_inside_a_word(t) } else { None })
}

/// A short answer cell in a column too narrow for its words, which the writer broke inside a
/// word, with or without a hyphen, and a reader joined with a space ("Partiall y met", "Not
/// complia nt", "Non-com- pliant", "Par tia l", "Partial-ly compliant"): the answer it makes
/// with one or two of those breaks taken out. Only a cell that is no answer as printed is
/// mended, only into a whole answer, and a hyphen only where the answer has none there.
fn answer_wrapped_inside_a_word(t: &str) -> Option<Comply> {
    const MOST_WORDS: usize = 5;
    // (Every short cell that is no answer is asked: most open with a letter no answer opens
    // with, or have no break to mend.)
    static OPENING_LETTERS: OnceLock<Vec<char>> = OnceLock::new();
    let openings = OPENING_LETTERS.get_or_init(|| {
        let mut letters: Vec<char> = vocabulary().phrases.keys().filter_map(|p| p.chars().next()).collect();
        letters.sort_unstable();
        letters.dedup();
        letters
    });
    if t.chars().next().is_none_or(|c| openings.binary_search(&c).is_err()) || t.split(' ').count() > MOST_WORDS {
        return None;
    }
    // Where a break may be: a space, a hyphen and a space, or a hyphen, between two letters.
    let letter_before = |at: usize| t[..at].ends_with(|c: char| c.is_alphabetic());
    let letter_after = |at: usize| t[at..].starts_with(|c: char| c.is_alphabetic());
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    for (at, c) in t.char_indices() {
        let len = match c {
            ' ' => 1,
            '-' if t[at + 1..].starts_with(' ') => 2,
            '-' => 1,
            _ => continue,
        };
        if letter_before(at) && letter_after(at + len) {
            breaks.push((at, len));
        }
    }
    let without = |taken: &[(usize, usize)]| {
        let mut out = String::with_capacity(t.len());
        let mut from = 0;
        for &(at, len) in taken {
            out.push_str(&t[from..at]);
            from = at + len;
        }
        out.push_str(&t[from..]);
        out
    };
    let one = breaks.iter().find_map(|&b| whole_answer(&without(&[b])));
    one.or_else(|| breaks.iter().enumerate().find_map(|(i, &a)| breaks[i + 1..].iter().find_map(|&b| whole_answer(&without(&[a, b])))))
}

/// Of two answers, the one that claims less ("Yes" and "Partial": "Partial"); an empty or
/// unreadable answer gives way to the other. For a row answered part by part, where the row
/// as a whole complies only as far as its weakest part does.
pub fn least_compliant<'a>(a: &'a str, b: &'a str) -> &'a str {
    let rank = |raw: &str| match parse_comply(raw) {
        Some(Comply::No) => 0,
        Some(Comply::Partial) => 1,
        Some(Comply::Yes) => 2,
        Some(Comply::NotApplicable) => 3,
        Some(Comply::Unknown) | None => 4,
    };
    if rank(b) < rank(a) {
        b
    } else {
        a
    }
}

/// How many characters of a cell an answer can take, with its label and the separator
/// after it ("Compliance: Partially compliant - …").
const ANSWER_REACH: usize = 80;

/// The cell is exactly a phrase of the vocabulary (a closing "." or "!" or a footnote's mark
/// aside).
fn whole_answer(t: &str) -> Option<Comply> {
    let vocab = vocabulary();
    // "Yes*", "Yes†": a footnote's mark after the answer.
    let trimmed = t.trim_end_matches(['.', '!', '*', '†']).trim_end();
    // "[Yes]": an answer in brackets.
    let bracketed = || t.strip_prefix('[').and_then(|t| t.strip_suffix(']')).and_then(|t| vocab.phrases.get(t.trim()));
    vocab.phrases.get(t).or_else(|| vocab.phrases.get(trimmed)).or_else(bracketed).map(|&(c, _)| c)
}

/// "Compliance: YES", "Comply - Yes", "Do we comply? Yes", "Met? Yes": the column's label
/// printed in front of the answer.
fn strip_label(t: &str) -> &str {
    // "A. Yes – see policy 3": a question-and-answer page marks the answer "A." (or "A:").
    if let Some(answer) = t.strip_prefix("a. ").or_else(|| t.strip_prefix("a: ")) {
        return answer.trim_start();
    }
    let Some(at) = t.find([':', '?']) else { return t };
    let label = &t[..at];
    let words = label.split_whitespace().count();
    let is_label = (1..=4).contains(&words) && ["compl", "met", "yes/no", "yes / no", "rating", "status", "answer"].iter().any(|w| label.contains(w));
    if is_label {
        t[at + 1..].trim_start_matches([':', '?', ' ', '-', '–'])
    } else {
        t
    }
}

/// "Yes - see policy 4.1", "No, to be reviewed by March 2025": an answer that opens the
/// cell, then a separator and prose.
fn answer_with_tail(t: &str) -> Option<Comply> {
    leading_answer(t).map(|(c, _)| c)
}

/// An answer opening `text` and followed by a separator and more text ("Yes - see policy
/// 4.1", "Partially compliant, review due May 2025"): the answer and how many bytes of
/// `text` it takes (separator excluded). The longest phrase that fits wins.
pub fn leading_answer(text: &str) -> Option<(Comply, usize)> {
    const LINKING_WORDS: [&str; 14] = ["but", "though", "although", "however", "we", "as", "because", "and", "our", "it", "this", "the", "all", "there"];
    const SEPARATORS: [char; 7] = ['-', '–', ',', '.', ':', ';', '('];
    let vocab = vocabulary();
    let text = text.trim_end();
    let lead = text.len() - text.trim_start().len();
    // Most text opens with a word no answer opens with ("The policy…"): nothing to look up.
    // ("non-compliant" keeps its hyphen: only the other separators end the word.)
    let first_word = text[lead..].split(|c: char| c.is_whitespace() || c != '-' && SEPARATORS.contains(&c)).next().unwrap_or("");
    if !vocab.lead_openings.iter().any(|w| w.eq_ignore_ascii_case(first_word)) {
        return None;
    }
    let mut ends: Vec<usize> = text[lead..].match_indices(char::is_whitespace).map(|(at, _)| lead + at).take(vocab.longest).collect();
    ends.push(text.len());
    for &end in ends.iter().take(vocab.longest).rev() {
        // The phrase may carry the separator ("yes," "yes.") or be followed by one ("yes -").
        let phrase = text[..end].trim_end_matches(|c: char| SEPARATORS.contains(&c) || c.is_whitespace());
        let rest = text[phrase.len()..].trim_start();
        // "No but the policy…", "Yes we publish…", "Partly our policy…": a yes, a no or a
        // partly run into a sentence that goes on from it, without a separator ("Met the
        // panel…" is prose).
        let linked = || {
            let next = rest.split_whitespace().next().unwrap_or("").to_lowercase();
            let word = normalise(phrase);
            let short_answer = ["yes", "no"].contains(&word.as_str()) || !word.contains(' ') && vocab.phrases.get(&word).is_some_and(|&(c, _)| c == Comply::Partial);
            short_answer && rest.len() < text.len() - phrase.len() && LINKING_WORDS.contains(&next.as_str())
        };
        if !((rest.starts_with(SEPARATORS) && rest.len() > 1) || linked()) {
            continue;
        }
        if let Some(&(c, Use::Lead)) = vocab.phrases.get(&normalise(phrase)) {
            return Some((c, phrase.len()));
        }
    }
    None
}

/// An answer that `text` starts with where it may have been run into the next cell
/// ("YesDefinition…", "Not met Partly covered…"): the longest phrase marked `glued` in the
/// vocabulary, matched in any letter case, that is not the start of a longer word (the next
/// character is not a lower-case letter). The answer and its length in bytes.
pub fn glued_answer_at(text: &str) -> Option<(Comply, usize)> {
    let first = text.chars().next()?.to_lowercase().next()?;
    // Compared as characters: `starts_with(char)` compares the character's bytes through
    // `memcmp`, once for every phrase.
    let opens_alike = |phrase: &str| phrase.chars().next().is_some_and(|c| c == first);
    let vocab = vocabulary();
    let found = vocab.glued.iter().filter(|(p, _)| opens_alike(p)).find_map(|(phrase, comply)| {
        let len = prefix_ignoring_case(text, phrase)?;
        let ends_word = text[len..].chars().next().is_none_or(|c| !c.is_lowercase());
        ends_word.then_some((*comply, len))
    });
    found.or_else(|| {
        vocab.glued_tightly.iter().filter(|(p, _)| opens_alike(p)).find_map(|(phrase, comply)| {
            let len = prefix_ignoring_case(text, phrase)?;
            text[len..].starts_with(|c: char| c.is_uppercase()).then_some((*comply, len))
        })
    })
}

/// An answer found at the end of a cell's text ([`trailing_answer`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailingAnswer {
    /// Where the text before the answer ends, the separator before the answer dropped.
    pub before_end: usize,
    /// Where the answer stands.
    pub answer: std::ops::Range<usize>,
    pub comply: Comply,
}

/// An answer that ends `text`, set after the cell's prose with a space ("…on its own merits
/// Achieved", "…the landlord. - Partly met", "… — Achieved", "… [Yes]"). The answer must open
/// with a capital or a symbol (the Code's own wording ends in lower-case words that are also
/// answers: "…processes in place") and leave at least five words before it. The longest
/// answer that fits wins ("Not achieved").
pub fn trailing_answer(text: &str) -> Option<TrailingAnswer> {
    const MOST_CHARS: usize = 40;
    let text = text.trim_end();
    let starts: Vec<usize> = text.char_indices().filter(|&(at, c)| at > 0 && !c.is_whitespace() && text[..at].ends_with(' ')).map(|(at, _)| at).collect();
    for &at in starts.iter().filter(|&&at| text.len() - at <= MOST_CHARS * 4 && text[at..].chars().count() <= MOST_CHARS) {
        let tail = &text[at..];
        if tail.trim_start_matches('[').starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()) {
            continue;
        }
        let Some(comply) = whole_answer(&normalise(tail)) else { continue };
        let before = text[..at].trim_end_matches([' ', '-', '\u{2013}', '\u{2014}', ':']);
        if before.split_whitespace().count() >= 5 {
            return Some(TrailingAnswer { before_end: before.len(), answer: at..text.len(), comply });
        }
    }
    None
}

/// How many bytes of `text` spell `lower_phrase` in any letter case.
fn prefix_ignoring_case(text: &str, lower_phrase: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for want in lower_phrase.chars() {
        let (_, c) = chars.next()?;
        if c.to_lowercase().next() != Some(want) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(at, _)| at))
}

/// A box glyph and whether it is ticked.
pub fn check_box(c: char) -> Option<bool> {
    match c {
        '☒' | '☑' | '■' | '✅' | '⊠' | '▣' | '◼' | '⬛' => Some(true),
        '☐' | '□' | '❏' | '❑' | '▢' | '◻' | '⬜' => Some(false),
        _ => None,
    }
}

/// Does `after` (the next line of a comply cell, perhaps on the next page) go on with the
/// check boxes of `before` ("Yes ☒" then "No ☐", "☑ Yes ☐" then "No"), or finish an answer
/// `before` began ("Not" then "met", "Partially" then "compliant")? Then it is the same
/// answer, not the answer of a new row.
pub fn continues_answer(before: &str, after: &str) -> bool {
    let (b, a) = (before.trim(), after.trim());
    if !b.is_empty() && !a.is_empty() && b.chars().count() <= 20 && a.chars().count() <= 20 {
        let joined = format!("{b} {a}");
        // (Unfinished: no answer yet, or a partial one that takes its noun: "Partially" …
        // "compliant". "Yes" then "No" are two rows' answers.)
        let unfinished = matches!(whole_answer(&normalise(b)), None | Some(Comply::Partial));
        if unfinished {
            let whole = whole_answer(&normalise(&joined));
            if whole.is_some() && whole != whole_answer(&normalise(a)) {
                return true;
            }
        }
    }
    checked_boxes_continue(before, after)
}

fn checked_boxes_continue(before: &str, after: &str) -> bool {
    let has_box = |s: &str| s.contains('[') || s.chars().any(|c| check_box(c).is_some());
    // `after` holds nothing but boxes and options.
    let only_options = normalise(after).split(|c: char| check_box(c).is_some()).all(|part| {
        let p = part.trim().trim_matches(|c: char| matches!(c, ':' | '/' | '|' | ','));
        p.trim().is_empty() || whole_answer(p.trim()).is_some()
    });
    only_options && (has_box(before) || has_box(after)) && ticked_option(&normalise(&format!("{before} {after}"))).is_some()
}

/// Check boxes beside the options: "Yes ☒ No ☐", "☐ Yes ☒ No", "Yes [x] No [ ]". The
/// ticked option is the answer; several ticked options that disagree read as partial;
/// boxes with none ticked are an unanswered answer cell. `None` when the text is not a
/// set of boxed options (at least two boxes, each beside a short option).
fn ticked_option(t: &str) -> Option<Comply> {
    // Most cells hold no box at all: nothing to rewrite or count.
    if !t.contains('[') && !t.chars().any(|c| check_box(c).is_some()) {
        return None;
    }
    let t = t.replace("[ x ]", "☒").replace("[x]", "☒").replace("[ ]", "☐");
    let boxes = t.chars().filter(|&c| check_box(c).is_some()).count();
    if boxes < 2 {
        return None;
    }
    // The label sits on the side of its box that the first box shows: a cell that opens
    // with a box puts each label after its box.
    let box_first = t.trim_start().starts_with(|c: char| check_box(c).is_some());
    let mut options: Vec<(String, bool)> = Vec::new();
    let mut label = String::new();
    let mut pending: Option<bool> = None;
    for c in t.chars() {
        match check_box(c) {
            Some(ticked) if box_first => {
                if let Some(prev) = pending.replace(ticked) {
                    options.push((std::mem::take(&mut label), prev));
                }
                label.clear();
            }
            Some(ticked) => options.push((std::mem::take(&mut label), ticked)),
            None => label.push(c),
        }
    }
    if let Some(prev) = pending {
        options.push((label, prev));
    }
    let mut answers: Vec<Comply> = Vec::new();
    for (label, ticked) in &options {
        let label = label.trim().trim_matches(|c: char| c == ':' || c == '/' || c == '|' || c == ',');
        let label = label.trim();
        if label.split_whitespace().count() > 3 {
            return None;
        }
        let value = whole_answer(label)?;
        if *ticked && !answers.contains(&value) {
            answers.push(value);
        }
    }
    Some(match answers.as_slice() {
        [] => Comply::Unknown,
        [one] => *one,
        _ => Comply::Partial,
    })
}

fn normalise(raw: &str) -> String {
    // (An emoji's presentation selector is no letter of the answer: "✔️" is "✔".)
    let words = raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if words.contains(['\u{fe0e}', '\u{fe0f}']) {
        words.replace(['\u{fe0e}', '\u{fe0f}'], "")
    } else {
        words
    }
}

/// Normalise a RAG cell ("Green", "G", "Amber/Green" → the worse, amber).
pub fn parse_rag(raw: &str) -> Option<Rag> {
    let t = normalise(raw);
    if t.is_empty() {
        return None;
    }
    if t.contains("red") || t == "r" {
        Some(Rag::Red)
    } else if t.contains("amber") || t == "a" || t.contains("yellow") || t.contains("orange") {
        Some(Rag::Amber)
    } else if t.contains("green") || t == "g" {
        Some(Rag::Green)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_broken_inside_a_word_by_a_narrow_column_is_read_whole() {
        assert_eq!(parse_comply("Partiall\ny met"), Some(Comply::Partial));
        assert_eq!(parse_comply("Not complia nt"), Some(Comply::No));
        assert_eq!(parse_comply("Complian t"), Some(Comply::Yes));
        assert_eq!(parse_comply("Non-com- pliant"), Some(Comply::No));
        assert_eq!(parse_comply("Partial-ly compliant"), Some(Comply::Partial));
        assert_eq!(parse_comply("Par tia l"), Some(Comply::Partial));
        assert_eq!(parse_comply("Partial ly complia nt"), Some(Comply::Partial));
        // Two words as printed are not joined into one, and prose is not mended.
        assert_eq!(parse_comply("Policy review"), None);
        assert_eq!(parse_comply("Par tially met and the policy was reviewed by the board"), None);
    }

    #[test]
    fn trailing_answer_after_prose_but_not_the_codes_own_words() {
        let t = "Each complaint must be considered on its own merits Achieved";
        assert_eq!(trailing_answer(t), Some(TrailingAnswer { before_end: t.len() - " Achieved".len(), answer: t.len() - "Achieved".len()..t.len(), comply: Comply::Yes }));
        let t = "A complaint must be logged within five working days. - Not met";
        assert_eq!(trailing_answer(t).map(|a| (&t[..a.before_end], a.comply)), Some(("A complaint must be logged within five working days.", Comply::No)));
        assert_eq!(trailing_answer("Landlords must have processes in place"), None);
        let t = "Landlords must have a single policy in place for dealing with complaints. \u{2014} Achieved";
        assert_eq!(trailing_answer(t).map(|a| (&t[..a.before_end], a.comply)), Some(("Landlords must have a single policy in place for dealing with complaints.", Comply::Yes)));
        let t = "Landlords must have a single policy in place for dealing with complaints. [Partly]";
        assert_eq!(trailing_answer(t).map(|a| (&t[a.answer], a.comply)), Some(("[Partly]", Comply::Partial)));
        assert_eq!(trailing_answer("Yes"), None);
        assert_eq!(trailing_answer("The policy is reviewed every year by the Board"), None);
    }

    #[test]
    fn quirk15_comply_values_normalised() {
        for (raw, want) in [
            ("Yes", Comply::Yes),
            ("YES", Comply::Yes),
            ("Y", Comply::Yes),
            ("✓", Comply::Yes),
            ("✔", Comply::Yes),
            ("\u{2714}\u{fe0f}", Comply::Yes),
            ("\u{274c}\u{fe0f}", Comply::No),
            ("Compliant", Comply::Yes),
            ("No", Comply::No),
            ("N", Comply::No),
            ("✗", Comply::No),
            ("☒", Comply::No),
            ("Yes & No", Comply::Partial),
            ("Partial", Comply::Partial),
            ("Partially", Comply::Partial),
            ("Not Applicable", Comply::NotApplicable),
            ("N/A", Comply::NotApplicable),
            ("Yes - see section 4 of the policy", Comply::Yes),
            ("No, to be reviewed", Comply::No),
            // An icon's alternative text: "tick", "Green tick", "cross".
            ("tick", Comply::Yes),
            ("Green tick", Comply::Yes),
            ("Cross", Comply::No),
            // The 2020 form's questions about a third stage, where there is none.
            ("No third stage", Comply::NotApplicable),
            // Hedged answers, and a footnote's mark after one.
            ("Yes (partially)", Comply::Partial),
            ("Mostly", Comply::Partial),
            ("Yes*", Comply::Yes),
            // A question-and-answer page's answer mark.
            ("A. Yes – see policy section 3", Comply::Yes),
            ("A: No", Comply::No),
        ] {
            assert_eq!(parse_comply(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn answers_behind_their_label_and_with_a_full_stop() {
        for (raw, want) in [
            ("Compliance: YES", Comply::Yes),
            ("Comply: No.", Comply::No),
            ("Do we comply? Partially", Comply::Partial),
            ("Yes.", Comply::Yes),
            ("No.", Comply::No),
            ("Fully compliant", Comply::Yes),
            ("✓ Compliant", Comply::Yes),
            ("Met", Comply::Yes),
            ("Partially met", Comply::Partial),
            ("Partially compliant - review due May 2025", Comply::Partial),
        ] {
            assert_eq!(parse_comply(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn an_answer_opening_prose_is_measured_in_the_raw_text() {
        let t = "Partially  Compliant – the review is due in May 2025";
        let (c, len) = leading_answer(t).unwrap();
        assert_eq!((c, &t[..len]), (Comply::Partial, "Partially  Compliant"));
        assert_eq!(leading_answer("Yes. See section 4 of the policy"), Some((Comply::Yes, 3)));
        assert_eq!(leading_answer("Yesterday, the Board met"), None);
        assert_eq!(leading_answer("No but the information is in another policy"), Some((Comply::No, 2)));
        assert_eq!(leading_answer("Yes we publish it yearly"), Some((Comply::Yes, 3)));
        assert_eq!(leading_answer("No one is turned away"), None);
        // An answer a page break cut in two, and two rows' answers, which are not one.
        assert!(continues_answer("Not", "met"));
        assert!(continues_answer("Partially", "compliant"));
        assert!(!continues_answer("Yes", "No"));
        assert!(!continues_answer("Not", "the policy"));
        // Echo answers to a question ("Are X …? They are. …", "In part. …").
        assert_eq!(leading_answer("They are. Residents can complain by phone."), Some((Comply::Yes, 8)));
        assert_eq!(leading_answer("It does not. The policy is being rewritten."), Some((Comply::No, 11)));
        assert_eq!(leading_answer("In part. Letters were reviewed."), Some((Comply::Partial, 7)));
        assert_eq!(leading_answer("It is recorded on the housing system."), None);
        // "Met" opens prose after a separator ("Met - see policy 4.1"), not in a sentence.
        assert_eq!(leading_answer("Met - see policy 4.1"), Some((Comply::Yes, 3)));
        assert_eq!(leading_answer("Not met, action plan due in May"), Some((Comply::No, 7)));
        assert_eq!(leading_answer("Partially met: the leaflet is out of date"), Some((Comply::Partial, 13)));
        assert_eq!(leading_answer("Met with the tenant panel in May"), None);
        assert_eq!(leading_answer("Met the panel in May"), None);
        assert_eq!(leading_answer("Partly Our policy mentions this, but the web page does not"), Some((Comply::Partial, 6)));
        assert_eq!(leading_answer("Non-compliant - the policy is being rewritten"), Some((Comply::No, 13)));
        assert_eq!(leading_answer("Yes"), None);
    }

    #[test]
    fn answers_run_into_the_next_cell_are_read_from_the_vocabulary() {
        assert_eq!(glued_answer_at("YesDefinition of a complaint"), Some((Comply::Yes, 3)));
        assert_eq!(glued_answer_at("Not met Partly covered"), Some((Comply::No, 7)));
        assert_eq!(glued_answer_at("YPoint 3.2"), Some((Comply::Yes, 1)));
        assert_eq!(glued_answer_at("✓ Compliant The policy"), Some((Comply::Yes, "✓ Compliant".len())));
        assert_eq!(glued_answer_at("Meeting minutes"), None);
        assert_eq!(glued_answer_at("Part 3 of the policy"), None, "not a glued answer word");
        assert_eq!(glued_answer_at("Nobody"), None);
        // A word that opens prose too often is read only when run straight into a capital.
        assert_eq!(glued_answer_at("PartlyContract monitoring covers it"), Some((Comply::Partial, 6)));
        assert_eq!(glued_answer_at("Partly covered by the contract"), None);
        assert_eq!(glued_answer_at("CompliesSee the policy"), Some((Comply::Yes, 8)));
    }

    #[test]
    fn the_ticked_box_is_the_answer_whichever_side_its_label_is() {
        for (raw, want) in [
            ("Yes ☒ No ☐", Comply::Yes),
            ("Yes ☐ No ☒", Comply::No),
            ("☒ Yes ☐ No", Comply::Yes),
            ("☐ Yes ☑ No", Comply::No),
            ("Yes ■ No □", Comply::Yes),
            ("Yes [x] No [ ]", Comply::Yes),
            ("☐ Yes ☐ Partial ☒ No", Comply::No),
            ("Yes ☐ No ☐", Comply::Unknown),
            ("Yes ☒ Partially ☒ No ☐", Comply::Partial),
        ] {
            assert_eq!(parse_comply(raw), Some(want), "{raw}");
        }
        // Boxes beside prose are not a set of options.
        assert_eq!(parse_comply("☒ We publish the policy ☐ and review it yearly"), None);
    }

    #[test]
    fn prose_and_empty_are_not_answers() {
        assert_eq!(parse_comply(""), None);
        assert_eq!(parse_comply("Yesterday we agreed"), None);
        assert_eq!(parse_comply("Corporate Complaints Policy"), None);
        assert_eq!(parse_comply("Now included in policy"), None);
        assert_eq!(parse_comply("Compliance with the Code is reviewed yearly"), None);
        assert_eq!(parse_comply("Note: see the policy"), None);
    }

    #[test]
    fn quirk16_rag_values() {
        assert_eq!(parse_rag("Green"), Some(Rag::Green));
        assert_eq!(parse_rag("AMBER"), Some(Rag::Amber));
        assert_eq!(parse_rag("Red"), Some(Rag::Red));
        assert_eq!(parse_rag("G"), Some(Rag::Green));
        assert_eq!(parse_rag(""), None);
        assert_eq!(parse_rag("No comment"), None);
    }

    #[test]
    fn a_check_box_list_cut_by_a_line_or_page_break_goes_on() {
        assert!(continues_answer("Yes ☒", "No ☐"));
        assert!(continues_answer("☑ Yes ☐", "No"));
        assert!(!continues_answer("Yes", "No"));
        assert!(!continues_answer("Yes ☒ No ☐", "Policy 4.2 and the procedure"));
        assert_eq!(parse_comply("■ Yes □ No"), Some(Comply::Yes));
        assert_eq!(parse_comply("◻ Yes ◼ No"), Some(Comply::No));
    }
}
