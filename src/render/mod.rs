//! Writing responses: a unified response (a parsed [`Response`] or a
//! [`Draft`]) in any envelope style, or a serde type as an action's result,
//! as a Query-protocol body that the parser reads back exactly.

mod draft;
mod key;
mod ser;
mod styles;
mod tree;
mod writer;

use crate::{Envelope, Limit, Limits, Response};

pub use draft::{Draft, DraftEntry};

/// Why a response cannot be written: the body would not read back as it
/// is, or would be refused by the parser. Never a partial body.
///
/// Messages name the field (`errors[0].message`, `result/Users[1]/Name`),
/// never its text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The envelope `none` is built from an HTTP status, not from a body.
    #[error("envelope `none` has no body: it is built from an HTTP status")]
    NoEnvelope,
    /// The style cannot carry a part of the response (an action in an error
    /// envelope, several errors in a bare `<Error>`, an error type other
    /// than `Sender`/`Receiver` in a SOAP fault...).
    #[error("style `{style}` cannot carry {what}")]
    #[non_exhaustive]
    Unsupported {
        /// The style's JSON name (`soap_fault`, ...).
        style: &'static str,
        /// What it cannot carry.
        what: String,
    },
    /// The response contradicts itself (an error outcome without errors, a
    /// success with errors or without a result object).
    #[error("inconsistent response: {0}")]
    Inconsistent(&'static str),
    /// A character XML 1.0 cannot carry (a control character, U+FFFE...).
    #[error("`{field}` holds a character XML cannot carry (U+{:04X})", u32::from(*c))]
    #[non_exhaustive]
    InvalidChar {
        /// The field, such as `errors[0].message`.
        field: String,
        /// The character.
        c: char,
    },
    /// A name that cannot be an element's name (for a result key, an
    /// action, an exception's code): not an XML name, or holding `:`.
    #[error("`{field}` is not an XML element name")]
    InvalidName {
        /// The field, such as `action` or `result/a b`.
        field: String,
    },
    /// The body would go over one of the parser's [`Limits`] (by default the
    /// default limits; see [`RenderOptions::limits`]).
    #[error("`{field}` is over limit `{limit}` = {max}")]
    #[non_exhaustive]
    OverLimit {
        /// The field, element or list that is too large or too deep.
        field: String,
        /// The limit.
        limit: Limit,
        /// The limit's value.
        max: usize,
    },
    /// The result tree of a [`Response`] could not be built (over
    /// `max_nodes`).
    #[error("cannot build the response's result")]
    Result(#[source] crate::Error),
    /// A serde type that this crate cannot write as a Query result.
    #[error("cannot serialize `{path}`: {message}")]
    #[non_exhaustive]
    Serialize {
        /// Where, such as `Messages/member`.
        path: String,
        /// Why.
        message: String,
    },
}

impl serde::ser::Error for RenderError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        RenderError::Serialize {
            path: String::new(),
            message: msg.to_string(),
        }
    }
}

/// The SOAP version of a SOAP envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SoapVersion {
    /// SOAP 1.1: `http://schemas.xmlsoap.org/soap/envelope/`,
    /// `faultcode`/`faultstring`/`detail`.
    V1_1,
    /// SOAP 1.2: `http://www.w3.org/2003/05/soap-envelope`,
    /// `Code/Value`, `Subcode/Value`, `Reason/Text`, `Detail`.
    V1_2,
}

/// Where an `action_response` keeps its request id and its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ActionForm {
    /// `<XResponse><XResult>...</XResult><ResponseMetadata><RequestId>`
    /// (SES, SNS, IAM, STS, SQS 2012).
    #[default]
    Modern,
    /// The 2007 style: `<ResponseStatus><StatusCode>Success</StatusCode>
    /// <RequestId>` and the result's members under the root.
    ResponseStatus,
    /// EC2's: a root `<requestId>` and the result's members under the root.
    Ec2,
}

/// How arrays are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Arrays {
    /// `<Name><member>...</member></Name>` (Query).
    #[default]
    Member,
    /// `<Name><item>...</item></Name>` (EC2).
    Item,
    /// `<Name>...</Name><Name>...</Name>`: one element per item. An array
    /// that would not read back so (a single item, an item that is itself
    /// an array) is written as a `member` list instead; a serde map is
    /// written as repeated `<Name><Name>k</Name><Value>v</Value></Name>`.
    Flattened,
}

/// Whether to wrap the body in a SOAP envelope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
enum Soap {
    /// As the response says (`soap` flag; SOAP 1.1 when it says yes).
    #[default]
    Auto,
    Off,
    On(SoapVersion),
}

/// How to write a response: the style and the formatting.
///
/// The defaults write the response in its own envelope (and SOAP flag),
/// compact, LF line ends, no XML declaration, no namespace, text escaped
/// with entities, arrays as `member` lists, `action_response` in its modern
/// form; and refuse a body that the parser's default [`Limits`] would refuse.
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Envelope, RenderOptions};
///
/// let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
///   <Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
/// let response = aws_query_xml::parse(body)?;
/// let soap = RenderOptions::new().style(Envelope::SoapFault).pretty(true).render(&response)?;
/// let back = aws_query_xml::parse(&soap)?;
/// assert_eq!(back.envelope(), Envelope::SoapFault);
/// assert_eq!(back.service_error().unwrap().code().as_str(), "Throttling");
/// assert_eq!(back.request_id(), Some("r-1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[allow(clippy::struct_excessive_bools)] // each a formatting knob with its builder method
pub struct RenderOptions {
    pub(crate) style: Option<Envelope>,
    soap: Soap,
    pub(crate) form: ActionForm,
    pub(crate) arrays: Arrays,
    pretty: bool,
    indent: usize,
    crlf: bool,
    cdata: bool,
    declaration: bool,
    pub(crate) namespace: Option<String>,
    pub(crate) prefix: Option<String>,
    limits: Limits,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            style: None,
            soap: Soap::Auto,
            form: ActionForm::Modern,
            arrays: Arrays::Member,
            pretty: false,
            indent: 2,
            crlf: false,
            cdata: false,
            declaration: false,
            namespace: None,
            prefix: None,
            limits: Limits::default(),
        }
    }
}

impl RenderOptions {
    /// The default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes the response in this envelope style instead of its own.
    #[must_use]
    pub fn style(mut self, style: Envelope) -> Self {
        self.style = Some(style);
        self
    }

    /// Wraps the body in a SOAP `Envelope/Body` of this version (a
    /// `soap_fault` is written in it); the default follows the response.
    #[must_use]
    pub fn soap(mut self, version: SoapVersion) -> Self {
        self.soap = Soap::On(version);
        self
    }

    /// Writes the body without a SOAP envelope, whatever the response says
    /// (a `soap_fault` is then refused).
    #[must_use]
    pub fn no_soap(mut self) -> Self {
        self.soap = Soap::Off;
        self
    }

    /// The form of an `action_response` (default [`ActionForm::Modern`]).
    #[must_use]
    pub fn action_form(mut self, form: ActionForm) -> Self {
        self.form = form;
        self
    }

    /// How arrays are written (default [`Arrays::Member`]).
    #[must_use]
    pub fn arrays(mut self, arrays: Arrays) -> Self {
        self.arrays = arrays;
        self
    }

    /// One element a line, indented (default compact: no whitespace between
    /// elements). Text is never re-indented.
    #[must_use]
    pub fn pretty(mut self, pretty: bool) -> Self {
        self.pretty = pretty;
        self
    }

    /// Spaces a level when pretty (default 2).
    #[must_use]
    pub fn indent(mut self, spaces: usize) -> Self {
        self.indent = spaces;
        self
    }

    /// CRLF line ends (when pretty, and after the declaration).
    #[must_use]
    pub fn crlf(mut self, crlf: bool) -> Self {
        self.crlf = crlf;
        self
    }

    /// Text as CDATA sections instead of entities.
    #[must_use]
    pub fn cdata(mut self, cdata: bool) -> Self {
        self.cdata = cdata;
        self
    }

    /// Starts the body with `<?xml version="1.0" encoding="UTF-8"?>`.
    #[must_use]
    pub fn declaration(mut self, declaration: bool) -> Self {
        self.declaration = declaration;
        self
    }

    /// Declares this namespace on the response's root element, such as
    /// `https://email.amazonaws.com/doc/2010-03-31/`.
    #[must_use]
    pub fn namespace(mut self, uri: impl Into<String>) -> Self {
        self.namespace = Some(uri.into());
        self
    }

    /// Binds the namespace to this prefix and writes every element of the
    /// response with it (`<ses:SendEmailResponse xmlns:ses="...">`); without
    /// a [`namespace`](Self::namespace), the prefix alone is written.
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// The limits the body must stay within (default [`Limits::default`]):
    /// a body the parser would refuse under them is not written.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Writes a parsed response.
    ///
    /// # Errors
    ///
    /// A [`RenderError`] when the style cannot carry the response exactly,
    /// or when its result tree cannot be built.
    pub fn render(&self, response: &Response<'_>) -> Result<Vec<u8>, RenderError> {
        self.render_draft(&Draft::from_response(response)?)
    }

    /// Writes a draft.
    ///
    /// # Errors
    ///
    /// A [`RenderError`] when the style cannot carry the draft exactly
    /// (see its variants): nothing is written lossily.
    pub fn render_draft(&self, draft: &Draft) -> Result<Vec<u8>, RenderError> {
        let style = self.style.unwrap_or(draft.envelope());
        let soap = match (self.soap, style) {
            (Soap::On(v), _) => Some(v),
            (Soap::Off, Envelope::SoapFault) => {
                return Err(RenderError::Unsupported {
                    style: "soap_fault",
                    what: "a body without a SOAP envelope".to_owned(),
                });
            }
            (Soap::Off, _) => None,
            (Soap::Auto, Envelope::SoapFault) => Some(SoapVersion::V1_1),
            (Soap::Auto, _) => draft.is_soap().then_some(SoapVersion::V1_1),
        };
        let mut w = self.writer();
        styles::render(self, &mut w, draft, style, soap)?;
        Ok(w.finish())
    }

    /// Serializes `value` as the result of a successful `action` (in an
    /// `action_response` in the options' form and SOAP version), with the
    /// conventions [`from_slice`](crate::from_slice) reads: struct fields
    /// and map keys as elements, sequences as `member` (or `item`, or
    /// flattened) lists, maps as `entry`/`key`/`value` (flattened:
    /// `Name`/`Value`), `None` as an absent element, scalars as text, unit
    /// variants by name.
    ///
    /// # Errors
    ///
    /// A [`RenderError::Serialize`] for what the conventions cannot carry
    /// (bytes, a data-carrying enum variant, a map key that is not a
    /// string, a number, a bool or a unit variant, `None` in a list or as a
    /// map's value, a top-level value that is not a struct or a map, a
    /// member named like the envelope's in the 2007 and EC2 forms), and the
    /// other errors of [`render_draft`](Self::render_draft) (a name that is
    /// not an XML name, a character XML cannot carry, a limit).
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::RenderOptions;
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    /// #[serde(rename_all = "PascalCase")]
    /// struct GetSendQuotaResult { max24_hour_send: f64, sent_last24_hours: f64 }
    ///
    /// let quota = GetSendQuotaResult { max24_hour_send: 200.0, sent_last24_hours: 1.5 };
    /// let body = RenderOptions::new().serialize("GetSendQuota", Some("r-1"), &quota)?;
    /// let back = aws_query_xml::from_slice::<GetSendQuotaResult>(&body)?;
    /// assert_eq!(back.request_id(), Some("r-1"));
    /// assert_eq!(back.into_result(), quota);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn serialize<T: serde::Serialize + ?Sized>(
        &self,
        action: &str,
        request_id: Option<&str>,
        value: &T,
    ) -> Result<Vec<u8>, RenderError> {
        let soap = match self.soap {
            Soap::On(v) => Some(v),
            Soap::Off | Soap::Auto => None,
        };
        let mut w = self.writer();
        styles::serialize(self, &mut w, action, request_id, soap, value)?;
        Ok(w.finish())
    }

    fn writer(&self) -> writer::Writer {
        let mut w = writer::Writer::new(
            self.pretty.then_some(self.indent),
            self.crlf,
            self.cdata,
            self.limits,
        );
        if self.declaration {
            w.declaration();
        }
        w
    }

    pub(crate) fn max_errors(&self) -> usize {
        self.limits.max_errors
    }

    pub(crate) fn max_nodes(&self) -> usize {
        self.limits.max_nodes
    }
}

/// Writes a parsed response in its own envelope, with the default
/// [`RenderOptions`]: parsing the body gives the same response (its JSON
/// form).
///
/// # Errors
///
/// As [`RenderOptions::render`].
///
/// # Examples
///
/// ```
/// let body = b"<Response><Errors><Error><Code>RequestLimitExceeded</Code>\
///   <Message>Request limit exceeded.</Message></Error></Errors>\
///   <RequestID>r-9</RequestID></Response>";
/// let response = aws_query_xml::parse(body)?;
/// let written = aws_query_xml::render(&response)?;
/// let again = aws_query_xml::parse(&written)?;
/// assert_eq!(serde_json::to_value(&again)?, serde_json::to_value(&response)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render(response: &Response<'_>) -> Result<Vec<u8>, RenderError> {
    RenderOptions::new().render(response)
}
