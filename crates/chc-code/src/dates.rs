//! Dates as landlords write them: "April 2024", "(March 2024)", "Sept 2025", "03/06/2025".

use crate::regexes::cached as re;
use regex::Regex;
use std::sync::OnceLock;

const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// First "Month YYYY" (or "Mon YYYY") in `text`, as "YYYY-MM".
pub fn month_year(text: &str) -> Option<String> {
    month_years(text).next().map(|(_, d)| d)
}

/// Every "Month YYYY" in `text`: where it starts, and the date as "YYYY-MM".
fn month_years(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(20\d\d)\b");
    r.captures_iter(text).filter_map(|c| {
        let m = c[1].to_lowercase();
        let month = MONTHS.iter().position(|name| name.starts_with(&m[..3]))? + 1;
        Some((c.get(0)?.start(), format!("{}-{:02}", &c[2], month)))
    })
}

/// Numeric dates: "03/06/2025", "2025-06-03".
pub fn numeric_date(text: &str) -> Option<String> {
    let iso = iso_dates(text).next();
    iso.or_else(|| day_month_years(text).next()).map(|(_, d)| d)
}

fn iso_dates(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    static ISO: OnceLock<Regex> = OnceLock::new();
    re(&ISO, r"\b(20\d\d)-(\d{2})-\d{2}\b").captures_iter(text).filter_map(|c| Some((c.get(0)?.start(), format!("{}-{}", &c[1], &c[2]))))
}

/// The same separator twice: "03/06/2025", "09-09-2024", "25.06.2024".
fn day_month_years(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    static DMY: OnceLock<Regex> = OnceLock::new();
    re(&DMY, r"\b\d{1,2}(?:/(\d{1,2})/|-(\d{1,2})-|\.(\d{1,2})\.)(20\d\d)\b").captures_iter(text).filter_map(|c| {
        let month: u32 = c.get(1).or(c.get(2)).or(c.get(3))?.as_str().parse().ok()?;
        let start = c.get(0)?.start();
        (1..=12).contains(&month).then(|| (start, format!("{}-{:02}", &c[4], month)))
    })
}

/// Every date in `text`, written in words or in figures, in the order they appear: where
/// each starts, and the date as "YYYY-MM". A line may date two things ("The Code was
/// published in July 2020; we assessed ourselves in March 2022"), so callers choose.
pub fn dates_in(text: &str) -> Vec<(usize, String)> {
    let mut all: Vec<(usize, String)> = month_years(text).chain(iso_dates(text)).chain(day_month_years(text)).collect();
    all.sort();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quirk3_dates_in_free_text() {
        assert_eq!(month_year("Stevenage Borough Council Self-assessment form – April 2024"), Some("2024-04".into()));
        assert_eq!(month_year("Appendix A: Self-assessment form (March 2024)"), Some("2024-03".into()));
        assert_eq!(month_year("Last updated December 2023"), Some("2023-12".into()));
        assert_eq!(month_year("Draft Self-assessment form (June 2024)"), Some("2024-06".into()));
        assert_eq!(month_year("Last updated: Sept 2025"), Some("2025-09".into()));
        assert_eq!(month_year("in May we met"), None);
        assert_eq!(numeric_date("Page last updated: 03/06/2025"), Some("2025-06".into()));
        assert_eq!(numeric_date("Page reviewed: 09-09-2024."), Some("2024-09".into()));
        assert_eq!(numeric_date("Last updated 25.06.2024"), Some("2024-06".into()));
        assert_eq!(numeric_date("2.1.9 of the policy, 3/2024"), None);
    }

    #[test]
    fn every_date_of_a_line_in_order() {
        let line = "The Code came into force on 1 April 2024; this page was reviewed 09/10/2025 and again in Jan 2026.";
        let found: Vec<String> = dates_in(line).into_iter().map(|(_, d)| d).collect();
        assert_eq!(found, ["2024-04", "2025-10", "2026-01"]);
        assert!(dates_in(line)[0].0 < line.find("2024").unwrap());
        assert!(dates_in("no dates, 2023-24, 3/2024").is_empty());
    }
}
