//! The result's [`Value`] built straight from its tokens, with no tree of
//! nodes in between: what [`Response::result`](crate::Response::result) and
//! the CLI give. It holds what the value holds and the elements still open,
//! nothing more (a million `<a/>` cost the million empty strings of their
//! array).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::Error;
use crate::pass::{Grow, Take};
use crate::span::ResultSource;
use crate::text::Text;
use crate::tokens::TextMode;
use crate::tree::{Map, Value};
use crate::{Options, Whitespace};

/// Builds the [`Value`] of an element's content as its tokens come: the
/// rules of [`Value`] (a name that repeats is an array, an element whose
/// children are all `member` or all `item` is an array, a leaf is its text),
/// applied as each element closes.
pub(crate) struct ValueBuilder<'a> {
    /// The open elements; the first is the content's root.
    stack: Vec<Open<'a>>,
    base: u64,
    whitespace: Whitespace,
    take: Take,
}

/// An open element: its text, and its children's values by name.
struct Open<'a> {
    name: &'a str,
    text: Option<Text<'a>>,
    children: Children<'a>,
}

/// Children's values by name, in order of first appearance.
#[derive(Default)]
struct Children<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
    /// Which entries are the array of a repeated name (not a value that
    /// happens to be an array), a bit each; empty until a name repeats.
    repeated: Vec<u64>,
    /// Where each name is, once there are many.
    index: HashMap<&'a str, usize>,
    count: usize,
}

/// Past this many names, a child's entry is found by hash, not by a scan.
const SCAN: usize = 16;

impl<'a> Children<'a> {
    fn add(&mut self, name: &'a str, value: Value<'a>) {
        self.count += 1;
        let found =
            if self.entries.len() <= SCAN {
                self.entries.iter().position(|(n, _)| n == name)
            } else {
                if self.index.is_empty() {
                    self.index
                        .extend(self.entries.iter().enumerate().filter_map(
                            |(i, (n, _))| match n {
                                Cow::Borrowed(n) => Some((*n, i)),
                                Cow::Owned(_) => None,
                            },
                        ));
                }
                self.index.get(name).copied()
            };
        let Some(i) = found else {
            if !self.index.is_empty() {
                self.index.insert(name, self.entries.len());
            }
            // most elements have one child: room for one, not four
            if self.entries.is_empty() {
                self.entries.reserve_exact(1);
            }
            self.entries.push((Cow::Borrowed(name), value));
            return;
        };
        let repeated = self.is_repeated(i);
        let (_, slot) = &mut self.entries[i];
        if repeated {
            if let Value::Array(items) = slot {
                items.push(value);
            }
        } else {
            let first = std::mem::replace(slot, Value::Array(Vec::new()));
            *slot = Value::Array(vec![first, value]);
            self.mark_repeated(i);
        }
    }

    fn is_repeated(&self, i: usize) -> bool {
        self.repeated
            .get(i / 64)
            .is_some_and(|bits| bits & (1 << (i % 64)) != 0)
    }

    fn mark_repeated(&mut self, i: usize) {
        if self.repeated.len() <= i / 64 {
            self.repeated.resize(i / 64 + 1, 0);
        }
        self.repeated[i / 64] |= 1 << (i % 64);
    }

    /// The value of the element that holds these children.
    fn into_value(mut self, text: Option<Text<'a>>, whitespace: Whitespace) -> Value<'a> {
        if self.count == 0 {
            return Value::String(text.map_or(Cow::Borrowed(""), |t| t.with_policy(whitespace)));
        }
        // every child `member`, or every child `item`: an array
        if self.entries.len() == 1 && crate::names::is_list_item(&self.entries[0].0) {
            let repeated = self.is_repeated(0);
            if let Some((_, value)) = self.entries.pop() {
                return match value {
                    Value::Array(items) if repeated => Value::Array(items),
                    one => Value::Array(vec![one]),
                };
            }
        }
        Value::Object(self.into_map())
    }

    fn into_map(self) -> Map<'a> {
        Map::from_entries(self.entries)
    }
}

impl<'a> ValueBuilder<'a> {
    fn top(&mut self) -> &mut Open<'a> {
        // the content's root is never popped
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }
}

impl<'a> Grow<'a> for ValueBuilder<'a> {
    type Tree = Value<'a>;

    fn new(base: u64, root_children: bool, options: &Options) -> Self {
        ValueBuilder {
            stack: vec![Open {
                name: "",
                text: None,
                children: Children::default(),
            }],
            base,
            whitespace: options.whitespace,
            take: Take::new(root_children, options.limits.max_nodes),
        }
    }

    fn base(&self) -> u64 {
        self.base
    }

    fn text_mode(&self) -> TextMode {
        self.take.text_mode()
    }

    fn open(&mut self, local: &'a str, start: u64) -> Result<(), Error> {
        if self.take.open(local, self.stack.len() == 1, start)? {
            self.stack.push(Open {
                name: local,
                text: None,
                children: Children::default(),
            });
        }
        Ok(())
    }

    fn close(&mut self) -> bool {
        if !self.take.close() {
            // a skipped element
            return true;
        }
        if self.stack.len() == 1 {
            return false;
        }
        if let Some(open) = self.stack.pop() {
            let value = open.children.into_value(open.text, self.whitespace);
            self.top().children.add(open.name, value);
        }
        true
    }

    fn text(&mut self, text: Text<'a>) {
        if self.take.ignoring() {
            return;
        }
        // an element's text is the last before its first child
        let top = self.top();
        if top.children.count == 0 {
            top.text = Some(text);
        }
    }

    fn finish(mut self) -> Value<'a> {
        let root = self.stack.swap_remove(0);
        Value::Object(root.children.into_map())
    }
}

/// Builds the result tree from where the envelope found it.
pub(crate) fn build<'s>(src: &'s ResultSource<'_>, options: Options) -> Result<Value<'s>, Error> {
    crate::pass::gather::<ValueBuilder<'s>>(&src.content, src.base, src.root_children, &options)
}
