//! Behaviour of the public API beyond the fixtures: zero-copy, detaching,
//! typed errors and their offsets, auto traits.

use std::borrow::Cow;

use aws_query_xml::{
    Category, Envelope, Error, ErrorClass, ErrorCode, ErrorKind, Options, Outcome, Response,
    ServiceError, Value, Whitespace, parse,
};

const SES_ERROR: &[u8] = b"<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\
<Error><Type>Sender</Type><Code>MessageRejected</Code>\
<Message>Email address is not verified.</Message></Error>\
<RequestId>42d59b56-7407-4c4a-be0f-4c88daeea257</RequestId></ErrorResponse>";

const SQS_RECEIVE: &[u8] = b"<ReceiveMessageResponse><ReceiveMessageResult>\
<Message><MessageId>m-1</MessageId><Body>a &amp; b</Body>\
<Attribute><Name>SenderId</Name><Value>AIDA</Value></Attribute>\
<Attribute><Name>SentTimestamp</Name><Value>1795310999981</Value></Attribute></Message>\
</ReceiveMessageResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>\
</ReceiveMessageResponse>";

/// True when `s` lies inside `body`: borrowed, not copied.
fn borrowed_from(s: &str, body: &[u8]) -> bool {
    let range = body.as_ptr_range();
    range.contains(&s.as_ptr()) && s.len() <= body.len()
}

#[test]
fn values_that_need_no_decoding_are_borrowed() {
    let response = parse(SES_ERROR).unwrap();
    let error = response.service_error().unwrap();
    assert!(borrowed_from(error.message().unwrap(), SES_ERROR));
    assert!(borrowed_from(error.error_type().unwrap(), SES_ERROR));
    assert!(borrowed_from(response.request_id().unwrap(), SES_ERROR));
    assert!(borrowed_from(response.action().unwrap_or("x"), b"x") || response.action().is_none());

    let response = parse(SQS_RECEIVE).unwrap();
    assert!(borrowed_from(response.action().unwrap(), SQS_RECEIVE));
    let result = response.result().unwrap().unwrap();
    let message = result.get("Message").unwrap();
    let id = message.get("MessageId").and_then(Value::as_str).unwrap();
    assert!(borrowed_from(id, SQS_RECEIVE));
    // `&amp;` must be decoded: that value is copied once.
    let body = message.get("Body").and_then(Value::as_str).unwrap();
    assert_eq!(body, "a & b");
    assert!(!borrowed_from(body, SQS_RECEIVE));
}

#[test]
fn padded_values_are_trimmed_without_copying() {
    let body = b"<ErrorResponse><Error><Code>\n  Throttling\n</Code></Error></ErrorResponse>";
    let response = parse(body).unwrap();
    let code = response.service_error().unwrap().code();
    assert_eq!(code, &ErrorCode::Throttling);
    let body = b"<GetResponse><GetResult><Url>\n  http://x\n</Url></GetResult></GetResponse>";
    let response = parse(body).unwrap();
    let result = response.result().unwrap().unwrap();
    let url = result.get("Url").and_then(Value::as_str).unwrap();
    assert_eq!(url, "http://x");
    assert!(borrowed_from(url, body));
}

#[test]
fn into_owned_outlives_the_body() {
    let owned: Response<'static> = {
        let body = SQS_RECEIVE.to_vec();
        parse(&body).unwrap().into_owned()
    };
    assert_eq!(owned.request_id(), Some("r-1"));
    assert_eq!(owned.action(), Some("ReceiveMessage"));
    let result = owned.result().unwrap().unwrap();
    let attrs = result
        .get("Message")
        .and_then(|m| m.get("Attribute"))
        .unwrap();
    assert_eq!(attrs.as_array().map(<[Value]>::len), Some(2));

    let error: ServiceError<'static> = {
        let body = SES_ERROR.to_vec();
        parse(&body)
            .unwrap()
            .into_service_error()
            .unwrap()
            .into_owned()
    };
    assert_eq!(error.code(), &ErrorCode::MessageRejected);
    assert_eq!(error.errors().len(), 1);
}

#[test]
fn owned_result_keeps_offsets_of_the_body() {
    // A result over a limit reports the offset in the whole body, also once owned.
    let body = b"<AResponse><AResult><a/><b/><c/></AResult></AResponse>";
    let options = Options::new().limits(aws_query_xml::Limits::new().max_nodes(2));
    let response = options.parse(body).unwrap();
    let borrowed = response.result().unwrap_err();
    let owned = response.clone().into_owned().result().unwrap_err();
    assert_eq!(borrowed.offset(), Some(28));
    assert_eq!(owned.offset(), borrowed.offset());
    assert_eq!(owned.to_string(), "over limit `max_nodes` = 2 at byte 28");
}

#[test]
fn outcome_envelope_and_codes() {
    let response = parse(SES_ERROR).unwrap();
    assert_eq!(response.outcome(), Outcome::Error);
    assert!(!response.is_success());
    assert_eq!(response.envelope(), Envelope::ErrorResponse);
    assert_eq!(response.envelope().as_str(), "error_response");
    assert!(!response.is_soap());
    assert_eq!(response.action(), None);
    assert_eq!(response.result().unwrap(), None);
    let error = response.service_error().unwrap();
    assert_eq!(error.code().http_status(), Some(400));
    assert_eq!(error.code().class(), ErrorClass::Client);
    assert_eq!(error.request_id(), response.request_id());
    assert_eq!(
        error.to_string(),
        "service error `MessageRejected` (request id `42d59b56-7407-4c4a-be0f-4c88daeea257`)"
    );
}

#[test]
fn errors_tell_truncated_from_malformed_from_envelope() {
    let cases: &[(&[u8], Category, u64)] = &[
        (b"", Category::Empty, 0),
        (b"<ErrorResponse><Error>", Category::Truncated, 22),
        (b"<a></b>", Category::Malformed, 3),
        (
            b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
            Category::Malformed,
            0,
        ),
        (b"<html><body>503</body></html>", Category::Envelope, 0),
        (b"{\"message\": \"no\"}", Category::Envelope, 0),
    ];
    for &(body, category, offset) in cases {
        let err = parse(body).unwrap_err();
        assert_eq!(err.category(), category, "{err}");
        assert_eq!(err.offset(), Some(offset), "{err}");
        assert_eq!(err.is_truncated(), category == Category::Truncated);
        assert_eq!(err.is_malformed(), category == Category::Malformed);
    }
}

#[test]
fn error_messages_never_quote_the_body() {
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    let bodies = [
        format!("<AssumeRoleResponse><SecretAccessKey>{secret}</AssumeRoleResponse>"),
        format!("<AssumeRoleResponse><AssumeRoleResult><SecretAccessKey>{secret}&bogus;"),
        format!("{secret}<a/>"),
        format!("<a/>{secret}"),
        format!("<Foo><Bar>{secret}</Bar></Foo>"),
        format!("<AssumeRoleResponse><SecretAccessKey>{secret}\u{0}&#0;</SecretAccessKey>"),
    ];
    for body in &bodies {
        let err = parse(body.as_bytes()).unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("wJalrXUtnFEMI"), "{text}");
    }
}

#[test]
fn element_names_in_errors_are_cut_short() {
    let long = "A".repeat(10_000);
    let err = parse(format!("<{long}/>").as_bytes()).unwrap_err();
    let ErrorKind::UnrecognizedEnvelope(name) = err.kind() else {
        panic!("{err}")
    };
    assert_eq!(name.len(), 64 + "...".len());
    assert!(name.ends_with("..."));
}

#[test]
fn error_kinds_are_matchable() {
    let err = parse(b"<Foo/>").unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::UnrecognizedEnvelope("Foo".to_owned())
    );
    let err = parse(b"<a>&nbsp;</a>").unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::UnknownEntity);
    assert_eq!(err.offset(), Some(3));
}

#[test]
fn whitespace_policies() {
    let body = b"<GetResponse><GetResult><Key> a </Key><Url>\n x\n</Url><Ref>&#32;y\n</Ref>\
</GetResult></GetResponse>";
    let get = |ws: Whitespace, key: &str| {
        let response = Options::new().whitespace(ws).parse(body).unwrap();
        let result = response.result().unwrap().unwrap();
        result.get(key).and_then(Value::as_str).map(str::to_owned)
    };
    assert_eq!(get(Whitespace::Auto, "Key").as_deref(), Some(" a "));
    assert_eq!(get(Whitespace::Auto, "Url").as_deref(), Some("x"));
    assert_eq!(get(Whitespace::Auto, "Ref").as_deref(), Some(" y"));
    assert_eq!(get(Whitespace::Keep, "Url").as_deref(), Some("\n x\n"));
    assert_eq!(get(Whitespace::Trim, "Key").as_deref(), Some("a"));
    assert_eq!(get(Whitespace::Trim, "Ref").as_deref(), Some("y"));
    assert_eq!("keep".parse::<Whitespace>(), Ok(Whitespace::Keep));
    assert!("none".parse::<Whitespace>().is_err());
}

#[test]
fn result_is_a_cow_tree() {
    let response = parse(SQS_RECEIVE).unwrap();
    let Some(Value::Object(map)) = response.result().unwrap() else {
        panic!("the result is an object")
    };
    let keys: Vec<&str> = map.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["Message"]);
    let Some(Value::Object(message)) = map.get("Message") else {
        panic!("Message is an object")
    };
    assert!(matches!(
        message.get("MessageId"),
        Some(Value::String(Cow::Borrowed("m-1")))
    ));
}

#[test]
fn auto_traits() {
    fn send_sync<T: Send + Sync>() {}
    fn static_error<T: std::error::Error + Send + Sync + 'static>() {}
    send_sync::<Response<'static>>();
    send_sync::<ServiceError<'static>>();
    send_sync::<Value<'static>>();
    send_sync::<Options>();
    static_error::<Error>();
    static_error::<ServiceError<'static>>();
}

#[test]
fn error_is_one_pointer() {
    // boxed: a `Result` the parser passes around stays one word
    assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    assert_eq!(
        std::mem::size_of::<Result<(), Error>>(),
        std::mem::size_of::<usize>()
    );
}

#[test]
fn error_kinds_carry_typed_causes() {
    use aws_query_xml::{EnvelopeFault, ErrorKind, Markup, SyntaxFault};
    let cases: [(&[u8], ErrorKind); 8] = [
        (
            b"<AResponse><!-- x",
            ErrorKind::EofInMarkup(Markup::Comment),
        ),
        (
            b"<AResponse><![CDATA[x",
            ErrorKind::EofInMarkup(Markup::Cdata),
        ),
        (b"<AResponse><b", ErrorKind::EofInMarkup(Markup::Tag)),
        (b"<AResponse>&am", ErrorKind::EofInMarkup(Markup::Reference)),
        (b"<AResponse>\xc3", ErrorKind::EofInMarkup(Markup::Utf8Char)),
        (
            b"<AResponse>a ]]> b</AResponse>",
            ErrorKind::Syntax(SyntaxFault::CdataEndInText),
        ),
        (
            b"<AResponse></ b></AResponse>",
            ErrorKind::Syntax(SyntaxFault::TagWithoutName),
        ),
        (
            b"<ErrorResponse><RequestId>r</RequestId></ErrorResponse>",
            ErrorKind::MalformedEnvelope(EnvelopeFault::NoError),
        ),
    ];
    for (body, kind) in cases {
        let err = aws_query_xml::parse(body).unwrap_err();
        assert_eq!(err.kind(), &kind, "{}", String::from_utf8_lossy(body));
    }
}
