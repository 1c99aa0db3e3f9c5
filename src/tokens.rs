//! The token layer: the only code that touches quick-xml.
//!
//! It turns quick-xml events into a small vocabulary of our own (open an
//! element by local name, a complete text value, close, end of document),
//! keeps byte offsets, enforces the limits, refuses DOCTYPE, checks that
//! start and end tags match and that there is exactly one root. Everything
//! above it is independent of quick-xml's API.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesRef, Event};
use quick_xml::reader::Reader;

use crate::Limits;
use crate::error::{Category, Error, ErrorKind, Limit, element_name};
use crate::text::Text;

/// One token.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// A start tag (or the start of an empty-element tag).
    Open {
        /// Local name: the qualified name without its `prefix:`.
        local: &'a str,
        /// Offset of the `<`.
        start: u64,
        /// Offset just after the `>`.
        end: u64,
    },
    /// An end tag (or the end of an empty-element tag).
    Close {
        /// Offset of the `<` (for an empty-element tag: just after its `>`).
        start: u64,
    },
    /// A complete text value: only given when asked for with [`TextMode::Assemble`].
    Text(Text<'a>),
    /// The end of the document (or fragment).
    Eof,
}

/// Whether the caller wants the next text run's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextMode {
    /// Validate the text run, but do not assemble it nor give it.
    Skip,
    /// Assemble the text run and give it as [`Token::Text`].
    Assemble,
}

/// Splits a qualified name into its local part.
pub(crate) fn local_name(qname: &str) -> &str {
    match qname.find(':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

/// Maps `&...;` to its character: the five predefined entities and
/// character references to a legal XML character.
fn resolve_ref(r: &BytesRef<'_>) -> Result<char, ErrorKind> {
    if r.is_char_ref() {
        match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(c),
            _ => Err(ErrorKind::InvalidCharRef),
        }
    } else {
        match &*r.clone().into_inner() {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            _ => Err(ErrorKind::UnknownEntity),
        }
    }
}

/// XML 1.0 `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The tokenizer over one slice.
pub(crate) struct Tokenizer<'a> {
    reader: Reader<&'a [u8]>,
    /// The slice the reader reads (after any BOM).
    input: &'a [u8],
    /// Offset of `input[0]` in the body.
    base: u64,
    limits: Limits,
    /// Qualified names of the open elements.
    open: Vec<&'a str>,
    /// An event read while finishing a text run, to handle next: (event, start, end).
    peeked: Option<(Event<'a>, u64, u64)>,
    /// The close half of an empty-element tag.
    pending_close: Option<u64>,
    /// Parsing an element's content (many top-level elements and text allowed).
    fragment: bool,
    seen_root: bool,
    root_closed: bool,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer for a whole document.
    pub(crate) fn document(body: &'a [u8], limits: Limits) -> Result<Self, Error> {
        if body.starts_with(&[0xFF, 0xFE])
            || body.starts_with(&[0xFE, 0xFF])
            || body.starts_with(b"<\0")
            || body.starts_with(b"\0<")
        {
            return Err(Error::new(ErrorKind::Utf16, 0));
        }
        let (input, base) = match body.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (body, 0),
        };
        Ok(Self::new(input, base, limits, false))
    }

    /// A tokenizer for the content of an element already checked by a
    /// document pass; `base` is the content's offset in the body.
    pub(crate) fn fragment(content: &'a [u8], base: u64, limits: Limits) -> Self {
        Self::new(content, base, limits, true)
    }

    fn new(input: &'a [u8], base: u64, limits: Limits, fragment: bool) -> Self {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.expand_empty_elements = false;
        config.trim_text_start = false;
        config.trim_text_end = false;
        config.check_comments = false;
        Tokenizer {
            reader,
            input,
            base,
            limits,
            open: Vec::new(),
            peeked: None,
            pending_close: None,
            fragment,
            seen_root: false,
            root_closed: false,
        }
    }

    fn err(&self, kind: ErrorKind, at: u64) -> Error {
        Error::new(kind, self.base + at)
    }

    /// Reads one quick-xml event with its start and end offsets (relative to `input`).
    fn read(&mut self) -> Result<(Event<'a>, u64, u64), Error> {
        if let Some(p) = self.peeked.take() {
            return Ok(p);
        }
        let start = self.reader.buffer_position();
        match self.reader.read_event() {
            Ok(ev) => {
                let end = self.reader.buffer_position();
                let len = usize::try_from(end - start).unwrap_or(usize::MAX);
                if len > self.limits.max_token_bytes {
                    return Err(self.err(ErrorKind::LimitExceeded(Limit::TokenBytes), start));
                }
                Ok((ev, start, end))
            }
            Err(e) => Err(self.map_xml_error(&e, start)),
        }
    }

    fn map_xml_error(&self, e: &XmlError, start: u64) -> Error {
        let pos = self.reader.error_position();
        let rest = |at: u64| -> &'a [u8] {
            let at = usize::try_from(at)
                .unwrap_or(usize::MAX)
                .min(self.input.len());
            &self.input[at..]
        };
        let eof = |what: &'static str| ErrorKind::EofInMarkup(what);
        let (kind, at) = match e {
            XmlError::Syntax(s) => {
                let kind = match s {
                    SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => {
                        eof("a processing instruction")
                    }
                    SyntaxError::UnclosedComment => eof("a comment"),
                    SyntaxError::UnclosedDoctype => ErrorKind::DocType,
                    SyntaxError::UnclosedCData => eof("a CDATA section"),
                    SyntaxError::UnclosedTag
                    | SyntaxError::UnclosedSingleQuotedAttributeValue
                    | SyntaxError::UnclosedDoubleQuotedAttributeValue => eof("a tag"),
                    SyntaxError::InvalidBangMarkup => {
                        // `<!` followed by the start of `--`, `[CDATA[` or
                        // `DOCTYPE` and then the end of input is truncation.
                        let after = rest(pos).get(2..).unwrap_or_default();
                        let prefix_of = |full: &[u8]| {
                            after.len() < full.len()
                                && full[..after.len()].eq_ignore_ascii_case(after)
                        };
                        if prefix_of(b"--") || prefix_of(b"[CDATA[") || prefix_of(b"DOCTYPE") {
                            eof("markup")
                        } else {
                            ErrorKind::Syntax("invalid `<!` markup")
                        }
                    }
                };
                (kind, pos)
            }
            XmlError::IllFormed(IllFormedError::UnclosedReference) => {
                // `&name` that runs to the end of input is truncation.
                let tail = rest(pos);
                if tail.iter().any(|&b| b == b';' || b == b'<') {
                    (ErrorKind::Syntax("`&` not followed by a reference"), pos)
                } else {
                    (eof("a reference"), pos)
                }
            }
            XmlError::IllFormed(IllFormedError::MissingDoctypeName) => (ErrorKind::DocType, pos),
            XmlError::Encoding(_) => {
                let s = usize::try_from(start)
                    .unwrap_or(usize::MAX)
                    .min(self.input.len());
                match std::str::from_utf8(&self.input[s..]) {
                    // A sequence cut by the end of input is truncation.
                    Err(u) if u.error_len().is_none() => {
                        (eof("a UTF-8 character"), start + u.valid_up_to() as u64)
                    }
                    Err(u) => (ErrorKind::InvalidUtf8, start + u.valid_up_to() as u64),
                    Ok(_) => (ErrorKind::InvalidUtf8, pos),
                }
            }
            _ => (ErrorKind::Syntax("malformed markup"), pos),
        };
        // A truncated body is reported where it ends, whatever was cut.
        let at = if kind.category() == Category::Truncated {
            self.input.len() as u64
        } else {
            at
        };
        self.err(kind, at)
    }

    /// The name of a start or end tag, borrowed from the input.
    fn tag_name(&self, start: u64, skip: usize, len: usize) -> &'a str {
        let s = usize::try_from(start).unwrap_or(usize::MAX) + skip;
        // The reader has validated the tag as UTF-8 and the name is a prefix of it.
        self.input
            .get(s..s + len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// The next token.
    pub(crate) fn next(&mut self, mode: TextMode) -> Result<Token<'a>, Error> {
        if let Some(at) = self.pending_close.take() {
            return Ok(self.close_top(at));
        }
        loop {
            let (ev, start, end) = self.read()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let qname = self.tag_name(start, 1, e.name().as_ref().len());
                    if qname.is_empty() {
                        return Err(self.err(ErrorKind::Syntax("a tag without a name"), start));
                    }
                    if self.open.is_empty() && !self.fragment {
                        if self.root_closed {
                            return Err(self.err(ErrorKind::TrailingContent, start));
                        }
                        self.seen_root = true;
                    }
                    if self.open.len() >= self.limits.max_depth {
                        return Err(self.err(ErrorKind::LimitExceeded(Limit::Depth), start));
                    }
                    self.open.push(qname);
                    if matches!(ev, Event::Empty(_)) {
                        self.pending_close = Some(end);
                    }
                    return Ok(Token::Open {
                        local: local_name(qname),
                        start: self.base + start,
                        end: self.base + end,
                    });
                }
                Event::End(ref e) => {
                    let found = self.tag_name(start, 2, e.name().as_ref().len());
                    match self.open.last() {
                        Some(&expected) if expected == found => {
                            return Ok(self.close_top(start));
                        }
                        Some(&expected) => {
                            let kind = ErrorKind::MismatchedEndTag {
                                expected: element_name(expected),
                                found: element_name(found),
                            };
                            return Err(self.err(kind, start));
                        }
                        None if self.root_closed => {
                            return Err(self.err(ErrorKind::TrailingContent, start));
                        }
                        None => {
                            return Err(
                                self.err(ErrorKind::UnmatchedEndTag(element_name(found)), start)
                            );
                        }
                    }
                }
                Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => {
                    if let Some(text) = self.text_run(ev, start, mode)? {
                        return Ok(Token::Text(text));
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(_) => {
                    if self.seen_root || self.fragment {
                        return Err(self.err(
                            ErrorKind::Syntax("an XML declaration after the start"),
                            start,
                        ));
                    }
                }
                Event::DocType(_) => return Err(self.err(ErrorKind::DocType, start)),
                Event::Eof => {
                    let at = self.input.len() as u64;
                    if let Some(&name) = self.open.last() {
                        return Err(self.err(ErrorKind::EofInElement(element_name(name)), at));
                    }
                    if !self.seen_root && !self.fragment {
                        return Err(self.err(ErrorKind::Empty, at));
                    }
                    return Ok(Token::Eof);
                }
            }
        }
    }

    fn close_top(&mut self, start: u64) -> Token<'a> {
        self.open.pop();
        if self.open.is_empty() && !self.fragment {
            self.root_closed = true;
        }
        Token::Close {
            start: self.base + start,
        }
    }

    /// Reads a run of text, references and CDATA (comments and processing
    /// instructions inside it are skipped), starting with `first`. Returns
    /// the assembled value in [`TextMode::Assemble`] inside an element.
    fn text_run(
        &mut self,
        first: Event<'a>,
        run_start: u64,
        mode: TextMode,
    ) -> Result<Option<Text<'a>>, Error> {
        let outside = self.open.is_empty() && !self.fragment;
        let assemble = mode == TextMode::Assemble && !outside;
        let mut text = Text::new();
        let mut ev = first;
        let mut start = run_start;
        let mut end = run_start;
        loop {
            match ev {
                Event::Text(t) => {
                    let raw = t.into_inner();
                    if outside
                        && let Some(i) = raw
                            .bytes()
                            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                    {
                        // report the first byte that is not whitespace
                        return Err(self.outside_root(start + i as u64));
                    }
                    if assemble {
                        text.push_literal(raw, false);
                    }
                }
                Event::CData(c) => {
                    if outside {
                        return Err(self.outside_root(start));
                    }
                    if assemble {
                        text.push_literal(c.into_inner(), true);
                    }
                }
                Event::GeneralRef(r) => {
                    if outside {
                        return Err(self.outside_root(start));
                    }
                    let c = resolve_ref(&r).map_err(|k| self.err(k, start))?;
                    if assemble {
                        text.push_char(c);
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                other => {
                    self.peeked = Some((other, start, end));
                    return Ok(assemble.then_some(text));
                }
            }
            let (next, s, e) = self.read()?;
            let len = usize::try_from(s - run_start).unwrap_or(usize::MAX);
            if len > self.limits.max_value_bytes {
                return Err(self.err(ErrorKind::LimitExceeded(Limit::ValueBytes), run_start));
            }
            ev = next;
            start = s;
            end = e;
        }
    }

    fn outside_root(&self, at: u64) -> Error {
        let kind = if self.root_closed {
            ErrorKind::TrailingContent
        } else {
            ErrorKind::TextBeforeRoot
        };
        self.err(kind, at)
    }
}
