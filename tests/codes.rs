//! The error-code table, classification and faults, through the public API.

use std::collections::HashSet;

use aws_query_xml::{ErrorClass, ErrorCode, Fault, classify};

fn parse(code: &str) -> ErrorCode {
    let Ok(parsed) = code.parse::<ErrorCode>();
    parsed
}

/// Checks that `wire` is a listed code: it parses to a variant (not `Other`),
/// round-trips through `as_str` and `Display`, and has `status`.
fn assert_listed(wire: &str, status: u16) {
    let code = parse(wire);
    assert!(!matches!(code, ErrorCode::Other(_)), "{wire} is not listed");
    assert_eq!(code.as_str(), wire);
    assert_eq!(code.to_string(), wire);
    assert_eq!(parse(code.as_str()), code);
    assert_eq!(code.http_status(), Some(status), "status of {wire}");
}

/// The Amazon SES common-errors table.
const SES_COMMON: &[(&str, u16)] = &[
    ("ConfigurationSetDoesNotExist", 400),
    ("IncompleteSignature", 400),
    ("InternalFailure", 500),
    ("InvalidAction", 400),
    ("InvalidClientTokenId", 403),
    ("InvalidParameterCombination", 400),
    ("InvalidParameterValue", 400),
    ("InvalidQueryParameter", 400),
    ("MailFromDomainNotVerified", 400),
    ("MalformedQueryString", 404),
    ("MessageRejected", 400),
    ("MissingAction", 400),
    ("MissingAuthenticationToken", 403),
    ("MissingParameter", 400),
    ("OptInRequired", 403),
    ("RequestExpired", 400),
    ("ServiceUnavailable", 503),
    ("Throttling", 400),
];

/// Errors common to all Query services, and other widely seen codes.
const COMMON: &[(&str, u16)] = &[
    ("AccessDeniedException", 400),
    ("NotAuthorized", 400),
    ("ThrottlingException", 400),
    ("ValidationError", 400),
    ("AccessDenied", 403),
    ("SignatureDoesNotMatch", 403),
    ("AuthFailure", 401),
    ("RequestLimitExceeded", 503),
    ("InternalError", 500),
    ("Unavailable", 503),
    ("UnauthorizedOperation", 403),
    ("InvalidInstanceID.NotFound", 400),
    ("InvalidInstanceID.Malformed", 400),
    ("DryRunOperation", 412),
    ("NoSuchEntity", 404),
    ("EntityAlreadyExists", 409),
    ("LimitExceeded", 400),
    ("NotFound", 404),
    ("InvalidParameter", 400),
    ("AuthorizationError", 403),
    ("ExpiredTokenException", 400),
    ("RegionDisabledException", 403),
    ("PriorRequestNotComplete", 400),
    ("RequestThrottled", 403),
    ("TooManyRequestsException", 429),
    ("RequestTimeout", 400),
];

/// Amazon SES (2010-12-01) action errors, as spelled on the wire.
const SES_ACTIONS: &[(&str, u16)] = &[
    ("AccountSendingPausedException", 400),
    ("AlreadyExists", 400),
    ("CannotDelete", 400),
    ("ConfigurationSetAlreadyExists", 400),
    ("ConfigurationSetSendingPausedException", 400),
    ("CustomVerificationEmailInvalidContent", 400),
    ("CustomVerificationEmailTemplateAlreadyExists", 400),
    ("CustomVerificationEmailTemplateDoesNotExist", 400),
    ("EventDestinationAlreadyExists", 400),
    ("EventDestinationDoesNotExist", 400),
    ("FromEmailAddressNotVerified", 400),
    ("InvalidCloudWatchDestination", 400),
    ("InvalidConfigurationSet", 400),
    ("InvalidDeliveryOptions", 400),
    ("InvalidFirehoseDestination", 400),
    ("InvalidLambdaFunction", 400),
    ("InvalidPolicy", 400),
    ("InvalidRenderingParameter", 400),
    ("InvalidS3Configuration", 400),
    ("InvalidSNSDestination", 400),
    ("InvalidSnsTopic", 400),
    ("InvalidTemplate", 400),
    ("InvalidTrackingOptions", 400),
    ("MailFromDomainNotVerifiedException", 400),
    ("MissingRenderingAttribute", 400),
    ("ProductionAccessNotGranted", 400),
    ("RuleDoesNotExist", 400),
    ("RuleSetDoesNotExist", 400),
    ("TemplateDoesNotExist", 400),
    ("TrackingOptionsAlreadyExistsException", 400),
    ("TrackingOptionsDoesNotExistException", 400),
];

/// Amazon SQS Query-protocol errors, as spelled on the wire.
const SQS: &[(&str, u16)] = &[
    ("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
    ("AWS.SimpleQueueService.BatchRequestTooLong", 400),
    ("AWS.SimpleQueueService.EmptyBatchRequest", 400),
    ("AWS.SimpleQueueService.InvalidBatchEntryId", 400),
    ("AWS.SimpleQueueService.MessageNotInflight", 400),
    ("AWS.SimpleQueueService.NonExistentQueue", 400),
    ("AWS.SimpleQueueService.PurgeQueueInProgress", 403),
    ("AWS.SimpleQueueService.QueueDeletedRecently", 400),
    ("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
    ("AWS.SimpleQueueService.UnsupportedOperation", 400),
    ("InvalidAddress", 404),
    ("InvalidAttributeName", 400),
    ("InvalidAttributeValue", 400),
    ("InvalidIdFormat", 400),
    ("InvalidMessageContents", 400),
    ("InvalidSecurity", 403),
    ("KMS.AccessDeniedException", 400),
    ("KMS.DisabledException", 400),
    ("KMS.InvalidKeyUsageException", 400),
    ("KMS.InvalidStateException", 400),
    ("KMS.NotFoundException", 400),
    ("KMS.OptInRequired", 403),
    ("KMS.ThrottlingException", 400),
    ("OverLimit", 403),
    ("QueueAlreadyExists", 400),
    ("ReceiptHandleIsInvalid", 404),
    ("ResourceNotFoundException", 404),
];

fn all_groups() -> impl Iterator<Item = &'static (&'static str, u16)> {
    SES_COMMON
        .iter()
        .chain(COMMON)
        .chain(SES_ACTIONS)
        .chain(SQS)
}

#[test]
fn ses_common_errors_are_listed() {
    for &(wire, status) in SES_COMMON {
        assert_listed(wire, status);
    }
}

#[test]
fn common_errors_are_listed() {
    for &(wire, status) in COMMON {
        assert_listed(wire, status);
    }
}

#[test]
fn ses_action_errors_are_listed() {
    for &(wire, status) in SES_ACTIONS {
        assert_listed(wire, status);
    }
}

#[test]
fn sqs_errors_are_listed() {
    for &(wire, status) in SQS {
        assert_listed(wire, status);
    }
}

#[test]
fn listed_codes_are_distinct() {
    let mut seen = HashSet::new();
    for &(wire, _) in all_groups() {
        assert!(seen.insert(parse(wire)), "{wire} parses like another code");
    }
}

#[test]
fn variants_have_their_wire_spelling() {
    assert_eq!(parse("Throttling"), ErrorCode::Throttling);
    assert_eq!(parse("InternalFailure"), ErrorCode::InternalFailure);
    assert_eq!(
        parse("InvalidInstanceID.NotFound"),
        ErrorCode::InvalidInstanceIdNotFound
    );
    assert_eq!(
        parse("InvalidInstanceID.Malformed"),
        ErrorCode::InvalidInstanceIdMalformed
    );
    assert_eq!(
        parse("AWS.SimpleQueueService.NonExistentQueue"),
        ErrorCode::SqsNonExistentQueue
    );
    assert_eq!(parse("KMS.ThrottlingException"), ErrorCode::KmsThrottled);
    assert_eq!(
        parse("InvalidSNSDestination"),
        ErrorCode::InvalidSnsDestination
    );
    assert_eq!(
        ErrorCode::ConfigurationSetDoesNotExist.as_str(),
        "ConfigurationSetDoesNotExist"
    );
    assert_eq!(
        ErrorCode::SqsPurgeQueueInProgress.to_string(),
        "AWS.SimpleQueueService.PurgeQueueInProgress"
    );
}

#[test]
fn unknown_codes_become_other_and_round_trip() {
    for wire in [
        "SomethingNew",
        "ConfigurationSetDoesNotExistException",
        "AWS.SimpleQueueService.SomethingNew",
        "InvalidInstanceID.Unknown",
        "Throttling ",
        " Throttling",
        "Throttling\n",
        "",
        "ÜnicodeCode",
    ] {
        let code = parse(wire);
        let ErrorCode::Other(other) = &code else {
            panic!("{wire:?} should be Other, got {code:?}");
        };
        assert_eq!(other.as_str(), wire);
        assert_eq!(code.as_str(), wire);
        assert_eq!(code.to_string(), wire);
        assert_eq!(code.http_status(), None);
        assert_eq!(code.fault(), None);
        assert_eq!(parse(code.as_str()), code);
        assert_eq!(code.clone(), code);
    }
}

#[test]
fn matching_is_case_sensitive() {
    for wire in [
        "throttling",
        "THROTTLING",
        "throttlingException",
        "invalidinstanceid.notfound",
        "aws.simplequeueservice.nonexistentqueue",
    ] {
        assert!(
            matches!(parse(wire), ErrorCode::Other(_)),
            "{wire} should be Other"
        );
    }
    assert_ne!(parse("throttling"), ErrorCode::Throttling);
    assert_eq!(classify("throttling"), ErrorClass::Client);
}

#[test]
fn throttling_class() {
    // Listed codes.
    for code in [
        ErrorCode::Throttling,
        ErrorCode::ThrottlingException,
        ErrorCode::TooManyRequestsException,
        ErrorCode::RequestThrottled,
        ErrorCode::PriorRequestNotComplete,
        // 503, but throttling wins over transient.
        ErrorCode::RequestLimitExceeded,
    ] {
        assert_eq!(code.class(), ErrorClass::Throttling, "{code}");
        assert!(code.is_retryable(), "{code}");
    }
    assert_eq!(ErrorCode::RequestLimitExceeded.http_status(), Some(503));
    // The whole standard list, as strings (listed or not).
    for wire in [
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    ] {
        assert_eq!(classify(wire), ErrorClass::Throttling, "{wire}");
        assert_eq!(parse(wire).class(), ErrorClass::Throttling, "{wire}");
    }
    // Listed for its class alone: no status is documented for it.
    assert_eq!(parse("SlowDown"), ErrorCode::SlowDown);
    assert_eq!(parse("SlowDown").http_status(), None);
    assert_eq!(parse("SlowDown").class(), ErrorClass::Throttling);
}

#[test]
fn clock_skew_class() {
    for code in [
        ErrorCode::RequestExpired,
        ErrorCode::SignatureDoesNotMatch,
        ErrorCode::AuthFailure,
    ] {
        assert_eq!(code.class(), ErrorClass::ClockSkew, "{code}");
        assert!(code.is_retryable(), "{code}");
    }
    for wire in [
        "RequestTimeTooSkewed",
        "RequestExpired",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "AuthFailure",
        "RequestInTheFuture",
    ] {
        assert_eq!(classify(wire), ErrorClass::ClockSkew, "{wire}");
    }
    assert_eq!(
        parse("RequestTimeTooSkewed"),
        ErrorCode::RequestTimeTooSkewed
    );
    assert_eq!(parse("RequestTimeTooSkewed").fault(), None);
    assert_eq!(parse("RequestTimeTooSkewed").class(), ErrorClass::ClockSkew);
}

#[test]
fn transient_class() {
    for code in [
        ErrorCode::InternalFailure,
        ErrorCode::InternalError,
        ErrorCode::ServiceUnavailable,
        ErrorCode::Unavailable,
        ErrorCode::RequestTimeout,
    ] {
        assert_eq!(code.class(), ErrorClass::Transient, "{code}");
        assert!(code.is_retryable(), "{code}");
    }
    for wire in [
        "InternalFailure",
        "InternalError",
        "InternalServerError",
        "InternalServerErrorException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "Unavailable",
        "RequestTimeout",
        "RequestTimeoutException",
    ] {
        assert_eq!(classify(wire), ErrorClass::Transient, "{wire}");
    }
    assert_eq!(parse("InternalServerError").class(), ErrorClass::Transient);
    // Every listed code with a 5xx status is retryable.
    for &(wire, status) in all_groups() {
        if status >= 500 {
            assert!(parse(wire).is_retryable(), "{wire}");
            assert_ne!(classify(wire), ErrorClass::Client, "{wire}");
        }
    }
}

#[test]
fn client_class() {
    for code in [
        ErrorCode::MessageRejected,
        ErrorCode::ConfigurationSetDoesNotExist,
        ErrorCode::InvalidParameterValue,
        ErrorCode::MalformedQueryString,
        ErrorCode::AccessDenied,
        ErrorCode::LimitExceeded,
        ErrorCode::SqsNonExistentQueue,
        ErrorCode::DryRunOperation,
    ] {
        assert_eq!(code.class(), ErrorClass::Client, "{code}");
        assert!(!code.is_retryable(), "{code}");
    }
    for wire in ["SomethingNew", "", "throttling", "ValidationException"] {
        assert_eq!(classify(wire), ErrorClass::Client, "{wire:?}");
        assert!(!parse(wire).is_retryable(), "{wire:?}");
    }
}

#[test]
fn class_is_retryable() {
    assert!(ErrorClass::Throttling.is_retryable());
    assert!(ErrorClass::Transient.is_retryable());
    assert!(ErrorClass::ClockSkew.is_retryable());
    assert!(!ErrorClass::Client.is_retryable());
}

#[test]
fn class_agrees_with_classify() {
    for &(wire, _) in all_groups() {
        assert_eq!(parse(wire).class(), classify(wire), "{wire}");
    }
}

#[test]
fn fault_follows_status() {
    assert_eq!(ErrorCode::Throttling.fault(), Some(Fault::Sender));
    assert_eq!(ErrorCode::MalformedQueryString.fault(), Some(Fault::Sender));
    assert_eq!(ErrorCode::DryRunOperation.fault(), Some(Fault::Sender));
    assert_eq!(
        ErrorCode::TooManyRequestsException.fault(),
        Some(Fault::Sender)
    );
    assert_eq!(ErrorCode::InternalFailure.fault(), Some(Fault::Receiver));
    assert_eq!(ErrorCode::ServiceUnavailable.fault(), Some(Fault::Receiver));
    assert_eq!(
        ErrorCode::RequestLimitExceeded.fault(),
        Some(Fault::Receiver)
    );
    assert_eq!(parse("SomethingNew").fault(), None);
    for &(wire, status) in all_groups() {
        let expected = if status >= 500 {
            Fault::Receiver
        } else {
            Fault::Sender
        };
        assert_eq!(parse(wire).fault(), Some(expected), "{wire}");
    }
    assert_eq!(Fault::Sender.as_str(), "Sender");
    assert_eq!(Fault::Receiver.as_str(), "Receiver");
}

#[test]
fn usable_in_a_hash_set() {
    let mut set = HashSet::new();
    assert!(set.insert(parse("Throttling")));
    assert!(!set.insert(ErrorCode::Throttling));
    assert!(set.insert(parse("SomethingNew")));
    assert!(!set.insert(parse("SomethingNew")));
    assert!(set.insert(parse("somethingnew")));
    assert!(set.contains(&ErrorCode::Throttling));
    assert!(set.contains(&parse("SomethingNew")));
    assert!(!set.contains(&ErrorCode::InternalFailure));
    assert_eq!(set.len(), 3);

    let classes: HashSet<ErrorClass> = all_groups().map(|&(wire, _)| classify(wire)).collect();
    assert_eq!(classes.len(), 4);
    let faults: HashSet<Fault> = all_groups()
        .filter_map(|&(wire, _)| parse(wire).fault())
        .collect();
    assert_eq!(faults.len(), 2);
}

#[test]
fn serializes_as_the_wire_string() {
    assert_eq!(
        serde_json::to_string(&ErrorCode::SqsNonExistentQueue).ok(),
        Some("\"AWS.SimpleQueueService.NonExistentQueue\"".to_owned())
    );
    assert_eq!(
        serde_json::to_string(&parse("Some\"Code")).ok(),
        Some("\"Some\\\"Code\"".to_owned())
    );
}

#[test]
fn for_status_picks_a_code_listed_with_that_status() {
    let mut named = 0;
    for status in 100..=599u16 {
        if let Some(code) = ErrorCode::for_status(status) {
            named += 1;
            assert_eq!(code.http_status(), Some(status), "{code} for {status}");
            let fault = if status < 500 {
                Fault::Sender
            } else {
                Fault::Receiver
            };
            assert_eq!(code.fault(), Some(fault));
            assert!(code.is_retryable(), "{code} for {status} is retryable");
        }
    }
    assert_eq!(named, 3);
    assert_eq!(
        ErrorCode::for_status(503),
        Some(ErrorCode::ServiceUnavailable)
    );
    assert_eq!(ErrorCode::for_status(500), Some(ErrorCode::InternalFailure));
    assert_eq!(
        ErrorCode::for_status(429).map(|c| c.class()),
        Some(ErrorClass::Throttling)
    );
    for status in [200, 400, 403, 404, 502, 504] {
        assert_eq!(ErrorCode::for_status(status), None, "{status}");
    }
}
