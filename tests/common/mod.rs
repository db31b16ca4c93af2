//! What every end-to-end test needs: the repository, scratch folders, the `chc` binary,
//! and reading its outputs and the gold files.
#![allow(dead_code)]

use chc_eval::Gold;
use chc_model::Document;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// A scratch path unique to this test binary, test name and process, emptied first and
/// removed when dropped, unless the test is failing (then it is kept to look at).
pub fn tmp(name: &str) -> Scratch {
    let d = std::env::temp_dir().join(format!("chc-{}-{name}-{}", env!("CARGO_CRATE_NAME"), std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    Scratch(d)
}

/// Like [`tmp`], created.
pub fn tmp_dir(name: &str) -> Scratch {
    let d = tmp(name);
    std::fs::create_dir_all(&d.0).unwrap();
    d
}

pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Scratch {
    /// Keep the folder after the test (for outputs shared through a `static`, which is never
    /// dropped anyway).
    pub fn persist(self) -> PathBuf {
        let me = std::mem::ManuallyDrop::new(self);
        me.0.clone()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

/// The `chc` binary, run from the repository root.
pub fn chc_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chc"));
    c.current_dir(repo());
    c
}

pub fn chc(args: &[&str]) -> Output {
    chc_command().args(args).output().expect("run chc")
}

pub fn load_doc(out: &Path, stem: &str) -> Document {
    let text = std::fs::read_to_string(out.join("documents").join(format!("{stem}.json"))).unwrap_or_else(|e| panic!("{stem}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{stem}: {e}"))
}

pub fn gold(stem: &str) -> Gold {
    Gold::load(&repo().join("fixtures/gold").join(format!("{stem}.json"))).unwrap()
}

/// `errors.csv` as sorted (file name, kind) pairs.
pub fn error_kinds(out: &Path) -> Vec<(String, String)> {
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(errors.as_bytes());
    let mut kinds: Vec<(String, String)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (Path::new(&r[0]).file_name().unwrap().to_string_lossy().to_string(), r[2].to_string())
        })
        .collect();
    kinds.sort();
    kinds
}
