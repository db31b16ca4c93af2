//! Properties of table reconstruction (issue 9): a form rendered as tab-separated text comes
//! back cell for cell; a row split over a page break (repeated header, continuation line with
//! an empty first cell) comes back merged; no input string panics the text pipeline.

use chc_code::Registry;
use chc_model::{Overrides, RawRecord, TableDocument};
use chc_parse::{parse, Limits};
use proptest::prelude::*;

const HEADER: &str = "Code provision\tCode requirement\tComply: Yes/No\tEvidence\tCommentary/explanation";

/// Plain words that mean nothing to the reconstruction (no numbers, no comply words, no
/// header or heading vocabulary).
const WORDS: &[&str] = &[
    "landlord", "resident", "policy", "record", "review", "staff", "service", "response", "timescale",
    "remedy", "board", "member", "training", "report", "website", "publish", "contact", "written",
    "officer", "learning", "monitor", "repairs", "letter", "agreed", "offered", "tenant", "housing",
    "clearly", "quarterly", "annual", "team", "manager",
];

fn text(min: usize, max: usize) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(WORDS), min..=max)
}

#[derive(Debug, Clone)]
struct Row {
    number: String,
    requirement: Vec<&'static str>,
    comply: &'static str,
    evidence: Vec<&'static str>,
    commentary: Vec<&'static str>,
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec((1u32..=9, 1u32..=19, text(3, 14), prop::sample::select(&["Yes", "No"][..]), text(2, 12), text(0, 8)), 2..12)
        .prop_map(|raw| {
            let mut rows: Vec<Row> = raw
                .into_iter()
                .map(|(s, p, requirement, comply, evidence, commentary)| Row {
                    number: format!("{s}.{p}"),
                    requirement,
                    comply,
                    evidence,
                    commentary,
                })
                .collect();
            rows.sort_by_key(|r| {
                let (a, b) = r.number.split_once('.').unwrap();
                (a.parse::<u32>().unwrap(), b.parse::<u32>().unwrap())
            });
            rows.dedup_by(|a, b| a.number == b.number);
            rows
        })
        // A tab-separated table needs three tabbed lines (header and two rows) to be one.
        .prop_filter("at least two rows", |rows| rows.len() >= 2)
}

fn reconstruct(text: &str) -> TableDocument {
    let parsed = parse("props.txt", text.as_bytes(), &Limits::default()).expect("parses");
    chc_table::reconstruct(&parsed, Registry::embedded()).expect("a form")
}

fn cells(r: &RawRecord) -> (Option<&str>, &str, &str, &str, &str) {
    (r.number.as_deref(), r.requirement.as_str(), r.comply_raw.as_str(), r.evidence.as_str(), r.commentary.as_str())
}

fn render(rows: &[Row]) -> String {
    let mut s = String::from("Example Homes complaint handling self-assessment\n\n");
    s.push_str(HEADER);
    s.push('\n');
    for r in rows {
        s.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", r.number, r.requirement.join(" "), r.comply, r.evidence.join(" "), r.commentary.join(" ")));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn tabbed_form_round_trips(rows in rows()) {
        let table = reconstruct(&render(&rows));
        let got: Vec<_> = table.records.iter().map(cells).collect();
        let want: Vec<_> = rows
            .iter()
            .map(|r| (Some(r.number.clone()), r.requirement.join(" "), r.comply.to_string(), r.evidence.join(" "), r.commentary.join(" ")))
            .collect();
        let want: Vec<_> = want.iter().map(|(n, a, b, c, d)| (n.as_deref(), a.as_str(), b.as_str(), c.as_str(), d.as_str())).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn row_split_by_a_page_break_is_merged(rows in rows(), which in any::<prop::sample::Index>(), cut_req in any::<prop::sample::Index>(), cut_ev in any::<prop::sample::Index>()) {
        let i = which.index(rows.len());
        let r = &rows[i];
        // Split the requirement and the evidence between words, both halves non-empty.
        let k = 1 + cut_req.index(r.requirement.len() - 1);
        let j = 1 + cut_ev.index(r.evidence.len() - 1);
        let mut s = render(&rows[..i]);
        if i == 0 {
            s = render(&[]);
        }
        s.push_str(&format!("{}\t{}\t{}\t{}\t\n", r.number, r.requirement[..k].join(" "), r.comply, r.evidence[..j].join(" ")));
        s.push('\n');
        s.push_str(HEADER);
        s.push('\n');
        s.push_str(&format!("\t{}\t\t{}\t{}\n", r.requirement[k..].join(" "), r.evidence[j..].join(" "), r.commentary.join(" ")));
        for r in &rows[i + 1..] {
            s.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", r.number, r.requirement.join(" "), r.comply, r.evidence.join(" "), r.commentary.join(" ")));
        }
        let table = reconstruct(&s);
        prop_assert_eq!(table.records.len(), rows.len(), "{}", s);
        let got = cells(&table.records[i]);
        let (req, ev, com) = (r.requirement.join(" "), r.evidence.join(" "), r.commentary.join(" "));
        prop_assert_eq!(got, (Some(r.number.as_str()), req.as_str(), r.comply, ev.as_str(), com.as_str()), "{}", s);
    }

    #[test]
    fn no_string_panics_the_text_pipeline(s in any::<String>()) {
        run_pipeline(s.as_bytes());
    }

    #[test]
    fn no_form_like_string_panics_the_text_pipeline(
        parts in prop::collection::vec(prop::sample::select(&[
            "\t", "\n", "\r\n", " ", "|", "1.2", "3.", "10.14", "Code provision", "Code requirement", "Comply: Yes/No",
            "Evidence", "Commentary", "Yes", "No", "Partial", "Section 1:", "Page 2 of 3", "•", "a.", "✓", "Stage 1",
            "Mandatory 'must'", "complaint", "landlord", "Evidence, commentary and any explanations", "RAG", "Green",
            "A complaint must be defined as", "Landlords must", "\u{feff}", "…", "&amp;", "<p>", "</p>", "\u{a0}",
        ][..]), 0..200)
    ) {
        run_pipeline(parts.concat().as_bytes());
    }
}

fn run_pipeline(bytes: &[u8]) {
    let registry = Registry::embedded();
    if let Ok(parsed) = parse("fuzz.txt", bytes, &Limits::default()) {
        if let Ok(table) = chc_table::reconstruct(&parsed, registry) {
            let _ = chc_match::match_document(table, registry, &Overrides::default());
        }
    }
}
