#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod codes;
mod de;
mod envelope;
mod error;
pub mod helpers;
mod options;
mod outcome;
mod pass;
mod response;
mod soap;
mod stream;
mod text;
mod tokens;
mod tree;
mod typed;

pub use codes::{ErrorClass, ErrorCode, Fault, OtherCode, classify};
pub use error::{Category, Error, ErrorKind, Limit};
pub use options::{Limits, Options, UnknownWhitespace, Whitespace};
pub use response::{Envelope, ErrorEntry, Outcome, Response, ServiceError};
pub use stream::{StreamParser, parse_bytes, parse_reader};
pub use tree::{Map, Value};
pub use typed::{Success, from_reader, from_slice, from_str};

/// The [`bytes`](https://docs.rs/bytes/1) crate, whose
/// [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html) the streaming
/// API takes: use it to name the same version this crate uses.
pub use bytes;
/// The [`time`](https://docs.rs/time/0.3) crate, whose `OffsetDateTime`
/// [`helpers::timestamp`] gives.
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub use time;

/// Parses a whole response body with the default [`Options`].
///
/// An error envelope (`<ErrorResponse>`, `<Response><Errors>`, a SOAP fault...)
/// is `Ok`: it is data, in [`Response::service_error`].
///
/// # Errors
///
/// An [`Error`] when the body is not an AWS response: empty or only
/// whitespace, truncated, not well-formed XML (mismatched tags, a second
/// root, content after the root), HTML, JSON, not UTF-8, holding a DOCTYPE or
/// an unknown entity, an unrecognized root element, an error envelope with no
/// `<Error>`, or over one of the default [`Limits`]. Every such error carries
/// the byte offset where it went wrong.
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Envelope, ErrorCode, Outcome};
///
/// let body = br#"<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
///   <Error>
///     <Type>Sender</Type>
///     <Code>MessageRejected</Code>
///     <Message>Email address is not verified.</Message>
///   </Error>
///   <RequestId>42d59b56-7407-4c4a-be0f-4c88daeea257</RequestId>
/// </ErrorResponse>"#;
/// let response = aws_query_xml::parse(body)?;
/// assert_eq!(response.outcome(), Outcome::Error);
/// assert_eq!(response.envelope(), Envelope::ErrorResponse);
/// assert_eq!(response.request_id(), Some("42d59b56-7407-4c4a-be0f-4c88daeea257"));
/// let error = response.service_error().unwrap();
/// assert_eq!(error.code(), &ErrorCode::MessageRejected);
/// assert_eq!(error.error_type(), Some("Sender"));
/// assert!(!error.code().is_retryable());
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn parse(body: &[u8]) -> Result<Response<'_>, Error> {
    Options::new().parse(body)
}
