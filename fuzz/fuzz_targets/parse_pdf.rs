//! The PDF parse stage on arbitrary bytes. The first byte chooses whether the rest is used
//! as is or behind a `%PDF-1.7` header (most random inputs would otherwise never reach the
//! PDF reader). Reader panics are contained by chc-parse (that is the product's behaviour);
//! what this looks for is what cannot be contained: aborts (stack overflow), hangs, memory
//! blow-ups, and panics outside the guard.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let limits = chc_parse::Limits {
        // Keep libFuzzer's memory limit (2 GB) meaningful: real limits are larger.
        max_decompressed_bytes: 64 * 1024 * 1024,
        time_budget: Some(Duration::from_secs(10)),
        ..Default::default()
    };
    let bytes = if mode & 1 == 1 {
        let mut b = b"%PDF-1.7\n".to_vec();
        b.extend_from_slice(rest);
        b
    } else {
        rest.to_vec()
    };
    if let Ok(doc) = chc_parse::parse("fuzz.pdf", &bytes, &limits) {
        // Whatever parses must also go through the table stage without panicking.
        let _ = chc_table::reconstruct(&doc, chc_code::Registry::embedded());
    }
});
