use super::*;
use crate::Deadline;
use chc_model::Covered;

fn blocks(html: &str) -> Vec<Block> {
    read_blocks(html, Deadline::NONE).unwrap()
}

/// Each block as a short string: `H2 text`, `P text`, `T text`, `D text`, or the table.
fn show(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Heading { level, text } => format!("H{level} {text}"),
            BlockKind::Paragraph(t) => format!("P {t}"),
            BlockKind::Term(t) => format!("T {t}"),
            BlockKind::Definition(t) => format!("D {t}"),
            BlockKind::Table(t) => format!("TABLE {}x{}", t.rows.len(), t.rows.first().map_or(0, |r| r.cells.len())),
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<&StructuredTable> {
    blocks.iter().filter_map(|b| if let BlockKind::Table(t) = &b.kind { Some(t) } else { None }).collect()
}

fn grid(t: &StructuredTable) -> Vec<Vec<String>> {
    crate::grid::slot_strings(&t.rows)
}

#[test]
fn rowspan_section_column_colspan_title_and_row_groups() {
    let html = r#"<!DOCTYPE html><html><head><title>Self-assessment</title></head><body>
<table>
<caption>Complaint Handling Code self-assessment</caption>
<tfoot><tr><td colspan="4">Key: Y = compliant</td></tr></tfoot>
<thead><tr><th scope="col">Section</th><th scope="col">Code provision</th><th>Comply</th><th>Evidence</th></tr></thead>
<tbody>
<tr><td colspan="4"><strong>Stage 1</strong></td></tr>
<tr><td rowspan="2">1. Definition</td><th scope="row">1.2</th><td>Yes</td><td rowspan="3">Policy 2.1</td></tr>
<tr><th scope="row">1.3</th><td>No</td></tr>
<tr><td rowspan="0">2. Exclusions</td><th scope="row">2.1</th><td>Yes</td></tr>
<tr><th scope="row">2.2</th><td>Yes</td><td>Letters</td></tr>
</tbody></table></body></html>"#;
    let b = blocks(html);
    assert_eq!(show(&b), vec!["P Self-assessment", "TABLE 7x4"]);
    let t = tables(&b)[0];
    assert_eq!(t.caption.as_deref(), Some("Complaint Handling Code self-assessment"));
    let g = grid(t);
    assert_eq!(g[0], ["Section", "Code provision", "Comply", "Evidence"]);
    assert_eq!(g[1], ["Stage 1", "<Stage 1", "<Stage 1", "<Stage 1"]);
    assert_eq!(g[2], ["1. Definition", "1.2", "Yes", "Policy 2.1"]);
    assert_eq!(g[3], ["^1. Definition", "1.3", "No", "^Policy 2.1"]);
    assert_eq!(g[4], ["2. Exclusions", "2.1", "Yes", "^Policy 2.1"]);
    assert_eq!(g[5], ["^2. Exclusions", "2.2", "Yes", "Letters"]);
    assert_eq!(g[6], ["Key: Y = compliant", "<Key: Y = compliant", "<Key: Y = compliant", "<Key: Y = compliant"], "tfoot last");
    let headers: Vec<bool> = t.rows.iter().map(|r| r.header).collect();
    assert_eq!(headers, [true, false, false, false, false, false, false], "th scope=row cells do not make a header row");
    assert!(t.rows[2].cells[1].header, "the provision cell is a th");
    assert_eq!(t.rows[2].location, 8, "source line of the row");
}

#[test]
fn spans_past_the_row_group_or_the_width_are_clamped() {
    let html = "<table><tbody><tr><td rowspan=9>a</td><td colspan=5000>b</td></tr><tr><td>c</td></tr></tbody><tbody><tr><td>d</td><td>e</td></tr></tbody></table>";
    let b = blocks(html);
    let t = tables(&b)[0];
    assert_eq!(t.rows.len(), 3);
    assert!(t.rows.iter().all(|r| r.cells.len() == grid::MAX_COLUMNS));
    assert_eq!(t.rows[1].cells[0].covered, Covered::FromAbove);
    assert_eq!(t.rows[1].cells[1].text, "c");
    assert_eq!(t.rows[2].cells[0].text, "d", "the rowspan stops at its row group");
}

#[test]
fn cell_text_keeps_lines_lists_entities_and_check_boxes() {
    let html = "<table><tr><th>Provision</th><th>Requirement</th><th>Comply</th></tr>\
<tr><td>1.2</td><td><p>A complaint must be defined as:</p><p>&lsquo;an expression &amp; more&rsquo;</p><ul><li>one</li><li>two<br>lines</li></ul></td>\
<td><input type=checkbox checked> Yes <input type=checkbox> No</td></tr>\
<tr><td>1.3</td><td>Caf&eacute; &middot; &#8217;s &#x2013; a&nbsp;b &notin; &amp&NotARealEntity;</td><td><select><option>Yes</option><option selected>No</option></select></td></tr></table>";
    let t = blocks(html);
    let g = grid(tables(&t)[0]);
    assert_eq!(g[1][1], "A complaint must be defined as:\n\u{2018}an expression & more\u{2019}\n• one\n• two\nlines");
    assert_eq!(g[1][2], "☒ Yes ☐ No");
    assert_eq!(g[2][1], "Café · \u{2019}s \u{2013} a b ∉ &&NotARealEntity;");
    assert_eq!(g[2][2], "No");
}

#[test]
fn a_cell_showing_only_an_icon_reads_as_a_screen_reader_says() {
    let html = r#"<table><tr><th>Provision</th><th>Comply</th><th>Evidence</th></tr>
<tr><td>1.2</td><td><i class="fa fa-check" aria-hidden="true"></i><span class="sr-only">Yes</span></td><td>Policy<span class="visually-hidden"> (opens in a new tab)</span></td></tr>
<tr><td>1.3</td><td><img src="cross.png" alt="No"></td><td><svg role="img" aria-label="Partially"></svg></td></tr>
<tr><td>1.4</td><td><img src="spacer.gif" alt=""></td><td><span class="sr-only" hidden>never</span></td></tr></table>"#;
    let g = grid(tables(&blocks(html))[0]);
    assert_eq!(g[1], ["1.2", "Yes", "Policy"], "screen-reader text only where nothing else shows");
    assert_eq!(g[2], ["1.3", "No", "Partially"]);
    assert_eq!(g[3], ["1.4", "", ""]);
}

#[test]
fn an_icon_outside_a_table_reads_as_its_screen_reader_text() {
    // A card's answer: an icon hidden from screen readers and the words only they hear. An
    // aside for screen readers beside shown text stays out.
    let html = r#"<main><div class="card"><div class="badge">2.1</div>
<div class="row"><span class="label">Met?</span> <span class="value"><span class="icon icon-tick" aria-hidden="true"></span><span class="sr-only">Partly</span></span></div>
<div class="row"><span class="label">Evidence</span> <span class="value">Leaflet<span class="visually-hidden"> (opens in a new tab)</span></span></div></div></main>"#;
    assert_eq!(show(&blocks(html)), vec!["P 2.1", "P Met? Partly", "P Evidence Leaflet"]);
}

#[test]
fn a_document_written_into_an_iframe_is_read_where_the_frame_stands() {
    // `srcdoc` holds a whole page, escaped; its own frames are not followed.
    let html = r#"<main><h1>Self-assessment</h1><iframe title="form" srcdoc="&lt;body&gt;&lt;h2&gt;Section 1&lt;/h2&gt;&lt;p&gt;1.2 Yes&lt;/p&gt;&lt;iframe srcdoc='&amp;lt;p&amp;gt;deeper&amp;lt;/p&amp;gt;'&gt;&lt;/iframe&gt;&lt;/body&gt;"></iframe><p>After</p></main>"#;
    assert_eq!(show(&blocks(html)), vec!["H1 Self-assessment", "H2 Section 1", "P 1.2 Yes", "P After"]);
}

#[test]
fn a_layout_table_wrapping_the_form_does_not_hide_it_and_a_small_table_in_a_cell_is_text() {
    let html = r#"<body><table width="100%"><tr><td><img src="logo.png"> Ashdown District Council</td></tr>
<tr><td><h1>Self-assessment</h1>
<table border=1><tr><th>Code provision</th><th>Requirement</th><th>Comply</th><th>Evidence</th></tr>
<tr><td>1.2</td><td>A complaint</td><td>Yes</td><td><table><tr><td>Policy</td><td>2.1</td></tr><tr><td>Leaflet</td><td>p.3</td></tr></table></td></tr>
<tr><td>1.3</td><td>The resident</td><td>No</td><td>None</td></tr></table>
</td></tr></table></body>"#;
    let b = blocks(html);
    assert_eq!(show(&b), vec!["P Ashdown District Council", "H1 Self-assessment", "TABLE 3x4"]);
    let g = grid(tables(&b)[0]);
    assert_eq!(g[1], ["1.2", "A complaint", "Yes", "Policy 2.1\nLeaflet p.3"]);
}

#[test]
fn chrome_and_markup_in_scripts_and_comments_never_become_content() {
    let html = r##"<!DOCTYPE html><html><head><title>Self-assessment | Fairmead Borough Council</title>
<script>var t = "<table><tr><td>1.2</td><td>Yes</td></tr></table>";</script>
<style>td:before { content: "<td>No</td>" }</style></head>
<body>
<!-- <table><tr><td>9.9</td><td>No</td></tr></table> -->
<div class="cookie-banner"><p>We use cookies</p><button>Accept</button></div>
<div id="global-cookie-message"><p>Cookies help us</p></div>
<a class="skip-link" href="#main">Skip to main content</a>
<header><nav><ul><li><a href="/">Home</a></li></ul></nav><p>Site header text</p></header>
<nav class="breadcrumb"><ol><li>Home</li></ol></nav>
<template><tr><td>1.2</td><td>Yes</td></tr></template>
<noscript><p>Turn on JavaScript</p></noscript>
<h1>Self-assessment</h1>
<p>Intro text</p>
<p hidden>Hidden text</p>
<div aria-hidden="true"><table><tr><td>2.1</td><td>No</td></tr></table></div>
<div style="display: none">Invisible</div>
<span class="govuk-visually-hidden">Screen reader text</span>
<div class="page-feedback"><h2>Was this page helpful?</h2><button>Yes</button><button>No</button></div>
<div><p>Is this page useful?</p><a href="/y">Yes</a> <a href="/n">No</a></div>
<ul class="share-links"><li><a href="https://facebook.com">Facebook</a></li></ul>
<form role="search"><input name="q"><button>Search</button></form>
<aside><h2>Related pages</h2></aside>
<button>Print this page</button>
<footer><p>&copy; Fairmead Borough Council &middot; Town Hall</p></footer>
</body></html>"##;
    assert_eq!(show(&blocks(html)), vec!["P Self-assessment | Fairmead Borough Council", "H1 Self-assessment", "P Intro text"]);
}

#[test]
fn main_content_is_read_with_the_title_and_headers_inside_articles_stay() {
    let long = "Landlords must make it easy for residents to complain. ".repeat(5);
    let html = format!(
        r#"<html><head><title>Wrenfield Homes</title></head><body><div class="promo">Sign up to our newsletter</div>
<main><h1>Self-assessment</h1><article class="card"><header><h3>Provision 3.1</h3></header><p>{long}</p>
<footer><p>Compliant: Yes</p></footer></article></main><div>Outside main</div></body></html>"#
    );
    let shown = show(&blocks(&html));
    assert_eq!(shown[..3], ["P Wrenfield Homes", "H1 Self-assessment", "H3 Provision 3.1"]);
    assert_eq!(shown[4], "P Compliant: Yes");
    assert_eq!(shown.len(), 5);
}

#[test]
fn headings_accordions_definition_lists_and_cards_give_ordered_blocks() {
    let html = r#"<body><h1>Self-assessment</h1><h2>Section 1</h2>
<details><summary>Section 1: Definition of a complaint</summary>
<h3>Provision 1.2</h3><p>A complaint must be defined as:</p><p><strong>Do we comply?</strong> Yes</p>
</details>
<dl><div class="row"><dt>Code provision</dt><dd>1.3</dd></div><dt>Comply</dt><dd><p>Partially</p><p>Second line</p></dd></dl>
<div class="card"><div class="card-header"><h3 class="card-title">1.4</h3></div><div class="card-body">Loose text <b>bold</b><p>Evidence: policy</p>tail</div></div>
<ol><li>first<ul><li>nested</li></ul></li></ol>
</body>"#;
    assert_eq!(
        show(&blocks(html)),
        vec![
            "H1 Self-assessment",
            "H2 Section 1",
            "H3 Section 1: Definition of a complaint",
            "H3 Provision 1.2",
            "P A complaint must be defined as:",
            "P Do we comply? Yes",
            "T Code provision",
            "D 1.3",
            "T Comply",
            "D Partially\nSecond line",
            "H3 1.4",
            "P Loose text bold",
            "P Evidence: policy",
            "P tail",
            "P • first\n• nested",
        ]
    );
}

#[test]
fn charset_declared_only_in_meta_is_honoured() {
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>Caf".to_vec();
    page.extend(b"\xe9 \xa3100</p></body></html>");
    assert_eq!(meta_charset(&page), Some(encoding_rs::WINDOWS_1252));
    let (text, how) = decode_html(&page).unwrap();
    assert!(text.contains("Café £100"), "{text}");
    assert_eq!(how, None, "declared, not guessed");
    let koi = b"<meta charset='koi8-r'><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
    assert!(decode_html(koi).unwrap().0.contains("Привет"));
    assert_eq!(meta_charset(b"<meta charset=\"utf-16\">"), Some(encoding_rs::UTF_8));
    assert_eq!(meta_charset(b"<p>no meta</p>"), None);
    // A byte-order mark wins over the meta.
    let bom = b"\xEF\xBB\xBF<meta charset=windows-1252><p>\xc3\xa9</p>";
    assert!(decode_html(bom).unwrap().0.contains("é"));
    // Undeclared and not UTF-8: Windows-1252, said in a warning.
    let (text, how) = decode_html(b"<p>\x93quoted\x94</p>").unwrap();
    assert!(text.contains('\u{201C}'));
    assert!(how.is_some());
}

#[test]
fn broken_markup_and_odd_input_do_not_panic() {
    for s in [
        "",
        "<",
        "<td",
        "<tr><td>1.2<td>",
        "<<<>>>",
        "<table><tr><td>é</td>",
        "<!-- unclosed",
        "<script>never closed",
        "<table><td rowspan=-1 colspan=0>x</td></table>",
        "<table><caption><table><tr><td>a</td></tr></table></caption></table>",
        "<details><summary><h2>x</h2></summary><summary>y</summary></details>",
        "<select><option selected><table><td>x</table></select>",
    ] {
        let _ = blocks(s);
    }
    let deep = "<div>".repeat(3_000) + "text" + &"</div>".repeat(3_000);
    assert_eq!(show(&blocks(&deep)), vec!["P text"]);
    let nested_tables = "<table><tr><td>".repeat(500) + "x";
    let _ = blocks(&nested_tables);
}


#[test]
fn a_page_that_outlasts_its_time_budget_stops_while_parsing() {
    // html5ever's tree builder is quadratic in nesting depth; the page is fed in chunks
    // and the budget checked between them.
    let deep = "<div>".repeat(200_000);
    let deadline = Deadline::after(Some(std::time::Duration::from_millis(50)));
    let t = std::time::Instant::now();
    assert_eq!(read_blocks(&deep, deadline).unwrap_err().kind(), "time_limit");
    assert!(t.elapsed() < std::time::Duration::from_secs(5), "{:?}", t.elapsed());
}

// ---------------------------------------------------------------------------------------
// Page furniture.

fn furniture(html: &str) -> Vec<String> {
    read_page(html, None, Deadline::NONE).unwrap().1
}

#[test]
fn the_pages_banner_and_footer_are_furniture_not_blocks() {
    let html = r#"<html><head><title>Complaints self-assessment</title></head><body>
<header class="site-header"><a href="/" class="logo"><img src="logo.svg" alt="Dunmore Vale Homes"></a>
<nav><ul><li><a href="/repairs">Repairs</a></li><li><a href="/rent">Pay your rent</a></li></ul></nav>
<button>Menu</button><div class="menu-panel"><a href="/news">News</a></div></header>
<h1>Self-assessment</h1><p>How we handle complaints.</p>
<footer><ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy</a></li></ul>
<p>&copy; 2025   Dunmore Vale Homes.<br>Registered society 31245R</p>
<p>Accessibility</p><script>var x = "<p>script text</p>";</script><p hidden>Hidden thanks</p></footer>
<div role="contentinfo"><p>Vale House, 2 Quay Street</p></div></body></html>"#;
    let (blocks, furniture) = read_page(html, None, Deadline::NONE).unwrap();
    assert_eq!(show(&blocks), vec!["P Complaints self-assessment", "H1 Self-assessment", "P How we handle complaints."]);
    assert_eq!(
        furniture,
        vec!["Dunmore Vale Homes", "Accessibility", "Privacy", "\u{a9} 2025 Dunmore Vale Homes.", "Registered society 31245R", "Vale House, 2 Quay Street"],
        "the logo by its alt; menus, buttons, scripts, hidden text and repeated lines left out"
    );
}

#[test]
fn cookie_notices_and_breadcrumbs_are_furniture_share_and_feedback_widgets_are_not() {
    let html = r#"<body><div id="cookie-consent" class="banner"><p>Harrowgate Living uses cookies to make this site work.</p><button>Accept all</button></div>
<nav class="breadcrumb"><ol><li><a href="/">Harrowgate Living</a></li><li>Complaints</li></ol></nav>
<section aria-label="Cookie settings"><p>Choose your cookies</p></section>
<h1>Self-assessment</h1><p>Our form.</p>
<ul class="share-links"><li><a href="/s">Share on Facebook</a></li></ul>
<div class="was-this-helpful"><p>Was this page helpful?</p></div>
<div class="cookie-banner" hidden><p>A hidden cookie notice</p></div></body>"#;
    let (blocks, furniture) = read_page(html, None, Deadline::NONE).unwrap();
    assert_eq!(show(&blocks), vec!["H1 Self-assessment", "P Our form."]);
    assert_eq!(
        furniture,
        vec!["Harrowgate Living uses cookies to make this site work.", "Harrowgate Living > Complaints", "Choose your cookies"],
        "a breadcrumb trail is one line, as shown"
    );
}

#[test]
fn link_hosts_and_mailto_addresses_from_the_whole_page_each_once() {
    let html = r##"<html><head><link rel="canonical" href="https://www.brackmoor.gov.uk/complaints/self-assessment">
<meta property="og:site_name" content="  Brackmoor   Council "><meta property="og:url" content="https://www.brackmoor.gov.uk/complaints"></head><body>
<h1>Self-assessment</h1>
<p>Read <a href="/policy">our policy</a>, <a href="HTTP://Housing.Brackmoor.gov.uk:8080/x?y#z">the housing pages</a> or write to
<a href="mailto:Complaints@Brackmoor.GOV.uk?subject=Complaint">our team</a>, <a href="mailto:complaints@brackmoor.gov.uk">again</a>.</p>
<p><a href="//cdn.example.net/file.pdf">file</a> <a href="https://user:pw@www.housing-ombudsman.org.uk/">Ombudsman</a>
<a href="https://192.168.0.1/admin">router</a> <a href="javascript:void(0)">js</a> <a href="mailto:?subject=Share">share by e-mail</a>
<a href="mailto:not an address">bad</a> <a href="https://-bad-.example.com/">bad host</a> <a href="#top">top</a> <a href="tel:0123">call</a></p>
<template><a href="https://www.templated.example.org/">shown by a script</a></template>
<footer><a href="https://www.facebook.com/brackmoor">Facebook</a> <a href="https://www.brackmoor.gov.uk/contact">Contact</a>
<p><a href="mailto:housing@brackmoor.gov.uk">housing@brackmoor.gov.uk</a></p></footer></body></html>"##;
    assert_eq!(
        furniture(html),
        vec![
            "Brackmoor Council",
            "Facebook Contact",
            "housing@brackmoor.gov.uk",
            "https://www.brackmoor.gov.uk/",
            "http://housing.brackmoor.gov.uk/",
            "Complaints@brackmoor.gov.uk",
            "https://cdn.example.net/",
            "https://www.housing-ombudsman.org.uk/",
            "https://www.templated.example.org/",
            "https://www.facebook.com/",
        ],
        "every element's link, a template's (markup scripts show) too; an address the footer prints is not repeated"
    );
}

#[test]
fn an_archives_address_is_the_first_link() {
    let html = r#"<body><h1>Self-assessment</h1><p>Write to <a href="mailto:help@wexcombe.org.uk">us</a>.</p></body>"#;
    let (_, furniture) = read_page(html, Some("https://www.wexcombe.org.uk/complaints/self-assessment"), Deadline::NONE).unwrap();
    assert_eq!(furniture, vec!["https://www.wexcombe.org.uk/", "help@wexcombe.org.uk"]);
    let (_, furniture) = read_page(html, Some("file:///C:/Users/me/saved.htm"), Deadline::NONE).unwrap();
    assert_eq!(furniture, vec!["help@wexcombe.org.uk"], "a file's address names no host");
}

#[test]
fn with_a_main_region_the_page_edges_outside_it_are_furniture() {
    let long = "Landlords must make it easy for residents to complain. ".repeat(5);
    let html = format!(
        r#"<body><div class="page-header"><p>Tollmarsh Homes</p><div class="nav-links"><a href="/a">About</a></div></div>
<div class="site-logo"><img src="/arms.svg" alt="Coat of arms of Tollmarsh"></div>
<div class="promo">Sign up to our newsletter</div>
<main><h1>Self-assessment</h1><p>{long}</p><div class="cookie-notice"><p>Tollmarsh Homes sets cookies</p></div><aside class="about-us"><p>We are Tollmarsh Housing Society, trading as Tollmarsh Homes.</p></aside><div class="card"><div class="card-footer">Compliant: Yes</div></div>
<article><footer><p>Posted by the complaints team</p></footer></article></main>
<div id="site_footer"><p>Copyright 2025 Tollmarsh Homes</p></div></body>"#
    );
    let (blocks, furniture) = read_page(&html, None, Deadline::NONE).unwrap();
    assert!(show(&blocks).contains(&"P Compliant: Yes".to_string()), "{:?}", show(&blocks));
    assert_eq!(
        furniture,
        vec!["Tollmarsh Homes", "Coat of arms of Tollmarsh", "Tollmarsh Homes sets cookies", "We are Tollmarsh Housing Society, trading as Tollmarsh Homes.", "Copyright 2025 Tollmarsh Homes"],
        "in document order (a logo's box by its text); content, promotions and menus are not furniture"
    );
    // Without a main region the page's edges are content, not furniture.
    let no_main = html.replace("<main>", "<div>").replace("</main>", "</div>");
    let (blocks, furniture) = read_page(&no_main, None, Deadline::NONE).unwrap();
    assert_eq!(furniture, vec!["Tollmarsh Homes sets cookies", "We are Tollmarsh Housing Society, trading as Tollmarsh Homes."]);
    assert!(show(&blocks).contains(&"P Copyright 2025 Tollmarsh Homes".to_string()));
}

#[test]
fn furniture_is_bounded_keeping_its_first_and_last_lines_and_some_links() {
    use chc_model::{FURNITURE_LINES, FURNITURE_LINE_BYTES};
    let items: String = (0..500).map(|i| format!("<li>Footer link {i}</li>")).collect();
    let hosts: String = (0..100).map(|i| format!("<a href=\"https://site{i}.example.org/\">x</a>")).collect();
    let long = "é".repeat(400);
    let html = format!("<body><header><p>{long}</p></header><h1>Self-assessment</h1><p>{hosts}</p><footer><ul>{items}</ul><p>&copy; 2025 Wrenfold Living</p></footer></body>");
    let f = furniture(&html);
    assert_eq!(f.len(), FURNITURE_LINES);
    assert!(f.iter().all(|l| !l.is_empty() && l.len() <= FURNITURE_LINE_BYTES), "{f:?}");
    assert_eq!(f[0], "é".repeat(FURNITURE_LINE_BYTES / 2), "cut at a character boundary");
    assert_eq!(f[1], "Footer link 0");
    assert_eq!(f[FURNITURE_LINES - 25], "\u{a9} 2025 Wrenfold Living", "the last text line is kept");
    assert_eq!(f[FURNITURE_LINES - 24], "https://site0.example.org/");
    assert_eq!(f[FURNITURE_LINES - 1], "https://site23.example.org/");
    assert_eq!(furniture(&html), f, "deterministic");
    // Few text lines leave the room to the links.
    let f = furniture(&format!("<body><h1>Self-assessment</h1><p>{hosts}</p><footer><p>&copy; 2025 Wrenfold Living</p></footer></body>"));
    assert_eq!(f.len(), FURNITURE_LINES);
    assert_eq!(f[0], "\u{a9} 2025 Wrenfold Living");
    assert_eq!(f[FURNITURE_LINES - 1], "https://site62.example.org/");
}

#[test]
fn links_in_a_box_of_other_sites_pages_name_no_host() {
    // A "Related pages" aside or a "useful links" list points at other landlords' sites: their
    // hosts are not kept; links in the page's own content and footer are.
    let html = r##"<html><body><h1>Self-assessment</h1><p>See <a href="https://www.fenmoorhomes.org.uk/policy">our policy</a>.</p>
<aside><h2>Related pages</h2><ul><li><a href="https://www.otherhomes.org.uk/complaints">Other Homes: complaints</a></li></ul></aside>
<div class="useful-links"><a href="https://www.thirdtrust.org.uk/">Third Trust</a></div>
<section class="our-partners"><a href="https://www.partnercouncil.gov.uk/">Partner Council</a></section>
<footer><a href="mailto:complaints@fenmoorhomes.org.uk">Write to us</a></footer></body></html>"##;
    let lines = furniture(html);
    assert!(lines.iter().any(|l| l == "https://www.fenmoorhomes.org.uk/"), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("otherhomes") || l.contains("thirdtrust") || l.contains("partnercouncil")), "{lines:?}");
}

#[test]
fn a_tab_panel_hidden_until_its_tab_is_chosen_is_content() {
    let html = r#"<main><div role="tablist"><button role="tab" aria-controls="p0">Section 1</button><button role="tab" aria-controls="p1">Section 2</button></div>
<div role="tabpanel" id="p0"><p>First panel</p></div>
<div role="tabpanel" id="p1" hidden><p>Second panel</p></div>
<div class="modal" hidden><p>Never shown</p></div></main>"#;
    let shown = show(&blocks(html));
    assert!(shown.contains(&"P Second panel".to_string()), "{shown:?}");
    assert!(!shown.iter().any(|b| b.contains("Never shown")), "{shown:?}");
}

#[test]
fn an_accordion_panel_its_button_opens_is_content() {
    let html = r#"<main><h2><button aria-expanded="false" aria-controls="item-a">Provision 5.1</button></h2>
<div class="fold" id="item-a" hidden><p>Answer: Met</p></div>
<h2><button aria-expanded="false" aria-controls="item-b other">Provision 5.2</button></h2>
<div class="fold" id="item-b" style="display: none"><p>Answer: Not met</p></div>
<p>Unrelated</p><div id="item-c" hidden><p>Never shown</p></div>
<div class="modal" hidden><p>Also never shown</p></div></main>"#;
    let shown = show(&blocks(html));
    assert!(shown.contains(&"P Answer: Met".to_string()), "{shown:?}");
    assert!(shown.contains(&"P Answer: Not met".to_string()), "{shown:?}");
    assert!(!shown.iter().any(|b| b.contains("Never shown")), "{shown:?}");
}

#[test]
fn icons_labelled_for_what_they_mean_read_as_their_labels() {
    // An inline svg's title, a labelled image role, an image alone in a paragraph; a hidden
    // svg beside the word says nothing more.
    let html = r#"<main><table><tr><th>Provision</th><th>Comply</th><th>Evidence</th></tr>
<tr><td>2.1</td><td><svg role="img" aria-labelledby="t1" viewBox="0 0 24 24"><title id="t1">Compliant</title><path d="M4 12"/></svg></td><td>Policy</td></tr>
<tr><td>2.2</td><td><svg aria-hidden="true"><title>tick</title></svg> Yes</td><td>Leaflet</td></tr></table>
<div class="row"><span class="label">Do we comply?</span> <span class="value"><span class="icon" role="img" aria-label="Partly"></span></span></div>
<p><img src="tick.svg" alt="Yes"></p>
<p><img src="photo.jpg" alt="Our office"> Opening hours are on the contact page.</p></main>"#;
    let b = blocks(html);
    let g = grid(tables(&b)[0]);
    assert_eq!(g[1], ["2.1", "Compliant", "Policy"]);
    assert_eq!(g[2], ["2.2", "Yes", "Leaflet"]);
    let shown = show(&b);
    assert!(shown.contains(&"P Do we comply? Partly".to_string()), "{shown:?}");
    assert!(shown.contains(&"P Yes".to_string()), "{shown:?}");
    assert!(shown.contains(&"P Opening hours are on the contact page.".to_string()), "{shown:?}");
}

#[test]
fn the_head_names_its_owner_in_json_ld_and_application_name() {
    let html = r#"<html><head><meta name="application-name" content="Fenmoor Homes">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Fenmoor online"},{"@type":["Organization","NGO"],"name":"Fenmoor Housing Association","url":"https://fenmoor.org.uk/"}]}</script>
<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[]}</script>
<script type="application/ld+json">{ not json</script></head><body><main><p>Self-assessment</p></main></body></html>"#;
    let lines = furniture(html);
    assert_eq!(lines[..2], ["Fenmoor Homes", "Fenmoor Housing Association"], "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("Fenmoor online")), "{lines:?}");
}
