//! Where in a JSON document a value sits, built on the stack while parsing.
//!
//! A `Path` costs nothing until an error or warning needs its text, so parsing
//! does not allocate strings for paths that are never printed.

use std::cell::RefCell;
use std::fmt;

/// A position in a JSON document: `operations[0][1].fee.amount`.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    /// The document itself; it may carry a sink for warnings.
    Root(Option<&'a RefCell<Vec<String>>>),
    /// A field of an object.
    Field(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// A root path with no warning sink.
    pub const ROOT: Path<'static> = Path::Root(None);

    /// A child path for an object field.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// A child path for an array element.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    /// Records a warning (for example an unknown field the node would ignore).
    pub fn warn(&self, message: impl FnOnce(&str) -> String) {
        let mut p = self;
        loop {
            match p {
                Path::Root(Some(sink)) => {
                    let at = self.to_string();
                    sink.borrow_mut().push(message(&at));
                    return;
                }
                Path::Root(None) => return,
                Path::Field(parent, _) | Path::Index(parent, _) => p = parent,
            }
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(_) => f.write_str("$"),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

impl fmt::Debug for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
