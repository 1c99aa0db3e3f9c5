//! The token layer: the only code that touches quick-xml.
//!
//! It turns quick-xml events into a small vocabulary of our own (open an
//! element by local name, a complete text value, close, end of document),
//! keeps byte offsets, enforces the limits, refuses DOCTYPE, checks that
//! start and end tags match and that there is exactly one root. Everything
//! above it is independent of quick-xml's API. What is a fault and where it
//! is reported is in [`faults`] (its rules are stated at its top); names and
//! characters are checked by [`chars`].

use quick_xml::events::{BytesText, Event};
use quick_xml::reader::Reader;

use crate::Limits;
use crate::error::{Error, ErrorKind, Limit, SyntaxFault, element_name};
use crate::text::Text;

mod chars;
mod faults;
mod run;

use chars::{declared_encoding, may_hold_char_faults, qname_local};
pub(crate) use chars::{is_ncname, is_xml_char};
use run::Run;

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
    /// The slice ends inside a token (only on a slice that is not the last):
    /// the bytes from `consumed` on (relative to the slice) must be given
    /// again with more.
    NeedMore {
        /// Bytes of the slice fully read.
        consumed: u64,
    },
}

/// Whether the caller wants the next text run's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextMode {
    /// Validate the text run, but do not assemble it nor give it.
    Skip,
    /// Assemble the text run and give it as [`Token::Text`].
    Assemble,
    /// As [`TextMode::Assemble`], for an envelope field: the run's bytes
    /// also count against `max_field_bytes`, as they are read.
    Field,
}

/// Open elements a tokenizer keeps borrowed before it copies their names
/// into its [`State`]: deeper than every AWS envelope.
const OPEN_INLINE: usize = 16;

/// The UTF-8 byte order mark, and U+FEFF as text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a tokenizer keeps between the slices of one body: the open
/// elements and where the document is. It owns its names, so a stream can
/// drop the bytes it has read.
#[derive(Debug, Default, Clone)]
#[allow(clippy::struct_excessive_bools)] // four facts about the prolog and the root, not a state machine
pub(crate) struct State {
    /// Qualified names of the open elements, end to end.
    names: String,
    /// End of each open element's name in `names`.
    ends: Vec<usize>,
    /// Parsing an element's content (many top-level elements and text allowed).
    fragment: bool,
    seen_root: bool,
    root_closed: bool,
    /// A comment, processing instruction or XML declaration was read
    /// before the root: an XML declaration may come no more.
    prolog: bool,
    /// The encoding the XML declaration names, when not UTF-8 (see
    /// [`declared_encoding`]).
    encoding: Option<String>,
    /// Bytes of the body already read by earlier slices.
    consumed: u64,
}

impl State {
    pub(crate) fn document() -> Self {
        State::default()
    }

    fn depth(&self) -> usize {
        self.ends.len()
    }

    fn top(&self) -> Option<&str> {
        let end = *self.ends.last()?;
        let start = self.ends.len().checked_sub(2).map_or(0, |i| self.ends[i]);
        self.names.get(start..end)
    }

    fn push(&mut self, name: &str) {
        self.names.push_str(name);
        self.ends.push(self.names.len());
    }

    fn pop(&mut self) {
        self.ends.pop();
        self.names.truncate(self.ends.last().copied().unwrap_or(0));
    }

    /// True outside the root element of a document.
    fn outside(&self) -> bool {
        self.ends.is_empty() && !self.fragment
    }
}

/// One read from quick-xml: an event with its start and end (relative to
/// the slice), or, on a slice that is not the last, an event the slice
/// holds only the start of.
enum Step<'a> {
    Event(Event<'a>, u64, u64),
    Incomplete(u64),
}

/// The tokenizer over one slice of a body: the whole body, an element's
/// content, or one of the slices a stream is cut into.
pub(crate) struct Tokenizer<'a> {
    reader: Reader<&'a [u8]>,
    /// The slice (the reader reads it from `reader_at`).
    input: &'a [u8],
    /// Its longest prefix that is UTF-8, checked once: tag names are cut
    /// from it without checking each again.
    utf8: &'a str,
    /// Bytes of `input` before the reader's: a BOM, and U+FEFF characters
    /// given as text (a fresh reader would take them for a BOM).
    reader_at: u64,
    /// Where the U+FEFF characters start, and how many are still to give.
    feff_at: u64,
    feff: u64,
    /// Where the U+FEFF characters started (`reader_at` when there were none).
    feff_origin: u64,
    limits: Limits,
    state: State,
    /// An event read while finishing a text run, to handle next: (event, start, end).
    peeked: Option<(Event<'a>, u64, u64)>,
    /// The close half of an empty-element tag.
    pending_close: Option<u64>,
    /// The slice may hold a character fault: its texts, CDATA and comments
    /// are looked through ([`may_hold_char_faults`]).
    char_faults: bool,
    /// The names of the elements opened in this slice, above the state's
    /// (borrowed: no copy, no allocation, for the first [`OPEN_INLINE`]).
    open: [&'a str; OPEN_INLINE],
    open_len: usize,
    /// More slices follow: an incomplete token at the end is not an error.
    partial: bool,
    /// The next text run is an envelope field's ([`TextMode::Field`]).
    field: bool,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer for a whole document.
    pub(crate) fn document(body: &'a [u8], limits: Limits) -> Result<Self, Error> {
        Self::resume(body, limits, State::document(), false)
    }

    /// A tokenizer for the content of an element already checked by a
    /// document pass; `base` is the content's offset in the body.
    pub(crate) fn fragment(content: &'a [u8], base: u64, limits: Limits) -> Self {
        let state = State {
            fragment: true,
            consumed: base,
            ..State::default()
        };
        Self::with_state(content, limits, state, false, 0)
    }

    /// A tokenizer for the next slice of a body, starting where `state`
    /// left off; `partial` when more slices may follow.
    pub(crate) fn resume(
        input: &'a [u8],
        limits: Limits,
        state: State,
        partial: bool,
    ) -> Result<Self, Error> {
        let mut skip = 0;
        if state.consumed == 0 && !state.fragment {
            // a BOM, or `<` and another ASCII character in UTF-16 (`\0<`
            // alone is a NUL before a tag: not an XML character)
            if input.starts_with(&[0xFF, 0xFE])
                || input.starts_with(&[0xFE, 0xFF])
                || matches!(input, [0, b'<', 0, _, ..] | [b'<', 0, _, 0, ..])
            {
                return Err(Error::new(ErrorKind::Utf16, 0));
            }
            if input.starts_with(BOM) {
                skip = BOM.len();
            }
        }
        Ok(Self::with_state(input, limits, state, partial, skip))
    }

    /// A tokenizer over `input` from `skip`, which gives any U+FEFF found
    /// there as text (a fresh quick-xml reader would drop one as a BOM).
    fn with_state(
        input: &'a [u8],
        limits: Limits,
        state: State,
        partial: bool,
        mut skip: usize,
    ) -> Self {
        let feff_at = skip as u64;
        let mut feff = 0;
        while input[skip..].starts_with(BOM) {
            skip += BOM.len();
            feff += 1;
        }
        let mut reader = Reader::from_reader(&input[skip..]);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.expand_empty_elements = false;
        config.trim_text_start = false;
        config.trim_text_end = false;
        config.check_comments = false;
        let utf8 = match std::str::from_utf8(input) {
            Ok(all) => all,
            Err(e) => std::str::from_utf8(&input[..e.valid_up_to()]).unwrap_or_default(),
        };
        Tokenizer {
            reader,
            input,
            utf8,
            char_faults: may_hold_char_faults(input),
            reader_at: skip as u64,
            feff_at,
            feff,
            feff_origin: feff_at,
            limits,
            state,
            peeked: None,
            pending_close: None,
            open: [""; OPEN_INLINE],
            open_len: 0,
            partial,
            field: false,
        }
    }

    /// The state to resume from with the next slice, once this one has
    /// given [`Token::NeedMore`] at `consumed`.
    pub(crate) fn into_state(mut self, consumed: u64) -> State {
        self.spill();
        let mut state = self.state;
        state.consumed += consumed;
        state
    }

    /// Open elements, those of earlier slices included.
    fn depth(&self) -> usize {
        self.state.depth() + self.open_len
    }

    /// True outside the root element of a document.
    fn outside(&self) -> bool {
        self.open_len == 0 && self.state.outside()
    }

    fn push_open(&mut self, name: &'a str) {
        if self.open_len == OPEN_INLINE {
            self.spill();
        }
        self.open[self.open_len] = name;
        self.open_len += 1;
    }

    /// The innermost open element's name.
    fn top_open(&self) -> Option<&str> {
        match self.open_len {
            0 => self.state.top(),
            n => Some(self.open[n - 1]),
        }
    }

    fn pop_open(&mut self) {
        match self.open_len {
            0 => self.state.pop(),
            n => self.open_len = n - 1,
        }
    }

    /// Moves the names opened in this slice into the state, which owns them.
    fn spill(&mut self) {
        for name in &self.open[..self.open_len] {
            self.state.push(name);
        }
        self.open_len = 0;
    }

    /// Where the next token starts (relative to the slice), when nothing
    /// read is still to be given (a read-ahead event, the close half of an
    /// empty-element tag, a U+FEFF): the state there is [`Self::into_state`]'s.
    pub(crate) fn boundary(&self) -> Option<u64> {
        (self.peeked.is_none() && self.pending_close.is_none() && self.feff == 0)
            .then(|| self.position())
    }

    fn err(&self, kind: ErrorKind, at: u64) -> Error {
        Error::new(kind, self.state.consumed + at)
    }

    fn position(&self) -> u64 {
        self.reader_at + self.reader.buffer_position()
    }

    /// Reads one quick-xml event with its start and end offsets (relative to
    /// `input`); `run` is where the text run it continues began, if any.
    // measured: not inlined on its own (two callers), and every event pays
    // for the call (IAM ListUsers: 168 M to 158 M instructions, callgrind)
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn read(&mut self, run: Option<u64>) -> Result<Step<'a>, Error> {
        if let Some((ev, s, e)) = self.peeked.take() {
            return Ok(Step::Event(ev, s, e));
        }
        if self.feff > 0 {
            return self.read_feff(run);
        }
        let start = self.position();
        // text right after U+FEFF characters given as text is the same token
        let text_origin = if start == self.reader_at {
            self.feff_origin
        } else {
            start
        };
        let slice_end = self.input.len() as u64;
        match self.reader.read_event() {
            Ok(Event::Eof) if self.partial => Ok(Step::Incomplete(start)),
            Ok(ev) => {
                let end = self.position();
                let is_text = matches!(ev, Event::Text(_));
                // only text goes on from U+FEFF given as text: a reference
                // or markup is a token of its own
                let origin = if is_text { text_origin } else { start };
                if (is_text || matches!(ev, Event::GeneralRef(_))) && self.outside() {
                    // text outside the root is refused at its first byte that
                    // is not whitespace, before its length counts: every
                    // path sees that byte, however the text is cut
                    self.refuse_outside(origin, start, end)?;
                }
                if self.field
                    && (run.is_some()
                        || matches!(ev, Event::Text(_) | Event::GeneralRef(_) | Event::CData(_)))
                {
                    // an envelope field's bytes count as they arrive
                    self.check_field(origin, run.unwrap_or(origin), end)?;
                } else {
                    self.check_token(origin, end)?;
                }
                if self.partial && is_text && end == slice_end {
                    // text that reaches the end of a slice may go on in the next
                    return Ok(Step::Incomplete(start));
                }
                Ok(Step::Event(ev, start, end))
            }
            Err(e) => self.read_failed(&e, start, text_origin, run),
        }
    }

    /// [`Self::read`] at a U+FEFF at the start of a slice: text, not a BOM.
    #[cold]
    fn read_feff(&mut self, run: Option<u64>) -> Result<Step<'a>, Error> {
        if self.partial && self.reader_at == self.input.len() as u64 {
            // only U+FEFF so far: the text may go on in the next slice
            return Ok(Step::Incomplete(self.feff_at));
        }
        let s = self.feff_at;
        if self.outside() {
            self.refuse_outside(self.feff_origin, s, s + BOM.len() as u64)?;
        }
        let end = s + BOM.len() as u64;
        if self.field {
            self.check_field(self.feff_origin, run.unwrap_or(s), end)?;
        } else {
            self.check_token(self.feff_origin, end)?;
        }
        self.feff -= 1;
        self.feff_at += BOM.len() as u64;
        let ev = Event::Text(BytesText::from_escaped("\u{FEFF}"));
        Ok(Step::Event(ev, s, s + BOM.len() as u64))
    }

    /// The name of a start or end tag, borrowed from the input.
    fn tag_name(&self, start: u64, offset: usize, len: usize) -> &'a str {
        let s = usize::try_from(start).unwrap_or(usize::MAX) + offset;
        // The reader has validated the tag as UTF-8 and the name is a prefix
        // of it: cut it from the prefix known to be UTF-8 when it lies there.
        self.utf8.get(s..s + len).unwrap_or_else(|| {
            self.input
                .get(s..s + len)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default()
        })
    }

    /// The next token.
    pub(crate) fn next(&mut self, mode: TextMode) -> Result<Token<'a>, Error> {
        if let Some(at) = self.pending_close.take() {
            return Ok(self.close_top(at));
        }
        self.field = mode == TextMode::Field;
        loop {
            let (ev, start, end) = match self.read(None)? {
                Step::Event(ev, s, e) => (ev, s, e),
                Step::Incomplete(at) => return Ok(Token::NeedMore { consumed: at }),
            };
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let qname = self.tag_name(start, 1, e.name().as_ref().len());
                    let Some(local_at) = qname_local(qname) else {
                        return Err(self.bad_name(qname, start));
                    };
                    if self.outside() {
                        if self.state.root_closed {
                            return Err(self.err(ErrorKind::TrailingContent, start));
                        }
                        self.state.seen_root = true;
                    }
                    if self.depth() >= self.limits.max_depth {
                        return Err(Error::over(
                            Limit::Depth,
                            &self.limits,
                            self.state.consumed + start,
                        ));
                    }
                    self.push_open(qname);
                    if matches!(ev, Event::Empty(_)) {
                        self.pending_close = Some(end);
                    }
                    return Ok(Token::Open {
                        local: &qname[local_at..],
                        start: self.state.consumed + start,
                        end: self.state.consumed + end,
                    });
                }
                Event::End(ref e) => {
                    // quick-xml has cut the whitespace at the end
                    let found = self.tag_name(start, 2, e.name().as_ref().len());
                    // the open element's name was checked when it opened: a
                    // name equal to it is one; any other is checked first
                    if self.top_open() == Some(found) {
                        return Ok(self.close_top(start));
                    }
                    if qname_local(found).is_none() {
                        return Err(self.bad_end_tag(found, start));
                    }
                    let kind = match self.top_open() {
                        Some(expected) => ErrorKind::MismatchedEndTag {
                            expected: element_name(expected),
                            found: element_name(found),
                        },
                        None if self.state.root_closed => ErrorKind::TrailingContent,
                        None => ErrorKind::UnmatchedEndTag(element_name(found)),
                    };
                    return Err(self.err(kind, start));
                }
                Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => {
                    match self.text_run(ev, start, end, mode)? {
                        Run::Text(text) => return Ok(Token::Text(text)),
                        Run::Skipped => {}
                        Run::Incomplete => return Ok(Token::NeedMore { consumed: start }),
                    }
                }
                Event::Comment(_) | Event::PI(_) => {
                    self.check_content(&ev, start)?;
                    if !self.state.seen_root {
                        self.state.prolog = true;
                    }
                }
                Event::Decl(ref decl) => {
                    // only whitespace (and a BOM) may come before it
                    if self.state.seen_root || self.state.fragment || self.state.prolog {
                        return Err(
                            self.err(ErrorKind::Syntax(SyntaxFault::LateDeclaration), start)
                        );
                    }
                    self.state.prolog = true;
                    self.state.encoding = declared_encoding(decl);
                }
                Event::DocType(_) => return Err(self.doctype(start)),
                Event::Eof => {
                    let at = self.input.len() as u64;
                    if let Some(name) = self.top_open() {
                        return Err(self.err(ErrorKind::EofInElement(element_name(name)), at));
                    }
                    if !self.state.seen_root && !self.state.fragment {
                        return Err(self.err(ErrorKind::Empty, at));
                    }
                    return Ok(Token::Eof);
                }
            }
        }
    }

    fn close_top(&mut self, start: u64) -> Token<'a> {
        self.pop_open();
        if self.outside() {
            self.state.root_closed = true;
        }
        Token::Close {
            start: self.state.consumed + start,
        }
    }
}
