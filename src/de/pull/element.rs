//! The serde side of the pull: an element whose start tag was just read,
//! as a `Deserializer` (scalars from its text, structs and maps from its
//! children, lists wrapped or flattened), and the accesses over its fields
//! and items. Whatever it cannot decide in document order is a
//! [`Fallback`].

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::value::ValueDe;
use super::{Fallback, Pull};
use crate::de::scalar::FromText;
use crate::de::{KEEP_WHITESPACE, MAP_BY_POSITION};
use crate::text::Text;
use crate::tokens::{TextMode, Token};
use crate::{Limits, Options, Whitespace};

/// Whether an element stands alone or heads a run of same-named siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Siblings {
    /// The result element, or an item of a list: itself only.
    One,
    /// A field's value: its same-named siblings that follow are the same
    /// field (a flattened list's items, or, for any other target, what the
    /// tree refuses).
    Run,
}

/// An element whose start tag was just read (the first of its run).
pub(super) struct Element<'x, 'p, 'a> {
    pub(super) pull: &'x mut Pull<'p, 'a>,
    pub(super) name: &'a str,
    pub(super) whitespace: Whitespace,
    pub(super) siblings: Siblings,
}

impl<'a> Element<'_, '_, 'a> {
    /// Reads a field's value to its end: a same-named sibling next is
    /// something the tree refuses for a target that is not a list.
    fn alone(&mut self) -> Result<(), Fallback> {
        if self.siblings == Siblings::Run && self.pull.next_sibling_named(self.name)? {
            return Err(Fallback);
        }
        Ok(())
    }

    /// The text of an element with no child elements, read to its end tag.
    fn leaf(&mut self) -> Result<Option<Text<'a>>, Fallback> {
        let mut text = None;
        loop {
            match self.pull.next(TextMode::Assemble)? {
                Token::Text(t) => text = Some(t),
                Token::Close { .. } => break,
                _ => return Err(Fallback),
            }
        }
        self.alone()?;
        Ok(text)
    }

    /// A scalar from the trimmed text, as the tree reads it.
    fn parse<T: FromText>(&mut self) -> Result<T, Fallback> {
        let text = self.leaf()?;
        let s = text
            .as_ref()
            .map_or("", |t| crate::text::trim_xml_ws(t.as_str()));
        T::from_text(s).map_err(|_| Fallback)
    }

    /// Reads this element and, for a field, the same-named siblings right
    /// after it: a value nobody looks at.
    fn skip_run(&mut self) -> Result<(), Fallback> {
        self.pull.skip_element()?;
        if self.siblings == Siblings::Run {
            while self.pull.next_sibling_named(self.name)? {
                self.pull.skip_element()?;
            }
        }
        Ok(())
    }

    /// What a list target finds here, decided by the first tokens inside.
    fn list_shape(&mut self) -> Result<ListShape<'a>, Fallback> {
        let member = |token: &Token<'a>| match token {
            Token::Open { local, .. } if crate::names::is_list_item(local) => Some(*local),
            _ => None,
        };
        let first = self.pull.peek(0, TextMode::Assemble)?;
        if let Some(name) = member(first) {
            return Ok(ListShape::Wrapped(name));
        }
        let blank = match first {
            // `<a/>`: `[]` alone, an item when a field's sibling of its name
            // follows (an item of a list stands alone)
            Token::Close { .. } if self.siblings == Siblings::Run => {
                let name = self.name;
                return Ok(match self.pull.peek(1, TextMode::Skip)? {
                    Token::Open { local, .. } if *local == name => ListShape::Flattened,
                    _ => ListShape::Empty,
                });
            }
            Token::Close { .. } => return Ok(ListShape::Empty),
            Token::Text(t) => crate::text::trim_xml_ws(t.as_str()).is_empty(),
            _ => return Ok(ListShape::Flattened),
        };
        let second = self.pull.peek(1, TextMode::Assemble)?;
        Ok(match (member(second), second) {
            (Some(name), _) => ListShape::Wrapped(name),
            (None, Token::Close { .. }) if blank => ListShape::Empty,
            _ => ListShape::Flattened,
        })
    }
}

/// How a list target reads an element (as [`super::Group`] decides it).
enum ListShape<'a> {
    /// Its children, all named so, are the items (a `member`/`item` list).
    Wrapped(&'a str),
    /// No child and no text: `[]`.
    Empty,
    /// The element itself, and its same-named siblings, are the items.
    Flattened,
}

macro_rules! scalar {
    ($($method:ident => $visit:ident, $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Fallback> {
            let v: $ty = self.parse()?;
            visitor.$visit(v)
        }
    )*};
}

impl<'de> Deserializer<'de> for Element<'_, '_, 'de> {
    type Error = Fallback;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        if self.name.is_empty() && self.pull.ahead.is_empty() {
            // the whole result: exactly `result()`'s tree, from the tokens
            let limits = Limits::new().max_nodes(self.pull.max_nodes);
            let options = Options::new().whitespace(self.whitespace).limits(limits);
            let tree = self.pull.value_tree(&options)?;
            return ValueDe(tree).deserialize_any(visitor);
        }
        // deeper, the tree's shape decides: arrays and objects by their siblings
        Err(Fallback)
    }

    crate::de::scalar::scalars!(scalar);

    fn deserialize_str<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Fallback> {
        match self.leaf()?.map(|t| t.with_policy(self.whitespace)) {
            Some(std::borrow::Cow::Owned(s)) => visitor.visit_string(s),
            Some(std::borrow::Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            None => visitor.visit_borrowed_str(""),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Fallback> {
        self.skip_run()?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Fallback> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Fallback> {
        match name {
            KEEP_WHITESPACE => visitor.visit_newtype_struct(Element {
                whitespace: Whitespace::Keep,
                ..self
            }),
            MAP_BY_POSITION => Err(Fallback),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Fallback> {
        match self.list_shape()? {
            ListShape::Wrapped(item) => {
                let mut items = Wrapped {
                    pull: &mut *self.pull,
                    item,
                    whitespace: self.whitespace,
                    ended: false,
                };
                let value = visitor.visit_seq(&mut items)?;
                if !items.ended {
                    return Err(Fallback);
                }
                // one element: a run of them is a flattened list in the tree
                self.alone()?;
                Ok(value)
            }
            ListShape::Empty => {
                self.pull.skip_element()?;
                self.alone()?;
                visitor.visit_seq(Flattened {
                    element: None,
                    ended: true,
                })
            }
            ListShape::Flattened => {
                let mut items = Flattened {
                    element: Some(self),
                    ended: false,
                };
                let value = visitor.visit_seq(&mut items)?;
                if !items.ended {
                    return Err(Fallback);
                }
                Ok(value)
            }
        }
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

    fn deserialize_map<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fallback> {
        // entries or children: the tree looks at all of them first
        Err(Fallback)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        mut self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Fallback> {
        let mut fields = Fields {
            pull: &mut *self.pull,
            key: "",
            whitespace: self.whitespace,
            ended: false,
        };
        let value = visitor.visit_map(&mut fields)?;
        if !fields.ended {
            return Err(Fallback);
        }
        self.alone()?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Fallback> {
        let text = self.leaf()?;
        let name = text
            .as_ref()
            .map_or("", |t| crate::text::trim_xml_ws(t.as_str()))
            .to_owned();
        let de: de::value::StringDeserializer<Fallback> = name.into_deserializer();
        visitor.visit_enum(de)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fallback> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(
        mut self,
        visitor: V,
    ) -> Result<V::Value, Fallback> {
        self.skip_run()?;
        visitor.visit_unit()
    }
}

/// The children of an element as a struct's fields, in document order.
struct Fields<'x, 'p, 'a> {
    pull: &'x mut Pull<'p, 'a>,
    /// The name of the child whose value is next.
    key: &'a str,
    whitespace: Whitespace,
    /// The element's end tag was read.
    ended: bool,
}

impl<'de> MapAccess<'de> for Fields<'_, '_, 'de> {
    type Error = Fallback;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Fallback> {
        let Some(local) = self.pull.next_child()? else {
            self.ended = true;
            return Ok(None);
        };
        self.key = local;
        let key = de::value::BorrowedStrDeserializer::<Fallback>::new(local);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Fallback> {
        seed.deserialize(Element {
            pull: &mut *self.pull,
            name: self.key,
            whitespace: self.whitespace,
            siblings: Siblings::Run,
        })
    }
}

/// The items of a `member`/`item` list, the list's start tag read.
struct Wrapped<'x, 'p, 'a> {
    pull: &'x mut Pull<'p, 'a>,
    item: &'a str,
    whitespace: Whitespace,
    /// The list's end tag was read.
    ended: bool,
}

impl<'de> SeqAccess<'de> for Wrapped<'_, '_, 'de> {
    type Error = Fallback;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Fallback> {
        match self.pull.next_child()? {
            Some(local) if local == self.item => seed
                .deserialize(Element {
                    pull: &mut *self.pull,
                    name: local,
                    whitespace: self.whitespace,
                    siblings: Siblings::One,
                })
                .map(Some),
            // a child of another name: not a list in the tree
            Some(_) => Err(Fallback),
            None => {
                self.ended = true;
                Ok(None)
            }
        }
    }
}

/// The items of a flattened list: an element, then (for a field) its
/// same-named siblings.
struct Flattened<'x, 'p, 'a> {
    /// The first item, until it is read; then the run's name and kind.
    element: Option<Element<'x, 'p, 'a>>,
    ended: bool,
}

impl<'de> SeqAccess<'de> for Flattened<'_, '_, 'de> {
    type Error = Fallback;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Fallback> {
        let Some(run) = self.element.as_mut() else {
            self.ended = true;
            return Ok(None);
        };
        if run.siblings == Siblings::Run {
            // this item, then the next sibling of the same name
            let item = Element {
                pull: &mut *run.pull,
                name: run.name,
                whitespace: run.whitespace,
                siblings: Siblings::One,
            };
            let value = seed.deserialize(item)?;
            if !run.pull.next_sibling_named(run.name)? {
                self.element = None;
            }
            return Ok(Some(value));
        }
        // an element alone is a list of one
        let Some(element) = self.element.take() else {
            return Ok(None);
        };
        seed.deserialize(element).map(Some)
    }
}
