//! Properties of PDF table reconstruction from geometry (issue 14), on pages built here from
//! positioned runs and ruling lines, so no PDF writer is needed:
//! - a table, ruled (cells from where lines cross), with horizontal rules only, or not ruled
//!   (rows from their numbers and answers, columns from alignment), its rows cut anywhere by page breaks, comes back one
//!   record per provision row with the answer, requirement and evidence of that row;
//! - nothing is invented: every word of a record comes from the page;
//! - no arrangement of runs and rules panics the geometry reader.

use chc_code::Registry;
use chc_model::{Page, PageContent, ParsedDocument, Rule, SourceFormat, SourceInfo, TableDocument, TextRun};
use proptest::prelude::*;
use std::collections::HashMap;

/// Plain words that mean nothing to the reconstruction (no numbers, comply words, header or
/// heading vocabulary).
const WORDS: &[&str] = &[
    "landlord", "resident", "policy", "record", "review", "staff", "service", "timescale", "remedy", "board", "member",
    "training", "report", "website", "publish", "contact", "written", "officer", "learning", "monitor", "repairs",
    "letter", "agreed", "offered", "tenant", "housing", "clearly", "quarterly", "annual", "team", "manager",
];
/// Consecutive provisions of the 2024 Code: a form's rows are a run of them.
const NUMBERS: &[&str] = &[
    "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7",
    "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "5.10",
];
const ANSWERS: &[&str] = &["Yes", "No", "Partially"];
const HEADER: [&str; 5] = ["Provision", "Requirement", "Comply", "Evidence", "Commentary"];
/// A second header line, for headers that wrap.
const HEADER_SECOND_LINE: [&str; 5] = ["number", "of the Code", "Yes/No", "provided", "and actions"];

/// Column edges of the generated table (points) on an A4 portrait page, without and with a
/// commentary column; y grows down the page, as the parse stage gives it.
const EDGES: [f32; 5] = [40.0, 90.0, 300.0, 370.0, 560.0];
const EDGES_WITH_COMMENTARY: [f32; 6] = [40.0, 90.0, 260.0, 320.0, 450.0, 560.0];
/// Landscape pages are this much wider.
const LANDSCAPE: f32 = 842.0 / 595.0;
const PAGE_TOP: f32 = 50.0;
const PAGE_BOTTOM: f32 = 790.0;

#[derive(Debug, Clone)]
struct Row {
    answer: &'static str,
    requirement: Vec<Vec<&'static str>>,
    evidence: Vec<Vec<&'static str>>,
    /// Printed only when the style has a commentary column.
    commentary: Vec<Vec<&'static str>>,
}

fn cell_lines() -> impl Strategy<Value = Vec<Vec<&'static str>>> {
    prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS), 1..4), 1..4)
}

/// Words found nowhere else, one ending each cell line: no two lines of a form are the same,
/// so none can pass for a running header repeated at the top of several pages.
fn tags() -> &'static [String] {
    static TAGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TAGS.get_or_init(|| ('a'..='z').flat_map(|a| ('a'..='z').map(move |b| format!("zq{a}{b}"))).collect())
}

fn rows() -> impl Strategy<Value = (usize, Vec<Row>)> {
    let row = (prop::sample::select(ANSWERS), cell_lines(), cell_lines(), cell_lines())
        .prop_map(|(answer, requirement, evidence, commentary)| Row { answer, requirement, evidence, commentary });
    (0..NUMBERS.len() - 12, prop::collection::vec(row, 2..12)).prop_map(|(first, mut rows)| {
        let mut tag = tags().iter();
        for line in rows.iter_mut().flat_map(|r| r.requirement.iter_mut().chain(r.evidence.iter_mut()).chain(r.commentary.iter_mut())) {
            line.push(tag.next().expect("enough tags").as_str());
        }
        (first, rows)
    })
}

/// A run per word, laid out left to right from `x` on baseline `y`.
fn push_words(runs: &mut Vec<TextRun>, words: &[&str], x: f32, y: f32, size: f32) {
    let mut x = x;
    for w in words {
        let width = w.chars().count() as f32 * size * 0.5;
        runs.push(TextRun { x, y, width, font_size: size, text: (*w).to_string() });
        x += width + size * 0.3;
    }
}

/// A cell's lines wrapped further where a line is wider than the cell, as a writer wraps
/// them (the words and their order stay).
fn flow<'a>(lines: &[Vec<&'a str>], width: f32, size: f32) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    for line in lines {
        let mut current: Vec<&str> = Vec::new();
        let mut used = 0.0;
        for w in line {
            let need = w.chars().count() as f32 * size * 0.5 + if current.is_empty() { 0.0 } else { size * 0.3 };
            if !current.is_empty() && used + need > width {
                out.push(std::mem::take(&mut current));
                used = 0.0;
            }
            used += if current.is_empty() { w.chars().count() as f32 * size * 0.5 } else { need };
            current.push(*w);
        }
        out.push(current);
    }
    out
}

/// One page's worth of pieces: runs and rules, drawn from the top.
#[derive(Default)]
struct Sheet {
    runs: Vec<TextRun>,
    rules: Vec<Rule>,
}

fn hrule(edges: &[f32], y: f32) -> Rule {
    Rule { x0: edges[0], y0: y, x1: edges[edges.len() - 1], y1: y }
}

/// The table's vertical rules from `top` to `bottom`; the inner ones stop at the rows that
/// span the table (`spans`, top to bottom), as a merged cell has no border inside.
fn vrules(edges: &[f32], top: f32, bottom: f32, spans: &[(f32, f32)], rules: &mut Vec<Rule>) {
    for (k, &x) in edges.iter().enumerate() {
        let outer = k == 0 || k == edges.len() - 1;
        let mut from = top;
        for &(a, b) in spans.iter().filter(|_| !outer) {
            rules.push(Rule { x0: x, y0: from, x1: x, y1: a });
            from = b;
        }
        rules.push(Rule { x0: x, y0: from, x1: x, y1: bottom });
    }
}

/// Where a cell's text sits in its row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum VAlign {
    Top,
    Middle,
    Bottom,
}

/// How the table is printed.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// The header row printed again at the top of each page.
    repeat_header: bool,
    /// A row spanning the table with the section's title where the section changes.
    section_rows: bool,
    /// Answers as check boxes ("☒ Yes ☐ No") instead of words.
    check_boxes: bool,
    /// Evidence lines as bullet points, a paragraph's space between them.
    bullets: bool,
    /// The header's words on two lines.
    wrapped_header: bool,
    /// A fifth column, commentary.
    commentary: bool,
    /// Landscape pages (wider columns, fewer lines a page).
    landscape: bool,
    valign: VAlign,
    /// Font size (points); lines are 1.3 of it apart.
    size: f32,
}

impl Style {
    fn line(&self) -> f32 {
        self.size * 1.3
    }

    fn edges(&self) -> Vec<f32> {
        let edges: &[f32] = if self.commentary { &EDGES_WITH_COMMENTARY } else { &EDGES };
        edges.iter().map(|x| if self.landscape { x * LANDSCAPE } else { *x }).collect()
    }

    fn page_size(&self) -> (f32, f32) {
        if self.landscape {
            (842.0, 595.0)
        } else {
            (595.0, 842.0)
        }
    }
}

fn styles() -> impl Strategy<Value = Style> {
    styles_aligned(&[VAlign::Top])
}

fn styles_aligned(aligns: &'static [VAlign]) -> impl Strategy<Value = Style> {
    (any::<[bool; 7]>(), prop::sample::select(&[8.5f32, 9.0, 10.0, 11.0][..]), prop::sample::select(aligns)).prop_map(
        |([repeat_header, section_rows, check_boxes, bullets, wrapped_header, commentary, landscape], size, valign)| Style {
            repeat_header,
            section_rows,
            check_boxes,
            bullets,
            wrapped_header,
            commentary,
            landscape,
            valign,
            size,
        },
    )
}

/// Section titles of the 2024 Code, by section number.
const SECTION_TITLES: &[&str] = &["", "Definition of a complaint", "Exclusions", "Accessibility and awareness", "Complaint handling staff", "The complaint handling process"];

/// "☒ Yes ☐ No" (a partial answer has no box of its own on such forms: it stays a word).
fn check_box_answer(answer: &str) -> String {
    if !["Yes", "No"].contains(&answer) {
        return answer.to_string();
    }
    ["Yes", "No"].iter().map(|w| format!("{} {w}", if *w == answer { '☒' } else { '☐' })).collect::<Vec<_>>().join(" ")
}

/// The table drawn on as many pages as it needs, a page ending after `page_lines` lines; a
/// row that does not fit is cut between its lines (as Word and Chrome cut rows) and closed by
/// a rule at the foot of the page and another at the top of the next.
fn draw(first: usize, rows: &[Row], page_lines: usize, style: Style) -> ParsedDocument {
    let (size, line_height) = (style.size, style.line());
    let edges = style.edges();
    let columns = edges.len() - 1;
    // A landscape page holds fewer lines.
    let page_lines = if style.landscape { page_lines.min(26) } else { page_lines };
    let mut pages: Vec<Sheet> = vec![Sheet::default()];
    let mut y = PAGE_TOP;
    let mut used = 0;
    let mut table_top = y;
    // Rows spanning the table on the current page.
    let mut spans: Vec<(f32, f32)> = Vec::new();
    let header = |sheet: &mut Sheet, y: &mut f32| {
        sheet.rules.push(hrule(&edges, *y));
        for (k, h) in HEADER.iter().take(columns).enumerate() {
            push_words(&mut sheet.runs, &[h], edges[k] + 3.0, *y + line_height - 2.0, size);
        }
        if style.wrapped_header {
            // "Code / provision", "Comply: / Yes/No", … the header's words on two lines.
            *y += line_height;
            for (k, h) in HEADER_SECOND_LINE.iter().take(columns).enumerate() {
                push_words(&mut sheet.runs, &[h], edges[k] + 3.0, *y + line_height - 2.0, size);
            }
        }
        *y += line_height + 4.0;
        sheet.rules.push(hrule(&edges, *y));
    };
    header(&mut pages[0], &mut y);
    let section_of = |i: usize| NUMBERS[first + i].split('.').next().and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
    for (i, row) in rows.iter().enumerate() {
        if style.section_rows && (i == 0 || section_of(i) != section_of(i - 1)) && used + 2 < page_lines {
            let sheet = pages.last_mut().expect("a page");
            let title = format!("Section {}: {}", section_of(i), SECTION_TITLES.get(section_of(i)).copied().unwrap_or(""));
            push_words(&mut sheet.runs, &[title.as_str()], edges[0] + 3.0, y + line_height - 2.0, size);
            spans.push((y, y + line_height + 4.0));
            y += line_height + 4.0;
            used += 1;
            sheet.rules.push(hrule(&edges, y));
        }
        let inside = |k: usize| edges[k + 1] - edges[k] - 6.0;
        let requirement = flow(&row.requirement, inside(1), size);
        let evidence = flow(&row.evidence, inside(3) - if style.bullets { 2.0 * size } else { 0.0 }, size);
        let commentary = if style.commentary { flow(&row.commentary, inside(4), size) } else { Vec::new() };
        let height = requirement.len().max(evidence.len()).max(commentary.len()).max(1);
        for line in 0..height {
            if used >= page_lines {
                // Cut: close this page's part of the table, open the next page's.
                let sheet = pages.last_mut().expect("a page");
                sheet.rules.push(hrule(&edges, y));
                vrules(&edges, table_top, y, &spans, &mut sheet.rules);
                spans.clear();
                pages.push(Sheet::default());
                y = PAGE_TOP;
                table_top = y;
                used = 0;
                let sheet = pages.last_mut().expect("a page");
                if style.repeat_header {
                    header(sheet, &mut y);
                } else {
                    sheet.rules.push(hrule(&edges, y));
                }
            }
            let sheet = pages.last_mut().expect("a page");
            let baseline = y + line_height - 2.0;
            // Which of a cell's `n` lines stands on this line of the row, and how far below
            // it (a centred cell with an odd number of lines to spare sits half a line down,
            // unless the page breaks under this line: no writer sets a line across the break).
            let breaks_below = used + 1 >= page_lines;
            let here = |n: usize| -> Option<(usize, f32)> {
                let start = match style.valign {
                    VAlign::Top => 0,
                    VAlign::Middle => height - n,
                    VAlign::Bottom => 2 * (height - n),
                };
                let half = |k: usize| if breaks_below { 0.0 } else { (k % 2) as f32 * 0.5 * line_height };
                (0..n).find(|j| (start + 2 * j) / 2 == line).map(|j| (j, half(start + 2 * j)))
            };
            if let Some((_, down)) = here(1) {
                push_words(&mut sheet.runs, &[NUMBERS[first + i]], edges[0] + 3.0, baseline + down, size);
                let answer = if style.check_boxes { check_box_answer(row.answer) } else { row.answer.to_string() };
                sheet.runs.push(TextRun { x: edges[2] + 3.0, y: baseline + down, width: answer.chars().count() as f32 * size * 0.5, font_size: size, text: answer });
            }
            if let Some((j, down)) = here(requirement.len()) {
                push_words(&mut sheet.runs, &requirement[j], edges[1] + 3.0, baseline + down, size);
            }
            if let Some((j, down)) = here(evidence.len()) {
                if style.bullets {
                    push_words(&mut sheet.runs, &["•"], edges[3] + 3.0, baseline + down, size);
                    push_words(&mut sheet.runs, &evidence[j], edges[3] + 3.0 + 2.0 * size, baseline + down, size);
                } else {
                    push_words(&mut sheet.runs, &evidence[j], edges[3] + 3.0, baseline + down, size);
                }
            }
            if let Some((j, down)) = here(commentary.len()) {
                push_words(&mut sheet.runs, &commentary[j], edges[4] + 3.0, baseline + down, size);
            }
            // Bulleted paragraphs of a top-aligned cell have space between them.
            y += if style.bullets && style.valign == VAlign::Top && line + 1 < evidence.len() { line_height * 1.4 } else { line_height };
            used += 1;
        }
        y += 4.0;
        pages.last_mut().expect("a page").rules.push(hrule(&edges, y));
    }
    let sheet = pages.last_mut().expect("a page");
    vrules(&edges, table_top, y, &spans, &mut sheet.rules);
    debug_assert!(y < PAGE_BOTTOM);
    document(pages.into_iter().map(|s| (s.runs, s.rules)).collect(), style.page_size())
}

fn document(pages: Vec<(Vec<TextRun>, Vec<Rule>)>, (width, height): (f32, f32)) -> ParsedDocument {
    ParsedDocument {
        source: SourceInfo { path: "props.pdf".into(), sha256: String::new(), format: SourceFormat::Pdf, bytes: 0 },
        pages: pages
            .into_iter()
            .enumerate()
            .map(|(i, (runs, rules))| Page { number: i as u32 + 1, width, height, content: PageContent::Positioned { runs, rules } })
            .collect(),
        tagged_tables: Vec::new(),
        furniture: Vec::new(),
        warnings: Vec::new(),
    }
}

fn words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric() && c != '.').filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// How often each word stands on the pages.
fn page_words(doc: &ParsedDocument) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for p in &doc.pages {
        if let PageContent::Positioned { runs, .. } = &p.content {
            for r in runs {
                for w in words_of(&r.text) {
                    *counts.entry(w).or_insert(0) += 1;
                }
            }
        }
    }
    counts
}

fn reconstruct(doc: &ParsedDocument) -> Option<TableDocument> {
    chc_table::reconstruct(doc, Registry::embedded()).ok()
}

fn joined(lines: &[Vec<&str>]) -> String {
    lines.iter().map(|l| l.join(" ")).collect::<Vec<_>>().join(" ")
}

/// Words in order, bullets left out (cells keep them in their own way).
fn squash(s: &str) -> String {
    s.split_whitespace().filter(|w| !matches!(*w, "•" | "-" | "*")).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Draw the rows, rule the table as `ruling` says (0: every border; 1: horizontal rules
/// only; 2: nothing), read it back and compare row for row.
fn comes_back_row_for_row(first: usize, rows: &[Row], page_lines: usize, ruling: u8, style: Style) -> Result<(), TestCaseError> {
    let mut doc = draw(first, rows, page_lines, style);
    for p in &mut doc.pages {
        if let PageContent::Positioned { rules, .. } = &mut p.content {
            rules.retain(|r| ruling == 0 || (ruling == 1 && r.is_horizontal()));
        }
    }
    let table = reconstruct(&doc).expect("a form");
    let numbered: Vec<_> = table.records.iter().filter(|r| r.number.is_some()).collect();
    prop_assert_eq!(numbered.len(), rows.len(), "records: {:?}", table.records.iter().map(|r| (&r.number, &r.comply_raw)).collect::<Vec<_>>());
    for (i, (record, row)) in numbered.iter().zip(rows).enumerate() {
        prop_assert_eq!(record.number.as_deref(), Some(NUMBERS[first + i]));
        prop_assert_eq!(chc_code::answers::parse_comply(&record.comply_raw), chc_code::answers::parse_comply(row.answer), "comply {:?}", record.comply_raw);
        prop_assert_eq!(squash(&record.evidence), squash(&joined(&row.evidence)));
        let commentary = if style.commentary { joined(&row.commentary) } else { String::new() };
        prop_assert_eq!(squash(&record.commentary), squash(&commentary));
        prop_assert_eq!(squash(&record.requirement), squash(&joined(&row.requirement)));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn table_cut_by_page_breaks_comes_back_row_for_row((first, rows) in rows(), page_lines in 6usize..40, ruling in 0..3u8, style in styles()) {
        comes_back_row_for_row(first, &rows, page_lines, ruling, style)?;
    }

    /// Cells centred or at the bottom of their rows: a tall cell's first lines stand above
    /// the row's number, and most rows may be one line high (so the line pitch is not the
    /// row pitch); a row the page break cuts shows its number on one side of the break only.
    #[test]
    fn centred_and_bottom_aligned_cells_come_back_row_for_row((first, rows) in rows(), page_lines in 20usize..46, ruling in 0..3u8, style in styles_aligned(&[VAlign::Middle, VAlign::Bottom])) {
        comes_back_row_for_row(first, &rows, page_lines, ruling, style)?;
    }

    /// A known gap, run with `--ignored`: the same on pages of a few lines (6 to 19), where
    /// most rows are cut and a page may hold a row's middle part only, with neither its
    /// number nor a pause to tell which row it belongs to.
    #[test]
    #[ignore = "known gap: centred and bottom-aligned cells on pages of a few lines (see the comment)"]
    fn centred_and_bottom_aligned_cells_on_short_pages_come_back_row_for_row((first, rows) in rows(), page_lines in 6usize..20, ruling in 0..3u8, style in styles_aligned(&[VAlign::Middle, VAlign::Bottom])) {
        comes_back_row_for_row(first, &rows, page_lines, ruling, style)?;
    }

    #[test]
    fn no_word_is_invented((first, rows) in rows(), page_lines in 4usize..40, drop in prop::collection::vec(any::<bool>(), 0..80)) {
        // Rules dropped at random: a table ruled in part, or not at all.
        let mut doc = draw(first, &rows, page_lines, Style { repeat_header: false, section_rows: false, check_boxes: false, bullets: false, wrapped_header: false, commentary: false, landscape: false, valign: VAlign::Top, size: 9.0 });
        let mut k = 0;
        for p in &mut doc.pages {
            if let PageContent::Positioned { rules, .. } = &mut p.content {
                rules.retain(|_| { k += 1; !drop.get(k).copied().unwrap_or(false) });
            }
        }
        let available = page_words(&doc);
        if let Some(table) = reconstruct(&doc) {
            let mut used: HashMap<String, usize> = HashMap::new();
            for r in &table.records {
                for cell in [&r.requirement, &r.comply_raw, &r.evidence, &r.commentary] {
                    for w in words_of(cell) {
                        *used.entry(w).or_insert(0) += 1;
                    }
                }
            }
            for (w, n) in used {
                let have = available.get(&w).copied().unwrap_or(0);
                prop_assert!(n <= have, "{w:?} used {n} times, on the pages {have} times");
            }
        }
    }

    #[test]
    fn no_arrangement_of_runs_and_rules_panics(
        pages in prop::collection::vec(
            (
                prop::collection::vec((-50.0f32..700.0, -50.0f32..900.0, 0.0f32..200.0, 0.0f32..30.0, prop::sample::select(&[
                    "1.2", "3.1", "Yes", "No", "Comply", "Evidence", "Provision", "Section 1", "☒ Yes ☐ No", "landlord", "policy", "", " ", "5.10",
                ][..])), 0..60),
                prop::collection::vec((-50.0f32..700.0, -50.0f32..900.0, -50.0f32..700.0, -50.0f32..900.0), 0..40),
            ),
            1..4,
        )
    ) {
        let doc = document(
            pages
                .into_iter()
                .map(|(runs, rules)| {
                    let runs = runs.into_iter().map(|(x, y, width, font_size, text)| TextRun { x, y, width, font_size, text: text.to_string() }).collect();
                    // Lines snapped to horizontal or vertical half the time, as real borders are.
                    let rules = rules
                        .into_iter()
                        .enumerate()
                        .map(|(i, (x0, y0, x1, y1))| match i % 4 {
                            0 => Rule { x0: x0.min(x1), y0, x1: x0.max(x1), y1: y0 },
                            1 => Rule { x0, y0: y0.min(y1), x1: x0, y1: y0.max(y1) },
                            _ => Rule { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) },
                        })
                        .collect();
                    (runs, rules)
                })
                .collect(),
            (595.0, 842.0),
        );
        let _ = reconstruct(&doc);
    }
}


/// Each page starts with a new row at its top margin, no header repeated, nothing ruled:
/// the numbers and answers standing at the same place on every page are content, not a
/// running header (they were once dropped as one).
#[test]
fn rows_starting_at_the_top_of_every_page_are_not_running_headers() {
    let rows: Vec<Row> = (0..8)
        .map(|i| Row { answer: ANSWERS[i % 2], requirement: vec![vec!["landlord", tags()[2 * i].as_str()]], evidence: vec![vec!["policy", tags()[2 * i + 1].as_str()], vec!["report"]], commentary: Vec::new() })
        .collect();
    let mut doc = draw(3, &rows, 2, Style { repeat_header: false, section_rows: false, check_boxes: false, bullets: false, wrapped_header: false, commentary: false, landscape: false, valign: VAlign::Top, size: 9.0 });
    for p in &mut doc.pages {
        if let PageContent::Positioned { rules, .. } = &mut p.content {
            rules.clear();
        }
    }
    assert!(doc.pages.len() >= 8);
    let table = reconstruct(&doc).expect("a form");
    let got: Vec<(Option<&str>, &str)> = table.records.iter().map(|r| (r.number.as_deref(), r.comply_raw.as_str())).collect();
    let want: Vec<(Option<&str>, &str)> = rows.iter().enumerate().map(|(i, r)| (Some(NUMBERS[3 + i]), r.answer)).collect();
    assert_eq!(got, want);
}
