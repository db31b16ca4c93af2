//! The workspace's fixed patterns, compiled once per process.

use regex::Regex;
use std::sync::OnceLock;

/// The regex `pattern`, compiled into `cell` on first use.
///
/// Word boundaries (`\b`) are made ASCII: a Unicode `\b` sends the regex crate from its DFA to
/// a backtracker on any cell holding a non-ASCII character (a curly quote is enough), which
/// was most of the time spent in these patterns. Their words and numbers are ASCII, so the
/// only matches this could change are ones glued to a non-ASCII letter.
pub fn cached(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| compile(pattern))
}

/// One of the workspace's fixed patterns, compiled as [`cached`] compiles it: for patterns
/// built at run time, which must read word boundaries the same way as the fixed ones they
/// are derived from.
pub fn compile(pattern: &str) -> Regex {
    Regex::new(&ascii_word_boundaries(pattern)).expect("static regex")
}

/// [`compile`], with the lazy DFA's cache of transitions held to `bytes` per thread (the
/// regex crate's default is 2 MiB, and a long pattern asked of only a page's few lines fills
/// it for little gain).
pub fn compile_small(pattern: &str, bytes: usize) -> Regex {
    regex::RegexBuilder::new(&ascii_word_boundaries(pattern)).dfa_size_limit(bytes).build().expect("static regex")
}

/// `pattern` with its word boundaries made ASCII ([`cached`] says why).
fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_still_bound_words() {
        static BY_YEAR: OnceLock<Regex> = OnceLock::new();
        let r = cached(&BY_YEAR, r"(?i)\bby\s+(20\d\d)\b");
        assert_eq!(&r.captures("We’ll finish by 2025.").unwrap()[1], "2025");
        assert!(r.captures("standby 2025").is_none());
        assert!(r.captures("by 20256").is_none());
    }
}
