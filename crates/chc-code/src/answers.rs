//! The vocabulary landlords use to answer "Comply: Yes/No" and to rate RAG.

use chc_model::{Comply, Rag};

/// Normalise a comply cell. `None` when the text is not an answer at all (so callers can
/// tell a comply value from evidence that landed in the comply column).
pub fn parse_comply(raw: &str) -> Option<Comply> {
    let t = normalise(raw);
    if t.is_empty() {
        return None;
    }
    let answer = match t.as_str() {
        "yes" | "y" | "yes." | "compliant" | "complies" | "complied" | "fully compliant" | "fully" | "met" | "fully met"
        | "true" | "✓" | "✔" | "☑" | "✅" | "yes ✓" | "✓ yes" | "yes ✔" | "agreed" => Comply::Yes,
        "no" | "n" | "no." | "non-compliant" | "non compliant" | "noncompliant" | "not compliant" | "not met" | "false"
        | "✗" | "✘" | "☒" | "❌" | "x" | "no ✗" | "✗ no" | "no ☒" => Comply::No,
        "partial" | "partially" | "partly" | "partially compliant" | "partly compliant" | "partially met" | "part"
        | "yes & no" | "yes and no" | "yes/no" | "yes / no" | "yes/partial" | "in part" | "amber" => Comply::Partial,
        "not applicable" | "n/a" | "na" | "n.a." | "not relevant" | "not applicable." => Comply::NotApplicable,
        _ => return check_boxes(&t).or_else(|| answer_with_tail(&t)),
    };
    Some(answer)
}

/// Does `after` (the next line of a comply cell, perhaps on the next page) go on with the
/// check-box list `before` ("Yes ☒" then "No ☐")? Then it is the same answer, not the
/// answer of a new row.
pub fn continues_answer(before: &str, after: &str) -> bool {
    let has_box = |s: &str| s.chars().any(|c| TICKED_BOXES.contains(&c) || EMPTY_BOXES.contains(&c));
    (has_box(before) || has_box(after)) && check_boxes(&normalise(&format!("{before} {after}"))).is_some()
}

/// A box that is ticked or filled: the option beside it is the answer.
const TICKED_BOXES: &[char] = &['☒', '☑', '✅', '■', '▣', '◼', '⬛', '⊠', '✔', '✓', '●', '◉', '⦿'];
/// An empty box: the option beside it is not chosen.
const EMPTY_BOXES: &[char] = &['☐', '□', '◻', '⬜', '○', '◯', '❏', '❑'];

/// The answer words a check-box list offers, longest first ("not applicable" before "no").
const OPTIONS: &[(&str, Comply)] = &[
    ("not applicable", Comply::NotApplicable),
    ("partially", Comply::Partial),
    ("partial", Comply::Partial),
    ("yes", Comply::Yes),
    ("n/a", Comply::NotApplicable),
    ("no", Comply::No),
];

/// Check boxes typed beside the options, as forms print them: "Yes ☒ No ☐",
/// "☑ Yes ☐ No", "■ Yes □ No", "Yes [x] No [ ]". Each box belongs to the option on the side
/// the first box shows (a list that starts with a box puts every box before its word).
/// The ticked option is the answer; none ticked is `Unknown`, two or more `Partial`.
/// `None` when the text is not such a list (no box, or a word that is not an option).
fn check_boxes(t: &str) -> Option<Comply> {
    let t = t.replace("[x]", "☒").replace("[ ]", "☐").replace("[]", "☐");
    // Tokens: Some(option) for an answer word, box marks as Err(ticked).
    let mut tokens: Vec<Result<Comply, bool>> = Vec::new();
    let mut rest = t.as_str();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';' | '/' | '|' | '-'));
        let Some(c) = rest.chars().next() else { break };
        if TICKED_BOXES.contains(&c) || EMPTY_BOXES.contains(&c) {
            tokens.push(Err(TICKED_BOXES.contains(&c)));
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (word, answer) = OPTIONS.iter().find(|(w, _)| {
            rest.starts_with(w) && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        })?;
        tokens.push(Ok(*answer));
        rest = &rest[word.len()..];
    }
    let boxes = tokens.iter().filter(|t| t.is_err()).count();
    let options = tokens.len() - boxes;
    if boxes == 0 || options == 0 {
        return None;
    }
    let box_first = tokens[0].is_err();
    let mut chosen: Vec<Comply> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Err(ticked) = t else { continue };
        let neighbour = if box_first { tokens.get(i + 1) } else { i.checked_sub(1).and_then(|j| tokens.get(j)) };
        match neighbour {
            Some(Ok(answer)) if *ticked => chosen.push(*answer),
            Some(Ok(_)) => {}
            // A box with no option on its side: the list is not what we think.
            _ => return None,
        }
    }
    chosen.dedup();
    Some(match chosen.as_slice() {
        [] => Comply::Unknown,
        [one] => *one,
        _ => Comply::Partial,
    })
}

/// "Yes - see policy 4.1", "No, to be reviewed by March 2025": an answer word then prose.
fn answer_with_tail(t: &str) -> Option<Comply> {
    let head: String = t.chars().take_while(|c| c.is_alphabetic() || *c == '/').collect();
    let rest = t[head.len()..].trim_start();
    let separated = rest.starts_with(['-', '–', ',', '.', ':', ';', '(']) || rest.is_empty();
    if !separated || head.len() == t.len() {
        return None;
    }
    match head.as_str() {
        "yes" | "compliant" => Some(Comply::Yes),
        "no" => Some(Comply::No),
        "partial" | "partially" | "partly" => Some(Comply::Partial),
        _ => None,
    }
}

fn normalise(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
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
    fn quirk15_comply_values_normalised() {
        for (raw, want) in [
            ("Yes", Comply::Yes),
            ("YES", Comply::Yes),
            ("Y", Comply::Yes),
            ("✓", Comply::Yes),
            ("✔", Comply::Yes),
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
        ] {
            assert_eq!(parse_comply(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn check_boxes_give_the_ticked_option() {
        for (raw, want) in [
            ("Yes ☒ No ☐", Comply::Yes),
            ("Yes ☐ No ☒", Comply::No),
            ("Yes ☐\nNo ☒", Comply::No),
            ("☑ Yes ☐ No", Comply::Yes),
            ("☐ Yes ☑ No", Comply::No),
            ("■ Yes □ No", Comply::Yes),
            ("□ Yes ■ No □ Partial", Comply::No),
            ("Yes ✔ No", Comply::Yes),
            ("Yes [x] No [ ]", Comply::Yes),
            ("Yes: ☐ No: ☐ N/A: ☒", Comply::NotApplicable),
            ("☐ Yes ☐ No ☒ Partially", Comply::Partial),
            ("Yes ☐ No ☐", Comply::Unknown),
            ("Yes ☒ No ☒", Comply::Partial),
            ("☒ Not applicable ☐ No", Comply::NotApplicable),
        ] {
            assert_eq!(parse_comply(raw), Some(want), "{raw}");
        }
        // A box beside words that are not options is not an answer list.
        assert_eq!(parse_comply("☒ Policy reviewed"), None);
        assert_eq!(parse_comply("Yes ☒ see policy"), None);
    }

    #[test]
    fn a_check_box_list_cut_by_a_line_or_page_break_goes_on() {
        assert!(continues_answer("Yes ☒", "No ☐"));
        assert!(continues_answer("☑ Yes ☐", "No"));
        assert!(!continues_answer("Yes", "No"));
        assert!(!continues_answer("Yes ☒ No ☐", "Policy 4.2"));
    }

    #[test]
    fn prose_and_empty_are_not_answers() {
        assert_eq!(parse_comply(""), None);
        assert_eq!(parse_comply("Yesterday we agreed"), None);
        assert_eq!(parse_comply("Corporate Complaints Policy"), None);
        assert_eq!(parse_comply("Now included in policy"), None);
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
}
