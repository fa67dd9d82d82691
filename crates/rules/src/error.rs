//! Errors of the crate, as data: a refused rule file (file, line, reason) and
//! a refused municipal override (rule, values, reason).

use calendar::{Date, Offset};
use std::fmt;

/// A rule or override file that was refused: the file, the line when known
/// (`file:line: reason`), and what is wrong.
pub type LoadError = data_file::FileError<LoadErrorKind>;

/// What is wrong with a rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The file could not be read.
    Io {
        /// The operating system's message.
        message: String,
    },
    /// Not valid TOML, or a field missing, misspelt or of the wrong type.
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// A name that is not one of the allowed values (unknown trigger, measure kind, …).
    UnknownValue {
        /// The field, e.g. `trigger`.
        field: &'static str,
        /// The value found.
        value: String,
        /// The values allowed.
        allowed: Vec<&'static str>,
    },
    /// A field holds a value that makes no sense (empty title, zero hours, …).
    InvalidValue {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// A field this kind of rule needs is missing.
    MissingField {
        /// The rule id.
        id: String,
        /// The field.
        field: &'static str,
        /// The measure kind that needs it.
        kind: &'static str,
    },
    /// A field this kind of rule does not use is present.
    UnexpectedField {
        /// The rule id.
        id: String,
        /// The field.
        field: &'static str,
        /// The measure kind that does not use it.
        kind: &'static str,
    },
    /// A rule does not say where it comes from in law or from when it holds:
    /// `law`, `law_number`, `paragraph` or `valid_from` is missing or empty.
    MissingSource {
        /// The rule id.
        id: String,
        /// The field.
        field: &'static str,
    },
    /// `valid_to` is before `valid_from`.
    ValidToBeforeValidFrom {
        /// The rule id.
        id: String,
        /// The start.
        valid_from: Date,
        /// The end.
        valid_to: Date,
    },
    /// The same id and version appears twice.
    DuplicateRule {
        /// The rule id.
        id: String,
        /// The version.
        version: u32,
        /// Where it was first defined (`file:line`).
        first: String,
    },
    /// Two versions of one rule are in force on the same day.
    OverlappingVersions {
        /// The rule id.
        id: String,
        /// One version.
        version: u32,
        /// The other version.
        other: u32,
    },
    /// An override names a rule that does not exist.
    UnknownRule {
        /// The id given.
        id: String,
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
            LoadErrorKind::Io { message } => write!(f, "cannot read the file: {message}"),
            LoadErrorKind::Syntax { message } => write!(f, "{}", message.trim_end()),
            LoadErrorKind::UnknownValue { field, value, allowed } => write!(f, "{field} = {value:?} is not known; use one of: {}", allowed.join(", ")),
            LoadErrorKind::InvalidValue { field, reason } => write!(f, "{field}: {reason}"),
            LoadErrorKind::MissingField { id, field, kind } => {
                write!(f, "rule {id}: a {kind} rule needs `{field}`")
            }
            LoadErrorKind::UnexpectedField { id, field, kind } => {
                write!(f, "rule {id}: a {kind} rule does not use `{field}`")
            }
            LoadErrorKind::MissingSource { id, field } => write!(
                f,
                "rule {id} needs `{field}`: every rule cites its law by name and number, \
                 the paragraph with stk., and the date it holds from"
            ),
            LoadErrorKind::ValidToBeforeValidFrom { id, valid_from, valid_to } => write!(f, "rule {id}: valid_to {valid_to} is before valid_from {valid_from}"),
            LoadErrorKind::DuplicateRule { id, version, first } => write!(f, "rule {id} version {version} is defined twice (first at {first})"),
            LoadErrorKind::OverlappingVersions { id, version, other } => write!(
                f,
                "rule {id}: versions {other} and {version} are both in force on some day; \
                 end the older one (valid_to) the day before the newer one starts"
            ),
            LoadErrorKind::UnknownRule { id } => write!(f, "there is no rule {id:?}"),
        }
    }
}

/// A municipal override that was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverrideError {
    /// The rule the override names.
    pub rule_id: String,
    /// What is wrong.
    pub kind: OverrideErrorKind,
}

/// Why a municipal override was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OverrideErrorKind {
    /// No rule has that id.
    UnknownRule,
    /// The override would make the deadline later.
    LaterDeadline {
        /// The shipped offset.
        shipped: Offset,
        /// The offset asked for.
        requested: Offset,
    },
    /// The two offsets cannot be compared safely (e.g. working days against
    /// months, where closed days make working days unbounded).
    IncomparableOffsets {
        /// The shipped offset.
        shipped: Offset,
        /// The offset asked for.
        requested: Offset,
    },
    /// The override would lower a minimum (hours, number of events).
    LowerMinimum {
        /// The field, `hours` or `count`.
        field: &'static str,
        /// The shipped value.
        shipped: u32,
        /// The value asked for.
        requested: u32,
    },
    /// The override would turn off a rule that is on by default.
    Disables,
    /// The field cannot be changed on this kind of rule.
    NotAdjustable {
        /// The field.
        field: &'static str,
        /// The measure kind of the rule.
        kind: &'static str,
    },
}

impl fmt::Display for OverrideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = &self.rule_id;
        match &self.kind {
            OverrideErrorKind::UnknownRule => {
                write!(f, "override of {id:?}: there is no such rule")
            }
            OverrideErrorKind::LaterDeadline { shipped, requested } => write!(
                f,
                "override of rule {id}: offset {requested} would loosen the rule's {shipped}; \
                 a municipality may only shorten a deadline"
            ),
            OverrideErrorKind::IncomparableOffsets { shipped, requested } => write!(
                f,
                "override of rule {id}: offset {requested} cannot be shown to be shorter than \
                 the rule's {shipped}; give it in the same unit"
            ),
            OverrideErrorKind::LowerMinimum { field, shipped, requested } => write!(
                f,
                "override of rule {id}: {field} {requested} would loosen the rule's {shipped}; \
                 a municipality may only raise it"
            ),
            OverrideErrorKind::Disables => write!(f, "override of rule {id}: enabled = false would turn off a rule that is on by law"),
            OverrideErrorKind::NotAdjustable { field, kind } => write!(f, "override of rule {id}: `{field}` cannot be changed on a {kind} rule"),
        }
    }
}

impl std::error::Error for OverrideError {}
