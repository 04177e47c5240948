//! The one error type of the protocol module.
//!
//! Every variant carries where the problem is (a JSON path such as
//! `operations[0][1].fee.amount`, or a byte offset in binary input) and what was
//! wrong, so the CLI can print it on one line.

/// Errors from parsing, encoding, decoding, keys and signatures.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A required JSON field is absent.
    #[error("{path}: missing field `{field}`")]
    MissingField { path: String, field: String },
    /// A JSON value has the wrong type.
    #[error("{path}: expected {expected}, found {found}")]
    WrongType {
        path: String,
        expected: &'static str,
        found: String,
    },
    /// A number does not fit the field's type.
    #[error("{path}: {value} is out of range for {ty}")]
    OutOfRange {
        path: String,
        value: String,
        ty: &'static str,
    },
    /// An operation tag (number or name) that this build does not know.
    #[error("{path}: operation {tag}")]
    UnknownOperation { path: String, tag: String },
    /// A value of the right type whose content is not acceptable.
    #[error("{path}: invalid {what}: {reason}")]
    Invalid {
        path: String,
        what: &'static str,
        reason: String,
    },
    /// Binary input ended inside a value.
    #[error("binary input ends at byte {offset} while reading {what}")]
    UnexpectedEnd { offset: usize, what: &'static str },
    /// Binary input holds bytes that are not a valid value.
    #[error("binary input at byte {offset}: invalid {what}: {reason}")]
    BadBinary {
        offset: usize,
        what: &'static str,
        reason: String,
    },
    /// Binary input has bytes left after the value.
    #[error("binary input has {count} trailing byte(s) after the {what} (at byte {offset})")]
    Trailing {
        offset: usize,
        count: usize,
        what: &'static str,
    },
    /// A key, address or WIF that does not parse.
    #[error("invalid {what}: {reason}")]
    Key { what: &'static str, reason: String },
    /// A signature that does not parse or recover.
    #[error("invalid signature{at}: {reason}")]
    Signature { at: String, reason: String },
}

impl Error {
    pub(crate) fn key(what: &'static str, reason: impl Into<String>) -> Self {
        Error::Key {
            what,
            reason: reason.into(),
        }
    }
}

/// Protocol results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
