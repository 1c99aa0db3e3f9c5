//! Streaming input: any split of any fixture gives what `parse` gives on the
//! whole body, the same response or the same error at the same offset.

mod common;

use std::fs;
use std::path::Path;

use aws_query_xml::{Options, StreamParser, Value, Whitespace, parse};
use bytes::Bytes;

fn whole(body: &[u8], options: Options) -> Result<serde_json::Value, String> {
    common::json(body, options, common::Path::Slice)
}

/// A small deterministic generator (xorshift), for reproducible splits.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap()
    }
}

/// Cuts `body` into chunks of random sizes, many of them 1 byte.
fn random_split<'b>(body: &'b [u8], rng: &mut Rng) -> Vec<&'b [u8]> {
    let mut chunks = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let n = match rng.below(4) {
            0 => 1,
            1 => 1 + rng.below(4),
            _ => 1 + rng.below(rest.len().min(64)),
        }
        .min(rest.len());
        chunks.push(&rest[..n]);
        rest = &rest[n..];
    }
    chunks
}

#[test]
fn every_fixture_at_every_split_point() {
    let options = Options::new();
    for (path, body) in common::fixture_bodies() {
        let expected = whole(&body, options);
        for cut in 0..=body.len() {
            let got = common::json_chunks([&body[..cut], &body[cut..]], options);
            assert_eq!(got, expected, "{} cut at {cut}", path.display());
        }
    }
}

#[test]
fn every_fixture_in_random_chunks() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for policy in [Whitespace::Auto, Whitespace::Keep] {
        let options = Options::new().whitespace(policy);
        for (path, body) in common::fixture_bodies() {
            let expected = whole(&body, options);
            for round in 0..8 {
                let chunks = random_split(&body, &mut rng);
                let got = common::json_chunks(chunks.iter().copied(), options);
                assert_eq!(
                    got,
                    expected,
                    "{} round {round}: {:?}",
                    path.display(),
                    chunks.len()
                );
            }
        }
    }
}

/// `finish` on a body cut short gives what `parse` gives on the cut body.
#[test]
fn finish_on_incomplete_input_gives_the_parse_error() {
    let mut rng = Rng(42);
    for (path, body) in common::fixture_bodies() {
        for cut in (0..body.len()).step_by(body.len().div_ceil(200).max(1)) {
            let prefix = &body[..cut];
            let expected = whole(prefix, Options::new());
            let chunks = random_split(prefix, &mut rng);
            let got = common::json_chunks(chunks.iter().copied(), Options::new());
            assert_eq!(got, expected, "{} cut at {cut}", path.display());
        }
    }
}

#[test]
fn a_huge_tag_fed_a_byte_at_a_time_stays_linear() {
    // quadratic rescanning would take minutes here; linear takes milliseconds
    let attrs = "a=\"x>y\" b='>' ".repeat(20_000);
    let body = format!("<BigResponse {attrs}><BigResult><V>1</V></BigResult></BigResponse>");
    let mut parser = StreamParser::new();
    for b in body.as_bytes() {
        parser
            .feed(Bytes::copy_from_slice(std::slice::from_ref(b)))
            .unwrap();
    }
    let response = parser.finish().unwrap();
    assert_eq!(response.action(), Some("Big"));
    let result = response.result().unwrap().unwrap();
    assert_eq!(result.get("V").and_then(Value::as_str), Some("1"));
}

#[test]
fn a_long_value_with_comments_fed_a_byte_at_a_time_stays_linear() {
    let value = "ab<!-- <x> -->&amp;<![CDATA[<y>]]>".repeat(5_000);
    let body = format!(
        "<ErrorResponse><Error><Code>C</Code><Message>{value}</Message></Error></ErrorResponse>"
    );
    let chunks: Vec<&[u8]> = body.as_bytes().chunks(1).collect();
    let got = common::json_chunks(chunks, Options::new());
    assert_eq!(got, whole(body.as_bytes(), Options::new()));
}

#[test]
fn feff_at_the_start_of_a_chunk_is_text_not_a_bom() {
    let body =
        "\u{FEFF}<GetResponse><GetResult><K>\u{FEFF}x</K></GetResult></GetResponse>".as_bytes();
    let at = body.windows(3).rposition(|w| w == b"\xEF\xBB\xBF").unwrap();
    let got = common::json_chunks([&body[..at], &body[at..]], Options::new()).unwrap();
    assert_eq!(got["result"]["K"], "\u{FEFF}x");
    assert_eq!(got, whole(body, Options::new()).unwrap());
    // a second U+FEFF before the root is text before the root, not a second BOM
    let two = "\u{FEFF}\u{FEFF}<a/>".as_bytes();
    let err = common::json_chunks([&two[..3], &two[3..]], Options::new()).unwrap_err();
    assert_eq!(err, "malformed: text before the root element at byte 3");
    assert_eq!(parse(two).unwrap_err().to_string(), err);
}

#[test]
fn a_result_within_one_chunk_shares_its_memory() {
    let body = Bytes::from_static(
        b"<ListResponse><ListResult><Items><member>a</member></Items></ListResult>\
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListResponse>",
    );
    let mut parser = StreamParser::new();
    parser.feed(body.clone()).unwrap();
    let response = parser.finish().unwrap();
    let result = response.result().unwrap().unwrap();
    let a = result.get("Items").and_then(Value::as_array).unwrap()[0]
        .as_str()
        .unwrap();
    assert!(
        body.as_ptr_range().contains(&a.as_ptr()),
        "the value is not in the chunk"
    );

    let shared = aws_query_xml::parse_bytes(&body).unwrap();
    let result = shared.result().unwrap().unwrap();
    let a = result.get("Items").and_then(Value::as_array).unwrap()[0]
        .as_str()
        .unwrap();
    assert!(body.as_ptr_range().contains(&a.as_ptr()));
}

#[test]
fn skip_result_keeps_the_envelope_only() {
    let body = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds/ses-send-email-success.xml"),
    )
    .unwrap();
    let options = Options::new().skip_result(true);
    for path in common::PATHS {
        let got = common::json(&body, options, *path).unwrap();
        assert_eq!(got["result"], serde_json::Value::Null, "{path:?}");
        assert_eq!(got["request_id"], "fd3ae762-2563-11df-8cd4-6d4e828a9ae8");
        assert_eq!(got["outcome"], "success");
    }
}

#[test]
fn an_error_stays_the_answer() {
    let mut parser = StreamParser::new();
    parser.feed(Bytes::from_static(b"<a></b>")).unwrap_err();
    let again = parser.feed(Bytes::from_static(b"<c/>")).unwrap_err();
    assert_eq!(
        again.to_string(),
        "malformed: end tag `b` does not match open element `a` at byte 3"
    );
    assert_eq!(parser.finish().unwrap_err().to_string(), again.to_string());
}

#[test]
fn readers_report_io_errors_with_the_offset_reached() {
    struct Failing(usize);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "the peer hung up",
                ));
            }
            let body = b"<ErrorResponse><Error>";
            let n = self.0.min(buf.len()).min(body.len());
            buf[..n].copy_from_slice(&body[..n]);
            self.0 = 0;
            Ok(n)
        }
    }
    let err = aws_query_xml::parse_reader(std::io::BufReader::new(Failing(22))).unwrap_err();
    assert_eq!(err.to_string(), "I/O error: connection reset at byte 22");
    assert_eq!(err.category(), aws_query_xml::Category::Io);
    assert_eq!(
        err.kind(),
        &aws_query_xml::ErrorKind::Io(std::io::ErrorKind::ConnectionReset)
    );
    // the reader's own error is kept, as the source
    let io = err.io_error().expect("the reader's error");
    assert_eq!(io.kind(), std::io::ErrorKind::ConnectionReset);
    let source = std::error::Error::source(&err).expect("a source");
    assert_eq!(source.to_string(), "the peer hung up");
}

/// Found by the `stream_options` fuzz target: a text value over the value
/// limit whose next tag is cut by a chunk boundary gave `max_token_bytes`
/// in the stream and `max_value_bytes` whole. Limits are now checked at the
/// same point on every path.
#[test]
fn limits_hit_at_the_same_point_on_every_path() {
    use aws_query_xml::Limits;
    let body: &[u8] =
        b"<Erro2Response>\n  \x1dErroResponse>\n  \x1dErro<ErrorRe<ErrorResponse>ss&am";
    let limits = Limits::new()
        .max_depth(1)
        .max_token_bytes(29)
        .max_value_bytes(7)
        .max_errors(3)
        .max_nodes(2);
    let options = Options::new().limits(limits).skip_result(true);
    let expected = whole(body, options);
    assert_eq!(
        expected,
        Err("over limit `max_value_bytes` = 7 at byte 15".to_owned())
    );
    let got = common::json_chunks([&body[..46], &body[46..57], &body[57..]], options);
    assert_eq!(got, expected);
    for cut in 0..=body.len() {
        assert_eq!(
            common::json_chunks([&body[..cut], &body[cut..]], options),
            expected,
            "cut at {cut}"
        );
    }
}

/// The fuzz findings: (body, `max_token_bytes`, `max_value_bytes`).
const FUZZ_FINDINGS: &[(&[u8], Option<usize>, Option<usize>)] = &[
    (b"\x1cL\x00\x00\xfe", None, None),
    (b"abcd\xf3", None, None),
    (b"<Error/>abcd\xfe", None, None),
    (b"zmzmzm", Some(5), None),
    (b"<!D\xff>", None, None),
    (b"<!DOCTYPE x>", Some(4), None),
    (b"<abcdefgh", Some(4), None),
    (b"<Req\x85>", Some(4), None),
    (b"<a>&abcdef<", Some(4), None),
    (b"<a>abcdef\xfeg</a>", Some(8), Some(4)),
    (b"<a>abcdefghijkl</a>", Some(8), Some(4)),
    (
        b"<AResponse><AResult><b>\xef\xbb\xbfabcdefghij</b></AResult></AResponse>",
        Some(12),
        None,
    ),
    (
        b"<?xml version=\"1.0\"?>\xef\xbb\xbf\xff\xff\xff<a/>",
        None,
        None,
    ),
    (b"\n x\xff<a/>", None, None),
    (b"<a/> \xe2\x82\xac\xff", None, None),
    (b" \xef\xbb\xbfabcdefghij\xff", Some(8), None),
    (
        b"<?x?>\xef\xbb\xbfD\x0fCTZ \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        Some(12),
        Some(6),
    ),
    (b"<a/>\n\xef\xbb\xbfxyzxyzxyz", Some(8), None),
    (
        b"&\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xfa\0\0",
        Some(14),
        Some(9),
    ),
    (b" &abcdefghijklmnopq", Some(6), None),
    (b"\t\t\t\t\t\t\t\t\t\t.\t\t\xd3\xd3.\xd3\xff", Some(8), None),
    (b"\t\t\t\t\t\t\t\t\t\t&amp;", Some(8), None),
    (b"\t\t\t\t\t\t\t\t\t\t\xef\xbb\xbfx", Some(8), None),
    (b"\xef\xbb\xbf \xef\xbb\xbfx", Some(2), None),
    (b"<a/>\xef\xbb\xbf", Some(0), None),
    (b"\xef\xbb\xbf<!LE>\x02Plt", Some(0), None),
    (b"<!LE><a/>", Some(1), None),
    (b"<!LE><a/>", Some(2), None),
    (b"<!LE><a/>", Some(3), None),
    (b"<a><!-x></a>", Some(2), None),
    (b"<a><!-x></a>", Some(3), None),
    (b"<a><![CDAx]]></a>", Some(5), None),
    (b"<a><![CDAx]]></a>", Some(7), None),
    (b"<a>\xef\xbb\xbf&xxxxxxxxxxxxxxxxxxxx</a>", Some(10), None),
    (
        b"<a>\xef\xbb\xbf\xef\xbb\xbfxyzxyzxyzxyz</a>",
        Some(10),
        Some(1),
    ),
    (b"<a>\xef\xbb\xbf<b/></a>", Some(10), Some(1)),
    (b"<a>\xef\xbb\xbf&amp;</a>", Some(10), Some(1)),
    (
        b"<a>\xef\xbb\xbf\x03\x03\x03\x03W\xbb</a>",
        Some(56),
        Some(0),
    ),
    (
        b"<a>\xef\xbb\xbf\x03\x03\x03\x03W\xbb</a>",
        Some(56),
        Some(5),
    ),
    (
        b"<a>\n&gte1Rsopsene>\n&gteqqqqqqqqqqqqqqqt;</a>",
        Some(29),
        Some(7),
    ),
    // an envelope field's text exactly at the value limit, cut after the
    // `<` of its end tag: the `<` is not part of the field (the stream said
    // `max_value_bytes`; fuzz, stream_options)
    (
        b"<ErrorResponse><Error><Code>Intode>InternalFailhrott,ing</Code></Error><RequestId>r</RequestId></ErrorResponse>",
        Some(55),
        Some(28),
    ),
    // a control character before the root (after a comment), then, past
    // the token limit, bytes that are not UTF-8: the character is the fault
    // on every path (the whole body said the token limit; fuzz,
    // stream_options)
    (
        b"<?xml version=\"1.0\" encoAding=\"UTF-8\"?>\x0a<!-- bevore thotmen:s</Requee root(-->\x0a  \x0d\x0d\x0d\x0d\x0d\x0d\x0d\x01\x00\x00\x00\x00\x00\x00\x0d\x0d\x04\x0d\x12\x12\x12\x12!\x12\x12\x12\x12\x12\x12\x12\x12\x12\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\xea\xf2\xf2\xf2\xf2\xf2$\xf2\x0d\x0d\x0d\x0drr<E\x0d\x0dor\xb1\xb1\xb1?>\x0ace\x0aSt<",
        Some(64),
        Some(55),
    ),
];

/// Found by fuzzing (`fuzz/README.md`, K1 to K13): bodies where a chunk
/// boundary changed the answer (text outside the root, a DOCTYPE, broken
/// tokens and values over tiny limits, U+FEFF at a slice start). Each body
/// at every two-chunk cut, and through a 1-byte reader, must give what the
/// whole body gives.
#[test]
fn fuzz_findings_agree_at_every_cut() {
    use aws_query_xml::Limits;
    for &(body, token, value) in FUZZ_FINDINGS {
        let mut limits = Limits::new();
        if let Some(n) = token {
            limits = limits.max_token_bytes(n);
        }
        if let Some(n) = value {
            limits = limits.max_value_bytes(n);
        }
        let options = Options::new().limits(limits);
        let expected = whole(body, options);
        for cut in 0..=body.len() {
            let got = common::json_chunks([&body[..cut], &body[cut..]], options);
            assert_eq!(
                got,
                expected,
                "{:?} cut at {cut}",
                String::from_utf8_lossy(body)
            );
        }
        let reader = options.parse_reader(common::Trickle::new(body, 1));
        let reader = reader
            .map(|r| serde_json::to_value(&r).unwrap())
            .map_err(|e| e.to_string());
        assert_eq!(
            reader,
            expected,
            "{:?} through a 1-byte reader",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn an_unclosed_reference_counts_to_its_end_on_every_path() {
    use aws_query_xml::Limits;
    let body: &[u8] = b"<AResponse><AResult>a&bcdefghijklmnopqrstuvwxyzbcdefghijklmnopq<b/></AResult></AResponse>";
    let options = Options::new().limits(Limits::new().max_token_bytes(29));
    let expected = whole(body, options);
    assert_eq!(
        expected,
        Err("over limit `max_token_bytes` = 29 at byte 21".to_owned())
    );
    for cut in 0..=body.len() {
        assert_eq!(
            common::json_chunks([&body[..cut], &body[cut..]], options),
            expected,
            "cut at {cut}"
        );
    }
}

/// Bodies whose pending token the old byte scanner thought complete at every
/// `>` while quick-xml waits for `-->` or `]]>`: fed a byte at a time, each
/// `>` made the stream read the whole unread tail again (quadratic: 64 KiB
/// took 20 s). The tail is now read again only once it has doubled, so
/// every such body reads in linear time, with the whole body's answer.
#[test]
fn unfinished_markup_fed_a_byte_at_a_time_is_read_in_linear_time() {
    let gts = ">".repeat(64 << 10);
    for head in [
        "<AResponse><!-x",
        "<AResponse><![x",
        "<AResponse><AResult><v>a<!-x",
        "<AResponse><AResult><v>a<![CDATA[x",
        "<AResponse><!--x",
    ] {
        let body = format!("{head}{gts}");
        let whole = parse(body.as_bytes())
            .map(|_| ())
            .map_err(|e| e.to_string());
        let mut parser = StreamParser::new();
        let mut fed = Ok(());
        for byte in body.as_bytes() {
            fed = parser.feed_slice(std::slice::from_ref(byte));
            if fed.is_err() {
                break;
            }
        }
        let streamed = fed
            .and_then(|()| parser.finish().map(|_| ()))
            .map_err(|e| e.to_string());
        assert_eq!(streamed, whole, "{head}");
    }
}

#[test]
fn a_kept_result_is_read_at_the_end() {
    // an `<XResponse>` root's content is kept unread until `finish` ...
    let body = b"<AResponse><AResult><X>1</Y></AResult></AResponse>";
    let whole = aws_query_xml::parse(body).unwrap_err();
    let mut parser = StreamParser::new();
    for chunk in body.chunks(5) {
        parser.feed_slice(chunk).unwrap();
    }
    assert_eq!(parser.bytes_fed(), body.len() as u64);
    let end = parser.finish().unwrap_err();
    assert_eq!(end.to_string(), whole.to_string());
    assert_eq!(end.offset(), Some(24)); // `</Y>`
    // ... and read as it comes when the result is skipped
    let mut parser = Options::new().skip_result(true).stream();
    let fed = body
        .chunks(5)
        .find_map(|chunk| parser.feed_slice(chunk).err())
        .unwrap();
    assert_eq!(fed.to_string(), whole.to_string());
}
