//! quick-xml's serde deserializer (`quick_xml::de::from_str`) reading the
//! whole envelope.
//!
//! It needs what `from_slice` does not: the envelope declared element by
//! element, and a wrapper struct for every `member` list (`Users`, `Tags`).
//! Flattened lists (`Message`, `Attribute`) and scalars fill the shared
//! structs of [`crate::ours`] directly; the wrapped lists are moved out of
//! their wrappers after (a move, no copy of the data). quick-xml keeps the
//! padding of a padded value, so the envelope fields (error type, code,
//! message, request ids) are trimmed after, as `aws-query-xml` trims them.

use crate::inputs::Kind;
use crate::ours::{
    ErrorItem, Extracted, Failure, ListUsersResult, ReceiveMessageResult, SendEmailResult, Tag,
    Typed, User,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ResponseMetadata {
    request_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SendEmailResponse {
    send_email_result: SendEmailResult,
    response_metadata: ResponseMetadata,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ReceiveMessageResponse {
    receive_message_result: ReceiveMessageResult,
    response_metadata: ResponseMetadata,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListUsersResponse {
    list_users_result: ListUsersResultXml,
    response_metadata: ResponseMetadata,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListUsersResultXml {
    users: Members<UserXml>,
    is_truncated: bool,
    marker: Option<String>,
}

/// A `member`-wrapped list.
#[derive(Deserialize)]
struct Members<T> {
    #[serde(default = "Vec::new")]
    member: Vec<T>,
}

impl<T> Default for Members<T> {
    fn default() -> Self {
        Members { member: Vec::new() }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UserXml {
    path: String,
    user_name: String,
    user_id: String,
    arn: String,
    create_date: String,
    password_last_used: Option<String>,
    #[serde(default)]
    tags: Members<Tag>,
}

/// Both error envelopes: `ErrorResponse/Error` and `Response/Errors/Error`.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorEnvelope {
    #[serde(default)]
    error: Vec<ErrorXml>,
    errors: Option<ErrorList>,
    #[serde(alias = "RequestID")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorList {
    #[serde(default)]
    error: Vec<ErrorXml>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorXml {
    #[serde(rename = "Type")]
    error_type: Option<String>,
    code: String,
    message: Option<String>,
}

fn from_slice<T: DeserializeOwned>(body: &[u8]) -> T {
    let text = std::str::from_utf8(body).expect("UTF-8");
    quick_xml::de::from_str(text).expect("quick-xml reads the body")
}

/// `s` without its edge whitespace, copied only when it has some.
fn trimmed(s: String) -> String {
    if s.trim().len() == s.len() {
        s
    } else {
        s.trim().to_owned()
    }
}

fn failure(body: &[u8]) -> Failure {
    let envelope: ErrorEnvelope = from_slice(body);
    let errors = envelope
        .error
        .into_iter()
        .chain(envelope.errors.into_iter().flat_map(|list| list.error))
        .map(|e| ErrorItem {
            error_type: e.error_type.map(trimmed),
            code: trimmed(e.code),
            message: e.message.map(trimmed),
        })
        .collect();
    Failure {
        errors,
        request_id: envelope.request_id.map(trimmed),
    }
}

/// The typed result of a body of `kind`; an error body (which an SDK
/// recognises by its HTTP status) read as an error envelope.
///
/// # Panics
///
/// When quick-xml cannot read the body into the types.
pub fn typed(kind: Kind, body: &[u8]) -> Typed {
    match kind {
        Kind::Error => Typed::Failure(failure(body)),
        Kind::SendEmail => {
            let r: SendEmailResponse = from_slice(body);
            Typed::SendEmail(Extracted {
                result: r.send_email_result,
                request_id: r.response_metadata.request_id.map(trimmed),
            })
        }
        Kind::ReceiveMessage => {
            let r: ReceiveMessageResponse = from_slice(body);
            Typed::ReceiveMessage(Extracted {
                result: r.receive_message_result,
                request_id: r.response_metadata.request_id.map(trimmed),
            })
        }
        Kind::ListUsers => {
            let r: ListUsersResponse = from_slice(body);
            let result = r.list_users_result;
            Typed::ListUsers(Extracted {
                result: ListUsersResult {
                    users: result
                        .users
                        .member
                        .into_iter()
                        .map(|u| User {
                            path: u.path,
                            user_name: u.user_name,
                            user_id: u.user_id,
                            arn: u.arn,
                            create_date: u.create_date,
                            password_last_used: u.password_last_used,
                            tags: u.tags.member,
                        })
                        .collect(),
                    is_truncated: result.is_truncated,
                    marker: result.marker,
                },
                request_id: r.response_metadata.request_id.map(trimmed),
            })
        }
    }
}
