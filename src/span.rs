//! Where things are in the body: spans of byte offsets, and the bytes they
//! cover once a pass ties what it found to the body (borrowed from a whole
//! body, or shared with the chunks of a stream).

use bytes::Bytes;

/// Byte offsets `start..end` of the body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u64,
    pub(crate) end: u64,
}

impl Span {
    /// The span as `usize` offsets into `len` bytes that start at offset
    /// `base` of the body (clamped to them).
    pub(crate) fn within(self, base: u64, len: usize) -> std::ops::Range<usize> {
        let s = usize::try_from(self.start.saturating_sub(base))
            .unwrap_or(usize::MAX)
            .min(len);
        let e = usize::try_from(self.end.saturating_sub(base))
            .unwrap_or(usize::MAX)
            .clamp(s, len);
        s..e
    }
}

/// Where a result's content is: the span of the `XResult` element's content,
/// or of the root's, whose request id and metadata children are not result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ResultSpan {
    pub(crate) content: Span,
    pub(crate) root_children: bool,
}

/// Bytes of the body: borrowed, or shared with a [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html) chunk (or a copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source<'a> {
    Borrowed(&'a [u8]),
    Shared(Bytes),
}

impl std::ops::Deref for Source<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Source::Borrowed(b) => b,
            Source::Shared(b) => b,
        }
    }
}

/// Bytes of the body and the offset of the first: an `<Error>`'s content,
/// for [`ServiceError::detail_as`](crate::ServiceError::detail_as).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fragment<'a> {
    pub(crate) content: Source<'a>,
    /// Offset of `content[0]` in the body.
    pub(crate) base: u64,
}

impl Fragment<'_> {
    pub(crate) fn into_owned(self) -> Fragment<'static> {
        Fragment {
            content: self.content.into_owned(),
            base: self.base,
        }
    }
}

impl Source<'_> {
    /// The bytes, shared (copied once when borrowed).
    pub(crate) fn into_owned(self) -> Source<'static> {
        match self {
            Source::Borrowed(b) => Source::Shared(Bytes::copy_from_slice(b)),
            Source::Shared(b) => Source::Shared(b),
        }
    }
}

/// Where the result lives in the body, to build it on demand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResultSource<'a> {
    /// The content of the result element (or of the root).
    pub(crate) content: Source<'a>,
    /// Offset of `content[0]` in the body.
    pub(crate) base: u64,
    /// True when `content` is the root's content: its request id and
    /// metadata children are not part of the result.
    pub(crate) root_children: bool,
}

impl ResultSource<'_> {
    pub(crate) fn into_owned(self) -> ResultSource<'static> {
        ResultSource {
            content: self.content.into_owned(),
            base: self.base,
            root_children: self.root_children,
        }
    }
}
