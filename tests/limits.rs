//! The limits: safe defaults, each one typed when exceeded, on every path.

mod common;

use aws_query_xml::{Limit, Limits, Options, parse};

/// A success whose result nests `depth` elements in all (root included).
fn nested(depth: usize) -> Vec<u8> {
    let inner = depth - 2; // the root and the XResult
    let mut body = b"<DeepResponse><DeepResult>".to_vec();
    for _ in 0..inner {
        body.extend_from_slice(b"<a>");
    }
    body.extend_from_slice(b"x");
    for _ in 0..inner {
        body.extend_from_slice(b"</a>");
    }
    body.extend_from_slice(b"</DeepResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeepResponse>");
    body
}

#[test]
fn depth_default_is_128() {
    assert!(parse(&nested(128)).is_ok());
    let err = parse(&nested(129)).unwrap_err();
    assert_eq!(err.limit(), Some(Limit::Depth));
    // the 129th start tag: root, result, then 126 `<a>` before it
    assert_eq!(err.offset(), Some(26 + 126 * 3));
    assert_eq!(
        err.to_string(),
        format!("over limit `max_depth` = 128 at byte {}", 26 + 126 * 3)
    );
}

#[test]
fn depth_is_clamped_to_the_documented_maximum() {
    let options = Options::new().limits(Limits::new().max_depth(usize::MAX));
    assert!(options.parse(&nested(Limits::MAX_DEPTH)).is_ok());
    let err = options.parse(&nested(Limits::MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(err.limit(), Some(Limit::Depth));
}

#[test]
fn every_consumer_survives_the_maximum_depth_on_a_2_mib_stack() {
    let body = nested(Limits::MAX_DEPTH);
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let options = Options::new().limits(Limits::new().max_depth(Limits::MAX_DEPTH));
            let response = options.parse(&body).unwrap();
            let tree = response.result().unwrap().unwrap();
            let json = serde_json::to_string(&response).unwrap();
            let debug = format!("{tree:?}");
            let owned = tree.clone().into_owned();
            assert_eq!(owned, tree);
            drop(owned);
            drop(tree);
            let response = response.into_owned();
            (
                json.len(),
                debug.len(),
                response.request_id().map(str::to_owned),
            )
        })
        .unwrap();
    let (json, debug, id) = handle.join().expect("no stack overflow");
    assert!(json > Limits::MAX_DEPTH * 4 && debug > 0);
    assert_eq!(id.as_deref(), Some("r"));
}

#[test]
fn token_bytes_count_skipped_tokens_too() {
    let comment = format!("<AResponse><!--{}--></AResponse>", "x".repeat(100));
    let options = Options::new().limits(Limits::new().max_token_bytes(64));
    let err = options.parse(comment.as_bytes()).unwrap_err();
    assert_eq!(err.limit(), Some(Limit::TokenBytes));
    assert_eq!(err.offset(), Some(11));
    let tag = format!("<AResponse {}/>", "a=\"1\" ".repeat(20));
    assert_eq!(
        options.parse(tag.as_bytes()).unwrap_err().limit(),
        Some(Limit::TokenBytes)
    );
    assert!(Options::new().parse(comment.as_bytes()).is_ok());
}

#[test]
fn value_bytes_count_the_whole_value() {
    // many small pieces: each token is small, the value is not
    let value = "a&amp;".repeat(20);
    let body = format!("<ErrorResponse><Error><Code>{value}</Code></Error></ErrorResponse>");
    let options = Options::new().limits(Limits::new().max_value_bytes(64).max_token_bytes(64));
    let err = options.parse(body.as_bytes()).unwrap_err();
    assert_eq!(err.limit(), Some(Limit::ValueBytes));
    assert_eq!(err.offset(), Some(28));
    // the same in a skipped subtree: limits do not depend on what is read
    let body = format!(
        "<AResponse><AResult><Big>{value}</Big></AResult><requestId>r</requestId></AResponse>"
    );
    assert_eq!(
        options.parse(body.as_bytes()).unwrap_err().limit(),
        Some(Limit::ValueBytes)
    );
}

fn errors(n: usize) -> Vec<u8> {
    let mut body = b"<Response><Errors>".to_vec();
    for i in 0..n {
        body.extend_from_slice(format!("<Error><Code>E{i}</Code></Error>").as_bytes());
    }
    body.extend_from_slice(b"</Errors><RequestID>r</RequestID></Response>");
    body
}

#[test]
fn errors_kept_default_is_1000() {
    let body = errors(1000);
    let response = parse(&body).unwrap();
    assert_eq!(response.service_error().unwrap().errors().len(), 1000);
    let body = errors(1001);
    let err = parse(&body).unwrap_err();
    assert_eq!(err.limit(), Some(Limit::Errors));
    let last = body.windows(7).rposition(|w| w == b"<Error>").unwrap();
    assert_eq!(err.offset(), Some(last as u64));
    let two = Options::new().limits(Limits::new().max_errors(2));
    assert_eq!(
        two.parse(&errors(3)).unwrap_err().limit(),
        Some(Limit::Errors)
    );
}

#[test]
fn nodes_limit_the_result_tree_not_the_parse() {
    let mut body = b"<ListResponse><ListResult><Items>".to_vec();
    for _ in 0..100 {
        body.extend_from_slice(b"<member>x</member>");
    }
    body.extend_from_slice(b"</Items></ListResult></ListResponse>");
    let options = Options::new().limits(Limits::new().max_nodes(100));
    let response = options.parse(&body).unwrap();
    let err = response.result().unwrap_err();
    assert_eq!(err.limit(), Some(Limit::Nodes));
    // `Items` is node 1; the 100th member is node 101
    let at = 33 + 99 * 18;
    assert_eq!(err.offset(), Some(at));
    assert!(serde_json::to_string(&response).is_err());
    assert!(
        Options::new()
            .limits(Limits::new().max_nodes(101))
            .parse(&body)
            .unwrap()
            .result()
            .is_ok()
    );
}

#[test]
fn typed_results_survive_the_maximum_depth_on_a_2_mib_stack() {
    #[derive(serde::Deserialize)]
    struct Deep {
        a: Option<Box<Deep>>,
    }
    fn depth(d: &Deep) -> usize {
        let mut n = 0;
        let mut at = d;
        while let Some(next) = &at.a {
            n += 1;
            at = next;
        }
        n
    }
    let body = nested(Limits::MAX_DEPTH);
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let options = Options::new().limits(Limits::new().max_depth(Limits::MAX_DEPTH));
            let deep = options.from_slice::<Deep>(&body).unwrap().into_result();
            let n = depth(&deep);
            // drop iteratively: a recursive drop of a 512-deep Box chain is fine too
            drop(deep);
            n
        })
        .unwrap();
    assert_eq!(
        handle.join().expect("no stack overflow"),
        Limits::MAX_DEPTH - 2
    );
}

/// A result tree built during the parse (`build_result`) and one gathered
/// afterwards give the same value, or the same `max_nodes` error, at every
/// limit around the body's element count.
#[test]
fn built_result_trees_keep_max_nodes() {
    let body = b"<XResponse><XResult><a>1</a><b><c>2</c><c>3</c></b></XResult></XResponse>";
    for max in 0..6 {
        let options = Options::new().limits(Limits::new().max_nodes(max));
        let gathered = options.parse(body).unwrap();
        let built = options.build_result(true).parse(body).unwrap();
        let want = gathered.result().map_err(|e| e.to_string());
        let got = built.result().map_err(|e| e.to_string());
        assert_eq!(got, want, "max_nodes({max})");
        assert_eq!(got.is_ok(), max >= 4, "max_nodes({max}): {got:?}");
    }
}

/// An `<ErrorResponse>` whose message is `message`, and the message's offset.
fn error_with_message(message: &str) -> (Vec<u8>, u64) {
    let head = "<ErrorResponse><Error><Code>Throttling</Code><Message>";
    let body = format!("{head}{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>");
    (body.into_bytes(), head.len() as u64)
}

#[test]
fn field_bytes_default_is_64_kib_on_every_path() {
    let (body, _) = error_with_message(&"x".repeat(64 << 10));
    let json = common::json_all_paths(&body, Options::new()).unwrap();
    assert_eq!(
        json["errors"][0]["message"].as_str().map(str::len),
        Some(64 << 10)
    );
    let (body, at) = error_with_message(&"x".repeat((64 << 10) + 1));
    assert_eq!(
        common::json_all_paths(&body, Options::new()),
        Err(format!("over limit `max_field_bytes` = 65536 at byte {at}"))
    );
    // in a skipped result too (`skip_result` changes nothing of the envelope)
    assert_eq!(
        common::json_all_paths(&body, Options::new().skip_result(true)),
        Err(format!("over limit `max_field_bytes` = 65536 at byte {at}"))
    );
}

#[test]
fn every_envelope_field_counts_and_result_values_do_not() {
    let big = "y".repeat(100);
    let options = Options::new().limits(Limits::new().max_field_bytes(64));
    for field in ["Type", "Code", "Message", "Detail", "RequestId"] {
        let body = format!(
            "<ErrorResponse><Error><Code>C</Code><{field}>{big}</{field}></Error></ErrorResponse>"
        );
        let err = common::json_all_paths(body.as_bytes(), options).unwrap_err();
        assert!(
            err.starts_with("over limit `max_field_bytes` = 64 at byte"),
            "{field}: {err}"
        );
    }
    for body in [
        format!(
            "<AResponse><ResponseMetadata><RequestId>{big}</RequestId></ResponseMetadata></AResponse>"
        ),
        format!(
            "<AResponse><ResponseStatus><StatusCode>{big}</StatusCode></ResponseStatus></AResponse>"
        ),
        format!(
            "<Envelope><Body><Fault><faultstring>{big}</faultstring></Fault></Body></Envelope>"
        ),
    ] {
        let err = common::json_all_paths(body.as_bytes(), options).unwrap_err();
        assert!(
            err.starts_with("over limit `max_field_bytes` = 64 at byte"),
            "{err}"
        );
    }
    // a result's values, and an error's members beside its fields, are not fields
    let body = format!(
        "<AResponse><AResult><Big>{big}</Big></AResult><requestId>r</requestId></AResponse>"
    );
    assert!(common::json_all_paths(body.as_bytes(), options).is_ok());
    let body =
        format!("<ErrorResponse><Error><Code>C</Code><Extra>{big}</Extra></Error></ErrorResponse>");
    assert!(common::json_all_paths(body.as_bytes(), options).is_ok());
}

#[test]
fn a_field_is_refused_as_its_bytes_arrive() {
    // an 8 MiB message fed 16 KiB at a time: refused long before its end
    let (body, at) = error_with_message(&"x".repeat(8 << 20));
    let mut parser = Options::new().skip_result(true).stream();
    let mut fed = 0;
    let err = body
        .chunks(16 << 10)
        .find_map(|chunk| {
            fed += chunk.len();
            parser.feed_slice(chunk).err()
        })
        .unwrap();
    assert_eq!(err.limit(), Some(Limit::FieldBytes));
    assert_eq!(err.offset(), Some(at));
    assert!(fed <= 256 << 10, "refused after {fed} bytes");
}

#[test]
fn a_field_over_two_limits_names_the_one_passed_first_on_every_cut() {
    // pieces (text, references, CDATA, comments) of one field's text run
    let message = "abcd&amp;efgh<![CDATA[ij]]>kl<!--m-->nopqrstuvwxyz0123456789";
    let (body, _) = error_with_message(message);
    for (field, token, value) in [
        (20, 30, 1000),
        (30, 10, 1000),
        (40, 1000, 20),
        (20, 1000, 20),
        (1000, 12, 15),
        (16, 16, 16),
    ] {
        let limits = Limits::new()
            .max_field_bytes(field)
            .max_token_bytes(token)
            .max_value_bytes(value);
        let options = Options::new().limits(limits);
        let whole = common::json(&body, options, common::Path::Slice);
        assert!(whole.is_err(), "{limits:?}");
        for cut in 0..=body.len() {
            assert_eq!(
                common::json_chunks([&body[..cut], &body[cut..]], options),
                whole,
                "{limits:?}, cut at {cut}"
            );
        }
        common::json_all_paths(&body, options).unwrap_err();
    }
}

#[test]
fn comments_after_the_root_hold_no_value() {
    // comments that add up past `max_value_bytes` and `max_token_bytes`,
    // with whitespace between them, before and after the root
    let comments = "<!-- padding padding padding -->\n".repeat(20);
    let body = format!(
        "{comments}<ErrorResponse><Error><Code>C</Code></Error></ErrorResponse>\n{comments}"
    );
    let options = Options::new().limits(Limits::new().max_value_bytes(64).max_token_bytes(64));
    let json = common::json_all_paths(body.as_bytes(), options).unwrap();
    assert_eq!(json["errors"][0]["code"], "C");
    // one comment over the token limit is still refused, as a token
    let body = format!(
        "<ErrorResponse><Error><Code>C</Code></Error></ErrorResponse><!--{}-->",
        "x".repeat(100)
    );
    assert_eq!(
        common::json_all_paths(body.as_bytes(), options),
        Err("over limit `max_token_bytes` = 64 at byte 60".to_owned())
    );
}
