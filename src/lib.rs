#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The layers, bottom up: bytes -> tokens -> the one pass -> envelope ->
// response -> a tree or serde; input paths and HTTP beside them. A module
// imports only modules above it in this list (scripts/layers.py checks it,
// in CI). "Skip" means one thing throughout: read past without keeping.
//
// - options: the whitespace policy, the limits, what to keep.
// - codes: the one table of error codes: status, class (so retryability), fault.
// - names: the element names the crate gives a meaning to, once.
// - span: byte spans of the body, and the bytes they cover once tied to it.
// - capture: bytes a stream keeps (the result's, the head's snippet).
// - text: a text value assembled from its pieces, trimmed by policy.
// - tree: the public result tree, `Value` and `Map`.
// - service: what a service said: `Outcome`, `Envelope`, `ErrorEntry`, `ServiceError`.
// - error: the crate's `Error`, its `ErrorKind` with typed causes, `Limit`.
// - findings: what a finished envelope pass found, as spans.
// - frames: the envelope elements and fields the machine reads.
// - soap: SOAP 1.1 and 1.2 faults, as one error.
// - tokens (+ chars, faults, run): the only code that touches quick-xml:
//   open, text, close with offsets; limits and well-formedness (the fault
//   rules are a table atop tokens/faults.rs); text runs.
// - envelope (+ finish): the envelope state machine over tokens, and its decision.
// - pass: the one token loop, `drive`: tokens to the envelope, then to the
//   result consumer the caller chose (nothing, trees, the serde pull).
// - values: the result's `Value`, built straight from tokens.
// - response: `Response`, the findings tied to the bytes, its result on demand.
// - de (+ pull, pull/element, nodes, scalar, access, error): typed results,
//   pulled from the tokens, or read from a node tree where serde must look ahead.
// - success: `Success`, a typed result with its ids.
// - helpers: serde helpers for callers' types (timestamps, base64...).
// - retry, relay: retry guidance and schedule; errors relayed to one's callers.
// - stream: the push parser.
// - entry: the untyped entry points (slices, `Bytes`, readers, async).
// - typed: the typed entry points (`from_slice`, `from_reader`, `finish_as`...).
// - http: status and headers judged with the body.
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
mod findings;
mod frames;
pub mod helpers;
mod http;
mod names;
mod options;
mod pass;
mod relay;
mod render;
mod response;
mod retry;
mod service;
mod soap;
mod span;
mod stream;
mod success;
mod text;
mod tokens;
mod tree;
mod typed;
mod values;

pub use capture::SNIPPET_MAX;
pub use codes::{ErrorClass, ErrorCode, Fault, OtherCode, classify};
pub use entry::{parse, parse_bytes, parse_reader};
pub use error::{Category, EnvelopeFault, Error, ErrorKind, Limit, Markup, SyntaxFault};
pub use http::{HttpParts, HttpResponse};
pub use options::{Limits, Options, UnknownWhitespace, Whitespace};
pub use relay::RelayedError;
pub use render::{
    ActionForm, Arrays, Draft, DraftEntry, RenderError, RenderOptions, SoapVersion, render,
};
pub use response::Response;
pub use retry::{MAX_RETRY_AFTER, RetryAfter, RetrySchedule};
pub use service::{Envelope, ErrorEntry, Outcome, ServiceError, UnknownEnvelope};
pub use stream::StreamParser;
pub use success::Success;
pub use tree::{Map, Value};
pub use typed::{from_reader, from_slice, from_str};

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
