#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The layers, bottom up: bytes -> tokens -> the one pass -> envelope ->
// response -> a tree or serde; input paths and HTTP beside them.
//
// - error, options, codes: what everything reports and is configured by;
//   the error codes with their status, class and fault.
// - names: the element names the crate gives a meaning to, once.
// - text: a text value assembled from its pieces, trimmed by policy.
// - tokens (+ tokens/chars, tokens/faults): the only code that touches
//   quick-xml; open, text, close with offsets, limits and well-formedness.
// - pass: the one token loop, `drive`: tokens to the envelope, then to the
//   result consumer the caller chose (nothing, trees, the serde pull).
// - frames: the envelope elements and fields the machine reads.
// - envelope, soap: the envelope state machine over tokens; SOAP faults.
// - outcome, response: what a pass found, tied to its bytes: `Response`,
//   `ServiceError`, `ErrorEntry`.
// - tree, values: the result as nodes (for serde's fallback) and as the
//   public `Value`, built straight from tokens.
// - de (+ de/pull, de/pull/element, de/scalar, de/access): typed results,
//   pulled from the tokens, or read from the node tree where serde needs
//   to look ahead.
// - typed: `Success`, a typed result with its ids.
// - capture, stream: the push parser and the bytes it keeps.
// - entry: every entry point (slices, `Bytes`, readers, async, typed).
// - http, retry, relay: status and headers judged with the body, retry
//   guidance and schedule, errors relayed to one's own callers.
// - helpers: serde helpers for callers' types (timestamps, base64...).
// - render (+ render/writer, render/draft, render/styles, render/tree,
//   render/ser, render/key): the other way: a unified response (`Draft`) or
//   a serde type written as a body in any envelope style, through one XML
//   writer; what it writes reads back exactly, or it refuses.

mod capture;
mod codes;
mod de;
mod entry;
mod envelope;
mod error;
mod frames;
pub mod helpers;
mod http;
mod names;
mod options;
mod outcome;
mod pass;
mod relay;
mod render;
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
pub use render::{
    ActionForm, Arrays, Draft, DraftEntry, RenderError, RenderOptions, SoapVersion, render,
};
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
