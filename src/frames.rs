//! What the envelope machine is inside of: its frames (the envelope
//! elements open, innermost last) and the fields whose text it reads. Below
//! both the machine (`envelope`) and the SOAP fault rules (`soap`), which
//! share them.

use crate::text::Text;

/// A leaf whose text the machine wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Type,
    Code,
    Message,
    RequestId,
    StatusCode,
    FaultCode11,
    FaultString11,
    CodeValue12,
    SubcodeValue12,
    ReasonText12,
    /// `Type`, `Code`, `Message` directly under `<ErrorResponse>`.
    DirectType,
    DirectCode,
    DirectMessage,
}

/// An element the machine is inside of.
#[derive(Debug, Clone)]
pub(crate) enum Frame<'a> {
    SoapEnvelope,
    SoapBody,
    Root,
    Errors,
    Error,
    Metadata,
    Status,
    Fault,
    FaultCode,
    FaultSubcode,
    FaultReason,
    /// The first `<Error>` directly under a success envelope's root: read
    /// only when an HTTP error status makes the response an error.
    RootError,
    /// A leaf: its text, and whether it held an element (then it has no value).
    Leaf(Field, Option<Text<'a>>, bool),
    /// `Detail`/`detail` of an `Error` (`fault == false`) or a SOAP fault.
    Detail {
        fault: bool,
        text: Option<Text<'a>>,
        has_child: bool,
    },
}

/// The envelope elements the machine is inside of, innermost last: at most
/// [`Frames::MAX`], the depth of the deepest envelope (SOAP 1.2's
/// `Envelope/Body/Fault/Code/Subcode/Value`, or
/// `Envelope/Body/Response/Errors/Error/Code`), held in place.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frames<'a> {
    items: [Option<Frame<'a>>; Frames::MAX],
    len: usize,
}

impl<'a> Frames<'a> {
    const MAX: usize = 6;

    /// `false` (and nothing pushed) when full.
    pub(crate) fn push(&mut self, frame: Frame<'a>) -> bool {
        let Some(slot) = self.items.get_mut(self.len) else {
            return false;
        };
        *slot = Some(frame);
        self.len += 1;
        true
    }

    pub(crate) fn pop(&mut self) -> Option<Frame<'a>> {
        self.len = self.len.checked_sub(1)?;
        self.items[self.len].take()
    }

    pub(crate) fn last(&self) -> Option<&Frame<'a>> {
        self.items[..self.len].last()?.as_ref()
    }

    pub(crate) fn last_mut(&mut self) -> Option<&mut Frame<'a>> {
        self.items[..self.len].last_mut()?.as_mut()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
}
