//! Typed results through serde, with the Query protocol's conventions.
#![allow(clippy::struct_field_names)] // fields are named as the XML elements

use std::borrow::Cow;
use std::collections::HashMap;

use aws_query_xml::{ErrorCode, ErrorKind, from_slice};
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct ReceiveMessageResult<'a> {
    #[serde(default, borrow)]
    message: Vec<Message<'a>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Message<'a> {
    #[serde(borrow)]
    message_id: Cow<'a, str>,
    receipt_handle: String,
    #[serde(rename = "MD5OfBody")]
    md5_of_body: String,
    body: String,
    #[serde(default)]
    attribute: HashMap<String, String>,
}

const RECEIVE: &[u8] = b"<ReceiveMessageResponse><ReceiveMessageResult>\
<Message><MessageId>m-1</MessageId><ReceiptHandle>h\n1</ReceiptHandle><MD5OfBody>x</MD5OfBody>\
<Body>a &amp; b</Body>\
<Attribute><Name>SenderId</Name><Value>AIDA</Value></Attribute>\
<Attribute><Name>SentTimestamp</Name><Value>1795310999981</Value></Attribute></Message>\
<Message><MessageId>m-2</MessageId><ReceiptHandle>h2</ReceiptHandle><MD5OfBody>y</MD5OfBody>\
<Body>\n  padded\n</Body></Message>\
</ReceiveMessageResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>\
</ReceiveMessageResponse>";

#[test]
fn sqs_receive_message_with_flattened_lists_and_maps() {
    let got = from_slice::<ReceiveMessageResult>(RECEIVE).unwrap();
    assert_eq!(got.request_id(), Some("r-1"));
    assert_eq!(got.action(), Some("ReceiveMessage"));
    let messages = &got.result().message;
    assert_eq!(messages.len(), 2);
    assert!(matches!(messages[0].message_id, Cow::Borrowed("m-1")));
    assert_eq!(messages[0].receipt_handle, "h\n1");
    assert_eq!(messages[0].body, "a & b");
    assert_eq!(messages[0].attribute["SentTimestamp"], "1795310999981");
    assert_eq!(messages[0].attribute.len(), 2);
    assert_eq!(messages[1].body, "padded");
    assert!(messages[1].attribute.is_empty());
}

#[test]
fn error_envelopes_give_the_service_error() {
    let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code></Error>\
<RequestId>r-2</RequestId></ErrorResponse>";
    let err = from_slice::<ReceiveMessageResult>(body).unwrap_err();
    let service = err.service_error().unwrap();
    assert_eq!(service.code(), &ErrorCode::Throttling);
    assert_eq!(service.request_id(), Some("r-2"));
    assert_eq!(err.offset(), None);
    assert_eq!(
        err.to_string(),
        "service error `Throttling` (request id `r-2`)"
    );
}

#[test]
fn mismatches_name_the_path_and_offset_never_the_text() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Result {
        #[serde(rename = "Message")]
        message: Vec<Msg>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Msg {
        #[serde(rename = "Attribute")]
        attribute: Vec<Attr>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Attr {
        #[serde(rename = "Value")]
        value: u32,
    }
    let err = from_slice::<Result>(RECEIVE).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot deserialize `ReceiveMessageResult/Message[0]/Attribute[0]/Value`: expected a non-negative integer at byte 193"
    );
    assert!(matches!(err.kind(), ErrorKind::Deserialize { .. }));
    assert_eq!(&RECEIVE[193..200], b"<Value>");
}

#[derive(Debug, Deserialize, PartialEq)]
struct Lists {
    #[serde(rename = "stringList")]
    string_list: Vec<String>,
    #[serde(rename = "integerList")]
    integer_list: Vec<i32>,
    #[serde(rename = "nestedStringList")]
    nested: Vec<Vec<String>>,
    #[serde(rename = "renamed")]
    renamed: Vec<String>,
    #[serde(rename = "flattenedList")]
    flattened: Vec<String>,
    #[serde(rename = "empty", default)]
    empty: Vec<String>,
    #[serde(rename = "one")]
    one: Vec<String>,
}

#[test]
fn wrapped_flattened_nested_and_empty_lists() {
    let body = b"<XmlListsResponse><stringList><member>foo</member><member>bar</member></stringList>\
<integerList><member> 1 </member><member>2</member></integerList>\
<nestedStringList><member><member>foo</member></member><member><member>baz</member><member>qux</member></member></nestedStringList>\
<renamed><item>foo</item></renamed><flattenedList>hi</flattenedList><flattenedList>bye</flattenedList>\
<empty/><one>just</one><requestId>rid</requestId></XmlListsResponse>";
    let got = from_slice::<Lists>(body).unwrap();
    assert_eq!(got.request_id(), Some("rid"));
    assert_eq!(
        got.into_result(),
        Lists {
            string_list: vec!["foo".into(), "bar".into()],
            integer_list: vec![1, 2],
            nested: vec![vec!["foo".into()], vec!["baz".into(), "qux".into()]],
            renamed: vec!["foo".into()],
            flattened: vec!["hi".into(), "bye".into()],
            empty: vec![],
            one: vec!["just".into()],
        }
    );
}

#[test]
fn scalars_trim_and_floats_take_infinity() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct S {
        b: bool,
        f: f64,
        g: f32,
        n: f64,
        i: i64,
        e: Color,
        s: String,
        o: Option<String>,
        missing: Option<u8>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    enum Color {
        Red,
    }
    let body =
        b"<SResponse><SResult><b>\n true\n</b><f>-Infinity</f><g>1.5</g><n>NaN</n><i> -7 </i>\
<e> Red </e><s> kept </s><o>x</o></SResult></SResponse>";
    let got = from_slice::<S>(body).unwrap().into_result();
    assert!(got.b);
    assert!(got.f.is_infinite() && got.f.is_sign_negative());
    assert!(got.n.is_nan());
    assert!((got.g - 1.5).abs() < f32::EPSILON);
    assert_eq!((got.i, got.e), (-7, Color::Red));
    assert_eq!(got.s, " kept ");
    assert_eq!(got.o.as_deref(), Some("x"));
    assert_eq!(got.missing, None);
}
