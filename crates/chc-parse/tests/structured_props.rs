//! Property tests of the structured readers (HTML, DOCX, ODT): on arbitrary and on
//! table-shaped random markup they never panic, and every table they give is a grid whose
//! merged slots agree with the cell they are covered by.

use chc_model::{Block, PageContent, SourceFormat, SourceInfo};
use chc_parse::{Deadline, Limits};
use proptest::prelude::*;
use std::io::{Cursor, Write};

/// Every table keeps the readers' promise ([`chc_parse::grid::check_table`]).
fn assert_grids(blocks: &[Block]) {
    if let Err(e) = chc_parse::grid::check_tables(blocks) {
        panic!("{e}");
    }
}

fn html_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<table>".to_string()),
        Just("</table>".to_string()),
        Just("<tr>".to_string()),
        Just("</tr>".to_string()),
        (0usize..4, 0usize..4).prop_map(|(r, c)| format!("<td rowspan={r} colspan={c}>")),
        Just("<th scope=row>".to_string()),
        Just("</td>".to_string()),
        Just("<thead>".to_string()),
        Just("<tbody>".to_string()),
        Just("<tfoot>".to_string()),
        Just("<caption>".to_string()),
        Just("<br>".to_string()),
        Just("<p>".to_string()),
        Just("<li>".to_string()),
        Just("<dl><dt>".to_string()),
        Just("<dd>".to_string()),
        Just("<details><summary>".to_string()),
        Just("<h2>".to_string()),
        Just("<div hidden>".to_string()),
        Just("</div>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<input type=checkbox checked>".to_string()),
        Just("&nbsp;&middot;&#8217;&amp".to_string()),
        "[a-z0-9 .]{0,12}",
    ]
}

/// Page tokens with furniture among them: banners, footers, a main region, notices, links.
fn html_furniture_token() -> impl Strategy<Value = String> {
    prop_oneof![
        html_token(),
        Just("<footer>".to_string()),
        Just("</footer>".to_string()),
        Just("<header>".to_string()),
        Just("<main>".to_string()),
        Just("</main>".to_string()),
        Just("<div class=\"cookie-banner\">".to_string()),
        Just("<nav>".to_string()),
        Just("&copy; 2025 Kestrel Homes".to_string()),
        "[a-z]{1,3}".prop_map(|h| format!("<a href=\"https://www.{h}.org.uk/p\">")),
        "[a-z]{1,3}".prop_map(|h| format!("<a href=\"mailto:team@{h}.gov.uk\">")),
        "[a-z]{1,3}".prop_map(|h| format!("<footer><a href=\"mailto:team@{h}.gov.uk\">team@{h}.gov.uk</a></footer>")),
        Just("<a href=\"/relative\">".to_string()),
        Just("</a>".to_string()),
        "[a-zé ]{0,200}",
    ]
}

/// The furniture's promise: at most FURNITURE_LINES lines, each non-empty, trimmed, at most
/// FURNITURE_LINE_BYTES, none twice.
fn assert_furniture(lines: &[String]) {
    assert!(lines.len() <= chc_model::FURNITURE_LINES, "{} lines", lines.len());
    let mut seen = std::collections::HashSet::new();
    for l in lines {
        assert!(!l.is_empty() && l.trim() == l && l.len() <= chc_model::FURNITURE_LINE_BYTES, "{l:?}");
        assert!(seen.insert(l), "{l:?} twice");
    }
}

fn source(format: SourceFormat) -> SourceInfo {
    SourceInfo { path: "p".into(), sha256: String::new(), format, bytes: 0 }
}

fn blocks(doc: &chc_model::ParsedDocument) -> &[Block] {
    match &doc.pages[0].content {
        PageContent::Structured(b) => b,
        _ => panic!("structured blocks expected"),
    }
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<w:tbl>".to_string()),
        Just("</w:tbl>".to_string()),
        Just("<w:tr>".to_string()),
        Just("</w:tr>".to_string()),
        Just("<w:tc>".to_string()),
        Just("</w:tc>".to_string()),
        (0usize..4).prop_map(|n| format!("<w:tcPr><w:gridSpan w:val=\"{n}\"/></w:tcPr>")),
        Just("<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>".to_string()),
        Just("<w:tcPr><w:vMerge/></w:tcPr>".to_string()),
        Just("<w:trPr><w:gridBefore w:val=\"1\"/><w:tblHeader/></w:trPr>".to_string()),
        Just("<w:p>".to_string()),
        Just("</w:p>".to_string()),
        "[a-z0-9 ]{0,10}".prop_map(|t| format!("<w:r><w:t>{t}</w:t></w:r>")),
        Just("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>".to_string()),
        Just("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>".to_string()),
        Just("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>".to_string()),
        Just("<w:sdt><w:sdtContent>".to_string()),
        Just("</w:sdtContent></w:sdt>".to_string()),
        Just("<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>".to_string()),
    ]
}

fn odt_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<table:table>".to_string()),
        Just("</table:table>".to_string()),
        Just("<table:table-row>".to_string()),
        Just("</table:table-row>".to_string()),
        (0usize..4, 0usize..4).prop_map(|(r, c)| format!("<table:table-cell table:number-rows-spanned=\"{r}\" table:number-columns-spanned=\"{c}\">")),
        Just("</table:table-cell>".to_string()),
        Just("<table:covered-table-cell/>".to_string()),
        Just("<table:table-header-rows>".to_string()),
        Just("</table:table-header-rows>".to_string()),
        Just("<text:p>".to_string()),
        Just("</text:p>".to_string()),
        Just("<text:list><text:list-item>".to_string()),
        Just("</text:list-item></text:list>".to_string()),
        "[a-z0-9 ]{0,10}",
    ]
}

/// Random tokens made into well-formed XML by closing what is open (unbalanced closing
/// tags dropped), so the reader, not the XML parser, is what gets exercised.
fn balance(tokens: &[String]) -> String {
    let mut out = String::new();
    let mut open: Vec<String> = Vec::new();
    for t in tokens {
        for piece in t.split_inclusive('>') {
            if let Some(name) = piece.strip_prefix("</") {
                let name = name.trim_end_matches('>');
                if open.last().map(String::as_str) == Some(name) {
                    open.pop();
                    out.push_str(piece);
                }
            } else if piece.starts_with('<') && !piece.ends_with("/>") {
                let name: String = piece[1..].chars().take_while(|c| !c.is_whitespace() && *c != '>').collect();
                open.push(name);
                out.push_str(piece);
            } else {
                out.push_str(piece);
            }
        }
    }
    while let Some(name) = open.pop() {
        out.push_str(&format!("</{name}>"));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn html_of_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(doc) = chc_parse::html::parse_html(source(SourceFormat::Html), &bytes, Deadline::NONE) {
            assert_grids(blocks(&doc));
            assert_furniture(&doc.furniture);
        }
    }

    #[test]
    fn html_furniture_is_bounded_and_the_same_each_time(tokens in proptest::collection::vec(html_furniture_token(), 0..120)) {
        let page = tokens.concat();
        if let Ok((b, furniture)) = chc_parse::html::read_page(&page, Some("https://www.example.org.uk/page"), Deadline::NONE) {
            assert_grids(&b);
            assert_furniture(&furniture);
            assert_eq!(chc_parse::html::read_page(&page, Some("https://www.example.org.uk/page"), Deadline::NONE).unwrap().1, furniture);
        }
    }

    #[test]
    fn html_tables_resolve_to_grids(tokens in proptest::collection::vec(html_token(), 0..80)) {
        let page = tokens.concat();
        if let Ok(b) = chc_parse::html::read_blocks(&page, Deadline::NONE) {
            assert_grids(&b);
        }
    }

    #[test]
    fn docx_tables_resolve_to_grids(tokens in proptest::collection::vec(docx_token(), 0..80)) {
        let body = balance(&tokens);
        let xml = format!(r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#);
        let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
        if let Ok(doc) = chc_parse::docx::parse_docx(source(SourceFormat::Docx), &bytes, &Limits::default()) {
            assert_grids(blocks(&doc));
        }
    }

    #[test]
    fn odt_tables_resolve_to_grids(tokens in proptest::collection::vec(odt_token(), 0..80)) {
        let body = balance(&tokens);
        let xml = format!(r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#);
        let bytes = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text".as_slice()), ("content.xml", xml.as_bytes())]);
        if let Ok(doc) = chc_parse::odt::parse_odt(source(SourceFormat::Odt), &bytes, &Limits::default()) {
            assert_grids(blocks(&doc));
        }
    }
}
