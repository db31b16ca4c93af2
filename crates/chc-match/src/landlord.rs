//! Who published the form (QUIRKS 1). Titles often omit the landlord; the name then comes
//! from headings, body text and the domains of links and e-mail addresses, checked
//! against a gazetteer of English councils and large housing associations.

use chc_code::regexes::cached as re;
use chc_code::{word_hash, word_spans, HashedKeys};
use chc_model::{FieldDetection, TableDocument};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    domains: Vec<String>,
    aliases: Vec<String>,
}

const GAZETTEER: &str = include_str!("../data/landlords.csv");

fn gazetteer() -> &'static Vec<Entry> {
    static G: OnceLock<Vec<Entry>> = OnceLock::new();
    G.get_or_init(|| {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(GAZETTEER.as_bytes());
        let split = |s: Option<&str>| -> Vec<String> {
            s.unwrap_or("").split(';').map(|x| x.trim().to_string()).filter(|x| !x.is_empty() && !x.contains("(abolished)")).collect()
        };
        rdr.records()
            .filter_map(Result::ok)
            .filter_map(|r| {
                let name = r.get(0)?.trim().to_string();
                (!name.is_empty()).then(|| Entry { name, domains: split(r.get(2)).into_iter().map(|d| d.to_lowercase()).collect(), aliases: split(r.get(3)) })
            })
            .collect()
    })
}

/// Every gazetteer name and alias of 6+ bytes, lower-cased, with its gazetteer entry,
/// keyed by the [`word_hash`] of its first word. A name starts with a letter or digit
/// (tested) and must not follow one, so it can only start where a word of the text starts,
/// and there that word is the name's first word: one lookup per word of the text finds
/// every candidate, and building the map costs next to nothing (an automaton over 800
/// names cost milliseconds per process). Words equal but for the case of ASCII letters
/// share a `word_hash`; the full comparison tells apart any others that do.
#[derive(Default)]
struct AliasIndex {
    by_first_word: HashMap<u64, Vec<(String, usize)>, HashedKeys>,
    /// [`start_key`] of every ASCII first word, as bits: an ASCII word of the text whose key
    /// is not here cannot be a first word, and is not hashed (seven words in ten).
    starts: Vec<u64>,
}

/// An ASCII word's first two letters, lower-cased, and its length (up to 31).
fn start_key(word: &[u8]) -> usize {
    let letter = |i: usize| word.get(i).map_or(0, |b| usize::from(b.to_ascii_lowercase() & 0x7F));
    (((letter(0) << 7) | letter(1)) << 5) | word.len().min(31)
}

impl AliasIndex {
    fn may_start_a_name(&self, ascii_word: &[u8]) -> bool {
        let k = start_key(ascii_word);
        self.starts[k / 64] & (1 << (k % 64)) != 0
    }

    fn add_first_word(&mut self, ascii_word: &[u8]) {
        let k = start_key(ascii_word);
        self.starts[k / 64] |= 1 << (k % 64);
    }
}

fn alias_index() -> &'static AliasIndex {
    static A: OnceLock<AliasIndex> = OnceLock::new();
    A.get_or_init(|| {
        let mut index = AliasIndex { starts: vec![0; (1 << 19) / 64], ..AliasIndex::default() };
        for (i, e) in gazetteer().iter().enumerate() {
            for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
                if a.len() >= 6 {
                    let pattern = a.to_lowercase();
                    let first = pattern.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                    if first.is_ascii() && !first.is_empty() {
                        index.add_first_word(first.as_bytes());
                    }
                    index.by_first_word.entry(word_hash(first)).or_default().push((pattern, i));
                }
            }
        }
        index
    })
}

/// The gazetteer entries named in `text` as whole words, ASCII letters in any case: their
/// indices, in gazetteer order, each once.
fn gazetteer_hits(text: &str) -> Vec<usize> {
    let mut hits = Vec::new();
    let index = alias_index();
    for (at, word) in word_spans(text) {
        if word.is_ascii() && !index.may_start_a_name(word.as_bytes()) {
            continue;
        }
        let Some(candidates) = index.by_first_word.get(&word_hash(word)) else { continue };
        let rest = &text[at..];
        for (pattern, owner) in candidates {
            let matched = rest.as_bytes().get(..pattern.len()).is_some_and(|b| b.eq_ignore_ascii_case(pattern.as_bytes()));
            if matched && rest[pattern.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                hits.push(*owner);
            }
        }
    }
    hits.sort_unstable();
    hits.dedup();
    hits
}

/// The gazetteer indexed by domain and by normalised name or alias.
struct Lookups {
    by_domain: BTreeMap<String, &'static Entry>,
    by_alias: BTreeMap<String, &'static Entry>,
}

fn lookups() -> &'static Lookups {
    static L: OnceLock<Lookups> = OnceLock::new();
    L.get_or_init(|| {
        let mut by_domain = BTreeMap::new();
        let mut by_alias = BTreeMap::new();
        for e in gazetteer() {
            for d in &e.domains {
                by_domain.insert(d.clone(), e);
            }
            by_alias.insert(key(&e.name), e);
            for a in &e.aliases {
                by_alias.insert(key(a), e);
            }
        }
        Lookups { by_domain, by_alias }
    })
}

/// County abbreviations councils use in their own names.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("Cambs", "Cambridgeshire"),
    ("Herts", "Hertfordshire"),
    ("Bucks", "Buckinghamshire"),
    ("Glos", "Gloucestershire"),
    ("Hants", "Hampshire"),
    ("Lincs", "Lincolnshire"),
    ("Notts", "Nottinghamshire"),
    ("Northants", "Northamptonshire"),
    ("Oxon", "Oxfordshire"),
    ("Wilts", "Wiltshire"),
    ("Beds", "Bedfordshire"),
    ("Berks", "Berkshire"),
    ("Leics", "Leicestershire"),
    ("Worcs", "Worcestershire"),
    ("Staffs", "Staffordshire"),
    ("Lancs", "Lancashire"),
    ("Yorks", "Yorkshire"),
];

fn tidy_name(raw: &str) -> String {
    static HYPHEN: OnceLock<Regex> = OnceLock::new();
    let joined = re(&HYPHEN, r"\s*-\s+|\s+-\s*").replace_all(raw.trim(), "-");
    let words: Vec<String> = joined
        .split_whitespace()
        .map(|w| ABBREVIATIONS.iter().find(|(a, _)| *a == w).map_or(w.to_string(), |(_, full)| full.to_string()))
        .collect();
    words.join(" ")
}

/// Which of the name patterns can match a text: the words they need, found in one pass.
/// The patterns are costly; most cells name no organisation at all, and most that say
/// "Council" or "Housing" do not put the word the patterns need before it.
#[derive(Default)]
struct Cues {
    names_council: bool,
    names_london: bool,
    names_association: bool,
    has_domain: bool,
}

/// No word ends with the start of another or holds another, so matches cannot overlap and
/// a plain (prefiltered) search finds every occurrence.
const CUE_WORDS: [&str; 8] = ["Council", "Homes", "Housing", "London Borough", ".uk", ".com", ".org", ".net"];

fn cues(text: &str) -> Cues {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| AhoCorasick::new(CUE_WORDS).expect("fixed words"));
    let mut cues = Cues::default();
    for m in words.find_iter(text) {
        match CUE_WORDS[m.pattern().as_usize()] {
            "Council" => cues.names_council |= after_word(text, m.start(), |w| w.ends_with("Borough") || w.ends_with("City") || w.ends_with("District") || w.ends_with("County") || w.ends_with("Town")),
            "Homes" | "Housing" => cues.names_association |= after_word(text, m.start(), |w| w.ends_with(|c: char| c.is_ascii_alphabetic() || c == '\'' || c == '&')),
            "London Borough" => cues.names_london = true,
            _ => cues.has_domain = true,
        }
    }
    cues
}

/// Whether the text before `at` ends in white space after a text that passes `before`.
fn after_word(text: &str, at: usize, before: impl Fn(&str) -> bool) -> bool {
    let head = &text[..at];
    let trimmed = head.trim_end();
    trimmed.len() < head.len() && before(trimmed)
}

fn key(name: &str) -> String {
    name.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

#[derive(Default)]
struct Tally {
    score: f64,
    methods: BTreeMap<&'static str, u32>,
    example: String,
}

pub fn detect(table: &TableDocument) -> (Option<String>, FieldDetection) {
    static COUNCIL: OnceLock<Regex> = OnceLock::new();
    static LONDON: OnceLock<Regex> = OnceLock::new();
    static HA: OnceLock<Regex> = OnceLock::new();
    static DOMAIN: OnceLock<Regex> = OnceLock::new();
    let council = re(
        &COUNCIL,
        r"\b((?:[A-Z][A-Za-z'&]*(?:\s*-\s*(?:upon|on|under|le|in|by|super)\s*-\s*|\s*-\s*|\s+(?:upon|on|and|&|of|with)\s+|\s+))*?[A-Z][A-Za-z'&]+)\s+((?:Metropolitan\s+)?(?:Borough|City|District|County|Town)\s+Council)\b",
    );
    let london = re(&LONDON, r"\b((?:Royal\s+)?London\s+Borough\s+of\s+[A-Z][A-Za-z]+(?:\s+(?:and|upon)\s+[A-Z][A-Za-z]+)?)\b");
    let ha = re(&HA, r"\b((?:[A-Z][A-Za-z'&]+\s+){1,3}(?:Homes|Housing(?:\s+(?:Association|Group|Trust))?|Housing\s+Partnership))\b");
    let domain_re = re(&DOMAIN, r"(?i)(?:https?://|www\.|@)?((?:[a-z0-9-]+\.)+(?:gov\.uk|org\.uk|co\.uk|com|org|net))\b");

    let mut texts: Vec<(f64, &'static str, &str)> = Vec::new();
    for (i, c) in table.context.iter().enumerate() {
        let weight = if i < 3 && i < table.front_matter_lines { 5.0 } else { 2.0 };
        texts.push((weight, if weight > 2.0 { "title" } else { "heading" }, c.text.as_str()));
    }
    for r in &table.records {
        for t in [&r.evidence, &r.commentary] {
            texts.push((1.0, "body_text", t.as_str()));
        }
    }

    let gaz = gazetteer();
    let Lookups { by_domain, by_alias } = lookups();
    let canonical = |name: &str| -> String { by_alias.get(&key(name)).map_or_else(|| name.to_string(), |e| e.name.clone()) };

    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut add = |name: String, score: f64, method: &'static str, example: &str| {
        let t = tally.entry(name).or_default();
        t.score += score;
        *t.methods.entry(method).or_default() += 1;
        if t.example.is_empty() {
            t.example = example.chars().take(100).collect();
        }
    };
    for (weight, method, text) in &texts {
        let Cues { names_council, names_london, names_association, has_domain } = cues(text);
        for c in names_council.then(|| council.captures_iter(text)).into_iter().flatten() {
            let stem = c[1].trim();
            let first = stem.split_whitespace().next().unwrap_or("");
            if matches!(first, "The" | "the" | "Our" | "A" | "This" | "Each" | "Every" | "Your") && stem.split_whitespace().count() == 1 {
                continue;
            }
            let stem = stem.strip_prefix("The ").unwrap_or(stem);
            let name = tidy_name(&format!("{} {}", stem, &c[2]));
            add(canonical(&name), *weight, method, text);
        }
        for c in names_london.then(|| london.captures_iter(text)).into_iter().flatten() {
            add(canonical(&tidy_name(&c[1])), *weight, method, text);
        }
        for c in names_association.then(|| ha.captures_iter(text)).into_iter().flatten() {
            let name = tidy_name(&c[1]);
            if name.contains("Ombudsman") || name.starts_with("Social") || name.starts_with("The ") {
                continue;
            }
            // Housing association names are too varied to trust anywhere but the title,
            // unless the gazetteer knows them.
            if let Some(e) = by_alias.get(&key(&name)) {
                add(e.name.clone(), *weight, method, text);
            } else if *method == "title" {
                add(name, *weight, method, text);
            }
        }
        for c in has_domain.then(|| domain_re.captures_iter(text)).into_iter().flatten() {
            let host = c[1].to_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host);
            // Match the registrable part: "housing.luton.gov.uk" → "luton.gov.uk".
            let suffixes = std::iter::once(host).chain(host.match_indices('.').map(|(i, _)| &host[i + 1..]));
            let found = suffixes.filter_map(|d| by_domain.get(d)).next();
            if let Some(e) = found {
                add(e.name.clone(), 0.5 * weight, "link_domain", host);
            }
        }
        // Aliases written out in text ("South Cambs", "LB Camden").
        for e in gazetteer_hits(text).into_iter().map(|i| &gaz[i]) {
            add(e.name.clone(), 0.5 * weight, "gazetteer", text);
        }
    }
    let best = tally.iter().max_by(|a, b| a.1.score.total_cmp(&b.1.score).then_with(|| b.0.cmp(a.0)));
    match best {
        Some((name, t)) => {
            let total: f64 = tally.values().map(|t| t.score).sum();
            let share = t.score / total;
            let strength = (t.score / 6.0).min(1.0);
            let confidence = ((0.4 + 0.6 * share) * (0.5 + 0.5 * strength)).clamp(0.1, 0.99);
            let method = t.methods.iter().max_by_key(|(_, n)| **n).map_or("body_text", |(m, _)| *m);
            let methods: Vec<String> = t.methods.iter().map(|(m, n)| format!("{m}×{n}")).collect();
            (
                Some(name.clone()),
                FieldDetection {
                    method: method.to_string(),
                    confidence: (confidence * 100.0).round() / 100.0,
                    evidence: format!("{} ({})", t.example, methods.join(", ")),
                },
            )
        }
        None => (None, FieldDetection { method: "none".into(), confidence: 0.0, evidence: "no council, housing association or known domain found".into() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chc_model::{ContextLine, LayoutKind, RawRecord, SourceFormat, SourceInfo};

    fn table(context: &[&str], evidence: &[&str]) -> TableDocument {
        TableDocument {
            source: SourceInfo { path: "x".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 },
            layout: LayoutKind::Tabbed,
            columns: vec![],
            roles: vec![],
            records: evidence.iter().enumerate().map(|(i, e)| RawRecord { evidence: e.to_string(), location: 100 + i as u32, ..Default::default() }).collect(),
            context: context.iter().enumerate().map(|(i, t)| ContextLine { location: i as u32 + 1, text: t.to_string() }).collect(),
            front_matter_lines: context.len(),
            warnings: vec![],
        }
    }

    #[test]
    fn quirk1_landlord_from_title() {
        let t = table(&["Stevenage Borough Council Self-assessment form – April 2024"], &[]);
        assert_eq!(detect(&t).0.as_deref(), Some("Stevenage Borough Council"));
        assert_eq!(detect(&t).1.method, "title");
    }

    #[test]
    fn quirk1_landlord_from_body_text_when_title_is_silent() {
        let t = table(
            &["Appendix A: Self-assessment form (March 2024)"],
            &["The City Council has a team", "Contacting Stoke-on- Trent City Council", "Stoke-on-Trent City Council welcomes feedback"],
        );
        assert_eq!(detect(&t).0.as_deref(), Some("Stoke-on-Trent City Council"));
    }

    #[test]
    fn quirk1_county_abbreviations_expanded() {
        let t = table(&["Appendix B"], &["South Cambs District Council policy"]);
        assert_eq!(detect(&t).0.as_deref(), Some("South Cambridgeshire District Council"));
    }

    #[test]
    fn gazetteer_names_start_with_a_letter_or_digit() {
        // `alias_index` finds names only where a word starts.
        for (pattern, _) in alias_index().by_first_word.values().flatten() {
            assert!(pattern.starts_with(char::is_alphanumeric), "{pattern:?} starts with a non-alphanumeric character");
        }
    }

    #[test]
    fn gazetteer_aliases_found_as_whole_words_in_any_ascii_case() {
        let gaz = gazetteer();
        let found: Vec<&str> = gazetteer_hits("see STOKE-ON-TRENT city council's page; not Stoke-on-Trentham").into_iter().map(|i| gaz[i].name.as_str()).collect();
        assert_eq!(found, ["Stoke-on-Trent City Council"]);
    }

    /// The definition `gazetteer_hits` implements: every name, ASCII-case-insensitively,
    /// anywhere, with no letter or digit either side.
    fn reference_hits(texts: &[String]) -> Vec<Vec<usize>> {
        let gaz = gazetteer();
        let mut patterns = Vec::new();
        for (i, e) in gaz.iter().enumerate() {
            for a in e.aliases.iter().chain(std::iter::once(&e.name)).filter(|a| a.len() >= 6) {
                patterns.push((a.to_lowercase(), i));
            }
        }
        let automaton = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(patterns.iter().map(|p| &p.0)).unwrap();
        let hits_of = |text: &str| {
            let mut hits = vec![false; gaz.len()];
            for m in automaton.find_overlapping_iter(text) {
                let before = text[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = text[m.end()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before && after {
                    hits[patterns[m.pattern().as_usize()].1] = true;
                }
            }
            (0..gaz.len()).filter(|&i| hits[i]).collect::<Vec<usize>>()
        };
        texts.iter().map(|t| hits_of(t)).collect()
    }

    #[test]
    fn gazetteer_hits_equal_a_substring_search_for_every_name() {
        let mut texts: Vec<String> = gazetteer().iter().flat_map(|e| e.aliases.iter().chain(std::iter::once(&e.name))).map(|n| format!("({n}), x{n} {}s é{n}é", n.to_uppercase())).collect();
        texts.extend(["", "Stoke-on-Trent City Council's page", "LB Camden and South Cambs District", "Ærø Housing — Leeds City Council—Leeds"].map(String::from));
        let all = texts.join(" ");
        texts.push(all);
        for (t, want) in texts.iter().zip(reference_hits(&texts)) {
            assert_eq!(gazetteer_hits(t), want, "{t:?}");
        }
    }

    #[test]
    fn cue_words_cannot_overlap() {
        for a in CUE_WORDS {
            for b in CUE_WORDS {
                let overlaps = (1..a.len()).any(|k| b.starts_with(&a[k..])) || (a != b && a.contains(b));
                assert!(!overlaps, "{a} / {b}");
            }
        }
    }

    #[test]
    fn name_pretests_pass_every_text_the_patterns_match() {
        for text in ["Luton Borough\u{a0}Council", "Stoke-on-Trent City\n Council's", "Hull City  Council", "Clarion Housing Group", "O'Neill & Homes", "Peabody\tHomes", "CityCouncil", "the Council", "LHomes"] {
            let council = Regex::new(r"(?:Borough|City|District|County|Town)\s+Council").unwrap().is_match(text);
            assert_eq!(council, cues(text).names_council, "{text}");
            let association = Regex::new(r"[A-Za-z'&]\s+(?:Homes|Housing)").unwrap().is_match(text);
            assert_eq!(association, cues(text).names_association, "{text}");
        }
        assert!(cues("see www.luton.gov.uk").has_domain && cues("Royal London Borough of Kingston").names_london);
    }

    #[test]
    fn housing_ombudsman_is_not_a_landlord() {
        let t = table(&["Self-assessment"], &["The Housing Ombudsman Service says"]);
        assert_eq!(detect(&t).0, None);
    }
}
