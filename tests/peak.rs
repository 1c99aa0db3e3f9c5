//! Peak heap bytes of the result paths, measured with dhat's allocator in
//! testing mode (one test: dhat's figures are process-wide). Bytes, not
//! timings: they do not move with the machine.
//!
//! dhat keeps one peak for the whole process, so the shapes run from the
//! smallest bound to the largest: each peak read after a shape is the
//! largest of it and the shapes before it, all under their own, smaller,
//! bounds.

#[path = "../benches/common/inputs.rs"]
#[allow(dead_code)]
mod inputs;
// the benchmarks' result types
#[path = "../benches/common/ours.rs"]
#[allow(dead_code)]
mod ours;

use std::borrow::Cow;

use serde::Deserialize;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Peak heap bytes (above what was live before) while `f` runs, `f`'s own
/// input included when it allocates it.
fn peak(f: impl FnOnce()) -> usize {
    let before = dhat::HeapStats::get().curr_bytes;
    f();
    dhat::HeapStats::get().max_bytes.saturating_sub(before)
}

/// The worst shape for a tree: a million empty elements, 4 bytes each.
#[derive(Deserialize)]
struct Many<'a> {
    #[serde(borrow, default)]
    a: Vec<Cow<'a, str>>,
}

/// [`Many`], owned.
#[derive(Deserialize)]
struct Owned {
    #[serde(default)]
    a: Vec<String>,
}

/// Runs of `depth` nested `<a>` elements, `n` elements in all.
fn nested_elements(depth: usize, n: usize) -> Vec<u8> {
    let mut body = b"<XResponse><XResult>".to_vec();
    let mut left = n;
    while left > 0 {
        let d = depth.min(left);
        body.extend(std::iter::repeat_n(&b"<a>"[..], d).flatten());
        body.extend(std::iter::repeat_n(&b"</a>"[..], d).flatten());
        left -= d;
    }
    body.extend_from_slice(b"</XResult></XResponse>");
    body
}

fn many_empty_elements(n: usize) -> Vec<u8> {
    let mut body = b"<XResponse><XResult>".to_vec();
    for _ in 0..n {
        body.extend_from_slice(b"<a/>");
    }
    body.extend_from_slice(b"</XResult></XResponse>");
    body
}

/// Every path that gives the result, on `make()`'s body: the peak of each,
/// the body's bytes included, is at most `bound(body length)`.
fn check<T>(
    what: &str,
    make: impl Fn() -> Vec<u8>,
    bound: impl Fn(usize) -> usize,
    size: impl Fn(&T) -> usize,
) where
    T: serde::de::DeserializeOwned,
{
    let mut body = make();
    body.shrink_to_fit();
    let len = body.len();
    let max = bound(len);
    let result = len
        + peak(|| {
            let response = aws_query_xml::parse(&body).unwrap();
            let value = response.result().unwrap().unwrap();
            assert!(value.as_object().is_some_and(|m| !m.is_empty()));
        });
    eprintln!("{what}: result() {result}");
    assert!(
        result <= max,
        "{what}: result() peaked at {result} bytes, over {max} ({len}-byte body)"
    );
    let typed = len
        + peak(|| {
            let success = aws_query_xml::from_slice::<T>(&body).unwrap();
            assert!(size(success.result()) > 0);
        });
    eprintln!("{what}: from_slice {typed}");
    assert!(
        typed <= max,
        "{what}: from_slice peaked at {typed} bytes, over {max} ({len}-byte body)"
    );
    let read = len
        + peak(|| {
            let success = aws_query_xml::from_reader::<T, _>(&body[..]).unwrap();
            assert!(size(success.result()) > 0);
        });
    eprintln!("{what}: from_reader {read}");
    assert!(
        read <= max,
        "{what}: from_reader peaked at {read} bytes, over {max} ({len}-byte body)"
    );
}

#[test]
fn result_paths_peak_within_their_bounds() {
    let _profiler = dhat::Profiler::builder().testing().build();

    // the 1 MiB benchmark bodies: at most 4 times the body
    check::<ours::ListUsersResult>(
        "ListUsers",
        || inputs::iam_list_users(1 << 20),
        |len| 4 * len,
        |r| r.users.len(),
    );
    check::<ours::ReceiveMessageResult>(
        "ReceiveMessage",
        || inputs::sqs_receive(1 << 20),
        |len| 4 * len,
        |r| r.message.len(),
    );

    // a million `<a/>` (under the default `max_nodes`): 16 times the body
    // plus 1 MiB
    check::<Owned>(
        "a million <a/>",
        || many_empty_elements(1_000_000),
        |len| 16 * len + (1 << 20),
        |r| r.a.len(),
    );
    // nested 120 deep, about a million elements: over `max_nodes` (the
    // default) near the end, within the same bound until then
    let nested = nested_elements(120, 1_000_001);
    let over = nested.len()
        + peak(|| {
            let response = aws_query_xml::parse(&nested).unwrap();
            let err = response.result().unwrap_err();
            assert!(err.to_string().contains("max_nodes"), "{err}");
        });
    eprintln!("nested: result() {over}");
    assert!(over <= 16 * nested.len() + (1 << 20), "nested: {over}");

    let body = many_empty_elements(1_000_000);
    let borrowed = body.len()
        + peak(|| {
            let many = aws_query_xml::from_slice::<Many<'_>>(&body).unwrap();
            assert_eq!(many.result().a.len(), 1_000_000);
        });
    assert!(
        borrowed <= 16 * body.len() + (1 << 20),
        "borrowed: {borrowed}"
    );

    // a self-describing target gets `result()`'s tree, built straight from
    // the tokens (no node tree), then builds its own: at most 20 times the
    // body plus 1 MiB (it was about 38 times: 155 MB)
    check::<serde_json::Value>(
        "a million <a/> into serde_json::Value",
        || many_empty_elements(1_000_000),
        |len| 20 * len + (1 << 20),
        |v| v["a"].as_array().map_or(0, Vec::len),
    );
}
