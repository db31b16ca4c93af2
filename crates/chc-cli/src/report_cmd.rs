//! `chc report DIR --html report.html --xlsx book.xlsx` and `chc diff OLD NEW`: read extracted documents
//! back and present them (the logic is in `chc_export::report` and `chc_export::diff`).

use crate::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("format").required(true).multiple(true).args(["html", "xlsx"])))]
pub struct ReportArgs {
    /// An extract output folder (with documents/) or a folder of document JSON files.
    pub dir: PathBuf,
    /// Where to write the self-contained HTML report.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Where to write the Excel workbook (Summary, Compliance per Code version, Provisions,
    /// Actions, Errors).
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The earlier extraction: a document JSON or an output folder.
    pub old: PathBuf,
    /// The later extraction: a document JSON or an output folder.
    pub new: PathBuf,
    /// Machine-readable JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Exit 0 when written, 3 when the documents cannot be read or a file written.
pub fn run_report(args: ReportArgs, quiet: bool) -> u8 {
    let docs = match chc_export::read::read_documents(&args.dir) {
        Ok(d) => d,
        Err(e) => {
            say!("chc: error: cannot read documents: {e}");
            return EXIT_FATAL;
        }
    };
    if docs.is_empty() {
        say!("chc: error: no document JSON files in {}", chc_export::read::documents_dir(&args.dir).display());
        return EXIT_USAGE;
    }
    let c = chc_export::report::counts(&docs);
    let mut written = Vec::new();
    if let Some(path) = &args.html {
        let html = chc_export::report::render_html(&docs);
        if let Err(e) = chc_export::write_atomic(path, html.as_bytes()) {
            say!("chc: error: cannot write {}: {e}", path.display());
            return EXIT_FATAL;
        }
        written.push(format!("{} ({} KB)", path.display(), html.len().div_ceil(1024)));
    }
    if let Some(path) = &args.xlsx {
        let errors = match chc_export::read::read_errors(&args.dir) {
            Ok(e) => e,
            Err(e) => {
                say!("chc: error: cannot read errors.csv: {e}");
                return EXIT_FATAL;
            }
        };
        let book = match chc_export::workbook::render_xlsx(&docs, errors.as_deref()) {
            Ok(b) => b,
            Err(e) => {
                say!("chc: error: cannot build the workbook: {e}");
                return EXIT_FATAL;
            }
        };
        if let Err(e) = chc_export::write_atomic(path, &book) {
            say!("chc: error: cannot write {}: {e}", path.display());
            return EXIT_FATAL;
        }
        written.push(format!("{} ({} KB)", path.display(), book.len().div_ceil(1024)));
    }
    if !quiet {
        say!("chc: report of {} documents ({} rows, {} non-compliances/actions) written to {}", c.documents, c.rows, c.actions, written.join(" and "));
    }
    EXIT_OK
}

/// Exit 0 when nothing differs, 1 when something does (like diff(1)), 3 when an input
/// cannot be read.
pub fn run_diff(args: DiffArgs) -> u8 {
    let read = |p: &PathBuf| chc_export::read::read_path(p).map_err(|e| say!("chc: error: {e}"));
    let (Ok(old), Ok(new)) = (read(&args.old), read(&args.new)) else { return EXIT_FATAL };
    let report = chc_export::diff::diff_sets(&args.old.display().to_string(), &old, &args.new.display().to_string(), &new);
    let text = if args.json {
        serde_json::to_string_pretty(&report).expect("diff serialises") + "\n"
    } else {
        chc_export::diff::render_text(&report)
    };
    if crate::write_stdout(&text).is_err() {
        return EXIT_FATAL;
    }
    if report.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}
