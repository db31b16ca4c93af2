//! One test per QUIRKS.md entry that table reconstruction handles, named after it, on
//! small forms written for the test (not the seeds), so they prove the mechanism.

use crate::reconstruct;
use chc_code::Registry;
use chc_model::{Page, PageContent, ParsedDocument, RawRecord, RequirementKind, SourceFormat, SourceInfo, TableDocument, TextLine};

const HEADER: &str = "Code provision\tCode requirement\tComply: Yes/No\tEvidence\tCommentary/explanation";

fn doc(text: &str) -> ParsedDocument {
    let lines = text.lines().enumerate().map(|(i, t)| TextLine { number: i as u32 + 1, text: t.to_string() }).collect();
    ParsedDocument {
        source: SourceInfo { path: "t.txt".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 },
        pages: vec![Page { number: 1, width: 0.0, height: 0.0, content: PageContent::Lines(lines) }],
        tagged_tables: vec![],
        furniture: Vec::new(),
        warnings: vec![],
    }
}

fn table(text: &str) -> TableDocument {
    reconstruct(&doc(text), Registry::embedded()).expect("a form")
}

fn numbers(t: &TableDocument) -> Vec<Option<&str>> {
    t.records.iter().map(|r| r.number.as_deref()).collect()
}

fn row<'a>(t: &'a TableDocument, n: &str) -> &'a RawRecord {
    t.records.iter().find(|r| r.number.as_deref() == Some(n)).unwrap_or_else(|| panic!("{n} missing"))
}

#[test]
fn quirk4_contents_page_and_front_matter_are_not_rows() {
    let t = table(&format!(
        "Contents\nSection 1: Definition of a complaint.....\t3\nSection 2: Exclusions\t5\n1.2 of the instructions\t4\nAuthor: A. Person\n\nSection 1: Definition of a complaint\n{HEADER}\n1.2\tA complaint must be defined as: an expression of dissatisfaction\tYes\tPolicy 2\t\n1.3\tA resident does not have to use the word complaint\tYes\tPolicy 3\t\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    assert!(t.context.iter().any(|c| c.text.contains("Author")));
    assert_eq!(t.front_matter_lines, t.context.iter().position(|c| c.text == "Section 1: Definition of a complaint").unwrap() + 1);
}

#[test]
fn quirk5_heading_after_first_rows_keeps_numbers() {
    let t = table(&format!(
        "Section 8: Putting things right\n{HEADER}\n8.5\tIf a landlord is unable to comply with the Code\tYes\tPlan\t\n9.1\tLandlords must look beyond the circumstances of the individual complaint\tYes\tX\t\nSection 9: Scrutiny & oversight: continuous learning and improvement\n9.2\tA positive complaint handling culture is integral\tYes\tY\t\n"
    ));
    assert_eq!(numbers(&t), vec![Some("8.5"), Some("9.1"), Some("9.2")]);
    assert_eq!(row(&t, "9.1").heading_section, Some(8), "the match stage warns about this mismatch");
    assert_eq!(row(&t, "9.2").heading_section, Some(9));
}

#[test]
fn quirk6_repeated_and_variant_headers_are_dropped() {
    let t = table(&format!(
        "{HEADER}\n1.2\tA complaint must be defined as\tYes\tPolicy\t\n\nCode provision\tCode requirement\tComply: Yes / No\tEvidence\tCommentary / explanation\n1.3\tA resident does not have to use the word complaint\tNo\tNone\tTo do\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    assert!(t.warnings.iter().any(|w| w.kind == "header_variants"));
    assert_eq!(row(&t, "1.3").comply_raw, "No");
}

#[test]
fn quirk7_page_break_continuation_merged_cell_by_cell() {
    let t = table(&format!(
        "{HEADER}\n1.3\tA complaint that is submitted via a third party must be handled in line with\tYes\tIncluded in our policy under\tSee\n\n{HEADER}\n\tthe landlord's complaints policy.\t\tpoint 4.2.\tappendix A.\n1.4\tLandlords must recognise the difference\tYes\tX\t\n"
    ));
    let r = row(&t, "1.3");
    assert_eq!(r.requirement, "A complaint that is submitted via a third party must be handled in line with the landlord's complaints policy.");
    assert_eq!(r.evidence, "Included in our policy under point 4.2.");
    assert_eq!(r.commentary, "See appendix A.");
    assert_eq!(r.comply_raw, "Yes");
    assert!(r.warnings.iter().any(|w| w.kind == "page_break_merge"));
    assert_eq!(t.records.len(), 2);
}

#[test]
fn quirk8_continuation_with_shifted_columns_merged_by_content() {
    let t = table(&format!(
        "{HEADER}\n6.7\tLandlords must address all points raised in the complaint definition, referencing the relevant\tYes\tTemplates on the intranet.\t\n\n\npolicy, law and good practice where appropriate.\t\tTraining covers it.\n\t\tThis will be in the guide.\n"
    ));
    let r = row(&t, "6.7");
    assert!(r.requirement.ends_with("relevant policy, law and good practice where appropriate."), "{}", r.requirement);
    assert_eq!(r.comply_raw, "Yes", "prose never lands in the comply cell");
    assert!(r.evidence.contains("Training covers it.") && r.evidence.contains("This will be in the guide."), "{r:?}");
    assert!(r.warnings.iter().any(|w| w.kind == "shifted_columns"));
}

#[test]
fn quirk9_number_on_the_middle_line_of_a_cell() {
    let t = table(&format!(
        "{HEADER}\n2.1\tLandlords must accept a complaint unless there is a valid reason not to do so. Each complaint must be considered on its own merits\tYes\tPolicy 5\t\n\tA complaints policy must set out the circumstances in which a matter will not be considered as a complaint or escalated, and these circumstances must be fair and reasonable to residents. Acceptable exclusions include:\t\t\t\n2.2\t The issue giving rise to the complaint occurred over twelve months ago.\tYes\tPolicy 5\t\n\t• Legal proceedings have started.\t\t\t\n2.3\tLandlords must accept complaints referred to them within 12 months\tYes\tX\t\n"
    ));
    assert_eq!(numbers(&t), vec![Some("2.1"), Some("2.2"), Some("2.3")]);
    let r = row(&t, "2.2");
    assert!(r.requirement.starts_with("A complaints policy must set out"), "{}", r.requirement);
    assert!(r.requirement.contains("twelve months ago") && r.requirement.contains("Legal proceedings"));
    assert!(r.number_misplaced);
    assert!(!row(&t, "2.1").requirement.contains("complaints policy must set out"));
}

#[test]
fn quirk9_row_without_any_number_becomes_its_own_row() {
    let t = table(&format!(
        "{HEADER}\n6.7\tLandlords must address all points raised in the complaint definition and provide clear reasons for any decisions\tYes\tTemplates\t\nWhere residents raise additional complaints during the investigation, these must be incorporated into the stage 1 response if they are related and the stage 1 response has not been issued.\tYes\tPolicy to be updated\t\n6.9\tLandlords must confirm the following in writing\tYes\tX\t\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.7"), None, Some("6.9")]);
    assert!(t.records[1].requirement.starts_with("Where residents raise"));
    assert_eq!(t.records[1].comply_raw, "Yes");
}

#[test]
fn quirk10_numbers_inside_text_do_not_start_rows() {
    let t = table(&format!(
        "{HEADER}\n1.2\tA complaint must be defined as\tYes\tDefinition set out in point 4.1 of the policy.\t\n\tSection 10 of the policy and 2.2 below\t\t\t\n1.3\tA resident does not have to use the word complaint\tYes\tSee 2.2\t\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
}

#[test]
fn quirk11_empty_requirement_is_still_a_row() {
    let t = table(&format!("{HEADER}\n4.16\t\tYes\thttps://example.gov.uk/survey\t\n4.17\tLandlords should recognise the impact\tYes\tAs above\t\n"));
    assert_eq!(numbers(&t), vec![Some("4.16"), Some("4.17")]);
    assert_eq!(row(&t, "4.16").requirement, "");
}

#[test]
fn quirk12_stray_fragments_and_borders_never_make_rows() {
    let t = table(&format!(
        "{HEADER}\n4.3\tLandlords are expected to prioritise complaint handling\tYes\tTraining\t\n-----\t---\t-----\t---\t---\n\nTenant Satisfaction\nMeasures (TSM) Survey 2024\n\nSection 5: The complaint handling process\n{HEADER}\n5.1\tLandlords must have a single policy\tYes\tPolicy\t\n"
    ));
    assert_eq!(numbers(&t), vec![Some("4.3"), Some("5.1")]);
    assert!(t.warnings.iter().any(|w| w.kind == "stray_fragment"));
}

#[test]
fn quirk13_must_and_should_sub_tables() {
    let header = "Code section\tCode requirement\tComply: Yes/No\tEvidence, commentary and any explanations";
    let t = table(&format!(
        "Section 1 - Definition of a complaint\n\nMandatory 'must' requirements\n{header}\n1.2\tA complaint must be defined as\tYes\tPolicy\n1.7\tA landlord must accept a complaint\tYes\tPolicy\n\nBest practice 'should' requirements\n{header}\n1.4\tLandlords should recognise the difference\tYes\tPolicy\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.7"), Some("1.4")]);
    assert_eq!(row(&t, "1.7").requirement_kind, Some(RequirementKind::Must));
    assert_eq!(row(&t, "1.4").requirement_kind, Some(RequirementKind::Should));
    assert_eq!(row(&t, "1.4").evidence, "Policy", "merged column goes to evidence");
}

#[test]
fn quirk18_links_split_across_lines_are_kept_whole() {
    let t = table(&format!(
        "{HEADER}\n5.1\tLandlords must have a single policy\tYes\thttps://www.example.gov.uk/have-your-say/compliments-and-\t\n\n{HEADER}\n\t\t\tcomplaints/complaints-policy\t\n"
    ));
    assert_eq!(row(&t, "5.1").evidence, "https://www.example.gov.uk/have-your-say/compliments-and- complaints/complaints-policy");
}

#[test]
fn quirk26_one_cell_per_line_with_header_lines() {
    let t = table(
        "Code provision\n\nCode requirement\n\nComply: Yes/No\n\nEvidence\n\nCommentary/explanation\n\n1.2\n\nA complaint must be defined as an expression of dissatisfaction\n\nYes\n\nPolicy section 2\n\nNone\n\n1.3\n\nA resident does not have to use the word complaint\n\nNo\n\nTo be added\n\nBy March 2025\n\n1.4\n\nLandlords must recognise the difference between a service request and a complaint\n\nYes\n\nPolicy 2.5\n",
    );
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4")]);
    let r = row(&t, "1.3");
    assert_eq!((r.comply_raw.as_str(), r.evidence.as_str(), r.commentary.as_str()), ("No", "To be added", "By March 2025"));
}

#[test]
fn not_a_form_is_an_error() {
    assert!(reconstruct(&doc("Dear resident,\nThank you for your letter about 1.2 things.\n"), Registry::embedded()).is_err());
}

#[test]
fn quirk28_page_that_lost_its_empty_evidence_column() {
    // Page 1 has both columns; page 2's evidence column was empty throughout, so the
    // extraction dropped it and its commentary slid into the evidence position.
    let t = table(&format!(
        "{HEADER}\n1.2\tA complaint must be defined as\tYes\tComplaints policy and procedure (example.gov.uk)\tWe will review the policy in the summer.\n1.3\tA resident does not have to use the word complaint\tYes\tComplaints policy and procedure (example.gov.uk)\tStaff will be trained to review every call.\n\n\n{HEADER}\n1.4\tLandlords must recognise the difference between a service request and a complaint\tNo\tWe will review service requests and train staff in the summer.\n1.5\tA complaint must be raised when the resident expresses dissatisfaction\tNo\tThe policy will be reviewed and staff trained.\n"
    ));
    let r = row(&t, "1.4");
    assert_eq!(r.evidence, "");
    assert!(r.commentary.starts_with("We will review service requests"), "{r:?}");
    assert!(r.warnings.iter().any(|w| w.kind == "dropped_column"));
    assert_eq!(row(&t, "1.2").evidence, "Complaints policy and procedure (example.gov.uk)", "full-width rows untouched");
}

#[test]
fn quirk21_structure_tree_supplies_rows_the_page_layout_missed() {
    use chc_model::{LayoutKind, StructuredCell, StructuredRow, StructuredTable, TextRun};
    let run = |x: f32, y: f32, text: &str| TextRun { x, y, width: 6.0 * text.len() as f32, font_size: 10.0, text: text.into() };
    // The page shows only a title: its table text is drawn in a way geometry cannot place.
    let mut d = doc("");
    d.source.format = SourceFormat::Pdf;
    d.pages = vec![Page { number: 1, width: 595.0, height: 842.0, content: PageContent::Positioned { runs: vec![run(50.0, 60.0, "Self-assessment form (May 2024)")], rules: vec![] } }];
    let tree_row = |header: bool, cs: &[&str]| StructuredRow {
        location: 1,
        header,
        cells: cs.iter().map(|c| StructuredCell { text: c.to_string(), header, ..Default::default() }).collect(),
    };
    d.tagged_tables = vec![StructuredTable {
        location: 1,
        caption: None,
        rows: vec![
            tree_row(true, &["Code provision", "Code requirement", "Comply: Yes/No", "Evidence", "Commentary"]),
            tree_row(false, &["1.2", "A complaint must be defined as an expression of dissatisfaction", "Yes", "Policy 2", ""]),
            tree_row(false, &["1.3", "A resident does not have to use the word complaint", "No", "", "To do"]),
        ],
    }];
    let t = reconstruct(&d, Registry::embedded()).expect("rows from the tree");
    assert_eq!(t.layout, LayoutKind::PdfTagged);
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    assert_eq!(row(&t, "1.3").commentary, "To do");
    assert!(t.warnings.iter().any(|w| w.kind == "structure_tree_used"));
    assert_eq!(t.context.first().map(|c| c.text.as_str()), Some("Self-assessment form (May 2024)"));
}

#[test]
fn quirk12_fragment_that_ends_a_cut_cell_is_attached() {
    let t = table(&format!(
        "{HEADER}\n4.2\tThe complaints officer must have access to staff at all levels\tYes\tJob descriptions.\tStaff have access.\n4.3\tLandlords are expected to prioritise complaint handling\tYes\tTraining\tTraining was identified as an action following the\n\n\nTenant Satisfaction\nMeasures (TSM) Survey 2024\n\nA note printed under the table.\n\nSection 5: The complaint handling process\n{HEADER}\n5.1\tLandlords must have a single policy\tYes\tPolicy\t\n"
    ));
    let r = row(&t, "4.3");
    assert_eq!(r.commentary, "Training was identified as an action following the Tenant Satisfaction Measures (TSM) Survey 2024");
    assert!(r.warnings.iter().any(|w| w.kind == "fragment_attached"));
    assert!(t.context.iter().any(|c| c.text == "A note printed under the table."), "a blank line ends the fragment");
    assert_eq!(row(&t, "4.2").commentary, "Staff have access.");
}

#[test]
fn quirk10_numbered_report_paragraphs_around_the_form_are_not_rows() {
    let t = table(&format!(
        "1.1 This report asks Cabinet to note the self-assessment.\n{HEADER}\n1.2\tA complaint must be defined as\tYes\tPolicy\t\n1.3\tA resident does not have to use the word complaint\tNo\tNone\tTo do\n\n3.1 The financial implications of this report are nil.\n3.2 There are no legal implications.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    assert!(t.context.iter().any(|c| c.text.starts_with("3.1 The financial")));
}
