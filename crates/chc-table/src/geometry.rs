//! PDF pages (positioned runs and ruling lines) into [`crate::GridLine`]s.
//! Being built under issue 4.
