//! `http`: `Options::parse_http` on a status (from the first two bytes) and
//! the rest as the body never panics, and gives the same JSON or the same
//! error text from a slice, from `Bytes`, through a reader that gives 1-32
//! bytes a read, and through a push parser fed on after a failure. Under a
//! 4xx or 5xx status only a limit is an error; under 2xx a success stays a
//! success. `retry_schedule` and serialization never panic.
#![no_main]

#[path = "common.rs"]
mod common;

use std::time::{Duration, UNIX_EPOCH};

use aws_query_xml::{Category, HttpParts, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&[hi, lo], body)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = 100 + u16::from_be_bytes([hi, lo]) % 500;
    let parts = HttpParts::new(status)
        .header("x-amzn-RequestId", "r")
        .header("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT");
    let options = Options::new();
    let json = |r: Result<aws_query_xml::HttpResponse<'_>, aws_query_xml::Error>| {
        r.map(|r| {
            let _ = r.retry_schedule(UNIX_EPOCH + Duration::from_secs(u64::from(lo) << 24));
            serde_json::to_value(&r).map_err(|e| e.to_string())
        })
        .map_err(|e| (e.category(), e.to_string()))
    };
    let whole = json(options.parse_http(&parts, body));
    if let Err((category, _)) = &whole
        && (400..=599).contains(&status)
    {
        assert_eq!(
            *category,
            Category::Limit,
            "only a limit survives an error status"
        );
    }
    let shared = json(options.parse_http_bytes(&parts, &bytes::Bytes::copy_from_slice(body)));
    assert_eq!(shared, whole, "parse_http_bytes differs");
    let capacity = 1 + usize::from(lo % 32);
    let read = json(options.parse_http_reader(&parts, common::Trickle(body, capacity)));
    assert_eq!(read, whole, "parse_http_reader differs");
    let mut parser = options.stream();
    for chunk in body.chunks(capacity) {
        let _ = parser.feed_slice(chunk);
    }
    assert_eq!(
        json(parser.finish_http(&parts)),
        whole,
        "finish_http differs"
    );
});
