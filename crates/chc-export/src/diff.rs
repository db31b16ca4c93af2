//! `chc diff OLD NEW`: what changed between two extractions of the same landlords' forms
//! (year on year, or before/after a fix), per provision.
//!
//! OLD and NEW are each a document JSON or an output folder (its `documents/*.json`).
//! Documents are paired by landlord first (when a landlord has several documents on a
//! side, equal file stems pair first, then the rest in file-name order), then the
//! remaining ones by file stem; two single files are always compared with each other.
//! Within a pair, rows are matched by provision number; when OLD answers the 2022 Code and
//! NEW the 2024 Code, OLD's numbers are first carried to the 2024 numbering with
//! `chc_code::crosswalk` (`aligned: true`). Rows without a number are matched by their
//! order among the unnumbered rows.

use crate::read::NamedDocument;
use chc_model::{CodeVersion, Document, Row, SCHEMA_VERSION};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocRef {
    pub stem: String,
    pub source: String,
    pub landlord: Option<String>,
    pub code_version: Option<String>,
    pub document_date: Option<String>,
}

impl DocRef {
    fn of(d: &NamedDocument) -> DocRef {
        DocRef {
            stem: d.stem.clone(),
            source: d.doc.source.path.clone(),
            landlord: d.doc.landlord.clone(),
            code_version: d.doc.code_version.map(|v| v.to_string()),
            document_date: d.doc.document_date.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Comply,
    Rag,
    Requirement,
    Evidence,
    Commentary,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Comply => "comply",
            ChangeKind::Rag => "rag",
            ChangeKind::Requirement => "requirement",
            ChangeKind::Evidence => "evidence",
            ChangeKind::Commentary => "commentary",
        }
    }
}

/// One change to one provision. For `added`/`removed`, `old`/`new` hold the comply value
/// of the row that exists.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProvisionChange {
    pub provision: String,
    pub change: ChangeKind,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A document-level field that changed (landlord, code_version, document_date, draft, source sha256).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentDiff {
    /// "landlord", "stem" or "files" (two files given on the command line).
    pub matched_by: String,
    pub old: DocRef,
    pub new: DocRef,
    /// OLD's 2022 numbering was carried to NEW's 2024 numbering with the crosswalk.
    pub aligned: bool,
    pub fields: Vec<FieldChange>,
    pub provisions: Vec<ProvisionChange>,
}

impl DocumentDiff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.provisions.is_empty()
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DiffReport {
    pub schema_version: String,
    pub old: String,
    pub new: String,
    pub documents: Vec<DocumentDiff>,
    pub only_in_old: Vec<DocRef>,
    pub only_in_new: Vec<DocRef>,
}

impl DiffReport {
    /// True when nothing differs.
    pub fn is_empty(&self) -> bool {
        self.documents.iter().all(DocumentDiff::is_empty) && self.only_in_old.is_empty() && self.only_in_new.is_empty()
    }

    pub fn provision_changes(&self) -> usize {
        self.documents.iter().map(|d| d.provisions.len()).sum()
    }
}

/// Compare two sets of documents (see the module documentation for the pairing).
pub fn diff_sets(old_label: &str, old: &[NamedDocument], new_label: &str, new: &[NamedDocument]) -> DiffReport {
    let mut pairs: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut used_old = BTreeSet::new();
    let mut used_new = BTreeSet::new();
    if old.len() == 1 && new.len() == 1 {
        pairs.push((0, 0, "files"));
        used_old.insert(0);
        used_new.insert(0);
    }
    // By landlord.
    let group = |docs: &[NamedDocument]| {
        let mut m: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, d) in docs.iter().enumerate() {
            if let Some(l) = d.doc.landlord.as_ref().filter(|l| !l.trim().is_empty()) {
                m.entry(l.trim().to_lowercase()).or_default().push(i);
            }
        }
        m
    };
    let (old_by, new_by) = (group(old), group(new));
    for (landlord, olds) in &old_by {
        let Some(news) = new_by.get(landlord) else { continue };
        let mut olds: Vec<usize> = olds.iter().copied().filter(|i| !used_old.contains(i)).collect();
        let mut news: Vec<usize> = news.iter().copied().filter(|i| !used_new.contains(i)).collect();
        // Equal stems first.
        for &o in olds.clone().iter() {
            if let Some(pos) = news.iter().position(|&n| new[n].stem == old[o].stem) {
                pairs.push((o, news[pos], "landlord"));
                news.remove(pos);
                olds.retain(|&x| x != o);
            }
        }
        for (o, n) in olds.into_iter().zip(news) {
            pairs.push((o, n, "landlord"));
        }
        for &(o, n, _) in &pairs {
            used_old.insert(o);
            used_new.insert(n);
        }
    }
    // By stem.
    for (o, od) in old.iter().enumerate() {
        if used_old.contains(&o) {
            continue;
        }
        if let Some(n) = (0..new.len()).find(|n| !used_new.contains(n) && new[*n].stem == od.stem) {
            pairs.push((o, n, "stem"));
            used_old.insert(o);
            used_new.insert(n);
        }
    }
    pairs.sort_by(|a, b| (&new[a.1].stem, a.1).cmp(&(&new[b.1].stem, b.1)));
    let documents = pairs.iter().map(|&(o, n, how)| diff_pair(how, &old[o], &new[n])).collect();
    DiffReport {
        schema_version: SCHEMA_VERSION.to_string(),
        old: old_label.to_string(),
        new: new_label.to_string(),
        documents,
        only_in_old: old.iter().enumerate().filter(|(i, _)| !used_old.contains(i)).map(|(_, d)| DocRef::of(d)).collect(),
        only_in_new: new.iter().enumerate().filter(|(i, _)| !used_new.contains(i)).map(|(_, d)| DocRef::of(d)).collect(),
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rows keyed by provision (aligned to 2024 when asked), first row of a number winning.
fn keyed(doc: &Document, align_2022: bool) -> BTreeMap<((u32, u32), String), &Row> {
    let mut out = BTreeMap::new();
    let mut unnumbered = 0;
    for r in &doc.rows {
        let key = match &r.provision {
            Some(p) if align_2022 => match chc_code::crosswalk::counterpart_2024(p).and_then(|l| l.provision_2024.clone()) {
                Some(n) => n,
                None => format!("2022:{p}"),
            },
            Some(p) => p.clone(),
            None => {
                unnumbered += 1;
                format!("(unnumbered #{unnumbered})")
            }
        };
        out.entry((chc_code::number_key(key.trim_start_matches("2022:")), key)).or_insert(r);
    }
    out
}

/// Compare one pair of documents.
pub fn diff_pair(matched_by: &str, old: &NamedDocument, new: &NamedDocument) -> DocumentDiff {
    let (o, n) = (&old.doc, &new.doc);
    let mut fields = Vec::new();
    let mut field = |name: &str, a: Option<String>, b: Option<String>| {
        if a != b {
            fields.push(FieldChange { field: name.to_string(), old: a, new: b });
        }
    };
    field("landlord", o.landlord.clone(), n.landlord.clone());
    field("code_version", o.code_version.map(|v| v.to_string()), n.code_version.map(|v| v.to_string()));
    field("document_date", o.document_date.clone(), n.document_date.clone());
    field("draft", Some(o.draft.to_string()), Some(n.draft.to_string()));
    field("sha256", Some(o.source.sha256.clone()), Some(n.source.sha256.clone()));
    let aligned = o.code_version == Some(CodeVersion::V2022) && n.code_version == Some(CodeVersion::V2024);
    let (ko, kn) = (keyed(o, aligned), keyed(n, false));
    let keys: BTreeSet<&((u32, u32), String)> = ko.keys().chain(kn.keys()).collect();
    let mut provisions = Vec::new();
    for key in keys {
        let p = key.1.clone();
        match (ko.get(key), kn.get(key)) {
            (Some(a), None) => provisions.push(ProvisionChange { provision: p, change: ChangeKind::Removed, old: Some(a.comply.to_string()), new: None }),
            (None, Some(b)) => provisions.push(ProvisionChange { provision: p, change: ChangeKind::Added, old: None, new: Some(b.comply.to_string()) }),
            (Some(a), Some(b)) => {
                let mut push = |kind: ChangeKind, x: String, y: String| {
                    if x != y {
                        provisions.push(ProvisionChange { provision: p.clone(), change: kind, old: Some(x), new: Some(y) });
                    }
                };
                push(ChangeKind::Comply, a.comply.to_string(), b.comply.to_string());
                push(ChangeKind::Rag, a.rag.map(|r| r.as_str().to_string()).unwrap_or_default(), b.rag.map(|r| r.as_str().to_string()).unwrap_or_default());
                if !aligned {
                    push(ChangeKind::Requirement, norm(&a.requirement), norm(&b.requirement));
                }
                push(ChangeKind::Evidence, norm(&a.evidence), norm(&b.evidence));
                push(ChangeKind::Commentary, norm(&a.commentary), norm(&b.commentary));
            }
            (None, None) => {}
        }
    }
    DocumentDiff { matched_by: matched_by.to_string(), old: DocRef::of(old), new: DocRef::of(new), aligned, fields, provisions }
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        format!("\"{s}\"")
    } else {
        format!("\"{}…\"", s.chars().take(max).collect::<String>())
    }
}

/// Drop the words both texts start with (when that is more than a few words), so the
/// change shows: "…reviewed." → "…fixed by Q3 2024/25.".
fn skip_common_prefix(a: &str, b: &str) -> (String, String) {
    let common: usize = a.char_indices().zip(b.chars()).take_while(|((_, x), y)| x == y).map(|((_, x), _)| x.len_utf8()).sum();
    if common == a.len() && common == b.len() {
        return (a.to_string(), b.to_string());
    }
    // Back up to the start of a word.
    let cut = a[..common].rfind(' ').map_or(0, |i| i + 1);
    if cut < 24 {
        (a.to_string(), b.to_string())
    } else {
        (format!("…{}", &a[cut..]), format!("…{}", &b[cut..]))
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

/// The human-readable report.
pub fn render_text(r: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "chc diff {} → {}", r.old, r.new);
    for d in &r.documents {
        let who = d.new.landlord.as_deref().or(d.old.landlord.as_deref()).unwrap_or("(landlord unknown)");
        let _ = writeln!(out, "\n{who}  [{} → {}, matched by {}]", d.old.source, d.new.source, d.matched_by);
        if d.aligned {
            let _ = writeln!(out, "  (2022 provisions compared on the 2024 numbering via the crosswalk)");
        }
        if d.is_empty() {
            let _ = writeln!(out, "  no changes");
            continue;
        }
        for f in &d.fields {
            let _ = writeln!(out, "  {:<14} {} → {}", f.field, opt(&f.old), opt(&f.new));
        }
        for c in &d.provisions {
            let line = match c.change {
                ChangeKind::Added => format!("row added (comply {})", opt(&c.new)),
                ChangeKind::Removed => format!("row removed (was comply {})", opt(&c.old)),
                ChangeKind::Comply | ChangeKind::Rag => format!("{} → {}", opt(&c.old), opt(&c.new)),
                _ => {
                    let (o, n) = skip_common_prefix(opt(&c.old), opt(&c.new));
                    format!("changed: {} → {}", short(&o, 70), short(&n, 70))
                }
            };
            let _ = writeln!(out, "  {:<6} {:<11} {line}", c.provision, c.change.as_str());
        }
    }
    for (label, list) in [("only in old", &r.only_in_old), ("only in new", &r.only_in_new)] {
        for d in list {
            let _ = writeln!(out, "\n{label}: {} ({})", d.source, d.landlord.as_deref().unwrap_or("landlord unknown"));
        }
    }
    let changed = r.documents.iter().filter(|d| !d.is_empty()).count();
    let _ = writeln!(
        out,
        "\n{} document pair(s) compared, {changed} changed, {} provision change(s); {} only in old, {} only in new",
        r.documents.len(),
        r.provision_changes(),
        r.only_in_old.len(),
        r.only_in_new.len()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{doc, row};
    use chc_model::Comply;
    use std::path::PathBuf;

    fn named(stem: &str, d: Document) -> NamedDocument {
        NamedDocument { stem: stem.into(), path: PathBuf::from(format!("{stem}.json")), doc: d }
    }

    #[test]
    fn reports_comply_text_added_and_removed() {
        let v = Some(CodeVersion::V2024);
        let old = named("a", doc("a.txt", "Acme Homes", v, Some("2024-04"), vec![row("1.2", Comply::No, "to be done", ""), row("1.3", Comply::Yes, "x", ""), row("6.9", Comply::Yes, "", "")]));
        let new = named("b", doc("b.txt", "Acme Homes", v, Some("2025-04"), vec![row("1.2", Comply::Yes, "done  now", ""), row("6.9", Comply::Yes, "", ""), row("6.15", Comply::Partial, "", "")]));
        let r = diff_sets("old", &[old], "new", &[new]);
        assert_eq!(r.documents.len(), 1);
        let d = &r.documents[0];
        assert_eq!(d.matched_by, "files");
        assert_eq!(d.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["document_date"]);
        let got: Vec<(&str, ChangeKind)> = d.provisions.iter().map(|c| (c.provision.as_str(), c.change)).collect();
        assert_eq!(got, [("1.2", ChangeKind::Comply), ("1.2", ChangeKind::Evidence), ("1.3", ChangeKind::Removed), ("6.15", ChangeKind::Added)]);
        assert!(!r.is_empty());
        let text = render_text(&r);
        assert!(text.contains("1.2    comply      no → yes"), "{text}");
        assert!(text.contains("6.15   added       row added (comply partial)"), "{text}");
        assert_eq!(
            skip_common_prefix("This is currently addressed as part of the response. This is being reviewed.", "This is currently addressed as part of the response. This will be fixed."),
            ("…is being reviewed.".to_string(), "…will be fixed.".to_string())
        );
        assert_eq!(skip_common_prefix("short a", "short b"), ("short a".to_string(), "short b".to_string()));
    }

    #[test]
    fn pairs_by_landlord_then_stem() {
        let v = Some(CodeVersion::V2024);
        let old = vec![
            named("x1", doc("x1.txt", "Acme Homes", v, None, vec![])),
            named("same", doc("s.txt", "", v, None, vec![])),
            named("gone", doc("g.txt", "Gone Council", v, None, vec![])),
        ];
        let new = vec![named("x2", doc("x2.txt", "ACME Homes", v, None, vec![])), named("same", doc("s.txt", "", v, None, vec![])), named("fresh", doc("f.txt", "Fresh", v, None, vec![]))];
        let r = diff_sets("o", &old, "n", &new);
        let got: Vec<(&str, &str, &str)> = r.documents.iter().map(|d| (d.old.stem.as_str(), d.new.stem.as_str(), d.matched_by.as_str())).collect();
        assert_eq!(got, [("same", "same", "stem"), ("x1", "x2", "landlord")]);
        assert_eq!(r.only_in_old.len(), 1);
        assert_eq!(r.only_in_new[0].stem, "fresh");
        assert!(r.documents[0].is_empty());
        assert_eq!(r.documents[1].fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["landlord"], "spelling of the name differs");
    }
}
