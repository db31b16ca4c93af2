//! Web pages saved as HTML: `<tr>`/`<td>` are the form's rows and cells, everything else
//! is context. Cell contents keep their inner markup so `clean_text` turns paragraphs and
//! lists into lines exactly as for text input. Pages that lay the form out without a
//! table are flattened to text lines and go through the text layouts instead.

use crate::GridLine;
use chc_model::TextLine;
use chc_parse::clean::clean_text;

/// A tag found at a position: lower-case name, closing or not, and attributes text.
struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
    end: usize,
}

fn parse_tag(s: &str, start: usize) -> Option<Tag<'_>> {
    let rest = &s[start + 1..];
    let (closing, body) = match rest.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let name_len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
    if name_len == 0 || !body.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    let mut quote: Option<char> = None;
    let attrs_start = start + 1 + usize::from(closing) + name_len;
    for (off, c) in s[attrs_start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"') | (None, '\'') => quote = Some(c),
            (None, '>') => return Some(Tag { name, closing, attrs: &s[attrs_start..attrs_start + off], end: attrs_start + off + 1 }),
            _ => {}
        }
    }
    None
}

fn colspan(attrs: &str) -> usize {
    let lower = attrs.to_ascii_lowercase();
    let Some(i) = lower.find("colspan") else { return 1 };
    let digits: String = lower[i + 7..].chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().unwrap_or(1).clamp(1, 20)
}

const BLOCKS: &[&str] = &["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article", "header", "footer", "table", "caption", "ul", "ol", "dt", "dd", "tr"];

/// Rows and cells of every table on the page, with the text between tables as
/// single-cell lines. `None` when the page has no table cells.
pub fn to_grid(html: &str) -> Option<Vec<GridLine>> {
    if !html.to_ascii_lowercase().contains("<td") {
        return None;
    }
    let mut out = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<(String, usize)> = None;
    let mut outside = String::new();
    let mut line = 1u32;
    let mut row_line = 1u32;
    let mut i = 0;
    let bytes = html.as_bytes();
    let flush_outside = |outside: &mut String, out: &mut Vec<GridLine>, at: u32| {
        for t in clean_text(outside).split('\n') {
            if !t.trim().is_empty() {
                out.push(GridLine { location: at, cells: vec![t.to_string()], page_break_before: false });
            }
        }
        outside.clear();
    };
    while i < html.len() {
        if bytes[i] == b'<' {
            if html[i..].starts_with("<!--") {
                let end = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
                line += html[i..end].matches('\n').count() as u32;
                i = end;
                continue;
            }
            if let Some(tag) = parse_tag(html, i) {
                line += html[i..tag.end].matches('\n').count() as u32;
                if !tag.closing && (tag.name == "script" || tag.name == "style") {
                    let close = format!("</{}", tag.name);
                    let end = html[tag.end..].to_ascii_lowercase().find(&close).map_or(html.len(), |e| tag.end + e);
                    line += html[tag.end..end].matches('\n').count() as u32;
                    i = end;
                    continue;
                }
                match (tag.name.as_str(), tag.closing) {
                    ("tr", false) => {
                        finish_row(&mut row, &mut cell, &mut out, row_line);
                        flush_outside(&mut outside, &mut out, line);
                        row = Some(Vec::new());
                        row_line = line;
                    }
                    ("tr", true) | ("table", true) => finish_row(&mut row, &mut cell, &mut out, row_line),
                    ("td", false) | ("th", false) => {
                        if row.is_none() {
                            flush_outside(&mut outside, &mut out, line);
                            row = Some(Vec::new());
                            row_line = line;
                        }
                        finish_cell(&mut row, &mut cell);
                        cell = Some((String::new(), colspan(tag.attrs)));
                    }
                    ("td", true) | ("th", true) => finish_cell(&mut row, &mut cell),
                    (name, _) => match cell.as_mut() {
                        Some((c, _)) => c.push_str(&html[i..tag.end]),
                        None if BLOCKS.contains(&name) => outside.push('\n'),
                        None => {}
                    },
                }
                i = tag.end;
                continue;
            }
        }
        let ch = html[i..].chars().next().expect("char boundary");
        if ch == '\n' {
            line += 1;
        }
        match cell.as_mut() {
            Some((c, _)) => c.push(ch),
            None if row.is_none() => outside.push(if ch == '\n' { ' ' } else { ch }),
            None => {}
        }
        i += ch.len_utf8();
    }
    finish_row(&mut row, &mut cell, &mut out, row_line);
    flush_outside(&mut outside, &mut out, line);
    Some(out)
}

/// Close the open cell. A spanning cell's text goes in its first column and the columns
/// it covers stay empty, so a full-width heading row reads as a heading.
fn finish_cell(row: &mut Option<Vec<String>>, cell: &mut Option<(String, usize)>) {
    if let (Some(r), Some((c, span))) = (row.as_mut(), cell.take()) {
        r.push(c);
        r.extend(std::iter::repeat_n(String::new(), span - 1));
    }
}

fn finish_row(row: &mut Option<Vec<String>>, cell: &mut Option<(String, usize)>, out: &mut Vec<GridLine>, at: u32) {
    finish_cell(row, cell);
    if let Some(r) = row.take() {
        if r.iter().any(|c| !c.trim().is_empty()) {
            // Cells keep markup for clean_text, but tabs and newlines inside them are layout.
            let cells = r.into_iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect();
            out.push(GridLine { location: at, cells, page_break_before: false });
        }
    }
}

/// A page without table cells, as text lines: block elements end lines.
pub fn to_text_lines(html: &str) -> Vec<TextLine> {
    let mut text = String::with_capacity(html.len());
    let mut i = 0;
    while i < html.len() {
        if html.as_bytes()[i] == b'<' {
            if let Some(tag) = parse_tag(html, i) {
                if !tag.closing && (tag.name == "script" || tag.name == "style") {
                    let close = format!("</{}", tag.name);
                    i = html[tag.end..].to_ascii_lowercase().find(&close).map_or(html.len(), |e| tag.end + e);
                    continue;
                }
                if BLOCKS.contains(&tag.name.as_str()) || tag.name == "td" || tag.name == "th" {
                    text.push('\n');
                }
                i = tag.end;
                continue;
            }
        }
        let ch = html[i..].chars().next().expect("char boundary");
        text.push(if ch == '\n' { ' ' } else { ch });
        i += ch.len_utf8();
    }
    clean_text(&text).split('\n').enumerate().map(|(n, t)| TextLine { number: n as u32 + 1, text: t.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_become_grid_lines_with_cell_markup_kept() {
        let html = r#"<html><head><style>td{color:red}</style><script>var x="<td>";</script></head><body>
<h1>Ashdown Council self-assessment (May 2025)</h1>
<table><tr><th>Code provision</th><th>Code requirement</th><th>Comply: Yes/No</th><th>Evidence</th><th>Commentary</th></tr>
<tr><td>1.2</td><td><p>A complaint must be defined as:</p><p><i>'an expression'</i></p></td><td>Yes</td><td>Policy &amp; procedure</td><td></td></tr>
<tr><td colspan="2">Section 2</td><td>x</td></tr>
</table><p>Footer text</p></body></html>"#;
        let g = to_grid(html).unwrap();
        let cells: Vec<Vec<String>> = g.iter().map(|l| l.cells.iter().map(|c| clean_text(c)).collect()).collect();
        assert_eq!(cells[0], vec!["Ashdown Council self-assessment (May 2025)"]);
        assert_eq!(cells[1][0], "Code provision");
        assert_eq!(cells[2], vec!["1.2", "A complaint must be defined as:\n'an expression'", "Yes", "Policy & procedure", ""]);
        assert_eq!(cells[3], vec!["Section 2", "", "x"]);
        assert_eq!(cells[4], vec!["Footer text"]);
        assert_eq!(g[2].location, 4, "source line of the row");
    }

    #[test]
    fn pages_without_tables_become_text_lines() {
        assert!(to_grid("<p>1.2 A complaint</p>").is_none());
        let lines = to_text_lines("<div>Code section 1.2</div><div>A complaint must be defined as</div><div>Compliance: Yes</div>");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["Code section 1.2", "A complaint must be defined as", "Compliance: Yes"]);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in ["<td", "<tr><td>1.2<td", "<<<>>>", "<table><tr><td>é</td>", "<!-- unclosed", "<script>never closed"] {
            let _ = to_grid(s);
            let _ = to_text_lines(s);
        }
    }
}
