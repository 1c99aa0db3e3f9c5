//! `reader`: `Options::new().skip_result(true).parse_reader(..)` agrees with
//! `parse` on the outcome, envelope, action, request id and errors (the JSON
//! with `result` set to null on both), or gives the same error; a success it
//! reads has `result() == Ok(None)`. Read from the whole slice, and through a
//! reader that gives at most a few bytes a read, how many coming from the
//! last byte.
#![no_main]

#[path = "common.rs"]
mod common;

use aws_query_xml::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let expected = common::envelope_outcome(&aws_query_xml::parse(data));
    let options = Options::new().skip_result(true);

    let whole = options.parse_reader(data);
    check(&whole, data.len());
    common::assert_same(
        &common::envelope_outcome(&whole),
        &expected,
        data,
        format_args!("parse_reader(slice) differs from parse"),
    );

    let capacity = 1 + usize::from(data.last().copied().unwrap_or(0) % 32);
    let buffered = options.parse_reader(common::Trickle(data, capacity));
    common::assert_same(
        &common::envelope_outcome(&buffered),
        &expected,
        data,
        format_args!("parse_reader(Trickle({capacity})) differs from parse"),
    );
});

fn check(result: &Result<aws_query_xml::Response<'static>, aws_query_xml::Error>, len: usize) {
    match result {
        Ok(response) => {
            common::SKIPPED.with(|s| s.set(true));
            common::check_response(response, len);
            common::SKIPPED.with(|s| s.set(false));
            if response.is_success() {
                assert!(matches!(response.result(), Ok(None)), "skip_result kept a result");
            }
        }
        Err(err) => common::check_error(err, len),
    }
}
