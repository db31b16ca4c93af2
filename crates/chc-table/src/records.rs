//! Forms that are not laid out as a grid: one record per provision, read from lines
//! (QUIRKS 25-26). One reader serves every such shape, because they differ only in where
//! a cell ends:
//! - every cell on its own line, blank lines between, the header's cells on lines of their
//!   own;
//! - a label per cell ("Compliance: YES", or "Comply" on one line and "Yes" on the next,
//!   `<dt>`/`<dd>` pairs, an accordion's "Do we comply?" paragraph);
//! - cells run together with no separator ("1.3A resident…", "…regularly.Yes",
//!   "YesDefinition…"), on one line or spread over several;
//! - any mixture of these in one document.
//!
//! A record starts at a provision number at the start of a line (checked against the
//! Code's wording and the numbering so that "3.2 of our policy" in evidence is not a row),
//! or, where the number is missing, at a line that quotes a provision's opening wording.
//! Inside a record, labels decide first; then the answer vocabulary and the Code's wording
//! decide where the requirement ends and the answer begins. Page chrome (navigation, share
//! links, feedback widgets) is dropped, and after the last record it ends the form.

use crate::assemble::Assembler;
use crate::header::{classify_header, column_role};
use crate::lines::{is_page_number, leading_number, parse_heading, Heading};
use chc_code::answers::{leading_answer, parse_comply, parse_rag};
use chc_code::{CodeVersion, Registry, WordingProfile};
use chc_model::{ColumnRole, TextLine, Warning};
use chc_parse::clean::clean_text;

/// One non-empty line of the document.
#[derive(Debug, Clone)]
struct Unit {
    location: u32,
    text: String,
    /// A blank line (or a block boundary) comes before it: in one-cell-per-line layouts,
    /// the end of a cell.
    blank_before: bool,
}

/// What a line is, before records are formed.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A whole header on one line, its cells run together or separated.
    Header(Vec<String>),
    /// One header cell on a line of its own.
    HeaderCell,
    /// A provision number opens the line; `rest` is what follows it on the line.
    Numbered { number: String, rest: String },
    /// "Section 2: Exclusions", "Mandatory 'must' requirements", a Code section title.
    Heading,
    /// Navigation, share links, cookie and feedback widgets.
    Chrome,
    Page,
    Text,
}

/// A record being formed: its number (if printed), its lines after the number.
#[derive(Debug, Default)]
struct Draft {
    number: Option<String>,
    location: u32,
    /// Text on the number's own line, after the number.
    first: String,
    body: Vec<Unit>,
}

/// Read records from lines (text input, or the blocks of a structured source as lines).
pub(crate) fn read_records(lines: &[TextLine], asm: &mut Assembler) {
    let units = units(lines);
    let kinds: Vec<Kind> = mark_header_runs(&units, units.iter().map(|u| kind(&u.text, asm.registry)).collect());
    let mut reader = Reader { asm, order: Vec::new(), drafts_seen: Vec::new(), last_number: None };
    reader.walk(&units, &kinds);
    if !looks_like_a_form(asm) {
        asm.records.clear();
    }
}

/// Numbered paragraphs are not a form by themselves (a policy, a committee report): the
/// records must answer something, or most of them must quote the Code.
fn looks_like_a_form(asm: &Assembler) -> bool {
    let records = &asm.records;
    if records.iter().any(|r| r.has_comply()) {
        return true;
    }
    let quoting = records
        .iter()
        .filter(|r| {
            let req = &r.record.requirement;
            match &r.record.number {
                Some(n) => asm.registry.affinity_any(n, req).unwrap_or(0.0) >= 0.3,
                None => asm.registry.best(None, req).is_some_and(|(_, s)| s >= 0.5),
            }
        })
        .count();
    quoting * 2 > records.len()
}

fn units(lines: &[TextLine]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut blank = true;
    for l in lines {
        let text = clean_text(&l.text);
        if text.trim().is_empty() {
            blank = true;
            continue;
        }
        // A cleaned line may hold several (list items, paragraphs): each is a unit.
        for (k, part) in text.split('\n').filter(|p| !p.trim().is_empty()).enumerate() {
            out.push(Unit { location: l.number, text: part.trim().to_string(), blank_before: blank && k == 0 });
        }
        blank = false;
    }
    out
}

fn kind(text: &str, registry: &Registry) -> Kind {
    if is_page_number(text) {
        return Kind::Page;
    }
    if is_chrome(text) {
        return Kind::Chrome;
    }
    if let Some(cells) = run_together_header(text) {
        return Kind::Header(cells);
    }
    if let Some((number, end)) = leading_number(text) {
        let rest = text[end..].trim_start_matches([' ', ':', '-', '–']).to_string();
        return Kind::Numbered { number, rest };
    }
    if parse_heading(text) != Heading::None || section_title(text, registry).is_some() {
        return Kind::Heading;
    }
    Kind::Text
}

/// Runs of three or more short lines that each name a column, with the comply column and
/// the provision or requirement column among them: a header printed one cell per line.
fn mark_header_runs(units: &[Unit], mut kinds: Vec<Kind>) -> Vec<Kind> {
    let cell = |u: &Unit| u.text.chars().count() <= 60 && column_role(&u.text) != ColumnRole::Other && parse_comply(&u.text).is_none();
    let mut i = 0;
    while i < units.len() {
        let run = units[i..].iter().zip(&kinds[i..]).take_while(|(u, k)| **k == Kind::Text && cell(u)).count();
        if run >= 3 && classify_header(&units[i..i + run].iter().map(|u| u.text.as_str()).collect::<Vec<_>>()).is_some() {
            for k in &mut kinds[i..i + run] {
                *k = Kind::HeaderCell;
            }
        }
        i += run.max(1);
    }
    kinds
}

/// "Code provisionCode requirementComply: Yes/NoEvidence": a header whose cells were run
/// together, cut where a lower-case letter (or a closing bracket) meets a capital.
pub(crate) fn run_together_header(text: &str) -> Option<Vec<String>> {
    if text.chars().count() > 200 {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        if let Some(p) = prev {
            if c.is_uppercase() && (p.is_lowercase() || p == ')') {
                cells.push(text[start..at].trim().to_string());
                start = at;
            }
        }
        prev = Some(c);
    }
    cells.push(text[start..].trim().to_string());
    (cells.len() >= 3).then(|| classify_header(&cells).map(|_| cells)).flatten()
}

/// Page furniture a crawler or a copy of a web page brings along: short lines of
/// navigation, sharing, feedback and cookie widgets.
fn is_chrome(text: &str) -> bool {
    const PHRASES: &[&str] = &[
        "skip to main content",
        "skip to content",
        "skip to footer",
        "skip to navigation",
        "toggle menu",
        "main menu",
        "search this site",
        "share this page",
        "share on",
        "share via",
        "was this page helpful",
        "is this page useful",
        "did you find what you were looking for",
        "rate this page",
        "report a problem with this page",
        "tell us what you think of this page",
        "back to top",
        "print this page",
        "email this page",
        "accept all cookies",
        "reject all cookies",
        "accept cookies",
        "cookie settings",
        "manage cookies",
        "we use cookies",
        "follow us on",
        "sign up to our newsletter",
        "text size",
        "change contrast",
        "listen to this page",
        "translate this page",
        "accessibility tools",
        "all rights reserved",
        "opens in a new window",
        "opens in new tab",
        "you are here:",
        "related content",
        "related pages",
        "related links",
        "related information",
        "useful links",
        "more in this section",
        "in this section",
        "on this page",
        "registered provider of social housing",
        "registered charity",
        "registered society",
        "company number",
        "registered office",
        "registered in england",
    ];
    const WHOLE: &[&str] = &[
        "menu", "search", "home", "close", "share", "print", "facebook", "twitter", "x", "linkedin", "instagram", "youtube", "whatsapp", "email", "copy link", "yesno", "yes no",
        "cookies", "privacy", "accessibility", "sitemap", "contact us", "breadcrumb", "previous", "next", "top", "listen", "translate", "login", "log in", "sign in", "my account",
    ];
    let words = text.split_whitespace().count();
    if words > 14 {
        return false;
    }
    let lower = text.to_lowercase();
    let lower = lower.trim().trim_end_matches(['.', ':', '?', '!']);
    if WHOLE.contains(&lower) || PHRASES.iter().any(|p| lower.contains(p)) {
        return true;
    }
    // Breadcrumbs: "Home > Housing > Complaints".
    lower.matches(" > ").count() >= 1 && lower.starts_with("home") || lower.starts_with("©") || lower.starts_with("copyright ©")
}

/// A Code section's title standing alone as a heading ("2 Accessibility and awareness",
/// "Complaint handling staff"): the section number it names.
fn section_title(text: &str, registry: &Registry) -> Option<u32> {
    let words = text.split_whitespace().count();
    if !(1..=12).contains(&words) || text.ends_with('.') {
        return None;
    }
    let (lead, title) = match text.split_once(|c: char| c == ' ' || c == '.') {
        Some((n, t)) if n.trim_end_matches('.').parse::<u32>().is_ok() => (n.trim_end_matches('.').parse::<u32>().ok(), t.trim()),
        _ => (None, text),
    };
    let probe = normalise_title(title);
    if probe.is_empty() {
        return None;
    }
    for v in CodeVersion::ALL {
        for section in 1..=12 {
            let Some(known) = registry.section_title(v, section) else { continue };
            if normalise_title(known) == probe && lead.is_none_or(|n| n == section) {
                return Some(section);
            }
        }
    }
    None
}

fn normalise_title(s: &str) -> String {
    s.to_lowercase().replace('&', "and").split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

struct Reader<'a, 'r> {
    asm: &'a mut Assembler<'r>,
    /// The columns the form's header names, in order (empty when it has none).
    order: Vec<ColumnRole>,
    drafts_seen: Vec<String>,
    last_number: Option<(u32, u32)>,
}

impl Reader<'_, '_> {
    fn walk(&mut self, units: &[Unit], kinds: &[Kind]) {
        let mut draft: Option<Draft> = None;
        let mut header_cells: Vec<String> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            let u = &units[i];
            match &kinds[i] {
                Kind::Page => {}
                Kind::Chrome => {
                    // After the last provision, page chrome is where the form ends.
                    if draft.is_some() && self.is_last_record_region(units, kinds, i) {
                        self.finish(draft.take());
                        for rest in &units[i..] {
                            self.asm.context.push(chc_model::ContextLine { location: rest.location, text: rest.text.clone() });
                        }
                        return;
                    }
                }
                Kind::Header(cells) => {
                    self.finish(draft.take());
                    self.set_header(cells.clone());
                }
                Kind::HeaderCell => {
                    self.finish(draft.take());
                    header_cells.push(u.text.clone());
                    if !matches!(kinds.get(i + 1), Some(Kind::HeaderCell)) {
                        self.set_header(std::mem::take(&mut header_cells));
                    }
                }
                Kind::Heading => {
                    self.finish(draft.take());
                    self.heading(u);
                }
                Kind::Numbered { number, rest } if self.starts_record(number, rest, units, kinds, i) => {
                    self.finish(draft.take());
                    draft = Some(Draft { number: Some(number.clone()), location: u.location, first: rest.clone(), body: Vec::new() });
                }
                _ => match draft.as_mut() {
                    Some(d) => d.body.push(u.clone()),
                    None if self.opens_unnumbered(&u.text) => {
                        draft = Some(Draft { number: None, location: u.location, first: u.text.clone(), body: Vec::new() });
                    }
                    None => {
                        self.asm.text_line(u.location, &u.text);
                    }
                },
            }
            i += 1;
        }
        self.finish(draft.take());
    }

    /// Is unit `i` (chrome) past the form's last record: no provision number follows?
    fn is_last_record_region(&self, units: &[Unit], kinds: &[Kind], i: usize) -> bool {
        !kinds[i..].iter().zip(&units[i..]).any(|(k, _)| matches!(k, Kind::Numbered { .. } | Kind::Header(_) | Kind::HeaderCell))
    }

    fn set_header(&mut self, cells: Vec<String>) {
        if let Some(roles) = classify_header(&cells) {
            self.order = roles.clone();
            self.asm.header(cells, roles);
        }
    }

    fn heading(&mut self, u: &Unit) {
        if parse_heading(&u.text) == Heading::None {
            if let Some(section) = section_title(&u.text, self.asm.registry) {
                self.asm.section = Some((section, u.text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ').to_string()));
            }
        }
        self.asm.text_line(u.location, &u.text);
    }

    /// A line opening with a provision number starts a record unless it reads as a
    /// reference inside evidence: the number must either stand alone on its line, or be
    /// followed by that provision's wording, or continue the form's numbering.
    fn starts_record(&self, number: &str, rest: &str, units: &[Unit], kinds: &[Kind], i: usize) -> bool {
        // "Code section 1.2", "Provision 1.2": the form says it is a provision.
        if units[i].text.starts_with(|c: char| c.is_alphabetic()) {
            return true;
        }
        // The requirement may continue on the next lines: compare those too.
        let mut text = rest.to_string();
        for (u, k) in units[i + 1..].iter().zip(&kinds[i + 1..]).take(3) {
            if *k != Kind::Text || parse_comply(&u.text).is_some() {
                break;
            }
            text.push(' ');
            text.push_str(&u.text);
        }
        let affinity = self.asm.registry.affinity_any(number, &text).unwrap_or(0.0);
        if affinity >= 0.3 {
            return true;
        }
        // A reference reads on from the number ("3.2 of our policy", "4.5) sets out").
        let first_word = rest.split_whitespace().next().unwrap_or("").to_lowercase();
        if ["of", "in", "and", "to", "above", "below", "of,", "sets", "says", "states"].contains(&first_word.as_str()) || rest.starts_with(')') {
            return false;
        }
        let (section, item) = chc_code::number_key(number);
        match self.last_number {
            None => affinity >= 0.15 || item <= 3,
            Some((s, it)) => (s == section && item > it && item <= it + 3) || (section == s + 1 && item <= 3),
        }
    }

    /// Before any numbered record, a line that quotes the opening of a provision no record
    /// has taken is that provision's row, its number lost.
    fn opens_unnumbered(&self, text: &str) -> bool {
        if self.order.is_empty() || text.split_whitespace().count() < 6 {
            return false;
        }
        matches!(self.asm.registry.best(None, text), Some((p, score)) if score >= 0.5 && !self.drafts_seen.contains(&p.number))
    }

    fn finish(&mut self, draft: Option<Draft>) {
        let Some(draft) = draft else { return };
        if let Some(n) = &draft.number {
            self.last_number = Some(chc_code::number_key(n));
            self.drafts_seen.push(n.clone());
        }
        for part in self.split_unnumbered(draft) {
            self.emit(part);
        }
    }

    /// A record whose body holds another provision's opening wording after its own answer
    /// holds a row whose number was lost (QUIRKS 9): split there.
    fn split_unnumbered(&mut self, mut draft: Draft) -> Vec<Draft> {
        let registry = self.asm.registry;
        let own = draft.number.clone();
        let mut cut = None;
        let mut answered = parse_comply(&draft.first).is_some() || glued_answer_end(&draft.first);
        for (j, u) in draft.body.iter().enumerate() {
            if answered && u.blank_before && u.text.split_whitespace().count() >= 8 {
                if let Some((p, score)) = registry.best(None, &u.text) {
                    let current = own.as_deref().and_then(|n| registry.affinity_any(n, &u.text)).unwrap_or(0.0);
                    let taken = self.drafts_seen.contains(&p.number) || own.as_deref() == Some(p.number.as_str());
                    if !taken && score >= 0.5 && score - current >= 0.25 {
                        cut = Some((j, p.number.clone()));
                        break;
                    }
                }
            }
            answered |= parse_comply(&u.text).is_some() || glued_answer_end(&u.text);
        }
        let Some((j, number)) = cut else { return vec![draft] };
        let mut tail = draft.body.split_off(j);
        let first = tail.remove(0);
        self.drafts_seen.push(number);
        let next = Draft { number: None, location: first.location, first: first.text, body: tail };
        let mut out = vec![draft];
        out.extend(self.split_unnumbered(next));
        out
    }

    fn emit(&mut self, draft: Draft) {
        let cells = segment(&draft, &self.order, self.asm.registry);
        let rec = self.asm.open(draft.number.clone(), draft.location);
        if draft.number.is_none() {
            rec.record.warnings.push(Warning::new("missing_number", "row has no provision number; placed by its wording"));
        }
        rec.push(ColumnRole::Requirement, &cells.requirement);
        rec.push(ColumnRole::Comply, &cells.comply);
        rec.push(ColumnRole::Evidence, &cells.evidence);
        rec.push(ColumnRole::Commentary, &cells.commentary);
        rec.push(ColumnRole::Rag, &cells.rag);
        if cells.comply.is_empty() {
            rec.record.warnings.push(Warning::new("comply_not_found", "no comply answer found in the record"));
        }
    }
}

/// The cells of one record.
#[derive(Debug, Default, PartialEq)]
struct Cells {
    requirement: String,
    comply: String,
    evidence: String,
    commentary: String,
    rag: String,
}

impl Cells {
    fn slot(&mut self, role: ColumnRole) -> &mut String {
        match role {
            ColumnRole::Comply => &mut self.comply,
            ColumnRole::Evidence | ColumnRole::EvidenceCommentary => &mut self.evidence,
            ColumnRole::Commentary | ColumnRole::Other => &mut self.commentary,
            ColumnRole::Rag => &mut self.rag,
            ColumnRole::Requirement | ColumnRole::Provision => &mut self.requirement,
        }
    }

    fn push(&mut self, role: ColumnRole, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let slot = self.slot(role);
        if !slot.is_empty() {
            slot.push('\n');
        }
        slot.push_str(text);
    }
}

/// A line that names a cell: "Compliance: Yes", "Evidence:" or "Comply" alone ("Code
/// requirement", "Do we comply?"). The value is what follows the label on the line.
fn label(text: &str) -> Option<(ColumnRole, String)> {
    // A label alone on its line: a short title, not a list item or a clause.
    let bare = text.trim_end_matches([':', '?', ' ']);
    let title_like = text.starts_with(|c: char| c.is_uppercase()) && !text.ends_with(['.', ';', ',']);
    if title_like && text.chars().count() <= 60 && bare.split_whitespace().count() <= 7 {
        let role = column_role(bare);
        if role != ColumnRole::Other && parse_comply(text).is_none() {
            return Some((role, String::new()));
        }
    }
    let (name, value) = split_label(text)?;
    // "Code provisionCode requirementComply:" is a run-together header, not a label.
    let glued = name.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    if glued || name.split_whitespace().count() > 7 {
        return None;
    }
    let role = column_role(name);
    match role {
        ColumnRole::Other | ColumnRole::Provision => None,
        ColumnRole::Requirement if name.split_whitespace().count() > 4 => None,
        _ => Some((role, value.trim().to_string())),
    }
}

/// "Label: value" / "Label? value": the label runs to the first colon or question mark and
/// is letters and a few punctuation marks.
fn split_label(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start();
    let at = body.find([':', '?'])?;
    let name = body[..at].trim_end();
    let in_label = |c: char| c.is_alphabetic() || " ,/&'()-".contains(c);
    if name.len() < 2 || name.len() > 61 || !name.starts_with(|c: char| c.is_alphabetic()) || !name.chars().all(in_label) {
        return None;
    }
    let value = body[at + 1..].trim_start_matches([':', '?']).trim_start();
    // "Comply: Yes/No: Yes": the header's own wording repeated in the label.
    let value = value.strip_prefix("Yes/No:").or_else(|| value.strip_prefix("Yes / No:")).map_or(value, str::trim_start);
    Some((name, value))
}

/// Does the line end with an answer glued to its last sentence ("…regularly.Yes")?
fn glued_answer_end(text: &str) -> bool {
    comply_boundaries(text).iter().any(|&(_, e)| e == text.len())
}

/// Where in `text` an answer word is glued between two cells: after a lower-case word, the
/// end of a sentence or a space, and before a capital, a digit, a quote or the end
/// ("…policy.YPoint 3.2", "…own meritsYes", "…regularly.Yes"). At the very start of a line
/// an answer counts only when glued to the next cell ("YesCopy of our leaflet").
pub(crate) fn comply_boundaries(text: &str) -> Vec<(usize, usize)> {
    // Longer words first, so that "Yes & No" is not read as "Yes" and "N/A" not as "N".
    const WORDS: &[&str] = &[
        "Yes & No", "Not Applicable", "Not applicable", "Fully compliant", "Fully Compliant", "Partially compliant", "Partially Compliant", "Non-compliant", "Non-Compliant",
        "Partially", "Partial", "Compliant", "Yes", "YES", "N/A", "No", "NO", "Met", "Y", "N", "✓", "✔", "✗", "☒",
    ];
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (at, c) in text.char_indices() {
        if !(c.is_uppercase() || "✓✔✗☒".contains(c)) {
            continue;
        }
        let prev = text[..at].chars().next_back();
        if prev.is_some_and(|p| !(p.is_lowercase() || ".)'\"’”:;? ".contains(p))) {
            continue;
        }
        let Some(word) = WORDS.iter().find(|w| text[at..].starts_with(*w)) else { continue };
        let end = at + word.len();
        let after = text[end..].trim_start_matches(' ');
        let next = after.chars().next();
        let followed = next.is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || "'\"‘“(<".contains(n));
        let glued_to_next = next.is_some() && after.len() == text[end..].len();
        if followed && (prev.is_some() || glued_to_next) {
            out.push((at, end));
        }
    }
    out
}

/// Split a record into its cells.
fn segment(draft: &Draft, order: &[ColumnRole], registry: &Registry) -> Cells {
    let mut lines: Vec<(String, bool)> = Vec::with_capacity(draft.body.len() + 1);
    if !draft.first.is_empty() {
        lines.push((draft.first.clone(), true));
    }
    lines.extend(draft.body.iter().map(|u| (u.text.clone(), u.blank_before)));
    if lines.iter().any(|(t, _)| label(t).is_some()) {
        labelled(&lines, order, draft.number.as_deref(), registry)
    } else {
        unlabelled(&lines, order, draft.number.as_deref(), registry)
    }
}

/// Records whose cells carry labels: a label switches the cell, lines go to the current
/// one. Text before the first label is read as an unlabelled record (the requirement, and
/// perhaps an answer run into it).
fn labelled(lines: &[(String, bool)], order: &[ColumnRole], number: Option<&str>, registry: &Registry) -> Cells {
    let first_label = lines.iter().position(|(t, _)| label(t).is_some()).unwrap_or(lines.len());
    let mut cells = unlabelled(&lines[..first_label], order, number, registry);
    // Without an answer run into it, all the text before the labels is the requirement.
    if cells.comply.is_empty() {
        cells = Cells::default();
        push_lines(&mut cells, ColumnRole::Requirement, &lines[..first_label]);
    }
    let mut role = ColumnRole::Requirement;
    for (text, _) in &lines[first_label..] {
        if let Some((r, value)) = label(text) {
            role = r;
            cells.push(role, &value);
            continue;
        }
        // An answer standing alone right under a label that is not the comply one ("Code
        // requirement" / text / "Yes") has lost its own label.
        if cells.comply.is_empty() && role != ColumnRole::Comply && parse_comply(text).is_some() && text.chars().count() <= 40 && !matches!(role, ColumnRole::Evidence | ColumnRole::EvidenceCommentary | ColumnRole::Commentary) {
            cells.push(ColumnRole::Comply, text);
            continue;
        }
        // The comply cell holds an answer, not prose: text after it, before the next
        // label, belongs to the column after it.
        if role == ColumnRole::Comply && !cells.comply.is_empty() {
            role = next_after_comply(order);
        }
        cells.push(role, text);
    }
    cells
}

/// The column that follows the comply column in the form's header (evidence when unknown).
fn next_after_comply(order: &[ColumnRole]) -> ColumnRole {
    order
        .iter()
        .skip_while(|r| **r != ColumnRole::Comply)
        .skip(1)
        .copied()
        .find(|r| matches!(r, ColumnRole::Evidence | ColumnRole::EvidenceCommentary | ColumnRole::Commentary))
        .unwrap_or(ColumnRole::Evidence)
}

/// Records without labels: the first answer (a line of its own, or a word glued between
/// two cells) ends the requirement; of several places an answer could be glued, the one
/// whose text before it reads most like the provision's wording wins.
fn unlabelled(lines: &[(String, bool)], order: &[ColumnRole], number: Option<&str>, registry: &Registry) -> Cells {
    let mut cells = Cells::default();
    if lines.is_empty() {
        return cells;
    }
    let profiles: Vec<&WordingProfile> = match number {
        Some(n) => CodeVersion::ALL.iter().filter_map(|&v| registry.profile(v, n)).collect(),
        None => {
            let joined: String = lines.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ");
            registry.best(None, &joined).and_then(|(p, s)| (s >= 0.3).then(|| registry.profile(p.version, &p.number))).flatten().into_iter().collect()
        }
    };
    let reads_as_code = |text: &str| -> f64 {
        let probe = WordingProfile::new(text);
        profiles.iter().map(|p| probe.dice(p)).fold(0.0, f64::max)
    };
    // An answer alone on its line, or opening a line of prose ("Yes - see policy 4.1").
    let own_line = lines.iter().position(|(t, _)| (t.chars().count() <= 40 && parse_comply(t).is_some()) || leading_answer(t).is_some());
    // Answers glued inside lines, up to that line: (line, start, end).
    // A requirement quotes one provision, a few hundred words at most: answers glued
    // further into the record are evidence's words, and scoring each of them against all
    // the text before it would cost the square of a long record.
    const REQUIREMENT_REACH: usize = 4_000;
    let mut glued: Vec<(usize, usize, usize)> = Vec::new();
    let mut offset = 0;
    for (k, (t, _)) in lines.iter().enumerate().take(own_line.map_or(lines.len(), |o| o + 1)) {
        glued.extend(comply_boundaries(t).into_iter().filter(|&(s, _)| offset + s <= REQUIREMENT_REACH).map(|(s, e)| (k, s, e)));
        offset += t.len() + 1;
        if offset > REQUIREMENT_REACH {
            break;
        }
    }
    let text_before = |k: usize, s: usize| -> String {
        let mut text: String = lines[..k].iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ");
        text.push(' ');
        text.push_str(&lines[k].0[..s]);
        text
    };
    let best_glued = if profiles.is_empty() {
        glued.first().copied()
    } else {
        let scored = glued.iter().map(|&(k, s, e)| ((k, s, e), reads_as_code(&text_before(k, s))));
        scored.fold(None, |best: Option<((usize, usize, usize), f64)>, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        })
        .map(|(c, _)| c)
    };
    // An answer on a line of its own before the glued one is the clearer cell.
    let glued = match (own_line, best_glued) {
        (Some(o), Some((k, _, _))) if o <= k => None,
        (_, g) => g,
    };
    if let Some((k, s, e)) = glued {
        push_lines(&mut cells, ColumnRole::Requirement, &lines[..k]);
        cells.push(ColumnRole::Requirement, &lines[k].0[..s]);
        cells.push(ColumnRole::Comply, &lines[k].0[s..e]);
        let mut after: Vec<(String, bool)> = Vec::new();
        let rest = lines[k].0[e..].trim();
        if !rest.is_empty() {
            after.push((rest.to_string(), false));
        }
        after.extend(lines[k + 1..].iter().cloned());
        after_cells(&mut cells, &after, order);
    } else if let Some(o) = own_line {
        push_lines(&mut cells, ColumnRole::Requirement, &lines[..o]);
        let line = &lines[o].0;
        match leading_answer(line).filter(|_| line.chars().count() > 40 || parse_comply(line).is_none()) {
            // "Yes - see section 4": the answer, then evidence.
            Some((_, len)) => {
                cells.push(ColumnRole::Comply, &line[..len]);
                let rest = line[len..].trim_start_matches(['-', '–', ',', '.', ':', ';', ' ']);
                let mut after = vec![(rest.to_string(), false)];
                after.extend(lines[o + 1..].iter().cloned());
                after_cells(&mut cells, &after, order);
            }
            None => {
                cells.push(ColumnRole::Comply, line);
                after_cells(&mut cells, &lines[o + 1..], order);
            }
        }
    } else {
        // No answer: the requirement is as many lines as quote the Code; the rest is
        // evidence.
        let quoted = if profiles.is_empty() { 1 } else { quoted_lines(lines, &reads_as_code) };
        push_lines(&mut cells, ColumnRole::Requirement, &lines[..quoted]);
        after_cells(&mut cells, &lines[quoted..], order);
    }
    cells
}

/// How many leading lines quote the provision: lines are added while the wording read so
/// far stays close to the Code's.
fn quoted_lines(lines: &[(String, bool)], reads_as_code: &dyn Fn(&str) -> f64) -> usize {
    let mut best = (1, reads_as_code(&lines[0].0));
    let mut text = lines[0].0.clone();
    for (k, (t, _)) in lines.iter().enumerate().skip(1).take(6) {
        text.push(' ');
        text.push_str(t);
        let score = reads_as_code(&text);
        if score > best.1 + 0.02 {
            best = (k + 1, score);
        }
    }
    best.0
}

fn push_lines(cells: &mut Cells, role: ColumnRole, lines: &[(String, bool)]) {
    for (t, _) in lines {
        cells.push(role, t);
    }
}

/// What follows the answer: evidence, then commentary when the header names both columns
/// and the text comes as exactly two cells (blank-line separated); a RAG rating on a line
/// of its own when the header has that column.
fn after_cells(cells: &mut Cells, lines: &[(String, bool)], order: &[ColumnRole]) {
    let has_rag = order.contains(&ColumnRole::Rag);
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for (t, blank) in lines {
        if has_rag && cells.rag.is_empty() && t.chars().count() <= 20 && parse_rag(t).is_some() {
            cells.push(ColumnRole::Rag, t);
            continue;
        }
        if *blank || groups.is_empty() {
            groups.push(Vec::new());
        }
        groups.last_mut().expect("pushed").push(t);
    }
    let split = order.contains(&ColumnRole::Evidence) && order.contains(&ColumnRole::Commentary) && groups.len() == 2;
    for (g, group) in groups.iter().enumerate() {
        let role = if split && g == 1 { ColumnRole::Commentary } else { ColumnRole::Evidence };
        for t in group {
            cells.push(role, t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_together_headers_are_cut_between_cells() {
        assert_eq!(
            run_together_header("Code sectionCode requirementComply (Yes/No)Evidence, commentary and any explanations"),
            Some(vec!["Code section".to_string(), "Code requirement".into(), "Comply (Yes/No)".into(), "Evidence, commentary and any explanations".into()])
        );
        assert_eq!(run_together_header("Code provisionCode requirementComply: Yes/NoEvidenceCommentary").map(|c| c.len()), Some(5));
        assert_eq!(run_together_header("The Council's Complaints Policy"), None);
    }

    #[test]
    fn answers_glued_between_cells_are_found() {
        let t = "must be recorded, monitored and reviewed regularly.Yes";
        assert_eq!(comply_boundaries(t), vec![(t.len() - 3, t.len())]);
        let t = "handled in line with the landlord's complaints policy.YesThe policy names third parties.";
        let (s, e) = comply_boundaries(t)[0];
        assert_eq!(&t[s..e], "Yes");
        let t = "YesCopy of our complaints leaflet";
        assert_eq!(comply_boundaries(t), vec![(0, 3)]);
        // A word that only starts like an answer, or an answer in running prose, is not one.
        assert!(comply_boundaries("Yesterday the Board agreed").is_empty());
        assert!(comply_boundaries("Now the policy says No more than").is_empty() || comply_boundaries("Now the policy says No more than").iter().all(|&(s, _)| s > 0));
    }

    #[test]
    fn chrome_lines_are_known() {
        for t in ["Skip to main content", "Share this page", "Was this page helpful?", "Home > Housing > Complaints", "Facebook", "© 2025 Wrenfield Homes", "Accept all cookies"] {
            assert!(is_chrome(t), "{t}");
        }
        for t in ["Our complaints policy is on the website.", "Section 2: Exclusions", "Yes"] {
            assert!(!is_chrome(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_label_is_a_prefix_and_its_value_the_rest(line in "[A-Za-z ,/&'()?:-]{0,40}[:?]?[ A-Za-z0-9.:]{0,30}") {
            if let Some((name, value)) = split_label(&line) {
                proptest::prop_assert!(line.trim_start().starts_with(name));
                proptest::prop_assert!(line.ends_with(value) || value.is_empty());
                proptest::prop_assert!(!name.contains([':', '?']));
            }
        }
    }

    #[test]
    fn labels_alone_and_with_values() {
        assert_eq!(label("Compliance: YES"), Some((ColumnRole::Comply, "YES".into())));
        assert_eq!(label("Do we comply?"), Some((ColumnRole::Comply, String::new())));
        assert_eq!(label("Code requirement"), Some((ColumnRole::Requirement, String::new())));
        assert_eq!(label("Evidence, commentary and any explanations: The policy."), Some((ColumnRole::EvidenceCommentary, "The policy.".into())));
        assert_eq!(label("Evidence can be found in the policy."), None);
        assert_eq!(label("Yes"), None);
    }
}
