//! The tokenizer's faults: what quick-xml's errors mean for a body (and
//! for a slice of one), the limits each event's bytes count against, the
//! content checks quick-xml does not make, and text outside the root.
//!
//! The rules, in the order they apply to one event: an earlier row wins
//! over every later one. "Slice end" is what happens when the event is cut
//! by the end of a slice that is not the body's last (a stream's `feed`):
//! either the fault is reported now, or the event is read again with more
//! input (`Step::Incomplete`), so that every input path, however the body
//! is cut, reports the same fault at the same offset.
//!
//! | # | fault | kind | reported at | slice end |
//! |---|---|---|---|---|
//! | 1 | text, CDATA or a reference outside the root, within `max_token_bytes` of its token's start | `TextBeforeRoot`, `TrailingContent`, `Json`, `InvalidChar` (a control character) | its first byte that is not whitespace | reported; whitespace then a cut character waits (`cut_char_within`) |
//! | 2 | the event's bytes as far as read over a limit: `max_token_bytes`; an envelope field's run over `max_field_bytes` (or `max_value_bytes`, the smaller); a value's run over `max_value_bytes` | `LimitExceeded` | the token's start, or the run's (the limit passed at the earlier byte is named: `check_field`) | reported as soon as the bytes read pass it; a value's own limit waits while its token's may yet come first |
//! | 3 | quick-xml's error, truncation: the body ends inside markup | `EofInMarkup(Markup)` (`Tag`, `Comment`, `Cdata`, `ProcessingInstruction`, `Bang`, `Reference`, `Utf8Char`) | the body's end | waits |
//! | 4 | quick-xml's error, a DOCTYPE | `DocType`, or `UnrecognizedEnvelope` for `<!DOCTYPE html>` | its `<` | an unclosed DOCTYPE waits |
//! | 5 | quick-xml's error, bytes that are not UTF-8 | `InvalidUtf8`, `DeclaredEncoding` when the prolog names another encoding | the first bad byte | waits when the bad bytes reach the slice end (a cut character) |
//! | 6 | quick-xml's error, other markup | `Syntax(SyntaxFault)` | quick-xml's error position (`&`'s for a bare ampersand) | reported (`<!` that may still become `<!--`, `<![CDATA[` or `<!DOCTYPE` waits: `bang_markup_departs`) |
//! | 7 | a tag name that is not an XML name; an end tag holding more than its name | `InvalidName`, `Syntax(TagWithoutName)`, `Syntax(EndTagWithMore)` | the tag's `<` | only complete tags are checked |
//! | 8 | content quick-xml does not check ([`super::chars`]): a character XML does not allow, `]]>` in text, `--` in a comment, a processing instruction's target | `InvalidChar`, `Syntax(CdataEndInText)`, `Syntax(DoubleHyphenInComment)`, `Syntax(BadPiTarget)` | the offending byte | only complete events are checked, once rows 1 and 2 counted them |
//!
//! Envelope faults (`UnrecognizedEnvelope`, `MalformedEnvelope`) come after
//! all of these: the envelope sees only tokens the tokenizer gave.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;

use super::chars::{char_fault, comment_fault, qname_local};
use super::{Step, Tokenizer};
use crate::error::{Category, Error, ErrorKind, Limit, Markup, SyntaxFault};
use crate::text::is_xml_ws;

impl<'a> Tokenizer<'a> {
    /// The error for a DOCTYPE at `start`: refused, except that one naming
    /// an `html` root is an HTML page, reported like an `<html>` root, as not
    /// an AWS response.
    pub(super) fn doctype(&self, start: u64) -> Error {
        let at = usize::try_from(start).unwrap_or(usize::MAX);
        let rest = self.input.get(at..).unwrap_or_default();
        // `<!DOCTYPE`, whitespace, then the root's name.
        let name = rest
            .get(9..)
            .map(|r| {
                let r = &r[r.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
                let len = r
                    .iter()
                    .take_while(|&&b| !(b.is_ascii_whitespace() || b == b'>' || b == b'['))
                    .count();
                (&r[..len], r.len() > len)
            })
            .filter(|&(name, ended)| ended && name.eq_ignore_ascii_case(b"html"));
        match name {
            Some((name, _)) => self.err(
                ErrorKind::UnrecognizedEnvelope(String::from_utf8_lossy(name).into_owned()),
                start,
            ),
            None => self.err(ErrorKind::DocType, start),
        }
    }

    /// [`Self::read`] when quick-xml failed on the event at `start`: the
    /// error, a limit the event's bytes as far as read went over first, or
    /// `Incomplete` when the slice ends inside the event.
    #[cold]
    pub(super) fn read_failed(
        &self,
        e: &XmlError,
        start: u64,
        text_origin: u64,
        run: Option<u64>,
    ) -> Result<Step<'a>, Error> {
        let slice_end = self.input.len() as u64;
        // the event's first byte: `<` for markup, else text or `&`
        let first = usize::try_from(start)
            .ok()
            .and_then(|s| self.input.get(s))
            .copied();
        let markup = first == Some(b'<');
        if self.outside() && first == Some(b'&') {
            // a reference outside the root: refused at its `&`,
            // however it goes on
            self.refuse_outside(start, start, start + 1)?;
        }
        let err = self.map_xml_error(e, start, text_origin);
        if matches!(
            err.kind(),
            ErrorKind::TextBeforeRoot
                | ErrorKind::TrailingContent
                | ErrorKind::Json
                // a control character outside the root (`outside_root`)
                | ErrorKind::InvalidChar(_)
        ) {
            // decided by bytes before the fault, as for text that decodes
            return Err(err);
        }
        // an event cut by the end of a slice: its error may not be the
        // whole token's (a bad byte is reported before its length)
        let unclosed = err.is_truncated()
            || matches!(e, XmlError::Syntax(SyntaxError::UnclosedDoctype))
            || (self.partial && matches!(e, XmlError::Encoding(_)) && self.position() >= slice_end);
        // the token's bytes as far as read count first, on every path
        let reached = if let XmlError::IllFormed(IllFormedError::UnclosedReference) = e {
            // a reference reaches to its `;`, the next markup or the end
            let from = usize::try_from(start)
                .unwrap_or(usize::MAX)
                .min(self.input.len());
            self.input[from..]
                .iter()
                .position(|&b| b == b';' || b == b'<')
                .map_or(slice_end, |i| start + i as u64)
        } else if unclosed {
            slice_end
        } else if let XmlError::Syntax(SyntaxError::InvalidBangMarkup) = e {
            // `<!`, then up to the byte that shows it is none of a
            // comment, CDATA or DOCTYPE: a slice that ends before
            // that byte counts as many
            let after = usize::try_from(start)
                .ok()
                .and_then(|s| self.input.get(s + 2..))
                .unwrap_or_default();
            let seen = bang_markup_departs(after).unwrap_or(after.len());
            (start + 2 + seen as u64).min(slice_end)
        } else {
            self.position().max(start)
        };
        if self.partial
            && !markup
            && self.outside()
            && err.kind() == &ErrorKind::EofInMarkup(Markup::Utf8Char)
            && self.cut_char_within(start, text_origin)
        {
            // whitespace, then a character cut by the end of the
            // slice, before the limit: whether that character is
            // refused or the body ends there, only more input tells
            return Ok(Step::Incomplete(start));
        }
        let origin = if markup || first == Some(b'&') {
            start
        } else {
            text_origin
        };
        let cdata = || {
            usize::try_from(start)
                .ok()
                .and_then(|s| self.input.get(s..))
                .is_some_and(|r| r.starts_with(b"<!["))
        };
        // markup inside a field's text run is part of the run only when it
        // is a comment, a processing instruction or CDATA: an end tag ends
        // the run, so a `<` not yet known to be one does not count (the
        // stream waits for the bytes that tell)
        let continues_run = || {
            usize::try_from(start)
                .ok()
                .and_then(|s| self.input.get(s..))
                .is_some_and(|r| r.starts_with(b"<!--") || r.starts_with(b"<?"))
        };
        if self.field && (!markup || cdata() || (run.is_some() && continues_run())) {
            // an envelope field's bytes as far as read, as when it decodes
            self.check_field(origin, run.unwrap_or(origin), reached)?;
        } else {
            self.check_token(origin, reached)?;
        }
        let cut = self.partial && unclosed;
        if !markup && !cut && !self.outside() {
            // text or a reference in a value: its bytes as far as
            // read count against the value too, as when it decodes
            // (a token cut by the slice end waits: its own length
            // may yet go over the token limit, which counts first)
            self.check_value(run.unwrap_or(text_origin), reached)?;
        }
        if self.partial && unclosed {
            // the slice ends inside this token: wait for more
            return Ok(Step::Incomplete(start));
        }
        Err(err)
    }

    /// Whether text follows the U+FEFF characters given as text at the
    /// start of this slice: more of them, or text that is not markup or a
    /// reference.
    pub(super) fn text_follows_feff(&self) -> bool {
        self.feff > 0
            || usize::try_from(self.reader_at)
                .ok()
                .and_then(|at| self.input.get(at))
                .is_some_and(|&b| b != b'<' && b != b'&')
    }

    /// Whether the character cut by the end of the input, in the text at
    /// `start`, begins before the token that began at `origin` goes over
    /// `max_token_bytes`.
    pub(super) fn cut_char_within(&self, start: u64, origin: u64) -> bool {
        let s = usize::try_from(start)
            .unwrap_or(usize::MAX)
            .min(self.input.len());
        match std::str::from_utf8(&self.input[s..]) {
            Err(u) if u.error_len().is_none() => {
                let lead = start + u.valid_up_to() as u64;
                lead < origin.saturating_add(self.limits.max_token_bytes as u64)
            }
            _ => false,
        }
    }

    pub(super) fn check_value(&self, start: u64, end: u64) -> Result<(), Error> {
        let len = usize::try_from(end.saturating_sub(start)).unwrap_or(usize::MAX);
        if len > self.limits.max_value_bytes {
            return Err(Error::over(
                Limit::ValueBytes,
                &self.limits,
                self.state.consumed + start,
            ));
        }
        Ok(())
    }

    pub(super) fn check_token(&self, start: u64, end: u64) -> Result<(), Error> {
        let len = usize::try_from(end - start).unwrap_or(usize::MAX);
        if len > self.limits.max_token_bytes {
            return Err(Error::over(
                Limit::TokenBytes,
                &self.limits,
                self.state.consumed + start,
            ));
        }
        Ok(())
    }

    /// [`Self::check_token`] for a piece of an envelope field's text run
    /// that began at `run`: the run's bytes to `end` count against
    /// `max_field_bytes` (and `max_value_bytes`: the smaller, the field's on
    /// a tie) as they arrive, and the token's against `max_token_bytes`.
    /// Over both, the limit passed at the earlier byte is named (the
    /// token's on a tie): that is the same whatever prefix of the run was
    /// read, so every input path names the same limit, however it is cut.
    pub(super) fn check_field(&self, origin: u64, run: u64, end: u64) -> Result<(), Error> {
        let limits = &self.limits;
        let (limit, max) = if limits.max_field_bytes <= limits.max_value_bytes {
            (Limit::FieldBytes, limits.max_field_bytes)
        } else {
            (Limit::ValueBytes, limits.max_value_bytes)
        };
        let run_over = end.saturating_sub(run) > max as u64;
        let token_over = end.saturating_sub(origin) > limits.max_token_bytes as u64;
        let run_first =
            run.saturating_add(max as u64) < origin.saturating_add(limits.max_token_bytes as u64);
        if run_over && (!token_over || run_first) {
            return Err(Error::over(limit, limits, self.state.consumed + run));
        }
        self.check_token(origin, end)
    }

    /// The well-formedness of a complete event's content that quick-xml
    /// does not check: the characters of text, CDATA, comments and
    /// processing instructions, `]]>` in text, `--` in a comment, a
    /// processing instruction's target. Checked once the limits have
    /// counted the event's bytes (they come first, on every path).
    // most events are tags and text, for which this is a branch (text
    // inside the root: one loop over its bytes)
    #[inline]
    pub(super) fn check_content(&self, ev: &Event<'_>, start: u64) -> Result<(), Error> {
        match self.content_fault(ev, start) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// [`Self::check_content`]'s error, if any.
    #[inline]
    pub(super) fn content_fault(&self, ev: &Event<'_>, start: u64) -> Option<Error> {
        let fault = match ev {
            Event::Text(t) if self.char_faults && !self.outside() => char_fault(t.as_bytes(), true),
            Event::CData(c) if self.char_faults && !self.outside() => {
                char_fault(c.as_bytes(), false).map(|(i, k)| (i + 9, k))
            }
            Event::Comment(c) => {
                comment_fault(c.as_bytes(), self.char_faults).map(|(i, k)| (i + 4, k))
            }
            Event::PI(p) => Self::pi_fault(p.as_bytes()).map(|(i, k)| (i + 2, k)),
            _ => None,
        };
        fault.map(|(at, kind)| self.err(kind, start + at as u64))
    }

    /// The first fault in a processing instruction (between `<?` and
    /// `?>`): a target that is not a name, or a character XML does not allow.
    #[cold]
    pub(super) fn pi_fault(content: &[u8]) -> Option<(usize, ErrorKind)> {
        let len = content.iter().take_while(|&&b| !is_xml_ws(b)).count();
        let target = std::str::from_utf8(&content[..len]).unwrap_or_default();
        if qname_local(target).is_none() {
            let kind = ErrorKind::Syntax(SyntaxFault::BadPiTarget);
            return Some((0, kind));
        }
        char_fault(content, false)
    }

    pub(super) fn map_xml_error(&self, e: &XmlError, start: u64, text_origin: u64) -> Error {
        let pos = self.reader_at + self.reader.error_position();
        let rest = |at: u64| -> &'a [u8] {
            let at = usize::try_from(at)
                .unwrap_or(usize::MAX)
                .min(self.input.len());
            &self.input[at..]
        };
        let eof = ErrorKind::EofInMarkup;
        let (kind, at) = match e {
            XmlError::Syntax(s) => {
                let kind = match s {
                    SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => {
                        eof(Markup::ProcessingInstruction)
                    }
                    SyntaxError::UnclosedComment => eof(Markup::Comment),
                    SyntaxError::UnclosedDoctype => return self.doctype(start),
                    SyntaxError::UnclosedCData => eof(Markup::Cdata),
                    SyntaxError::UnclosedTag
                    | SyntaxError::UnclosedSingleQuotedAttributeValue
                    | SyntaxError::UnclosedDoubleQuotedAttributeValue => eof(Markup::Tag),
                    SyntaxError::InvalidBangMarkup => {
                        // `<!` followed by the start of `--`, `[CDATA[` or
                        // `DOCTYPE` and then the end of input is truncation.
                        let after = rest(pos).get(2..).unwrap_or_default();
                        match bang_markup_departs(after) {
                            None => eof(Markup::Bang),
                            Some(_) => ErrorKind::Syntax(SyntaxFault::BadBangMarkup),
                        }
                    }
                };
                (kind, pos)
            }
            XmlError::IllFormed(IllFormedError::UnclosedReference) => {
                // `&name` that runs to the end of input is truncation.
                let tail = rest(pos);
                if tail.iter().any(|&b| b == b';' || b == b'<') {
                    (ErrorKind::Syntax(SyntaxFault::BareAmpersand), pos)
                } else {
                    (eof(Markup::Reference), pos)
                }
            }
            XmlError::IllFormed(IllFormedError::MissingDoctypeName) => (ErrorKind::DocType, start),
            XmlError::Encoding(_) => {
                let s = usize::try_from(start)
                    .unwrap_or(usize::MAX)
                    .min(self.input.len());
                let decoded = std::str::from_utf8(&self.input[s..]);
                if let Err(u) = decoded
                    && self.outside()
                    && self.input.get(s) != Some(&b'<')
                    && let Err(refused) =
                        self.refuse_outside(text_origin, start, start + u.valid_up_to() as u64)
                {
                    // text outside the root is refused at its first byte that
                    // is not whitespace, as when it decodes: that comes first
                    return refused;
                }
                match decoded {
                    // A sequence cut by the end of input is truncation.
                    Err(u) if u.error_len().is_none() => {
                        (eof(Markup::Utf8Char), start + u.valid_up_to() as u64)
                    }
                    Err(u) => (ErrorKind::InvalidUtf8, start + u.valid_up_to() as u64),
                    Ok(_) => (ErrorKind::InvalidUtf8, pos),
                }
            }
            _ => (ErrorKind::Syntax(SyntaxFault::Other), pos),
        };
        // A truncated body is reported where it ends, whatever was cut.
        let at = if kind.category() == Category::Truncated {
            self.input.len() as u64
        } else {
            at
        };
        // a body that is not UTF-8 and says so: name what it says
        let kind = match (kind, &self.state.encoding) {
            (ErrorKind::InvalidUtf8, Some(name)) => ErrorKind::DeclaredEncoding(name.clone()),
            (kind, _) => kind,
        };
        self.err(kind, at)
    }

    /// The error for a tag whose name is not a name (never repeated).
    #[cold]
    pub(super) fn bad_name(&self, name: &str, start: u64) -> Error {
        let kind = if name.is_empty() {
            ErrorKind::Syntax(SyntaxFault::TagWithoutName)
        } else {
            ErrorKind::InvalidName
        };
        self.err(kind, start)
    }

    /// The error for an end tag whose content is not a name: a name that
    /// is not one, or a name and more (never repeated).
    #[cold]
    pub(super) fn bad_end_tag(&self, found: &str, start: u64) -> Error {
        let len = found.bytes().position(is_xml_ws).unwrap_or(found.len());
        if qname_local(&found[..len]).is_none() {
            return self.bad_name(&found[..len], start);
        }
        let kind = ErrorKind::Syntax(SyntaxFault::EndTagWithMore);
        self.err(kind, start)
    }

    /// Fails at the first byte of `input[start..end]` that is not whitespace
    /// and comes before the token that began at `origin` goes over
    /// `max_token_bytes` (then the limit is the first fault, on every path).
    pub(super) fn refuse_outside(&self, origin: u64, start: u64, end: u64) -> Result<(), Error> {
        let within = origin.saturating_add(self.limits.max_token_bytes as u64);
        let s = usize::try_from(start).unwrap_or(usize::MAX);
        let e = usize::try_from(end.min(within)).unwrap_or(usize::MAX);
        let raw = self.input.get(s..e).unwrap_or_default();
        match raw.iter().position(|&b| !is_xml_ws(b)) {
            Some(i) => Err(self.outside_root(start + i as u64)),
            None => Ok(()),
        }
    }

    pub(super) fn outside_root(&self, at: u64) -> Error {
        let first = usize::try_from(at).ok().and_then(|i| self.input.get(i));
        let kind = if let Some(&b) = first.filter(|&&b| b < 0x20) {
            // a control character (whitespace is not refused)
            ErrorKind::InvalidChar(char::from(b))
        } else if self.state.root_closed {
            ErrorKind::TrailingContent
        } else if matches!(first, Some(b'{' | b'[')) {
            // no XML text begins so: a JSON body (the JSON protocol)
            ErrorKind::Json
        } else {
            ErrorKind::TextBeforeRoot
        };
        self.err(kind, at)
    }
}

/// How many bytes after `<!` show that markup is none of a comment, CDATA
/// or DOCTYPE: up to and including the first byte that departs from all
/// three; `None` while `after` is still the start of one of them.
fn bang_markup_departs(after: &[u8]) -> Option<usize> {
    let fits = |n: usize| {
        [&b"--"[..], b"[CDATA[", b"DOCTYPE"]
            .iter()
            .any(|full| n <= full.len() && full[..n].eq_ignore_ascii_case(&after[..n]))
    };
    (1..=after.len()).find(|&n| !fits(n))
}
