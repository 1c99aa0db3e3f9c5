//! A map key serialized as the text of its `key` or `Name` element.

use serde::ser::{Impossible, Serialize, Serializer};

use crate::render::RenderError;
use crate::render::ser::unsupported;

/// A map key, as text.
pub(crate) struct Key<'a>(pub(crate) &'a str);

impl Key<'_> {
    fn refuse<T>(&self) -> Result<T, RenderError> {
        Err(unsupported(
            self.0,
            "a map key must be a string, a number, a bool or a unit variant",
        ))
    }
}

macro_rules! key_scalars {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<String, RenderError> {
            Ok(v.to_string())
        })*
    };
}

impl Serializer for Key<'_> {
    type Ok = String;
    type Error = RenderError;
    type SerializeSeq = Impossible<String, RenderError>;
    type SerializeTuple = Impossible<String, RenderError>;
    type SerializeTupleStruct = Impossible<String, RenderError>;
    type SerializeTupleVariant = Impossible<String, RenderError>;
    type SerializeMap = Impossible<String, RenderError>;
    type SerializeStruct = Impossible<String, RenderError>;
    type SerializeStructVariant = Impossible<String, RenderError>;

    key_scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char, serialize_str: &str);

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, RenderError> {
        Ok(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, RenderError> {
        value.serialize(self)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<String, RenderError> {
        self.refuse()
    }
    fn serialize_none(self) -> Result<String, RenderError> {
        self.refuse()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, RenderError> {
        self.refuse()
    }
    fn serialize_unit(self) -> Result<String, RenderError> {
        self.refuse()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, RenderError> {
        self.refuse()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, RenderError> {
        self.refuse()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, RenderError> {
        self.refuse()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, RenderError> {
        self.refuse()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, RenderError> {
        self.refuse()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, RenderError> {
        self.refuse()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, RenderError> {
        self.refuse()
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, RenderError> {
        self.refuse()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, RenderError> {
        self.refuse()
    }
}
