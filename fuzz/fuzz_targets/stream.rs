//! `stream`: `StreamParser` fed the body in 2-3 `Bytes` chunks gives what
//! `parse` gives on the whole body: the same JSON, or the same error (kind,
//! offset, text), wherever the cuts fall.
//!
//! The cuts come from the first two bytes (as fractions of the length, so the
//! fuzzer can steer them), from a hash of the whole input (so every mutation
//! moves them), and, for short bodies, from every position (2 chunks) and
//! from one-byte chunks.
#![no_main]

#[path = "common.rs"]
mod common;

use aws_query_xml::{Error, Response, StreamParser};
use bytes::Bytes;
use libfuzzer_sys::fuzz_target;

/// Feeds `body` cut at `cuts` (ascending, within the body); checks that a
/// failed feed keeps failing with the same error.
fn stream(body: &Bytes, cuts: &[usize]) -> Result<Response<'static>, Error> {
    let mut parser = StreamParser::new();
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&body.len())) {
        let chunk = body.slice(start..end);
        start = end;
        if let Err(e) = parser.feed(chunk) {
            let again = parser.feed(Bytes::from_static(b"<a/>")).unwrap_err();
            assert_eq!(
                (again.kind(), again.offset()),
                (e.kind(), e.offset()),
                "a failed parser gave another error on the next feed"
            );
            let last = parser.finish().unwrap_err();
            assert_eq!(
                (last.kind(), last.offset()),
                (e.kind(), e.offset()),
                "a failed parser gave another error at finish"
            );
            return Err(e);
        }
    }
    assert_eq!(parser.bytes_fed(), body.len() as u64, "bytes_fed");
    parser.finish()
}

fn check(body: &Bytes, cuts: &[usize], expected: &common::Outcome) {
    let got = common::outcome(&stream(body, cuts));
    common::assert_same(
        &got,
        expected,
        body,
        format_args!("stream cut at {cuts:?} of {} bytes differs from parse", body.len()),
    );
}

fuzz_target!(|data: &[u8]| {
    let len = data.len();
    let expected = common::outcome(&aws_query_xml::parse(data));
    let body = Bytes::copy_from_slice(data);

    // cuts steered by the first bytes: 2 or 3 chunks
    let b0 = usize::from(data.first().copied().unwrap_or(0));
    let b1 = usize::from(data.get(1).copied().unwrap_or(0));
    let first = len * b0 / 255;
    let second = first + (len - first) * b1 / 255;
    if b1 & 1 == 0 {
        check(&body, &[first], &expected);
    } else {
        check(&body, &[first, second], &expected);
    }

    // cuts from a hash of the whole input
    let mut rng = common::Rng(common::fnv(data));
    let mut cuts = [rng.below(len as u64 + 1) as usize, rng.below(len as u64 + 1) as usize];
    cuts.sort_unstable();
    check(&body, &cuts, &expected);

    // short bodies: every 2-chunk cut, and one byte at a time
    if len <= 96 {
        for cut in 0..=len {
            check(&body, &[cut], &expected);
        }
    }
    if len <= 512 {
        let cuts: Vec<usize> = (1..len).collect();
        check(&body, &cuts, &expected);
    }
});
