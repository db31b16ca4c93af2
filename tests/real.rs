//! End-to-end: the re-created real forms of `fixtures/real/` (issue 17). The `dev` half is
//! what the readers were tuned on and is held to its measured level; the `test` half is held
//! out (never tuned on) and only has to extract without failures and score above a floor well
//! below its measured level, so that a regression shows without the half being tuned on.
//! `scripts/real-score.py` prints both halves per layout.

use chc_eval::evaluate;

mod common;
use common::*;

struct Floor {
    rows_found: f64,
    comply: f64,
    version: f64,
    landlord: f64,
    extra_rows_forms: usize,
}

fn score(half: &str, floor: Floor) {
    score_set(half, &format!("fixtures/real/{half}"), &format!("fixtures/real/{half}/gold"), floor);
}

fn score_set(half: &str, input: &str, gold: &str, floor: Floor) {
    let out = tmp(half);
    let o = chc(&["extract", input, "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{half}: every form extracts: {}", String::from_utf8_lossy(&o.stderr));
    let report = evaluate(&repo().join(gold), &out).unwrap();
    let m = &report.overall;
    let extra = report.documents.iter().filter(|d| d.metrics.counts.extracted_rows > d.metrics.counts.provision_tp).count();
    let summary = format!(
        "{half}: rows found {:.3}, comply {:.3}, version {:.3}, landlord {:.3}, forms with extra rows {extra} of {}",
        m.provision_recall,
        m.comply_accuracy,
        m.code_version_accuracy,
        m.landlord_accuracy,
        report.documents.len()
    );
    eprintln!("{summary}");
    assert!(m.provision_recall >= floor.rows_found, "{summary}");
    assert!(m.comply_accuracy >= floor.comply, "{summary}");
    assert!(m.code_version_accuracy >= floor.version, "{summary}");
    assert!(m.landlord_accuracy >= floor.landlord, "{summary}");
    assert!(extra <= floor.extra_rows_forms, "{summary}");
}

#[test]
fn dev_half_holds_its_level() {
    score("dev", PERFECT);
}

/// Every form of the set right: rows, answers, version and landlord, and no extra row.
const PERFECT: Floor = Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 };

/// A blind set (`fixtures/<set>/forms` with its gold), scored against `floor`.
fn blind_set(set: &str, floor: Floor) {
    score_set(set, &format!("fixtures/{set}/forms"), &format!("fixtures/{set}/gold"), floor);
}

/// The blind set (fixtures/blind): written by someone who had not seen the code; its first
/// score is in its README, and after its failures were fixed it is held like the dev half.
#[test]
fn blind_set_holds_its_level() {
    blind_set("blind", PERFECT);
}

/// The second blind set (fixtures/blind2), held the same way.
#[test]
fn second_blind_set_holds_its_level() {
    blind_set("blind2", PERFECT);
}

/// The third blind set (fixtures/blind3: forms without numbers, cut mid-table, 2020
/// questionnaires, landlords named in odd places or not at all), held the same way.
#[test]
fn third_blind_set_holds_its_level() {
    blind_set("blind3", PERFECT);
}

/// The fourth blind set (fixtures/blind4: every layout of issue 17, landlords named
/// anywhere or not at all), held the same way; one answer glued to a lower-case brand
/// ("…('the MRC').Yeswhg's Board") is not read.
#[test]
fn fourth_blind_set_holds_its_level() {
    blind_set("blind4", Floor { rows_found: 1.0, comply: 0.99, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// The fifth blind set (fixtures/blind5: web pages, tables and table-less markup, the
/// publisher named only in a title, a logo, a footer or a link, or nowhere), held the same way.
#[test]
fn fifth_blind_set_holds_its_level() {
    blind_set("blind5", PERFECT);
}

/// The sixth blind set (fixtures/blind6: answers before or after the requirement, rows
/// answering two provisions, sub-rows, trading names, related-page lists), held at its
/// level: what is still missed is listed in BENCHMARKS.md.
#[test]
fn sixth_blind_set_holds_its_level() {
    blind_set("blind6", Floor { rows_found: 0.99, comply: 0.99, version: 1.0, landlord: 0.93, extra_rows_forms: 0 });
}

/// The seventh blind set (fixtures/blind7: pages that name their publisher only inside a
/// cell, in the chrome, by a domain or an alias, or never), held the same way.
#[test]
fn seventh_blind_set_holds_its_level() {
    blind_set("blind7", PERFECT);
}

/// The eighth blind set (fixtures/blind8: tables that break: quoted multi-line cells, headers
/// on two lines, page breaks inside a cell, empty cells, answers at a cell's end), held at
/// its level: what is still missed is listed in BENCHMARKS.md.
#[test]
fn eighth_blind_set_holds_its_level() {
    blind_set("blind8", Floor { rows_found: 1.0, comply: 0.985, version: 1.0, landlord: 1.0, extra_rows_forms: 1 });
}

/// The ninth blind set (fixtures/blind9: PDFs from five writers, DOCX and ODT), held at its
/// level.
#[test]
fn ninth_blind_set_holds_its_level() {
    blind_set("blind9", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// The tenth blind set (fixtures/blind10: pages that never name themselves but name other
/// landlords as owners, partners, parents or destinations), held at its level.
#[test]
fn tenth_blind_set_holds_its_level() {
    blind_set("blind10", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.83, extra_rows_forms: 0 });
}

/// The eleventh blind set (fixtures/blind11: long, centred, two-level-header and table-less
/// PDFs, tab-stop Word forms), held at its level.
#[test]
fn eleventh_blind_set_holds_its_level() {
    blind_set("blind11", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// The twelfth blind set (fixtures/blind12: web pages naming their publisher in one chrome
/// place or nowhere, other landlords in ownership-like ways), held at its level.
#[test]
fn twelfth_blind_set_holds_its_level() {
    blind_set("blind12", Floor { rows_found: 1.0, comply: 1.0, version: 0.95, landlord: 0.79, extra_rows_forms: 0 });
}

/// The thirteenth blind set (fixtures/blind13: crawled layouts, tab-indented copies, 2020
/// questionnaires in several shapes), held at its level.
#[test]
fn thirteenth_blind_set_holds_its_level() {
    blind_set("blind13", Floor { rows_found: 1.0, comply: 0.96, version: 1.0, landlord: 0.96, extra_rows_forms: 0 });
}

/// The fourteenth blind set (fixtures/blind14: crawled pages in the mix of layouts and
/// publisher placements that 20 real pages showed, nine of them never naming their
/// publisher), held at its level.
#[test]
fn fourteenth_blind_set_holds_its_level() {
    blind_set("blind14", PERFECT);
}

/// The fifteenth blind set (fixtures/blind15: CMS web pages, many without a table: headings
/// and paragraphs, cards, summary lists, accordions, icon and image answers), held at its
/// level.
#[test]
fn fifteenth_blind_set_holds_its_level() {
    blind_set("blind15", PERFECT);
}

/// The sixteenth blind set (fixtures/blind16: Chromium prints with the browser's own header
/// and footer, ReportLab reports, Word check boxes, Word files converted to PDF), held at
/// its level.
#[test]
fn sixteenth_blind_set_holds_its_level() {
    blind_set("blind16", PERFECT);
}

/// The seventeenth blind set (fixtures/blind17: the hardest crawled shapes: answers far from
/// their rows, hedged answers, chunks that start mid-row, numbers printed twice or lost),
/// held at its level.
#[test]
fn seventeenth_blind_set_holds_its_level() {
    blind_set("blind17", Floor { rows_found: 0.99, comply: 0.96, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// The eighteenth blind set (fixtures/blind18: web pages with heavy realistic chrome:
/// partner lists, group footers, ALMO and owner councils, legal-entity lines), held at its
/// level.
#[test]
fn eighteenth_blind_set_holds_its_level() {
    blind_set("blind18", PERFECT);
}

/// The nineteenth blind set (fixtures/blind19: tagged PDFs, PDF form fields, wide landscape
/// tables, newspaper columns, hyphenation and ligatures), held at its level.
#[test]
fn nineteenth_blind_set_holds_its_level() {
    blind_set("blind19", PERFECT);
}

/// The twentieth blind set (fixtures/blind20: the publisher in its real spellings, and pages
/// naming only other bodies), held at its level.
#[test]
fn twentieth_blind_set_holds_its_level() {
    blind_set("blind20", PERFECT);
}

/// The twenty-first blind set (fixtures/blind21: Word's own structures: tracked changes,
/// comments, footnotes, text boxes, drop-downs, merged cells, nested tables), held at its
/// level.
#[test]
fn twenty_first_blind_set_holds_its_level() {
    blind_set("blind21", PERFECT);
}

/// The twenty-second blind set (fixtures/blind22: tables without `<table>`: ARIA and CSS
/// grids, data-label cells, a table per provision, an iframe's document), held at its level.
#[test]
fn twenty_second_blind_set_holds_its_level() {
    blind_set("blind22", PERFECT);
}

/// The twenty-third blind set (fixtures/blind23: a second sample of the real mix, with a
/// joint page, initials with a domain, a contact line as the only name), held at its level.
#[test]
fn twenty_third_blind_set_holds_its_level() {
    blind_set("blind23", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.96, extra_rows_forms: 0 });
}

/// The twenty-fourth blind set (fixtures/blind24: ordinary PDFs: the Word template exported,
/// committee reports with the form as an appendix, browser prints), held at its level.
#[test]
fn twenty_fourth_blind_set_holds_its_level() {
    blind_set("blind24", PERFECT);
}

/// The twenty-fifth blind set (fixtures/blind25: pages as browsers save them: MHTML in
/// quoted-printable and base64, complete pages, text-only saves), held at its level.
#[test]
fn twenty_fifth_blind_set_holds_its_level() {
    blind_set("blind25", PERFECT);
}

/// The twenty-sixth blind set (fixtures/blind26: the 2020 Code in every shape, and 2022 and
/// 2024 forms that name other years), held at its level.
#[test]
fn twenty_sixth_blind_set_holds_its_level() {
    blind_set("blind26", Floor { rows_found: 0.99, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// The twenty-seventh blind set (fixtures/blind27: PDFs as text tools give them: `pdftotext
/// -layout`, `-raw`, default, pdfminer), held at its level: text in content order is the
/// weakest shape left.
#[test]
fn twenty_seventh_blind_set_holds_its_level() {
    blind_set("blind27", Floor { rows_found: 0.98, comply: 0.82, version: 1.0, landlord: 1.0, extra_rows_forms: 2 });
}

/// The twenty-eighth and twenty-ninth blind sets (fixtures/blind28: web pages, and
/// fixtures/blind29: crawled text, both copying the mix of real landlord pages, councils and
/// associations alike), held at their level.
#[test]
fn twenty_eighth_and_twenty_ninth_blind_sets_hold_their_level() {
    blind_set("blind28", PERFECT);
    blind_set("blind29", PERFECT);
}

/// The thirtieth to thirty-third blind sets: PDFs from the Java libraries document systems
/// use (fixtures/blind30: iText 5, PDFBox 2 drawing word by word and letter by letter), from
/// Python and HTML report writers (fixtures/blind31: WeasyPrint, fpdf2, PyMuPDF), from
/// typesetters (fixtures/blind32: pdfLaTeX, pandoc, groff), and Word files from other writers
/// and Word's own form controls (fixtures/blind33: pandoc, python-docx, WordprocessingML,
/// Google Docs), held at their level.
#[test]
fn thirtieth_to_thirty_third_blind_sets_hold_their_level() {
    blind_set("blind30", PERFECT);
    blind_set("blind31", Floor { rows_found: 1.0, comply: 0.98, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind32", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind33", PERFECT);
}

/// The thirty-fourth to thirty-sixth blind sets: PDFs drawn as Microsoft Word exports them
/// (fixtures/blind34: filled-rectangle borders, check-box glyphs, artifacts), council and
/// board agenda packs holding the form among budget, performance and action-plan tables
/// (fixtures/blind35), and text and web pages in the encodings, line endings and file names
/// people save them with (fixtures/blind36), held at their level.
#[test]
fn thirty_fourth_to_thirty_sixth_blind_sets_hold_their_level() {
    blind_set("blind34", PERFECT);
    blind_set("blind35", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 1 });
    blind_set("blind36", PERFECT);
}

/// The thirty-seventh and thirty-eighth blind sets: self-assessments kept in a spreadsheet
/// and printed to PDF (fixtures/blind37: wide sheets printed across pages, clipped cells,
/// colour-only ratings), and scanned forms with an OCR text layer or fonts without a Unicode
/// map (fixtures/blind38: the weakest shape; its text layer misreads a quarter of the answer
/// cells), held at their level.
#[test]
fn thirty_seventh_and_thirty_eighth_blind_sets_hold_their_level() {
    blind_set("blind37", Floor { rows_found: 1.0, comply: 0.99, version: 1.0, landlord: 1.0, extra_rows_forms: 1 });
    blind_set("blind38", Floor { rows_found: 0.73, comply: 0.61, version: 1.0, landlord: 0.87, extra_rows_forms: 1 });
}

/// The thirty-ninth and fortieth blind sets, made as estimates rather than traps: PDFs in the
/// real mix of published self-assessments (fixtures/blind39: the Word template exported,
/// committee appendices, browser prints) and the Ombudsman's Word template as landlords fill
/// it (fixtures/blind40), held at their level.
#[test]
fn thirty_ninth_and_fortieth_blind_sets_hold_their_level() {
    blind_set("blind39", PERFECT);
    blind_set("blind40", PERFECT);
}

/// The forty-first and forty-second blind sets, estimates: web pages and crawled text in the
/// real mix (fixtures/blind41, fixtures/blind42), held at their level.
#[test]
fn forty_first_and_forty_second_blind_sets_hold_their_level() {
    blind_set("blind41", PERFECT);
    blind_set("blind42", PERFECT);
}

/// Where pages name their publisher: in a crawled page's furniture, as real landlord sites
/// do (fixtures/blind43), and only inside the form's cells or nowhere (fixtures/blind44), held
/// at their level.
#[test]
fn forty_third_and_forty_fourth_blind_sets_hold_their_level() {
    blind_set("blind43", PERFECT);
    blind_set("blind44", PERFECT);
}

/// Where PDF and Word files name their publisher (fixtures/blind45: covers, running headers
/// and footers, logos, document properties, sign-offs) and where web pages do (fixtures/blind46:
/// `<title>`, JSON-LD, logos, banners, footers; one page names only the council whose homes
/// it manages, and its link), held at their level.
#[test]
fn forty_fifth_and_forty_sixth_blind_sets_hold_their_level() {
    blind_set("blind45", PERFECT);
    blind_set("blind46", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
}

/// Real stored pages re-created with their way of naming the landlord (fixtures/blind47), and 2020
/// questionnaires and label/value records named as councils and associations name them
/// (fixtures/blind48), held at their level.
#[test]
fn forty_seventh_and_forty_eighth_blind_sets_hold_their_level() {
    blind_set("blind47", PERFECT);
    blind_set("blind48", Floor { rows_found: 1.0, comply: 0.99, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// Councils that hold homes, named as councils name themselves (fixtures/blind49), and housing
/// associations inside groups, brands, mergers and trading names (fixtures/blind50), held at
/// their level.
#[test]
fn forty_ninth_and_fiftieth_blind_sets_hold_their_level() {
    blind_set("blind49", PERFECT);
    blind_set("blind50", PERFECT);
}

/// Self-assessments printed inside committee and annual reports (fixtures/blind51), and text
/// copied out of published PDFs, covers and running headers included (fixtures/blind52; its
/// columns copied one after another are the weak shape for answers), held at their level.
#[test]
fn fifty_first_and_fifty_second_blind_sets_hold_their_level() {
    blind_set("blind51", PERFECT);
    blind_set("blind52", Floor { rows_found: 1.0, comply: 0.87, version: 1.0, landlord: 1.0, extra_rows_forms: 1 });
}

/// One section of a form per page of a landlord's site (fixtures/blind53), and pages printed
/// from a browser and copied, print stamps and addresses included (fixtures/blind54), held at
/// their level.
#[test]
fn fifty_third_and_fifty_fourth_blind_sets_hold_their_level() {
    blind_set("blind53", PERFECT);
    blind_set("blind54", PERFECT);
}

/// A landlord's name as pages really spell it (fixtures/blind55: kinds shortened, saints spelled
/// out, hyphens, typos, names broken over lines or run into the next word), and small landlords (fixtures/blind56: almshouses, co-operatives,
/// TMOs; a "Hospital" charity named only in an address or a footer is left undone), held at
/// their level.
#[test]
fn fifty_fifth_and_fifty_sixth_blind_sets_hold_their_level() {
    blind_set("blind55", PERFECT);
    blind_set("blind56", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.9, extra_rows_forms: 0 });
}

/// Crawled pages whose cells and chrome run together (fixtures/blind57: glued headers,
/// footers, titles and evidence; a name opening a cell as a possessive is left undone), and
/// label/value and one-cell-per-line
/// pages that name their landlord only in passing (fixtures/blind58: "We are X", "landlords,
/// such as X", initials; a joint service that says one of its two councils lets the homes is
/// left undone), held at their level.
#[test]
fn fifty_seventh_and_fifty_eighth_blind_sets_hold_their_level() {
    blind_set("blind57", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind58", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
}

/// Whole pages as sites publish them, one design each for landlords no set had used
/// (fixtures/blind59), and pages that name other bodies besides the publisher (fixtures/blind60:
/// county councils, partners, parents, contractors, peers, owners of managed homes), held at
/// their level.
#[test]
fn fifty_ninth_and_sixtieth_blind_sets_hold_their_level() {
    blind_set("blind59", PERFECT);
    blind_set("blind60", PERFECT);
}

/// Pages that name their landlord only by a short form (fixtures/blind61: a place, initials,
/// a brand without its kind, a web address; common words such as "Look Ahead" or "Trident",
/// a three-letter acronym, and invented one-word names a reader cannot tell from places are
/// left undone), and council and association sites with one section per page
/// (fixtures/blind62), held at their level.
#[test]
fn sixty_first_and_sixty_second_blind_sets_hold_their_level() {
    blind_set("blind61", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.75, extra_rows_forms: 0 });
    blind_set("blind62", PERFECT);
}

/// Housing groups and their members (fixtures/blind63), and 2020 questionnaires as
/// landlords published them (fixtures/blind64), held at their level.
#[test]
fn sixty_third_and_sixty_fourth_blind_sets_hold_their_level() {
    blind_set("blind63", PERFECT);
    blind_set("blind64", Floor { rows_found: 1.0, comply: 0.98, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// Committee reports (fixtures/blind65), annual complaints reports (blind66), CMS pages (blind67),
/// PDFs from writers other than LibreOffice (blind68), Word check boxes (blind69), awkward names
/// (blind70: an almshouse known by its everyday name is left undone), texts from PDF-to-text
/// tools (blind71: plain `pdftotext` tables read column after column are left undone) and small
/// landlords (blind72), held at their level.
#[test]
fn sixty_fifth_to_seventy_second_blind_sets_hold_their_level() {
    blind_set("blind65", Floor { rows_found: 1.0, comply: 0.992, version: 1.0, landlord: 1.0, extra_rows_forms: 1 });
    blind_set("blind66", PERFECT);
    blind_set("blind67", PERFECT);
    blind_set("blind68", Floor { rows_found: 0.987, comply: 0.963, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind69", PERFECT);
    blind_set("blind70", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind71", Floor { rows_found: 0.984, comply: 0.944, version: 1.0, landlord: 1.0, extra_rows_forms: 1 });
    blind_set("blind72", Floor { rows_found: 1.0, comply: 0.991, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// Confusable names (fixtures/blind73), document-control blocks (blind74), councils (blind75: a
/// council named only as 'the Council's' beside its ALMO is left undone), housing associations
/// (blind76), PDFs (blind77) and HTML and Word (blind78), held at their level.
#[test]
fn seventy_third_to_seventy_eighth_blind_sets_hold_their_level() {
    blind_set("blind73", PERFECT);
    blind_set("blind74", PERFECT);
    blind_set("blind75", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind76", PERFECT);
    blind_set("blind77", Floor { rows_found: 1.0, comply: 0.993, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind78", PERFECT);
}

/// Unusual answer words (fixtures/blind79), designed PDFs with tight columns (blind80), HTML from
/// office writers (blind81), Word files from other writers with edits left in (blind82) and
/// invented landlords' pages (blind83), held at their level.
#[test]
fn seventy_ninth_to_eighty_third_blind_sets_hold_their_level() {
    blind_set("blind79", PERFECT);
    blind_set("blind80", Floor { rows_found: 1.0, comply: 0.993, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind81", Floor { rows_found: 0.993, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind82", PERFECT);
    blind_set("blind83", PERFECT);
}

/// Invented councils and ALMOs (fixtures/blind84) and housing associations (blind85), pages
/// published for more than one body (blind86: two councils named as one under a shared
/// service's banner, a consortium, and a group page under a member's brand are left undone),
/// publishers named only by traces (blind87), 2020 questionnaires in office formats (blind88)
/// and long PDFs whose tables run over many pages (blind89: an answer wrapped inside a word
/// in a narrow column is left undone), held at their level.
#[test]
fn eighty_fourth_to_eighty_ninth_blind_sets_hold_their_level() {
    blind_set("blind84", PERFECT);
    blind_set("blind85", PERFECT);
    blind_set("blind86", Floor { rows_found: 1.0, comply: 0.978, version: 1.0, landlord: 0.85, extra_rows_forms: 0 });
    blind_set("blind87", PERFECT);
    blind_set("blind88", PERFECT);
    blind_set("blind89", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// Estimates written in the session's last hour: crawled pages one real design each
/// (fixtures/blind90: each cell on lines of its own, closed by a pipe alone), HTML pages (blind91: "X Housing and Support" in a `<title>` is left
/// undone), filled templates as PDFs (blind92) and pages that name themselves in their own
/// words (blind93: "anyone who rents from X" and a 2020 list numbered like 2024 provisions are
/// left undone), held at their level.
#[test]
fn ninetieth_to_ninety_third_blind_sets_hold_their_level() {
    blind_set("blind90", PERFECT);
    blind_set("blind91", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind92", Floor { rows_found: 1.0, comply: 0.992, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind93", Floor { rows_found: 1.0, comply: 1.0, version: 0.95, landlord: 0.95, extra_rows_forms: 0 });
}

/// Session 10's sets: real landlords not used before (94, 98), councils spelled every way
/// (95), brands without a kind word (96, 99), pages crowded with other bodies (97, 102),
/// publishers named only in markup (100) or a PDF's edges (101), words broken by narrow
/// columns (103).
#[test]
fn ninety_fourth_to_hundred_and_third_blind_sets_hold_their_level() {
    blind_set("blind94", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind95", PERFECT);
    blind_set("blind96", PERFECT);
    blind_set("blind97", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind98", Floor { rows_found: 1.0, comply: 0.995, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind99", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.75, extra_rows_forms: 0 });
    blind_set("blind100", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind101", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind102", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind103", Floor { rows_found: 0.96, comply: 0.94, version: 1.0, landlord: 1.0, extra_rows_forms: 3 });
}

/// Session 10's last sets: estimates with invented landlords (104 text, 105 HTML, 106 PDF and
/// Word), ALMOs and the councils they manage homes for (107), answers in a landlord's own
/// words (108: answers on a rating scale with a key, and RAG colours with a key, are not read
/// yet).
#[test]
fn hundred_and_fourth_to_hundred_and_eighth_blind_sets_hold_their_level() {
    blind_set("blind104", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind105", Floor { rows_found: 1.0, comply: 1.0, version: 0.95, landlord: 1.0, extra_rows_forms: 0 });
    blind_set("blind106", PERFECT);
    blind_set("blind107", Floor { rows_found: 1.0, comply: 1.0, version: 1.0, landlord: 0.95, extra_rows_forms: 0 });
    blind_set("blind108", Floor { rows_found: 1.0, comply: 0.81, version: 0.95, landlord: 1.0, extra_rows_forms: 0 });
}

/// Session 10's fourth round: real landlords not used before (109), a second web-page estimate
/// (110, a form split over tab panels), brand-named publishers beside
/// other brand-named bodies (111), councils (112), PDFs printed from web pages and designed
/// reports (113).
#[test]
fn hundred_and_ninth_to_hundred_and_thirteenth_blind_sets_hold_their_level() {
    blind_set("blind109", PERFECT);
    blind_set("blind110", PERFECT);
    blind_set("blind111", PERFECT);
    blind_set("blind112", PERFECT);
    blind_set("blind113", Floor { rows_found: 0.995, comply: 0.98, version: 1.0, landlord: 1.0, extra_rows_forms: 0 });
}

/// Session 10's last round, estimates scored on arrival with the session's own binary:
/// crawled text (114), web pages (115), PDFs and Word files (116).
#[test]
fn hundred_and_fourteenth_to_hundred_and_sixteenth_blind_sets_hold_their_level() {
    blind_set("blind114", PERFECT);
    blind_set("blind115", PERFECT);
    blind_set("blind116", PERFECT);
}

/// The session's last three sets, real landlords not used before (crawled text, web pages,
/// PDFs and Word files), scored on arrival with the session's binary: all perfect.
#[test]
fn hundred_and_seventeenth_to_hundred_and_nineteenth_blind_sets_hold_their_level() {
    blind_set("blind117", PERFECT);
    blind_set("blind118", PERFECT);
    blind_set("blind119", PERFECT);
}

/// Session 11's estimates (crawled text, web pages, PDFs and Word files; half real landlords
/// used once long ago, half invented), then sets on stored chunks of long pages, widgets a
/// reader opens, and writers other than LibreOffice and Chromium. On arrival: landlord 109 of
/// 120; rows 827 of 859. All now perfect.
#[test]
fn hundred_and_twentieth_to_hundred_and_twenty_fifth_blind_sets_hold_their_level() {
    for set in ["blind120", "blind121", "blind122", "blind123", "blind124", "blind125"] {
        blind_set(set, PERFECT);
    }
}

/// Session 11's second round: answers shown as icons and images (labelled svg, image roles,
/// emoji), Word's legacy form fields and content controls, older forms answered in prose
/// ("They are.", "Our response:"), and the Ombudsman's template exported from Word. On
/// arrival: landlord 78 of 80, comply 562 of 653. All now perfect.
#[test]
fn hundred_and_twenty_sixth_to_hundred_and_twenty_ninth_blind_sets_hold_their_level() {
    for set in ["blind126", "blind127", "blind128", "blind129"] {
        blind_set(set, PERFECT);
    }
}

/// Session 11's third round: forms whose Code version is not plain (transitional, both
/// numberings, extracts), PDFs laid out as reports (spreadsheets, two columns, coloured
/// status cells, "CHC 5.4" references), forms built of `<div>`s, and a sixth crawled-text
/// estimate. On arrival: landlord 78 of 80, rows 575 of 576. All now perfect.
#[test]
fn hundred_and_thirtieth_to_hundred_and_thirty_third_blind_sets_hold_their_level() {
    for set in ["blind130", "blind131", "blind132", "blind133"] {
        blind_set(set, PERFECT);
    }
}

/// Session 11's last round: a table per provision or on its side, Word habits (struck
/// answers, legacy fields, hidden text), text copied out of PDFs by four tools, and real
/// landlords used once long ago. On arrival: landlord 75 of 80, rows 578 of 618, comply 519 of
/// 578 (most of it blind134's tables on their side and blind135's struck answers).
#[test]
fn hundred_and_thirty_fourth_to_hundred_and_thirty_seventh_blind_sets_hold_their_level() {
    blind_set("blind134", Floor { rows_found: 1.0, comply: 0.89, version: 1.0, landlord: 1.0, extra_rows_forms: 3 });
    blind_set("blind135", PERFECT);
    blind_set("blind136", Floor { rows_found: 1.0, comply: 0.9, version: 1.0, landlord: 1.0, extra_rows_forms: 1 });
    blind_set("blind137", PERFECT);
}

#[test]
fn test_half_extracts_above_a_floor() {
    score("test", Floor { rows_found: 0.95, comply: 0.95, version: 0.95, landlord: 0.8, extra_rows_forms: 2 });
}
