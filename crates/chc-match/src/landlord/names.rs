//! Names shaped like a landlord's, and the short forms landlords use for themselves.
//!
//! Not every landlord is in the gazetteer, and a form names its own landlord in a few
//! telling places: a title line, a line of its own, a possessive before its complaints
//! policy, the subject of the introduction's sentence. A name shaped like a landlord's
//! (capitalised words ending in "Council", "Homes", "Housing Group", "Partnership" …)
//! found there is taken as printed. Landlords also shorten their names: initials ("LHP")
//! and the distinctive first words ("Wrekin", "South Norfolk").

use aho_corasick::AhoCorasick;
use chc_code::word_spans;
use std::sync::OnceLock;

/// The last word of a landlord's name says what kind of body it is.
pub(super) const KIND_WORDS: [&str; 20] = [
    "Council", "Homes", "Housing", "Group", "Association", "Trust", "Partnership", "Living", "Communities", "Almshouses", "Society", "Co-operative", "Cooperative",
    // Almshouse charities and housing foundations ("Thornby Almshouse Charity").
    "Charity", "Charities", "Foundation",
    // Tenant management organisations ("Fenmoor Tenant Management Organisation").
    "Organisation",
    // "Lyndhurst Housing Solutions", "Orrin Housing Fellowship": only after a housing word;
    // "Mirk Housing and Support": only after "Housing and" or "Care and" ([`shaped_names`]).
    "Solutions", "Fellowship", "Support",
];

/// Words before a kind word that belong to the kind ("Borough Council", "Community
/// Housing", "Housing Group"): not the distinctive part of a name.
const KIND_QUALIFIERS: [&str; 10] = ["Borough", "City", "District", "County", "Metropolitan", "Town", "Community", "Housing", "Homes", "Limited"];

/// Councils named with their kind ("Kestrel Vale District Council") are councils wherever
/// they are named; the bare "Council" is too common a word ("Barrowmead Council").
pub(super) const COUNCIL_KINDS: [&str; 6] = ["Borough", "City", "District", "County", "Metropolitan", "Town"];

/// Words that join the words of a name ("Places for People", "Newcastle upon Tyne").
const CONNECTORS: [&str; 11] = ["of", "and", "&", "upon", "on", "for", "in", "with", "under", "le", "the"];

/// Capitalised words that start a sentence before a name without being part of it
/// ("Contact Kestrel Homes", "The Fernlea Partnership").
const LEAD_WORDS: &[&str] = &[
    "A", "About", "All", "An", "Appendix", "As", "Ask", "At", "Both", "By", "Call", "Contact", "Contacting", "Copyright", "Dear", "Download", "E-mail", "Each", "Email", "Every", "Find", "For", "From",
    "Here", "Home", "How", "No", "If", "In", "Its", "Join", "Our", "Please", "Read", "See", "Tell", "Thank", "Thanks", "That", "The", "Their", "These", "This", "To", "Visit", "Welcome", "What", "When",
    "Where", "Why", "With", "Write", "Yes", "Your",
    // Verbs a sign-off or a publication note opens with: "Published in X's annual report".
    "Agreed", "Approved", "Endorsed", "Presented", "Published", "Reported", "Reviewed", "Signed",
    // Comparisons: "Like Fenmoor Homes, we publish …".
    "Like", "Unlike",
    // A committee report's front-sheet labels before their values: "Meeting | Housing and
    // Communities Committee", "Subject | …".
    "Meeting", "Subject", "Purpose", "Item", "Date",
    // A time's ending in a printed page's header: "12/5/26, 5:14 AM Housing complaint
    // handling self-assessment".
    "AM", "PM",
    // Words of time and of law a sentence opens with: "Since the Social Housing (Regulation)
    // Act 2023 …", "Under the Housing Act …", "Following Fenmoor Homes' review …".
    "After", "Before", "During", "Following", "Since", "Under", "Until",
];

/// Words of the Code, of governance and of a landlord's services: a name made only of these
/// (with kind and ordinary words) is a team, a panel or a body, not a landlord ("Tenant
/// Scrutiny Group", "Complaints Review Partnership").
const NOT_NAME_WORDS: &[&str] = &[
    "advisory", "agency", "allocations", "annual", "appendix", "assessment", "asset", "assets", "audit", "authority", "board", "building", "cabinet", "centre", "chief", "code", "committee",
    "complaint", "complaints", "compliance", "consultative", "contact", "corporate", "crown", "customer", "customers", "data", "department", "development", "digital", "director",
    "diversity", "engagement", "england", "english", "equalities", "equality", "estate", "estates", "executive", "experience", "external", "feedback", "finance", "forum",
    "governance", "handling", "health", "homelessness", "improvement", "income", "information", "inclusion", "internal", "investment", "involvement", "joint", "landlord",
    "landlords", "leadership", "learning", "leasehold", "leaseholders", "lettings", "management", "member", "members", "ministry", "name", "national", "neighbourhood", "office", "officer",
    "ombudsman", "operational", "organisation", "organization", "panel", "parish", "performance", "police", "policies", "policy", "protection", "provider", "providers", "quality", "registered", "regulator", "rent",
    "repairs", "report", "resident", "residents", "review", "risk", "safety", "scrutiny", "self", "senior", "stage", "standards", "steering", "strategic", "strategy", "tenancy",
    "tenant", "tenants", "uk", "voice", "wales", "working",
    // Determiners: "Other Council complaints", "Each Council".
    "all", "another", "any", "both", "each", "either", "every", "neither", "other", "some", "that", "these", "this", "those", "which",
];

/// Words of a web page's navigation that a crawl runs into the name before them ("Skip to
/// main contentFenmoor HomesMenuSearch"): the name ends before them.
const NAVIGATION_WORDS: &[&str] = &[
    "Menu", "Search", "Skip", "Login", "Log", "Sign", "Accessibility", "Cookies", "Privacy", "News", "Jobs", "Careers", "Help", "Translate", "Close", "Open", "Main", "Navigation", "Back",
];

/// Whether a name stands in a crawled site's header, as its logo does: after the skip link
/// or before the menu ("Skip to main content Fenmoor Homes Menu Search …").
fn in_site_header(before: &str, rest: &str) -> bool {
    const SKIP_LINKS: [&str; 4] = ["skip to main content", "skip to content", "skip to main navigation", "skip navigation"];
    const MENU: [&str; 6] = ["Menu", "Search", "Login", "Translate", "Accessibility", "Navigation"];
    let after_skip = SKIP_LINKS.iter().any(|l| ends_with_ignoring_case(before, l));
    let before_menu = rest.split_whitespace().next().is_some_and(|w| MENU.contains(&w.trim_end_matches([',', '|', ':'])));
    after_skip || before_menu
}

/// A landlord-shaped name in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shaped {
    pub start: usize,
    pub end: usize,
    /// "… Borough/City/District/County Council": a council wherever it is named.
    pub council: bool,
}

/// Whether `word` ends a name as the kind of body it is ("Housing", "Group", "Borough",
/// "Council", "Limited"), not as its distinctive part.
pub(super) fn is_kind_or_qualifier(word: &str) -> bool {
    is_kind(word) || KIND_QUALIFIERS.contains(&word) || matches!(word, "Ltd" | "Co-operative" | "Cooperative" | "Charity" | "Society")
}

/// Whether `word`, stripped of a possessive, is a kind word.
fn is_kind(word: &str) -> bool {
    KIND_WORDS.contains(&word)
}

/// A word without the punctuation and possessive after it: "Group's," → "Group".
fn bare_word(word: &str) -> &str {
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    ["'s", "\u{2019}s"].iter().find_map(|p| word.strip_suffix(p)).unwrap_or(word)
}

fn starts_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The whitespace-separated token that ends where `head` ends (after trailing spaces):
/// its start, and the token.
fn last_token(head: &str) -> Option<(usize, &str)> {
    let trimmed = head.trim_end();
    if trimmed.is_empty() {
        return None;
    }
    let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
    Some((start, &trimmed[start..]))
}

/// The landlord-shaped names of `text` that end in the kind words found at `kinds` (byte
/// ranges of "Council", "Homes" … found by the caller's one scan of the text).
pub(super) fn shaped_names(text: &str, kinds: &[(usize, usize)]) -> Vec<Shaped> {
    let mut out = Vec::new();
    for &(ks, ke) in kinds {
        // A whole word, with white space before it: not "Homestead", "LHomes"; a capital
        // after it starts a word run together with it ("Fenmoor HomesMenu").
        let next = text[ke..].chars().next();
        if next.is_some_and(|c| c.is_alphanumeric() && !c.is_uppercase()) || !text[..ks].ends_with(char::is_whitespace) {
            continue;
        }
        // "Housing Group": the name ends at the last kind word; a council's ends at "Council"
        // ("Farrowdale District Council Housing Complaints Policy").
        let council = &text[ks..ke] == "Council";
        // "Solutions" ends a landlord's name only after a housing word ("Lyndhurst Housing
        // Solutions", not "Fenmoor IT Solutions", a contractor), and not a council's team
        // ("Wexley Council Housing Solutions").
        if matches!(&text[ks..ke], "Solutions" | "Fellowship") {
            let before: Vec<&str> = text[..ks].split_whitespace().rev().take(2).collect();
            if !before.first().is_some_and(|w| matches!(*w, "Housing" | "Homes" | "Home")) || before.get(1).is_some_and(|w| *w == "Council") {
                continue;
            }
        }
        if &text[ks..ke] == "Support" {
            let before: Vec<&str> = text[..ks].split_whitespace().rev().take(2).collect();
            if !(before.first() == Some(&"and") && before.get(1).is_some_and(|w| matches!(*w, "Housing" | "Care"))) {
                continue;
            }
        }
        // (Its legal ending, then its own policy's title: "X Housing Trust Limited Complaints
        // Policy".)
        // (Asked only where a capital or a legal ending follows: most kinds end their name.)
        let owns_its_policy = || owns_a_policy(&text[ks..ke], &text[ke..]);
        let policy_after_legal_ending = [" Limited", " Ltd"].iter().any(|l| text[ke..].starts_with(l)) && owns_its_policy();
        if !council && !policy_after_legal_ending && next.is_some_and(char::is_whitespace) && text[ke..].split_whitespace().next().is_some_and(|w| is_kind(bare_word(w))) {
            continue;
        }
        // "… Council Housing …" is the council's; "The Council's Housing Complaints Policy": a
        // common noun owning what follows is no name.
        let word_before = last_token(&text[..ks]).map(|(_, w)| w);
        if word_before.is_some_and(|w| {
            let owner = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
            w == "Council" || owner.len() != w.len() && (is_kind_or_qualifier(owner) || NOT_NAME_WORDS.contains(&owner.to_ascii_lowercase().as_str()) || LEAD_WORDS.contains(&owner))
        }) {
            continue;
        }
        // "Norfolk Homes Choice", "Housing Options Team": a kind word inside a longer name
        // is not where a landlord's name ends ("Karbon Homes Limited" still is, and so is
        // "Karbon Homes Complaint Handling Code …" in a title, or "… Homes Yes" run together).
        let glued_after = next.is_some_and(char::is_whitespace)
            && text[ke..].split_whitespace().next().is_some_and(|w| {
                let bare = bare_word(w);
                starts_capitalised(w)
                    && !is_kind_or_qualifier(bare)
                    && !matches!(bare, "CIC" | "Plc" | "PLC" | "CHC")
                    && !LEAD_WORDS.contains(&bare)
                    && !NAVIGATION_WORDS.contains(&bare)
                    && !bare.split('-').any(|part| NOT_NAME_WORDS.contains(&part.to_ascii_lowercase().as_str()))
            });
        // (Its own policy's title may follow: "the Fenmoor Housing Co-operative Remedies
        // Policy".)
        if glued_after && !text[ke..].trim_start().starts_with(|c: char| c.is_ascii_digit()) && !owns_its_policy() {
            continue;
        }
        let mut start = ks;
        let mut words: Vec<&str> = Vec::new();
        let mut head = &text[..ks];
        let mut joined = false;
        while let Some((at, token)) = last_token(head) {
            let year = is_year_or_years(token);
            if words.len() >= 7 || year || token.ends_with([',', '.', ';', ':', '!', '?', ')', '|', '"', '\u{201d}']) || token.starts_with('-') {
                break;
            }
            if CONNECTORS.contains(&token) {
                if joined {
                    break;
                }
                joined = true;
                head = &text[..at];
                continue;
            }
            let bare = token.trim_start_matches(['(', '"', '\u{201c}', '\'', '\u{2018}', '[']);
            // A paragraph number ("section 6.2 of Fenmoor Council's procedure"), a time of
            // day or a date ("11/06/2025, 13:30 Fenmoor Homes |" atop a printed page) is not a
            // word of the name.
            if bare.starts_with(|c: char| c.is_ascii_digit()) && bare.contains(['.', ':', '/']) {
                break;
            }
            if !starts_capitalised(bare) {
                // "Stoke- on-Trent": the rest of a word broken after its hyphen.
                if bare.len() == token.len() && last_token(&text[..at]).is_some_and(|(_, p)| p.len() > 1 && p.ends_with('-')) {
                    head = &text[..at];
                    continue;
                }
                break;
            }
            start = at + (token.len() - bare.len());
            words.push(bare);
            joined = false;
            if bare.len() != token.len() {
                break;
            }
            head = &text[..at];
        }
        words.reverse();
        // Drop the words a sentence starts with ("Contact", "Residents of"), and connectors
        // left at the front.
        // (Nor does a name start with "Council": "The Council and Crayle District Council".)
        let lead = words.iter().take_while(|w| LEAD_WORDS.contains(w) || **w == "Council" || NOT_NAME_WORDS.contains(&w.to_ascii_lowercase().as_str())).count();
        let mut rest = &text[start..ks];
        // `words` holds no connectors: skip `lead` words and the connectors among them
        // ("Customer Feedback and Complaints Policy Fenmoor Homes'").
        let mut to_skip = lead;
        while to_skip > 0 {
            let skip = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if !CONNECTORS.contains(&&rest[..skip]) {
                to_skip -= 1;
            }
            rest = rest[skip..].trim_start();
        }
        while let Some(w) = rest.split_whitespace().next().filter(|w| CONNECTORS.contains(w)) {
            rest = rest[w.len()..].trim_start();
        }
        if rest.trim().is_empty() {
            continue;
        }
        let start = ks - rest.len();
        let before_kind: Vec<&str> = rest.split_whitespace().collect();
        let council = &text[ks..ke] == "Council" && before_kind.last().is_some_and(|w| COUNCIL_KINDS.contains(w));
        out.push(Shaped { start, end: ke, council });
    }
    out
}

/// Whether a token is a year or a span of years ("2024", "2024/25", "2024-2025", "2024–25"):
/// a title's, never a word of a name.
fn is_year_or_years(token: &str) -> bool {
    let year = |t: &str| t.len() == 4 && (t.starts_with("19") || t.starts_with("20")) && t.bytes().all(|b| b.is_ascii_digit());
    match token.split_once(['/', '-', '\u{2013}']) {
        Some((first, second)) => year(first) && (second.len() == 2 || second.len() == 4) && second.bytes().all(|b| b.is_ascii_digit()),
        None => year(token),
    }
}

/// The distinctive part of a name: without a leading "The" and the kind words at its end
/// ("The Wrekin Housing Group" → "Wrekin", "South Norfolk District Council" → "South
/// Norfolk", "Red Kite Community Housing" → "Red Kite").
pub(super) fn stem(name: &str) -> &str {
    let mut rest = name.strip_prefix("The ").unwrap_or(name).trim();
    while let Some((head, last)) = rest.rsplit_once(' ') {
        // ("Depaul Housing Services" → "Depaul".)
        if is_kind(last) || KIND_QUALIFIERS.contains(&last) || matches!(last, "Ltd" | "Services") || CONNECTORS.contains(&last) {
            rest = head.trim_end();
        } else {
            break;
        }
    }
    if rest.split_whitespace().count() == 1 && (is_kind(rest) || KIND_QUALIFIERS.contains(&rest)) {
        return "";
    }
    rest
}

/// A name's distinctive part run together with its kind words' initials, as hosts spell
/// it ("Brantwood Community Housing" → "brantwoodch"); `None` when it has no kind words.
pub(super) fn stem_with_kind_initials(name: &str) -> Option<String> {
    let stem = stem(name);
    let rest = name.strip_prefix("The ").unwrap_or(name).trim().strip_prefix(stem).filter(|_| !stem.is_empty())?;
    let letters: String = rest.split_whitespace().filter(|w| !CONNECTORS.contains(w)).filter_map(|w| w.chars().next()).filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    let run_together: String = stem.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    (!letters.is_empty()).then(|| run_together + &letters)
}

/// A name's initials, when it has three words or more besides "The" and connectors:
/// "Lincolnshire Housing Partnership" → "LHP", "Great Yarmouth Borough Council" → "GYBC".
pub(super) fn initials(name: &str) -> Option<String> {
    // A bracketed year or place is no word of the name ("The Industrial Dwellings Society
    // (1885)" → "IDS").
    // (A co-operative is one word: "Harrowell Tenants' Co-operative" → "HTC".)
    let name = name.replace("Co-operative", "Cooperative").replace("Co-op", "Coop");
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty() && *w != "The" && !CONNECTORS.contains(w) && !w.starts_with('(')).collect();
    let letters: String = words.iter().filter_map(|w| w.chars().next()).filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_uppercase()).collect();
    (words.len() >= 3 && letters.len() == words.len()).then_some(letters)
}

/// Whether a name has a word that tells one landlord from another: not only kind words,
/// words every housing text uses ("Housing Solutions") or words of governance and the Code
/// ("Tenant Scrutiny Group", "Complaints Review Panel").
pub(super) fn is_distinctive(name: &str, ordinary: impl Fn(&str) -> bool) -> bool {
    word_spans(stem(name)).any(|(_, w)| {
        let lower = w.to_ascii_lowercase();
        w.chars().next().is_some_and(char::is_uppercase) && w.len() >= 2 && !ordinary(&lower) && !NOT_NAME_WORDS.contains(&lower.as_str()) && !COUNCIL_KINDS.contains(&w)
    })
}

/// Where in its text a name stands, as evidence that the text is about its publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// Another landlord: one the form compares itself with, works beside or pays ("we
    /// benchmark against X", "together with X", "X, our partner", "X and others").
    Another,
    /// The whole line, or the head of an address or a title line ("Marrowby Council" alone
    /// above the footer links; "Fenmoor Homes, 1 Mill Lane"; "Fenmoor Homes | Contact us").
    OwnLine,
    /// Before its complaints policy: "Brackenridge Housing Group's complaint policy".
    PolicyOwner,
    /// Starts a sentence and does something: "Kestrelford Homes assessed itself …".
    Subject,
    /// Anywhere else.
    Passing,
}

/// Words before a name in its sentence that make it another landlord's. Lower-case, so that
/// a name's own words ("… Housing Partnership") are not taken for them, unless the sentence
/// starts with them ("Compared with …").
const ANOTHER_BEFORE: [&str; 63] = [
    "benchmark", "compar", "peer", "such as", "other landlord", "other provider", "other housing", "other social", "versus", " vs ", " than ", "ahead of", "club", "partner",
    "together with", "alongside", "jointly with", "shared with", "works for", "work for", "work with", "worked with", "working with", "transfer", "neighbouring",
    // "We share a complaints team with X", "formerly X", "since our merger with X".
    "share ", "sharing", "formerly", "merg",
    // The landlords the writer was made from: "we were formed from X and Y".
    "formed from", "created from", "came together",
    // A parent, a former body, a body whose members or rules the writer takes on: "Part of
    // the X Group", "the old X panel", "members of X are covered by our process", "our
    // policy mirrors X's", "we follow X's procedure".
    "part of", "subsidiary of", "arm of", "old ", "former ", "members of", "a member of", "mirror", "modelled on", "based on", "same as", "we follow", "we use ",
    // Services shared with another body: "the customer centre run with X", "the joint
    // team with X", "any service, including X staff".
    "run with", "team with", "including",
    // Where matters the writer does not handle are sent: "disputes are referred to X", "we
    // can call on X's legal service". ("Complaints go to X" is as often the writer's own.)
    "referred to", "call on", "rely on", "relies on",
    // "a member of the X Partnership", "tenants came to us through X's register", "repairs
    // are carried out by X's contractor".
    "member of", "came to us", "come to us", "carried out by",
    // Homes that came from another landlord: "moved to us from X", "acquired from X".
    "to us from", "acquired from", "took over", "taken over", "bought from",
    // A service the writer shares: "the shared customer service that also serves X".
    "also serves", "also serve ",
];

/// Words that open a name's sentence and make it another landlord: "Like X, we publish …"
/// (not "landlords like X should …", about the form's own). Capitalised, they open a
/// sentence wherever they stand: cells run sentences together without a full stop.
const ANOTHER_OPENING: [&str; 3] = ["like ", "unlike ", "as with "];

/// Words just before a name (its last three) that make it another landlord: "our repairs
/// contractor, X", "partners X and Y".
const ANOTHER_NEAR: [&str; 3] = ["contractor", "contractors", "partners"];

/// Words after a name, set off by a comma or a bracket, that make it another landlord's: "X,
/// our partner", "X (our contractor)".
const ANOTHER_APPOSITION: [&str; 4] = ["partner", "contractor", "peer", "neighbour"];

/// Whether the clause before `at` sends a case on to what stands there (an e-mail address):
/// "we copy …", "copied to …", "referred to …", "forwarded to …", "passed to …".
pub(super) fn sends_on_to(text: &str, at: usize) -> bool {
    const CUES: [&str; 5] = ["we copy", "copied to", "referred to", "forwarded to", "passed to"];
    let clause_at = text[..at].rfind(['.', ';', '\n', ',']).map_or(0, |i| i + 1);
    let clause = text[clause_at..at].to_ascii_lowercase();
    CUES.iter().any(|c| clause.contains(c))
}

/// Whether the name at `start..end` is the one whose self-assessment the text says it is:
/// "the self-assessment for X", "the assessment of X", "X's self-assessment".
pub(super) fn is_assessed(text: &str, start: usize, end: usize) -> bool {
    let just_before = text[..start].trim_end();
    // ("This one belongs to X", "This form is that of X": the assessment spoken of is X's.)
    let this_ones = || {
        let head = sentence_head(text, start);
        head.starts_with("This ") && ["belongs to", "is that of", "is for"].iter().any(|a| ends_with_ignoring_case(head, a))
    };
    owns_the_assessment(&text[end..]) || ["assessment for", "assessment of", "assessment by"].iter().any(|a| ends_with_ignoring_case(just_before, a)) || this_ones()
}

/// How far before a name its sentence is searched for [`ANOTHER_BEFORE`].
const ANOTHER_WINDOW: usize = 120;

/// Whether the name at `start..end` of `text` is another landlord than the form's: compared
/// with, worked beside, paid, or one of several ("X and other landlords").
pub(super) fn names_another(text: &str, start: usize, end: usize) -> bool {
    // Whose self-assessment this is ("this page is part of X's self-assessment").
    if owns_the_assessment(&text[end..]) {
        return false;
    }
    // … or "this page is part of the self-assessment for X": the assessment is X's, whatever
    // came before it.
    if is_assessed(text, start, end) || handles_the_complaints(sentence_head(text, start), &text[end..]) {
        return false;
    }
    let mut from = start.saturating_sub(ANOTHER_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..start];
    // (A bar parts a footer's items as a full stop parts sentences: "Tpas accredited |
    // Working with X County Council".)
    let sentence_at = head.rfind(['.', ';', '!', '?', '\n', '|']).map_or(0, |i| i + 1);
    let sentence = &head[sentence_at..];
    // A clause after a comparison goes on comparing: "… answered more on time than we did;
    // X answered fewer".
    let clauses_before = &head[head[..sentence_at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1)..sentence_at];
    if head[..sentence_at].ends_with(';') && [" than ", "compar", "benchmark", "peer"].iter().any(|c| clauses_before.to_ascii_lowercase().contains(c)) {
        return true;
    }
    let opening = sentence.len() - sentence.trim_start().len();
    // Every cue at once, in any case of ASCII letters (a name is read many times a form).
    static BEFORE: OnceLock<AhoCorasick> = OnceLock::new();
    let cues = BEFORE.get_or_init(|| AhoCorasick::builder().ascii_case_insensitive(true).build(ANOTHER_BEFORE).expect("fixed cues"));
    let before = cues.find_overlapping_iter(sentence).any(|m| {
        let cue = ANOTHER_BEFORE[m.pattern().as_usize()];
        // "The Code applies to landlords such as X": the Code's landlords, the writer among
        // them, as "landlords like X" is ("other landlords such as X" is another's).
        // ("… landlords, such as X, …" as well.)
        if cue == "such as" && sentence[..m.start()].trim_end().trim_end_matches(',').to_ascii_lowercase().ends_with(" landlords") {
            return false;
        }
        let first = m.start() + usize::from(cue.starts_with(' '));
        first == opening || sentence[first..].starts_with(|c: char| c.is_lowercase())
    });
    // The same cues as a sentence inside the text would start them ("Like ").
    static CAPITALISED: OnceLock<[String; 3]> = OnceLock::new();
    let capitals = CAPITALISED.get_or_init(|| ANOTHER_OPENING.map(capitalised));
    let opens = ANOTHER_OPENING.iter().zip(capitals).any(|(cue, capital)| {
        sentence.as_bytes()[opening..].get(..cue.len()).is_some_and(|head| head.eq_ignore_ascii_case(cue.as_bytes())) || sentence.contains(capital)
    });
    let near = sentence.split_whitespace().rev().take(3).any(|w| ANOTHER_NEAR.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    // The writer set against it later in the sentence: "X's staff pass on complaints they
    // receive about us".
    let rest_of_sentence = text[end..].split(['.', ';', '!', '?', '\n']).next().unwrap_or("");
    static WRITER_AS_OTHER: OnceLock<regex::Regex> = OnceLock::new();
    let writer_as_other = WRITER_AS_OTHER.get_or_init(|| regex::Regex::new(r"\b(?:about|to|from|against|with|for)\s+us\b|\bmanages?\s+our\b|\bwe\s+(?:manage|look\s+after)\b|\b(?:by|under)\s+our\s+(?:process|policy|procedure)\b|\bon\s+our\s+behalf\b|\bours\b|\bour\s+own\b").expect("fixed pattern"));
    // (Unless the sentence says the writer is the name: "We are X, so the Code applies to us".)
    // ("… do not apply to us" says what the Code asks of the writer, not how it stands to X.)
    let set_against = writer_as_other.find_iter(rest_of_sentence).any(|m| {
        let before = rest_of_sentence[..m.start()].trim_end();
        !(m.as_str().starts_with("to") && ["apply", "applies", "relevant", "open"].iter().any(|w| before.ends_with(w)))
    });
    let against_us = set_against && !speaks_as(sentence_head(text, start));
    // The owner of homes the writer manages, however far the verb: "X Homes manages council
    // homes in the city on behalf of X City Council", "we manage homes for X".
    let lower_sentence = sentence.trim_end().to_ascii_lowercase();
    // So is the owner of the homes the writer looks after: "we look after 2,300 homes owned
    // by X" (but "this assessment covers homes owned by X" is the owner's own).
    let manages = lower_sentence.contains("manag") || lower_sentence.contains("look after");
    let managed_for = (["on behalf of", " for", "owned by", "belong to", "belongs to"].iter().any(|e| lower_sentence.ends_with(e))) && manages;
    let after = &text[end..];
    let apposition = after.strip_prefix(", ").or_else(|| after.strip_prefix(" ("));
    let set_off = apposition.is_some_and(|a| a.split_whitespace().take(3).any(|w| ANOTHER_APPOSITION.iter().any(|cue| w.starts_with(cue))));
    // Where matters go that the writer does not handle: "council tax complaints go to X
    // directly", "contact X directly".
    // So are a council's other services the page sends its readers to: "For council tax or
    // planning, visit X Borough Council".
    let sent_directly = after.trim_start().starts_with("directly") || ["council tax", "planning", "bin collection", "parking", "housing benefit"].iter().any(|s| lower_sentence.contains(s));
    // Said not to be the writer's or the reader's: "X Borough Council is not our landlord".
    let disowned = ["is not our", "is not the", "is not your", "are not our", "are not the", "are not your", "isn't our", "isn\u{2019}t our"].iter().any(|n| after.trim_start().starts_with(n));
    // Named beside the writer as its common noun or its "we": "The Council and X share one
    // repairs contract", "We and X run a joint panel".
    let beside_the_writer = lower_sentence.strip_suffix(" and").is_some_and(|w| ["the council", "we", "the association", "the trust", "the landlord", "the society", "the co-operative"].contains(&w.trim()));
    before || opens || near || set_off || against_us || managed_for || sent_directly || disowned || beside_the_writer || after.starts_with(" and other")
}

/// The line after a contact label ("Contact us:", "Contact:", "Write to:", "Address:"), the
/// name a line of the site's own furniture speaks for ([`site_speaks_for`]), or the line as
/// it is.
pub(super) fn without_contact_label(text: &str) -> &str {
    const LABELS: [&str; 7] = ["contact us:", "contact:", "write to us:", "write to:", "address:", "postal address:", "get in touch:"];
    let t = text.trim_start();
    LABELS.iter().find_map(|l| t.get(..l.len()).filter(|head| head.eq_ignore_ascii_case(l)).map(|_| t[l.len()..].trim_start())).or_else(|| site_speaks_for(t)).or_else(|| after_a_short_question(t).and_then(site_speaks_for)).unwrap_or(text)
}

/// The rest of a line after the short question or call it opens with ("Questions? Contact
/// the Fenmoor Homes complaints team", "Need help? …").
fn after_a_short_question(t: &str) -> Option<&str> {
    let at = t.bytes().take(40).position(|b| b == b'?' || b == b'!')?;
    let after = &t[at + 1..];
    let rest = after.trim_start();
    (after.starts_with(char::is_whitespace) && !rest.is_empty()).then_some(rest)
}

/// The name a line of a site's own furniture speaks for, as if it stood alone: whom to ring
/// ([`contacted_by_number`]), whose complaints team to contact ("Contact the Fenmoor Homes
/// complaints team"), whom to follow ("Follow Fenmoor Homes on Facebook"), whose website
/// sets the cookies ("We use cookies on the Fenmoor Homes website"), and for whom the
/// writer signs ("Head of Customer Experience, Fenmoor Homes").
fn site_speaks_for(t: &str) -> Option<&str> {
    static LINES: OnceLock<regex::Regex> = OnceLock::new();
    // Most lines are none of these: a line that does not open with one of their first words,
    // and is no short line with a comma (a signature), is not looked at again.
    const OPENINGS: [&str; 8] = ["contact ", "email ", "call ", "write to ", "follow ", "find ", "we use cookies", "signed"];
    let opens = OPENINGS.iter().any(|o| t.get(..o.len()).is_some_and(|head| head.eq_ignore_ascii_case(o)));
    if !(opens || t.len() <= 120 && t.contains(", ")) {
        return contacted_by_number(t);
    }
    let lines = LINES.get_or_init(|| {
        let name = r"([A-Z][A-Za-z0-9'\x{2019}&-]*(?:[ \t]+(?:[A-Z][A-Za-z0-9'\x{2019}&-]*|of|and|&|upon|on|the|for)){0,6})";
        regex::Regex::new(&format!(
            r"^(?:(?i:contact|email|call|write[ \t]+to)[ \t]+(?:the[ \t]+)?{name}(?:'s?|\x{{2019}}s?)?,?[ \t]+(?:the[ \t]+)?(?i:complaints?|customer[ \t]+(?:services?|experience|contact)|feedback)(?-u:\b)|(?:Follow|Find)[ \t]+{name}[ \t]+on[ \t]+(?:Facebook|Twitter|X|Instagram|LinkedIn|YouTube|TikTok|Bluesky|Threads)(?-u:\b)|(?i:we[ \t]+use[ \t]+cookies[ \t]+on[ \t]+the)[ \t]+{name}[ \t]+(?i:website|site|web[ \t]+site)(?-u:\b)|(?:(?i:signed|signed[ \t]+by|approved[ \t]+by)[ \t]*:?[ \t]+)?(?:[A-Z][A-Za-z-]*[ \t]+)*(?i:head|director|chief[ \t]+executive|executive|manager|lead|officer|chair|secretary|member|holder)(?:[ \t]+(?:of|for)[ \t]+[A-Za-z ,&-]{{1,60}}?)?,[ \t]+{name}\.?[ \t]*$)"
        ))
        .expect("fixed pattern")
    });
    match lines.captures(t) {
        Some(c) => c.iter().skip(1).flatten().next().map(|m| m.as_str()),
        None => contacted_by_number(t),
    }
}

/// The body a page tells its readers to ring or write to: "Contact Thornelea Homes on 01632
/// 960 552 if you need this page in another format", "Contact Fenmoor Homes at
/// help@fenmoor.org.uk": the name alone, as on a line of its own.
fn contacted_by_number(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("Contact ")?;
    if !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let reach = |after: &str| after.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '+') || after.split_whitespace().next().is_some_and(|w| w.contains('@'));
    let end = [" on ", " at "].iter().filter_map(|sep| rest.find(sep).filter(|&at| reach(&rest[at + sep.len()..]))).min()?;
    let name = &rest[..end];
    (name.split_whitespace().count() <= 6).then_some(name)
}

/// `text` with a space where a crawler ran a word into the next, or `None` where it ran none
/// together: a capitalised word straight after a lower-case word of three letters or more
/// ("procedureFenmoor", "contentFenmoor") or after a sentence's full stop or colon
/// ("time.Fenmoor"), or after a word of the Code or a heading ("Complaints PolicyFenmoor").
/// Other words that open in capitals keep their inner capitals ("LiveWest", "McCarthy",
/// "ForHousing"; a name's kind word run into the next is read where names are found:
/// "Fenmoor HomesMenu"), and so do web addresses.
pub(super) fn parted_where_run_together(text: &str) -> Option<String> {
    const ANSWERS: [&[u8]; 8] = [b"Yes", b"No", b"Met", b"Partly", b"Partially", b"Compliant", b"Complies", b"Complete"];
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    // Only a capital can start a word run into the one before: look at capitals alone.
    for i in ascii_capitals(bytes) {
        if i == 0 || i + 1 >= bytes.len() {
            continue;
        }
        let before = bytes[i - 1];
        // The word so far: since the last cut or the last byte that is no letter or digit.
        let word_so_far = |cuts: &[usize]| {
            let from = cuts.last().copied().unwrap_or(0);
            let word_start = bytes[from..i].iter().rposition(|b| !b.is_ascii_alphanumeric()).map_or(from, |p| from + p + 1);
            &bytes[word_start..i]
        };
        // "contentNE Lincs Council": a word in lower case run into initials.
        if bytes[i + 1].is_ascii_uppercase() {
            let word = word_so_far(&cuts);
            if word.len() >= 3 && word.iter().all(u8::is_ascii_lowercase) {
                cuts.push(i);
            }
            continue;
        }
        if !bytes[i + 1].is_ascii_lowercase() {
            continue;
        }
        let run_together = if before.is_ascii_lowercase() {
            // Lower case and three letters or more, a run-together cell's answer ("YesFenmoor
            // Homes' policy") or a word of the Code or a heading ("PolicyFenmoor").
            let word = word_so_far(&cuts);
            let heads_a_cell = || NOT_NAME_WORDS.contains(&std::str::from_utf8(word).unwrap_or("").to_ascii_lowercase().as_str());
            // A menu item run into the next ("HomeFenmoor Homes"), or a name's kind into a
            // menu item ("Fenmoor CouncilSearch"; "Fenmoor HomesMy account" stays, as a name
            // that runs straight into a word ends there).
            let next_word = || {
                let end = bytes[i..].iter().position(|b| !b.is_ascii_alphabetic()).map_or(bytes.len(), |p| i + p);
                let lower_end = bytes[i + 1..end].iter().position(u8::is_ascii_uppercase).map_or(end, |p| i + 1 + p);
                std::str::from_utf8(&bytes[i..lower_end]).unwrap_or("")
            };
            let ends_an_item = || std::str::from_utf8(word).is_ok_and(|w| NAVIGATION_WORDS.contains(&w) || w == "Home" || is_kind(w) && NAVIGATION_WORDS.contains(&next_word()));
            word.len() >= 3 && word.iter().all(u8::is_ascii_lowercase) || ANSWERS.contains(&word) || heads_a_cell() || ends_an_item()
        } else if before.is_ascii_uppercase() {
            // A word in capitals run into the next ("FENMOOR CITY COUNCILComplaint …"): the
            // capitals so far, three or more, end before the capital that opens a word.
            let word = word_so_far(&cuts);
            word.len() >= 3 && word.iter().all(u8::is_ascii_uppercase)
        } else if before == b')' || before == b']' {
            // "(page 3)Fenmoor Homes' policy": a bracket closed right before a capitalised word.
            true
        } else if before == b'?' || before == b'!' {
            // "a complaint?Fenmoor Homes' policy": a question ended right before it.
            i >= 2 && bytes[i - 2].is_ascii_alphanumeric()
        } else {
            // "time.Fenmoor", "policy:Fenmoor", "March 2024.Fenmoor", "(4.1).Fenmoor": a word,
            // a year or a bracket before the stop.
            let word_before = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
            (before == b'.' || before == b':') && i >= 3 && (word_before(&bytes[i - 2]) && word_before(&bytes[i - 3]) || bytes[i - 2] == b')')
        };
        if run_together {
            cuts.push(i);
        }
    }
    if cuts.is_empty() {
        return None;
    }
    // Not inside a web or e-mail address.
    cuts.retain(|&at| {
        let token_start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let token_end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
        let token = &text[token_start..token_end];
        !(token.contains('@') || token.contains("www.") || token.contains("://"))
    });
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut last = 0;
    for at in cuts {
        out.push_str(&text[last..at]);
        out.push(' ');
        last = at;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// Where the ASCII capitals of `bytes` are. Eight bytes are tested at once, so that a text
/// read for names costs little where it has few capitals (most of every cell).
fn ascii_capitals(bytes: &[u8]) -> AsciiCapitals<'_> {
    AsciiCapitals { bytes, chunk: 0, next_chunk: 0, mask: 0 }
}

struct AsciiCapitals<'a> {
    bytes: &'a [u8],
    /// Where the chunk `mask` describes starts, and where the next one does.
    chunk: usize,
    next_chunk: usize,
    /// The high bit of each capital's byte in the current chunk, not yet given.
    mask: u64,
}

impl Iterator for AsciiCapitals<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        loop {
            if self.mask != 0 {
                let at = self.chunk + (self.mask.trailing_zeros() / 8) as usize;
                self.mask &= self.mask - 1;
                return Some(at);
            }
            if self.next_chunk >= self.bytes.len() {
                return None;
            }
            self.chunk = self.next_chunk;
            self.next_chunk += 8;
            let mut word = [0u8; 8];
            let end = self.next_chunk.min(self.bytes.len());
            word[..end - self.chunk].copy_from_slice(&self.bytes[self.chunk..end]);
            let w = u64::from_le_bytes(word);
            // A byte below 0x80 has its high bit set by adding 0x80 - 'A' when it is 'A' or
            // more, and by adding 0x80 - ('Z' + 1) when it is past 'Z'.
            let low7 = w & !HIGH;
            let from_a = low7.wrapping_add(ONES * (0x80 - u64::from(b'A')));
            let past_z = low7.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
            self.mask = from_a & !past_z & !w & HIGH;
        }
    }
}

/// The two lines as one where a name runs from the first into the second, as a cover page
/// or a narrow column wraps it; `None` where they are two lines. A name is taken to run on
/// where the second line is only its kind ("New Foundations Housing" / "Association"),
/// where the first ends in a word that joins a name's words or in a hyphen ("… by the
/// Society of" / "St James, a charity …", "Wargrave-on-" / "Thames Housing Association …"),
/// or where a short line of capitalised words runs into a short line that ends in a kind
/// ("First Garden" / "Cities Homes").
pub(super) fn wrapped_name(line: &str, next: &str) -> Option<String> {
    let (line, whole_next) = (line.trim_end(), next.trim());
    let line_words: Vec<&str> = line.split_whitespace().collect();
    let last = *line_words.last()?;
    // A word broken at a hyphen the writer added ("Inker-" / "brough Homes"): one word, where
    // the line it makes ends in a kind.
    if last.len() > 2 && last.ends_with('-') && starts_capitalised(last) && whole_next.starts_with(|c: char| c.is_lowercase()) {
        let joined = format!("{}{whole_next}", &line[..line.len() - 1]);
        return joined.split_whitespace().last().is_some_and(|w| is_kind(bare_word(w))).then_some(joined);
    }
    let next = whole_next;
    let next_words: Vec<&str> = next.split_whitespace().collect();
    let first_next = next_words.first()?;
    if line.is_empty() || !starts_capitalised(first_next) || first_next.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "Thame and District" / "Housing Association": a kind of one to three words (then what
    // a running footer prints after the name: "Living · p1").
    let kind_words = next_words.iter().take_while(|w| !["\u{b7}", "|", "\u{2013}", "\u{2014}"].contains(w)).count();
    if (1..=3).contains(&kind_words) && next_words[..kind_words].iter().all(|w| is_kind_or_qualifier(w)) {
        return Some(format!("{line} {}", next_words[..kind_words].join(" ")));
    }
    let before_last_capitalised = line_words.len() >= 2 && starts_capitalised(line_words[line_words.len() - 2]);
    if ["of", "and", "&", "for", "upon"].contains(&last) && before_last_capitalised {
        return Some(format!("{line} {next}"));
    }
    if last.len() > 2 && last.ends_with('-') && last.chars().next().is_some_and(char::is_uppercase) {
        return Some(format!("{line}{next}"));
    }
    let all_capitalised = |words: &[&str]| words.iter().all(|w| starts_capitalised(w) || CONNECTORS.contains(w));
    let ends_in_kind = next_words.last().is_some_and(|w| is_kind(bare_word(w)));
    // (Words of a heading are not a name's: "Self-assessment" / "Harrowmere Council".)
    let name_words = |words: &[&str]| {
        words.iter().all(|w| !LEAD_WORDS.contains(w) && !NAVIGATION_WORDS.contains(w) && !w.split('-').any(|part| NOT_NAME_WORDS.contains(&part.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric()))))
    };
    // (Nor a service's: "Housing Services" / "Harnley Vale District Council".)
    if (1..=4).contains(&line_words.len())
        && all_capitalised(&line_words)
        && name_words(&line_words)
        && !is_kind_or_qualifier(bare_word(last))
        && !["Services", "Service", "Team", "Department", "Directorate"].contains(&last)
        && !line.starts_with(|c: char| c.is_ascii_digit())
        && !line.ends_with([':', '.', '|', ')'])
        && (2..=4).contains(&next_words.len())
        && all_capitalised(&next_words)
        && ends_in_kind
    {
        return Some(format!("{line} {next}"));
    }
    None
}

/// `text` with the words of a file's name parted where its hyphens join them, or `None`
/// where it names no such file: "Fenmoor-Housing-Group-CHC-self-assessment-2024.pdf" reads
/// "Fenmoor Housing Group CHC self assessment 2024.pdf". Four words or more, two of them
/// capitalised: a place's hyphens ("Stoke-on-Trent") are fewer.
pub(super) fn file_names_spelled_out(text: &str) -> Option<String> {
    static FILE: OnceLock<regex::Regex> = OnceLock::new();
    // (Three hyphens at least, or no such name: most texts have fewer.)
    if text.bytes().filter(|&b| b == b'-').count() < 3 {
        return None;
    }
    let file = FILE.get_or_init(|| regex::Regex::new(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+){3,}\b").expect("fixed pattern"));
    let mut changed = false;
    let out = file.replace_all(text, |c: &regex::Captures<'_>| {
        let m = &c[0];
        if m.split('-').filter(|w| w.starts_with(|ch: char| ch.is_ascii_uppercase())).count() >= 2 {
            changed = true;
            m.replace('-', " ")
        } else {
            m.to_string()
        }
    });
    changed.then(|| out.into_owned())
}

/// Whether a text speaks as its writer: "we", "us", "our" as words.
pub(super) fn speaks_as_the_writer(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "we" | "We" | "us" | "our" | "Our"))
}

/// Kind words a typist or a scanner misspells in a name ("Counci1", "Hosuing", "Assocation").
/// Words of six letters or more only: a shorter word one letter from a kind is too often
/// another word ("Homes" and "Holmes").
const MENDED_KINDS: [&str; 9] = ["council", "borough", "district", "housing", "association", "metropolitan", "partnership", "almshouses", "community"];

/// `text` with the kind words of names spelled right, where a name misspells them: one
/// letter (or digit) wrong, left out, added or swapped ("Tewkesbury Borough Counci1",
/// "Quillbrook Hosuing Association"), a kind split by a stray space ("DISTRICT COUN CIL"),
/// and "w/" for "with" between a name's words ("Blackburn w/ Darwen"). Only after a
/// capitalised word, where a name is being read; `None` when nothing needed mending.
pub(super) fn mended_spelling(text: &str) -> Option<String> {
    // Only a capitalised word can be a name's misspelled kind, and only after a capitalised
    // word: a text with neither (most cells' prose) is passed over without a look.
    let first_letters = |w: &str| w.as_bytes().first().is_some_and(|b| MENDED_KINDS.iter().any(|k| k.as_bytes()[0] == b.to_ascii_lowercase()));
    if !text.contains("w/") && !text.split_whitespace().any(|w| w.len() >= 2 && starts_capitalised(w) && first_letters(w)) {
        return None;
    }
    let words: Vec<(usize, &str)> = text.split_whitespace().map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w)).collect();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let in_style = |kind: &str, like: &str| if like.chars().all(|c| !c.is_lowercase()) { kind.to_uppercase() } else { capitalised(kind) };
    let mut i = 1;
    while i < words.len() {
        let (at, word) = words[i];
        let previous = words[i - 1].1;
        if !starts_capitalised(previous) || previous.ends_with(['.', ':', ';', '!', '?']) {
            i += 1;
            continue;
        }
        if word == "w/" && words.get(i + 1).is_some_and(|(_, next)| starts_capitalised(next)) {
            edits.push((at, at + word.len(), "with".to_string()));
            i += 1;
            continue;
        }
        let bare = word.trim_end_matches([',', ';', ':', '.', ')', '\'', '\u{2019}']);
        let bare = ["'s", "\u{2019}s"].iter().find_map(|p| bare.strip_suffix(p)).unwrap_or(bare);
        if !starts_capitalised(bare) || !(2..=13).contains(&bare.len()) || !first_letters(bare) {
            i += 1;
            continue;
        }
        let lower = bare.to_lowercase();
        // "COUN CIL": the next word finishes the kind.
        if let Some(&(next_at, next)) = words.get(i + 1) {
            let next_bare = next.trim_end_matches([',', ';', ':', '.', ')']);
            if next_bare.len() >= 2 && (6..=12).contains(&(bare.len() + next_bare.len())) && next_bare.chars().all(char::is_alphabetic) {
                let joined = format!("{lower}{}", next_bare.to_lowercase());
                if MENDED_KINDS.contains(&joined.as_str()) {
                    edits.push((at, next_at + next_bare.len(), in_style(&joined, bare)));
                    i += 2;
                    continue;
                }
            }
        }
        let first = lower.as_bytes()[0];
        // Right as it is: the kind, its plural or singular, or a word of its own one letter
        // away ("Brough", a town).
        let is_right = |kind: &str| lower == kind || lower.strip_suffix('s') == Some(kind) || kind.strip_suffix('s') == Some(lower.as_str()) || lower == "brough";
        // One edit leaves the first three letters or the last three as they were: a word that
        // keeps neither of a kind's is not one letter from it, and is not measured.
        let may_be_near = |k: &str| {
            let (w, k) = (lower.as_bytes(), k.as_bytes());
            k[0] == first && k.len().abs_diff(w.len()) <= 1 && w.len() >= 3 && (w[..3] == k[..3] || w[w.len() - 3..] == k[k.len() - 3..])
        };
        if bare.len() >= 6 && !MENDED_KINDS.iter().any(|k| is_right(k)) {
            let near = MENDED_KINDS.iter().find(|k| may_be_near(k) && strsim::damerau_levenshtein(k, &lower) == 1);
            if let Some(kind) = near {
                edits.push((at, at + bare.len(), in_style(kind, bare)));
            }
        }
        i += 1;
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end, with) in edits {
        out.push_str(&text[from..start]);
        out.push_str(&with);
        from = end;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// Whether a line is set in capitals: six letters or more, none in lower case.
pub(super) fn in_capitals(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).take(6).count() == 6 && !text.chars().any(char::is_lowercase)
}

/// A line in capitals as running text prints names: each word capitalised, the words that
/// join a name's words in lower case ("STOKE-ON-TRENT CITY COUNCIL" → "Stoke-on-Trent City
/// Council", "ST ALDRIC'S HOUSING TRUST" → "St Aldric's Housing Trust").
pub(super) fn title_cased(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    let mut word_start = true;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, first: &mut bool| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        if !*first && CONNECTORS.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            out.push_str(&capitalised(&lower));
        }
        *first = false;
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || (c == '\'' || c == '\u{2019}') && !word_start {
            word.push(c);
            word_start = false;
        } else {
            flush(&mut word, &mut out, &mut first);
            out.push(c);
            word_start = true;
        }
    }
    flush(&mut word, &mut out, &mut first);
    // Kind words spelled with a hyphen keep their spelling ("Co-operative").
    for kind in KIND_WORDS.iter().filter(|k| k.contains('-')) {
        let each_part: Vec<String> = kind.split('-').map(capitalised).collect();
        out = out.replace(&each_part.join("-"), kind);
    }
    out
}

/// The word with its first letter in capitals.
pub(super) fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// A host label's distinctive part as a name's words: words names keep apart from the place
/// they follow ("Vale", "Community", "Rural") are split off its end, where at least five
/// letters stay before them ("hollowayvale" → "Holloway Vale", "moorlandrural" → "Moorland
/// Rural"; "eastvale" stays "Eastvale").
pub(super) fn label_words(stem: &str) -> String {
    const APART: [&str; 9] = ["neighbourhood", "community", "valley", "vale", "rural", "coastal", "county", "city", "district"];
    let mut head = stem;
    let mut tail: Vec<&str> = Vec::new();
    while let Some((rest, word)) = APART.iter().find_map(|w| head.strip_suffix(w).filter(|rest| rest.len() >= 5).map(|rest| (rest, *w))) {
        tail.push(word);
        head = rest;
    }
    std::iter::once(head).chain(tail.into_iter().rev()).map(capitalised).collect::<Vec<_>>().join(" ")
}

/// Whether the text after a name makes it the owner of a policy: a possessive with the policy
/// in the next few words ("Fenmoor Homes's current complaints policy", "Fenmoor Homes'
/// Compliments and Complaints Procedure"), or the name as the policy's first words
/// ("Fenmoor Homes policy, section 2", "Fenmoor complaints policy").
pub(super) fn owns_a_policy(name: &str, after: &str) -> bool {
    // (After its legal ending: "X Housing Trust Limited Complaints Policy".)
    let after = [" Limited", " Ltd"].iter().find_map(|l| after.strip_prefix(l)).unwrap_or(after);
    const QUALIFIERS: [&str; 24] = [
        "complaints", "complaint", "compliments", "comments", "and", "&", "corporate", "housing", "customer", "feedback",
        // What else a landlord's own documents are about: "X's remedies guidance", "X's
        // vulnerable residents policy", "X's service standards".
        "remedies", "remedy", "compensation", "redress", "service", "services", "vulnerability", "vulnerable", "residents", "tenants", "equality", "reasonable", "adjustments", "unreasonable",
    ];
    let is_policy = |w: &str| matches!(w, "policy" | "policies" | "procedure" | "procedures" | "guidance" | "guide" | "handbook" | "charter" | "standards" | "strategy" | "framework");
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&').to_ascii_lowercase();
    let apostrophe = after.strip_prefix('\'').or_else(|| after.strip_prefix('\u{2019}'));
    let owned = apostrophe.and_then(|a| a.strip_prefix("s ").or_else(|| a.strip_prefix(' ').filter(|_| name.ends_with('s'))));
    if let Some(o) = owned {
        // The policy is what the possessive owns ("X's current complaints policy"), not a
        // word further on ("X's care team follow the same policy").
        const OWNED_QUALIFIERS: [&str; 7] = ["current", "new", "own", "revised", "latest", "updated", "published"];
        for w in o.split_whitespace().take(6).map(word) {
            if is_policy(&w) {
                return true;
            }
            let qualifies = QUALIFIERS.contains(&w.as_str()) || OWNED_QUALIFIERS.contains(&w.as_str()) || w.bytes().all(|b| b.is_ascii_digit() || b == b'/' || b == b'-');
            if !qualifies {
                return false;
            }
        }
        return false;
    }
    let Some(rest) = after.strip_prefix(' ') else { return false };
    for w in rest.split_whitespace().take(6).map(word) {
        if is_policy(&w) {
            return true;
        }
        if !QUALIFIERS.contains(&w.as_str()) {
            return false;
        }
    }
    false
}

/// How the name at `start..end` of `text` stands in it.
pub(super) fn standing(text: &str, start: usize, end: usize) -> Standing {
    let before = text[..start].trim_end();
    let after = &text[end..];
    let rest = after.trim_start();
    // … or heads a breadcrumb trail, the site's own home first ("Fenmoor Homes > Your
    // tenancy > Complaints").
    // A company line too: "Fenmoor Homes Limited. Registered with …".
    let company = ["Limited", "Ltd"].iter().filter_map(|l| rest.strip_prefix(l)).any(|r| r.starts_with(['.', ',']));
    // (A middle dot or a bullet parts a running footer's items: "Fenmoor Homes · Customer
    // Experience".)
    let heads_line = rest.is_empty() || company || closes_a_sign_off(rest) || rest.starts_with([',', ':', ';', '|', '\u{2013}', '\u{2014}', '>', '\u{203a}', '\u{bb}', '\u{b7}', '\u{2022}']) || rest.starts_with("- ");
    // A site's menu item about itself ("Home | About Fenmoor Homes | News") heads its item.
    let about_item = before.strip_suffix("About").is_some_and(|b| b.trim_end().is_empty() || b.trim_end().ends_with(MENU_SEPARATORS));
    // A breadcrumb trail's item after the site's home ("Home > Fenmoor Homes > Complaints"):
    // the site's own section about itself.
    let after_home = before.strip_suffix(['>', '\u{203a}', '\u{bb}']).is_some_and(|b| b.trim().eq_ignore_ascii_case("home"));
    // Approved by its board, published in its report, answering the question under its
    // name ("Fenmoor Homes response: …"): the form's own, in a cell too.
    let head = sentence_head(text, start);
    if approves_the_form(text, start, after) || heads_its_response(after) || owns_the_assessment(after) || handles_the_complaints(head, after) || publishes_the_policy(head, after) || its_board_approved(after) {
        return Standing::PolicyOwner;
    }
    if (before.is_empty() || about_item || after_home) && heads_line || signs_off(text, start) || heads_an_address(before, rest) || in_site_header(before, rest) || reached_as_ours(before, rest) || takes_questions_on_the_page(head, after) || answers_for_the_page(before) || reached_at_its_team(text, start) || heads_its_department(before, rest) || speaks_as(head) {
        return Standing::OwnLine;
    }
    if names_another(text, start, end) {
        return Standing::Another;
    }
    // "Back to Fenmoor Homes homepage": the site's own link home.
    if links_home(text, start, end) {
        return Standing::OwnLine;
    }
    if owns_a_policy(&text[start..end], after) {
        return Standing::PolicyOwner;
    }
    let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
    if starts_sentence && acts(after) {
        return Standing::Subject;
    }
    Standing::Passing
}

/// Whether the name at `start..end` is the form's own by what is said of it: the body the
/// form is signed off for, whose board approved it, or whose home page the site links back to.
/// Whether the name at `start..end` answers for the form as its maker: it speaks for it
/// ([`speaks_for_the_form`]) or owns the complaints policy the form cites.
pub(super) fn vouches_for_the_form(text: &str, start: usize, end: usize) -> bool {
    speaks_for_the_form(text, start, end) || owns_a_policy(&text[start..end], &text[end..])
}

pub(super) fn speaks_for_the_form(text: &str, start: usize, end: usize) -> bool {
    signs_off(text, start) || links_home(text, start, end) || approves_the_form(text, start, &text[end..]) || gives_its_number(&text[end..]) || reached_as_ours(text[..start].trim_end(), text[end..].trim_start()) || handles_the_complaints(sentence_head(text, start), &text[end..])
        || takes_questions_on_the_page(sentence_head(text, start), &text[end..])
        || answers_for_the_page(text[..start].trim_end())
        || reached_at_its_team(text, start)
}

/// Whether the page tells its readers to reach the name by the writer's own means: "write to
/// Fenmoor Homes at our office", "call Fenmoor Homes on our free number". Whose office or
/// number is "ours" is the publisher's.
fn reached_as_ours(before: &str, rest: &str) -> bool {
    const CONTACT: [&str; 12] = ["write to", "contact", "call", "ring", "email", "e-mail", "phone", "speak to", "talk to", "complain to", "in touch with", "visit"];
    const OURS: [&str; 5] = ["at our ", "on our ", "via our ", "using our ", "through our "];
    let before = before.strip_suffix(" the").unwrap_or(before);
    CONTACT.iter().any(|c| ends_with_ignoring_case(before, c) && before[..before.len() - c.len()].chars().next_back().is_none_or(|ch| !ch.is_alphanumeric()))
        && OURS.iter().any(|o| rest.starts_with(o))
}

/// The bodies that govern a landlord ("X Cabinet", "the Board of X", "X's Housing and
/// Communities Committee").
pub(super) const GOVERNING_BODIES: [&str; 6] = ["Cabinet", "Board", "Executive", "Committee", "Trustees", "Panel"];

/// The words after a name's possessive or the space after it ("X's complaints team", "X
/// staff"), or `None` where the name is followed by neither.
fn after_owner(after: &str) -> Option<&str> {
    ["'s ", "\u{2019}s ", "' ", " "].iter().find_map(|p| after.strip_prefix(p))
}

/// Whether the name's board or cabinet approved the self-assessment: "X's Board considered and
/// agreed this self-assessment", "X Cabinet approved the assessment".
fn its_board_approved(after: &str) -> bool {
    const BODIES: [&str; 5] = ["Board", "Cabinet", "Committee", "Trustees", "Executive"];
    const VERBS: [&str; 11] = ["considered", "approved", "agreed", "endorsed", "adopted", "signed", "appointed", "reviewed", "named", "nominated", "elected"];
    let Some(rest) = after_owner(after) else { return false };
    let mut words = rest.split_whitespace();
    let governs = words.next().is_some_and(|w| BODIES.contains(&w));
    // (Up to the end of a clause that names its member for complaints: "named one of its
    // members as Member Responsible for Complaints".)
    let clause: Vec<String> = words.take(12).map(|w| w.to_ascii_lowercase()).collect();
    // (What it decided about the form or its complaints, not about "our" policy: a council's
    // cabinet approving its ALMO's.)
    let about = clause.iter().any(|w| w.contains("assessment") || w.starts_with("complaint"));
    let anothers = clause.iter().any(|w| matches!(w.trim_end_matches([',', '.', ';']), "our" | "we" | "us"));
    governs && clause.first().is_some_and(|w| VERBS.contains(&w.as_str())) && about && !anothers
}

/// Whether the complaints policy is published on the name's website: "The policy is on the
/// X website". Where the form says its policy is published is its publisher's site.
fn publishes_the_policy(head: &str, after: &str) -> bool {
    let head = head.to_ascii_lowercase();
    let site = [" website", " web site", "'s website", "\u{2019}s website"].iter().any(|w| after.starts_with(w));
    site && head.ends_with(" the") && ["policy", "procedure", "complaint"].iter().any(|w| head.contains(w))
}

/// Whether the name's own people handle the complaints the form is about: "every complaint
/// is investigated by X staff", "complaints are dealt with by X's customer team". Who
/// investigates complaints is the landlord the Code asks it of.
fn handles_the_complaints(head: &str, after: &str) -> bool {
    const HANDLED: [&str; 8] = ["investigated by", "handled by", "dealt with by", "answered by", "responded to by", "resolved by", "reviewed by", "carried out by"];
    const PEOPLE: [&str; 8] = ["staff", "officers", "colleagues", "employees", "team", "teams", "managers", "complaints"];
    let head = head.trim_end();
    let head = head.strip_suffix(" the").unwrap_or(head);
    let people = after_owner(after).and_then(|a| a.split_whitespace().next()).map(|w| w.trim_end_matches([',', ';', '.', ':']));
    // (The work is the complaints' where the sentence says so or the team is named for them:
    // "This review was carried out by X's complaints team".)
    HANDLED.iter().any(|h| ends_with_ignoring_case(head, h)) && (head.to_ascii_lowercase().contains("complain") || people == Some("complaints")) && people.is_some_and(|w| PEOPLE.contains(&w))
}

/// Whether the page sends its readers' questions about itself to the name's team:
/// "Questions about this page can go to X's complaints team". Whoever answers for the page
/// published it.
/// How a page speaks of itself: "questions about this page", "this form".
const ABOUT_THE_PAGE: [&str; 6] = ["this page", "this form", "this self-assessment", "this assessment", "this document", "this report"];

/// The teams a page sends its readers' questions to.
const QUESTION_TEAMS: [&str; 4] = ["complaints team", "customer services", "customer service team", "feedback team"];

fn takes_questions_on_the_page(before: &str, after: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    let sent = ["go to", "write to", "contact", "email", "be sent to", "speak to"].iter().any(|v| lower.strip_suffix(" the").unwrap_or(&lower).ends_with(v));
    let team = after_owner(after).map(str::trim_start).is_some_and(|r| QUESTION_TEAMS.iter().any(|t| r.get(..t.len()).is_some_and(|h| h.eq_ignore_ascii_case(t))));
    sent && team && ABOUT_THE_PAGE.iter().any(|p| lower.contains(p))
}

/// Whether the page sends its readers' questions about itself to a team at the name:
/// "Questions about this page? Contact the complaints team at X."
fn reached_at_its_team(text: &str, start: usize) -> bool {
    let line = text[..start].rsplit('\n').next().unwrap_or("").trim_end().to_ascii_lowercase();
    let verb = ["contact", "write to", "email", "speak to", "go to"].iter().any(|v| line.contains(v));
    let at_a_team = line.strip_suffix(" at").is_some_and(|l| QUESTION_TEAMS.iter().any(|t| l.ends_with(t)));
    at_a_team && verb && ABOUT_THE_PAGE.iter().any(|p| line.contains(p))
}

/// Whether a label before the name says it answers for the page: "Questions about this form:
/// X, Clerk to the Trustees, 01632 …".
fn answers_for_the_page(before: &str) -> bool {
    // (Or its team first: "Questions about this page: Customer Resolution Team, X".)
    let label = before.strip_suffix(':').or_else(|| {
        let (label, team) = before.strip_suffix(',')?.rsplit_once(':')?;
        let words: Vec<&str> = team.split_whitespace().collect();
        ((1..=5).contains(&words.len()) && words.iter().all(|w| starts_capitalised(w) || matches!(*w, "and" | "&" | "of" | "for"))).then_some(label)
    });
    let Some(label) = label else { return false };
    let label = label.trim().to_ascii_lowercase();
    ["questions", "enquiries", "queries", "comments", "contact"].iter().any(|w| label.starts_with(w)) && ABOUT_THE_PAGE.iter().any(|p| label.contains(p))
}

/// Whether a name is followed by the number to ring it on ("questions can go to the complaints
/// team at X on 01632 960 552"): the page tells its readers how to reach its publisher.
fn gives_its_number(after: &str) -> bool {
    after.strip_prefix(" on ").is_some_and(|n| {
        let digits = n.bytes().take(16).take_while(|b| b.is_ascii_digit() || matches!(b, b' ' | b'+' | b'(' | b')' | b'-')).filter(u8::is_ascii_digit).count();
        digits >= 10
    })
}

/// "Back to Fenmoor Homes homepage", "Return to the Fenmoor Council home page": a link to
/// the site's own home names the site's owner.
fn links_home(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let rest = text[end..].trim_start();
    let before = before.strip_suffix(" the").unwrap_or(before).trim_end();
    let back = ["Back to", "back to", "Return to", "return to", "Go to", "go to"].iter().any(|b| before.ends_with(b));
    // A link that opens its line and leads back into the site ("< Back to X news and
    // reports") is the site's own as well.
    let opens_a_link = ["Back to", "< Back to", "\u{2039} Back to", "\u{2190} Back to", "\u{ab} Back to"].contains(&before.trim_start());
    back && (opens_a_link || ["homepage", "home page", "home", "website", "main site", "main website"].iter().any(|h| opens_with_word(rest, h)))
}

/// Whether `text` opens with `word` (ASCII letters in any case) as a whole word.
fn opens_with_word(text: &str, word: &str) -> bool {
    text.as_bytes().get(..word.len()).is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes())) && text[word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `text` ends with `cue` (ASCII letters in any case).
fn ends_with_ignoring_case(text: &str, cue: &str) -> bool {
    text.len() >= cue.len() && text.is_char_boundary(text.len() - cue.len()) && text[text.len() - cue.len()..].eq_ignore_ascii_case(cue)
}

/// Whether a name is an item of a contact block that goes on to its address ("Questions:
/// Customer Resolution Team, Fenmoor Homes, Unit 4, Mill Row"): after a label or another
/// item, before a building, a number or a PO box.
fn heads_an_address(before: &str, rest: &str) -> bool {
    const BUILDINGS: [&str; 14] = ["Unit", "Suite", "Floor", "PO", "P.O.", "Block", "Level", "Civic", "Town", "County", "Council", "Head", "Registered", "Office"];
    // Or after the person it is written to: "Write to: The Clerk, X, Kirkleatham, Redcar".
    const ROLES: [&str; 9] = ["Clerk", "Secretary", "Officer", "Manager", "Team", "Trustees", "Chair", "Warden", "Administrator"];
    let Some(next) = rest.strip_prefix(',').map(str::trim_start).and_then(|r| r.split_whitespace().next()) else { return false };
    let after_a_role = before.strip_suffix(',').is_some_and(|b| ROLES.iter().any(|r| b.trim_end().ends_with(r)));
    before.ends_with([',', ':']) && (next.starts_with(|c: char| c.is_ascii_digit()) || BUILDINGS.contains(&next.trim_end_matches(',')) || after_a_role)
}

/// Whether a line (or a label's value) opens with the name and one of its departments, then
/// more of an address: "Fenmoor Homes Customer Relations, Freepost …", "Questions about this
/// page: Fenmoor Council Housing Complaints Team, Town Hall, …". A contact block is the
/// publisher's.
pub(super) fn heads_a_contact_block(text: &str, start: usize, end: usize) -> bool {
    heads_its_department(text[..start].trim_end(), text[end..].trim_start())
}

/// Whether the words after a name close a sign-off: its committee or board ("X Resident
/// Services Committee"), then a date or nothing ("X, March 2023", "X Board, 9 December
/// 2020"). The line is the name's signature.
pub(super) fn closes_a_sign_off(rest: &str) -> bool {
    static DATE: OnceLock<regex::Regex> = OnceLock::new();
    let date = DATE.get_or_init(|| {
        chc_code::regexes::compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\s+(?:19|20)\d\d\.?$|^\d{1,2}/\d{1,2}/(?:19|20)?\d\d\.?$")
    });
    // The committee's name runs up to a comma or a dash, the date after it.
    let rest = rest.trim();
    let (head, tail) = match rest.split_once([',', '\u{2013}']) {
        Some((head, tail)) => (head.trim(), Some(tail.trim())),
        None => (rest, None),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let committee = (1..=5).contains(&words.len()) && words.iter().all(|w| starts_capitalised(w)) && words.last().is_some_and(|w| GOVERNING_BODIES.contains(w));
    match tail {
        None => committee,
        Some(tail) => (committee || head.is_empty()) && date.is_match(tail),
    }
}

fn heads_its_department(before: &str, rest: &str) -> bool {
    const DEPARTMENTS: [&str; 9] = ["Team", "Services", "Service", "Relations", "Department", "Unit", "Hub", "Centre", "Line"];
    let Some((department, _)) = rest.split_once([',', ':']) else { return false };
    let words: Vec<&str> = department.split_whitespace().collect();
    (before.is_empty() || before.ends_with(':'))
        && (1..=4).contains(&words.len())
        && words.iter().all(|w| starts_capitalised(w))
        && words.last().is_some_and(|w| DEPARTMENTS.contains(w))
}

/// Whether a possessive after a name owns the self-assessment: "… part of Fenmoor Homes'
/// annual self-assessment", "Fenmoor Homes's self assessment against the Code".
pub(super) fn owns_the_assessment(after: &str) -> bool {
    // Or names it as its title does: "X Complaint Handling Code self-assessment", "X CHC self
    // assessment 2024.pdf", "X complaints self-assessment 2020".
    let head: String = after.chars().take(60).collect::<String>().to_ascii_lowercase();
    let titled = [" complaint handling code ", " complaints ", " complaint handling ", " chc ", " code ", " "].iter().filter_map(|c| head.strip_prefix(c)).any(|r| r.starts_with("self-assessment") || r.starts_with("self assessment"));
    // "X: complaint handling self-assessment 2024", "X – our Code self-assessment": a title.
    let headed = [":", " \u{2013}", " -", " |"].iter().find_map(|c| after.strip_prefix(c)).is_some_and(|r| {
        let head: String = r.chars().take(48).collect::<String>().to_ascii_lowercase();
        head.contains("self-assessment") || head.contains("self assessment")
    });
    if titled || headed {
        return true;
    }
    let Some(owned) = ["'s ", "\u{2019}s ", "' ", "\u{2019} "].iter().find_map(|p| after.strip_prefix(p)) else { return false };
    let owned = owned.to_ascii_lowercase();
    let owned = ["annual ", "latest ", "own ", "2024 ", "2025 ", "2023 ", "2022 "].iter().fold(owned.as_str(), |o, q| o.strip_prefix(q).unwrap_or(o));
    owned.starts_with("self-assessment") || owned.starts_with("self assessment")
}

/// Whether the words after a name label its answer: "Fenmoor Homes response: …", "Fenmoor
/// Homes' comments -", as the 2020 questionnaire's answers are labelled.
fn heads_its_response(after: &str) -> bool {
    let after = after.strip_prefix("'s").or_else(|| after.strip_prefix('\'')).or_else(|| after.strip_prefix("\u{2019}s")).unwrap_or(after);
    let Some(rest) = after.strip_prefix(' ') else { return false };
    ["response", "responses", "comment", "comments", "answer"].iter().any(|label| {
        rest.get(..label.len()).is_some_and(|head| head.eq_ignore_ascii_case(label)) && rest[label.len()..].trim_start().starts_with([':', '-', '\u{2013}'])
    })
}

/// Whether the name at `start` is the body whose own governance approved or published the
/// form: "approved by the Tollgarth Homes Board", "agreed by Skelbrook Housing Co-operative
/// management committee", "approved by Fenmoor Homes", "published in Fenmoor Homes' annual
/// report". A board or committee is a landlord's own; someone else's panel that merely sees
/// the figures ("X Council's scrutiny panel hears our figures") approves nothing.
fn approves_the_form(text: &str, start: usize, after: &str) -> bool {
    const GOVERNANCE: [&str; 6] = ["board", "management committee", "committee", "executive", "cabinet", "annual report"];
    const VERBS: [&str; 8] = ["approved by", "signed off by", "agreed by", "endorsed by", "approved at", "published in", "published by", "reviewed by"];
    // Asked of every name a form holds: nothing is copied unless a cue is near.
    let line_start = text[..start].rfind(['\n', '.', ';']).map_or(0, |i| i + 1);
    let before = text[line_start..start].trim_end();
    let before = if ends_with_ignoring_case(before, " the") { before[..before.len() - 4].trim_end() } else { before };
    // Or a line the approval opens: "Considered on 19 January 2021 by X's Scrutiny Board".
    const OPENING_VERBS: [&str; 5] = ["Considered", "Approved", "Agreed", "Endorsed", "Noted"];
    let opens_an_approval = OPENING_VERBS.iter().any(|v| before.starts_with(v)) && ends_with_ignoring_case(before, " by");
    let approved_by = VERBS.iter().any(|v| ends_with_ignoring_case(before, v)) || opens_an_approval;
    let after_board_of = ["board of", "committee of"].iter().any(|b| ends_with_ignoring_case(before, b));
    let owned = after.strip_prefix("'s").or_else(|| after.strip_prefix("\u{2019}s")).or_else(|| after.strip_prefix('\'')).or_else(|| after.strip_prefix('\u{2019}')).unwrap_or(after);
    let body = owned.trim_start();
    // Its board or a named committee of it: "X Board", "X Customer Services Committee".
    let governing_body = || {
        let mut rest = body;
        for _ in 0..5 {
            if let Some(g) = GOVERNANCE.iter().find(|g| opens_with_word(rest, g)) {
                return Some(&rest[g.len()..]);
            }
            let word = rest.split_whitespace().next()?;
            if !(starts_capitalised(word) || matches!(word, "and" | "&")) {
                return None;
            }
            rest = rest[word.len()..].trim_start();
        }
        None
    };
    if !approved_by && !after_board_of {
        // "The X Board approved this self-assessment": its governance, in the active voice.
        let Some(rest) = governing_body() else { return false };
        let rest = rest.trim_start().to_ascii_lowercase();
        let sentence = rest.split(['.', ';']).next().unwrap_or("");
        return ["approved", "agreed", "endorsed", "signed off", "reviewed and approved"].iter().any(|v| sentence.starts_with(v))
            && ["assessment", "this form", "this return", "this document", "this report", "this page"].iter().any(|f| sentence.contains(f));
    }
    let before = before.to_ascii_lowercase();
    let board_of = after_board_of && ["approved", "signed", "agreed", "endorsed", "reviewed"].iter().any(|v| before.contains(v));
    let governs = governing_body().is_some();
    // "This self-assessment was approved by Fenmoor Homes": a bare name approves the form
    // only where the sentence says it is the form that was approved ("assessment" stands in
    // "self-assessment" and "this assessment" too).
    let the_form = ["assessment", "this form", "this return", "this document", "report", "this page"].iter().any(|f| before.contains(f));
    let bare = owned.len() == after.len() && !body.starts_with(|c: char| c.is_alphanumeric());
    // A sign-off line opens with its verb ("Approved by the X Board, May 2024"); in a
    // sentence, the approval must be the form's ("this self-assessment was approved by …"),
    // not that of a policy the writer follows ("the group policy agreed by the X board").
    let signs = before.split_whitespace().count() <= 4 || opens_an_approval;
    approved_by && (governs && (the_form || signs) || bare && the_form) || board_of
}

/// Whether the word before `start` places what follows ("homes in Barnsley", "near
/// Wrekin"): a stem after it is a place, not the body named after it. ("Across" and
/// "within" frame the writer's own body instead: [`in_own_voice`].)
pub(super) fn after_a_word_of_place(text: &str, start: usize) -> bool {
    const PLACE_WORDS: [&str; 4] = ["in", "around", "near", "outside"];
    let is_place_word = |word: &str| PLACE_WORDS.iter().any(|p| word.eq_ignore_ascii_case(p));
    // "homes across the Thames Valley", "throughout the Wrekin": a region, with its article.
    let region = |at: usize| last_token(&text[..at]).is_some_and(|(_, w)| is_place_word(w) || matches!(w, "across" | "throughout" | "within" | "covering"));
    last_token(&text[..start]).is_some_and(|(at, word)| is_place_word(word) || word == "the" && region(at))
}

/// Whether the short form at `start..end` is one end of a stretch of country: "from
/// Richmond upon Thames to the north east".
pub(super) fn ends_a_stretch(text: &str, start: usize, end: usize) -> bool {
    last_token(&text[..start]).is_some_and(|(_, w)| w.eq_ignore_ascii_case("from")) && text[end..].starts_with(" to ")
}

/// Whether the name at `start` is the body a line signs the form off for ("Signed on behalf
/// of Fenmoor Homes Board", "Approved by the Board of Fenmoor Homes", "Reviewed and approved
/// by Fenmoor Homes' Board", "Signed off by the Cabinet Member for Housing, Fenmoor
/// Council", "Signed: Cllr Ann Roe, Cabinet Member for Housing, Fenmoor Council"): its
/// publisher.
pub(super) fn signs_off(text: &str, start: usize) -> bool {
    static SIGN_OFF: OnceLock<regex::Regex> = OnceLock::new();
    let sign_off = SIGN_OFF.get_or_init(|| {
        regex::Regex::new(r"(?i)^\s*(?:reviewed\s+and\s+)?(?:signed|approved|agreed|endorsed)(?:\s+off)?(?:\s+(?:in|on)\s+[a-z0-9 ]{1,20}?)?(?:\s+for\s+and)?\s+(?:on\s+behalf\s+of|by|for)\b[^.;:!?]*$|^\s*(?:signed|approved|signed\s+off)\s*[:\x{2013}-]\s[^.;:!?]*$").expect("fixed pattern")
    });
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    sign_off.is_match(&text[line_start..start])
}

/// Whether a line heads a list of links to other pages ("Related pages", "See also", "Latest
/// news"): the names listed under it are other sites'.
pub(super) fn lists_other_pages(line: &str) -> bool {
    const HEADINGS: [&str; 9] = ["related pages", "related content", "related links", "related articles", "see also", "you may also be interested in", "you might also like", "latest news", "other landlords"];
    let t = line.trim().trim_end_matches(':').to_ascii_lowercase();
    HEADINGS.contains(&t.as_str())
}

/// What separates the items of a menu line ("Home | About us", "Home > Housing").
const MENU_SEPARATORS: [char; 5] = ['|', '\u{2022}', '\u{b7}', '>', '/'];

/// Whether a line ends with a UK postcode ("…, High Street, Anytown AB1 2CD"): an address.
pub(super) fn ends_with_postcode(line: &str) -> bool {
    static POSTCODE: OnceLock<regex::Regex> = OnceLock::new();
    let postcode = POSTCODE.get_or_init(|| regex::Regex::new(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\.?$").expect("fixed pattern"));
    postcode.is_match(line.trim_end())
}

/// Whether the words after a name make it do something: a space, then a lower-case word that
/// does not join it to more words ("X assessed itself", not "X and Y", "X of the county").
fn acts(after: &str) -> bool {
    let verb = past_own_initials(after).strip_prefix(' ').and_then(|a| a.split_whitespace().next());
    verb.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase) && !CONNECTORS.contains(&w) && !matches!(w, "or" | "to" | "a" | "an"))
}

/// Whether the name at `start..end` does what its sentence says, in the form's own voice
/// ("Fenmoor Homes has used this definition since 2020", "… in part 2 of our procedure
/// Fenmoor Homes has used …"): the subject of a cell's sentence about the form.
pub(super) fn acts_in_own_voice(text: &str, start: usize, end: usize) -> bool {
    says_what_it_does(past_own_initials(&text[end..])) && in_own_voice(text, start, end)
}

/// The words after a name past the initials it is given there ("Fenmoor Borough Council
/// (FBC) logs every complaint" → " logs every complaint"): the sentence goes on about the
/// name.
fn past_own_initials(after: &str) -> &str {
    let Some(inner) = after.strip_prefix(" (") else { return after };
    match inner.split_once(')') {
        Some((initials, rest)) if (2..=8).contains(&initials.len()) && initials.bytes().all(|b| b.is_ascii_uppercase() || b == b'&') => rest,
        _ => after,
    }
}

/// Whether the words after a name are a verb in the present or past ("has", "will",
/// "uses", "reviewed", "also publishes"), not a noun the name qualifies ("… Housing
/// system", "… Homes members"): stricter than [`acts`], for a name read only in a cell.
fn says_what_it_does(after: &str) -> bool {
    const AUXILIARIES: [&str; 16] = ["is", "was", "has", "had", "have", "will", "would", "can", "could", "may", "must", "shall", "should", "does", "did", "cannot"];
    const ADVERBS: [&str; 8] = ["also", "now", "already", "still", "currently", "always", "only", "fully"];
    const PLURAL_NOUNS: [&str; 18] = [
        "members", "tenants", "residents", "customers", "staff", "homes", "properties", "cases", "complaints", "services", "officers", "colleagues", "partners", "contractors", "leaseholders",
        "schemes", "estates", "policies",
    ];
    let mut words = after.strip_prefix(' ').map(str::split_whitespace).into_iter().flatten().map(|w| w.trim_end_matches([',', '.', ';', ':']));
    let verb = |w: &str| {
        w.chars().next().is_some_and(char::is_lowercase) && (AUXILIARIES.contains(&w) || w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss") && !PLURAL_NOUNS.contains(&w))
    };
    match words.next() {
        Some(w) if ADVERBS.contains(&w) => words.next().is_some_and(verb),
        Some(w) => verb(w),
        None => false,
    }
}

/// Words a sentence may open with before the name it is about: "At X, …", "As X, we …",
/// "We at X …", "Here at X …".
/// And the name the writer says it is, or welcomes the reader to ("We are X, …", "Welcome to X").
const OWN_VOICE_OPENINGS: [&str; 19] = [
    "at", "as", "we at", "here at", "we, at", "we, as", "us at", "we,", "we are", "we're", "we\u{2019}re", "welcome to",
    // The writer's legal name beside its brand: "our registered name is X".
    "our registered name is", "our legal name is", "our full name is",
    // A sign-off from the whole staff: "From everyone at X, thank you for reading".
    "from everyone at", "everyone at", "from all of us at", "all of us at",
];

/// Words just before a name that make it the frame the writer works in ("used across X",
/// "throughout X", "within X").
const OWN_VOICE_BEFORE: [&str; 3] = ["across", "throughout", "within"];

/// Words that make the name after them a name used as an adjective ("all X staff", "every X
/// resident", "the X Board"): the writer's own organisation, unless a preposition leads
/// the phrase ("go to the X planning team").
const DETERMINERS: [&str; 7] = ["all", "every", "each", "any", "our", "the", "new"];

/// Prepositions (and verbs of contact) that put a name in the object of its sentence.
const LEADS_TO_ANOTHER: [&str; 16] = ["to", "by", "from", "with", "of", "at", "for", "about", "via", "through", "into", "visited", "concerns", "follow", "follows", "followed"];

/// Words that tie a name to the clause before it ("X and Y", "higher than X", "a team that
/// X funds").
const JOINS_CLAUSES: [&str; 17] = ["and", "or", "but", "nor", "than", "whereas", "while", "whilst", "that", "which", "where", "when", "if", "unless", "because", "so", "like"];

/// Whether a known landlord named in evidence or commentary at `start..end` of `text` is named
/// as the form's own: what its sentence (or line, or cell) opens with ("Karbon Homes accepts
/// …", "Karbon Homes Complaints Policy"), the owner of a policy, the name the writer speaks
/// as ("We at X", "At X, …", "As X, we …"), the frame of the sentence ("across X") or a
/// name used as an adjective ("all X staff"). After a preposition or a verb of contact
/// ("passed to X", "run by X", "tenants of X", "visited X") a cell names other bodies the
/// landlord deals with far more often than itself.
pub(super) fn in_own_voice(text: &str, start: usize, end: usize) -> bool {
    if owns_a_policy(&text[start..end], &text[end..]) || owns_the_assessment(&text[end..]) || reports_to_its_governance(text, start, end) {
        return true;
    }
    let written = sentence_head(text, start);
    let head = plain_head(written);
    if head.is_empty() || opens_as_the_writer(written) || OWN_VOICE_OPENINGS.contains(&head.as_str()) {
        return true;
    }
    let words: Vec<&str> = head.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let last = words.last().copied().unwrap_or("");
    if OWN_VOICE_BEFORE.contains(&last) || words.ends_with(&["we", "at"]) || names_itself_a_landlord(&words) {
        return true;
    }
    // "… part 2 of our procedure X has used this definition since 2020": a cell that runs
    // sentences together without a full stop; the name does something, and no preposition
    // or conjunction ties it to the words before.
    if acts(&text[end..]) && !LEADS_TO_ANOTHER.contains(&last) && !JOINS_CLAUSES.contains(&last) {
        return true;
    }
    // "all X staff": a determiner before, a word after, no preposition before the phrase.
    let determiner = last;
    let lead = words.len().checked_sub(2).map(|i| words[i]);
    let followed = text[end..].starts_with(' ') && text[end..].split_whitespace().next().is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic));
    DETERMINERS.contains(&determiner) && followed && !lead.is_some_and(|w| LEADS_TO_ANOTHER.contains(&w))
}

/// "The Code helps landlords, such as X, …": a page gives itself as the example of the
/// landlords a rule is for; "other landlords, such as X" are others.
fn names_itself_a_landlord(words: &[&str]) -> bool {
    const OTHERS: [&str; 9] = ["other", "neighbouring", "similar", "peer", "partner", "comparable", "local", "some", "many"];
    // "landlords, for example X", "landlords like X", "landlords including X" as well.
    let example = |cue: &[&str]| words.len() > cue.len() && words.ends_with(cue) && words[words.len() - cue.len() - 1] == "landlords";
    let Some(cue_len) = [&["such", "as"][..], &["for", "example"], &["like"], &["including"]].iter().find(|c| example(c)).map(|c| c.len()) else { return false };
    let before = words.len().checked_sub(cue_len + 2).map(|i| words[i]);
    !before.is_some_and(|b| OTHERS.contains(&b))
}

/// The words of the sentence before `start`. Cells run sentences together: a bracket closed
/// before the name ends one too.
fn sentence_head(text: &str, start: usize) -> &str {
    let before = &text[..start];
    let sentence_at = before.rfind(['.', ';', '!', '?', '\n', '|', ':', ')', '\u{2022}']).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    before[sentence_at..].trim()
}

/// Whether a sentence's words before a name are the writer speaking as it ("At X, …", "As
/// X, we …", "We at X …", "Here at X …", "We are X"): the name is the writer's own.
fn speaks_as(head: &str) -> bool {
    opens_as_the_writer(head) || OWN_VOICE_OPENINGS.contains(&plain_head(head).as_str())
}

/// "… (page 3) At X, every complaint …": a capitalised opening starts a sentence.
fn opens_as_the_writer(head: &str) -> bool {
    let opening = head.rsplit_once(' ').map_or(head, |(_, w)| w);
    matches!(opening, "At" | "As")
}

/// A sentence's words before a name as the own-voice checks compare them: lower case,
/// without the marks around them, and without a last "the" ("the" alone is nothing).
fn plain_head(head: &str) -> String {
    let head = head.to_ascii_lowercase();
    let head = head.trim_matches(|c: char| !c.is_alphanumeric() && c != ',');
    head.strip_suffix(" the").or_else(|| (head == "the").then_some("")).unwrap_or(head).to_string()
}

/// Whether a name the gazetteer lacks is the writer's own in a cell: the subject of its
/// sentence in the form's voice ([`acts_in_own_voice`]), or the name the sentence speaks as
/// ("At Fenmoor Homes, every complaint is logged").
pub(super) fn own_in_cell(text: &str, start: usize, end: usize) -> bool {
    speaks_as(sentence_head(text, start)) || acts_in_own_voice(text, start, end) || reports_to_its_governance(text, start, end)
}

/// Whether a name is named as the owner of the governing body the form's reports go to ("half-year
/// reports go to Fenmoor Borough Council Cabinet", "… to the Fenmoor Homes Board"): the
/// writer's own governance. Not "agreed by the X board", a policy another body approved
/// ([`approves_the_form`] reads approvals).
fn reports_to_its_governance(text: &str, start: usize, end: usize) -> bool {
    // (Any case: "to the X committee" as "to X Board".)

    // (Its own or its possessive: "X Cabinet", "X's Cabinet"; named for what it oversees:
    // "X's Housing and Communities Committee".)
    let after = ["'s ", "\u{2019}s ", "' ", "\u{2019} ", " "].iter().find_map(|p| text[end..].strip_prefix(p));
    let governs = after.is_some_and(|a| {
        a.split_whitespace()
            .take(5)
            .map(|w| w.trim_end_matches(['.', ',', ';', ':', ')']))
            // (Or a lower-case word naming what it oversees: "X's management committee".)
            .take_while(|w| starts_capitalised(w) || ["and", "&", "of", "for", "management", "scrutiny", "audit", "risk"].contains(w) || GOVERNING_BODIES.iter().any(|g| g.eq_ignore_ascii_case(w)))
            .any(|w| GOVERNING_BODIES.iter().any(|g| g.eq_ignore_ascii_case(w)))
    });
    let head = sentence_head(text, start).to_ascii_lowercase();
    let head = head.strip_suffix(" the").unwrap_or(&head);
    // The body written before the name: "reports to the Board of X", "approved by the
    // Housing Committee of X".
    // (The body's own words before it: "the Chief Executive of X", "the Housing Committee
    // of X".)
    let body_before = head.strip_suffix(" of").and_then(|h| {
        let mut body = GOVERNING_BODIES.iter().find_map(|g| h.strip_suffix(g.to_ascii_lowercase().as_str()))?.trim_end();
        for _ in 0..2 {
            if body.ends_with(" the") || body.ends_with(" to") || body.ends_with(" by") {
                break;
            }
            body = body.rsplit_once(' ').map_or("", |(before, _)| before);
        }
        Some(body.strip_suffix(" the").unwrap_or(body).to_string())
    });
    let (governs, head) = match &body_before {
        Some(h) => (true, h.as_str()),
        None => (governs, head),
    };
    // "… go to", "… reported to", "… reports to"; and the procedure its Cabinet or Board
    // made its own: "approved by X Cabinet", "adopted by X's Board".
    // (A group's board approving a policy its members follow is the parent's: "the group
    // policy agreed by the X Group board".)
    let a_groups = text[start..end].ends_with(" Group") || head.contains("group");
    // (Or the business it is "an item for", "a report for", where the writer does not speak
    // as another: "we prepare a report for X Council's Cabinet" is an ALMO's to its owner.)
    let item_for = head.ends_with(" for") && !head.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "we" | "our" | "us"));
    governs && (head.ends_with(" to") || item_for || !a_groups && ["approved by", "adopted by", "agreed by", "endorsed by", "considered by", "reviewed by", "scrutinised by", "noted by", "signed off by"].iter().any(|v| head.ends_with(v)))
}

/// Whether a short form at `start..end` stands alone as a name: not part of a longer run of
/// capitalised words ("Wrekin" in "Telford & Wrekin", "Norfolk" in "South Norfolk").
pub(super) fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let previous = last_token(&text[..start]).map(|(at, t)| {
        // "Telford & Wrekin": a connector after a capitalised word joins the run.
        if CONNECTORS.contains(&t) {
            last_token(&text[..at]).filter(|(_, p)| starts_capitalised(p) && !p.ends_with([',', '.', ';', ':'])).map_or("", |(_, p)| p)
        } else {
            t
        }
    });
    // A capitalised word that opens a sentence before a name ("At Wrekin, …", "Contact
    // Wrekin") is not part of it.
    let joined_before = previous.is_some_and(|p| starts_capitalised(p) && !LEAD_WORDS.contains(&p) && !p.ends_with([',', '.', ';', ':', '!', '?', '|', ')']));
    let touching_before = text[..start].chars().next_back().is_some_and(|c| !c.is_whitespace() && !"(\"'\u{2018}\u{201c}[".contains(c));
    let after = &text[end..];
    // (The title of its own policy may follow: "the bpha Customer Feedback Policy".)
    let joined_after = after.starts_with(' ') && after.split_whitespace().next().is_some_and(starts_capitalised) && !owns_a_policy(&text[start..end], after);
    !joined_before && !touching_before && !joined_after
}

/// Whether the name at `start` ends a longer run of capitalised words on its line, as a
/// known landlord whose name is only common words ("Housing Solutions", "Foundation") ends
/// a name the gazetteer lacks: "Lyndale Housing Solutions", "Bellmoor Housing Foundation".
/// A word that opens a sentence ("Contact Housing Solutions"), a word of the Code or of
/// governance ("Complaints Policy Foundation") and a number do not join the run.
pub(super) fn ends_a_longer_name(text: &str, start: usize) -> bool {
    let gap = &text[text[..start].trim_end().len()..start];
    if gap.is_empty() || gap.contains('\n') {
        return false;
    }
    let Some((_, previous)) = last_token(&text[..start]) else { return false };
    let previous = previous.trim_start_matches(['(', '"', '\u{201c}', '\'', '\u{2018}']);
    previous.chars().next().is_some_and(char::is_uppercase)
        && !previous.ends_with([',', '.', ';', ':', '!', '?', '|', ')'])
        && !LEAD_WORDS.contains(&previous)
        && !previous.split('-').any(|part| NOT_NAME_WORDS.contains(&part.to_ascii_lowercase().as_str()))
}

/// Whether `at` starts a sentence of `text` (a capitalised word there may be any word).
pub(super) fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?'])
}

/// The kind words a web host's label may end with, run together as hosts spell them, longest
/// first, each with how a name writes it and whether it alone makes a landlord's name ("…homes"
/// does; "…group" or "…trust" may be any body's).
pub(super) const HOST_KIND_ENDINGS: [(&str, &str, bool); 20] = [
    ("communityhousing", "Community Housing", true),
    // The kinds of the smaller landlords ("wyvernhousingsociety", "oakfieldalmshouses").
    ("housingsociety", "Housing Society", true),
    ("housingfoundation", "Housing Foundation", true),
    ("housingcooperative", "Housing Co-operative", true),
    ("housingsolutions", "Housing Solutions", true),
    ("almshousecharity", "Almshouse Charity", true),
    ("almshousescharity", "Almshouses Charity", true),
    ("almshouses", "Almshouses", true),
    ("homestrust", "Homes Trust", true),
    ("housingassociation", "Housing Association", true),
    ("housinggroup", "Housing Group", true),
    ("housingtrust", "Housing Trust", true),
    ("housingpartnership", "Housing Partnership", true),
    ("communities", "Communities", false),
    ("partnership", "Partnership", true),
    ("housing", "Housing", true),
    ("living", "Living", true),
    ("homes", "Homes", true),
    ("group", "Group", false),
    ("trust", "Trust", false),
];

/// The landlord kind a host label ends with, spelled as a name ends ("eastwoldhomes" →
/// ("eastwold", "Homes")): a domain of a landlord the gazetteer does not know.
pub(super) fn label_kind(label: &str) -> Option<(&str, &'static str)> {
    let label = label.strip_prefix("the").filter(|_| label.len() > 12).unwrap_or(label);
    HOST_KIND_ENDINGS
        .iter()
        .filter(|(_, _, names_a_landlord)| *names_a_landlord)
        .find_map(|(ending, kind, _)| label.strip_suffix(ending).filter(|stem| stem.len() >= 4 && stem.bytes().all(|b| b.is_ascii_lowercase())).map(|stem| (stem, *kind)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `shaped_names` finds, as text: every kind word of the text is offered.
    fn names(text: &str) -> Vec<&str> {
        let kinds: Vec<(usize, usize)> = KIND_WORDS.iter().flat_map(|k| text.match_indices(k).map(|(i, m)| (i, i + m.len()))).collect();
        let mut found: Vec<Shaped> = shaped_names(text, &kinds);
        found.sort_by_key(|s| s.start);
        found.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn names_wrapped_over_two_lines_are_read_whole() {
        assert_eq!(wrapped_name("Pellow Vale Housing", "Association").as_deref(), Some("Pellow Vale Housing Association"));
        assert_eq!(wrapped_name("Published by the Guild of", "St Aldric, a charity for older people.").as_deref(), Some("Published by the Guild of St Aldric, a charity for older people."));
        assert_eq!(wrapped_name("The self-assessment of Marsh-on-", "Severn Homes for 2024").as_deref(), Some("The self-assessment of Marsh-on-Severn Homes for 2024"));
        assert_eq!(wrapped_name("Second Harbour", "Towns Homes").as_deref(), Some("Second Harbour Towns Homes"));
        // A word broken at a hyphen of the writer's; a running footer's page after the name.
        assert_eq!(wrapped_name("Tarn-", "leigh Homes").as_deref(), Some("Tarnleigh Homes"));
        assert_eq!(wrapped_name("Tarn-", "leigh and the river"), None);
        assert_eq!(wrapped_name("Pellowmere", "Living \u{b7} p1").as_deref(), Some("Pellowmere Living"));
        // Two lines of their own: a heading then a sentence, a title then a name, a number.
        assert_eq!(wrapped_name("Our complaints process", "We answer within 10 working days."), None);
        assert_eq!(wrapped_name("Complaint Handling Code:", "Pellow Homes"), None);
        assert_eq!(wrapped_name("Menu", "Pellow Homes"), None);
        assert_eq!(wrapped_name("Housing Services", "Pellow Vale District Council"), None);
        assert_eq!(wrapped_name("4. Communication", "Pellow Housing Association | Self-assessment | 2021"), None);
        assert_eq!(wrapped_name("Pellow Homes", "Tarn Housing"), None);
        assert_eq!(wrapped_name("Section 1 of", "2 sections"), None);
    }

    #[test]
    fn misspelled_kinds_are_mended_in_names() {
        let mended = |t: &str| mended_spelling(t);
        assert_eq!(mended("Fenmoor Borough Counci1 - how we meet the Code").as_deref(), Some("Fenmoor Borough Council - how we meet the Code"));
        assert_eq!(mended("Contact Pellow Hosuing Assocation today").as_deref(), Some("Contact Pellow Housing Association today"));
        assert_eq!(mended("MARROW VALE DISTRICT COUN CIL").as_deref(), Some("MARROW VALE DISTRICT COUNCIL"));
        assert_eq!(mended("Harwick w/ Dunmore BC").as_deref(), Some("Harwick with Dunmore BC"));
        // Right already, a plural or singular, a town one letter away, or no name before it.
        assert_eq!(mended("Fenmoor Councils and Pellow Almshouse Charity"), None);
        assert_eq!(mended("South Cave and Brough"), None);
        assert_eq!(mended("the counci1 replied; w/ thanks"), None);
        assert_eq!(mended("Pellow Homes. Hosuing"), None);
    }

    #[test]
    fn landlord_shaped_names() {
        assert_eq!(names("Harwick Vale Partnership - Complaint Handling Code self-assessment"), ["Harwick Vale Partnership"]);
        assert_eq!(names("Contact Pellow Housing Group about it"), ["Pellow Housing Group"]);
        assert_eq!(names("Residents of Pellow Homes said"), ["Pellow Homes"]);
        assert_eq!(names("A copy of Dunmore Vale Council's policy"), ["Dunmore Vale Council"]);
        assert_eq!(names("See (Gorse Hill Homes) and Newbury upon Avon Town Council."), ["Gorse Hill Homes", "Newbury upon Avon Town Council"]);
        assert_eq!(names("Places for Tenants Trust"), ["Places for Tenants Trust"]);
        assert_eq!(names("a request to Brent- on-Sea Borough Council"), ["Brent- on-Sea Borough Council"]);
        assert!(names("the Council's policy; our Homestead project").is_empty());
        assert_eq!(names("The City Council has a team"), ["City Council"]);
        assert!(shaped_names("Kestrel Borough Council", &[(16, 23)])[0].council);
        assert!(!shaped_names("Barrowdale Council", &[(11, 18)])[0].council);
        // A kind word inside a longer name is not where a landlord's name ends.
        assert!(names("Apply through Norfell Homes Choice online").is_empty());
        assert_eq!(names("Norfell Homes Limited is a registered society"), ["Norfell Homes"]);
        assert_eq!(names("Norfell Homes Complaint Handling Code self-assessment"), ["Norfell Homes"]);
        // A council's name ends at "Council"; a common noun's possessive owns no name.
        assert_eq!(names("Farrowby District Council Housing Complaints Policy 2024"), ["Farrowby District Council"]);
        assert!(names("The Council's Housing Complaints Policy was rewritten").is_empty());
        assert_eq!(names("St Aldwyn's Homes"), ["St Aldwyn's Homes"]);
        // Words a run-together cell puts before the name go, "and" among them.
        assert_eq!(names("request for service. Customer Feedback and Complaints Policy Tarnmoor Homes' policy, section 4."), ["Tarnmoor Homes"]);
        // A browser's print stamp before a title's name is not part of it.
        assert_eq!(names("11/06/2025, 13:30 Ashcombe Homes | Complaint Handling Code self-assessment"), ["Ashcombe Homes"]);
        // A span of years before a title's name is not part of it.
        assert_eq!(names("2024/25 Ashcombe Community Housing Self-Assessment"), ["Ashcombe Community Housing"]);
        assert_eq!(names("2024-2025 Ashcombe Homes"), ["Ashcombe Homes"]);
        // Almshouse charities and housing foundations.
        assert_eq!(names("\u{a9} 2025 Thornby Almshouse Charity"), ["Thornby Almshouse Charity"]);
        assert_eq!(names("Bellmoor Housing Foundation uses cookies"), ["Bellmoor Housing Foundation"]);
    }

    #[test]
    fn ascii_capitals_are_found_eight_bytes_at_a_time() {
        for text in ["", "A", "abcdefgh", "abcdefgHijklmnoP", "Ab\u{e9}Cd@[`{Z", "\u{c9}cole AZaz", "0123456789:;<=>?@AZ[\\]^_`az{|}~"] {
            let expected: Vec<usize> = text.bytes().enumerate().filter(|(_, b)| b.is_ascii_uppercase()).map(|(i, _)| i).collect();
            assert_eq!(ascii_capitals(text.as_bytes()).collect::<Vec<_>>(), expected, "{text}");
        }
        let every_byte: Vec<u8> = (0..=255).collect();
        assert_eq!(ascii_capitals(&every_byte).collect::<Vec<_>>(), (65..=90).collect::<Vec<usize>>());
    }

    #[test]
    fn words_run_together_are_parted() {
        let parted = |t: &str| parted_where_run_together(t).unwrap_or_else(|| t.to_string());
        assert_eq!(parted("in part 2 of our procedureFenmoor Homes' policy"), "in part 2 of our procedure Fenmoor Homes' policy");
        assert_eq!(parted("Skip to main contentFenmoor Homes logo"), "Skip to main content Fenmoor Homes logo");
        assert_eq!(parted("the same way each time.City of Fenmoor Council"), "the same way each time. City of Fenmoor Council");
        assert_eq!(parted("regularly.YesFenmoor Homes' policy"), "regularly. Yes Fenmoor Homes' policy");
        assert_eq!(parted("Complaints PolicyFenmoor HomesMenu"), "Complaints Policy Fenmoor Homes Menu");
        assert_eq!(parted("FENMOOR CITY COUNCILComplaint Handling Code"), "FENMOOR CITY COUNCIL Complaint Handling Code");
        assert_eq!(parted("PDFs and HTMLPages"), "PDFs and HTML Pages");
        assert_eq!(parted("Section 5.1 (page 3)Fenmoor Homes' policy"), "Section 5.1 (page 3) Fenmoor Homes' policy");
        assert_eq!(parted("Is it a complaint?Fenmoor Homes' policy"), "Is it a complaint? Fenmoor Homes' policy");
        assert_eq!(parted("Skip to contentFM Council"), "Skip to content FM Council");
        assert_eq!(parted("Fenmoor CouncilSearchMenu"), "Fenmoor Council Search Menu");
        assert_eq!(parted("HomeFenmoor Housing Co-operativePoliciesComplaints"), "Home Fenmoor Housing Co-operative Policies Complaints");
        assert_eq!(parted("Skip to main contentFenmoor HomesMy account"), "Skip to main content Fenmoor HomesMy account");
        assert_eq!(parted("The policy says so (4.1).Fenmoor Homes' policy"), "The policy says so (4.1). Fenmoor Homes' policy");
        assert_eq!(parted("in line on 1 March 2024.Fenmoor Homes' policy"), "in line on 1 March 2024. Fenmoor Homes' policy");
        for kept in ["LiveWest and McCarthy Stone", "ForHousing", "RealHousingCo", "see www.fenmoorHomes.org.uk", "e.g. the Code", "Section 7.1 of the policy", "iPhone"] {
            assert_eq!(parted(kept), kept);
        }
    }

    #[test]
    fn lines_in_capitals_as_running_text_prints_them() {
        assert!(in_capitals("TARNMOOR HOMES \u{2013} SELF-ASSESSMENT 2024/25"));
        assert!(!in_capitals("LHP 2024"));
        assert!(!in_capitals("Tarnmoor Homes"));
        assert_eq!(title_cased("STOKE-ON-TRENT CITY COUNCIL \u{2013} SELF-ASSESSMENT"), "Stoke-on-Trent City Council \u{2013} Self-Assessment");
        assert_eq!(title_cased("ST ALDRIC'S HOUSING TRUST"), "St Aldric's Housing Trust");
        assert_eq!(title_cased("THE GREYSTONE & WOLD HOMES"), "The Greystone & Wold Homes");
        assert_eq!(title_cased("KINGSMERE HOUSING CO-OPERATIVE"), "Kingsmere Housing Co-operative");
    }

    #[test]
    fn words_of_a_host_label() {
        assert_eq!(label_words("hollowayvale"), "Holloway Vale");
        assert_eq!(label_words("eastvaleneighbourhood"), "Eastvale Neighbourhood");
        assert_eq!(label_words("moorlandrural"), "Moorland Rural");
        assert_eq!(label_words("eastvale"), "Eastvale");
        assert_eq!(label_words("tarnside"), "Tarnside");
    }

    #[test]
    fn a_name_that_says_what_it_does() {
        for after in [" has used it", " will review it", " uses a checklist", " reviewed it", " also publishes it", " is a member"] {
            assert!(says_what_it_does(after), "{after}");
        }
        for after in [" system", " members get a letter", " cases were refused", "'s policy", " and others", " process"] {
            assert!(!says_what_it_does(after), "{after}");
        }
    }

    #[test]
    fn a_known_name_of_common_words_ending_a_longer_name() {
        let at = |text: &str, name: &str| ends_a_longer_name(text, text.find(name).unwrap());
        assert!(at("\u{a9} 2025 Lyndale Housing Solutions", "Housing Solutions"));
        assert!(at("Bellmoor Housing Foundation uses cookies", "Foundation"));
        assert!(!at("Contact Housing Solutions on 01632 960000", "Housing Solutions"));
        assert!(!at("Self-assessment Housing Solutions", "Housing Solutions"));
        assert!(!at("Self-assessment 2025\nFoundation", "Foundation"));
        assert!(!at("Published by: Foundation", "Foundation"));
    }

    #[test]
    fn distinctive_part_and_initials_of_a_name() {
        assert_eq!(stem("The Harwick Housing Group"), "Harwick");
        assert_eq!(stem("North Fenmoor District Council"), "North Fenmoor");
        assert_eq!(stem("Blue Heron Community Housing"), "Blue Heron");
        assert_eq!(stem("Housing Group"), "");
        assert_eq!(initials("Harwick Vale Partnership").as_deref(), Some("HVP"));
        assert_eq!(initials("The Borough of Fenmoor and Upton Homes").as_deref(), Some("BFUH"));
        assert_eq!(initials("Fenmoor Homes"), None);
        let ordinary = |w: &str| ["housing", "homes", "group"].contains(&w);
        assert!(is_distinctive("Fenmoor Homes", ordinary));
        assert!(!is_distinctive("Tenant Scrutiny Group", ordinary));
        assert!(!is_distinctive("Complaints Review Partnership", ordinary));
        assert!(!is_distinctive("The City Council", ordinary));
    }

    #[test]
    fn how_a_name_stands_in_its_text() {
        let at = |text: &str, name: &str| {
            let s = text.find(name).unwrap();
            standing(text, s, s + name.len())
        };
        assert_eq!(at("Fenmoor Council", "Fenmoor Council"), Standing::OwnLine);
        assert_eq!(at("Fenmoor Homes, 1 Mill Lane, Fenmoor", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("Fenmoor Homes - Contact us", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("Home | About Fenmoor Homes | News", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("About Fenmoor Homes", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("Fenmoor Homes > Your tenancy > Complaints", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("Signed on behalf of Fenmoor Homes Board", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("Approved by the Board of Fenmoor Homes on 3 May 2024", "Fenmoor Homes"), Standing::PolicyOwner);
        assert_eq!(at("This self-assessment was approved by Fenmoor Homes.", "Fenmoor Homes"), Standing::PolicyOwner);
        assert_ne!(at("Repairs are signed off by Fenmoor Homes", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("Reviewed and approved by Fenmoor Homes' Board on 2 December 2024.", "Fenmoor Homes"), Standing::PolicyOwner);
        assert_eq!(at("Signed off by the Cabinet Member for Housing, Fenmoor Council, 9 December 2020", "Fenmoor Council"), Standing::OwnLine);
        assert_ne!(at("Approved by the Board. Repairs are run by Fenmoor Homes", "Fenmoor Homes"), Standing::OwnLine);
        assert_ne!(at("We complained about Fenmoor Homes | News", "Fenmoor Homes"), Standing::OwnLine);
        assert_eq!(at("Fenmoor Homes's current complaints policy is here", "Fenmoor Homes"), Standing::PolicyOwner);
        assert_eq!(at("Read Fenmoor Homes\u{2019} Compliments and Complaints Procedure", "Fenmoor Homes"), Standing::PolicyOwner);
        assert_eq!(at("Last year Fenmoor Homes reviewed its practice.", "Fenmoor Homes"), Standing::Passing);
        assert_eq!(at("It explains the Code. Fenmoor Homes reviewed its practice.", "Fenmoor Homes"), Standing::Subject);
        assert_eq!(at("Fenmoor Homes Limited", "Fenmoor Homes"), Standing::Passing);
        assert_eq!(at("Fenmoor Homes and others were asked.", "Fenmoor Homes"), Standing::Another);
        assert_eq!(at("We benchmark against Fenmoor Homes each year.", "Fenmoor Homes"), Standing::Another);
        assert_eq!(at("Fenmoor Homes policy, section 2", "Fenmoor Homes"), Standing::PolicyOwner);
    }

    #[test]
    fn another_landlord_compared_with_or_worked_beside() {
        let another = |text: &str, name: &str| {
            let s = text.find(name).unwrap();
            names_another(text, s, s + name.len())
        };
        for (text, name) in [
            ("We benchmark our response times against Fenmoor Homes.", "Fenmoor Homes"),
            ("Compared with Fenmoor Homes, we answer sooner.", "Fenmoor Homes"),
            ("Satisfaction is above peers such as Fenmoor Homes", "Fenmoor Homes"),
            ("Calls are answered by Fenmoor Homes, our partner in the county.", "Fenmoor Homes"),
            ("Calls are answered by Fenmoor Homes (our contractor).", "Fenmoor Homes"),
            ("We run the service in partnership with Fenmoor Council.", "Fenmoor Council"),
            ("Training is shared with Fenmoor Homes.", "Fenmoor Homes"),
            ("Fenmoor Homes and other landlords took part.", "Fenmoor Homes"),
            ("Our scores put us ahead of other housing associations and Fenmoor Homes.", "Fenmoor Homes"),
            ("Our score is higher than the one reported by Fenmoor Homes.", "Fenmoor Homes"),
            ("Like Fenmoor Homes, we publish our figures.", "Fenmoor Homes"),
            ("Policy section 5.1 (page 3) Like Fenmoor Homes, we publish our figures.", "Fenmoor Homes"),
            ("Our repairs contractor, Fenmoor Building Services Group, answers them.", "Fenmoor Building Services Group"),
            ("Homes that transferred to us from Fenmoor Council in 2023.", "Fenmoor Council"),
            ("Tenants whose homes moved to us from Fenmoor Council in 2023 keep their rights.", "Fenmoor Council"),
            ("The estate was acquired from Fenmoor Homes in 2021.", "Fenmoor Homes"),
            ("We share a complaints team with Fenmoor Homes under a management agreement.", "Fenmoor Homes"),
            ("Our call centre is run jointly, sharing staff with Fenmoor Council.", "Fenmoor Council"),
            ("Harwick Homes (formerly Fenmoor Housing) assessed itself.", "Fenmoor Housing"),
            ("Since our merger with Fenmoor Homes in 2023 we have one policy.", "Fenmoor Homes"),
            ("Working with: Fenmoor Council · Homes England · Tpas", "Fenmoor Council"),
            ("Fenmoor Council's housing options staff pass on complaints they receive about us.", "Fenmoor Council"),
            ("Ashby Homes manages council homes in the town on behalf of Fenmoor Council.", "Fenmoor Council"),
            ("We manage homes for Fenmoor Council.", "Fenmoor Council"),
            // The writer as "us"/"our" further on: "X manages our tenancies for us".
            ("Fenmoor Homes manages our tenancies and handles stage one for us.", "Fenmoor Homes"),
            ("Complaints about council tax go to Fenmoor Council directly.", "Fenmoor Council"),
            ("We compare well with other landlords such as Fenmoor Council.", "Fenmoor Council"),
            ("Calls are taken by the shared service that also serves Fenmoor Council.", "Fenmoor Council"),
        ] {
            assert!(another(text, name), "{text}");
        }
        for (text, name) in [
            ("Complaints about contractors are handled by Fenmoor.", "Fenmoor"),
            ("The Code says how landlords like Fenmoor Council should handle complaints.", "Fenmoor Council"),
            ("The Code applies to landlords such as Fenmoor Council, and we publish our check.", "Fenmoor Council"),
            ("Harwick Housing Partnership staff trained with Fenmoor Homes policy", "Fenmoor Homes"),
            ("Fenmoor Homes's policy applies to our partners too.", "Fenmoor Homes"),
            ("We compared the figures. Fenmoor Homes answered every complaint.", "Fenmoor Homes"),
            ("Fenmoor Homes staff welcome feedback; tell us what you think.", "Fenmoor Homes"),
            ("This self-assessment was completed on behalf of Fenmoor Council.", "Fenmoor Council"),
        ] {
            assert!(!another(text, name), "{text}");
        }
    }

    #[test]
    fn the_owner_of_a_policy() {
        for (name, after) in [
            ("Fenmoor Homes", "'s current complaints policy is online"),
            ("Fenmoor Homes", "'s 2024 complaints policy"),
            ("Fenmoor Homes", "\u{2019} Compliments and Complaints Procedure"),
            ("Fenmoor Homes", " policy, section 2"),
            ("Fenmoor", " complaints policy"),
            ("Fenmoor Council", " Compliments, Comments and Complaints Policy (2023)"),
        ] {
            assert!(owns_a_policy(name, after), "{name}{after}");
        }
        for (name, after) in [("Fenmoor Homes", " staff follow the policy"), ("Fenmoor Homes", ", policy 4"), ("Fenmoor Homes", "'s repairs team"), ("Fenmoor", " has a policy"), ("Fenmoor Council", "'s care team follow the same policy")] {
            assert!(!owns_a_policy(name, after), "{name}{after}");
        }
    }

    #[test]
    fn short_forms_stand_alone() {
        let alone = |text: &str, form: &str| {
            let s = text.find(form).unwrap();
            stands_alone(text, s, s + form.len())
        };
        assert!(alone("complaints are handled by Harwick itself", "Harwick"));
        assert!(alone("Not applicable: Harwick handles them", "Harwick"));
        assert!(alone("The Harwick policy", "Harwick"));
        assert!(!alone("Telford & Harwick Council", "Harwick"));
        assert!(!alone("South Harwick policy", "Harwick"));
        assert!(!alone("Harwick Road office", "Harwick"));
        assert!(!alone("see xHarwick", "Harwick"));
        assert!(starts_sentence("It is. Harwick handles", 7) && !starts_sentence("by Harwick", 3));
    }

    #[test]
    fn a_domain_label_that_ends_like_a_landlord() {
        assert_eq!(label_kind("fenmoorhomes"), Some(("fenmoor", "Homes")));
        assert_eq!(label_kind("harwickhousinggroup"), Some(("harwick", "Housing Group")));
        assert_eq!(label_kind("wyvernhousingsociety"), Some(("wyvern", "Housing Society")));
        assert_eq!(label_kind("oakfieldalmshouses"), Some(("oakfield", "Almshouses")));
        assert_eq!(label_kind("homes"), None);
        assert_eq!(label_kind("my-homes"), None);
        assert_eq!(label_kind("fenmoor"), None);
    }
}

/// How much a line that gives a body a brand ([`brands`]) says it is the publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum BrandCue {
    /// Words another body's line could use too: a registered charity (a partner's), a phone
    /// line (a contractor's), a logo: the publisher's when the page says it twice.
    Weak,
    /// Words only the publisher's own line uses.
    Strong,
    /// A title's name part with a slogan rather than the page's subject ("X | Your home,
    /// your say"): the publisher's only where the page's own address spells it too.
    Unconfirmed,
}

/// Names that a page's own lines give a body whatever the name's shape: a publisher known by
/// a brand without a kind word ("Nestwell", "Agnes Pellow"), which [`shaped_names`] cannot
/// see. The byte ranges of the brands in `text`, each with what its line says:
/// - strong: "X is a registered provider", "X Limited is a registered society"; "© X 2024",
///   "© 2024 X. All rights reserved"; "Welcome to X"; "About X" as a menu's or
///   breadcrumb's item; "Signed off by X's Chief Executive"; "X has assessed its …", "X aims
///   to meet every provision", "X's goal is full compliance";
///   "Produced for X by …"; a title's or a running head's name part ("Complaints
///   self-assessment - X", "X | Complaint Handling Code self-assessment | Page 2";
///   `title`: the line is a title or the page's furniture);
/// - weak: "X is a registered charity", "Call X on 0300 …", "X logo".
///
/// Only 1 to 3 capitalised words; not words of a page or a service ("Customer Services",
/// "Us"), nor a body that oversees or advises landlords, nor a site's makers or a
/// contractor; not a registration line that goes on about "our" homes (a partner's).
pub(super) fn brands(text: &str, title: bool) -> Vec<(usize, usize, BrandCue)> {
    // (Asked of a page's own lines only, a few per form.)
    const SMALL_CACHE: usize = 1 << 19;
    const NAME: &str = r"([A-Z][A-Za-z0-9'\x{2019}&-]*[A-Za-z0-9](?:[ \t][A-Z][A-Za-z0-9'\x{2019}&-]*[A-Za-z0-9]){0,2})";
    static BRAND: OnceLock<(regex::Regex, [regex::Regex; 2])> = OnceLock::new();
    let (brand, title_parts) = BRAND.get_or_init(|| {
        // In this order: the cue of a pattern is its place in `CUES`.
        let patterns = [
            format!(r"^[ \t]*{NAME}(?:[ \t]+(?:Limited|Ltd))?[ \t]+is[ \t]+(?:a[ \t]+(?:registered[ \t]+(?:provider|society|housing|social|company)|charitable|not-for-profit|community[ \t]+benefit|company)|registered[ \t]+(?:with|as|in|under))\b"),
            format!(r"(?:\x{{a9}}|\([cC]\)|Copyright)[ \t]*(?:(?:19|20)\d\d(?:[ \t]*[-/\x{{2013}}][ \t]*(?:19|20)?\d\d)?[ \t]+)?{NAME}(?:[ \t]+(?:Limited|Ltd))?(?:[ \t]+(?:19|20)\d\d)?[ \t]*(?:[.,|]|All[ \t]+rights|$)"),
            format!(r"^[ \t]*Welcome[ \t]+to[ \t]+{NAME}[ \t]*(?:[.!,:|\x{{2013}}-]|$)"),
            format!(r"(?:^|[>|\x{{203a}}\x{{bb}}][ \t]*)About[ \t]+{NAME}[ \t]*(?:[>|\x{{203a}}\x{{bb}}]|$)"),
            format!(r"(?i:signed|approved|agreed|endorsed)(?:[ \t]+off)?[ \t]+by[ \t]+{NAME}['\x{{2019}}]s[ \t]+(?:Chief[ \t]+Executive|Board|Chair|Managing[ \t]+Director)\b"),
            format!(r"^[ \t]*{NAME}(?:,[^,]{{3,60}},)?[ \t]+(?:(?:has[ \t]+)?(?:checked|assessed|reviewed|tested|measured|compared)[ \t]+(?:its|itself|each|every|all)|aims[ \t]+to[ \t]+meet|meets[ \t]+(?:every|all|each)|complies[ \t]+with[ \t]+(?:every|all|each|the[ \t]+Code))\b"),
            format!(r"(?i:produced|prepared|written|compiled)[ \t]+for[ \t]+{NAME}[ \t]+by\b"),
            format!(r"^[ \t]*(?:At|Here[ \t]+at)[ \t]+{NAME},?[ \t]+we\b"),
            format!(r"^[ \t]*{NAME}['\x{{2019}}]s[ \t]+(?:goal|aim|ambition|commitment|intention|objective|target)[ \t]+is[ \t]+(?:full[ \t]+compliance|to[ \t]+(?:comply|meet|achieve|be[ \t]+fully))\b"),
            format!(r"^[ \t]*{NAME}(?:[ \t]+(?:Limited|Ltd))?[ \t]+is[ \t]+a[ \t]+registered[ \t]+charity\b"),
            format!(r"(?:^|[.!?][ \t])[ \t]*(?:Please[ \t]+)?(?i:call|phone|ring|contact|text)[ \t]+{NAME}[ \t]+on[ \t]+\+?\d"),
            format!(r"^[ \t]*\[?(?:Image:[ \t]*)?{NAME}[ \t]+logo\]?[ \t]*$"),
        ];
        // A title's or a running head's name part, last or first: "Complaints self-assessment
        // - X", "X | Complaint Handling Code self-assessment | Page 2".
        // (After a colon, only the page's own title: "X: Complaint Handling Code
        // self-assessment", not "Evidence: complaints are logged".)
        // (Two patterns: a line "X | Self-assessment" has a part of each shape.)
        let title_last = format!(r"^.{{3,80}}[ \t][|\x{{2013}}\x{{2014}}-][ \t]+{NAME}[ \t]*$");
        let title_first = format!(r"^[ \t]*{NAME}(?:[ \t]+[|\x{{2013}}\x{{2014}}-][ \t].{{3,100}}|:[ \t]+(?:Complaint[ \t]+Handling[ \t]+Code|Complaints?[ \t]+self[- ]assessment|Self[- ]assessment|Housing[ \t]+Ombudsman).{{0,80}})$");
        let small = |p: &str| chc_code::regexes::compile_small(p, SMALL_CACHE);
        (small(&patterns.join("|")), [small(&title_last), small(&title_first)])
    });
    const CUES: [BrandCue; 12] = [BrandCue::Strong, BrandCue::Strong, BrandCue::Strong, BrandCue::Strong, BrandCue::Strong, BrandCue::Strong, BrandCue::Strong, BrandCue::Strong, BrandCue::Strong, BrandCue::Weak, BrandCue::Weak, BrandCue::Weak];
    // The patterns read differently from the others, by their place above.
    const REGISTRATION: usize = 0;
    const WELCOME: usize = 2;
    const CHARITY: usize = 9;
    const PHONE_LINE: usize = 10;
    // Words of a page about itself ("Site logo", "Contact Us on …", "Self-assessment - Part
    // 2"), and the months a title may end with.
    const GENERIC: [&str; 59] = [
        "Us", "We", "Me", "Them", "Site", "Website", "Web", "Page", "Main", "Company", "Brand", "Logo", "Section", "Part", "Annex", "Update", "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December", "Draft", "Register", "Portal", "Account", "Contact", "Events", "Blog",
        // A document's classification: "Self-assessment | OFFICIAL".
        "Official", "OFFICIAL", "Sensitive", "SENSITIVE", "Confidential", "CONFIDENTIAL", "Restricted", "RESTRICTED", "Public", "PUBLIC",
        // A form's own headings.
        "Evidence", "Guidance", "Notes", "Note", "Comments", "Commentary", "Answer", "Response", "Summary", "Introduction", "Background", "Purpose", "Scope", "Instructions",
    ];
    // Sites' makers and contractors: "© 2025 Brightpath Software", "Fixwell Building Services logo".
    const MAKERS: [&str; 22] = [
        "Software", "Systems", "Technologies", "Technology", "Design", "Designs", "Media", "Creative", "Agency", "Studio", "IT", "Consulting", "Building", "Construction", "Maintenance",
        "Contractors", "Electrical", "Plumbing", "Gas", "Roofing", "Facilities", "Property",
    ];
    const NOT_BRANDS: [&str; 9] = ["Google", "Microsoft", "Mapbox", "OpenStreetMap", "Jadu", "Granicus", "Ordnance Survey", "GOV.UK", "Crown"];
    // Most lines hold none of the cues' words: the patterns are not run on them.
    static CUE_WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let cue_words = CUE_WORDS.get_or_init(|| {
        let words = [
            " is a ", " is registered", "\u{a9}", "(c)", "copyright", "welcome to", "> about ", "| about ", "\u{203a} about ", "\u{bb} about ", "chief executive", "board", "chair",
            "managing director", "checked", "assessed", "reviewed", "tested", "measured", "compared", "aims to meet", " meets ", "complies with", "produced for", "prepared for",
            "written for", "compiled for", "call ", "phone ", "ring ", "contact ", "text ", "logo", "s goal ", "s aim ", "s ambition ",
            "s commitment ", "s intention ", "s objective ", "s target ",
        ];
        AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("fixed words")
    });
    let a_title_part = title && text.contains([':', '|', '-', '\u{2013}', '\u{2014}']);
    let opening = text.trim_start();
    let opens_with_a_cue = ["About ", "At ", "Here at "].iter().any(|o| opening.starts_with(o));
    if !a_title_part && !opens_with_a_cue && !cue_words.is_match(text) {
        return Vec::new();
    }
    let found = brand.captures_iter(text).filter_map(|c| {
        let (pattern, m) = c.iter().skip(1).enumerate().find_map(|(i, m)| m.map(|m| (i, m)))?;
        // (A registration line about "our" homes is a partner's: "X is a registered charity
        // providing support on our estates".)
        let sentence = text[m.end()..].split(['.', ';', '\n']).next().unwrap_or("");
        let partner = pattern == REGISTRATION || pattern == CHARITY;
        if partner && sentence.split_whitespace().any(|w| w.eq_ignore_ascii_case("our")) {
            return None;
        }
        // (A welcome to a portal or an app is its maker's: "Welcome to X - your online
        // account".)
        let line_rest = text[m.end()..].lines().next().unwrap_or("").to_ascii_lowercase();
        if pattern == WELCOME && ["account", "portal", "app", "online"].iter().any(|w| line_rest.contains(w)) {
            return None;
        }
        // A phone line for the page itself is the publisher's: "Call X on … if you need this
        // page in large print".
        let about_the_page = ["this page", "this form", "this document", "this self-assessment"].iter().any(|p| line_rest.contains(p));
        let cue = if pattern == PHONE_LINE && about_the_page { BrandCue::Strong } else { CUES[pattern] };
        Some((m, cue))
    });
    // Sites' makers named on the line: "Powered by X. © X 2024".
    static MADE_BY: OnceLock<regex::Regex> = OnceLock::new();
    let made_by = MADE_BY.get_or_init(|| chc_code::regexes::compile_small(&format!(r"(?i:powered|website|site|built|designed|developed|hosted)[ \t]+by[ \t]+{NAME}"), SMALL_CACHE));
    // (A page's title names the page first: "Complaints self-assessment - X", not "Section
    // 2 - Exclusions".)
    let names_the_page = |m: &regex::Match| {
        let page = format!("{} {}", &text[..m.start()], &text[m.end()..]).to_ascii_lowercase();
        ["self-assessment", "self assessment", "complaint", "code"].iter().any(|w| page.contains(w))
    };
    let title_names: Vec<regex::Match> = title_parts.iter().filter(|_| a_title_part).filter_map(|p| p.captures(text)?.get(1)).collect();
    let in_title = title_names.iter().find(|m| names_the_page(m)).map(|m| (*m, BrandCue::Strong)).or_else(|| title_names.first().map(|m| (*m, BrandCue::Unconfirmed)));
    let found: Vec<(regex::Match, BrandCue)> = found.chain(in_title).collect();
    if found.is_empty() {
        return Vec::new();
    }
    let makers: Vec<&str> = made_by.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
    let mut out = Vec::new();
    for (m, cue) in found {
        // (Without its legal ending: "© 2025 Fenmoor Ltd".)
        let name = [" Limited", " Ltd", " plc", " PLC"].iter().find_map(|l| m.as_str().strip_suffix(l)).unwrap_or(m.as_str());
        let words: Vec<&str> = name.split_whitespace().collect();
        // (A hyphen's parts each: "Self-assessment".)
        let plain = words.iter().flat_map(|w| w.split('-')).all(|w| {
            let lower = w.to_ascii_lowercase();
            GENERIC.contains(&w) || LEAD_WORDS.contains(&w) || NOT_NAME_WORDS.contains(&lower.as_str()) || NAVIGATION_WORDS.contains(&w) || is_kind_or_qualifier(w)
        });
        let oversees = super::is_not_a_landlord(name);
        let makes_or_mends = words.iter().any(|w| MAKERS.contains(w) || NOT_NAME_WORDS.contains(&w.to_ascii_lowercase().as_str()));
        // A name ending in a kind is [`shaped_names`]' to read ("Civica Group" is no landlord's).
        let shaped = words.last().is_some_and(|w| is_kind_or_qualifier(w));
        if plain || oversees || makes_or_mends || shaped || makers.contains(&name) || NOT_BRANDS.contains(&name) || words.first().is_some_and(|w| LEAD_WORDS.contains(w) || GENERIC.contains(w)) {
            continue;
        }
        out.push((m.start(), m.start() + name.len(), cue));
    }
    out
}
