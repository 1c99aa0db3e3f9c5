//! aws-smithy-xml, the AWS Rust SDK's XML decoder, used the way smithy-rs's
//! generated `awsQuery` deserializers use it: open the `Document`, take the
//! `root_element()`, check it is `XResponse`, then loop `next_tag()` and
//! match on `start_el().local()`, one function per shape; a string member is
//! `try_data(&mut tag)?.as_ref().into()`, a boolean goes through
//! `aws_smithy_types::primitive::Parse`, a flattened list pushes onto the
//! field's vector, a `member` list has its own loop.
//!
//! Two differences from the SDK, so that every parser extracts the same
//! values: the SDK takes the request id from a response header, not the
//! body, so this reads `ResponseMetadata/RequestId` in the same loop; and the
//! SDK's error parsers (`rest_xml_wrapped_errors` for `ErrorResponse/Error`,
//! `ec2_query_errors` for `Response/Errors/Error`) keep one error and do not
//! trim, where this keeps every error and trims the envelope fields (type,
//! code, message, request id), as `aws-query-xml` and quick-xml do. Result
//! values are not trimmed (the inputs' result values have no padding).
//! Timestamps stay strings, as for every parser compared.

use crate::inputs::Kind;
use crate::ours::{
    Attribute, ErrorItem, Extracted, Failure, ListUsersResult, Message, ReceiveMessageResult,
    SendEmailResult, Tag, Typed, User,
};
use aws_smithy_types::primitive::Parse;
use aws_smithy_xml::decode::{Document, ScopedDecoder, XmlDecodeError, try_data};

type Decoder<'inp, 'a> = ScopedDecoder<'inp, 'a>;

fn missing(field: &str) -> XmlDecodeError {
    XmlDecodeError::custom(format!("missing field {field}"))
}

/// An `awsQuery` success: the `response` root holding the `result_name`
/// element (read by `result`) and `ResponseMetadata/RequestId`.
fn success<T>(
    body: &[u8],
    [response, result_name]: [&str; 2],
    result: fn(&mut Decoder<'_, '_>) -> Result<T, XmlDecodeError>,
) -> Result<Extracted<T>, XmlDecodeError> {
    let mut doc = Document::try_from(body)?;
    let mut decoder = doc.root_element()?;
    let start_el = decoder.start_el();
    if !(start_el.matches(response)) {
        return Err(XmlDecodeError::custom(format!(
            "invalid root, expected {response} got {start_el:?}"
        )));
    }
    let mut out = None;
    let mut request_id = None;
    while let Some(mut tag) = decoder.next_tag() {
        match tag.start_el().local() {
            _ if tag.start_el().matches(result_name) => out = Some(result(&mut tag)?),
            "ResponseMetadata" => {
                while let Some(mut tag) = tag.next_tag() {
                    if tag.start_el().local() == "RequestId" {
                        request_id = Some(try_data(&mut tag)?.trim().to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Extracted {
        result: out.ok_or_else(|| missing("Result"))?,
        request_id,
    })
}

fn de_send_email_result(decoder: &mut Decoder<'_, '_>) -> Result<SendEmailResult, XmlDecodeError> {
    let mut message_id = None;
    while let Some(mut tag) = decoder.next_tag() {
        if tag.start_el().local() == "MessageId" {
            message_id = Some(try_data(&mut tag)?.as_ref().into());
        }
    }
    Ok(SendEmailResult {
        message_id: message_id.ok_or_else(|| missing("MessageId"))?,
    })
}

fn de_receive_message_result(
    decoder: &mut Decoder<'_, '_>,
) -> Result<ReceiveMessageResult, XmlDecodeError> {
    let mut message = Vec::new();
    while let Some(mut tag) = decoder.next_tag() {
        if tag.start_el().local() == "Message" {
            message.push(de_message(&mut tag)?);
        }
    }
    Ok(ReceiveMessageResult { message })
}

fn de_message(decoder: &mut Decoder<'_, '_>) -> Result<Message, XmlDecodeError> {
    let (mut message_id, mut receipt_handle, mut md5_of_body, mut body) = (None, None, None, None);
    let mut attribute = Vec::new();
    while let Some(mut tag) = decoder.next_tag() {
        match tag.start_el().local() {
            "MessageId" => message_id = Some(try_data(&mut tag)?.as_ref().into()),
            "ReceiptHandle" => receipt_handle = Some(try_data(&mut tag)?.as_ref().into()),
            "MD5OfBody" => md5_of_body = Some(try_data(&mut tag)?.as_ref().into()),
            "Body" => body = Some(try_data(&mut tag)?.as_ref().into()),
            "Attribute" => attribute.push(de_attribute(&mut tag)?),
            _ => {}
        }
    }
    Ok(Message {
        message_id: message_id.ok_or_else(|| missing("MessageId"))?,
        receipt_handle: receipt_handle.ok_or_else(|| missing("ReceiptHandle"))?,
        md5_of_body: md5_of_body.ok_or_else(|| missing("MD5OfBody"))?,
        body: body.ok_or_else(|| missing("Body"))?,
        attribute,
    })
}

fn de_attribute(decoder: &mut Decoder<'_, '_>) -> Result<Attribute, XmlDecodeError> {
    let (mut name, mut value) = (None, None);
    while let Some(mut tag) = decoder.next_tag() {
        match tag.start_el().local() {
            "Name" => name = Some(try_data(&mut tag)?.as_ref().into()),
            "Value" => value = Some(try_data(&mut tag)?.as_ref().into()),
            _ => {}
        }
    }
    Ok(Attribute {
        name: name.ok_or_else(|| missing("Name"))?,
        value: value.ok_or_else(|| missing("Value"))?,
    })
}

fn de_list_users_result(decoder: &mut Decoder<'_, '_>) -> Result<ListUsersResult, XmlDecodeError> {
    let (mut users, mut is_truncated, mut marker) = (Vec::new(), None, None);
    while let Some(mut tag) = decoder.next_tag() {
        match tag.start_el().local() {
            "Users" => users = de_user_list(&mut tag)?,
            "IsTruncated" => {
                is_truncated = Some(
                    <bool as Parse>::parse_smithy_primitive(try_data(&mut tag)?.as_ref())
                        .map_err(|_| XmlDecodeError::custom("expected a boolean"))?,
                );
            }
            "Marker" => marker = Some(try_data(&mut tag)?.as_ref().into()),
            _ => {}
        }
    }
    Ok(ListUsersResult {
        users,
        is_truncated: is_truncated.ok_or_else(|| missing("IsTruncated"))?,
        marker,
    })
}

fn de_user_list(decoder: &mut Decoder<'_, '_>) -> Result<Vec<User>, XmlDecodeError> {
    let mut out = Vec::new();
    while let Some(mut tag) = decoder.next_tag() {
        if tag.start_el().local() == "member" {
            out.push(de_user(&mut tag)?);
        }
    }
    Ok(out)
}

fn de_user(decoder: &mut Decoder<'_, '_>) -> Result<User, XmlDecodeError> {
    let (mut path, mut user_name, mut user_id, mut arn) = (None, None, None, None);
    let (mut create_date, mut password_last_used, mut tags) = (None, None, Vec::new());
    while let Some(mut tag) = decoder.next_tag() {
        match tag.start_el().local() {
            "Path" => path = Some(try_data(&mut tag)?.as_ref().into()),
            "UserName" => user_name = Some(try_data(&mut tag)?.as_ref().into()),
            "UserId" => user_id = Some(try_data(&mut tag)?.as_ref().into()),
            "Arn" => arn = Some(try_data(&mut tag)?.as_ref().into()),
            "CreateDate" => create_date = Some(try_data(&mut tag)?.as_ref().into()),
            "PasswordLastUsed" => password_last_used = Some(try_data(&mut tag)?.as_ref().into()),
            "Tags" => tags = de_tag_list(&mut tag)?,
            _ => {}
        }
    }
    Ok(User {
        path: path.ok_or_else(|| missing("Path"))?,
        user_name: user_name.ok_or_else(|| missing("UserName"))?,
        user_id: user_id.ok_or_else(|| missing("UserId"))?,
        arn: arn.ok_or_else(|| missing("Arn"))?,
        create_date: create_date.ok_or_else(|| missing("CreateDate"))?,
        password_last_used,
        tags,
    })
}

fn de_tag_list(decoder: &mut Decoder<'_, '_>) -> Result<Vec<Tag>, XmlDecodeError> {
    let mut out = Vec::new();
    while let Some(mut tag) = decoder.next_tag() {
        if tag.start_el().local() == "member" {
            out.push(de_tag(&mut tag)?);
        }
    }
    Ok(out)
}

fn de_tag(decoder: &mut Decoder<'_, '_>) -> Result<Tag, XmlDecodeError> {
    let (mut key, mut value) = (None, None);
    while let Some(mut tag) = decoder.next_tag() {
        match tag.start_el().local() {
            "Key" => key = Some(try_data(&mut tag)?.as_ref().into()),
            "Value" => value = Some(try_data(&mut tag)?.as_ref().into()),
            _ => {}
        }
    }
    Ok(Tag {
        key: key.ok_or_else(|| missing("Key"))?,
        value: value.ok_or_else(|| missing("Value"))?,
    })
}

/// An error body: the root's `Error` children (`awsQuery`'s
/// `ErrorResponse`) and its `Errors/Error` (`ec2Query`'s `Response`, SQS
/// 2007), and its `RequestId`/`RequestID`.
fn failure(body: &[u8]) -> Result<Failure, XmlDecodeError> {
    let mut doc = Document::try_from(body)?;
    let mut root = doc.root_element()?;
    let mut errors = Vec::new();
    let mut request_id = None;
    while let Some(mut tag) = root.next_tag() {
        match tag.start_el().local() {
            "Error" => errors.push(de_error(&mut tag)?),
            "Errors" => {
                while let Some(mut error_tag) = tag.next_tag() {
                    if error_tag.start_el().local() == "Error" {
                        errors.push(de_error(&mut error_tag)?);
                    }
                }
            }
            "RequestId" | "RequestID" => request_id = Some(try_data(&mut tag)?.trim().to_owned()),
            _ => {}
        }
    }
    Ok(Failure { errors, request_id })
}

fn de_error(decoder: &mut Decoder<'_, '_>) -> Result<ErrorItem, XmlDecodeError> {
    let (mut error_type, mut code, mut message) = (None, None, None);
    while let Some(mut field) = decoder.next_tag() {
        match field.start_el().local() {
            "Type" => error_type = Some(try_data(&mut field)?.trim().to_owned()),
            "Code" => code = Some(try_data(&mut field)?.trim().to_owned()),
            "Message" => message = Some(try_data(&mut field)?.trim().to_owned()),
            _ => {}
        }
    }
    Ok(ErrorItem {
        error_type,
        code: code.unwrap_or_default(),
        message,
    })
}

/// The typed result of a body of `kind`; an error body (which the SDK
/// recognises by its HTTP status) goes to the error parser.
///
/// # Panics
///
/// When aws-smithy-xml cannot read the body into the types.
pub fn typed(kind: Kind, body: &[u8]) -> Typed {
    let typed = match kind {
        Kind::Error => failure(body).map(Typed::Failure),
        Kind::SendEmail => success(
            body,
            ["SendEmailResponse", "SendEmailResult"],
            de_send_email_result,
        )
        .map(Typed::SendEmail),
        Kind::ReceiveMessage => success(
            body,
            ["ReceiveMessageResponse", "ReceiveMessageResult"],
            de_receive_message_result,
        )
        .map(Typed::ReceiveMessage),
        Kind::ListUsers => success(
            body,
            ["ListUsersResponse", "ListUsersResult"],
            de_list_users_result,
        )
        .map(Typed::ListUsers),
    };
    typed.expect("aws-smithy-xml reads the body")
}
