#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod capture;
mod codes;
mod de;
mod entry;
mod envelope;
mod error;
pub mod helpers;
mod http;
mod options;
mod outcome;
mod pass;
mod relay;
mod response;
mod retry;
mod soap;
mod stream;
mod text;
mod tokens;
mod tree;
mod typed;
mod values;

pub use codes::{ErrorClass, ErrorCode, Fault, OtherCode, classify};
pub use entry::{from_reader, from_slice, from_str, parse, parse_bytes, parse_reader};
pub use error::{Category, Error, ErrorKind, Limit};
pub use http::{HttpParts, HttpResponse, SNIPPET_MAX};
pub use options::{Limits, Options, UnknownWhitespace, Whitespace};
pub use relay::RelayedError;
pub use response::{Envelope, ErrorEntry, Outcome, Response, ServiceError};
pub use retry::{MAX_RETRY_AFTER, RetryAfter, RetrySchedule};
pub use stream::StreamParser;
pub use tree::{Map, Value};
pub use typed::Success;

#[cfg(fuzzing)]
#[doc(hidden)]
pub use de::pull::set_pull;

/// The [`bytes`](https://docs.rs/bytes/1) crate, whose
/// [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html) the streaming
/// API takes: use it to name the same version this crate uses.
pub use bytes;
/// The [`time`](https://docs.rs/time/0.3) crate, whose `OffsetDateTime`
/// [`helpers::timestamp`] gives.
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub use time;
