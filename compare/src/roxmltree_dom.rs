//! roxmltree: build the DOM, then find what is wanted by path.

use crate::ours::Sink;
use roxmltree::{Document, Node};

fn document(body: &[u8]) -> Document<'_> {
    let text = std::str::from_utf8(body).expect("UTF-8");
    Document::parse(text).expect("well-formed XML")
}

fn text<'a>(node: Node<'a, '_>) -> &'a str {
    node.text().unwrap_or("").trim()
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn error(node: Node<'_, '_>, sink: &mut impl Sink) {
    let error_type = child(node, "Type").map(text);
    let code = child(node, "Code").map_or("", text);
    let message = child(node, "Message").map(text);
    sink.error(error_type, code, message);
}

/// The envelope: the request id (`ResponseMetadata/RequestId`, or a root
/// `RequestId`/`RequestID`) and every error (root `Error`, or
/// `Errors/Error`), each trimmed, looked up under the root only, as the
/// envelope is.
///
/// # Panics
///
/// When the body is not well-formed UTF-8 XML.
pub fn envelope(body: &[u8], sink: &mut impl Sink) {
    let doc = document(body);
    for node in doc.root_element().children().filter(Node::is_element) {
        match node.tag_name().name() {
            "RequestId" | "RequestID" => sink.request_id(text(node)),
            "ResponseMetadata" => {
                if let Some(id) = child(node, "RequestId") {
                    sink.request_id(text(id));
                }
            }
            "Error" => error(node, sink),
            "Errors" => {
                for e in node.children().filter(|c| c.has_tag_name("Error")) {
                    error(e, sink);
                }
            }
            _ => {}
        }
    }
}

/// The result tree: every leaf element's text under the root's `*Result`
/// child, in document order (`""` for an empty leaf), given to `visit`.
///
/// # Panics
///
/// When the body is not well-formed UTF-8 XML.
pub fn result_texts(body: &[u8], visit: &mut impl FnMut(&str)) {
    let doc = document(body);
    let Some(result) = doc
        .root_element()
        .children()
        .find(|c| c.is_element() && c.tag_name().name().ends_with("Result"))
    else {
        return;
    };
    for node in result.descendants().skip(1) {
        if node.is_element() && !node.children().any(|c| c.is_element()) {
            visit(node.text().unwrap_or(""));
        }
    }
}
