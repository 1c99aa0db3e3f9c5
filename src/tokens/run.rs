//! Text runs: text, references and CDATA read as one value (comments and
//! processing instructions inside it are skipped), counted against the
//! limits piece by piece as read, so every input path sees a limit at the
//! same byte.

use quick_xml::events::{BytesRef, Event};

use super::chars::is_xml_char;
use super::{Step, TextMode, Tokenizer};
use crate::error::{Error, ErrorKind};
use crate::text::Text;

/// Maps `&...;` to its character: the five predefined entities and
/// character references to a legal XML character.
fn resolve_ref(r: &BytesRef<'_>) -> Result<char, ErrorKind> {
    if r.is_char_ref() {
        match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(c),
            _ => Err(ErrorKind::InvalidCharRef),
        }
    } else {
        quick_xml::escape::resolve_xml_entity(&r.clone().into_inner())
            .and_then(|s| s.chars().next())
            .ok_or(ErrorKind::UnknownEntity)
    }
}

impl<'a> Tokenizer<'a> {
    /// Reads a run of text, references and CDATA (comments and processing
    /// instructions inside it are skipped), starting with `first`. Gives
    /// the assembled value in [`TextMode::Assemble`] inside an element.
    pub(super) fn text_run(
        &mut self,
        first: Event<'a>,
        run_start: u64,
        first_end: u64,
        mode: TextMode,
    ) -> Result<Run<'a>, Error> {
        let outside = self.outside();
        let assemble = mode != TextMode::Skip && !outside;
        let mut text = Text::new();
        let mut ev = first;
        let mut start = run_start;
        let mut end = first_end;
        let mut reserved = false;
        loop {
            // reported once the limits have counted the piece
            let fault = self.content_fault(&ev, start);
            match ev {
                // text and references outside the root were refused by
                // `read` (at their first byte that is not whitespace)
                Event::Text(t) => {
                    if assemble {
                        text.push_literal(t.into_inner(), false);
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
                    let c = resolve_ref(&r).map_err(|k| self.err(k, start))?;
                    if assemble {
                        text.push_char(c);
                    }
                }
                // outside the root, whitespace holds no value: a comment
                // or processing instruction ends it, and is a token of its own
                Event::Comment(_) | Event::PI(_) if !outside => {}
                other => {
                    self.peeked = Some((other, start, end));
                    return Ok(if assemble {
                        Run::Text(text)
                    } else {
                        Run::Skipped
                    });
                }
            }
            // the value's source so far, counted piece by piece as read, so
            // every input path sees the limit at the same point; but a
            // U+FEFF given as text (before `reader_at`) that more text follows
            // ends no token: that token's length counts first, when the
            // rest of it is read
            if !(outside || (start < self.reader_at && self.text_follows_feff())) {
                self.check_value(run_start, end)?;
            }
            if let Some(e) = fault {
                return Err(e);
            }
            // a start or end tag next ends the run: leave it to be read as
            // the next token (only `<!` and `<?` markup may go on with it)
            let after = usize::try_from(end).unwrap_or(usize::MAX);
            if let Some(&[b'<', next]) = self.input.get(after..after.saturating_add(2))
                && next != b'!'
                && next != b'?'
            {
                return Ok(if assemble {
                    Run::Text(text)
                } else {
                    Run::Skipped
                });
            }
            if assemble && !reserved {
                // more pieces (a reference next, most often): room for what
                // is left of the run at most, so the value grows once
                let after = usize::try_from(end).unwrap_or(usize::MAX);
                let rest = self.input.get(after..).unwrap_or_default();
                let bound = memchr::memchr(b'<', rest).unwrap_or(rest.len());
                text.reserve(bound.min(self.limits.max_value_bytes));
                reserved = true;
            }
            let (next, s, e) = match self.read(Some(run_start))? {
                Step::Event(ev, s, e) => (ev, s, e),
                // the run may go on in the next slice: read it again then
                Step::Incomplete(_) => return Ok(Run::Incomplete),
            };
            ev = next;
            start = s;
            end = e;
        }
    }
}

/// What a text run gave.
pub(super) enum Run<'a> {
    Text(Text<'a>),
    Skipped,
    Incomplete,
}
