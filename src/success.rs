//! [`Success`]: a typed result with the ids of the response it came from.

use std::borrow::Cow;

use crate::Response;
use crate::findings::Findings;

/// A typed result and where it came from.
///
/// # Examples
///
/// ```
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct SendEmailResult<'a> {
///     #[serde(rename = "MessageId", borrow)]
///     message_id: std::borrow::Cow<'a, str>,
/// }
///
/// let body = b"<SendEmailResponse><SendEmailResult><MessageId>m-1</MessageId></SendEmailResult>\
///   <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></SendEmailResponse>";
/// let sent = aws_query_xml::from_slice::<SendEmailResult>(body)?;
/// assert_eq!(sent.result().message_id, "m-1");
/// assert_eq!(sent.request_id(), Some("r-1"));
/// assert_eq!(sent.action(), Some("SendEmail"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Success<T> {
    pub(crate) result: T,
    pub(crate) request_id: Option<String>,
    pub(crate) action: Option<String>,
}

impl<T> Success<T> {
    /// The typed result of `response`, with its request id and action.
    pub(crate) fn new(result: T, response: Response<'_>) -> Self {
        Success {
            result,
            request_id: response.request_id.map(Cow::into_owned),
            action: response.action.map(Cow::into_owned),
        }
    }

    /// The typed result of a pass that ended with `findings`.
    pub(crate) fn from_findings(result: T, findings: &Findings<'_>) -> Self {
        Success {
            result,
            request_id: findings.request_id.as_deref().map(str::to_owned),
            action: findings.action.as_deref().map(str::to_owned),
        }
    }

    /// The typed result.
    pub fn result(&self) -> &T {
        &self.result
    }

    /// Takes the typed result.
    pub fn into_result(self) -> T {
        self.result
    }

    /// The request id the body carries.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The action (`X` of `<XResponse>`).
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }
}
