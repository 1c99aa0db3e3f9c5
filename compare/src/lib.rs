//! The inputs and the peers' versions of the work `aws-query-xml` does, for
//! the benchmarks in `benches/parse.rs`.

use std::fmt::Write;

/// A SQS `ReceiveMessage` success of about `bytes` bytes: messages with
/// attributes, bodies with entities, pretty-printed.
pub fn sqs_receive(bytes: usize) -> Vec<u8> {
    let mut s = String::from(
        "<ReceiveMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">\n  <ReceiveMessageResult>\n",
    );
    let mut i = 0;
    while s.len() < bytes {
        write!(
            s,
            "    <Message>\n      <MessageId>5fea7756-0ea4-451a-a703-a558b933e274-{i}</MessageId>\n      \
<ReceiptHandle>MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+Cw{i}</ReceiptHandle>\n      \
<MD5OfBody>fafb00f5732ab283681e124bf8747ed1</MD5OfBody>\n      <Body>This is a test message &amp; more {i}</Body>\n      \
<Attribute>\n        <Name>SenderId</Name>\n        <Value>195004372649</Value>\n      </Attribute>\n      \
<Attribute>\n        <Name>SentTimestamp</Name>\n        <Value>1238099229000</Value>\n      </Attribute>\n    </Message>\n"
        )
        .unwrap();
        i += 1;
    }
    s.push_str("  </ReceiveMessageResult>\n  <ResponseMetadata>\n    <RequestId>b6633655-283d-45b4-aee4-4e84e0ae6afa</RequestId>\n  </ResponseMetadata>\n</ReceiveMessageResponse>\n");
    s.into_bytes()
}

/// An EC2 `Response/Errors` body with `n` errors.
pub fn ec2_errors(n: usize) -> Vec<u8> {
    let mut s = String::from("<Response><Errors>");
    for i in 0..n {
        write!(
            s,
            "<Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-{i:08x}' does not exist</Message></Error>"
        )
        .unwrap();
    }
    s.push_str("</Errors><RequestID>ea966190-f9aa-478e-9ede-cb5432daacc0</RequestID></Response>");
    s.into_bytes()
}

/// The floor for any streaming parser on quick-xml: read every event, look at
/// nothing. Returns the number of events.
pub fn quick_xml_events(body: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) | Err(_) => return n,
            Ok(_) => n += 1,
        }
    }
}

/// What a DOM parser does for the envelope: build the document, then find the
/// request id and the first error code by path.
pub fn roxmltree_envelope(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(text) = std::str::from_utf8(body) else {
        return (None, None);
    };
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return (None, None);
    };
    let root = doc.root_element();
    let mut request_id = None;
    let mut code = None;
    for child in root.children().filter(roxmltree::Node::is_element) {
        match child.tag_name().name() {
            "RequestId" | "RequestID" | "requestId" => {
                request_id = child.text().map(|t| t.trim().to_owned())
            }
            "ResponseMetadata" => {
                request_id = child
                    .children()
                    .find(|c| c.tag_name().name() == "RequestId")
                    .and_then(|c| c.text())
                    .map(|t| t.trim().to_owned());
            }
            "Errors" | "Error" => {
                let error = if child.tag_name().name() == "Error" {
                    Some(child)
                } else {
                    child.children().find(|c| c.tag_name().name() == "Error")
                };
                if code.is_none() {
                    code = error
                        .and_then(|e| e.children().find(|c| c.tag_name().name() == "Code"))
                        .and_then(|c| c.text())
                        .map(|t| t.trim().to_owned());
                }
            }
            _ => {}
        }
    }
    (request_id, code)
}

/// What a DOM parser does for the whole result: build the document and visit
/// every text node (the work of turning it into a tree of values).
pub fn roxmltree_all_text(body: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(body) else {
        return 0;
    };
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return 0;
    };
    doc.descendants()
        .filter_map(|n| n.text())
        .map(str::len)
        .sum()
}

/// The typed `ReceiveMessage` result, as an application declares it: the
/// same struct for both deserializers, since the Query conventions (a
/// flattened `Message` list, flattened `Attribute` pairs) need no wrappers.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReceiveMessageResult {
    #[serde(default)]
    pub message: Vec<Message>,
}

/// One message of [`ReceiveMessageResult`].
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Message {
    pub message_id: String,
    pub receipt_handle: String,
    #[serde(rename = "MD5OfBody")]
    pub md5_of_body: String,
    pub body: String,
    #[serde(default)]
    pub attribute: Vec<Attribute>,
}

/// A `Name`/`Value` pair of [`Message`].
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

/// What quick-xml's serde deserializer needs on top: the envelope itself,
/// declared element by element.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReceiveMessageResponse {
    pub receive_message_result: ReceiveMessageResult,
    pub response_metadata: ResponseMetadata,
}

/// The `ResponseMetadata` of [`ReceiveMessageResponse`].
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResponseMetadata {
    pub request_id: String,
}

/// quick-xml's serde deserializer on the whole envelope: the messages and
/// the request id, as `aws_query_xml::from_slice` gives them.
pub fn quick_xml_serde_receive(body: &[u8]) -> Option<(usize, String)> {
    let text = std::str::from_utf8(body).ok()?;
    let r: ReceiveMessageResponse = quick_xml::de::from_str(text).ok()?;
    Some((
        r.receive_message_result.message.len(),
        r.response_metadata.request_id,
    ))
}
