//! End-to-end benchmarks, in process: bytes → parse → table → match → document JSON, one
//! document at a time on one thread (the `chc extract` batch runs this per document in
//! parallel; scripts/bench.sh measures the binary, with files and threads).
//!
//!     cargo bench -p chc-cli --bench end_to_end
//!
//! Throughput: bytes/s for text documents, elements/s = pages/s for PDF documents.

#[path = "common.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn text(c: &mut Criterion) {
    let inputs = common::text_inputs();
    let mut g = c.benchmark_group("e2e_text");
    for input in inputs.iter().take(2) {
        g.throughput(Throughput::Bytes(input.bytes.len() as u64));
        g.bench_function(format!("doc/{}", input.name), |b| b.iter(|| common::end_to_end(input).len()));
    }
    g.throughput(Throughput::Bytes(common::total_bytes(&inputs)));
    g.bench_function("all_11_docs", |b| b.iter(|| inputs.iter().map(|i| common::end_to_end(i).len()).sum::<usize>()));
    g.finish();
}

fn pdf(c: &mut Criterion) {
    let inputs = common::pdf_inputs();
    let mut g = c.benchmark_group("e2e_pdf");
    for input in inputs.iter().filter(|i| i.name.contains("seed000") || i.name.contains("tagged")) {
        g.throughput(Throughput::Elements(common::pages(std::slice::from_ref(input))));
        g.bench_function(format!("doc_pages/{}", input.name), |b| b.iter(|| common::end_to_end(input).len()));
    }
    g.throughput(Throughput::Elements(common::pages(&inputs)));
    g.bench_function("all_8_docs_pages", |b| b.iter(|| inputs.iter().map(|i| common::end_to_end(i).len()).sum::<usize>()));
    g.finish();
}

criterion_group! { name = benches; config = common::config(); targets = text, pdf }
criterion_main!(benches);
