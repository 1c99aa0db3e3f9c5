//! The CLI contract: JSON on stdout, exit 0 / 2 / 1.
#![cfg(feature = "cli")]

#[path = "common/cli.rs"]
mod run;

use run::cli;

#[test]
fn prints_the_fixture_json_and_exits_0() {
    let out = cli(
        &["parse", "fixtures/seeds/ses-error-response-padded.xml"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let mut got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // the HTTP fields are always there, null without `--status`
    for field in ["http_status", "retry_after_s", "body_snippet"] {
        assert_eq!(
            got.as_object_mut().unwrap().remove(field),
            Some(serde_json::Value::Null)
        );
    }
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

#[test]
fn io_errors_read_the_same_on_both_paths() {
    // a directory opens on Linux and fails on read: the streaming path's
    // failure, worded as the whole-body path's
    for path in ["fixtures/no-such-file.xml", "fixtures"] {
        let whole = cli(&["parse", path], None);
        let streamed = cli(&["parse", "--no-result", path], None);
        assert_eq!(whole.status.code(), Some(1), "{path}");
        assert_eq!(streamed.status.code(), Some(1), "{path}");
        let line = String::from_utf8(whole.stderr).unwrap();
        assert!(
            line.starts_with(&format!("aws-query-xml: cannot read {path}: ")),
            "{line}"
        );
        assert_eq!(line, String::from_utf8(streamed.stderr).unwrap());
    }
}

#[test]
fn help_names_the_exit_codes_and_the_json_contract() {
    for args in [&["--help"][..], &["parse", "--help"]] {
        let out = cli(args, None);
        assert_eq!(out.status.code(), Some(0));
        let help = String::from_utf8(out.stdout).unwrap();
        for needle in [
            "Exit status:",
            "  0  the body parsed",
            "  2  the body is not an AWS response",
            "  1  usage error",
            "\"outcome\"",
            "section \"The CLI\"",
        ] {
            assert!(help.contains(needle), "{args:?}: no `{needle}` in\n{help}");
        }
    }
}

#[test]
fn pretty_prints_the_same_json_indented() {
    let path = "fixtures/seeds/ses-send-email-success.xml";
    let compact = cli(&["parse", path], None);
    let pretty = cli(&["parse", "--pretty", path], None);
    assert_eq!(pretty.status.code(), Some(0));
    let lines = |out: &[u8]| out.split(|&b| b == b'\n').count() - 1;
    assert_eq!(lines(&compact.stdout), 1);
    assert!(lines(&pretty.stdout) > 5);
    assert!(pretty.stdout.starts_with(b"{\n  \"outcome\""));
    let a: serde_json::Value = serde_json::from_slice(&compact.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&pretty.stdout).unwrap();
    assert_eq!(a, b);
}

#[test]
fn limits_can_be_raised_and_lowered_and_errors_name_their_value() {
    let value = "x".repeat(100);
    let body = format!("<GetResponse><GetResult><V>{value}</V></GetResult></GetResponse>");
    let out = cli(
        &["parse", "--max-value-bytes", "50", "-"],
        Some(body.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "aws-query-xml: standard input: over limit `max_value_bytes` = 50 at byte 27\n"
    );
    let out = cli(
        &[
            "parse",
            "--max-value-bytes",
            "50",
            "--max-value-bytes",
            "100",
            "-",
        ],
        Some(body.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "the last one wins");
    // a value over the default 8 MiB, read with raised limits
    let big = "y".repeat(9 << 20);
    let body = format!("<GetResponse><GetResult><V>{big}</V></GetResult></GetResponse>");
    let out = cli(&["parse", "-"], Some(body.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "aws-query-xml: standard input: over limit `max_token_bytes` = 8388608 at byte 27\n"
    );
    for no_result in [false, true] {
        let mut args = vec![
            "parse",
            "--max-token-bytes",
            "16777216",
            "--max-value-bytes",
            "16777216",
        ];
        if no_result {
            args.push("--no-result");
        }
        args.push("-");
        let out = cli(&args, Some(body.as_bytes()));
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if !no_result {
            assert_eq!(got["result"]["V"].as_str().map(str::len), Some(9 << 20));
        }
    }
    let out = cli(&["parse", "--max-depth", "2", "-"], Some(body.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "aws-query-xml: standard input: over limit `max_depth` = 2 at byte 24\n"
    );
}

#[test]
fn status_and_headers_judge_a_captured_response() {
    let page = b"<html><body>Bad Gateway</body></html>";
    for extra in [&[][..], &["--no-result"][..]] {
        let mut args = vec![
            "parse",
            "--status",
            "502",
            "--header",
            "X-Amzn-RequestId:  r-9 ",
            "--header",
            "Retry-After: 30",
        ];
        args.extend_from_slice(extra);
        let out = cli(&args, Some(page));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(got["outcome"], "error");
        assert_eq!(got["envelope"], "none");
        assert_eq!(got["request_id"], "r-9");
        assert_eq!(got["errors"][0]["code"], "502");
        assert_eq!(got["errors"][0]["retryable"], true);
        assert_eq!(got["errors"][0]["http_status"], serde_json::Value::Null);
        assert_eq!(got["http_status"], 502);
        assert_eq!(got["retry_after_s"], 30);
        assert_eq!(got["body_snippet"], "<html><body>Bad Gateway</body></html>");
    }
    // a non-XML 2xx body still exits 2; an empty one is a success
    let out = cli(&["parse", "--status", "200"], Some(page));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = cli(&["parse", "--status", "200"], Some(b""));
    assert_eq!(out.status.code(), Some(0));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["outcome"], "success");
    assert_eq!(got["result"], serde_json::Value::Null);
    // an error envelope under 200 is an error; `--header` needs `--status`
    let body = b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>";
    let out = cli(
        &[
            "parse",
            "--status",
            "200",
            "--header",
            "x-amz-request-id: r-2",
        ],
        Some(body),
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["outcome"], "error");
    assert_eq!(got["request_id"], "r-2");
    assert_eq!(
        cli(&["parse", "--header", "a: b"], None).status.code(),
        Some(1)
    );
    assert_eq!(
        cli(&["parse", "--status", "500", "--header", "bad"], None)
            .status
            .code(),
        Some(1)
    );
}
