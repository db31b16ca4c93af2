//! From [`GridLine`]s to provision records: headers recognised and dropped when they
//! repeat, page-break continuations merged cell by cell, shifted continuations merged by
//! content, headings tracked, front matter kept as context.

use crate::header::classify_header;
use crate::lines::{is_border, is_chrome, is_page_number, parse_heading, provision_number_cell, Heading};
use crate::GridLine;
use chc_code::answers::{continues_answer, leading_answer, parse_comply};
use chc_code::{Registry, WordingProfile};
use chc_model::{ColumnRole, ContextLine, RawRecord, RequirementKind, Warning, FURNITURE_LINES};
use chc_parse::clean::clean_text;

/// Text accumulated per role while a record is open.
#[derive(Debug, Default, Clone)]
pub(crate) struct OpenRecord {
    pub record: RawRecord,
    /// The page segment (between headers or page breaks) the row starts in.
    pub segment: u32,
    /// The row's line had one cell fewer than the header: a whole column may be missing.
    pub short: bool,
    /// The cell text was last added to.
    pub last_role: Option<ColumnRole>,
    /// Lettered sub-rows ("a) …", "b) …") read into the row so far.
    pub sub_rows: u32,
}

impl OpenRecord {
    pub fn has_comply(&self) -> bool {
        !self.record.comply_raw.is_empty()
    }

    fn slot(&mut self, role: ColumnRole) -> &mut String {
        let r = &mut self.record;
        match role {
            ColumnRole::Requirement | ColumnRole::Provision => &mut r.requirement,
            ColumnRole::Comply => &mut r.comply_raw,
            ColumnRole::Evidence | ColumnRole::EvidenceCommentary => &mut r.evidence,
            ColumnRole::Rag => &mut r.rag_raw,
            ColumnRole::Commentary | ColumnRole::Other => &mut r.commentary,
        }
    }

    /// Append `text` to the cell of `role`, joined by one space.
    pub fn push(&mut self, role: ColumnRole, text: &str) {
        if text.is_empty() {
            return;
        }
        self.last_role = Some(role);
        join_into(self.slot(role), text);
    }

    /// Put `text` in front of the cell of `role` (a fragment that came before the number).
    pub fn prepend(&mut self, role: ColumnRole, text: &str) {
        if text.is_empty() {
            return;
        }
        let slot = self.slot(role);
        let mut joined = text.to_string();
        join_into(&mut joined, slot);
        *slot = joined;
    }

    /// The cell written last stops mid-sentence ("… identified as an action following the"):
    /// text printed after the row, outside the table, is that cell's end.
    fn cut_mid_sentence(&mut self) -> Option<ColumnRole> {
        let role = self.last_role?;
        let last_word = self.slot(role).split_whitespace().last()?.to_string();
        FUNCTION_WORDS.contains(&last_word.as_str()).then_some(role)
    }

    /// The cell text was last added to ends by announcing a list ("Ways to complain:"), so
    /// an item line printed outside the table ("- by phone") is the list going on.
    fn announces_list(&mut self) -> Option<ColumnRole> {
        let role = self.last_role?;
        self.slot(role).trim_end().ends_with(':').then_some(role)
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "or", "for", "in", "on", "with", "by", "at", "from", "as", "that", "following", "under", "between", "our", "their", "its",
];

fn join_into(slot: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    // A browser's automatic hyphenation (U+2010 at a line's end, a lower-case letter next) is
    // no part of the word; a typed hyphen is hyphen-minus, and stays.
    let hyphenated = slot.strip_suffix('\u{2010}').is_some_and(|s| s.ends_with(char::is_alphabetic)) && text.starts_with(char::is_lowercase);
    if hyphenated {
        slot.pop();
    } else if !slot.is_empty() && !slot.ends_with('\n') {
        let starts_item = text.starts_with("• ");
        slot.push(if starts_item { '\n' } else { ' ' });
    }
    slot.push_str(text);
}

/// Document-wide state while walking the lines.
pub(crate) struct Assembler<'r> {
    pub registry: &'r Registry,
    pub columns: Vec<String>,
    pub roles: Option<Vec<ColumnRole>>,
    pub header_variants: Vec<Vec<String>>,
    pub records: Vec<OpenRecord>,
    pub context: Vec<ContextLine>,
    /// Page furniture kept out of the context (see [`TableDocument::furniture`]).
    pub furniture: Vec<ContextLine>,
    pub warnings: Vec<Warning>,
    pub section: Option<(u32, String)>,
    pub kind: Option<RequirementKind>,
    pub front_matter_lines: usize,
    segment: u32,
    /// Cells held back because they may open the next numbered row (see `continuation`).
    pending_prefix: Option<(Vec<String>, u32)>,
    /// The lines come from a source that marks its tables (HTML, DOCX, ODT): a one-cell line
    /// is text the author put outside the table or merged across it, never a piece of a
    /// cell cut off by layout, so it is neither attached to a row nor warned about.
    pub structured: bool,
    /// Per column of the header, the answer a mark in it stands for (tick columns: "Yes",
    /// "No", "Partial"); empty when the header has none.
    tick_answers: Vec<Option<String>>,
    /// The header names no comply column (see `classify_header_without_comply`): answers
    /// are read from the ends of requirement cells and the starts of evidence cells.
    pub answers_inside_cells: bool,
    /// The header's comply cell names the evidence too ("Comply: Yes/No Evidence"): a writer
    /// set the two columns so close that they were read as one, the answer opening each cell.
    comply_opens_evidence: bool,
}

impl<'r> Assembler<'r> {
    pub fn new(registry: &'r Registry) -> Self {
        Assembler {
            registry,
            columns: Vec::new(),
            roles: None,
            header_variants: Vec::new(),
            records: Vec::new(),
            context: Vec::new(),
            furniture: Vec::new(),
            warnings: Vec::new(),
            section: None,
            kind: None,
            front_matter_lines: 0,
            segment: 0,
            pending_prefix: None,
            structured: false,
            tick_answers: Vec::new(),
            answers_inside_cells: false,
            comply_opens_evidence: false,
        }
    }

    /// Keep a furniture line for document-level detection, within the document's bound.
    pub fn furniture(&mut self, location: u32, text: &str) {
        if self.furniture.len() < FURNITURE_LINES {
            self.furniture.push(ContextLine { location, text: chc_model::furniture_line(text).to_string() });
        }
    }

    pub fn open(&mut self, number: Option<String>, location: u32) -> &mut OpenRecord {
        if self.records.is_empty() {
            self.front_matter_lines = self.context.len();
        }
        let record = RawRecord {
            number,
            heading_section: self.section.as_ref().map(|s| s.0),
            heading_title: self.section.as_ref().map(|s| s.1.clone()),
            requirement_kind: self.kind,
            location,
            ..RawRecord::default()
        };
        self.records.push(OpenRecord { record, ..OpenRecord::default() });
        self.records.last_mut().expect("just pushed")
    }

    /// Apply a heading or keep the line as context. Returns true when it was a heading.
    pub fn text_line(&mut self, location: u32, text: &str) -> bool {
        let heading = parse_heading(text);
        match &heading {
            Heading::Section { number, title, kind } => {
                self.section = Some((*number, title.clone()));
                self.kind = *kind;
            }
            Heading::SubTable(kind) => self.kind = Some(*kind),
            Heading::Stage(_) | Heading::None => {}
        }
        self.context.push(ContextLine { location, text: text.to_string() });
        heading != Heading::None
    }

    pub fn header(&mut self, cells: Vec<String>, roles: Vec<ColumnRole>) {
        let ticks = crate::header::tick_columns(&cells);
        self.tick_answers = (0..cells.len()).map(|c| ticks.contains(&c).then(|| crate::header::tick_column_answer(&cells[c]).unwrap_or_default().to_string())).collect();
        if self.columns.is_empty() {
            self.columns = cells.clone();
        }
        self.comply_opens_evidence = roles.iter().zip(&cells).any(|(r, c)| {
            let c = c.to_lowercase();
            *r == ColumnRole::Comply && c.find("evidence").is_some_and(|e| ["comply", "complian", "yes/no", "yes / no"].iter().filter_map(|a| c.find(a)).any(|a| a < e))
        });
        if !self.header_variants.contains(&cells) {
            self.header_variants.push(cells);
        }
        self.roles = Some(roles);
    }
}

/// "a) …", "(b) …", "iii. …", "• …": a cell that opens an item of a list.
fn opens_list_item(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with(['•', '▪', '◦', '–', '-', '*']) {
        return true;
    }
    let t = t.strip_prefix('(').unwrap_or(t);
    let marker: String = t.chars().take_while(|c| c.is_ascii_lowercase()).collect();
    let roman = !marker.is_empty() && marker.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    (marker.len() == 1 || roman) && t[marker.len()..].starts_with([')', '.']) && t[marker.len() + 1..].starts_with(' ')
}

/// A cell of a tick column that marks it chosen: a tick, a cross, a filled box, a bullet, or
/// the answer word itself. An empty box (the answer vocabulary's unticked boxes) or an empty
/// circle marks the column not chosen.
fn marks_chosen(cell: &str) -> bool {
    let t = cell.trim();
    let unmarked = |c: char| chc_code::answers::check_box(c) == Some(false) || matches!(c, '○' | '◯');
    if t.is_empty() || t.chars().all(unmarked) {
        return false;
    }
    t.chars().count() <= 3 || parse_comply(t).is_some()
}

/// The requirement before an answer printed at its end, without the answer's label:
/// "…the answer\nCompliance: Yes" keeps "…the answer". `after` is the text from the answer's
/// separator on; the label is the last line or sentence of `before`, when it names the comply
/// column and a colon parts it from the answer.
fn without_answer_label<'t>(before: &'t str, after: &str) -> &'t str {
    if !after.trim_start().starts_with(':') {
        return before;
    }
    let sentence = before.rfind(['\n', '.', ';']).map_or(0, |at| at + 1);
    // The label opens at its first letter: a closing quote before it ends the sentence.
    let Some(start) = before[sentence..].find(char::is_alphabetic).map(|at| sentence + at) else { return before };
    let label = before[start..].trim();
    if label.split_whitespace().count() <= 3 && crate::header::column_role(label) == ColumnRole::Comply {
        before[..start].trim_end()
    } else {
        before
    }
}

/// Which lines of a tabbed/delimited table are what.
#[derive(Debug, Clone, PartialEq)]
enum LineKind {
    Blank,
    Border,
    Header(Vec<ColumnRole>),
    /// Text with no cell structure: heading, title, paragraph, stray fragment.
    Text(String),
    /// Navigation, sharing, cookie and footer links: kept as context, never a cell.
    Chrome(String),
    /// Starts with a provision number in the first cell.
    Numbered(String),
    /// Table cells, first cell empty.
    Continuation,
    /// Table cells whose first cell holds text that is not a number.
    Shifted,
}

fn classify(cells: &[String], raw: &GridLine) -> LineKind {
    let non_empty: Vec<usize> = (0..cells.len()).filter(|&i| !cells[i].is_empty()).collect();
    if non_empty.is_empty() {
        return LineKind::Blank;
    }
    if raw.cells.iter().all(|c| c.trim().is_empty() || is_border(c)) {
        return LineKind::Border;
    }
    // "Page 3 of 12" between rows is the page break itself.
    if non_empty.len() == 1 && is_page_number(&cells[non_empty[0]]) {
        return LineKind::Blank;
    }
    if let Some(roles) = classify_header(cells) {
        return LineKind::Header(roles);
    }
    // A numbered line without cell structure is prose ("3.1 The purpose of this report…"
    // in the committee report around the form), not a row.
    if let Some(n) = provision_number_cell(&cells[0]).filter(|_| cells.len() > 1) {
        return LineKind::Numbered(n);
    }
    // A footer of links after the table ("Privacy notice | Cookies | Accessibility
    // statement") is page chrome, not the last row's continuation. Its cells are short.
    if non_empty.iter().all(|&i| cells[i].len() <= 60) && non_empty.iter().all(|&i| is_chrome(&cells[i])) {
        return LineKind::Chrome(cells.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" "));
    }
    if cells.len() == 1 || (non_empty == [0] && cells.len() > 1 && raw.cells.iter().skip(1).all(|c| c.trim().is_empty())) {
        return LineKind::Text(cells[0].clone());
    }
    // Another table's header after the form ("Ref | Indicator | Target | Actual", "Line |
    // Budget heading | 2024/25 forecast"): every cell filled with a few words, none a number
    // or an answer. It goes to the context, not into the last row.
    let another_header = cells.len() >= 3
        && cells.iter().all(|c| !c.trim().is_empty() && c.split_whitespace().count() <= 4 && parse_comply(c).is_none() && provision_number_cell(c).is_none() && !c.trim().chars().all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '%')));
    if another_header {
        return LineKind::Text(cells.join(" "));
    }
    if cells[0].is_empty() {
        LineKind::Continuation
    } else {
        LineKind::Shifted
    }
}

/// The roles of a header-less table's columns, from its numbered rows (or, where fewer
/// than two rows print a number, its rows whose number cell is empty: a page that starts
/// mid-table in a form that numbers no row; or else its rows that open with their wording,
/// a table with no number column at all: "Question | Yes | Evidence"): the provision number
/// first where there is a number column, the column that holds answers in most rows is the
/// comply column, the requirement before it, evidence and commentary after it (a RAG
/// rating where the column holds ratings). `None` when no column reads as answers.
fn roles_from_content(cells: &[Vec<String>], kinds: &[LineKind]) -> Option<Vec<ColumnRole>> {
    let rows_of = |kind: fn(&LineKind) -> bool| cells.iter().zip(kinds).filter(|(c, k)| kind(k) && c.len() >= 3).map(|(c, _)| c).collect::<Vec<&Vec<String>>>();
    let mut rows = rows_of(|k| matches!(k, LineKind::Numbered(_)));
    if rows.len() < 2 {
        rows = rows_of(|k| matches!(k, LineKind::Numbered(_) | LineKind::Continuation));
    }
    let number_column = rows.len() >= 2;
    if !number_column {
        rows = rows_of(|k| *k == LineKind::Shifted).into_iter().filter(|c| c[0].split_whitespace().count() >= 5).collect();
    }
    if rows.len() < 2 {
        return None;
    }
    let width = rows.iter().map(|r| r.len()).max()?;
    let share = |col: usize, test: &dyn Fn(&str) -> bool| rows.iter().filter(|r| r.get(col).is_some_and(|c| test(c))).count() as f64 / rows.len() as f64;
    let is_answer = crate::lines::is_short_answer;
    let comply = (1..width).map(|c| (c, share(c, &is_answer))).filter(|(_, s)| *s >= 0.5).max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?.0;
    let mut roles = if number_column { vec![ColumnRole::Provision] } else { vec![ColumnRole::Requirement] };
    roles.extend((1..comply).map(|c| if c == 1 && number_column { ColumnRole::Requirement } else { ColumnRole::Other }));
    roles.push(ColumnRole::Comply);
    let mut after = [ColumnRole::Evidence, ColumnRole::Commentary].into_iter();
    for c in comply + 1..width {
        let is_rag = |t: &str| t.chars().count() <= 12 && chc_code::answers::parse_rag(t).is_some();
        roles.push(if share(c, &is_rag) >= 0.5 { ColumnRole::Rag } else { after.next().unwrap_or(ColumnRole::Other) });
    }
    Some(roles)
}

/// Columns of check boxes in a table whose header was not read as cells (a header drawn as
/// one run of text, "No. Requirement Yes No Evidence"): two or three adjacent columns where
/// every numbered row holds one box, ☒ or ☐. Each stands for the answer word its place has in
/// a run of answer words on a text line above the rows ("Yes No"), else for Yes, No and
/// Partial in that order, the way such forms print them.
fn box_columns(cells: &[Vec<String>], kinds: &[LineKind]) -> Option<(std::ops::Range<usize>, Vec<String>)> {
    let rows: Vec<&Vec<String>> = cells.iter().zip(kinds).filter(|(_, k)| matches!(k, LineKind::Numbered(_))).map(|(c, _)| c).collect();
    if rows.len() < 2 {
        return None;
    }
    let width = rows.iter().map(|r| r.len()).min()?;
    let boxed = |c: usize| rows.iter().all(|r| {
        let mut chars = r[c].trim().chars();
        chars.next().is_some_and(|m| chc_code::answers::check_box(m).is_some()) && chars.next().is_none()
    });
    let first = (1..width).find(|&c| boxed(c))?;
    let count = (first..width).take_while(|&c| boxed(c)).count();
    if !(2..=3).contains(&count) {
        return None;
    }
    let first_row = kinds.iter().position(|k| matches!(k, LineKind::Numbered(_)))?;
    let printed = (0..first_row).rev().find_map(|i| {
        let LineKind::Text(text) = &kinds[i] else { return None };
        let words: Vec<&str> = text.split_whitespace().collect();
        words.windows(count).find(|run| run.iter().all(|w| crate::header::tick_column_answer(w).is_some())).map(|run| run.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    });
    let answers = printed.unwrap_or_else(|| ["Yes", "No", "Partial"][..count].iter().map(|w| w.to_string()).collect());
    Some((first..first + count, answers))
}

/// Index of the first cell (from `from`) that is a comply answer.
fn comply_cell(cells: &[String], from: usize) -> Option<usize> {
    (from..cells.len()).find(|&i| crate::lines::is_short_answer(&cells[i]))
}

impl<'r> Assembler<'r> {
    /// Put cells into the record by the header's roles, starting at role index `offset`.
    fn fill(&mut self, rec_idx: usize, cells: &[String], offset: isize) {
        let roles = self.roles.clone().unwrap_or_default();
        let last_role = roles.iter().rposition(|r| *r != ColumnRole::Other).unwrap_or(0);
        for (i, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let pos = i as isize + offset;
            if pos < 0 {
                continue;
            }
            let pos = pos as usize;
            let role = if pos < roles.len() {
                roles[pos]
            } else {
                self.records[rec_idx].record.warnings.push(Warning::new("extra_cell", "a cell beyond the header's columns was added to the last column"));
                roles.get(last_role).copied().unwrap_or(ColumnRole::Commentary)
            };
            // A provision cell continuing onto a later line holds requirement text.
            let mut role = if role == ColumnRole::Provision { ColumnRole::Requirement } else { role };
            // A form without a comply column answers at the end of the requirement ("…on
            // its own merits Achieved") or at the start of the evidence ("Y - Policy 4.1").
            if self.answers_inside_cells && !self.records[rec_idx].has_comply() {
                if role == ColumnRole::Requirement {
                    if let Some(found) = chc_code::answers::trailing_answer(text) {
                        let requirement = without_answer_label(&text[..found.before_end], &text[found.before_end..]);
                        self.records[rec_idx].push(ColumnRole::Requirement, requirement);
                        self.records[rec_idx].push(ColumnRole::Comply, &text[found.answer]);
                        continue;
                    }
                }
                if matches!(role, ColumnRole::Evidence | ColumnRole::EvidenceCommentary) {
                    if let Some((_, len)) = leading_answer(text) {
                        let rest = text[len..].trim_start_matches(['-', '–', ',', '.', ':', ';', ' ']);
                        self.records[rec_idx].push(ColumnRole::Comply, &text[..len]);
                        self.records[rec_idx].push(role, rest);
                        continue;
                    }
                }
            }
            // A mark under a tick column answers with that column's word ("✔" under "No").
            if let Some(Some(answer)) = self.tick_answers.get(pos) {
                if marks_chosen(text) {
                    let answer = answer.clone();
                    self.records[rec_idx].push(ColumnRole::Comply, &answer);
                    continue;
                }
                if text.split_whitespace().count() <= 2 {
                    continue;
                }
            }
            // (With no evidence column at all, what follows an answer is its evidence.)
            let has_evidence = roles.iter().any(|r| matches!(r, ColumnRole::Evidence | ColumnRole::EvidenceCommentary));
            let next_text_role = || {
                roles.iter().skip(pos + 1).copied().find(|r| matches!(r, ColumnRole::Evidence | ColumnRole::EvidenceCommentary | ColumnRole::Commentary)).unwrap_or(if has_evidence { ColumnRole::Commentary } else { ColumnRole::Evidence })
            };
            // "Met - Policy section 7", "Partially met: the contract does not say so": the
            // answer, then the start of the evidence written in the comply cell.
            if role == ColumnRole::Comply && self.comply_opens_evidence {
                // The answer, then the evidence, with nothing between: "Yes Call handlers use …".
                let words: Vec<&str> = text.splitn(3, ' ').collect();
                let answer = [2, 1].into_iter().filter(|&n| words.len() > n).map(|n| words[..n].join(" ")).find(|a| parse_comply(a).is_some_and(|c| c != chc_model::Comply::Unknown) && a.chars().count() <= 24);
                if let Some(answer) = answer {
                    let rest = text[answer.len()..].trim_start_matches(['-', '–', ',', '.', ':', ';', ' ']);
                    self.records[rec_idx].push(ColumnRole::Comply, &answer);
                    self.records[rec_idx].push(ColumnRole::Evidence, rest);
                    continue;
                }
            }
            if role == ColumnRole::Comply {
                if let Some((_, len)) = leading_answer(text) {
                    let rest = text[len..].trim_start_matches(['-', '–', ',', '.', ':', ';', ' ']);
                    if !rest.is_empty() {
                        self.records[rec_idx].push(ColumnRole::Comply, &text[..len]);
                        self.records[rec_idx].push(next_text_role(), rest);
                        continue;
                    }
                }
            }
            // The comply column holds answers; prose that lands there slid from the next column.
            if role == ColumnRole::Comply && parse_comply(text).is_none() && text.split_whitespace().count() > 2 {
                role = next_text_role();
                push_unique(&mut self.records[rec_idx].record.warnings, Warning::new("shifted_columns", "text in the comply column was moved to the next column"));
            }
            self.records[rec_idx].push(role, text);
        }
    }

    /// Before the first numbered row, a line that heads the table without a comply column.
    fn header_without_comply(&self, cells: &[Vec<String>], kinds: &[LineKind]) -> Option<(usize, Vec<ColumnRole>)> {
        let first_row = kinds.iter().position(|k| matches!(k, LineKind::Numbered(_)))?;
        (0..first_row).find_map(|i| crate::header::classify_header_without_comply(&cells[i]).map(|roles| (i, roles)))
    }

    fn role_index(&self, role: ColumnRole) -> Option<usize> {
        self.roles.as_ref()?.iter().position(|r| *r == role)
    }

    /// Walk tabbed/delimited grid lines.
    pub fn grid(&mut self, lines: &[GridLine]) {
        let cleaned: Vec<Vec<String>> = lines.iter().map(|l| l.cells.iter().map(|c| clean_text(c)).collect()).collect();
        let mut kinds: Vec<LineKind> = lines.iter().zip(&cleaned).map(|(l, c)| classify(c, l)).collect();
        // A table that starts mid-way (a page of a longer form) has no header of its own:
        // its columns are read from what its rows hold.
        if self.roles.is_none() && !kinds.iter().any(|k| matches!(k, LineKind::Header(_))) {
            if let Some(mut roles) = roles_from_content(&cleaned, &kinds) {
                self.warnings.push(Warning::new("columns_inferred", "the table has no header row; its columns were inferred from their contents"));
                if let Some((columns, answers)) = box_columns(&cleaned, &kinds) {
                    self.tick_answers = vec![None; roles.len().max(columns.end)];
                    let after = columns.end;
                    for (c, answer) in columns.zip(answers) {
                        if c < roles.len() {
                            roles[c] = ColumnRole::Comply;
                        }
                        self.tick_answers[c] = Some(answer);
                    }
                    // The text columns after the boxes: evidence, then commentary.
                    let mut text_roles = [ColumnRole::Evidence, ColumnRole::Commentary].into_iter();
                    for role in roles.iter_mut().skip(after).filter(|r| **r != ColumnRole::Rag) {
                        *role = text_roles.next().unwrap_or(ColumnRole::Other);
                    }
                }
                self.roles = Some(roles);
            } else if let Some((at, roles)) = self.header_without_comply(&cleaned, &kinds) {
                kinds[at] = LineKind::Header(roles);
                self.answers_inside_cells = true;
                // The header printed again over each later table (each section's) heads it
                // too; read as cells, it would run into the row above.
                for i in at + 1..kinds.len() {
                    if let Some(roles) = crate::header::classify_header_without_comply(&cleaned[i]) {
                        kinds[i] = LineKind::Header(roles);
                    }
                }
            }
        }
        // After a header, a blank run or a page break, a continuation is a page-break split.
        let mut after_break = true;
        let mut blank_run = 0;
        let mut attaching: Option<ColumnRole> = None;
        for i in 0..lines.len() {
            let cells = &cleaned[i];
            let loc = lines[i].location;
            if !matches!(kinds[i], LineKind::Text(_)) {
                attaching = None;
            }
            if lines[i].page_break_before {
                after_break = true;
                self.segment += 1;
            }
            if kinds[i] == LineKind::Blank {
                blank_run += 1;
                // Text extractions mark a page break with a run of empty lines.
                if blank_run == 2 {
                    self.segment += 1;
                }
            } else {
                blank_run = 0;
            }
            match &kinds[i] {
                LineKind::Blank => after_break = true,
                LineKind::Border => {}
                LineKind::Chrome(text) => {
                    self.context.push(ContextLine { location: loc, text: text.clone() });
                }
                LineKind::Header(roles) => {
                    self.header(cells.clone(), roles.clone());
                    self.segment += 1;
                    after_break = true;
                }
                LineKind::Text(text) => {
                    if parse_heading(text) == Heading::None && self.roles.is_some() && !self.structured {
                        if let Some(last) = self.records.last_mut() {
                            // Continue a cell cut mid-sentence, and keep going line by line
                            // until a blank line ends the fragment.
                            let item = opens_list_item(text);
                            let role = attaching.or_else(|| last.cut_mid_sentence()).or_else(|| if item { last.announces_list() } else { None });
                            if let Some(role) = role {
                                last.push(role, text);
                                push_unique(&mut last.record.warnings, Warning::new("fragment_attached", format!("text printed outside the table at line/page {loc} ends a cell cut mid-sentence")));
                                attaching = Some(role);
                                continue;
                            }
                        }
                    }
                    let is_heading = self.text_line(loc, text);
                    if !is_heading && self.roles.is_some() && !self.records.is_empty() && !self.structured {
                        self.warnings.push(Warning::new("stray_fragment", format!("line {loc}: text outside the table kept as context: {}", shorten(text))));
                    }
                }
                LineKind::Numbered(number) => {
                    if self.roles.is_none() {
                        // A numbered line before any header: front matter (contents, notes).
                        self.text_line(loc, &cells.join(" "));
                        continue;
                    }
                    let mut first = cells.clone();
                    let rest_of_first = first[0].trim_start_matches(number.as_str()).trim_start_matches(['.', ' ']);
                    let (answers_also, joint) = crate::lines::joint_numbers(rest_of_first);
                    first[0] = rest_of_first[joint..].trim_start().to_string();
                    let width = self.roles.as_ref().map_or(0, Vec::len);
                    // A header that names no number column ("Question | Yes / No | Evidence")
                    // over rows that print their number in a cell of its own: the number's
                    // cell is no column of the header's.
                    let unnamed_number_column = self.roles.as_ref().is_some_and(|r| !r.contains(&ColumnRole::Provision)) && first[0].is_empty() && first.len() == width + 1;
                    if unnamed_number_column {
                        first.remove(0);
                    }
                    let short = first.len() + 1 == width;
                    let segment = self.segment;
                    let rec = self.open(Some(number.clone()), loc);
                    rec.record.answers_also = answers_also;
                    rec.segment = segment;
                    rec.short = short;
                    let idx = self.records.len() - 1;
                    self.fill(idx, &first, 0);
                    if let Some((prefix, at)) = self.pending_prefix.take() {
                        self.attach_prefix(idx, &prefix, at);
                    }
                    after_break = false;
                }
                LineKind::Continuation => {
                    if self.roles.is_none() {
                        self.text_line(loc, &cells.join(" "));
                        continue;
                    }
                    self.continuation(i, cells, &kinds, after_break, loc);
                    after_break = false;
                }
                LineKind::Shifted => {
                    if self.roles.is_none() {
                        self.text_line(loc, &cells.join(" "));
                        continue;
                    }
                    self.shifted(cells, loc);
                    after_break = false;
                }
            }
        }
    }

    fn continuation(&mut self, i: usize, cells: &[String], kinds: &[LineKind], after_break: bool, loc: u32) {
        let comply_idx = self.role_index(ColumnRole::Comply);
        let comply_here = comply_idx.is_some_and(|c| c < cells.len() && parse_comply(&cells[c]).is_some());
        // The rest of the open row's check-box answer ("Yes ☒" … "No ☐") continues that row.
        let comply_here = comply_here
            && !(comply_idx.zip(self.records.last()).is_some_and(|(c, r)| continues_answer(&r.record.comply_raw, &cells[c])));
        let Some(last) = self.records.len().checked_sub(1) else {
            if comply_here {
                self.open(None, loc);
                self.fill(0, cells, 0);
            } else {
                self.warnings.push(Warning::new("stray_fragment", format!("line {loc}: cells before the first row were dropped")));
            }
            return;
        };
        let req_idx = self.role_index(ColumnRole::Requirement).unwrap_or(1);
        let has_requirement = cells.get(req_idx).is_some_and(|t| t.split_whitespace().count() >= 4);
        // "9.7 … must receive:" then "a) regular updates…  Yes", "b) …  Partial": the row's
        // items, each answered, not rows of their own.
        if comply_here && cells.get(req_idx).is_some_and(|t| self.takes_sub_row(last, t)) {
            self.sub_row(last, cells, 0);
            return;
        }
        if comply_here && self.records[last].has_comply() && has_requirement {
            self.open_unnumbered(loc, cells, 0, "row has no provision number");
            return;
        }
        // A fragment directly under a complete row and directly above a numbered row may
        // be the first line of that next row's cell (number printed on its middle line).
        let next_numbered = kinds[i + 1..].iter().find(|k| !matches!(k, LineKind::Border));
        if !after_break {
            if let Some(LineKind::Numbered(next_number)) = next_numbered {
                if self.belongs_to_next(last, next_number, cells.get(req_idx).map(String::as_str).unwrap_or("")) {
                    self.pending_prefix = Some((cells.to_vec(), loc));
                    return;
                }
            }
        }
        if self.starts_new_row(last, cells.get(req_idx).map(String::as_str).unwrap_or("")) {
            self.open_unnumbered(loc, cells, 0, "row has no provision number; its wording is another provision's");
            return;
        }
        if after_break {
            push_unique(&mut self.records[last].record.warnings, Warning::new("page_break_merge", format!("continued at line/page {loc}")));
        }
        self.fill(last, cells, 0);
    }

    /// Row `idx` reads `requirement` as its next lettered item (the caller has seen the item
    /// answered: an unanswered item is the requirement's list going on): the cell opens a
    /// list item, and the row's own wording ended in a colon or it has had items already.
    fn takes_sub_row(&self, idx: usize, requirement: &str) -> bool {
        let open = &self.records[idx];
        opens_list_item(requirement) && (open.sub_rows > 0 || open.record.requirement.trim_end().ends_with(':'))
    }

    /// One lettered item of row `idx`: its wording joins the row's requirement on a line of its
    /// own, its evidence the row's evidence; of the items' answers the row keeps the least
    /// compliant, which is what the row as a whole can claim.
    fn sub_row(&mut self, idx: usize, cells: &[String], offset: isize) {
        let before = std::mem::take(&mut self.records[idx].record.comply_raw);
        let rec = &mut self.records[idx];
        if !rec.record.requirement.is_empty() {
            rec.record.requirement.push('\n');
        }
        rec.sub_rows += 1;
        self.fill(idx, cells, offset);
        let rec = &mut self.records[idx].record;
        let this = std::mem::take(&mut rec.comply_raw);
        rec.comply_raw = chc_code::answers::least_compliant(&before, &this).to_string();
        push_unique(&mut rec.warnings, Warning::new("sub_rows", "the row's lettered items were answered one by one; the row keeps the least compliant answer"));
    }

    /// A row whose number is missing: cells placed from role `offset` on.
    fn open_unnumbered(&mut self, loc: u32, cells: &[String], offset: isize, why: &str) {
        let width = self.roles.as_ref().map_or(0, Vec::len);
        let segment = self.segment;
        let rec = self.open(None, loc);
        rec.record.warnings.push(Warning::new("missing_number", why));
        rec.segment = segment;
        rec.short = (cells.len() as isize + offset + 1) as usize == width;
        let idx = self.records.len() - 1;
        self.fill(idx, cells, offset);
    }

    /// The held-back fragment opens record `idx`: its number sat on a later line.
    fn attach_prefix(&mut self, idx: usize, prefix: &[String], at: u32) {
        let roles = self.roles.clone().unwrap_or_default();
        for (i, text) in prefix.iter().enumerate().rev() {
            let role = match roles.get(i) {
                Some(ColumnRole::Provision) | None => ColumnRole::Requirement,
                Some(r) => *r,
            };
            self.records[idx].prepend(role, text);
        }
        let rec = &mut self.records[idx].record;
        rec.number_misplaced = true;
        rec.location = at;
        rec.warnings.push(Warning::new("number_misplaced", "the provision number was printed below the first line of the row"));
    }

    /// Extractions drop a column that is empty on a whole page, so every row of that page
    /// comes one cell short and its last text lands in the evidence column by position.
    /// Whether that text is evidence or commentary shows in what it resembles: the same
    /// document's evidence and commentary cells on pages where both columns survived.
    pub fn resolve_dropped_columns(&mut self) {
        let roles = self.roles.clone().unwrap_or_default();
        if !(roles.contains(&ColumnRole::Evidence) && roles.contains(&ColumnRole::Commentary)) {
            return;
        }
        let mut segments: Vec<u32> = self.records.iter().map(|r| r.segment).collect();
        segments.dedup();
        // The rows of each segment where every row came short. Most forms lose no column:
        // then the whole document need not be profiled.
        let short_segments: Vec<Vec<usize>> = segments
            .into_iter()
            .map(|seg| (0..self.records.len()).filter(|&i| self.records[i].segment == seg).collect::<Vec<usize>>())
            .filter(|rows| rows.iter().all(|&i| self.records[i].short))
            .collect();
        if short_segments.is_empty() {
            return;
        }
        let (mut evidence, mut commentary) = (String::new(), String::new());
        for r in self.records.iter().filter(|r| !r.short) {
            evidence.push_str(&r.record.evidence);
            evidence.push('\n');
            commentary.push_str(&r.record.commentary);
            commentary.push('\n');
        }
        let (evidence, commentary) = (WordingProfile::new(&evidence), WordingProfile::new(&commentary));
        if evidence.is_empty() || commentary.is_empty() {
            return;
        }
        for rows in short_segments {
            let (mut as_evidence, mut as_commentary) = (0.0, 0.0);
            for &i in &rows {
                let p = WordingProfile::new(&self.records[i].record.evidence);
                as_evidence += p.contained_in(&evidence);
                as_commentary += p.contained_in(&commentary);
            }
            if as_commentary > as_evidence {
                for &i in &rows {
                    let r = &mut self.records[i].record;
                    let moved = std::mem::take(&mut r.evidence);
                    let mut text = moved;
                    join_into(&mut text, &r.commentary);
                    r.commentary = text;
                    r.warnings.push(Warning::new("dropped_column", "this page lost its empty evidence column; the text was read as commentary by resemblance"));
                }
            }
        }
    }

    /// Is this requirement fragment another provision's wording rather than the rest of
    /// the open record's? Only the Code's wording can tell a lost-number row (QUIRKS 9,
    /// 11) from a continuation, so the registry must be clear about it.
    fn starts_new_row(&self, last: usize, text: &str) -> bool {
        // A whole question is short and still plain ("Is any third stage optional for
        // residents?"); other fragments need more words to tell.
        let least_words = if text.trim_end().ends_with('?') { 5 } else { 8 };
        if text.split_whitespace().count() < least_words {
            return false;
        }
        let Some((best, score)) = self.registry.best(None, text) else { return false };
        let open = &self.records[last].record;
        // A record without a printed number is whatever its own wording says it is.
        let current_number = open.number.clone().or_else(|| self.likely_number(&open.requirement));
        let current = current_number.as_deref().and_then(|n| self.registry.affinity_any(n, text)).unwrap_or(0.0);
        let taken = current_number.as_deref() == Some(best.number.as_str())
            || self.records.iter().any(|r| r.record.number.as_deref() == Some(best.number.as_str()));
        !taken && score >= 0.45 && score - current >= 0.25
    }

    fn likely_number(&self, requirement: &str) -> Option<String> {
        let (p, score) = self.registry.best(None, requirement)?;
        (score >= 0.45).then(|| p.number.clone())
    }

    /// Does requirement fragment `text` fit provision `next` better than the open record?
    fn belongs_to_next(&self, last: usize, next: &str, text: &str) -> bool {
        if text.split_whitespace().count() < 4 {
            return false;
        }
        let prev = &self.records[last].record;
        let Some(prev_number) = prev.number.as_deref() else { return false };
        let to_next = self.registry.affinity_any(next, text);
        let to_prev = self.registry.affinity_any(prev_number, text);
        match (to_next, to_prev) {
            (Some(n), Some(p)) => n > p + 0.15 && n > 0.4,
            (Some(n), None) => n > 0.5,
            _ => false,
        }
    }

    fn shifted(&mut self, cells: &[String], loc: u32) {
        let comply_role = self.role_index(ColumnRole::Comply);
        let req_role = self.role_index(ColumnRole::Requirement).unwrap_or(1);
        // A lettered item whose empty number cell the writer dropped ("(b) …  No  …").
        if let Some(last) = self.records.len().checked_sub(1).filter(|&l| self.takes_sub_row(l, &cells[0]) && comply_cell(cells, 1).is_some()) {
            self.sub_row(last, cells, req_role as isize);
            return;
        }
        if let (Some(k), Some(cr)) = (comply_cell(cells, 1), comply_role) {
            let requirement_words = cells[..k].iter().map(|c| c.split_whitespace().count()).sum::<usize>();
            let last_has_comply = self.records.last().is_none_or(|r| r.has_comply());
            // After a row left without an answer, a whole question with its own answer is
            // the next row, not the rest of that one.
            let another_question = || cells[..k].iter().all(|c| c.trim_end().ends_with('?') || c.trim().is_empty()) && self.records.len().checked_sub(1).is_some_and(|last| self.starts_new_row(last, &cells[..k].join(" ")));
            if requirement_words >= 5 && (last_has_comply || another_question()) {
                // A row whose number cell is gone entirely: the columns slid left.
                self.open_unnumbered(loc, cells, cr as isize - k as isize, "row has no provision number; columns shifted");
                return;
            }
        }
        let Some(last) = self.records.len().checked_sub(1) else {
            // The first row, its answer lost: the Code's wording (or the 2020 form's question)
            // in the requirement's place still opens it.
            let req = self.role_index(ColumnRole::Requirement).unwrap_or(0);
            let words = cells.first().map_or(0, |c| c.split_whitespace().count());
            if req == 0 && words >= 6 && self.likely_number(&cells[0]).is_some() {
                self.open_unnumbered(loc, cells, 0, "row has no provision number; placed by its wording");
            } else {
                self.text_line(loc, &cells.join(" "));
            }
            return;
        };
        if self.starts_new_row(last, &cells[0]) {
            self.open_unnumbered(loc, cells, req_role as isize, "row has no provision number; columns shifted");
            return;
        }
        // A full row whose first column is no number ("Theme | Question | Yes/No | …"), its
        // answer lost: the wording in the requirement's own column opens it.
        let width = self.roles.as_ref().map_or(0, Vec::len);
        if req_role > 0 && cells.len() == width && cells.get(req_role).is_some_and(|c| self.starts_new_row(last, c)) {
            self.open_unnumbered(loc, cells, 0, "row has no provision number; placed by its wording");
            return;
        }
        // Text in the provision column continues the requirement: slide right by one.
        push_unique(&mut self.records[last].record.warnings, Warning::new("shifted_columns", format!("continuation at line/page {loc} had its columns shifted; merged by content")));
        self.fill(last, cells, req_role as isize);
    }
}

fn push_unique(warnings: &mut Vec<Warning>, w: Warning) {
    if !warnings.iter().any(|x| x.kind == w.kind) {
        warnings.push(w);
    }
}

pub(crate) fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::join_into;

    #[test]
    fn another_tables_header_after_the_form_is_context_not_the_last_rows_cells() {
        let raw = |cells: &[&str]| crate::GridLine { location: 9, cells: cells.iter().map(|c| c.to_string()).collect(), page_break_before: false };
        let kind = |cells: &[&str]| {
            let owned: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            super::classify(&owned, &raw(cells))
        };
        assert!(matches!(kind(&["Ref", "Indicator", "Target", "Actual"]), super::LineKind::Text(_)));
        assert!(matches!(kind(&["Line", "Budget heading", "2024/25 forecast"]), super::LineKind::Text(_)));
        // A row's cells, or a wrapped row's short second line, are not.
        assert!(!matches!(kind(&["resident.", "Yes", "Policy 4.2"]), super::LineKind::Text(_)));
        assert!(matches!(kind(&["", "residents.", "", "policy."]), super::LineKind::Continuation));
    }

    #[test]
    fn a_browsers_hyphenation_at_a_line_end_is_no_part_of_the_word() {
        let mut cell = String::from("Tenants of Larkspur Homes are kept informed through the pro\u{2010}");
        join_into(&mut cell, "cess, stage by stage.");
        assert_eq!(cell, "Tenants of Larkspur Homes are kept informed through the process, stage by stage.");
        // A typed hyphen stays, and so does a hyphen before a capital.
        let mut cell = String::from("our self-");
        join_into(&mut cell, "assessment");
        assert_eq!(cell, "our self- assessment");
        let mut cell = String::from("the Larkspur\u{2010}");
        join_into(&mut cell, "Ashby partnership");
        assert_eq!(cell, "the Larkspur\u{2010} Ashby partnership");
    }
}
