//! `chc report DIR --html report.html`: one self-contained HTML page (inline CSS and JS,
//! no network) built from an output folder's `documents/*.json`:
//! summary counts, a landlord × provision heatmap of comply values per Code version
//! (sortable by any column, filterable by landlord, version and comply value), the
//! non-compliances with their stated actions and target dates, and each document's
//! extraction warnings. All document text is HTML-escaped.
//!
//! The page's script sets `data-ready="1"` on `<body>` once it has run without an
//! exception; an uncaught error sets `data-error` on `<body>` and shows a banner instead
//! (the Chromium test in tests/datasets.rs checks both).

use crate::actions::{actions_of, ActionRow};
use crate::read::NamedDocument;
use crate::wide::{first_rows, WideTables};
use chc_model::{CodeVersion, Comply, SCHEMA_VERSION};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn comply_letter(c: Option<Comply>) -> &'static str {
    match c {
        Some(Comply::Yes) => "Y",
        Some(Comply::No) => "N",
        Some(Comply::Partial) => "P",
        Some(Comply::NotApplicable) => "–",
        Some(Comply::Unknown) => "?",
        None => "",
    }
}

/// Sort rank of a comply value: problems first.
fn comply_rank(c: Option<Comply>) -> u8 {
    match c {
        Some(Comply::No) => 0,
        Some(Comply::Partial) => 1,
        Some(Comply::Unknown) => 2,
        None => 3,
        Some(Comply::NotApplicable) => 4,
        Some(Comply::Yes) => 5,
    }
}

/// The heatmap class of a comply value: its name, or "missing" when the document has no row.
pub fn comply_class(c: Option<Comply>) -> &'static str {
    c.map_or("missing", |c| c.as_str())
}

/// A heatmap cell's colours: background and text (RGB), by [`comply_class`]. The report's
/// CSS and the workbook's Compliance sheets both take them from here.
pub const HEATMAP_COLOURS: [(&str, u32, u32); 6] = [
    ("yes", 0xa5d6a7, 0x000000),
    ("no", 0xef5350, 0xffffff),
    ("partial", 0xffca28, 0x000000),
    ("not_applicable", 0xcfd8dc, 0x000000),
    ("unknown", 0xb39ddb, 0x000000),
    ("missing", 0xffffff, 0x000000),
];

/// The colours of a comply value (see [`HEATMAP_COLOURS`]).
pub fn heatmap_colours(c: Option<Comply>) -> (u32, u32) {
    let class = comply_class(c);
    HEATMAP_COLOURS.iter().find(|(k, _, _)| *k == class).map_or((0xffffff, 0x000000), |&(_, bg, fg)| (bg, fg))
}

/// The heatmap cells' and legend swatches' CSS, from [`HEATMAP_COLOURS`] (black text is the
/// page's own, so only other text colours are set).
fn heatmap_css() -> String {
    let mut css = String::new();
    for (class, bg, fg) in HEATMAP_COLOURS {
        let text = if fg == 0 { String::new() } else { format!(";color:#{fg:06x}") };
        let _ = write!(css, ".c.{class}{{background:#{bg:06x}{text}}}i.{class}{{background:#{bg:06x}}}");
    }
    css.push('\n');
    css
}

pub(crate) fn version_label(v: Option<CodeVersion>) -> String {
    v.map_or_else(|| "unknown".to_string(), |v| v.to_string())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>().trim_end())
    }
}

pub(crate) fn doc_name(d: &NamedDocument) -> String {
    d.doc.landlord.clone().filter(|l| !l.trim().is_empty()).unwrap_or_else(|| format!("(landlord unknown: {})", d.stem))
}

/// Figures shown at the top of the report (also returned to the CLI for its message).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportCounts {
    pub documents: usize,
    pub rows: usize,
    pub by_comply: BTreeMap<&'static str, usize>,
    pub by_version: BTreeMap<String, usize>,
    pub actions: usize,
    pub actions_dated: usize,
    pub warnings: usize,
}

pub fn counts(docs: &[NamedDocument]) -> ReportCounts {
    let mut c = ReportCounts { documents: docs.len(), ..Default::default() };
    for d in docs {
        c.rows += d.doc.rows.len();
        *c.by_version.entry(version_label(d.doc.code_version)).or_default() += 1;
        for r in &d.doc.rows {
            *c.by_comply.entry(r.comply.as_str()).or_default() += 1;
            c.warnings += r.warnings.len();
        }
        c.warnings += d.doc.warnings.len();
        let acts = actions_of(&d.doc);
        c.actions += acts.len();
        c.actions_dated += acts.iter().filter(|a| a.target_date.is_some()).count();
    }
    c
}

const CSS: &str = r#"
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px;font-weight:600}
header p{margin:4px 0 0;opacity:.85;font-size:13px}
main{padding:8px 16px 40px;max-width:1800px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:10px 12px;margin:10px 0}
h2{font-size:16px;margin:0 0 8px}
h3{font-size:14px;margin:10px 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{border:1px solid #dde1e7;border-radius:6px;padding:6px 12px;min-width:92px;background:#fafbfc}
.card b{display:block;font-size:20px}
.card span{font-size:12px;color:#555}
.filters{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;gap:14px;align-items:center}
.filters label{font-size:13px}
.filters input,.filters select{font:inherit;padding:3px 6px;margin-left:4px}
.legend{font-size:12px;color:#444;margin:4px 0 8px}
.legend i{display:inline-block;width:14px;height:14px;vertical-align:-2px;margin:0 3px 0 10px;border:1px solid #bbb}
.hm-wrap{overflow-x:auto}
table{border-collapse:collapse}
table.heatmap{font-size:12px}
.heatmap th,.heatmap td{border:1px solid #e3e6ea;padding:0}
.heatmap thead th{background:#f0f2f5;font-weight:600}
.heatmap th.p{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:10px;padding:3px 0;width:13px;min-width:13px;max-width:13px;cursor:pointer}
.heatmap th.sec{font-size:11px;font-weight:600;text-align:center}
.heatmap th.lead{padding:2px 4px;text-align:left;cursor:pointer;white-space:nowrap;font-size:11px}
.heatmap tbody th{text-align:left;padding:2px 6px;font-weight:normal;white-space:nowrap;max-width:190px;overflow:hidden;text-overflow:ellipsis;position:sticky;left:0;background:#fff;z-index:1}
.heatmap tbody td.meta{padding:2px 4px;white-space:nowrap;color:#444;font-size:11px}
.heatmap td.c{width:13px;min-width:13px;max-width:13px;height:20px;text-align:center;font-size:9px;color:rgba(0,0,0,.55)}
.heatmap.focus td.c:not(.hit){opacity:.18}
th[data-dir=asc]::after{content:" ▲";font-size:9px}th[data-dir=desc]::after{content:" ▼";font-size:9px}
th.p[data-dir]::after{content:""}th.p[data-dir]{background:#c9d7ea}
table.list{width:100%;font-size:13px}
.list th,.list td{border-bottom:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top}
.list thead th{background:#f0f2f5;cursor:pointer;white-space:nowrap;position:sticky;top:0}
.list td.nowrap{white-space:nowrap}
.muted{color:#777}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:11px}
.badge.no{background:#ef5350;color:#fff}.badge.partial{background:#ffca28}.badge.unknown{background:#b39ddb}
details{margin:4px 0}
summary{cursor:pointer}
.hidden{display:none!important}
#js-error{background:#b71c1c;color:#fff;padding:8px 24px}
small{color:#666}
"#;

const JS: &str = r#"
(function(){
  function fail(msg){document.body.setAttribute('data-error', String(msg)); var e=document.getElementById('js-error'); if(e){e.textContent='Report script error: '+msg; e.hidden=false;}}
  window.onerror=function(msg){fail(msg); return false;};
  try {
    var $=function(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));};
    var fl=document.getElementById('f-landlord'), fv=document.getElementById('f-version'), fc=document.getElementById('f-comply');
    function apply(){
      var l=fl.value.trim().toLowerCase(), v=fv.value, c=fc.value;
      $('[data-filterable]').forEach(function(el){
        var ok=(!l || (el.getAttribute('data-landlord')||'').toLowerCase().indexOf(l)>=0)
          && (!v || el.getAttribute('data-version')===v)
          && (!c || (' '+(el.getAttribute('data-comply')||'')+' ').indexOf(' '+c+' ')>=0);
        el.classList.toggle('hidden', !ok);
      });
      $('.hm-wrap').forEach(function(w){ w.classList.toggle('hidden', !!v && w.getAttribute('data-version')!==v); });
      $('table.heatmap').forEach(function(t){
        t.classList.toggle('focus', !!c);
        $('td.c',t).forEach(function(td){ td.classList.toggle('hit', !!c && td.getAttribute('data-v')===c); });
      });
      var shown=$('tr.doc-row:not(.hidden)').length;
      document.getElementById('shown').textContent=shown+' of '+$('tr.doc-row').length+' documents shown';
    }
    [fl,fv,fc].forEach(function(el){ el.addEventListener('input',apply); el.addEventListener('change',apply); });
    // Sorting: every th[data-col] sorts its table's tbody by that column's data-sort (or text).
    $('th[data-col]').forEach(function(th){
      th.addEventListener('click',function(){
        var table=th.closest('table'), body=table.tBodies[0], col=+th.getAttribute('data-col');
        var dir=th.getAttribute('data-dir')==='asc'?'desc':'asc';
        $('th[data-dir]',table).forEach(function(o){o.removeAttribute('data-dir');});
        th.setAttribute('data-dir',dir);
        var rows=Array.prototype.slice.call(body.rows);
        var key=function(r){var cell=r.cells[col]; if(!cell) return ''; var s=cell.getAttribute('data-sort'); return s===null?cell.textContent.trim().toLowerCase():s;};
        rows.sort(function(a,b){
          var x=key(a), y=key(b), nx=parseFloat(x), ny=parseFloat(y), r;
          if(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y) r=nx-ny; else r=x<y?-1:x>y?1:0;
          return dir==='asc'?r:-r;
        });
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
    apply();
    document.body.setAttribute('data-ready','1');
  } catch(e) { fail(e && e.message ? e.message : e); }
})();
"#;

/// The report page for these documents.
pub fn render_html(docs: &[NamedDocument]) -> String {
    let c = counts(docs);
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Complaint Handling Code self-assessments: {} documents</title>\n<style>{CSS}{}</style>\n</head>\n<body data-ready=\"0\">\n",
        c.documents,
        heatmap_css()
    );
    let _ = write!(
        h,
        "<header><h1>Complaint Handling Code self-assessments</h1><p>{} documents, {} provision rows · made by chc {} from documents/*.json (schema {})</p></header>\n<div id=\"js-error\" hidden></div>\n<main>\n",
        c.documents,
        c.rows,
        env!("CARGO_PKG_VERSION"),
        SCHEMA_VERSION
    );
    summary_section(&mut h, &c);
    filters_section(&mut h, docs);
    heatmap_section(&mut h, docs);
    actions_section(&mut h, docs);
    warnings_section(&mut h, docs);
    let _ = write!(h, "</main>\n<script>{JS}</script>\n</body>\n</html>\n");
    h
}

fn summary_section(h: &mut String, c: &ReportCounts) {
    h.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
    let mut card = |label: &str, n: usize, id: &str| {
        let _ = write!(h, "<div class=\"card\" id=\"count-{id}\"><b>{n}</b><span>{}</span></div>", escape(label));
    };
    card("documents", c.documents, "documents");
    card("provision rows", c.rows, "rows");
    for comply in Comply::ALL {
        let label = match comply {
            Comply::NotApplicable => "not applicable",
            other => other.as_str(),
        };
        card(label, c.by_comply.get(comply.as_str()).copied().unwrap_or(0), comply.as_str());
    }
    card("non-compliances / actions", c.actions, "actions");
    card("with a target date", c.actions_dated, "dated");
    card("extraction warnings", c.warnings, "warnings");
    h.push_str("</div><p class=\"muted\">Documents by Code version: ");
    let parts: Vec<String> = c.by_version.iter().map(|(v, n)| format!("{} {n}", escape(v))).collect();
    h.push_str(&parts.join(" · "));
    h.push_str("</p></section>\n");
}

fn filters_section(h: &mut String, docs: &[NamedDocument]) {
    let versions: BTreeSet<String> = docs.iter().map(|d| version_label(d.doc.code_version)).collect();
    h.push_str("<section class=\"filters\" id=\"filters\"><label>Landlord <input id=\"f-landlord\" type=\"search\" placeholder=\"name contains…\"></label>");
    h.push_str("<label>Code version <select id=\"f-version\"><option value=\"\">all</option>");
    for v in &versions {
        let _ = write!(h, "<option value=\"{0}\">{0}</option>", escape(v));
    }
    h.push_str("</select></label><label>Comply <select id=\"f-comply\"><option value=\"\">any</option>");
    for (v, label) in [("no", "has no"), ("partial", "has partial"), ("unknown", "has unknown"), ("not_applicable", "has not applicable"), ("yes", "has yes"), ("missing", "has missing provisions")] {
        let _ = write!(h, "<option value=\"{v}\">{label}</option>");
    }
    h.push_str("</select></label><span id=\"shown\" class=\"muted\"></span></section>\n");
}

fn heatmap_section(h: &mut String, docs: &[NamedDocument]) {
    h.push_str("<section id=\"heatmap\"><h2>Comply by landlord and provision</h2>");
    h.push_str("<div class=\"legend\">Click a heading to sort (a provision column sorts no → partial → unknown → missing → n/a → yes).");
    for (class, label) in [("yes", "yes"), ("no", "no"), ("partial", "partial"), ("not_applicable", "not applicable"), ("unknown", "unknown"), ("missing", "no row")] {
        let _ = write!(h, "<i class=\"{class}\"></i>{label}");
    }
    h.push_str("</div>");
    let mut wide = WideTables::new();
    for d in docs {
        wide.add(&d.doc);
    }
    let mut versions: Vec<Option<CodeVersion>> = docs.iter().map(|d| d.doc.code_version).collect::<BTreeSet<_>>().into_iter().collect();
    versions.sort_by_key(|v| (v.is_none(), *v));
    let registry = chc_code::Registry::embedded();
    for v in versions {
        let cols = wide.provision_columns(v);
        let vdocs: Vec<&NamedDocument> = docs.iter().filter(|d| d.doc.code_version == v).collect();
        let label = version_label(v);
        let _ = write!(
            h,
            "<div class=\"hm-wrap\" data-version=\"{0}\"><h3>{1} ({2} document{3}, {4} provisions)</h3><table class=\"heatmap\" data-version=\"{0}\"><thead>",
            escape(&label),
            if v.is_some() { format!("{} Code", escape(&label)) } else { "Code version unknown".to_string() },
            vdocs.len(),
            if vdocs.len() == 1 { "" } else { "s" },
            cols.len()
        );
        // Section header row.
        h.push_str("<tr><th class=\"lead\" colspan=\"4\"></th>");
        let mut i = 0;
        while i < cols.len() {
            let sec = cols[i].split('.').next().unwrap_or("").to_string();
            let n = cols[i..].iter().take_while(|c| c.split('.').next().unwrap_or("") == sec).count();
            let title = v.and_then(|v| sec.parse().ok().and_then(|s| registry.section_title(v, s))).unwrap_or("");
            let _ = write!(h, "<th class=\"sec\" colspan=\"{n}\" title=\"{}\">{}</th>", escape(title), escape(&sec));
            i += n;
        }
        h.push_str("</tr><tr><th class=\"lead\" data-col=\"0\">Landlord</th><th class=\"lead\" data-col=\"1\">Date</th><th class=\"lead\" data-col=\"2\" title=\"rows answered no or partial\">N+P</th><th class=\"lead\" data-col=\"3\" title=\"share of provisions answered yes\">Yes %</th>");
        for (j, p) in cols.iter().enumerate() {
            let title = v.and_then(|v| registry.get(v, p)).map(|x| truncate(&x.text, 160)).unwrap_or_default();
            let _ = write!(h, "<th class=\"p\" data-col=\"{}\" title=\"{}: {}\">{}</th>", j + 4, escape(p), escape(&title), escape(p));
        }
        h.push_str("</tr></thead><tbody>");
        for d in vdocs {
            let first: BTreeMap<&str, (Comply, &str)> = first_rows(&d.doc).into_iter().map(|(p, r)| (p, (r.comply, r.comply_raw.as_str()))).collect();
            let present: BTreeSet<&'static str> = cols.iter().map(|p| comply_class(first.get(p.as_str()).map(|x| x.0))).collect();
            let problems = first.values().filter(|(c, _)| matches!(c, Comply::No | Comply::Partial)).count();
            let yes = first.values().filter(|(c, _)| *c == Comply::Yes).count();
            let pct = if first.is_empty() { 0 } else { (100.0 * yes as f64 / first.len() as f64).round() as u32 };
            let name = doc_name(d);
            let _ = write!(
                h,
                "<tr class=\"doc-row\" data-filterable data-landlord=\"{}\" data-version=\"{}\" data-comply=\"{}\"><th title=\"{} ({})\">{}</th><td class=\"meta\">{}{}</td><td class=\"meta\" data-sort=\"{problems}\">{problems}</td><td class=\"meta\" data-sort=\"{pct}\">{pct}</td>",
                escape(&name),
                escape(&label),
                present.into_iter().collect::<Vec<_>>().join(" "),
                escape(&name),
                escape(&d.doc.source.path),
                escape(&name),
                escape(d.doc.document_date.as_deref().unwrap_or("")),
                if d.doc.draft { " <small>draft</small>" } else { "" },
            );
            for p in &cols {
                let got = first.get(p.as_str());
                let c = got.map(|x| x.0);
                let raw = got.map(|x| x.1).filter(|s| !s.is_empty()).map(|s| format!(" (“{}”)", truncate(s, 40))).unwrap_or_default();
                let _ = write!(
                    h,
                    "<td class=\"c {0}\" data-v=\"{0}\" data-sort=\"{1}\" title=\"{2}: {3}{4}\">{5}</td>",
                    comply_class(c),
                    comply_rank(c),
                    escape(p),
                    c.map_or("no row", |c| c.as_str()),
                    escape(&raw),
                    comply_letter(c)
                );
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table></div>\n");
    }
    h.push_str("</section>\n");
}

fn actions_section(h: &mut String, docs: &[NamedDocument]) {
    let rows: Vec<(&NamedDocument, ActionRow)> = docs.iter().flat_map(|d| actions_of(&d.doc).into_iter().map(move |a| (d, a))).collect();
    let _ = write!(
        h,
        "<section id=\"actions\"><h2>Non-compliances and stated actions ({})</h2><p class=\"muted\">Rows answered no or partial, and unknown rows whose text states an action. Target dates are read from the action text (see docs/schema.md).</p>",
        rows.len()
    );
    if rows.is_empty() {
        h.push_str("<p>None.</p></section>\n");
        return;
    }
    h.push_str("<table class=\"list\" id=\"actions-table\"><thead><tr><th data-col=\"0\">Landlord</th><th data-col=\"1\">Version</th><th data-col=\"2\">Provision</th><th data-col=\"3\">Comply</th><th data-col=\"4\">Action</th><th data-col=\"5\">Target</th></tr></thead><tbody>");
    for (d, a) in rows {
        let key = chc_code::number_key(&a.provision);
        let action = if a.action.is_empty() {
            let row = d.doc.rows.iter().find(|r| r.provision.as_deref() == Some(a.provision.as_str()));
            let text = row.map(|r| if r.commentary.trim().is_empty() { r.evidence.clone() } else { r.commentary.clone() }).unwrap_or_default();
            format!("<span class=\"muted\">No action stated.{}</span>", if text.trim().is_empty() { String::new() } else { format!(" Form says: {}", escape(&truncate(&text, 300))) })
        } else {
            escape(&a.action)
        };
        let target = match &a.target_date {
            Some(t) => format!("{}<br><small>{}</small>", escape(t), escape(&a.target_date_text)),
            None => String::new(),
        };
        let _ = write!(
            h,
            "<tr class=\"action-row\" data-filterable data-landlord=\"{0}\" data-version=\"{1}\" data-comply=\"{2}\"><td>{0}</td><td>{1}</td><td class=\"nowrap\" data-sort=\"{3:05}.{4:05}\">{5}</td><td data-sort=\"{6}\"><span class=\"badge {2}\">{2}</span></td><td>{7}</td><td class=\"nowrap\" data-sort=\"{8}\">{9}</td></tr>",
            escape(&doc_name(d)),
            escape(&version_label(d.doc.code_version)),
            a.comply.as_str(),
            key.0.min(99999),
            key.1.min(99999),
            escape(&a.provision),
            comply_rank(Some(a.comply)),
            action,
            escape(a.target_date.as_deref().unwrap_or("9999")),
            target
        );
    }
    h.push_str("</tbody></table></section>\n");
}

fn warnings_section(h: &mut String, docs: &[NamedDocument]) {
    h.push_str("<section id=\"warnings\"><h2>Extraction warnings by document</h2><p class=\"muted\">What the extractor was unsure about; worth a look before relying on a value.</p>");
    for d in docs {
        let mut items: Vec<(String, &chc_model::Warning)> = d.doc.warnings.iter().map(|w| ("document".to_string(), w)).collect();
        for r in &d.doc.rows {
            for w in &r.warnings {
                items.push((r.provision.clone().unwrap_or_else(|| "(no number)".into()), w));
            }
        }
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, w) in &items {
            *kinds.entry(w.kind.as_str()).or_default() += 1;
        }
        let kinds_text: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        let name = doc_name(d);
        let _ = write!(
            h,
            "<details class=\"warn-doc\" data-filterable data-landlord=\"{}\" data-version=\"{}\"><summary><b>{}</b> <small>{} · {} warning{}{}</small></summary>",
            escape(&name),
            escape(&version_label(d.doc.code_version)),
            escape(&name),
            escape(&d.doc.source.path),
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            if kinds_text.is_empty() { String::new() } else { format!(": {}", escape(&kinds_text.join(", "))) }
        );
        if !items.is_empty() {
            h.push_str("<table class=\"list\"><thead><tr><th>Where</th><th>Kind</th><th>Detail</th></tr></thead><tbody>");
            for (place, w) in items {
                let _ = write!(h, "<tr><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>", escape(&place), escape(&w.kind), escape(&w.detail));
            }
            h.push_str("</tbody></table>");
        }
        h.push_str("</details>\n");
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{doc, row};
    use std::path::PathBuf;

    #[test]
    fn escapes_markup_in_every_text() {
        assert_eq!(escape(r#"<script>alert("x")</script> & 'y'"#), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        let evil = "<img src=x onerror=alert(1)>";
        let mut r = row("1.2", Comply::No, &format!("{evil} will be fixed by August 2024"), evil);
        r.warnings.push(chc_model::Warning::new("odd<kind>", evil));
        let d = doc(&format!("corpus/{evil}.txt"), &format!("Evil \"Homes\" {evil}"), Some(CodeVersion::V2024), Some("2024-06"), vec![r]);
        let html = render_html(&[NamedDocument { stem: "evil".into(), path: PathBuf::from("evil.json"), doc: d }]);
        assert!(!html.contains("<img"), "raw markup leaked");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; will be fixed by August 2024"));
        assert!(html.contains("odd&lt;kind&gt;"));
        assert!(html.contains("Evil &quot;Homes&quot;"));
        assert_eq!(html.matches("<script>").count(), 1, "only our own script");
    }

    #[test]
    fn one_heatmap_row_per_document_and_no_network() {
        let v24 = Some(CodeVersion::V2024);
        let docs: Vec<NamedDocument> = [("a", v24), ("b", v24), ("c", Some(CodeVersion::V2022))]
            .into_iter()
            .map(|(s, v)| NamedDocument { stem: s.into(), path: PathBuf::from(s), doc: doc(s, s, v, None, vec![row("1.2", Comply::Yes, "", "")]) })
            .collect();
        let html = render_html(&docs);
        assert_eq!(html.matches("<tr class=\"doc-row\"").count(), 3);
        assert_eq!(html.matches("<table class=\"heatmap\"").count(), 2);
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="), "self-contained");
        assert!(html.contains("data-ready=\"0\""));
    }
}
