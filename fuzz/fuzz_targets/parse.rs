//! `parse`: the whole-body entry point. On `Ok`, the response is consistent
//! (outcome, errors, result, JSON) and detaching it (`into_owned`,
//! `parse_bytes`) changes nothing; on `Err`, the error has an offset within
//! the body, renders, and `limit()` agrees with `category()`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = aws_query_xml::parse(data);
    match &parsed {
        Ok(response) => {
            common::check_response(response, data.len());
            let json = common::outcome(&parsed);
            let owned = Ok(response.clone().into_owned());
            assert_eq!(common::outcome(&owned), json, "into_owned changed the response");
            let body = bytes::Bytes::copy_from_slice(data);
            let shared = aws_query_xml::parse_bytes(&body);
            assert_eq!(common::outcome(&shared), json, "parse_bytes differs from parse");
        }
        Err(err) => {
            common::check_error(err, data.len());
            let body = bytes::Bytes::copy_from_slice(data);
            let shared = aws_query_xml::parse_bytes(&body);
            assert_eq!(
                common::outcome(&shared),
                common::outcome(&parsed),
                "parse_bytes differs from parse"
            );
        }
    }
});
