use super::*;
use chc_model::PageContent;
use std::io::{Cursor, Write};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

pub(crate) fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn document_xml(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#)
}

fn docx(body: &str) -> Vec<u8> {
    let xml = document_xml(body);
    zip_of(&[("[Content_Types].xml", b"<Types/>".as_slice()), (MAIN_PART, xml.as_bytes())], zip::CompressionMethod::Deflated)
}

fn source() -> SourceInfo {
    SourceInfo { path: "t.docx".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 }
}

fn blocks_of(bytes: &[u8]) -> Vec<Block> {
    let doc = parse_docx(source(), bytes, &Limits::default()).unwrap();
    assert_eq!(doc.source.format, SourceFormat::Docx);
    match doc.pages.into_iter().next().unwrap().content {
        PageContent::Structured(b) => b,
        _ => panic!("structured blocks expected"),
    }
}

/// Blocks as short strings; a table as its rows, slots `text`, `<text` (covered from the
/// left), `^text` (from above), a header row marked `H|`.
fn show(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Heading { level, text } => out.push(format!("H{level} {text}")),
            BlockKind::Paragraph(t) => out.push(format!("P {t}")),
            BlockKind::Term(t) => out.push(format!("T {t}")),
            BlockKind::Definition(t) => out.push(format!("D {t}")),
            BlockKind::Table(t) => {
                if let Some(c) = &t.caption {
                    out.push(format!("CAPTION {c}"));
                }
                for r in &t.rows {
                    let cells = &crate::grid::slot_strings(std::slice::from_ref(r))[0];
                    out.push(format!("{}{}", if r.header { "H|" } else { "|" }, cells.join("|")));
                }
            }
        }
    }
    out
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(inner: &str) -> String {
    if inner.starts_with("<w:tcPr>") {
        format!("<w:tc>{inner}</w:tc>")
    } else {
        format!("<w:tc><w:tcPr><w:tcW w:w=\"100\" w:type=\"dxa\"/></w:tcPr>{inner}</w:tc>")
    }
}

/// One hand-written form covering the WordprocessingML features the reader handles.
fn feature_form() -> String {
    let header = format!(
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}</w:tr>",
        tc(&p("Code provision")),
        tc(&p("Code requirement")),
        tc(&p("Comply: Yes/No")),
        tc(&p("Evidence &amp; commentary"))
    );
    // A section title merged across the whole table.
    let heading = "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4\"/></w:tcPr><w:p><w:r><w:t>Section 1: Definition</w:t></w:r></w:p></w:tc></w:tr>";
    // 1.2: list paragraphs, a hyperlink, a field (code dropped, result kept), deleted and
    // inserted text, a content-control check box pair, a vertically merged evidence cell.
    let row12 = format!(
        "<w:tr>{}{}{}{}</w:tr>",
        tc(&p("1.2")),
        tc(&format!(
            "{}<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>first point</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>second</w:t></w:r><w:r><w:tab/><w:t>point</w:t></w:r></w:p>",
            p("A complaint must be defined as:")
        )),
        tc("<w:p><w:r><w:t xml:space=\"preserve\">Yes </w:t></w:r><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/><w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\"/></w:rPr><w:t>☒</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space=\"preserve\"> No </w:t></w:r><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"0\"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt></w:p>"),
        tc("<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:hyperlink r:id=\"rId5\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t>https://example.gov.uk/complaints</w:t></w:r></w:hyperlink></w:p><w:p><w:r><w:t xml:space=\"preserve\">Policy </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> REF policy \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>4.1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText> (old)</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\"> (new)</w:t></w:r></w:ins><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>, p.7</w:t></w:r></w:fldSimple></w:p>"),
    );
    // 1.3: legacy form check boxes (one by w:checked, one by w:default), the merged
    // continuation cell, a smart tag, a line break, a nested table, placeholder text,
    // alternate content.
    let legacy = |checked: &str| {
        format!("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Check1\"/><w:enabled/><w:checkBox><w:sizeAuto/>{checked}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
    };
    let row13 = format!(
        "<w:tr>{}{}{}{}</w:tr>",
        tc(&p("1.3")),
        tc("<w:p><w:smartTag w:uri=\"urn:x\" w:element=\"place\"><w:r><w:t>Landlords</w:t></w:r></w:smartTag><w:r><w:t xml:space=\"preserve\"> must</w:t><w:br/><w:t>accept</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>nested b</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"),
        tc(&format!(
            "<w:p>{}<w:r><w:t xml:space=\"preserve\"> Yes </w:t></w:r>{}<w:r><w:t xml:space=\"preserve\"> No</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt></w:p>",
            legacy("<w:default w:val=\"0\"/>"),
            legacy("<w:default w:val=\"0\"/><w:checked/>")
        )),
        tc("<w:tcPr><w:vMerge/></w:tcPr><w:p/>"),
    );
    // 1.4: a row wrapped in a content control, a slot after the grid, a drop-down showing
    // its value, a < and a tab in the text, a moved-away run, Wingdings boxes as w:sym.
    let row14 = format!(
        "<w:sdt><w:sdtPr><w:tag w:val=\"row\"/></w:sdtPr><w:sdtContent><w:tr><w:trPr><w:gridAfter w:val=\"1\"/></w:trPr>{}{}{}</w:tr></w:sdtContent></w:sdt>",
        tc(&p("1.4")),
        tc("<w:p><w:sdt><w:sdtPr><w:dropDownList><w:listItem w:displayText=\"Choose\" w:value=\"\"/><w:listItem w:displayText=\"under 10 days\" w:value=\"1\"/></w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t>under &lt;10 days&#9;ok</w:t></w:r></w:sdtContent></w:sdt><w:moveFrom w:id=\"9\"><w:r><w:t>moved</w:t></w:r></w:moveFrom></w:p>"),
        tc("<w:p><w:r><w:t xml:space=\"preserve\">Yes </w:t></w:r><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/></w:r><w:r><w:t xml:space=\"preserve\"> No </w:t></w:r><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FD\"/></w:r></w:p>"),
    );
    format!(
        "{}<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Self</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>-assessment</w:t></w:r><w:r><w:tab/><w:t>May 2024</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblCaption w:val=\"Self-assessment table\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"1\"/></w:tblGrid>{header}{heading}{row12}{row13}{row14}</w:tbl>{}<w:sectPr/>",
        p("Ashdown Council"),
        "<w:p><w:r><w:t>Signed off</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>text box</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>text box</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
}

#[test]
fn wordprocessingml_features_become_structured_blocks() {
    let blocks = blocks_of(&docx(&feature_form()));
    let expected = vec![
        "P Ashdown Council",
        "H1 Self-assessment May 2024",
        "CAPTION Self-assessment table",
        "H|Code provision|Code requirement|Comply: Yes/No|Evidence & commentary",
        "|Section 1: Definition|<Section 1: Definition|<Section 1: Definition|<Section 1: Definition",
        "|1.2|A complaint must be defined as:\n• first point\n• second point|Yes ☒ No ☐|https://example.gov.uk/complaints\nPolicy 4.1 (new), p.7",
        "|1.3|Landlords must\naccept\nnested a nested b|☐ Yes ☒ No|^https://example.gov.uk/complaints\nPolicy 4.1 (new), p.7",
        "|1.4|under <10 days ok|Yes ☐ No ☒|",
        "P Signed off\ntext box",
    ];
    assert_eq!(show(&blocks), expected);
    let locations: Vec<u32> = blocks.iter().map(|b| b.location).collect();
    assert_eq!(locations, vec![1, 2, 3, 4], "paragraph or table index in the body");
}

#[test]
fn fields_nest_and_span_paragraphs_and_only_results_show() {
    let body = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Contents line 1</w:t></w:r></w:p>\
<w:p><w:r><w:t>Contents line 2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\
<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>inner code result</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = 1 \"a\"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>shown</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
    assert_eq!(show(&blocks_of(&docx(body))), vec!["P Contents line 1", "P Contents line 2", "P shown"]);
}

#[test]
fn a_legacy_drop_down_field_shows_its_chosen_entry() {
    // Word writes no text for a FORMDROPDOWN: the chosen entry is an index into its list.
    let field = |chosen: &str| {
        format!("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Comply1\"/><w:enabled/><w:ddList>{chosen}<w:listEntry w:val=\"Yes\"/><w:listEntry w:val=\"No\"/><w:listEntry w:val=\"Partial\"/></w:ddList></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space=\"preserve\"> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
    };
    let body = format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">1.2 </w:t></w:r>{}</w:p><w:p><w:r><w:t xml:space=\"preserve\">1.3 </w:t></w:r>{}</w:p><w:p><w:r><w:t xml:space=\"preserve\">1.4 </w:t></w:r>{}</w:p>",
        field("<w:result w:val=\"2\"/>"),
        field(""),
        field("<w:result w:val=\"9\"/>")
    );
    assert_eq!(show(&blocks_of(&docx(&body))), vec!["P 1.2 Partial", "P 1.3 Yes", "P 1.4 "]);
}

#[test]
fn struck_and_hidden_runs_say_nothing() {
    // An answer the writer struck through and replaced; hidden text.
    let body = "<w:p><w:r><w:rPr><w:strike/></w:rPr><w:t xml:space=\"preserve\">No </w:t></w:r><w:r><w:t>Yes</w:t></w:r></w:p><w:p><w:r><w:rPr><w:strike w:val=\"false\"/></w:rPr><w:t>Partial</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t> draft note</w:t></w:r></w:p>";
    assert_eq!(show(&blocks_of(&docx(body))), vec!["P Yes", "P Partial"]);
}

#[test]
fn headings_by_style_name_outline_level_or_id() {
    let styles = br#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="SectionTitle"><w:name w:val="Section title"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#;
    let body = "<w:p><w:pPr><w:pStyle w:val=\"berschrift2\"/></w:pPr><w:r><w:t>Section 1</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"SectionTitle\"/></w:pPr><w:r><w:t>Section 2</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"Heading3\"/></w:pPr><w:r><w:t>Provision 2.1</w:t></w:r></w:p><w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>Direct</w:t></w:r></w:p>";
    let xml = document_xml(body);
    let bytes = zip_of(&[(MAIN_PART, xml.as_bytes()), ("word/styles.xml", styles.as_slice())], zip::CompressionMethod::Deflated);
    assert_eq!(show(&blocks_of(&bytes)), vec!["H2 Section 1", "H1 Section 2", "H3 Provision 2.1", "H2 Direct"]);
}

#[test]
fn headers_footers_and_footnotes_are_context_not_rows() {
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let header = format!("<w:hdr {w}><w:p><w:r><w:t>Fenwick Housing Association</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.2</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Yes</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:hdr>");
    let footer = format!("<w:ftr {w}><w:p><w:r><w:t>Page </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>");
    let notes = format!("<w:footnotes {w}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:t>Approved by the Board in May 2025.</w:t></w:r></w:p></w:footnote></w:footnotes>");
    let body = format!("{}<w:p><w:r><w:t>Body</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>", p("Title"));
    let xml = document_xml(&body);
    let bytes = zip_of(
        &[(MAIN_PART, xml.as_bytes()), ("word/header1.xml", header.as_bytes()), ("word/header2.xml", header.as_bytes()), ("word/footer1.xml", footer.as_bytes()), ("word/footnotes.xml", notes.as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    let blocks = blocks_of(&bytes);
    assert_eq!(show(&blocks), vec!["P Fenwick Housing Association", "P 1.2 Yes", "P Title", "P Body", "P Approved by the Board in May 2025.", "P Page 1"]);
    assert!(blocks.iter().all(|b| !matches!(b.kind, BlockKind::Table(_))));
}

#[test]
fn a_table_framing_the_form_is_a_container() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        tc(&p("Code provision")),
        tc(&p("Requirement")),
        tc(&p("Comply")),
        tc(&p("1.2")),
        tc(&p("A complaint")),
        tc(&p("Yes"))
    );
    let body = format!("<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>", tc(&p("Kestrel District Council")), tc(&format!("{}{inner}<w:p/>", p("Self-assessment"))));
    assert_eq!(show(&blocks_of(&docx(&body))), vec!["P Kestrel District Council", "P Self-assessment", "|Code provision|Requirement|Comply", "|1.2|A complaint|Yes"]);
}

#[test]
fn strict_namespace_stored_entries_and_symbol_fonts_typed_as_text() {
    let xml = r#"<?xml version="1.0"?><!-- c --><x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t><![CDATA[a<b]]></x:t></x:r></x:p><x:tbl><x:tr><x:tc><x:p><x:r><x:t>1.2</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:rPr><x:rFonts x:ascii="Symbol"/></x:rPr><x:t>&#xF0D6;</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>"#;
    let bytes = zip_of(&[(MAIN_PART, xml.as_bytes())], zip::CompressionMethod::Stored);
    assert_eq!(show(&blocks_of(&bytes)), vec!["P a<b", "|1.2|✓"]);
}

#[test]
fn symbol_fonts_map_ticks_crosses_and_boxes() {
    assert_eq!(symbol_char("Wingdings", 0xF0FC), Some('✓'));
    assert_eq!(symbol_char("Wingdings", 0xFB), Some('✗'));
    assert_eq!(symbol_char("Wingdings", 0xFD), Some('☒'));
    assert_eq!(symbol_char("Wingdings", 0xFE), Some('☑'));
    assert_eq!(symbol_char("Wingdings", 0xA8), Some('☐'));
    assert_eq!(symbol_char("Wingdings 2", 0xF050), Some('✓'));
    assert_eq!(symbol_char("Wingdings 2", 0x4F), Some('✗'));
    assert_eq!(symbol_char("Wingdings 2", 0x53), Some('☒'));
    assert_eq!(symbol_char("Wingdings 2", 0x52), Some('☑'));
    assert_eq!(symbol_char("Symbol", 0xF0D6), Some('✓'));
    assert_eq!(symbol_char("Symbol", 0xF0B7), Some('•'));
    assert_eq!(symbol_char("MS Gothic", 0x2612), Some('☒'));
    assert_eq!(symbol_char("Segoe UI Symbol", 0x2714), Some('✔'));
    assert_eq!(symbol_char("Wingdings", 0x41), None);
}

#[test]
fn sniffing_tells_docx_and_odt_from_other_zips() {
    assert_eq!(sniff_zip(&docx("")), Ok(SourceFormat::Docx));
    let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>".as_slice())], zip::CompressionMethod::Deflated);
    let e = sniff_zip(&xlsx).unwrap_err();
    assert_eq!(e.kind(), "unsupported_format");
    assert!(e.to_string().contains("XLSX"), "{e}");
    let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text".as_slice())], zip::CompressionMethod::Stored);
    assert_eq!(sniff_zip(&odt), Ok(SourceFormat::Odt));
    let ods = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".as_slice())], zip::CompressionMethod::Stored);
    assert!(sniff_zip(&ods).unwrap_err().to_string().contains("OpenDocument spreadsheet"));
    let template = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text-template".as_slice())], zip::CompressionMethod::Stored);
    assert!(sniff_zip(&template).is_err());
    let other = zip_of(&[("a.txt", b"hello".as_slice())], zip::CompressionMethod::Stored);
    assert!(sniff_zip(&other).unwrap_err().to_string().contains("ZIP archive"));
}

#[test]
fn zip_bombs_are_refused_while_reading() {
    let body = p(&"A".repeat(200_000));
    let bytes = docx(&body);
    assert!(bytes.len() < 20_000, "compresses well: {}", bytes.len());
    let limits = Limits { max_decompressed_bytes: 100_000, ..Limits::default() };
    let e = parse_docx(source(), &bytes, &limits).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
    // A header claiming a small size does not help: the reader stops at the limit.
    let mut lying = bytes.clone();
    let xml_len = document_xml(&body).len() as u32;
    let needle = xml_len.to_le_bytes();
    let mut patched = 0;
    for i in 0..lying.len().saturating_sub(4) {
        if lying[i..i + 4] == needle {
            lying[i..i + 4].copy_from_slice(&1000u32.to_le_bytes());
            patched += 1;
        }
    }
    assert!(patched >= 2, "local and central sizes patched");
    let e = parse_docx(source(), &lying, &limits).unwrap_err();
    assert!(matches!(e.kind(), "limit_exceeded" | "corrupt_docx"), "{e}");
    assert!(parse_docx(source(), &bytes, &Limits::default()).is_ok());
}

#[test]
fn truncated_and_garbage_zips_are_errors_not_panics() {
    let good = docx(&feature_form());
    for cut in (0..good.len()).step_by(7) {
        let _ = parse_docx(source(), &good[..cut], &Limits::default());
    }
    let e = parse_docx(source(), &good[..good.len() / 2], &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), "corrupt_docx", "{e}");
    // Flipped bytes anywhere.
    let mut seed = 12345u64;
    for _ in 0..400 {
        let mut b = good.clone();
        for _ in 0..4 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let i = (seed >> 33) as usize % b.len();
            b[i] ^= (seed >> 13) as u8 | 1;
        }
        let _ = parse_docx(source(), &b, &Limits::default());
    }
    let e = parse_docx(source(), b"PK\x03\x04word/document.xml garbage", &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), "corrupt_docx");
    // A readable zip whose document is not XML, or XML that is not WordprocessingML.
    let junk = zip_of(&[(MAIN_PART, b"\x00\x01 not xml <<<".as_slice())], zip::CompressionMethod::Deflated);
    assert_eq!(parse_docx(source(), &junk, &Limits::default()).unwrap_err().kind(), "corrupt_docx");
    let other = zip_of(&[(MAIN_PART, b"<html><body><p>x</p></body></html>".as_slice())], zip::CompressionMethod::Deflated);
    assert_eq!(parse_docx(source(), &other, &Limits::default()).unwrap_err().kind(), "corrupt_docx");
    // No text at all.
    assert_eq!(parse_docx(source(), &docx("<w:p/>"), &Limits::default()).unwrap_err().kind(), "empty_file");
}

#[test]
fn broken_and_hostile_wordprocessingml_does_not_panic() {
    for body in [
        "<w:tbl/>",
        "<w:tbl><w:tr/></w:tbl>",
        "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val=\"99999\"/></w:tcPr></w:tc></w:tr></w:tbl>",
        "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"-3\"/></w:trPr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/><w:fldChar w:fldCharType=\"separate\"/><w:t>x</w:t></w:r></w:p>",
        "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"zz\"/></w:r></w:p>",
        "<w:sdt><w:sdtContent><w:sdt><w:sdtContent><w:p><w:r><w:t>deep</w:t></w:r></w:p></w:sdtContent></w:sdt></w:sdtContent></w:sdt>",
    ] {
        let _ = parse_docx(source(), &docx(body), &Limits::default());
    }
    // An unclosed field hides the rest of the document, as in Word; it is not an error.
    let _ = parse_docx(source(), &docx("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p>"), &Limits::default());
    // Tables nested deeper than followed: an error naming the limit, not a stack overflow.
    let deep = "<w:tbl><w:tr><w:tc>".repeat(500) + &p("x") + &"</w:tc></w:tr></w:tbl>".repeat(500);
    assert_eq!(parse_docx(source(), &docx(&deep), &Limits::default()).unwrap_err().kind(), "limit_exceeded");
    let wrapped = "<w:sdt><w:sdtContent>".repeat(500) + &p("x") + &"</w:sdtContent></w:sdt>".repeat(500);
    assert_eq!(parse_docx(source(), &docx(&wrapped), &Limits::default()).unwrap_err().kind(), "limit_exceeded");
}

#[test]
fn document_properties_are_kept_as_furniture() {
    let xml = document_xml("<w:p><w:r><w:t>Self-assessment</w:t></w:r></w:p>");
    let app = r#"<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Company>Tarnmoor Homes Ltd</Company></Properties>"#;
    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Complaint Handling Code self-assessment</dc:title><dc:creator>J. Smith</dc:creator></cp:coreProperties>"#;
    let bytes = zip_of(
        &[("[Content_Types].xml", b"<Types/>".as_slice()), (MAIN_PART, xml.as_bytes()), ("docProps/app.xml", app.as_bytes()), ("docProps/core.xml", core.as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    let doc = parse_docx(source(), &bytes, &Limits::default()).unwrap();
    assert_eq!(doc.furniture, ["Tarnmoor Homes Ltd", "Complaint Handling Code self-assessment", "J. Smith"]);
    // None, or unreadable: nothing, and no error.
    let broken = zip_of(&[(MAIN_PART, xml.as_bytes()), ("docProps/app.xml", b"<Properties><Company>".as_slice())], zip::CompressionMethod::Deflated);
    assert!(parse_docx(source(), &broken, &Limits::default()).unwrap().furniture.is_empty());
}

#[test]
fn picture_descriptions_are_kept_as_furniture() {
    // A logo's alt text in the body and in a running header; a repeat is kept once.
    let picture = |descr: &str| {
        format!(
            r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Picture 1" descr="{descr}"/></wp:inline></w:drawing></w:r></w:p>"#
        )
    };
    let xml = document_xml(&(picture("Harwick Vale Homes logo") + "<w:p><w:r><w:t>Self-assessment</w:t></w:r></w:p>" + &picture("Harwick Vale Homes logo")));
    let header = format!(r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}</w:hdr>"#, picture("Ombudsman scheme member"));
    let bytes = zip_of(&[("[Content_Types].xml", b"<Types/>".as_slice()), (MAIN_PART, xml.as_bytes()), ("word/header1.xml", header.as_bytes())], zip::CompressionMethod::Deflated);
    let doc = parse_docx(source(), &bytes, &Limits::default()).unwrap();
    assert_eq!(doc.furniture, ["Harwick Vale Homes logo", "Ombudsman scheme member"]);
}
