//! `aws-query-xml` alone, on the six inputs of `common/inputs.rs`:
//!
//! - `parse`: the envelope (request id, every error) through `parse`;
//! - `from_slice`: the typed result (or, on an error body, the error);
//! - `result`: `parse`, then `Response::result`, visiting every text;
//! - `parse_bytes`: the envelope through `parse_bytes`;
//! - `stream`: the 1 MiB bodies as `Bytes` and as 8 and 16 KiB chunks
//!   against the whole buffer, envelope only and typed.
//!
//! `cargo bench --bench parse [-- FILTER]`. The same works against peer
//! parsers, for ratios, are in `compare/`.

#[allow(dead_code, reason = "shared with compare/, which uses all of it")]
mod common;

use bytes::Bytes;
use common::inputs::{self, Input, Kind};
use common::ours::{self, Lengths};
use criterion::{BenchmarkId, Criterion, Throughput};

fn parse(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("parse");
    for input in inputs {
        group.throughput(Throughput::Bytes(input.body.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(input.name), |b| {
            b.iter(|| {
                let mut sink = Lengths::default();
                ours::envelope(&input.body, &mut sink);
                sink.0
            });
        });
    }
    group.finish();
}

fn from_slice(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("from_slice");
    for input in inputs {
        group.throughput(Throughput::Bytes(input.body.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(input.name), |b| {
            b.iter(|| ours::typed(input.kind, &input.body));
        });
    }
    group.finish();
}

fn result(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("result");
    for input in inputs.iter().filter(|input| input.kind != Kind::Error) {
        group.throughput(Throughput::Bytes(input.body.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(input.name), |b| {
            b.iter(|| {
                let mut total = 0;
                ours::result_texts(&input.body, &mut |text| total += text.len());
                total
            });
        });
    }
    group.finish();
}

fn parse_bytes(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("parse_bytes");
    let options = aws_query_xml::Options::new();
    for input in inputs {
        let body = Bytes::from(input.body.clone());
        group.throughput(Throughput::Bytes(input.body.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(input.name), |b| {
            b.iter(|| {
                let mut sink = Lengths::default();
                ours::envelope_bytes(&options, &body, &mut sink);
                sink.0
            });
        });
    }
    group.finish();
}

fn main() {
    let inputs = inputs::all();
    let mut c = Criterion::default().configure_from_args();
    parse(&mut c, &inputs);
    from_slice(&mut c, &inputs);
    result(&mut c, &inputs);
    parse_bytes(&mut c, &inputs);
    common::stream::stream(&mut c, &inputs);
    c.final_summary();
}
