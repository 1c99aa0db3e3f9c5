//! The entry points, all in one place: a body in (whole, `Bytes`, a reader,
//! an async reader, a push parser's chunks), a response or a typed result
//! out. Each runs the one token loop of [`crate::pass`].

use std::io::Read;

use bytes::Bytes;

use crate::capture::READ_CHUNK;
use crate::envelope::Machine;
use crate::pass::{Grow, NoResult, ResultTrees, drive};
use crate::tokens::Tokenizer;
use crate::{Error, Options, Response, StreamParser};

/// Parses a whole response body with the default [`Options`].
///
/// An error envelope (`<ErrorResponse>`, `<Response><Errors>`, a SOAP fault...)
/// is `Ok`: it is data, in [`Response::service_error`].
///
/// # Errors
///
/// An [`Error`] when the body is not an AWS response: empty or only
/// whitespace, truncated, not well-formed XML (mismatched tags, a second
/// root, content after the root), HTML, JSON, not UTF-8, holding a DOCTYPE or
/// an unknown entity, an unrecognized root element, an error envelope with no
/// `<Error>`, or over one of the default [`Limits`](crate::Limits). Every such error carries
/// the byte offset where it went wrong.
///
/// # Examples
///
/// ```
/// use aws_query_xml::{Envelope, ErrorCode, Outcome};
///
/// let body = br#"<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
///   <Error>
///     <Type>Sender</Type>
///     <Code>MessageRejected</Code>
///     <Message>Email address is not verified.</Message>
///   </Error>
///   <RequestId>42d59b56-7407-4c4a-be0f-4c88daeea257</RequestId>
/// </ErrorResponse>"#;
/// let response = aws_query_xml::parse(body)?;
/// assert_eq!(response.outcome(), Outcome::Error);
/// assert_eq!(response.envelope(), Envelope::ErrorResponse);
/// assert_eq!(response.request_id(), Some("42d59b56-7407-4c4a-be0f-4c88daeea257"));
/// let error = response.service_error().unwrap();
/// assert_eq!(error.code(), &ErrorCode::MessageRejected);
/// assert_eq!(error.error_type(), Some("Sender"));
/// assert!(!error.code().is_retryable());
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn parse(body: &[u8]) -> Result<Response<'_>, Error> {
    Options::new().parse(body)
}

impl Options {
    /// Parses a whole body with these options. See [`parse`](crate::parse).
    ///
    /// # Errors
    ///
    /// An [`Error`] when the body is not an AWS response: empty, truncated,
    /// not well-formed or refused XML, not UTF-8, an unrecognized root, an
    /// error envelope without an error, or over a limit. A well-formed error
    /// envelope is not an error: it is an `Ok` response.
    pub fn parse<'a>(&self, body: &'a [u8]) -> Result<Response<'a>, Error> {
        if self.build_result && !self.skip_result {
            let (mut response, tree) = crate::entry::parse_slice_with_result::<
                crate::values::ValueBuilder<'a>,
            >(body, *self)?;
            // over `max_nodes`, `result` gathers again and says so
            response.built = crate::tree::Built(tree.and_then(Result::ok));
            return Ok(response);
        }
        crate::entry::parse_slice(body, *self)
    }
}

impl Options {
    /// A push parser with these options.
    pub fn stream(&self) -> StreamParser {
        StreamParser::with_options(*self)
    }

    /// Parses a body held in [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html): the result shares its memory.
    ///
    /// # Errors
    ///
    /// As [`Options::parse`].
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{Options, Response};
    /// use bytes::Bytes;
    ///
    /// let body = Bytes::from_static(b"<GetUserResponse><GetUserResult><User>\
    ///   <UserName>bob</UserName></User></GetUserResult></GetUserResponse>");
    /// // `'static`: the response holds a share of `body`, not a borrow
    /// let response: Response<'static> = Options::new().parse_bytes(&body)?;
    /// drop(body);
    /// let result = response.result()?.unwrap();
    /// assert_eq!(result["User"]["UserName"].as_str(), Some("bob"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn parse_bytes(&self, body: &Bytes) -> Result<Response<'static>, Error> {
        let response = self.parse(body)?;
        Ok(response.share(body))
    }

    /// Parses a body from any [`Read`]er (a file, a socket, an HTTP
    /// client's body), 16 KiB at a time, through the push parser: memory
    /// holds the unfinished token, the envelope and, unless
    /// [`skip_result`](Options::skip_result) is set, the result's bytes.
    /// The reader needs no buffering of its own.
    ///
    /// # Errors
    ///
    /// As [`Options::parse`]; and an [`ErrorKind::Io`](crate::ErrorKind::Io)
    /// error, at the offset reached, when the reader fails (the reader's own
    /// error is [`Error::io_error`]). A read interrupted by a signal is
    /// retried.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::Options;
    ///
    /// let body = b"<ErrorResponse><Error><Code>Throttling</Code></Error>\
    ///   <RequestId>r-1</RequestId></ErrorResponse>";
    /// // any `std::io::Read`: a file, a socket, an HTTP body
    /// let response = Options::new().skip_result(true).parse_reader(&body[..])?;
    /// assert!(response.service_error().unwrap().code().is_retryable());
    /// assert_eq!(response.request_id(), Some("r-1"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn parse_reader<R: Read>(&self, reader: R) -> Result<Response<'static>, Error> {
        self.feed_all(reader)?.finish()
    }

    /// A push parser fed the whole of `reader`, 16 KiB at a time.
    pub(crate) fn feed_all<R: Read>(&self, mut reader: R) -> Result<StreamParser, Error> {
        let mut parser = self.stream();
        let mut buf = vec![0; READ_CHUNK];
        loop {
            let read = reader.read(&mut buf);
            if parser.feed_read(read, &buf)? {
                return Ok(parser);
            }
        }
    }
}

#[cfg(feature = "tokio")]
impl Options {
    /// Parses a body from an async reader ([`tokio::io::AsyncRead`](https://docs.rs/tokio/1/tokio/io/trait.AsyncRead.html)), 16 KiB
    /// at a time, through the push parser: the same token loop as every
    /// other input path.
    ///
    /// # Errors
    ///
    /// As [`Options::parse_reader`].
    ///
    /// # Examples
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// use aws_query_xml::Options;
    ///
    /// let body: &[u8] = b"<GetQueueUrlResponse><GetQueueUrlResult><QueueUrl>http://q/1</QueueUrl>\
    ///   </GetQueueUrlResult></GetQueueUrlResponse>";
    /// // any `tokio::io::AsyncRead`: a socket, an HTTP body
    /// let response = Options::new().parse_async(body).await?;
    /// let result = response.result()?.unwrap();
    /// assert_eq!(result["QueueUrl"].as_str(), Some("http://q/1"));
    /// # Ok::<(), aws_query_xml::Error>(())
    /// # }).unwrap();
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
    pub async fn parse_async<R>(&self, reader: R) -> Result<Response<'static>, Error>
    where
        R: tokio::io::AsyncRead + Unpin,
    {
        self.feed_all_async(reader).await?.finish()
    }

    /// A push parser fed the whole of `reader`, 16 KiB at a time.
    pub(crate) async fn feed_all_async<R>(&self, mut reader: R) -> Result<StreamParser, Error>
    where
        R: tokio::io::AsyncRead + Unpin,
    {
        use tokio::io::AsyncReadExt;

        let mut parser = self.stream();
        let mut buf = vec![0; READ_CHUNK];
        loop {
            let read = reader.read(&mut buf).await;
            if parser.feed_read(read, &buf)? {
                return Ok(parser);
            }
        }
    }
}

/// Parses a body held in [`Bytes`](https://docs.rs/bytes/1/bytes/struct.Bytes.html)
/// with the default [`Options`]; see [`Options::parse_bytes`].
///
/// # Errors
///
/// As [`parse`](crate::parse).
///
/// # Examples
///
/// ```
/// use aws_query_xml::bytes::Bytes;
///
/// let body = Bytes::from_static(b"<SendMessageResponse><SendMessageResult>\
///   <MessageId>m-1</MessageId></SendMessageResult></SendMessageResponse>");
/// let response = aws_query_xml::parse_bytes(&body)?;
/// assert_eq!(response.action(), Some("SendMessage"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn parse_bytes(body: &Bytes) -> Result<Response<'static>, Error> {
    Options::new().parse_bytes(body)
}

/// Parses a body from any [`Read`]er with the default [`Options`]; see
/// [`Options::parse_reader`].
///
/// # Errors
///
/// As [`Options::parse_reader`].
///
/// # Examples
///
/// ```
/// use aws_query_xml::Category;
///
/// // a reader that ends early: the body is truncated, not malformed
/// let body: &[u8] = b"<GetQueueUrlResponse><GetQueueUrlResult><QueueUrl>http://q";
/// let err = aws_query_xml::parse_reader(body).unwrap_err();
/// assert_eq!(err.category(), Category::Truncated);
/// assert_eq!(err.offset(), Some(body.len() as u64));
/// ```
pub fn parse_reader<R: Read>(reader: R) -> Result<Response<'static>, Error> {
    Options::new().parse_reader(reader)
}

/// Parses a whole body.
pub(crate) fn parse_slice(body: &[u8], options: Options) -> Result<Response<'_>, Error> {
    let mut tokens = Tokenizer::document(body, options.limits)?;
    let mut machine = Machine::new(options.limits);
    drive(&mut tokens, &mut machine, &mut NoResult)?;
    let outcome = machine.finish()?;
    Ok(outcome.into_response(body, options))
}

/// A result's tree built in the pass, or the error gathering it gives.
pub(crate) type Gathered<'a, G> = Result<<G as Grow<'a>>::Tree, Error>;

/// [`parse_slice`] that also builds the result's tree during the same pass,
/// for a caller that will deserialize it (see [`ResultTrees`]). It comes
/// back when the response's result is that content, with the error
/// gathering it in a second pass would give (over `max_nodes`).
///
/// # Errors
///
/// As [`parse_slice`].
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
        .and_then(|r| trees.into_tree(r.content.start, r.root_children));
    Ok((outcome.into_response(body, options), tree))
}
