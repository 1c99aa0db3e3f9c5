//! `stream_options`: the `stream` invariant under the `options` target's
//! small limits and whitespace policies (first byte), with `skip_result` on
//! or off (second byte's low bit): the push parser fed the rest in 2-3
//! chunks gives what `Options::parse` gives on the whole body, limits
//! included ("the same on every input path").
#![no_main]

#[path = "common.rs"]
mod common;

use aws_query_xml::Options;
use bytes::Bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [byte, flags, body @ ..] = data else { return };
    let (whitespace, limits) = common::options(*byte);
    let skip = flags & 1 == 1;
    let options = Options::new().whitespace(whitespace).limits(limits).skip_result(skip);
    let whole = options.parse(body);
    let expected = if skip { common::envelope_outcome(&whole) } else { common::outcome(&whole) };

    let len = body.len();
    let mut rng = common::Rng(common::fnv(data));
    let mut cuts = [rng.below(len as u64 + 1) as usize, rng.below(len as u64 + 1) as usize];
    cuts.sort_unstable();
    let cuts = if flags & 2 == 0 { &cuts[..1] } else { &cuts[..] };
    let body = Bytes::copy_from_slice(body);
    let mut parser = options.stream();
    let mut start = 0;
    let mut failed = None;
    for &end in cuts.iter().chain(std::iter::once(&len)) {
        if let Err(e) = parser.feed(body.slice(start..end)) {
            failed = Some(e);
            break;
        }
        start = end;
    }
    let streamed = match failed {
        Some(e) => Err(e),
        None => parser.finish(),
    };
    let got = if skip { common::envelope_outcome(&streamed) } else { common::outcome(&streamed) };
    common::assert_same(
        &got,
        &expected,
        &body,
        format_args!("stream cut at {cuts:?} of {len} bytes with {options:?} differs from parse"),
    );
});
