//! The generic result tree: what [`Response::result`](crate::Response::result)
//! builds and the CLI prints as JSON.

use std::borrow::Cow;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

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

    pub(crate) fn into_entries(self) -> Vec<(Cow<'a, str>, Value<'a>)> {
        self.entries
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
