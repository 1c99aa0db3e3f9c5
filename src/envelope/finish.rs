//! The end of the pass: what the envelope was, decided from what the
//! machine read (the errors, the result's place, the action, the ids).

use std::borrow::Cow;

use super::{Errors, Machine, Root, Style};
use crate::codes::parse_code;
use crate::error::{EnvelopeFault, Error, ErrorKind, element_name};
use crate::findings::Findings;
use crate::service::{Envelope, ErrorEntry};
use crate::span::{ResultSpan, Span};

impl<'a> Machine<'a> {
    /// Ends the pass: decides the outcome.
    ///
    /// # Errors
    ///
    /// An envelope error when the document is not an AWS response.
    pub(crate) fn finish(self) -> Result<Findings<'a>, Error> {
        let Some(style) = self.style else {
            return Err(Error::new(
                ErrorKind::MalformedEnvelope(EnvelopeFault::EmptySoapBody),
                // the `Body` end tag, or the last token when there is no `Body`
                if self.root.content.end > 0 {
                    self.root.content.end
                } else {
                    self.last
                },
            ));
        };
        let Errors {
            read: mut errors,
            direct,
            first: first_error,
            ..
        } = self.errors;
        let mut result = None;
        let mut root_error = None;
        let envelope = match style {
            Style::Exception => {
                errors.push(direct.into_entry());
                Envelope::Exception
            }
            Style::ErrorResponse | Style::ResponseErrors | Style::ActionErrorResponse => {
                if errors.is_empty() && style == Style::ErrorResponse && direct.code.is_some() {
                    // restXml's `noErrorWrapping`: the error's members directly under the root
                    errors.push(direct.into_entry());
                }
                if errors.is_empty() {
                    return Err(Error::new(
                        ErrorKind::MalformedEnvelope(EnvelopeFault::NoError),
                        self.root.content.end,
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
                        ErrorKind::UnrecognizedEnvelope(element_name(&self.root.local)),
                        self.root.start,
                    ));
                }
                if errors.is_empty() && direct.code.is_some() {
                    root_error = Some(direct.into_entry());
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
                        _ => result = Some(self.root.result_span()),
                    }
                }
                Envelope::ActionResponse
            }
        };
        let action = match style {
            Style::Action { .. } | Style::ActionErrorResponse => {
                self.root.action.map(|len| match self.root.local {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[..len]),
                    Cow::Owned(ref o) => Cow::Owned(o[..len].to_owned()),
                })
            }
            _ => None,
        };
        let error_span = match first_error {
            Some((start, Some(end))) if !errors.is_empty() => Some(Span { start, end }),
            _ => None,
        };
        // the root's content is the result: the root names it in paths
        let root = result
            .is_some_and(|r| r.root_children)
            .then_some(self.root.local);
        Ok(Findings {
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

impl Root<'_> {
    /// Where the result of a success is: the `XResult` element's content,
    /// or the root's.
    fn result_span(&self) -> ResultSpan {
        match self.result {
            Some(content) => ResultSpan {
                content,
                root_children: false,
            },
            None => ResultSpan {
                content: self.content,
                root_children: true,
            },
        }
    }
}
