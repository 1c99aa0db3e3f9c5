//! The unified result of a parse: [`Response`], tied to the bytes the pass
//! read, with the result built on demand.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use bytes::Bytes;

use crate::findings::Findings;
use crate::service::{Envelope, ErrorEntry, Outcome, ServiceError, owned};
use crate::span::{Fragment, ResultSource, Source};
use crate::tree::{Built, Value};
use crate::values;
use crate::{Error, Options};

/// What a service answered: the outcome, the envelope, the request id, the
/// errors, and the result, built on demand.
///
/// Parsing borrows every value that needs no decoding from the body;
/// [`into_owned`](Response::into_owned) detaches the response.
///
/// Serializing a `Response` (with serde) gives the CLI's JSON object; it
/// builds the result tree, and fails if that goes over
/// [`Limits::max_nodes`](crate::Limits::max_nodes).
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Envelope, Outcome, Response};
///
/// let body = b"<CreateQueueResponse><CreateQueueResult><QueueUrl>http://q/1</QueueUrl>\
///   </CreateQueueResult><ResponseMetadata><RequestId>r-1</RequestId>\
///   </ResponseMetadata></CreateQueueResponse>";
/// let response = aws_query_xml::parse(body)?;
/// assert_eq!(response.outcome(), Outcome::Success);
/// assert_eq!(response.envelope(), Envelope::ActionResponse);
/// assert_eq!(response.action(), Some("CreateQueue"));
/// assert_eq!(response.request_id(), Some("r-1"));
/// assert!(response.service_error().is_none());
/// let result = response.result()?.expect("a success has a result");
/// assert_eq!(result["QueueUrl"].as_str(), Some("http://q/1"));
/// // detached from the body, to keep beyond it
/// let owned: Response<'static> = response.into_owned();
/// assert_eq!(owned.request_id(), Some("r-1"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response<'a> {
    pub(crate) envelope: Envelope,
    pub(crate) soap: bool,
    pub(crate) action: Option<Cow<'a, str>>,
    /// The root's local name, when the result is its content (for paths).
    pub(crate) root: Option<Cow<'a, str>>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) error: Option<ServiceError<'a>>,
    pub(crate) result: Option<ResultSource<'a>>,
    /// A success whose result was not kept ([`Options::skip_result`]).
    pub(crate) result_skipped: bool,
    /// The `<Error>` with a `<Code>` directly under a success envelope's
    /// root: the error an HTTP error status reports.
    pub(crate) root_error: Option<ErrorEntry<'a>>,
    pub(crate) options: Options,
    /// The result's tree, when the parse built it.
    pub(crate) built: Built<'a>,
}

impl<'a> Response<'a> {
    /// Success or error: error exactly when [`service_error`](Self::service_error) is `Some`.
    pub fn outcome(&self) -> Outcome {
        if self.error.is_some() {
            Outcome::Error
        } else {
            Outcome::Success
        }
    }

    /// True when the outcome is success.
    pub fn is_success(&self) -> bool {
        self.error.is_none()
    }

    /// The envelope style.
    pub fn envelope(&self) -> Envelope {
        self.envelope
    }

    /// True when the envelope was wrapped in a SOAP `Envelope/Body`.
    pub fn is_soap(&self) -> bool {
        self.soap
    }

    /// The action: `X` for `<XResponse>` and `<XErrorResponse>` (and for a
    /// success of another root name carrying a request id, that name); `None`
    /// for the other envelopes.
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// The request id, wherever the envelope keeps it.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The errors, `None` for success.
    pub fn service_error(&self) -> Option<&ServiceError<'a>> {
        self.error.as_ref()
    }

    /// Takes the errors out of the response, `None` for success.
    pub fn into_service_error(self) -> Option<ServiceError<'a>> {
        self.error
    }

    /// Builds the result tree: `None` for an error, an object (possibly
    /// empty) for success, from the `<XResult>` element when the root has
    /// one, else from the root's children other than the request id,
    /// `ResponseMetadata` and `ResponseStatus`.
    ///
    /// An element with no child elements becomes a string (`""` if empty,
    /// whitespace as the [`Whitespace`](crate::Whitespace) policy says); one
    /// with child elements an object keyed by local name; a name that
    /// repeats an array in order; an element whose children are all `member`
    /// or all `item` an array of their values, even when there is one.
    ///
    /// The tree is built anew on each call; `parse` itself never pays for it.
    ///
    /// # Errors
    ///
    /// An [`Error`] naming [`Limit::Nodes`](crate::Limit::Nodes) when the result has more elements than
    /// [`Limits::max_nodes`](crate::Limits::max_nodes).
    ///
    /// # Examples
    ///
    /// ```
    /// let body = b"<ListIdentitiesResponse><ListIdentitiesResult><Identities>\
    ///   <member>a@example.com</member></Identities></ListIdentitiesResult>\
    ///   <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></ListIdentitiesResponse>";
    /// let response = aws_query_xml::parse(body)?;
    /// let result = response.result()?.unwrap();
    /// let identities = result.get("Identities").and_then(|v| v.as_array()).unwrap();
    /// assert_eq!(identities[0].as_str(), Some("a@example.com"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn result(&self) -> Result<Option<Value<'_>>, Error> {
        if self.error.is_some() || self.result_skipped {
            return Ok(None);
        }
        if let Some(value) = &self.built.0 {
            return Ok(Some(value.clone()));
        }
        match &self.result {
            None => Ok(Some(Value::empty_object())),
            Some(src) => values::build(src, self.options).map(Some),
        }
    }

    /// Detaches the response from the body: copies the values it borrows and
    /// the bytes of the result (not the whole body).
    pub fn into_owned(self) -> Response<'static> {
        Response {
            envelope: self.envelope,
            soap: self.soap,
            action: self.action.map(owned),
            root: self.root.map(owned),
            request_id: self.request_id.map(owned),
            error: self.error.map(ServiceError::into_owned),
            result: self.result.map(ResultSource::into_owned),
            result_skipped: self.result_skipped,
            root_error: self.root_error.map(ErrorEntry::into_owned),
            options: self.options,
            // gathered again from the owned bytes when asked for
            built: Built::default(),
        }
    }

    /// Detaches a response parsed from `body`'s bytes, sharing the result's
    /// bytes with `body` instead of copying them.
    pub(crate) fn share(self, body: &Bytes) -> Response<'static> {
        let mut response = Response {
            result: None,
            ..self
        };
        let result = self.result.map(|r| ResultSource {
            content: match r.content {
                Source::Borrowed(b) => Source::Shared(body.slice_ref(b)),
                Source::Shared(b) => Source::Shared(b),
            },
            base: r.base,
            root_children: r.root_children,
        });
        response.result = None;
        let mut owned = response.into_owned();
        owned.result = result;
        owned
    }
}

/// The `errors` array of the JSON form: empty for success.
struct Errors<'r, 'a>(Option<&'r ServiceError<'a>>);

impl Serialize for Errors<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(e) => e.errors.serialize(serializer),
            None => serializer
                .serialize_seq(Some(0))
                .and_then(serde::ser::SerializeSeq::end),
        }
    }
}

impl Serialize for Response<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // the tree the parse built, as it is; else built now
        let result = match &self.built.0 {
            Some(value) if self.error.is_none() && !self.result_skipped => {
                Some(Cow::Borrowed(value))
            }
            _ => self
                .result()
                .map_err(serde::ser::Error::custom)?
                .map(Cow::Owned),
        };
        let mut m = serializer.serialize_map(Some(7))?;
        m.serialize_entry("outcome", &self.outcome())?;
        m.serialize_entry("envelope", &self.envelope)?;
        m.serialize_entry("soap", &self.soap)?;
        m.serialize_entry("action", &self.action)?;
        m.serialize_entry("request_id", &self.request_id)?;
        m.serialize_entry("errors", &Errors(self.error.as_ref()))?;
        m.serialize_entry("result", &result)?;
        m.end()
    }
}

/// Tying a pass's findings to the bytes it read.
impl<'a> Findings<'a> {
    /// Ties the outcome to the whole body it was read from: borrows from it.
    pub(crate) fn into_response(self, body: &'a [u8], options: Options) -> Response<'a> {
        let result = self.result.map(|r| ResultSource {
            content: Source::Borrowed(&body[r.content.within(0, body.len())]),
            base: r.content.start,
            root_children: r.root_children,
        });
        let detail = self.error_span.map(|span| Fragment {
            content: Source::Borrowed(&body[span.within(0, body.len())]),
            base: span.start,
        });
        self.into_parts(result, detail, options)
    }

    /// Ties the outcome to a body read in slices: `captured` holds the bytes
    /// of the body from offset `at` that may hold the result (none when the
    /// result was skipped).
    pub(crate) fn into_stream_response(
        self,
        captured: Option<(u64, Bytes)>,
        captured_error: Option<(u64, Bytes)>,
        options: Options,
    ) -> Response<'static>
    where
        'a: 'static,
    {
        let result = match (self.result, captured) {
            (Some(r), Some((at, bytes))) => Some(ResultSource {
                content: Source::Shared(bytes.slice(r.content.within(at, bytes.len()))),
                base: r.content.start,
                root_children: r.root_children,
            }),
            _ => None,
        };
        let detail = match (self.error_span, captured_error) {
            (Some(span), Some((at, bytes))) => Some(Fragment {
                content: Source::Shared(bytes.slice(span.within(at, bytes.len()))),
                base: span.start,
            }),
            _ => None,
        };
        self.into_parts(result, detail, options)
    }

    fn into_parts(
        self,
        result: Option<ResultSource<'a>>,
        detail: Option<Fragment<'a>>,
        options: Options,
    ) -> Response<'a> {
        let skipped = options.skip_result && self.result.is_some();
        let result = if options.skip_result { None } else { result };
        let request_id = self.request_id;
        let error = (!self.errors.is_empty()).then(|| ServiceError {
            errors: self.errors,
            request_id: request_id.clone(),
            detail: if options.skip_result { None } else { detail },
            options,
        });
        Response {
            envelope: self.envelope,
            soap: self.soap,
            action: self.action,
            root: self.root,
            request_id,
            error,
            result,
            result_skipped: skipped,
            root_error: self.root_error,
            options,
            built: Built::default(),
        }
    }
}
