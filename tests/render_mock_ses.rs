//! The mock SES example (`examples/mock_ses.rs`) on loopback, and a client
//! that reads its rendered answers back through the crate: a success, a
//! `MessageRejected`, a `Throttling` under 400 (retryable, with a schedule).

#[path = "../examples/mock_ses.rs"]
mod mock_ses;

use std::time::{Duration, SystemTime};

use aws_query_xml::{ErrorClass, ErrorCode, HttpParts, Options, Outcome};

/// Sends `SendEmail` to `to` and gives the status, the request id header and the body.
fn send(agent: &ureq::Agent, url: &str, to: &str) -> (u16, Option<String>, Vec<u8>) {
    let mut response = agent
        .post(url)
        .send_form([
            ("Action", "SendEmail"),
            ("Source", "sender@example.com"),
            ("Destination.ToAddresses.member.1", to),
            ("Message.Subject.Data", "Hello & <welcome>"),
            ("Message.Body.Text.Data", "Hi"),
        ])
        .unwrap();
    let id = response
        .headers()
        .get("x-amzn-requestid")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.body_mut().read_to_vec().unwrap();
    (response.status().as_u16(), id, body)
}

#[test]
fn a_client_reads_the_mock_answers_back() {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", server.server_addr());
    // serves until the test process ends
    std::thread::spawn(move || mock_ses::serve(&server));
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build(),
    );
    let judge = |status: u16, id: &Option<String>, body: &[u8]| {
        let mut parts = HttpParts::new(status);
        if let Some(id) = id {
            parts = parts.header("x-amzn-RequestId", id);
        }
        Options::new()
            .parse_http(&parts, body)
            .unwrap()
            .response()
            .clone()
            .into_owned()
    };

    let (status, id, body) = send(&agent, &url, "someone@example.com");
    assert_eq!(status, 200);
    let response = judge(status, &id, &body);
    assert_eq!(response.outcome(), Outcome::Success);
    assert_eq!(response.action(), Some("SendEmail"));
    assert_eq!(response.request_id(), id.as_deref());
    let result = response.result().unwrap().unwrap();
    let message_id = result["MessageId"].as_str().unwrap();
    assert_eq!(message_id, format!("0100-{}", id.unwrap()));

    let (status, id, body) = send(&agent, &url, mock_ses::REJECTED);
    assert_eq!(status, 400);
    let response = judge(status, &id, &body);
    let error = response.service_error().unwrap();
    assert_eq!(error.code(), &ErrorCode::MessageRejected);
    assert_eq!(error.message(), Some("Email address is not verified."));
    assert_eq!(error.class(), ErrorClass::Client);
    assert!(!error.is_retryable());
    assert_eq!(error.request_id(), id.as_deref());

    let (status, id, body) = send(&agent, &url, mock_ses::THROTTLED);
    assert_eq!(status, 400);
    let parsed = Options::new()
        .parse_http(&HttpParts::new(status), &body)
        .unwrap();
    let error = parsed.response().service_error().unwrap();
    assert_eq!(error.code(), &ErrorCode::Throttling);
    assert_eq!(error.error_type(), Some("Sender"));
    assert!(error.is_retryable());
    assert_eq!(error.request_id(), id.as_deref());
    let waits: Vec<Duration> = parsed.retry_schedule(SystemTime::now()).unwrap().collect();
    assert_eq!(waits.first(), Some(&Duration::from_secs(5)));
}

#[test]
fn the_answers_are_rendered_bodies() {
    let form = |to: &str| {
        vec![
            ("Action".to_owned(), "SendEmail".to_owned()),
            ("Destination.ToAddresses.member.1".to_owned(), to.to_owned()),
        ]
    };
    let (status, body) = mock_ses::answer(&form("a@example.com"), "r-1").unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><SendEmailResult>\
         <MessageId>0100-r-1</MessageId></SendEmailResult><ResponseMetadata><RequestId>r-1</RequestId>\
         </ResponseMetadata></SendEmailResponse>"
    );
    let (status, body) = mock_ses::answer(&form(mock_ses::THROTTLED), "r-2").unwrap();
    assert_eq!(status, 400);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><Error><Type>Sender</Type>\
         <Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error>\
         <RequestId>r-2</RequestId></ErrorResponse>"
    );
}
