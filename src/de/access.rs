//! serde's access traits over the tree: list items, struct fields, map entries.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess};

use super::Group;
use super::error::{DeError, Path};
use super::nodes::Node;
use crate::Whitespace;

/// The items of a list.
pub(super) struct Items<'p, 'n, 'a> {
    pub(super) rest: std::iter::Enumerate<std::vec::IntoIter<&'n Node<'a>>>,
    pub(super) parent: &'p Path<'p>,
    /// The items' name when they are the result element itself (unnamed
    /// in the tree).
    pub(super) name: Option<&'p str>,
    pub(super) whitespace: Whitespace,
}

impl<'de: 'n, 'n, 'p> SeqAccess<'de> for Items<'p, 'n, 'de> {
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
            name: self.name.unwrap_or(node.name),
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

    fn size_hint(&self) -> Option<usize> {
        Some(self.rest.len())
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

/// Map entries: each element holds a key (`key`/`Name`) and a value
/// (`value`/`Value`), nothing else; or, read by position, two children.
pub(super) struct Entries<'p, 'n, 'a, I> {
    pub(super) rest: I,
    /// The entry whose value is next, and its value.
    pub(super) value: Option<(usize, &'n Node<'a>, &'n Node<'a>)>,
    pub(super) parent: &'p Path<'p>,
    /// The entries' name when the entry is the result element itself
    /// (unnamed in the tree).
    pub(super) name: Option<&'p str>,
    pub(super) whitespace: Whitespace,
    pub(super) positional: bool,
}

/// The key and the value of a map entry: its `key` or `Name` child and its
/// `value` or `Value` child, and nothing else (or the error's message).
pub(super) fn entry_parts<'n, 'a>(
    node: &'n Node<'a>,
) -> Result<(&'n Node<'a>, &'n Node<'a>), String> {
    let (mut key, mut value) = (None, None);
    for child in &node.children {
        let slot = match child.name {
            "key" | "Name" => &mut key,
            "value" | "Value" => &mut value,
            other => return Err(only(format_args!("`{other}`"))),
        };
        if slot.is_some() {
            return Err(only(format_args!("a second `{}`", child.name)));
        }
        *slot = Some(child);
    }
    match (key, value) {
        (Some(key), Some(value)) => Ok((key, value)),
        (None, _) => Err("expected a `key` or `Name` child".to_owned()),
        (Some(_), None) => Err("expected a `value` or `Value` child".to_owned()),
    }
}

fn only(found: impl std::fmt::Display) -> String {
    format!("expected a map entry of a key and a value only, found {found}")
}

/// The key and the value of an entry read by position: its two children.
fn positional_parts<'n, 'a>(node: &'n Node<'a>) -> Result<(&'n Node<'a>, &'n Node<'a>), String> {
    match &node.children[..] {
        [key, value] => Ok((key, value)),
        [] => Err("expected a `key` or `Name` child".to_owned()),
        [_] => Err("expected a `value` or `Value` child".to_owned()),
        more => Err(only(format_args!("{} children", more.len()))),
    }
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
        let here = Path {
            parent: Some(self.parent),
            name: self.name.unwrap_or(entry.name),
            index: Some(i),
        };
        let parts = if self.positional {
            positional_parts(entry)
        } else {
            entry_parts(entry)
        };
        let (key, value) = parts.map_err(|message| {
            <DeError as de::Error>::custom(message).at(Some(&here), entry.start)
        })?;
        self.value = Some((i, entry, value));
        let group = Group::one(key, Some(&here), self.whitespace);
        seed.deserialize(group)
            .map(Some)
            .map_err(|e| e.at(Some(&here), key.start))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((i, entry, value)) = self.value.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        let here = Path {
            parent: Some(self.parent),
            name: self.name.unwrap_or(entry.name),
            index: Some(i),
        };
        let group = Group::one(value, Some(&here), self.whitespace);
        seed.deserialize(group)
            .map_err(|e| e.at(Some(&here), value.start))
    }
}
