//! The well-formedness oracle (included with `#[path]`): a body `parse`
//! accepts must be well-formed XML by `roxmltree`, apart from what the
//! crate tolerates on purpose (README, `fuzz/README.md`). Those are
//! normalised away first, the way the crate reads them (quick-xml's rules
//! for where markup ends), and `roxmltree` judges the rest:
//!
//! - attribute syntax: every start tag loses its attributes (`<a b=c d>`
//!   becomes `<a>`; `/>` stays);
//! - undeclared namespace prefixes: `p:name` becomes `p.name` in start and
//!   end tags (`xmlns` attributes are gone with the others);
//! - whitespace before the XML declaration is dropped, and the
//!   declaration's pseudo-attributes become `version="1.0"`.

/// `body` with the tolerated constructs normalised away; `None` when it is
/// not UTF-8 (which `parse` never accepts).
pub fn normalise(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    if b.starts_with(b"\xEF\xBB\xBF") {
        out.push('\u{FEFF}');
        i = 3;
    }
    // whitespace, then the XML declaration
    let ws = b[i..].iter().take_while(|c| c.is_ascii_whitespace()).count();
    let decl = &b[i + ws..];
    if decl.starts_with(b"<?xml")
        && decl.get(5).is_some_and(|&c| c.is_ascii_whitespace() || c == b'?')
    {
        let end = find(decl, b"?>", 2)?;
        out.push_str("<?xml version=\"1.0\"?>");
        i += ws + end + 2;
    }
    while i < b.len() {
        let rest = &b[i..];
        let (len, piece): (usize, Option<String>) = if rest.starts_with(b"<!--") {
            (find(rest, b"-->", 4)? + 3, None)
        } else if rest.starts_with(b"<![CDATA[") {
            (find(rest, b"]]>", 9)? + 3, None)
        } else if rest.starts_with(b"<!") {
            // a DOCTYPE: `parse` refuses it; leave it to roxmltree
            (1, None)
        } else if rest.starts_with(b"<?") {
            (find(rest, b"?>", 2)? + 2, None)
        } else if rest.starts_with(b"</") {
            let end = find(rest, b">", 2)?;
            let name = text[i + 2..i + end].trim_end_matches([' ', '\t', '\r', '\n']);
            (end + 1, Some(format!("</{}>", name.replacen(':', ".", 1))))
        } else if rest.starts_with(b"<") {
            let end = tag_end(rest)?;
            let inner = &text[i + 1..i + end];
            let empty = inner.ends_with('/');
            let name_len = inner
                .bytes()
                .take_while(|c| !c.is_ascii_whitespace())
                .count();
            let mut name = &inner[..name_len];
            if empty && name_len == inner.len() {
                name = &name[..name.len() - 1];
            }
            let name = name.replacen(':', ".", 1);
            let tag = if empty { format!("<{name}/>") } else { format!("<{name}>") };
            (end + 1, Some(tag))
        } else {
            let len = rest.iter().position(|&c| c == b'<').unwrap_or(rest.len());
            (len, None)
        };
        match piece {
            Some(p) => out.push_str(&p),
            None => out.push_str(&text[i..i + len]),
        }
        i += len;
    }
    Some(out)
}

/// Where `needle` starts in `hay`, searching from `from`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The `>` that ends the start tag at the start of `tag`: the first one
/// outside quotes, as quick-xml reads it.
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in tag.iter().enumerate().skip(1) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The oracle: `body`, which `parse` accepted, is well-formed once
/// normalised.
pub fn check_well_formed(body: &[u8]) {
    let norm = normalise(body).expect("parse accepted a body that is not UTF-8");
    if let Err(e) = roxmltree::Document::parse(&norm) {
        panic!("parse accepted a body roxmltree refuses: {e}\nnormalised: {norm:?}");
    }
}
