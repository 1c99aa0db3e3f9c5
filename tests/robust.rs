//! Must not panic, hang or mislabel: arbitrary and mutated bodies give a
//! response or a typed error with an offset inside the body.

mod common;

use aws_query_xml::{Limits, Options, Whitespace, parse};
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

/// An STS secret key, as AWS's documentation prints it.
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// Whether `message` holds 6 bytes in a row of [`SECRET`].
fn leaks(message: &str) -> bool {
    SECRET
        .as_bytes()
        .windows(6)
        .any(|w| message.as_bytes().windows(6).any(|m| m == w))
}

/// An STS success with `credentials` inside its `Credentials`.
fn sts(credentials: &str) -> Vec<u8> {
    format!(
        "<AssumeRoleResponse><AssumeRoleResult><Credentials>{credentials}</Credentials>\
         </AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>\
         </AssumeRoleResponse>"
    )
    .into_bytes()
}

#[test]
fn no_error_message_repeats_body_text() {
    let s = SECRET;
    let key = |text: &str| sts(&format!("<SecretAccessKey>{text}</SecretAccessKey>"));
    let mut bodies: Vec<(&str, Vec<u8>)> = vec![
        (
            "end tag with text",
            sts(&format!("<SecretAccessKey>{s}</SecretAccessKey {s}>")),
        ),
        (
            "quote in a name",
            sts(&format!("<SecretAccessKey\"x>{s}</SecretAccessKey\"x>")),
        ),
        (
            "mismatched end tag",
            sts(&format!("<SecretAccessKey>{s}</Secret>")),
        ),
        ("unmatched end tag", format!("</{s}>").into_bytes()),
        ("truncated in the secret", key(s)[..80].to_vec()),
        ("name of the secret", sts(&format!("<{s}/>"))),
        ("NUL", key(&format!("{s}\0"))),
        ("control", key(&format!("{s}\x01{s}"))),
        ("U+FFFE", key(&format!("{s}\u{FFFE}"))),
        ("`]]>`", key(&format!("{s}]]>{s}"))),
        ("unknown entity", key(&format!("&{}; {s}", &s[..5]))),
        ("bare ampersand", key(&format!("{s}&{s}"))),
        ("bad character reference", key(&format!("&#x{s};"))),
        ("comment", key(&format!("<!-- {s} -- {s} -->"))),
        ("processing instruction", key(&format!("<?{s} {s}?>"))),
        (
            "DOCTYPE",
            format!("<!DOCTYPE {s}><ErrorResponse/>").into_bytes(),
        ),
        (
            "text before the root",
            format!("{s}<ErrorResponse/>").into_bytes(),
        ),
        (
            "JSON",
            format!("{{\"SecretAccessKey\": \"{s}\"}}").into_bytes(),
        ),
        ("after the root", [key(s), s.as_bytes().to_vec()].concat()),
        (
            "other root",
            format!("<Foo><Bar>{s}</Bar></Foo>").into_bytes(),
        ),
        (
            "HTML",
            format!("<html><body>{s}</body></html>").into_bytes(),
        ),
        (
            "declaration late",
            [key(s), format!("<?xml version=\"{s}\"?>").into_bytes()].concat(),
        ),
        (
            "declared encoding",
            [
                format!("<?xml version=\"1.0\" encoding=\"{s}\"?>").into_bytes(),
                key(s),
                b"\xe9".to_vec(),
            ]
            .concat(),
        ),
        (
            "error envelope without error",
            format!("<ErrorResponse><Foo>{s}</Foo></ErrorResponse>").into_bytes(),
        ),
        (
            "truncated in a message",
            format!("<ErrorResponse><Error><Code>C</Code><Message>{s}").into_bytes(),
        ),
    ];
    let mut invalid_utf8 = key(s);
    invalid_utf8.insert(60, 0xff);
    bodies.push(("invalid UTF-8", invalid_utf8));
    let small = Limits::new()
        .max_field_bytes(8)
        .max_value_bytes(16)
        .max_token_bytes(24)
        .max_depth(3);
    for (what, body) in &bodies {
        for options in [
            Options::new(),
            Options::new().limits(small),
            Options::new().skip_result(true),
        ] {
            let Err(message) = common::json_all_paths(body, options) else {
                continue;
            };
            assert!(!leaks(&message), "{what}: {message}");
        }
        if let Err(e) = aws_query_xml::from_slice::<Credentials>(body) {
            assert!(!leaks(&e.to_string()), "{what}, typed: {e}");
        }
    }
    // a typed result that does not fit: the error names the path, not the text
    let err = aws_query_xml::from_slice::<Credentials>(&key(s)).unwrap_err();
    assert!(!leaks(&err.to_string()), "{err}");
    // every body above is refused (but the name of the secret, a name)
    for (what, body) in &bodies {
        if *what != "name of the secret" {
            assert!(parse(body).is_err(), "{what}");
        }
    }
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Credentials {
    #[serde(rename = "Credentials")]
    credentials: Key,
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Key {
    #[serde(rename = "SecretAccessKey")]
    key: u32,
}
