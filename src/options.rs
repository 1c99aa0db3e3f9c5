//! Configuration only: the whitespace policy for result values, the limits on
//! untrusted input, and what to keep (the entry points are in `entry.rs`).

/// How result values treat whitespace at their ends.
///
/// Envelope fields (error type, code, message, detail, request id, status
/// code, fault fields) are always trimmed at both ends, whatever the policy;
/// this policy is for the result's string values. The interior of a value is
/// never touched, except that literal line ends are normalised as XML 1.0
/// says (`\r\n` and `\r` become `\n`; `&#xD;` stays `\r`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Whitespace {
    /// Trim a value at both ends when its *literal* leading or trailing
    /// whitespace holds a line break (pretty-printing, as in
    /// `<QueueUrl>\n  http://...\n</QueueUrl>`); keep any other value exactly.
    /// Whitespace written as a character reference (`&#32;`) or inside CDATA
    /// is data and is never trimmed by this policy.
    #[default]
    Auto,
    /// Keep every value exactly as the body has it.
    Keep,
    /// Trim XML whitespace (space, tab, line feed, carriage return) at both
    /// ends of every value, whatever its source.
    Trim,
}

impl Whitespace {
    /// The policy's name as the CLI spells it: `auto`, `keep` or `trim`.
    pub fn as_str(self) -> &'static str {
        match self {
            Whitespace::Auto => "auto",
            Whitespace::Keep => "keep",
            Whitespace::Trim => "trim",
        }
    }
}

impl std::str::FromStr for Whitespace {
    type Err = UnknownWhitespace;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Whitespace::Auto),
            "keep" => Ok(Whitespace::Keep),
            "trim" => Ok(Whitespace::Trim),
            _ => Err(UnknownWhitespace),
        }
    }
}

/// The error of parsing a [`Whitespace`] policy from a string other than
/// `auto`, `keep` or `trim`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown whitespace policy: expected `auto`, `keep` or `trim`")]
pub struct UnknownWhitespace;

/// Limits on untrusted input, the same on every input path. Going over any
/// of them is an [`Error`](crate::Error) whose [`limit`](crate::Error::limit) names it.
///
/// | limit | default | maximum |
/// |---|---|---|
/// | [`max_depth`](Limits::max_depth): element nesting depth | 128 | [`Limits::MAX_DEPTH`] (512) |
/// | [`max_token_bytes`](Limits::max_token_bytes): bytes in one token (tag, text run, comment, CDATA), skipped ones too | 8 MiB | none |
/// | [`max_value_bytes`](Limits::max_value_bytes): source bytes in one text value | 8 MiB | none |
/// | [`max_field_bytes`](Limits::max_field_bytes): source bytes in one envelope field (error type, code, message, detail, request id...) | 64 KiB | none |
/// | [`max_errors`](Limits::max_errors): `<Error>` elements kept | 1,000 | none |
/// | [`max_nodes`](Limits::max_nodes): elements in a result tree | 1,000,000 | none |
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Limit, Limits, Options};
///
/// let options = Options::new().limits(Limits::new().max_depth(3));
/// let err = options.parse(b"<AResponse><AResult><b><c/></b></AResult></AResponse>").unwrap_err();
/// assert_eq!(err.limit(), Some(Limit::Depth));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(clippy::struct_field_names)] // the fields are named as the methods that set them
pub struct Limits {
    pub(crate) max_depth: usize,
    pub(crate) max_token_bytes: usize,
    pub(crate) max_value_bytes: usize,
    pub(crate) max_field_bytes: usize,
    pub(crate) max_errors: usize,
    pub(crate) max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_token_bytes: 8 << 20,
            max_value_bytes: 8 << 20,
            max_field_bytes: 64 << 10,
            max_errors: 1_000,
            max_nodes: 1_000_000,
        }
    }
}

impl Limits {
    /// The largest nesting depth [`max_depth`](Limits::max_depth) accepts:
    /// every consumer of the crate (envelope, result tree, its serialization
    /// and drop) is tested at this depth on a thread with a 2 MiB stack.
    pub const MAX_DEPTH: usize = 512;

    /// The default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the largest element nesting depth, counting the root as 1
    /// (default 128); values above [`Limits::MAX_DEPTH`] are clamped to it.
    #[must_use]
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth.min(Self::MAX_DEPTH);
        self
    }

    /// Sets the largest number of bytes in one token: a start or end tag, a
    /// run of text between markup, a comment, a CDATA section, a processing
    /// instruction; tokens the parser skips count too (default 8 MiB).
    #[must_use]
    pub fn max_token_bytes(mut self, bytes: usize) -> Self {
        self.max_token_bytes = bytes;
        self
    }

    /// Sets the largest number of source bytes in one text value, from its
    /// first piece of text, reference or CDATA to its last (default 8 MiB).
    /// The decoded value is never longer than its source.
    #[must_use]
    pub fn max_value_bytes(mut self, bytes: usize) -> Self {
        self.max_value_bytes = bytes;
        self
    }

    /// Sets the largest number of source bytes in one field of the envelope
    /// (an error's type, code, message and detail, the request id, a 2007
    /// status code, a SOAP fault's parts), from its first piece of text,
    /// reference or CDATA to its last, counted as the bytes arrive (default
    /// 64 KiB; real AWS messages are under 1 KiB). The envelope keeps at
    /// most [`max_errors`](Limits::max_errors) errors of a few such fields,
    /// so what it holds is bounded by the limits whatever the body: a
    /// stream with [`Options::skip_result`] keeps nothing else.
    ///
    /// Where a field's text goes over this limit and over
    /// [`max_value_bytes`](Limits::max_value_bytes) or
    /// [`max_token_bytes`](Limits::max_token_bytes) too, the error names
    /// the limit passed at the earliest byte (the token limit on a tie).
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{Limit, Limits, Options};
    ///
    /// let body = b"<ErrorResponse><Error><Code>Throttling</Code>\
    ///   <Message>Rate exceeded</Message></Error></ErrorResponse>";
    /// let options = Options::new().limits(Limits::new().max_field_bytes(10));
    /// let err = options.parse(body).unwrap_err();
    /// assert_eq!(err.limit(), Some(Limit::FieldBytes));
    /// assert_eq!(err.to_string(), "over limit `max_field_bytes` = 10 at byte 54");
    /// ```
    #[must_use]
    pub fn max_field_bytes(mut self, bytes: usize) -> Self {
        self.max_field_bytes = bytes;
        self
    }

    /// Sets the largest number of `<Error>` elements an error envelope may
    /// hold (default 1,000); one more is an error, not a silent cut.
    #[must_use]
    pub fn max_errors(mut self, errors: usize) -> Self {
        self.max_errors = errors;
        self
    }

    /// Sets the largest number of elements in a result tree built by
    /// [`Response::result`](crate::Response::result) (default 1,000,000).
    #[must_use]
    pub fn max_nodes(mut self, nodes: usize) -> Self {
        self.max_nodes = nodes;
        self
    }
}

/// Parser options: the [`Whitespace`] policy and the [`Limits`].
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Options, Whitespace};
///
/// let body = b"<GetResponse><GetResult><Key> a </Key></GetResult></GetResponse>";
/// let trimmed = Options::new().whitespace(Whitespace::Trim).parse(body)?;
/// let result = trimmed.result()?.unwrap();
/// assert_eq!(result.get("Key").and_then(|v| v.as_str()), Some("a"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Options {
    pub(crate) whitespace: Whitespace,
    pub(crate) limits: Limits,
    pub(crate) skip_result: bool,
    pub(crate) build_result: bool,
}

impl Options {
    /// The default options: [`Whitespace::Auto`] and the default [`Limits`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the whitespace policy for result values.
    #[must_use]
    pub fn whitespace(mut self, whitespace: Whitespace) -> Self {
        self.whitespace = whitespace;
        self
    }

    /// Sets the limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Builds the result's tree during the parse itself, for a caller that
    /// will ask for it: [`Response::result`](crate::Response::result) then
    /// only turns it into [`Value`](crate::Value)s instead of reading the
    /// result's bytes a second time (the CLI does this). It applies to
    /// [`Options::parse`], whose response borrows the body the tree borrows
    /// from; the other paths read the result's bytes again. Without it a
    /// parse pays nothing for a result nobody reads; a result over
    /// [`Limits::max_nodes`] is reported by `result` either way.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::Options;
    ///
    /// let body = b"<ListQueuesResponse><ListQueuesResult><QueueUrl>http://q/1</QueueUrl>\
    ///   </ListQueuesResult></ListQueuesResponse>";
    /// let response = Options::new().build_result(true).parse(body)?;
    /// let result = response.result()?.unwrap(); // no second pass
    /// assert_eq!(result["QueueUrl"].as_str(), Some("http://q/1"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    #[must_use]
    pub fn build_result(mut self, build: bool) -> Self {
        self.build_result = build;
        self
    }

    /// Envelope only: the streaming parsers ([`Options::stream`],
    /// [`Options::parse_reader`]) keep no bytes of the result, so their
    /// memory does not grow with the body; [`Response::result`](crate::Response::result) then gives
    /// `None` for a success. A whole-body parse borrows its result and pays
    /// nothing for it, so this changes only what `result` gives.
    #[must_use]
    pub fn skip_result(mut self, skip: bool) -> Self {
        self.skip_result = skip;
        self
    }
}
