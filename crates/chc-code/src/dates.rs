//! Dates as landlords write them: "April 2024", "(March 2024)", "Sept 2025", "03/06/2025".

use crate::regexes::cached as re;
use regex::Regex;
use std::sync::OnceLock;

const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// First "Month YYYY" (or "Mon YYYY") in `text`, as "YYYY-MM".
pub fn month_year(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(20\d\d)\b");
    let c = r.captures(text)?;
    let m = c[1].to_lowercase();
    let month = MONTHS.iter().position(|name| name.starts_with(&m[..3]))? + 1;
    Some(format!("{}-{:02}", &c[2], month))
}

/// Numeric dates: "03/06/2025", "2025-06-03".
pub fn numeric_date(text: &str) -> Option<String> {
    static DMY: OnceLock<Regex> = OnceLock::new();
    static ISO: OnceLock<Regex> = OnceLock::new();
    if let Some(c) = re(&ISO, r"\b(20\d\d)-(\d{2})-\d{2}\b").captures(text) {
        return Some(format!("{}-{}", &c[1], &c[2]));
    }
    // The same separator twice: "03/06/2025", "09-09-2024", "25.06.2024".
    let c = re(&DMY, r"\b\d{1,2}(?:/(\d{1,2})/|-(\d{1,2})-|\.(\d{1,2})\.)(20\d\d)\b").captures(text)?;
    let month: u32 = c.get(1).or(c.get(2)).or(c.get(3))?.as_str().parse().ok()?;
    (1..=12).contains(&month).then(|| format!("{}-{:02}", &c[4], month))
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
}
