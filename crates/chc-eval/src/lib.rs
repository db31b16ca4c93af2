//! The accuracy scorer: extracted documents against hand-checked gold files.
//!
//! [`evaluate`] pairs `gold/<stem>.json` with `<output>/documents/<stem>.json` (or
//! `<output>/<stem>.json`), aligns rows ([`align`]), and reports per-document and overall
//! metrics in a [`Report`] (JSON via serde, a fixed-width table via
//! [`Report::render_table`]). What each metric means is written on [`Metrics`] and in
//! `docs/eval.md`.
//!
//! # Rows with no rows
//! Every ratio whose denominator is 0 is **1.0 when both the gold and the extracted side have
//! no rows, 0.0 otherwise** (an empty extraction of a non-empty form scores 0, extracting rows
//! from a form whose gold has none scores 0, two empty documents score 1). The only exceptions
//! are [`Metrics::number_in_source_accuracy`] and [`Metrics::rag_accuracy`], which are `None`
//! when no gold row states the field at all (nothing to judge).

mod load;
mod text;

pub use load::{documents_dir, json_files, load_document, load_gold_dir, parse_comply, parse_document, Gold, GoldRow};
pub use text::{levenshtein_bitparallel, normalise, similarity_normalised, text_similarity, LONG_TEXT_CHARS};

use anyhow::{bail, Result};
use chc_model::{CodeVersion, Comply, Document, Rag};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::path::Path;

/// Worst rows kept per document.
pub const WORST_ROWS_PER_DOC: usize = 10;
/// Worst rows kept in the report over all documents.
pub const WORST_ROWS_OVERALL: usize = 20;
/// Rows without a provision on one side are paired by requirement similarity above this.
pub const TEXT_MATCH_THRESHOLD: f64 = 0.5;
/// The fields of the structure metric's table, in column order.
pub const STRUCTURE_FIELDS: [&str; 4] = ["requirement", "comply_raw", "evidence", "commentary"];

// ---- report types ------------------------------------------------------------------------

/// Comply confusion matrix: `matrix[gold][extracted]`, both indexed in [`Confusion::labels`]
/// order (yes, no, partial, not_applicable, unknown), counted over matched rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    pub labels: [&'static str; 5],
    pub matrix: [[usize; 5]; 5],
}

impl Default for Confusion {
    fn default() -> Self {
        Confusion { labels: Comply::ALL.map(Comply::as_str), matrix: [[0; 5]; 5] }
    }
}

impl Confusion {
    fn index(c: Comply) -> usize {
        Comply::ALL.iter().position(|x| *x == c).unwrap_or(4)
    }
    pub fn add(&mut self, gold: Comply, extracted: Comply) {
        self.matrix[Self::index(gold)][Self::index(extracted)] += 1;
    }
    pub fn get(&self, gold: Comply, extracted: Comply) -> usize {
        self.matrix[Self::index(gold)][Self::index(extracted)]
    }
    fn merge(&mut self, other: &Confusion) {
        for i in 0..5 {
            for j in 0..5 {
                self.matrix[i][j] += other.matrix[i][j];
            }
        }
    }
}

/// Raw counts behind [`Metrics`]; summed over documents for the micro-averaged overall.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Gold documents scored (found or not).
    pub documents: usize,
    pub gold_rows: usize,
    pub extracted_rows: usize,
    /// Aligned pairs (by provision, or by requirement text for unnumbered rows).
    pub matched_rows: usize,
    /// Aligned pairs whose provisions agree (both null counts as agreeing).
    pub provision_tp: usize,
    pub comply_correct: usize,
    pub confusion: Confusion,
    pub requirement_similarity_sum: f64,
    pub evidence_similarity_sum: f64,
    pub commentary_similarity_sum: f64,
    /// Gold rows stating `number_in_source`; of those, matched ones; of those, correct.
    pub number_in_source_gold: usize,
    pub number_in_source_judged: usize,
    pub number_in_source_correct: usize,
    /// Gold rows with a RAG rating; of those, matched ones; of those, correct.
    pub rag_gold: usize,
    pub rag_judged: usize,
    pub rag_correct: usize,
    /// Structure metric: cells (rows × 4) on each side and the similarity mass of the best
    /// order-preserving row alignment.
    pub structure_cells_gold: usize,
    pub structure_cells_extracted: usize,
    pub structure_matched: f64,
    pub landlord_correct: usize,
    pub code_version_correct: usize,
    pub document_date_correct: usize,
    pub draft_correct: usize,
}

impl Counts {
    fn merge(&mut self, o: &Counts) {
        self.documents += o.documents;
        self.gold_rows += o.gold_rows;
        self.extracted_rows += o.extracted_rows;
        self.matched_rows += o.matched_rows;
        self.provision_tp += o.provision_tp;
        self.comply_correct += o.comply_correct;
        self.confusion.merge(&o.confusion);
        self.requirement_similarity_sum += o.requirement_similarity_sum;
        self.evidence_similarity_sum += o.evidence_similarity_sum;
        self.commentary_similarity_sum += o.commentary_similarity_sum;
        self.number_in_source_gold += o.number_in_source_gold;
        self.number_in_source_judged += o.number_in_source_judged;
        self.number_in_source_correct += o.number_in_source_correct;
        self.rag_gold += o.rag_gold;
        self.rag_judged += o.rag_judged;
        self.rag_correct += o.rag_correct;
        self.structure_cells_gold += o.structure_cells_gold;
        self.structure_cells_extracted += o.structure_cells_extracted;
        self.structure_matched += o.structure_matched;
        self.landlord_correct += o.landlord_correct;
        self.code_version_correct += o.code_version_correct;
        self.document_date_correct += o.document_date_correct;
        self.draft_correct += o.draft_correct;
    }
}

/// Metrics of one document, or micro-averaged (from summed [`Counts`]) over all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    pub counts: Counts,
    /// `provision_tp / extracted_rows`: extracted rows that are a gold provision row.
    pub provision_precision: f64,
    /// `provision_tp / gold_rows`: gold provision rows found with the right provision.
    pub provision_recall: f64,
    pub provision_f1: f64,
    /// Like the provision scores but counting every aligned pair, whatever its provision:
    /// did the row come out at all.
    pub row_precision: f64,
    pub row_recall: f64,
    pub row_f1: f64,
    /// `comply_correct / matched_rows`.
    pub comply_accuracy: f64,
    /// Mean [`text_similarity`] over matched rows.
    pub requirement_similarity: f64,
    pub evidence_similarity: f64,
    pub commentary_similarity: f64,
    /// Over matched rows whose gold states it; `None` when no gold row states it.
    pub number_in_source_accuracy: Option<f64>,
    /// Over matched rows whose gold has a RAG rating; `None` when no gold row has one.
    pub rag_accuracy: Option<f64>,
    /// GriTS-Con-style structure scores (see [`structure_score`]): matched cell-similarity
    /// mass over extracted cells (precision), over gold cells (recall), and their F-score.
    pub structure_precision: f64,
    pub structure_recall: f64,
    pub structure_f1: f64,
    /// Share of documents whose field is right (per document: 1.0 or 0.0).
    pub landlord_accuracy: f64,
    pub code_version_accuracy: f64,
    pub document_date_accuracy: f64,
    pub draft_accuracy: f64,
}

/// `num / den`, with the zero-denominator rule of the crate docs.
fn ratio(num: f64, den: usize, both_empty: bool) -> f64 {
    if den == 0 {
        if both_empty {
            1.0
        } else {
            0.0
        }
    } else {
        num / den as f64
    }
}

fn f_score(p: f64, r: f64, both_empty: bool) -> f64 {
    if both_empty {
        1.0
    } else if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Metrics {
    pub fn from_counts(c: Counts) -> Metrics {
        let empty = c.gold_rows == 0 && c.extracted_rows == 0;
        let provision_precision = ratio(c.provision_tp as f64, c.extracted_rows, empty);
        let provision_recall = ratio(c.provision_tp as f64, c.gold_rows, empty);
        let row_precision = ratio(c.matched_rows as f64, c.extracted_rows, empty);
        let row_recall = ratio(c.matched_rows as f64, c.gold_rows, empty);
        let m = c.matched_rows;
        let structure_precision = ratio(c.structure_matched, c.structure_cells_extracted, empty);
        let structure_recall = ratio(c.structure_matched, c.structure_cells_gold, empty);
        let structure_f1 = if empty {
            1.0
        } else {
            ratio(2.0 * c.structure_matched, c.structure_cells_gold + c.structure_cells_extracted, false)
        };
        let docs_empty = c.documents == 0;
        Metrics {
            provision_precision,
            provision_recall,
            provision_f1: f_score(provision_precision, provision_recall, empty),
            row_precision,
            row_recall,
            row_f1: f_score(row_precision, row_recall, empty),
            comply_accuracy: ratio(c.comply_correct as f64, m, empty),
            requirement_similarity: ratio(c.requirement_similarity_sum, m, empty),
            evidence_similarity: ratio(c.evidence_similarity_sum, m, empty),
            commentary_similarity: ratio(c.commentary_similarity_sum, m, empty),
            number_in_source_accuracy: (c.number_in_source_gold > 0)
                .then(|| ratio(c.number_in_source_correct as f64, c.number_in_source_judged, false)),
            rag_accuracy: (c.rag_gold > 0).then(|| ratio(c.rag_correct as f64, c.rag_judged, false)),
            structure_precision,
            structure_recall,
            structure_f1,
            landlord_accuracy: ratio(c.landlord_correct as f64, c.documents, docs_empty),
            code_version_accuracy: ratio(c.code_version_correct as f64, c.documents, docs_empty),
            document_date_accuracy: ratio(c.document_date_correct as f64, c.documents, docs_empty),
            draft_accuracy: ratio(c.draft_correct as f64, c.documents, docs_empty),
            counts: c,
        }
    }
}

/// A document-level field: gold value, extracted value, verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldCheck {
    pub gold: Option<String>,
    pub extracted: Option<String>,
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocFields {
    /// Equal after [`normalise`] (case, whitespace and quotes do not count).
    pub landlord: FieldCheck,
    /// Equal as Code editions ("2024" == 2024); null equals null.
    pub code_version: FieldCheck,
    /// Equal after trimming ("YYYY-MM"); null equals null.
    pub document_date: FieldCheck,
    /// Equal; a gold file without `draft` means false.
    pub draft: FieldCheck,
}

/// One of the rows that scored worst, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorstRow {
    pub document: String,
    /// The gold row's provision, else the extracted row's.
    pub provision: Option<String>,
    /// 0-based position among the gold rows, if the row is on the gold side.
    pub gold_index: Option<usize>,
    /// 0-based position among the extracted rows, if the row is on the extracted side.
    pub extracted_index: Option<usize>,
    /// 0.0 for a missing or extra row; for a matched pair the mean of provision agreement,
    /// comply agreement (1/0) and the three text similarities.
    pub score: f64,
    /// "missing row", "extra row", or the faults joined by "; ", e.g.
    /// "comply yes != no; evidence similarity 0.71".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReport {
    /// Gold file stem.
    pub stem: String,
    pub source: Option<String>,
    /// False when no output document was found for this gold file (it then scores as an
    /// empty extraction with every document field wrong).
    pub found: bool,
    pub fields: DocFields,
    pub metrics: Metrics,
    pub worst_rows: Vec<WorstRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub documents: Vec<DocReport>,
    /// Micro-averaged over rows (document fields: over documents).
    pub overall: Metrics,
    pub worst_rows: Vec<WorstRow>,
    /// Gold stems with no output document.
    pub missing_documents: Vec<String>,
    /// Output documents with no gold file (not scored).
    pub unscored_documents: Vec<String>,
    /// Output documents that could not be read (scored as missing).
    pub errors: Vec<String>,
}

impl Report {
    /// Overall provision-row F1 (what `--min-f1` compares against).
    pub fn overall_f1(&self) -> f64 {
        self.overall.provision_f1
    }

    /// True when the overall provision-row F1 is at least `min_f1`.
    pub fn passes(&self, min_f1: f64) -> bool {
        self.overall_f1() >= min_f1
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serialises")
    }
}

// ---- evaluation --------------------------------------------------------------------------

/// Score every gold file in `gold_dir` against the documents in `output`: an extract output
/// directory (with `documents/`), a directory of document JSONs, or a single document JSON
/// (paired with whatever gold file shares its stem).
pub fn evaluate(gold_dir: &Path, output: &Path) -> Result<Report> {
    let golds = load_gold_dir(gold_dir)?;
    if golds.is_empty() {
        bail!("no gold files (*.json) in {}", gold_dir.display());
    }
    let files = if output.is_file() {
        let stem = output.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        BTreeMap::from([(stem, output.to_path_buf())])
    } else if output.is_dir() {
        json_files(&documents_dir(output))?
    } else {
        bail!("output {} does not exist", output.display());
    };
    let mut docs = BTreeMap::new();
    let mut errors = Vec::new();
    for (stem, path) in files {
        match load_document(&path) {
            Ok(doc) => {
                docs.insert(stem, doc);
            }
            Err(e) => errors.push(format!("{stem}: {e:#}")),
        }
    }
    pair_by_source_name(&golds, &mut docs);
    let mut report = evaluate_documents(&golds, &docs);
    report.errors = errors;
    Ok(report)
}

/// Key under its gold file's stem a document whose output file name differs from its
/// source's: `extract` writes "CHC 2022 (final).txt" as `CHC_2022__final_.json`, while its
/// gold is named after the source, `CHC 2022 (final).json`.
fn pair_by_source_name(golds: &BTreeMap<String, Gold>, docs: &mut BTreeMap<String, Document>) {
    let source_stem = |d: &Document| Path::new(&d.source.path).file_stem().and_then(|s| s.to_str()).map(str::to_string);
    let by_source: BTreeMap<String, String> = docs.iter().filter_map(|(key, d)| Some((source_stem(d)?, key.clone()))).collect();
    for stem in golds.keys() {
        if docs.contains_key(stem) {
            continue;
        }
        let Some(key) = by_source.get(stem) else { continue };
        // A document another gold file names by its own stem stays that one's.
        if golds.contains_key(key) {
            continue;
        }
        if let Some(doc) = docs.remove(key) {
            docs.insert(stem.clone(), doc);
        }
    }
}

/// Score already-loaded gold files and documents, paired by key (the file stem).
pub fn evaluate_documents(golds: &BTreeMap<String, Gold>, docs: &BTreeMap<String, Document>) -> Report {
    let documents: Vec<DocReport> =
        golds.iter().map(|(stem, gold)| score_document(stem, gold, docs.get(stem))).collect();
    let mut counts = Counts::default();
    for d in &documents {
        counts.merge(&d.metrics.counts);
    }
    let mut worst: Vec<WorstRow> = documents.iter().flat_map(|d| d.worst_rows.iter().cloned()).collect();
    sort_worst(&mut worst);
    worst.truncate(WORST_ROWS_OVERALL);
    Report {
        missing_documents: documents.iter().filter(|d| !d.found).map(|d| d.stem.clone()).collect(),
        unscored_documents: docs.keys().filter(|k| !golds.contains_key(*k)).cloned().collect(),
        errors: Vec::new(),
        overall: Metrics::from_counts(counts),
        worst_rows: worst,
        documents,
    }
}

/// Score one document against its gold file. The report's `stem` is the gold source's stem.
pub fn evaluate_pair(gold: &Gold, doc: &Document) -> DocReport {
    let stem = gold
        .source
        .as_deref()
        .and_then(|s| Path::new(s).file_stem())
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    score_document(&stem, gold, Some(doc))
}

/// A row reduced to what is scored, texts normalised.
struct NRow {
    provision: Option<String>,
    provision_shown: Option<String>,
    comply: Comply,
    rag: Option<Rag>,
    number_in_source: Option<bool>,
    /// requirement, comply_raw, evidence, commentary (as in [`STRUCTURE_FIELDS`]).
    cells: [Vec<char>; 4],
}

fn provision_key(p: &str) -> Option<String> {
    let k = p.trim().trim_end_matches('.').trim();
    (!k.is_empty()).then(|| k.to_ascii_lowercase())
}

fn nrow(r: &GoldRow) -> NRow {
    let chars = |s: &str| normalise(s).chars().collect::<Vec<char>>();
    NRow {
        provision: r.provision.as_deref().and_then(provision_key),
        provision_shown: r.provision.clone(),
        comply: r.comply,
        rag: r.rag,
        number_in_source: r.number_in_source,
        cells: [chars(&r.requirement), chars(&r.comply_raw), chars(&r.evidence), chars(&r.commentary)],
    }
}

/// How gold and extracted rows were paired.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// (gold index, extracted index), by gold index.
    pub pairs: Vec<(usize, usize)>,
    /// Gold rows with no partner.
    pub missing: Vec<usize>,
    /// Extracted rows with no partner.
    pub extra: Vec<usize>,
}

/// Align gold rows with extracted rows.
///
/// 1. By provision id (trimmed, trailing dot dropped): the k-th gold row of a provision pairs
///    with the k-th extracted row of it, so duplicates align in document order.
/// 2. Rows left over where at least one side has no provision pair by requirement similarity
///    ([`text_similarity`]), best pair first, when above [`TEXT_MATCH_THRESHOLD`].
///    Leftover rows that both have (different) provisions stay unpaired.
pub fn align(gold: &Gold, doc: &Document) -> Alignment {
    let g: Vec<NRow> = gold.rows.iter().map(nrow).collect();
    let e: Vec<NRow> = Gold::from_document(doc).rows.iter().map(nrow).collect();
    align_rows(&g, &e)
}

fn align_rows(g: &[NRow], e: &[NRow]) -> Alignment {
    let mut partner_of_gold: Vec<Option<usize>> = vec![None; g.len()];
    let mut extracted_used = vec![false; e.len()];
    let mut by_provision: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, r) in e.iter().enumerate() {
        if let Some(p) = &r.provision {
            by_provision.entry(p.as_str()).or_default().push_back(i);
        }
    }
    for (gi, r) in g.iter().enumerate() {
        if let Some(ei) = r.provision.as_deref().and_then(|p| by_provision.get_mut(p)?.pop_front()) {
            partner_of_gold[gi] = Some(ei);
            extracted_used[ei] = true;
        }
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, gr) in g.iter().enumerate().filter(|(gi, _)| partner_of_gold[*gi].is_none()) {
        for (ei, er) in e.iter().enumerate().filter(|(ei, _)| !extracted_used[*ei]) {
            if gr.provision.is_some() && er.provision.is_some()
                || length_bound(&gr.cells[0], &er.cells[0]) <= TEXT_MATCH_THRESHOLD
            {
                continue;
            }
            let sim = text::similarity_chars(&gr.cells[0], &er.cells[0]);
            if sim > TEXT_MATCH_THRESHOLD {
                candidates.push((sim, gi, ei));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, gi, ei) in candidates {
        if partner_of_gold[gi].is_none() && !extracted_used[ei] {
            partner_of_gold[gi] = Some(ei);
            extracted_used[ei] = true;
        }
    }
    Alignment {
        pairs: partner_of_gold.iter().enumerate().filter_map(|(gi, p)| p.map(|ei| (gi, ei))).collect(),
        missing: partner_of_gold.iter().enumerate().filter(|(_, p)| p.is_none()).map(|(gi, _)| gi).collect(),
        extra: extracted_used.iter().enumerate().filter(|(_, u)| !**u).map(|(ei, _)| ei).collect(),
    }
}

/// Cell-level structure score, GriTS-Con style (Smock et al., "GriTS: Grid table similarity
/// metric for table structure recognition", 2023), on the table rows × [`STRUCTURE_FIELDS`].
///
/// GriTS compares two grids through their most similar common substructure: an
/// order-preserving choice of rows and of columns of each grid, scored by the summed
/// similarity of the cells it puts together. Our columns are fixed and named, so the column
/// choice is the identity and the substructure is an order-preserving row alignment, found
/// exactly by dynamic programming (like a global alignment with free gaps) maximising
/// `Σ_aligned rows Σ_fields sim(cell_g, cell_e)`, where `sim` is [`text_similarity`] (GriTS
/// uses a normalised LCS; two empty cells score 1). Provision numbers play no part: this
/// judges table reconstruction (rows split, merged, lost, cells in the wrong column)
/// separately from provision matching.
///
/// Returns `(matched_mass, gold_cells, extracted_cells)`; precision = mass / extracted cells,
/// recall = mass / gold cells, F = 2·mass / (gold cells + extracted cells).
pub fn structure_score(gold: &Gold, doc: &Document) -> (f64, usize, usize) {
    let g: Vec<NRow> = gold.rows.iter().map(nrow).collect();
    let e: Vec<NRow> = Gold::from_document(doc).rows.iter().map(nrow).collect();
    (structure_mass(&g, &e), g.len() * 4, e.len() * 4)
}

fn length_bound(a: &[char], b: &[char]) -> f64 {
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    if long == 0 {
        1.0
    } else {
        short as f64 / long as f64
    }
}

fn structure_mass(g: &[NRow], e: &[NRow]) -> f64 {
    let m = e.len();
    let mut prev = vec![0.0f64; m + 1];
    let mut cur = vec![0.0f64; m + 1];
    for gr in g {
        cur[0] = 0.0;
        for (j, er) in e.iter().enumerate() {
            let skip = prev[j + 1].max(cur[j]);
            // Exact pruning: similarity is at most min(len)/max(len), so a pair that cannot
            // beat the gap moves is not compared at all.
            let bound: f64 = (0..4).map(|k| length_bound(&gr.cells[k], &er.cells[k])).sum();
            cur[j + 1] = if prev[j] + bound <= skip {
                skip
            } else {
                let pair: f64 = (0..4).map(|k| text::similarity_chars(&gr.cells[k], &er.cells[k])).sum();
                (prev[j] + pair).max(skip)
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

fn show(p: &Option<String>) -> String {
    p.clone().unwrap_or_else(|| "none".to_string())
}

/// Two decimals, rounded down so that anything short of 1 never prints as "1.00".
fn two_dp_floor(x: f64) -> String {
    format!("{:.2}", (x * 100.0).floor() / 100.0)
}

fn sort_worst(rows: &mut [WorstRow]) {
    rows.sort_by(|a, b| {
        a.score
            .total_cmp(&b.score)
            .then_with(|| a.document.cmp(&b.document))
            .then_with(|| a.gold_index.unwrap_or(usize::MAX).cmp(&b.gold_index.unwrap_or(usize::MAX)))
            .then_with(|| a.extracted_index.cmp(&b.extracted_index))
    });
}

fn doc_fields(gold: &Gold, doc: Option<&Document>) -> DocFields {
    let check = |g: Option<String>, e: Option<String>, eq: &dyn Fn(&Option<String>, &Option<String>) -> bool| {
        let correct = doc.is_some() && eq(&g, &e);
        FieldCheck { gold: g, extracted: e, correct }
    };
    let landlord_eq = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().map(normalise).filter(|s| !s.is_empty()) == b.as_deref().map(normalise).filter(|s| !s.is_empty())
    };
    let version_eq = |a: &Option<String>, b: &Option<String>| {
        let v = |x: &Option<String>| {
            x.as_deref().map(|s| CodeVersion::parse(s).map(|v| v.as_str().to_string()).unwrap_or(s.trim().to_string()))
        };
        v(a) == v(b)
    };
    let trimmed_eq = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().map(str::trim).filter(|s| !s.is_empty()) == b.as_deref().map(str::trim).filter(|s| !s.is_empty())
    };
    DocFields {
        landlord: check(gold.landlord.clone(), doc.and_then(|d| d.landlord.clone()), &landlord_eq),
        code_version: check(
            gold.code_version.clone(),
            doc.and_then(|d| d.code_version.map(|v| v.to_string())),
            &version_eq,
        ),
        document_date: check(gold.document_date.clone(), doc.and_then(|d| d.document_date.clone()), &trimmed_eq),
        draft: check(Some(gold.draft.unwrap_or(false).to_string()), doc.map(|d| d.draft.to_string()), &|a: &Option<
            String,
        >,
                                                                                                        b: &Option<
            String,
        >| {
            a == b
        }),
    }
}

fn score_document(stem: &str, gold: &Gold, doc: Option<&Document>) -> DocReport {
    let g: Vec<NRow> = gold.rows.iter().map(nrow).collect();
    let e: Vec<NRow> = doc.map(|d| Gold::from_document(d).rows.iter().map(nrow).collect()).unwrap_or_default();
    let alignment = align_rows(&g, &e);
    let fields = doc_fields(gold, doc);

    let mut c = Counts {
        documents: 1,
        gold_rows: g.len(),
        extracted_rows: e.len(),
        matched_rows: alignment.pairs.len(),
        number_in_source_gold: g.iter().filter(|r| r.number_in_source.is_some()).count(),
        rag_gold: g.iter().filter(|r| r.rag.is_some()).count(),
        landlord_correct: fields.landlord.correct as usize,
        code_version_correct: fields.code_version.correct as usize,
        document_date_correct: fields.document_date.correct as usize,
        draft_correct: fields.draft.correct as usize,
        structure_cells_gold: g.len() * 4,
        structure_cells_extracted: e.len() * 4,
        structure_matched: structure_mass(&g, &e),
        ..Counts::default()
    };

    let mut worst = Vec::new();
    for &(gi, ei) in &alignment.pairs {
        let (gr, er) = (&g[gi], &e[ei]);
        let provision_ok = gr.provision == er.provision;
        let comply_ok = gr.comply == er.comply;
        let req = text::similarity_chars(&gr.cells[0], &er.cells[0]);
        let ev = text::similarity_chars(&gr.cells[2], &er.cells[2]);
        let comm = text::similarity_chars(&gr.cells[3], &er.cells[3]);
        c.provision_tp += provision_ok as usize;
        c.comply_correct += comply_ok as usize;
        c.confusion.add(gr.comply, er.comply);
        c.requirement_similarity_sum += req;
        c.evidence_similarity_sum += ev;
        c.commentary_similarity_sum += comm;
        let mut reasons = Vec::new();
        if !provision_ok {
            reasons.push(format!("provision {} != {}", show(&gr.provision_shown), show(&er.provision_shown)));
        }
        if !comply_ok {
            reasons.push(format!("comply {} != {}", gr.comply, er.comply));
        }
        for (name, sim) in [("requirement", req), ("evidence", ev), ("commentary", comm)] {
            if sim < 1.0 {
                reasons.push(format!("{name} similarity {}", two_dp_floor(sim)));
            }
        }
        if let Some(nis) = gr.number_in_source {
            c.number_in_source_judged += 1;
            if er.number_in_source == Some(nis) {
                c.number_in_source_correct += 1;
            } else {
                reasons.push(format!("number_in_source {} != {}", nis, !nis));
            }
        }
        if let Some(rag) = gr.rag {
            c.rag_judged += 1;
            if er.rag == Some(rag) {
                c.rag_correct += 1;
            } else {
                reasons.push(format!("rag {} != {}", rag.as_str(), er.rag.map_or("none", |r| r.as_str())));
            }
        }
        let score = (provision_ok as u8 as f64 + comply_ok as u8 as f64 + req + ev + comm) / 5.0;
        if score < 1.0 {
            worst.push(WorstRow {
                document: stem.to_string(),
                provision: gr.provision_shown.clone().or_else(|| er.provision_shown.clone()),
                gold_index: Some(gi),
                extracted_index: Some(ei),
                score,
                reason: reasons.join("; "),
            });
        }
    }
    for &gi in &alignment.missing {
        worst.push(WorstRow {
            document: stem.to_string(),
            provision: g[gi].provision_shown.clone(),
            gold_index: Some(gi),
            extracted_index: None,
            score: 0.0,
            reason: "missing row".to_string(),
        });
    }
    for &ei in &alignment.extra {
        worst.push(WorstRow {
            document: stem.to_string(),
            provision: e[ei].provision_shown.clone(),
            gold_index: None,
            extracted_index: Some(ei),
            score: 0.0,
            reason: "extra row".to_string(),
        });
    }
    sort_worst(&mut worst);
    worst.truncate(WORST_ROWS_PER_DOC);

    DocReport {
        stem: stem.to_string(),
        source: gold.source.clone(),
        found: doc.is_some(),
        fields,
        metrics: Metrics::from_counts(c),
        worst_rows: worst,
    }
}

// ---- rendering ---------------------------------------------------------------------------

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

fn opt_pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), pct)
}

fn yn(f: &FieldCheck) -> &'static str {
    if f.correct {
        "y"
    } else {
        "n"
    }
}

impl Report {
    /// Fixed-width plain-text rendering: one line per document, an OVERALL line, the comply
    /// confusion matrix, the worst rows, and any missing/unscored/unreadable documents.
    pub fn render_table(&self) -> String {
        let name_w = self.documents.iter().map(|d| d.stem.chars().count()).max().unwrap_or(0).max(14);
        let heads = [
            "gold", "ext", "match", "prov_P", "prov_R", "prov_F1", "row_F1", "comply", "req", "evid", "comm", "nis",
            "rag", "struct",
        ];
        let mut out = String::new();
        let _ = write!(out, "{:<name_w$}", "document");
        for h in heads {
            let _ = write!(out, " {:>7}", h);
        }
        let _ = writeln!(out, "  lnd ver date dft");
        let line = |out: &mut String, name: &str, m: &Metrics, tail: String| {
            let c = &m.counts;
            let _ = write!(out, "{:<name_w$}", name);
            let cells = [
                c.gold_rows.to_string(),
                c.extracted_rows.to_string(),
                c.matched_rows.to_string(),
                pct(m.provision_precision),
                pct(m.provision_recall),
                pct(m.provision_f1),
                pct(m.row_f1),
                pct(m.comply_accuracy),
                pct(m.requirement_similarity),
                pct(m.evidence_similarity),
                pct(m.commentary_similarity),
                opt_pct(m.number_in_source_accuracy),
                opt_pct(m.rag_accuracy),
                pct(m.structure_f1),
            ];
            for cell in cells {
                let _ = write!(out, " {:>7}", cell);
            }
            let _ = writeln!(out, "  {tail}");
        };
        for d in &self.documents {
            let f = &d.fields;
            let name = if d.found { d.stem.clone() } else { format!("{} (missing)", d.stem) };
            let tail = format!(
                "{:<3} {:<3} {:<4} {}",
                yn(&f.landlord),
                yn(&f.code_version),
                yn(&f.document_date),
                yn(&f.draft)
            );
            line(&mut out, &name, &d.metrics, tail);
        }
        let o = &self.overall;
        let n = o.counts.documents;
        let tail = format!(
            "{}/{n} {}/{n} {}/{n} {}/{n}",
            o.counts.landlord_correct,
            o.counts.code_version_correct,
            o.counts.document_date_correct,
            o.counts.draft_correct
        );
        let _ = writeln!(out, "{}", "-".repeat(name_w + heads.len() * 8 + 19));
        line(&mut out, "OVERALL", o, tail);

        let _ = writeln!(out, "\nComply confusion (rows: gold, columns: extracted), matched rows");
        let _ = write!(out, "{:<16}", "");
        for l in o.counts.confusion.labels {
            let _ = write!(out, " {:>14}", l);
        }
        let _ = writeln!(out);
        for (i, l) in o.counts.confusion.labels.iter().enumerate() {
            let _ = write!(out, "{:<16}", l);
            for j in 0..5 {
                let _ = write!(out, " {:>14}", o.counts.confusion.matrix[i][j]);
            }
            let _ = writeln!(out);
        }

        if !self.worst_rows.is_empty() {
            let _ = writeln!(out, "\nWorst rows");
            let _ = writeln!(
                out,
                "{:<name_w$} {:>9} {:>5} {:>5} {:>6}  reason",
                "document", "provision", "gold", "ext", "score"
            );
            for w in &self.worst_rows {
                let idx = |i: Option<usize>| i.map_or_else(|| "-".to_string(), |i| (i + 1).to_string());
                let _ = writeln!(
                    out,
                    "{:<name_w$} {:>9} {:>5} {:>5} {:>6}  {}",
                    w.document,
                    w.provision.as_deref().unwrap_or("-"),
                    idx(w.gold_index),
                    idx(w.extracted_index),
                    format!("{:.3}", (w.score * 1000.0).floor() / 1000.0),
                    w.reason
                );
            }
        }
        if !self.missing_documents.is_empty() {
            let _ = writeln!(out, "\nNo output document for: {}", self.missing_documents.join(", "));
        }
        if !self.unscored_documents.is_empty() {
            let _ = writeln!(out, "\nNo gold file for (not scored): {}", self.unscored_documents.join(", "));
        }
        for e in &self.errors {
            let _ = writeln!(out, "\nUnreadable: {e}");
        }
        out
    }
}

#[cfg(test)]
mod tests;
