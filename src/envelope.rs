//! The envelope: a state machine over tokens that recognises the envelope
//! from the root (and SOAP `Envelope/Body`), collects the errors and the
//! request id from the places each style keeps them, and skips the result
//! subtree, remembering where it is. It never looks deeper than it must, so
//! an `<Error>` inside a result is never taken for the envelope's.

use std::borrow::Cow;

use crate::codes::parse_code;
use crate::error::{Error, ErrorKind, Limit, element_name};
use crate::frames::{Field, Frame, Frames};
use crate::names;

use crate::Limits;
use crate::service::ErrorEntry;
mod finish;

use crate::soap::{FaultParts, fault_child};
use crate::span::Span;
use crate::text::Text;
use crate::tokens::TextMode;

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
    /// The subtree the envelope does not read, if one is open.
    ignored: Ignored,
    soap: bool,
    style: Option<Style>,
    root: Root<'a>,
    request_id: Option<Cow<'a, str>>,
    /// A 2007 `ResponseStatus/StatusCode`.
    status_code: Option<Cow<'a, str>>,
    errors: Errors<'a>,
    /// Offset of the last token: where an envelope found incomplete is reported.
    last: u64,
}

/// A subtree the envelope does not read: the result element, or an element
/// it gives no meaning to.
#[derive(Clone, Copy, Default)]
struct Ignored {
    /// Depth inside it (0: none is open).
    depth: usize,
    /// It is the `XResult` element.
    result: bool,
}

/// The effective root: the document's, or the first element of a SOAP `Body`.
#[derive(Clone, Default)]
struct Root<'a> {
    /// Its local name.
    local: Cow<'a, str>,
    /// Where its start tag begins.
    start: u64,
    /// Its content (the end moves to its end tag when it closes).
    content: Span,
    closed: bool,
    /// Length of the action: a prefix of `local`.
    action: Option<usize>,
    /// Content span of the `XResult` element.
    result: Option<Span>,
}

/// The errors read so far, and the one being read.
#[derive(Clone, Default)]
struct Errors<'a> {
    read: Vec<ErrorEntry<'a>>,
    current: Option<PartialError<'a>>,
    /// The SOAP fault's parts.
    fault: FaultParts<'a>,
    /// Content span of the first `<Error>` (its end once closed).
    first: Option<(u64, Option<u64>)>,
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
            ignored: Ignored::default(),
            soap: false,
            style: None,
            root: Root::default(),
            request_id: None,
            status_code: None,
            errors: Errors::default(),
            last: 0,
        }
    }

    /// The span of the body a result may come from, as far as the pass has
    /// read: from the `XResult` content if it opened (to its end tag once
    /// closed), else from the root content; `None` for an error envelope.
    pub(crate) fn capture_window(&self) -> Option<(u64, Option<u64>)> {
        if !matches!(self.style, Some(Style::Action { .. })) {
            return None;
        }
        if let Some(span) = self.root.result {
            return Some((span.start, (!self.ignored.result).then_some(span.end)));
        }
        Some((
            self.root.content.start,
            self.root.closed.then_some(self.root.content.end),
        ))
    }

    /// The span of the body the primary `<Error>`'s children come from, as
    /// far as the pass has read (for `ServiceError::detail_as`).
    pub(crate) fn error_window(&self) -> Option<(u64, Option<u64>)> {
        self.errors.first
    }

    /// Whether the next text run is wanted: an envelope field's is, and
    /// counts against `max_field_bytes`.
    pub(crate) fn text_mode(&self) -> TextMode {
        if self.ignored.depth == 0
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
        self.ignored.result
    }

    /// True right after a child of an action root opened that is neither
    /// envelope nor the `XResult` element: the result is then the root's
    /// content (the 2007 and EC2 styles).
    pub(crate) fn in_other_root_child(&self) -> bool {
        let other_child = (self.ignored.depth == 1 && matches!(self.frames.last(), Some(Frame::Root)))
            // the root's `<Error>` is result data too, read by the envelope on the way
            || (self.ignored.depth == 0 && matches!(self.frames.last(), Some(Frame::RootError)));
        other_child && !self.ignored.result && matches!(self.style, Some(Style::Action { .. }))
    }

    /// True right after an `XResponse` (or other action root) opened, and
    /// whenever its own content is next: not inside any child.
    pub(crate) fn in_action_root(&self) -> bool {
        self.ignored.depth == 0
            && matches!(self.frames.last(), Some(Frame::Root))
            && matches!(self.style, Some(Style::Action { .. }))
    }

    /// [`Self::open`] for an envelope that outlives the bytes it reads.
    pub(crate) fn open_detached(&mut self, local: &str, start: u64, end: u64) -> Result<(), Error> {
        self.open_with(local, |s| Cow::Owned(s.to_owned()), start, end)
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
    pub(crate) fn open(&mut self, local: &'a str, start: u64, end: u64) -> Result<(), Error> {
        self.open_with(local, Cow::Borrowed, start, end)
    }

    /// [`Self::open`], keeping the root's name as `keep` gives it.
    fn open_with<'l>(
        &mut self,
        local: &'l str,
        keep: fn(&'l str) -> Cow<'a, str>,
        start: u64,
        end: u64,
    ) -> Result<(), Error> {
        self.last = start;
        if self.ignored.depth > 0 {
            self.ignored.depth += 1;
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
                    Some(self.start_root(keep(local), start, end))
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
                    self.root.start = start;
                    self.root.local = keep(local);
                    Some(Frame::Fault)
                } else {
                    Some(self.start_root(keep(local), start, end))
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
            self.ignored.depth = 1;
        }
        Ok(())
    }

    /// The effective root opens (the document's, or the first element of a SOAP `Body`).
    fn start_root(&mut self, name: Cow<'a, str>, start: u64, end: u64) -> Frame<'a> {
        self.root.local = name;
        let local: &str = &self.root.local;
        self.root.start = start;
        self.root.content = Span { start: end, end };
        let style = if local == "ErrorResponse" {
            Style::ErrorResponse
        } else if local == "Response" {
            Style::ResponseErrors
        } else if local == "Error" {
            Style::BareError
        } else if local.ends_with("Exception") {
            self.errors.direct.code = Some(self.root.local.clone());
            Style::Exception
        } else if let Some(action) = local.strip_suffix("ErrorResponse") {
            self.root.action = Some(action.len());
            Style::ActionErrorResponse
        } else if let Some(action) = local.strip_suffix("Response") {
            self.root.action = Some(action.len());
            Style::Action { named: true }
        } else {
            self.root.action = Some(local.len());
            Style::Action { named: false }
        };
        self.style = Some(style);
        if style == Style::BareError {
            self.errors.current = Some(PartialError::default());
            self.errors.first = Some((end, None));
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
            "Error"
                if matches!(style, Style::Action { .. }) && self.errors.root_error_at.is_none() =>
            {
                self.errors.root_error_at = Some(start);
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
                    (style, self.root.action, self.root.result)
                    && local.strip_suffix("Result") == self.root.local.get(..action)
                {
                    self.root.result = Some(Span { start: end, end });
                    self.ignored.result = true;
                }
                None
            }
        })
    }

    fn begin_error(&mut self, start: u64, end: u64) -> Result<(), Error> {
        if self.errors.read.len() >= self.limits.max_errors {
            return Err(Error::over(Limit::Errors, &self.limits, start));
        }
        self.errors.current = Some(PartialError::default());
        if self.errors.first.is_none() {
            self.errors.first = Some((end, None));
        }
        Ok(())
    }

    /// An element closes.
    pub(crate) fn close(&mut self, start: u64) {
        self.last = start;
        if self.ignored.depth > 0 {
            self.ignored.depth -= 1;
            if self.ignored.depth == 0 && self.ignored.result {
                self.ignored.result = false;
                if let Some(span) = &mut self.root.result {
                    span.end = start;
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
                    first(&mut self.errors.fault.detail, value);
                } else if let Some(cur) = &mut self.errors.current {
                    first(&mut cur.detail, value);
                }
            }
            Frame::Error => {
                if let Some(cur) = self.errors.current.take() {
                    self.errors.read.push(cur.into_entry());
                }
                if let Some((_, end @ None)) = &mut self.errors.first {
                    *end = Some(start);
                }
                if self.frames.is_empty() || matches!(self.frames.last(), Some(Frame::SoapBody)) {
                    // a bare `<Error>` root
                    self.root.content.end = start;
                }
            }
            Frame::Root => {
                self.root.content.end = start;
                self.root.closed = true;
            }
            Frame::SoapBody if self.style.is_none() => self.root.content.end = start,
            Frame::Fault => {
                let parts = std::mem::take(&mut self.errors.fault);
                self.errors.read.push(parts.into_entry());
            }
            _ => {}
        }
    }

    fn set_field(&mut self, field: Field, value: Option<Cow<'a, str>>) {
        let non_empty = value.clone().filter(|v| !v.is_empty());
        match field {
            Field::RequestId => first(&mut self.request_id, non_empty),
            Field::StatusCode => first(&mut self.status_code, value),
            Field::FaultCode11 => first(&mut self.errors.fault.faultcode, value),
            Field::FaultString11 => first(&mut self.errors.fault.faultstring, value),
            Field::CodeValue12 => first(&mut self.errors.fault.code_value, value),
            Field::SubcodeValue12 => first(&mut self.errors.fault.subcode_value, value),
            Field::ReasonText12 => first(&mut self.errors.fault.reason, value),
            Field::DirectType => first(&mut self.errors.direct.error_type, non_empty),
            Field::DirectCode => first(&mut self.errors.direct.code, value),
            Field::DirectMessage => first(&mut self.errors.direct.message, value),
            Field::Type | Field::Code | Field::Message => {
                if let Some(cur) = &mut self.errors.current {
                    match field {
                        Field::Type => first(&mut cur.error_type, non_empty),
                        Field::Code => first(&mut cur.code, value),
                        _ => first(&mut cur.message, value),
                    }
                }
            }
        }
    }
}

/// Keeps the first value given.
fn first<'a>(slot: &mut Option<Cow<'a, str>>, value: Option<Cow<'a, str>>) {
    if slot.is_none() {
        *slot = value;
    }
}
