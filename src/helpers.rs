//! Helpers for `#[serde(with = ...)]` and `#[serde(deserialize_with = ...)]`
//! on the fields of result types (see [`from_slice`](crate::from_slice)).
//!
//! They work with this crate's deserializer; with another deserializer they
//! fall back to reading the field plainly.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Visitor};

use crate::de::{KEEP_WHITESPACE, MAP_BY_POSITION};

/// Gives a newtype request's content to `T`'s own deserializer.
struct Inner<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Inner<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

/// Reads a string field's text exactly as written, whatever the
/// [`Whitespace`](crate::Whitespace) policy: for a field whose edges are
/// data (a message body), while the rest of the result is trimmed.
///
/// # Errors
///
/// The deserializer's error when the element holds other elements.
///
/// # Examples
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Message {
///     #[serde(rename = "Body", deserialize_with = "aws_query_xml::helpers::keep_whitespace")]
///     body: String,
///     #[serde(rename = "MessageId")]
///     id: String,
/// }
/// let body = b"<ReceiveMessageResponse><ReceiveMessageResult>\n<MessageId>\n  m-1\n</MessageId>\
///   <Body>\n  indented\n</Body></ReceiveMessageResult></ReceiveMessageResponse>";
/// let message: Message = aws_query_xml::from_slice(body)?.into_result();
/// assert_eq!(message.id, "m-1");
/// assert_eq!(message.body, "\n  indented\n");
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn keep_whitespace<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_newtype_struct(KEEP_WHITESPACE, Inner(PhantomData))
}

/// Reads a map whose entries name their key and value otherwise than
/// `key`/`Name` and `value`/`Value` (Smithy's `@xmlName`, such as `K`/`V` or
/// `Attribute`/`Setting`): in each entry the first child is the key, the
/// second the value. Entries are `entry` elements (wrapped) or the repeated
/// elements themselves (flattened).
///
/// # Errors
///
/// The deserializer's error when an entry has fewer or more than two
/// children or they do not fit the key and value types, and when the
/// element holds text instead of entries.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
///
/// #[derive(serde::Deserialize)]
/// struct Result {
///     #[serde(rename = "myMap", deserialize_with = "aws_query_xml::helpers::map_by_position")]
///     my_map: BTreeMap<String, String>,
/// }
/// let body = b"<XResponse><XResult><myMap><entry><K>a</K><V>1</V></entry>\
///   <entry><K>b</K><V>2</V></entry></myMap></XResult></XResponse>";
/// let result: Result = aws_query_xml::from_slice(body)?.into_result();
/// assert_eq!(result.my_map["b"], "2");
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
pub fn map_by_position<'de, D, M>(deserializer: D) -> Result<M, D::Error>
where
    D: Deserializer<'de>,
    M: Deserialize<'de>,
{
    deserializer.deserialize_newtype_struct(MAP_BY_POSITION, Inner(PhantomData))
}

/// AWS timestamps as [`time::OffsetDateTime`](https://docs.rs/time/0.3/time/struct.OffsetDateTime.html) (feature `time`), for
/// `#[serde(with = "aws_query_xml::helpers::timestamp")]`: ISO 8601 with or
/// without fraction and offset (`2014-04-29T18:30:38Z`,
/// `2019-12-16T22:48:18-01:00`, `2014-04-29T18:30:38.123`; no offset means
/// UTC), HTTP dates (`Tue, 29 Apr 2014 18:30:38 GMT`) and epoch seconds
/// (`1398796238`, `1398796238.123`).
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub mod timestamp {
    use serde::de::{Deserialize, Deserializer, Error as _};
    use time::format_description::well_known::{Iso8601, Rfc2822, Rfc3339};
    use time::{OffsetDateTime, PrimitiveDateTime};

    /// Parses one of the three AWS timestamp forms.
    pub(crate) fn parse(s: &str) -> Option<OffsetDateTime> {
        let s = s.trim();
        if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
            return Some(t);
        }
        if let Ok(t) = OffsetDateTime::parse(s, &Iso8601::DEFAULT) {
            return Some(t);
        }
        if let Ok(t) = PrimitiveDateTime::parse(s, &Iso8601::DEFAULT) {
            return Some(t.assume_utc());
        }
        if let Ok(t) = OffsetDateTime::parse(&s.replace(" GMT", " +0000"), &Rfc2822) {
            return Some(t);
        }
        epoch(s)
    }

    /// Epoch seconds, with an optional fraction (to nanoseconds).
    fn epoch(s: &str) -> Option<OffsetDateTime> {
        let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
        if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let seconds: i128 = whole.parse().ok()?;
        let digits = format!("{fraction:0<9}");
        let nanos: i128 = digits.parse().ok()?;
        let total = seconds.checked_mul(1_000_000_000)?;
        let total = if whole.starts_with('-') {
            total.checked_sub(nanos)?
        } else {
            total.checked_add(nanos)?
        };
        OffsetDateTime::from_unix_timestamp_nanos(total).ok()
    }

    /// Deserializes a timestamp.
    ///
    /// # Errors
    ///
    /// When the text is none of the three forms.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        parse(&s).ok_or_else(|| {
            D::Error::custom("expected a timestamp (ISO 8601, HTTP date or epoch seconds)")
        })
    }

    /// For `Option<OffsetDateTime>` fields: `#[serde(default, with = "aws_query_xml::helpers::timestamp::option")]`.
    pub mod option {
        use serde::de::{Deserialize, Deserializer};
        use time::OffsetDateTime;

        /// Deserializes an optional timestamp.
        ///
        /// # Errors
        ///
        /// As [`super::deserialize`].
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<OffsetDateTime>, D::Error> {
            #[derive(serde::Deserialize)]
            struct Wrap(#[serde(with = "super")] OffsetDateTime);
            Ok(Option::<Wrap>::deserialize(d)?.map(|Wrap(t)| t))
        }
    }
}

/// Base64 blobs as `Vec<u8>` (feature `base64`), for
/// `#[serde(with = "aws_query_xml::helpers::base64")]`; an empty element is
/// an empty blob.
#[cfg(feature = "base64")]
#[cfg_attr(docsrs, doc(cfg(feature = "base64")))]
pub mod base64 {
    use base64::Engine as _;
    use serde::de::{Deserialize, Deserializer, Error as _};

    /// Deserializes a base64 blob.
    ///
    /// # Errors
    ///
    /// When the text is not base64.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        let s: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(s)
            .map_err(|_| D::Error::custom("expected base64"))
    }

    /// For `Option<Vec<u8>>` fields: `#[serde(default, with = "aws_query_xml::helpers::base64::option")]`.
    pub mod option {
        use serde::de::{Deserialize, Deserializer};

        /// Deserializes an optional base64 blob.
        ///
        /// # Errors
        ///
        /// As [`super::deserialize`].
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
            #[derive(serde::Deserialize)]
            struct Wrap(#[serde(with = "super")] Vec<u8>);
            Ok(Option::<Wrap>::deserialize(d)?.map(|Wrap(b)| b))
        }
    }
}
