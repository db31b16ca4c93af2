//! A zero-copy content-stream tokenizer: operators with their operands, one at a time.
//!
//! lopdf's `Content::decode` builds an owned `Object` tree for the whole stream first and
//! was a third of PDF parse time; page content is mostly numbers and short strings, so this
//! reads them in place and reuses one operand vector. Damaged content never stops it: a byte
//! that cannot start a token is skipped.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    Number(f64),
    /// Without the leading `/`; `#xx` escapes decoded.
    Name(Cow<'a, [u8]>),
    /// Literal or hex string, escapes decoded.
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    Dict(Vec<(Cow<'a, [u8]>, Operand<'a>)>),
    Bool(bool),
    Null,
}

impl Operand<'_> {
    pub fn number(&self) -> f64 {
        match self {
            Operand::Number(n) => *n,
            _ => 0.0,
        }
    }
}

/// Arrays and dictionaries nested deeper than this are skipped unless the caller sets its own
/// limit: recursion stays bounded whatever the input.
const MAX_DEPTH: usize = 64;
/// Operands piling up without an operator: the stream is garbage; drop them.
const MAX_OPERANDS: usize = 4096;

pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_operands: usize,
    max_depth: usize,
    /// Set once nesting went past `max_depth` (the rest was skipped).
    pub too_deep: bool,
}

pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

pub(crate) fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// What one token was.
enum Token<'a> {
    Operand(Operand<'a>),
    Keyword(&'a [u8]),
    ArrayEnd,
    DictEnd,
    /// Nothing usable here (a stray delimiter, nesting too deep).
    Skip,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0, max_operands: MAX_OPERANDS, max_depth: MAX_DEPTH, too_deep: false }
    }

    /// Flag (and skip) arrays and dictionaries nested deeper than `max_depth`.
    pub fn with_depth_limit(data: &'a [u8], max_depth: usize) -> Self {
        Lexer { max_depth, ..Lexer::new(data) }
    }

    /// For CMaps, whose `bfchar` blocks are long operand lists (still bounded: a hostile
    /// CMap cannot grow one without limit).
    pub fn with_operand_cap(data: &'a [u8], max_operands: usize) -> Self {
        Lexer { max_operands, ..Lexer::new(data) }
    }

    /// The next operator, with its operands in `operands` (cleared first). `None` at the end.
    pub fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            match self.token(0)? {
                Token::Operand(o) => {
                    if operands.len() >= self.max_operands {
                        operands.clear();
                    }
                    operands.push(o);
                }
                Token::Keyword(b"BI") => {
                    self.skip_inline_image();
                    return Some(b"BI");
                }
                Token::Keyword(k) => return Some(k),
                Token::ArrayEnd | Token::DictEnd | Token::Skip => {}
            }
        }
    }

    fn skip_white_and_comments(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self, depth: usize) -> Option<Token<'a>> {
        self.skip_white_and_comments();
        let &b = self.data.get(self.pos)?;
        Some(match b {
            b'/' => {
                self.pos += 1;
                Token::Operand(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.literal_string()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => self.open(2, depth, Self::dict),
            b'<' => {
                self.pos += 1;
                Token::Operand(Operand::Str(Cow::Owned(self.hex_string())))
            }
            b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Token::DictEnd
            }
            b'[' => self.open(1, depth, Self::array),
            b']' => {
                self.pos += 1;
                Token::ArrayEnd
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => match self.number() {
                Some(n) => Token::Operand(Operand::Number(n)),
                None => Token::Skip,
            },
            _ if is_regular(b) => {
                let start = self.pos;
                while self.data.get(self.pos).is_some_and(|&c| is_regular(c)) {
                    self.pos += 1;
                }
                match &self.data[start..self.pos] {
                    b"true" => Token::Operand(Operand::Bool(true)),
                    b"false" => Token::Operand(Operand::Bool(false)),
                    b"null" => Token::Operand(Operand::Null),
                    k => Token::Keyword(k),
                }
            }
            _ => {
                // `)`, `>`, `{`, `}` out of place.
                self.pos += 1;
                Token::Skip
            }
        })
    }

    /// After an opening `<<` or `[` (`len` bytes): the container, or a skip when it nests too
    /// deep.
    fn open(&mut self, len: usize, depth: usize, read: fn(&mut Self, usize) -> Operand<'a>) -> Token<'a> {
        self.pos += len;
        if depth >= self.max_depth {
            self.too_deep = true;
            return Token::Skip;
        }
        Token::Operand(read(self, depth + 1))
    }

    fn number(&mut self) -> Option<f64> {
        if let Some(v) = self.plain_number() {
            return Some(v);
        }
        let start = self.pos;
        let mut end = self.pos;
        while self.data.get(end).is_some_and(|&c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.')) {
            end += 1;
        }
        self.pos = end.max(start + 1);
        let text = std::str::from_utf8(&self.data[start..end]).ok()?;
        if let Ok(v) = text.parse::<f64>() {
            return v.is_finite().then_some(v);
        }
        // Writers emit things like `--5` or `5.-`: read the longest prefix that is a number,
        // as viewers do.
        let sign = if text.starts_with('-') { -1.0 } else { 1.0 };
        let body = text.trim_start_matches(['+', '-']);
        let digits: String = body.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let digits = match digits.find('.') {
            Some(i) => format!("{}.{}", &digits[..i], digits[i + 1..].replace('.', "")),
            None => digits,
        };
        let v: f64 = if digits == "." || digits.is_empty() { 0.0 } else { digits.parse().ok()? };
        Some(sign * v)
    }

    /// The common case, `-12.375`, without going through `str::parse`: content streams are
    /// mostly numbers. `None` leaves the position alone for the general reader.
    fn plain_number(&mut self) -> Option<f64> {
        const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
        let d = self.data;
        let mut i = self.pos;
        let negative = d[i] == b'-';
        if matches!(d[i], b'-' | b'+') {
            i += 1;
        }
        let (mut int, mut int_digits) = (0u64, 0usize);
        while let Some(&c) = d.get(i).filter(|c| c.is_ascii_digit()) {
            int = int * 10 + (c - b'0') as u64;
            int_digits += 1;
            i += 1;
        }
        let (mut frac, mut frac_digits) = (0u64, 0usize);
        if d.get(i) == Some(&b'.') {
            i += 1;
            while let Some(&c) = d.get(i).filter(|c| c.is_ascii_digit()) {
                frac = frac * 10 + (c - b'0') as u64;
                frac_digits += 1;
                i += 1;
            }
        }
        let well_formed = int_digits + frac_digits > 0 && !d.get(i).is_some_and(|c| matches!(c, b'+' | b'-' | b'.'));
        if !well_formed || int_digits > 15 || frac_digits > 15 {
            return None;
        }
        self.pos = i;
        let v = int as f64 + frac as f64 / POW10[frac_digits];
        Some(if negative { -v } else { v })
    }

    fn name(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&c| is_regular(c)) {
            self.pos += 1;
        }
        let raw = &self.data[start..self.pos];
        if !raw.contains(&b'#') {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' {
                if let (Some(h), Some(l)) = (raw.get(i + 1).and_then(|&c| hex_val(c)), raw.get(i + 2).and_then(|&c| hex_val(c))) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
            }
            out.push(raw[i]);
            i += 1;
        }
        Cow::Owned(out)
    }

    /// After the opening `(`.
    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        // Fast path: no escapes, balanced parentheses.
        let mut depth = 0usize;
        let mut i = self.pos;
        while let Some(&c) = self.data.get(i) {
            match c {
                b'\\' => break,
                b'(' => depth += 1,
                b')' if depth == 0 => {
                    self.pos = i + 1;
                    return Cow::Borrowed(&self.data[start..i]);
                }
                b')' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(c);
                }
                b'\\' => self.escape(&mut out),
                _ => out.push(c),
            }
        }
        Cow::Owned(out)
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(&c) = self.data.get(self.pos) else { return };
        self.pos += 1;
        match c {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match self.data.get(self.pos) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            // A backslash at a line end continues the string on the next line.
            b'\r' => {
                if self.data.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }

    /// After the opening `<`.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        loop {
            match self.token(depth) {
                None | Some(Token::ArrayEnd) => break,
                Some(Token::Operand(o)) => items.push(o),
                // Keywords do not belong in arrays: keep the rest of the array.
                Some(Token::Keyword(_)) | Some(Token::DictEnd) | Some(Token::Skip) => {}
            }
            if items.len() > MAX_OPERANDS {
                break;
            }
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand<'a> {
        let mut entries = Vec::new();
        let mut key: Option<Cow<'a, [u8]>> = None;
        loop {
            match self.token(depth) {
                None | Some(Token::DictEnd) => break,
                Some(Token::Operand(Operand::Name(n))) if key.is_none() => key = Some(n),
                Some(Token::Operand(o)) => {
                    if let Some(k) = key.take() {
                        entries.push((k, o));
                    }
                }
                Some(_) => {}
            }
            if entries.len() > MAX_OPERANDS {
                break;
            }
        }
        Operand::Dict(entries)
    }

    /// After `BI`: skip the image's dictionary and data up to `EI`.
    fn skip_inline_image(&mut self) {
        // The dictionary is key/value pairs up to the `ID` keyword.
        loop {
            match self.token(1) {
                None => return,
                Some(Token::Keyword(b"ID")) => break,
                Some(_) => {}
            }
        }
        // One white-space byte follows ID, then binary data, ended by `EI` between white space.
        self.pos += 1;
        while self.pos + 1 < self.data.len() {
            let d = self.data;
            if d[self.pos] == b'E'
                && d[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(d[self.pos - 1])
                && d.get(self.pos + 2).is_none_or(|&c| is_white(c) || is_delim(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(data);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn reads_operators_and_operands() {
        let got = ops(b"q 1 0 0 1 72.5 -.5 cm BT /F1 12 Tf (Hi \\(x\\)) Tj [(A) -120 (B)] TJ ET Q");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "cm", "BT", "Tf", "Tj", "TJ", "ET", "Q"]);
        assert_eq!(got[1].1[5], Operand::Number(-0.5));
        assert_eq!(got[3].1[0], Operand::Name(Cow::Borrowed(b"F1")));
        assert_eq!(got[4].1[0], Operand::Str(Cow::Owned(b"Hi (x)".to_vec())));
        assert_eq!(
            got[5].1[0],
            Operand::Array(vec![
                Operand::Str(Cow::Borrowed(b"A")),
                Operand::Number(-120.0),
                Operand::Str(Cow::Borrowed(b"B"))
            ])
        );
    }

    #[test]
    fn strings_hex_escapes_and_names() {
        let got = ops(b"<00410 042> Tj (a\\101\\\nb\\n) Tj (nested (ok)) Tj /A#20B BMC");
        assert_eq!(got[0].1[0], Operand::Str(Cow::Owned(vec![0x00, 0x41, 0x00, 0x42])));
        assert_eq!(got[1].1[0], Operand::Str(Cow::Owned(b"aAb\n".to_vec())));
        assert_eq!(got[2].1[0], Operand::Str(Cow::Borrowed(b"nested (ok)")));
        assert_eq!(got[3].1[0], Operand::Name(Cow::Owned(b"A B".to_vec())));
    }

    #[test]
    fn marked_content_dictionaries_and_inline_images() {
        let got = ops(b"/P <</MCID 3 /Lang (en)>> BDC BI /W 2 /H 1 /CS /G ID \x00EI\xff EI Q EMC % comment\n T*");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "BI", "Q", "EMC", "T*"]);
        match &got[0].1[1] {
            Operand::Dict(d) => assert_eq!(d[0], (Cow::Borrowed(&b"MCID"[..]), Operand::Number(3.0))),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_flagged_and_skipped() {
        let deep = format!("{}1{} TJ (x) Tj", "[".repeat(5000), "]".repeat(5000));
        let mut lx = Lexer::with_depth_limit(deep.as_bytes(), 100);
        let mut operands = Vec::new();
        let mut ops = Vec::new();
        while let Some(op) = lx.next_op(&mut operands) {
            ops.push(op.to_vec());
        }
        assert!(lx.too_deep);
        assert_eq!(ops.last().map(|o| o.as_slice()), Some(&b"Tj"[..]));
        let mut ok = Lexer::with_depth_limit(b"[[[1]]] TJ", 100);
        while ok.next_op(&mut operands).is_some() {}
        assert!(!ok.too_deep);
    }

    #[test]
    fn odd_numbers_and_garbage_do_not_stop_it() {
        let got = ops(b"--5 5.- 1.2.3 m ) } 4 l");
        assert_eq!(got[0].0, "m");
        assert_eq!(got[0].1, vec![Operand::Number(-5.0), Operand::Number(5.0), Operand::Number(1.23)]);
        assert_eq!(got[1].0, "l");
        // Unterminated things end at the end of the data.
        assert_eq!(ops(b"(abc").len(), 0);
        assert_eq!(ops(b"[1 2 <41").len(), 0);
    }

    proptest::proptest! {
        /// Any bytes: the lexer ends, never panics, and every step moves forward.
        #[test]
        fn any_bytes_lex_to_the_end(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
            let mut lx = Lexer::new(&data);
            let mut operands = Vec::new();
            let mut steps = 0;
            while lx.next_op(&mut operands).is_some() {
                steps += 1;
                proptest::prop_assert!(steps <= data.len());
            }
        }

        /// Content-like text built from PDF's own tokens, in any order.
        #[test]
        fn token_soup_lexes(parts in proptest::collection::vec(proptest::sample::select(vec![
            "(", ")", "<", ">", "<<", ">>", "[", "]", "/N", "1", "-.5", "Tj", "TJ", "BI", "ID", "EI", "\\", "%c\n", " ", "\n", "<4", "#",
        ]), 0..300)) {
            let data = parts.concat();
            let mut lx = Lexer::new(data.as_bytes());
            let mut operands = Vec::new();
            while lx.next_op(&mut operands).is_some() {}
            let _ = crate::pdf::fonts::parse_to_unicode(data.as_bytes());
        }
    }
}
