//! The Smithy `awsQuery` and `ec2Query` response protocol tests
//! (`../shared/conformance/smithy/`), read into typed results with
//! [`aws_query_xml::from_slice`].
//!
//! One `#[test]` per case, named after its id. Each reads its body from
//! `bodies/<protocol>/<id>.xml` (checked equal to the body in `cases.json`),
//! deserializes it into Rust types for the case's shape (Smithy member names
//! mapped to the XML names the body uses) and compares every value of
//! `expected.params` from `cases.json`: a case whose expected parameters are not
//! all looked at fails (see [`Case`]'s `Drop`). `every_case_is_covered` checks
//! that every case of `cases.json` is in [`COVERED`].
//!
//! Timestamps go through `helpers::timestamp` (feature `time`), blobs through
//! `helpers::base64` (feature `base64`): run with `cargo test --all-features`.
//!
//! Without the corpus (a clone with nothing beside it) every test returns
//! early after one line on stderr saying so, unless
//! `AWS_QUERY_XML_REQUIRE_CORPUS` is set (as CI does): then they fail.
#![allow(clippy::struct_field_names)] // fields are named as the XML elements

mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use aws_query_xml::{Category, Error, ErrorKind, Options, Success, from_slice};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// Every case of `cases.json`, each tested below (the 3 empty bodies included).
const COVERED: &[&str] = &[
    // awsQuery
    "AwsQueryDateTimeWithNegativeOffset",
    "AwsQueryDateTimeWithPositiveOffset",
    "QueryNoInputAndNoOutput",
    "QueryNoInputAndNoOutputWithResponseMetadata",
    "QueryNoInputAndOutput",
    "QueryEmptyInputAndEmptyOutput",
    "AwsQueryDateTimeWithFractionalSeconds",
    "QueryGreetingWithErrors",
    "QueryInvalidGreetingError",
    "QueryComplexError",
    "QueryCustomizedError",
    "QueryXmlLists",
    "QueryXmlEmptyLists",
    "QueryXmlMaps",
    "QueryXmlEmptyMaps",
    "QueryXmlEmptySelfClosedMaps",
    "QueryQueryXmlMapsXmlName",
    "QueryQueryFlattenedXmlMap",
    "QueryQueryFlattenedXmlMapWithXmlName",
    "QueryQueryFlattenedXmlMapWithXmlNamespace",
    "QuerySimpleScalarProperties",
    "AwsQuerySupportsNaNFloatOutputs",
    "AwsQuerySupportsInfinityFloatOutputs",
    "AwsQuerySupportsNegativeInfinityFloatOutputs",
    "QueryXmlBlobs",
    "QueryXmlEmptyBlobs",
    "QueryXmlEmptySelfClosedBlobs",
    "QueryXmlTimestamps",
    "QueryXmlTimestampsWithDateTimeFormat",
    "QueryXmlTimestampsWithDateTimeOnTargetFormat",
    "QueryXmlTimestampsWithEpochSecondsFormat",
    "QueryXmlTimestampsWithEpochSecondsOnTargetFormat",
    "QueryXmlTimestampsWithHttpDateFormat",
    "QueryXmlTimestampsWithHttpDateOnTargetFormat",
    "QueryXmlEnums",
    "QueryXmlIntEnums",
    "QueryRecursiveShapes",
    "QueryXmlNamespaces",
    "QueryIgnoresWrappingXmlName",
    // ec2Query
    "Ec2QueryDateTimeWithNegativeOffset",
    "Ec2QueryDateTimeWithPositiveOffset",
    "Ec2QueryNoInputAndOutput",
    "Ec2QueryEmptyInputAndEmptyOutput",
    "Ec2QueryDateTimeWithFractionalSeconds",
    "Ec2GreetingWithErrors",
    "Ec2InvalidGreetingError",
    "Ec2ComplexError",
    "Ec2XmlLists",
    "Ec2XmlEmptyLists",
    "Ec2SimpleScalarProperties",
    "Ec2QuerySupportsNaNFloatOutputs",
    "Ec2QuerySupportsInfinityFloatOutputs",
    "Ec2QuerySupportsNegativeInfinityFloatOutputs",
    "Ec2XmlBlobs",
    "Ec2XmlEmptyBlobs",
    "Ec2XmlEmptySelfClosedBlobs",
    "Ec2XmlTimestamps",
    "Ec2XmlTimestampsWithDateTimeFormat",
    "Ec2XmlTimestampsWithDateTimeOnTargetFormat",
    "Ec2XmlTimestampsWithEpochSecondsFormat",
    "Ec2XmlTimestampsWithEpochSecondsOnTargetFormat",
    "Ec2XmlTimestampsWithHttpDateFormat",
    "Ec2XmlTimestampsWithHttpDateOnTargetFormat",
    "Ec2XmlEnums",
    "Ec2XmlIntEnums",
    "Ec2RecursiveShapes",
    "Ec2XmlNamespaces",
    "Ec2IgnoresWrappingXmlName",
];

// ---------------------------------------------------------------------------
// The corpus

/// One entry of `cases.json`.
#[derive(Debug, Deserialize)]
struct RawCase {
    id: String,
    protocol: String,
    kind: String,
    status: u16,
    body: String,
    expected: Expected,
    target_shape: String,
}

#[derive(Debug, Deserialize)]
struct Expected {
    #[serde(default)]
    params: serde_json::Map<String, Json>,
    error_code: Option<String>,
    error_type: Option<String>,
    message: Option<String>,
    request_id_in_body: Option<String>,
}

/// The corpus folder and its `cases.json`, read once; `None` (after one line
/// saying so) when the corpus is not beside the repository, for every test to
/// return early. A corpus that is there but unreadable fails every test.
fn corpus() -> Option<&'static (PathBuf, Vec<RawCase>)> {
    static CASES: OnceLock<(PathBuf, Vec<RawCase>)> = OnceLock::new();
    if let Some(cases) = CASES.get() {
        return Some(cases);
    }
    let dir = common::corpus(
        "smithy",
        "every test (the Smithy awsQuery and ec2Query response cases)",
    )?;
    Some(CASES.get_or_init(|| {
        let path = dir.join("cases.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let cases = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not the expected JSON: {e}", path.display()));
        (dir, cases)
    }))
}

/// A case under test: its body and its expectations. Every expected
/// parameter must be looked at (through the accessors below) before the
/// case is dropped, or the test fails.
struct Case {
    raw: &'static RawCase,
    body: Vec<u8>,
    used: RefCell<BTreeSet<String>>,
}

impl Case {
    /// The case `id`, or `None` when the corpus is not there (see [`corpus`]).
    fn new(id: &str) -> Option<Case> {
        let (dir, cases) = corpus()?;
        let raw = cases
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no case `{id}` in {}/cases.json", dir.display()));
        let path = dir.join(format!("bodies/{}/{id}.xml", raw.protocol));
        let body =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        assert_eq!(
            body,
            raw.body.as_bytes(),
            "{} is not the body cases.json gives for {id}",
            path.display()
        );
        Some(Case {
            raw,
            body,
            used: RefCell::new(BTreeSet::new()),
        })
    }

    fn id(&self) -> &'static str {
        &self.raw.id
    }

    /// An expected parameter, if the case has it (marked as checked).
    fn opt(&self, name: &str) -> Option<&'static Json> {
        self.used.borrow_mut().insert(name.to_owned());
        self.raw.expected.params.get(name)
    }

    /// An expected parameter the case must have.
    fn param(&self, name: &str) -> &'static Json {
        self.opt(name)
            .unwrap_or_else(|| panic!("{}: no expected param `{name}`", self.id()))
    }

    fn opt_str(&self, name: &str) -> Option<&'static str> {
        self.opt(name).map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{}: `{name}` is not a string: {v}", self.id()))
        })
    }

    fn str(&self, name: &str) -> &'static str {
        self.opt_str(name)
            .unwrap_or_else(|| panic!("{}: no expected param `{name}`", self.id()))
    }

    fn opt_int(&self, name: &str) -> Option<i64> {
        self.opt(name).map(|v| {
            v.as_i64()
                .unwrap_or_else(|| panic!("{}: `{name}` is not an integer: {v}", self.id()))
        })
    }

    fn opt_bool(&self, name: &str) -> Option<bool> {
        self.opt(name).map(|v| {
            v.as_bool()
                .unwrap_or_else(|| panic!("{}: `{name}` is not a boolean: {v}", self.id()))
        })
    }

    /// A float: a JSON number, or the strings `NaN`, `Infinity`, `-Infinity`.
    fn opt_float(&self, name: &str) -> Option<f64> {
        self.opt(name).map(|v| match v {
            Json::String(s) if s == "NaN" => f64::NAN,
            Json::String(s) if s == "Infinity" => f64::INFINITY,
            Json::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
            _ => v
                .as_f64()
                .unwrap_or_else(|| panic!("{}: `{name}` is not a float: {v}", self.id())),
        })
    }

    /// Deserializes the body as a success; checks the request id the body
    /// carries (`request_id_in_body`) and the action (the operation).
    fn decode<'a, T: Deserialize<'a>>(&'a self) -> Success<T> {
        assert_eq!(self.raw.kind, "output", "{}: not an output case", self.id());
        assert_eq!(self.raw.status, 200, "{}", self.id());
        let got = from_slice::<T>(&self.body)
            .unwrap_or_else(|e| panic!("{}: from_slice failed: {e}", self.id()));
        assert_eq!(
            got.request_id(),
            self.raw.expected.request_id_in_body.as_deref(),
            "{}: request id",
            self.id()
        );
        assert_eq!(
            got.action(),
            Some(self.raw.target_shape.as_str()),
            "{}: action",
            self.id()
        );
        // the same through `Options`
        let again = Options::new()
            .from_slice::<T>(&self.body)
            .unwrap_or_else(|e| panic!("{}: Options::from_slice failed: {e}", self.id()));
        assert_eq!(again.request_id(), got.request_id(), "{}", self.id());
        assert_eq!(again.action(), got.action(), "{}", self.id());
        got
    }

    /// Deserializes the body as an error envelope; checks the code, type,
    /// message and request id against `expected`, and gives the error.
    fn error(&self) -> Error {
        assert_eq!(self.raw.kind, "error", "{}: not an error case", self.id());
        let Err(err) = from_slice::<IgnoredAny>(&self.body) else {
            panic!("{}: an error envelope gave a success", self.id());
        };
        let expected = &self.raw.expected;
        let service = err
            .service_error()
            .unwrap_or_else(|| panic!("{}: not a service error: {err}", self.id()));
        let code = expected.error_code.as_deref().expect("error_code");
        assert_eq!(service.code().as_str(), code, "{}: code", self.id());
        assert_eq!(
            service.error_type(),
            expected.error_type.as_deref(),
            "{}: type",
            self.id()
        );
        if let Some(message) = &expected.message {
            assert_eq!(
                service.message(),
                Some(message.as_str()),
                "{}: message",
                self.id()
            );
        }
        assert_eq!(
            service.request_id(),
            expected.request_id_in_body.as_deref(),
            "{}: request id",
            self.id()
        );
        assert_eq!(service.errors().len(), 1, "{}: errors", self.id());
        assert_eq!(service.errors()[0].code().as_str(), code, "{}", self.id());
        // the same through `parse`
        let response = aws_query_xml::parse(&self.body).unwrap();
        let parsed = response.service_error().expect("an error outcome");
        assert_eq!(parsed.code(), service.code());
        assert_eq!(parsed.request_id(), service.request_id());
        err
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let used = self.used.borrow();
        let unchecked: Vec<&String> = self
            .raw
            .expected
            .params
            .keys()
            .filter(|k| !used.contains(*k))
            .collect();
        assert!(
            unchecked.is_empty(),
            "{}: expected params never checked: {unchecked:?}",
            self.id()
        );
    }
}

/// A value as JSON, to compare with `expected.params` (shapes below
/// serialize with the Smithy member names).
fn json<T: Serialize>(value: &T) -> Json {
    serde_json::to_value(value).expect("serializable")
}

/// Floats equal, NaN equal to NaN.
#[track_caller]
fn assert_float(got: Option<f64>, expected: Option<f64>, what: &str) {
    match (got, expected) {
        (Some(g), Some(e)) if e.is_nan() => assert!(g.is_nan(), "{what}: {g} is not NaN"),
        #[allow(clippy::float_cmp)] // exact: these values are exact in binary
        (Some(g), Some(e)) => assert!(g == e, "{what}: {g} != {e}"),
        (g, e) => assert_eq!(g, e, "{what}"),
    }
}

/// Generates one `#[test]` per case id, each calling `$check(id)`.
macro_rules! cases {
    ($check:ident: $($name:ident => $id:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            $check($id);
        }
    )*};
}

// ---------------------------------------------------------------------------
// Coverage

#[test]
fn every_case_is_covered() {
    let Some((dir, cases)) = corpus() else {
        return;
    };
    assert_eq!(cases.len(), 68, "cases.json: number of cases");
    let ids: BTreeSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), cases.len(), "cases.json: duplicate ids");
    let covered: BTreeSet<&str> = COVERED.iter().copied().collect();
    assert_eq!(covered.len(), COVERED.len(), "COVERED: duplicate ids");
    let missing: Vec<&str> = ids.difference(&covered).copied().collect();
    assert!(missing.is_empty(), "cases without a test: {missing:?}");
    let unknown: Vec<&str> = covered.difference(&ids).copied().collect();
    assert!(
        unknown.is_empty(),
        "COVERED names no such case: {unknown:?}"
    );
    let empty: Vec<&str> = cases
        .iter()
        .filter(|c| c.body.trim().is_empty())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        empty,
        [
            "QueryNoInputAndNoOutput",
            "QueryNoInputAndOutput",
            "QueryEmptyInputAndEmptyOutput"
        ],
        "the empty-body cases"
    );
    if !cfg!(all(feature = "time", feature = "base64")) {
        eprintln!(
            "note: the timestamp, list and blob cases need the features `time` and `base64`: \
             run `cargo test --all-features`"
        );
    }
    for case in cases {
        let path = dir.join(format!("bodies/{}/{}.xml", case.protocol, case.id));
        let body =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        assert_eq!(body, case.body.as_bytes(), "{}", path.display());
    }
}

// ---------------------------------------------------------------------------
// Empty bodies and empty outputs

/// An empty body is not a response: an error of its own category, not a
/// truncation, so a client can read an empty 200 as a success with no
/// result (what these cases expect) and a retry loop does not retry it.
fn empty_body(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    assert!(case.body.is_empty(), "{id}: the body is not empty");
    assert!(case.raw.expected.params.is_empty(), "{id}");
    let err = aws_query_xml::parse(&case.body).unwrap_err();
    assert_eq!(err.category(), Category::Empty, "{id}: {err}");
    assert!(!err.is_truncated(), "{id}: {err}");
    assert_eq!(err.kind(), &ErrorKind::Empty, "{id}");
    assert_eq!(err.offset(), Some(0), "{id}");
    let err = from_slice::<IgnoredAny>(&case.body).unwrap_err();
    assert_eq!(err.category(), Category::Empty, "{id}: {err}");
    assert!(err.service_error().is_none(), "{id}");
}

cases! { empty_body:
    query_no_input_and_no_output => "QueryNoInputAndNoOutput",
    query_no_input_and_output => "QueryNoInputAndOutput",
    query_empty_input_and_empty_output => "QueryEmptyInputAndEmptyOutput",
}

#[derive(Debug, Deserialize)]
struct Empty {}

/// A success with no output members: the result holds nothing (the request
/// id and metadata are not result).
fn empty_output(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    assert!(case.raw.expected.params.is_empty(), "{id}");
    case.decode::<Empty>();
    let got = case.decode::<BTreeMap<String, String>>();
    assert!(got.result().is_empty(), "{id}: {:?}", got.result());
}

cases! { empty_output:
    query_no_input_and_no_output_with_response_metadata => "QueryNoInputAndNoOutputWithResponseMetadata",
    ec2_query_no_input_and_output => "Ec2QueryNoInputAndOutput",
    ec2_query_empty_input_and_empty_output => "Ec2QueryEmptyInputAndEmptyOutput",
}

// ---------------------------------------------------------------------------
// Timestamps

#[cfg(feature = "time")]
mod ts {
    use serde::Deserialize;
    use time::OffsetDateTime;

    /// A timestamp in a list.
    #[derive(Debug, Deserialize)]
    pub struct Ts(#[serde(with = "aws_query_xml::helpers::timestamp")] pub OffsetDateTime);

    /// Epoch seconds as JSON (`1398796238`, `946845296.123`) to nanoseconds, exactly.
    pub fn epoch_nanos(v: &serde_json::Value) -> i128 {
        let s = v.to_string();
        let (whole, fraction) = s.split_once('.').unwrap_or((&s, ""));
        assert!(fraction.len() <= 9 && !s.contains(['e', 'E']), "epoch {s}");
        let whole: i128 = whole.parse().unwrap_or_else(|_| panic!("epoch {s}"));
        let fraction: i128 = format!("{fraction:0<9}").parse().unwrap();
        whole * 1_000_000_000 + fraction
    }

    pub fn nanos(t: OffsetDateTime) -> i128 {
        t.unix_timestamp_nanos()
    }
}

#[cfg(feature = "time")]
#[derive(Debug, Deserialize)]
struct Datetime {
    #[serde(with = "aws_query_xml::helpers::timestamp")]
    datetime: time::OffsetDateTime,
}

/// `DatetimeOffsets` and `FractionalSeconds`: `datetime`.
#[cfg(feature = "time")]
fn datetime(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<Datetime>();
    assert_eq!(
        ts::nanos(got.result().datetime),
        ts::epoch_nanos(case.param("datetime")),
        "{id}"
    );
}

#[cfg(feature = "time")]
cases! { datetime:
    aws_query_date_time_with_negative_offset => "AwsQueryDateTimeWithNegativeOffset",
    aws_query_date_time_with_positive_offset => "AwsQueryDateTimeWithPositiveOffset",
    aws_query_date_time_with_fractional_seconds => "AwsQueryDateTimeWithFractionalSeconds",
    ec2_query_date_time_with_negative_offset => "Ec2QueryDateTimeWithNegativeOffset",
    ec2_query_date_time_with_positive_offset => "Ec2QueryDateTimeWithPositiveOffset",
    ec2_query_date_time_with_fractional_seconds => "Ec2QueryDateTimeWithFractionalSeconds",
}

/// `XmlTimestamps`: each case fills one member.
#[cfg(feature = "time")]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlTimestamps {
    #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
    normal: Option<time::OffsetDateTime>,
    #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
    date_time: Option<time::OffsetDateTime>,
    #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
    date_time_on_target: Option<time::OffsetDateTime>,
    #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
    epoch_seconds: Option<time::OffsetDateTime>,
    #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
    epoch_seconds_on_target: Option<time::OffsetDateTime>,
    #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
    http_date: Option<time::OffsetDateTime>,
    #[serde(default, with = "aws_query_xml::helpers::timestamp::option")]
    http_date_on_target: Option<time::OffsetDateTime>,
}

#[cfg(feature = "time")]
fn xml_timestamps(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlTimestamps>();
    let r = got.result();
    let members = [
        ("normal", r.normal),
        ("dateTime", r.date_time),
        ("dateTimeOnTarget", r.date_time_on_target),
        ("epochSeconds", r.epoch_seconds),
        ("epochSecondsOnTarget", r.epoch_seconds_on_target),
        ("httpDate", r.http_date),
        ("httpDateOnTarget", r.http_date_on_target),
    ];
    for (name, value) in members {
        assert_eq!(
            value.map(ts::nanos),
            case.opt(name).map(ts::epoch_nanos),
            "{id}: {name}"
        );
    }
}

#[cfg(feature = "time")]
cases! { xml_timestamps:
    query_xml_timestamps => "QueryXmlTimestamps",
    query_xml_timestamps_with_date_time_format => "QueryXmlTimestampsWithDateTimeFormat",
    query_xml_timestamps_with_date_time_on_target_format => "QueryXmlTimestampsWithDateTimeOnTargetFormat",
    query_xml_timestamps_with_epoch_seconds_format => "QueryXmlTimestampsWithEpochSecondsFormat",
    query_xml_timestamps_with_epoch_seconds_on_target_format => "QueryXmlTimestampsWithEpochSecondsOnTargetFormat",
    query_xml_timestamps_with_http_date_format => "QueryXmlTimestampsWithHttpDateFormat",
    query_xml_timestamps_with_http_date_on_target_format => "QueryXmlTimestampsWithHttpDateOnTargetFormat",
    ec2_xml_timestamps => "Ec2XmlTimestamps",
    ec2_xml_timestamps_with_date_time_format => "Ec2XmlTimestampsWithDateTimeFormat",
    ec2_xml_timestamps_with_date_time_on_target_format => "Ec2XmlTimestampsWithDateTimeOnTargetFormat",
    ec2_xml_timestamps_with_epoch_seconds_format => "Ec2XmlTimestampsWithEpochSecondsFormat",
    ec2_xml_timestamps_with_epoch_seconds_on_target_format => "Ec2XmlTimestampsWithEpochSecondsOnTargetFormat",
    ec2_xml_timestamps_with_http_date_format => "Ec2XmlTimestampsWithHttpDateFormat",
    ec2_xml_timestamps_with_http_date_on_target_format => "Ec2XmlTimestampsWithHttpDateOnTargetFormat",
}

// ---------------------------------------------------------------------------
// Strings, errors

#[derive(Debug, Deserialize)]
struct GreetingWithErrors {
    greeting: String,
}

fn greeting_with_errors(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<GreetingWithErrors>();
    assert_eq!(got.result().greeting, case.str("greeting"), "{id}");
}

cases! { greeting_with_errors:
    query_greeting_with_errors => "QueryGreetingWithErrors",
    ec2_greeting_with_errors => "Ec2GreetingWithErrors",
}

#[derive(Debug, Deserialize)]
struct IgnoresWrappingXmlName {
    foo: String,
}

fn ignores_wrapping_xml_name(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<IgnoresWrappingXmlName>();
    assert_eq!(got.result().foo, case.str("foo"), "{id}");
}

cases! { ignores_wrapping_xml_name:
    query_ignores_wrapping_xml_name => "QueryIgnoresWrappingXmlName",
    ec2_ignores_wrapping_xml_name => "Ec2IgnoresWrappingXmlName",
}

/// `InvalidGreeting` and `CustomCodeError`: a `Message` member.
#[derive(Debug, Deserialize)]
struct ErrorWithMessage {
    #[serde(rename = "Message")]
    message: Option<String>,
}

fn error_with_message(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let err = case.error();
    let detail: ErrorWithMessage = err.service_error().unwrap().detail_as().unwrap();
    assert_eq!(detail.message.as_deref(), case.opt_str("Message"), "{id}");
}

cases! { error_with_message:
    query_invalid_greeting_error => "QueryInvalidGreetingError",
    query_customized_error => "QueryCustomizedError",
    ec2_invalid_greeting_error => "Ec2InvalidGreetingError",
}

#[derive(Debug, Deserialize, Serialize)]
struct ComplexError {
    #[serde(rename = "TopLevel")]
    top_level: String,
    #[serde(rename = "Nested")]
    nested: ComplexNestedErrorData,
}

#[derive(Debug, Deserialize, Serialize)]
struct ComplexNestedErrorData {
    #[serde(rename = "Foo")]
    foo: String,
}

fn complex_error(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let err = case.error();
    let service = err.service_error().unwrap();
    // not in `expected`: what the bodies say
    let message = if case.raw.protocol == "ec2Query" {
        Some("Hi")
    } else {
        None
    };
    assert_eq!(service.message(), message, "{id}: message");
    let detail: ComplexError = service.detail_as().unwrap();
    assert_eq!(detail.top_level, case.str("TopLevel"), "{id}");
    assert_eq!(json(&detail.nested), *case.param("Nested"), "{id}");
}

cases! { complex_error:
    query_complex_error => "QueryComplexError",
    ec2_complex_error => "Ec2ComplexError",
}

// ---------------------------------------------------------------------------
// Scalars

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SimpleScalarXmlProperties {
    string_value: Option<String>,
    empty_string_value: Option<String>,
    true_boolean_value: Option<bool>,
    false_boolean_value: Option<bool>,
    byte_value: Option<i8>,
    short_value: Option<i16>,
    integer_value: Option<i32>,
    long_value: Option<i64>,
    float_value: Option<f32>,
    #[serde(rename = "DoubleDribble")]
    double_value: Option<f64>,
}

fn simple_scalar_properties(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<SimpleScalarXmlProperties>();
    let r = got.result();
    assert_eq!(
        r.string_value.as_deref(),
        case.opt_str("stringValue"),
        "{id}"
    );
    assert_eq!(
        r.empty_string_value.as_deref(),
        case.opt_str("emptyStringValue"),
        "{id}"
    );
    assert_eq!(
        r.true_boolean_value,
        case.opt_bool("trueBooleanValue"),
        "{id}"
    );
    assert_eq!(
        r.false_boolean_value,
        case.opt_bool("falseBooleanValue"),
        "{id}"
    );
    assert_eq!(
        r.byte_value.map(i64::from),
        case.opt_int("byteValue"),
        "{id}"
    );
    assert_eq!(
        r.short_value.map(i64::from),
        case.opt_int("shortValue"),
        "{id}"
    );
    assert_eq!(
        r.integer_value.map(i64::from),
        case.opt_int("integerValue"),
        "{id}"
    );
    assert_eq!(r.long_value, case.opt_int("longValue"), "{id}");
    assert_float(
        r.float_value.map(f64::from),
        case.opt_float("floatValue"),
        &format!("{id}: floatValue"),
    );
    assert_float(
        r.double_value,
        case.opt_float("doubleValue"),
        &format!("{id}: doubleValue"),
    );
}

cases! { simple_scalar_properties:
    query_simple_scalar_properties => "QuerySimpleScalarProperties",
    aws_query_supports_na_n_float_outputs => "AwsQuerySupportsNaNFloatOutputs",
    aws_query_supports_infinity_float_outputs => "AwsQuerySupportsInfinityFloatOutputs",
    aws_query_supports_negative_infinity_float_outputs => "AwsQuerySupportsNegativeInfinityFloatOutputs",
    ec2_simple_scalar_properties => "Ec2SimpleScalarProperties",
    ec2_query_supports_na_n_float_outputs => "Ec2QuerySupportsNaNFloatOutputs",
    ec2_query_supports_infinity_float_outputs => "Ec2QuerySupportsInfinityFloatOutputs",
    ec2_query_supports_negative_infinity_float_outputs => "Ec2QuerySupportsNegativeInfinityFloatOutputs",
}

// ---------------------------------------------------------------------------
// Blobs

#[cfg(feature = "base64")]
#[derive(Debug, Deserialize)]
struct XmlBlobs {
    #[serde(with = "aws_query_xml::helpers::base64")]
    data: Vec<u8>,
    /// Never in these bodies: the `option` form gives `None`.
    #[serde(default, with = "aws_query_xml::helpers::base64::option")]
    absent: Option<Vec<u8>>,
}

/// `XmlBlobs` and `XmlEmptyBlobs`: `data`, expected as the decoded text.
#[cfg(feature = "base64")]
fn xml_blobs(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlBlobs>();
    assert_eq!(got.result().data, case.str("data").as_bytes(), "{id}");
    assert_eq!(got.result().absent, None, "{id}");
}

#[cfg(feature = "base64")]
cases! { xml_blobs:
    query_xml_blobs => "QueryXmlBlobs",
    query_xml_empty_blobs => "QueryXmlEmptyBlobs",
    query_xml_empty_self_closed_blobs => "QueryXmlEmptySelfClosedBlobs",
    ec2_xml_blobs => "Ec2XmlBlobs",
    ec2_xml_empty_blobs => "Ec2XmlEmptyBlobs",
    ec2_xml_empty_self_closed_blobs => "Ec2XmlEmptySelfClosedBlobs",
}

// ---------------------------------------------------------------------------
// Enums

/// Smithy's `FooEnum`, a string enum, as a unit enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
enum FooEnum {
    Foo,
    Baz,
    Bar,
    #[serde(rename = "1")]
    One,
    #[serde(rename = "0")]
    Zero,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlEnums {
    foo_enum1: FooEnum,
    foo_enum2: FooEnum,
    foo_enum3: FooEnum,
    foo_enum_list: Vec<FooEnum>,
    foo_enum_set: Vec<FooEnum>,
    foo_enum_map: BTreeMap<String, FooEnum>,
}

fn xml_enums(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlEnums>();
    let r = got.result();
    assert_eq!(json(&r.foo_enum1), *case.param("fooEnum1"), "{id}");
    assert_eq!(json(&r.foo_enum2), *case.param("fooEnum2"), "{id}");
    assert_eq!(json(&r.foo_enum3), *case.param("fooEnum3"), "{id}");
    assert_eq!(json(&r.foo_enum_list), *case.param("fooEnumList"), "{id}");
    assert_eq!(json(&r.foo_enum_set), *case.param("fooEnumSet"), "{id}");
    assert_eq!(json(&r.foo_enum_map), *case.param("fooEnumMap"), "{id}");
    // the unit variants themselves
    assert_eq!(
        (r.foo_enum1, r.foo_enum2, r.foo_enum3),
        (FooEnum::Foo, FooEnum::Zero, FooEnum::One)
    );
}

cases! { xml_enums:
    query_xml_enums => "QueryXmlEnums",
    ec2_xml_enums => "Ec2XmlEnums",
}

/// Smithy's `IntegerEnum` members as integers.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlIntEnums {
    int_enum1: i32,
    int_enum2: i32,
    int_enum3: i32,
    int_enum_list: Vec<i32>,
    int_enum_set: Vec<i32>,
    int_enum_map: BTreeMap<String, i32>,
}

fn xml_int_enums(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlIntEnums>();
    let r = got.result();
    assert_eq!(json(&r.int_enum1), *case.param("intEnum1"), "{id}");
    assert_eq!(json(&r.int_enum2), *case.param("intEnum2"), "{id}");
    assert_eq!(json(&r.int_enum3), *case.param("intEnum3"), "{id}");
    assert_eq!(json(&r.int_enum_list), *case.param("intEnumList"), "{id}");
    assert_eq!(json(&r.int_enum_set), *case.param("intEnumSet"), "{id}");
    assert_eq!(json(&r.int_enum_map), *case.param("intEnumMap"), "{id}");
}

cases! { xml_int_enums:
    query_xml_int_enums => "QueryXmlIntEnums",
    ec2_xml_int_enums => "Ec2XmlIntEnums",
}

// ---------------------------------------------------------------------------
// Lists

#[cfg(feature = "time")]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlLists {
    string_list: Vec<String>,
    string_set: Vec<String>,
    integer_list: Vec<i32>,
    boolean_list: Vec<bool>,
    timestamp_list: Vec<ts::Ts>,
    enum_list: Vec<FooEnum>,
    int_enum_list: Vec<i32>,
    nested_string_list: Vec<Vec<String>>,
    /// `@xmlName("item")` members.
    #[serde(rename = "renamed")]
    renamed_list_members: Vec<String>,
    /// `@xmlFlattened`.
    flattened_list: Vec<String>,
    /// `@xmlFlattened @xmlName("customName")`.
    #[serde(rename = "customName")]
    flattened_list2: Vec<String>,
    flattened_list_with_member_namespace: Vec<String>,
    flattened_list_with_namespace: Vec<String>,
    #[serde(rename = "myStructureList")]
    structure_list: Vec<StructureListMember>,
}

#[cfg(feature = "time")]
#[derive(Debug, Deserialize, Serialize)]
struct StructureListMember {
    #[serde(rename(deserialize = "value", serialize = "a"))]
    a: String,
    #[serde(rename(deserialize = "other", serialize = "b"))]
    b: String,
}

#[cfg(feature = "time")]
fn xml_lists(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlLists>();
    let r = got.result();
    assert_eq!(json(&r.string_list), *case.param("stringList"), "{id}");
    assert_eq!(json(&r.string_set), *case.param("stringSet"), "{id}");
    assert_eq!(json(&r.integer_list), *case.param("integerList"), "{id}");
    assert_eq!(json(&r.boolean_list), *case.param("booleanList"), "{id}");
    let timestamps: Vec<i128> = r.timestamp_list.iter().map(|t| ts::nanos(t.0)).collect();
    let expected: Vec<i128> = case
        .param("timestampList")
        .as_array()
        .unwrap()
        .iter()
        .map(ts::epoch_nanos)
        .collect();
    assert_eq!(timestamps, expected, "{id}: timestampList");
    assert_eq!(json(&r.enum_list), *case.param("enumList"), "{id}");
    assert_eq!(json(&r.int_enum_list), *case.param("intEnumList"), "{id}");
    assert_eq!(
        json(&r.nested_string_list),
        *case.param("nestedStringList"),
        "{id}"
    );
    assert_eq!(
        json(&r.renamed_list_members),
        *case.param("renamedListMembers"),
        "{id}"
    );
    assert_eq!(
        json(&r.flattened_list),
        *case.param("flattenedList"),
        "{id}"
    );
    assert_eq!(
        json(&r.flattened_list2),
        *case.param("flattenedList2"),
        "{id}"
    );
    assert_eq!(
        json(&r.flattened_list_with_member_namespace),
        *case.param("flattenedListWithMemberNamespace"),
        "{id}"
    );
    assert_eq!(
        json(&r.flattened_list_with_namespace),
        *case.param("flattenedListWithNamespace"),
        "{id}"
    );
    assert_eq!(
        json(&r.structure_list),
        *case.param("structureList"),
        "{id}"
    );
}

#[cfg(feature = "time")]
cases! { xml_lists:
    query_xml_lists => "QueryXmlLists",
    ec2_xml_lists => "Ec2XmlLists",
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlEmptyLists {
    string_list: Vec<String>,
    string_set: Vec<String>,
    /// Absent from the bodies.
    #[serde(default)]
    integer_list: Option<Vec<i32>>,
}

fn xml_empty_lists(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlEmptyLists>();
    let r = got.result();
    assert_eq!(json(&r.string_list), *case.param("stringList"), "{id}");
    assert_eq!(json(&r.string_set), *case.param("stringSet"), "{id}");
    assert!(r.string_list.is_empty() && r.string_set.is_empty(), "{id}");
    assert_eq!(r.integer_list, None, "{id}");
}

cases! { xml_empty_lists:
    query_xml_empty_lists => "QueryXmlEmptyLists",
    ec2_xml_empty_lists => "Ec2XmlEmptyLists",
}

#[derive(Debug, Deserialize, Serialize)]
struct XmlNamespaceNested {
    foo: String,
    values: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct XmlNamespaces {
    nested: XmlNamespaceNested,
}

fn xml_namespaces(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlNamespaces>();
    assert_eq!(json(&got.result().nested), *case.param("nested"), "{id}");
}

cases! { xml_namespaces:
    query_xml_namespaces => "QueryXmlNamespaces",
    ec2_xml_namespaces => "Ec2XmlNamespaces",
}

// ---------------------------------------------------------------------------
// Recursive shapes

#[derive(Debug, Deserialize, Serialize)]
struct RecursiveShapesNested1 {
    #[serde(skip_serializing_if = "Option::is_none")]
    foo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nested: Option<Box<RecursiveShapesNested2>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct RecursiveShapesNested2 {
    #[serde(skip_serializing_if = "Option::is_none")]
    bar: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recursive_member: Option<Box<RecursiveShapesNested1>>,
}

#[derive(Debug, Deserialize)]
struct RecursiveXmlShapes {
    nested: Option<RecursiveShapesNested1>,
}

fn recursive_shapes(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<RecursiveXmlShapes>();
    let nested = got.result().nested.as_ref().expect("nested");
    assert_eq!(json(nested), *case.param("nested"), "{id}");
    // and by hand, to the bottom
    let inner = nested.nested.as_ref().unwrap();
    let member = inner.recursive_member.as_ref().unwrap();
    assert_eq!(member.foo.as_deref(), Some("Foo2"));
    assert_eq!(member.nested.as_ref().unwrap().bar.as_deref(), Some("Bar2"));
    assert!(member.nested.as_ref().unwrap().recursive_member.is_none());
}

cases! { recursive_shapes:
    query_recursive_shapes => "QueryRecursiveShapes",
    ec2_recursive_shapes => "Ec2RecursiveShapes",
}

// ---------------------------------------------------------------------------
// Maps (awsQuery only)

#[derive(Debug, Deserialize, Serialize)]
struct GreetingStruct {
    hi: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlMaps {
    my_map: BTreeMap<String, GreetingStruct>,
}

#[test]
fn query_xml_maps() {
    let Some(case) = Case::new("QueryXmlMaps") else {
        return;
    };
    let got = case.decode::<XmlMaps>();
    assert_eq!(json(&got.result().my_map), *case.param("myMap"));
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlEmptyMaps {
    my_map: BTreeMap<String, GreetingStruct>,
}

fn xml_empty_maps(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<XmlEmptyMaps>();
    assert!(got.result().my_map.is_empty(), "{id}");
    assert_eq!(json(&got.result().my_map), *case.param("myMap"), "{id}");
}

cases! { xml_empty_maps:
    query_xml_empty_maps => "QueryXmlEmptyMaps",
    query_xml_empty_self_closed_maps => "QueryXmlEmptySelfClosedMaps",
}

/// `@xmlName("Attribute")` keys, `@xmlName("Setting")` values.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlMapsXmlName {
    #[serde(deserialize_with = "aws_query_xml::helpers::map_by_position")]
    my_map: BTreeMap<String, GreetingStruct>,
}

#[test]
fn query_query_xml_maps_xml_name() {
    let Some(case) = Case::new("QueryQueryXmlMapsXmlName") else {
        return;
    };
    let got = case.decode::<XmlMapsXmlName>();
    assert_eq!(json(&got.result().my_map), *case.param("myMap"));
}

/// `@xmlFlattened`: `key`/`value` entries as repeated `myMap` siblings.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FlattenedXmlMap {
    my_map: BTreeMap<String, String>,
}

#[test]
fn query_query_flattened_xml_map() {
    let Some(case) = Case::new("QueryQueryFlattenedXmlMap") else {
        return;
    };
    let got = case.decode::<FlattenedXmlMap>();
    assert_eq!(json(&got.result().my_map), *case.param("myMap"));
}

/// `@xmlFlattened @xmlName("KVP")` with `K`/`V` (with or without namespaces).
#[derive(Debug, Deserialize)]
struct FlattenedXmlMapWithXmlName {
    #[serde(
        rename = "KVP",
        deserialize_with = "aws_query_xml::helpers::map_by_position"
    )]
    my_map: BTreeMap<String, String>,
}

fn flattened_xml_map_with_xml_name(id: &str) {
    let Some(case) = Case::new(id) else {
        return;
    };
    let got = case.decode::<FlattenedXmlMapWithXmlName>();
    assert_eq!(json(&got.result().my_map), *case.param("myMap"), "{id}");
}

cases! { flattened_xml_map_with_xml_name:
    query_query_flattened_xml_map_with_xml_name => "QueryQueryFlattenedXmlMapWithXmlName",
    query_query_flattened_xml_map_with_xml_namespace => "QueryQueryFlattenedXmlMapWithXmlNamespace",
}
