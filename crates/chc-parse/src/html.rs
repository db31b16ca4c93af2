//! Web pages: HTML (and single-file MHTML archives, see [`crate::mhtml`]) into structured
//! blocks, through html5ever's spec-compliant tree builder (via `scraper`'s DOM). The
//! parser does what browsers do with real-world markup (implied and misnested tags, entities,
//! tables missing their `tbody`, text in raw-text elements); this module only decides what
//! of the tree is the document and what shape it has:
//!
//! - **Content, not chrome.** `<head>` (except `<title>`), `<script>`, `<style>`,
//!   `<template>`, `<noscript>`, comments, form controls, hidden elements (`hidden`,
//!   `aria-hidden="true"`, `display:none`, screen-reader-only classes), navigation
//!   (`<nav>`, `role=navigation|search`), the page's banner and footer (`<header>`/`<footer>`
//!   outside `<article>`, `<section>`, `<aside>`, `<main>`, or with `role=banner|contentinfo`),
//!   sidebars, and widgets named by their class, id or label (cookie banners, breadcrumbs,
//!   share links, feedback) or by their opening words ("Was this page helpful?") are left out.
//!   When the page marks its main content (`<main>`, `role=main`) only that is read, with the
//!   title.
//! - **Blocks in reading order.** Headings `h1`–`h6` and `<summary>` become
//!   [`BlockKind::Heading`], `<dt>`/`<dd>` [`BlockKind::Term`]/[`BlockKind::Definition`],
//!   paragraphs, list items ("• ") and the loose text of containers (cards, `<div>`s)
//!   [`BlockKind::Paragraph`]; `<br>` and paragraphs inside a block are `\n`.
//! - **Tables as grids** ([`StructuredTable`]): `rowspan`/`colspan` resolved slot by slot
//!   (a covered slot says so and repeats its cell's text), `<thead>` and rows of `<th>` as
//!   headers, `<tfoot>` last, `<caption>` kept. A table that only lays out a larger table
//!   inside it (a page-layout table, `role=presentation`) is a container, so the form inside
//!   is read as the table; a small table inside a form's cell is that cell's text, a line per
//!   row. Check boxes and radio buttons read as ☒ (checked) and ☐.
//! - **Furniture kept aside** ([`ParsedDocument::furniture`], `html/furniture.rs`): what is left
//!   out but may name the page's publisher, never a block: the text of the page's banner and
//!   footer, cookie notices and breadcrumbs (and, when the page marks its main content, the
//!   header, footer or copyright named outside it), a line each with images by their `alt`
//!   and menus, widgets and hidden text left out; then `https://host/` for each host the page
//!   links to (content included; an archive's own address first) and each `mailto:` address.
//!   Each line once, in document order, bounded by [`chc_model::FURNITURE_LINES`].
//!
//! Safety: the tree is walked without recursion (ego-tree's traversal), tables are bounded
//! as [`crate::grid`] says, and the time budget is checked while parsing and walking.

use crate::grid::{self, GridBuilder, RepeatBudget};
use crate::{Deadline, ParseError};
use chc_model::{Block, BlockKind, ParsedDocument, SourceInfo, StructuredTable, Warning};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::node::Element;
use scraper::{Html, HtmlTreeSink, Node};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;

/// Parse a web page (HTML, or an MHTML archive holding one) into one page of blocks.
pub fn parse_html(source: SourceInfo, bytes: &[u8], deadline: Deadline) -> Result<ParsedDocument, ParseError> {
    let mut warnings = Vec::new();
    let archived = crate::mhtml::html_part(bytes)?;
    let (text, how) = match &archived {
        Some(page) if page.utf8 => (String::from_utf8_lossy(&page.bytes), None),
        Some(page) => decode_html(&page.bytes)?,
        None => decode_html(bytes)?,
    };
    if let Some(how) = how {
        warnings.push(Warning::new("text_encoding", how));
    }
    deadline.check()?;
    let address = archived.as_ref().and_then(|page| page.address.as_deref());
    let (blocks, furniture) = read_page(&text, address, deadline)?;
    crate::structured_document(source, blocks, furniture, warnings)
}

// ---------------------------------------------------------------------------------------
// Decoding: a byte-order mark, else the charset a `<meta>` declares, else UTF-8 when the
// bytes are UTF-8, else Windows-1252 (what browsers assume for English pages).

/// The page as text, and how it was decoded when that was a guess (for a warning).
pub fn decode_html(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<String>), ParseError> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !has_bom {
        if let Some(enc) = meta_charset(bytes) {
            let (s, _, _) = enc.decode(bytes);
            return Ok((s, None));
        }
    }
    let (s, enc) = crate::text::decode(bytes)?;
    let how = (enc != crate::text::Encoding::Utf8).then(|| format!("decoded as {enc:?}"));
    Ok((s, how))
}

/// The encoding a `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in the first 1024 bytes declares (the HTML standard's pre-scan window).
/// UTF-16 declared in the bytes themselves is impossible (they would not be ASCII), so it
/// means UTF-8, as the standard says.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + i + 5;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[at + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(value) = rest.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
                let len = value.iter().position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'\t' | b'\n' | b'\r')).unwrap_or(value.len());
                if let Some(enc) = encoding_rs::Encoding::for_label(&value[..len]) {
                    return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE || enc == encoding_rs::X_USER_DEFINED {
                        if enc == encoding_rs::X_USER_DEFINED {
                            encoding_rs::WINDOWS_1252
                        } else {
                            encoding_rs::UTF_8
                        }
                    } else {
                        enc
                    });
                }
            }
        }
        from = end;
    }
    None
}

// ---------------------------------------------------------------------------------------
// The tree, with the source line each element starts on.

/// scraper's tree sink, noting the line html5ever is at when it creates each element.
struct LineSink {
    inner: HtmlTreeSink,
    line: Cell<u64>,
    lines: RefCell<HashMap<NodeId, u32>>,
}

impl TreeSink for LineSink {
    type Handle = NodeId;
    type Output = (Html, HashMap<NodeId, u32>);
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self::Output {
        (self.inner.finish(), self.lines.into_inner())
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.inner.create_element(name, attrs, flags);
        self.lines.borrow_mut().insert(id, self.line.get().min(u32::MAX as u64) as u32);
        id
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.inner.append_doctype_to_document(name, public_id, system_id)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent)
    }
    fn set_current_line(&self, line_number: u64) {
        self.line.set(line_number);
    }
}

/// The page's tree, with each element's source line.
struct Page1 {
    html: Html,
    lines: HashMap<NodeId, u32>,
}

/// Parse the page, fed to html5ever in pieces so the time budget is checked as it goes (its
/// tree builder takes time quadratic in nesting depth, which a hostile page can make huge).
fn parse_tree(text: &str, deadline: Deadline) -> Result<Page1, ParseError> {
    const CHUNK: usize = 16 << 10;
    let sink = LineSink { inner: HtmlTreeSink::new(Html::new_document()), line: Cell::new(1), lines: RefCell::default() };
    let mut parser = html5ever::parse_document(sink, Default::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        deadline.check()?;
    }
    let (html, lines) = parser.finish();
    Ok(Page1 { html, lines })
}

// ---------------------------------------------------------------------------------------
// What of the tree is content.

fn element(n: NodeRef<'_, Node>) -> Option<&Element> {
    n.value().as_element()
}

/// An attribute's value. scraper's `Element::attr` turns the name into an atom (a hash) on
/// every call; the reader asks several of every element, so it compares names instead.
fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs().find_map(|(k, v)| (k == name).then_some(v))
}

/// An element's class names (scraper's `Element::classes` makes an atom of each).
fn classes(e: &Element) -> impl Iterator<Item = &str> {
    attr(e, "class").into_iter().flat_map(str::split_ascii_whitespace)
}

/// Elements never read: not rendered, or controls rather than text. (A `match`, not a list
/// searched: every element of the page is asked.)
fn is_never_read(name: &str) -> bool {
    matches!(
        name,
        "head" | "script" | "style" | "template" | "noscript" | "iframe" | "object" | "embed" | "svg" | "math" | "canvas" | "video" | "audio" | "map"
            | "dialog" | "nav" | "aside" | "img" | "picture" | "source" | "track" | "datalist" | "meter" | "progress" | "link" | "meta" | "base"
    )
}

/// What a piece of page chrome is: a menu (navigation, search, sidebars, skip links), a
/// widget (sharing, feedback), or a notice where the page speaks as its publisher (its banner
/// and footer, a cookie notice, breadcrumbs), whose text is kept as furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chrome {
    Menu,
    Widget,
    Notice,
}

/// Class names (whole, or one `-`/`_` part of one) that mark page chrome, and what it is.
const CHROME_CLASS_PARTS: &[(&str, Chrome)] = &[
    ("cookie", Chrome::Notice),
    ("cookies", Chrome::Notice),
    ("consent", Chrome::Notice),
    ("gdpr", Chrome::Notice),
    ("breadcrumb", Chrome::Notice),
    ("breadcrumbs", Chrome::Notice),
    ("masthead", Chrome::Notice),
    ("share", Chrome::Widget),
    ("sharing", Chrome::Widget),
    ("helpful", Chrome::Widget),
    ("navbar", Chrome::Menu),
    ("nav", Chrome::Menu),
    ("menu", Chrome::Menu),
    ("sidebar", Chrome::Menu),
    ("skiplink", Chrome::Menu),
    ("skip", Chrome::Menu),
];
// Not "social" nor "feedback": a landlord's page about social housing or about feedback and
// complaints uses them for its content. Feedback widgets are known by their opening words.
/// Class names that take an element off the page.
const HIDDEN_CLASSES: &[&str] = &["hidden", "d-none", "is-hidden", "invisible", "u-hidden", "element-invisible"];

/// Class names of text meant only for screen readers ("Show this section", "opens in a new
/// tab"): left out, except in a table cell that shows nothing else (an icon whose
/// screen-reader text is the answer).
const SCREEN_READER_CLASSES: &[&str] =
    &["sr-only", "visually-hidden", "visuallyhidden", "govuk-visually-hidden", "screen-reader-text", "screenreader-only", "show-for-sr"];

/// Opening words of widgets that sit inside the content: feedback, sharing, cookie notices.
const CHROME_OPENINGS: &[&str] = &[
    "was this page helpful",
    "was this page useful",
    "is this page useful",
    "is there anything wrong with this page",
    "did this page help",
    "did you find what you were looking for",
    "did you find this page useful",
    "rate this page",
    "help us improve",
    "report a problem with this page",
    "share this page",
    "share this",
    "cookies on",
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "skip to",
];

fn is_hidden(e: &Element) -> bool {
    // A tab panel the reader opens with a click holds the page's own content: "Section 2" of
    // a form split over tabs, hidden until its tab is chosen.
    if attr(e, "role").is_some_and(|r| r.trim().eq_ignore_ascii_case("tabpanel")) {
        return false;
    }
    if attr(e, "hidden").is_some() || attr(e, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if e.name() == "input" && attr(e, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")) {
        return true;
    }
    if let Some(style) = attr(e, "style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    classes(e).any(|c| HIDDEN_CLASSES.iter().any(|h| c.eq_ignore_ascii_case(h)))
}

/// Whether a hidden element is a panel that a control just before it opens: an accordion's
/// section or a "Show more" block whose button names it (`aria-controls="panel-3"`) holds
/// the page's own content, hidden only until the reader clicks. (The control stands in the
/// panel's previous sibling or inside it, as accordions and disclosure widgets place it.)
fn is_disclosed_by_a_control(n: NodeRef<'_, Node>, e: &Element) -> bool {
    let Some(id) = attr(e, "id").map(str::trim).filter(|id| !id.is_empty()) else { return false };
    let Some(before) = n.prev_siblings().find(|s| s.value().is_element()) else { return false };
    before.descendants().take(32).filter_map(element).any(|c| attr(c, "aria-controls").is_some_and(|ids| ids.split_ascii_whitespace().any(|i| i == id)))
}

fn is_screen_reader_only(e: &Element) -> bool {
    classes(e).any(|c| SCREEN_READER_CLASSES.iter().any(|h| c.eq_ignore_ascii_case(h)))
}

/// Page chrome named by its markup: landmark roles, and class or id names.
fn is_named_chrome(e: &Element) -> bool {
    named_chrome(e).is_some()
}

/// What page chrome an element's role, class, id or label names it, if any.
fn named_chrome(e: &Element) -> Option<Chrome> {
    if let Some(role) = attr(e, "role") {
        match role.trim().to_ascii_lowercase().as_str() {
            "banner" | "contentinfo" | "dialog" | "alertdialog" => return Some(Chrome::Notice),
            "navigation" | "search" | "complementary" => return Some(Chrome::Menu),
            _ => {}
        }
    }
    let named = |name: &str| name.split(['-', '_']).find_map(|part| CHROME_CLASS_PARTS.iter().find(|(p, _)| part.eq_ignore_ascii_case(p)).map(|&(_, c)| c));
    if let Some(c) = classes(e).find_map(named).or_else(|| attr(e, "id").and_then(named)) {
        return Some(c);
    }
    let label = attr(e, "aria-label")?.to_ascii_lowercase();
    if label.contains("cookie") || label.contains("breadcrumb") {
        Some(Chrome::Notice)
    } else {
        label.starts_with("share").then_some(Chrome::Widget)
    }
}

/// `<header>` and `<footer>` are the page's banner and footer unless they sit inside an
/// article, section, aside or main (the HTML standard's scoping of their landmark roles).
fn is_page_header_or_footer(n: NodeRef<'_, Node>, e: &Element) -> bool {
    if !matches!(e.name(), "header" | "footer") {
        return false;
    }
    !n.ancestors().filter_map(element).any(|a| matches!(a.name(), "article" | "section" | "aside" | "main") || attr(a, "role").is_some_and(|r| r.eq_ignore_ascii_case("main")))
}

/// A small widget known by its opening words ("Was this page helpful? Yes No"). Small: under
/// 200 nodes and 400 characters, so content that merely starts with such words stays.
fn opens_like_chrome(n: NodeRef<'_, Node>) -> bool {
    const WINDOW: usize = 400;
    const NODES: usize = 200;
    if n.descendants().take(NODES).count() == NODES {
        return false;
    }
    let mut text = String::new();
    for d in n.descendants() {
        if let Some(t) = d.value().as_text() {
            text.push_str(t);
            if text.len() > WINDOW {
                return false;
            }
        }
    }
    let words: String = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    CHROME_OPENINGS.iter().any(|o| words.starts_with(o))
}

/// Whether the subtree at `n` is left out of the document.
fn is_left_out(n: NodeRef<'_, Node>) -> bool {
    let Some(e) = element(n) else { return false };
    let name = e.name();
    if is_never_read(name) || is_hidden(e) && !is_disclosed_by_a_control(n, e) || is_screen_reader_only(e) && !speaks_for_an_icon(n) || is_named_chrome(e) || is_page_header_or_footer(n, e) {
        return true;
    }
    match name {
        "button" => !n.ancestors().filter_map(element).any(|a| is_heading(a.name()) || a.name() == "summary"),
        "select" => false,
        "input" => checkbox_glyph(e).is_none(),
        "div" | "section" | "form" | "p" | "span" | "a" | "ul" | "fieldset" => opens_like_chrome(n),
        _ => false,
    }
}

/// Whether screen-reader-only text at `n` is what an icon beside it shows ("<span class="fa
/// fa-check" aria-hidden="true"></span><span class="visually-hidden">Yes</span>"): its
/// parent shows nothing else, only an element without text. Then it is the answer the page
/// shows, not an aside for screen readers ("opens in a new window").
fn speaks_for_an_icon(n: NodeRef<'_, Node>) -> bool {
    let Some(parent) = n.parent() else { return false };
    let shows_no_text = |c: NodeRef<'_, Node>| c.descendants().all(|d| !matches!(d.value(), Node::Text(t) if !t.trim().is_empty()));
    let others = || parent.children().filter(|c| c.id() != n.id());
    others().any(|c| c.value().is_element()) && others().all(shows_no_text)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// ☒ for a checked check box or radio button, ☐ for an empty one.
fn checkbox_glyph(e: &Element) -> Option<char> {
    if e.name() != "input" {
        return None;
    }
    let kind = attr(e, "type")?.trim().to_ascii_lowercase();
    matches!(kind.as_str(), "checkbox" | "radio").then(|| if attr(e, "checked").is_some() { '☒' } else { '☐' })
}

/// The element holding the page's main content, when it marks one that holds text.
fn main_region(root: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
    let main = root.descendants().find(|n| element(*n).is_some_and(|e| e.name() == "main" || attr(e, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"))))?;
    let text: usize = main.descendants().filter_map(|d| d.value().as_text()).map(|t| t.trim().len()).sum();
    (text >= 200).then_some(main)
}

// ---------------------------------------------------------------------------------------
// Text: HTML collapses white space; `\n` marks a line break inside a block.

/// Text with white space collapsed, lines trimmed and empty lines dropped.
#[derive(Default)]
struct TextBuf {
    out: String,
    space: bool,
}

impl TextBuf {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_ascii_whitespace() || c == '\u{A0}' {
                self.space = true;
            } else {
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }

    fn push_glyph(&mut self, c: char) {
        self.push_text(&c.to_string());
        self.space = true;
    }

    fn line_break(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }

    fn is_empty(&self) -> bool {
        self.out.trim().is_empty()
    }

    fn take(&mut self) -> String {
        self.space = false;
        let s = std::mem::take(&mut self.out);
        s.trim_end_matches('\n').to_string()
    }
}

/// Elements that end a line where they start and end.
fn breaks_line(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "br" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "tr" | "table" | "caption" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "section" | "article" | "header" | "footer" | "main" | "blockquote" | "pre" | "address" | "figure" | "figcaption" | "details"
            | "summary" | "fieldset" | "legend" | "form" | "hr" | "center"
    )
}

/// A walk's memory of the subtree it is leaving out.
#[derive(Default)]
struct Skipping(Option<NodeId>);

impl Skipping {
    /// Whether `edge` is to be visited: not inside (nor closing) a skipped subtree.
    fn passes(&mut self, edge: &Edge<'_, Node>) -> bool {
        match (edge, self.0) {
            (_, None) => true,
            (Edge::Close(n), Some(id)) if n.id() == id => {
                self.0 = None;
                false
            }
            _ => false,
        }
    }

    /// Leave out the subtree of `n` (just opened).
    fn skip(&mut self, n: NodeRef<'_, Node>) {
        self.0 = Some(n.id());
    }
}

/// What a subtree's text includes: what the page shows, or (for a table cell that shows no
/// text) what a screen reader says: screen-reader-only text, images' `alt`, labelled icons;
/// or, for page furniture, what a screen reader says of it, menus and widgets left out
/// ([`furniture::is_left_out_of_furniture`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Shown,
    Spoken,
    Furniture,
}

/// The text a screen reader gives an icon or image, in [`Reading::Spoken`].
fn spoken_label(n: NodeRef<'_, Node>) -> Option<String> {
    let e = element(n)?;
    match e.name() {
        "img" => attr(e, "alt").map(str::trim).filter(|l| !l.is_empty()).map(str::to_string),
        _ => labelled_icon(n),
    }
}

/// The name an icon is given for what it means, which a reader of the page is shown too: an
/// element marked as an image with a label (`<span role="img" aria-label="Yes">`), or an
/// inline `<svg>` with a label or a `<title>` ("Compliant"). Hidden and decorative icons
/// (`aria-hidden`) have none.
fn labelled_icon(n: NodeRef<'_, Node>) -> Option<String> {
    let e = element(n)?;
    // (Every element of the page is asked: the two cheap tests first.)
    let svg = e.name() == "svg";
    let image_role = || attr(e, "role").is_some_and(|r| r.trim().eq_ignore_ascii_case("img"));
    if e.name() == "img" || !(svg || image_role()) || is_hidden(e) {
        return None;
    }
    let labelled = attr(e, "aria-label").map(str::trim).filter(|l| !l.is_empty()).map(str::to_string);
    let label = labelled.or_else(|| svg.then(|| svg_title(n)).flatten());
    label.filter(|l| l.chars().count() <= 40)
}

/// The text of an `<svg>`'s own `<title>`.
fn svg_title(n: NodeRef<'_, Node>) -> Option<String> {
    let title = n.children().find(|c| element(*c).is_some_and(|e| e.name() == "title"))?;
    let text: String = title.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The text of a subtree as lines: paragraphs and `<br>` end lines, list items start with
/// "• ", a nested table gives a line per row with its cells separated by spaces.
fn subtree_text(root: NodeRef<'_, Node>, buf: &mut TextBuf, reading: Reading) {
    let mut skipping = Skipping::default();
    for edge in root.traverse() {
        if !skipping.passes(&edge) {
            continue;
        }
        match edge {
            Edge::Open(n) => {
                let label = if reading == Reading::Shown { labelled_icon(n) } else { spoken_label(n) };
                if let Some(label) = label {
                    buf.push_text(&label);
                    buf.space = true;
                    skipping.skip(n);
                    continue;
                }
                let left_out = || match reading {
                    Reading::Furniture => furniture::is_left_out_of_furniture(n),
                    Reading::Spoken => is_left_out(n) && !element(n).is_some_and(|e| is_screen_reader_only(e) && !is_hidden(e)),
                    Reading::Shown => is_left_out(n),
                };
                if n.id() != root.id() && left_out() {
                    skipping.skip(n);
                    continue;
                }
                match n.value() {
                    Node::Text(t) => buf.push_text(t),
                    Node::Element(e) => {
                        if breaks_line(e.name()) && n.id() != root.id() {
                            buf.line_break();
                        }
                        match e.name() {
                            "li" => buf.push_text("• "),
                            "td" | "th" => buf.space = true,
                            "input" => {
                                if let Some(g) = checkbox_glyph(e) {
                                    buf.push_glyph(g);
                                }
                            }
                            "select" => {
                                if let Some(opt) = n.descendants().find(|d| element(*d).is_some_and(|o| o.name() == "option" && attr(o, "selected").is_some())) {
                                    let mut inner = TextBuf::default();
                                    subtree_text(opt, &mut inner, reading);
                                    buf.push_text(&inner.take());
                                }
                                skipping.skip(n);
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Some(e) = element(n) {
                    if breaks_line(e.name()) && n.id() != root.id() {
                        buf.line_break();
                    }
                }
            }
        }
    }
}

fn text_of(n: NodeRef<'_, Node>) -> String {
    let mut buf = TextBuf::default();
    subtree_text(n, &mut buf, Reading::Shown);
    buf.take()
}

/// A table cell's text; a cell that shows none (an icon) gives what a screen reader says.
fn cell_text(n: NodeRef<'_, Node>) -> String {
    let shown = text_of(n);
    if !shown.is_empty() {
        return shown;
    }
    let mut buf = TextBuf::default();
    subtree_text(n, &mut buf, Reading::Spoken);
    buf.take()
}

// ---------------------------------------------------------------------------------------
// Tables.

fn children_named<'a>(n: NodeRef<'a, Node>, names: &'a [&'a str]) -> impl Iterator<Item = NodeRef<'a, Node>> + 'a {
    n.children().filter(move |c| element(*c).is_some_and(|e| names.contains(&e.name())))
}

/// A table's row groups in reading order (`<thead>` first, `<tfoot>` last), each a list of
/// rows, with whether the group is a header.
fn row_groups(table: NodeRef<'_, Node>) -> Vec<(bool, Vec<NodeRef<'_, Node>>)> {
    let mut head = Vec::new();
    let mut body = Vec::new();
    let mut foot = Vec::new();
    for c in table.children() {
        let Some(e) = element(c) else { continue };
        match e.name() {
            "thead" => head.push((true, children_named(c, &["tr"]).collect())),
            "tbody" => body.push((false, children_named(c, &["tr"]).collect())),
            "tfoot" => foot.push((false, children_named(c, &["tr"]).collect())),
            "tr" => body.push((false, vec![c])),
            _ => {}
        }
    }
    head.into_iter().chain(body).chain(foot).collect()
}

/// A span attribute; a missing or unreadable one is 1, `rowspan=0` (to the end of the row
/// group) stays 0.
fn span(e: &Element, name: &str, max: usize) -> usize {
    attr(e, name).and_then(|v| v.trim().parse::<usize>().ok()).map_or(1, |v| v.min(max))
}

/// Cells of a table's own rows (not of tables nested in them).
fn own_cells(table: NodeRef<'_, Node>) -> usize {
    row_groups(table).iter().flat_map(|(_, rows)| rows.iter()).map(|r| children_named(*r, &["td", "th"]).count()).sum()
}

/// A table that lays out the page rather than holding data: `role=presentation`, or one
/// whose own cells are fewer than those of a table nested inside it (the page's frame around
/// the form).
fn is_layout_table(table: NodeRef<'_, Node>) -> bool {
    let e = element(table).expect("a table element");
    if attr(e, "role").is_some_and(|r| matches!(r.trim().to_ascii_lowercase().as_str(), "presentation" | "none")) {
        return true;
    }
    let inner = table.descendants().skip(1).filter(|d| element(*d).is_some_and(|e| e.name() == "table")).map(own_cells).max();
    grid::is_layout_table(own_cells(table), inner)
}

/// A data table resolved to a grid (see [`crate::grid`]).
fn read_table(table: NodeRef<'_, Node>, lines: &HashMap<NodeId, u32>, budget: &mut RepeatBudget) -> Result<StructuredTable, ParseError> {
    let line = |n: NodeRef<'_, Node>| lines.get(&n.id()).copied().unwrap_or(1);
    let caption = children_named(table, &["caption"]).next().map(text_of).filter(|c| !c.is_empty());
    let mut grid = GridBuilder::default();
    for (head_group, group) in row_groups(table) {
        grid.start_group(Some(group.len()));
        for tr in &group {
            let cells: Vec<(NodeRef<'_, Node>, &Element)> = children_named(*tr, &["td", "th"]).filter_map(|c| Some((c, element(c)?))).collect();
            let texts: Vec<String> = cells.iter().map(|(c, _)| cell_text(*c)).collect();
            // A row of `th` is a header, unless its `th` cells head the row (`scope=row`).
            let all_th = texts.iter().zip(&cells).filter(|(t, _)| !t.is_empty()).all(|(_, (_, e))| e.name() == "th");
            let header = head_group || (all_th && texts.iter().any(|t| !t.is_empty()) && !row_has_row_headers(*tr));
            grid.start_row(line(*tr), header);
            for ((_, e), text) in cells.iter().zip(texts) {
                grid.cell(text, e.name() == "th", span(e, "colspan", grid::MAX_COLUMNS), span(e, "rowspan", 65534), budget)?;
            }
            grid.end_row(budget)?;
        }
        grid.end_group();
    }
    Ok(StructuredTable { location: line(table), caption, rows: grid.finish() })
}

/// A row whose `<th>` cells head the row (`scope=row`): a provision row, not a header.
fn row_has_row_headers(tr: NodeRef<'_, Node>) -> bool {
    children_named(tr, &["th"]).any(|c| element(c).and_then(|e| attr(e, "scope")).is_some_and(|s| s.trim().eq_ignore_ascii_case("row")))
}

// ---------------------------------------------------------------------------------------
// Blocks.

/// Elements whose content is one block, whatever blocks are nested inside (they become
/// lines of it).
fn block_kind_of(name: &str) -> Option<fn(u8, String) -> BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "summary" => |level, text| BlockKind::Heading { level, text },
        "dt" => |_, text| BlockKind::Term(text),
        "dd" => |_, text| BlockKind::Definition(text),
        "p" | "li" | "pre" | "address" | "blockquote" | "figcaption" | "legend" => |_, text| BlockKind::Paragraph(text),
        _ => return None,
    })
}

struct Reader<'a> {
    lines: &'a HashMap<NodeId, u32>,
    blocks: Vec<Block>,
    buf: TextBuf,
    /// Line of the element the text in `buf` belongs to.
    buf_line: u32,
    /// Heading level of the last heading outside any `<details>`: a `<summary>` titles the
    /// level below it.
    outline_level: u8,
    budget: RepeatBudget,
    /// Notices left out of the content (the page's banner and footer, cookie notices), in
    /// order: their text is furniture.
    notices: Vec<NodeId>,
    /// Reading a document embedded in an `<iframe srcdoc>`: its own iframes are not read.
    embedded: bool,
}

impl<'a> Reader<'a> {
    fn new(lines: &'a HashMap<NodeId, u32>, embedded: bool) -> Reader<'a> {
        Reader { lines, blocks: Vec::new(), buf: TextBuf::default(), buf_line: 1, outline_level: 1, budget: RepeatBudget::default(), notices: Vec::new(), embedded }
    }

    fn line(&self, n: NodeRef<'_, Node>) -> u32 {
        self.lines.get(&n.id()).copied().unwrap_or(1)
    }

    /// The loose text gathered so far, as a paragraph.
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let text = self.buf.take();
            self.blocks.push(Block { location: self.buf_line, kind: BlockKind::Paragraph(text) });
        } else {
            self.buf.take();
        }
    }

    fn push(&mut self, location: u32, kind: BlockKind) {
        if kind.text().is_none_or(|t| !t.is_empty()) {
            self.blocks.push(Block { location, kind });
        }
    }

    /// Walk the subtree at `root`, containers by their children, one block per block element.
    fn read(&mut self, root: NodeRef<'_, Node>, deadline: Deadline) -> Result<(), ParseError> {
        let mut skipping = Skipping::default();
        for (i, edge) in root.traverse().enumerate() {
            if i & 4095 == 0 {
                deadline.check()?;
            }
            if !skipping.passes(&edge) {
                continue;
            }
            match edge {
                Edge::Open(n) => {
                    // A labelled icon in a container's loose text ("Do we comply? [icon:
                    // Yes]").
                    if let Some(label) = labelled_icon(n) {
                        if self.buf.is_empty() {
                            self.buf_line = self.line(n);
                        }
                        self.buf.push_text(&label);
                        self.buf.space = true;
                        skipping.skip(n);
                        continue;
                    }
                    // A document written into the page (`<iframe srcdoc="…">`): its blocks
                    // stand where the frame does.
                    if let Some(inner) = element(n).filter(|e| e.name() == "iframe" && !self.embedded).and_then(|e| attr(e, "srcdoc")) {
                        self.flush();
                        let line = self.line(n);
                        for b in embedded_blocks(inner, deadline)? {
                            self.blocks.push(Block { location: line, kind: b.kind });
                        }
                        skipping.skip(n);
                        continue;
                    }
                    if is_left_out(n) {
                        if furniture::is_shown_notice(n, false) {
                            self.notices.push(n.id());
                        }
                        skipping.skip(n);
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => {
                            if self.buf.is_empty() {
                                self.buf_line = n.parent().map_or(self.buf_line, |p| self.line(p));
                            }
                            self.buf.push_text(t);
                        }
                        Node::Element(e) => {
                            let name = e.name();
                            if name == "table" && !is_layout_table(n) {
                                self.flush();
                                let t = read_table(n, self.lines, &mut self.budget)?;
                                if !t.rows.is_empty() || t.caption.is_some() {
                                    self.blocks.push(Block { location: t.location, kind: BlockKind::Table(t) });
                                }
                                skipping.skip(n);
                            } else if let Some(kind) = block_kind_of(name) {
                                self.flush();
                                let mut text = TextBuf::default();
                                let has_table = n.descendants().skip(1).any(|d| element(d).is_some_and(|e| e.name() == "table"));
                                if has_table && !matches!(name, "summary" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                                    // A block holding a table: its text around the table
                                    // stays in order with it, so read it as a container.
                                    self.buf_line = self.line(n);
                                    if name == "li" {
                                        self.buf.push_text("• ");
                                    }
                                    continue;
                                }
                                subtree_text(n, &mut text, Reading::Shown);
                                // (A block that shows only an image, as a table cell: what a
                                // screen reader says of it, "Yes" for a tick's alt text.)
                                if text.is_empty() {
                                    subtree_text(n, &mut text, Reading::Spoken);
                                }
                                let level = match name.as_bytes() {
                                    [b'h', d] => {
                                        let level = d - b'0';
                                        if !n.ancestors().any(|a| element(a).is_some_and(|e| e.name() == "details")) {
                                            self.outline_level = level;
                                        }
                                        level
                                    }
                                    _ => self.outline_level.saturating_add(1).min(7),
                                };
                                let line = self.line(n);
                                self.push(line, kind(level, text.take()));
                                skipping.skip(n);
                            } else if name == "br" {
                                self.buf.line_break();
                            } else if name == "select" {
                                // The chosen option, not the list of choices.
                                subtree_text(n, &mut self.buf, Reading::Shown);
                                skipping.skip(n);
                            } else if name == "input" {
                                if let Some(g) = checkbox_glyph(e) {
                                    self.buf.push_glyph(g);
                                }
                            } else if breaks_line(name) || matches!(name, "td" | "th" | "body" | "html") {
                                self.flush();
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if let Some(e) = element(n) {
                        if breaks_line(e.name()) || matches!(e.name(), "td" | "th" | "body" | "html") {
                            self.flush();
                        }
                    }
                }
            }
        }
        self.flush();
        Ok(())
    }
}

/// The blocks of a document embedded in a page: its main content (or body), no title.
fn embedded_blocks(text: &str, deadline: Deadline) -> Result<Vec<Block>, ParseError> {
    let page = parse_tree(text, deadline)?;
    let root = page.html.tree.root();
    let mut reader = Reader::new(&page.lines, true);
    let body = main_region(root).or_else(|| root.descendants().find(|n| element(*n).is_some_and(|e| e.name() == "body"))).unwrap_or(root);
    reader.read(body, deadline)?;
    Ok(reader.blocks)
}

/// The blocks of a page (see the module documentation).
pub fn read_blocks(text: &str, deadline: Deadline) -> Result<Vec<Block>, ParseError> {
    Ok(read_page(text, None, deadline)?.0)
}

/// The blocks of a page and its furniture (see the module documentation); `address` is where
/// the page was saved from, when an archive says so.
pub fn read_page(text: &str, address: Option<&str>, deadline: Deadline) -> Result<(Vec<Block>, Vec<String>), ParseError> {
    let page = parse_tree(text, deadline)?;
    let root = page.html.tree.root();
    let mut reader = Reader::new(&page.lines, false);
    let title = root.descendants().find(|n| element(*n).is_some_and(|e| e.name() == "title"));
    if let Some(t) = title {
        let text = text_of(t);
        let line = reader.line(t);
        reader.push(line, BlockKind::Paragraph(text));
    }
    let main = main_region(root);
    match main {
        Some(main) => reader.read(main, deadline)?,
        None => {
            let body = root.descendants().find(|n| element(*n).is_some_and(|e| e.name() == "body")).unwrap_or(root);
            reader.read(body, deadline)?
        }
    }
    let furniture = furniture::read_furniture(&page.html.tree, main.map(|m| m.id()), reader.notices, address, deadline)?;
    Ok((reader.blocks, furniture))
}

mod furniture;
#[cfg(test)]
mod tests;
