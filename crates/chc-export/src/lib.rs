//! Writers for everything `chc extract` leaves in its output folder. Every file is
//! written to a temporary name and renamed into place, so a killed run never leaves a
//! half-written file under a final name.

pub mod actions;
pub mod batch;
pub mod diff;
pub mod long;
pub mod read;
pub mod report;
pub mod wide;
pub mod workbook;

#[cfg(test)]
mod testutil;

pub use batch::BatchWriter;
pub use long::LongCsv;

use chc_model::{Document, FileError};
use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically: a temporary file beside it, then renamed. A killed
/// process leaves the old file or the new one, never half of one. There is no fsync per
/// file: it cost a third of the time of a text batch, and durability across a power cut
/// is not what a rerun with `--resume` needs (it re-checks every document's sha256).
///
/// A file that already holds exactly `bytes` is left as it is: rerunning a batch into its
/// output folder then replaces only what changed. Replacing a file costs the file system a
/// new inode and the old one's release; on ext4 a rerun of 1,000 documents took half as
/// long again as the first run for that alone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) && fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Pretty JSON with a trailing newline.
pub fn to_json_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    to_json_bytes_sized(value, 128)
}

/// [`to_json_bytes`] into a buffer of `capacity` bytes, so a large value is not copied as
/// the buffer grows.
fn to_json_bytes_sized<T: Serialize>(value: &T, capacity: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(capacity);
    serde_json::to_writer_pretty(&mut v, value).expect("our types always serialise");
    v.push(b'\n');
    v
}

pub fn document_path(out: &Path, stem: &str) -> PathBuf {
    out.join("documents").join(format!("{stem}.json"))
}

pub fn write_document(out: &Path, stem: &str, doc: &Document) -> io::Result<()> {
    // A row's pretty JSON is its text and about 500 bytes of fields (measured: 490 on
    // average, 560 at most on the generated corpus).
    let text: usize = doc.rows.iter().map(|r| r.requirement.len() + r.evidence.len() + r.commentary.len()).sum();
    write_atomic(&document_path(out, stem), &to_json_bytes_sized(doc, text + 700 * (doc.rows.len() + 2)))
}

/// `errors.csv`: one line per input that produced no document.
pub fn errors_csv(errors: &[FileError]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["file", "stage", "kind", "message"]).expect("in-memory write");
    for e in errors {
        w.write_record([e.file.as_str(), e.stage.as_str(), e.kind.as_str(), e.message.as_str()]).expect("in-memory write");
    }
    w.into_inner().expect("in-memory flush")
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct StageTimings {
    pub read_ms: f64,
    pub parse_ms: f64,
    pub table_ms: f64,
    pub match_ms: f64,
    pub write_ms: f64,
    pub wall_ms: f64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    pub schema_version: String,
    pub inputs: usize,
    pub documents: usize,
    pub failed: usize,
    pub skipped_up_to_date: usize,
    pub rows: usize,
    pub rows_by_comply: std::collections::BTreeMap<String, usize>,
    pub documents_by_version: std::collections::BTreeMap<String, usize>,
    pub errors_by_kind: std::collections::BTreeMap<String, usize>,
    pub warnings_by_kind: std::collections::BTreeMap<String, usize>,
    /// Summed CPU time per stage over all documents, and the run's wall time. The one part
    /// of the output folder that differs between runs.
    pub timings: StageTimings,
}

impl Summary {
    pub fn count_document(&mut self, doc: &Document) {
        self.documents += 1;
        self.rows += doc.rows.len();
        *self.documents_by_version.entry(doc.code_version.map_or("unknown".into(), |v| v.to_string())).or_default() += 1;
        for r in &doc.rows {
            *self.rows_by_comply.entry(r.comply.to_string()).or_default() += 1;
            for w in &r.warnings {
                *self.warnings_by_kind.entry(w.kind.clone()).or_default() += 1;
            }
        }
        for w in &doc.warnings {
            *self.warnings_by_kind.entry(w.kind.clone()).or_default() += 1;
        }
    }

    pub fn count_error(&mut self, e: &FileError) {
        self.failed += 1;
        *self.errors_by_kind.entry(e.kind.clone()).or_default() += 1;
    }
}

#[cfg(all(test, unix))]
mod write_tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn an_unchanged_file_is_not_replaced_and_a_changed_one_is() {
        let dir = std::env::temp_dir().join(format!("chc-write-atomic-{}", std::process::id()));
        let path = dir.join("a.json");
        write_atomic(&path, b"one").unwrap();
        let inode = fs::metadata(&path).unwrap().ino();
        write_atomic(&path, b"one").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().ino(), inode, "same bytes: left in place");
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_ne!(fs::metadata(&path).unwrap().ino(), inode, "new bytes: replaced atomically");
        write_atomic(&path, b"tw").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"tw");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        fs::remove_dir_all(&dir).unwrap();
    }
}
