//! A mock SES endpoint on loopback, answering with rendered bodies: a
//! `SendEmail` success, and, for chosen recipients, a `MessageRejected` or a
//! `Throttling` error with status 400. For a client's own tests, as moto does
//! with hand-kept templates.
//!
//! ```sh
//! cargo run --example mock_ses              # prints the address it listens on
//! curl -s -d 'Action=SendEmail&Destination.ToAddresses.member.1=a%40example.com' http://127.0.0.1:PORT/
//! ```
//!
//! `tests/render_mock_ses.rs` runs it and reads its answers back through the crate.

use std::sync::atomic::{AtomicU64, Ordering};

use tiny_http::{Header, Response, Server};

use aws_query_xml::{Draft, DraftEntry, Envelope, Map, RenderError, RenderOptions, Value};

/// The recipient SES rejects (as an unverified address in the sandbox).
pub const REJECTED: &str = "rejected@example.com";
/// The recipient whose send is throttled.
pub const THROTTLED: &str = "throttled@example.com";

const NAMESPACE: &str = "http://ses.amazonaws.com/doc/2010-12-01/";

/// The answer to a request's form fields: the status and the body.
///
/// # Errors
///
/// A [`RenderError`]: none for these drafts (they are what each style holds).
pub fn answer(form: &[(String, String)], request_id: &str) -> Result<(u16, Vec<u8>), RenderError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let options = RenderOptions::new().namespace(NAMESPACE);
    let error = |code: &str, message: &str| {
        let draft = Draft::error(Envelope::ErrorResponse)
            .with_request_id(request_id)
            .with_error(
                DraftEntry::new(code)
                    .with_type("Sender")
                    .with_message(message),
            );
        options.render_draft(&draft).map(|body| (400, body))
    };
    if field("Action") != Some("SendEmail") {
        return error(
            "InvalidAction",
            "The action is not valid for this endpoint.",
        );
    }
    match field("Destination.ToAddresses.member.1") {
        Some(REJECTED) => error("MessageRejected", "Email address is not verified."),
        Some(THROTTLED) => error("Throttling", "Maximum sending rate exceeded."),
        None => error("MissingParameter", "A destination address is required."),
        Some(_) => {
            let mut result = Map::new();
            result.insert("MessageId", Value::from(format!("0100-{request_id}")));
            let sent = Draft::success("SendEmail")
                .with_request_id(request_id)
                .with_result(result);
            options.render_draft(&sent).map(|body| (200, body))
        }
    }
}

/// Answers every request `server` receives, one at a time, until it is
/// dropped: the form's fields in, a rendered body out, with the request id
/// also in the `x-amzn-RequestId` header as SES sends it.
pub fn serve(server: &Server) {
    let ids = AtomicU64::new(1);
    for mut request in server.incoming_requests() {
        let mut body = Vec::new();
        if let Err(e) = request.as_reader().read_to_end(&mut body) {
            eprintln!("mock_ses: {e}");
            continue;
        }
        let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
        let request_id = format!("{:08x}-mock", ids.fetch_add(1, Ordering::Relaxed));
        let answered = match answer(&form, &request_id) {
            Ok((status, body)) => {
                let mut response = Response::from_data(body).with_status_code(status);
                for (name, value) in [
                    ("Content-Type", "text/xml"),
                    ("x-amzn-RequestId", &request_id),
                ] {
                    if let Ok(header) = Header::from_bytes(name, value) {
                        response.add_header(header);
                    }
                }
                request.respond(response)
            }
            Err(e) => request.respond(Response::from_string(e.to_string()).with_status_code(500)),
        };
        if let Err(e) = answered {
            eprintln!("mock_ses: {e}");
        }
    }
}

#[allow(dead_code)] // the tests include this file for `serve` and `answer`
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let port = std::env::args().nth(1).unwrap_or_else(|| "0".to_owned());
    let server = Server::http(format!("127.0.0.1:{port}"))?;
    println!("mock SES on http://{}/", server.server_addr());
    serve(&server);
    Ok(())
}
