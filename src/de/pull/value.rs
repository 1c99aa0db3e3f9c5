//! A self-describing target of the whole result (`serde_json::Value`, the
//! buffered content of an untagged enum or a flattened struct): exactly the
//! tree [`Response::result`](crate::Response::result) gives, built straight
//! from the tokens as [`Value`]s and handed over as it is. No node tree, so
//! such a target costs about a third of the memory it did.
//!
//! Only `deserialize_any` (and `deserialize_ignored_any`) is answered: a
//! target that asks a value for anything else (a number, an option, a
//! struct) falls back to the tree, which reads every convention.

use std::borrow::Cow;

use serde::Deserializer;
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{IntoDeserializer, Visitor};

use super::{Fallback, Pull};

/// Methods that refuse: the tree reads what they ask for.
macro_rules! refuse {
    ($($method:ident),*; named: $($named:ident),*;) => {
        $(
            fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fallback> {
                Err(Fallback)
            }
        )*
        $(
            fn $named<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value, Fallback> {
                Err(Fallback)
            }
        )*
    };
}
use crate::Options;
use crate::pass::Grow;
use crate::tokens::Token;
use crate::tree::Value;
use crate::values::ValueBuilder;

impl<'a> Pull<'_, 'a> {
    /// The rest of the content whose start tag was read, as the tree of
    /// [`Response::result`](crate::Response::result).
    pub(super) fn value_tree(&mut self, options: &Options) -> Result<Value<'a>, Fallback> {
        // its offsets only name errors, which the tree words on its own
        let mut builder = ValueBuilder::new(0, false, options);
        loop {
            match self.next(builder.text_mode())? {
                Token::Open { local, start, .. } => {
                    builder.open(local, start).map_err(|_| Fallback)?;
                }
                Token::Close { .. } => {
                    if !builder.close() {
                        return Ok(builder.finish());
                    }
                }
                Token::Text(text) => builder.text(text),
                Token::NeedMore { .. } | Token::Eof => return Err(Fallback),
            }
        }
    }
}

/// A [`Value`] as a self-describing `Deserializer`.
pub(super) struct ValueDe<'a>(pub(super) Value<'a>);

impl<'a> IntoDeserializer<'a, Fallback> for ValueDe<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for ValueDe<'de> {
    type Error = Fallback;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        match self.0 {
            Value::String(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Value::String(Cow::Owned(s)) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(ValueDe));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(map) => {
                let mut entries = MapDeserializer::new(
                    map.into_entries()
                        .into_iter()
                        .map(|(name, value)| (name, ValueDe(value))),
                );
                let value = visitor.visit_map(&mut entries)?;
                entries.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        drop(self);
        visitor.visit_unit()
    }

    refuse! {
        deserialize_bool, deserialize_i8, deserialize_i16, deserialize_i32, deserialize_i64,
        deserialize_i128, deserialize_u8, deserialize_u16, deserialize_u32, deserialize_u64,
        deserialize_u128, deserialize_f32, deserialize_f64, deserialize_char, deserialize_str,
        deserialize_string, deserialize_bytes, deserialize_byte_buf, deserialize_option,
        deserialize_unit, deserialize_seq, deserialize_map, deserialize_identifier;
        named: deserialize_unit_struct, deserialize_newtype_struct;
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Fallback> {
        Err(Fallback)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value, Fallback> {
        Err(Fallback)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Fallback> {
        Err(Fallback)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Fallback> {
        Err(Fallback)
    }
}
