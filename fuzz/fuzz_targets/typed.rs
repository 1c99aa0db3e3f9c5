//! `typed`: `from_slice` and `from_reader` into a few realistic result types
//! give the same value, or the same error, with the typed pull on (straight
//! from the tokens) and off (through the result's tree); and into
//! `serde_json::Value`, where the tree always decides.
#![no_main]

use std::borrow::Cow;
use std::fmt::Debug;

use aws_query_xml::{Options, Success};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

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
    let (pulled, tree) = both(|| shown(options.from_reader::<T, _>(data)));
    assert_eq!(pulled, tree, "from_reader: pulled and tree differ");
}

fuzz_target!(|data: &[u8]| {
    let options = Options::new();
    same::<Receive>(data, options);
    same::<Users>(data, options);
    same::<Vec<String>>(data, options);
    same::<IgnoredAny>(data, options);
    same::<serde_json::Value>(data, options);
    let (pulled, tree) = both(|| shown(options.from_slice::<Borrowed>(data)));
    assert_eq!(pulled, tree, "borrowed: pulled and tree differ");
});
