//! The batch-level files, streamed: documents are added in input order as they finish
//! and dropped, so memory is bounded by the documents in flight, not the batch.
//! Streamed files go to temporary names and are renamed into place by `finish`.

use crate::{actions::ActionsCsv, errors_csv, long::LongCsv, to_json_bytes, wide::WideTables, write_atomic, Summary};
use chc_model::{Document, FileError};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub struct BatchWriter {
    out: PathBuf,
    long: LongCsv<BufWriter<File>>,
    long_tmp: PathBuf,
    jsonl: BufWriter<File>,
    jsonl_tmp: PathBuf,
    actions: ActionsCsv<BufWriter<File>>,
    actions_tmp: PathBuf,
    wide: WideTables,
}

/// The streamed files grow by megabytes per hundred documents: written in large pieces,
/// they cost fewer system calls.
const STREAM_BUFFER: usize = 1 << 20;

fn tmp_path(out: &Path, name: &str) -> PathBuf {
    out.join(format!(".{name}.tmp-{}", std::process::id()))
}

impl BatchWriter {
    pub fn create(out: &Path, csv_bom: bool) -> io::Result<Self> {
        fs::create_dir_all(out)?;
        let long_tmp = tmp_path(out, "provisions.csv");
        let jsonl_tmp = tmp_path(out, "provisions.jsonl");
        let actions_tmp = tmp_path(out, "actions.csv");
        Ok(BatchWriter {
            out: out.to_path_buf(),
            long: LongCsv::new(BufWriter::with_capacity(STREAM_BUFFER, File::create(&long_tmp)?), csv_bom)?,
            long_tmp,
            jsonl: BufWriter::with_capacity(STREAM_BUFFER, File::create(&jsonl_tmp)?),
            jsonl_tmp,
            actions: ActionsCsv::new(BufWriter::with_capacity(STREAM_BUFFER, File::create(&actions_tmp)?))?,
            actions_tmp,
            wide: WideTables::new(),
        })
    }

    pub fn add(&mut self, doc: &Document) -> io::Result<()> {
        self.long.add(doc)?;
        crate::long::write_jsonl(&mut self.jsonl, doc)?;
        self.actions.add(doc)?;
        self.wide.add(doc);
        Ok(())
    }

    /// Write the remaining files and move the streamed ones into place. The remaining
    /// files are built while the streamed ones are flushed and renamed (the file system
    /// writes those out on rename), and written only once that has succeeded.
    pub fn finish(self, errors: &[FileError], summary: &Summary) -> io::Result<()> {
        let BatchWriter { out, long, long_tmp, mut jsonl, jsonl_tmp, actions, actions_tmp, wide } = self;
        let place_streamed = || -> io::Result<()> {
            let mut long_file = long.into_inner()?;
            long_file.flush()?;
            jsonl.flush()?;
            actions.into_inner()?.flush()?;
            fs::rename(&long_tmp, out.join("provisions.csv"))?;
            fs::rename(&jsonl_tmp, out.join("provisions.jsonl"))?;
            fs::rename(&actions_tmp, out.join("actions.csv"))
        };
        let (placed, (wide_files, errors_csv, summary_json)) = std::thread::scope(|s| {
            let built = s.spawn(|| (wide.files(), errors_csv(errors), to_json_bytes(summary)));
            (place_streamed(), built.join().expect("building the batch tables does not panic"))
        });
        placed?;
        // A wide table from an earlier run whose version mix differed would look current.
        if let Ok(entries) = fs::read_dir(&out) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if name.starts_with("compliance_wide") && name.ends_with(".csv") && !wide_files.iter().any(|(n, _)| *n == name) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
        for (name, bytes) in wide_files {
            write_atomic(&out.join(name), &bytes)?;
        }
        write_atomic(&out.join("errors.csv"), &errors_csv)?;
        write_atomic(&out.join("summary.json"), &summary_json)
    }

    /// Remove temporary files after a failure.
    pub fn abandon(self) {
        let _ = fs::remove_file(&self.long_tmp);
        let _ = fs::remove_file(&self.jsonl_tmp);
        let _ = fs::remove_file(&self.actions_tmp);
    }
}
