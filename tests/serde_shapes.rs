//! Typed results whose shape the caller's type does not fix alone: a
//! self-describing target gives exactly the tree `Response::result` gives;
//! maps read entries only from elements that hold nothing else; lists,
//! tuples, maps and numbers that do not fit are errors that say what and
//! where, never a silent drop.
//!
//! Every case is read twice: whole (`from_slice`, straight from the tokens
//! where it can) and from a reader (`from_reader`, a detached response read
//! through its tree); both must give the same value or the same error.
#![allow(clippy::struct_field_names)] // fields are named as the XML elements

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use aws_query_xml::{ErrorKind, Options, Whitespace};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

/// `T` from `body`, whole and from a reader: the same answer both ways (the
/// value, or the error's text and kind).
fn read<T: DeserializeOwned + Debug>(body: &[u8], options: Options) -> Result<T, String> {
    let whole = options.from_slice::<T>(body);
    let reader = options.from_reader::<T, _>(common::Trickle::new(body, 3));
    let show = |r: Result<aws_query_xml::Success<T>, aws_query_xml::Error>| match r {
        Ok(s) => Ok(s.into_result()),
        Err(e) => {
            assert!(
                matches!(e.kind(), ErrorKind::Deserialize { .. }),
                "not a deserialize error: {e}"
            );
            Err(e.to_string())
        }
    };
    let (whole, reader) = (show(whole), show(reader));
    // compared as shown: `NaN` is not equal to itself
    assert_eq!(
        format!("{whole:?}"),
        format!("{reader:?}"),
        "whole and reader disagree"
    );
    whole
}

/// `T` from a body whose result is `inner`.
fn result<T: DeserializeOwned + Debug>(inner: &str) -> Result<T, String> {
    read(&wrap(inner), Options::new())
}

fn wrap(inner: &str) -> Vec<u8> {
    format!(
        "<XResponse><XResult>{inner}</XResult>\
         <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></XResponse>"
    )
    .into_bytes()
}

/// The offset of `needle` in the body whose result is `inner`.
fn at(inner: &str, needle: &str) -> usize {
    let body = wrap(inner);
    body.windows(needle.len())
        .position(|w| w == needle.as_bytes())
        .unwrap()
}

/// What `Response::result` gives, as JSON.
fn tree(body: &[u8], options: Options) -> serde_json::Value {
    serde_json::to_value(options.parse(body).unwrap().result().unwrap()).unwrap()
}

const USER: &str = "<User><Name>bob</Name><Value>1</Value><Arn>x</Arn></User>";

#[test]
fn a_self_describing_target_gets_exactly_the_result_tree() {
    let cases: &[(&str, serde_json::Value)] = &[
        (
            USER,
            json!({"User": {"Name": "bob", "Value": "1", "Arn": "x"}}),
        ),
        (
            "<User><Name>bob</Name><Value>1</Value></User>",
            json!({"User": {"Name": "bob", "Value": "1"}}),
        ),
        (
            "<Users><member>a</member><member><B>b</B></member></Users>",
            json!({"Users": ["a", {"B": "b"}]}),
        ),
        ("<Set><item>a</item></Set>", json!({"Set": ["a"]})),
        ("<X><entry>t</entry></X>", json!({"X": {"entry": "t"}})),
        (
            "<M><entry><key>k</key><value>v</value></entry></M>",
            json!({"M": {"entry": {"key": "k", "value": "v"}}}),
        ),
        (
            "<L><member>a</member><item>b</item></L>",
            json!({"L": {"member": "a", "item": "b"}}),
        ),
        (
            "<a>1</a><b/><a>2</a><c><d>\n  x\n</d></c>",
            json!({"a": ["1", "2"], "b": "", "c": {"d": "x"}}),
        ),
        (
            "<member>a</member><member>b</member>",
            json!({"member": ["a", "b"]}),
        ),
        ("<member>a</member>", json!({"member": "a"})),
        ("text only", json!({})),
        ("", json!({})),
    ];
    for (inner, want) in cases {
        let body = wrap(inner);
        assert_eq!(&tree(&body, Options::new()), want, "the tree of {inner}");
        for whitespace in [Whitespace::Auto, Whitespace::Keep, Whitespace::Trim] {
            let options = Options::new().whitespace(whitespace);
            let got = read::<serde_json::Value>(&body, options);
            assert_eq!(got, Ok(tree(&body, options)), "{inner} ({whitespace:?})");
        }
    }
}

/// Every fixture: a success's result into `serde_json::Value` is the tree
/// `result()` gives, under every whitespace policy.
#[test]
fn every_fixture_into_a_self_describing_target_is_its_result_tree() {
    let mut compared = 0;
    for (path, body) in common::fixture_bodies() {
        for whitespace in [Whitespace::Auto, Whitespace::Keep, Whitespace::Trim] {
            let options = Options::new().whitespace(whitespace);
            let Ok(response) = options.parse(&body) else {
                continue;
            };
            if response.service_error().is_some() {
                continue;
            }
            let want = response.result().map(|r| serde_json::to_value(r).unwrap());
            let whole = options
                .from_slice::<serde_json::Value>(&body)
                .map(aws_query_xml::Success::into_result);
            let reader = options
                .from_reader::<serde_json::Value, _>(body.as_slice())
                .map(aws_query_xml::Success::into_result);
            let shown =
                |r: Result<serde_json::Value, aws_query_xml::Error>| r.map_err(|e| e.to_string());
            let want = want.map_err(|e| e.to_string());
            assert_eq!(shown(whole), want, "{} ({whitespace:?})", path.display());
            assert_eq!(shown(reader), want, "{} ({whitespace:?})", path.display());
            compared += 1;
        }
    }
    assert!(compared > 100, "only {compared} comparisons");
}

/// Untagged enums ask the deserializer what it holds: the same shapes.
#[test]
fn untagged_enums_see_the_shapes_of_the_result_tree() {
    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(untagged)]
    enum Shape {
        Text(String),
        List(Vec<String>),
        Fields(BTreeMap<String, String>),
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct R {
        a: Shape,
    }
    let got = result::<R>("<a><member>x</member><member>y</member></a>");
    assert_eq!(
        got,
        Ok(R {
            a: Shape::List(vec!["x".into(), "y".into()])
        })
    );
    let got = result::<R>("<a><Name>n</Name><Value>v</Value><Arn>x</Arn></a>");
    let fields = [("Arn", "x"), ("Name", "n"), ("Value", "v")];
    let want = fields.map(|(k, v)| (k.to_owned(), v.to_owned()));
    assert_eq!(
        got,
        Ok(R {
            a: Shape::Fields(want.into())
        })
    );
    assert_eq!(
        result::<R>("<a>t</a>"),
        Ok(R {
            a: Shape::Text("t".into())
        })
    );
}

#[derive(Debug, Deserialize, PartialEq)]
struct UserMap {
    #[serde(rename = "User")]
    user: BTreeMap<String, String>, // ordered: compared as shown
}

#[derive(Debug, Deserialize, PartialEq)]
struct Tags {
    #[serde(rename = "tagSet")]
    tags: BTreeMap<String, serde_json::Value>,
}

#[test]
fn maps_read_entries_only_when_the_element_holds_nothing_else() {
    let map = |pairs: &[(&str, &str)]| UserMap {
        user: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    // an element that is a `Name`/`Value` entry and nothing else
    let got = result::<UserMap>("<User><Name>bob</Name><Value>1</Value></User>");
    assert_eq!(got, Ok(map(&[("bob", "1")])));
    // anything else beside them: the children by name, as `result()` has them
    let got = result::<UserMap>(USER);
    assert_eq!(
        got,
        Ok(map(&[("Name", "bob"), ("Value", "1"), ("Arn", "x")]))
    );
    // `entry` elements that are not entries: children by name too
    let got = result::<UserMap>("<User><entry>t</entry></User>");
    assert_eq!(got, Ok(map(&[("entry", "t")])));
    let got = result::<UserMap>(
        "<User><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></User>",
    );
    assert_eq!(got, Ok(map(&[("a", "1"), ("b", "2")])));
    // EC2 items that hold more than a key and a value are not entries
    let inner =
        "<tagSet><item><resourceId>i-1</resourceId><key>k</key><value>v</value></item></tagSet>";
    let got = result::<Tags>(inner).map(|t| serde_json::to_value(t.tags).unwrap());
    assert_eq!(
        got,
        Ok(json!({"item": {"resourceId": "i-1", "key": "k", "value": "v"}}))
    );
}

#[test]
fn a_flattened_map_of_elements_that_are_not_entries_is_an_error() {
    let inner = "<User><Name>a</Name><Value>1</Value></User>\
                 <User><Name>b</Name><Value>2</Value><Arn>x</Arn></User>";
    assert_eq!(
        result::<UserMap>(inner),
        Err(format!(
            "cannot deserialize `XResult/User[1]`: expected a map entry of a key and a value only, found `Arn` at byte {}",
            at(inner, "<User><Name>b")
        ))
    );
    let inner = "<User><Name>a</Name><Value>1</Value></User><User>t</User>";
    assert_eq!(
        result::<UserMap>(inner),
        Err(format!(
            "cannot deserialize `XResult/User[1]`: expected a `key` or `Name` child at byte {}",
            at(inner, "<User>t")
        ))
    );
    let inner = "<User><Name>a</Name><Value>1</Value><Name>b</Name></User><User/>";
    assert_eq!(
        result::<UserMap>(inner),
        Err(format!(
            "cannot deserialize `XResult/User[0]`: expected a map entry of a key and a value only, found a second `Name` at byte {}",
            at(inner, "<User>")
        ))
    );
}

#[test]
fn a_map_by_position_of_more_than_a_key_and_a_value_is_an_error() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct M {
        #[serde(deserialize_with = "aws_query_xml::helpers::map_by_position")]
        m: BTreeMap<String, String>,
    }
    let got = result::<M>("<m><entry><K>a</K><V>1</V></entry></m>");
    assert_eq!(
        got,
        Ok(M {
            m: [("a".to_owned(), "1".to_owned())].into()
        })
    );
    let inner = "<m><entry><K>a</K><V>1</V></entry><entry><K>b</K><V>2</V><W>3</W></entry></m>";
    assert_eq!(
        result::<M>(inner),
        Err(format!(
            "cannot deserialize `XResult/m/entry[1]`: expected a map entry of a key and a value only, found 3 children at byte {}",
            at(inner, "<entry><K>b")
        ))
    );
    let inner = "<m>x</m>";
    assert_eq!(
        result::<M>(inner),
        Err(format!(
            "cannot deserialize `XResult/m`: expected a map, found text at byte {}",
            at(inner, "<m>")
        ))
    );
}

#[test]
fn a_map_from_text_is_an_error() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct M {
        #[serde(rename = "Map", default)]
        map: HashMap<String, String>,
    }
    let inner = "<Map>x</Map>";
    assert_eq!(
        result::<M>(inner),
        Err(format!(
            "cannot deserialize `XResult/Map`: expected a map, found text at byte {}",
            at(inner, "<Map>")
        ))
    );
    // empty, or only whitespace: no entries
    assert_eq!(
        result::<M>("<Map/>"),
        Ok(M {
            map: HashMap::new()
        })
    );
    assert_eq!(
        result::<M>("<Map>\n  </Map>"),
        Ok(M {
            map: HashMap::new()
        })
    );
    // at the root too
    assert_eq!(
        result::<HashMap<String, String>>("x"),
        Err("cannot deserialize `XResult`: expected a map, found text at byte 20".to_owned())
    );
}

#[test]
fn a_tuple_from_more_items_than_it_has_is_an_error() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct T {
        t: (String, String),
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct A {
        t: [u8; 2],
    }
    let two = "<t><member>a</member><member>b</member></t>";
    assert_eq!(
        result::<T>(two),
        Ok(T {
            t: ("a".into(), "b".into())
        })
    );
    let three = "<t><member>1</member><member>2</member><member>3</member></t>";
    assert_eq!(
        result::<T>(three),
        Err(format!(
            "cannot deserialize `XResult/t`: expected a tuple of size 2, found 3 items at byte {}",
            at(three, "<t>")
        ))
    );
    assert_eq!(
        result::<A>(three),
        Err(format!(
            "cannot deserialize `XResult/t`: expected an array of length 2, found 3 items at byte {}",
            at(three, "<t>")
        ))
    );
    // flattened, too many and too few
    let flat = "<t>1</t><t>2</t><t>3</t>";
    assert_eq!(
        result::<A>(flat),
        Err("cannot deserialize `XResult/t`: expected an array of length 2, found 3 items at byte 20".to_owned())
    );
    assert_eq!(
        result::<A>("<t>1</t>"),
        Err("cannot deserialize `XResult/t`: expected an array of length 2, found 1 item at byte 20".to_owned())
    );
}

#[test]
fn numbers_that_overflow_their_type_are_errors() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct F {
        d: Option<f64>,
        f: Option<f32>,
        u: Option<u8>,
        i: Option<i64>,
    }
    let err = |field: &str, what: &str, inner: &str| {
        Err(format!(
            "cannot deserialize `XResult/{field}`: expected {what} at byte {}",
            at(inner, &format!("<{field}>"))
        ))
    };
    let million = format!("<d>1{}</d>", "0".repeat(1_000_000));
    for inner in ["<d>1e400</d>", "<d>-1e400</d>", million.as_str()] {
        assert_eq!(
            result::<F>(inner),
            err("d", "a float in the range of `f64`", inner),
            "{}",
            &inner[..12]
        );
    }
    let inner = "<f>1e39</f>";
    assert_eq!(
        result::<F>(inner),
        err("f", "a float in the range of `f32`", inner)
    );
    let inner = "<u>256</u>";
    assert_eq!(
        result::<F>(inner),
        err("u", "a non-negative integer in the range of `u8`", inner)
    );
    let inner = format!("<i>-{}</i>", "9".repeat(1_000_000));
    assert_eq!(
        result::<F>(&inner),
        err("i", "an integer in the range of `i64`", &inner)
    );
    // non-finite values only as Smithy writes them
    for text in [
        "inf",
        "-inf",
        "infinity",
        "+Infinity",
        "nan",
        "NAN",
        "INFINITY",
    ] {
        let inner = format!("<d>{text}</d>");
        assert_eq!(result::<F>(&inner), err("d", "a float", &inner), "{text}");
    }
    let r = result::<F>("<d>NaN</d><f>-Infinity</f>").unwrap();
    assert!(r.d.unwrap().is_nan() && r.f == Some(f32::NEG_INFINITY));
    let r = result::<F>("<d>Infinity</d><f>3.4028235e38</f>").unwrap();
    assert_eq!((r.d, r.f), (Some(f64::INFINITY), Some(f32::MAX)));
    // what else a float takes: a sign, a fraction, an exponent; underflow rounds to zero
    let r = result::<F>("<d> +1.5e3 </d><f>.5</f><u>+7</u><i>-0</i>").unwrap();
    assert_eq!(
        (r.d, r.f, r.u, r.i),
        (Some(1500.0), Some(0.5), Some(7), Some(0))
    );
    let r = result::<F>("<d>1e-400</d><f>5.</f>").unwrap();
    assert_eq!((r.d, r.f), (Some(0.0), Some(5.0)));
    for (inner, field, what) in [
        ("<u>-1</u>", "u", "a non-negative integer"),
        ("<u>1.0</u>", "u", "a non-negative integer"),
        ("<i>0x10</i>", "i", "an integer"),
        ("<i>1e3</i>", "i", "an integer"),
        ("<d>1,5</d>", "d", "a float"),
        ("<d>1_000</d>", "d", "a float"),
        ("<d></d>", "d", "a float"),
    ] {
        assert_eq!(result::<F>(inner), err(field, what, inner), "{inner}");
    }
}

#[test]
fn a_list_at_the_result_root_names_the_result_element() {
    assert_eq!(
        result::<Vec<String>>("<a>1</a>"),
        Err("cannot deserialize `XResult[0]`: expected text, found an element with children at byte 20".to_owned())
    );
    let inner = "<member>a</member><member><b/></member>";
    assert_eq!(
        result::<Vec<String>>(inner),
        Err(format!(
            "cannot deserialize `XResult/member[1]`: expected text, found an element with children at byte {}",
            at(inner, "<member><b/>")
        ))
    );
    assert_eq!(result::<Vec<String>>("t"), Ok(vec!["t".to_owned()]));
    // a result that is the root's content (EC2): the root names it
    let body = b"<DescribeXResponse><requestId>r</requestId><a>1</a></DescribeXResponse>";
    assert_eq!(
        read::<Vec<String>>(body, Options::new()),
        Err("cannot deserialize `DescribeXResponse[0]`: expected text, found an element with children at byte 19".to_owned())
    );
}

#[test]
fn a_list_mixing_member_and_item_says_so() {
    #[derive(Debug, Deserialize, PartialEq)]
    #[allow(non_snake_case)]
    struct Item {
        Id: String,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct L {
        list: Vec<Item>,
    }
    let inner = "<list><member><Id>1</Id></member><item><Id>2</Id></item></list>";
    assert_eq!(
        result::<L>(inner),
        Err(format!(
            "cannot deserialize `XResult/list`: expected a list of `member` or of `item` elements, found both at byte {}",
            at(inner, "<list>")
        ))
    );
    assert_eq!(
        result::<Vec<String>>("<item>a</item><member>b</member>"),
        Err("cannot deserialize `XResult`: expected a list of `member` or of `item` elements, found both at byte 20".to_owned())
    );
}
