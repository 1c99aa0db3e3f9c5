//! The one XML writer of the crate: start and end tags (compact or
//! pretty, LF or CRLF, with an optional prefix), text escaped with entities
//! or as CDATA, attribute values, the XML declaration. It refuses what XML
//! cannot carry and what the parser's limits would refuse, naming the field.

use crate::text::is_xml_ws;
use crate::tokens::is_xml_char;
use crate::{Limit, Limits};

use super::RenderError;

/// How text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    /// An envelope field: trimmed by the parser, written trimmed.
    Field,
    /// A result value: its edges kept under `Whitespace::Auto`.
    Value,
}

/// An open element: its qualified name, and whether it holds elements.
struct Open {
    start: usize,
    len: usize,
    has_children: bool,
}

/// Writes XML into a buffer.
pub(crate) struct Writer {
    out: Vec<u8>,
    /// The open elements' names, one after another (see [`Open`]).
    names: String,
    open: Vec<Open>,
    indent: Option<usize>,
    crlf: bool,
    cdata: bool,
    limits: Limits,
}

impl Writer {
    pub(crate) fn new(indent: Option<usize>, crlf: bool, cdata: bool, limits: Limits) -> Self {
        Writer {
            out: Vec::with_capacity(512),
            names: String::new(),
            open: Vec::new(),
            indent,
            crlf,
            cdata,
            limits,
        }
    }

    /// The bytes written.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        if self.indent.is_some() {
            self.newline();
        }
        self.out
    }

    fn newline(&mut self) {
        self.out
            .extend_from_slice(if self.crlf { b"\r\n" } else { b"\n" });
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>` and a line end.
    pub(crate) fn declaration(&mut self) {
        self.out
            .extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?>"#);
        self.newline();
    }

    /// A line end and the indent of the current depth, when pretty.
    fn break_line(&mut self) {
        if let Some(width) = self.indent {
            self.newline();
            let depth = self.open.len();
            self.out
                .extend(std::iter::repeat_n(b' ', width.saturating_mul(depth)));
        }
    }

    /// Opens `prefix:local` with its attributes (values escaped here).
    ///
    /// # Errors
    ///
    /// Deeper than `max_depth`, or a character an attribute cannot carry.
    pub(crate) fn start(
        &mut self,
        prefix: Option<&str>,
        local: &str,
        attributes: &[(&str, &str)],
        what: &dyn Fn() -> String,
    ) -> Result<(), RenderError> {
        if self.open.len() >= self.limits.max_depth {
            return Err(RenderError::OverLimit {
                field: what(),
                limit: Limit::Depth,
                max: self.limits.max_depth,
            });
        }
        if let Some(parent) = self.open.last_mut() {
            parent.has_children = true;
        }
        // the root starts at the start, or after the declaration's line end
        if !self.open.is_empty() {
            self.break_line();
        }
        let start = self.names.len();
        if let Some(p) = prefix {
            self.names.push_str(p);
            self.names.push(':');
        }
        self.names.push_str(local);
        self.out.push(b'<');
        self.out.extend_from_slice(&self.names.as_bytes()[start..]);
        for (name, value) in attributes {
            self.out.push(b' ');
            self.out.extend_from_slice(name.as_bytes());
            self.out.extend_from_slice(b"=\"");
            attribute(&mut self.out, value, what)?;
            self.out.push(b'"');
        }
        self.out.push(b'>');
        self.open.push(Open {
            start,
            len: self.names.len() - start,
            has_children: false,
        });
        Ok(())
    }

    /// Closes the innermost open element.
    pub(crate) fn end(&mut self) {
        let Some(open) = self.open.pop() else {
            return;
        };
        if open.has_children {
            self.break_line();
        }
        self.out.extend_from_slice(b"</");
        let name = self
            .names
            .get(open.start..open.start + open.len)
            .unwrap_or("");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
        self.names.truncate(open.start);
    }

    /// An element holding only `text`.
    ///
    /// # Errors
    ///
    /// As [`Writer::start`] and [`Writer::text`].
    pub(crate) fn leaf(
        &mut self,
        prefix: Option<&str>,
        local: &str,
        text: &str,
        kind: TextKind,
        what: &dyn Fn() -> String,
    ) -> Result<(), RenderError> {
        self.start(prefix, local, &[], what)?;
        self.text(text, kind, what)?;
        self.end();
        Ok(())
    }

    /// Text content, escaped with entities or as CDATA. A field is written
    /// trimmed; a value whose edge whitespace holds a line break gets its
    /// edges as character references, so that the `auto` policy keeps them.
    ///
    /// # Errors
    ///
    /// A character XML cannot carry, or more source bytes than the field's
    /// or value's limit.
    pub(crate) fn text(
        &mut self,
        text: &str,
        kind: TextKind,
        what: &dyn Fn() -> String,
    ) -> Result<(), RenderError> {
        let text = match kind {
            TextKind::Field => crate::text::trim_xml_ws(text),
            TextKind::Value => text,
        };
        if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
            return Err(RenderError::InvalidChar { field: what(), c });
        }
        let before = self.out.len();
        if self.cdata {
            cdata(&mut self.out, text);
        } else {
            let (lead, trail) = match kind {
                TextKind::Value => edges(text),
                TextKind::Field => (0, 0),
            };
            let end = text.len() - trail;
            // `lead` and `end` are at whitespace bytes (ASCII): char boundaries
            let (head, rest) = text.split_at(lead);
            let (middle, last) = rest.split_at(end - lead);
            for b in head.bytes() {
                reference(&mut self.out, b);
            }
            escape(&mut self.out, middle);
            for b in last.bytes() {
                reference(&mut self.out, b);
            }
        }
        let written = self.out.len() - before;
        let (limit, max) = match kind {
            TextKind::Field => (Limit::FieldBytes, self.limits.max_field_bytes),
            TextKind::Value if self.limits.max_token_bytes < self.limits.max_value_bytes => {
                (Limit::TokenBytes, self.limits.max_token_bytes)
            }
            TextKind::Value => (Limit::ValueBytes, self.limits.max_value_bytes),
        };
        if written > max {
            return Err(RenderError::OverLimit {
                field: what(),
                limit,
                max,
            });
        }
        Ok(())
    }
}

/// The bytes of edge whitespace to write as references: both edges' whole
/// runs when either holds a line break (literal, `auto` would trim them),
/// else none.
fn edges(text: &str) -> (usize, usize) {
    let lead = text.bytes().take_while(|&b| is_xml_ws(b)).count();
    if lead == text.len() {
        let breaks = text.bytes().any(|b| matches!(b, b'\n' | b'\r'));
        return if breaks { (lead, 0) } else { (0, 0) };
    }
    let trail = text.bytes().rev().take_while(|&b| is_xml_ws(b)).count();
    let breaks = |s: &[u8]| s.iter().any(|b| matches!(b, b'\n' | b'\r'));
    let bytes = text.as_bytes();
    if breaks(&bytes[..lead]) || breaks(&bytes[bytes.len() - trail..]) {
        (lead, trail)
    } else {
        (0, 0)
    }
}

/// A character reference for one ASCII byte: `&#10;`.
fn reference(out: &mut Vec<u8>, b: u8) {
    out.extend_from_slice(b"&#");
    out.extend_from_slice(b.to_string().as_bytes());
    out.push(b';');
}

/// Text escaped with entities: `&`, `<`, `>` (so never `]]>`) and a
/// carriage return (a literal one would be read as a line feed).
fn escape(out: &mut Vec<u8>, text: &str) {
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\r' => b"&#13;",
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[from..i]);
        out.extend_from_slice(entity);
        from = i + 1;
    }
    out.extend_from_slice(&text.as_bytes()[from..]);
}

/// Text as CDATA sections: `]]>` is split across two, and a carriage
/// return (which CDATA cannot keep) is a reference between them.
fn cdata(out: &mut Vec<u8>, text: &str) {
    for (i, part) in text.split('\r').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"&#13;");
        }
        if part.is_empty() {
            continue;
        }
        out.extend_from_slice(b"<![CDATA[");
        out.extend_from_slice(part.replace("]]>", "]]]]><![CDATA[>").as_bytes());
        out.extend_from_slice(b"]]>");
    }
}

/// An attribute value between double quotes.
fn attribute(out: &mut Vec<u8>, value: &str, what: &dyn Fn() -> String) -> Result<(), RenderError> {
    for c in value.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\t' | '\n' | '\r' => reference(out, c as u8),
            c if is_xml_char(c) => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            c => return Err(RenderError::InvalidChar { field: what(), c }),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{TextKind, Writer, edges};
    use crate::Limits;
    use crate::tokens::is_ncname;

    fn value(text: &str, cdata: bool) -> String {
        let mut w = Writer::new(None, false, cdata, Limits::new());
        w.text(text, TextKind::Value, &String::new).unwrap();
        String::from_utf8(w.finish()).unwrap()
    }

    #[test]
    fn escapes_markup_and_carriage_returns() {
        assert_eq!(value("a<b>&c\rd]]>", false), "a&lt;b&gt;&amp;c&#13;d]]&gt;");
        assert_eq!(
            value("x]]>y\rz", true),
            "<![CDATA[x]]]]><![CDATA[>y]]>&#13;<![CDATA[z]]>"
        );
        assert_eq!(value("", true), "");
    }

    #[test]
    fn edges_with_a_line_break_are_references() {
        assert_eq!(value("\n a \t", false), "&#10;&#32;a&#32;&#9;");
        assert_eq!(value(" a ", false), " a ");
        assert_eq!(value("\n", false), "&#10;");
        assert_eq!(edges("  "), (0, 0));
    }

    #[test]
    fn names_are_ncnames() {
        assert!(is_ncname("Users") && is_ncname("a-b.c9") && is_ncname("é"));
        assert!(!is_ncname("") && !is_ncname("a:b") && !is_ncname("1x") && !is_ncname("a b"));
    }
}
