//! The whole text pipeline on arbitrary bytes: parse (decoding, line splitting), table
//! reconstruction with the embedded Code registry, and matching. None of it is under a panic
//! guard, so any panic here is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let limits = chc_parse::Limits { time_budget: Some(Duration::from_secs(10)), ..Default::default() };
    // Keep inputs away from the PDF reader (that is the other target's job).
    if chc_parse::sniff_format(data) == Ok(chc_model::SourceFormat::Pdf) {
        return;
    }
    let registry = chc_code::Registry::embedded();
    let Ok(parsed) = chc_parse::parse("fuzz.txt", data, &limits) else { return };
    let Ok(table) = chc_table::reconstruct(&parsed, registry) else { return };
    let _ = chc_match::match_document(table, registry, &chc_model::Overrides::default());
});
