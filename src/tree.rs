//! The generic result tree: what [`Response::result`](crate::Response::result)
//! builds and the CLI prints as JSON.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::Options;
use crate::error::{Error, ErrorKind, Limit};
use crate::response::ResultSource;
use crate::text::Text;
use crate::tokens::{TextMode, Token, Tokenizer};

/// A node of a result tree.
///
/// An element with no child elements is a [`Value::String`]; one with child
/// elements an [`Value::Object`] keyed by local name, where a name that
/// repeats is an [`Value::Array`] in document order; an element whose
/// children are all `member` or all `item` is an array of their values.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value<'a> {
    /// The text of an element with no child elements (`""` when empty).
    String(Cow<'a, str>),
    /// Repeated elements, or the members of a `member`/`item` list.
    Array(Vec<Value<'a>>),
    /// The children of an element, by local name, in order of first appearance.
    Object(Map<'a>),
}

/// The children of an element by local name, in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Map<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Map<'a> {
    /// The value of the child `name`.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The children, in order of first appearance.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (&**k, v))
    }

    /// The number of distinct child names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the element has no children.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Detaches the map from the body.
    pub fn into_owned(self) -> Map<'static> {
        Map {
            entries: self
                .entries
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect(),
        }
    }
}

impl<'a> Value<'a> {
    pub(crate) fn empty_object() -> Self {
        Value::Object(Map::default())
    }

    /// The string, if this is a [`Value::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is a [`Value::Array`].
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The map, if this is a [`Value::Object`].
    pub fn as_object(&self) -> Option<&Map<'a>> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The child `name`, if this is an object that has it.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.as_object().and_then(|m| m.get(name))
    }

    /// Detaches the value from the body.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(a) => Value::Array(a.into_iter().map(Value::into_owned).collect()),
            Value::Object(m) => Value::Object(m.into_owned()),
        }
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(a) => {
                let mut seq = serializer.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(m) => m.serialize(serializer),
        }
    }
}

impl Serialize for Map<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Root children that are envelope, not result.
fn is_metadata(local: &str) -> bool {
    matches!(
        local,
        "RequestId" | "RequestID" | "requestId" | "ResponseMetadata" | "ResponseStatus"
    )
}

/// An element being built.
struct Node<'a> {
    name: &'a str,
    text: Option<Text<'a>>,
    children: Vec<(&'a str, Value<'a>)>,
}

impl<'a> Node<'a> {
    fn new(name: &'a str) -> Self {
        Node {
            name,
            text: None,
            children: Vec::new(),
        }
    }
}

/// Groups children by name: a name that repeats becomes an array.
fn group<'a>(children: Vec<(&'a str, Value<'a>)>) -> Map<'a> {
    let mut groups: Vec<(&'a str, Vec<Value<'a>>)> = Vec::new();
    // An index only for wide elements: a linear scan is faster for a few names.
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    for (name, value) in children {
        let found = if groups.len() <= 16 {
            groups.iter().position(|(n, _)| *n == name)
        } else {
            if index.is_empty() {
                index.extend(groups.iter().enumerate().map(|(i, (n, _))| (*n, i)));
            }
            index.get(name).copied()
        };
        if let Some(i) = found {
            groups[i].1.push(value);
        } else {
            if !index.is_empty() {
                index.insert(name, groups.len());
            }
            groups.push((name, vec![value]));
        }
    }
    Map {
        entries: groups
            .into_iter()
            .map(|(name, mut values)| {
                let v = if values.len() == 1 {
                    values.pop().unwrap_or_else(Value::empty_object)
                } else {
                    Value::Array(values)
                };
                (Cow::Borrowed(name), v)
            })
            .collect(),
    }
}

/// The value of a closed element.
fn finish_node(node: Node<'_>, options: Options) -> Value<'_> {
    if node.children.is_empty() {
        let text = node
            .text
            .map_or(Cow::Borrowed(""), |t| t.with_policy(options.whitespace));
        return Value::String(text);
    }
    let list_name = node.children[0].0;
    if matches!(list_name, "member" | "item") && node.children.iter().all(|(n, _)| *n == list_name)
    {
        return Value::Array(node.children.into_iter().map(|(_, v)| v).collect());
    }
    Value::Object(group(node.children))
}

/// Builds the result tree from where the envelope found it.
pub(crate) fn build<'s>(src: &'s ResultSource<'_>, options: Options) -> Result<Value<'s>, Error> {
    let mut tokens = Tokenizer::fragment(&src.content, src.base, options.limits);
    let mut stack: Vec<Node<'s>> = vec![Node::new("")];
    let mut skip = 0usize;
    let mut nodes = 0usize;
    loop {
        let mode = if skip == 0 {
            TextMode::Assemble
        } else {
            TextMode::Skip
        };
        match tokens.next(mode)? {
            Token::Open { local, start, .. } => {
                if skip > 0 {
                    skip += 1;
                } else if src.root_children && stack.len() == 1 && is_metadata(local) {
                    skip = 1;
                } else {
                    nodes += 1;
                    if nodes > options.limits.max_nodes {
                        return Err(Error::new(ErrorKind::LimitExceeded(Limit::Nodes), start));
                    }
                    stack.push(Node::new(local));
                }
            }
            Token::Close { .. } => {
                if skip > 0 {
                    skip -= 1;
                } else if stack.len() > 1
                    && let Some(node) = stack.pop()
                {
                    let name = node.name;
                    let value = finish_node(node, options);
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push((name, value));
                    }
                }
            }
            Token::Text(text) => {
                if let Some(top) = stack.last_mut()
                    && top.children.is_empty()
                {
                    top.text = Some(text);
                }
            }
            Token::Eof | Token::NeedMore { .. } => break,
        }
    }
    let root = stack.swap_remove(0);
    Ok(Value::Object(group(root.children)))
}
