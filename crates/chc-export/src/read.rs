//! Reading documents back from an output folder (for `chc diff` and `chc report`).

use chc_model::Document;
use std::io;
use std::path::{Path, PathBuf};

/// A document with the file stem it was read from.
#[derive(Debug, Clone)]
pub struct NamedDocument {
    pub stem: String,
    pub path: PathBuf,
    pub doc: Document,
}

fn invalid(path: &Path, e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", path.display()))
}

/// Read one `documents/<stem>.json`.
pub fn read_document(path: &Path) -> io::Result<NamedDocument> {
    let text = std::fs::read_to_string(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let doc: Document = serde_json::from_str(&text).map_err(|e| invalid(path, e))?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    Ok(NamedDocument { stem, path: path.to_path_buf(), doc })
}

/// The folder holding the document JSONs: `DIR/documents` when it exists, else `DIR`.
pub fn documents_dir(dir: &Path) -> PathBuf {
    let sub = dir.join("documents");
    if sub.is_dir() {
        sub
    } else {
        dir.to_path_buf()
    }
}

/// Every `*.json` document of an output folder (or a folder of document JSONs), sorted by
/// file name. Files that are not documents are an error, naming the file.
pub fn read_documents(dir: &Path) -> io::Result<Vec<NamedDocument>> {
    let folder = documents_dir(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", folder.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json") && !p.file_name().and_then(|n| n.to_str()).unwrap_or("").starts_with('.'))
        .collect();
    paths.sort();
    paths.iter().map(|p| read_document(p)).collect()
}

/// A file is read as one document, a folder as all of its documents.
pub fn read_path(path: &Path) -> io::Result<Vec<NamedDocument>> {
    if path.is_dir() {
        read_documents(path)
    } else {
        Ok(vec![read_document(path)?])
    }
}

/// The `errors.csv` beside an output folder's documents, `None` when there is none (a
/// folder of document JSON files).
pub fn read_errors(dir: &Path) -> io::Result<Option<Vec<chc_model::FileError>>> {
    let path = dir.join("errors.csv");
    if !path.is_file() {
        return Ok(None);
    }
    let mut reader = csv::Reader::from_path(&path).map_err(|e| invalid(&path, e))?;
    let errors: Result<Vec<chc_model::FileError>, csv::Error> = reader.deserialize().collect();
    errors.map(Some).map_err(|e| invalid(&path, e))
}
