//! Lenient loading of gold files and extracted documents.
//!
//! Gold files (`fixtures/gold/<stem>.json`, see `docs/gold-format.md`) carry a subset of the
//! keys of `documents/<stem>.json`. Both are read with [`Gold`]: unknown keys are ignored,
//! missing keys take their default (`None`, `""`, `false`, `unknown`, no rows), and scalar
//! types are forgiven (`"code_version": 2024`, `"draft": "no"`, `"comply": "Yes"`). A strictly
//! valid `Document` is read as such; anything else that is JSON with the gold keys (e.g. a
//! peer tool's output) is turned into a `Document` with defaults for the rest.

use anyhow::{bail, Context, Result};
use chc_model::{
    CodeVersion, Comply, Detection, Document, Rag, RequirementKind, Row, SourceFormat, SourceInfo, SCHEMA_VERSION,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The hand-checked truth for one input file (also the lenient reading of any document).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Gold {
    /// Input path relative to the repository root (a `SourceInfo` object is read for its `path`).
    #[serde(deserialize_with = "de_source")]
    pub source: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub landlord: Option<String>,
    /// "2020" | "2022" | "2024" as written (numbers accepted).
    #[serde(deserialize_with = "de_opt_string")]
    pub code_version: Option<String>,
    /// "YYYY-MM".
    #[serde(deserialize_with = "de_opt_string")]
    pub document_date: Option<String>,
    /// Missing → `None`, scored as `false`.
    #[serde(deserialize_with = "de_opt_bool")]
    pub draft: Option<bool>,
    #[serde(deserialize_with = "de_rows")]
    pub rows: Vec<GoldRow>,
}

/// One gold row, in document order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldRow {
    #[serde(deserialize_with = "de_opt_string")]
    pub provision: Option<String>,
    /// `None` when the gold file does not say; then the row is left out of that metric.
    #[serde(deserialize_with = "de_opt_bool")]
    pub number_in_source: Option<bool>,
    #[serde(deserialize_with = "de_kind")]
    pub requirement_kind: Option<RequirementKind>,
    #[serde(deserialize_with = "de_string")]
    pub requirement: String,
    #[serde(deserialize_with = "de_comply")]
    pub comply: Comply,
    #[serde(deserialize_with = "de_string")]
    pub comply_raw: String,
    #[serde(deserialize_with = "de_string")]
    pub evidence: String,
    #[serde(deserialize_with = "de_string")]
    pub commentary: String,
    #[serde(deserialize_with = "de_rag")]
    pub rag: Option<Rag>,
}

impl Gold {
    /// Read a gold file (or any document JSON) leniently.
    pub fn from_json(json: &str) -> Result<Gold> {
        let value: Value = serde_json::from_str(json).context("not valid JSON")?;
        if !value.is_object() {
            bail!("expected a JSON object");
        }
        Ok(serde_json::from_value(value)?)
    }

    pub fn load(path: &Path) -> Result<Gold> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Gold::from_json(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// The gold-shaped view of an extracted document.
    pub fn from_document(doc: &Document) -> Gold {
        Gold {
            source: Some(doc.source.path.clone()),
            landlord: doc.landlord.clone(),
            code_version: doc.code_version.map(|v| v.as_str().to_string()),
            document_date: doc.document_date.clone(),
            draft: Some(doc.draft),
            rows: doc
                .rows
                .iter()
                .map(|r| GoldRow {
                    provision: r.provision.clone(),
                    number_in_source: Some(r.number_in_source),
                    requirement_kind: r.requirement_kind,
                    requirement: r.requirement.clone(),
                    comply: r.comply,
                    comply_raw: r.comply_raw.clone(),
                    evidence: r.evidence.clone(),
                    commentary: r.commentary.clone(),
                    rag: r.rag,
                })
                .collect(),
        }
    }

    /// A `Document` with these values and defaults for everything a gold file lacks
    /// (`number_in_source` missing → true when a provision is given).
    pub fn to_document(&self) -> Document {
        let path = self.source.clone().unwrap_or_default();
        let format = match Path::new(&path).extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()) {
            Some(e) if e == "pdf" => SourceFormat::Pdf,
            Some(e) if e == "docx" => SourceFormat::Docx,
            Some(e) if e == "html" || e == "htm" => SourceFormat::Html,
            _ => SourceFormat::Text,
        };
        Document {
            schema_version: SCHEMA_VERSION.to_string(),
            source: SourceInfo { path, sha256: String::new(), format, bytes: 0 },
            landlord: self.landlord.clone(),
            code_version: self.code_version.as_deref().and_then(CodeVersion::parse),
            document_date: self.document_date.clone(),
            draft: self.draft.unwrap_or(false),
            columns: Vec::new(),
            detection: Detection::default(),
            warnings: Vec::new(),
            rows: self
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    provision: r.provision.clone(),
                    number_in_source: r.number_in_source.unwrap_or(r.provision.is_some()),
                    section: r.provision.as_deref().and_then(|p| p.split('.').next()?.trim().parse().ok()),
                    requirement_kind: r.requirement_kind,
                    requirement: r.requirement.clone(),
                    comply: r.comply,
                    comply_raw: r.comply_raw.clone(),
                    evidence: r.evidence.clone(),
                    commentary: r.commentary.clone(),
                    rag: r.rag,
                    rag_raw: None,
                    matching: None,
                    quote_fidelity: None,
                    aligned_2024: None,
                    source_location: i as u32 + 1,
                    warnings: Vec::new(),
                })
                .collect(),
        }
    }
}

/// Parse an extracted document: strictly when it is a valid `Document`, else leniently
/// through [`Gold`] (missing keys default).
pub fn parse_document(json: &str) -> Result<Document> {
    if let Ok(doc) = serde_json::from_str::<Document>(json) {
        return Ok(doc);
    }
    Ok(Gold::from_json(json)?.to_document())
}

pub fn load_document(path: &Path) -> Result<Document> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    parse_document(&text).with_context(|| format!("parsing {}", path.display()))
}

/// `*.json` files directly in `dir`, keyed by file stem, sorted.
pub fn json_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading directory {}", dir.display()))? {
        let path = entry?.path();
        if !path.is_file() || path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            out.insert(stem.to_string(), path);
        }
    }
    Ok(out)
}

/// All gold files of a directory, keyed by stem. Fails on a gold file that does not parse.
pub fn load_gold_dir(dir: &Path) -> Result<BTreeMap<String, Gold>> {
    json_files(dir)?.into_iter().map(|(stem, path)| Ok((stem, Gold::load(&path)?))).collect()
}

/// Where the document JSONs of an output are: `<output>/documents/` when it exists,
/// else `<output>` itself.
pub fn documents_dir(output: &Path) -> PathBuf {
    let sub = output.join("documents");
    if sub.is_dir() {
        sub
    } else {
        output.to_path_buf()
    }
}

// ---- lenient field readers -------------------------------------------------------------

fn scalar_string(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.into_iter().filter_map(scalar_string).collect();
            Some(parts.join("\n"))
        }
        Value::Object(_) => None,
    }
}

fn de_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(scalar_string(Value::deserialize(d)?))
}

fn de_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(scalar_string(Value::deserialize(d)?).unwrap_or_default())
}

fn de_source<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Object(mut m) => m.remove("path").and_then(scalar_string),
        v => scalar_string(v),
    })
}

fn de_opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => Some(b),
        Value::Number(n) => Some(n.as_f64() != Some(0.0)),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Some(true),
            "false" | "no" | "n" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

fn key(v: Value) -> Option<String> {
    scalar_string(v).map(|s| s.trim().to_ascii_lowercase().replace(['-', ' ', '/'], "_"))
}

/// Lenient reading of a comply value: the snake_case names, plus the usual printed forms.
pub fn parse_comply(s: &str) -> Comply {
    match s.trim().to_ascii_lowercase().replace(['-', ' ', '/'], "_").as_str() {
        "yes" | "y" | "compliant" | "complies" | "comply" | "met" => Comply::Yes,
        "no" | "n" | "non_compliant" | "not_compliant" | "not_met" => Comply::No,
        "partial" | "partially" | "partly" | "partially_compliant" | "partially_met" => Comply::Partial,
        "not_applicable" | "n_a" | "na" => Comply::NotApplicable,
        _ => Comply::Unknown,
    }
}

fn de_comply<'de, D: Deserializer<'de>>(d: D) -> Result<Comply, D::Error> {
    Ok(scalar_string(Value::deserialize(d)?).map(|s| parse_comply(&s)).unwrap_or_default())
}

fn de_rag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Rag>, D::Error> {
    Ok(match key(Value::deserialize(d)?).as_deref() {
        Some("green" | "g") => Some(Rag::Green),
        Some("amber" | "a" | "yellow") => Some(Rag::Amber),
        Some("red" | "r") => Some(Rag::Red),
        _ => None,
    })
}

fn de_kind<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RequirementKind>, D::Error> {
    Ok(match key(Value::deserialize(d)?).as_deref() {
        Some("must") => Some(RequirementKind::Must),
        Some("should") => Some(RequirementKind::Should),
        _ => None,
    })
}

fn de_rows<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<GoldRow>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter(|v| v.is_object())
            .map(|v| serde_json::from_value(v).map_err(serde::de::Error::custom))
            .collect::<Result<_, _>>()?,
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_reads_the_documented_example() {
        let g = Gold::from_json(
            r#"{
              "source": "corpus/000_6a94297636c6b8f1.txt",
              "landlord": "Stevenage Borough Council",
              "code_version": "2024",
              "document_date": "2024-04",
              "draft": false,
              "rows": [{"provision": "1.2", "number_in_source": true, "requirement_kind": "must",
                        "requirement": "A complaint must be defined as", "comply": "yes", "comply_raw": "Yes",
                        "evidence": "...", "commentary": "", "rag": null}]
            }"#,
        )
        .unwrap();
        assert_eq!(g.landlord.as_deref(), Some("Stevenage Borough Council"));
        assert_eq!(g.code_version.as_deref(), Some("2024"));
        assert_eq!(g.draft, Some(false));
        assert_eq!(g.rows.len(), 1);
        let r = &g.rows[0];
        assert_eq!(r.provision.as_deref(), Some("1.2"));
        assert_eq!(r.number_in_source, Some(true));
        assert_eq!(r.requirement_kind, Some(RequirementKind::Must));
        assert_eq!(r.comply, Comply::Yes);
        assert_eq!(r.rag, None);
    }

    #[test]
    fn gold_is_lenient() {
        let g = Gold::from_json(
            r#"{"code_version": 2022, "draft": "no", "extra": {"x": 1},
                "rows": [{"provision": null, "comply": "Not applicable", "rag": "Amber", "evidence": null,
                          "unknown": 3}, {}]}"#,
        )
        .unwrap();
        assert_eq!(g.code_version.as_deref(), Some("2022"));
        assert_eq!(g.draft, Some(false));
        assert_eq!(g.landlord, None);
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].comply, Comply::NotApplicable);
        assert_eq!(g.rows[0].rag, Some(Rag::Amber));
        assert_eq!(g.rows[0].evidence, "");
        assert_eq!(g.rows[1], GoldRow::default());
        assert_eq!(Gold::from_json("{}").unwrap(), Gold::default());
        assert!(Gold::from_json("[1]").is_err());
        assert!(Gold::from_json("nope").is_err());
    }

    #[test]
    fn documents_strict_and_lenient_round_trip() {
        let g = Gold::from_json(
            r#"{"source": "fixtures/pdf/a.pdf", "landlord": "X", "code_version": "2024",
                "rows": [{"provision": "1.1", "requirement": "r", "comply": "no"}]}"#,
        )
        .unwrap();
        let doc = g.to_document();
        assert_eq!(doc.source.format, SourceFormat::Pdf);
        assert_eq!(doc.code_version, Some(CodeVersion::V2024));
        assert_eq!(doc.rows[0].section, Some(1));
        assert!(doc.rows[0].number_in_source);
        // A full Document serialises and parses strictly, giving the same gold view.
        let json = serde_json::to_string(&doc).unwrap();
        let back = parse_document(&json).unwrap();
        assert_eq!(back, doc);
        // A peer-style minimal document parses leniently.
        let peer = parse_document(r#"{"rows": [{"provision": "2.1", "comply": "Yes", "requirement": "x"}]}"#).unwrap();
        assert_eq!(peer.rows.len(), 1);
        assert_eq!(peer.rows[0].comply, Comply::Yes);
        assert_eq!(Gold::from_document(&peer).rows[0].provision.as_deref(), Some("2.1"));
    }

    #[test]
    fn source_object_is_read_for_its_path() {
        let g = Gold::from_json(r#"{"source": {"path": "corpus/a.txt", "sha256": "00"}}"#).unwrap();
        assert_eq!(g.source.as_deref(), Some("corpus/a.txt"));
    }
}
