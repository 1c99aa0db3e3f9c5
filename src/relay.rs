//! Relayed errors: a service built on an AWS service answers its own
//! callers `{"error": {"code", "message", ...}}` with its own stable codes
//! and its own status.

use std::time::Duration;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::retry::{MAX_RETRY_AFTER, RetrySchedule};
use crate::{ErrorClass, ErrorCode, Fault, ServiceError};

/// A service error as a relaying service answers it to its own callers:
/// serialized as exactly
/// `{"error": {"code", "message", "type", "http_status", "request_id", "retryable"}}`,
/// with the status to answer with and, for throttling, a `Retry-After`.
///
/// The suggested status ([`RelayedError::http_status`]):
///
/// | upstream error | status | `Retry-After` |
/// |---|---|---|
/// | throttling (429 included) | 429 | the upstream's `Retry-After` when given and longer, else the schedule's first wait (5 s) |
/// | quota used up ([`ErrorClass::Quota`]) | 429 | none: the quota resets at a time the error does not say |
/// | transient, clock skew, or the receiver's fault | 503 | none |
/// | the sender's own error | its code's documented 4xx, else the upstream's 4xx status, else 400 | none |
///
/// # Examples
///
/// ```
/// use aws_query_xml::{ErrorClass, ErrorCode, RelayedError};
///
/// let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
///   <Message>Maximum sending rate exceeded.</Message></Error>\
///   <RequestId>r-1</RequestId></ErrorResponse>";
/// let response = aws_query_xml::parse(body)?;
/// let error = response.service_error().unwrap();
/// let relayed = RelayedError::mapped(error, |_code: &ErrorCode, class| match class {
///     ErrorClass::Throttling => Some("rate_limited"),
///     _ => None,
/// });
/// assert_eq!(relayed.code(), "rate_limited");
/// assert_eq!(relayed.http_status(), 429);
/// assert_eq!(relayed.retry_after_secs(), Some(5));
/// assert_eq!(
///     serde_json::to_string(&relayed).unwrap(),
///     r#"{"error":{"code":"rate_limited","message":"Maximum sending rate exceeded.","type":"Sender","http_status":429,"request_id":"r-1","retryable":true}}"#
/// );
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayedError {
    code: String,
    message: Option<String>,
    error_type: Option<String>,
    http_status: u16,
    request_id: Option<String>,
    retryable: bool,
    retry_after: Option<Duration>,
}

impl RelayedError {
    /// The error relayed with its AWS code.
    pub fn new(error: &ServiceError<'_>) -> Self {
        Self::mapped(error, |_, _| None::<String>)
    }

    /// The error relayed with the code `map` gives for its AWS code and
    /// class; the AWS code when `map` gives `None`.
    pub fn mapped<C, F>(error: &ServiceError<'_>, map: F) -> Self
    where
        C: Into<String>,
        F: FnOnce(&ErrorCode, ErrorClass) -> Option<C>,
    {
        let class = error.class();
        let entry = &error.errors()[0];
        let code = map(error.code(), class).map_or_else(|| error.code().to_string(), Into::into);
        let (http_status, retry_after) = match class {
            ErrorClass::Throttling => (429, RetrySchedule::new().next()),
            ErrorClass::Quota => (429, None),
            ErrorClass::Transient | ErrorClass::ClockSkew => (503, None),
            _ if error.fault() == Some(Fault::Receiver) => (503, None),
            _ => {
                let status = error
                    .code()
                    .http_status()
                    .filter(|s| (400..500).contains(s))
                    .or(entry.status.filter(|s| (400..500).contains(s)))
                    .unwrap_or(400);
                (status, None)
            }
        };
        RelayedError {
            code,
            message: error.message().map(str::to_owned),
            error_type: error.error_type().map(str::to_owned),
            http_status,
            request_id: error.request_id().map(str::to_owned),
            retryable: error.is_retryable(),
            retry_after,
        }
    }

    /// Lengthens the `Retry-After` of a throttling error to the upstream's
    /// (see [`RetryAfter::delay`](crate::RetryAfter::delay)), when longer;
    /// at most [`MAX_RETRY_AFTER`]. No effect on other errors.
    #[must_use]
    pub fn upstream_retry_after(mut self, wait: Duration) -> Self {
        if let Some(current) = &mut self.retry_after {
            *current = (*current).max(wait.min(MAX_RETRY_AFTER));
        }
        self
    }

    /// Answers with this status instead of the suggested one (a catalogue
    /// that gives its code another status, such as 422).
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.http_status = status;
        self
    }

    /// The code to answer with.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The upstream's message, for humans.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The upstream's error type (`Sender`, `Receiver`) as its body said it.
    pub fn error_type(&self) -> Option<&str> {
        self.error_type.as_deref()
    }

    /// The status to answer with.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The upstream's request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Whether the caller may retry.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// The wait to send as `Retry-After` (throttling only).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// [`RelayedError::retry_after`] in whole seconds, rounded up: the
    /// `Retry-After` header's value.
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after
            .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0))
    }
}

impl Serialize for RelayedError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Inner<'r>(&'r RelayedError);

        impl Serialize for Inner<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let e = self.0;
                let mut s = serializer.serialize_struct("RelayedError", 6)?;
                s.serialize_field("code", &e.code)?;
                s.serialize_field("message", &e.message)?;
                s.serialize_field("type", &e.error_type)?;
                s.serialize_field("http_status", &e.http_status)?;
                s.serialize_field("request_id", &e.request_id)?;
                s.serialize_field("retryable", &e.retryable)?;
                s.end()
            }
        }

        let mut s = serializer.serialize_struct("Relayed", 1)?;
        s.serialize_field("error", &Inner(self))?;
        s.end()
    }
}
