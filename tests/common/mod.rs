//! One case, every input path: the helpers every test uses to parse a body.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Once;

use aws_query_xml::{Options, Response};
use bytes::Bytes;

/// The shared conformance corpus: `../shared/conformance/` beside the
/// repository (CI always has it; a fresh clone alone does not).
pub const SHARED_CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/conformance/");

/// Set (to anything but empty or `0`), a missing corpus fails the tests
/// instead of skipping them: `.ci/run` sets it.
pub const REQUIRE_CORPUS_VAR: &str = "AWS_QUERY_XML_REQUIRE_CORPUS";

/// Whether the environment variable `var` is set to anything but empty or `0`.
pub fn required(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `rel` under the shared corpus (`../shared/conformance/<rel>`), if it is
/// there. If not: with [`REQUIRE_CORPUS_VAR`] set, panics; otherwise says
/// (once per test binary, see [`skipped`]) that `what` is skipped, and gives
/// `None`, for the test to return early.
#[track_caller]
pub fn corpus(rel: &str, what: &str) -> Option<PathBuf> {
    let path = PathBuf::from(format!("{SHARED_CORPUS}{rel}"));
    if path.exists() {
        return Some(path);
    }
    // the same place, without the `..`
    let beside = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(std::path::Path::new(".."))
        .join("shared/conformance")
        .join(rel);
    let why = format!(
        "the conformance corpus ../shared/conformance/{rel} is missing (no {})",
        beside.display()
    );
    assert!(
        !required(REQUIRE_CORPUS_VAR),
        "{REQUIRE_CORPUS_VAR} is set, but {why}: put the shared folder beside the repository"
    );
    skipped(
        what,
        &format!(
            "{why}. To run them, put the shared folder beside the repository \
             (../shared/conformance/); {REQUIRE_CORPUS_VAR}=1 turns this skip into a failure"
        ),
    );
    None
}

/// Says that `what` (in the calling test file) is skipped, and `why`: one
/// line per test binary, the first call's. Written to stderr directly, not
/// with `eprintln!`, so that libtest's output capture (which takes only the
/// `print!`/`eprint!` macros' output, and shows it only for failing tests)
/// cannot hide it: a skipped run must not look like a passing one.
#[track_caller]
pub fn skipped(what: &str, why: &str) {
    static ONCE: Once = Once::new();
    let file = std::panic::Location::caller().file();
    ONCE.call_once(|| {
        let _ = writeln!(std::io::stderr().lock(), "{file}: SKIPPED {what}: {why}");
    });
}

/// An input path: how the body reaches the parser.
#[derive(Debug, Clone, Copy)]
pub enum Path {
    /// `Options::parse(&[u8])`, values borrowed from the body.
    Slice,
    /// `Options::parse(&[u8])` with `build_result(true)`: the result's
    /// tree built in the same pass.
    Built,
    /// `Options::parse(&[u8])`, then `Response::into_owned()` and the body dropped.
    Owned,
    /// `Options::parse_bytes(&Bytes)`.
    Bytes,
    /// `StreamParser::feed` with `Bytes` chunks of this size.
    Chunks(usize),
    /// `StreamParser::feed_slice` with slices of this size.
    Slices(usize),
    /// `Options::parse_reader` over a reader that gives at most this many
    /// bytes a read ([`Trickle`]).
    Reader(usize),
    /// `Options::parse_async` over a reader that gives at most this many
    /// bytes a read.
    #[cfg(feature = "tokio")]
    Async(usize),
}

pub const PATHS: &[Path] = &[
    Path::Slice,
    Path::Built,
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
        Path::Built => to_json(
            &options
                .build_result(true)
                .parse(body)
                .map_err(|e| e.to_string())?,
        ),
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
            let reader = Trickle::new(body, n);
            to_json(&options.parse_reader(reader).map_err(|e| e.to_string())?)
        }
        #[cfg(feature = "tokio")]
        Path::Async(n) => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            runtime.block_on(async {
                let reader = Trickle::new(body, n);
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

#[path = "fixtures.rs"]
mod fixtures;
#[allow(unused_imports)] // not every test file reads the fixtures
pub use fixtures::fixture_bodies;

/// A reader that gives at most `step` bytes a read, as a slow socket does:
/// the readers' chunking, whatever their buffer.
pub struct Trickle<'a> {
    rest: &'a [u8],
    step: usize,
}

impl<'a> Trickle<'a> {
    pub fn new(body: &'a [u8], step: usize) -> Self {
        Trickle {
            rest: body,
            step: step.max(1),
        }
    }

    fn take(&mut self, room: usize) -> &'a [u8] {
        let n = self.step.min(room).min(self.rest.len());
        let (now, rest) = self.rest.split_at(n);
        self.rest = rest;
        now
    }
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let now = self.take(buf.len());
        buf[..now.len()].copy_from_slice(now);
        Ok(now.len())
    }
}

#[cfg(feature = "tokio")]
impl tokio::io::AsyncRead for Trickle<'_> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let now = self.take(buf.remaining());
        buf.put_slice(now);
        std::task::Poll::Ready(Ok(()))
    }
}
