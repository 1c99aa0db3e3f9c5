//! Round-trip properties of writing responses: a generated unified response
//! rendered in every style that can carry it, under generated formatting,
//! parses back to itself through every input path.

mod common;

use aws_query_xml::{
    ActionForm, Arrays, Draft, DraftEntry, Envelope, Map, Options, RenderOptions, SoapVersion,
    Value,
};
use proptest::prelude::*;
use serde_json::json;

/// Text with markup characters, entity look-alikes, non-ASCII, inner
/// whitespace of every kind and carriage returns.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 ]{1,8}",
        Just("<".to_owned()),
        Just(">".to_owned()),
        Just("&".to_owned()),
        Just("&amp;".to_owned()),
        Just("&#10;".to_owned()),
        Just("]]>".to_owned()),
        Just("\"'".to_owned()),
        Just("é漢🦀".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("  ".to_owned()),
        Just("\u{85}\u{2028}\u{FEFF}".to_owned()),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|p| p.concat())
}

/// XML whitespace off both ends, as the parser gives every envelope field.
fn trimmed(s: &str) -> String {
    s.trim_matches([' ', '\t', '\n', '\r']).to_owned()
}

fn field() -> impl Strategy<Value = String> {
    text().prop_map(|s| trimmed(&s))
}

fn non_empty_field() -> impl Strategy<Value = String> {
    field().prop_map(|s| if s.is_empty() { "x".to_owned() } else { s })
}

/// Codes: listed ones, unlisted ones, dotted, empty, any text.
fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Throttling",
            "MessageRejected",
            "InvalidParameterValue",
            "RequestExpired",
            "ServiceUnavailable",
            "AWS.SimpleQueueService.NonExistentQueue",
            "",
        ])
        .prop_map(str::to_owned),
        "[A-Z][A-Za-z0-9.]{0,16}",
        field(),
    ]
}

fn error_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("Sender".to_owned())),
        Just(Some("Receiver".to_owned())),
        non_empty_field().prop_map(Some),
    ]
}

fn entry() -> impl Strategy<Value = DraftEntry> {
    (
        code(),
        error_type(),
        proptest::option::of(field()),
        proptest::option::of(non_empty_field()),
    )
        .prop_map(|(code, t, message, detail)| {
            let mut e = DraftEntry::new(code);
            if let Some(t) = t {
                e = e.with_type(t);
            }
            if let Some(m) = message {
                e = e.with_message(m);
            }
            if let Some(d) = detail {
                e = e.with_detail(d);
            }
            e
        })
}

/// Result element names: ASCII, non-ASCII, with dots and dashes.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "QueueUrl",
            "Users",
            "UserName",
            "Arn",
            "Tags",
            "Key",
            "Value",
            "Body",
            "Größe",
            "a.b-c",
            "_x",
            "Error",
            "Code",
            "Message",
            "Type",
            // the envelope's own names, as result members
            "ResponseMetadata",
            "RequestId",
            "RequestID",
            "requestId",
            "ResponseStatus",
            "StatusCode",
            "Errors",
            "OperationRequest",
            "SendEmailResult",
            "Envelope",
            "Body",
            "Fault",
            "Detail",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z_][a-zA-Z0-9_.-]{0,8}",
    ]
    .prop_filter("list item names are lists", |n| {
        n != "member" && n != "item"
    })
}

/// Leaf text: anything, with edge whitespace of every kind.
fn leaf() -> impl Strategy<Value = Value<'static>> {
    (
        prop::sample::select(vec!["", " ", "\n", "\n  ", "\t", "\r\n", " \n"]),
        text(),
        prop::sample::select(vec!["", " ", "\n", "  \n", "\t", "\r"]),
    )
        .prop_map(|(a, b, c)| Value::from(format!("{a}{b}{c}")))
}

fn value() -> impl Strategy<Value = Value<'static>> {
    leaf().prop_recursive(4, 48, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Value::from),
            proptest::collection::vec((name(), inner), 1..4)
                .prop_map(|kv| Value::from(kv.into_iter().collect::<Map<'static>>())),
        ]
    })
}

fn result() -> impl Strategy<Value = Map<'static>> {
    proptest::collection::vec((name(), value()), 0..5)
        .prop_map(|kv| kv.into_iter().collect::<Map<'static>>())
}

fn action() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "SendEmail",
            "ReceiveMessage",
            "ListUsers",
            "DescribeInstances"
        ])
        .prop_map(str::to_owned),
        "[A-Z][a-zA-Z]{0,10}",
    ]
    .prop_filter("`XErrorResponse` is another envelope", |a| {
        !a.ends_with("Error")
    })
}

/// A response that `style` can carry.
fn draft(style: Envelope) -> BoxedStrategy<Draft> {
    let id = || proptest::option::of(non_empty_field());
    let errors = proptest::collection::vec(entry(), 1..5);
    match style {
        Envelope::ActionResponse => prop_oneof![
            (action(), id(), result()).prop_map(|(a, id, r)| {
                let d = Draft::success(a).with_result(r);
                with_id(d, id)
            }),
            (action(), id(), errors).prop_map(|(a, id, errors)| {
                let d = Draft::error(Envelope::ActionResponse).with_action(a);
                with_id(with_errors(d, errors), id)
            }),
        ]
        .boxed(),
        Envelope::ActionErrorResponse => (action(), id(), errors)
            .prop_map(move |(a, id, errors)| {
                let d = Draft::error(style).with_action(a);
                with_id(with_errors(d, errors), id)
            })
            .boxed(),
        Envelope::Error => (id(), entry())
            .prop_map(move |(id, e)| with_id(Draft::error(style).with_error(e), id))
            .boxed(),
        Envelope::SoapFault => (id(), entry(), any::<bool>())
            .prop_map(move |(id, e, receiver)| {
                let e = e.with_type(if receiver { "Receiver" } else { "Sender" });
                let d = Draft::error(style).with_error(e.clone());
                // a text detail and a request id do not fit together
                if e.detail().is_some() {
                    d
                } else {
                    with_id(d, id)
                }
            })
            .boxed(),
        Envelope::Exception => (id(), "[A-Z][a-zA-Z]{0,10}", proptest::option::of(field()))
            .prop_map(move |(id, code, message)| {
                let mut e = DraftEntry::new(format!("{code}Exception"));
                if let Some(m) = message {
                    e = e.with_message(m);
                }
                with_id(Draft::error(style).with_error(e), id)
            })
            .boxed(),
        _ => (id(), errors)
            .prop_map(move |(id, errors)| with_id(with_errors(Draft::error(style), errors), id))
            .boxed(),
    }
}

fn with_id(d: Draft, id: Option<String>) -> Draft {
    match id {
        Some(id) => d.with_request_id(id),
        None => d,
    }
}

fn with_errors(d: Draft, errors: Vec<DraftEntry>) -> Draft {
    errors.into_iter().fold(d, Draft::with_error)
}

/// Formatting and the SOAP wrap (`None`: as the draft says).
fn formatting() -> impl Strategy<Value = (RenderOptions, Option<SoapVersion>)> {
    (
        (
            any::<bool>(),
            0..5usize,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        prop::sample::select(vec![Arrays::Member, Arrays::Item, Arrays::Flattened]),
        prop::sample::select(vec![
            ActionForm::Modern,
            ActionForm::ResponseStatus,
            ActionForm::Ec2,
        ]),
        prop::sample::select(vec![None, Some(SoapVersion::V1_1), Some(SoapVersion::V1_2)]),
        prop::sample::select(vec![
            None,
            Some(("urn:x", None)),
            Some(("urn:y", Some("p"))),
        ]),
    )
        .prop_map(
            |((pretty, indent, crlf, cdata, decl), arrays, form, soap, ns)| {
                let mut o = RenderOptions::new()
                    .pretty(pretty)
                    .indent(indent)
                    .crlf(crlf)
                    .cdata(cdata)
                    .declaration(decl)
                    .arrays(arrays)
                    .action_form(form);
                if let Some(v) = soap {
                    o = o.soap(v);
                }
                if let Some((uri, prefix)) = ns {
                    o = o.namespace(uri);
                    if let Some(p) = prefix {
                        o = o.prefix(p);
                    }
                }
                (o, soap)
            },
        )
}

/// The JSON `parse` prints for `draft`, without the fields derived from
/// the code table.
fn expected(draft: &Draft, soap: bool) -> serde_json::Value {
    let errors: Vec<_> = draft
        .errors()
        .iter()
        .map(|e| {
            json!({"type": e.error_type(), "code": e.code(), "message": e.message(), "detail": e.detail()})
        })
        .collect();
    json!({
        "outcome": if draft.errors().is_empty() { "success" } else { "error" },
        "envelope": draft.envelope().as_str(),
        "soap": soap,
        "action": draft.action(),
        "request_id": draft.request_id(),
        "errors": errors,
        "result": draft.result(),
    })
}

fn without_derived(mut got: serde_json::Value) -> serde_json::Value {
    if let Some(errors) = got["errors"].as_array_mut() {
        for e in errors {
            if let Some(e) = e.as_object_mut() {
                e.remove("http_status");
                e.remove("retryable");
            }
        }
    }
    got
}

fn style() -> impl Strategy<Value = Envelope> {
    let styles: Vec<Envelope> = Envelope::ALL
        .into_iter()
        .filter(|e| *e != Envelope::None)
        .collect();
    prop::sample::select(styles)
}

/// A draft of some style with the formatting.
fn case() -> impl Strategy<Value = (Draft, RenderOptions, Option<SoapVersion>)> {
    (style(), formatting()).prop_flat_map(|(style, (options, soap))| {
        draft(style).prop_map(move |d| (d, options.clone(), soap))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 15000, ..ProptestConfig::default() })]

    #[test]
    fn a_rendered_response_parses_back_to_itself_through_every_path(
        (draft, options, soap) in case()
    ) {
        // the root-content forms cannot carry a result member named as the envelope's
        let body = match options.render_draft(&draft) {
            Ok(body) => body,
            Err(e) => {
                let reserved = e.to_string().contains("beside the envelope's");
                prop_assert!(reserved, "refused: {e}");
                return Ok(());
            }
        };
        let soap_flag = soap.is_some() || draft.envelope() == Envelope::SoapFault;
        let got = common::json_all_paths(&body, Options::new());
        let shown = String::from_utf8_lossy(&body);
        prop_assert!(got.is_ok(), "{got:?}\n{shown}");
        let got = without_derived(got.unwrap_or_default());
        prop_assert_eq!(got, expected(&draft, soap_flag), "{}", shown);
    }
}

/// Any text at all: control characters, U+FFFE, edge whitespace.
fn wild() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        8 => text(),
        1 => "[\\x00-\\x20a<&\\]>\u{FFFE}\u{FFFF}]{0,6}",
        1 => Just(String::new()),
    ]
}

fn wild_entry() -> impl Strategy<Value = DraftEntry> {
    (
        wild(),
        proptest::option::of(prop_oneof![wild(), Just("Sender".to_owned())]),
        proptest::option::of(wild()),
        proptest::option::of(wild()),
    )
        .prop_map(|(code, t, m, d)| {
            let mut e = DraftEntry::new(code);
            if let Some(t) = t {
                e = e.with_type(t);
            }
            if let Some(m) = m {
                e = e.with_message(m);
            }
            if let Some(d) = d {
                e = e.with_detail(d);
            }
            e
        })
}

fn wild_value() -> impl Strategy<Value = Value<'static>> {
    wild()
        .prop_map(Value::from)
        .prop_recursive(3, 24, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
                proptest::collection::vec((prop_oneof![name(), wild()], inner), 0..3)
                    .prop_map(|kv| Value::from(kv.into_iter().collect::<Map<'static>>())),
            ]
        })
}

/// Any draft, consistent or not, in any style (`none` too).
fn wild_draft() -> impl Strategy<Value = Draft> {
    (
        prop_oneof![8 => style(), 1 => Just(Envelope::None)],
        any::<bool>(),
        proptest::option::of(prop_oneof![3 => action(), 1 => wild()]),
        proptest::option::of(wild()),
        proptest::collection::vec(wild_entry(), 1..3),
        proptest::collection::vec((prop_oneof![4 => name(), 1 => wild()], wild_value()), 0..3),
        (any::<bool>(), 0..10u8),
    )
        .prop_map(
            |(style, success, action, id, errors, result, (soap, odd))| {
                // mostly what the style holds; one in ten contradicts itself
                let success = success && style == Envelope::ActionResponse;
                let (errors, result) = match (success, odd) {
                    (true, 0) | (false, 1) => (errors, Some(result)),
                    (false, 2) => (Vec::new(), None),
                    (true, _) => (Vec::new(), Some(result)),
                    (false, _) => (errors, None),
                };
                let errors = if odd == 3
                    || !matches!(
                        style,
                        Envelope::SoapFault | Envelope::Error | Envelope::Exception
                    ) {
                    errors
                } else {
                    errors.into_iter().take(1).collect()
                };
                let mut d = if success {
                    Draft::success(action.clone().unwrap_or_default())
                } else {
                    Draft::error(style)
                };
                d = d.with_envelope(style).with_soap(soap);
                let has_action = matches!(
                    style,
                    Envelope::ActionResponse | Envelope::ActionErrorResponse
                );
                if let (false, Some(a)) = (success, action)
                    && (has_action || odd == 4)
                {
                    d = d.with_action(a);
                }
                if let Some(r) = result {
                    d = d.with_result(r.into_iter().collect());
                }
                with_errors(with_id(d, id), errors)
            },
        )
}

fn trim(s: Option<&str>) -> Option<String> {
    s.map(trimmed)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10000, ..ProptestConfig::default() })]

    /// Rendering never panics, and what it writes parses to the response
    /// (its envelope fields trimmed, by contract): never lossy, never refused.
    #[test]
    fn rendering_is_exact_or_refused((draft, (options, soap)) in (wild_draft(), formatting())) {
        let Ok(body) = options.render_draft(&draft) else {
            return Ok(());
        };
        let shown = String::from_utf8_lossy(&body);
        let got = aws_query_xml::parse(&body).map(|r| serde_json::to_value(&r));
        prop_assert!(matches!(got, Ok(Ok(_))), "{got:?}\n{shown}");
        let got = without_derived(got.unwrap().unwrap());
        let errors: Vec<_> = draft
            .errors()
            .iter()
            .map(|e| {
                json!({
                    "type": trim(e.error_type()),
                    "code": trimmed(e.code()),
                    "message": trim(e.message()),
                    "detail": trim(e.detail()),
                })
            })
            .collect();
        let want = json!({
            "outcome": if draft.errors().is_empty() { "success" } else { "error" },
            "envelope": draft.envelope().as_str(),
            "soap": soap.is_some() || draft.is_soap() || draft.envelope() == Envelope::SoapFault,
            "action": draft.action(),
            "request_id": trim(draft.request_id()),
            "errors": errors,
            "result": draft.result(),
        });
        prop_assert_eq!(got, want, "{}", shown);
    }
}
