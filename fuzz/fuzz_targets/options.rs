//! `options`: the first byte picks the whitespace policy and small limits
//! (0 included), the rest is the body. No panic; every error (from the parse,
//! from `result()`, from serialization) has an offset within the body and
//! `limit()` exactly when its category is `Limit`; and limits only refuse:
//! a body that parses (and serializes) under the small limits gives the same
//! JSON as under the default limits with the same policy.
#![no_main]

#[path = "common.rs"]
mod common;

use aws_query_xml::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&byte, body)) = data.split_first() else { return };
    let (whitespace, limits) = common::options(byte);
    let small = Options::new().whitespace(whitespace).limits(limits);
    let parsed = small.parse(body);
    match &parsed {
        Ok(response) => {
            common::check_response(response, body.len());
            if let common::Outcome::Json(Ok(json)) = common::outcome(&parsed) {
                let default = Options::new().whitespace(whitespace).parse(body);
                assert_eq!(
                    common::outcome(&default),
                    common::Outcome::Json(Ok(json)),
                    "small limits {limits:?} changed the response"
                );
            }
        }
        Err(err) => common::check_error(err, body.len()),
    }
});
