//! PDF pages (positioned runs and ruling lines) into [`crate::GridLine`]s.
//!
//! Per page:
//! 1. Page furniture goes: text repeated at the same place near the top or bottom edge of
//!    most pages (running headers and footers) and bare page numbers near an edge.
//! 2. Ruled tables: consecutive horizontal rules that span the table, crossed by at least
//!    three vertical rules, make a row band; its columns are the gaps between the verticals.
//!    Every run inside a band goes to its cell; each band is one line of cells.
//! 3. Everything else is grouped into visual lines. A line whose runs name the form's columns
//!    ("Code provision", "Comply", "Evidence" …) is an unruled table header: its runs' left
//!    edges become column edges until the next header, across pages. Table lines start a new
//!    row when the first column holds a provision number, when the comply column fills again,
//!    or after a horizontal rule; other lines continue the row. Lines that do not fit the
//!    columns (headings, paragraphs) are single-cell lines, wrapped lines of one paragraph
//!    joined.
//!
//! Cells join their visual lines in reading order (top to bottom, left to right): wrapped
//! lines with a space (hyphenated words and broken web addresses without), paragraphs and
//! bullets with a line break. A row split by a page break comes out as a line with an empty
//! first cell at the top of the next page, flagged `page_break_before`, for the assembler to
//! merge.

use crate::header::column_role;
use crate::lines::provision_number_cell;
use crate::GridLine;
use chc_code::answers::parse_comply;
use chc_model::{ColumnRole, PageContent, ParsedDocument, Rule, TextLine, TextRun};
use rows::{BodyLine, PageEdges, Votes};
use std::collections::HashMap;
use chc_parse::pdf::Spellings;
use std::sync::OnceLock;

mod rows;

/// Turn the positioned pages of a PDF into grid lines, in reading order.
pub fn pdf_to_grid(doc: &ParsedDocument) -> Vec<GridLine> {
    PdfRead::of(doc).grid
}

/// A PDF read by its geometry: the grid lines, and the text of the running headers and
/// footers left out of them, each once, in the order first met ("Orbit Group – Complaint
/// Handling Code self-assessment" on every page names the publisher though it is no part
/// of the table; bare page numbers are not kept).
pub struct PdfRead {
    pub grid: Vec<GridLine>,
    pub running_text: Vec<String>,
    /// The runs (page index, run index) that are running headers, footers or page numbers.
    furniture: std::collections::HashSet<(usize, usize)>,
}

impl PdfRead {
    pub fn of(doc: &ParsedDocument) -> PdfRead {
        let furniture = find_furniture(doc);
        let mut running: Vec<(usize, usize)> = furniture.iter().copied().collect();
        running.sort_unstable();
        // The runs of one running line that follow on from each other, left to right, are one
        // text ("Pickering and" and "Ferens Homes", set a word's space apart, are one name);
        // parts far apart (a title at the left, a page count at the right) stay apart.
        let mut running_text: Vec<String> = Vec::new();
        for page in running.chunk_by(|a, b| a.0 == b.0) {
            let PageContent::Positioned { runs, .. } = &doc.pages[page[0].0].content else { continue };
            let pieces: Vec<Piece> = page.iter().map(|&(_, ri)| Piece::of(&runs[ri])).filter(|p| !p.text.trim().is_empty() && !is_page_number(p.text.trim())).collect();
            for line in group_lines(pieces) {
                for part in line.runs.chunk_by(|a, b| b.x - a.end() <= 1.5 * b.size) {
                    let text = part.iter().map(|p| p.text.trim()).collect::<Vec<_>>().join(" ");
                    let text = crate::lines::without_page_number(&text).to_string();
                    if !text.is_empty() && !running_text.contains(&text) {
                        running_text.push(text);
                    }
                }
            }
        }
        PdfRead { grid: pdf_grid(doc, &furniture), running_text, furniture }
    }

    /// The PDF as lines of text, in reading order, running headers and footers left out:
    /// each visual line a line, its runs joined as a cell's are, and by two spaces where a gap
    /// wider than two characters parts them (columns, as `pdftotext -layout` keeps them
    /// apart). For the text readers, where the page geometry gave no table at all (a form
    /// of numbered paragraphs, answers in bold at a line's end, a layout no header names).
    pub fn text_lines(&self, doc: &ParsedDocument) -> Vec<TextLine> {
        let mut out = Vec::new();
        // Gutters of pages read in two columns of records: the layout holds on later pages.
        let mut gutters: Vec<f32> = Vec::new();
        for (pi, page) in doc.pages.iter().enumerate() {
            let PageContent::Positioned { runs, .. } = &page.content else { continue };
            let pieces: Vec<Piece> = runs
                .iter()
                .enumerate()
                .filter(|(ri, r)| !self.furniture.contains(&(pi, *ri)) && !r.text.trim().is_empty())
                .map(|(_, r)| Piece::of(r))
                .collect();
            let mut last_y: Option<f32> = None;
            for line in columns_of_records(group_lines(pieces), &mut gutters) {
                // A gap of more than a line and a half is a paragraph break, and so is a line
                // above the last (the top of the next column).
                if last_y.is_some_and(|y| line.y - y > 1.8 * line.size || line.y < y) {
                    out.push(TextLine { number: page.number, text: String::new() });
                }
                last_y = Some(line.y);
                let columns = line.runs.chunk_by(|a, b| b.x - a.end() <= 2.0 * b.size);
                let text = columns.map(line_text).collect::<Vec<_>>().join("  ");
                out.push(TextLine { number: page.number, text });
            }
            out.push(TextLine { number: page.number, text: String::new() });
        }
        out
    }
}

fn pdf_grid(doc: &ParsedDocument, furniture: &std::collections::HashSet<(usize, usize)>) -> Vec<GridLine> {
    let mut out = Out { spellings: document_spellings(doc), ..Out::default() };
    let last_page = doc.pages.last().map_or(0, |p| p.number);
    let mut state = Unruled { text_foot: text_foot(doc, furniture), last_page, ..Unruled::default() };
    for (pi, page) in doc.pages.iter().enumerate() {
        // Out of time (the budget chc_parse::parse started on this thread): stop here; the
        // caller sees the same deadline and fails the document with `time_limit`.
        if chc_parse::budget::expired() {
            break;
        }
        out.new_page(page.number);
        match &page.content {
            PageContent::Lines(lines) => {
                for l in lines {
                    out.push(l.number, l.text.split('\t').map(|c| c.trim().to_string()).collect());
                }
            }
            PageContent::Structured(_) => {}
            PageContent::Positioned { runs, rules } => {
                let kept: Vec<&TextRun> =
                    runs.iter().enumerate().filter(|(ri, _)| !furniture.contains(&(pi, *ri))).map(|(_, r)| r).collect();
                layout_page(page.number, &kept, rules, &mut state, &mut out);
            }
        }
        state.flush(&mut out, page.number, true);
        out.flush_para();
    }
    if let Some(last) = doc.pages.last() {
        state.drop_carry(&mut out, last.number);
    }
    join_columns_printed_later(out.lines)
}

/// A wide sheet printed down then across: its pages hold the number and requirement columns
/// of every row first ("Provision | Requirement", then "1.2 | A complaint must…", …), and
/// only then the answer's columns of the same rows in the same order ("Compliant? | Evidence
/// | Commentary", then "Yes | Our policy…", …). Where the second header names no number or
/// requirement and the first no answer, and each answer line has a row to go with, the two
/// tables are one: each answer line joins its row, in order.
fn join_columns_printed_later(mut lines: Vec<GridLine>) -> Vec<GridLine> {
    // The roles of a header naming only `allowed` columns, each once.
    let header_of = |cells: &[String], allowed: &[ColumnRole]| {
        // Column names are short: most lines are rows, and are told so without a lookup.
        if cells.len() < 2 || cells.iter().any(|c| c.len() > 60) {
            return None;
        }
        let roles: Vec<ColumnRole> = cells.iter().map(|c| column_role(c)).collect();
        let distinct = roles.iter().collect::<std::collections::HashSet<_>>().len() == roles.len();
        (distinct && roles.iter().all(|r| allowed.contains(r))).then_some(roles)
    };
    let first = lines.iter().position(|l| header_of(&l.cells, &[ColumnRole::Provision, ColumnRole::Requirement]).is_some());
    let Some(first) = first else { return lines };
    let answers_only = [ColumnRole::Comply, ColumnRole::Evidence, ColumnRole::Commentary, ColumnRole::EvidenceCommentary, ColumnRole::Rag];
    let later = lines[first + 1..].iter().position(|l| header_of(&l.cells, &answers_only).is_some_and(|r| r.contains(&ColumnRole::Comply))).map(|p| first + 1 + p);
    let Some(later) = later else { return lines };
    let width = lines[first].cells.len();
    let rows: Vec<usize> = (first + 1..later).filter(|&i| lines[i].cells.len() == width && provision_number_cell(&lines[i].cells[0]).is_some()).collect();
    // The answer lines: each a full line of the second table, its answer cell filled.
    let answer_width = lines[later].cells.len();
    let answers: Vec<usize> = (later + 1..lines.len()).take_while(|&i| lines[i].cells.len() == answer_width && !lines[i].cells[0].trim().is_empty()).collect();
    if rows.is_empty() || answers.len() != rows.len() {
        return lines;
    }
    let header_tail = lines[later].cells.clone();
    lines[first].cells.extend(header_tail);
    for (&row, &answer) in rows.iter().zip(&answers) {
        let tail = std::mem::take(&mut lines[answer].cells);
        lines[row].cells.extend(tail);
    }
    // Rows carried over a page break (their number cell empty) keep their width.
    for (i, line) in lines.iter_mut().enumerate().take(later).skip(first + 1) {
        if line.cells.len() == width && !rows.contains(&i) {
            line.cells.extend(std::iter::repeat_n(String::new(), answer_width));
        }
    }
    let gone: std::collections::HashSet<usize> = std::iter::once(later).chain(answers).collect();
    lines.into_iter().enumerate().filter(|(i, _)| !gone.contains(i)).map(|(_, l)| l).collect()
}

/// How the document spells its words (and the Code's wording, which forms quote), for
/// telling a typesetter's hyphenation at a line end from a compound word's hyphen; `None`
/// when no line ends in a hyphen after a letter, as in most forms.
fn document_spellings(doc: &ParsedDocument) -> Option<Spellings> {
    let runs = || {
        doc.pages.iter().flat_map(|p| match &p.content {
            PageContent::Positioned { runs, .. } => runs.as_slice(),
            _ => &[],
        })
    };
    let breaks = runs().any(|r| {
        let t = r.text.trim_end();
        t.ends_with(chc_parse::pdf::LINE_END_HYPHENS) && t.chars().rev().nth(1).is_some_and(char::is_alphabetic)
    });
    if !breaks {
        return None;
    }
    static CODE: OnceLock<Spellings> = OnceLock::new();
    let code = CODE.get_or_init(|| {
        let mut code = Spellings::default();
        // The Ombudsman's template heads its columns in words the provisions do not use.
        code.learn_words("Code provision, Code requirement, Comply: Yes/No, Compliance, Evidence, commentary and any explanations");
        for p in chc_code::Registry::embedded().provisions() {
            code.learn_words(&p.text);
        }
        code
    });
    let mut spellings = Spellings::with_base(code);
    for r in runs() {
        spellings.learn(&r.text);
    }
    Some(spellings)
}

/// Where the text of a full page ends: the lowest baseline on most pages (the upper median
/// of each page's lowest), furniture left out. A page break cuts a row only where the
/// page's text runs down to about there.
fn text_foot(doc: &ParsedDocument, furniture: &std::collections::HashSet<(usize, usize)>) -> f32 {
    let mut feet: Vec<f32> = doc
        .pages
        .iter()
        .enumerate()
        .filter_map(|(pi, page)| match &page.content {
            PageContent::Positioned { runs, .. } => {
                runs.iter().enumerate().filter(|(ri, _)| !furniture.contains(&(pi, *ri))).map(|(_, r)| r.y).reduce(f32::max)
            }
            _ => None,
        })
        .collect();
    feet.sort_by(f32::total_cmp);
    feet.get(feet.len() / 2).copied().unwrap_or(f32::NEG_INFINITY)
}

// ---------------------------------------------------------------------------------------
// Output with page-break flags and paragraph joining

#[derive(Default)]
struct Out {
    lines: Vec<GridLine>,
    page: u32,
    page_started: bool,
    /// A paragraph of free text being built: (text, font size, left x, last baseline).
    para: Option<(String, f32, f32, f32)>,
    /// How the document spells its words, when a line of it ends in a hyphen after a letter.
    spellings: Option<Spellings>,
}

impl Out {
    fn new_page(&mut self, page: u32) {
        self.flush_para();
        self.page = page;
        self.page_started = false;
    }

    fn push(&mut self, location: u32, cells: Vec<String>) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let first = !self.page_started;
        self.page_started = true;
        self.lines.push(GridLine { location, cells, page_break_before: first && !self.lines.is_empty() });
    }

    /// Push a row of cells given as the pieces of text each holds.
    fn push_pieces(&mut self, location: u32, cells: Vec<Vec<Piece>>) {
        let texts = cells.into_iter().map(|c| cell_text(c, self.spellings.as_ref())).collect();
        self.push(location, texts);
    }

    fn flush_para(&mut self) {
        if let Some((text, ..)) = self.para.take() {
            let page = self.page;
            self.push(page, vec![text]);
        }
    }

    /// One visual line of free text: joined to the paragraph above when it continues it.
    fn free_line(&mut self, line: &Line) {
        let text = line_text(&line.runs);
        if text.is_empty() {
            return;
        }
        if let Some((para, size, x, y)) = self.para.as_mut() {
            let same_size = (*size - line.size).abs() <= 0.6;
            let close = line.y - *y <= 1.5 * line.size && line.y > *y;
            let aligned = (line.x0 - *x).abs() <= 1.5 * line.size;
            let bullet = starts_with_bullet(&text);
            if same_size && close && aligned && !bullet && !is_heading_text(&text) && !is_heading_text(para) {
                chc_parse::pdf::join_line_with(para, &text, self.spellings.as_ref());
                *y = line.y;
                return;
            }
        }
        self.flush_para();
        self.para = Some((text, line.size, line.x0, line.y));
    }
}

fn starts_with_bullet(s: &str) -> bool {
    s.starts_with(['•', '▪', '●', '◦', '‣', '⁃', '\u{F0B7}', '\u{F0A7}', '-', '–', '*'])
}

/// Headings stand alone even when set in body size: "Section 2: Exclusions", "Stage 1".
fn is_heading_text(s: &str) -> bool {
    let l = s.trim().to_lowercase();
    (l.starts_with("section ") || l.starts_with("stage ") || l.starts_with("appendix "))
        && l.chars().count() < 100
}

// ---------------------------------------------------------------------------------------
// Page furniture

/// Runs (page index, run index) that are running headers/footers or page numbers.
fn find_furniture(doc: &ParsedDocument) -> std::collections::HashSet<(usize, usize)> {
    let mut drop = std::collections::HashSet::new();
    let n_pages = doc.pages.iter().filter(|p| matches!(p.content, PageContent::Positioned { .. })).count();
    // normalised text -> where it stands: (page index, run index, x, y, font size)
    type Hit = (usize, usize, f32, f32, f32);
    let mut seen: HashMap<String, Vec<Hit>> = HashMap::new();
    for (pi, page) in doc.pages.iter().enumerate() {
        let PageContent::Positioned { runs, rules } = &page.content else { continue };
        let bands = ruled_bands(rules);
        let h = page.height.max(1.0);
        // A repeated table header is content even where no rule marks it as a table: a
        // baseline on which two or more runs name the form's columns.
        // Only baselines near the page's edges matter (header_line is asked about runs there).
        // Running headers and footers stand in the page's top and bottom 7.5%.
        let (top_edge, bottom_edge) = (0.075 * h, 0.925 * h);
        let near_edge = |y: f32| y < top_edge + 2.0 || y > bottom_edge - 2.0;
        let named: Vec<f32> = runs.iter().filter(|r| near_edge(r.y) && column_role(&r.text) != ColumnRole::Other).map(|r| r.y).collect();
        let header_line = |y: f32| named.iter().filter(|&&ny| (ny - y).abs() <= 2.0).count() >= 2;
        for (ri, r) in runs.iter().enumerate() {
            if !(r.y < top_edge || r.y > bottom_edge) {
                continue;
            }
            if bands.iter().any(|b| b.contains_y(r.y - 0.3 * r.font_size)) || header_line(r.y) {
                continue; // a repeated table header row is content
            }
            if is_page_number(&r.text) {
                drop.insert((pi, ri));
                continue;
            }
            seen.entry(normalise_furniture(&r.text)).or_default().push((pi, ri, r.x, r.y, r.font_size));
        }
    }
    if n_pages >= 2 {
        let need = ((n_pages as f32) * 0.5).ceil().max(2.0) as usize;
        let mut repeated = std::collections::HashSet::new();
        for hits in seen.values() {
            for &(_, _, x, y, size) in hits {
                // The same place on each page: the same baseline, and the same start give or
                // take a digit or two (a right-aligned "Page 9 of 12" moves as numbers grow).
                let here = |h: &&Hit| (h.3 - y).abs() <= 3.0 && (h.2 - x).abs() <= 3.0f32.max(1.5 * size);
                let mut pages: Vec<usize> = hits.iter().filter(here).map(|h| h.0).collect();
                pages.dedup();
                if pages.len() >= need {
                    repeated.extend(hits.iter().filter(here).map(|h| (h.0, h.1)));
                }
            }
        }
        // A running header or footer is a line of its own: a repeated run on a line that also
        // holds text found on no other page is a table row that starts (or ends) at the page's
        // edge on several pages ("1.6 … Yes" and "2.1 … Yes" at the top margin).
        let on_a_line_of_furniture = |&(pi, ri): &(usize, usize)| {
            let PageContent::Positioned { runs, .. } = &doc.pages[pi].content else { return false };
            let y = runs[ri].y;
            runs.iter().enumerate().filter(|(_, r)| (r.y - y).abs() <= 2.0).all(|(rj, r)| repeated.contains(&(pi, rj)) || drop.contains(&(pi, rj)) || r.text.trim().is_empty())
        };
        let furniture: Vec<(usize, usize)> = repeated.iter().copied().filter(on_a_line_of_furniture).collect();
        drop.extend(furniture);
    }
    drop
}

/// Running headers and footers compared across pages: digits stand for any number in text
/// that has words ("Page 3 of 12", "Updated 2024"), so a page's own number does not make it
/// differ; a bare number ("1.6", "2.1") is compared as it is, since provision numbers at the
/// top of several pages are content.
fn normalise_furniture(s: &str) -> String {
    if !s.chars().any(char::is_alphabetic) {
        return s.trim().to_string();
    }
    let mut out = String::new();
    let mut in_digits = false;
    for c in s.trim().to_lowercase().chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(c);
        }
    }
    out
}

/// "7", "- 7 -", "Page 7", "Page 7 of 12", "7 of 12", "7/12".
fn is_page_number(s: &str) -> bool {
    let t = s.trim().trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace()).to_lowercase();
    let t = t.strip_prefix("page").map(str::trim).unwrap_or(&t);
    let mut parts = t.split(|c: char| c == '/' || c.is_whitespace()).filter(|p| !p.is_empty() && *p != "of");
    let Some(first) = parts.next() else { return false };
    let num = |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    num(first) && parts.all(num) && t.split_whitespace().count() <= 3
}

// ---------------------------------------------------------------------------------------
// Ruled tables

#[derive(Debug, Clone)]
struct Band {
    top: f32,
    bottom: f32,
    /// Vertical rule positions, left to right: `cols.len() - 1` cells.
    cols: Vec<f32>,
    /// No rule closes the band: its verticals just end (a row cut by the page break).
    open_below: bool,
}

impl Band {
    fn contains_y(&self, y: f32) -> bool {
        y > self.top && y < self.bottom
    }
    fn column_of(&self, x: f32) -> Option<usize> {
        if x < self.cols[0] - 1.0 || x >= *self.cols.last().unwrap() {
            return None;
        }
        Some(self.cols.windows(2).position(|w| x < w[1]).unwrap_or(0))
    }
}

/// A merged horizontal line: y and the x intervals it covers.
#[derive(Debug, Clone)]
struct HLine {
    y: f32,
    spans: Vec<(f32, f32)>,
    /// Drawn, not only where verticals end together (a table cut by the page's end).
    drawn: bool,
}

impl HLine {
    fn covered(&self, a: f32, b: f32) -> f32 {
        self.spans.iter().map(|&(x0, x1)| (x1.min(b) - x0.max(a)).max(0.0)).sum()
    }
}

/// Merge touching collinear segments: (position, start, end) → position with spans.
fn merge_lines(mut segs: Vec<(f32, f32, f32)>) -> Vec<HLine> {
    segs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lines: Vec<HLine> = Vec::new();
    for (pos, a, b) in segs {
        match lines.last_mut() {
            Some(l) if (pos - l.y).abs() <= 1.5 => l.spans.push((a, b)),
            _ => lines.push(HLine { y: pos, spans: vec![(a, b)], drawn: true }),
        }
    }
    for l in &mut lines {
        l.spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f32, f32)> = Vec::new();
        for &(a, b) in &l.spans {
            match merged.last_mut() {
                Some(m) if a <= m.1 + 2.0 => m.1 = m.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        l.spans = merged;
    }
    lines
}

fn horizontals(rules: &[Rule]) -> Vec<HLine> {
    merge_lines(rules.iter().filter(|r| r.is_horizontal()).map(|r| ((r.y0 + r.y1) / 2.0, r.x0, r.x1)).collect())
}

/// Where at least three verticals end together with no horizontal rule drawn there, the
/// table is cut off: a row split by a page break has no bottom border on the first page and
/// no top border on the next. The verticals' common end closes the row as a rule would.
///
/// `segments` are the vertical rules as drawn, (x, top, bottom): a writer that draws each
/// cell's borders separately breaks its verticals where rows meet, which marks a row
/// boundary even where the horizontal rule between the rows is missing.
fn closing_edges(hs: &mut Vec<HLine>, segments: &[(f32, f32, f32)]) {
    let mut ends: Vec<(f32, f32)> = segments.iter().filter(|s| s.2 - s.1 >= 4.0).flat_map(|&(x, a, b)| [(a, x), (b, x)]).collect();
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut added = Vec::new();
    let mut i = 0;
    while i < ends.len() {
        let mut j = i + 1;
        while j < ends.len() && ends[j].0 - ends[i].0 <= 2.0 {
            j += 1;
        }
        let mut xs: Vec<f32> = ends[i..j].iter().map(|e| e.1).collect();
        xs.sort_by(|a, b| a.total_cmp(b));
        xs.dedup_by(|a, b| (*a - *b).abs() <= 2.0);
        let y = ends[i].0;
        if xs.len() >= 3 {
            let (l, r) = (xs[0], *xs.last().unwrap());
            let drawn = hs.iter().any(|h| (h.y - y).abs() <= 2.5 && h.covered(l, r) >= 0.5 * (r - l));
            if !drawn {
                added.push(HLine { y, spans: vec![(l, r)], drawn: false });
            }
        }
        i = j;
    }
    if !added.is_empty() {
        hs.extend(added);
        hs.sort_by(|a, b| a.y.total_cmp(&b.y));
    }
}

fn ruled_bands(rules: &[Rule]) -> Vec<Band> {
    let mut hs = horizontals(rules);
    // Verticals: x with y spans.
    let segments: Vec<(f32, f32, f32)> = rules.iter().filter(|r| r.is_vertical()).map(|r| ((r.x0 + r.x1) / 2.0, r.y0, r.y1)).collect();
    let vs = merge_lines(segments.clone());
    if vs.len() < 3 {
        return Vec::new();
    }
    closing_edges(&mut hs, &segments);
    if hs.len() < 2 {
        return Vec::new();
    }
    let mut bands = Vec::new();
    let mut i = 0;
    while i + 1 < hs.len() {
        let mut found = None;
        for j in i + 1..hs.len() {
            let (top, bottom) = (hs[i].y, hs[j].y);
            if bottom - top < 4.0 {
                continue;
            }
            let mut xs: Vec<f32> = vs
                .iter()
                .filter(|v| v.spans.iter().any(|&(a, b)| a <= top + 2.5 && b >= bottom - 2.5))
                .map(|v| v.y)
                .collect();
            xs.dedup_by(|a, b| (*a - *b).abs() <= 2.0);
            if xs.len() < 3 {
                break;
            }
            let (l, r) = (xs[0], *xs.last().unwrap());
            let need = 0.5 * (r - l);
            if hs[i].covered(l, r) < need {
                break;
            }
            if hs[j].covered(l, r) >= need {
                found = Some((j, Band { top, bottom, cols: xs, open_below: !hs[j].drawn }));
                break;
            }
        }
        match found {
            Some((j, band)) => {
                bands.push(band);
                i = j;
            }
            None => i += 1,
        }
    }
    bands
}

// ---------------------------------------------------------------------------------------
// Text pieces, lines and cells

/// A piece of a run placed in a cell (a run crossing a cell border is cut in two).
#[derive(Debug, Clone)]
struct Piece {
    x: f32,
    y: f32,
    width: f32,
    size: f32,
    text: String,
}

impl Piece {
    fn of(r: &TextRun) -> Piece {
        Piece { x: r.x, y: r.y, width: r.width, size: r.font_size, text: r.text.clone() }
    }
    fn end(&self) -> f32 {
        self.x + self.width
    }
}

/// Cut a piece at x (proportionally by characters, at the nearest space).
fn split_at(p: &Piece, x: f32) -> (Piece, Piece) {
    let chars: Vec<char> = p.text.chars().collect();
    let frac = ((x - p.x) / p.width.max(0.1)).clamp(0.0, 1.0);
    let guess = (frac * chars.len() as f32).round() as usize;
    let mut best = guess.min(chars.len());
    let mut best_d = usize::MAX;
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            let d = i.abs_diff(guess);
            if d < best_d {
                best_d = d;
                best = i;
            }
        }
    }
    let left: String = chars[..best].iter().collect::<String>().trim_end().to_string();
    let right: String = chars[best..].iter().collect::<String>().trim_start().to_string();
    let lw = p.width * best as f32 / chars.len().max(1) as f32;
    (
        Piece { x: p.x, y: p.y, width: lw, size: p.size, text: left },
        Piece { x: x.max(p.x + lw), y: p.y, width: (p.width - lw).max(0.0), size: p.size, text: right },
    )
}

/// The piece cut before its last word when that word starts at `x` (within a character
/// or so, by the piece's average character width): (the words before, the last word).
fn last_word_at(p: &Piece, x: f32) -> Option<(Piece, Piece)> {
    let chars: Vec<char> = p.text.trim_end().chars().collect();
    let space = chars.iter().rposition(|c| c.is_whitespace())?;
    let per_char = p.width / chars.len().max(1) as f32;
    let start = p.x + per_char * (space + 1) as f32;
    if (start - x).abs() > 1.5 * p.size {
        return None;
    }
    let left: String = chars[..space].iter().collect::<String>().trim_end().to_string();
    let word: String = chars[space + 1..].iter().collect();
    if left.is_empty() || word.is_empty() {
        return None;
    }
    let end = p.end();
    Some((Piece { width: per_char * space as f32, text: left, ..p.clone() }, Piece { x: start, width: end - start, text: word, ..p.clone() }))
}

/// Can the piece be cut between words? A piece with no space is one word.
fn has_word_gap(p: &Piece) -> bool {
    p.text.trim().contains(' ')
}

#[derive(Debug, Clone)]
struct Line {
    y: f32,
    size: f32,
    x0: f32,
    runs: Vec<Piece>,
}

/// Group pieces into visual lines by baseline; lines top to bottom, pieces left to right.
fn group_lines(mut pieces: Vec<Piece>) -> Vec<Line> {
    pieces.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Line> = Vec::new();
    for p in pieces {
        match lines.last_mut() {
            Some(l) if (p.y - l.y).abs() <= 0.4 * p.size.min(l.size).max(1.0) => {
                l.size = l.size.max(p.size);
                l.runs.push(p);
            }
            _ => lines.push(Line { y: p.y, size: p.size, x0: p.x, runs: vec![p] }),
        }
    }
    for l in &mut lines {
        l.runs.sort_by(|a, b| a.x.total_cmp(&b.x));
        l.x0 = l.runs[0].x;
    }
    lines
}

fn line_text(runs: &[Piece]) -> String {
    let mut s = String::new();
    let mut end = f32::MIN;
    for r in runs {
        if r.text.is_empty() {
            continue;
        }
        if !s.is_empty() && r.x - end > 0.15 * r.size && !s.ends_with(' ') {
            s.push(' ');
        }
        s.push_str(&r.text);
        end = r.end();
    }
    s.trim().to_string()
}

/// The text of one cell: its lines in reading order. A bigger gap than the line pitch, or a
/// bullet, starts a new line of output; wrapped lines join.
fn cell_text(pieces: Vec<Piece>, spellings: Option<&Spellings>) -> String {
    let lines = group_lines(pieces);
    let mut out = String::new();
    let mut prev_y: Option<f32> = None;
    let mut pitch: Option<f32> = None;
    // The usual distance between wrapped lines in this cell.
    let gaps: Vec<f32> = lines.windows(2).map(|w| w[1].y - w[0].y).filter(|g| *g > 0.0).collect();
    if !gaps.is_empty() {
        let mut g = gaps.clone();
        g.sort_by(|a, b| a.total_cmp(b));
        pitch = Some(g[0]);
    }
    for l in &lines {
        let text = line_text(&l.runs);
        if text.is_empty() {
            continue;
        }
        if let Some(py) = prev_y {
            let gap = l.y - py;
            let para = pitch.is_some_and(|p| gap > p * 1.2 && gap > 1.3 * l.size) || starts_with_bullet(&text);
            if para {
                out.push('\n');
                out.push_str(&text);
            } else {
                let mut last = match out.rfind('\n') {
                    Some(i) => out.split_off(i + 1),
                    None => std::mem::take(&mut out),
                };
                chc_parse::pdf::join_line_with(&mut last, &text, spellings);
                out.push_str(&last);
            }
        } else {
            out.push_str(&text);
        }
        prev_y = Some(l.y);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Unruled tables

#[derive(Default)]
struct Unruled {
    /// Left edges of the columns of the current unruled table, when one is open.
    cols: Option<Vec<f32>>,
    comply_col: Option<usize>,
    body_size: f32,
    /// The table's header row while it is being read (it may wrap over several lines).
    header: Option<Row>,
    /// The table's body lines since the header, a heading or the top of the page: split
    /// into rows when something else interrupts them (rows::split_rows).
    body: Vec<BodyLine>,
    /// Where the table's rows put their numbers (top, middle, bottom), across pages.
    votes: Votes,
    /// Baseline of the last line read into the table on this page.
    last_y: Option<f32>,
    /// Nothing but a table header has been read on this page yet.
    page_fresh: bool,
    /// The body being read started right under the top of its page.
    body_at_top: bool,
    /// ... or right under a header.
    body_under_header: bool,
    /// The cells of a row begun at the foot of the last page, for the first row of this one.
    carry: Option<Vec<Vec<Piece>>>,
    /// Lines of the header being read, and of the table's first header: a header printed
    /// again on a later page has as many lines as the first, so the lines under it are rows.
    header_lines: usize,
    first_header_lines: Option<usize>,
    /// The page of the current table's first rows.
    first_rows_page: Option<u32>,
    /// Where a full page's text ends ([`text_foot`]).
    text_foot: f32,
    /// The document's last page: no page break follows it.
    last_page: u32,
}

struct Row {
    location: u32,
    cells: Vec<Vec<Piece>>,
    last_y: f32,
}

/// Add `more`'s pieces to `cells`, column by column.
fn merge_cells(cells: &mut Vec<Vec<Piece>>, more: Vec<Vec<Piece>>) {
    if cells.len() < more.len() {
        cells.resize_with(more.len(), Vec::new);
    }
    for (k, c) in more.into_iter().enumerate() {
        cells[k].extend(c);
    }
}

/// A row's first part, carried from the foot of the last page, put before its rest: each
/// column's carried lines moved to end a line above where the column goes on (the pages'
/// coordinates overlap), so the cell reads on from one to the other.
fn carry_before(mut carried: Vec<Vec<Piece>>, rest: Vec<Vec<Piece>>) -> Vec<Vec<Piece>> {
    for (k, col) in carried.iter_mut().enumerate() {
        let Some(last) = col.iter().map(|p| p.y).reduce(f32::max) else { continue };
        let Some(next) = rest.get(k).and_then(|c| c.iter().min_by(|a, b| a.y.total_cmp(&b.y))) else { continue };
        let shift = next.y - 1.2 * next.size - last;
        col.iter_mut().for_each(|p| p.y += shift);
    }
    merge_cells(&mut carried, rest);
    carried
}

impl Row {
    /// Add a continuation line's cells, column by column. The row may have fewer cells (a
    /// header line whose text fell outside every column has none).
    fn extend_cells(&mut self, cells: Vec<Vec<Piece>>) {
        merge_cells(&mut self.cells, cells);
    }
}

impl Unruled {
    /// Write out the header and the body rows read so far, something else coming next on
    /// the page (or the page ending, `page_end`).
    fn flush(&mut self, out: &mut Out, page: u32, page_end: bool) {
        // A header at the foot of a page with nothing under it waits for the next page's
        // first line: the break may have cut the header row itself.
        if page_end && self.body.is_empty() && self.header.is_some() {
            return;
        }
        self.flush_header(out, page);
        if self.body.is_empty() {
            return;
        }
        self.page_fresh = false;
        let body = std::mem::take(&mut self.body);
        // The body may end in a row the page break cut only where it runs down to the foot
        // of the text (some three lines' leeway) and a page follows: a table ending higher
        // up, or on the last page, ends with a whole row.
        let at_foot = page_end && page != self.last_page && body.last().is_some_and(|l| l.y + 4.0 * l.size >= self.text_foot);
        let at = PageEdges { page_top: self.body_at_top, page_end: at_foot, continued: self.first_rows_page.is_some_and(|p| p < page) };
        let split = rows::split_rows(body, self.comply_col, at, &mut self.votes);
        if !split.rows.is_empty() {
            self.first_rows_page.get_or_insert(page);
        }
        // A header (or, in a table seen to centre its rows or set them at the bottom, a
        // section heading) at the foot of a page over text with no number or answer: the
        // first part of a row whose number and answer are on the next page.
        let open_row = self.body_under_header && page_end || at_foot && self.votes.alignment() != rows::Alignment::Top;
        if open_row && !split.anchored {
            let part = split.rows.into_iter().reduce(|mut a, b| {
                merge_cells(&mut a, b);
                a
            });
            self.carry = match (self.carry.take(), part) {
                (Some(carried), Some(part)) => Some(carry_before(carried, part)),
                (carried, part) => part.or(carried),
            };
            return;
        }
        // Lines after the last anchor at the page's end, in rows centred or at the bottom:
        // the first part of the row whose anchor is on the next page.
        let n = split.rows.len();
        for (i, mut cells) in split.rows.into_iter().enumerate() {
            if let Some(carried) = self.carry.take() {
                cells = carry_before(carried, cells);
            }
            if split.open_tail && i + 1 == n {
                self.carry = Some(cells);
                break;
            }
            out.flush_para();
            out.push_pieces(page, cells);
        }
    }

    /// A row's first part carried from the last page, written as it is when something else
    /// than a row comes first on this one.
    fn drop_carry(&mut self, out: &mut Out, page: u32) {
        if let Some(cells) = self.carry.take() {
            out.flush_para();
            out.push_pieces(page, cells);
        }
    }

    fn flush_header(&mut self, out: &mut Out, page: u32) {
        if let Some(row) = self.header.take() {
            self.first_header_lines.get_or_insert(self.header_lines);
            let cells: Vec<String> = row.cells.into_iter().map(|c| cell_text(c, out.spellings.as_ref())).collect();
            out.flush_para();
            out.push(if row.location == 0 { page } else { row.location }, cells);
        }
    }

    /// Add to the open header the cells of a line that goes on with it after a page
    /// break, a column for each that starts where no column does.
    fn add_header_columns(&mut self, line: &Line) {
        let (Some(cols), Some(header)) = (self.cols.as_mut(), self.header.as_mut()) else { return };
        for r in &line.runs {
            if cols.iter().any(|c| (c - r.x).abs() <= 3.0) {
                continue;
            }
            let at = cols.iter().position(|&c| c > r.x).unwrap_or(cols.len());
            cols.insert(at, r.x);
            if header.cells.len() >= at {
                header.cells.insert(at, Vec::new());
            }
            if let Some(comply) = self.comply_col.as_mut().filter(|c| **c >= at) {
                *comply += 1;
            }
        }
        if let Some(cells) = self.assign(line) {
            self.header.as_mut().unwrap().extend_cells(cells);
        }
        self.header_lines += 1;
        self.last_y = Some(line.y);
    }

    fn boundaries(&self) -> Vec<f32> {
        self.cols.as_ref().map(|c| c.iter().map(|x| x - 3.0).collect()).unwrap_or_default()
    }

    /// Place a line's pieces in columns; `None` when a piece runs across a column edge by
    /// more than a character or two (the line is not part of the table).
    fn assign(&self, line: &Line) -> Option<Vec<Vec<Piece>>> {
        let b = self.boundaries();
        if b.is_empty() {
            return None;
        }
        let mut cells: Vec<Vec<Piece>> = vec![Vec::new(); b.len()];
        let column = |p: &Piece| b.iter().rposition(|&e| p.x >= e).unwrap_or(0);
        for p in &line.runs {
            let k = column(p);
            if let Some(&next) = b.get(k + 1) {
                if p.end() > next + 0.8 * p.size {
                    // A cell's last word run together with the next column's only word
                    // ("to the resident. No"), on a line with text in other columns too:
                    // cut at the space at the edge. Anything more across the edge (a
                    // heading, a paragraph) is not the table's.
                    let fits = b.get(k + 2).is_none_or(|&after| p.end() <= after + 0.8 * p.size);
                    let row_line = line.runs.iter().any(|q| column(q) < k || column(q) > k + 1);
                    match last_word_at(p, next + 3.0) {
                        Some((left, right)) if fits && row_line => {
                            cells[k].push(left);
                            cells[k + 1].push(right);
                            continue;
                        }
                        _ => return None,
                    }
                }
            }
            cells[k].push(p.clone());
        }
        Some(cells)
    }
}

/// A page set in two columns of records, each column opening its records with their
/// provision numbers (cards two to a row, a newspaper layout): across such a stretch of
/// lines, no text crosses the gutter, and numbered records start on both sides of it. Its
/// lines are read column by column, the left halves first, so that a record's lines stay
/// together. A table's lines read the same way across its columns, but only its first
/// column opens with numbers (a number in evidence now and then does not balance them).
/// A gutter an earlier page was read at (`gutters`) needs one record on each side.
fn columns_of_records(lines: Vec<Line>, gutters: &mut Vec<f32>) -> Vec<Line> {
    let opens_record = |r: &Piece| provision_number_cell(r.text.split_whitespace().next().unwrap_or("")).is_some();
    let numbered = |runs: &[Piece]| runs.first().is_some_and(opens_record);
    // Where a record opens well right of the page's left edge: the left edge of a second
    // column (most pages have none, and are done here).
    let left = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let mut edges: Vec<f32> = lines.iter().flat_map(|l| l.runs.iter().filter(|r| r.x > left + 5.0 * l.size && opens_record(r)).map(|r| r.x)).collect();
    edges.sort_by(|a, b| a.total_cmp(b));
    edges.dedup_by(|a, b| (*a - *b).abs() <= 3.0);
    for gutter in edges {
        let crosses = |l: &Line| l.runs.iter().any(|r| r.x < gutter - 3.0 && r.end() > gutter + 2.0);
        // The longest stretch of lines that no text crosses, holding records on both sides.
        let mut start = 0;
        while start < lines.len() {
            let end = lines[start..].iter().position(crosses).map_or(lines.len(), |p| start + p);
            let stretch = &lines[start..end];
            let split = |l: &Line| l.runs.partition_point(|r| r.x < gutter - 3.0);
            let left = stretch.iter().filter(|l| numbered(&l.runs[..split(l)])).count();
            let right = stretch.iter().filter(|l| numbered(&l.runs[split(l)..])).count();
            let both = stretch.iter().filter(|l| split(l) > 0 && split(l) < l.runs.len()).count();
            let seen = gutters.iter().any(|g| (g - gutter).abs() <= 6.0);
            let least = if seen { 1 } else { 2 };
            if left >= least && right >= least && 2 * right >= left && 2 * left >= right && both >= 2 {
                if !seen {
                    gutters.push(gutter);
                }
                let mut out: Vec<Line> = lines[..start].to_vec();
                let mut rights: Vec<Line> = Vec::new();
                for l in stretch {
                    let at = split(l);
                    let (a, b) = l.runs.split_at(at);
                    if !a.is_empty() {
                        out.push(Line { y: l.y, size: l.size, x0: a[0].x, runs: a.to_vec() });
                    }
                    if !b.is_empty() {
                        rights.push(Line { y: l.y, size: l.size, x0: b[0].x, runs: b.to_vec() });
                    }
                }
                out.extend(rights);
                // The rest of the page may hold another such stretch.
                out.extend(columns_of_records(lines[end..].to_vec(), gutters));
                return out;
            }
            start = end + 1;
        }
    }
    lines
}

/// A header whose cells are centred vertically, some wrapped onto two lines and others on
/// one, comes out as two or three lines none of which names the columns alone ("Code" and
/// "Comply:", then "Code requirement" and "Evidence", then "section" and "Y/N"). Where the
/// lines stacked by column do name them, they become the header's one line: each column's
/// words top to bottom, at the column's left edge, on the last line's baseline.
fn stack_centred_headers(lines: Vec<Line>) -> Vec<Line> {
    // Whether each line is a header alone, asked once per line and only of short lines.
    let mut header_alone: Vec<Option<bool>> = vec![None; lines.len()];
    let mut is_header = |i: usize| *header_alone[i].get_or_insert_with(|| header_columns(&lines[i]).is_some());
    let close = |i: usize| i > 0 && lines[i].y - lines[i - 1].y <= 1.6 * lines[i].size.max(lines[i - 1].size);
    // Header fragments are a few short cells each.
    let short: Vec<bool> = lines.iter().map(|l| l.runs.len() <= 8 && l.runs.iter().all(|r| r.text.split_whitespace().nth(6).is_none())).collect();
    let mut plan: Vec<(usize, usize, Line)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let stacked = (2..=3).find_map(|n| {
            let window = lines.get(i..i + n)?;
            let candidate = short[i..i + n].iter().all(|s| *s) && (i + 1..i + n).all(close) && !(i..i + n).any(&mut is_header);
            candidate.then(|| stacked_header(window)).flatten().map(|line| (n, line))
        });
        // Lines right under a line that names columns go on with that header, whose own
        // reading takes its wrapped cells.
        let under_a_header = || {
            close(i) && {
                let above = &lines[i - 1];
                names_columns(&above.runs) || header_columns(above).is_some()
            }
        };
        match stacked.filter(|_| !under_a_header()) {
            Some((n, line)) => {
                plan.push((i, n, line));
                i += n;
            }
            None => i += 1,
        }
    }
    if plan.is_empty() {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut plan = plan.into_iter().peekable();
    let mut skip = 0;
    for (i, line) in lines.into_iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        match plan.next_if(|(at, ..)| *at == i) {
            Some((_, n, stacked)) => {
                out.push(stacked);
                skip = n - 1;
            }
            None => out.push(line),
        }
    }
    out
}

/// `window`'s lines stacked into one header line, when every stacked cell names its column
/// (a header, not a header and a row's text).
fn stacked_header(window: &[Line]) -> Option<Line> {
    let line = stack_lines(window);
    (names_columns(&line.runs) && header_columns(&line).is_some()).then_some(line)
}

/// Lines stacked into one, by column: pieces whose extents overlap across the lines are
/// one column's cell, its words joined top to bottom.
fn stack_lines(window: &[Line]) -> Line {
    let y = window.last().map_or(0.0, |l| l.y);
    let mut columns: Vec<Piece> = Vec::new();
    for l in window {
        for r in &l.runs {
            match columns.iter_mut().find(|c| r.x < c.end() && c.x < r.end()) {
                Some(c) => {
                    c.text = format!("{} {}", c.text, r.text);
                    let end = c.end().max(r.end());
                    c.x = c.x.min(r.x);
                    c.width = end - c.x;
                }
                None => columns.push(Piece { y, ..r.clone() }),
            }
        }
    }
    columns.sort_by(|a, b| a.x.total_cmp(&b.x));
    let size = window.iter().map(|l| l.size).fold(0.0, f32::max);
    Line { y, size, x0: columns.first().map_or(0.0, |c| c.x), runs: columns }
}

/// Whether every piece of text names a column ("Code", "Comply:", "Y/N"), and there is one.
fn names_columns(runs: &[Piece]) -> bool {
    !runs.is_empty() && runs.iter().all(|r| column_role(&r.text) != ColumnRole::Other)
}

/// Is this line an unruled table's header? Then the column left edges.
fn header_columns(line: &Line) -> Option<(Vec<f32>, Option<usize>)> {
    let roles: Vec<ColumnRole> = line.runs.iter().map(|r| column_role(&r.text)).collect();
    let named = roles.iter().filter(|r| **r != ColumnRole::Other).count();
    // A form that answers with a RAG rating alone has that column in the comply column's place.
    let answers = roles.contains(&ColumnRole::Comply) || roles.contains(&ColumnRole::Rag);
    if named < 3 || !answers || line.runs.len() > 10 {
        return None;
    }
    let mut xs: Vec<f32> = line.runs.iter().map(|r| r.x).collect();
    xs.sort_by(|a, b| a.total_cmp(b));
    xs.dedup_by(|a, b| (*a - *b).abs() <= 3.0);
    let comply_x = line.runs.iter().zip(&roles).find(|(_, r)| **r == ColumnRole::Comply).or_else(|| line.runs.iter().zip(&roles).find(|(_, r)| **r == ColumnRole::Rag)).map(|(p, _)| p.x);
    let comply = comply_x.and_then(|cx| xs.iter().position(|x| (x - cx).abs() <= 3.0));
    Some((xs, comply))
}

fn layout_page(page: u32, runs: &[&TextRun], rules: &[Rule], st: &mut Unruled, out: &mut Out) {
    let bands = ruled_bands(rules);
    let hlines = horizontals(rules);
    let mut band_cells: Vec<Vec<Vec<Piece>>> = bands.iter().map(|b| vec![Vec::new(); b.cols.len() - 1]).collect();
    let mut free: Vec<Piece> = Vec::new();
    for r in runs {
        let mid = r.y - 0.3 * r.font_size;
        let hit = bands.iter().position(|b| b.contains_y(mid) && b.column_of(r.x).is_some());
        let Some(bi) = hit else {
            free.push(Piece::of(r));
            continue;
        };
        let band = &bands[bi];
        let mut piece = Piece::of(r);
        let mut col = band.column_of(piece.x).unwrap();
        // Cut runs that cross a vertical rule, between words: a single word crossing it (a
        // web address too long for its cell) overflows its own cell and stays there.
        while col + 1 < band.cols.len() - 1 && piece.end() > band.cols[col + 1] + 2.0 && has_word_gap(&piece) {
            let (left, right) = split_at(&piece, band.cols[col + 1]);
            if !left.text.is_empty() {
                band_cells[bi][col].push(left);
            }
            piece = right;
            col += 1;
        }
        if !piece.text.is_empty() {
            band_cells[bi][col].push(piece);
        }
    }

    enum Item {
        Band(usize),
        Line(Line),
    }
    let mut items: Vec<(f32, Item)> = bands.iter().enumerate().map(|(i, b)| (b.top, Item::Band(i))).collect();
    for l in stack_centred_headers(group_lines(free)) {
        items.push((l.y - l.size, Item::Line(l)));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));

    st.last_y = None;
    st.page_fresh = true;
    let last_item = items.len().saturating_sub(1);
    for (at, (_, item)) in items.into_iter().enumerate() {
        match item {
            Item::Band(bi) => {
                st.flush(out, page, false);
                st.page_fresh = false;
                st.cols = None;
                st.last_y = None;
                out.flush_para();
                let last = at == last_item;
                ruled_row(std::mem::take(&mut band_cells[bi]), last && bands[bi].open_below, last, page, st, out);
            }
            Item::Line(line) => {
                unruled_line(page, line, &hlines, st, out);
            }
        }
    }
}

/// One band of a ruled table: a row, the table's header repeated, or part of a row cut by
/// a page break. A row whose cells are centred or at the bottom shows no number or answer
/// in its first part when the break cuts it; that part is carried to the row it begins on
/// the next page, past the repeated header, just as a top-aligned row's end comes after
/// it. The break shows as the page ending under the band with no rule closing it (`open`),
/// or, in a table whose rows are seen centred or bottom-aligned, as the page's last band
/// having neither (`last`): writers close a cut row's part with a rule at the page's foot.
fn ruled_row(cells: Vec<Vec<Piece>>, open: bool, last: bool, page: u32, st: &mut Unruled, out: &mut Out) {
    let texts: Vec<String> = cells.iter().map(|c| cell_text(c.clone(), out.spellings.as_ref())).collect();
    let named = texts.iter().filter(|t| column_role(t) != ColumnRole::Other).count();
    if named >= 3 {
        out.push(page, texts);
        return;
    }
    let numbered = texts.first().is_some_and(|t| provision_number_cell(t).is_some() || is_bare_number(t));
    let answered = texts.iter().skip(1).any(|t| t.split_whitespace().count() <= 6 && parse_comply(t).is_some());
    if numbered {
        vote_band(&cells, &mut st.votes);
    }
    let cut = open || last && st.votes.alignment() != rows::Alignment::Top;
    let cells = match st.carry.take() {
        Some(carried) => carry_before(carried, cells),
        None => cells,
    };
    if cut && !numbered && !answered {
        st.carry = Some(cells);
        return;
    }
    out.push_pieces(page, cells);
}

/// A numbered band's vote on where the table's rows put their numbers: how far its text
/// reaches above and below the number (a line pitch taken from the number's size).
fn vote_band(cells: &[Vec<Piece>], votes: &mut Votes) {
    let Some(number) = cells.first().filter(|c| !c.is_empty()) else { return };
    let span = |ps: &mut dyn Iterator<Item = &Piece>| ps.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), p| (lo.min(p.y), hi.max(p.y)));
    let (lo, hi) = span(&mut number.iter());
    let (top, bottom) = span(&mut cells.iter().flatten().filter(|p| !p.text.trim().is_empty()));
    let size = number.iter().map(|p| p.size).fold(0.0, f32::max);
    votes.cast(lo - top, bottom - hi, 1.2 * size);
}

fn unruled_line(page: u32, line: Line, hlines: &[HLine], st: &mut Unruled, out: &mut Out) {
    // A rule across most of the table between the previous line and this one ends a row.
    let ruled_off = match (st.last_y, st.cols.as_ref()) {
        (Some(py), Some(cols)) => {
            let width = (cols.last().unwrap() - cols[0]).max(50.0);
            hlines.iter().any(|h| h.y > py && h.y < line.y - 0.7 * line.size && h.spans.iter().map(|s| s.1 - s.0).sum::<f32>() >= 0.5 * width)
        }
        _ => false,
    };
    // A header row cut by the page break: the cells it lacked ("Code provision" of a
    // header whose other cells sit at the foot of the last page) open the next page.
    if st.header.as_ref().is_some_and(|h| h.location < page) && names_columns(&line.runs) && header_columns(&line).is_none() {
        st.add_header_columns(&line);
        return;
    }
    // The second line of a wrapped header ("section", "Yes/No", "explanations") names
    // columns too: it continues the header above rather than starting a new one.
    if let Some(header) = st.header.as_ref().filter(|h| h.location == page) {
        let below = line.y - header.last_y;
        let room = st.first_header_lines.is_none_or(|n| st.header_lines < n);
        if !ruled_off && room && below <= 1.6 * line.size {
            // A header whose cells are centred on three lines puts a one-line cell on the
            // middle line, at an edge the first line has no run at ("Code" / "Code
            // requirement" / "provision"): a column of its own.
            let new_edge = st.cols.as_ref().is_some_and(|cols| line.runs.iter().any(|r| cols.iter().all(|c| (c - r.x).abs() > 3.0)));
            if names_columns(&line.runs) && new_edge {
                st.add_header_columns(&line);
                if let Some(h) = st.header.as_mut() {
                    h.last_y = line.y;
                }
                return;
            }
            if let Some(cells) = st.assign(&line) {
                let first = line_text(&cells[0]);
                // Wrapped header words are a few per column, a line pitch below (up to one and a
                // half lines, the loosest spacing writers use), or a little further when they
                // name columns themselves ("provision", "Yes/No"); other text there is a row's
                // (a row cut by the page break, right under the header).
                let texts: Vec<String> = cells.iter().map(|c| line_text(c)).filter(|t| !t.is_empty()).collect();
                let short = texts.iter().all(|t| t.split_whitespace().count() <= 4);
                let naming = texts.iter().all(|t| column_role(t) != ColumnRole::Other);
                let header_like = short && (below <= 1.5 * line.size || naming);
                if header_like && provision_number_cell(&first).is_none() && !is_bare_number(&first) {
                    let header = st.header.as_mut().unwrap();
                    header.extend_cells(cells);
                    header.last_y = line.y;
                    st.header_lines += 1;
                    st.last_y = Some(line.y);
                    return;
                }
            }
        }
    }
    if let Some((cols, comply)) = header_columns(&line) {
        st.flush(out, page, false);
        out.flush_para();
        // The same header printed again on a new page goes on with the same table: the
        // alignment read from its rows so far still holds (a page whose only rows are a
        // continuation and one short row cannot tell it on its own).
        let same_table = st.cols.as_ref().is_some_and(|old| old.len() == cols.len() && old.iter().zip(&cols).all(|(a, b)| (a - b).abs() <= 2.0 * line.size));
        if !same_table {
            st.votes = Votes::default();
            st.first_header_lines = None;
            st.first_rows_page = None;
        }
        st.header_lines = 1;
        st.cols = Some(cols);
        st.comply_col = comply;
        st.body_size = line.size;
        let cells = st.assign(&line).unwrap_or_default();
        st.header = Some(Row { location: page, cells, last_y: line.y });
        st.last_y = Some(line.y);
        return;
    }
    let cells = if st.cols.is_some() && line.size <= st.body_size * 1.15 + 0.3 { st.assign(&line) } else { None };
    let Some(cells) = cells else {
        st.flush(out, page, false);
        st.drop_carry(out, page);
        st.page_fresh = false;
        out.free_line(&line);
        return;
    };
    let text_in = |k: usize| cells.get(k).is_some_and(|c| c.iter().any(|p| !p.text.trim().is_empty()));
    let first = line_text(&cells[0]);
    let numbered = provision_number_cell(&first).is_some() || is_bare_number(&first);
    let only_first = text_in(0) && (1..cells.len()).all(|k| !text_in(k));
    if only_first && !numbered {
        // "Stage 1", a sub-heading set in the first column's place.
        st.flush(out, page, false);
        st.drop_carry(out, page);
        st.page_fresh = false;
        out.free_line(&line);
        return;
    }
    // The header ends at the first body line; the body's rows are split when it ends.
    if st.body.is_empty() {
        st.body_at_top = st.page_fresh;
        st.body_under_header = st.header.is_some();
    }
    st.flush_header(out, page);
    st.body.push(BodyLine { y: line.y, size: line.size, cells, rule_before: ruled_off, numbered });
    st.last_y = Some(line.y);
}

fn is_bare_number(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chc_model::{Page, SourceFormat, SourceInfo};

    fn run(x: f32, y: f32, text: &str) -> TextRun {
        TextRun { x, y, width: text.chars().count() as f32 * 3.0, font_size: 10.0, text: text.into() }
    }
    fn hrule(y: f32, x0: f32, x1: f32) -> Rule {
        Rule { x0, y0: y, x1, y1: y }
    }
    fn vrule(x: f32, y0: f32, y1: f32) -> Rule {
        Rule { x0: x, y0, x1: x, y1 }
    }
    fn doc(pages: Vec<(Vec<TextRun>, Vec<Rule>)>) -> ParsedDocument {
        ParsedDocument {
            source: SourceInfo { path: "t.pdf".into(), sha256: String::new(), format: SourceFormat::Pdf, bytes: 0 },
            pages: pages
                .into_iter()
                .enumerate()
                .map(|(i, (runs, rules))| Page {
                    number: i as u32 + 1,
                    width: 600.0,
                    height: 800.0,
                    content: PageContent::Positioned { runs, rules },
                })
                .collect(),
            tagged_tables: Vec::new(),
            furniture: Vec::new(),
            warnings: Vec::new(),
        }
    }
    fn cells(g: &GridLine) -> Vec<&str> {
        g.cells.iter().map(|s| s.as_str()).collect()
    }

    /// A ruled table: columns at 50, 100, 250, 300, 550; rows between horizontal rules.
    fn ruled_grid(ys: &[f32]) -> Vec<Rule> {
        let mut rules: Vec<Rule> = ys.iter().map(|&y| hrule(y, 50.0, 550.0)).collect();
        for x in [50.0, 100.0, 250.0, 300.0, 550.0] {
            rules.push(vrule(x, ys[0], *ys.last().unwrap()));
        }
        rules
    }

    #[test]
    fn ruled_table_rows_come_from_rules_and_cells_keep_reading_order() {
        let rules = ruled_grid(&[100.0, 130.0, 200.0]);
        // Content stream order is scrambled on purpose (QUIRKS 19).
        let runs = vec![
            run(60.0, 80.0, "Section 1: Definition of a complaint"),
            run(305.0, 115.0, "Evidence"),
            run(55.0, 115.0, "Code provision"),
            run(105.0, 115.0, "Code requirement"),
            run(255.0, 115.0, "Comply"),
            run(105.0, 160.0, "treated as such."),
            run(55.0, 145.0, "1.3"),
            run(105.0, 145.0, "A resident does not have to"),
            run(255.0, 145.0, "Yes"),
            run(305.0, 145.0, "Policy point 4.2"),
            run(105.0, 185.0, "Second paragraph."),
        ];
        let g = pdf_to_grid(&doc(vec![(runs, rules)]));
        assert_eq!(g.len(), 3, "{g:#?}");
        assert_eq!(cells(&g[0]), ["Section 1: Definition of a complaint"]);
        assert_eq!(cells(&g[1]), ["Code provision", "Code requirement", "Comply", "Evidence"]);
        assert_eq!(cells(&g[2])[0], "1.3");
        assert_eq!(cells(&g[2])[1], "A resident does not have to treated as such.\nSecond paragraph.");
        assert_eq!(cells(&g[2])[2], "Yes");
        assert!(!g[0].page_break_before);
    }

    #[test]
    fn run_crossing_a_vertical_rule_is_cut() {
        let rules = ruled_grid(&[100.0, 130.0]);
        // One run spanning the comply and evidence columns (250..300 | 300..).
        let mut r = run(255.0, 115.0, "Yes Included");
        r.width = 80.0;
        let g = pdf_to_grid(&doc(vec![(vec![run(55.0, 115.0, "1.2"), r], rules)]));
        assert_eq!(cells(&g[0]), ["1.2", "", "Yes", "Included"]);
    }

    #[test]
    fn a_row_cut_by_the_page_end_is_closed_by_its_verticals() {
        // The last row has no bottom rule (it continues on the next page); the next page's
        // first row has no top rule.
        let mut rules = ruled_grid(&[100.0, 130.0, 700.0]);
        rules.retain(|r| !(r.is_horizontal() && r.y0 == 700.0));
        let runs = vec![run(55.0, 115.0, "1.2"), run(105.0, 115.0, "first"), run(55.0, 160.0, "1.3"), run(105.0, 690.0, "cut")];
        let mut p2 = ruled_grid(&[50.0, 80.0, 120.0]);
        p2.retain(|r| !(r.is_horizontal() && r.y0 == 50.0));
        let g = pdf_to_grid(&doc(vec![(runs, rules), (vec![run(105.0, 65.0, "rest"), run(55.0, 95.0, "1.4")], p2)]));
        let c: Vec<Vec<&str>> = g.iter().map(cells).collect();
        assert_eq!(c[1], ["1.3", "cut", "", ""], "{c:?}");
        assert_eq!(c[2], ["", "rest", "", ""]);
        assert!(g[2].page_break_before);
        assert_eq!(c[3], ["1.4", "", "", ""]);
    }

    #[test]
    fn a_centred_rows_first_part_at_a_page_foot_goes_to_the_row_it_begins_past_the_repeated_header() {
        let header = |y: f32| vec![run(55.0, y, "Code provision"), run(105.0, y, "Code requirement"), run(255.0, y, "Comply"), run(305.0, y, "Evidence")];
        // Page 1 ends in a band no rule closes (its verticals just end) holding only the top
        // of a centred row's evidence: its number and answer are on the next page.
        let mut rules = ruled_grid(&[100.0, 130.0, 200.0, 300.0]);
        rules.retain(|r| !(r.is_horizontal() && r.y0 == 300.0));
        let mut p1 = header(115.0);
        p1.extend([run(55.0, 165.0, "1.5"), run(105.0, 165.0, "req five"), run(255.0, 165.0, "Yes"), run(305.0, 165.0, "ev five")]);
        p1.push(run(305.0, 290.0, "first part"));
        let mut p2 = header(65.0);
        p2.extend([run(55.0, 140.0, "1.6"), run(105.0, 140.0, "req six"), run(255.0, 140.0, "Yes"), run(305.0, 90.0, "rest")]);
        let g = pdf_to_grid(&doc(vec![(p1, rules), (p2, ruled_grid(&[50.0, 80.0, 200.0]))]));
        let c: Vec<Vec<&str>> = g.iter().map(cells).collect();
        assert_eq!(c.len(), 4, "{c:?}");
        assert_eq!(c[1], ["1.5", "req five", "Yes", "ev five"]);
        assert_eq!(c[2][0], "Code provision");
        assert_eq!(c[3], ["1.6", "req six", "Yes", "first part rest"]);
    }

    #[test]
    fn a_word_overflowing_its_cell_stays_in_it() {
        let rules = ruled_grid(&[100.0, 130.0]);
        let mut r = run(255.0, 115.0, "https://www.example.gov.uk/complaints");
        r.width = 90.0;
        let g = pdf_to_grid(&doc(vec![(vec![run(55.0, 115.0, "1.2"), r], rules)]));
        assert_eq!(cells(&g[0]), ["1.2", "", "https://www.example.gov.uk/complaints", ""]);
    }

    #[test]
    fn underline_inside_a_cell_does_not_split_the_row() {
        let mut rules = ruled_grid(&[100.0, 160.0]);
        rules.push(hrule(131.0, 105.0, 180.0));
        let runs = vec![run(55.0, 115.0, "1.2"), run(105.0, 115.0, "first"), run(105.0, 130.0, "underlined")];
        let g = pdf_to_grid(&doc(vec![(runs, rules)]));
        assert_eq!(g.len(), 1);
        assert_eq!(cells(&g[0])[1], "first underlined");
    }

    /// Unruled pages read into rows of cells.
    fn unruled_grid(pages: Vec<Vec<TextRun>>) -> Vec<Vec<String>> {
        pdf_to_grid(&doc(pages.into_iter().map(|p| (p, vec![])).collect())).into_iter().map(|g| g.cells).collect()
    }

    /// Rows 1.`first`, 1.`first + 1` … starting at `ys`, three requirement lines each, the
    /// number and the answer level with the middle one.
    fn centred_rows(first: usize, ys: &[f32]) -> Vec<TextRun> {
        let mut runs = Vec::new();
        for (k, &y) in ys.iter().enumerate() {
            runs.extend([run(130.0, y, "req top"), run(130.0, y + 12.0, "req mid"), run(130.0, y + 24.0, "req end")]);
            runs.extend([run(50.0, y + 12.0, &format!("1.{}", first + k)), run(300.0, y + 12.0, "Yes")]);
        }
        runs
    }

    fn unruled_header(y: f32) -> Vec<TextRun> {
        vec![
            run(50.0, y, "Code provision"),
            run(130.0, y, "Code requirement"),
            run(300.0, y, "Comply: Yes/No"),
            run(380.0, y, "Evidence"),
            run(480.0, y, "Commentary"),
        ]
    }

    #[test]
    fn a_pdf_without_a_table_is_read_as_its_lines_of_text() {
        // 2020 questions as numbered paragraphs, each answer set apart at the line's end: no
        // header names columns, so the page geometry finds no table; its text still has rows.
        let q = |y: f32, n: &str, question: &str, answer: &str| vec![run(50.0, y, n), run(80.0, y, question), run(470.0, y, answer), run(80.0, y + 12.0, "Our evidence is on file.")];
        let mut runs = vec![run(50.0, 40.0, "Tamsworth Housing Co-operative: self-assessment")];
        runs.extend(q(100.0, "1.1", "Does the complaints process use the following definition of a complaint?", "Yes"));
        runs.extend(q(140.0, "1.2", "Does the policy have exclusions where a complaint will not be considered?", "No"));
        runs.extend(q(180.0, "1.3", "Are these exclusions reasonable and fair to residents?", "Partly"));
        let t = crate::reconstruct(&doc(vec![(runs, vec![])]), chc_code::Registry::embedded()).expect("rows from the text");
        let answers: Vec<(&str, &str)> = t.records.iter().map(|r| (r.number.as_deref().unwrap_or(""), r.comply_raw.as_str())).collect();
        assert_eq!(answers, [("1.1", "Yes"), ("1.2", "No"), ("1.3", "Partly")]);
        assert!(t.warnings.iter().any(|w| w.kind == "pdf_read_as_text"));
    }

    #[test]
    fn running_headers_are_left_out_of_the_grid_but_kept_as_text() {
        // The same line at the top of every page (and a page number at the foot): not the
        // table's, but the landlord it names is read from it.
        let page = |n: usize| {
            let mut runs = vec![run(50.0, 20.0, "Harlowmere Homes – self-assessment"), run(290.0, 790.0, &n.to_string())];
            runs.extend(unruled_header(100.0));
            runs.extend(centred_rows(n + 1, &[150.0]));
            runs
        };
        let PdfRead { grid, running_text: running, .. } = PdfRead::of(&doc(vec![(page(1), vec![]), (page(2), vec![])]));
        assert_eq!(running, ["Harlowmere Homes – self-assessment"]);
        assert!(grid.iter().all(|g| !g.cells.iter().any(|c| c.contains("Harlowmere"))));
    }

    #[test]
    fn a_running_line_in_pieces_is_one_text_where_they_follow_on() {
        // OCR or a writer sets a running header's words apart: the pieces a word's space
        // apart are one name; a title at the left and a date at the right stay apart.
        let page = |n: usize| {
            let mut runs = vec![run(50.0, 20.0, "Pickering and"), run(93.0, 20.0, "Ferens Homes"), run(480.0, 20.0, "October 2022"), run(290.0, 790.0, &n.to_string())];
            runs.extend(unruled_header(100.0));
            runs.extend(centred_rows(n + 1, &[150.0]));
            runs
        };
        let PdfRead { running_text, .. } = PdfRead::of(&doc(vec![(page(1), vec![]), (page(2), vec![])]));
        assert_eq!(running_text, ["Pickering and Ferens Homes", "October 2022"]);
    }

    #[test]
    fn a_wide_sheet_printed_down_then_across_is_one_table() {
        let line = |page: u32, cells: &[&str]| GridLine { location: page, cells: cells.iter().map(|c| c.to_string()).collect(), page_break_before: false };
        let lines = vec![
            line(1, &["Thornleigh Homes self-assessment"]),
            line(1, &["Provision", "Requirement"]),
            line(1, &["1.2", "A complaint must be defined as"]),
            line(2, &["1.3", "A resident does not have to use the word complaint"]),
            line(3, &["Compliant?", "Evidence", "Commentary"]),
            line(3, &["Yes", "Policy 2.1", ""]),
            line(4, &["No", "Training due", "By May"]),
        ];
        let joined = join_columns_printed_later(lines);
        assert_eq!(joined.len(), 4);
        assert_eq!(joined[1].cells, ["Provision", "Requirement", "Compliant?", "Evidence", "Commentary"]);
        assert_eq!(joined[3].cells, ["1.3", "A resident does not have to use the word complaint", "No", "Training due", "By May"]);
        // As many answer lines as rows, or nothing is joined.
        let lines = vec![line(1, &["Provision", "Requirement"]), line(1, &["1.2", "A complaint must be defined as"]), line(2, &["Compliant?", "Evidence"]), line(2, &["Yes", "Policy"]), line(2, &["No", "Gap"])];
        assert_eq!(join_columns_printed_later(lines.clone()).len(), lines.len());
    }

    /// The text lines of a one-page PDF of `runs`, blank lines left out.
    fn text_of(runs: Vec<TextRun>) -> Vec<String> {
        let d = doc(vec![(runs, vec![])]);
        PdfRead::of(&d).text_lines(&d).into_iter().map(|l| l.text).filter(|t| !t.is_empty()).collect()
    }

    #[test]
    fn two_columns_of_numbered_records_are_read_column_by_column() {
        // Cards two to a row (or a newspaper layout): each column opens its records with
        // their numbers, and no text crosses the gutter.
        let card = |x: f32, y: f32, number: &str, answer: &str| vec![run(x, y, number), run(x, y + 12.0, &format!("Requirement of {number}")), run(x, y + 24.0, &format!("Comply: {answer}"))];
        let mut runs = vec![run(50.0, 60.0, "Wrenbury Vale Homes: how we meet the Code, card by card")];
        for (row, (left, right)) in [("1.2", "1.5"), ("2.2", "3.3")].iter().enumerate() {
            let y = 100.0 + 60.0 * row as f32;
            runs.extend(card(50.0, y, left, "Yes"));
            runs.extend(card(320.0, y, right, "No"));
        }
        let lines = text_of(runs);
        let at = |t: &str| lines.iter().position(|l| l == t).unwrap_or_else(|| panic!("{t} in {lines:?}"));
        assert!(at("1.2") < at("Requirement of 1.2") && at("Requirement of 1.2") < at("2.2"));
        assert!(at("Comply: Yes") < at("1.5") && at("1.5") < at("Requirement of 1.5") && at("Requirement of 1.5") < at("3.3"));
        // A table read as text keeps its rows across the columns, though an evidence line
        // opens with a policy paragraph's number.
        let mut runs = Vec::new();
        for (i, (number, evidence)) in [("1.2", "2.1 of our policy"), ("1.3", "Staff are trained"), ("1.4", "Logged daily")].iter().enumerate() {
            let y = 100.0 + 30.0 * i as f32;
            runs.extend([run(50.0, y, number), run(120.0, y, "Requirement text"), run(320.0, y, "Yes"), run(400.0, y, evidence)]);
        }
        let lines = text_of(runs);
        assert!(lines[0].starts_with("1.2") && lines[0].contains("2.1 of our policy"), "{lines:?}");
    }

    #[test]
    fn a_header_whose_lines_name_the_columns_only_stacked_is_one_header() {
        // Cells centred vertically: "Code" / "section" and "Comply:" / "Y/N" wrap, with
        // "Code requirement" and "Evidence" between their lines; no line names the columns
        // alone, and no rule runs down between them.
        let mut runs = vec![run(50.0, 100.0, "Code"), run(300.0, 100.0, "Comply:")];
        runs.extend([run(130.0, 105.5, "Code requirement"), run(380.0, 105.5, "Evidence")]);
        runs.extend([run(50.0, 111.0, "section"), run(300.0, 111.0, "Y/N")]);
        runs.extend(centred_rows(2, &[150.0]));
        runs.push(run(380.0, 162.0, "Policy 4"));
        let c = unruled_grid(vec![runs]);
        assert_eq!(c[0], ["Code section", "Code requirement", "Comply: Y/N", "Evidence"]);
        assert_eq!(c[1], ["1.2", "req top req mid req end", "Yes", "Policy 4"]);
    }

    #[test]
    fn a_header_centred_on_three_lines_keeps_the_columns_of_its_middle_line() {
        // "Ref" / "no." and "Met?" / "(Y/N)" wrap; "Requirement" and "Evidence" fit one line
        // and sit on the middle one, where the top line has no run.
        let mut runs = vec![run(50.0, 100.0, "Ref"), run(300.0, 100.0, "Met?"), run(480.0, 100.0, "Comments")];
        runs.extend([run(130.0, 112.0, "Requirement"), run(380.0, 112.0, "Evidence")]);
        runs.extend([run(50.0, 124.0, "no."), run(300.0, 124.0, "(Y/N)")]);
        runs.extend(centred_rows(2, &[150.0]));
        runs.push(run(380.0, 162.0, "Policy 4"));
        let c = unruled_grid(vec![runs]);
        assert_eq!(c[0], ["Ref no.", "Requirement", "Met? (Y/N)", "Evidence", "Comments"]);
        assert_eq!(c[1], ["1.2", "req top req mid req end", "Yes", "Policy 4", ""]);
    }

    #[test]
    fn unruled_columns_from_header_and_rows_from_numbers() {
        let mut runs = vec![run(50.0, 60.0, "Section 1: Definition of a complaint and more words")];
        runs.extend(unruled_header(100.0));
        runs.extend([
            run(50.0, 120.0, "1.2"),
            run(130.0, 120.0, "A complaint must be"),
            run(300.0, 120.0, "Yes"),
            run(380.0, 120.0, "Policy 4.1"),
            run(130.0, 132.0, "defined as"),
            run(380.0, 132.0, "and web"),
            run(50.0, 150.0, "1.3"),
            run(130.0, 150.0, "A resident"),
            run(300.0, 150.0, "No"),
            run(480.0, 150.0, "To do"),
            // Missing number: the comply column filling again starts the row.
            run(130.0, 170.0, "Landlords must"),
            run(300.0, 170.0, "Yes"),
        ]);
        let g = pdf_to_grid(&doc(vec![(runs, vec![])]));
        let c: Vec<Vec<&str>> = g.iter().map(cells).collect();
        assert_eq!(c[0], ["Section 1: Definition of a complaint and more words"]);
        assert_eq!(c[1], ["Code provision", "Code requirement", "Comply: Yes/No", "Evidence", "Commentary"]);
        assert_eq!(c[2], ["1.2", "A complaint must be defined as", "Yes", "Policy 4.1 and web", ""]);
        assert_eq!(c[3], ["1.3", "A resident", "No", "", "To do"]);
        assert_eq!(c[4], ["", "Landlords must", "Yes", "", ""]);
        assert_eq!(g.len(), 5);
    }

    #[test]
    fn a_cells_last_word_run_into_the_next_columns_word_is_cut_at_the_edge() {
        // "to the resident." ends right before the comply column, and the writer set "No"
        // in the same run; its last word starts at the comply column's edge (x 300).
        let glued = |x: f32, y: f32, text: &str| {
            let mut r = run(x, y, text);
            r.width = 10.0 * text.chars().count() as f32;
            r
        };
        let mut runs = unruled_header(100.0);
        runs.extend([run(50.0, 120.0, "6.1"), glued(130.0, 120.0, "to the resident. No"), run(480.0, 120.0, "Training")]);
        // A heading across the columns is no row, though its last word starts at an edge.
        runs.push(glued(130.0, 150.0, "Stage one heading Exclusions"));
        let g = pdf_to_grid(&doc(vec![(runs, vec![])]));
        let c: Vec<Vec<&str>> = g.iter().map(cells).collect();
        assert_eq!(c[1], ["6.1", "to the resident.", "No", "", "Training"], "{c:?}");
        assert_eq!(c[2], ["Stage one heading Exclusions"]);
    }

    #[test]
    fn a_header_row_cut_by_the_page_break_gets_its_missing_columns_from_the_next_page() {
        // The header's cells sit at the foot of page 1 but for "Code provision", whose cell
        // (aligned lower) opens page 2.
        let mut p1 = vec![run(50.0, 60.0, "Section 4: Complaint handling staff")];
        p1.extend(unruled_header(700.0).into_iter().filter(|r| r.x > 100.0));
        let mut p2 = vec![run(50.0, 60.0, "Code provision"), run(130.0, 90.0, "The complaints officer must")];
        p2.extend([run(50.0, 90.0, "4.2"), run(130.0, 102.0, "have access"), run(300.0, 90.0, "Yes")]);
        let c = unruled_grid(vec![p1, p2]);
        assert_eq!(c[1], ["Code provision", "Code requirement", "Comply: Yes/No", "Evidence", "Commentary"], "{c:?}");
        assert_eq!(c[2], ["4.2", "The complaints officer must have access", "Yes", "", ""]);
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn unruled_table_continues_on_next_page_without_header() {
        let mut p1 = unruled_header(100.0);
        p1.extend([run(50.0, 120.0, "1.2"), run(130.0, 120.0, "A complaint"), run(300.0, 120.0, "Yes")]);
        let p2 = vec![run(130.0, 60.0, "continued text"), run(50.0, 80.0, "1.3"), run(130.0, 80.0, "Next"), run(300.0, 80.0, "No")];
        let g = pdf_to_grid(&doc(vec![(p1, vec![]), (p2, vec![])]));
        let c: Vec<Vec<&str>> = g.iter().map(cells).collect();
        assert_eq!(c[2], ["", "continued text", "", "", ""]);
        assert!(g[2].page_break_before);
        assert_eq!(g[2].location, 2);
        assert_eq!(c[3], ["1.3", "Next", "No", "", ""]);
    }

    #[test]
    fn a_repeated_header_keeps_the_tables_alignment() {
        // Page 1: rows with their numbers level with the middle of their cells.
        let mut p1 = unruled_header(100.0);
        p1.extend(centred_rows(2, &[120.0, 168.0, 216.0]));
        // Page 2, under the repeated header: a row whose columns are centred each on its own,
        // so its number lands barely below its first line. Alone it would read as a
        // top-aligned row and leave its first line to the row before.
        let mut p2 = unruled_header(60.0);
        p2.extend([run(130.0, 80.0, "first words"), run(480.0, 80.0, "note a"), run(50.0, 85.0, "2.5"), run(300.0, 85.0, "Yes")]);
        p2.extend([run(130.0, 92.0, "more words"), run(480.0, 92.0, "note b"), run(130.0, 104.0, "last words")]);
        let c = unruled_grid(vec![p1, p2]);
        assert!(c.iter().all(|r| !r[0].is_empty()), "{c:?}");
        assert_eq!(c.last().unwrap(), &["2.5", "first words more words last words", "Yes", "", "note a note b"]);
    }

    #[test]
    fn a_centred_rows_first_part_at_a_page_foot_goes_to_its_row_on_the_next_page() {
        let mut p1 = unruled_header(100.0);
        p1.extend(centred_rows(2, &[120.0, 168.0]));
        // The next row's commentary begins at the foot of the page; its number, level with
        // the middle of the whole row, is on the next page.
        p1.push(run(480.0, 216.0, "first part"));
        let mut p2 = centred_rows(4, &[60.0]);
        p2.push(run(480.0, 60.0, "rest"));
        let c = unruled_grid(vec![p1, p2]);
        assert!(c.iter().all(|r| !r[0].is_empty()), "{c:?}");
        assert_eq!(c.last().unwrap(), &["1.4", "req top req mid req end", "Yes", "", "first part rest"]);
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_dropped() {
        let page = |n: u32| {
            vec![
                run(50.0, 30.0, "Borough Council – self-assessment"),
                run(50.0, 100.0, &format!("Body text on page {n}")),
                run(290.0, 780.0, &format!("Page {n} of 3")),
            ]
        };
        let mut p3 = page(3);
        p3.push(run(560.0, 770.0, "3"));
        let g = pdf_to_grid(&doc(vec![(page(1), vec![]), (page(2), vec![]), (p3, vec![])]));
        let texts: Vec<&str> = g.iter().map(|l| l.cells[0].as_str()).collect();
        assert_eq!(texts, ["Body text on page 1", "Body text on page 2", "Body text on page 3"]);
        assert!(g[1].page_break_before && g[2].page_break_before && !g[0].page_break_before);
    }

    #[test]
    fn provision_numbers_at_the_same_foot_of_many_pages_are_not_furniture() {
        // Bottom-aligned rows cut by page breaks end at the page's foot, their numbers all on
        // the same baseline: "#.#" on every page, but rows' numbers, not a running footer.
        let page = |n: &str| vec![run(50.0, 100.0, "Body text"), run(50.0, 760.0, n), run(300.0, 785.0, "Borough Council")];
        let d = doc(vec![(page("1.6"), vec![]), (page("3.3"), vec![]), (page("6.10"), vec![]), (page("9.6"), vec![])]);
        let dropped = find_furniture(&d);
        assert_eq!(dropped.len(), 4, "{dropped:?}");
        assert!(dropped.iter().all(|&(_, ri)| ri == 2), "{dropped:?}");
    }

    #[test]
    fn paragraph_lines_join_and_headings_stand_alone() {
        let mut h = run(50.0, 60.0, "Section 2: Exclusions");
        h.font_size = 13.0;
        let runs = vec![
            run(50.0, 100.0, "This self-assessment form should be completed by the"),
            run(50.0, 112.0, "complaints officer."),
            h,
            run(50.0, 140.0, "Stage 1"),
        ];
        let g = pdf_to_grid(&doc(vec![(runs, vec![])]));
        let texts: Vec<&str> = g.iter().map(|l| l.cells[0].as_str()).collect();
        assert_eq!(texts, ["Section 2: Exclusions", "This self-assessment form should be completed by the complaints officer.", "Stage 1"]);
    }

    #[test]
    fn page_numbers_recognised() {
        for s in ["7", "- 7 -", "Page 7", "Page 7 of 12", "7 of 12", "7/12"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["1.2", "Section 7", "Yes", "Page 7 is here"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    fn repo_root() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// `CHC_DUMP=fixtures/pdf/x.pdf cargo test -p chc-table dump_grid -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn dump_grid() {
        let Ok(p) = std::env::var("CHC_DUMP") else { return };
        let bytes = std::fs::read(repo_root().join(&p)).unwrap();
        let doc = chc_parse::parse(&p, &bytes, &chc_parse::Limits::default()).unwrap();
        for g in pdf_to_grid(&doc) {
            println!("{}{} {:?}", if g.page_break_before { "==" } else { "  " }, g.location, g.cells);
        }
        println!("running: {:?}", PdfRead::of(&doc).running_text);
    }
}
