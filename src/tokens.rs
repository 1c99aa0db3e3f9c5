//! The token layer: the only code that touches quick-xml.
//!
//! It turns quick-xml events into a small vocabulary of our own (open an
//! element by local name, a complete text value, close, end of document),
//! keeps byte offsets, enforces the limits, refuses DOCTYPE, checks that
//! start and end tags match and that there is exactly one root. Everything
//! above it is independent of quick-xml's API.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesDecl, BytesRef, BytesText, Event};
use quick_xml::reader::Reader;

use crate::Limits;
use crate::error::{Category, Error, ErrorKind, Limit, element_name};
use crate::text::{Text, is_xml_ws};

/// One token.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// A start tag (or the start of an empty-element tag).
    Open {
        /// Local name: the qualified name without its `prefix:`.
        local: &'a str,
        /// Offset of the local name.
        local_at: u64,
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

/// XML whitespace (`S`): space, tab, line feed, carriage return.
/// XML 1.0 `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// ASCII bytes that may start a name (`NAME_START`) and go on one
/// (`NAME_CHAR`), as XML's `NameStartChar` and `NameChar` say, `:` aside.
const NAME_START: u8 = 1;
const NAME_CHAR: u8 = 2;
#[allow(clippy::cast_possible_truncation)] // `i` < 128
static ASCII_NAME: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        table[i] = if b.is_ascii_alphabetic() || b == b'_' {
            NAME_START | NAME_CHAR
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            NAME_CHAR
        } else {
            0
        };
        i += 1;
    }
    table
};

/// XML's `NameStartChar` past ASCII.
fn is_name_start(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// XML's `NameChar` past ASCII that is not a `NameStartChar`.
fn is_name_extra(c: char) -> bool {
    matches!(c, '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Where the local part of `qname` starts (after its `prefix:`), if it is
/// a name: a namespace `QName` (`name` or `prefix:name`, each part an XML
/// `Name` without `:`), so not `1x`, `-x`, `a&b`, `a"b`, `:`, `a:` nor
/// `a:b:c`. A byte loop over the name alone: an ASCII name without a
/// prefix (nearly every name in an AWS body) costs one table look-up a
/// byte; others take [`qname_local_slow`].
#[inline]
fn qname_local(qname: &str) -> Option<usize> {
    if let Some((&first, rest)) = qname.as_bytes().split_first()
        && ASCII_NAME[usize::from(first)] & NAME_START != 0
        && rest
            .iter()
            .all(|&b| ASCII_NAME[usize::from(b)] & NAME_CHAR != 0)
    {
        return Some(0);
    }
    qname_local_slow(qname)
}

/// [`qname_local`] for a name with a prefix, a character past ASCII, or
/// a fault: characters are decoded only past ASCII.
#[cold]
fn qname_local_slow(qname: &str) -> Option<usize> {
    let bytes = qname.as_bytes();
    let mut local = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let first = i == local;
        if b < 0x80 {
            if b == b':' {
                if first || local != 0 {
                    return None;
                }
                local = i + 1;
            } else if ASCII_NAME[usize::from(b)] & if first { NAME_START } else { NAME_CHAR } == 0 {
                return None;
            }
            i += 1;
        } else {
            let c = qname.get(i..)?.chars().next()?;
            if !(is_name_start(c) || (!first && is_name_extra(c))) {
                return None;
            }
            i += c.len_utf8();
        }
    }
    (i > local).then_some(local)
}

/// Bytes that may begin a fault in character data: the C0 controls but
/// tab, line feed and carriage return; 0xEF, the lead byte of U+FFFE and
/// U+FFFF; `>`, which may end `]]>`.
static TEXT_SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = !matches!(i, 0x09 | 0x0A | 0x0D);
        i += 1;
    }
    table[0xEF] = true;
    table[b'>' as usize] = true;
    table
};

/// The first fault in literal character data (text, CDATA, a comment's or
/// a processing instruction's content), with its offset: a character XML
/// does not allow, or, with `text`, `]]>`. A byte loop that looks closer
/// only at the bytes [`TEXT_SUSPECT`] names.
fn char_fault(data: &[u8], text: bool) -> Option<(usize, ErrorKind)> {
    data.iter()
        .enumerate()
        .filter(|&(_, &b)| TEXT_SUSPECT[usize::from(b)])
        .find_map(|(at, _)| fault_at(data, at, text))
}

/// The fault, if any, that the suspect byte at `at` begins.
#[cold]
fn fault_at(data: &[u8], at: usize, text: bool) -> Option<(usize, ErrorKind)> {
    {
        match data[at] {
            b'>' => {
                if text && at >= 2 && &data[at - 2..at] == b"]]" {
                    return Some((at - 2, ErrorKind::Syntax("`]]>` in text")));
                }
            }
            0xEF => {
                if let Some(&[0xBF, last @ (0xBE | 0xBF)]) = data.get(at + 1..at + 3) {
                    let c = if last == 0xBE { '\u{FFFE}' } else { '\u{FFFF}' };
                    return Some((at, ErrorKind::InvalidChar(c)));
                }
            }
            b => return Some((at, ErrorKind::InvalidChar(char::from(b)))),
        }
    }
    None
}

/// Whether `input` may hold a character fault at all: a byte that is a C0
/// control but tab, line feed and carriage return, or 0xEF (U+FFFE and
/// U+FFFF begin with it), or `]]>`. One look at the whole slice, a vector
/// of bytes at a time (no early exit, no table, so the compiler vectorizes
/// it): a slice without any (nearly every body) skips the check of each
/// text, CDATA and comment ([`char_fault`]), which is byte by byte.
fn may_hold_char_faults(input: &[u8]) -> bool {
    // bitwise on purpose: no branch a byte, so the loop is vectorized
    #[allow(clippy::needless_bitwise_bool)]
    fn suspect(block: &[u8]) -> bool {
        let mut any = 0u8;
        for &b in block {
            let control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
            any |= u8::from(control | (b == 0xEF));
        }
        any != 0
    }
    // `]]>`: a `]` is rare in AWS bodies, and memchr finds it with no
    // searcher to set up (a substring search costs more on a small body)
    input.chunks(256).any(suspect)
        || memchr::memchr_iter(b']', input).any(|i| input[i + 1..].starts_with(b"]>"))
}

/// The first fault in a comment's content: `--` (so also a `-` before the
/// closing `-->`), or a character XML does not allow.
fn comment_fault(content: &[u8], chars: bool) -> Option<(usize, ErrorKind)> {
    let dashes = content
        .windows(2)
        .position(|w| w == b"--")
        .or_else(|| content.ends_with(b"-").then(|| content.len() - 1));
    let chars = if chars {
        char_fault(content, false)
    } else {
        None
    };
    match (dashes, chars) {
        (Some(d), Some((c, kind))) if c < d => Some((c, kind)),
        (Some(d), _) => Some((d, ErrorKind::Syntax("`--` inside a comment"))),
        (None, chars) => chars,
    }
}

/// The encoding an XML declaration names, unless it is UTF-8: named in an
/// error only when it is an `EncName` of at most 40 bytes (letters,
/// digits, `.`, `_`, `-`), so that no other body text reaches a message.
fn declared_encoding(decl: &BytesDecl<'_>) -> Option<String> {
    let name = decl.encoding()?.ok()?;
    let bytes = name.as_bytes();
    let enc_name = bytes.len() <= 40
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    let utf8 = name.eq_ignore_ascii_case("utf-8") || name.eq_ignore_ascii_case("utf8");
    (enc_name && !utf8).then(|| name.into_owned())
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
enum Read<'a> {
    Event(Event<'a>, u64, u64),
    Incomplete(u64),
}

/// The tokenizer over one slice of a body: the whole body, an element's
/// content, or one of the slices a stream is cut into.
pub(crate) struct Tokenizer<'a> {
    reader: Reader<&'a [u8]>,
    /// The slice (the reader reads it from `skip`).
    input: &'a [u8],
    /// Its longest prefix that is UTF-8, checked once: tag names are cut
    /// from it without checking each again.
    utf8: &'a str,
    /// Bytes of `input` before the reader's: a BOM, and U+FEFF characters
    /// given as text (a fresh reader would take them for a BOM).
    skip: u64,
    /// Where the U+FEFF characters start, and how many are still to give.
    feff_at: u64,
    feff: u64,
    /// Where the U+FEFF characters started (`skip` when there were none).
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
            skip: skip as u64,
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

    /// The error for a DOCTYPE at `start`: refused, except that one naming
    /// an `html` root is an HTML page, reported like an `<html>` root, as not
    /// an AWS response.
    fn doctype(&self, start: u64) -> Error {
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

    fn position(&self) -> u64 {
        self.skip + self.reader.buffer_position()
    }

    /// Reads one quick-xml event with its start and end offsets (relative to
    /// `input`); `run` is where the text run it continues began, if any.
    // measured: not inlined on its own (two callers), and every event pays
    // for the call (IAM ListUsers: 168 M to 158 M instructions, callgrind)
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn read(&mut self, run: Option<u64>) -> Result<Read<'a>, Error> {
        if let Some((ev, s, e)) = self.peeked.take() {
            return Ok(Read::Event(ev, s, e));
        }
        if self.feff > 0 {
            return self.read_feff(run);
        }
        let start = self.position();
        // text right after U+FEFF characters given as text is the same token
        let text_origin = if start == self.skip {
            self.feff_origin
        } else {
            start
        };
        let slice_end = self.input.len() as u64;
        match self.reader.read_event() {
            Ok(Event::Eof) if self.partial => Ok(Read::Incomplete(start)),
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
                    return Ok(Read::Incomplete(start));
                }
                Ok(Read::Event(ev, start, end))
            }
            Err(e) => self.read_failed(&e, start, text_origin, run),
        }
    }

    /// [`Self::read`] at a U+FEFF at the start of a slice: text, not a BOM.
    #[cold]
    fn read_feff(&mut self, run: Option<u64>) -> Result<Read<'a>, Error> {
        if self.partial && self.skip == self.input.len() as u64 {
            // only U+FEFF so far: the text may go on in the next slice
            return Ok(Read::Incomplete(self.feff_at));
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
        Ok(Read::Event(ev, s, s + BOM.len() as u64))
    }

    /// [`Self::read`] when quick-xml failed on the event at `start`: the
    /// error, a limit the event's bytes as far as read went over first, or
    /// `Incomplete` when the slice ends inside the event.
    #[cold]
    fn read_failed(
        &self,
        e: &XmlError,
        start: u64,
        text_origin: u64,
        run: Option<u64>,
    ) -> Result<Read<'a>, Error> {
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
            && err.kind() == &ErrorKind::EofInMarkup("a UTF-8 character")
            && self.cut_char_within(start, text_origin)
        {
            // whitespace, then a character cut by the end of the
            // slice, before the limit: whether that character is
            // refused or the body ends there, only more input tells
            return Ok(Read::Incomplete(start));
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
            return Ok(Read::Incomplete(start));
        }
        Err(err)
    }

    /// Whether text follows the U+FEFF characters given as text at the
    /// start of this slice: more of them, or text that is not markup or a
    /// reference.
    fn text_follows_feff(&self) -> bool {
        self.feff > 0
            || usize::try_from(self.skip)
                .ok()
                .and_then(|at| self.input.get(at))
                .is_some_and(|&b| b != b'<' && b != b'&')
    }

    /// Whether the character cut by the end of the input, in the text at
    /// `start`, begins before the token that began at `origin` goes over
    /// `max_token_bytes`.
    fn cut_char_within(&self, start: u64, origin: u64) -> bool {
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

    fn check_value(&self, start: u64, end: u64) -> Result<(), Error> {
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

    fn check_token(&self, start: u64, end: u64) -> Result<(), Error> {
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
    fn check_field(&self, origin: u64, run: u64, end: u64) -> Result<(), Error> {
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
    fn check_content(&self, ev: &Event<'_>, start: u64) -> Result<(), Error> {
        match self.content_fault(ev, start) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// [`Self::check_content`]'s error, if any.
    #[inline]
    fn content_fault(&self, ev: &Event<'_>, start: u64) -> Option<Error> {
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
    fn pi_fault(content: &[u8]) -> Option<(usize, ErrorKind)> {
        let len = content.iter().take_while(|&&b| !is_xml_ws(b)).count();
        let target = std::str::from_utf8(&content[..len]).unwrap_or_default();
        if qname_local(target).is_none() {
            let kind =
                ErrorKind::Syntax("a processing instruction whose target is not an XML name");
            return Some((0, kind));
        }
        char_fault(content, false)
    }

    fn map_xml_error(&self, e: &XmlError, start: u64, text_origin: u64) -> Error {
        let pos = self.skip + self.reader.error_position();
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
                    SyntaxError::UnclosedDoctype => return self.doctype(start),
                    SyntaxError::UnclosedCData => eof("a CDATA section"),
                    SyntaxError::UnclosedTag
                    | SyntaxError::UnclosedSingleQuotedAttributeValue
                    | SyntaxError::UnclosedDoubleQuotedAttributeValue => eof("a tag"),
                    SyntaxError::InvalidBangMarkup => {
                        // `<!` followed by the start of `--`, `[CDATA[` or
                        // `DOCTYPE` and then the end of input is truncation.
                        let after = rest(pos).get(2..).unwrap_or_default();
                        match bang_markup_departs(after) {
                            None => eof("markup"),
                            Some(_) => ErrorKind::Syntax("invalid `<!` markup"),
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
        // a body that is not UTF-8 and says so: name what it says
        let kind = match (kind, &self.state.encoding) {
            (ErrorKind::InvalidUtf8, Some(name)) => ErrorKind::DeclaredEncoding(name.clone()),
            (kind, _) => kind,
        };
        self.err(kind, at)
    }

    /// The name of a start or end tag, borrowed from the input.
    fn tag_name(&self, start: u64, skip: usize, len: usize) -> &'a str {
        let s = usize::try_from(start).unwrap_or(usize::MAX) + skip;
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
                Read::Event(ev, s, e) => (ev, s, e),
                Read::Incomplete(at) => return Ok(Token::NeedMore { consumed: at }),
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
                        local_at: self.state.consumed + start + 1 + local_at as u64,
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
                        return Err(self.err(
                            ErrorKind::Syntax("an XML declaration after the start"),
                            start,
                        ));
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

    /// The error for a tag whose name is not a name (never repeated).
    #[cold]
    fn bad_name(&self, name: &str, start: u64) -> Error {
        let kind = if name.is_empty() {
            ErrorKind::Syntax("a tag without a name")
        } else {
            ErrorKind::InvalidName
        };
        self.err(kind, start)
    }

    /// The error for an end tag whose content is not a name: a name that
    /// is not one, or a name and more (never repeated).
    #[cold]
    fn bad_end_tag(&self, found: &str, start: u64) -> Error {
        let len = found.bytes().position(is_xml_ws).unwrap_or(found.len());
        if qname_local(&found[..len]).is_none() {
            return self.bad_name(&found[..len], start);
        }
        let kind = ErrorKind::Syntax("an end tag holding more than its name");
        self.err(kind, start)
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

    /// Reads a run of text, references and CDATA (comments and processing
    /// instructions inside it are skipped), starting with `first`. Gives
    /// the assembled value in [`TextMode::Assemble`] inside an element.
    fn text_run(
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
            // U+FEFF given as text (before `skip`) that more text follows
            // ends no token: that token's length counts first, when the
            // rest of it is read
            if !(outside || (start < self.skip && self.text_follows_feff())) {
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
                Read::Event(ev, s, e) => (ev, s, e),
                // the run may go on in the next slice: read it again then
                Read::Incomplete(_) => return Ok(Run::Incomplete),
            };
            ev = next;
            start = s;
            end = e;
        }
    }

    /// Fails at the first byte of `input[start..end]` that is not whitespace
    /// and comes before the token that began at `origin` goes over
    /// `max_token_bytes` (then the limit is the first fault, on every path).
    fn refuse_outside(&self, origin: u64, start: u64, end: u64) -> Result<(), Error> {
        let within = origin.saturating_add(self.limits.max_token_bytes as u64);
        let s = usize::try_from(start).unwrap_or(usize::MAX);
        let e = usize::try_from(end.min(within)).unwrap_or(usize::MAX);
        let raw = self.input.get(s..e).unwrap_or_default();
        match raw.iter().position(|&b| !is_xml_ws(b)) {
            Some(i) => Err(self.outside_root(start + i as u64)),
            None => Ok(()),
        }
    }

    fn outside_root(&self, at: u64) -> Error {
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

/// What a text run gave.
enum Run<'a> {
    Text(Text<'a>),
    Skipped,
    Incomplete,
}

#[cfg(test)]
mod tests {
    use super::{char_fault, qname_local};

    #[test]
    fn char_faults_are_found_at_every_offset_of_a_word() {
        for bad in [
            &b"\0"[..],
            b"\x1f",
            b"\x0b",
            b"\xef\xbf\xbe",
            b"\xef\xbf\xbf",
            b"]]>",
        ] {
            for at in 0..24 {
                let mut data = b"\t\n\r \xc3\xa9\xef\xbb\xbf>]>x".repeat(3);
                data.truncate(at);
                data.extend_from_slice(bad);
                data.extend_from_slice(b"abcdefghijklmnop");
                let found = char_fault(&data, true).map(|(i, _)| i);
                assert_eq!(found, Some(at), "{bad:?} at {at}");
            }
        }
        // allowed: tab, LF, CR, `>` alone, U+FEFF, other characters after 0xEF
        let fine = "\t\n\r>]>]]x>\u{FEFF}\u{F000}\u{FFFD}é".repeat(5);
        assert_eq!(char_fault(fine.as_bytes(), true), None);
        // `]]>` is text's fault only
        assert_eq!(char_fault(b"]]>", false), None);
    }

    #[test]
    fn names_are_qnames() {
        for good in [
            "a",
            "Error",
            "soap:Envelope",
            "_x",
            "a-b.c9",
            "é",
            "ns:é·",
            "x\u{300}",
        ] {
            assert!(qname_local(good).is_some(), "{good}");
        }
        assert_eq!(qname_local("soap:Envelope"), Some(5));
        for bad in [
            "", "1x", "-x", "a&b", "a\"b", ":", "a:", ":a", "a:b:c", "a b", "·x", "a/b",
        ] {
            assert_eq!(qname_local(bad), None, "{bad}");
        }
    }
}
