//! One case, every input path: the helpers every test uses to parse a body.

#![allow(dead_code)]

use aws_query_xml::{Options, Response};
use bytes::Bytes;

/// An input path: how the body reaches the parser.
#[derive(Debug, Clone, Copy)]
pub enum Path {
    /// `Options::parse(&[u8])`, values borrowed from the body.
    Slice,
    /// `Options::parse(&[u8])`, then `Response::into_owned()` and the body dropped.
    Owned,
    /// `Options::parse_bytes(&Bytes)`.
    Bytes,
    /// `StreamParser::feed` with `Bytes` chunks of this size.
    Chunks(usize),
    /// `StreamParser::feed_slice` with slices of this size.
    Slices(usize),
    /// `Options::parse_reader` over a `BufReader` of this capacity.
    Reader(usize),
    /// `Options::parse_async` over a tokio `BufReader` of this capacity.
    #[cfg(feature = "tokio")]
    Async(usize),
}

pub const PATHS: &[Path] = &[
    Path::Slice,
    Path::Owned,
    Path::Bytes,
    Path::Chunks(1),
    Path::Chunks(7),
    Path::Chunks(64),
    Path::Slices(3),
    Path::Reader(5),
    Path::Reader(8192),
    #[cfg(feature = "tokio")]
    Path::Async(1),
    #[cfg(feature = "tokio")]
    Path::Async(16),
];

fn to_json(r: &Response<'_>) -> Result<serde_json::Value, String> {
    serde_json::to_value(r).map_err(|e| e.to_string())
}

/// Feeds `chunks` to a push parser and gives its JSON (or its error's text).
pub fn json_chunks<'c>(
    chunks: impl IntoIterator<Item = &'c [u8]>,
    options: Options,
) -> Result<serde_json::Value, String> {
    let mut parser = options.stream();
    for chunk in chunks {
        parser
            .feed(Bytes::copy_from_slice(chunk))
            .map_err(|e| e.to_string())?;
    }
    to_json(&parser.finish().map_err(|e| e.to_string())?)
}

/// The CLI's JSON for a body (or the error's text), through one path.
pub fn json(body: &[u8], options: Options, path: Path) -> Result<serde_json::Value, String> {
    match path {
        Path::Slice => to_json(&options.parse(body).map_err(|e| e.to_string())?),
        Path::Owned => {
            let copy = body.to_vec();
            let response = options
                .parse(&copy)
                .map_err(|e| e.to_string())?
                .into_owned();
            drop(copy);
            to_json(&response)
        }
        Path::Bytes => {
            let bytes = Bytes::copy_from_slice(body);
            to_json(&options.parse_bytes(&bytes).map_err(|e| e.to_string())?)
        }
        Path::Chunks(n) => json_chunks(body.chunks(n), options),
        Path::Slices(n) => {
            let mut parser = options.stream();
            for chunk in body.chunks(n) {
                parser.feed_slice(chunk).map_err(|e| e.to_string())?;
            }
            to_json(&parser.finish().map_err(|e| e.to_string())?)
        }
        Path::Reader(n) => {
            let reader = std::io::BufReader::with_capacity(n, body);
            to_json(&options.parse_reader(reader).map_err(|e| e.to_string())?)
        }
        #[cfg(feature = "tokio")]
        Path::Async(n) => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            runtime.block_on(async {
                let reader = tokio::io::BufReader::with_capacity(n, body);
                to_json(
                    &options
                        .parse_async(reader)
                        .await
                        .map_err(|e| e.to_string())?,
                )
            })
        }
    }
}

/// The JSON through every path, checking that all paths agree.
pub fn json_all_paths(body: &[u8], options: Options) -> Result<serde_json::Value, String> {
    let first = json(body, options, PATHS[0]);
    for &path in &PATHS[1..] {
        let other = json(body, options, path);
        assert_eq!(
            first, other,
            "input path {path:?} disagrees with {:?}",
            PATHS[0]
        );
    }
    first
}

/// Every fixture body (`fixtures/**/*.xml`), sorted by path.
pub fn fixture_bodies() -> Vec<(std::path::PathBuf, Vec<u8>)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "xml") {
                let body = std::fs::read(&path).unwrap();
                out.push((path, body));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut out,
    );
    out.sort();
    out
}
