//! The one token loop: tokenizer → envelope → result consumer.
//!
//! Every input path runs [`drive`]: the whole body (`parse`, `from_slice`),
//! each slice of a stream, and the result's bytes when a tree is gathered
//! after the fact. The envelope ([`Classes`]) reads the tokens it needs and
//! says which ones are the result; the consumer ([`Sink`]) the caller chose
//! does what it wants with them:
//!
//! - [`NoResult`]: nothing (`parse`, `skip_result`, `--no-result`): result
//!   text is checked but never assembled;
//! - [`ResultTrees`]: the result's tree, built during the envelope pass
//!   (`from_slice`, `from_bytes`);
//! - a tree builder ([`Grow`]) over content alone ([`Content`]): the tree of a
//!   result read again from its bytes (`Response::result`, the stream paths'
//!   typed results, `ServiceError::detail_as`).
//!
//! A text run is assembled when the envelope or the consumer wants it, and
//! handed to whichever wants it.

use crate::Options;
use crate::envelope::Machine;
use crate::error::Error;
use crate::error::{ErrorKind, Limit};
use crate::text::Text;
use crate::tokens::{TextMode, Token, Tokenizer};

/// Where a run of [`drive`] stopped.
pub(crate) enum Stop {
    /// The end of the document (or fragment).
    End,
    /// The slice ends inside a token: the bytes from `consumed` on (relative
    /// to the slice) must be read again with more.
    NeedMore { consumed: u64 },
    /// The consumer paused the pass right after an element opened: it will
    /// pull the next tokens itself (see [`crate::de::pull`]).
    Paused,
}

/// Whether the pass goes on after an element opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Go,
    Pause,
}

/// What reads the tokens first and knows the envelope: which text it wants,
/// and where the result is.
pub(crate) trait Classes<'a> {
    /// Whether the envelope wants the next text run.
    fn text_mode(&self) -> TextMode;
    /// An element opens.
    ///
    /// # Errors
    ///
    /// An envelope error found at this element (an HTML root, too many
    /// errors).
    fn open(&mut self, local: &'a str, start: u64, end: u64) -> Result<(), Error>;
    /// An element closes.
    fn close(&mut self, start: u64);
    /// A text run it asked for.
    fn text(&mut self, text: Text<'a>);
    /// The envelope it reads, if any: what a result consumer consults.
    fn machine(&self) -> Option<&Machine<'a>>;
}

impl<'a> Classes<'a> for Machine<'a> {
    fn text_mode(&self) -> TextMode {
        Machine::text_mode(self)
    }
    fn open(&mut self, local: &'a str, start: u64, end: u64) -> Result<(), Error> {
        Machine::open(self, local, start, end)
    }
    fn close(&mut self, start: u64) {
        Machine::close(self, start);
    }
    fn text(&mut self, text: Text<'a>) {
        Machine::text(self, text);
    }
    fn machine(&self) -> Option<&Machine<'a>> {
        Some(self)
    }
}

/// The envelope of a stream, which outlives each slice it reads: it keeps
/// owned copies of the text it asks for.
pub(crate) struct Detached<'m>(pub(crate) &'m mut Machine<'static>);

impl<'a> Classes<'a> for Detached<'_> {
    fn text_mode(&self) -> TextMode {
        self.0.text_mode()
    }
    fn open(&mut self, local: &'a str, start: u64, end: u64) -> Result<(), Error> {
        self.0.open_detached(local, start, end)
    }
    fn close(&mut self, start: u64) {
        self.0.close(start);
    }
    fn text(&mut self, text: Text<'a>) {
        self.0.text(text.into_owned());
    }
    fn machine(&self) -> Option<&Machine<'a>> {
        Some(self.0)
    }
}

/// No envelope: content already known to be the result (or an `<Error>`'s
/// members), read again from its bytes.
pub(crate) struct NoEnvelope;

impl<'a> Classes<'a> for NoEnvelope {
    fn text_mode(&self) -> TextMode {
        TextMode::Skip
    }
    fn open(&mut self, _: &'a str, _: u64, _: u64) -> Result<(), Error> {
        Ok(())
    }
    fn close(&mut self, _: u64) {}
    fn text(&mut self, _: Text<'a>) {}
    fn machine(&self) -> Option<&Machine<'a>> {
        None
    }
}

/// What the caller wants of the result's tokens.
pub(crate) trait Sink<'a> {
    /// Whether it wants the next text run.
    fn text_mode(&self) -> TextMode;
    /// An element opened; `envelope` has read it already.
    ///
    /// # Errors
    ///
    /// A consumer's own limit (`max_nodes`), where it must stop the pass.
    fn open(
        &mut self,
        envelope: Option<&Machine<'a>>,
        local: &'a str,
        start: u64,
        end: u64,
    ) -> Result<Flow, Error>;
    /// An element closed.
    fn close(&mut self);
    /// A text run it asked for.
    fn text(&mut self, text: Text<'a>);
}

/// Nothing of the result.
pub(crate) struct NoResult;

impl<'a> Sink<'a> for NoResult {
    fn text_mode(&self) -> TextMode {
        TextMode::Skip
    }
    fn open(&mut self, _: Option<&Machine<'a>>, _: &'a str, _: u64, _: u64) -> Result<Flow, Error> {
        Ok(Flow::Go)
    }
    fn close(&mut self) {}
    fn text(&mut self, _: Text<'a>) {}
}

/// Nothing of the result, and a pause once an `<XResponse>` root has
/// opened: a stream that keeps the result reads the rest of the body
/// when it ends, in one pass with the consumer the caller chose then.
pub(crate) struct UntilActionRoot;

impl<'a> Sink<'a> for UntilActionRoot {
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
        Ok(if envelope.is_some_and(Machine::in_named_action_root) {
            Flow::Pause
        } else {
            Flow::Go
        })
    }
    fn close(&mut self) {}
    fn text(&mut self, _: Text<'a>) {}
}

/// Reads tokens until the end of the input (or of the slice), handing each
/// to the envelope and then to the consumer.
///
/// # Errors
///
/// The first error of the tokenizer, the envelope or the consumer.
pub(crate) fn drive<'a, C: Classes<'a>, S: Sink<'a>>(
    tokens: &mut Tokenizer<'a>,
    envelope: &mut C,
    sink: &mut S,
) -> Result<Stop, Error> {
    loop {
        let wanted = envelope.text_mode();
        // an envelope field counts against `max_field_bytes` whoever else wants it
        let mode = if wanted == TextMode::Skip {
            sink.text_mode()
        } else {
            wanted
        };
        match tokens.next(mode)? {
            Token::Open { local, start, end } => {
                envelope.open(local, start, end)?;
                if sink.open(envelope.machine(), local, start, end)? == Flow::Pause {
                    return Ok(Stop::Paused);
                }
            }
            Token::Close { start } => {
                envelope.close(start);
                sink.close();
            }
            Token::Text(text) => match (wanted, sink.text_mode()) {
                (TextMode::Skip, _) => sink.text(text),
                (_, TextMode::Skip) => envelope.text(text),
                _ => {
                    sink.text(text.clone());
                    envelope.text(text);
                }
            },
            Token::NeedMore { consumed } => return Ok(Stop::NeedMore { consumed }),
            Token::Eof => return Ok(Stop::End),
        }
    }
}

/// What builds a result's tree from its tokens: the nodes the serde
/// fallback reads ([`Builder`]), or the [`Value`](crate::Value) itself
/// ([`crate::values::ValueBuilder`]).
pub(crate) trait Grow<'a>: Sized {
    /// What it builds.
    type Tree;
    /// A builder for the content that starts at `base` (the root's content
    /// when `root_children`: its metadata children are not result).
    fn new(base: u64, root_children: bool, options: &Options) -> Self;
    /// Where the content starts.
    fn base(&self) -> u64;
    /// Whether it wants the next text run.
    fn text_mode(&self) -> TextMode;
    /// An element opens.
    ///
    /// # Errors
    ///
    /// Over `max_nodes`, at this element.
    fn open(&mut self, local: &'a str, start: u64) -> Result<(), Error>;
    /// An element closes; false for the end of the content itself.
    fn close(&mut self) -> bool;
    /// A text run.
    fn text(&mut self, text: Text<'a>);
    /// The tree of what closed.
    fn finish(self) -> Self::Tree;
}

/// A content's tree, read with no envelope around it.
pub(crate) struct Content<G>(pub(crate) G);

impl<'a, G: Grow<'a>> Sink<'a> for Content<G> {
    fn text_mode(&self) -> TextMode {
        self.0.text_mode()
    }
    fn open(
        &mut self,
        _: Option<&Machine<'a>>,
        local: &'a str,
        start: u64,
        _: u64,
    ) -> Result<Flow, Error> {
        self.0.open(local, start).map(|()| Flow::Go)
    }
    fn close(&mut self) {
        self.0.close();
    }
    fn text(&mut self, text: Text<'a>) {
        self.0.text(text);
    }
}

/// Gathers the elements of `content` (the content of the result element or
/// of the root, read again from its bytes) into a tree.
///
/// # Errors
///
/// Over a limit (`max_nodes`, or the tokenizer's).
pub(crate) fn gather<'a, G: Grow<'a>>(
    content: &'a [u8],
    base: u64,
    root_children: bool,
    options: &Options,
) -> Result<G::Tree, Error> {
    let mut tokens = Tokenizer::fragment(content, base, options.limits);
    let mut content_sink = Content(G::new(base, root_children, options));
    drive(&mut tokens, &mut NoEnvelope, &mut content_sink)?;
    Ok(content_sink.0.finish())
}

/// The result's tree built during the envelope pass, for a caller that will
/// deserialize it: the tree of the `XResult` element's content, or, while
/// no such element has opened, of the root's content. Only one of them can
/// be the result: the root's is dropped when the `XResult` element opens.
pub(crate) struct ResultTrees<'a, G: Grow<'a>> {
    result: Tree<'a, G>,
    root: Tree<'a, G>,
    options: Options,
}

impl<'a, G: Grow<'a>> ResultTrees<'a, G> {
    pub(crate) fn new(options: Options) -> Self {
        ResultTrees {
            result: Tree::Waiting,
            root: Tree::Waiting,
            options,
        }
    }

    /// The tree of the result that starts at `start` (where the envelope
    /// found it), with the error gathering it again would give (over
    /// `max_nodes`); `None` when neither tree is that content.
    pub(crate) fn into_tree(
        self,
        start: u64,
        root_children: bool,
    ) -> Option<Result<G::Tree, Error>> {
        if root_children {
            self.root.into_tree(start)
        } else {
            self.result.into_tree(start)
        }
    }
}

impl<'a, G: Grow<'a>> Sink<'a> for ResultTrees<'a, G> {
    fn text_mode(&self) -> TextMode {
        if self.result.wants_text() || self.root.wants_text() {
            TextMode::Assemble
        } else {
            TextMode::Skip
        }
    }

    fn open(
        &mut self,
        envelope: Option<&Machine<'a>>,
        local: &'a str,
        start: u64,
        end: u64,
    ) -> Result<Flow, Error> {
        self.result.open(local, start);
        self.root.open(local, start);
        let Some(machine) = envelope else {
            return Ok(Flow::Go);
        };
        if machine.in_result() && matches!(self.result, Tree::Waiting) {
            // the result element opened: the root's content is not the
            // result any more
            self.result = Tree::Building(G::new(end, false, &self.options));
            self.root = Tree::Dropped;
        } else if matches!(self.root, Tree::Waiting) && machine.in_action_root() {
            self.root = Tree::Building(G::new(end, true, &self.options));
        }
        Ok(Flow::Go)
    }

    fn close(&mut self) {
        self.result.close();
        self.root.close();
    }

    fn text(&mut self, text: Text<'a>) {
        if self.result.wants_text() {
            self.result.text(text);
        } else {
            self.root.text(text);
        }
    }
}

/// A tree built during the envelope pass (a node's `start` is where its
/// content starts).
enum Tree<'a, G: Grow<'a>> {
    /// Its element has not opened.
    Waiting,
    Building(G),
    /// Over `max_nodes`: (where the content starts, the error).
    Failed(u64, Error),
    /// Where the content starts, its tree.
    Built(u64, G::Tree),
    /// It cannot be the result.
    Dropped,
}

impl<'a, G: Grow<'a>> Tree<'a, G> {
    fn wants_text(&self) -> bool {
        matches!(self, Tree::Building(b) if b.text_mode() == TextMode::Assemble)
    }

    fn open(&mut self, local: &'a str, start: u64) {
        if let Tree::Building(builder) = self
            && let Err(e) = builder.open(local, start)
        {
            *self = Tree::Failed(builder.base(), e);
        }
    }

    fn close(&mut self) {
        if let Tree::Building(builder) = self
            && !builder.close()
            // its element closed
            && let Tree::Building(builder) = std::mem::replace(self, Tree::Dropped)
        {
            *self = Tree::Built(builder.base(), builder.finish());
        }
    }

    fn text(&mut self, text: Text<'a>) {
        if let Tree::Building(builder) = self {
            builder.text(text);
        }
    }

    /// The tree, if its content starts at `start` and it was completed.
    fn into_tree(self, start: u64) -> Option<Result<G::Tree, Error>> {
        match self {
            Tree::Built(base, tree) if base == start => Some(Ok(tree)),
            Tree::Failed(base, e) if base == start => Some(Err(e)),
            _ => None,
        }
    }
}

/// Which of a content's elements a tree builder takes: all but the root's
/// metadata children when the result is the root's content, at most
/// `max_nodes` of them. The one rule of the tree builders
/// (`de::nodes::Builder`, `values::ValueBuilder`).
pub(crate) struct Take {
    root_children: bool,
    /// Depth inside an ignored subtree (the root's metadata).
    ignored: usize,
    nodes: usize,
    max_nodes: usize,
}

impl Take {
    pub(crate) fn new(root_children: bool, max_nodes: usize) -> Self {
        Take {
            root_children,
            ignored: 0,
            nodes: 0,
            max_nodes,
        }
    }

    /// Whether the element that opens (`at_root`: a child of the content's
    /// root) is taken.
    ///
    /// # Errors
    ///
    /// Over `max_nodes`, at this element.
    pub(crate) fn open(&mut self, local: &str, at_root: bool, start: u64) -> Result<bool, Error> {
        if self.ignored > 0 {
            self.ignored += 1;
            return Ok(false);
        }
        if self.root_children && at_root && crate::names::is_root_metadata(local) {
            self.ignored = 1;
            return Ok(false);
        }
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            return Err(Error::new(
                ErrorKind::LimitExceeded {
                    limit: Limit::Nodes,
                    max: self.max_nodes,
                },
                start,
            ));
        }
        Ok(true)
    }

    /// Whether the element that closes was taken (else it was ignored).
    pub(crate) fn close(&mut self) -> bool {
        if self.ignored > 0 {
            self.ignored -= 1;
            return false;
        }
        true
    }

    /// Inside an ignored subtree.
    pub(crate) fn ignoring(&self) -> bool {
        self.ignored > 0
    }

    /// The text mode the next token should be read in.
    pub(crate) fn text_mode(&self) -> TextMode {
        if self.ignoring() {
            TextMode::Skip
        } else {
            TextMode::Assemble
        }
    }
}
