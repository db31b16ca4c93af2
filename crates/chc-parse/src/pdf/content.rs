//! One pass over a page's content stream: every glyph with its position and marked-content
//! id (text state, fonts from [`FontCache`]), ruling lines (stroked segments, thin filled
//! rectangles), and, for the pdf-extract fallback, the marked-content id of every shown string.

use super::fonts::{Font, FontCache};
use super::glyphs::Collector;
use super::lexer::{Lexer, Operand};
use super::{deref, inherited, number, PageGeom};
use crate::Deadline;
use chc_model::Rule;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::sync::Arc;

pub(crate) struct Walked {
    pub rules: Vec<Rule>,
    /// For every string pdf-extract would show (each `Tj` string, each string inside `TJ`),
    /// in order: the innermost marked-content id around it.
    pub string_mcids: Vec<Option<i64>>,
    /// The page's glyphs, or why pdf-extract must read its text instead (a font we do not
    /// decode).
    pub text: Result<Collector, String>,
    /// List bullets drawn as shapes, as glyphs (text matrix, advance, size, marked-content
    /// id): added to whichever reader's glyphs the page ends up with.
    pub bullets: Vec<Bullet>,
    /// Set when the page is over a safety limit (forms drawing forms too deep or in a cycle,
    /// too many operators): pdf-extract, which has no such limits, must not read it.
    pub limit: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Matrix(pub [f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }
    fn from_operands(o: &[Operand]) -> Matrix {
        let v: Vec<f64> = o.iter().map(Operand::number).collect();
        Matrix([v[0], v[1], v[2], v[3], v[4], v[5]])
    }
    /// self × other (apply self first, then other), PDF row-vector convention.
    fn then(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// Text state parameters, saved and restored with the graphics state.
#[derive(Clone)]
struct TextState {
    font: Option<Arc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    /// `Tz` / 100.
    h_scale: f64,
    leading: f64,
    rise: f64,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    fill_white: bool,
    stroke_white: bool,
    text: TextState,
}

enum Seg {
    Line((f64, f64), (f64, f64)),
    /// Four corners of a rectangle (already transformed).
    Rect([(f64, f64); 4]),
}

/// Deepest form-in-form drawing followed. pdf-extract recurses into `Do` without a limit, so
/// a form that draws itself would overflow its stack (an abort, not a panic): a page that
/// nests deeper than this (any cycle does) is refused before pdf-extract sees it.
const MAX_FORM_DEPTH: usize = 12;
/// Longest page we walk; beyond that the page is certainly not a form.
const MAX_OPS: usize = 2_000_000;
/// Most glyphs kept from one page (a form page has a few thousand).
const MAX_GLYPHS: usize = 1_000_000;

/// Walk a page's content (`data`, from `get_page_content`).
pub(crate) fn walk_page(
    doc: &Document,
    page_id: ObjectId,
    data: &[u8],
    geom: &PageGeom,
    deadline: &Deadline,
    fonts: &FontCache,
    max_nesting: usize,
) -> Walked {
    let mut w = Walker {
        doc,
        fonts,
        max_nesting,
        geom: *geom,
        rules: Vec::new(),
        string_mcids: Vec::new(),
        text: Ok(Collector::new(*geom)),
        bullets: Vec::new(),
        ops: 0,
        limit: None,
        deadline: *deadline,
    };
    let resources = doc.get_dictionary(page_id).ok().and_then(|page| inherited(doc, page, b"Resources")).and_then(|r| r.as_dict().ok());
    let text = TextState { font: None, size: 0.0, char_spacing: 0.0, word_spacing: 0.0, h_scale: 1.0, leading: 0.0, rise: 0.0 };
    let gs = GState { ctm: Matrix::IDENTITY, fill_white: false, stroke_white: false, text };
    w.walk(data, resources, gs, None, 0);
    Walked { rules: w.rules, string_mcids: w.string_mcids, text: w.text, bullets: w.bullets, limit: w.limit }
}

struct Walker<'a> {
    doc: &'a Document,
    fonts: &'a FontCache,
    max_nesting: usize,
    geom: PageGeom,
    rules: Vec<Rule>,
    string_mcids: Vec<Option<i64>>,
    text: Result<Collector, String>,
    bullets: Vec<Bullet>,
    ops: usize,
    limit: Option<String>,
    deadline: Deadline,
}

impl<'a> Walker<'a> {
    fn walk(&mut self, data: &[u8], resources: Option<&'a Dictionary>, start: GState, outer_mcid: Option<i64>, depth: usize) {
        let mut lexer = Lexer::with_depth_limit(data, self.max_nesting);
        let mut o: Vec<Operand> = Vec::new();
        let mut gs = start;
        let mut stack: Vec<GState> = Vec::new();
        let mut path: Vec<Seg> = Vec::new();
        let mut cur: Option<(f64, f64)> = None;
        let mut sub_start: Option<(f64, f64)> = None;
        // The current path's bounding box and whether it has curves: a small round shape
        // filled beside text is a list bullet drawn as a picture (Skia draws `<li>` discs so).
        let mut extent = PathExtent::default();
        // The text matrix and the text line matrix: not part of the graphics state.
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Marked-content stack: Some(id) for a sequence with an MCID, None otherwise.
        let mut mc: Vec<Option<i64>> = Vec::new();
        while let Some(op) = lexer.next_op(&mut o) {
            if lexer.too_deep {
                self.limit = Some(format!("content nested more than {} deep", self.max_nesting));
            }
            if self.limit.is_some() {
                return;
            }
            self.ops += 1;
            if self.ops > MAX_OPS {
                self.limit = Some(format!("more than {MAX_OPS} drawing operators"));
                return;
            }
            if self.ops & 4095 == 0 && self.deadline.expired() {
                // The caller sees the deadline too and reports it.
                return;
            }
            let n = |i: usize| o.get(i).map(Operand::number).unwrap_or(0.0);
            match op {
                b"q" => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" if o.len() == 6 => gs.ctm = Matrix::from_operands(&o).then(gs.ctm),
                b"g" => gs.fill_white = n(0) >= 0.99,
                b"G" => gs.stroke_white = n(0) >= 0.99,
                b"rg" => gs.fill_white = o.len() == 3 && o.iter().all(|v| v.number() >= 0.99),
                b"RG" => gs.stroke_white = o.len() == 3 && o.iter().all(|v| v.number() >= 0.99),
                b"k" => gs.fill_white = o.len() == 4 && o.iter().all(|v| v.number() <= 0.01),
                b"K" => gs.stroke_white = o.len() == 4 && o.iter().all(|v| v.number() <= 0.01),
                b"cs" | b"sc" | b"scn" => gs.fill_white = false,
                b"CS" | b"SC" | b"SCN" => gs.stroke_white = false,
                b"m" if o.len() == 2 => {
                    let p = gs.ctm.apply(n(0), n(1));
                    extent.add(p);
                    cur = Some(p);
                    sub_start = Some(p);
                }
                b"l" if o.len() == 2 => {
                    let p = gs.ctm.apply(n(0), n(1));
                    extent.add(p);
                    if let Some(c) = cur {
                        path.push(Seg::Line(c, p));
                    }
                    cur = Some(p);
                }
                b"c" if o.len() == 6 => {
                    for k in [0, 2, 4] {
                        extent.add(gs.ctm.apply(n(k), n(k + 1)));
                    }
                    extent.curved = true;
                    cur = Some(gs.ctm.apply(n(4), n(5)));
                }
                b"v" | b"y" if o.len() == 4 => {
                    extent.add(gs.ctm.apply(n(0), n(1)));
                    extent.add(gs.ctm.apply(n(2), n(3)));
                    extent.curved = true;
                    cur = Some(gs.ctm.apply(n(2), n(3)));
                }
                b"h" => {
                    if let (Some(c), Some(s)) = (cur, sub_start) {
                        path.push(Seg::Line(c, s));
                        cur = Some(s);
                    }
                }
                b"re" if o.len() == 4 => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let m = gs.ctm;
                    path.push(Seg::Rect([m.apply(x, y), m.apply(x + w, y), m.apply(x + w, y + h), m.apply(x, y + h)]));
                    cur = Some(m.apply(x, y));
                    sub_start = cur;
                }
                b"S" | b"s" => {
                    if !gs.stroke_white {
                        self.stroke(&path);
                    }
                    path.clear();
                    extent = PathExtent::default();
                    cur = None;
                }
                b"f" | b"F" | b"f*" => {
                    if !gs.fill_white {
                        self.fill(&path);
                        if let Some(size) = extent.bullet_size() {
                            self.bullet(&extent, size, current_mcid(&mc).or(outer_mcid));
                        }
                    }
                    path.clear();
                    extent = PathExtent::default();
                    cur = None;
                }
                b"B" | b"B*" | b"b" | b"b*" => {
                    if !gs.fill_white {
                        self.fill(&path);
                        if let Some(size) = extent.bullet_size() {
                            self.bullet(&extent, size, current_mcid(&mc).or(outer_mcid));
                        }
                    }
                    if !gs.stroke_white {
                        self.stroke(&path);
                    }
                    path.clear();
                    extent = PathExtent::default();
                    cur = None;
                }
                b"n" => {
                    path.clear();
                    extent = PathExtent::default();
                    cur = None;
                }
                b"BMC" => mc.push(None),
                b"BDC" => {
                    let id = o.get(1).and_then(|p| self.mcid_of(p, resources));
                    mc.push(id);
                }
                b"EMC" => {
                    mc.pop();
                }
                b"BT" | b"ET" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tc" => gs.text.char_spacing = n(0),
                b"Tw" => gs.text.word_spacing = n(0),
                b"Tz" => gs.text.h_scale = n(0) / 100.0,
                b"TL" => gs.text.leading = n(0),
                b"Ts" => gs.text.rise = n(0),
                b"Tf" => {
                    gs.text.size = n(1);
                    gs.text.font = match o.first() {
                        Some(Operand::Name(name)) => self.font(resources, name),
                        _ => None,
                    };
                }
                b"Tm" if o.len() == 6 => {
                    tlm = Matrix::from_operands(&o);
                    tm = tlm;
                }
                b"Td" | b"TD" if o.len() == 2 => {
                    if op == b"TD" {
                        gs.text.leading = -n(1);
                    }
                    tlm = Matrix::translate(n(0), n(1)).then(tlm);
                    tm = tlm;
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -gs.text.leading).then(tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" && o.len() == 3 {
                            gs.text.word_spacing = n(0);
                            gs.text.char_spacing = n(1);
                        }
                        tlm = Matrix::translate(0.0, -gs.text.leading).then(tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = o.last() {
                        let id = current_mcid(&mc).or(outer_mcid);
                        self.string_mcids.push(id);
                        self.show(&gs, &mut tm, s, id);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = o.first() {
                        let id = current_mcid(&mc).or(outer_mcid);
                        for it in items {
                            match it {
                                Operand::Str(s) => {
                                    self.string_mcids.push(id);
                                    self.show(&gs, &mut tm, s, id);
                                }
                                Operand::Number(adjust) => {
                                    let t = &gs.text;
                                    tm = Matrix::translate(-adjust / 1000.0 * t.size * t.h_scale, 0.0).then(tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    let Some(Operand::Name(name)) = o.first() else { continue };
                    let Some(res) = resources else { continue };
                    let Some(xobjects) = res.get(b"XObject").ok().map(|x| deref(self.doc, x)).and_then(|x| x.as_dict().ok())
                    else {
                        continue;
                    };
                    let Some(Object::Stream(form)) = xobjects.get(name).ok().map(|x| deref(self.doc, x)) else { continue };
                    // pdf-extract runs any stream named by `Do` as content (images were blanked
                    // into empty forms before reading), so follow every one of them too.
                    if depth >= MAX_FORM_DEPTH {
                        self.limit = Some(format!("forms drawn inside forms more than {MAX_FORM_DEPTH} deep (a form that draws itself?)"));
                        return;
                    }
                    let matrix = form
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .map(|m| deref(self.doc, m))
                        .and_then(|m| m.as_array().ok())
                        .filter(|a| a.len() == 6)
                        .map(|a| {
                            let v: Vec<f64> = a.iter().map(|o| number(self.doc, o).unwrap_or(0.0)).collect();
                            Matrix([v[0], v[1], v[2], v[3], v[4], v[5]])
                        })
                        .unwrap_or(Matrix::IDENTITY);
                    let form_res = form
                        .dict
                        .get(b"Resources")
                        .ok()
                        .map(|r| deref(self.doc, r))
                        .and_then(|r| r.as_dict().ok())
                        .or(resources);
                    let data = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
                    let inner = GState { ctm: matrix.then(gs.ctm), ..gs.clone() };
                    let id = current_mcid(&mc).or(outer_mcid);
                    self.walk(&data, form_res, inner, id, depth + 1);
                }
                _ => {}
            }
        }
    }

    /// The font a `Tf` names, or `None` (and the page's text left to pdf-extract) when we do
    /// not decode it.
    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Arc<Font>> {
        let font_ref = resources
            .and_then(|r| r.get(b"Font").ok())
            .map(|f| deref(self.doc, f))
            .and_then(|f| f.as_dict().ok())
            .and_then(|fonts| fonts.get(name).ok());
        let Some(font_ref) = font_ref else {
            // Viewers show text in a font missing from the resources with a stand-in font.
            return Some(FontCache::stand_in());
        };
        match self.fonts.get(self.doc, font_ref) {
            Ok(f) => Some(f),
            Err(why) => {
                if self.text.is_ok() {
                    self.text = Err(why.0);
                }
                None
            }
        }
    }

    /// Show one string: a glyph per character code, advancing the text matrix.
    fn show(&mut self, gs: &GState, tm: &mut Matrix, s: &[u8], mcid: Option<i64>) {
        let Ok(collector) = self.text.as_mut() else { return };
        let t = &gs.text;
        let Some(font) = t.font.as_ref() else { return };
        if collector.len() >= MAX_GLYPHS {
            self.limit = Some(format!("more than {MAX_GLYPHS} glyphs on the page"));
            return;
        }
        let scale = Matrix([t.h_scale, 0.0, 0.0, 1.0, 0.0, t.rise]);
        for (code, len) in font.codes(s) {
            let w0 = font.width(code) / 1000.0;
            let trm = scale.then(*tm).then(gs.ctm);
            collector.push(trm.0, w0, t.size, font.text(code), mcid);
            // Word spacing applies to the single-byte code 32 only.
            let spacing = t.char_spacing + if code == 32 && len == 1 { t.word_spacing } else { 0.0 };
            *tm = Matrix::translate(t.h_scale * (w0 * t.size + spacing), 0.0).then(*tm);
        }
    }

    /// A bullet drawn as a shape becomes a "•" glyph on the baseline of the text beside it
    /// (the disc's centre sits about a quarter of the text size above that baseline).
    fn bullet(&mut self, extent: &PathExtent, size: f64, mcid: Option<i64>) {
        let Some((x0, y0)) = extent.min else { return };
        if self.bullets.len() >= MAX_GLYPHS {
            return;
        }
        let w = extent.max.0 - x0;
        let baseline = (y0 + extent.max.1) / 2.0 - 0.25 * size;
        self.bullets.push(Bullet { trm: [1.0, 0.0, 0.0, 1.0, x0, baseline], advance: w / size, size, mcid });
    }

    fn mcid_of(&self, props: &Operand, resources: Option<&Dictionary>) -> Option<i64> {
        let mcid = match props {
            Operand::Dict(entries) => return entries.iter().find(|(k, _)| k.as_ref() == b"MCID").map(|(_, v)| v.number() as i64),
            Operand::Name(name) => {
                let p = deref(self.doc, resources?.get(b"Properties").ok()?).as_dict().ok()?;
                deref(self.doc, p.get(name).ok()?).as_dict().ok()?.get(b"MCID").ok()?
            }
            _ => return None,
        };
        mcid.as_i64().ok()
    }

    fn push_rule(&mut self, a: (f64, f64), b: (f64, f64)) {
        let (x0, y0) = self.geom.to_shown(a.0, a.1);
        let (x1, y1) = self.geom.to_shown(b.0, b.1);
        let (x0, x1) = if x0 <= x1 { (x0, x1) } else { (x1, x0) };
        let (y0, y1) = if y0 <= y1 { (y0, y1) } else { (y1, y0) };
        let horizontal = (y1 - y0) <= 1.0 && (x1 - x0) > 2.0;
        let vertical = (x1 - x0) <= 1.0 && (y1 - y0) > 2.0;
        if horizontal || vertical {
            self.rules.push(Rule { x0: x0 as f32, y0: y0 as f32, x1: x1 as f32, y1: y1 as f32 });
        }
    }

    fn stroke(&mut self, path: &[Seg]) {
        for seg in path {
            match seg {
                Seg::Line(a, b) => self.push_rule(*a, *b),
                Seg::Rect(c) => {
                    for i in 0..4 {
                        self.push_rule(c[i], c[(i + 1) % 4]);
                    }
                }
            }
        }
    }

    fn fill(&mut self, path: &[Seg]) {
        // Thin filled rectangles are lines; four `l` segments closing a thin box count too.
        let mut boxes: Vec<[(f64, f64); 4]> = Vec::new();
        for seg in path {
            if let Seg::Rect(c) = seg {
                boxes.push(*c);
            }
        }
        let lines: Vec<((f64, f64), (f64, f64))> =
            path.iter().filter_map(|s| if let Seg::Line(a, b) = s { Some((*a, *b)) } else { None }).collect();
        if lines.len() >= 3 && lines.len() <= 5 {
            let pts: Vec<(f64, f64)> = lines.iter().map(|l| l.0).collect();
            let minx = pts.iter().map(|p| p.0).fold(f64::MAX, f64::min);
            let maxx = pts.iter().map(|p| p.0).fold(f64::MIN, f64::max);
            let miny = pts.iter().map(|p| p.1).fold(f64::MAX, f64::min);
            let maxy = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
            boxes.push([(minx, miny), (maxx, miny), (maxx, maxy), (minx, maxy)]);
        }
        for c in boxes {
            let xs = c.iter().map(|p| p.0);
            let ys = c.iter().map(|p| p.1);
            let (minx, maxx) = (xs.clone().fold(f64::MAX, f64::min), xs.fold(f64::MIN, f64::max));
            let (miny, maxy) = (ys.clone().fold(f64::MAX, f64::min), ys.fold(f64::MIN, f64::max));
            let (w, h) = (maxx - minx, maxy - miny);
            if h <= 3.0 && w > 3.0 {
                let y = (miny + maxy) / 2.0;
                self.push_rule((minx, y), (maxx, y));
            } else if w <= 3.0 && h > 3.0 {
                let x = (minx + maxx) / 2.0;
                self.push_rule((x, miny), (x, maxy));
            }
        }
    }
}

/// A list bullet drawn as a shape, to be shown as a "•" glyph.
pub(crate) struct Bullet {
    pub trm: [f64; 6],
    pub advance: f64,
    pub size: f64,
    pub mcid: Option<i64>,
}

/// The bounding box of the path being built, in user space.
#[derive(Default)]
struct PathExtent {
    min: Option<(f64, f64)>,
    max: (f64, f64),
    curved: bool,
}

impl PathExtent {
    fn add(&mut self, (x, y): (f64, f64)) {
        let ((mx, my), (nx, ny)) = match self.min {
            Some(min) => (min, self.max),
            None => ((x, y), (x, y)),
        };
        self.min = Some((mx.min(x), my.min(y)));
        self.max = (nx.max(x), ny.max(y));
    }

    /// A filled round shape 1.5–8 points across and about as wide as high reads as a bullet
    /// of a text about three times its size: that text size.
    fn bullet_size(&self) -> Option<f64> {
        let (x0, y0) = self.min?;
        let (w, h) = (self.max.0 - x0, self.max.1 - y0);
        let round = self.curved && (1.5..=8.0).contains(&w) && (1.5..=8.0).contains(&h) && (w / h - 1.0).abs() <= 0.3;
        round.then_some(h / 0.35)
    }
}

fn current_mcid(mc: &[Option<i64>]) -> Option<i64> {
    mc.iter().rev().find_map(|m| *m)
}
