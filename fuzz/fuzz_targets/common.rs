//! Helpers shared by the fuzz targets (included with `#[path]`, not a crate).
#![allow(dead_code)]

use aws_query_xml::{Category, Error, ErrorKind, Limit, Limits, Markup, Response, Whitespace};
use serde_json::Value as Json;

/// What a parse gave, in a form two input paths can be compared by:
/// the response's JSON (or the text of the error serializing it gave),
/// or the error's kind and offset.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Json(Result<Json, String>),
    Failed(ErrorKind, Option<u64>, String),
}

pub fn outcome(result: &Result<Response<'_>, Error>) -> Outcome {
    match result {
        Ok(response) => Outcome::Json(serde_json::to_value(response).map_err(|e| e.to_string())),
        Err(e) => Outcome::Failed(e.kind().clone(), e.offset(), e.to_string()),
    }
}

/// The same, with the JSON's `result` set to null (for `skip_result`).
pub fn envelope_outcome(result: &Result<Response<'_>, Error>) -> Outcome {
    match outcome(result) {
        Outcome::Json(Ok(mut json)) => {
            json["result"] = Json::Null;
            Outcome::Json(Ok(json))
        }
        other => other,
    }
}

/// Every error from a parse of `len` bytes: an offset within the body, a
/// message that renders and stays short (names are cut to 64 bytes), and
/// `limit()` exactly for `Category::Limit`.
pub fn check_error(err: &Error, len: usize) {
    let offset = err.offset().expect("a parse error has an offset");
    assert!(
        offset <= len as u64,
        "error offset {offset} past the body's end {len}: {err}"
    );
    let text = err.to_string();
    assert!(text.len() < 512, "error message of {} bytes: {text}", text.len());
    assert_eq!(
        err.limit().is_some(),
        err.category() == Category::Limit,
        "limit() {:?} vs category {:?}: {err}",
        err.limit(),
        err.category()
    );
    assert!(
        !matches!(err.category(), Category::Service | Category::Data | Category::Io),
        "a parse gave a {:?} error: {err}",
        err.category()
    );
}

/// Every `Ok` response: outcome, errors and result agree, codes round-trip,
/// serialization fails only when building the result does, and the JSON
/// says what the accessors say.
pub fn check_response(response: &Response<'_>, len: usize) {
    let error = response.service_error();
    assert_eq!(response.is_success(), error.is_none());
    if let Some(error) = error {
        assert!(!error.errors().is_empty(), "an error outcome with no error entry");
        for entry in error.errors() {
            let code = entry.code();
            let text = code.as_str();
            let back: aws_query_xml::ErrorCode = text.parse().expect("FromStr is infallible");
            assert_eq!(&back, code, "code {text:?} does not round-trip");
            assert_eq!(code.to_string(), text);
        }
        let _ = error.to_string();
    }
    let result = response.result();
    match &result {
        Ok(Some(value)) => {
            assert!(error.is_none(), "an error outcome with a result");
            assert!(value.as_object().is_some(), "a result that is not an object");
        }
        Ok(None) => assert!(error.is_some() || skipped(response), "a success without a result"),
        Err(e) => {
            check_error(e, len);
            assert_eq!(e.category(), Category::Limit, "result() failed: {e}");
        }
    }
    let json = serde_json::to_vec(response);
    assert_eq!(json.is_ok(), result.is_ok(), "serialization vs result(): {:?}", json.err());
    if let Ok(bytes) = json {
        let json: Json = serde_json::from_slice(&bytes).expect("the JSON reads back");
        let errors = json["errors"].as_array().expect("errors is an array");
        assert_eq!(
            json["outcome"] == "error",
            !errors.is_empty(),
            "outcome vs errors: {json}"
        );
        assert_eq!(json["request_id"].as_str(), response.request_id());
        assert_eq!(json["action"].as_str(), response.action());
        assert_eq!(json["soap"].as_bool(), Some(response.is_soap()));
        assert_eq!(json["envelope"].as_str(), Some(response.envelope().as_str()));
    }
}

/// A success whose result was not kept has `result() == Ok(None)`; a parse
/// without `skip_result` never does (checked by the caller).
fn skipped(response: &Response<'_>) -> bool {
    SKIPPED.with(|s| s.get()) && response.is_success()
}

thread_local! {
    /// Set by a target while it checks a `skip_result` response.
    pub static SKIPPED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A small deterministic generator (splitmix64) for choices derived from
/// one input byte.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// FNV-1a of the input: split points that change with every mutation.
pub fn fnv(data: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Options from one byte: a policy and five limits, each small or default.
pub fn options(byte: u8) -> (Whitespace, Limits) {
    let whitespace = match byte % 3 {
        0 => Whitespace::Auto,
        1 => Whitespace::Keep,
        _ => Whitespace::Trim,
    };
    let mut rng = Rng(u64::from(byte));
    let mut pick = |small: u64| -> Option<usize> {
        // one time in four, keep the default
        if rng.below(4) == 0 { None } else { Some(rng.below(small + 1) as usize) }
    };
    let mut limits = Limits::new();
    if let Some(n) = pick(8) {
        limits = limits.max_depth(n);
    }
    if let Some(n) = pick(64) {
        limits = limits.max_token_bytes(n);
    }
    if let Some(n) = pick(64) {
        limits = limits.max_value_bytes(n);
    }
    if let Some(n) = pick(4) {
        limits = limits.max_errors(n);
    }
    if let Some(n) = pick(8) {
        limits = limits.max_nodes(n);
    }
    (whitespace, limits)
}


/// Discrepancies already reported, tolerated so that a run goes on to find
/// others; `FUZZ_STRICT=1` in the environment turns them back into failures.
///
/// K1: the stream judges the first piece of a text run outside the root (or
/// of a `<!D...` markup, K2) on its own and says `TextBeforeRoot` /
/// `TrailingContent` (K2: `DocType`) at the run's start, where `parse`, which
/// sees the whole token, says what is wrong further in it: `InvalidUtf8`, a
/// UTF-8 sequence cut by the end, or `max_token_bytes`/`max_value_bytes`.
/// (`61 62 63 64 fe` cut at 4; `3c 21 44 ff 3e` cut at 4; `zmzmzm` with
/// `max_token_bytes(5)` cut at 4; for a run with leading whitespace the
/// stream's offset is the first other character, the limit's the run's
/// start.)
///
/// K3: a token or text run over `max_token_bytes` or `max_value_bytes` with
/// another fault in it or after it: the body ends inside it (a tag, comment,
/// CDATA, PI), it holds invalid UTF-8, a bad `&` reference... `parse` names
/// the other fault (truncated at the end, `InvalidUtf8` at the bad byte,
/// `Syntax` at the `&`); the stream, whose chunk ends inside the token, says
/// the limit at the token's start; for truncation even when fed the whole
/// body as one chunk. (`<abcdefgh` with `max_token_bytes(4)`, any cut;
/// `<Req\x85>` with `max_token_bytes(4)` cut at 5; `<a>&abcdef<` with
/// `max_token_bytes(4)` cut at 8; `<a>abcdef\xfeg</a>` with
/// `max_token_bytes(8).max_value_bytes(4)` cut at 8.)
///
/// K4: a text token over both `max_token_bytes` and `max_value_bytes`:
/// `parse` names `max_token_bytes`, a stream cut inside the token names
/// `max_value_bytes` (`<a>abcdefghijkl</a>` with
/// `max_token_bytes(8).max_value_bytes(4)`, cut at 8). (Before 511bfe5 also:
/// `feed`'s fallback named `max_token_bytes` at the start of an unfinished
/// tail holding a text run and the start of the next tag,
/// `<a>abcdef<bbbbbbbb/></a>` with `max_token_bytes(10).max_value_bytes(4)`
/// cut at 1 and 18; fixed there.)
///
/// K5: a text token that starts with U+FEFF and that a chunk starts at (or
/// inside the U+FEFF): the stream reads the U+FEFF apart and does not count
/// it in the token, so a token over `max_token_bytes` by up to 3 bytes
/// passes (`Ok` where `parse` says `max_token_bytes`), and a longer one is
/// reported 3 bytes later
/// (`<AResponse><AResult><b>\xef\xbb\xbfabcdefghij</b></AResult></AResponse>`
/// with `max_token_bytes(12)`, cut at 23).
pub fn known_issue(expected: &Outcome, got: &Outcome, body: &[u8]) -> Option<&'static str> {
    if strict() {
        return None;
    }
    if let Outcome::Failed(ErrorKind::LimitExceeded { limit: Limit::TokenBytes | Limit::ValueBytes, .. }, Some(bad), _) =
        expected
    {
        let bad = usize::try_from(*bad).unwrap_or(usize::MAX);
        if body.get(bad..).is_some_and(|rest| rest.starts_with(b"\xef\xbb\xbf")) {
            return Some("K5");
        }
    }
    let (Outcome::Failed(want, Some(bad), _), Outcome::Failed(kind, Some(at), _)) = (expected, got)
    else {
        return None;
    };
    let later_in_token = matches!(
        want,
        ErrorKind::InvalidUtf8
            | ErrorKind::EofInMarkup(Markup::Utf8Char)
            | ErrorKind::LimitExceeded { limit: Limit::TokenBytes | Limit::ValueBytes, .. }
    );
    match kind {
        // the limit is reported at the token's start, leading whitespace
        // included; the misplaced text at its first other character
        ErrorKind::TextBeforeRoot | ErrorKind::TrailingContent if later_in_token => Some("K1"),
        ErrorKind::DocType if later_in_token => Some("K2"),
        ErrorKind::LimitExceeded { limit: Limit::TokenBytes | Limit::ValueBytes, .. }
            if matches!(want.category(), Category::Truncated | Category::Malformed) && at <= bad =>
        {
            Some("K3")
        }
        ErrorKind::LimitExceeded { limit: Limit::TokenBytes | Limit::ValueBytes, .. }
            if matches!(want, ErrorKind::LimitExceeded { limit: Limit::TokenBytes | Limit::ValueBytes, .. })
                && at <= bad =>
        {
            Some("K4")
        }
        _ => None,
    }
}

fn strict() -> bool {
    static STRICT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    // K1-K5 are fixed (tests/stream.rs): strict unless asked to tolerate them
    *STRICT.get_or_init(|| !std::env::var_os("FUZZ_TOLERATE_KNOWN").is_some_and(|v| v == "1"))
}

/// `assert_eq!(got, expected)` but for a known issue.
#[track_caller]
pub fn assert_same(got: &Outcome, expected: &Outcome, body: &[u8], what: std::fmt::Arguments<'_>) {
    if got == expected {
        return;
    }
    match known_issue(expected, got, body) {
        None => panic!("{what}\n   got: {got:?}\nexpected: {expected:?}"),
        Some(id) => {
            // say once per process and issue that the run met it
            static SEEN: std::sync::Mutex<Vec<&str>> = std::sync::Mutex::new(Vec::new());
            let mut seen = SEEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if !seen.contains(&id) {
                seen.push(id);
                eprintln!("known issue {id} met: {what}\n   got: {got:?}\nexpected: {expected:?}");
            }
        }
    }
}

/// A reader that gives at most `step` bytes a read, as a slow socket does.
pub struct Trickle<'a>(pub &'a [u8], pub usize);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.max(1).min(buf.len()).min(self.0.len());
        let (now, rest) = self.0.split_at(n);
        buf[..n].copy_from_slice(now);
        self.0 = rest;
        Ok(n)
    }
}
