//! Work (d): the same 1 MiB bodies as `Bytes` and as chunks, against the
//! whole buffer, envelope only (`skip_result(true)`) and typed.
//!
//! Functions are `{mode}-{path}`: mode `envelope` or `typed`, path `whole`
//! (`Options::parse` / `from_slice` on `&[u8]`), `bytes`
//! (`Options::parse_bytes` / `Options::from_bytes`) or `chunks-8KiB` and
//! `chunks-16KiB` (`StreamParser::feed` of `Bytes` chunks, then `finish` /
//! `finish_as`).

use super::inputs::Input;
use super::ours::{self, Lengths};
use aws_query_xml::Options;
use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput};

/// The chunk sizes timed, in bytes.
pub const CHUNKS: [usize; 2] = [8 << 10, 16 << 10];

/// Registers the `stream` group on the 1 MiB inputs.
pub fn stream(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("stream");
    let envelope_only = Options::new().skip_result(true);
    for input in inputs.iter().filter(|input| input.is_large()) {
        let (name, kind, body) = (input.name, input.kind, input.body.as_slice());
        let bytes = Bytes::from(input.body.clone());
        group.throughput(Throughput::Bytes(body.len() as u64));

        group.bench_function(BenchmarkId::new("envelope-whole", name), |b| {
            b.iter(|| {
                let mut sink = Lengths::default();
                ours::envelope_with(&envelope_only, body, &mut sink);
                sink.0
            });
        });
        group.bench_function(BenchmarkId::new("envelope-bytes", name), |b| {
            b.iter(|| {
                let mut sink = Lengths::default();
                ours::envelope_bytes(&envelope_only, &bytes, &mut sink);
                sink.0
            });
        });
        for chunk in CHUNKS {
            let id = BenchmarkId::new(format!("envelope-chunks-{}KiB", chunk >> 10), name);
            group.bench_function(id, |b| {
                b.iter(|| {
                    let mut sink = Lengths::default();
                    ours::envelope_chunked(&envelope_only, &bytes, chunk, &mut sink);
                    sink.0
                });
            });
        }

        group.bench_function(BenchmarkId::new("typed-whole", name), |b| {
            b.iter(|| ours::typed(kind, body));
        });
        group.bench_function(BenchmarkId::new("typed-bytes", name), |b| {
            b.iter(|| ours::typed_bytes(kind, &bytes));
        });
        for chunk in CHUNKS {
            let id = BenchmarkId::new(format!("typed-chunks-{}KiB", chunk >> 10), name);
            group.bench_function(id, |b| {
                b.iter(|| ours::typed_chunked(kind, &bytes, chunk));
            });
        }
    }
    group.finish();
}
