//! Relayed errors: the email API seed's `{"error": {...}}` shape.

#![allow(clippy::duration_suboptimal_units)] // seconds, as the headers say them

use std::time::Duration;

use aws_query_xml::{ErrorClass, ErrorCode, HttpParts, Options, RelayedError};
use serde_json::{Value, json};

fn relayed(status: u16, body: &[u8]) -> RelayedError {
    let response = Options::new()
        .parse_http(&HttpParts::new(status), body)
        .unwrap();
    RelayedError::new(response.service_error().unwrap())
}

fn error_response(ty: &str, code: &str, message: &str) -> String {
    format!(
        "<ErrorResponse><Error><Type>{ty}</Type><Code>{code}</Code><Message>{message}</Message>\
         </Error><RequestId>r-1</RequestId></ErrorResponse>"
    )
}

#[test]
fn serializes_exactly_the_seed_shape_with_the_cli_names() {
    let body = error_response(
        "Sender",
        "MessageRejected",
        "Email address is not verified.",
    );
    let r = relayed(400, body.as_bytes());
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({"error": {"code": "MessageRejected", "message": "Email address is not verified.",
            "type": "Sender", "http_status": 400, "request_id": "r-1", "retryable": false}})
    );
    assert_eq!(r.retry_after(), None);
}

#[test]
fn suggested_status_per_class() {
    for (status, body, want, retry_after, retryable) in [
        (
            400,
            error_response("Sender", "Throttling", "Maximum sending rate exceeded."),
            429,
            Some(5),
            true,
        ),
        (
            400,
            error_response("Sender", "Throttling", "Daily message quota exceeded."),
            429,
            None,
            false,
        ),
        (
            503,
            error_response("Receiver", "ServiceUnavailable", "x"),
            503,
            None,
            true,
        ),
        (
            500,
            error_response("Receiver", "SomethingUnlisted", "x"),
            503,
            None,
            true,
        ),
        (
            200,
            error_response("Receiver", "SomethingUnlisted", "x"),
            503,
            None,
            false,
        ),
        (
            400,
            error_response("Sender", "RequestExpired", "x"),
            503,
            None,
            true,
        ),
        (
            400,
            error_response("Sender", "MessageRejected", "x"),
            400,
            None,
            false,
        ),
        (
            403,
            error_response("Sender", "InvalidClientTokenId", "x"),
            403,
            None,
            false,
        ),
        (
            404,
            error_response("Sender", "Unlisted", "x"),
            404,
            None,
            false,
        ),
        (
            200,
            error_response("Sender", "Unlisted", "x"),
            400,
            None,
            false,
        ),
    ] {
        let r = relayed(status, body.as_bytes());
        assert_eq!(r.http_status(), want, "{body}");
        assert_eq!(r.retry_after_secs(), retry_after, "{body}");
        assert_eq!(r.is_retryable(), retryable, "{body}");
    }
    // status-built errors
    assert_eq!(relayed(429, b"").http_status(), 429);
    assert_eq!(relayed(502, b"<html/>").http_status(), 503);
    assert_eq!(relayed(404, b"").http_status(), 404);
}

#[test]
fn mapping_and_retry_after() {
    let catalogue = |_: &ErrorCode, class: ErrorClass| match class {
        ErrorClass::Throttling => Some("rate_limited"),
        ErrorClass::Transient => Some("provider_unavailable"),
        _ => None,
    };
    let parts = HttpParts::new(503).header("x-amzn-RequestId", "r-up");
    let response = Options::new().parse_http(&parts, b"").unwrap();
    let r = RelayedError::mapped(response.service_error().unwrap(), catalogue);
    assert_eq!(
        serde_json::to_value(&r).unwrap()["error"],
        json!({"code": "provider_unavailable", "message": null, "type": null,
            "http_status": 503, "request_id": "r-up", "retryable": true})
    );
    let response = Options::new()
        .parse_http(&HttpParts::new(429), b"")
        .unwrap();
    let r = RelayedError::mapped(response.service_error().unwrap(), catalogue);
    assert_eq!(r.code(), "rate_limited");
    assert_eq!(
        r.clone()
            .upstream_retry_after(Duration::from_secs(2))
            .retry_after_secs(),
        Some(5)
    );
    assert_eq!(
        r.clone()
            .upstream_retry_after(Duration::from_millis(20_500))
            .retry_after_secs(),
        Some(21)
    );
    assert_eq!(
        r.clone()
            .upstream_retry_after(Duration::from_secs(1 << 40))
            .retry_after(),
        Some(aws_query_xml::MAX_RETRY_AFTER)
    );
    assert_eq!(r.with_status(420).http_status(), 420);
    // no mapping for the code: the AWS code
    let body = error_response("Sender", "MessageRejected", "x");
    let response = aws_query_xml::parse(body.as_bytes()).unwrap();
    let r = RelayedError::mapped(response.service_error().unwrap(), catalogue);
    assert_eq!(r.code(), "MessageRejected");
    // a non-throttling error takes no Retry-After
    assert_eq!(
        r.upstream_retry_after(Duration::from_secs(9)).retry_after(),
        None
    );
    let _: Value = Value::Null;
}
