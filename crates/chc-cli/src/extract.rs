//! `chc extract`: the batch of `chc_batch` (shared with the Python package), written to
//! an output folder. Documents run in parallel; results are written in input order, so the
//! output is the same whatever the thread count.

use crate::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use chc_batch::{Input, Manifest, Outcome, Times};
use chc_export::{StageTimings, Summary};
use chc_model::{Stage, SCHEMA_VERSION};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files and folders to read (folders are searched recursively for .pdf/.docx/.txt/.html).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Documents processed at once (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// CSV with columns path,landlord[,code_version][,document_date] overriding detection.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Start provisions.csv with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub csv_bom: bool,
    /// Skip inputs whose documents/<stem>.json already holds the same sha256.
    #[arg(long)]
    pub resume: bool,
    /// Add to each 2022-Code row its counterpart in this Code version (only 2024 so far).
    #[arg(long, value_parser = ["2024"])]
    pub align: Option<String>,
    /// Largest input file read, in MB.
    #[arg(long, default_value_t = chc_batch::DEFAULT_MAX_FILE_MB)]
    pub max_file_mb: u64,
    /// Time budget per document, in seconds (0: no limit); a document over it fails with
    /// error kind time_limit.
    #[arg(long, default_value_t = chc_batch::DEFAULT_MAX_SECONDS)]
    pub max_seconds: f64,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

pub fn run(args: ExtractArgs, quiet: bool) -> u8 {
    let wall = Instant::now();
    chc_batch::warm::start();
    let inputs = match chc_batch::collect(&args.inputs) {
        Ok(i) => i,
        Err(e) => {
            say!("chc: error: {e:#}");
            return EXIT_USAGE;
        }
    };
    if inputs.is_empty() {
        say!("chc: error: no input files found (folders are searched for .pdf, .docx, .txt, .html)");
        return EXIT_USAGE;
    }
    let manifest = match &args.manifest {
        Some(p) => match Manifest::load(p) {
            Ok(m) => m,
            Err(e) => {
                say!("chc: error: {e:#}");
                return EXIT_USAGE;
            }
        },
        None => Manifest::empty(),
    };
    if let Err(e) = std::fs::create_dir_all(args.out.join("documents")) {
        say!("chc: error: cannot create output folder {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    remove_stale_temp_files(&args.out);
    let limits = match chc_batch::limits(args.max_file_mb, args.max_seconds) {
        Ok(l) => l,
        Err(e) => {
            say!("chc: error: --max-seconds: {e}");
            return EXIT_USAGE;
        }
    };
    let options = chc_batch::Options { jobs: args.jobs.unwrap_or(0), limits, align_2024: args.align.is_some(), resume_from: args.resume.then(|| args.out.clone()) };
    let progress = progress_bar(inputs.len(), quiet);

    let out = args.out.clone();
    let mut writer = match chc_export::BatchWriter::create(&out, args.csv_bom) {
        Ok(w) => w,
        Err(e) => {
            say!("chc: error: cannot write to {}: {e}", out.display());
            return EXIT_FATAL;
        }
    };
    let mut summary = Summary { schema_version: SCHEMA_VERSION.into(), inputs: inputs.len(), ..Default::default() };
    let mut errors = Vec::new();
    let mut timings = StageTimings::default();
    let mut kept: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut write_error = None;
    // Each document's JSON is written by its worker; the batch files here, in input order.
    let write_document = |input: &Input, outcome: Outcome| -> Outcome {
        let outcome = match outcome {
            Outcome::Done(doc, t) => match chc_export::write_document(&out, &input.stem, &doc) {
                Ok(()) => Outcome::Done(doc, t),
                Err(e) => Outcome::Failed(chc_batch::fail(input, Stage::Write, "write_failed", format!("cannot write documents/{}.json: {e}", input.stem)), t),
            },
            other => other,
        };
        if let Some(p) = &progress {
            p.inc(1);
        }
        outcome
    };
    let add_to_batch_files = |input: &Input, outcome: Outcome| {
        let (doc, t) = match outcome {
            Outcome::Done(doc, t) => (Some(doc), t),
            Outcome::UpToDate(doc) => {
                summary.skipped_up_to_date += 1;
                (Some(doc), Times::default())
            }
            Outcome::Failed(e, t) => {
                say!("chc: {}: {} [{}]", e.file, e.message, e.kind);
                summary.count_error(&e);
                errors.push(e);
                (None, t)
            }
        };
        timings.read_ms += t.read;
        timings.parse_ms += t.parse;
        timings.table_ms += t.table;
        timings.match_ms += t.matching;
        if let Some(doc) = doc {
            tracing::info!("{}: {} rows, version {:?}, landlord {:?}", input.display, doc.rows.len(), doc.code_version, doc.landlord);
            summary.count_document(&doc);
            kept.insert(format!("{}.json", input.stem));
            let s = Instant::now();
            if let Err(e) = writer.add(&doc) {
                write_error.get_or_insert(e);
            }
            timings.write_ms += ms(s);
        }
    };
    if let Err(e) = chc_batch::run(&inputs, &manifest, &options, write_document, add_to_batch_files) {
        say!("chc: error: cannot start {} worker threads: {e}", options.jobs);
        writer.abandon();
        return EXIT_FATAL;
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    remove_stale_documents(&args.out, &kept);
    timings.wall_ms = ms(wall);
    summary.timings = round_timings(timings);
    let written = match write_error {
        Some(e) => {
            writer.abandon();
            Err(e)
        }
        None => writer.finish(&errors, &summary),
    };
    if let Err(e) = written {
        say!("chc: error: cannot write to {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    if !quiet {
        say!(
            "chc: {} of {} inputs extracted ({} rows){}; output in {}",
            summary.documents,
            summary.inputs,
            summary.rows,
            if summary.failed > 0 { format!(", {} failed (see errors.csv)", summary.failed) } else { String::new() },
            args.out.display()
        );
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}

fn round_timings(t: StageTimings) -> StageTimings {
    let r = |x: f64| (x * 10.0).round() / 10.0;
    StageTimings { read_ms: r(t.read_ms), parse_ms: r(t.parse_ms), table_ms: r(t.table_ms), match_ms: r(t.match_ms), write_ms: r(t.write_ms), wall_ms: r(t.wall_ms) }
}

/// A document left from an earlier run whose input failed or is gone would be mistaken
/// for this run's result.
fn remove_stale_documents(out: &Path, keep: &std::collections::HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(out.join("documents")) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(".json") && !keep.contains(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A killed run leaves its temporary files (`.<name>.tmp-<pid>`) behind; remove those of
/// processes that are gone (all of them where /proc cannot tell).
fn remove_stale_temp_files(out: &Path) {
    for dir in [out.to_path_buf(), out.join("documents")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Some(pid) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-")).and_then(|(_, p)| p.parse::<u32>().ok()) else {
                continue;
            };
            let alive = pid == std::process::id() || Path::new("/proc/self").exists() && Path::new(&format!("/proc/{pid}")).exists();
            if !alive {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn progress_bar(len: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || len < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents ({eta})").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
    Some(bar)
}
