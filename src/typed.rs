//! Typed results: the entry points that deserialize (`from_slice`,
//! `from_reader`, `finish_as`, `detail_as`...), [`Success`], and the result
//! of a detached response read through its tree.

use std::io::Read;

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::de;
use crate::de::pull::Pulled;
use crate::span::{ResultSource, Source};
use crate::success::Success;
use crate::{Error, Options, Response, ServiceError, StreamParser};

/// Paths in error messages start at the result element
/// (`ReceiveMessageResult/Message[3]`), or at the root whose content is the
/// result (`DescribeRegionsResponse/regionInfo`).
pub(crate) fn result_name(response: &Response<'_>, root_children: bool) -> String {
    match (&response.action, &response.root) {
        (_, Some(root)) if root_children => root.to_string(),
        (Some(action), _) if !root_children => format!("{action}Result"),
        _ => String::new(),
    }
}

/// Deserializes the result of a detached response (from the streaming or
/// `Bytes` paths): the result's bytes belong to the response.
pub(crate) fn typed<T: DeserializeOwned>(
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
            &result_name(&response, src.root_children),
            options,
        )?,
        None => de::deserialize(&[], 0, false, "", options)?,
    };
    Ok(Success::new(result, response))
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
    ///   `Attribute`), and one occurrence is a list of one. A list whose
    ///   children are `member` and `item` both is an error. A tuple or an
    ///   array takes exactly its length in items: fewer or more is an error.
    /// - **Maps.** For a map target, the entries of a map: the element itself
    ///   when it holds a key (`key` or `Name`) and a value (`value` or
    ///   `Value`) and nothing else; its children when they are all `entry`
    ///   (or all `member`, or all `item`) and each holds a key and a value
    ///   and nothing else (wrapped); or each of a run of repeated siblings
    ///   (flattened), which must then all be such entries. Any other element
    ///   is its children by name, as [`Response::result`] has them (so
    ///   `<User><Name>bob</Name><Value>1</Value><Arn>x</Arn></User>` is
    ///   `{"Name": "bob", "Value": "1", "Arn": "x"}`, never a silent drop);
    ///   an empty element is an empty map, one holding text an error.
    ///   [`helpers::map_by_position`](crate::helpers::map_by_position) reads
    ///   entries of two children, whatever their names.
    /// - **Self-describing targets** (`serde_json::Value`, untagged enums:
    ///   `deserialize_any`) get exactly the tree [`Response::result`] gives
    ///   (its `serde::Serialize` form): the result an object of its
    ///   children; repeated names an array; an element whose children are
    ///   all `member` or all `item` an array; one without children its text
    ///   (`""` if empty) under the [`Whitespace`](crate::Whitespace) policy;
    ///   any other an object by name. No map convention applies.
    /// - **Scalars** come from the element's text, always trimmed whatever
    ///   the whitespace policy, and never from an element with children.
    ///   Integers: decimal digits with an optional sign (`+`, or `-` for a
    ///   signed type), no fraction, exponent or `0x`; beyond the type's range
    ///   an error. Floats: `NaN`, `Infinity` and `-Infinity` exactly (not
    ///   `inf`, `nan` or `+Infinity`); else an optional sign, digits with an
    ///   optional fraction (`1.`, `.5`) and an optional exponent (`1e3`),
    ///   rounded to the nearest value of the type (`1e-400` is `0`); a value
    ///   beyond the type's range (`1e400` into `f64`, `1e39` into `f32`) is an
    ///   error, never an infinity. Booleans: `true` or `false` exactly.
    ///   `char`: exactly one character. Unit enums by variant name. Only
    ///   string targets follow the [`Whitespace`](crate::Whitespace) policy.
    /// - `Option` for absent elements, nested structs, `#[serde(rename)]` for
    ///   XML names, unknown elements ignored, `Cow<'de, str>` (with
    ///   `#[serde(borrow)]`) borrowed when there is nothing to decode.
    ///   Timestamps and blobs arrive as strings.
    /// - **Errors** name the element's path from the result element
    ///   (`XResult/List/member[1]`, a flattened item `Message[0]`, the result
    ///   element itself read as a list of one `XResult[0]`; below the root
    ///   when the result is the root's content) and its offset.
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
                    return Ok(Success::new(result, response));
                }
                Some(Pulled::Service(error)) => return Err(Error::service(error)),
                None => {}
            }
        }
        // ... else through the result's tree, built in the envelope pass
        let (response, tree) =
            crate::entry::parse_slice_with_result::<crate::de::nodes::Builder<'de>>(body, *self)?;
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
        let name = result_name(&response, root_children);
        let result = match tree {
            Some(tree) => de::deserialize_tree(&tree?, &name, *self)?,
            None => de::deserialize(content, base, root_children, &name, *self)?,
        };
        Ok(Success::new(result, response))
    }
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
        self.feed_all(reader)?.finish_as()
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
        self.feed_all_async(reader).await?.finish_as()
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
    pub fn finish_as<T: DeserializeOwned>(mut self) -> Result<Success<T>, Error> {
        // the rest of a success read once, by the pull ...
        if let Some(success) = self.finish_pulled() {
            return Ok(success);
        }
        // ... else the response, and its result's tree
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
