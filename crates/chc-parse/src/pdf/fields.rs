//! Fillable form fields (AcroForm widgets): the answers of a form filled in a PDF viewer.
//! A field's value is not in the page's content stream (a viewer draws it from the
//! annotation), so a reader of the content alone sees empty Yes/No boxes and empty evidence
//! boxes. Each widget on a page gives its value as text where the widget sits: a check box
//! ☒ when ticked and ☐ when not, a text field or a choice its value, a line per line of it.
//! Push buttons, signatures and hidden widgets give nothing.

use super::{deref, number};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// What a widget shows: its text, where it sits (user space: left, bottom, right, top) and
/// the size its text is set at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldText {
    pub rect: [f64; 4],
    pub size: f64,
    pub lines: Vec<String>,
    /// A check box or radio button: one mark, drawn in the middle of its box.
    pub is_box: bool,
}

/// How far up a field's parents its type and value are looked for ("/Parent" chains are
/// short in real forms; a loop must not hang the reader).
const MOST_PARENTS: usize = 8;
/// Widgets read per page at most: a form has a few per row.
const MOST_WIDGETS: usize = 2_000;
/// Annotation flags: hidden (bit 2) and no-view (bit 6).
const NOT_SHOWN: i64 = 2 | 32;
/// Button field flags: a push button (bit 17) holds no value.
const PUSH_BUTTON: i64 = 1 << 16;

/// The filled-in values of the page's form fields.
pub(crate) fn field_texts(doc: &Document, page_id: ObjectId) -> Vec<FieldText> {
    let Ok(page) = doc.get_dictionary(page_id) else { return Vec::new() };
    let Some(Object::Array(annots)) = page.get(b"Annots").ok().map(|o| deref(doc, o)) else { return Vec::new() };
    annots.iter().take(MOST_WIDGETS).filter_map(|a| deref(doc, a).as_dict().ok()).filter_map(|w| widget_text(doc, w)).collect()
}

fn widget_text(doc: &Document, widget: &Dictionary) -> Option<FieldText> {
    if widget.get(b"Subtype").ok().and_then(|o| deref(doc, o).as_name().ok()) != Some(b"Widget") {
        return None;
    }
    let flags = widget.get(b"F").ok().and_then(|o| number(doc, o)).unwrap_or(0.0) as i64;
    if flags & NOT_SHOWN != 0 {
        return None;
    }
    let rect = rect(doc, widget)?;
    let kind = inherited(doc, widget, b"FT").and_then(|o| o.as_name().ok())?;
    let size = font_size(doc, widget).unwrap_or(((rect[3] - rect[1]) * 0.6).clamp(6.0, 12.0));
    let lines = match kind {
        b"Btn" => {
            let field_flags = inherited(doc, widget, b"Ff").and_then(|o| number(doc, o)).unwrap_or(0.0) as i64;
            if field_flags & PUSH_BUTTON != 0 {
                return None;
            }
            // The widget's appearance state names the state it shows: "Off", or the "on"
            // state's own name ("Yes", "1", "On").
            let state = widget.get(b"AS").ok().and_then(|o| deref(doc, o).as_name().ok());
            let ticked = state.is_some_and(|s| s != b"Off");
            vec![if ticked { "☒" } else { "☐" }.to_string()]
        }
        b"Tx" | b"Ch" => {
            let value = inherited(doc, widget, b"V")?;
            let text = match value {
                Object::Array(items) => items.iter().filter_map(|i| text_string(deref(doc, i))).collect::<Vec<_>>().join(", "),
                other => text_string(other)?,
            };
            let lines: Vec<String> = text.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
            if lines.is_empty() {
                return None;
            }
            lines
        }
        _ => return None,
    };
    Some(FieldText { rect, size, lines, is_box: kind == b"Btn" })
}

/// A text string, its line breaks kept (PDFDocEncoding has no line breaks of its own: its
/// lines are decoded one by one).
pub(super) fn text_string(o: &Object) -> Option<String> {
    let bytes = o.as_str().ok()?;
    if bytes.starts_with(b"\xFE\xFF") || bytes.starts_with(b"\xEF\xBB\xBF") {
        return lopdf::decode_text_string(o).ok();
    }
    let lines: Vec<String> = bytes.split(|b| matches!(b, b'\r' | b'\n')).filter_map(|l| lopdf::decode_text_string(&Object::string_literal(l.to_vec())).ok()).collect();
    Some(lines.join("\n"))
}

/// A key of the field: on the widget, else on its parents (a widget is often a kid of the
/// field that holds the type and the value).
fn inherited<'a>(doc: &'a Document, widget: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    super::inherited_within(doc, widget, key, MOST_PARENTS)
}

fn rect(doc: &Document, widget: &Dictionary) -> Option<[f64; 4]> {
    let Object::Array(r) = deref(doc, widget.get(b"Rect").ok()?) else { return None };
    let n: Vec<f64> = r.iter().filter_map(|o| number(doc, o)).collect();
    let [x0, y0, x1, y1] = n[..] else { return None };
    let rect = [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
    rect.iter().all(|v| v.is_finite()).then_some(rect)
}

/// The size in the field's default appearance ("/Helv 10 Tf"); 0 means "fit the box".
fn font_size(doc: &Document, widget: &Dictionary) -> Option<f64> {
    let da = inherited(doc, widget, b"DA")?.as_str().ok()?;
    let da = String::from_utf8_lossy(da);
    let words: Vec<&str> = da.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "Tf")?;
    let size: f64 = words.get(at.checked_sub(1)?)?.parse().ok()?;
    (size > 0.0 && size <= 72.0).then_some(size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page document whose page carries `widgets` (each a dictionary built by the test).
    fn page_with(widgets: Vec<Dictionary>) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let content = doc.add_object(Stream::new(dictionary! {}, Vec::new()));
        let annots: Vec<Object> = widgets.into_iter().map(|w| Object::Reference(doc.add_object(w))).collect();
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content,
            "Annots" => annots,
        });
        (doc, page)
    }

    fn widget(kind: &str, extra: Dictionary) -> Dictionary {
        let mut d = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => Object::Name(kind.as_bytes().to_vec()),
            "Rect" => vec![100.into(), 700.into(), 300.into(), 720.into()],
            "DA" => Object::string_literal("/Helv 9 Tf 0 g"),
        };
        d.extend(&extra);
        d
    }

    #[test]
    fn check_boxes_text_and_choices_read_as_a_viewer_shows_them() {
        let (doc, page) = page_with(vec![
            widget("Btn", dictionary! { "AS" => "Yes", "V" => "Yes" }),
            widget("Btn", dictionary! { "AS" => "Off" }),
            widget("Tx", dictionary! { "V" => Object::string_literal("Policy part 4.\rLeaflet p.2") }),
            widget("Ch", dictionary! { "V" => Object::string_literal("Partially") }),
            // A push button, a hidden field and an empty text field show nothing.
            widget("Btn", dictionary! { "Ff" => 1 << 16, "AS" => "On" }),
            widget("Tx", dictionary! { "F" => 2, "V" => Object::string_literal("secret") }),
            widget("Tx", dictionary! {}),
        ]);
        let got: Vec<Vec<String>> = field_texts(&doc, page).into_iter().map(|f| f.lines).collect();
        assert_eq!(got, vec![vec!["☒"], vec!["☐"], vec!["Policy part 4.", "Leaflet p.2"], vec!["Partially"]]);
        assert_eq!(field_texts(&doc, page)[0].size, 9.0);
    }

    #[test]
    fn a_widgets_type_and_value_come_from_its_parent_field() {
        let mut doc = Document::with_version("1.5");
        let parent = doc.add_object(dictionary! { "FT" => "Tx", "T" => Object::string_literal("answer_1_2"), "V" => Object::string_literal("Yes") });
        let kid = doc.add_object(dictionary! {
            "Subtype" => "Widget",
            "Parent" => parent,
            "Rect" => vec![10.into(), 10.into(), 60.into(), 30.into()],
        });
        let page = doc.add_object(dictionary! { "Type" => "Page", "Annots" => vec![Object::Reference(kid)] });
        let got = field_texts(&doc, page);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].lines, vec!["Yes"]);
        assert_eq!(got[0].rect, [10.0, 10.0, 60.0, 30.0]);
    }

    #[test]
    fn a_parent_loop_ends() {
        let mut doc = Document::with_version("1.5");
        let a = doc.new_object_id();
        let b = doc.add_object(dictionary! { "Parent" => a });
        doc.objects.insert(a, Object::Dictionary(dictionary! { "Subtype" => "Widget", "Parent" => b, "Rect" => vec![0.into(), 0.into(), 5.into(), 5.into()] }));
        let page = doc.add_object(dictionary! { "Type" => "Page", "Annots" => vec![Object::Reference(a)] });
        assert!(field_texts(&doc, page).is_empty());
    }
}
