//! Serializing a serde type as a Query result: `from_slice(serialize(v)) == v`
//! for realistic typed results (SQS `ReceiveMessage`, IAM `ListUsers`, EC2
//! `DescribeInstances`, SES `GetSendQuota`), in every array style, form and
//! formatting; and what the conventions cannot carry is refused.

#![allow(clippy::struct_field_names)] // fields are named as the XML elements

use std::collections::HashMap;

use aws_query_xml::{ActionForm, Arrays, RenderError, RenderOptions, SoapVersion};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct ReceiveMessageResult {
    #[serde(default)]
    message: Vec<Message>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct Message {
    message_id: String,
    receipt_handle: String,
    #[serde(rename = "MD5OfBody")]
    md5_of_body: String,
    #[serde(deserialize_with = "aws_query_xml::helpers::keep_whitespace")]
    body: String,
    #[serde(default)]
    attribute: HashMap<String, String>,
    #[serde(default)]
    message_attribute: Vec<MessageAttribute>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct MessageAttribute {
    name: String,
    value: AttributeValue,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct AttributeValue {
    data_type: String,
    string_value: Option<String>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct ListUsersResult {
    users: Vec<User>,
    is_truncated: bool,
    marker: Option<String>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct User {
    path: String,
    user_name: String,
    user_id: String,
    arn: String,
    create_date: String,
    password_last_used: Option<String>,
    tags: Option<Vec<Tag>>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct Tag {
    key: String,
    value: String,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
struct DescribeInstances {
    reservation_set: Vec<Reservation>,
    next_token: Option<String>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
struct Reservation {
    reservation_id: String,
    owner_id: String,
    instances_set: Vec<Instance>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
struct Instance {
    instance_id: String,
    image_id: String,
    instance_state: InstanceState,
    instance_type: String,
    ebs_optimized: bool,
    private_ip_address: Option<String>,
    tag_set: Vec<Ec2Tag>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
struct InstanceState {
    code: u16,
    name: StateName,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum StateName {
    Pending,
    Running,
    ShuttingDown,
    Stopped,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
struct Ec2Tag {
    key: String,
    value: String,
}

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct GetSendQuotaResult {
    max24_hour_send: f64,
    max_send_rate: f64,
    sent_last24_hours: f64,
}

/// Text without edge whitespace (scalars are read trimmed), with markup,
/// entity look-alikes, non-ASCII, inner line ends and carriage returns.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9+/=-]{1,12}",
        Just("<&>".to_owned()),
        Just("&amp;".to_owned()),
        Just("]]>".to_owned()),
        Just("é漢🦀".to_owned()),
        Just(" \r\n\t".to_owned()),
    ];
    proptest::collection::vec(piece, 1..5).prop_map(|p| {
        let s = p.concat();
        let s = s.trim_matches([' ', '\t', '\n', '\r']);
        if s.is_empty() {
            "x".to_owned()
        } else {
            s.to_owned()
        }
    })
}

/// A message body: anything, edges included.
fn body() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", " ", "\n", "\r\n  "]),
        text(),
        prop::sample::select(vec!["", "\t", "\n", " \n"]),
    )
        .prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

fn receive_message() -> impl Strategy<Value = ReceiveMessageResult> {
    let attribute = (text(), (text(), proptest::option::of(text()))).prop_map(
        |(name, (data_type, string_value))| MessageAttribute {
            name,
            value: AttributeValue {
                data_type,
                string_value,
            },
        },
    );
    let message = (
        (text(), text(), "[0-9a-f]{32}", body()),
        proptest::collection::hash_map(text(), text(), 0..4),
        proptest::collection::vec(attribute, 0..3),
    )
        .prop_map(
            |((message_id, receipt_handle, md5_of_body, body), attribute, message_attribute)| {
                Message {
                    message_id,
                    receipt_handle,
                    md5_of_body,
                    body,
                    attribute,
                    message_attribute,
                }
            },
        );
    proptest::collection::vec(message, 0..4).prop_map(|message| ReceiveMessageResult { message })
}

fn list_users() -> impl Strategy<Value = ListUsersResult> {
    let tag = (text(), text()).prop_map(|(key, value)| Tag { key, value });
    let user = (
        (text(), text(), "AID[A-Z0-9]{16}", text(), text()),
        proptest::option::of(text()),
        proptest::option::of(proptest::collection::vec(tag, 0..3)),
    )
        .prop_map(
            |((path, user_name, user_id, arn, create_date), password_last_used, tags)| User {
                path,
                user_name,
                user_id,
                arn,
                create_date,
                password_last_used,
                tags,
            },
        );
    (
        proptest::collection::vec(user, 0..4),
        any::<bool>(),
        proptest::option::of(text()),
    )
        .prop_map(|(users, is_truncated, marker)| ListUsersResult {
            users,
            is_truncated,
            marker,
        })
}

fn describe_instances() -> impl Strategy<Value = DescribeInstances> {
    let tag = (text(), text()).prop_map(|(key, value)| Ec2Tag { key, value });
    let state = prop::sample::select(vec![
        (0, StateName::Pending),
        (16, StateName::Running),
        (32, StateName::ShuttingDown),
        (80, StateName::Stopped),
    ]);
    let instance = (
        ("i-[0-9a-f]{17}", "ami-[0-9a-f]{8}", state, text()),
        any::<bool>(),
        proptest::option::of("10\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}"),
        proptest::collection::vec(tag, 0..3),
    )
        .prop_map(
            |((instance_id, image_id, (code, name), instance_type), ebs, ip, tag_set)| Instance {
                instance_id,
                image_id,
                instance_state: InstanceState { code, name },
                instance_type,
                ebs_optimized: ebs,
                private_ip_address: ip,
                tag_set,
            },
        );
    let reservation = (
        "r-[0-9a-f]{17}",
        "[0-9]{12}",
        proptest::collection::vec(instance, 0..3),
    )
        .prop_map(|(reservation_id, owner_id, instances_set)| Reservation {
            reservation_id,
            owner_id,
            instances_set,
        });
    (
        proptest::collection::vec(reservation, 0..3),
        proptest::option::of(text()),
    )
        .prop_map(|(reservation_set, next_token)| DescribeInstances {
            reservation_set,
            next_token,
        })
}

fn send_quota() -> impl Strategy<Value = GetSendQuotaResult> {
    let number = prop_oneof![
        prop::num::f64::NORMAL | prop::num::f64::ZERO | prop::num::f64::SUBNORMAL,
        (0u32..100_000).prop_map(f64::from),
    ];
    (number.clone(), number.clone(), number).prop_map(|(a, b, c)| GetSendQuotaResult {
        max24_hour_send: a,
        max_send_rate: b,
        sent_last24_hours: c,
    })
}

fn options() -> impl Strategy<Value = RenderOptions> {
    (
        prop::sample::select(vec![Arrays::Member, Arrays::Item, Arrays::Flattened]),
        prop::sample::select(vec![
            ActionForm::Modern,
            ActionForm::ResponseStatus,
            ActionForm::Ec2,
        ]),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(|(arrays, form, (pretty, cdata, soap, prefix))| {
            let mut o = RenderOptions::new()
                .arrays(arrays)
                .action_form(form)
                .pretty(pretty)
                .cdata(cdata);
            if soap {
                o = o.soap(SoapVersion::V1_2);
            }
            if prefix {
                o = o.namespace("urn:x").prefix("x");
            }
            o
        })
}

/// `value` serialized and read back, from a slice and from a reader.
fn round_trip<T>(value: &T, options: &RenderOptions, action: &str) -> Result<(), TestCaseError>
where
    T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let body = options
        .serialize(action, Some("r-1"), value)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let shown = String::from_utf8_lossy(&body);
    let back = aws_query_xml::from_slice::<T>(&body);
    prop_assert!(back.is_ok(), "{back:?}\n{shown}");
    let back = back.map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back.request_id(), Some("r-1"));
    prop_assert_eq!(back.action(), Some(action));
    prop_assert_eq!(&back.into_result(), value, "{}", shown);
    let read = aws_query_xml::from_reader::<T, _>(&body[..])
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&read.into_result(), value);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn sqs_receive_message(v in receive_message(), o in options()) {
        round_trip(&v, &o, "ReceiveMessage")?;
    }

    #[test]
    fn iam_list_users(v in list_users(), o in options()) {
        round_trip(&v, &o, "ListUsers")?;
    }

    #[test]
    fn ec2_describe_instances(v in describe_instances(), o in options()) {
        round_trip(&v, &o, "DescribeInstances")?;
    }

    #[test]
    fn ses_get_send_quota(v in send_quota(), o in options()) {
        round_trip(&v, &o, "GetSendQuota")?;
    }
}

#[test]
fn what_the_conventions_cannot_carry_is_refused() {
    #[derive(Serialize)]
    enum Shape {
        Circle { r: u8 },
    }
    #[derive(Serialize)]
    struct WithShape {
        shape: Shape,
    }
    #[derive(Serialize)]
    struct WithBytes<'a> {
        #[serde(with = "serde_bytes_like")]
        blob: &'a [u8],
    }
    mod serde_bytes_like {
        pub fn serialize<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b)
        }
    }
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Clash {
        request_id: String,
    }
    let o = RenderOptions::new();
    let err = |r: Result<Vec<u8>, RenderError>| r.unwrap_err().to_string();
    assert_eq!(
        err(o.serialize(
            "A",
            None,
            &WithShape {
                shape: Shape::Circle { r: 1 }
            }
        )),
        "cannot serialize `shape`: an enum variant with data has no Query form"
    );
    assert_eq!(
        err(o.serialize("A", None, &WithBytes { blob: b"x" })),
        "cannot serialize `blob`: bytes have no Query form (use `helpers::base64` text)"
    );
    assert_eq!(
        err(o.serialize("A", None, &[1, 2])),
        "cannot serialize ``: the result must be a struct or a map"
    );
    let mut bad_key = HashMap::new();
    bad_key.insert("a b", 1);
    assert_eq!(
        err(o.serialize("A", None, &bad_key)),
        "`a b` is not an XML element name"
    );
    let clash = Clash {
        request_id: "x".to_owned(),
    };
    assert!(o.serialize("A", None, &clash).is_ok());
    assert_eq!(
        err(o
            .clone()
            .action_form(ActionForm::Ec2)
            .serialize("A", None, &clash)),
        "cannot serialize `RequestId`: a result member named like the envelope's, where the result is the root's content"
    );
    assert_eq!(
        err(o.serialize("GetError", None, &clash)),
        "style `action_response` cannot carry an action whose name ends in `Error`"
    );
}

#[test]
fn maps_are_entries_or_flattened_name_value_pairs() {
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    struct Attributes {
        attribute: std::collections::BTreeMap<String, String>,
    }
    let v = Attributes {
        attribute: [("A", "1"), ("B", "2")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    };
    let body = RenderOptions::new().serialize("Get", None, &v).unwrap();
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "<GetResponse><GetResult><Attribute><entry><key>A</key><value>1</value></entry>\
         <entry><key>B</key><value>2</value></entry></Attribute></GetResult></GetResponse>"
    );
    let body = RenderOptions::new()
        .arrays(Arrays::Flattened)
        .serialize("Get", None, &v)
        .unwrap();
    assert_eq!(
        String::from_utf8(body.clone()).unwrap(),
        "<GetResponse><GetResult><Attribute><Name>A</Name><Value>1</Value></Attribute>\
         <Attribute><Name>B</Name><Value>2</Value></Attribute></GetResult></GetResponse>"
    );
    assert_eq!(
        aws_query_xml::from_slice::<Attributes>(&body)
            .unwrap()
            .into_result(),
        v
    );
}

#[test]
fn none_in_a_list_or_a_map_is_refused_and_nested_lists_stay_apart() {
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Nested {
        grid: Vec<Vec<String>>,
    }
    #[derive(Serialize)]
    struct Holes {
        list: Vec<Option<u8>>,
    }
    let err = RenderOptions::new()
        .serialize(
            "A",
            None,
            &Holes {
                list: vec![Some(1), None],
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot serialize `list/member[1]`: `None` in a list or as a map's value has no Query form"
    );
    let mut map = HashMap::new();
    map.insert("k", None::<u8>);
    let err = RenderOptions::new()
        .serialize(
            "A",
            None,
            &[("m", map)].into_iter().collect::<HashMap<_, _>>(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot serialize `m/entry[0]/value`: `None` in a list or as a map's value has no Query form"
    );

    for v in [
        Nested {
            grid: vec![vec!["a".into(), "b".into()]],
        },
        Nested {
            grid: vec![vec!["a".into()], vec![], vec!["b".into(), "c".into()]],
        },
    ] {
        for arrays in [Arrays::Member, Arrays::Item, Arrays::Flattened] {
            let body = RenderOptions::new()
                .arrays(arrays)
                .serialize("A", None, &v)
                .unwrap();
            let back = aws_query_xml::from_slice::<Nested>(&body)
                .unwrap()
                .into_result();
            assert_eq!(back, v, "{arrays:?}: {}", String::from_utf8_lossy(&body));
        }
    }
}
