//! Before anything is timed: every variant of every work extracts the same
//! values from every input, compared whole (every message id, body and
//! attribute; every user's fields and tags; every error's type, code and
//! message; the request ids), and the inputs are what `inputs.rs` says.

use aws_query_xml::Options;
use aws_query_xml_compare::inputs::{self, Input, Kind};
use aws_query_xml_compare::ours::{self, Collect, Typed};
use aws_query_xml_compare::{floor, quick_xml_serde, roxmltree_dom, smithy};
use bytes::Bytes;

const CHUNKS: [usize; 2] = [8 << 10, 16 << 10];

fn collect(f: impl FnOnce(&mut Collect)) -> Collect {
    let mut sink = Collect::default();
    f(&mut sink);
    sink
}

fn texts(f: impl FnOnce(&mut dyn FnMut(&str))) -> Vec<String> {
    let mut out = Vec::new();
    f(&mut |text: &str| out.push(text.to_owned()));
    out
}

macro_rules! visit {
    ($f:path, $body:expr) => {
        texts(|mut visit| $f($body, &mut visit))
    };
}

fn by_name(name: &str) -> Input {
    inputs::all()
        .into_iter()
        .find(|input| input.name == name)
        .unwrap()
}

#[test]
fn envelope_variants_agree() {
    for input in inputs::all() {
        let (name, body) = (input.name, input.body.as_slice());
        let ours = collect(|sink| ours::envelope(body, sink));
        assert!(ours.0.request_id.is_some(), "{name}: no request id");
        assert_eq!(
            collect(|sink| roxmltree_dom::envelope(body, sink)),
            ours,
            "{name}: roxmltree"
        );
        assert!(floor::quick_xml_events(body).unwrap() > 0, "{name}: floor");

        let bytes = Bytes::from(input.body.clone());
        let skip = Options::new().skip_result(true);
        assert_eq!(
            collect(|sink| ours::envelope_bytes(&Options::new(), &bytes, sink)),
            ours,
            "{name}: parse_bytes"
        );
        assert_eq!(
            collect(|sink| ours::envelope_with(&skip, body, sink)),
            ours,
            "{name}: skip_result"
        );
        assert_eq!(
            collect(|sink| ours::envelope_bytes(&skip, &bytes, sink)),
            ours,
            "{name}: parse_bytes, skip_result"
        );
        for chunk in CHUNKS {
            assert_eq!(
                collect(|sink| ours::envelope_chunked(&skip, &bytes, chunk, sink)),
                ours,
                "{name}: {chunk}-byte chunks"
            );
        }
    }
}

#[test]
fn typed_variants_agree() {
    for input in inputs::all() {
        let (name, kind, body) = (input.name, input.kind, input.body.as_slice());
        let ours = ours::typed(kind, body);
        assert_eq!(
            matches!(ours, Typed::Failure(_)),
            kind == Kind::Error,
            "{name}: outcome"
        );
        assert_eq!(
            quick_xml_serde::typed(kind, body),
            ours,
            "{name}: quick-xml serde"
        );
        assert_eq!(smithy::typed(kind, body), ours, "{name}: aws-smithy-xml");

        let bytes = Bytes::from(input.body.clone());
        assert_eq!(ours::typed_bytes(kind, &bytes), ours, "{name}: from_bytes");
        for chunk in CHUNKS {
            assert_eq!(
                ours::typed_chunked(kind, &bytes, chunk),
                ours,
                "{name}: {chunk}-byte chunks"
            );
        }
    }
}

#[test]
fn result_tree_variants_agree() {
    for input in inputs::all() {
        let (name, body) = (input.name, input.body.as_slice());
        let ours = visit!(ours::result_texts, body);
        assert_eq!(ours.is_empty(), input.kind == Kind::Error, "{name}: texts");
        assert_eq!(
            visit!(roxmltree_dom::result_texts, body),
            ours,
            "{name}: roxmltree"
        );
    }
}

#[test]
fn inputs_are_as_described() {
    let all = inputs::all();
    assert_eq!(all.len(), 6);
    for input in &all {
        assert!(std::str::from_utf8(&input.body).is_ok(), "{}", input.name);
    }
    assert_eq!(all.iter().filter(|input| input.is_large()).count(), 2);

    let ses = by_name("ses-error-entities");
    assert!((450..=600).contains(&ses.body.len()), "{}", ses.body.len());
    let Typed::Failure(f) = ours::typed(ses.kind, &ses.body) else {
        panic!()
    };
    assert_eq!(f.errors.len(), 1);
    assert_eq!(f.errors[0].error_type.as_deref(), Some("Sender"));
    assert_eq!(f.errors[0].code, "MessageRejected");
    let message = f.errors[0].message.as_deref().unwrap();
    assert!(message.starts_with("Email address is not verified."));
    assert!(message.ends_with(r#": "Sales & Marketing" <sales@example.com>"#));
    assert_eq!(
        f.request_id.as_deref(),
        Some("42d59b56-7407-4c4a-be0f-4c88daeea257")
    );

    let sqs = by_name("sqs-2007-errors");
    assert!((350..=430).contains(&sqs.body.len()), "{}", sqs.body.len());
    let Typed::Failure(f) = ours::typed(sqs.kind, &sqs.body) else {
        panic!()
    };
    assert_eq!(f.errors[0].code, "AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(
        f.request_id.as_deref(),
        Some("42d59b56-7407-4c4a-be0f-4c88daeea257")
    );

    let send = by_name("ses-send-email");
    let Typed::SendEmail(s) = ours::typed(send.kind, &send.body) else {
        panic!()
    };
    assert_eq!(
        s.result.message_id,
        "000001271b15238a-fd3ae762-2563-11df-8cd4-6d4e828a9ae8-000000"
    );

    let receive = by_name("sqs-receive-1MiB");
    let Typed::ReceiveMessage(r) = ours::typed(receive.kind, &receive.body) else {
        panic!()
    };
    let messages = &r.result.message;
    assert!(
        (180..=240).contains(&messages.len()),
        "{} messages",
        messages.len()
    );
    for m in messages {
        assert!(
            (3800..=4400).contains(&m.body.len()),
            "a body of {}",
            m.body.len()
        );
        assert_eq!(m.attribute.len(), 4);
        assert_eq!(m.md5_of_body.len(), 32);
    }
    let text: String = messages.iter().map(|m| m.body.as_str()).collect();
    for decoded in ['&', '<', '"'] {
        assert!(text.contains(decoded), "no {decoded} in the bodies");
    }
    // an entity every 150 to 250 source bytes: about 20 per 4 KB body
    let entities = receive
        .body
        .windows(4)
        .filter(|w| w == b"&amp" || w == b"&lt;" || w == b"&quo")
        .count();
    assert!(
        (15..=30).contains(&(entities / messages.len())),
        "{entities} entities"
    );
    let ids: std::collections::HashSet<_> = messages.iter().map(|m| &m.message_id).collect();
    assert_eq!(ids.len(), messages.len(), "message ids are distinct");

    let iam = by_name("iam-list-users-1MiB");
    let Typed::ListUsers(l) = ours::typed(iam.kind, &iam.body) else {
        panic!()
    };
    let users = &l.result.users;
    assert!(users.len() > 1000, "{} users", users.len());
    assert!(l.result.is_truncated);
    assert!(l.result.marker.is_some());
    assert!(users.iter().all(|u| (1..=2).contains(&u.tags.len())));
    assert!(users.iter().any(|u| u.password_last_used.is_none()));
    assert!(
        users
            .iter()
            .any(|u| u.tags.iter().any(|t| t.value == "R&D"))
    );
    assert_eq!(
        l.request_id.as_deref(),
        Some("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")
    );

    let ec2 = by_name("ec2-errors-100");
    let Typed::Failure(f) = ours::typed(ec2.kind, &ec2.body) else {
        panic!()
    };
    assert_eq!(f.errors.len(), 100);
    assert_eq!(
        f.errors[99].message.as_deref(),
        Some("The instance ID 'i-00000063' does not exist")
    );

    // deterministic: the same bytes every time
    assert_eq!(inputs::all()[3].body, receive.body);
}
