//! Typed results: [`Success`], and the result of a detached response read
//! through its tree.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::de;
use crate::outcome::Outcome;
use crate::{Error, Options, Response};

/// Paths in error messages start at the result element
/// (`ReceiveMessageResult/Message[3]`), or at the root whose content is the
/// result (`DescribeRegionsResponse/regionInfo`).
pub(crate) fn result_name(response: &Response<'_>, root_children: bool) -> String {
    match (&response.action, &response.root) {
        (_, Some(root)) if root_children => root.to_string(),
        (Some(action), _) if !root_children => format!("{action}Result"),
        _ => String::new(),
    }
}

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

    /// The typed result of a pass that ended with `outcome`.
    pub(crate) fn from_outcome(result: T, outcome: &Outcome<'_>) -> Self {
        Success {
            result,
            request_id: outcome.request_id.as_deref().map(str::to_owned),
            action: outcome.action.as_deref().map(str::to_owned),
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

/// Deserializes the result of a detached response (from the streaming or
/// `Bytes` paths): the result's bytes belong to the response.
pub(crate) fn typed<T: DeserializeOwned>(
    response: Response<'static>,
    options: Options,
) -> Result<Success<T>, Error> {
    if let Some(error) = response.error {
        return Err(Error::service(error));
    }
    let result = match &response.result {
        Some(src) => de::deserialize(
            &src.content,
            src.base,
            src.root_children,
            &result_name(&response, src.root_children),
            options,
        )?,
        None => de::deserialize(&[], 0, false, "", options)?,
    };
    Ok(Success::new(result, response))
}
