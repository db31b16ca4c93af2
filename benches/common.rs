//! Shared by the criterion benches: the inputs (fixtures in the repository, read once) and
//! the pipeline as `chc extract` runs it per document.
#![allow(dead_code)]

use chc_code::Registry;
use chc_model::{Document, Overrides, ParsedDocument, TableDocument};
use std::path::{Path, PathBuf};

pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_dir(dir: &str, ext: &str) -> Vec<Input> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| Input { name: p.file_name().unwrap().to_string_lossy().into_owned(), bytes: std::fs::read(&p).unwrap() })
        .collect()
}

/// The five seed forms plus the six synthetic text variants.
pub fn text_inputs() -> Vec<Input> {
    let mut v = read_dir("corpus", "txt");
    v.extend(read_dir("fixtures/text", "txt"));
    v
}

/// The eight PDF fixtures (66 pages).
pub fn pdf_inputs() -> Vec<Input> {
    read_dir("fixtures/pdf", "pdf")
}

pub fn total_bytes(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| i.bytes.len() as u64).sum()
}

pub fn parse(input: &Input) -> ParsedDocument {
    chc_parse::parse(&input.name, &input.bytes, &chc_parse::Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", input.name))
}

pub fn pages(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| parse(i).pages.len() as u64).sum()
}

pub fn table(doc: &ParsedDocument) -> TableDocument {
    chc_table::reconstruct(doc, Registry::embedded()).unwrap_or_else(|e| panic!("{}: {e}", doc.source.path))
}

pub fn matched(table: TableDocument) -> Document {
    chc_match::match_document(table, Registry::embedded(), &Overrides::default())
}

/// Everything `chc extract` does for one input except the file system: parse, rebuild the
/// table, match, serialise the document JSON.
pub fn end_to_end(input: &Input) -> Vec<u8> {
    let doc = matched(table(&parse(input)));
    chc_export::to_json_bytes(&doc)
}

pub fn config() -> criterion::Criterion {
    criterion::Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3))
        .configure_from_args()
}
