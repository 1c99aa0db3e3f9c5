//! The pull reads a result straight from the tokens when serde visits it in
//! document order, and leaves it to the tree otherwise: both must give the
//! same value, or the same error, on every body. Every case reads the body
//! through the public entry points twice, the pull on and off (`OFF`): the
//! whole body (`from_slice`) and a detached response (`from_reader`).
#![allow(clippy::struct_field_names)] // fields are named as the XML elements

use std::borrow::Cow;
use std::fmt::{Debug, Write};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::OFF;
use crate::{Limits, Options, Whitespace};

#[path = "../../tests/common/fixtures.rs"]
mod fixtures;
use fixtures::fixture_bodies;

/// Both ways: `read` with the pull on, then off.
fn both<R>(read: impl Fn() -> R) -> (R, R) {
    let pulled = read();
    OFF.set(true);
    let tree = read();
    OFF.set(false);
    (pulled, tree)
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Receive {
    #[serde(default)]
    message: Vec<Message>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Message {
    message_id: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    attribute: Vec<Pair>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Pair {
    name: String,
    value: Option<String>,
}

/// Field names that the fixtures and the generated bodies use, with types
/// of every kind the pull reads itself.
#[derive(Debug, Deserialize, PartialEq)]
#[allow(non_snake_case, clippy::struct_field_names)]
struct Wide {
    QueueUrl: Option<String>,
    MessageId: Option<String>,
    #[serde(default)]
    Message: Vec<Wide>,
    #[serde(default)]
    Attribute: Vec<Pair>,
    #[serde(default)]
    Users: Vec<User>,
    #[serde(default)]
    Tags: Option<Vec<Pair>>,
    #[serde(default)]
    item: Vec<Wide>,
    #[serde(default)]
    member: Vec<String>,
    #[serde(default)]
    a: Vec<String>,
    b: Option<Inner>,
    c: Option<u32>,
    d: Option<bool>,
    e: Option<f64>,
    f: Option<Kind>,
    #[serde(default, deserialize_with = "crate::helpers::keep_whitespace")]
    g: String,
    #[serde(default)]
    h: Vec<Vec<String>>,
    IsTruncated: Option<bool>,
    Body: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[allow(non_snake_case)]
struct Inner {
    a: Option<String>,
    #[serde(default)]
    b: Vec<Inner>,
    c: Option<i64>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct User {
    user_name: String,
    path: Option<String>,
    #[serde(default)]
    tags: Vec<Pair>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[allow(non_camel_case_types)]
enum Kind {
    on,
    off,
}

#[derive(Debug, Deserialize, PartialEq)]
#[allow(non_snake_case)]
struct Borrowing<'a> {
    #[serde(borrow, default)]
    a: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    MessageId: Option<Cow<'a, str>>,
}

/// The answer of one path: the value and the request id, or the error's text.
fn answer<T: Debug>(r: Result<crate::Success<T>, crate::Error>) -> String {
    match r {
        Ok(s) => format!("{:?} {:?} {:?}", s.result(), s.request_id(), s.action()),
        Err(e) => format!("error: {e}"),
    }
}

fn same<T: DeserializeOwned + Debug>(body: &[u8], options: Options, what: &str) {
    let show = || String::from_utf8_lossy(&body[..body.len().min(400)]).into_owned();
    let (pulled, tree) = both(|| answer(options.from_slice::<T>(body)));
    assert_eq!(pulled, tree, "{what}, whole: {}", show());
    let (pulled, tree) = both(|| answer(options.from_reader::<T, _>(body)));
    assert_eq!(pulled, tree, "{what}, detached: {}", show());
}

/// Numbers of every width, tuples and maps: what the pull reads itself
/// (scalars) or leaves to the tree (tuples, maps, self-describing values).
#[derive(Debug, Deserialize, PartialEq)]
#[allow(non_snake_case)]
struct Shapes {
    c: Option<u8>,
    d: Option<f32>,
    e: Option<f64>,
    a: Option<(String, String)>,
    b: Option<[i64; 2]>,
    #[serde(default)]
    Attribute: std::collections::BTreeMap<String, String>,
    Tags: Option<std::collections::BTreeMap<String, serde_json::Value>>,
    Users: Option<serde_json::Value>,
}

fn all_types(body: &[u8], options: Options, what: &str) {
    same::<Receive>(body, options, what);
    same::<Shapes>(body, options, what);
    same::<serde_json::Value>(body, options, what);
    same::<Wide>(body, options, what);
    same::<IgnoredAny>(body, options, what);
    same::<Vec<String>>(body, options, what);
    same::<String>(body, options, what);
    same::<Option<Inner>>(body, options, what);
    // borrowed values: the same as the tree's owned ones
    let pulled = match options.from_slice::<Borrowing>(body) {
        Ok(s) => format!("{:?} {:?}", s.result().a, s.result().MessageId.as_deref()),
        Err(e) => format!("error: {e}"),
    };
    let tree = match options.from_reader::<Owning, _>(body) {
        Ok(s) => format!("{:?} {:?}", s.result().a, s.result().MessageId.as_deref()),
        Err(e) => format!("error: {e}"),
    };
    assert_eq!(pulled, tree, "{what}: borrowed");
}

#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
struct Owning {
    #[serde(default)]
    a: Vec<String>,
    MessageId: Option<String>,
}

#[test]
fn every_fixture_reads_the_same_pulled_and_through_the_tree() {
    let mut n = 0;
    for (path, body) in fixture_bodies() {
        let what = path.display().to_string();
        for options in [
            Options::new(),
            Options::new().whitespace(Whitespace::Keep),
            Options::new().limits(Limits::new().max_nodes(3)),
        ] {
            all_types(&body, options, &what);
        }
        n += 1;
    }
    assert!(n > 100, "only {n} fixtures");
}

/// A small deterministic generator of `XResponse` bodies: nested elements
/// from a few names (so that names repeat, adjacent or apart), `member` and
/// `item` lists, empty elements, text with entities, CDATA and edge
/// whitespace, numbers, booleans and enum names.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[usize::try_from(self.next()).unwrap() % items.len()]
    }

    fn text(&mut self) -> String {
        let piece = self.pick(&[
            "x",
            "42",
            "-7",
            "true",
            "false",
            "on",
            "off",
            "1.5",
            "NaN",
            "1e400",
            "1e39",
            "inf",
            "+7",
            " a b ",
            "\n  v\n",
            "&amp;",
            "&lt;x&gt;",
            "<![CDATA[ c ]]>",
            "",
            "&#32;",
            "é",
        ]);
        piece.to_owned()
    }

    fn element(&mut self, out: &mut String, depth: usize) {
        let names = [
            "a",
            "b",
            "c",
            "d",
            "e",
            "f",
            "g",
            "h",
            "member",
            "item",
            "Message",
            "Attribute",
            "Name",
            "Value",
            "MessageId",
            "Users",
            "UserName",
            "Tags",
            "IsTruncated",
            "Body",
        ];
        let name = self.pick(&names);
        let kind = self.next() % 6;
        if depth >= 4 || kind == 0 {
            let _ = write!(out, "<{name}>{}</{name}>", self.text());
        } else if kind == 1 {
            let _ = write!(out, "<{name}/>");
        } else if kind == 2 {
            // a wrapped list
            let item = self.pick(&["member", "item"]);
            let _ = writeln!(out, "<{name}>");
            for _ in 0..self.next() % 4 {
                let _ = write!(out, "  <{item}>");
                if self.next().is_multiple_of(2) {
                    out.push_str(&self.text());
                } else {
                    self.children(out, depth + 1);
                }
                let _ = writeln!(out, "</{item}>");
            }
            let _ = write!(out, "</{name}>");
        } else {
            let _ = write!(out, "<{name}>");
            if self.next().is_multiple_of(4) {
                out.push_str(&self.text());
            }
            self.children(out, depth + 1);
            let _ = write!(out, "</{name}>");
        }
    }

    fn children(&mut self, out: &mut String, depth: usize) {
        for _ in 0..self.next() % 5 {
            if self.next().is_multiple_of(3) {
                out.push_str("\n  ");
            }
            self.element(out, depth);
            if self.next().is_multiple_of(5) {
                // another element right after: often the same name
                self.element(out, depth);
            }
        }
    }

    fn body(&mut self) -> String {
        let mut out = String::from("<XResponse><XResult>");
        self.children(&mut out, 0);
        out.push_str(
            "</XResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></XResponse>",
        );
        out
    }
}

/// The shapes of issue 11: self-describing targets, maps of elements that
/// hold more than entries, tuples of too many items, numbers beyond their
/// type, lists at the result root, lists mixing `member` and `item`.
#[test]
fn shapes_beyond_the_type_read_the_same_pulled_and_through_the_tree() {
    let results = [
        "<Attribute><Name>bob</Name><Value>1</Value><Arn>x</Arn></Attribute>",
        "<Attribute><Name>a</Name><Value>1</Value></Attribute><Attribute><Name>b</Name><Value>2</Value><Arn/></Attribute>",
        "<Attribute><entry>t</entry></Attribute>",
        "<Attribute>x</Attribute>",
        "<Tags><item><key>k</key><value>v</value><x/></item></Tags>",
        "<Users><member>a</member><item>b</item></Users>",
        "<a><member>1</member><member>2</member><member>3</member></a><b>1</b><b>2</b><b>3</b>",
        "<a>x</a><b>1</b>",
        "<c>256</c><d>1e39</d><e>-1e400</e>",
        "<d>3.4028235e38</d><e>Infinity</e>",
        "<member>a</member><member><b/></member>",
        "<member>a</member><item>b</item>",
        "<Message><member>a</member><item>b</item></Message>",
        "x",
    ];
    for inner in results {
        let body = format!("<XResponse><XResult>{inner}</XResult></XResponse>");
        for options in [Options::new(), Options::new().whitespace(Whitespace::Keep)] {
            all_types(body.as_bytes(), options, inner);
            same::<(String, String)>(body.as_bytes(), options, inner);
            same::<std::collections::BTreeMap<String, String>>(body.as_bytes(), options, inner);
        }
    }
}

#[test]
fn generated_bodies_read_the_same_pulled_and_through_the_tree() {
    let mut g = Gen(7);
    for i in 0..3000 {
        let body = g.body();
        all_types(body.as_bytes(), Options::new(), &format!("body {i}"));
        if i % 10 == 0 {
            all_types(
                body.as_bytes(),
                Options::new().whitespace(Whitespace::Trim),
                &format!("body {i}, trim"),
            );
        }
    }
}

/// Bodies cut short and bodies with a byte changed: every error the pull
/// meets, it leaves to the tree, so the answers agree there too.
#[test]
fn damaged_fixtures_read_the_same_pulled_and_through_the_tree() {
    let mut g = Gen(11);
    for (path, body) in fixture_bodies() {
        let what = path.display().to_string();
        for i in 0..6 {
            let mut damaged = body.clone();
            let at = usize::try_from(g.next()).unwrap() % body.len().max(1);
            if i % 2 == 0 {
                damaged.truncate(at);
            } else if let Some(b) = damaged.get_mut(at) {
                *b = *g
                    .pick(&["<", ">", "/", "&", "a", " ", "\u{1}", "é"])
                    .as_bytes()
                    .first()
                    .unwrap_or(&b'x');
            }
            same::<Receive>(&damaged, Options::new(), &what);
            same::<Wide>(&damaged, Options::new(), &what);
            same::<Vec<String>>(&damaged, Options::new(), &what);
        }
    }
}
