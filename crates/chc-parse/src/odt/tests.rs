use super::*;
use chc_model::PageContent;
use std::io::{Cursor, Write};

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0""#;

fn content(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#)
}

fn odt(body: &str, styles: Option<&str>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(content(body).as_bytes()).unwrap();
    if let Some(s) = styles {
        w.start_file("styles.xml", deflated).unwrap();
        w.write_all(s.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn source() -> SourceInfo {
    SourceInfo { path: "t.odt".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 }
}

fn show(bytes: &[u8]) -> Vec<String> {
    let doc = parse_odt(source(), bytes, &Limits::default()).unwrap();
    assert_eq!(doc.source.format, SourceFormat::Odt);
    let PageContent::Structured(blocks) = &doc.pages[0].content else { panic!("structured") };
    let mut out = Vec::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Heading { level, text } => out.push(format!("H{level} {text}")),
            BlockKind::Paragraph(t) => out.push(format!("P {t}")),
            BlockKind::Table(t) => {
                for r in &t.rows {
                    let cells = &crate::grid::slot_strings(std::slice::from_ref(r))[0];
                    out.push(format!("{}{}", if r.header { "H|" } else { "|" }, cells.join("|")));
                }
            }
            other => out.push(format!("{other:?}")),
        }
    }
    out
}

fn cell(text: &str) -> String {
    format!(r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#)
}

#[test]
fn headings_lists_tables_with_spans_and_what_is_never_read() {
    let body = format!(
        r#"<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p text:style-name="Title">Self-assessment 2025</text:p>
<text:table-of-content><text:index-body><text:p>Section 1 ........ 3</text:p></text:index-body></text:table-of-content>
<text:h text:outline-level="2">Section 1:  Definition</text:h>
<text:p>Kestrel   District<text:s text:c="2"/>Council<text:line-break/>Approved<text:tab/>May 2025<office:annotation><text:p>a comment</text:p></office:annotation><text:change-start text:change-id="c1"/><text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>By the Board.</text:p></text:note-body></text:note></text:p>
<text:list><text:list-item><text:p>first</text:p><text:list><text:list-item><text:p>nested</text:p></text:list-item></text:list></text:list-item></text:list>
<table:table table:name="Form"><table:table-column table:number-columns-repeated="4"/>
<table:table-header-rows><table:table-row>{}{}{}{}</table:table-row></table:table-header-rows>
<table:table-row><table:table-cell table:number-columns-spanned="4"><text:p>Section 1</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>Definition</text:p></table:table-cell>{}{}<table:table-cell><text:list><text:list-item><text:p>Policy</text:p></text:list-item><text:list-item><text:p>Leaflet</text:p></text:list-item></text:list></table:table-cell></table:table-row>
<table:table-row><table:covered-table-cell/>{}{}<table:table-cell><table:table><table:table-row>{}{}</table:table-row></table:table></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>"#,
        cell("Section"),
        cell("Code provision"),
        cell("Comply"),
        cell("Evidence"),
        cell("1.2"),
        cell("Yes ☒ No ☐"),
        cell("1.3"),
        cell("No"),
        cell("Letters"),
        cell("p.3"),
    );
    let styles = format!(r#"<office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Kestrel District Council</text:p><text:p>Complaints</text:p></style:header><style:footer><text:p>Page <text:page-number>1</text:page-number></text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#);
    assert_eq!(
        show(&odt(&body, Some(&styles))),
        vec![
            "H1 Self-assessment 2025",
            "H2 Section 1: Definition",
            "P Kestrel District  Council\nApproved\tMay 2025",
            "P • first",
            "P • nested",
            "H|Section|Code provision|Comply|Evidence",
            "|Section 1|<Section 1|<Section 1|<Section 1",
            "|Definition|1.2|Yes ☒ No ☐|• Policy\n• Leaflet",
            "|^Definition|1.3|No|Letters p.3",
            "P By the Board.",
            "P Kestrel District Council",
            "P Complaints",
            "P Page 1",
        ]
    );
}

#[test]
fn flat_odt_is_read_and_sniffed() {
    let flat = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:master-styles><style:master-page style:name="S"><style:header><text:p>Running header</text:p></style:header></style:master-page></office:master-styles><office:body><office:text><text:p>Body text</text:p></office:text></office:body></office:document>"#
    );
    assert!(is_flat_odt(flat.as_bytes()));
    assert_eq!(crate::sniff_format(flat.as_bytes()), Ok(SourceFormat::Odt));
    assert_eq!(show(flat.as_bytes()), vec!["P Body text", "P Running header"]);
}

#[test]
fn damaged_and_hostile_odt_are_errors_not_panics() {
    let good = odt(&format!("<text:p>x</text:p><table:table><table:table-row>{}</table:table-row></table:table>", cell("a")), None);
    for cut in (0..good.len()).step_by(5) {
        let _ = parse_odt(source(), &good[..cut], &Limits::default());
    }
    assert_eq!(parse_odt(source(), &good[..good.len() / 2], &Limits::default()).unwrap_err().kind(), "corrupt_odt");
    let no_body = odt("", None);
    assert_eq!(parse_odt(source(), &no_body, &Limits::default()).unwrap_err().kind(), "empty_file");
    let deep = "<table:table><table:table-row><table:table-cell>".repeat(200) + "<text:p>x</text:p>" + &"</table:table-cell></table:table-row></table:table>".repeat(200);
    assert_eq!(parse_odt(source(), &odt(&deep, None), &Limits::default()).unwrap_err().kind(), "limit_exceeded");
    let sections = "<text:section>".repeat(200) + "<text:p>x</text:p>" + &"</text:section>".repeat(200);
    assert_eq!(parse_odt(source(), &odt(&sections, None), &Limits::default()).unwrap_err().kind(), "limit_exceeded");
}

#[test]
fn document_properties_are_kept_as_furniture() {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(content("<text:p>Self-assessment</text:p>").as_bytes()).unwrap();
    w.start_file("meta.xml", deflated).unwrap();
    w.write_all(br#"<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>Tarnmoor Homes - self-assessment</dc:title><meta:initial-creator>Tarnmoor Homes</meta:initial-creator></office:meta></office:document-meta>"#).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let doc = parse_odt(source(), &bytes, &Limits::default()).unwrap();
    assert_eq!(doc.furniture, ["Tarnmoor Homes - self-assessment", "Tarnmoor Homes"]);
}
