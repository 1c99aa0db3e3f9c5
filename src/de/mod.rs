//! Typed results: a serde `Deserializer` over the result of a success
//! envelope, with the Query protocol's conventions for lists, maps and
//! scalars.
//!
//! The result subtree is first gathered into a compact tree that borrows
//! from the body (serde needs to see siblings out of order: flattened lists
//! interleave with other fields), then deserialized from it. `from_slice`
//! builds that tree during the envelope pass
//! (`envelope::parse_slice_with_result`); the stream paths gather it from
//! the result's bytes afterwards. The envelope-only path never pays for it.

use std::borrow::Cow;
use std::fmt::Display;

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

use crate::error::Error;

mod access;
mod error;
pub(crate) mod pull;

use crate::tree::{Node, gather, group_by_name};
use crate::{Options, Whitespace};
use access::{Entries, Fields, Items};
use error::{DeError, Path, ROOT};

/// Deserializes `T` from the content of an element (the result, or an
/// `<Error>`): `name` heads the paths in error messages.
pub(crate) fn deserialize<'de, T: Deserialize<'de>>(
    content: &'de [u8],
    base: u64,
    root_children: bool,
    name: &str,
    options: Options,
) -> Result<T, Error> {
    // pulled from the tokens when serde reads it in document order
    if !root_children && let Some(value) = pull::from_content(content, base, options) {
        return Ok(value);
    }
    let root = gather(content, base, root_children, options)?;
    deserialize_tree(&root, name, options)
}

/// Deserializes `T` from a gathered element.
pub(crate) fn deserialize_tree<'de, T: Deserialize<'de>>(
    root: &Node<'de>,
    name: &str,
    options: Options,
) -> Result<T, Error> {
    let group = Group {
        nodes: vec![root],
        path: None,
        name,
        whitespace: options.whitespace,
        positional: false,
    };
    T::deserialize(group).map_err(DeError::into_error)
}

/// The newtype name by which [`crate::helpers::keep_whitespace`] asks for
/// the text exactly as written.
pub(crate) const KEEP_WHITESPACE: &str = "$aws_query_xml::keep_whitespace";
/// The newtype name by which [`crate::helpers::map_by_position`] asks for map
/// entries read by position.
pub(crate) const MAP_BY_POSITION: &str = "$aws_query_xml::map_by_position";

/// The elements of one name among siblings: what a field deserializes from.
pub(crate) struct Group<'n, 'a> {
    nodes: Vec<&'n Node<'a>>,
    path: Option<&'n Path<'n>>,
    name: &'n str,
    whitespace: Whitespace,
    /// Map entries are read by position: first child key, second value.
    positional: bool,
}

impl<'n, 'a> Group<'n, 'a> {
    fn one(node: &'n Node<'a>, path: Option<&'n Path<'n>>, whitespace: Whitespace) -> Self {
        Group {
            nodes: vec![node],
            path,
            name: node.name,
            whitespace,
            positional: false,
        }
    }

    fn first(&self) -> &'n Node<'a> {
        self.nodes[0]
    }

    fn err(&self, message: impl Display) -> DeError {
        let here = Path {
            parent: self.path,
            name: self.name,
            index: None,
        };
        DeError {
            message: message.to_string(),
            path: Some(here.to_string()),
            offset: Some(self.first().start),
        }
    }

    fn locate(&self, e: DeError) -> DeError {
        let here = Path {
            parent: self.path,
            name: self.name,
            index: None,
        };
        e.at(Some(&here), self.first().start)
    }

    /// The text of the first element, trimmed (scalars).
    fn trimmed(&self) -> &str {
        self.first()
            .text
            .as_ref()
            .map_or("", |t| crate::text::trim_xml_ws(t.as_str()))
    }

    fn parse<T: std::str::FromStr>(&self, what: &str) -> Result<T, DeError> {
        self.leaf()?;
        self.trimmed()
            .parse()
            .map_err(|_| self.err(format_args!("expected {what}")))
    }

    /// Checks that a scalar or string target has one element without child
    /// elements: anything else is an error, never a silent pick.
    fn leaf(&self) -> Result<&'n Node<'a>, DeError> {
        if self.nodes.len() > 1 {
            return Err(self.err(format_args!(
                "expected one element, found {}",
                self.nodes.len()
            )));
        }
        let node = self.first();
        if !node.children.is_empty() {
            return Err(self.err("expected text, found an element with children"));
        }
        Ok(node)
    }

    fn float(&self) -> Result<f64, DeError> {
        self.leaf()?;
        match self.trimmed() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => self.parse("a float"),
        }
    }

    /// Is the first element a wrapped list (children all `member` or all `item`)?
    fn wrapped_list(&self) -> Option<&'n [Node<'a>]> {
        let node = self.first();
        let first = node.children.first()?;
        (self.nodes.len() == 1
            && matches!(first.name, "member" | "item")
            && node.children.iter().all(|c| c.name == first.name))
        .then_some(&node.children[..])
    }

    fn is_empty_element(&self) -> bool {
        let node = self.first();
        self.nodes.len() == 1
            && node.children.is_empty()
            && node
                .text
                .as_ref()
                .is_none_or(|t| crate::text::trim_xml_ws(t.as_str()).is_empty())
    }
}

/// Groups an element's children by name, in order of first appearance.
fn children<'n, 'a>(node: &'n Node<'a>) -> Vec<(&'a str, Vec<&'n Node<'a>>)> {
    group_by_name(node.children.iter().map(|c| (c.name, c)))
}

macro_rules! scalar {
    ($($method:ident => $visit:ident, $ty:ty, $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let v: $ty = self.parse($what)?;
            visitor.$visit(v).map_err(|e| self.locate(e))
        }
    )*};
}

impl<'de, 'n> Deserializer<'de> for Group<'n, 'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.nodes.len() > 1 {
            self.deserialize_seq(visitor)
        } else if self.first().children.is_empty() {
            self.deserialize_str(visitor)
        } else {
            self.deserialize_map(visitor)
        }
    }

    scalar! {
        deserialize_i8 => visit_i8, i8, "an integer";
        deserialize_i16 => visit_i16, i16, "an integer";
        deserialize_i32 => visit_i32, i32, "an integer";
        deserialize_i64 => visit_i64, i64, "an integer";
        deserialize_i128 => visit_i128, i128, "an integer";
        deserialize_u8 => visit_u8, u8, "a non-negative integer";
        deserialize_u16 => visit_u16, u16, "a non-negative integer";
        deserialize_u32 => visit_u32, u32, "a non-negative integer";
        deserialize_u64 => visit_u64, u64, "a non-negative integer";
        deserialize_u128 => visit_u128, u128, "a non-negative integer";
        deserialize_char => visit_char, char, "one character";
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.leaf()?;
        let v = match self.trimmed() {
            "true" => true,
            "false" => false,
            _ => return Err(self.err("expected `true` or `false`")),
        };
        visitor.visit_bool(v).map_err(|e| self.locate(e))
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        #[allow(clippy::cast_possible_truncation)] // an f32 target asks for it
        let v = self.float()? as f32;
        visitor.visit_f32(v).map_err(|e| self.locate(e))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let v = self.float()?;
        visitor.visit_f64(v).map_err(|e| self.locate(e))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.leaf()?;
        let text = match &node.text {
            Some(t) => t.clone().with_policy(self.whitespace),
            None => Cow::Borrowed(""),
        };
        let r = match text {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit().map_err(|e| self.locate(e))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match name {
            KEEP_WHITESPACE => visitor.visit_newtype_struct(Group {
                whitespace: Whitespace::Keep,
                ..self
            }),
            MAP_BY_POSITION => visitor.visit_newtype_struct(Group {
                positional: true,
                ..self
            }),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let here = Path {
            parent: self.path,
            name: self.name,
            index: None,
        };
        // wrapped items are `List/member[i]`, flattened ones `Name[i]`
        let (items, parent): (Vec<&'n Node<'de>>, &Path<'_>) =
            if let Some(members) = self.wrapped_list() {
                (members.iter().collect(), &here)
            } else if self.is_empty_element() {
                (Vec::new(), &here)
            } else {
                (self.nodes.clone(), self.path.unwrap_or(&ROOT))
            };
        let r = visitor.visit_seq(Items {
            rest: items.into_iter().enumerate(),
            parent,
            whitespace: self.whitespace,
        });
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let here = Path {
            parent: self.path,
            name: self.name,
            index: None,
        };
        let node = self.first();
        // wrapped entries are `Map/entry[i]`, flattened ones `Name[i]`
        let wrapped = |entries: Vec<&'n Node<'de>>| Some((entries, &here));
        let flattened = || Some((self.nodes.clone(), self.path.unwrap_or(&ROOT)));
        let entries: Option<(Vec<&'n Node<'de>>, &Path<'_>)> = if self.positional {
            // wrapped in `entry` elements, or flattened: the elements themselves
            if self.nodes.len() == 1 && node.children.iter().all(|c| c.name == "entry") {
                wrapped(node.children.iter().collect())
            } else if self.nodes.len() == 1 && node.children.is_empty() {
                wrapped(Vec::new())
            } else {
                flattened()
            }
        } else if self.nodes.len() > 1 || is_entry(node) {
            flattened()
        } else if node.children.iter().all(|c| c.name == "entry")
            || node
                .children
                .iter()
                .all(|c| matches!(c.name, "item" | "member") && is_entry(c))
        {
            wrapped(node.children.iter().collect())
        } else {
            None
        };
        let r = match entries {
            Some((entries, parent)) => visitor.visit_map(Entries {
                rest: entries.into_iter().enumerate(),
                value: None,
                parent,
                whitespace: self.whitespace,
                positional: self.positional,
            }),
            None => visitor.visit_map(Fields {
                groups: children(node).into_iter(),
                value: None,
                parent: &here,
                whitespace: self.whitespace,
            }),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if self.nodes.len() > 1 {
            return Err(self.err(format_args!(
                "expected one element, found {}",
                self.nodes.len()
            )));
        }
        let here = Path {
            parent: self.path,
            name: self.name,
            index: None,
        };
        let r = visitor.visit_map(Fields {
            groups: children(self.first()).into_iter(),
            value: None,
            parent: &here,
            whitespace: self.whitespace,
        });
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.leaf()?;
        let name = self.trimmed().to_owned();
        let de: de::value::StringDeserializer<DeError> = name.into_deserializer();
        visitor.visit_enum(de).map_err(|e| self.locate(e))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// Is this element a map entry itself (a flattened one of one)?
fn is_entry(node: &Node<'_>) -> bool {
    let has = |a: &str, b: &str| node.children.iter().any(|c| c.name == a || c.name == b);
    has("key", "Name") && has("value", "Value")
}
