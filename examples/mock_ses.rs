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

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};

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

/// `application/x-www-form-urlencoded` pairs, decoded.
fn form(body: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        percent_encoding::percent_decode_str(&s)
            .decode_utf8_lossy()
            .into_owned()
    };
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Reads one HTTP/1.1 request and writes the answer; the connection closes.
fn handle(stream: TcpStream, ids: &AtomicU64) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut length = 0;
    let mut line = String::new();
    reader.read_line(&mut line)?; // the request line
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let request_id = format!("{:08x}-mock", ids.fetch_add(1, Ordering::Relaxed));
    let (status, body) =
        answer(&form(&body), &request_id).map_err(|e| std::io::Error::other(e.to_string()))?;
    let reason = if status == 200 { "OK" } else { "Bad Request" };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\
         x-amzn-RequestId: {request_id}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// Answers every connection on `listener`, one at a time, until it fails.
pub fn serve(listener: &TcpListener) {
    let ids = AtomicU64::new(1);
    for stream in listener.incoming().flatten() {
        if let Err(e) = handle(stream, &ids) {
            eprintln!("mock_ses: {e}");
        }
    }
}

#[allow(dead_code)] // the tests include this file for `serve` and `answer`
fn main() -> std::io::Result<()> {
    let port = std::env::args().nth(1).unwrap_or_else(|| "0".to_owned());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}"))?;
    println!("mock SES on http://{}/", listener.local_addr()?);
    serve(&listener);
    Ok(())
}
