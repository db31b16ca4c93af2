//! Which files a batch reads, what each output is called, and the manifest overrides.

use anyhow::{bail, Context, Result};
use chc_model::{CodeVersion, Overrides};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Extensions picked up when walking a folder. Files named on the command line are
/// always read, whatever their name.
const FOLDER_EXTENSIONS: &[&str] = &["pdf", "docx", "odt", "txt", "text", "tsv", "htm", "html", "xhtml", "mhtml", "mht"];

/// Extensions of a web page saved with its assets.
const PAGE_EXTENSIONS: &[&str] = &["htm", "html", "xhtml"];

/// The folder a browser's "Save page as… complete" writes beside `NAME.html`: `NAME_files`
/// (Chrome, Firefox, Edge). Its pages are the saved page's frames and widgets, not inputs.
fn is_saved_page_assets(dir: &Path) -> bool {
    let Some(name) = dir.file_name().and_then(|n| n.to_str()) else { return false };
    let Some(stem) = name.strip_suffix("_files") else { return false };
    let parent = dir.parent().unwrap_or(Path::new("."));
    PAGE_EXTENSIONS.iter().any(|ext| parent.join(format!("{stem}.{ext}")).is_file())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path as written in outputs: as given, with `/` separators.
    pub display: String,
    /// File name of `documents/<stem>.json`, unique within the batch.
    pub stem: String,
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir).with_context(|| format!("cannot read folder {}", dir.display()))?.filter_map(|e| e.ok()).collect();
    // By name: within one folder, the order of the full paths.
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        let name = name.to_str().unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        let p = e.path();
        // The listing tells files from folders without a stat, except for links.
        let is_dir = match e.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => p.is_dir(),
        };
        if is_dir {
            if !is_saved_page_assets(&p) {
                walk(&p, out)?;
            }
        } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| FOLDER_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())) {
            out.push(p);
        }
    }
    Ok(())
}

/// Expand files and folders into a sorted, de-duplicated list with unique output stems.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files)?;
        } else if p.exists() {
            files.push(p.clone());
        } else {
            bail!("{} does not exist", p.display());
        }
    }
    files.sort();
    files.dedup();
    let mut stem_count: HashMap<String, usize> = HashMap::new();
    for f in &files {
        *stem_count.entry(file_stem(f)).or_default() += 1;
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    Ok(files
        .into_iter()
        .map(|path| {
            let base = file_stem(&path);
            // Same stem in two folders: number them in path order, deterministically.
            let stem = if stem_count[&base] > 1 {
                let n = used.entry(base.clone()).or_default();
                *n += 1;
                format!("{base}__{n}")
            } else {
                base
            };
            Input { display: display_path(&path), path, stem }
        })
        .collect())
}

fn file_stem(p: &Path) -> String {
    let s = p.file_stem().and_then(|s| s.to_str()).unwrap_or("document");
    s.chars().map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect()
}

/// `--manifest file.csv`: columns `path,landlord[,code_version][,document_date]`.
/// A line applies to an input whose path ends with the manifest's path.
pub struct Manifest {
    entries: BTreeMap<String, Overrides>,
}

impl Manifest {
    pub fn empty() -> Self {
        Manifest { entries: BTreeMap::new() }
    }

    pub fn load(path: &Path) -> Result<Self> {
        let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_path(path).with_context(|| format!("cannot read manifest {}", path.display()))?;
        let headers: Vec<String> = rdr.headers()?.iter().map(|h| h.trim_start_matches('\u{feff}').to_lowercase()).collect();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let path_col = col("path").or_else(|| col("file")).context("manifest needs a `path` (or `file`) column")?;
        let landlord_col = col("landlord");
        let version_col = col("code_version");
        let date_col = col("document_date");
        let mut entries = BTreeMap::new();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.with_context(|| format!("manifest line {}", i + 2))?;
            let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
            let Some(p) = get(Some(path_col)) else { continue };
            let code_version = match get(version_col) {
                Some(v) => Some(CodeVersion::parse(&v).with_context(|| format!("manifest line {}: code_version {v:?} is not 2020, 2022 or 2024", i + 2))?),
                None => None,
            };
            let document_date = get(date_col);
            if let Some(d) = &document_date {
                let ok = d.len() == 7 && d.as_bytes()[4] == b'-' && d[..4].chars().all(|c| c.is_ascii_digit()) && d[5..].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
                if !ok {
                    bail!("manifest line {}: document_date {d:?} is not YYYY-MM", i + 2);
                }
            }
            entries.insert(p.replace('\\', "/"), Overrides { landlord: get(landlord_col), code_version, document_date });
        }
        Ok(Manifest { entries })
    }

    pub fn lookup(&self, input: &Input) -> Overrides {
        self.entries
            .iter()
            .filter(|(p, _)| input.display == **p || input.display.ends_with(&format!("/{p}")))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, o)| o.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_stem_in_two_folders_gets_distinct_outputs() {
        let dir = std::env::temp_dir().join(format!("chc-inputs-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::create_dir_all(dir.join("b")).unwrap();
        std::fs::write(dir.join("a/form.txt"), "x").unwrap();
        std::fs::write(dir.join("b/form.txt"), "y").unwrap();
        std::fs::write(dir.join("b/notes.docx.bak"), "z").unwrap();
        let inputs = collect(std::slice::from_ref(&dir)).unwrap();
        let stems: Vec<&str> = inputs.iter().map(|i| i.stem.as_str()).collect();
        assert_eq!(stems, vec!["form__1", "form__2"]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_saved_pages_files_folder_is_not_read_but_a_folder_named_alike_is() {
        let dir = std::env::temp_dir().join(format!("chc-inputs-saved-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("form_files")).unwrap();
        std::fs::create_dir_all(dir.join("council_files")).unwrap();
        std::fs::write(dir.join("form.html"), "<html>").unwrap();
        std::fs::write(dir.join("form_files/frame.htm"), "<html>").unwrap();
        std::fs::write(dir.join("form_files/style.css"), "p{}").unwrap();
        std::fs::write(dir.join("council_files/other.mhtml"), "MIME-Version: 1.0").unwrap();
        std::fs::write(dir.join("council_files/form.odt"), "PK").unwrap();
        let inputs = collect(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<String> = inputs.iter().map(|i| i.path.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(names, vec!["council_files/form.odt", "council_files/other.mhtml", "form.html"]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
