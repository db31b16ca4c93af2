//! A web page's furniture ([`chc_model::ParsedDocument::furniture`]): what the reader leaves
//! out of the document, but where a page often names its publisher. Two kinds of line:
//!
//! - **The text of the page's notices**: its banner and footer (the page's `<header>` and
//!   `<footer>`, `role=banner|contentinfo`), cookie notices and breadcrumbs (named by class,
//!   id or label), and, when the page marks its main content, the parts outside it named as
//!   its header, footer, banner or copyright. A line per paragraph, list item or line (a
//!   breadcrumb trail one line, "Home > Housing > Complaints", as shown); images by their
//!   `alt`; menus, sharing and feedback widgets, buttons, hidden text and scripts left out.
//!   `og:site_name` is a line too.
//! - **Where the page links to**: `https://host/` for each host of its absolute links, in
//!   the content as well (`<a href>`, `<link rel=canonical>`, `og:url`, and first the
//!   address an archive says the page was saved from), and the address of each `mailto:`
//!   link. Relative links give nothing.
//!
//! Cheap: the notices are those the content's reader leaves out anyway (plus, when there is
//! a main region, a walk of what stands outside it that steps over what it leaves out), and
//! the links come from one scan of the tree's nodes as stored.
//!
//! Each line once, in document order (links in order of first appearance), text first. At
//! most [`FURNITURE_LINES`] lines of at most [`chc_model::FURNITURE_LINE_BYTES`]: when a page has more,
//! its links keep up to [`LINK_LINES`] and its text its first and last lines (banners and
//! cookie notices open a page, the copyright line closes it).

use super::{attr, classes, element, is_hidden, is_never_read, is_page_header_or_footer, named_chrome, subtree_text, Chrome, Reading, TextBuf};
use crate::{Deadline, ParseError};
use chc_model::FURNITURE_LINES;
use ego_tree::{NodeId, NodeRef, Tree};
use scraper::node::Element;
use scraper::Node;
use std::collections::HashSet;

/// Lines the links keep when the text would take all [`FURNITURE_LINES`]: a page's own host,
/// its e-mail addresses and a few others fit; a page rarely links to more hosts than this.
const LINK_LINES: usize = 24;

/// Class or id name parts (split at `-`/`_`) that mark the edges of a page: outside a marked
/// main region, page furniture.
const PAGE_EDGE_PARTS: &[&str] = &["header", "footer", "banner", "copyright", "logo", "masthead", "branding", "crest"];

/// The furniture of the page (see the module documentation): the text of `notices` (those
/// the reader left out of the content, in order) and, when the page marks `main` content, of
/// the notices outside it; then where the page links to. `address`: where the page was saved
/// from, when known.
pub(super) fn read_furniture(tree: &Tree<Node>, main: Option<NodeId>, notices: Vec<NodeId>, address: Option<&str>, deadline: Deadline) -> Result<Vec<String>, ParseError> {
    let marks = Marks::of(tree, address);
    let notices = match main {
        Some(main) => around_main(tree.root(), main, notices, deadline)?,
        None => notices,
    };
    let mut text = Lines::default();
    for name in &marks.names {
        text.add_text(name);
    }
    for n in notices.into_iter().filter_map(|id| tree.get(id)) {
        let mut buf = TextBuf::default();
        subtree_text(n, &mut buf, Reading::Furniture);
        let read = buf.take();
        if element(n).is_some_and(is_breadcrumb_trail) {
            // Shown as one line, "Home > Housing > Complaints": one line here too.
            let crumbs: Vec<&str> = read.lines().map(without_bullet).filter(|c| !c.is_empty()).collect();
            text.add(&crumbs.join(" > "));
        } else {
            text.add(&read);
        }
    }
    Ok(within_bounds(text.lines, marks.links.lines))
}

/// The notices of a page that marks its main content: those outside it, with `in_main` (the
/// reader's) where the main content stands. The walk steps over what it leaves out (the main
/// content, hidden and unrendered subtrees, notices once found) rather than through it.
fn around_main(root: NodeRef<'_, Node>, main: NodeId, in_main: Vec<NodeId>, deadline: Deadline) -> Result<Vec<NodeId>, ParseError> {
    let mut notices = Vec::new();
    let mut in_main = Some(in_main);
    let mut next = root.first_child();
    let mut visited = 0usize;
    while let Some(n) = next {
        visited += 1;
        if visited & 4095 == 0 {
            deadline.check()?;
        }
        let enter = if n.id() == main {
            notices.extend(in_main.take().into_iter().flatten());
            false
        } else if is_shown_notice(n, true) {
            notices.push(n.id());
            false
        } else {
            element(n).is_none_or(|e| !is_hidden(e) && !is_never_read(e.name()))
        };
        next = n.first_child().filter(|_| enter).or_else(|| after_subtree(n, root.id()));
    }
    Ok(notices)
}

/// The node after `n`'s subtree in document order, inside `root`'s (`n` inside it).
fn after_subtree(n: NodeRef<'_, Node>, root: NodeId) -> Option<NodeRef<'_, Node>> {
    std::iter::once(n).chain(n.ancestors()).take_while(|a| a.id() != root).find_map(|a| a.next_sibling())
}

/// Whether the reader's content would leave out `n` as a notice whose text is furniture (and
/// not hidden); `outside_main`: it stands outside the page's marked main content.
pub(super) fn is_shown_notice(n: NodeRef<'_, Node>, outside_main: bool) -> bool {
    element(n).is_some_and(|e| is_notice(n, e, outside_main) && !is_hidden(e))
}

/// A notice whose text is furniture: the page's banner or footer, a cookie notice,
/// breadcrumbs; outside a marked main region, an element named as the page's edge.
fn is_notice(n: NodeRef<'_, Node>, e: &Element, outside_main: bool) -> bool {
    is_page_header_or_footer(n, e) || named_chrome(e) == Some(Chrome::Notice) || outside_main && names_page_edge(e) || is_about_box(e)
}

/// A side box about the publisher (`<aside class="about">`, "About us"): where it gives its
/// names ("We are X Limited, trading as Y").
fn is_about_box(e: &Element) -> bool {
    e.name() == "aside" && is_named_by(e, &["about"])
}

fn names_page_edge(e: &Element) -> bool {
    is_named_by(e, PAGE_EDGE_PARTS)
}

/// Breadcrumbs, by their class, id or label.
fn is_breadcrumb_trail(e: &Element) -> bool {
    is_named_by(e, &["breadcrumb", "breadcrumbs"]) || attr(e, "aria-label").is_some_and(|l| l.to_ascii_lowercase().contains("breadcrumb"))
}

/// Whether a class or id name of `e` has one of `parts` as a `-`/`_` part.
fn is_named_by(e: &Element, parts: &[&str]) -> bool {
    let named = |name: &str| name.split(['-', '_']).any(|part| parts.iter().any(|p| part.eq_ignore_ascii_case(p)));
    classes(e).any(named) || attr(e, "id").is_some_and(named)
}

/// Inside a notice, what is not its text: menus and widgets, controls, hidden and unrendered
/// elements (images are read by their `alt` before this is asked).
pub(super) fn is_left_out_of_furniture(n: NodeRef<'_, Node>) -> bool {
    let Some(e) = element(n) else { return false };
    is_never_read(e.name()) || matches!(e.name(), "button" | "select") || is_hidden(e) || matches!(named_chrome(e), Some(Chrome::Menu | Chrome::Widget))
}

/// At most [`FURNITURE_LINES`] lines: links up to [`LINK_LINES`] when the text needs the
/// room, the text its first and last lines, then the links the text does not print.
fn within_bounds(mut text: Vec<String>, mut links: Vec<String>) -> Vec<String> {
    let text_room = FURNITURE_LINES - links.len().min(LINK_LINES);
    if text.len() > text_room {
        let head = text_room / 2;
        let tail_from = text.len() - (text_room - head);
        text.drain(head..tail_from);
    }
    links.retain(|l| !text.contains(l));
    links.truncate(FURNITURE_LINES - text.len());
    text.append(&mut links);
    text
}

/// A line cut to [`chc_model::FURNITURE_LINE_BYTES`] at a character boundary.
fn bounded(line: &str) -> &str {
    chc_model::furniture_line(line).trim_end()
}

/// A line trimmed, without a list item's bullet.
fn without_bullet(line: &str) -> &str {
    line.trim().trim_start_matches('•').trim_start()
}

/// Text lines, each once, in order.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    seen: HashSet<String>,
}

impl Lines {
    /// The lines of a notice's text (list items without their bullets).
    fn add(&mut self, text: &str) {
        for line in text.lines() {
            let line = bounded(without_bullet(line));
            if !line.is_empty() && !self.seen.contains(line) {
                self.seen.insert(line.to_string());
                self.lines.push(line.to_string());
            }
        }
    }

    /// Text as an attribute holds it: white space collapsed first.
    fn add_text(&mut self, raw: &str) {
        let mut buf = TextBuf::default();
        buf.push_text(raw);
        self.add(&buf.take());
    }
}

/// Where the page links to and the name it gives its site, from its elements in the order
/// the parser made them (document order; a scan of the tree's nodes as stored, not a walk).
struct Marks {
    links: Links,
    /// What the page's head calls its site and its owner: `<meta property="og:site_name">`,
    /// `<meta name="application-name">`, a JSON-LD organisation's name (as a site's SEO
    /// plug-in writes it), each once.
    names: Vec<String>,
}

impl Marks {
    /// `address`: where the page was saved from, its first link.
    fn of(tree: &Tree<Node>, address: Option<&str>) -> Marks {
        let mut marks = Marks { links: Links::default(), names: Vec::new() };
        let name = |marks: &mut Marks, text: Option<&str>| {
            if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty() && t.chars().count() <= 100) {
                if !marks.names.iter().any(|n| n == t) && marks.names.len() < 4 {
                    marks.names.push(t.to_string());
                }
            }
        };
        if let Some(address) = address {
            marks.links.add(address);
        }
        for n in tree.nodes() {
            let Some(e) = n.value().as_element() else { continue };
            match e.name() {
                "a" | "area" if !in_a_list_of_other_sites(n) => marks.links.add_some(attr(e, "href")),
                "link" if attr(e, "rel").is_some_and(|r| r.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical"))) => marks.links.add_some(attr(e, "href")),
                "meta" => match (attr(e, "property").map(str::trim), attr(e, "name").map(str::trim)) {
                    (Some("og:url"), _) => marks.links.add_some(attr(e, "content")),
                    (Some("og:site_name"), _) | (_, Some("application-name")) => name(&mut marks, attr(e, "content")),
                    _ => {}
                },
                "script" if attr(e, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                    let json: String = n.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                    if json.len() <= 64 * 1024 {
                        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
                            name(&mut marks, organisation_name(&value, 0));
                        }
                    }
                }
                _ => {}
            }
        }
        marks
    }
}

/// The name of the first organisation a page's JSON-LD describes: itself, or the publisher
/// of the page or the site (`"@graph"` lists, `"publisher"` objects), as
/// `{"@type": "Organization", "name": "X"}` or a kind of organisation.
fn organisation_name(value: &serde_json::Value, depth: usize) -> Option<&str> {
    const KINDS: [&str; 5] = ["Organization", "GovernmentOrganization", "NGO", "Corporation", "LocalBusiness"];
    if depth > 6 {
        return None;
    }
    match value {
        serde_json::Value::Array(items) => items.iter().take(64).find_map(|v| organisation_name(v, depth + 1)),
        serde_json::Value::Object(fields) => {
            let is_kind = |t: &serde_json::Value| t.as_str().is_some_and(|t| KINDS.contains(&t));
            let organisation = fields.get("@type").is_some_and(|t| is_kind(t) || t.as_array().is_some_and(|a| a.iter().any(is_kind)));
            if organisation {
                if let Some(name) = fields.get("name").and_then(serde_json::Value::as_str) {
                    return Some(name);
                }
            }
            ["@graph", "publisher", "author", "provider"].iter().filter_map(|k| fields.get(*k)).find_map(|v| organisation_name(v, depth + 1))
        }
        _ => None,
    }
}

/// Whether a link stands in a box of links to other sites' pages (an `<aside>`, or a block
/// whose class or id names related pages, useful links, "see also" or partners): the hosts
/// there are other bodies', never the publisher's.
fn in_a_list_of_other_sites(n: NodeRef<'_, Node>) -> bool {
    const PARTS: [&str; 5] = ["related", "useful", "see-also", "seealso", "partner"];
    n.ancestors().filter_map(|a| a.value().as_element()).any(|e| {
        e.name() == "aside" || classes(e).chain(attr(e, "id")).any(|c| PARTS.iter().any(|p| c.to_ascii_lowercase().contains(p)))
    })
}

/// Link lines, one per host or e-mail address, in order of first appearance.
#[derive(Default)]
struct Links {
    lines: Vec<String>,
    seen: HashSet<String>,
}

impl Links {
    fn add_some(&mut self, href: Option<&str>) {
        if let Some(href) = href {
            self.add(href);
        }
    }

    fn add(&mut self, href: &str) {
        if self.lines.len() >= FURNITURE_LINES {
            return;
        }
        if let Some((key, line)) = link_line(href) {
            if self.seen.insert(key) {
                self.lines.push(line);
            }
        }
    }
}

/// The line a link gives, with what makes it distinct: for a `mailto:` link its (first)
/// address, whatever its case; for an absolute web address `scheme://host/`, distinct by host.
fn link_line(href: &str) -> Option<(String, String)> {
    let href = href.trim();
    if let Some(rest) = strip_prefix_ignoring_case(href, "mailto:") {
        let address = rest.split(['?', ',']).next()?.trim();
        let (local, domain) = address.rsplit_once('@')?;
        let domain = host(domain)?;
        let local_ok = !local.is_empty() && local.len() <= 64 && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._%+-'".contains(&b));
        let address = format!("{local}@{domain}");
        return local_ok.then(|| (address.to_ascii_lowercase(), address));
    }
    let (scheme, rest) = if let Some(rest) = strip_prefix_ignoring_case(href, "https://") {
        ("https", rest)
    } else if let Some(rest) = strip_prefix_ignoring_case(href, "http://") {
        ("http", rest)
    } else {
        ("https", href.strip_prefix("//")?)
    };
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let host_and_port = authority.rsplit('@').next()?;
    let host = host(host_and_port.split(':').next()?)?;
    let line = format!("{scheme}://{host}/");
    Some((host, line))
}

fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len()).filter(|head| head.eq_ignore_ascii_case(prefix)).map(|_| &s[prefix.len()..])
}

/// A domain name as an address writes it, lower-cased: at least two labels of ASCII letters,
/// digits and inner hyphens, the last with a letter (so not an IP address).
fn host(s: &str) -> Option<String> {
    let s = s.strip_suffix('.').unwrap_or(s);
    let label_ok = |l: &str| (1..=63).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !l.starts_with('-') && !l.ends_with('-');
    let last = s.rsplit('.').next()?;
    let ok = s.len() <= 253 && s.contains('.') && s.split('.').all(label_ok) && last.bytes().any(|b| b.is_ascii_alphabetic());
    ok.then(|| s.to_ascii_lowercase())
}
