//! aws-query-xml against peers doing the same work, in the same run.
//! `python3 ratios.py` turns criterion's estimates into ratio tables.

use aws_query_xml_compare as peers;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/seeds/ses-error-response-padded.xml"
    ))
    .expect("the seed fixture");
    vec![
        ("ses-error-seed", seed),
        ("ec2-errors-100", peers::ec2_errors(100)),
        ("sqs-receive-1MiB", peers::sqs_receive(1 << 20)),
    ]
}

fn envelope(c: &mut Criterion) {
    let mut group = c.benchmark_group("envelope");
    for (name, body) in inputs() {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("aws-query-xml", name), &body, |b, body| {
            b.iter(|| {
                let r = aws_query_xml::parse(body).unwrap();
                (
                    r.request_id().map(str::len),
                    r.service_error().map(|e| e.errors().len()),
                )
            });
        });
        group.bench_with_input(
            BenchmarkId::new("quick-xml-events", name),
            &body,
            |b, body| {
                b.iter(|| peers::quick_xml_events(body));
            },
        );
        group.bench_with_input(BenchmarkId::new("roxmltree", name), &body, |b, body| {
            b.iter(|| peers::roxmltree_envelope(body));
        });
    }
    group.finish();
}

fn result_tree(c: &mut Criterion) {
    let mut group = c.benchmark_group("result");
    let body = peers::sqs_receive(1 << 20);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function(BenchmarkId::new("aws-query-xml", "sqs-receive-1MiB"), |b| {
        b.iter(|| {
            let r = aws_query_xml::parse(&body).unwrap();
            r.result()
                .unwrap()
                .map(|v| v.as_object().map(aws_query_xml::Map::len))
        });
    });
    group.bench_function(BenchmarkId::new("roxmltree", "sqs-receive-1MiB"), |b| {
        b.iter(|| peers::roxmltree_all_text(&body));
    });
    group.finish();
}

/// Deserializing the 1 MiB `ReceiveMessage` into the same serde types:
/// `from_slice` against quick-xml's serde deserializer.
fn typed(c: &mut Criterion) {
    let mut group = c.benchmark_group("typed");
    let body = peers::sqs_receive(1 << 20);
    group.throughput(Throughput::Bytes(body.len() as u64));
    let expected = peers::quick_xml_serde_receive(&body).expect("quick-xml reads the body");
    let ours = aws_query_xml::from_slice::<peers::ReceiveMessageResult>(&body).unwrap();
    assert_eq!(ours.result().message.len(), expected.0);
    assert_eq!(ours.request_id(), Some(expected.1.as_str()));
    group.bench_function(BenchmarkId::new("aws-query-xml", "sqs-receive-1MiB"), |b| {
        b.iter(|| {
            let r = aws_query_xml::from_slice::<peers::ReceiveMessageResult>(&body).unwrap();
            (r.result().message.len(), r.request_id().map(str::len))
        });
    });
    group.bench_function(BenchmarkId::new("quick-xml-serde", "sqs-receive-1MiB"), |b| {
        b.iter(|| peers::quick_xml_serde_receive(&body));
    });
    group.finish();
}

/// Chunked input (the push parser, 8 and 16 KiB chunks) against the whole
/// buffer, on the same 1 MiB body, with the result and envelope only.
fn streaming(c: &mut Criterion) {
    let mut group = c.benchmark_group("stream");
    let body = bytes::Bytes::from(peers::sqs_receive(1 << 20));
    group.throughput(Throughput::Bytes(body.len() as u64));
    for (name, options) in [
        ("result", aws_query_xml::Options::new()),
        (
            "envelope-only",
            aws_query_xml::Options::new().skip_result(true),
        ),
    ] {
        group.bench_function(
            BenchmarkId::new("aws-query-xml", format!("whole-{name}")),
            |b| {
                b.iter(|| options.parse(&body).unwrap().request_id().map(str::len));
            },
        );
        for kib in [8, 16] {
            group.bench_function(
                BenchmarkId::new("aws-query-xml", format!("chunks-{kib}KiB-{name}")),
                |b| {
                    b.iter(|| {
                        let mut parser = options.stream();
                        let mut rest = body.clone();
                        while !rest.is_empty() {
                            let chunk = rest.split_to(rest.len().min(kib << 10));
                            parser.feed(chunk).unwrap();
                        }
                        parser.finish().unwrap().request_id().map(str::len)
                    });
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, envelope, result_tree, typed, streaming);
criterion_main!(benches);
