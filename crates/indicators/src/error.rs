//! Errors of the crate, as data: an indicator file that was refused (file,
//! line and reason).

use std::fmt;

/// An indicator file that was refused: the file, the line when known
/// (`file:line: reason`), and what is wrong.
pub type LoadError = data_file::FileError<LoadErrorKind>;

/// What is wrong with an indicator file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// Not valid TOML, or a field missing, misspelt or of the wrong type.
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// A name that is not one of the allowed values.
    UnknownValue {
        /// The field, e.g. `unit`.
        field: &'static str,
        /// The value found.
        value: String,
        /// The values allowed.
        allowed: Vec<&'static str>,
    },
    /// A field holds a value that makes no sense (empty name, min above max, …).
    InvalidValue {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// A field this predicate or reference needs is missing.
    MissingField {
        /// The indicator id.
        id: String,
        /// The field.
        field: &'static str,
        /// What needs it (`has_event`, `anniversary`, `days` …).
        by: &'static str,
    },
    /// A field this predicate or reference does not use is present.
    UnexpectedField {
        /// The indicator id.
        id: String,
        /// The field.
        field: &'static str,
        /// What does not use it.
        by: &'static str,
    },
    /// The same id appears twice.
    DuplicateId {
        /// The id.
        id: String,
        /// The line it was first defined on.
        first_line: usize,
    },
}

impl data_file::TomlErrorKind for LoadErrorKind {
    fn syntax(message: String) -> Self {
        LoadErrorKind::Syntax { message }
    }

    fn unknown_value(field: &'static str, value: String, allowed: Vec<&'static str>) -> Self {
        LoadErrorKind::UnknownValue { field, value, allowed }
    }
}

impl fmt::Display for LoadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadErrorKind::Syntax { message } => write!(f, "{}", message.trim_end()),
            LoadErrorKind::UnknownValue { field, value, allowed } => write!(f, "{field} = {value:?} is not known; use one of: {}", allowed.join(", ")),
            LoadErrorKind::InvalidValue { field, reason } => write!(f, "{field}: {reason}"),
            LoadErrorKind::MissingField { id, field, by } => {
                write!(f, "indicator {id}: {by} needs `{field}`")
            }
            LoadErrorKind::UnexpectedField { id, field, by } => {
                write!(f, "indicator {id}: {by} does not use `{field}`")
            }
            LoadErrorKind::DuplicateId { id, first_line } => write!(f, "indicator {id} is defined twice (first on line {first_line})"),
        }
    }
}
