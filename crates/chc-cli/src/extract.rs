//! `chc extract`: the batch. Documents run in parallel; results are written in input
//! order, so the output is the same whatever the thread count.

use crate::inputs::{self, Input, Manifest};
use crate::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use chc_code::Registry;
use chc_export::{StageTimings, Summary};
use chc_model::{Document, FileError, Overrides, Stage, SCHEMA_VERSION};
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
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
    #[arg(long, default_value_t = 512)]
    pub max_file_mb: u64,
    /// Time budget per document, in seconds (0: no limit); a document over it fails with
    /// error kind time_limit.
    #[arg(long, default_value_t = 60.0)]
    pub max_seconds: f64,
}

/// Per-document stage times in milliseconds.
#[derive(Default, Clone, Copy)]
struct Times {
    read: f64,
    parse: f64,
    table: f64,
    matching: f64,
}

enum Outcome {
    Done(Box<Document>, Times),
    UpToDate(Box<Document>),
    Failed(FileError, Times),
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn fail(input: &Input, stage: Stage, kind: &str, message: String) -> FileError {
    FileError { file: input.display.clone(), stage, kind: kind.to_string(), message }
}

/// Read, parse, rebuild the table and match one input. Never panics: a panic in any
/// stage (a damaged PDF deep inside a reader) becomes this file's error.
fn process(input: &Input, overrides: &Overrides, limits: &chc_parse::Limits, registry: &Registry, resume: bool, align_2024: bool, out: &Path) -> Outcome {
    let mut t = Times::default();
    let start = Instant::now();
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(fail(input, Stage::Read, "unreadable", format!("cannot read the file: {e}")), t),
    };
    t.read = ms(start);
    if resume {
        if let Some(doc) = up_to_date(out, input, &bytes) {
            return Outcome::UpToDate(Box::new(doc));
        }
    }
    let result = catch_unwind(AssertUnwindSafe(|| {
        let s = Instant::now();
        let parsed = chc_parse::parse(&input.display, &bytes, limits).map_err(|e| fail(input, Stage::Parse, e.kind(), e.to_string()))?;
        t.parse = ms(s);
        let s = Instant::now();
        let table = chc_table::reconstruct(&parsed, registry).map_err(|e| fail(input, Stage::Table, e.kind(), e.to_string()))?;
        t.table = ms(s);
        over_budget(input, Stage::Table)?;
        let s = Instant::now();
        let mut doc = chc_match::match_document(table, registry, overrides);
        if align_2024 {
            chc_match::align_to_2024(&mut doc);
        }
        t.matching = ms(s);
        over_budget(input, Stage::Match)?;
        Ok::<Document, FileError>(doc)
    }));
    match result {
        Ok(Ok(doc)) => Outcome::Done(Box::new(doc), t),
        Ok(Err(e)) => Outcome::Failed(e, t),
        Err(panic) => {
            let what = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_else(|| "unknown panic".into());
            Outcome::Failed(fail(input, Stage::Parse, "internal_error", format!("chc failed on this file ({what}); please report it with the file")), t)
        }
    }
}

/// The document's time budget (started by chc_parse::parse on this thread) ran out.
fn over_budget(input: &Input, stage: Stage) -> Result<(), FileError> {
    let deadline = chc_parse::budget::current();
    if deadline.expired() {
        return Err(fail(input, stage, "time_limit", deadline.error().to_string()));
    }
    Ok(())
}

fn up_to_date(out: &Path, input: &Input, bytes: &[u8]) -> Option<Document> {
    let existing = std::fs::read(chc_export::document_path(out, &input.stem)).ok()?;
    let doc: Document = serde_json::from_slice(&existing).ok()?;
    (doc.schema_version == SCHEMA_VERSION && doc.source.sha256 == chc_parse::sha256_hex(bytes) && doc.source.path == input.display).then_some(doc)
}

pub fn run(args: ExtractArgs, quiet: bool) -> u8 {
    let wall = Instant::now();
    crate::warm::start();
    let inputs = match inputs::collect(&args.inputs) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("chc: error: {e:#}");
            return EXIT_USAGE;
        }
    };
    if inputs.is_empty() {
        eprintln!("chc: error: no input files found (folders are searched for .pdf, .docx, .txt, .html)");
        return EXIT_USAGE;
    }
    let manifest = match &args.manifest {
        Some(p) => match Manifest::load(p) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("chc: error: {e:#}");
                return EXIT_USAGE;
            }
        },
        None => Manifest::empty(),
    };
    if let Err(e) = std::fs::create_dir_all(args.out.join("documents")) {
        eprintln!("chc: error: cannot create output folder {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    remove_stale_temp_files(&args.out);
    let time_budget = match args.max_seconds {
        0.0 => None,
        s => match std::time::Duration::try_from_secs_f64(s) {
            Ok(d) => Some(d),
            Err(_) => {
                eprintln!("chc: error: --max-seconds must be a number of seconds, 0 for no limit");
                return EXIT_USAGE;
            }
        },
    };
    let jobs = args.jobs.unwrap_or(0);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("chc: error: cannot start {jobs} worker threads: {e}");
            return EXIT_FATAL;
        }
    };
    let limits = chc_parse::Limits { max_file_bytes: args.max_file_mb.saturating_mul(1024 * 1024), time_budget, ..Default::default() };
    let registry = Registry::embedded();
    let progress = progress_bar(inputs.len(), quiet);
    // Keep panics inside reader libraries from printing over our own error lines.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| tracing::debug!("recovered panic: {info}")));

    let out = args.out.clone();
    let mut writer = match chc_export::BatchWriter::create(&out, args.csv_bom) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("chc: error: cannot write to {}: {e}", out.display());
            return EXIT_FATAL;
        }
    };
    let mut summary = Summary { schema_version: SCHEMA_VERSION.into(), inputs: inputs.len(), ..Default::default() };
    let mut errors = Vec::new();
    let mut timings = StageTimings::default();
    let mut kept: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut write_error = None;
    // Workers take inputs in order, at most `window` ahead of the writer; results are
    // written in input order as they complete and dropped, so memory holds `window`
    // documents, not the batch, and the batch files are written while the workers go on.
    let threads = pool.current_num_threads().max(1);
    let ahead = Ahead::new(threads * 8);
    let work = |input: &Input| -> Outcome {
        let outcome = process(input, &manifest.lookup(input), &limits, registry, args.resume, args.align.is_some(), &out);
        let outcome = match outcome {
            Outcome::Done(doc, t) => match chc_export::write_document(&out, &input.stem, &doc) {
                Ok(()) => Outcome::Done(doc, t),
                Err(e) => Outcome::Failed(fail(input, Stage::Write, "write_failed", format!("cannot write documents/{}.json: {e}", input.stem)), t),
            },
            other => other,
        };
        if let Some(p) = &progress {
            p.inc(1);
        }
        outcome
    };
    std::thread::scope(|scope| {
        let (done, finished) = std::sync::mpsc::channel::<(usize, Outcome)>();
        let (ahead, work, inputs, pool) = (&ahead, &work, &inputs, &pool);
        scope.spawn(move || {
            pool.scope(|workers| {
                for _ in 0..threads {
                    let done = done.clone();
                    workers.spawn(move |_| {
                        let _stop_all_if_this_panics = ahead.guard();
                        while let Some(i) = ahead.take(inputs.len()) {
                            if done.send((i, work(&inputs[i]))).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        });
        let mut completed: std::collections::BTreeMap<usize, Outcome> = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in finished {
            completed.insert(i, outcome);
            while let Some(outcome) = completed.remove(&next) {
                let input = &inputs[next];
                next += 1;
                ahead.written(next);
                let (doc, t) = match outcome {
                    Outcome::Done(doc, t) => (Some(doc), t),
                    Outcome::UpToDate(doc) => {
                        summary.skipped_up_to_date += 1;
                        (Some(doc), Times::default())
                    }
                    Outcome::Failed(e, t) => {
                        eprintln!("chc: {}: {} [{}]", e.file, e.message, e.kind);
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
            }
        }
    });
    std::panic::set_hook(default_hook);
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
        eprintln!("chc: error: cannot write to {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    if !quiet {
        eprintln!(
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

/// Hands inputs out in order, no further than `window` ahead of the writer.
struct Ahead {
    /// (next input to hand out, inputs written)
    state: Mutex<(usize, usize)>,
    moved: Condvar,
    window: usize,
}

impl Ahead {
    fn new(window: usize) -> Self {
        Ahead { state: Mutex::new((0, 0)), moved: Condvar::new(), window }
    }

    /// The next input, once the writer is close enough; `None` when all are handed out.
    fn take(&self, total: usize) -> Option<usize> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.0 < total && state.0 >= state.1 + self.window {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        let next = state.0;
        (next < total).then(|| {
            state.0 += 1;
            next
        })
    }

    fn written(&self, count: usize) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1 = count;
        self.moved.notify_all();
    }

    /// While alive, a panic of this worker stops the others handing out inputs: the writer
    /// would never see the panicked one's result, and they would wait for it for ever.
    fn guard(&self) -> impl Drop + '_ {
        struct Guard<'a>(&'a Ahead);
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.state.lock().unwrap_or_else(|e| e.into_inner()).0 = usize::MAX;
                    self.0.moved.notify_all();
                }
            }
        }
        Guard(self)
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
