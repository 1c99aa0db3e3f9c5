//! [`Draft`]: an owned unified response to write, built by hand, from a
//! parsed [`Response`], or read from the JSON the CLI's `parse` prints.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

use crate::{Envelope, Map, Outcome, Response, Value};

use super::RenderError;

/// One error of a [`Draft`]: its type, code, message and detail, as an
/// [`ErrorEntry`](crate::ErrorEntry) has them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct DraftEntry {
    #[serde(rename = "type", default)]
    error_type: Option<String>,
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    detail: Option<String>,
}

impl DraftEntry {
    /// An error with this code (any string: the empty code too).
    pub fn new(code: impl Into<String>) -> Self {
        DraftEntry {
            code: code.into(),
            ..DraftEntry::default()
        }
    }

    /// Sets the type (`Sender` or `Receiver`).
    #[must_use]
    pub fn with_type(mut self, error_type: impl Into<String>) -> Self {
        self.error_type = Some(error_type.into());
        self
    }

    /// Sets the message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the detail text.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// The type.
    pub fn error_type(&self) -> Option<&str> {
        self.error_type.as_deref()
    }

    /// The code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The detail.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }
}

/// A unified response to write with [`RenderOptions::render_draft`](super::RenderOptions::render_draft):
/// the fields of a [`Response`] (outcome, envelope, SOAP flag, action,
/// request id, errors, result), owned.
///
/// It deserializes (with serde) from exactly the JSON the CLI's `parse`
/// prints (the HTTP fields, `http_status` and `retryable` are ignored:
/// they are not written in a body).
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Draft, DraftEntry, Envelope, Map, RenderOptions, Value};
///
/// let mut result = Map::new();
/// result.insert("MessageId", Value::from("m-1"));
/// let ok = Draft::success("SendEmail").with_request_id("r-1").with_result(result);
/// let body = RenderOptions::new().render_draft(&ok)?;
/// let response = aws_query_xml::parse(&body)?;
/// assert_eq!(response.action(), Some("SendEmail"));
/// assert_eq!(response.result()?.unwrap()["MessageId"].as_str(), Some("m-1"));
///
/// let throttled = Draft::error(Envelope::ErrorResponse)
///     .with_error(DraftEntry::new("Throttling").with_type("Sender").with_message("Rate exceeded"));
/// let body = RenderOptions::new().render_draft(&throttled)?;
/// assert!(aws_query_xml::parse(&body)?.service_error().unwrap().code().is_retryable());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Json")]
pub struct Draft {
    outcome: Outcome,
    envelope: Envelope,
    soap: bool,
    action: Option<String>,
    request_id: Option<String>,
    errors: Vec<DraftEntry>,
    result: Option<Value<'static>>,
}

impl Draft {
    /// A success of `action` in an `action_response`, with an empty result.
    pub fn success(action: impl Into<String>) -> Self {
        Draft {
            outcome: Outcome::Success,
            envelope: Envelope::ActionResponse,
            soap: false,
            action: Some(action.into()),
            request_id: None,
            errors: Vec::new(),
            result: Some(Value::Object(Map::new())),
        }
    }

    /// An error outcome in this envelope, with no errors yet: push at least one.
    pub fn error(envelope: Envelope) -> Self {
        Draft {
            outcome: Outcome::Error,
            envelope,
            soap: envelope == Envelope::SoapFault,
            action: None,
            request_id: None,
            errors: Vec::new(),
            result: None,
        }
    }

    /// Sets the envelope style.
    #[must_use]
    pub fn with_envelope(mut self, envelope: Envelope) -> Self {
        self.envelope = envelope;
        self
    }

    /// Sets the SOAP flag.
    #[must_use]
    pub fn with_soap(mut self, soap: bool) -> Self {
        self.soap = soap;
        self
    }

    /// Sets the action (`X` of `XResponse` and `XErrorResponse`).
    #[must_use]
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    /// Sets the request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Adds an error.
    #[must_use]
    pub fn with_error(mut self, error: DraftEntry) -> Self {
        self.errors.push(error);
        self
    }

    /// Sets the result of a success (an object).
    #[must_use]
    pub fn with_result(mut self, result: Map<'_>) -> Self {
        self.result = Some(Value::Object(result.into_owned()));
        self
    }

    /// The outcome.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The envelope style.
    pub fn envelope(&self) -> Envelope {
        self.envelope
    }

    /// The SOAP flag.
    pub fn is_soap(&self) -> bool {
        self.soap
    }

    /// The action.
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The errors.
    pub fn errors(&self) -> &[DraftEntry] {
        &self.errors
    }

    /// The result (`None` for an error outcome).
    pub fn result(&self) -> Option<&Value<'static>> {
        self.result.as_ref()
    }

    /// The fields of a parsed response, detached from its body.
    ///
    /// # Errors
    ///
    /// [`RenderError::Result`] when its result tree cannot be built.
    pub fn from_response(response: &Response<'_>) -> Result<Self, RenderError> {
        let errors = response
            .service_error()
            .map(|e| {
                e.errors()
                    .iter()
                    .map(|entry| DraftEntry {
                        error_type: entry.error_type().map(str::to_owned),
                        code: entry.code().as_str().to_owned(),
                        message: entry.message().map(str::to_owned),
                        detail: entry.detail().map(str::to_owned),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Draft {
            outcome: response.outcome(),
            envelope: response.envelope(),
            soap: response.is_soap(),
            action: response.action().map(str::to_owned),
            request_id: response.request_id().map(str::to_owned),
            errors,
            result: response
                .result()
                .map_err(RenderError::Result)?
                .map(Value::into_owned),
        })
    }
}

/// The JSON `parse` prints, as read.
#[derive(Deserialize)]
struct Json {
    outcome: String,
    envelope: String,
    #[serde(default)]
    soap: bool,
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    errors: Vec<DraftEntry>,
    #[serde(default)]
    result: Option<JsonValue>,
}

impl TryFrom<Json> for Draft {
    type Error = String;

    fn try_from(json: Json) -> Result<Self, String> {
        let outcome = match json.outcome.as_str() {
            "success" => Outcome::Success,
            "error" => Outcome::Error,
            _ => return Err("unknown outcome: expected `success` or `error`".to_owned()),
        };
        let envelope = json
            .envelope
            .parse::<Envelope>()
            .map_err(|e| e.to_string())?;
        Ok(Draft {
            outcome,
            envelope,
            soap: json.soap,
            action: json.action,
            request_id: json.request_id,
            errors: json.errors,
            result: json.result.map(|v| v.0),
        })
    }
}

/// A result value read from JSON: strings, arrays and objects only.
struct JsonValue(Value<'static>);

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor).map(JsonValue)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a result value: a string, an array or an object")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(JsonValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Map::new();
        while let Some((k, JsonValue(v))) = map.next_entry::<String, JsonValue>()? {
            if out.insert(k, v).is_some() {
                return Err(de::Error::custom("a key repeats in a result object"));
            }
        }
        Ok(Value::Object(out))
    }
}
