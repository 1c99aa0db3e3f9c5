//! botocore's response-parsing corpus (`../shared/conformance/botocore/xml/responses/`):
//! SES, SQS, SNS, IAM, STS and EC2 bodies read into typed results with
//! [`aws_query_xml::from_slice`] and compared with botocore's parsed output.
//!
//! Each result type deserializes from the XML names and serializes with
//! botocore's member names (lists unwrapped, numbers and booleans typed,
//! timestamps kept as strings), so [`check`] compares the whole result,
//! plus `ResponseMetadata.RequestId` from [`Success::request_id`], with the
//! expected `.json` as one JSON value: every value must be there, and
//! nothing else. `Option` members botocore leaves out when the body has no
//! element are skipped when `None`.
//!
//! Without the corpus (a clone with nothing beside it) every test returns
//! early after one line on stderr saying so, unless
//! `AWS_QUERY_XML_REQUIRE_CORPUS` is set (as CI does): then they fail.
#![allow(clippy::struct_field_names)] // fields are named as the XML elements

mod common;

use std::collections::BTreeMap;

use aws_query_xml::{Success, from_slice};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value as Json;

/// `<name>.<ext>` of the corpus, or `None` (after one line saying so) when
/// the corpus is not beside the repository: the test then returns early.
/// A file missing from a corpus that is there fails the test.
fn read(name: &str, ext: &str) -> Option<Vec<u8>> {
    let dir = common::corpus(
        "botocore/xml/responses",
        "every test (botocore's response corpus)",
    )?;
    let path = dir.join(format!("{name}.{ext}"));
    let body = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("the botocore corpus has no {}: {e}", path.display()));
    Some(body)
}

/// Where two JSON values first differ, as a path and both sides.
fn difference(got: &Json, expected: &Json, path: &str) -> Option<String> {
    match (got, expected) {
        (Json::Object(g), Json::Object(e)) => {
            for key in e.keys() {
                if !g.contains_key(key) {
                    return Some(format!("{path}/{key}: missing"));
                }
            }
            for (key, value) in g {
                let Some(other) = e.get(key) else {
                    return Some(format!("{path}/{key}: not expected (got {value})"));
                };
                if let Some(d) = difference(value, other, &format!("{path}/{key}")) {
                    return Some(d);
                }
            }
            None
        }
        (Json::Array(g), Json::Array(e)) => {
            if g.len() != e.len() {
                return Some(format!("{path}: {} items, expected {}", g.len(), e.len()));
            }
            g.iter()
                .zip(e)
                .enumerate()
                .find_map(|(i, (g, e))| difference(g, e, &format!("{path}[{i}]")))
        }
        _ if got == expected => None,
        _ => Some(format!("{path}: got {got}, expected {expected}")),
    }
}

/// Deserializes `<name>.xml` into `T` and compares it, with the request id,
/// to botocore's `<name>.json`; `None` when the corpus is not there.
fn check<T: DeserializeOwned + Serialize>(name: &str) -> Option<Success<T>> {
    let body = read(name, "xml")?;
    let expected: Json = serde_json::from_slice(&read(name, "json")?)
        .unwrap_or_else(|e| panic!("{name}.json: not JSON: {e}"));
    let got = from_slice::<T>(&body).unwrap_or_else(|e| panic!("{name}: from_slice failed: {e}"));
    assert_eq!(
        got.request_id(),
        expected["ResponseMetadata"]["RequestId"].as_str(),
        "{name}: request id"
    );
    let mut value = serde_json::to_value(got.result()).expect("serializable");
    value
        .as_object_mut()
        .unwrap_or_else(|| panic!("{name}: the result is not a struct"))
        .insert(
            "ResponseMetadata".to_owned(),
            serde_json::json!({ "RequestId": got.request_id() }),
        );
    if let Some(d) = difference(&value, &expected, name) {
        panic!("{name}: the typed result differs from botocore's: {d}");
    }
    assert_eq!(value, expected, "{name}");
    Some(got)
}

// ---------------------------------------------------------------------------
// SES

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetSendStatisticsResult {
    send_data_points: Vec<SendDataPoint>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct SendDataPoint {
    delivery_attempts: u64,
    timestamp: String,
    rejects: u64,
    bounces: u64,
    complaints: u64,
}

#[test]
fn ses_get_send_statistics() {
    let Some(got) = check::<GetSendStatisticsResult>("ses-get-send-statistics") else {
        return;
    };
    assert_eq!(got.action(), Some("GetSendStatistics"));
    assert_eq!(got.result().send_data_points[1].delivery_attempts, 7);
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetSendQuotaResult {
    max24_hour_send: f64,
    max_send_rate: f64,
    sent_last24_hours: f64,
}

#[test]
fn ses_get_send_quota() {
    let Some(got) = check::<GetSendQuotaResult>("ses-get-send-quota") else {
        return;
    };
    assert!((got.result().max24_hour_send - 200.0).abs() < f64::EPSILON);
}

/// A `entry`/`key`/`value` map of structs holding a boolean and a list.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdentityDkimAttributesResult {
    dkim_attributes: BTreeMap<String, IdentityDkimAttributes>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct IdentityDkimAttributes {
    dkim_enabled: bool,
    dkim_verification_status: String,
    #[serde(default)]
    dkim_tokens: Vec<String>,
}

#[test]
fn ses_get_identity_dkim_attributes() {
    let Some(got) = check::<GetIdentityDkimAttributesResult>("ses-get-identity-dkim-attributes")
    else {
        return;
    };
    let amazon = &got.result().dkim_attributes["amazon.com"];
    assert!(amazon.dkim_enabled);
    assert_eq!(amazon.dkim_tokens.len(), 3);
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdentityVerificationAttributesResult {
    verification_attributes: BTreeMap<String, IdentityVerificationAttributes>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct IdentityVerificationAttributes {
    verification_status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    verification_token: Option<String>,
}

#[test]
fn ses_get_identity_verification_attributes() {
    let Some(got) = check::<GetIdentityVerificationAttributesResult>(
        "ses-get-identity-verification-attributes",
    ) else {
        return;
    };
    let attributes = &got.result().verification_attributes;
    assert_eq!(attributes.len(), 2);
    assert!(attributes["user@domain.com"].verification_token.is_none());
}

// ---------------------------------------------------------------------------
// SQS

/// Flattened `Message` list, each with a flattened `Name`/`Value` map.
#[derive(Debug, Deserialize, Serialize)]
struct ReceiveMessageResult {
    #[serde(rename(deserialize = "Message", serialize = "Messages"), default)]
    messages: Vec<Message>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Message {
    message_id: String,
    receipt_handle: String,
    #[serde(rename = "MD5OfBody")]
    md5_of_body: String,
    #[serde(deserialize_with = "aws_query_xml::helpers::keep_whitespace")]
    body: String,
    #[serde(rename(deserialize = "Attribute", serialize = "Attributes"), default)]
    attributes: BTreeMap<String, String>,
}

#[test]
fn sqs_receive_message() {
    let Some(got) = check::<ReceiveMessageResult>("sqs-receive-message") else {
        return;
    };
    let message = &got.result().messages[0];
    // interior line breaks and indentation are data
    assert!(message.receipt_handle.contains("Cw\n        Lj1"));
    assert_eq!(message.attributes["ApproximateReceiveCount"], "5");
}

/// A flattened `Name`/`Value` map directly in the result.
#[derive(Debug, Deserialize, Serialize)]
struct GetQueueAttributesResult {
    #[serde(rename(deserialize = "Attribute", serialize = "Attributes"))]
    attributes: BTreeMap<String, String>,
}

#[test]
fn sqs_get_queue_attributes() {
    let Some(got) = check::<GetQueueAttributesResult>("sqs-get-queue-attributes") else {
        return;
    };
    assert_eq!(got.result().attributes.len(), 10);
    assert_eq!(got.result().attributes["VisibilityTimeout"], "45");
}

/// Two flattened lists, one absent (no `BatchResultErrorEntry`: `[]`).
#[derive(Debug, Deserialize, Serialize)]
struct SendMessageBatchResult {
    #[serde(rename(deserialize = "SendMessageBatchResultEntry", serialize = "Successful"))]
    successful: Vec<SendMessageBatchResultEntry>,
    #[serde(
        rename(deserialize = "BatchResultErrorEntry", serialize = "Failed"),
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    failed: Vec<BatchResultErrorEntry>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct SendMessageBatchResultEntry {
    id: String,
    message_id: String,
    #[serde(rename = "MD5OfMessageBody")]
    md5_of_message_body: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct BatchResultErrorEntry {
    id: String,
    sender_fault: bool,
    code: String,
    message: Option<String>,
}

#[test]
fn sqs_send_message_batch() {
    let Some(got) = check::<SendMessageBatchResult>("sqs-send-message-batch") else {
        return;
    };
    assert_eq!(got.result().successful.len(), 2);
    assert!(got.result().failed.is_empty());
}

/// A flattened list of strings.
#[derive(Debug, Deserialize, Serialize)]
struct ListQueuesResult {
    #[serde(rename(deserialize = "QueueUrl", serialize = "QueueUrls"))]
    queue_urls: Vec<String>,
}

#[test]
fn sqs_list_queues() {
    let Some(got) = check::<ListQueuesResult>("sqs-list-queues") else {
        return;
    };
    assert_eq!(got.result().queue_urls.len(), 2);
}

// ---------------------------------------------------------------------------
// SNS

/// A wrapped `entry` map; the policy value holds a line break.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetTopicAttributesResult {
    attributes: BTreeMap<String, String>,
}

#[test]
fn sns_get_topic_attributes() {
    let Some(got) = check::<GetTopicAttributesResult>("sns-get-topic-attributes") else {
        return;
    };
    assert!(got.result().attributes["Policy"].starts_with("{\n\"Version\""));
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListSubscriptionsResult {
    subscriptions: Vec<Subscription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Subscription {
    topic_arn: String,
    protocol: String,
    subscription_arn: String,
    owner: String,
    endpoint: String,
}

#[test]
fn sns_list_subscriptions() {
    let Some(got) = check::<ListSubscriptionsResult>("sns-list-subscriptions") else {
        return;
    };
    assert_eq!(got.result().subscriptions.len(), 1);
}

// ---------------------------------------------------------------------------
// IAM

/// A wrapped `entry` map of integers.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetAccountSummaryResult {
    summary_map: BTreeMap<String, i64>,
}

#[test]
fn iam_get_account_summary() {
    let Some(got) = check::<GetAccountSummaryResult>("iam-get-account-summary") else {
        return;
    };
    assert_eq!(got.result().summary_map["UsersQuota"], 5000);
    assert_eq!(got.result().summary_map.len(), 20);
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetGroupResult {
    group: Group,
    users: Vec<User>,
    is_truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Group {
    path: String,
    group_name: String,
    group_id: String,
    arn: String,
    create_date: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct User {
    path: String,
    user_name: String,
    user_id: String,
    arn: String,
    create_date: String,
}

#[test]
fn iam_get_group() {
    let Some(got) = check::<GetGroupResult>("iam-get-group") else {
        return;
    };
    assert!(!got.result().is_truncated);
    assert_eq!(got.result().users[0].user_name, "harry");
}

/// The URL-encoded policy document, decoded and parsed as botocore does.
fn url_encoded_json<'de, D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
    use serde::de::Error as _;
    let text = String::deserialize(d)?;
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(&text).collect();
    serde_json::from_slice(&bytes).map_err(D::Error::custom)
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListRolesResult {
    roles: Vec<Role>,
    is_truncated: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Role {
    path: String,
    role_name: String,
    role_id: String,
    arn: String,
    create_date: String,
    #[serde(deserialize_with = "url_encoded_json")]
    assume_role_policy_document: Json,
}

#[test]
fn iam_list_roles() {
    let Some(got) = check::<ListRolesResult>("iam-list-roles") else {
        return;
    };
    assert_eq!(got.result().roles.len(), 2);
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListServerCertificatesResult {
    server_certificate_metadata_list: Vec<ServerCertificateMetadata>,
    is_truncated: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServerCertificateMetadata {
    path: String,
    server_certificate_name: String,
    server_certificate_id: String,
    arn: String,
    upload_date: String,
}

#[test]
fn iam_list_server_certificates() {
    let Some(got) = check::<ListServerCertificatesResult>("iam-list-server-certificates") else {
        return;
    };
    assert_eq!(got.result().server_certificate_metadata_list.len(), 3);
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListAccessKeysResult {
    /// In the body, not in botocore's model of the output.
    #[serde(skip_serializing)]
    user_name: String,
    access_key_metadata: Vec<AccessKeyMetadata>,
    is_truncated: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AccessKeyMetadata {
    user_name: String,
    access_key_id: String,
    status: String,
}

#[test]
fn iam_list_access_keys() {
    let Some(got) = check::<ListAccessKeysResult>("iam-list-access-keys") else {
        return;
    };
    assert_eq!(got.result().access_key_metadata[1].status, "Inactive");
    assert_eq!(got.result().user_name, "Bob");
}

/// Blobs: botocore gives the decoded bytes (here text).
#[cfg(feature = "base64")]
mod mfa {
    use serde::{Deserialize, Serialize, Serializer};

    fn as_text<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        s.serialize_str(std::str::from_utf8(bytes).map_err(S::Error::custom)?)
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct CreateVirtualMfaDeviceResult {
        #[serde(rename = "VirtualMFADevice")]
        pub virtual_mfa_device: VirtualMfaDevice,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct VirtualMfaDevice {
        pub serial_number: String,
        #[serde(
            deserialize_with = "aws_query_xml::helpers::base64::deserialize",
            serialize_with = "as_text"
        )]
        pub base32_string_seed: Vec<u8>,
        #[serde(
            rename = "QRCodePNG",
            deserialize_with = "aws_query_xml::helpers::base64::deserialize",
            serialize_with = "as_text"
        )]
        pub qr_code_png: Vec<u8>,
    }
}

#[cfg(feature = "base64")]
#[test]
fn iam_create_virtual_mfa_device() {
    let Some(got) = check::<mfa::CreateVirtualMfaDeviceResult>("iam-create-virtual-mfa-device")
    else {
        return;
    };
    assert_eq!(got.result().virtual_mfa_device.qr_code_png, b"foo");
}

// ---------------------------------------------------------------------------
// STS

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetSessionTokenResult {
    credentials: Credentials,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    expiration: String,
}

#[test]
fn sts_get_session_token() {
    let Some(got) = check::<GetSessionTokenResult>("sts-get-session-token") else {
        return;
    };
    // the token's interior line breaks and indentation are data
    assert_eq!(
        got.result()
            .credentials
            .session_token
            .matches("\n       ")
            .count(),
        3
    );
}

// ---------------------------------------------------------------------------
// EC2: `item` lists, camelCase names, the request id a root child

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct DescribeInstancesResult {
    #[serde(rename(deserialize = "reservationSet", serialize = "Reservations"))]
    reservations: Vec<Reservation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct Reservation {
    reservation_id: String,
    owner_id: String,
    #[serde(rename(deserialize = "groupSet", serialize = "Groups"))]
    groups: Vec<GroupIdentifier>,
    #[serde(rename(deserialize = "instancesSet", serialize = "Instances"))]
    instances: Vec<Instance>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct GroupIdentifier {
    group_id: String,
    group_name: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct Instance {
    instance_id: String,
    image_id: String,
    #[serde(rename(deserialize = "instanceState", serialize = "State"))]
    state: InstanceState,
    private_dns_name: String,
    #[serde(rename(deserialize = "dnsName", serialize = "PublicDnsName"))]
    public_dns_name: String,
    #[serde(rename(deserialize = "reason", serialize = "StateTransitionReason"))]
    state_transition_reason: String,
    key_name: String,
    ami_launch_index: i32,
    product_codes: Vec<ProductCode>,
    instance_type: String,
    launch_time: String,
    placement: Placement,
    #[serde(skip_serializing_if = "Option::is_none")]
    kernel_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<String>,
    monitoring: Monitoring,
    #[serde(skip_serializing_if = "Option::is_none")]
    private_ip_address: Option<String>,
    #[serde(
        rename(deserialize = "ipAddress", serialize = "PublicIpAddress"),
        skip_serializing_if = "Option::is_none"
    )]
    public_ip_address: Option<String>,
    #[serde(rename(deserialize = "groupSet", serialize = "SecurityGroups"))]
    security_groups: Vec<GroupIdentifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_reason: Option<StateReason>,
    architecture: String,
    root_device_type: String,
    root_device_name: String,
    #[serde(rename(deserialize = "blockDeviceMapping", serialize = "BlockDeviceMappings"))]
    block_device_mappings: Vec<BlockDeviceMapping>,
    virtualization_type: String,
    client_token: String,
    #[serde(
        rename(deserialize = "tagSet", serialize = "Tags"),
        skip_serializing_if = "Option::is_none"
    )]
    tags: Option<Vec<Tag>>,
    hypervisor: String,
    #[serde(rename(deserialize = "networkInterfaceSet", serialize = "NetworkInterfaces"))]
    network_interfaces: Vec<NetworkInterface>,
    ebs_optimized: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct InstanceState {
    code: i32,
    name: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct ProductCode {
    product_code: String,
    #[serde(rename(deserialize = "type", serialize = "ProductCodeType"))]
    product_code_type: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct Placement {
    availability_zone: String,
    group_name: String,
    tenancy: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct Monitoring {
    state: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct StateReason {
    code: String,
    message: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct BlockDeviceMapping {
    device_name: String,
    ebs: EbsInstanceBlockDevice,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct EbsInstanceBlockDevice {
    volume_id: String,
    status: String,
    attach_time: String,
    delete_on_termination: bool,
}

/// An `item` with `key` and `value` children: a struct here, not a map entry.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct Tag {
    key: String,
    value: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct NetworkInterface {
    network_interface_id: String,
}

#[test]
fn ec2_describe_instances() {
    let Some(got) = check::<DescribeInstancesResult>("ec2-describe-instances") else {
        return;
    };
    assert_eq!(got.action(), Some("DescribeInstances"));
    let first = &got.result().reservations[0].instances[0];
    assert_eq!(first.state.code, 80);
    assert_eq!(first.public_dns_name, ""); // `<dnsName/>`
    assert!(first.product_codes.is_empty()); // `<productCodes/>`
    assert_eq!(first.tags.as_ref().unwrap()[0].value, ""); // `<value/>`
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct DescribeSecurityGroupsResult {
    #[serde(rename(deserialize = "securityGroupInfo", serialize = "SecurityGroups"))]
    security_groups: Vec<SecurityGroup>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct SecurityGroup {
    owner_id: String,
    group_id: String,
    group_name: String,
    #[serde(rename(deserialize = "groupDescription", serialize = "Description"))]
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_id: Option<String>,
    ip_permissions: Vec<IpPermission>,
    ip_permissions_egress: Vec<IpPermission>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct IpPermission {
    ip_protocol: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_port: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_port: Option<i32>,
    #[serde(rename(deserialize = "groups", serialize = "UserIdGroupPairs"))]
    user_id_group_pairs: Vec<UserIdGroupPair>,
    ip_ranges: Vec<IpRange>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct UserIdGroupPair {
    user_id: String,
    group_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_name: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct IpRange {
    cidr_ip: String,
}

#[test]
fn ec2_describe_security_groups() {
    let Some(got) = check::<DescribeSecurityGroupsResult>("ec2-describe-security-groups") else {
        return;
    };
    let groups = &got.result().security_groups;
    assert_eq!(groups.len(), 5);
    assert_eq!(groups[3].ip_permissions[2].from_port, Some(-1));
}

#[derive(Debug, Deserialize, Serialize)]
struct DescribeRegionsResult {
    #[serde(rename(deserialize = "regionInfo", serialize = "Regions"))]
    regions: Vec<Region>,
}

#[derive(Debug, Deserialize, Serialize)]
struct Region {
    #[serde(rename(deserialize = "regionName", serialize = "RegionName"))]
    region_name: String,
    #[serde(rename(deserialize = "regionEndpoint", serialize = "Endpoint"))]
    endpoint: String,
}

#[test]
fn ec2_describe_regions() {
    let Some(got) = check::<DescribeRegionsResult>("ec2-describe-regions") else {
        return;
    };
    assert_eq!(got.result().regions.len(), 8);
}

#[derive(Debug, Deserialize, Serialize)]
struct DescribeVolumesResult {
    #[serde(rename(deserialize = "volumeSet", serialize = "Volumes"))]
    volumes: Vec<Volume>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct Volume {
    volume_id: String,
    size: u32,
    snapshot_id: String,
    availability_zone: String,
    #[serde(rename(deserialize = "status", serialize = "State"))]
    state: String,
    create_time: String,
    #[serde(rename(deserialize = "attachmentSet", serialize = "Attachments"))]
    attachments: Vec<VolumeAttachment>,
    volume_type: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct VolumeAttachment {
    volume_id: String,
    instance_id: String,
    device: String,
    #[serde(rename(deserialize = "status", serialize = "State"))]
    state: String,
    attach_time: String,
    delete_on_termination: bool,
}

#[test]
fn ec2_describe_volumes() {
    let Some(got) = check::<DescribeVolumesResult>("ec2-describe-volumes") else {
        return;
    };
    assert_eq!(got.result().volumes[1].size, 30);
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct DescribeAccountAttributesResult {
    #[serde(rename(deserialize = "accountAttributeSet", serialize = "AccountAttributes"))]
    account_attributes: Vec<AccountAttribute>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct AccountAttribute {
    attribute_name: String,
    #[serde(rename(deserialize = "attributeValueSet", serialize = "AttributeValues"))]
    attribute_values: Vec<AccountAttributeValue>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct AccountAttributeValue {
    attribute_value: String,
}

#[test]
fn ec2_describe_account_attributes() {
    let Some(got) = check::<DescribeAccountAttributesResult>("ec2-describe-account-attributes")
    else {
        return;
    };
    let attributes = &got.result().account_attributes;
    assert_eq!(attributes[2].attribute_values.len(), 2);
    assert_eq!(attributes[0].attribute_values.len(), 1); // a wrapped list of one
}

/// 1,000 `item`s (314 KB) and a `nextToken` after the list.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct DescribeSpotPriceHistoryResult {
    #[serde(rename(deserialize = "spotPriceHistorySet", serialize = "SpotPriceHistory"))]
    spot_price_history: Vec<SpotPrice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "PascalCase"))]
struct SpotPrice {
    instance_type: String,
    product_description: String,
    spot_price: String,
    timestamp: String,
    availability_zone: String,
}

#[test]
fn ec2_describe_spot_price_history() {
    let Some(got) = check::<DescribeSpotPriceHistoryResult>("ec2-describe-spot-price-history")
    else {
        return;
    };
    assert_eq!(got.result().spot_price_history.len(), 1000);
    assert!(got.result().next_token.is_some());
}

// ---------------------------------------------------------------------------
// Timestamps through `helpers::timestamp`, against botocore's strings

#[cfg(feature = "time")]
mod timestamps {
    use serde::Deserialize;
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    /// botocore's string, parsed by `time` itself.
    fn expected(v: &serde_json::Value) -> OffsetDateTime {
        OffsetDateTime::parse(v.as_str().expect("a string"), &Rfc3339).expect("RFC 3339")
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct SendStatistics {
        send_data_points: Vec<Point>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Point {
        #[serde(with = "aws_query_xml::helpers::timestamp")]
        timestamp: OffsetDateTime,
    }

    #[test]
    fn ses_send_data_points() {
        let name = "ses-get-send-statistics";
        let Some(expected_json) = super::read(name, "json") else {
            return;
        };
        let expected_json: serde_json::Value = serde_json::from_slice(&expected_json).unwrap();
        let Some(body) = super::read(name, "xml") else {
            return;
        };
        let got = aws_query_xml::from_slice::<SendStatistics>(&body).unwrap();
        let points = &got.result().send_data_points;
        assert_eq!(points.len(), 2);
        for (i, point) in points.iter().enumerate() {
            assert_eq!(
                point.timestamp,
                expected(&expected_json["SendDataPoints"][i]["Timestamp"])
            );
        }
        assert_eq!(points[0].timestamp.unix_timestamp(), 1_312_399_380);
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct SessionToken {
        credentials: Credentials,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Credentials {
        #[serde(with = "aws_query_xml::helpers::timestamp")]
        expiration: OffsetDateTime,
        /// Not there: `None`.
        #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
        not_before: Option<OffsetDateTime>,
    }

    #[test]
    fn sts_expiration_with_milliseconds() {
        let name = "sts-get-session-token";
        let Some(expected_json) = super::read(name, "json") else {
            return;
        };
        let expected_json: serde_json::Value = serde_json::from_slice(&expected_json).unwrap();
        let Some(body) = super::read(name, "xml") else {
            return;
        };
        let got = aws_query_xml::from_slice::<SessionToken>(&body).unwrap();
        let credentials = &got.result().credentials;
        assert_eq!(
            credentials.expiration,
            expected(&expected_json["Credentials"]["Expiration"])
        );
        assert_eq!(
            credentials.expiration.unix_timestamp_nanos(),
            1_310_414_129_611_000_000
        );
        assert!(credentials.not_before.is_none());
    }

    #[derive(Deserialize)]
    struct Volumes {
        #[serde(rename = "volumeSet")]
        volumes: Vec<Volume>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Volume {
        #[serde(with = "aws_query_xml::helpers::timestamp")]
        create_time: OffsetDateTime,
        #[serde(rename = "attachmentSet")]
        attachments: Vec<Attachment>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Attachment {
        #[serde(with = "aws_query_xml::helpers::timestamp::option")]
        attach_time: Option<OffsetDateTime>,
    }

    #[test]
    fn ec2_volume_times() {
        let name = "ec2-describe-volumes";
        let Some(expected_json) = super::read(name, "json") else {
            return;
        };
        let expected_json: serde_json::Value = serde_json::from_slice(&expected_json).unwrap();
        let Some(body) = super::read(name, "xml") else {
            return;
        };
        let got = aws_query_xml::from_slice::<Volumes>(&body).unwrap();
        let volumes = &got.result().volumes;
        assert_eq!(volumes.len(), 2);
        for (i, volume) in volumes.iter().enumerate() {
            let e = &expected_json["Volumes"][i];
            assert_eq!(volume.create_time, expected(&e["CreateTime"]));
            assert_eq!(
                volume.attachments[0].attach_time,
                Some(expected(&e["Attachments"][0]["AttachTime"]))
            );
        }
    }
}
