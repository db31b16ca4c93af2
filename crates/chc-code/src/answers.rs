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
        _ => return answer_with_tail(&t),
    };
    Some(answer)
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
