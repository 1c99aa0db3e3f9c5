//! What a finished envelope pass knows, tied to the bytes it was read from:
//! borrowed from a whole body, or shared with the chunks of a stream.

use std::borrow::Cow;

use bytes::Bytes;

use crate::response::{Envelope, ErrorEntry, ResultSource, ServiceError, Source};
use crate::{Options, Response};

/// What a finished pass knows, before it is tied to the body.
pub(crate) struct Outcome<'a> {
    pub(crate) envelope: Envelope,
    pub(crate) soap: bool,
    /// The action: `X` of `<XResponse>`.
    pub(crate) action: Option<Cow<'a, str>>,
    /// The root's local name, when the result is its content.
    pub(crate) root: Option<Cow<'a, str>>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) errors: Vec<ErrorEntry<'a>>,
    /// Content span of the result, and whether it is the root's content.
    pub(crate) result: Option<(u64, u64, bool)>,
    /// Content span of the primary `<Error>`.
    pub(crate) error_span: Option<(u64, u64)>,
    /// The `<Error>` directly under a success envelope's root.
    pub(crate) root_error: Option<ErrorEntry<'a>>,
}

/// A span of the body as `usize` offsets into `len` bytes starting at `base`.
fn span(start: u64, end: u64, base: u64, len: usize) -> std::ops::Range<usize> {
    let s = usize::try_from(start.saturating_sub(base))
        .unwrap_or(usize::MAX)
        .min(len);
    let e = usize::try_from(end.saturating_sub(base))
        .unwrap_or(usize::MAX)
        .clamp(s, len);
    s..e
}

impl<'a> Outcome<'a> {
    /// Ties the outcome to the whole body it was read from: borrows from it.
    pub(crate) fn into_response(self, body: &'a [u8], options: Options) -> Response<'a> {
        let result = self.result.map(|(start, end, root_children)| ResultSource {
            content: Source::Borrowed(&body[span(start, end, 0, body.len())]),
            base: start,
            root_children,
        });
        let detail = self.error_span.map(|(start, end)| ResultSource {
            content: Source::Borrowed(&body[span(start, end, 0, body.len())]),
            base: start,
            root_children: false,
        });
        self.into_parts(result, detail, options)
    }

    /// Ties the outcome to a body read in slices: `captured` holds the bytes
    /// of the body from offset `at` that may hold the result (none when the
    /// result was skipped).
    pub(crate) fn into_stream_response(
        self,
        captured: Option<(u64, Bytes)>,
        captured_error: Option<(u64, Bytes)>,
        options: Options,
    ) -> Response<'static>
    where
        'a: 'static,
    {
        let result = match (self.result, captured) {
            (Some((start, end, root_children)), Some((at, bytes))) => Some(ResultSource {
                content: Source::Shared(bytes.slice(span(start, end, at, bytes.len()))),
                base: start,
                root_children,
            }),
            _ => None,
        };
        let detail = match (self.error_span, captured_error) {
            (Some((start, end)), Some((at, bytes))) => Some(ResultSource {
                content: Source::Shared(bytes.slice(span(start, end, at, bytes.len()))),
                base: start,
                root_children: false,
            }),
            _ => None,
        };
        self.into_parts(result, detail, options)
    }

    fn into_parts(
        self,
        result: Option<ResultSource<'a>>,
        detail: Option<ResultSource<'a>>,
        options: Options,
    ) -> Response<'a> {
        let skipped = options.skip_result && self.result.is_some();
        let result = if options.skip_result { None } else { result };
        let request_id = self.request_id;
        let error = (!self.errors.is_empty()).then(|| ServiceError {
            errors: self.errors,
            request_id: request_id.clone(),
            detail: if options.skip_result { None } else { detail },
            options,
        });
        Response {
            envelope: self.envelope,
            soap: self.soap,
            action: self.action,
            root: self.root,
            request_id,
            error,
            result,
            result_skipped: skipped,
            root_error: self.root_error,
            options,
            built: crate::tree::Built::default(),
        }
    }
}
