//! Typed results through serde, with the Query protocol's conventions.
#![allow(clippy::struct_field_names)] // fields are named as the XML elements

mod common;

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

/// The path of a list item or map entry names each element once, flattened
/// or wrapped: `Attribute[0]/Value`, `Map/entry[1]/value`, `List/member[1]`.
#[test]
fn paths_of_flattened_and_wrapped_lists_and_maps() {
    use std::collections::HashMap;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Wrapped {
        #[serde(rename = "Map")]
        map: HashMap<String, u64>,
        #[serde(rename = "List", default)]
        list: Vec<u64>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Flat {
        #[serde(rename = "Message")]
        message: Vec<FlatMsg>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct FlatMsg {
        #[serde(rename = "Attribute")]
        attribute: HashMap<String, u64>,
    }
    let err = from_slice::<Flat>(RECEIVE).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot deserialize `ReceiveMessageResult/Message[0]/Attribute[0]/Value`: expected a non-negative integer at byte 193"
    );

    let body = b"<XResponse><XResult><Map><entry><key>a</key><value>1</value></entry>\
<entry><key>b</key><value>x</value></entry></Map></XResult></XResponse>";
    let err = from_slice::<Wrapped>(body).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot deserialize `XResult/Map/entry[1]/value`: expected a non-negative integer at byte 87"
    );
    let body = b"<XResponse><XResult><Map/><List><member>1</member><member>x</member></List>\
</XResult></XResponse>";
    let err = from_slice::<Wrapped>(body).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot deserialize `XResult/List/member[1]`: expected a non-negative integer at byte 50"
    );
    let body =
        b"<XResponse><XResult><Map><Name>a</Name><Value>x</Value></Map></XResult></XResponse>";
    let err = from_slice::<Wrapped>(body).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot deserialize `XResult/Map[0]/Value`: expected a non-negative integer at byte 39"
    );
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

#[derive(Debug, Deserialize, PartialEq)]
struct ComplexError {
    #[serde(rename = "TopLevel")]
    top_level: String,
    #[serde(rename = "Nested")]
    nested: Nested,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Nested {
    #[serde(rename = "Foo")]
    foo: String,
}

const COMPLEX_ERROR: &[u8] = b"<Response><Errors><Error><Code>ComplexError</Code><Message>Hi</Message>\
<TopLevel>Top level</TopLevel><Nested>\n  <Foo>bar</Foo>\n</Nested></Error></Errors><RequestID>foo-id</RequestID></Response>";

#[test]
fn error_members_through_detail_as_on_every_path() {
    let want = ComplexError {
        top_level: "Top level".into(),
        nested: Nested { foo: "bar".into() },
    };
    let whole = aws_query_xml::parse(COMPLEX_ERROR).unwrap();
    assert_eq!(
        whole
            .service_error()
            .unwrap()
            .detail_as::<ComplexError>()
            .unwrap(),
        want
    );
    let owned = whole.into_owned();
    assert_eq!(
        owned
            .service_error()
            .unwrap()
            .detail_as::<ComplexError>()
            .unwrap(),
        want
    );
    let bytes = bytes::Bytes::from_static(COMPLEX_ERROR);
    let shared = aws_query_xml::parse_bytes(&bytes).unwrap();
    assert_eq!(
        shared
            .service_error()
            .unwrap()
            .detail_as::<ComplexError>()
            .unwrap(),
        want
    );
    for n in [1, 5, 64] {
        let mut parser = aws_query_xml::StreamParser::new();
        for chunk in COMPLEX_ERROR.chunks(n) {
            parser.feed_slice(chunk).unwrap();
        }
        let streamed = parser.finish().unwrap();
        assert_eq!(
            streamed
                .service_error()
                .unwrap()
                .detail_as::<ComplexError>()
                .unwrap(),
            want,
            "chunks of {n}"
        );
    }
    let err = from_slice::<Lists>(COMPLEX_ERROR).unwrap_err();
    assert_eq!(
        err.service_error()
            .unwrap()
            .detail_as::<ComplexError>()
            .unwrap(),
        want
    );
    let skipped = aws_query_xml::Options::new()
        .skip_result(true)
        .parse(COMPLEX_ERROR)
        .unwrap();
    let err = skipped
        .service_error()
        .unwrap()
        .detail_as::<ComplexError>()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NotKept));
}

/// `detail_as` reads with the options the body was parsed with: their
/// limits too, not only the whitespace policy.
#[test]
fn detail_as_keeps_the_callers_limits() {
    use aws_query_xml::{Limit, Limits, Options};

    let options = Options::new().limits(Limits::new().max_nodes(1));
    let response = options.parse(COMPLEX_ERROR).unwrap();
    let err = response
        .service_error()
        .unwrap()
        .detail_as::<ComplexError>()
        .unwrap_err();
    assert_eq!(err.limit(), Some(Limit::Nodes), "{err}");
    let mut parser = options.stream();
    parser.feed_slice(COMPLEX_ERROR).unwrap();
    let streamed = parser.finish().unwrap();
    let again = streamed
        .service_error()
        .unwrap()
        .detail_as::<ComplexError>()
        .unwrap_err();
    assert_eq!(again.to_string(), err.to_string());
    let roomy = Options::new().limits(Limits::new().max_nodes(5)); // Code, Message, TopLevel, Nested, Foo
    let detail = roomy.parse(COMPLEX_ERROR).unwrap();
    assert!(
        detail
            .service_error()
            .unwrap()
            .detail_as::<ComplexError>()
            .is_ok()
    );
}

#[test]
fn typed_results_agree_on_every_input_path() {
    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Owned {
        message: Vec<OwnedMessage>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct OwnedMessage {
        message_id: String,
        body: String,
        #[serde(default)]
        attribute: HashMap<String, String>,
    }
    let whole = from_slice::<Owned>(RECEIVE).unwrap();
    let options = aws_query_xml::Options::new();
    let bytes = bytes::Bytes::from_static(RECEIVE);
    assert_eq!(options.from_bytes::<Owned>(&bytes).unwrap(), whole);
    assert_eq!(
        options
            .from_reader::<Owned, _>(common::Trickle::new(RECEIVE, 3))
            .unwrap(),
        whole
    );
    let mut parser = options.stream();
    for chunk in RECEIVE.chunks(2) {
        parser.feed_slice(chunk).unwrap();
    }
    assert_eq!(parser.finish_as::<Owned>().unwrap(), whole);
    let text = std::str::from_utf8(RECEIVE).unwrap();
    assert_eq!(aws_query_xml::from_str::<Owned>(text).unwrap(), whole);
    assert_eq!(
        aws_query_xml::from_reader::<Owned, _>(common::Trickle::new(RECEIVE, 7)).unwrap(),
        whole
    );
    #[cfg(feature = "tokio")]
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let reader = common::Trickle::new(RECEIVE, 5);
        let got = runtime.block_on(options.from_async::<Owned, _>(reader));
        assert_eq!(got.unwrap(), whole);
    }
}

#[cfg(feature = "time")]
#[test]
fn timestamps_in_the_three_aws_forms() {
    #[derive(Deserialize)]
    struct T {
        #[serde(with = "aws_query_xml::helpers::timestamp")]
        iso: time::OffsetDateTime,
        #[serde(with = "aws_query_xml::helpers::timestamp")]
        offset: time::OffsetDateTime,
        #[serde(with = "aws_query_xml::helpers::timestamp")]
        http: time::OffsetDateTime,
        #[serde(with = "aws_query_xml::helpers::timestamp")]
        epoch: time::OffsetDateTime,
        #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
        fraction: Option<time::OffsetDateTime>,
        #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
        absent: Option<time::OffsetDateTime>,
    }
    let body = b"<TResponse><TResult><iso>2014-04-29T18:30:38Z</iso><offset>2019-12-16T22:48:18-01:00</offset>\
<http>Tue, 29 Apr 2014 18:30:38 GMT</http><epoch> 1398796238 </epoch><fraction>2000-01-02T20:34:56.123Z</fraction>\
</TResult></TResponse>";
    let t = from_slice::<T>(body).unwrap().into_result();
    assert_eq!(t.iso.unix_timestamp(), 1_398_796_238);
    assert_eq!(t.offset.unix_timestamp(), 1_576_540_098);
    assert_eq!(t.http.unix_timestamp(), 1_398_796_238);
    assert_eq!(t.epoch.unix_timestamp(), 1_398_796_238);
    assert_eq!(
        t.fraction.unwrap().unix_timestamp_nanos(),
        946_845_296_123_000_000
    );
    assert!(t.absent.is_none());
}

#[cfg(feature = "base64")]
#[test]
fn base64_blobs() {
    #[derive(Deserialize)]
    struct B {
        #[serde(with = "aws_query_xml::helpers::base64")]
        data: Vec<u8>,
        #[serde(with = "aws_query_xml::helpers::base64")]
        empty: Vec<u8>,
    }
    let body = b"<BResponse><BResult><data>dmFs\n dWU=</data><empty/></BResult></BResponse>";
    let b = from_slice::<B>(body).unwrap().into_result();
    assert_eq!(b.data, b"value");
    assert!(b.empty.is_empty());
}

#[test]
fn scalars_refuse_elements_and_repeats_instead_of_guessing() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct E {
        s: String,
    }
    let err =
        from_slice::<E>(b"<XResponse><XResult><s><x>1</x></s></XResult></XResponse>").unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot deserialize `XResult/s`: expected text, found an element with children at byte 20"
    );
    let err =
        from_slice::<E>(b"<XResponse><XResult><s>1</s><s>2</s></XResult></XResponse>").unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot deserialize `XResult/s`: expected one element, found 2 at byte 20"
    );
}

#[test]
fn ec2_item_lists_of_key_value_read_as_maps() {
    #[derive(Debug, Deserialize)]
    struct F {
        #[serde(rename = "tagSet")]
        tags: std::collections::BTreeMap<String, String>,
    }
    let body =
        b"<DResponse><requestId>r</requestId><tagSet><item><key>k</key><value>v</value></item>\
<item><key>k2</key><value>v2</value></item></tagSet></DResponse>";
    let got = from_slice::<F>(body).unwrap().into_result();
    assert_eq!(got.tags.len(), 2);
    assert_eq!(got.tags["k2"], "v2");
}

/// `from_slice` (and `from_bytes`) build the result's tree during the
/// envelope pass; the stream paths gather it in a second pass. Every
/// fixture, into an untyped target, under small `max_nodes` limits and with
/// `skip_result`, must come out the same from both: the same value, or the
/// same error.
#[test]
fn the_one_pass_typed_result_agrees_with_the_second_pass_on_every_fixture() {
    use aws_query_xml::{Limits, Options};
    let mut compared = 0;
    for (path, body) in common::fixture_bodies() {
        for (max_nodes, skip) in [
            (None, false),
            (None, true),
            (Some(0), false),
            (Some(1), false),
            (Some(2), false),
            (Some(5), false),
        ] {
            let limits = max_nodes.map_or_else(Limits::new, |n| Limits::new().max_nodes(n));
            let options = Options::new().limits(limits).skip_result(skip);
            let shown =
                |r: Result<aws_query_xml::Success<serde_json::Value>, aws_query_xml::Error>| {
                    r.map(|s| (s.result().clone(), s.request_id().map(str::to_owned)))
                        .map_err(|e| (e.to_string(), e.offset()))
                };
            let one_pass = shown(options.from_slice::<serde_json::Value>(&body));
            let reader = std::io::BufReader::with_capacity(64, body.as_slice());
            let second_pass = shown(options.from_reader::<serde_json::Value, _>(reader));
            assert_eq!(
                one_pass,
                second_pass,
                "{} with max_nodes {max_nodes:?}",
                path.display()
            );
            compared += 1;
        }
    }
    assert!(compared > 500, "only {compared} comparisons");
}

/// Every deserialization error is at the element it names, the same on every
/// typed path: the whole slice, the stream, the reader.
#[test]
fn deserialize_errors_are_at_their_element() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Quota {
        #[serde(rename = "Max")]
        max: u32,
        #[serde(rename = "Sent")]
        sent: String,
    }
    // (body, the element's path, where its content starts)
    let cases: [(&[u8], &str, u64); 5] = [
        // a scalar that does not parse: at its element
        (
            b"<GResponse><GResult><Max>x</Max><Sent>1</Sent></GResult></GResponse>",
            "GResult/Max",
            20,
        ),
        // a field missing: at the content of the element that lacks it
        (
            b"<GResponse><GResult><Max>1</Max></GResult></GResponse>",
            "GResult",
            20,
        ),
        (
            b"<GResponse><GResult>\n  <Max>1</Max>\n</GResult></GResponse>",
            "GResult",
            20,
        ),
        // the root's content is the result: at the root's content
        (b"<GResponse><Max>1</Max></GResponse>", "GResponse", 11),
        // deeper: at the repeated element
        (
            b"<GResponse><GResult><Max>1</Max><Max>2</Max><Sent/></GResult></GResponse>",
            "GResult/Max",
            20,
        ),
    ];
    for (body, path, at) in cases {
        let whole = from_slice::<Quota>(body).unwrap_err();
        let mut stream = aws_query_xml::StreamParser::new();
        for chunk in body.chunks(7) {
            stream.feed(bytes::Bytes::copy_from_slice(chunk)).unwrap();
        }
        let streamed = stream.finish_as::<Quota>().unwrap_err();
        let read = aws_query_xml::from_reader::<Quota, _>(body).unwrap_err();
        for err in [whole, streamed, read] {
            let ErrorKind::Deserialize { path: got, .. } = err.kind() else {
                panic!("{err}")
            };
            assert_eq!(got, path, "{err}");
            assert_eq!(err.offset(), Some(at), "{err}");
        }
    }
}
