//! Envelope-only memory, measured with dhat's allocator in testing mode
//! (one test: the counts are process-wide): an envelope's fields are
//! bounded by `max_field_bytes` as the bytes arrive, so a body of errors
//! with huge messages costs what the limits allow, whatever its size.

use aws_query_xml::{Limit, Options};
use bytes::Bytes;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

const MIB: usize = 1 << 20;

/// An `<ErrorResponse>` with four errors whose messages are 8 MiB each,
/// built in one allocation of its exact size.
fn four_huge_errors() -> Vec<u8> {
    let head = b"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">";
    let open = b"<Error><Type>Sender</Type><Code>Throttling</Code><Message>";
    let close = b"</Message></Error>";
    let tail = b"<RequestId>r-1</RequestId></ErrorResponse>";
    let len = head.len() + 4 * (open.len() + 8 * MIB + close.len()) + tail.len();
    let mut body = Vec::with_capacity(len);
    body.extend_from_slice(head);
    for _ in 0..4 {
        body.extend_from_slice(open);
        body.resize(body.len() + 8 * MIB, b'x');
        body.extend_from_slice(close);
    }
    body.extend_from_slice(tail);
    assert_eq!(body.len(), len);
    body
}

/// The peak of live heap bytes while `f` runs, beyond those live before.
/// dhat keeps one peak since the profiler started, so a step's figure is
/// the largest of this step's and the steps' before it: an upper bound.
fn peak_beyond(f: impl FnOnce()) -> usize {
    let before = dhat::HeapStats::get().curr_bytes;
    f();
    dhat::HeapStats::get().max_bytes.saturating_sub(before)
}

#[test]
fn envelope_only_memory_is_bounded_by_the_limits() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let body = four_huge_errors();
    let first_message = body.windows(9).position(|w| w == b"<Message>").unwrap() + 9;
    let expected = format!("over limit `max_field_bytes` = 65536 at byte {first_message}");
    // the body is the largest block so far: every peak below is measured
    // from the body alone
    assert!(dhat::HeapStats::get().max_bytes < body.len() + MIB);

    // `--no-result`'s path: a stream fed 16 KiB chunks as an HTTP client
    // gives them; the error comes once the first message passes 64 KiB
    let streamed = peak_beyond(|| {
        let mut parser = Options::new().skip_result(true).stream();
        let mut fed = 0;
        let err = body
            .chunks(16 << 10)
            .find_map(|chunk| {
                fed += chunk.len();
                parser.feed(Bytes::copy_from_slice(chunk)).err()
            })
            .expect("refused while feeding");
        assert_eq!(err.limit(), Some(Limit::FieldBytes));
        assert_eq!(err.to_string(), expected);
        assert!(fed < first_message + MIB, "refused after {fed} bytes");
    });
    assert!(streamed < 16 * MIB, "the stream peaked at {streamed} bytes");

    // the reader the CLI's `--no-result` reads through
    let read = peak_beyond(|| {
        let err = Options::new()
            .skip_result(true)
            .parse_reader(&body[..])
            .unwrap_err();
        assert_eq!(err.to_string(), expected);
    });
    assert!(read < 16 * MIB, "the reader peaked at {read} bytes");

    // the whole body: fields borrow from it, and the first is refused
    let whole = peak_beyond(|| {
        let err = aws_query_xml::parse(&body).unwrap_err();
        assert_eq!(err.to_string(), expected);
    });
    assert!(
        whole < 16 * MIB,
        "parse peaked at {whole} bytes beyond the body"
    );
    eprintln!("peaks beyond the body: stream {streamed}, reader {read}, parse {whole} bytes");
}
