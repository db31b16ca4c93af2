//! The rows of an unruled table (or one ruled with horizontal lines only), whatever the
//! vertical alignment of its cells.
//!
//! A row's cells are the text between two row boundaries. Anchors mark the rows: a provision
//! number in the first column, or an answer in the comply column of a row whose number is
//! missing. Where a row's other lines sit beside its anchor depends on how the cells are
//! aligned: at the top (the number on the row's first line), in the middle (LibreOffice's
//! HTML import and many Word templates: the number level with the middle of the tallest
//! cell) or at the bottom. The alignment is read from the table itself: a block of text
//! lines (broken where no column has a line for more than the line pitch) that holds one
//! anchor shows where in the row that anchor sits. Each other line then goes to the anchor
//! whose row it keeps most consistent with that alignment; rows are vertical intervals, so
//! the choice is a cut between two anchors, and a horizontal rule is a boundary no row
//! crosses.
//!
//! Besides the alignment, a row's shape has a cost: a cell's text is one block, so a column
//! pausing for more than a line and a half inside a row holds two rows' text
//! ([`Layout::holes`]); top- and bottom-aligned rows end where the text pauses (no column
//! with text), and a block holding one anchor is that anchor's row. At the page edges: the
//! lines before the first pause at a page's top end the row the break cut; a centred row
//! cut at the page's foot is held to the middle one way only (its number is centred on the
//! whole row); and lines after the last anchor at a page's end, in centred or bottom-aligned
//! rows, begin the row whose anchor is on the next page ([`Split::open_tail`]).

use super::{line_text, Piece};
use chc_code::answers::{continues_answer, parse_comply};

/// One visual line of a table's body, its pieces placed in columns.
pub(super) struct BodyLine {
    pub y: f32,
    pub size: f32,
    pub cells: Vec<Vec<Piece>>,
    /// A rule across the table lies between the previous line and this one.
    pub rule_before: bool,
    /// The first column holds a provision number.
    pub numbered: bool,
}

impl BodyLine {
    fn has_text(&self, col: usize) -> bool {
        self.cells.get(col).is_some_and(|c| c.iter().any(|p| !p.text.trim().is_empty()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Alignment {
    Top,
    Middle,
    Bottom,
}

/// How the rows of one table seen so far place their anchors: kept across pages, since a
/// page may hold too few rows to tell.
#[derive(Debug, Default, Clone)]
pub(super) struct Votes {
    top: u32,
    middle: u32,
    bottom: u32,
    /// The table's line pitch on the pages read so far: a page holding few lines (a row's
    /// end and a one-line row) may show only the pitch between rows.
    pitch: Option<f32>,
}

impl Votes {
    /// The majority; top (by far the most common) when nothing tells.
    pub(super) fn alignment(&self) -> Alignment {
        if self.middle > self.top && self.middle >= self.bottom {
            Alignment::Middle
        } else if self.bottom > self.top && self.bottom > self.middle {
            Alignment::Bottom
        } else {
            Alignment::Top
        }
    }

    /// One vote: how far the anchor's block reaches above (`above`) and below (`below`) it.
    pub(super) fn cast(&mut self, above: f32, below: f32, pitch: f32) {
        let tol = 0.5 * pitch;
        // A row of two lines with its anchor centred half a line down sits as far from either
        // end, half a line: on the tolerance of both, yet centred.
        if above.min(below) >= 0.25 * pitch && (above - below).abs() <= 0.1 * pitch {
            self.middle += 1;
            return;
        }
        match (above <= tol, below <= tol) {
            (true, false) => self.top += 1,
            (false, true) => self.bottom += 1,
            (false, false) if (above - below).abs() <= pitch.max(0.25 * (above + below)) => self.middle += 1,
            _ => {}
        }
    }
}

/// A row's anchor: the lines fixed to it and where it sits (baselines).
#[derive(Debug, Clone)]
struct Anchor {
    /// First and last line index fixed to the anchor; lines between them are its own.
    first: usize,
    last: usize,
    /// The anchor's own extent: the number line, or the answer block of a row without one.
    lo: f32,
    hi: f32,
    numbered: bool,
    has_answer: bool,
}

/// Lines that move together: one line, or a block of lines with no anchor.
#[derive(Debug, Clone, Copy)]
struct Unit {
    first: usize,
    last: usize,
    lo: f32,
    hi: f32,
}

/// Where the body lines sit on their page: right under the top (nothing but a header above
/// them) and running to the end.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PageEdges {
    pub page_top: bool,
    pub page_end: bool,
    /// The table has rows on an earlier page: lines at this page's top may end one of them.
    pub continued: bool,
}

/// A table's body split into rows of cells, and whether any row had an anchor.
pub(super) struct Split {
    pub rows: Vec<Vec<Vec<Piece>>>,
    pub anchored: bool,
    /// The last row is lines after the last anchor at the page's end, in a table whose rows
    /// are centred or bottom-aligned: the first part of a row the break cut, its anchor on
    /// the next page.
    pub open_tail: bool,
}

/// Split a table's body lines (top to bottom) into rows of cells. `votes` carries the
/// table's alignment evidence from page to page.
pub(super) fn split_rows(lines: Vec<BodyLine>, comply_col: Option<usize>, at: PageEdges, votes: &mut Votes) -> Split {
    if lines.is_empty() {
        return Split { rows: Vec::new(), anchored: false, open_tail: false };
    }
    let n = lines.len();
    let pitch = match (line_pitch(&lines), votes.pitch) {
        (Some(own), Some(table)) => own.min(table),
        (own, table) => own.or(table).unwrap_or_else(|| {
            let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
            sizes.sort_by(f32::total_cmp);
            1.2 * sizes[sizes.len() / 2]
        }),
    };
    votes.pitch = Some(pitch);
    // What a row without a number or an answer costs: about what a one-line misplacement does.
    let penalty = pitch;
    let gap = 1.25 * pitch;
    // Regions between rules, and blocks of lines closer than a line pitch apart.
    let mut region = vec![0usize; n];
    let mut block = vec![0usize; n];
    for i in 1..n {
        region[i] = region[i - 1] + usize::from(lines[i].rule_before);
        block[i] = block[i - 1] + usize::from(lines[i].rule_before || lines[i].y - lines[i - 1].y > gap);
    }

    let mut anchors: Vec<Anchor> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.numbered)
        .map(|(i, l)| Anchor { first: i, last: i, lo: l.y, hi: l.y, numbered: true, has_answer: false })
        .collect();
    // Answer blocks: an answer level with a number belongs to it; others may mark rows whose
    // number is missing.
    let mut loose: Vec<Anchor> = Vec::new();
    for (first, last) in comply_blocks(&lines, comply_col, &region, gap) {
        let (lo, hi) = (lines[first].y, lines[last].y);
        let level = anchors
            .iter_mut()
            .filter(|a| a.numbered && a.lo >= lo - 0.6 * pitch && a.lo <= hi + 0.6 * pitch && region[a.first] == region[first])
            .min_by(|a, b| (a.lo - (lo + hi) / 2.0).abs().total_cmp(&(b.lo - (lo + hi) / 2.0).abs()));
        if let Some(a) = level {
            a.first = a.first.min(first);
            a.last = a.last.max(last);
            a.has_answer = true;
            continue;
        }
        let text: String = (first..=last).map(|i| line_text(&lines[i].cells[comply_col.unwrap()])).collect::<Vec<_>>().join(" ");
        if parse_comply(&text).is_some() {
            loose.push(Anchor { first, last, lo, hi, numbered: false, has_answer: true });
        }
    }

    // The alignment: blocks holding exactly one anchor vote for where it sits in them.
    let mut all: Vec<&Anchor> = anchors.iter().chain(&loose).collect();
    all.sort_by_key(|a| a.first);
    let mut k = 0;
    while k < all.len() {
        let b = block[all[k].first];
        let same = all[k..].iter().take_while(|a| block[a.first] == b).count();
        // A block at the top of a page may be the rest of a row cut by the break: where the
        // anchor sits in it says nothing about the table.
        let cut = at.page_top && at.continued && b == block[0] && !lines[0].rule_before;
        if same == 1 && !cut {
            let members: Vec<usize> = (0..n).filter(|&i| block[i] == b).collect();
            let (top, bottom) = (lines[members[0]].y, lines[*members.last().unwrap()].y);
            votes.cast(all[k].lo - top, bottom - all[k].hi, pitch);
        }
        k += same;
    }
    let align = votes.alignment();

    // An answer not level with a number belongs to the number beside it (on the side the
    // alignment puts it) when that row has no answer yet; otherwise it is a row of its own.
    for mut l in loose {
        anchors.sort_by_key(|a| a.first);
        let above = anchors.iter().rposition(|a| a.first < l.first && region[a.first] == region[l.first]);
        let below = anchors.iter().position(|a| a.first > l.last && region[a.first] == region[l.first]);
        let owner = match align {
            Alignment::Top => above,
            Alignment::Bottom => below,
            Alignment::Middle => match (above, below) {
                (Some(a), Some(b)) => Some(if l.lo - anchors[a].hi <= anchors[b].lo - l.hi { a } else { b }),
                (a, b) => a.or(b),
            },
        };
        match owner.filter(|&o| anchors[o].numbered && !anchors[o].has_answer) {
            Some(o) => {
                let a = &mut anchors[o];
                a.first = a.first.min(l.first);
                a.last = a.last.max(l.last);
                a.has_answer = true;
            }
            None => {
                l.numbered = false;
                anchors.push(l);
            }
        }
    }
    anchors.sort_by_key(|a| a.first);

    // Which row each line goes to: an anchor's index, or a row of lines no anchor claims.
    let ys: Vec<f32> = lines.iter().map(|l| l.y).collect();
    let filled: Vec<u64> = lines.iter().map(|l| (0..l.cells.len().min(64)).filter(|&c| l.has_text(c)).fold(0, |m, c| m | 1 << c)).collect();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    for (ai, a) in anchors.iter().enumerate() {
        owner[a.first..=a.last].iter_mut().for_each(|o| *o = Some(ai));
    }
    let mut orphan_rows: Vec<Vec<usize>> = Vec::new();
    let last_region = region[n - 1];
    let mut start = 0;
    while start < n {
        let r = region[start];
        let end = (start..n).find(|&i| region[i] != r).unwrap_or(n);
        let in_region: Vec<usize> = (0..anchors.len()).filter(|&ai| region[anchors[ai].first] == r).collect();
        if in_region.is_empty() {
            // At a page's top, in rows centred or at the bottom, the row the break cut ends
            // at the first pause; what follows, when something other than the page's end
            // closes it, is a row whose number and answer are missing. (Lines from the top
            // to the end of a page are likelier one row running over the whole page.)
            let whole_page = r == last_region && at.page_end;
            let cut = (r == 0 && at.page_top && !whole_page && align != Alignment::Top).then(|| (start + 1..end).find(|&i| block[i] != block[i - 1])).flatten();
            match cut {
                Some(c) => orphan_rows.extend([(start..c).collect(), (c..end).collect()]),
                None => orphan_rows.push((start..end).collect()),
            }
        } else {
            // Lines above the first anchor at the top of a page go on with a row from the
            // page before; lines below the last at the bottom of a page are part of a row cut
            // by the page break. Elsewhere a row without an anchor has to pay its way.
            let free = |yes: bool| if yes { 0.0 } else { penalty };
            let edges = Edges {
                before: (r == 0 && !lines[0].rule_before).then(|| free(at.page_top || align == Alignment::Top)),
                after: (r == last_region).then(|| free(at.page_end)),
            };
            let units = units(&lines, &block, &owner, start, end);
            let cut_below = r == last_region && at.page_end;
            let layout = Layout { ys: &ys, block: &block, filled: &filled, pitch };
            orphan_rows.extend(assign(&anchors, &in_region, &units, &layout, align, penalty, edges, cut_below, &mut owner));
        }
        start = end;
    }

    // Rows in reading order: each anchor's lines, and the rows of unclaimed lines.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); anchors.len()];
    for (i, o) in owner.iter().enumerate() {
        if let Some(ai) = o {
            rows[*ai].push(i);
        }
    }
    rows.extend(orphan_rows);
    rows.retain(|r| !r.is_empty());
    rows.sort_by_key(|r| r[0]);
    let last_anchor_line = anchors.iter().map(|a| a.last).max();
    let open_tail = at.page_end
        && align != Alignment::Top
        && rows.last().is_some_and(|r| last_anchor_line.is_some_and(|l| r[0] > l) && r.iter().all(|&i| owner[i].is_none()));
    let width = lines.iter().map(|l| l.cells.len()).max().unwrap_or(0);
    let mut lines: Vec<Option<BodyLine>> = lines.into_iter().map(Some).collect();
    let rows = rows
        .into_iter()
        .map(|members| {
            let mut cells: Vec<Vec<Piece>> = vec![Vec::new(); width];
            for i in members {
                if let Some(line) = lines[i].take() {
                    for (k, c) in line.cells.into_iter().enumerate() {
                        cells[k].extend(c);
                    }
                }
            }
            cells
        })
        .collect();
    Split { rows, anchored: !anchors.is_empty(), open_tail }
}

/// The usual distance between the baselines of wrapped lines in one cell: the smallest that
/// recurs among a column's consecutive lines at least a font size apart (lines closer than
/// that are not a cell's wrapped lines). When most rows are one line high, the deltas
/// between rows outnumber those inside a cell, so a percentile of all would read the row
/// pitch and a tall row's lines would run on into the rows around it.
fn line_pitch(lines: &[BodyLine]) -> Option<f32> {
    let width = lines.iter().map(|l| l.cells.len()).max().unwrap_or(0);
    let mut deltas: Vec<f32> = Vec::new();
    let mut set_apart: Vec<f32> = Vec::new();
    for col in 0..width {
        let mut prev: Option<f32> = None;
        for l in lines.iter().filter(|l| l.has_text(col)) {
            if let Some(p) = prev {
                let d = l.y - p;
                if d > 0.6 * l.size && d < 2.0 * l.size {
                    deltas.push(d);
                    if d >= 0.95 * l.size {
                        set_apart.push(d);
                    }
                }
            }
            prev = Some(l.y);
        }
    }
    if deltas.is_empty() {
        return None;
    }
    set_apart.sort_by(f32::total_cmp);
    Some(smallest_cluster(&set_apart).unwrap_or_else(|| {
        deltas.sort_by(f32::total_cmp);
        deltas[deltas.len() * 3 / 10]
    }))
}

/// The middle of the smallest cluster of (sorted) deltas: those within 5% of the smallest
/// one, when they are at least one in twenty of all (a lone odd delta in a long table is
/// noise; a short table may show one wrapped line only).
fn smallest_cluster(deltas: &[f32]) -> Option<f32> {
    let need = (deltas.len() / 20).max(1);
    (0..deltas.len()).find_map(|i| {
        let end = i + deltas[i..].partition_point(|&d| d <= 1.05 * deltas[i]);
        (end - i >= need).then(|| deltas[(i + end) / 2])
    })
}

/// The comply column's blocks, as (first, last) line indices: its consecutive lines within
/// a line pitch (or check boxes close below that go on with the answer above: "☑ Yes ☐"
/// wrapped before "No"), never across a rule, and
/// never adding an answer to a block that holds one already (two one-line rows).
fn comply_blocks(lines: &[BodyLine], comply_col: Option<usize>, region: &[usize], gap: f32) -> Vec<(usize, usize)> {
    let Some(col) = comply_col else { return Vec::new() };
    let mut blocks: Vec<(usize, usize, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.has_text(col) {
            continue;
        }
        let text = line_text(&l.cells[col]);
        if let Some(b) = blocks.last_mut() {
            let complete = parse_comply(&b.2).is_some();
            let goes_on = !complete && l.y - lines[b.1].y <= 2.0 * gap && continues_answer(&b.2, &text);
            let second_answer = complete && parse_comply(&text).is_some();
            if region[b.1] == region[i] && (goes_on || l.y - lines[b.1].y <= gap && !second_answer) {
                b.1 = i;
                b.2.push(' ');
                b.2.push_str(&text);
                continue;
            }
        }
        blocks.push((i, i, text));
    }
    blocks.into_iter().map(|(a, b, _)| (a, b)).collect()
}

/// The movable units of lines `start..end`: lines of a block that holds an anchor one by
/// one, a block without one as a whole.
fn units(lines: &[BodyLine], block: &[usize], owner: &[Option<usize>], start: usize, end: usize) -> Vec<Unit> {
    let anchored = |b: usize| (start..end).any(|i| block[i] == b && owner[i].is_some());
    let mut out: Vec<Unit> = Vec::new();
    for i in start..end {
        if owner[i].is_some() {
            continue;
        }
        let unit = Unit { first: i, last: i, lo: lines[i].y, hi: lines[i].y };
        match out.last_mut() {
            Some(u) if u.last + 1 == i && block[u.last] == block[i] && !anchored(block[i]) => {
                u.last = i;
                u.hi = lines[i].y;
            }
            _ => out.push(unit),
        }
    }
    out
}

/// Where a region's lines sit: baselines, blocks, the columns each line has text in (a
/// bit per column) and the line pitch.
struct Layout<'a> {
    ys: &'a [f32],
    block: &'a [usize],
    filled: &'a [u64],
    pitch: f32,
}

impl Layout<'_> {
    /// What lines `first..=last` as one row leave as holes in its cells: a cell's text is one
    /// block whatever the alignment (at the top, middle or bottom of the row, its lines run
    /// on, a paragraph break adding half a line or so), so a column whose text pauses for
    /// more than a line and a half inside the row likely holds two rows' text. The excess
    /// over that, summed.
    fn holes(&self, first: usize, last: usize) -> f32 {
        let mut prev = [f32::NAN; 64];
        let mut total = 0.0;
        for i in first..=last {
            let mut cols = self.filled[i];
            while cols != 0 {
                let c = cols.trailing_zeros() as usize;
                cols &= cols - 1;
                if !prev[c].is_nan() {
                    total += (self.ys[i] - prev[c] - 1.5 * self.pitch).max(0.0);
                }
                prev[c] = self.ys[i];
            }
        }
        total
    }
}

/// What lines before a region's first anchor or after its last may do besides joining it.
#[derive(Debug, Clone, Copy)]
struct Edges {
    /// Cost of leaving the lines before the first anchor as a row of their own (`None`:
    /// not allowed, a rule lies above them).
    before: Option<f32>,
    after: Option<f32>,
}

/// Give each unit of one region to an anchor of that region (`in_region`, top to bottom) or
/// to a row without an anchor (returned, as line lists): the cuts that keep every row's
/// anchor where the alignment puts it, found by dynamic programming over the gaps between
/// anchors. A row without an anchor costs `penalty` (a row whose number and answer are both
/// missing), or what `edges` says before the first and after the last anchor. `cut_below`:
/// the region runs to the foot of the page, so its last row may go on to the next.
#[allow(clippy::too_many_arguments)]
fn assign(
    anchors: &[Anchor],
    in_region: &[usize],
    units: &[Unit],
    layout: &Layout,
    align: Alignment,
    penalty: f32,
    edges: Edges,
    cut_below: bool,
    owner: &mut [Option<usize>],
) -> Vec<Vec<usize>> {
    let (ys, block, pitch) = (layout.ys, layout.block, layout.pitch);
    let k = in_region.len();
    // gaps[g]: units between anchor g-1 and anchor g (gaps[0] before the first, gaps[k]
    // after the last); a unit inside an anchor's own span belongs to it.
    let mut gaps: Vec<Vec<Unit>> = vec![Vec::new(); k + 1];
    for u in units {
        let g = in_region.iter().filter(|&&ai| anchors[ai].first < u.first).count();
        if g > 0 && u.last < anchors[in_region[g - 1]].last {
            owner[u.first..=u.last].iter_mut().for_each(|o| *o = Some(in_region[g - 1]));
            continue;
        }
        gaps[g].push(*u);
    }
    // Each anchor's fixed extent: the lines already its own (its number, its answer).
    let fixed: Vec<(f32, f32)> = in_region.iter().map(|&ai| (ys[anchors[ai].first], ys[anchors[ai].last])).collect();
    // The block of lines around the last anchor (text with no pause around it).
    let last = &anchors[in_region[k - 1]];
    let in_anchor_block = |i: usize| block[i] >= block[last.first] && block[i] <= block[last.last];
    let anchor_block = units.iter().flat_map(|u| u.first..=u.last).chain(last.first..=last.last).filter(|&i| in_anchor_block(i)).fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), i| (lo.min(ys[i]), hi.max(ys[i])));
    let misfit = |slot: usize, lo: f32, hi: f32| -> f32 {
        let a = &anchors[in_region[slot]];
        let (lo, hi) = (lo.min(fixed[slot].0), hi.max(fixed[slot].1));
        match align {
            Alignment::Top => (lo - a.lo).abs(),
            Alignment::Bottom => (hi - a.hi).abs(),
            Alignment::Middle => {
                // A row cut by the page break shows only part of itself, and writers put its
                // anchor anywhere in that part (the middle of the whole row, the top of the
                // part): the last row of a page is not held to the middle while it keeps to
                // the text around its anchor, and never for reaching up above it (the part
                // is the whole row's top; its middle is lower down).
                let off = (lo + hi) - (a.lo + a.hi);
                if slot + 1 == k && cut_below && lo >= anchor_block.0 && hi <= anchor_block.1 {
                    0.0
                } else if slot + 1 == k && cut_below {
                    off.max(0.0) / 2.0
                } else {
                    off.abs() / 2.0
                }
            }
        }
    };
    // In gap g, cuts c1 <= c2: gaps[g][..c1] join the row above, [c1..c2] make a row of
    // their own, [c2..] join the row below. Its cost, apart from the rows' misfits.
    let eps = 0.01 * pitch;
    let between_blocks = |g: usize, c: usize| c == 0 || c == gaps[g].len() || block[gaps[g][c - 1].last] != block[gaps[g][c].first];
    // At the top of a page whose first lines may end the row the break cut, that row ends
    // at the first pause before the first anchor's lines: the line after it.
    let first_line = gaps[0].first().map_or(anchors[in_region[0]].first, |u| u.first);
    let first_pause = (first_line + 1..=anchors[in_region[0]].first).find(|&i| block[i] != block[i - 1]).filter(|_| edges.before == Some(0.0));
    let gap_cost = |g: usize, c1: usize, c2: usize| -> f32 {
        let len = gaps[g].len();
        let off_pause = |c: usize| {
            let line = if c < len { gaps[g][c].first } else { anchors[in_region[0]].first };
            if first_pause.is_some_and(|p| p != line) { 0.5 * pitch } else { 0.0 }
        };
        if (g == 0 && c1 != 0) || (g == k && c2 != len) {
            return f32::INFINITY;
        }
        let own_row = if c1 == c2 {
            0.0
        } else if g == 0 {
            edges.before.unwrap_or(f32::INFINITY)
        } else if g == k {
            edges.after.unwrap_or(f32::INFINITY)
        } else if align != Alignment::Top && between_blocks(g, c1) && between_blocks(g, c2) {
            penalty
        } else {
            f32::INFINITY
        };
        // Rows end where the text pauses: a cut between two lines of one block costs, in
        // middle-aligned rows always (else a row could give a line away at each end and keep
        // its middle), in others when the block holds one anchor (a block holds the next
        // row's first lines too where rows are top- or bottom-aligned, but then its anchor).
        let cut_block = |c: usize| -> Option<usize> {
            let next = if c < len { gaps[g][c].first } else if len > 0 { gaps[g][len - 1].last + 1 } else { return None };
            (next > 0 && next < block.len() && block[next - 1] == block[next]).then(|| block[next])
        };
        let lone = |b: usize| anchors.iter().filter(|a| block[a.first] == b).count() == 1;
        let split = |c: usize| match cut_block(c) {
            Some(b) if align == Alignment::Middle || lone(b) => 0.5 * pitch,
            _ => 0.0,
        };
        let cuts = if c1 == c2 { split(c1) } else { split(c1) * f32::from(g > 0) + split(c2) * f32::from(g < k) };
        // Ties: top-aligned rows keep lines with the row above, bottom-aligned with the row
        // below, middle-aligned ones with a row rather than alone.
        let tie = match align {
            Alignment::Top => eps * (len - c1) as f32,
            Alignment::Bottom => eps * c2 as f32,
            Alignment::Middle => eps * (c2 - c1) as f32,
        };
        let page_top = if g == 0 { off_pause(c2) } else { 0.0 };
        own_row + cuts + tie + page_top
    };
    // best[c2]: the least cost of everything above the row below gap g, given its cut c2.
    let mut best: Vec<f32> = (0..=gaps[0].len()).map(|c2| gap_cost(0, 0, c2)).collect();
    // Per gap g >= 1: for each c2, the c1 chosen; for each c1, the previous gap's c2.
    let mut pick_c1: Vec<Vec<usize>> = vec![vec![0]];
    let mut pick_prev: Vec<Vec<usize>> = vec![Vec::new()];
    for slot in 0..k {
        let g = slot + 1;
        let (above, below) = (&gaps[slot], &gaps[g]);
        let anchor = &anchors[in_region[slot]];
        let len = below.len();
        // m[c1]: cheapest way to end row `slot` at c1.
        let mut m = vec![f32::INFINITY; len + 1];
        let mut prev = vec![0usize; len + 1];
        for c1 in 0..=len {
            let hi = if c1 > 0 { below[c1 - 1].hi } else { f32::NEG_INFINITY };
            for (c2_prev, &cost) in best.iter().enumerate() {
                if !cost.is_finite() {
                    continue;
                }
                let lo = if c2_prev < above.len() { above[c2_prev].lo } else { f32::INFINITY };
                let first = if c2_prev < above.len() { above[c2_prev].first } else { anchor.first };
                let last = if c1 > 0 { below[c1 - 1].last } else { anchor.last };
                // Top- and bottom-aligned rows end where the text pauses (no column with
                // text): crossing a pause costs half a pitch. (Middle-aligned rows pause
                // inside often: the paragraphs of a tall cell, alone above and below the
                // centred ones.)
                let pauses = if align != Alignment::Middle { (first + 1..=last).filter(|&i| block[i] != block[i - 1]).count() } else { 0 };
                let total = cost + misfit(slot, lo, hi) + layout.holes(first, last) + 0.5 * pitch * pauses as f32;
                if total < m[c1] {
                    m[c1] = total;
                    prev[c1] = c2_prev;
                }
            }
        }
        let mut next = vec![f32::INFINITY; len + 1];
        let mut c1_of = vec![0usize; len + 1];
        for c2 in 0..=len {
            for (c1, &before) in m.iter().enumerate().take(c2 + 1) {
                let total = before + gap_cost(g, c1, c2);
                if total < next[c2] {
                    next[c2] = total;
                    c1_of[c2] = c1;
                }
            }
        }
        pick_c1.push(c1_of);
        pick_prev.push(prev);
        best = next;
    }
    // Walk the cuts back from the end of the last gap.
    let mut cuts = vec![(0usize, 0usize); k + 1];
    let mut c2 = gaps[k].len();
    for g in (1..=k).rev() {
        let c1 = pick_c1[g][c2];
        cuts[g] = (c1, c2);
        c2 = pick_prev[g][c1];
    }
    cuts[0] = (0, c2);
    let lines_of = |us: &[Unit]| -> Vec<usize> { us.iter().flat_map(|u| u.first..=u.last).collect() };
    let mut own_rows = Vec::new();
    for (g, &(c1, c2)) in cuts.iter().enumerate() {
        if g > 0 {
            for i in lines_of(&gaps[g][..c1]) {
                owner[i] = Some(in_region[g - 1]);
            }
        }
        if g < k {
            for i in lines_of(&gaps[g][c2..]) {
                owner[i] = Some(in_region[g]);
            }
        }
        if c1 < c2 {
            own_rows.push(lines_of(&gaps[g][c1..c2]));
        }
    }
    own_rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body line of three columns (number, requirement, commentary); `None` leaves a
    /// column empty.
    fn line(y: f32, cells: [Option<&str>; 3]) -> BodyLine {
        let x = [50.0, 100.0, 300.0];
        let cells: Vec<Vec<Piece>> = cells
            .iter()
            .zip(x)
            .map(|(t, x)| t.map(|t| vec![Piece { x, y, width: 4.0 * t.len() as f32, size: 10.0, text: t.into() }]).unwrap_or_default())
            .collect();
        let numbered = cells[0].iter().any(|p| p.text.starts_with(|c: char| c.is_ascii_digit()));
        BodyLine { y, size: 10.0, cells, rule_before: false, numbered }
    }

    fn texts(split: &Split) -> Vec<Vec<String>> {
        split.rows.iter().map(|r| r.iter().map(|c| c.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ")).collect()).collect()
    }

    #[test]
    fn a_row_cut_by_the_page_break_keeps_its_end_at_the_next_page_top_when_rows_are_bottom_aligned() {
        // Bottom-aligned rows: each row's number on its last line. The page opens with the end
        // of a row from the page before (two requirement lines, one commentary line); the
        // next row's commentary starts right under them, its requirement only three line
        // pitches lower: joining the page-top lines to that row would leave a hole in its
        // requirement cell.
        let lines = vec![
            line(100.0, [None, Some("end of the last"), Some("its comment")]),
            line(112.0, [None, Some("row's requirement."), None]),
            line(124.0, [None, None, Some("c1")]),
            line(136.0, [None, None, Some("c2")]),
            line(148.0, [None, Some("r1"), Some("c3")]),
            line(160.0, [None, Some("r2"), Some("c4")]),
            line(172.0, [Some("3.4"), Some("r3"), Some("c5")]),
            line(196.0, [None, Some("s1"), None]),
            line(208.0, [None, Some("s2"), Some("d1")]),
            line(220.0, [Some("3.5"), Some("s3"), Some("d2")]),
        ];
        let mut votes = Votes::default();
        let split = split_rows(lines, None, PageEdges { page_top: true, page_end: false, continued: true }, &mut votes);
        assert_eq!(votes.alignment(), Alignment::Bottom);
        let rows = texts(&split);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0], ["", "end of the last row's requirement.", "its comment"]);
        assert_eq!(rows[1], ["3.4", "r1 r2 r3", "c1 c2 c3 c4 c5"]);
        assert_eq!(rows[2], ["3.5", "s1 s2 s3", "d1 d2"]);
    }

    #[test]
    fn at_a_page_top_the_lines_before_a_pause_end_the_row_the_break_cut() {
        // Bottom-aligned rows; the page opens with the last line of a row from the page
        // before, a pause above the next row's first line (no hole in a cell: under a line
        // and a half).
        let lines = vec![
            line(100.0, [None, Some("end of the last row."), None]),
            line(117.0, [None, Some("r1"), None]),
            line(129.0, [None, Some("r2"), Some("c1")]),
            line(141.0, [Some("2.5"), Some("r3"), Some("c2")]),
        ];
        let mut votes = Votes { top: 0, middle: 0, bottom: 3, pitch: None };
        let split = split_rows(lines, None, PageEdges { page_top: true, page_end: false, continued: true }, &mut votes);
        let rows = texts(&split);
        assert_eq!(rows, [vec!["", "end of the last row.", ""], vec!["2.5", "r1 r2 r3", "c1 c2"]]);
    }

    #[test]
    fn a_block_with_one_anchor_and_a_pause_after_it_keep_a_bottom_aligned_rows_last_line() {
        // The row's last evidence line sits a little below its number (columns aligned each
        // on its own); the next row starts after a pause. Giving that line to the next row
        // would cut a block that holds one anchor and cross a pause.
        let lines = vec![
            line(100.0, [None, Some("a1"), Some("e1")]),
            line(112.0, [Some("2.2"), Some("a2"), Some("e2")]),
            line(120.0, [None, None, Some("e3")]),
            line(142.0, [None, Some("b1"), None]),
            line(154.0, [Some("2.3"), Some("b2"), None]),
        ];
        let mut votes = Votes { top: 0, middle: 0, bottom: 3, pitch: None };
        let split = split_rows(lines, None, PageEdges::default(), &mut votes);
        assert_eq!(texts(&split), [vec!["2.2", "a1 a2", "e1 e2 e3"], vec!["2.3", "b1 b2", ""]]);
    }

    #[test]
    fn a_centred_row_cut_at_the_page_foot_takes_its_paragraphs_down_from_the_first_pause() {
        // The page opens with the end of the last page's row, a pause, then the paragraphs of
        // a tall commentary cell; its row runs on to the next page, the number centred on the
        // whole row, so below the middle of this page's part of it.
        let mut lines = vec![line(70.0, [None, None, Some("end a")]), line(80.0, [None, None, Some("end b")])];
        let mut y = 100.0;
        for (para, n) in [("p", 6), ("q", 6), ("r", 18)] {
            for i in 0..n {
                let text = format!("{para}{i}");
                // The number at y 296: below the middle (248) of the part from p0 to r17.
                let l = match (para, i) {
                    ("r", 6) => line(y, [None, Some("req one"), Some(&text)]),
                    ("r", 7) => line(y, [Some("3.2"), Some("req two"), Some(&text)]),
                    ("r", 8) => line(y, [None, Some("req three"), Some(&text)]),
                    _ => line(y, [None, None, Some(&text)]),
                };
                lines.push(l);
                y += 10.0;
            }
            y += 3.0;
        }
        let mut votes = Votes { top: 0, middle: 3, bottom: 0, pitch: None };
        let split = split_rows(lines, None, PageEdges { page_top: true, page_end: true, continued: true }, &mut votes);
        let rows = texts(&split);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0], ["", "", "end a end b"]);
        assert!(rows[1][2].starts_with("p0 p1"), "{rows:?}");
    }

    #[test]
    fn at_a_page_top_without_anchors_the_cut_row_ends_at_the_first_pause() {
        // The end of a row from the page before, a pause, then a row whose writer drew
        // neither number nor answer; a heading closes the body before the page ends.
        let lines = vec![
            line(100.0, [None, Some("end of 6.8"), Some("its comment")]),
            line(112.0, [None, Some("more of it."), None]),
            line(140.0, [None, Some("c. the decision"), Some("further training")]),
            line(152.0, [None, Some("on the complaint;"), Some("for staff.")]),
        ];
        let mut votes = Votes { top: 0, middle: 0, bottom: 3, pitch: None };
        let split = split_rows(lines, None, PageEdges { page_top: true, page_end: false, continued: true }, &mut votes);
        assert_eq!(texts(&split), [vec!["", "end of 6.8 more of it.", "its comment"], vec!["", "c. the decision on the complaint;", "further training for staff."]]);
        // Running on to the page's end, the same lines are one row over the whole page.
        let lines = vec![line(100.0, [None, Some("a"), None]), line(140.0, [None, Some("b"), None])];
        let split = split_rows(lines, None, PageEdges { page_top: true, page_end: true, continued: true }, &mut votes);
        assert_eq!(split.rows.len(), 1);
    }

    #[test]
    fn the_line_pitch_is_read_from_wrapped_lines_when_most_rows_are_one_line_high() {
        // Rows 16 apart, one line each but for one wrapped cell (lines 12 apart): the deltas
        // between rows outnumber those inside the cell.
        let mut lines = Vec::new();
        for (k, n) in ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"].into_iter().enumerate() {
            let y = 100.0 + 16.0 * k as f32;
            lines.push(line(y, [Some(n), Some("req"), Some("ev")]));
        }
        lines.push(line(196.0, [Some("2.7"), Some("req"), Some("ev one")]));
        lines.push(line(208.0, [None, None, Some("ev two")]));
        assert_eq!(line_pitch(&lines), Some(12.0));
        // Lines closer than the font size are not a cell's wrapped lines.
        let close = vec![line(100.0, [None, Some("a"), None]), line(108.0, [None, Some("b"), None]), line(120.0, [None, Some("c"), None]), line(132.0, [None, Some("d"), None])];
        assert_eq!(line_pitch(&close), Some(12.0));
    }

    #[test]
    fn a_paragraph_break_is_no_hole_but_a_pause_of_several_lines_is() {
        let lines = [
            line(100.0, [None, Some("a"), None]),
            line(112.0, [None, Some("b"), None]),
            // a paragraph break: a line and a half
            line(130.0, [None, Some("c"), Some("x")]),
            // three pitches of nothing in both columns: one and a half over the allowance
            line(166.0, [None, Some("d"), Some("y")]),
        ];
        let ys: Vec<f32> = lines.iter().map(|l| l.y).collect();
        let filled: Vec<u64> = lines.iter().map(|l| (0..3).filter(|&c| l.has_text(c)).fold(0, |m, c| m | 1 << c)).collect();
        let block = vec![0; lines.len()];
        let layout = Layout { ys: &ys, block: &block, filled: &filled, pitch: 12.0 };
        assert_eq!(layout.holes(0, 2), 0.0);
        assert!((layout.holes(0, 3) - 36.0).abs() < 1e-3, "{}", layout.holes(0, 3));
        assert_eq!(layout.holes(3, 3), 0.0);
    }
}
