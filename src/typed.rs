//! Typed results: the public face of the serde deserializer in `de.rs`.

use std::borrow::Cow;
use std::io::Read;

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::de;
use crate::de::pull::Pulled;
use crate::response::{ResultSource, Source};
use crate::{Error, Options, Response, ServiceError, StreamParser};

/// Paths in error messages start at the result element: `ReceiveMessageResult/Message[3]`.
fn result_name(action: Option<&str>, root_children: bool) -> String {
    match action {
        Some(action) if !root_children => format!("{action}Result"),
        _ => String::new(),
    }
}

/// A typed result and where it came from.
///
/// # Examples
///
/// ```
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct SendEmailResult<'a> {
///     #[serde(rename = "MessageId", borrow)]
///     message_id: std::borrow::Cow<'a, str>,
/// }
///
/// let body = b"<SendEmailResponse><SendEmailResult><MessageId>m-1</MessageId></SendEmailResult>\
///   <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></SendEmailResponse>";
/// let sent = aws_query_xml::from_slice::<SendEmailResult>(body)?;
/// assert_eq!(sent.result().message_id, "m-1");
/// assert_eq!(sent.request_id(), Some("r-1"));
/// assert_eq!(sent.action(), Some("SendEmail"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Success<T> {
    result: T,
    request_id: Option<String>,
    action: Option<String>,
}

impl<T> Success<T> {
    /// The typed result.
    pub fn result(&self) -> &T {
        &self.result
    }

    /// Takes the typed result.
    pub fn into_result(self) -> T {
        self.result
    }

    /// The request id the body carries.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The action (`X` of `<XResponse>`).
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }
}

/// Deserializes the result of a success envelope into `T`, the content of
/// `<XResult>` (or of the root for the 2007, EC2 and other-root styles, the
/// request id and metadata elements excluded). See [`Options::from_slice`].
///
/// # Errors
///
/// An error envelope gives an [`Error`] whose
/// [`service_error`](Error::service_error) holds it; a body that is not an
/// AWS response gives the [`parse`](crate::parse) error; a result that does
/// not fit `T` gives an [`ErrorKind::Deserialize`](crate::ErrorKind::Deserialize) error naming the element's
/// path, with its offset.
///
/// # Examples
///
/// ```
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct GetQueueUrlResult {
///     queue_url: String,
/// }
///
/// let body = b"<GetQueueUrlResponse><GetQueueUrlResult>\
///   <QueueUrl>https://sqs.us-east-1.amazonaws.com/123456789012/q</QueueUrl>\
///   </GetQueueUrlResult></GetQueueUrlResponse>";
/// let result: GetQueueUrlResult = aws_query_xml::from_slice(body)?.into_result();
/// assert_eq!(result.queue_url, "https://sqs.us-east-1.amazonaws.com/123456789012/q");
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn from_slice<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<Success<T>, Error> {
    Options::new().from_slice(body)
}

/// [`from_slice`] for a body held in a `&str`.
///
/// # Errors
///
/// As [`from_slice`].
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
///
/// #[derive(serde::Deserialize)]
/// struct SendEmailResult<'a> {
///     #[serde(rename = "MessageId", borrow)]
///     message_id: Cow<'a, str>,
/// }
///
/// let body = "<SendEmailResponse><SendEmailResult><MessageId>m-1</MessageId>\
///   </SendEmailResult></SendEmailResponse>";
/// let sent: SendEmailResult = aws_query_xml::from_str(body)?.into_result();
/// assert!(matches!(sent.message_id, Cow::Borrowed("m-1"))); // borrowed from `body`
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn from_str<'de, T: Deserialize<'de>>(body: &'de str) -> Result<Success<T>, Error> {
    Options::new().from_slice(body.as_bytes())
}

/// [`from_slice`] for a body read from any [`Read`]er, with the default
/// [`Options`]; see [`Options::from_reader`].
///
/// # Errors
///
/// As [`from_slice`], and [`Options::parse_reader`]'s I/O errors.
///
/// # Examples
///
/// ```
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct GetCallerIdentityResult {
///     account: String,
/// }
///
/// let file: &[u8] = b"<GetCallerIdentityResponse><GetCallerIdentityResult>\
///   <Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";
/// let identity = aws_query_xml::from_reader::<GetCallerIdentityResult, _>(file)?;
/// assert_eq!(identity.result().account, "123456789012");
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn from_reader<T: DeserializeOwned, R: Read>(reader: R) -> Result<Success<T>, Error> {
    Options::new().from_reader(reader)
}

impl Options {
    /// Deserializes the result of a success envelope into `T`, with these
    /// options.
    ///
    /// # Conventions
    ///
    /// - **Lists.** For a sequence target, an element that occurs once and
    ///   whose children are all `member` (Query) or all `item` (EC2), or that
    ///   is empty (`<List/>` is `[]`), is a wrapped list; otherwise the
    ///   repeated siblings of that name are a flattened list (SQS `Message`,
    ///   `Attribute`), and one occurrence is a list of one.
    /// - **Maps.** For a map target, entries named `entry` inside the element
    ///   (wrapped) or the repeated siblings themselves (flattened); the key
    ///   is the child `key` or `Name`, the value the child `value` or `Value`.
    ///   An element without such entries maps its children by name.
    /// - **Scalars** come from text: integers, floats (`NaN`, `Infinity`,
    ///   `-Infinity`), booleans (`true`/`false`), unit enums by name, always
    ///   trimmed whatever the whitespace policy. Only string targets follow
    ///   the [`Whitespace`](crate::Whitespace) policy.
    /// - `Option` for absent elements, nested structs, `#[serde(rename)]` for
    ///   XML names, unknown elements ignored, `Cow<'de, str>` (with
    ///   `#[serde(borrow)]`) borrowed when there is nothing to decode.
    ///   Timestamps and blobs arrive as strings.
    ///
    /// # Errors
    ///
    /// As [`from_slice`].
    pub fn from_slice<'de, T: Deserialize<'de>>(
        &self,
        body: &'de [u8],
    ) -> Result<Success<T>, Error> {
        // pulled from the tokens when serde reads it in document order ...
        if !self.skip_result {
            match de::pull::from_slice::<T>(body, *self) {
                Some(Pulled::Success(response, result)) => {
                    return Ok(Success {
                        result,
                        request_id: response.request_id.map(Cow::into_owned),
                        action: response.action.map(Cow::into_owned),
                    });
                }
                Some(Pulled::Service(response)) => {
                    if let Some(error) = response.error {
                        return Err(Error::service(error));
                    }
                }
                None => {}
            }
        }
        // ... else through the result's tree, built in the envelope pass
        let (response, tree) = crate::envelope::parse_slice_with_result(body, *self)?;
        if let Some(error) = response.error {
            return Err(Error::service(error));
        }
        let (content, base, root_children): (&'de [u8], u64, bool) = match response.result {
            Some(ResultSource {
                content: Source::Borrowed(content),
                base,
                root_children,
            }) => (content, base, root_children),
            _ => (&[], 0, false),
        };
        let name = result_name(response.action.as_deref(), root_children);
        let result = match tree {
            Some(tree) => de::deserialize_tree(&tree?, &name, *self)?,
            None => de::deserialize(content, base, root_children, &name, *self)?,
        };
        Ok(Success {
            result,
            request_id: response.request_id.map(Cow::into_owned),
            action: response.action.map(Cow::into_owned),
        })
    }
}

/// Deserializes the result of a detached response (from the streaming or
/// `Bytes` paths): the result's bytes belong to the response.
fn typed<T: DeserializeOwned>(
    response: Response<'static>,
    options: Options,
) -> Result<Success<T>, Error> {
    if let Some(error) = response.error {
        return Err(Error::service(error));
    }
    let result = match &response.result {
        Some(src) => de::deserialize(
            &src.content,
            src.base,
            src.root_children,
            &result_name(response.action.as_deref(), src.root_children),
            options,
        )?,
        None => de::deserialize(&[], 0, false, "", options)?,
    };
    Ok(Success {
        result,
        request_id: response.request_id.map(Cow::into_owned),
        action: response.action.map(Cow::into_owned),
    })
}

impl Options {
    /// [`Options::from_slice`] for a body held in [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html).
    ///
    /// # Errors
    ///
    /// As [`from_slice`].
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::Options;
    /// use bytes::Bytes;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct CreateQueueResult {
    ///     #[serde(rename = "QueueUrl")]
    ///     queue_url: String,
    /// }
    ///
    /// let body = Bytes::from_static(b"<CreateQueueResponse><CreateQueueResult>\
    ///   <QueueUrl>http://q/1</QueueUrl></CreateQueueResult></CreateQueueResponse>");
    /// let created = Options::new().from_bytes::<CreateQueueResult>(&body)?;
    /// assert_eq!(created.into_result().queue_url, "http://q/1");
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn from_bytes<T: DeserializeOwned>(&self, body: &Bytes) -> Result<Success<T>, Error> {
        // `T` owns its data, so the body need not outlive this call
        self.from_slice(body)
    }

    /// [`Options::from_slice`] for a body read chunk by chunk from any
    /// [`Read`]er (see [`Options::parse_reader`]).
    ///
    /// # Errors
    ///
    /// As [`from_slice`], and [`Options::parse_reader`]'s I/O errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{ErrorCode, Options};
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// struct GetUserResult {}
    ///
    /// let body: &[u8] = b"<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>\
    ///   <Message>The user with name bob cannot be found.</Message></Error>\
    ///   <RequestId>r-404</RequestId></ErrorResponse>";
    /// let err = Options::new().from_reader::<GetUserResult, _>(body).unwrap_err();
    /// let service = err.service_error().expect("an error envelope");
    /// assert_eq!(service.code(), &ErrorCode::NoSuchEntity);
    /// assert_eq!(service.code().http_status(), Some(404));
    /// ```
    pub fn from_reader<T: DeserializeOwned, R: Read>(
        &self,
        reader: R,
    ) -> Result<Success<T>, Error> {
        typed(self.parse_reader(reader)?, *self)
    }

    /// [`Options::from_slice`] for a body read from an async reader (see
    /// [`Options::parse_async`]).
    ///
    /// # Errors
    ///
    /// As [`Options::from_reader`].
    ///
    /// # Examples
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// use aws_query_xml::Options;
    ///
    /// #[derive(serde::Deserialize)]
    /// #[serde(rename_all = "PascalCase")]
    /// struct ListQueuesResult {
    ///     #[serde(default)]
    ///     queue_url: Vec<String>, // flattened: one `<QueueUrl>` per queue
    /// }
    ///
    /// let body: &[u8] = b"<ListQueuesResponse><ListQueuesResult>\
    ///   <QueueUrl>http://q/a</QueueUrl><QueueUrl>http://q/b</QueueUrl>\
    ///   </ListQueuesResult></ListQueuesResponse>";
    /// let queues = Options::new().from_async::<ListQueuesResult, _>(body).await?;
    /// assert_eq!(queues.result().queue_url, ["http://q/a", "http://q/b"]);
    /// # Ok::<(), aws_query_xml::Error>(())
    /// # }).unwrap();
    /// ```
    #[cfg(feature = "tokio")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
    pub async fn from_async<T, R>(&self, reader: R) -> Result<Success<T>, Error>
    where
        T: DeserializeOwned,
        R: tokio::io::AsyncRead + Unpin,
    {
        typed(self.parse_async(reader).await?, *self)
    }
}

impl StreamParser {
    /// Ends the input, like [`finish`](StreamParser::finish), and
    /// deserializes the result into `T` (see [`Options::from_slice`]).
    ///
    /// # Errors
    ///
    /// As [`finish`](StreamParser::finish) and [`from_slice`].
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::StreamParser;
    /// use bytes::Bytes;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct SendMessageResult {
    ///     #[serde(rename = "MessageId")]
    ///     message_id: String,
    /// }
    ///
    /// let mut parser = StreamParser::new();
    /// parser.feed(Bytes::from_static(b"<SendMessageResponse><SendMessageResult><Mess"))?;
    /// parser.feed(Bytes::from_static(b"ageId>m-7</MessageId></SendMessageResult></SendMessageResponse>"))?;
    /// let sent = parser.finish_as::<SendMessageResult>()?;
    /// assert_eq!(sent.result().message_id, "m-7");
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn finish_as<T: DeserializeOwned>(self) -> Result<Success<T>, Error> {
        let options = self.options;
        typed(self.finish()?, options)
    }
}

impl ServiceError<'_> {
    /// Deserializes the children of the primary `<Error>` element into `T`
    /// with the same conventions as [`from_slice`]: the modelled members of
    /// an error, beside its `Code` and `Message`.
    ///
    /// # Errors
    ///
    /// An [`Error`] when the members do not fit `T`, or when the body of the
    /// error was not kept (a SOAP fault, or [`Options::skip_result`]).
    ///
    /// # Examples
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct ComplexError {
    ///     #[serde(rename = "TopLevel")]
    ///     top_level: String,
    /// }
    /// let body = b"<ErrorResponse><Error><Code>ComplexError</Code><TopLevel>Top level</TopLevel>\
    ///   </Error><RequestId>r</RequestId></ErrorResponse>";
    /// let response = aws_query_xml::parse(body)?;
    /// let detail: ComplexError = response.service_error().unwrap().detail_as()?;
    /// assert_eq!(detail.top_level, "Top level");
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn detail_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        match &self.detail {
            Some(src) => de::deserialize(&src.content, src.base, false, "Error", self.options),
            None => Err(Error::not_kept()),
        }
    }
}
