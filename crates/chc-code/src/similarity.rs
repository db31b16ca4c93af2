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

/// Lower-case alphanumeric words, with quotes and dashes folded away.
pub fn words(text: &str) -> Vec<String> {
    word_spans(text).map(|(_, w)| w.to_lowercase()).collect()
}

/// 64-bit hash of `word.to_lowercase()` without building the lower-case string.
///
/// Equal lower-cased words hash equally; different ones collide with probability ~2⁻⁶⁴.
/// ASCII is folded byte by byte; other characters go through `char::to_lowercase`, which
/// agrees with `str::to_lowercase` except for the word-final Greek capital sigma, so words
/// holding one take the allocating path.
pub fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return ascii_word_hash(word.as_bytes());
    }
    let mut h = FNV_OFFSET;
    if word.contains('\u{3A3}') {
        for b in word.to_lowercase().bytes() {
            h = (h ^ b as u64).wrapping_mul(PRIME);
        }
    } else {
        let mut buf = [0u8; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ b as u64).wrapping_mul(PRIME);
            }
        }
    }
    mix(h ^ word.len() as u64)
}

const FNV_OFFSET: u64 = 0xCBF2_9CE4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01B3;

/// [`word_hash`] of an ASCII word.
fn ascii_word_hash(word: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for b in word {
        h = (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(PRIME);
    }
    mix(h ^ word.len() as u64)
}

/// A strong 64-bit finaliser (splitmix64), so FNV's weak low bits do not matter.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Ordered pair of word hashes: (a, b) and (b, a) differ.
fn hash_pair(a: u64, b: u64) -> u64 {
    mix(a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.rotate_left(17))
}

/// The hash standing in for "no next word" when a text has a single word.
const NO_WORD: u64 = 0x5EED_0F00_D15E_A5E5;

/// Precomputed word bigrams of one text: a sorted, deduplicated vector of 64-bit hashes,
/// so comparing two profiles is a merge of two short sorted lists (no hashing, no
/// allocation) and a registry can keep an inverted index over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordingProfile {
    bigrams: Vec<u64>,
}

/// Containment only counts once the shorter text has this many bigrams.
const MIN_BIGRAMS_FOR_CONTAINMENT: usize = 6;

/// How many of the sorted, deduplicated `a` occur in the sorted, deduplicated `b`.
fn common_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// [`WordingProfile::similarity`] from the two set sizes and the size of their
/// intersection; shared with the registry's inverted-index ranking so both give the
/// same number to the last bit.
pub(crate) fn similarity_from_counts(a: usize, b: usize, common: usize) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    let small = a.min(b);
    let common = common as f64;
    let dice = 2.0 * common / (a + b) as f64;
    if small >= MIN_BIGRAMS_FOR_CONTAINMENT {
        dice.max(0.85 * common / small as f64)
    } else {
        dice
    }
}

impl WordingProfile {
    pub fn new(text: &str) -> Self {
        Self::from_hashes(word_hash_iter(text))
    }

    /// The profile of a text whose [`word_hashes`] are already known (a caller that also
    /// needs them for [`fidelity_of_hashes`] hashes the words once).
    pub fn from_word_hashes(words: &[u64]) -> Self {
        Self::from_hashes(words.iter().copied())
    }

    fn from_hashes(mut words: impl Iterator<Item = u64>) -> Self {
        let mut bigrams = Vec::new();
        if let Some(first) = words.next() {
            let mut prev = first;
            for w in words {
                bigrams.push(hash_pair(prev, w));
                prev = w;
            }
            if bigrams.is_empty() {
                bigrams.push(hash_pair(first, NO_WORD));
            }
        }
        bigrams.sort_unstable();
        bigrams.dedup();
        WordingProfile { bigrams }
    }

    pub fn is_empty(&self) -> bool {
        self.bigrams.is_empty()
    }

    pub fn len(&self) -> usize {
        self.bigrams.len()
    }

    /// The bigram hashes, sorted and distinct.
    pub(crate) fn bigrams(&self) -> &[u64] {
        &self.bigrams
    }

    /// 0..=1; see the module docs for why.
    pub fn similarity(&self, other: &WordingProfile) -> f64 {
        let (a, b) = (self.bigrams.len(), other.bigrams.len());
        if a == 0 || b == 0 {
            return 0.0;
        }
        similarity_from_counts(a, b, common_count(&self.bigrams, &other.bigrams))
    }

    /// Sørensen–Dice coefficient of the bigram sets: punishes missing and extra words alike.
    pub fn dice(&self, other: &WordingProfile) -> f64 {
        let (a, b) = (self.bigrams.len(), other.bigrams.len());
        if a == 0 || b == 0 {
            return 0.0;
        }
        let common = common_count(&self.bigrams, &other.bigrams) as f64;
        2.0 * common / (a + b) as f64
    }

    /// Share of this text's bigrams found in `other` (how much of self is quoted there).
    pub fn contained_in(&self, other: &WordingProfile) -> f64 {
        if self.bigrams.is_empty() {
            return 0.0;
        }
        common_count(&self.bigrams, &other.bigrams) as f64 / self.bigrams.len() as f64
    }
}

/// Matching similarity of two texts (see [`WordingProfile::similarity`]).
pub fn wording_similarity(a: &str, b: &str) -> f64 {
    WordingProfile::new(a).similarity(&WordingProfile::new(b))
}

/// How faithfully `quoted` reproduces `code`: 1 − word-level Levenshtein distance over the
/// longer length. Every added, dropped or changed word counts.
pub fn fidelity(quoted: &str, code: &str) -> f64 {
    fidelity_of_hashes(&word_hashes(quoted), &word_hashes(code))
}

/// [`fidelity`] of two texts given as their [`word_hashes`].
pub fn fidelity_of_hashes(quoted: &[u64], code: &[u64]) -> f64 {
    if quoted.is_empty() && code.is_empty() {
        return 1.0;
    }
    let d = levenshtein(quoted, code);
    1.0 - d as f64 / quoted.len().max(code.len()) as f64
}

/// The words of [`words`], as hashes (no string per word): equal lower-cased words hash equally.
pub fn word_hashes(text: &str) -> Vec<u64> {
    // Room for words of average length, so the vector rarely grows.
    let mut hashes = Vec::with_capacity(text.len() / 4);
    hashes.extend(word_hash_iter(text));
    hashes
}

fn word_hash_iter(text: &str) -> impl Iterator<Item = u64> + '_ {
    let words = word_spans(text);
    let ascii = words.ascii;
    words.map(move |(_, w)| if ascii { ascii_word_hash(w.as_bytes()) } else { word_hash(w) })
}

/// The words of `text` (runs of letters and digits) with the byte offset each starts at.
pub fn word_spans(text: &str) -> WordSpans<'_> {
    WordSpans { text, at: 0, ascii: text.is_ascii() }
}

/// See [`word_spans`].
pub struct WordSpans<'a> {
    text: &'a str,
    /// Where the rest of the text starts.
    at: usize,
    /// The whole text is ASCII: then every word can be hashed byte by byte.
    ascii: bool,
}

/// Which bytes are ASCII letters and digits, looked up rather than computed: every word of
/// every cell, title and requirement goes through [`WordSpans`].
static ASCII_WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

impl<'a> WordSpans<'a> {
    /// The first position from `from` whose character is a letter or digit (`word`) or is
    /// not one (`!word`), or the text's end. ASCII is read byte by byte; only a non-ASCII
    /// character is decoded, so a text with one curly quote is not decoded whole.
    fn next_edge(&self, from: usize, word: bool) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if ASCII_WORD_BYTE[b as usize] == word {
                    return i;
                }
                i += 1;
            } else {
                let c = self.text[i..].chars().next().expect("i is on a char boundary");
                if c.is_alphanumeric() == word {
                    return i;
                }
                i += c.len_utf8();
            }
        }
        bytes.len()
    }
}

impl<'a> Iterator for WordSpans<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.next_edge(self.at, true);
        if start == self.text.len() {
            self.at = start;
            return None;
        }
        let end = self.next_edge(start, false);
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

/// Edit distance (insert, delete, substitute, each 1) over two sequences, one row of memory.
fn levenshtein(a: &[u64], b: &[u64]) -> usize {
    // A common prefix or suffix never changes the distance, and a faithful quotation is
    // mostly one: trimming it leaves the O(n·m) table only the edited middle.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() {
        return b.len();
    }
    if b.is_empty() {
        return a.len();
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag } else { 1 + diag.min(up).min(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const P63: &str = "Landlords must issue a full response to stage 1 complaints within 10 working days of the complaint being acknowledged.";
    const P614: &str = "Landlords must issue a final response to the stage 2 within 20 working days of the complaint being acknowledged.";
    const P13: &str = "A resident does not have to use the word 'complaint' for it to be treated as such. Whenever a resident expresses dissatisfaction landlords must give them the choice to make complaint.";

    /// Words as runs of `char::is_alphanumeric`, found the slow way.
    fn words_by_chars(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, &text[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn word_spans_read_ascii_by_byte_and_decode_only_other_characters() {
        for text in ["", "  ", "a", "Stage 1 – within 10 days.", "Landlords’ “policy” • café naïve", "Ωmega ١٢ résumé_x", "é", "x\u{a0}y", "end é"] {
            assert_eq!(word_spans(text).collect::<Vec<_>>(), words_by_chars(text), "{text}");
        }
    }

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

    /// The original definition: sets of lower-cased word pairs.
    fn reference_similarity(a: &str, b: &str) -> f64 {
        use std::collections::HashSet;
        let set = |t: &str| -> HashSet<(String, String)> {
            let w = words(t);
            if w.len() == 1 {
                std::iter::once((w[0].clone(), String::new())).collect()
            } else {
                w.windows(2).map(|p| (p[0].clone(), p[1].clone())).collect()
            }
        };
        let (x, y) = (set(a), set(b));
        let common = x.iter().filter(|p| y.contains(*p)).count();
        similarity_from_counts(x.len(), y.len(), common)
    }

    #[test]
    fn hashed_profiles_score_exactly_like_word_pair_sets() {
        let texts = [
            P63,
            P614,
            P13,
            "to make complaint.",
            "Complaint",
            "complaint COMPLAINT Complaint",
            "Whenever a resident expresses dissatisfaction landlords must give them the choice",
            "Ärger über Straße STRASSE straße ΟΔΟΣ οδος",
            "the the the the the the the",
            "",
            "  -- ",
        ];
        for a in texts {
            for b in texts {
                let got = WordingProfile::new(a).similarity(&WordingProfile::new(b));
                assert_eq!(got.to_bits(), reference_similarity(a, b).to_bits(), "{a:?} vs {b:?}");
            }
        }
        assert_eq!(WordingProfile::new("the the the").len(), 1);
        assert_ne!(WordingProfile::new("a b"), WordingProfile::new("b a"));
    }

    #[test]
    fn registry_rank_by_inverted_index_equals_pairwise_similarity() {
        let reg = crate::Registry::embedded();
        let mut probes: Vec<String> = reg.provisions().iter().step_by(7).map(|p| p.text.clone()).collect();
        probes.extend(reg.provisions().iter().step_by(11).map(|p| p.text.split_whitespace().skip(4).collect::<Vec<_>>().join(" ")));
        probes.extend([P63.to_string(), P13.to_string(), "complaint".into(), String::new()]);
        for probe in &probes {
            let prof = WordingProfile::new(probe);
            for version in [None, Some(crate::CodeVersion::V2024)] {
                let got: Vec<(String, u64)> = reg.rank(version, probe).into_iter().map(|(p, s)| (p.number.clone(), s.to_bits())).collect();
                let mut want: Vec<(&crate::Provision, f64)> = reg
                    .provisions()
                    .iter()
                    .filter(|p| version.is_none_or(|v| p.version == v))
                    .map(|p| (p, WordingProfile::new(&p.text).similarity(&prof)))
                    .collect();
                want.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| crate::number_key(&a.0.number).cmp(&crate::number_key(&b.0.number))));
                let want: Vec<(String, u64)> = want.into_iter().map(|(p, s)| (p.number.clone(), s.to_bits())).collect();
                assert_eq!(got, want, "{probe:?}");
            }
            for p in reg.provisions().iter().step_by(5) {
                let want = WordingProfile::new(&p.text).similarity(&prof);
                assert_eq!(reg.affinity(p.version, &p.number, probe), Some(want));
            }
        }
        assert_eq!(reg.affinity(crate::CodeVersion::V2024, "99.1", "x"), None);
        assert_eq!(reg.affinity_any("99.1", "x"), None);
    }

    #[test]
    fn fidelity_equals_levenshtein_over_words() {
        let texts = [P63, P614, P13, "", "complaint", "Landlords must issue", "issue must Landlords a a a", "ÉCOLE école Ecole"];
        for a in texts {
            for b in texts {
                let (wa, wb) = (words(a), words(b));
                let want = if wa.is_empty() && wb.is_empty() {
                    1.0
                } else {
                    1.0 - strsim::generic_levenshtein(&wa, &wb) as f64 / wa.len().max(wb.len()) as f64
                };
                assert_eq!(fidelity(a, b).to_bits(), want.to_bits(), "{a:?} vs {b:?}");
            }
        }
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
