//! From an HTTP response to a decision: the status and headers beside the
//! body ([`HttpParts`]), judged together into an [`HttpResponse`].

use std::borrow::Cow;
use std::io::Read;
use std::time::SystemTime;

use bytes::Bytes;
use serde::{Serialize, Serializer};

use crate::capture::{READ_CHUNK, SNIPPET_MAX};
use crate::codes::parse_code;
use crate::retry::{RetryAfter, RetrySchedule};
use crate::service::ErrorEntry;
use crate::tree::Built;
use crate::{
    Category, Envelope, Error, ErrorCode, ErrorKind, Options, Response, ServiceError, StreamParser,
};

/// The status and headers of an HTTP response: what the response-parts
/// entry points ([`Options::parse_http`] and the others) read beside the body.
///
/// Header names are compared case-insensitively; values are trimmed. A name
/// given twice gives its first value.
///
/// # Examples
///
/// ```
/// use aws_query_xml::HttpParts;
///
/// let parts = HttpParts::new(503).header("X-Amzn-RequestId", " r-1 ");
/// assert_eq!(parts.status(), 503);
/// assert_eq!(parts.get("x-amzn-requestid"), Some("r-1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpParts {
    status: u16,
    headers: Vec<(Box<str>, Box<str>)>,
}

impl HttpParts {
    /// Parts with this status and no headers.
    pub fn new(status: u16) -> Self {
        HttpParts {
            status,
            headers: Vec::new(),
        }
    }

    /// Adds a header (the value trimmed).
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.trim().into(), value.trim().into()));
        self
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The first value of the header `name`, compared case-insensitively.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| &**v)
    }

    /// The request id the headers carry: `x-amzn-RequestId`, else `x-amz-request-id`.
    fn request_id(&self) -> Option<&str> {
        self.get("x-amzn-RequestId")
            .filter(|v| !v.is_empty())
            .or_else(|| self.get("x-amz-request-id").filter(|v| !v.is_empty()))
    }

    /// `x-amzn-query-error: Code;Sender`: the code and the type.
    fn query_error(&self) -> Option<(&str, Option<&str>)> {
        let value = self.get("x-amzn-query-error")?;
        let (code, ty) = match value.split_once(';') {
            Some((code, ty)) => (code.trim(), Some(ty.trim()).filter(|t| !t.is_empty())),
            None => (value, None),
        };
        (!code.is_empty()).then_some((code, ty))
    }

    fn is_error_status(&self) -> bool {
        (400..=599).contains(&self.status)
    }
}

/// A response judged with its HTTP status and headers: the [`Response`]
/// (through `Deref`), the status, the `Retry-After` and, for a body that is
/// not an envelope, a snippet of it for logs.
///
/// Serialized (with serde), it is the CLI's JSON with `--status`: the
/// [`Response`]'s fields and `http_status`, `retry_after_s` (at the time of
/// serializing) and `body_snippet`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    response: Response<'a>,
    status: u16,
    retry_after: Option<RetryAfter>,
    body_snippet: Option<String>,
}

impl<'a> std::ops::Deref for HttpResponse<'a> {
    type Target = Response<'a>;

    fn deref(&self) -> &Response<'a> {
        &self.response
    }
}

impl<'a> HttpResponse<'a> {
    /// The response.
    pub fn response(&self) -> &Response<'a> {
        &self.response
    }

    /// Takes the response out.
    pub fn into_response(self) -> Response<'a> {
        self.response
    }

    /// The HTTP status the response came with.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Retry-After` header, when it holds delta-seconds or an HTTP date.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.retry_after
    }

    /// At most [`SNIPPET_MAX`] bytes of the start of a body that is not XML
    /// (plain text, JSON) or is an HTML page, under a 4xx or 5xx status, cut
    /// at a character boundary, control characters escaped (`\n`,
    /// `\u{7f}`); `None` for an envelope, an empty body, and other XML
    /// (truncated, malformed, or with another root: it may hold data). Kept for logs:
    /// never part of a `Display` message.
    pub fn body_snippet(&self) -> Option<&str> {
        self.body_snippet.as_deref()
    }

    /// The retry schedule for a retryable error ([`ServiceError::is_retryable`]:
    /// throttling, 429 included, transient, clock skew), its first wait
    /// lengthened by the `Retry-After` header at `now`; `None` for a success
    /// or an error retrying cannot fix.
    pub fn retry_schedule(&self, now: SystemTime) -> Option<RetrySchedule> {
        if !self.response.service_error()?.is_retryable() {
            return None;
        }
        let mut schedule = RetrySchedule::new();
        if let Some(after) = self.retry_after {
            schedule.retry_after(after.delay(now));
        }
        Some(schedule)
    }

    /// Detaches the response from the body.
    pub fn into_owned(self) -> HttpResponse<'static> {
        HttpResponse {
            response: self.response.into_owned(),
            status: self.status,
            retry_after: self.retry_after,
            body_snippet: self.body_snippet,
        }
    }
}

impl Serialize for HttpResponse<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'r, 'a> {
            #[serde(flatten)]
            response: &'r Response<'a>,
            http_status: u16,
            retry_after_s: Option<u64>,
            body_snippet: Option<&'r str>,
        }
        Json {
            response: &self.response,
            http_status: self.status,
            retry_after_s: self
                .retry_after
                .map(|r| r.delay(SystemTime::now()).as_secs()),
            body_snippet: self.body_snippet(),
        }
        .serialize(serializer)
    }
}

/// The snippet of a body: its first [`SNIPPET_MAX`] bytes, cut back to a
/// character boundary (invalid UTF-8 replaced), control characters escaped.
pub(crate) fn snippet(body: &[u8]) -> Option<String> {
    if body.is_empty() {
        return None;
    }
    let head = &body[..body.len().min(SNIPPET_MAX)];
    let text = match std::str::from_utf8(head) {
        Ok(s) => Cow::Borrowed(s),
        Err(e) if e.error_len().is_none() => {
            Cow::Borrowed(std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default())
        }
        Err(_) => String::from_utf8_lossy(head),
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Whether a body looks like XML: its first byte after a BOM and whitespace is `<`.
fn looks_like_xml(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// The error an error status gives when the body names none: the
/// `x-amzn-query-error` header's code and type, else the status's code
/// ([`ErrorCode::for_status`], else its digits).
fn status_error<'a>(parts: &HttpParts, detail: Option<String>) -> ErrorEntry<'a> {
    let (code, error_type) = match parts.query_error() {
        Some((code, ty)) => (parse_code(code), ty.map(|t| Cow::Owned(t.to_owned()))),
        None => (
            ErrorCode::for_status(parts.status)
                .unwrap_or_else(|| parse_code(&parts.status.to_string())),
            None,
        ),
    };
    ErrorEntry {
        error_type,
        code,
        message: None,
        detail: detail.map(Cow::Owned),
        status: Some(parts.status),
    }
}

fn bare<'a>(envelope: Envelope, parts: &HttpParts, options: Options) -> Response<'a> {
    Response {
        envelope,
        soap: false,
        action: None,
        root: None,
        request_id: parts.request_id().map(|id| Cow::Owned(id.to_owned())),
        error: None,
        result: None,
        result_skipped: true,
        root_error: None,
        options,
        built: Built::default(),
    }
}

/// Judges a parse's answer with the status and headers.
pub(crate) fn judge<'a>(
    parts: &HttpParts,
    parsed: Result<Response<'a>, Error>,
    head: &[u8],
    options: Options,
) -> Result<HttpResponse<'a>, Error> {
    let mut snippet_of = None;
    let mut response = match parsed {
        Ok(response) if response.is_success() && parts.is_error_status() => {
            // a success envelope under an error status: an error
            let mut response = Response {
                result: None,
                result_skipped: false,
                built: Built::default(),
                ..response
            };
            let entry = match response.root_error.take() {
                Some(mut entry) => {
                    entry.status = Some(parts.status);
                    entry
                }
                None => status_error(parts, None),
            };
            response.error = Some(ServiceError {
                errors: vec![entry],
                request_id: None,
                detail: None,
                options,
            });
            response
        }
        Ok(mut response) => {
            if let Some(error) = &mut response.error
                && parts.is_error_status()
            {
                // under an error status, the status decides what the code leaves open
                for entry in &mut error.errors {
                    entry.status = Some(parts.status);
                }
            }
            response
        }
        Err(e) if e.category() == Category::Empty && (200..300).contains(&parts.status) => {
            bare(Envelope::None, parts, options)
        }
        Err(e) if parts.is_error_status() => {
            let xml_fault = matches!(e.category(), Category::Malformed | Category::Truncated)
                && looks_like_xml(head);
            let detail = match e.category() {
                Category::Empty | Category::Envelope => None,
                Category::Malformed | Category::Truncated => xml_fault.then(|| e.to_string()),
                _ => return Err(e),
            };
            // a body that is not XML, or an HTML page: never XML of an AWS service
            let html = matches!(e.kind(), ErrorKind::UnrecognizedEnvelope(name) if name.eq_ignore_ascii_case("html"));
            if !looks_like_xml(head) || html {
                snippet_of = snippet(head);
            }
            let mut response = bare(Envelope::None, parts, options);
            response.result_skipped = false;
            response.error = Some(ServiceError {
                errors: vec![status_error(parts, detail)],
                request_id: None,
                detail: None,
                options,
            });
            response
        }
        Err(e) => return Err(e),
    };
    if response.request_id.is_none() {
        response.request_id = parts.request_id().map(|id| Cow::Owned(id.to_owned()));
    }
    if let Some(error) = &mut response.error
        && error.request_id.is_none()
    {
        error.request_id.clone_from(&response.request_id);
    }
    Ok(HttpResponse {
        response,
        status: parts.status,
        retry_after: parts.get("Retry-After").and_then(RetryAfter::parse),
        body_snippet: snippet_of,
    })
}

impl Options {
    /// Parses a response body with its HTTP status and headers, and judges
    /// them together.
    ///
    /// - The request id comes from the body, else the `x-amzn-RequestId`
    ///   header, else `x-amz-request-id`.
    /// - An error envelope is an error whatever the status; under a 4xx or
    ///   5xx status, an error whose code is of the client class (an
    ///   unlisted code) takes the status's class (429 throttling, 5xx
    ///   transient).
    /// - A success envelope under a 4xx or 5xx status is an error: the
    ///   `<Error>` with a `<Code>` directly under its root if there is one,
    ///   else the status's error (below).
    /// - An empty body under a 2xx status is a success with no result
    ///   (envelope [`Envelope::None`], `result()` is `None`).
    /// - Under a 4xx or 5xx status, a body that is no envelope (empty, HTML,
    ///   plain text, JSON, another root; judged by its bytes, never by
    ///   `Content-Type`) or XML that is truncated or malformed gives the
    ///   status's error, envelope [`Envelope::None`]: the code and type of
    ///   the `x-amzn-query-error: Code;Sender` header if present, else
    ///   [`ErrorCode::for_status`] where it names one (429, 500, 503), else
    ///   the status's digits (`"404"`, `"502"`); its class follows the status
    ///   (see [`ErrorEntry::class`](crate::ErrorEntry::class)); for
    ///   malformed XML its `detail` is the parse error's message. A non-XML
    ///   body's start is kept in [`HttpResponse::body_snippet`].
    ///
    /// # Errors
    ///
    /// The [`Error`] [`Options::parse`] gives when the status does not turn
    /// it into an error outcome: a body that is not an AWS response under a
    /// status other than 4xx and 5xx (a non-empty one under 2xx too), and
    /// under any status a body over a limit.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{Envelope, ErrorClass, HttpParts};
    ///
    /// let page = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    /// let parts = HttpParts::new(502).header("x-amzn-RequestId", "r-502");
    /// let response = aws_query_xml::Options::new().parse_http(&parts, page)?;
    /// assert_eq!(response.envelope(), Envelope::None);
    /// assert_eq!(response.request_id(), Some("r-502"));
    /// let error = response.service_error().unwrap();
    /// assert_eq!(error.code().as_str(), "502");
    /// assert_eq!(error.class(), ErrorClass::Transient);
    /// assert!(response.body_snippet().unwrap().starts_with("<html>"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn parse_http<'a>(
        &self,
        parts: &HttpParts,
        body: &'a [u8],
    ) -> Result<HttpResponse<'a>, Error> {
        judge(parts, self.parse(body), body, *self)
    }

    /// [`Options::parse_http`] for a body held in [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html).
    ///
    /// # Errors
    ///
    /// As [`Options::parse_http`].
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{Envelope, HttpParts, Options, Outcome};
    /// use bytes::Bytes;
    ///
    /// // an empty 2xx body: a success with no result
    /// let parts = HttpParts::new(200).header("x-amz-request-id", "r-7");
    /// let response = Options::new().parse_http_bytes(&parts, &Bytes::new())?;
    /// assert_eq!(response.outcome(), Outcome::Success);
    /// assert_eq!(response.envelope(), Envelope::None);
    /// assert_eq!(response.request_id(), Some("r-7"));
    /// assert!(response.result()?.is_none());
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn parse_http_bytes(
        &self,
        parts: &HttpParts,
        body: &Bytes,
    ) -> Result<HttpResponse<'static>, Error> {
        judge(parts, self.parse_bytes(body), body, *self)
    }

    /// [`Options::parse_http`] for a body read from any [`Read`]er. A body
    /// found not to be an envelope is read on only as far as the snippet needs.
    ///
    /// # Errors
    ///
    /// As [`Options::parse_http`], and [`Options::parse_reader`]'s I/O errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{HttpParts, Options};
    ///
    /// // moto, and Query services that moved to JSON, name the error in a header
    /// let parts = HttpParts::new(400)
    ///     .header("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender");
    /// let body: &[u8] = br#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist"}"#;
    /// let response = Options::new().parse_http_reader(&parts, body)?;
    /// let error = response.service_error().unwrap();
    /// assert_eq!(error.code().as_str(), "AWS.SimpleQueueService.NonExistentQueue");
    /// assert_eq!(error.error_type(), Some("Sender"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn parse_http_reader<R: Read>(
        &self,
        parts: &HttpParts,
        mut reader: R,
    ) -> Result<HttpResponse<'static>, Error> {
        let mut parser = self.stream();
        let mut buf = vec![0; READ_CHUNK];
        loop {
            if parser.feed_http(reader.read(&mut buf), &buf)? {
                return parser.finish_http(parts);
            }
        }
    }

    /// [`Options::parse_http`] for a body read from an async reader.
    ///
    /// # Errors
    ///
    /// As [`Options::parse_http_reader`].
    #[cfg(feature = "tokio")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
    pub async fn parse_http_async<R>(
        &self,
        parts: &HttpParts,
        mut reader: R,
    ) -> Result<HttpResponse<'static>, Error>
    where
        R: tokio::io::AsyncRead + Unpin,
    {
        use tokio::io::AsyncReadExt;

        let mut parser = self.stream();
        let mut buf = vec![0; READ_CHUNK];
        loop {
            if parser.feed_http(reader.read(&mut buf).await, &buf)? {
                return parser.finish_http(parts);
            }
        }
    }

    /// [`Options::parse_http`] for an [`http::Response`](https://docs.rs/http/1/http/response/struct.Response.html)
    /// whose body is bytes: its status and every header whose value is text.
    ///
    /// # Errors
    ///
    /// As [`Options::parse_http`].
    ///
    /// # Examples
    ///
    /// ```
    /// let response = http::Response::builder()
    ///     .status(429)
    ///     .header("Retry-After", "20")
    ///     .body(Vec::new())
    ///     .unwrap();
    /// let judged = aws_query_xml::Options::new().parse_http_response(&response)?;
    /// let error = judged.service_error().unwrap();
    /// assert_eq!(error.code(), &aws_query_xml::ErrorCode::TooManyRequestsException);
    /// assert!(error.is_retryable());
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn parse_http_response<'a, B: AsRef<[u8]>>(
        &self,
        response: &'a http::Response<B>,
    ) -> Result<HttpResponse<'a>, Error> {
        let mut parts = HttpParts::new(response.status().as_u16());
        for (name, value) in response.headers() {
            if let Ok(value) = value.to_str() {
                parts = parts.header(name.as_str(), value);
            }
        }
        self.parse_http(&parts, response.body().as_ref())
    }
}

impl StreamParser {
    /// One read of the HTTP reader paths: `Ok(true)` once the answer is
    /// known (at the end of the body, or when it failed and the snippet is
    /// full: the rest cannot change the answer); the reader's own failure
    /// is the error.
    fn feed_http(&mut self, read: std::io::Result<usize>, buf: &[u8]) -> Result<bool, Error> {
        match self.feed_read(read, buf) {
            Err(e) if e.category() == Category::Io => Err(e),
            // failed: read on only for the snippet
            Err(_) => Ok(self.head.len() >= SNIPPET_MAX),
            done => done,
        }
    }

    /// Ends the input like [`finish`](StreamParser::finish) and judges the
    /// body with its status and headers, as [`Options::parse_http`]. Call
    /// it also after a `feed` failed: under an error status the body may
    /// still be the status's error. A failed parser still keeps the first
    /// [`SNIPPET_MAX`] bytes fed for the snippet: feed on until then to
    /// have the same snippet as the whole body gives.
    ///
    /// # Errors
    ///
    /// As [`Options::parse_http`].
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{HttpParts, StreamParser};
    /// use bytes::Bytes;
    ///
    /// let mut parser = StreamParser::new();
    /// // a truncated body under 503: the status's error, the parse error as its detail
    /// parser.feed(Bytes::from_static(b"<ErrorResponse><Error><Co"))?;
    /// let response = parser.finish_http(&HttpParts::new(503))?;
    /// let error = response.service_error().unwrap();
    /// assert_eq!(error.code(), &aws_query_xml::ErrorCode::ServiceUnavailable);
    /// assert!(error.detail().unwrap().starts_with("truncated"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn finish_http(mut self, parts: &HttpParts) -> Result<HttpResponse<'static>, Error> {
        let head = std::mem::take(&mut self.head);
        let options = self.options;
        judge(parts, self.finish(), &head, options)
    }
}
