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
pub(crate) mod nodes;
pub(crate) mod pull;
mod scalar;

use crate::{Options, Whitespace};
use access::{Entries, Fields, Items, entry_parts};
use error::{DeError, Path, ROOT};
use nodes::{Node, gather, group_by_name};
use scalar::FromText;

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
    T::deserialize(group).map_err(|e| e.into_error(root.start))
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

    /// A scalar from the trimmed text of one element without children.
    fn parse<T: FromText>(&self) -> Result<T, DeError> {
        self.leaf()?;
        T::from_text(self.trimmed()).map_err(|refused| self.err(T::expected(refused)))
    }

    /// The result element itself (or the `<Error>` of `detail_as`): the
    /// only group with no path above it.
    fn is_root(&self) -> bool {
        self.path.is_none()
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

    /// Is the first element a wrapped list (children all `member` or all `item`)?
    fn wrapped_list(&self) -> Option<&'n [Node<'a>]> {
        let node = self.first();
        let first = node.children.first()?;
        (self.nodes.len() == 1
            && crate::names::is_list_item(first.name)
            && node.children.iter().all(|c| c.name == first.name))
        .then_some(&node.children[..])
    }

    /// Is the first element a list whose children are `member` and `item`
    /// both (neither a wrapped list nor anything else)?
    fn mixed_list(&self) -> bool {
        let children = &self.first().children;
        self.nodes.len() == 1
            && children.iter().all(|c| crate::names::is_list_item(c.name))
            && children.iter().any(|c| c.name == "member")
            && children.iter().any(|c| c.name == "item")
    }

    /// Is the first element a wrapped map: children all `entry` (or all
    /// `member`, or all `item`), each an entry of a key and a value only?
    fn wrapped_map(&self) -> bool {
        let node = self.first();
        node.children.first().is_some_and(|first| {
            matches!(first.name, "entry" | "member" | "item")
                && node
                    .children
                    .iter()
                    .all(|c| c.name == first.name && entry_parts(c).is_ok())
        })
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

impl<'de, 'n> Group<'n, 'de> {
    /// The items of a list target; `tuple`: the length a tuple or an array
    /// asks for (fewer items are the visitor's error, more are ours).
    fn visit_items<V: Visitor<'de>>(
        self,
        visitor: V,
        tuple: Option<usize>,
    ) -> Result<V::Value, DeError> {
        if self.mixed_list() {
            return Err(self.err("expected a list of `member` or of `item` elements, found both"));
        }
        let here = Path {
            parent: self.path,
            name: self.name,
            index: None,
        };
        // wrapped items are `List/member[i]`, flattened ones `Name[i]`; the
        // result element as a list of one is `XResult[0]`
        let (items, parent, name): (Vec<&'n Node<'de>>, &Path<'_>, Option<&str>) =
            if let Some(members) = self.wrapped_list() {
                (members.iter().collect(), &here, None)
            } else if self.is_empty_element() {
                (Vec::new(), &here, None)
            } else if self.is_root() {
                (self.nodes.clone(), &ROOT, Some(self.name))
            } else {
                (self.nodes.clone(), self.path.unwrap_or(&ROOT), None)
            };
        // what the visitor expects, said before it is consumed
        let expected = tuple.map(|_| (&visitor as &dyn de::Expected).to_string());
        let total = items.len();
        let mut access = Items {
            rest: items.into_iter().enumerate(),
            parent,
            name,
            whitespace: self.whitespace,
        };
        let value = visitor.visit_seq(&mut access).map_err(|e| self.locate(e))?;
        if let Some(expected) = expected
            && access.rest.len() > 0
        {
            return Err(self.err(format_args!(
                "expected {expected}, found {}",
                error::items(total)
            )));
        }
        Ok(value)
    }

    /// The children of the first element by name (a struct, or an object).
    fn visit_fields<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
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
}

macro_rules! scalar {
    ($($method:ident => $visit:ident, $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let v: $ty = self.parse()?;
            visitor.$visit(v).map_err(|e| self.locate(e))
        }
    )*};
}

impl<'de, 'n> Deserializer<'de> for Group<'n, 'de> {
    type Error = DeError;

    /// A self-describing target (`serde_json::Value`) gets exactly the tree
    /// [`Response::result`](crate::Response::result) gives: the result
    /// element an object of its children; a run of same-named elements an
    /// array; an element whose children are all `member` or all `item` an
    /// array of them; one with no children its text; any other its
    /// children by name. No map or list convention is guessed at.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_root() {
            self.visit_fields(visitor)
        } else if self.nodes.len() > 1 || self.wrapped_list().is_some() {
            self.visit_items(visitor, None)
        } else if self.first().children.is_empty() {
            self.deserialize_str(visitor)
        } else {
            self.visit_fields(visitor)
        }
    }

    scalar::scalars!(scalar);

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
        self.visit_items(visitor, None)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.visit_items(visitor, Some(len))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.visit_items(visitor, Some(len))
    }

    /// Map entries when the element holds nothing but entries (or is one:
    /// a key and a value, nothing else), or the repeated elements of a run
    /// (each must be an entry); otherwise the element's children by name,
    /// as the result tree has them. Never from text.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let here = Path {
            parent: self.path,
            name: self.name,
            index: None,
        };
        let node = self.first();
        let one = self.nodes.len() == 1;
        if one && node.children.is_empty() && !self.is_empty_element() {
            return Err(self.err("expected a map, found text"));
        }
        // wrapped entries are `Map/entry[i]`, flattened ones `Name[i]` (the
        // result element as a map of one: `XResult[0]`)
        let wrapped = |entries: Vec<&'n Node<'de>>| Some((entries, &here, None));
        let flattened = || {
            if self.is_root() {
                Some((self.nodes.clone(), &ROOT, Some(self.name)))
            } else {
                Some((self.nodes.clone(), self.path.unwrap_or(&ROOT), None))
            }
        };
        let entries: Option<(Vec<&'n Node<'de>>, &Path<'_>, Option<&str>)> =
            if one && node.children.is_empty() {
                wrapped(Vec::new())
            } else if self.positional {
                // wrapped in `entry` elements, or flattened: the elements themselves
                if one && node.children.iter().all(|c| c.name == "entry") {
                    wrapped(node.children.iter().collect())
                } else {
                    flattened()
                }
            } else if !one || entry_parts(node).is_ok() {
                flattened()
            } else if self.wrapped_map() {
                wrapped(node.children.iter().collect())
            } else {
                None
            };
        let Some((entries, parent, name)) = entries else {
            return self.visit_fields(visitor);
        };
        let r = visitor.visit_map(Entries {
            rest: entries.into_iter().enumerate(),
            value: None,
            parent,
            name,
            whitespace: self.whitespace,
            positional: self.positional,
        });
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
        self.visit_fields(visitor)
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
