//! The node tree serde's fallback reads: the elements of a result (or an
//! `<Error>`'s members) with their offsets, for targets that must look
//! ahead (maps, flattened fields, untagged enums) where the pull cannot.

use std::collections::HashMap;

use crate::Options;
use crate::error::Error;
use crate::pass::{Grow, Take, gather as gather_with};
use crate::text::Text;
use crate::tokens::TextMode;

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
/// `pass::ResultTrees`).
pub(crate) struct Builder<'a> {
    stack: Vec<Node<'a>>,
    take: Take,
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
        if !self.take.ignoring()
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
    gather_with::<Builder<'a>>(content, base, root_children, &options)
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

impl<'a> Grow<'a> for Builder<'a> {
    type Tree = Node<'a>;
    fn new(base: u64, root_children: bool, options: &Options) -> Self {
        Builder::new(base, root_children, options.limits.max_nodes)
    }
    fn base(&self) -> u64 {
        Builder::base(self)
    }
    fn text_mode(&self) -> TextMode {
        Builder::text_mode(self)
    }
    fn open(&mut self, local: &'a str, start: u64) -> Result<(), Error> {
        Builder::open(self, local, start)
    }
    fn close(&mut self) -> bool {
        Builder::close(self)
    }
    fn text(&mut self, text: Text<'a>) {
        Builder::text(self, text);
    }
    fn finish(self) -> Node<'a> {
        Builder::finish(self)
    }
}
