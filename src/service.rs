//! What a service said: the outcome, the envelope it used, its errors
//! ([`ErrorEntry`], [`ServiceError`]). Plain data, below everything that
//! reads or builds it (the envelope, the response, the crate's `Error`).

use std::borrow::Cow;
use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::ErrorCode;
use crate::span::Fragment;

/// Whether the service answered with success or with an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// The action succeeded: [`Response::result`](crate::Response::result) gives its result.
    Success,
    /// The service answered with one or more errors: [`Response::service_error`](crate::Response::service_error) gives them.
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
    /// Every envelope, in the order the README lists them (`none` last).
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::Envelope;
    ///
    /// for envelope in Envelope::ALL {
    ///     assert_eq!(envelope.as_str().parse(), Ok(envelope));
    /// }
    /// assert!("soap".parse::<Envelope>().is_err());
    /// ```
    pub const ALL: [Envelope; 8] = [
        Envelope::ActionResponse,
        Envelope::ErrorResponse,
        Envelope::ResponseErrors,
        Envelope::ActionErrorResponse,
        Envelope::SoapFault,
        Envelope::Error,
        Envelope::Exception,
        Envelope::None,
    ];

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

impl std::str::FromStr for Envelope {
    type Err = UnknownEnvelope;

    /// The envelope of a JSON name (as [`Envelope::as_str`] gives it).
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Envelope::ALL
            .into_iter()
            .find(|e| e.as_str() == name)
            .ok_or(UnknownEnvelope)
    }
}

/// The error of parsing an [`Envelope`] from a string that is no
/// envelope's JSON name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown envelope: expected a JSON name such as `action_response` or `error_response`")]
pub struct UnknownEnvelope;

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

pub(crate) fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
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
    pub(crate) detail: Option<Fragment<'a>>,
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
            detail: self.detail.map(Fragment::into_owned),
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
