//! Allocations, counted with dhat's allocator in testing mode (one test:
//! the counts are process-wide). Counts, not timings: they do not move with
//! the machine.

use std::borrow::Cow;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Heap blocks allocated while `f` runs: the fewest of three runs, as the
/// count is process-wide and the test harness's own thread may allocate
/// meanwhile (once, under load, it did); what `f` allocates is the same
/// every run.
fn blocks(f: impl Fn()) -> u64 {
    (0..3)
        .map(|_| {
            let before = dhat::HeapStats::get().total_blocks;
            f();
            dhat::HeapStats::get().total_blocks - before
        })
        .min()
        .unwrap_or(0)
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Two<'a> {
    #[serde(borrow, rename = "A")]
    a: Cow<'a, str>,
    #[serde(borrow, rename = "B")]
    b: Cow<'a, str>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Six<'a> {
    #[serde(borrow, rename = "A")]
    a: Cow<'a, str>,
    #[serde(borrow, rename = "B")]
    b: Cow<'a, str>,
    #[serde(borrow, rename = "C")]
    c: Cow<'a, str>,
    #[serde(borrow, rename = "D")]
    d: Cow<'a, str>,
    #[serde(borrow, rename = "E")]
    e: Cow<'a, str>,
    #[serde(borrow, rename = "F")]
    f: Cow<'a, str>,
}

#[test]
fn allocations() {
    let _profiler = dhat::Profiler::builder().testing().build();

    // A single-error envelope with no entities, parsed from `&[u8]`, against
    // quick-xml's own reader on the same bytes: at most one allocation more
    // (the list of errors; the open names, the envelope's frames and the
    // root's name are held in place or borrowed).
    let body: &[u8] = b"<ErrorResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\">\
<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>\
<RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId></ErrorResponse>";
    let quick_xml = blocks(|| {
        let mut reader = quick_xml::Reader::from_reader(body);
        while !matches!(
            reader.read_event(),
            Ok(quick_xml::events::Event::Eof) | Err(_)
        ) {}
    });
    let parse = blocks(|| {
        let response = aws_query_xml::parse(body).unwrap();
        assert_eq!(
            response.service_error().unwrap().code().as_str(),
            "Throttling"
        );
    });
    assert!(
        parse <= quick_xml + 1,
        "parse made {parse} allocations, quick-xml's reader {quick_xml}"
    );

    // Borrowed `Cow` fields cost no allocation each: six fields cost what
    // two cost.
    let two = b"<XResponse><XResult><A>a</A><B>b</B></XResult></XResponse>";
    let six = b"<XResponse><XResult><A>a</A><B>b</B><C>c</C><D>d</D><E>e</E><F>f</F>\
</XResult></XResponse>";
    let typed_two = blocks(|| {
        let two = aws_query_xml::from_slice::<Two>(two).unwrap();
        assert!(matches!(two.result().a, Cow::Borrowed("a")));
    });
    let typed_six = blocks(|| {
        let six = aws_query_xml::from_slice::<Six>(six).unwrap();
        assert!(matches!(six.result().f, Cow::Borrowed("f")));
    });
    assert_eq!(
        typed_six, typed_two,
        "six borrowed fields made {typed_six} allocations, two made {typed_two}"
    );
}
