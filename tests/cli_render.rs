//! The CLI's `render`: the JSON `parse` prints in, the body out; `parse`
//! and `render` are inverses; exit 2 with the reason for a JSON it cannot
//! render, 1 for usage and I/O.
#![cfg(feature = "cli")]

mod common;

#[path = "common/cli.rs"]
mod run;

use std::process::Output;

use run::cli;

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A fixture's expected JSON: what `parse` printed for it.
fn expected_jsons() -> Vec<(std::path::PathBuf, Vec<u8>)> {
    common::fixture_bodies()
        .into_iter()
        .map(|(path, _)| path.with_extension("expected.json"))
        .filter(|p| p.exists())
        .map(|p| {
            let json = std::fs::read(&p).unwrap();
            (p, json)
        })
        .collect()
}

#[test]
fn render_then_parse_gives_the_json_back_for_every_fixture() {
    let mut rendered = 0;
    for (path, json_text) in expected_jsons() {
        let file = path.to_str().unwrap();
        let want: serde_json::Value = serde_json::from_slice(&json_text).unwrap();
        let out = cli(&["render", file], None);
        if file.ends_with("soap11-version-mismatch.expected.json") {
            // a SOAP fault's type is `Sender` or `Receiver`, else refused
            assert_eq!(out.status.code(), Some(2));
            assert_eq!(
                String::from_utf8(out.stderr).unwrap(),
                format!(
                    "aws-query-xml: {file}: cannot render: style `soap_fault` cannot carry an error whose type is not `Sender` or `Receiver`\n"
                )
            );
            continue;
        }
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut got = json(&cli(&["parse", "-"], Some(&out.stdout)));
        for field in ["http_status", "retry_after_s", "body_snippet"] {
            got.as_object_mut().unwrap().remove(field);
        }
        assert_eq!(got, want, "{file}");
        rendered += 1;
    }
    assert!(rendered > 80, "only {rendered} fixtures rendered");
}

#[test]
fn options_choose_the_style_soap_and_format() {
    let file = "fixtures/seeds/ses-error-response-padded.expected.json";
    let out = cli(
        &[
            "render",
            "--style",
            "soap_fault",
            "--soap",
            "1.2",
            "--pretty",
            "--crlf",
            file,
        ],
        None,
    );
    let body = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(body.starts_with("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:aws=\"http://webservices.amazon.com/AWSFault/2005-15-09\">\r\n  <soap:Body>\r\n"), "{body}");
    let got = json(&cli(&["parse", "-"], Some(&out.stdout)));
    assert_eq!(got["envelope"], "soap_fault");
    assert_eq!(got["soap"], true);
    let want: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(got["errors"], want["errors"]);
    assert_eq!(got["request_id"], want["request_id"]);

    let out = cli(
        &[
            "render",
            "--style",
            "response_errors",
            "--declaration",
            "--cdata",
            "--namespace",
            "urn:x",
            "--prefix",
            "x",
            file,
        ],
        None,
    );
    let body = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<x:Response xmlns:x=\"urn:x\"><x:Errors><x:Error>"), "{body}");
    assert!(body.contains("<![CDATA["), "{body}");
    assert_eq!(
        json(&cli(&["parse", "-"], Some(&out.stdout)))["envelope"],
        "response_errors"
    );

    let ec2 = "fixtures/action_response/ec2-describe-instances-nested-items.expected.json";
    for args in [
        &["render", "--form", "ec2", "--arrays", "item", ec2][..],
        &["render", "--form", "2007", "--arrays", "flattened", ec2][..],
    ] {
        let out = cli(args, None);
        let mut got = json(&cli(&["parse", "-"], Some(&out.stdout)));
        for field in ["http_status", "retry_after_s", "body_snippet"] {
            got.as_object_mut().unwrap().remove(field);
        }
        let want: serde_json::Value = serde_json::from_slice(&std::fs::read(ec2).unwrap()).unwrap();
        assert_eq!(got, want, "{args:?}");
    }
}

#[test]
fn a_json_it_cannot_render_exits_2_with_the_reason() {
    let cases: [(&[u8], &str); 5] = [
        (
            br#"{"outcome":"error","envelope":"none","soap":false,"action":null,"request_id":null,"errors":[{"type":null,"code":"503","message":null,"detail":null}],"result":null}"#,
            "envelope `none` has no body: it is built from an HTTP status",
        ),
        (
            br#"{"outcome":"error","envelope":"soap_fault","soap":true,"action":null,"request_id":null,"errors":[{"type":"Sender","code":"A"},{"type":"Sender","code":"B"}],"result":null}"#,
            "style `soap_fault` cannot carry more than one error",
        ),
        (
            br#"{"outcome":"error","envelope":"error_response","soap":false,"action":null,"request_id":null,"errors":[{"type":null,"code":"A","message":"a\u0001b"}],"result":null}"#,
            "`errors[0].message` holds a character XML cannot carry (U+0001)",
        ),
        (
            br#"{"outcome":"success","envelope":"action_response","soap":false,"action":"X","request_id":null,"errors":[],"result":{"a b":"1"}}"#,
            "`result/a b` is not an XML element name",
        ),
        (
            br#"{"outcome":"maybe","envelope":"error_response"}"#,
            "unknown outcome: expected `success` or `error`",
        ),
    ];
    for (input, reason) in cases {
        let out = cli(&["render"], Some(input));
        assert_eq!(out.status.code(), Some(2), "{reason}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("aws-query-xml: standard input: cannot render: {reason}\n")
        );
    }
    let out = cli(&["render", "-"], Some(b"{\"result\": 1"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn usage_and_io_errors_exit_1() {
    for args in [
        &["render", "--style", "xml"][..],
        &["render", "--soap", "1.3"][..],
        &["render", "--form", "2012"][..],
        &["render", "fixtures/no-such-file.json"][..],
    ] {
        assert_eq!(cli(args, None).status.code(), Some(1), "{args:?}");
    }
    let help = cli(&["render", "--help"], None);
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("--style <STYLE>") && help.contains("--soap <VERSION>"),
        "{help}"
    );
    let top = String::from_utf8(cli(&["--help"], None).stdout).unwrap();
    assert!(top.contains("render"), "{top}");
}
