//! Typed results pulled straight from the tokens, with no tree in between.
//!
//! [`crate::pass::drive`] reads the envelope until the `XResult` element
//! opens and pauses; `T::deserialize` then pulls the result's tokens itself
//! (each still goes through the envelope, which only counts depth there);
//! the pass then reads the rest of the envelope. This is the fast path of
//! `from_slice`: wherever serde visits the elements in document order, no
//! node is built and borrowed values come straight from the body.
//!
//! A self-describing target of the whole result (`serde_json::Value`) gets
//! `Response::result`'s tree, built from the tokens (`value.rs`).
//!
//! It gives exactly what the tree gives, or nothing: anything it cannot
//! decide in document order (a self-describing value inside the result, a
//! map target, a list whose
//! shape depends on siblings not read yet, a name repeated apart, a type that
//! does not fit, a body that is not well-formed) is a [`Fallback`], and the
//! caller reads the body again through the tree ([`super::Group`]), which
//! also words every error. A fallback costs a second pass, never a different
//! answer.

use std::collections::VecDeque;
use std::fmt;

use serde::Deserialize;
use serde::de;

use crate::envelope::Machine;
use crate::error::Error;
use crate::findings::Findings;
use crate::pass::{Flow, NoResult, Sink, Stop, drive};
use crate::text::Text;
use crate::tokens::{TextMode, Token, Tokenizer};
use crate::{Options, Response, ServiceError};

/// The pull cannot give exactly what the tree gives: read through the tree.
#[derive(Debug)]
pub(crate) struct Fallback;

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("read through the tree")
    }
}

impl std::error::Error for Fallback {}

impl de::Error for Fallback {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Fallback
    }
}

/// Pauses the pass where the result element opens; notes a result that is
/// the root's content instead (then the tree decides).
struct FindResult {
    root_content: bool,
}

impl<'a> Sink<'a> for FindResult {
    fn text_mode(&self) -> TextMode {
        TextMode::Skip
    }

    fn open(
        &mut self,
        envelope: Option<&Machine<'a>>,
        _: &'a str,
        _: u64,
        _: u64,
    ) -> Result<Flow, Error> {
        match envelope {
            Some(machine) if machine.in_result() => Ok(Flow::Pause),
            Some(machine) if machine.in_other_root_child() => {
                self.root_content = true;
                Ok(Flow::Pause)
            }
            _ => Ok(Flow::Go),
        }
    }

    fn close(&mut self) {}

    fn text(&mut self, _: Text<'a>) {}
}

/// What [`from_slice`] found.
#[allow(clippy::large_enum_variant)] // returned once, never stored
pub(crate) enum Pulled<'a, T> {
    /// A success and its typed result.
    Success(Response<'a>, T),
    /// An error envelope (read whole: no result to pull).
    Service(ServiceError<'a>),
}

#[cfg(any(test, fuzzing))]
thread_local! {
    /// Tests and the `typed` fuzz target read every body both ways: pulled,
    /// and with the pull off.
    pub(crate) static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the pull is on (it is, but in the tests that turn it off).
fn on() -> bool {
    #[cfg(any(test, fuzzing))]
    if OFF.get() {
        return false;
    }
    true
}

/// Fuzzing builds only: turns the pull off (`false`) or on for this thread,
/// so that a target can compare it with the tree.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn set_pull(on: bool) {
    OFF.set(!on);
}

/// `from_slice` in one pass with no tree: the response and the typed
/// result, or `None` when the tree must decide (see the module's docs).
pub(crate) fn from_slice<'a, T: Deserialize<'a>>(
    body: &'a [u8],
    options: Options,
) -> Option<Pulled<'a, T>> {
    let tokens = Tokenizer::document(body, options.limits).ok()?;
    Some(match pull(tokens, Machine::new(options.limits), options)? {
        Found::Success(findings, value) => {
            Pulled::Success(findings.into_response(body, options), value)
        }
        // no result element: an error envelope is the answer, read once
        Found::Ended(findings) => Pulled::Service(findings.into_response(body, options).error?),
    })
}

/// What [`pull`] found.
pub(crate) enum Found<'a, T> {
    /// A success and its typed result.
    Success(Findings<'a>, T),
    /// The body ended with no result element to pull (an error envelope).
    Ended(Findings<'a>),
}

/// The pull over the rest of a body: `tokens` and `machine` are where an
/// earlier pass left them (a fresh document, or a stream paused at its
/// root); `None` when the tree must decide.
pub(crate) fn pull<'a, T: Deserialize<'a>>(
    mut tokens: Tokenizer<'a>,
    mut machine: Machine<'a>,
    options: Options,
) -> Option<Found<'a, T>> {
    if !on() {
        return None;
    }
    let mut find = FindResult {
        root_content: false,
    };
    match drive(&mut tokens, &mut machine, &mut find).ok()? {
        Stop::Paused if !find.root_content => {}
        Stop::End => return Some(Found::Ended(machine.finish().ok()?)),
        // a result that is the root's content: the tree decides
        _ => return None,
    }
    let mut pull = Pull::new(&mut tokens, Some(&mut machine), options);
    let value = pull.value::<T>(options)?;
    if !pull.ahead.is_empty() || machine.in_result() {
        // the result element must have been read to its end tag, no further
        return None;
    }
    match drive(&mut tokens, &mut machine, &mut NoResult).ok()? {
        Stop::End => {}
        _ => return None,
    }
    let findings = machine.finish().ok()?;
    if !findings.errors.is_empty() || findings.result.is_none_or(|r| r.root_children) {
        return None;
    }
    Some(Found::Success(findings, value))
}

/// `T` from the content of an element already read whole by a pass (the
/// result of a detached response, an `<Error>`'s members), pulled from its
/// tokens; `None` when the tree must decide.
pub(crate) fn from_content<'a, T: Deserialize<'a>>(
    content: &'a [u8],
    base: u64,
    options: Options,
) -> Option<T> {
    if !on() {
        return None;
    }
    let mut tokens = Tokenizer::fragment(content, base, options.limits);
    let mut pull = Pull::new(&mut tokens, None, options);
    let value = pull.value::<T>(options)?;
    // the content read to its end, nothing beyond
    (pull.ended && pull.ahead.is_empty()).then_some(value)
}

/// The result's tokens, each also given to the envelope, with a lookahead.
struct Pull<'p, 'a> {
    tokens: &'p mut Tokenizer<'a>,
    /// The envelope around the result; none for a content read alone,
    /// whose end is then the end of its input.
    machine: Option<&'p mut Machine<'a>>,
    /// Tokens read ahead, not yet consumed.
    ahead: VecDeque<Token<'a>>,
    /// Elements read, against `max_nodes` (the tree's limit: over it, the
    /// tree words the error).
    nodes: usize,
    max_nodes: usize,
    /// A content read alone has ended (its end stands for an end tag).
    ended: bool,
}

impl<'p, 'a> Pull<'p, 'a> {
    fn new(
        tokens: &'p mut Tokenizer<'a>,
        machine: Option<&'p mut Machine<'a>>,
        options: Options,
    ) -> Self {
        Pull {
            tokens,
            machine,
            ahead: VecDeque::new(),
            nodes: 0,
            max_nodes: options.limits.max_nodes,
            ended: false,
        }
    }

    /// The whole content (the result element's, or the fragment's) as `T`;
    /// `None` when the tree must decide.
    fn value<T: Deserialize<'a>>(&mut self, options: Options) -> Option<T> {
        T::deserialize(Element {
            pull: self,
            name: "",
            whitespace: options.whitespace,
            siblings: Siblings::One,
        })
        .ok()
    }
    fn read(&mut self, mode: TextMode) -> Result<Token<'a>, Fallback> {
        let token = self.tokens.next(mode).map_err(|_| Fallback)?;
        match &token {
            Token::Open { local, start, end } => {
                self.nodes += 1;
                if self.nodes > self.max_nodes {
                    return Err(Fallback);
                }
                if let Some(machine) = self.machine.as_deref_mut() {
                    machine.open(local, *start, *end).map_err(|_| Fallback)?;
                }
            }
            Token::Close { start } => {
                if let Some(machine) = self.machine.as_deref_mut() {
                    machine.close(*start);
                }
            }
            Token::Text(_) => {}
            // the end of a content read alone closes it, once
            Token::Eof if self.machine.is_none() && !self.ended => {
                self.ended = true;
                return Ok(Token::Close { start: 0 });
            }
            Token::Eof | Token::NeedMore { .. } => return Err(Fallback),
        }
        Ok(token)
    }

    /// The next token: text only in [`TextMode::Assemble`] (or when read
    /// ahead in that mode).
    fn next(&mut self, mode: TextMode) -> Result<Token<'a>, Fallback> {
        match self.ahead.pop_front() {
            Some(token) => Ok(token),
            None => self.read(mode),
        }
    }

    /// The `i`-th token ahead, not consumed.
    fn peek(&mut self, i: usize, mode: TextMode) -> Result<&Token<'a>, Fallback> {
        while self.ahead.len() <= i {
            let token = self.read(mode)?;
            self.ahead.push_back(token);
        }
        Ok(&self.ahead[i])
    }

    /// Reads the rest of an element whose start tag was read.
    fn skip_element(&mut self) -> Result<(), Fallback> {
        let mut depth = 1_usize;
        while depth > 0 {
            match self.next(TextMode::Skip)? {
                Token::Open { .. } => depth += 1,
                Token::Close { .. } => depth -= 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// The next child element's name (its start tag read), or `None` at the
    /// parent's end tag; text beside child elements is passed over.
    fn next_child(&mut self) -> Result<Option<&'a str>, Fallback> {
        loop {
            match self.next(TextMode::Skip)? {
                Token::Open { local, .. } => return Ok(Some(local)),
                Token::Close { .. } => return Ok(None),
                _ => {}
            }
        }
    }

    /// Whether the next sibling is an element named `name`; its start tag is
    /// read when it is.
    fn next_sibling_named(&mut self, name: &str) -> Result<bool, Fallback> {
        let same =
            matches!(self.peek(0, TextMode::Skip)?, Token::Open { local, .. } if *local == name);
        if same {
            self.ahead.pop_front();
        }
        Ok(same)
    }
}

mod element;
mod value;

use element::{Element, Siblings};

#[cfg(test)]
#[path = "pull_tests.rs"]
mod tests;
