//! pdf-extract output device: glyphs to [`TextRun`]s in shown-page coordinates.

use super::PageGeom;
use crate::Deadline;
use chc_model::TextRun;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    /// Baseline direction, shown coordinates, unit length.
    pub dir: (f64, f64),
    pub text: GlyphText,
    pub mcid: Option<i64>,
}

/// A glyph's text, kept inline: a page has thousands of glyphs of a few bytes each, and a
/// heap string per glyph was a tenth of PDF parse time.
#[derive(Debug, Clone)]
pub(crate) enum GlyphText {
    Inline { len: u8, bytes: [u8; 22] },
    Heap(Box<str>),
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> Self {
        if s.len() <= 22 {
            let mut bytes = [0u8; 22];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            GlyphText::Inline { len: s.len() as u8, bytes }
        } else {
            GlyphText::Heap(s.into())
        }
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Only ever built from a whole `&str` (From above), so always valid UTF-8.
            GlyphText::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).unwrap_or(""),
            GlyphText::Heap(s) => s,
        }
    }
}

pub(crate) struct Collector {
    geom: PageGeom,
    glyphs: Vec<Glyph>,
    /// Set when pdf-extract shows the glyphs: the marked-content id of each string it will
    /// show, from our walker, and a count of the strings it has shown so far.
    pdf_extract: Option<(Vec<Option<i64>>, usize, Deadline)>,
    calls: u32,
}

impl Collector {
    /// For glyphs from our own content walker, which knows each glyph's marked-content id.
    pub fn new(geom: PageGeom) -> Self {
        Collector { geom, glyphs: Vec::new(), pdf_extract: None, calls: 0 }
    }

    /// For glyphs from pdf-extract, matched to marked-content ids by string order.
    pub fn for_pdf_extract(geom: PageGeom, string_mcids: Vec<Option<i64>>, deadline: Deadline) -> Self {
        Collector { geom, glyphs: Vec::new(), pdf_extract: Some((string_mcids, 0, deadline)), calls: 0 }
    }

    pub fn len(&self) -> usize {
        self.glyphs.len()
    }

    /// One glyph: `trm` maps text space (without the font size) to user space, `width` is the
    /// advance in text space units (thousandths of the font size).
    pub fn push(&mut self, trm: [f64; 6], width: f64, font_size: f64, text: &str, mcid: Option<i64>) {
        if text.is_empty() || !font_size.is_finite() {
            return;
        }
        let [a, b, c, d, e, f] = trm;
        let sx = (a * a + b * b).sqrt();
        let sy = (c * c + d * d).sqrt();
        let size = (font_size * sy).abs();
        let adv = (width * font_size * sx).abs();
        if !size.is_finite() || !adv.is_finite() || !(0.5..=500.0).contains(&size) {
            return;
        }
        let (x, y) = self.geom.to_shown(e, f);
        let (dx, dy) = self.geom.dir_to_shown(a, b);
        let len = (dx * dx + dy * dy).sqrt();
        let dir = if len > 0.0 { (dx / len, dy / len) } else { (1.0, 0.0) };
        self.glyphs.push(Glyph { x, y, width: adv, size, dir, text: text.into(), mcid });
    }

    /// Runs, text per marked-content id (when `marked_text`: only the structure tree reader
    /// needs it), and how many glyphs were dropped for being set at an angle other than the
    /// page's main text direction.
    pub fn finish(self, marked_text: bool) -> (Vec<TextRun>, HashMap<i64, String>, usize, usize) {
        // pdf-extract reports one word per shown string; when the counts differ our walker
        // misread the stream and the marked-content ids cannot be trusted.
        let mcids_ok = self.pdf_extract.as_ref().is_none_or(|(ids, words, _)| *words == ids.len());
        let mut glyphs = self.glyphs;
        if !mcids_ok {
            for g in &mut glyphs {
                g.mcid = None;
            }
        }
        let (w, h) = self.geom.shown_size();
        let (glyphs, dropped, main) = upright(glyphs, w, h);
        let runs = group_runs(&glyphs);
        let mut mcid_text: HashMap<i64, String> = HashMap::new();
        if mcids_ok && marked_text {
            let mut by_id: HashMap<i64, Vec<&Glyph>> = HashMap::new();
            for g in &glyphs {
                if let Some(id) = g.mcid {
                    by_id.entry(id).or_default().push(g);
                }
            }
            for (id, gs) in by_id {
                mcid_text.insert(id, runs_to_text(&group_runs(gs)));
            }
        }
        (runs.into_iter().map(|(r, _)| r).collect(), mcid_text, dropped, main)
    }
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _page_num: u32, _media_box: &MediaBox, _art_box: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, ch: &str) -> Result<(), OutputError> {
        self.calls = self.calls.wrapping_add(1);
        let Some((ids, words, deadline)) = self.pdf_extract.as_ref() else { return Ok(()) };
        // The only way to stop pdf-extract part-way: fail the page when time is up.
        if self.calls & 1023 == 0 && deadline.expired() {
            return Err(OutputError::IoError(std::io::Error::new(std::io::ErrorKind::TimedOut, "time budget exhausted")));
        }
        let mcid = ids.get(words.wrapping_sub(1)).copied().flatten();
        self.push([trm.m11, trm.m12, trm.m21, trm.m22, trm.m31, trm.m32], width, font_size, ch, mcid);
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        if let Some((_, words, _)) = self.pdf_extract.as_mut() {
            *words += 1;
        }
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Keep the glyphs that run in the page's main direction, turned so that they read left to
/// right (a landscape table drawn rotated on a portrait page comes out upright).
fn upright(glyphs: Vec<Glyph>, w: f64, h: f64) -> (Vec<Glyph>, usize, usize) {
    let quadrant = |g: &Glyph| -> usize {
        let (dx, dy) = g.dir;
        if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                0
            } else {
                2
            }
        } else if dy >= 0.0 {
            1 // reads downwards: turned 90° clockwise
        } else {
            3
        }
    };
    let mut counts = [0usize; 4];
    for g in &glyphs {
        if !g.text.trim().is_empty() {
            counts[quadrant(g)] += 1;
        }
    }
    let main = (0..4).max_by_key(|&q| (counts[q], q == 0)).unwrap_or(0);
    let total = glyphs.len();
    let kept: Vec<Glyph> = glyphs
        .into_iter()
        .filter(|g| quadrant(g) == main)
        .map(|mut g| {
            let (nx, ny) = turn(main, g.x, g.y, w, h);
            g.x = nx;
            g.y = ny;
            g.dir = (1.0, 0.0);
            g
        })
        .collect();
    let dropped = total - kept.len();
    (kept, dropped, main)
}

/// Turn shown-page coordinates so that text direction `quadrant` (0 right, 1 down, 2 left,
/// 3 up) reads left to right. `w`, `h`: the shown page size before turning.
pub(crate) fn turn(quadrant: usize, x: f64, y: f64, w: f64, h: f64) -> (f64, f64) {
    match quadrant {
        1 => (y, w - x),
        2 => (w - x, h - y),
        3 => (h - y, x),
        _ => (x, y),
    }
}

/// Group glyphs, in the order they were drawn, into runs: same baseline, same size, each glyph
/// starting where the previous one ended (a gap of a space or so is bridged with a space).
pub(crate) fn group_runs<'g>(glyphs: impl IntoIterator<Item = &'g Glyph>) -> Vec<(TextRun, Option<i64>)> {
    let mut runs: Vec<(TextRun, Option<i64>)> = Vec::new();
    // The run, its marked-content id, where its glyphs end, and where its last glyph with
    // ink ends.
    let mut cur: Option<(TextRun, Option<i64>, f64, f64)> = None;
    for g in glyphs {
        let is_space = g.text.chars().all(|c| c == ' ' || c == '\u{a0}');
        if let Some((run, mcid, end, ink_end)) = cur.as_mut() {
            let size_ok = (run.font_size as f64 - g.size).abs() <= 0.15 * g.size.max(run.font_size as f64);
            let base_ok = (run.y as f64 - g.y).abs() <= 0.2 * g.size;
            let gap = g.x - *end;
            let adjacent = gap >= -0.5 * g.size && gap <= 0.45 * g.size;
            if size_ok && base_ok && adjacent && *mcid == g.mcid {
                if gap > 0.15 * g.size && !run.text.ends_with(' ') && !is_space {
                    run.text.push(' ');
                }
                // A space glyph the writer took back by kerning, the next letter set where
                // the space began ("ev er" for "ever" from PostScript typesetters), parts no
                // words.
                if !is_space && run.text.ends_with(' ') && g.x - *ink_end < 0.1 * g.size {
                    run.text.pop();
                }
                run.text.push_str(&g.text);
                *end = (*end).max(g.x + g.width);
                if !is_space {
                    *ink_end = g.x + g.width;
                }
                run.width = (*end - run.x as f64) as f32;
                continue;
            }
            let (r, m, _, _) = cur.take().unwrap();
            push_run(&mut runs, r, m);
        }
        if is_space {
            continue; // a run never starts with a space
        }
        cur = Some((
            TextRun { x: g.x as f32, y: g.y as f32, width: g.width as f32, font_size: g.size as f32, text: g.text.to_string() },
            g.mcid,
            g.x + g.width,
            g.x + g.width,
        ));
    }
    if let Some((r, m, _, _)) = cur {
        push_run(&mut runs, r, m);
    }
    runs
}

fn push_run(runs: &mut Vec<(TextRun, Option<i64>)>, mut run: TextRun, mcid: Option<i64>) {
    let trimmed = run.text.trim_end();
    if trimmed.len() != run.text.len() {
        // Trailing spaces add width that is not ink: shrink by an estimate.
        let n = run.text.len() - trimmed.len();
        run.text.truncate(trimmed.len());
        run.width = (run.width - n as f32 * 0.28 * run.font_size).max(0.0);
    }
    if !run.text.is_empty() {
        runs.push((run, mcid));
    }
}

/// Runs of one marked-content sequence as text: lines in reading order joined with spaces
/// (hyphenated line ends joined without one).
fn runs_to_text(runs: &[(TextRun, Option<i64>)]) -> String {
    let mut sorted: Vec<&TextRun> = runs.iter().map(|(r, _)| r).collect();
    sorted.sort_by(|a, b| a.y.partial_cmp(&b.y).unwrap_or(std::cmp::Ordering::Equal));
    let mut lines: Vec<Vec<&TextRun>> = Vec::new();
    for r in sorted {
        match lines.last_mut() {
            Some(l) if (l[0].y - r.y).abs() <= 0.4 * r.font_size => l.push(r),
            _ => lines.push(vec![r]),
        }
    }
    let mut out = String::new();
    for mut l in lines {
        l.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
        let mut line = String::new();
        let mut end = f32::MIN;
        for r in l {
            if !line.is_empty() && r.x - end > 0.15 * r.font_size && !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(&r.text);
            end = r.x + r.width;
        }
        join_line(&mut out, line.trim());
    }
    out
}

/// Hyphens a line may end in inside a word: hyphen-minus (typed, or TeX's) and the
/// hyphen U+2010 browsers set when they hyphenate.
pub const LINE_END_HYPHENS: [char; 2] = ['-', '\u{2010}'];

/// How a document spells its words: whole ("expresses") and with a hyphen of their own
/// ("self-assessment"). A typesetter (TeX, groff, a browser told to) hyphenates words at line
/// ends where a word processor breaks only at a compound's own hyphen; whether "ex-" then
/// "presses" is one word is told by the spellings the document (or the Code it quotes) uses
/// elsewhere, not by the break.
#[derive(Debug, Default)]
pub struct Spellings {
    /// The texts learned, lower-cased, U+2010 as '-', one per line: searched for a word
    /// only when a break asks (a document has a few breaks and many words).
    text: String,
    /// Words learned one by one ([`Spellings::learn_words`]): a set kept for every
    /// document, asked about every break, is looked up rather than searched.
    words: std::collections::HashSet<String>,
    /// Spellings that hold for every document (the Code's own words).
    base: Option<&'static Spellings>,
}

impl Spellings {
    pub fn with_base(base: &'static Spellings) -> Spellings {
        Spellings { base: Some(base), ..Spellings::default() }
    }

    /// Learn the spellings of `text`'s words. A word at a line end that ends in a hyphen is
    /// half a word, and is never found whole (a line ends the text learned).
    pub fn learn(&mut self, text: &str) {
        if text.is_ascii() {
            let from = self.text.len();
            self.text.push_str(text);
            self.text[from..].make_ascii_lowercase();
        } else {
            self.text.extend(lower_case(text));
        }
        self.text.push('\n');
    }

    /// [`Spellings::learn`], word by word into a set: for spellings built once and asked
    /// often.
    pub fn learn_words(&mut self, text: &str) {
        for token in text.split_whitespace() {
            let word = token.trim_matches(|c: char| !c.is_alphanumeric() && !LINE_END_HYPHENS.contains(&c)).trim_start_matches(LINE_END_HYPHENS);
            if !word.is_empty() && !word.ends_with(LINE_END_HYPHENS) {
                self.words.insert(lower_case(word).collect());
            }
        }
    }

    fn layers(&self) -> impl Iterator<Item = &Spellings> {
        std::iter::successors(Some(self), |s| s.base)
    }

    /// Whether the text learned holds `word` (lower case) as a word of its own: no letter,
    /// digit or hyphen either side.
    fn spells(&self, word: &str) -> bool {
        if self.words.contains(word) {
            return true;
        }
        let bytes = self.text.as_bytes();
        let part_of_word = |c: char| c.is_alphanumeric() || c == '-';
        memchr::memmem::find_iter(bytes, word.as_bytes()).any(|at| {
            let before = self.text[..at].chars().next_back();
            let after = self.text[at + word.len()..].chars().next();
            !before.is_some_and(part_of_word) && !after.is_some_and(part_of_word)
        })
    }

    /// Whether "`left`-`right`" is spelled with its hyphen somewhere.
    fn is_compound(&self, left: &str, right: &str) -> bool {
        let compound = format!("{left}-{right}").to_lowercase();
        self.layers().any(|s| s.spells(&compound))
    }

    /// Whether `left` (before a line-end hyphen) and `right` (starting the next line) are
    /// one word the writer hyphenated: spelled whole somewhere, and never with that hyphen.
    fn is_one_word(&self, left: &str, right: &str) -> bool {
        let whole = format!("{left}{right}").to_lowercase();
        !self.is_compound(left, right) && self.layers().any(|s| s.spells(&whole))
    }
}

/// `text` lower-cased, the hyphen U+2010 as hyphen-minus.
fn lower_case(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase).map(|c| if c == '\u{2010}' { '-' } else { c })
}

/// Append one visual line to text built from earlier lines of the same paragraph: a word
/// broken by a hyphen (or soft hyphen) at the line end is joined, otherwise a space separates.
pub fn join_line(out: &mut String, line: &str) {
    join_line_with(out, line, None);
}

/// [`join_line`], where a hyphen at the line end may be the writer's hyphenation: with the
/// document's `spellings`, a word they spell whole is joined without it.
pub fn join_line_with(out: &mut String, line: &str, spellings: Option<&Spellings>) {
    if line.is_empty() {
        return;
    }
    if out.is_empty() {
        out.push_str(line);
        return;
    }
    if out.ends_with('\u{AD}') {
        out.pop();
        out.push_str(line);
        return;
    }
    let last_word = out.rsplit(' ').next().unwrap_or("");
    let next_starts_word = line.chars().next().is_some_and(|c| c.is_alphanumeric());
    let url_like = last_word.contains("://") || last_word.starts_with("www.");
    if url_like && next_starts_word && last_word.ends_with(['/', '-', '_', '=', '&', '?', '#']) {
        out.push_str(line);
        return;
    }
    // A web address some writers break anywhere ("https://www.sc" / "amb.gov.uk/…"): the
    // next line goes on with more of an address (a first word holding '/' or a dot inside).
    let next_word = line.split(' ').next().unwrap_or("");
    let goes_on = next_word.contains('/') || next_word.trim_end_matches(['.', ',', ';', ')']).contains('.');
    if url_like && next_starts_word && goes_on && !last_word.ends_with(['.', ',', ';', ')']) {
        out.push_str(line);
        return;
    }
    let hyphen_break = last_word.ends_with(LINE_END_HYPHENS)
        && last_word.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic())
        && line.chars().next().is_some_and(|c| c.is_lowercase());
    if hyphen_break {
        // Keep a hyphen-minus unless the spellings say otherwise: word processors set forms
        // without automatic hyphenation, so a hyphen at a line end is a compound word's
        // ("self-assessment", "co-ordinate"). A browser's automatic hyphenation sets U+2010,
        // which a typed compound seldom has: it goes unless the spellings know the compound.
        let mut stem = last_word.chars();
        let typeset = stem.next_back() == Some('\u{2010}');
        let mut left: Vec<char> = stem.rev().take_while(|c| c.is_alphabetic()).collect();
        left.reverse();
        let left: String = left.into_iter().collect();
        let right: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
        let one_word = match spellings {
            Some(s) => s.is_one_word(&left, &right) || typeset && !s.is_compound(&left, &right),
            None => typeset,
        };
        if one_word {
            out.pop();
        }
        out.push_str(line);
        return;
    }
    out.push(' ');
    out.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn g(x: f64, y: f64, t: &str) -> Glyph {
        Glyph { x, y, width: 5.0, size: 10.0, dir: (1.0, 0.0), text: t.into(), mcid: None }
    }

    #[test]
    fn glyphs_group_into_runs_and_split_at_gaps() {
        let gs = vec![g(10.0, 100.0, "A"), g(15.0, 100.0, "b"), g(20.0, 100.0, " "), g(25.0, 100.0, "c"), g(60.0, 100.0, "Z")];
        let runs = group_runs(&gs);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].0.text, "Ab c");
        assert_eq!(runs[0].0.width, 20.0);
        assert_eq!(runs[1].0.text, "Z");
    }

    #[test]
    fn a_space_glyph_taken_back_by_kerning_parts_no_words() {
        // "ev", a space the writer kerned back over, "er": one word.
        let gs = vec![g(10.0, 100.0, "e"), g(14.5, 100.0, "v"), g(19.0, 100.0, " "), g(19.2, 100.0, "e"), g(23.7, 100.0, "r")];
        assert_eq!(group_runs(&gs)[0].0.text, "ever");
        // A space that advances parts words.
        let gs = vec![g(10.0, 100.0, "a"), g(15.0, 100.0, " "), g(17.5, 100.0, "b")];
        assert_eq!(group_runs(&gs)[0].0.text, "a b");
    }

    #[test]
    fn small_gap_without_space_glyph_becomes_space() {
        let gs = vec![g(10.0, 100.0, "a"), g(17.0, 100.0, "b")];
        assert_eq!(group_runs(&gs)[0].0.text, "a b");
    }

    #[test]
    fn joins_lines() {
        let mut s = String::from("complaints self-");
        join_line(&mut s, "assessment form");
        assert_eq!(s, "complaints self-assessment form");
        let mut s = String::from("see https://www.example.gov.uk/");
        join_line(&mut s, "complaints-policy");
        assert_eq!(s, "see https://www.example.gov.uk/complaints-policy");
        let mut s = String::from("see https://www.sc");
        join_line(&mut s, "amb.gov.uk/your-council");
        assert_eq!(s, "see https://www.scamb.gov.uk/your-council");
        let mut s = String::from("see https://www.example.gov.uk");
        join_line(&mut s, "and section 4.2");
        assert_eq!(s, "see https://www.example.gov.uk and section 4.2");
        let mut s = String::from("points 4.6 –");
        join_line(&mut s, "4.8");
        assert_eq!(s, "points 4.6 – 4.8");
        let mut s = String::from("com\u{AD}");
        join_line(&mut s, "plaint");
        assert_eq!(s, "complaint");
    }

    #[test]
    fn a_typesetters_hyphenation_is_joined_where_the_document_spells_the_word_whole() {
        static CODE: OnceLock<Spellings> = OnceLock::new();
        let code = CODE.get_or_init(|| {
            let mut code = Spellings::default();
            code.learn_words("Landlords must co-operate with the Ombudsman and record each complaint.");
            code
        });
        let mut doc = Spellings::with_base(code);
        doc.learn("Tenants of Brindlecombe Homes raised dissatisfaction; a self-assessment followed.");
        let joined = |before: &str, after: &str| {
            let mut s = before.to_string();
            join_line_with(&mut s, after, Some(&doc));
            s
        };
        // A word the document or the Code spells whole, broken by the typesetter.
        assert_eq!(joined("residents' dissat-", "isfaction was logged"), "residents' dissatisfaction was logged");
        assert_eq!(joined("each com-", "plaint's outcome"), "each complaint's outcome");
        // A compound the document or the Code spells with its hyphen keeps it.
        assert_eq!(joined("our self-", "assessment"), "our self-assessment");
        assert_eq!(joined("we co-", "operate fully"), "we co-operate fully");
        // A word nobody spells whole keeps the hyphen, as without spellings.
        assert_eq!(joined("a follow-", "up letter"), "a follow-up letter");
        let mut s = String::from("each com-");
        join_line(&mut s, "plaint");
        assert_eq!(s, "each com-plaint");
    }

    #[test]
    fn rotated_page_text_is_turned_upright() {
        let mut a = g(100.0, 10.0, "a");
        a.dir = (0.0, 1.0);
        let mut b = g(100.0, 16.0, "b");
        b.dir = (0.0, 1.0);
        let (kept, dropped, _) = upright(vec![a, b, g(5.0, 5.0, "x")], 600.0, 800.0);
        assert_eq!(dropped, 1);
        assert_eq!(kept.len(), 2);
        assert!(kept[0].x < kept[1].x);
        assert!((kept[0].y - kept[1].y).abs() < 1e-9);
    }
}
