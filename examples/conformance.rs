//! Checks the parser against the shared conformance corpus: bodies nobody on
//! this project wrote (botocore's corpus and unit-test fixtures, the Smithy
//! protocol tests, a moto server, AWS documentation).
//!
//! ```sh
//! cargo run --example conformance --features time,base64 -- ../shared/conformance
//! ```
//!
//! Every case is judged by the rules in the corpus's README, through
//! [`aws_query_xml::parse`], and the same body fed to a [`StreamParser`] in
//! 7-byte chunks must give the same answer. The `moto/` and `aws-docs/`
//! bodies, and the fixtures where this crate deliberately differs from
//! botocore, are judged by the hand-kept table `conformance/expected.json`.
//! Prints a summary per folder, then every case not judged and every
//! deliberate difference with its reason, then every failure; exits 1 on any
//! failure, 2 when the corpus cannot be read.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aws_query_xml::{Error, ErrorCode, ErrorKind, Response, ServiceError, StreamParser, Value};
use serde::de::IntoDeserializer;
use serde_json::{Map as JsonMap, Value as Json};

/// The hand-kept expectations, beside this crate's manifest.
const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/expected.json");

/// The chunk size the stream path is fed with.
const CHUNK: usize = 7;

/// What a case came to.
enum Verdict {
    Pass,
    Fail(String),
    NotJudged(String),
}

/// The verdicts of one folder, in the order the cases were read.
type Cases = Vec<(String, Verdict)>;

/// Everything the run found, by folder.
struct Run {
    folders: Vec<(String, Cases)>,
    /// Deliberate differences from botocore's expectation: (case, reason).
    differences: Vec<(String, String)>,
    /// The table's entries no case has taken yet: at the end, the stale ones.
    table: JsonMap<String, Json>,
}

impl Run {
    fn record(&mut self, folder: &str, case: String, verdict: Verdict) {
        match self.folders.iter_mut().find(|(name, _)| name == folder) {
            Some((_, cases)) => cases.push((case, verdict)),
            None => self
                .folders
                .push((folder.to_owned(), vec![(case, verdict)])),
        }
    }

    /// Takes the table's entry for `key` (a path under the corpus root).
    fn entry(&mut self, key: &str) -> Option<JsonMap<String, Json>> {
        match self.table.remove(key)? {
            Json::Object(entry) => Some(entry),
            _ => None,
        }
    }
}

fn main() -> ExitCode {
    let root = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/conformance"), PathBuf::from);
    match run(&root) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(message) => {
            eprintln!("conformance: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs every folder and prints the report; returns the number of failures.
fn run(root: &Path) -> Result<usize, String> {
    let table = read_json(Path::new(TABLE))?;
    let Json::Object(table) = table else {
        return Err(format!("{TABLE}: not a JSON object"));
    };
    let mut run = Run {
        folders: Vec::new(),
        differences: Vec::new(),
        table,
    };
    botocore_xml(root, &mut run)?;
    botocore_fixtures(root, &mut run)?;
    botocore_protocol_tests(root, &mut run)?;
    smithy(root, &mut run)?;
    tabled(root, "moto", &mut run)?;
    tabled(root, "moto/legacy_templates", &mut run)?;
    tabled(root, "aws-docs", &mut run)?;
    for key in std::mem::take(&mut run.table)
        .into_iter()
        .map(|(key, _)| key)
    {
        run.record(
            "conformance/expected.json",
            key,
            Verdict::Fail("a table entry that no case in the corpus used".into()),
        );
    }
    Ok(report(&run))
}

/// Prints the report and returns the number of failures.
fn report(run: &Run) -> usize {
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    println!("conformance corpus, by folder:");
    for (name, folder) in &run.folders {
        let count = |f: fn(&Verdict) -> bool| folder.iter().filter(|(_, v)| f(v)).count();
        let p = count(|v| matches!(v, Verdict::Pass));
        let f = count(|v| matches!(v, Verdict::Fail(_)));
        let n = count(|v| matches!(v, Verdict::NotJudged(_)));
        let mut line = format!("  {name:<40} {p:>3} passed, {f} failed");
        if n > 0 {
            let _ = write!(line, ", {n} not judged");
        }
        println!("{line}");
        (passed, failed, skipped) = (passed + p, failed + f, skipped + n);
    }
    let listed = |title: &str, pick: &dyn Fn(&Verdict) -> Option<&String>| {
        let rows: Vec<(&str, &String)> = run
            .folders
            .iter()
            .flat_map(|(_, cases)| cases.iter())
            .filter_map(|(case, v)| pick(v).map(|why| (case.as_str(), why)))
            .collect();
        if !rows.is_empty() {
            println!("\n{title}:");
            for (case, why) in rows {
                println!("  {case}: {why}");
            }
        }
    };
    listed("not judged", &|v| match v {
        Verdict::NotJudged(why) => Some(why),
        _ => None,
    });
    if !run.differences.is_empty() {
        println!("\ndeliberate differences from botocore (judged by conformance/expected.json):");
        for (case, why) in &run.differences {
            println!("  {case}: {why}");
        }
    }
    listed("FAILED", &|v| match v {
        Verdict::Fail(why) => Some(why),
        _ => None,
    });
    println!("\nconformance: {passed} passed, {failed} failed, {skipped} skipped");
    failed
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| {
        format!(
            "cannot read {} ({e}): the corpus is ../shared/conformance/ beside the repository",
            path.display()
        )
    })
}

fn read_json(path: &Path) -> Result<Json, String> {
    let bytes = read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The sorted file names in `dir` that end with `ext`.
fn files(dir: &Path, ext: &str) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {} ({e})", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    Ok(names)
}

// ---------------------------------------------------------------------------
// Parsing, on both paths.

/// Parses `body` whole, and fails the case when the stream path disagrees.
fn parse(body: &[u8]) -> Result<Result<Response<'_>, Error>, String> {
    let whole = aws_query_xml::parse(body);
    let mut stream = StreamParser::new();
    let mut fed = Ok(());
    for chunk in body.chunks(CHUNK) {
        fed = stream.feed_slice(chunk);
        if fed.is_err() {
            break;
        }
    }
    let streamed = fed.and_then(|()| stream.finish());
    let shown = |r: &Result<Response<'_>, Error>| match r {
        Ok(response) => serde_json::to_string(response).unwrap_or_default(),
        Err(e) => format!("error {e} ({:?})", e.offset()),
    };
    let (a, b) = (shown(&whole), shown(&streamed));
    if a != b {
        return Err(format!(
            "the stream ({CHUNK}-byte chunks) disagrees: whole {a}, stream {b}"
        ));
    }
    if let Err(e) = &whole {
        echoes(body, e)?;
    }
    Ok(whole)
}

/// Fails when an error's message repeats a line of the body: errors name
/// elements and offsets, never the body's text.
fn echoes(body: &[u8], error: &Error) -> Result<(), String> {
    let message = error.to_string();
    let text = String::from_utf8_lossy(body);
    match text
        .lines()
        .map(str::trim)
        .find(|l| l.len() >= 24 && message.contains(l))
    {
        Some(line) => Err(format!("the error message echoes the body ({line:?})")),
        None => Ok(()),
    }
}

/// A one-line account of what `parse` made of a body, for cases not judged.
fn summary(result: &Result<Response<'_>, Error>) -> String {
    match result {
        Ok(r) => match r.service_error() {
            Some(e) => format!(
                "parse reads an error envelope `{}`, code `{}`",
                r.envelope().as_str(),
                e.code()
            ),
            None => format!(
                "parse reads a success `{}` with action {:?}",
                r.envelope().as_str(),
                r.action().unwrap_or("")
            ),
        },
        Err(e) => format!("parse refuses it: {e}"),
    }
}

// ---------------------------------------------------------------------------
// Comparing leaves.

/// Every string leaf of a result tree. A leaf that holds a JSON document,
/// plain or URL-encoded (a stack template, an IAM policy), also
/// gives that document's leaves: botocore's model decodes those.
fn tree_leaves(value: &Value<'_>, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            out.push(s.to_string());
            if let Some(json) = embedded_json(s) {
                json_leaves(&json, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| tree_leaves(v, out)),
        Value::Object(map) => map.iter().for_each(|(_, v)| tree_leaves(v, out)),
        _ => {}
    }
}

fn embedded_json(text: &str) -> Option<Json> {
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    let json: Json = serde_json::from_str(decoded.trim()).ok()?;
    (json.is_object() || json.is_array()).then_some(json)
}

/// The leaves of a JSON value, as text.
fn json_leaves(json: &Json, out: &mut Vec<String>) {
    match json {
        Json::String(s) => out.push(s.clone()),
        Json::Array(items) => items.iter().for_each(|v| json_leaves(v, out)),
        Json::Object(map) => map.values().for_each(|v| json_leaves(v, out)),
        Json::Null => {}
        other => out.push(other.to_string()),
    }
}

/// The string leaves of a response's result (none for a body without one).
fn result_leaves(response: &Response<'_>) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    match response.result() {
        Ok(Some(tree)) => tree_leaves(&tree, &mut out),
        Ok(None) => {}
        Err(e) => return Err(format!("result(): {e}")),
    }
    Ok(out)
}

/// The string leaves of an error's elements, read through `detail_as`.
fn detail_leaves(error: &ServiceError<'_>) -> Result<Vec<String>, String> {
    let json: Json = error.detail_as().map_err(|e| format!("detail_as: {e}"))?;
    let mut out = Vec::new();
    json_leaves(&json, &mut out);
    Ok(out)
}

/// The expected leaves of a JSON value, skipping `ResponseMetadata`.
fn expected_leaves<'j>(json: &'j Json, out: &mut Vec<&'j Json>) {
    match json {
        Json::Array(items) => items.iter().for_each(|v| expected_leaves(v, out)),
        Json::Object(map) => map
            .iter()
            .filter(|(k, _)| *k != "ResponseMetadata")
            .for_each(|(_, v)| expected_leaves(v, out)),
        Json::Null => {}
        leaf => out.push(leaf),
    }
}

/// Whether a parsed leaf gives the expected value, without a model: a string
/// by its text (or as a base64 blob that decodes to it), a boolean by
/// `true`/`false`, a number by its value, read as a number or as a timestamp
/// in any of the three AWS forms (botocore and Smithy give timestamps as
/// epoch seconds).
fn leaf_matches(expected: &Json, got: &str) -> bool {
    match expected {
        Json::String(s) => got == s || blob(got).is_some_and(|b| b == s.as_bytes()),
        Json::Bool(b) => got == if *b { "true" } else { "false" },
        Json::Number(n) => {
            let Some(want) = n.as_f64() else { return false };
            got == n.to_string()
                || got
                    .parse::<f64>()
                    .is_ok_and(|v| (v - want).abs() <= f64::EPSILON * want.abs())
                || epoch(got).is_some_and(|t| (t - want).abs() < 1e-6)
        }
        _ => false,
    }
}

fn blob(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() {
        return None;
    }
    aws_query_xml::helpers::base64::deserialize(
        IntoDeserializer::<serde::de::value::Error>::into_deserializer(text),
    )
    .ok()
}

fn epoch(text: &str) -> Option<f64> {
    let t: time::OffsetDateTime = aws_query_xml::helpers::timestamp::deserialize(
        IntoDeserializer::<serde::de::value::Error>::into_deserializer(text),
    )
    .ok()?;
    #[allow(clippy::cast_precision_loss)] // Seconds since 1970 fit an f64's 53 bits.
    Some(t.unix_timestamp_nanos() as f64 / 1e9)
}

/// Fails with the first expected leaf not found among `got`.
fn all_found(expected: &Json, got: &[String]) -> Result<(), String> {
    let mut want = Vec::new();
    expected_leaves(expected, &mut want);
    match want
        .iter()
        .find(|w| !got.iter().any(|g| leaf_matches(w, g)))
    {
        Some(missing) => Err(format!(
            "expected leaf {missing} is not among the {} parsed leaves",
            got.len()
        )),
        None => Ok(()),
    }
}

fn same(what: &str, got: Option<&str>, want: Option<&str>) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, expected {want:?}"))
    }
}

/// Compares an error with botocore's `Error` object: code, message, type and
/// detail, where given (`null` detail means none or empty).
fn error_matches(error: &ServiceError<'_>, want: &JsonMap<String, Json>) -> Result<(), String> {
    for (key, value) in want {
        let want = value.as_str();
        let got = match key.as_str() {
            "Code" => Some(error.code().as_str()),
            "Message" => error.message(),
            "Type" => error.error_type(),
            "Detail" => error.detail().filter(|d| !d.is_empty()),
            _ => continue,
        };
        same(key, got, want)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The folders.

/// `botocore/xml/{errors,responses}`, listed in `botocore/MANIFEST.tsv`.
fn botocore_xml(root: &Path, run: &mut Run) -> Result<(), String> {
    let manifest =
        String::from_utf8_lossy(&read(&root.join("botocore/MANIFEST.tsv"))?).into_owned();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, file, service, protocol, root_element, ..] = cols[..] else {
            return Err(format!("botocore/MANIFEST.tsv: a short row: {line:?}"));
        };
        let folder = format!("botocore/xml/{kind}");
        let path = root.join(&folder).join(file);
        let body = read(&path)?;
        let expected = read_json(&path.with_extension("json"))?;
        let case = format!("{folder}/{file}");
        let verdict = match parse(&body) {
            Err(why) => Verdict::Fail(why),
            Ok(result) if protocol == "rest-xml" => {
                let what = if root_element.starts_with("(not XML") {
                    "JSON text, not XML".to_owned()
                } else {
                    format!("REST-XML ({service}), another protocol")
                };
                Verdict::NotJudged(format!("{what}; {}", summary(&result)))
            }
            Ok(result) => judge(botocore_case(&result, &expected, kind)),
        };
        run.record(&folder, case, verdict);
    }
    Ok(())
}

fn judge(result: Result<(), String>) -> Verdict {
    match result {
        Ok(()) => Verdict::Pass,
        Err(why) => Verdict::Fail(why),
    }
}

/// One botocore body: an error (code, message, type, detail, request id) or a
/// success (request id, every expected leaf found).
fn botocore_case(
    result: &Result<Response<'_>, Error>,
    expected: &Json,
    kind: &str,
) -> Result<(), String> {
    let response = result.as_ref().map_err(|e| format!("parse failed: {e}"))?;
    let want_id = expected
        .pointer("/ResponseMetadata/RequestId")
        .and_then(Json::as_str);
    if want_id.is_some() {
        same("request id", response.request_id(), want_id)?;
    }
    if let Some(Json::Object(error)) = expected.get("Error") {
        let got = response
            .service_error()
            .ok_or_else(|| "a success, expected an error".to_owned())?;
        return error_matches(got, error);
    }
    if kind == "errors" || !response.is_success() {
        return Err(format!("outcome {:?}, expected {kind}", response.outcome()));
    }
    all_found(expected, &result_leaves(response)?)
}

/// `botocore/test_parsers_fixtures`: each body with botocore's asserted subset.
fn botocore_fixtures(root: &Path, run: &mut Run) -> Result<(), String> {
    let folder = "botocore/test_parsers_fixtures";
    let dir = root.join(folder);
    for name in files(&dir, ".json")? {
        let stem = name.trim_end_matches(".json");
        let body_name = files(&dir, "")?
            .into_iter()
            .find(|n| n != &name && n.strip_prefix(stem).is_some_and(|r| r.starts_with('.')))
            .ok_or_else(|| format!("{folder}/{name}: no body beside it"))?;
        let case = format!("{folder}/{body_name}");
        let body = read(&dir.join(&body_name))?;
        let spec = read_json(&dir.join(&name))?;
        let status = spec.get("status_code").and_then(Json::as_u64);
        let verdict = if let Some(entry) = run.entry(&case) {
            tabled_case(
                run,
                &case,
                &body,
                &entry,
                status.and_then(|s| u16::try_from(s).ok()),
            )
        } else {
            match parse(&body) {
                Err(why) => Verdict::Fail(why),
                Ok(result) if spec["parser"] == "RestXMLParser" => Verdict::NotJudged(format!(
                    "REST-XML (route53), another protocol; {}",
                    summary(&result)
                )),
                Ok(result) => judge(fixture_case(&result, &spec["expected_subset"])),
            }
        };
        run.record(folder, case, verdict);
    }
    Ok(())
}

fn fixture_case(result: &Result<Response<'_>, Error>, subset: &Json) -> Result<(), String> {
    if subset.get("raises").is_some() {
        return match result {
            Err(_) => Ok(()),
            Ok(_) => Err("parsed, expected an error".into()),
        };
    }
    botocore_case(
        result,
        subset,
        if subset.get("Error").is_some() {
            "errors"
        } else {
            "responses"
        },
    )
}

/// `botocore/protocol_tests/**/output/*.json`: botocore's copy of the Smithy
/// output tests, and its older hand-written ones.
fn botocore_protocol_tests(root: &Path, run: &mut Run) -> Result<(), String> {
    for folder in [
        "botocore/protocol_tests/output",
        "botocore/protocol_tests/legacy/output",
    ] {
        for name in files(&root.join(folder), ".json")? {
            let suites = read_json(&root.join(folder).join(&name))?;
            for (s, suite) in suites.as_array().into_iter().flatten().enumerate() {
                for (c, case) in suite["cases"].as_array().into_iter().flatten().enumerate() {
                    let id = case["id"]
                        .as_str()
                        .map_or_else(|| format!("suite {s} case {c}"), str::to_owned);
                    let body = case["response"]["body"].as_str().unwrap_or("").as_bytes();
                    let status = case["response"]["status_code"].as_u64();
                    let verdict = if case.get("error").is_some() {
                        let want = ErrorWant {
                            code: case["errorCode"].as_str(),
                            error_type: None,
                            message: case["errorMessage"].as_str(),
                            request_id: IdRule::Unchecked,
                            params: &case["error"],
                        };
                        error_case(body, &want)
                    } else {
                        success_case(body, status, &case["result"], IdRule::Unchecked)
                    };
                    run.record(folder, format!("{folder}/{name}: {id}"), verdict);
                }
            }
        }
    }
    Ok(())
}

/// Which request id a case must give.
#[derive(Clone, Copy)]
enum IdRule<'j> {
    /// Not checked.
    Unchecked,
    /// Exactly this one, or none.
    Exactly(Option<&'j str>),
}

impl IdRule<'_> {
    fn check(self, response: &Response<'_>) -> Result<(), String> {
        match self {
            IdRule::Unchecked => Ok(()),
            IdRule::Exactly(id) => same("request id", response.request_id(), id),
        }
    }
}

/// What an error case must give; `None` fields are not checked.
struct ErrorWant<'j> {
    code: Option<&'j str>,
    error_type: Option<&'j str>,
    message: Option<&'j str>,
    request_id: IdRule<'j>,
    params: &'j Json,
}

fn error_case(body: &[u8], want: &ErrorWant<'_>) -> Verdict {
    let check = || -> Result<(), String> {
        let result = parse(body)?;
        let response = result.map_err(|e| format!("parse failed: {e}"))?;
        let error = response
            .service_error()
            .ok_or_else(|| "a success, expected an error".to_owned())?;
        if let Some(code) = want.code {
            same("code", Some(error.code().as_str()), Some(code))?;
        }
        if want.error_type.is_some() {
            same("type", error.error_type(), want.error_type)?;
        }
        if want.message.is_some() {
            same("message", error.message(), want.message)?;
        }
        want.request_id.check(&response)?;
        all_found(want.params, &detail_leaves(error)?)
    };
    judge(check())
}

/// A success: an empty body with status 200 is a success with no result
/// (`parse` reports [`ErrorKind::Empty`], which a client reads as such);
/// otherwise every expected leaf must be found, and the request id equal
/// where given.
fn success_case(
    body: &[u8],
    status: Option<u64>,
    params: &Json,
    request_id: IdRule<'_>,
) -> Verdict {
    let check = || -> Result<(), String> {
        let result = parse(body)?;
        if body.is_empty() && status == Some(200) {
            return match result {
                Err(e) if *e.kind() == ErrorKind::Empty => {
                    let mut want = Vec::new();
                    expected_leaves(params, &mut want);
                    match want.first() {
                        None => Ok(()),
                        Some(leaf) => Err(format!("an empty body, expected leaf {leaf}")),
                    }
                }
                Err(e) => Err(format!("an empty body gives {e}, expected Empty")),
                Ok(_) => Err("an empty body parsed".into()),
            };
        }
        let response = result.map_err(|e| format!("parse failed: {e}"))?;
        if !response.is_success() {
            return Err(format!(
                "outcome {:?}, expected a success",
                response.outcome()
            ));
        }
        request_id.check(&response)?;
        all_found(params, &result_leaves(&response)?)
    };
    judge(check())
}

/// `smithy/cases.json`, each body read from `smithy/bodies/`.
fn smithy(root: &Path, run: &mut Run) -> Result<(), String> {
    let cases = read_json(&root.join("smithy/cases.json"))?;
    for case in cases.as_array().into_iter().flatten() {
        let (Some(id), Some(protocol)) = (case["id"].as_str(), case["protocol"].as_str()) else {
            return Err("smithy/cases.json: a case without id or protocol".into());
        };
        let file = format!("smithy/bodies/{protocol}/{id}.xml");
        let body = read(&root.join(&file))?;
        let expected = &case["expected"];
        let request_id = IdRule::Exactly(expected["request_id_in_body"].as_str());
        let verdict = if case["kind"] == "error" {
            let want = ErrorWant {
                code: expected["error_code"].as_str(),
                error_type: expected["error_type"].as_str(),
                message: expected["message"].as_str(),
                request_id,
                params: &expected["params"],
            };
            error_case(&body, &want)
        } else {
            success_case(
                &body,
                case["status"].as_u64(),
                &expected["params"],
                request_id,
            )
        };
        run.record(&format!("smithy/{protocol}"), file, verdict);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The hand-kept table.

/// A folder whose bodies are judged by the table alone: every body must have
/// an entry.
fn tabled(root: &Path, folder: &str, run: &mut Run) -> Result<(), String> {
    let dir = root.join(folder);
    for name in files(&dir, "")? {
        let ext = Path::new(&name).extension().and_then(|e| e.to_str());
        if matches!(ext, Some("headers" | "md" | "sh")) {
            continue;
        }
        if dir.join(&name).is_dir() {
            continue;
        }
        let case = format!("{folder}/{name}");
        let body = read(&dir.join(&name))?;
        let headers = dir.join(name.replace(".body", ".headers"));
        let (status, header_id) = if ext == Some("body") && headers.exists() {
            http_head(&String::from_utf8_lossy(&read(&headers)?))
        } else {
            (None, None)
        };
        let verdict = match run.entry(&case) {
            None => Verdict::Fail("no entry in conformance/expected.json".into()),
            Some(entry) => {
                let verdict = tabled_case(run, &case, &body, &entry, status);
                match (verdict, header_id) {
                    (Verdict::Pass, Some(id)) => judge(header_request_id(&body, &id, &entry)),
                    (verdict, _) => verdict,
                }
            }
        };
        run.record(folder, case, verdict);
    }
    Ok(())
}

/// The status and the `x-amzn-RequestId` header of a captured `.headers` file.
fn http_head(text: &str) -> (Option<u16>, Option<String>) {
    let status = text
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok());
    let id = text.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("x-amzn-requestid")
            .then(|| value.trim().to_owned())
    });
    (status, id)
}

/// The body's request id must equal the header's, unless the entry says why
/// not (`request_id_differs`).
fn header_request_id(
    body: &[u8],
    header: &str,
    entry: &JsonMap<String, Json>,
) -> Result<(), String> {
    let Ok(response) = aws_query_xml::parse(body) else {
        return Ok(());
    };
    match (response.request_id(), entry.get("request_id_differs")) {
        (Some(id), None) if id != header => Err(format!(
            "request id {id:?} differs from the header's {header:?}"
        )),
        (Some(id), Some(_)) if id == header => {
            Err("the table says the request ids differ, but they agree".into())
        }
        _ => Ok(()),
    }
}

/// One body against its table entry:
/// - `expect`: a subset of the CLI's JSON for the response (objects by the
///   keys given, arrays element by element and of the same length);
/// - `error`: `parse` must fail, with this `category` and message;
/// - `code_for_status`: the code [`ErrorCode::for_status`] picks for the
///   HTTP status;
/// - `not_judged`: the reason the case is not judged;
/// - `differs`: how and why this differs from botocore's expectation.
fn tabled_case(
    run: &mut Run,
    case: &str,
    body: &[u8],
    entry: &JsonMap<String, Json>,
    status: Option<u16>,
) -> Verdict {
    if let Some(why) = entry.get("differs").and_then(Json::as_str) {
        run.differences.push((case.to_owned(), why.to_owned()));
    }
    let result = match parse(body) {
        Ok(result) => result,
        Err(why) => return Verdict::Fail(why),
    };
    if let Some(why) = entry.get("not_judged").and_then(Json::as_str) {
        return Verdict::NotJudged(format!("{why}; {}", summary(&result)));
    }
    judge(entry_matches(&result, entry, status))
}

fn entry_matches(
    result: &Result<Response<'_>, Error>,
    entry: &JsonMap<String, Json>,
    status: Option<u16>,
) -> Result<(), String> {
    match (result, entry.get("expect"), entry.get("error")) {
        (Ok(response), Some(expect), None) => {
            let got = serde_json::to_value(response).map_err(|e| e.to_string())?;
            subset(&got, expect, "")?;
        }
        (Err(e), None, Some(want)) => {
            let category = format!("{:?}", e.category());
            same("error category", Some(&category), want["category"].as_str())?;
            same("error", Some(&e.to_string()), want["message"].as_str())?;
            if e.offset().is_none() {
                return Err("the error has no offset".into());
            }
        }
        (Ok(_), None, Some(_)) => return Err("parsed, the table expects an error".into()),
        (Err(e), Some(_), None) => return Err(format!("parse failed: {e}")),
        _ => return Err("the entry needs exactly one of `expect` and `error`".into()),
    }
    if let Some(want) = entry.get("code_for_status") {
        let status = status.ok_or("`code_for_status` without an HTTP status")?;
        let got = ErrorCode::for_status(status).map(|c| c.as_str().to_owned());
        same(
            &format!("ErrorCode::for_status({status})"),
            got.as_deref(),
            want.as_str(),
        )?;
    }
    Ok(())
}

/// Whether `want` is a subset of `got`: objects by the keys `want` gives,
/// arrays element by element and of equal length, anything else equal.
fn subset(got: &Json, want: &Json, path: &str) -> Result<(), String> {
    match (got, want) {
        (Json::Object(g), Json::Object(w)) => w.iter().try_for_each(|(k, wv)| {
            let gv = g.get(k).unwrap_or(&Json::Null);
            subset(gv, wv, &format!("{path}/{k}"))
        }),
        (Json::Array(g), Json::Array(w)) if g.len() == w.len() => g
            .iter()
            .zip(w)
            .enumerate()
            .try_for_each(|(i, (gv, wv))| subset(gv, wv, &format!("{path}/{i}"))),
        _ if got == want => Ok(()),
        _ => Err(format!("{path}: got {got}, expected {want}")),
    }
}
