//! Who published the form (QUIRKS 1). Titles often omit the landlord; the name then comes
//! from headings, footers ("© 2024 Example Homes"), body text, and the domains of links
//! and e-mail addresses, checked against a gazetteer of the landlords the Housing
//! Ombudsman covers (`data/landlords.csv`: councils, registered providers, ALMOs; where
//! each row comes from is in `data/landlords_sources.md`).
//!
//! Every mention of a landlord adds the weight of the place it was found in: the title
//! most, then a copyright or "is a registered …" line and an e-mail address, then headings
//! and the lines after the table, then the body text. With some 1,700 names, forms name
//! other landlords too ("we benchmark against X Homes"), so a body mention after words of
//! comparison counts little, names made only of ordinary words ("Housing Solutions")
//! count only as written, and a name inside a longer one counts as the longer one.

mod names;

use chc_code::regexes::cached as re;
use chc_code::{word_hash, word_spans, HashedKeys};
use rustc_hash::FxHashMap;
use names::{Shaped, Standing};
use chc_model::{FieldDetection, TableDocument};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    aliases: Vec<String>,
    /// The gazetteer's kind column says so: a name's shape cannot ("Council of the Isles of
    /// Scilly", "City of London Corporation", but "City of Exeter YMCA" is not one).
    council: bool,
    /// A council on today's list of councils that the Regulator of Social Housing does not
    /// list (its sources hold "lgl" but not "rsh"): it holds no council homes (a county
    /// council, a district that transferred its stock), so the cells of a form name it as the
    /// body they work beside, not as the form's landlord.
    holds_no_homes: bool,
}

/// A name or alias as the scan looks for it, without a leading "The " (the rest of the
/// name is as telling, and "the" starts too many words of text to be looked up at each).
struct Pattern {
    lower: String,
    written: String,
    entry: usize,
    /// Made only of words that housing prose uses anyway ("Local Space", "Housing
    /// Solutions", "Places for People"): found only where written as in the gazetteer (or
    /// in capitals), and worth less in body text.
    ordinary: bool,
    form: Form,
}

/// How a pattern spells its landlord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The name or an alias, as the gazetteer lists it.
    Name,
    /// The distinctive part of the name alone ("Wrekin", "South Norfolk"), unique to one
    /// landlord and not an English word: found only as written, standing alone.
    Stem,
    /// Initials ("LHP") or an alias in capitals ("BCHG"), unique to one landlord.
    Acronym,
}

/// Initials that stand for something other than a landlord in complaint-handling text.
const NOT_LANDLORD_ACRONYMS: &[&str] = &[
    "ACES", "ALPS", "ANTS", "ASB", "ASD", "CEO", "CHC", "CIH", "CMT", "DASH", "DPO", "DWP", "ELT", "EMT", "EPIC", "FAQ", "GDPR", "HARP", "HMO", "HOS", "HRA", "ICO", "IDS", "JET", "KPI",
    "LEAP", "LGO", "LGSCO", "MIT", "NET", "NHF", "NHS", "PDF", "PPL", "RSH", "SAT", "SLA", "SLT", "SMT", "SPA", "TPAS", "TSM", "TUC", "YES",
];

/// Words of landlords' names that are ordinary English words (`data/common_words.txt`).
fn common_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| include_str!("../data/common_words.txt").lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect())
}

/// Words that do not tell one landlord from another prose about housing.
const ORDINARY_WORDS: &[&str] = &[
    "advice", "affordable", "almshouse", "almshouses", "and", "association", "at", "benevolent", "care", "charitable",
    "charities", "charity", "communities", "community", "first", "for", "foundation", "fund", "general", "great",
    "group", "home", "homeless", "homes", "hospital", "house", "houses", "housing", "in", "independent", "life",
    "limited", "living", "local", "municipal", "my", "new", "of", "on", "one", "options", "our", "partnership",
    "people", "place", "places", "plus", "point", "project", "property", "refuge", "relief", "rented", "residential",
    "safer", "service", "services", "social", "society", "solutions", "space", "spaces", "support", "supported",
    "team", "the", "their", "trust", "turning", "two", "united", "welfare", "your",
];

fn is_ordinary(name: &str) -> bool {
    word_spans(name).all(|(_, w)| w.bytes().all(|b| b.is_ascii_digit()) || ORDINARY_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// The gazetteer: entries, the first-word index of their names and aliases, and lookups by
/// domain and by normalised name.
pub(crate) struct Gazetteer {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    /// Patterns of 6+ bytes by the [`word_hash`] of their first word. A name starts with a
    /// letter or digit (tested) and must not follow one, so it can only start where a word
    /// of the text starts, and there that word is the name's first word: one lookup per
    /// word of the text finds every candidate. Words equal but for the case of ASCII
    /// letters share a `word_hash`; the full comparison tells apart any others that do.
    by_first_word: HashMap<u64, Vec<u32>, HashedKeys>,
    /// [`start_key`] of every ASCII first word, as bits: an ASCII word of the text whose key
    /// is not here cannot be a first word, and is not hashed (most words are not).
    starts: Vec<u64>,
    by_domain: FxHashMap<String, usize>,
    /// [`key`] of every name and alias: the entry, and whether that spelling is ordinary.
    by_key: FxHashMap<String, (usize, bool)>,
    /// Acronym patterns by their letters: looked up for words in capitals only.
    by_acronym: FxHashMap<String, u32>,
    /// [`key`] of every stem pattern: the entry it belongs to alone.
    by_stem: FxHashMap<String, usize>,
    /// [`key`] of every name and alias with its last kind words dropped one by one ("Bromford
    /// Housing Group" → "bromfordhousing", "bromford"): the entry, or `None` where two
    /// entries share it. What web hosts are made of.
    by_trimmed: FxHashMap<String, Option<usize>>,
}

/// An ASCII word's first two letters, lower-cased, and its length (up to 31).
fn start_key(word: &[u8]) -> usize {
    let letter = |i: usize| word.get(i).map_or(0, |b| usize::from(b.to_ascii_lowercase() & 0x7F));
    (((letter(0) << 7) | letter(1)) << 5) | word.len().min(31)
}

/// Where a gazetteer pattern occurs in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NameMatch {
    start: usize,
    end: usize,
    pattern: u32,
}

impl Gazetteer {
    fn from_csv(text: &str) -> Gazetteer {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let split = |s: Option<&str>| -> Vec<String> {
            s.unwrap_or("").split(';').map(|x| x.trim().to_string()).filter(|x| !x.is_empty() && !x.contains("(abolished)")).collect()
        };
        let mut g = Gazetteer {
            entries: Vec::new(),
            patterns: Vec::new(),
            by_first_word: HashMap::default(),
            starts: vec![0; (1 << 19) / 64],
            by_domain: FxHashMap::default(),
            by_key: FxHashMap::default(),
            by_acronym: FxHashMap::default(),
            by_stem: FxHashMap::default(),
            by_trimmed: FxHashMap::default(),
        };
        for r in rdr.records().filter_map(Result::ok) {
            let name = r.get(0).unwrap_or("").trim().to_string();
            if name.is_empty() {
                continue;
            }
            let i = g.entries.len();
            let domains: Vec<String> = split(r.get(2)).into_iter().map(|d| d.to_lowercase()).collect();
            for d in &domains {
                g.by_domain.insert(d.clone(), i);
            }
            for spelling in std::iter::once(name.clone()).chain(split(r.get(3))) {
                g.add_spelling(&spelling, i);
                g.add_trimmed(&spelling, i);
            }
            let council = r.get(1).is_some_and(|kind| kind.trim() == "council");
            let sources = || r.get(4).into_iter().flat_map(|sources| sources.split(';')).map(str::trim);
            let listed = |list: &str| sources().any(|s| s == list);
            // Only a council on today's list of councils ("lgl") and not the Regulator's is
            // known to hold no homes: a council abolished since, or newly made, is on neither
            // list (Kettering Borough Council held its homes until 2021).
            // A council formed since the Regulator's copy was taken that keeps its
            // predecessors' homes is named so by a page of its own (a `…-landlord` source).
            let named_a_landlord = sources().any(|s| s.ends_with("-landlord"));
            let holds_no_homes = council && listed("lgl") && !listed("rsh") && !named_a_landlord;
            g.entries.push(Entry { name, aliases: split(r.get(3)), council, holds_no_homes });
        }
        // After the short forms, which must not take these spellings for other names'.
        g.add_short_forms();
        g.add_written_variants();
        g
    }

    /// Spellings landlords use that the lists do not give, where one entry alone has them:
    /// "and" for "&" and the reverse, "St." for "St", spaces for hyphens ("Stoke on Trent
    /// City Council"), the registered name without its bracketed place ("Herring House Trust
    /// (Great Yarmouth)" is "Herring House Trust" on its own pages) and a name of two or
    /// three capitalised words run together as a brand ("B3Living", "GreatPlaces").
    fn add_written_variants(&mut self) {
        let mut variants: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let mut spellings: Vec<String> = Vec::new();
            for listed in std::iter::once(&e.name).chain(&e.aliases) {
                let swaps: [(&str, &str); 4] = [(" & ", " and "), (" and ", " & "), ("St ", "St. "), ("-", " ")];
                let mut all = listed.clone();
                for (from, to) in swaps {
                    // "St " only as a word ("St Leger", not "Forest ").
                    let applies = if from == "St " { listed.starts_with("St ") || listed.contains(" St ") } else { listed.contains(from) };
                    if applies {
                        let swap = |s: &str| if from == "St " { s.replacen("St ", "St. ", usize::from(s.starts_with("St "))).replace(" St ", " St. ") } else { s.replace(from, to) };
                        spellings.push(swap(listed));
                        all = swap(&all);
                    }
                }
                if all != *listed {
                    spellings.push(all);
                }
            }
            // The kind as pages shorten it ("Rochdale MBC", "Tewkesbury Boro' Council", "East
            // Hampshire Dist. Council", "Kingston Churches Housing Assoc.", "X H.A."), a saint
            // spelled out, a place's joining words hyphenated ("Kingston-upon-Thames").
            const SHORT_KINDS: [(&str, &[&str]); 4] = [
                (" Metropolitan Borough Council", &[" MBC", " M.B.C.", " Metropolitan BC"]),
                (" Borough Council", &[" BC", " B.C.", " Boro' Council", " Boro Council", " Borough Cncl"]),
                (" District Council", &[" DC", " D.C.", " Dist. Council", " Dist Council"]),
                (" Housing Association", &[" HA", " H.A.", " Housing Assoc.", " Housing Assoc", " Housing Assn"]),
            ];
            for listed in std::iter::once(&e.name).chain(&e.aliases) {
                let bare = listed.strip_prefix("The ").unwrap_or(listed);
                // The place first (saint, hyphens), then the kind shortened on each.
                let mut places = vec![bare.to_string()];
                if bare.starts_with("St ") || bare.contains(" St ") {
                    places.push(bare.replacen("St ", "Saint ", 1));
                }
                for joining in [" upon ", " on ", " under ", " in "] {
                    if bare.contains(joining) {
                        places.push(bare.replace(joining, &format!("-{}-", joining.trim())));
                    }
                }
                for place in places {
                    if let Some((kind, shorts)) = SHORT_KINDS.iter().find(|(k, _)| place.ends_with(k)) {
                        let head = &place[..place.len() - kind.len()];
                        spellings.extend(shorts.iter().map(|short| format!("{head}{short}")));
                    }
                    if place != bare {
                        spellings.push(place);
                    }
                }
            }
            if let (Some(open), Some(close)) = (e.name.find('('), e.name.find(')')) {
                if open < close {
                    spellings.push(format!("{} {}", &e.name[..open], &e.name[close + 1..]).split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            for name in std::iter::once(e.name.as_str()).chain(Some(names::stem(&e.name)).filter(|s| s.contains(' '))) {
                let words: Vec<&str> = name.strip_prefix("The ").unwrap_or(name).split(' ').collect();
                let capitalised = words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) && w.chars().all(char::is_alphanumeric));
                if (2..=3).contains(&words.len()) && capitalised {
                    spellings.push(words.concat());
                }
            }
            // The first word and the initials of the rest, as a brand ("Poplar HARCA" for
            // Poplar Housing And Regeneration Community Association): four words or more after
            // the first.
            {
                let bare = e.name.strip_prefix("The ").unwrap_or(&e.name);
                if let Some((first, rest)) = bare.split_once(' ') {
                    let words: Vec<&str> = rest.split(' ').filter(|w| !w.starts_with('(')).collect();
                    let letters: String = words.iter().filter_map(|w| w.chars().next()).filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_uppercase()).collect();
                    if words.len() >= 4 && letters.len() == words.len() && first.chars().next().is_some_and(char::is_uppercase) {
                        spellings.push(format!("{first} {letters}"));
                    }
                }
            }
            for s in spellings {
                // Another entry's spelling already: not this one's.
                if s.len() >= 6 && self.by_key.get(&key(&s)).is_none_or(|&(other, _)| other == i) {
                    // By the letters as written: "LarchLiving" is a pattern "Larch Living" is not.
                    let users = &mut variants.entry(s.to_lowercase()).or_insert_with(|| (s.clone(), Vec::new())).1;
                    if !users.contains(&i) {
                        users.push(i);
                    }
                }
            }
        }
        let listed: HashSet<&str> = self.patterns.iter().map(|p| p.lower.as_str()).collect();
        let new: Vec<(String, usize)> = variants.into_iter().filter(|(lower, _)| !listed.contains(lower.strip_prefix("the ").unwrap_or(lower))).filter_map(|(_, (s, users))| match users[..] {
            [entry] => Some((s, entry)),
            _ => None,
        }).collect();
        for (spelling, entry) in new {
            self.add_spelling(&spelling, entry);
            // "Expectations (UK)" without its bracket is an English word: a name only as
            // written ("At Expectations we…"), never "the expectations of residents".
            if !spelling.contains(' ') && common_words().contains(spelling.to_lowercase().as_str()) {
                if let Some(p) = self.patterns.last_mut().filter(|p| p.written == spelling) {
                    p.ordinary = true;
                }
            }
        }
    }

    /// Stems and acronyms of the entries, each only where it belongs to one entry alone.
    /// Stems come from the name and the aliases ("Hackney Council" → "Hackney", "Richmond
    /// upon Thames Council" → "Richmond upon Thames"). A one-word stem must be a rare word:
    /// not an English word ("Platform", "Together"), at least five letters, and not a word
    /// of two or more other names (a county: "Norfolk" in "North Norfolk" and "South
    /// Norfolk"). A one-word name or alias too short to be a name pattern ("Orbit",
    /// "Torus") is a stem as listed: the gazetteer says it is the landlord's.
    fn add_short_forms(&mut self) {
        let common = common_words();
        let mut word_use: HashMap<&str, usize> = HashMap::new();
        for e in &self.entries {
            let words: HashSet<&str> = e.name.split_whitespace().collect();
            for w in words {
                *word_use.entry(w).or_default() += 1;
            }
        }
        let mut stems: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut acronyms: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            for spelling in std::iter::once(&e.name).chain(&e.aliases) {
                let stem = names::stem(spelling);
                let whole = spelling.strip_prefix("The ").unwrap_or(spelling);
                let listed_short = stem == whole && whole.len() < 6 && !stem.contains(' ') && !stem.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                if !stem.is_empty() && (stem.len() < whole.len() || listed_short) {
                    let users = stems.entry(stem.to_string()).or_default();
                    if !users.contains(&i) {
                        users.push(i);
                    }
                }
            }
            // (A name that is itself initials, "TPHA", too short to be a name pattern.)
            let capitals = std::iter::once(&e.name).chain(&e.aliases).filter(|a| is_acronym(a));
            let initials = names::initials(&e.name).filter(|i| i.len() <= 6);
            for a in initials.into_iter().chain(capitals.cloned()) {
                let users = acronyms.entry(a).or_default();
                if !users.contains(&i) {
                    users.push(i);
                }
            }
        }
        let taken = |form: &str, entry: usize| self.by_key.get(&key(form)).is_some_and(|&(other, _)| other != entry);
        let mut short: Vec<(String, usize, Form)> = Vec::new();
        for (stem, users) in stems {
            let [entry] = users[..] else { continue };
            let one_word = !stem.contains(' ');
            // A spelling of its own entry too short to be a name pattern.
            let listed = stem.len() < 6 && stem.len() >= 4 && self.by_key.get(&key(&stem)).is_some_and(|&(e, _)| e == entry);
            let rare = !one_word || (stem.chars().count() >= 5 && !common.contains(stem.to_lowercase().as_str()) && word_use.get(stem.as_str()).copied().unwrap_or(0) <= 2);
            if listed || rare && !is_ordinary(&stem) && !self.by_key.contains_key(&key(&stem)) {
                short.push((stem, entry, Form::Stem));
            }
        }
        for (acronym, users) in acronyms {
            let [entry] = users[..] else { continue };
            if !NOT_LANDLORD_ACRONYMS.contains(&acronym.as_str()) && !common.contains(acronym.to_lowercase().as_str()) && !taken(&acronym, entry) {
                short.push((acronym, entry, Form::Acronym));
            }
        }
        for (written, entry, form) in short {
            let p = self.patterns.len() as u32;
            if form == Form::Acronym {
                self.by_acronym.insert(written.clone(), p);
            } else {
                self.by_stem.insert(key(&written), entry);
                self.index_first_word(&written.to_lowercase(), p);
            }
            self.patterns.push(Pattern { lower: written.to_lowercase(), written, entry, ordinary: false, form });
        }
    }

    fn add_trimmed(&mut self, spelling: &str, entry: usize) {
        let mut words: Vec<&str> = spelling.split_whitespace().collect();
        if words.first() == Some(&"The") {
            words.remove(0);
        }
        while words.len() > 1 && names::is_kind_or_qualifier(words[words.len() - 1]) {
            words.pop();
            let k = key(&words.join(" "));
            if k.len() >= 5 && !common_words().contains(k.as_str()) {
                let slot = self.by_trimmed.entry(k).or_insert(Some(entry));
                if *slot != Some(entry) {
                    *slot = None;
                }
            }
        }
    }

    fn index_first_word(&mut self, lower: &str, pattern: u32) {
        let first = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if first.is_ascii() && !first.is_empty() {
            let k = start_key(first.as_bytes());
            self.starts[k / 64] |= 1 << (k % 64);
        }
        self.by_first_word.entry(word_hash(first)).or_default().push(pattern);
    }

    fn add_spelling(&mut self, spelling: &str, entry: usize) {
        let ordinary = is_ordinary(spelling);
        self.by_key.entry(key(spelling)).or_insert((entry, ordinary));
        let written = spelling.get(..4).filter(|p| p.eq_ignore_ascii_case("the ")).map_or(spelling, |_| &spelling[4..]);
        if written.len() < 6 {
            return;
        }
        let lower = written.to_lowercase();
        self.index_first_word(&lower, self.patterns.len() as u32);
        self.patterns.push(Pattern { lower, written: written.to_string(), entry, ordinary, form: Form::Name });
    }

    fn may_start_a_name(&self, ascii_word: &[u8]) -> bool {
        let k = start_key(ascii_word);
        self.starts[k / 64] & (1 << (k % 64)) != 0
    }

    /// Every occurrence of a pattern in `text` as whole words, ASCII letters in any case;
    /// acronyms only in capitals.
    fn matches(&self, text: &str) -> Vec<NameMatch> {
        let mut found = Vec::new();
        let mut joined_until = 0;
        for (at, word) in word_spans(text) {
            if (3..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
                if let Some(&p) = self.by_acronym.get(word) {
                    found.push(NameMatch { start: at, end: at + word.len(), pattern: p });
                }
            }
            // Initials joined by an ampersand ("L&Q", "B&NES"), which the word splitter cuts.
            if at >= joined_until && text.as_bytes().get(at + word.len()) == Some(&b'&') && word.bytes().all(|b| b.is_ascii_uppercase()) {
                let len = text[at..].bytes().take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'&').count();
                let joined = &text[at..at + len];
                let whole = text[at + len..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if whole && is_acronym(joined) {
                    if let Some(&p) = self.by_acronym.get(joined) {
                        found.push(NameMatch { start: at, end: at + len, pattern: p });
                    }
                }
                joined_until = at + len;
            }
            if word.is_ascii() && !self.may_start_a_name(word.as_bytes()) {
                continue;
            }
            let Some(candidates) = self.by_first_word.get(&word_hash(word)) else { continue };
            let rest = &text[at..];
            for &p in candidates {
                let pattern = &self.patterns[p as usize].lower;
                let matched = rest.as_bytes().get(..pattern.len()).is_some_and(|b| b.eq_ignore_ascii_case(pattern.as_bytes()));
                // A name ends at a word boundary, or where a capital follows its last
                // lower-case letter, run together ("Fenmoor HomesPrivacy notice").
                let ends = |c: char| !c.is_alphanumeric() || c.is_uppercase() && rest.as_bytes()[pattern.len() - 1].is_ascii_lowercase();
                if matched && rest[pattern.len()..].chars().next().is_none_or(ends) {
                    found.push(NameMatch { start: at, end: at + pattern.len(), pattern: p });
                }
            }
        }
        found
    }

    /// The entry a name or alias spells, ignoring case, spaces and punctuation.
    fn by_name(&self, name: &str) -> Option<&Entry> {
        self.by_name_entry(name).map(|(e, _)| e)
    }

    /// [`Gazetteer::by_name`], and whether that spelling is made of ordinary words only.
    fn by_name_entry(&self, name: &str) -> Option<(&Entry, bool)> {
        self.by_key.get(&key(name)).map(|&(i, ordinary)| (&self.entries[i], ordinary))
    }

    /// The entry a web host belongs to: one of its domains ("housing.luton.gov.uk" →
    /// "luton.gov.uk"), else the entry whose name, run together with or without a leading
    /// "The", is the host's registrable label ("fernleahomes.org.uk" → Fernlea Homes,
    /// "papworthtrust.org.uk" → The Papworth Trust), unless that name is ordinary, else the
    /// entry whose distinctive part alone it is ("wrekin.co.uk" → The Wrekin Housing Group:
    /// a stem only one landlord has, [`Gazetteer::add_short_forms`]).
    fn by_host(&self, host: &str) -> Option<&Entry> {
        let suffixes = std::iter::once(host).chain(host.match_indices('.').map(|(i, _)| &host[i + 1..]));
        if let Some(i) = suffixes.filter_map(|d| self.by_domain.get(d)).next() {
            return Some(&self.entries[*i]);
        }
        let label = key(registrable_label(host)?);
        if label.len() < 5 {
            return self.by_initials_label(&label).map(|i| &self.entries[i]);
        }
        let named = [self.by_key.get(&label), self.by_key.get(&format!("the{label}"))].into_iter().flatten().find_map(|&(i, ordinary)| (!ordinary).then_some(i));
        named.or_else(|| self.by_stem.get(&label).copied()).or_else(|| self.by_trimmed_label(&label)).map(|i| &self.entries[i])
    }

    /// The entry a host's label names in part: its name without the last kind words
    /// ("bromfordhousing.co.uk" → Bromford Housing Group), also after the label's own kind
    /// ending ("grandunionhomes" → Grand Union Housing Group), where one entry alone has it.
    fn by_trimmed_label(&self, label: &str) -> Option<usize> {
        let stripped = names::HOST_KIND_ENDINGS.iter().filter_map(|(e, _, _)| label.strip_suffix(e)).filter(|s| s.len() >= 5);
        std::iter::once(label).chain(stripped).find_map(|l| self.by_trimmed.get(l).copied().flatten()).or_else(|| self.by_initials_label(label))
    }

    /// The council a name (or the name with "Council", or with the kind a plural gives:
    /// "Mid Suffolk" + "District Councils") stands for.
    fn council(&self, name: &str, plural_kind: Option<&str>) -> Option<usize> {
        let is_council = |i: usize| self.entries[i].council;
        let base = key(name);
        let keys = [Some(base.clone()), plural_kind.map(|k| base.clone() + &key(k)), Some(base + "council")];
        keys.into_iter().flatten().find_map(|k| self.by_key.get(&k).map(|&(i, _)| i).filter(|&i| is_council(i)))
    }

    /// Pairs of councils a text names as one ("South Norfolk and Broadland", "Adur &
    /// Worthing Councils", "South Hams District Council and West Devon Borough Council"):
    /// councils that share a housing service answer the Code once, together. Each pair's
    /// entries in the order named, with where the pair starts, where its "and" is and where
    /// it ends.
    fn joint_councils(&self, text: &str) -> Vec<JointCouncils> {
        const MAX_WORDS: usize = 6;
        let capitalised = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(w, "of" | "upon" | "on" | "le");
        let mut pairs = Vec::new();
        for (at, joint) in text.match_indices(" and ").chain(text.match_indices(" & ")) {
            // Capitalised words on both sides, or no council pair (most "and"s join prose).
            let capital_after = text[at + joint.len()..].starts_with(|c: char| c.is_uppercase());
            let capital_before = text[..at].rsplit(' ').next().is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
            if !capital_after || !capital_before {
                continue;
            }
            let left: Vec<&str> = text[..at].split(' ').rev().take_while(|w| capitalised(w) && !w.ends_with([',', '.', ':', ';', '|', ')'])).take(MAX_WORDS).collect();
            let mut right: Vec<&str> = Vec::new();
            for w in text[at + joint.len()..].split(' ').take(MAX_WORDS) {
                let bare = w.trim_end_matches([',', '.', ':', ';', ')', '\'', '\u{2019}']);
                if !capitalised(bare) {
                    break;
                }
                right.push(bare);
                if bare.len() != w.len() {
                    break;
                }
            }
            if left.is_empty() || right.is_empty() {
                continue;
            }
            // "… District Councils": the kind both share.
            let plural_at = right.iter().position(|w| *w == "Councils");
            let shared_kind = plural_at.map(|i| right[..i].iter().rev().take_while(|w| names::is_kind_or_qualifier(w)).count()).map(|n| {
                let i = plural_at.expect("found");
                right[i - n..i].iter().copied().chain(std::iter::once("Council")).collect::<Vec<_>>().join(" ")
            });
            let right_words: Vec<&str> = match plural_at {
                Some(i) => right[..i].iter().copied().chain(std::iter::once("Council")).collect(),
                None => right.clone(),
            };
            // The longest run of words on each side that names a council.
            let first = (0..left.len()).rev().find_map(|n| self.council(&left[..=n].iter().rev().copied().collect::<Vec<_>>().join(" "), shared_kind.as_deref()).map(|i| (n, i)));
            let second = (1..=right_words.len()).rev().find_map(|n| self.council(&right_words[..n].join(" "), None).map(|i| (n, i)));
            if let (Some((left_n, a)), Some((right_n, b))) = (first, second) {
                if a != b {
                    let start = at - left[..=left_n].iter().map(|w| w.len() + 1).sum::<usize>() + 1;
                    // The words read on the right, through "Councils" where both share it.
                    let read = plural_at.map_or(right_n, |i| if right_n > i { i + 1 } else { right_n });
                    let end = at + joint.len() + right[..read].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
                    pairs.push(JointCouncils { start, and_at: at, end, first: a, second: b });
                }
            }
        }
        pairs.sort_unstable_by_key(|p| (p.and_at, p.first, p.second));
        pairs
    }

    /// The entry a host's label spells the initials of, where one entry alone goes by them
    /// ("whg.co.uk", "ncha.org.uk").
    fn by_initials_label(&self, label: &str) -> Option<usize> {
        let letters = label.to_ascii_uppercase();
        if !(3..=6).contains(&letters.len()) || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        self.by_acronym.get(&letters).map(|&p| self.patterns[p as usize].entry)
    }
}

/// The label left of a host's public suffix: "complaints.fernleahomes.org.uk" → "fernleahomes".
fn registrable_label(host: &str) -> Option<&str> {
    const SUFFIXES: [&str; 10] = [".gov.uk", ".org.uk", ".co.uk", ".ltd.uk", ".plc.uk", ".uk.com", ".uk", ".com", ".org", ".net"];
    let head = SUFFIXES.iter().find_map(|s| host.strip_suffix(s))?;
    Some(head.rsplit('.').next().unwrap_or(head))
}

/// Keep only the matches no other match contains ("Stonewater" inside "Stonewater Homes
/// South"): the longer name is the one meant.
fn outermost<T>(mut spans: Vec<T>, span: impl Fn(&T) -> (usize, usize)) -> Vec<T> {
    let all: Vec<(usize, usize)> = spans.iter().map(&span).collect();
    spans.retain(|m| {
        let (s, e) = span(m);
        !all.iter().any(|&(os, oe)| os <= s && e <= oe && (oe - os) > (e - s))
    });
    spans
}

const GAZETTEER: &str = include_str!("../data/landlords.csv");

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::from_csv(GAZETTEER))
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
    // Kinds as pages shorten them ("Marrowgate Boro' Council", "Fenmoor Dist. Council").
    ("Boro'", "Borough"),
    ("Boro\u{2019}", "Borough"),
    ("Dist.", "District"),
    ("Assoc.", "Association"),
];

fn tidy_name(raw: &str) -> String {
    static HYPHEN: OnceLock<Regex> = OnceLock::new();
    // A body of the landlord before it is none of its name: "the Housing Committee of X
    // Borough Council" is X Borough Council's committee.
    let raw = match raw.split_once(" of ") {
        Some((body, landlord)) if body.split_whitespace().any(|w| names::GOVERNING_BODIES.contains(&w)) && landlord.starts_with(char::is_uppercase) => landlord,
        _ => raw,
    };
    let joined = re(&HYPHEN, r"\s*-\s+|\s+-\s*").replace_all(raw.trim(), "-");
    let words: Vec<String> = joined
        .split_whitespace()
        .map(|w| ABBREVIATIONS.iter().find(|(a, _)| *a == w).map_or(w.to_string(), |(_, full)| full.to_string()))
        .collect();
    let name = words.join(" ");
    // Its kind spelled right, so that a misspelling and the right spelling are one name
    // ("Quillmoor Hosuing Association" and "Quillmoor Housing Association").
    names::mended_spelling(&name).unwrap_or(name)
}

/// What a text holds that the name patterns need, found in one pass. The patterns are
/// costly; most cells name no organisation at all, and most that say "Council" or
/// "Housing" do not put a capitalised word before it.
#[derive(Default)]
struct Cues {
    /// Kind words ("Council", "Homes" …) after a capitalised word: where landlord-shaped
    /// names may end.
    kinds: Vec<(usize, usize)>,
    /// "London Borough of", "Council of": a council named kind first.
    names_kind_first: bool,
    has_domain: bool,
    /// "©", "Copyright", "… is a registered society": a line that names its publisher.
    names_publisher: bool,
}

/// No word ends with the start of another or holds another, so matches cannot overlap and
/// a plain (prefiltered) search finds every occurrence.
const CUE_WORDS: [&str; 40] = [
    "Council", "Homes", "Housing", "Group", "Association", "Trust", "Partnership", "Living", "Communities", "Almshouses", "Society", "Co-operative", "Cooperative", "Charity", "Charities", "Foundation", "Organisation", "Solutions", "Fellowship", "Support", "London Borough", "Royal Borough", ".uk", ".com", ".org",
    ".net", "\u{a9}", "opyright", "(c) 2", " is registered", " is a registered", " is a Registered", " is a charitable", " is a not-for-profit", ", a registered", ", a Registered", "office:",
    // Company lines: "X Limited, a charitable registered society", "a co-operative and
    // community benefit society".
    ", a charitable", "benefit society",
    // "X is a company limited by guarantee", "X is a company registered in England".
    " is a company",
];

fn cues(text: &str) -> Cues {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| AhoCorasick::new(CUE_WORDS).expect("fixed words"));
    let mut cues = Cues::default();
    for m in words.find_iter(text) {
        match CUE_WORDS[m.pattern().as_usize()] {
            "London Borough" | "Royal Borough" => cues.names_kind_first = true,
            ".uk" | ".com" | ".org" | ".net" => cues.has_domain = true,
            "\u{a9}" | "opyright" | "(c) 2" | " is registered" | " is a registered" | " is a Registered" | " is a charitable" | " is a not-for-profit" | ", a registered" | ", a Registered" | "office:" | ", a charitable" | "benefit society" | " is a company" => {
                cues.names_publisher = true
            }
            word => {
                // "Borough Council of X", "Council of the Borough of X".
                cues.names_kind_first |= word == "Council" && text[m.end()..].starts_with(" of ");
                if after_word(text, m.start(), |head| head.rsplit(char::is_whitespace).next().is_some_and(|w| w.trim_start_matches(['(', '"', '\'', '\u{201c}', '\u{2018}']).starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))) {
                    cues.kinds.push((m.start(), m.end()));
                }
            }
        }
    }
    // A line that says who made the document: "Produced by X Homes", "Published by X
    // Council" (a sentence that says so in passing names whoever wrote a guide it cites).
    if !cues.kinds.is_empty() && !cues.names_publisher {
        const MADE_BY: [&str; 3] = ["Published by ", "Produced by ", "Prepared by "];
        cues.names_publisher = text.lines().any(|l| MADE_BY.iter().any(|m| l.trim_start().starts_with(m)));
    }
    cues
}

/// Whether the text before `at` ends in white space after a text that passes `before`.
fn after_word(text: &str, at: usize, before: impl Fn(&str) -> bool) -> bool {
    let head = &text[..at];
    let trimmed = head.trim_end();
    trimmed.len() < head.len() && before(trimmed)
}

/// Initials a landlord goes by: 3 to 6 capitals or digits, an ampersand allowed between
/// them ("LHP", "B&NES", "L&Q").
fn is_acronym(s: &str) -> bool {
    let b = s.as_bytes();
    (3..=6).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'&')
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && !s.contains("&&")
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter().filter(|c| c.is_ascii_alphanumeric()).count() >= 2
}

fn key(name: &str) -> String {
    name.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Where in the document a text stands, and what a landlord named there is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The first lines of the front matter.
    Title,
    /// The rest of the front matter: the introduction before the form.
    Intro,
    /// Other lines outside the table before its last row: section headings.
    Heading,
    /// Lines after the table's last row.
    Footer,
    /// Page furniture the table stage left out: a cookie notice, navigation, a web page's
    /// banner and footer, its link hosts.
    Furniture,
    /// A line that names its publisher: "© 2024 …", "… is a registered society".
    PublisherLine,
    /// Evidence and commentary.
    Body,
    /// A line of the last row's evidence or commentary: the page's footer runs on in it where
    /// the table reader could not tell where the row ends. Read as body text, except that a
    /// name on a line of its own or a publisher line is taken, as in a footer.
    LastCellLine,
}

impl Place {
    fn weight(self) -> f64 {
        match self {
            Place::Title => 5.0,
            Place::PublisherLine => 3.0,
            Place::Intro | Place::Heading | Place::Footer | Place::Furniture => 2.0,
            Place::Body | Place::LastCellLine => 1.0,
        }
    }

    /// Evidence or commentary: what a cell names is often another body the landlord deals with.
    fn is_cell(self) -> bool {
        matches!(self, Place::Body | Place::LastCellLine)
    }

    fn method(self) -> &'static str {
        match self {
            Place::Title => "title",
            Place::Intro | Place::Heading => "heading",
            Place::Footer | Place::PublisherLine => "footer",
            Place::Furniture => "page_furniture",
            Place::Body | Place::LastCellLine => "body_text",
        }
    }

    /// Whether a landlord-shaped name the gazetteer does not know is taken for the
    /// publisher's where it stands: anywhere in a title or a publisher line; in the
    /// introduction unless named as another landlord (an introduction is about its form);
    /// elsewhere only as a line of its own or the owner of the complaints policy (in body
    /// text, only the last; see also [`names::acts_in_own_voice`]).
    fn takes_new_name(self, standing: Standing) -> bool {
        match self {
            Place::Title | Place::PublisherLine => true,
            Place::Intro => standing != Standing::Another,
            Place::Heading => matches!(standing, Standing::OwnLine | Standing::PolicyOwner),
            // A footer's sentence about the name is the site's about itself: "Wrenmoor Homes
            // manages council homes on behalf of …. Registered in England …".
            // A cookie notice speaks for the site: "Wrenmoor Homes uses cookies …".
            Place::Footer => matches!(standing, Standing::OwnLine | Standing::PolicyOwner | Standing::Subject),
            Place::Furniture => matches!(standing, Standing::OwnLine | Standing::PolicyOwner | Standing::Subject),
            Place::Body => standing == Standing::PolicyOwner,
            Place::LastCellLine => matches!(standing, Standing::OwnLine | Standing::PolicyOwner),
        }
    }
}

/// An e-mail address's domain is the sender's own as a rule; a link is worth half the
/// place it is in, and at least as much as a mention in body text.
const EMAIL_WEIGHT: f64 = 3.0;

fn link_weight(place: Place) -> f64 {
    0.5 * place.weight().max(2.0)
}

/// A name that owns the complaints policy is the publisher's wherever it stands.
const POLICY_OWNER_WEIGHT: f64 = 2.0;

/// A landlord-shaped name the gazetteer lacks, named in passing in this many texts (cells or
/// lines), is taken.
const REPEATED_NAME_TEXTS: u32 = 2;

/// What councils named as one must be worth to publish the form together: one mention in the
/// front matter, a heading or the footer.
const JOINT_WEIGHT: f64 = 2.0;

/// Two councils a text names as one ([`Gazetteer::joint_councils`]): byte offsets of the
/// pair's first word, of its " and " and of its end, and the two entries in the order named.
struct JointCouncils {
    start: usize,
    and_at: usize,
    end: usize,
    first: usize,
    second: usize,
}

/// Initials of a name found elsewhere in the form ("TVP" after "Tamsford Vale Partnership").
const INITIALS_WEIGHT: f64 = 1.0;

/// A short form of a known name counts at this share of its place's weight, and only when
/// the form uses it twice, in its front matter, headings or footer, or as its own in a cell.
const SHORT_FORM_SHARE: f64 = 0.5;

/// What a mention of another landlord (compared with, a partner: [`names::names_another`])
/// is worth. It never names the form's landlord on its own: it only makes the landlord the
/// form does name less certain.
const ANOTHER_WEIGHT: f64 = 0.3;

/// Words a name the gazetteer does not know must end with to be taken for a landlord's
/// when a publisher line names it ("© 2024 Kestrel Living"; not "© Crown copyright").
const LANDLORD_NAME_ENDS: [&str; 11] = ["Homes", "Housing", "Living", "Council", "Almshouses", "Association", "Trust", "Partnership", "Co-operative", "Cooperative", "Communities"];

/// Whether a name the gazetteer does not know ends as only a landlord's does: in one of
/// [`LANDLORD_NAME_ENDS`], or in a kind any body may have ("Group", "Society", "Charity",
/// "Foundation") after a word of housing ("Corran Housing Group", "Thornby Almshouse
/// Charity"; not "Tenant Scrutiny Group").
fn ends_like_a_landlord(name: &str) -> bool {
    const ANY_BODY: [&str; 8] = ["Group", "Society", "Charity", "Charities", "Foundation", "Solutions", "Organisation", "Fellowship"];
    if name.ends_with(" Housing and Support") || name.ends_with(" Care and Support") {
        return true;
    }
    const HOUSING: [&str; 7] = ["Housing", "Homes", "Almshouse", "Almshouses", "Community", "Co-operative", "Management"];
    if LANDLORD_NAME_ENDS.iter().any(|w| name.ends_with(w)) {
        return true;
    }
    let mut words = name.rsplit(' ');
    let (Some(last), Some(before)) = (words.next(), words.next()) else { return false };
    ANY_BODY.contains(&last) && HOUSING.contains(&before)
}

/// Names that look like landlords' but are bodies that oversee or advise them.
fn is_not_a_landlord(name: &str) -> bool {
    const WORDS: [&str; 6] = ["Ombudsman", "Regulator", "Federation", "Citizens", "Shelter", "Government"];
    name.starts_with("Social") || WORDS.iter().any(|w| name.contains(w))
}

/// One landlord named in one text.
struct Mention {
    start: usize,
    end: usize,
    name: String,
    /// The gazetteer knows the name: a name pattern's capture that overlaps a known name
    /// ("Contacting Stoke-on-Trent City Council") is a misreading of it.
    known: bool,
    weight: f64,
    method: &'static str,
    /// Named as another landlord than the form's ([`names::names_another`]).
    another: bool,
    /// Named in evidence or commentary, but not as the form's own ([`names::in_own_voice`]).
    passing: bool,
}

/// A landlord-shaped name the gazetteer does not know.
struct Unknown {
    name: String,
    /// What it is worth once confirmed (a domain or its initials).
    weight: f64,
    method: &'static str,
    /// Already counted: its place took it.
    taken: bool,
    /// How many texts name it, and what they are worth together.
    texts: u32,
    total: f64,
    /// What its best mention as the subject of a cell's sentence in the form's voice is
    /// worth ([`names::acts_in_own_voice`]); 0 if none.
    acts_in_cell: f64,
    /// Named somewhere as another landlord than the form's (compared with, a partner).
    another: bool,
}

/// One landlord-shaped name the gazetteer lacks, as one text names it.
struct UnknownMention {
    start: usize,
    end: usize,
    name: String,
    worth: f64,
    /// Its place takes it ([`Place::takes_new_name`]).
    taken: bool,
    acts_in_cell: bool,
    another: bool,
}

/// A host no gazetteer entry claims, from a link or an e-mail address.
struct Host {
    host: String,
    weight: f64,
    method: &'static str,
    place: Place,
    /// The text it stands in speaks as the writer ("… or call us").
    spoken_as_writer: bool,
}

/// A known landlord's short forms found in the form.
#[derive(Default)]
struct ShortForms {
    uses: u32,
    weight: f64,
    /// Used in the front matter, a heading or the footer.
    prominent: bool,
    /// Used in a cell as the form's own ([`names::in_own_voice`]: "LHP policy 4.2", "GYBC
    /// has reviewed …").
    own_voice: bool,
    example: String,
    /// The short form as written ("FCH").
    written: String,
}

/// What one document's texts say about their landlord.
#[derive(Default)]
struct Reading {
    tally: BTreeMap<String, Tally>,
    /// Landlord-shaped names the gazetteer does not know, by [`key`].
    unknown: BTreeMap<String, Unknown>,
    unclaimed_hosts: Vec<Host>,
    /// Names the front matter or a heading says the self-assessment is of ("X: complaint
    /// handling self-assessment", "the self-assessment for X", "This one belongs to X").
    assessed: HashSet<String>,
    short_forms: BTreeMap<String, ShortForms>,
    /// Known landlords named in passing in evidence or commentary: in how many texts, and what
    /// those mentions are worth together.
    passing: BTreeMap<String, (u32, f64)>,
    /// Councils named as one outside the cells ([`Gazetteer::joint_councils`]), in the order
    /// named, and what those mentions are worth.
    joint: BTreeMap<(String, String), f64>,
    /// Brands and the bodies they are trading names of ("X Homes is a trading name of X
    /// Housing Association"): the body publishes what the brand names.
    trading_names: Vec<(String, String)>,
    /// Names without a kind word that the page's own lines give their publisher
    /// ([`names::brands`]), by [`key`]: the publisher where nothing else names one.
    brands: BTreeMap<String, Brand>,
}

/// A name [`names::brands`] found: how it is written, in how many of the page's lines with a
/// strong and with a weak cue, and the first of them.
struct Brand {
    name: String,
    strong: u32,
    weak: u32,
    order: usize,
    example: String,
}

impl Brand {
    /// Said by one line only the publisher's would be, or by two that another body's could.
    fn is_said(&self) -> bool {
        self.strong > 0 || self.weak >= 2
    }
}

#[derive(Default)]
struct Tally {
    /// What every mention is worth together.
    score: f64,
    /// What the mentions that name it as the form's own landlord are worth: a landlord only
    /// ever named as another's (compared with, a partner) is not the form's.
    naming: f64,
    methods: BTreeMap<&'static str, (u32, f64)>,
    example: String,
    /// How many landlords were named before it: of two named as much, the first named (a
    /// title's) is the form's.
    order: usize,
}

impl Reading {
    /// A council the gazetteer lacks, named both short and in full ("Harrowfield Council" in
    /// the menu, "Harrowfield District Council" in the address): one council, by its full name.
    fn merge_short_council_names(&mut self, gaz: &Gazetteer) {
        let short: Vec<String> = self.tally.keys().filter(|n| n.ends_with(" Council") && gaz.by_name(n).is_none()).cloned().collect();
        for name in short {
            let place = &name[..name.len() - " Council".len()];
            let mut fuller = self.tally.keys().filter(|n| {
                n.strip_prefix(place).and_then(|rest| rest.strip_suffix(" Council")).is_some_and(|kinds| !kinds.is_empty() && kinds.split_whitespace().all(|k| names::COUNCIL_KINDS.contains(&k)) && kinds.starts_with(' '))
            });
            let (Some(full), None) = (fuller.next().cloned(), fuller.next()) else { continue };
            self.merge(&name, &full);
        }
    }

    /// A name written with "&" in one place and "and" in another is one landlord, named in
    /// full by the words written out ("Tollmoor & Wrenby Homes", "Tollmoor and Wrenby Homes").
    fn merge_ampersand_spellings(&mut self) {
        let pairs: Vec<(String, String)> = self.tally.keys().filter(|n| n.contains(" & ")).map(|n| (n.clone(), n.replace(" & ", " and "))).filter(|(_, and)| self.tally.contains_key(and)).collect();
        for (ampersand, and) in pairs {
            self.merge(&ampersand, &and);
        }
    }

    /// `from`'s mentions counted for `into`, both named in the form: one landlord.
    fn merge(&mut self, from: &str, into: &str) {
        if from == into || !self.tally.contains_key(into) {
            return;
        }
        let Some(t) = self.tally.remove(from) else { return };
        let f = self.tally.get_mut(into).expect("checked above");
        f.score += t.score;
        f.naming += t.naming;
        f.order = f.order.min(t.order);
        for (method, (n, w)) in t.methods {
            let m = f.methods.entry(method).or_default();
            m.0 += n;
            m.1 += w;
        }
    }

    /// A brand's mentions count for the body it is a trading name of ("X Homes is a trading
    /// name of X Housing Association"), or whose full name it opens ("Adley Homes" in the
    /// banner, "Adley Homes Housing Association Limited" on the company line), where the form
    /// names that body too.
    fn merge_trading_names(&mut self) {
        let mut pairs = self.trading_names.clone();
        // A body a line says the brand is a trading name of is named there, wherever the line
        // stands (a footer the reader left in the last row's cell too).
        for (brand, body) in &pairs {
            if self.tally.contains_key(brand) && !self.tally.contains_key(body) {
                let order = self.tally.len();
                self.tally.insert(body.clone(), Tally { order, example: format!("{brand} is a trading name of {body}"), ..Tally::default() });
            }
        }
        for brand in self.tally.keys() {
            let mut fuller = self.tally.iter().filter(|(name, t)| {
                t.naming > 0.0 && name.strip_prefix(brand.as_str()).and_then(|rest| rest.strip_prefix(' ')).is_some_and(|kinds| kinds.split(' ').all(names::is_kind_or_qualifier))
            });
            if let (Some((full, _)), None) = (fuller.next(), fuller.next()) {
                pairs.push((brand.clone(), full.clone()));
            }
        }
        for (brand, body) in pairs {
            self.merge(&brand, &body);
        }
    }

    fn add(&mut self, name: String, weight: f64, method: &'static str, example: &str) {
        self.add_mention(name, weight, method, example, false);
    }

    fn add_mention(&mut self, name: String, weight: f64, method: &'static str, example: &str, another: bool) {
        let order = self.tally.len();
        let t = self.tally.entry(name).or_insert_with(|| Tally { order, ..Tally::default() });
        // The example is the first mention that names it as the form's, if any does.
        if t.example.is_empty() || !another && t.naming == 0.0 {
            t.example = example.chars().take(100).collect();
        }
        t.score += weight;
        if !another {
            t.naming += weight;
        }
        let m = t.methods.entry(method).or_default();
        m.0 += 1;
        m.1 += weight;
    }

    /// [`Reading::read`] a line outside the cells; a line in capitals that names no one as
    /// printed ("TARNMOOR HOMES – COMPLAINT HANDLING CODE SELF-ASSESSMENT") is read again in
    /// title case, as names are printed in running text.
    /// How much has been found so far: where a second reading of a text finds more, the
    /// first found nothing.
    fn found(&self) -> f64 {
        self.tally.values().map(|t| t.score).sum::<f64>() + self.unknown.values().map(|u| u.total + u.weight).sum::<f64>() + self.short_forms.len() as f64 + self.unclaimed_hosts.len() as f64
    }

    fn read_line(&mut self, gaz: &Gazetteer, place: Place, text: &str) {
        let before = self.found();
        self.read(gaz, place, text);
        if self.found() == before && names::in_capitals(text) {
            self.read(gaz, place, &names::title_cased(text));
        }
    }

    /// Every landlord `text` names, each once, at the weight of its best mention; where a line
    /// outside the cells names none, as it would with a kind spelled right ("Tewkesbury
    /// Borough Counci1"; a name registered with a misspelling is found as spelled first).
    fn read(&mut self, gaz: &Gazetteer, place: Place, text: &str) {
        // (Outside the rows' cells: a name's own lines are where its spelling matters, and the
        // cells are most of a form's text.)
        if place == Place::Body {
            return self.read_as_spelled(gaz, place, text);
        }
        self.read_brands(gaz, place, text);
        match names::mended_spelling(text) {
            Some(mended) => {
                let before = self.found();
                self.read_as_spelled(gaz, place, text);
                if self.found() == before {
                    self.read_as_spelled(gaz, place, &mended);
                }
            }
            None => self.read_as_spelled(gaz, place, text),
        }
    }

    /// Each of `lines` not `skipped` (asked in order), a line and the next read as one where
    /// a name runs from one into the other ([`names::wrapped_name`]).
    fn read_lines_whole<'t>(&mut self, gaz: &Gazetteer, place: Place, lines: impl Iterator<Item = &'t str>, mut skipped: impl FnMut(&str) -> bool) {
        let mut lines = lines.peekable();
        while let Some(line) = lines.next() {
            if skipped(line) {
                continue;
            }
            match lines.peek().and_then(|next| names::wrapped_name(line, next)) {
                Some(joined) => {
                    lines.next();
                    self.read(gaz, place, &joined);
                }
                None => self.read(gaz, place, line),
            }
        }
    }

    /// The brands a page's own line gives its publisher ([`names::brands`]); a name the
    /// gazetteer knows is read as its name.
    fn read_brands(&mut self, gaz: &Gazetteer, place: Place, text: &str) {
        for (start, end, cue) in names::brands(text, matches!(place, Place::Title | Place::Furniture | Place::Footer)) {
            // (In the last row's cell, where a footer runs on, only what a publisher's own line
            // says: a contractor's phone line may stand in the cell's prose.)
            if place == Place::LastCellLine && cue == names::BrandCue::Weak {
                continue;
            }
            let name = &text[start..end];
            if gaz.by_name(name).is_some() || is_ordinary(name) {
                continue;
            }
            let order = self.brands.len();
            let brand = self.brands.entry(key(name)).or_insert_with(|| Brand { name: name.to_string(), strong: 0, weak: 0, order, example: text.chars().take(100).collect() });
            match cue {
                names::BrandCue::Strong => brand.strong += 1,
                names::BrandCue::Weak => brand.weak += 1,
                // (A title part that is no more than a name counts once the page's own
                // address spells it: [`Reading::confirm_brands_by_host`].)
                names::BrandCue::Unconfirmed => {}
            }
        }
    }

    fn read_as_spelled(&mut self, gaz: &Gazetteer, place: Place, text: &str) {
        // Words a crawler ran together are parted first ("… our procedureFenmoor Homes'
        // policy", "Skip to main contentFenmoor Homes").
        let parted = names::parted_where_run_together(text);
        let text = parted.as_deref().unwrap_or(text);
        // A download link's file name spells its words apart ("Fenmoor-Homes-CHC-…pdf"), on
        // the page's own lines.
        let spelled_out = if place == Place::Body { None } else { names::file_names_spelled_out(text) };
        let text = spelled_out.as_deref().unwrap_or(text);
        // "Contact us: X Homes, 4 Mill Row": the line after its label heads the address.
        let text = names::without_contact_label(text);
        static KIND_FIRST: OnceLock<Regex> = OnceLock::new();
        static DOMAIN: OnceLock<Regex> = OnceLock::new();
        static PUBLISHER: OnceLock<Regex> = OnceLock::new();
        // Councils named kind first: "Royal Borough of X", "London Borough of X", "Borough
        // Council of X", "Council of the Borough of X".
        let kind_first = re(
            &KIND_FIRST,
            r"\b((?:Royal\s+(?:London\s+)?|London\s+)Borough\s+of\s+[A-Z][a-z]+(?:\s+(?:and|upon)\s+[A-Z][a-z]+)?|(?:Borough|City|District|Metropolitan\s+Borough)\s+Council\s+of\s+[A-Z][a-z'\x{2019}]+(?:-[a-z]+-[A-Z][a-z]+)?(?:\s+(?:and|upon|on)\s+[A-Z][a-z]+)?|Council\s+of\s+the\s+(?:Royal\s+)?(?:Borough|City|District)\s+of\s+[A-Z][a-z'\x{2019}]+(?:-[a-z]+-[A-Z][a-z]+)?(?:\s+(?:and|upon|on)\s+[A-Z][a-z]+)?)",
        );
        let domain_re = re(&DOMAIN, r"(?i)(@)?((?:[a-z0-9-]+\.)+(?:gov\.uk|org\.uk|co\.uk|uk\.com|com|org|net|uk))\b");
        let publisher = re(
            &PUBLISHER,
            r"(?:(?:\x{a9}|\([cC]\)|[Cc]opyright)(?:\s*(?:\x{a9}|\([cC]\)|[Cc]opyright))?\s*(?:(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?\s*)?(?:by\s+)?)?([A-Z][A-Za-z0-9'&-]*(?:\s+(?:[A-Z0-9&][A-Za-z0-9'&-]*|of|for|and|upon|on|the)){0,7})(?:\s+(?:Ltd|Limited|plc))?(?:\s+is\s+a\s+(?:charitable\s+|not-for-profit\s+)?[Rr]egistered|\s+is\s+registered\s+(?:with|as|in|under)\s|\s+is\s+a\s+(?:charitable|not-for-profit)\b|\s+is\s+a\s+company\s+(?:limited|registered)\b|,\s+a\s+[Rr]egistered|\s*[.,|]|\s+(?:19|20)\d\d|\s+All\s+rights|\s*$)",
        );

        if text.contains(" trading ") || text.contains(" housing service of ") {
            // "X Homes is a trading name of X Housing Society Limited", "X Homes is the housing
            // service of X Borough Council" (brand first); "X Housing Trust, trading as X
            // Homes" (body first).
            static TRADING: OnceLock<Regex> = OnceLock::new();
            let trading = TRADING.get_or_init(|| {
                const NAME: &str = r"([A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|of|and|&|upon|on|the|for)){0,7})";
                Regex::new(&format!(r"{NAME}\s+(?:is|are)\s+(?:a|the)\s+(?:trading\s+names?|housing\s+service)\s+of\s+(?:the\s+)?{NAME}|{NAME},?\s+trading\s+as\s+{NAME}")).expect("fixed pattern")
            });
            for c in trading.captures_iter(text) {
                let name = |m: &str| {
                    let tidy = tidy_name(m.trim_end_matches(|c: char| c.is_whitespace() || c == ','));
                    let tidy = tidy.strip_prefix("The ").map_or(tidy.clone(), str::to_string);
                    let tidy = [" Limited", " Ltd", " plc"].iter().find_map(|l| tidy.strip_suffix(l)).map_or(tidy.clone(), str::to_string);
                    gaz.by_name(&tidy).map_or(tidy, |e| e.name.clone())
                };
                match (c.get(1), c.get(2), c.get(3), c.get(4)) {
                    (Some(brand), Some(body), ..) => self.trading_names.push((name(brand.as_str()), name(body.as_str()))),
                    (_, _, Some(body), Some(brand)) => self.trading_names.push((name(brand.as_str()), name(body.as_str()))),
                    _ => {}
                }
            }
        }
        let Cues { kinds, names_kind_first, has_domain, names_publisher } = cues(text);
        let place = if names_publisher { Place::PublisherLine } else { place };
        let weight = place.weight();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut mention = |start: usize, end: usize, (name, known): (String, bool), weight: f64, method: &'static str| mentions.push(Mention { start, end, name, known, weight, method, another: false, passing: false });
        let resolve = |name: String| gaz.by_name(&name).map_or((name, false), |e| (e.name.clone(), true));
        // Landlord-shaped names. The run of capitalised words may start with the sentence's
        // first word ("Contacting Stoke-on-Trent City Council"): the known name it ends with.
        let shaped: Vec<Shaped> = names::shaped_names(text, &kinds);
        let mut unknown_here: Vec<UnknownMention> = Vec::new();
        for s in &shaped {
            let name = tidy_name(&text[s.start..s.end]);
            let name = name.strip_prefix("The ").map_or(name.as_str(), |n| n).to_string();
            if is_not_a_landlord(&name) || !names::is_distinctive(&name, |w| ORDINARY_WORDS.contains(&w)) {
                continue;
            }
            // A known name of common words only ends a longer name as its kind does
            // ("Bellmoor Housing Foundation" is not the landlord called "Foundation").
            let known_at = |i: usize| {
                let tail = &name[i..];
                let found = gaz.by_name_entry(tail).or_else(|| gaz.by_name_entry(&format!("The {tail}")));
                found.filter(|&(_, ordinary)| i == 0 || !ordinary).map(|(e, _)| e)
            };
            let known = std::iter::once(0).chain(name.match_indices(' ').map(|(i, _)| i + 1)).find_map(|i| known_at(i).map(|e| (i, e)));
            // Known initials before the kind of body: "B&NES Council", "LBHF Council".
            // ("WFDC Housing": the initials the gazetteer's name makes, where one name makes them.)
            let known = known.or_else(|| {
                let (initials, _) = name.split_once(' ').filter(|(initials, _)| is_acronym(initials))?;
                gaz.by_name(initials).or_else(|| gaz.by_initials_label(&initials.to_ascii_lowercase()).map(|i| &gaz.entries[i])).map(|e| (0, e))
            });
            if let Some((i, e)) = known {
                // The mention spans the known name only, so a longer known name holds it.
                let skipped = name[..i].split_whitespace().count();
                let start = s.start + nth_word_start(&text[s.start..s.end], skipped);
                mention(start, s.end, (e.name.clone(), true), weight, place.method());
                continue;
            }
            let standing = names::standing(text, s.start, s.end);
            if standing == Standing::Another && place != Place::PublisherLine {
                unknown_here.push(UnknownMention { start: s.start, end: s.end, name, worth: 0.0, taken: false, acts_in_cell: false, another: true });
                continue;
            }
            let worth = if standing == Standing::PolicyOwner { weight.max(POLICY_OWNER_WEIGHT) } else { weight };
            // In the last row's cell, only a name that is the whole line, heads a postal
            // address or is signed for, is a footer's.
            // (Or heads a line of footer links: "Fenmoor Homes | Contact us | Privacy".)
            let menu_after = text[s.end..].trim_start().starts_with(['|', '\u{2022}', '\u{b7}']);
            let whole_line = place != Place::LastCellLine || standing != Standing::OwnLine || text[s.end..].trim().is_empty() || menu_after || names::ends_with_postcode(text) || names::speaks_for_the_form(text, s.start, s.end) || names::heads_a_contact_block(text, s.start, s.end) || text[..s.start].trim().is_empty() && names::closes_a_sign_off(&text[s.end..]);
            // On a publisher line, only a name that ends as a landlord's does ("Fenmoor
            // Housing Group", not "Tenant Scrutiny Group").
            let placed = place.takes_new_name(standing) && whole_line && (place != Place::PublisherLine || ends_like_a_landlord(&name));
            // The subject of a cell's sentence in the form's voice ("Tarnmoor Homes has used
            // this definition since 2020"), as a known landlord's counts there: weighed
            // once the whole form is read ([`Reading::confirm`]).
            let acts_in_cell = place.is_cell() && ends_like_a_landlord(&name) && names::own_in_cell(text, s.start, s.end);
            let taken = s.council || placed;
            if taken {
                mention(s.start, s.end, (name.clone(), false), worth, place.method());
            }
            unknown_here.push(UnknownMention { start: s.start, end: s.end, name, worth, taken, acts_in_cell, another: false });
        }
        for c in names_kind_first.then(|| kind_first.captures_iter(text)).into_iter().flatten() {
            let name = tidy_name(&c[1]);
            let whole = c.get(0).expect("match");
            mention(whole.start(), whole.end(), resolve(name), weight, place.method());
        }
        // On a publisher line, a name that does not end like a landlord's ("© Crown
        // copyright") is not one. A known ordinary name is left to the gazetteer scan, which
        // reads case.
        // A brand written in lower case ("\u{a9} 2025 whg"): known names only.
        static LOWER_BRAND: OnceLock<Regex> = OnceLock::new();
        let lower_brand = re(&LOWER_BRAND, r"(?:\x{a9}|\([cC]\)|[Cc]opyright)\s*(?:(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?\s*)?([a-z][a-z0-9&]{1,9})\b");
        for c in names_publisher.then(|| lower_brand.captures_iter(text)).into_iter().flatten() {
            let brand = c.get(1).expect("group");
            if let Some(e) = gaz.by_name(brand.as_str()) {
                mention(brand.start(), brand.end(), (e.name.clone(), true), weight, place.method());
            }
        }
        for c in names_publisher.then(|| publisher.captures_iter(text)).into_iter().flatten() {
            let raw = c.get(1).expect("group");
            let name = tidy_name(raw.as_str());
            let name = name.strip_prefix("The ").map_or(name.as_str(), |n| n).to_string();
            if is_not_a_landlord(&name) || is_ordinary(&name) {
                continue;
            }
            match gaz.by_name(&name) {
                Some(e) => mention(raw.start(), raw.end(), (e.name.clone(), true), weight, place.method()),
                None if ends_like_a_landlord(&name) => mention(raw.start(), raw.end(), (name, false), weight, place.method()),
                None => {}
            }
        }
        let mut short_hits: Vec<(usize, usize, usize)> = Vec::new();
        for m in outermost(gaz.matches(text), |m| (m.start, m.end)) {
            let pattern = &gaz.patterns[m.pattern as usize];
            let span = &text[m.start..m.end];
            if pattern.form != Form::Name {
                // Written as listed; a stem standing alone, and not a sentence's first word
                // when it is one word (any word may be capitalised there).
                // At a sentence's start, a one-word stem counts as the owner of a policy
                // ("Karbon complaints policy"), where any word is capitalised.
                // The whole line, or the name a title line opens with ("Torus – Complaint …").
                let whole_line = text.trim() == span || text.trim_start().starts_with(span) && [" \u{2013} ", " - ", ": ", " | ", " \u{2014} "].iter().any(|d| text[m.end..].starts_with(d));
                let stem_stands = || names::stands_alone(text, m.start, m.end) && (span.contains(' ') || whole_line || !names::starts_sentence(text, m.start) || names::owns_a_policy(span, &text[m.end..]) || names::owns_the_assessment(&text[m.end..]));
                if span == pattern.written && (pattern.form == Form::Acronym || stem_stands()) {
                    short_hits.push((m.start, m.end, pattern.entry));
                }
                continue;
            }
            let mut w = weight;
            if pattern.ordinary {
                if span != pattern.written && span != pattern.written.to_uppercase() || names::ends_a_longer_name(text, m.start) {
                    continue;
                }
                if place.is_cell() {
                    w *= 0.5;
                }
            }
            mention(m.start, m.end, (gaz.entries[pattern.entry].name.clone(), true), w, place.method());
        }
        for c in has_domain.then(|| domain_re.captures_iter(text)).into_iter().flatten() {
            let whole = c.get(0).expect("match");
            let host = c[2].to_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host);
            let (weight, method) = if c.get(1).is_some() { (EMAIL_WEIGHT, "email_domain") } else { (link_weight(place), "link_domain") };
            match gaz.by_host(host) {
                Some(e) => mention(whole.start(), whole.end(), (e.name.clone(), true), weight, method),
                None => self.unclaimed_hosts.push(Host { host: host.to_string(), weight, method, place, spoken_as_writer: names::speaks_as_the_writer(text) }),
            }
        }
        // A social-media handle is read as a web address's name is ("Follow us @FenmoorHomes"),
        // outside the rows' cells (where a handle is a page's own chrome).
        if place != Place::Body && text.contains('@') {
            static HANDLE: OnceLock<Regex> = OnceLock::new();
            // (After a space or a bracket: an e-mail address has its name before the "@".)
            for c in re(&HANDLE, r"(?:^|[\s(])(@[A-Za-z][A-Za-z0-9_]{3,30})\b").captures_iter(text) {
                self.unclaimed_hosts.push(Host { host: c[1].to_string(), weight: link_weight(place), method: "social_handle", place, spoken_as_writer: names::speaks_as_the_writer(text) });
            }
        }

        // A short form inside a name found here is part of that name; one named as another
        // landlord's does not count, nor one this text also names in full (the full name
        // says how), nor a place after a word of place ("homes in Barnsley").
        for (start, end, entry) in short_hits {
            if mentions.iter().any(|m| m.start < end && start < m.end || m.name == gaz.entries[entry].name) || shaped.iter().any(|s| s.start < end && start < s.end) {
                continue;
            }
            if names::after_a_word_of_place(text, start) || names::ends_a_stretch(text, start, end) {
                continue;
            }
            if place != Place::PublisherLine && names::names_another(text, start, end) {
                continue;
            }
            let f = self.short_forms.entry(gaz.entries[entry].name.clone()).or_default();
            f.uses += 1;
            f.weight += SHORT_FORM_SHARE * weight;
            f.prominent |= !place.is_cell();
            f.own_voice |= place.is_cell() && names::in_own_voice(text, start, end);
            if f.example.is_empty() {
                f.example = text.chars().take(100).collect();
                f.written = text[start..end].to_string();
            }
        }
        let known: Vec<(usize, usize)> = mentions.iter().filter(|m| m.known).map(|m| (m.start, m.end)).collect();
        mentions.retain(|m| m.known || !known.iter().any(|&(s, e)| s < m.end && m.start < e));
        // Names the gazetteer lacks, unless part of a known name here ("Blue Pits Housing" in
        // "Blue Pits Housing Action"); each text counts once.
        let mut named_here: HashSet<String> = HashSet::new();
        for UnknownMention { start, end, name, worth, taken, acts_in_cell, another } in unknown_here {
            if known.iter().any(|&(s, e)| s < end && start < e) {
                continue;
            }
            let k = key(&name);
            let u = self.unknown.entry(k.clone()).or_insert(Unknown { name, weight: 0.0, method: place.method(), taken: false, texts: 0, total: 0.0, acts_in_cell: 0.0, another: false });
            u.another |= another;
            if another {
                continue;
            }
            let first_here = named_here.insert(k);
            u.taken |= taken;
            if acts_in_cell {
                u.acts_in_cell = u.acts_in_cell.max(worth);
            }
            if worth > u.weight {
                u.weight = worth;
                u.method = place.method();
            }
            if first_here {
                u.texts += 1;
                u.total += worth;
            }
        }
        // A line that is only a council's place name ("Lambeth", above the footer links or
        // as who answers): that council.
        if !place.is_cell() && mentions.is_empty() {
            let line = text.trim();
            let place_name = line.split_whitespace().count() <= 4 && line.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "and" | "upon" | "on" | "of" | "&"));
            if (4..=40).contains(&line.len()) && place_name && !line.ends_with(" Council") {
                if let Some(i) = gaz.council(line, None) {
                    let at = text.len() - text.trim_start().len();
                    mentions.push(Mention { start: at, end: at + line.len(), name: gaz.entries[i].name.clone(), known: true, weight, method: place.method(), another: false, passing: false });
                }
            }
        }
        let mut mentions = outermost(mentions, |m| (m.start, m.end));
        if text.contains(" and ") || text.contains(" & ") {
            for pair in gaz.joint_councils(text) {
                // Not inside one name ("Bromley and Croydon Women's Aid").
                let inside_a_name = mentions.iter().any(|m| m.start < pair.and_at && pair.and_at < m.end);
                // A cell names councils together as its own where its sentence speaks as
                // them or they own the policy it cites ("South Norfolk and Broadland
                // Councils' complaints policy", "Fenmoor and Wexley Councils log every
                // complaint"), not as the bodies it deals with ("we work with …"). Once is
                // enough, as for a policy's owner: two councils are rarely named as one in
                // passing.
                let worth = if !place.is_cell() {
                    Some(weight)
                } else if names::in_own_voice(text, pair.start, pair.end) {
                    Some(POLICY_OWNER_WEIGHT)
                } else {
                    None
                };
                let worth = worth.filter(|_| !inside_a_name && (place == Place::PublisherLine || !names::names_another(text, pair.and_at, pair.and_at)));
                if let Some(w) = worth {
                    *self.joint.entry((gaz.entries[pair.first].name.clone(), gaz.entries[pair.second].name.clone())).or_default() += w;
                }
            }
        }
        // An address a cell sends a case on to ("we copy housing@x.gov.uk in", "referred to
        // …@x.gov.uk") is another body's; one that residents or the writer use is its own.
        if place.is_cell() {
            for m in mentions.iter_mut().filter(|m| m.method.ends_with("_domain")) {
                if names::sends_on_to(text, m.start) {
                    m.another = true;
                    m.weight = m.weight.min(ANOTHER_WEIGHT);
                }
            }
        }
        // A publisher line names the form's own landlord; an address is its holder's.
        if place != Place::PublisherLine {
            for m in mentions.iter_mut().filter(|m| !m.method.ends_with("_domain")) {
                // (A footer line the reader left in the last row's cell is headed by its
                // publisher's name: "Coventry City Council, Town Hall, …"; outside the cells,
                // only a sentence that does not speak as it is prose: "Residents referred to us
                // by X use the same route", not "The table sets out how X meets the Code".)
                let heads_its_line = || names::standing(text, m.start, m.end) == Standing::OwnLine;
                let a_sentence = || text.trim_end().ends_with(['.', '!', '?']) && text.split_whitespace().count() >= 6;
                let in_prose = match place {
                    Place::Body => true,
                    Place::LastCellLine => !heads_its_line(),
                    _ => !heads_its_line() && a_sentence() && !names::in_own_voice(text, m.start, m.end),
                };
                // (Unless the council vouches for the form itself: its committee approved
                // it, its officer signed it, its own complaints policy is cited. A district
                // that transferred its homes is still a housing authority and may answer the
                // Code: the subject of a cell's sentence in the form's voice is the form's,
                // as "Fenmoor District Council (FDC) logs every complaint". A county council
                // has no housing service to answer for.)
                let answers_for_itself = || !m.name.contains("County Council") && names::own_in_cell(text, m.start, m.end);
                let holds_no_homes = m.known && gaz.by_name(&m.name).is_some_and(|e| e.holds_no_homes) && !names::vouches_for_the_form(text, m.start, m.end) && !answers_for_itself();
                if names::names_another(text, m.start, m.end) || in_prose && holds_no_homes {
                    m.another = true;
                    m.weight = m.weight.min(ANOTHER_WEIGHT);
                } else if place.is_cell() && !names::in_own_voice(text, m.start, m.end) && !names::speaks_for_the_form(text, m.start, m.end) {
                    m.passing = true;
                }
            }
        } else {
            // A later name the publisher line says its publisher works for is another's:
            // "© 2025 Fenmoor Homes, managing council homes for Marrowby Council".
            let first = mentions.iter().map(|m| m.start).min();
            for m in mentions.iter_mut().filter(|m| !m.method.ends_with("_domain") && Some(m.start) != first) {
                if names::names_another(text, m.start, m.end) {
                    m.another = true;
                    m.weight = m.weight.min(ANOTHER_WEIGHT);
                }
            }
        }
        // Two landlords named in one title or introduction ("We, Fenmoor Homes, … homes we
        // look after for Marrowby Council …"): where the text speaks as one of them, the
        // others are named in passing.
        if !place.is_cell() && place != Place::PublisherLine {
            // (So too where it says whose self-assessment it is: "the self-assessment for X,
            // … Homes owned by Y have a separate assessment".)
            let assessed: Vec<bool> = mentions.iter().map(|m| !m.another && names::is_assessed(text, m.start, m.end)).collect();
            let own: Vec<bool> = mentions.iter().zip(&assessed).map(|(m, a)| *a || !m.another && names::in_own_voice(text, m.start, m.end)).collect();
            for (m, _) in mentions.iter().zip(&assessed).filter(|(m, a)| **a && !m.method.ends_with("_domain")) {
                self.assessed.insert(m.name.clone());
            }
            if let Some(speaker) = own.iter().position(|o| *o).map(|i| mentions[i].name.clone()) {
                for (m, o) in mentions.iter_mut().zip(&own) {
                    if !o && m.name != speaker && !m.method.ends_with("_domain") {
                        m.passing = true;
                    }
                }
            }
        }
        // Each landlord once per text, at its best mention.
        mentions.sort_by(|a, b| a.name.cmp(&b.name).then(a.another.cmp(&b.another)).then(b.weight.total_cmp(&a.weight)));
        mentions.dedup_by(|later, first| later.name == first.name);
        for m in mentions {
            let example = if m.method.ends_with("_domain") { &text[m.start..m.end] } else { text };
            if m.passing {
                let p = self.passing.entry(m.name.clone()).or_default();
                p.0 += 1;
                p.1 += m.weight;
            }
            self.add_mention(m.name, m.weight, m.method, example, m.another || m.passing);
        }
    }

    /// A brand the page's own web or e-mail address spells ("Hearthway" in its title,
    /// feedback@hearthway.org.uk) is said by the page itself.
    fn confirm_brands_by_host(&mut self) {
        if self.brands.is_empty() || self.unclaimed_hosts.is_empty() {
            return;
        }
        let labels: Vec<String> = self.unclaimed_hosts.iter().filter_map(|h| registrable_label(&h.host)).map(key).collect();
        for brand in self.brands.values_mut() {
            if labels.contains(&key(&brand.name)) {
                brand.strong += 1;
            }
        }
    }

    /// What the whole form confirms once every text is read. A domain no entry claims
    /// confirms a landlord-shaped name it spells ("Wrenfold Homes" and wrenfoldhomes.co.uk,
    /// "Marrowby Council" and marrowby.gov.uk, "Tamsford Vale Partnership" and tvp.org.uk),
    /// or, when it ends like a landlord's ("eastwoldhomes.org.uk"), names one itself: from
    /// an e-mail address, a link outside the rows, or a link whose name the text spells.
    /// A name's initials used in the form confirm it too. A known landlord's short forms
    /// count when the form uses them twice or where it names itself.
    fn confirm(&mut self, texts: &[&str]) {
        // Named again and again, with a kind only landlords have ("… Homes", "… Housing
        // Trust", "… Council"; not a bare "… Group"): the form is about it.
        let mut repeated: Vec<(String, f64, &'static str)> = Vec::new();
        for u in self.unknown.values_mut().filter(|u| !u.taken && u.texts >= REPEATED_NAME_TEXTS && ends_like_a_landlord(&u.name)) {
            u.taken = true;
            repeated.push((u.name.clone(), u.total, u.method));
        }
        // The subject of a cell's sentence in the form's voice, never named as another
        // landlord: the form speaks of itself by name ("Tarnmoor Homes has used this
        // definition since 2020"; not "… Pellowfield Homes' website but not yet on ours").
        for u in self.unknown.values_mut().filter(|u| !u.taken && u.acts_in_cell > 0.0 && !u.another) {
            u.taken = true;
            repeated.push((u.name.clone(), u.acts_in_cell, "body_text"));
        }
        for (name, weight, method) in repeated {
            let example = name.clone();
            self.add(name, weight, method, &example);
        }
        for Host { host, weight, method, place, spoken_as_writer } in std::mem::take(&mut self.unclaimed_hosts) {
            let Some(label) = registrable_label(&host).or_else(|| host.strip_prefix('@')) else { continue };
            let label = key(label);
            // The host spells the name, its distinctive part (with a kind ending of its own:
            // "larkspurhomes" for "Larkspur Community Homes") or its initials.
            let label_stem = names::label_kind(&label).map(|(stem, _)| stem.to_string());
            // (A name only ever named as another landlord's is not confirmed.)
            let spelled = self.unknown.values().filter(|u| u.texts > 0).find(|u| {
                let stem = key(names::stem(&u.name));
                key(&u.name) == label
                    || stem == label
                    || label_stem.as_deref() == Some(stem.as_str())
                    || names::initials(&u.name).is_some_and(|i| i.to_lowercase() == label)
                    || names::stem_with_kind_initials(&u.name).is_some_and(|s| s == label)
            });
            if let Some(u) = spelled {
                let (name, extra) = (u.name.clone(), if u.taken { 0.0 } else { u.weight });
                self.add(name, weight + extra, method, &host);
                continue;
            }
            if let Some((stem, kind)) = names::label_kind(&label) {
                let written = texts.iter().find_map(|t| spelled_in(t, stem));
                let name = format!("{} {kind}", written.map_or_else(|| names::label_words(stem), str::to_string));
                // (A footer left in the last row's cell that speaks as the writer is no cell's
                // prose: "To complain, visit www.fenmoorhomes.org.uk or call us".)
                let footer_in_cell = place == Place::LastCellLine && spoken_as_writer;
                if (method == "email_domain" || !place.is_cell() || footer_in_cell || written.is_some()) && !is_not_a_landlord(&name) {
                    self.add(name, weight, method, &host);
                }
            }
        }
        let by_initials: Vec<(String, f64, &'static str, String)> = self
            .unknown
            .values()
            .filter(|u| u.texts > 0)
            .filter_map(|u| {
                let letters = names::initials(&u.name)?;
                let used = texts.iter().any(|t| t.match_indices(letters.as_str()).any(|(at, _)| whole_word(t, at, at + letters.len())));
                used.then(|| (u.name.clone(), INITIALS_WEIGHT + if u.taken { 0.0 } else { u.weight }, u.method, letters))
            })
            .collect();
        for (name, weight, method, letters) in by_initials {
            self.add(name, weight, method, &letters);
        }
        for (name, f) in std::mem::take(&mut self.short_forms) {
            // Initials the form gives a name of its own ("Fernhollow Community Housing (FCH)")
            // are that name's here, not the known landlord's that has the same.
            let spelled_here = self.unknown.values().any(|u| names::initials(&u.name).is_some_and(|i| i == f.written));
            if spelled_here {
                continue;
            }
            if f.uses >= 2 || f.prominent || f.own_voice {
                self.add(name, f.weight, "short_form", &f.example);
            }
        }
    }
}

/// Where the `n`th white-space separated word of `text` starts (0 for the first).
fn nth_word_start(text: &str, n: usize) -> usize {
    let mut starts = text.char_indices().filter(|&(i, c)| !c.is_whitespace() && (i == 0 || text[..i].ends_with(char::is_whitespace))).map(|(i, _)| i);
    starts.nth(n).unwrap_or(0)
}

/// Whether `start..end` of `text` is a whole word.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric()) && text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// The capitalised words of `text` that spell `letters` run together ("Tamsford Vale" for
/// "tamsfordvale").
fn spelled_in<'t>(text: &'t str, letters: &str) -> Option<&'t str> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices(&letters[..letters.len().min(4)]).find_map(|(at, _)| {
        if !whole_word(text, at, at + 1) && text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let mut seen = 0;
        let mut end = at;
        for (i, c) in text[at..].char_indices() {
            if c.is_alphanumeric() {
                if seen == letters.len() || c.to_ascii_lowercase() != letters.as_bytes()[seen] as char {
                    return None;
                }
                seen += 1;
                end = at + i + c.len_utf8();
                if seen == letters.len() {
                    break;
                }
            } else if c != ' ' {
                return None;
            }
        }
        let span = &text[at..end];
        (seen == letters.len() && whole_word(text, at, end) && span.split(' ').all(|w| w.starts_with(char::is_uppercase))).then_some(span)
    })
}


pub fn detect(table: &TableDocument) -> (Option<String>, FieldDetection) {
    detect_with(table, gazetteer())
}

fn detect_with(table: &TableDocument, gaz: &Gazetteer) -> (Option<String>, FieldDetection) {
    let last_row = table.records.iter().map(|r| r.location).max();
    let mut reading = Reading::default();
    // The lines of a list of other pages ("Related pages", then a line each, one after
    // another) link to other sites' pages: the bodies they name are not the publisher.
    let mut related_until: Option<u32> = None;
    // The location of a line read already as the end of the line before it.
    let mut joined_with_previous: Option<u32> = None;
    for (i, c) in table.context.iter().enumerate() {
        if names::lists_other_pages(&c.text) {
            related_until = Some(c.location);
            continue;
        }
        if related_until.is_some_and(|l| c.location == l + 1) {
            related_until = Some(c.location);
            continue;
        }
        related_until = None;
        let place = if i < table.front_matter_lines {
            if i < 3 {
                Place::Title
            } else {
                Place::Intro
            }
        } else if last_row.is_some_and(|l| c.location > l) {
            Place::Footer
        } else {
            Place::Heading
        };
        if joined_with_previous.take().is_some_and(|l| l == c.location) {
            continue;
        }
        // A name wrapped by a cover page or a narrow column is read whole, and its second
        // line not again on its own.
        match table.context.get(i + 1).and_then(|next| names::wrapped_name(&c.text, &next.text).map(|joined| (next.location, joined))) {
            Some((next, joined)) => {
                joined_with_previous = Some(next);
                reading.read_line(gaz, place, &joined);
            }
            None => reading.read_line(gaz, place, &c.text),
        }
    }
    let last_record = table.records.iter().enumerate().max_by_key(|(_, r)| r.location).map(|(i, _)| i);
    for (i, r) in table.records.iter().enumerate() {
        for t in [&r.evidence, &r.commentary] {
            if Some(i) == last_record {
                let mut listing = false;
                // (A footer's name wrapped over two lines, read whole.)
                reading.read_lines_whole(gaz, Place::LastCellLine, t.lines(), |line| {
                    listing = names::lists_other_pages(line) || listing && !line.trim().is_empty();
                    listing
                });
            } else {
                reading.read(gaz, Place::Body, t);
            }
        }
    }
    // (A name a running head or foot wraps is read whole there too.)
    reading.read_lines_whole(gaz, Place::Furniture, table.furniture.iter().map(|f| f.text.as_str()), |_| false);
    // The Code's wording names no landlord: lines after it in the last row's requirement are
    // the page's footer, which the table reader could not tell from the row.
    if let Some(last) = table.records.iter().max_by_key(|r| r.location) {
        let mut lines = last.requirement.lines();
        // (A footer run into the wording's own line, a broken row's last cell joined to it:
        // "… requesting a stage 2 Approved by the X Customer Services Committee on …", read
        // as the cells are.)
        if let Some(first) = lines.next() {
            reading.read(gaz, Place::Body, first);
        }
        for line in lines {
            reading.read_line(gaz, Place::Footer, line);
        }
    }
    reading.confirm_brands_by_host();
    if !reading.unknown.is_empty() || !reading.unclaimed_hosts.is_empty() || !reading.short_forms.is_empty() {
        let footer_in_row = table.records.iter().max_by_key(|r| r.location).map(|r| r.requirement.as_str());
        let texts: Vec<&str> = table
            .context
            .iter()
            .chain(&table.furniture)
            .map(|c| c.text.as_str())
            .chain(table.records.iter().flat_map(|r| [r.evidence.as_str(), r.commentary.as_str()]))
            .chain(footer_in_row)
            .collect();
        reading.confirm(&texts);
    }

    // A known landlord the cells keep naming, even in passing, is what the form is about.
    for (name, (texts, weight)) in &reading.passing {
        if *texts >= REPEATED_NAME_TEXTS {
            if let Some(t) = reading.tally.get_mut(name) {
                t.naming += weight;
            }
        }
    }
    reading.merge_short_council_names(gaz);
    reading.merge_trading_names();
    reading.merge_ampersand_spellings();
    let tally = &reading.tally;
    // Only a landlord the form names as its own can be its landlord; where the form says
    // whose self-assessment it is, of one name only, that one (a member's page on its group's
    // site, under the group's banner and copyright).
    let mut assessed = tally.iter().filter(|(name, t)| t.naming > 0.0 && reading.assessed.contains(*name));
    let best = match (assessed.next(), assessed.next()) {
        (Some(only), None) => Some(only),
        _ => tally.iter().filter(|(_, t)| t.naming > 0.0).max_by(|a, b| a.1.score.total_cmp(&b.1.score).then_with(|| b.1.order.cmp(&a.1.order))),
    };
    // Two councils named as one where the form names itself publish it together: the form is
    // both's ("South Norfolk Council and Broadland District Council").
    let joint = reading.joint.iter().filter(|(_, w)| **w >= JOINT_WEIGHT).max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)));
    if let Some(((first, second), weight)) = joint {
        if best.is_none_or(|(name, t)| name == first || name == second || *weight >= t.score) {
            return (
                Some(format!("{first} and {second}")),
                FieldDetection { method: "joint".into(), confidence: 0.8, evidence: format!("{first} and {second} named as one (weight {weight:.1})") },
            );
        }
    }
    match best {
        Some((name, t)) => {
            let total: f64 = tally.values().map(|t| t.score).sum();
            let share = t.score / total;
            let strength = (t.naming / 6.0).min(1.0);
            let confidence = ((0.4 + 0.6 * share) * (0.5 + 0.5 * strength)).clamp(0.1, 0.99);
            let method = t.methods.iter().max_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then_with(|| b.0.cmp(a.0))).map_or("body_text", |(m, _)| *m);
            let methods: Vec<String> = t.methods.iter().map(|(m, (n, _))| format!("{m}×{n}")).collect();
            (
                Some(name.clone()),
                FieldDetection {
                    method: method.to_string(),
                    confidence: (confidence * 100.0).round() / 100.0,
                    evidence: format!("{} ({})", t.example, methods.join(", ")),
                },
            )
        }
        // Nothing shaped like a landlord's name: a brand the page gives itself.
        None => match reading.brands.values().filter(|b| b.is_said()).max_by(|a, b| (a.strong, a.weak).cmp(&(b.strong, b.weak)).then_with(|| b.order.cmp(&a.order))) {
            // (The body a line says the brand is a trading name of publishes what it names.)
            Some(brand) => (
                Some(reading.trading_names.iter().find(|(traded, _)| key(traded) == key(&brand.name)).map_or_else(|| brand.name.clone(), |(_, body)| body.clone())),
                FieldDetection {
                    method: "brand".into(),
                    confidence: if brand.strong + brand.weak > 1 { 0.6 } else { 0.4 },
                    evidence: format!("{} (brand×{})", brand.example, brand.strong + brand.weak),
                },
            ),
            None => (None, FieldDetection { method: "none".into(), confidence: 0.0, evidence: "no council, housing association or known domain found".into() }),
        },
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use chc_model::{ContextLine, LayoutKind, RawRecord, SourceFormat, SourceInfo};

    /// A form with `context` before its rows (titles first), one row per `evidence` text,
    /// and `footer` lines after the last row.
    fn form(context: &[&str], evidence: &[&str], footer: &[&str]) -> TableDocument {
        let lines = |texts: &[&str], from: u32| texts.iter().enumerate().map(|(i, t)| ContextLine { location: from + i as u32, text: t.to_string() }).collect::<Vec<_>>();
        let mut context_lines = lines(context, 1);
        context_lines.extend(lines(footer, 1000));
        TableDocument {
            source: SourceInfo { path: "x".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 },
            layout: LayoutKind::Tabbed,
            columns: vec![],
            roles: vec![],
            records: evidence.iter().enumerate().map(|(i, e)| RawRecord { evidence: e.to_string(), location: 100 + i as u32, ..Default::default() }).collect(),
            context: context_lines,
            front_matter_lines: context.len(),
            furniture: vec![],
            warnings: vec![],
        }
    }

    fn table(context: &[&str], evidence: &[&str]) -> TableDocument {
        form(context, evidence, &[])
    }

    /// Invented landlords, so that the mechanisms, not the real gazetteer, are tested.
    fn invented() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_csv(
                "name,kind,domains,aliases,source\n\
                 Brookmere Homes,housing_association,brookmerehomes.org.uk,,t\n\
                 Fernlea Housing,housing_association,,,t\n\
                 Harrowgate Homes,housing_association,,,t\n\
                 Housing Solutions,housing_association,,,t\n\
                 Kestrel Vale District Council,council,kestrelvale.gov.uk,Kestrel Vale Council,t\n\
                 Lindow Housing Partnership,housing_association,,,t\n\
                 Norbury Homes,housing_association,,,t\n\
                 North Norbury Council,council,,,t\n\
                 Platform Homes,housing_association,,,t\n\
                 RKHA,housing_association,,,t\n\
                 South Norbury Council,council,,,t\n\
                 Oakridge Homes,housing_association,,,t\n\
                 Pennyfield Homes,housing_association,,,t\n\
                 Stonebridge,housing_association,,,t\n\
                 Stonebridge Homes South,housing_association,,,t\n\
                 Tamsin Vale Homes,housing_association,,,t\n\
                 The Harrowfield Housing Group,housing_association,,,t\n\
                 The Wexcombe Almshouses,housing_association,,,t\n",
            )
        })
    }

    fn landlord(t: &TableDocument) -> Option<String> {
        detect_with(t, invented()).0
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

    /// Each case: what it shows, the form, the landlord and how it was found.
    fn expect_landlords<const N: usize>(cases: [(&str, TableDocument, Option<&str>, &str); N]) {
        for (what, t, want, how) in cases {
            let (name, detection) = detect_with(&t, invented());
            assert_eq!((name.as_deref(), detection.method.as_str()), (want, how), "{what}");
        }
    }

    /// Each mechanism on invented landlords: the form, the landlord and how it was found.
    #[test]
    fn landlord_from_anywhere() {
        let cases: [(&str, TableDocument, Option<&str>, &str); 12] = [
            ("a link's domain", table(&["Self-assessment"], &["Our policy is at https://www.brookmerehomes.org.uk/complaints-policy"]), Some("Brookmere Homes"), "link_domain"),
            ("a sub-domain of a council's", table(&["Appendix 1"], &["See housing.kestrelvale.gov.uk/complaints"]), Some("Kestrel Vale District Council"), "link_domain"),
            ("a link's text", table(&["Self-assessment"], &["Read the Fernlea Housing complaints policy (link)"]), Some("Fernlea Housing"), "body_text"),
            // The gazetteer holds no domain for Fernlea Housing: the address's label spells it.
            ("an e-mail domain spelling a known name", table(&["Self-assessment"], &["Write to complaints@fernleahousing.org.uk or call us"]), Some("Fernlea Housing"), "email_domain"),
            (
                "an e-mail domain over a passing mention",
                table(&["Self-assessment"], &["Performance is reviewed against Oakridge Homes each quarter", "Write to feedback@tamsinvalehomes.co.uk"]),
                Some("Tamsin Vale Homes"),
                "email_domain",
            ),
            ("a domain confirming a name the gazetteer lacks", table(&["Self-assessment"], &["Staff at Wrenfold Homes answer calls", "see www.wrenfoldhomes.co.uk/complaints"]), Some("Wrenfold Homes"), "link_domain"),
            (
                "a domain spelling a name's kind words by their initials",
                table(&["Self-assessment"], &["Staff at Wrenfold Community Housing answer calls", "Write to complaints@wrenfoldch.org.uk"]),
                Some("Wrenfold Community Housing"),
                "email_domain",
            ),
            ("an unknown name in body text alone", table(&["Self-assessment"], &["Staff at Wrenfold Homes answer calls"]), None, "none"),
            (
                "a copyright footer naming a landlord the gazetteer lacks",
                form(&["Complaint handling code: self-assessment"], &["Policy section 4", "Yes"], &["Accessibility", "\u{a9} 2024 Brackenfield Living. All rights reserved."]),
                Some("Brackenfield Living"),
                "footer",
            ),
            (
                "a copyright footer over passing mentions",
                form(&["Self-assessment"], &["Satisfaction is higher than at Oakridge Homes and Pennyfield Homes", "Oakridge Homes shared its template"], &["Copyright \u{a9} Harrowgate Homes 2025"]),
                Some("Harrowgate Homes"),
                "footer",
            ),
            ("a registered-society line", form(&["Self-assessment"], &["Benchmarked with Oakridge Homes"], &["Tamsin Vale Homes is a registered society"]), Some("Tamsin Vale Homes"), "footer"),
            (
                "the title over body text",
                table(&["Harrowgate Homes: complaint handling self-assessment"], &["Oakridge Homes manages the contact centre", "Oakridge Homes staff are trained"]),
                Some("Harrowgate Homes"),
                "title",
            ),
        ];
        expect_landlords(cases);
        // Holders of copyright that are not landlords.
        for other in ["\u{a9} Crown copyright", "Copyright 2024 Jadu Ltd", "(c) 2023 Civica Group"] {
            assert_eq!(landlord(&form(&["Self-assessment"], &["Policy"], &[other])), None, "{other}");
        }
    }

    /// Landlords the gazetteer lacks, named where a form names its publisher: each mechanism
    /// on invented names, the landlord and how it was found.
    #[test]
    fn landlord_shaped_names_where_a_form_names_itself() {
        let intro = |line: &str| table(&["Complaints", "Self-assessment 2025", "How we did.", line], &["Policy section 2"]);
        let cases: [(&str, TableDocument, Option<&str>, &str); 17] = [
            ("a title line that is only the name", table(&["Fenmoor Council", "Complaint Handling Code: our self-assessment"], &["Yes"]), Some("Fenmoor Council"), "title"),
            (
                "a partnership in the title, its initials later",
                table(&["Harwick Vale Partnership - Complaint Handling Code self-assessment", "Complaint Handling Code: HVP self-assessment"], &["HVP policy, section 2"]),
                Some("Harwick Vale Partnership"),
                "title",
            ),
            ("the owner of the complaints policy in the introduction", intro("Dunmore Housing Group's complaints policy is on our website"), Some("Dunmore Housing Group"), "heading"),
            ("the subject of the introduction", intro("Thornwick Homes assessed itself against the Code in May 2023."), Some("Thornwick Homes"), "heading"),
            (
                "the owner of the complaints policy in body text",
                table(&["Self-assessment"], &["A copy of Gorsedale Vale Council\u{2019}s current Compliments, Comments and Complaints Policy is online"]),
                Some("Gorsedale Vale Council"),
                "body_text",
            ),
            (
                "a line of its own after the form, and the e-mail domain its name spells",
                form(&["Exclusions"], &["Policy section 9"], &["Write to complaints@marlcombe.gov.uk", "Marlcombe Council"]),
                Some("Marlcombe Council"),
                "email_domain",
            ),
            ("an e-mail domain that ends like a landlord's", form(&["Self Assessment Form"], &["Policy"], &["Questions? feedback@saltcombehomes.org.uk"]), Some("Saltcombe Homes"), "email_domain"),
            (
                "an e-mail domain the text spells",
                table(&["Self-assessment"], &["Tamworth Vale staff answer calls", "Email enquiries@tamworthvalehousinggroup.co.uk"]),
                Some("Tamworth Vale Housing Group"),
                "email_domain",
            ),
            ("a name in passing in the introduction", intro("Residents of Thornwick Homes and others were asked."), None, "none"),
            ("a team on a line of its own", form(&["Self-assessment"], &["Policy"], &["Tenant Scrutiny Group"]), None, "none"),
            ("a body link ending like a landlord's, not spelled in the text", table(&["Self-assessment"], &["See www.insidehomes.co.uk/news"]), None, "none"),
            ("a name in passing in a heading between rows", form(&["Self-assessment"], &["Policy"], &[]), None, "none"),
            ("a body mention of a name that does not own the policy", table(&["Self-assessment"], &["Dunmore Housing Group's repairs team replied"]), None, "none"),
            ("an address line after the form", form(&["Self-assessment"], &["Policy"], &["Share this page", "Fenmoor Homes, 1 Mill Lane, Fenmoor"]), Some("Fenmoor Homes"), "footer"),
            ("a name in two cells", table(&["Self-assessment"], &["Staff at Dunmore Vale Homes are trained", "The Dunmore Vale Homes policy, section 4"]), Some("Dunmore Vale Homes"), "body_text"),
            ("a bare group in two cells", table(&["Self-assessment"], &["Repairs by Kellan Group", "Kellan Group replies within a week"]), None, "none"),
            ("a known name that goes on past its kind word", table(&["Self-assessment"], &["Brookmere Homes Trust staff", "Brookmere Homes Trust policy"]), Some("Brookmere Homes"), "body_text"),
        ];
        expect_landlords(cases);
    }

    #[test]
    fn a_footer_left_in_the_last_rows_requirement() {
        let mut t = table(&["Exclusions"], &["Policy section 9", "Refusals are recorded"]);
        t.records[1].requirement = "Landlords must not take a blanket approach to excluding complaints.\nWrite to complaints@fenmoor.gov.uk\nFenmoor Council".into();
        assert_eq!(landlord(&t).as_deref(), Some("Fenmoor Council"));
        // The first line is the Code's wording, which is not read.
        t.records[1].requirement = "Fenmoor Council".into();
        assert_eq!(landlord(&t), None);
    }

    /// Initials joined by an ampersand, which the word splitter cuts in two: "L&Q", "B&NES".
    #[test]
    fn initials_joined_by_an_ampersand() {
        let t = table(&["L&Q Complaint Handling Code self-assessment 2024"], &["Policy"]);
        assert_eq!(detect(&t).0.as_deref(), Some("London & Quadrant Housing Trust"));
        let t = table(&["Self-assessment against the Code", "B&NES Council publishes this each year."], &["Policy"]);
        assert_eq!(detect(&t).0.as_deref(), Some("Bath and North East Somerset Council"));
        // Not a whole token: no match.
        let t = table(&["Self-assessment", "L&Qx housing"], &["Policy"]);
        assert_eq!(detect(&t).0, None);
        assert!(is_acronym("L&Q") && is_acronym("B&NES") && is_acronym("LHP") && is_acronym("A2D"));
        assert!(!is_acronym("&LQ") && !is_acronym("LQ&") && !is_acronym("L&&Q") && !is_acronym("LQ") && !is_acronym("l&q"));
    }

    /// Known landlords by their short forms: unique initials, and the distinctive part of the
    /// name when it is a rare word, used twice or where the form names itself.
    #[test]
    fn short_forms_of_known_names() {
        let cases: [(&str, TableDocument, Option<&str>); 9] = [
            ("initials in the title", table(&["Housing Ombudsman Complaint Handling Code: LHP Self-assessment"], &["Policy"]), Some("Lindow Housing Partnership")),
            (
                "a stem used twice in evidence",
                table(&["Self-assessment"], &["Complaints about contractors are handled by Harrowfield", "Not applicable: Harrowfield handles every complaint itself"]),
                Some("The Harrowfield Housing Group"),
            ),
            ("a two-word stem in the front matter", table(&["Self-assessment", "Kestrel Vale complaints policy"], &["Yes"]), Some("Kestrel Vale District Council")),
            ("a stem used once in evidence", table(&["Self-assessment"], &["Complaints are handled by Harrowfield staff"]), None),
            ("a stem only at the start of sentences", table(&["Self-assessment"], &["Harrowfield has used the definition since 2020.", "Harrowfield trains staff."]), None),
            ("a stem that is an English word", table(&["Self-assessment"], &["Cases moved to the new Platform last year", "the Platform shows each case"]), None),
            ("a word shared by several names", table(&["Self-assessment"], &["Residents across Norbury", "Norbury residents told us"]), None),
            ("initials that are not a landlord's", table(&["HOS Code: CEO self-assessment"], &["Policy"]), None),
            ("initials in lower case", table(&["Code: lhp self-assessment"], &["Policy"]), None),
        ];
        for (what, t, want) in cases {
            let (name, detection) = detect_with(&t, invented());
            assert_eq!(name.as_deref(), want, "{what}: {detection:?}");
            if want.is_some() {
                assert_eq!(detection.method, "short_form", "{what}");
            }
        }
    }

    #[test]
    fn a_mention_after_words_of_comparison_is_passing() {
        let t = table(&["Self-assessment"], &["We benchmark our response times against Oakridge Homes", "Pennyfield Homes policy section 3"]);
        assert_eq!(landlord(&t).as_deref(), Some("Pennyfield Homes"));
    }

    /// A landlord named only as another landlord (compared with, a partner, one of several)
    /// is never the form's, wherever outside its title it is named: the form then names none.
    #[test]
    fn a_landlord_named_only_as_another_is_not_the_forms() {
        let others = [
            table(&["Self-assessment"], &["We benchmark our response times against Oakridge Homes and Pennyfield Homes."]),
            table(&["Self-assessment"], &["Out-of-hours calls are answered by Oakridge Homes, our partner in the county."]),
            table(&["Self-assessment"], &["Compared with Wrenfold Homes, we answer within fewer days."]),
            table(&["Self-assessment", "Our approach", "We work with Oakridge Homes on complaints training."], &["Policy"]),
            table(&["Self-assessment", "Our approach", "How we did.", "We work with Oakridge Homes on complaints training."], &["Policy"]),
            table(&["Self-assessment", "Our approach", "How we did.", "Residents of Wrenfold Homes and others were asked."], &["Policy"]),
            form(&["Self-assessment"], &["Policy"], &["Our repairs are carried out together with Kestrel Vale District Council."]),
            table(&["Self-assessment"], &["Satisfaction is above peers such as Harrowfield and Norbury Homes.", "Harrowfield shares its figures with peers like Harrowfield Homes"]),
        ];
        for t in others {
            assert_eq!(detect_with(&t, invented()).0, None, "{:?}", t.records.iter().map(|r| &r.evidence).collect::<Vec<_>>());
        }
        // Named as its own elsewhere, the form's landlord is found, less surely than alone.
        let own = table(&["Self-assessment"], &["Pennyfield Homes policy section 3"]);
        let with_other = table(&["Self-assessment"], &["Pennyfield Homes policy section 3", "We benchmark against Oakridge Homes"]);
        let (alone, mixed) = (detect_with(&own, invented()), detect_with(&with_other, invented()));
        assert_eq!((alone.0.as_deref(), mixed.0.as_deref()), (Some("Pennyfield Homes"), Some("Pennyfield Homes")));
        assert!(mixed.1.confidence < alone.1.confidence, "{alone:?} {mixed:?}");
        // Words of comparison after a name do not make it another's.
        assert_eq!(landlord(&table(&["Oakridge Homes compared with its peers: self-assessment"], &["Policy"])).as_deref(), Some("Oakridge Homes"));
    }

    /// A known landlord named in a cell after a preposition or a verb of contact is another
    /// body the landlord deals with, not the form's own: a form that names no other landlord
    /// then names none. Named as what a sentence is about, or twice, it is the form's.
    #[test]
    fn a_landlord_named_in_passing_in_the_cells_is_not_the_forms() {
        let passing = [
            "Complaints about adult social care are passed to Kestrel Vale District Council.",
            "Our out-of-hours line is run by Oakridge Homes.",
            "Training was given by staff seconded from Pennyfield Homes.",
            "Complaints about planning go to Oakridge Homes's planning team. Our policy is on the website.",
            "Where a complaint concerns Norbury Homes, we pass it on within five days.",
            "Tenants of Oakridge Homes living on our estates contact their own landlord.",
            "The panel visited Pennyfield Homes to see how they handle complaints.",
            "\u{2022} Telephone \u{2022} Referred by Oakridge Homes",
        ];
        for cell in passing {
            assert_eq!(landlord(&table(&["Self-assessment"], &[cell])), None, "{cell}");
        }
        let own = [
            "At Oakridge Homes, every complaint is logged.",
            "Policy section 5.1 (page 3) At Oakridge Homes, every complaint is logged.",
            "Oakridge Homes accepts complaints made through a representative.",
            "Part 2 of our procedure Oakridge Homes has used this definition since 2020.",
            "All Oakridge Homes staff complete complaint training.",
            "We at Oakridge Homes publish this page every year.",
            "As Oakridge Homes, we aim to put things right first time.",
            "The definition is used across Oakridge Homes.",
            "The Oakridge Homes Board approved the policy in May 2024.",
        ];
        for cell in own {
            assert_eq!(landlord(&table(&["Self-assessment"], &[cell])).as_deref(), Some("Oakridge Homes"), "{cell}");
        }
        let twice = table(&["Self-assessment"], &["Calls are answered by Oakridge Homes.", "Letters are checked by Oakridge Homes."]);
        assert_eq!(landlord(&twice).as_deref(), Some("Oakridge Homes"));
    }

    /// Pages spell names as the lists do not: "and" for "&" and the reverse, "St." for "St",
    /// spaces for hyphens, the registered name without its bracketed place, a brand run
    /// together; each still names the one landlord that has it.
    #[test]
    fn names_as_pages_spell_them() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             Fenby & Lowmoor Housing Association,housing_association,,,t\n\
             Wexley and Norbury Homes,housing_association,,,t\n\
             St Aldwyn Homes,housing_association,,,t\n\
             Stoke-on-Wexley City Council,council,,,t\n\
             Harrowmere Trust (Kestrel Vale),housing_association,,,t\n\
             Larch Living,housing_association,,,t\n\
             Tollbridge Homes (North),housing_association,,,t\n\
             Tollbridge Homes (South),housing_association,,,t\n",
        );
        let cases = [
            ("Fenby and Lowmoor Housing Association", Some("Fenby & Lowmoor Housing Association")),
            ("Wexley & Norbury Homes", Some("Wexley and Norbury Homes")),
            ("St. Aldwyn Homes", Some("St Aldwyn Homes")),
            ("Stoke on Wexley City Council", Some("Stoke-on-Wexley City Council")),
            ("Harrowmere Trust", Some("Harrowmere Trust (Kestrel Vale)")),
            ("LarchLiving", Some("Larch Living")),
            // Two entries share the name without their places: neither is meant.
            ("Tollbridge Homes", Some("Tollbridge Homes")),
        ];
        for (written, want) in cases {
            let t = table(&[&format!("{written}: Complaint Handling Code self-assessment")], &["Policy 2"]);
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{written}");
        }
    }

    /// The page's footer runs on in the last row's cell where the reader could not tell
    /// where the row ends: a name the gazetteer lacks on a line of its own there, or in a
    /// publisher line, is the publisher's; in a sentence of the cell it is not.
    #[test]
    fn a_footer_run_into_the_last_rows_cell() {
        let cases = [
            (vec!["Policy section 2", "Policy section 3\nWas this page useful? Yes No\nWrenfold Living"], Some("Wrenfold Living")),
            (vec!["Policy section 2", "Policy section 3\n\u{a9} Copyright Wrenfold Living 2024"], Some("Wrenfold Living")),
            (vec!["Policy section 2", "Policy section 3\nWrenfold Living is a charitable Registered Society under the 2014 Act."], Some("Wrenfold Living")),
            (vec!["Policy section 2", "Policy section 3\nWrenfold Housing Co-operative Limited, a registered society under the 2014 Act."], Some("Wrenfold Housing Co-operative")),
            (vec!["Policy section 2", "Policy section 3\n\nWrenfold Living, Mill House, 4 Quay Street, Anytown AB1 2CD"], Some("Wrenfold Living")),
            (vec!["Policy section 2", "Policy section 3\nRegistered office: Wrenfold Living, 4 Tannery Yard, Oxley, OX9 4TD."], Some("Wrenfold Living")),
            (vec!["Policy section 2", "Policy section 3\nWrenfold Living, our partner, runs the scheme."], None),
            (vec!["Policy section 2", "Policy section 3\nDate of assessment: 19 November 2024\nSigned on behalf of Wrenfold Housing Trust Board\nChair of the Board"], Some("Wrenfold Housing Trust")),
            (vec!["Policy section 2", "Policy section 3\n\nRelated pages\nWrenfold Living - annual complaints report\nOur complaints policy"], None),
            (vec!["Policy section 2", "Compared with Wrenfold Living, we answer within fewer days."], None),
            (vec!["Wrenfold Living", "Policy section 3"], None),
        ];
        for (cells, want) in cases {
            assert_eq!(landlord(&table(&["Self-assessment"], &cells)).as_deref(), want, "{cells:?}");
        }
    }

    /// Councils that share a housing service publish one form for both: named as one where the
    /// form names itself, the landlord is both, in the order named; named together in
    /// passing, or inside one longer name, they are not.
    #[test]
    fn councils_named_as_one_publish_together() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             Wexley District Council,council,,Wexley Council,t\n\
             Norbury Borough Council,council,,Norbury Council,t\n\
             Kestrel Vale District Council,council,,,t\n\
             Wexley and Norbury Women's Aid,housing_association,,,t\n\
             Oakridge Homes,housing_association,,,t\n",
        );
        let joint = Some("Wexley District Council and Norbury Borough Council");
        let cases = [
            (table(&["Wexley and Norbury: Complaint Handling Code self-assessment"], &["Policy 2"]), joint),
            (table(&["Wexley & Norbury Councils self-assessment"], &["Policy 2"]), joint),
            (form(&["Self-assessment"], &["Policy 2"], &["\u{a9} 2025 Wexley District Council and Norbury Borough Council"]), joint),
            (table(&["Norbury and Wexley Councils: self-assessment"], &["Policy 2"]), Some("Norbury Borough Council and Wexley District Council")),
            (table(&["Kestrel Vale and Wexley District Councils: self-assessment"], &["Policy 2"]), Some("Kestrel Vale District Council and Wexley District Council")),
            (table(&["Oakridge Homes self-assessment", "We work with Wexley Council and Norbury Council on joint cases."], &["Policy 2"]), Some("Oakridge Homes")),
            (table(&["Self-assessment"], &["Complaints about Wexley Council and Norbury Council services go to them."]), None),
            (table(&["Wexley and Norbury Women's Aid: self-assessment"], &["Policy 2"]), Some("Wexley and Norbury Women's Aid")),
            // A cell names them as one where it speaks as them or cites their policy.
            (table(&["Self-assessment"], &["Wexley and Norbury Councils' complaints policy, section 4."]), joint),
            (table(&["Self-assessment"], &["Wexley District Council and Norbury Borough Council log every complaint."]), joint),
            (table(&["Self-assessment"], &["We work with Wexley and Norbury Councils on joint cases."]), None),
        ];
        for (t, want) in cases {
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{:?}", t.context);
        }
    }

    /// An introduction that names two landlords speaks as one of them: the one it names in
    /// its own voice ("We, X, …", "X manages …"), not the owner of the homes it manages nor a
    /// place ("homes in Ashmoor") that is the other's short name.
    #[test]
    fn an_introduction_that_names_two_landlords_speaks_as_one() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             Ashmoor Metropolitan Borough Council,council,,Ashmoor Council,t\n\
             Fenmoor Homes,almo,,,t\n",
        );
        let cases = [
            (table(&["Self-assessment", "We, Fenmoor Homes, checked our policy against the Code. Homes we manage for Ashmoor Council follow it too."], &["Policy 2"]), Some("Fenmoor Homes")),
            (table(&["Self-assessment", "Fenmoor Homes manages council homes in Ashmoor on behalf of Ashmoor Council. This is our self-assessment."], &["Policy 2"]), Some("Fenmoor Homes")),
            (table(&["Self-assessment", "Ashmoor Council publishes this self-assessment. Repairs are run by Fenmoor Homes."], &["Policy 2"]), Some("Ashmoor Metropolitan Borough Council")),
        ];
        for (t, want) in cases {
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{:?}", t.context);
        }
    }

    /// A council the gazetteer lacks, named short in one place and in full in another, is one
    /// council, by its full name; two fuller names leave the short one alone.
    #[test]
    fn a_council_named_short_and_in_full_is_one() {
        let cases = [
            (form(&["Self-assessment"], &["Policy 2"], &["Harrowmere Council", "Contact us | Jobs", "Harrowmere District Council, Civic Offices, Market Street, Harrowmere HM1 2AB"]), Some("Harrowmere District Council")),
            (form(&["Harrowmere Council: self-assessment"], &["Policy 2"], &["\u{a9} 2025 Harrowmere Borough Council"]), Some("Harrowmere Borough Council")),
        ];
        for (t, want) in cases {
            assert_eq!(landlord(&t).as_deref(), want, "{:?}", t.context);
        }
    }

    /// A council the Regulator does not list holds no homes (a county council): the cells of a
    /// form name it as a body they work beside, never as the form's landlord; its own pages
    /// (a title, a footer line heading its address) still name it.
    #[test]
    fn a_council_that_holds_no_homes_is_not_named_as_landlord_in_cells() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             Wexshire County Council,council,,,lgl\n\
             Wexmoor District Council,council,,,lgl\n\
             Wexley Borough Council,council,,,lgl;rsh\n\
             wfha,housing_association,,,rsh\n",
        );
        let cases = [
            (table(&["Self-assessment"], &["Wexshire County Council's care team raises complaints for residents.", "Policy 3"]), None),
            (table(&["Self-assessment"], &["Cases involving Wexshire County Council adaptations took longest.", "Policy 3"]), None),
            (table(&["Self-assessment"], &["Wexley Borough Council's complaints policy, section 2.", "Policy 3"]), Some("Wexley Borough Council")),
            (table(&["Self-assessment"], &["Policy 2", "Policy 3\nWexshire County Council, County Hall, Wexbury WX1 2AB"]), Some("Wexshire County Council")),
            (table(&["Wexshire County Council: complaint handling self-assessment"], &["Policy 2"]), Some("Wexshire County Council")),
            (form(&["Self-assessment"], &["Policy 2"], &["Complaints about schools run by Wexshire County Council are passed to the county."]), None),
            (table(&["Self-assessment", "Residents referred to us by Wexshire County Council's housing team use the same route."], &["Policy 2"]), None),
            (form(&["Self-assessment"], &["Policy 2"], &["\u{a9} 2025 Wexshire County Council"]), Some("Wexshire County Council")),
            (form(&["Self-assessment"], &["Policy 2"], &["See also:", "Wexley Borough Council - complaints self-assessment", "Contact us"]), None),
            // Unless it vouches for the form itself: its committee approved it, its officer
            // signed it, its own complaints policy is cited.
            (table(&["Self-assessment"], &["Policy 2", "This self-assessment was approved by Wexshire County Council's Housing Committee."]), Some("Wexshire County Council")),
            (form(&["Self-assessment"], &["Policy 2"], &["Signed: Cabinet Lead for Housing, Wexshire County Council"]), Some("Wexshire County Council")),
            (form(&["Self-assessment"], &["Policy 2"], &["Signed in June 2025 by the Cabinet Member for Housing, Wexshire County Council."]), Some("Wexshire County Council")),
            (table(&["Self-assessment"], &["Wexshire County Council's housing complaints policy uses this definition in section 2.", "Policy 3"]), Some("Wexshire County Council")),
            (table(&["Self-assessment"], &["Policy 2", "This assessment was reviewed by the Customer Committee of Wexshire County Council."]), Some("Wexshire County Council")),
            (form(&["Self-assessment"], &["Policy 2"], &["Considered on 19 January 2021 by Wexmoor District Council's Scrutiny Board."]), Some("Wexmoor District Council")),
            // A district that transferred its homes answers the Code as a housing authority:
            // the subject of a cell's sentence in the form's voice, its initials given after
            // it, is the form's; a county council doing the same is not.
            (table(&["Self-assessment"], &["Wexmoor District Council (WDC) logs every complaint on one system.", "Policy 3"]), Some("Wexmoor District Council")),
            (table(&["Self-assessment"], &["Wexshire County Council (WCC) logs every complaint on one system.", "Policy 3"]), None),
            (table(&["Self-assessment"], &["Done. At Wexmoor District Council, every complaint is logged within a day.", "Policy 3"]), Some("Wexmoor District Council")),
            // The name the introduction says the writer is, or gives as the Code's example.
            (table(&["Self-assessment", "We are Wexmoor District Council, and this is our yearly check against the Code."], &["Policy 2"]), Some("Wexmoor District Council")),
            (table(&["Self-assessment", "We are Wexmoor District Council and we let homes here, so the Code applies to us."], &["Policy 2"]), Some("Wexmoor District Council")),
            (table(&["Self-assessment", "Welcome to Wexmoor District Council: how we handle housing complaints."], &["Policy 2"]), Some("Wexmoor District Council")),
            (table(&["Self-assessment", "The Code helps landlords, such as Wexmoor District Council, deal with complaints; we check ourselves against it."], &["Policy 2"]), Some("Wexmoor District Council")),
            (table(&["Self-assessment", "The Code helps other landlords, such as Wexmoor District Council, deal with complaints well."], &["Policy 2"]), None),
            (table(&["Self-assessment", "The Code tells landlords, for example Wexmoor District Council, how to deal with complaints."], &["Policy 2"]), Some("Wexmoor District Council")),
            // Its own Cabinet, that the form's reports go to.
            (table(&["Self-assessment"], &["Half-year reports go to Wexmoor District Council Cabinet and the tenants' forum.", "Policy 3"]), Some("Wexmoor District Council")),
            (table(&["Self-assessment"], &["The clerk reports every complaint to the Wexmoor District Council committee.", "Policy 3"]), Some("Wexmoor District Council")),
            // Whom to ring about the form, or to write to at the writer's own office.
            (form(&["Self-assessment"], &["Policy 2"], &["Questions about this form can go to the complaints team at Wexley Borough Council on 01632 960 552."]), Some("Wexley Borough Council")),
            (table(&["Self-assessment"], &["Policy 2", "To complain in another language, write to Wexley Borough Council at our office or call us."]), Some("Wexley Borough Council")),
            (table(&["Self-assessment"], &["Policy 2", "To complain about a repair, write to Wexley Borough Council at its office."]), None),
            // A parent the writer is a member of, whose template it follows, is not the writer.
            (table(&["We are a member of Wexley Borough Council and follow its policy."], &["Letters follow the Wexley Borough Council template."]), None),
            // A short name the gazetteer lists in lower case, before its own policy's title.
            (table(&["Self-assessment"], &["Timescales are in part 7 of the wfha Customer Feedback Policy 2022."]), Some("wfha")),
        ];
        for (t, want) in cases {
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{:?}", t.records);
        }
        // A council on neither list (abolished since, as Kettering was in 2021) is not known
        // to hold no homes: its own introduction names it.
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source
             Wexford Vale Borough Council,council,,(abolished),chc
             Wexshire County Council,council,,,lgl
",
        );
        let intro = |name: &str| table(&["Self-assessment", &format!("This is {name}'s assessment of its housing complaints process, January 2021.")], &["Policy 2"]);
        assert_eq!(detect_with(&intro("Wexford Vale Borough Council"), &gaz).0.as_deref(), Some("Wexford Vale Borough Council"));
        assert_eq!(detect_with(&intro("Wexshire County Council"), &gaz).0.as_deref(), None);
        // A council formed since the Regulator's list was copied, that a page of its own names
        // a landlord (a `…-landlord` source), holds homes: its cells name it.
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source
             Wexshire Council,council,,,lgl;web-wexshire-landlord
",
        );
        let cells = table(&["Self-assessment"], &["Cases involving Wexshire Council repairs took longest.", "Policy 3"]);
        assert_eq!(detect_with(&cells, &gaz).0.as_deref(), Some("Wexshire Council"));
    }

    /// Initials a form gives a name of its own ("Fernmoor Community Housing (FCH)") are that
    /// name's, not a known landlord's with the same; of two names named as much, the first
    /// (the title's) is the form's.
    #[test]
    fn initials_a_form_defines_and_the_first_of_equals() {
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nFenbrook Community Housing,housing_association,,FCH,t\n");
        let defined = form(&["Self-assessment"], &["FCH policy 3.2", "Reported to the FCH Board."], &["Fernmoor Community Housing (FCH) Board, March 2023"]);
        assert_eq!(detect_with(&defined, &gaz).0.as_deref(), Some("Fernmoor Community Housing"));
        let first = table(&["Pennmoor Housing Group | Complaint Handling Code self-assessment", "This self-assessment covers Pennmoor Homes, the Group's registered provider."], &["Policy 2"]);
        assert_eq!(detect_with(&first, &gaz).0.as_deref(), Some("Pennmoor Housing Group"));
    }

    /// Where a later chunk of a page names its publisher: a copyright line that names the
    /// council whose homes it manages too, a footer run into the last row's wording, a team
    /// before the name on a contact line, its board acting on complaints.
    #[test]
    fn names_in_a_chunks_footer_and_cells() {
        let mut run_in = table(&["Self-assessment"], &["Policy 4.", ""]);
        run_in.records[1].requirement = "Residents must not be required to explain their reasons for requesting a stage 2 Approved by the Tarnwick Homes Customer Services Committee on 11 September 2024.".into();
        expect_landlords([
            (
                "a copyright line naming whom it manages for",
                form(&["Self-assessment"], &["Policy 4."], &["(c) 2025 Tarnwick Homes, managing council homes for Tarnwick Council"]),
                Some("Tarnwick Homes"),
                "footer",
            ),
            ("a footer run into the last row's wording", run_in, Some("Tarnwick Homes"), "body_text"),
            (
                "a team before the name, in the last row's cell",
                table(&["Self-assessment"], &["Policy 4.", "Learning is shared.\nQuestions about this page: Customer Resolution Team, Tarnwick Housing Group"]),
                Some("Tarnwick Housing Group"),
                "body_text",
            ),
            (
                "its board acting on complaints",
                table(&["Self-assessment"], &["The Tarnwick Housing Group Board appointed a board member as lead for complaints in 2022.", "Policy 4."]),
                Some("Tarnwick Housing Group"),
                "body_text",
            ),
            (
                "its board naming its member for complaints",
                table(&["Self-assessment"], &["Tarnwick Housing Trust's Board named one of its members as Member Responsible for Complaints in June.", "Policy 4."]),
                Some("Tarnwick Housing Trust"),
                "body_text",
            ),
            (
                "a brand in a title with a slogan, its own e-mail address",
                table(&["Tarnwent | Your home, your say", "Self-assessment", "Questions? E-mail feedback@tarnwent.org.uk"], &["Policy 4."]),
                Some("Tarnwent"),
                "brand",
            ),
            ("a brand in a title with a slogan alone", table(&["Tarnwent | Your home, your say", "Self-assessment"], &["Policy 4."]), None, "none"),
            ("another's cabinet approving our policy", table(&["Self-assessment"], &["Tarnwick Council Cabinet approved our complaints policy in 2023.", "Policy 4."]), None, "none"),
            (
                "a committee's dated sign-off after the table",
                form(&["Self-assessment"], &["Policy 4."], &["Tarnwick Homes Resident Services Committee, 9 December 2020"]),
                Some("Tarnwick Homes"),
                "footer",
            ),
            ("a dated sign-off in the last row's cell", table(&["Self-assessment"], &["Policy 4.", "Every job description has a complaints objective.\nTarnwick Homes, March 2023"]), Some("Tarnwick Homes"), "body_text"),
            (
                "the page's questions sent to a team at it",
                table(&["Self-assessment"], &["Policy 4.", "Questions about this page? Contact the complaints team at Tarnwick Community Homes."]),
                Some("Tarnwick Community Homes"),
                "body_text",
            ),
            ("its complaints self-assessment, titled", table(&["Brookmere complaints self-assessment 2020", "Self-assessment"], &["Policy 4."]), Some("Brookmere Homes"), "short_form"),
            ("a printed page's time before its title", table(&["12/5/26, 5:14 AM Housing complaint handling self-assessment - Tarnwick Council", "Self-assessment"], &["Policy 4."]), Some("Tarnwick Council"), "title"),
            ("a committee front sheet's labels", table(&["Meeting Housing and Communities Committee", "Report of Director of Housing"], &["Policy 4."]), None, "none"),
            ("a partner's name and a date in a cell's prose", table(&["Self-assessment"], &["We joined the Tarnwick Homes, March 2023 benchmarking club.", "Policy 4."]), None, "none"),
        ]);
    }

    /// A co-operative's initials take one letter for "Co-operative" ("HTC"), as forms write
    /// them.
    #[test]
    fn a_cooperatives_initials_confirm_its_name() {
        let t = table(
            &["Self-assessment"],
            &["HTC aims to answer stage one complaints within ten working days.", "Reviews are heard at the Harrowell Tenants' Co-operative general meeting.", "Several HTC replies were late."],
        );
        assert_eq!(landlord(&t).as_deref(), Some("Harrowell Tenants' Co-operative"));
        assert_eq!(names::initials("Harrowell Tenants' Co-op").as_deref(), Some("HTC"));
        assert_eq!(names::initials("Stoke-on-Trent City Council").as_deref(), Some("STCC"));
    }

    /// What is a council is the gazetteer's kind column's to say, not the name's shape: a
    /// council called "Council of the Isles of …" is one, named by its place alone or with
    /// a partner council.
    #[test]
    fn councils_are_what_the_gazetteer_kind_says() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             Council of the Isles of Wexmoor,council,,Isles of Wexmoor Council,t\n\
             Kestrel Vale District Council,council,,,t\n",
        );
        let cases = [
            (form(&["Self-assessment"], &["Policy 2"], &["Isles of Wexmoor", "Contact us"]), Some("Council of the Isles of Wexmoor")),
            (table(&["Kestrel Vale and Isles of Wexmoor: Complaint Handling Code self-assessment"], &["Policy 2"]), Some("Kestrel Vale District Council and Council of the Isles of Wexmoor")),
        ];
        for (t, want) in cases {
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{:?}", t.context);
        }
    }

    /// A short form only one landlord has (initials, a stem) named once in a cell counts when
    /// the cell speaks as the landlord ("GYBC policy 4.2"), not when it names it in passing.
    #[test]
    fn a_short_form_named_once_as_the_forms_own() {
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nGreat Wexley Borough Council,council,,,t\nThe Kestrelmoor Housing Group,housing_association,,,t\n");
        let cases = [
            ("GWBC complaints policy, section 3.", Some("Great Wexley Borough Council")),
            ("At Kestrelmoor, every complaint is logged.", Some("The Kestrelmoor Housing Group")),
            ("Complaints about shared blocks are passed to GWBC.", None),
            ("Our contractor also works for Kestrelmoor.", None),
        ];
        for (cell, want) in cases {
            assert_eq!(detect_with(&table(&["Self-assessment"], &[cell]), &gaz).0.as_deref(), want, "{cell}");
        }
    }

    /// Page furniture the table stage left out (a cookie notice, a web page's footer, its
    /// link hosts) still names the publisher; a name the gazetteer lacks counts there only as
    /// a line of its own or a publisher line, as in a footer.
    #[test]
    fn page_furniture_names_the_publisher() {
        let furnished = |lines: &[&str]| {
            let mut t = table(&["Self-assessment"], &["Policy section 2"]);
            t.furniture = lines.iter().map(|l| ContextLine { location: 0, text: l.to_string() }).collect();
            landlord(&t)
        };
        assert_eq!(furnished(&["Oakridge Homes uses cookies to make this website work. Accept all cookies"]).as_deref(), Some("Oakridge Homes"));
        assert_eq!(furnished(&["https://www.kestrelvale.gov.uk/"]).as_deref(), Some("Kestrel Vale District Council"));
        assert_eq!(furnished(&["\u{a9} 2025 Wrenfold Living"]).as_deref(), Some("Wrenfold Living"));
        assert_eq!(furnished(&["Home > Wrenfold Living news"]), None);
        // A crawled header, its logo's name between the skip link and the menu.
        assert_eq!(furnished(&["Skip to main content Wrenfold Living Menu Search About us"]).as_deref(), Some("Wrenfold Living"));
        assert_eq!(furnished(&["Skip to main contentWrenfold LivingMenuSearchAbout us"]).as_deref(), Some("Wrenfold Living"));
        assert_eq!(furnished(&["Skip to content Tarnmoor Community Housing"]).as_deref(), Some("Tarnmoor Community Housing"));
        assert_eq!(furnished(&["News from Wrenfold Living and others"]), None);
    }

    /// A known brand written in lower case on a copyright line ("\u{a9} 2025 bhg") is its
    /// publisher; an unknown lower-case word there is not a name.
    #[test]
    fn a_lower_case_brand_on_a_copyright_line() {
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nBrackmoor Housing Group,housing_association,,bhg,t\n");
        let cases = [
            (form(&["Self-assessment"], &["Policy 2"], &["\u{a9} 2025 bhg. All rights reserved."]), Some("Brackmoor Housing Group")),
            (form(&["Self-assessment"], &["Policy 2"], &["\u{a9} 2025 all rights reserved."]), None),
        ];
        for (t, want) in cases {
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{:?}", t.context);
        }
    }

    /// A web host that spells a known landlord's name without its last kind words, with a
    /// kind ending of its own, or by the initials only that landlord goes by.
    #[test]
    fn hosts_that_spell_part_of_a_known_name() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             Brackmoor Housing Group,housing_association,,,t\n\
             Grand Wexley Housing Association,housing_association,,,t\n\
             Tollmarsh Vale Homes,housing_association,,,t\n\
             Tollmarsh Vale Housing,housing_association,,,t\n",
        );
        let cases = [
            ("the name without its last kind word", "complaints@brackmoorhousing.co.uk", Some("Brackmoor Housing Group")),
            ("another kind ending", "complaints@brackmoorhomes.org.uk", Some("Brackmoor Housing Group")),
            ("initials", "feedback@gwha.org.uk", Some("Grand Wexley Housing Association")),
            ("a part two names share", "feedback@tollmarshvale.org.uk", None),
        ];
        for (what, mail, want) in cases {
            let t = table(&["Self-assessment"], &[&format!("Write to {mail} about a complaint")]);
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{what}");
        }
    }

    /// A landlord the gazetteer lacks, named in the introduction: the introduction is about
    /// its form, unless it names another landlord there.
    #[test]
    fn a_new_name_anywhere_in_the_introduction() {
        let intro = |line: &str| table(&["Complaints", "Self-assessment 2025", "How we did.", line], &["Policy section 2"]);
        assert_eq!(landlord(&intro("This form assesses Dunmore Vale Homes against each provision of the Code.")).as_deref(), Some("Dunmore Vale Homes"));
        assert_eq!(landlord(&intro("The Code sets out how landlords like Dunmore Vale Council should handle complaints.")).as_deref(), Some("Dunmore Vale Council"));
        assert_eq!(landlord(&intro("We compared our results with Dunmore Vale Homes.")), None);
    }

    /// A name or its distinctive part written as the first words of a policy's name owns it
    /// ("Wrenfold Homes policy", "Harrowfield complaints policy"), at a sentence's start too.
    #[test]
    fn the_owner_of_a_policy_without_a_possessive() {
        assert_eq!(landlord(&table(&["Self-assessment"], &["Wrenfold Homes policy, section 2"])).as_deref(), Some("Wrenfold Homes"));
        let t = table(&["Self-assessment"], &["Harrowfield complaints policy", "Harrowfield complaints policy, stage 1"]);
        assert_eq!(landlord(&t).as_deref(), Some("The Harrowfield Housing Group"));
        // At a sentence's start, a stem that does not own a policy is any capitalised word.
        assert_eq!(landlord(&table(&["Self-assessment"], &["Harrowfield staff are trained.", "Harrowfield staff log calls."])), None);
    }

    /// Short forms from aliases, one-word spellings too short to be name patterns, and web
    /// hosts that spell a name without its "The" or only its distinctive part.
    #[test]
    fn short_forms_from_aliases_and_hosts() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             London Borough of Wexley,council,,Wexley Council,t\n\
             Orbel Group,housing_association,,Orbel,t\n\
             The Quenby Trust,housing_association,,,t\n\
             The Harrowfield Housing Group,housing_association,,,t\n",
        );
        let cases = [
            ("a stem of an alias, twice", table(&["Self-assessment"], &["Complaints go to Wexley first", "Reviewed by Wexley staff"]), Some("London Borough of Wexley")),
            ("a one-word alias, twice", table(&["Self-assessment"], &["Complaints are handled by Orbel itself", "Escalations go to Orbel"]), Some("Orbel Group")),
            ("a one-word alias in lower case", table(&["Self-assessment"], &["The orbel of the moon", "an orbel"]), None),
            ("a host without the name's The", table(&["Self-assessment"], &["Write to complaints@quenbytrust.org.uk"]), Some("The Quenby Trust")),
            ("a host spelling only the stem", table(&["Self-assessment"], &["Policy at https://www.harrowfield.org.uk/complaints"]), Some("The Harrowfield Housing Group")),
            ("a one-word name opening the title line", table(&["Orbel \u{2013} Complaint Handling Code self-assessment"], &["Policy"]), Some("Orbel Group")),
            ("a host with another kind ending confirms a name printed once", table(&["Self-assessment"], &["Larkspur Community Homes policy 2.", "Write to complaints@larkspurhomes.org.uk"]), Some("Larkspur Community Homes")),
        ];
        for (what, t, want) in cases {
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{what}");
        }
    }

    #[test]
    fn a_contact_line_names_the_publisher_after_its_label() {
        let t = table(&["Complaint Handling Code self-assessment"], &[]);
        let mut t = t;
        t.context.push(chc_model::ContextLine { location: 999, text: "Contact us: Tollbeck Vale Homes Trust, 4 Mill Row, telephone 01632 960 417.".into() });
        assert_eq!(landlord(&t).as_deref(), Some("Tollbeck Vale Homes Trust"));
    }

    #[test]
    fn an_address_a_cell_sends_a_case_on_to_is_another_bodys() {
        let cell = |evidence: &str| landlord(&table(&["Self-assessment"], &[evidence]));
        assert_eq!(cell("Where homelessness is involved we copy housing@kestrelvale.gov.uk in, with consent."), None);
        assert_eq!(cell("Disputes about allocations are referred to allocations@kestrelvale.gov.uk."), None);
        // An address residents write to, or that the writer keeps, is its own.
        assert_eq!(cell("Residents can e-mail complaints@kestrelvale.gov.uk at any time.").as_deref(), Some("Kestrel Vale District Council"));
        assert_eq!(cell("All correspondence, including e-mails to complaints@kestrelvale.gov.uk, is saved to the case.").as_deref(), Some("Kestrel Vale District Council"));
    }

    #[test]
    fn a_line_telling_readers_whom_to_contact_by_number_names_the_publisher() {
        let footer = |line: &str| landlord(&form(&["Complaint Handling Code self-assessment"], &["Staff are trained each spring."], &[line]));
        assert_eq!(footer("Contact Thornwell Vale Homes on 01632 960 552 if you need this page in another format.").as_deref(), Some("Thornwell Vale Homes"));
        assert_eq!(footer("Contact Thornwell Vale Homes at help@thornwellvale.org.uk").as_deref(), Some("Thornwell Vale Homes"));
        // Whom to contact about something else is no publisher.
        assert_eq!(footer("Contact Thornwell Vale Homes about the new lettings scheme."), None);
    }

    #[test]
    fn a_cooperative_spelled_without_its_hyphen_is_a_landlords_kind() {
        let footer = |line: &str| landlord(&form(&["Complaint Handling Code self-assessment"], &["Staff are trained each spring."], &[line]));
        assert_eq!(footer("Ostwick Housing Cooperative").as_deref(), Some("Ostwick Housing Cooperative"));
        assert_eq!(footer("Ostwick Housing Co-operative").as_deref(), Some("Ostwick Housing Co-operative"));
    }

    #[test]
    fn a_line_that_says_who_made_the_document_names_the_publisher() {
        let made = |footer: &str| landlord(&form(&["Complaint Handling Code self-assessment"], &["Staff are trained each spring."], &[footer]));
        assert_eq!(made("Produced by Harbury Vale Homes").as_deref(), Some("Harbury Vale Homes"));
        assert_eq!(made("Published by Elstow Fold Housing Trust, May 2024").as_deref(), Some("Elstow Fold Housing Trust"));
        // A consultant that prepared it is no landlord, and a guide someone produced is cited
        // in passing.
        assert_eq!(made("Prepared by Ravenhurst Consulting"), None);
        assert_eq!(landlord(&table(&["Self-assessment"], &["We follow the guide produced by Tarnwick Homes for small landlords."])), None);
    }

    #[test]
    fn a_name_wrapped_before_its_kind_word_is_one_name() {
        // A cover page or a narrow column wraps the name: its kind word alone on the next line.
        assert_eq!(landlord(&table(&["Tollbeck Vale Housing", "Association", "Complaint Handling Code self-assessment"], &[])).as_deref(), Some("Tollbeck Vale Housing Association"));
        // Or mid-name: after a joining word, a hyphen, or between two short lines of a title.
        assert_eq!(landlord(&table(&["Self-assessment", "This form is published by the Guild of", "St Aldric Housing Trust, a charity, and approved by our trustees."], &[])).as_deref(), Some("Guild of St Aldric Housing Trust"));
        assert_eq!(landlord(&table(&["Self-assessment", "This is the self-assessment of Marsh-on-", "Severn Housing Association for 2020."], &[])).as_deref(), Some("Marsh-on-Severn Housing Association"));
        assert_eq!(landlord(&table(&["Second Harbour", "Towns Homes", "Complaint Handling Code self-assessment"], &[])).as_deref(), Some("Second Harbour Towns Homes"));
    }

    #[test]
    fn a_running_footer_parted_by_dots_names_its_publisher() {
        for footer in ["Tarnwick Homes \u{b7} Customer Experience", "Tarnwick Homes \u{2022} Complaints team"] {
            let mut t = table(&["Complaint Handling Code: self-assessment"], &["Policy clause 3.2"]);
            t.furniture = vec![ContextLine { location: 0, text: footer.to_string() }];
            assert_eq!(landlord(&t).as_deref(), Some("Tarnwick Homes"), "{footer}");
        }
    }

    #[test]
    fn a_misspelled_kind_is_read_as_spelled_right() {
        assert_eq!(landlord(&table(&["Tarnwick Borough Counci1 - how we meet the Code"], &["Policy 2"])).as_deref(), Some("Tarnwick Borough Council"));
        assert_eq!(landlord(&table(&["TARNWICK VALE DISTRICT COUN CIL", "Self-assessment"], &["Policy 2"])).as_deref(), Some("Tarnwick Vale District Council"));
        // Misspelled in one place and right in another, it is one name, spelled right.
        let t = form(&["Tarnwick Hosuing Association - our self-assessment"], &["Policy 2"], &["Tarnwick Housing Association Limited. Registered society."]);
        assert_eq!(landlord(&t).as_deref(), Some("Tarnwick Housing Association"));
        // A name registered with the misspelling is found as it is spelled.
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nTarnwick Housing Assocation,housing_association,,,t\n");
        assert_eq!(detect_with(&table(&["Tarnwick Housing Assocation - self-assessment"], &[]), &gaz).0.as_deref(), Some("Tarnwick Housing Assocation"));
    }

    #[test]
    fn a_name_said_not_to_be_the_landlord_is_another() {
        let t = table(&["How we meet the Code. Wexley Borough Council is not our landlord; its own tenants use its page."], &["The Tarnwick Homes complaints policy, part 3."]);
        assert_eq!(landlord(&t).as_deref(), Some("Tarnwick Homes"));
    }

    #[test]
    fn the_name_whose_self_assessment_it_is_outranks_others_in_its_text() {
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nTarnwick City Homes Registered Provider,housing_association,,,t\nTarnwick City Council,council,,,t,\n");
        let line = "This page is part of the self-assessment for Tarnwick City Homes Registered Provider, covering our homes. Homes owned by Tarnwick City Council have a separate assessment.";
        assert_eq!(detect_with(&table(&[line], &["Policy 2"]), &gaz).0.as_deref(), Some("Tarnwick City Homes Registered Provider"));
    }

    #[test]
    fn a_procedure_its_cabinet_approved_is_the_councils_own() {
        for cell in ["Handlers follow the procedure approved by Wexmoor Vale Council Cabinet in March 2024.", "Replies are due under the procedure adopted by Wexmoor Vale Council's Cabinet in 2022."] {
            assert_eq!(landlord(&table(&["Self-assessment"], &[cell])).as_deref(), Some("Wexmoor Vale Council"), "{cell}");
        }
    }

    #[test]
    fn a_footer_item_after_a_bar_that_works_with_a_council_names_another() {
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nWexshire County Council,council,,,t\n");
        assert_eq!(detect_with(&form(&["Self-assessment"], &["Policy 2"], &["Investors in People | Tpas accredited | Working with Wexshire County Council"]), &gaz).0, None);
    }

    #[test]
    fn whose_staff_investigate_the_complaints_is_the_landlord() {
        assert_eq!(landlord(&table(&["Self-assessment"], &["Every complaint is investigated by Tarnwick Vale Housing Association staff; contractors only supply information.", "Policy 2"])).as_deref(), Some("Tarnwick Vale Housing Association"));
        // Staff of another body who help with something else are not.
        assert_eq!(landlord(&table(&["Self-assessment"], &["Repairs are inspected by Tarnwick Vale Housing Association staff.", "Policy 2"])), None);
    }

    #[test]
    fn a_committee_of_the_landlord_is_not_part_of_its_name() {
        assert_eq!(landlord(&form(&["Self-assessment"], &["Policy 2"], &["Approved by the Housing Committee of Tarnwick Borough Council."])).as_deref(), Some("Tarnwick Borough Council"));
        assert_eq!(landlord(&table(&["Self-assessment"], &["Figures go in reports to Tarnwick Borough Council's Housing and Communities Committee.", "Policy 2"])).as_deref(), Some("Tarnwick Borough Council"));
    }

    #[test]
    fn a_footer_sentence_about_the_name_is_the_sites_own() {
        let t = form(&["Self-assessment"], &["Policy 2"], &["Tarnwick Homes manages council homes on behalf of Wexley District Council. Registered in England, company no. 0555."]);
        assert_eq!(landlord(&t).as_deref(), Some("Tarnwick Homes"));
    }

    #[test]
    fn readers_told_to_write_to_the_name_or_its_team_are_the_publishers() {
        for (footer, want) in [
            ("Questions about this page? Write to Tarnwick Vale Housing Association, complaints team, or use the contact form.", "Tarnwick Vale Housing Association"),
            ("Contact Tarnwick Homes customer services if you need this page in another format.", "Tarnwick Homes"),
        ] {
            assert_eq!(landlord(&form(&["Self-assessment"], &["Policy 2"], &[footer])).as_deref(), Some(want), "{footer}");
        }
        // What the Code does not ask of the writer is no setting against it.
        assert_eq!(landlord(&table(&["Self-assessment", "Tarnwick Homes Trust runs a two-stage procedure, so the stage 3 provisions below do not apply to us."], &["Policy 2"])).as_deref(), Some("Tarnwick Homes Trust"));
    }

    #[test]
    fn the_owner_of_homes_the_writer_manages_and_a_stretch_of_country_are_not_the_publisher() {
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nWexley Borough Council,council,,,t\nTarnwick Fellowship,housing_association,,,t\n");
        let t = form(&["Tarnwick Quay TMO", "The 412 homes we manage belong to Wexley Borough Council, which remains the landlord in law."], &["Policy 2"], &["Tarnwick Quay Tenant Management Organisation is a company limited by guarantee, no. 0555."]);
        assert_eq!(detect_with(&t, &gaz).0.as_deref(), Some("Tarnwick Quay Tenant Management Organisation"));
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nLondon Borough of Wexley upon Tarn,council,,,t\nTarnwick Fellowship,housing_association,,,t\n");
        let t = table(&["Self-assessment", "We provide supported housing across England, from Wexley upon Tarn to the north east."], &["Policy 2", "Questions about this page can go to Tarnwick Fellowship's complaints team."]);
        assert_eq!(detect_with(&t, &gaz).0.as_deref(), Some("Tarnwick Fellowship"));
    }

    #[test]
    fn a_name_spelled_with_an_ampersand_and_with_and_is_one_named_in_full() {
        let t = form(&["Self-assessment", "Tarnwick & Wrenby Homes: our Code self-assessment"], &["Policy 2"], &["Contact Tarnwick and Wrenby Homes on our customer line."]);
        assert_eq!(landlord(&t).as_deref(), Some("Tarnwick and Wrenby Homes"));
        // Printed with the ampersand alone, it keeps it.
        assert_eq!(landlord(&table(&["Tarnwick & Wrenby Homes: our Code self-assessment"], &["Policy 2"])).as_deref(), Some("Tarnwick & Wrenby Homes"));
    }

    #[test]
    fn a_contact_block_headed_by_the_name_and_its_department_is_the_publishers() {
        for footer in ["Tarnwick Homes Customer Relations, Freepost, or call our contact centre.", "Questions about this page: Tarnwick Council Housing Complaints Team, Town Hall, Tarnwick."] {
            let want = if footer.starts_with("Tarnwick Homes") { "Tarnwick Homes" } else { "Tarnwick Council" };
            assert_eq!(landlord(&form(&["Self-assessment"], &["Policy 2"], &[footer])).as_deref(), Some(want), "{footer}");
            // Left in the last row's cell too.
            assert_eq!(landlord(&table(&["Self-assessment"], &["Policy 2", &format!("Logged the same day.\n{footer}")])).as_deref(), Some(want), "{footer}");
        }
    }

    #[test]
    fn the_site_the_policy_is_published_on_and_the_cabinet_that_considered_the_form_are_the_publishers() {
        assert_eq!(landlord(&table(&["Self-assessment"], &["Yes. The policy is on the Tarnwick Homes website under Contact us.", "Policy 2"])).as_deref(), Some("Tarnwick Homes"));
        assert_eq!(landlord(&form(&["Self-assessment"], &["Policy 2"], &["This self-assessment was considered by Tarnwick District Council's Cabinet in May."])).as_deref(), Some("Tarnwick District Council"));
    }

    #[test]
    fn traces_of_a_publisher_the_gazetteer_lacks_name_it() {
        // A link in a footer left in the last cell, a social handle, a download's file name,
        // a link back into the site, a phone line's label.
        for (trace, want) in [
            ("To make a complaint, visit www.tarnwickhomes.org.uk/complaints or call us.", "Tarnwick Homes"),
            ("Follow us on X @TarnwickHomes", "Tarnwick Homes"),
            ("Tarnwick-Housing-Group-CHC-self-assessment-2024.pdf (PDF, 230KB)", "Tarnwick Housing Group"),
            ("< Back to Tarnwick Living news and reports", "Tarnwick Living"),
            ("Tarnwick Housing Trust Customer Hub: 0345 600 2817", "Tarnwick Housing Trust"),
        ] {
            assert_eq!(landlord(&table(&["Self-assessment"], &["Policy 2", &format!("Logged the same day.\n{trace}")])).as_deref(), Some(want), "{trace}");
        }
        // A place's hyphens are no file's; a council's other services are sent elsewhere.
        assert_eq!(names::file_names_spelled_out("homes in Stoke-on-Trent and Newcastle-under-Lyme"), None);
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nWexley Borough Council,council,,,t\n");
        let t = form(&["Self-assessment"], &["Policy 2"], &["For council tax or planning, visit Wexley Borough Council."]);
        assert_eq!(detect_with(&t, &gaz).0, None);
    }

    #[test]
    fn a_members_page_on_its_groups_site_is_the_members() {
        // The group's banner and copyright frame the page; the page says whose assessment it is.
        for (heading, said) in [
            ("Tarnwick Homes: complaint handling self-assessment 2024", "Each landlord in the Wexmoor Group completes its own assessment. This one belongs to Tarnwick Homes."),
            ("Tarnwick Homes self-assessment 2022", "Tarnwick Homes is one of three landlords in the Wexmoor Group."),
        ] {
            let t = form(&["Wexmoor Group", "Home | About | Contact", "Self-assessment", heading, said], &["Policy 2"], &["\u{a9} Wexmoor Group"]);
            assert_eq!(landlord(&t).as_deref(), Some("Tarnwick Homes"), "{heading}");
        }
    }

    #[test]
    fn a_form_signed_off_by_its_board_or_its_whole_staff_names_its_publisher() {
        for footer in ["Tarnwick Housing Trust's Board considered and agreed this self-assessment at its summer meeting.", "From everyone at Tarnwick Housing Trust, thank you for reading our self-assessment."] {
            assert_eq!(landlord(&form(&["Self-assessment"], &["Policy 2"], &[footer])).as_deref(), Some("Tarnwick Housing Trust"), "{footer}");
        }
        assert_eq!(landlord(&table(&["Self-assessment"], &["This review was carried out by Tarnwick Housing Trust's complaints team.", "Policy 2"])).as_deref(), Some("Tarnwick Housing Trust"));
        // Kinds of smaller bodies: "… Housing and Support", "… Housing Fellowship".
        assert_eq!(landlord(&form(&["Self-assessment"], &["Policy 2"], &["\u{a9} Tarnwick Housing and Support"])).as_deref(), Some("Tarnwick Housing and Support"));
        assert_eq!(landlord(&form(&["Self-assessment"], &["Policy 2"], &["\u{a9} 2024 Tarnwick Housing Fellowship"])).as_deref(), Some("Tarnwick Housing Fellowship"));
    }

    /// A publisher known by a brand without a kind word, named where only a publisher speaks
    /// of itself; other bodies' own lines, a page's words about itself and a site's software
    /// are no brands, and a name shaped like a landlord's wins over a brand.
    #[test]
    fn a_brand_the_page_gives_itself_where_no_name_is_shaped() {
        let page = |line: &str| table(&["Self-assessment", line], &["Policy 4."]);
        expect_landlords([
            ("a registration line", page("Tolvery is a registered provider with the Regulator of Social Housing."), Some("Tolvery"), "brand"),
            ("a copyright line", page("\u{a9} Quillan Pell 2025. All rights reserved."), Some("Quillan Pell"), "brand"),
            ("a welcome", page("Welcome to Marrowind"), Some("Marrowind"), "brand"),
            (
                "two phone lines",
                table(&["Self-assessment", "Call Ostrava on 0300 555 0101 for this page in large print.", "Call Ostrava on 0300 555 0102 to complain."], &["Policy 4."]),
                Some("Ostrava"),
                "brand",
            ),
            ("one phone line (a contractor's as well)", page("Call Ostrava on 0300 555 0101 for repairs."), None, "none"),
            ("its assessment", page("Ostrava, part of the Wendle Group, has checked its service against the Code."), Some("Ostrava"), "brand"),
            ("its check of each provision", page("Ostrava checked each provision below against how complaints are handled."), Some("Ostrava"), "brand"),
            ("its aim", page("Ostrava aims to meet every provision of the 2024 Code."), Some("Ostrava"), "brand"),
            ("its own voice", page("At Ostrava we look at our complaints service once a year."), Some("Ostrava"), "brand"),
            ("its goal", page("Ostrava\u{2019}s goal is full compliance with the 2024 Code, and its Board has seen this form."), Some("Ostrava"), "brand"),
            ("another's goal (not a line's opening)", page("We share Shelter's aim of fair complaint handling."), None, "none"),
            ("a title opening with it", table(&["Ostrava: Complaint Handling Code self-assessment", "Self-assessment"], &["Policy 4."]), Some("Ostrava"), "brand"),
            ("a phone line for the page", page("Please call Ostrava on 0300 555 0101 if you need this page in large print."), Some("Ostrava"), "brand"),
            ("a site's maker", page("Complaints are logged in our case system. Powered by Casewell. \u{a9} Casewell 2024"), None, "none"),
            ("a form's own heading", page("Notes: complaint handling code guidance for staff"), None, "none"),
            ("a portal's welcome", page("Welcome to Keyvale - your online tenant account"), None, "none"),
            ("a title's last part", table(&["Complaints self-assessment - Ostrava", "Self-assessment"], &["Policy 4."]), Some("Ostrava"), "brand"),
            ("a running head", form(&["Self-assessment"], &["Policy 4."], &["Ostrava | Complaint Handling Code self-assessment | Page 2"]), Some("Ostrava"), "brand"),
            ("a short running head", form(&["Self-assessment"], &["Policy 4."], &["Ostrava | Self-assessment"]), Some("Ostrava"), "brand"),
            ("a document made for it", page("Produced for Ostrava by Marram Consulting, complaints advisers."), Some("Ostrava"), "brand"),
            ("a section's title", table(&["Section 2 - Exclusions", "Self-assessment"], &["Policy 4."]), None, "none"),
            ("a title's own words", table(&["Complaint Handling Code \u{2013} Self-assessment", "Self-assessment | OFFICIAL"], &["Policy 4."]), None, "none"),
            ("a partner's registration line", page("Swinford Care is a registered charity providing support on our estates."), None, "none"),
            ("a contractor's logo", page("Image: Hexworth Building Services logo"), None, "none"),
            ("a site's maker", page("\u{a9} 2025 Brightpath Software Ltd"), None, "none"),
            ("a breadcrumb's about item", page("Home > About Wendry > Complaints"), Some("Wendry"), "brand"),
            ("a sign-off", page("Signed off by Calvorn's Chief Executive."), Some("Calvorn"), "brand"),
            ("a logo alone (a partner's strip too)", page("[Sefton Vale logo]"), None, "none"),
            ("a logo and a phone line", table(&["[Sefton Vale logo]", "Self-assessment", "Call Sefton Vale on 0300 555 0101."], &["Policy 4."]), Some("Sefton Vale"), "brand"),
            ("another body's phone line", page("Call Shelter on 0808 800 4444."), None, "none"),
            ("the page's own words", page("Contact Us on 0300 555 0101"), None, "none"),
            ("a site's logo", page("Site logo"), None, "none"),
            ("crown copyright", page("\u{a9} Crown copyright"), None, "none"),
            ("a map's copyright", page("\u{a9} Google 2025"), None, "none"),
            ("a shaped name wins", table(&["Self-assessment", "Welcome to Tolvery", "Tolvery is run by Ashgrove Housing Trust."], &["Policy 4."]), Some("Ashgrove Housing Trust"), "title"),
        ]);
        // The body a footer says the brand is a trading name of.
        let footer = form(&["Self-assessment"], &["Policy 4."], &["\u{a9} Orlina 2025", "Orlina is a trading name of Rookby Housing Association Limited."]);
        assert_eq!(landlord(&footer).as_deref(), Some("Rookby Housing Association"));
        // In the rows' cells, a brand is any body's.
        assert_eq!(landlord(&table(&["Self-assessment"], &["Call Ostrava on 0300 555 0101."])), None);
        assert_eq!(landlord(&table(&["Self-assessment"], &["Logged in five days.\n\u{a9} Ostrava 2025"])).as_deref(), Some("Ostrava"));
    }

    /// A name the register lists as initials only is found as written.
    #[test]
    fn a_landlord_whose_name_is_its_initials() {
        assert_eq!(landlord(&table(&["Self-assessment", "Call RKHA on 0300 555 0101 for this page in large print."], &["Policy 4."])).as_deref(), Some("RKHA"));
    }

    /// Councils named kind first: "Borough Council of X", "Council of the Borough of X".
    #[test]
    fn a_council_named_kind_first() {
        expect_landlords([
            ("borough council of", table(&["Borough Council of Tarnwick - Complaint handling self-assessment"], &["Policy 4."]), Some("Borough Council of Tarnwick"), "title"),
            ("council of the borough of", table(&["Council of the Borough of Elvenham", "Self-assessment"], &["Policy 4."]), Some("Council of the Borough of Elvenham"), "title"),
        ]);
    }

    /// Where the page's own lines name the publisher in other shapes: a breadcrumb's item
    /// after the site's home, a sign-off after a colon, the landlord's own policy title
    /// after its name; a determiner before "Council" makes no council.
    #[test]
    fn names_in_breadcrumbs_sign_offs_and_policy_titles() {
        expect_landlords([
            ("a breadcrumb's item after home", table(&["Home > Pellmarsh Homes > Complaints > Self-assessment", "Self-assessment"], &["Policy 4."]), Some("Pellmarsh Homes"), "title"),
            (
                "a sign-off after a colon",
                table(&["Self-assessment"], &["Policy 4.", "We will assess ourselves again.\nSigned: Cllr Ann Roe, Cabinet Member for Housing, Dunmoor District Council"]),
                Some("Dunmoor District Council"),
                "body_text",
            ),
            ("its policy's title after its name", table(&["Self-assessment"], &["Policy 4.", "Set out in the Beddow Housing Co-operative Remedies Policy."]), Some("Beddow Housing Co-operative"), "body_text"),
            ("who answers for the page", form(&["Self-assessment"], &["Policy 4."], &["Questions about this form: Tarnwell Almshouse Charity, Clerk to the Trustees, 01632 960 412"]), Some("Tarnwell Almshouse Charity"), "footer"),
            (
                "who answers for the page, in the last row's cell",
                table(&["Self-assessment"], &["Policy 4.", "Most replies were on time.\nQuestions about this form: Tarnwell Almshouse Charity, Clerk to the Trustees, 01632 960 412"]),
                Some("Tarnwell Almshouse Charity"),
                "body_text",
            ),
            ("the writer beside another council", table(&["Self-assessment", "The Council and Crayleigh District Council share one repairs contract."], &["Policy 4."]), None, "none"),
            ("a determiner before council", table(&["Self-assessment", "The Council runs its landlord complaints under the Code. Other Council complaints follow the corporate procedure."], &["Policy 4."]), None, "none"),
        ]);
    }

    #[test]
    fn a_sentence_opening_with_time_or_law_names_no_landlord() {
        for line in ["Since the Social Housing (Regulation) Act 2023 the Code is statutory.", "Under the Housing Act 1996 the Ombudsman decides."] {
            assert_eq!(landlord(&table(&["Self-assessment", line], &[])), None, "{line}");
        }
    }

    #[test]
    fn a_bracketed_name_without_its_bracket_is_no_english_word() {
        // "Pathways (UK)" is "Pathways" on its own pages; "pathways" alone is prose.
        let gaz = Gazetteer::from_csv("name,kind,domains,aliases,source\nPathways (UK),housing_association,,,t\n");
        for line in ["Residents have several pathways to complain.", "We reviewed the pathways into the service."] {
            assert_eq!(detect_with(&table(&["Self-assessment", line], &[]), &gaz).0, None, "{line}");
            assert_eq!(detect_with(&table(&["Self-assessment"], &[line]), &gaz).0, None, "{line}");
        }
        assert_eq!(detect_with(&table(&["Pathways - complaint handling self-assessment"], &[]), &gaz).0.as_deref(), Some("Pathways (UK)"));
    }

    #[test]
    fn ordinary_names_count_only_as_written() {
        assert_eq!(landlord(&table(&["Self-assessment"], &["Our housing solutions team will call back"])), None);
        // Written as in the gazetteer, it counts, but less than another landlord's name.
        let t = table(&["Self-assessment"], &["Our Housing Solutions team will call back", "Pennyfield Homes policy"]);
        assert_eq!(landlord(&t).as_deref(), Some("Pennyfield Homes"));
        assert_eq!(landlord(&table(&["HOUSING SOLUTIONS - self-assessment 2024"], &[])).as_deref(), Some("Housing Solutions"));
    }

    #[test]
    fn a_name_inside_a_longer_one_counts_as_the_longer() {
        let t = table(&["Self-assessment"], &["Stonebridge Homes South policy"]);
        let (name, detection) = detect_with(&t, invented());
        assert_eq!(name.as_deref(), Some("Stonebridge Homes South"));
        assert_eq!(detection.confidence, detect_with(&table(&["Self-assessment"], &["Brookmere Homes policy"]), invented()).1.confidence, "no second candidate");
        assert_eq!(outermost(vec![(0, 5), (0, 11), (6, 11), (12, 14)], |s| *s), [(0, 11), (12, 14)]);
    }

    #[test]
    fn a_leading_the_is_optional() {
        for text in ["Wexcombe Almshouses policy", "The Wexcombe Almshouses policy"] {
            assert_eq!(landlord(&table(&["Self-assessment"], &[text])).as_deref(), Some("The Wexcombe Almshouses"), "{text}");
        }
    }

    #[test]
    fn bodies_that_oversee_or_advise_landlords_are_not_landlords() {
        let t = form(
            &["Complaint Handling Code self-assessment"],
            &[
                "The Housing Ombudsman Service says",
                "Regulator of Social Housing consumer standards",
                "Local Government and Social Care Ombudsman",
                "Citizens Advice and Shelter can help; see www.housing-ombudsman.org.uk or email info@housing-ombudsman.org.uk",
                "National Housing Federation guidance; Northgate Housing system",
            ],
            &["\u{a9} Crown copyright 2024"],
        );
        assert_eq!(detect(&t).0, None);
        assert_eq!(landlord(&t), None);
    }

    #[test]
    fn every_gazetteer_name_is_found_when_it_is_the_only_clue() {
        let gaz = gazetteer();
        for e in &gaz.entries {
            // Names under six bytes ("Abri") are found by their aliases and domains only.
            if e.name.strip_prefix("The ").unwrap_or(&e.name).len() < 6 {
                continue;
            }
            let title = table(&[&format!("{}: complaint handling self-assessment", e.name)], &["Policy section 2"]);
            assert_eq!(detect(&title).0.as_deref(), Some(e.name.as_str()), "title");
            let footer = form(&["Self-assessment"], &["Policy section 2"], &[&format!("\u{a9} 2024 {}", e.name)]);
            assert_eq!(detect(&footer).0.as_deref(), Some(e.name.as_str()), "footer");
            // A council that holds no homes is never the landlord a cell names (see
            // `a_council_that_holds_no_homes_is_not_named_as_landlord_in_cells`).
            if !is_ordinary(&e.name) && !e.holds_no_homes {
                let body = table(&["Self-assessment"], &[&format!("Contact {} about this", e.name)]);
                assert_eq!(detect(&body).0.as_deref(), Some(e.name.as_str()), "body");
            }
        }
    }

    #[test]
    fn gazetteer_rows_have_a_kind_and_listed_sources() {
        // The full check is data/check_landlords.py; this keeps its core in the test suite.
        let listed = include_str!("../data/landlords_sources.md");
        let mut rows = csv::Reader::from_reader(GAZETTEER.as_bytes());
        assert_eq!(rows.headers().unwrap(), vec!["name", "kind", "domains", "aliases", "source"]);
        for row in rows.records().map(Result::unwrap) {
            assert!(matches!(&row[1], "council" | "housing_association" | "almo"), "{row:?}");
            for source in row[4].split(';') {
                assert!(listed.contains(&format!("| `{source}` |")), "{row:?}: source {source:?} is not in landlords_sources.md");
            }
        }
        assert!(gazetteer().entries.len() > 1500);
    }

    #[test]
    fn gazetteer_names_start_with_a_letter_or_digit() {
        // `Gazetteer::matches` finds names only where a word starts.
        for p in &gazetteer().patterns {
            assert!(p.lower.starts_with(char::is_alphanumeric), "{:?} starts with a non-alphanumeric character", p.lower);
        }
    }

    /// The entries `matches` finds in a text, in gazetteer order, each once.
    fn hits(gaz: &Gazetteer, text: &str) -> Vec<usize> {
        let mut found: Vec<usize> = gaz.matches(text).into_iter().filter(|m| gaz.patterns[m.pattern as usize].form != Form::Acronym).map(|m| gaz.patterns[m.pattern as usize].entry).collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    #[test]
    fn gazetteer_aliases_found_as_whole_words_in_any_ascii_case() {
        let gaz = gazetteer();
        let found: Vec<&str> = hits(gaz, "see STOKE-ON-TRENT city council's page; not Stoke-on-Trentham").into_iter().map(|i| gaz.entries[i].name.as_str()).collect();
        assert_eq!(found, ["Stoke-on-Trent City Council"]);
    }

    /// The definition `matches` implements: every pattern, ASCII-case-insensitively,
    /// anywhere, with no letter or digit either side.
    fn reference_hits(gaz: &Gazetteer, texts: &[String]) -> Vec<Vec<usize>> {
        let automaton = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(gaz.patterns.iter().map(|p| if p.form == Form::Acronym { "\u{0}" } else { p.lower.as_str() })).unwrap();
        let hits_of = |text: &str| {
            let mut hits = vec![false; gaz.entries.len()];
            for m in automaton.find_overlapping_iter(text) {
                let before = text[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = text[m.end()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before && after {
                    hits[gaz.patterns[m.pattern().as_usize()].entry] = true;
                }
            }
            (0..gaz.entries.len()).filter(|&i| hits[i]).collect::<Vec<usize>>()
        };
        texts.iter().map(|t| hits_of(t)).collect()
    }

    #[test]
    fn gazetteer_matches_equal_a_substring_search_for_every_name() {
        let gaz = gazetteer();
        let mut texts: Vec<String> = gaz.patterns.iter().map(|p| format!("({}), x{} {}s é{}é", p.written, p.written, p.written.to_uppercase(), p.written)).collect();
        texts.extend(["", "Stoke-on-Trent City Council's page", "LB Camden and South Cambs District", "Ærø Housing — Leeds City Council—Leeds"].map(String::from));
        let all = texts.join(" ");
        texts.push(all);
        for (t, want) in texts.iter().zip(reference_hits(gaz, &texts)) {
            assert_eq!(hits(gaz, t), want, "{t:?}");
        }
    }

    #[test]
    fn cue_words_cannot_overlap() {
        for a in CUE_WORDS {
            for b in CUE_WORDS {
                let overlaps = (1..a.len()).filter(|&k| a.is_char_boundary(k)).any(|k| b.starts_with(&a[k..])) || (a != b && a.contains(b));
                assert!(!overlaps, "{a} / {b}");
            }
        }
    }

    const KIND_WORDS_PATTERN: &str = "Council|Homes|Housing|Group|Association|Trust|Partnership|Living|Communities|Almshouses|Society|Co-operative|Cooperative|Charity|Charities|Foundation|Organisation|Solutions";

    #[test]
    fn name_pretests_pass_every_text_the_patterns_match() {
        // Every kind word after white space and a capitalised word is offered to the name scan.
        let kind = Regex::new(KIND_WORDS_PATTERN).unwrap();
        let after_capitalised = Regex::new(r#"(?:^|\s)[("'\x{201c}\x{2018}]*[\p{Lu}0-9]\S*\s+$"#).unwrap();
        for text in [
            "Luton Borough\u{a0}Council",
            "Stoke-on-Trent City\n Council's",
            "Hull City  Council",
            "Clarion Housing Group",
            "O'Neill & Homes",
            "Peabody\tHomes",
            "CityCouncil",
            "the Council",
            "LHomes",
            "(Fenmoor Partnership) and \u{201c}Harwick Living",
            "Tenant Scrutiny Group; 54 North Homes",
            "Élan Co-operative, Vale Society and Almshouses",
        ] {
            let want: Vec<usize> = kind.find_iter(text).map(|m| m.start()).filter(|&at| after_capitalised.is_match(&text[..at])).collect();
            let got: Vec<usize> = cues(text).kinds.iter().map(|k| k.0).collect();
            assert_eq!(got, want, "{text}");
        }
        assert!(cues("see www.luton.gov.uk").has_domain && cues("Royal London Borough of Kingston").names_kind_first && cues("the Borough Council of Tarnby").names_kind_first);
        for publisher in ["\u{a9} 2024 X", "Copyright X", "copyright X", "(c) 2024 X", "X is a registered society"] {
            assert!(cues(publisher).names_publisher, "{publisher}");
        }
    }

    #[test]
    fn housing_ombudsman_is_not_a_landlord() {
        let t = table(&["Self-assessment"], &["The Housing Ombudsman Service says"]);
        assert_eq!(detect(&t).0, None);
    }

    /// A name the gazetteer lacks, said in a cell to own the form: its board or committee
    /// approved it, its annual report published it, the page links back to its home page.
    /// Someone else's panel that sees the figures, and the landlords the writer was formed
    /// from, are not the publisher.
    #[test]
    fn landlord_whose_governance_approved_the_form() {
        expect_landlords([
            ("approved by its board", table(&["Self-assessment"], &["Policy 4.", "Approved by the Cresswold Homes Board in May."]), Some("Cresswold Homes"), "body_text"),
            (
                "its management committee",
                table(&["Self-assessment"], &["We joined the federation in 2019; this return was agreed by Marrowgate Housing Co-operative management committee."]),
                Some("Marrowgate Housing Co-operative"),
                "body_text",
            ),
            ("published in its annual report", table(&["Self-assessment"], &["Published in Cresswold Homes' annual report to tenants."]), Some("Cresswold Homes"), "body_text"),
            ("a link home after the last row", table(&["Self-assessment"], &["Logged in five days.\nBack to Cresswold Homes homepage"]), Some("Cresswold Homes"), "body_text"),
            (
                "a named committee of it",
                table(&["Self-assessment"], &["Policy 4.", "This form was approved by the Cresswold Homes Customer Services Committee before publication."]),
                Some("Cresswold Homes"),
                "body_text",
            ),
            ("its board, in the active voice", table(&["Self-assessment"], &["Policy 4.", "The Cresswold Housing Trust Board approved this self-assessment in May."]), Some("Cresswold Housing Trust"), "body_text"),
            ("its board, written before its name", table(&["Self-assessment"], &["Policy 4.", "Figures go to the Board of Tarrowby Housing Trust each quarter."]), Some("Tarrowby Housing Trust"), "body_text"),
            (
                "its chief executive, written before its name",
                table(&["Self-assessment"], &["Policy 4.", "The complaints lead reports directly to the Chief Executive of Ellerburn Churches Housing Association."]),
                Some("Ellerburn Churches Housing Association"),
                "body_text",
            ),
            (
                "a standing item for its committee",
                table(&["Self-assessment"], &["Policy 4.", "Complaint learning is a standing item for Tarrowby Housing Co-operative's management committee."]),
                Some("Tarrowby Housing Co-operative"),
                "body_text",
            ),
            ("a report the writer prepares for another's cabinet", table(&["Self-assessment"], &["Policy 4.", "We prepare a quarterly report for Cresswold Council's Cabinet."]), None, "none"),
            ("another body's panel hears the figures", table(&["Self-assessment"], &["Cresswold Council's scrutiny panel also hears our figures."]), None, "none"),
            ("the landlords it was formed from", table(&["We were formed from Norbury Homes and Oakridge Homes."], &["Policy 4."]), None, "none"),
        ]);
    }

    /// A page that never names itself, naming other landlords as bodies it stands apart from:
    /// its parent, the council whose homes it manages, a body whose procedure it follows or
    /// mirrors, one sharing a team with it, where other matters are sent. None is the
    /// publisher, however often named.
    #[test]
    fn landlords_the_writer_stands_apart_from_are_not_the_publisher() {
        expect_landlords([
            ("a parent group", table(&["Part of the Harrowfield Group"], &["Policy 4."]), None, "none"),
            ("the council whose homes it manages", table(&["Self-assessment"], &["Marlow Vale District Council owns the homes we manage.", "Disputes about the housing register are referred to Marlow Vale District Council."]), None, "none"),
            (
                "a procedure it follows",
                table(&["Self-assessment"], &["We follow Pennyfield Homes' complaints procedure under our agreement.", "The procedure is on Pennyfield Homes' website but not yet on ours."]),
                None,
                "none",
            ),
            ("a policy it mirrors", table(&["Self-assessment"], &["Our policy mirrors Kestrel Vale District Council's on this point.", "Disputes are referred to Kestrel Vale District Council."]), None, "none"),
            (
                "a team it shares",
                table(&["Self-assessment"], &["A complaints officer in the joint team with North Norbury Council.", "The officer can call on any service, including North Norbury Council staff."]),
                None,
                "none",
            ),
            ("members of another body", table(&["Self-assessment"], &["Replies are quicker; members of Oakridge Homes are now covered by our process."]), None, "none"),
            ("the owner of the homes", table(&["We look after 2,000 homes owned by Kestrel Vale District Council."], &["Policy 4."]), None, "none"),
            ("a group policy approved", table(&["Self-assessment"], &["It follows the group policy agreed by the Harrowfield Housing Group board."]), None, "none"),
        ]);
    }

    /// Names the gazetteer lacks, of the shapes real landlords' names take, where a form names
    /// itself: a Royal Borough, an almshouse charity, a housing foundation, a "… Housing
    /// Group" on a copyright line, a provider "registered with" the Regulator. A known landlord
    /// whose name is only common words ("Housing Solutions") does not stand for a longer name
    /// it ends; a body of any kind ("Tenant Scrutiny Group") on a copyright line is no landlord.
    #[test]
    fn landlords_of_every_shape_the_gazetteer_lacks() {
        expect_landlords([
            ("a Royal Borough", table(&["Royal Borough of Ashcombe \u{2013} Complaint Handling Code self-assessment"], &["Policy 4."]), Some("Royal Borough of Ashcombe"), "title"),
            ("an almshouse charity", form(&["Self-assessment"], &["Policy 4."], &["\u{a9} 2025 Thornby Almshouse Charity"]), Some("Thornby Almshouse Charity"), "footer"),
            ("a housing foundation", table(&["Bellmoor Housing Foundation - Complaint Handling Code self-assessment"], &["Policy 4."]), Some("Bellmoor Housing Foundation"), "title"),
            ("a housing group on a copyright line", form(&["Self-assessment"], &["Policy 4."], &["\u{a9} 2025 Corrow Housing Group"]), Some("Corrow Housing Group"), "footer"),
            ("registered with the Regulator", form(&["Self-assessment"], &["Policy 4."], &["Wyndham Vale Homes is registered with the Regulator of Social Housing (L4321)."]), Some("Wyndham Vale Homes"), "footer"),
            ("a known name of common words ends it", form(&["Self-assessment"], &["Policy 4."], &["\u{a9} 2025 Lyndale Housing Solutions"]), Some("Lyndale Housing Solutions"), "footer"),
            ("housing solutions in a title", table(&["Lyndale Housing Solutions - Complaint Handling Code self-assessment"], &["Policy 4."]), Some("Lyndale Housing Solutions"), "title"),
            ("a contractor's solutions", table(&["Self-assessment", "Fenmoor IT Solutions runs our case system."], &["Policy 4."]), None, "none"),
            ("a council's housing solutions team", table(&["Wexcombe Council Housing Solutions - self-assessment"], &["Policy 4."]), Some("Wexcombe Council"), "title"),
            ("any body's group", form(&["Self-assessment"], &["Policy 4."], &["\u{a9} 2025 Tenant Scrutiny Group"]), None, "none"),
            ("a comparison", table(&["Self-assessment"], &["Like Kesworth Vale Homes, we publish our figures."]), None, "none"),
            (
                "a clause that goes on comparing",
                table(&["Self-assessment"], &["Peer comparison: Kesworth Vale Homes answered more on time than we did; Pellmoor Housing Partnership answered fewer."]),
                None,
                "none",
            ),
            ("a field's label before the name", table(&["Self-assessment 2025", "Organisation Tarnmoor Homes"], &["Policy 4."]), Some("Tarnmoor Homes"), "title"),
            (
                "a brand and the body it is a trading name of",
                form(&["Tarnmoor Homes", "Tarnmoor Homes runs homes across the county."], &["Policy 4."], &["Tarnmoor Homes is a trading name of Tarnmoor Housing Association, a charitable registered society."]),
                Some("Tarnmoor Housing Association"),
                "title",
            ),
            (
                "an item of a contact block",
                form(&["Self-assessment"], &["Policy 4."], &["Questions about this assessment: Customer Resolution Team, Wendle Vale Housing Association, Unit 4,", "Mill Row, Ashby"]),
                Some("Wendle Vale Housing Association"),
                "footer",
            ),
            (
                "a brand that opens the full name",
                form(&["Complaints self-assessment \u{2014} Adley Homes", "Adley Homes"], &["Policy 4."], &["Adley Homes Housing Association Limited. Registered with the Regulator of Social Housing."]),
                Some("Adley Homes Housing Association"),
                "title",
            ),
            (
                "a trading-name line left in the last row's cell",
                table(&["Tarnmoor Homes", "Tarnmoor Homes answers the Code below."], &["Policy 4.", "Policy 5.\nTarnmoor Homes is a trading name of Tarnmoor Housing Group."]),
                Some("Tarnmoor Housing Group"),
                "title",
            ),
            (
                "a body trading as a brand",
                form(&["Tarnmoor Homes", "Self-assessment"], &["Policy 4."], &["Tarnmoor Housing Trust, trading as Tarnmoor Homes. Registered provider of social housing."]),
                Some("Tarnmoor Housing Trust"),
                "title",
            ),
            (
                "a council's in-house housing service",
                table(&["Tarnmoor Homes \u{2013} complaint handling self-assessment", "Tarnmoor Homes is the housing service of Tarnmoor Borough Council."], &["Policy 4."]),
                Some("Tarnmoor Borough Council"),
                "title",
            ),
            (
                "a charity's housing arm",
                table(&["Pellmoor Foundation | Pellmoor Homes | Donate", "Pellmoor Homes is the housing arm of the Pellmoor Foundation. Pellmoor Homes is the registered landlord."], &["Policy 4."]),
                Some("Pellmoor Homes"),
                "title",
            ),
            (
                "a line of footer links left in the last row's cell",
                table(&["Self-assessment"], &["Policy 4.", "Our policy 5.\nTarnmoor Community Housing | Contact us | Privacy"]),
                Some("Tarnmoor Community Housing"),
                "body_text",
            ),
            ("the owner of the self-assessment", table(&["Self-assessment"], &["Policy 4.", "This page is part of Tarnmoor Housing's annual self-assessment, completed in May 2025."]), Some("Tarnmoor Housing"), "body_text"),
            ("a tenant management organisation", form(&["Self-assessment"], &["Policy 4."], &["Tarnmoor Tenant Management Organisation, Estate Office, Block C"]), Some("Tarnmoor Tenant Management Organisation"), "footer"),
            ("a contact line to its clerk", form(&["Self-assessment"], &["Policy 4."], &["Write to: The Clerk, Tarnmoor Almshouses, Kirkby, Ashby"]), Some("Tarnmoor Almshouses"), "footer"),
            ("a title in capitals", table(&["TARNMOOR HOUSING CO-OPERATIVE \u{2013} COMPLAINT HANDLING CODE SELF-ASSESSMENT"], &["Policy 4."]), Some("Tarnmoor Housing Co-operative"), "title"),
        ]);
    }

    /// Lines of a site's own furniture speak for its owner, known or not: whom to follow,
    /// whose complaints team to contact, whose website sets the cookies, for whom the writer
    /// signs. A year span before a title's name is not part of it.
    #[test]
    fn a_name_wrapped_before_its_kind_words_on_a_cover_is_one_name() {
        expect_landlords([
            ("one kind word", table(&["Tarnmoor Vale", "Association", "Self-assessment"], &["Policy 4."]), Some("Tarnmoor Vale Association"), "title"),
            ("two kind words", table(&["Tarnmoor and District", "Housing Association", "Self-assessment"], &["Policy 4."]), Some("Tarnmoor and District Housing Association"), "title"),
        ]);
    }

    /// Kinds as pages shorten them, a saint spelled out, a place's joining words hyphenated:
    /// the gazetteer's name whatever the spelling.
    #[test]
    fn kinds_as_pages_shorten_them() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source\n\
             Kestrel Vale District Council,council,,,lgl;rsh\n\
             Rochfield Metropolitan Borough Council,council,,,lgl;rsh\n\
             St Aldwyn of Tours Housing Association,housing_association,,,rsh\n\
             Barnham upon Wey Churches Housing Association,housing_association,,,rsh\n",
        );
        for (title, want) in [
            ("Kestrel Vale Dist. Council - self-assessment", "Kestrel Vale District Council"),
            ("Kestrel Vale DC - self-assessment", "Kestrel Vale District Council"),
            ("ROCHFIELD M.B.C. - SELF-ASSESSMENT", "Rochfield Metropolitan Borough Council"),
            ("Saint Aldwyn of Tours H.A. - self-assessment", "St Aldwyn of Tours Housing Association"),
            ("Barnham-upon-Wey Churches Housing Assoc. - self-assessment", "Barnham upon Wey Churches Housing Association"),
        ] {
            assert_eq!(detect_with(&table(&[title], &["Policy 4."]), &gaz).0.as_deref(), Some(want), "{title}");
        }
        // A name the gazetteer lacks is tidied the same way.
        assert_eq!(landlord(&table(&["Marrowdene Boro' Council - self-assessment"], &["Policy 4."])).as_deref(), Some("Marrowdene Borough Council"));
    }

    /// Short forms pages use for a name: its initials before a kind ("KVDC Housing"), its
    /// first word before its services ("Fenwold" for Fenwold Housing Services), its first word
    /// and the initials of the rest as a brand ("Tarnby HARCA"); a region after "across the"
    /// is a place, not the landlord whose old name it is.
    #[test]
    fn short_forms_pages_use() {
        let gaz = Gazetteer::from_csv(
            "name,kind,domains,aliases,source
             Fenwold Housing Services,housing_association,,,rsh
             Kestrel Vale District Council,council,,,lgl;rsh
             Norbury Vale Homes,housing_association,,Norbury Vale Housing,rsh
             Tarnby Housing And Regeneration Community Association,housing_association,,,rsh
",
        );
        for (t, want) in [
            (table(&["KVDC Housing | Complaint Handling Code self-assessment"], &["Policy 4."]), Some("Kestrel Vale District Council")),
            (table(&["Fenwold"], &["Policy 4.", "Fenwold staff can offer a remedy."]), Some("Fenwold Housing Services")),
            (table(&["Tarnby HARCA - self-assessment"], &["Policy 4."]), Some("Tarnby Housing And Regeneration Community Association")),
            (table(&["Self-assessment", "We own and manage homes across the Norbury Vale."], &["Policy 4."]), None),
        ] {
            assert_eq!(detect_with(&t, &gaz).0.as_deref(), want, "{:?}", t.context);
        }
    }

    #[test]
    fn lines_that_speak_for_the_site() {
        expect_landlords([
            ("follow on a social network", form(&["Self-assessment"], &["Policy 4."], &["Follow Tarnmoor Homes on Facebook"]), Some("Tarnmoor Homes"), "footer"),
            ("a known landlord followed", form(&["Self-assessment"], &["Policy 4."], &["Follow Norbury Homes on LinkedIn"]), Some("Norbury Homes"), "footer"),
            ("its complaints team", form(&["Self-assessment"], &["Policy 4."], &["Contact the Tarnmoor Homes complaints team."]), Some("Tarnmoor Homes"), "footer"),
            ("its complaints team after a question", form(&["Self-assessment"], &["Policy 4."], &["Questions? Contact the Tarnmoor Homes complaints team."]), Some("Tarnmoor Homes"), "footer"),
            ("its complaints team in the last cell", table(&["Self-assessment"], &["Policy 4.", "Policy 5.\nQuestions? Contact the Tarnmoor Homes complaints team."]), Some("Tarnmoor Homes"), "body_text"),
            ("cookies on its website", table(&["We use cookies on the Norbury Homes website. Accept all cookies", "Self-assessment"], &["Policy 4."]), Some("Norbury Homes"), "title"),
            ("signed by its officer", form(&["Self-assessment"], &["Policy 4."], &["Head of Customer Experience, Tarnmoor Homes"]), Some("Tarnmoor Homes"), "footer"),
            ("a year span before the title's name", table(&["2024/25 Tarnmoor Homes Self-Assessment"], &["Policy 4."]), Some("Tarnmoor Homes"), "title"),
        ]);
    }

    /// A form that names itself only in its cells, as the subject of a sentence in its own
    /// voice, as a known landlord's name is taken there; a name the form also sets apart from
    /// itself (whose procedure it follows, "not yet on ours") is another body's.
    #[test]
    fn landlord_named_only_as_a_cells_subject() {
        expect_landlords([
            ("the subject of a cell", table(&["Self-assessment"], &["Policy 4.", "Our policy 5. Tarnmoor Homes has used this definition since 2020."]), Some("Tarnmoor Homes"), "body_text"),
            ("the name a cell speaks as", table(&["Self-assessment"], &["Policy 4.", "Done in practice. At Tarnmoor Homes, every complaint is logged within a day."]), Some("Tarnmoor Homes"), "body_text"),
            ("a name after a preposition", table(&["Self-assessment"], &["Policy 4.", "Done in practice. Staff at Tarnmoor Homes log every complaint."]), None, "none"),
            ("its own guidance", table(&["Self-assessment"], &["Policy 4.", "Yes Tarnmoor Homes' remedies guidance links each remedy to the impact."]), Some("Tarnmoor Homes"), "body_text"),
            ("its response label", table(&["Self-assessment"], &["Policy 4.", "Tarnmoor Homes response: the policy says so in section 4."]), Some("Tarnmoor Homes"), "body_text"),
            ("run together with the cell before", table(&["Self-assessment"], &["Policy 4.", "in part 2 of our procedure Tarnmoor Homes has used it since 2020."]), Some("Tarnmoor Homes"), "body_text"),
            (
                "another body whose procedure it follows",
                table(&["Self-assessment"], &["We follow Pellmoor Homes' complaints procedure under our agreement.", "Cases get a reply in 10 days; Pellmoor Homes reports on them to each committee."]),
                None,
                "none",
            ),
            ("a body of any kind", table(&["Self-assessment"], &["Policy 4.", "Tenant Scrutiny Group has reviewed it."]), None, "none"),
        ]);
    }

    /// A company line names its publisher ("X Limited, a charitable registered society", "X
    /// Limited. Registered as a community benefit society"); a body the writer relies on is
    /// another.
    #[test]
    fn company_lines_and_bodies_relied_on() {
        expect_landlords([
            ("a charitable society line", form(&["Self-assessment"], &["Policy 4."], &["Wrenfold Homes Limited, a charitable registered society, number 12345."]), Some("Wrenfold Homes"), "footer"),
            ("a community benefit society line", form(&["Self-assessment"], &["Policy 4."], &["Wrenfold Homes Limited. Registered as a community benefit society, no. 1234."]), Some("Wrenfold Homes"), "footer"),
            ("a body relied on", table(&["Self-assessment"], &["We rely on Kestrel Vale District Council's equality scheme; our own policy is being drafted."]), None, "none"),
        ]);
    }
}
