//! What every benchmarked work extracts, and `aws-query-xml`'s side of each
//! work, in one place for `benches/` and `compare/`.
//!
//! - envelope: [`envelope`] (`parse`), [`envelope_with`] (`Options::parse`),
//!   [`envelope_bytes`] (`parse_bytes`), [`envelope_chunked`]
//!   (`StreamParser::feed`);
//! - typed: [`typed`] (`from_slice`), [`typed_bytes`] (`Options::from_bytes`),
//!   [`typed_chunked`] (`StreamParser::finish_as`);
//! - result tree: [`result_texts`] (`parse` then `Response::result`).
//!
//! The typed results are the structs an application declares for the Query
//! conventions, without wrappers; timestamps stay strings so that every
//! parser compared does the same work.

use super::inputs::Kind;
use aws_query_xml::{Options, Response, Value};
use bytes::Bytes;
use serde::Deserialize;
use serde::de::IgnoredAny;

/// `SendEmailResult`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendEmailResult {
    /// `MessageId`.
    pub message_id: String,
}

/// `ReceiveMessageResult`: a flattened `Message` list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReceiveMessageResult {
    /// One per `<Message>`.
    #[serde(default)]
    pub message: Vec<Message>,
}

/// One message of [`ReceiveMessageResult`].
#[allow(clippy::struct_field_names, reason = "SQS's member names")]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Message {
    /// `MessageId`.
    pub message_id: String,
    /// `ReceiptHandle`.
    pub receipt_handle: String,
    /// `MD5OfBody`.
    #[serde(rename = "MD5OfBody")]
    pub md5_of_body: String,
    /// `Body`, entities decoded.
    pub body: String,
    /// The flattened `Attribute` `Name`/`Value` pairs, in order.
    #[serde(default)]
    pub attribute: Vec<Attribute>,
}

/// A `Name`/`Value` pair of [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Attribute {
    /// `Name`.
    pub name: String,
    /// `Value`.
    pub value: String,
}

/// `ListUsersResult`: a `member`-wrapped `Users` list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResult {
    /// The `Users/member` list.
    #[serde(default)]
    pub users: Vec<User>,
    /// `IsTruncated`.
    pub is_truncated: bool,
    /// `Marker`.
    pub marker: Option<String>,
}

/// One user of [`ListUsersResult`].
#[allow(clippy::struct_field_names, reason = "IAM's member names")]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct User {
    /// `Path`.
    pub path: String,
    /// `UserName`.
    pub user_name: String,
    /// `UserId`.
    pub user_id: String,
    /// `Arn`.
    pub arn: String,
    /// `CreateDate`, as written.
    pub create_date: String,
    /// `PasswordLastUsed`, as written.
    pub password_last_used: Option<String>,
    /// The `Tags/member` list.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// A `Key`/`Value` tag of [`User`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    /// `Key`.
    pub key: String,
    /// `Value`.
    pub value: String,
}

/// A typed success: the result and the request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted<T> {
    /// The action's result.
    pub result: T,
    /// `ResponseMetadata/RequestId`.
    pub request_id: Option<String>,
}

/// One `<Error>`, its fields trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorItem {
    /// `Type`.
    pub error_type: Option<String>,
    /// `Code`.
    pub code: String,
    /// `Message`.
    pub message: Option<String>,
}

/// An error envelope: every error in document order, and the request id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Failure {
    /// Every `<Error>`.
    pub errors: Vec<ErrorItem>,
    /// `RequestId` or `RequestID`, trimmed.
    pub request_id: Option<String>,
}

/// What the typed work extracts from an input, whichever parser did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// An error body.
    Failure(Failure),
    /// `SendEmail`.
    SendEmail(Extracted<SendEmailResult>),
    /// `ReceiveMessage`.
    ReceiveMessage(Extracted<ReceiveMessageResult>),
    /// `ListUsers`.
    ListUsers(Extracted<ListUsersResult>),
}

/// Where the envelope work puts what it finds. Benchmarks use [`Lengths`]
/// (touch every value, keep nothing); the equivalence test uses
/// [`Collect`].
pub trait Sink {
    /// The request id, trimmed.
    fn request_id(&mut self, id: &str);
    /// One error, its fields trimmed.
    fn error(&mut self, error_type: Option<&str>, code: &str, message: Option<&str>);
}

/// A [`Sink`] that adds up the lengths of what it is given.
#[derive(Debug, Default)]
pub struct Lengths(pub usize);

impl Sink for Lengths {
    fn request_id(&mut self, id: &str) {
        self.0 += id.len();
    }

    fn error(&mut self, error_type: Option<&str>, code: &str, message: Option<&str>) {
        self.0 += error_type.map_or(0, str::len) + code.len() + message.map_or(0, str::len) + 1;
    }
}

/// A [`Sink`] that keeps everything, as a [`Failure`] (no errors for a
/// success).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Collect(pub Failure);

impl Sink for Collect {
    fn request_id(&mut self, id: &str) {
        self.0.request_id = Some(id.to_owned());
    }

    fn error(&mut self, error_type: Option<&str>, code: &str, message: Option<&str>) {
        self.0.errors.push(ErrorItem {
            error_type: error_type.map(str::to_owned),
            code: code.to_owned(),
            message: message.map(str::to_owned),
        });
    }
}

fn sink_response(response: &Response<'_>, sink: &mut impl Sink) {
    if let Some(id) = response.request_id() {
        sink.request_id(id);
    }
    if let Some(error) = response.service_error() {
        for e in error.errors() {
            sink.error(e.error_type(), e.code().as_str(), e.message());
        }
    }
}

/// The envelope through `aws_query_xml::parse`: request id and every error.
///
/// # Panics
///
/// When the body is not an AWS response.
pub fn envelope(body: &[u8], sink: &mut impl Sink) {
    sink_response(&aws_query_xml::parse(body).expect("an AWS response"), sink);
}

/// The envelope through `Options::parse` on the whole buffer: with
/// `skip_result(true)`, the reference the chunked envelope is measured
/// against.
///
/// # Panics
///
/// When the body is not an AWS response.
pub fn envelope_with(options: &Options, body: &[u8], sink: &mut impl Sink) {
    sink_response(&options.parse(body).expect("an AWS response"), sink);
}

/// The envelope through `Options::parse_bytes` (`aws_query_xml::parse_bytes`
/// is `Options::new().parse_bytes`).
///
/// # Panics
///
/// When the body is not an AWS response.
pub fn envelope_bytes(options: &Options, body: &Bytes, sink: &mut impl Sink) {
    sink_response(&options.parse_bytes(body).expect("an AWS response"), sink);
}

/// The envelope through `StreamParser::feed` of `chunk`-byte `Bytes`, then
/// `finish`.
///
/// # Panics
///
/// When the body is not an AWS response.
pub fn envelope_chunked(options: &Options, body: &Bytes, chunk: usize, sink: &mut impl Sink) {
    let mut parser = options.stream();
    feed(&mut parser, body, chunk);
    sink_response(&parser.finish().expect("an AWS response"), sink);
}

fn feed(parser: &mut aws_query_xml::StreamParser, body: &Bytes, chunk: usize) {
    let mut rest = body.clone();
    while !rest.is_empty() {
        let piece = rest.split_to(rest.len().min(chunk));
        parser.feed(piece).expect("a chunk of an AWS response");
    }
}

fn failure(error: &aws_query_xml::Error) -> Typed {
    let error = error.service_error().expect("an error envelope");
    Typed::Failure(Failure {
        errors: error
            .errors()
            .iter()
            .map(|e| ErrorItem {
                error_type: e.error_type().map(str::to_owned),
                code: e.code().as_str().to_owned(),
                message: e.message().map(str::to_owned),
            })
            .collect(),
        request_id: error.request_id().map(str::to_owned),
    })
}

fn typed_with<T>(
    outcome: Result<aws_query_xml::Success<T>, aws_query_xml::Error>,
    wrap: fn(Extracted<T>) -> Typed,
) -> Typed {
    match outcome {
        Ok(success) => {
            let request_id = success.request_id().map(str::to_owned);
            wrap(Extracted {
                result: success.into_result(),
                request_id,
            })
        }
        Err(error) => failure(&error),
    }
}

/// Dispatches `$call::<T>` on the result type of `$kind`; on an error body
/// the result type is never reached, and is `IgnoredAny`.
macro_rules! by_kind {
    ($kind:expr, |$t:ident| $call:expr) => {
        match $kind {
            Kind::Error => {
                type $t = IgnoredAny;
                typed_with($call, |_| {
                    unreachable!("an error body deserialized as a success")
                })
            }
            Kind::SendEmail => {
                type $t = SendEmailResult;
                typed_with($call, Typed::SendEmail)
            }
            Kind::ReceiveMessage => {
                type $t = ReceiveMessageResult;
                typed_with($call, Typed::ReceiveMessage)
            }
            Kind::ListUsers => {
                type $t = ListUsersResult;
                typed_with($call, Typed::ListUsers)
            }
        }
    };
}

/// The typed result through `aws_query_xml::from_slice` (an error body is
/// its `Err`'s `service_error()`).
///
/// # Panics
///
/// When the body is not an AWS response or does not fit the type.
pub fn typed(kind: Kind, body: &[u8]) -> Typed {
    by_kind!(kind, |T| aws_query_xml::from_slice::<T>(body))
}

/// The typed result through `Options::from_bytes`.
///
/// # Panics
///
/// When the body is not an AWS response or does not fit the type.
pub fn typed_bytes(kind: Kind, body: &Bytes) -> Typed {
    by_kind!(kind, |T| Options::new().from_bytes::<T>(body))
}

/// The typed result through `StreamParser::finish_as`, fed as `chunk`-byte
/// `Bytes`.
///
/// # Panics
///
/// When the body is not an AWS response or does not fit the type.
pub fn typed_chunked(kind: Kind, body: &Bytes, chunk: usize) -> Typed {
    by_kind!(kind, |T| {
        let mut parser = Options::new().stream();
        feed(&mut parser, body, chunk);
        parser.finish_as::<T>()
    })
}

/// The result tree: a parse that builds it (`Options::build_result`, as the
/// CLI does), `Response::result`, then every leaf's text in document order,
/// given to `visit`. A body without a result visits nothing.
///
/// # Panics
///
/// When the body is not an AWS response.
pub fn result_texts(body: &[u8], visit: &mut impl FnMut(&str)) {
    let response = aws_query_xml::Options::new()
        .build_result(true)
        .parse(body)
        .expect("an AWS response");
    if let Some(result) = response.result().expect("a result tree") {
        walk(&result, visit);
    }
}

fn walk(value: &Value<'_>, visit: &mut impl FnMut(&str)) {
    if let Some(text) = value.as_str() {
        visit(text);
    } else if let Some(items) = value.as_array() {
        for item in items {
            walk(item, visit);
        }
    } else if let Some(map) = value.as_object() {
        for (_, item) in map.iter() {
            walk(item, visit);
        }
    }
}
