//! What a finished envelope pass found, as offsets into the body it read;
//! `response.rs` ties it to the bytes (borrowed from a whole body, or shared
//! with the chunks of a stream).

use std::borrow::Cow;

use crate::service::{Envelope, ErrorEntry};
use crate::span::{ResultSpan, Span};

/// What a finished pass found, before it is tied to the body.
pub(crate) struct Findings<'a> {
    pub(crate) envelope: Envelope,
    pub(crate) soap: bool,
    /// The action: `X` of `<XResponse>`.
    pub(crate) action: Option<Cow<'a, str>>,
    /// The root's local name, when the result is its content.
    pub(crate) root: Option<Cow<'a, str>>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) errors: Vec<ErrorEntry<'a>>,
    /// Where the result's content is.
    pub(crate) result: Option<ResultSpan>,
    /// Content span of the primary `<Error>`.
    pub(crate) error_span: Option<Span>,
    /// The `<Error>` directly under a success envelope's root.
    pub(crate) root_error: Option<ErrorEntry<'a>>,
}
