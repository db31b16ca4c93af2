//! The `chc` Python module: `chc.extract(paths)` runs the batch of `chc extract` (the
//! `chc_batch` crate, the same code) and returns a `Batch` holding the documents, the
//! errors and the provisions table, as Python objects. Nothing is written to disk.
//!
//! Documents are processed with the GIL released; Python objects are built afterwards,
//! on the calling thread, and the documents' dicts only when first asked for. The type stubs are in `chc.pyi` beside this crate's Cargo.toml.

use chc_batch::{Input, Manifest, Outcome};
use chc_export::long::{row_fields, Cells, COLUMNS};
use chc_model::{Document, FileError};
use pyo3::exceptions::{PyFileNotFoundError, PyImportError, PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::path::PathBuf;

/// The result of one `chc.extract` call.
///
/// `documents` is built on first use and kept (a script that only wants the provisions
/// table never pays for it); `errors` is built with the batch; `rows()` and `to_pandas()`
/// build the provisions table from the documents on each call.
#[pyclass(module = "chc", frozen)]
struct Batch {
    /// The documents as Rust values, in input order.
    extracted: Vec<Document>,
    /// `extracted` as Python dicts, once asked for.
    documents: PyOnceLock<Py<PyList>>,
    /// One dict per input that produced no document, in input order, with the keys of
    /// `errors.csv`: `file`, `stage`, `kind`, `message`.
    #[pyo3(get)]
    errors: Py<PyList>,
}

#[pymethods]
impl Batch {
    /// One dict per document extracted, in input order: exactly the JSON that
    /// `chc extract` writes to `documents/<stem>.json` (docs/schema.md). The same list on
    /// every access.
    #[getter]
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = self.documents.get_or_try_init(py, || -> PyResult<Py<PyList>> {
            let list = PyList::empty(py);
            for doc in &self.extracted {
                list.append(pythonize::pythonize(py, doc).map_err(|e| PyRuntimeError::new_err(format!("{}: {e}", doc.source.path)))?)?;
            }
            Ok(list.unbind())
        })?;
        Ok(list.bind(py).clone())
    }

    /// The provisions table: one dict per document × provision, with exactly the columns of
    /// `provisions.csv` (see `chc.PROVISION_COLUMNS`), every value a string as the CSV
    /// has it ("" for an empty cell, "true"/"false", scores with three decimals).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let keys: Vec<Bound<'py, PyString>> = COLUMNS.iter().map(|c| PyString::intern(py, c)).collect();
        let rows = PyList::empty(py);
        for doc in &self.extracted {
            for row in &doc.rows {
                let dict = PyDict::new(py);
                for (key, value) in keys.iter().zip(row_fields(doc, row, Cells::Csv)) {
                    dict.set_item(key, value.as_ref())?;
                }
                rows.append(dict)?;
            }
        }
        Ok(rows)
    }

    /// The provisions table as a pandas DataFrame: the rows of `rows()`, its columns in the
    /// order of `provisions.csv`. Needs pandas (`pip install pandas`).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py.import("pandas").map_err(|e| PyImportError::new_err(format!("Batch.to_pandas() needs pandas, which could not be imported ({e}); install it with `pip install pandas`, or use Batch.rows()")))?;
        // Column by column: one list per column is what a DataFrame is made of.
        let columns: Vec<Bound<'py, PyList>> = COLUMNS.iter().map(|_| PyList::empty(py)).collect();
        for doc in &self.extracted {
            for row in &doc.rows {
                for (column, value) in columns.iter().zip(row_fields(doc, row, Cells::Csv)) {
                    column.append(value.as_ref())?;
                }
            }
        }
        let data = PyDict::new(py);
        for (name, column) in COLUMNS.iter().zip(columns) {
            data.set_item(name, column)?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", COLUMNS.to_vec())?;
        pandas.getattr("DataFrame")?.call((data,), Some(&kwargs))
    }

    fn __len__(&self) -> usize {
        self.extracted.len()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let rows: usize = self.extracted.iter().map(|d| d.rows.len()).sum();
        format!("<chc.Batch: {} documents, {} provision rows, {} errors>", self.extracted.len(), rows, self.errors.bind(py).len())
    }
}

// The allocator of the chc binary, for the same speed: Rust's allocations only (Python's
// objects come from Python's allocator, and neither frees the other's memory).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One path or a sequence of paths (str or os.PathLike).
fn paths_of(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = paths.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let mut out = Vec::new();
    for item in paths.try_iter().map_err(|_| PyValueError::new_err("paths must be a path or a list of paths"))? {
        out.push(item?.extract::<PathBuf>().map_err(|_| PyValueError::new_err("paths must be a path or a list of paths (str or os.PathLike)"))?);
    }
    Ok(out)
}

/// `align` may be None, "2024" or 2024: the only Code version rows can be aligned to.
fn align_2024(align: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
    let Some(align) = align.filter(|a| !a.is_none()) else { return Ok(false) };
    let text = align.str()?.to_string();
    if text == "2024" {
        Ok(true)
    } else {
        Err(PyValueError::new_err(format!("align must be None or \"2024\" (the only Code version rows can be aligned to), not {text:?}")))
    }
}

fn error_dict<'py>(py: Python<'py>, e: &FileError) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("file", &e.file)?;
    d.set_item("stage", e.stage.as_str())?;
    d.set_item("kind", &e.kind)?;
    d.set_item("message", &e.message)?;
    Ok(d)
}

/// Extract Complaint Handling Code self-assessment forms, as `chc extract` does.
///
/// paths: a file or folder, or a list of them; folders are searched recursively for .pdf,
///     .docx, .html/.htm and .txt/.tsv files (the format is read from the content).
/// jobs: documents processed at once (default: one per core).
/// manifest: a CSV file with columns path,landlord[,code_version][,document_date] whose
///     values override detection for the inputs whose path ends with `path`.
/// align: "2024" to add to each 2022-Code row its 2024 counterpart (`aligned_2024`).
/// max_seconds: time budget per document (0: none); a document over it is an error of
///     kind time_limit.
/// max_file_mb: largest input file read, in MB.
///
/// Returns a Batch. A file that cannot be extracted is an entry in Batch.errors, never an
/// exception. Raises FileNotFoundError when a path does not exist, ValueError for a bad
/// manifest or argument, or when no input file is found.
#[pyfunction]
#[pyo3(signature = (paths, jobs = None, manifest = None, align = None, *, max_seconds = chc_batch::DEFAULT_MAX_SECONDS, max_file_mb = chc_batch::DEFAULT_MAX_FILE_MB))]
fn extract(py: Python<'_>, paths: &Bound<'_, PyAny>, jobs: Option<usize>, manifest: Option<PathBuf>, align: Option<&Bound<'_, PyAny>>, max_seconds: f64, max_file_mb: u64) -> PyResult<Batch> {
    chc_batch::warm::start();
    let paths = paths_of(paths)?;
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        return Err(PyFileNotFoundError::new_err(format!("{} does not exist", missing.display())));
    }
    let align_2024 = align_2024(align)?;
    let limits = chc_batch::limits(max_file_mb, max_seconds).map_err(|e| PyValueError::new_err(format!("max_seconds: {e}")))?;
    let manifest = match manifest {
        Some(p) => Manifest::load(&p).map_err(|e| PyValueError::new_err(format!("{e:#}")))?,
        None => Manifest::empty(),
    };
    let inputs = chc_batch::collect(&paths).map_err(|e| PyOSError::new_err(format!("{e:#}")))?;
    if inputs.is_empty() {
        return Err(PyValueError::new_err("no input files found (folders are searched for .pdf, .docx, .txt, .html)"));
    }
    let options = chc_batch::Options { jobs: jobs.unwrap_or(0), limits, align_2024, resume_from: None };
    let (extracted, errors) = py
        .detach(|| {
            let mut extracted = Vec::with_capacity(inputs.len());
            let mut errors = Vec::new();
            let keep = |_: &Input, outcome: Outcome| match outcome {
                Outcome::Done(doc, _) | Outcome::UpToDate(doc) => extracted.push(*doc),
                Outcome::Failed(e, _) => errors.push(e),
            };
            chc_batch::run(&inputs, &manifest, &options, |_, outcome| outcome, keep).map(|()| (extracted, errors))
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the worker threads: {e}")))?;
    let error_list = PyList::empty(py);
    for e in &errors {
        error_list.append(error_dict(py, e)?)?;
    }
    Ok(Batch { extracted, documents: PyOnceLock::new(), errors: error_list.unbind() })
}

/// Complaint Handling Code self-assessments as data: `chc.extract(paths)` runs the
/// extraction of the `chc` command line tool and returns a `Batch` of documents, errors
/// and the provisions table.
#[pymodule]
fn chc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("PROVISION_COLUMNS", PyTuple::new(m.py(), COLUMNS)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_class::<Batch>()?;
    Ok(())
}
