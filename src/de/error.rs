//! The deserializer's errors: the element's path and offset, what was
//! expected, and never the element's text.

use std::fmt::{self, Display};

use serde::de;

use crate::error::{Error, ErrorKind};

/// Where an element is, for error messages: `Message[3]/Attribute[0]/Value`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Path<'p> {
    pub(crate) parent: Option<&'p Path<'p>>,
    pub(crate) name: &'p str,
    pub(crate) index: Option<usize>,
}

impl Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut segments = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            // the result's content, unnamed, has no segment (nor an index)
            if !p.name.is_empty() {
                segments.push(p);
            }
            at = p.parent;
        }
        for (i, p) in segments.iter().rev().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            f.write_str(p.name)?;
            if let Some(i) = p.index {
                write!(f, "[{i}]")?;
            }
        }
        Ok(())
    }
}

/// `n` items, in words: `1 item`, `3 items`.
pub(crate) fn items(n: usize) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}

/// The path above the result.
pub(crate) const ROOT: Path<'static> = Path {
    parent: None,
    name: "",
    index: None,
};

/// The deserializer's error, carrying the element path and offset.
#[derive(Debug)]
pub(crate) struct DeError {
    pub(crate) message: String,
    pub(crate) path: Option<String>,
    pub(crate) offset: Option<u64>,
}

impl DeError {
    pub(crate) fn at(mut self, path: Option<&Path<'_>>, offset: u64) -> Self {
        if self.path.is_none() {
            self.path = Some(path.map_or_else(String::new, ToString::to_string));
            self.offset = Some(offset);
        }
        self
    }

    /// The crate's error; one that no element located yet is at `at`, the
    /// element the deserialization began with.
    pub(crate) fn into_error(self, at: u64) -> Error {
        Error::new(
            ErrorKind::Deserialize {
                path: self.path.unwrap_or_default(),
                message: self.message,
            },
            self.offset.unwrap_or(at),
        )
    }
}

impl Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

/// What kind of value was found, never the value itself (bodies carry secrets).
fn kind_of(unexp: &de::Unexpected<'_>) -> &'static str {
    match unexp {
        de::Unexpected::Bool(_) => "a boolean",
        de::Unexpected::Unsigned(_) | de::Unexpected::Signed(_) => "an integer",
        de::Unexpected::Float(_) => "a float",
        de::Unexpected::Char(_) => "a character",
        de::Unexpected::Str(_) => "text",
        de::Unexpected::Bytes(_) => "bytes",
        de::Unexpected::Unit => "an empty element",
        de::Unexpected::Option => "an optional value",
        de::Unexpected::NewtypeStruct => "a newtype",
        de::Unexpected::Seq => "a list",
        de::Unexpected::Map => "an element with children",
        de::Unexpected::Enum => "an enum",
        de::Unexpected::UnitVariant
        | de::Unexpected::NewtypeVariant
        | de::Unexpected::TupleVariant
        | de::Unexpected::StructVariant => "an enum variant",
        de::Unexpected::Other(_) => "something else",
    }
}

impl de::Error for DeError {
    fn custom<T: Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            path: None,
            offset: None,
        }
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!("expected {exp}, found {}", kind_of(&unexp)))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "expected {exp}, found another {}",
            kind_of(&unexp)
                .trim_start_matches("a ")
                .trim_start_matches("an ")
        ))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!("expected {exp}, found {}", items(len)))
    }

    fn unknown_variant(_variant: &str, expected: &'static [&'static str]) -> Self {
        Self::custom(format_args!("expected one of {expected:?}"))
    }
}
