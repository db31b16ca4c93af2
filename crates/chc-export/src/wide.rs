//! `compliance_wide*.csv`: one line per document, one column per provision (issue 6).
//!
//! Files written (see docs/schema.md):
//! - one Code version in the batch (or only documents of unknown version):
//!   `compliance_wide.csv`;
//! - several: `compliance_wide_<version>.csv` per version (`2020`, `2022`, `2024`,
//!   `unknown`), plus the combined `compliance_wide.csv` whose provision columns are
//!   qualified by version (`2022:1.2`, `2024:1.2`), so every document is in one file and no
//!   column mixes two Codes; and, when the batch has 2024 documents and older ones,
//!   `compliance_wide_aligned_2024.csv`: every 2020, 2022 and 2024 document on the 2024
//!   numbering, 2022 values carried over by `chc_code::crosswalk`, 2020 answers by the
//!   hand-made 2020 → 2022 pairs of kind "same" and then that crosswalk.
//!
//! Provision columns are the registry's provisions of the version (`chc_code::Registry`)
//! plus any provision a document of that version has that the registry lacks, in Code
//! order (`chc_code::number_key`). A cell is the document's comply value for that provision
//! (`yes`, `no`, `partial`, `not_applicable`, `unknown`), or empty when the document has no
//! row for it. Rows without a provision number are not in the wide files (they are in
//! `provisions.csv`); when a provision appears twice in a document, the first row counts.

use crate::long::excel_safe;
use chc_code::{number_key, CodeVersion, Registry};
use chc_model::{Comply, Document, Row};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The leading columns of every wide file.
pub const FIXED_COLUMNS: &[&str] = &["source", "landlord", "code_version", "document_date", "draft"];

struct WideDoc {
    source: String,
    landlord: String,
    version: Option<CodeVersion>,
    date: String,
    draft: bool,
    comply: BTreeMap<String, Comply>,
}

/// Collects comply values per document; small enough to keep for the whole batch.
#[derive(Default)]
pub struct WideTables {
    docs: Vec<WideDoc>,
}

fn version_name(v: Option<CodeVersion>) -> &'static str {
    v.map_or("unknown", |v| v.as_str())
}

impl WideTables {
    pub fn new() -> Self {
        WideTables::default()
    }

    pub fn add(&mut self, doc: &Document) {
        let comply = first_rows(doc).into_iter().map(|(p, r)| (p.to_string(), r.comply)).collect();
        self.docs.push(WideDoc {
            source: doc.source.path.clone(),
            landlord: doc.landlord.clone().unwrap_or_default(),
            version: doc.code_version,
            date: doc.document_date.clone().unwrap_or_default(),
            draft: doc.draft,
            comply,
        });
    }

    /// The provision columns of `version` for this batch, in Code order.
    pub fn provision_columns(&self, version: Option<CodeVersion>) -> Vec<String> {
        // Distinct numbers first, keyed once each: documents repeat the same few dozen.
        let mut numbers: HashSet<&str> = HashSet::new();
        if let Some(v) = version {
            numbers.extend(Registry::embedded().of_version(v).map(|p| p.number.as_str()));
        }
        for d in self.docs.iter().filter(|d| d.version == version) {
            numbers.extend(d.comply.keys().map(String::as_str));
        }
        let mut keyed: Vec<((u32, u32), &str)> = numbers.into_iter().map(|p| (number_key(p), p)).collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, p)| p.to_string()).collect()
    }

    fn versions(&self) -> Vec<Option<CodeVersion>> {
        // Known versions in Code order, unknown last.
        let set: BTreeSet<(bool, Option<CodeVersion>)> = self.docs.iter().map(|d| (d.version.is_none(), d.version)).collect();
        set.into_iter().map(|(_, v)| v).collect()
    }

    /// (file name, contents) pairs to write into the output folder.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let versions = self.versions();
        if versions.len() <= 1 {
            let version = versions.first().copied().flatten();
            let cols = self.provision_columns(version);
            return vec![("compliance_wide.csv".to_string(), self.table(&[(version, cols)], false))];
        }
        let blocks: Vec<(Option<CodeVersion>, Vec<String>)> = versions.iter().map(|&v| (v, self.provision_columns(v))).collect();
        let older = versions.contains(&Some(CodeVersion::V2022)) || versions.contains(&Some(CodeVersion::V2020));
        let aligned = older && versions.contains(&Some(CodeVersion::V2024));
        // Each table runs over the whole batch, at its very end: built side by side.
        let mut files: Vec<(String, Vec<u8>)> = std::thread::scope(|s| {
            let mut tables: Vec<_> = blocks.iter().map(|block| s.spawn(move || (format!("compliance_wide_{}.csv", version_name(block.0)), self.table(std::slice::from_ref(block), false)))).collect();
            tables.push(s.spawn(|| ("compliance_wide.csv".to_string(), self.table(&blocks, true))));
            if aligned {
                tables.push(s.spawn(|| ("compliance_wide_aligned_2024.csv".to_string(), self.aligned_2024())));
            }
            tables.into_iter().map(|t| t.join().expect("building a wide table does not panic")).collect()
        });
        files.sort();
        files
    }

    fn header(cols: &[String]) -> Vec<&str> {
        FIXED_COLUMNS.iter().copied().chain(cols.iter().map(String::as_str)).collect()
    }

    /// The leading cells of a document's line; the cells of a wide file are borrowed, as
    /// there are documents × provisions of them.
    fn fixed(d: &WideDoc) -> Vec<Cow<'_, str>> {
        let version = d.version.map_or("", |v| v.as_str());
        vec![excel_safe(&d.source), excel_safe(&d.landlord), version.into(), d.date.as_str().into(), (if d.draft { "true" } else { "false" }).into()]
    }

    /// A table of the documents whose version is one of `blocks`' versions; columns are the
    /// blocks' provisions, qualified "version:number" when `qualified`.
    fn table(&self, blocks: &[(Option<CodeVersion>, Vec<String>)], qualified: bool) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let cols: Vec<String> = blocks
            .iter()
            .flat_map(|(v, cols)| cols.iter().map(move |c| if qualified { format!("{}:{c}", version_name(*v)) } else { c.clone() }))
            .collect();
        w.write_record(Self::header(&cols)).expect("in-memory write");
        // Where each version's provisions start among the columns, and each provision's place
        // in its block: a document's values are placed, not looked up per column (there are
        // documents × provisions cells).
        let mut offset = 0;
        let placed: Vec<(Option<CodeVersion>, usize, HashMap<&str, usize>)> = blocks
            .iter()
            .map(|(v, cols)| {
                let block = (*v, offset, cols.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect());
                offset += cols.len();
                block
            })
            .collect();
        let mut values: Vec<&str> = Vec::with_capacity(offset);
        for d in &self.docs {
            let Some((_, start, index)) = placed.iter().find(|(v, _, _)| *v == d.version) else { continue };
            values.clear();
            values.resize(offset, "");
            for (p, c) in &d.comply {
                if let Some(i) = index.get(p.as_str()) {
                    values[start + i] = c.as_str();
                }
            }
            let mut rec = Self::fixed(d);
            rec.extend(values.iter().map(|v| Cow::Borrowed(*v)));
            w.write_record(rec.iter().map(|cell| cell.as_bytes())).expect("in-memory write");
        }
        w.into_inner().expect("in-memory flush")
    }

    /// 2020, 2022 and 2024 documents on the 2024 numbering.
    fn aligned_2024(&self) -> Vec<u8> {
        let cols = self.provision_columns(Some(CodeVersion::V2024));
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(Self::header(&cols)).expect("in-memory write");
        for d in &self.docs {
            let values: BTreeMap<String, Comply> = match d.version {
                Some(CodeVersion::V2024) => d.comply.clone(),
                Some(CodeVersion::V2022) => align_2022(&d.comply),
                Some(CodeVersion::V2020) => align_2022(&align_2020(&d.comply)),
                _ => continue,
            };
            let mut rec = Self::fixed(d);
            rec.extend(cols.iter().map(|c| Cow::Borrowed(values.get(c).map_or("", |x| x.as_str()))));
            w.write_record(rec.iter().map(|cell| cell.as_bytes())).expect("in-memory write");
        }
        w.into_inner().expect("in-memory flush")
    }
}

/// A 2020 document's answers carried onto the 2022 provisions its questions ask about
/// outright (the hand-made pairs of kind "same"); a question that only touches a
/// provision's subject says too little to stand for its answer.
pub fn align_2020(values: &BTreeMap<String, Comply>) -> BTreeMap<String, Comply> {
    values
        .iter()
        .filter_map(|(q, &v)| match chc_code::crosswalk::counterpart_2022_of_2020(q) {
            Some((p, "same")) => Some((p.to_string(), v)),
            _ => None,
        })
        .fold(BTreeMap::new(), |mut out, (p, v)| {
            out.entry(p).and_modify(|cur| *cur = merge(*cur, v)).or_insert(v);
            out
        })
}

/// The row that answers each provision of a document: the first with that number (rows
/// without a number answer none). The wide files, the report's heatmap and the workbook's
/// Compliance sheets all show these.
pub fn first_rows(doc: &Document) -> BTreeMap<&str, &Row> {
    let mut first = BTreeMap::new();
    for r in &doc.rows {
        if let Some(p) = &r.provision {
            first.entry(p.as_str()).or_insert(r);
        }
    }
    first
}

/// A 2022 document's comply values carried onto the 2024 provisions by the crosswalk: a
/// 2022 provision split into several 2024 provisions gives each its value; when several
/// 2022 provisions merged into one 2024 provision, agreeing values are kept, `unknown` and
/// `not_applicable` give way to any other answer, and yes mixed with no/partial is `partial`.
pub fn align_2022(values: &BTreeMap<String, Comply>) -> BTreeMap<String, Comply> {
    let mut out: BTreeMap<String, Comply> = BTreeMap::new();
    for link in chc_code::crosswalk::embedded() {
        let (Some(old), Some(new)) = (&link.provision_2022, &link.provision_2024) else { continue };
        let Some(&v) = values.get(old) else { continue };
        out.entry(new.clone()).and_modify(|cur| *cur = merge(*cur, v)).or_insert(v);
    }
    out
}

fn merge(a: Comply, b: Comply) -> Comply {
    use Comply::*;
    match (a, b) {
        _ if a == b => a,
        (Unknown, x) | (x, Unknown) => x,
        (NotApplicable, x) | (x, NotApplicable) => x,
        _ => Partial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, version: Option<CodeVersion>, rows: &[(&str, Comply)]) -> Document {
        let rows = rows.iter().map(|(p, c)| crate::testutil::row(p, *c, "", "")).collect();
        crate::testutil::doc(path, &format!("Landlord {path}"), version, Some("2024-04"), rows)
    }

    fn parse(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
        let mut r = csv::Reader::from_reader(bytes);
        let header = r.headers().unwrap().iter().map(str::to_string).collect();
        let rows = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
        (header, rows)
    }

    #[test]
    fn one_version_one_file_in_code_order() {
        let mut w = WideTables::new();
        w.add(&doc("a.txt", Some(CodeVersion::V2024), &[("6.15", Comply::No), ("6.9", Comply::Yes), ("6.9", Comply::No)]));
        w.add(&doc("b.txt", Some(CodeVersion::V2024), &[("1.2", Comply::Partial)]));
        let files = w.files();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "compliance_wide.csv");
        let (header, rows) = parse(&files[0].1);
        assert_eq!(&header[..5], FIXED_COLUMNS);
        assert_eq!(header.len(), 5 + 72, "every 2024 provision");
        assert_eq!(header[5], "1.2");
        let i69 = header.iter().position(|h| h == "6.9").unwrap();
        let i615 = header.iter().position(|h| h == "6.15").unwrap();
        assert!(i69 < i615);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][..5], ["a.txt", "Landlord a.txt", "2024", "2024-04", "false"]);
        assert_eq!(rows[0][i69], "yes", "first row of a repeated provision counts");
        assert_eq!(rows[0][i615], "no");
        assert_eq!(rows[0][5], "");
        assert_eq!(rows[1][5], "partial");
        assert!(rows.iter().all(|r| r.len() == header.len()));
    }

    #[test]
    fn mixed_versions_split_and_combine() {
        let mut w = WideTables::new();
        w.add(&doc("new.txt", Some(CodeVersion::V2024), &[("1.2", Comply::Yes)]));
        w.add(&doc("old.txt", Some(CodeVersion::V2022), &[("1.2", Comply::No), ("99.1", Comply::Yes)]));
        w.add(&doc("what.txt", None, &[("3.1", Comply::Yes)]));
        let files = w.files();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["compliance_wide.csv", "compliance_wide_2022.csv", "compliance_wide_2024.csv", "compliance_wide_aligned_2024.csv", "compliance_wide_unknown.csv"]);
        let get = |n: &str| parse(&files.iter().find(|(f, _)| f == n).unwrap().1);
        let (h22, r22) = get("compliance_wide_2022.csv");
        assert_eq!(r22.len(), 1);
        assert_eq!(h22.last().unwrap(), "99.1", "provisions the registry lacks are kept, in Code order");
        let (hu, ru) = get("compliance_wide_unknown.csv");
        assert_eq!((hu.len(), ru.len()), (6, 1));
        let (hc, rc) = get("compliance_wide.csv");
        assert_eq!(rc.len(), 3);
        assert_eq!(rc.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["new.txt", "old.txt", "what.txt"], "input order");
        let i22 = hc.iter().position(|h| h == "2022:1.2").unwrap();
        let i24 = hc.iter().position(|h| h == "2024:1.2").unwrap();
        assert!(i22 < i24);
        assert_eq!((rc[0][i22].as_str(), rc[0][i24].as_str()), ("", "yes"));
        assert_eq!((rc[1][i22].as_str(), rc[1][i24].as_str()), ("no", ""));
        assert_eq!(rc[2][2], "");
        let (ha, ra) = get("compliance_wide_aligned_2024.csv");
        assert_eq!(ha.len(), 5 + 72);
        assert_eq!(ra.len(), 2, "2022 and 2024 documents only");
    }

    #[test]
    fn a_2020_questionnaire_joins_the_aligned_table_through_its_same_pairs() {
        let mut w = WideTables::new();
        w.add(&doc("new.txt", Some(CodeVersion::V2024), &[("1.2", Comply::Yes)]));
        // 2020 1.1 asks whether the 2022 definition (1.2) is used: 2024 1.2; 2020 1.2 only
        // touches 2022 1.8's subject and is not carried.
        w.add(&doc("q2020.txt", Some(CodeVersion::V2020), &[("1.1", Comply::No), ("1.2", Comply::Yes)]));
        let files = w.files();
        let (h, r) = parse(&files.iter().find(|(f, _)| f == "compliance_wide_aligned_2024.csv").unwrap().1);
        assert_eq!(r.len(), 2);
        let i12 = h.iter().position(|c| c == "1.2").unwrap();
        assert_eq!(r[1][i12], "no");
        assert_eq!(r[1].iter().skip(5).filter(|v| !v.is_empty()).count(), 1);
    }

    #[test]
    fn merging_answers() {
        assert_eq!(merge(Comply::Yes, Comply::Yes), Comply::Yes);
        assert_eq!(merge(Comply::Yes, Comply::No), Comply::Partial);
        assert_eq!(merge(Comply::Unknown, Comply::No), Comply::No);
        assert_eq!(merge(Comply::NotApplicable, Comply::Yes), Comply::Yes);
    }
}
