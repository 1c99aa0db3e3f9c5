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
use crate::tokens::TextMode;

/// A node of a result tree.
///
/// An element with no child elements is a [`Value::String`]; one with child
/// elements an [`Value::Object`] keyed by local name, where a name that
/// repeats is an [`Value::Array`] in document order; an element whose
/// children are all `member` or all `item` is an array of their values.
///
/// # Examples
///
/// ```
/// use aws_query_xml::Value;
///
/// let body = b"<DescribeRegionsResponse><requestId>r-1</requestId><regionInfo>\
///   <item><regionName>eu-west-1</regionName></item>\
///   <item><regionName>us-east-1</regionName></item></regionInfo></DescribeRegionsResponse>";
/// let response = aws_query_xml::parse(body)?;
/// let result = response.result()?.unwrap();
/// // an `item` list is an array; index like serde_json (panics when absent)
/// assert_eq!(result["regionInfo"][1]["regionName"].as_str(), Some("us-east-1"));
/// // or look up without panicking
/// let regions: Vec<&str> = result
///     .get("regionInfo")
///     .and_then(Value::as_array)
///     .unwrap_or_default()
///     .iter()
///     .filter_map(|r| r.get("regionName").and_then(Value::as_str))
///     .collect();
/// assert_eq!(regions, ["eu-west-1", "us-east-1"]);
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
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
///
/// # Examples
///
/// ```
/// let body = b"<GetSendQuotaResponse><GetSendQuotaResult><Max24HourSend>200.0</Max24HourSend>\
///   <MaxSendRate>1.0</MaxSendRate></GetSendQuotaResult></GetSendQuotaResponse>";
/// let response = aws_query_xml::parse(body)?;
/// let result = response.result()?.unwrap();
/// let quota = result.as_object().unwrap();
/// assert_eq!(quota.len(), 2);
/// let names: Vec<&str> = quota.iter().map(|(name, _)| name).collect();
/// assert_eq!(names, ["Max24HourSend", "MaxSendRate"]);
/// assert_eq!(quota["MaxSendRate"].as_str(), Some("1.0"));
/// # Ok::<(), aws_query_xml::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Map<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Map<'a> {
    pub(crate) fn from_entries(entries: Vec<(Cow<'a, str>, Value<'a>)>) -> Self {
        Map { entries }
    }

    /// An empty map, to build a result with [`Map::insert`].
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::{Map, Value};
    ///
    /// let mut map = Map::new();
    /// map.insert("QueueUrl", Value::from("http://q/1"));
    /// assert_eq!(map.insert("QueueUrl", Value::from("http://q/2")), Some(Value::from("http://q/1")));
    /// assert_eq!(map.len(), 1);
    /// let map: Map = [("a", Value::from("1")), ("b", Value::from(vec![Value::from("2")]))]
    ///     .into_iter()
    ///     .collect();
    /// assert_eq!(map["b"][0].as_str(), Some("2"));
    /// ```
    pub fn new() -> Self {
        Map::default()
    }

    /// Sets the child `name` to `value`: in place of the value it had (and
    /// in its position), which is returned; else last.
    pub fn insert(&mut self, name: impl Into<Cow<'a, str>>, value: Value<'a>) -> Option<Value<'a>> {
        let name = name.into();
        if let Some((_, slot)) = self.entries.iter_mut().find(|(k, _)| *k == name) {
            return Some(std::mem::replace(slot, value));
        }
        self.entries.push((name, value));
        None
    }

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

/// A map of these children, in this order; a name given twice keeps its
/// first position and its last value, as [`Map::insert`] does.
impl<'a, K: Into<Cow<'a, str>>> FromIterator<(K, Value<'a>)> for Map<'a> {
    fn from_iter<I: IntoIterator<Item = (K, Value<'a>)>>(iter: I) -> Self {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// A [`Value::String`].
impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::String(Cow::Borrowed(s))
    }
}

/// A [`Value::String`].
impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::String(Cow::Owned(s))
    }
}

/// A [`Value::Array`].
impl<'a> From<Vec<Value<'a>>> for Value<'a> {
    fn from(items: Vec<Value<'a>>) -> Self {
        Value::Array(items)
    }
}

/// A [`Value::Object`].
impl<'a> From<Map<'a>> for Value<'a> {
    fn from(map: Map<'a>) -> Self {
        Value::Object(map)
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

    /// The value a [JSON Pointer](https://www.rfc-editor.org/rfc/rfc6901)
    /// names in this tree's JSON form (`/Users/0/UserName`): each segment is
    /// an object key, or an array index in decimal; `~1` stands for `/` and
    /// `~0` for `~`. The empty pointer is the value itself. `None` when a
    /// segment names nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// let body = b"<ListUsersResponse><ListUsersResult><Users>\
    ///   <member><UserName>alice</UserName></member><member><UserName>bob</UserName></member>\
    ///   </Users></ListUsersResult></ListUsersResponse>";
    /// let response = aws_query_xml::parse(body)?;
    /// let result = response.result()?.unwrap();
    /// let bob = result.pointer("/Users/1/UserName").and_then(|v| v.as_str());
    /// assert_eq!(bob, Some("bob"));
    /// assert_eq!(result.pointer("/Users/2"), None);
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn pointer(&self, pointer: &str) -> Option<&Value<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |value, segment| {
            let key: Cow<'_, str> = if segment.contains('~') {
                Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(segment)
            };
            match value {
                Value::Object(map) => map.get(&key),
                Value::Array(items) => {
                    // decimal, without a leading zero or sign (RFC 6901)
                    let index = key
                        .parse::<usize>()
                        .ok()
                        .filter(|_| key == "0" || !key.starts_with(['0', '+']))?;
                    items.get(index)
                }
                Value::String(_) => None,
            }
        })
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

/// `value["Name"]`: the child `Name` of an object.
///
/// # Panics
///
/// When the value is not an object or has no such child, as a `HashMap`
/// does: use [`Value::get`] or [`Value::pointer`] for data that may be
/// absent.
impl<'a> std::ops::Index<&str> for Value<'a> {
    type Output = Value<'a>;

    fn index(&self, name: &str) -> &Value<'a> {
        match self {
            Value::Object(map) => &map[name],
            _ => panic!("no child `{name}`: the value is not an object"),
        }
    }
}

/// `value[i]`: the `i`-th item of an array.
///
/// # Panics
///
/// When the value is not an array or `i` is out of bounds: use
/// [`Value::as_array`] or [`Value::pointer`] for data that may be absent.
impl<'a> std::ops::Index<usize> for Value<'a> {
    type Output = Value<'a>;

    fn index(&self, i: usize) -> &Value<'a> {
        match self {
            Value::Array(items) => &items[i],
            _ => panic!("no item {i}: the value is not an array"),
        }
    }
}

/// `map["Name"]`: the child `Name`.
///
/// # Panics
///
/// When there is no such child: use [`Map::get`] for data that may be absent.
impl<'a> std::ops::Index<&str> for Map<'a> {
    type Output = Value<'a>;

    fn index(&self, name: &str) -> &Value<'a> {
        self.get(name)
            .unwrap_or_else(|| panic!("no child `{name}` in the map"))
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

/// An element of the result tree.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub(crate) name: &'a str,
    /// Offset of its start tag.
    pub(crate) start: u64,
    pub(crate) text: Option<Text<'a>>,
    pub(crate) children: Vec<Node<'a>>,
}

/// Builds the tree of an element's content from its tokens, as they come:
/// from [`gather`], or from the envelope pass itself (see
/// [`crate::pass::ResultTrees`]).
pub(crate) struct Builder<'a> {
    stack: Vec<Node<'a>>,
    take: Take,
}

/// Which of a content's elements a tree builder takes: all but the root's
/// metadata children when the result is the root's content, at most
/// `max_nodes` of them. The one rule of [`Builder`] and
/// [`crate::values::ValueBuilder`].
pub(crate) struct Take {
    root_children: bool,
    /// Depth inside a skipped subtree.
    skip: usize,
    nodes: usize,
    max_nodes: usize,
}

impl Take {
    pub(crate) fn new(root_children: bool, max_nodes: usize) -> Self {
        Take {
            root_children,
            skip: 0,
            nodes: 0,
            max_nodes,
        }
    }

    /// Whether the element that opens (`at_root`: a child of the content's
    /// root) is taken.
    ///
    /// # Errors
    ///
    /// Over `max_nodes`, at this element.
    pub(crate) fn open(&mut self, local: &str, at_root: bool, start: u64) -> Result<bool, Error> {
        if self.skip > 0 {
            self.skip += 1;
            return Ok(false);
        }
        if self.root_children && at_root && crate::names::is_root_metadata(local) {
            self.skip = 1;
            return Ok(false);
        }
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            return Err(Error::new(
                ErrorKind::LimitExceeded {
                    limit: Limit::Nodes,
                    max: self.max_nodes,
                },
                start,
            ));
        }
        Ok(true)
    }

    /// Whether the element that closes was taken (else it was skipped).
    pub(crate) fn close(&mut self) -> bool {
        if self.skip > 0 {
            self.skip -= 1;
            return false;
        }
        true
    }

    /// Inside a skipped subtree.
    pub(crate) fn skipping(&self) -> bool {
        self.skip > 0
    }

    /// The text mode the next token should be read in.
    pub(crate) fn text_mode(&self) -> TextMode {
        if self.skipping() {
            TextMode::Skip
        } else {
            TextMode::Assemble
        }
    }
}

impl<'a> Builder<'a> {
    /// A builder for the content that starts at `base`.
    pub(crate) fn new(base: u64, root_children: bool, max_nodes: usize) -> Self {
        Builder {
            stack: vec![Node {
                name: "",
                start: base,
                text: None,
                children: Vec::new(),
            }],
            take: Take::new(root_children, max_nodes),
        }
    }

    /// Where the content starts.
    pub(crate) fn base(&self) -> u64 {
        self.stack.first().map_or(0, |root| root.start)
    }

    /// The text mode the next token should be read in.
    pub(crate) fn text_mode(&self) -> TextMode {
        self.take.text_mode()
    }

    /// An element opens.
    ///
    /// # Errors
    ///
    /// Over `max_nodes`, at this element.
    pub(crate) fn open(&mut self, local: &'a str, start: u64) -> Result<(), Error> {
        if self.take.open(local, self.stack.len() == 1, start)? {
            self.stack.push(Node {
                name: local,
                start,
                text: None,
                children: Vec::new(),
            });
        }
        Ok(())
    }

    /// An element closes. False when it is the element whose content this
    /// is (nothing inside is open).
    pub(crate) fn close(&mut self) -> bool {
        if !self.take.close() {
            // a skipped element
        } else if self.stack.len() > 1
            && let Some(node) = self.stack.pop()
            && let Some(parent) = self.stack.last_mut()
        {
            parent.children.push(node);
        } else {
            return false;
        }
        true
    }

    /// A text value: an element's text is the last before its first child.
    pub(crate) fn text(&mut self, text: Text<'a>) {
        if !self.take.skipping()
            && let Some(top) = self.stack.last_mut()
            && top.children.is_empty()
        {
            top.text = Some(text);
        }
    }

    /// The content's root (its elements closed so far).
    pub(crate) fn finish(mut self) -> Node<'a> {
        self.stack.swap_remove(0)
    }
}

/// Gathers the elements of `content` (the content of the result element or
/// of the root) into a tree.
pub(crate) fn gather<'a>(
    content: &'a [u8],
    base: u64,
    root_children: bool,
    options: Options,
) -> Result<Node<'a>, Error> {
    crate::pass::gather::<Builder<'a>>(content, base, root_children, &options)
}

/// Groups items by name, in order of first appearance.
pub(crate) fn group_by_name<'a, T>(
    items: impl Iterator<Item = (&'a str, T)>,
) -> Vec<(&'a str, Vec<T>)> {
    let mut groups: Vec<(&'a str, Vec<T>)> = Vec::new();
    // An index only for wide elements: a linear scan is faster for a few names.
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    for (name, item) in items {
        let found = if groups.len() <= 16 {
            groups.iter().position(|(n, _)| *n == name)
        } else {
            if index.is_empty() {
                index.extend(groups.iter().enumerate().map(|(i, (n, _))| (*n, i)));
            }
            index.get(name).copied()
        };
        if let Some(i) = found {
            groups[i].1.push(item);
        } else {
            if !index.is_empty() {
                index.insert(name, groups.len());
            }
            groups.push((name, vec![item]));
        }
    }
    groups
}

/// Builds the result tree from where the envelope found it.
pub(crate) fn build<'s>(src: &'s ResultSource<'_>, options: Options) -> Result<Value<'s>, Error> {
    crate::pass::gather::<crate::values::ValueBuilder<'s>>(
        &src.content,
        src.base,
        src.root_children,
        &options,
    )
}

/// The result's tree when the parse built it ([`Options::build_result`]):
/// a cache, so any two are equal.
#[derive(Clone, Default)]
pub(crate) struct Built<'a>(pub(crate) Option<Value<'a>>);

impl PartialEq for Built<'_> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Built<'_> {}

impl std::fmt::Debug for Built<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "built"
        } else {
            "not built"
        })
    }
}
