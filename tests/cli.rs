//! The CLI contract: JSON on stdout, exit 0 / 2 / 1.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn cli(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aws-query-xml"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn prints_the_fixture_json_and_exits_0() {
    let out = cli(
        &["parse", "fixtures/seeds/ses-error-response-padded.xml"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("fixtures/seeds/ses-error-response-padded.expected.json").unwrap(),
    )
    .unwrap();
    assert_eq!(got, want);
    assert!(out.stderr.is_empty());
}

#[test]
fn reads_stdin_and_takes_the_whitespace_policy() {
    let body = std::fs::read("fixtures/seeds/sqs-2007-create-queue-success.xml").unwrap();
    for args in [
        &["parse", "--whitespace", "keep", "-"][..],
        &["parse", "--whitespace", "keep"][..],
    ] {
        let out = cli(args, Some(&body));
        assert_eq!(out.status.code(), Some(0));
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            got["result"]["QueueUrl"],
            "\nhttp://queue.amazonaws.com/A23E9WXPHGOG29/queue2\n"
        );
    }
}

#[test]
fn not_an_aws_response_exits_2_with_one_line() {
    let out = cli(
        &["parse", "-"],
        Some(b"<html><body>503 Service Unavailable</body></html>"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "aws-query-xml: standard input: not an AWS response: unrecognized root element `html` at byte 0\n"
    );
}

#[test]
fn no_result_reads_incrementally_and_prints_a_null_result() {
    let path = "fixtures/seeds/ses-send-email-success.xml";
    let whole = cli(&["parse", path], None);
    let body = std::fs::read(path).unwrap();
    for out in [
        cli(&["parse", "--no-result", path], None),
        cli(&["parse", "--no-result", "-"], Some(&body)),
    ] {
        assert_eq!(out.status.code(), Some(0));
        let mut got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut want: serde_json::Value = serde_json::from_slice(&whole.stdout).unwrap();
        assert_eq!(got["result"], serde_json::Value::Null);
        got["result"] = serde_json::Value::Null;
        want["result"] = serde_json::Value::Null;
        assert_eq!(got, want);
    }
    let out = cli(
        &["parse", "--no-result", "-"],
        Some(b"<SendEmailResponse><SendEmailResult>"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "aws-query-xml: standard input: truncated: the body ends inside element `SendEmailResult` at byte 36\n"
    );
    assert_eq!(
        cli(&["parse", "--no-result", "fixtures/no-such-file.xml"], None)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn usage_and_io_errors_exit_1() {
    assert_eq!(
        cli(&["parse", "--whitespace", "sometimes", "-"], Some(b""))
            .status
            .code(),
        Some(1)
    );
    assert_eq!(cli(&["frobnicate"], None).status.code(), Some(1));
    assert_eq!(cli(&[], None).status.code(), Some(1));
    let out = cli(&["parse", "fixtures/no-such-file.xml"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("aws-query-xml: cannot read fixtures/no-such-file.xml")
    );
    assert_eq!(cli(&["--help"], None).status.code(), Some(0));
}
