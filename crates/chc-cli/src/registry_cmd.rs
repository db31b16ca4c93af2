//! `chc registry build`: the Code registry from the forms' own quotations.
//!
//! Every form quotes the Code in its requirement column. Reading a corpus without any
//! registry (numbers and structure only), grouping the quotations by version and
//! number, and keeping the medoid quotation (the one most like all the others) gives
//! the Code's wording with each form's truncations and edits outvoted.

use crate::{EXIT_FATAL, EXIT_OK, EXIT_USAGE};
use chc_code::{wording_similarity, CodeVersion, Provision, Registry, RegistryFile};
use chc_model::{Overrides, RequirementKind};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum RegistryCommand {
    /// Rebuild the registry JSON from the quotations in a corpus of forms.
    Build {
        /// Forms to read (files or folders).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Where to write the registry (crates/chc-code/data/registry.json).
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the embedded registry as CSV (version, number, section, kind, text).
    Show,
    /// Write the 2022 → 2024 crosswalk (crosswalk_2022_2024.csv).
    Crosswalk {
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Section titles as the Code itself gives them (CODE.md), checked by hand. Forms' own
/// headings are not trusted here: the 2024 template mis-titles section 8.
const SECTION_TITLES: &[(CodeVersion, u32, &str)] = &[
    (CodeVersion::V2024, 1, "Definition of a complaint"),
    (CodeVersion::V2024, 2, "Exclusions"),
    (CodeVersion::V2024, 3, "Accessibility and awareness"),
    (CodeVersion::V2024, 4, "Complaint handling staff"),
    (CodeVersion::V2024, 5, "The complaint handling process"),
    (CodeVersion::V2024, 6, "Complaints stages"),
    (CodeVersion::V2024, 7, "Putting things right"),
    (CodeVersion::V2024, 8, "Self-assessment, reporting and compliance"),
    (CodeVersion::V2024, 9, "Scrutiny & oversight: continuous learning and improvement"),
    (CodeVersion::V2022, 1, "Definition of a complaint"),
    (CodeVersion::V2022, 2, "Accessibility and awareness"),
    (CodeVersion::V2022, 3, "Complaint handling personnel"),
    (CodeVersion::V2022, 4, "Complaint handling principles"),
    (CodeVersion::V2022, 5, "Complaint stages"),
    (CodeVersion::V2022, 6, "Putting things right"),
    (CodeVersion::V2022, 7, "Continuous learning and improvement"),
    (CodeVersion::V2022, 8, "Self-assessment and compliance"),
];

pub fn run(cmd: RegistryCommand) -> u8 {
    match cmd {
        RegistryCommand::Build { inputs, out } => build(&inputs, &out),
        RegistryCommand::Show => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            let _ = w.write_record(["version", "number", "section", "section_title", "kind", "quoted_by", "reviewed", "text"]);
            for p in Registry::embedded().provisions() {
                let _ = w.write_record([p.version.as_str(), &p.number, &p.section.to_string(), &p.section_title, p.kind.map_or("", |k| k.as_str()), &p.quoted_by.to_string(), &p.reviewed.to_string(), &p.text]);
            }
            EXIT_OK
        }
        RegistryCommand::Crosswalk { out } => {
            let csv = chc_code::crosswalk::to_csv(chc_code::crosswalk::embedded());
            match out {
                Some(path) => match chc_export::write_atomic(&path, csv.as_bytes()) {
                    Ok(()) => EXIT_OK,
                    Err(e) => {
                        say!("chc: error: cannot write {}: {e}", path.display());
                        EXIT_FATAL
                    }
                },
                None => match crate::write_stdout(&csv) {
                    Ok(()) => EXIT_OK,
                    Err(crate::Reported) => EXIT_FATAL,
                },
            }
        }
    }
}

/// A requirement as one form quotes it, with the sub-table kind it was printed under.
type Quotation = (String, Option<RequirementKind>);

fn build(paths: &[PathBuf], out: &std::path::Path) -> u8 {
    let files = match chc_batch::collect(paths) {
        Ok(f) => f,
        Err(e) => {
            say!("chc: error: {e:#}");
            return EXIT_USAGE;
        }
    };
    let blank = Registry::new(Vec::new());
    let previous = Registry::embedded();
    let mut quotes: BTreeMap<(CodeVersion, (u32, u32)), Vec<Quotation>> = BTreeMap::new();
    for input in &files {
        let Ok(bytes) = std::fs::read(&input.path) else { continue };
        let Ok(parsed) = chc_parse::parse(&input.display, &bytes, &chc_parse::Limits::default()) else { continue };
        let Ok(table) = chc_table::reconstruct(&parsed, &blank) else { continue };
        let doc = chc_match::match_document(table, &blank, &Overrides::default());
        let Some(version) = doc.code_version else {
            say!("chc: {}: Code version not detected; skipped", input.display);
            continue;
        };
        for r in &doc.rows {
            let (Some(n), true) = (&r.provision, r.number_in_source) else { continue };
            if r.requirement.split_whitespace().count() < 5 {
                continue;
            }
            quotes.entry((version, chc_code::number_key(n))).or_default().push((r.requirement.clone(), r.requirement_kind));
        }
    }
    let mut provisions = Vec::new();
    for ((version, (section, item)), qs) in quotes {
        let texts: Vec<&str> = qs.iter().map(|(t, _)| t.as_str()).collect();
        let medoid = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let support: f64 = texts.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, o)| wording_similarity(t, o)).sum();
                (support, t.len(), i)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)))
            .map(|(_, _, i)| texts[i])
            .unwrap_or_default();
        let kind = Some(match version {
            CodeVersion::V2024 => RequirementKind::Must,
            _ => {
                let should = qs.iter().filter(|(_, k)| *k == Some(RequirementKind::Should)).count();
                if should * 2 > qs.len() {
                    RequirementKind::Should
                } else {
                    RequirementKind::Must
                }
            }
        });
        let number = format!("{section}.{item}");
        // The provision's own number printed inside its text is layout residue (a number
        // on the middle line of a multi-line cell, QUIRKS 9), not the Code's wording.
        let medoid = medoid.replace(&format!(" {number} "), " ");
        let medoid = medoid.as_str();
        let section_title = SECTION_TITLES.iter().find(|(v, s, _)| *v == version && *s == section).map_or("", |(_, _, t)| t).to_string();
        // Keep the review mark only where the wording did not change.
        let reviewed = previous.get(version, &number).is_some_and(|p| p.reviewed && p.text == medoid);
        provisions.push(Provision { version, number, section, section_title, kind, text: medoid.to_string(), quoted_by: qs.len() as u32, reviewed });
    }
    let file = RegistryFile {
        note: "Built by `chc registry build corpus/`: the medoid quotation of each provision across the corpus forms. `reviewed` marks entries read against the Code by a person.".into(),
        provisions,
    };
    let count = file.provisions.len();
    match chc_export::write_atomic(out, &chc_export::to_json_bytes(&file)) {
        Ok(()) => {
            say!("chc: registry of {count} provisions written to {}", out.display());
            EXIT_OK
        }
        Err(e) => {
            say!("chc: error: cannot write {}: {e}", out.display());
            EXIT_FATAL
        }
    }
}
