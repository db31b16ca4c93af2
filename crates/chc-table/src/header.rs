//! Recognising the form's header row and what each column holds, whatever the wording:
//! "Code provision" / "Code provisio" / "Code section" / "Ref", "Comply: Yes / No" /
//! "Compliant?", "Evidence, commentary and any explanations" …

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use chc_model::ColumnRole;
use std::sync::OnceLock;

/// The words that give a cell a role, looked for together in one pass: a header test runs
/// on every short cell of a text document, and twenty `contains` calls each built their own
/// searcher.
const ROLE_WORDS: [&str; 23] = [
    "rag", "evidence", "comment", "explanation", "how we", "comply", "complian", "complies", "yes/no", "yes / no", "provisio", "code section", "code ref",
    "requirement", "code wording", "the code says", "code requires", "question", "notes", "action", "remarks", "next step", "will do",
];

/// Which of [`ROLE_WORDS`] occur in `text`, as a bit per word.
fn role_words_in(text: &str) -> u32 {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    // A DFA: the fastest search, and over twenty short words still small to build.
    let words = WORDS.get_or_init(|| AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(ROLE_WORDS).expect("fixed words"));
    // Most cells hold none of the words, which the automaton's prefilter tells fastest.
    if !words.is_match(text) {
        return 0;
    }
    words.find_overlapping_iter(text).fold(0, |found, m| found | 1 << m.pattern().as_usize())
}

const fn word_bit(word: &str) -> u32 {
    let mut i = 0;
    while i < ROLE_WORDS.len() {
        if ROLE_WORDS[i].eq_ignore_ascii_case(word) {
            return 1 << i;
        }
        i += 1;
    }
    panic!("not in ROLE_WORDS")
}

/// Role of one header cell, from its words.
pub fn column_role(cell: &str) -> ColumnRole {
    // Lower-casing shrinks a text at most threefold (e.g. the Kelvin sign, 3 bytes, to `k`):
    // beyond that it cannot come under the 80-byte limit below, so it is not lower-cased.
    if cell.trim().len() > 3 * 80 {
        return ColumnRole::Other;
    }
    let t = cell.to_lowercase();
    let t = t.trim();
    if t.is_empty() || t.len() > 80 {
        return ColumnRole::Other;
    }
    let found = role_words_in(t);
    // Each word's bit is found at compile time; a word missing from ROLE_WORDS fails the build.
    macro_rules! has {
        ($word:literal) => {
            found & const { word_bit($word) } != 0
        };
    }
    if has!("rag") && t.split(|c: char| !c.is_alphanumeric()).any(|w| w == "rag") {
        return ColumnRole::Rag;
    }
    if has!("evidence") && (has!("comment") || has!("explanation")) {
        return ColumnRole::EvidenceCommentary;
    }
    if has!("how we") {
        return ColumnRole::Evidence;
    }
    // "Answer", "Our response": the comply column of forms that answer questions (2020).
    let answers = matches!(t, "answer" | "answers" | "response" | "our answer" | "our response" | "status");
    // "Met?", "Achieved?", "In place?": the answer word the column asks about.
    let asks_an_answer = t.len() <= 20 && t.ends_with('?') && chc_code::answers::parse_comply(t.trim_end_matches('?')) == Some(chc_model::Comply::Yes);
    // "How far do we meet it?", "Do we do this?", "Our position": the landlord asking itself.
    // (The question ends the label: "Are we meeting this? Fully met" is a label and its value.)
    let asks_itself = t.len() <= 30 && {
        let question = t.trim_end_matches(['?', ':', ' ']);
        ["do we meet it", "do we meet this", "do we do this", "are we meeting this", "are we meeting it", "meets the code", "meet the code", "meeting the code"].iter().any(|q| question.ends_with(q)) || question == "our position"
    };
    // "Code requirement and compliance": the requirement's column, its answer printed inside
    // the cell ("… Compliance: Yes"); a column named for compliance first is the answer's.
    let names_compliance = has!("comply") || has!("complian") || has!("complies");
    if names_compliance && (has!("requirement") || has!("question") || has!("code wording")) && names_the_requirement_before_compliance(t) {
        return ColumnRole::Requirement;
    }
    // "Y/N", "Met (Y / N)": the answers' initials, in a short cell.
    let initials = t.len() <= 24 && t.contains('/') && t.replace(' ', "").split(|c: char| !c.is_alphanumeric() && c != '/').any(|w| w == "y/n");
    if names_compliance || has!("yes/no") || has!("yes / no") || t == "met" || asks_an_answer || asks_itself || answers || initials {
        return ColumnRole::Comply;
    }
    // "Question number", "Question No.", "Provision ref": what numbers the row, whatever it
    // numbers ("… No" without its full stop is an answer: "Ombudsman Service? No").
    let numbers_rows = [" number", " no.", " ref", " ref."].iter().any(|e| t.ends_with(e)) && t.split_whitespace().count() <= 3 && !t.contains('?');
    if has!("provisio") || has!("code section") || has!("code ref") || t == "ref" || t == "ref." || t == "reference" || t == "no." || t == "no" || t == "clause" || t == "paragraph" || t == "number" || t == "section" || numbers_rows {
        return ColumnRole::Provision;
    }
    if has!("requirement") || has!("code wording") || has!("the code says") || has!("code requires") || has!("question") || t == "code" || t == "provision text" || t == "code text" || t == "text of the code" {
        return ColumnRole::Requirement;
    }
    // "Our assessment": the answer and what shows it, in one column (read as evidence opening
    // with its answer).
    if has!("evidence") || matches!(t, "our assessment" | "our self-assessment") {
        return ColumnRole::Evidence;
    }
    // "What we will do next", "Next steps": what the landlord plans, as commentary says.
    if has!("comment") || has!("explanation") || has!("notes") || has!("action") || has!("remarks") || has!("next step") || has!("will do") {
        return ColumnRole::Commentary;
    }
    // A word a narrow column broke in two ("Compli ance", "Evi dence"): read whole. (Once:
    // the joined cell has no space left to join.) A break leaves two letters or more on
    // each line, as hyphenation does.
    if t.len() <= 24 && (2..=3).contains(&t.split_whitespace().count()) && t.split_whitespace().all(|w| w.chars().count() >= 2) {
        let joined: String = t.split_whitespace().collect();
        return column_role(&joined);
    }
    ColumnRole::Other
}

/// Whether a header cell names the requirement and then compliance ("Code requirement and
/// compliance", "Question and our compliance"): the requirement is what the column holds.
fn names_the_requirement_before_compliance(cell: &str) -> bool {
    let requirement = ["requirement", "question", "code wording"].iter().filter_map(|w| cell.find(w)).min();
    let compliance = ["comply", "complian", "complies"].iter().filter_map(|w| cell.find(w)).min();
    matches!((requirement, compliance), (Some(r), Some(c)) if r < c)
}

/// The answer a tick column stands for, when a header cell is nothing but an answer word:
/// "Yes" / "No" / "Partial" columns, a mark under one of them being the row's answer.
pub fn tick_column_answer(cell: &str) -> Option<&str> {
    // "No." numbers the rows ("Part | No. | Question"): no answer's column.
    if cell.trim().eq_ignore_ascii_case("no.") {
        return None;
    }
    let word = cell.trim().trim_end_matches(['?', ':', '.']).trim();
    if word.is_empty() || word.chars().count() > 20 {
        return None;
    }
    chc_code::answers::parse_comply(word).is_some().then_some(word)
}

/// Columns of a header that are tick columns: a run of two or more adjacent cells that are
/// each an answer word ("Question | Yes | No | Evidence"). One answer-word cell alone is not
/// (a "No." column numbers the rows).
pub fn tick_columns<S: AsRef<str>>(cells: &[S]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let run = cells[i..].iter().take_while(|c| tick_column_answer(c.as_ref()).is_some()).count();
        if run >= 2 {
            out.extend(i..i + run);
        }
        i += run.max(1);
    }
    out
}

/// The roles of a header line, or `None` when the line is not a header.
/// A header names at least three columns, among them the comply column and the
/// provision or requirement column, and has no long cells.
pub fn classify_header<S: AsRef<str>>(cells: &[S]) -> Option<Vec<ColumnRole>> {
    let non_empty: Vec<&str> = cells.iter().map(AsRef::as_ref).filter(|c| !c.trim().is_empty()).collect();
    // Two columns head a table only as the question (or requirement) and its answer
    // ("Self-assessment question | Answer"): checked below.
    if non_empty.len() < 2 || non_empty.iter().any(|c| c.chars().count() > 80) {
        return None;
    }
    // A row's cells can read like column names ("5.6 | Response | No | …"): a header holds no
    // provision number. Most lines tested are rows that open with theirs, so the first cell
    // is looked at before any role; the others only once the roles make a header.
    let numbered = |c: &&str| crate::lines::provision_number_cell(c).is_some();
    if numbered(&non_empty[0]) {
        return None;
    }
    let mut roles: Vec<ColumnRole> = cells.iter().map(|c| column_role(c.as_ref())).collect();
    // Tick columns are the comply column, split by answer: looked for only in a line that
    // names two columns already (most lines asked are cells of rows, which name none).
    if roles.iter().filter(|r| **r != ColumnRole::Other).count() >= 2 {
        for c in tick_columns(cells) {
            roles[c] = ColumnRole::Comply;
        }
    }
    // A response column beside a column that asks for the answer ("Comply: Yes/No | Our
    // response") holds what the landlord says for it: the evidence.
    let comply_columns = roles.iter().filter(|r| **r == ColumnRole::Comply).count();
    if comply_columns >= 2 {
        let responds = |c: &str| matches!(c.trim().to_lowercase().as_str(), "response" | "our response" | "answer" | "our answer");
        let responses: Vec<usize> = (0..cells.len()).filter(|&i| roles[i] == ColumnRole::Comply && responds(cells[i].as_ref())).collect();
        if responses.len() < comply_columns {
            for i in responses {
                roles[i] = if roles.contains(&ColumnRole::Evidence) { ColumnRole::Commentary } else { ColumnRole::Evidence };
            }
        }
    }
    let known = roles.iter().filter(|r| **r != ColumnRole::Other).count();
    let has = |r: ColumnRole| roles.contains(&r);
    // A form that answers with a RAG rating alone ("Provision | Code text | RAG | Evidence")
    // has that column where others have the comply column.
    let answers = has(ColumnRole::Comply) || has(ColumnRole::Rag);
    let question_and_answer = non_empty.len() == 2 && known == 2 && has(ColumnRole::Requirement) && has(ColumnRole::Comply);
    // A table that numbers its rows and answers yes or no, but whose other columns are not
    // the form's ("Ref | Indicator | Target | Actual | Met: Yes/No | RAG", a performance
    // table in a committee pack), is no self-assessment: with no requirement column named,
    // two unnamed columns say so.
    let unnamed = cells.iter().zip(&roles).filter(|(c, r)| **r == ColumnRole::Other && !c.as_ref().trim().is_empty()).count();
    let another_table = !has(ColumnRole::Requirement) && unnamed >= 2;
    let ok = (known >= 3 || question_and_answer) && answers && (has(ColumnRole::Provision) || has(ColumnRole::Requirement)) && !another_table && !non_empty[1..].iter().any(numbered);
    // A questionnaire ("Question | Answer | Comments", numbered or not) with one free-text
    // column puts its evidence there, as a merged "Evidence, commentary" column does. A
    // provision table without its evidence column lost it (QUIRKS 28) and keeps its roles.
    let asks_questions = non_empty.iter().any(|c| c.to_ascii_lowercase().contains("question"));
    let evidence = has(ColumnRole::Evidence) || has(ColumnRole::EvidenceCommentary) || has(ColumnRole::Provision) && !asks_questions;
    let roles = if evidence { roles } else { roles.into_iter().map(|r| if r == ColumnRole::Commentary { ColumnRole::EvidenceCommentary } else { r }).collect() };
    ok.then_some(roles)
}

/// A header with no comply column ("Code ref | Requirement and our rating | Evidence |
/// Comments"): the provision or requirement column and the evidence column named, three
/// columns known, no provision number in it. Such a form answers inside another cell (at
/// the end of the requirement, at the start of the evidence); the caller only trusts it
/// when its rows do.
pub fn classify_header_without_comply<S: AsRef<str>>(cells: &[S]) -> Option<Vec<ColumnRole>> {
    let non_empty: Vec<&str> = cells.iter().map(AsRef::as_ref).filter(|c| !c.trim().is_empty()).collect();
    if non_empty.len() < 3 || non_empty.iter().any(|c| c.chars().count() > 80 || crate::lines::provision_number_cell(c).is_some()) {
        return None;
    }
    let roles: Vec<ColumnRole> = cells.iter().map(|c| column_role(c.as_ref())).collect();
    let has = |r: ColumnRole| roles.contains(&r);
    let known = roles.iter().filter(|r| **r != ColumnRole::Other).count();
    let ok = known >= 3 && !has(ColumnRole::Comply) && has(ColumnRole::Requirement) && (has(ColumnRole::Evidence) || has(ColumnRole::EvidenceCommentary));
    ok.then_some(roles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    fn cells(line: &str) -> Vec<String> {
        line.split('\t').map(str::to_string).collect()
    }

    #[test]
    fn quirk6_header_spelling_variants_and_truncation() {
        for line in [
            "Code provision\tCode requirement\tComply: Yes/No\tEvidence\tCommentary/explanation",
            "Code provision\tCode requirement\tComply: Yes / No\tEvidence\tCommentary / explanation",
            "Code provisio\tCode requirement\tComply: Yes / No\tEvidence\tCommentary / explanation",
        ] {
            assert_eq!(classify_header(&cells(line)), Some(vec![Provision, Requirement, Comply, Evidence, Commentary]), "{line}");
        }
    }

    #[test]
    fn a_part_and_number_pair_is_no_tick_column() {
        assert_eq!(classify_header(&cells("Part\tNo.\tQuestion\tAnswer\tEvidence and comments")).map(|r| r[1..].to_vec()), Some(vec![Provision, Requirement, Comply, EvidenceCommentary]));
        assert_eq!(tick_columns(&cells("Question\tYes\tNo\tEvidence")), vec![1, 2]);
    }

    #[test]
    fn a_response_column_beside_the_answer_column_is_the_evidence() {
        assert_eq!(classify_header(&cells("Code section\tCode requirement\tComply: Yes/No\tOur response")), Some(vec![Provision, Requirement, Comply, Evidence]));
        assert_eq!(classify_header(&cells("Question\tOur response\tEvidence")), Some(vec![Requirement, Comply, Evidence]));
    }

    /// A narrow column breaks its name inside a word ("Compli" over "ance"), which the page's
    /// text joins with a space.
    #[test]
    fn header_words_broken_by_a_narrow_column() {
        assert_eq!(classify_header(&cells("No.\tRequirement\tCompli ance\tSupporting evi dence\tExplanation")), Some(vec![Provision, Requirement, Comply, Evidence, Commentary]));
        assert_eq!(column_role("Ref no"), Other);
        assert_eq!(column_role("Yes no"), Other);
    }

    #[test]
    fn a_row_that_reads_like_column_names_is_no_header() {
        // "Response" and "No" name columns too; a provision number says it is a row.
        assert_eq!(classify_header(&cells("5.6\tResponse\tNo\tResponse")), None);
        assert_eq!(classify_header(&cells("Question\tAnswer\tComments")), Some(vec![Requirement, Comply, EvidenceCommentary]));
        assert_eq!(classify_header(&cells("No.\tQuestion\tAnswer\tComments")), Some(vec![Provision, Requirement, Comply, EvidenceCommentary]));
        assert_eq!(classify_header(&cells("Question number\tQuestion\tAnswer\tEvidence relied upon")), Some(vec![Provision, Requirement, Comply, Evidence]));
        // The answers' initials name the comply column.
        assert_eq!(classify_header(&cells("No.\tQuestion\tY/N\tEvidence and comments")), Some(vec![Provision, Requirement, Comply, EvidenceCommentary]));
        assert_eq!(classify_header(&cells("Ref\tRequirement\tMet (Y / N)\tEvidence")), Some(vec![Provision, Requirement, Comply, Evidence]));
        assert_eq!(classify_header(&cells("Question number\tQuestion\tY/N (answer)\tEvidence")), Some(vec![Provision, Requirement, Comply, Evidence]));
        assert_eq!(column_role("Company/name"), Other);
        // The landlord asking itself how far it complies.
        for label in ["How far do we meet it?", "How far do we meet it", "Do we do this?", "Meets the Code?", "Our position"] {
            assert_eq!(column_role(label), Comply, "{label}");
        }
        assert_eq!(column_role("Do we keep records?"), Other);
        assert_eq!(column_role("Are we meeting this? Fully met"), Other);
        // A performance table numbers its rows and answers "Met", but is no self-assessment.
        assert_eq!(classify_header(&cells("Ref\tIndicator\tTarget\tActual\tMet: Yes/No\tRAG")), None);
        assert_eq!(classify_header(&cells("Ref\tMet?\tEvidence")), Some(vec![Provision, Comply, Evidence]));
        assert_eq!(classify_header(&cells("Code provision\tCode requirement\tComply\tCommentary")), Some(vec![Provision, Requirement, Comply, Commentary]));
    }

    #[test]
    fn quirk6_extra_and_merged_columns() {
        let rag = cells("Code provision\tCode requirement\tComply: Yes / No\tEvidence\tCommentary / explanation\tRAG Rating");
        assert_eq!(classify_header(&rag).unwrap().last(), Some(&Rag));
        let merged = cells("Code section\tCode requirement\tComply: Yes/No\tEvidence, commentary and any explanations");
        assert_eq!(classify_header(&merged), Some(vec![Provision, Requirement, Comply, EvidenceCommentary]));
    }

    #[test]
    fn other_wordings_of_a_header() {
        let h = cells("Ref\tRequirement of the Code\tCompliant?\tHow we comply\tNotes / actions");
        assert_eq!(classify_header(&h), Some(vec![Provision, Requirement, Comply, Evidence, Commentary]));
    }

    #[test]
    fn rows_and_contents_lines_are_not_headers() {
        assert_eq!(classify_header(&cells("1.2\tA complaint must be defined as\tYes\tPolicy")), None);
        assert_eq!(classify_header(&cells("No.\tQuestion\tYes\tNo\tEvidence relied upon")), Some(vec![Provision, Requirement, Comply, Comply, Evidence]));
        assert_eq!(classify_header(&cells("Requirement\tMet\tPartly met\tNot met\tComments")), Some(vec![Requirement, Comply, Comply, Comply, EvidenceCommentary]));
        assert_eq!(tick_columns(&cells("No\tRequirement\tYes/No\tEvidence")), Vec::<usize>::new());
        assert_eq!(classify_header(&cells("Ref\tRequirement\tEvidence\tAchieved?")), Some(vec![Provision, Requirement, Evidence, Comply]));
        assert_eq!(classify_header(&cells("Ref\tRequirement\tIn place?\tEvidence")), Some(vec![Provision, Requirement, Comply, Evidence]));
        assert_eq!(classify_header(&cells("Provision\tCode text\tRAG\tEvidence")), Some(vec![Provision, Requirement, Rag, Evidence]));
        assert_eq!(classify_header(&cells("Section 1: Definition of a complaint.....\t3")), None);
        // Two columns: only the question and its answer.
        assert_eq!(classify_header(&cells("Self-assessment question\tAnswer")), Some(vec![Requirement, Comply]));
        assert_eq!(classify_header(&cells("Evidence\tComments")), None);
        assert_eq!(classify_header(&cells("Code provision\tComply")), None);
        // The requirement named before compliance holds the requirement, its answer inside.
        assert_eq!(column_role("Code requirement and compliance"), Requirement);
        assert_eq!(column_role("Question and our compliance"), Requirement);
        assert_eq!(column_role("Compliance with the requirement"), Comply);
    }
}
