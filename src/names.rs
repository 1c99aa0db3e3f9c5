//! The element names the crate gives a meaning to, each defined once: the
//! envelope reads them, and the result's builders and deserializers leave
//! them out or read lists by them.

/// A request id in a Query envelope: `RequestId`, or `RequestID` (the 2007
/// style and the legacy `Response/Errors`).
pub(crate) fn is_request_id(local: &str) -> bool {
    matches!(local, "RequestId" | "RequestID")
}

/// EC2's request id, a child of its root.
pub(crate) const EC2_REQUEST_ID: &str = "requestId";

/// `ResponseMetadata`, which holds the request id, or `OperationRequest`,
/// which holds it in the legacy Mechanical Turk and Product Advertising
/// envelopes.
pub(crate) fn is_metadata_holder(local: &str) -> bool {
    matches!(local, "ResponseMetadata" | "OperationRequest")
}

/// The 2007 style's `ResponseStatus` (a status code and the request id).
pub(crate) const RESPONSE_STATUS: &str = "ResponseStatus";

/// A child of an action root that is envelope, not result: a request id
/// (any of the three), a metadata holder, or `ResponseStatus`.
pub(crate) fn is_root_metadata(local: &str) -> bool {
    is_request_id(local)
        || local == EC2_REQUEST_ID
        || is_metadata_holder(local)
        || local == RESPONSE_STATUS
}

/// An item of a wrapped list: `member` (Query) or `item` (EC2).
pub(crate) fn is_list_item(local: &str) -> bool {
    matches!(local, "member" | "item")
}
