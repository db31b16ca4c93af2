//! Per-stage benchmarks: parse (text, PDF), table reconstruction, matching, and the hot
//! helpers under them (wording profiles, registry ranking, cell cleaning).
//!
//!     cargo bench -p chc-cli --bench stages [-- FILTER]
//!
//! Throughput: bytes/s for text inputs, elements/s = pages/s for PDF inputs. Each stage
//! is fed the previous stage's output, computed once outside the timed loop.

#[path = "common.rs"]
mod common;

use chc_code::{Registry, WordingProfile};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn parse(c: &mut Criterion) {
    let text = common::text_inputs();
    let pdf = common::pdf_inputs();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(common::total_bytes(&text)));
    g.bench_function("text_11_docs", |b| b.iter(|| text.iter().map(|i| common::parse(i).pages.len()).sum::<usize>()));
    g.throughput(Throughput::Elements(common::pages(&pdf)));
    g.bench_function("pdf_8_docs_pages", |b| b.iter(|| pdf.iter().map(|i| common::parse(i).pages.len()).sum::<usize>()));
    // The same PDFs with every page's text read by pdf-extract, as before our own reader:
    // the ratio of the two is what the reader and its per-document font cache buy.
    g.bench_function("pdf_8_docs_pages_pdf_extract_text", |b| b.iter(|| pdf.iter().map(|i| parse_with_pdf_extract(i).pages.len()).sum::<usize>()));
    g.finish();
}

fn parse_with_pdf_extract(input: &common::Input) -> chc_model::ParsedDocument {
    let source = chc_model::SourceInfo { path: input.name.clone(), sha256: String::new(), format: chc_model::SourceFormat::Pdf, bytes: input.bytes.len() as u64 };
    let limits = chc_parse::Limits::default();
    let deadline = chc_parse::Deadline::after(None);
    chc_parse::pdf::parse_pdf_with(source, &input.bytes, &limits, deadline, chc_parse::pdf::TextEngine::PdfExtract).expect("fixture PDFs parse")
}

fn table(c: &mut Criterion) {
    let text = common::text_inputs();
    let pdf = common::pdf_inputs();
    let text_parsed: Vec<_> = text.iter().map(common::parse).collect();
    let pdf_parsed: Vec<_> = pdf.iter().map(common::parse).collect();
    let mut g = c.benchmark_group("table");
    g.throughput(Throughput::Bytes(common::total_bytes(&text)));
    g.bench_function("text_11_docs", |b| b.iter(|| text_parsed.iter().map(|d| common::table(d).records.len()).sum::<usize>()));
    g.throughput(Throughput::Elements(pdf_parsed.iter().map(|d| d.pages.len() as u64).sum()));
    g.bench_function("pdf_8_docs_pages", |b| b.iter(|| pdf_parsed.iter().map(|d| common::table(d).records.len()).sum::<usize>()));
    g.finish();
}

fn matching(c: &mut Criterion) {
    let text = common::text_inputs();
    let pdf = common::pdf_inputs();
    let text_tables: Vec<_> = text.iter().map(|i| common::table(&common::parse(i))).collect();
    let pdf_tables: Vec<_> = pdf.iter().map(|i| common::table(&common::parse(i))).collect();
    let mut g = c.benchmark_group("match");
    g.throughput(Throughput::Bytes(common::total_bytes(&text)));
    g.bench_function("text_11_docs", |b| {
        b.iter_batched(|| text_tables.clone(), |ts| ts.into_iter().map(|t| common::matched(t).rows.len()).sum::<usize>(), BatchSize::LargeInput)
    });
    g.throughput(Throughput::Elements(common::pages(&pdf)));
    g.bench_function("pdf_8_docs_pages", |b| {
        b.iter_batched(|| pdf_tables.clone(), |ts| ts.into_iter().map(|t| common::matched(t).rows.len()).sum::<usize>(), BatchSize::LargeInput)
    });
    g.finish();
}

fn helpers(c: &mut Criterion) {
    let reg = Registry::embedded();
    let texts: Vec<String> = reg.provisions().iter().map(|p| p.text.clone()).collect();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let mut g = c.benchmark_group("helpers");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("wording_profile_new", |b| b.iter(|| texts.iter().map(|t| WordingProfile::new(black_box(t)).len()).sum::<usize>()));
    g.bench_function("registry_rank_all_versions", |b| b.iter(|| texts.iter().map(|t| reg.rank(None, black_box(t)).len()).sum::<usize>()));
    g.bench_function("registry_affinity_any", |b| {
        b.iter(|| reg.provisions().iter().zip(&texts).filter_map(|(p, t)| reg.affinity_any(&p.number, black_box(t))).sum::<f64>())
    });
    let cells: Vec<String> = common::text_inputs().iter().flat_map(|i| String::from_utf8_lossy(&i.bytes).split('\t').map(str::to_string).collect::<Vec<_>>()).collect();
    let cell_bytes: u64 = cells.iter().map(|c| c.len() as u64).sum();
    g.throughput(Throughput::Bytes(cell_bytes));
    g.bench_function("clean_text_all_cells", |b| b.iter(|| cells.iter().map(|c| chc_parse::clean::clean_text(black_box(c)).len()).sum::<usize>()));
    let _ = bytes;
    g.finish();
}

criterion_group! { name = benches; config = common::config(); targets = parse, table, matching, helpers }
criterion_main!(benches);
