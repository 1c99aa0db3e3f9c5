//! SOAP faults: 1.1 `faultcode`/`faultstring`/`detail` and 1.2
//! `Code{Value,Subcode{Value}}`/`Reason{Text}`/`Detail`, as one error.

use std::borrow::Cow;

use crate::codes::parse_code;
use crate::frames::{Field, Frame};
use crate::service::ErrorEntry;

/// The parts of a SOAP fault.
#[derive(Debug, Default, Clone)]
pub(crate) struct FaultParts<'a> {
    pub(crate) faultcode: Option<Cow<'a, str>>,
    pub(crate) faultstring: Option<Cow<'a, str>>,
    pub(crate) code_value: Option<Cow<'a, str>>,
    pub(crate) subcode_value: Option<Cow<'a, str>>,
    pub(crate) reason: Option<Cow<'a, str>>,
    pub(crate) detail: Option<Cow<'a, str>>,
}

/// The part of a `Cow` in `range`, borrowed when the `Cow` is.
fn slice<'a>(s: &Cow<'a, str>, range: std::ops::Range<usize>) -> Cow<'a, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(&b[range]),
        Cow::Owned(o) => Cow::Owned(o[range].to_owned()),
    }
}

/// Where a qualified value starts once its `prefix:` is dropped
/// (`soap:Sender` gives `Sender`). A colon after the first dot is the
/// code's own: `Client.Invalid:Thing` has no prefix.
fn unqualified_start(s: &str) -> usize {
    match (s.find(':'), s.find('.')) {
        (Some(colon), Some(dot)) if dot < colon => 0,
        (Some(colon), _) => colon + 1,
        (None, _) => 0,
    }
}

/// A SOAP fault class as an error type: SOAP 1.1's `Client`/`Server` are
/// 1.2's `Sender`/`Receiver`.
fn fault_type<'a>(s: &Cow<'a, str>, range: std::ops::Range<usize>) -> Option<Cow<'a, str>> {
    let t = match &s[range.clone()] {
        "" => return None,
        "Client" => Cow::Borrowed("Sender"),
        "Server" => Cow::Borrowed("Receiver"),
        _ => slice(s, range),
    };
    Some(t)
}

impl<'a> FaultParts<'a> {
    pub(crate) fn into_entry(self) -> ErrorEntry<'a> {
        let (error_type, code, message) = if let Some(fc) = &self.faultcode {
            // SOAP 1.1: `aws:Client.RequestExpired`; with no dot, the code is the word.
            let from = unqualified_start(fc);
            let (class, code) = match fc[from..].find('.') {
                Some(dot) => (from..from + dot, from + dot + 1..fc.len()),
                None => (from..fc.len(), from..fc.len()),
            };
            (fault_type(fc, class), slice(fc, code), self.faultstring)
        } else {
            // SOAP 1.2: `Code{Value, Subcode{Value}}`, `Reason{Text}`.
            let ty = self
                .code_value
                .as_ref()
                .and_then(|v| fault_type(v, unqualified_start(v)..v.len()));
            let code = match self.subcode_value.as_ref().or(self.code_value.as_ref()) {
                Some(v) => slice(v, unqualified_start(v)..v.len()),
                None => Cow::Borrowed(""),
            };
            (ty, code, self.reason.or(self.faultstring))
        };
        ErrorEntry {
            error_type,
            code: parse_code(&code),
            message,
            detail: self.detail,
            status: None,
        }
    }
}

/// The frame for a child of a SOAP fault part, `None` to skip it.
pub(crate) fn fault_child<'a>(frame: &Frame<'a>, local: &str) -> Option<Frame<'a>> {
    match frame {
        Frame::Fault => match local {
            "faultcode" => Some(Frame::Leaf(Field::FaultCode11, None, false)),
            "faultstring" => Some(Frame::Leaf(Field::FaultString11, None, false)),
            "detail" | "Detail" => Some(Frame::Detail {
                fault: true,
                text: None,
                has_child: false,
            }),
            "Code" => Some(Frame::FaultCode),
            "Reason" => Some(Frame::FaultReason),
            _ => None,
        },
        Frame::FaultCode => match local {
            "Value" => Some(Frame::Leaf(Field::CodeValue12, None, false)),
            "Subcode" => Some(Frame::FaultSubcode),
            _ => None,
        },
        Frame::FaultSubcode => {
            (local == "Value").then_some(Frame::Leaf(Field::SubcodeValue12, None, false))
        }
        Frame::FaultReason => {
            (local == "Text").then_some(Frame::Leaf(Field::ReasonText12, None, false))
        }
        _ => None,
    }
}
