//! Cell text into plain text: markup stripped, entities decoded, typography folded.
//!
//! Conventions every stage and the gold files share:
//! - HTML tags removed; `<p>`, `<br>`, `<li>`, `<tr>` and `<div>` boundaries become `\n`.
//! - Entities (`&amp;`, `&#8217;`, `&nbsp;` …) decoded.
//! - Ligatures expanded, soft hyphens and zero-width characters dropped, non-breaking
//!   and other exotic spaces made plain spaces, curly quotes made straight.
//! - A bullet (`•`, `▪`, `●`, Symbol-font `\u{F0B7}`) starts a new line: lists are lines.
//! - Runs of spaces collapse to one; lines are trimmed; empty lines dropped.

use std::borrow::Cow;

/// Clean one cell (or any fragment) of text: [`strip_markup`], then [`fold_typography`],
/// then [`tidy_lines`], the last two in one pass with no string in between (this runs on
/// every cell of every form).
pub fn clean_text(raw: &str) -> String {
    if already_clean(raw) {
        return raw.to_string();
    }
    let no_markup = if raw.contains('<') || raw.contains('&') { Cow::Owned(strip_markup(raw)) } else { Cow::Borrowed(raw) };
    let mut tidy = Tidy::with_capacity(no_markup.len());
    fold_each(&no_markup, |piece| tidy.push_str(piece));
    tidy.finish()
}

/// Most cells are plain ASCII, one space between words, nothing to strip or fold: then
/// cleaning would give them back unchanged, and a few fast scans can tell.
fn already_clean(s: &str) -> bool {
    // Or-ed together rather than searched for or counted, so that the loop vectorises.
    let needs_work = s.bytes().fold(0u8, |any, b| any | u8::from(!matches!(b, 0x20..=0x7E | b'\n')) | u8::from(b == b'<') | u8::from(b == b'&'));
    needs_work == 0
        && !s.starts_with([' ', '\n'])
        && !s.ends_with([' ', '\n'])
        && !s.contains("  ")
        && (!s.contains('\n') || !(s.contains(" \n") || s.contains("\n ") || s.contains("\n\n")))
}

/// Characters folded to plain equivalents (QUIRKS 23).
pub fn fold_typography(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, |piece| out.push_str(piece));
    out
}

/// What `c` folds to, or `None` when it stays as it is.
fn folded(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2022}' | '\u{25AA}' | '\u{25CF}' | '\u{F0B7}' | '\u{F0A7}' | '\u{2023}' | '\u{2043}' | '\u{25E6}' => "\n• ",
        '\t' | '\r' | '\u{000B}' | '\u{000C}' => " ",
        c if c.is_control() && c != '\n' => "",
        _ => return None,
    })
}

/// `s` folded (QUIRKS 23), handed to `emit` piece by piece: the runs that stay as they
/// are, as slices of `s`, between the replacements.
fn fold_each<'a>(s: &'a str, mut emit: impl FnMut(&'a str)) {
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        // Printable ASCII and line breaks never fold.
        if matches!(bytes[i], 0x20..=0x7E | b'\n') {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("i is on a char boundary");
        if let Some(f) = folded(c) {
            emit(&s[run..i]);
            emit(f);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    emit(&s[run..]);
}

/// Collapse spaces, trim each line, drop empty lines.
pub fn tidy_lines(s: &str) -> String {
    let mut tidy = Tidy::with_capacity(s.len());
    tidy.push_str(s);
    tidy.finish()
}

/// [`tidy_lines`] fed a piece at a time. It works on bytes: a space or line break is one
/// byte in UTF-8 and never part of another character, so the text stays valid UTF-8.
struct Tidy {
    out: Vec<u8>,
    /// Where the current line starts in `out`.
    line_start: usize,
    last_space: bool,
}

impl Tidy {
    fn with_capacity(n: usize) -> Self {
        Tidy { out: Vec::with_capacity(n), line_start: 0, last_space: true }
    }

    fn push_str(&mut self, s: &str) {
        for &b in s.as_bytes() {
            match b {
                b'\n' => self.end_line(),
                b' ' => {
                    if !self.last_space {
                        self.out.push(b' ');
                        self.last_space = true;
                    }
                }
                b => {
                    self.out.push(b);
                    self.last_space = false;
                }
            }
        }
    }

    fn end_line(&mut self) {
        if self.out.len() > self.line_start {
            if self.out.last() == Some(&b' ') {
                self.out.pop();
            }
            if self.out.len() > self.line_start {
                self.out.push(b'\n');
            }
        }
        self.line_start = self.out.len();
        self.last_space = true;
    }

    /// The last line ends like any other, but without a line break: pushing one to pop it
    /// again would outgrow the buffer sized for the text.
    fn finish(mut self) -> String {
        if self.out.len() > self.line_start && self.out.last() == Some(&b' ') {
            self.out.pop();
        }
        if self.out.len() == self.line_start && self.out.last() == Some(&b'\n') {
            self.out.pop();
        }
        String::from_utf8(self.out).expect("only whole characters and ASCII spaces were written")
    }
}

const BLOCK_TAGS: &[&str] = &["p", "br", "li", "tr", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "td", "th"];

/// Remove tags and decode entities. Not an HTML parser: cells hold fragments, often broken
/// (an unclosed `<li data-bbox=…>`), so every `<…>` that looks like a tag is dropped.
pub fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    // Text between the '<' and '&' that may open markup is copied whole.
    while let Some(found) = s.as_bytes()[i..].iter().position(|&b| b == b'<' || b == b'&') {
        let at = i + found;
        out.push_str(&s[i..at]);
        let markup_end = if s.as_bytes()[at] == b'<' {
            tag_at(s, at).map(|(name, end)| {
                if BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                    out.push('\n');
                }
                end
            })
        } else {
            entity_at(s, at).map(|(decoded, end)| {
                out.push_str(&decoded);
                end
            })
        };
        i = markup_end.unwrap_or_else(|| {
            out.push(char::from(s.as_bytes()[at]));
            at + 1
        });
    }
    out.push_str(&s[i..]);
    out
}

/// If a tag starts at `start`, its name and the index just past it.
fn tag_at(s: &str, start: usize) -> Option<(&str, usize)> {
    let rest = &s[start + 1..];
    let rest_trim = rest.strip_prefix('/').unwrap_or(rest);
    let name = &rest_trim[..rest_trim.bytes().take_while(u8::is_ascii_alphanumeric).count()];
    if name.is_empty() || !rest_trim.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let after_name = &rest_trim[name.len()..];
    let next = after_name.chars().next()?;
    if !(next == '>' || next == '/' || next.is_whitespace()) {
        return None;
    }
    // Attributes may hold '>' inside quotes; broken fragments may lack the closing '>'.
    let mut in_quote: Option<char> = None;
    let base = start + 1 + (rest.len() - after_name.len());
    for (off, ch) in after_name.char_indices() {
        match (in_quote, ch) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, '"') | (None, '\'') => in_quote = Some(ch),
            (None, '>') => return Some((name, base + off + 1)),
            (None, '<') => return Some((name, base + off)),
            _ => {}
        }
    }
    Some((name, s.len()))
}

fn entity_at(s: &str, start: usize) -> Option<(String, usize)> {
    let rest = &s[start + 1..];
    let semi = rest.find(';')?;
    if semi == 0 || semi > 10 {
        return None;
    }
    let body = &rest[..semi];
    let end = start + 1 + semi + 1;
    if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return Some((char::from_u32(code).unwrap_or('\u{FFFD}').to_string(), end));
    }
    let decoded = match body {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "lsquo" | "rsquo" => "'",
        "ldquo" | "rdquo" => "\"",
        "hellip" => "\u{2026}",
        "bull" => "\u{2022}",
        "pound" => "£",
        "euro" => "€",
        "copy" => "©",
        "shy" => "",
        _ => return None,
    };
    Some((decoded.to_string(), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quirk14_markup_paragraphs_and_entities() {
        let raw = "<p>A complaint must be defined as:</p> <p><i>‘an expression &amp; more’</i></p>";
        assert_eq!(clean_text(raw), "A complaint must be defined as:\n'an expression & more'");
    }

    #[test]
    fn quirk14_lists_become_lines_even_with_broken_attributes() {
        let raw = r#"must receive: <ul style="list-style-type: none"> <li data-bbox="398 1050 913 1193">a. regular updates; <li data-bbox="1 2 3 4">b. reviews"#;
        assert_eq!(clean_text(raw), "must receive:\na. regular updates;\nb. reviews");
    }

    #[test]
    fn quirk23_typography_folded() {
        let raw = "e\u{FB03}cient \u{FB01}le self\u{00AD}assessment\u{00A0}form “quoted”";
        assert_eq!(clean_text(raw), "efficient file selfassessment form \"quoted\"");
    }

    #[test]
    fn bullets_start_lines() {
        assert_eq!(clean_text("include: • one • two"), "include:\n• one\n• two");
    }

    #[test]
    fn text_that_only_looks_like_markup_is_kept() {
        assert_eq!(clean_text("a < b and c > d & e"), "a < b and c > d & e");
        assert_eq!(clean_text("2 <3 stages"), "2 <3 stages");
    }

    #[test]
    fn one_pass_equals_the_three_steps() {
        let texts = [
            "",
            " ",
            "\n\n",
            "  a   b \n\n  c  ",
            "a\tb\r\nc \u{00A0} d\u{000B}e\u{0007}f",
            "x • y ▪ z\u{F0B7}",
            "• lead",
            "end •",
            "<p>one</p> <p>two &amp; three</p>\n <li>four",
            "e\u{FB03}cient \u{FB01}le self\u{00AD}assessment “q” ‘s’",
            " \n \u{2003}\n x\u{3000}\u{3000}y \n",
        ];
        for t in texts {
            let markup_free = if t.contains('<') || t.contains('&') { strip_markup(t) } else { t.to_string() };
            assert_eq!(clean_text(t), tidy_lines(&fold_typography(&markup_free)), "{t:?}");
        }
    }

    #[test]
    fn whitespace_collapsed_and_empty_lines_dropped() {
        assert_eq!(clean_text("  a   b \n\n  c  "), "a b\nc");
        assert_eq!(clean_text(""), "");
    }
}
