//! Must not panic, hang or mislabel: arbitrary and mutated bodies give a
//! response or a typed error with an offset inside the body.

mod common;

use aws_query_xml::{Options, Whitespace, parse};
use proptest::prelude::*;

/// Bodies up to this size are cut and mutated at every byte; larger ones at
/// evenly spread positions, so the work stays linear in the corpus.
const EVERY_BYTE_UP_TO: usize = 3 * 1024;

/// The positions to cut or mutate a body at.
fn positions(len: usize) -> impl Iterator<Item = usize> {
    let step = len.div_ceil(EVERY_BYTE_UP_TO).max(1);
    (0..len).step_by(step)
}

/// Parses and, on success, builds and serializes the result under every
/// policy; checks that an error's offset lies inside the body.
fn exercise(body: &[u8]) -> Result<(), aws_query_xml::Error> {
    for ws in [Whitespace::Auto, Whitespace::Keep, Whitespace::Trim] {
        match Options::new().whitespace(ws).parse(body) {
            Ok(response) => {
                let _ = serde_json::to_vec(&response);
                let _ = response.result();
                let _ = response.into_owned();
            }
            Err(e) => {
                let offset = e.offset().expect("every parse failure has an offset");
                assert!(
                    offset <= body.len() as u64,
                    "offset {offset} past the end ({e})"
                );
                let _ = e.to_string();
                return Err(e);
            }
        }
    }
    Ok(())
}

/// A body cut anywhere before its root closes is truncated: more input could
/// complete it. Never malformed, never a half-filled success.
#[test]
fn every_prefix_of_a_good_body_is_truncated_or_complete() {
    for (path, body) in common::fixture_bodies() {
        let Ok(whole) = parse(&body) else { continue };
        let whole = serde_json::to_value(&whole).unwrap();
        for cut in positions(body.len()) {
            match parse(&body[..cut]) {
                Err(e) => assert!(
                    e.is_truncated() || e.category() == aws_query_xml::Category::Empty,
                    "{}: prefix of {cut} bytes gives `{e}`, not a truncation",
                    path.display()
                ),
                // only a cut after the root's end tag parses, and then as the whole
                Ok(r) => assert_eq!(
                    serde_json::to_value(&r).unwrap(),
                    whole,
                    "{}: prefix of {cut} bytes",
                    path.display()
                ),
            }
        }
    }
}

#[test]
fn single_byte_mutations_of_every_fixture() {
    let replacements = [b'<', b'>', b'/', b'&', b'!', 0xC3, b'x'];
    for (_, body) in common::fixture_bodies() {
        for i in positions(body.len()) {
            let mut mutated = body.clone();
            for &r in &replacements {
                mutated[i] = r;
                let _ = exercise(&mutated);
            }
            mutated.remove(i);
            let _ = exercise(&mutated);
        }
    }
}

fn xmlish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"<ErrorResponse>".to_vec()),
        Just(b"</ErrorResponse>".to_vec()),
        Just(b"<Error>".to_vec()),
        Just(b"</Error>".to_vec()),
        Just(b"<Errors>".to_vec()),
        Just(b"</Errors>".to_vec()),
        Just(b"<Code>".to_vec()),
        Just(b"</Code>".to_vec()),
        Just(b"<XResponse>".to_vec()),
        Just(b"</XResponse>".to_vec()),
        Just(b"<XResult>".to_vec()),
        Just(b"</XResult>".to_vec()),
        Just(b"<member>".to_vec()),
        Just(b"</member>".to_vec()),
        Just(b"<s:Envelope><s:Body>".to_vec()),
        Just(b"</s:Body></s:Envelope>".to_vec()),
        Just(b"<Fault><faultcode>a:Client.X</faultcode>".to_vec()),
        Just(b"</Fault>".to_vec()),
        Just(b"<RequestId>r</RequestId>".to_vec()),
        Just(b"<a/>".to_vec()),
        Just(b"&amp;".to_vec()),
        Just(b"&#32;".to_vec()),
        Just(b"<![CDATA[ x ]]>".to_vec()),
        Just(b"<!-- c -->".to_vec()),
        Just(b"<?pi x?>".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b" ".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..4),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = exercise(&body);
    }

    #[test]
    fn xmlish_bodies_never_panic(body in xmlish()) {
        let _ = exercise(&body);
    }
}
