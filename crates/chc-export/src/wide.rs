//! `compliance_wide*.csv`: one line per document, one column per provision (issue 6).

use chc_model::Document;

/// Collects comply values per document; small enough to keep for the whole batch.
#[derive(Default)]
pub struct WideTables {}

impl WideTables {
    pub fn new() -> Self {
        WideTables::default()
    }

    pub fn add(&mut self, _doc: &Document) {}

    /// (file name, contents) pairs to write into the output folder.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        Vec::new()
    }
}
