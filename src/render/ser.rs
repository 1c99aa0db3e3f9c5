//! A serde [`Serializer`] that writes a value as a Query result, with the
//! conventions `from_slice` reads, through the one [`Writer`].

use serde::ser::{self, Impossible, Serialize, Serializer};

use crate::render::key::Key;
use crate::render::writer::{TextKind, Writer};
use crate::render::{Arrays, RenderError};
use crate::tokens::is_ncname;

/// Writes `value`'s fields (or map entries) as the children of the open
/// result element.
///
/// `reserved`: the result element's name, when the result is the root's
/// content (the 2007 and EC2 forms): a member may then not be named like
/// the envelope's children.
pub(crate) fn result<T: Serialize + ?Sized>(
    w: &mut Writer,
    arrays: Arrays,
    prefix: Option<&str>,
    reserved: Option<&str>,
    value: &T,
) -> Result<(), RenderError> {
    let mut ctx = Ctx {
        w,
        arrays,
        prefix,
        reserved,
    };
    value.serialize(Fields {
        ctx: &mut ctx,
        path: String::new(),
    })
}

struct Ctx<'w, 'p> {
    w: &'w mut Writer,
    arrays: Arrays,
    prefix: Option<&'p str>,
    reserved: Option<&'p str>,
}

pub(crate) fn unsupported(path: &str, message: &str) -> RenderError {
    RenderError::Serialize {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}/{name}")
    }
}

/// The result itself: a struct's fields or a map's entries become elements.
struct Fields<'a, 'w, 'p> {
    ctx: &'a mut Ctx<'w, 'p>,
    path: String,
}

/// One element named `name` (or none, for `None`; or a run, for a
/// flattened sequence).
struct Element<'a, 'w, 'p> {
    ctx: &'a mut Ctx<'w, 'p>,
    name: String,
    path: String,
    /// An item of a list or a map's value: a sequence in it must be
    /// wrapped (flattened, its items would join the run), and it must be
    /// there (`None` would drop the item, or leave the entry without a value).
    wrap: bool,
}

impl<'a, 'w, 'p> Element<'a, 'w, 'p> {
    fn new(
        ctx: &'a mut Ctx<'w, 'p>,
        name: &str,
        path: String,
        wrap: bool,
    ) -> Result<Self, RenderError> {
        if !is_ncname(name) {
            return Err(RenderError::InvalidName { field: path });
        }
        Ok(Element {
            ctx,
            name: name.to_owned(),
            path,
            wrap,
        })
    }

    fn leaf(self, text: &str) -> Result<(), RenderError> {
        let path = self.path;
        self.ctx
            .w
            .leaf(self.ctx.prefix, &self.name, text, TextKind::Value, &|| {
                path.clone()
            })
    }

    fn open(&mut self) -> Result<(), RenderError> {
        let path = &self.path;
        self.ctx
            .w
            .start(self.ctx.prefix, &self.name, &[], &|| path.clone())
    }

    /// A run of `<name>` (flattened) or `<name><member>..` (wrapped); a
    /// list of fewer than two items is wrapped: flattened, one empty item
    /// would read as no item, and no item as an absent field.
    fn list(mut self, len: Option<usize>) -> Result<List<'a, 'w, 'p>, RenderError> {
        let item = match self.ctx.arrays {
            Arrays::Flattened if !self.wrap && len.is_none_or(|n| n > 1) => None,
            Arrays::Item => Some("item"),
            _ => Some("member"),
        };
        if item.is_some() {
            self.open()?;
        }
        Ok(List {
            el: self,
            item,
            count: 0,
        })
    }
}

struct List<'a, 'w, 'p> {
    el: Element<'a, 'w, 'p>,
    /// `None`: flattened.
    item: Option<&'static str>,
    count: usize,
}

impl List<'_, '_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), RenderError> {
        let (name, path) = match self.item {
            Some(item) => (item, format!("{}/{item}[{}]", self.el.path, self.count)),
            None => (
                self.el.name.as_str(),
                format!("{}[{}]", self.el.path, self.count),
            ),
        };
        let name = name.to_owned();
        self.count += 1;
        value.serialize(Element::new(self.el.ctx, &name, path, true)?)
    }

    fn done(self) {
        if self.item.is_some() {
            self.el.ctx.w.end();
        }
    }
}

/// A list's items, whichever serde form they come in.
macro_rules! list_items {
    ($($form:ident::$method:ident),*) => {$(
        impl ser::$form for List<'_, '_, '_> {
            type Ok = ();
            type Error = RenderError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), RenderError> {
                self.item(value)
            }
            fn end(self) -> Result<(), RenderError> {
                self.done();
                Ok(())
            }
        }
    )*};
}

list_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

/// A map: `<name><entry><key>k</key><value>v</value></entry>..</name>`,
/// or flattened `<name><Name>k</Name><Value>v</Value></name>` a entry.
struct Entries<'a, 'w, 'p> {
    el: Element<'a, 'w, 'p>,
    flat: bool,
    key: Option<String>,
    count: usize,
}

impl ser::SerializeMap for Entries<'_, '_, '_> {
    type Ok = ();
    type Error = RenderError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), RenderError> {
        self.key = Some(key.serialize(Key(&self.el.path))?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), RenderError> {
        let key = self.key.take().unwrap_or_default();
        let i = self.count;
        self.count += 1;
        let (entry, k, v) = if self.flat {
            (self.el.name.clone(), "Name", "Value")
        } else {
            ("entry".to_owned(), "key", "value")
        };
        let path = if self.flat {
            format!("{}[{i}]", self.el.path)
        } else {
            format!("{}/entry[{i}]", self.el.path)
        };
        let ctx = &mut *self.el.ctx;
        let p = ctx.prefix;
        ctx.w.start(p, &entry, &[], &|| path.clone())?;
        let key_path = format!("{path}/{k}");
        ctx.w
            .leaf(p, k, &key, TextKind::Value, &|| key_path.clone())?;
        value.serialize(Element::new(ctx, v, format!("{path}/{v}"), true)?)?;
        ctx.w.end();
        Ok(())
    }

    fn end(self) -> Result<(), RenderError> {
        if !self.flat {
            self.el.ctx.w.end();
        }
        Ok(())
    }
}

/// A struct: `<name>` with one element a field.
struct Members<'a, 'w, 'p> {
    ctx: &'a mut Ctx<'w, 'p>,
    path: String,
    /// Whether an element was opened (to close): not for the result itself.
    close: bool,
}

impl Members<'_, '_, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), RenderError> {
        let path = join(&self.path, name);
        if !self.close
            && let Some(result) = self.ctx.reserved
            && (crate::names::is_root_metadata(name) || name == "Errors" || name == result)
        {
            return Err(unsupported(
                &path,
                "a result member named like the envelope's, where the result is the root's content",
            ));
        }
        value.serialize(Element::new(self.ctx, name, path, false)?)
    }

    fn done(self) {
        if self.close {
            self.ctx.w.end();
        }
    }
}

impl ser::SerializeStruct for Members<'_, '_, '_> {
    type Ok = ();
    type Error = RenderError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), RenderError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), RenderError> {
        self.done();
        Ok(())
    }
}

/// The result as a map: its keys are the elements' names.
struct Named<'a, 'w, 'p> {
    members: Members<'a, 'w, 'p>,
    key: Option<String>,
}

impl ser::SerializeMap for Named<'_, '_, '_> {
    type Ok = ();
    type Error = RenderError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), RenderError> {
        self.key = Some(key.serialize(Key(&self.members.path))?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), RenderError> {
        let key = self.key.take().unwrap_or_default();
        self.members.field(&key, value)
    }
    fn end(self) -> Result<(), RenderError> {
        self.members.done();
        Ok(())
    }
}

macro_rules! scalars {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<(), RenderError> {
            self.leaf(&v.to_string())
        })*
    };
}

macro_rules! refuse {
    ($what:literal; $($method:ident($($arg:ty),*) -> $ret:ty),*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, RenderError> {
            Err(unsupported(&self.path, $what))
        })*
    };
}

impl<'a, 'w, 'p> Serializer for Element<'a, 'w, 'p> {
    type Ok = ();
    type Error = RenderError;
    type SerializeSeq = List<'a, 'w, 'p>;
    type SerializeTuple = List<'a, 'w, 'p>;
    type SerializeTupleStruct = List<'a, 'w, 'p>;
    type SerializeTupleVariant = Impossible<(), RenderError>;
    type SerializeMap = Entries<'a, 'w, 'p>;
    type SerializeStruct = Members<'a, 'w, 'p>;
    type SerializeStructVariant = Impossible<(), RenderError>;

    scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char);

    fn serialize_str(self, v: &str) -> Result<(), RenderError> {
        self.leaf(v)
    }

    fn serialize_none(self) -> Result<(), RenderError> {
        if self.wrap {
            return Err(unsupported(
                &self.path,
                "`None` in a list or as a map's value has no Query form",
            ));
        }
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), RenderError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), RenderError> {
        self.leaf("")
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), RenderError> {
        self.leaf("")
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), RenderError> {
        self.leaf(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), RenderError> {
        value.serialize(self)
    }

    refuse!("bytes have no Query form (use `helpers::base64` text)";
        serialize_bytes(&[u8]) -> ());

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), RenderError> {
        Err(unsupported(
            &self.path,
            "an enum variant with data has no Query form",
        ))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<List<'a, 'w, 'p>, RenderError> {
        self.list(len)
    }

    fn serialize_tuple(self, len: usize) -> Result<List<'a, 'w, 'p>, RenderError> {
        self.list(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<List<'a, 'w, 'p>, RenderError> {
        self.list(Some(len))
    }

    refuse!("an enum variant with data has no Query form";
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<(), RenderError>,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<(), RenderError>);

    fn serialize_map(mut self, _: Option<usize>) -> Result<Entries<'a, 'w, 'p>, RenderError> {
        let flat = self.ctx.arrays == Arrays::Flattened && !self.wrap;
        if !flat {
            self.open()?;
        }
        Ok(Entries {
            el: self,
            flat,
            key: None,
            count: 0,
        })
    }

    fn serialize_struct(
        mut self,
        _: &'static str,
        _: usize,
    ) -> Result<Members<'a, 'w, 'p>, RenderError> {
        self.open()?;
        Ok(Members {
            ctx: self.ctx,
            path: self.path,
            close: true,
        })
    }
}

impl<'a, 'w, 'p> Serializer for Fields<'a, 'w, 'p> {
    type Ok = ();
    type Error = RenderError;
    type SerializeSeq = Impossible<(), RenderError>;
    type SerializeTuple = Impossible<(), RenderError>;
    type SerializeTupleStruct = Impossible<(), RenderError>;
    type SerializeTupleVariant = Impossible<(), RenderError>;
    type SerializeMap = Named<'a, 'w, 'p>;
    type SerializeStruct = Members<'a, 'w, 'p>;
    type SerializeStructVariant = Impossible<(), RenderError>;

    refuse!("the result must be a struct or a map";
        serialize_bool(bool) -> (), serialize_i8(i8) -> (), serialize_i16(i16) -> (),
        serialize_i32(i32) -> (), serialize_i64(i64) -> (), serialize_u8(u8) -> (),
        serialize_u16(u16) -> (), serialize_u32(u32) -> (), serialize_u64(u64) -> (),
        serialize_f32(f32) -> (), serialize_f64(f64) -> (), serialize_char(char) -> (),
        serialize_str(&str) -> (), serialize_bytes(&[u8]) -> (),
        serialize_unit_variant(&'static str, u32, &'static str) -> (),
        serialize_seq(Option<usize>) -> Impossible<(), RenderError>,
        serialize_tuple(usize) -> Impossible<(), RenderError>,
        serialize_tuple_struct(&'static str, usize) -> Impossible<(), RenderError>,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<(), RenderError>,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<(), RenderError>);

    fn serialize_none(self) -> Result<(), RenderError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), RenderError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), RenderError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), RenderError> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), RenderError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), RenderError> {
        Err(unsupported(
            &self.path,
            "the result must be a struct or a map",
        ))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Named<'a, 'w, 'p>, RenderError> {
        Ok(Named {
            members: Members {
                ctx: self.ctx,
                path: self.path,
                close: false,
            },
            key: None,
        })
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Members<'a, 'w, 'p>, RenderError> {
        Ok(Members {
            ctx: self.ctx,
            path: self.path,
            close: false,
        })
    }
}
