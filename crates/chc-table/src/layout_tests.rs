//! One test per layout seen on published self-assessment pages (issue 17), each on a form
//! written for the test: invented landlords, our own evidence, the Code's wording. They
//! check the record reader's mechanisms, not any one published page.

use crate::reconstruct;
use chc_code::Registry;
use chc_model::{Page, PageContent, ParsedDocument, RawRecord, SourceFormat, SourceInfo, TableDocument, TextLine};

fn table(text: &str) -> TableDocument {
    let lines = text.lines().enumerate().map(|(i, t)| TextLine { number: i as u32 + 1, text: t.to_string() }).collect();
    let doc = ParsedDocument {
        source: SourceInfo { path: "t.txt".into(), sha256: String::new(), format: SourceFormat::Text, bytes: 0 },
        pages: vec![Page { number: 1, width: 0.0, height: 0.0, content: PageContent::Lines(lines) }],
        tagged_tables: vec![],
        furniture: Vec::new(),
        warnings: vec![],
    };
    reconstruct(&doc, Registry::embedded()).expect("a form")
}

/// The table of a web page's blocks (a page laid out without a `<table>`).
fn blocks_table(blocks: Vec<chc_model::Block>) -> TableDocument {
    let doc = ParsedDocument {
        source: SourceInfo { path: "t.html".into(), sha256: String::new(), format: SourceFormat::Html, bytes: 0 },
        pages: vec![Page { number: 1, width: 0.0, height: 0.0, content: PageContent::Structured(blocks) }],
        tagged_tables: vec![],
        furniture: Vec::new(),
        warnings: vec![],
    };
    reconstruct(&doc, Registry::embedded()).expect("a form")
}

fn numbers(t: &TableDocument) -> Vec<Option<&str>> {
    t.records.iter().map(|r| r.number.as_deref()).collect()
}

fn row<'a>(t: &'a TableDocument, n: &str) -> &'a RawRecord {
    t.records.iter().find(|r| r.number.as_deref() == Some(n)).unwrap_or_else(|| panic!("{n} missing: {:?}", numbers(t)))
}

const DEF_2024: &str = "A complaint must be defined as: 'an expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the landlord, its own staff, or those acting on its behalf, affecting a resident or group of residents.'";
const WORD_2024: &str = "A resident does not have to use the word 'complaint' for it to be treated as such. Whenever a resident expresses dissatisfaction landlords must give them the choice to make complaint. A complaint that is submitted via a third party or representative must be handled in line with the landlord's complaints policy.";
const REQUEST_2024: &str = "Landlords must recognise the difference between a service request and a complaint. This must be set out in their complaints policy. A service request is a request from a resident to the landlord requiring action to be taken to put something right. Service requests are not complaints, but must be recorded, monitored and reviewed regularly.";
const ACK_2024: &str = "Complaints must be acknowledged, defined and logged at stage 1 of the complaint's procedure within five working days of the complaint being received.";
const STAGE1_2024: &str = "Landlords must issue a full response to stage 1 complaints within 10 working days of the complaint being acknowledged.";

#[test]
fn layout_one_cell_per_line_with_header_cells_on_their_own_lines() {
    let t = table(&format!(
        "Larkspur Homes: how we meet the Complaint Handling Code\n\nCode provision\n\nCode requirement\n\nComply: Yes/No\n\nEvidence\n\nCommentary / explanation\n\n1.2\n\n{DEF_2024}\n\nYes\n\nComplaints Policy, part 2.\n\nNo change needed.\n\n1.3\n\n{WORD_2024}\n\nNo\n\nOur leaflet still asks residents to write 'complaint'.\n\nLeaflet to be reprinted by June 2025.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    let r = row(&t, "1.3");
    assert_eq!(r.comply_raw, "No");
    assert!(r.requirement.starts_with("A resident does not have to use"));
    assert_eq!(r.evidence, "Our leaflet still asks residents to write 'complaint'.");
    assert_eq!(r.commentary, "Leaflet to be reprinted by June 2025.");
}

#[test]
fn layout_labels_on_their_own_lines_with_values_below() {
    let t = table(&format!(
        "Section 1 - Definition of a complaint\n\nCode section 1.2\n\nCode requirement\n\n{DEF_2024}\n\nComply\n\nYes.\n\nEvidence, commentary and any explanations\n\nThe definition is in our Resident Complaints Policy.\n\nCode section 1.3\n\nCode requirement\n\n{WORD_2024}\n\nComply\n\nPartially\n\nEvidence, commentary and any explanations\n\nThird-party complaints need written consent; see point 3.4 of the policy.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    assert_eq!(row(&t, "1.2").comply_raw, "Yes.");
    assert_eq!(row(&t, "1.3").comply_raw, "Partially");
    assert!(row(&t, "1.3").evidence.contains("point 3.4"));
    assert!(row(&t, "1.3").requirement.starts_with("A resident does not have"));
}

#[test]
fn layout_a_page_that_starts_inside_a_labelled_record() {
    // A later page of a form of labelled cells: its first record's number and requirement
    // label are on the page before; the Code's wording, then the answer's label, open it.
    let t = table(&format!("{ACK_2024}\n\nComply\n\nNo.\n\nEvidence\n\nSection 7.1 of the complaints policy.\n\nCode provision 6.3\n\nCode requirement\n\n{STAGE1_2024}\n\nComply\n\nYes\n"));
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].number, None);
    assert_eq!(t.records[0].comply_raw, "No.");
    assert_eq!(t.records[1].number.as_deref(), Some("6.3"));
}

#[test]
fn layout_a_page_that_starts_inside_a_requirements_list() {
    // The cut falls inside the first record's list of items (2022's 2.2): its last items,
    // then the answer's label, open it; the next record is numbered as usual.
    let t = table(&format!(
        "• Matters that have previously been considered under the\ncomplaints policy.\n\nCompliance\nNo\n\nEvidence\nOur exclusions list leaves out cases already closed.\n\nCode provision 6.3\n\nCode requirement\n\n{STAGE1_2024}\n\nComply\n\nYes\n"
    ));
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].number, None);
    assert!(t.records[0].requirement.starts_with("• Matters that have previously"), "{:?}", t.records[0]);
    assert_eq!(t.records[0].comply_raw, "No");
    assert_eq!(t.records[0].evidence, "Our exclusions list leaves out cases already closed.");
    assert_eq!(t.records[1].number.as_deref(), Some("6.3"));
}

#[test]
fn layout_one_cell_per_line_without_a_header_splits_by_the_codes_form() {
    // No header: the 2024 form's cells after the answer are evidence, then commentary; the
    // 2022 form has one merged column, so its paragraphs stay together as evidence.
    let new = table(&format!("6.3\n\n{STAGE1_2024}\n\nYes\n\nComplaints policy, section 4\n\nWe check response times every month.\n\n6.4\n\nLandlords must decide whether an extension to this timescale is needed when considering the complexity of the complaint.\n\nYes\n\nComplaints policy, section 5\n\nExtensions are agreed by a manager.\n"));
    assert_eq!(new.records[0].evidence, "Complaints policy, section 4");
    assert_eq!(new.records[0].commentary, "We check response times every month.");
    let old = table("1.7\n\nA landlord must accept a complaint unless there is a valid reason not to do so.\n\nYes\n\nComplaints policy, section 4\n\nWe accept every complaint unless the policy excludes it.\n\n1.8\n\nA complaints policy must clearly set out the circumstances in which a matter will not be considered.\n\nYes\n\nComplaints policy, section 5\n");
    assert_eq!(old.records[0].evidence, "Complaints policy, section 4\nWe accept every complaint unless the policy excludes it.");
    assert_eq!(old.records[0].commentary, "");
}

#[test]
fn layout_one_cell_per_line_without_blank_lines() {
    // A PDF's text: the header's cells and every row's cells one line each, no blank line
    // anywhere. After the answer, the first line is the evidence, the next the commentary;
    // where blank lines part the cells, two lines of one paragraph stay one cell.
    let t = table(&format!(
        "Code provision\nCode requirement\nComply: Yes / No\nEvidence\nCommentary / explanation\n6.2\n{ACK_2024}\nYes\nCustomer Charter, part 4.\nEvery complaint gets a reference number on the day it arrives.\n6.3\n{STAGE1_2024}\nNo\nCase system report.\nTwo in three replies were on time.\n"
    ));
    assert_eq!(row(&t, "6.2").evidence, "Customer Charter, part 4.");
    assert_eq!(row(&t, "6.2").commentary, "Every complaint gets a reference number on the day it arrives.");
    assert_eq!(row(&t, "6.3").commentary, "Two in three replies were on time.");
    let spaced = table(&format!(
        "Code provision\n\nCode requirement\n\nComply: Yes / No\n\nEvidence\n\nCommentary / explanation\n\n6.2\n\n{ACK_2024}\n\nYes\n\nCustomer Charter, part 4.\nThe charter is reviewed every year.\n"
    ));
    assert_eq!(row(&spaced, "6.2").evidence, "Customer Charter, part 4.\nThe charter is reviewed every year.");
}

#[test]
fn layout_label_value_records_with_short_values() {
    // "Evidence: Complaints procedure" is a label with its value on the line, not a label
    // alone: a short value must not be lost for looking like a title.
    let t = table(&format!("Code provision 6.3\n{STAGE1_2024}\nCompliance: Yes\nEvidence: Complaints procedure\nCommentary: Checked monthly.\n"));
    assert_eq!(t.records[0].comply_raw, "Yes");
    assert_eq!(t.records[0].evidence, "Complaints procedure");
    assert_eq!(t.records[0].commentary, "Checked monthly.");
}

#[test]
fn layout_label_value_records() {
    let t = table(&format!(
        "Code section 1.2\n{DEF_2024}\nCompliance: YES\nEvidence, commentary and any explanations: Policy section 2.\nCode section 6.2\n{ACK_2024}\nCompliance: Partial\nEvidence, commentary and any explanations: 91% acknowledged on time in 2024/25.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("6.2")]);
    assert_eq!(row(&t, "1.2").comply_raw, "YES");
    assert_eq!(row(&t, "6.2").evidence, "91% acknowledged on time in 2024/25.");
}

#[test]
fn layout_cells_run_together_over_several_lines() {
    let t = table(&format!(
        "Code sectionCode requirementComply: yes/noEvidence, commentary and any explanations\n1.2A complaint must be defined as:\nan expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the landlord, its own staff, or those acting on its behalf, affecting a resident or group of residents.\nYesCopy of our complaints leaflet\n1.3{WORD_2024}YesWe accept complaints from advocates and family members.\nConsent is recorded on the housing system.\n1.4{REQUEST_2024}Yes\n\nService requests are logged on the repairs system.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4")]);
    let r = row(&t, "1.2");
    assert_eq!(r.comply_raw, "Yes");
    assert!(r.requirement.ends_with("group of residents."));
    assert_eq!(r.evidence, "Copy of our complaints leaflet");
    assert_eq!(row(&t, "1.3").evidence, "We accept complaints from advocates and family members.\nConsent is recorded on the housing system.");
    assert!(row(&t, "1.4").requirement.ends_with("reviewed regularly."));
    assert_eq!(row(&t, "1.4").evidence, "Service requests are logged on the repairs system.");
}

#[test]
fn layout_answer_vocabulary() {
    for (answer, want) in [("Fully compliant", "Fully compliant"), ("Met", "Met"), ("✓ Compliant", "✓ Compliant"), ("No.", "No."), ("Compliance: YES", "YES")] {
        let t = table(&format!("Code section 6.2\n\n{ACK_2024}\n\n{answer}\n\nSee our annual report.\n\nCode section 6.3\n\n{STAGE1_2024}\n\nYes\n\nSee our annual report.\n"));
        assert_eq!(row(&t, "6.2").comply_raw, want, "{answer}");
        assert_eq!(row(&t, "6.2").evidence, "See our annual report.", "{answer}");
    }
}

#[test]
fn layout_rows_without_numbers_are_known_by_their_wording() {
    let t = table(&format!(
        "Code sectionCode requirementComply (Yes/No)Evidence, commentary and any explanations\n\n{DEF_2024}\n\nYes\n\nOur policy quotes the definition word for word.\n\n1.3{WORD_2024}YesWe accept complaints from representatives.\n"
    ));
    assert_eq!(t.records.len(), 2);
    assert_eq!(t.records[0].number, None);
    assert!(t.records[0].requirement.starts_with("A complaint must be defined as"));
    assert_eq!(t.records[0].comply_raw, "Yes");
    assert_eq!(row(&t, "1.3").comply_raw, "Yes");
}

/// A row that lost its number, its wording on the line after the row before, which ended
/// its sentence on its number's own line (cells run together there).
#[test]
fn layout_a_row_without_its_number_right_after_a_run_together_row() {
    let t = table(&format!(
        "Code sectionCode requirementComply (Yes/No)Evidence, commentary and any explanations\n1.2{DEF_2024}YesThe policy quotes it.\n1.3{WORD_2024}YesAdvocates may complain for residents.\n{REQUEST_2024}\n\nYesRepairs requests are logged apart.\n6.2{ACK_2024}NoWe acknowledge most within a week.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), None, Some("6.2")]);
    assert_eq!(row(&t, "1.3").evidence, "Advocates may complain for residents.");
    assert!(t.records[2].requirement.starts_with("Landlords must recognise the difference"));
    assert_eq!(t.records[2].comply_raw, "Yes");
}

/// Pipes between cells but none at the line's ends, no number column: a line with every
/// column is a row, and a pipe that ends one leaves its last cell empty.
#[test]
fn layout_pipe_rows_without_numbers_or_outer_pipes() {
    let t = table(&format!(
        "Code requirement | Comply? | Evidence | Commentary\n{ACK_2024} | Yes | Logged on the housing system. | Checked monthly.\n{STAGE1_2024} | No | 82% on time last year. |  \n{WORD_2024} | Yes | Advocates may complain. |  \n\nContact us | Accessibility | Cookies | Privacy\n"
    ));
    assert_eq!(t.records.len(), 3);
    assert!(!t.records[2].evidence.contains("Cookies"));
    assert!(t.records.iter().all(|r| r.number.is_none()));
    assert_eq!(t.records[1].comply_raw, "No");
    assert_eq!(t.records[1].evidence, "82% on time last year.");
    assert_eq!(t.records[2].comply_raw, "Yes");
    assert_eq!(t.records[2].commentary, "");
}

/// A page of unnumbered records, each the Code's wording then "Our response:": the title
/// and the introduction before the first stay the page's, not the first row's wording.
#[test]
fn layout_an_introduction_before_the_first_unnumbered_labelled_record() {
    let t = table(&format!(
        "Our complaints self-assessment\n\nWendlebury Housing Co-operative is run by its members, who checked the policy against the Code.\n\nWhat the Code says we must do\n\n{ACK_2024}\nOur response: Yes. Logged on the day.\n\n{STAGE1_2024}\nOur response: No. Most stage 1 replies were late last year.\n"
    ));
    assert_eq!(t.records.len(), 2);
    assert!(t.records[0].requirement.starts_with("Complaints must be acknowledged"), "{:?}", t.records[0].requirement);
    assert!(t.context.iter().any(|c| c.text.starts_with("Wendlebury Housing Co-operative")));
    assert_eq!(t.records[1].comply_raw, "No");
}

/// A row a page break cut in two, its answer too ("Not" … "met"), the rest on the next page
/// under the repeated header: one row, not another provision's whose wording the rest
/// shares (6.9's list is 6.19's too).
#[test]
fn layout_an_answer_cut_by_a_page_break_keeps_its_row_whole() {
    let t = table(
        "Provision\tCode requirement\tStatus\tEvidence\n6.2\tComplaints must be acknowledged, defined and logged at stage 1 of the complaint's procedure within five working days of the complaint being received.\tMet\tLogged on the day.\n6.9\tLandlords must confirm the following in writing to the resident at the completion of stage 1 in\tNot\tWe fall short here at present.\nPage 2 of 4\nProvision\tCode requirement\tStatus\tEvidence\n\tclear, plain language: a. the complaint stage; b. the complaint definition; c. the decision on the complaint\tmet\tThe action is on our plan.\n",
    );
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.9")]);
    assert_eq!(row(&t, "6.9").comply_raw.split_whitespace().collect::<Vec<_>>(), ["Not", "met"]);
}

#[test]
fn layout_chrome_before_and_after_the_form() {
    let t = table(&format!(
        "Skip to main content\nToggle menu\nSearch this site\nHome > Housing > Complaints\nListen\nText size\n\nComplaint handling code self-assessment\n\nCode provisionCode requirementComply: Yes/NoEvidence\n6.2{ACK_2024}YesAcknowledged by the Customer Hub.\n6.3{STAGE1_2024}NoAverage of 12 working days in 2024/25.\nShare this page\nFacebook\nX\nLinkedIn\nWas this page helpful?\nYes\nNo\nRelated content\nMake a complaint\n© 2025 Thornbury Vale Council\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")]);
    assert_eq!(row(&t, "6.3").evidence, "Average of 12 working days in 2024/25.");
    assert!(t.context.iter().any(|c| c.text.contains("Thornbury Vale Council")), "the footer stays context for landlord detection");
}

#[test]
fn layout_starts_mid_table() {
    let t = table(&format!(
        "residents can also contact us by text message.\n\n6.2{ACK_2024}YesAcknowledgement letters are sent by the Customer Hub.\n6.3{STAGE1_2024}Partially compliantThree in four responses were on time.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")]);
    assert_eq!(row(&t, "6.3").comply_raw, "Partially compliant");
}

/// A pipe table cut above its header, in a form that prints no numbers (the number cells
/// empty): the columns come from what the rows hold, and each row opens by its answer.
#[test]
fn layout_starts_mid_table_in_pipes_without_numbers() {
    let t = table(&format!(
        "|  | {ACK_2024} | Achieved | Case system report | Every complaint is logged on the day. |\n|  | {STAGE1_2024} | Not achieved - 81% on time | | A second officer starts in May. |\n\nHome | Contact us | Accessibility\n"
    ));
    assert_eq!(numbers(&t), vec![None, None], "{:#?}", t.records);
    assert_eq!(t.records[0].comply_raw, "Achieved");
    assert_eq!(t.records[0].evidence, "Case system report");
    assert_eq!(t.records[1].comply_raw, "Not achieved", "{:#?}", t.records[1]);
    assert_eq!(t.records[1].commentary, "A second officer starts in May.");
}

/// Rows without numbers whose wording opens alike (2024's 6.4 at stage 1 and 6.15 at
/// stage 2): the second is a row of its own, its twin already taken.
#[test]
fn layout_rows_without_numbers_that_open_alike() {
    const EXTEND_1: &str = "Landlords must decide whether an extension to this timescale is needed when considering the complexity of the complaint and then inform the resident of the expected timescale for response. Any extension must be no more than 10 working days without good reason, and the reason(s) must be clearly explained to the resident.";
    const STAGE2: &str = "Landlords must issue a final response to the stage 2 within 20 working days of the complaint being acknowledged.";
    const EXTEND_2: &str = "Landlords must decide whether an extension to this timescale is needed when considering the complexity of the complaint and then inform the resident of the expected timescale for response. Any extension must be no more than 20 working days without good reason, and the reason(s) must be clearly explained to the resident.";
    let t = table(&format!(
        "Stage 1\n\n{STAGE1_2024}\n\nYes\n\nPolicy part 7.\n\n{EXTEND_1}\n\nYes\n\nExtension letters give a reason.\n\nStage 2\n\n{STAGE2}\n\nNo\n\nFour in five were on time.\n\n{EXTEND_2}\n\nYes\n\nStage 2 extensions are capped.\n"
    ));
    assert_eq!(t.records.len(), 4, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[3].requirement, EXTEND_2);
    assert_eq!(t.records[3].evidence, "Stage 2 extensions are capped.");
}

/// A row that answers two provisions together ("6.2 & 6.3", "6.2/6.3"): a row for each, the
/// same answer and evidence, in pipes and in one-cell-per-line text.
#[test]
fn layout_provisions_answered_together_in_one_row() {
    let piped = table(&format!("| Ref | Requirement | Comply | Evidence |\n|---|---|---|---|\n| 6.2 & 6.3 | {ACK_2024} {STAGE1_2024} | Yes | Case system report. |\n"));
    assert_eq!(numbers(&piped), vec![Some("6.2"), Some("6.3")]);
    assert_eq!(row(&piped, "6.3").evidence, "Case system report.");
    let lines = table(&format!("6.2/6.3\n{ACK_2024}\n{STAGE1_2024}\nYes\nCase system report.\n"));
    assert_eq!(numbers(&lines), vec![Some("6.2"), Some("6.3")]);
    assert_eq!(row(&lines, "6.3").comply_raw, "Yes");
    // A policy paragraph cited in evidence is no joint row.
    let cited = table(&format!("6.2\n{ACK_2024}\nYes\nSee 3.2 and 4.1 of our policy.\n"));
    assert_eq!(numbers(&cited), vec![Some("6.2")]);
}

#[test]
fn layout_policy_references_in_evidence_are_not_rows() {
    let t = table(&format!(
        "Code provision\n\nCode requirement\n\nComply\n\nEvidence\n\n1.2\n\n{DEF_2024}\n\nYes\n\nSee our policy at:\n3.2 of the Complaints Policy\n4.5\n(4.5) and Section 7.1 of our policy\n\n1.3\n\n{WORD_2024}\n\nYes\n\nPolicy part 3.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    assert!(row(&t, "1.2").evidence.contains("3.2 of the Complaints Policy"));
}

#[test]
fn layout_pipes_with_every_cell_on_its_own_line() {
    let t = table(&format!(
        "Section 6: Complaints stages\nCode provision | Code requirement | Comply: Yes / No | Evidence | Commentary / explanation |\n6.2 |\n{ACK_2024} |\nYes |\nOur case system sets the acknowledgement date. | |\n6.3 |\n{STAGE1_2024} |\nNo |\nTwo in three stage 1 replies were on time. | A second caseworker starts in May 2025. |\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")]);
    assert_eq!(row(&t, "6.3").comply_raw, "No");
    assert_eq!(row(&t, "6.3").commentary, "A second caseworker starts in May 2025.");
}

#[test]
fn layout_one_cell_a_line_each_closed_by_its_pipe() {
    let t = table(&format!("6.2 |\n{ACK_2024}\nYes |\nCase system report. |\n6.3 |\n{STAGE1_2024}\nNo |\nTwo in three on time. |\n"));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")]);
    assert_eq!(row(&t, "6.2").comply_raw, "Yes");
    assert_eq!(row(&t, "6.3").comply_raw, "No");
    assert!(row(&t, "6.3").evidence.starts_with("Two in three on time."), "{:?}", row(&t, "6.3"));
}

#[test]
fn layout_answer_lost_under_its_label() {
    let t = table(&format!(
        "Code provision 6.2\n\n{ACK_2024}\n\nDo we comply?\n\n\n\nOur customer charter.\n\nCommentary / explanation\n\nThe charter sets five working days.\n"
    ));
    let r = row(&t, "6.2");
    assert_eq!(r.comply_raw, "");
    assert_eq!(r.evidence, "Our customer charter.");
    assert_eq!(r.commentary, "The charter sets five working days.");
}

#[test]
fn layout_evidence_documents_then_commentary_sentences() {
    let t = table(&format!(
        "Code provision\n\nCode requirement\n\nComply: Yes/No\n\nEvidence\n\nCommentary/explanation\n\n6.2\n\n{ACK_2024}\n\nYes\n\nCustomer Charter (part 4)\n\nCase system report\n\nEvery complaint gets a reference number on the day it arrives.\n\n6.3\n\n{STAGE1_2024}\n\nYes\n\nComplaints Procedure (5.1)\n\nThe procedure reads:\n\n\"We reply in full within ten working days.\"\n"
    ));
    assert_eq!(row(&t, "6.2").evidence, "Customer Charter (part 4)\nCase system report");
    assert_eq!(row(&t, "6.2").commentary, "Every complaint gets a reference number on the day it arrives.");
    assert_eq!(row(&t, "6.3").evidence, "Complaints Procedure (5.1)");
    assert_eq!(row(&t, "6.3").commentary, "The procedure reads:\n\"We reply in full within ten working days.\"");
}

#[test]
fn layout_2020_questionnaire_with_yes_no_tick_columns() {
    // Tabs only in the tick columns ("Question\tYes\tNo", a "Y" or an "N" under one): no
    // grid row comes of it, so the questions are read one record each.
    let t = table(
        "Self-assessment\n\n  Question\tYes\tNo\n4 Communication\t\t\n\nDo we have a reasonable adjustments policy?\n\nY\t\n\nIs the complaints policy and procedure available online?\n\n\tN\n",
    );
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].comply_raw, "Y");
    assert_eq!(t.records[1].comply_raw, "N");
    assert_eq!(t.layout, chc_model::LayoutKind::Vertical);
}

#[test]
fn layout_2020_questions_with_tick_boxes_and_a_comments_label() {
    // The form's one free-text cell is labelled "Comments": it is the evidence.
    let t = table(
        "Self-assessment\n\nDo we have a reasonable adjustments policy?\nYes \u{2612} No \u{2610}\nComments: The policy was adopted in 2019.\n\nIs the complaints policy and procedure available online?\nYes \u{2610} No \u{2612}\nComments: Only on request at present.\n",
    );
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].evidence, "The policy was adopted in 2019.");
    assert_eq!(t.records[1].evidence, "Only on request at present.");
    assert_eq!(t.records[1].commentary, "");
}

#[test]
fn layout_labels_in_the_landlords_own_words() {
    // "Status" for the answer, "How we know" for the evidence, "What we will do next" for
    // the commentary.
    let t = table(&format!(
        "Provision\n6.2\nWhat the Code says\n{ACK_2024}\nStatus\nIn place\nHow we know\nThe case system logs every complaint on the day.\nWhat we will do next\nNo change needed.\n"
    ));
    let r = row(&t, "6.2");
    assert_eq!(r.comply_raw, "In place");
    assert_eq!(r.evidence, "The case system logs every complaint on the day.");
    assert_eq!(r.commentary, "No change needed.");
}

#[test]
fn layout_a_table_without_header_or_number_column() {
    // "Question | answer | evidence" rows, no header and no number column (a section page's
    // table): the columns come from what the rows hold.
    let t = table(
        "Accessibility\nAre multiple accessibility routes available for residents to make a complaint?\tYes\tPhone, e-mail, letter and in person.\nDo we regularly advise residents about our complaints process?\tPartial\tOnly in the annual report so far.\n",
    );
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].comply_raw, "Yes");
    assert_eq!(t.records[0].evidence, "Phone, e-mail, letter and in person.");
    assert_eq!(t.records[1].comply_raw, "Partial");
}

#[test]
fn layout_2020_question_heading_with_its_definition_after_a_line_break() {
    // A web page's question heading holds the quoted definition after a <br>: that second
    // heading line is the Code's own words, not a heading that ends the record.
    use chc_model::{Block, BlockKind};
    let heading = |text: &str| Block { location: 1, kind: BlockKind::Heading { level: 3, text: text.into() } };
    let paragraph = |text: &str| Block { location: 2, kind: BlockKind::Paragraph(text.into()) };
    let blocks = vec![
        Block { location: 1, kind: BlockKind::Heading { level: 2, text: "Definition of a complaint".into() } },
        heading("Does the complaints process use the following definition of a complaint?\nAn expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the organisation, its own staff, or those acting on its behalf, affecting an individual resident or group of residents."),
        paragraph("Yes. Our procedure quotes it in full."),
        heading("Does the policy have exclusions where a complaint will not be considered?"),
        paragraph("Yes. Two exclusions."),
    ];
    let t = blocks_table(blocks);
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert!(t.records[0].requirement.contains("An expression of dissatisfaction"), "{:?}", t.records[0]);
    assert!(t.records[0].comply_raw.starts_with("Yes."), "{:?}", t.records[0]);
    assert_eq!(t.records[1].comply_raw, "Yes. Two exclusions.");
}

#[test]
fn layout_2020_number_heading_then_its_labelled_question() {
    // "4.1" heads the record, then "Question" / the question / "Answer" / …: one record.
    let t = table(
        "Communication\n\n4.1\nQuestion\nAre residents kept informed and updated during the complaints process?\nAnswer\nYes\nEvidence\nAn update every ten working days.\n\n4.3\nQuestion\nAre all complaints acknowledged and logged within five days?\nAnswer\nNo\nEvidence\nSeven days on average.\n",
    );
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| (&r.number, &r.requirement)).collect::<Vec<_>>());
    assert_eq!(t.records[0].comply_raw, "Yes");
    assert_eq!(t.records[1].evidence, "Seven days on average.");
}

#[test]
fn layout_2020_questionnaire() {
    let t = table(
        "Fairhaven Homes: our self-assessment against the 2020 Code\n\nDefinition of a complaint\n\nDoes the policy have exclusions where a complaint will not be considered?\nYes\n\nAre these exclusions reasonable and fair to residents?\nNo. Two exclusions are being reviewed by the Board in May.\n\nAccessibility\n\nDo we have a reasonable adjustments policy?\n\n\nIs the complaints policy and procedure available online?\nYes, on the complaints page of our website.\n",
    );
    assert_eq!(t.records.len(), 4, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[1].comply_raw, "No");
    assert_eq!(t.records[1].evidence, "Two exclusions are being reviewed by the Board in May.");
    assert_eq!(t.records[2].comply_raw, "", "the answer was lost");
    assert_eq!(t.records[3].comply_raw, "Yes");
    assert!(t.records.iter().all(|r| r.number.is_none()), "the 2020 form prints no numbers");
}

#[test]
fn layout_2020_questionnaire_that_lost_its_question_marks() {
    // A copy that dropped every "?": the questions still open with their verbs and read as the
    // 2020 form's; an evidence line that opens the same way but says something else is not one.
    let t = table(
        "Thornbeck Homes: our self-assessment\n\nDefinition of a complaint\n\nDoes the policy have exclusions where a complaint will not be considered\nYes\n\nAre these exclusions reasonable and fair to residents\nNo. Two exclusions are being reviewed by the Board in May.\n\nAccessibility\n\nIs the complaints policy and procedure available online\nYes, on the complaints page.\nIs there a leaflet as well: yes, in every office.\n",
    );
    assert_eq!(t.records.len(), 3, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[1].comply_raw, "No");
    assert!(t.records[2].comply_raw.starts_with("Yes"), "{:?}", t.records[2]);
    assert!(format!("{} {}", t.records[2].comply_raw, t.records[2].evidence).contains("leaflet"), "{:?}", t.records[2]);
}

#[test]
fn layout_2020_questions_in_a_table_without_numbers() {
    // The questionnaire as a pipe table and as a tab table: "Question | Answer | Comments",
    // no number anywhere, the first answer lost; the only free-text column is the evidence.
    let pipes = "Thornbeck Homes self-assessment\n\n| Question | Answer | Comments |\n|---|---|---|\n| Does the policy have exclusions where a complaint will not be considered? | | Section 5 of our policy. |\n| Are these exclusions reasonable and fair to residents? | Yes | They are reviewed every year. |\n| Is the complaints policy and procedure available online? | No | Being added in May. |\n";
    let tabs = "Thornbeck Homes self-assessment\n\nQuestion\tAnswer\tComments\nDoes the policy have exclusions where a complaint will not be considered?\t\tSection 5 of our policy.\nAre these exclusions reasonable and fair to residents?\tYes\tThey are reviewed every year.\nIs the complaints policy and procedure available online?\tNo\tBeing added in May.\n";
    for text in [pipes, tabs] {
        let t = table(text);
        assert_eq!(t.records.len(), 3, "{text}\n{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
        assert_eq!(t.records[0].comply_raw, "");
        assert_eq!(t.records[0].evidence, "Section 5 of our policy.");
        assert_eq!(t.records[1].comply_raw, "Yes");
        assert_eq!(t.records[2].comply_raw, "No");
    }
}

#[test]
fn layout_2020_questions_under_a_theme_column() {
    // "Theme | Question | Yes/No | Evidence": the first column names the theme, not a number;
    // a question answered with prose leaves the answer cell empty.
    let t = table("Theme\tQuestion\tYes/No\tEvidence relied upon\nOutcomes and remedies\tWhere something has gone wrong are we taking appropriate steps to put things right?\tYes\tApologies and repairs.\nContinuous learning and improvement\tWhat improvements have we made as a result of learning from complaints?\t\tRepair letters now give a time slot.\n");
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[1].comply_raw, "");
    assert_eq!(t.records[1].evidence, "Repair letters now give a time slot.");
}

#[test]
fn layout_2020_answer_label_with_its_answer_and_prose() {
    // "Response: Yes. <prose>" on the label's line: the answer is the comply cell, the
    // prose its evidence, as when the answer opens the line under the label.
    let t = table("Self-assessment\n\nDo we have a reasonable adjustments policy?\nThornbeck Homes response: Yes. Our equality policy covers reasonable adjustments.\n\nIs the complaints policy and procedure available online?\nResponse: No. It will be published in May.\n");
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert!(t.records[0].comply_raw.starts_with("Yes"), "{:?}", t.records[0]);
    assert_eq!(t.records[0].evidence, "Our equality policy covers reasonable adjustments.");
    assert!(t.records[1].comply_raw.starts_with("No"), "{:?}", t.records[1]);
    assert_eq!(t.records[1].evidence, "It will be published in May.");
}

#[test]
fn layout_2020_answer_at_the_end_of_the_question_line() {
    let t = table(
        "Wickmere Homes: self-assessment\n\n1. Definition of a complaint\n\nDoes the complaints process use the following definition of a complaint? No - our wording differs and is being changed\n\nComment / Further Action\n\nThe Board adopts the new wording in March.\n\nDoes the policy have exclusions where a complaint will not be considered? Yes\n\nAre these exclusions reasonable and fair to residents? Yes.\n\nAccessibility\n\nIs the complaints policy and procedure available online? Partially, the summary only\n",
    );
    assert_eq!(t.records.len(), 4, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].comply_raw, "No");
    assert!(t.records[0].requirement.ends_with("definition of a complaint?"), "{:?}", t.records[0].requirement);
    assert!(t.records[0].evidence.starts_with("our wording differs"), "{:?}", t.records[0].evidence);
    assert_eq!(t.records[1].comply_raw, "Yes");
    assert_eq!(t.records[2].comply_raw, "Yes");
    assert_eq!(t.records[2].evidence, "", "the full stop after the answer is not evidence");
    assert_eq!(t.records[3].comply_raw, "Partially");
    assert_eq!(t.records[3].evidence, "the summary only");
}

#[test]
fn layout_policy_paragraphs_quoted_in_the_first_rows_evidence() {
    // Cell per line: the first row's evidence quotes policy paragraphs 5.1 and 5.2.
    let t = table(&format!(
        "Hollowmere Homes self-assessment\n\nCode provision\n\nCode requirement\n\nComply: Yes/No\n\nEvidence\n\n6.2\n\n{ACK_2024}\n\nYes\n\n5.1 We log every complaint on the day it arrives.\n5.2 An acknowledgement goes out within five working days.\n7.1 Every complaint we receive is logged on our case system the same day.\n\n6.3\n\n{STAGE1_2024}\n\nNo\n\nReplies took 12 days on average.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")]);
    assert!(row(&t, "6.2").evidence.contains("5.2 An acknowledgement"), "{:?}", row(&t, "6.2").evidence);
    // Rows without numbers, run together: a paragraph number at a line's start after them.
    let t = table(&format!(
        "Code provisionCode requirementComply: Yes/NoEvidence\n{ACK_2024}YesOur policy says so.\n{STAGE1_2024}No3.1 Replies are due in ten working days.\n3.2 The average last year was twelve.\n"
    ));
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| (&r.number, &r.requirement)).collect::<Vec<_>>());
    assert!(t.records[1].evidence.contains("3.2 The average"), "{:?}", t.records[1].evidence);
}

#[test]
fn layout_pipe_comply_cell_that_opens_its_evidence() {
    let t = table(&format!(
        "Brantwood Homes self-assessment\n| Code provision | Code requirement | Comply | Evidence |\n|---|---|---|---|\n| 6.2 | {ACK_2024} | Met - case system report | |\n| 6.3 | {STAGE1_2024} | Partially met: 80% on time | Monthly report |\n|  | Landlords must decide whether an extension to this timescale is needed when considering the complexity of the complaint | Not met | None yet |\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3"), None]);
    assert_eq!(row(&t, "6.2").comply_raw, "Met");
    assert_eq!(row(&t, "6.2").evidence, "case system report");
    assert_eq!(row(&t, "6.3").comply_raw, "Partially met");
    assert_eq!(row(&t, "6.3").evidence, "80% on time Monthly report");
    assert_eq!(t.records[2].comply_raw, "Not met", "a row whose number cell is empty is still a row");
}

#[test]
fn layout_a_provision_whose_wording_opens_with_in_and_no_answer() {
    // 9.5 of the 2024 Code opens "In addition to this…": a row, not "9.5 in our policy".
    let t = table(
        "Code provision Code requirement Comply: Yes/No Evidence\n9.4 Landlords must appoint a suitably senior lead person as accountable for their complaint handling. This person must assess any themes or trends to identify potential systemic issues, serious risks, or policies and procedures that require revision. Yes Board minutes.\n9.5 In addition to this a member of the governing body (or equivalent) must be appointed to have lead responsibility for complaints to support a positive complaint handling culture. This person is referred to as the Member Responsible for Complaints ('the MRC').  Terms of reference of the Board.\n",
    );
    assert_eq!(numbers(&t), vec![Some("9.4"), Some("9.5")]);
    assert_eq!(row(&t, "9.4").evidence, "Board minutes.");
    // A reference in lower case still reads on from its number.
    let t = table(&format!("Code provision Code requirement Comply: Yes/No Evidence\n6.2 {ACK_2024} Yes Our policy at\n5.1 in the procedure covers this.\n"));
    assert_eq!(numbers(&t), vec![Some("6.2")]);
}

#[test]
fn layout_policy_paragraphs_in_a_form_that_names_its_provisions() {
    let t = table(&format!(
        "Code provision 6.2\nCode requirement\n{ACK_2024}\nComply\nYes\nEvidence\nComplaints procedure.\n5.1 We log every complaint on the day it arrives.\n5.2 An acknowledgement goes out within five working days.\nCommentary / explanation\nSee 5.1 and 5.2.\nCode provision 6.3\nCode requirement\n{STAGE1_2024}\nComply\nYes\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")]);
    assert!(row(&t, "6.2").evidence.contains("5.2 An acknowledgement"));
    assert_eq!(row(&t, "6.2").commentary, "See 5.1 and 5.2.");
}

#[test]
fn layout_header_and_rows_joined_by_spaces_on_one_line() {
    let t = table(&format!(
        "Complaint handling self-assessment\nCode provision Code requirement Comply: Yes / No Evidence Commentary / explanation 6.2 {ACK_2024} Yes WVH policy 7: acknowledgement within five days. 6.3 {STAGE1_2024} No Stage 1 replies averaged 12 working days.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")]);
    assert_eq!(row(&t, "6.2").comply_raw, "Yes");
    assert_eq!(row(&t, "6.3").comply_raw, "No");
    assert!(row(&t, "6.3").evidence.starts_with("Stage 1 replies averaged"));
    assert!(t.columns.len() == 5, "{:?}", t.columns);
}

#[test]
fn layout_number_with_section_title_and_inline_labels() {
    let t = table(&format!(
        "1.2 - Definition of a complaint\nCode requirement\n{DEF_2024}\nCompliance:   YES\nEvidence\n- Policy, section 2\nCommentary/explanation\n- No change needed\n\nCode section\n1.3\nCode requirement\n{WORD_2024}\nDo we comply\nNo\nEvidence, commentary and explanations\nThe leaflet is being rewritten.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    let r = row(&t, "1.2");
    assert!(r.requirement.starts_with("A complaint must be defined"), "{:?}", r.requirement);
    assert_eq!(r.comply_raw, "YES");
    assert_eq!(row(&t, "1.3").comply_raw, "No");
    assert_eq!(row(&t, "1.3").evidence, "The leaflet is being rewritten.");
}

#[test]
fn layout_numbered_questions_with_a_response_label() {
    let t = table(
        "4. Compliance with the Complaint Handling Code - Communication\n4.1 Are residents kept informed and updated during the complaints process?\nAshcombe District Council response:\nYes. Every resident gets a named caseworker who calls weekly.\n4.3 Are all complaints acknowledged and logged within five days?\nAshcombe District Council response:\nNo.\n",
    );
    assert_eq!(numbers(&t), vec![Some("4.1"), Some("4.3")]);
    assert_eq!(row(&t, "4.1").comply_raw, "Yes");
    assert_eq!(row(&t, "4.1").evidence, "Every resident gets a named caseworker who calls weekly.");
    assert_eq!(row(&t, "4.3").comply_raw, "No.");
}

#[test]
fn layout_requirement_label_then_evidence_without_its_label() {
    let t = table(&format!(
        "Code provision 6.2\n\nCode requirement\n\n{ACK_2024}\n\n\n\n\nOur complaints system records the date each complaint is received.\n\nCode provision 6.3\n\nCode requirement\n\n{STAGE1_2024}\n\nComply\n\nYes\n"
    ));
    let r = row(&t, "6.2");
    assert!(r.requirement.ends_with("being received."), "{:?}", r.requirement);
    assert_eq!(r.evidence, "Our complaints system records the date each complaint is received.");
}

const EXCL_2022: &str = "A complaints policy must clearly set out the circumstances in which a matter will not be considered, and these circumstances should be fair and reasonable to residents.";
const REFUSE_2022: &str = "If a landlord decides not to accept a complaint, a detailed explanation must be provided to the resident setting out the reasons why the matter is not suitable for the complaints process and the right to challenge that decision by taking their complaint to the Housing Ombudsman.";
const ACCEPT_2022: &str = "A landlord must accept a complaint unless there is a valid reason not to do so.";

#[test]
fn layout_a_page_of_rows_run_together_none_numbered() {
    let t = table(&format!(
        "How a complaint is defined\n{ACCEPT_2022}YesWe accept every complaint unless an exclusion in part 4 of our policy applies.\n{EXCL_2022}YesPart 4 of the policy lists the exclusions.\n{REFUSE_2022}NoOur refusal letter does not yet mention the Ombudsman.\n"
    ));
    assert_eq!(t.records.len(), 3, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[2].comply_raw, "No");
    assert!(t.records[1].requirement.starts_with("A complaints policy must clearly"));
    assert_eq!(t.records[1].evidence, "Part 4 of the policy lists the exclusions.");
}

#[test]
fn layout_unnumbered_rows_after_numbered_ones_without_blank_lines() {
    let t = table(&format!(
        "Code sectionCode requirementComply (Yes/No)Evidence, commentary and any explanations\n1.7{ACCEPT_2022}YesWe accept every complaint unless an exclusion applies.\n{EXCL_2022}YesPart 4 of the policy lists the exclusions.\n1.9{REFUSE_2022}YesThe refusal letter template names the Ombudsman.\n"
    ));
    assert_eq!(t.records.len(), 3, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[1].number, None);
    assert_eq!(t.records[1].evidence, "Part 4 of the policy lists the exclusions.");
}

#[test]
fn layout_the_code_quoted_in_an_introduction_is_not_a_row() {
    let t = table(&format!(
        "Our self-assessment\nThe Code says that {ACCEPT_2022} We agree.\n1.8{EXCL_2022}YesPart 4 of the policy lists the exclusions.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.8")]);
}

#[test]
fn layout_a_table_page_without_its_header() {
    for sep in [" | ", "\t"] {
        let t = table(&format!(
            "Stage 1\n6.2{sep}{ACK_2024}{sep}Yes{sep}Case system sets the date.{sep}No change.\n6.3{sep}{STAGE1_2024}{sep}No{sep}Two in three on time.{sep}New caseworker from May.\n"
        ));
        assert_eq!(numbers(&t), vec![Some("6.2"), Some("6.3")], "{sep:?}");
        assert_eq!(row(&t, "6.3").comply_raw, "No");
        assert_eq!(row(&t, "6.3").evidence, "Two in three on time.");
        assert_eq!(row(&t, "6.3").commentary, "New caseworker from May.");
        assert!(t.warnings.iter().any(|w| w.kind == "columns_inferred"));
    }
}

#[test]
fn layout_lines_wrapped_by_the_page() {
    let t = table(
        "Complaints team and process\n\nDoes the complaint officer have authority to compel engagement from\nother departments to resolve disputes?\nYes\n\nIs any third stage optional for\nresidents?\nNot applicable\n",
    );
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[1].comply_raw, "Not applicable");
}

#[test]
fn layout_labelled_records_with_a_number_lost() {
    let t = table(&format!(
        "Code section 1.7\n{ACCEPT_2022}\nCompliance: Yes\nEvidence, commentary and any explanations: Part 4 of our policy.\n{EXCL_2022}\nCompliance: Partial\nEvidence, commentary and any explanations: Two exclusions are being reviewed.\nCode section 1.9\n{REFUSE_2022}\nCompliance: No\n"
    ));
    assert_eq!(t.records.len(), 3, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].comply_raw, "Yes");
    assert_eq!(t.records[0].evidence, "Part 4 of our policy.");
    assert_eq!(t.records[1].number, None);
    assert_eq!(t.records[1].comply_raw, "Partial");
    assert!(t.records[1].requirement.starts_with("A complaints policy must clearly"));
}

#[test]
fn layout_requirement_label_repeated_where_a_number_was_lost() {
    let t = table(&format!(
        "Code provision 6.2\nCode requirement\n{ACK_2024}\nComply\nYes\nEvidence\nCase system.\nCode requirement\n{STAGE1_2024}\nComply\nNo\nEvidence\nTwo in three on time.\n"
    ));
    assert_eq!(t.records.len(), 2);
    assert_eq!(t.records[1].comply_raw, "No");
    assert!(t.records[1].requirement.starts_with("Landlords must issue a full response"));
    assert_eq!(t.records[0].evidence, "Case system.");
}

#[test]
fn layout_header_wrapped_over_two_lines() {
    let t = table(&format!(
        "Code sectionCode requirement (from the Housing Ombudsman Complaint Handling\nCode)Comply (Yes/No)Evidence, commentary and any explanations\n\n{ACCEPT_2022}\n\nYes\n\nPart 4 of our policy lists the exclusions.\n"
    ));
    assert_eq!(t.records.len(), 1);
    assert_eq!(t.records[0].comply_raw, "Yes");
    assert_eq!(t.columns.len(), 4, "{:?}", t.columns);
}

#[test]
fn layout_answer_on_the_line_above_its_row() {
    // Each verdict is printed over its row; a heading may sit between rows. Every record
    // must take the answer above it, not the next record's.
    let t = table(&format!(
        "Quillfield Housing Co-operative - self-assessment\n\nDefinition of a complaint\n\nMet\n1.2 {DEF_2024}\nOur policy uses these words.\n\nNot met\n1.3 {WORD_2024}\nThe web form still asks for the word.\nNew form in May.\n\nPartly met\n1.4 {REQUEST_2024}\nRequests are logged but not yet reviewed.\n\nComplaint handling\n\nMet\n6.2 {ACK_2024}\nThe system sets the five-day clock.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4"), Some("6.2")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Met", "Not met", "Partly met", "Met"]);
    assert!(row(&t, "1.3").evidence.starts_with("The web form still asks"), "{:?}", row(&t, "1.3"));
}

#[test]
fn layout_answer_below_the_requirement_is_not_moved_up() {
    // The common order (requirement, answer, evidence) with a stray answer word closing one
    // row's evidence: answers stay with the row they follow.
    let t = table(&format!(
        "1.2 {DEF_2024}\nYes\nPolicy part 2.\n\n1.3 {WORD_2024}\nNo\nLeaflet to change.\n\n1.4 {REQUEST_2024}\nPartial\nRequests logged.\nYes\n\n6.2 {ACK_2024}\nYes\nFive-day clock.\n"
    ));
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Yes", "No", "Partial", "Yes"]);
}

#[test]
fn layout_tick_columns_under_answer_words() {
    // "Met | Partly met | Not met" columns: the column holding the mark is the answer, an
    // empty box is not a mark, and the evidence column is not taken for an answer.
    let t = table(&format!(
        "Ashgrove Tenants' Housing Society\n\nRef\tRequirement\tMet\tPartly met\tNot met\tOur evidence\n1.2\t{DEF_2024}\t☒\t☐\t☐\tPolicy part 2.\n1.3\t{WORD_2024}\t☐\t☐\t☒\tThe form still asks for the word.\n1.4\t{REQUEST_2024}\t\t✓\t\tRequests are logged, not yet reviewed.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Met", "Not met", "Partly met"]);
    assert_eq!(row(&t, "1.3").evidence, "The form still asks for the word.");
}

#[test]
fn layout_lettered_sub_rows_answered_one_by_one() {
    // A provision whose list items each get a row of their own: one row, its items in its
    // requirement, its evidence in order, the least compliant answer. Written twice: pipes
    // whose writer dropped the items' empty number cell, and tabs that keep it.
    let lead = "As a minimum, the MRC and the governing body (or equivalent) must receive:";
    let items = [
        ("(a) regular updates on the volume, categories and outcomes of complaints, alongside complaint handling performance;", "Yes", "Monthly figures."),
        ("(b) regular reviews of issues and trends arising from complaint handling;", "No", "Not yet reported."),
        ("(c) annual complaints performance and service improvement report.", "Yes", "Annual report."),
    ];
    let before = "The MRC will be responsible for ensuring the governing body receives regular information on complaints that provides insight on the landlord's complaint handling performance.";
    let after = "Landlords must have a standard objective in relation to complaint handling for all relevant employees or third parties";
    let mut pipes = format!("| Provision | Requirement | Compliant? | Evidence |\n| 9.6 | {before} | Yes | Board pack. |\n| 9.7 | {lead} | | |\n");
    let mut tabs = format!("Wrenfield Homes\n\nRef\tRequirement\tComply\tEvidence\n9.6\t{before}\tYes\tBoard pack.\n9.7\t{lead}\t\t\n");
    for (item, answer, evidence) in items {
        pipes.push_str(&format!("| {item} | {answer} | {evidence} |\n"));
        tabs.push_str(&format!("\t{item}\t{answer}\t{evidence}\n"));
    }
    pipes.push_str(&format!("| 9.8 | {after} | Yes | Appraisals. |\n"));
    tabs.push_str(&format!("9.8\t{after}\tYes\tAppraisals.\n"));
    for text in [pipes, tabs] {
        let t = table(&text);
        assert_eq!(numbers(&t), vec![Some("9.6"), Some("9.7"), Some("9.8")], "{text}");
        let r = row(&t, "9.7");
        assert_eq!(r.comply_raw, "No");
        assert!(r.requirement.starts_with("As a minimum") && r.requirement.contains("(b) regular reviews"), "{:?}", r.requirement);
        assert_eq!(r.evidence, "Monthly figures. Not yet reported. Annual report.");
    }
}

#[test]
fn layout_runs_of_spaces_with_empty_cells_and_stage_headings() {
    // Cells joined by two spaces, not aligned; some rows have no commentary (a run fewer);
    // a stage heading right under the header is not the header's second line.
    let t = table(&format!(
        "Pellow Bridge Housing\n\nRef  Requirement  Compliant?  Evidence  Comments\nStage 1\n1.2  {DEF_2024}  Met  Policy part 2.\n1.3  {WORD_2024}  Not met  Web form asks for the word.  New form in May.\n1.4  {REQUEST_2024}  Partially  Requests logged.\n6.2  {ACK_2024}  Met  System clock.  None.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4"), Some("6.2")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Met", "Not met", "Partially", "Met"]);
    assert_eq!(row(&t, "1.4").evidence, "Requests logged.");
    assert_eq!(row(&t, "1.3").commentary, "New form in May.");
}

#[test]
fn layout_no_comply_column_answers_end_the_requirement_or_open_the_evidence() {
    // The header names no comply column: each row answers at the end of its requirement
    // cell, or at the start of its evidence cell.
    let t = table(&format!(
        "Brackenholt Council housing service\n\n| Ref | Requirement and our assessment | Evidence | Comments |\n| 1.2 | {DEF_2024} Fully met | Policy part 2. | |\n| 1.3 | {WORD_2024} | Partly met - the web form still asks for the word. | New form in May. |\n| 1.4 | {REQUEST_2024} Not met | Requests are not yet reviewed. | |\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Fully met", "Partly met", "Not met"]);
    assert!(row(&t, "1.4").requirement.ends_with("reviewed regularly."), "{}", row(&t, "1.4").requirement);
    assert_eq!(row(&t, "1.3").evidence, "the web form still asks for the word.");
}

#[test]
fn layout_2020_answer_ending_the_question_line_after_a_dash() {
    // Answers that only open a cell when prose follows ("Partly", "Not yet") end the line.
    let t = table(
        "Hollinsend Co-operative Homes\n\nDoes the policy have exclusions where a complaint will not be considered? – Partly\nOnly two exclusions are listed.\n\nAre these exclusions reasonable and fair to residents? Not yet\nThe panel reviews them in May.\n\nIs the complaints policy and procedure available online? – Yes\nOn the website.\n",
    );
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Partly", "Not yet", "Yes"]);
    assert_eq!(t.records[1].evidence, "The panel reviews them in May.");
}

#[test]
fn layout_lower_case_answers_where_the_codes_wording_ends() {
    // Cells joined by single spaces and answered in lower case: the answer is where the
    // Code's wording stops, not a "yes" further into the evidence.
    let t = table(&format!(
        "Code provision Code requirement Comply: Yes/No Evidence Commentary/explanation\n1.2 {DEF_2024} yes Policy part 2; yes, staff know it.\n1.3 {WORD_2024} partial The web form still asks for the word.\n6.2 {ACK_2024} no Five-day clock not yet set.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("6.2")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["yes", "partial", "no"]);
    assert!(row(&t, "1.2").evidence.starts_with("Policy part 2"), "{:?}", row(&t, "1.2"));
}

#[test]
fn layout_every_line_indented_by_a_tab() {
    // A copy that kept the page's indentation: every line opens with a tab, so the first
    // column is empty everywhere and is no column of the table.
    let t = table(&format!("\tSection 1 - Definition\n\t1.2\t{DEF_2024}\tYes\tPolicy part 2.\n\t1.3\t{WORD_2024}\tPartly\tForm to change.\n\t1.4\t{REQUEST_2024}\tNo\tNot yet reviewed.\n"));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Yes", "Partly", "No"]);
}

#[test]
fn layout_a_company_line_after_pipe_rows_is_not_the_last_cell() {
    // Rows without a closing pipe, a blank line, then the publisher's company line.
    let t = table(&format!(
        "Ref | Requirement | Comply | Evidence\n1.2 | {DEF_2024} | Yes | Policy part 2.\n1.3 | {WORD_2024} | Yes | Form changed in May.\n\nBrackwell Homes Limited, a charitable registered society. Registered office: 1 Mill Row.\n"
    ));
    assert_eq!(row(&t, "1.3").evidence, "Form changed in May.");
    assert!(t.context.iter().any(|c| c.text.starts_with("Brackwell Homes Limited")), "{:?}", t.context);
}

#[test]
fn layout_requirement_and_compliance_in_one_column() {
    // "Code requirement and compliance": the requirement's column, each cell ending with its
    // labelled answer; the label is neither requirement nor answer.
    let t = table(&format!(
        "Ferncombe Homes\n\n| Code section | Code requirement and compliance | Evidence, commentary and any explanations |\n| 1.2 | {DEF_2024} Compliance: Yes | Policy part 2. |\n| 1.4 | {REQUEST_2024} Our compliance: Partly met | Requests are logged but not yet reviewed. |\n| Code section | Code requirement and compliance | Evidence, commentary and any explanations |\n| 6.2 | {ACK_2024} Compliance: No | Logged within seven days. |\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.4"), Some("6.2")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Yes", "Partly met", "No"]);
    assert!(row(&t, "1.2").requirement.ends_with("group of residents.'"), "{}", row(&t, "1.2").requirement);
    assert!(row(&t, "1.4").requirement.ends_with("reviewed regularly."), "{}", row(&t, "1.4").requirement);
    assert_eq!(row(&t, "1.4").evidence, "Requests are logged but not yet reviewed.");
    // The header repeated over the next section's table is no part of the row above.
    assert!(row(&t, "1.4").requirement.ends_with("reviewed regularly."), "{}", row(&t, "1.4").requirement);
}

#[test]
fn layout_cards_whose_labels_run_into_their_values() {
    // A web page of cards, each label a span beside its value: "Comply Yes", "Evidence The…".
    let t = table(&format!(
        "Thornwick Homes\n\nOur self-assessment\n\n1.2\n{DEF_2024}\nComply Yes\nEvidence The policy uses these words, part 2.\n1.3\n{WORD_2024}\nMet? No\nEvidence, commentary and any explanations 87% of staff trained; the rest by June.\nComment Reviewed in May.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Yes", "No"]);
    assert_eq!(row(&t, "1.2").evidence, "The policy uses these words, part 2.");
    assert_eq!(row(&t, "1.3").evidence, "87% of staff trained; the rest by June.");
    assert_eq!(row(&t, "1.3").commentary, "Reviewed in May.");
}

#[test]
fn layout_2020_answer_in_the_questions_words_is_no_question() {
    // "Most complaints are resolved at stage one." answers the question above it in words
    // close to another question's ("What proportion of complaints are resolved at stage
    // one?"); it asks nothing, so it opens no row of its own.
    use chc_model::{Block, BlockKind};
    let heading = |text: &str| Block { location: 1, kind: BlockKind::Heading { level: 4, text: text.into() } };
    let paragraph = |text: &str| Block { location: 2, kind: BlockKind::Paragraph(text.into()) };
    let blocks = vec![
        heading("Question 3.7"),
        paragraph("Do we keep a record of complaint correspondence including correspondence from the resident?"),
        paragraph("Yes All letters are kept on the case."),
        heading("Question 3.8"),
        paragraph("At what stage are most complaints resolved?"),
        paragraph("Most complaints are resolved at stage one."),
    ];
    let t = blocks_table(blocks);
    assert_eq!(t.records.len(), 2, "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[1].evidence, "Most complaints are resolved at stage one.");
}

#[test]
fn layout_2020_pipe_tables_of_two_columns_without_outer_pipes() {
    // "Question | Answer |" tables, each row closed by a pipe at its end only; a question
    // answered in words ("We run two stages only") does not swallow the next question.
    let t = table(
        "Ashcombe Vale Homes\n\nSelf-assessment question | Answer | Comments |\n---|---|---|\nDoes the policy have exclusions where a complaint will not be considered? | Yes | Policy part 4. |\nSelf-assessment question | Answer |\n---|---|\nIf there is a third stage to the complaints procedure are residents involved in the decision making? | We run two stages only |\nIs any third stage optional for residents? | N/A |\nIs there a complaint officer or equivalent in post? | Yes |\n",
    );
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Yes", "", "N/A", "Yes"], "{:?}", t.records.iter().map(|r| &r.requirement).collect::<Vec<_>>());
    assert_eq!(t.records[0].requirement, "Does the policy have exclusions where a complaint will not be considered?");
    assert_eq!(t.records[0].evidence, "Policy part 4.");
    assert_eq!(t.records[2].requirement, "Is any third stage optional for residents?");
}

#[test]
fn layout_check_box_columns_under_a_header_read_as_one_line() {
    // A filled PDF form: its header came out as one run of text, its rows as cells with a
    // box under "Yes" and one under "No"; the ticked box's column is the answer.
    let t = table(&format!(
        "Kestrelmoor Homes self-assessment\n\nRef Requirement Yes No Evidence\n1.2\t{DEF_2024}\t☒\t☐\tPolicy part 2.\n1.3\t{WORD_2024}\t☐\t☒\tThe web form still asks for the word.\n"
    ));
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Yes", "No"], "{:?}", t.records);
    assert_eq!(row(&t, "1.3").evidence, "The web form still asks for the word.", "{:?}", t.records);
}

#[test]
fn layout_header_without_the_number_column_of_its_rows() {
    // "Question | Yes / No | Evidence" over rows "3.1 | question | Yes | evidence": the
    // number's cell is not the question's.
    let t = table(
        "Tollgate Homes\n\nQuestion | Yes / No | Evidence / comments\n3.1 | Is there a complaint officer or equivalent in post? | Yes | Job description.\n3.5 | Is any third stage optional for residents? | N/A | Two stages only.\n",
    );
    assert_eq!(numbers(&t), vec![Some("3.1"), Some("3.5")]);
    assert_eq!(row(&t, "3.1").requirement, "Is there a complaint officer or equivalent in post?");
    assert_eq!(row(&t, "3.5").comply_raw, "N/A");
    assert_eq!(row(&t, "3.5").evidence, "Two stages only.");
}

#[test]
fn layout_number_printed_alone_then_again_with_its_wording() {
    // One cell per line, the number on its own line and again at the start of the
    // requirement: one row.
    let t = table(&format!(
        "Thornbury Moor Council\n\nCode section\nCode requirement\nComply\nEvidence, commentary and any explanations\n\n1.2\n{DEF_2024}\nYes\nPolicy part 2.\n\n1.3\n1.3 {WORD_2024}\nNo\nThe web form still asks for the word.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3")]);
    assert!(row(&t, "1.3").requirement.starts_with("A resident does not"), "{:?}", row(&t, "1.3"));
    assert_eq!(row(&t, "1.3").comply_raw, "No");
}

#[test]
fn layout_a_list_item_per_provision_with_labelled_lines() {
    // A web page's list, each item one provision: "• Code provision: 2.2", then labelled
    // lines, the requirement's own list inside it; a policy paragraph in a bullet stays
    // evidence.
    let t = table(&format!(
        "Our self-assessment\n\n• Code provision: 1.2\nRequirement: {DEF_2024}\nCompliant: Yes\nEvidence: Policy part 2.\n• 3.2 of the policy repeats it.\n• Code provision: 1.4\nRequirement: {REQUEST_2024}\nCompliant: No\nEvidence: Requests are not yet reviewed.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.4")]);
    assert_eq!(row(&t, "1.4").comply_raw, "No");
    assert!(row(&t, "1.2").evidence.contains("3.2 of the policy"), "{:?}", row(&t, "1.2"));
}

#[test]
fn layout_table_copied_column_by_column() {
    // A PDF's text in content order: the numbers and requirements, then the comply
    // column's label, then each answer with its evidence.
    let t = table(&format!(
        "Hartleigh Homes\n\nCode section\n\nCode requirement\n\n1.2\n{DEF_2024}\n1.3\n{WORD_2024}\n1.4\n{REQUEST_2024}\n\nComply:\nYes/No\n\nEvidence, commentary and any\nexplanations\n\nYes\n\nPolicy part 2.\n\nNo\n\nThe web form still asks\nfor the word.\n\nPartial\n\nRequests are logged.\n"
    ));
    assert_eq!(numbers(&t), vec![Some("1.2"), Some("1.3"), Some("1.4")]);
    let raws: Vec<&str> = t.records.iter().map(|r| r.comply_raw.as_str()).collect();
    assert_eq!(raws, vec!["Yes", "No", "Partial"]);
    assert_eq!(row(&t, "1.3").evidence, "The web form still asks for the word.");
    assert!(row(&t, "1.4").requirement.ends_with("reviewed regularly."), "{}", row(&t, "1.4").requirement);
}

#[test]
fn layout_evidence_line_cut_mid_clause_is_no_label() {
    // A wrapped evidence line that opens with a column word ("Actions promised … are") is
    // the evidence going on, not the "Actions" label.
    let t = table(&format!(
        "Code section Code requirement Comply:\nYes/No\nEvidence, commentary and any\nexplanations\n1.2 {DEF_2024}\nYes Actions promised in responses are\ntracked on a log until done.\n1.3 {WORD_2024}\nNo Leaflet to be reprinted.\n"
    ));
    assert_eq!(row(&t, "1.2").comply_raw, "Yes");
    assert!(row(&t, "1.2").evidence.starts_with("Actions promised in responses are"), "{:?}", row(&t, "1.2"));
}

#[test]
fn layout_one_row_then_its_answer_column() {
    // One row of a section printed, then its comply column's header (label and options) and
    // its answer with evidence: a table read cell by cell.
    let t = table(&format!(
        "Code\nsection\n1.2\n\nCode requirement\n{DEF_2024}\n\nComply:\nYes/No\n\nEvidence, commentary and any\nexplanations\n\nNo\n\nThe leaflet still uses the old words.\n"
    ));
    assert_eq!(row(&t, "1.2").comply_raw, "No", "{:?}", t.records);
    assert_eq!(row(&t, "1.2").evidence, "The leaflet still uses the old words.");
}

#[test]
fn layout_comply_and_evidence_columns_read_as_one() {
    // A designed report set the answer and evidence columns so close that a reader took them
    // for one: the header's cell names both, and each row's answer opens its cell.
    let text = format!(
        "Code provision\tCode requirement\tComply: Yes/No Evidence\tCommentary\n\
         1.2\t{DEF_2024}\tYes Call handlers at Tarnwick Homes use a one-page guide.\tReviewed in May.\n\
         1.3\t{WORD_2024}\tPartially met Third-party complaints are logged, but not always on the day.\t\n\
         1.4\t{REQUEST_2024}\tNo Service requests are not yet monitored.\tPlanned for 2025."
    );
    let t = table(&text);
    assert_eq!(row(&t, "1.2").comply_raw, "Yes");
    assert_eq!(row(&t, "1.2").evidence, "Call handlers at Tarnwick Homes use a one-page guide.");
    assert_eq!(row(&t, "1.3").comply_raw, "Partially met");
    assert_eq!(row(&t, "1.3").evidence, "Third-party complaints are logged, but not always on the day.");
    assert_eq!(row(&t, "1.4").comply_raw, "No");
    assert_eq!(row(&t, "1.4").commentary, "Planned for 2025.");
}

#[test]
fn layout_records_numbered_as_requirements() {
    // "Requirement 6.12" opens a record as "Code provision 6.12" does.
    let text = format!("How we comply\n\nRequirement 5.2\n{ACK_2024}\nOur position: Compliant\nWhat we do\nLogged the day they arrive at Tarnwick Homes.\n\nRequirement 5.3\n{STAGE1_2024}\nOur position: Partially compliant\nWhat we do\nMost replies are on time.\n");
    let t = table(&text);
    assert_eq!(numbers(&t), [Some("5.2"), Some("5.3")]);
    assert_eq!(row(&t, "5.3").comply_raw, "Partially compliant");
}

#[test]
fn layout_an_assessment_column_holds_the_answer_and_its_evidence() {
    // "Ref | Question | Our assessment": the answer opens the assessment, the evidence follows;
    // as a label, "Our assessment: Yes" is the answer alone.
    let text = format!("Ref\tQuestion\tOur assessment\n1.2\t{DEF_2024}\tYes. Section 2 of the Tarnwick Homes policy uses it.\n1.3\t{WORD_2024}\tNo. Third parties are not yet recorded.\n");
    let t = table(&text);
    assert_eq!(row(&t, "1.2").comply_raw, "Yes");
    assert_eq!(row(&t, "1.2").evidence, "Section 2 of the Tarnwick Homes policy uses it.");
    assert_eq!(row(&t, "1.3").comply_raw, "No");
    let labelled = table(&format!("Provision 1.2\n{DEF_2024}\nOur assessment: Fully compliant\nHow we meet this: In the policy.\n\nProvision 1.3\n{WORD_2024}\nOur assessment: Not compliant\nHow we meet this: Not yet.\n"));
    assert_eq!(row(&labelled, "1.2").comply_raw, "Fully compliant");
    assert_eq!(row(&labelled, "1.3").comply_raw, "Not compliant");
}

#[test]
fn layout_each_cell_on_its_own_lines_closed_by_a_pipe_alone() {
    // A crawl prints each cell on lines of its own, each ended by " |"; a cell of several
    // lines (a bulleted requirement) is closed by a pipe alone on its line.
    let text = format!(
        "Code Provision | Code requirement | Comply: yes / no | Evidence |\n---|---|---|---|\n5.2 |\n{ACK_2024}\n• logged on the day\n|\nYes |\nTarnwick Homes logs each one. |\n5.3 |\n{STAGE1_2024}\n|\nNo |\nNot yet. |\n"
    );
    let t = table(&text);
    assert_eq!(row(&t, "5.2").comply_raw, "Yes");
    assert_eq!(row(&t, "5.3").comply_raw, "No");
    assert_eq!(row(&t, "5.3").evidence, "Not yet.");
}

#[test]
fn layout_records_in_blocks_beside_a_table_that_holds_no_row() {
    // A page laid out as accordions ("Provision 6.6", its requirement, "Do we comply? Yes")
    // with a document-control table at its foot: the table holds no row, so the blocks are
    // read as records.
    use chc_model::{Block, BlockKind, StructuredCell, StructuredRow, StructuredTable};
    let heading = |text: &str| Block { location: 1, kind: BlockKind::Heading { level: 2, text: text.into() } };
    let paragraph = |text: &str| Block { location: 2, kind: BlockKind::Paragraph(text.into()) };
    let cell = |text: &str| StructuredCell { text: text.into(), ..Default::default() };
    let control = StructuredTable {
        location: 30,
        caption: None,
        rows: [("Owner", "Tarrowby Housing"), ("Version", "1.2"), ("Approved", "March 2025")]
            .iter()
            .map(|(k, v)| StructuredRow { location: 30, header: false, cells: vec![cell(k), cell(v)] })
            .collect(),
    };
    let blocks = vec![
        heading("Provision 6.10"),
        paragraph("If all or part of the complaint is not resolved to the resident's satisfaction at stage 1, it must be progressed to stage 2 of the landlord's procedure. Stage 2 is the landlord's final response."),
        paragraph("Do we comply? Yes"),
        paragraph("Evidence: Residents can ask for stage 2 by phone or letter."),
        heading("Provision 6.11"),
        paragraph("Requests for stage 2 must be acknowledged, defined and logged at stage 2 of the complaints procedure within five working days of the escalation request being received."),
        paragraph("Do we comply? No"),
        paragraph("Evidence: Seven days on average."),
        Block { location: 30, kind: BlockKind::Table(control) },
    ];
    let t = blocks_table(blocks);
    assert_eq!(t.records.iter().map(|r| (r.number.as_deref(), r.comply_raw.as_str())).collect::<Vec<_>>(), [(Some("6.10"), "Yes"), (Some("6.11"), "No")]);
}
