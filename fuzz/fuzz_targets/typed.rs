//! `typed`: `from_slice` and `from_reader` into a few realistic result types
//! give the same value, or the same error, with the typed pull on (straight
//! from the tokens) and off (through the result's tree), into
//! `serde_json::Value` too (the pull builds `result()`'s tree from the
//! tokens, the tree path reads its nodes), and into an untagged enum and a
//! struct with a flattened map (serde buffers both through
//! `deserialize_any`). A typed read agrees
//! with `parse`: it succeeds only where `parse` gives a success, with the
//! same request id and action, and into `serde_json::Value` it gives
//! exactly `Response::result`; where `parse` fails, it fails with the same
//! error.
#![no_main]

use std::borrow::Cow;
use std::fmt::Debug;

use aws_query_xml::{Options, Success};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

/// Buffered by serde through `deserialize_any`, then read as one of two.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // read through `Debug`
enum Either {
    Users(Users),
    Any(serde_json::Value),
}

/// A struct with a flattened map: buffered through `deserialize_any` too.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read through `Debug`
struct Flat {
    #[serde(rename = "IsTruncated", default)]
    truncated: Option<String>,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Receive {
    #[serde(default)]
    message: Vec<Message>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Message {
    message_id: Option<String>,
    body: Option<String>,
    #[serde(default)]
    attribute: Vec<Pair>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Pair {
    name: String,
    value: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Users {
    #[serde(default)]
    users: Vec<User>,
    is_truncated: Option<bool>,
    marker: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct User {
    user_name: String,
    #[serde(default)]
    tags: Vec<Pair>,
    #[serde(default)]
    item: Vec<Vec<String>>,
    kind: Option<Kind>,
    rate: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
enum Kind {
    On,
    Off,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code, non_snake_case)]
struct Borrowed<'a> {
    #[serde(borrow)]
    MessageId: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    a: Vec<Cow<'a, str>>,
}

fn shown<T: Debug>(r: Result<Success<T>, aws_query_xml::Error>) -> String {
    match r {
        Ok(s) => format!("{:?} {:?} {:?}", s.result(), s.request_id(), s.action()),
        Err(e) => format!("error: {e}"),
    }
}

/// The answer with the pull on, then off.
fn both(read: impl Fn() -> String) -> (String, String) {
    let pulled = read();
    aws_query_xml::set_pull(false);
    let tree = read();
    aws_query_xml::set_pull(true);
    (pulled, tree)
}

fn same<T: DeserializeOwned + Debug>(data: &[u8], options: Options) {
    let (pulled, tree) = both(|| shown(options.from_slice::<T>(data)));
    assert_eq!(pulled, tree, "from_slice: pulled and tree differ");
    agrees_with_parse(data, options, options.from_slice::<T>(data));
    let (pulled, tree) = both(|| shown(options.from_reader::<T, _>(data)));
    assert_eq!(pulled, tree, "from_reader: pulled and tree differ");
}

/// A typed read against `parse`: the same failure where `parse` fails, an
/// error where it gives an error envelope, and the same ids where it
/// succeeds.
fn agrees_with_parse<T>(data: &[u8], options: Options, typed: Result<Success<T>, aws_query_xml::Error>) {
    match (options.parse(data), typed) {
        (Err(parse), Err(typed)) => assert_eq!(parse.to_string(), typed.to_string(), "parse and from_slice fail differently"),
        (Err(parse), Ok(_)) => panic!("from_slice read a body parse refuses: {parse}"),
        (Ok(response), Ok(success)) => {
            assert!(response.service_error().is_none(), "from_slice read an error envelope");
            assert_eq!(response.request_id(), success.request_id());
            assert_eq!(response.action(), success.action());
        }
        (Ok(response), Err(typed)) => {
            if let Some(service) = response.service_error() {
                let got = typed.service_error().expect("an error envelope is the typed error");
                assert_eq!(service.code(), got.code());
                assert_eq!(service.request_id(), got.request_id());
            }
        }
    }
}

/// Into `serde_json::Value`: exactly what `result()` gives, as JSON.
fn value_is_result(data: &[u8], options: Options) {
    let Ok(response) = options.parse(data) else {
        return;
    };
    let typed = options.from_slice::<serde_json::Value>(data);
    match (response.result(), typed) {
        (Ok(Some(tree)), Ok(success)) => {
            let tree = serde_json::to_value(&tree).expect("a result serializes");
            assert_eq!(&tree, success.result(), "from_slice into a Value is not result()");
        }
        // an error envelope, or a result over a limit: both fail
        (Ok(None), Err(_)) | (Err(_), Err(_)) => {}
        (tree, typed) => panic!(
            "result() and from_slice into a Value disagree: {:?} / {:?}",
            tree.map(|t| t.is_some()),
            typed.map(|_| ())
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let options = Options::new();
    value_is_result(data, options);
    same::<Receive>(data, options);
    same::<Users>(data, options);
    same::<Vec<String>>(data, options);
    same::<IgnoredAny>(data, options);
    same::<serde_json::Value>(data, options);
    same::<Either>(data, options);
    same::<Flat>(data, options);
    let (pulled, tree) = both(|| shown(options.from_slice::<Borrowed>(data)));
    assert_eq!(pulled, tree, "borrowed: pulled and tree differ");
});
