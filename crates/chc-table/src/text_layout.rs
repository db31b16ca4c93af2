//! Text input comes in four shapes (QUIRKS 6-7, 25-27). Tabbed, delimited and
//! space-aligned text become [`GridLine`]s for the shared assembler; text that is not a
//! grid (one cell per line, labels, cells run together) has no cells to align and goes to
//! the record reader (`records.rs`).

use crate::header::{classify_header, column_role};
use crate::lines::{is_short_answer, leading_number, parse_heading, provision_number_cell, Heading};
use crate::GridLine;
use chc_code::answers::parse_comply;
use chc_model::{ColumnRole, LayoutKind, TextLine};
use std::collections::HashMap;

/// A line's first cell, after a leading separator if any ("| 9.5 | In addition…").
fn first_cell(line: &str, separator: char) -> &str {
    line.trim_start().trim_start_matches(separator).split(separator).next().unwrap_or("")
}

/// Decide the shape of a text document from how its lines look.
pub fn detect_layout(lines: &[TextLine]) -> LayoutKind {
    let count = |f: &dyn Fn(&str) -> bool| lines.iter().filter(|l| f(&l.text)).count();
    // Two tabs or pipes found are enough: the rest of the line need not be searched.
    let twice = |t: &str, b: u8| memchr::memchr_iter(b, t.as_bytes()).nth(1).is_some();
    let tabbed = count(&|t| twice(t, b'\t'));
    let piped = count(&|t| t.contains('|') && (twice(t, b'|') || t.contains(" | ")));
    // Two lines of cells are a table when a provision row is among them: a short excerpt of
    // a longer form (two rows, no header) is still a table.
    let rows_with = |b: u8| count(&|t| twice(t, b) && provision_number_cell(first_cell(t, b as char)).is_some());
    let enough = |n: usize, b: u8| n >= 3 || (n >= 2 && rows_with(b) >= 1);
    if enough(tabbed, b'\t') && tabbed >= piped {
        return LayoutKind::Tabbed;
    }
    if enough(piped, b'|') {
        return LayoutKind::Delimited;
    }
    if space_aligned_header(lines).is_some() {
        return LayoutKind::SpaceAligned;
    }
    // Not a grid: one record per provision, read by the record reader, which finds none in
    // a text that is not a form. Run-together or not is only named for diagnostics.
    let glued = count(&|t| leading_number(t).is_some_and(|(_, end)| t[end..].starts_with(|c: char| c.is_alphabetic() || "'\"‘“".contains(c))));
    if glued >= 1 && glued * 2 >= count(&|t| leading_number(t).is_some()) {
        LayoutKind::RunTogether
    } else {
        LayoutKind::Vertical
    }
}

pub fn tabbed_grid(lines: &[TextLine]) -> Vec<GridLine> {
    let mut grid: Vec<GridLine> = lines
        .iter()
        .map(|l| GridLine { location: l.number, cells: l.text.split('\t').map(str::to_string).collect(), page_break_before: false })
        .collect();
    space_separated_rows(&mut grid);
    drop_indentation_columns(&mut grid);
    join_two_line_headers(&mut grid);
    grid
}

/// A numbered row of a tab-separated form whose cells are parted by runs of spaces or
/// non-breaking spaces instead (an editor that turned its tabs into spaces, a row pasted
/// from elsewhere): split at those runs, as [`chunks`] cuts space-aligned lines, where that
/// gives as many cells as the form's rows have (a double space inside a sentence gives more,
/// and the line is left whole).
fn space_separated_rows(grid: &mut [GridLine]) {
    let mut widths: HashMap<usize, usize> = HashMap::new();
    for g in grid.iter().filter(|g| g.cells.len() >= 3) {
        *widths.entry(g.cells.len()).or_default() += 1;
    }
    let Some(width) = widths.into_iter().max_by_key(|&(w, n)| (n, w)).map(|(w, _)| w) else { return };
    for g in grid.iter_mut().filter(|g| g.cells.len() == 1 && provision_number_cell(&g.cells[0]).is_some()) {
        let spaced = g.cells[0].replace('\u{a0}', " ");
        let pieces = chunks(&spaced);
        // (A row indented by a run of spaces has an empty first cell, and is left whole.)
        if pieces.len() == width && pieces[0].0 <= 1 {
            g.cells = pieces.into_iter().map(|(_, c)| c.to_string()).collect();
        }
    }
}

/// Every line indented by the same tabs (a copy that kept the page's indentation: "\t3.1\tLandlords
/// must…", "\tSection 3"): the empty leading cells are no column of the table.
fn drop_indentation_columns(grid: &mut [GridLine]) {
    let lines = || grid.iter().filter(|g| g.cells.iter().any(|c| !c.trim().is_empty()));
    let indent = lines().map(|g| g.cells.iter().take_while(|c| c.trim().is_empty()).count()).min().unwrap_or(0);
    if indent == 0 {
        return;
    }
    for g in grid.iter_mut().filter(|g| g.cells.len() > indent) {
        g.cells.drain(..indent);
    }
}

/// A header whose cells wrap onto a second tabbed line ("Code\tCode requirement\tComply\t
/// Evidence /" over "provision\t\t(Yes/No/Partial)\tCommentary"): the two lines joined
/// cell by cell, where that names more distinct columns than the first line alone. The
/// second line is left empty.
fn join_two_line_headers(grid: &mut [GridLine]) {
    let distinct = |roles: &[ColumnRole]| {
        let mut known: Vec<ColumnRole> = roles.iter().copied().filter(|r| *r != ColumnRole::Other).collect();
        known.sort_by_key(|r| *r as u8);
        known.dedup();
        known.len()
    };
    for i in 0..grid.len().saturating_sub(1) {
        let (top, below) = (&grid[i].cells, &grid[i + 1].cells);
        let short = |c: &String| c.trim().chars().count() <= 30;
        if top.len() < 3 || below.len() < 2 || !below.iter().all(short) || below.iter().filter(|c| !c.trim().is_empty()).count() < 2 {
            continue;
        }
        if below.iter().find(|c| !c.trim().is_empty()).is_some_and(|c| provision_number_cell(c).is_some()) {
            continue;
        }
        let joined: Vec<String> = (0..top.len().max(below.len()))
            .map(|c| {
                let (a, b) = (top.get(c).map_or("", |t| t.trim()), below.get(c).map_or("", |t| t.trim()));
                format!("{a} {b}").trim().to_string()
            })
            .collect();
        let Some(roles) = classify_header(&joined) else { continue };
        let alone = |cells: &[String]| classify_header(cells).map_or(0, |r| distinct(&r));
        if distinct(&roles) > alone(top).max(alone(below)) {
            grid[i].cells = joined;
            grid[i + 1].cells = vec![String::new()];
        }
    }
}

fn split_pipes(text: &str) -> Vec<String> {
    let t = text.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

/// How many cells a piped line holds, its outer pipes aside: counted by its pipes, so that
/// no line is split only to be counted.
fn pipe_cells(line: &str) -> usize {
    line.trim().trim_start_matches('|').trim_end_matches('|').matches('|').count() + 1
}

/// Whether a line without a leading pipe ends with one that leaves its last cell empty, so
/// that it has every one of a header's three or more columns ("Wording | Yes | Evidence |"
/// under four).
fn ends_with_an_empty_cell(line: &str, header_width: usize) -> bool {
    let t = line.trim();
    !t.starts_with('|') && t.ends_with('|') && header_width >= 3 && pipe_cells(t) + 1 == header_width
}

/// A line whose first cell is a provision number: "1.2 | A complaint…", or the number
/// alone in its cell when every cell has a line of its own ("1.2 |").
fn starts_piped_record(t: &str) -> bool {
    let cells = split_pipes(t);
    let own_cell = cells.len() >= 2 || t.trim_end().ends_with('|');
    // "|  | A complaint must be defined as… | Yes |": a row whose number cell is empty
    // (the number was lost); its wording tells which provision it is.
    let number_lost = t.trim_start().starts_with('|') && cells.len() >= 3 && cells[0].is_empty() && cells[1].split_whitespace().count() >= 6;
    own_cell && (number_lost || provision_number_cell(&cells[0]).is_some_and(|_| cells[0].split_whitespace().count() <= 3))
}

/// Pipe-separated text: a record runs from its numbered line to the next numbered line,
/// heading or header, because cells break across lines (QUIRKS 27).
pub fn delimited_grid(lines: &[TextLine]) -> Vec<GridLine> {
    let mut out = Vec::new();
    let mut record: Option<(u32, String)> = None;
    let mut outside: Vec<(u32, String)> = Vec::new();
    let flush_record = |record: &mut Option<(u32, String)>, out: &mut Vec<GridLine>| {
        if let Some((loc, text)) = record.take() {
            out.push(GridLine { location: loc, cells: split_pipes(&text), page_break_before: false });
        }
    };
    // Whether a header went out: the lines kept outside rows are flushed as text, or as one
    // header line where they are one.
    let flush_outside = |outside: &mut Vec<(u32, String)>, out: &mut Vec<GridLine>| -> bool {
        if outside.is_empty() {
            return false;
        }
        // A header broken over lines has a pipe on each of its lines and names columns: lines
        // before the first such line (a title, an intro, a page title "Self-assessment | X
        // Council") are text of their own, not a first header cell.
        let names_a_column = |t: &str| t.contains('|') && split_pipes(t).iter().any(|c| column_role(c) != ColumnRole::Other);
        let first_piped = outside.iter().position(|(_, t)| names_a_column(t)).unwrap_or(outside.len());
        for (loc, t) in outside.drain(..first_piped) {
            out.push(GridLine { location: loc, cells: vec![t], page_break_before: false });
        }
        if outside.is_empty() {
            return false;
        }
        let joined = outside.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
        let cells = split_pipes(&joined);
        let header = joined.contains('|') && (classify_header(&cells).is_some() || crate::header::classify_header_without_comply(&cells).is_some());
        if header {
            out.push(GridLine { location: outside[0].0, cells, page_break_before: false });
        } else {
            for (loc, t) in outside.drain(..) {
                out.push(GridLine { location: loc, cells: vec![t], page_break_before: false });
            }
        }
        outside.clear();
        header
    };
    let mut blank_before = false;
    // Once a header is out, or waits among the lines kept outside rows, a whole markdown row
    // ("| … | … |") is a row of its own, with or without a number: the 2020 form's questions
    // are numbered by nothing.
    let mut header_out = false;
    let mut header_waits = false;
    // How many cells the last header had: a line closed by a pipe at one end only ("Q? | Yes
    // | Policy 2.1 |", a table printed without its outer pipes) is a whole row when it has
    // as many cells.
    let mut header_width = 0;
    for l in lines {
        let t = l.text.trim();
        // A pipe alone closes the cell a row's lines are writing ("…or practices." then "|",
        // each cell on lines of its own): not a border.
        if t == "|" {
            if let Some((_, text)) = record.as_mut() {
                text.push_str(" |");
                continue;
            }
        }
        if t.is_empty() || crate::lines::is_border(t) {
            blank_before |= t.is_empty();
            continue;
        }
        // A row closed by its last pipe, then a blank line, then a line without pipes or a
        // menu ("Home | About us | News"): text after the table, not more of the row's cells.
        // So is a line without pipes after a blank line under a row whose last cell ended its
        // sentence ("…the same summary." then "X Housing Limited, a charitable …").
        // (Or a menu of the site's footer: "Contact us | Accessibility | Privacy".)
        let row_ended = |r: &str| {
            r.ends_with('|') || split_pipes(r).len() >= 3 && r.trim_end().ends_with(['.', '!', '?', ')']) && (t.starts_with(|c: char| c.is_uppercase()) && !t.contains('|') || crate::lines::is_chrome(t))
        };
        // So is any line that does not open with a pipe, after a blank line under a markdown
        // row opened and closed by pipes: a blank line ends a markdown table ("Contact |
        // Privacy | Members' area" under the last row is the site's footer).
        let markdown_row_ended = |r: &str| r.starts_with('|') && r.trim_end().ends_with('|') && !t.starts_with('|');
        let after_closed_row = blank_before && record.as_ref().is_some_and(|(_, r)| (!t.contains('|') || crate::lines::is_chrome(t)) && row_ended(r) || markdown_row_ended(r));
        blank_before = false;
        if after_closed_row {
            flush_record(&mut record, &mut out);
        }
        let headerish = t.contains('|') && split_pipes(t).iter().filter(|c| column_role(c) != ColumnRole::Other).count() >= 2;
        let cells = || pipe_cells(t);
        // …and when the row before it has all its cells: else it is that row's rest.
        let open_row_whole = || record.as_ref().is_none_or(|(_, r)| pipe_cells(r) >= header_width || ends_with_an_empty_cell(r, header_width));
        // (Without its outer pipes too, where it has every column of three or more: "Wording
        // | Yes | Evidence | Comment" under a header with no number column; a pipe that ends
        // such a line leaves its last cell empty: "Wording | Yes | Evidence |".)
        // (Such a row opens with its wording, not a section's title or a footer's menu.)
        let closed = || {
            let (opens, ends) = (t.starts_with('|'), t.ends_with('|'));
            let worded = || split_pipes(t).first().is_some_and(|c| c.split_whitespace().count() >= 5);
            let unpiped_row = !opens && (!ends && header_width >= 3 && cells() == header_width || ends_with_an_empty_cell(t, header_width)) && worded();
            opens && ends && cells() >= 3 || ((opens || ends) && header_width >= 2 && cells() == header_width || unpiped_row) && open_row_whole()
        };
        let whole_row = (header_out || header_waits) && !headerish && closed();
        if starts_piped_record(t) || whole_row {
            flush_record(&mut record, &mut out);
            if flush_outside(&mut outside, &mut out) {
                header_out = true;
                header_width = out.last().map_or(0, |h| h.cells.len());
            }
            header_waits = false;
            record = Some((l.number, t.to_string()));
        } else if headerish || parse_heading(t) != Heading::None || record.is_none() {
            flush_record(&mut record, &mut out);
            if parse_heading(t) != Heading::None && !headerish {
                header_out |= flush_outside(&mut outside, &mut out);
                header_waits = false;
                out.push(GridLine { location: l.number, cells: vec![t.to_string()], page_break_before: false });
            } else {
                outside.push((l.number, t.to_string()));
                header_waits |= headerish;
                if headerish {
                    // The header as far as it has come (it may run over several lines).
                    let piped: Vec<&str> = outside.iter().map(|(_, t)| t.as_str()).skip_while(|t| !t.contains('|')).collect();
                    header_width = split_pipes(&piped.join(" ")).len();
                }
            }
        } else if let Some((_, text)) = record.as_mut() {
            text.push(' ');
            text.push_str(t);
        }
    }
    flush_record(&mut record, &mut out);
    flush_outside(&mut outside, &mut out);
    out
}

/// Pieces of a line separated by two or more spaces, with the character column each
/// starts at.
fn chunks(line: &str) -> Pieces<'_> {
    let mut out = Vec::new();
    // (column in characters, (byte offset, character))
    let mut chars = line.char_indices().enumerate().peekable();
    while let Some(&(column, (start, c))) = chars.peek() {
        if c == ' ' {
            chars.next();
            continue;
        }
        // A chunk ends at two spaces, or at a space that ends the line.
        let mut end = line.len();
        while let Some((_, (at, c))) = chars.next() {
            if c == ' ' && chars.peek().is_none_or(|&(_, (_, next))| next == ' ') {
                end = at;
                break;
            }
        }
        out.push((column, line[start..end].trim_end()));
    }
    out
}

type Pieces<'a> = Vec<(usize, &'a str)>;

/// Every line's pieces, cut once: finding headers looks at each line up to three times.
fn chunk_lines(lines: &[TextLine]) -> Vec<Pieces<'_>> {
    lines.iter().map(|l| chunks(&l.text)).collect()
}

fn owned(pieces: &[(usize, &str)]) -> Vec<(usize, String)> {
    pieces.iter().map(|&(s, t)| (s, t.to_string())).collect()
}

/// Column starts of a header line, with a header wrapped onto the next line ("Code" /
/// "provision") joined in; and how many lines the header took.
fn header_columns(one: &[(usize, &str)], next: &[(usize, &str)]) -> Option<(Vec<(usize, String)>, usize)> {
    // A section heading under the header ("Section 6 – Complaints stages") is not the
    // header's second line, even where it starts under its first cell.
    let wraps = !next.is_empty()
        && provision_number_cell(next[0].1).is_none()
        && !(next.len() == 1 && parse_heading(next[0].1) != Heading::None)
        && next.iter().all(|(start, text)| text.chars().count() <= 30 && one.iter().any(|(s, _)| s.abs_diff(*start) <= 4));
    if wraps {
        let mut joined = owned(one);
        for (start, text) in next {
            if let Some((_, cell)) = joined.iter_mut().min_by_key(|(s, _)| s.abs_diff(*start)) {
                cell.push(' ');
                cell.push_str(text);
            }
        }
        if is_header(&joined) {
            return Some((joined, 2));
        }
    }
    is_header(one).then(|| (owned(one), 1))
}

/// The first line that heads space-aligned columns. Each line is cut into pieces once, and
/// only up to the header.
fn space_aligned_header(lines: &[TextLine]) -> Option<usize> {
    let mut next = lines.first().map(|l| chunks(&l.text)).unwrap_or_default();
    for i in 0..lines.len() {
        let one = std::mem::replace(&mut next, lines.get(i + 1).map(|l| chunks(&l.text)).unwrap_or_default());
        if !lines[i].text.contains('\t') && header_columns(&one, &next).is_some() {
            return Some(i);
        }
    }
    None
}

/// Where columns start under a header: the header's own pieces, plus the starts that the
/// table's numbered rows keep returning to. A header printed with single spaces between
/// two of its cells ("Comply: Yes/No Evidence") is split where the data says a column starts.
fn refine_columns(lines: &[TextLine], chunked: &[Pieces], header_at: usize, used: usize, header: Vec<(usize, String)>) -> Vec<(usize, String)> {
    let region = chunked[header_at + used..].iter().take_while(|pieces| !is_header(pieces));
    let rows: Vec<&Pieces> = region.filter(|c| c.first().is_some_and(|(_, t)| provision_number_cell(t).is_some())).collect();
    let mut starts: Vec<usize> = rows.iter().flat_map(|r| r.iter().map(|(s, _)| *s)).collect();
    starts.sort_unstable();
    let needed = (rows.len() * 3 / 10).max(2);
    let mut frequent: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < starts.len() {
        let group: Vec<usize> = starts[k..].iter().copied().take_while(|&x| x <= starts[k] + 2).collect();
        if group.len() >= needed {
            frequent.push(group[0]);
        }
        k += group.len();
    }
    let header_text: Vec<char> = lines[header_at].text.chars().collect();
    // How far each piece reaches on the header line itself (not counting a wrapped second line).
    let reach = |start: usize| chunked[header_at].iter().find(|(s, _)| *s == start).map_or(0, |(s, t)| s + t.chars().count());
    let mut out = header.clone();
    for &f in &frequent {
        // A frequent start inside a header piece (not near its beginning) splits it, at the
        // word boundary nearest to where the data column starts.
        let Some(idx) = out.iter().position(|(s, _)| f > *s + 2 && f < reach(*s)) else { continue };
        let (s, _) = out[idx].clone();
        let word_starts = (s + 1..reach(s).min(header_text.len())).filter(|&c| header_text[c - 1] == ' ' && header_text[c] != ' ');
        let Some(cut) = word_starts.min_by_key(|&c| c.abs_diff(f)) else { continue };
        let end = out.get(idx + 1).map_or(header_text.len(), |n| n.0).min(header_text.len());
        let left: String = header_text[s..cut].iter().collect();
        let right: String = header_text[cut..end].iter().collect();
        // Only a split into two different columns ("Comply: Yes/No" | "Evidence"), never
        // inside one column's words ("Code" | "requirement").
        let (lr, rr) = (column_role(left.trim()), column_role(right.trim()));
        if lr == rr || lr == ColumnRole::Other || rr == ColumnRole::Other {
            continue;
        }
        let wrapped_tail = out[idx].1.strip_prefix(left.trim_end()).map(|t| t.trim_start().to_string());
        out[idx] = (s, left.trim().to_string());
        let right_text = match wrapped_tail {
            Some(t) if !t.is_empty() => t,
            _ => right.trim().to_string(),
        };
        out.insert(idx + 1, (cut, right_text));
    }
    // Cells need not start where their header does (centred, padded or wrapped headers): a
    // column starts where its data does, at the data start nearest its header between the
    // neighbouring columns.
    let header_starts: Vec<usize> = out.iter().map(|c| c.0).collect();
    for i in 0..out.len() {
        let floor = if i == 0 { 0 } else { out[i - 1].0 + 1 };
        let ceiling = header_starts.get(i + 1).copied().unwrap_or(usize::MAX);
        let nearest = frequent.iter().copied().filter(|&f| f >= floor && f < ceiling).min_by_key(|&f| f.abs_diff(header_starts[i]));
        if let Some(f) = nearest.filter(|&f| f.abs_diff(header_starts[i]) <= 12) {
            out[i].0 = f;
        }
    }
    out
}

/// An answer left at the end of the column before an empty comply column ("… to use Yes"):
/// ragged layouts put it a space or two after the requirement, short of the column start.
fn move_stray_answer(cells: &mut [String], cols: &[(usize, String)]) {
    let Some(comply) = cols.iter().position(|(_, h)| column_role(h) == ColumnRole::Comply) else { return };
    if comply == 0 || !cells[comply].is_empty() {
        return;
    }
    let before = &cells[comply - 1];
    let Some((head, last)) = before.rsplit_once(' ') else { return };
    if parse_comply(last).is_some() && last.chars().count() <= 3 + usize::from(last.starts_with('P')) * 6 {
        let (head, last) = (head.to_string(), last.to_string());
        cells[comply - 1] = head;
        cells[comply] = last;
    }
}

/// A piece that runs across a column start with only one space there ("…within Yes")
/// is two cells.
fn split_at_columns<'t>((start, text): (usize, &'t str), cols: &[(usize, String)]) -> Vec<(usize, &'t str)> {
    // Only a single space inside the piece can be a cut.
    if !text.contains(' ') {
        return vec![(start, text.trim())];
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |r: usize| chars.get(r).map_or(text.len(), |&(at, _)| at);
    let mut out = Vec::new();
    let mut from = 0;
    for &(c, _) in cols {
        let Some(rel) = c.checked_sub(start) else { continue };
        // The word boundary nearest the column start, within three characters of it.
        let cut = (rel.saturating_sub(3)..=rel + 3)
            .filter(|&r| r > from && r < chars.len() && chars[r - 1].1 == ' ' && chars[r].1 != ' ')
            .min_by_key(|&r| r.abs_diff(rel));
        if let Some(r) = cut {
            out.push((start + from, text[byte(from)..byte(r)].trim()));
            from = r;
        }
    }
    out.push((start + from, text[byte(from)..].trim()));
    out
}

/// Do these space-separated pieces name a form's columns?
fn is_header<S: AsRef<str>>(cols: &[(usize, S)]) -> bool {
    cols.len() >= 3 && classify_header(&cols.iter().map(|(_, c)| c.as_ref()).collect::<Vec<_>>()).is_some()
}

/// Columns aligned with spaces: each piece of a line goes to the column it starts in, so
/// wrapped cell lines (empty first column) continue their row.
/// Whether the numbered rows under a one-line header split, as it does, into one run of
/// text per column (at least two rows, two in three of them): cells joined by runs of
/// spaces, whatever their positions, rather than aligned under the header.
fn joined_by_runs_of_spaces(header: &[(usize, &str)], below: &[Pieces]) -> bool {
    const ROWS_LOOKED_AT: usize = 40;
    let rows: Vec<&Pieces> = below.iter().filter(|p| p.first().is_some_and(|f| provision_number_cell(f.1).is_some())).take(ROWS_LOOKED_AT).collect();
    let alike = rows.iter().filter(|p| p.len() == header.len()).count();
    if header.len() < 3 || alike == 0 {
        return false;
    }
    if alike >= 2 && alike * 3 >= rows.len() * 2 {
        return true;
    }
    // A row with an empty cell has a run fewer, its answer still a run of its own.
    let short_answered = rows.iter().filter(|p| p.len() >= 3 && p.len() < header.len() && p[2..].iter().any(|(_, t)| is_short_answer(t))).count();
    alike + short_answered >= 2 && (alike + short_answered) * 3 >= rows.len() * 2
}

pub fn space_aligned_grid(lines: &[TextLine]) -> Vec<GridLine> {
    let chunked = chunk_lines(lines);
    let mut out = Vec::new();
    let mut columns: Option<Vec<(usize, String)>> = None;
    // Under a header whose rows join their cells by runs of spaces: its comply column.
    let mut joined_comply: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if let Some((cols, used)) = header_columns(&chunked[i], chunked.get(i + 1).map_or(&[], |n| n)) {
            // Cells joined by runs of spaces, not aligned: the header's runs are its columns.
            joined_comply = None;
            let cols = if used == 1 && joined_by_runs_of_spaces(&chunked[i], &chunked[i + 1..]) {
                let cols = owned(&chunked[i]);
                joined_comply = classify_header(&cols.iter().map(|c| c.1.as_str()).collect::<Vec<_>>()).and_then(|roles| roles.iter().position(|r| *r == ColumnRole::Comply));
                cols
            } else {
                refine_columns(lines, &chunked, i, used, cols)
            };
            out.push(GridLine { location: lines[i].number, cells: cols.iter().map(|c| c.1.clone()).collect(), page_break_before: false });
            columns = Some(cols);
            i += used;
            continue;
        }
        let pieces = &chunked[i];
        let cells = match &columns {
            // A numbered row with as many runs of text as the header has columns, whatever
            // their positions: cells joined by runs of spaces rather than aligned under the
            // header ("4.1     Any decision …     Yes     Agreed with the tenant.").
            Some(cols) if pieces.len() == cols.len() && cols.len() >= 3 && provision_number_cell(pieces[0].1).is_some() => pieces.iter().map(|p| p.1.to_string()).collect(),
            // A row of such a form with an empty cell ("6.2  …  YES  evidence", no
            // commentary): its runs in order, the answer in the comply column.
            Some(cols) if joined_comply.is_some() && pieces.len() >= 3 && pieces.len() < cols.len() && provision_number_cell(pieces[0].1).is_some() => {
                joined_row(pieces, cols.len(), joined_comply.unwrap_or_default())
            }
            Some(cols) if !pieces.is_empty() && !a_line_of_its_own(pieces, cols) => {
                let mut cells = vec![String::new(); cols.len()];
                for (start, text) in pieces.iter().flat_map(|&p| split_at_columns(p, cols)) {
                    // The last column starting at or just after the piece (text is left-aligned).
                    let col = (0..cols.len()).rev().find(|&c| cols[c].0 <= start + 2).unwrap_or(0);
                    if !cells[col].is_empty() {
                        cells[col].push(' ');
                    }
                    cells[col].push_str(text);
                }
                move_stray_answer(&mut cells, cols);
                cells
            }
            // Before the first header, and text flush with the margin: headings, paragraphs.
            _ => vec![lines[i].text.trim().to_string()],
        };
        out.push(GridLine { location: lines[i].number, cells, page_break_before: false });
        i += 1;
    }
    out
}

/// Whether a line under a header is text of its own, not cells: one run of text, no
/// provision number, flush with the margin, or left of the first column, or a heading
/// before the second column ("Section 2: Accessibility", "Mandatory 'must' requirements" set
/// a space in from the margin, as `pdftotext -layout` prints them).
fn a_line_of_its_own(pieces: &[(usize, &str)], cols: &[(usize, String)]) -> bool {
    let [(start, text)] = pieces else { return false };
    let column = |c: usize| cols.get(c).map_or(0, |col| col.0);
    provision_number_cell(text).is_none() && (*start == 0 || *start < column(0) || *start < column(1) && parse_heading(text) != Heading::None)
}

/// The cells of a row whose runs of text are fewer than its header's columns: in order, the
/// first short answer after the requirement in the comply column and what follows it after.
fn joined_row(pieces: &[(usize, &str)], width: usize, comply: usize) -> Vec<String> {
    let mut cells = vec![String::new(); width];
    let answer_at = (2..pieces.len()).find(|&k| is_short_answer(pieces[k].1));
    for (k, (_, text)) in pieces.iter().enumerate() {
        let col = match answer_at {
            Some(a) if k >= a => comply + (k - a),
            _ => k,
        };
        let col = col.min(width - 1);
        if !cells[col].is_empty() {
            cells[col].push(' ');
        }
        cells[col].push_str(text);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_split_at_two_spaces_and_count_columns_in_characters() {
        assert_eq!(
            chunks("  1.2  A ‘complaint’ is  Yes   See policy "),
            vec![(2, "1.2"), (7, "A ‘complaint’ is"), (25, "Yes"), (31, "See policy")]
        );
        assert_eq!(chunks("a b"), vec![(0, "a b")]);
        assert!(chunks("   ").is_empty());
    }

    fn lines(text: &str) -> Vec<TextLine> {
        text.lines().enumerate().map(|(i, t)| TextLine { number: i as u32 + 1, text: t.to_string() }).collect()
    }

    #[test]
    fn a_tabbed_forms_row_parted_by_runs_of_spaces_is_split_into_its_cells() {
        let text = "Code section\tCode requirement\tComply\tEvidence\n1.2\tA complaint must be defined as\tYes\tPolicy 2.1\n3.3\u{a0}\u{a0}\u{a0}Complaint handlers should be trained\u{a0}\u{a0}Partially\u{a0}\u{a0}\u{a0}70% trained at Hollinvale Homes\n4.1  Landlords must investigate.  Twice  in one line  and more\n";
        let g = tabbed_grid(&lines(text));
        assert_eq!(g[2].cells, vec!["3.3", "Complaint handlers should be trained", "Partially", "70% trained at Hollinvale Homes"]);
        // Runs of spaces that give more cells than the form's rows have part no cells.
        assert_eq!(g[3].cells.len(), 1);
    }

    #[test]
    fn layouts_detected() {
        assert_eq!(detect_layout(&lines("a\tb\tc\n1.2\tx\tYes\n1.3\ty\tNo")), LayoutKind::Tabbed);
        assert_eq!(detect_layout(&lines("a | b | c\n1.2 | x | Yes\n1.3 | y | No")), LayoutKind::Delimited);
        assert_eq!(detect_layout(&lines("Code section 1.2\nText\nCompliance: Yes\nCode section 1.3\nText\nCompliance: No")), LayoutKind::Vertical);
        assert_eq!(detect_layout(&lines("1.2A complaint must…Yes\n1.3A resident…No\n1.4Landlords…Yes")), LayoutKind::RunTogether);
        assert_eq!(detect_layout(&lines("Dear resident,\nThank you for your letter.")), LayoutKind::Vertical, "the record reader finds no form in it");
        assert_eq!(detect_layout(&lines("Code provision   Code requirement   Comply: Yes/No   Evidence\n1.2   A complaint   Yes   Policy")), LayoutKind::SpaceAligned);
    }

    #[test]
    fn headings_set_in_from_the_margin_are_lines_of_their_own() {
        // `pdftotext -layout` sets every line a space in: a section's title and its must or
        // should heading stand left of the first column, and are no row's cells.
        let text = " Section 1: Definition\n\n  Code      Code requirement                  Comply:   Evidence\n  1.2       A complaint must be defined as    Yes       Policy 2 at Tarnwick Homes.\n\n Section 2: Accessibility\n Mandatory 'must' requirements\n  2.4       Landlord websites must say how    Yes       Web page since May.\n";
        let g = space_aligned_grid(&lines(text));
        let cells: Vec<&Vec<String>> = g.iter().map(|l| &l.cells).collect();
        assert!(cells.contains(&&vec!["Section 2: Accessibility".to_string()]), "{cells:?}");
        assert!(cells.contains(&&vec!["Mandatory 'must' requirements".to_string()]), "{cells:?}");
        assert_eq!(g.last().unwrap().cells, ["2.4", "Landlord websites must say how", "Yes", "Web page since May."]);
    }

    #[test]
    fn quirk27_space_aligned_columns_with_wrapped_cells_and_header() {
        let text = "Self-assessment (May 2025)\n\nCode        Code requirement                     Comply: Yes/No    Evidence\nprovision\n1.2         A complaint must be defined as:      Yes               Policy 4.1 of the\n            an expression of dissatisfaction                       complaints policy.\n1.3         A resident does not have to use    No\n";
        let g = space_aligned_grid(&lines(text));
        assert_eq!(g[0].cells, vec!["Self-assessment (May 2025)"]);
        assert_eq!(g[2].cells, vec!["Code provision", "Code requirement", "Comply: Yes/No", "Evidence"]);
        assert_eq!(g[3].cells, vec!["1.2", "A complaint must be defined as:", "Yes", "Policy 4.1 of the"]);
        assert_eq!(g[4].cells, vec!["", "an expression of dissatisfaction", "", "complaints policy."]);
        assert_eq!(g[5].cells, vec!["1.3", "A resident does not have to use", "No", ""]);
    }

    #[test]
    fn quirk27_cells_joined_by_runs_of_spaces_not_aligned() {
        let g = space_aligned_grid(&lines(
            "Provision     Requirement     Compliant?     Evidence\n5.2     Landlords must issue a full response within 10 working days.     Yes     Case system report.\n5.3     Landlords must keep residents updated.     No     Updates are not always sent.\n",
        ));
        assert_eq!(g[0].cells, vec!["Provision", "Requirement", "Compliant?", "Evidence"]);
        assert_eq!(g[1].cells, vec!["5.2", "Landlords must issue a full response within 10 working days.", "Yes", "Case system report."]);
        assert_eq!(g[2].cells[2], "No");
    }

    #[test]
    fn quirk27_header_cells_run_together_are_split_where_the_data_columns_start() {
        let text = "Code   Code requirement        Comply: Yes/No Evidence\n1.2    A complaint must be     Yes            Policy 4.1\n1.3    A resident does not     No             None yet\n1.4    Landlords must          Yes            Policy 2\n";
        let g = space_aligned_grid(&lines(text));
        assert_eq!(g[0].cells, vec!["Code", "Code requirement", "Comply: Yes/No", "Evidence"]);
        assert_eq!(g[2].cells, vec!["1.3", "A resident does not", "No", "None yet"]);
    }

    #[test]
    fn quirk27_pipes_with_broken_rows_and_split_header() {
        let g = delimited_grid(&lines(
            "Code provision | Code requirement | Comply:\nYes/No | Evidence | Commentary\n1.2 | A complaint must be\ndefined as | Yes | Policy 4.1 | \n1.3 | A resident | No | x | y",
        ));
        assert_eq!(g[0].cells, vec!["Code provision", "Code requirement", "Comply: Yes/No", "Evidence", "Commentary"]);
        assert_eq!(g[1].cells, vec!["1.2", "A complaint must be defined as", "Yes", "Policy 4.1"]);
        assert_eq!(g[2].cells[0], "1.3");
    }

    #[test]
    fn quirk27_two_markdown_rows_without_a_header_are_a_table() {
        let two = "| 9.5 | In addition to this a member of the governing body must be appointed | Yes | Board minutes |\n| 9.7 | As a minimum, the MRC and the governing body must receive | No | None yet |\n";
        assert_eq!(detect_layout(&lines(two)), LayoutKind::Delimited);
        let prose = "Our policy | procedure\nSee the notes | below\n";
        assert_ne!(detect_layout(&lines(prose)), LayoutKind::Delimited);
    }

    #[test]
    fn quirk27_pipe_rows_whose_number_cell_is_empty() {
        let g = delimited_grid(&lines(
            "| Code section | Code requirement | Comply | Evidence |\n|---|---|---|---|\n|  | A landlord must accept a complaint unless there is a valid reason | Yes | Policy 4 |\n|  | If a landlord decides not to accept a complaint, a detailed explanation | No | None yet |\n| | Evidence |\n",
        ));
        assert_eq!(g[1].cells, vec!["", "A landlord must accept a complaint unless there is a valid reason", "Yes", "Policy 4"]);
        assert_eq!(g[2].cells[2], "No");
        // A short cell after an empty one is no row: it goes on with the row before.
        assert_eq!(g.len(), 3, "{g:?}");
    }

    #[test]
    fn quirk27_a_title_right_above_a_pipe_header_is_not_its_first_cell() {
        for gap in ["\n", "\n\n"] {
            let g = delimited_grid(&lines(&format!(
                "Fenmoor Homes: Complaint Handling Code self-assessment{gap}| Code section | Code requirement | Comply: yes/no | Evidence |\n|---|---|---|---|\n| 1.2 | A complaint must be defined as | Yes | [Leaflet](https://fenmoor.org.uk/leaflet) |\n"
            )));
            assert_eq!(g[0].cells, vec!["Fenmoor Homes: Complaint Handling Code self-assessment"]);
            assert_eq!(g[1].cells, vec!["Code section", "Code requirement", "Comply: yes/no", "Evidence"]);
            assert_eq!(g[2].cells[2], "Yes");
        }
        // A page title with a pipe of its own ("… | Fenmoor Homes") names no column.
        let g = delimited_grid(&lines(
            "Complaint handling self-assessment | Fenmoor Homes\n\nHow our stages meet the Code\n| Code section | Code requirement | Comply: yes/no | Evidence |\n|---|---|---|---|\n| 1.2 | A complaint must be defined as | Yes | Leaflet |\n",
        ));
        assert_eq!(g[0].cells, vec!["Complaint handling self-assessment | Fenmoor Homes"]);
        assert_eq!(g[2].cells, vec!["Code section", "Code requirement", "Comply: yes/no", "Evidence"]);
        assert_eq!(g[3].cells[2], "Yes");
    }

    #[test]
    fn quirk27_text_after_a_closed_pipe_row_and_a_blank_line_is_not_its_cell() {
        let g = delimited_grid(&lines(
            "| Code section | Code requirement | Comply | Evidence |\n|---|---|---|---|\n| 1.2 | A complaint must be defined as | Yes | Leaflet |\n\nContact Fenmoor Homes\nSitemap\n",
        ));
        assert_eq!(g[1].cells, vec!["1.2", "A complaint must be defined as", "Yes", "Leaflet"]);
        assert_eq!(g[2].cells, vec!["Contact Fenmoor Homes"]);
        // A menu after the table has pipes of its own.
        let g = delimited_grid(&lines("| 1.2 | A complaint must be defined as | Yes | Leaflet |\n\nHome | About Fenmoor Homes | News\n"));
        assert_eq!(g[0].cells, vec!["1.2", "A complaint must be defined as", "Yes", "Leaflet"]);
        assert_eq!(g.len(), 2, "{g:?}");
        // So does a footer menu after a row printed without outer pipes whose last cell ends
        // its sentence.
        let g = delimited_grid(&lines(
            "Code section | Code requirement | Comply | Evidence\n1.2 | A complaint must be defined as | Yes | Leaflet sent.\n\nContact us | Accessibility | Privacy\nTarnby District Council\n",
        ));
        assert_eq!(g[1].cells, vec!["1.2", "A complaint must be defined as", "Yes", "Leaflet sent."]);
        assert_eq!(g.len(), 4, "{g:?}");
        // Without the blank line, or before the row's last pipe, a line still goes on with its cell.
        let g = delimited_grid(&lines("| Code section | Code requirement | Comply | Evidence |\n| 1.2 | A complaint must be defined as | Yes | Leaflet\nand poster |\n"));
        assert_eq!(g[1].cells[3], "Leaflet and poster");
    }
}

#[cfg(test)]
mod dump {
    /// `CHC_DUMP=file.txt cargo test -p chc-table dump_text_grid -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn dump_text_grid() {
        let Ok(p) = std::env::var("CHC_DUMP") else { return };
        let text = std::fs::read_to_string(p).unwrap();
        let lines: Vec<chc_model::TextLine> = text.lines().enumerate().map(|(i, t)| chc_model::TextLine { number: i as u32 + 1, text: t.to_string() }).collect();
        for g in super::space_aligned_grid(&lines) {
            println!("{} {:?}", g.location, g.cells);
        }
    }
}
