//! Text normalisation and similarity used by every text metric.
//!
//! [`normalise`] makes two renderings of the same words compare equal: case, curly versus
//! straight quotes, dash variants, bullet glyphs, ligatures, invisible characters and all
//! whitespace (line breaks included) do not count. [`text_similarity`] is then the
//! normalised Levenshtein similarity on characters, `1 - distance / max(len_a, len_b)`,
//! with two empty strings scoring 1.0.
//!
//! Up to [`LONG_TEXT_CHARS`] characters the distance comes from `strsim`. Longer texts (a
//! merged evidence column can run to tens of thousands of characters) use
//! [`levenshtein_bitparallel`], Myers' bit-vector algorithm in Hyyrö's blocked form, which
//! computes the *same* distance in O(n·⌈m/64⌉) instead of O(n·m): the cheaper measure is
//! exact, not an estimate (the tests check it against `strsim` on random strings).

use std::collections::HashMap;

/// Longest text (in characters, after normalising) scored with `strsim` directly.
pub const LONG_TEXT_CHARS: usize = 2000;

/// Lower-case, fold typography, collapse whitespace, trim.
///
/// - letters lower-cased (`char::to_lowercase`);
/// - curly/low/reversed single quotes, primes, backtick and acute accent → `'`;
///   curly/low double quotes, double prime, guillemets → `"`;
/// - hyphen/dash/minus variants (U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D) → `-`;
/// - bullet glyphs (`•`, `▪`, `●`, `◦`, `‣`, `⁃`, Symbol-font U+F0B7/U+F0A7) → `•`;
/// - ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) expanded; soft hyphen and zero-width characters dropped;
///   other control characters dropped;
/// - every run of whitespace (any `char::is_whitespace`, so newlines, tabs and
///   non-breaking spaces too) becomes one space; leading/trailing whitespace removed.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let push = |out: &mut String, space: &mut bool, c: char| {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        for l in c.to_lowercase() {
            out.push(l);
        }
    };
    for c in s.chars() {
        match c {
            c if c.is_whitespace() => space = true,
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{0060}' | '\u{00B4}' => {
                push(&mut out, &mut space, '\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
                push(&mut out, &mut space, '"')
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                push(&mut out, &mut space, '-')
            }
            '\u{2022}' | '\u{25AA}' | '\u{25CF}' | '\u{25E6}' | '\u{2023}' | '\u{2043}' | '\u{F0B7}' | '\u{F0A7}' => {
                push(&mut out, &mut space, '•')
            }
            '\u{FB00}' => "ff".chars().for_each(|c| push(&mut out, &mut space, c)),
            '\u{FB01}' => "fi".chars().for_each(|c| push(&mut out, &mut space, c)),
            '\u{FB02}' => "fl".chars().for_each(|c| push(&mut out, &mut space, c)),
            '\u{FB03}' => "ffi".chars().for_each(|c| push(&mut out, &mut space, c)),
            '\u{FB04}' => "ffl".chars().for_each(|c| push(&mut out, &mut space, c)),
            '\u{FB05}' | '\u{FB06}' => "st".chars().for_each(|c| push(&mut out, &mut space, c)),
            c if c.is_control() => {}
            c => push(&mut out, &mut space, c),
        }
    }
    out
}

/// Similarity of two texts in 0.0..=1.0 after [`normalise`]: normalised Levenshtein on
/// characters; both empty → 1.0, exactly one empty → 0.0.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    similarity_normalised(&normalise(a), &normalise(b))
}

/// [`text_similarity`] for texts already passed through [`normalise`].
pub fn similarity_normalised(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let la = a.chars().count();
    let lb = b.chars().count();
    let longest = la.max(lb);
    if longest <= LONG_TEXT_CHARS {
        return strsim::normalized_levenshtein(a, b);
    }
    let ca: Vec<char> = a.chars().collect();
    let cb: Vec<char> = b.chars().collect();
    1.0 - levenshtein_bitparallel(&ca, &cb) as f64 / longest as f64
}

/// The same value as [`similarity_normalised`], always through the bit-parallel distance
/// (used where many pairs are compared: alignment of unnumbered rows, the structure metric).
pub(crate) fn similarity_chars(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a == b {
        return 1.0;
    }
    let longest = a.len().max(b.len());
    1.0 - levenshtein_bitparallel(a, b) as f64 / longest as f64
}

/// Exact Levenshtein distance (unit insert/delete/substitute) between two char slices,
/// Myers (1999) bit-vector algorithm, blocked as in Hyyrö (2003), global-distance variant.
/// Common prefix and suffix are stripped first.
pub fn levenshtein_bitparallel(a: &[char], b: &[char]) -> usize {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    // The shorter string is the "pattern" held in bit vectors.
    let (p, t) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let m = p.len();
    if m == 0 {
        return t.len();
    }
    let blocks = m.div_ceil(64);

    // Alphabet of the pattern: ASCII through a table, the rest through a map.
    let mut ascii = [u32::MAX; 128];
    let mut other: HashMap<char, u32> = HashMap::new();
    let mut peq: Vec<u64> = Vec::new();
    let mut next = 0u32;
    for (i, &c) in p.iter().enumerate() {
        let slot = if (c as u32) < 128 { &mut ascii[c as usize] } else { other.entry(c).or_insert(u32::MAX) };
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
            peq.extend(std::iter::repeat_n(0u64, blocks));
        }
        let idx = *slot as usize;
        peq[idx * blocks + i / 64] |= 1u64 << (i % 64);
    }
    let lookup = |c: char| -> Option<usize> {
        let v = if (c as u32) < 128 { ascii[c as usize] } else { other.get(&c).copied().unwrap_or(u32::MAX) };
        (v != u32::MAX).then_some(v as usize)
    };

    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let last_high = 1u64 << ((m - 1) % 64);
    let mut score = m as i64;
    for &c in t {
        let row = lookup(c).map(|i| &peq[i * blocks..(i + 1) * blocks]);
        // Global distance: the top row grows by one per text character.
        let mut hin: i32 = 1;
        for blk in 0..blocks {
            let eq0 = row.map_or(0, |r| r[blk]);
            let (pvb, mvb) = (pv[blk], mv[blk]);
            let xv = eq0 | mvb;
            let eq = if hin < 0 { eq0 | 1 } else { eq0 };
            let xh = ((eq & pvb).wrapping_add(pvb) ^ pvb) | eq;
            let mut ph = mvb | !(xh | pvb);
            let mut mh = pvb & xh;
            let high = if blk + 1 == blocks { last_high } else { 1u64 << 63 };
            let hout = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if hin < 0 {
                mh |= 1;
            } else if hin > 0 {
                ph |= 1;
            }
            pv[blk] = mh | !(xv | ph);
            mv[blk] = ph & xv;
            hin = hout;
        }
        score += hin as i64;
    }
    score as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small deterministic generator so the property tests need no extra crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn string(&mut self, alphabet: &[char], len: usize) -> Vec<char> {
            (0..len).map(|_| alphabet[self.below(alphabet.len())]).collect()
        }
        /// `base` with a few random edits.
        fn mutate(&mut self, base: &[char], alphabet: &[char], edits: usize) -> Vec<char> {
            let mut v = base.to_vec();
            for _ in 0..edits {
                let c = alphabet[self.below(alphabet.len())];
                match self.below(3) {
                    0 => v.insert(self.below(v.len() + 1), c),
                    1 if !v.is_empty() => {
                        v.remove(self.below(v.len()));
                    }
                    _ if !v.is_empty() => {
                        let i = self.below(v.len());
                        v[i] = c;
                    }
                    _ => v.push(c),
                }
            }
            v
        }
    }

    fn s(v: &[char]) -> String {
        v.iter().collect()
    }

    #[test]
    fn normalise_folds_case_quotes_dashes_whitespace() {
        assert_eq!(
            normalise("  The Landlord\u{2019}s \u{201C}Policy\u{201D}\n\n\t– Stage 1 \u{00A0}"),
            "the landlord's \"policy\" - stage 1"
        );
        assert_eq!(normalise("a\u{2014}b\u{2212}c"), "a-b-c");
        assert_eq!(normalise("\u{F0B7} one\n\u{25AA} two"), "• one • two");
        assert_eq!(normalise("\u{FB01}nal of\u{00AD}fice\u{200B}"), "final office");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise(" \n\t "), "");
        assert_eq!(normalise("ÀB"), "àb");
    }

    #[test]
    fn similarity_basics() {
        assert_eq!(text_similarity("", ""), 1.0);
        assert_eq!(text_similarity("  \n", ""), 1.0);
        assert_eq!(text_similarity("abc", ""), 0.0);
        assert_eq!(text_similarity("", "abc"), 0.0);
        assert_eq!(text_similarity("Yes, we DO.", "yes,\nwe do."), 1.0);
        assert_eq!(text_similarity("it\u{2019}s", "it's"), 1.0);
        assert_eq!(text_similarity("abcd", "abcf"), 0.75);
        // kitten/sitting: distance 3 over 7 characters.
        assert_eq!(text_similarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
    }

    #[test]
    fn bitparallel_known_values() {
        let c = |x: &str| x.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein_bitparallel(&c(""), &c("")), 0);
        assert_eq!(levenshtein_bitparallel(&c("abc"), &c("")), 3);
        assert_eq!(levenshtein_bitparallel(&c(""), &c("abc")), 3);
        assert_eq!(levenshtein_bitparallel(&c("kitten"), &c("sitting")), 3);
        assert_eq!(levenshtein_bitparallel(&c("flaw"), &c("lawn")), 2);
        assert_eq!(levenshtein_bitparallel(&c("ça va"), &c("ca va")), 1);
    }

    #[test]
    fn bitparallel_equals_strsim_on_random_strings() {
        let mut rng = Lcg(42);
        let small: Vec<char> = "ab".chars().collect();
        let wide: Vec<char> = "abcdefghij klmnopé’•".chars().collect();
        for case in 0..3000 {
            let alphabet = if case % 2 == 0 { &small } else { &wide };
            let la = rng.below(300);
            let a = rng.string(alphabet, la);
            let b = if case % 3 == 0 {
                let lb = rng.below(300);
                rng.string(alphabet, lb)
            } else {
                let edits = rng.below(40);
                rng.mutate(&a, alphabet, edits)
            };
            let expected = strsim::levenshtein(&s(&a), &s(&b));
            assert_eq!(levenshtein_bitparallel(&a, &b), expected, "a={:?} b={:?}", s(&a), s(&b));
            assert_eq!(similarity_chars(&a, &b), strsim::normalized_levenshtein(&s(&a), &s(&b)));
        }
    }

    #[test]
    fn long_texts_use_the_exact_cheap_path() {
        let mut rng = Lcg(7);
        let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyz ".chars().collect();
        for _ in 0..4 {
            let a = rng.string(&alphabet, 2500);
            let b = rng.mutate(&a, &alphabet, 300);
            let (sa, sb) = (s(&a), s(&b));
            let exact = strsim::normalized_levenshtein(&sa, &sb);
            assert_eq!(similarity_normalised(&sa, &sb), exact);
        }
        // Far beyond what the quadratic algorithm would do quickly.
        let a = rng.string(&alphabet, 40_000);
        let b = rng.mutate(&a, &alphabet, 100);
        let sim = similarity_normalised(&s(&a), &s(&b));
        assert!((1.0 - 100.0 / 40_000.0 - 1e-12..1.0).contains(&sim), "{sim}");
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let mut rng = Lcg(3);
        let alphabet: Vec<char> = "ab c\n’'D".chars().collect();
        for _ in 0..500 {
            let la = rng.below(60);
            let lb = rng.below(60);
            let a = s(&rng.string(&alphabet, la));
            let b = s(&rng.string(&alphabet, lb));
            let x = text_similarity(&a, &b);
            assert_eq!(x, text_similarity(&b, &a));
            assert!((0.0..=1.0).contains(&x));
            assert_eq!(text_similarity(&a, &a), 1.0);
        }
    }
}
