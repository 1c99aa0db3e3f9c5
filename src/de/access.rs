//! serde's access traits over the tree: list items, struct fields, map entries.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess};

use super::Group;
use super::error::{DeError, Path};
use crate::Whitespace;
use crate::tree::Node;

/// The items of a list.
pub(super) struct Items<'p, I> {
    pub(super) rest: I,
    pub(super) parent: &'p Path<'p>,
    pub(super) whitespace: Whitespace,
}

impl<'de: 'n, 'n, 'p, I: Iterator<Item = (usize, &'n Node<'de>)>> SeqAccess<'de> for Items<'p, I> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((i, node)) = self.rest.next() else {
            return Ok(None);
        };
        let here = Path {
            parent: Some(self.parent),
            name: node.name,
            index: Some(i),
        };
        let group = Group {
            nodes: vec![node],
            path: Some(&here),
            name: "",
            whitespace: self.whitespace,
            positional: false,
        };
        // the item's own path is `parent/name[i]`: give it as the group's parent
        seed.deserialize(group)
            .map(Some)
            .map_err(|e| e.at(Some(&here), node.start))
    }
}

/// The children of an element as a map from name to value.
pub(super) struct Fields<'p, 'n, 'a> {
    pub(super) groups: std::vec::IntoIter<(&'a str, Vec<&'n Node<'a>>)>,
    pub(super) value: Option<(&'a str, Vec<&'n Node<'a>>)>,
    pub(super) parent: &'p Path<'p>,
    pub(super) whitespace: Whitespace,
}

impl<'de, 'n, 'p> MapAccess<'de> for Fields<'p, 'n, 'de> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((name, nodes)) = self.groups.next() else {
            return Ok(None);
        };
        self.value = Some((name, nodes));
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((name, nodes)) = self.value.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        let group = Group {
            nodes,
            path: Some(self.parent),
            name,
            whitespace: self.whitespace,
            positional: false,
        };
        let start = group.first().start;
        let here = Path {
            parent: Some(self.parent),
            name,
            index: None,
        };
        seed.deserialize(group)
            .map_err(|e| e.at(Some(&here), start))
    }
}

/// Map entries: each element holds a key (`key`/`Name`) and a value (`value`/`Value`).
pub(super) struct Entries<'p, 'n, 'a, I> {
    pub(super) rest: I,
    pub(super) value: Option<(usize, &'n Node<'a>)>,
    pub(super) parent: &'p Path<'p>,
    pub(super) whitespace: Whitespace,
    pub(super) positional: bool,
}

fn entry_part<'n, 'a>(node: &'n Node<'a>, names: [&str; 2]) -> Option<&'n Node<'a>> {
    node.children.iter().find(|c| names.contains(&c.name))
}

impl<'de: 'n, 'n, 'p, I: Iterator<Item = (usize, &'n Node<'de>)>> MapAccess<'de>
    for Entries<'p, 'n, 'de, I>
{
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((i, entry)) = self.rest.next() else {
            return Ok(None);
        };
        self.value = Some((i, entry));
        let here = Path {
            parent: Some(self.parent),
            name: entry.name,
            index: Some(i),
        };
        let key = if self.positional {
            entry.children.first()
        } else {
            entry_part(entry, ["key", "Name"])
        };
        let Some(key) = key else {
            return Err(
                <DeError as de::Error>::custom("expected a `key` or `Name` child")
                    .at(Some(&here), entry.start),
            );
        };
        let group = Group::one(key, Some(&here), self.whitespace);
        seed.deserialize(group)
            .map(Some)
            .map_err(|e| e.at(Some(&here), key.start))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((i, entry)) = self.value.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        let here = Path {
            parent: Some(self.parent),
            name: entry.name,
            index: Some(i),
        };
        let value = if self.positional {
            entry.children.get(1)
        } else {
            entry_part(entry, ["value", "Value"])
        };
        let Some(value) = value else {
            return Err(
                <DeError as de::Error>::custom("expected a `value` or `Value` child")
                    .at(Some(&here), entry.start),
            );
        };
        let group = Group::one(value, Some(&here), self.whitespace);
        seed.deserialize(group)
            .map_err(|e| e.at(Some(&here), value.start))
    }
}
