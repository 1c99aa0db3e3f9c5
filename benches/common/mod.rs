//! Shared by `benches/parse.rs` and `compare/` (which mounts these files by
//! `#[path]`): the inputs, what each work extracts with `aws-query-xml`, and
//! the chunked-input group.

pub mod inputs;
pub mod ours;
pub mod stream;
