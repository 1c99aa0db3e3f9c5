//! Live interop: real requests to a moto server (the AWS mock), every answer
//! read with the crate's public API.
//!
//! `bash scripts/interop.sh` installs moto (pinned), starts two servers on
//! loopback and runs these tests against them:
//!
//! - `AWS_QUERY_XML_MOTO_URL`: a plain moto server (no auth checking);
//! - `AWS_QUERY_XML_MOTO_AUTH_URL`: one started with
//!   `INITIAL_NO_AUTH_ACTION_COUNT=0`, which refuses every request (the
//!   credentials are dummies) with its `ErrorResponse/Errors/Error` shape.
//!
//! Without them each test passes at once, after one line on stderr (one per
//! run, past libtest's output capture) saying why, unless
//! `AWS_QUERY_XML_REQUIRE_MOTO` is set (to anything but empty or `0`), as
//! the script does: then a missing server fails the test.
//!
//! moto checks no signatures: a SigV4-shaped `Authorization` header with a
//! dummy credential scope only routes the request to a service. The tests
//! run in parallel against one server, so each uses its own queue names and
//! email addresses.
#![allow(clippy::struct_field_names)] // fields are named as the XML elements

mod common;

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use aws_query_xml::{
    Category, Envelope, ErrorClass, ErrorCode, ErrorKind, Fault, Options, Outcome, Response,
    ServiceError, from_slice,
};
use serde::Deserialize;

const URL_VAR: &str = "AWS_QUERY_XML_MOTO_URL";
const AUTH_URL_VAR: &str = "AWS_QUERY_XML_MOTO_AUTH_URL";
const REQUIRE_VAR: &str = "AWS_QUERY_XML_REQUIRE_MOTO";

const SES: (&str, &str) = ("email", "2010-12-01");
const SQS: (&str, &str) = ("sqs", "2012-11-05");
const SNS: (&str, &str) = ("sns", "2010-03-31");
const IAM: (&str, &str) = ("iam", "2010-05-08");
const STS: (&str, &str) = ("sts", "2011-06-15");
const EC2: (&str, &str) = ("ec2", "2016-11-15");

/// moto's account id, in every ARN and queue URL it builds.
const ACCOUNT: &str = "123456789012";

// ---------------------------------------------------------------------------
// The servers, the requests

/// The plain moto server's base URL, or `None` (after saying so) when the
/// test is to be skipped.
fn server() -> Option<String> {
    url_from(URL_VAR)
}

/// The auth-checking moto server's base URL, skipped or required the same way.
fn auth_server() -> Option<String> {
    url_from(AUTH_URL_VAR)
}

fn url_from(var: &str) -> Option<String> {
    if let Some(url) = std::env::var(var).ok().filter(|url| !url.is_empty()) {
        assert!(
            url.starts_with("http://"),
            "{var} must be a plain http:// URL (these tests speak no TLS), not `{url}`"
        );
        return Some(url.trim_end_matches('/').to_owned());
    }
    assert!(
        !common::required(REQUIRE_VAR),
        "moto required but {var} is not set"
    );
    let unset: Vec<&str> = [URL_VAR, AUTH_URL_VAR]
        .into_iter()
        .filter(|v| std::env::var(v).unwrap_or_default().is_empty())
        .collect();
    common::skipped(
        "the tests that need a moto server",
        &format!(
            "moto is not running ({} not set). To run them: `bash scripts/interop.sh`; \
             {REQUIRE_VAR}=1 turns this skip into a failure",
            unset.join(" and ")
        ),
    );
    None
}

/// What the server answered.
struct Reply {
    status: u16,
    /// The `x-amzn-requestid` header.
    header_id: Option<String>,
    body: Vec<u8>,
}

/// POSTs `Action=action&Version=...&params...` to `service` at `url`, as an
/// AWS SDK would (form body, SigV4-shaped header with a dummy signature).
fn post(
    url: &str,
    (service, version): (&str, &str),
    action: &str,
    params: &[(&str, &str)],
) -> Reply {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false) // a 4xx or 5xx is an answer to read, not a failure
        .timeout_global(Some(Duration::from_secs(30)))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/{service}/aws4_request, \
         SignedHeaders=host, Signature=deadbeef"
    );
    let form = [("Action", action), ("Version", version)]
        .into_iter()
        .chain(params.iter().copied());
    let mut response = agent
        .post(format!("{url}/"))
        .header("Authorization", &authorization)
        .header(
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .send_form(form) // percent-encodes keys and values
        .unwrap_or_else(|e| panic!("{action} to {service} at {url}: {e}"));
    // `http::HeaderMap` looks names up case-insensitively.
    let header_id = response
        .headers()
        .get("x-amzn-requestid")
        .map(|v| v.to_str().expect("an ASCII request id").to_owned());
    let body = response
        .body_mut()
        .read_to_vec()
        .unwrap_or_else(|e| panic!("reading the {action} body: {e}"));
    Reply {
        status: response.status().as_u16(),
        header_id,
        body,
    }
}

/// Parses a live body, checking on the way that every input path (slice,
/// `Bytes`, chunks, readers) reads it the same.
fn parse(reply: &Reply) -> Response<'_> {
    common::json_all_paths(&reply.body, Options::new())
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&reply.body)));
    aws_query_xml::parse(&reply.body).expect("checked above")
}

/// Asserts an `ErrorResponse` error from the sender's side with this code
/// (a listed one), status and message, and returns it for further checks.
fn assert_sender_error<'r, 'a>(
    response: &'r Response<'a>,
    code: &ErrorCode,
    status: u16,
    message: &str,
) -> &'r ServiceError<'a> {
    assert_eq!(response.outcome(), Outcome::Error);
    assert_eq!(response.envelope(), Envelope::ErrorResponse);
    assert_eq!(response.action(), None);
    let error = response.service_error().expect("an error outcome");
    assert_eq!(error.code(), code);
    assert_eq!(error.code().http_status(), Some(status));
    assert_eq!(error.code().fault(), Some(Fault::Sender));
    assert_eq!(error.error_type(), Some("Sender"));
    assert_eq!(error.message(), Some(message));
    error
}

/// The request id in the body equals the `x-amzn-requestid` header.
fn assert_ids_match(reply: &Reply, response: &Response<'_>) {
    let header = reply.header_id.as_deref();
    assert!(
        header.is_some_and(|id| !id.is_empty()),
        "no request id header"
    );
    assert_eq!(response.request_id(), header);
    if let Some(error) = response.service_error() {
        assert_eq!(error.request_id(), header);
    }
}

/// A name of this test and process: tests run in parallel on one server,
/// and a server may outlive a test run.
fn unique(test: &str) -> String {
    format!("{test}-{}", std::process::id())
}

fn unique_email(test: &str) -> String {
    format!("{}@example.com", unique(test).replace('_', "."))
}

fn verify_email(url: &str, address: &str) {
    let reply = post(
        url,
        SES,
        "VerifyEmailIdentity",
        &[("EmailAddress", address)],
    );
    assert_eq!(reply.status, 200);
    assert!(parse(&reply).is_success());
}

fn send_email_params(from: &str) -> Vec<(&str, &str)> {
    vec![
        ("Source", from),
        ("Destination.ToAddresses.member.1", "someone@example.net"),
        ("Message.Subject.Data", "interop & <friends>"),
        ("Message.Body.Text.Data", "hello, world: 100% = ok?"),
    ]
}

fn create_queue(url: &str, name: &str) -> String {
    let reply = post(url, SQS, "CreateQueue", &[("QueueName", name)]);
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    let created = from_slice::<CreateQueueResult>(&reply.body).expect("a CreateQueueResult");
    assert_eq!(created.action(), Some("CreateQueue"));
    created.into_result().queue_url
}

fn delete_queue(url: &str, queue_url: &str) {
    let reply = post(url, SQS, "DeleteQueue", &[("QueueUrl", queue_url)]);
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    assert_eq!(response.action(), Some("DeleteQueue"));
    assert!(response.is_success());
}

// ---------------------------------------------------------------------------
// Typed results

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SendEmailResult {
    message_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetSendQuotaResult {
    max24_hour_send: f64,
    max_send_rate: f64,
    sent_last24_hours: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListIdentitiesResult {
    identities: Vec<String>,
    next_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateQueueResult {
    queue_url: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SendMessageResult {
    #[serde(rename = "MD5OfMessageBody")]
    md5_of_message_body: String,
    message_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ReceiveMessageResult {
    #[serde(default)]
    message: Vec<Message>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Message {
    message_id: String,
    receipt_handle: String,
    #[serde(rename = "MD5OfBody")]
    md5_of_body: String,
    #[serde(deserialize_with = "aws_query_xml::helpers::keep_whitespace")]
    body: String,
    #[serde(default)]
    attribute: Vec<Attribute>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Attribute {
    name: String,
    value: String,
}

/// The same result, its attributes as a flattened `Name`/`Value` map.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ReceiveMessageAsMap {
    message: Vec<MessageAttributes>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MessageAttributes {
    attribute: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetCallerIdentityResult {
    user_id: String,
    account: String,
    arn: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DescribeRegionsResult {
    region_info: Vec<Region>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    region_name: String,
    region_endpoint: String,
    opt_in_status: String,
}

fn is_md5_hex(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

// ---------------------------------------------------------------------------
// SES

#[test]
fn ses_verify_email_identity() {
    let Some(url) = server() else { return };
    let address = unique_email("ses_verify_email_identity");
    let reply = post(
        &url,
        SES,
        "VerifyEmailIdentity",
        &[("EmailAddress", &address)],
    );
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    assert_eq!(response.outcome(), Outcome::Success);
    assert_eq!(response.envelope(), Envelope::ActionResponse);
    assert_eq!(response.action(), Some("VerifyEmailIdentity"));
    assert!(response.service_error().is_none());
    // `<VerifyEmailIdentityResult/>`: an empty object.
    let result = response.result().unwrap().expect("a success has a result");
    assert!(result.as_object().is_some_and(aws_query_xml::Map::is_empty));
}

#[test]
fn ses_send_email_from_unverified_address_is_message_rejected() {
    let Some(url) = server() else { return };
    let from = unique_email("ses_send_email_unverified");
    let reply = post(&url, SES, "SendEmail", &send_email_params(&from));
    assert_eq!(reply.status, 400);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    assert_eq!(response.result().unwrap(), None);
    let message = format!("Email address not verified {from}");
    let error = assert_sender_error(&response, &ErrorCode::MessageRejected, 400, &message);
    assert_eq!(error.code().as_str(), "MessageRejected");
    assert_eq!(error.code().class(), ErrorClass::Client);
    assert!(!error.code().is_retryable());
    assert_eq!(error.errors().len(), 1);

    // The typed path gives the same error as an `Err`.
    let err = from_slice::<SendEmailResult>(&reply.body)
        .err()
        .expect("an error");
    assert_eq!(err.category(), Category::Service);
    assert_eq!(err.offset(), None);
    let service = err.service_error().expect("the service error");
    assert_eq!(service.code(), &ErrorCode::MessageRejected);
    assert_eq!(service.request_id(), reply.header_id.as_deref());
}

#[test]
fn ses_send_email_after_verifying() {
    let Some(url) = server() else { return };
    let from = unique_email("ses_send_email_verified");
    verify_email(&url, &from);
    let reply = post(&url, SES, "SendEmail", &send_email_params(&from));
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    assert_eq!(response.action(), Some("SendEmail"));

    let sent = from_slice::<SendEmailResult>(&reply.body).expect("a SendEmailResult");
    assert_eq!(sent.action(), Some("SendEmail"));
    assert_eq!(sent.request_id(), reply.header_id.as_deref());
    // moto's ids look like `dmjvtkawesvymdfz-sgrbzdla-dhfb-ogdh-tpot-nwocsvkucshj-ucyjim`.
    let id = &sent.result().message_id;
    assert!(
        id.len() > 20 && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
        "message id {id:?}"
    );
    let tree = response.result().unwrap().unwrap();
    assert_eq!(
        tree.get("MessageId").and_then(aws_query_xml::Value::as_str),
        Some(id.as_str())
    );
}

#[test]
fn ses_get_send_quota_typed() {
    let Some(url) = server() else { return };
    let reply = post(&url, SES, "GetSendQuota", &[]);
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    assert_eq!(response.action(), Some("GetSendQuota"));

    let quota = from_slice::<GetSendQuotaResult>(&reply.body).expect("a GetSendQuotaResult");
    assert_eq!(quota.request_id(), reply.header_id.as_deref());
    let quota = quota.result();
    // moto's fixed quota; what was sent depends on the tests running beside this one.
    assert!((quota.max24_hour_send - 200.0).abs() < f64::EPSILON);
    assert!((quota.max_send_rate - 1.0).abs() < f64::EPSILON);
    assert!(quota.sent_last24_hours >= 0.0);
}

#[test]
fn ses_list_identities_has_the_verified_address() {
    let Some(url) = server() else { return };
    let address = unique_email("ses_list_identities");
    verify_email(&url, &address);
    let reply = post(&url, SES, "ListIdentities", &[]);
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);

    let listed = from_slice::<ListIdentitiesResult>(&reply.body).expect("a ListIdentitiesResult");
    assert_eq!(listed.action(), Some("ListIdentities"));
    let listed = listed.result();
    assert!(
        listed.identities.contains(&address),
        "{address} not in {:?}",
        listed.identities
    );
    assert_eq!(listed.next_token, None);
}

#[test]
fn ses_send_email_without_parameters() {
    let Some(url) = server() else { return };
    // moto does not validate the parameters: with no `Source` it answers
    // that the address `None` is not verified.
    let reply = post(&url, SES, "SendEmail", &[]);
    assert_eq!(reply.status, 400);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    let message = "Email address not verified None";
    let error = assert_sender_error(&response, &ErrorCode::MessageRejected, 400, message);
    assert!(!error.code().is_retryable());
}

// ---------------------------------------------------------------------------
// SQS

#[test]
fn sqs_create_queue() {
    let Some(url) = server() else { return };
    let name = unique("sqs_create_queue");
    let queue_url = create_queue(&url, &name);
    // moto builds the URL from the request's host.
    assert_eq!(queue_url, format!("{url}/{ACCOUNT}/{name}"));
    delete_queue(&url, &queue_url);
}

#[test]
fn sqs_send_and_receive_message_typed() {
    let Some(url) = server() else { return };
    let queue_url = create_queue(&url, &unique("sqs_send_and_receive"));
    // Edge spaces, markup characters and a non-ASCII letter: all must come back exactly.
    let text = " hello & <world> \u{e9}t\u{e9} ";

    let reply = post(
        &url,
        SQS,
        "SendMessage",
        &[("QueueUrl", &queue_url), ("MessageBody", text)],
    );
    assert_eq!(reply.status, 200);
    assert_ids_match(&reply, &parse(&reply));
    let sent = from_slice::<SendMessageResult>(&reply.body).expect("a SendMessageResult");
    assert_eq!(sent.action(), Some("SendMessage"));
    let sent = sent.into_result();
    assert!(
        is_md5_hex(&sent.md5_of_message_body),
        "{}",
        sent.md5_of_message_body
    );
    assert_eq!(sent.message_id.len(), 36, "a UUID: {}", sent.message_id);

    let reply = post(
        &url,
        SQS,
        "ReceiveMessage",
        &[("QueueUrl", &queue_url), ("AttributeName.1", "All")],
    );
    assert_eq!(reply.status, 200);
    assert_ids_match(&reply, &parse(&reply));
    let received = from_slice::<ReceiveMessageResult>(&reply.body).expect("a ReceiveMessageResult");
    assert_eq!(received.action(), Some("ReceiveMessage"));
    assert_eq!(received.request_id(), reply.header_id.as_deref());
    let messages = &received.result().message;
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(message.message_id, sent.message_id);
    assert_eq!(message.md5_of_body, sent.md5_of_message_body);
    assert_eq!(message.body, text);
    assert!(!message.receipt_handle.is_empty());

    let names: BTreeSet<&str> = message.attribute.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "ApproximateFirstReceiveTimestamp",
            "ApproximateReceiveCount",
            "SenderId",
            "SentTimestamp",
        ])
    );
    for attribute in &message.attribute {
        assert!(!attribute.value.is_empty(), "{} is empty", attribute.name);
    }

    // The same attributes read as a flattened `Name`/`Value` map.
    let as_map = from_slice::<ReceiveMessageAsMap>(&reply.body).expect("a map of attributes");
    let map = &as_map.result().message[0].attribute;
    assert_eq!(map.len(), 4);
    assert_eq!(map["ApproximateReceiveCount"], "1");
    assert_eq!(map["SenderId"], "AIDAIT2UOQQY3AUEKVGXU");
    assert!(map["SentTimestamp"].parse::<u64>().is_ok());
    for attribute in &message.attribute {
        assert_eq!(map[&attribute.name], attribute.value);
    }

    delete_queue(&url, &queue_url);
}

#[test]
fn sqs_get_queue_url_for_missing_queue() {
    let Some(url) = server() else { return };
    let name = unique("sqs_missing_queue");
    let reply = post(&url, SQS, "GetQueueUrl", &[("QueueName", &name)]);
    assert_eq!(reply.status, 400);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    // A listed code, not `ErrorCode::Other`. moto writes both `<Message>`
    // and `<message>`; names are case-sensitive.
    let message = "The specified queue does not exist for this wsdl version.";
    let error = assert_sender_error(&response, &ErrorCode::SqsNonExistentQueue, 400, message);
    assert_eq!(
        error.code().as_str(),
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    assert!(!error.code().is_retryable());
}

#[test]
fn sqs_delete_queue() {
    let Some(url) = server() else { return };
    let name = unique("sqs_delete_queue");
    let queue_url = create_queue(&url, &name);
    delete_queue(&url, &queue_url);

    let reply = post(&url, SQS, "GetQueueUrl", &[("QueueName", &name)]);
    assert_eq!(reply.status, 400);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    assert_eq!(
        response.service_error().map(ServiceError::code),
        Some(&ErrorCode::SqsNonExistentQueue)
    );
}

// ---------------------------------------------------------------------------
// SNS, IAM, STS

#[test]
fn sns_get_topic_attributes_of_missing_topic() {
    let Some(url) = server() else { return };
    let topic = format!(
        "arn:aws:sns:us-east-1:{ACCOUNT}:{}",
        unique("sns_missing_topic")
    );
    let reply = post(&url, SNS, "GetTopicAttributes", &[("TopicArn", &topic)]);
    assert_eq!(reply.status, 404);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    let error = assert_sender_error(&response, &ErrorCode::NotFound, 404, "Topic does not exist");
    assert!(!error.code().is_retryable());
}

#[test]
fn iam_get_user_of_missing_user() {
    let Some(url) = server() else { return };
    let user = unique("iam_missing_user");
    let reply = post(&url, IAM, "GetUser", &[("UserName", &user)]);
    assert_eq!(reply.status, 404);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    let message = format!("The user with name {user} cannot be found.");
    assert_sender_error(&response, &ErrorCode::NoSuchEntity, 404, &message);
}

#[test]
fn sts_get_caller_identity_typed() {
    let Some(url) = server() else { return };
    let reply = post(&url, STS, "GetCallerIdentity", &[]);
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ids_match(&reply, &response);
    assert_eq!(response.action(), Some("GetCallerIdentity"));

    let identity =
        from_slice::<GetCallerIdentityResult>(&reply.body).expect("a GetCallerIdentityResult");
    assert_eq!(identity.request_id(), reply.header_id.as_deref());
    let identity = identity.result();
    assert_eq!(identity.account, ACCOUNT);
    assert_eq!(identity.arn, format!("arn:aws:sts::{ACCOUNT}:user/moto"));
    assert_eq!(identity.user_id, "AKIAIOSFODNN7EXAMPLE");
}

// ---------------------------------------------------------------------------
// EC2: moto writes the literal placeholder `request-id` in its bodies.

fn assert_ec2_ids(reply: &Reply, response: &Response<'_>) {
    assert_eq!(response.request_id(), Some("request-id"));
    let header = reply.header_id.as_deref().expect("a request id header");
    assert!(!header.is_empty());
    assert_ne!(header, "request-id");
}

#[test]
fn ec2_describe_instances_with_unknown_id() {
    let Some(url) = server() else { return };
    let id = "i-1234567890abcdef0";
    let reply = post(&url, EC2, "DescribeInstances", &[("InstanceId.1", id)]);
    assert_eq!(reply.status, 400);
    let response = parse(&reply);
    assert_ec2_ids(&reply, &response);
    assert_eq!(response.outcome(), Outcome::Error);
    assert_eq!(response.envelope(), Envelope::ResponseErrors);
    assert_eq!(response.action(), None);
    let error = response.service_error().expect("an error outcome");
    assert_eq!(error.request_id(), Some("request-id"));
    assert_eq!(error.code(), &ErrorCode::InvalidInstanceIdNotFound);
    assert_eq!(error.code().as_str(), "InvalidInstanceID.NotFound");
    assert_eq!(error.error_type(), None); // EC2 errors carry no `<Type>`
    assert_eq!(error.code().fault(), Some(Fault::Sender));
    let message = format!("The instance ID '{id}' does not exist");
    assert_eq!(error.message(), Some(message.as_str()));
}

#[test]
fn ec2_describe_regions_typed() {
    let Some(url) = server() else { return };
    let reply = post(
        &url,
        EC2,
        "DescribeRegions",
        &[("RegionName.1", "us-east-1")],
    );
    assert_eq!(reply.status, 200);
    let response = parse(&reply);
    assert_ec2_ids(&reply, &response);
    assert_eq!(response.envelope(), Envelope::ActionResponse);
    assert_eq!(response.action(), Some("DescribeRegions"));

    let regions =
        from_slice::<DescribeRegionsResult>(&reply.body).expect("a DescribeRegionsResult");
    assert_eq!(regions.request_id(), Some("request-id"));
    let regions = &regions.result().region_info;
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0].region_name, "us-east-1");
    assert_eq!(regions[0].region_endpoint, "ec2.us-east-1.amazonaws.com");
    assert_eq!(regions[0].opt_in_status, "opt-in-not-required");
}

// ---------------------------------------------------------------------------
// Auth failures: `ErrorResponse/Errors/Error` and no request id in the body.

#[test]
fn auth_failure_ses_list_identities() {
    let Some(url) = auth_server() else { return };
    let reply = post(&url, SES, "ListIdentities", &[]);
    assert_eq!(reply.status, 403);
    let response = parse(&reply);
    assert_eq!(response.request_id(), None);
    assert!(reply.header_id.as_deref().is_some_and(|id| !id.is_empty()));
    let message = "The security token included in the request is invalid.";
    let error = assert_sender_error(&response, &ErrorCode::InvalidClientTokenId, 403, message);
    assert_eq!(error.request_id(), None);
    assert!(!error.code().is_retryable());
}

#[test]
fn auth_failure_ec2_describe_regions() {
    let Some(url) = auth_server() else { return };
    let reply = post(&url, EC2, "DescribeRegions", &[]);
    assert_eq!(reply.status, 401);
    let response = parse(&reply);
    assert_eq!(response.request_id(), None);
    let message = "AWS was not able to validate the provided access credentials";
    let error = assert_sender_error(&response, &ErrorCode::AuthFailure, 401, message);
    assert_eq!(error.request_id(), None);
    // The SDKs count `AuthFailure` among the clock-skew codes: retryable
    // once the clock is fixed, even though here the credentials are wrong.
    assert_eq!(error.code().class(), ErrorClass::ClockSkew);
    assert!(error.code().is_retryable());
}

// ---------------------------------------------------------------------------
// Not an AWS response

#[test]
fn unknown_action_is_an_html_500_and_a_clean_error() {
    let Some(url) = server() else { return };
    let reply = post(&url, SES, "NoSuchAction", &[]);
    assert_eq!(reply.status, 500);
    assert!(reply.body.starts_with(b"<!doctype html>"));
    let err = aws_query_xml::parse(&reply.body).expect_err("HTML is not an AWS response");
    // An HTML page is not an AWS response, decided at its DOCTYPE; the
    // status names the code a client reports.
    assert_eq!(err.category(), Category::Envelope);
    assert_eq!(err.kind(), &ErrorKind::UnrecognizedEnvelope("html".into()));
    assert_eq!(err.offset(), Some(0));
    assert_eq!(
        err.to_string(),
        "not an AWS response: unrecognized root element `html` at byte 0"
    );
    let code = ErrorCode::for_status(reply.status).expect("a code for 500");
    assert_eq!(code, ErrorCode::InternalFailure);
    assert!(code.is_retryable());
    // Every input path refuses it the same way.
    assert_eq!(
        common::json_all_paths(&reply.body, Options::new()),
        Err(err.to_string())
    );
    let typed = from_slice::<SendEmailResult>(&reply.body)
        .err()
        .expect("an error");
    assert_eq!(typed.kind(), err.kind());
}
