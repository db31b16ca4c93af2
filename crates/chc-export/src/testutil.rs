//! Building documents in unit tests through serde, so that fields added to the model with
//! defaults do not break the tests.

use chc_model::{CodeVersion, Comply, Document, Row};
use serde_json::json;

pub fn row(provision: &str, comply: Comply, evidence: &str, commentary: &str) -> Row {
    serde_json::from_value(json!({
        "provision": provision,
        "number_in_source": true,
        "requirement": "",
        "comply": comply,
        "comply_raw": "",
        "evidence": evidence,
        "commentary": commentary,
        "source_location": 1,
        "warnings": [],
    }))
    .expect("test row deserialises")
}

pub fn doc(path: &str, landlord: &str, version: Option<CodeVersion>, date: Option<&str>, rows: Vec<Row>) -> Document {
    let mut d: Document = serde_json::from_value(json!({
        "schema_version": chc_model::SCHEMA_VERSION,
        "source": {"path": path, "sha256": "0", "format": "text", "bytes": 1},
        "landlord": landlord,
        "code_version": version,
        "document_date": date,
        "draft": false,
        "columns": [],
        "detection": {
            "landlord": {"method": "", "confidence": 0.0, "evidence": ""},
            "code_version": {"method": "", "confidence": 0.0, "evidence": ""},
            "document_date": {"method": "", "confidence": 0.0, "evidence": ""},
            "draft": {"method": "", "confidence": 0.0, "evidence": ""}
        },
        "warnings": [],
        "rows": [],
    }))
    .expect("test document deserialises");
    d.rows = rows;
    d
}
