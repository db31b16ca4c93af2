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
use crate::lines::{is_chrome, is_page_number, leading_number, parse_heading, Heading};
use chc_code::answers::{glued_answer_at, leading_answer, parse_comply, parse_rag};
use chc_code::{normalise_title, CodeVersion, Registry, WordingProfile};
use chc_model::{Block, BlockKind, ColumnRole, TextLine, Warning};
use chc_parse::clean::clean_text;

/// One non-empty line of the document.
#[derive(Debug, Clone)]
struct Unit {
    location: u32,
    text: String,
    /// A blank line (or a block boundary) comes before it: in one-cell-per-line layouts,
    /// the end of a cell.
    blank_before: bool,
    /// What a structured source says the text is; plain text says nothing.
    from: Source,
}

/// What a structured source (HTML, DOCX, ODT) knows about a unit's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Source {
    #[default]
    Line,
    /// A heading or an accordion's summary: it ends the record before it, unless it
    /// names a provision or a cell.
    Heading,
    /// A `<dt>`: the label of the value that follows.
    Term,
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
    /// One of the 2020 form's questions (by its wording), with its number.
    Question(String),
    /// "Section 2: Exclusions", "Mandatory 'must' requirements", a Code section title.
    Heading,
    /// Navigation, share links, cookie and feedback widgets.
    Chrome,
    /// An answer on a line of its own above the record it answers (a form whose answer
    /// column was printed first, or a layout that sets the verdict over each row).
    LeadAnswer,
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
    /// The 2020 question the record was opened by (the 2020 form prints no numbers).
    question: Option<String>,
    /// Provisions the row answers together with its own ("5.4 & 5.5").
    answers_also: Vec<String>,
}

/// Read records from lines (text input, or the blocks of a structured source as lines).
pub(crate) fn read_records(lines: &[TextLine], asm: &mut Assembler) {
    let units = units(lines, asm.registry);
    read_units(&units, asm);
}

/// Read records from a structured source's blocks (a form laid out without a table):
/// headings and terms keep what they are.
pub(crate) fn read_blocks(blocks: &[Block], asm: &mut Assembler) {
    let mut units = Vec::new();
    for b in blocks {
        let (text, from) = match &b.kind {
            BlockKind::Heading { text, .. } => (text.as_str(), Source::Heading),
            BlockKind::Term(text) => (text.as_str(), Source::Term),
            BlockKind::Paragraph(text) | BlockKind::Definition(text) => (text.as_str(), Source::Line),
            BlockKind::Table(_) => continue,
        };
        let mut first = true;
        for part in clean_text(text).split('\n').filter(|p| !p.trim().is_empty()) {
            for piece in split_at_records(part.trim(), asm.registry) {
                units.push(Unit { location: b.location, text: piece.trim().to_string(), blank_before: first, from });
                first = false;
            }
        }
    }
    read_units(&units, asm);
}

fn read_units(units: &[Unit], asm: &mut Assembler) {
    let titles = SectionTitles::of(asm.registry);
    let kinds: Vec<Kind> = mark_header_runs(units, units.iter().map(|u| kind(u, &titles, asm.registry)).collect());
    let kinds = mark_lead_answers(units, kinds);
    let mut reader = Reader { asm, titles, order: Vec::new(), drafts_seen: Vec::new(), last_number: None, named_numbers: 0, bare_numbers: 0, answers_from: 0 };
    reader.walk(units, &kinds);
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

fn units(lines: &[TextLine], registry: &Registry) -> Vec<Unit> {
    // Lines as the source wrapped them, re-joined: (first line's number, text, blank before).
    let mut logical: Vec<(u32, String, bool)> = Vec::new();
    let mut blank = true;
    for l in lines {
        let text = clean_text(&l.text);
        if text.trim().is_empty() {
            blank = true;
            continue;
        }
        for (k, part) in text.split('\n').filter(|p| !p.trim().is_empty()).enumerate() {
            // A cell closed by its pipe, one a line ("Yes |"): the pipe is no text.
            let part = part.trim();
            let part = part.strip_suffix(" |").map_or(part, str::trim_end);
            match logical.last_mut() {
                Some((_, prev, _)) if k == 0 && !blank && continues(prev, part) => {
                    prev.push(' ');
                    prev.push_str(part);
                }
                _ => logical.push((l.number, part.to_string(), blank && k == 0)),
            }
        }
        blank = false;
    }
    // A line may hold several records run together: each is a unit.
    let mut out = Vec::with_capacity(logical.len());
    for (number, text, blank_before) in &logical {
        for (k, piece) in split_at_records(text, registry).into_iter().flat_map(title_before_header).enumerate() {
            out.push(Unit { location: *number, text: piece.trim().to_string(), blank_before: *blank_before && k == 0, from: Source::Line });
        }
    }
    out
}

/// A title a crawl ran into the header after it ("X Homes – Code self-assessmentCode
/// provisionCode requirement…"): the title is a line of its own, not a column's name.
fn title_before_header(piece: &str) -> Vec<&str> {
    let Some(cells) = run_together_header(piece) else { return vec![piece] };
    let roles = crate::header::classify_header(&cells);
    let title_first = roles.is_some_and(|r| r[0] == ColumnRole::Other) && cells.len() >= 4 && crate::header::classify_header(&cells[1..]).is_some();
    match piece.find(cells[1].as_str()).filter(|&at| title_first && at > 0) {
        Some(at) => vec![&piece[..at], &piece[at..]],
        None => vec![piece],
    }
}

/// Does `next` continue the sentence `prev` was cut in (a line the page or a copy wrapped:
/// "…to compel engagement from other" / "departments to resolve disputes?")? The previous
/// line stops without closing punctuation and the next goes on in lower case.
fn continues(prev: &str, next: &str) -> bool {
    let open = !prev.ends_with(['.', '?', '!', ':', ';', '|']);
    // "Comply" / "yes.": a label and its value are two cells, however the value is cased.
    let answer = crate::lines::is_short_answer(next);
    open && next.starts_with(|c: char| c.is_lowercase()) && !answer && label(prev).is_none()
}

/// A line holding several records (a header and four rows on one line, or
/// "…policy.1.3A resident…") cut where a record starts: a provision number inside the line,
/// not cited ("section 4.2", "point 3.2 of"), followed by that provision's own wording.
fn split_at_records<'t>(line: &'t str, registry: &Registry) -> Vec<&'t str> {
    const CITING: [&str; 12] = ["section", "sections", "point", "points", "paragraph", "para", "policy", "of", "and", "to", "see", "provision"];
    // Only lines long enough to hold a number and a provision's opening words after it.
    if line.len() < 60 {
        return vec![line];
    }
    let bytes = line.as_bytes();
    let mut cuts = Vec::new();
    for (at, _) in line.match_indices('.') {
        // The number: one or two digits, the dot, one or two digits.
        let start = if at >= 2 && bytes[at - 2].is_ascii_digit() { at - 2 } else { at.saturating_sub(1) };
        if start == 0 || !bytes[at - 1].is_ascii_digit() || !bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let before = line[..start].chars().next_back();
        // Inside a longer number (4.1.3, 12.50) or a word: not a record start.
        if before.is_some_and(|c| c.is_ascii_digit() || c == '.' && line[..start - 1].chars().next_back().is_none_or(|p| !p.is_alphabetic()) || c.is_alphanumeric() && !c.is_lowercase()) {
            continue;
        }
        let previous_word = line[..start].split_whitespace().next_back().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if CITING.contains(&previous_word.as_str()) || line[..start].ends_with('(') {
            continue;
        }
        let Some((number, end)) = leading_number(&line[start..]) else { continue };
        let rest = &line[start + end..];
        let probe: String = rest.split_whitespace().take(40).collect::<Vec<_>>().join(" ");
        if registry.affinity_any(&number, &probe).unwrap_or(0.0) >= 0.5 {
            cuts.push(start);
        }
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts {
        pieces.push(&line[from..cut]);
        from = cut;
    }
    pieces.push(&line[from..]);
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

fn kind(unit: &Unit, titles: &SectionTitles, registry: &Registry) -> Kind {
    let text = unit.text.as_str();
    // A page number, or a section number printed on a line of its own above its title.
    if is_page_number(text) || text.parse::<u32>().is_ok_and(|n| n <= 12) {
        return Kind::Page;
    }
    // Before chrome: "Accessibility" is a 2020 theme as well as a footer link.
    if parse_heading(text) != Heading::None || titles.find(text).is_some() {
        return Kind::Heading;
    }
    // A heading ends the record before it, unless it names a provision ("Provision 1.2"),
    // asks a 2020 question, names a cell ("Evidence"), or is the Code's own words (the
    // definition a 2020 question quotes, after a line break inside the question's heading).
    let codes_words = || registry.best(None, first_words(text)).is_some_and(|(_, score)| score >= 0.6);
    if unit.from == Source::Heading && leading_number(text).is_none() && question_2020(text, registry).is_none() && label(text).is_none() && !codes_words() {
        return Kind::Heading;
    }
    if is_chrome(text) {
        return Kind::Chrome;
    }
    if let Some(cells) = run_together_header(text).or_else(|| space_joined_header(text)) {
        return Kind::Header(cells);
    }
    if let Some((number, end)) = leading_number(text) {
        let rest = text[end..].trim_start_matches([' ', ':', '-', '–']).to_string();
        return Kind::Numbered { number, rest };
    }
    if let Some(number) = question_2020(text, registry) {
        return Kind::Question(number);
    }
    Kind::Text
}

/// The 2020 form's question a line asks, if it asks one: the 2020 form is a list of
/// questions without numbers.
/// A copy that lost the question marks still opens the question with its verb ("Does the
/// policy …", "Are residents …"), and must then read closer to the form's wording.
fn question_2020(text: &str, registry: &Registry) -> Option<String> {
    const OPENINGS: [&str; 10] = ["Does", "Do", "Is", "Are", "Has", "Have", "Can", "Will", "Were", "Was"];
    let asks = text.contains('?');
    let opens_a_question = text.split_whitespace().next().is_some_and(|w| OPENINGS.contains(&w));
    if !(asks || opens_a_question) || text.split_whitespace().count() < 4 {
        return None;
    }
    let (p, score) = registry.best(Some(CodeVersion::V2020), text)?;
    (score >= if asks { 0.5 } else { 0.7 }).then(|| p.number.clone())
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
    // A header one line could not hold: its two halves read as one ("…Complaint Handling" /
    // "Code)Comply (Yes/No)Evidence…").
    for i in 0..units.len().saturating_sub(1) {
        if kinds[i] != Kind::Text || units[i + 1].blank_before || !matches!(kinds[i + 1], Kind::Text | Kind::Heading) {
            continue;
        }
        let (a, b) = (&units[i].text, &units[i + 1].text);
        if a.len() + b.len() > 240 {
            continue;
        }
        // The wrap took a space or nothing: a space first ("…Handling" + "Code)…").
        let spaced = format!("{a} {b}");
        let header = run_together_header(&spaced).or_else(|| run_together_header(&format!("{a}{b}"))).or_else(|| space_joined_header(&spaced));
        if let Some(cells) = header {
            kinds[i] = Kind::Header(cells);
            kinds[i + 1] = Kind::Page;
        }
    }
    kinds
}

/// Forms that print each answer on a line of its own ABOVE the record it answers
/// ("Compliant" / "3.1 Landlords must…" / evidence / "Partially compliant" / "3.2 …"): read
/// as usual, every record would take the next record's answer. The layout shows itself
/// where the first record is already preceded by an answer and nearly every record is, while
/// records answer nowhere else (an answer after the requirement, as most forms print it,
/// would follow the number, not precede it). Those answer lines are marked to open the
/// record below them.
fn mark_lead_answers(units: &[Unit], mut kinds: Vec<Kind>) -> Vec<Kind> {
    let opens = |k: &Kind| matches!(k, Kind::Numbered { .. } | Kind::Question(_));
    let openers: Vec<usize> = (0..kinds.len()).filter(|&i| opens(&kinds[i])).collect();
    if openers.len() < 3 {
        return kinds;
    }
    let answer_only = |j: usize| kinds[j] == Kind::Text && crate::lines::is_short_answer(&units[j].text) && label(&units[j].text).is_none();
    // The answer line just above opener `i` (page furniture between does not count), if any.
    let lead = |i: usize| (0..i).rev().find(|&j| kinds[j] != Kind::Page).filter(|&j| answer_only(j));
    // Most forms fail on their first record: nothing more to look at.
    if lead(openers[0]).is_none() {
        return kinds;
    }
    let leads: Vec<Option<usize>> = openers.iter().map(|&i| lead(i)).collect();
    let led = leads.iter().filter(|l| l.is_some()).count();
    if led + 1 < openers.len() {
        return kinds;
    }
    // Answers elsewhere in a record (after its number, before the next record's lead line)
    // mean the form answers below its rows after all.
    let answered_inside = openers
        .iter()
        .enumerate()
        .filter(|&(k, &start)| {
            let end = openers.get(k + 1).map_or(kinds.len(), |&next| leads[k + 1].unwrap_or(next));
            (start + 1..end).any(&answer_only)
        })
        .count();
    if answered_inside * 4 > openers.len() {
        return kinds;
    }
    for j in leads.into_iter().flatten() {
        kinds[j] = Kind::LeadAnswer;
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

/// "Code provision Code requirement Comply: Yes / No Evidence Commentary / explanation": a
/// header whose cells were joined by single spaces, cut before the words that open a
/// column's name. Each piece must be short and the pieces must make a header.
pub(crate) fn space_joined_header(text: &str) -> Option<Vec<String>> {
    const OPENERS: [&str; 13] = ["Code", "Comply", "Compliance", "Compliant", "Evidence", "Commentary", "Comments", "Requirement", "RAG", "Notes", "Actions", "Do", "Ref"];
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(3..=24).contains(&words.len()) {
        return None;
    }
    let mut cells: Vec<Vec<&str>> = Vec::new();
    for w in words {
        let opens = OPENERS.iter().any(|o| w.trim_end_matches([':', ',', '?']) == *o);
        match cells.last_mut() {
            Some(cell) if !opens => cell.push(w),
            _ => cells.push(vec![w]),
        }
    }
    let cells: Vec<String> = cells.into_iter().map(|c| c.join(" ")).collect();
    if cells.len() < 3 || cells.iter().any(|c| c.split_whitespace().count() > 6) {
        return None;
    }
    classify_header(&cells).map(|_| cells)
}

/// The Code's section titles (every version's, the 2020 form's themes too), normalised,
/// with their section numbers: a heading that names a section without the word "Section".
struct SectionTitles<'r>(&'r [(String, CodeVersion, u32)]);

impl<'r> SectionTitles<'r> {
    fn of(registry: &'r Registry) -> Self {
        SectionTitles(registry.section_titles())
    }

    /// "2 Accessibility and awareness", "Complaint handling staff", "4. Communication": the
    /// section number the line names.
    fn find(&self, text: &str) -> Option<u32> {
        // A title is a short line, not a sentence: most lines stop here.
        if text.len() > 120 || text.ends_with('.') || text.split_whitespace().nth(14).is_some() {
            return None;
        }
        // The section number in front, glued or not: "4Communication", "2. Accessibility",
        // "1 – Definition of a complaint".
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let lead = text[..digits].parse::<u32>().ok();
        // "1.2 - Definition of a complaint" is a provision with its section's title.
        if text[digits..].starts_with('.') && text[digits + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let title = text[digits..].trim_start_matches(['.', ' ', '-', '–', ':']);
        // Column heads run into the title ("Definition of a complaintYesNo": tick columns).
        let title = title.strip_suffix("YesNo").or_else(|| title.strip_suffix("Yes No")).unwrap_or(title);
        let probe = normalise_title(title);
        let known = |probe: &str| self.0.iter().find(|(known, _, section)| known == probe && lead.is_none_or(|n| n == *section)).map(|(_, _, s)| *s);
        // "Compliance with the Complaint Handling Code - Communication": the title after a dash.
        known(&probe).or_else(|| title.rsplit_once(" - ").or_else(|| title.rsplit_once(" – ")).and_then(|(_, last)| known(&normalise_title(last))))
    }
}


struct Reader<'a, 'r> {
    asm: &'a mut Assembler<'r>,
    titles: SectionTitles<'r>,
    /// The columns the form's header names, in order (empty when it has none).
    order: Vec<ColumnRole>,
    drafts_seen: Vec<String>,
    last_number: Option<(u32, u32)>,
    /// How the records so far print their numbers: named ("Code provision 1.2") or bare
    /// ("1.2"). A form keeps to one style; a bare number inside a form that names its
    /// provisions is a paragraph of the landlord's policy quoted in evidence.
    named_numbers: u32,
    bare_numbers: u32,
    /// The first record not yet offered answers printed after the rows (a text copy of a
    /// table read column by column).
    answers_from: usize,
}

impl Reader<'_, '_> {
    fn walk(&mut self, units: &[Unit], kinds: &[Kind]) {
        let mut draft: Option<Draft> = None;
        let mut header_cells: Vec<String> = Vec::new();
        // An answer printed above its record, waiting for the record to open.
        let mut lead_answer: Option<Unit> = None;
        let mut i = 0;
        while i < units.len() {
            let u = &units[i];
            if matches!(kinds[i], Kind::Text | Kind::HeaderCell) && self.answer_column_follows(units, kinds, i, draft.as_ref()) {
                self.finish(draft.take());
                i = self.read_answer_column(units, kinds, i);
                continue;
            }
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
                    // Never a cell, but a footer line ("© 2025 Eastwold Homes") names the
                    // landlord: document-level detection reads the context. Navigation before
                    // the form stays out of it, where the title is looked for.
                    if draft.is_some() || !self.asm.records.is_empty() {
                        self.asm.context.push(chc_model::ContextLine { location: u.location, text: u.text.clone() });
                    } else {
                        // A cookie notice may still name the publisher ("Karbon Homes uses
                        // cookies …").
                        self.asm.furniture(u.location, &u.text);
                    }
                }
                Kind::Header(cells) => self.header_line(&mut draft, cells.clone()),
                Kind::HeaderCell => {
                    header_cells.push(u.text.clone());
                    if !matches!(kinds.get(i + 1), Some(Kind::HeaderCell)) {
                        self.header_line(&mut draft, std::mem::take(&mut header_cells));
                    }
                }
                Kind::Heading => {
                    self.finish(draft.take());
                    self.heading(u);
                }
                Kind::LeadAnswer => {
                    self.finish(draft.take());
                    lead_answer = Some(u.clone());
                }
                Kind::Numbered { number, rest } if self.starts_record(number, rest, units, kinds, i, draft.is_some()) => {
                    // "2.3" alone on its line, then "2.3 Landlords must…": the number printed
                    // twice opens one record.
                    if let Some(open) = draft.as_mut().filter(|d| d.number.as_deref() == Some(number.as_str()) && d.first.is_empty() && d.body.is_empty()) {
                        open.first = rest.to_string();
                        i += 1;
                        continue;
                    }
                    self.finish(draft.take());
                    // The open record's number is the form's numbering so far: a policy
                    // paragraph quoted in its evidence ("5.1 We log every complaint…") is
                    // checked against it.
                    self.last_number = Some(chc_code::number_key(number));
                    if u.text.starts_with(|c: char| c.is_alphabetic()) {
                        self.named_numbers += 1;
                    } else {
                        self.bare_numbers += 1;
                    }
                    // "1.2 - Definition of a complaint": the number with its section's title,
                    // not the requirement.
                    let (answers_also, joint) = crate::lines::joint_numbers(rest);
                    let rest = rest[joint..].trim_start();
                    let first = if self.titles.find(rest).is_some() { String::new() } else { rest.to_string() };
                    draft = Some(Draft { number: Some(number.clone()), location: u.location, first, answers_also, body: lead_answer.take().into_iter().collect(), ..Draft::default() });
                }
                // A question other than the one the open record asks (or is numbered as: "4.1"
                // heading the record, then its question) opens a record.
                Kind::Question(number) if draft.as_ref().is_none_or(|d| d.question.as_ref() != Some(number) && d.number.as_ref() != Some(number)) => {
                    self.finish(draft.take());
                    draft = Some(Draft { location: u.location, first: u.text.clone(), question: Some(number.clone()), body: lead_answer.take().into_iter().collect(), ..Draft::default() });
                }
                _ => match draft.as_mut() {
                    Some(d) => d.body.push(u.clone()),
                    None if let Some((start, label_at)) = self.requirement_tail_before_label(units, kinds, i) => {
                        for before in &units[i..start] {
                            self.asm.text_line(before.location, &before.text);
                        }
                        let first = units[start..label_at].iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join("\n");
                        draft = Some(Draft { location: units[start].location, first, ..Draft::default() });
                        i = label_at;
                        continue;
                    }
                    None if self.opens_unnumbered(&u.text, units.get(i + 1)) => {
                        draft = Some(Draft { location: u.location, first: u.text.clone(), ..Draft::default() });
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

    /// A table copied column by column (`pdftotext` without `-layout`, a PDF's content
    /// order): its numbers and requirements first, then the comply column's label and the
    /// answers with their evidence, one after another. At unit `i`, the comply column's label
    /// ("Comply:", "Compliance") follows two or more records, none answered, and as many
    /// answers follow it before the next numbered line.
    fn answer_column_follows(&self, units: &[Unit], kinds: &[Kind], i: usize, draft: Option<&Draft>) -> bool {
        let text = units[i].text.trim();
        if text.chars().count() > 40 || column_role(text.trim_end_matches(':')) != ColumnRole::Comply || parse_comply(text).is_some() {
            return false;
        }
        let answered = |t: &str| parse_comply(t).is_some();
        if draft.is_some_and(|d| answered(&d.first) || d.body.iter().any(|b| answered(&b.text))) {
            return false;
        }
        // The records so far hold their requirements only: no answer, no evidence.
        let earlier = &self.asm.records[self.answers_from.min(self.asm.records.len())..];
        if earlier.iter().any(|r| r.has_comply() || !r.record.evidence.is_empty() || !r.record.commentary.is_empty()) {
            return false;
        }
        let rows = earlier.len() + usize::from(draft.is_some());
        let until = (i + 1..units.len()).find(|&k| matches!(kinds[k], Kind::Numbered { .. } | Kind::Question(_))).unwrap_or(units.len());
        let answers = units[i + 1..until].iter().filter(|u| bare_answer(&u.text)).count();
        // One record alone is answered so only when the label is the header's own, its
        // options on the next line ("Comply:" then "Yes/No"): a label record's "Comply:"
        // is followed by its answer.
        let header_options = units.get(i + 1).is_some_and(|n| matches!(n.text.trim().trim_matches(['(', ')']).replace(' ', "").to_lowercase().as_str(), "yes/no" | "yes/no/partial"));
        (rows >= 2 || rows == 1 && header_options) && answers >= rows
    }

    /// Gives the answers after unit `i`, each with the lines after it as its evidence, to the
    /// unanswered records in order; returns where reading goes on.
    fn read_answer_column(&mut self, units: &[Unit], kinds: &[Kind], i: usize) -> usize {
        let mut next = self.answers_from..self.asm.records.len();
        let mut current: Option<usize> = None;
        let mut k = i + 1;
        while k < units.len() && !matches!(kinds[k], Kind::Numbered { .. } | Kind::Question(_) | Kind::Heading) {
            let text = units[k].text.trim();
            if bare_answer(text) {
                match next.next() {
                    Some(r) => {
                        self.asm.records[r].push(ColumnRole::Comply, text);
                        current = Some(r);
                    }
                    None => break,
                }
            } else if current.is_none() || text.chars().count() <= 60 && column_role(text.trim_end_matches(':')) != ColumnRole::Other {
                // The rest of the column labels ("Yes/No", "Evidence, commentary and any").
            } else if let Some(r) = current {
                self.asm.records[r].push(ColumnRole::Evidence, text);
            }
            k += 1;
        }
        self.answers_from = self.asm.records.len();
        k
    }

    /// Is unit `i` (chrome) past the form's last record: no provision number follows?
    fn is_last_record_region(&self, units: &[Unit], kinds: &[Kind], i: usize) -> bool {
        !kinds[i..].iter().zip(&units[i..]).any(|(k, _)| matches!(k, Kind::Numbered { .. } | Kind::Question(_) | Kind::Header(_) | Kind::HeaderCell))
    }

    /// A header (on one line or a cell per line) ends the open record and sets the columns;
    /// printed again at the top of a page inside a record (a row a page break cut), the same
    /// columns in the same order, it leaves the record open: what follows is the rest of its
    /// cells.
    fn header_line(&mut self, draft: &mut Option<Draft>, cells: Vec<String>) {
        let repeated = draft.is_some() && !self.order.is_empty() && classify_header(&cells).is_some_and(|roles| roles == self.order);
        if !repeated {
            self.finish(draft.take());
            self.set_header(cells);
        }
    }

    fn set_header(&mut self, cells: Vec<String>) {
        if let Some(roles) = classify_header(&cells) {
            self.order = roles.clone();
            self.asm.header(cells, roles);
        }
    }

    fn heading(&mut self, u: &Unit) {
        if parse_heading(&u.text) == Heading::None {
            if let Some(section) = self.titles.find(&u.text) {
                self.asm.section = Some((section, u.text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ').to_string()));
            }
        }
        self.asm.text_line(u.location, &u.text);
    }

    /// A line opening with a provision number starts a record unless it reads as a
    /// reference inside evidence: the number must either stand alone on its line, or be
    /// followed by that provision's wording, or continue the form's numbering.
    fn starts_record(&self, number: &str, rest: &str, units: &[Unit], kinds: &[Kind], i: usize, in_record: bool) -> bool {
        // A reference reads on from the number ("3.2 of our policy", "Section 7.1 of the
        // policy", "4.5) sets out").
        // Only in lower case: "9.5 In addition to this…" and "6.6 In awarding compensation…"
        // open the Code's own wording.
        // "5.12 and 5.13" opens a row that answers both; "3.2 and 4.1 of our policy" does not.
        let (_, joint) = crate::lines::joint_numbers(rest);
        let rest = rest[joint..].trim_start();
        let first_word = rest.split_whitespace().next().unwrap_or("");
        if ["of", "in", "and", "to", "above", "below", "of,", "sets", "says", "states"].contains(&first_word) || rest.starts_with(')') {
            return false;
        }
        // "Code section 1.2", "Provision 1.2", "• Code provision: 1.2" (a list item per
        // provision): the form says it is a provision.
        if units[i].text.trim_start_matches(['•', '-', '–', '*', ' ']).starts_with(|c: char| c.is_alphabetic()) {
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
        if self.named_numbers > self.bare_numbers {
            return false;
        }
        // A sentence after the number that is nothing like that provision's wording is a
        // paragraph of a policy quoted in evidence ("2.2 A complaint is any expression…").
        if affinity < 0.15 && rest.split_whitespace().count() >= 5 {
            return false;
        }
        let (section, item) = chc_code::number_key(number);
        match self.last_number {
            // No numbered row yet: an early number opens the form, unless rows without
            // numbers came first (then it is a reference in their evidence).
            None => affinity >= 0.15 || (item <= 3 && !in_record && self.asm.records.is_empty()),
            Some((s, it)) => (s == section && item > it && item <= it + 3) || (section == s + 1 && item <= 3),
        }
    }

    /// Outside a record, a line that quotes the opening of a provision no record has taken
    /// is that provision's row, its number lost: after the form's header, or anywhere when
    /// an answer follows the wording (run into the line, or on the next line), so that the
    /// Code quoted in an introduction is not a row.
    /// A page that starts inside the first record's requirement (a crawl or a page cut mid
    /// list: "• Providing a financial remedy;" "• Changing policies …" then "Comply"): the
    /// lines before the record's first label, when one provision's wording holds them. Where
    /// that label is, if so.
    fn requirement_tail_before_label(&self, units: &[Unit], kinds: &[Kind], i: usize) -> Option<(usize, usize)> {
        const MOST_LINES: usize = 8;
        if !self.asm.records.is_empty() || !self.drafts_seen.is_empty() {
            return None;
        }
        let label_at = (i..units.len().min(i + MOST_LINES + 1)).find(|&j| kinds[j] != Kind::Text || label(&units[j].text).is_some())?;
        let labels_a_cell = label(&units[label_at].text).is_some_and(|(r, _)| matches!(r, ColumnRole::Comply | ColumnRole::Evidence | ColumnRole::EvidenceCommentary));
        if label_at == i || !labels_a_cell {
            return None;
        }
        let tail = units[i..label_at].iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join(" ");
        if tail.split_whitespace().count() < 6 {
            return None;
        }
        let (provision, score) = self.asm.registry.best(None, &tail)?;
        if score < 0.6 {
            return None;
        }
        // The wording starts at its first line the provision holds: a title and an
        // introduction before it stay the page's ("Our self-assessment", "X Housing
        // Co-operative is run by its members …").
        let code = WordingProfile::new(&provision.text);
        let start = (i..label_at).find(|&j| WordingProfile::new(&units[j].text).contained_in(&code) >= 0.5).unwrap_or(i);
        Some((start, label_at))
    }

    fn opens_unnumbered(&self, text: &str, next: Option<&Unit>) -> bool {
        let (opening, answered) = opening_wording(text);
        if opening.split_whitespace().count() < 6 {
            return false;
        }
        let answer_next = next.is_some_and(|n| crate::lines::is_short_answer(&n.text));
        // A page that starts inside a record: the wording, then the answer's or the
        // evidence's label ("Comply", "Evidence:").
        let label_next = next.is_some_and(|n| label(&n.text).is_some_and(|(r, _)| matches!(r, ColumnRole::Comply | ColumnRole::Evidence | ColumnRole::EvidenceCommentary)));
        if self.order.is_empty() && !answered && !answer_next && !label_next {
            return false;
        }
        matches!(best_not_taken(self.asm.registry, first_words(opening), |n| self.drafts_seen.iter().any(|s| s == n)), Some((_, score)) if score >= 0.5)
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

    /// A record whose body holds another row whose number was lost (QUIRKS 9) is split:
    /// where another provision's opening wording follows the record's own answer, or where a
    /// cell's label comes a second time (the next row's "Code requirement", or its
    /// "Compliance:" after its wording, which is then where the row starts).
    fn split_unnumbered(&mut self, mut draft: Draft) -> Vec<Draft> {
        let registry = self.asm.registry;
        let (own_opening, _) = opening_wording(&draft.first);
        let own = draft.number.clone().or_else(|| registry.best(None, first_words(own_opening)).filter(|(_, s)| *s >= 0.5).map(|(p, _)| p.number.clone()));
        // Whether the record has had its answer: on a line of its own, or run into a line
        // (its start included: "YAs above, see page 9").
        let has_answer = |t: &str| parse_comply(t).is_some() || !comply_boundaries(t, true).is_empty();
        let mut answered = has_answer(&draft.first);
        // Another provision's opening, scored: (score against the Code, score against the
        // record's own provision, that provision's number).
        // The provisions a row answers together with its own ("5.12 and 5.13") are its own
        // wording too, not another row's.
        let answered_together = draft.answers_also.clone();
        let another = |text: &str| -> Option<(f64, String)> {
            if registry.best(None, first_words(text)).is_some_and(|(p, _)| answered_together.contains(&p.number)) {
                return None;
            }
            let taken = |n: &str| self.drafts_seen.iter().any(|s| s == n) || own.as_deref() == Some(n);
            let (p, score) = best_not_taken(registry, first_words(text), taken)?;
            let current = own.as_deref().and_then(|n| registry.affinity_any(n, text)).unwrap_or(0.0);
            (score - current >= 0.25).then(|| (score, p.number.clone()))
        };
        let mut labelled: Vec<ColumnRole> = Vec::new();
        let mut last_label = None;
        let mut cut = None;
        for (j, u) in draft.body.iter().enumerate() {
            let role = if u.from == Source::Term { Some(label(&u.text).map_or(ColumnRole::Other, |l| l.0)) } else { label(&u.text).map(|l| l.0) };
            if let Some(role) = role.filter(|r| matches!(r, ColumnRole::Requirement | ColumnRole::Comply | ColumnRole::Evidence | ColumnRole::EvidenceCommentary)) {
                if labelled.contains(&role) {
                    // The row's wording is the line after the last label that reads most like
                    // another provision; without one, the repeated label opens the row.
                    let from = last_label.map_or(0, |l| l + 1);
                    let wording = (from..j).filter_map(|k| another(&draft.body[k].text).filter(|(s, _)| *s >= 0.4).map(|(s, n)| (k, s, n))).max_by(|a, b| a.1.total_cmp(&b.1));
                    cut = match wording {
                        Some((k, _, n)) if role != ColumnRole::Requirement => Some((k, Some(n))),
                        _ if role == ColumnRole::Requirement => Some((j, None)),
                        // An answer or evidence label again with no other provision's wording
                        // before it: a second paragraph of the same cell, not a lost row.
                        _ => None,
                    };
                    if cut.is_some() {
                        break;
                    }
                }
                labelled.push(role);
                last_label = Some(j);
            }
            let (opening, glued) = opening_wording(&u.text);
            // A new row starts on a line of its own: after a blank line, with its answer run
            // into it, or after a line that ends a sentence when its wording is the Code's
            // beyond doubt.
            // (The line before may be the record's first, its number's own line.)
            let line_before = if j > 0 { draft.body[j - 1].text.as_str() } else { draft.first.as_str() };
            let after_sentence = line_before.ends_with(['.', '?', '!']);
            // A record whose answer was lost ends too where another provision's wording
            // starts beyond doubt.
            let lost_answer = !answered && own.is_some();
            if (answered || lost_answer) && (u.blank_before || glued || after_sentence) && opening.split_whitespace().count() >= 6 {
                if let Some((score, number)) = another(opening) {
                    if score >= 0.5 && (u.blank_before || glued || score >= 0.65) && (answered || score >= 0.65) {
                        cut = Some((j, Some(number)));
                        break;
                    }
                }
            }
            // Once answered, always answered: the costly test only until then.
            answered = answered || glued || has_answer(&u.text);
        }
        let Some((j, number)) = cut else { return vec![draft] };
        let mut tail = draft.body.split_off(j);
        let first = tail.remove(0);
        self.drafts_seen.extend(number);
        // A label that opens the row stays in its body, where labels are read.
        let next = if label(&first.text).is_some() {
            Draft { location: first.location, body: std::iter::once(first).chain(tail).collect(), ..Draft::default() }
        } else {
            Draft { location: first.location, first: first.text, body: tail, ..Draft::default() }
        };
        let mut out = vec![draft];
        out.extend(self.split_unnumbered(next));
        out
    }

    fn emit(&mut self, draft: Draft) {
        // "Salix Homes response: Yes.": the label names who answers, the form's landlord; the
        // cells keep only the answer, so the name goes where document-level detection reads.
        let first = (!draft.first.is_empty()).then_some((draft.location, draft.first.as_str()));
        for (location, text) in first.into_iter().chain(draft.body.iter().map(|u| (u.location, u.text.as_str()))) {
            if let Some(name) = answering_landlord(text) {
                if !self.asm.furniture.iter().any(|f| f.text == name) {
                    self.asm.furniture(location, name);
                }
            }
        }
        let cells = segment(&draft, &self.order, self.asm.registry);
        let rec = self.asm.open(draft.number.clone(), draft.location);
        rec.record.answers_also = draft.answers_also.clone();
        if draft.number.is_none() && draft.question.is_none() {
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
    // "• Evidence: …": a label in a list item.
    let text = text.trim_start_matches(['•', '-', '–', '*', ' ']);
    // "Compliant (Y/N)", "Met? (Yes/No)": an answer word followed by the answers to choose
    // from names the comply column; it is no answer.
    if let Some(head) = (text.len() <= 40 && text.contains('/')).then(|| without_answer_options(text)).flatten() {
        if column_role(head) == ColumnRole::Comply || parse_comply(head).is_some() {
            return Some((ColumnRole::Comply, String::new()));
        }
    }
    // A label alone on its line: a short title, not a list item or a clause.
    let bare = text.trim_end_matches([':', '?', ' ']);
    // "Evidence." with a stray full stop is still a label; a longer line ending in one is a
    // sentence.
    let stray_stop = text.ends_with('.') && bare.split_whitespace().count() <= 3;
    let title_like = text.starts_with(|c: char| c.is_uppercase()) && (!text.ends_with(['.', ';', ',']) || stray_stop);
    let bare = bare.trim_end_matches('.');
    // "Evidence: Complaints procedure" is a label with its value, read below.
    let short_title = title_like && !bare.contains(':') && text.chars().count() <= 60 && bare.split_whitespace().count() <= 7;
    if short_title {
        // "Comply Yes": a label with its value, not a label alone.
        if let Some(labelled) = unmarked_label(text) {
            return Some(labelled);
        }
        let role = column_role(bare);
        // "Actions promised in responses are": a sentence cut by the line's end, not a label.
        let cut_mid_clause = bare.split_whitespace().last().is_some_and(|w| CLAUSE_WORDS.contains(&w.to_lowercase().as_str()));
        if role != ColumnRole::Other && !cut_mid_clause && parse_comply(text).is_none() && (role != ColumnRole::Requirement || names_a_requirement(bare)) {
            return Some((role, String::new()));
        }
    }
    // (A short title line was asked for a label run into its value above.)
    let Some((name, value)) = split_label(text) else { return if short_title { None } else { unmarked_label(text) } };
    // "Code provisionCode requirementComply:" is a run-together header, not a label.
    let glued = name.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    if glued || name.split_whitespace().count() > 7 {
        return None;
    }
    // "Brighton & Hove City Council response:", "Our answer:": the comply column's label on
    // forms that answer in words.
    let last_word = name.split_whitespace().last().unwrap_or("").to_lowercase();
    let role = match column_role(name) {
        ColumnRole::Other if ANSWER_LABEL_ENDINGS.contains(&last_word.as_str()) => ColumnRole::Comply,
        role => role,
    };
    match role {
        ColumnRole::Other | ColumnRole::Provision => None,
        ColumnRole::Requirement if name.split_whitespace().count() > 4 => None,
        // "Code requirement:", "Question:"; not "Questions about this page: …" in a footer.
        ColumnRole::Requirement if !names_a_requirement(name) => None,
        // "Our assessment: Fully compliant": a label that may carry the answer with its
        // evidence ([`column_role`]) carrying the answer alone.
        ColumnRole::Evidence if name.to_lowercase().contains("assessment") && crate::lines::is_short_answer(value.trim()) => Some((ColumnRole::Comply, value.trim().to_string())),
        _ => Some((role, value.trim().to_string())),
    }
}

/// Words no label ends with: a line ending in one is a sentence that goes on.
const CLAUSE_WORDS: [&str; 16] = ["a", "an", "the", "of", "to", "in", "on", "by", "for", "with", "and", "or", "are", "is", "was", "were"];

/// The words a column's label ends with, when a label runs into its value with a space only.
const LABEL_LAST_WORDS: [&str; 17] = [
    "comply", "compliance", "compliant", "complies", "met", "achieved", "evidence", "explanation", "explanations", "comment", "comments", "commentary", "notes", "response",
    "answer", "requirement", "question",
];

/// A label run into its value with only a space, as a web card's label and value read
/// ("Comply Yes", "Evidence The letter template covers it.", "Comment Reviewed in May"):
/// the longest opening words that end with a label's word and name a column, then an answer
/// for the comply column, or a value opening with a capital for the others.
fn unmarked_label(text: &str) -> Option<(ColumnRole, String)> {
    let last_word_of = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    // Most lines open with no label's word: one look at the first word rules them out.
    let first = text.split_whitespace().next()?;
    let opens_a_label = ["comply", "complian", "complies", "met", "achieved", "evidence", "explanation", "comment", "notes", "response", "answer", "code", "requirement", "question", "our"];
    if !opens_a_label.iter().any(|o| last_word_of(first).starts_with(o)) {
        return None;
    }
    let ends: Vec<usize> = text.match_indices(' ').map(|(at, _)| at).take(7).collect();
    ends.iter().rev().find_map(|&end| {
        let (name, value) = (text[..end].trim_end_matches([' ', '?']), text[end..].trim());
        let last = last_word_of(name.split_whitespace().last()?);
        if !LABEL_LAST_WORDS.contains(&last.as_str()) || value.is_empty() {
            return None;
        }
        // "Question 4.1" is a numbered heading, not a label and its value; "Evidence 87% of
        // cases…" is.
        let capitalised = value.starts_with(char::is_uppercase);
        let figure = value.starts_with(|c: char| c.is_ascii_digit()) && value.split_whitespace().count() >= 3;
        match column_role(name) {
            ColumnRole::Comply if parse_comply(value).is_some() => Some((ColumnRole::Comply, value.to_string())),
            ColumnRole::Requirement if capitalised && names_a_requirement(name) => Some((ColumnRole::Requirement, value.to_string())),
            role @ (ColumnRole::Evidence | ColumnRole::EvidenceCommentary | ColumnRole::Commentary) if capitalised || figure => Some((role, value.to_string())),
            _ => None,
        }
    })
}

/// The last word of a label that introduces the answer ("Our answer:", "<Landlord> response:").
const ANSWER_LABEL_ENDINGS: [&str; 2] = ["response", "answer"];

/// Who a "<name> response:" label says answers ("Brighton & Hove City Council response:",
/// "LHP response:"), unless it names no one ("Our response:", "Council response:").
fn answering_landlord(text: &str) -> Option<&str> {
    let (name, _) = split_label(text.trim_start_matches(['•', '-', '–', '*', ' ']))?;
    let (speaker, last) = name.trim().rsplit_once(' ')?;
    let speaker = speaker.trim();
    let generic = ["our", "the", "council", "landlord", "your", "my", "organisation", "the council", "the landlord", "our landlord"];
    let names_one = speaker.starts_with(|c: char| c.is_uppercase()) && !generic.contains(&speaker.to_lowercase().as_str()) && speaker.split_whitespace().count() <= 7;
    (ANSWER_LABEL_ENDINGS.contains(&last.to_lowercase().as_str()) && names_one).then_some(speaker)
}

/// The text before a trailing list of answers to choose from ("(Y/N)", "Yes / No"), if it
/// ends with one.
fn without_answer_options(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let bracketed = t.strip_suffix(')').and_then(|t| t.rfind('(').map(|at| (&t[..at], &t[at + 1..])));
    // "Comply: Yes / No": the answers after the label's colon, spaced.
    let after_colon = || t.rsplit_once(':').filter(|(_, options)| options.contains('/'));
    let (head, options) = bracketed.or_else(after_colon).or_else(|| t.rsplit_once(' '))?;
    let words: Vec<String> = options.split(['/', '|']).map(|w| w.trim().to_lowercase()).collect();
    let choices = words.len() >= 2 && words.iter().all(|w| ["y", "n", "yes", "no", "partial", "n/a", "na", "met", "not met"].contains(&w.as_str()));
    let head = head.trim_end().trim_end_matches([':', '?', ' ']);
    (choices && !head.is_empty()).then_some(head)
}

/// Whether a label read as the requirement column's ends like one ("Code requirement",
/// "Question", "What the Code says"): one that goes on past its subject ("Questions about
/// this page") is something else.
fn names_a_requirement(label: &str) -> bool {
    const ENDS: [&str; 10] = ["requirement", "requirements", "question", "questions", "wording", "says", "requires", "code", "text", "provision"];
    let last = label.split_whitespace().last().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    ENDS.contains(&last.as_str())
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
    // "Comply: Yes/No: Yes", "Comply: Yes/No Yes": the header's own wording repeated in the
    // label, the answer after it.
    let value = ["Yes/No:", "Yes / No:", "Yes/No ", "Yes / No "].iter().find_map(|o| value.strip_prefix(o).map(str::trim_start).filter(|rest| !rest.is_empty())).unwrap_or(value);
    Some((name, value))
}

/// An answer standing alone on its line, no label in front ("Yes", "Partially").
fn bare_answer(text: &str) -> bool {
    !text.contains(':') && crate::lines::is_short_answer(text)
}

/// A provision is known by its opening words: a row's first line is compared with the
/// Code on its first words only (a long evidence line costs no more than a short one).
/// The provision whose opening `opening` reads as, among those not `taken` yet: the best,
/// else its twin (a provision of the same Code that opens alike, as 6.4 and 6.15 of the 2024
/// Code do for stages 1 and 2), which the next row with that opening must be.
/// A line read as a 2020 question must ask it: hold a question mark or open as the question
/// does; "Most complaints are resolved at stage one." answers "What proportion of complaints
/// are resolved at stage one?", it does not ask it.
fn best_not_taken<'r>(registry: &'r Registry, opening: &str, taken: impl Fn(&str) -> bool) -> Option<(&'r chc_code::Provision, f64)> {
    const TWIN_MARGIN: f64 = 0.02;
    let (p, score) = registry.best(None, opening)?;
    let found = if !taken(&p.number) {
        Some((p, score))
    } else {
        registry.rank(Some(p.version), opening).into_iter().take_while(|(_, s)| *s >= score - TWIN_MARGIN).find(|(q, _)| !taken(&q.number))
    };
    match found {
        Some((q, _)) if q.version == CodeVersion::V2020 && !asks_the_question(opening, &q.text) => {
            // Not a question: the best provision of the later Codes it may still open.
            registry.rank(None, opening).into_iter().find(|(q, _)| q.version != CodeVersion::V2020 && !taken(&q.number))
        }
        found => found,
    }
}

/// The question's first word among the line's first three ("Q 8.2 How do we share…").
fn asks_the_question(line: &str, question: &str) -> bool {
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let Some(opening) = question.split_whitespace().next().map(word) else { return false };
    line.contains('?') || line.split_whitespace().take(3).any(|w| word(w) == opening)
}

fn first_words(text: &str) -> &str {
    const OPENING_WORDS: usize = 24;
    match text.split_whitespace().nth(OPENING_WORDS) {
        Some(word) => {
            let end = word.as_ptr() as usize - text.as_ptr() as usize;
            text[..end].trim_end()
        }
        None => text,
    }
}

/// The wording a line opens with, before an answer run into it ("…so.YesWe accept…"), and
/// whether there is such an answer.
fn opening_wording(text: &str) -> (&str, bool) {
    // A provision's wording is read from its first words ([`first_words`]): an answer run in
    // further along is evidence's, and looking for it would cost the whole line.
    let reach = text.char_indices().nth(1_500).map_or(text.len(), |(at, _)| at);
    match comply_boundaries(&text[..reach], false).first() {
        Some(&(start, _)) if start > 0 => (&text[..start], true),
        _ => (text, false),
    }
}

/// Where in `text` an answer word is glued between two cells: after a lower-case word, the
/// end of a sentence or a space, and before a capital, a digit, a quote or the end
/// ("…policy.YPoint 3.2", "…own meritsYes", "…regularly.Yes"). At the very start of a line
/// an answer counts only when glued to the next cell ("YesCopy of our leaflet"), unless the
/// line continues a record whose requirement came before (`after_requirement`: "Met HH
/// policy 6…" on the line after the requirement).
pub(crate) fn comply_boundaries(text: &str, after_requirement: bool) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let before = prev.replace(c);
        // Answers start with a capital or a symbol, after text, the end of a sentence or a space.
        if c.is_lowercase() || c.is_whitespace() || before.is_some_and(|p| !(p.is_lowercase() || ".)'\"’”:;? ".contains(p))) {
            continue;
        }
        // Right after a question ("…definition of a complaint? No, but our wording…") the
        // answer may open prose of its own: the question is the requirement, the rest of
        // the line after the answer is evidence.
        if text[..at].trim_end_matches(' ').ends_with('?') {
            if let Some((_, len)) = leading_answer(&text[at..]) {
                out.push((at, at + len));
                continue;
            }
            // Or the answer ends the line ("…resolve disputes? – Partly").
            let tail = text[at..].trim_end().trim_end_matches(['.', '!']);
            let answer = tail.trim_start_matches(['-', '–', '—', ':', ' ']);
            if !answer.is_empty() && answer.split_whitespace().count() <= 3 && parse_comply(answer).is_some() {
                let from = at + (tail.len() - answer.len());
                out.push((from, at + tail.len()));
                continue;
            }
        }
        let Some((_, len)) = glued_answer_at(&text[at..]) else { continue };
        let end = at + len;
        let after = text[end..].trim_start_matches(' ');
        let next = after.chars().next();
        // The next cell opens with a capital, a digit or a quote; or the answer ends its own
        // sentence first ("…residents.'Yes we comply. This is evidenced…").
        let opens_cell = |c: char| c.is_uppercase() || c.is_ascii_digit() || "'\"‘“(<".contains(c);
        let stops = next.is_some_and(|n| ".,;:-–".contains(n) && after[n.len_utf8()..].trim_start().chars().next().is_none_or(opens_cell));
        let followed = next.is_none_or(opens_cell) || stops;
        let glued_to_next = next.is_some() && after.len() == text[end..].len();
        if followed && (before.is_some() || glued_to_next || after_requirement) {
            out.push((at, end));
        }
    }
    out
}

/// Split a record into its cells.
fn segment(draft: &Draft, order: &[ColumnRole], registry: &Registry) -> Cells {
    let mut lines: Vec<(String, bool)> = Vec::with_capacity(draft.body.len() + 1);
    let mut sources: Vec<Source> = Vec::with_capacity(draft.body.len() + 1);
    if !draft.first.is_empty() {
        lines.push((draft.first.clone(), true));
        sources.push(Source::Line);
    }
    lines.extend(draft.body.iter().map(|u| (u.text.clone(), u.blank_before)));
    sources.extend(draft.body.iter().map(|u| u.from));
    let code = code_wording(draft, &lines, registry).to_lowercase();
    let labels: Vec<Option<(ColumnRole, String)>> = lines
        .iter()
        .zip(&sources)
        .map(|((t, _), from)| match from {
            // A `<dt>` is a label whatever its words; one the header words do not name is
            // a further note.
            Source::Term => Some(label(t).unwrap_or((ColumnRole::Other, String::new()))),
            _ => label(t).filter(|_| !quotes_the_code(t, &code)),
        })
        .collect();
    match labels.iter().position(Option::is_some) {
        Some(first_label) => labelled(&lines, &labels, first_label, order, draft.number.as_deref(), registry, &code),
        None => unlabelled(&lines, order, draft.number.as_deref(), registry),
    }
}

/// The Code's wording of the record's provision (by its number, else by its text).
fn code_wording<'r>(draft: &Draft, lines: &[(String, bool)], registry: &'r Registry) -> &'r str {
    let by_number = draft.number.as_deref().and_then(|n| CodeVersion::ALL.iter().rev().find_map(|&v| registry.get(v, n)));
    let by_question = draft.question.as_deref().and_then(|n| registry.get(CodeVersion::V2020, n));
    let provision = by_number.or(by_question).or_else(|| lines.first().and_then(|(t, _)| registry.best(None, first_words(t))).filter(|(_, s)| *s >= 0.5).map(|(p, _)| p));
    provision.map_or("", |p| p.text.as_str())
}

/// A label-like line that is words of the Code itself ("Evidence relied upon" ends a 2020
/// question) is not a label. One- and two-word labels ("Comply") are too common in the
/// Code's wording to be told apart this way.
fn quotes_the_code(line: &str, code_lower: &str) -> bool {
    let words: Vec<String> = line.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    words.len() >= 3 && code_lower.contains(&words.join(" "))
}

/// Records whose cells carry labels: a label switches the cell, lines go to the current
/// one. Text before the first label is read as an unlabelled record (the requirement, and
/// perhaps an answer run into it).
fn labelled(lines: &[(String, bool)], labels: &[Option<(ColumnRole, String)>], first_label: usize, order: &[ColumnRole], number: Option<&str>, registry: &Registry, code: &str) -> Cells {
    let code = WordingProfile::new(code);
    let mut cells = unlabelled(&lines[..first_label], order, number, registry);
    // Without an answer run into it, all the text before the labels is the requirement.
    if cells.comply.is_empty() {
        cells = Cells::default();
        push_lines(&mut cells, ColumnRole::Requirement, &lines[..first_label]);
    }
    let mut role = ColumnRole::Requirement;
    for ((text, blank_before), label) in lines.iter().zip(labels).skip(first_label) {
        if let Some((r, value)) = label {
            role = *r;
            // "Response: Yes. The policy covers it.": the answer, then evidence.
            if role == ColumnRole::Comply && cells.comply.is_empty() {
                if let Some(next) = answer_then_prose(&mut cells, value, order, LABELLED_ANSWER_AND_PROSE) {
                    role = next;
                    continue;
                }
            }
            // A second answer's label after the answer ("Do we comply? Yes" then "Our
            // response: Learning is logged …") heads prose: the column after the answer's.
            if role == ColumnRole::Comply && !cells.comply.is_empty() && parse_comply(value).is_none() && value.split_whitespace().count() > 2 {
                role = next_after_comply(order);
            }
            cells.push(role, value);
            continue;
        }
        // Under the requirement's label, a later paragraph that is not the Code's wording
        // is the next cell, its own label lost ("Code requirement" / text / blank lines /
        // evidence).
        if role == ColumnRole::Requirement && *blank_before && !cells.requirement.is_empty() && !code.is_empty() && WordingProfile::new(text).contained_in(&code) < 0.5 {
            role = if parse_comply(text).is_some() { ColumnRole::Comply } else { next_after_comply(order) };
        }
        // "Yes. Residents are told…" under the comply label: the answer, then evidence.
        if role == ColumnRole::Comply && cells.comply.is_empty() {
            if let Some(next) = answer_then_prose(&mut cells, text, order, ANSWER_AND_PROSE) {
                role = next;
                continue;
            }
        }
        // An answer standing alone right under a label that is not the comply one ("Code
        // requirement" / text / "Yes") has lost its own label.
        if cells.comply.is_empty() && role != ColumnRole::Comply && parse_comply(text).is_some() && text.chars().count() <= 40 && !matches!(role, ColumnRole::Evidence | ColumnRole::EvidenceCommentary | ColumnRole::Commentary) {
            cells.push(ColumnRole::Comply, text);
            continue;
        }
        // The comply cell holds an answer, not prose: text after the answer, or prose where
        // the answer was lost, belongs to the column after it.
        let prose = parse_comply(text).is_none() && text.split_whitespace().count() > 2;
        if role == ColumnRole::Comply && (!cells.comply.is_empty() || prose) {
            role = next_after_comply(order);
        }
        cells.push(role, text);
    }
    // A record whose only free text sits under a comments label ("Comments:" under a 2020
    // question and its tick boxes) has no evidence label to share it with: it is the
    // evidence, as a form's one merged column is.
    let labels_evidence = labels.iter().flatten().any(|(r, _)| matches!(r, ColumnRole::Evidence | ColumnRole::EvidenceCommentary));
    let header_has_evidence = order.iter().any(|r| matches!(r, ColumnRole::Evidence | ColumnRole::EvidenceCommentary));
    if !labels_evidence && !header_has_evidence && cells.evidence.is_empty() && !cells.commentary.is_empty() {
        cells.evidence = std::mem::take(&mut cells.commentary);
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
    // Without a header, the Code says which cells follow the answer: the 2024 form has an
    // evidence and a commentary column, the 2022 form one merged column.
    let inferred: Vec<ColumnRole>;
    let columns: &[ColumnRole] = if order.is_empty() && quotes_the_2024_form(lines, registry) {
        inferred = vec![ColumnRole::Evidence, ColumnRole::Commentary];
        &inferred
    } else {
        order
    };
    // A record with no blank line anywhere (a PDF's text, one line per cell, no blank lines
    // between cells): each line after the answer is a cell of its own.
    let lines_are_cells = lines.len() >= 3 && lines.iter().skip(1).all(|(_, blank)| !blank);
    // An answer alone on its line, or opening a line of prose ("Yes - see policy 4.1").
    let own_line = lines.iter().position(|(t, _)| crate::lines::is_short_answer(t) || leading_answer(t).is_some());
    // Answers glued inside lines, up to that line: (line, start, end).
    // A requirement quotes one provision, a few hundred words at most: answers glued
    // further into the record are evidence's words, and scoring each of them against all
    // the text before it would cost the square of a long record.
    const REQUIREMENT_REACH: usize = 4_000;
    let mut glued: Vec<(usize, usize, usize)> = Vec::new();
    let mut offset = 0;
    for (k, (t, _)) in lines.iter().enumerate().take(own_line.map_or(lines.len(), |o| o + 1)) {
        glued.extend(comply_boundaries(t, k > 0).into_iter().filter(|&(s, _)| offset + s <= REQUIREMENT_REACH).map(|(s, e)| (k, s, e)));
        offset += t.len() + 1;
        if offset > REQUIREMENT_REACH {
            break;
        }
    }
    // Where the record knows its provision, an answer in lower case right where a sentence
    // of the first line ends is a candidate too ("…covered by this Code. yes Housing
    // complaints policy"); the Code's wording before it decides, as for the others. Lower-case
    // answer words open sentences of evidence too, but not the Code's.
    if !profiles.is_empty() {
        let (t, _) = &lines[0];
        let ends = t.match_indices(". ").chain(t.match_indices("? ")).chain(t.match_indices(".' ")).map(|(at, m)| at + m.len());
        for at in ends.filter(|&at| at <= REQUIREMENT_REACH) {
            if t[at..].starts_with(|c: char| c.is_lowercase()) {
                if let Some((_, len)) = chc_code::answers::glued_answer_at(&t[at..]) {
                    glued.push((0, at, at + len));
                }
            }
        }
    }
    // An answer that ends the first line, after the Code's words ("…if they complain. —
    // Achieved", "… [Yes]"), where no line holds one of its own.
    if own_line.is_none() {
        if let Some(found) = chc_code::answers::trailing_answer(&lines[0].0) {
            glued.push((0, found.answer.start, found.answer.end));
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
        // The separator after an answer ("No - it is due in May", "Yes.") is neither's.
        let rest = lines[k].0[e..].trim_start_matches(['-', '–', ',', '.', ':', ';', ' ']).trim_end();
        if !rest.is_empty() {
            after.push((rest.to_string(), false));
        }
        after.extend(lines[k + 1..].iter().cloned());
        after_cells(&mut cells, &after, columns, lines_are_cells);
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
                after_cells(&mut cells, &after, columns, lines_are_cells);
            }
            None => {
                cells.push(ColumnRole::Comply, line);
                after_cells(&mut cells, &lines[o + 1..], columns, lines_are_cells);
            }
        }
    } else {
        // No answer: the requirement is as many lines as quote the Code; the rest is
        // evidence.
        let quoted = if profiles.is_empty() { 1 } else { quoted_lines(lines, &reads_as_code) };
        push_lines(&mut cells, ColumnRole::Requirement, &lines[..quoted]);
        after_cells(&mut cells, &lines[quoted..], columns, lines_are_cells);
    }
    cells
}

/// How long a comply cell must be to hold its answer and then prose: a line under the comply
/// label, and the value on the label's own line, which says less to be a sentence ("No. Due
/// in May.") while short answers ("Yes - fully compliant") stay whole.
const ANSWER_AND_PROSE: usize = 40;
const LABELLED_ANSWER_AND_PROSE: usize = 24;

/// A comply cell that opens with its answer and goes on in prose ("Yes. Residents are told
/// …"): the answer is the comply cell, the prose the column after it, which is returned.
fn answer_then_prose(cells: &mut Cells, text: &str, order: &[ColumnRole], longer_than: usize) -> Option<ColumnRole> {
    if text.chars().count() <= longer_than {
        return None;
    }
    let (_, len) = leading_answer(text)?;
    cells.push(ColumnRole::Comply, &text[..len]);
    let next = next_after_comply(order);
    cells.push(next, text[len..].trim_start_matches(['-', '–', ',', '.', ':', ';', ' ']));
    Some(next)
}

/// Whether a record's opening lines read as a provision only the 2024 Code words that way.
fn quotes_the_2024_form(lines: &[(String, bool)], registry: &Registry) -> bool {
    let opening: String = lines.iter().take(3).map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ");
    let scores = registry.best_score_per_version(first_words(&opening));
    let of = |v: CodeVersion| scores.iter().find(|(x, _)| *x == v).map_or(0.0, |(_, s)| *s);
    of(CodeVersion::V2024) >= 0.5 && of(CodeVersion::V2024) > of(CodeVersion::V2022) + 0.05
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
/// and the text comes as several cells (blank-line separated); a RAG rating on a line of its
/// own when the header has that column.
fn after_cells(cells: &mut Cells, lines: &[(String, bool)], order: &[ColumnRole], lines_are_cells: bool) {
    let has_rag = order.contains(&ColumnRole::Rag);
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for (t, blank) in lines {
        if has_rag && cells.rag.is_empty() && t.chars().count() <= 20 && parse_rag(t).is_some() {
            cells.push(ColumnRole::Rag, t);
            continue;
        }
        // A paragraph ending in a colon introduces the next one ("Our policy reads:").
        let introduced = groups.last().and_then(|g| g.last()).is_some_and(|l| l.ends_with(':'));
        if (*blank && !introduced) || groups.is_empty() {
            groups.push(Vec::new());
        }
        groups.last_mut().expect("pushed").push(t);
    }
    let both = order.contains(&ColumnRole::Evidence) && order.contains(&ColumnRole::Commentary);
    // Where blank lines part no cells of the record, each line is a cell of its own, as each
    // paragraph is where they do.
    if both && lines_are_cells && groups.len() == 1 && lines.len() >= 2 {
        groups = groups.remove(0).into_iter().map(|t| vec![t]).collect();
    }
    let evidence_groups = if both && groups.len() >= 2 { evidence_extent(&groups) } else { groups.len() };
    for (g, group) in groups.iter().enumerate() {
        let role = if g < evidence_groups { ColumnRole::Evidence } else { ColumnRole::Commentary };
        for t in group {
            cells.push(role, t);
        }
    }
}

/// Of several cells after the answer, how many are evidence: evidence names documents
/// ("Complaints Policy – Section 5.1", "Training documentation"), commentary explains in
/// sentences. The leading cells that are not sentences are evidence (at least one cell,
/// and at least one cell is left for the commentary).
fn evidence_extent(groups: &[Vec<&str>]) -> usize {
    let sentence = |g: &Vec<&str>| {
        let text = g.join(" ");
        text.trim_end().ends_with(['.', '!', '?', ':']) || text.split_whitespace().count() >= 12
    };
    groups.iter().take_while(|g| !sentence(g)).count().clamp(1, groups.len() - 1)
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
        // A title run into the header is a line of its own.
        assert_eq!(
            title_before_header("Fenmoor Homes – Code self-assessmentCode provisionCode requirementComply: Yes/NoEvidenceCommentary"),
            vec!["Fenmoor Homes – Code self-assessment", "Code provisionCode requirementComply: Yes/NoEvidenceCommentary"]
        );
        assert_eq!(title_before_header("Code provisionCode requirementComply: Yes/NoEvidenceCommentary").len(), 1);
        assert_eq!(
            space_joined_header("Code provision Code requirement Comply: Yes / No Evidence Commentary / explanation").map(|c| c.len()),
            Some(5)
        );
        assert_eq!(space_joined_header("Code section Code requirement Comply:").map(|c| c.len()), Some(3));
        assert_eq!(space_joined_header("Evidence of Compliance with the Code requirement was reviewed by the Board in March and found to be sound"), None);
    }

    #[test]
    fn answers_glued_between_cells_are_found() {
        let t = "must be recorded, monitored and reviewed regularly.Yes";
        assert_eq!(comply_boundaries(t, false), vec![(t.len() - 3, t.len())]);
        let t = "handled in line with the landlord's complaints policy.YesThe policy names third parties.";
        let (s, e) = comply_boundaries(t, false)[0];
        assert_eq!(&t[s..e], "Yes");
        let t = "affecting a resident or group of residents.'Yes we comply. This is evidenced in our policy.";
        let (s, e) = comply_boundaries(t, false)[0];
        assert_eq!(&t[s..e], "Yes we comply");
        let t = "reviewed regularly.Yes.The policy says so";
        let (s, e) = comply_boundaries(t, false)[0];
        assert_eq!(&t[s..e], "Yes");
        // Every tick and cross may be glued, as the words are.
        for cross in ["\u{2718}", "\u{2717}", "\u{274c}"] {
            let t = format!("kept under active review.{cross}Every complaint is logged.");
            let (s, e) = comply_boundaries(&t, false)[0];
            assert_eq!(&t[s..e], cross);
        }
        // After a question the answer may open prose ("? No - our wording differs").
        let t = "Does the policy have exclusions where a complaint will not be considered? No - two are under review";
        let (s, e) = comply_boundaries(t, false)[0];
        assert_eq!(&t[s..e], "No");
        let t = "Is the policy online? Yes, on our website";
        let (s, e) = comply_boundaries(t, false)[0];
        assert_eq!(&t[s..e], "Yes");
        // Not after a question, "Yes - see" in running text is not glued between cells.
        assert!(comply_boundaries("the policy says so. No - it does not", false).is_empty());
        let t = "YesCopy of our complaints leaflet";
        assert_eq!(comply_boundaries(t, false), vec![(0, 3)]);
        // A word that only starts like an answer, or an answer in running prose, is not one.
        assert!(comply_boundaries("Yesterday the Board agreed", false).is_empty());
        assert!(comply_boundaries("Now the policy says No more than", false).is_empty() || comply_boundaries("Now the policy says No more than", false).iter().all(|&(s, _)| s > 0));
    }

    #[test]
    fn section_titles_with_their_numbers_however_printed() {
        let reg = Registry::embedded();
        let titles = SectionTitles::of(reg);
        for (t, want) in [
            ("Complaint handling staff", Some(4)),
            ("2. Accessibility and awareness", Some(2)),
            ("4Communication", Some(4)),
            ("1Definition of a complaintYesNo", Some(1)),
            ("1 – Definition of a complaint", Some(1)),
            ("4. Compliance with the Complaint Handling Code - Communication", Some(4)),
            ("3 Definition of a complaint", None),
            ("Our complaints policy.", None),
        ] {
            assert_eq!(titles.find(t), want, "{t}");
        }
    }


    /// Lines made of what forms are made of: numbers, labels, answers, Code words, chrome.
    fn form_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("1.2".to_string()),
            Just("6.15".to_string()),
            Just("Code provision 3.1".to_string()),
            Just("Compliance:".to_string()),
            Just("Do we comply?".to_string()),
            Just("Evidence".to_string()),
            Just("Yes".to_string()),
            Just("No.".to_string()),
            Just("YesThe".to_string()),
            Just("Landlords must accept a complaint unless there is a valid reason".to_string()),
            Just("Are all complaints acknowledged and logged within five days?".to_string()),
            Just("Share this page".to_string()),
            Just("Section 2: Exclusions".to_string()),
            Just("|".to_string()),
            "[a-zA-Z .,:;?'’•-]{0,30}",
        ];
        proptest::collection::vec(piece, 0..6).prop_map(|p| p.join(if p.len() % 2 == 0 { " " } else { "" }))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn any_form_like_text_reads_without_panic_and_every_cell_comes_from_it(lines in proptest::collection::vec(form_line(), 0..40)) {
            let lines: Vec<TextLine> = lines.iter().enumerate().map(|(i, t)| TextLine { number: i as u32 + 1, text: t.clone() }).collect();
            let registry = Registry::embedded();
            let mut asm = Assembler::new(registry);
            read_records(&lines, &mut asm);
            let all: String = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
            let words = |t: &str| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>();
            let source = words(&all);
            for r in &asm.records {
                for cell in [&r.record.requirement, &r.record.comply_raw, &r.record.evidence, &r.record.commentary] {
                    for w in words(cell) {
                        proptest::prop_assert!(source.iter().any(|s| s.contains(&w)), "{w:?} not in the input");
                    }
                }
            }
        }

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
        assert_eq!(label("Question: Is the policy online?"), Some((ColumnRole::Requirement, "Is the policy online?".into())));
        assert_eq!(label("Self-assessment question"), Some((ColumnRole::Requirement, String::new())));
        // A footer's question line is no label.
        assert_eq!(label("Questions about this page: complaints@wexley.org.uk"), None);
        assert_eq!(label("Questions about this page?"), None);
        // A label that lists the answers to choose from is no answer itself.
        assert_eq!(label("Compliant (Y/N)"), Some((ColumnRole::Comply, String::new())));
        assert_eq!(label("Met? (Yes/No)"), Some((ColumnRole::Comply, String::new())));
        // The answers spaced after the label's colon, the answer on the next line.
        assert_eq!(label("Comply: Yes / No"), Some((ColumnRole::Comply, String::new())));
        assert_eq!(label("Compliance: Yes/No/Partial"), Some((ColumnRole::Comply, String::new())));
        assert_eq!(label("Comply Yes/No"), Some((ColumnRole::Comply, String::new())));
        // The label with its options, then the answer ("Comply: Yes/No Yes").
        assert_eq!(label("Comply: Yes/No Yes"), Some((ColumnRole::Comply, "Yes".to_string())));
        assert_eq!(label("Comply: Yes / No No"), Some((ColumnRole::Comply, "No".to_string())));
        assert_eq!(label("Comply: Yes/No"), Some((ColumnRole::Comply, String::new())));
        assert_eq!(label("Compliant"), None);
        assert_eq!(label("Yes (see policy)"), None);
    }
}
