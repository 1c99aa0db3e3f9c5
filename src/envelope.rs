//! The envelope: a state machine over tokens that recognises the envelope
//! from the root (and SOAP `Envelope/Body`), collects the errors and the
//! request id from the places each style keeps them, and skips the result
//! subtree, remembering where it is. It never looks deeper than it must, so
//! an `<Error>` inside a result is never taken for the envelope's.

use std::borrow::Cow;

use crate::codes::parse_code;
use crate::error::{EnvelopeFault, Error, ErrorKind, Limit, element_name};
use crate::frames::{Field, Frame, Frames};
use crate::names;

use crate::outcome::Outcome;
use crate::pass::{Grow, NoResult, ResultTrees, drive};
use crate::response::{Envelope, ErrorEntry};
use crate::soap::{FaultParts, fault_child};
use crate::text::Text;
use crate::tokens::{TextMode, Tokenizer};
use crate::{Limits, Options, Response};

/// Parses a whole body.
pub(crate) fn parse_slice(body: &[u8], options: Options) -> Result<Response<'_>, Error> {
    let mut tokens = Tokenizer::document(body, options.limits)?;
    let mut machine = Machine::new(options.limits);
    drive(&mut tokens, &mut machine, &mut NoResult)?;
    let outcome = machine.finish()?;
    Ok(outcome.into_response(body, options))
}

/// [`parse_slice`] that also builds the result's tree during the same pass,
/// for a caller that will deserialize it (see [`ResultTrees`]). It comes
/// back when the response's result is that content, with the error
/// gathering it in a second pass would give (over `max_nodes`).
///
/// # Errors
///
/// As [`parse_slice`].
/// A result's tree built in the pass, or the error gathering it gives.
pub(crate) type Gathered<'a, G> = Result<<G as Grow<'a>>::Tree, Error>;

pub(crate) fn parse_slice_with_result<'a, G: Grow<'a>>(
    body: &'a [u8],
    options: Options,
) -> Result<(Response<'a>, Option<Gathered<'a, G>>), Error> {
    if options.skip_result {
        // no result is kept: nothing to build
        return parse_slice(body, options).map(|response| (response, None));
    }
    let mut tokens = Tokenizer::document(body, options.limits)?;
    let mut machine = Machine::new(options.limits);
    let mut trees = ResultTrees::<G>::new(options);
    drive(&mut tokens, &mut machine, &mut trees)?;
    let outcome = machine.finish()?;
    let tree = outcome
        .result
        .and_then(|(start, _, root_children)| trees.into_tree(start, root_children));
    Ok((outcome.into_response(body, options), tree))
}

/// The style, known once the (effective) root opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `XResponse`, or a root of another name (`named == false`) that must
    /// carry a request id to be taken for a success.
    Action {
        named: bool,
    },
    ErrorResponse,
    ResponseErrors,
    ActionErrorResponse,
    SoapFault,
    BareError,
    /// A root named `XException` (SQS's `ServiceUnavailableException`).
    Exception,
}

impl Style {
    fn takes_error_child(self) -> bool {
        matches!(
            self,
            Style::ErrorResponse | Style::ResponseErrors | Style::ActionErrorResponse
        )
    }
}

/// An `<Error>` being read.
#[derive(Debug, Default, Clone)]
struct PartialError<'a> {
    error_type: Option<Cow<'a, str>>,
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    detail: Option<Cow<'a, str>>,
}

impl<'a> PartialError<'a> {
    fn into_entry(self) -> ErrorEntry<'a> {
        ErrorEntry {
            status: None,
            error_type: self.error_type,
            code: parse_code(self.code.as_deref().unwrap_or("")),
            message: self.message,
            detail: self.detail,
        }
    }
}

/// The envelope state machine: [`crate::pass::drive`] gives it every token, then
/// [`Machine::finish`] decides.
#[derive(Clone)]
pub(crate) struct Machine<'a> {
    limits: Limits,
    frames: Frames<'a>,
    /// Depth inside a skipped subtree (0: not skipping).
    skip: usize,
    /// The skipped subtree is the result element.
    skipping_result: bool,
    soap: bool,
    style: Option<Style>,
    /// Local name of the effective root, and its offset in the body.
    root_local: Cow<'a, str>,
    root_at: u64,
    root_start: u64,
    /// Length of the action: a prefix of `root_local`.
    action: Option<usize>,
    request_id: Option<Cow<'a, str>>,
    status_code: Option<Cow<'a, str>>,
    errors: Vec<ErrorEntry<'a>>,
    current: Option<PartialError<'a>>,
    fault: FaultParts<'a>,
    /// Content span of the `XResult` element.
    result_el: Option<(u64, u64)>,
    /// Content span of the effective root.
    root_content: (u64, u64),
    /// Offset of the last token: where an envelope found incomplete is reported.
    last: u64,
    root_closed: bool,
    /// Content span of the first `<Error>` (its end once closed).
    first_error: Option<(u64, Option<u64>)>,
    /// `Type`, `Code`, `Message` directly under `<ErrorResponse>`, or the
    /// code and message of an `XException` root.
    direct: PartialError<'a>,
    /// Where the first `<Error>` directly under an action root opened (see [`Frame::RootError`]).
    root_error_at: Option<u64>,
}

impl<'a> Machine<'a> {
    pub(crate) fn new(limits: Limits) -> Self {
        Machine {
            limits,
            frames: Frames::default(),
            skip: 0,
            skipping_result: false,
            soap: false,
            style: None,
            root_local: Cow::Borrowed(""),
            root_at: 0,
            root_start: 0,
            action: None,
            request_id: None,
            status_code: None,
            errors: Vec::new(),
            current: None,
            fault: FaultParts::default(),
            result_el: None,
            root_content: (0, 0),
            last: 0,
            root_closed: false,
            first_error: None,
            direct: PartialError::default(),
            root_error_at: None,
        }
    }

    /// The span of the body a result may come from, as far as the pass has
    /// read: from the `XResult` content if it opened (to its end tag once
    /// closed), else from the root content; `None` for an error envelope.
    pub(crate) fn capture_window(&self) -> Option<(u64, Option<u64>)> {
        if !matches!(self.style, Some(Style::Action { .. })) {
            return None;
        }
        if let Some((start, end)) = self.result_el {
            return Some((start, (!self.skipping_result).then_some(end)));
        }
        Some((
            self.root_content.0,
            self.root_closed.then_some(self.root_content.1),
        ))
    }

    /// The span of the body the primary `<Error>`'s children come from, as
    /// far as the pass has read (for `ServiceError::detail_as`).
    pub(crate) fn error_window(&self) -> Option<(u64, Option<u64>)> {
        self.first_error
    }

    /// Whether the next text run is wanted: an envelope field's is, and
    /// counts against `max_field_bytes`.
    pub(crate) fn text_mode(&self) -> TextMode {
        if self.skip == 0
            && matches!(
                self.frames.last(),
                Some(Frame::Leaf(..) | Frame::Detail { .. })
            )
        {
            TextMode::Field
        } else {
            TextMode::Skip
        }
    }

    /// True inside the `XResult` element (once its start tag is read).
    pub(crate) fn in_result(&self) -> bool {
        self.skipping_result
    }

    /// True right after a child of an action root opened that is neither
    /// envelope nor the `XResult` element: the result is then the root's
    /// content (the 2007 and EC2 styles).
    pub(crate) fn in_other_root_child(&self) -> bool {
        let other_child = (self.skip == 1 && matches!(self.frames.last(), Some(Frame::Root)))
            // the root's `<Error>` is result data too, read by the envelope on the way
            || (self.skip == 0 && matches!(self.frames.last(), Some(Frame::RootError)));
        other_child && !self.skipping_result && matches!(self.style, Some(Style::Action { .. }))
    }

    /// True right after an `XResponse` (or other action root) opened, and
    /// whenever its own content is next: not inside any child.
    pub(crate) fn in_action_root(&self) -> bool {
        self.skip == 0
            && matches!(self.frames.last(), Some(Frame::Root))
            && matches!(self.style, Some(Style::Action { .. }))
    }

    /// [`Self::open`] for an envelope that outlives the bytes it reads.
    pub(crate) fn open_detached(
        &mut self,
        local: &str,
        local_at: u64,
        start: u64,
        end: u64,
    ) -> Result<(), Error> {
        self.open_with(local, |s| Cow::Owned(s.to_owned()), local_at, start, end)
    }

    /// True inside the root of an `<XResponse>`, no child open.
    pub(crate) fn in_named_action_root(&self) -> bool {
        self.in_action_root() && matches!(self.style, Some(Style::Action { named: true }))
    }

    /// A text value (given only when [`Self::text_mode`] asked for it).
    pub(crate) fn text(&mut self, text: Text<'a>) {
        if let Some(
            Frame::Leaf(_, slot, false)
            | Frame::Detail {
                text: slot,
                has_child: false,
                ..
            },
        ) = self.frames.last_mut()
        {
            *slot = Some(text);
        }
    }

    /// An element opens.
    pub(crate) fn open(
        &mut self,
        local: &'a str,
        local_at: u64,
        start: u64,
        end: u64,
    ) -> Result<(), Error> {
        self.open_with(local, Cow::Borrowed, local_at, start, end)
    }

    /// [`Self::open`], keeping the root's name as `keep` gives it.
    fn open_with<'l>(
        &mut self,
        local: &'l str,
        keep: fn(&'l str) -> Cow<'a, str>,
        local_at: u64,
        start: u64,
        end: u64,
    ) -> Result<(), Error> {
        self.last = start;
        if self.skip > 0 {
            self.skip += 1;
            return Ok(());
        }
        let frame = match self.frames.last_mut() {
            None => {
                if local.eq_ignore_ascii_case("html") {
                    // An HTML page (a proxy's, a load balancer's) is never an
                    // AWS response: say so now, whatever follows.
                    return Err(Error::new(
                        ErrorKind::UnrecognizedEnvelope(element_name(local)),
                        start,
                    ));
                }
                if local == "Envelope" {
                    self.soap = true;
                    Some(Frame::SoapEnvelope)
                } else {
                    Some(self.start_root(keep(local), local_at, start, end))
                }
            }
            Some(Frame::SoapEnvelope) => {
                (local == "Body" && self.style.is_none()).then_some(Frame::SoapBody)
            }
            Some(Frame::SoapBody) => {
                if self.style.is_some() {
                    None
                } else if local == "Fault" {
                    self.style = Some(Style::SoapFault);
                    self.root_start = start;
                    self.root_local = keep(local);
                    self.root_at = local_at;
                    Some(Frame::Fault)
                } else {
                    Some(self.start_root(keep(local), local_at, start, end))
                }
            }
            Some(Frame::Root) => self.root_child(local, start, end)?,
            Some(Frame::Errors) => {
                if local == "Error" {
                    self.begin_error(start, end)?;
                    Some(Frame::Error)
                } else {
                    None
                }
            }
            Some(Frame::Error) => match local {
                "Type" => Some(Frame::Leaf(Field::Type, None, false)),
                "Code" => Some(Frame::Leaf(Field::Code, None, false)),
                "Message" => Some(Frame::Leaf(Field::Message, None, false)),
                l if names::is_request_id(l) => Some(Frame::Leaf(Field::RequestId, None, false)),
                "Detail" => Some(Frame::Detail {
                    fault: false,
                    text: None,
                    has_child: false,
                }),
                _ => None,
            },
            Some(Frame::RootError) => match local {
                "Type" => Some(Frame::Leaf(Field::DirectType, None, false)),
                "Code" => Some(Frame::Leaf(Field::DirectCode, None, false)),
                "Message" => Some(Frame::Leaf(Field::DirectMessage, None, false)),
                _ => None,
            },
            Some(Frame::Metadata) => {
                names::is_request_id(local).then_some(Frame::Leaf(Field::RequestId, None, false))
            }
            Some(Frame::Status) => match local {
                "StatusCode" => Some(Frame::Leaf(Field::StatusCode, None, false)),
                l if names::is_request_id(l) => Some(Frame::Leaf(Field::RequestId, None, false)),
                _ => None,
            },
            Some(
                frame
                @ (Frame::Fault | Frame::FaultCode | Frame::FaultSubcode | Frame::FaultReason),
            ) => fault_child(frame, local),
            Some(Frame::Detail {
                fault, has_child, ..
            }) => {
                *has_child = true;
                (*fault && names::is_request_id(local)).then_some(Frame::Leaf(
                    Field::RequestId,
                    None,
                    false,
                ))
            }
            Some(Frame::Leaf(_, _, has_child)) => {
                *has_child = true;
                None
            }
        };
        // `Frames` holds the deepest envelope: `push` never refuses
        if !frame.is_some_and(|frame| self.frames.push(frame)) {
            self.skip = 1;
        }
        Ok(())
    }

    /// The effective root opens (the document's, or the first element of a SOAP `Body`).
    fn start_root(&mut self, name: Cow<'a, str>, local_at: u64, start: u64, end: u64) -> Frame<'a> {
        self.root_local = name;
        let local: &str = &self.root_local;
        self.root_at = local_at;
        self.root_start = start;
        self.root_content = (end, end);
        let style = if local == "ErrorResponse" {
            Style::ErrorResponse
        } else if local == "Response" {
            Style::ResponseErrors
        } else if local == "Error" {
            Style::BareError
        } else if local.ends_with("Exception") {
            self.direct.code = Some(self.root_local.clone());
            Style::Exception
        } else if let Some(action) = local.strip_suffix("ErrorResponse") {
            self.action = Some(action.len());
            Style::ActionErrorResponse
        } else if let Some(action) = local.strip_suffix("Response") {
            self.action = Some(action.len());
            Style::Action { named: true }
        } else {
            self.action = Some(local.len());
            Style::Action { named: false }
        };
        self.style = Some(style);
        if style == Style::BareError {
            self.current = Some(PartialError::default());
            self.first_error = Some((end, None));
            Frame::Error
        } else {
            Frame::Root
        }
    }

    /// A child of the effective root.
    fn root_child(
        &mut self,
        local: &str,
        start: u64,
        end: u64,
    ) -> Result<Option<Frame<'a>>, Error> {
        let style = self.style.unwrap_or(Style::Action { named: false });
        let direct = |field| Some(Frame::Leaf(field, None, false));
        Ok(match local {
            "Type" if style == Style::ErrorResponse => direct(Field::DirectType),
            "Code" if style == Style::ErrorResponse => direct(Field::DirectCode),
            "Message" if matches!(style, Style::ErrorResponse | Style::Exception) => {
                direct(Field::DirectMessage)
            }
            "message" if style == Style::Exception => direct(Field::DirectMessage),
            "Errors" => Some(Frame::Errors),
            "Error" if matches!(style, Style::Action { .. }) && self.root_error_at.is_none() => {
                self.root_error_at = Some(start);
                Some(Frame::RootError)
            }
            "Error" if style.takes_error_child() => {
                self.begin_error(start, end)?;
                Some(Frame::Error)
            }
            l if names::is_request_id(l) || l == names::EC2_REQUEST_ID => {
                Some(Frame::Leaf(Field::RequestId, None, false))
            }
            l if names::is_metadata_holder(l) => Some(Frame::Metadata),
            names::RESPONSE_STATUS => Some(Frame::Status),
            _ => {
                if let (Style::Action { .. }, Some(action), None) =
                    (style, self.action, self.result_el)
                    && local.strip_suffix("Result") == self.root_local.get(..action)
                {
                    self.result_el = Some((end, end));
                    self.skipping_result = true;
                }
                None
            }
        })
    }

    fn begin_error(&mut self, start: u64, end: u64) -> Result<(), Error> {
        if self.errors.len() >= self.limits.max_errors {
            return Err(Error::over(Limit::Errors, &self.limits, start));
        }
        self.current = Some(PartialError::default());
        if self.first_error.is_none() {
            self.first_error = Some((end, None));
        }
        Ok(())
    }

    /// An element closes.
    pub(crate) fn close(&mut self, start: u64) {
        self.last = start;
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 && self.skipping_result {
                self.skipping_result = false;
                if let Some(span) = &mut self.result_el {
                    span.1 = start;
                }
            }
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Leaf(field, text, has_child) => {
                let value = if has_child {
                    None
                } else {
                    Some(text.map(Text::trimmed).unwrap_or_default())
                };
                self.set_field(field, value);
            }
            Frame::Detail {
                fault,
                text,
                has_child,
            } => {
                let value = if has_child {
                    None
                } else {
                    text.map(Text::trimmed).filter(|t| !t.is_empty())
                };
                if fault {
                    first(&mut self.fault.detail, value);
                } else if let Some(cur) = &mut self.current {
                    first(&mut cur.detail, value);
                }
            }
            Frame::Error => {
                if let Some(cur) = self.current.take() {
                    self.errors.push(cur.into_entry());
                }
                if let Some((_, end @ None)) = &mut self.first_error {
                    *end = Some(start);
                }
                if self.frames.is_empty() || matches!(self.frames.last(), Some(Frame::SoapBody)) {
                    // a bare `<Error>` root
                    self.root_content.1 = start;
                }
            }
            Frame::Root => {
                self.root_content.1 = start;
                self.root_closed = true;
            }
            Frame::SoapBody if self.style.is_none() => self.root_content.1 = start,
            Frame::Fault => {
                let parts = std::mem::take(&mut self.fault);
                self.errors.push(parts.into_entry());
            }
            _ => {}
        }
    }

    fn set_field(&mut self, field: Field, value: Option<Cow<'a, str>>) {
        let non_empty = value.clone().filter(|v| !v.is_empty());
        match field {
            Field::RequestId => first(&mut self.request_id, non_empty),
            Field::StatusCode => first(&mut self.status_code, value),
            Field::FaultCode11 => first(&mut self.fault.faultcode, value),
            Field::FaultString11 => first(&mut self.fault.faultstring, value),
            Field::CodeValue12 => first(&mut self.fault.code_value, value),
            Field::SubcodeValue12 => first(&mut self.fault.subcode_value, value),
            Field::ReasonText12 => first(&mut self.fault.reason, value),
            Field::DirectType => first(&mut self.direct.error_type, non_empty),
            Field::DirectCode => first(&mut self.direct.code, value),
            Field::DirectMessage => first(&mut self.direct.message, value),
            Field::Type | Field::Code | Field::Message => {
                if let Some(cur) = &mut self.current {
                    match field {
                        Field::Type => first(&mut cur.error_type, non_empty),
                        Field::Code => first(&mut cur.code, value),
                        _ => first(&mut cur.message, value),
                    }
                }
            }
        }
    }

    /// Ends the pass: decides the outcome.
    ///
    /// # Errors
    ///
    /// An envelope error when the document is not an AWS response.
    pub(crate) fn finish(self) -> Result<Outcome<'a>, Error> {
        let Some(style) = self.style else {
            return Err(Error::new(
                ErrorKind::MalformedEnvelope(EnvelopeFault::EmptySoapBody),
                // the `Body` end tag, or the last token when there is no `Body`
                if self.root_content.1 > 0 {
                    self.root_content.1
                } else {
                    self.last
                },
            ));
        };
        let mut errors = self.errors;
        let mut result = None;
        let mut root_error = None;
        let envelope = match style {
            Style::Exception => {
                errors.push(self.direct.into_entry());
                Envelope::Exception
            }
            Style::ErrorResponse | Style::ResponseErrors | Style::ActionErrorResponse => {
                if errors.is_empty() && style == Style::ErrorResponse && self.direct.code.is_some()
                {
                    // restXml's `noErrorWrapping`: the error's members directly under the root
                    errors.push(self.direct.into_entry());
                }
                if errors.is_empty() {
                    return Err(Error::new(
                        ErrorKind::MalformedEnvelope(EnvelopeFault::NoError),
                        self.root_content.1,
                    ));
                }
                match style {
                    Style::ErrorResponse => Envelope::ErrorResponse,
                    Style::ResponseErrors => Envelope::ResponseErrors,
                    _ => Envelope::ActionErrorResponse,
                }
            }
            Style::SoapFault => Envelope::SoapFault,
            Style::BareError => Envelope::Error,
            Style::Action { named } => {
                if !named && self.request_id.is_none() {
                    return Err(Error::new(
                        ErrorKind::UnrecognizedEnvelope(element_name(&self.root_local)),
                        self.root_start,
                    ));
                }
                if errors.is_empty() && self.direct.code.is_some() {
                    root_error = Some(self.direct.into_entry());
                }
                if errors.is_empty() {
                    match self.status_code {
                        Some(status) if status != "Success" => errors.push(ErrorEntry {
                            status: None,
                            error_type: None,
                            code: parse_code(&status),
                            message: None,
                            detail: None,
                        }),
                        _ => {
                            result = Some(match self.result_el {
                                Some((s, e)) => (s, e, false),
                                None => (self.root_content.0, self.root_content.1, true),
                            });
                        }
                    }
                }
                Envelope::ActionResponse
            }
        };
        let action = match style {
            Style::Action { .. } | Style::ActionErrorResponse => {
                self.action.map(|len| match self.root_local {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[..len]),
                    Cow::Owned(ref o) => Cow::Owned(o[..len].to_owned()),
                })
            }
            _ => None,
        };
        let error_span = match self.first_error {
            Some((start, Some(end))) if !errors.is_empty() => Some((start, end)),
            _ => None,
        };
        // the root's content is the result: the root names it in paths
        let root = matches!(result, Some((_, _, true))).then_some(self.root_local);
        Ok(Outcome {
            envelope,
            soap: self.soap,
            root,
            action,
            request_id: self.request_id,
            errors,
            result,
            error_span,
            root_error,
        })
    }
}

/// Keeps the first value given.
fn first<'a>(slot: &mut Option<Cow<'a, str>>, value: Option<Cow<'a, str>>) {
    if slot.is_none() {
        *slot = value;
    }
}
