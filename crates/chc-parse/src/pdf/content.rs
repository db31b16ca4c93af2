//! A small content-stream walker for what pdf-extract does not report: ruling lines (stroked
//! segments, thin filled rectangles) and the marked-content id around every shown string.

use super::PageGeom;
use crate::Deadline;
use chc_model::Rule;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

pub(crate) struct Walked {
    pub rules: Vec<Rule>,
    /// For every string pdf-extract will show (each `Tj` string, each string inside `TJ`), in
    /// order: the innermost marked-content id around it.
    pub string_mcids: Vec<Option<i64>>,
    /// Set when the page is over a safety limit (forms drawing forms too deep or in a cycle,
    /// too many operators): pdf-extract, which has no such limits, must not read it.
    pub limit: Option<String>,
}

#[derive(Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
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

#[derive(Clone, Copy)]
struct GState {
    ctm: Matrix,
    fill_white: bool,
    stroke_white: bool,
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

/// Walk a page's content (`data`, from `get_page_content`).
pub(crate) fn walk_page(doc: &Document, page_id: ObjectId, data: &[u8], geom: &PageGeom, deadline: &Deadline) -> Walked {
    let mut w = Walker { doc, geom: *geom, rules: Vec::new(), string_mcids: Vec::new(), ops: 0, limit: None, deadline: *deadline };
    let resources = page_resources(doc, page_id);
    let gs = GState { ctm: Matrix::IDENTITY, fill_white: false, stroke_white: false };
    w.walk(data, resources, gs, None, 0);
    Walked { rules: w.rules, string_mcids: w.string_mcids, limit: w.limit }
}

fn page_resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(r) = dict.get(b"Resources") {
            return deref(doc, r).as_dict().ok();
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// Follow references (a bounded number of hops: reference chains can loop).
pub(super) fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    let mut o = o;
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return o,
            },
            _ => return o,
        }
    }
    o
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => 0.0,
    }
}

fn nums(ops: &[Object]) -> Vec<f64> {
    ops.iter().map(num).collect()
}

struct Walker<'a> {
    doc: &'a Document,
    geom: PageGeom,
    rules: Vec<Rule>,
    string_mcids: Vec<Option<i64>>,
    ops: usize,
    limit: Option<String>,
    deadline: Deadline,
}

impl<'a> Walker<'a> {
    fn walk(&mut self, data: &[u8], resources: Option<&'a Dictionary>, start: GState, outer_mcid: Option<i64>, depth: usize) {
        let Ok(content) = Content::decode(data) else { return };
        let mut gs = start;
        let mut stack: Vec<GState> = Vec::new();
        let mut path: Vec<Seg> = Vec::new();
        let mut cur: Option<(f64, f64)> = None;
        let mut sub_start: Option<(f64, f64)> = None;
        // Marked-content stack: Some(id) for a sequence with an MCID, None otherwise.
        let mut mc: Vec<Option<i64>> = Vec::new();
        for op in &content.operations {
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
            let o = &op.operands;
            match op.operator.as_str() {
                "q" => stack.push(gs),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" if o.len() == 6 => {
                    let v = nums(o);
                    gs.ctm = Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]).then(gs.ctm);
                }
                "g" => gs.fill_white = o.first().map(num).unwrap_or(0.0) >= 0.99,
                "G" => gs.stroke_white = o.first().map(num).unwrap_or(0.0) >= 0.99,
                "rg" => gs.fill_white = o.len() == 3 && nums(o).iter().all(|v| *v >= 0.99),
                "RG" => gs.stroke_white = o.len() == 3 && nums(o).iter().all(|v| *v >= 0.99),
                "k" => gs.fill_white = o.len() == 4 && nums(o).iter().all(|v| *v <= 0.01),
                "K" => gs.stroke_white = o.len() == 4 && nums(o).iter().all(|v| *v <= 0.01),
                "cs" | "sc" | "scn" => gs.fill_white = false,
                "CS" | "SC" | "SCN" => gs.stroke_white = false,
                "m" if o.len() == 2 => {
                    let p = gs.ctm.apply(num(&o[0]), num(&o[1]));
                    cur = Some(p);
                    sub_start = Some(p);
                }
                "l" if o.len() == 2 => {
                    let p = gs.ctm.apply(num(&o[0]), num(&o[1]));
                    if let Some(c) = cur {
                        path.push(Seg::Line(c, p));
                    }
                    cur = Some(p);
                }
                "c" if o.len() == 6 => cur = Some(gs.ctm.apply(num(&o[4]), num(&o[5]))),
                "v" | "y" if o.len() == 4 => cur = Some(gs.ctm.apply(num(&o[2]), num(&o[3]))),
                "h" => {
                    if let (Some(c), Some(s)) = (cur, sub_start) {
                        path.push(Seg::Line(c, s));
                        cur = Some(s);
                    }
                }
                "re" if o.len() == 4 => {
                    let v = nums(o);
                    let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                    let m = gs.ctm;
                    path.push(Seg::Rect([m.apply(x, y), m.apply(x + w, y), m.apply(x + w, y + h), m.apply(x, y + h)]));
                    cur = Some(m.apply(x, y));
                    sub_start = cur;
                }
                "S" | "s" => {
                    if !gs.stroke_white {
                        self.stroke(&path);
                    }
                    path.clear();
                    cur = None;
                }
                "f" | "F" | "f*" => {
                    if !gs.fill_white {
                        self.fill(&path);
                    }
                    path.clear();
                    cur = None;
                }
                "B" | "B*" | "b" | "b*" => {
                    if !gs.fill_white {
                        self.fill(&path);
                    }
                    if !gs.stroke_white {
                        self.stroke(&path);
                    }
                    path.clear();
                    cur = None;
                }
                "n" => {
                    path.clear();
                    cur = None;
                }
                "BMC" => mc.push(None),
                "BDC" => {
                    let id = o.get(1).and_then(|p| self.mcid_of(p, resources));
                    mc.push(id);
                }
                "EMC" => {
                    mc.pop();
                }
                "Tj" => {
                    if matches!(o.first(), Some(Object::String(..))) {
                        let id = current_mcid(&mc).or(outer_mcid);
                        self.string_mcids.push(id);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        let id = current_mcid(&mc).or(outer_mcid);
                        for it in items {
                            if matches!(it, Object::String(..)) {
                                self.string_mcids.push(id);
                            }
                        }
                    }
                }
                "Do" => {
                    let Some(name) = o.first().and_then(|n| n.as_name().ok()) else { continue };
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
                            let v = nums(a);
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
                    let inner = GState { ctm: matrix.then(gs.ctm), ..gs };
                    let id = current_mcid(&mc).or(outer_mcid);
                    self.walk(&data, form_res, inner, id, depth + 1);
                }
                _ => {}
            }
        }
    }

    fn mcid_of(&self, props: &Object, resources: Option<&Dictionary>) -> Option<i64> {
        let dict = match props {
            Object::Dictionary(d) => d,
            Object::Name(name) => {
                let res = resources?;
                let p = deref(self.doc, res.get(b"Properties").ok()?).as_dict().ok()?;
                deref(self.doc, p.get(name).ok()?).as_dict().ok()?
            }
            other => deref(self.doc, other).as_dict().ok()?,
        };
        dict.get(b"MCID").ok().and_then(|m| m.as_i64().ok())
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

fn current_mcid(mc: &[Option<i64>]) -> Option<i64> {
    mc.iter().rev().find_map(|m| *m)
}
