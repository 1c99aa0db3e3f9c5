//! Text values: assembled from the pieces of a text run (literal text,
//! references, CDATA), untrimmed, remembering which edge whitespace was
//! literal, then trimmed by the consumer's policy.

use std::borrow::Cow;

use crate::Whitespace;

/// XML's whitespace: space, tab, line feed, carriage return (all ASCII).
pub(crate) fn is_xml_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Bytes of XML whitespace at the start of `s`.
fn ws_lead(s: &str) -> usize {
    s.bytes().take_while(|&b| is_xml_ws(b)).count()
}

/// Bytes of XML whitespace at the end of `s`.
fn ws_trail(s: &str) -> usize {
    s.bytes().rev().take_while(|&b| is_xml_ws(b)).count()
}

/// `s` without XML whitespace at either end. XML's whitespace is ASCII, so
/// bytes are compared, not characters (`str::trim_matches` decodes each).
pub(crate) fn trim_xml_ws(s: &str) -> &str {
    let lead = ws_lead(s);
    let trail = ws_trail(&s[lead..]);
    &s[lead..s.len() - trail]
}

/// Trims XML whitespace at both ends of a `Cow` without copying.
pub(crate) fn trim_cow(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(trim_xml_ws(b)),
        Cow::Owned(mut o) => {
            // in place: no second buffer for a padded value
            let lead = ws_lead(&o);
            let trail = ws_trail(&o[lead..]);
            o.truncate(o.len() - trail);
            o.drain(..lead);
            Cow::Owned(o)
        }
    }
}

/// Normalises literal line ends as XML 1.0 says: `\r\n` and `\r` become `\n`.
pub(crate) fn normalize_eol(s: &str) -> Cow<'_, str> {
    // memchr's vector search: every text piece is looked through
    if memchr::memchr(b'\r', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            out.push('\n');
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One text value, assembled from all its pieces, untrimmed.
#[derive(Debug, Default, Clone)]
pub(crate) struct Text<'a> {
    value: Cow<'a, str>,
    /// Bytes at the start that are whitespace written literally.
    lead: usize,
    /// Bytes at the end that are whitespace written literally.
    trail: usize,
    /// True until a non-literal piece or a non-whitespace character is seen:
    /// the whole value so far is literal whitespace.
    all_literal_ws: bool,
}

impl<'a> Text<'a> {
    pub(crate) fn new() -> Self {
        Text {
            value: Cow::Borrowed(""),
            lead: 0,
            trail: 0,
            all_literal_ws: true,
        }
    }

    fn append(&mut self, piece: Cow<'a, str>) {
        if matches!(self.value, Cow::Borrowed("")) {
            self.value = piece;
        } else {
            self.value.to_mut().push_str(&piece);
        }
    }

    /// Appends literal text (from a text event or CDATA), line ends normalised.
    /// CDATA is literal in the source but its whitespace is data: pass
    /// `cdata = true`.
    pub(crate) fn push_literal(&mut self, raw: Cow<'a, str>, cdata: bool) {
        if raw.is_empty() {
            return;
        }
        let piece = match raw {
            Cow::Borrowed(b) => normalize_eol(b),
            Cow::Owned(o) => match normalize_eol(&o) {
                Cow::Borrowed(_) => Cow::Owned(o),
                Cow::Owned(n) => Cow::Owned(n),
            },
        };
        if cdata {
            self.all_literal_ws = false;
            self.trail = 0;
        } else {
            let ws_end = ws_trail(&piece);
            let trimmed_end = piece.len() - ws_end;
            if self.all_literal_ws {
                let ws_start = ws_lead(&piece);
                self.lead += ws_start;
                if ws_start < piece.len() {
                    self.all_literal_ws = false;
                }
            }
            if trimmed_end == 0 {
                self.trail += piece.len();
            } else {
                self.trail = ws_end;
            }
        }
        self.append(piece);
    }

    /// Makes room for `additional` more bytes (the value becomes owned).
    pub(crate) fn reserve(&mut self, additional: usize) {
        match &mut self.value {
            Cow::Borrowed(b) => {
                let mut owned = String::with_capacity(b.len() + additional);
                owned.push_str(b);
                self.value = Cow::Owned(owned);
            }
            Cow::Owned(o) => o.reserve(additional),
        }
    }

    /// Appends a decoded reference (`&amp;`, `&#32;`): data, never trimmed by `auto`.
    pub(crate) fn push_char(&mut self, c: char) {
        self.all_literal_ws = false;
        self.trail = 0;
        let mut buf = [0u8; 4];
        let s: &str = c.encode_utf8(&mut buf);
        self.value.to_mut().push_str(s);
    }

    /// The value, untrimmed.
    pub(crate) fn as_str(&self) -> &str {
        &self.value
    }

    /// Detaches the value from the bytes it was read from.
    pub(crate) fn into_owned(self) -> Text<'static> {
        Text {
            value: Cow::Owned(self.value.into_owned()),
            lead: self.lead,
            trail: self.trail,
            all_literal_ws: self.all_literal_ws,
        }
    }

    /// The value with every edge of XML whitespace trimmed (envelope fields).
    pub(crate) fn trimmed(self) -> Cow<'a, str> {
        trim_cow(self.value)
    }

    /// The value under a whitespace policy (result values).
    pub(crate) fn with_policy(self, policy: Whitespace) -> Cow<'a, str> {
        match policy {
            Whitespace::Keep => self.value,
            Whitespace::Trim => self.trimmed(),
            Whitespace::Auto => {
                let len = self.value.len();
                let lead = self.lead.min(len);
                let trail = self.trail.min(len - lead);
                let lead_nl = self.value[..lead].contains('\n');
                let trail_nl = self.value[len - trail..].contains('\n');
                if !(lead_nl || trail_nl) || (lead == 0 && trail == 0) {
                    return self.value;
                }
                match self.value {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[lead..len - trail]),
                    Cow::Owned(mut o) => {
                        o.truncate(len - trail);
                        o.drain(..lead);
                        Cow::Owned(o)
                    }
                }
            }
        }
    }
}
