//! PDF input: positioned text runs and ruling lines per page (lopdf + pdf-extract).
//! Being built under issue 4.

use crate::{Limits, ParseError};
use chc_model::{ParsedDocument, SourceInfo};

pub fn parse_pdf(_source: SourceInfo, _bytes: &[u8], _limits: &Limits) -> Result<ParsedDocument, ParseError> {
    Err(ParseError::Unsupported("PDF input is not built yet".into()))
}
