//! Response parts in, outcome out: the status, the headers and the body
//! judged together, through every input path.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use aws_query_xml::{
    Envelope, ErrorClass, Fault, HttpParts, Options, Outcome, RetryAfter, RetrySchedule,
    StreamParser,
};
use bytes::Bytes;
use serde_json::Value;

/// The JSON of `body` under `parts` (or the error's text), through every
/// input path; panics when two paths disagree.
fn judge(parts: &HttpParts, body: &[u8]) -> Result<Value, String> {
    let options = Options::new();
    let json = |r: Result<aws_query_xml::HttpResponse<'_>, aws_query_xml::Error>| {
        r.map(|r| serde_json::to_value(&r).unwrap())
            .map_err(|e| e.to_string())
    };
    let slice = json(options.parse_http(parts, body));
    let mut answers = vec![
        (
            "bytes",
            json(options.parse_http_bytes(parts, &Bytes::copy_from_slice(body))),
        ),
        (
            "reader",
            json(options.parse_http_reader(parts, common::Trickle::new(body, 5))),
        ),
        ("reader 8192", json(options.parse_http_reader(parts, body))),
    ];
    for size in [1, 7, 64] {
        let mut parser = StreamParser::new();
        for chunk in body.chunks(size) {
            // fed on after a failure: the snippet's bytes
            let _ = parser.feed(Bytes::copy_from_slice(chunk));
        }
        answers.push(("chunks", json(parser.finish_http(parts))));
    }
    #[cfg(feature = "tokio")]
    {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let answer = json(rt.block_on(options.parse_http_async(parts, body)));
        answers.push(("async", answer));
    }
    #[cfg(feature = "http")]
    {
        let mut builder = http::Response::builder().status(parts.status());
        for name in [
            "x-amzn-RequestId",
            "x-amz-request-id",
            "x-amzn-query-error",
            "Retry-After",
        ] {
            if let Some(v) = parts.get(name) {
                builder = builder.header(name, v);
            }
        }
        if let Ok(http_response) = builder.body(body.to_vec()) {
            answers.push(("http", json(options.parse_http_response(&http_response))));
        }
    }
    for (path, answer) in answers {
        assert_eq!(answer, slice, "path {path} disagrees");
    }
    slice
}

fn error_of(v: &Value) -> &Value {
    &v["errors"][0]
}

#[test]
fn every_status_class() {
    let page = b"<html><body>Bad Gateway</body></html>";
    for (status, code, retryable) in [
        (400, "400", false),
        (403, "403", false),
        (404, "404", false),
        (429, "TooManyRequestsException", true),
        (500, "InternalFailure", true),
        (502, "502", true),
        (503, "ServiceUnavailable", true),
        (504, "504", true),
    ] {
        for body in [
            &b""[..],
            page,
            b"Service Unavailable\n",
            b"{\"message\": \"x\"}",
        ] {
            let v = judge(&HttpParts::new(status), body).unwrap();
            assert_eq!(v["outcome"], "error", "{status}");
            assert_eq!(v["envelope"], "none");
            assert_eq!(v["http_status"], status);
            assert_eq!(error_of(&v)["code"], code);
            assert_eq!(error_of(&v)["retryable"], retryable, "{status}");
            assert_eq!(error_of(&v)["detail"], Value::Null);
            assert_eq!(v["result"], Value::Null);
            if body.is_empty() {
                assert_eq!(v["body_snippet"], Value::Null);
            } else {
                assert_eq!(
                    v["body_snippet"],
                    String::from_utf8_lossy(body).replace('\n', "\\n")
                );
            }
        }
    }
    // 2xx: an empty body is a success with no result; any other non-XML body an error
    let v = judge(&HttpParts::new(200), b"").unwrap();
    assert_eq!(v["outcome"], "success");
    assert_eq!(v["envelope"], "none");
    assert_eq!(v["result"], Value::Null);
    assert_eq!(v["retry_after_s"], Value::Null);
    assert_eq!(v["body_snippet"], Value::Null);
    assert!(judge(&HttpParts::new(200), page).is_err());
    assert!(judge(&HttpParts::new(204), b"plain").is_err());
    assert!(judge(&HttpParts::new(301), b"").is_err());
}

#[test]
fn classes_and_faults_follow_the_status() {
    let options = Options::new();
    for (status, class, fault) in [
        (404, ErrorClass::Client, Fault::Sender),
        (429, ErrorClass::Throttling, Fault::Sender),
        (502, ErrorClass::Transient, Fault::Receiver),
    ] {
        let r = options.parse_http(&HttpParts::new(status), b"").unwrap();
        let e = r.service_error().unwrap();
        assert_eq!(e.class(), class);
        assert_eq!(e.fault(), Some(fault));
        assert_eq!(r.envelope(), Envelope::None);
        assert_eq!(r.status(), status);
    }
}

#[test]
fn envelopes_and_status() {
    // an error envelope is an error whatever the status
    let soap = b"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\
        <soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode>\
        <faultstring>busy</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    let v = judge(&HttpParts::new(200), soap).unwrap();
    assert_eq!(v["outcome"], "error");
    assert_eq!(v["envelope"], "soap_fault");
    // a success envelope under an error status: the status's error, the envelope kept
    let ok = b"<SendEmailResponse><SendEmailResult><MessageId>m</MessageId></SendEmailResult>\
        <ResponseMetadata><RequestId>r-body</RequestId></ResponseMetadata></SendEmailResponse>";
    let v = judge(&HttpParts::new(503), ok).unwrap();
    assert_eq!(v["outcome"], "error");
    assert_eq!(v["envelope"], "action_response");
    assert_eq!(v["action"], "SendEmail");
    assert_eq!(v["request_id"], "r-body");
    assert_eq!(error_of(&v)["code"], "ServiceUnavailable");
    assert_eq!(v["result"], Value::Null);
    assert_eq!(v["body_snippet"], Value::Null);
    let v = judge(&HttpParts::new(200), ok).unwrap();
    assert_eq!(v["outcome"], "success");
    assert_eq!(v["result"]["MessageId"], "m");
    // ... whose root holds an `<Error>` with a `<Code>`: that error
    let nested = b"<SomeResponse><Error><Type>Sender</Type><Code>InvalidArgument</Code>\
        <Message>bad</Message></Error><RequestId>r-2</RequestId></SomeResponse>";
    let v = judge(&HttpParts::new(400), nested).unwrap();
    assert_eq!(error_of(&v)["code"], "InvalidArgument");
    assert_eq!(error_of(&v)["type"], "Sender");
    assert_eq!(error_of(&v)["message"], "bad");
    assert_eq!(v["request_id"], "r-2");
    // the exception root on any status
    let exc = b"<ServiceUnavailableException><Message>down</Message></ServiceUnavailableException>";
    for status in [200, 503] {
        let v = judge(&HttpParts::new(status), exc).unwrap();
        assert_eq!(v["envelope"], "exception");
        assert_eq!(error_of(&v)["code"], "ServiceUnavailableException");
        assert_eq!(error_of(&v)["message"], "down");
        assert_eq!(error_of(&v)["retryable"], true);
    }
}

#[test]
fn truncated_or_malformed_xml_under_an_error_status() {
    let body = b"<ErrorResponse><Error><Code>Thrott";
    let v = judge(&HttpParts::new(503), body).unwrap();
    assert_eq!(v["envelope"], "none");
    assert_eq!(error_of(&v)["code"], "ServiceUnavailable");
    let detail = error_of(&v)["detail"].as_str().unwrap();
    assert!(detail.starts_with("truncated:"), "{detail}");
    assert!(!detail.contains("Thrott"));
    assert_eq!(v["body_snippet"], Value::Null);
    let v = judge(&HttpParts::new(500), b"<a><b></a>").unwrap();
    assert!(
        error_of(&v)["detail"]
            .as_str()
            .unwrap()
            .starts_with("malformed")
    );
    assert!(judge(&HttpParts::new(200), body).is_err());
}

#[test]
fn request_id_fallbacks_and_precedence() {
    let body = b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>";
    let with_id = b"<ErrorResponse><Error><Code>Throttling</Code></Error><RequestId>body</RequestId></ErrorResponse>";
    let both = HttpParts::new(400)
        .header("X-AMZ-REQUEST-ID", "second")
        .header("x-amzn-requestid", "  first  ");
    assert_eq!(judge(&both, body).unwrap()["request_id"], "first");
    assert_eq!(judge(&both, with_id).unwrap()["request_id"], "body");
    let only_second = HttpParts::new(400).header("x-amz-request-id", "second");
    assert_eq!(judge(&only_second, body).unwrap()["request_id"], "second");
    assert_eq!(judge(&only_second, b"").unwrap()["request_id"], "second");
    assert_eq!(
        judge(&HttpParts::new(400), body).unwrap()["request_id"],
        Value::Null
    );
    let r = Options::new().parse_http(&both, body).unwrap();
    assert_eq!(r.service_error().unwrap().request_id(), Some("first"));
}

#[test]
fn query_error_header() {
    let parts = HttpParts::new(400).header(
        "x-amzn-query-error",
        "AWS.SimpleQueueService.NonExistentQueue;Sender",
    );
    let json = br#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "x"}"#;
    let v = judge(&parts, json).unwrap();
    assert_eq!(v["envelope"], "none");
    assert_eq!(
        error_of(&v)["code"],
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    assert_eq!(error_of(&v)["type"], "Sender");
    assert_eq!(error_of(&v)["retryable"], false);
    // the body's error wins
    let body = b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>";
    assert_eq!(
        error_of(&judge(&parts, body).unwrap())["code"],
        "Throttling"
    );
    // without a type
    let parts = HttpParts::new(503).header("X-Amzn-Query-Error", "Unlisted");
    let v = judge(&parts, b"").unwrap();
    assert_eq!(error_of(&v)["code"], "Unlisted");
    assert_eq!(error_of(&v)["type"], Value::Null);
    assert_eq!(error_of(&v)["retryable"], true); // 503: the status's class
}

#[test]
fn snippet_is_bounded_and_escaped() {
    let mut body = b"\x01oops\r\n\x7f".to_vec();
    body.extend(std::iter::repeat_n(b'x', 1000));
    let r = Options::new()
        .parse_http(&HttpParts::new(500), &body)
        .unwrap();
    let snippet = r.body_snippet().unwrap();
    assert!(
        snippet.starts_with("\\u{1}oops\\r\\n\\u{7f}xx"),
        "{snippet}"
    );
    assert_eq!(snippet.matches('x').count(), 256 - 8);
    assert!(!r.service_error().unwrap().to_string().contains("oops"));
    // cut at a character boundary
    let mut body = vec![b'a'; 255];
    body.extend("é".as_bytes());
    let r = Options::new()
        .parse_http(&HttpParts::new(500), &body)
        .unwrap();
    assert_eq!(r.body_snippet().unwrap().len(), 255);
}

/// Reads a `.headers` file: `HTTP/1.1 400 BAD REQUEST`, then `Name: value` lines.
fn read_headers(text: &str) -> HttpParts {
    let mut lines = text.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let mut parts = HttpParts::new(status);
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            parts = parts.header(name, value);
        }
    }
    parts
}

#[test]
fn moto_bodies_with_their_headers() {
    let Some(dir) = common::corpus("moto", "the moto bodies with their headers") else {
        return;
    };
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "body") {
            continue;
        }
        let body = std::fs::read(&path).unwrap();
        let parts = read_headers(&std::fs::read_to_string(path.with_extension("headers")).unwrap());
        let v = judge(&parts, &body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let error = parts.status() >= 400;
        assert_eq!(
            v["outcome"],
            if error { "error" } else { "success" },
            "{}",
            path.display()
        );
        if parts.get("x-amzn-RequestId").is_some() {
            assert!(
                v["request_id"].is_string(),
                "{}: no request id",
                path.display()
            );
        }
        assert_eq!(v["http_status"], parts.status());
        if parts.status() == 500 {
            // moto's HTML 500 page, served as text/html
            assert_eq!(v["envelope"], "none");
            assert_eq!(error_of(&v)["code"], "InternalFailure");
            assert!(v["body_snippet"].is_string());
        }
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} moto bodies");
}

#[test]
fn realworld_bodies_under_every_status_class() {
    let Some(dir) = common::corpus("realworld", "the realworld bodies") else {
        return;
    };
    let mut seen = 0;
    for sub in std::fs::read_dir(&dir).unwrap() {
        let sub = sub.unwrap().path();
        if !sub.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&sub).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "xml") {
                continue;
            }
            let body = std::fs::read(&path).unwrap();
            let plain = aws_query_xml::parse(&body);
            let ok = judge(&HttpParts::new(200), &body);
            // under 2xx: the body's own reading
            match (&plain, &ok) {
                (Ok(p), Ok(v)) => {
                    assert_eq!(v["outcome"], serde_json::to_value(p.outcome()).unwrap());
                }
                (Err(_), Err(_)) => {}
                _ => panic!("{}: 200 changes the reading", path.display()),
            }
            // under an error status: always an error outcome
            for status in [400, 503] {
                let v = judge(&HttpParts::new(status), &body)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(v["outcome"], "error", "{}", path.display());
                assert!(v["errors"][0]["code"].is_string());
            }
            seen += 1;
        }
    }
    assert!(seen >= 60, "only {seen} realworld bodies");
    let _ = Outcome::Success;
}

#[test]
fn every_fixture_under_every_status_class_through_every_path() {
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures"
    ))];
    let mut seen = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "xml") {
                continue;
            }
            let body = std::fs::read(&path).unwrap();
            let plain = aws_query_xml::parse(&body).map_err(|e| e.to_string());
            for status in [200, 404, 429, 502] {
                let judged = judge(&HttpParts::new(status), &body);
                match (&plain, &judged, status) {
                    (Ok(p), Ok(v), 200) => {
                        assert_eq!(v["outcome"], serde_json::to_value(p.outcome()).unwrap());
                    }
                    (Err(p), Err(j), 200) => assert_eq!(p, j, "{}", path.display()),
                    // nothing but whitespace, a declaration or comments: empty
                    (Err(p), Ok(v), 200) if p.starts_with("empty:") => {
                        assert_eq!(v["outcome"], "success");
                        assert_eq!(v["envelope"], "none");
                    }
                    (_, Ok(v), _) if status >= 400 => {
                        assert_eq!(v["outcome"], "error", "{}", path.display());
                        assert!(v["errors"][0]["code"].is_string());
                    }
                    // only a limit (or a refused construct) survives an error status
                    (Err(p), Err(j), _) => {
                        assert_eq!(p, j, "{}", path.display());
                    }
                    _ => panic!(
                        "{} under {status}: {plain:?} became {judged:?}",
                        path.display()
                    ),
                }
            }
            seen += 1;
        }
    }
    assert!(seen > 100, "only {seen} fixtures");
}

#[test]
fn typed_reads_see_the_new_error_shapes() {
    #[derive(Debug, serde::Deserialize)]
    struct Anything {}
    for (body, code) in [
        (
            &b"<ServiceUnavailableException><Message>down</Message></ServiceUnavailableException>"
                [..],
            "ServiceUnavailableException",
        ),
        (
            b"<ErrorResponse><Code>InvalidGreeting</Code><Message>Hi</Message></ErrorResponse>",
            "InvalidGreeting",
        ),
    ] {
        let err = aws_query_xml::from_slice::<Anything>(body).unwrap_err();
        assert_eq!(err.service_error().unwrap().code().as_str(), code);
        let err = aws_query_xml::from_reader::<Anything, _>(body).unwrap_err();
        assert_eq!(err.service_error().unwrap().code().as_str(), code);
    }
}

#[test]
fn new_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<HttpParts>();
    send_sync::<aws_query_xml::HttpResponse<'static>>();
    send_sync::<aws_query_xml::RelayedError>();
    send_sync::<RetryAfter>();
    send::<RetrySchedule>();
}

/// A result with the root's `<Error>` elements as data.
#[derive(Debug, serde::Deserialize, PartialEq)]
struct WithErrors {
    #[serde(rename = "Error")]
    error: Vec<Value>,
    #[serde(rename = "Other")]
    other: String,
}

#[test]
fn root_error_of_a_success_envelope_is_read_with_skip_result_too() {
    let body = b"<SomeResponse><Error><Type>Sender</Type><Code>InvalidArgument</Code>\
        <Message>bad</Message><Extra><Code>decoy</Code></Extra></Error><Error><Code>Second</Code></Error>\
        <Other>x</Other><RequestId>r-2</RequestId></SomeResponse>";
    let want = judge(&HttpParts::new(400), body).unwrap();
    assert_eq!(error_of(&want)["code"], "InvalidArgument");
    assert_eq!(want["errors"].as_array().unwrap().len(), 1);
    let options = Options::new().skip_result(true);
    for got in [
        options.parse_http(&HttpParts::new(400), body),
        options.parse_http_reader(&HttpParts::new(400), common::Trickle::new(body, 3)),
    ] {
        assert_eq!(serde_json::to_value(got.unwrap()).unwrap(), want);
    }
    // under 2xx it is result data
    let ok = judge(&HttpParts::new(200), body).unwrap();
    assert_eq!(ok["outcome"], "success");
    assert_eq!(ok["result"]["Error"][0]["Code"], "InvalidArgument");
    assert_eq!(ok["result"]["Other"], "x");
    // a typed read sees it as result data, pulled or through the tree
    let typed = aws_query_xml::from_slice::<WithErrors>(body)
        .unwrap()
        .into_result();
    assert_eq!(typed.other, "x");
    assert_eq!(typed.error.len(), 2);
    let read = aws_query_xml::from_reader::<WithErrors, _>(&body[..])
        .unwrap()
        .into_result();
    assert_eq!(read, typed);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

    /// Any status, any body, any `Retry-After`: no panic, the same answer
    /// on every path, and under 4xx/5xx only a limit is an error.
    #[test]
    fn any_status_and_body(
        status in 100u16..600,
        body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
        retry_after in "[ -~]{0,40}",
        xml in proptest::prelude::any::<bool>(),
    ) {
        let mut body = body;
        if xml {
            body.splice(0..0, b"<ErrorResponse><Error><Code>".iter().copied());
        }
        let parts = HttpParts::new(status).header("Retry-After", &retry_after);
        let judged = judge(&parts, &body);
        if (400..600).contains(&status) {
            proptest::prop_assert!(judged.is_ok(), "{judged:?}");
        }
        if let Ok(r) = Options::new().parse_http(&parts, &body) {
            let _ = r.retry_schedule(UNIX_EPOCH);
            let _ = r.retry_schedule(SystemTime::now());
            if let Some(e) = r.service_error() {
                let _ = serde_json::to_string(&aws_query_xml::RelayedError::new(e)).unwrap();
            }
        }
    }
}

#[test]
fn snippet_only_for_non_xml_and_html() {
    for (body, snippet) in [
        (
            &b"<ListAllMyBucketsResult><Secret>k</Secret></ListAllMyBucketsResult>"[..],
            false,
        ),
        (b"<ErrorResponse></ErrorResponse>", false),
        (b"<a><b></a>", false),
        (b"\n<!DOCTYPE HTML><HTML><body>x</body></HTML>", true),
        (b"<!-- proxy --><html><body>x</body></html>", true),
        (b"upstream connect error", true),
        (b"{\"message\": null}", true),
    ] {
        let v = judge(&HttpParts::new(502), body).unwrap();
        assert_eq!(
            v["body_snippet"].is_string(),
            snippet,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(v["envelope"], "none");
    }
}
