//! Wording similarity between a form's requirement cell and the Code's text.
//!
//! Why these measures: forms quote the Code but truncate it (a lost first half after a
//! page break), extend it (a bullet list pulled in), re-flow it (hyphenation, markup) or
//! quote an older version. Character edit distance punishes truncation as hard as a
//! different provision, and costs O(n·m) on 600-character cells. Word bigrams keep word
//! order locally, ignore layout, and make truncation visible as *containment* (most of
//! the shorter text's bigrams occur in the longer) while a different provision shares
//! few bigrams at all. So matching uses `max(dice, 0.85 · containment)` on word bigrams
//! (containment only once the shorter side has enough bigrams to mean something), and
//! quote fidelity, which should punish every edit, uses word-level Levenshtein.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// Lower-case alphanumeric words, with quotes and dashes folded away.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

fn hash_pair(a: &str, b: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    a.hash(&mut h);
    b.hash(&mut h);
    h.finish()
}

/// Precomputed word bigrams of one text.
#[derive(Debug, Clone, Default)]
pub struct WordingProfile {
    bigrams: HashSet<u64>,
}

/// Containment only counts once the shorter text has this many bigrams.
const MIN_BIGRAMS_FOR_CONTAINMENT: usize = 6;

impl WordingProfile {
    pub fn new(text: &str) -> Self {
        let w = words(text);
        let bigrams = if w.len() == 1 {
            std::iter::once(hash_pair(&w[0], "")).collect()
        } else {
            w.windows(2).map(|p| hash_pair(&p[0], &p[1])).collect()
        };
        WordingProfile { bigrams }
    }

    pub fn is_empty(&self) -> bool {
        self.bigrams.is_empty()
    }

    pub fn len(&self) -> usize {
        self.bigrams.len()
    }

    /// 0..=1; see the module docs for why.
    pub fn similarity(&self, other: &WordingProfile) -> f64 {
        let (a, b) = (self.bigrams.len(), other.bigrams.len());
        if a == 0 || b == 0 {
            return 0.0;
        }
        let (small, large) = if a <= b { (&self.bigrams, &other.bigrams) } else { (&other.bigrams, &self.bigrams) };
        let common = small.iter().filter(|x| large.contains(x)).count() as f64;
        let dice = 2.0 * common / (a + b) as f64;
        if small.len() >= MIN_BIGRAMS_FOR_CONTAINMENT {
            dice.max(0.85 * common / small.len() as f64)
        } else {
            dice
        }
    }

    /// Sørensen–Dice coefficient of the bigram sets: punishes missing and extra words alike.
    pub fn dice(&self, other: &WordingProfile) -> f64 {
        let (a, b) = (self.bigrams.len(), other.bigrams.len());
        if a == 0 || b == 0 {
            return 0.0;
        }
        let common = self.bigrams.iter().filter(|x| other.bigrams.contains(x)).count() as f64;
        2.0 * common / (a + b) as f64
    }

    /// Share of this text's bigrams found in `other` (how much of self is quoted there).
    pub fn contained_in(&self, other: &WordingProfile) -> f64 {
        if self.bigrams.is_empty() {
            return 0.0;
        }
        self.bigrams.iter().filter(|x| other.bigrams.contains(x)).count() as f64 / self.bigrams.len() as f64
    }
}

/// Matching similarity of two texts (see [`WordingProfile::similarity`]).
pub fn wording_similarity(a: &str, b: &str) -> f64 {
    WordingProfile::new(a).similarity(&WordingProfile::new(b))
}

/// How faithfully `quoted` reproduces `code`: 1 − word-level Levenshtein distance over the
/// longer length. Every added, dropped or changed word counts.
pub fn fidelity(quoted: &str, code: &str) -> f64 {
    let a = words(quoted);
    let b = words(code);
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let d = strsim::generic_levenshtein(&a, &b);
    1.0 - d as f64 / a.len().max(b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const P63: &str = "Landlords must issue a full response to stage 1 complaints within 10 working days of the complaint being acknowledged.";
    const P614: &str = "Landlords must issue a final response to the stage 2 within 20 working days of the complaint being acknowledged.";
    const P13: &str = "A resident does not have to use the word 'complaint' for it to be treated as such. Whenever a resident expresses dissatisfaction landlords must give them the choice to make complaint.";

    #[test]
    fn identical_text_scores_one_and_layout_does_not_matter() {
        assert!((wording_similarity(P63, P63) - 1.0).abs() < 1e-9);
        let reflowed = "Landlords must issue a full response to\nstage 1 complaints <u>within 10 working days</u> of the complaint being acknowledged";
        assert!(wording_similarity(reflowed, P63) > 0.8);
    }

    #[test]
    fn truncated_quotation_still_matches_its_provision() {
        let second_half = "to make complaint.";
        assert!(wording_similarity(second_half, P13) < 0.5, "too short to decide");
        let half = "Whenever a resident expresses dissatisfaction landlords must give them the choice";
        assert!(wording_similarity(half, P13) > 0.8);
        assert!(wording_similarity(half, P63) < 0.2);
    }

    #[test]
    fn similar_provisions_are_told_apart() {
        let s_same = wording_similarity(P63, P63);
        let s_other = wording_similarity(P63, P614);
        assert!(s_other < 0.7 && s_other < s_same, "{s_other}");
    }

    #[test]
    fn fidelity_counts_word_edits() {
        assert_eq!(fidelity(P63, P63), 1.0);
        let edited = P63.replace("full", "complete");
        let f = fidelity(&edited, P63);
        assert!(f > 0.9 && f < 1.0, "{f}");
        assert_eq!(fidelity("", ""), 1.0);
        assert_eq!(fidelity("", P63), 0.0);
    }
}
