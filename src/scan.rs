//! The scanner of the push parser: finds, incrementally and byte by byte,
//! where the pending token at the start of the unread tail may end, so the
//! tokenizer is called again only when it can make progress.

/// Where the scanner is in the pending token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Scan {
    /// Nothing read yet.
    #[default]
    Start,
    /// `<` at the start.
    Lt,
    /// In a start tag, outside quotes (0) or inside the quote byte.
    Tag(u8),
    /// In an end tag.
    EndTag,
    /// In a processing instruction; true after a `?`.
    Pi(bool),
    /// `<!` and how much of `--` or `[CDATA[` follows.
    Bang,
    BangDash,
    BangCdata(u8),
    /// In a comment, counting the `-` just read (at most 2).
    Comment(u8),
    /// In a DOCTYPE or other `<!` markup, counting `[` depth.
    Doctype(u32),
    /// In a run of text (with references, CDATA, comments, PIs inside).
    Run(RunScan),
    /// The pending token may be complete.
    Done,
}

/// Where the scanner is in a text run: the run ends at the end of the next
/// start or end tag (the tokenizer needs that tag to know the run ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunScan {
    Text,
    Lt,
    Bang,
    BangDash,
    BangCdata(u8),
    Comment(u8),
    /// In CDATA, counting the `]` just read (at most 2).
    Cdata(u8),
    Pi(bool),
}

const CDATA_OPEN: &[u8] = b"[CDATA[";

/// Finds, incrementally, where the pending token may end.
#[derive(Debug, Default)]
pub(crate) struct Finder {
    scan: Scan,
}

impl Finder {
    /// Scans more bytes of the pending token; true when it may be complete.
    pub(crate) fn scan(&mut self, bytes: &[u8]) -> bool {
        for &b in bytes {
            if self.scan == Scan::Done {
                return true;
            }
            self.scan = step(self.scan, b);
        }
        self.scan == Scan::Done
    }
}

fn step(scan: Scan, b: u8) -> Scan {
    match scan {
        Scan::Start => match b {
            b'<' => Scan::Lt,
            _ => Scan::Run(RunScan::Text),
        },
        Scan::Lt => match b {
            b'/' => Scan::EndTag,
            b'!' => Scan::Bang,
            b'?' => Scan::Pi(false),
            _ => Scan::Tag(0),
        },
        Scan::Tag(0) => match b {
            b'"' | b'\'' => Scan::Tag(b),
            b'>' => Scan::Done,
            _ => Scan::Tag(0),
        },
        Scan::Tag(q) => Scan::Tag(if b == q { 0 } else { q }),
        Scan::EndTag => {
            if b == b'>' {
                Scan::Done
            } else {
                Scan::EndTag
            }
        }
        Scan::Pi(question) => match b {
            b'>' if question => Scan::Done,
            _ => Scan::Pi(b == b'?'),
        },
        Scan::Bang => match b {
            b'-' => Scan::BangDash,
            b'[' => Scan::BangCdata(1),
            _ => step(Scan::Doctype(0), b),
        },
        Scan::BangDash => match b {
            b'-' => Scan::Comment(0),
            _ => step(Scan::Doctype(0), b),
        },
        Scan::BangCdata(k) => {
            if CDATA_OPEN.get(usize::from(k)) == Some(&b) {
                if usize::from(k) + 1 == CDATA_OPEN.len() {
                    Scan::Run(RunScan::Cdata(0))
                } else {
                    Scan::BangCdata(k + 1)
                }
            } else {
                step(Scan::Doctype(0), b)
            }
        }
        Scan::Comment(dashes) => match b {
            b'>' if dashes >= 2 => Scan::Done,
            b'-' => Scan::Comment((dashes + 1).min(2)),
            _ => Scan::Comment(0),
        },
        Scan::Doctype(depth) => match b {
            b'[' => Scan::Doctype(depth.saturating_add(1)),
            b']' => Scan::Doctype(depth.saturating_sub(1)),
            b'>' if depth == 0 => Scan::Done,
            _ => Scan::Doctype(depth),
        },
        Scan::Run(run) => step_run(run, b),
        Scan::Done => Scan::Done,
    }
}

fn step_run(run: RunScan, b: u8) -> Scan {
    let next = match run {
        RunScan::Text => match b {
            b'<' => RunScan::Lt,
            _ => RunScan::Text,
        },
        RunScan::Lt => match b {
            b'!' => RunScan::Bang,
            b'?' => RunScan::Pi(false),
            // a start or end tag ends the run: wait for its end
            b'/' => return Scan::EndTag,
            _ => return Scan::Tag(0),
        },
        RunScan::Bang => match b {
            b'-' => RunScan::BangDash,
            b'[' => RunScan::BangCdata(1),
            _ => return step(Scan::Doctype(0), b),
        },
        RunScan::BangDash => match b {
            b'-' => RunScan::Comment(0),
            _ => return step(Scan::Doctype(0), b),
        },
        RunScan::BangCdata(k) => {
            if CDATA_OPEN.get(usize::from(k)) == Some(&b) {
                if usize::from(k) + 1 == CDATA_OPEN.len() {
                    RunScan::Cdata(0)
                } else {
                    RunScan::BangCdata(k + 1)
                }
            } else {
                return step(Scan::Doctype(0), b);
            }
        }
        RunScan::Comment(dashes) => match b {
            b'>' if dashes >= 2 => RunScan::Text,
            b'-' => RunScan::Comment((dashes + 1).min(2)),
            _ => RunScan::Comment(0),
        },
        RunScan::Cdata(brackets) => match b {
            b'>' if brackets >= 2 => RunScan::Text,
            b']' => RunScan::Cdata((brackets + 1).min(2)),
            _ => RunScan::Cdata(0),
        },
        RunScan::Pi(question) => match b {
            b'>' if question => RunScan::Text,
            _ => RunScan::Pi(b == b'?'),
        },
    };
    Scan::Run(next)
}
