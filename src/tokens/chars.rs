//! Well-formedness of names and characters, which quick-xml does not check:
//! a tag's name is a namespace `QName`, character data holds only XML
//! `Char`s and no `]]>`, a comment no `--`; and the encoding a declaration
//! names, for the error of a body that is not UTF-8.

use quick_xml::events::BytesDecl;

use crate::error::{ErrorKind, SyntaxFault};

/// XML 1.0 `Char` production.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// ASCII bytes that may start a name (`NAME_START`) and go on one
/// (`NAME_CHAR`), as XML's `NameStartChar` and `NameChar` say, `:` aside.
pub(super) const NAME_START: u8 = 1;

pub(super) const NAME_CHAR: u8 = 2;

#[allow(clippy::cast_possible_truncation)] // `i` < 128
pub(super) static ASCII_NAME: [u8; 256] = {
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
pub(super) fn is_name_start(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// XML's `NameChar` past ASCII that is not a `NameStartChar`.
pub(super) fn is_name_extra(c: char) -> bool {
    matches!(c, '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `name` is an XML `Name` without `:` (an `NCName`): what the
/// parser reads back as the same local name.
pub(crate) fn is_ncname(name: &str) -> bool {
    !name.is_empty() && qname_local(name) == Some(0)
}

/// Where the local part of `qname` starts (after its `prefix:`), if it is
/// a name: a namespace `QName` (`name` or `prefix:name`, each part an XML
/// `Name` without `:`), so not `1x`, `-x`, `a&b`, `a"b`, `:`, `a:` nor
/// `a:b:c`. A byte loop over the name alone: an ASCII name without a
/// prefix (nearly every name in an AWS body) costs one table look-up a
/// byte; others take [`qname_local_slow`].
#[inline]
pub(super) fn qname_local(qname: &str) -> Option<usize> {
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
pub(super) fn qname_local_slow(qname: &str) -> Option<usize> {
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
pub(super) static TEXT_SUSPECT: [bool; 256] = {
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
pub(super) fn char_fault(data: &[u8], text: bool) -> Option<(usize, ErrorKind)> {
    data.iter()
        .enumerate()
        .filter(|&(_, &b)| TEXT_SUSPECT[usize::from(b)])
        .find_map(|(at, _)| fault_at(data, at, text))
}

/// The fault, if any, that the suspect byte at `at` begins.
#[cold]
pub(super) fn fault_at(data: &[u8], at: usize, text: bool) -> Option<(usize, ErrorKind)> {
    {
        match data[at] {
            b'>' => {
                if text && at >= 2 && &data[at - 2..at] == b"]]" {
                    return Some((at - 2, ErrorKind::Syntax(SyntaxFault::CdataEndInText)));
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
pub(super) fn may_hold_char_faults(input: &[u8]) -> bool {
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
pub(super) fn comment_fault(content: &[u8], chars: bool) -> Option<(usize, ErrorKind)> {
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
        (Some(d), _) => Some((d, ErrorKind::Syntax(SyntaxFault::DoubleHyphenInComment))),
        (None, chars) => chars,
    }
}

/// The encoding an XML declaration names, unless it is UTF-8: named in an
/// error only when it is an `EncName` of at most 40 bytes (letters,
/// digits, `.`, `_`, `-`), so that no other body text reaches a message.
pub(super) fn declared_encoding(decl: &BytesDecl<'_>) -> Option<String> {
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
