//! Retry guidance: the SES schedule, `Retry-After` in both forms, and the
//! SES quota that is not a rate.

#![allow(clippy::duration_suboptimal_units)] // seconds, as the headers say them

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_query_xml::{
    ErrorClass, ErrorCode, HttpParts, MAX_RETRY_AFTER, Options, RetryAfter, RetrySchedule,
};

#[test]
fn retry_after_rules() {
    let now = UNIX_EPOCH + Duration::from_secs(1_784_000_000);
    assert_eq!(
        RetryAfter::parse(" 7 ").unwrap().delay(now),
        Duration::from_secs(7)
    );
    assert_eq!(
        RetryAfter::parse("99999999999999999999999")
            .unwrap()
            .delay(now),
        MAX_RETRY_AFTER
    );
    assert_eq!(
        RetryAfter::parse("7200").unwrap().delay(now),
        MAX_RETRY_AFTER
    );
    let date = RetryAfter::parse("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
    assert_eq!(
        date,
        RetryAfter::Date(UNIX_EPOCH + Duration::from_secs(1_445_412_480))
    );
    assert_eq!(date.delay(now), Duration::ZERO); // in the past
    let at = UNIX_EPOCH + Duration::from_secs(1_445_412_480 - 90);
    assert_eq!(date.delay(at), Duration::from_secs(90));
    assert_eq!(date.delay(UNIX_EPOCH), MAX_RETRY_AFTER);
    // the obsolete forms RFC 9110 has recipients accept
    let imf = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
    assert_eq!(
        RetryAfter::parse("Sunday, 06-Nov-94 08:49:37 GMT"),
        Some(imf)
    );
    assert_eq!(RetryAfter::parse("Sun Nov  6 08:49:37 1994"), Some(imf));
    assert_eq!(
        imf,
        RetryAfter::Date(UNIX_EPOCH + Duration::from_secs(784_111_777))
    );
    assert_eq!(
        RetryAfter::parse("Friday, 01-Jan-27 00:00:00 GMT"),
        Some(RetryAfter::Date(
            UNIX_EPOCH + Duration::from_secs(1_798_761_600)
        ))
    );
    for bad in [
        "Sun Nov 6 08:49:37",
        "Sun, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 006 08:49:37 1994",
        "Sun, 06 Nov 1994 08:49:37 GMT x",
        "",
        "-1",
        "1.5",
        "soon",
        "Wed, 21 Oct 2015 07:28:00 UTC",
        "Wed, 32 Oct 2015 07:28:00 GMT",
    ] {
        assert_eq!(RetryAfter::parse(bad), None, "{bad}");
    }
}

#[test]
fn schedule() {
    let waits: Vec<u64> = RetrySchedule::new().map(|d| d.as_secs()).collect();
    assert_eq!(waits, [5, 10, 30, 1200, 5, 10, 30]);
    // Retry-After replaces the next wait when longer, not when shorter
    let now = SystemTime::UNIX_EPOCH;
    let parts = HttpParts::new(429).header("Retry-After", "20");
    let r = Options::new().parse_http(&parts, b"").unwrap();
    assert_eq!(
        r.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(20)))
    );
    let waits: Vec<u64> = r
        .retry_schedule(now)
        .unwrap()
        .map(|d| d.as_secs())
        .collect();
    assert_eq!(waits, [20, 10, 30, 1200, 5, 10, 30]);
    let parts = HttpParts::new(503).header("Retry-After", "2");
    let r = Options::new().parse_http(&parts, b"").unwrap();
    assert_eq!(
        r.retry_schedule(now).unwrap().next(),
        Some(Duration::from_secs(5))
    );
    assert_eq!(serde_json::to_value(&r).unwrap()["retry_after_s"], 2);
    // not for errors retrying cannot fix, nor for a success
    assert!(
        Options::new()
            .parse_http(&HttpParts::new(404), b"")
            .unwrap()
            .retry_schedule(now)
            .is_none()
    );
    assert!(
        Options::new()
            .parse_http(&HttpParts::new(200), b"")
            .unwrap()
            .retry_schedule(now)
            .is_none()
    );
    // jitter from the caller's source: deterministic
    let mut values = [0.0, 0.5, 1.0, f64::NAN, 2.0].into_iter();
    let waits: Vec<Duration> = RetrySchedule::new()
        .jitter(move || values.next().unwrap_or(0.0))
        .take(5)
        .collect();
    assert_eq!(
        waits,
        [
            Duration::from_millis(2500),
            Duration::from_millis(7500),
            Duration::from_secs(30),
            Duration::from_secs(600),
            Duration::from_secs(5),
        ]
    );
}

#[test]
fn ses_quota_is_not_a_rate() {
    let body = |message: &str| {
        format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
             <Message>{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>"
        )
    };
    let quota = body("Daily message quota exceeded.");
    let r = aws_query_xml::parse(quota.as_bytes()).unwrap();
    let e = r.service_error().unwrap();
    assert_eq!(e.code(), &ErrorCode::Throttling);
    assert_eq!(e.class(), ErrorClass::Quota);
    assert!(!e.is_retryable());
    assert_eq!(
        serde_json::to_value(&r).unwrap()["errors"][0]["retryable"],
        false
    );
    let rate = body("Maximum sending rate exceeded.");
    let r = aws_query_xml::parse(rate.as_bytes()).unwrap();
    assert_eq!(r.service_error().unwrap().class(), ErrorClass::Throttling);
    assert!(r.service_error().unwrap().is_retryable());
    assert!(
        Options::new()
            .parse_http(&HttpParts::new(400), quota.as_bytes())
            .unwrap()
            .retry_schedule(SystemTime::now())
            .is_none()
    );
}
