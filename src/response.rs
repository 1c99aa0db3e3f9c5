//! The unified result of a parse: [`Response`], [`ServiceError`] and [`ErrorEntry`].

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use bytes::Bytes;

use crate::tree::{self, Built, Value};
use crate::{Error, ErrorCode, Options};

/// Whether the service answered with success or with an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// The action succeeded: [`Response::result`] gives its result.
    Success,
    /// The service answered with one or more errors: [`Response::service_error`] gives them.
    Error,
}

/// The envelope style a body used. Serialized by its JSON name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Envelope {
    /// `<XResponse>`: `XResult` + `ResponseMetadata/RequestId`; the 2007
    /// `ResponseStatus` style; the EC2 style with a root `requestId`; a
    /// `SimpleDB` `<XResponse>` carrying `Errors/Error`; or a root of another
    /// name that carries a request id (JSON `action_response`).
    ActionResponse,
    /// `<ErrorResponse><Error>...</Error><RequestId/></ErrorResponse>` (JSON `error_response`).
    ErrorResponse,
    /// The legacy `<Response><Errors><Error>...</Error></Errors><RequestID/></Response>`
    /// (JSON `response_errors`).
    ResponseErrors,
    /// `<XErrorResponse>` such as FWS's `GetServiceStatusErrorResponse` (JSON `action_error_response`).
    ActionErrorResponse,
    /// A SOAP 1.1 or 1.2 `Fault` (JSON `soap_fault`).
    SoapFault,
    /// A bare `<Error>` root, the REST-XML style, tolerated (JSON `error`).
    Error,
    /// A root named `XException` (SQS answered `<ServiceUnavailableException>`
    /// during an outage): an error whose code is the root's name (JSON
    /// `exception`).
    Exception,
    /// No envelope: an error built from the HTTP status alone, for a body
    /// that is empty, not XML, or not well-formed under a 4xx or 5xx status
    /// (JSON `none`).
    None,
}

impl Envelope {
    /// The envelope's JSON name, such as `action_response`.
    pub fn as_str(self) -> &'static str {
        match self {
            Envelope::ActionResponse => "action_response",
            Envelope::ErrorResponse => "error_response",
            Envelope::ResponseErrors => "response_errors",
            Envelope::ActionErrorResponse => "action_error_response",
            Envelope::SoapFault => "soap_fault",
            Envelope::Error => "error",
            Envelope::Exception => "exception",
            Envelope::None => "none",
        }
    }
}

impl fmt::Display for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `<Error>` of an error envelope (or the SOAP fault): its type, code,
/// message and detail, each trimmed at both ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEntry<'a> {
    pub(crate) error_type: Option<Cow<'a, str>>,
    pub(crate) code: ErrorCode,
    pub(crate) message: Option<Cow<'a, str>>,
    pub(crate) detail: Option<Cow<'a, str>>,
    /// The HTTP error status the error was reported under, when the
    /// response parts were given and the status decides its class.
    pub(crate) status: Option<u16>,
}

impl ErrorEntry<'_> {
    /// The `<Type>` as the body says it (`Sender` or `Receiver`; a SOAP
    /// fault's `Client`/`Server` are mapped to `Sender`/`Receiver`); `None`
    /// when the body has none. It never falls back to the code table: see
    /// [`ErrorCode::fault`] for that.
    pub fn error_type(&self) -> Option<&str> {
        self.error_type.as_deref()
    }

    /// The typed `<Code>`; [`ErrorCode::as_str`] gives it as written. An
    /// `<Error>` without `<Code>` has the empty code `""`.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The `<Message>`, `None` when absent.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The `<Detail>` text; `None` when absent, empty or holding elements.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// Detaches the entry from the body.
    pub fn into_owned(self) -> ErrorEntry<'static> {
        ErrorEntry {
            error_type: self.error_type.map(owned),
            code: self.code,
            message: self.message.map(owned),
            detail: self.detail.map(owned),
            status: self.status,
        }
    }
}

fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

impl Serialize for ErrorEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ErrorEntry", 6)?;
        s.serialize_field("type", &self.error_type)?;
        s.serialize_field("code", self.code.as_str())?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("detail", &self.detail)?;
        s.serialize_field("http_status", &self.code.http_status())?;
        s.serialize_field("retryable", &self.is_retryable())?;
        s.end()
    }
}

/// The errors a service answered with: every `<Error>` in document order
/// (the first is the primary one) and the request id.
///
/// # Examples
///
/// ```
/// use aws_query_xml::ErrorCode;
///
/// let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
///   <Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
/// let response = aws_query_xml::parse(body)?;
/// let error = response.service_error().unwrap();
/// assert_eq!(error.code(), &ErrorCode::Throttling);
/// assert!(error.code().is_retryable());
/// assert_eq!(error.message(), Some("Rate exceeded"));
/// assert_eq!(error.request_id(), Some("r-1"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError<'a> {
    /// Never empty.
    pub(crate) errors: Vec<ErrorEntry<'a>>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    /// The content of the primary `<Error>`, for [`ServiceError::detail_as`].
    pub(crate) detail: Option<ResultSource<'a>>,
    /// The options the body was parsed with, for `detail_as`.
    pub(crate) options: crate::Options,
}

impl<'a> ServiceError<'a> {
    fn primary(&self) -> &ErrorEntry<'a> {
        // `errors` is never empty: the envelope builds a ServiceError only with errors.
        &self.errors[0]
    }

    /// The primary error's typed code.
    pub fn code(&self) -> &ErrorCode {
        &self.primary().code
    }

    /// The primary error's message.
    pub fn message(&self) -> Option<&str> {
        self.primary().message()
    }

    /// The primary error's type (`Sender`, `Receiver`), as the body says it.
    pub fn error_type(&self) -> Option<&str> {
        self.primary().error_type()
    }

    /// The primary error's detail text.
    pub fn detail(&self) -> Option<&str> {
        self.primary().detail()
    }

    /// The request id the body carries, wherever the envelope keeps it.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Every error, in document order; never empty.
    pub fn errors(&self) -> &[ErrorEntry<'a>] {
        &self.errors
    }

    /// Detaches the error from the body.
    pub fn into_owned(self) -> ServiceError<'static> {
        ServiceError {
            errors: self
                .errors
                .into_iter()
                .map(ErrorEntry::into_owned)
                .collect(),
            request_id: self.request_id.map(owned),
            detail: self.detail.map(ResultSource::into_owned),
            options: self.options,
        }
    }
}

impl fmt::Display for ServiceError<'_> {
    /// The code and request id; not the message, which is the service's text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "service error `{}`", self.code())?;
        if let Some(id) = self.request_id() {
            write!(f, " (request id `{id}`)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError<'_> {}

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
            content: match self.content {
                Source::Borrowed(b) => Source::Shared(Bytes::copy_from_slice(b)),
                Source::Shared(b) => Source::Shared(b),
            },
            base: self.base,
            root_children: self.root_children,
        }
    }
}

/// What a service answered: the outcome, the envelope, the request id, the
/// errors, and the result, built on demand.
///
/// Parsing borrows every value that needs no decoding from the body;
/// [`into_owned`](Response::into_owned) detaches the response.
///
/// Serializing a `Response` (with serde) gives the CLI's JSON object; it
/// builds the result tree, and fails if that goes over
/// [`Limits::max_nodes`](crate::Limits::max_nodes).
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Envelope, Outcome, Response};
///
/// let body = b"<CreateQueueResponse><CreateQueueResult><QueueUrl>http://q/1</QueueUrl>\
///   </CreateQueueResult><ResponseMetadata><RequestId>r-1</RequestId>\
///   </ResponseMetadata></CreateQueueResponse>";
/// let response = aws_query_xml::parse(body)?;
/// assert_eq!(response.outcome(), Outcome::Success);
/// assert_eq!(response.envelope(), Envelope::ActionResponse);
/// assert_eq!(response.action(), Some("CreateQueue"));
/// assert_eq!(response.request_id(), Some("r-1"));
/// assert!(response.service_error().is_none());
/// let result = response.result()?.expect("a success has a result");
/// assert_eq!(result["QueueUrl"].as_str(), Some("http://q/1"));
/// // detached from the body, to keep beyond it
/// let owned: Response<'static> = response.into_owned();
/// assert_eq!(owned.request_id(), Some("r-1"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response<'a> {
    pub(crate) envelope: Envelope,
    pub(crate) soap: bool,
    pub(crate) action: Option<Cow<'a, str>>,
    /// The root's local name, when the result is its content (for paths).
    pub(crate) root: Option<Cow<'a, str>>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) error: Option<ServiceError<'a>>,
    pub(crate) result: Option<ResultSource<'a>>,
    /// A success whose result was not kept ([`Options::skip_result`]).
    pub(crate) result_skipped: bool,
    /// The `<Error>` with a `<Code>` directly under a success envelope's
    /// root: the error an HTTP error status reports.
    pub(crate) root_error: Option<ErrorEntry<'a>>,
    pub(crate) options: Options,
    /// The result's tree, when the parse built it.
    pub(crate) built: Built<'a>,
}

impl<'a> Response<'a> {
    /// Success or error: error exactly when [`service_error`](Self::service_error) is `Some`.
    pub fn outcome(&self) -> Outcome {
        if self.error.is_some() {
            Outcome::Error
        } else {
            Outcome::Success
        }
    }

    /// True when the outcome is success.
    pub fn is_success(&self) -> bool {
        self.error.is_none()
    }

    /// The envelope style.
    pub fn envelope(&self) -> Envelope {
        self.envelope
    }

    /// True when the envelope was wrapped in a SOAP `Envelope/Body`.
    pub fn is_soap(&self) -> bool {
        self.soap
    }

    /// The action: `X` for `<XResponse>` and `<XErrorResponse>` (and for a
    /// success of another root name carrying a request id, that name); `None`
    /// for the other envelopes.
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// The request id, wherever the envelope keeps it.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The errors, `None` for success.
    pub fn service_error(&self) -> Option<&ServiceError<'a>> {
        self.error.as_ref()
    }

    /// Takes the errors out of the response, `None` for success.
    pub fn into_service_error(self) -> Option<ServiceError<'a>> {
        self.error
    }

    /// Builds the result tree: `None` for an error, an object (possibly
    /// empty) for success, from the `<XResult>` element when the root has
    /// one, else from the root's children other than the request id,
    /// `ResponseMetadata` and `ResponseStatus`.
    ///
    /// An element with no child elements becomes a string (`""` if empty,
    /// whitespace as the [`Whitespace`](crate::Whitespace) policy says); one
    /// with child elements an object keyed by local name; a name that
    /// repeats an array in order; an element whose children are all `member`
    /// or all `item` an array of their values, even when there is one.
    ///
    /// The tree is built anew on each call; `parse` itself never pays for it.
    ///
    /// # Errors
    ///
    /// An [`Error`] naming [`Limit::Nodes`](crate::Limit::Nodes) when the result has more elements than
    /// [`Limits::max_nodes`](crate::Limits::max_nodes).
    ///
    /// # Examples
    ///
    /// ```
    /// let body = b"<ListIdentitiesResponse><ListIdentitiesResult><Identities>\
    ///   <member>a@example.com</member></Identities></ListIdentitiesResult>\
    ///   <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></ListIdentitiesResponse>";
    /// let response = aws_query_xml::parse(body)?;
    /// let result = response.result()?.unwrap();
    /// let identities = result.get("Identities").and_then(|v| v.as_array()).unwrap();
    /// assert_eq!(identities[0].as_str(), Some("a@example.com"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn result(&self) -> Result<Option<Value<'_>>, Error> {
        if self.error.is_some() || self.result_skipped {
            return Ok(None);
        }
        if let Some(value) = &self.built.0 {
            return Ok(Some(value.clone()));
        }
        match &self.result {
            None => Ok(Some(Value::empty_object())),
            Some(src) => tree::build(src, self.options).map(Some),
        }
    }

    /// Detaches the response from the body: copies the values it borrows and
    /// the bytes of the result (not the whole body).
    pub fn into_owned(self) -> Response<'static> {
        Response {
            envelope: self.envelope,
            soap: self.soap,
            action: self.action.map(owned),
            root: self.root.map(owned),
            request_id: self.request_id.map(owned),
            error: self.error.map(ServiceError::into_owned),
            result: self.result.map(ResultSource::into_owned),
            result_skipped: self.result_skipped,
            root_error: self.root_error.map(ErrorEntry::into_owned),
            options: self.options,
            // gathered again from the owned bytes when asked for
            built: Built::default(),
        }
    }

    /// Detaches a response parsed from `body`'s bytes, sharing the result's
    /// bytes with `body` instead of copying them.
    pub(crate) fn share(self, body: &Bytes) -> Response<'static> {
        let mut response = Response {
            result: None,
            ..self
        };
        let result = self.result.map(|r| ResultSource {
            content: match r.content {
                Source::Borrowed(b) => Source::Shared(body.slice_ref(b)),
                Source::Shared(b) => Source::Shared(b),
            },
            base: r.base,
            root_children: r.root_children,
        });
        response.result = None;
        let mut owned = response.into_owned();
        owned.result = result;
        owned
    }
}

/// The `errors` array of the JSON form: empty for success.
struct Errors<'r, 'a>(Option<&'r ServiceError<'a>>);

impl Serialize for Errors<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(e) => e.errors.serialize(serializer),
            None => serializer
                .serialize_seq(Some(0))
                .and_then(serde::ser::SerializeSeq::end),
        }
    }
}

impl Serialize for Response<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // the tree the parse built, as it is; else built now
        let result = match &self.built.0 {
            Some(value) if self.error.is_none() && !self.result_skipped => {
                Some(Cow::Borrowed(value))
            }
            _ => self
                .result()
                .map_err(serde::ser::Error::custom)?
                .map(Cow::Owned),
        };
        let mut m = serializer.serialize_map(Some(7))?;
        m.serialize_entry("outcome", &self.outcome())?;
        m.serialize_entry("envelope", &self.envelope)?;
        m.serialize_entry("soap", &self.soap)?;
        m.serialize_entry("action", &self.action)?;
        m.serialize_entry("request_id", &self.request_id)?;
        m.serialize_entry("errors", &Errors(self.error.as_ref()))?;
        m.serialize_entry("result", &result)?;
        m.end()
    }
}
