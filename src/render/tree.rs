//! A result tree written as elements: objects as children by name, arrays
//! as `member`/`item` lists or flattened runs; refusals for the shapes the
//! parser would read back otherwise (an empty object or array, an object of
//! `member` alone).

use std::fmt::Write as _;

use crate::render::styles::unsupported;
use crate::render::writer::{TextKind, Writer};
use crate::render::{Arrays, RenderError, RenderOptions};
use crate::tokens::is_ncname;
use crate::{Envelope, Limit, Map, Value};

/// A place in the response, formatted only for an error.
#[derive(Clone, Copy)]
pub(crate) struct Path<'p> {
    pub(crate) parent: Option<&'p Path<'p>>,
    pub(crate) name: &'p str,
    pub(crate) index: Option<usize>,
}

impl<'p> Path<'p> {
    pub(crate) fn root(name: &'p str) -> Self {
        Path {
            parent: None,
            name,
            index: None,
        }
    }

    pub(crate) fn child(&'p self, name: &'p str) -> Path<'p> {
        Path {
            parent: Some(self),
            name,
            index: None,
        }
    }

    pub(crate) fn at(self, index: usize) -> Self {
        Path {
            index: Some(index),
            ..self
        }
    }

    pub(crate) fn show(&self) -> String {
        let mut s = match self.parent {
            Some(p) => p.show() + "/",
            None => String::new(),
        };
        s.push_str(self.name);
        if let Some(i) = self.index {
            let _ = write!(s, "[{i}]");
        }
        s
    }
}

/// Writes a result tree as elements.
pub(crate) struct Tree<'o> {
    arrays: Arrays,
    prefix: Option<&'o str>,
    nodes: usize,
    max_nodes: usize,
}

impl<'o> Tree<'o> {
    pub(crate) fn new(opts: &RenderOptions, prefix: Option<&'o str>) -> Self {
        Tree {
            arrays: opts.arrays,
            prefix,
            nodes: 0,
            max_nodes: opts.max_nodes(),
        }
    }

    /// One more element of the result.
    fn count(&mut self, path: &Path<'_>) -> Result<(), RenderError> {
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            return Err(RenderError::OverLimit {
                field: path.show(),
                limit: Limit::Nodes,
                max: self.max_nodes,
            });
        }
        Ok(())
    }

    /// The members of an object, each an element (or a run of them).
    pub(crate) fn children(
        &mut self,
        w: &mut Writer,
        map: &Map<'_>,
        path: &Path<'_>,
        top: bool,
    ) -> Result<(), RenderError> {
        if !top {
            if map.is_empty() {
                return Err(unsupported(
                    Envelope::ActionResponse,
                    format!("`{}`: an empty object (it reads as \"\")", path.show()),
                ));
            }
            if map.len() == 1 && map.iter().all(|(k, _)| crate::names::is_list_item(k)) {
                return Err(unsupported(
                    Envelope::ActionResponse,
                    format!(
                        "`{}`: an object of `member` or `item` alone (it reads as an array)",
                        path.show()
                    ),
                ));
            }
        }
        for (k, v) in map.iter() {
            let here = path.child(k);
            if !is_ncname(k) {
                return Err(RenderError::InvalidName { field: here.show() });
            }
            self.value(w, k, v, &here, false)?;
        }
        Ok(())
    }

    /// `<name>` holding `value`; `member`: an item of a wrapped list, whose
    /// arrays are wrapped too (flattened, they would join the list).
    fn value(
        &mut self,
        w: &mut Writer,
        name: &str,
        value: &Value<'_>,
        path: &Path<'_>,
        member: bool,
    ) -> Result<(), RenderError> {
        match value {
            Value::String(s) => {
                self.count(path)?;
                w.leaf(self.prefix, name, s, TextKind::Value, &|| path.show())
            }
            Value::Object(map) => {
                self.count(path)?;
                w.start(self.prefix, name, &[], &|| path.show())?;
                self.children(w, map, path, false)?;
                w.end();
                Ok(())
            }
            Value::Array(items) => {
                if items.is_empty() {
                    return Err(unsupported(
                        Envelope::ActionResponse,
                        format!("`{}`: an empty array (it reads as \"\")", path.show()),
                    ));
                }
                let item = match self.arrays {
                    Arrays::Item => "item",
                    Arrays::Flattened if items.len() > 1 && !member => {
                        for (i, v) in items.iter().enumerate() {
                            let here = path.at(i);
                            match v {
                                // an array item of a flattened run: a list of its own
                                Value::Array(inner) => {
                                    self.wrapped(w, name, inner, "member", &here)?;
                                }
                                v => self.value(w, name, v, &here, false)?,
                            }
                        }
                        return Ok(());
                    }
                    _ => "member",
                };
                self.wrapped(w, name, items, item, path)
            }
        }
    }

    /// `<name><item>...</item>...</name>`.
    fn wrapped(
        &mut self,
        w: &mut Writer,
        name: &str,
        items: &[Value<'_>],
        item: &str,
        path: &Path<'_>,
    ) -> Result<(), RenderError> {
        if items.is_empty() {
            return Err(unsupported(
                Envelope::ActionResponse,
                format!("`{}`: an empty array (it reads as \"\")", path.show()),
            ));
        }
        self.count(path)?;
        w.start(self.prefix, name, &[], &|| path.show())?;
        for (i, v) in items.iter().enumerate() {
            self.value(w, item, v, &path.child(item).at(i), true)?;
        }
        w.end();
        Ok(())
    }
}
