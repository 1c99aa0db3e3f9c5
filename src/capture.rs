//! Bytes of a body kept by the push parser (the result, an `<Error>`, the
//! rest of a success), as they arrive in chunks: shared with a chunk where
//! it is large, copied into blocks of a fixed size otherwise, and joined
//! once, exactly sized, when they are asked for. Nothing grows by doubling:
//! what is kept costs its length, plus one block.

use std::collections::VecDeque;

/// The most bytes of a body kept in [`HttpResponse::body_snippet`](crate::HttpResponse::body_snippet).
pub const SNIPPET_MAX: usize = 256;

/// The size of the buffer the pull parsers read into: the chunk size of
/// [`Options::parse_reader`](crate::Options::parse_reader) and `Options::parse_async`.
pub(crate) const READ_CHUNK: usize = 16 << 10;

use bytes::Bytes;

/// Copied bytes go into blocks of this size.
const BLOCK: usize = 64 << 10;

/// A shared piece shorter than this is copied instead, unless it is the
/// first: a chunk fed a few bytes at a time must not cost a `Bytes` handle
/// per few bytes, and a result within one chunk shares its memory.
const SHARE_FROM: usize = 4 << 10;

/// The bytes of a body from offset `start` on.
#[derive(Debug)]
pub(crate) struct Capture {
    start: u64,
    /// Full blocks and shared pieces, in order.
    pieces: VecDeque<Bytes>,
    /// The block being filled: at most [`BLOCK`] bytes, its capacity too.
    block: Vec<u8>,
    len: u64,
}

impl Capture {
    pub(crate) fn new(start: u64) -> Self {
        Capture {
            start,
            pieces: VecDeque::new(),
            block: Vec::new(),
            len: 0,
        }
    }

    /// Where the bytes start in the body.
    pub(crate) fn start(&self) -> u64 {
        self.start
    }

    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// Drops the bytes before offset `start`.
    pub(crate) fn advance(&mut self, start: u64) {
        let mut drop = start.saturating_sub(self.start).min(self.len);
        self.start += drop;
        self.len -= drop;
        while drop > 0 {
            let Some(first) = self.pieces.front_mut() else {
                // what is left is in the block
                let n = usize::try_from(drop)
                    .unwrap_or(usize::MAX)
                    .min(self.block.len());
                self.block.drain(..n);
                return;
            };
            let n = usize::try_from(drop).unwrap_or(usize::MAX);
            if n >= first.len() {
                drop -= first.len() as u64;
                self.pieces.pop_front();
            } else {
                *first = first.slice(n..);
                drop = 0;
            }
        }
    }

    /// Appends `bytes`, shared with `chunk` (which holds them) when given
    /// and worth it.
    pub(crate) fn append(&mut self, bytes: &[u8], chunk: Option<&Bytes>) {
        if bytes.is_empty() {
            return;
        }
        self.len += bytes.len() as u64;
        let first = self.pieces.is_empty() && self.block.is_empty();
        if let Some(chunk) = chunk
            && (first || bytes.len() >= SHARE_FROM)
        {
            self.seal();
            self.pieces.push_back(chunk.slice_ref(bytes));
            return;
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.block.len() == BLOCK {
                self.seal();
            }
            let (now, later) = rest.split_at((BLOCK - self.block.len()).min(rest.len()));
            // grown by doubling up to a block, never past it
            let len = self.block.len();
            if self.block.capacity() - len < now.len() {
                let want = (len + now.len()).max(2 * self.block.capacity()).min(BLOCK);
                self.block.reserve_exact(want - len);
            }
            self.block.extend_from_slice(now);
            rest = later;
        }
    }

    /// Moves the block being filled into the pieces.
    fn seal(&mut self) {
        if !self.block.is_empty() {
            let block = std::mem::take(&mut self.block);
            self.pieces.push_back(Bytes::from(block));
        }
    }

    /// The bytes, in one buffer: the one piece itself, or the pieces joined
    /// into a buffer of exactly their length.
    pub(crate) fn into_bytes(mut self) -> (u64, Bytes) {
        self.seal();
        if self.pieces.len() <= 1 {
            return (self.start, self.pieces.pop_front().unwrap_or_default());
        }
        let mut joined = Vec::with_capacity(usize::try_from(self.len).unwrap_or(0));
        // each piece is freed as soon as it is copied
        while let Some(piece) = self.pieces.pop_front() {
            joined.extend_from_slice(&piece);
        }
        (self.start, Bytes::from(joined))
    }

    /// Shares the bytes joined (see [`Self::into_bytes`]), keeping them.
    pub(crate) fn share(&mut self) -> Bytes {
        let (start, bytes) = std::mem::replace(self, Capture::new(self.start)).into_bytes();
        *self = Capture {
            start,
            pieces: VecDeque::from([bytes.clone()]),
            block: Vec::new(),
            len: bytes.len() as u64,
        };
        bytes
    }
}
