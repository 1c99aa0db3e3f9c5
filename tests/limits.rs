//! The limits: safe defaults, each one typed when exceeded, on every path.

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
