//! AWS error codes: the known codes, their HTTP status, and how to react to them.
//!
//! An AWS Query-protocol error response carries a `<Code>` element such as
//! `Throttling` or `AWS.SimpleQueueService.NonExistentQueue`. This module turns
//! that string into an [`ErrorCode`] and tells what it means for a caller.
//!
//! # The table
//!
//! Every code this crate knows is written once, in a single `macro_rules!`
//! table in this file, as `Variant = "WireCode", status, Class,
//! "description";` (the status `_` where none is documented). The macro
//! generates from that one table:
//!
//! * the [`ErrorCode`] enum, one unit variant per code, documented with the
//!   table's description, wire spelling and status;
//! * [`ErrorCode::as_str`], the exact wire spelling;
//! * the [`FromStr`] implementation, a `match` on the string (no allocation
//!   for listed codes);
//! * [`ErrorCode::http_status`], the status AWS documents for the code;
//! * [`ErrorCode::class`] and [`classify`], from the class column (and so
//!   [`ErrorCode::is_retryable`]);
//!
//! so they cannot drift apart. The table holds:
//!
//! * the errors common to all Query services (the AWS "Common Errors" page,
//!   including its older entries), plus widely seen codes of Amazon EC2, IAM,
//!   Amazon SNS, AWS STS and Amazon Route 53;
//! * the Amazon SES (API version 2010-12-01) common and action errors, spelled
//!   as SES sends them (for example `ConfigurationSetDoesNotExist`, not the
//!   model's shape name `ConfigurationSetDoesNotExistException`);
//! * the Amazon SQS Query-protocol action errors, with their wire codes (for
//!   example `AWS.SimpleQueueService.NonExistentQueue` and
//!   `KMS.AccessDeniedException`).
//!
//! * the codes the AWS SDKs classify as throttling, clock skew or transient
//!   that other protocols send (`SlowDown`, `RequestTimeTooSkewed`,
//!   `InternalServerError`...), with no status.
//!
//! A code that is not in the table parses to [`ErrorCode::Other`], which keeps
//! the string exactly as received. Matching is exact and case-sensitive:
//! `"throttling"` is not `Throttling`.
//!
//! # Classes
//!
//! The class column sorts every listed code into an [`ErrorClass`] that says
//! what a caller should do; [`classify`] reads it for any string (an
//! unlisted code is [`ErrorClass::Client`]):
//!
//! | class | codes | what to do |
//! |---|---|---|
//! | [`ErrorClass::Throttling`] | the standard throttling codes of the AWS SDKs (`Throttling`, `ThrottlingException`, `RequestLimitExceeded`, `SlowDown`, ...) | slow down, retry with backoff |
//! | [`ErrorClass::ClockSkew`] | the SDKs' clock-skew codes (`RequestExpired`, `RequestTimeTooSkewed`, `SignatureDoesNotMatch`, `AuthFailure`, ...) | correct the clock, sign again, retry |
//! | [`ErrorClass::Transient`] | server-side failures (`InternalFailure`, `ServiceUnavailable`, `RequestTimeout`, ...) and every listed code whose status is 5xx | retry with exponential backoff |
//! | [`ErrorClass::Client`] | everything else | fix the request; the same request fails again |
//!
//! A code has one class: `RequestLimitExceeded` comes with HTTP 503 but is
//! [`ErrorClass::Throttling`].
//!
//! # Faults
//!
//! [`ErrorCode::fault`] derives a [`Fault`] from the documented status: 4xx is
//! the sender's fault, 5xx the receiver's.
//!
//! # Examples
//!
//! ```
//! use aws_query_xml::{ErrorClass, ErrorCode, Fault};
//!
//! let code: ErrorCode = "AWS.SimpleQueueService.NonExistentQueue".parse().unwrap();
//! assert_eq!(code, ErrorCode::SqsNonExistentQueue);
//! assert_eq!(code.as_str(), "AWS.SimpleQueueService.NonExistentQueue");
//! assert_eq!(code.http_status(), Some(400));
//! assert_eq!(code.fault(), Some(Fault::Sender));
//! assert_eq!(code.class(), ErrorClass::Client);
//!
//! let busy: ErrorCode = "ServiceUnavailable".parse().unwrap();
//! assert_eq!(busy.class(), ErrorClass::Transient);
//! assert!(busy.is_retryable());
//!
//! let unknown: ErrorCode = "SomethingNew".parse().unwrap();
//! assert!(matches!(unknown, ErrorCode::Other(_)));
//! assert_eq!(unknown.as_str(), "SomethingNew");
//! assert_eq!(unknown.http_status(), None);
//! ```

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// The status column of the code table: a status, or `_` where none is
/// documented for the code.
macro_rules! status {
    (_) => {
        None
    };
    ($status:literal) => {
        Some($status)
    };
}

/// The generated line of a variant's documentation.
macro_rules! variant_doc {
    ($code:literal, _, $class:ident) => {
        concat!(
            "Wire code `",
            $code,
            "`, no documented HTTP status, class [`ErrorClass::",
            stringify!($class),
            "`]."
        )
    };
    ($code:literal, $status:literal, $class:ident) => {
        concat!(
            "Wire code `",
            $code,
            "`, HTTP status ",
            stringify!($status),
            ", class [`ErrorClass::",
            stringify!($class),
            "`]."
        )
    };
}

/// Generates [`ErrorCode`], its `as_str`, `http_status`, its class, the
/// string lookup used by `FromStr`, and (for tests) the list of all listed
/// codes, from one table of `Variant = "WireCode", status, Class,
/// "description";` rows.
macro_rules! error_codes {
    ($( $variant:ident = $code:literal, $status:tt, $class:ident, $doc:literal; )+) => {
        /// An AWS error code, as found in the `<Code>` element of an error
        /// response.
        ///
        /// Each listed code is a unit variant; any other code is kept, exactly
        /// as received, in [`ErrorCode::Other`]. Build one with [`str::parse`]
        /// (which never fails); a known string always gives its variant, so
        /// two `ErrorCode`s are equal exactly when their strings are equal.
        ///
        /// # Examples
        ///
        /// ```
        /// use aws_query_xml::ErrorCode;
        ///
        /// let code: ErrorCode = "InvalidInstanceID.NotFound".parse().unwrap();
        /// assert_eq!(code, ErrorCode::InvalidInstanceIdNotFound);
        /// assert_eq!(code.to_string(), "InvalidInstanceID.NotFound");
        ///
        /// // Matching is exact and case-sensitive.
        /// let other: ErrorCode = "throttling".parse().unwrap();
        /// assert!(matches!(other, ErrorCode::Other(_)));
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = $doc]
                #[doc = ""]
                #[doc = variant_doc!($code, $status, $class)]
                $variant,
            )+
            /// A code this crate does not list; built only by `FromStr`.
            Other(OtherCode),
        }

        impl ErrorCode {
            /// The exact wire spelling of the code.
            ///
            /// It round-trips with [`FromStr`]: parsing the returned string
            /// gives back an equal `ErrorCode`.
            ///
            /// # Examples
            ///
            /// ```
            /// use aws_query_xml::ErrorCode;
            ///
            /// assert_eq!(ErrorCode::SqsNonExistentQueue.as_str(), "AWS.SimpleQueueService.NonExistentQueue");
            /// let other: ErrorCode = "Brand.NewCode".parse().unwrap();
            /// assert_eq!(other.as_str(), "Brand.NewCode");
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $code, )+
                    Self::Other(other) => other.as_str(),
                }
            }

            /// The HTTP status AWS documents for this code, or `None` for
            /// [`ErrorCode::Other`].
            ///
            /// This is the status the code is documented with, not the status
            /// of any particular response.
            ///
            /// # Examples
            ///
            /// ```
            /// use aws_query_xml::ErrorCode;
            ///
            /// assert_eq!(ErrorCode::MalformedQueryString.http_status(), Some(404));
            /// assert_eq!(ErrorCode::ServiceUnavailable.http_status(), Some(503));
            /// let other: ErrorCode = "Unlisted".parse().unwrap();
            /// assert_eq!(other.http_status(), None);
            /// ```
            #[must_use]
            pub fn http_status(&self) -> Option<u16> {
                match self {
                    $( Self::$variant => status!($status), )+
                    Self::Other(_) => None,
                }
            }

            /// The class column of the table: [`ErrorClass::Client`] for
            /// [`ErrorCode::Other`].
            fn table_class(&self) -> ErrorClass {
                match self {
                    $( Self::$variant => ErrorClass::$class, )+
                    Self::Other(_) => ErrorClass::Client,
                }
            }
        }

        /// The listed code spelled exactly `code`, if any.
        fn listed(code: &str) -> Option<ErrorCode> {
            match code {
                $( $code => Some(ErrorCode::$variant), )+
                _ => None,
            }
        }

        /// Every listed code with its wire spelling and status, in table order.
        #[cfg(test)]
        const ALL: &[(ErrorCode, &str, Option<u16>, ErrorClass)] = &[
            $( (ErrorCode::$variant, $code, status!($status), ErrorClass::$class), )+
        ];
    };
}

error_codes! {
    // Errors common to all AWS Query services ("Common Errors"), including
    // the entries older versions of that page listed.
    AccessDeniedException = "AccessDeniedException", 400, Client,
        "You do not have sufficient access to perform this action.";
    IncompleteSignature = "IncompleteSignature", 400, Client,
        "The request signature does not conform to AWS standards.";
    InternalFailure = "InternalFailure", 500, Transient,
        "The request processing failed because of an unknown error, exception or failure.";
    InvalidAction = "InvalidAction", 400, Client,
        "The action or operation requested is invalid; check the action name.";
    InvalidClientTokenId = "InvalidClientTokenId", 403, Client,
        "The X.509 certificate or AWS access key ID provided does not exist in AWS records.";
    InvalidParameterCombination = "InvalidParameterCombination", 400, Client,
        "Parameters that must not be used together were used together.";
    InvalidParameterValue = "InvalidParameterValue", 400, Client,
        "An invalid or out-of-range value was supplied for an input parameter.";
    InvalidQueryParameter = "InvalidQueryParameter", 400, Client,
        "The AWS query string is malformed or does not adhere to AWS standards.";
    MalformedQueryString = "MalformedQueryString", 404, Client,
        "The query string contains a syntax error.";
    MissingAction = "MissingAction", 400, Client,
        "The request is missing an action or a required parameter.";
    MissingAuthenticationToken = "MissingAuthenticationToken", 403, Client,
        "The request must contain a valid (registered) AWS access key ID or X.509 certificate.";
    MissingParameter = "MissingParameter", 400, Client,
        "A required parameter for the specified action is not supplied.";
    NotAuthorized = "NotAuthorized", 400, Client,
        "You do not have permission to perform this action.";
    OptInRequired = "OptInRequired", 403, Client,
        "The AWS access key ID needs a subscription for the service.";
    RequestExpired = "RequestExpired", 400, ClockSkew,
        "The request is past its expiration date, or its date stamp is more than 15 minutes away from the service's clock.";
    ServiceUnavailable = "ServiceUnavailable", 503, Transient,
        "The request failed because of a temporary failure of the server.";
    Throttling = "Throttling", 400, Throttling,
        "The request was denied because of request throttling.";
    ThrottlingException = "ThrottlingException", 400, Throttling,
        "The request was denied because of request throttling.";
    ValidationError = "ValidationError", 400, Client,
        "The input fails to satisfy the constraints specified by the service.";

    // Other widely seen codes of Query services (and of the SDKs' retry lists).
    AccessDenied = "AccessDenied", 403, Client,
        "Access to the requested resource or action is denied.";
    AuthFailure = "AuthFailure", 401, ClockSkew,
        "The provided credentials could not be validated (Amazon EC2).";
    AuthorizationError = "AuthorizationError", 403, Client,
        "The caller is not authorized to access the requested resource (Amazon SNS).";
    DryRunOperation = "DryRunOperation", 412, Client,
        "The request would have succeeded, but the `DryRun` flag was set (Amazon EC2).";
    EntityAlreadyExists = "EntityAlreadyExists", 409, Client,
        "The entity being created already exists (IAM).";
    ExpiredTokenException = "ExpiredTokenException", 400, Client,
        "The session or web identity token in the request has expired (AWS STS).";
    InternalError = "InternalError", 500, Transient,
        "An internal error occurred on the server; retry the request (Amazon EC2).";
    InvalidInstanceIdMalformed = "InvalidInstanceID.Malformed", 400, Client,
        "The specified instance ID is malformed (Amazon EC2).";
    InvalidInstanceIdNotFound = "InvalidInstanceID.NotFound", 400, Client,
        "The specified instance does not exist (Amazon EC2).";
    InvalidParameter = "InvalidParameter", 400, Client,
        "A request parameter does not comply with the associated constraints (Amazon SNS).";
    NoSuchEntity = "NoSuchEntity", 404, Client,
        "The request referenced a resource entity that does not exist (IAM).";
    NotFound = "NotFound", 404, Client,
        "The requested resource does not exist (Amazon SNS).";
    PriorRequestNotComplete = "PriorRequestNotComplete", 400, Throttling,
        "A previous request that changes the same resource has not completed yet (Amazon Route 53).";
    RegionDisabledException = "RegionDisabledException", 403, Client,
        "AWS STS is not activated in the requested Region for the account (AWS STS).";
    RequestLimitExceeded = "RequestLimitExceeded", 503, Throttling,
        "The maximum request rate permitted by the API was exceeded for the account (Amazon EC2).";
    RequestThrottled = "RequestThrottled", 403, Throttling,
        "The permitted request rate for the queue or for the recipient was exceeded (Amazon SQS).";
    RequestTimeout = "RequestTimeout", 400, Transient,
        "The connection was not read from or written to within the timeout period (Amazon S3).";
    SignatureDoesNotMatch = "SignatureDoesNotMatch", 403, ClockSkew,
        "The request signature does not match the signature the service calculated.";
    TooManyRequestsException = "TooManyRequestsException", 429, Throttling,
        "Too many requests were made in a given amount of time.";
    UnauthorizedOperation = "UnauthorizedOperation", 403, Client,
        "The caller is not authorized to perform the operation (Amazon EC2).";
    Unavailable = "Unavailable", 503, Transient,
        "The server is overloaded and cannot handle the request (Amazon EC2).";

    // Amazon SES, API version 2010-12-01: common-errors table and action errors.
    AccountSendingPausedException = "AccountSendingPausedException", 400, Client,
        "Email sending is disabled for the entire Amazon SES account.";
    AlreadyExists = "AlreadyExists", 400, Client,
        "A resource could not be created because of a naming conflict (Amazon SES).";
    CannotDelete = "CannotDelete", 400, Client,
        "The delete operation could not be completed (Amazon SES).";
    ConfigurationSetAlreadyExists = "ConfigurationSetAlreadyExists", 400, Client,
        "The configuration set could not be created because its name is already taken.";
    ConfigurationSetDoesNotExist = "ConfigurationSetDoesNotExist", 400, Client,
        "The configuration set does not exist.";
    ConfigurationSetSendingPausedException = "ConfigurationSetSendingPausedException", 400, Client,
        "Email sending is disabled for the configuration set.";
    CustomVerificationEmailInvalidContent = "CustomVerificationEmailInvalidContent", 400, Client,
        "The custom verification email template has invalid content.";
    CustomVerificationEmailTemplateAlreadyExists = "CustomVerificationEmailTemplateAlreadyExists", 400, Client,
        "A custom verification email template with that name already exists.";
    CustomVerificationEmailTemplateDoesNotExist = "CustomVerificationEmailTemplateDoesNotExist", 400, Client,
        "The custom verification email template does not exist.";
    EventDestinationAlreadyExists = "EventDestinationAlreadyExists", 400, Client,
        "The event destination could not be created because its name is already taken.";
    EventDestinationDoesNotExist = "EventDestinationDoesNotExist", 400, Client,
        "The event destination does not exist.";
    FromEmailAddressNotVerified = "FromEmailAddressNotVerified", 400, Client,
        "The sender address of the custom verification email is not verified.";
    InvalidCloudWatchDestination = "InvalidCloudWatchDestination", 400, Client,
        "The Amazon `CloudWatch` event destination is invalid.";
    InvalidConfigurationSet = "InvalidConfigurationSet", 400, Client,
        "The configuration set is invalid.";
    InvalidDeliveryOptions = "InvalidDeliveryOptions", 400, Client,
        "The delivery options are invalid.";
    InvalidFirehoseDestination = "InvalidFirehoseDestination", 400, Client,
        "The Amazon Kinesis Data Firehose event destination is invalid.";
    InvalidLambdaFunction = "InvalidLambdaFunction", 400, Client,
        "The AWS Lambda function could not be found or Amazon SES cannot invoke it.";
    InvalidPolicy = "InvalidPolicy", 400, Client,
        "The sending authorization policy is invalid.";
    InvalidRenderingParameter = "InvalidRenderingParameter", 400, Client,
        "The template data passed for rendering is invalid.";
    InvalidS3Configuration = "InvalidS3Configuration", 400, Client,
        "The Amazon S3 bucket or its AWS KMS key is missing or Amazon SES cannot use it.";
    InvalidSnsDestination = "InvalidSNSDestination", 400, Client,
        "The Amazon SNS event destination is invalid.";
    InvalidSnsTopic = "InvalidSnsTopic", 400, Client,
        "The Amazon SNS topic does not exist or Amazon SES cannot publish to it.";
    InvalidTemplate = "InvalidTemplate", 400, Client,
        "The email template is invalid.";
    InvalidTrackingOptions = "InvalidTrackingOptions", 400, Client,
        "The custom domain for open and click tracking is invalid.";
    LimitExceeded = "LimitExceeded", 400, Client,
        "A resource quota was exceeded (Amazon SES; IAM sends the same code with HTTP 409).";
    MailFromDomainNotVerified = "MailFromDomainNotVerified", 400, Client,
        "Amazon SES could not read the MX record of the custom MAIL FROM domain (common-errors spelling).";
    MailFromDomainNotVerifiedException = "MailFromDomainNotVerifiedException", 400, Client,
        "Amazon SES could not read the MX record of the custom MAIL FROM domain (spelling sent by the send actions).";
    MessageRejected = "MessageRejected", 400, Client,
        "The message was rejected, for example because it contains a virus or an unverified address.";
    MissingRenderingAttribute = "MissingRenderingAttribute", 400, Client,
        "A variable of the template has no value in the rendering data.";
    ProductionAccessNotGranted = "ProductionAccessNotGranted", 400, Client,
        "The account is in the sandbox and the recipient address is not verified.";
    RuleDoesNotExist = "RuleDoesNotExist", 400, Client,
        "The receipt rule does not exist.";
    RuleSetDoesNotExist = "RuleSetDoesNotExist", 400, Client,
        "The receipt rule set does not exist.";
    TemplateDoesNotExist = "TemplateDoesNotExist", 400, Client,
        "The email template does not exist.";
    TrackingOptionsAlreadyExistsException = "TrackingOptionsAlreadyExistsException", 400, Client,
        "The configuration set already has tracking options.";
    TrackingOptionsDoesNotExistException = "TrackingOptionsDoesNotExistException", 400, Client,
        "The configuration set has no tracking options.";

    // Amazon SQS, Query-protocol wire codes.
    SqsBatchEntryIdsNotDistinct = "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400, Client,
        "Two or more entries of the batch request have the same Id.";
    SqsBatchRequestTooLong = "AWS.SimpleQueueService.BatchRequestTooLong", 400, Client,
        "The messages of the batch request are together longer than the limit.";
    SqsEmptyBatchRequest = "AWS.SimpleQueueService.EmptyBatchRequest", 400, Client,
        "The batch request does not contain any entries.";
    SqsInvalidBatchEntryId = "AWS.SimpleQueueService.InvalidBatchEntryId", 400, Client,
        "The Id of a batch entry does not follow the specification.";
    SqsMessageNotInflight = "AWS.SimpleQueueService.MessageNotInflight", 400, Client,
        "The specified message is not in flight.";
    SqsNonExistentQueue = "AWS.SimpleQueueService.NonExistentQueue", 400, Client,
        "The queue does not exist.";
    SqsPurgeQueueInProgress = "AWS.SimpleQueueService.PurgeQueueInProgress", 403, Client,
        "The queue was already purged within the last 60 seconds.";
    SqsQueueDeletedRecently = "AWS.SimpleQueueService.QueueDeletedRecently", 400, Client,
        "A queue with this name was deleted less than 60 seconds ago.";
    SqsTooManyEntriesInBatchRequest = "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400, Client,
        "The batch request contains more entries than permissible.";
    SqsUnsupportedOperation = "AWS.SimpleQueueService.UnsupportedOperation", 400, Client,
        "The action is not supported.";
    InvalidAddress = "InvalidAddress", 404, Client,
        "The specified queue address or account ID is invalid (Amazon SQS).";
    InvalidAttributeName = "InvalidAttributeName", 400, Client,
        "The specified attribute does not exist (Amazon SQS).";
    InvalidAttributeValue = "InvalidAttributeValue", 400, Client,
        "A queue attribute value is invalid (Amazon SQS).";
    InvalidIdFormat = "InvalidIdFormat", 400, Client,
        "The receipt handle is not valid for the current version (Amazon SQS).";
    InvalidMessageContents = "InvalidMessageContents", 400, Client,
        "The message contains characters outside the allowed set (Amazon SQS).";
    InvalidSecurity = "InvalidSecurity", 403, Client,
        "The request was not made over HTTPS or was not signed with Signature Version 4 (Amazon SQS).";
    KmsAccessDenied = "KMS.AccessDeniedException", 400, Client,
        "The caller does not have the required AWS KMS access (Amazon SQS).";
    KmsDisabled = "KMS.DisabledException", 400, Client,
        "The AWS KMS key of the queue is disabled (Amazon SQS).";
    KmsInvalidKeyUsage = "KMS.InvalidKeyUsageException", 400, Client,
        "The usage or key spec of the AWS KMS key does not fit the operation (Amazon SQS).";
    KmsInvalidState = "KMS.InvalidStateException", 400, Client,
        "The state of the AWS KMS key is not valid for this request (Amazon SQS).";
    KmsNotFound = "KMS.NotFoundException", 400, Client,
        "The AWS KMS key could not be found (Amazon SQS).";
    KmsOptInRequired = "KMS.OptInRequired", 403, Client,
        "The account is not subscribed to AWS KMS (Amazon SQS).";
    KmsThrottled = "KMS.ThrottlingException", 400, Throttling,
        "AWS KMS throttled the request Amazon SQS made on the caller's behalf.";
    OverLimit = "OverLimit", 403, Client,
        "The action violates a limit, such as the number of in-flight messages (Amazon SQS).";
    QueueAlreadyExists = "QueueAlreadyExists", 400, Client,
        "A queue with this name already exists with other attributes (Amazon SQS).";
    ReceiptHandleIsInvalid = "ReceiptHandleIsInvalid", 404, Client,
        "The receipt handle is not valid (Amazon SQS).";
    ResourceNotFoundException = "ResourceNotFoundException", 404, Client,
        "One or more specified resources do not exist (Amazon SQS).";
    // Codes the AWS SDKs classify that the Query protocol's documentation
    // gives no status (Amazon S3, Amazon DynamoDB and the JSON protocols
    // send them; imitators of Query services do too): listed for their class.
    ThrottledException = "ThrottledException", _, Throttling,
        "A throttling code of other AWS protocols, retried by the AWS SDKs.";
    RequestThrottledException = "RequestThrottledException", _, Throttling,
        "A throttling code of other AWS protocols, retried by the AWS SDKs.";
    ProvisionedThroughputExceededException = "ProvisionedThroughputExceededException", _, Throttling,
        "The provisioned throughput is exceeded (Amazon `DynamoDB`, Amazon Kinesis).";
    TransactionInProgressException = "TransactionInProgressException", _, Throttling,
        "Another transaction with the same token is in progress (Amazon `DynamoDB`).";
    BandwidthLimitExceeded = "BandwidthLimitExceeded", _, Throttling,
        "The bandwidth limit is exceeded; retried by the AWS SDKs.";
    LimitExceededException = "LimitExceededException", _, Throttling,
        "A request rate limit is exceeded; retried by the AWS SDKs.";
    SlowDown = "SlowDown", _, Throttling,
        "Reduce the request rate (Amazon S3).";
    Ec2ThrottledException = "EC2ThrottledException", _, Throttling,
        "A throttling code retried by the AWS SDKs.";
    RequestTimeTooSkewed = "RequestTimeTooSkewed", _, ClockSkew,
        "The difference between the request time and the server's time is too large.";
    InvalidSignatureException = "InvalidSignatureException", _, ClockSkew,
        "The request signature does not match; the AWS SDKs sign again with a corrected clock.";
    RequestInTheFuture = "RequestInTheFuture", _, ClockSkew,
        "The request's time stamp is in the future.";
    InternalServerError = "InternalServerError", _, Transient,
        "An internal server error.";
    InternalServerErrorException = "InternalServerErrorException", _, Transient,
        "An internal server error.";
    ServiceUnavailableException = "ServiceUnavailableException", _, Transient,
        "The service is unavailable (Amazon SQS answers it as an exception root).";
    RequestTimeoutException = "RequestTimeoutException", _, Transient,
        "The request timed out.";
}

impl ErrorCode {
    /// The class of this code: what a caller should do about it.
    ///
    /// Same as `classify(self.as_str())` (see [`classify`]), so unlisted codes
    /// are classified too.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{ErrorClass, ErrorCode};
    ///
    /// assert_eq!(ErrorCode::Throttling.class(), ErrorClass::Throttling);
    /// assert_eq!(ErrorCode::RequestExpired.class(), ErrorClass::ClockSkew);
    /// assert_eq!(ErrorCode::InternalFailure.class(), ErrorClass::Transient);
    /// assert_eq!(ErrorCode::MessageRejected.class(), ErrorClass::Client);
    /// let other: ErrorCode = "SlowDown".parse().unwrap();
    /// assert_eq!(other.class(), ErrorClass::Throttling);
    /// ```
    #[must_use]
    pub fn class(&self) -> ErrorClass {
        self.table_class()
    }

    /// Whether retrying (after backoff, or after fixing the clock) can
    /// succeed: `self.class().is_retryable()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::ErrorCode;
    ///
    /// assert!(ErrorCode::ServiceUnavailable.is_retryable());
    /// assert!(!ErrorCode::InvalidParameterValue.is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.class().is_retryable()
    }

    /// Whose fault the error is, from the documented status: 4xx is
    /// [`Fault::Sender`], 5xx [`Fault::Receiver`], and `None` when the status
    /// is unknown ([`ErrorCode::Other`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{ErrorCode, Fault};
    ///
    /// assert_eq!(ErrorCode::MissingParameter.fault(), Some(Fault::Sender));
    /// assert_eq!(ErrorCode::InternalFailure.fault(), Some(Fault::Receiver));
    /// let other: ErrorCode = "Unlisted".parse().unwrap();
    /// assert_eq!(other.fault(), None);
    /// ```
    #[must_use]
    pub fn fault(&self) -> Option<Fault> {
        match self.http_status()? {
            400..=499 => Some(Fault::Sender),
            500..=599 => Some(Fault::Receiver),
            _ => None,
        }
    }

    /// The code to report for an HTTP error status whose body names none
    /// (an HTML page from a load balancer, an empty body): `429` is
    /// [`TooManyRequestsException`](Self::TooManyRequestsException), `500`
    /// [`InternalFailure`](Self::InternalFailure) and `503`
    /// [`ServiceUnavailable`](Self::ServiceUnavailable), each listed with that
    /// very status. Any other status gives `None`: `400`, `403` or `502` say
    /// too little to pick a code, and a client should report the status.
    ///
    /// botocore reports such a body's code as the status's digits (`"503"`);
    /// this crate picks the listed code, so its class and retry advice apply.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::ErrorCode;
    ///
    /// let page = b"<html><body><b>Http/1.1 Service Unavailable</b></body></html>";
    /// let err = aws_query_xml::parse(page).unwrap_err();
    /// assert_eq!(err.category(), aws_query_xml::Category::Envelope);
    /// let code = ErrorCode::for_status(503).unwrap();
    /// assert_eq!(code, ErrorCode::ServiceUnavailable);
    /// assert!(code.is_retryable());
    /// assert_eq!(ErrorCode::for_status(400), None);
    /// ```
    #[must_use]
    pub fn for_status(status: u16) -> Option<ErrorCode> {
        match status {
            429 => Some(Self::TooManyRequestsException),
            500 => Some(Self::InternalFailure),
            503 => Some(Self::ServiceUnavailable),
            _ => None,
        }
    }
}

/// The code a body names: [`ErrorCode::from_str`], which never fails.
pub(crate) fn parse_code(code: &str) -> ErrorCode {
    listed(code).unwrap_or_else(|| ErrorCode::Other(OtherCode(code.into())))
}

impl FromStr for ErrorCode {
    type Err = Infallible;

    /// Parses a code: a listed string gives its variant (exact,
    /// case-sensitive match), anything else [`ErrorCode::Other`]. Never fails.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(parse_code(code))
    }
}

impl fmt::Display for ErrorCode {
    /// Writes the wire spelling, [`ErrorCode::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    /// Serializes as the wire spelling, [`ErrorCode::as_str`].
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An error code this crate does not list, kept exactly as received.
///
/// Found only inside [`ErrorCode::Other`], which only [`FromStr`] builds; it
/// never holds the spelling of a listed code.
///
/// # Examples
///
/// ```
/// use aws_query_xml::ErrorCode;
///
/// let code: ErrorCode = "Some.Future.Code".parse().unwrap();
/// match &code {
///     ErrorCode::Other(other) => assert_eq!(other.as_str(), "Some.Future.Code"),
///     _ => unreachable!(),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OtherCode(Box<str>);

impl OtherCode {
    /// The code, exactly as received.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a caller should do about an error, by its code.
///
/// See [`classify`] for which codes fall in which class.
///
/// # Examples
///
/// ```
/// use aws_query_xml::{ErrorClass, classify};
///
/// assert_eq!(classify("RequestLimitExceeded"), ErrorClass::Throttling);
/// assert!(ErrorClass::Throttling.is_retryable());
/// assert!(!ErrorClass::Client.is_retryable());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorClass {
    /// The caller is sending too fast: slow down and retry with backoff.
    Throttling,
    /// A server-side or transient failure (5xx-style): retry with exponential
    /// backoff.
    Transient,
    /// The request's time stamp or signature does not match the server's
    /// clock: fix the clock (or sign again), then retry.
    ClockSkew,
    /// The request itself is wrong: fix it, as retrying the same request will
    /// fail again.
    Client,
    /// A quota is used up (SES's `Throttling` "Daily message quota
    /// exceeded"): not retryable until the quota resets. [`classify`] never
    /// gives it: it depends on the message (see [`ErrorEntry::class`](crate::ErrorEntry::class)).
    Quota,
}

impl ErrorClass {
    /// Whether an error of this class may succeed when retried: true for
    /// every class but [`ErrorClass::Client`] and [`ErrorClass::Quota`].
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::ErrorClass;
    ///
    /// assert!(ErrorClass::Transient.is_retryable());
    /// assert!(ErrorClass::ClockSkew.is_retryable());
    /// assert!(!ErrorClass::Client.is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(self) -> bool {
        !matches!(self, Self::Client | Self::Quota)
    }
}

/// Classifies any code string, listed in [`ErrorCode`] or not.
///
/// The class is a column of the code table, shown on each [`ErrorCode`]
/// variant; the string is matched exactly (case-sensitive), and a code the
/// table does not list is [`ErrorClass::Client`]. The column holds:
///
/// 1. [`ErrorClass::Throttling`]: the standard throttling codes of botocore
///    and the other AWS SDKs: `Throttling`, `ThrottlingException`,
///    `ThrottledException`, `RequestThrottledException`,
///    `TooManyRequestsException`, `ProvisionedThroughputExceededException`,
///    `TransactionInProgressException`, `RequestLimitExceeded`,
///    `BandwidthLimitExceeded`, `LimitExceededException`, `RequestThrottled`,
///    `SlowDown`, `PriorRequestNotComplete`, `EC2ThrottledException`; and
///    Amazon SQS's `KMS.ThrottlingException`.
/// 2. [`ErrorClass::ClockSkew`]: the SDKs' clock-skew codes:
///    `RequestTimeTooSkewed`, `RequestExpired`, `InvalidSignatureException`,
///    `SignatureDoesNotMatch`, `AuthFailure`, `RequestInTheFuture`.
/// 3. [`ErrorClass::Transient`]: `InternalFailure`, `InternalError`,
///    `InternalServerError`, `InternalServerErrorException`,
///    `ServiceUnavailable`, `ServiceUnavailableException`, `Unavailable`,
///    `RequestTimeout`, `RequestTimeoutException`, and every other code the
///    table lists with a status of 500 or more.
/// 4. [`ErrorClass::Client`]: every other code.
///
/// So throttling wins over transient: `RequestLimitExceeded` is documented
/// with HTTP 503 but is [`ErrorClass::Throttling`].
///
/// # Examples
///
/// ```
/// use aws_query_xml::{ErrorClass, classify};
///
/// assert_eq!(classify("Throttling"), ErrorClass::Throttling);
/// assert_eq!(classify("RequestLimitExceeded"), ErrorClass::Throttling);
/// assert_eq!(classify("RequestTimeTooSkewed"), ErrorClass::ClockSkew);
/// assert_eq!(classify("InternalServerError"), ErrorClass::Transient);
/// assert_eq!(classify("Unavailable"), ErrorClass::Transient);
/// assert_eq!(classify("MessageRejected"), ErrorClass::Client);
/// assert_eq!(classify("throttling"), ErrorClass::Client);
/// ```
#[must_use]
pub fn classify(code: &str) -> ErrorClass {
    listed(code).map_or(ErrorClass::Client, |listed| listed.table_class())
}

/// Whose fault an error is, as in the `<Type>` element of an error response.
///
/// # Examples
///
/// ```
/// use aws_query_xml::{ErrorCode, Fault};
///
/// assert_eq!(ErrorCode::Throttling.fault(), Some(Fault::Sender));
/// assert_eq!(Fault::Receiver.as_str(), "Receiver");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fault {
    /// The caller's fault: the request must change (HTTP 4xx).
    Sender,
    /// The service's fault (HTTP 5xx).
    Receiver,
}

impl Fault {
    /// The wire spelling: `"Sender"` or `"Receiver"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::Fault;
    ///
    /// assert_eq!(Fault::Sender.as_str(), "Sender");
    /// assert_eq!(Fault::Receiver.as_str(), "Receiver");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sender => "Sender",
            Self::Receiver => "Receiver",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn parse(code: &str) -> ErrorCode {
        let Ok(parsed) = code.parse::<ErrorCode>();
        parsed
    }

    #[test]
    fn every_listed_code_round_trips() {
        for (code, wire, status, class) in ALL {
            assert_eq!(code.as_str(), *wire);
            assert_eq!(code.to_string(), *wire);
            assert_eq!(&parse(wire), code, "{wire} does not parse to its variant");
            assert!(!matches!(code, ErrorCode::Other(_)));
            assert_eq!(code.http_status(), *status);
            assert!(
                status.is_none_or(|s| (400..=599).contains(&s)),
                "{wire} has status {status:?}"
            );
            assert_eq!(code.class(), *class);
            assert_eq!(classify(wire), *class);
        }
    }

    #[test]
    fn no_duplicates() {
        let mut wires = HashSet::new();
        let mut codes = HashSet::new();
        for (code, wire, _, _) in ALL {
            assert!(wires.insert(*wire), "{wire} is listed twice");
            assert!(codes.insert(code.clone()), "{code:?} is listed twice");
        }
        assert_eq!(wires.len(), ALL.len());
    }

    #[test]
    fn listed_codes_with_server_status_are_retryable() {
        for (code, wire, status, _) in ALL {
            let Some(status) = *status else {
                assert_eq!(code.fault(), None, "{wire}");
                continue;
            };
            if status >= 500 {
                assert!(
                    matches!(code.class(), ErrorClass::Transient | ErrorClass::Throttling),
                    "{wire} ({status}) is {:?}",
                    code.class()
                );
                assert_eq!(code.fault(), Some(Fault::Receiver));
            } else {
                assert_eq!(code.fault(), Some(Fault::Sender));
            }
        }
    }

    #[test]
    fn other_never_holds_a_listed_spelling() {
        for (_, wire, _, _) in ALL {
            assert!(listed(wire).is_some());
        }
        assert!(listed("throttling").is_none());
        assert!(listed("").is_none());
        assert_eq!(parse("").as_str(), "");
    }
}
