//! The crate's error type: what went wrong, where (byte offset), and of which kind.

use std::fmt;
use std::sync::Arc;

/// Why a body could not be read as an AWS response.
///
/// An [`Error`] is returned when the body is not an AWS response at all: it is
/// empty, truncated, not well-formed XML, HTML or JSON, an XML document whose
/// root is not an AWS envelope, or it goes over one of the [`Limits`]. A
/// well-formed error envelope such as `<ErrorResponse>` is *not* an `Error`: it
/// is data, returned inside an `Ok(Response)`.
///
/// Every parse failure carries the byte offset where it went wrong
/// ([`offset`](Error::offset)). Messages name elements and offsets but never
/// quote text from the body, which may carry credentials.
///
/// [`Limits`]: crate::Limits
///
/// # Examples
///
/// ```
/// let err = aws_query_xml::parse(b"<SendEmailResponse><SendEmailResult>").unwrap_err();
/// assert!(err.is_truncated());
/// assert_eq!(err.offset(), Some(36));
/// assert_eq!(
///     err.to_string(),
///     "truncated: the body ends inside element `SendEmailResult` at byte 36"
/// );
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct Error {
    /// Boxed: one pointer, so that every `Result` the parser passes around
    /// on its hot path stays small (the error itself is rare).
    inner: Box<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    kind: ErrorKind,
    /// `None` only for a service error ([`from_slice`](crate::from_slice)).
    offset: Option<u64>,
    /// The reader's own error, for [`ErrorKind::Io`].
    io: Option<Arc<std::io::Error>>,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("offset", &self.inner.offset)
            .field("io", &self.inner.io)
            .finish()
    }
}

impl std::error::Error for Error {
    /// The reader's [`std::io::Error`] for an [`ErrorKind::Io`] error (the
    /// message says only its kind, so a report that prints the chain says
    /// each part once).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .io
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.inner.offset {
            Some(offset) => write!(f, "{} at byte {offset}", self.inner.kind),
            None => write!(f, "{}", self.inner.kind),
        }
    }
}

/// Broad class of an [`Error`]: can more input fix it, is the body malformed,
/// or did it go over a limit?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The body ended too early: more input could have completed it.
    Truncated,
    /// The body is empty, or holds only whitespace (and perhaps an XML
    /// declaration or comments): no response at all. An HTTP client reads
    /// an empty body with a 2xx status as a success with no result; it is
    /// not [`Error::is_truncated`], so a retry-on-truncation loop does not
    /// retry it.
    Empty,
    /// The body is not well-formed XML, or uses XML this crate refuses
    /// (a DOCTYPE, an unknown entity, an encoding other than UTF-8).
    Malformed,
    /// The body is not an AWS response envelope: well-formed XML with
    /// another root, an HTML page, or JSON.
    Envelope,
    /// The body goes over one of the configured [`Limits`](crate::Limits).
    Limit,
    /// Reading the body failed (the streaming readers).
    Io,
    /// The body is an AWS response, but its result does not fit the type
    /// asked for ([`from_slice`](crate::from_slice)).
    Data,
    /// The body is a well-formed AWS error envelope: [`Error::service_error`]
    /// gives it ([`from_slice`](crate::from_slice) only: [`parse`](crate::parse)
    /// returns it as data).
    Service,
}

/// The limit that a body went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::max_depth`](crate::Limits::max_depth): element nesting depth.
    Depth,
    /// [`Limits::max_token_bytes`](crate::Limits::max_token_bytes): bytes in one token (tag, text run, comment...).
    TokenBytes,
    /// [`Limits::max_value_bytes`](crate::Limits::max_value_bytes): source bytes in one text value.
    ValueBytes,
    /// [`Limits::max_errors`](crate::Limits::max_errors): `<Error>` elements in one body.
    Errors,
    /// [`Limits::max_field_bytes`](crate::Limits::max_field_bytes): source bytes in one
    /// envelope field (error type, code, message, detail, request id...).
    FieldBytes,
    /// [`Limits::max_nodes`](crate::Limits::max_nodes): elements in a result tree.
    Nodes,
}

impl Limit {
    /// The value of this limit in `limits`.
    pub fn value(self, limits: &crate::Limits) -> usize {
        match self {
            Limit::Depth => limits.max_depth,
            Limit::TokenBytes => limits.max_token_bytes,
            Limit::ValueBytes => limits.max_value_bytes,
            Limit::Errors => limits.max_errors,
            Limit::FieldBytes => limits.max_field_bytes,
            Limit::Nodes => limits.max_nodes,
        }
    }

    /// The name of the limit, as the [`Limits`](crate::Limits) method that sets it.
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::Depth => "max_depth",
            Limit::TokenBytes => "max_token_bytes",
            Limit::ValueBytes => "max_value_bytes",
            Limit::Errors => "max_errors",
            Limit::FieldBytes => "max_field_bytes",
            Limit::Nodes => "max_nodes",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What exactly went wrong. Match on it for details; most callers need only
/// [`Error::category`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The body is empty or holds only whitespace (and perhaps an XML
    /// declaration or comments): there is no root element.
    #[error("empty: the body holds no element")]
    Empty,
    /// The body ends inside markup (a tag, a comment, CDATA, a reference...).
    #[error("truncated: the body ends inside {0}")]
    EofInMarkup(Markup),
    /// The body ends before the end tag of an open element.
    #[error("truncated: the body ends inside element `{0}`")]
    EofInElement(String),
    /// Markup that is not well-formed XML.
    #[error("malformed: {0}")]
    Syntax(SyntaxFault),
    /// An end tag that does not match the open element.
    #[error("malformed: end tag `{found}` does not match open element `{expected}`")]
    MismatchedEndTag {
        /// The name of the element that is open.
        expected: String,
        /// The name in the end tag.
        found: String,
    },
    /// An end tag with no open element.
    #[error("malformed: end tag `{0}` has no open element")]
    UnmatchedEndTag(String),
    /// Something other than whitespace, comments and processing instructions
    /// after the root element (a second root, text...).
    #[error("malformed: content after the root element")]
    TrailingContent,
    /// Text, CDATA or a reference before the root element.
    #[error("malformed: text before the root element")]
    TextBeforeRoot,
    /// The body begins like JSON (`{` or `[` before any element): the
    /// service may have answered in the JSON protocol, which SQS and other
    /// Query services also speak.
    #[error(
        "not an AWS Query response: the body is JSON, not XML (the service may speak the JSON protocol)"
    )]
    Json,
    /// A `<!DOCTYPE>`: refused, so no entity is ever expanded beyond the
    /// five predefined ones. One that names an `html` root is reported as
    /// [`ErrorKind::UnrecognizedEnvelope`] instead: an HTML page.
    #[error("malformed: a DOCTYPE is not allowed")]
    DocType,
    /// An entity reference other than `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;`.
    #[error("malformed: unknown entity reference")]
    UnknownEntity,
    /// A character reference that is not a valid character (`&#0;`, `&#xD800;`, `&#xZZ;`...).
    #[error("malformed: invalid character reference")]
    InvalidCharRef,
    /// Bytes that are not valid UTF-8.
    #[error("malformed: invalid UTF-8")]
    InvalidUtf8,
    /// Bytes that are not valid UTF-8 in a body whose XML declaration names
    /// another encoding (named when it is a well-formed encoding name of at
    /// most 40 bytes): the declaration is not followed, only UTF-8 is read.
    #[error(
        "malformed: invalid UTF-8 in a body that declares encoding `{0}`, only UTF-8 is supported"
    )]
    DeclaredEncoding(String),
    /// A character XML does not allow, written literally: a C0 control other
    /// than tab, line feed and carriage return (NUL included), U+FFFE or
    /// U+FFFF, in text, CDATA, a comment or a processing instruction.
    #[error("malformed: character U+{:04X} is not allowed in XML", u32::from(*.0))]
    InvalidChar(char),
    /// A start or end tag whose name is not an XML name (a namespace
    /// `QName`: `name` or `prefix:name`), such as `<1x>`, `<-x>`, `<a&b>`,
    /// `<:>`. The name is not repeated: it is not one.
    #[error("malformed: a tag name that is not an XML name")]
    InvalidName,
    /// A body encoded in UTF-16 (or another encoding than UTF-8), which AWS never sends.
    #[error("malformed: the body is UTF-16, only UTF-8 is supported")]
    Utf16,
    /// A well-formed XML document whose root is not an AWS response envelope,
    /// or an HTML page: an `<html>` root or a `<!DOCTYPE html>` is reported
    /// as soon as it is read, whatever follows.
    #[error("not an AWS response: unrecognized root element `{0}`")]
    UnrecognizedEnvelope(String),
    /// An AWS envelope missing a part it must have (an `<ErrorResponse>`
    /// without `<Error>`, a SOAP `Body` without content...).
    #[error("not an AWS response: {0}")]
    MalformedEnvelope(EnvelopeFault),
    /// The body goes over a configured limit.
    #[error("over limit `{limit}` = {max}")]
    LimitExceeded {
        /// The limit.
        limit: Limit,
        /// Its value in the [`Limits`](crate::Limits) used.
        max: usize,
    },
    /// Reading the body failed; the offset is how far it got. The reader's
    /// [`std::io::Error`] is the error's [`source`](std::error::Error::source)
    /// and [`Error::io_error`].
    #[error("I/O error: {0}")]
    Io(std::io::ErrorKind),
    /// A result element does not fit the type asked for.
    #[error("cannot deserialize `{path}`: {message}")]
    Deserialize {
        /// The element's path from the result, such as `Message[3]/Attribute[0]/Value`.
        path: String,
        /// What was expected (never the element's text).
        message: String,
    },
    /// The service answered with an error envelope.
    #[error("{0}")]
    Service(Box<crate::ServiceError<'static>>),
    /// [`ServiceError::detail_as`](crate::ServiceError::detail_as) on an
    /// error whose elements were not kept (a SOAP fault, or
    /// [`Options::skip_result`](crate::Options::skip_result)).
    #[error("the error's elements were not kept")]
    NotKept,
}

/// What a truncated body ends inside ([`ErrorKind::EofInMarkup`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Markup {
    /// A start or end tag (or an attribute value in one).
    #[error("a tag")]
    Tag,
    /// A comment.
    #[error("a comment")]
    Comment,
    /// A CDATA section.
    #[error("a CDATA section")]
    Cdata,
    /// A processing instruction or the XML declaration.
    #[error("a processing instruction")]
    ProcessingInstruction,
    /// `<!` followed by the start of `--`, `[CDATA[` or `DOCTYPE`.
    #[error("markup")]
    Bang,
    /// An entity or character reference (`&amp;`, `&#10;`).
    #[error("a reference")]
    Reference,
    /// A UTF-8 sequence cut by the end of the body.
    #[error("a UTF-8 character")]
    Utf8Char,
}

/// Markup that is not well-formed XML ([`ErrorKind::Syntax`]): the faults
/// that have no kind of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SyntaxFault {
    /// `<?xml ...?>` anywhere but at the very start of the body.
    #[error("an XML declaration after the start")]
    LateDeclaration,
    /// `]]>` in text, outside a CDATA section.
    #[error("`]]>` in text")]
    CdataEndInText,
    /// `--` inside a comment.
    #[error("`--` inside a comment")]
    DoubleHyphenInComment,
    /// A processing instruction whose target is not an XML name.
    #[error("a processing instruction whose target is not an XML name")]
    BadPiTarget,
    /// `<!` that begins none of a comment, CDATA or a DOCTYPE.
    #[error("invalid `<!` markup")]
    BadBangMarkup,
    /// `&` that does not begin a reference (`a & b`).
    #[error("`&` not followed by a reference")]
    BareAmpersand,
    /// `<>` or `</>`: a tag without a name.
    #[error("a tag without a name")]
    TagWithoutName,
    /// An end tag holding more than its name (`</a b>`).
    #[error("an end tag holding more than its name")]
    EndTagWithMore,
    /// Any other markup XML does not allow (an attribute without a value,
    /// a duplicate attribute...).
    #[error("malformed markup")]
    Other,
}

/// What an AWS envelope lacks ([`ErrorKind::MalformedEnvelope`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeFault {
    /// A SOAP `Envelope` whose `Body` holds no element (or with no `Body`).
    #[error("the SOAP `Body` holds no element")]
    EmptySoapBody,
    /// `<ErrorResponse>`, `<Response><Errors>` or `<XErrorResponse>` with no
    /// `<Error>` in it.
    #[error("an error envelope without an `Error` element")]
    NoError,
}

/// An element name for an error message: cut to 64 bytes, since names come
/// from the body and may be long.
pub(crate) fn element_name(name: &str) -> String {
    const MAX: usize = 64;
    if name.len() <= MAX {
        return name.to_owned();
    }
    let mut end = MAX;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &name[..end])
}

impl ErrorKind {
    /// The broad [`Category`] of this kind.
    pub fn category(&self) -> Category {
        match self {
            ErrorKind::Empty => Category::Empty,
            ErrorKind::EofInMarkup(_) | ErrorKind::EofInElement(_) => Category::Truncated,
            ErrorKind::UnrecognizedEnvelope(_)
            | ErrorKind::MalformedEnvelope(_)
            | ErrorKind::Json => Category::Envelope,
            ErrorKind::LimitExceeded { .. } => Category::Limit,
            ErrorKind::Io(_) => Category::Io,
            ErrorKind::Deserialize { .. } | ErrorKind::NotKept => Category::Data,
            ErrorKind::Service(_) => Category::Service,
            _ => Category::Malformed,
        }
    }
}

impl Error {
    #[cold]
    pub(crate) fn new(kind: ErrorKind, offset: u64) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                offset: Some(offset),
                io: None,
            }),
        }
    }

    /// Over `limit` of `limits`, at `offset`.
    #[cold]
    pub(crate) fn over(limit: Limit, limits: &crate::Limits, offset: u64) -> Self {
        let max = limit.value(limits);
        Error::new(ErrorKind::LimitExceeded { limit, max }, offset)
    }

    /// The reader failed with `error` after `offset` bytes.
    #[cold]
    pub(crate) fn io(error: std::io::Error, offset: u64) -> Self {
        Error {
            inner: Box::new(Inner {
                kind: ErrorKind::Io(error.kind()),
                offset: Some(offset),
                io: Some(Arc::new(error)),
            }),
        }
    }

    pub(crate) fn service(error: crate::ServiceError<'_>) -> Self {
        Error {
            inner: Box::new(Inner {
                kind: ErrorKind::Service(Box::new(error.into_owned())),
                offset: None,
                io: None,
            }),
        }
    }

    pub(crate) fn not_kept() -> Self {
        Error {
            inner: Box::new(Inner {
                kind: ErrorKind::NotKept,
                offset: None,
                io: None,
            }),
        }
    }

    /// The reader's own error, when reading the body failed
    /// ([`Category::Io`]): its [`kind`](std::io::Error::kind) tells a
    /// timeout from a reset connection.
    pub fn io_error(&self) -> Option<&std::io::Error> {
        self.inner.io.as_deref()
    }

    /// The service's error envelope, when that is why
    /// [`from_slice`](crate::from_slice) gave no result.
    pub fn service_error(&self) -> Option<&crate::ServiceError<'static>> {
        match &self.inner.kind {
            ErrorKind::Service(e) => Some(e),
            _ => None,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The broad class of the error.
    pub fn category(&self) -> Category {
        self.inner.kind.category()
    }

    /// The byte offset in the body where the error was found: for a truncated
    /// body, its length; for a limit, the start of the token that went over it.
    ///
    /// Every parse, I/O and deserialization failure has an offset; a service
    /// error (the body is a well-formed error envelope) has none.
    pub fn offset(&self) -> Option<u64> {
        self.inner.offset
    }

    /// True when the body ended too early: more input could have completed it.
    /// Streaming callers use it to tell "need more" from "malformed". An
    /// empty body is not truncated: it is [`Category::Empty`].
    pub fn is_truncated(&self) -> bool {
        self.category() == Category::Truncated
    }

    /// True when the body is not well-formed XML (or uses refused XML features).
    pub fn is_malformed(&self) -> bool {
        self.category() == Category::Malformed
    }

    /// The limit the body went over, if that is the error.
    pub fn limit(&self) -> Option<Limit> {
        match self.inner.kind {
            ErrorKind::LimitExceeded { limit, .. } => Some(limit),
            _ => None,
        }
    }
}
