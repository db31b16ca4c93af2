//! Text input comes in four shapes (QUIRKS 6-7, 25-27). Tabbed and delimited text become
//! [`GridLine`]s for the shared assembler; vertical and run-together text have no cells to
//! align, so they are read into records directly.

use chc_code::regexes::cached;
use crate::assemble::Assembler;
use crate::header::{classify_header, column_role};
use crate::lines::{leading_number, parse_heading, provision_number_cell, Heading};
use crate::GridLine;
use chc_code::answers::parse_comply;
use chc_model::{ColumnRole, LayoutKind, TextLine, Warning};
use chc_parse::clean::clean_text;
use regex::Regex;
use std::sync::OnceLock;

/// Decide the shape of a text document from how its lines look.
pub fn detect_layout(lines: &[TextLine]) -> LayoutKind {
    let count = |f: &dyn Fn(&str) -> bool| lines.iter().filter(|l| f(&l.text)).count();
    // Two tabs or pipes found are enough: the rest of the line need not be searched.
    let twice = |t: &str, b: u8| memchr::memchr_iter(b, t.as_bytes()).nth(1).is_some();
    let tabbed = count(&|t| twice(t, b'\t'));
    let piped = count(&|t| t.contains('|') && (twice(t, b'|') || t.contains(" | ")));
    if tabbed >= 3 && tabbed >= piped {
        return LayoutKind::Tabbed;
    }
    if piped >= 3 {
        return LayoutKind::Delimited;
    }
    if space_aligned_header(lines).is_some() {
        return LayoutKind::SpaceAligned;
    }
    // The per-line patterns below cost more than the tests above: counted only when needed.
    let labelled = count(&|t| label_role(t).is_some_and(|(r, _)| r == ColumnRole::Comply));
    let glued_tight = count(&|t| leading_number(t).is_some_and(|(_, end)| t[end..].starts_with(|c: char| c.is_alphabetic() || "'\"‘“".contains(c))));
    if glued_tight >= 3 && glued_tight > labelled {
        LayoutKind::RunTogether
    } else if labelled >= 2 || count(&|t| bare_number_line(t).is_some()) >= 3 {
        LayoutKind::Vertical
    } else if count(&|t| leading_number(t).is_some()) >= 3 {
        LayoutKind::RunTogether
    } else {
        LayoutKind::None
    }
}

pub fn tabbed_grid(lines: &[TextLine]) -> Vec<GridLine> {
    lines
        .iter()
        .map(|l| GridLine { location: l.number, cells: l.text.split('\t').map(str::to_string).collect(), page_break_before: false })
        .collect()
}

fn split_pipes(text: &str) -> Vec<String> {
    let t = text.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

fn starts_piped_record(t: &str) -> bool {
    let cells = split_pipes(t);
    cells.len() >= 2 && provision_number_cell(&cells[0]).is_some_and(|_| cells[0].split_whitespace().count() <= 3)
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
    let flush_outside = |outside: &mut Vec<(u32, String)>, out: &mut Vec<GridLine>| {
        if outside.is_empty() {
            return;
        }
        let joined = outside.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
        let cells = split_pipes(&joined);
        if joined.contains('|') && classify_header(&cells).is_some() {
            out.push(GridLine { location: outside[0].0, cells, page_break_before: false });
        } else {
            for (loc, t) in outside.drain(..) {
                out.push(GridLine { location: loc, cells: vec![t], page_break_before: false });
            }
        }
        outside.clear();
    };
    for l in lines {
        let t = l.text.trim();
        if t.is_empty() || crate::lines::is_border(t) {
            continue;
        }
        let headerish = t.contains('|') && split_pipes(t).iter().filter(|c| column_role(c) != ColumnRole::Other).count() >= 2;
        if starts_piped_record(t) {
            flush_record(&mut record, &mut out);
            flush_outside(&mut outside, &mut out);
            record = Some((l.number, t.to_string()));
        } else if headerish || parse_heading(t) != Heading::None || record.is_none() {
            flush_record(&mut record, &mut out);
            if parse_heading(t) != Heading::None && !headerish {
                flush_outside(&mut outside, &mut out);
                out.push(GridLine { location: l.number, cells: vec![t.to_string()], page_break_before: false });
            } else {
                outside.push((l.number, t.to_string()));
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
    let wraps = !next.is_empty()
        && provision_number_cell(next[0].1).is_none()
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
pub fn space_aligned_grid(lines: &[TextLine]) -> Vec<GridLine> {
    let chunked = chunk_lines(lines);
    let mut out = Vec::new();
    let mut columns: Option<Vec<(usize, String)>> = None;
    let mut i = 0;
    while i < lines.len() {
        if let Some((cols, used)) = header_columns(&chunked[i], chunked.get(i + 1).map_or(&[], |n| n)) {
            let cols = refine_columns(lines, &chunked, i, used, cols);
            out.push(GridLine { location: lines[i].number, cells: cols.iter().map(|c| c.1.clone()).collect(), page_break_before: false });
            columns = Some(cols);
            i += used;
            continue;
        }
        let pieces = &chunked[i];
        let cells = match &columns {
            Some(cols) if !pieces.is_empty() && (pieces.len() != 1 || pieces[0].0 != 0 || provision_number_cell(pieces[0].1).is_some()) => {
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

/// "Label: value" split as `^\s*([A-Za-z][A-Za-z ,/&'()?-]{1,60}?)\s*:\s*(.*)$` splits it
/// (property-tested against that pattern), by hand: it runs on every line of some layouts.
fn split_label(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start();
    // No colon in the label: the first one ends it.
    let colon = body.find(':')?;
    let label = body[..colon].trim_end();
    let in_label = |c: char| c.is_ascii_alphabetic() || " ,/&'()?-".contains(c);
    if !label.starts_with(|c: char| c.is_ascii_alphabetic()) || !label.chars().all(in_label) {
        return None;
    }
    // Two to 61 characters; one letter will do with the space after it.
    let enough = label.len() >= 2 || body.as_bytes().get(1) == Some(&b' ');
    if !enough || label.len() > 61 {
        return None;
    }
    // `.` stops at a line break and `$` is the end of the text.
    let value = body[colon + 1..].trim_start();
    (!value.contains('\n')).then_some((label, value))
}

/// "Compliance: Partial", "Evidence, commentary and any explanations: …" → (role, value).
fn label_role(line: &str) -> Option<(ColumnRole, String)> {
    let (label, value) = split_label(line)?;
    // "Code provisionCode requirementComply:" is a run-together header, not a label.
    let glued_words = label.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    if glued_words || label.split_whitespace().count() > 6 {
        return None;
    }
    // "Comply: Yes/No: Yes" → label "Comply", value "Yes/No: Yes".
    let mut value = value.trim().to_string();
    if let Some(rest) = value.strip_prefix("Yes/No:").or_else(|| value.strip_prefix("Yes / No:")) {
        value = rest.trim().to_string();
    }
    let role = column_role(label);
    match role {
        ColumnRole::Comply | ColumnRole::Evidence | ColumnRole::Commentary | ColumnRole::EvidenceCommentary | ColumnRole::Rag => Some((role, value)),
        ColumnRole::Requirement if label.split_whitespace().count() <= 4 => Some((role, value)),
        _ => None,
    }
}

/// A line holding only a provision number ("1.2", "Code section 1.2").
fn bare_number_line(line: &str) -> Option<String> {
    let t = line.trim();
    let n = provision_number_cell(t)?;
    let rest = t.split_whitespace().filter(|w| !w.eq_ignore_ascii_case("code") && !w.eq_ignore_ascii_case("section") && !w.eq_ignore_ascii_case("provision")).count();
    (rest == 1).then_some(n)
}

/// Vertical layouts (QUIRKS 26): one cell per line with blank lines between cells, or
/// "Label: value" lines under a number line.
pub(crate) fn read_vertical(lines: &[TextLine], asm: &mut Assembler) {
    // A header written as one cell per line, before the first number.
    let mut header_cells: Vec<String> = Vec::new();
    let mut order: Vec<ColumnRole> = Vec::new();
    let mut role_pos = 0usize;
    let mut pending_advance = false;
    // A blank line moves to the next cell only once the current cell has text.
    let mut cell_has_text = false;
    // When cells carry labels ("Compliance: Yes"), blank lines separate paragraphs inside
    // a cell, not cells.
    let labelled = lines.iter().filter(|l| label_role(&l.text).is_some()).count() >= 2;
    let mut open = false;
    let mut current_role = ColumnRole::Requirement;
    for l in lines {
        let text = clean_text(&l.text);
        if text.is_empty() {
            if open && cell_has_text && !labelled {
                pending_advance = true;
            }
            continue;
        }
        if let Some(n) = bare_number_line(&text).or_else(|| leading_number(&text).filter(|_| !open || pending_advance).map(|(n, _)| n)) {
            if order.is_empty() {
                if header_cells.len() >= 3 {
                    order = header_cells.iter().map(|c| column_role(c)).collect();
                    asm.header(header_cells.clone(), order.clone());
                } else {
                    order = vec![ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::Evidence, ColumnRole::Commentary];
                    asm.roles = Some(order.clone());
                }
            }
            let rest = match leading_number(&text) {
                Some((_, end)) if bare_number_line(&text).is_none() => text[end..].trim().to_string(),
                _ => String::new(),
            };
            asm.open(Some(n), l.number);
            open = true;
            role_pos = order.iter().position(|r| *r == ColumnRole::Requirement).unwrap_or(1);
            current_role = ColumnRole::Requirement;
            pending_advance = false;
            cell_has_text = !rest.is_empty();
            if cell_has_text {
                asm.records.last_mut().expect("opened").push(current_role, &rest);
            }
            continue;
        }
        if !open {
            let role = column_role(&text);
            if role != ColumnRole::Other && text.chars().count() <= 60 && parse_heading(&text) == Heading::None {
                header_cells.push(text);
            } else {
                asm.text_line(l.number, &text);
            }
            continue;
        }
        if parse_heading(&text) != Heading::None {
            asm.text_line(l.number, &text);
            open = false;
            continue;
        }
        let rec = asm.records.last_mut().expect("open record");
        if let Some((role, value)) = label_role(&text) {
            current_role = role;
            role_pos = order.iter().position(|r| *r == role).unwrap_or(role_pos);
            pending_advance = false;
            cell_has_text = !value.is_empty();
            rec.push(role, &value);
            continue;
        }
        if pending_advance {
            pending_advance = false;
            if parse_comply(&text).is_some() && !rec.has_comply() {
                current_role = ColumnRole::Comply;
                role_pos = order.iter().position(|r| *r == ColumnRole::Comply).unwrap_or(role_pos);
            } else if role_pos + 1 < order.len() {
                role_pos += 1;
                current_role = order[role_pos];
            }
        } else if current_role == ColumnRole::Requirement && parse_comply(&text).is_some() && !rec.has_comply() {
            current_role = ColumnRole::Comply;
            role_pos = order.iter().position(|r| *r == ColumnRole::Comply).unwrap_or(role_pos);
        }
        let role = if current_role == ColumnRole::Provision { ColumnRole::Requirement } else { current_role };
        cell_has_text = true;
        rec.push(role, &text);
    }
}

/// Where in `rest` the requirement may end and a comply word begin: positions of an
/// answer word glued to the end of a sentence and followed by a capital or the end.
fn comply_boundaries(rest: &str) -> Vec<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = cached(&RE, r"(Yes\s*&\s*No|Yes|YES|No|NO|Partially|Partial|Not [Aa]pplicable|N/A|Compliant|Y|N|✓|✔|✗|☒)(\s*)([A-Z0-9'\x22(‘“<]|$)");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(c) = re.captures_at(rest, from) {
        let m = c.get(1).expect("group 1");
        let prev = rest[..m.start()].chars().last();
        let glued_after_text = prev.is_some_and(|p| p.is_lowercase() || matches!(p, '.' | ')' | '\'' | '"' | '’' | '”' | ':' | ';' | ' ' | '?'));
        if glued_after_text && m.start() > 0 {
            out.push((m.start(), m.end()));
        }
        from = m.start() + m.as_str().chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Cells run together with no separator (QUIRKS 25). The Code's wording decides where the
/// requirement ends: of the places a comply word could start, the one whose prefix reads
/// most like the provision's registry text wins; without registry text, the first one.
pub(crate) fn read_run_together(lines: &[TextLine], asm: &mut Assembler) {
    asm.roles = Some(vec![ColumnRole::Provision, ColumnRole::Requirement, ColumnRole::Comply, ColumnRole::Evidence]);
    let mut open: Option<(String, u32, String)> = None;
    let finish = |open: &mut Option<(String, u32, String)>, asm: &mut Assembler| {
        let Some((number, loc, body)) = open.take() else { return };
        let body = clean_text(&body).replace('\n', " ");
        let candidates = comply_boundaries(&body);
        let profile = asm.registry.provisions().iter().any(|p| p.number == number);
        let chosen = if profile {
            candidates
                .iter()
                .map(|&(s, e)| {
                    let score = chc_code::CodeVersion::ALL
                        .iter()
                        .filter_map(|&v| asm.registry.profile(v, &number))
                        .map(|p| p.dice(&chc_code::WordingProfile::new(&body[..s])))
                        .fold(0.0f64, f64::max);
                    (s, e, score)
                })
                .fold(None, |best: Option<(usize, usize, f64)>, c| match best {
                    Some(b) if b.2 >= c.2 => Some(b),
                    _ => Some(c),
                })
                .map(|(s, e, _)| (s, e))
        } else {
            candidates.first().copied()
        };
        let rec = asm.open(Some(number), loc);
        match chosen {
            Some((s, e)) => {
                rec.push(ColumnRole::Requirement, body[..s].trim());
                rec.push(ColumnRole::Comply, body[s..e].trim());
                rec.push(ColumnRole::Evidence, body[e..].trim());
            }
            None => {
                rec.push(ColumnRole::Requirement, body.trim());
                rec.record.warnings.push(Warning::new("comply_not_found", "no comply answer found in run-together text"));
            }
        }
    };
    for l in lines {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        if let Some((n, end)) = leading_number(t) {
            finish(&mut open, asm);
            open = Some((n, l.number, t[end..].to_string()));
        } else if parse_heading(t) != Heading::None || open.is_none() {
            finish(&mut open, asm);
            asm.text_line(l.number, &clean_text(t));
        } else if let Some((_, _, body)) = open.as_mut() {
            body.push(' ');
            body.push_str(t);
        }
    }
    finish(&mut open, asm);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn split_label_reads_as_the_pattern_does(line in "[ \t\n\u{a0}]{0,2}(?:[A-Za-z]{1,3}|[ ,/&'()?:\t\n\u{a0}0-9é-]){0,25}") {
            let pattern = Regex::new(r"^\s*([A-Za-z][A-Za-z ,/&'()?-]{1,60}?)\s*:\s*(.*)$").unwrap();
            let want = pattern.captures(&line).map(|c| (c.get(1).unwrap().as_str().trim().to_string(), c.get(2).unwrap().as_str().to_string()));
            let got = split_label(&line).map(|(l, v)| (l.to_string(), v.to_string()));
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn labels_at_their_limits() {
        assert_eq!(split_label("A : yes"), Some(("A", "yes")));
        assert_eq!(split_label("A: yes"), None);
        assert_eq!(split_label("A\t: yes"), None);
        assert_eq!(split_label(&format!("{}: x", "a".repeat(61))).map(|(l, _)| l.len()), Some(61));
        assert_eq!(split_label(&format!("{}: x", "a".repeat(62))), None);
        assert_eq!(split_label("Comply:\n Yes"), Some(("Comply", "Yes")));
        assert_eq!(split_label("Comply: Yes\nNo"), None);
    }

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
    fn layouts_detected() {
        assert_eq!(detect_layout(&lines("a\tb\tc\n1.2\tx\tYes\n1.3\ty\tNo")), LayoutKind::Tabbed);
        assert_eq!(detect_layout(&lines("a | b | c\n1.2 | x | Yes\n1.3 | y | No")), LayoutKind::Delimited);
        assert_eq!(detect_layout(&lines("Code section 1.2\nText\nCompliance: Yes\nCode section 1.3\nText\nCompliance: No")), LayoutKind::Vertical);
        assert_eq!(detect_layout(&lines("1.2A complaint must…Yes\n1.3A resident…No\n1.4Landlords…Yes")), LayoutKind::RunTogether);
        assert_eq!(detect_layout(&lines("Dear resident,\nThank you for your letter.")), LayoutKind::None);
        assert_eq!(detect_layout(&lines("Code provision   Code requirement   Comply: Yes/No   Evidence\n1.2   A complaint   Yes   Policy")), LayoutKind::SpaceAligned);
    }

    #[test]
    fn quirk25_comply_boundaries() {
        let b = "A complaint must be defined as: 'an expression of dissatisfaction'YesDefinition of complaint included in policy";
        let c = comply_boundaries(b);
        assert_eq!(c.len(), 1);
        assert_eq!(&b[c[0].0..c[0].1], "Yes");
        let b2 = "must be handled in line with the landlord's complaints policy.YPoint 3.2 in the complaints policy";
        let c2 = comply_boundaries(b2);
        assert_eq!(&b2[c2[0].0..c2[0].1], "Y");
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
