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
    by_domain: HashMap<String, usize>,
    /// [`key`] of every name and alias: the entry, and whether that spelling is ordinary.
    by_key: HashMap<String, (usize, bool)>,
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
            by_domain: HashMap::new(),
            by_key: HashMap::new(),
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
            }
            g.entries.push(Entry { name });
        }
        g
    }

    fn add_spelling(&mut self, spelling: &str, entry: usize) {
        let ordinary = is_ordinary(spelling);
        self.by_key.entry(key(spelling)).or_insert((entry, ordinary));
        let written = spelling.get(..4).filter(|p| p.eq_ignore_ascii_case("the ")).map_or(spelling, |_| &spelling[4..]);
        if written.len() < 6 {
            return;
        }
        let lower = written.to_lowercase();
        let first = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if first.is_ascii() && !first.is_empty() {
            let k = start_key(first.as_bytes());
            self.starts[k / 64] |= 1 << (k % 64);
        }
        self.by_first_word.entry(word_hash(first)).or_default().push(self.patterns.len() as u32);
        self.patterns.push(Pattern { lower, written: written.to_string(), entry, ordinary });
    }

    fn may_start_a_name(&self, ascii_word: &[u8]) -> bool {
        let k = start_key(ascii_word);
        self.starts[k / 64] & (1 << (k % 64)) != 0
    }

    /// Every occurrence of a pattern in `text` as whole words, ASCII letters in any case.
    fn matches(&self, text: &str) -> Vec<NameMatch> {
        let mut found = Vec::new();
        for (at, word) in word_spans(text) {
            if word.is_ascii() && !self.may_start_a_name(word.as_bytes()) {
                continue;
            }
            let Some(candidates) = self.by_first_word.get(&word_hash(word)) else { continue };
            let rest = &text[at..];
            for &p in candidates {
                let pattern = &self.patterns[p as usize].lower;
                let matched = rest.as_bytes().get(..pattern.len()).is_some_and(|b| b.eq_ignore_ascii_case(pattern.as_bytes()));
                if matched && rest[pattern.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                    found.push(NameMatch { start: at, end: at + pattern.len(), pattern: p });
                }
            }
        }
        found
    }

    /// The entry a name or alias spells, ignoring case, spaces and punctuation.
    fn by_name(&self, name: &str) -> Option<&Entry> {
        self.by_key.get(&key(name)).map(|&(i, _)| &self.entries[i])
    }

    /// The entry a web host belongs to: one of its domains ("housing.luton.gov.uk" →
    /// "luton.gov.uk"), else the entry whose name, run together, is the host's registrable
    /// label ("fernleahomes.org.uk" → Fernlea Homes), unless that name is ordinary.
    fn by_host(&self, host: &str) -> Option<&Entry> {
        let suffixes = std::iter::once(host).chain(host.match_indices('.').map(|(i, _)| &host[i + 1..]));
        if let Some(i) = suffixes.filter_map(|d| self.by_domain.get(d)).next() {
            return Some(&self.entries[*i]);
        }
        let label = registrable_label(host)?;
        match self.by_key.get(&key(label)) {
            Some(&(i, false)) if label.len() >= 5 => Some(&self.entries[i]),
            _ => None,
        }
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
    /// "©", "Copyright", "… is a registered society": a line that names its publisher.
    names_publisher: bool,
}

/// No word ends with the start of another or holds another, so matches cannot overlap and
/// a plain (prefiltered) search finds every occurrence.
const CUE_WORDS: [&str; 12] = ["Council", "Homes", "Housing", "London Borough", ".uk", ".com", ".org", ".net", "\u{a9}", "opyright", "(c) 2", " is a registered"];

fn cues(text: &str) -> Cues {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| AhoCorasick::new(CUE_WORDS).expect("fixed words"));
    let mut cues = Cues::default();
    for m in words.find_iter(text) {
        match CUE_WORDS[m.pattern().as_usize()] {
            "Council" => cues.names_council |= after_word(text, m.start(), |w| w.ends_with("Borough") || w.ends_with("City") || w.ends_with("District") || w.ends_with("County") || w.ends_with("Town")),
            "Homes" | "Housing" => cues.names_association |= after_word(text, m.start(), |w| w.ends_with(|c: char| c.is_ascii_alphabetic() || c == '\'' || c == '&')),
            "London Borough" => cues.names_london = true,
            ".uk" | ".com" | ".org" | ".net" => cues.has_domain = true,
            _ => cues.names_publisher = true,
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

/// Where in the document a text stands, and what a landlord named there is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The first lines of the front matter.
    Title,
    /// Other lines outside the table before its last row: front matter, section headings.
    Heading,
    /// Lines after the table's last row.
    Footer,
    /// A line that names its publisher: "© 2024 …", "… is a registered society".
    PublisherLine,
    /// Evidence and commentary.
    Body,
}

impl Place {
    fn weight(self) -> f64 {
        match self {
            Place::Title => 5.0,
            Place::PublisherLine => 3.0,
            Place::Heading | Place::Footer => 2.0,
            Place::Body => 1.0,
        }
    }

    fn method(self) -> &'static str {
        match self {
            Place::Title => "title",
            Place::Heading => "heading",
            Place::Footer | Place::PublisherLine => "footer",
            Place::Body => "body_text",
        }
    }

    /// Where a name the gazetteer does not know is taken on trust.
    fn trusts_new_names(self) -> bool {
        matches!(self, Place::Title | Place::PublisherLine)
    }
}

/// An e-mail address's domain is the sender's own as a rule; a link is worth half the
/// place it is in, and at least as much as a mention in body text.
const EMAIL_WEIGHT: f64 = 3.0;

fn link_weight(place: Place) -> f64 {
    0.5 * place.weight().max(2.0)
}

/// A body-text mention this close after words of comparison is about another landlord.
const COMPARISON_WINDOW: usize = 80;
const COMPARISON_WORDS: [&str; 9] = ["benchmark", "compar", "peer", "such as", "other landlord", "other provider", "other housing", "versus", " vs"];
const PASSING_WEIGHT: f64 = 0.3;

fn after_comparison(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(COMPARISON_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = text[from..at].to_ascii_lowercase();
    let sentence = window.rsplit(['.', ';', '\n']).next().unwrap_or("");
    COMPARISON_WORDS.iter().any(|w| sentence.contains(w))
}

/// Words a name the gazetteer does not know must end with to be taken for a landlord's
/// when a publisher line names it ("© 2024 Kestrel Living"; not "© Crown copyright").
const LANDLORD_NAME_ENDS: [&str; 10] = ["Homes", "Housing", "Living", "Council", "Almshouses", "Association", "Trust", "Partnership", "Co-operative", "Communities"];

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
}

/// What one document's texts say about their landlord.
#[derive(Default)]
struct Reading {
    tally: BTreeMap<String, Tally>,
    /// Landlord-like names the gazetteer does not know, found where they are not taken on
    /// trust, by [`key`]: a domain whose label spells one confirms it.
    unconfirmed: HashMap<String, String>,
    /// Hosts no entry claims: (label key, weight, method, host).
    unclaimed_hosts: Vec<(String, f64, &'static str, String)>,
}

#[derive(Default)]
struct Tally {
    score: f64,
    methods: BTreeMap<&'static str, (u32, f64)>,
    example: String,
}

impl Reading {
    fn add(&mut self, name: String, weight: f64, method: &'static str, example: &str) {
        let t = self.tally.entry(name).or_default();
        t.score += weight;
        let m = t.methods.entry(method).or_default();
        m.0 += 1;
        m.1 += weight;
        if t.example.is_empty() {
            t.example = example.chars().take(100).collect();
        }
    }

    /// Every landlord `text` names, each once, at the weight of its best mention.
    fn read(&mut self, gaz: &Gazetteer, place: Place, text: &str) {
        static COUNCIL: OnceLock<Regex> = OnceLock::new();
        static LONDON: OnceLock<Regex> = OnceLock::new();
        static HA: OnceLock<Regex> = OnceLock::new();
        static DOMAIN: OnceLock<Regex> = OnceLock::new();
        static PUBLISHER: OnceLock<Regex> = OnceLock::new();
        let council = re(
            &COUNCIL,
            r"\b((?:[A-Z][A-Za-z'&]*(?:\s*-\s*(?:upon|on|under|le|in|by|super)\s*-\s*|\s*-\s*|\s+(?:upon|on|and|&|of|with)\s+|\s+))*?[A-Z][A-Za-z'&]+)\s+((?:Metropolitan\s+)?(?:Borough|City|District|County|Town)\s+Council)\b",
        );
        let london = re(&LONDON, r"\b((?:Royal\s+)?London\s+Borough\s+of\s+[A-Z][A-Za-z]+(?:\s+(?:and|upon)\s+[A-Z][A-Za-z]+)?)\b");
        let ha = re(&HA, r"\b((?:[A-Z][A-Za-z'&]+\s+){1,3}(?:Homes|Housing(?:\s+(?:Association|Group|Trust))?|Housing\s+Partnership))\b");
        let domain_re = re(&DOMAIN, r"(?i)(@)?((?:[a-z0-9-]+\.)+(?:gov\.uk|org\.uk|co\.uk|uk\.com|com|org|net|uk))\b");
        let publisher = re(
            &PUBLISHER,
            r"(?:(?:\x{a9}|\([cC]\)|[Cc]opyright)(?:\s*(?:\x{a9}|\([cC]\)))?\s*(?:(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?\s*)?(?:by\s+)?)?([A-Z][A-Za-z0-9'&-]*(?:\s+(?:[A-Z0-9&][A-Za-z0-9'&-]*|of|for|and|upon|on|the)){0,7})(?:\s+(?:Ltd|Limited|plc))?(?:\s+(?:is\s+a\s+registered)|\s*[.,|]|\s+(?:19|20)\d\d|\s+All\s+rights|\s*$)",
        );

        let Cues { names_council, names_london, names_association, has_domain, names_publisher } = cues(text);
        let place = if names_publisher { Place::PublisherLine } else { place };
        let weight = place.weight();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut mention = |start: usize, end: usize, (name, known): (String, bool), weight: f64, method: &'static str| mentions.push(Mention { start, end, name, known, weight, method });
        let resolve = |name: String| gaz.by_name(&name).map_or((name, false), |e| (e.name.clone(), true));
        for c in names_council.then(|| council.captures_iter(text)).into_iter().flatten() {
            let stem = c[1].trim();
            let first = stem.split_whitespace().next().unwrap_or("");
            if matches!(first, "The" | "the" | "Our" | "A" | "This" | "Each" | "Every" | "Your") && stem.split_whitespace().count() == 1 {
                continue;
            }
            let stem = stem.strip_prefix("The ").unwrap_or(stem);
            let name = tidy_name(&format!("{} {}", stem, &c[2]));
            let whole = c.get(0).expect("match");
            // The pattern's run of capitalised words may start with the sentence's first
            // word ("Contacting Stoke-on-Trent City Council"): the known name it ends with.
            let resolved = match gaz.by_name(&name) {
                Some(e) => (e.name.clone(), true),
                None => name.match_indices(' ').find_map(|(i, _)| gaz.by_name(&name[i + 1..])).map_or((name, false), |e| (e.name.clone(), true)),
            };
            mention(whole.start(), whole.end(), resolved, weight, place.method());
        }
        for c in names_london.then(|| london.captures_iter(text)).into_iter().flatten() {
            let name = tidy_name(&c[1]);
            let whole = c.get(0).expect("match");
            mention(whole.start(), whole.end(), resolve(name), weight, place.method());
        }
        // Housing association names are too varied to trust anywhere but the title and
        // publisher lines, unless the gazetteer knows them or a domain confirms them; on a
        // publisher line, a name that does not end like a landlord's ("© Crown copyright")
        // is not one. A known ordinary name is left to the gazetteer scan, which reads case.
        let associations = names_association.then(|| ha.captures_iter(text)).into_iter().flatten().map(|c| (c, false));
        let publishers = names_publisher.then(|| publisher.captures_iter(text)).into_iter().flatten().map(|c| (c, true));
        for (c, on_publisher_line) in associations.chain(publishers) {
            let raw = c.get(1).expect("group");
            let name = tidy_name(raw.as_str());
            let name = name.strip_prefix("The ").map_or(name.as_str(), |n| n).to_string();
            if is_not_a_landlord(&name) || is_ordinary(&name) {
                continue;
            }
            let trusted = if on_publisher_line { LANDLORD_NAME_ENDS.iter().any(|w| name.ends_with(w)) } else { place.trusts_new_names() };
            match gaz.by_name(&name) {
                Some(e) => mention(raw.start(), raw.end(), (e.name.clone(), true), weight, place.method()),
                None if trusted => mention(raw.start(), raw.end(), (name, false), weight, place.method()),
                None if !on_publisher_line => {
                    self.unconfirmed.entry(key(&name)).or_insert(name);
                }
                None => {}
            }
        }
        for m in outermost(gaz.matches(text), |m| (m.start, m.end)) {
            let pattern = &gaz.patterns[m.pattern as usize];
            let span = &text[m.start..m.end];
            let mut w = weight;
            if pattern.ordinary {
                if span != pattern.written && span != pattern.written.to_uppercase() {
                    continue;
                }
                if place == Place::Body {
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
                None => {
                    if let Some(label) = registrable_label(host) {
                        self.unclaimed_hosts.push((key(label), weight, method, host.to_string()));
                    }
                }
            }
        }

        let known: Vec<(usize, usize)> = mentions.iter().filter(|m| m.known).map(|m| (m.start, m.end)).collect();
        mentions.retain(|m| m.known || !known.iter().any(|&(s, e)| s < m.end && m.start < e));
        let mut mentions = outermost(mentions, |m| (m.start, m.end));
        if place == Place::Body {
            for m in mentions.iter_mut().filter(|m| m.method == "body_text") {
                if after_comparison(text, m.start) {
                    m.weight = m.weight.min(PASSING_WEIGHT);
                }
            }
        }
        // Each landlord once per text, at its best mention.
        mentions.sort_by(|a, b| a.name.cmp(&b.name).then(b.weight.total_cmp(&a.weight)));
        mentions.dedup_by(|later, first| later.name == first.name);
        for m in mentions {
            let example = if m.method.ends_with("_domain") { &text[m.start..m.end] } else { text };
            self.add(m.name, m.weight, m.method, example);
        }
    }

    /// Domains no entry claims confirm a name found in the text whose letters they spell
    /// ("Wrenfold Homes" and wrenfoldhomes.co.uk).
    fn confirm_by_domains(&mut self) {
        for (label, weight, method, host) in std::mem::take(&mut self.unclaimed_hosts) {
            if let Some(name) = self.unconfirmed.get(&label).cloned() {
                self.add(name, weight, method, &host);
            }
        }
    }
}

pub fn detect(table: &TableDocument) -> (Option<String>, FieldDetection) {
    detect_with(table, gazetteer())
}

fn detect_with(table: &TableDocument, gaz: &Gazetteer) -> (Option<String>, FieldDetection) {
    let last_row = table.records.iter().map(|r| r.location).max();
    let mut reading = Reading::default();
    for (i, c) in table.context.iter().enumerate() {
        let place = if i < table.front_matter_lines {
            if i < 3 {
                Place::Title
            } else {
                Place::Heading
            }
        } else if last_row.is_some_and(|l| c.location > l) {
            Place::Footer
        } else {
            Place::Heading
        };
        reading.read(gaz, place, &c.text);
    }
    for r in &table.records {
        for t in [&r.evidence, &r.commentary] {
            reading.read(gaz, Place::Body, t);
        }
    }
    reading.confirm_by_domains();

    let tally = &reading.tally;
    let best = tally.iter().max_by(|a, b| a.1.score.total_cmp(&b.1.score).then_with(|| b.0.cmp(a.0)));
    match best {
        Some((name, t)) => {
            let total: f64 = tally.values().map(|t| t.score).sum();
            let share = t.score / total;
            let strength = (t.score / 6.0).min(1.0);
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
        None => (None, FieldDetection { method: "none".into(), confidence: 0.0, evidence: "no council, housing association or known domain found".into() }),
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
                 Oakridge Homes,housing_association,,,t\n\
                 Pennyfield Homes,housing_association,,,t\n\
                 Stonebridge,housing_association,,,t\n\
                 Stonebridge Homes South,housing_association,,,t\n\
                 Tamsin Vale Homes,housing_association,,,t\n\
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

    /// Each mechanism on invented landlords: the form, the landlord and how it was found.
    #[test]
    fn landlord_from_anywhere() {
        let cases: [(&str, TableDocument, Option<&str>, &str); 11] = [
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
            ("a domain confirming a name the gazetteer lacks", table(&["Self-assessment"], &["Wrenfold Homes policy, section 2", "see www.wrenfoldhomes.co.uk/complaints"]), Some("Wrenfold Homes"), "link_domain"),
            ("an unknown name in body text alone", table(&["Self-assessment"], &["Wrenfold Homes policy, section 2"]), None, "none"),
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
        for (what, t, want, how) in cases {
            let (name, detection) = detect_with(&t, invented());
            assert_eq!((name.as_deref(), detection.method.as_str()), (want, how), "{what}");
        }
        // Holders of copyright that are not landlords.
        for other in ["\u{a9} Crown copyright", "Copyright 2024 Jadu Ltd", "(c) 2023 Civica Group"] {
            assert_eq!(landlord(&form(&["Self-assessment"], &["Policy"], &[other])), None, "{other}");
        }
    }

    #[test]
    fn a_mention_after_words_of_comparison_is_passing() {
        let t = table(&["Self-assessment"], &["We benchmark our response times against Oakridge Homes", "Pennyfield Homes policy section 3"]);
        assert_eq!(landlord(&t).as_deref(), Some("Pennyfield Homes"));
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
            if !is_ordinary(&e.name) {
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
        let mut found: Vec<usize> = gaz.matches(text).into_iter().map(|m| gaz.patterns[m.pattern as usize].entry).collect();
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
        let automaton = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(gaz.patterns.iter().map(|p| &p.lower)).unwrap();
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

    #[test]
    fn name_pretests_pass_every_text_the_patterns_match() {
        for text in ["Luton Borough\u{a0}Council", "Stoke-on-Trent City\n Council's", "Hull City  Council", "Clarion Housing Group", "O'Neill & Homes", "Peabody\tHomes", "CityCouncil", "the Council", "LHomes"] {
            let council = Regex::new(r"(?:Borough|City|District|County|Town)\s+Council").unwrap().is_match(text);
            assert_eq!(council, cues(text).names_council, "{text}");
            let association = Regex::new(r"[A-Za-z'&]\s+(?:Homes|Housing)").unwrap().is_match(text);
            assert_eq!(association, cues(text).names_association, "{text}");
        }
        assert!(cues("see www.luton.gov.uk").has_domain && cues("Royal London Borough of Kingston").names_london);
        for publisher in ["\u{a9} 2024 X", "Copyright X", "copyright X", "(c) 2024 X", "X is a registered society"] {
            assert!(cues(publisher).names_publisher, "{publisher}");
        }
    }

    #[test]
    fn housing_ombudsman_is_not_a_landlord() {
        let t = table(&["Self-assessment"], &["The Housing Ombudsman Service says"]);
        assert_eq!(detect(&t).0, None);
    }
}
