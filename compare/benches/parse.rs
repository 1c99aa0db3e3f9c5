//! aws-query-xml against peers doing the same work, in the same run, on the
//! six inputs of `../benches/common/inputs.rs`; `python3 ratios.py` turns
//! criterion's estimates into the ratio tables of `RESULTS.md`.
//!
//! Groups (criterion function = implementation, value = input):
//!
//! - `envelope` (a): request id and every error, through `parse`, against
//!   the quick-xml event loop (the floor) and a roxmltree DOM;
//! - `typed` (b): the typed result (or the error), through `from_slice`,
//!   against quick-xml's serde deserializer and aws-smithy-xml;
//! - `result` (c): `parse` then `Response::result`, visiting every text,
//!   against a roxmltree DOM visiting every leaf's text;
//! - `stream` (d): ours alone, `Bytes` and 8/16 KiB chunks against the whole
//!   buffer (`../benches/common/stream.rs`).
//!
//! `tests/equivalence.rs` checks that every variant extracts the same values.

#[path = "../../benches/common/stream.rs"]
mod stream;

use aws_query_xml_compare::inputs::{self, Input, Kind};
use aws_query_xml_compare::ours::{self, Lengths, Typed};
use aws_query_xml_compare::{floor, quick_xml_serde, roxmltree_dom, smithy};
use criterion::{BenchmarkId, Criterion, Throughput};

fn envelope(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("envelope");
    for input in inputs {
        let body = input.body.as_slice();
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(BenchmarkId::new("aws-query-xml", input.name), |b| {
            b.iter(|| {
                let mut sink = Lengths::default();
                ours::envelope(body, &mut sink);
                sink.0
            });
        });
        group.bench_function(BenchmarkId::new("quick-xml-events", input.name), |b| {
            b.iter(|| floor::quick_xml_events(body).unwrap());
        });
        group.bench_function(BenchmarkId::new("roxmltree", input.name), |b| {
            b.iter(|| {
                let mut sink = Lengths::default();
                roxmltree_dom::envelope(body, &mut sink);
                sink.0
            });
        });
    }
    group.finish();
}

/// One implementation of the typed work.
type TypedFn = fn(Kind, &[u8]) -> Typed;

fn typed(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("typed");
    let variants: [(&str, TypedFn); 3] = [
        ("aws-query-xml", ours::typed),
        ("quick-xml-serde", quick_xml_serde::typed),
        ("aws-smithy-xml", smithy::typed),
    ];
    for input in inputs {
        let (kind, body) = (input.kind, input.body.as_slice());
        group.throughput(Throughput::Bytes(body.len() as u64));
        for (name, f) in variants {
            group.bench_function(BenchmarkId::new(name, input.name), |b| {
                b.iter(|| f(kind, body));
            });
        }
    }
    group.finish();
}

fn result(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("result");
    for input in inputs.iter().filter(|input| input.kind != Kind::Error) {
        let body = input.body.as_slice();
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(BenchmarkId::new("aws-query-xml", input.name), |b| {
            b.iter(|| {
                let mut total = 0;
                ours::result_texts(body, &mut |text| total += text.len());
                total
            });
        });
        group.bench_function(BenchmarkId::new("roxmltree", input.name), |b| {
            b.iter(|| {
                let mut total = 0;
                roxmltree_dom::result_texts(body, &mut |text| total += text.len());
                total
            });
        });
    }
    group.finish();
}

fn main() {
    let inputs = inputs::all();
    let mut c = Criterion::default().configure_from_args();
    envelope(&mut c, &inputs);
    typed(&mut c, &inputs);
    result(&mut c, &inputs);
    stream::stream(&mut c, &inputs);
    c.final_summary();
}
