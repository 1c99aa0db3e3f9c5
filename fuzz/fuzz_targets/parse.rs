//! `parse`: the whole-body entry point. On `Ok`, the response is consistent
//! (outcome, errors, result, JSON) and detaching it (`into_owned`,
//! `parse_bytes`) changes nothing; on `Err`, the error has an offset within
//! the body, renders, and `limit()` agrees with `category()`. The typed
//! result `from_slice` builds in the envelope pass equals the one
//! `from_reader` gathers in a second pass (value, or error and offset).
//! A body `parse` accepts is well-formed XML by `roxmltree`, once what the
//! crate tolerates on purpose is normalised away (`oracle.rs`).
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "oracle.rs"]
mod oracle;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = aws_query_xml::parse(data);
    let typed = |r: Result<aws_query_xml::Success<serde_json::Value>, aws_query_xml::Error>| {
        r.map(|s| s.into_result()).map_err(|e| (e.to_string(), e.offset()))
    };
    let one_pass = typed(aws_query_xml::from_slice::<serde_json::Value>(data));
    let reader = common::Trickle(data, 16);
    let options = aws_query_xml::Options::new();
    let second_pass = typed(options.from_reader::<serde_json::Value, _>(reader));
    assert_eq!(one_pass, second_pass, "from_slice differs from from_reader");
    match &parsed {
        Ok(response) => {
            common::check_response(response, data.len());
            oracle::check_well_formed(data);
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
