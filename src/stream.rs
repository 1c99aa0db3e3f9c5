//! Streaming input: a push parser fed with chunks as they arrive, and the
//! pull parsers over `Read` (and `tokio`'s `AsyncRead`) built on it.
//!
//! quick-xml cannot resume an event cut by the end of its input, so the push
//! parser keeps the unfinished tail between feeds and hands the tokenizer
//! only slices it can read: the tokenizer reads every complete token, stops
//! at the first one the slice holds only the start of ([`Stop::NeedMore`]),
//! and its state (open elements, offsets) carries on into the next slice.
//! The tail is read again only once it has doubled since the tokenizer last
//! stopped in it: whatever the body and however it is cut, the bytes read
//! again add up to at most its length, so every input path is linear. Reading
//! at any of those points is reading one chunking of the body, which gives
//! what the whole body gives.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::capture::Capture;
use crate::de::pull::{self, Found};
use crate::envelope::Machine;
use crate::error::{Error, Limit};
use crate::pass::{Detached, NoResult, Stop, UntilActionRoot, drive};
use crate::success::Success;
use crate::tokens::{State, Tokenizer};
use crate::{Options, Response};

/// Keeps the bytes of `read` (from offset `at`) that lie in `window`
/// (from its start, to its end once known).
fn keep(
    capture: &mut Option<Capture>,
    window: Option<(u64, Option<u64>)>,
    at: u64,
    read: &[u8],
    chunk: Option<&Bytes>,
) {
    let Some((start, end)) = window else {
        *capture = None;
        return;
    };
    let cap = capture.get_or_insert_with(|| Capture::new(start));
    cap.advance(start);
    let from = (cap.start() + cap.len()).max(at);
    let to = end.unwrap_or(u64::MAX).min(at + read.len() as u64);
    if from < to {
        let range = usize::try_from(from - at).unwrap_or(0)..usize::try_from(to - at).unwrap_or(0);
        if let Some(bytes) = read.get(range) {
            cap.append(bytes, chunk);
        }
    }
}

/// What the parser is given to read: a chunk (its bytes can be shared), a
/// borrowed slice, or its own tail.
#[derive(Clone, Copy)]
enum Input<'c> {
    Chunk(&'c Bytes),
    Slice(&'c [u8]),
    Tail,
}

/// A push parser: feed it the body in chunks as they arrive, then
/// [`finish`](StreamParser::finish). It gives the same [`Response`] as
/// [`parse`](crate::parse) on the joined body, and the same [`Error`], with
/// the same offset, whatever the chunks.
///
/// A chunk may end anywhere (inside a tag, an entity, a CDATA marker, a
/// UTF-8 character, between `\r` and `\n`): incomplete input is a state,
/// not an error. Between feeds the parser keeps only the unfinished tail
/// (bounded by the [`Limits`](crate::Limits) on tokens and values), the open
/// elements, the errors and request id found so far, and, unless
/// [`Options::skip_result`] is set, the bytes of the result: from the
/// moment an `<XResponse>` root opens, the rest of the body is kept as it
/// comes and read once, at the end, by [`finish`](StreamParser::finish) or
/// by [`finish_as`](StreamParser::finish_as) straight into the caller's type.
///
/// The result shares the memory of the [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html) chunk it lies in when it
/// lies in one (a kept [`Response`] then pins that chunk); a result that
/// spans chunks is copied once into one buffer. Envelope fields (codes,
/// messages, request id) are small and always copied.
///
/// # Examples
///
/// ```
/// use aws_query_xml::StreamParser;
/// use bytes::Bytes;
///
/// let mut parser = StreamParser::new();
/// for chunk in [
///     &b"<ErrorResponse><Error><Code>Throt"[..],
///     b"tling</Code><Message>Rate exceeded</Message></Error><Req",
///     b"uestId>r-1</RequestId></ErrorResponse>",
/// ] {
///     parser.feed(Bytes::copy_from_slice(chunk))?;
/// }
/// let response = parser.finish()?;
/// assert_eq!(response.service_error().unwrap().code().as_str(), "Throttling");
/// assert_eq!(response.request_id(), Some("r-1"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub struct StreamParser {
    pub(crate) options: Options,
    machine: Machine<'static>,
    /// The tokenizer's state; `None` until the first slice.
    state: Option<State>,
    /// Unread bytes, from offset `offset` of the body.
    tail: Vec<u8>,
    offset: u64,
    /// The tail is read again once it holds this many bytes: twice what it
    /// held when the tokenizer last stopped inside its pending token.
    retry_at: usize,
    capture: Option<Capture>,
    /// The bytes of the primary `<Error>` (for `ServiceError::detail_as`).
    error_capture: Option<Capture>,
    /// The rest of a success's body, from its root's content on, kept
    /// unread (unless [`Options::skip_result`]): the result is kept whole
    /// anyway, so it is read once, at the end, by the consumer the caller
    /// chose then ([`StreamParser::finish`] or `finish_as`).
    rest: Option<Capture>,
    /// The first error: every later call gives it again.
    failed: Option<Error>,
    /// The first bytes fed, for `finish_http`'s body snippet.
    pub(crate) head: Vec<u8>,
}

impl std::fmt::Debug for StreamParser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamParser")
            .field("options", &self.options)
            .field("bytes_fed", &self.bytes_fed())
            .field("pending", &self.tail.len())
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl Default for StreamParser {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamParser {
    /// A push parser with the default [`Options`].
    pub fn new() -> Self {
        Options::new().stream()
    }

    pub(crate) fn with_options(options: Options) -> Self {
        StreamParser {
            options,
            machine: Machine::new(options.limits),
            state: None,
            tail: Vec::new(),
            offset: 0,
            retry_at: 0,
            capture: None,
            error_capture: None,
            rest: None,
            failed: None,
            head: Vec::new(),
        }
    }

    /// Bytes fed so far.
    pub fn bytes_fed(&self) -> u64 {
        self.offset + self.tail.len() as u64 + self.rest.as_ref().map_or(0, Capture::len)
    }

    /// Feeds the next chunk. When nothing is pending, the chunk is read in
    /// place (the result can share its memory); otherwise it is appended to
    /// the unfinished tail.
    ///
    /// # Errors
    ///
    /// An [`Error`] as soon as the body is known not to be an AWS response
    /// (malformed XML, a refused construct, a limit); the same error is
    /// given by every later call. Incomplete input is never an error here.
    /// The content of an `<XResponse>` root is read by `finish` unless
    /// [`Options::skip_result`] is set (see [`StreamParser`]): an error in
    /// it comes from `finish`, with the same offset.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::StreamParser;
    /// use bytes::Bytes;
    ///
    /// let mut parser = StreamParser::new();
    /// parser.feed(Bytes::from_static(b"<ErrorResponse><Err"))?; // cut inside a tag: fine
    /// assert_eq!(parser.bytes_fed(), 19);
    /// // a malformed body fails as soon as it is known, with the offset
    /// let err = parser.feed(Bytes::from_static(b"or></Oops>")).unwrap_err();
    /// assert!(err.is_malformed());
    /// assert_eq!(err.offset(), Some(22));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    #[allow(clippy::needless_pass_by_value)] // takes chunks as body streams yield them
    pub fn feed(&mut self, chunk: Bytes) -> Result<(), Error> {
        self.feed_input(Input::Chunk(&chunk), &chunk)
    }

    /// Feeds the next chunk from a borrowed slice; see [`feed`](Self::feed).
    ///
    /// # Errors
    ///
    /// As [`feed`](Self::feed).
    pub fn feed_slice(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.feed_input(Input::Slice(chunk), chunk)
    }

    fn feed_input(&mut self, input: Input<'_>, bytes: &[u8]) -> Result<(), Error> {
        if self.head.len() < crate::capture::SNIPPET_MAX {
            let take = (crate::capture::SNIPPET_MAX - self.head.len()).min(bytes.len());
            self.head.extend_from_slice(&bytes[..take]);
        }
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        if bytes.is_empty() {
            return Ok(());
        }
        if let Some(rest) = &mut self.rest {
            let chunk = match input {
                Input::Chunk(c) => Some(c),
                _ => None,
            };
            rest.append(bytes, chunk);
            return Ok(());
        }
        // the body's first bytes tell its encoding (a BOM, UTF-16): wait for them
        let at_start = self.offset == 0 && self.tail.len() + bytes.len() < 4;
        let result = if at_start {
            self.tail.extend_from_slice(bytes);
            Ok(())
        } else if self.tail.is_empty() {
            self.read(input, true)
        } else {
            self.tail.extend_from_slice(bytes);
            let ready = self.tail.len() >= self.retry_at;
            let cap = self
                .options
                .limits
                .max_token_bytes
                .saturating_add(self.options.limits.max_value_bytes);
            if ready || self.tail.len() > cap {
                self.read(Input::Tail, true).and_then(|()| {
                    if self.tail.len() > cap {
                        // every token in it is over a limit: the tokenizer says which
                        Err(Error::over(
                            Limit::TokenBytes,
                            &self.options.limits,
                            self.offset,
                        ))
                    } else {
                        Ok(())
                    }
                })
            } else {
                Ok(())
            }
        };
        if let Err(e) = &result {
            self.failed = Some(e.clone());
        }
        result
    }

    /// Reads what it can of `input`; keeps the rest as the tail.
    fn read(&mut self, input: Input<'_>, partial: bool) -> Result<(), Error> {
        let StreamParser {
            options,
            machine,
            state,
            tail,
            offset,
            capture,
            error_capture,
            ..
        } = self;
        let bytes: &[u8] = match input {
            Input::Chunk(c) => c,
            Input::Slice(s) => s,
            Input::Tail => tail,
        };
        let resumed = state.take().unwrap_or_else(State::document);
        let mut tokens = Tokenizer::resume(bytes, options.limits, resumed, partial)?;
        let mut stop = if options.skip_result || !partial {
            drive(&mut tokens, &mut Detached(machine), &mut NoResult)?
        } else {
            drive(&mut tokens, &mut Detached(machine), &mut UntilActionRoot)?
        };
        let mut deferred = false;
        if matches!(stop, Stop::Paused) {
            match tokens.boundary() {
                Some(at) => {
                    deferred = true;
                    stop = Stop::NeedMore { consumed: at };
                }
                // in the middle of a token (`<XResponse/>`): read on
                None => stop = drive(&mut tokens, &mut Detached(machine), &mut NoResult)?,
            }
        }
        let consumed = match stop {
            Stop::NeedMore { consumed } => consumed,
            Stop::End | Stop::Paused => bytes.len() as u64,
        };
        *state = Some(tokens.into_state(consumed));
        let consumed = usize::try_from(consumed)
            .unwrap_or(bytes.len())
            .min(bytes.len());
        if !options.skip_result {
            let chunk = match input {
                Input::Chunk(c) => Some(c),
                _ => None,
            };
            let read = &bytes[..consumed];
            keep(capture, machine.capture_window(), *offset, read, chunk);
            keep(error_capture, machine.error_window(), *offset, read, chunk);
        }
        *offset += consumed as u64;
        if deferred {
            let chunk = match input {
                Input::Chunk(c) => Some(c),
                _ => None,
            };
            let mut rest = Capture::new(*offset);
            rest.append(&bytes[consumed..], chunk);
            if let Input::Tail = input {
                tail.clear();
            }
            self.rest = Some(rest);
            self.retry_at = 0;
            return Ok(());
        }
        match input {
            Input::Tail => {
                tail.drain(..consumed);
            }
            Input::Chunk(c) => tail.extend_from_slice(&c[consumed..]),
            Input::Slice(s) => tail.extend_from_slice(&s[consumed..]),
        }
        // an unfinished token is read again once the tail has doubled, so
        // the bytes read again add up to at most the body's length, however
        // it is cut (a 1 MB tag fed a byte at a time is read about 20 times)
        self.retry_at = self.tail.len().saturating_mul(2);
        Ok(())
    }

    /// Ends the input: reads the tail and gives the response.
    ///
    /// # Errors
    ///
    /// The [`Error`] [`parse`](crate::parse) gives for the joined body: a
    /// body that ends too early gives the same truncation error, at the same
    /// offset.
    pub fn finish(mut self) -> Result<Response<'static>, Error> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        match self.rest.take() {
            Some(rest) => {
                let (_, rest) = rest.into_bytes();
                self.read(Input::Chunk(&rest), false)?;
            }
            None => self.read(Input::Tail, false)?,
        }
        let options = self.options;
        let findings = self.machine.finish()?;
        let captured = self.capture.map(Capture::into_bytes);
        let captured = if options.skip_result {
            None
        } else {
            Some(captured.unwrap_or((0, Bytes::new())))
        };
        let captured_error = self.error_capture.map(Capture::into_bytes);
        Ok(findings.into_stream_response(captured, captured_error, options))
    }
}

impl StreamParser {
    /// `finish_as`'s one pass: the typed result pulled from the rest of the
    /// body, read for the first time; `None` when there is no such rest or
    /// the tree must decide (the rest is then still there to read).
    pub(crate) fn finish_pulled<T: DeserializeOwned>(&mut self) -> Option<Success<T>> {
        if self.failed.is_some() {
            return None;
        }
        // shared, to be read again should the pull give up
        let bytes = self.rest.as_mut()?.share();
        let tokens =
            Tokenizer::resume(&bytes, self.options.limits, self.state.clone()?, false).ok()?;
        match pull::pull::<T>(tokens, self.machine.clone(), self.options)? {
            Found::Success(findings, value) => Some(Success::from_findings(value, &findings)),
            Found::Ended(_) => None,
        }
    }
}

impl StreamParser {
    /// Feeds what one `read` of a reader gave: the one step of every pull
    /// parser (blocking and async alike). `Ok(true)` at the end of the body.
    pub(crate) fn feed_read(
        &mut self,
        read: std::io::Result<usize>,
        buf: &[u8],
    ) -> Result<bool, Error> {
        match read {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Ok(false),
            Err(e) => Err(Error::io(e, self.bytes_fed())),
            Ok(0) => Ok(true),
            Ok(n) => {
                self.feed_slice(&buf[..n.min(buf.len())])?;
                Ok(false)
            }
        }
    }
}
