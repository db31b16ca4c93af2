//! The extraction batch: which files are read ([`inputs`]), one input through every stage
//! ([`process`]), and the parallel run that hands results back in input order ([`run`]).
//! `chc extract` and the Python package's `chc.extract` both call it, so they extract with
//! the same code; each decides what to do with the documents (write files, build Python
//! objects).

pub mod inputs;
pub mod warm;

pub use inputs::{collect, Input, Manifest};

use chc_code::Registry;
use chc_model::{Document, FileError, Overrides, Stage, SCHEMA_VERSION};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Largest input file read, in MB, unless the caller says otherwise.
pub const DEFAULT_MAX_FILE_MB: u64 = 512;
/// Time budget per document, in seconds, unless the caller says otherwise.
pub const DEFAULT_MAX_SECONDS: f64 = 60.0;

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Documents processed at once; 0 for one per core.
    pub jobs: usize,
    pub limits: chc_parse::Limits,
    /// Add to each 2022-Code row its 2024 counterpart.
    pub align_2024: bool,
    /// An earlier output folder: an input whose `documents/<stem>.json` there holds the same
    /// sha256 is not extracted again (`--resume`).
    pub resume_from: Option<PathBuf>,
}

/// The reader limits for a file size cap in MB and a time budget in seconds (0: none).
/// The error says what is wrong with the budget, for the caller to show.
pub fn limits(max_file_mb: u64, max_seconds: f64) -> Result<chc_parse::Limits, &'static str> {
    let time_budget = if max_seconds == 0.0 {
        None
    } else {
        Some(
            Duration::try_from_secs_f64(max_seconds)
                .map_err(|_| "the time budget must be a number of seconds, 0 for no limit")?,
        )
    };
    Ok(chc_parse::Limits {
        max_file_bytes: max_file_mb.saturating_mul(1024 * 1024),
        time_budget,
        ..Default::default()
    })
}

/// Per-document stage times in milliseconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Times {
    pub read: f64,
    pub parse: f64,
    pub table: f64,
    pub matching: f64,
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    Done(Box<Document>, Times),
    /// `--resume`: the earlier output already holds this input's document.
    UpToDate(Box<Document>),
    Failed(FileError, Times),
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// This input's error.
pub fn fail(input: &Input, stage: Stage, kind: &str, message: String) -> FileError {
    FileError {
        file: input.display.clone(),
        stage,
        kind: kind.to_string(),
        message,
    }
}

/// Read, parse, rebuild the table and match one input. Never panics: a panic in any
/// stage (a damaged PDF deep inside a reader) becomes this file's error.
pub fn process(
    input: &Input,
    overrides: &Overrides,
    options: &Options,
    registry: &Registry,
) -> Outcome {
    let mut t = Times::default();
    let start = Instant::now();
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Failed(
                fail(
                    input,
                    Stage::Read,
                    "unreadable",
                    format!("cannot read the file: {e}"),
                ),
                t,
            )
        }
    };
    t.read = ms(start);
    if let Some(out) = &options.resume_from {
        if let Some(doc) = up_to_date(out, input, &bytes) {
            return Outcome::UpToDate(Box::new(doc));
        }
    }
    let result = catch_unwind(AssertUnwindSafe(|| {
        let s = Instant::now();
        let parsed = chc_parse::parse(&input.display, &bytes, &options.limits)
            .map_err(|e| fail(input, Stage::Parse, e.kind(), e.to_string()))?;
        t.parse = ms(s);
        let s = Instant::now();
        let table = chc_table::reconstruct(&parsed, registry)
            .map_err(|e| fail(input, Stage::Table, e.kind(), e.to_string()))?;
        t.table = ms(s);
        over_budget(input, Stage::Table)?;
        let s = Instant::now();
        let mut doc = chc_match::match_document(table, registry, overrides);
        if options.align_2024 {
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
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Outcome::Failed(
                fail(
                    input,
                    Stage::Parse,
                    "internal_error",
                    format!("chc failed on this file ({what}); please report it with the file"),
                ),
                t,
            )
        }
    }
}

/// The document's time budget (started by chc_parse::parse on this thread) ran out.
fn over_budget(input: &Input, stage: Stage) -> Result<(), FileError> {
    let deadline = chc_parse::budget::current();
    if deadline.expired() {
        return Err(fail(
            input,
            stage,
            "time_limit",
            deadline.error().to_string(),
        ));
    }
    Ok(())
}

fn up_to_date(out: &Path, input: &Input, bytes: &[u8]) -> Option<Document> {
    let existing = std::fs::read(chc_export::document_path(out, &input.stem)).ok()?;
    let doc: Document = serde_json::from_slice(&existing).ok()?;
    (doc.schema_version == SCHEMA_VERSION
        && doc.source.sha256 == chc_parse::sha256_hex(bytes)
        && doc.source.path == input.display)
        .then_some(doc)
}

/// Run every input through [`process`] on `options.jobs` threads.
///
/// `finish` runs on the worker right after each input, in parallel (the CLI writes the
/// document's JSON there); `each` then receives the outcomes on the calling thread in input
/// order, whatever the thread count. Workers take inputs in order, at most 8 per thread
/// ahead of `each`; an outcome is dropped once `each` returns, so memory holds that window
/// of documents, not the batch, unless `each` keeps them.
///
/// While it runs, panics (contained per document by [`process`]) are logged at debug level
/// instead of printed, so a reader library's panic does not print over the error lines.
pub fn run<F, E>(
    inputs: &[Input],
    manifest: &Manifest,
    options: &Options,
    finish: F,
    mut each: E,
) -> Result<(), rayon::ThreadPoolBuildError>
where
    F: Fn(&Input, Outcome) -> Outcome + Sync,
    E: FnMut(&Input, Outcome),
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()?;
    let registry = Registry::embedded();
    let _quiet = QuietPanics::start();
    let threads = pool.current_num_threads().max(1);
    let ahead = Ahead::new(threads * 8);
    let work = |input: &Input| {
        finish(
            input,
            process(input, &manifest.lookup(input), options, registry),
        )
    };
    std::thread::scope(|scope| {
        let (done, finished) = std::sync::mpsc::channel::<(usize, Outcome)>();
        let (ahead, work, pool) = (&ahead, &work, &pool);
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
        let mut completed: std::collections::BTreeMap<usize, Outcome> =
            std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in finished {
            completed.insert(i, outcome);
            while let Some(outcome) = completed.remove(&next) {
                let input = &inputs[next];
                next += 1;
                ahead.written(next);
                each(input, outcome);
            }
        }
    });
    Ok(())
}

/// While any batch runs, panics are logged at debug level instead of printed. The hook is
/// process-wide and batches may overlap (two Python threads each calling `chc.extract`):
/// the first batch to start replaces it, the last to end puts the previous one back.
struct QuietPanics;

type PanicHook = Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send>;

/// (batches running, the hook to put back when none is)
static RUNNING: Mutex<(usize, Option<PanicHook>)> = Mutex::new((0, None));

impl QuietPanics {
    fn start() -> Self {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        if running.0 == 0 {
            running.1 = Some(std::panic::take_hook());
            std::panic::set_hook(Box::new(|info| tracing::debug!("recovered panic: {info}")));
        }
        running.0 += 1;
        QuietPanics
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.0 -= 1;
        if running.0 == 0 {
            if let Some(previous) = running.1.take() {
                std::panic::set_hook(previous);
            }
        }
    }
}

/// Hands inputs out in order, no further than `window` ahead of the consumer.
struct Ahead {
    /// (next input to hand out, inputs consumed)
    state: Mutex<(usize, usize)>,
    moved: Condvar,
    window: usize,
}

impl Ahead {
    fn new(window: usize) -> Self {
        Ahead {
            state: Mutex::new((0, 0)),
            moved: Condvar::new(),
            window,
        }
    }

    /// The next input, once the consumer is close enough; `None` when all are handed out.
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

    /// While alive, a panic of this worker stops the others handing out inputs: the
    /// consumer would never see the panicked one's result, and they would wait for it for ever.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("chc-batch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Outcomes come back in input order and complete, whatever the thread count, and a
    /// bad file is an outcome like any other.
    #[test]
    fn outcomes_arrive_in_input_order_at_any_thread_count() {
        let dir = folder("order");
        let form = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../corpus/001_76db0eb272d0a5af.txt"
        ))
        .unwrap();
        for i in 0..40 {
            let text = if i % 7 == 3 {
                String::new()
            } else {
                form.replace(
                    "Complaint",
                    if i % 2 == 0 { "Complaint" } else { "complaint" },
                )
            };
            std::fs::write(dir.join(format!("form{i:02}.txt")), text).unwrap();
        }
        let inputs = collect(std::slice::from_ref(&dir)).unwrap();
        let mut seen_by_jobs = Vec::new();
        for jobs in [1, 2, 3] {
            let options = Options {
                jobs,
                limits: limits(DEFAULT_MAX_FILE_MB, DEFAULT_MAX_SECONDS).unwrap(),
                ..Default::default()
            };
            let mut seen = Vec::new();
            run(
                &inputs,
                &Manifest::empty(),
                &options,
                |_, o| o,
                |input, outcome| {
                    let what = match outcome {
                        Outcome::Done(doc, _) => format!("{} rows", doc.rows.len()),
                        Outcome::Failed(e, _) => e.kind,
                        Outcome::UpToDate(_) => "up to date".into(),
                    };
                    seen.push((input.stem.clone(), what));
                },
            )
            .unwrap();
            seen_by_jobs.push(seen);
        }
        let stems: Vec<String> = (0..40).map(|i| format!("form{i:02}")).collect();
        assert_eq!(
            seen_by_jobs[0]
                .iter()
                .map(|s| s.0.clone())
                .collect::<Vec<_>>(),
            stems
        );
        assert_eq!(seen_by_jobs[0][3].1, "empty_file");
        assert!(seen_by_jobs[0][0].1.ends_with(" rows") && seen_by_jobs[0][0].1 != "0 rows");
        assert_eq!(seen_by_jobs[0], seen_by_jobs[1]);
        assert_eq!(seen_by_jobs[0], seen_by_jobs[2]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_time_budget_must_be_a_duration() {
        assert!(limits(1, 0.0).unwrap().time_budget.is_none());
        assert_eq!(
            limits(1, 2.5).unwrap().time_budget,
            Some(Duration::from_millis(2500))
        );
        assert!(limits(1, -1.0).is_err() && limits(1, f64::NAN).is_err());
        assert_eq!(limits(2, 1.0).unwrap().max_file_bytes, 2 * 1024 * 1024);
    }
}
